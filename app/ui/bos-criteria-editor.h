/* bos-criteria-editor.h: the distribution criteria, editable
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "bos-apportion.h"

G_BEGIN_DECLS

#define BOS_TYPE_CRITERIA_EDITOR (bos_criteria_editor_get_type ())
G_DECLARE_FINAL_TYPE (BosCriteriaEditor, bos_criteria_editor, BOS, CRITERIA_EDITOR, GtkWidget)

GtkWidget         *bos_criteria_editor_new               (void);
void               bos_criteria_editor_set_criteria      (BosCriteriaEditor  *self,
                                                          const BosCriteria  *criteria);
const BosCriteria *bos_criteria_editor_get_criteria      (BosCriteriaEditor  *self);
void               bos_criteria_editor_set_indicators    (BosCriteriaEditor  *self,
                                                          const char * const *names,
                                                          int                 year);
/* The weight's spin button of factor @k (for tests and the benchmark) */
GtkSpinButton     *bos_criteria_editor_get_weight_button (BosCriteriaEditor  *self,
                                                          guint               k);
const char        *bos_criteria_editor_indicator_title   (const char         *indicator);

G_END_DECLS
