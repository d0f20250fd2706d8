/* main.c: the Bosetting application
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <locale.h>

#include <glib/gi18n.h>

#include "bos-application.h"

int
main (int   argc,
      char *argv[])
{
  g_autoptr(BosApplication) app = NULL;
  const char *localedir = g_getenv ("BOSETTING_LOCALEDIR");

  /* BOSETTING_LOCALEDIR: translations of an uninstalled build */
  if (localedir == NULL || *localedir == '\0')
    localedir = LOCALEDIR;

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, localedir);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  app = bos_application_new (APP_ID, G_APPLICATION_HANDLES_COMMAND_LINE);
  return g_application_run (G_APPLICATION (app), argc, argv);
}
