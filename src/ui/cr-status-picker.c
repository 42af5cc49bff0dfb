/* cr-status-picker.c: what became of an action (open, done or dropped) and
 * its one-line outcome, saved as it changes
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "crossroads-actions"

#include "config.h"

#include <glib/gi18n.h>

#include "cr-status-picker.h"
#include "cr-widget-util.h"

struct _CrStatusPicker
{
  GtkBox      parent_instance;

  CrWorkshop *workshop;
  CrAction   *action;
  GtkWidget  *buttons[CR_ACTION_DROPPED + 1];
  GtkWidget  *outcome;
  gboolean    updating;
};

G_DEFINE_FINAL_TYPE (CrStatusPicker, cr_status_picker, GTK_TYPE_BOX)

static void
save (CrStatusPicker *self,
      CrActionStatus  status)
{
  g_autoptr(GError) error = NULL;
  /* One line: a pasted line break would show in no report. */
  g_autofree char *outcome = g_strstrip (g_strdelimit (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->outcome))),
                                                       "\r\n", ' '));

  if (!cr_workshop_set_action_status (self->workshop, self->action, status, outcome, &error))
    cr_widget_show_error (GTK_WIDGET (self), error);
}

static void
update (CrStatusPicker *self)
{
  CrActionStatus status = cr_action_get_status (self->action);
  const char *outcome = cr_action_get_outcome (self->action);

  self->updating = TRUE;
  for (guint i = 0; i < G_N_ELEMENTS (self->buttons); i++)
    gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (self->buttons[i]), i == status);
  if (g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (self->outcome)), outcome) != 0)
    gtk_editable_set_text (GTK_EDITABLE (self->outcome), outcome);
  self->updating = FALSE;
}

static void
on_toggled (GtkToggleButton *button,
            CrStatusPicker  *self)
{
  if (self->updating || !gtk_toggle_button_get_active (button))
    return;
  save (self, (CrActionStatus) GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (button), "status")));
}

static void
save_outcome (CrStatusPicker *self)
{
  if (self->action != NULL)
    save (self, cr_action_get_status (self->action));
}

static void
cr_status_picker_dispose (GObject *object)
{
  CrStatusPicker *self = CR_STATUS_PICKER (object);

  if (self->action != NULL)
    g_signal_handlers_disconnect_by_data (self->action, self);
  g_clear_object (&self->action);
  g_clear_object (&self->workshop);

  G_OBJECT_CLASS (cr_status_picker_parent_class)->dispose (object);
}

static void
cr_status_picker_class_init (CrStatusPickerClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = cr_status_picker_dispose;
}

static void
cr_status_picker_init (CrStatusPicker *self)
{
}

GtkWidget *
cr_status_picker_new (CrWorkshop *workshop,
                      CrAction   *action)
{
  CrStatusPicker *self;
  GtkWidget *linked, *label;
  GtkEventController *focus;
  g_autofree char *status_label = NULL;
  g_autofree char *outcome_label = NULL;

  g_return_val_if_fail (CR_IS_WORKSHOP (workshop), NULL);
  g_return_val_if_fail (CR_IS_ACTION (action), NULL);

  self = g_object_new (CR_TYPE_STATUS_PICKER,
                       "orientation", GTK_ORIENTATION_HORIZONTAL,
                       "spacing", 6,
                       NULL);
  self->workshop = g_object_ref (workshop);
  self->action = g_object_ref (action);

  /* Three buttons side by side: one press each, from the keyboard too,
   * and all three choices in sight of the room. */
  linked = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
  gtk_widget_add_css_class (linked, "linked");
  gtk_widget_set_valign (linked, GTK_ALIGN_CENTER);
  gtk_widget_set_name (linked, "status");
  /* Translators: accessible name of an action's status buttons; %s is the action */
  status_label = g_strdup_printf (_("Status of %s"), cr_action_get_text (action));
  gtk_accessible_update_property (GTK_ACCESSIBLE (linked), GTK_ACCESSIBLE_PROPERTY_LABEL, status_label, -1);
  for (guint i = 0; i < G_N_ELEMENTS (self->buttons); i++)
    {
      GtkWidget *button = gtk_toggle_button_new_with_label (cr_action_status_get_label ((CrActionStatus) i));

      gtk_widget_set_name (button, cr_action_status_to_string ((CrActionStatus) i));
      g_object_set_data (G_OBJECT (button), "status", GUINT_TO_POINTER (i));
      if (i > 0)
        gtk_toggle_button_set_group (GTK_TOGGLE_BUTTON (button), GTK_TOGGLE_BUTTON (self->buttons[0]));
      g_signal_connect_object (button, "toggled", G_CALLBACK (on_toggled), self, 0);
      gtk_box_append (GTK_BOX (linked), button);
      self->buttons[i] = button;
    }
  gtk_box_append (GTK_BOX (self), linked);

  self->outcome = gtk_entry_new ();
  gtk_widget_set_name (self->outcome, "outcome");
  gtk_widget_set_hexpand (self->outcome, TRUE);
  gtk_widget_set_valign (self->outcome, GTK_ALIGN_CENTER);
  gtk_entry_set_placeholder_text (GTK_ENTRY (self->outcome), _("What came of it"));
  label = gtk_label_new_with_mnemonic (_("Out_come"));
  gtk_label_set_mnemonic_widget (GTK_LABEL (label), self->outcome);
  gtk_widget_add_css_class (label, "dim-label");
  gtk_widget_set_margin_start (label, 12);
  /* Translators: accessible name of an action's outcome field; %s is the action */
  outcome_label = g_strdup_printf (_("Outcome of %s"), cr_action_get_text (action));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->outcome), GTK_ACCESSIBLE_PROPERTY_LABEL, outcome_label, -1);
  g_signal_connect_object (self->outcome, "activate", G_CALLBACK (save_outcome), self, G_CONNECT_SWAPPED);
  focus = gtk_event_controller_focus_new ();
  g_signal_connect_object (focus, "leave", G_CALLBACK (save_outcome), self, G_CONNECT_SWAPPED);
  gtk_widget_add_controller (self->outcome, focus);
  gtk_box_append (GTK_BOX (self), label);
  gtk_box_append (GTK_BOX (self), self->outcome);

  g_signal_connect_object (action, "notify::status", G_CALLBACK (update), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (action, "notify::outcome", G_CALLBACK (update), self, G_CONNECT_SWAPPED);
  update (self);
  return GTK_WIDGET (self);
}
