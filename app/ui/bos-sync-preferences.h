/* bos-sync-preferences.h: the sharing settings (server, database, user,
 * password in the keyring)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "bos-sync-controller.h"

G_BEGIN_DECLS

#define BOS_TYPE_SYNC_PREFERENCES (bos_sync_preferences_get_type ())
G_DECLARE_FINAL_TYPE (BosSyncPreferences, bos_sync_preferences, BOS, SYNC_PREFERENCES, AdwPreferencesWindow)

BosSyncPreferences *bos_sync_preferences_new          (GtkWindow          *parent,
                                                       BosSyncController  *controller);
gboolean            bos_sync_preferences_apply_server (BosSyncPreferences *self,
                                                       const char         *url,
                                                       GError            **error);

G_END_DECLS
