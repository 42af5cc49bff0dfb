/* test-tally.c: round tallies, round-to-round change and their JSON
 *
 * Every expected number is worked out by hand in the comment beside it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>

#include "cr-tally.h"
#include "cr-test-util.h"
#include "cr-workshop.h"

#define EPS 1e-9

/* Records one participant's votes, given as option, criterion, value triples
 * ended by NULL. */
static gboolean
record_valist (CrTestVoting *f,
               CrRound      *round,
               guint         who,
               GError      **error,
               va_list       args)
{
  g_autoptr(GArray) votes = g_array_new (FALSE, TRUE, sizeof (CrVote));
  const char *option;

  while ((option = va_arg (args, const char *)) != NULL)
    {
      CrVote v = { 0 };

      v.participant_id = f->p[who];
      v.option = g_intern_string (option);
      v.criterion = g_intern_string (va_arg (args, const char *));
      v.value = va_arg (args, int);
      g_array_append_val (votes, v);
    }

  return cr_workshop_record_votes (f->workshop, round, f->p[who],
                                   (const CrVote *)(gpointer)votes->data, votes->len, error);
}

static void
vote (CrTestVoting *f,
      CrRound      *round,
      guint         who,
      ...)
{
  g_autoptr(GError) error = NULL;
  va_list args;

  va_start (args, who);
  record_valist (f, round, who, &error, args);
  va_end (args);
  g_assert_no_error (error);
}

/* Like vote(), for votes the core must refuse: returns its message. */
static char *
vote_refused (CrTestVoting *f,
              CrRound      *round,
              guint         who,
              ...)
{
  g_autoptr(GError) error = NULL;
  gboolean recorded;
  va_list args;

  va_start (args, who);
  recorded = record_valist (f, round, who, &error, args);
  va_end (args);
  g_assert_false (recorded);
  g_assert_error (error, CR_STORE_ERROR, CR_STORE_ERROR_INVALID);
  return g_strdup (error->message);
}

static JsonObject *
array_object (JsonObject *object,
              const char *member,
              guint       index)
{
  JsonArray *array = json_object_get_array_member (object, member);

  g_assert_nonnull (array);
  g_assert_cmpuint (index, <, json_array_get_length (array));
  return json_array_get_object_element (array, index);
}

/* A member that must be written as a JSON integer. */
static gint64
int_member (JsonObject *object,
            const char *member)
{
  JsonNode *node = json_object_get_member (object, member);

  g_assert_nonnull (node);
  g_assert_cmpint (json_node_get_value_type (node), ==, G_TYPE_INT64);
  return json_node_get_int (node);
}

/* A member that must be written as a JSON number with a fraction. */
static double
double_member (JsonObject *object,
               const char *member)
{
  JsonNode *node = json_object_get_member (object, member);

  g_assert_nonnull (node);
  g_assert_cmpint (json_node_get_value_type (node), ==, G_TYPE_DOUBLE);
  return json_node_get_double (node);
}

static void
assert_null_member (JsonObject *object,
                    const char *member)
{
  g_assert_true (json_object_has_member (object, member));
  g_assert_true (json_object_get_null_member (object, member));
}

static void
test_single_with_hands (void)
{
  CrTestVoting f = { 0 };
  g_autoptr(CrTally) tally = NULL;
  const CrOptionTally *hr, *pp, *px;
  CrRound *round;

  /* Seven people: four vote by ballot, three by a show of hands. */
  cr_test_voting_init (&f, "people-product-models", "Tally test", 7);
  round = cr_test_open_round (f.workshop, "current");

  vote (&f, round, 1, "hr-as-a-service", NULL, 1, NULL);
  vote (&f, round, 2, "hr-as-a-service", NULL, 1, NULL);
  vote (&f, round, 3, "projects-as-products", NULL, 1, NULL);
  vote (&f, round, 4, "px-as-a-product", NULL, 1, NULL);
  /* The facilitator counts the hands of the three without a ballot. */
  vote (&f, round, 0,
        "hr-as-a-service", NULL, 2,
        "px-as-a-product", NULL, 1,
        NULL);
  cr_test_reveal (f.workshop, round);

  tally = cr_tally_compute (f.template, round);
  g_assert_nonnull (tally);
  g_assert_cmpstr (tally->question->id, ==, "current");
  g_assert_cmpuint (tally->round_number, ==, 1);
  g_assert_true (tally->revealed);
  g_assert_cmpuint (tally->n_options, ==, 3);
  /* Four seats voted; two plus one hands. */
  g_assert_cmpuint (tally->n_participants, ==, 4);
  g_assert_cmpfloat_with_epsilon (tally->n_hands, 3, EPS);
  /* hr 2 + 2 hands = 4, pp 1, px 1 + 1 hand = 2: total 7. */
  g_assert_cmpfloat_with_epsilon (tally->total, 7, EPS);

  hr = cr_tally_find_option (tally, "hr-as-a-service");
  pp = cr_tally_find_option (tally, "projects-as-products");
  px = cr_tally_find_option (tally, "px-as-a-product");
  g_assert_true (hr == &tally->options[0]);
  g_assert_true (pp == &tally->options[1]);
  g_assert_true (px == &tally->options[2]);
  g_assert_null (cr_tally_find_option (tally, "no-such-option"));

  g_assert_cmpfloat_with_epsilon (hr->count, 4, EPS);
  g_assert_cmpfloat_with_epsilon (pp->count, 1, EPS);
  g_assert_cmpfloat_with_epsilon (px->count, 2, EPS);
  /* 4/7 = 0.571428..., 1/7 = 0.142857..., 2/7 = 0.285714... */
  g_assert_cmpfloat_with_epsilon (hr->share, 4.0 / 7.0, EPS);
  g_assert_cmpfloat_with_epsilon (pp->share, 1.0 / 7.0, EPS);
  g_assert_cmpfloat_with_epsilon (px->share, 2.0 / 7.0, EPS);
  g_assert_null (hr->criteria);
  g_assert_cmpuint (hr->n_criteria, ==, 0);

  cr_test_voting_clear (&f);
}

static void
test_single_empty (void)
{
  CrTestVoting f = { 0 };
  g_autoptr(CrTally) tally = NULL;
  CrRound *round;

  cr_test_voting_init (&f, "people-product-models", "Tally test", 1);
  round = cr_test_open_round (f.workshop, "current");
  tally = cr_tally_compute (f.template, round);

  /* Nothing cast: shares are 0, not 0/0. */
  g_assert_cmpfloat_with_epsilon (tally->total, 0, EPS);
  g_assert_cmpuint (tally->n_participants, ==, 0);
  for (guint o = 0; o < tally->n_options; o++)
    {
      g_assert_cmpfloat_with_epsilon (tally->options[o].count, 0, EPS);
      g_assert_cmpfloat_with_epsilon (tally->options[o].share, 0, EPS);
    }

  cr_test_voting_clear (&f);
}

static void
test_dots (void)
{
  CrTestVoting f = { 0 };
  g_autoptr(CrTally) tally = NULL;
  CrRound *round;

  /* Three ballots; four of the seven raise a hand. */
  cr_test_voting_init (&f, "people-product-models", "Tally test", 7);
  g_assert_cmpint (cr_template_find_question (f.template, "target")->budget, ==, 3);
  round = cr_test_open_round (f.workshop, "target");

  vote (&f, round, 1,
        "hr-as-a-service", NULL, 1,
        "px-as-a-product", NULL, 2,
        NULL);
  vote (&f, round, 2, "px-as-a-product", NULL, 3, NULL);
  /* Two separate dots on one option add up too. */
  vote (&f, round, 3,
        "projects-as-products", NULL, 1,
        "projects-as-products", NULL, 1,
        "px-as-a-product", NULL, 1,
        NULL);
  vote (&f, round, 0, "projects-as-products", NULL, 4, NULL);
  cr_test_reveal (f.workshop, round);

  tally = cr_tally_compute (f.template, round);
  g_assert_cmpuint (tally->n_participants, ==, 3);
  g_assert_cmpfloat_with_epsilon (tally->n_hands, 4, EPS);
  /* hr 1; pp 1 + 1 + 4 hands = 6; px 2 + 3 + 1 = 6; total 13. */
  g_assert_cmpfloat_with_epsilon (tally->total, 13, EPS);
  g_assert_cmpfloat_with_epsilon (tally->options[0].count, 1, EPS);
  g_assert_cmpfloat_with_epsilon (tally->options[1].count, 6, EPS);
  g_assert_cmpfloat_with_epsilon (tally->options[2].count, 6, EPS);
  /* 1/13 = 0.076923..., 6/13 = 0.461538... */
  g_assert_cmpfloat_with_epsilon (tally->options[0].share, 1.0 / 13.0, EPS);
  g_assert_cmpfloat_with_epsilon (tally->options[1].share, 6.0 / 13.0, EPS);
  g_assert_cmpfloat_with_epsilon (tally->options[2].share, 6.0 / 13.0, EPS);

  cr_test_voting_clear (&f);
}

/* The "fit" question's criteria and the weights this test's arithmetic
 * relies on; a change to the template shows up here first. */
#define W_USER        1.0
#define W_STRATEGIC   1.5
#define W_SPEED       1.0
#define W_FEASIBILITY 1.5
#define W_COST        1.0

static void
assert_fit_weights (CrTemplate *template)
{
  const CrQuestion *q = cr_template_find_question (template, "fit");

  g_assert_nonnull (q);
  g_assert_cmpint (q->method, ==, CR_METHOD_SCORE);
  g_assert_cmpint (q->scale_min, ==, 1);
  g_assert_cmpint (q->scale_max, ==, 5);
  g_assert_cmpuint (q->criteria->len, ==, 5);
  g_assert_cmpstr (((CrCriterion *)q->criteria->pdata[0])->id, ==, "user-centricity");
  g_assert_cmpstr (((CrCriterion *)q->criteria->pdata[1])->id, ==, "strategic-impact");
  g_assert_cmpstr (((CrCriterion *)q->criteria->pdata[2])->id, ==, "speed");
  g_assert_cmpstr (((CrCriterion *)q->criteria->pdata[3])->id, ==, "feasibility");
  g_assert_cmpstr (((CrCriterion *)q->criteria->pdata[4])->id, ==, "cost-of-change");
  g_assert_cmpfloat_with_epsilon (cr_question_find_criterion (q, "user-centricity")->weight, W_USER, EPS);
  g_assert_cmpfloat_with_epsilon (cr_question_find_criterion (q, "strategic-impact")->weight, W_STRATEGIC, EPS);
  g_assert_cmpfloat_with_epsilon (cr_question_find_criterion (q, "speed")->weight, W_SPEED, EPS);
  g_assert_cmpfloat_with_epsilon (cr_question_find_criterion (q, "feasibility")->weight, W_FEASIBILITY, EPS);
  g_assert_cmpfloat_with_epsilon (cr_question_find_criterion (q, "cost-of-change")->weight, W_COST, EPS);
}

static void
test_score_weighted (void)
{
  CrTestVoting f = { 0 };
  g_autoptr(CrTally) tally = NULL;
  const CrOptionTally *hr, *pp, *px;
  CrRound *round;

  cr_test_voting_init (&f, "people-product-models", "Tally test", 3);
  assert_fit_weights (f.template);
  round = cr_test_open_round (f.workshop, "fit");

  vote (&f, round, 1,
        "px-as-a-product", "user-centricity", 5,
        "px-as-a-product", "strategic-impact", 4,
        "projects-as-products", "user-centricity", 4,
        NULL);
  vote (&f, round, 2,
        "px-as-a-product", "user-centricity", 3,
        "px-as-a-product", "strategic-impact", 2,
        "projects-as-products", "user-centricity", 4,
        NULL);
  /* P3 scores px on user-centricity only. */
  vote (&f, round, 3,
        "px-as-a-product", "user-centricity", 4,
        "projects-as-products", "user-centricity", 4,
        NULL);
  cr_test_reveal (f.workshop, round);

  tally = cr_tally_compute (f.template, round);
  hr = cr_tally_find_option (tally, "hr-as-a-service");
  pp = cr_tally_find_option (tally, "projects-as-products");
  px = cr_tally_find_option (tally, "px-as-a-product");
  /* Nobody scored all fifteen cells: three partial ballots, none voted,
   * their scores counted all the same. */
  g_assert_cmpuint (tally->n_participants, ==, 0);
  g_assert_cmpuint (tally->n_partial, ==, 3);
  g_assert_cmpfloat_with_epsilon (tally->n_hands, 0, EPS);

  /* px, user-centricity: 5, 3, 4: mean 4, variance (1 + 1 + 0) / 3 = 2/3. */
  g_assert_cmpuint (px->n_criteria, ==, 5);
  g_assert_cmpuint (px->criteria[0].n, ==, 3);
  g_assert_cmpfloat_with_epsilon (px->criteria[0].mean, 4, EPS);
  g_assert_cmpfloat_with_epsilon (px->criteria[0].spread, sqrt (2.0 / 3.0), EPS);
  /* px, strategic impact: 4, 2: mean 3, spread 1. */
  g_assert_cmpuint (px->criteria[1].n, ==, 2);
  g_assert_cmpfloat_with_epsilon (px->criteria[1].mean, 3, EPS);
  g_assert_cmpfloat_with_epsilon (px->criteria[1].spread, 1, EPS);
  /* Nobody scored speed. */
  g_assert_cmpuint (px->criteria[2].n, ==, 0);
  g_assert_true (isnan (px->criteria[2].mean));
  g_assert_true (isnan (px->criteria[2].spread));

  /* Over the criteria with scores only (user-centricity weighs 1,
   * strategic impact 1.5): (1 * 4 + 1.5 * 3) / 2.5 = 8.5 / 2.5 = 3.4. */
  g_assert_cmpfloat_with_epsilon (px->overall, 3.4, EPS);
  /* Each voter's weighted overall:
   *   P1 (5 + 1.5 * 4) / 2.5 = 4.4
   *   P2 (3 + 1.5 * 2) / 2.5 = 2.4
   *   P3 4 (user-centricity only)
   * mean 10.8 / 3 = 3.6; deviations 0.8, -1.2, 0.4; squares 0.64 + 1.44
   * + 0.16 = 2.24; variance 2.24 / 3 = 0.74667; spread 0.86410. */
  g_assert_cmpfloat_with_epsilon (px->overall_spread, sqrt (2.24 / 3.0), EPS);

  /* pp: everyone 4 on user-centricity: overall 4, no spread. */
  g_assert_cmpfloat_with_epsilon (pp->overall, 4, EPS);
  g_assert_cmpfloat_with_epsilon (pp->overall_spread, 0, EPS);
  g_assert_cmpfloat_with_epsilon (pp->criteria[0].spread, 0, EPS);

  /* hr: no scores at all. */
  g_assert_true (isnan (hr->overall));
  g_assert_true (isnan (hr->overall_spread));
  for (guint c = 0; c < hr->n_criteria; c++)
    g_assert_cmpuint (hr->criteria[c].n, ==, 0);

  cr_test_voting_clear (&f);
}

static void
test_score_without_criteria (void)
{
  CrTestVoting f = { 0 };
  g_autoptr(CrTally) tally = NULL;
  g_autoptr(JsonNode) node = NULL;
  const CrOptionTally *plo, *pom, *plg;
  const CrQuestion *q;
  JsonObject *root, *option, *criterion;
  CrRound *round;

  cr_test_voting_init (&f, "product-led-vocabulary", "Tally test", 3);
  q = cr_template_find_question (f.template, "today");
  g_assert_nonnull (q);
  g_assert_cmpint (q->method, ==, CR_METHOD_SCORE);
  g_assert_cmpint (q->scale_min, ==, 0);
  g_assert_cmpint (q->scale_max, ==, 10);
  g_assert_cmpuint (q->criteria->len, ==, 0);

  round = cr_test_open_round (f.workshop, "today");
  vote (&f, round, 1,
        "product-led-organisation", NULL, 2,
        "product-operating-model", NULL, 4,
        "product-led-growth", NULL, 9,
        NULL);
  vote (&f, round, 2,
        "product-led-organisation", NULL, 6,
        "product-operating-model", NULL, 4,
        NULL);
  vote (&f, round, 3, "product-led-organisation", NULL, 7, NULL);
  cr_test_reveal (f.workshop, round);

  tally = cr_tally_compute (f.template, round);
  plo = cr_tally_find_option (tally, "product-led-organisation");
  pom = cr_tally_find_option (tally, "product-operating-model");
  plg = cr_tally_find_option (tally, "product-led-growth");
  g_assert_nonnull (plo);
  g_assert_nonnull (pom);
  g_assert_nonnull (plg);

  /* One score per option. */
  g_assert_cmpuint (plo->n_criteria, ==, 1);
  /* plo: 2, 6, 7: mean 5, variance (9 + 1 + 4) / 3 = 14/3, spread 2.160247. */
  g_assert_cmpuint (plo->criteria[0].n, ==, 3);
  g_assert_cmpfloat_with_epsilon (plo->criteria[0].mean, 5, EPS);
  g_assert_cmpfloat_with_epsilon (plo->criteria[0].spread, sqrt (14.0 / 3.0), EPS);
  /* With one criterion the overall is that mean, and the spread of the
   * voters' overall is the spread of their scores. */
  g_assert_cmpfloat_with_epsilon (plo->overall, 5, EPS);
  g_assert_cmpfloat_with_epsilon (plo->overall_spread, sqrt (14.0 / 3.0), EPS);
  /* pom: 4, 4. plg: 9 alone. */
  g_assert_cmpfloat_with_epsilon (pom->overall, 4, EPS);
  g_assert_cmpfloat_with_epsilon (pom->overall_spread, 0, EPS);
  g_assert_cmpuint (pom->criteria[0].n, ==, 2);
  g_assert_cmpfloat_with_epsilon (plg->overall, 9, EPS);
  g_assert_cmpuint (plg->criteria[0].n, ==, 1);

  node = cr_tally_to_json (tally);
  root = json_node_get_object (node);
  g_assert_cmpstr (json_object_get_string_member (root, "method"), ==, "score");
  /* P1 scored all three; P2 and P3 did not. */
  g_assert_cmpint (int_member (root, "participants"), ==, 1);
  g_assert_cmpint (int_member (root, "partial"), ==, 2);
  g_assert_cmpint (int_member (root, "hands"), ==, 0);
  g_assert_false (json_object_has_member (root, "total"));

  option = array_object (root, "options", 0);
  g_assert_cmpuint (json_object_get_size (option), ==, 4);
  g_assert_cmpstr (json_object_get_string_member (option, "option"), ==, "product-led-organisation");
  g_assert_cmpint (int_member (option, "overall"), ==, 5);
  /* 2.1602468... rounds to 2.1602. */
  g_assert_cmpfloat_with_epsilon (double_member (option, "overall_spread"), 2.1602, EPS);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (option, "criteria")), ==, 1);
  criterion = array_object (option, "criteria", 0);
  g_assert_cmpuint (json_object_get_size (criterion), ==, 4);
  assert_null_member (criterion, "criterion");
  g_assert_cmpint (int_member (criterion, "mean"), ==, 5);
  g_assert_cmpfloat_with_epsilon (double_member (criterion, "spread"), 2.1602, EPS);
  g_assert_cmpint (int_member (criterion, "n"), ==, 3);

  cr_test_voting_clear (&f);
}

/* What a review found: a dots ballot with a dot left (and a score ballot
 * with scores missing) counted as "participants voted" in the results step
 * and the reports. Only complete ballots do; partial ones are told apart,
 * and their votes still count in the numbers (score ballots: the two
 * score tests above). */
static void
test_partial_not_voted (void)
{
  CrTestVoting f = { 0 };
  g_autoptr(CrTally) dots = NULL;
  g_autoptr(JsonNode) node = NULL;
  JsonObject *root;
  CrRound *round;

  cr_test_voting_init (&f, "people-product-models", "Tally test", 3);
  round = cr_test_open_round (f.workshop, "target");
  vote (&f, round, 1, "px-as-a-product", NULL, 3, NULL);
  /* Two dots of three, and one of three. */
  vote (&f, round, 2, "px-as-a-product", NULL, 1, "projects-as-products", NULL, 1, NULL);
  vote (&f, round, 3, "hr-as-a-service", NULL, 1, NULL);
  cr_test_reveal (f.workshop, round);

  dots = cr_tally_compute (f.template, round);
  g_assert_cmpuint (dots->n_participants, ==, 1);
  g_assert_cmpuint (dots->n_partial, ==, 2);
  /* 3 + 2 + 1 dots. */
  g_assert_cmpfloat_with_epsilon (dots->total, 6, EPS);
  node = cr_tally_to_json (dots);
  root = json_node_get_object (node);
  g_assert_cmpint (int_member (root, "participants"), ==, 1);
  g_assert_cmpint (int_member (root, "partial"), ==, 2);
  cr_test_voting_clear (&f);
}

static void
test_compare (void)
{
  CrTestVoting f = { 0 };
  g_autoptr(CrTally) before = NULL;
  g_autoptr(CrTally) after = NULL;
  g_autoptr(GArray) changes = NULL;
  g_autoptr(JsonNode) node = NULL;
  const CrTallyChange *change;
  JsonObject *root, *option;
  CrRound *first, *second;

  /* The fifth sits round 1 out and raises a hand in round 2. */
  cr_test_voting_init (&f, "people-product-models", "Tally test", 5);

  /* Round 1: hr 2, pp 1, px 1 (total 4). */
  first = cr_test_open_round (f.workshop, "current");
  vote (&f, first, 1, "hr-as-a-service", NULL, 1, NULL);
  vote (&f, first, 2, "hr-as-a-service", NULL, 1, NULL);
  vote (&f, first, 3, "projects-as-products", NULL, 1, NULL);
  vote (&f, first, 4, "px-as-a-product", NULL, 1, NULL);
  cr_test_reveal (f.workshop, first);

  /* Round 2 after discussion: hr 1, pp 3 (one of them a hand), px 1 (total 5). */
  second = cr_test_open_round (f.workshop, "current");
  g_assert_cmpuint (cr_round_get_number (second), ==, 2);
  vote (&f, second, 1, "projects-as-products", NULL, 1, NULL);
  vote (&f, second, 2, "hr-as-a-service", NULL, 1, NULL);
  vote (&f, second, 3, "projects-as-products", NULL, 1, NULL);
  vote (&f, second, 4, "px-as-a-product", NULL, 1, NULL);
  vote (&f, second, 0, "projects-as-products", NULL, 1, NULL);
  cr_test_reveal (f.workshop, second);

  before = cr_tally_compute (f.template, first);
  after = cr_tally_compute (f.template, second);
  changes = cr_tally_compare (before, after);
  g_assert_cmpuint (changes->len, ==, 3);

  /* hr: 2/4 = 0.5 -> 1/5 = 0.2: share -0.3, count -1. */
  change = &g_array_index (changes, CrTallyChange, 0);
  g_assert_cmpstr (change->option->id, ==, "hr-as-a-service");
  g_assert_cmpfloat_with_epsilon (change->share_delta, -0.3, EPS);
  g_assert_cmpfloat_with_epsilon (change->count_delta, -1, EPS);
  g_assert_true (isnan (change->overall_delta));
  /* pp: 1/4 = 0.25 -> 3/5 = 0.6: share +0.35, count +2. */
  change = &g_array_index (changes, CrTallyChange, 1);
  g_assert_cmpstr (change->option->id, ==, "projects-as-products");
  g_assert_cmpfloat_with_epsilon (change->share_delta, 0.35, EPS);
  g_assert_cmpfloat_with_epsilon (change->count_delta, 2, EPS);
  /* px: 1/4 = 0.25 -> 1/5 = 0.2: share -0.05, count 0. */
  change = &g_array_index (changes, CrTallyChange, 2);
  g_assert_cmpfloat_with_epsilon (change->share_delta, -0.05, EPS);
  g_assert_cmpfloat_with_epsilon (change->count_delta, 0, EPS);

  node = cr_tally_compare_to_json (before, after);
  root = json_node_get_object (node);
  g_assert_cmpuint (json_object_get_size (root), ==, 4);
  g_assert_cmpstr (json_object_get_string_member (root, "question"), ==, "current");
  g_assert_cmpint (int_member (root, "from"), ==, 1);
  g_assert_cmpint (int_member (root, "to"), ==, 2);
  option = array_object (root, "options", 1);
  g_assert_cmpuint (json_object_get_size (option), ==, 3);
  g_assert_cmpstr (json_object_get_string_member (option, "option"), ==, "projects-as-products");
  g_assert_cmpfloat_with_epsilon (double_member (option, "share_delta"), 0.35, EPS);
  g_assert_cmpint (int_member (option, "count_delta"), ==, 2);
  option = array_object (root, "options", 2);
  g_assert_cmpfloat_with_epsilon (double_member (option, "share_delta"), -0.05, EPS);
  g_assert_cmpint (int_member (option, "count_delta"), ==, 0);

  cr_test_voting_clear (&f);
}

/* A round nobody voted in has no shares: the change to or from it is not a
 * fall to 0 (or a rise from it) but unknown, written null. */
static void
test_compare_empty_round (void)
{
  CrTestVoting f = { 0 };
  g_autoptr(CrTally) before = NULL;
  g_autoptr(CrTally) after = NULL;
  g_autoptr(GArray) changes = NULL;
  g_autoptr(JsonNode) node = NULL;
  JsonObject *option;
  CrRound *first, *second;

  cr_test_voting_init (&f, "people-product-models", "Tally test", 3);
  first = cr_test_open_round (f.workshop, "current");
  vote (&f, first, 1, "hr-as-a-service", NULL, 1, NULL);
  vote (&f, first, 2, "projects-as-products", NULL, 1, NULL);
  cr_test_reveal (f.workshop, first);
  second = cr_test_open_round (f.workshop, "current");
  cr_test_reveal (f.workshop, second);

  before = cr_tally_compute (f.template, first);
  after = cr_tally_compute (f.template, second);
  changes = cr_tally_compare (before, after);
  g_assert_true (isnan (g_array_index (changes, CrTallyChange, 0).share_delta));
  g_assert_true (isnan (g_array_index (changes, CrTallyChange, 0).count_delta));

  node = cr_tally_compare_to_json (before, after);
  option = array_object (json_node_get_object (node), "options", 0);
  assert_null_member (option, "share_delta");
  assert_null_member (option, "count_delta");
  g_clear_pointer (&node, json_node_unref);
  /* And from it, the other way round. */
  node = cr_tally_compare_to_json (after, before);
  option = array_object (json_node_get_object (node), "options", 1);
  assert_null_member (option, "share_delta");
  assert_null_member (option, "count_delta");

  cr_test_voting_clear (&f);
}

static void
test_compare_score (void)
{
  CrTestVoting f = { 0 };
  g_autoptr(CrTally) before = NULL;
  g_autoptr(CrTally) after = NULL;
  g_autoptr(GArray) changes = NULL;
  g_autoptr(JsonNode) node = NULL;
  JsonObject *option;
  CrRound *first, *second;

  cr_test_voting_init (&f, "product-led-vocabulary", "Tally test", 2);

  /* plo: 3 and 5 (mean 4) -> 6 and 7 (mean 6.5): +2.5. pom scored only in
   * round 1, so its change is unknown. plg never scored. */
  first = cr_test_open_round (f.workshop, "ambition");
  vote (&f, first, 1,
        "product-led-organisation", NULL, 3,
        "product-operating-model", NULL, 8,
        NULL);
  vote (&f, first, 2, "product-led-organisation", NULL, 5, NULL);
  second = cr_test_open_round (f.workshop, "ambition");
  vote (&f, second, 1, "product-led-organisation", NULL, 6, NULL);
  vote (&f, second, 2, "product-led-organisation", NULL, 7, NULL);

  before = cr_tally_compute (f.template, first);
  after = cr_tally_compute (f.template, second);
  changes = cr_tally_compare (before, after);
  g_assert_cmpfloat_with_epsilon (g_array_index (changes, CrTallyChange, 0).overall_delta, 2.5, EPS);
  g_assert_true (isnan (g_array_index (changes, CrTallyChange, 1).overall_delta));
  g_assert_true (isnan (g_array_index (changes, CrTallyChange, 2).overall_delta));

  node = cr_tally_compare_to_json (before, after);
  option = array_object (json_node_get_object (node), "options", 0);
  g_assert_cmpuint (json_object_get_size (option), ==, 2);
  g_assert_cmpfloat_with_epsilon (double_member (option, "overall_delta"), 2.5, EPS);
  option = array_object (json_node_get_object (node), "options", 1);
  assert_null_member (option, "overall_delta");
  g_assert_false (json_object_has_member (option, "share_delta"));

  cr_test_voting_clear (&f);
}

static void
test_json_single (void)
{
  CrTestVoting f = { 0 };
  g_autoptr(CrTally) tally = NULL;
  g_autoptr(JsonNode) node = NULL;
  g_autofree char *text = NULL;
  JsonObject *root, *option;
  CrRound *round;

  /* Three ballots and the hands of the other four. */
  cr_test_voting_init (&f, "people-product-models", "Tally test", 7);
  round = cr_test_open_round (f.workshop, "current");
  vote (&f, round, 1, "hr-as-a-service", NULL, 1, NULL);
  vote (&f, round, 2, "hr-as-a-service", NULL, 1, NULL);
  vote (&f, round, 3, "projects-as-products", NULL, 1, NULL);
  vote (&f, round, 0,
        "hr-as-a-service", NULL, 1,
        "projects-as-products", NULL, 1,
        "px-as-a-product", NULL, 2,
        NULL);
  cr_test_reveal (f.workshop, round);

  tally = cr_tally_compute (f.template, round);
  node = cr_tally_to_json (tally);
  root = json_node_get_object (node);

  g_assert_cmpuint (json_object_get_size (root), ==, 9);
  g_assert_cmpstr (json_object_get_string_member (root, "question"), ==, "current");
  g_assert_cmpint (int_member (root, "number"), ==, 1);
  g_assert_cmpstr (json_object_get_string_member (root, "method"), ==, "single");
  g_assert_true (json_object_get_boolean_member (root, "revealed"));
  g_assert_cmpint (int_member (root, "participants"), ==, 3);
  g_assert_cmpint (int_member (root, "hands"), ==, 4);
  /* hr 2 + 1, pp 1 + 1, px 2: total 7. */
  g_assert_cmpint (int_member (root, "total"), ==, 7);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (root, "options")), ==, 3);

  /* 3/7 = 0.428571... -> 0.4286 */
  option = array_object (root, "options", 0);
  g_assert_cmpuint (json_object_get_size (option), ==, 3);
  g_assert_cmpstr (json_object_get_string_member (option, "option"), ==, "hr-as-a-service");
  g_assert_cmpint (int_member (option, "count"), ==, 3);
  g_assert_cmpfloat_with_epsilon (double_member (option, "share"), 0.4286, EPS);
  /* 2/7 = 0.285714... -> 0.2857 */
  option = array_object (root, "options", 1);
  g_assert_cmpstr (json_object_get_string_member (option, "option"), ==, "projects-as-products");
  g_assert_cmpint (int_member (option, "count"), ==, 2);
  g_assert_cmpfloat_with_epsilon (double_member (option, "share"), 0.2857, EPS);

  /* The rounded value is what lands in the file, not 0.42857142857142855. */
  option = array_object (root, "options", 0);
  g_assert_cmpfloat (double_member (option, "share"), ==, 0.4286);
  text = json_to_string (node, FALSE);
  g_assert_null (strstr (text, "0.42857"));

  cr_test_voting_clear (&f);
}

static void
test_json_dots (void)
{
  CrTestVoting f = { 0 };
  g_autoptr(CrTally) tally = NULL;
  g_autoptr(JsonNode) node = NULL;
  JsonObject *root, *option;
  CrRound *round;

  cr_test_voting_init (&f, "people-product-models", "Tally test", 2);
  round = cr_test_open_round (f.workshop, "target");
  vote (&f, round, 1, "px-as-a-product", NULL, 3, NULL);
  vote (&f, round, 2,
        "px-as-a-product", NULL, 1,
        "projects-as-products", NULL, 2,
        NULL);
  cr_test_reveal (f.workshop, round);

  tally = cr_tally_compute (f.template, round);
  node = cr_tally_to_json (tally);
  root = json_node_get_object (node);
  g_assert_cmpstr (json_object_get_string_member (root, "method"), ==, "dots");
  g_assert_cmpint (int_member (root, "total"), ==, 6);
  g_assert_cmpint (int_member (root, "hands"), ==, 0);

  /* hr 0 of 6: share an integer 0. */
  option = array_object (root, "options", 0);
  g_assert_cmpuint (json_object_get_size (option), ==, 3);
  g_assert_cmpint (int_member (option, "dots"), ==, 0);
  g_assert_cmpint (int_member (option, "share"), ==, 0);
  g_assert_false (json_object_has_member (option, "count"));
  /* pp 2/6 = 0.3333... */
  option = array_object (root, "options", 1);
  g_assert_cmpint (int_member (option, "dots"), ==, 2);
  g_assert_cmpfloat_with_epsilon (double_member (option, "share"), 0.3333, EPS);
  /* px 4/6 = 0.6666... -> 0.6667 */
  option = array_object (root, "options", 2);
  g_assert_cmpint (int_member (option, "dots"), ==, 4);
  g_assert_cmpfloat_with_epsilon (double_member (option, "share"), 0.6667, EPS);

  cr_test_voting_clear (&f);
}

static void
test_json_score (void)
{
  CrTestVoting f = { 0 };
  g_autoptr(CrTally) tally = NULL;
  g_autoptr(JsonNode) node = NULL;
  g_autofree char *text = NULL;
  JsonObject *root, *option, *criterion;
  JsonArray *criteria;
  CrRound *round;

  cr_test_voting_init (&f, "people-product-models", "Tally test", 2);
  round = cr_test_open_round (f.workshop, "fit");
  /* pp speed: 4 and 5: mean 4.5, spread 0.5; no other scores. */
  vote (&f, round, 1, "projects-as-products", "speed", 4, NULL);
  vote (&f, round, 2, "projects-as-products", "speed", 5, NULL);
  cr_test_reveal (f.workshop, round);

  tally = cr_tally_compute (f.template, round);
  node = cr_tally_to_json (tally);
  root = json_node_get_object (node);
  g_assert_cmpuint (json_object_get_size (root), ==, 8);
  g_assert_cmpstr (json_object_get_string_member (root, "method"), ==, "score");

  option = array_object (root, "options", 1);
  g_assert_cmpuint (json_object_get_size (option), ==, 4);
  g_assert_cmpstr (json_object_get_string_member (option, "option"), ==, "projects-as-products");
  /* Only speed was scored, so the overall is its mean whatever its weight;
   * the voters' overall are 4 and 5, spread 0.5. */
  g_assert_cmpfloat_with_epsilon (double_member (option, "overall"), 4.5, EPS);
  g_assert_cmpfloat_with_epsilon (double_member (option, "overall_spread"), 0.5, EPS);
  criteria = json_object_get_array_member (option, "criteria");
  g_assert_cmpuint (json_array_get_length (criteria), ==, 5);

  criterion = json_array_get_object_element (criteria, 2);
  g_assert_cmpuint (json_object_get_size (criterion), ==, 4);
  g_assert_cmpstr (json_object_get_string_member (criterion, "criterion"), ==, "speed");
  g_assert_cmpfloat_with_epsilon (double_member (criterion, "mean"), 4.5, EPS);
  g_assert_cmpfloat_with_epsilon (double_member (criterion, "spread"), 0.5, EPS);
  g_assert_cmpint (int_member (criterion, "n"), ==, 2);

  /* Unscored: null, never NaN. */
  criterion = json_array_get_object_element (criteria, 0);
  g_assert_cmpstr (json_object_get_string_member (criterion, "criterion"), ==, "user-centricity");
  assert_null_member (criterion, "mean");
  assert_null_member (criterion, "spread");
  g_assert_cmpint (int_member (criterion, "n"), ==, 0);
  option = array_object (root, "options", 0);
  assert_null_member (option, "overall");
  assert_null_member (option, "overall_spread");

  text = json_to_string (node, FALSE);
  g_assert_null (strstr (text, "nan"));
  g_assert_null (strstr (text, "NaN"));

  cr_test_voting_clear (&f);
}

static void
test_json_hidden (void)
{
  CrTestVoting f = { 0 };
  g_autoptr(CrTally) tally = NULL;
  g_autoptr(JsonNode) node = NULL;
  JsonObject *root;
  CrRound *round;

  cr_test_voting_init (&f, "people-product-models", "Tally test", 2);
  round = cr_test_open_round (f.workshop, "current");
  vote (&f, round, 1, "px-as-a-product", NULL, 1, NULL);
  vote (&f, round, 2, "px-as-a-product", NULL, 1, NULL);

  /* The tally itself is there for the facilitator's own view... */
  tally = cr_tally_compute (f.template, round);
  g_assert_false (tally->revealed);
  g_assert_cmpfloat_with_epsilon (tally->options[2].count, 2, EPS);

  /* ...but the export says only that the round exists. */
  node = cr_tally_to_json (tally);
  root = json_node_get_object (node);
  g_assert_cmpuint (json_object_get_size (root), ==, 3);
  g_assert_cmpstr (json_object_get_string_member (root, "question"), ==, "current");
  g_assert_cmpint (int_member (root, "number"), ==, 1);
  g_assert_true (json_object_has_member (root, "revealed"));
  g_assert_false (json_object_get_boolean_member (root, "revealed"));
  g_assert_false (json_object_has_member (root, "options"));
  g_assert_false (json_object_has_member (root, "total"));

  cr_test_voting_clear (&f);
}

static void
test_json_numbers (void)
{
  static const struct {
    double   value;
    gboolean integral;
    double   expected;
  } cases[] = {
    { 3.0, TRUE, 3 },
    { 0.0, TRUE, 0 },
    { -0.00001, TRUE, 0 },         /* rounds to zero, and never -0 */
    { 3.0 / 7.0, FALSE, 0.4286 },
    { -0.05, FALSE, -0.05 },
    { 2.99999, TRUE, 3 },          /* integral once rounded */
    { 1234567.0, TRUE, 1234567 },
    { 0.123449, FALSE, 0.1234 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();
      g_autoptr(JsonNode) node = NULL;
      g_autofree char *text = NULL;
      JsonNode *element;

      json_builder_begin_array (builder);
      cr_tally_json_add_number (builder, cases[i].value);
      json_builder_end_array (builder);
      node = json_builder_get_root (builder);
      element = json_array_get_element (json_node_get_array (node), 0);

      if (cases[i].integral)
        {
          g_assert_cmpint (json_node_get_value_type (element), ==, G_TYPE_INT64);
          g_assert_cmpint (json_node_get_int (element), ==, (gint64)cases[i].expected);
          text = json_to_string (element, FALSE);
          g_assert_cmpstr (text, !=, "-0");
        }
      else
        {
          g_assert_cmpint (json_node_get_value_type (element), ==, G_TYPE_DOUBLE);
          /* Exactly the double nearest to the 4-decimal literal. */
          g_assert_cmpfloat (json_node_get_double (element), ==, cases[i].expected);
        }
    }

  {
    g_autoptr(JsonBuilder) builder = json_builder_new ();
    g_autoptr(JsonNode) node = NULL;

    json_builder_begin_array (builder);
    cr_tally_json_add_number (builder, NAN);
    cr_tally_json_add_number (builder, INFINITY);
    json_builder_end_array (builder);
    node = json_builder_get_root (builder);
    g_assert_true (JSON_NODE_HOLDS_NULL (json_array_get_element (json_node_get_array (node), 0)));
    g_assert_true (JSON_NODE_HOLDS_NULL (json_array_get_element (json_node_get_array (node), 1)));
  }
}

/* ---- One count per person ------------------------------------------------ */

static double
total_of (CrTestVoting *f,
          CrRound      *round)
{
  g_autoptr(CrTally) tally = cr_tally_compute (f->template, round);

  return tally->total;
}

static int
hands_on (CrRound    *round,
          const char *option)
{
  const CrVote *votes;
  guint n_votes;

  votes = cr_round_get_votes (round, &n_votes);
  for (guint i = 0; i < n_votes; i++)
    if (votes[i].participant_id == 0 && g_strcmp0 (votes[i].option, option) == 0)
      return votes[i].value;
  return 0;
}

/* What a user saw: five people place their three dots by ballot, then
 * "Count Hands" adds two more and the reveal shows 17 dots. */
static void
test_ballots_then_hands (void)
{
  CrTestVoting f = { 0 };
  g_autofree char *refused = NULL;
  g_autofree char *too_many = NULL;
  CrRound *round;

  cr_test_voting_init (&f, "people-product-models", "Tally test", 5);
  round = cr_test_open_round (f.workshop, "target");
  for (guint who = 1; who <= 5; who++)
    vote (&f, round, who, "px-as-a-product", NULL, 2, "projects-as-products", NULL, 1, NULL);
  g_assert_cmpfloat_with_epsilon (total_of (&f, round), 15, EPS);

  refused = vote_refused (&f, round, 0, "px-as-a-product", NULL, 2, NULL);
  g_assert_nonnull (strstr (refused, "everyone has a ballot"));
  g_assert_cmpfloat_with_epsilon (total_of (&f, round), 15, EPS);
  g_assert_cmpint (hands_on (round, "px-as-a-product"), ==, 0);

  /* Two take their ballots back: two people may raise a hand per option,
   * one dot each, and five people never give more than 15 dots. */
  vote (&f, round, 4, NULL);
  vote (&f, round, 5, NULL);
  too_many = vote_refused (&f, round, 0, "px-as-a-product", NULL, 3, NULL);
  g_assert_nonnull (strstr (too_many, "only 2 people have no ballot"));
  vote (&f, round, 0,
        "hr-as-a-service", NULL, 2,
        "projects-as-products", NULL, 2,
        "px-as-a-product", NULL, 2,
        NULL);
  /* 3 ballots x 3 dots + 2 people x 3 hands = 15. */
  g_assert_cmpfloat_with_epsilon (total_of (&f, round), 15, EPS);

  /* A single choice: one hand each, however the hands spread. */
  {
    CrRound *current = cr_test_open_round (f.workshop, "current");
    g_autofree char *spread = NULL;

    vote (&f, current, 1, "hr-as-a-service", NULL, 1, NULL);
    vote (&f, current, 2, "hr-as-a-service", NULL, 1, NULL);
    spread = vote_refused (&f, current, 0,
                           "hr-as-a-service", NULL, 2,
                           "px-as-a-product", NULL, 2,
                           NULL);
    g_assert_nonnull (strstr (spread, "4 hands in all, but only 3 people have no ballot"));
    vote (&f, current, 0, "hr-as-a-service", NULL, 1, "px-as-a-product", NULL, 2, NULL);
    g_assert_cmpfloat_with_epsilon (total_of (&f, current), 5, EPS);
  }

  cr_test_voting_clear (&f);
}

/* Hands first: a ballot that would count one of those hands twice is
 * refused, and says to lower the hands first. */
static void
test_hands_then_ballots (void)
{
  CrTestVoting f = { 0 };
  g_autofree char *refused = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(CrParticipant) p5 = NULL;
  CrRound *round;

  cr_test_voting_init (&f, "people-product-models", "Tally test", 5);
  round = cr_test_open_round (f.workshop, "current");
  vote (&f, round, 0, "hr-as-a-service", NULL, 2, "px-as-a-product", NULL, 3, NULL);

  refused = vote_refused (&f, round, 1, "projects-as-products", NULL, 1, NULL);
  g_assert_nonnull (strstr (refused, "Lower the count of hands first"));
  g_assert_cmpint (cr_test_count_rows (cr_store_get_path (f.store), "votes"), ==, 2);
  g_assert_cmpfloat_with_epsilon (total_of (&f, round), 5, EPS);

  /* Nor can a person whose hand is counted leave the workshop. */
  p5 = g_object_ref (cr_workshop_find_participant (f.workshop, f.p[5]));
  cr_workshop_remove_participant (f.workshop, p5, &error);
  g_assert_error (error, CR_STORE_ERROR, CR_STORE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "Lower the count of hands there first"));
  g_assert_nonnull (cr_workshop_find_participant (f.workshop, f.p[5]));
  g_clear_error (&error);

  /* One hand fewer: P1's ballot fits, and may be changed. */
  vote (&f, round, 0, "hr-as-a-service", NULL, 1, "px-as-a-product", NULL, 3, NULL);
  vote (&f, round, 1, "projects-as-products", NULL, 1, NULL);
  vote (&f, round, 1, "hr-as-a-service", NULL, 1, NULL);
  g_assert_cmpfloat_with_epsilon (total_of (&f, round), 5, EPS);
  /* Everyone is counted once: P2 has no room left either. */
  g_free (vote_refused (&f, round, 2, "hr-as-a-service", NULL, 1, NULL));
  /* A participant with a ballot leaves with it, and the count still fits. */
  cr_workshop_remove_participant (f.workshop, cr_workshop_find_participant (f.workshop, f.p[1]), &error);
  g_assert_no_error (error);
  g_assert_cmpfloat_with_epsilon (total_of (&f, round), 4, EPS);

  cr_test_voting_clear (&f);
}

/* Undo walks back through states that each counted everyone once. */
static void
test_counts_with_undo (void)
{
  CrTestVoting f = { 0 };
  g_autoptr(GError) error = NULL;
  CrRound *round;

  cr_test_voting_init (&f, "people-product-models", "Tally test", 3);
  round = cr_test_open_round (f.workshop, "current");
  vote (&f, round, 1, "hr-as-a-service", NULL, 1, NULL);
  vote (&f, round, 2, "px-as-a-product", NULL, 1, NULL);
  vote (&f, round, 0, "hr-as-a-service", NULL, 1, NULL);
  g_assert_cmpfloat_with_epsilon (total_of (&f, round), 3, EPS);

  /* Undo the hand: 2 ballots, and still only one person may raise one. */
  cr_workshop_undo (f.workshop, &error);
  g_assert_no_error (error);
  g_assert_cmpint (hands_on (round, "hr-as-a-service"), ==, 0);
  g_free (vote_refused (&f, round, 0, "px-as-a-product", NULL, 2, NULL));

  /* Undo P2's ballot: now two hands fit, and P2's ballot no longer does. */
  cr_workshop_undo (f.workshop, &error);
  g_assert_no_error (error);
  vote (&f, round, 0, "px-as-a-product", NULL, 2, NULL);
  g_free (vote_refused (&f, round, 2, "px-as-a-product", NULL, 1, NULL));
  g_assert_cmpfloat_with_epsilon (total_of (&f, round), 3, EPS);

  /* Undo the hands: P2 votes by ballot after all. */
  cr_workshop_undo (f.workshop, &error);
  g_assert_no_error (error);
  vote (&f, round, 2, "px-as-a-product", NULL, 1, NULL);
  g_assert_cmpfloat_with_epsilon (total_of (&f, round), 2, EPS);

  /* And from the database, as a reload sees it. */
  {
    g_autoptr(CrWorkshop) reloaded = cr_workshop_load (f.store, cr_workshop_get_id (f.workshop), &error);
    g_autoptr(CrRound) again = NULL;

    g_assert_no_error (error);
    again = g_list_model_get_item (cr_workshop_get_rounds (reloaded), 0);
    g_assert_cmpfloat_with_epsilon (total_of (&f, again), 2, EPS);
    g_assert_cmpint (hands_on (again, "px-as-a-product"), ==, 0);
  }

  cr_test_voting_clear (&f);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/tally/single/hands", test_single_with_hands);
  g_test_add_func ("/tally/single/empty", test_single_empty);
  g_test_add_func ("/tally/dots/sum", test_dots);
  g_test_add_func ("/tally/score/weighted", test_score_weighted);
  g_test_add_func ("/tally/score/no-criteria", test_score_without_criteria);
  g_test_add_func ("/tally/partial-not-voted", test_partial_not_voted);
  g_test_add_func ("/tally/compare/single", test_compare);
  g_test_add_func ("/tally/compare/score", test_compare_score);
  g_test_add_func ("/tally/compare/empty-round", test_compare_empty_round);
  g_test_add_func ("/tally/json/single", test_json_single);
  g_test_add_func ("/tally/json/dots", test_json_dots);
  g_test_add_func ("/tally/json/score", test_json_score);
  g_test_add_func ("/tally/json/hidden", test_json_hidden);
  g_test_add_func ("/tally/json/numbers", test_json_numbers);
  g_test_add_func ("/tally/one-count/ballots-then-hands", test_ballots_then_hands);
  g_test_add_func ("/tally/one-count/hands-then-ballots", test_hands_then_ballots);
  g_test_add_func ("/tally/one-count/undo", test_counts_with_undo);

  return g_test_run ();
}
