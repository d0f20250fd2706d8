/* bos-cli-calendar.c: `bosetting-cli calendar`
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "bos-cli"

#include "config.h"

#include <stdio.h>
#include <string.h>

#include "bos-activity.h"
#include "bos-calendar.h"
#include "bos-cli.h"
#include "bos-cli-calendar.h"
#include "bos-plan.h"

#define DB_OPTION_HELP "The database (default: $BOSETTING_DB or the embedded default)"

static int
print_csv (BosStore   *store,
           const char *plan_id)
{
  g_autoptr(GListModel) activities = NULL;
  g_autoptr(GString) out = g_string_new ("start,end,kind,title,responsible,status\n");
  g_autoptr(GError) error = NULL;
  guint n;

  activities = bos_activity_list (store, plan_id, &error);
  if (activities == NULL)
    return bos_cli_fail (error);

  n = g_list_model_get_n_items (activities);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(BosActivity) activity = g_list_model_get_item (activities, i);

      bos_cli_print_csv_field (out, bos_activity_get_start (activity));
      g_string_append_c (out, ',');
      bos_cli_print_csv_field (out, bos_activity_get_end (activity));
      g_string_append_c (out, ',');
      bos_cli_print_csv_field (out, bos_activity_kind_to_string (bos_activity_get_kind (activity)));
      g_string_append_c (out, ',');
      bos_cli_print_csv_field (out, bos_activity_get_title (activity));
      g_string_append_c (out, ',');
      bos_cli_print_csv_field (out, bos_activity_get_responsible (activity));
      g_string_append_c (out, ',');
      bos_cli_print_csv_field (out, bos_activity_status_to_string (bos_activity_get_status (activity)));
      g_string_append_c (out, '\n');
    }
  fwrite (out->str, 1, out->len, stdout);
  return BOS_CLI_EXIT_OK;
}

/**
 * bos_cli_calendar:
 *
 * `bosetting-cli calendar --plan YEAR [--county CODE] [--ics | --import FILE]
 * [--db PATH]`: prints the plan's activities as CSV
 * (start,end,kind,title,responsible,status), writes them as iCalendar to
 * stdout (--ics), or imports an .ics file exported by Bosetting (--import).
 */
int
bos_cli_calendar (int    argc,
                  char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(BosStore) store = NULL;
  g_autoptr(BosPlan) plan = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *db_path = NULL;
  g_autofree char *county = NULL;
  g_autofree char *import_path = NULL;
  g_autofree char *plan_id = NULL;
  gboolean ics = FALSE;
  int year = G_MININT;
  int exit_code = 0;
  GOptionEntry entries[] = {
    { "db", 0, 0, G_OPTION_ARG_FILENAME, &db_path, DB_OPTION_HELP, "PATH" },
    { "plan", 0, 0, G_OPTION_ARG_INT, &year, "The plan year (required)", "YEAR" },
    { "county", 0, 0, G_OPTION_ARG_STRING, &county, "The county plan for this county number instead of the national plan", "CODE" },
    { "ics", 0, 0, G_OPTION_ARG_NONE, &ics, "Write the calendar as iCalendar (.ics) to stdout", NULL },
    { "import", 0, 0, G_OPTION_ARG_FILENAME, &import_path, "Import an .ics file exported by Bosetting: events update the activities with the same UID, other events are added", "FILE" },
    { NULL }
  };

  context = g_option_context_new ("- a plan's yearly calendar");
  g_option_context_set_summary (context,
                                "Prints the plan's activities as CSV: "
                                "start,end,kind,title,responsible,status\n"
                                "Dates are YYYY-MM-DD, or YYYY-MM when only the month is known.");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!bos_cli_parse (context, &argc, &argv, &exit_code))
    return exit_code;
  if (argc > 1)
    return bos_cli_usage_error ("calendar", "unexpected argument “%s”", argv[1]);
  if (year == G_MININT)
    return bos_cli_usage_error ("calendar", "--plan YEAR is required");
  if (ics && import_path != NULL)
    return bos_cli_usage_error ("calendar", "--ics and --import cannot be used together");

  plan_id = bos_plan_make_id (year, county ? county : BOS_PLAN_SCOPE_NATIONAL);

  store = bos_cli_open_store (db_path, &error);
  if (store == NULL)
    return bos_cli_fail (error);
  plan = bos_plan_load (store, plan_id, &error);
  if (plan == NULL)
    return bos_cli_fail (error);

  if (ics)
    {
      g_autofree char *text = bos_calendar_export_ics (store, plan_id, &error);

      if (text == NULL)
        return bos_cli_fail (error);
      fwrite (text, 1, strlen (text), stdout);
      return BOS_CLI_EXIT_OK;
    }

  if (import_path != NULL)
    {
      g_autoptr(GFile) file = g_file_new_for_commandline_arg (import_path);
      guint created = 0, updated = 0;

      if (!bos_calendar_import_ics_file (store, plan_id, file, &created, &updated, &error))
        return bos_cli_fail (error);
      g_print ("created=%u updated=%u\n", created, updated);
      return BOS_CLI_EXIT_OK;
    }

  return print_csv (store, plan_id);
}
