/* cr-step-actions.c: the first steps the room agrees on: what, who, by when
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "crossroads-actions"

#include "config.h"

#include <glib/gi18n.h>

#include "cr-step-actions.h"
#include "cr-window.h"

struct _CrStepActions
{
  AdwBin               parent_instance;

  CrWorkshop          *workshop;
  GListModel          *actions;

  AdwPreferencesGroup *group;
  GtkListBox          *list_box;
  GtkEntry            *add_text;
  GtkEntry            *add_owner;
  GtkEntry            *add_due;
};

G_DEFINE_FINAL_TYPE (CrStepActions, cr_step_actions, ADW_TYPE_BIN)

static void
set_accessible_label (GtkWidget  *widget,
                      const char *label)
{
  gtk_accessible_update_property (GTK_ACCESSIBLE (widget),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                  -1);
}

/* Empty or a real YYYY-MM-DD date; marks the entry when it is neither. */
static gboolean
check_due (GtkEntry  *entry,
           char     **due)
{
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (entry))));

  if (text[0] != '\0' && !cr_date_is_valid (text))
    {
      gtk_widget_add_css_class (GTK_WIDGET (entry), "error");
      gtk_widget_grab_focus (GTK_WIDGET (entry));
      return FALSE;
    }
  gtk_widget_remove_css_class (GTK_WIDGET (entry), "error");
  *due = g_steal_pointer (&text);
  return TRUE;
}

/* ---------------------------------------------------------------------- */
/* Rows                                                                    */

typedef struct
{
  CrAction  *action;
  GtkWidget *text;
  GtkWidget *owner;
  GtkWidget *due;
  GtkWidget *remove;
} RowParts;

static void
row_parts_free (RowParts *parts)
{
  g_clear_object (&parts->action);
  g_free (parts);
}

static RowParts *
row_get_parts (GtkWidget *row)
{
  /* After the row is disposed its child is gone, and so are the parts' widgets. */
  if (!GTK_IS_LIST_BOX_ROW (row) || gtk_list_box_row_get_child (GTK_LIST_BOX_ROW (row)) == NULL)
    return NULL;
  return g_object_get_data (G_OBJECT (row), "parts");
}

static void
update_count (CrStepActions *self)
{
  guint n = g_list_model_get_n_items (self->actions);
  g_autofree char *description = NULL;

  if (n > 0)
    description = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u action", "%u actions", n), n);
  adw_preferences_group_set_description (self->group, description);
}

static void
set_text_if_changed (GtkWidget  *entry,
                     const char *text)
{
  if (text == NULL)
    text = "";
  if (g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (entry)), text) != 0)
    gtk_editable_set_text (GTK_EDITABLE (entry), text);
}

static void
refresh_row (GtkWidget *row)
{
  RowParts *parts = row_get_parts (row);
  g_autofree char *text_label = NULL;
  g_autofree char *owner_label = NULL;
  g_autofree char *due_label = NULL;
  g_autofree char *remove_label = NULL;
  const char *text;

  if (parts == NULL)
    return;

  text = cr_action_get_text (parts->action);
  set_text_if_changed (parts->text, text);
  set_text_if_changed (parts->owner, cr_action_get_owner (parts->action));
  set_text_if_changed (parts->due, cr_action_get_due (parts->action));
  gtk_widget_remove_css_class (parts->due, "error");

  /* Translators: accessible names; %s is the action's text */
  text_label = g_strdup_printf (_("Action: %s"), text);
  owner_label = g_strdup_printf (_("Owner of %s"), text);
  due_label = g_strdup_printf (_("Due date of %s"), text);
  remove_label = g_strdup_printf (_("Remove %s"), text);
  set_accessible_label (parts->text, text_label);
  set_accessible_label (parts->owner, owner_label);
  set_accessible_label (parts->due, due_label);
  set_accessible_label (parts->remove, remove_label);
  set_accessible_label (row, text);
  gtk_widget_set_tooltip_text (parts->remove, remove_label);
}

static void
on_action_notify (GtkWidget  *row,
                  GParamSpec *pspec,
                  GObject    *action)
{
  refresh_row (row);
}

static gboolean
is_current (CrStepActions *self,
            CrAction      *action)
{
  guint position;

  return g_list_store_find (G_LIST_STORE (self->actions), action, &position);
}

static void
commit_row (CrStepActions *self,
            GtkWidget     *row)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  g_autofree char *owner = NULL;
  g_autofree char *due = NULL;
  RowParts *parts = row_get_parts (row);

  if (parts == NULL || !is_current (self, parts->action))
    return;

  text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (parts->text))));
  owner = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (parts->owner))));
  if (text[0] == '\0')
    {
      gtk_widget_add_css_class (parts->text, "error");
      return;
    }
  gtk_widget_remove_css_class (parts->text, "error");
  /* A half-typed date is left marked until it is right; nothing is saved. */
  if (!check_due (GTK_ENTRY (parts->due), &due))
    return;

  /* The core writes nothing, and adds no undo step, when nothing changed. */
  if (!cr_workshop_update_action (self->workshop, parts->action, text, owner, due, &error))
    {
      refresh_row (row);
      cr_window_show_error (GTK_WIDGET (self), error);
    }
}

static void
on_row_entry_activate (GtkEntry *entry,
                       gpointer  user_data)
{
  GtkWidget *step = gtk_widget_get_ancestor (GTK_WIDGET (entry), CR_TYPE_STEP_ACTIONS);
  GtkWidget *row = gtk_widget_get_ancestor (GTK_WIDGET (entry), GTK_TYPE_LIST_BOX_ROW);

  if (step != NULL && row != NULL)
    commit_row (CR_STEP_ACTIONS (step), row);
}

static void
on_row_entry_leave (GtkEventControllerFocus *controller,
                    gpointer                 user_data)
{
  GtkWidget *entry = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (controller));

  on_row_entry_activate (GTK_ENTRY (entry), NULL);
}

static void
remove_action (CrStepActions *self,
               CrAction      *action)
{
  g_autoptr(GError) error = NULL;
  GtkListBoxRow *next;
  guint position;

  if (!g_list_store_find (G_LIST_STORE (self->actions), action, &position))
    return;
  if (!cr_workshop_remove_action (self->workshop, action, &error))
    {
      cr_window_show_error (GTK_WIDGET (self), error);
      return;
    }

  /* Keep the keyboard in the list: on the row that took its place, or the last. */
  next = gtk_list_box_get_row_at_index (self->list_box, (int) position);
  if (next == NULL && position > 0)
    next = gtk_list_box_get_row_at_index (self->list_box, (int) position - 1);
  if (next != NULL)
    gtk_widget_grab_focus (GTK_WIDGET (next));
  else
    gtk_widget_grab_focus (GTK_WIDGET (self->add_text));
}

static void
on_remove_clicked (GtkButton *button,
                   gpointer   user_data)
{
  GtkWidget *step = gtk_widget_get_ancestor (GTK_WIDGET (button), CR_TYPE_STEP_ACTIONS);
  GtkWidget *row = gtk_widget_get_ancestor (GTK_WIDGET (button), GTK_TYPE_LIST_BOX_ROW);
  RowParts *parts = row != NULL ? row_get_parts (row) : NULL;
  g_autoptr(CrAction) action = NULL;

  if (step == NULL || parts == NULL)
    return;
  /* The row goes away during the removal; hold on to what it showed. */
  action = g_object_ref (parts->action);
  remove_action (CR_STEP_ACTIONS (step), action);
}

/* Delete on a focused row (or on its remove button) removes the action; in
 * an entry it stays the entry's key. */
static gboolean
on_row_key_pressed (GtkEventControllerKey *controller,
                    guint                  keyval,
                    guint                  keycode,
                    GdkModifierType        state,
                    gpointer               user_data)
{
  GtkWidget *row = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (controller));
  RowParts *parts = row_get_parts (row);

  if ((keyval != GDK_KEY_Delete && keyval != GDK_KEY_KP_Delete) ||
      (state & GDK_MODIFIER_MASK) != 0 || parts == NULL)
    return GDK_EVENT_PROPAGATE;

  on_remove_clicked (GTK_BUTTON (parts->remove), NULL);
  return GDK_EVENT_STOP;
}

static GtkWidget *
create_entry (const char *name,
              const char *placeholder,
              int         width_chars,
              gboolean    hexpand)
{
  GtkWidget *entry = gtk_entry_new ();
  GtkEventController *focus = gtk_event_controller_focus_new ();

  gtk_widget_set_name (entry, name);
  gtk_widget_set_hexpand (entry, hexpand);
  gtk_widget_set_valign (entry, GTK_ALIGN_CENTER);
  gtk_editable_set_width_chars (GTK_EDITABLE (entry), width_chars);
  gtk_entry_set_placeholder_text (GTK_ENTRY (entry), placeholder);
  g_signal_connect (entry, "activate", G_CALLBACK (on_row_entry_activate), NULL);
  g_signal_connect (focus, "leave", G_CALLBACK (on_row_entry_leave), NULL);
  gtk_widget_add_controller (entry, focus);
  return entry;
}

static GtkWidget *
create_row (gpointer item,
            gpointer user_data)
{
  CrAction *action = CR_ACTION (item);
  RowParts *parts = g_new0 (RowParts, 1);
  GtkEventController *keys;
  GtkWidget *row, *box;

  parts->action = g_object_ref (action);

  box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 6);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 6);

  parts->text = create_entry ("text", _("What"), 16, TRUE);
  parts->owner = create_entry ("owner", _("Who"), 10, FALSE);
  parts->due = create_entry ("due", _("YYYY-MM-DD"), 10, FALSE);
  gtk_entry_set_input_purpose (GTK_ENTRY (parts->due), GTK_INPUT_PURPOSE_DIGITS);
  gtk_entry_set_max_length (GTK_ENTRY (parts->due), 10);
  parts->remove = gtk_button_new_from_icon_name ("user-trash-symbolic");
  gtk_widget_set_name (parts->remove, "remove");
  gtk_widget_set_valign (parts->remove, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (parts->remove, "flat");
  g_signal_connect (parts->remove, "clicked", G_CALLBACK (on_remove_clicked), NULL);

  gtk_box_append (GTK_BOX (box), parts->text);
  gtk_box_append (GTK_BOX (box), parts->owner);
  gtk_box_append (GTK_BOX (box), parts->due);
  gtk_box_append (GTK_BOX (box), parts->remove);

  row = gtk_list_box_row_new ();
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  g_object_set_data_full (G_OBJECT (row), "parts", parts, (GDestroyNotify) row_parts_free);

  keys = gtk_event_controller_key_new ();
  g_signal_connect (keys, "key-pressed", G_CALLBACK (on_row_key_pressed), NULL);
  gtk_widget_add_controller (row, keys);

  g_signal_connect_object (action, "notify", G_CALLBACK (on_action_notify), row, G_CONNECT_SWAPPED);
  refresh_row (row);
  return row;
}

static void
on_actions_changed (CrStepActions *self,
                    guint          position,
                    guint          removed,
                    guint          added,
                    GListModel    *model)
{
  update_count (self);
}

/* ---------------------------------------------------------------------- */
/* Adding                                                                  */

static void
on_add_activate (CrStepActions *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->add_text))));
  g_autofree char *owner = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->add_owner))));
  g_autofree char *due = NULL;

  if (text[0] == '\0')
    {
      /* An action needs at least its "what"; the cursor goes there. */
      gtk_widget_add_css_class (GTK_WIDGET (self->add_text), "error");
      gtk_widget_grab_focus (GTK_WIDGET (self->add_text));
      return;
    }
  gtk_widget_remove_css_class (GTK_WIDGET (self->add_text), "error");
  if (!check_due (self->add_due, &due))
    return;

  if (cr_workshop_add_action (self->workshop, text, owner, due, &error) == NULL)
    {
      cr_window_show_error (GTK_WIDGET (self), error);
      return;
    }
  gtk_editable_set_text (GTK_EDITABLE (self->add_text), "");
  gtk_editable_set_text (GTK_EDITABLE (self->add_owner), "");
  gtk_editable_set_text (GTK_EDITABLE (self->add_due), "");
  gtk_widget_grab_focus (GTK_WIDGET (self->add_text));
}

static GtkEntry *
create_add_entry (CrStepActions *self,
                  const char    *name,
                  const char    *placeholder,
                  const char    *label,
                  int            width_chars,
                  gboolean       hexpand)
{
  GtkWidget *entry = gtk_entry_new ();

  gtk_widget_set_name (entry, name);
  gtk_widget_set_hexpand (entry, hexpand);
  gtk_widget_set_valign (entry, GTK_ALIGN_CENTER);
  gtk_editable_set_width_chars (GTK_EDITABLE (entry), width_chars);
  gtk_entry_set_placeholder_text (GTK_ENTRY (entry), placeholder);
  set_accessible_label (entry, label);
  g_signal_connect_object (entry, "activate", G_CALLBACK (on_add_activate), self, G_CONNECT_SWAPPED);
  return GTK_ENTRY (entry);
}

static GtkWidget *
create_add_list (CrStepActions *self)
{
  GtkWidget *list = gtk_list_box_new ();
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *button = gtk_button_new_with_mnemonic (_("_Add"));

  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  gtk_widget_set_focusable (row, FALSE);
  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 6);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 6);

  self->add_text = create_add_entry (self, "add-text", _("New action: what"),
                                     _("What the new action is"), 16, TRUE);
  self->add_owner = create_add_entry (self, "add-owner", _("Who"),
                                      _("Owner of the new action"), 10, FALSE);
  self->add_due = create_add_entry (self, "add-due", _("YYYY-MM-DD"),
                                    _("Due date of the new action, YYYY-MM-DD or empty"), 10, FALSE);
  gtk_entry_set_input_purpose (self->add_due, GTK_INPUT_PURPOSE_DIGITS);
  gtk_entry_set_max_length (self->add_due, 10);

  gtk_widget_set_name (button, "add-action");
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (button, _("Add action"));
  set_accessible_label (button, _("Add action"));
  g_signal_connect_object (button, "clicked", G_CALLBACK (on_add_activate), self, G_CONNECT_SWAPPED);

  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->add_text));
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->add_owner));
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->add_due));
  gtk_box_append (GTK_BOX (box), button);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  gtk_list_box_append (GTK_LIST_BOX (list), row);
  gtk_widget_set_margin_top (list, 12);
  return list;
}

static void
cr_step_actions_dispose (GObject *object)
{
  CrStepActions *self = (CrStepActions *)object;

  if (self->actions != NULL)
    g_signal_handlers_disconnect_by_data (self->actions, self);
  if (self->list_box != NULL)
    gtk_list_box_bind_model (self->list_box, NULL, NULL, NULL, NULL);

  G_OBJECT_CLASS (cr_step_actions_parent_class)->dispose (object);

  g_clear_object (&self->actions);
  g_clear_object (&self->workshop);
}

static void
cr_step_actions_class_init (CrStepActionsClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = cr_step_actions_dispose;
}

static void
cr_step_actions_init (CrStepActions *self)
{
}

GtkWidget *
cr_step_actions_new (CrWorkshop *workshop)
{
  CrStepActions *self;
  GtkWidget *scroller, *clamp, *box, *placeholder;

  g_return_val_if_fail (CR_IS_WORKSHOP (workshop), NULL);

  self = g_object_new (CR_TYPE_STEP_ACTIONS, NULL);
  self->workshop = g_object_ref (workshop);
  self->actions = g_object_ref (cr_workshop_get_actions (workshop));

  self->group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  adw_preferences_group_set_title (self->group, _("Agreed Actions"));

  self->list_box = GTK_LIST_BOX (gtk_list_box_new ());
  gtk_widget_set_name (GTK_WIDGET (self->list_box), "actions");
  gtk_list_box_set_selection_mode (self->list_box, GTK_SELECTION_NONE);
  gtk_widget_add_css_class (GTK_WIDGET (self->list_box), "boxed-list");
  set_accessible_label (GTK_WIDGET (self->list_box), _("Agreed actions"));
  placeholder = gtk_label_new (_("No actions yet. Agree the first steps with the room: what, who, by when."));
  gtk_widget_set_name (placeholder, "empty");
  gtk_label_set_wrap (GTK_LABEL (placeholder), TRUE);
  gtk_widget_add_css_class (placeholder, "dim-label");
  gtk_widget_set_margin_top (placeholder, 18);
  gtk_widget_set_margin_bottom (placeholder, 18);
  gtk_widget_set_margin_start (placeholder, 12);
  gtk_widget_set_margin_end (placeholder, 12);
  gtk_list_box_set_placeholder (self->list_box, placeholder);
  gtk_list_box_bind_model (self->list_box, self->actions, create_row, NULL, NULL);

  adw_preferences_group_add (self->group, GTK_WIDGET (self->list_box));
  adw_preferences_group_add (self->group, create_add_list (self));
  update_count (self);

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 24);
  gtk_widget_set_margin_top (box, 24);
  gtk_widget_set_margin_bottom (box, 24);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->group));

  clamp = adw_clamp_new ();
  adw_clamp_set_maximum_size (ADW_CLAMP (clamp), 1000);
  adw_clamp_set_child (ADW_CLAMP (clamp), box);
  scroller = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scroller), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), clamp);
  adw_bin_set_child (ADW_BIN (self), scroller);

  g_signal_connect_object (self->actions, "items-changed",
                           G_CALLBACK (on_actions_changed), self, G_CONNECT_SWAPPED);
  return GTK_WIDGET (self);
}
