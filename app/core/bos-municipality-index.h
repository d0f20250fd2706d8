/* bos-municipality-index.h: today's municipalities by code, for lookups
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A plain in-memory table of the 357 municipalities (code, name, county,
 * language form) and the former codes of the code history, read with two
 * queries. Importers use it to check codes and to tell a planner who wrote
 * a former code which code to use today; letters and forecasts use it for
 * names, counties and language forms. Safe to use from any thread once
 * loaded (it is read-only).
 */
#pragma once

#include "bos-store.h"

G_BEGIN_DECLS

typedef struct
{
  char  code[8];
  char *name;
  char  county_code[4];
  char *county_name;
  char *language_form;   /* "bokmal", "nynorsk" or "neutral" */
} BosMunicipalityInfo;

typedef struct _BosMunicipalityIndex BosMunicipalityIndex;

BosMunicipalityIndex      *bos_municipality_index_load        (BosStore              *store,
                                                               GError               **error);
void                       bos_municipality_index_free        (BosMunicipalityIndex  *index);
/* In code order. */
guint                      bos_municipality_index_get_n       (BosMunicipalityIndex  *index);
const BosMunicipalityInfo *bos_municipality_index_get         (BosMunicipalityIndex  *index,
                                                               guint                  position);
/* The position of @code in code order, or -1. */
int                        bos_municipality_index_find        (BosMunicipalityIndex  *index,
                                                               const char            *code);
const BosMunicipalityInfo *bos_municipality_index_lookup      (BosMunicipalityIndex  *index,
                                                               const char            *code);
/* Counties in code order: how many, and each one's code and name. */
guint                      bos_municipality_index_get_n_counties (BosMunicipalityIndex *index);
const char                *bos_municipality_index_get_county_code (BosMunicipalityIndex *index,
                                                               guint                  position);
const char                *bos_municipality_index_get_county_name (BosMunicipalityIndex *index,
                                                               const char            *county_code);
/* TRUE when @code is one of today's municipalities. Otherwise
 * @problem is set to a sentence for an error message: not four digits,
 * a former code (and which code to use today), or unknown. */
gboolean                   bos_municipality_index_check_code  (BosMunicipalityIndex  *index,
                                                               const char            *code,
                                                               char                 **problem);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (BosMunicipalityIndex, bos_municipality_index_free)

G_END_DECLS
