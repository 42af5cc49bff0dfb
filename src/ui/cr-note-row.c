/* cr-note-row.c: one of the room's notes on the canvas, edited, moved and
 * deleted in place, following the note
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "crossroads-canvas"

#include "config.h"

#include <glib/gi18n.h>

#include "cr-canvas-state.h"
#include "cr-label.h"
#include "cr-note-row.h"
#include "cr-widget-util.h"

struct _CrNoteRow
{
  GtkListBoxRow  parent_instance;

  CrWorkshop    *workshop;
  CrNote        *note;

  GtkStack      *stack;
  GtkLabel      *label;
  GtkWidget     *menu_button;
  GtkWidget     *delete_button;
  GtkEntry      *entry;

  /* While editing: the window whose focus we watch, so leaving saves. */
  GtkRoot       *focus_root;
  gulong         focus_handler;
  guint          leave_idle;
  guint          editing : 1;
};

G_DEFINE_FINAL_TYPE (CrNoteRow, cr_note_row, GTK_TYPE_LIST_BOX_ROW)

static const char * const move_actions[] = {
  [CR_CANVAS_MOVE_LEFT] = "canvas.move-left",
  [CR_CANVAS_MOVE_RIGHT] = "canvas.move-right",
  [CR_CANVAS_MOVE_UP] = "canvas.move-up",
  [CR_CANVAS_MOVE_DOWN] = "canvas.move-down",
};

const char *
cr_note_kind_get_lane_title (CrNoteKind kind)
{
  switch (kind)
    {
    case CR_NOTE_STRENGTH:
      return _("Strengths we see");
    case CR_NOTE_RISK:
      return _("Risks we see");
    case CR_NOTE_QUESTION:
      return _("Questions");
    default:
      g_return_val_if_reached (NULL);
    }
}

static void
update_actions (CrNoteRow *self)
{
  CrTemplate *template = cr_workshop_get_template (self->workshop);
  gboolean idle = !self->editing;

  for (guint m = 0; m < G_N_ELEMENTS (move_actions); m++)
    {
      const char *option_id;
      CrNoteKind kind;
      gboolean possible = cr_canvas_move_target (template,
                                                 cr_note_get_option (self->note),
                                                 cr_note_get_kind (self->note),
                                                 (CrCanvasMove) m, &option_id, &kind);

      gtk_widget_action_set_enabled (GTK_WIDGET (self), move_actions[m], idle && possible);
    }
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "canvas.move-to", idle);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "canvas.delete", idle);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "canvas.edit", idle);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "canvas.cancel", self->editing);
}

static void
update_text (CrNoteRow *self)
{
  const char *text = cr_note_get_text (self->note);
  g_autofree char *delete_label = NULL;
  g_autofree char *menu_label = NULL;

  /* Typed text is shown as typed, never parsed as markup. */
  gtk_label_set_text (self->label, text);

  /* Translators: accessible name of a button; %s is the note's text */
  delete_label = g_strdup_printf (_("Delete note: %s"), text);
  /* Translators: accessible name of a menu button; %s is the note's text */
  menu_label = g_strdup_printf (_("Edit or move note: %s"), text);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, text,
                                  -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->delete_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, delete_label,
                                  -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->menu_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, menu_label,
                                  -1);
}

static void
on_note_text (CrNoteRow  *self,
              GParamSpec *pspec,
              CrNote     *note)
{
  update_text (self);
}

static void
on_note_place (CrNoteRow  *self,
               GParamSpec *pspec,
               CrNote     *note)
{
  update_actions (self);
}

static gboolean
focus_is_inside (GtkWidget *widget)
{
  GtkRoot *root = gtk_widget_get_root (widget);
  GtkWidget *focus = root ? gtk_root_get_focus (root) : NULL;

  return focus != NULL && (focus == widget || gtk_widget_is_ancestor (focus, widget));
}

static void
unwatch_focus (CrNoteRow *self)
{
  if (self->focus_root != NULL)
    g_clear_signal_handler (&self->focus_handler, self->focus_root);
  self->focus_handler = 0;
  g_clear_weak_pointer (&self->focus_root);
  g_clear_handle_id (&self->leave_idle, g_source_remove);
}

static void
stop_editing (CrNoteRow *self)
{
  gboolean had_focus = focus_is_inside (GTK_WIDGET (self->entry));

  unwatch_focus (self);
  self->editing = FALSE;
  gtk_stack_set_visible_child_name (self->stack, "view");
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (self), TRUE);
  update_actions (self);
  if (had_focus)
    gtk_widget_grab_focus (GTK_WIDGET (self));
}

/* Saves what was typed. FALSE (and the row stays in editing) when the
 * workshop refused the change. */
static gboolean
commit_editing (CrNoteRow *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;

  if (!self->editing)
    return TRUE;

  text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->entry))));
  /* An emptied note is not a deletion by accident: Delete is its own key. */
  if (*text != '\0' &&
      !cr_workshop_update_note (self->workshop, self->note,
                                cr_note_get_option (self->note),
                                cr_note_get_kind (self->note),
                                text, &error))
    {
      cr_widget_show_error (GTK_WIDGET (self), error);
      return FALSE;
    }
  stop_editing (self);
  return TRUE;
}

static gboolean
on_leave_idle (gpointer user_data)
{
  CrNoteRow *self = user_data;

  self->leave_idle = 0;
  if (!self->editing)
    return G_SOURCE_REMOVE;
  /* Taken off the canvas (the note went away), or focus came back, as when
   * the canvas moved the row or the window was only switched away from. */
  if (gtk_widget_get_root (GTK_WIDGET (self)) == NULL)
    stop_editing (self);
  else if (!focus_is_inside (GTK_WIDGET (self->entry)))
    commit_editing (self);
  return G_SOURCE_REMOVE;
}

/* The window's focus widget, not focus-out events: those only come while
 * the window is active, and switching windows should not end the edit. */
static void
on_focus_widget (CrNoteRow  *self,
                 GParamSpec *pspec,
                 GtkRoot    *root)
{
  /* Decided once this change is over: the canvas may be moving this row
   * and gives focus back. Not an idle priority, which redraws can starve. */
  if (self->editing && self->leave_idle == 0 &&
      !focus_is_inside (GTK_WIDGET (self->entry)))
    self->leave_idle = g_idle_add_full (G_PRIORITY_DEFAULT, on_leave_idle, self, NULL);
}

void
cr_note_row_start_editing (CrNoteRow *self)
{
  g_return_if_fail (CR_IS_NOTE_ROW (self));

  if (self->editing)
    return;
  self->editing = TRUE;
  gtk_editable_set_text (GTK_EDITABLE (self->entry), cr_note_get_text (self->note));
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (self), FALSE);
  gtk_stack_set_visible_child_name (self->stack, "edit");
  update_actions (self);
  gtk_entry_grab_focus_without_selecting (self->entry);
  gtk_editable_set_position (GTK_EDITABLE (self->entry), -1);

  g_set_weak_pointer (&self->focus_root, gtk_widget_get_root (GTK_WIDGET (self)));
  if (self->focus_root != NULL)
    self->focus_handler = g_signal_connect_object (self->focus_root, "notify::focus-widget",
                                                   G_CALLBACK (on_focus_widget), self,
                                                   G_CONNECT_SWAPPED);
}

gboolean
cr_note_row_get_editing (CrNoteRow *self)
{
  g_return_val_if_fail (CR_IS_NOTE_ROW (self), FALSE);
  return self->editing;
}

static void
on_entry_activate (CrNoteRow *self,
                   GtkEntry  *entry)
{
  commit_editing (self);
}

static void
edit_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  cr_note_row_start_editing (CR_NOTE_ROW (widget));
}

static void
cancel_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  stop_editing (CR_NOTE_ROW (widget));
}

static void
delete_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  g_autoptr(CrNoteRow) self = g_object_ref (CR_NOTE_ROW (widget));
  g_autoptr(GError) error = NULL;

  if (!cr_workshop_remove_note (self->workshop, self->note, &error))
    cr_widget_show_error (widget, error);
}

static void
move_to (CrNoteRow  *self,
         const char *option_id,
         CrNoteKind  kind)
{
  g_autoptr(GError) error = NULL;

  /* The move makes the canvas drop this row from its lane: keep it alive
   * until the call returns. A move to where the note already is changes
   * nothing in the core. */
  g_object_ref (self);
  if (!cr_workshop_update_note (self->workshop, self->note, option_id, kind,
                                cr_note_get_text (self->note), &error))
    cr_widget_show_error (GTK_WIDGET (self), error);
  g_object_unref (self);
}

static void
move_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  CrNoteRow *self = CR_NOTE_ROW (widget);

  for (guint m = 0; m < G_N_ELEMENTS (move_actions); m++)
    if (g_str_equal (action_name, move_actions[m]))
      {
        const char *option_id;
        CrNoteKind kind;

        if (cr_canvas_move_target (cr_workshop_get_template (self->workshop),
                                   cr_note_get_option (self->note),
                                   cr_note_get_kind (self->note),
                                   (CrCanvasMove) m, &option_id, &kind))
          move_to (self, option_id, kind);
        return;
      }
  g_assert_not_reached ();
}

static void
move_to_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  const char *option_id;
  int kind;

  g_variant_get (parameter, "(&si)", &option_id, &kind);
  if (kind < 0 || kind >= CR_N_NOTE_KINDS)
    return;
  move_to (CR_NOTE_ROW (widget), option_id, (CrNoteKind) kind);
}

/* The shortcuts are the row's own bindings; the menu shows them so they
 * can be learnt. */
static void
append_with_accel (GMenu      *menu,
                   const char *label,
                   const char *action,
                   const char *accel)
{
  g_autoptr(GMenuItem) item = g_menu_item_new (label, action);

  g_menu_item_set_attribute (item, "accel", "s", accel);
  g_menu_append_item (menu, item);
}

static GMenuModel *
build_menu (CrTemplate *template)
{
  g_autoptr(GMenu) menu = g_menu_new ();
  g_autoptr(GMenu) edit = g_menu_new ();
  g_autoptr(GMenu) moves = g_menu_new ();
  g_autoptr(GMenu) move_to_menu = g_menu_new ();
  g_autoptr(GMenu) remove = g_menu_new ();
  guint n_options = cr_template_get_n_options (template);

  append_with_accel (edit, _("_Edit"), "canvas.edit", "F2");

  append_with_accel (moves, _("Move to _Previous Option"), "canvas.move-left", "<Alt>Left");
  append_with_accel (moves, _("Move to _Next Option"), "canvas.move-right", "<Alt>Right");
  append_with_accel (moves, _("Move to Lane _Above"), "canvas.move-up", "<Alt>Up");
  append_with_accel (moves, _("Move to Lane _Below"), "canvas.move-down", "<Alt>Down");

  for (guint i = 0; i < n_options; i++)
    {
      const CrOption *option = cr_template_get_option (template, i);
      g_autoptr(GMenu) section = g_menu_new ();

      for (guint k = 0; k < CR_N_NOTE_KINDS; k++)
        {
          g_autoptr(GMenuItem) item = g_menu_item_new (cr_note_kind_get_lane_title (k), NULL);

          g_menu_item_set_action_and_target_value (item, "canvas.move-to",
                                                   g_variant_new ("(si)", option->id, (int) k));
          g_menu_append_item (section, item);
        }
      g_menu_append_section (move_to_menu, option->title, G_MENU_MODEL (section));
    }
  g_menu_append_submenu (moves, _("_Move To"), G_MENU_MODEL (move_to_menu));

  /* Not "Delete" alone: the menu shows the Delete key beside it. */
  append_with_accel (remove, _("_Delete Note"), "canvas.delete", "Delete");

  g_menu_append_section (menu, NULL, G_MENU_MODEL (edit));
  g_menu_append_section (menu, NULL, G_MENU_MODEL (moves));
  g_menu_append_section (menu, NULL, G_MENU_MODEL (remove));
  return G_MENU_MODEL (g_steal_pointer (&menu));
}

static void
cr_note_row_dispose (GObject *object)
{
  CrNoteRow *self = (CrNoteRow *)object;

  unwatch_focus (self);
  g_clear_object (&self->note);
  g_clear_object (&self->workshop);

  G_OBJECT_CLASS (cr_note_row_parent_class)->dispose (object);
}

static void
add_move_binding (GtkWidgetClass *widget_class,
                  guint           keyval,
                  guint           kp_keyval,
                  const char     *action)
{
  gtk_widget_class_add_binding_action (widget_class, keyval, GDK_ALT_MASK, action, NULL);
  gtk_widget_class_add_binding_action (widget_class, kp_keyval, GDK_ALT_MASK, action, NULL);
}

static void
cr_note_row_class_init (CrNoteRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cr_note_row_dispose;

  gtk_widget_class_install_action (widget_class, "canvas.edit", NULL, edit_action);
  gtk_widget_class_install_action (widget_class, "canvas.cancel", NULL, cancel_action);
  gtk_widget_class_install_action (widget_class, "canvas.delete", NULL, delete_action);
  for (guint m = 0; m < G_N_ELEMENTS (move_actions); m++)
    gtk_widget_class_install_action (widget_class, move_actions[m], NULL, move_action);
  gtk_widget_class_install_action (widget_class, "canvas.move-to", "(si)", move_to_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F2, 0, "canvas.edit", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "canvas.cancel", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Delete, 0, "canvas.delete", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Delete, 0, "canvas.delete", NULL);
  add_move_binding (widget_class, GDK_KEY_Left, GDK_KEY_KP_Left, "canvas.move-left");
  add_move_binding (widget_class, GDK_KEY_Right, GDK_KEY_KP_Right, "canvas.move-right");
  add_move_binding (widget_class, GDK_KEY_Up, GDK_KEY_KP_Up, "canvas.move-up");
  add_move_binding (widget_class, GDK_KEY_Down, GDK_KEY_KP_Down, "canvas.move-down");
}

static void
cr_note_row_init (CrNoteRow *self)
{
  GtkWidget *box;

  self->stack = GTK_STACK (gtk_stack_new ());
  gtk_stack_set_hhomogeneous (self->stack, FALSE);
  gtk_stack_set_vhomogeneous (self->stack, FALSE);
  gtk_stack_set_interpolate_size (self->stack, FALSE);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (self), GTK_WIDGET (self->stack));

  box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 6);
  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 6);

  self->label = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_use_markup (self->label, FALSE);
  cr_label_set_wrapping (self->label);
  /* Beside two buttons in a canvas column: twenty characters would make
   * the column wider than cr_step_canvas_get_min_width() allows. */
  gtk_label_set_width_chars (self->label, CR_LABEL_MIN_CHARS * 3 / 4);
  gtk_widget_set_hexpand (GTK_WIDGET (self->label), TRUE);
  gtk_widget_set_valign (GTK_WIDGET (self->label), GTK_ALIGN_CENTER);
  gtk_widget_set_margin_top (GTK_WIDGET (self->label), 6);
  gtk_widget_set_margin_bottom (GTK_WIDGET (self->label), 6);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->label));

  self->menu_button = gtk_menu_button_new ();
  gtk_menu_button_set_icon_name (GTK_MENU_BUTTON (self->menu_button), "view-more-symbolic");
  gtk_widget_set_tooltip_text (self->menu_button, _("Edit or Move"));
  gtk_widget_set_valign (self->menu_button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (self->menu_button, "flat");
  gtk_box_append (GTK_BOX (box), self->menu_button);

  self->delete_button = gtk_button_new_from_icon_name ("user-trash-symbolic");
  gtk_widget_set_name (self->delete_button, "delete");
  gtk_widget_set_tooltip_text (self->delete_button, _("Delete Note"));
  gtk_widget_set_valign (self->delete_button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (self->delete_button, "flat");
  gtk_actionable_set_action_name (GTK_ACTIONABLE (self->delete_button), "canvas.delete");
  gtk_box_append (GTK_BOX (box), self->delete_button);

  gtk_stack_add_named (self->stack, box, "view");

  self->entry = GTK_ENTRY (gtk_entry_new ());
  gtk_widget_set_margin_start (GTK_WIDGET (self->entry), 6);
  gtk_widget_set_margin_end (GTK_WIDGET (self->entry), 6);
  gtk_widget_set_margin_top (GTK_WIDGET (self->entry), 6);
  gtk_widget_set_margin_bottom (GTK_WIDGET (self->entry), 6);
  gtk_widget_set_valign (GTK_WIDGET (self->entry), GTK_ALIGN_CENTER);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->entry),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Note text"),
                                  -1);
  g_signal_connect_object (self->entry, "activate", G_CALLBACK (on_entry_activate),
                           self, G_CONNECT_SWAPPED);
  gtk_stack_add_named (self->stack, GTK_WIDGET (self->entry), "edit");

  gtk_stack_set_visible_child_name (self->stack, "view");
}

GtkWidget *
cr_note_row_new (CrWorkshop *workshop,
                 CrNote     *note)
{
  CrNoteRow *self;
  g_autoptr(GMenuModel) menu = NULL;

  g_return_val_if_fail (CR_IS_WORKSHOP (workshop), NULL);
  g_return_val_if_fail (CR_IS_NOTE (note), NULL);

  self = g_object_new (CR_TYPE_NOTE_ROW, NULL);
  self->workshop = g_object_ref (workshop);
  self->note = g_object_ref (note);

  menu = build_menu (cr_workshop_get_template (workshop));
  gtk_menu_button_set_menu_model (GTK_MENU_BUTTON (self->menu_button), menu);

  g_signal_connect_object (note, "notify::text", G_CALLBACK (on_note_text),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (note, "notify::option", G_CALLBACK (on_note_place),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (note, "notify::kind", G_CALLBACK (on_note_place),
                           self, G_CONNECT_SWAPPED);
  update_text (self);
  update_actions (self);
  return GTK_WIDGET (self);
}

CrNote *
cr_note_row_get_note (CrNoteRow *self)
{
  g_return_val_if_fail (CR_IS_NOTE_ROW (self), NULL);
  return self->note;
}
