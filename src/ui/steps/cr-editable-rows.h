/* cr-editable-rows.h: the parts the steps' editable lists share: rows saved as focus leaves, Delete that removes, an add row
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* Saves @row, a row of the list in @step, from its fields. */
typedef void (*CrEditableRowsCommitFunc) (GtkWidget *step,
                                          GtkWidget *row);

/* Removes @item, shown by a row of the list in @step. */
typedef void (*CrEditableRowsRemoveFunc) (GtkWidget *step,
                                          gpointer   item);

GtkWidget *cr_editable_rows_new_list           (const char              *name,
                                                const char              *label,
                                                GtkWidget               *placeholder);
GtkWidget *cr_editable_rows_new_box            (GtkOrientation           orientation,
                                                int                      spacing);
GtkWidget *cr_editable_rows_new_row            (GtkWidget               *box,
                                                GObject                 *item,
                                                gpointer                 parts,
                                                GtkWidget               *remove);
gpointer   cr_editable_rows_get_parts          (GtkWidget               *row);
GtkWidget *cr_editable_rows_new_remove_button  (GType                    step_type,
                                                CrEditableRowsRemoveFunc remove);
void       cr_editable_rows_set_labels         (GtkWidget               *row,
                                                const char              *shown);
void       cr_editable_rows_commit_on_leave    (GtkWidget               *field,
                                                GType                    step_type,
                                                CrEditableRowsCommitFunc commit);
GtkWidget *cr_editable_rows_new_entry          (const char              *name,
                                                const char              *placeholder,
                                                int                      width_chars,
                                                GType                    step_type,
                                                CrEditableRowsCommitFunc commit);
void       cr_editable_rows_commit             (GtkWidget               *field);
void       cr_editable_rows_focus_after_remove (GtkListBox              *list,
                                                guint                    position,
                                                GtkWidget               *fallback);
GtkWidget *cr_editable_rows_new_add_list       (GtkWidget               *box);

G_END_DECLS
