/* bos-cli-letters.c: `bosetting-cli letters`
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 *   bosetting-cli letters --plan YEAR --out DIR [--combined FILE.pdf]
 *                         [--requests FILE.csv] [--date D] [--deadline D]
 *                         [--sender TEXT] [--contact TEXT] [--reference REF]
 *                         [--signatory NAME] [--signatory-title TITLE]
 *                         [--mark-sent DATE]
 *
 * One PDF per municipality with a request above 0, in Bokmål or Nynorsk
 * as the municipality writes (or as overridden), and optionally one
 * combined PDF. The letters are stored as drafts; --mark-sent marks them
 * sent and freezes them. A letter already sent is written as it was sent.
 */
#define G_LOG_DOMAIN "bos-cli"

#include "config.h"

#include "bos-cli.h"
#include "bos-cli-decisions.h"
#include "bos-cli-letters.h"
#include "bos-date.h"
#include "bos-letter.h"
#include "bos-municipality-index.h"
#include "bos-plan.h"
#include "bos-requests.h"

#define DB_OPTION_HELP "The database (default: $BOSETTING_DB or the embedded default)"

static void
override (char       **field,
          const char  *value)
{
  if (value == NULL)
    return;
  g_free (*field);
  *field = g_strdup (value);
}

/* "\n" in a command-line value is a line break. */
static char *
unescape_lines (const char *value)
{
  g_auto(GStrv) parts = NULL;

  if (value == NULL)
    return NULL;
  parts = g_strsplit (value, "\\n", -1);
  return g_strjoinv ("\n", parts);
}

int
bos_cli_letters (int    argc,
                 char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(BosStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(BosMunicipalityIndex) index = NULL;
  g_autoptr(GArray) requests = NULL;
  g_autoptr(GPtrArray) documents = NULL;
  g_autoptr(BosPlan) plan = NULL;
  g_auto(BosLetterSettings) settings = { 0 };
  g_autofree char *db_path = NULL;
  g_autofree char *plan_option = NULL;
  g_autofree char *plan_id = NULL;
  g_autofree char *out_dir = NULL;
  g_autofree char *combined = NULL;
  g_autofree char *requests_path = NULL;
  g_autofree char *date = NULL;
  g_autofree char *deadline_text = NULL;
  g_autofree char *sender = NULL;
  g_autofree char *contact = NULL;
  g_autofree char *reference = NULL;
  g_autofree char *signatory = NULL;
  g_autofree char *signatory_title = NULL;
  g_autofree char *mark_sent = NULL;
  g_autofree char *sent_iso = NULL;
  GDate deadline;
  guint n_nb = 0, n_nn = 0;
  int exit_code = 0;
  GOptionEntry entries[] = {
    { "db", 0, 0, G_OPTION_ARG_FILENAME, &db_path, DB_OPTION_HELP, "PATH" },
    { "plan", 0, 0, G_OPTION_ARG_STRING, &plan_option, "The plan: a year (its national plan) or a plan id (required)", "YEAR" },
    { "out", 0, 0, G_OPTION_ARG_FILENAME, &out_dir, "The folder for one PDF per municipality (required)", "DIR" },
    { "combined", 0, 0, G_OPTION_ARG_FILENAME, &combined, "Also one PDF with every letter", "FILE.pdf" },
    { "requests", 0, 0, G_OPTION_ARG_FILENAME, &requests_path, "The requests: CSV code,request[,minors][,next_year_figure]", "FILE.csv" },
    { "date", 0, 0, G_OPTION_ARG_STRING, &date, "The letters' date (default: the plan's setting, else today)", "DATE" },
    { "deadline", 0, 0, G_OPTION_ARG_STRING, &deadline_text, "The answer deadline (default: the plan's answer_deadline activity)", "DATE" },
    { "sender", 0, 0, G_OPTION_ARG_STRING, &sender, "The sending office and address (\\n between lines)", "TEXT" },
    { "contact", 0, 0, G_OPTION_ARG_STRING, &contact, "The contact person", "TEXT" },
    { "reference", 0, 0, G_OPTION_ARG_STRING, &reference, "The case reference", "REF" },
    { "signatory", 0, 0, G_OPTION_ARG_STRING, &signatory, "Who signs", "NAME" },
    { "signatory-title", 0, 0, G_OPTION_ARG_STRING, &signatory_title, "The signatory's title", "TITLE" },
    { "mark-sent", 0, 0, G_OPTION_ARG_STRING, &mark_sent, "Mark the letters sent on DATE once written (they are then frozen)", "DATE" },
    { NULL }
  };

  context = g_option_context_new ("- write the request letters as PDF");
  g_option_context_set_summary (context,
                                "Writes YEAR-CODE-name-anmodning.pdf for every municipality with a "
                                "request above 0,\nin Bokmål or Nynorsk as the municipality writes, "
                                "and stores the letters as drafts.\nA letter marked sent is written "
                                "exactly as it was sent. Sender, contact, reference,\nsignatory and "
                                "date come from the plan's letter settings unless given here.\n"
                                "Prints: letters=N nb=N nn=N");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!bos_cli_parse (context, &argc, &argv, &exit_code))
    return exit_code;
  if (argc > 1)
    return bos_cli_usage_error ("letters", "unexpected argument “%s”", argv[1]);
  plan_id = bos_cli_plan_id_option ("letters", plan_option);
  if (plan_id == NULL)
    return BOS_CLI_EXIT_USAGE;
  if (out_dir == NULL)
    return bos_cli_usage_error ("letters", "--out is required");
  if (deadline_text != NULL && !bos_date_parse (deadline_text, &deadline, &error))
    return bos_cli_usage_error ("letters", "--deadline: %s", error->message);
  if (date != NULL)
    {
      GDate parsed;

      if (!bos_date_parse (date, &parsed, &error))
        return bos_cli_usage_error ("letters", "--date: %s", error->message);
    }
  if (mark_sent != NULL)
    {
      GDate parsed;

      if (!bos_date_parse (mark_sent, &parsed, &error))
        return bos_cli_usage_error ("letters", "--mark-sent: %s", error->message);
      sent_iso = bos_date_to_iso (&parsed);
    }

  store = bos_cli_open_store (db_path, &error);
  if (store == NULL ||
      (plan = bos_plan_load (store, plan_id, &error)) == NULL ||
      (index = bos_municipality_index_load (store, &error)) == NULL)
    return bos_cli_fail (error);
  if (requests_path != NULL)
    requests = bos_requests_load_file (index, requests_path, &error);
  else
    requests = bos_requests_for_plan (store, plan_id, &error);
  if (requests == NULL || !bos_letter_settings_load (store, plan_id, &settings, &error))
    return bos_cli_fail (error);

  override (&settings.letter_date, date);
  override (&settings.contact, contact);
  override (&settings.reference, reference);
  override (&settings.signatory, signatory);
  override (&settings.signatory_title, signatory_title);
  if (sender != NULL)
    {
      g_free (settings.sender);
      settings.sender = unescape_lines (sender);
    }

  documents = bos_letter_prepare (store, plan_id, requests, &settings,
                                  deadline_text ? &deadline : NULL, TRUE, &error);
  if (documents == NULL ||
      !bos_letter_pdf_export (documents, out_dir, combined, NULL, NULL, NULL, &error))
    return bos_cli_fail (error);

  if (sent_iso != NULL)
    {
      if (!bos_store_begin (store, &error))
        return bos_cli_fail (error);
      for (guint i = 0; i < documents->len; i++)
        {
          const BosLetterDocument *document = g_ptr_array_index (documents, i);
          g_autoptr(BosLetter) letter = bos_letter_load (store, bos_plan_get_year (plan),
                                                         document->code, &error);

          if (letter == NULL ||
              (bos_letter_get_status (letter) == BOS_LETTER_STATUS_DRAFT &&
               !bos_letter_mark_sent (store, bos_plan_get_year (plan), document->code, sent_iso,
                                      &error)))
            {
              bos_store_rollback (store);
              return bos_cli_fail (error);
            }
        }
      if (!bos_store_commit (store, &error))
        {
          bos_store_rollback (store);
          return bos_cli_fail (error);
        }
    }

  for (guint i = 0; i < documents->len; i++)
    {
      const BosLetterDocument *document = g_ptr_array_index (documents, i);

      if (g_str_equal (document->language, "nn"))
        n_nn++;
      else
        n_nb++;
    }
  g_print ("letters=%u nb=%u nn=%u\n", documents->len, n_nb, n_nn);
  return BOS_CLI_EXIT_OK;
}
