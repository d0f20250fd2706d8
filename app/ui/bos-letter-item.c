/* bos-letter-item.c: a row of the letters page: one municipality's letter
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What the letters table shows of a municipality asked to settle: its
 * request, the language its letter is written in (and whether a planner
 * chose it) and the letter's status. Items are updated in place when the
 * store changes, with a "changed" signal for the table's live columns.
 */
#define G_LOG_DOMAIN "bos-letter-item"

#include "config.h"

#include "bos-letter-item.h"
#include "bos-letter-text.h"

struct _BosLetterItem
{
  GObject          parent_instance;

  char            *code;
  char            *name;
  char            *county_code;
  char            *automatic_language;
  char            *override;
  BosRequest       request;
  BosLetterStatus  status;
  char            *sent_on;
  char            *sent_language;
};

G_DEFINE_FINAL_TYPE (BosLetterItem, bos_letter_item, G_TYPE_OBJECT)

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static gboolean
set_string (char       **field,
            const char  *value)
{
  if (g_strcmp0 (*field, value) == 0)
    return FALSE;
  g_free (*field);
  *field = g_strdup (value);
  return TRUE;
}

static void
bos_letter_item_finalize (GObject *object)
{
  BosLetterItem *self = (BosLetterItem *) object;

  g_free (self->code);
  g_free (self->name);
  g_free (self->county_code);
  g_free (self->automatic_language);
  g_free (self->override);
  g_free (self->sent_on);
  g_free (self->sent_language);

  G_OBJECT_CLASS (bos_letter_item_parent_class)->finalize (object);
}

static void
bos_letter_item_class_init (BosLetterItemClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = bos_letter_item_finalize;

  /* The request, language or status changed. */
  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
bos_letter_item_init (BosLetterItem *self)
{
  self->status = BOS_LETTER_STATUS_DRAFT;
  self->request.next_year_figure = -1;
}

BosLetterItem *
bos_letter_item_new (const char *code,
                     const char *name,
                     const char *county_code,
                     const char *automatic_language)
{
  BosLetterItem *self;

  g_return_val_if_fail (code != NULL, NULL);
  g_return_val_if_fail (name != NULL, NULL);
  g_return_val_if_fail (bos_letter_is_language (automatic_language), NULL);

  self = g_object_new (BOS_TYPE_LETTER_ITEM, NULL);
  self->code = g_strdup (code);
  self->name = g_strdup (name);
  self->county_code = g_strdup (county_code ? county_code : "");
  self->automatic_language = g_strdup (automatic_language);
  g_strlcpy (self->request.code, code, sizeof self->request.code);
  g_strlcpy (self->request.county_code, self->county_code, sizeof self->request.county_code);
  return self;
}

const char *
bos_letter_item_get_code (BosLetterItem *self)
{
  g_return_val_if_fail (BOS_IS_LETTER_ITEM (self), NULL);
  return self->code;
}

const char *
bos_letter_item_get_name (BosLetterItem *self)
{
  g_return_val_if_fail (BOS_IS_LETTER_ITEM (self), NULL);
  return self->name;
}

const char *
bos_letter_item_get_county_code (BosLetterItem *self)
{
  g_return_val_if_fail (BOS_IS_LETTER_ITEM (self), NULL);
  return self->county_code;
}

const char *
bos_letter_item_get_language (BosLetterItem *self)
{
  g_return_val_if_fail (BOS_IS_LETTER_ITEM (self), NULL);

  if (self->status == BOS_LETTER_STATUS_SENT && self->sent_language != NULL)
    return self->sent_language;
  return self->override != NULL ? self->override : self->automatic_language;
}

const char *
bos_letter_item_get_automatic_language (BosLetterItem *self)
{
  g_return_val_if_fail (BOS_IS_LETTER_ITEM (self), NULL);
  return self->automatic_language;
}

const char *
bos_letter_item_get_override (BosLetterItem *self)
{
  g_return_val_if_fail (BOS_IS_LETTER_ITEM (self), NULL);
  return self->override;
}

gint64
bos_letter_item_get_request (BosLetterItem *self)
{
  g_return_val_if_fail (BOS_IS_LETTER_ITEM (self), 0);
  return self->request.request;
}

gint64
bos_letter_item_get_minors (BosLetterItem *self)
{
  g_return_val_if_fail (BOS_IS_LETTER_ITEM (self), 0);
  return self->request.minors;
}

gint64
bos_letter_item_get_next_year_figure (BosLetterItem *self)
{
  g_return_val_if_fail (BOS_IS_LETTER_ITEM (self), -1);
  return self->request.next_year_figure;
}

BosLetterStatus
bos_letter_item_get_status (BosLetterItem *self)
{
  g_return_val_if_fail (BOS_IS_LETTER_ITEM (self), BOS_LETTER_STATUS_DRAFT);
  return self->status;
}

const char *
bos_letter_item_get_sent_on (BosLetterItem *self)
{
  g_return_val_if_fail (BOS_IS_LETTER_ITEM (self), NULL);
  return self->sent_on;
}

const char *
bos_letter_item_get_sent_language (BosLetterItem *self)
{
  g_return_val_if_fail (BOS_IS_LETTER_ITEM (self), NULL);
  return self->sent_language;
}

/**
 * bos_letter_item_update:
 * @request: what the plan asks the municipality now
 * @override: (nullable): the language a planner chose, or %NULL
 * @letter: (nullable): the stored letter, or %NULL when none is stored
 */
void
bos_letter_item_update (BosLetterItem    *self,
                        const BosRequest *request,
                        const char       *override,
                        BosLetter        *letter)
{
  BosLetterStatus status = letter ? bos_letter_get_status (letter) : BOS_LETTER_STATUS_DRAFT;
  gboolean sent = status == BOS_LETTER_STATUS_SENT;
  gboolean changed = FALSE;

  g_return_if_fail (BOS_IS_LETTER_ITEM (self));
  g_return_if_fail (request != NULL);
  g_return_if_fail (override == NULL || bos_letter_is_language (override));

  if (request->request != self->request.request || request->minors != self->request.minors ||
      request->next_year_figure != self->request.next_year_figure)
    {
      self->request.request = request->request;
      self->request.minors = request->minors;
      self->request.next_year_figure = request->next_year_figure;
      changed = TRUE;
    }
  changed |= set_string (&self->override, override);
  if (status != self->status)
    {
      self->status = status;
      changed = TRUE;
    }
  changed |= set_string (&self->sent_on, sent ? bos_letter_get_sent_on (letter) : NULL);
  changed |= set_string (&self->sent_language, sent ? bos_letter_get_language (letter) : NULL);

  if (changed)
    g_signal_emit (self, signals[CHANGED], 0);
}

void
bos_letter_item_get_request_record (BosLetterItem *self,
                                    BosRequest    *request)
{
  g_return_if_fail (BOS_IS_LETTER_ITEM (self));
  g_return_if_fail (request != NULL);

  *request = self->request;
}
