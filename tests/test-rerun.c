/* test-rerun.c: a re-run in the window: its agenda, the review of last time's actions, the room view
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "crossroads-test"

#include "config.h"

#include <adwaita.h>
#include <string.h>

#include "cr-bundle.h"
#include "cr-room-view.h"
#include "cr-step-actions.h"
#include "cr-step-export.h"
#include "cr-step-review.h"
#include "cr-step-since.h"
#include "cr-test-ui-util.h"
#include "cr-test-util.h"
#include "cr-workshop-page.h"

static GtkApplication *app;

/* Spring with three actions, and its re-run, Autumn. */
static CrWorkshop *
make_rerun (CrStore     *store,
            CrWorkshop **first)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CrTemplate) template = cr_template_lookup_builtin ("people-product-models", &error);
  CrWorkshop *rerun;

  g_assert_no_error (error);
  *first = cr_workshop_create (store, template, "Spring", "Contoso", "Sam", "2025-03-14", "People", &error);
  g_assert_no_error (error);
  cr_workshop_add_action (*first, "Run two pilots", "Ana", "2025-06-30", &error);
  cr_workshop_add_action (*first, "Hire a service designer", "Ben", NULL, &error);
  cr_workshop_add_action (*first, "Agree a budget line", "", NULL, &error);
  g_assert_no_error (error);
  rerun = cr_workshop_rerun (*first, "Autumn", "2025-10-02", &error);
  g_assert_no_error (error);
  return rerun;
}

static GtkWindow *
show (GtkWidget *child,
      int        width,
      int        height)
{
  GtkWindow *window = GTK_WINDOW (gtk_window_new ());

  gtk_window_set_default_size (window, width, height);
  gtk_window_set_child (window, child);
  gtk_window_present (window);
  cr_test_ui_wait_mapped (GTK_WIDGET (window));
  return window;
}

static void
destroy (GtkWindow *window,
         GtkWidget *child)
{
  g_object_ref (child);
  gtk_window_destroy (window);
  cr_test_ui_spin (50);
  g_assert_finalize_object (child);
}

/* A button pressed as the keyboard does: GTK clicks it a moment later. */
static void
press (GtkWidget *root,
       const char *name)
{
  GtkWidget *button = cr_test_ui_find_named (root, name);

  g_assert_nonnull (button);
  gtk_widget_activate (button);
  cr_test_ui_spin (400);
}

/* The n-th row of the step's list, by name. */
static GtkWidget *
row_of (GtkWidget  *step,
        const char *list,
        int         index)
{
  GtkWidget *box = cr_test_ui_find_named (step, list);
  GtkListBoxRow *row;

  g_assert_nonnull (box);
  row = gtk_list_box_get_row_at_index (GTK_LIST_BOX (box), index);
  g_assert_nonnull (row);
  return GTK_WIDGET (row);
}

/* The agenda of a re-run opens with the review, after the set-up, and
 * the workshop page shows its step. */
static void
test_agenda (void)
{
  g_autoptr(CrStore) store = cr_test_new_store ();
  g_autoptr(CrWorkshop) first = NULL;
  g_autoptr(CrWorkshop) rerun = make_rerun (store, &first);
  GtkWidget *page = cr_workshop_page_new (rerun);
  GtkWindow *window = show (page, 1280, 800);
  GtkWidget *step;

  g_assert_true (cr_workshop_page_set_step_id (CR_WORKSHOP_PAGE (page), CR_AGENDA_REVIEW));
  cr_test_ui_spin (50);
  step = cr_workshop_page_get_step_widget (CR_WORKSHOP_PAGE (page), CR_AGENDA_REVIEW);
  g_assert_true (CR_IS_STEP_REVIEW (step));
  g_assert_true (gtk_widget_get_mapped (step));
  g_assert_nonnull (cr_test_ui_find_label (page, "Last Time’s Actions"));
  g_assert_nonnull (cr_test_ui_find_label (page, "Step 2 of 12"));
  /* What moved comes once the room has voted, before the recommendation. */
  g_assert_cmpstr (cr_workshop_get_step (rerun, 8)->id, ==, CR_AGENDA_SINCE);
  g_assert_cmpstr (cr_workshop_get_step (rerun, 9)->id, ==, "recommendation");
  g_assert_cmpuint (cr_workshop_get_n_steps (first), ==, 10);
  /* The next step is the context, as in any workshop. */
  g_assert_true (gtk_widget_activate_action (page, "workshop.next-step", NULL));
  g_assert_cmpstr (cr_workshop_page_get_step_id (CR_WORKSHOP_PAGE (page)), ==, "context");

  destroy (window, page);
}

/* The room marks each of last time's actions: a press on Done, Dropped
 * or Open, and a line on what came of it; undo takes it back and the
 * step follows. */
static void
test_review_step (void)
{
  g_autoptr(CrStore) store = cr_test_new_store ();
  g_autoptr(CrWorkshop) first = NULL;
  g_autoptr(CrWorkshop) rerun = make_rerun (store, &first);
  g_autoptr(CrAction) pilots = g_list_model_get_item (cr_workshop_get_review (rerun), 0);
  g_autoptr(CrAction) hire = g_list_model_get_item (cr_workshop_get_review (rerun), 1);
  g_autoptr(GError) error = NULL;
  GtkWidget *step = cr_step_review_new (rerun);
  GtkWindow *window = show (step, 1024, 700);
  GtkWidget *row, *outcome;

  g_assert_nonnull (cr_test_ui_find_label (step, "Run two pilots"));
  g_assert_nonnull (cr_test_ui_find_label (step, "Ana · by 2025-06-30"));
  g_assert_nonnull (cr_test_ui_find_label (step, "Agreed at “Spring” on 2025-03-14. Mark each one with the room: done, dropped or still open, and what came of it."));

  row = row_of (step, "review", 0);
  press (row, "done");
  g_assert_cmpint (cr_action_get_status (pilots), ==, CR_ACTION_DONE);
  outcome = cr_test_ui_find_named (row, "outcome");
  gtk_editable_set_text (GTK_EDITABLE (outcome), "Both ran;\nonboarding scaled ");
  g_signal_emit_by_name (outcome, "activate");
  cr_test_ui_spin (50);
  g_assert_cmpstr (cr_action_get_outcome (pilots), ==, "Both ran; onboarding scaled");

  row = row_of (step, "review", 1);
  press (row, "dropped");
  g_assert_cmpint (cr_action_get_status (hire), ==, CR_ACTION_DROPPED);
  g_assert_false (cr_workshop_get_step_work_done (rerun, CR_AGENDA_REVIEW));

  /* The earlier workshop's own actions are as they were. */
  {
    g_autoptr(CrAction) theirs = g_list_model_get_item (cr_workshop_get_actions (first), 0);

    g_assert_cmpint (cr_action_get_status (theirs), ==, CR_ACTION_OPEN);
  }

  /* Undo: the buttons follow the workshop. */
  g_assert_true (cr_workshop_undo (rerun, &error));
  cr_test_ui_spin (50);
  g_assert_true (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (cr_test_ui_find_named (row, "open"))));
  g_assert_false (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (cr_test_ui_find_named (row, "dropped"))));
  g_assert_true (cr_workshop_undo (rerun, &error));
  cr_test_ui_spin (50);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (outcome)), ==, "");

  destroy (window, step);
}

/* The workshop's own actions get the same control, in the actions step. */
static void
test_actions_step (void)
{
  g_autoptr(CrStore) store = cr_test_new_store ();
  g_autoptr(CrWorkshop) first = NULL;
  g_autoptr(CrWorkshop) rerun = make_rerun (store, &first);
  g_autoptr(CrAction) budget = g_list_model_get_item (cr_workshop_get_actions (first), 2);
  GtkWidget *step = cr_step_actions_new (first);
  GtkWindow *window = show (step, 1024, 700);
  GtkWidget *row = row_of (step, "actions", 2);

  press (row, "done");
  g_assert_cmpint (cr_action_get_status (budget), ==, CR_ACTION_DONE);
  g_assert_cmpstr (cr_workshop_get_undo_label (first), ==, "Mark action");
  /* The re-run's review is its own copy, marked in the re-run. */
  {
    g_autoptr(CrAction) reviewed = g_list_model_get_item (cr_workshop_get_review (rerun), 2);

    g_assert_cmpint (cr_action_get_status (reviewed), ==, CR_ACTION_OPEN);
  }

  destroy (window, step);
}

/* On the review step the room sees each action with what became of it. */
static void
test_room_view (void)
{
  g_autoptr(CrStore) store = cr_test_new_store ();
  g_autoptr(CrWorkshop) first = NULL;
  g_autoptr(CrWorkshop) rerun = make_rerun (store, &first);
  g_autoptr(CrAction) pilots = g_list_model_get_item (cr_workshop_get_review (rerun), 0);
  g_autoptr(GError) error = NULL;
  GtkWidget *view = cr_room_view_new (rerun);
  GtkWindow *window = show (view, 1280, 720);

  cr_room_view_set_step_id (CR_ROOM_VIEW (view), CR_AGENDA_REVIEW);
  cr_test_ui_spin (100);
  g_assert_nonnull (cr_test_ui_find_label (view, "Run two pilots"));
  g_assert_nonnull (cr_test_ui_find_label (view, "Open"));

  g_assert_true (cr_workshop_set_action_status (rerun, pilots, CR_ACTION_DONE, "Both ran", &error));
  g_assert_no_error (error);
  cr_test_ui_spin (100);
  g_assert_nonnull (cr_test_ui_find_label (view, "Done · Both ran"));

  destroy (window, view);
}

/* A label's text, or fail saying which was looked for. */
static void
assert_label (GtkWidget  *root,
              const char *text)
{
  if (cr_test_ui_find_label (root, text) == NULL)
    g_error ("no label “%s”", text);
}

/* The Since Last Time step of the re-run made for the comparison's tests:
 * the context that moved, the shares then and now with the change chart,
 * the recommendation, last time's actions, and the open round said first. */
static void
test_since_step (void)
{
  g_autoptr(CrStore) store = cr_test_new_store ();
  /* The predecessor only has to be in the library, where the step finds it. */
  g_object_unref (cr_test_import_fixture (store, "series-before.json"));
  g_autoptr(CrWorkshop) after = cr_test_import_fixture (store, "series-after.json");
  g_autoptr(GError) error = NULL;
  g_autoptr(CrParticipant) chloe = NULL;
  g_autofree char *text_before = NULL;
  g_autofree char *text_now = NULL;
  GtkWidget *page = cr_workshop_page_new (after);
  GtkWindow *window = show (page, 1280, 720);
  CrRound *round = cr_workshop_find_latest_round (after, "target", FALSE);
  CrVote vote = { 0, NULL, NULL, 3 };
  GtkWidget *step;

  g_assert_false (cr_round_get_revealed (round));
  g_assert_true (cr_workshop_page_set_step_id (CR_WORKSHOP_PAGE (page), CR_AGENDA_SINCE));
  cr_test_ui_spin (100);
  step = cr_workshop_page_get_step_widget (CR_WORKSHOP_PAGE (page), CR_AGENDA_SINCE);
  g_assert_true (CR_IS_STEP_SINCE (step));
  g_assert_true (gtk_widget_get_mapped (step));
  assert_label (step, "Round 2 of “Where do we want to be?” is still open in “Autumn 2025: what moved?”, so it is left out.");
  assert_label (step, "Stage of the organisation");
  assert_label (step, "Scale-up → Enterprise");
  assert_label (step, "400 → 900");
  assert_label (step, "58 % → 80 % · +22 pts");
  assert_label (step, "3.5 → 2.8 · −0.7");
  assert_label (step, "Projects and Programmes as Products, as last time");
  assert_label (step, "1 done, 1 dropped, 1 still open.");
  assert_label (step, "Set up a People product team beside HR operations");
  assert_label (step, "Dropped · The budget went to the new HR system");
  g_assert_nonnull (cr_test_ui_find_named (step, "chart"));
  {
    /* The figures' list stands apart from the chart it follows, as the
     * groups' own rows stand from their title: 12 px. */
    GtkWidget *chart = cr_test_ui_find_named (step, "chart");
    GtkWidget *figures = cr_test_ui_find_named (step, "since-figures");
    graphene_rect_t chart_bounds, figures_bounds;

    g_assert_nonnull (figures);
    g_assert_true (gtk_widget_compute_bounds (chart, step, &chart_bounds));
    g_assert_true (gtk_widget_compute_bounds (figures, step, &figures_bounds));
    g_assert_cmpfloat (figures_bounds.origin.y - (chart_bounds.origin.y + chart_bounds.size.height), >=, 12.0);
  }

  /* A ballot cast in the open round changes not one word of the step:
   * Chloé puts her three dots on the whole experience. */
  text_before = cr_test_ui_text_of (step);
  chloe = g_list_model_get_item (cr_workshop_get_participants (after), 2);
  vote.participant_id = cr_participant_get_id (chloe);
  vote.option = g_intern_string ("px-as-a-product");
  g_assert_true (cr_workshop_record_votes (after, round, vote.participant_id, &vote, 1, &error));
  g_assert_no_error (error);
  cr_test_ui_spin (200);
  text_now = cr_test_ui_text_of (step);
  g_assert_cmpstr (text_now, ==, text_before);

  /* The open round revealed: its round 2 is the one compared now, 6 of
   * 9 dots on HR, and the note goes. */
  g_assert_true (cr_workshop_reveal_round (after, round, &error));
  g_assert_no_error (error);
  cr_test_ui_spin (200);
  g_assert_null (cr_test_ui_find_label (step, "Round 2 of “Where do we want to be?” is still open in “Autumn 2025: what moved?”, so it is left out."));
  assert_label (step, "8 % → 67 % · +59 pts");

  /* Last time's actions follow the review while the step is shown: a mark
   * undone from here (Ctrl+Z) is undone on it at once. */
  {
    g_autoptr(CrAction) open_one = g_list_model_get_item (cr_workshop_get_review (after), 2);

    g_assert_true (cr_workshop_set_action_status (after, open_one, CR_ACTION_DONE, "Mapped in June", &error));
    g_assert_no_error (error);
    cr_test_ui_spin (200);
    assert_label (step, "Done · Mapped in June");
    assert_label (step, "2 done, 1 dropped, 0 still open.");
    g_assert_true (cr_workshop_undo (after, &error));
    g_assert_no_error (error);
    cr_test_ui_spin (200);
    g_assert_null (cr_test_ui_find_label (step, "Done · Mapped in June"));
    assert_label (step, "1 done, 1 dropped, 1 still open.");
  }

  destroy (window, page);
}

/* The workshop page of @workshop on its step Since Last Time, in a window
 * of its own; *step is that step. */
static GtkWidget *
show_since_step (CrWorkshop  *workshop,
                 GtkWindow  **window,
                 GtkWidget  **step)
{
  GtkWidget *page = cr_workshop_page_new (workshop);

  *window = show (page, 1280, 720);
  g_assert_true (cr_workshop_page_set_step_id (CR_WORKSHOP_PAGE (page), CR_AGENDA_SINCE));
  cr_test_ui_spin (100);
  *step = cr_workshop_page_get_step_widget (CR_WORKSHOP_PAGE (page), CR_AGENDA_SINCE);
  return page;
}

/* The room view of @workshop on Since Last Time, in a window of its own. */
static GtkWidget *
show_since_view (CrWorkshop  *workshop,
                 GtkWindow  **window)
{
  GtkWidget *view = cr_room_view_new (workshop);

  *window = show (view, 1280, 720);
  cr_room_view_set_step_id (CR_ROOM_VIEW (view), CR_AGENDA_SINCE);
  cr_test_ui_spin (200);
  return view;
}

/* The room sees then and now side by side: the context that moved, the
 * change charts, today against the target and the recommendation. */
static void
test_since_room_view (void)
{
  g_autoptr(CrStore) store = cr_test_new_store ();
  /* The predecessor only has to be in the library, where the step finds it. */
  g_object_unref (cr_test_import_fixture (store, "series-before.json"));
  g_autoptr(CrWorkshop) after = cr_test_import_fixture (store, "series-after.json");
  GtkWindow *window;
  GtkWidget *view = show_since_view (after, &window);

  assert_label (view, "Since Last Time");
  assert_label (view, "Scale-up → Enterprise");
  /* Each side headed by its date: the gap and the recommendation. */
  assert_label (view, "Today and the target, 2025-03-12");
  assert_label (view, "Today and the target, 2025-10-08");
  assert_label (view, "Recommendation, 2025-03-12");
  assert_label (view, "Recommendation, 2025-10-08");
  assert_label (view, "Start with Projects and Programmes as Products");
  assert_label (view, "Round 2 of “Where do we want to be?” is still open in “Autumn 2025: what moved?”, so it is left out.");
  /* Last time's actions, each with what became of it, as the room marks them. */
  assert_label (view, "Last Time’s Actions");
  assert_label (view, "Set up a People product team beside HR operations");
  assert_label (view, "Dropped · The budget went to the new HR system");
  assert_label (view, "Open");

  destroy (window, view);
}

/* A re-run that has not voted yet: the step and the room view say so
 * once per question, with no rows of dashes and no chart. */
static void
test_since_not_voted (void)
{
  g_autoptr(CrStore) store = cr_test_new_store ();
  g_autoptr(CrWorkshop) before = cr_test_import_fixture (store, "series-before.json");
  g_autoptr(GError) error = NULL;
  g_autoptr(CrWorkshop) rerun = cr_workshop_rerun (before, "Autumn", "2025-10-08", &error);
  GtkWidget *page, *view, *step;
  GtkWindow *window;
  g_autofree char *text = NULL;

  g_assert_no_error (error);
  page = show_since_step (rerun, &window, &step);
  text = cr_test_ui_text_of (step);
  g_assert_nonnull (strstr (text, "Not voted on this time."));
  g_assert_null (strstr (text, "→ —"));
  g_assert_null (cr_test_ui_find_named (step, "chart"));
  destroy (window, page);
  g_clear_pointer (&text, g_free);

  view = show_since_view (rerun, &window);
  assert_label (view, "Not voted on this time.");
  text = cr_test_ui_text_of (view);
  g_assert_null (strstr (text, "No revealed round"));
  /* Today against the target too, under its own title, as in the step. */
  assert_label (view, "Today and the target");
  g_assert_cmpuint (cr_test_count_of (text, "Not voted on this time."), ==, 4);
  destroy (window, view);
}

/* The re-run's latest round of the target revealed with no vote: the
 * step's figures say nobody voted then, as its chart does, not
 * "58 % → — · —". */
static void
test_since_empty_round (void)
{
  g_autoptr(CrStore) store = cr_test_new_store ();
  g_autoptr(CrWorkshop) before = cr_test_import_fixture (store, "series-before.json");
  g_autoptr(GError) error = NULL;
  g_autoptr(CrWorkshop) rerun = cr_workshop_rerun (before, "Autumn", "2025-10-08", &error);
  GtkWidget *page, *step;
  GtkWindow *window;
  g_autofree char *text = NULL;

  g_assert_no_error (error);
  cr_test_reveal (rerun, cr_test_open_round (rerun, "target"));
  page = show_since_step (rerun, &window, &step);
  assert_label (step, "58 % → no votes on 2025-10-08");
  text = cr_test_ui_text_of (step);
  /* Today against the target too; no change printed from a side nobody voted on. */
  g_assert_nonnull (strstr (text, "target 58 % → no votes on 2025-10-08"));
  g_assert_null (strstr (text, "no votes on 2025-10-08 ·"));
  g_assert_nonnull (cr_test_ui_find_named (step, "chart"));
  destroy (window, page);
}

/* A re-run whose predecessor asked other context questions (another
 * template): a field one side was never asked says so, in the step and
 * the room view, instead of a change to or from "not answered". */
static void
test_since_other_template (void)
{
  g_autoptr(CrStore) store = cr_test_new_store ();
  g_autoptr(GError) error = NULL;
  g_autoptr(CrTemplate) vocabulary = cr_template_lookup_builtin ("product-led-vocabulary", &error);
  g_autoptr(CrWorkshop) words = NULL;
  g_autoptr(CrWorkshop) after = NULL;
  GString *bundle;
  g_autoptr(GBytes) bytes = NULL;
  CrContextValue sales = { FALSE, 0, (char *) "sales" };
  GtkWidget *page, *view, *step;
  GtkWindow *window;
  g_autofree char *text = NULL;

  g_assert_no_error (error);
  /* The predecessor series-after.json names, in the other template. */
  words = cr_workshop_create (store, vocabulary, "Words", "Northwind Logistics", "Sam", "2025-03-12", "", &error);
  g_assert_no_error (error);
  g_assert_true (cr_workshop_set_context (words, "company_lead", &sales, &error));
  g_assert_no_error (error);
  {
    g_autofree char *exported = cr_bundle_export_string (words);

    bundle = g_string_new (exported);
  }
  g_assert_cmpuint (g_string_replace (bundle, cr_workshop_get_uuid (words), "6f1c2a4e-8b3d-4e5f-9a7b-1c2d3e4f5a6b", 0), ==, 1);
  g_assert_true (cr_workshop_delete (store, cr_workshop_get_id (words), &error));
  g_assert_no_error (error);
  bytes = g_string_free_to_bytes (bundle);
  g_assert_cmpint (cr_bundle_import (store, bytes, &error), >, 0);
  g_assert_no_error (error);
  after = cr_test_import_fixture (store, "series-after.json");

  page = show_since_step (after, &window, &step);
  text = cr_test_ui_text_of (step);
  g_assert_nonnull (strstr (text, "Sales → Not asked this time"));
  g_assert_nonnull (strstr (text, "Not asked last time → Enterprise"));
  g_assert_null (strstr (text, "Sales → —"));
  g_assert_null (strstr (text, "— → Enterprise"));
  destroy (window, page);
  g_clear_pointer (&text, g_free);

  view = show_since_view (after, &window);
  assert_label (view, "Sales → Not asked this time");
  assert_label (view, "Not asked last time → Enterprise");
  text = cr_test_ui_text_of (view);
  g_assert_null (strstr (text, "Sales → —"));
  g_assert_null (strstr (text, "— → Enterprise"));
  destroy (window, view);
}

/* The export step says what a re-run's PDF holds beyond a first
 * workshop's: the comparison with last time. */
static void
test_export_step_says_comparison (void)
{
  g_autoptr(CrStore) store = cr_test_new_store ();
  g_autoptr(CrWorkshop) before = cr_test_import_fixture (store, "series-before.json");
  g_autoptr(CrWorkshop) after = cr_test_import_fixture (store, "series-after.json");
  const char *rerun_text = "A report for the client: cover, context, the room’s notes, every revealed round with its "
                           "chart, the recommendation and the actions, then last time’s actions and what moved "
                           "since the last workshop";
  GtkWidget *step;
  GtkWindow *window;

  step = cr_step_export_new (after);
  window = show (step, 1280, 720);
  assert_label (step, rerun_text);
  destroy (window, step);

  step = cr_step_export_new (before);
  window = show (step, 1280, 720);
  g_assert_null (cr_test_ui_find_label (step, rerun_text));
  assert_label (step, "A report for the client: cover, context, the room’s notes, every revealed round with its chart, the recommendation and the actions");
  destroy (window, step);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  app = cr_test_ui_init (&argc, &argv);

  g_test_add_func ("/rerun/agenda", test_agenda);
  g_test_add_func ("/rerun/review-step", test_review_step);
  g_test_add_func ("/rerun/actions-step", test_actions_step);
  g_test_add_func ("/rerun/room-view", test_room_view);
  g_test_add_func ("/rerun/since-step", test_since_step);
  g_test_add_func ("/rerun/since-room-view", test_since_room_view);
  g_test_add_func ("/rerun/since-not-voted", test_since_not_voted);
  g_test_add_func ("/rerun/since-empty-round", test_since_empty_round);
  g_test_add_func ("/rerun/since-other-template", test_since_other_template);
  g_test_add_func ("/rerun/export-step-says-comparison", test_export_step_says_comparison);

  status = g_test_run ();
  g_clear_object (&app);
  return status;
}
