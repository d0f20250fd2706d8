/* bos-test-couch.h: a real pouchdb-server on 127.0.0.1 for the sync tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

#define BOS_TEST_COUCH_ADMIN          "admin"
#define BOS_TEST_COUCH_ADMIN_PASSWORD "admin-Secret-7"

typedef struct _BosTestCouch BosTestCouch;

gboolean      bos_test_couch_available  (char        **why_not);
BosTestCouch *bos_test_couch_start      (gboolean      in_memory);
void          bos_test_couch_kill       (BosTestCouch *self);
void          bos_test_couch_restart    (BosTestCouch *self);
void          bos_test_couch_free       (BosTestCouch *self);
const char   *bos_test_couch_get_url    (BosTestCouch *self);
guint16       bos_test_couch_get_port   (BosTestCouch *self);

JsonNode     *bos_test_couch_request    (BosTestCouch *self,
                                         const char   *method,
                                         const char   *path,
                                         const char   *json_body,
                                         guint        *status);
void          bos_test_couch_create_db  (BosTestCouch *self,
                                         const char   *database);
void          bos_test_couch_add_user   (BosTestCouch *self,
                                         const char   *name,
                                         const char   *password);
void          bos_test_couch_set_members (BosTestCouch *self,
                                         const char   *database,
                                         const char   *name);
JsonObject   *bos_test_couch_get_doc    (BosTestCouch *self,
                                         const char   *database,
                                         const char   *id);
GHashTable   *bos_test_couch_all_docs   (BosTestCouch *self,
                                         const char   *database);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (BosTestCouch, bos_test_couch_free)

G_END_DECLS
