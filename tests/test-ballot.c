/* test-ballot.c: the voting step's state, from a real workshop in a real store
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "crossroads-test"

#include "config.h"

#include "cr-ballot.h"
#include "cr-test-util.h"
#include "cr-workshop.h"

typedef struct
{
  CrStore       *store;
  CrTemplate    *template;
  CrWorkshop    *workshop;
  CrParticipant *ana;
  CrParticipant *seat;
  CrParticipant *ben;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  const char *template_id = data;
  g_autoptr(GError) error = NULL;

  f->store = cr_test_new_store ();
  f->template = cr_template_lookup_builtin (template_id, &error);
  g_assert_no_error (error);
  f->workshop = cr_workshop_create (f->store, f->template, "Operating model", "Northwind",
                                    "Sam Rivera", "2025-03-14", "People", &error);
  g_assert_no_error (error);
  f->ana = cr_workshop_add_participant (f->workshop, "Ana", "CPO", &error);
  g_assert_no_error (error);
  f->seat = cr_workshop_add_participant (f->workshop, NULL, "", &error);
  g_assert_no_error (error);
  f->ben = cr_workshop_add_participant (f->workshop, "Ben", "HRBP", &error);
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->workshop);
  g_clear_object (&f->template);
  g_clear_object (&f->store);
}

static const CrQuestion *
question (Fixture    *f,
          const char *id)
{
  const CrQuestion *q = cr_template_find_question (f->template, id);

  g_assert_nonnull (q);
  return q;
}

/* Everyone in the workshop, for the rule that hands count only the people
 * without a ballot. */
static guint
n_people (Fixture *f)
{
  return g_list_model_get_n_items (cr_workshop_get_participants (f->workshop));
}

static void
record (Fixture    *f,
        CrRound    *round,
        gint64      participant_id,
        const char *option,
        const char *criterion,
        int         value)
{
  g_autoptr(GError) error = NULL;
  CrVote vote = { participant_id, g_intern_string (option),
                  criterion ? g_intern_string (criterion) : NULL, value };

  cr_workshop_record_votes (f->workshop, round, participant_id, &vote, 1, &error);
  g_assert_no_error (error);
}

static void
test_state_no_round (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(CrBallotState) state =
    cr_ballot_state_compute (f->template, question (f, "current"), NULL,
                             cr_workshop_get_participants (f->workshop));

  g_assert_false (state->has_round);
  g_assert_false (state->editable);
  g_assert_false (state->can_reveal);
  g_assert_true (state->allows_hands);
  g_assert_cmpuint (state->n_seats, ==, 3);
  g_assert_cmpuint (state->n_voted, ==, 0);
}

static void
test_state_hidden_then_revealed (Fixture       *f,
                                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CrBallotState) empty = NULL;
  g_autoptr(CrBallotState) hidden = NULL;
  g_autoptr(CrBallotState) hands = NULL;
  g_autoptr(CrBallotState) revealed = NULL;
  CrRound *round;

  round = cr_workshop_open_round (f->workshop, "current", &error);
  g_assert_no_error (error);

  empty = cr_ballot_state_compute (f->template, question (f, "current"), round,
                                   cr_workshop_get_participants (f->workshop));
  g_assert_true (empty->has_round);
  g_assert_true (empty->editable);
  g_assert_cmpuint (empty->round_number, ==, 1);
  /* Nothing to reveal yet. */
  g_assert_false (empty->can_reveal);

  record (f, round, cr_participant_get_id (f->seat), "px-as-a-product", NULL, 1);
  hidden = cr_ballot_state_compute (f->template, question (f, "current"), round,
                                    cr_workshop_get_participants (f->workshop));
  g_assert_cmpuint (hidden->n_voted, ==, 1);
  g_assert_false (hidden->seats[0].voted);
  g_assert_true (hidden->seats[1].voted);
  g_assert_cmpstr (hidden->seats[1].display_name, ==, "Seat 2");
  g_assert_cmpint (hidden->seats[1].participant_id, ==, cr_participant_get_id (f->seat));
  g_assert_false (hidden->seats[2].voted);
  g_assert_cmpstr (hidden->seats[2].display_name, ==, "Ben");
  g_assert_false (hidden->has_hands);
  g_assert_true (hidden->can_reveal);

  /* The seat takes its vote back; a show of hands alone is something to
   * reveal, and no seat has voted. */
  cr_workshop_record_votes (f->workshop, round, cr_participant_get_id (f->seat), NULL, 0, &error);
  g_assert_no_error (error);
  record (f, round, 0, "hr-as-a-service", NULL, 3);
  hands = cr_ballot_state_compute (f->template, question (f, "current"), round,
                                   cr_workshop_get_participants (f->workshop));
  g_assert_cmpuint (hands->n_voted, ==, 0);
  g_assert_true (hands->has_hands);
  g_assert_true (hands->can_reveal);

  cr_workshop_reveal_round (f->workshop, round, &error);
  g_assert_no_error (error);
  revealed = cr_ballot_state_compute (f->template, question (f, "current"), round,
                                      cr_workshop_get_participants (f->workshop));
  g_assert_true (revealed->revealed);
  g_assert_false (revealed->editable);
  g_assert_false (revealed->can_reveal);
}

static void
test_state_score_has_no_hands (Fixture       *f,
                               gconstpointer  data)
{
  g_autoptr(CrBallotState) state =
    cr_ballot_state_compute (f->template, question (f, "fit"), NULL,
                             cr_workshop_get_participants (f->workshop));

  g_assert_false (state->allows_hands);
}

/* A ballot is "voted" only when complete: a score ballot with 7 of 15
 * scores and a dots ballot with 2 of 3 dots are partial. */
static void
test_state_partial (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CrBallotState) fit = NULL;
  g_autoptr(CrBallotState) target = NULL;
  const CrQuestion *q = question (f, "fit");
  CrRound *scores, *dots;

  scores = cr_workshop_open_round (f->workshop, "fit", &error);
  g_assert_no_error (error);
  /* Seven scores of fifteen, recorded together as the dialog does. */
  {
    g_autoptr(GArray) votes = g_array_new (FALSE, FALSE, sizeof (CrVote));

    for (guint i = 0; i < 7; i++)
      {
        const CrCriterion *criterion = g_ptr_array_index (q->criteria, i % q->criteria->len);
        CrVote v = { cr_participant_get_id (f->ana),
                     g_intern_string (cr_template_get_option (f->template, i / q->criteria->len)->id),
                     g_intern_string (criterion->id), 4 };

        g_array_append_val (votes, v);
      }
    cr_workshop_record_votes (f->workshop, scores, cr_participant_get_id (f->ana),
                              (const CrVote *) (gpointer) votes->data, votes->len, &error);
    g_assert_no_error (error);
  }
  fit = cr_ballot_state_compute (f->template, q, scores, cr_workshop_get_participants (f->workshop));
  g_assert_true (fit->seats[0].voted);
  g_assert_false (fit->seats[0].complete);
  g_assert_cmpuint (fit->seats[0].given, ==, 7);
  g_assert_cmpuint (fit->seats[0].expected, ==, 15);
  g_assert_cmpuint (fit->n_voted, ==, 0);
  g_assert_cmpuint (fit->n_partial, ==, 1);
  /* Something to reveal all the same. */
  g_assert_true (fit->can_reveal);

  dots = cr_workshop_open_round (f->workshop, "target", &error);
  g_assert_no_error (error);
  record (f, dots, cr_participant_get_id (f->ana), "px-as-a-product", NULL, 2);
  record (f, dots, cr_participant_get_id (f->ben), "px-as-a-product", NULL, 3);
  target = cr_ballot_state_compute (f->template, question (f, "target"), dots,
                                    cr_workshop_get_participants (f->workshop));
  g_assert_false (target->seats[0].complete);
  g_assert_cmpuint (target->seats[0].given, ==, 2);
  g_assert_cmpuint (target->seats[0].expected, ==, 3);
  g_assert_true (target->seats[2].complete);
  g_assert_cmpuint (target->n_voted, ==, 1);
  g_assert_cmpuint (target->n_partial, ==, 1);
  /* A partial ballot is a ballot: only the seat may raise a hand. */
  g_assert_cmpuint (target->n_without_ballot, ==, 1);
}

static void
test_single (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CrBallotDraft) draft = NULL;
  g_autoptr(CrBallotDraft) again = NULL;
  g_autoptr(GArray) votes = NULL;
  gint64 ana = cr_participant_get_id (f->ana);
  CrRound *round;

  round = cr_workshop_open_round (f->workshop, "current", &error);
  g_assert_no_error (error);
  draft = cr_ballot_draft_new (f->template, question (f, "current"), round, n_people (f), ana);
  g_assert_cmpint (cr_ballot_draft_get_choice (draft), ==, -1);
  g_assert_false (cr_ballot_draft_is_hands (draft));
  votes = cr_ballot_draft_to_votes (draft);
  g_assert_cmpuint (votes->len, ==, 0);
  g_clear_pointer (&votes, g_array_unref);

  cr_ballot_draft_set_choice (draft, 0);
  cr_ballot_draft_set_choice (draft, 2);
  g_assert_cmpint (cr_ballot_draft_get_choice (draft), ==, 2);
  votes = cr_ballot_draft_to_votes (draft);
  g_assert_cmpuint (votes->len, ==, 1);
  g_assert_cmpstr (g_array_index (votes, CrVote, 0).option, ==, "px-as-a-product");
  g_assert_cmpint (g_array_index (votes, CrVote, 0).value, ==, 1);
  g_assert_cmpint (g_array_index (votes, CrVote, 0).participant_id, ==, ana);
  g_assert_true (cr_ballot_draft_check (draft, &error));
  g_assert_no_error (error);

  cr_workshop_record_votes (f->workshop, round, ana, (CrVote *) votes->data, votes->len, &error);
  g_assert_no_error (error);

  /* Reopened before Reveal, the ballot is secret still: it starts empty,
   * and saving it replaces Ana's. */
  record (f, round, cr_participant_get_id (f->ben), "hr-as-a-service", NULL, 1);
  again = cr_ballot_draft_new (f->template, question (f, "current"), round, n_people (f), ana);
  g_assert_cmpint (cr_ballot_draft_get_choice (again), ==, -1);
  g_assert_true (cr_ballot_draft_replaces (again));
  g_assert_false (cr_ballot_draft_replaces (draft));
  cr_ballot_draft_set_choice (again, 0);
  g_clear_pointer (&votes, g_array_unref);
  votes = cr_ballot_draft_to_votes (again);
  cr_workshop_record_votes (f->workshop, round, ana, (CrVote *) votes->data, votes->len, &error);
  g_assert_no_error (error);
  {
    guint n;
    const CrVote *recorded = cr_round_get_votes (round, &n);

    /* Ben's, then Ana's new one: the earlier one is gone. */
    g_assert_cmpuint (n, ==, 2);
    g_assert_cmpint (recorded[1].participant_id, ==, ana);
    g_assert_cmpstr (recorded[1].option, ==, "hr-as-a-service");
  }
}

static void
test_dots (Fixture       *f,
           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CrBallotDraft) draft = NULL;
  g_autoptr(CrBallotDraft) again = NULL;
  g_autoptr(GArray) votes = NULL;
  gint64 ben = cr_participant_get_id (f->ben);
  CrRound *round;

  round = cr_workshop_open_round (f->workshop, "target", &error);
  g_assert_no_error (error);
  draft = cr_ballot_draft_new (f->template, question (f, "target"), round, n_people (f), ben);
  g_assert_cmpint (cr_ballot_draft_get_dots_left (draft), ==, 3);
  g_assert_true (cr_ballot_draft_can_add_dot (draft, 0));
  g_assert_false (cr_ballot_draft_can_remove_dot (draft, 0));
  g_assert_false (cr_ballot_draft_remove_dot (draft, 0));

  g_assert_true (cr_ballot_draft_add_dot (draft, 2));
  g_assert_true (cr_ballot_draft_add_dot (draft, 2));
  g_assert_true (cr_ballot_draft_add_dot (draft, 1));
  g_assert_cmpint (cr_ballot_draft_get_dots_left (draft), ==, 0);
  /* The budget is spent: every "+" is off, every "-" with dots is on. */
  for (guint o = 0; o < 3; o++)
    g_assert_false (cr_ballot_draft_can_add_dot (draft, o));
  g_assert_false (cr_ballot_draft_add_dot (draft, 0));
  g_assert_false (cr_ballot_draft_can_remove_dot (draft, 0));
  g_assert_true (cr_ballot_draft_can_remove_dot (draft, 1));
  g_assert_cmpint (cr_ballot_draft_get_dots (draft, 2), ==, 2);
  g_assert_true (cr_ballot_draft_check (draft, &error));
  g_assert_no_error (error);

  votes = cr_ballot_draft_to_votes (draft);
  g_assert_cmpuint (votes->len, ==, 2);
  g_assert_cmpstr (g_array_index (votes, CrVote, 0).option, ==, "projects-as-products");
  g_assert_cmpint (g_array_index (votes, CrVote, 0).value, ==, 1);
  g_assert_cmpstr (g_array_index (votes, CrVote, 1).option, ==, "px-as-a-product");
  g_assert_cmpint (g_array_index (votes, CrVote, 1).value, ==, 2);
  cr_workshop_record_votes (f->workshop, round, ben, (CrVote *) votes->data, votes->len, &error);
  g_assert_no_error (error);

  /* Reopened, the whole budget is there again: nothing shows through. */
  again = cr_ballot_draft_new (f->template, question (f, "target"), round, n_people (f), ben);
  g_assert_true (cr_ballot_draft_replaces (again));
  g_assert_cmpint (cr_ballot_draft_get_dots_left (again), ==, 3);
  g_assert_false (cr_ballot_draft_remove_dot (again, 2));
  g_assert_cmpint (cr_ballot_draft_get_dots (again, 2), ==, 0);
}

static void
test_score_criteria (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CrBallotDraft) draft = NULL;
  g_autoptr(GArray) votes = NULL;
  const CrQuestion *fit = question (f, "fit");
  int value = -1;

  draft = cr_ballot_draft_new (f->template, fit, NULL, n_people (f), cr_participant_get_id (f->ana));
  g_assert_cmpuint (cr_ballot_draft_get_n_cells (draft), ==, 3 * 5);
  g_assert_cmpuint (cr_ballot_draft_get_n_scored (draft), ==, 0);
  g_assert_false (cr_ballot_draft_get_score (draft, 2, 2, &value));

  /* speed (criterion 2) of px-as-a-product (option 2) */
  cr_ballot_draft_set_score (draft, 2, 2, 5);
  cr_ballot_draft_set_score (draft, 0, 4, 1);
  g_assert_true (cr_ballot_draft_get_score (draft, 2, 2, &value));
  g_assert_cmpint (value, ==, 5);
  g_assert_cmpuint (cr_ballot_draft_get_n_scored (draft), ==, 2);
  g_assert_true (cr_ballot_draft_check (draft, &error));
  g_assert_no_error (error);

  votes = cr_ballot_draft_to_votes (draft);
  g_assert_cmpuint (votes->len, ==, 2);
  g_assert_cmpstr (g_array_index (votes, CrVote, 0).option, ==, "hr-as-a-service");
  g_assert_cmpstr (g_array_index (votes, CrVote, 0).criterion, ==, "cost-of-change");
  g_assert_cmpstr (g_array_index (votes, CrVote, 1).option, ==, "px-as-a-product");
  g_assert_cmpstr (g_array_index (votes, CrVote, 1).criterion, ==, "speed");
  g_assert_cmpint (g_array_index (votes, CrVote, 1).value, ==, 5);

  /* Off the 1..5 scale: the core's check refuses the draft. */
  cr_ballot_draft_set_score (draft, 1, 0, 6);
  g_assert_false (cr_ballot_draft_check (draft, &error));
  g_assert_error (error, CR_STORE_ERROR, CR_STORE_ERROR_INVALID);
  g_clear_error (&error);

  cr_ballot_draft_clear_score (draft, 1, 0);
  g_assert_false (cr_ballot_draft_get_score (draft, 1, 0, NULL));
  g_assert_true (cr_ballot_draft_check (draft, NULL));
}

static void
test_score_no_criteria (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CrBallotDraft) draft = NULL;
  g_autoptr(CrBallotDraft) again = NULL;
  g_autoptr(GArray) votes = NULL;
  gint64 ana = cr_participant_get_id (f->ana);
  CrRound *round;
  int value = -1;

  round = cr_workshop_open_round (f->workshop, "today", &error);
  g_assert_no_error (error);
  draft = cr_ballot_draft_new (f->template, question (f, "today"), round, n_people (f), ana);
  g_assert_cmpuint (cr_ballot_draft_get_n_cells (draft), ==, 3);
  /* 0 is a real score on a 0..10 scale, not "unscored". */
  cr_ballot_draft_set_score (draft, 0, 0, 0);
  cr_ballot_draft_set_score (draft, 2, 0, 10);
  votes = cr_ballot_draft_to_votes (draft);
  g_assert_cmpuint (votes->len, ==, 2);
  g_assert_null (g_array_index (votes, CrVote, 0).criterion);
  g_assert_cmpint (g_array_index (votes, CrVote, 0).value, ==, 0);
  g_assert_cmpint (g_array_index (votes, CrVote, 1).value, ==, 10);
  cr_workshop_record_votes (f->workshop, round, ana, (CrVote *) votes->data, votes->len, &error);
  g_assert_no_error (error);

  /* Recorded as given; a reopened ballot shows none of it. */
  g_assert_cmpint (cr_round_get_votes (round, &(guint) { 0 })[1].value, ==, 10);
  again = cr_ballot_draft_new (f->template, question (f, "today"), round, n_people (f), ana);
  g_assert_true (cr_ballot_draft_replaces (again));
  g_assert_cmpuint (cr_ballot_draft_get_n_scored (again), ==, 0);
  g_assert_false (cr_ballot_draft_get_score (again, 0, 0, &value));
  g_assert_false (cr_ballot_draft_get_score (again, 2, 0, &value));
}

static void
test_hands (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CrBallotDraft) draft = NULL;
  g_autoptr(CrBallotDraft) again = NULL;
  g_autoptr(GArray) votes = NULL;
  CrRound *round;

  round = cr_workshop_open_round (f->workshop, "target", &error);
  g_assert_no_error (error);
  /* A participant's dots must not leak into the count of hands. */
  record (f, round, cr_participant_get_id (f->ana), "px-as-a-product", NULL, 3);

  draft = cr_ballot_draft_new (f->template, question (f, "target"), round, n_people (f), 0);
  g_assert_true (cr_ballot_draft_is_hands (draft));
  g_assert_cmpint (cr_ballot_draft_get_hands_total (draft), ==, 0);
  /* Ana has a ballot: the seat and Ben may raise a hand, one per option. */
  g_assert_cmpuint (cr_ballot_draft_get_hands_people (draft), ==, 2);
  cr_ballot_draft_set_hands (draft, 0, 3);
  g_assert_false (cr_ballot_draft_check (draft, &error));
  g_assert_error (error, CR_STORE_ERROR, CR_STORE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "only 2 people have no ballot"));
  g_clear_error (&error);
  cr_ballot_draft_set_hands (draft, 0, 2);
  cr_ballot_draft_set_hands (draft, 1, 0);
  cr_ballot_draft_set_hands (draft, 2, 1);
  g_assert_cmpint (cr_ballot_draft_get_hands_total (draft), ==, 3);
  /* Hands are counted, not budgeted. */
  g_assert_true (cr_ballot_draft_check (draft, &error));
  g_assert_no_error (error);

  votes = cr_ballot_draft_to_votes (draft);
  g_assert_cmpuint (votes->len, ==, 2);
  g_assert_cmpint (g_array_index (votes, CrVote, 0).participant_id, ==, 0);
  g_assert_cmpint (g_array_index (votes, CrVote, 1).value, ==, 1);
  cr_workshop_record_votes (f->workshop, round, 0, (CrVote *) votes->data, votes->len, &error);
  g_assert_no_error (error);

  again = cr_ballot_draft_new (f->template, question (f, "target"), round, n_people (f), 0);
  g_assert_cmpint (cr_ballot_draft_get_hands (again, 0), ==, 2);
  g_assert_cmpint (cr_ballot_draft_get_hands (again, 2), ==, 1);
  g_assert_cmpint (cr_ballot_draft_get_hands_total (again), ==, 3);

  /* Both hands on "hr" are spoken for: a ballot from Ben, even an empty
   * one still being filled in, would count him twice. */
  {
    g_autoptr(CrBallotDraft) ben = cr_ballot_draft_new (f->template, question (f, "target"), round,
                                                        n_people (f), cr_participant_get_id (f->ben));

    g_assert_false (cr_ballot_draft_check (ben, &error));
    g_assert_nonnull (strstr (error->message, "Lower the count of hands first"));
    g_clear_error (&error);
    cr_ballot_draft_add_dot (ben, 1);
    g_assert_false (cr_ballot_draft_check (ben, NULL));
  }
}

int
main (int   argc,
      char *argv[])
{
  const char *ppm = "people-product-models";
  const char *plv = "product-led-vocabulary";

  g_test_init (&argc, &argv, NULL);

  g_test_add ("/ballot/state/no-round", Fixture, ppm,
              fixture_set_up, test_state_no_round, fixture_tear_down);
  g_test_add ("/ballot/state/hidden-then-revealed", Fixture, ppm,
              fixture_set_up, test_state_hidden_then_revealed, fixture_tear_down);
  g_test_add ("/ballot/state/score-has-no-hands", Fixture, ppm,
              fixture_set_up, test_state_score_has_no_hands, fixture_tear_down);
  g_test_add ("/ballot/state/partial", Fixture, ppm,
              fixture_set_up, test_state_partial, fixture_tear_down);
  g_test_add ("/ballot/draft/single", Fixture, ppm,
              fixture_set_up, test_single, fixture_tear_down);
  g_test_add ("/ballot/draft/dots", Fixture, ppm,
              fixture_set_up, test_dots, fixture_tear_down);
  g_test_add ("/ballot/draft/score-criteria", Fixture, ppm,
              fixture_set_up, test_score_criteria, fixture_tear_down);
  g_test_add ("/ballot/draft/score-no-criteria", Fixture, plv,
              fixture_set_up, test_score_no_criteria, fixture_tear_down);
  g_test_add ("/ballot/draft/hands", Fixture, ppm,
              fixture_set_up, test_hands, fixture_tear_down);

  return g_test_run ();
}
