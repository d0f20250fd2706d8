/* bos-table.h: columns of the data tables
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "bos-history.h"

G_BEGIN_DECLS

/* The data of a column of history figures: which of the summary years
 * (an index) and which kind (BosHistoryKind); never NULL. */
#define BOS_TABLE_FIGURE_DATA(year_index, kind) \
  GUINT_TO_POINTER ((year_index) * BOS_HISTORY_N_KINDS + (kind) + 1)
#define BOS_TABLE_FIGURE_YEAR(data) ((GPOINTER_TO_UINT (data) - 1) / BOS_HISTORY_N_KINDS)
#define BOS_TABLE_FIGURE_KIND(data) ((GPOINTER_TO_UINT (data) - 1) % BOS_HISTORY_N_KINDS)

/* Returns the cell's text; sets *@tooltip (when @tooltip is not NULL) to
 * an explanation where the text needs one. */
typedef char *(*BosTableTextFunc) (gpointer   item,
                                   gpointer   data,
                                   char     **tooltip);

typedef enum
{
  BOS_TABLE_TEXT,      /* left-aligned */
  BOS_TABLE_NUMBER,    /* right-aligned, tabular figures */
  BOS_TABLE_CODE,      /* left-aligned, tabular figures */
} BosTableAlign;

GtkColumnViewColumn *bos_table_column_new (const char        *title,
                                           BosTableAlign      align,
                                           int                fixed_width,
                                           BosTableTextFunc   text_func,
                                           GCompareDataFunc   compare_func,
                                           gpointer           data);

/* Returns a CSS class for the cell (a static string), or NULL. */
typedef const char *(*BosTableClassFunc) (gpointer   item,
                                          gpointer   data);

/* A column whose items change in place: each item has a "changed" signal
 * (no arguments); the shown cells refresh their text (and class) when it
 * is emitted, without the model changing, so nothing scrolls or flickers. */
GtkColumnViewColumn *bos_table_live_column_new (const char        *title,
                                                BosTableAlign      align,
                                                int                fixed_width,
                                                BosTableTextFunc   text_func,
                                                BosTableClassFunc  class_func,
                                                GCompareDataFunc   compare_func,
                                                gpointer           data);

void      bos_table_append_column   (GtkColumnView       *view,
                                     GtkColumnViewColumn *column);
void      bos_table_remove_columns  (GtkColumnView       *view);
gboolean  bos_table_set_years       (GArray             **years,
                                     GArray              *new_years);

G_END_DECLS
