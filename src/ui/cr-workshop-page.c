/* cr-workshop-page.c: one open workshop: the agenda sidebar and its steps
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "crossroads-workshop"

#include "config.h"

#include <glib/gi18n.h>

#include "cr-scroll.h"
#include "cr-step-actions.h"
#include "cr-step-canvas.h"
#include "cr-step-context.h"
#include "cr-step-export.h"
#include "cr-step-recommendation.h"
#include "cr-step-results.h"
#include "cr-step-review.h"
#include "cr-step-since.h"
#include "cr-step-setup.h"
#include "cr-step-vote.h"
#include "cr-widget-util.h"
#include "cr-width-bin.h"
#include "cr-workshop-page.h"

/* The timer's elapsed time reaches the database at least this often, so a
 * dead laptop loses less than this much of it. */
#define TIMER_SAVE_INTERVAL_S 30

struct _CrWorkshopPage
{
  AdwBin           parent_instance;

  CrWorkshop      *workshop;
  CrTemplate      *template;
  GHashTable      *step_widgets;    /* step id -> GtkWidget* (owned by the stack) */

  guint            current;         /* index in the template's agenda */

  /* Timer of the current step: seconds saved before this run, plus the
   * monotonic time since the run started while it is running. */
  gint64           timer_base_s;
  gint64           timer_started_us;
  guint            timer_source;
  /* Puts the keyboard back in the step once the agenda has folded away. */
  guint            refocus_source;
  /* The focus show_step gave the step, before the step was laid out. */
  GtkWidget       *auto_focus;   /* weak */
  gint64           timer_saved_s;

  /* The agenda's context menu, and the step it was opened on. */
  GtkWidget       *step_menu;
  GSimpleAction   *step_done_action;
  guint            menu_step;

  AdwToast        *history_toast;   /* weak: the Undo or Redo toast shown */

  /* Template widgets */
  AdwLeaflet      *leaflet;
  CrWidthBin      *content_bin;
  AdwWindowTitle  *sidebar_title;
  GtkButton       *library_button;
  GtkListBox      *steps_list;
  GtkLabel        *agenda_total;
  GtkLabel        *agenda_late;
  GtkWidget       *facilitator_note;
  GtkLabel        *facilitator_note_label;
  AdwWindowTitle  *step_title;
  GtkButton       *show_agenda_button;
  GtkButton       *undo_button;
  GtkToggleButton *done_button;
  GtkLabel        *timer_label;
  GtkButton       *timer_button;
  GtkStack        *steps_stack;

  CrPhoneServer   *phone_server;
};

G_DEFINE_FINAL_TYPE (CrWorkshopPage, cr_workshop_page, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_STEP_ID,
  PROP_TIME_LEFT,
  PROP_PHONE_SERVER,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const CrAgendaStep *
current_step (CrWorkshopPage *self)
{
  return cr_workshop_get_step (self->workshop, self->current);
}

static void update_step_row (CrWorkshopPage *self,
                             guint           index);

/* ---------------------------------------------------------------------- */
/* Timer                                                                   */

static gboolean
timer_running (CrWorkshopPage *self)
{
  return self->timer_started_us != 0;
}

static gint64
timer_elapsed_s (CrWorkshopPage *self)
{
  gint64 run = 0;

  if (timer_running (self))
    run = (g_get_monotonic_time () - self->timer_started_us) / G_USEC_PER_SEC;
  return self->timer_base_s + run;
}

static char *
format_minutes (gint64 seconds)
{
  gint64 s = ABS (seconds);

  /* Translators: minutes:seconds of a timer, e.g. "12:05" */
  return g_strdup_printf (_("%s%lld:%02lld"), seconds < 0 ? "−" : "",
                          (long long) (s / 60), (long long) (s % 60));
}

static void
save_timer (CrWorkshopPage *self)
{
  g_autoptr(GError) error = NULL;
  gint64 elapsed;

  if (self->workshop == NULL || cr_store_is_read_only (cr_workshop_get_store (self->workshop)))
    return;
  elapsed = timer_elapsed_s (self);
  if (elapsed == self->timer_saved_s)
    return;
  /* Losing a few seconds of a timer is not worth a dialog in front of a room. */
  if (cr_workshop_set_step_elapsed (self->workshop, current_step (self)->id, elapsed, &error))
    self->timer_saved_s = elapsed;
  else
    g_warning ("Could not save the step's timer: %s", error->message);
}

/* How far the workshop runs over its agenda: the time spent so far, plus
 * what is left of the time boxes of this step and the ones after it,
 * against the whole agenda. Steps left behind early give their time back. */
static gint64
agenda_overrun_s (CrWorkshopPage *self)
{
  guint n = cr_workshop_get_n_steps (self->workshop);
  gint64 projected = 0, planned = 0;

  for (guint i = 0; i < n; i++)
    {
      const CrAgendaStep *step = cr_workshop_get_step (self->workshop, i);
      gint64 box = (gint64) step->minutes * 60;
      gint64 spent = i == self->current ? timer_elapsed_s (self)
                                        : cr_workshop_get_step_elapsed (self->workshop, step->id);

      planned += box;
      projected += spent;
      if (i >= self->current)
        projected += MAX (0, box - spent);
    }
  return projected - planned;
}

static void
update_late (CrWorkshopPage *self)
{
  gint64 late_min = agenda_overrun_s (self) / 60;
  g_autofree char *text = NULL;

  /* Under a minute is no news for a room. */
  gtk_widget_set_visible (GTK_WIDGET (self->agenda_late), late_min >= 1);
  if (late_min < 1)
    return;
  /* Translators: under the agenda when the workshop runs over its time boxes; %d is minutes */
  text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Running %d min behind the agenda",
                                       "Running %d min behind the agenda", (gulong) late_min),
                          (int) late_min);
  gtk_label_set_label (self->agenda_late, text);
}

static void
update_timer (CrWorkshopPage *self)
{
  const CrAgendaStep *step = current_step (self);
  gint64 elapsed = timer_elapsed_s (self);
  gint64 box = (gint64) step->minutes * 60;
  g_autofree char *left = format_minutes (box - elapsed);
  g_autofree char *text = NULL;
  g_autofree char *a11y = NULL;
  gboolean over = elapsed > box;

  /* Translators: time left of a step's time box, e.g. "12:05 left of 15 min" */
  text = over ? g_strdup_printf (_("%s over %d min"), left + strlen ("−"), step->minutes)
              : g_strdup_printf (_("%s left of %d min"), left, step->minutes);
  gtk_label_set_label (self->timer_label, text);
  if (over)
    gtk_widget_add_css_class (GTK_WIDGET (self->timer_label), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->timer_label), "error");

  gtk_button_set_icon_name (self->timer_button, timer_running (self)
                            ? "media-playback-pause-symbolic" : "media-playback-start-symbolic");
  a11y = g_strdup (timer_running (self) ? _("Pause the Timer (Ctrl+T)") : _("Start the Timer (Ctrl+T)"));
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->timer_button), a11y);

  /* The agenda marks a step that runs over, and the whole workshop when it
   * does; the room view shows the same clock. */
  update_step_row (self, self->current);
  update_late (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TIME_LEFT]);
}

static gboolean
on_timer_tick (gpointer user_data)
{
  CrWorkshopPage *self = user_data;

  update_timer (self);
  if (timer_elapsed_s (self) - self->timer_saved_s >= TIMER_SAVE_INTERVAL_S)
    save_timer (self);
  return G_SOURCE_CONTINUE;
}

static void
timer_start (CrWorkshopPage *self)
{
  if (timer_running (self))
    return;
  self->timer_started_us = g_get_monotonic_time ();
  self->timer_source = g_timeout_add_seconds (1, on_timer_tick, self);
  update_timer (self);
}

static void
timer_stop (CrWorkshopPage *self)
{
  if (!timer_running (self))
    return;
  self->timer_base_s = timer_elapsed_s (self);
  self->timer_started_us = 0;
  g_clear_handle_id (&self->timer_source, g_source_remove);
  save_timer (self);
  update_timer (self);
}

/* ---------------------------------------------------------------------- */
/* Sidebar                                                                 */

static GtkWidget *
create_step_row (CrWorkshopPage     *self,
                 guint               index,
                 const CrAgendaStep *step)
{
  GtkWidget *row, *box, *status, *title, *minutes;
  g_autofree char *number = g_strdup_printf ("%u", index + 1);
  g_autofree char *time = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d min", "%d min", step->minutes),
                                           step->minutes);

  box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 6);

  /* The step's number, or a check mark once it is done. */
  status = gtk_stack_new ();
  gtk_stack_add_named (GTK_STACK (status), gtk_label_new (number), "pending");
  gtk_stack_add_named (GTK_STACK (status), gtk_image_new_from_icon_name ("object-select-symbolic"), "done");
  gtk_widget_set_size_request (status, 20, -1);
  gtk_widget_add_css_class (status, "dim-label");
  gtk_box_append (GTK_BOX (box), status);

  title = gtk_label_new (step->title);
  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_label_set_wrap (GTK_LABEL (title), TRUE);
  gtk_widget_set_hexpand (title, TRUE);
  gtk_box_append (GTK_BOX (box), title);

  minutes = gtk_label_new (time);
  gtk_widget_add_css_class (minutes, "dim-label");
  gtk_widget_add_css_class (minutes, "numeric");
  gtk_box_append (GTK_BOX (box), minutes);

  row = gtk_list_box_row_new ();
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  g_object_set_data (G_OBJECT (row), "status", status);
  g_object_set_data (G_OBJECT (row), "minutes", minutes);
  return row;
}

/* What made a step done, for its tooltip: its work, by kind of page, or
 * the facilitator's mark. */
static const char *
done_reason (CrWorkshopPage     *self,
             const CrAgendaStep *step)
{
  const char *page = step->page;

  if (!cr_workshop_get_step_work_done (self->workshop, step->id))
    return cr_workshop_get_step_marked (self->workshop, step->id) ? _("Marked as done") : NULL;
  if (g_str_equal (page, "setup"))
    return _("Done: the people in the room are listed");
  if (g_str_equal (page, "context"))
    return _("Done: the context is filled in");
  if (g_str_equal (page, "canvas"))
    return _("Done: the room has written notes");
  if (g_str_equal (page, "vote"))
    return _("Done: a round of this vote is revealed");
  if (g_str_equal (page, "results"))
    return _("Done: there are results to show");
  if (g_str_equal (page, "recommendation"))
    return _("Done: the room’s decision is recorded");
  if (g_str_equal (page, "actions"))
    return _("Done: an action is recorded");
  if (g_str_equal (page, CR_AGENDA_REVIEW))
    return _("Done: each of last time’s actions has an answer");
  return NULL;
}

/* Time spent on a step, saved; the current step's running timer counts too. */
static gint64
step_elapsed_s (CrWorkshopPage *self,
                guint           index)
{
  if (index == self->current)
    return timer_elapsed_s (self);
  return cr_workshop_get_step_elapsed (self->workshop, cr_workshop_get_step (self->workshop, index)->id);
}

static void
update_step_row (CrWorkshopPage *self,
                 guint           index)
{
  const CrAgendaStep *step = cr_workshop_get_step (self->workshop, index);
  GtkListBoxRow *row = gtk_list_box_get_row_at_index (self->steps_list, (int) index);
  GtkWidget *minutes = g_object_get_data (G_OBJECT (row), "minutes");
  gboolean done = cr_workshop_get_step_done (self->workshop, step->id);
  gint64 spent_min = (step_elapsed_s (self, index) + 59) / 60;
  gboolean late = spent_min > step->minutes;
  g_autofree char *time = NULL;
  g_autofree char *label = NULL;
  g_autofree char *spoken = NULL;

  gtk_stack_set_visible_child_name (g_object_get_data (G_OBJECT (row), "status"), done ? "done" : "pending");
  gtk_widget_set_tooltip_text (GTK_WIDGET (row), done_reason (self, step));

  /* A step that ran over its time box says by how much, in the agenda. */
  if (late)
    /* Translators: minutes spent on a step that ran over, and its time box, e.g. "18 of 15 min" */
    time = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%lld of %d min", "%lld of %d min", step->minutes),
                            (long long) spent_min, step->minutes);
  else
    time = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d min", "%d min", step->minutes), step->minutes);
  gtk_label_set_label (GTK_LABEL (minutes), time);
  if (late)
    {
      gtk_widget_remove_css_class (minutes, "dim-label");
      gtk_widget_add_css_class (minutes, "error");
    }
  else
    {
      gtk_widget_remove_css_class (minutes, "error");
      gtk_widget_add_css_class (minutes, "dim-label");
    }

  /* Translators: a step in the agenda read by a screen reader: number, title, minutes, and "done" when done */
  label = done ? g_strdup_printf (ngettext ("Step %u: %s, %d minute, done", "Step %u: %s, %d minutes, done", step->minutes),
                                  index + 1, step->title, step->minutes)
               : g_strdup_printf (ngettext ("Step %u: %s, %d minute", "Step %u: %s, %d minutes", step->minutes),
                                  index + 1, step->title, step->minutes);
  if (late)
    /* Translators: an agenda step read by a screen reader, then the minutes it took, e.g. "…, over time: 18 minutes" */
    spoken = g_strdup_printf (ngettext ("%s, over time: %lld minute", "%s, over time: %lld minutes", (gulong) spent_min),
                              label, (long long) spent_min);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL, late ? spoken : label, -1);
}

static int
step_index (CrWorkshopPage *self,
            const char     *step_id)
{
  guint n = cr_workshop_get_n_steps (self->workshop);

  for (guint i = 0; i < n; i++)
    if (g_strcmp0 (cr_workshop_get_step (self->workshop, i)->id, step_id) == 0)
      return (int) i;
  return -1;
}

static void
on_step_changed (CrWorkshopPage *self,
                 const char     *step_id,
                 CrWorkshop     *workshop)
{
  int index = step_index (self, step_id);

  if (index < 0)
    return;
  update_step_row (self, (guint) index);
  if ((guint) index == self->current)
    {
      gboolean work = cr_workshop_get_step_work_done (workshop, step_id);

      g_signal_handlers_block_matched (self->done_button, G_SIGNAL_MATCH_DATA, 0, 0, NULL, NULL, self);
      gtk_toggle_button_set_active (self->done_button, cr_workshop_get_step_done (workshop, step_id));
      g_signal_handlers_unblock_matched (self->done_button, G_SIGNAL_MATCH_DATA, 0, 0, NULL, NULL, self);
      /* Done by its work, it stays done: the mark has nothing to add. */
      gtk_widget_set_sensitive (GTK_WIDGET (self->done_button), !work);
      gtk_widget_set_tooltip_text (GTK_WIDGET (self->done_button),
                                   work ? done_reason (self, current_step (self))
                                        : _("Mark Step as Done (Ctrl+D)"));
    }
}

static void
update_titles (CrWorkshopPage *self)
{
  g_autofree char *subtitle = NULL;
  g_autofree char *total = NULL;
  guint n = cr_workshop_get_n_steps (self->workshop);
  const char *description;
  int minutes = 0;

  adw_window_title_set_title (self->sidebar_title, cr_workshop_get_title (self->workshop));
  adw_window_title_set_subtitle (self->sidebar_title, cr_workshop_get_organisation (self->workshop));

  for (guint i = 0; i < n; i++)
    minutes += cr_workshop_get_step (self->workshop, i)->minutes;
  /* Translators: the length of the whole agenda, e.g. "Agenda: 3 h 45 min" */
  total = g_strdup_printf (_("Agenda: %d h %02d min"), minutes / 60, minutes % 60);
  gtk_label_set_label (self->agenda_total, total);

  /* Translators: where the facilitator is in the agenda, e.g. "Step 3 of 10" */
  subtitle = g_strdup_printf (_("Step %u of %u"), self->current + 1, n);
  adw_window_title_set_title (self->step_title, current_step (self)->title);
  adw_window_title_set_subtitle (self->step_title, subtitle);

  /* "Take a ten-minute break after this vote": for the facilitator's eyes. */
  description = current_step (self)->description;
  gtk_label_set_label (self->facilitator_note_label, description != NULL ? description : "");
  gtk_widget_set_visible (self->facilitator_note, description != NULL && description[0] != '\0');
}

/* ---------------------------------------------------------------------- */
/* Steps                                                                   */

static GtkWidget *
build_step_widget (CrWorkshopPage     *self,
                   const CrAgendaStep *step)
{
  const char *page = step->page;

  if (g_str_equal (page, "setup"))
    return cr_step_setup_new (self->workshop);
  if (g_str_equal (page, "context"))
    return cr_step_context_new (self->workshop);
  if (g_str_equal (page, "canvas"))
    return cr_step_canvas_new (self->workshop);
  if (g_str_equal (page, "vote"))
    {
      GtkWidget *vote = cr_step_vote_new (self->workshop, step->question);

      g_object_bind_property (self, "phone-server", vote, "phone-server", G_BINDING_SYNC_CREATE);
      return vote;
    }
  if (g_str_equal (page, "results"))
    return cr_step_results_new (self->workshop);
  if (g_str_equal (page, "recommendation"))
    return cr_step_recommendation_new (self->workshop);
  if (g_str_equal (page, "actions"))
    return cr_step_actions_new (self->workshop);
  if (g_str_equal (page, "export"))
    return cr_step_export_new (self->workshop);
  if (g_str_equal (page, CR_AGENDA_REVIEW))
    return cr_step_review_new (self->workshop);
  if (g_str_equal (page, CR_AGENDA_SINCE))
    return cr_step_since_new (self->workshop);

  /* The template validator only lets the pages above through, and
   * cr-agenda.h adds only those it names. */
  g_assert_not_reached ();
}

GtkWidget *
cr_workshop_page_get_step_widget (CrWorkshopPage *self,
                                  const char     *step_id)
{
  GtkWidget *widget;
  int index;

  g_return_val_if_fail (CR_IS_WORKSHOP_PAGE (self), NULL);

  widget = g_hash_table_lookup (self->step_widgets, step_id);
  if (widget != NULL)
    return widget;

  index = step_index (self, step_id);
  g_return_val_if_fail (index >= 0, NULL);

  /* Built on first visit, so opening a workshop costs one step, not ten. */
  widget = build_step_widget (self, cr_workshop_get_step (self->workshop, (guint) index));
  gtk_stack_add_named (self->steps_stack, widget, step_id);
  g_hash_table_insert (self->step_widgets, g_strdup (step_id), widget);
  return widget;
}

/* The workshop reopens here, from the library or after a crash. */
static void
remember_step (CrWorkshopPage *self)
{
  g_autoptr(GError) error = NULL;

  /* A read-only library keeps nothing, and the window already says so. */
  if (cr_store_is_read_only (cr_workshop_get_store (self->workshop)))
    return;
  /* Like the timer: not worth a dialog in front of the room. */
  if (!cr_workshop_set_current_step (self->workshop, current_step (self)->id, &error))
    g_warning ("Could not save the current step: %s", error->message);
}

/* Forgets where the focus last was in @step, at every level: GTK moves
 * the focus on from each container's last focus child, and clearing the
 * step's own only sent the canvas from its first model's risks, where the
 * focus had been, to its questions. */
static void
forget_focus (GtkWidget *step)
{
  GtkWidget *next;

  for (GtkWidget *widget = step; widget != NULL; widget = next)
    {
      next = gtk_widget_get_focus_child (widget);
      gtk_widget_set_focus_child (widget, NULL);
    }
}

static gboolean focus_step_content (gpointer user_data);

static void
show_step (CrWorkshopPage *self,
           guint           index,
           gboolean        focus_content)
{
  const CrAgendaStep *step;
  GtkWidget *widget;
  GtkWidget *focus;
  GtkRoot *root;
  GtkListBoxRow *row;

  g_assert (index < cr_workshop_get_n_steps (self->workshop));

  if (index != self->current || self->timer_source == 0)
    {
      timer_stop (self);
      self->current = index;
      step = current_step (self);
      self->timer_base_s = cr_workshop_get_step_elapsed (self->workshop, step->id);
      self->timer_saved_s = self->timer_base_s;
    }
  step = current_step (self);

  /* Page Down from inside a step would leave the focus on a hidden widget,
   * and the next Tab would start again from the window's first button. */
  root = gtk_widget_get_root (GTK_WIDGET (self));
  focus = root != NULL ? gtk_root_get_focus (root) : NULL;
  if (focus != NULL && gtk_widget_is_ancestor (focus, GTK_WIDGET (self->steps_stack)))
    focus_content = TRUE;

  widget = cr_workshop_page_get_step_widget (self, step->id);
  gtk_stack_set_visible_child (self->steps_stack, widget);

  row = gtk_list_box_get_row_at_index (self->steps_list, (int) index);
  if (gtk_list_box_get_selected_row (self->steps_list) != row)
    gtk_list_box_select_row (self->steps_list, row);

  on_step_changed (self, step->id, self->workshop);
  update_titles (self);
  timer_start (self);
  remember_step (self);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "workshop.previous-step", index > 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "workshop.next-step",
                                 index + 1 < cr_workshop_get_n_steps (self->workshop));

  if (focus_content)
    {
      adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_FORWARD);
      forget_focus (widget);
      if (!gtk_widget_child_focus (widget, GTK_DIR_TAB_FORWARD))
        gtk_widget_grab_focus (GTK_WIDGET (row));
      /* The step was not laid out yet: GTK picks the first field by where
       * it was (the canvas's risks came before its strengths), and
       * scrolls to it from there (the first entry stayed below the
       * window's edge). Once laid out, the first field is chosen again,
       * unless the facilitator has moved on, and brought into sight. */
      g_set_weak_pointer (&self->auto_focus, gtk_root_get_focus (root));
      if (self->refocus_source == 0)
        self->refocus_source = g_idle_add (focus_step_content, self);
    }
  /* Page Down with the keyboard on the agenda: the focus follows the step.
   * Left on the step before, its ring showed the wrong step, and Down
   * went to the step already shown. */
  else if (focus != NULL && focus != GTK_WIDGET (row) && gtk_widget_get_mapped (GTK_WIDGET (row)) &&
           gtk_widget_is_ancestor (focus, GTK_WIDGET (self->steps_list)))
    gtk_widget_grab_focus (GTK_WIDGET (row));

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STEP_ID]);
}

static void
on_row_activated (CrWorkshopPage *self,
                  GtkListBoxRow  *row,
                  GtkListBox     *list)
{
  show_step (self, (guint) gtk_list_box_row_get_index (row), TRUE);
}

static gboolean
focus_step_content (gpointer user_data)
{
  CrWorkshopPage *self = user_data;
  GtkWidget *step = gtk_stack_get_visible_child (self->steps_stack);
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *focus = root != NULL ? gtk_root_get_focus (root) : NULL;

  self->refocus_source = 0;
  if (step == NULL || root == NULL || g_strcmp0 (adw_leaflet_get_visible_child_name (self->leaflet), "sidebar") == 0 ||
      (focus != NULL && gtk_widget_is_ancestor (focus, step) && focus != self->auto_focus))
    return G_SOURCE_REMOVE;
  g_clear_weak_pointer (&self->auto_focus);
  /* From no focus: a widget that has it already would pass it on, and a
   * step whose only field is focused lost the keyboard altogether. */
  if (focus != NULL)
    g_object_ref (focus);
  gtk_root_set_focus (root, NULL);
  forget_focus (step);
  if (!gtk_widget_child_focus (step, GTK_DIR_TAB_FORWARD) && focus != NULL && gtk_widget_get_mapped (focus))
    gtk_widget_grab_focus (focus);
  g_clear_object (&focus);
  cr_scroll_focus_into_view (step);
  return G_SOURCE_REMOVE;
}

static void
on_row_selected (CrWorkshopPage *self,
                 GtkListBoxRow  *row,
                 GtkListBox     *list)
{
  if (row == NULL || (guint) gtk_list_box_row_get_index (row) == self->current)
    return;
  /* Folding away with the focus on the agenda, the leaflet moves the focus
   * on, and the list box selects the next row: that is no choice of the
   * facilitator's, and a window made narrower (a projector plugged in)
   * jumped from the results to the context. Keep the step. */
  if (adw_leaflet_get_folded (self->leaflet) &&
      g_strcmp0 (adw_leaflet_get_visible_child_name (self->leaflet), "sidebar") != 0)
    {
      gtk_list_box_select_row (list, gtk_list_box_get_row_at_index (list, (int) self->current));
      /* The focus is on the folded agenda, out of sight, and Tab would
       * go through the header's buttons first: it goes into the step,
       * once the leaflet and the list box are done moving it. */
      if (self->refocus_source == 0)
        self->refocus_source = g_idle_add (focus_step_content, self);
      return;
    }
  /* Arrow keys in the sidebar move the selection; follow it at once. */
  show_step (self, (guint) gtk_list_box_row_get_index (row), FALSE);
}

static void
set_step_marked (CrWorkshopPage *self,
                 guint           index,
                 gboolean        marked)
{
  g_autoptr(GError) error = NULL;

  if (!cr_workshop_set_step_marked (self->workshop, cr_workshop_get_step (self->workshop, index)->id,
                                    marked, &error))
    cr_widget_show_error (GTK_WIDGET (self), error);
}

static void
on_done_toggled (CrWorkshopPage  *self,
                 GtkToggleButton *button)
{
  set_step_marked (self, self->current, gtk_toggle_button_get_active (button));
}

/* ---- The agenda's context menu ------------------------------------------ */

static void
step_done_activated (GSimpleAction *action,
                     GVariant      *parameter,
                     gpointer       user_data)
{
  CrWorkshopPage *self = user_data;
  const char *step_id = cr_workshop_get_step (self->workshop, self->menu_step)->id;

  set_step_marked (self, self->menu_step, !cr_workshop_get_step_marked (self->workshop, step_id));
}

/* The menu's check shows whether the step is done; it is a mark to set
 * only while the step's own work does not make it done. */
static void
popup_step_menu (CrWorkshopPage *self,
                 GtkListBoxRow  *row,
                 double          x,
                 double          y)
{
  const char *step_id;
  graphene_point_t point;
  GdkRectangle rect;

  self->menu_step = (guint) gtk_list_box_row_get_index (row);
  step_id = cr_workshop_get_step (self->workshop, self->menu_step)->id;
  g_simple_action_set_state (self->step_done_action,
                             g_variant_new_boolean (cr_workshop_get_step_done (self->workshop, step_id)));
  g_simple_action_set_enabled (self->step_done_action,
                               !cr_workshop_get_step_work_done (self->workshop, step_id));

  if (x < 0 || !gtk_widget_compute_point (GTK_WIDGET (row), GTK_WIDGET (self->steps_list),
                                          &GRAPHENE_POINT_INIT ((float) x, (float) y), &point))
    {
      /* From the keyboard: under the row's title. */
      if (!gtk_widget_compute_point (GTK_WIDGET (row), GTK_WIDGET (self->steps_list),
                                     &GRAPHENE_POINT_INIT (24, (float) gtk_widget_get_height (GTK_WIDGET (row))),
                                     &point))
        point = GRAPHENE_POINT_INIT (0, 0);
    }
  rect = (GdkRectangle) { (int) point.x, (int) point.y, 1, 1 };
  gtk_popover_set_pointing_to (GTK_POPOVER (self->step_menu), &rect);
  gtk_popover_popup (GTK_POPOVER (self->step_menu));
}

static void
on_steps_list_pressed (CrWorkshopPage *self,
                       int             n_press,
                       double          x,
                       double          y,
                       GtkGesture     *gesture)
{
  GtkListBoxRow *row = gtk_list_box_get_row_at_y (self->steps_list, (int) y);
  graphene_point_t point;

  if (row == NULL ||
      !gtk_widget_compute_point (GTK_WIDGET (self->steps_list), GTK_WIDGET (row),
                                 &GRAPHENE_POINT_INIT ((float) x, (float) y), &point))
    return;
  gtk_gesture_set_state (gesture, GTK_EVENT_SEQUENCE_CLAIMED);
  popup_step_menu (self, row, point.x, point.y);
}

/* In a GtkListBox, Tab moves from row to row, and in the agenda that would
 * change the step at every press; Tab leaves for the step instead, and
 * Shift+Tab for the header. The arrow keys still walk the agenda. */
static gboolean
on_steps_list_key_pressed (CrWorkshopPage        *self,
                           guint                  keyval,
                           guint                  keycode,
                           GdkModifierType        state,
                           GtkEventControllerKey *controller)
{
  GtkWidget *step;
  GtkWidget *focus;

  if (keyval == GDK_KEY_Menu || (keyval == GDK_KEY_F10 && (state & GDK_SHIFT_MASK)))
    {
      focus = gtk_root_get_focus (gtk_widget_get_root (GTK_WIDGET (self)));
      if (GTK_IS_LIST_BOX_ROW (focus))
        {
          popup_step_menu (self, GTK_LIST_BOX_ROW (focus), -1, -1);
          return TRUE;
        }
    }

  if (adw_leaflet_get_folded (self->leaflet) ||
      (state & (GDK_CONTROL_MASK | GDK_ALT_MASK)) != 0)
    return FALSE;

  if (keyval == GDK_KEY_ISO_Left_Tab || (keyval == GDK_KEY_Tab && (state & GDK_SHIFT_MASK)))
    return gtk_widget_grab_focus (GTK_WIDGET (self->library_button));

  if (keyval == GDK_KEY_Tab || keyval == GDK_KEY_KP_Tab)
    {
      /* From the top of the step, not from where its focus last was. */
      step = gtk_stack_get_visible_child (self->steps_stack);
      if (step == NULL)
        return FALSE;
      forget_focus (step);
      return gtk_widget_child_focus (step, GTK_DIR_TAB_FORWARD);
    }

  return FALSE;
}

static void
previous_step_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  CrWorkshopPage *self = CR_WORKSHOP_PAGE (widget);

  if (self->current > 0)
    show_step (self, self->current - 1, FALSE);
}

static void
next_step_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  CrWorkshopPage *self = CR_WORKSHOP_PAGE (widget);

  /* Moving on proves nothing: a step is done by its work or by its mark. */
  if (self->current + 1 < cr_workshop_get_n_steps (self->workshop))
    show_step (self, self->current + 1, FALSE);
}

static void
go_to_step_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  cr_workshop_page_set_step_id (CR_WORKSHOP_PAGE (widget), g_variant_get_string (parameter, NULL));
}

static void
toggle_timer_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  CrWorkshopPage *self = CR_WORKSHOP_PAGE (widget);

  if (timer_running (self))
    timer_stop (self);
  else
    timer_start (self);
}

static void
mark_done_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  CrWorkshopPage *self = CR_WORKSHOP_PAGE (widget);

  if (gtk_widget_get_sensitive (GTK_WIDGET (self->done_button)))
    gtk_toggle_button_set_active (self->done_button, !gtk_toggle_button_get_active (self->done_button));
}

/* ---- Undo, redo and their toasts ---------------------------------------- */

/* The toast's button no longer names the newest step of the history (a
 * change, an undo or a redo came since): it goes, and the words stay. A
 * toast is never dismissed from here: libadwaita 1.2 frees one twice when
 * it is dismissed while it is still sliding in. */
static void
retire_history_toast (CrWorkshopPage *self)
{
  if (self->history_toast != NULL)
    adw_toast_set_button_label (self->history_toast, NULL);
}

static void
on_history_toast_dismissed (AdwToast       *toast,
                            CrWorkshopPage *self)
{
  if (self->history_toast == toast)
    g_clear_weak_pointer (&self->history_toast);
}

static void
on_history_toast_clicked (AdwToast       *toast,
                          CrWorkshopPage *self)
{
  /* The toast goes by itself once its button is pressed. */
  on_history_toast_dismissed (toast, self);
  gtk_widget_activate_action (GTK_WIDGET (self), g_object_get_data (G_OBJECT (toast), "action"), NULL);
}

/* One toast at a time offers to take the newest step of the history back
 * (or forward): the one on screen is given the new words, or a new one
 * comes up. */
static void
show_history_toast (CrWorkshopPage *self,
                    const char     *title,
                    const char     *button_label,
                    const char     *action)
{
  g_autofree char *escaped = g_markup_escape_text (title, -1);
  AdwToast *toast = self->history_toast;

  if (toast == NULL)
    {
      toast = adw_toast_new (escaped);
      g_signal_connect_object (toast, "button-clicked", G_CALLBACK (on_history_toast_clicked), self, 0);
      g_signal_connect_object (toast, "dismissed", G_CALLBACK (on_history_toast_dismissed), self, 0);
      g_set_weak_pointer (&self->history_toast, toast);
      adw_toast_set_button_label (toast, button_label);
      g_object_set_data (G_OBJECT (toast), "action", (gpointer) action);
      cr_widget_add_toast (GTK_WIDGET (self), toast);
      return;
    }
  adw_toast_set_title (toast, escaped);
  adw_toast_set_button_label (toast, button_label);
  g_object_set_data (G_OBJECT (toast), "action", (gpointer) action);
}

static void
on_destructive_change (CrWorkshopPage *self,
                       const char     *summary,
                       CrWorkshop     *workshop)
{
  show_history_toast (self, summary, _("_Undo"), "workshop.undo");
}

static void
undo_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  CrWorkshopPage *self = CR_WORKSHOP_PAGE (widget);
  g_autoptr(GError) error = NULL;
  g_autofree char *label = g_strdup (cr_workshop_get_undo_label (self->workshop));
  g_autofree char *message = NULL;

  if (!cr_workshop_can_undo (self->workshop))
    return;
  if (!cr_workshop_undo (self->workshop, &error))
    {
      cr_widget_show_error (widget, error);
      return;
    }
  /* Translators: shown after Ctrl+Z, e.g. "Undone: Add note" */
  message = g_strdup_printf (_("Undone: %s"), label);
  show_history_toast (self, message, _("_Redo"), "workshop.redo");
}

/* Ctrl+Shift+Z reaches this action from anywhere in the window and the
 * room window. */
static void
redo_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  CrWorkshopPage *self = CR_WORKSHOP_PAGE (widget);
  g_autoptr(GError) error = NULL;
  g_autofree char *label = g_strdup (cr_workshop_get_redo_label (self->workshop));
  g_autofree char *message = NULL;

  if (!cr_workshop_can_redo (self->workshop))
    return;
  if (!cr_workshop_redo (self->workshop, &error))
    {
      cr_widget_show_error (widget, error);
      return;
    }
  /* Translators: shown after Ctrl+Shift+Z, e.g. "Redone: Add note" */
  message = g_strdup_printf (_("Redone: %s"), label);
  show_history_toast (self, message, _("_Undo"), "workshop.undo");
}

static void
update_undo (CrWorkshopPage *self)
{
  gboolean can_undo = cr_workshop_can_undo (self->workshop);
  g_autofree char *tooltip = NULL;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "workshop.undo", can_undo);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "workshop.redo", cr_workshop_can_redo (self->workshop));
  /* Translators: tooltip of the Undo button, e.g. "Undo Add note (Ctrl+Z)" */
  tooltip = can_undo ? g_strdup_printf (_("Undo %s (Ctrl+Z)"), cr_workshop_get_undo_label (self->workshop))
                     : g_strdup (_("Nothing to Undo"));
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->undo_button), tooltip);
}

static void
show_agenda (CrWorkshopPage *self)
{
  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_BACK);
  gtk_widget_grab_focus (GTK_WIDGET (self->steps_list));
}

/* ---------------------------------------------------------------------- */
/* GObject                                                                 */

static void
cr_workshop_page_dispose (GObject *object)
{
  CrWorkshopPage *self = (CrWorkshopPage *)object;

  if (self->workshop != NULL)
    timer_stop (self);
  g_clear_handle_id (&self->timer_source, g_source_remove);
  g_clear_handle_id (&self->refocus_source, g_source_remove);
  g_clear_weak_pointer (&self->auto_focus);
  g_clear_pointer (&self->step_menu, gtk_widget_unparent);
  g_clear_object (&self->step_done_action);
  retire_history_toast (self);
  g_clear_weak_pointer (&self->history_toast);

  /* AdwBin unparents the template's root itself; disposing the template
   * here too would unparent it twice. */
  g_clear_pointer (&self->step_widgets, g_hash_table_unref);
  g_clear_object (&self->workshop);
  g_clear_object (&self->template);
  g_clear_object (&self->phone_server);

  G_OBJECT_CLASS (cr_workshop_page_parent_class)->dispose (object);
}

static void
cr_workshop_page_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  CrWorkshopPage *self = CR_WORKSHOP_PAGE (object);

  switch (prop_id)
    {
    case PROP_STEP_ID:
      g_value_set_string (value, cr_workshop_page_get_step_id (self));
      break;
    case PROP_TIME_LEFT:
      g_value_set_int64 (value, cr_workshop_page_get_time_left (self));
      break;
    case PROP_PHONE_SERVER:
      g_value_set_object (value, self->phone_server);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cr_workshop_page_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  CrWorkshopPage *self = CR_WORKSHOP_PAGE (object);

  switch (prop_id)
    {
    case PROP_PHONE_SERVER:
      cr_workshop_page_set_phone_server (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cr_workshop_page_class_init (CrWorkshopPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cr_workshop_page_dispose;
  object_class->get_property = cr_workshop_page_get_property;
  object_class->set_property = cr_workshop_page_set_property;

  properties[PROP_STEP_ID] =
    g_param_spec_string ("step-id", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_TIME_LEFT] =
    g_param_spec_int64 ("time-left", NULL, NULL, G_MININT64, G_MAXINT64, 0,
                        G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* The window's, while phones are or were on for this workshop: the vote
   * steps and the room view show it. */
  properties[PROP_PHONE_SERVER] =
    g_param_spec_object ("phone-server", NULL, NULL, CR_TYPE_PHONE_SERVER,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (CR_TYPE_WIDTH_BIN);
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/crossroads/Crossroads/ui/cr-workshop-page.ui");
  gtk_widget_class_bind_template_child (widget_class, CrWorkshopPage, leaflet);
  gtk_widget_class_bind_template_child (widget_class, CrWorkshopPage, content_bin);
  gtk_widget_class_bind_template_child (widget_class, CrWorkshopPage, sidebar_title);
  gtk_widget_class_bind_template_child (widget_class, CrWorkshopPage, library_button);
  gtk_widget_class_bind_template_child (widget_class, CrWorkshopPage, steps_list);
  gtk_widget_class_bind_template_child (widget_class, CrWorkshopPage, agenda_total);
  gtk_widget_class_bind_template_child (widget_class, CrWorkshopPage, agenda_late);
  gtk_widget_class_bind_template_child (widget_class, CrWorkshopPage, facilitator_note);
  gtk_widget_class_bind_template_child (widget_class, CrWorkshopPage, facilitator_note_label);
  gtk_widget_class_bind_template_child (widget_class, CrWorkshopPage, step_title);
  gtk_widget_class_bind_template_child (widget_class, CrWorkshopPage, show_agenda_button);
  gtk_widget_class_bind_template_child (widget_class, CrWorkshopPage, undo_button);
  gtk_widget_class_bind_template_child (widget_class, CrWorkshopPage, done_button);
  gtk_widget_class_bind_template_child (widget_class, CrWorkshopPage, timer_label);
  gtk_widget_class_bind_template_child (widget_class, CrWorkshopPage, timer_button);
  gtk_widget_class_bind_template_child (widget_class, CrWorkshopPage, steps_stack);

  gtk_widget_class_install_action (widget_class, "workshop.previous-step", NULL, previous_step_action);
  gtk_widget_class_install_action (widget_class, "workshop.next-step", NULL, next_step_action);
  gtk_widget_class_install_action (widget_class, "workshop.go-to-step", "s", go_to_step_action);
  gtk_widget_class_install_action (widget_class, "workshop.toggle-timer", NULL, toggle_timer_action);
  gtk_widget_class_install_action (widget_class, "workshop.mark-done", NULL, mark_done_action);
  gtk_widget_class_install_action (widget_class, "workshop.undo", NULL, undo_action);
  gtk_widget_class_install_action (widget_class, "workshop.redo", NULL, redo_action);

  /* Bubble phase: a text field that has focus keeps its own Ctrl+Z. The
   * window passes these on too when the focus is outside this page. */
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_z, GDK_CONTROL_MASK, "workshop.undo", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_z, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "workshop.redo", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_t, GDK_CONTROL_MASK, "workshop.toggle-timer", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_d, GDK_CONTROL_MASK, "workshop.mark-done", NULL);
}

static gboolean
on_step_key (GtkWidget *widget,
             GVariant  *args,
             gpointer   action)
{
  GtkRoot *root = gtk_widget_get_root (widget);
  GtkWidget *focus = root != NULL ? gtk_root_get_focus (root) : NULL;

  /* An open popover (a date picker, a list to choose from) keeps its own
   * Page Up / Page Down. */
  if (focus != NULL && gtk_widget_get_ancestor (focus, GTK_TYPE_POPOVER) != NULL)
    return FALSE;
  return gtk_widget_activate_action (widget, action, NULL);
}

static void
cr_workshop_page_init (CrWorkshopPage *self)
{
  GtkEventController *controller;
  GtkShortcut *shortcut;

  gtk_widget_init_template (GTK_WIDGET (self));
  self->step_widgets = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  /* A presentation clicker sends Page Up / Page Down; they must move between
   * steps whatever has the focus: a list, a text, a button that has just
   * gone, or nothing at all. Managed by the window, in the capture phase,
   * they are caught before the focused widget sees them, and only while
   * this page is on screen (the room view takes them when it is). */
  controller = gtk_shortcut_controller_new ();
  gtk_event_controller_set_name (controller, "cr-workshop-page-step-keys");
  gtk_shortcut_controller_set_scope (GTK_SHORTCUT_CONTROLLER (controller), GTK_SHORTCUT_SCOPE_MANAGED);
  gtk_event_controller_set_propagation_phase (controller, GTK_PHASE_CAPTURE);
  shortcut = gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_Page_Up, 0),
                               gtk_callback_action_new (on_step_key, (gpointer) "workshop.previous-step", NULL));
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (controller), shortcut);
  shortcut = gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_Page_Down, 0),
                               gtk_callback_action_new (on_step_key, (gpointer) "workshop.next-step", NULL));
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (controller), shortcut);
  gtk_widget_add_controller (GTK_WIDGET (self), controller);

  controller = gtk_event_controller_key_new ();
  gtk_event_controller_set_propagation_phase (controller, GTK_PHASE_CAPTURE);
  g_signal_connect_object (controller, "key-pressed", G_CALLBACK (on_steps_list_key_pressed),
                           self, G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (self->steps_list), controller);

  /* Right-click (or Menu, Shift+F10) on a step: mark it done. */
  {
    g_autoptr(GSimpleActionGroup) group = g_simple_action_group_new ();
    g_autoptr(GMenu) menu = g_menu_new ();
    GtkGesture *click = gtk_gesture_click_new ();

    self->step_done_action = g_simple_action_new_stateful ("step-done", NULL, g_variant_new_boolean (FALSE));
    g_signal_connect_object (self->step_done_action, "activate", G_CALLBACK (step_done_activated), self, 0);
    g_action_map_add_action (G_ACTION_MAP (group), G_ACTION (self->step_done_action));
    gtk_widget_insert_action_group (GTK_WIDGET (self), "agenda", G_ACTION_GROUP (group));

    g_menu_append (menu, _("_Done"), "agenda.step-done");
    self->step_menu = gtk_popover_menu_new_from_model (G_MENU_MODEL (menu));
    gtk_popover_set_has_arrow (GTK_POPOVER (self->step_menu), FALSE);
    gtk_widget_set_halign (self->step_menu, GTK_ALIGN_START);
    gtk_widget_set_parent (self->step_menu, GTK_WIDGET (self->steps_list));

    gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (click), GDK_BUTTON_SECONDARY);
    g_signal_connect_object (click, "pressed", G_CALLBACK (on_steps_list_pressed), self, G_CONNECT_SWAPPED);
    gtk_widget_add_controller (GTK_WIDGET (self->steps_list), GTK_EVENT_CONTROLLER (click));
  }

  g_signal_connect_object (self->steps_list, "row-activated", G_CALLBACK (on_row_activated), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->steps_list, "row-selected", G_CALLBACK (on_row_selected), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->done_button, "toggled", G_CALLBACK (on_done_toggled), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->show_agenda_button, "clicked", G_CALLBACK (show_agenda), self, G_CONNECT_SWAPPED);
}

GtkWidget *
cr_workshop_page_new (CrWorkshop *workshop)
{
  CrWorkshopPage *self;
  guint n;

  g_return_val_if_fail (CR_IS_WORKSHOP (workshop), NULL);

  self = g_object_new (CR_TYPE_WORKSHOP_PAGE, NULL);
  self->workshop = g_object_ref (workshop);
  self->template = g_object_ref (cr_workshop_get_template (workshop));

  /* The agenda folds away where the canvas's columns would not fit beside
   * it; folded, the step is what shows, the agenda one button away. */
  cr_width_bin_set_natural_width (self->content_bin,
                                  cr_step_canvas_get_min_width (cr_template_get_n_options (self->template)));
  adw_leaflet_set_visible_child_name (self->leaflet, "content");

  n = cr_workshop_get_n_steps (self->workshop);
  for (guint i = 0; i < n; i++)
    {
      gtk_list_box_append (self->steps_list, create_step_row (self, i, cr_workshop_get_step (self->workshop, i)));
      update_step_row (self, i);
    }

  g_signal_connect_object (workshop, "step-changed", G_CALLBACK (on_step_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (workshop, "notify::title", G_CALLBACK (update_titles), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (workshop, "notify::organisation", G_CALLBACK (update_titles), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (workshop, "history-changed", G_CALLBACK (retire_history_toast), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (workshop, "history-changed", G_CALLBACK (update_undo), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (workshop, "destructive-change", G_CALLBACK (on_destructive_change), self, G_CONNECT_SWAPPED);
  update_undo (self);

  if (n > 0)
    {
      int left_on = cr_workshop_get_current_step (workshop) != NULL
                    ? step_index (self, cr_workshop_get_current_step (workshop)) : -1;

      show_step (self, left_on >= 0 ? (guint) left_on : 0, FALSE);
    }
  return GTK_WIDGET (self);
}

CrWorkshop *
cr_workshop_page_get_workshop (CrWorkshopPage *self)
{
  g_return_val_if_fail (CR_IS_WORKSHOP_PAGE (self), NULL);
  return self->workshop;
}

const char *
cr_workshop_page_get_step_id (CrWorkshopPage *self)
{
  g_return_val_if_fail (CR_IS_WORKSHOP_PAGE (self), NULL);

  if (self->workshop == NULL || cr_workshop_get_n_steps (self->workshop) == 0)
    return NULL;
  return current_step (self)->id;
}

gboolean
cr_workshop_page_set_step_id (CrWorkshopPage *self,
                              const char     *step_id)
{
  int index;

  g_return_val_if_fail (CR_IS_WORKSHOP_PAGE (self), FALSE);

  index = step_index (self, step_id);
  if (index < 0)
    return FALSE;
  show_step (self, (guint) index, FALSE);
  return TRUE;
}

gint64
cr_workshop_page_get_time_left (CrWorkshopPage *self)
{
  g_return_val_if_fail (CR_IS_WORKSHOP_PAGE (self), 0);

  if (self->workshop == NULL || cr_workshop_get_n_steps (self->workshop) == 0)
    return 0;
  return (gint64) current_step (self)->minutes * 60 - timer_elapsed_s (self);
}

/**
 * cr_workshop_page_focus_agenda:
 *
 * Puts the keyboard on the current step in the agenda, where Up and Down
 * choose a step and Tab goes into it: a workshop just opened would
 * otherwise have the focus nowhere, and Tab would start at the window's
 * first button.
 */
void
cr_workshop_page_focus_agenda (CrWorkshopPage *self)
{
  GtkListBoxRow *row;

  g_return_if_fail (CR_IS_WORKSHOP_PAGE (self));

  row = gtk_list_box_get_row_at_index (self->steps_list, (int) self->current);
  if (row != NULL)
    gtk_widget_grab_focus (GTK_WIDGET (row));
}

CrPhoneServer *
cr_workshop_page_get_phone_server (CrWorkshopPage *self)
{
  g_return_val_if_fail (CR_IS_WORKSHOP_PAGE (self), NULL);
  return self->phone_server;
}

void
cr_workshop_page_set_phone_server (CrWorkshopPage *self,
                                   CrPhoneServer  *server)
{
  g_return_if_fail (CR_IS_WORKSHOP_PAGE (self));
  g_return_if_fail (server == NULL || CR_IS_PHONE_SERVER (server));

  if (g_set_object (&self->phone_server, server))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PHONE_SERVER]);
}
