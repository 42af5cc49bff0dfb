/* test-undo.c: nothing goes silently: asked first, undone and redone, kept across the library
 *
 * Real clicks and keys (XTest) on a real window: one click on a
 * participant's bin deleted their 19 revealed votes without a word, and the
 * undo history was lost on a trip to the library and back.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "crossroads-test"

#include "config.h"

#include <adwaita.h>

#include "cr-test-input.h"
#include "cr-test-ui-util.h"
#include "cr-test-util.h"
#include "cr-window.h"
#include "cr-workshop-page.h"
#include "cr-workshop.h"

static GtkApplication *app;

static CrWindow *
open_window (CrStore *store,
             gint64   workshop_id)
{
  CrWindow *window = cr_test_ui_open_window (app, store, workshop_id);

  cr_test_input_focus_window (GTK_WINDOW (window));
  return window;
}

static CrWorkshopPage *
page_of (CrWindow *window)
{
  return CR_WORKSHOP_PAGE (cr_test_ui_find (GTK_WIDGET (window), CR_TYPE_WORKSHOP_PAGE));
}

/* The message dialog on screen, once it is mapped; NULL if none comes up
 * within @ms. */
static AdwMessageDialog *
wait_dialog (guint ms)
{
  gint64 end = g_get_monotonic_time () + ms * 1000;

  while (g_get_monotonic_time () < end)
    {
      g_autoptr(GListModel) toplevels = gtk_window_get_toplevels ();

      g_object_ref (toplevels);
      for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
        {
          g_autoptr(GObject) window = g_list_model_get_item (toplevels, i);

          if (ADW_IS_MESSAGE_DIALOG (window) && gtk_widget_get_mapped (GTK_WIDGET (window)))
            return ADW_MESSAGE_DIALOG (window);
        }
      g_main_context_iteration (NULL, FALSE);
    }
  return NULL;
}

/* The toast whose title is @title, with its button: waits for it. */
static GtkWidget *
wait_toast_button (CrWindow   *window,
                   const char *title,
                   const char *button)
{
  guint timeout = cr_test_ui_watchdog (20, title);
  GtkLabel *label;

  while ((label = cr_test_ui_find_label (GTK_WIDGET (window), title)) == NULL ||
         !gtk_widget_get_mapped (GTK_WIDGET (label)))
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (timeout);
  /* The toast: its title in a bin, beside its button. */
  return cr_test_ui_wait_button (gtk_widget_get_parent (gtk_widget_get_parent (GTK_WIDGET (label))),
                                 NULL, button);
}

/* The bin of a participant's row in the set-up step. */
static GtkWidget *
find_remove_button (GtkWidget  *root,
                    const char *tooltip)
{
  if (GTK_IS_BUTTON (root) && gtk_widget_get_mapped (root) &&
      g_strcmp0 (gtk_widget_get_tooltip_text (root), tooltip) == 0)
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_remove_button (child, tooltip);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static void
click_bin (CrWindow   *window,
           const char *name)
{
  g_autofree char *tooltip = g_strdup_printf ("Remove %s", name);
  guint timeout = cr_test_ui_watchdog (20, "a participant's bin");
  GtkWidget *bin;

  while ((bin = find_remove_button (GTK_WIDGET (window), tooltip)) == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (timeout);
  /* Scrolled into view, as a facilitator would before clicking it. */
  gtk_widget_grab_focus (bin);
  cr_test_ui_spin (300);
  cr_test_input_click (bin);
}

static CrVote
vote (CrParticipant *p,
      const char    *option,
      const char    *criterion,
      int            value)
{
  CrVote v = { p ? cr_participant_get_id (p) : 0, g_intern_string (option), g_intern_string (criterion), value };
  return v;
}

static gint64
n_votes (CrStore *store)
{
  return cr_test_count_rows (cr_store_get_path (store), "votes");
}

static gboolean
is_in (CrWorkshop    *workshop,
       CrParticipant *participant)
{
  return cr_workshop_find_participant (workshop, cr_participant_get_id (participant)) == participant;
}

static gboolean
has_agreed (CrWorkshop    *workshop,
            CrParticipant *participant)
{
  return cr_decision_has_agreed (cr_workshop_get_decision (workshop), cr_participant_get_id (participant));
}

/* Ana has 19 revealed votes in three rounds and agreed to the decision,
 * Dee agreed without a vote, Cy has neither. */
static void
test_remove_participant_asks (void)
{
  g_autoptr(CrStore) store = cr_test_new_store ();
  g_autoptr(GError) error = NULL;
  g_autoptr(CrTemplate) template = cr_template_lookup_builtin ("people-product-models", &error);
  g_autoptr(CrWorkshop) created = NULL;
  g_autoptr(CrDecision) decision = cr_decision_new ();
  const char *options[] = { "hr-as-a-service", "projects-as-products", "px-as-a-product" };
  const CrQuestion *fit;
  CrParticipant *ana, *ben, *cy, *dee;
  CrWorkshop *w;
  CrWindow *window;
  AdwMessageDialog *dialog;
  CrRound *round;
  GtkWidget *button;
  CrVote v[15];
  gint64 all;
  guint n = 0;

  created = cr_workshop_create (store, template, "Q4 review", "Northwind", "Sam", "2025-11-04", "", &error);
  g_assert_no_error (error);
  window = open_window (store, cr_workshop_get_id (created));
  w = cr_window_get_workshop (window);

  ana = cr_workshop_add_participant (w, "Ana", "CPO", &error);
  ben = cr_workshop_add_participant (w, "Ben", "CFO", &error);
  cy = cr_workshop_add_participant (w, "Cy", "COO", &error);
  dee = cr_workshop_add_participant (w, "Dee", "CTO", &error);
  g_assert_no_error (error);
  round = cr_workshop_open_round (w, "current", &error);
  v[0] = vote (ana, "px-as-a-product", NULL, 1);
  g_assert_true (cr_workshop_record_votes (w, round, v[0].participant_id, v, 1, &error));
  v[0] = vote (ben, "hr-as-a-service", NULL, 1);
  g_assert_true (cr_workshop_record_votes (w, round, v[0].participant_id, v, 1, &error));
  g_assert_true (cr_workshop_reveal_round (w, round, &error));
  round = cr_workshop_open_round (w, "target", &error);
  for (guint i = 0; i < 3; i++)
    v[i] = vote (ana, options[i], NULL, 1);
  g_assert_true (cr_workshop_record_votes (w, round, v[0].participant_id, v, 3, &error));
  g_assert_true (cr_workshop_reveal_round (w, round, &error));
  round = cr_workshop_open_round (w, "fit", &error);
  fit = cr_template_find_question (template, "fit");
  for (guint o = 0; o < 3; o++)
    for (guint c = 0; c < fit->criteria->len; c++)
      v[n++] = vote (ana, options[o], ((CrCriterion *) g_ptr_array_index (fit->criteria, c))->id, 3);
  g_assert_cmpuint (n, ==, 15);
  g_assert_true (cr_workshop_record_votes (w, round, v[0].participant_id, v, n, &error));
  g_assert_true (cr_workshop_reveal_round (w, round, &error));
  g_assert_no_error (error);
  all = n_votes (store);
  g_assert_cmpint (all, ==, 20);
  decision->start_with = g_strdup ("projects-as-products");
  cr_decision_set_agreed (decision, cr_participant_get_id (ana), TRUE);
  cr_decision_set_agreed (decision, cr_participant_get_id (dee), TRUE);
  g_assert_true (cr_workshop_set_decision (w, decision, &error));
  g_assert_no_error (error);

  g_assert_true (cr_workshop_page_set_step_id (page_of (window), "setup"));
  cr_test_ui_spin (300);

  /* One click on Ana's bin asks first, naming what goes; nothing has gone. */
  click_bin (window, "Ana");
  dialog = wait_dialog (20000);
  g_assert_nonnull (dialog);
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "Remove Ana?");
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "Their 19 votes in 3 rounds and their agreement to the recorded decision go with them"));
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (dialog)) == GTK_WINDOW (window));
  g_assert_cmpint (n_votes (store), ==, all);
  g_assert_true (is_in (w, ana));

  /* Cancel keeps her. The dialog's and the toasts' buttons are pressed as
   * the keyboard does: the input helpers need a window that outlives the
   * event, and a toast slides in where a click would not find it yet. */
  cr_test_ui_activate_button (cr_test_ui_wait_button (GTK_WIDGET (dialog), NULL, "_Cancel"));
  cr_test_ui_spin (300);
  g_assert_null (wait_dialog (0));
  g_assert_true (is_in (w, ana));
  g_assert_cmpint (n_votes (store), ==, all);

  /* Remove, and the toast offers the votes back. */
  click_bin (window, "Ana");
  dialog = wait_dialog (20000);
  g_assert_nonnull (dialog);
  cr_test_ui_activate_button (cr_test_ui_wait_button (GTK_WIDGET (dialog), NULL, "_Remove"));
  g_assert_false (is_in (w, ana));
  g_assert_cmpint (n_votes (store), ==, all - 19);
  g_assert_false (has_agreed (w, ana));
  button = wait_toast_button (window, "“Ana” removed, with 19 votes and their agreement to the decision", "_Undo");
  cr_test_ui_activate_button (button);
  g_assert_true (is_in (w, ana));
  g_assert_cmpint (n_votes (store), ==, all);
  g_assert_true (has_agreed (w, ana));

  /* After Undo, the toast offers Redo, which takes her away again. */
  button = wait_toast_button (window, "Undone: Remove participant", "_Redo");
  cr_test_ui_activate_button (button);
  g_assert_false (is_in (w, ana));
  g_assert_cmpint (n_votes (store), ==, all - 19);
  wait_toast_button (window, "Redone: Remove participant", "_Undo");

  /* The same with the keys: Ctrl+Z, Ctrl+Shift+Z; the toast on screen
   * says each time what was done and offers the way back. */
  cr_test_input_press_key (GTK_WINDOW (window), "<Control>z");
  g_assert_true (is_in (w, ana));
  wait_toast_button (window, "Undone: Remove participant", "_Redo");
  cr_test_input_press_key (GTK_WINDOW (window), "<Control><Shift>z");
  g_assert_false (is_in (w, ana));
  wait_toast_button (window, "Redone: Remove participant", "_Undo");
  cr_test_input_press_key (GTK_WINDOW (window), "<Control>z");
  g_assert_true (is_in (w, ana));
  g_assert_cmpint (n_votes (store), ==, all);
  g_assert_true (has_agreed (w, ana));

  /* Agreement alone is asked about too, and comes back with Undo. */
  cr_test_ui_spin (300);
  click_bin (window, "Dee");
  dialog = wait_dialog (20000);
  g_assert_nonnull (dialog);
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "their agreement goes with them"));
  cr_test_ui_activate_button (cr_test_ui_wait_button (GTK_WIDGET (dialog), NULL, "_Remove"));
  g_assert_false (is_in (w, dee));
  g_assert_false (has_agreed (w, dee));
  button = wait_toast_button (window, "“Dee” removed, with their agreement to the decision", "_Undo");
  cr_test_ui_activate_button (button);
  g_assert_true (is_in (w, dee));
  g_assert_true (has_agreed (w, dee));
  wait_toast_button (window, "Undone: Remove participant", "_Redo");

  /* Someone without a vote goes at once, with Undo in a toast. */
  cr_test_ui_spin (300);
  click_bin (window, "Cy");
  cr_test_ui_spin (300);
  g_assert_null (wait_dialog (0));
  g_assert_false (is_in (w, cy));
  button = wait_toast_button (window, "“Cy” removed", "_Undo");

  /* Another change: the toast's Undo would no longer undo what it names. */
  g_assert_nonnull (cr_workshop_add_action (w, "Brief the board", "Ben", NULL, &error));
  g_assert_no_error (error);
  cr_test_ui_spin (100);
  g_assert_false (gtk_widget_get_visible (button));

  cr_test_ui_close_window (GTK_WINDOW (window));
  g_clear_object (&created);
  g_assert_finalize_object (g_steal_pointer (&store));
}

/* Undo and redo are still there after the library and back; a workshop the
 * library let go of in the meantime is not brought back from memory. */
static void
test_history_after_library (void)
{
  g_autoptr(CrStore) store = cr_test_new_store ();
  g_autoptr(GError) error = NULL;
  g_autoptr(CrTemplate) template = cr_template_lookup_builtin ("people-product-models", &error);
  g_autoptr(CrWorkshop) created = NULL;
  g_autoptr(CrWorkshop) newer = NULL;
  CrWorkshop *w;
  CrWindow *window;
  CrNote *note;
  gint64 id;

  created = cr_workshop_create (store, template, "Offsite", "Contoso", "Sam", "2025-05-20", "", &error);
  g_assert_no_error (error);
  id = cr_workshop_get_id (created);
  window = open_window (store, id);
  w = cr_window_get_workshop (window);

  cr_workshop_add_note (w, "px-as-a-product", CR_NOTE_STRENGTH, "Stays", 0, &error);
  note = cr_workshop_add_note (w, "px-as-a-product", CR_NOTE_RISK, "Goes", 0, &error);
  g_assert_true (cr_workshop_remove_note (w, note, &error));
  g_assert_no_error (error);
  g_assert_true (cr_workshop_undo (w, &error));
  g_assert_true (cr_workshop_redo (w, &error));
  g_assert_true (cr_workshop_undo (w, &error));
  g_assert_no_error (error);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-library", NULL));
  cr_test_ui_spin (200);
  g_assert_null (cr_window_get_workshop (window));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.open-workshop", "x", id));
  cr_test_ui_spin (200);

  g_assert_true (cr_window_get_workshop (window) == w);
  g_assert_cmpstr (cr_workshop_get_undo_label (w), ==, "Add note");
  g_assert_cmpstr (cr_workshop_get_redo_label (w), ==, "Delete note");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page_of (window)), "workshop.redo", NULL));
  g_assert_cmpint (cr_test_count_rows (cr_store_get_path (store), "notes"), ==, 1);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page_of (window)), "workshop.undo", NULL));
  g_assert_cmpint (cr_test_count_rows (cr_store_get_path (store), "notes"), ==, 2);
  wait_toast_button (window, "Undone: Delete note", "_Redo");

  /* Deleted from the library for good, and its id given to a new one. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-library", NULL));
  cr_test_ui_spin (200);
  g_assert_true (cr_workshop_trash (store, id, &error));
  g_assert_true (cr_workshop_purge_trash (store, &error));
  g_assert_no_error (error);
  g_usleep (2000);
  newer = cr_workshop_create (store, template, "Another offsite", "Contoso", "Sam", "2025-06-20", "", &error);
  g_assert_no_error (error);
  g_assert_cmpint (cr_workshop_get_id (newer), ==, id);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.open-workshop", "x", id));
  cr_test_ui_spin (200);
  g_assert_true (cr_window_get_workshop (window) != w);
  g_assert_cmpstr (cr_workshop_get_title (cr_window_get_workshop (window)), ==, "Another offsite");
  g_assert_false (cr_workshop_can_undo (cr_window_get_workshop (window)));
  g_assert_false (cr_workshop_can_redo (cr_window_get_workshop (window)));

  cr_test_ui_close_window (GTK_WINDOW (window));
  g_clear_object (&created);
  g_clear_object (&newer);
  g_assert_finalize_object (g_steal_pointer (&store));
}

/* What a review found: with one screen, F5 turns the window into the
 * room's, and the facilitator's toasts (an undo, a redo, what a deletion
 * took) showed over it to the whole room. They wait for the facilitator's
 * return instead. */
static void
test_toasts_not_in_room (void)
{
  g_autoptr(CrStore) store = cr_test_new_store ();
  g_autoptr(GError) error = NULL;
  g_autoptr(CrTemplate) template = cr_template_lookup_builtin ("people-product-models", &error);
  g_autoptr(CrWorkshop) created = NULL;
  GtkLabel *label;
  CrWorkshop *w;
  CrWindow *window;

  created = cr_workshop_create (store, template, "Offsite", "Contoso", "Sam", "2025-05-20", "", &error);
  g_assert_no_error (error);
  window = open_window (store, cr_workshop_get_id (created));
  w = cr_window_get_workshop (window);
  cr_workshop_add_note (w, "px-as-a-product", CR_NOTE_STRENGTH, "Goes", 0, &error);
  g_assert_no_error (error);

  /* A toast on screen when F5 is pressed leaves the screen with the
   * facilitator's pages. */
  cr_test_input_press_key (GTK_WINDOW (window), "<Control>z");
  wait_toast_button (window, "Undone: Add note", "_Redo");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.present-room", NULL));
  g_assert_cmpstr (cr_window_get_visible_page (window), ==, "room");
  label = cr_test_ui_find_label (GTK_WIDGET (window), "Undone: Add note");
  g_assert_true (label == NULL || !gtk_widget_get_mapped (GTK_WIDGET (label)));

  /* Redone from the room view: the room sees the note come back, not a
   * toast about it. */
  cr_test_input_press_key (GTK_WINDOW (window), "<Control><Shift>z");
  g_assert_cmpint (cr_test_count_rows (cr_store_get_path (store), "notes"), ==, 1);
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_assert_cmpstr (cr_window_get_visible_page (window), ==, "room");
  label = cr_test_ui_find_label (GTK_WIDGET (window), "Redone: Add note");
  g_assert_true (label == NULL || !gtk_widget_get_mapped (GTK_WIDGET (label)));

  /* Back at the laptop, the facilitator is told, with the way back. */
  cr_test_input_press_key (GTK_WINDOW (window), "Escape");
  g_assert_cmpstr (cr_window_get_visible_page (window), ==, "workshop");
  wait_toast_button (window, "Redone: Add note", "_Undo");

  cr_test_ui_close_window (GTK_WINDOW (window));
  g_clear_object (&created);
  g_assert_finalize_object (g_steal_pointer (&store));
}

int
main (int   argc,
      char *argv[])
{
  int status;

  app = cr_test_ui_init (&argc, &argv);

  g_test_add_func ("/undo/remove-participant-asks", test_remove_participant_asks);
  g_test_add_func ("/undo/history-after-library", test_history_after_library);
  g_test_add_func ("/undo/toasts-not-in-room", test_toasts_not_in_room);

  status = g_test_run ();
  g_clear_object (&app);
  return status;
}
