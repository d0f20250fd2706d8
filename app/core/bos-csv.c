/* bos-csv.c: a strict CSV reader that knows where it is
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Reads RFC 4180 CSV (quoted fields, doubled quotes, CRLF or LF line ends)
 * with a chosen separator. Every error names the source, the line and, where
 * there is one, the column by its header name, so a planner can find it.
 */
#define G_LOG_DOMAIN "bos-csv"

#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "bos-csv.h"
#include "bos-error.h"

struct _BosCsv
{
  char       *source_name;
  char       *text;         /* the whole file as UTF-8 */
  const char *pos;
  const char *end;
  char        separator;
  const char *encoding_name;
  guint       line;          /* line on which the current row starts */
  guint       next_line;     /* line on which the next row starts */
  GPtrArray  *fields;        /* of char *, the current row */
  GStrv       header;
};

void
bos_csv_free (BosCsv *csv)
{
  if (csv == NULL)
    return;
  g_free (csv->source_name);
  g_free (csv->text);
  g_ptr_array_unref (csv->fields);
  g_strfreev (csv->header);
  g_free (csv);
}

static guint
line_of_offset (const char *text,
                gsize       offset)
{
  guint line = 1;

  for (gsize i = 0; i < offset; i++)
    if (text[i] == '\n')
      line++;
  return line;
}

static char *
decode_text (const char      *data,
             gsize            size,
             const char      *source_name,
             BosCsvEncoding   encoding,
             const char     **encoding_name,
             GError         **error)
{
  const char *end = NULL;
  gboolean bom = FALSE;
  GString *out;

  if (size >= 3 && memcmp (data, "\xEF\xBB\xBF", 3) == 0)
    {
      data += 3;
      size -= 3;
      bom = TRUE;
    }

  if (memchr (data, '\0', size) != NULL)
    {
      gsize offset = (const char *) memchr (data, '\0', size) - data;
      g_set_error (error, BOS_ERROR, BOS_ERROR_ENCODING,
                   "%s, line %u: the file contains a NUL byte; it is not a text file "
                   "(or it is UTF-16, which is not supported: save it as UTF-8)",
                   source_name, line_of_offset (data, offset));
      return NULL;
    }

  if (g_utf8_validate_len (data, size, &end))
    {
      *encoding_name = bom ? "UTF-8 with BOM" : "UTF-8";
      return g_strndup (data, size);
    }

  if (encoding == BOS_CSV_ENCODING_UTF8 || bom)
    {
      gsize offset = end - data;
      g_set_error (error, BOS_ERROR, BOS_ERROR_ENCODING,
                   "%s, line %u: the text is not valid UTF-8 (byte 0x%02X at offset %"
                   G_GSIZE_FORMAT "); save the file as UTF-8",
                   source_name, line_of_offset (data, offset),
                   (guint) (guchar) data[offset], offset + (bom ? 3 : 0));
      return NULL;
    }

  /* A file that is mostly UTF-8 with a stray invalid byte would otherwise
   * be read as ISO-8859-1 and turn "ø" into "Ã¸" without a word. "Ã"
   * followed by 0x80-0xBF is how UTF-8 letters like æ ø å look as
   * ISO-8859-1; no Norwegian text has it, so call it what it is. */
  for (gsize i = 0; i + 1 < size; i++)
    {
      if ((guchar) data[i] == 0xC3 && (guchar) data[i + 1] >= 0x80 && (guchar) data[i + 1] <= 0xBF)
        {
          gsize offset = end - data;
          g_set_error (error, BOS_ERROR, BOS_ERROR_ENCODING,
                       "%s, line %u: the text is not valid UTF-8 (byte 0x%02X at offset %"
                       G_GSIZE_FORMAT "), although line %u is UTF-8; save the file as UTF-8",
                       source_name, line_of_offset (data, offset),
                       (guint) (guchar) data[offset], offset, line_of_offset (data, i));
          return NULL;
        }
    }

  /* ISO-8859-1: every byte is a code point. 0x80-0x9F are C1 control
   * characters that no real text contains; seeing one means the file is in
   * some other encoding (Windows-1252 quotes, UTF-16, binary). */
  out = g_string_sized_new (size + size / 8);
  for (gsize i = 0; i < size; i++)
    {
      guchar c = (guchar) data[i];

      if (c >= 0x80 && c <= 0x9F)
        {
          g_set_error (error, BOS_ERROR, BOS_ERROR_ENCODING,
                       "%s, line %u: byte 0x%02X is neither UTF-8 nor ISO-8859-1 text; "
                       "save the file as UTF-8 or ISO-8859-1",
                       source_name, line_of_offset (data, i), (guint) c);
          g_string_free (out, TRUE);
          return NULL;
        }
      g_string_append_unichar (out, c);
    }
  *encoding_name = "ISO-8859-1";
  return g_string_free (out, FALSE);
}

/**
 * bos_csv_new_from_bytes:
 * @source_name: how errors name the input, usually the file name
 * @separator: ',' or ';'
 *
 * Returns: (transfer full): a reader positioned before the header, or %NULL
 *   with @error set when the bytes are not text in @encoding
 */
BosCsv *
bos_csv_new_from_bytes (GBytes          *bytes,
                        const char      *source_name,
                        char             separator,
                        BosCsvEncoding   encoding,
                        GError         **error)
{
  g_autoptr(BosCsv) csv = NULL;
  const char *data;
  gsize size;

  g_return_val_if_fail (bytes != NULL, NULL);
  g_return_val_if_fail (source_name != NULL, NULL);

  csv = g_new0 (BosCsv, 1);
  csv->source_name = g_strdup (source_name);
  csv->separator = separator;
  csv->fields = g_ptr_array_new_with_free_func (g_free);
  csv->next_line = 1;

  data = g_bytes_get_data (bytes, &size);
  csv->text = decode_text (data ? data : "", size, source_name, encoding,
                           &csv->encoding_name, error);
  if (csv->text == NULL)
    return NULL;
  csv->pos = csv->text;
  csv->end = csv->text + strlen (csv->text);

  return g_steal_pointer (&csv);
}

BosCsv *
bos_csv_new_from_file (const char      *path,
                       char             separator,
                       BosCsvEncoding   encoding,
                       GError         **error)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) local_error = NULL;
  char *contents = NULL;
  gsize length = 0;

  g_return_val_if_fail (path != NULL, NULL);

  if (!g_file_get_contents (path, &contents, &length, &local_error))
    {
      g_set_error (error, BOS_ERROR, BOS_ERROR_NOT_FOUND, "%s", local_error->message);
      return NULL;
    }
  bytes = g_bytes_new_take (contents, length);
  return bos_csv_new_from_bytes (bytes, path, separator, encoding, error);
}

/**
 * bos_csv_new_from_resource:
 *
 * Opens a comma-separated UTF-8 file compiled into the program.
 */
BosCsv *
bos_csv_new_from_resource (const char  *resource_path,
                           const char  *source_name,
                           GError     **error)
{
  g_autoptr(GBytes) bytes = NULL;

  bytes = g_resources_lookup_data (resource_path, G_RESOURCE_LOOKUP_FLAGS_NONE, error);
  if (bytes == NULL)
    return NULL;
  return bos_csv_new_from_bytes (bytes, source_name, ',', BOS_CSV_ENCODING_UTF8, error);
}

const char *
bos_csv_get_source_name (BosCsv *csv)
{
  g_return_val_if_fail (csv != NULL, NULL);
  return csv->source_name;
}

const char *
bos_csv_get_encoding_name (BosCsv *csv)
{
  g_return_val_if_fail (csv != NULL, NULL);
  return csv->encoding_name;
}

guint
bos_csv_get_line (BosCsv *csv)
{
  g_return_val_if_fail (csv != NULL, 0);
  return csv->line;
}

guint
bos_csv_get_n_fields (BosCsv *csv)
{
  g_return_val_if_fail (csv != NULL, 0);
  return csv->fields->len;
}

const char *
bos_csv_get_field (BosCsv *csv,
                   guint   column)
{
  g_return_val_if_fail (csv != NULL, NULL);
  g_return_val_if_fail (column < csv->fields->len, NULL);
  return g_ptr_array_index (csv->fields, column);
}

/**
 * bos_csv_set_error:
 * @column: the column the error is about, or -1
 *
 * Sets @error to "SOURCE, line N, field “NAME”: MESSAGE".
 *
 * Returns: %FALSE
 */
gboolean
bos_csv_set_error (BosCsv      *csv,
                   GError     **error,
                   int          column,
                   const char  *format,
                   ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  if (column >= 0 && csv->header != NULL && (guint) column < g_strv_length (csv->header))
    g_set_error (error, BOS_ERROR, BOS_ERROR_PARSE, "%s, line %u, field “%s”: %s",
                 csv->source_name, csv->line, csv->header[column], message);
  else if (column >= 0)
    g_set_error (error, BOS_ERROR, BOS_ERROR_PARSE, "%s, line %u, field %d: %s",
                 csv->source_name, csv->line, column + 1, message);
  else
    g_set_error (error, BOS_ERROR, BOS_ERROR_PARSE, "%s, line %u: %s",
                 csv->source_name, csv->line, message);
  return FALSE;
}

/* Splits one record into csv->fields. Returns FALSE at the end of the
 * input (error unset) or on a malformed record (error set). */
static gboolean
read_record (BosCsv  *csv,
             GError **error)
{
  GString *field = g_string_new (NULL);
  const char *p = csv->pos;

  g_ptr_array_set_size (csv->fields, 0);
  csv->line = csv->next_line;

  if (p >= csv->end)
    {
      g_string_free (field, TRUE);
      return FALSE;
    }

  for (;;)
    {
      if (p < csv->end && *p == '"')
        {
          guint quote_line = csv->next_line;

          if (field->len > 0)
            {
              g_string_free (field, TRUE);
              return bos_csv_set_error (csv, error, csv->fields->len,
                                        "a quote (\") in the middle of an unquoted field");
            }
          p++;
          for (;;)
            {
              if (p >= csv->end)
                {
                  g_string_free (field, TRUE);
                  csv->line = quote_line;
                  return bos_csv_set_error (csv, error, csv->fields->len,
                                            "a quoted field is not closed before the end of the file");
                }
              if (*p == '"')
                {
                  if (p + 1 < csv->end && p[1] == '"')
                    {
                      g_string_append_c (field, '"');
                      p += 2;
                      continue;
                    }
                  p++;
                  break;
                }
              if (*p == '\n')
                csv->next_line++;
              g_string_append_c (field, *p++);
            }
          if (p < csv->end && *p != csv->separator && *p != '\n' && *p != '\r')
            {
              g_string_free (field, TRUE);
              return bos_csv_set_error (csv, error, csv->fields->len,
                                        "text after the closing quote of a quoted field");
            }
        }
      else
        {
          while (p < csv->end && *p != csv->separator && *p != '\n' && *p != '\r')
            g_string_append_c (field, *p++);
        }

      g_ptr_array_add (csv->fields, g_strndup (field->str, field->len));
      g_string_truncate (field, 0);

      if (p < csv->end && *p == csv->separator)
        {
          p++;
          continue;
        }
      if (p < csv->end && *p == '\r')
        p++;
      if (p < csv->end && *p == '\n')
        p++;
      csv->next_line++;
      break;
    }

  g_string_free (field, TRUE);
  csv->pos = p;
  return TRUE;
}

static gboolean
row_is_blank (BosCsv *csv)
{
  return csv->fields->len == 1 && *(const char *) g_ptr_array_index (csv->fields, 0) == '\0';
}

/**
 * bos_csv_read_header:
 * @expected: the column names, in order, NULL-terminated
 *
 * Reads the first line and checks it is exactly @expected.
 */
gboolean
bos_csv_read_header (BosCsv              *csv,
                     const char * const  *expected,
                     GError             **error)
{
  g_autofree char *want = NULL;
  g_autoptr(GString) got = g_string_new (NULL);
  g_autoptr(GError) local_error = NULL;
  guint n_expected;
  gboolean same;

  g_return_val_if_fail (csv != NULL, FALSE);
  g_return_val_if_fail (expected != NULL, FALSE);

  if (!read_record (csv, &local_error))
    {
      if (local_error != NULL)
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }
      g_set_error (error, BOS_ERROR, BOS_ERROR_PARSE, "%s: the file is empty", csv->source_name);
      return FALSE;
    }

  n_expected = g_strv_length ((char **) expected);
  same = csv->fields->len == n_expected;
  for (guint i = 0; same && i < n_expected; i++)
    same = g_str_equal (g_strstrip ((char *) g_ptr_array_index (csv->fields, i)), expected[i]);

  if (!same)
    {
      char sep[2] = { csv->separator, 0 };

      want = g_strjoinv (sep, (char **) expected);
      for (guint i = 0; i < csv->fields->len; i++)
        {
          if (i > 0)
            g_string_append_c (got, csv->separator);
          g_string_append (got, g_ptr_array_index (csv->fields, i));
        }
      g_set_error (error, BOS_ERROR, BOS_ERROR_PARSE,
                   "%s, line %u: the header is “%s”, expected “%s”",
                   csv->source_name, csv->line, got->str, want);
      return FALSE;
    }

  g_strfreev (csv->header);
  csv->header = g_new0 (char *, n_expected + 1);
  for (guint i = 0; i < n_expected; i++)
    csv->header[i] = g_strdup (expected[i]);
  return TRUE;
}

/**
 * bos_csv_read_any_header:
 *
 * Reads the first line as the header without checking the names, for files
 * whose columns depend on their content (e.g. one column per year). The
 * caller checks the names; errors about later rows name the columns.
 *
 * Returns: (transfer none) (array zero-terminated=1): the column names,
 *   stripped of surrounding spaces, or %NULL with @error set
 */
const char * const *
bos_csv_read_any_header (BosCsv  *csv,
                         GError **error)
{
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (csv != NULL, NULL);

  if (!read_record (csv, &local_error))
    {
      if (local_error != NULL)
        g_propagate_error (error, g_steal_pointer (&local_error));
      else
        g_set_error (error, BOS_ERROR, BOS_ERROR_PARSE, "%s: the file is empty", csv->source_name);
      return NULL;
    }

  g_strfreev (csv->header);
  csv->header = g_new0 (char *, csv->fields->len + 1);
  for (guint i = 0; i < csv->fields->len; i++)
    csv->header[i] = g_strstrip (g_strdup (g_ptr_array_index (csv->fields, i)));
  return (const char * const *) csv->header;
}

/**
 * bos_csv_get_header:
 *
 * Returns: (transfer none) (nullable): the column names once the header has
 *   been read
 */
const char * const *
bos_csv_get_header (BosCsv *csv)
{
  g_return_val_if_fail (csv != NULL, NULL);
  return (const char * const *) csv->header;
}

/**
 * bos_csv_next_row:
 *
 * Moves to the next non-blank row and checks it has as many fields as the
 * header.
 *
 * Returns: %TRUE with a row; %FALSE at the end (@error unset) or on an error
 */
gboolean
bos_csv_next_row (BosCsv  *csv,
                  GError **error)
{
  g_return_val_if_fail (csv != NULL, FALSE);

  do
    {
      if (!read_record (csv, error))
        return FALSE;
    }
  while (row_is_blank (csv));

  if (csv->header != NULL && csv->fields->len != g_strv_length (csv->header))
    return bos_csv_set_error (csv, error, -1, "%u fields, expected %u (%s)",
                              csv->fields->len, g_strv_length (csv->header),
                              csv->separator == ';' ? "separated by “;”" : "separated by “,”");
  return TRUE;
}

/**
 * bos_csv_get_int:
 * @allow_empty: whether an empty field is accepted (then @is_empty is set)
 *
 * Parses a whole number, with an error that names the field.
 */
gboolean
bos_csv_get_int (BosCsv    *csv,
                 guint      column,
                 gboolean   allow_empty,
                 gboolean  *is_empty,
                 gint64    *value,
                 GError   **error)
{
  g_autofree char *text = NULL;
  char *end = NULL;
  gint64 v;

  g_return_val_if_fail (csv != NULL, FALSE);
  g_return_val_if_fail (column < csv->fields->len, FALSE);

  text = g_strstrip (g_strdup (bos_csv_get_field (csv, column)));
  if (is_empty)
    *is_empty = (*text == '\0');
  if (*text == '\0')
    {
      *value = 0;
      if (allow_empty)
        return TRUE;
      return bos_csv_set_error (csv, error, column, "a whole number is required, the field is empty");
    }

  errno = 0;
  v = g_ascii_strtoll (text, &end, 10);
  if (errno != 0 || end == text || *end != '\0')
    return bos_csv_set_error (csv, error, column, "“%s” is not a whole number", text);
  *value = v;
  return TRUE;
}

gboolean
bos_csv_get_double (BosCsv    *csv,
                    guint      column,
                    gboolean   allow_empty,
                    gboolean  *is_empty,
                    double    *value,
                    GError   **error)
{
  g_autofree char *text = NULL;
  char *end = NULL;
  double v;

  g_return_val_if_fail (csv != NULL, FALSE);
  g_return_val_if_fail (column < csv->fields->len, FALSE);

  text = g_strstrip (g_strdup (bos_csv_get_field (csv, column)));
  if (is_empty)
    *is_empty = (*text == '\0');
  if (*text == '\0')
    {
      *value = 0;
      if (allow_empty)
        return TRUE;
      return bos_csv_set_error (csv, error, column, "a number is required, the field is empty");
    }

  errno = 0;
  v = g_ascii_strtod (text, &end);
  if (errno != 0 || end == text || *end != '\0' || !isfinite (v))
    return bos_csv_set_error (csv, error, column, "“%s” is not a number (use a point for decimals)", text);
  *value = v;
  return TRUE;
}
