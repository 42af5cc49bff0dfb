/* cr-editable-rows.h: the steps' editable lists: rows saved as focus leaves, Delete that removes, and the add row below
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* CrEditableRows: the list of rows and, below it, the add row, which the
 * widget owns: its entries (cr_editable_rows_new_add_entry()) and its Add
 * button. The step lays the add row out (cr_editable_rows_set_add_fields())
 * and answers the signal:
 *
 *   gboolean add (CrEditableRows *rows)
 *
 * emitted on Enter in an add entry or on Add; the step adds what the entries
 * hold through the core and returns TRUE when it did: the entries are then
 * emptied and the first of them takes the focus, ready for the next one. */
#define CR_TYPE_EDITABLE_ROWS (cr_editable_rows_get_type ())
G_DECLARE_FINAL_TYPE (CrEditableRows, cr_editable_rows, CR, EDITABLE_ROWS, GtkBox)

/* Saves @row, a row of the list in @step, from its fields. */
typedef void (*CrEditableRowsCommitFunc) (GtkWidget *step,
                                          GtkWidget *row);

/* Removes @item, shown by a row of the list in @step. */
typedef void (*CrEditableRowsRemoveFunc) (GtkWidget *step,
                                          gpointer   item);

GtkWidget *cr_editable_rows_new                (const char              *name,
                                                const char              *label,
                                                GtkWidget               *placeholder,
                                                const char              *add_name,
                                                const char              *add_label);
GtkListBox *cr_editable_rows_get_list          (CrEditableRows          *self);
GtkWidget *cr_editable_rows_get_add_row        (CrEditableRows          *self);
GtkWidget *cr_editable_rows_get_add_button     (CrEditableRows          *self);
GtkWidget *cr_editable_rows_new_add_entry      (CrEditableRows          *self,
                                                const char              *name,
                                                const char              *placeholder,
                                                const char              *label,
                                                int                      width_chars);
void       cr_editable_rows_set_add_fields     (CrEditableRows          *self,
                                                GtkWidget               *box);
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
void       cr_editable_rows_focus_after_remove (CrEditableRows          *self,
                                                guint                    position);

G_END_DECLS
