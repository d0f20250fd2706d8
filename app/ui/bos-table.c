/* bos-table.c: columns of the data tables
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every column of the municipality, county and year tables is a text
 * whose content a function makes from the row's item, with a sorter that
 * compares the items themselves (numbers as numbers, names by collation),
 * never the text. The factories stay cheap: setup makes one GtkInscription
 * (the text widget GTK 4.8 made for list cells: its size does not depend
 * on its text, so a new text in a recycled row needs no new layout), bind
 * sets its text, so GtkColumnView can recycle rows while scrolling.
 * Tooltips ("not published: 4 or fewer") are made only when asked for:
 * setting a tooltip costs GTK 4.8 a round trip to the X server, which
 * in every bind would make scrolling crawl.
 */
#define G_LOG_DOMAIN "bos-table"

#include "config.h"

#include <string.h>

#include "bos-table.h"

typedef struct
{
  BosTableAlign      align;
  BosTableTextFunc   text_func;
  BosTableClassFunc  class_func;   /* live columns only */
  gpointer           data;
  gboolean           live;
} Column;

static void
column_free (gpointer  data,
             GClosure *closure)
{
  g_free (data);
}

static gboolean
query_tooltip_cb (GtkWidget  *cell,
                  int         x,
                  int         y,
                  gboolean    keyboard_mode,
                  GtkTooltip *tooltip,
                  Column     *column)
{
  GtkListItem *list_item = g_object_get_data (G_OBJECT (cell), "bos-list-item");
  gpointer item = list_item ? gtk_list_item_get_item (list_item) : NULL;
  g_autofree char *text = NULL;
  g_autofree char *tip = NULL;

  if (item == NULL)
    return FALSE;
  text = column->text_func (item, column->data, &tip);
  if (tip == NULL)
    return FALSE;
  gtk_tooltip_set_text (tooltip, tip);
  return TRUE;
}

static void
setup_cb (GtkSignalListItemFactory *factory,
          GtkListItem              *list_item,
          Column                   *column)
{
  GtkWidget *cell = gtk_inscription_new (NULL);
  GtkInscription *inscription = GTK_INSCRIPTION (cell);

  /* The list item owns the cell, so it outlives it. */
  g_object_set_data (G_OBJECT (cell), "bos-list-item", list_item);
  gtk_widget_set_has_tooltip (cell, TRUE);
  g_signal_connect (cell, "query-tooltip", G_CALLBACK (query_tooltip_cb), column);

  gtk_inscription_set_min_lines (inscription, 1);
  gtk_inscription_set_text_overflow (inscription, GTK_INSCRIPTION_OVERFLOW_ELLIPSIZE_END);
  gtk_widget_set_hexpand (cell, TRUE);
  switch (column->align)
    {
    case BOS_TABLE_NUMBER:
      gtk_inscription_set_xalign (inscription, 1.0);
      gtk_inscription_set_min_chars (inscription, 4);
      gtk_inscription_set_nat_chars (inscription, 8);
      gtk_widget_add_css_class (cell, "numeric");
      break;
    case BOS_TABLE_CODE:
      gtk_inscription_set_xalign (inscription, 0.0);
      gtk_inscription_set_min_chars (inscription, 4);
      gtk_inscription_set_nat_chars (inscription, 5);
      gtk_widget_add_css_class (cell, "numeric");
      break;
    case BOS_TABLE_TEXT:
    default:
      gtk_inscription_set_xalign (inscription, 0.0);
      gtk_inscription_set_min_chars (inscription, 6);
      gtk_inscription_set_nat_chars (inscription, 18);
      break;
    }
  gtk_list_item_set_child (list_item, cell);
}

static void
bind_cb (GtkSignalListItemFactory *factory,
         GtkListItem              *list_item,
         Column                   *column)
{
  GtkWidget *cell = gtk_list_item_get_child (list_item);
  gpointer item = gtk_list_item_get_item (list_item);
  g_autofree char *text = NULL;

  text = column->text_func (item, column->data, NULL);
  gtk_inscription_set_text (GTK_INSCRIPTION (cell), text);
}

/* Live columns: the text (and class) again when the item says it changed.
 * The text is only set when it differs, so an unchanged cell costs no
 * new layout. */
static void
live_refresh (GtkWidget *cell,
              gpointer   item,
              Column    *column)
{
  g_autofree char *text = column->text_func (item, column->data, NULL);
  const char *old_class = g_object_get_data (G_OBJECT (cell), "bos-class");
  const char *new_class = column->class_func ? column->class_func (item, column->data) : NULL;

  if (g_strcmp0 (gtk_inscription_get_text (GTK_INSCRIPTION (cell)), text) != 0)
    gtk_inscription_set_text (GTK_INSCRIPTION (cell), text);
  if (g_strcmp0 (old_class, new_class) != 0)
    {
      if (old_class != NULL)
        gtk_widget_remove_css_class (cell, old_class);
      if (new_class != NULL)
        gtk_widget_add_css_class (cell, new_class);
      g_object_set_data (G_OBJECT (cell), "bos-class", (gpointer) new_class);
    }
}

static void
live_changed_cb (gpointer   item,
                 GtkWidget *cell)
{
  Column *column = g_object_get_data (G_OBJECT (cell), "bos-column");

  live_refresh (cell, item, column);
}

static void
live_bind_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *list_item,
              Column                   *column)
{
  GtkWidget *cell = gtk_list_item_get_child (list_item);
  gpointer item = gtk_list_item_get_item (list_item);

  g_object_set_data (G_OBJECT (cell), "bos-column", column);
  live_refresh (cell, item, column);
  g_signal_connect_object (item, "changed", G_CALLBACK (live_changed_cb), cell, 0);
}

static void
live_unbind_cb (GtkSignalListItemFactory *factory,
                GtkListItem              *list_item,
                Column                   *column)
{
  GtkWidget *cell = gtk_list_item_get_child (list_item);
  gpointer item = gtk_list_item_get_item (list_item);

  if (item != NULL)
    g_signal_handlers_disconnect_by_func (item, live_changed_cb, cell);
}

static GtkColumnViewColumn *
column_new (const char        *title,
            BosTableAlign      align,
            int                fixed_width,
            BosTableTextFunc   text_func,
            BosTableClassFunc  class_func,
            GCompareDataFunc   compare_func,
            gpointer           data,
            gboolean           live)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
  GtkColumnViewColumn *view_column;
  Column *column = g_new0 (Column, 1);

  g_return_val_if_fail (text_func != NULL, NULL);

  column->align = align;
  column->text_func = text_func;
  column->class_func = class_func;
  column->data = data;
  column->live = live;

  g_signal_connect_data (factory, "setup", G_CALLBACK (setup_cb), column, column_free, 0);
  if (live)
    {
      g_signal_connect (factory, "bind", G_CALLBACK (live_bind_cb), column);
      g_signal_connect (factory, "unbind", G_CALLBACK (live_unbind_cb), column);
    }
  else
    g_signal_connect (factory, "bind", G_CALLBACK (bind_cb), column);

  view_column = gtk_column_view_column_new (title, factory);
  gtk_column_view_column_set_resizable (view_column, TRUE);
  if (fixed_width > 0)
    gtk_column_view_column_set_fixed_width (view_column, fixed_width);

  if (compare_func != NULL)
    {
      g_autoptr(GtkSorter) sorter = GTK_SORTER (gtk_custom_sorter_new (compare_func, data, NULL));
      gtk_column_view_column_set_sorter (view_column, sorter);
    }
  return view_column;
}

/**
 * bos_table_column_new:
 * @fixed_width: the width in pixels, or -1 to size by content
 * @compare_func: (nullable): compares two items for sorting, given @data
 * @data: passed to @text_func and @compare_func; must outlive the column
 *
 * Returns: (transfer full): a column for a #GtkColumnView
 */
GtkColumnViewColumn *
bos_table_column_new (const char       *title,
                      BosTableAlign     align,
                      int               fixed_width,
                      BosTableTextFunc  text_func,
                      GCompareDataFunc  compare_func,
                      gpointer          data)
{
  return column_new (title, align, fixed_width, text_func, NULL, compare_func, data, FALSE);
}

/**
 * bos_table_live_column_new:
 * @class_func: (nullable): a CSS class for the cell (e.g. to highlight a
 *   difference)
 *
 * Like bos_table_column_new() for items with a "changed" signal: shown
 * cells refresh when their item emits it.
 *
 * Returns: (transfer full): a column for a #GtkColumnView
 */
GtkColumnViewColumn *
bos_table_live_column_new (const char        *title,
                           BosTableAlign      align,
                           int                fixed_width,
                           BosTableTextFunc   text_func,
                           BosTableClassFunc  class_func,
                           GCompareDataFunc   compare_func,
                           gpointer           data)
{
  return column_new (title, align, fixed_width, text_func, class_func, compare_func, data, TRUE);
}

/**
 * bos_table_append_column:
 * @column: (transfer full): a column, e.g. from bos_table_column_new()
 */
void
bos_table_append_column (GtkColumnView       *view,
                         GtkColumnViewColumn *column)
{
  g_return_if_fail (GTK_IS_COLUMN_VIEW (view));
  g_return_if_fail (GTK_IS_COLUMN_VIEW_COLUMN (column));

  gtk_column_view_append_column (view, column);
  g_object_unref (column);
}

/**
 * bos_table_remove_columns:
 *
 * Removes every column of @view, before building them anew.
 */
void
bos_table_remove_columns (GtkColumnView *view)
{
  GListModel *columns;

  g_return_if_fail (GTK_IS_COLUMN_VIEW (view));

  columns = gtk_column_view_get_columns (view);
  while (g_list_model_get_n_items (columns) > 0)
    {
      g_autoptr(GtkColumnViewColumn) column = g_list_model_get_item (columns, 0);
      gtk_column_view_remove_column (view, column);
    }
}

/**
 * bos_table_set_years:
 * @years: (inout) (nullable): the years the columns show
 * @new_years: (transfer full): the years to show now
 *
 * Replaces @years with @new_years.
 *
 * Returns: whether the years differ, so the columns must be built anew
 */
gboolean
bos_table_set_years (GArray **years,
                     GArray  *new_years)
{
  gboolean same;

  g_return_val_if_fail (years != NULL, FALSE);
  g_return_val_if_fail (new_years != NULL, FALSE);

  same = *years != NULL && (*years)->len == new_years->len &&
         memcmp ((*years)->data, new_years->data, new_years->len * sizeof (int)) == 0;
  g_clear_pointer (years, g_array_unref);
  *years = new_years;
  return !same;
}
