/* bos-error.h: the one error domain of Bosetting
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define BOS_ERROR (bos_error_quark ())

typedef enum
{
  BOS_ERROR_FAILED,          /* anything not covered below */
  BOS_ERROR_DATABASE,        /* SQLite refused an operation */
  BOS_ERROR_NEWER_SCHEMA,    /* database written by a newer Bosetting */
  BOS_ERROR_PARSE,           /* a file could not be read as expected */
  BOS_ERROR_ENCODING,        /* a file is not in a supported text encoding */
  BOS_ERROR_INVALID,         /* a value is out of range or inconsistent */
  BOS_ERROR_NOT_FOUND,       /* a plan, municipality or record does not exist */
  BOS_ERROR_EXISTS,          /* a record with that key exists already */
  BOS_ERROR_INFEASIBLE,      /* a distribution cannot meet its constraints */
  BOS_ERROR_SERVER,          /* a sync server gave an unusable answer */
  BOS_ERROR_AUTH,            /* a sync server refused the credentials */
  BOS_ERROR_CANCELLED,       /* the user cancelled */
} BosError;

GQuark bos_error_quark (void);

G_END_DECLS
