/* test-recommend.c: fits, reasons, where to start and what to aim for
 *
 * The rule semantics are pinned down on a small template written here, with
 * every fit worked out by hand; the built-in people-product-models template
 * is then held to the domain's advice for contrasting organisations.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>

#include "cr-export.h"
#include "cr-recommend.h"
#include "cr-test-util.h"
#include "cr-workshop.h"

#define EPS 1e-9

#define HR "hr-as-a-service"
#define PP "projects-as-products"
#define PX "px-as-a-product"

/* Context tables */

static GHashTable *
context_new (void)
{
  return g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                (GDestroyNotify)cr_context_value_free);
}

static void
context_text (GHashTable *context,
              const char *field,
              const char *text)
{
  CrContextValue *value = g_new0 (CrContextValue, 1);

  value->text = g_strdup (text);
  g_hash_table_replace (context, g_strdup (field), value);
}

static void
context_number (GHashTable *context,
                const char *field,
                double      number)
{
  CrContextValue *value = g_new0 (CrContextValue, 1);

  value->is_number = TRUE;
  value->number = number;
  g_hash_table_replace (context, g_strdup (field), value);
}

/* The five factors of domain.md for people-product-models. */
static GHashTable *
organisation (double      headcount,
              const char *stage,
              const char *positioning,
              double      team_size,
              double      team_maturity,
              const char *team_makeup,
              const char *leader_mindset)
{
  GHashTable *context = context_new ();

  context_number (context, "headcount", headcount);
  context_text (context, "stage", stage);
  context_text (context, "positioning", positioning);
  context_number (context, "team_size", team_size);
  context_number (context, "team_maturity", team_maturity);
  context_text (context, "team_makeup", team_makeup);
  context_text (context, "leader_mindset", leader_mindset);
  return context;
}

/* cr_recommend() with one round's tally. */
static CrRecommendation *
recommend_with (CrTemplate *template,
                GHashTable *context,
                CrTally    *tally)
{
  g_autoptr(GPtrArray) tallies = g_ptr_array_new ();

  g_ptr_array_add (tallies, tally);
  return cr_recommend (template, context, tallies);
}

/* Assertions */

static const CrFit *
fit_of (const CrRecommendation *rec,
        const char             *option)
{
  const CrFit *fit = cr_recommendation_find_fit (rec, option);

  g_assert_nonnull (fit);
  return fit;
}

static const CrReason *
reason_at (GPtrArray *reasons,
           guint      i)
{
  g_assert_cmpuint (i, <, reasons->len);
  return g_ptr_array_index (reasons, i);
}

static void
assert_reason (GPtrArray  *reasons,
               guint       i,
               const char *text,
               const char *context,
               double      weight)
{
  const CrReason *reason = reason_at (reasons, i);

  g_assert_cmpstr (reason->text, ==, text);
  g_assert_cmpstr (reason->context, ==, context);
  g_assert_cmpfloat_with_epsilon (reason->weight, weight, EPS);
}

/* What must hold for every recommendation: a fit per option in template
 * order; the fit is the sum of its reasons; reasons strongest first and
 * each with a text. */
static void
assert_well_formed (CrTemplate             *template,
                    const CrRecommendation *rec)
{
  g_assert_cmpuint (rec->fits->len, ==, cr_template_get_n_options (template));

  for (guint o = 0; o < rec->fits->len; o++)
    {
      const CrFit *fit = g_ptr_array_index (rec->fits, o);
      double sum = 0.0;

      g_assert_true (fit->option == cr_template_get_option (template, o));
      for (guint i = 0; i < fit->reasons->len; i++)
        {
          const CrReason *reason = g_ptr_array_index (fit->reasons, i);

          g_assert_nonnull (reason->text);
          g_assert_cmpstr (reason->text, !=, "");
          sum += reason->weight;
          if (i > 0)
            g_assert_cmpfloat (fabs (reason->weight), <=,
                               fabs (((CrReason *)g_ptr_array_index (fit->reasons, i - 1))->weight));
        }
      g_assert_cmpfloat_with_epsilon (fit->fit, sum, EPS);
    }

  if (cr_template_is_ordered (template))
    {
      g_assert_nonnull (rec->start_with);
      g_assert_nonnull (rec->aim_for);
      /* Nobody is told to aim behind where they start. */
      g_assert_cmpint (cr_template_option_index (template, rec->aim_for), >=,
                       cr_template_option_index (template, rec->start_with));
      g_assert_cmpuint (rec->start_reasons->len, >, 0);
      g_assert_cmpuint (rec->aim_reasons->len, >, 0);
    }
  else
    {
      g_assert_null (rec->start_with);
      g_assert_null (rec->aim_for);
      g_assert_cmpuint (rec->start_reasons->len, ==, 0);
      g_assert_cmpuint (rec->aim_reasons->len, ==, 0);
      /* What it points to comes with its reasons, or not at all. */
      g_assert_cmpuint (rec->points_reasons->len > 0, ==, rec->points_to != NULL);
    }

  /* Before any round is revealed it rests on the context alone; after,
   * on the room's votes too, or alone when no context is answered. */
  if (rec->room->len == 0)
    g_assert_cmpint (rec->basis, ==, CR_BASIS_CONTEXT);
  else
    g_assert_cmpint (rec->basis, ==, rec->context_answered ? CR_BASIS_CONTEXT_AND_ROOM : CR_BASIS_ROOM);
}

/* A small template that exercises every kind of rule */

static CrTemplate *
rules_template_with_budget (const char *aim_question,
                            int         budget)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *json = g_strdup_printf (
    "{ \"format\": \"crossroads-template\", \"version\": 1,"
    "  \"id\": \"rules-test\", \"title\": \"Rules test\", \"ordered\": true,"
    "  \"options\": ["
    "    { \"id\": \"a\", \"title\": \"A\", \"summary\": \"First stage\" },"
    "    { \"id\": \"b\", \"title\": \"B\", \"summary\": \"Second stage\" },"
    "    { \"id\": \"c\", \"title\": \"C\", \"summary\": \"Last stage\" } ],"
    "  \"context\": ["
    "    { \"id\": \"size\", \"label\": \"Size\", \"kind\": \"number\" },"
    "    { \"id\": \"kind\", \"label\": \"Kind\", \"kind\": \"choice\","
    "      \"choices\": [ { \"id\": \"x\", \"label\": \"X\" }, { \"id\": \"y\", \"label\": \"Y\" } ] },"
    "    { \"id\": \"maturity\", \"label\": \"Maturity\", \"kind\": \"scale\", \"min\": 1, \"max\": 5 },"
    "    { \"id\": \"note\", \"label\": \"Note\", \"kind\": \"text\" } ],"
    "  \"questions\": ["
    "    { \"id\": \"pick\", \"prompt\": \"Pick one\", \"method\": \"single\" },"
    "    { \"id\": \"spread\", \"prompt\": \"Place dots\", \"method\": \"dots\", \"budget\": %d },"
    "    { \"id\": \"rate\", \"prompt\": \"Rate each\", \"method\": \"score\","
    "      \"scale\": { \"min\": 1, \"max\": 5 } } ],"
    "  \"recommendation\": {"
    "    \"rules\": ["
    "      { \"when\": {}, \"favours\": { \"a\": 1 }, \"because\": \"Always\" },"
    "      { \"when\": { \"context\": \"size\", \"min\": 10, \"max\": 100 },"
    "        \"favours\": { \"b\": 2, \"c\": -1 }, \"because\": \"Mid size\" },"
    "      { \"when\": { \"context\": \"size\", \"min\": 100 },"
    "        \"favours\": { \"c\": 3 }, \"because\": \"Large\" },"
    "      { \"when\": { \"context\": \"kind\", \"equals\": \"x\" },"
    "        \"favours\": { \"a\": -4 }, \"because\": \"Kind x\" },"
    "      { \"when\": { \"context\": \"maturity\", \"max\": 2 },"
    "        \"favours\": { \"a\": 0.5 }, \"because\": \"Low maturity\" },"
    "      { \"when\": { \"context\": \"note\", \"equals\": \"hello\" },"
    "        \"favours\": { \"b\": 1 }, \"because\": \"Greeted\" } ],"
    "    \"aim\": { \"question\": \"%s\", \"destination_weight\": 1, \"vote_weight\": 2 } } }",
    budget, aim_question);
  g_autoptr(GBytes) bytes = g_bytes_new (json, strlen (json));
  CrTemplate *template = cr_template_new_from_bytes (bytes, &error);

  g_assert_no_error (error);
  g_assert_nonnull (template);
  return template;
}

static CrTemplate *
rules_template (const char *aim_question)
{
  return rules_template_with_budget (aim_question, 3);
}

static void
test_rules_bounds_inclusive (void)
{
  g_autoptr(CrTemplate) template = rules_template ("spread");
  g_autoptr(GHashTable) context = context_new ();
  g_autoptr(CrRecommendation) rec = NULL;
  const CrFit *a, *b, *c;

  /* size 100 is inside [10, 100] and [100, ...]; maturity 2 is inside
   * [..., 2]; kind y misses "x"; the note matches. */
  context_number (context, "size", 100);
  context_text (context, "kind", "y");
  context_number (context, "maturity", 2);
  context_text (context, "note", "hello");

  rec = cr_recommend (template, context, NULL);
  assert_well_formed (template, rec);
  a = fit_of (rec, "a");
  b = fit_of (rec, "b");
  c = fit_of (rec, "c");

  /* a: Always 1 + Low maturity 0.5 = 1.5 */
  g_assert_cmpfloat_with_epsilon (a->fit, 1.5, EPS);
  g_assert_cmpuint (a->reasons->len, ==, 2);
  assert_reason (a->reasons, 0, "Always", NULL, 1);
  assert_reason (a->reasons, 1, "Low maturity", "maturity", 0.5);
  /* b: Mid size 2 + Greeted 1 = 3 */
  g_assert_cmpfloat_with_epsilon (b->fit, 3, EPS);
  g_assert_cmpuint (b->reasons->len, ==, 2);
  assert_reason (b->reasons, 0, "Mid size", "size", 2);
  assert_reason (b->reasons, 1, "Greeted", "note", 1);
  /* c: Mid size -1 + Large 3 = 2; Large first, |3| > |-1| */
  g_assert_cmpfloat_with_epsilon (c->fit, 2, EPS);
  g_assert_cmpuint (c->reasons->len, ==, 2);
  assert_reason (c->reasons, 0, "Large", "size", 3);
  assert_reason (c->reasons, 1, "Mid size", "size", -1);

  /* Start at the best fit, b (+3). Its reason is the fit with your context
   * alone, weighing the template's context weight (1) times 3 / 3; the
   * rules behind it stay with the fit, listed once. */
  g_assert_cmpstr (rec->start_with, ==, "b");
  g_assert_cmpuint (rec->start_reasons->len, ==, 1);
  assert_reason (rec->start_reasons, 0, "Best fit with your context: +3", NULL, 1);
  g_assert_cmpint (reason_at (rec->start_reasons, 0)->kind, ==, CR_REASON_CONTEXT);
  g_assert_cmpint (rec->basis, ==, CR_BASIS_CONTEXT);
  g_assert_cmpfloat_with_epsilon (fit_of (rec, "a")->context_strength, 0.5, EPS);
  g_assert_cmpfloat_with_epsilon (fit_of (rec, "c")->context_strength, 2.0 / 3.0, EPS);

  /* No votes: aim scores b 0, c 1 (the destination), so aim for c. */
  g_assert_cmpstr (rec->aim_for, ==, "c");
  g_assert_cmpuint (rec->aim_reasons->len, ==, 1);
  assert_reason (rec->aim_reasons, 0, "The long-term destination of the stages", NULL, 1);
}

static void
test_rules_misses (void)
{
  g_autoptr(CrTemplate) template = rules_template ("spread");
  g_autoptr(GHashTable) context = context_new ();
  g_autoptr(CrRecommendation) rec = NULL;
  const CrFit *a, *b, *c;

  /* Just under the lower bound; maturity just over the upper one; kind x;
   * a note that is not "hello". */
  context_number (context, "size", 9.99);
  context_text (context, "kind", "x");
  context_number (context, "maturity", 3);
  context_text (context, "note", "Hello");

  rec = cr_recommend (template, context, NULL);
  assert_well_formed (template, rec);
  a = fit_of (rec, "a");
  b = fit_of (rec, "b");
  c = fit_of (rec, "c");

  /* a: Kind x -4 + Always 1 = -3, the negative one first by strength. */
  g_assert_cmpfloat_with_epsilon (a->fit, -3, EPS);
  g_assert_cmpuint (a->reasons->len, ==, 2);
  assert_reason (a->reasons, 0, "Kind x", "kind", -4);
  assert_reason (a->reasons, 1, "Always", NULL, 1);
  g_assert_cmpfloat_with_epsilon (b->fit, 0, EPS);
  g_assert_cmpuint (b->reasons->len, ==, 0);
  g_assert_cmpfloat_with_epsilon (c->fit, 0, EPS);
  g_assert_cmpuint (c->reasons->len, ==, 0);

  /* b and c tie at 0 with no positive reasons: the earlier stage. */
  g_assert_cmpstr (rec->start_with, ==, "b");
}

static void
test_rules_value_kinds (void)
{
  g_autoptr(CrTemplate) template = rules_template ("spread");
  g_autoptr(GHashTable) context = context_new ();
  g_autoptr(CrRecommendation) rec = NULL;

  /* A number written as text does not satisfy min/max, a number does not
   * satisfy "equals", and an empty text is no answer. */
  context_text (context, "size", "100");
  context_number (context, "kind", 1);
  context_text (context, "note", "");

  rec = cr_recommend (template, context, NULL);
  assert_well_formed (template, rec);
  /* Only "Always" matched. */
  g_assert_cmpfloat_with_epsilon (fit_of (rec, "a")->fit, 1, EPS);
  g_assert_cmpuint (fit_of (rec, "a")->reasons->len, ==, 1);
  g_assert_cmpuint (fit_of (rec, "b")->reasons->len, ==, 0);
  g_assert_cmpuint (fit_of (rec, "c")->reasons->len, ==, 0);
}

static void
test_rules_start_tie (void)
{
  g_autoptr(CrTemplate) template = rules_template ("spread");
  g_autoptr(GHashTable) context = context_new ();
  g_autoptr(CrRecommendation) rec = NULL;

  /* size 100: a 1 (Always); b 2 (Mid size); c -1 + 3 = 2. b and c tie at 2,
   * but c's positive reasons add up to 3 against b's 2: start at c. */
  context_number (context, "size", 100);

  rec = cr_recommend (template, context, NULL);
  assert_well_formed (template, rec);
  g_assert_cmpfloat_with_epsilon (fit_of (rec, "b")->fit, 2, EPS);
  g_assert_cmpfloat_with_epsilon (fit_of (rec, "c")->fit, 2, EPS);
  g_assert_cmpstr (rec->start_with, ==, "c");
  assert_reason (rec->start_reasons, 0, "Best fit with your context: +2", NULL, 1);
  g_assert_cmpuint (rec->start_reasons->len, ==, 1);
  /* The only candidate for the aim is c itself. */
  g_assert_cmpstr (rec->aim_for, ==, "c");
}

static void
test_rules_no_context (void)
{
  g_autoptr(CrTemplate) template = rules_template ("spread");
  g_autoptr(GHashTable) empty = context_new ();
  g_autoptr(CrRecommendation) rec = NULL;
  g_autoptr(CrRecommendation) rec_empty = NULL;

  /* Without answers only "when": {} applies: a 1, b 0, c 0. */
  rec = cr_recommend (template, NULL, NULL);
  rec_empty = cr_recommend (template, empty, NULL);
  assert_well_formed (template, rec);
  assert_well_formed (template, rec_empty);

  g_assert_cmpfloat_with_epsilon (fit_of (rec, "a")->fit, 1, EPS);
  g_assert_cmpfloat_with_epsilon (fit_of (rec, "b")->fit, 0, EPS);
  g_assert_cmpstr (rec->start_with, ==, "a");
  g_assert_cmpstr (rec->aim_for, ==, "c");
  g_assert_cmpstr (rec_empty->start_with, ==, "a");
  g_assert_cmpfloat_with_epsilon (fit_of (rec_empty, "a")->fit, 1, EPS);
}

/* Workshops with real rounds, for the target votes */

static void
test_rules_aim_ties_go_later (void)
{
  g_autoptr(CrTemplate) template = rules_template ("spread");
  g_autoptr(CrTally) target = NULL;
  g_autoptr(CrRecommendation) rec = NULL;
  CrTestVoting f = { 0 };
  CrRound *round;

  cr_test_voting_init_with (&f, template, "Recommendation test", 2);
  round = cr_test_open_round (f.workshop, "spread");
  /* a 3 dots, b 3 dots, c none: shares 0.5, 0.5, 0. */
  cr_test_vote (&f, round, 1, "a", 3, NULL);
  cr_test_vote (&f, round, 2, "b", 3, NULL);
  cr_test_reveal (f.workshop, round);
  target = cr_tally_compute (template, round);

  /* Start at a (no context). Aim scores: a 2 * 0.5 = 1, b 2 * 0.5 = 1,
   * c 1 + 0 = 1: a three-way tie, which goes to the latest stage. */
  rec = recommend_with (template, NULL, target);
  assert_well_formed (template, rec);
  g_assert_cmpstr (rec->start_with, ==, "a");
  g_assert_cmpstr (rec->aim_for, ==, "c");
  g_assert_cmpuint (rec->aim_reasons->len, ==, 1);
  assert_reason (rec->aim_reasons, 0, "The long-term destination of the stages", NULL, 1);

  cr_test_voting_clear (&f);
}

static void
test_rules_aim_votes (void)
{
  g_autoptr(CrTemplate) template = rules_template ("spread");
  g_autoptr(CrTally) target = NULL;
  g_autoptr(CrTally) hidden = NULL;
  g_autoptr(CrTally) other = NULL;
  g_autoptr(CrRecommendation) rec = NULL;
  g_autoptr(CrRecommendation) rec_hidden = NULL;
  g_autoptr(CrRecommendation) rec_other = NULL;
  CrTestVoting f = { 0 };
  CrRound *round, *second, *pick;

  cr_test_voting_init_with (&f, template, "Recommendation test", 3);
  round = cr_test_open_round (f.workshop, "spread");
  /* b 3 + 2 = 5 dots, c 1: shares 5/6 and 1/6. */
  cr_test_vote (&f, round, 1, "b", 3, NULL);
  cr_test_vote (&f, round, 2, "b", 2, "c", 1, NULL);
  cr_test_reveal (f.workshop, round);
  target = cr_tally_compute (template, round);

  /* Start a. Aim: a 0, b 2 * 5/6 = 1.6667, c 1 + 2 * 1/6 = 1.3333: b. */
  rec = recommend_with (template, NULL, target);
  assert_well_formed (template, rec);
  g_assert_cmpstr (rec->aim_for, ==, "b");
  g_assert_cmpuint (rec->aim_reasons->len, ==, 1);
  /* 5/6 = 83.3 % */
  assert_reason (rec->aim_reasons, 0, "The room put 83 % of its target dots here", NULL, 10.0 / 6.0);

  /* The same votes in a round not yet revealed must not show through. */
  second = cr_test_open_round (f.workshop, "spread");
  cr_test_vote (&f, second, 1, "b", 3, NULL);
  hidden = cr_tally_compute (template, second);
  rec_hidden = recommend_with (template, NULL, hidden);
  g_assert_cmpstr (rec_hidden->aim_for, ==, "c");

  /* Nor does a round of a question other than the aim's. */
  pick = cr_test_open_round (f.workshop, "pick");
  cr_test_vote (&f, pick, 1, "b", 1, NULL);
  cr_test_reveal (f.workshop, pick);
  other = cr_tally_compute (template, pick);
  rec_other = recommend_with (template, NULL, other);
  g_assert_cmpstr (rec_other->aim_for, ==, "c");

  cr_test_voting_clear (&f);
}

static void
test_rules_aim_scores (void)
{
  g_autoptr(CrTemplate) template = rules_template ("rate");
  g_autoptr(CrTally) target = NULL;
  g_autoptr(CrRecommendation) rec = NULL;
  CrTestVoting f = { 0 };
  CrRound *round;

  cr_test_voting_init_with (&f, template, "Recommendation test", 2);
  round = cr_test_open_round (f.workshop, "rate");
  /* Means: a 5, b 3, c 1 on a 1..5 scale, placed at 1, 0.5 and 0 of the
   * scale; divided by their sum 1.5: shares 2/3, 1/3, 0. */
  cr_test_vote (&f, round, 1, "a", 5, "b", 2, "c", 1, NULL);
  cr_test_vote (&f, round, 2, "a", 5, "b", 4, "c", 1, NULL);
  cr_test_reveal (f.workshop, round);
  target = cr_tally_compute (template, round);

  /* Start a. Aim: a 2 * 2/3 = 1.3333, b 2 * 1/3 = 0.6667, c 1 + 0 = 1: a. */
  rec = recommend_with (template, NULL, target);
  assert_well_formed (template, rec);
  g_assert_cmpstr (rec->start_with, ==, "a");
  g_assert_cmpstr (rec->aim_for, ==, "a");
  g_assert_cmpuint (rec->aim_reasons->len, ==, 1);
  assert_reason (rec->aim_reasons, 0, "It drew 67 % of the room's target scores", NULL, 4.0 / 3.0);

  cr_test_voting_clear (&f);
}

/* The built-in template against the domain's advice */

static CrTemplate *
people_template (void)
{
  g_autoptr(GError) error = NULL;
  CrTemplate *template = cr_template_lookup_builtin ("people-product-models", &error);

  g_assert_no_error (error);
  g_assert_true (cr_template_is_ordered (template));
  g_assert_cmpstr (cr_template_get_option (template, 0)->id, ==, HR);
  g_assert_cmpstr (cr_template_get_option (template, 1)->id, ==, PP);
  g_assert_cmpstr (cr_template_get_option (template, 2)->id, ==, PX);
  return template;
}

/* Every option that a matched rule names carries that rule as a reason. */
static void
assert_reasons_where_rules_matched (CrTemplate             *template,
                                    const CrRecommendation *rec)
{
  for (guint o = 0; o < rec->fits->len; o++)
    {
      const CrFit *fit = g_ptr_array_index (rec->fits, o);

      if (fit->fit != 0)
        g_assert_cmpuint (fit->reasons->len, >, 0);
    }
}

static void
test_people_startup (void)
{
  g_autoptr(CrTemplate) template = people_template ();
  g_autoptr(GHashTable) context = organisation (40, "start-up", "strategic", 2, 3,
                                                "lean-generalists", "product");
  g_autoptr(CrRecommendation) rec = cr_recommend (template, context, NULL);
  const CrFit *px = fit_of (rec, PX);

  assert_well_formed (template, rec);
  assert_reasons_where_rules_matched (template, rec);

  /* Little legacy, lean generalists, a product-led leader: go straight for
   * the whole experience. By hand, rule by rule:
   *   always: pp +1
   *   headcount <= 150: px +2, pp +1
   *   start-up: px +3, hr -2
   *   strategic: px +2, pp +1
   *   team_size <= 5: px +1
   *   team_maturity 3: pp +1
   *   lean-generalists: px +2
   *   product: px +2, pp +1
   * px 12 (6 reasons), pp 5 (5 reasons), hr -2 (1 reason). */
  g_assert_cmpstr (rec->start_with, ==, PX);
  g_assert_cmpstr (rec->aim_for, ==, PX);
  g_assert_cmpfloat_with_epsilon (px->fit, 12, EPS);
  g_assert_cmpfloat_with_epsilon (fit_of (rec, PP)->fit, 5, EPS);
  g_assert_cmpfloat_with_epsilon (fit_of (rec, HR)->fit, -2, EPS);
  g_assert_cmpuint (px->reasons->len, ==, 6);
  g_assert_cmpuint (fit_of (rec, PP)->reasons->len, ==, 5);
  g_assert_cmpuint (fit_of (rec, HR)->reasons->len, ==, 1);
  /* The start-up stage is the strongest reason. */
  g_assert_cmpstr (reason_at (px->reasons, 0)->context, ==, "stage");
  g_assert_cmpfloat_with_epsilon (reason_at (px->reasons, 0)->weight, 3, EPS);
  assert_reason (rec->start_reasons, 0, "Best fit with your context: +12", NULL,
                 cr_template_get_context_weight (template));
}

static void
test_people_enterprise (void)
{
  g_autoptr(CrTemplate) template = people_template ();
  g_autoptr(GHashTable) context = organisation (20000, "enterprise", "support", 150, 2,
                                                "siloed-specialists", "procurement");
  g_autoptr(CrRecommendation) rec = cr_recommend (template, context, NULL);
  gboolean found_stage = FALSE;

  assert_well_formed (template, rec);
  assert_reasons_where_rules_matched (template, rec);

  /* Classic HR in silos, run as a cost centre: begin with model 1 or 2
   * and hold model 3 as the destination. By hand, rule by rule:
   *   always: pp +1
   *   headcount >= 5000: hr +2, pp +1, px -2
   *   enterprise: hr +2, pp +1, px -2
   *   support: hr +2, px -1
   *   team_size >= 31: hr +1, pp +1
   *   team_maturity <= 2: hr +1, px -1
   *   siloed-specialists: hr +2, px -2
   *   procurement: hr +2, px -1
   * hr 12 (7 reasons), pp 4 (4 reasons), px -9 (6 reasons). */
  g_assert_true (g_str_equal (rec->start_with, PP) || g_str_equal (rec->start_with, HR));
  g_assert_cmpstr (rec->aim_for, ==, PX);
  g_assert_cmpfloat_with_epsilon (fit_of (rec, HR)->fit, 12, EPS);
  g_assert_cmpfloat_with_epsilon (fit_of (rec, PP)->fit, 4, EPS);
  g_assert_cmpfloat_with_epsilon (fit_of (rec, PX)->fit, -9, EPS);
  g_assert_cmpuint (fit_of (rec, HR)->reasons->len, ==, 7);
  g_assert_cmpuint (fit_of (rec, PP)->reasons->len, ==, 4);
  g_assert_cmpuint (fit_of (rec, PX)->reasons->len, ==, 6);

  /* The enterprise stage is one of the reasons for model 1. */
  for (guint i = 0; i < fit_of (rec, HR)->reasons->len; i++)
    if (g_strcmp0 (reason_at (fit_of (rec, HR)->reasons, i)->context, "stage") == 0)
      found_stage = TRUE;
  g_assert_true (found_stage);
  assert_reason (rec->aim_reasons, 0, "The long-term destination of the stages", NULL,
                 cr_template_get_aim (template)->destination_weight);
}

static void
test_people_scaleup (void)
{
  g_autoptr(CrTemplate) template = people_template ();
  g_autoptr(GHashTable) context = organisation (400, "scale-up", "strategic", 8, 3,
                                                "mixed", "product");
  g_autoptr(CrRecommendation) rec = cr_recommend (template, context, NULL);

  assert_well_formed (template, rec);
  assert_reasons_where_rules_matched (template, rec);

  /* Growth mode and a strategic, product-minded People team: model 3 fits
   * better than model 1, and is where to aim. */
  g_assert_true (g_str_equal (rec->start_with, PP) || g_str_equal (rec->start_with, PX));
  g_assert_cmpstr (rec->aim_for, ==, PX);
  g_assert_cmpfloat (fit_of (rec, PX)->fit, >, fit_of (rec, HR)->fit);
}

/* The domain: model 3 is found in start-ups and scale-ups with little HR
 * legacy and lean teams of generalists. A growing scale-up of lean
 * generalists, People a strategic partner with a product-minded leader,
 * fits it best from the context alone. */
static void
test_people_scaleup_lean (void)
{
  g_autoptr(CrTemplate) template = people_template ();
  const double headcounts[] = { 250, 400 };
  const double team_sizes[] = { 4, 8 };

  for (guint i = 0; i < G_N_ELEMENTS (headcounts); i++)
    {
      g_autoptr(GHashTable) context = organisation (headcounts[i], "scale-up", "strategic", team_sizes[i], 3,
                                                    "lean-generalists", "product");
      g_autoptr(CrRecommendation) rec = cr_recommend (template, context, NULL);

      assert_well_formed (template, rec);
      g_assert_cmpstr (rec->start_with, ==, PX);
      g_assert_cmpstr (rec->aim_for, ==, PX);
      g_assert_cmpfloat (fit_of (rec, PX)->fit, >, fit_of (rec, PP)->fit);
      g_assert_cmpfloat (fit_of (rec, PX)->fit, >, fit_of (rec, HR)->fit);
    }
}

static void
test_people_smb (void)
{
  g_autoptr(CrTemplate) template = people_template ();
  g_autoptr(GHashTable) context = organisation (150, "smb", "support", 3, 2,
                                                "mixed", "procurement");
  g_autoptr(CrRecommendation) rec = cr_recommend (template, context, NULL);

  assert_well_formed (template, rec);
  assert_reasons_where_rules_matched (template, rec);

  /* Not starting from zero, not in growth mode: model 2, the first step
   * that suits any size. */
  g_assert_cmpstr (rec->start_with, ==, PP);
  g_assert_cmpstr (rec->aim_for, ==, PX);
}

static void
test_people_empty_context (void)
{
  g_autoptr(CrTemplate) template = people_template ();
  g_autoptr(GHashTable) context = context_new ();
  g_autoptr(CrRecommendation) rec = cr_recommend (template, context, NULL);

  assert_well_formed (template, rec);

  /* Knowing nothing, the safe advice: model 2 first, model 3 in the end. */
  g_assert_cmpstr (rec->start_with, ==, PP);
  g_assert_cmpstr (rec->aim_for, ==, PX);
}

static void
test_people_mid_enterprise (void)
{
  g_autoptr(CrTemplate) template = people_template ();
  g_autoptr(GHashTable) context = organisation (3000, "enterprise", "strategic", 30, 4,
                                                "mixed", "product");
  g_autoptr(CrRecommendation) rec = cr_recommend (template, context, NULL);

  assert_well_formed (template, rec);
  assert_reasons_where_rules_matched (template, rec);

  /* Established, but already a strategic partner with a product-led leader:
   * products first, model 1 not worth a detour. */
  g_assert_cmpstr (rec->start_with, ==, PP);
  g_assert_cmpstr (rec->aim_for, ==, PX);
  g_assert_cmpfloat (fit_of (rec, PP)->fit, >, fit_of (rec, HR)->fit);
}

/* A reason prints its share as every chart does: 699 dots of 700 are not
 * "100 %" but ">99 %". */
static void
test_rules_aim_share_rule (void)
{
  g_autoptr(CrTemplate) template = rules_template_with_budget ("spread", 100);
  g_autoptr(CrTally) target = NULL;
  g_autoptr(CrRecommendation) rec = NULL;
  CrTestVoting f = { 0 };
  CrRound *round;

  cr_test_voting_init_with (&f, template, "Recommendation test", 7);
  round = cr_test_open_round (f.workshop, "spread");
  for (guint who = 1; who <= 6; who++)
    cr_test_vote (&f, round, who, "b", 100, NULL);
  cr_test_vote (&f, round, 7, "b", 99, "c", 1, NULL);
  cr_test_reveal (f.workshop, round);
  target = cr_tally_compute (template, round);

  rec = recommend_with (template, NULL, target);
  g_assert_cmpstr (rec->aim_for, ==, "b");
  assert_reason (rec->aim_reasons, 0, "The room put >99 % of its target dots here", NULL, 2.0 * 699 / 700);

  cr_test_voting_clear (&f);
}

/* The room's target dots on an established organisation that starts with
 * projects as products. */
static CrRecommendation *
recommend_with_target (CrTemplate *template,
                       int         pp_dots_per_participant[4],
                       int         hr_dots_per_participant[4],
                       int         px_dots_per_participant[4],
                       double     *pp_share)
{
  g_autoptr(GHashTable) context = organisation (3000, "enterprise", "strategic", 30, 4,
                                                "mixed", "product");
  g_autoptr(CrTally) target = NULL;
  CrTestVoting f = { 0 };
  CrRecommendation *rec;
  CrRound *round;

  cr_test_voting_init_with (&f, template, "Recommendation test", 4);
  round = cr_test_open_round (f.workshop, "target");
  for (guint i = 0; i < 4; i++)
    {
      g_autoptr(GArray) votes = g_array_new (FALSE, TRUE, sizeof (CrVote));
      g_autoptr(GError) error = NULL;
      const char *ids[] = { HR, PP, PX };
      int dots[] = { hr_dots_per_participant[i], pp_dots_per_participant[i], px_dots_per_participant[i] };

      for (guint o = 0; o < 3; o++)
        if (dots[o] > 0)
          {
            CrVote v = { f.p[i + 1], g_intern_string (ids[o]), NULL, dots[o] };

            g_array_append_val (votes, v);
          }
      cr_workshop_record_votes (f.workshop, round, f.p[i + 1],
                                (const CrVote *)(gpointer)votes->data, votes->len, &error);
      g_assert_no_error (error);
    }
  cr_test_reveal (f.workshop, round);

  target = cr_tally_compute (template, round);
  *pp_share = cr_tally_find_option (target, PP)->share;
  rec = recommend_with (template, context, target);

  cr_test_voting_clear (&f);
  return rec;
}

static void
test_people_target_votes (void)
{
  g_autoptr(CrTemplate) template = people_template ();
  const CrAimRule *aim = cr_template_get_aim (template);
  g_autoptr(CrRecommendation) strong = NULL;
  g_autoptr(CrRecommendation) weak = NULL;
  g_autofree char *expected = NULL;
  double share = 0;

  g_assert_nonnull (aim);
  g_assert_cmpstr (aim->question, ==, "target");
  /* The arithmetic below: the destination pulls with D, a share s of the
   * dots with V * s. 90 % on pp beats px when V * 0.9 > D + V * 0.1, that is
   * D < 0.8 V; 40 % on pp (none on px) must not, so D >= 0.4 V. */
  g_assert_cmpfloat (aim->destination_weight, <, 0.8 * aim->vote_weight);
  g_assert_cmpfloat (aim->destination_weight, >=, 0.4 * aim->vote_weight);

  /* 9 of 10 dots on projects as products, 1 on px. */
  strong = recommend_with_target (template,
                                  (int[]) { 3, 3, 3, 0 },
                                  (int[]) { 0, 0, 0, 0 },
                                  (int[]) { 0, 0, 0, 1 },
                                  &share);
  g_assert_cmpfloat_with_epsilon (share, 0.9, EPS);
  assert_well_formed (template, strong);
  g_assert_cmpstr (strong->start_with, ==, PP);
  g_assert_cmpstr (strong->aim_for, ==, PP);
  expected = g_strdup ("The room put 90 % of its target dots here");
  assert_reason (strong->aim_reasons, 0, expected, NULL, aim->vote_weight * 0.9);

  /* 4 of 10 on projects as products, 6 on model 1 (behind the start, so
   * it cannot be the aim), none on px: the destination holds. */
  weak = recommend_with_target (template,
                                (int[]) { 3, 1, 0, 0 },
                                (int[]) { 0, 2, 3, 1 },
                                (int[]) { 0, 0, 0, 0 },
                                &share);
  g_assert_cmpfloat_with_epsilon (share, 0.4, EPS);
  assert_well_formed (template, weak);
  g_assert_cmpstr (weak->start_with, ==, PP);
  g_assert_cmpstr (weak->aim_for, ==, PX);
  assert_reason (weak->aim_reasons, 0, "The long-term destination of the stages", NULL,
                 aim->destination_weight);
}

static void
test_people_workshop (void)
{
  g_autoptr(CrTemplate) template = people_template ();
  g_autoptr(CrRecommendation) rec = NULL;
  g_autoptr(GError) error = NULL;
  CrTestVoting f = { 0 };
  CrContextValue stage = { FALSE, 0, (char *)"start-up" };
  CrContextValue makeup = { FALSE, 0, (char *)"lean-generalists" };
  CrContextValue mindset = { FALSE, 0, (char *)"product" };
  CrContextValue headcount = { TRUE, 40, NULL };
  CrRound *round;

  /* The same advice from a workshop's own context and revealed votes. */
  cr_test_voting_init_with (&f, template, "Recommendation test", 2);
  cr_workshop_set_context (f.workshop, "stage", &stage, &error);
  g_assert_no_error (error);
  cr_workshop_set_context (f.workshop, "team_makeup", &makeup, &error);
  g_assert_no_error (error);
  cr_workshop_set_context (f.workshop, "leader_mindset", &mindset, &error);
  g_assert_no_error (error);
  cr_workshop_set_context (f.workshop, "headcount", &headcount, &error);
  g_assert_no_error (error);

  round = cr_test_open_round (f.workshop, "target");
  cr_test_vote (&f, round, 1, PX, 3, NULL);
  cr_test_vote (&f, round, 2, PX, 2, PP, 1, NULL);
  cr_test_reveal (f.workshop, round);

  rec = cr_recommend_workshop (f.workshop);
  assert_well_formed (template, rec);
  g_assert_cmpstr (rec->start_with, ==, PX);
  g_assert_cmpstr (rec->aim_for, ==, PX);
  /* px: destination D, and 5 of 6 dots. */
  g_assert_cmpuint (rec->aim_reasons->len, ==, 2);
  {
    const CrAimRule *aim = cr_template_get_aim (template);
    double from_votes = aim->vote_weight * 5.0 / 6.0;
    const char *votes_text = "The room put 83 % of its target dots here";
    const char *destination_text = "The long-term destination of the stages";

    /* Strongest first. */
    if (from_votes >= aim->destination_weight)
      {
        assert_reason (rec->aim_reasons, 0, votes_text, NULL, from_votes);
        assert_reason (rec->aim_reasons, 1, destination_text, NULL, aim->destination_weight);
      }
    else
      {
        assert_reason (rec->aim_reasons, 0, destination_text, NULL, aim->destination_weight);
        assert_reason (rec->aim_reasons, 1, votes_text, NULL, from_votes);
      }
  }

  cr_test_voting_clear (&f);
}

static void
test_vocabulary_unordered (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CrTemplate) template = cr_template_lookup_builtin ("product-led-vocabulary", &error);
  g_autoptr(CrRecommendation) rec = NULL;
  g_autoptr(JsonNode) node = NULL;
  JsonObject *root;

  g_assert_no_error (error);
  g_assert_false (cr_template_is_ordered (template));

  rec = cr_recommend (template, NULL, NULL);
  assert_well_formed (template, rec);
  g_assert_cmpuint (rec->fits->len, ==, 3);
  g_assert_nonnull (cr_recommendation_find_fit (rec, "product-led-organisation"));
  g_assert_nonnull (cr_recommendation_find_fit (rec, "product-operating-model"));
  g_assert_nonnull (cr_recommendation_find_fit (rec, "product-led-growth"));
  g_assert_null (cr_recommendation_find_fit (rec, PX));
  g_assert_null (rec->start_with);
  g_assert_null (rec->aim_for);

  node = cr_recommendation_to_json (rec);
  root = json_node_get_object (node);
  g_assert_true (json_object_get_null_member (root, "start_with"));
  g_assert_true (json_object_get_null_member (root, "aim_for"));
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (root, "start_reasons")), ==, 0);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (root, "aim_reasons")), ==, 0);
}

static void
test_json_shape (void)
{
  g_autoptr(CrTemplate) template = rules_template ("spread");
  g_autoptr(GHashTable) context = context_new ();
  g_autoptr(CrRecommendation) rec = NULL;
  g_autoptr(JsonNode) node = NULL;
  JsonObject *root, *fit, *reason;
  JsonArray *fits, *reasons;
  JsonNode *weight;

  /* The fits of test_rules_bounds_inclusive: a 1.5, b 3, c 2. */
  context_number (context, "size", 100);
  context_text (context, "kind", "y");
  context_number (context, "maturity", 2);
  context_text (context, "note", "hello");
  rec = cr_recommend (template, context, NULL);

  node = cr_recommendation_to_json (rec);
  root = json_node_get_object (node);
  /* basis, fit, context_weight, room, scores, start_with, aim_for,
   * start_reasons, aim_reasons, points_to, points_reasons, disagreements */
  g_assert_cmpuint (json_object_get_size (root), ==, 12);
  g_assert_cmpstr (json_object_get_string_member (root, "basis"), ==, "context");
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (root, "room")), ==, 0);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (root, "disagreements")), ==, 0);
  g_assert_true (json_object_get_null_member (root, "points_to"));
  g_assert_cmpstr (json_object_get_string_member (root, "start_with"), ==, "b");
  g_assert_cmpstr (json_object_get_string_member (root, "aim_for"), ==, "c");

  fits = json_object_get_array_member (root, "fit");
  g_assert_cmpuint (json_array_get_length (fits), ==, 3);

  fit = json_array_get_object_element (fits, 0);
  g_assert_cmpuint (json_object_get_size (fit), ==, 3);
  g_assert_cmpstr (json_object_get_string_member (fit, "option"), ==, "a");
  g_assert_cmpint (json_node_get_value_type (json_object_get_member (fit, "fit")), ==, G_TYPE_DOUBLE);
  g_assert_cmpfloat (json_object_get_double_member (fit, "fit"), ==, 1.5);
  reasons = json_object_get_array_member (fit, "reasons");
  g_assert_cmpuint (json_array_get_length (reasons), ==, 2);
  reason = json_array_get_object_element (reasons, 0);
  g_assert_cmpuint (json_object_get_size (reason), ==, 5);
  g_assert_cmpstr (json_object_get_string_member (reason, "kind"), ==, "rule");
  g_assert_true (json_object_get_null_member (reason, "question"));
  g_assert_cmpstr (json_object_get_string_member (reason, "text"), ==, "Always");
  g_assert_true (json_object_get_null_member (reason, "context"));
  weight = json_object_get_member (reason, "weight");
  g_assert_cmpint (json_node_get_value_type (weight), ==, G_TYPE_INT64);
  g_assert_cmpint (json_node_get_int (weight), ==, 1);
  reason = json_array_get_object_element (reasons, 1);
  g_assert_cmpstr (json_object_get_string_member (reason, "text"), ==, "Low maturity");
  g_assert_cmpstr (json_object_get_string_member (reason, "context"), ==, "maturity");
  g_assert_cmpfloat (json_object_get_double_member (reason, "weight"), ==, 0.5);

  /* c: an integral fit is an integer; a negative weight keeps its sign. */
  fit = json_array_get_object_element (fits, 2);
  g_assert_cmpstr (json_object_get_string_member (fit, "option"), ==, "c");
  g_assert_cmpint (json_node_get_value_type (json_object_get_member (fit, "fit")), ==, G_TYPE_INT64);
  g_assert_cmpint (json_object_get_int_member (fit, "fit"), ==, 2);
  reason = json_array_get_object_element (json_object_get_array_member (fit, "reasons"), 1);
  g_assert_cmpstr (json_object_get_string_member (reason, "text"), ==, "Mid size");
  g_assert_cmpstr (json_object_get_string_member (reason, "context"), ==, "size");
  g_assert_cmpint (json_object_get_int_member (reason, "weight"), ==, -1);

  reasons = json_object_get_array_member (root, "start_reasons");
  g_assert_cmpuint (json_array_get_length (reasons), ==, 1);
  reason = json_array_get_object_element (reasons, 0);
  g_assert_cmpstr (json_object_get_string_member (reason, "text"), ==, "Best fit with your context: +3");
  g_assert_true (json_object_get_null_member (reason, "context"));
  g_assert_cmpint (json_object_get_int_member (reason, "weight"), ==, 1);
  g_assert_cmpstr (json_object_get_string_member (reason, "kind"), ==, "context");

  reasons = json_object_get_array_member (root, "aim_reasons");
  g_assert_cmpuint (json_array_get_length (reasons), ==, 1);
  reason = json_array_get_object_element (reasons, 0);
  g_assert_cmpstr (json_object_get_string_member (reason, "text"), ==, "The long-term destination of the stages");
  g_assert_cmpint (json_object_get_int_member (reason, "weight"), ==, 1);
}

/* The room's judgment beside the context */

/* One participant's fit scores: the same score on every criterion, so an
 * option's overall mean is the mean of the participants' scores. */
static void
score_fit (CrTestVoting *f,
           CrRound      *round,
           guint         who,
           int           hr,
           int           pp,
           int           px)
{
  const CrQuestion *fit = cr_template_find_question (f->template, "fit");
  g_autoptr(GArray) votes = g_array_new (FALSE, TRUE, sizeof (CrVote));
  g_autoptr(GError) error = NULL;
  const char *ids[] = { HR, PP, PX };
  const int values[] = { hr, pp, px };

  for (guint o = 0; o < 3; o++)
    for (guint c = 0; c < fit->criteria->len; c++)
      {
        CrVote v = { f->p[who], g_intern_string (ids[o]),
                     g_intern_string (((CrCriterion *)g_ptr_array_index (fit->criteria, c))->id),
                     values[o] };

        g_array_append_val (votes, v);
      }
  cr_workshop_record_votes (f->workshop, round, f->p[who],
                            (const CrVote *)(gpointer)votes->data, votes->len, &error);
  g_assert_no_error (error);
}

static void
set_context (CrTestVoting *f,
             GHashTable   *context)
{
  GHashTableIter iter;
  gpointer key, value;

  g_hash_table_iter_init (&iter, context);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      g_autoptr(GError) error = NULL;

      cr_workshop_set_context (f->workshop, key, value, &error);
      g_assert_no_error (error);
    }
}

static const CrReason *
find_reason (GPtrArray  *reasons,
             const char *text)
{
  for (guint i = 0; i < reasons->len; i++)
    if (g_strcmp0 (((const CrReason *)g_ptr_array_index (reasons, i))->text, text) == 0)
      return g_ptr_array_index (reasons, i);
  g_error ("no reason \"%s\"", text);
  return NULL;
}

static const CrDisagreement *
find_disagreement (const CrRecommendation *rec,
                   CrRoomMeaning           means)
{
  for (guint i = 0; i < rec->disagreements->len; i++)
    if (((const CrDisagreement *)g_ptr_array_index (rec->disagreements, i))->means == means)
      return g_ptr_array_index (rec->disagreements, i);
  return NULL;
}

/* The issue's workshop: an enterprise whose context favours Productised HR
 * (+7 against +6 and -4), where 4 of 5 (80 %) said they work today as
 * Projects/Programmes as Products and the room scored its fit highest (3.6
 * against 3.0 and 3.0). */
static void
setup_issue_case (CrTestVoting *f,
                  CrRound     **current,
                  CrRound     **fit)
{
  g_autoptr(CrTemplate) template = people_template ();
  g_autoptr(GHashTable) context = organisation (2800, "enterprise", "support", 24, 3,
                                                "siloed-specialists", "product");

  cr_test_voting_init_with (f, template, "Recommendation test", 5);
  set_context (f, context);

  *current = cr_test_open_round (f->workshop, "current");
  cr_test_vote (f, *current, 1, HR, 1, NULL);
  for (guint who = 2; who <= 5; who++)
    cr_test_vote (f, *current, who, PP, 1, NULL);

  *fit = cr_test_open_round (f->workshop, "fit");
  score_fit (f, *fit, 1, 3, 4, 3);
  score_fit (f, *fit, 2, 3, 4, 3);
  score_fit (f, *fit, 3, 3, 4, 3);
  score_fit (f, *fit, 4, 3, 3, 3);
  score_fit (f, *fit, 5, 3, 3, 3);
}

/* The recommendation names both votes with their weights and says plainly
 * where the context and the room disagree; before the reveal it rests on
 * the context alone. */
static void
test_people_issue_case (void)
{
  g_autoptr(CrRecommendation) before = NULL;
  g_autoptr(CrRecommendation) rec = NULL;
  CrTestVoting f = { 0 };
  CrRound *current, *fit;
  const CrRoomJudgment *today, *scores;
  const CrDisagreement *d;
  const CrReason *reason;
  double cw, w_today, w_fit;

  setup_issue_case (&f, &current, &fit);
  cw = cr_template_get_context_weight (f.template);
  g_assert_cmpuint (cr_template_get_n_room_votes (f.template), ==, 2);
  w_today = cr_template_get_room_vote (f.template, 0)->weight;
  w_fit = cr_template_get_room_vote (f.template, 1)->weight;
  g_assert_cmpint (cr_template_get_room_vote (f.template, 0)->means, ==, CR_ROOM_TODAY);
  g_assert_cmpint (cr_template_get_room_vote (f.template, 1)->means, ==, CR_ROOM_FIT);

  /* The template's weights, said in words wherever the reasons are shown */
  {
    g_autofree char *weights = cr_recommend_describe_weights (f.template);

    g_assert_cmpstr (weights, ==, "Weights: fit with your context 2, where the room is today 1.5, "
                                  "the room's fit scores 2, where it wants to be 2 (on the aim).");
  }

  before = cr_recommend_workshop (f.workshop);
  assert_well_formed (f.template, before);
  g_assert_cmpint (before->basis, ==, CR_BASIS_CONTEXT);
  g_assert_cmpuint (before->room->len, ==, 0);
  g_assert_cmpuint (before->disagreements->len, ==, 0);
  g_assert_cmpfloat_with_epsilon (fit_of (before, HR)->fit, 7, EPS);
  g_assert_cmpfloat_with_epsilon (fit_of (before, PP)->fit, 6, EPS);
  g_assert_cmpfloat_with_epsilon (fit_of (before, PX)->fit, -4, EPS);
  g_assert_cmpstr (before->start_with, ==, HR);
  g_assert_cmpuint (before->start_reasons->len, ==, 1);
  assert_reason (before->start_reasons, 0, "Best fit with your context: +7", NULL, cw);

  cr_test_reveal (f.workshop, current);
  cr_test_reveal (f.workshop, fit);
  rec = cr_recommend_workshop (f.workshop);
  assert_well_formed (f.template, rec);
  g_assert_cmpint (rec->basis, ==, CR_BASIS_CONTEXT_AND_ROOM);

  /* The two meanings keep two names: the fit with your context is still the
   * rules' +7, +6, -4; the room's fit scores are a judgment of their own. */
  g_assert_cmpfloat_with_epsilon (fit_of (rec, HR)->fit, 7, EPS);
  today = cr_recommendation_find_room (rec, CR_ROOM_TODAY);
  scores = cr_recommendation_find_room (rec, CR_ROOM_FIT);
  g_assert_nonnull (today);
  g_assert_nonnull (scores);
  g_assert_cmpfloat_with_epsilon (today->values[1], 0.8, EPS);
  g_assert_cmpfloat_with_epsilon (scores->values[0], 3.0, EPS);
  g_assert_cmpfloat_with_epsilon (scores->values[1], 3.6, EPS);
  g_assert_cmpfloat_with_epsilon (scores->values[2], 3.0, EPS);
  g_assert_cmpint (today->top, ==, 1);
  g_assert_cmpint (scores->top, ==, 1);

  /* Weighed: HR 2 x 1 + 1.5 x 0.2 + 2 x 0.5 = 3.3; PP 2 x 6/7 + 1.5 x 0.8
   * + 2 x 0.65 = 4.21: the room tips it to model 2, which the domain's
   * advice for an enterprise with classic HR allows (1 or 2). */
  g_assert_cmpfloat_with_epsilon (fit_of (rec, HR)->score, cw + w_today * 0.2 + w_fit * 0.5, EPS);
  g_assert_cmpfloat_with_epsilon (fit_of (rec, PP)->score, cw * 6.0 / 7.0 + w_today * 0.8 + w_fit * 0.65, EPS);
  g_assert_cmpstr (rec->start_with, ==, PP);
  g_assert_cmpstr (rec->aim_for, ==, PX);

  /* Each of the three with the weight it added. */
  g_assert_cmpuint (rec->start_reasons->len, ==, 3);
  reason = find_reason (rec->start_reasons, "80 % of the room say this is how you work today");
  g_assert_cmpint (reason->kind, ==, CR_REASON_ROOM);
  g_assert_cmpstr (reason->question, ==, "current");
  g_assert_cmpfloat_with_epsilon (reason->weight, w_today * 0.8, EPS);
  reason = find_reason (rec->start_reasons, "The room's fit scores put it highest: 3.6 of 5");
  g_assert_cmpstr (reason->question, ==, "fit");
  g_assert_cmpfloat_with_epsilon (reason->weight, w_fit * 0.65, EPS);
  reason = find_reason (rec->start_reasons, "Fit with your context: +6 (Productised HR as a Service has +7)");
  g_assert_cmpint (reason->kind, ==, CR_REASON_CONTEXT);
  g_assert_cmpfloat_with_epsilon (reason->weight, cw * 6.0 / 7.0, EPS);

  /* And the disagreement, plainly. */
  g_assert_cmpuint (rec->disagreements->len, ==, 2);
  d = find_disagreement (rec, CR_ROOM_FIT);
  g_assert_nonnull (d);
  g_assert_cmpstr (d->context_option->id, ==, HR);
  g_assert_cmpstr (d->room_option->id, ==, PP);
  g_assert_cmpstr (d->text, ==,
                   "Your context points to Productised HR as a Service; the room scored Projects and Programmes as Products highest (3.6 of 5).");
  d = find_disagreement (rec, CR_ROOM_TODAY);
  g_assert_nonnull (d);
  g_assert_cmpstr (d->text, ==,
                   "Your context points to Productised HR as a Service; 80 % of the room say you work today as Projects and Programmes as Products.");

  cr_test_voting_clear (&f);
}

/* The domain's advice holds with the room's votes too, when the room does
 * not speak with one voice: an enterprise with classic HR starts with 1 or
 * 2 and aims for 3; a start-up of lean generalists goes for 3. */
static void
test_people_domain_with_room (void)
{
  CrTestVoting f = { 0 };
  g_autoptr(CrTemplate) template = people_template ();
  g_autoptr(GHashTable) enterprise = organisation (20000, "enterprise", "support", 150, 2,
                                                   "siloed-specialists", "procurement");
  g_autoptr(GHashTable) startup = organisation (40, "start-up", "strategic", 2, 3,
                                                "lean-generalists", "product");
  g_autoptr(CrRecommendation) rec = NULL;
  CrRound *current, *fit;

  /* Enterprise: the room is split on today (2 HR, 2 PP, 1 PX) and scores
   * models 1 and 2 alike (3.4) and model 3 below (2.6). */
  cr_test_voting_init_with (&f, template, "Recommendation test", 5);
  set_context (&f, enterprise);
  current = cr_test_open_round (f.workshop, "current");
  cr_test_vote (&f, current, 1, HR, 1, NULL);
  cr_test_vote (&f, current, 2, HR, 1, NULL);
  cr_test_vote (&f, current, 3, PP, 1, NULL);
  cr_test_vote (&f, current, 4, PP, 1, NULL);
  cr_test_vote (&f, current, 5, PX, 1, NULL);
  cr_test_reveal (f.workshop, current);
  fit = cr_test_open_round (f.workshop, "fit");
  score_fit (&f, fit, 1, 4, 3, 2);
  score_fit (&f, fit, 2, 3, 4, 3);
  score_fit (&f, fit, 3, 3, 3, 3);
  score_fit (&f, fit, 4, 4, 4, 2);
  score_fit (&f, fit, 5, 3, 3, 3);
  cr_test_reveal (f.workshop, fit);
  rec = cr_recommend_workshop (f.workshop);
  assert_well_formed (template, rec);
  g_assert_cmpint (rec->basis, ==, CR_BASIS_CONTEXT_AND_ROOM);
  g_assert_true (g_str_equal (rec->start_with, HR) || g_str_equal (rec->start_with, PP));
  g_assert_cmpstr (rec->aim_for, ==, PX);
  cr_test_voting_clear (&f);
  g_clear_pointer (&rec, cr_recommendation_free);

  /* Start-up: 3 of 5 say they work today on projects as products, and the
   * room scores model 3's fit just above model 2's. */
  cr_test_voting_init_with (&f, template, "Recommendation test", 5);
  set_context (&f, startup);
  current = cr_test_open_round (f.workshop, "current");
  cr_test_vote (&f, current, 1, PP, 1, NULL);
  cr_test_vote (&f, current, 2, PP, 1, NULL);
  cr_test_vote (&f, current, 3, PP, 1, NULL);
  cr_test_vote (&f, current, 4, PX, 1, NULL);
  cr_test_vote (&f, current, 5, PX, 1, NULL);
  cr_test_reveal (f.workshop, current);
  fit = cr_test_open_round (f.workshop, "fit");
  score_fit (&f, fit, 1, 2, 4, 4);
  score_fit (&f, fit, 2, 2, 3, 4);
  score_fit (&f, fit, 3, 1, 4, 4);
  score_fit (&f, fit, 4, 2, 4, 5);
  score_fit (&f, fit, 5, 2, 3, 3);
  cr_test_reveal (f.workshop, fit);
  rec = cr_recommend_workshop (f.workshop);
  assert_well_formed (template, rec);
  g_assert_cmpstr (rec->start_with, ==, PX);
  g_assert_cmpstr (rec->aim_for, ==, PX);
  /* The context and the room's fit scores agree: nothing to flag there. */
  g_assert_null (find_disagreement (rec, CR_ROOM_FIT));
  g_assert_nonnull (find_disagreement (rec, CR_ROOM_TODAY));
  cr_test_voting_clear (&f);
}

/* Options that are not stages: the context and the room's today and
 * ambition point to one option, each with its weight, and the
 * disagreements are named. */
static void
test_vocabulary_room (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CrTemplate) template = cr_template_lookup_builtin ("product-led-vocabulary", &error);
  g_autoptr(GHashTable) context = context_new ();
  g_autoptr(CrRecommendation) before = NULL;
  g_autoptr(CrRecommendation) rec = NULL;
  CrTestVoting f = { 0 };
  CrRound *today, *ambition;
  const char *PLO = "product-led-organisation", *POM = "product-operating-model", *PLG = "product-led-growth";
  const CrDisagreement *d;
  double cw;

  g_assert_no_error (error);
  cw = cr_template_get_context_weight (template);
  {
    g_autofree char *weights = cr_recommend_describe_weights (template);

    g_assert_cmpstr (weights, ==, "Weights: fit with your context 2, where the room is today 1, where it wants to be 2.");
  }
  /* Led by sales (plo -2, pom -1), empowered teams (pom +3, plg +1),
   * customers won by a sales team (plg -2): plo -2, pom +2, plg -1. */
  context_text (context, "company_lead", "sales");
  context_text (context, "product_teams", "empowered");
  context_text (context, "acquisition", "sales-team");

  cr_test_voting_init_with (&f, template, "Recommendation test", 2);
  set_context (&f, context);
  before = cr_recommend_workshop (f.workshop);
  assert_well_formed (template, before);
  g_assert_cmpint (before->basis, ==, CR_BASIS_CONTEXT);
  g_assert_cmpstr (before->points_to, ==, POM);
  g_assert_cmpuint (before->points_reasons->len, ==, 1);
  assert_reason (before->points_reasons, 0, "Best fit with your context: +2", NULL, cw);

  /* Today: plo 7, pom 4, plg 2. Ambition: plo 8, pom 6, plg 9. */
  today = cr_test_open_round (f.workshop, "today");
  cr_test_vote (&f, today, 1, PLO, 7, POM, 4, PLG, 2, NULL);
  cr_test_vote (&f, today, 2, PLO, 7, POM, 4, PLG, 2, NULL);
  cr_test_reveal (f.workshop, today);
  ambition = cr_test_open_round (f.workshop, "ambition");
  cr_test_vote (&f, ambition, 1, PLO, 8, POM, 6, PLG, 9, NULL);
  cr_test_vote (&f, ambition, 2, PLO, 8, POM, 6, PLG, 9, NULL);
  cr_test_reveal (f.workshop, ambition);

  rec = cr_recommend_workshop (f.workshop);
  assert_well_formed (template, rec);
  g_assert_cmpint (rec->basis, ==, CR_BASIS_CONTEXT_AND_ROOM);
  g_assert_cmpuint (rec->room->len, ==, 2);
  /* pom: 2 x 1 + 1 x 0.4 + 2 x 0.6 = 3.6; plg: 2 x -0.5 + 0.2 + 1.8 = 1.0;
   * plo: -2 + 0.7 + 1.6 = 0.3. */
  g_assert_cmpstr (rec->points_to, ==, POM);
  g_assert_cmpuint (rec->points_reasons->len, ==, 3);
  assert_reason (rec->points_reasons, 0, "Best fit with your context: +2", NULL, cw);
  g_assert_cmpfloat_with_epsilon (find_reason (rec->points_reasons, "The room's ambition for it: 6.0 of 10")->weight,
                                  cr_template_get_room_vote (template, 1)->weight * 0.6, EPS);
  g_assert_cmpfloat_with_epsilon (find_reason (rec->points_reasons, "The room rates where you stand today at 4.0 of 10")->weight,
                                  cr_template_get_room_vote (template, 0)->weight * 0.4, EPS);

  d = find_disagreement (rec, CR_ROOM_TODAY);
  g_assert_nonnull (d);
  g_assert_cmpstr (d->text, ==,
                   "Your context points to Product operating model; the room rates Product-led organisation highest today (7.0 of 10).");
  d = find_disagreement (rec, CR_ROOM_TARGET);
  g_assert_nonnull (d);
  g_assert_cmpstr (d->text, ==,
                   "Your context points to Product operating model; the room's ambition is highest for Product-led growth (9.0 of 10).");

  cr_test_voting_clear (&f);
}

/* With no context answered and a round revealed, the recommendation rests
 * on the room's votes alone, and the window, the room view and the reports
 * say so in the same words: not that it weighs the context, nor that no
 * rule matched a context nobody filled in. */
static void
test_vocabulary_room_without_context (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CrTemplate) template = cr_template_lookup_builtin ("product-led-vocabulary", &error);
  g_autoptr(GHashTable) context = context_new ();
  g_autoptr(CrRecommendation) before = NULL;
  g_autoptr(CrRecommendation) rec = NULL;
  g_autoptr(CrRecommendation) answered = NULL;
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *md = NULL;
  CrTestVoting f = { 0 };
  CrRound *today;
  const char *PLO = "product-led-organisation", *POM = "product-operating-model", *PLG = "product-led-growth";

  g_assert_no_error (error);
  cr_test_voting_init_with (&f, template, "Recommendation test", 2);
  before = cr_recommend_workshop (f.workshop);
  g_assert_cmpint (before->basis, ==, CR_BASIS_CONTEXT);
  g_assert_false (before->context_answered);

  today = cr_test_open_round (f.workshop, "today");
  cr_test_vote (&f, today, 1, PLO, 7, POM, 4, PLG, 2, NULL);
  cr_test_vote (&f, today, 2, PLO, 7, POM, 4, PLG, 2, NULL);
  cr_test_reveal (f.workshop, today);

  rec = cr_recommend_workshop (f.workshop);
  assert_well_formed (template, rec);
  g_assert_cmpint (rec->basis, ==, CR_BASIS_ROOM);
  g_assert_cmpuint (rec->rules->len, ==, 0);
  g_assert_cmpstr (cr_recommend_describe_basis (rec), ==,
                   "Based on the room's revealed votes alone: the context has not been filled in.");
  g_assert_cmpstr (cr_recommend_describe_no_rules (rec), ==,
                   "The context has not been filled in, so no rule of the template applies yet.");
  node = cr_recommendation_to_json (rec);
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (node), "basis"), ==, "room");

  /* The report says the same. */
  bytes = cr_export_to_bytes (f.workshop, CR_EXPORT_MARKDOWN, &error);
  g_assert_no_error (error);
  md = g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
  g_assert_nonnull (strstr (md, "_Based on the room's revealed votes alone: the context has not been filled in._"));
  g_assert_nonnull (strstr (md, "_The context has not been filled in, so no rule of the template applies yet._"));
  g_assert_null (strstr (md, "Based on your context"));
  g_assert_null (strstr (md, "No rule of the template matched"));

  /* Once the context is answered, both are weighed again. */
  context_text (context, "company_lead", "marketing");
  set_context (&f, context);
  answered = cr_recommend_workshop (f.workshop);
  g_assert_true (answered->context_answered);
  g_assert_cmpint (answered->basis, ==, CR_BASIS_CONTEXT_AND_ROOM);
  g_assert_cmpuint (answered->rules->len, >, 0);
  g_assert_null (cr_recommend_describe_no_rules (answered));
  g_assert_cmpstr (cr_recommend_describe_basis (answered), ==,
                   "Based on your context and the room's revealed votes, each with the weight the template gives it.");

  cr_test_voting_clear (&f);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/recommend/rules/bounds-inclusive", test_rules_bounds_inclusive);
  g_test_add_func ("/recommend/rules/misses", test_rules_misses);
  g_test_add_func ("/recommend/rules/value-kinds", test_rules_value_kinds);
  g_test_add_func ("/recommend/rules/start-tie", test_rules_start_tie);
  g_test_add_func ("/recommend/rules/no-context", test_rules_no_context);
  g_test_add_func ("/recommend/rules/aim-ties-go-later", test_rules_aim_ties_go_later);
  g_test_add_func ("/recommend/rules/aim-votes", test_rules_aim_votes);
  g_test_add_func ("/recommend/rules/aim-scores", test_rules_aim_scores);
  g_test_add_func ("/recommend/people/start-up", test_people_startup);
  g_test_add_func ("/recommend/people/enterprise", test_people_enterprise);
  g_test_add_func ("/recommend/people/scale-up", test_people_scaleup);
  g_test_add_func ("/recommend/people/scale-up-lean", test_people_scaleup_lean);
  g_test_add_func ("/recommend/people/smb", test_people_smb);
  g_test_add_func ("/recommend/people/empty-context", test_people_empty_context);
  g_test_add_func ("/recommend/people/mid-enterprise", test_people_mid_enterprise);
  g_test_add_func ("/recommend/people/target-votes", test_people_target_votes);
  g_test_add_func ("/recommend/people/workshop", test_people_workshop);
  g_test_add_func ("/recommend/vocabulary/unordered", test_vocabulary_unordered);
  g_test_add_func ("/recommend/rules/aim-share-rule", test_rules_aim_share_rule);
  g_test_add_func ("/recommend/json/shape", test_json_shape);
  g_test_add_func ("/recommend/people/issue-case", test_people_issue_case);
  g_test_add_func ("/recommend/people/domain-with-room", test_people_domain_with_room);
  g_test_add_func ("/recommend/vocabulary/room", test_vocabulary_room);
  g_test_add_func ("/recommend/vocabulary/room-without-context", test_vocabulary_room_without_context);

  return g_test_run ();
}
