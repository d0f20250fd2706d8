/* bos-indicator.h: per-municipality indicators of a plan year
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Indicators (introduction-programme results, employment rate, capacity,
 * …) are numbers ≥ 0 per municipality and year that the distribution's
 * criteria can use as factors. They are imported from a UTF-8 CSV file in
 * the long layout
 *
 *   code,indicator,value
 *   3905,employment_rate,0.71
 *   3905,programme_results,0.61
 *
 * one row per municipality and indicator, for one year given on import.
 * An indicator's name is lower-case letters, digits and "_", starting with
 * a letter ("population" is the population itself and cannot be
 * imported). An indicator "immigrant_share" (percent) of the plan year is
 * used for the max_immigrant_share rule instead of the reference data.
 */
#pragma once

#include "bos-csv.h"
#include "bos-import.h"
#include "bos-store.h"

G_BEGIN_DECLS

gboolean   bos_indicator_check_name   (const char      *name,
                                       GError         **error);
/* Importing: the rules of bos-import.h (every row checked, errors name the
 * file, line and field; one transaction; importing again changes
 * nothing; values the file does not mention are kept). */
gboolean   bos_indicator_import_csv   (BosStore        *store,
                                       int              year,
                                       BosCsv          *csv,
                                       BosImportStats  *stats,
                                       GError         **error);
gboolean   bos_indicator_import_file  (BosStore        *store,
                                       int              year,
                                       const char      *path,
                                       BosImportStats  *stats,
                                       GError         **error);
/* The names of the indicators with values for @year, sorted. */
GStrv      bos_indicator_list_names   (BosStore        *store,
                                       int              year,
                                       GError         **error);

G_END_DECLS
