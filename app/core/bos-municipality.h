/* bos-municipality.h: a municipality of today with its settlement summary
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "bos-figures.h"
#include "bos-store.h"

G_BEGIN_DECLS

#define BOS_TYPE_MUNICIPALITY (bos_municipality_get_type ())
G_DECLARE_FINAL_TYPE (BosMunicipality, bos_municipality, BOS, MUNICIPALITY, GObject)

/* How many of the latest years with data the summary holds by default. */
#define BOS_MUNICIPALITY_SUMMARY_YEARS 5

typedef struct
{
  int    year;
  gint64 persons;
} BosPopulation;

/* A code the municipality's history was recorded under. */
typedef struct
{
  char   code[8];
  char  *name;
  int    first_year;   /* 0 when unknown */
  int    last_year;    /* 0 when unknown */
  double share;        /* the part of the old municipality that came here */
} BosFormerCode;

const char      *bos_municipality_get_code             (BosMunicipality  *self);
const char      *bos_municipality_get_name             (BosMunicipality  *self);
const char      *bos_municipality_get_county_code      (BosMunicipality  *self);
const char      *bos_municipality_get_county_name      (BosMunicipality  *self);
gint64           bos_municipality_get_population       (BosMunicipality  *self);
int              bos_municipality_get_population_year  (BosMunicipality  *self);
double           bos_municipality_get_area             (BosMunicipality  *self);
const char      *bos_municipality_get_admin_centre     (BosMunicipality  *self);
const char      *bos_municipality_get_language_form    (BosMunicipality  *self);
double           bos_municipality_get_acceptance_ratio (BosMunicipality  *self);
guint            bos_municipality_get_n_years          (BosMunicipality  *self);
int              bos_municipality_get_year             (BosMunicipality  *self,
                                                        guint             year_index);
const BosHistoryTotal *bos_municipality_get_figure     (BosMunicipality  *self,
                                                        guint             year_index,
                                                        BosHistoryKind    kind);
const char      *bos_municipality_get_name_collate_key (BosMunicipality  *self);

char            *bos_municipality_fold_query           (const char       *text);
gboolean         bos_municipality_matches              (BosMunicipality  *self,
                                                        const char       *folded_query);

GListModel      *bos_municipality_list                 (BosStore         *store,
                                                        guint             n_years,
                                                        GArray          **years,
                                                        GError          **error);
BosMunicipality *bos_municipality_load                 (BosStore         *store,
                                                        const char       *code,
                                                        guint             n_years,
                                                        GError          **error);
GArray          *bos_municipality_population           (BosStore         *store,
                                                        const char       *code,
                                                        GError          **error);
GArray          *bos_municipality_former_codes         (BosStore         *store,
                                                        const char       *code,
                                                        GError          **error);

G_END_DECLS
