/* test-gap.c: where the room is against where it wants to be, per option
 *
 * Every expected number is worked out by hand in the comment beside it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>

#include "cr-gap.h"
#include "cr-test-util.h"
#include "cr-workshop.h"

#define EPS 1e-9

/* valid.json with @questions_json, and @room_json (unless NULL) as the
 * recommendation's room votes. */
static CrTemplate *
template_with_questions (const char *questions_json,
                         const char *room_json,
                         gboolean    keep_aim)
{
  g_autofree char *path = cr_test_source_path ("templates", "valid.json", NULL);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(JsonParser) questions = json_parser_new ();
  g_autoptr(GError) error = NULL;
  JsonObject *root;
  CrTemplate *template;

  json_parser_load_from_file (parser, path, &error);
  g_assert_no_error (error);
  json_parser_load_from_data (questions, questions_json, -1, &error);
  g_assert_no_error (error);

  root = json_node_get_object (json_parser_get_root (parser));
  json_object_set_member (root, "questions", json_node_copy (json_parser_get_root (questions)));
  if (room_json != NULL)
    {
      g_autoptr(JsonParser) room = json_parser_new ();

      json_parser_load_from_data (room, room_json, -1, &error);
      g_assert_no_error (error);
      json_object_set_member (json_object_get_object_member (root, "recommendation"), "room",
                              json_node_copy (json_parser_get_root (room)));
    }
  if (!keep_aim)
    {
      json_object_remove_member (json_object_get_object_member (root, "recommendation"), "aim");
      json_object_set_boolean_member (root, "ordered", FALSE);
    }

  template = cr_template_new_from_json (json_parser_get_root (parser), &error);
  g_assert_no_error (error);
  return template;
}

static void
test_questions_builtin (void)
{
  g_autoptr(CrTemplate) models = cr_template_lookup_builtin ("people-product-models", NULL);
  g_autoptr(CrTemplate) vocabulary = cr_template_lookup_builtin ("product-led-vocabulary", NULL);
  const CrQuestion *current, *target, *fit;

  /* Ordered: the aim question against the single choice; the score beside. */
  g_assert_true (cr_gap_find_questions (models, &current, &target, &fit));
  g_assert_cmpstr (current->id, ==, "current");
  g_assert_cmpstr (target->id, ==, "target");
  g_assert_cmpstr (fit->id, ==, "fit");

  /* No aim: today against ambition, both scores, nothing left beside. */
  g_assert_true (cr_gap_find_questions (vocabulary, &current, &target, &fit));
  g_assert_cmpstr (current->id, ==, "today");
  g_assert_cmpstr (target->id, ==, "ambition");
  g_assert_null (fit);
}

static void
test_questions_custom (void)
{
  const CrQuestion *current, *target, *fit;
  g_autoptr(CrTemplate) scores = NULL;
  g_autoptr(CrTemplate) two_dots = NULL;
  g_autoptr(CrTemplate) unpaired = NULL;

  /* Scores on different scales do not compare: "now" pairs with "want"
   * (both 1..5), and "ten" (0..10) is the score left beside them. */
  scores = template_with_questions ("["
    "{ \"id\": \"pick\", \"prompt\": \"Pick\", \"method\": \"single\" },"
    "{ \"id\": \"now\", \"prompt\": \"Now\", \"method\": \"score\", \"scale\": { \"min\": 1, \"max\": 5 } },"
    "{ \"id\": \"ten\", \"prompt\": \"Ten\", \"method\": \"score\", \"scale\": { \"min\": 0, \"max\": 10 } },"
    "{ \"id\": \"want\", \"prompt\": \"Want\", \"method\": \"score\", \"scale\": { \"min\": 1, \"max\": 5 } }"
    "]", NULL, FALSE);
  g_assert_true (cr_gap_find_questions (scores, &current, &target, &fit));
  g_assert_cmpstr (current->id, ==, "now");
  g_assert_cmpstr (target->id, ==, "want");
  g_assert_cmpstr (fit->id, ==, "ten");

  /* The aim question ("goal", dots) with no single choice to pair: the other
   * dots question is today. */
  two_dots = template_with_questions ("["
    "{ \"id\": \"now\", \"prompt\": \"Now\", \"method\": \"dots\", \"budget\": 3 },"
    "{ \"id\": \"goal\", \"prompt\": \"Goal\", \"method\": \"dots\", \"budget\": 3 }"
    "]", NULL, TRUE);
  g_assert_true (cr_gap_find_questions (two_dots, &current, &target, &fit));
  g_assert_cmpstr (current->id, ==, "now");
  g_assert_cmpstr (target->id, ==, "goal");
  g_assert_null (fit);

  /* A single choice and a score do not make a pair; the score is still the fit. */
  unpaired = template_with_questions ("["
    "{ \"id\": \"now\", \"prompt\": \"Now\", \"method\": \"single\" },"
    "{ \"id\": \"rate\", \"prompt\": \"Rate\", \"method\": \"score\", \"scale\": { \"min\": 1, \"max\": 5 } }"
    "]", NULL, FALSE);
  g_assert_false (cr_gap_find_questions (unpaired, &current, &target, &fit));
  g_assert_null (current);
  g_assert_null (target);
  g_assert_cmpstr (fit->id, ==, "rate");
}

/* What a review found: the gap guessed today and the target from the
 * order of the questions, though the template says which is which. Three
 * scores on one scale, the fit asked first: the guess compared the fit
 * with today, and took the target for the fit. */
static void
test_questions_declared (void)
{
  const CrQuestion *current, *target, *fit;
  g_autoptr(CrTemplate) template = NULL;

  template = template_with_questions ("["
    "{ \"id\": \"rate\", \"prompt\": \"Rate\", \"method\": \"score\", \"scale\": { \"min\": 1, \"max\": 5 } },"
    "{ \"id\": \"now\", \"prompt\": \"Now\", \"method\": \"score\", \"scale\": { \"min\": 1, \"max\": 5 } },"
    "{ \"id\": \"want\", \"prompt\": \"Want\", \"method\": \"score\", \"scale\": { \"min\": 1, \"max\": 5 } }"
    "]", "["
    "{ \"question\": \"now\", \"means\": \"today\", \"weight\": 1 },"
    "{ \"question\": \"want\", \"means\": \"target\", \"weight\": 1 },"
    "{ \"question\": \"rate\", \"means\": \"fit\", \"weight\": 1 }"
    "]", FALSE);
  g_assert_true (cr_gap_find_questions (template, &current, &target, &fit));
  g_assert_cmpstr (current->id, ==, "now");
  g_assert_cmpstr (target->id, ==, "want");
  g_assert_cmpstr (fit->id, ==, "rate");
}

static void
test_models_shares (void)
{
  CrTestVoting f = { 0 };
  g_autoptr(CrGap) gap = NULL;
  g_autoptr(CrGap) later = NULL;
  CrRound *current, *target, *fit, *revote;
  const CrGapOption *hr, *pp, *px;

  cr_test_voting_init (&f, "people-product-models", "Gap test", 5);

  current = cr_test_open_round (f.workshop, "current");
  cr_test_vote (&f, current, 1, "hr-as-a-service", 1, NULL);
  cr_test_vote (&f, current, 2, "hr-as-a-service", 1, NULL);
  cr_test_vote (&f, current, 3, "hr-as-a-service", 1, NULL);
  cr_test_vote (&f, current, 4, "projects-as-products", 1, NULL);
  cr_test_vote (&f, current, 5, "projects-as-products", 1, NULL);
  cr_test_reveal (f.workshop, current);

  target = cr_test_open_round (f.workshop, "target");
  cr_test_vote (&f, target, 1, "px-as-a-product", 3, NULL);
  cr_test_vote (&f, target, 2, "px-as-a-product", 2, "projects-as-products", 1, NULL);
  cr_test_vote (&f, target, 3, "projects-as-products", 3, NULL);
  cr_test_vote (&f, target, 4, "px-as-a-product", 3, NULL);
  cr_test_vote (&f, target, 5, "hr-as-a-service", 1, "px-as-a-product", 2, NULL);
  cr_test_reveal (f.workshop, target);

  fit = cr_test_open_round (f.workshop, "fit");
  cr_test_vote (&f, fit, 1, "hr-as-a-service", 2, "projects-as-products", 4, "px-as-a-product", 3, NULL);
  cr_test_vote (&f, fit, 2, "hr-as-a-service", 4, "projects-as-products", 4, "px-as-a-product", 5, NULL);
  cr_test_reveal (f.workshop, fit);

  /* A re-vote of "current", still hidden, must not show through. */
  revote = cr_test_open_round (f.workshop, "current");
  cr_test_vote (&f, revote, 1, "px-as-a-product", 1, NULL);

  gap = cr_gap_compute_workshop (f.workshop);
  g_assert_nonnull (gap);
  g_assert_true (cr_gap_has_data (gap));
  g_assert_false (gap->scores);
  g_assert_cmpstr (gap->current_question->id, ==, "current");
  g_assert_cmpstr (gap->target_question->id, ==, "target");
  g_assert_cmpstr (gap->fit_question->id, ==, "fit");
  g_assert_cmpuint (gap->current_round, ==, 1);
  g_assert_cmpuint (gap->target_round, ==, 1);
  g_assert_cmpuint (gap->fit_round, ==, 1);
  g_assert_cmpuint (gap->n_options, ==, 3);

  hr = &gap->options[0];
  pp = &gap->options[1];
  px = &gap->options[2];
  g_assert_cmpstr (hr->option->id, ==, "hr-as-a-service");
  g_assert_cmpstr (px->option->id, ==, "px-as-a-product");

  /* Today: 3, 2, 0 of 5 votes. */
  g_assert_cmpfloat_with_epsilon (hr->current, 0.6, EPS);
  g_assert_cmpfloat_with_epsilon (pp->current, 0.4, EPS);
  g_assert_cmpfloat_with_epsilon (px->current, 0.0, EPS);
  g_assert_true (isnan (hr->current_spread));
  /* Target: hr 1, pp 1 + 3 = 4, px 3 + 2 + 3 + 2 = 10 of 15 dots. */
  g_assert_cmpfloat_with_epsilon (hr->target, 1.0 / 15.0, EPS);
  g_assert_cmpfloat_with_epsilon (pp->target, 4.0 / 15.0, EPS);
  g_assert_cmpfloat_with_epsilon (px->target, 10.0 / 15.0, EPS);
  g_assert_true (isnan (px->target_spread));
  /* Gap: 1/15 - 9/15 = -8/15; 4/15 - 6/15 = -2/15; 10/15 - 0. */
  g_assert_cmpfloat_with_epsilon (hr->gap, -8.0 / 15.0, EPS);
  g_assert_cmpfloat_with_epsilon (pp->gap, -2.0 / 15.0, EPS);
  g_assert_cmpfloat_with_epsilon (px->gap, 10.0 / 15.0, EPS);
  /* Fit: every criterion alike, so the overall is each voter's value:
   * hr 2 and 4 (mean 3, spread 1), pp 4 and 4 (4, 0), px 3 and 5 (4, 1). */
  g_assert_cmpfloat_with_epsilon (hr->fit, 3.0, EPS);
  g_assert_cmpfloat_with_epsilon (hr->fit_spread, 1.0, EPS);
  g_assert_cmpfloat_with_epsilon (pp->fit, 4.0, EPS);
  g_assert_cmpfloat_with_epsilon (pp->fit_spread, 0.0, EPS);
  g_assert_cmpfloat_with_epsilon (px->fit, 4.0, EPS);
  g_assert_cmpfloat_with_epsilon (px->fit_spread, 1.0, EPS);

  /* Revealed, the re-vote becomes today: px 1 of 1. */
  cr_test_reveal (f.workshop, revote);
  later = cr_gap_compute_workshop (f.workshop);
  g_assert_cmpuint (later->current_round, ==, 2);
  g_assert_cmpfloat_with_epsilon (later->options[0].current, 0.0, EPS);
  g_assert_cmpfloat_with_epsilon (later->options[2].current, 1.0, EPS);
  g_assert_cmpfloat_with_epsilon (later->options[2].gap, 10.0 / 15.0 - 1.0, EPS);

  cr_test_voting_clear (&f);
}

static void
test_vocabulary_scores (void)
{
  CrTestVoting f = { 0 };
  g_autoptr(CrGap) gap = NULL;
  CrRound *today, *ambition;
  const CrGapOption *org, *model, *growth;

  cr_test_voting_init (&f, "product-led-vocabulary", "Gap test", 2);

  today = cr_test_open_round (f.workshop, "today");
  cr_test_vote (&f, today, 1, "product-led-organisation", 4, "product-operating-model", 6,
                "product-led-growth", 2, NULL);
  cr_test_vote (&f, today, 2, "product-led-organisation", 6, "product-operating-model", 6,
                "product-led-growth", 4, NULL);
  cr_test_reveal (f.workshop, today);

  ambition = cr_test_open_round (f.workshop, "ambition");
  cr_test_vote (&f, ambition, 1, "product-led-organisation", 8, "product-operating-model", 9,
                "product-led-growth", 2, NULL);
  cr_test_vote (&f, ambition, 2, "product-led-organisation", 8, "product-operating-model", 7,
                "product-led-growth", 6, NULL);
  cr_test_reveal (f.workshop, ambition);

  gap = cr_gap_compute_workshop (f.workshop);
  g_assert_true (gap->scores);
  g_assert_cmpstr (gap->current_question->id, ==, "today");
  g_assert_cmpstr (gap->target_question->id, ==, "ambition");
  g_assert_null (gap->fit_question);
  g_assert_cmpuint (gap->fit_round, ==, 0);

  org = &gap->options[0];
  model = &gap->options[1];
  growth = &gap->options[2];
  g_assert_cmpstr (org->option->id, ==, "product-led-organisation");

  /* Today: 4 and 6 (5 ± 1), 6 and 6 (6 ± 0), 2 and 4 (3 ± 1). */
  g_assert_cmpfloat_with_epsilon (org->current, 5.0, EPS);
  g_assert_cmpfloat_with_epsilon (org->current_spread, 1.0, EPS);
  g_assert_cmpfloat_with_epsilon (model->current, 6.0, EPS);
  g_assert_cmpfloat_with_epsilon (model->current_spread, 0.0, EPS);
  g_assert_cmpfloat_with_epsilon (growth->current, 3.0, EPS);
  /* Ambition: 8 and 8 (8 ± 0), 9 and 7 (8 ± 1), 2 and 6 (4 ± 2). */
  g_assert_cmpfloat_with_epsilon (org->target, 8.0, EPS);
  g_assert_cmpfloat_with_epsilon (org->target_spread, 0.0, EPS);
  g_assert_cmpfloat_with_epsilon (model->target_spread, 1.0, EPS);
  g_assert_cmpfloat_with_epsilon (growth->target, 4.0, EPS);
  g_assert_cmpfloat_with_epsilon (growth->target_spread, 2.0, EPS);
  /* Gap = ambition - today: 3, 2, 1. */
  g_assert_cmpfloat_with_epsilon (org->gap, 3.0, EPS);
  g_assert_cmpfloat_with_epsilon (model->gap, 2.0, EPS);
  g_assert_cmpfloat_with_epsilon (growth->gap, 1.0, EPS);
  g_assert_true (isnan (org->fit));

  cr_test_voting_clear (&f);
}

static void
test_hidden_and_missing (void)
{
  CrTestVoting f = { 0 };
  g_autoptr(CrGap) empty = NULL;
  g_autoptr(CrGap) half = NULL;
  g_autoptr(CrTally) hidden = NULL;
  g_autoptr(CrGap) direct = NULL;
  CrRound *current, *target;

  cr_test_voting_init (&f, "people-product-models", "Gap test", 2);

  /* No round at all: nothing known, every number NaN. */
  empty = cr_gap_compute_workshop (f.workshop);
  g_assert_false (cr_gap_has_data (empty));
  g_assert_cmpuint (empty->n_options, ==, 3);
  for (guint o = 0; o < empty->n_options; o++)
    {
      g_assert_true (isnan (empty->options[o].current));
      g_assert_true (isnan (empty->options[o].target));
      g_assert_true (isnan (empty->options[o].gap));
      g_assert_true (isnan (empty->options[o].fit));
    }

  /* Today revealed, the target still hidden: one side only, no gap. */
  current = cr_test_open_round (f.workshop, "current");
  cr_test_vote (&f, current, 1, "px-as-a-product", 1, NULL);
  cr_test_vote (&f, current, 2, "hr-as-a-service", 1, NULL);
  cr_test_reveal (f.workshop, current);
  target = cr_test_open_round (f.workshop, "target");
  cr_test_vote (&f, target, 1, "px-as-a-product", 3, NULL);

  half = cr_gap_compute_workshop (f.workshop);
  g_assert_true (cr_gap_has_data (half));
  g_assert_cmpuint (half->current_round, ==, 1);
  g_assert_cmpuint (half->target_round, ==, 0);
  g_assert_cmpfloat_with_epsilon (half->options[2].current, 0.5, EPS);
  g_assert_true (isnan (half->options[2].target));
  g_assert_true (isnan (half->options[2].gap));

  /* Handed a hidden tally directly, the gap still ignores it. */
  hidden = cr_tally_compute (f.template, target);
  g_assert_false (hidden->revealed);
  direct = cr_gap_compute (f.template, NULL, hidden, NULL);
  g_assert_cmpuint (direct->target_round, ==, 0);
  g_assert_true (isnan (direct->options[2].target));
  g_assert_false (cr_gap_has_data (direct));

  cr_test_voting_clear (&f);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/gap/questions/builtin", test_questions_builtin);
  g_test_add_func ("/gap/questions/custom", test_questions_custom);
  g_test_add_func ("/gap/questions/declared", test_questions_declared);
  g_test_add_func ("/gap/people-product-models/shares", test_models_shares);
  g_test_add_func ("/gap/product-led-vocabulary/scores", test_vocabulary_scores);
  g_test_add_func ("/gap/hidden-and-missing", test_hidden_and_missing);

  return g_test_run ();
}
