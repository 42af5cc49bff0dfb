/* cr-editable-rows.c: the steps' editable lists (the set-up's participants,
 * the agreed actions): a boxed list of rows whose fields are saved on Enter or
 * as the focus leaves, Delete on a row that removes it, the focus kept in the
 * list after a removal, and the add row below, which asks the step to add
 * by the "add" signal.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "crossroads-rows"

#include "config.h"

#include <glib/gi18n.h>

#include "cr-editable-rows.h"
#include "cr-step.h"
#include "cr-widget-util.h"

struct _CrEditableRows
{
  GtkBox      parent_instance;

  GtkListBox *list;
  GtkWidget  *add_row;
  GtkWidget  *add_button;
  /* The add row's entries, in the order made; the first takes the focus. */
  GPtrArray  *add_entries;
};

G_DEFINE_FINAL_TYPE (CrEditableRows, cr_editable_rows, GTK_TYPE_BOX)

enum {
  SIGNAL_ADD,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
on_add_activate (CrEditableRows *self)
{
  gboolean added = FALSE;

  g_signal_emit (self, signals[SIGNAL_ADD], 0, &added);
  if (!added)
    return;
  for (guint i = 0; i < self->add_entries->len; i++)
    gtk_editable_set_text (g_ptr_array_index (self->add_entries, i), "");
  if (self->add_entries->len > 0)
    gtk_widget_grab_focus (g_ptr_array_index (self->add_entries, 0));
}

static void
cr_editable_rows_finalize (GObject *object)
{
  CrEditableRows *self = CR_EDITABLE_ROWS (object);

  g_ptr_array_unref (self->add_entries);

  G_OBJECT_CLASS (cr_editable_rows_parent_class)->finalize (object);
}

static void
cr_editable_rows_class_init (CrEditableRowsClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = cr_editable_rows_finalize;

  signals[SIGNAL_ADD] =
    g_signal_new ("add", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  g_signal_accumulator_first_wins, NULL, NULL,
                  G_TYPE_BOOLEAN, 0);
}

static void
cr_editable_rows_init (CrEditableRows *self)
{
  GtkWidget *add_list = gtk_list_box_new ();

  self->add_entries = g_ptr_array_new ();
  gtk_orientable_set_orientation (GTK_ORIENTABLE (self), GTK_ORIENTATION_VERTICAL);

  self->list = GTK_LIST_BOX (gtk_list_box_new ());
  gtk_list_box_set_selection_mode (self->list, GTK_SELECTION_NONE);
  gtk_widget_add_css_class (GTK_WIDGET (self->list), "boxed-list");
  gtk_box_append (GTK_BOX (self), GTK_WIDGET (self->list));

  /* The add row, in a list of its own below. */
  self->add_row = gtk_list_box_row_new ();
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (add_list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (add_list, "boxed-list");
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (self->add_row), FALSE);
  gtk_widget_set_focusable (self->add_row, FALSE);
  gtk_list_box_append (GTK_LIST_BOX (add_list), self->add_row);
  gtk_widget_set_margin_top (add_list, 12);
  gtk_box_append (GTK_BOX (self), add_list);

  self->add_button = gtk_button_new_with_mnemonic (_("_Add"));
  gtk_widget_set_valign (self->add_button, GTK_ALIGN_CENTER);
  g_signal_connect_object (self->add_button, "clicked", G_CALLBACK (on_add_activate), self, G_CONNECT_SWAPPED);
}

/* The list of rows, named @name and labelled @label for assistive
 * technologies, showing @placeholder when empty; its Add button is named
 * @add_name and says @add_label as its tooltip and accessible name. */
GtkWidget *
cr_editable_rows_new (const char *name,
                      const char *label,
                      GtkWidget  *placeholder,
                      const char *add_name,
                      const char *add_label)
{
  CrEditableRows *self = g_object_new (CR_TYPE_EDITABLE_ROWS, NULL);

  gtk_widget_set_name (GTK_WIDGET (self->list), name);
  cr_widget_set_accessible_label (GTK_WIDGET (self->list), label);
  gtk_list_box_set_placeholder (self->list, placeholder);
  gtk_widget_set_name (self->add_button, add_name);
  gtk_widget_set_tooltip_text (self->add_button, add_label);
  cr_widget_set_accessible_label (self->add_button, add_label);
  return GTK_WIDGET (self);
}

GtkListBox *
cr_editable_rows_get_list (CrEditableRows *self)
{
  g_return_val_if_fail (CR_IS_EDITABLE_ROWS (self), NULL);
  return self->list;
}

/* The add row, whose fields the step lays out. */
GtkWidget *
cr_editable_rows_get_add_row (CrEditableRows *self)
{
  g_return_val_if_fail (CR_IS_EDITABLE_ROWS (self), NULL);
  return self->add_row;
}

/* The Add button, for the step to place among the add row's fields. */
GtkWidget *
cr_editable_rows_get_add_button (CrEditableRows *self)
{
  g_return_val_if_fail (CR_IS_EDITABLE_ROWS (self), NULL);
  return self->add_button;
}

/* An entry of the add row: Enter in it asks to add, and an add empties it. */
GtkWidget *
cr_editable_rows_new_add_entry (CrEditableRows *self,
                                const char     *name,
                                const char     *placeholder,
                                const char     *label,
                                int             width_chars)
{
  GtkWidget *entry = gtk_entry_new ();

  g_return_val_if_fail (CR_IS_EDITABLE_ROWS (self), NULL);

  gtk_widget_set_name (entry, name);
  gtk_widget_set_valign (entry, GTK_ALIGN_CENTER);
  gtk_editable_set_width_chars (GTK_EDITABLE (entry), width_chars);
  gtk_entry_set_placeholder_text (GTK_ENTRY (entry), placeholder);
  cr_widget_set_accessible_label (entry, label);
  g_signal_connect_object (entry, "activate", G_CALLBACK (on_add_activate), self, G_CONNECT_SWAPPED);
  g_ptr_array_add (self->add_entries, entry);
  return entry;
}

/* Shows @box, the add row's fields as the step lays them out, in the add row. */
void
cr_editable_rows_set_add_fields (CrEditableRows *self,
                                 GtkWidget      *box)
{
  g_return_if_fail (CR_IS_EDITABLE_ROWS (self));
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (self->add_row), box);
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
 * row that took its place, or the last, or the add row's first entry when
 * none is left. */
void
cr_editable_rows_focus_after_remove (CrEditableRows *self,
                                     guint           position)
{
  GtkListBoxRow *next = gtk_list_box_get_row_at_index (self->list, (int) position);

  if (next == NULL && position > 0)
    next = gtk_list_box_get_row_at_index (self->list, (int) position - 1);
  if (next != NULL)
    gtk_widget_grab_focus (GTK_WIDGET (next));
  else if (self->add_entries->len > 0)
    gtk_widget_grab_focus (g_ptr_array_index (self->add_entries, 0));
}
