/* bos-application.h: the Bosetting application
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "bos-import.h"
#include "bos-store.h"

G_BEGIN_DECLS

#define BOS_TYPE_APPLICATION (bos_application_get_type ())
G_DECLARE_FINAL_TYPE (BosApplication, bos_application, BOS, APPLICATION, AdwApplication)

BosApplication *bos_application_new        (const char         *application_id,
                                            GApplicationFlags   flags);
BosStore       *bos_application_get_store  (BosApplication     *self);
gboolean        bos_application_open_store (BosApplication     *self,
                                            const char         *path,
                                            GError            **error);
void            bos_application_import     (BosApplication     *self,
                                            BosImportKind       kind,
                                            GFile              *file);

G_END_DECLS
