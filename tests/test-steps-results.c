/* test-steps-results.c: the results and recommendation steps, on a real display
 *
 * Votes go in through the core (cr_workshop_record_votes) as the voting step
 * would record them; the tests then read what the steps show. Every number
 * expected is worked out by hand beside it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "crossroads-test"

#include "config.h"

#include <gtk/gtk.h>
#include <adwaita.h>

#include "cr-chart-area.h"
#include "cr-chart.h"
#include "cr-gap.h"
#include "cr-step-recommendation.h"
#include "cr-step-results.h"
#include "cr-test-ui-util.h"
#include "cr-test-util.h"
#include "cr-workshop.h"

/* ---------------------------------------------------------------------- */
/* Helpers                                                                 */

#define assert_shows(widget, needle) \
  G_STMT_START { \
    g_autofree char *_text = cr_test_ui_text_of (widget); \
    if (strstr (_text, needle) == NULL) \
      g_error ("expected \"%s\" on screen, it shows:\n%s", needle, _text); \
  } G_STMT_END

#define assert_hides(widget, needle) \
  G_STMT_START { \
    g_autofree char *_text = cr_test_ui_text_of (widget); \
    if (strstr (_text, needle) != NULL) \
      g_error ("did not expect \"%s\" on screen, it shows:\n%s", needle, _text); \
  } G_STMT_END

/* Shown exactly once among the step's labels. */
static void
assert_once (GtkWidget  *widget,
             const char *needle)
{
  g_autofree char *text = cr_test_ui_text_of (widget);
  const char *first = strstr (text, needle);

  if (first == NULL || strstr (first + 1, needle) != NULL)
    g_error ("expected \"%s\" once on screen, it shows:\n%s", needle, text);
}

static void
collect_named (GtkWidget  *root,
               const char *name,
               GPtrArray  *found)
{
  if (g_strcmp0 (gtk_widget_get_name (root), name) == 0)
    g_ptr_array_add (found, root);
  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_named (child, name, found);
}

/* The step's charts, top to bottom. */
static GPtrArray *
charts_of (GtkWidget *step)
{
  GPtrArray *charts = g_ptr_array_new ();

  collect_named (step, "chart", charts);
  for (guint i = 0; i < charts->len; i++)
    {
      GtkWidget *chart = g_ptr_array_index (charts, i);

      g_assert_true (GTK_IS_DRAWING_AREA (chart));
      /* Drawn at a height that holds the whole chart */
      g_assert_cmpint (gtk_widget_get_height (chart), >=, 40);
    }
  return charts;
}

/* A chart is described by the core's summary of the same round. */
static void
assert_chart_describes (GtkWidget     *chart,
                        const CrTally *tally)
{
  g_autofree char *expected = cr_chart_describe_tally (tally);
  g_autofree char *problem = NULL;

  g_assert_nonnull (expected);
  problem = gtk_test_accessible_check_property (GTK_ACCESSIBLE (chart),
                                                GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                                expected);
  if (problem != NULL)
    g_error ("chart description: %s", problem);
  g_assert_true (gtk_test_accessible_has_role (GTK_ACCESSIBLE (chart), GTK_ACCESSIBLE_ROLE_IMG));
}

static void
set_choice (CrTestVoting *f,
            const char   *field,
            const char   *choice)
{
  CrContextValue value = { FALSE, 0.0, (char *) choice };
  g_autoptr(GError) error = NULL;

  g_assert_true (cr_workshop_set_context (f->workshop, field, &value, &error));
  g_assert_no_error (error);
}

/* ---------------------------------------------------------------------- */
/* Results                                                                 */

/* The results step's charts take the page's text and accent: their
 * tracks and lines still keep 3:1 against the page, and the data more. */
static void
check_chart_colours (AdwColorScheme scheme,
                     const char    *name)
{
  GtkWidget *label = gtk_label_new ("chart");
  GtkWindow *window;
  CrChartStyle style;
  GdkRGBA bg;
  CrChartColor page;
  double data, track;

  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), scheme);
  window = cr_test_ui_show_in_window (label);
  cr_chart_area_style (label, &style);
  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  g_assert_true (gtk_style_context_lookup_color (gtk_widget_get_style_context (label), "window_bg_color", &bg));
  G_GNUC_END_IGNORE_DEPRECATIONS
  page = (CrChartColor) { bg.red, bg.green, bg.blue, 1.0 };
  data = cr_chart_color_contrast (&style.accent, &page);
  track = cr_chart_color_contrast (&style.muted, &page);
  g_test_message ("results step, %s: bars %.2f:1, tracks and lines %.2f:1 on the page", name, data, track);
  g_assert_cmpfloat (track, >=, 3.0);
  g_assert_cmpfloat (data, >, track);
  cr_test_ui_destroy_window (window, label);
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_DEFAULT);
}

static void
test_results_chart_colours (void)
{
  check_chart_colours (ADW_COLOR_SCHEME_FORCE_LIGHT, "light");
  check_chart_colours (ADW_COLOR_SCHEME_FORCE_DARK, "dark");
}

static void
test_results_empty (void)
{
  CrTestVoting f = { 0 };
  GtkWidget *step;
  GtkWindow *window;
  CrRound *round;

  cr_test_voting_init (&f, "people-product-models", "Where next", 5);
  step = cr_step_results_new (f.workshop);
  window = cr_test_ui_show_in_window (step);

  assert_shows (step, "No Results Yet");

  /* An open round is named, and nothing of it is shown. */
  round = cr_test_open_round (f.workshop, "current");
  cr_test_vote (&f, round, 1, "px-as-a-product", 1, NULL);
  cr_test_ui_spin (50);
  assert_shows (step, "No Results Yet");
  assert_shows (step, "Round 1 is still open — results appear after Reveal");
  assert_hides (step, "1 vote");
  assert_hides (step, "100 %");
  g_assert_null (cr_test_ui_find_named (step, "gap"));

  cr_test_reveal (f.workshop, round);
  cr_test_ui_spin (50);
  assert_hides (step, "No Results Yet");
  assert_shows (step, "Round 1 · 1 participant · 1 vote");
  {
    g_autoptr(GPtrArray) charts = charts_of (step);
    g_autoptr(CrTally) tally = cr_tally_compute (f.template, round);
    g_autofree char *description = cr_chart_describe_tally (tally);

    g_assert_nonnull (strstr (description, "People Experience as a Product, 1 of 1 vote (100 %)"));
    /* Today against the (not yet known) target, then the round's own */
    g_assert_cmpuint (charts->len, ==, 2);
    assert_chart_describes (g_ptr_array_index (charts, 1), tally);
  }

  cr_test_ui_destroy_window (window, step);
  cr_test_voting_clear (&f);
}

static void
test_results_rounds (void)
{
  CrTestVoting f = { 0 };
  g_autoptr(GError) error = NULL;
  GtkWidget *step;
  GtkWindow *window;
  CrRound *current, *revote, *target, *fit;

  cr_test_voting_init (&f, "people-product-models", "Where next", 5);

  /* Today, round 1: hr 3, pp 2, px 0 of 5 votes. */
  current = cr_test_open_round (f.workshop, "current");
  cr_test_vote (&f, current, 1, "hr-as-a-service", 1, NULL);
  cr_test_vote (&f, current, 2, "hr-as-a-service", 1, NULL);
  cr_test_vote (&f, current, 3, "hr-as-a-service", 1, NULL);
  cr_test_vote (&f, current, 4, "projects-as-products", 1, NULL);
  cr_test_vote (&f, current, 5, "projects-as-products", 1, NULL);
  cr_test_reveal (f.workshop, current);

  /* Target: hr 1, pp 1 + 3 = 4, px 3 + 2 + 3 + 2 = 10 of 15 dots. */
  target = cr_test_open_round (f.workshop, "target");
  cr_test_vote (&f, target, 1, "px-as-a-product", 3, NULL);
  cr_test_vote (&f, target, 2, "px-as-a-product", 2, "projects-as-products", 1, NULL);
  cr_test_vote (&f, target, 3, "projects-as-products", 3, NULL);
  cr_test_vote (&f, target, 4, "px-as-a-product", 3, NULL);
  cr_test_vote (&f, target, 5, "hr-as-a-service", 1, "px-as-a-product", 2, NULL);
  cr_test_reveal (f.workshop, target);

  /* Hidden: today's re-vote (px 4, pp 1) and the fit scores. */
  revote = cr_test_open_round (f.workshop, "current");
  for (guint i = 1; i <= 4; i++)
    cr_test_vote (&f, revote, i, "px-as-a-product", 1, NULL);
  cr_test_vote (&f, revote, 5, "projects-as-products", 1, NULL);
  fit = cr_test_open_round (f.workshop, "fit");
  cr_test_vote (&f, fit, 1, "hr-as-a-service", 2, "projects-as-products", 4, "px-as-a-product", 3, NULL);
  cr_test_vote (&f, fit, 2, "hr-as-a-service", 4, "projects-as-products", 4, "px-as-a-product", 5, NULL);

  step = cr_step_results_new (f.workshop);
  window = cr_test_ui_show_in_window (step);

  /* The revealed rounds: 3/5 = 60 %, 2/5 = 40 %; 10/15 = 67 %, 4/15 = 27 %,
   * 1/15 = 7 %, each with its count and base, in its chart. */
  assert_shows (step, "Round 1 · 5 participants · 5 votes");
  assert_shows (step, "Round 1 · 5 participants · 15 dots");
  {
    g_autoptr(CrTally) current_tally = cr_tally_compute (f.template, current);
    g_autoptr(CrTally) target_tally = cr_tally_compute (f.template, target);
    g_autofree char *today = cr_chart_describe_tally (current_tally);
    g_autofree char *aim = cr_chart_describe_tally (target_tally);

    g_assert_nonnull (strstr (today, "3 of 5 votes (60 %)"));
    g_assert_nonnull (strstr (today, "2 of 5 votes (40 %)"));
    g_assert_nonnull (strstr (today, "0 of 5 votes (0 %)"));
    g_assert_nonnull (strstr (aim, "10 of 15 dots (67 %)"));
    g_assert_nonnull (strstr (aim, "4 of 15 dots (27 %)"));
    g_assert_nonnull (strstr (aim, "1 of 15 dots (7 %)"));
  }
  /* Each question once: its prompt is one heading, and no list beside a
   * chart repeats its numbers. */
  assert_once (step, "Which model is closest to how we work today?");
  assert_once (step, "Where do we want to be?");
  g_assert_null (cr_test_ui_find (step, GTK_TYPE_LIST_BOX));

  /* The hidden rounds are named, with none of their numbers. */
  assert_shows (step, "Round 2 is still open — results appear after Reveal");
  assert_shows (step, "Round 1 is still open — results appear after Reveal");
  assert_hides (step, "80 %");
  assert_hides (step, "4 votes");
  assert_hides (step, "Change from Round 1 to Round 2");
  assert_hides (step, "3.0 ± 1.0");

  /* One chart per revealed round and one for the gap: none for a hidden round. */
  {
    g_autoptr(GPtrArray) charts = NULL;
    g_autoptr(CrTally) current_tally = cr_tally_compute (f.template, current);
    g_autoptr(CrTally) target_tally = cr_tally_compute (f.template, target);

    cr_test_ui_spin (50);
    charts = charts_of (step);
    g_assert_cmpuint (charts->len, ==, 3);
    /* The gap first, then the questions in template order */
    assert_chart_describes (g_ptr_array_index (charts, 1), current_tally);
    assert_chart_describes (g_ptr_array_index (charts, 2), target_tally);
  }

  /* Revealed through the core, the re-vote appears with its change:
   * px 4/5 = 80 % (+80 points), pp 1/5 = 20 % (−20), hr 0 % (−60). */
  cr_test_reveal (f.workshop, revote);
  cr_test_ui_spin (50);
  assert_hides (step, "Round 2 is still open");
  assert_shows (step, "Change from Round 1 to Round 2");
  /* Today is now the re-vote: the gap chart says px 80 % → 67 %. */
  assert_shows (step, "Today: round 2 · Target: round 1");
  {
    g_autoptr(CrGap) gap = cr_gap_compute_workshop (f.workshop);
    g_autofree char *description = cr_chart_describe_gap (gap);

    g_assert_nonnull (strstr (description, "People Experience as a Product 80 % → 67 % · −13 pts"));
  }
  assert_once (step, "Which model is closest to how we work today?");
  {
    g_autoptr(GPtrArray) charts = NULL;
    g_autoptr(CrTally) revote_tally = cr_tally_compute (f.template, revote);

    cr_test_ui_spin (50);
    charts = charts_of (step);
    /* The re-vote's chart and the change's chart join them */
    g_assert_cmpuint (charts->len, ==, 5);
    assert_chart_describes (g_ptr_array_index (charts, 2), revote_tally);
  }

  /* The fit: each voter's overall is their one value; hr 2 and 4 is
   * 3.0 ± 1.0, pp 4 and 4 is 4.0 ± 0.0, px 3 and 5 is 4.0 ± 1.0. */
  cr_test_reveal (f.workshop, fit);
  cr_test_ui_spin (50);
  assert_hides (step, "is still open");
  assert_shows (step, "Round 1 · 2 participants");
  assert_once (step, "How well does each model fit our context?");

  /* Undo in the core hides the fit again, and the step follows. */
  g_assert_true (cr_workshop_undo (f.workshop, &error));
  g_assert_no_error (error);
  cr_test_ui_spin (50);
  assert_shows (step, "Round 1 is still open — results appear after Reveal");
  assert_hides (step, "Round 1 · 2 participants");

  cr_test_ui_destroy_window (window, step);
  cr_test_voting_clear (&f);
}

/* What a review found: a dots ballot with a dot left counted among the
 * participants who voted. Only whole ballots do; a partial one is said
 * apart, its dots still in the total: 3 + 2 = 5 dots. */
static void
test_results_partial (void)
{
  CrTestVoting f = { 0 };
  GtkWidget *step;
  GtkWindow *window;
  CrRound *target;

  cr_test_voting_init (&f, "people-product-models", "Where next", 5);
  target = cr_test_open_round (f.workshop, "target");
  cr_test_vote (&f, target, 1, "px-as-a-product", 3, NULL);
  cr_test_vote (&f, target, 2, "px-as-a-product", 1, "projects-as-products", 1, NULL);
  cr_test_reveal (f.workshop, target);

  step = cr_step_results_new (f.workshop);
  window = cr_test_ui_show_in_window (step);
  cr_test_ui_spin (50);
  assert_shows (step, "Round 1 · 1 participant, 1 incomplete ballot · 5 dots");
  assert_hides (step, "2 participants");

  cr_test_ui_destroy_window (window, step);
  cr_test_voting_clear (&f);
}

/* ---------------------------------------------------------------------- */
/* Recommendation                                                          */

static void
on_go_to_step (GSimpleAction *action,
               GVariant      *parameter,
               gpointer       user_data)
{
  char **step_id = user_data;

  g_free (*step_id);
  *step_id = g_variant_dup_string (parameter, NULL);
}

static const char *
pick_of (GtkWidget  *step,
         const char *card)
{
  return gtk_label_get_label (GTK_LABEL (cr_test_ui_get_named (cr_test_ui_get_named (step, card), "option")));
}

static void
test_recommendation (void)
{
  CrTestVoting f = { 0 };
  g_autoptr(GError) error = NULL;
  g_autofree char *went_to = NULL;
  g_autoptr(GSimpleActionGroup) group = g_simple_action_group_new ();
  g_autoptr(GSimpleAction) action = g_simple_action_new ("go-to-step", G_VARIANT_TYPE_STRING);
  GtkWidget *step;
  GtkWidget *button;
  GtkWindow *window;
  CrRound *target;

  cr_test_voting_init (&f, "people-product-models", "Where next", 5);
  step = cr_step_recommendation_new (f.workshop);
  window = cr_test_ui_show_in_window (step);

  /* The shell's action, stood in for by a plain group. */
  g_signal_connect (action, "activate", G_CALLBACK (on_go_to_step), &went_to);
  g_action_map_add_action (G_ACTION_MAP (group), G_ACTION (action));
  gtk_widget_insert_action_group (GTK_WIDGET (window), "workshop", G_ACTION_GROUP (group));

  /* No context yet: a hint and the way to the context step. */
  assert_shows (step, "Answer the context questions to get a recommendation");
  g_assert_null (cr_test_ui_find_named (step, "start"));
  button = cr_test_ui_get_named (step, "go-to-context");
  gtk_widget_activate (button);
  cr_test_ui_spin (400);
  g_assert_cmpstr (went_to, ==, "context");

  /* An enterprise of siloed specialists, HR as support, a procurement-led
   * leader. Fits: hr 2 + 2 + 2 + 2 = 8; pp 1 (always) + 1 = 2;
   * px −2 − 1 − 2 − 1 = −6. Start with hr; aim for the destination, px. */
  set_choice (&f, "stage", "enterprise");
  set_choice (&f, "team_makeup", "siloed-specialists");
  set_choice (&f, "positioning", "support");
  set_choice (&f, "leader_mindset", "procurement");
  cr_test_ui_spin (50);
  g_assert_null (cr_test_ui_find_named (step, "hint"));
  g_assert_cmpstr (pick_of (step, "start"), ==, "Productised HR as a Service");
  g_assert_cmpstr (pick_of (step, "aim"), ==, "People Experience as a Product");
  assert_shows (step, "Fit +8");
  assert_shows (step, "Fit +2");
  assert_shows (step, "Fit −6");
  assert_shows (step, "The long-term destination of the stages");
  /* Each reason with its weight: the enterprise rule gives hr +2, px −2. */
  assert_shows (step, "An enterprise usually runs classic HR");
  assert_shows (step, "+2");
  assert_shows (step, "−2");

  /* The room's revealed target vote weighs in on the aim: px 3 of 3 dots. */
  target = cr_test_open_round (f.workshop, "target");
  cr_test_vote (&f, target, 1, "px-as-a-product", 3, NULL);
  assert_hides (step, "The room put");
  cr_test_reveal (f.workshop, target);
  cr_test_ui_spin (50);
  assert_shows (step, "The room put 100 % of its target dots here");

  /* A start-up of lean generalists, strategic, a product-minded leader:
   * hr −2; pp 1 + 1 + 1 = 3; px 3 + 2 + 2 + 2 = 9. Start and aim: px. */
  set_choice (&f, "stage", "start-up");
  set_choice (&f, "team_makeup", "lean-generalists");
  set_choice (&f, "positioning", "strategic");
  set_choice (&f, "leader_mindset", "product");
  cr_test_ui_spin (50);
  g_assert_cmpstr (pick_of (step, "start"), ==, "People Experience as a Product");
  g_assert_cmpstr (pick_of (step, "aim"), ==, "People Experience as a Product");
  assert_shows (step, "Fit +9");
  assert_shows (step, "Fit −2");
  assert_shows (step, "Where to start, and what to aim for");
  assert_hides (step, "Fit +8");

  /* Undoing the last answer (the leader back to procurement-led): hr −2 + 2 = 0,
   * pp 3 − 1 = 2, px 9 − 2 − 1 = 6. Still px to start with. */
  g_assert_true (cr_workshop_undo (f.workshop, &error));
  g_assert_no_error (error);
  cr_test_ui_spin (50);
  assert_shows (step, "Fit +6");
  assert_shows (step, "Fit 0");
  g_assert_cmpstr (pick_of (step, "start"), ==, "People Experience as a Product");

  cr_test_ui_destroy_window (window, step);
  cr_test_voting_clear (&f);
}

static void
test_recommendation_unordered (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CrStore) store = cr_test_new_store ();
  g_autoptr(CrTemplate) template = cr_template_lookup_builtin ("product-led-vocabulary", &error);
  g_autoptr(CrWorkshop) workshop = NULL;
  CrContextValue value = { FALSE, 0.0, (char *) "empowered" };
  GtkWidget *step;
  GtkWindow *window;

  g_assert_no_error (error);
  workshop = cr_workshop_create (store, template, "Words", "Acme", "Fran", "2024-05-14",
                                 "Product", &error);
  g_assert_no_error (error);
  g_assert_true (cr_workshop_set_context (workshop, "product_teams", &value, &error));

  step = cr_step_recommendation_new (workshop);
  window = cr_test_ui_show_in_window (step);

  /* Fits and reasons only: empowered teams give the operating model +3 and
   * growth +1; nothing to start with or aim for. */
  g_assert_null (cr_test_ui_find_named (step, "start"));
  g_assert_null (cr_test_ui_find_named (step, "aim"));
  assert_shows (step, "Fit +3");
  assert_shows (step, "Fit +1");
  assert_shows (step, "Fit 0");
  assert_shows (step, "Teams that own customer outcomes");
  assert_shows (step, "No context answer bears on this option");

  cr_test_ui_destroy_window (window, step);
}

/* Before the reveal the step says the advice rests on the context alone;
 * once the room's rounds are revealed it weighs them, each with its weight,
 * and says where the context and the room disagree. */
static void
test_recommendation_room (void)
{
  CrTestVoting f = { 0 };
  GtkWidget *step;
  GtkWindow *window;
  CrRound *current, *fit;

  cr_test_voting_init (&f, "people-product-models", "Where next", 5);
  /* Siloed specialists in an enterprise, HR as support, a procurement-led
   * leader: the fit with your context favours model 1 (+8). */
  set_choice (&f, "stage", "enterprise");
  set_choice (&f, "team_makeup", "siloed-specialists");
  set_choice (&f, "positioning", "support");
  set_choice (&f, "leader_mindset", "procurement");
  step = cr_step_recommendation_new (f.workshop);
  window = cr_test_ui_show_in_window (step);

  /* 4 of 5 work today as projects as products; the room scores its fit
   * 4 against 3 and 3. Hidden, nothing of it shows. */
  current = cr_test_open_round (f.workshop, "current");
  cr_test_vote (&f, current, 1, "hr-as-a-service", 1, NULL);
  for (guint who = 2; who <= 5; who++)
    cr_test_vote (&f, current, who, "projects-as-products", 1, NULL);
  fit = cr_test_open_round (f.workshop, "fit");
  for (guint who = 1; who <= 5; who++)
    cr_test_vote (&f, fit, who, "hr-as-a-service", 3, "projects-as-products", 4, "px-as-a-product", 3, NULL);
  cr_test_ui_spin (50);
  assert_shows (step, "Based on your context alone");
  assert_shows (step, "Weights: fit with your context 2, where the room is today 1.5, the room's fit scores 2, where it wants to be 2 (on the aim).");
  assert_hides (step, "of the room say");
  assert_hides (step, "Where your context and the room disagree");
  g_assert_cmpstr (pick_of (step, "start"), ==, "Productised HR as a Service");

  cr_test_reveal (f.workshop, current);
  cr_test_reveal (f.workshop, fit);
  cr_test_ui_spin (50);
  assert_shows (step, "Based on your context and the room's revealed votes");
  assert_hides (step, "Based on your context alone");
  assert_shows (step, "Where your context and the room disagree");
  assert_shows (step, "Your context points to Productised HR as a Service; the room scored Projects and Programmes as Products highest (4.0 of 5).");
  assert_shows (step, "Your context points to Productised HR as a Service; 80 % of the room say you work today as Projects and Programmes as Products.");
  /* Whichever it starts with, both votes are there with their weights:
   * model 2: 2 x 2/8 + 1.5 x 0.8 + 2 x 0.75 = 3.2 against model 1's
   * 2 + 1.5 x 0.2 + 2 x 0.5 = 3.3: model 1 still, narrowly. */
  g_assert_cmpstr (pick_of (step, "start"), ==, "Productised HR as a Service");
  assert_shows (step, "20 % of the room say this is how you work today");
  assert_shows (step, "The room's fit scores give it 3.0 of 5");
  assert_shows (step, "Best fit with your context: +8");
  assert_shows (step, "+0.3");
  assert_shows (step, "+1");

  cr_test_ui_destroy_window (window, step);
  cr_test_voting_clear (&f);
}

/* No context answered, a round revealed: the step says the advice rests
 * on the room's votes alone and that the context is not filled in. */
static void
test_recommendation_room_alone (void)
{
  CrTestVoting f = { 0 };
  GtkWidget *step;
  GtkWindow *window;
  CrRound *current;

  cr_test_voting_init (&f, "people-product-models", "Where next", 5);
  step = cr_step_recommendation_new (f.workshop);
  window = cr_test_ui_show_in_window (step);
  current = cr_test_open_round (f.workshop, "current");
  for (guint who = 1; who <= 5; who++)
    cr_test_vote (&f, current, who, "projects-as-products", 1, NULL);
  cr_test_reveal (f.workshop, current);
  cr_test_ui_spin (50);
  assert_shows (step, "Based on the room's revealed votes alone: the context has not been filled in.");
  assert_hides (step, "Based on your context");

  cr_test_ui_destroy_window (window, step);
  cr_test_voting_clear (&f);
}

static AdwComboRow *
combo (GtkWidget  *step,
       const char *name)
{
  return ADW_COMBO_ROW (cr_test_ui_get_named (step, name));
}

static void
set_rationale (GtkWidget  *step,
               const char *text)
{
  GtkTextView *view = GTK_TEXT_VIEW (cr_test_ui_get_named (step, "decision-rationale"));

  gtk_widget_grab_focus (GTK_WIDGET (view));
  cr_test_ui_spin (20);
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (view), text, -1);
}

static GtkCheckButton *
agreed_check (GtkWidget *step,
              guint      index)
{
  GtkWidget *row = gtk_widget_get_first_child (cr_test_ui_get_named (step, "decision-agreed"));

  for (guint i = 0; i < index; i++)
    row = gtk_widget_get_next_sibling (row);
  return g_object_get_data (G_OBJECT (row), "check");
}

/* The room's decision: chosen, reasoned, agreed, stored at once, undone
 * like any change, and the form follows the workshop. */
static void
test_recommendation_decision (void)
{
  CrTestVoting f = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(CrWorkshop) again = NULL;
  const CrDecision *decision;
  GtkWidget *step;
  GtkWindow *window;

  cr_test_voting_init (&f, "people-product-models", "Where next", 5);
  set_choice (&f, "stage", "enterprise");
  set_choice (&f, "team_makeup", "siloed-specialists");
  step = cr_step_recommendation_new (f.workshop);
  window = cr_test_ui_show_in_window (step);

  g_assert_null (cr_workshop_get_decision (f.workshop));
  g_assert_cmpuint (adw_combo_row_get_selected (combo (step, "decision-start")), ==, 0);
  assert_shows (step, "The Room's Decision");

  /* "Use the Recommendation": start with model 1, aim for 3, as advised. */
  gtk_widget_activate (cr_test_ui_get_named (step, "use-recommendation"));
  cr_test_ui_spin (400);
  decision = cr_workshop_get_decision (f.workshop);
  g_assert_nonnull (decision);
  g_assert_cmpstr (decision->start_with, ==, "hr-as-a-service");
  g_assert_cmpstr (decision->aim_for, ==, "px-as-a-product");

  /* The room decides otherwise: model 2 to start. */
  adw_combo_row_set_selected (combo (step, "decision-start"), 2);
  cr_test_ui_spin (20);
  g_assert_cmpstr (cr_workshop_get_decision (f.workshop)->start_with, ==, "projects-as-products");
  g_assert_cmpstr (cr_workshop_get_undo_label (f.workshop), ==, "Edit decision");

  /* The reasoning is kept when the field is left, once. */
  set_rationale (step, "  Two pilots first.\nThen see.  ");
  g_assert_cmpstr (cr_workshop_get_decision (f.workshop)->rationale, ==, "");
  gtk_widget_grab_focus (GTK_WIDGET (combo (step, "decision-aim")));
  cr_test_ui_spin (50);
  g_assert_cmpstr (cr_workshop_get_decision (f.workshop)->rationale, ==, "Two pilots first.\nThen see.");

  gtk_check_button_set_active (agreed_check (step, 0), TRUE);
  gtk_check_button_set_active (agreed_check (step, 2), TRUE);
  cr_test_ui_spin (20);
  decision = cr_workshop_get_decision (f.workshop);
  g_assert_cmpuint (decision->agreed->len, ==, 2);
  g_assert_cmpint (g_array_index (decision->agreed, gint64, 0), ==, f.p[1]);
  g_assert_cmpint (g_array_index (decision->agreed, gint64, 1), ==, f.p[3]);

  /* On record: a fresh load reads the same. */
  again = cr_workshop_load (f.store, cr_workshop_get_id (f.workshop), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (cr_workshop_get_decision (again)->start_with, ==, "projects-as-products");
  g_assert_cmpstr (cr_workshop_get_decision (again)->rationale, ==, "Two pilots first.\nThen see.");
  g_assert_cmpuint (cr_workshop_get_decision (again)->agreed->len, ==, 2);

  /* Undo takes back the last agreement, then the rest; the form follows. */
  g_assert_true (cr_workshop_undo (f.workshop, &error));
  cr_test_ui_spin (20);
  g_assert_false (gtk_check_button_get_active (agreed_check (step, 2)));
  g_assert_true (gtk_check_button_get_active (agreed_check (step, 0)));
  g_assert_true (cr_workshop_undo (f.workshop, &error));
  g_assert_true (cr_workshop_undo (f.workshop, &error));
  cr_test_ui_spin (20);
  g_assert_false (gtk_check_button_get_active (agreed_check (step, 0)));
  {
    GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (cr_test_ui_get_named (step, "decision-rationale")));
    GtkTextIter start, end;
    g_autofree char *text = NULL;

    gtk_text_buffer_get_bounds (buffer, &start, &end);
    text = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
    g_assert_cmpstr (text, ==, "");
  }
  g_assert_true (cr_workshop_undo (f.workshop, &error));
  cr_test_ui_spin (20);
  g_assert_cmpuint (adw_combo_row_get_selected (combo (step, "decision-start")), ==, 1);
  g_assert_true (cr_workshop_undo (f.workshop, &error));
  cr_test_ui_spin (20);
  g_assert_null (cr_workshop_get_decision (f.workshop));
  g_assert_cmpuint (adw_combo_row_get_selected (combo (step, "decision-start")), ==, 0);
  g_assert_cmpuint (adw_combo_row_get_selected (combo (step, "decision-aim")), ==, 0);

  /* Everyone agreed, in one change. */
  gtk_widget_activate (cr_test_ui_get_named (step, "everyone-agreed"));
  cr_test_ui_spin (400);
  g_assert_cmpuint (cr_workshop_get_decision (f.workshop)->agreed->len, ==, 5);
  g_assert_true (cr_workshop_undo (f.workshop, &error));
  g_assert_null (cr_workshop_get_decision (f.workshop));

  cr_test_ui_destroy_window (window, step);
  cr_test_voting_clear (&f);
}

int
main (int   argc,
      char *argv[])
{
  /* The test backend keeps accessible properties to read back (the ui
   * suite's GTK_A11Y=none gives widgets none), and talks to no bus. */
  g_setenv ("GTK_A11Y", "test", TRUE);
  g_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add_func ("/steps/results/empty", test_results_empty);
  g_test_add_func ("/steps/results/rounds", test_results_rounds);
  g_test_add_func ("/steps/results/chart-colours", test_results_chart_colours);
  g_test_add_func ("/steps/results/partial", test_results_partial);
  g_test_add_func ("/steps/recommendation/ordered", test_recommendation);
  g_test_add_func ("/steps/recommendation/unordered", test_recommendation_unordered);
  g_test_add_func ("/steps/recommendation/room", test_recommendation_room);
  g_test_add_func ("/steps/recommendation/room-alone", test_recommendation_room_alone);
  g_test_add_func ("/steps/recommendation/decision", test_recommendation_decision);

  return g_test_run ();
}
