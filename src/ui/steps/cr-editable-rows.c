/* cr-editable-rows.c: the parts the steps' editable lists share (the set-up's
 * participants, the agreed actions): a boxed list of rows whose fields are
 * saved on Enter or as the focus leaves, Delete on a row that removes it, the
 * focus kept in the list after a removal, and the add row below.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "crossroads-rows"

#include "config.h"

#include <glib/gi18n.h>

#include "cr-editable-rows.h"
#include "cr-step.h"
#include "cr-widget-util.h"

/* The list of rows; @placeholder is what it shows when empty. */
GtkWidget *
cr_editable_rows_new_list (const char *name,
                           const char *label,
                           GtkWidget  *placeholder)
{
  GtkWidget *list = gtk_list_box_new ();

  gtk_widget_set_name (list, name);
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");
  cr_widget_set_accessible_label (list, label);
  gtk_list_box_set_placeholder (GTK_LIST_BOX (list), placeholder);
  return list;
}

/* The box a row (or the add row) lays its fields out in. */
GtkWidget *
cr_editable_rows_new_box (GtkOrientation orientation,
                          int            spacing)
{
  GtkWidget *box = gtk_box_new (orientation, spacing);

  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 6);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 6);
  return box;
}

static void on_remove_clicked (GtkButton *button,
                               gpointer   user_data);

/* Delete on a focused row (or on its remove button) removes what it shows;
 * in an entry it stays the entry's key. */
static gboolean
on_row_key_pressed (GtkEventControllerKey *controller,
                    guint                  keyval,
                    guint                  keycode,
                    GdkModifierType        state,
                    gpointer               user_data)
{
  GtkWidget *row = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (controller));

  if ((keyval != GDK_KEY_Delete && keyval != GDK_KEY_KP_Delete) ||
      (state & GDK_MODIFIER_MASK) != 0 || cr_editable_rows_get_parts (row) == NULL)
    return GDK_EVENT_PROPAGATE;

  on_remove_clicked (g_object_get_data (G_OBJECT (row), "remove"), NULL);
  return GDK_EVENT_STOP;
}

/* A row showing @item in @box; it keeps @item, frees @parts (a struct of
 * the row's widgets, read back with cr_editable_rows_get_parts()) with
 * g_free(), and removes @item on Delete as @remove does. */
GtkWidget *
cr_editable_rows_new_row (GtkWidget *box,
                          GObject   *item,
                          gpointer   parts,
                          GtkWidget *remove)
{
  GtkWidget *row = gtk_list_box_row_new ();
  GtkEventController *keys;

  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  g_object_set_data_full (G_OBJECT (row), "item", g_object_ref (item), g_object_unref);
  g_object_set_data_full (G_OBJECT (row), "parts", parts, g_free);
  g_object_set_data (G_OBJECT (row), "remove", remove);

  keys = gtk_event_controller_key_new ();
  g_signal_connect (keys, "key-pressed", G_CALLBACK (on_row_key_pressed), NULL);
  gtk_widget_add_controller (row, keys);
  return row;
}

gpointer
cr_editable_rows_get_parts (GtkWidget *row)
{
  /* After the row is disposed its child is gone, and so are the parts' widgets. */
  if (!GTK_IS_LIST_BOX_ROW (row) || gtk_list_box_row_get_child (GTK_LIST_BOX_ROW (row)) == NULL)
    return NULL;
  return g_object_get_data (G_OBJECT (row), "parts");
}

static void
on_remove_clicked (GtkButton *button,
                   gpointer   user_data)
{
  GType step_type = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (button), "step-type"));
  CrEditableRowsRemoveFunc remove = g_object_get_data (G_OBJECT (button), "remove");
  GtkWidget *step = gtk_widget_get_ancestor (GTK_WIDGET (button), step_type);
  GtkWidget *row = gtk_widget_get_ancestor (GTK_WIDGET (button), GTK_TYPE_LIST_BOX_ROW);
  g_autoptr(GObject) item = NULL;

  if (step == NULL || row == NULL || cr_editable_rows_get_parts (row) == NULL)
    return;
  /* The row goes away during the removal; hold on to what it showed. */
  item = g_object_ref (g_object_get_data (G_OBJECT (row), "item"));
  remove (step, item);
}

/* The row's remove button: @remove takes the row's item from the step of
 * type @step_type it is in. */
GtkWidget *
cr_editable_rows_new_remove_button (GType                    step_type,
                                    CrEditableRowsRemoveFunc remove)
{
  GtkWidget *button = gtk_button_new_from_icon_name ("user-trash-symbolic");

  gtk_widget_set_name (button, "remove");
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "flat");
  g_object_set_data (G_OBJECT (button), "step-type", GSIZE_TO_POINTER (step_type));
  g_object_set_data (G_OBJECT (button), "remove", remove);
  g_signal_connect (button, "clicked", G_CALLBACK (on_remove_clicked), NULL);
  return button;
}

/* Names @row and its remove button after @shown, what the row shows. */
void
cr_editable_rows_set_labels (GtkWidget  *row,
                             const char *shown)
{
  GtkWidget *remove = g_object_get_data (G_OBJECT (row), "remove");
  g_autofree char *remove_label = NULL;

  /* Translators: accessible name; %s is what a row shows: a participant
   * (e.g. "Ana" or "Seat 3") or an action's text */
  remove_label = g_strdup_printf (_("Remove %s"), shown);
  cr_widget_set_accessible_label (remove, remove_label);
  cr_widget_set_accessible_label (row, shown);
  gtk_widget_set_tooltip_text (remove, remove_label);
}

/* Saves the row @field is in, through the function it was given. */
void
cr_editable_rows_commit (GtkWidget *field)
{
  GType step_type = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (field), "step-type"));
  CrEditableRowsCommitFunc commit = g_object_get_data (G_OBJECT (field), "commit");
  GtkWidget *step = gtk_widget_get_ancestor (field, step_type);
  GtkWidget *row = gtk_widget_get_ancestor (field, GTK_TYPE_LIST_BOX_ROW);

  if (step != NULL && row != NULL)
    commit (step, row);
}

static void
on_field_leave (GtkEventControllerFocus *controller,
                gpointer                 user_data)
{
  cr_editable_rows_commit (gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (controller)));
}

/* @field's row is saved by @commit when the focus leaves it, and by
 * cr_editable_rows_commit(). */
void
cr_editable_rows_commit_on_leave (GtkWidget               *field,
                                  GType                    step_type,
                                  CrEditableRowsCommitFunc commit)
{
  GtkEventController *focus = gtk_event_controller_focus_new ();

  g_object_set_data (G_OBJECT (field), "step-type", GSIZE_TO_POINTER (step_type));
  g_object_set_data (G_OBJECT (field), "commit", commit);
  g_signal_connect (focus, "leave", G_CALLBACK (on_field_leave), NULL);
  gtk_widget_add_controller (field, focus);
}

/* An entry of a row, saved on Enter and as the focus leaves it. */
GtkWidget *
cr_editable_rows_new_entry (const char              *name,
                            const char              *placeholder,
                            int                      width_chars,
                            GType                    step_type,
                            CrEditableRowsCommitFunc commit)
{
  GtkWidget *entry = gtk_entry_new ();

  gtk_widget_set_name (entry, name);
  gtk_widget_set_valign (entry, GTK_ALIGN_CENTER);
  gtk_editable_set_width_chars (GTK_EDITABLE (entry), width_chars);
  if (placeholder != NULL)
    gtk_entry_set_placeholder_text (GTK_ENTRY (entry), placeholder);
  g_signal_connect (entry, "activate", G_CALLBACK (cr_editable_rows_commit), NULL);
  cr_editable_rows_commit_on_leave (entry, step_type, commit);
  return entry;
}

/* After the row at @position went, keeps the keyboard in the list: on the
 * row that took its place, or the last, or @fallback when none is left. */
void
cr_editable_rows_focus_after_remove (GtkListBox *list,
                                     guint       position,
                                     GtkWidget  *fallback)
{
  GtkListBoxRow *next = gtk_list_box_get_row_at_index (list, (int) position);

  if (next == NULL && position > 0)
    next = gtk_list_box_get_row_at_index (list, (int) position - 1);
  if (next != NULL)
    gtk_widget_grab_focus (GTK_WIDGET (next));
  else
    gtk_widget_grab_focus (fallback);
}

/* The add row below the list, showing @box, in a list of its own. */
GtkWidget *
cr_editable_rows_new_add_list (GtkWidget *box)
{
  GtkWidget *list = gtk_list_box_new ();
  GtkWidget *row = gtk_list_box_row_new ();

  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  gtk_widget_set_focusable (row, FALSE);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  gtk_list_box_append (GTK_LIST_BOX (list), row);
  gtk_widget_set_margin_top (list, 12);
  return list;
}
