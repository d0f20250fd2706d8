/* bos-letter-text.c: letter templates, merge fields and names of letter files
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * See bos-letter-text.h for the template syntax. Checking and merging are
 * one pass over the text: with no values it only checks.
 */
#define G_LOG_DOMAIN "bos-letter-text"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "bos-error.h"
#include "bos-letter-text.h"
#include "bos-letter-templates.h"

#define TEMPLATE_RESOURCE "/io/github/bosetting/Bosetting/letters/request-%s.txt"
#define NO_BREAK_SPACE "\xc2\xa0"

static const char * const fields[] = {
  BOS_LETTER_FIELD_MUNICIPALITY,
  BOS_LETTER_FIELD_COUNTY,
  BOS_LETTER_FIELD_YEAR,
  BOS_LETTER_FIELD_NEXT_YEAR,
  BOS_LETTER_FIELD_REQUEST,
  BOS_LETTER_FIELD_MINORS,
  BOS_LETTER_FIELD_NEXT_YEAR_FIGURE,
  BOS_LETTER_FIELD_DEADLINE,
  BOS_LETTER_FIELD_CONTACT,
  BOS_LETTER_FIELD_REFERENCE,
  BOS_LETTER_FIELD_SIGNATORY,
  BOS_LETTER_FIELD_SIGNATORY_TITLE,
  BOS_LETTER_FIELD_DATE,
  BOS_LETTER_FIELD_SENDER,
  NULL
};

/* Fields whose digits are written with thousands separators. */
static const char * const number_fields[] = {
  BOS_LETTER_FIELD_REQUEST,
  BOS_LETTER_FIELD_MINORS,
  BOS_LETTER_FIELD_NEXT_YEAR_FIGURE,
  NULL
};

const char * const *
bos_letter_fields (void)
{
  return fields;
}

gboolean
bos_letter_is_field (const char *name)
{
  g_return_val_if_fail (name != NULL, FALSE);
  return g_strv_contains (fields, name);
}

gboolean
bos_letter_is_language (const char *language)
{
  return language != NULL && (g_str_equal (language, "nb") || g_str_equal (language, "nn"));
}

/**
 * bos_letter_language_for:
 * @language_form: the municipality's "bokmal", "nynorsk" or "neutral"
 * @override: (nullable): "nb" or "nn" chosen for the municipality
 *
 * Returns: "nb" or "nn"
 */
const char *
bos_letter_language_for (const char *language_form,
                         const char *override)
{
  if (bos_letter_is_language (override))
    return g_str_equal (override, "nn") ? "nn" : "nb";
  if (language_form != NULL && g_str_equal (language_form, "nynorsk"))
    return "nn";
  return "nb";
}

char *
bos_letter_slug (const char *name)
{
  g_autoptr(GString) slug = g_string_new (NULL);

  g_return_val_if_fail (name != NULL, NULL);

  for (const char *p = name; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_unichar_tolower (g_utf8_get_char (p));

      if (c == 0x00e6)         /* æ */
        g_string_append (slug, "ae");
      else if (c == 0x00f8)    /* ø */
        g_string_append_c (slug, 'o');
      else if (c == 0x00e5)    /* å */
        g_string_append_c (slug, 'a');
      else if (c < 0x80 && g_ascii_isalnum ((char) c))
        g_string_append_c (slug, (char) c);
      else
        {
          char utf8[8] = { 0 };
          g_autofree char *ascii = NULL;
          gboolean added = FALSE;

          g_unichar_to_utf8 (c, utf8);
          ascii = g_str_to_ascii (utf8, "C");
          for (const char *a = ascii; *a != '\0'; a++)
            if (g_ascii_isalnum (*a))
              {
                g_string_append_c (slug, g_ascii_tolower (*a));
                added = TRUE;
              }
          if (!added && slug->len > 0 && slug->str[slug->len - 1] != '-')
            g_string_append_c (slug, '-');
        }
    }
  while (slug->len > 0 && slug->str[slug->len - 1] == '-')
    g_string_truncate (slug, slug->len - 1);
  return g_string_free (g_steal_pointer (&slug), FALSE);
}

char *
bos_letter_file_name (int         year,
                      const char *code,
                      const char *name)
{
  g_autofree char *slug = NULL;

  g_return_val_if_fail (code != NULL, NULL);
  g_return_val_if_fail (name != NULL, NULL);

  slug = bos_letter_slug (name);
  return g_strdup_printf ("%d-%s-%s-anmodning.pdf", year, code, slug);
}

char *
bos_letter_format_number (gint64 number)
{
  g_autofree char *digits = g_strdup_printf ("%" G_GINT64_FORMAT, number < 0 ? -number : number);
  GString *text = g_string_new (number < 0 ? "−" : NULL);
  gsize n = strlen (digits);

  for (gsize i = 0; i < n; i++)
    {
      if (i > 0 && n >= 4 && (n - i) % 3 == 0)
        g_string_append (text, NO_BREAK_SPACE);
      g_string_append_c (text, digits[i]);
    }
  return g_string_free (text, FALSE);
}

char *
bos_letter_default_template (const char *language)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *path = NULL;
  gsize size;
  const char *data;

  g_return_val_if_fail (bos_letter_is_language (language), NULL);

  path = g_strdup_printf (TEMPLATE_RESOURCE, language);
  bytes = g_resource_lookup_data (bos_letter_templates_get_resource (), path,
                                  G_RESOURCE_LOOKUP_FLAGS_NONE, NULL);
  g_return_val_if_fail (bytes != NULL, NULL);
  data = g_bytes_get_data (bytes, &size);
  return g_strndup (data, size);
}

/* ---- merging ------------------------------------------------------------- */

static gboolean
is_digits (const char *text)
{
  if (text == NULL || *text == '\0')
    return FALSE;
  for (const char *p = text; *p != '\0'; p++)
    if (!g_ascii_isdigit (*p))
      return FALSE;
  return TRUE;
}

static gboolean
is_set (GHashTable *values,
        const char *name)
{
  const char *value = values ? g_hash_table_lookup (values, name) : NULL;

  return value != NULL && *value != '\0' && !g_str_equal (value, "0");
}

static gboolean
check_name (const char  *name,
            guint        line,
            GError     **error)
{
  if (bos_letter_is_field (name))
    return TRUE;
  g_set_error (error, BOS_ERROR, BOS_ERROR_PARSE,
               _("The template has an unknown merge field “%s” on line %u; the fields are "
                 "municipality, county, year, next_year, request, minors, next_year_figure, "
                 "deadline, contact, reference, signatory, signatory_title, date and sender"),
               name, line);
  return FALSE;
}

static void
append_value (GString    *out,
              GHashTable *values,
              const char *name)
{
  const char *value = g_hash_table_lookup (values, name);

  if (value == NULL)
    return;
  if (g_strv_contains (number_fields, name) && is_digits (value))
    {
      g_autofree char *number = bos_letter_format_number (g_ascii_strtoll (value, NULL, 10));

      g_string_append (out, number);
    }
  else
    g_string_append (out, value);
}

typedef struct
{
  char     *name;
  guint     line;
  gboolean  was_active;
} Condition;

static void
condition_clear (gpointer data)
{
  g_free (((Condition *) data)->name);
}

/* One pass over @text: checks it and, when @values is given, merges. */
static gboolean
process (const char  *text,
         GHashTable  *values,
         GString     *out,
         GError     **error)
{
  g_autoptr(GArray) conditions = g_array_new (FALSE, TRUE, sizeof (Condition));
  gboolean active = TRUE;
  guint line = 1;
  const char *p = text;

  g_array_set_clear_func (conditions, condition_clear);

  while (*p != '\0')
    {
      const char *end;
      g_autofree char *token = NULL;

      if (p[0] == '{' && p[1] == '{')
        {
          if (active && out)
            g_string_append_c (out, '{');
          p += 2;
          continue;
        }
      if (p[0] == '}' && p[1] == '}')
        {
          if (active && out)
            g_string_append_c (out, '}');
          p += 2;
          continue;
        }
      if (p[0] != '{')
        {
          if (*p == '\n')
            line++;
          if (active && out)
            g_string_append_c (out, *p);
          p++;
          continue;
        }

      end = p + 1;
      while (*end != '\0' && *end != '}' && *end != '{' && *end != '\n')
        end++;
      if (*end != '}')
        {
          g_set_error (error, BOS_ERROR, BOS_ERROR_PARSE,
                       _("The template has a “{” without its “}” on line %u (write “{{” for "
                         "a brace)"), line);
          return FALSE;
        }
      token = g_strndup (p + 1, end - p - 1);
      p = end + 1;

      if (token[0] == '?')
        {
          Condition condition = { NULL, line, active };

          if (!check_name (token + 1, line, error))
            return FALSE;
          condition.name = g_strdup (token + 1);
          g_array_append_val (conditions, condition);
          active = active && (values == NULL || is_set (values, token + 1));
        }
      else if (token[0] == '/')
        {
          Condition *open;

          if (conditions->len == 0)
            {
              g_set_error (error, BOS_ERROR, BOS_ERROR_PARSE,
                           _("The template closes “{/%s}” on line %u without an opening "
                             "“{?%s}”"), token + 1, line, token + 1);
              return FALSE;
            }
          open = &g_array_index (conditions, Condition, conditions->len - 1);
          if (!g_str_equal (open->name, token + 1))
            {
              g_set_error (error, BOS_ERROR, BOS_ERROR_PARSE,
                           _("The template closes “{/%s}” on line %u, but the open condition is "
                             "“{?%s}” from line %u"), token + 1, line, open->name, open->line);
              return FALSE;
            }
          active = open->was_active;
          g_array_set_size (conditions, conditions->len - 1);
        }
      else
        {
          g_auto(GStrv) parts = g_strsplit (token, "|", -1);
          guint n_parts = g_strv_length (parts);

          if (!check_name (parts[0], line, error))
            return FALSE;
          if (n_parts != 1 && n_parts != 3)
            {
              g_set_error (error, BOS_ERROR, BOS_ERROR_PARSE,
                           _("The merge field “%s” on line %u needs two words after it, "
                             "{%s|one|many}, or none"), parts[0], line, parts[0]);
              return FALSE;
            }
          if (n_parts == 3 && !g_strv_contains (number_fields, parts[0]))
            {
              g_set_error (error, BOS_ERROR, BOS_ERROR_PARSE,
                           _("The merge field “%s” on line %u is not a number, so it cannot "
                             "choose between “%s” and “%s”"), parts[0], line, parts[1], parts[2]);
              return FALSE;
            }
          if (active && out != NULL && values != NULL)
            {
              const char *value = g_hash_table_lookup (values, parts[0]);

              if (n_parts == 1)
                append_value (out, values, parts[0]);
              else if (is_digits (value))
                {
                  append_value (out, values, parts[0]);
                  g_string_append_c (out, ' ');
                  g_string_append (out, g_str_equal (value, "1") ? parts[1] : parts[2]);
                }
            }
        }
    }

  if (conditions->len > 0)
    {
      Condition *open = &g_array_index (conditions, Condition, conditions->len - 1);

      g_set_error (error, BOS_ERROR, BOS_ERROR_PARSE,
                   _("The condition “{?%s}” on line %u is never closed with “{/%s}”"),
                   open->name, open->line, open->name);
      return FALSE;
    }
  return TRUE;
}

/* Paragraphs without trailing blanks; paragraphs left empty dropped. */
static char *
tidy_paragraphs (const char *text)
{
  g_auto(GStrv) lines = g_strsplit (text, "\n", -1);
  g_autoptr(GString) out = g_string_new (NULL);
  g_autoptr(GString) paragraph = g_string_new (NULL);

  for (guint i = 0; ; i++)
    {
      gboolean last = lines[i] == NULL;
      char *line = last ? NULL : g_strchomp (lines[i]);
      gboolean blank = last;

      if (!last)
        {
          const char *q = line;

          while (*q == ' ' || *q == '\t')
            q++;
          blank = *q == '\0';
        }

      if (blank)
        {
          if (paragraph->len > 0)
            {
              if (out->len > 0)
                g_string_append (out, "\n\n");
              g_string_append_len (out, paragraph->str, paragraph->len);
              g_string_truncate (paragraph, 0);
            }
          if (last)
            break;
          continue;
        }
      if (paragraph->len > 0)
        g_string_append_c (paragraph, '\n');
      g_string_append (paragraph, line);
    }
  return g_string_free (g_steal_pointer (&out), FALSE);
}

gboolean
bos_letter_template_check (const char  *template_text,
                           GError     **error)
{
  g_return_val_if_fail (template_text != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!g_utf8_validate (template_text, -1, NULL))
    {
      g_set_error (error, BOS_ERROR, BOS_ERROR_ENCODING, _("The template is not valid UTF-8 text"));
      return FALSE;
    }
  return process (template_text, NULL, NULL, error);
}

/**
 * bos_letter_merge:
 * @template_text: a template (see bos-letter-text.h)
 * @values: (element-type utf8 utf8): field name → value
 *
 * Returns: (transfer full): the merged letter: the subject, a blank line,
 *   then the paragraphs; or %NULL with a BOS_ERROR_PARSE @error that
 *   names the unknown field or the broken condition and its line
 */
char *
bos_letter_merge (const char  *template_text,
                  GHashTable  *values,
                  GError     **error)
{
  g_autoptr(GString) out = NULL;
  g_autofree char *normalized = NULL;

  g_return_val_if_fail (template_text != NULL, NULL);
  g_return_val_if_fail (values != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!bos_letter_template_check (template_text, error))
    return NULL;

  /* Windows line ends from an edited file. */
  {
    g_auto(GStrv) parts = g_strsplit (template_text, "\r\n", -1);

    normalized = g_strjoinv ("\n", parts);
  }

  out = g_string_new (NULL);
  if (!process (normalized, values, out, error))
    return NULL;
  return tidy_paragraphs (out->str);
}

char *
bos_letter_dup_subject (const char *content)
{
  const char *end;

  g_return_val_if_fail (content != NULL, NULL);

  end = strstr (content, "\n\n");
  return end ? g_strndup (content, end - content) : g_strdup (content);
}

const char *
bos_letter_get_body (const char *content)
{
  const char *end;

  g_return_val_if_fail (content != NULL, NULL);

  end = strstr (content, "\n\n");
  return end ? end + 2 : "";
}
