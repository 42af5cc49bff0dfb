/* test-vote.c: the voting step on a real display, driving its widgets
 *
 * For each voting method: open a round, record two participants' ballots
 * and a show of hands through the widgets, check the database, check the
 * step shows nobody's choices or totals before Reveal, reveal, and start
 * another round.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "crossroads-test"

#include "config.h"

#include <gtk/gtk.h>
#include <adwaita.h>

#include "cr-ballot-dialog.h"
#include "cr-step-vote.h"
#include "cr-tally.h"
#include "cr-test-input.h"
#include "cr-test-ui-util.h"
#include "cr-test-util.h"
#include "cr-workshop.h"

/* Counts that no label of the step holds otherwise (no seat, count of
 * participants or round has these digits), so finding one on screen can
 * only mean a leaked total. */
#define HANDS_A 4
#define HANDS_B 5

typedef struct
{
  CrStore    *store;
  CrTemplate *template;
  CrWorkshop *workshop;
  GtkWindow  *window;
  GtkWidget  *step;
  const char *question_id;
} Fixture;

/* ---- Main loop ----------------------------------------------------------- */

typedef gboolean (*Condition) (Fixture *f, gconstpointer data);

static void
wait_for (Fixture       *f,
          Condition      condition,
          gconstpointer  data,
          const char    *what)
{
  guint timeout = cr_test_ui_watchdog (20, what);

  while (!condition (f, data))
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (timeout);
}

/* ---- Finding widgets ----------------------------------------------------- */

/* Visible and drawn: what the room could see. */
static gboolean
is_shown (GtkWidget *widget)
{
  return gtk_widget_get_mapped (widget);
}

/* The labels drawn on screen: a GtkStack's other pages are not mapped. */
static void
collect_shown_labels (GtkWidget *root,
                      GPtrArray *texts)
{
  if (!gtk_widget_get_mapped (root))
    return;
  if (GTK_IS_LABEL (root))
    g_ptr_array_add (texts, (gpointer) gtk_label_get_text (GTK_LABEL (root)));
  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_shown_labels (child, texts);
}

static GPtrArray *
shown_labels (GtkWidget *root)
{
  GPtrArray *texts = g_ptr_array_new ();

  collect_shown_labels (root, texts);
  return texts;
}

static gboolean
mapped_label_with (GtkWidget  *root,
                   const char *needle)
{
  if (GTK_IS_LABEL (root) && is_shown (root) &&
      strstr (gtk_label_get_text (GTK_LABEL (root)), needle) != NULL)
    return TRUE;
  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (mapped_label_with (child, needle))
      return TRUE;
  return FALSE;
}

/* The shown toplevel of a type (a ballot dialog, a message dialog), or NULL. */
static GtkWidget *
shown_toplevel (GType type)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWidget) toplevel = g_list_model_get_item (toplevels, i);

      if (G_TYPE_CHECK_INSTANCE_TYPE (toplevel, type) && gtk_widget_get_visible (toplevel))
        return toplevel;
    }
  return NULL;
}

static GtkWidget *
ballot_dialog (void)
{
  return shown_toplevel (CR_TYPE_BALLOT_DIALOG);
}

/* For wait_for(): @data is the toplevel's type. */
static gboolean
toplevel_is_mapped (Fixture       *f,
                    gconstpointer  data)
{
  GtkWidget *toplevel = shown_toplevel (GPOINTER_TO_SIZE (data));

  return toplevel != NULL && gtk_widget_get_mapped (toplevel);
}

static gboolean
toplevel_is_gone (Fixture       *f,
                  gconstpointer  data)
{
  return shown_toplevel (GPOINTER_TO_SIZE (data)) == NULL;
}

#define BALLOT  GSIZE_TO_POINTER (CR_TYPE_BALLOT_DIALOG)
#define MESSAGE GSIZE_TO_POINTER (ADW_TYPE_MESSAGE_DIALOG)

static gboolean
window_is_mapped (Fixture       *f,
                  gconstpointer  data)
{
  return gtk_widget_get_mapped (GTK_WIDGET (f->window));
}

static gboolean
rounds_are (Fixture       *f,
            gconstpointer  data)
{
  return cr_test_count_rows (cr_store_get_path (f->store), "rounds") == GPOINTER_TO_INT (data);
}

static gboolean
latest_is_revealed (Fixture       *f,
                    gconstpointer  data)
{
  CrRound *round = cr_workshop_find_latest_round (f->workshop, f->question_id, FALSE);

  return round != NULL && cr_round_get_revealed (round);
}

/* gtk_widget_activate() on a button emits "clicked" a moment later. */
static void
press (GtkWidget *button)
{
  g_assert_true (gtk_widget_get_sensitive (button));
  g_assert_true (gtk_widget_get_mapped (button));
  g_assert_true (gtk_widget_activate (button));
}

/* ---- Fixture ------------------------------------------------------------- */

/* The test template (tests/templates/valid.json) with its score question
 * on a scale of 1 to 12: past what a row of toggles shows. */
static CrTemplate *
template_scale_twelve (void)
{
  g_autofree char *path = cr_test_source_path ("templates", "valid.json", NULL);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  JsonArray *questions;
  CrTemplate *template;

  json_parser_load_from_file (parser, path, &error);
  g_assert_no_error (error);
  questions = json_object_get_array_member (json_node_get_object (json_parser_get_root (parser)), "questions");
  for (guint i = 0; i < json_array_get_length (questions); i++)
    {
      JsonObject *question = json_array_get_object_element (questions, i);

      if (json_object_has_member (question, "scale"))
        json_object_set_int_member (json_object_get_object_member (question, "scale"), "max", 12);
    }
  template = cr_template_new_from_json (json_parser_get_root (parser), &error);
  g_assert_no_error (error);
  return template;
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  const char * const *ids = data;
  g_autoptr(GError) error = NULL;
  const char *people[] = { "Ana", "Ben", NULL };
  /* Who raise their hands: names without digits, see HANDS_A. */
  const char *hands[] = { "Cy", "Dee", "Eli", "Fay", "Gus", "Hal", "Ivy", "Jo", "Kit", NULL };

  f->question_id = ids[1];
  f->store = cr_test_new_store ();
  if (g_str_equal (ids[0], "scale-1-12"))
    f->template = template_scale_twelve ();
  else
    f->template = cr_template_lookup_builtin (ids[0], &error);
  g_assert_no_error (error);
  f->workshop = cr_workshop_create (f->store, f->template, "Operating model", "Northwind",
                                    "Sam Rivera", "2025-03-14", "People Experience", &error);
  g_assert_no_error (error);
  for (guint i = 0; people[i] != NULL; i++)
    {
      cr_workshop_add_participant (f->workshop, people[i], "Leadership", &error);
      g_assert_no_error (error);
    }
  /* An anonymous seat, who will not vote. */
  cr_workshop_add_participant (f->workshop, NULL, "", &error);
  g_assert_no_error (error);
  for (guint i = 0; hands[i] != NULL; i++)
    {
      cr_workshop_add_participant (f->workshop, hands[i], "", &error);
      g_assert_no_error (error);
    }

  f->step = g_object_ref_sink (cr_step_vote_new (f->workshop, f->question_id));
  f->window = GTK_WINDOW (gtk_window_new ());
  g_object_ref (f->window);
  gtk_window_set_default_size (f->window, 1024, 720);
  gtk_window_set_child (f->window, f->step);
  gtk_window_present (f->window);
  wait_for (f, window_is_mapped, NULL, "the window to be mapped");
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  gtk_window_destroy (f->window);
  cr_test_ui_settle ();
  g_assert_finalize_object (f->window);
  g_assert_finalize_object (f->step);
  g_assert_finalize_object (f->workshop);
  g_clear_object (&f->template);
  g_assert_finalize_object (f->store);
}

/* ---- Ballots ------------------------------------------------------------- */

static const char *
option_title (Fixture *f,
              guint    i)
{
  return cr_template_get_option (f->template, i)->title;
}

static GtkWidget *
open_ballot (Fixture    *f,
             const char *row_title)
{
  GtkWidget *row = cr_test_ui_need (f->step, cr_test_ui_match_row_title, row_title);

  g_assert_null (ballot_dialog ());
  g_assert_true (gtk_widget_activate (row));
  wait_for (f, toplevel_is_mapped, BALLOT, "the ballot dialog");
  return ballot_dialog ();
}

static void
save_ballot (Fixture   *f,
             GtkWidget *dialog)
{
  press (cr_test_ui_need (dialog, cr_test_ui_match_button_label, "_Save"));
  wait_for (f, toplevel_is_gone, BALLOT, "the ballot dialog to close");
  cr_test_ui_settle ();
}

static void
vote_single (Fixture    *f,
             const char *who,
             guint       option)
{
  GtkWidget *dialog = open_ballot (f, who);
  GtkWidget *save = cr_test_ui_need (dialog, cr_test_ui_match_button_label, "_Save");
  GtkWidget *row = cr_test_ui_need (dialog, cr_test_ui_match_row_title, option_title (f, option));

  /* Nothing chosen: nothing to save. */
  g_assert_false (gtk_widget_get_sensitive (save));
  gtk_check_button_set_active (GTK_CHECK_BUTTON (cr_test_ui_find (row, GTK_TYPE_CHECK_BUTTON)), TRUE);
  g_assert_true (gtk_widget_get_sensitive (save));
  save_ballot (f, dialog);
}

static void
add_dot (GtkWidget  *dialog,
         const char *option)
{
  g_autofree char *tooltip = g_strdup_printf ("Add a dot to %s", option);
  GtkWidget *button = cr_test_ui_need (dialog, cr_test_ui_match_tooltip, tooltip);

  g_assert_true (gtk_widget_get_sensitive (button));
  g_signal_emit_by_name (button, "clicked");
}

static void
vote_dots (Fixture    *f,
           const char *who,
           guint       option_twice,
           guint       option_once)
{
  GtkWidget *dialog = open_ballot (f, who);

  g_assert_nonnull (cr_test_ui_find_match (dialog, cr_test_ui_match_label_text, "3 of 3 dots left"));
  add_dot (dialog, option_title (f, option_twice));
  add_dot (dialog, option_title (f, option_twice));
  g_assert_nonnull (cr_test_ui_find_match (dialog, cr_test_ui_match_label_text, "1 of 3 dots left"));
  add_dot (dialog, option_title (f, option_once));
  g_assert_nonnull (cr_test_ui_find_match (dialog, cr_test_ui_match_label_text, "0 of 3 dots left"));

  /* The budget is spent: no "+" works any more, and "-" works where dots are. */
  for (guint o = 0; o < cr_template_get_n_options (f->template); o++)
    {
      g_autofree char *add = g_strdup_printf ("Add a dot to %s", option_title (f, o));
      g_autofree char *take = g_strdup_printf ("Take a dot from %s", option_title (f, o));

      g_assert_false (gtk_widget_get_sensitive (cr_test_ui_need (dialog, cr_test_ui_match_tooltip, add)));
      g_assert_true (gtk_widget_get_sensitive (cr_test_ui_need (dialog, cr_test_ui_match_tooltip, take)) ==
                     (o == option_twice || o == option_once));
    }
  save_ballot (f, dialog);
}

/* Scores every cell of the ballot with @value (plus the option index, so the
 * cells differ). */
static void
vote_score (Fixture    *f,
            const char *who,
            int         value)
{
  GtkWidget *dialog = open_ballot (f, who);
  const CrQuestion *question = cr_template_find_question (f->template, f->question_id);
  guint n_criteria = question->criteria->len;

  for (guint o = 0; o < cr_template_get_n_options (f->template); o++)
    {
      g_autofree char *text = g_strdup_printf ("%d", value + (int) o);
      GtkWidget *area = n_criteria > 0 ? cr_test_ui_need (dialog, cr_test_ui_match_group_title, option_title (f, o)) : dialog;

      for (guint c = 0; c < MAX (n_criteria, 1); c++)
        {
          const char *row_title = n_criteria > 0
            ? ((CrCriterion *) g_ptr_array_index (question->criteria, c))->label
            : option_title (f, o);
          GtkWidget *row = cr_test_ui_need (area, cr_test_ui_match_row_title, row_title);
          GtkWidget *toggle = cr_test_ui_need (row, cr_test_ui_match_button_label, text);

          gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (toggle), TRUE);
        }
    }
  {
    guint n = cr_template_get_n_options (f->template) * MAX (n_criteria, 1);
    g_autofree char *status = g_strdup_printf ("%u of %u scores given", n, n);

    g_assert_nonnull (cr_test_ui_find_match (dialog, cr_test_ui_match_label_text, status));
  }
  save_ballot (f, dialog);
}

static void
count_hands (Fixture *f)
{
  GtkWidget *dialog = open_ballot (f, "Count Hands");
  GtkWidget *row;

  row = cr_test_ui_need (dialog, cr_test_ui_match_row_title, option_title (f, 0));
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (cr_test_ui_find (row, GTK_TYPE_SPIN_BUTTON)), HANDS_A);
  row = cr_test_ui_need (dialog, cr_test_ui_match_row_title, option_title (f, 2));
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (cr_test_ui_find (row, GTK_TYPE_SPIN_BUTTON)), HANDS_B);
  g_assert_nonnull (cr_test_ui_find_match (dialog, cr_test_ui_match_label_text, "9 hands in all"));
  save_ballot (f, dialog);
}

/* ---- What the step shows ------------------------------------------------- */

static const char *
row_status (Fixture    *f,
            const char *who)
{
  GtkWidget *row = cr_test_ui_need (f->step, cr_test_ui_match_row_title, who);

  if (cr_test_ui_find_match (row, cr_test_ui_match_label_text, "Voted") != NULL)
    return "Voted";
  if (cr_test_ui_find_match (row, cr_test_ui_match_label_text, "Not voted yet") != NULL)
    return "Not voted yet";
  return NULL;
}

/* Hidden means hidden: no share, no count of hands, no option named. */
static void
assert_no_totals (Fixture *f)
{
  g_autoptr(GPtrArray) texts = shown_labels (f->step);
  g_autofree char *a = g_strdup_printf ("%d", HANDS_A);
  g_autofree char *b = g_strdup_printf ("%d", HANDS_B);
  gboolean score = cr_template_find_question (f->template, f->question_id)->method == CR_METHOD_SCORE;

  g_assert_cmpuint (texts->len, >, 5);
  for (guint i = 0; i < texts->len; i++)
    {
      const char *text = g_ptr_array_index (texts, i);

      g_assert_null (strchr (text, '%'));
      /* A score question has no hands, and its scale is in its help. */
      if (!score)
        {
          g_assert_null (strstr (text, a));
          g_assert_null (strstr (text, b));
        }
      for (guint o = 0; o < cr_template_get_n_options (f->template); o++)
        g_assert_null (strstr (text, option_title (f, o)));
    }
  /* ...and no ballot left open on screen. */
  g_assert_null (ballot_dialog ());
}

static gint64
count_votes (Fixture *f,
             guint    round_number,
             gint64   participant_id)
{
  CrRound *round = NULL;
  GListModel *rounds;
  g_autoptr(CrWorkshop) reloaded = NULL;
  g_autoptr(GError) error = NULL;
  const CrVote *votes;
  guint n_votes, n = 0;

  /* From the database, not from the object the step changed. */
  reloaded = cr_workshop_load (f->store, cr_workshop_get_id (f->workshop), &error);
  g_assert_no_error (error);
  rounds = cr_workshop_get_rounds (reloaded);
  for (guint i = 0; i < g_list_model_get_n_items (rounds); i++)
    {
      g_autoptr(CrRound) item = g_list_model_get_item (rounds, i);

      if (g_strcmp0 (cr_round_get_question (item), f->question_id) == 0 &&
          cr_round_get_number (item) == round_number)
        round = item;  /* the reloaded workshop's list holds it */
    }
  g_assert_nonnull (round);
  votes = cr_round_get_votes (round, &n_votes);
  for (guint i = 0; i < n_votes; i++)
    if (votes[i].participant_id == participant_id)
      n++;
  return n;
}

static gint64
participant_id (Fixture *f,
                guint    i)
{
  g_autoptr(CrParticipant) participant =
    g_list_model_get_item (cr_workshop_get_participants (f->workshop), i);

  return cr_participant_get_id (participant);
}

static void
test_vote_round (Fixture       *f,
                 gconstpointer  data)
{
  const CrQuestion *question = cr_template_find_question (f->template, f->question_id);
  gint64 ana = participant_id (f, 0), ben = participant_id (f, 1);
  GtkWidget *reveal;
  guint n_cells = 0;

  /* No round yet. */
  g_assert_true (mapped_label_with (f->step, "Open the first round"));
  g_assert_true (mapped_label_with (f->step, question->prompt));
  press (cr_test_ui_need (f->step, cr_test_ui_match_button_label, "_Open Round"));
  wait_for (f, rounds_are, GINT_TO_POINTER (1), "round 1 in the database");
  cr_test_ui_settle ();
  g_assert_true (is_shown (cr_test_ui_need (f->step, cr_test_ui_match_button_label, "Round 1 · Open")));
  g_assert_cmpstr (row_status (f, "Ana"), ==, "Not voted yet");
  /* The keyboard goes on to the first ballot to fill in. */
  g_assert_true (gtk_window_get_focus (f->window) == cr_test_ui_need (f->step, cr_test_ui_match_row_title, "Ana"));
  reveal = cr_test_ui_need (f->step, cr_test_ui_match_button_label, "_Reveal Results");
  g_assert_false (gtk_widget_get_sensitive (reveal));

  switch (question->method)
    {
    case CR_METHOD_SINGLE:
      vote_single (f, "Ana", 2);
      vote_single (f, "Ben", 1);
      g_assert_cmpint (count_votes (f, 1, ana), ==, 1);
      g_assert_cmpint (count_votes (f, 1, ben), ==, 1);
      break;

    case CR_METHOD_DOTS:
      vote_dots (f, "Ana", 2, 1);
      vote_dots (f, "Ben", 0, 2);
      g_assert_cmpint (count_votes (f, 1, ana), ==, 2);
      g_assert_cmpint (count_votes (f, 1, ben), ==, 2);
      break;

    case CR_METHOD_SCORE:
      n_cells = cr_template_get_n_options (f->template) * MAX (question->criteria->len, 1);
      vote_score (f, "Ana", question->scale_min);
      vote_score (f, "Ben", question->scale_min + 1);
      g_assert_cmpint (count_votes (f, 1, ana), ==, n_cells);
      g_assert_cmpint (count_votes (f, 1, ben), ==, n_cells);
      break;

    default:
      g_assert_not_reached ();
    }

  if (question->method != CR_METHOD_SCORE)
    {
      count_hands (f);
      /* Two options with hands; the one with none records nothing. */
      g_assert_cmpint (count_votes (f, 1, 0), ==, 2);
      g_assert_true (mapped_label_with (f->step, "Counted"));
    }
  else
    g_assert_false (is_shown (cr_test_ui_need (f->step, cr_test_ui_match_row_title, "Count Hands")));
  g_assert_cmpint (count_votes (f, 1, participant_id (f, 2)), ==, 0);

  g_assert_cmpstr (row_status (f, "Ana"), ==, "Voted");
  g_assert_cmpstr (row_status (f, "Ben"), ==, "Voted");
  g_assert_cmpstr (row_status (f, "Seat 3"), ==, "Not voted yet");
  g_assert_true (mapped_label_with (f->step, "2 of 12 participants have voted"));
  assert_no_totals (f);

  /* Reopening a ballot shows nothing of what was recorded, then closes again. */
  {
    GtkWidget *dialog = open_ballot (f, "Ana");

    if (question->method == CR_METHOD_DOTS)
      g_assert_nonnull (cr_test_ui_find_match (dialog, cr_test_ui_match_label_text, "3 of 3 dots left"));
    press (cr_test_ui_need (dialog, cr_test_ui_match_button_label, "_Cancel"));
    wait_for (f, toplevel_is_gone, BALLOT, "the ballot dialog to close");
  }

  press (reveal);
  wait_for (f, latest_is_revealed, NULL, "the round to be revealed");
  cr_test_ui_settle ();
  g_assert_cmpint (cr_test_count_rows (cr_store_get_path (f->store), "rounds"), ==, 1);
  g_assert_true (mapped_label_with (f->step, "Revealed — see Results"));
  g_assert_true (is_shown (cr_test_ui_need (f->step, cr_test_ui_match_button_label, "Round 1 · Revealed")));
  g_assert_true (gtk_window_get_focus (f->window) ==
                 cr_test_ui_need (f->step, cr_test_ui_match_button_label, "_Start Another Round"));
  /* Revealed: the tally may show now, and it does. */
  g_assert_true (mapped_label_with (f->step, option_title (f, 2)));
  if (question->method != CR_METHOD_SCORE)
    g_assert_true (mapped_label_with (f->step, "%"));

  press (cr_test_ui_need (f->step, cr_test_ui_match_button_label, "_Start Another Round"));
  wait_for (f, rounds_are, GINT_TO_POINTER (2), "round 2 in the database");
  cr_test_ui_settle ();
  g_assert_true (is_shown (cr_test_ui_need (f->step, cr_test_ui_match_button_label, "Round 2 · Open")));
  g_assert_cmpstr (row_status (f, "Ana"), ==, "Not voted yet");
  assert_no_totals (f);

  /* Round 1 is still there to look at, read-only. */
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (cr_test_ui_need (f->step, cr_test_ui_match_button_label, "Round 1 · Revealed")),
                                TRUE);
  cr_test_ui_settle ();
  g_assert_true (mapped_label_with (f->step, "Revealed — see Results"));
  g_assert_false (is_shown (cr_test_ui_need (f->step, cr_test_ui_match_button_label, "_Start Another Round")));
}

/* Undo (or any other view) changing the round: the step follows the core. */
static void
test_vote_follows_core (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  CrRound *round;
  CrVote vote = { participant_id (f, 1), g_intern_string ("hr-as-a-service"), NULL, 1 };

  round = cr_workshop_open_round (f->workshop, f->question_id, &error);
  g_assert_no_error (error);
  cr_test_ui_settle ();
  g_assert_cmpstr (row_status (f, "Ben"), ==, "Not voted yet");

  /* A ballot open while the round is revealed elsewhere closes itself. */
  open_ballot (f, "Ana");
  cr_workshop_record_votes (f->workshop, round, vote.participant_id, &vote, 1, &error);
  g_assert_no_error (error);
  cr_test_ui_settle ();
  g_assert_cmpstr (row_status (f, "Ben"), ==, "Voted");
  g_assert_true (mapped_label_with (f->step, "1 of 12 participants have voted"));

  cr_workshop_reveal_round (f->workshop, round, &error);
  g_assert_no_error (error);
  wait_for (f, toplevel_is_gone, BALLOT, "the ballot to close on reveal");
  cr_test_ui_settle ();
  g_assert_true (mapped_label_with (f->step, "Revealed — see Results"));
  g_assert_true (mapped_label_with (f->step, "1 vote · 100 %"));
}

/* ---- A score grid by keyboard -------------------------------------------- */

static GtkWidget *
score_row (Fixture   *f,
           GtkWidget *dialog,
           guint      option,
           guint      criterion)
{
  const CrQuestion *question = cr_template_find_question (f->template, f->question_id);
  const CrCriterion *c = g_ptr_array_index (question->criteria, criterion);

  return cr_test_ui_need (cr_test_ui_need (dialog, cr_test_ui_match_group_title, option_title (f, option)), cr_test_ui_match_row_title, c->label);
}

static int
score_shown (GtkWidget *row)
{
  GtkWidget *spin = cr_test_ui_find (row, GTK_TYPE_SPIN_BUTTON);

  /* A long scale: its spin button shows "–" for no score. */
  if (spin != NULL)
    return g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (spin)), "–") == 0
           ? -1 : gtk_spin_button_get_value_as_int (GTK_SPIN_BUTTON (spin));
  /* The first toggle, then its siblings. */
  for (GtkWidget *toggle = cr_test_ui_find (row, GTK_TYPE_TOGGLE_BUTTON);
       toggle != NULL;
       toggle = gtk_widget_get_next_sibling (toggle))
    if (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (toggle)))
      return atoi (gtk_button_get_label (GTK_BUTTON (toggle)));
  return -1;
}

static GtkWidget *
focus_of (GtkWidget *dialog)
{
  return gtk_window_get_focus (GTK_WINDOW (dialog));
}

static gboolean
is_named_ballot (Fixture       *f,
                 gconstpointer  name)
{
  GtkWidget *dialog = ballot_dialog ();

  return dialog != NULL && gtk_widget_get_mapped (dialog) &&
         g_strcmp0 (gtk_window_get_title (GTK_WINDOW (dialog)), name) == 0;
}

/* Enter on "Save and Next", which has the focus, and the ballot of @next opens. */
static GtkWidget *
save_and_next (Fixture    *f,
               GtkWidget  *dialog,
               const char *next)
{
  g_assert_true (focus_of (dialog) == cr_test_ui_need (dialog, cr_test_ui_match_button_label, "Save and _Next"));
  cr_test_input_press_key (GTK_WINDOW (dialog), "Return");
  wait_for (f, is_named_ballot, next, "the ballot of the next participant without one");
  cr_test_ui_settle ();
  return ballot_dialog ();
}

/* What a user saw: a score ballot is 15 clicks a person, and Tab stops on
 * every toggle. Real keys, on the real dialog. */
static void
test_vote_keyboard (Fixture       *f,
                    gconstpointer  data)
{
  const CrQuestion *question = cr_template_find_question (f->template, f->question_id);
  guint n_criteria = question->criteria->len;
  guint n_cells = cr_template_get_n_options (f->template) * n_criteria;
  g_autoptr(GPtrArray) stops = g_ptr_array_new ();
  g_autoptr(GArray) ben = g_array_new (FALSE, FALSE, sizeof (CrVote));
  g_autoptr(GError) error = NULL;
  gint64 ana = participant_id (f, 0);
  GtkWidget *dialog, *start;
  CrRound *round;

  press (cr_test_ui_need (f->step, cr_test_ui_match_button_label, "_Open Round"));
  wait_for (f, rounds_are, GINT_TO_POINTER (1), "round 1 in the database");
  cr_test_ui_settle ();
  /* Ben has voted already: "Save and Next" after Ana goes past him. */
  round = cr_workshop_find_latest_round (f->workshop, f->question_id, FALSE);
  for (guint i = 0; i < n_cells; i++)
    {
      const CrCriterion *c = g_ptr_array_index (question->criteria, i % n_criteria);
      CrVote v = { participant_id (f, 1), g_intern_string (cr_template_get_option (f->template, i / n_criteria)->id),
                   g_intern_string (c->id), 5 };

      g_array_append_val (ben, v);
    }
  cr_workshop_record_votes (f->workshop, round, participant_id (f, 1),
                            (const CrVote *) (gpointer) ben->data, ben->len, &error);
  g_assert_no_error (error);
  cr_test_ui_settle ();

  dialog = open_ballot (f, "Ana");
  g_assert_true (focus_of (dialog) == score_row (f, dialog, 0, 0));

  /* A number gives the focused criterion its score and moves on. */
  cr_test_input_press_key (GTK_WINDOW (dialog), "4");
  g_assert_cmpint (score_shown (score_row (f, dialog, 0, 0)), ==, 4);
  g_assert_true (focus_of (dialog) == score_row (f, dialog, 0, 1));

  /* Arrows: Up and Down between criteria, Left and Right between options. */
  cr_test_input_press_key (GTK_WINDOW (dialog), "Down");
  g_assert_true (focus_of (dialog) == score_row (f, dialog, 0, 2));
  cr_test_input_press_key (GTK_WINDOW (dialog), "Up");
  g_assert_true (focus_of (dialog) == score_row (f, dialog, 0, 1));
  cr_test_input_press_key (GTK_WINDOW (dialog), "Right");
  g_assert_true (focus_of (dialog) == score_row (f, dialog, 1, 1));
  cr_test_input_press_key (GTK_WINDOW (dialog), "Left");
  g_assert_true (focus_of (dialog) == score_row (f, dialog, 0, 1));

  /* + and - step the score; a number off the scale changes nothing. */
  cr_test_input_press_key (GTK_WINDOW (dialog), "<Shift>plus");
  cr_test_input_press_key (GTK_WINDOW (dialog), "<Shift>plus");
  g_assert_cmpint (score_shown (score_row (f, dialog, 0, 1)), ==, 2);
  cr_test_input_press_key (GTK_WINDOW (dialog), "minus");
  g_assert_cmpint (score_shown (score_row (f, dialog, 0, 1)), ==, 1);
  cr_test_input_press_key (GTK_WINDOW (dialog), "9");
  g_assert_cmpint (score_shown (score_row (f, dialog, 0, 1)), ==, 1);
  g_assert_true (focus_of (dialog) == score_row (f, dialog, 0, 1));

  /* Tab: one stop a grid, never a toggle, round the dialog and back to
   * the first grid's first row. */
  cr_test_input_press_key (GTK_WINDOW (dialog), "Up");
  start = focus_of (dialog);
  g_assert_true (start == score_row (f, dialog, 0, 0));
  for (guint i = 0; i < 20; i++)
    {
      GtkWidget *focus;

      cr_test_input_press_key (GTK_WINDOW (dialog), "Tab");
      focus = focus_of (dialog);
      g_assert_nonnull (focus);
      g_assert_false (GTK_IS_TOGGLE_BUTTON (focus));
      if (focus == start)
        break;
      g_ptr_array_add (stops, focus);
    }
  g_assert_true (focus_of (dialog) == start);
  /* The other two options' grids, Cancel, Save, and Save and Next. */
  g_assert_cmpuint (stops->len, ==, 5);

  /* Fourteen numbers fill the rest, then Enter is "Save and Next". */
  cr_test_input_press_key (GTK_WINDOW (dialog), "Down");
  for (guint i = 1; i < n_cells; i++)
    cr_test_input_press_key (GTK_WINDOW (dialog), "3");
  g_assert_nonnull (cr_test_ui_find_match (dialog, cr_test_ui_match_label_text, "15 of 15 scores given"));
  save_and_next (f, dialog, "Seat 3");
  g_assert_cmpint (count_votes (f, 1, ana), ==, n_cells);
  {
    const CrVote *votes;
    guint n_votes;
    int sum = 0;

    votes = cr_round_get_votes (round, &n_votes);
    for (guint i = 0; i < n_votes; i++)
      if (votes[i].participant_id == ana)
        sum += votes[i].value;
    /* 4, then fourteen 3s: the first of them over the 1. */
    g_assert_cmpint (sum, ==, 4 + 14 * 3);
  }

  press (cr_test_ui_need (ballot_dialog (), cr_test_ui_match_button_label, "_Cancel"));
  wait_for (f, toplevel_is_gone, BALLOT, "the ballot dialog to close");
}

static gboolean
match_count (GtkWidget     *widget,
             gconstpointer  data)
{
  return GTK_IS_LABEL (widget) && gtk_widget_has_css_class (widget, "numeric");
}

/* The dots the ballot shows on option @o. */
static int
dots_shown (Fixture   *f,
            GtkWidget *dialog,
            guint      o)
{
  GtkWidget *row = cr_test_ui_need (dialog, cr_test_ui_match_row_title, option_title (f, o));

  return atoi (gtk_label_get_text (GTK_LABEL (cr_test_ui_need (row, match_count, "the count of dots"))));
}

/* What a facilitator walking a workshop by keyboard met: number keys, + and
 * - did nothing on a ballot of dots, the focus started on Cancel, and the
 * focused "+" went insensitive with the budget spent, taking the focus
 * with it. A number is the focused option's dots and moves on; once the
 * budget is spent, Enter is "Save and Next". */
static void
test_vote_keyboard_dots (Fixture       *f,
                         gconstpointer  data)
{
  GtkWidget *dialog, *rows[3];

  press (cr_test_ui_need (f->step, cr_test_ui_match_button_label, "_Open Round"));
  wait_for (f, rounds_are, GINT_TO_POINTER (1), "round 1 in the database");
  cr_test_ui_settle ();
  dialog = open_ballot (f, "Ana");
  for (guint o = 0; o < 3; o++)
    rows[o] = cr_test_ui_need (dialog, cr_test_ui_match_row_title, option_title (f, o));
  g_assert_true (focus_of (dialog) == rows[0]);

  /* + and - on the row; a number more than the budget holds changes nothing. */
  cr_test_input_press_key (GTK_WINDOW (dialog), "<Shift>plus");
  g_assert_cmpint (dots_shown (f, dialog, 0), ==, 1);
  cr_test_input_press_key (GTK_WINDOW (dialog), "minus");
  g_assert_cmpint (dots_shown (f, dialog, 0), ==, 0);
  cr_test_input_press_key (GTK_WINDOW (dialog), "4");
  g_assert_cmpint (dots_shown (f, dialog, 0), ==, 0);
  g_assert_true (focus_of (dialog) == rows[0]);

  cr_test_input_press_key (GTK_WINDOW (dialog), "Down");
  g_assert_true (focus_of (dialog) == rows[1]);
  cr_test_input_press_key (GTK_WINDOW (dialog), "2");
  g_assert_cmpint (dots_shown (f, dialog, 1), ==, 2);
  g_assert_true (focus_of (dialog) == rows[2]);
  cr_test_input_press_key (GTK_WINDOW (dialog), "1");
  g_assert_cmpint (dots_shown (f, dialog, 2), ==, 1);
  g_assert_nonnull (cr_test_ui_find_match (dialog, cr_test_ui_match_label_text, "0 of 3 dots left"));
  dialog = save_and_next (f, dialog, "Ben");
  g_assert_cmpint (count_votes (f, 1, participant_id (f, 0)), ==, 2);

  /* The last dot by "+" on its own button: the keyboard stays on the row,
   * where Enter saves. */
  cr_test_input_press_key (GTK_WINDOW (dialog), "2");
  cr_test_input_press_key (GTK_WINDOW (dialog), "Tab");
  {
    g_autofree char *add = g_strdup_printf ("Add a dot to %s", option_title (f, 1));
    GtkWidget *button = cr_test_ui_need (dialog, cr_test_ui_match_tooltip, add);

    g_assert_true (focus_of (dialog) == button);
    cr_test_input_press_key (GTK_WINDOW (dialog), "space");
    g_assert_false (gtk_widget_get_sensitive (button));
    g_assert_true (focus_of (dialog) == cr_test_ui_need (dialog, cr_test_ui_match_row_title, option_title (f, 1)));
  }
  cr_test_input_press_key (GTK_WINDOW (dialog), "Return");
  wait_for (f, is_named_ballot, "Seat 3", "the ballot after Ben's");
  cr_test_ui_settle ();
  g_assert_cmpint (count_votes (f, 1, participant_id (f, 1)), ==, 2);
  press (cr_test_ui_need (ballot_dialog (), cr_test_ui_match_button_label, "_Cancel"));
  wait_for (f, toplevel_is_gone, BALLOT, "the ballot dialog to close");
}

/* A choice by its number, then Enter: two keys a person. The first row,
 * not Cancel, has the focus, and a number past the options chooses none. */
static void
test_vote_keyboard_single (Fixture       *f,
                           gconstpointer  data)
{
  GtkWidget *dialog;
  CrRound *round;
  const CrVote *votes;
  guint n_votes;

  press (cr_test_ui_need (f->step, cr_test_ui_match_button_label, "_Open Round"));
  wait_for (f, rounds_are, GINT_TO_POINTER (1), "round 1 in the database");
  cr_test_ui_settle ();
  dialog = open_ballot (f, "Ana");
  g_assert_true (focus_of (dialog) == cr_test_ui_need (dialog, cr_test_ui_match_row_title, option_title (f, 0)));
  cr_test_input_press_key (GTK_WINDOW (dialog), "4");
  g_assert_nonnull (cr_test_ui_find_match (dialog, cr_test_ui_match_label_text, "No choice made yet"));
  cr_test_input_press_key (GTK_WINDOW (dialog), "3");
  g_assert_nonnull (cr_test_ui_find_match (dialog, cr_test_ui_match_label_text, "One choice made"));
  dialog = save_and_next (f, dialog, "Ben");

  /* Enter on a row with nothing chosen chooses it and saves; the row is
   * the only stop, not its radio. */
  cr_test_input_press_key (GTK_WINDOW (dialog), "Down");
  g_assert_false (GTK_IS_CHECK_BUTTON (focus_of (dialog)));
  cr_test_input_press_key (GTK_WINDOW (dialog), "Tab");
  g_assert_false (GTK_IS_CHECK_BUTTON (focus_of (dialog)));
  cr_test_input_press_key (GTK_WINDOW (dialog), "<Shift>Tab");
  cr_test_input_press_key (GTK_WINDOW (dialog), "Return");
  wait_for (f, is_named_ballot, "Seat 3", "the ballot after Ben's");
  cr_test_ui_settle ();
  press (cr_test_ui_need (ballot_dialog (), cr_test_ui_match_button_label, "_Cancel"));
  wait_for (f, toplevel_is_gone, BALLOT, "the ballot dialog to close");

  round = cr_workshop_find_latest_round (f->workshop, f->question_id, FALSE);
  votes = cr_round_get_votes (round, &n_votes);
  g_assert_cmpuint (n_votes, ==, 2);
  for (guint i = 0; i < n_votes; i++)
    g_assert_cmpstr (votes[i].option, ==,
                     cr_template_get_option (f->template, votes[i].participant_id == participant_id (f, 0) ? 2 : 1)->id);
}

/* Opens round 1 and Ana's ballot on a question without criteria, its three
 * rows in @rows, the first in focus. */
static GtkWidget *
open_plain_ballot (Fixture   *f,
                   GtkWidget *rows[3])
{
  GtkWidget *dialog;

  press (cr_test_ui_need (f->step, cr_test_ui_match_button_label, "_Open Round"));
  wait_for (f, rounds_are, GINT_TO_POINTER (1), "round 1 in the database");
  cr_test_ui_settle ();
  dialog = open_ballot (f, "Ana");
  for (guint o = 0; o < 3; o++)
    rows[o] = cr_test_ui_need (cr_test_ui_need (dialog, cr_test_ui_match_group_title, "Scores"), cr_test_ui_match_row_title, option_title (f, o));
  g_assert_true (focus_of (dialog) == rows[0]);
  return dialog;
}

/* Without criteria, the options are one grid: a 0 to 10 scale by numbers,
 * 10 by +, and one tab stop for the lot. */
static void
test_vote_keyboard_plain (Fixture       *f,
                          gconstpointer  data)
{
  GtkWidget *dialog, *rows[3];

  dialog = open_plain_ballot (f, rows);

  cr_test_input_press_key (GTK_WINDOW (dialog), "0");
  cr_test_input_press_key (GTK_WINDOW (dialog), "9");
  g_assert_true (focus_of (dialog) == rows[2]);
  cr_test_input_press_key (GTK_WINDOW (dialog), "Up");
  cr_test_input_press_key (GTK_WINDOW (dialog), "<Shift>plus");
  g_assert_cmpint (score_shown (rows[1]), ==, 10);
  /* Tab leaves the grid for the buttons at once. */
  cr_test_input_press_key (GTK_WINDOW (dialog), "Tab");
  g_assert_true (GTK_IS_BUTTON (focus_of (dialog)));
  g_assert_false (GTK_IS_TOGGLE_BUTTON (focus_of (dialog)));
  g_assert_cmpint (score_shown (rows[0]), ==, 0);
  g_assert_cmpint (score_shown (rows[2]), ==, -1);
  press (cr_test_ui_need (dialog, cr_test_ui_match_button_label, "_Cancel"));
  wait_for (f, toplevel_is_gone, BALLOT, "the ballot dialog to close");
}

/* What a facilitator saw: on a 0 to 10 scale, typing "10" for someone who
 * said ten gave them 1 and the next option 0, without a word. "1" then "0"
 * is 10; "1" then "5" is 1, then 5 for the next option. */
static void
test_vote_keyboard_ten (Fixture       *f,
                        gconstpointer  data)
{
  GtkWidget *dialog, *rows[3];

  dialog = open_plain_ballot (f, rows);

  cr_test_input_press_key (GTK_WINDOW (dialog), "1");
  cr_test_input_press_key (GTK_WINDOW (dialog), "0");
  g_assert_cmpint (score_shown (rows[0]), ==, 10);
  g_assert_cmpint (score_shown (rows[1]), ==, -1);
  g_assert_true (focus_of (dialog) == rows[1]);

  cr_test_input_press_key (GTK_WINDOW (dialog), "1");
  cr_test_input_press_key (GTK_WINDOW (dialog), "5");
  g_assert_cmpint (score_shown (rows[1]), ==, 1);
  g_assert_cmpint (score_shown (rows[2]), ==, 5);
  g_assert_cmpint (score_shown (rows[0]), ==, 10);

  /* A "1" that an arrow ends is 1; a "0" typed back on its row later is 0. */
  gtk_widget_grab_focus (rows[1]);
  cr_test_input_press_key (GTK_WINDOW (dialog), "1");
  g_assert_true (focus_of (dialog) == rows[1]);
  cr_test_input_press_key (GTK_WINDOW (dialog), "Down");
  g_assert_cmpint (score_shown (rows[1]), ==, 1);
  cr_test_input_press_key (GTK_WINDOW (dialog), "Up");
  cr_test_input_press_key (GTK_WINDOW (dialog), "0");
  g_assert_cmpint (score_shown (rows[1]), ==, 0);
  g_assert_true (focus_of (dialog) == rows[2]);
  press (cr_test_ui_need (dialog, cr_test_ui_match_button_label, "_Cancel"));
  wait_for (f, toplevel_is_gone, BALLOT, "the ballot dialog to close");
}

/* What a review asked: a template may score from 1 to 12, past what a row
 * of toggles shows, and the number keys must still reach every score and
 * move on, and the arrows still go from cell to cell. Two digits typed
 * one after the other are one score when they make one of the scale. */
static void
test_vote_keyboard_twelve (Fixture       *f,
                           gconstpointer  data)
{
  GtkWidget *dialog;

  press (cr_test_ui_need (f->step, cr_test_ui_match_button_label, "_Open Round"));
  wait_for (f, rounds_are, GINT_TO_POINTER (1), "round 1 in the database");
  cr_test_ui_settle ();
  dialog = open_ballot (f, "Ana");
  g_assert_true (focus_of (dialog) == score_row (f, dialog, 0, 0));

  /* "1" "2" is 12, "1" "1" is 11, "9" is 9 at once: no score of the
   * scale begins with it. */
  cr_test_input_press_key (GTK_WINDOW (dialog), "1");
  cr_test_input_press_key (GTK_WINDOW (dialog), "2");
  g_assert_cmpint (score_shown (score_row (f, dialog, 0, 0)), ==, 12);
  g_assert_true (focus_of (dialog) == score_row (f, dialog, 0, 1));
  cr_test_input_press_key (GTK_WINDOW (dialog), "1");
  cr_test_input_press_key (GTK_WINDOW (dialog), "1");
  g_assert_cmpint (score_shown (score_row (f, dialog, 0, 1)), ==, 11);
  g_assert_true (focus_of (dialog) == score_row (f, dialog, 1, 0));
  cr_test_input_press_key (GTK_WINDOW (dialog), "9");
  g_assert_cmpint (score_shown (score_row (f, dialog, 1, 0)), ==, 9);
  g_assert_true (focus_of (dialog) == score_row (f, dialog, 1, 1));

  /* "1" "3": 13 is off the scale, so 1 here and 3 on the next cell. */
  cr_test_input_press_key (GTK_WINDOW (dialog), "1");
  cr_test_input_press_key (GTK_WINDOW (dialog), "3");
  g_assert_cmpint (score_shown (score_row (f, dialog, 1, 1)), ==, 1);
  g_assert_cmpint (score_shown (score_row (f, dialog, 2, 0)), ==, 3);
  g_assert_true (focus_of (dialog) == score_row (f, dialog, 2, 1));

  /* A "1" an arrow ends is 1; the arrows move, they do not score. */
  cr_test_input_press_key (GTK_WINDOW (dialog), "1");
  cr_test_input_press_key (GTK_WINDOW (dialog), "Up");
  g_assert_cmpint (score_shown (score_row (f, dialog, 2, 1)), ==, 1);
  g_assert_true (focus_of (dialog) == score_row (f, dialog, 2, 0));
  g_assert_cmpint (score_shown (score_row (f, dialog, 2, 0)), ==, 3);
  cr_test_input_press_key (GTK_WINDOW (dialog), "Left");
  g_assert_true (focus_of (dialog) == score_row (f, dialog, 1, 0));
  cr_test_input_press_key (GTK_WINDOW (dialog), "<Shift>plus");
  g_assert_cmpint (score_shown (score_row (f, dialog, 1, 0)), ==, 10);

  press (cr_test_ui_need (dialog, cr_test_ui_match_button_label, "_Cancel"));
  wait_for (f, toplevel_is_gone, BALLOT, "the ballot dialog to close");
}

/* ---- A ballot is secret until Reveal -------------------------------------- */

static gint64
choice_of (Fixture *f,
           gint64   who)
{
  CrRound *round = cr_workshop_find_latest_round (f->workshop, f->question_id, FALSE);
  const CrVote *votes;
  guint n_votes;

  votes = cr_round_get_votes (round, &n_votes);
  for (guint i = 0; i < n_votes; i++)
    if (votes[i].participant_id == who)
      return cr_template_option_index (f->template, votes[i].option);
  return -1;
}

/* What a user saw: reopening a ballot showed the earlier choice, to whoever
 * held the laptop and to the room on a mirrored projector. */
static void
test_vote_reopen_secret (Fixture       *f,
                         gconstpointer  data)
{
  gint64 ana = participant_id (f, 0);
  GtkWidget *dialog;

  press (cr_test_ui_need (f->step, cr_test_ui_match_button_label, "_Open Round"));
  wait_for (f, rounds_are, GINT_TO_POINTER (1), "round 1 in the database");
  cr_test_ui_settle ();
  vote_single (f, "Ana", 2);
  g_assert_cmpint (choice_of (f, ana), ==, 2);

  /* Empty, and says it replaces the earlier one. */
  dialog = open_ballot (f, "Ana");
  for (guint o = 0; o < cr_template_get_n_options (f->template); o++)
    {
      GtkWidget *row = cr_test_ui_need (dialog, cr_test_ui_match_row_title, option_title (f, o));

      g_assert_false (gtk_check_button_get_active (GTK_CHECK_BUTTON (cr_test_ui_find (row, GTK_TYPE_CHECK_BUTTON))));
    }
  g_assert_true (mapped_label_with (dialog, "Ana has voted in this round already. Their ballot stays hidden: "
                                            "this one starts empty and replaces it when you save."));
  g_assert_nonnull (cr_test_ui_find_match (dialog, cr_test_ui_match_label_text, "No choice made yet"));
  g_assert_false (gtk_widget_get_sensitive (cr_test_ui_need (dialog, cr_test_ui_match_button_label, "_Save")));
  gtk_check_button_set_active (GTK_CHECK_BUTTON (cr_test_ui_find (cr_test_ui_need (dialog, cr_test_ui_match_row_title, option_title (f, 0)),
                                                                  GTK_TYPE_CHECK_BUTTON)),
                               TRUE);
  save_ballot (f, dialog);
  g_assert_cmpint (choice_of (f, ana), ==, 0);
  g_assert_cmpint (count_votes (f, 1, ana), ==, 1);

  /* Taken back altogether: Ana may raise a hand instead. */
  dialog = open_ballot (f, "Ana");
  press (cr_test_ui_need (dialog, cr_test_ui_match_button_label, "_Withdraw the Earlier Ballot"));
  wait_for (f, toplevel_is_gone, BALLOT, "the ballot dialog to close");
  cr_test_ui_settle ();
  g_assert_cmpint (count_votes (f, 1, ana), ==, 0);
  g_assert_cmpstr (row_status (f, "Ana"), ==, "Not voted yet");

  /* A first ballot has nothing to replace or withdraw. */
  dialog = open_ballot (f, "Ben");
  g_assert_false (mapped_label_with (dialog, "has voted in this round already"));
  g_assert_null (cr_test_ui_find_match (dialog, cr_test_ui_match_button_label, "_Withdraw the Earlier Ballot"));
  press (cr_test_ui_need (dialog, cr_test_ui_match_button_label, "_Cancel"));
  wait_for (f, toplevel_is_gone, BALLOT, "the ballot dialog to close");
}

/* ---- Partial ballots ----------------------------------------------------- */

/* Presses Save on a partial ballot: a question comes first, and is
 * answered with the button labelled @response. */
static void
answer_partial (Fixture    *f,
                GtkWidget  *dialog,
                const char *body,
                const char *response)
{
  GtkWidget *question;

  press (cr_test_ui_need (dialog, cr_test_ui_match_button_label, "_Save"));
  wait_for (f, toplevel_is_mapped, MESSAGE, "the question about a partial ballot");
  question = shown_toplevel (ADW_TYPE_MESSAGE_DIALOG);
  g_assert_cmpstr (adw_message_dialog_get_heading (ADW_MESSAGE_DIALOG (question)), ==, "Save a Partial Ballot?");
  g_assert_cmpstr (adw_message_dialog_get_body (ADW_MESSAGE_DIALOG (question)), ==, body);
  press (cr_test_ui_need (question, cr_test_ui_match_button_label, response));
  wait_for (f, toplevel_is_gone, MESSAGE, "the question to close");
}

/* What a user saw: a score ballot with 7 of 15 scores and a dots ballot with
 * 2 of 3 dots both showed "Voted", and "5 of 5 participants have voted". */
static void
test_vote_partial (Fixture       *f,
                   gconstpointer  data)
{
  const CrQuestion *question = cr_template_find_question (f->template, f->question_id);
  gint64 ana = participant_id (f, 0);
  GtkWidget *dialog;

  press (cr_test_ui_need (f->step, cr_test_ui_match_button_label, "_Open Round"));
  wait_for (f, rounds_are, GINT_TO_POINTER (1), "round 1 in the database");
  cr_test_ui_settle ();

  dialog = open_ballot (f, "Ana");
  if (question->method == CR_METHOD_DOTS)
    {
      add_dot (dialog, option_title (f, 2));
      add_dot (dialog, option_title (f, 2));
      answer_partial (f, dialog, "1 dot is still to place. A dot not placed counts for no option.", "_Keep Voting");
    }
  else
    {
      guint n = 0;

      for (guint o = 0; o < cr_template_get_n_options (f->template); o++)
        {
          GtkWidget *group = cr_test_ui_need (dialog, cr_test_ui_match_group_title, option_title (f, o));

          for (guint c = 0; c < question->criteria->len && n < 7; c++, n++)
            {
              const CrCriterion *criterion = g_ptr_array_index (question->criteria, c);
              GtkWidget *row = cr_test_ui_need (group, cr_test_ui_match_row_title, criterion->label);

              gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (cr_test_ui_need (row, cr_test_ui_match_button_label, "4")), TRUE);
            }
        }
      answer_partial (f, dialog, "Only 7 of 15 scores are given. The means leave out the scores not given.",
                      "_Keep Voting");
    }
  /* "Keep Voting": the ballot is still open, nothing recorded. */
  g_assert_true (ballot_dialog () == dialog);
  g_assert_cmpint (count_votes (f, 1, ana), ==, 0);

  answer_partial (f, dialog,
                  question->method == CR_METHOD_DOTS
                  ? "1 dot is still to place. A dot not placed counts for no option."
                  : "Only 7 of 15 scores are given. The means leave out the scores not given.",
                  "_Save Partial Ballot");
  wait_for (f, toplevel_is_gone, BALLOT, "the ballot dialog to close");
  cr_test_ui_settle ();
  g_assert_cmpint (count_votes (f, 1, ana), ==, question->method == CR_METHOD_DOTS ? 1 : 7);

  /* Not "Voted", and not counted as voted. */
  {
    GtkWidget *row = cr_test_ui_need (f->step, cr_test_ui_match_row_title, "Ana");
    const char *status = question->method == CR_METHOD_DOTS ? "Partly voted (1 dot left)" : "Partly voted (7 of 15)";

    g_assert_nonnull (cr_test_ui_find_match (row, cr_test_ui_match_label_text, status));
    g_assert_null (cr_test_ui_find_match (row, cr_test_ui_match_label_text, "Voted"));
  }
  g_assert_true (mapped_label_with (f->step, "0 of 12 participants have voted; 1 ballot is incomplete"));
}

/* ---- One count per person ------------------------------------------------ */

static gint64
participant_named (Fixture    *f,
                   const char *name)
{
  GListModel *participants = cr_workshop_get_participants (f->workshop);

  for (guint i = 0; i < g_list_model_get_n_items (participants); i++)
    {
      g_autoptr(CrParticipant) participant = g_list_model_get_item (participants, i);
      g_autofree char *display = cr_participant_dup_display_name (participant);

      if (g_str_equal (display, name))
        return cr_participant_get_id (participant);
    }
  g_error ("no participant %s", name);
}

static GtkSpinButton *
hands_spin (Fixture   *f,
            GtkWidget *dialog,
            guint      option)
{
  GtkWidget *row = cr_test_ui_need (dialog, cr_test_ui_match_row_title, option_title (f, option));

  return GTK_SPIN_BUTTON (cr_test_ui_find (row, GTK_TYPE_SPIN_BUTTON));
}

static gboolean
problem_shown (GtkWidget  *dialog,
               const char *needle)
{
  return mapped_label_with (dialog, needle);
}

/* What a user saw: everyone placed their dots by ballot, then "Count
 * Hands" added more. Hands count only the people without a ballot, the
 * dialog says how many that is and takes no more, and a ballot after the
 * hands that would count someone twice is refused until the hands go down. */
static void
test_vote_one_count (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  GListModel *participants = cr_workshop_get_participants (f->workshop);
  gint64 kit = participant_named (f, "Kit");
  gint64 seat = participant_named (f, "Seat 3");
  CrVote dots[] = { { 0, g_intern_string ("px-as-a-product"), NULL, 2 },
                    { 0, g_intern_string ("hr-as-a-service"), NULL, 1 } };
  GtkWidget *dialog;
  CrRound *round;

  press (cr_test_ui_need (f->step, cr_test_ui_match_button_label, "_Open Round"));
  wait_for (f, rounds_are, GINT_TO_POINTER (1), "round 1 in the database");
  round = cr_workshop_find_latest_round (f->workshop, f->question_id, FALSE);

  /* Ten of the twelve vote by ballot (as the step does, through the core). */
  for (guint i = 0; i < g_list_model_get_n_items (participants); i++)
    {
      g_autoptr(CrParticipant) participant = g_list_model_get_item (participants, i);
      gint64 id = cr_participant_get_id (participant);

      if (id == kit || id == seat)
        continue;
      dots[0].participant_id = dots[1].participant_id = id;
      cr_workshop_record_votes (f->workshop, round, id, dots, G_N_ELEMENTS (dots), &error);
      g_assert_no_error (error);
    }
  cr_test_ui_settle ();
  g_assert_true (mapped_label_with (f->step, "Hands count only the people without a ballot: 2 people now."));

  /* The dialog says whose hands count, and takes no more than that: a
   * count typed past it is refused with the reason, never made smaller
   * without a word (a user typed 9 and pressed Enter, and 2 were saved). */
  dialog = open_ballot (f, "Count Hands");
  g_assert_true (mapped_label_with (dialog, "Hands count only the people without a ballot: 2 people in this round"));
  gtk_editable_set_text (GTK_EDITABLE (hands_spin (f, dialog, 0)), "5");
  gtk_spin_button_update (hands_spin (f, dialog, 0));
  g_assert_cmpint (gtk_spin_button_get_value_as_int (hands_spin (f, dialog, 0)), ==, 5);
  g_assert_true (problem_shown (dialog, "5 hands for “Productised HR as a Service”, but only 2 people have no ballot"));
  g_assert_false (gtk_widget_get_sensitive (cr_test_ui_need (dialog, cr_test_ui_match_button_label, "_Save")));
  gtk_spin_button_set_value (hands_spin (f, dialog, 0), 2);
  gtk_spin_button_set_value (hands_spin (f, dialog, 2), 1);
  g_assert_nonnull (cr_test_ui_find_match (dialog, cr_test_ui_match_label_text, "3 hands in all"));
  save_ballot (f, dialog);
  g_assert_cmpint (count_votes (f, 1, 0), ==, 2);

  /* Kit's hand is counted: a ballot from Kit would count Kit twice. */
  dialog = open_ballot (f, "Kit");
  g_assert_true (problem_shown (dialog, "Lower the count of hands first"));
  add_dot (dialog, option_title (f, 1));
  g_assert_false (gtk_widget_get_sensitive (cr_test_ui_need (dialog, cr_test_ui_match_button_label, "_Save")));
  press (cr_test_ui_need (dialog, cr_test_ui_match_button_label, "_Cancel"));
  wait_for (f, toplevel_is_gone, BALLOT, "the ballot dialog to close");

  /* One hand fewer on the first option, and Kit's ballot fits. */
  dialog = open_ballot (f, "Count Hands");
  gtk_spin_button_set_value (hands_spin (f, dialog, 0), 1);
  save_ballot (f, dialog);
  dialog = open_ballot (f, "Kit");
  g_assert_false (problem_shown (dialog, "Lower the count of hands first"));
  add_dot (dialog, option_title (f, 1));
  add_dot (dialog, option_title (f, 1));
  add_dot (dialog, option_title (f, 1));
  save_ballot (f, dialog);
  g_assert_cmpint (count_votes (f, 1, kit), ==, 1);
  g_assert_true (mapped_label_with (f->step, "Hands count only the people without a ballot: 1 person now."));

  /* Undo takes Kit's ballot back, and Kit's hand may count again. */
  cr_workshop_undo (f->workshop, &error);
  g_assert_no_error (error);
  cr_test_ui_settle ();
  g_assert_cmpint (count_votes (f, 1, kit), ==, 0);
  g_assert_true (mapped_label_with (f->step, "Hands count only the people without a ballot: 2 people now."));

  /* Twelve people with three dots each give 36 at most. */
  press (cr_test_ui_need (f->step, cr_test_ui_match_button_label, "_Reveal Results"));
  wait_for (f, latest_is_revealed, NULL, "the round to be revealed");
  {
    g_autoptr(CrTally) tally = cr_tally_compute (f->template, round);

    /* 10 ballots x 3 dots + 1 + 1 hands. */
    g_assert_cmpfloat (tally->total, ==, 32);
  }
}

/* A single choice: one hand each, however the hands spread. */
static void
test_vote_hands_single (Fixture       *f,
                        gconstpointer  data)
{
  GtkWidget *dialog;

  press (cr_test_ui_need (f->step, cr_test_ui_match_button_label, "_Open Round"));
  wait_for (f, rounds_are, GINT_TO_POINTER (1), "round 1 in the database");
  cr_test_ui_settle ();
  vote_single (f, "Ana", 0);

  dialog = open_ballot (f, "Count Hands");
  g_assert_true (mapped_label_with (dialog, "11 people in this round, with one hand each"));
  gtk_spin_button_set_value (hands_spin (f, dialog, 0), 6);
  gtk_spin_button_set_value (hands_spin (f, dialog, 1), 6);
  g_assert_true (problem_shown (dialog, "12 hands in all, but only 11 people have no ballot"));
  g_assert_false (gtk_widget_get_sensitive (cr_test_ui_need (dialog, cr_test_ui_match_button_label, "_Save")));
  gtk_spin_button_set_value (hands_spin (f, dialog, 1), 5);
  g_assert_false (problem_shown (dialog, "but only 11 people have no ballot"));
  save_ballot (f, dialog);
  g_assert_cmpint (count_votes (f, 1, 0), ==, 2);
}

/* A keyboard-only walk: a count typed into the show of hands changed
 * "N hands in all" and Save only once Enter was pressed. Real keys. */
static void
test_vote_hands_typed (Fixture       *f,
                       gconstpointer  data)
{
  GtkWidget *dialog, *save_button;
  GtkSpinButton *spin;

  press (cr_test_ui_need (f->step, cr_test_ui_match_button_label, "_Open Round"));
  wait_for (f, rounds_are, GINT_TO_POINTER (1), "round 1 in the database");
  cr_test_ui_settle ();
  dialog = open_ballot (f, "Count Hands");
  save_button = cr_test_ui_need (dialog, cr_test_ui_match_button_label, "_Save");
  spin = hands_spin (f, dialog, 0);
  g_assert_false (gtk_widget_get_sensitive (save_button));
  g_assert_true (gtk_widget_grab_focus (GTK_WIDGET (spin)));
  gtk_editable_select_region (GTK_EDITABLE (spin), 0, -1);

  cr_test_input_press_key (GTK_WINDOW (dialog), "3");
  g_assert_nonnull (cr_test_ui_find_match (dialog, cr_test_ui_match_label_text, "3 hands in all"));
  g_assert_true (gtk_widget_get_sensitive (save_button));
  cr_test_input_press_key (GTK_WINDOW (dialog), "BackSpace");
  g_assert_nonnull (cr_test_ui_find_match (dialog, cr_test_ui_match_label_text, "0 hands in all"));
  g_assert_false (gtk_widget_get_sensitive (save_button));
  cr_test_input_press_key (GTK_WINDOW (dialog), "1");
  cr_test_input_press_key (GTK_WINDOW (dialog), "3");
  g_assert_true (problem_shown (dialog, "but only 12 people have no ballot"));
  g_assert_false (gtk_widget_get_sensitive (save_button));
  cr_test_input_press_key (GTK_WINDOW (dialog), "BackSpace");
  g_assert_nonnull (cr_test_ui_find_match (dialog, cr_test_ui_match_label_text, "1 hand in all"));
  g_assert_false (problem_shown (dialog, "but only 12 people have no ballot"));
  g_assert_true (gtk_widget_get_sensitive (save_button));
  /* The text is left as typed. */
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (spin)), ==, "1");

  cr_test_input_press_key (GTK_WINDOW (dialog), "Return");
  wait_for (f, toplevel_is_gone, BALLOT, "the show of hands to be saved");
  cr_test_ui_settle ();
  g_assert_cmpint (count_votes (f, 1, 0), ==, 1);
}

int
main (int   argc,
      char *argv[])
{
  static const char *current[] = { "people-product-models", "current" };
  static const char *target[] = { "people-product-models", "target" };
  static const char *fit[] = { "people-product-models", "fit" };
  static const char *today[] = { "product-led-vocabulary", "today" };
  static const char *twelve[] = { "scale-1-12", "fit" };

  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add ("/vote/single", Fixture, current, fixture_set_up, test_vote_round, fixture_tear_down);
  g_test_add ("/vote/dots", Fixture, target, fixture_set_up, test_vote_round, fixture_tear_down);
  g_test_add ("/vote/score-criteria", Fixture, fit, fixture_set_up, test_vote_round, fixture_tear_down);
  g_test_add ("/vote/score", Fixture, today, fixture_set_up, test_vote_round, fixture_tear_down);
  g_test_add ("/vote/follows-core", Fixture, current, fixture_set_up, test_vote_follows_core,
              fixture_tear_down);
  g_test_add ("/vote/keyboard/score", Fixture, fit, fixture_set_up, test_vote_keyboard, fixture_tear_down);
  g_test_add ("/vote/keyboard/score-plain", Fixture, today, fixture_set_up, test_vote_keyboard_plain,
              fixture_tear_down);
  g_test_add ("/vote/keyboard/ten", Fixture, today, fixture_set_up, test_vote_keyboard_ten,
              fixture_tear_down);
  g_test_add ("/vote/keyboard/twelve", Fixture, twelve, fixture_set_up, test_vote_keyboard_twelve,
              fixture_tear_down);
  g_test_add ("/vote/keyboard/dots", Fixture, target, fixture_set_up, test_vote_keyboard_dots,
              fixture_tear_down);
  g_test_add ("/vote/keyboard/single", Fixture, current, fixture_set_up, test_vote_keyboard_single,
              fixture_tear_down);
  g_test_add ("/vote/reopen-secret", Fixture, current, fixture_set_up, test_vote_reopen_secret,
              fixture_tear_down);
  g_test_add ("/vote/partial/dots", Fixture, target, fixture_set_up, test_vote_partial, fixture_tear_down);
  g_test_add ("/vote/partial/score", Fixture, fit, fixture_set_up, test_vote_partial, fixture_tear_down);
  g_test_add ("/vote/one-count/dots", Fixture, target, fixture_set_up, test_vote_one_count,
              fixture_tear_down);
  g_test_add ("/vote/one-count/single", Fixture, current, fixture_set_up, test_vote_hands_single,
              fixture_tear_down);
  g_test_add ("/vote/hands-typed", Fixture, current, fixture_set_up, test_vote_hands_typed,
              fixture_tear_down);

  return g_test_run ();
}
