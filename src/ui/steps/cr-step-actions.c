/* cr-step-actions.c: the first steps the room agrees on: what, who, by when
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "crossroads-actions"

#include "config.h"

#include <glib/gi18n.h>

#include <stdio.h>

#include "cr-editable-rows.h"
#include "cr-status-picker.h"
#include "cr-step-actions.h"
#include "cr-widget-util.h"

struct _CrStepActions
{
  CrStep               parent_instance;

  GListModel          *actions;

  AdwPreferencesGroup *group;
  CrEditableRows      *rows;
  GtkListBox          *list_box;       /* the rows' list */
  GtkEntry            *add_text;
  GtkEntry            *add_owner;
  GtkEntry            *add_due;
  GtkLabel            *add_due_message;
};

G_DEFINE_FINAL_TYPE (CrStepActions, cr_step_actions, CR_TYPE_STEP)

/* The message under a due date that is not one: red alone does not say
 * what is wrong, nor what the field takes. */
static void
show_due_message (GtkLabel   *message,
                  const char *text)
{
  g_autofree char *label = NULL;

  if (text == NULL)
    {
      gtk_widget_set_visible (GTK_WIDGET (message), FALSE);
      return;
    }
  /* Translators: under a due date that could not be read; %s is what was typed */
  label = g_strdup_printf (_("“%s” is not a date. Type it as year-month-day, for example 2025-06-30, "
                             "or pick it from the calendar."), text);
  gtk_label_set_label (message, label);
  gtk_widget_set_visible (GTK_WIDGET (message), TRUE);
}

/* Empty or a real YYYY-MM-DD date; marks the entry and says why when it is
 * neither. */
static gboolean
check_due (GtkEntry  *entry,
           GtkLabel  *message,
           char     **due)
{
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (entry))));

  if (text[0] != '\0' && !cr_date_is_valid (text))
    {
      gtk_widget_add_css_class (GTK_WIDGET (entry), "error");
      show_due_message (message, text);
      gtk_widget_grab_focus (GTK_WIDGET (entry));
      return FALSE;
    }
  gtk_widget_remove_css_class (GTK_WIDGET (entry), "error");
  show_due_message (message, NULL);
  *due = g_steal_pointer (&text);
  return TRUE;
}

static GtkWidget *
create_due_message (const char *name)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_widget_set_name (label, name);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_add_css_class (label, "error");
  gtk_widget_add_css_class (label, "caption");
  gtk_widget_set_visible (label, FALSE);
  return label;
}

/* ---------------------------------------------------------------------- */
/* Pickers: a date from a calendar, an owner from the participants         */

typedef void (*PickedFunc) (GtkWidget *entry);

static void
on_day_selected (GtkCalendar *calendar,
                 GtkWidget   *entry)
{
  g_autoptr(GDateTime) date = gtk_calendar_get_date (calendar);
  g_autofree char *text = g_date_time_format (date, "%Y-%m-%d");
  GtkWidget *popover = gtk_widget_get_ancestor (GTK_WIDGET (calendar), GTK_TYPE_POPOVER);
  PickedFunc picked = g_object_get_data (G_OBJECT (entry), "picked");

  gtk_editable_set_text (GTK_EDITABLE (entry), text);
  if (popover != NULL)
    gtk_popover_popdown (GTK_POPOVER (popover));
  if (picked != NULL)
    picked (entry);
}

/* The calendar opens on the date in the field, or on today. */
static void
on_calendar_shown (GtkPopover *popover,
                   GtkWidget  *entry)
{
  GtkCalendar *calendar = GTK_CALENDAR (gtk_popover_get_child (popover));
  const char *text = gtk_editable_get_text (GTK_EDITABLE (entry));
  g_autoptr(GDateTime) date = NULL;
  int year, month, day;

  if (cr_date_is_valid (text) && sscanf (text, "%d-%d-%d", &year, &month, &day) == 3)
    date = g_date_time_new_local (year, month, day, 12, 0, 0);
  else
    date = g_date_time_new_now_local ();
  g_signal_handlers_block_by_func (calendar, on_day_selected, entry);
  gtk_calendar_select_day (calendar, date);
  g_signal_handlers_unblock_by_func (calendar, on_day_selected, entry);
  gtk_widget_grab_focus (GTK_WIDGET (calendar));
}

/* A menu button beside @entry whose popover fills it in; @shown fills the
 * popover each time it opens, and @picked runs once the entry is filled. */
static GtkWidget *
create_picker (GtkWidget  *entry,
               const char *name,
               const char *icon,
               const char *tooltip,
               GCallback   shown,
               PickedFunc  picked)
{
  GtkWidget *button = gtk_menu_button_new ();
  GtkWidget *popover = gtk_popover_new ();

  gtk_widget_set_name (button, name);
  gtk_menu_button_set_icon_name (GTK_MENU_BUTTON (button), icon);
  gtk_widget_set_tooltip_text (button, tooltip);
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_menu_button_set_popover (GTK_MENU_BUTTON (button), popover);
  g_object_set_data (G_OBJECT (entry), "picked", picked);
  g_signal_connect_object (popover, "show", shown, entry, 0);
  return button;
}

static GtkWidget *
create_date_picker (GtkWidget  *entry,
                    const char *name,
                    PickedFunc  picked)
{
  GtkWidget *button = create_picker (entry, name, "x-office-calendar-symbolic", _("Pick the Date From a Calendar"),
                                     G_CALLBACK (on_calendar_shown), picked);
  GtkWidget *calendar = gtk_calendar_new ();

  gtk_popover_set_child (gtk_menu_button_get_popover (GTK_MENU_BUTTON (button)), calendar);
  g_signal_connect_object (calendar, "day-selected", G_CALLBACK (on_day_selected), entry, 0);
  return button;
}

static void
on_owner_activated (GtkListBox    *list,
                    GtkListBoxRow *row,
                    GtkWidget     *entry)
{
  GtkWidget *popover = gtk_widget_get_ancestor (GTK_WIDGET (list), GTK_TYPE_POPOVER);
  PickedFunc picked = g_object_get_data (G_OBJECT (entry), "picked");

  gtk_editable_set_text (GTK_EDITABLE (entry), g_object_get_data (G_OBJECT (row), "name"));
  if (popover != NULL)
    gtk_popover_popdown (GTK_POPOVER (popover));
  if (picked != NULL)
    picked (entry);
}

/* Built each time it opens: the room's list may have changed since. */
static void
on_owners_shown (GtkPopover *popover,
                 GtkWidget  *entry)
{
  GtkWidget *step = gtk_widget_get_ancestor (entry, CR_TYPE_STEP_ACTIONS);
  GListModel *participants;
  GtkWidget *list = NULL;
  guint n;

  if (step == NULL)
    return;
  participants = cr_workshop_get_participants (cr_step_get_workshop (CR_STEP (step)));
  n = g_list_model_get_n_items (participants);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(CrParticipant) participant = g_list_model_get_item (participants, i);
      const char *name = cr_participant_get_name (participant);
      GtkWidget *row, *label;

      /* An anonymous seat owns nothing anyone could follow up. */
      if (name == NULL || name[0] == '\0')
        continue;
      if (list == NULL)
        {
          list = gtk_list_box_new ();
          gtk_widget_set_name (list, "owners");
          gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
          gtk_widget_add_css_class (list, "navigation-sidebar");
          cr_widget_set_accessible_label (list, _("Participants"));
          g_signal_connect_object (list, "row-activated", G_CALLBACK (on_owner_activated), entry, 0);
        }
      label = gtk_label_new (name);
      gtk_label_set_xalign (GTK_LABEL (label), 0);
      row = gtk_list_box_row_new ();
      gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), label);
      g_object_set_data_full (G_OBJECT (row), "name", g_strdup (name), g_free);
      gtk_list_box_append (GTK_LIST_BOX (list), row);
    }

  if (list == NULL)
    {
      GtkWidget *empty = gtk_label_new (_("No named participants yet. Add them in the set-up step, "
                                          "or type the owner’s name."));

      gtk_label_set_wrap (GTK_LABEL (empty), TRUE);
      gtk_label_set_max_width_chars (GTK_LABEL (empty), 30);
      gtk_widget_add_css_class (empty, "dim-label");
      gtk_widget_set_margin_top (empty, 6);
      gtk_widget_set_margin_bottom (empty, 6);
      gtk_widget_set_margin_start (empty, 6);
      gtk_widget_set_margin_end (empty, 6);
      gtk_popover_set_child (popover, empty);
      return;
    }
  gtk_popover_set_child (popover, list);
  gtk_widget_grab_focus (GTK_WIDGET (gtk_list_box_get_row_at_index (GTK_LIST_BOX (list), 0)));
}

static GtkWidget *
create_owner_picker (GtkWidget  *entry,
                     const char *name,
                     PickedFunc  picked)
{
  return create_picker (entry, name, "system-users-symbolic", _("Pick the Owner From the Participants"),
                        G_CALLBACK (on_owners_shown), picked);
}

/* An entry with its picker beside it, linked as one control. */
static GtkWidget *
linked (GtkWidget *entry,
        GtkWidget *picker)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);

  gtk_widget_add_css_class (box, "linked");
  gtk_widget_set_valign (box, GTK_ALIGN_CENTER);
  gtk_box_append (GTK_BOX (box), entry);
  gtk_box_append (GTK_BOX (box), picker);
  return box;
}

/* ---------------------------------------------------------------------- */
/* Rows                                                                    */

/* The row's widgets; the row holds the action. */
typedef struct
{
  CrAction  *action;
  GtkWidget *text;          /* GtkTextView: a long action wraps, never cut */
  GtkWidget *owner;
  GtkWidget *due;
  GtkWidget *due_message;
} RowParts;

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

static char *
text_view_dup_text (GtkWidget *view)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (view));
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

static void
text_view_set_if_changed (GtkWidget  *view,
                          const char *text)
{
  g_autofree char *current = text_view_dup_text (view);

  if (g_strcmp0 (current, text != NULL ? text : "") != 0)
    gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (view)), text != NULL ? text : "", -1);
}

static void
refresh_row (GtkWidget *row)
{
  RowParts *parts = cr_editable_rows_get_parts (row);
  g_autofree char *text_label = NULL;
  g_autofree char *owner_label = NULL;
  g_autofree char *due_label = NULL;
  const char *text;

  if (parts == NULL)
    return;

  text = cr_action_get_text (parts->action);
  text_view_set_if_changed (parts->text, text);
  gtk_widget_remove_css_class (parts->text, "error");
  set_text_if_changed (parts->owner, cr_action_get_owner (parts->action));
  set_text_if_changed (parts->due, cr_action_get_due (parts->action));
  gtk_widget_remove_css_class (parts->due, "error");
  show_due_message (GTK_LABEL (parts->due_message), NULL);

  /* Translators: accessible names; %s is the action's text */
  text_label = g_strdup_printf (_("Action: %s"), text);
  owner_label = g_strdup_printf (_("Owner of %s"), text);
  due_label = g_strdup_printf (_("Due date of %s"), text);
  cr_widget_set_accessible_label (parts->text, text_label);
  cr_widget_set_accessible_label (parts->owner, owner_label);
  cr_widget_set_accessible_label (parts->due, due_label);
  cr_editable_rows_set_labels (row, text);
}

static void
on_action_notify (GtkWidget  *row,
                  GParamSpec *pspec,
                  GObject    *action)
{
  refresh_row (row);
}

static void
commit_row (GtkWidget *step,
            GtkWidget *row)
{
  CrStepActions *self = CR_STEP_ACTIONS (step);
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  g_autofree char *owner = NULL;
  g_autofree char *due = NULL;
  RowParts *parts = cr_editable_rows_get_parts (row);
  guint position;

  if (parts == NULL || !g_list_store_find (G_LIST_STORE (self->actions), parts->action, &position))
    return;

  /* One line of text: a pasted line break would show in no export. */
  text = g_strstrip (g_strdelimit (text_view_dup_text (parts->text), "\r\n", ' '));
  owner = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (parts->owner))));
  if (text[0] == '\0')
    {
      gtk_widget_add_css_class (parts->text, "error");
      return;
    }
  gtk_widget_remove_css_class (parts->text, "error");
  /* A half-typed date is left marked until it is right; nothing is saved. */
  if (!check_due (GTK_ENTRY (parts->due), GTK_LABEL (parts->due_message), &due))
    return;

  /* The core writes nothing, and adds no undo step, when nothing changed. */
  if (!cr_workshop_update_action (cr_step_get_workshop (CR_STEP (self)), parts->action, text, owner, due, &error))
    {
      refresh_row (row);
      cr_widget_show_error (GTK_WIDGET (self), error);
    }
}

/* Enter saves the action's text, as in the other fields; Shift+Enter
 * would only add a line that is flattened on saving. */
static gboolean
on_text_key_pressed (GtkEventControllerKey *controller,
                     guint                  keyval,
                     guint                  keycode,
                     GdkModifierType        state,
                     gpointer               user_data)
{
  if ((keyval != GDK_KEY_Return && keyval != GDK_KEY_KP_Enter && keyval != GDK_KEY_ISO_Enter) ||
      (state & (GDK_CONTROL_MASK | GDK_ALT_MASK)) != 0)
    return GDK_EVENT_PROPAGATE;
  cr_editable_rows_commit (gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (controller)));
  return GDK_EVENT_STOP;
}

static void
remove_action (GtkWidget *step,
               gpointer   item)
{
  CrStepActions *self = CR_STEP_ACTIONS (step);
  g_autoptr(GError) error = NULL;
  guint position;

  if (!g_list_store_find (G_LIST_STORE (self->actions), item, &position))
    return;
  if (!cr_workshop_remove_action (cr_step_get_workshop (CR_STEP (self)), item, &error))
    {
      cr_widget_show_error (GTK_WIDGET (self), error);
      return;
    }
  cr_editable_rows_focus_after_remove (self->rows, position);
}

static gboolean
resize_text_idle (gpointer data)
{
  GtkWidget *scroller = data;

  g_object_set_data (G_OBJECT (scroller), "resize-pending", NULL);
  gtk_widget_queue_resize (scroller);
  return G_SOURCE_REMOVE;
}

/* GTK 4.8's text view lays its lines out after it was measured, and asks
 * for no new size when they turn out taller (the first time, or after a
 * narrower window rewraps them): the scroller around it sees the height in
 * its adjustment and asks on the text view's behalf. */
static void
on_text_height_changed (GtkAdjustment *adjustment,
                        GtkWidget     *scroller)
{
  if ((int) (gtk_adjustment_get_upper (adjustment) + 0.5) == gtk_widget_get_height (scroller) ||
      g_object_get_data (G_OBJECT (scroller), "resize-pending") != NULL)
    return;
  g_object_set_data (G_OBJECT (scroller), "resize-pending", GINT_TO_POINTER (1));
  g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, resize_text_idle, g_object_ref (scroller), g_object_unref);
}

static GtkWidget *
create_text_view (GtkWidget **scroller)
{
  GtkWidget *view = gtk_text_view_new ();
  GtkEventController *controller;

  gtk_widget_set_name (view, "text");
  gtk_text_view_set_wrap_mode (GTK_TEXT_VIEW (view), GTK_WRAP_WORD_CHAR);
  gtk_text_view_set_accepts_tab (GTK_TEXT_VIEW (view), FALSE);
  gtk_widget_add_css_class (view, "action-text");

  controller = gtk_event_controller_key_new ();
  gtk_event_controller_set_propagation_phase (controller, GTK_PHASE_CAPTURE);
  g_signal_connect (controller, "key-pressed", G_CALLBACK (on_text_key_pressed), NULL);
  gtk_widget_add_controller (view, controller);
  cr_editable_rows_commit_on_leave (view, CR_TYPE_STEP_ACTIONS, commit_row);

  *scroller = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (*scroller), GTK_POLICY_NEVER, GTK_POLICY_NEVER);
  gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (*scroller), TRUE);
  gtk_widget_set_hexpand (*scroller, TRUE);
  gtk_widget_set_valign (*scroller, GTK_ALIGN_CENTER);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (*scroller), view);
  g_signal_connect_object (gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (*scroller)), "changed",
                           G_CALLBACK (on_text_height_changed), *scroller, 0);
  return view;
}

/* A field's name beside it, so the row reads "Owner … Due …" without a
 * placeholder that goes away once the field is filled. */
static GtkWidget *
field_label (const char *text,
             GtkWidget  *field)
{
  GtkWidget *label = gtk_label_new_with_mnemonic (text);

  gtk_label_set_mnemonic_widget (GTK_LABEL (label), field);
  gtk_widget_add_css_class (label, "dim-label");
  return label;
}

static GtkWidget *
create_row (gpointer item,
            gpointer user_data)
{
  CrStepActions *self = user_data;
  CrAction *action = CR_ACTION (item);
  RowParts *parts = g_new0 (RowParts, 1);
  GtkWidget *row, *box, *top, *details, *scroller, *remove;

  parts->action = action;

  box = cr_editable_rows_new_box (GTK_ORIENTATION_VERTICAL, 6);
  top = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  parts->text = create_text_view (&scroller);
  remove = cr_editable_rows_new_remove_button (CR_TYPE_STEP_ACTIONS, remove_action);
  gtk_box_append (GTK_BOX (top), scroller);
  gtk_box_append (GTK_BOX (top), remove);

  details = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  parts->owner = cr_editable_rows_new_entry ("owner", _("Who"), 14, CR_TYPE_STEP_ACTIONS, commit_row);
  parts->due = cr_editable_rows_new_entry ("due", _("YYYY-MM-DD"), 10, CR_TYPE_STEP_ACTIONS, commit_row);
  gtk_entry_set_input_purpose (GTK_ENTRY (parts->due), GTK_INPUT_PURPOSE_DIGITS);
  gtk_widget_set_tooltip_text (parts->due, _("A date as year-month-day, for example 2025-06-30"));
  gtk_box_append (GTK_BOX (details), field_label (_("_Owner"), parts->owner));
  gtk_box_append (GTK_BOX (details), linked (parts->owner, create_owner_picker (parts->owner, "owner-picker",
                                                                                 cr_editable_rows_commit)));
  gtk_box_append (GTK_BOX (details), field_label (_("_Due"), parts->due));
  gtk_widget_set_margin_start (gtk_widget_get_last_child (details), 12);
  gtk_box_append (GTK_BOX (details), linked (parts->due, create_date_picker (parts->due, "due-picker",
                                                                             cr_editable_rows_commit)));

  parts->due_message = create_due_message ("due-message");

  gtk_box_append (GTK_BOX (box), top);
  gtk_box_append (GTK_BOX (box), details);
  gtk_box_append (GTK_BOX (box), parts->due_message);
  /* Months later, what became of it: done, dropped or still open. */
  gtk_box_append (GTK_BOX (box), cr_status_picker_new (cr_step_get_workshop (CR_STEP (self)), action));

  row = cr_editable_rows_new_row (box, G_OBJECT (action), parts, remove);

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

/* The rows' "add": an action from the entries, which needs its "what". */
static gboolean
on_add (CrStepActions *self)
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
      return FALSE;
    }
  gtk_widget_remove_css_class (GTK_WIDGET (self->add_text), "error");
  if (!check_due (self->add_due, self->add_due_message, &due))
    return FALSE;

  if (cr_workshop_add_action (cr_step_get_workshop (CR_STEP (self)), text, owner, due, &error) == NULL)
    {
      cr_widget_show_error (GTK_WIDGET (self), error);
      return FALSE;
    }
  return TRUE;
}

static GtkWidget *
create_rows (CrStepActions *self)
{
  GtkWidget *box = cr_editable_rows_new_box (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *details = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *spacer = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
  GtkWidget *placeholder = cr_step_new_placeholder (_("No actions yet. Agree the first steps with the room: what, who, by when."));

  gtk_widget_set_name (placeholder, "empty");
  self->rows = CR_EDITABLE_ROWS (cr_editable_rows_new ("actions", _("Agreed actions"), placeholder,
                                                       "add-action", _("Add action")));
  self->list_box = cr_editable_rows_get_list (self->rows);
  g_signal_connect_object (self->rows, "add", G_CALLBACK (on_add), self, G_CONNECT_SWAPPED);

  self->add_text = GTK_ENTRY (cr_editable_rows_new_add_entry (self->rows, "add-text", _("New action: what"),
                                                              _("What the new action is"), 16));
  gtk_widget_set_hexpand (GTK_WIDGET (self->add_text), TRUE);
  self->add_owner = GTK_ENTRY (cr_editable_rows_new_add_entry (self->rows, "add-owner", _("Who"),
                                                               _("Owner of the new action"), 14));
  self->add_due = GTK_ENTRY (cr_editable_rows_new_add_entry (self->rows, "add-due", _("YYYY-MM-DD"),
                                                             _("Due date of the new action, YYYY-MM-DD or empty"), 10));
  gtk_entry_set_input_purpose (self->add_due, GTK_INPUT_PURPOSE_DIGITS);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->add_due), _("A date as year-month-day, for example 2025-06-30"));
  self->add_due_message = GTK_LABEL (create_due_message ("add-due-message"));

  /* Picking fills the field; the action is added with Enter or Add. */
  gtk_box_append (GTK_BOX (details), field_label (_("_Owner"), GTK_WIDGET (self->add_owner)));
  gtk_box_append (GTK_BOX (details), linked (GTK_WIDGET (self->add_owner),
                                             create_owner_picker (GTK_WIDGET (self->add_owner),
                                                                  "add-owner-picker", NULL)));
  gtk_box_append (GTK_BOX (details), field_label (_("_Due"), GTK_WIDGET (self->add_due)));
  gtk_widget_set_margin_start (gtk_widget_get_last_child (details), 12);
  gtk_box_append (GTK_BOX (details), linked (GTK_WIDGET (self->add_due),
                                             create_date_picker (GTK_WIDGET (self->add_due),
                                                                 "add-due-picker", NULL)));
  gtk_widget_set_hexpand (spacer, TRUE);
  gtk_box_append (GTK_BOX (details), spacer);
  gtk_box_append (GTK_BOX (details), cr_editable_rows_get_add_button (self->rows));

  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->add_text));
  gtk_box_append (GTK_BOX (box), details);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->add_due_message));
  cr_editable_rows_set_add_fields (self->rows, box);
  return GTK_WIDGET (self->rows);
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
}

static void
cr_step_actions_constructed (GObject *object)
{
  CrStepActions *self = CR_STEP_ACTIONS (object);

  G_OBJECT_CLASS (cr_step_actions_parent_class)->constructed (object);

  self->actions = g_object_ref (cr_workshop_get_actions (cr_step_get_workshop (CR_STEP (self))));

  self->group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  adw_preferences_group_set_title (self->group, _("Agreed Actions"));

  adw_preferences_group_add (self->group, create_rows (self));
  gtk_list_box_bind_model (self->list_box, self->actions, create_row, self, NULL);
  update_count (self);

  gtk_box_append (cr_step_get_content (CR_STEP (self)), GTK_WIDGET (self->group));

  g_signal_connect_object (self->actions, "items-changed",
                           G_CALLBACK (on_actions_changed), self, G_CONNECT_SWAPPED);
}

static void
cr_step_actions_class_init (CrStepActionsClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = cr_step_actions_constructed;
  object_class->dispose = cr_step_actions_dispose;
}

static void
cr_step_actions_init (CrStepActions *self)
{
}

GtkWidget *
cr_step_actions_new (CrWorkshop *workshop)
{
  g_return_val_if_fail (CR_IS_WORKSHOP (workshop), NULL);

  return g_object_new (CR_TYPE_STEP_ACTIONS, "workshop", workshop, NULL);
}
