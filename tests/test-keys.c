/* test-keys.c: the clicker's keys and Ctrl+Z reach the workshop, whatever has the focus
 *
 * Real key presses and clicks (XTest) on a real window: a facilitator
 * pressed Page Down after F5 and Escape, after clicking Reveal and after
 * the header's Undo button, and nothing happened until Tab or a click.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "crossroads-test"

#include "config.h"

#include <adwaita.h>

#include "cr-room-window.h"
#include "cr-step-results.h"
#include "cr-test-input.h"
#include "cr-test-ui-util.h"
#include "cr-test-util.h"
#include "cr-window.h"
#include "cr-workshop-page.h"
#include "cr-workshop.h"

static GtkApplication *app;

typedef struct
{
  CrStore        *store;
  CrWorkshop     *workshop;   /* the window's own */
  CrWindow       *window;
  CrWorkshopPage *page;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(CrWorkshop) workshop = NULL;

  f->store = cr_test_new_store ();
  workshop = cr_test_new_workshop (f->store, "people-product-models", "Q3 review", "Northwind", "Sam",
                                   "2025-09-12", "People");
  f->window = cr_test_ui_open_window (app, f->store, cr_workshop_get_id (workshop));
  f->workshop = cr_window_get_workshop (f->window);
  f->page = CR_WORKSHOP_PAGE (cr_test_ui_find (GTK_WIDGET (f->window), CR_TYPE_WORKSHOP_PAGE));
  g_assert_nonnull (f->page);
  cr_test_input_focus_window (GTK_WINDOW (f->window));
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  cr_test_ui_close_window (GTK_WINDOW (f->window));
  g_assert_finalize_object (f->store);
}

static guint
n_participants (Fixture *f)
{
  return g_list_model_get_n_items (cr_workshop_get_participants (f->workshop));
}

/* Page Down, Page Up and Ctrl+Z, as real keys, each do their work. */
static void
assert_keys_work (Fixture    *f,
                  GtkWindow  *window,
                  const char *after)
{
  g_autofree char *step = g_strdup (cr_workshop_page_get_step_id (f->page));
  g_autofree char *next = NULL;
  g_autoptr(GError) error = NULL;
  guint before;

  /* A person's pause: GTK's own clean-up after the last action has run. */
  cr_test_ui_spin (300);
  g_test_message ("keys after %s, the focus on %s", after,
                  gtk_root_get_focus (GTK_ROOT (window)) != NULL
                  ? G_OBJECT_TYPE_NAME (gtk_root_get_focus (GTK_ROOT (window))) : "nothing");

  cr_test_input_press_key (window, "Page_Down");
  next = g_strdup (cr_workshop_page_get_step_id (f->page));
  g_assert_cmpstr (next, !=, step);
  cr_test_input_press_key (window, "Page_Up");
  g_assert_cmpstr (cr_workshop_page_get_step_id (f->page), ==, step);

  before = n_participants (f);
  g_assert_nonnull (cr_workshop_add_participant (f->workshop, "Noor", "CFO", &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_participants (f), ==, before + 1);
  cr_test_input_press_key (window, "<Control>z");
  g_assert_cmpuint (n_participants (f), ==, before);
}

static void
test_keys_after_room (Fixture       *f,
                      gconstpointer  data)
{
  assert_keys_work (f, GTK_WINDOW (f->window), "opening the workshop");

  /* One screen: F5 turns this window into the room's, Escape brings it back. */
  cr_test_input_press_key (GTK_WINDOW (f->window), "F5");
  g_assert_cmpstr (cr_window_get_visible_page (f->window), ==, "room");
  cr_test_ui_spin (300);
  cr_test_input_press_key (GTK_WINDOW (f->window), "Escape");
  g_assert_cmpstr (cr_window_get_visible_page (f->window), ==, "workshop");

  assert_keys_work (f, GTK_WINDOW (f->window), "F5 and Escape");
}

static void
test_keys_after_undo_button (Fixture       *f,
                             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  GtkWidget *undo;

  g_assert_nonnull (cr_workshop_add_participant (f->workshop, "Ana", "CPO", &error));
  g_assert_no_error (error);
  undo = cr_test_ui_wait_button (GTK_WIDGET (f->page), "workshop.undo", NULL);
  cr_test_input_click (undo);
  g_assert_cmpuint (n_participants (f), ==, 0);
  /* Nothing left to undo: the button the focus was on is insensitive. */
  g_assert_false (gtk_widget_is_sensitive (undo));

  assert_keys_work (f, GTK_WINDOW (f->window), "the header's Undo button");
}

typedef struct
{
  GtkWidget *widget;
  GtkWidget *scrolled;
} InSight;

/* Whether the widget lies whole in the part of the scrolled window on screen. */
static gboolean
whole_in_view (gpointer data)
{
  const InSight *sight = data;
  graphene_rect_t bounds;

  g_assert_true (gtk_widget_compute_bounds (sight->widget, sight->scrolled, &bounds));
  return bounds.origin.y >= 0 &&
         bounds.origin.y + bounds.size.height <= gtk_widget_get_height (sight->scrolled);
}

/* Opens a round of @question and records @who's vote in it: one for a
 * choice, a dot or a score (on @criterion) for each model otherwise. */
static CrRound *
record_one_ballot (Fixture       *f,
                   CrParticipant *who,
                   const char    *question,
                   const char    *criterion,
                   int            value)
{
  g_autoptr(GError) error = NULL;
  CrTemplate *template = cr_workshop_get_template (f->workshop);
  CrRound *round = cr_workshop_open_round (f->workshop, question, &error);
  guint n_options = cr_template_get_n_options (template);
  g_autofree CrVote *votes = g_new0 (CrVote, n_options);

  g_assert_no_error (error);
  for (guint o = 0; o < n_options; o++)
    {
      votes[o].participant_id = cr_participant_get_id (who);
      votes[o].option = g_intern_string (cr_template_get_option (template, o)->id);
      votes[o].criterion = criterion != NULL ? g_intern_string (criterion) : NULL;
      votes[o].value = value;
    }
  g_assert_true (cr_workshop_record_votes (f->workshop, round, votes[0].participant_id, votes,
                                           g_strcmp0 (question, "current") == 0 ? 1 : n_options, &error));
  g_assert_no_error (error);
  return round;
}

static void
test_keys_after_reveal (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  CrParticipant *ana = cr_workshop_add_participant (f->workshop, "Ana", "CPO", &error);
  CrRound *round;
  GtkWidget *reveal;

  g_assert_no_error (error);
  g_assert_true (cr_workshop_page_set_step_id (f->page, "vote-current"));
  round = record_one_ballot (f, ana, "current", NULL, 1);
  cr_test_ui_spin (300);

  reveal = cr_test_ui_wait_button (GTK_WIDGET (f->page), NULL, "_Reveal Results");
  cr_test_input_click (reveal);
  cr_test_ui_spin (300);
  g_assert_true (cr_round_get_revealed (round));
  g_assert_false (gtk_widget_get_mapped (reveal));

  assert_keys_work (f, GTK_WINDOW (f->window), "clicking Reveal");
}

/* The room on a second screen has the keyboard once it is shown there. */
static void
test_keys_room_window (Fixture       *f,
                       gconstpointer  data)
{
  CrRoomWindow *room = cr_room_window_new (app, f->page);

  g_object_ref (room);
  gtk_window_present (GTK_WINDOW (room));
  cr_test_ui_wait_mapped (GTK_WIDGET (room));

  assert_keys_work (f, GTK_WINDOW (room), "the room window came up");

  gtk_window_destroy (GTK_WINDOW (room));
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_assert_finalize_object (room);
}

/* The last widget in @root's tree named @name, or NULL. */
static GtkWidget *
last_named (GtkWidget  *root,
            const char *name)
{
  GtkWidget *found = g_strcmp0 (gtk_widget_get_name (root), name) == 0 ? root : NULL;

  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *inside = last_named (child, name);

      if (inside != NULL)
        found = inside;
    }
  return found;
}

/* What a keyboard-only walk met: Page Down with the keyboard on the agenda
 * left the focus ring on the step before, and Down then went to the step
 * already shown. The focus follows the step. */
static void
test_keys_agenda_follows (Fixture       *f,
                          gconstpointer  data)
{
  GtkListBox *agenda = GTK_LIST_BOX (cr_test_ui_find_named (GTK_WIDGET (f->page), "agenda"));

  cr_workshop_page_focus_agenda (f->page);
  g_assert_true (gtk_window_get_focus (GTK_WINDOW (f->window)) ==
                 GTK_WIDGET (gtk_list_box_get_row_at_index (agenda, 0)));
  cr_test_input_press_key (GTK_WINDOW (f->window), "Page_Down");
  g_assert_cmpstr (cr_workshop_page_get_step_id (f->page), ==, "context");
  g_assert_true (gtk_window_get_focus (GTK_WINDOW (f->window)) ==
                 GTK_WIDGET (gtk_list_box_get_row_at_index (agenda, 1)));
  cr_test_input_press_key (GTK_WINDOW (f->window), "Down");
  g_assert_cmpstr (cr_workshop_page_get_step_id (f->page), ==, "canvas");
}

/* What a keyboard-only walk met: names typed one after the other, each
 * with Enter, pushed the entries below the window's edge, and the
 * facilitator typed the next name where nobody could see it. */
static void
test_keys_add_participants_in_view (Fixture       *f,
                                    gconstpointer  data)
{
  GtkWidget *setup = cr_workshop_page_get_step_widget (f->page, "setup");
  InSight sight;

  sight.widget = cr_test_ui_find_named (setup, "add-name");
  sight.scrolled = cr_test_ui_find (setup, GTK_TYPE_SCROLLED_WINDOW);
  g_assert_nonnull (sight.widget);
  g_assert_true (gtk_widget_grab_focus (sight.widget));
  for (guint i = 0; i < 12; i++)
    {
      g_autofree char *name = g_strdup_printf ("Person %u", i + 1);

      gtk_editable_set_text (GTK_EDITABLE (sight.widget), name);
      cr_test_input_press_key (GTK_WINDOW (f->window), "Return");
      g_assert_cmpuint (n_participants (f), ==, i + 1);
      g_assert_true (gtk_widget_is_ancestor (gtk_window_get_focus (GTK_WINDOW (f->window)), sight.widget));
      cr_test_ui_wait_until (whole_in_view, &sight, "the entries to stay in sight");
    }
}

static gboolean
round_opened (gpointer data)
{
  Fixture *f = data;

  return g_list_model_get_n_items (cr_workshop_get_rounds (f->workshop)) == 1;
}

/* What a keyboard-only walk met: Page Down from the context into the
 * canvas put the focus on an entry below the three models, out of sight,
 * and that of the risks rather than the first one, the strengths: the
 * first note was typed where nobody could see it, into the wrong lane. */
static void
test_keys_canvas_focus_in_view (Fixture       *f,
                                gconstpointer  data)
{
  GtkWidget *context = cr_workshop_page_get_step_widget (f->page, "context");
  InSight sight;

  g_assert_true (cr_workshop_page_set_step_id (f->page, "context"));
  cr_test_ui_spin (300);
  g_assert_true (gtk_widget_child_focus (context, GTK_DIR_TAB_FORWARD));
  cr_test_input_press_key (GTK_WINDOW (f->window), "Page_Down");
  g_assert_cmpstr (cr_workshop_page_get_step_id (f->page), ==, "canvas");

  /* The first lane's entry, the first model's strengths, in sight. */
  sight.widget = cr_test_ui_find (cr_test_ui_find_named (cr_workshop_page_get_step_widget (f->page, "canvas"),
                                  "add:hr-as-a-service:strength"),
                                  GTK_TYPE_TEXT);
  sight.scrolled = gtk_widget_get_ancestor (sight.widget, GTK_TYPE_SCROLLED_WINDOW);
  cr_test_ui_wait_until (whole_in_view, &sight, "the first entry to come into view");
  g_assert_true (gtk_window_get_focus (GTK_WINDOW (f->window)) == sight.widget);

  /* On to a step whose only field is a button: Enter presses it. */
  cr_test_input_press_key (GTK_WINDOW (f->window), "Page_Down");
  g_assert_cmpstr (cr_workshop_page_get_step_id (f->page), ==, "vote-current");
  cr_test_ui_spin (300);
  cr_test_input_press_key (GTK_WINDOW (f->window), "Return");
  cr_test_ui_wait_until (round_opened, f, "Enter to open a round");
}

/* What a keyboard-only walk met: the results step had nothing to focus,
 * so on a laptop's screen the charts below the first could not be
 * reached, nor the page scrolled. Each chart is a tab stop now, brought
 * into view as the focus reaches it. */
static void
test_keys_reach_charts (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  CrParticipant *ana = cr_workshop_add_participant (f->workshop, "Ana", "CPO", &error);
  InSight view;
  GtkWidget *step;
  gboolean reached = FALSE;
  CrRound *rounds[3];

  g_assert_no_error (error);
  rounds[0] = record_one_ballot (f, ana, "current", NULL, 1);
  rounds[1] = record_one_ballot (f, ana, "target", NULL, 1);
  rounds[2] = record_one_ballot (f, ana, "fit", "speed", 4);
  for (guint i = 0; i < G_N_ELEMENTS (rounds); i++)
    {
      g_assert_true (cr_workshop_reveal_round (f->workshop, rounds[i], &error));
      g_assert_no_error (error);
    }
  g_assert_true (cr_workshop_page_set_step_id (f->page, "results"));
  cr_test_ui_spin (300);

  step = cr_test_ui_find (GTK_WIDGET (f->page), CR_TYPE_STEP_RESULTS);
  g_assert_nonnull (step);
  view.scrolled = cr_test_ui_find (step, GTK_TYPE_SCROLLED_WINDOW);
  /* The last chart of the page, below what the window shows. */
  view.widget = last_named (step, "chart");
  g_assert_nonnull (view.widget);
  g_assert_false (whole_in_view (&view));

  for (guint i = 0; i < 30 && !reached; i++)
    {
      cr_test_input_press_key (GTK_WINDOW (f->window), "Tab");
      reached = gtk_window_get_focus (GTK_WINDOW (f->window)) == view.widget;
    }
  g_assert_true (reached);
  /* Brought into view: the viewport scrolls on the next frames. */
  cr_test_ui_wait_until (whole_in_view, &view, "the chart to come into view");
}

/* The focused item of an open list: its first label's text. */
static const char *
focused_item (Fixture *f)
{
  GtkWidget *focus = gtk_window_get_focus (GTK_WINDOW (f->window));
  GtkWidget *label = focus != NULL ? cr_test_ui_find (focus, GTK_TYPE_LABEL) : NULL;

  return label != NULL ? gtk_label_get_text (GTK_LABEL (label)) : NULL;
}

/* Opens @row's list with Enter, as the keyboard does. */
static void
open_list (Fixture   *f,
           GtkWidget *row,
           GtkWidget *popover)
{
  gtk_widget_grab_focus (row);
  cr_test_ui_spin (300);
  cr_test_input_press_key (GTK_WINDOW (f->window), "Return");
  cr_test_ui_wait_mapped (popover);
  cr_test_ui_spin (300);
}

/* The decision's option list opened with the keyboard on "Not decided",
 * not on the chosen option, so the arrow keys started from the top: it
 * opens on the chosen option, Enter keeps it and Down goes to the next. */
static void
test_keys_decision_list_opens_on_choice (Fixture       *f,
                                         gconstpointer  data)
{
  g_autoptr(CrDecision) decision = cr_decision_new ();
  g_autoptr(GError) error = NULL;
  GtkWidget *row, *popover;

  decision->start_with = g_strdup ("projects-as-products");
  g_assert_true (cr_workshop_set_decision (f->workshop, decision, &error));
  g_assert_no_error (error);
  g_assert_true (cr_workshop_page_set_step_id (f->page, "recommendation"));
  cr_test_ui_spin (300);
  row = cr_test_ui_find_named (GTK_WIDGET (f->page), "decision-start");
  g_assert_nonnull (row);
  g_assert_cmpuint (adw_combo_row_get_selected (ADW_COMBO_ROW (row)), ==, 2);
  popover = cr_test_ui_find (row, GTK_TYPE_POPOVER);
  g_assert_nonnull (popover);

  open_list (f, row, popover);
  g_assert_cmpstr (focused_item (f), ==, "Projects and Programmes as Products");
  cr_test_input_press_key_to (GTK_WINDOW (f->window), popover, "Return");
  cr_test_ui_spin (300);
  g_assert_false (gtk_widget_get_mapped (popover));
  g_assert_cmpuint (adw_combo_row_get_selected (ADW_COMBO_ROW (row)), ==, 2);
  g_assert_cmpstr (cr_workshop_get_decision (f->workshop)->start_with, ==, "projects-as-products");

  open_list (f, row, popover);
  cr_test_input_press_key_to (GTK_WINDOW (f->window), popover, "Down");
  cr_test_input_press_key_to (GTK_WINDOW (f->window), popover, "Return");
  cr_test_ui_spin (300);
  g_assert_cmpstr (cr_workshop_get_decision (f->workshop)->start_with, ==, "px-as-a-product");
}

static gboolean
focus_on_first_row (gpointer data)
{
  GtkWindow *window = data;
  GtkWidget *focus = gtk_window_get_focus (window);

  return GTK_IS_LIST_BOX_ROW (focus) && gtk_list_box_row_get_index (GTK_LIST_BOX_ROW (focus)) == 0 &&
         gtk_widget_get_mapped (focus);
}

/* A keyboard-only walk: the library had no starting focus, and the first
 * Tab went to a header button. Shown with workshops, at the start and on
 * the way back from a workshop, it has the keyboard on the first of them. */
static void
test_keys_library_focus (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(CrStore) store = cr_test_new_store ();
  g_autoptr(GError) error = NULL;
  g_autoptr(CrTemplate) template = cr_template_lookup_builtin ("people-product-models", &error);
  g_autoptr(CrWorkshop) workshop = NULL;
  CrWindow *window;

  g_assert_no_error (error);
  workshop = cr_workshop_create (store, template, "Spring off-site", "Northwind", "Sam",
                                 "2025-03-14", "People", &error);
  g_assert_no_error (error);

  /* On the way back from a workshop (the fixture's window has one open). */
  cr_test_input_press_key (GTK_WINDOW (f->window), "<Alt>Home");
  g_assert_cmpstr (cr_window_get_visible_page (f->window), ==, "list");
  cr_test_ui_wait_until (focus_on_first_row, f->window, "the keyboard on the first workshop");

  /* At the start, the library left on screen last. */
  window = g_object_ref (cr_window_new (app, store, NULL));
  gtk_window_present (GTK_WINDOW (window));
  cr_test_ui_wait_mapped (GTK_WIDGET (window));
  g_assert_cmpstr (cr_window_get_visible_page (window), ==, "list");
  cr_test_input_focus_window (GTK_WINDOW (window));
  cr_test_ui_wait_until (focus_on_first_row, window, "the keyboard on the first workshop");
  /* Enter opens it, as a click would. */
  cr_test_input_press_key (GTK_WINDOW (window), "Return");
  g_assert_cmpstr (cr_window_get_visible_page (window), ==, "workshop");
  gtk_window_destroy (GTK_WINDOW (window));
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_assert_finalize_object (window);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  /* After F5 and Escape with real keys, 192 bytes allocated outside this
   * test's code stay unreferenced at exit, now and then (the room view's
   * or GTK's; LeakSanitizer's quick stacks end in g_malloc). The window
   * and the workshop are still checked with g_assert_finalize_object. */
  cr_test_ui_ignore_leaks ();
  app = cr_test_ui_init (&argc, &argv);

  g_test_add ("/keys/after-room", Fixture, NULL, fixture_set_up, test_keys_after_room, fixture_tear_down);
  g_test_add ("/keys/after-undo-button", Fixture, NULL, fixture_set_up, test_keys_after_undo_button, fixture_tear_down);
  g_test_add ("/keys/after-reveal", Fixture, NULL, fixture_set_up, test_keys_after_reveal, fixture_tear_down);
  g_test_add ("/keys/agenda-follows", Fixture, NULL, fixture_set_up, test_keys_agenda_follows, fixture_tear_down);
  g_test_add ("/keys/add-participants-in-view", Fixture, NULL, fixture_set_up, test_keys_add_participants_in_view,
              fixture_tear_down);
  g_test_add ("/keys/canvas-focus-in-view", Fixture, NULL, fixture_set_up, test_keys_canvas_focus_in_view,
              fixture_tear_down);
  g_test_add ("/keys/reach-charts", Fixture, NULL, fixture_set_up, test_keys_reach_charts, fixture_tear_down);
  g_test_add ("/keys/room-window", Fixture, NULL, fixture_set_up, test_keys_room_window, fixture_tear_down);
  g_test_add ("/keys/decision-list-opens-on-choice", Fixture, NULL, fixture_set_up,
              test_keys_decision_list_opens_on_choice, fixture_tear_down);
  g_test_add ("/keys/library-focus", Fixture, NULL, fixture_set_up, test_keys_library_focus, fixture_tear_down);

  status = g_test_run ();
  g_clear_object (&app);
  return status;
}
