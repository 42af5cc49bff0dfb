/* test-compare.c: what moved between two workshops, against figures worked out by hand
 *
 * tests/bundles/series-before.json and series-after.json are a workshop of
 * Northwind Logistics and its re-run, made for these tests: the context
 * moved from scale-up to enterprise (and 400 to 900 people, in the same
 * band of the rules), the shares moved, one reason of the recommendation
 * changed, and a second round of the target vote is still open in the
 * re-run. Every figure below is worked out from those two files.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include "cr-agenda.h"
#include "cr-bundle.h"
#include "cr-compare.h"
#include "cr-export.h"
#include "cr-test-util.h"

#define HR "hr-as-a-service"
#define PP "projects-as-products"
#define PX "px-as-a-product"

static const CrCompareQuestion *
find_question (const CrComparison *cmp,
               const char         *id)
{
  for (guint i = 0; i < cmp->questions->len; i++)
    {
      const CrCompareQuestion *q = g_ptr_array_index (cmp->questions, i);

      if (g_str_equal (q->question->id, id))
        return q;
    }
  g_error ("no question %s in the comparison", id);
}

static const CrCompareOption *
find_option (const CrCompareQuestion *q,
             const char              *id)
{
  for (guint o = 0; o < q->n_options; o++)
    if (g_str_equal (q->options[o].option->id, id))
      return &q->options[o];
  g_error ("no option %s", id);
}

static void
assert_shares (const CrCompareQuestion *q,
               const char              *option,
               double                   before,
               double                   after)
{
  const CrCompareOption *o = find_option (q, option);

  g_assert_cmpfloat_with_epsilon (o->before, before, 1e-9);
  g_assert_cmpfloat_with_epsilon (o->after, after, 1e-9);
  g_assert_cmpfloat_with_epsilon (o->delta, after - before, 1e-9);
}

static double
fit_of (const CrRecommendation *rec,
        const char             *option)
{
  return cr_recommendation_find_fit (rec, option)->fit;
}

static void
test_series_by_hand (void)
{
  g_autoptr(CrStore) store = cr_test_new_store ();
  g_autoptr(CrWorkshop) before = cr_test_import_fixture (store, "series-before.json");
  g_autoptr(CrWorkshop) after = cr_test_import_fixture (store, "series-after.json");
  g_autoptr(CrComparison) cmp = NULL;
  g_autoptr(CrWorkshop) previous = NULL;
  g_autofree char *summary = NULL;
  const CrCompareQuestion *q;
  const CrCompareContext *c;
  const CrCompareOption *o;

  /* The re-run finds its predecessor, and compares with it by default. */
  previous = cr_comparison_find_previous (after);
  g_assert_nonnull (previous);
  g_assert_cmpint (cr_workshop_get_id (previous), ==, cr_workshop_get_id (before));
  g_assert_null (cr_comparison_find_previous (before));

  cmp = cr_comparison_new (before, after);
  g_assert_true (cmp->same_organisation);
  g_assert_true (cmp->same_template);
  g_assert_true (cmp->rerun);

  /* Only the re-run's open round 2 of the target vote is left out. */
  g_assert_cmpuint (cmp->notes->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (cmp->notes, 0), ==,
                   "Round 2 of “Where do we want to be?” is still open in “Autumn 2025: what moved?”, so it is left out.");
  g_assert_cmpuint (cmp->left_out->len, ==, 1);
  g_assert_cmpuint (cr_round_get_number (g_ptr_array_index (cmp->left_out, 0)), ==, 2);

  /* Context: two answers moved, in the template's order. */
  g_assert_cmpuint (cmp->context->len, ==, 2);
  c = g_ptr_array_index (cmp->context, 0);
  g_assert_cmpstr (c->field_id, ==, "headcount");
  g_assert_cmpstr (c->before_text, ==, "400");
  g_assert_cmpstr (c->after_text, ==, "900");
  c = g_ptr_array_index (cmp->context, 1);
  g_assert_cmpstr (c->field_id, ==, "stage");
  g_assert_cmpstr (c->label, ==, "Stage of the organisation");
  g_assert_cmpstr (c->before->text, ==, "scale-up");
  g_assert_cmpstr (c->before_text, ==, "Scale-up");
  g_assert_cmpstr (c->after_text, ==, "Enterprise");

  /* Today: 2 of 4, 2 of 4, 0 of 4 then; 1, 3 and 1 of 5 now. */
  g_assert_cmpuint (cmp->questions->len, ==, 3);
  q = find_question (cmp, "current");
  g_assert_cmpuint (q->before->round_number, ==, 1);
  g_assert_cmpuint (q->after->round_number, ==, 1);
  assert_shares (q, HR, 2.0 / 4, 1.0 / 5);
  assert_shares (q, PP, 2.0 / 4, 3.0 / 5);
  assert_shares (q, PX, 0.0 / 4, 1.0 / 5);

  /* Target, the revealed round 1 on each side: 1, 4 and 7 of 12 dots then;
   * 0, 3 and 12 of 15 now. The open round 2 (6 dots on HR) counts nowhere. */
  q = find_question (cmp, "target");
  g_assert_cmpuint (q->after->round_number, ==, 1);
  assert_shares (q, HR, 1.0 / 12, 0.0 / 15);
  assert_shares (q, PP, 4.0 / 12, 3.0 / 15);
  assert_shares (q, PX, 7.0 / 12, 12.0 / 15);
  g_assert_cmpint (lround (find_option (q, PX)->delta * 100), ==, 22);

  /* Fit: two people scored every criterion alike, but for one 1 on the
   * feasibility of PX now: its criteria 3, 3, 3, 2, 3, weighed 1, 1.5, 1,
   * 1.5, 1, give (3 + 4.5 + 3 + 3 + 3) / 6 = 2.75. */
  q = find_question (cmp, "fit");
  g_assert_true (q->scores);
  assert_shares (q, HR, 2.0, 3.0);
  assert_shares (q, PP, 4.0, 4.5);
  assert_shares (q, PX, 3.5, 2.75);
  o = find_option (q, PX);
  g_assert_cmpuint (o->n_criteria, ==, 5);
  g_assert_cmpfloat_with_epsilon (o->criteria_before[3], 3.5, 1e-9);
  g_assert_cmpfloat_with_epsilon (o->criteria_after[3], 2.0, 1e-9);
  g_assert_cmpfloat_with_epsilon (o->criteria_before[0], 3.5, 1e-9);
  g_assert_cmpfloat_with_epsilon (o->criteria_after[0], 3.0, 1e-9);

  /* Today against the target, then and now. */
  g_assert_nonnull (cmp->gap_before);
  g_assert_cmpfloat_with_epsilon (cmp->gap_before->options[2].current, 0.0, 1e-9);
  g_assert_cmpfloat_with_epsilon (cmp->gap_before->options[2].target, 7.0 / 12, 1e-9);
  g_assert_cmpfloat_with_epsilon (cmp->gap_after->options[2].current, 1.0 / 5, 1e-9);
  g_assert_cmpfloat_with_epsilon (cmp->gap_after->options[2].target, 12.0 / 15, 1e-9);
  g_assert_cmpfloat_with_epsilon (cmp->gap_after->options[1].gap, 3.0 / 15 - 3.0 / 5, 1e-9);

  /* The rules: always projects +1; 151 to 999 people projects +1; a
   * support function HR +2, PX −1; a team of 6 to 30 projects +1; maturity
   * up to 2 HR +1, PX −1; a mixed team projects +3; a product-minded
   * leader PX +2, projects +1. A scale-up adds PX +2, projects +1: HR 3,
   * projects 8, PX 2. An enterprise adds HR +2, projects +1, PX −2 instead:
   * HR 5, projects 8, PX −2. */
  g_assert_cmpfloat (fit_of (cmp->rec_before, HR), ==, 3);
  g_assert_cmpfloat (fit_of (cmp->rec_before, PP), ==, 8);
  g_assert_cmpfloat (fit_of (cmp->rec_before, PX), ==, 2);
  g_assert_cmpfloat (fit_of (cmp->rec_after, HR), ==, 5);
  g_assert_cmpfloat (fit_of (cmp->rec_after, PP), ==, 8);
  g_assert_cmpfloat (fit_of (cmp->rec_after, PX), ==, -2);
  /* One reason changed: the stage's. */
  g_assert_cmpuint (cmp->reasons_gone->len, ==, 1);
  g_assert_cmpstr (((const CrRule *) g_ptr_array_index (cmp->reasons_gone, 0))->context, ==, "stage");
  g_assert_true (g_str_has_prefix (((const CrRule *) g_ptr_array_index (cmp->reasons_gone, 0))->reason, "A scale-up"));
  g_assert_cmpuint (cmp->reasons_new->len, ==, 1);
  g_assert_true (g_str_has_prefix (((const CrRule *) g_ptr_array_index (cmp->reasons_new, 0))->reason, "An enterprise"));
  /* Scores, each the context weight 2 times fit over the largest fit, plus
   * 1.5 times today's share, plus 2 times the fit's place on its scale:
   * then HR 0.75 + 0.75 + 0.5, projects 2 + 0.75 + 1.5, PX 0.5 + 0 + 1.25;
   * now HR 1.25 + 0.3 + 1, projects 2 + 0.9 + 1.75, PX −0.5 + 0.3 + 0.875.
   * Projects first both times. The aim, from there: 2 times the target
   * share, and 1 more for the last stage: PX (then 2.17, now 2.6). */
  g_assert_cmpfloat_with_epsilon (cr_recommendation_find_fit (cmp->rec_before, PP)->score, 4.25, 1e-9);
  g_assert_cmpfloat_with_epsilon (cr_recommendation_find_fit (cmp->rec_after, PP)->score, 4.65, 1e-9);
  g_assert_cmpfloat_with_epsilon (cr_recommendation_find_fit (cmp->rec_after, PX)->score, 0.675, 1e-9);
  g_assert_cmpstr (cmp->rec_before->start_with, ==, PP);
  g_assert_cmpstr (cmp->rec_after->start_with, ==, PP);
  g_assert_cmpstr (cmp->rec_before->aim_for, ==, PX);
  g_assert_cmpstr (cmp->rec_after->aim_for, ==, PX);

  /* Last time's actions, as the re-run reviewed them. */
  g_assert_true (cmp->actions_reviewed);
  g_assert_cmpuint (g_list_model_get_n_items (cmp->actions), ==, 3);
  {
    g_autoptr(CrAction) first = g_list_model_get_item (cmp->actions, 0);
    g_autoptr(CrAction) second = g_list_model_get_item (cmp->actions, 1);

    g_assert_cmpint (cr_action_get_status (first), ==, CR_ACTION_DONE);
    g_assert_cmpint (cr_action_get_status (second), ==, CR_ACTION_DROPPED);
  }

  /* The largest move of a share: HR as how the room works today, 50 % to 20 %. */
  summary = cr_comparison_summary (cmp);
  g_assert_cmpstr (summary, ==, "Productised HR as a Service, today: −30 pts");
}

/* The same comparison for scripts, in the shape the README documents. */
static void
test_json (void)
{
  g_autoptr(CrStore) store = cr_test_new_store ();
  g_autoptr(CrWorkshop) before = cr_test_import_fixture (store, "series-before.json");
  g_autoptr(CrWorkshop) after = cr_test_import_fixture (store, "series-after.json");
  g_autoptr(CrComparison) cmp = cr_comparison_new (before, after);
  g_autoptr(JsonNode) root = cr_comparison_to_json (cmp);
  JsonObject *obj = json_node_get_object (root);
  JsonObject *item;
  JsonArray *array;

  g_assert_cmpstr (json_object_get_string_member (obj, "format"), ==, "crossroads-comparison");
  g_assert_cmpint (json_object_get_int_member (obj, "version"), ==, 1);
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (obj, "before"), "id"), ==,
                   "6f1c2a4e-8b3d-4e5f-9a7b-1c2d3e4f5a6b");
  g_assert_true (json_object_get_boolean_member (obj, "rerun"));
  item = json_array_get_object_element (json_object_get_array_member (obj, "left_out"), 0);
  g_assert_cmpstr (json_object_get_string_member (item, "workshop"), ==, "after");
  g_assert_cmpstr (json_object_get_string_member (item, "question"), ==, "target");
  g_assert_cmpint (json_object_get_int_member (item, "round"), ==, 2);

  item = json_array_get_object_element (json_object_get_array_member (obj, "context"), 0);
  g_assert_cmpint (json_object_get_int_member (item, "before"), ==, 400);
  g_assert_cmpint (json_object_get_int_member (item, "after"), ==, 900);
  /* One template: both sides were asked. */
  g_assert_true (json_object_get_boolean_member (item, "asked_before"));
  g_assert_true (json_object_get_boolean_member (item, "asked_after"));

  array = json_object_get_array_member (obj, "questions");
  item = json_array_get_object_element (array, 1);
  g_assert_cmpstr (json_object_get_string_member (item, "question"), ==, "target");
  item = json_array_get_object_element (json_object_get_array_member (item, "options"), 2);
  g_assert_cmpfloat_with_epsilon (json_object_get_double_member (item, "share_before"), 0.5833, 1e-9);
  g_assert_cmpfloat_with_epsilon (json_object_get_double_member (item, "share_after"), 0.8, 1e-9);
  g_assert_cmpfloat_with_epsilon (json_object_get_double_member (item, "change"), 0.2167, 1e-9);
  item = json_array_get_object_element (array, 2);
  item = json_array_get_object_element (json_object_get_array_member (item, "options"), 2);
  g_assert_cmpfloat_with_epsilon (json_object_get_double_member (item, "mean_after"), 2.75, 1e-9);
  item = json_array_get_object_element (json_object_get_array_member (item, "criteria"), 3);
  g_assert_cmpstr (json_object_get_string_member (item, "criterion"), ==, "feasibility");
  g_assert_cmpfloat_with_epsilon (json_object_get_double_member (item, "change"), -1.5, 1e-9);

  item = json_object_get_object_member (obj, "recommendation");
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (item, "after"), "start_with"), ==, PP);
  g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (json_object_get_object_member (item, "after"), "fit"), PX), ==, -2);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (item, "reasons_new")), ==, 1);

  item = json_object_get_object_member (obj, "actions");
  g_assert_true (json_object_get_boolean_member (item, "reviewed"));
  item = json_array_get_object_element (json_object_get_array_member (item, "items"), 1);
  g_assert_cmpstr (json_object_get_string_member (item, "status"), ==, "dropped");
}

/* A round still open in the earlier workshop is left out too: the
 * comparison takes its latest revealed round, and says so. */
static void
test_open_round_before (void)
{
  g_autoptr(CrStore) store = cr_test_new_store ();
  g_autoptr(CrWorkshop) before = cr_test_import_fixture (store, "series-before.json");
  g_autoptr(CrWorkshop) after = cr_test_import_fixture (store, "series-after.json");
  g_autoptr(CrComparison) cmp = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(CrParticipant) ana = g_list_model_get_item (cr_workshop_get_participants (before), 0);
  CrRound *open;
  CrVote vote = { cr_participant_get_id (ana), PX, NULL, 1 };

  open = cr_workshop_open_round (before, "current", &error);
  g_assert_no_error (error);
  g_assert_true (cr_workshop_record_votes (before, open, vote.participant_id, &vote, 1, &error));
  g_assert_no_error (error);

  cmp = cr_comparison_new (before, after);
  g_assert_cmpuint (cmp->left_out->len, ==, 2);
  g_assert_cmpstr (g_ptr_array_index (cmp->notes, 0), ==,
                   "Round 2 of “Which model is closest to how we work today?” is still open in “Spring 2025: where do we start?”, so it is left out.");
  /* Round 1 still counts: 2 of 4 on HR. */
  g_assert_cmpuint (find_question (cmp, "current")->before->round_number, ==, 1);
  assert_shares (find_question (cmp, "current"), HR, 0.5, 0.2);
}

/* Two organisations compare too, and the first note says so; two
 * templates compare only their context and recommendation. */
static char *comparison_text (const CrComparison *cmp,
                              CrExportFormat      format);

static void
test_other_organisation_and_template (void)
{
  g_autoptr(CrStore) store = cr_test_new_store ();
  g_autoptr(CrWorkshop) before = cr_test_import_fixture (store, "series-before.json");
  g_autoptr(CrWorkshop) after = cr_test_import_fixture (store, "series-after.json");
  g_autoptr(GError) error = NULL;
  g_autoptr(CrTemplate) vocabulary = cr_template_lookup_builtin ("product-led-vocabulary", &error);
  g_autoptr(CrWorkshop) other = NULL;
  g_autoptr(CrComparison) cmp = NULL;
  g_autofree char *summary = NULL;
  g_autofree char *md = NULL;
  g_autofree char *html = NULL;
  g_autofree char *pdf = NULL;
  g_autoptr(JsonNode) root = NULL;
  JsonObject *item;

  g_assert_true (cr_workshop_set_details (before, "Spring", "Contoso", "Sam", "2025-03-12", "", &error));
  g_assert_no_error (error);
  cmp = cr_comparison_new (before, after);
  g_assert_false (cmp->same_organisation);
  g_assert_true (cmp->rerun);
  g_assert_cmpstr (g_ptr_array_index (cmp->notes, 0), ==,
                   "These workshops are of two organisations: Contoso and Northwind Logistics.");
  g_clear_pointer (&cmp, cr_comparison_free);

  other = cr_workshop_create (store, vocabulary, "Words", "Northwind Logistics", "Sam", "2025-11-01", "", &error);
  g_assert_no_error (error);
  cmp = cr_comparison_new (after, other);
  g_assert_true (cmp->same_organisation);
  g_assert_false (cmp->same_template);
  g_assert_false (cmp->rerun);
  g_assert_cmpstr (g_ptr_array_index (cmp->notes, 0), ==,
                   "The workshops use different templates (People product operating models and Product-led vocabulary): only their context and recommendation are compared.");
  g_assert_cmpuint (cmp->questions->len, ==, 0);
  g_assert_null (cmp->gap_before);
  g_assert_nonnull (cmp->rec_before);
  g_assert_nonnull (cmp->rec_after);
  /* The later template asks other things: each answer of the earlier one
   * is listed as not asked in the later workshop, not as gone. */
  g_assert_cmpuint (cmp->context->len, ==, 7);
  for (guint i = 0; i < cmp->context->len; i++)
    {
      const CrCompareContext *c = g_ptr_array_index (cmp->context, i);

      g_assert_true (c->asked_before);
      g_assert_false (c->asked_after);
      g_assert_null (c->after);
      g_assert_cmpstr (cr_comparison_context_text (c, TRUE, NULL), ==, "Not asked in “Words”");
    }
  /* Not a re-run: the earlier workshop's own actions. */
  g_assert_false (cmp->actions_reviewed);
  g_assert_cmpuint (g_list_model_get_n_items (cmp->actions), ==, 1);
  summary = cr_comparison_summary (cmp);
  g_assert_nonnull (summary);

  /* Each side's recommendation in its own template's terms: the earlier
   * one's start and aim (ordered options) and its fits stay in the report,
   * though the later template's options are not ordered. */
  md = comparison_text (cmp, CR_EXPORT_MARKDOWN);
  g_assert_nonnull (strstr (md, "| Stage of the organisation | Enterprise | Not asked in “Words” |"));
  g_assert_null (strstr (md, "Not answered"));
  html = comparison_text (cmp, CR_EXPORT_HTML);
  g_assert_cmpuint (cr_test_count_of (html, "Not asked in “Words”"), ==, 7);
  g_assert_null (strstr (html, "Not answered"));
  pdf = comparison_text (cmp, CR_EXPORT_PDF);
  if (pdf != NULL)
    {
      g_assert_nonnull (strstr (pdf, "Not asked in “Words”"));
      g_assert_null (strstr (pdf, "Not answered"));
    }
  /* The JSON keeps its shape: "after" stays null, and says it was not asked. */
  root = cr_comparison_to_json (cmp);
  item = json_array_get_object_element (json_object_get_array_member (json_node_get_object (root), "context"), 1);
  g_assert_cmpstr (json_object_get_string_member (item, "field"), ==, "stage");
  g_assert_true (json_object_get_null_member (item, "after"));
  g_assert_true (json_object_get_boolean_member (item, "asked_before"));
  g_assert_false (json_object_get_boolean_member (item, "asked_after"));
  g_assert_cmpstr (json_object_get_string_member (item, "after_text"), ==, NULL);
  g_assert_nonnull (strstr (md, "| Start with | Projects and Programmes as Products | — |"));
  g_assert_nonnull (strstr (md, "| Aim for | People Experience as a Product | — |"));
  g_assert_nonnull (strstr (md, "| Points to | — | "));
  g_assert_nonnull (strstr (md, "| Projects and Programmes as Products | +8 | — |"));
  g_assert_nonnull (strstr (md, "| Product-led growth | — | "));
}

static char *
comparison_text (const CrComparison *cmp,
                 CrExportFormat      format)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = cr_export_comparison_to_bytes (cmp, format, &error);

  g_assert_no_error (error);
  g_assert_nonnull (bytes);
  if (format == CR_EXPORT_PDF)
    return cr_test_pdf_text (bytes);
  return g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
}

static char *
report_text (CrWorkshop     *workshop,
             CrExportFormat  format)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = cr_export_to_bytes (workshop, format, &error);

  g_assert_no_error (error);
  if (format == CR_EXPORT_PDF)
    return cr_test_pdf_text (bytes);
  return g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
}

/* Cairo numbers the surfaces of an SVG across a whole process: the same
 * chart drawn twice differs only in those numbers. */
static char *
without_surface_ids (char *text)
{
  g_autoptr(GRegex) regex = g_regex_new ("surface[0-9]+", 0, 0, NULL);
  char *plain = text != NULL ? g_regex_replace_literal (regex, text, -1, 0, "surface", 0, NULL) : NULL;

  g_free (text);
  return plain;
}

static void
assert_contains (const char *text,
                 const char *part)
{
  if (strstr (text, part) == NULL)
    g_error ("“%s” is not in:\n%s", part, text);
}

/* No figure written with an ASCII hyphen for its minus sign: a cell, a
 * word or a line starting "-" and a digit (dates have digits before). */
static void
assert_no_hyphen_minus (const char *text)
{
  g_autoptr(GRegex) hyphen = g_regex_new ("(^|[\\s|>(])-[0-9]", G_REGEX_MULTILINE, 0, NULL);
  g_autoptr(GMatchInfo) match = NULL;

  if (g_regex_match (hyphen, text, 0, &match))
    {
      g_autofree char *found = g_match_info_fetch (match, 0);

      g_error ("“%s”, a figure with a hyphen for its minus sign, is in:\n%s", found, text);
    }
}

/* The comparison as a document: what crossroads --compare writes, and the
 * "Since Last Time" section of the re-run's own report. */
static void
test_documents (void)
{
  g_autoptr(CrStore) store = cr_test_new_store ();
  g_autoptr(CrWorkshop) before = cr_test_import_fixture (store, "series-before.json");
  g_autoptr(CrWorkshop) after = cr_test_import_fixture (store, "series-after.json");
  g_autoptr(CrComparison) cmp = cr_comparison_new (before, after);
  g_autofree char *md = comparison_text (cmp, CR_EXPORT_MARKDOWN);
  g_autofree char *html = comparison_text (cmp, CR_EXPORT_HTML);
  g_autofree char *pdf = comparison_text (cmp, CR_EXPORT_PDF);
  g_autofree char *report = report_text (after, CR_EXPORT_MARKDOWN);
  g_autofree char *report_pdf = report_text (after, CR_EXPORT_PDF);
  g_autofree char *first_report = report_text (before, CR_EXPORT_MARKDOWN);
  g_autoptr(GError) error = NULL;

  /* The open round is said first, before any figure. */
  g_assert_true (strstr (md, "is still open in") < strstr (md, "### Context"));
  assert_contains (md, "| Stage of the organisation | Scale-up | Enterprise |");
  assert_contains (md, "| Headcount | 400 | 900 |");
  /* The figures as the change chart writes them: whole percent, changes
   * in points, means to one decimal, a real minus sign (U+2212). */
  assert_contains (md, "| Productised HR as a Service | 50 % | 20 % | −30 pts |");
  assert_contains (md, "| People Experience as a Product | 58 % | 80 % | +22 pts |");
  assert_contains (md, "| People Experience as a Product | Overall | 3.5 | 2.8 | −0.7 |");
  assert_contains (md, "| People Experience as a Product | Feasible for our team | 3.5 | 2.0 | −1.5 |");
  assert_contains (md, "| Projects and Programmes as Products | 50 % | 33 % | 60 % | 20 % |");
  assert_contains (md, "| People Experience as a Product | +2 | −2 |");
  assert_no_hyphen_minus (md);
  {
    /* The charts' drawing instructions are numbers, not figures. */
    g_autoptr(GRegex) svg = g_regex_new ("<svg.*?</svg>", G_REGEX_DOTALL, 0, NULL);
    g_autofree char *words = g_regex_replace_literal (svg, html, -1, 0, "", 0, NULL);

    assert_no_hyphen_minus (words);
  }
  assert_contains (html, ">−30 pts</td>");
  assert_contains (md, "- **New:** An enterprise");
  assert_contains (md, "- **Gone:** A scale-up");
  assert_contains (md, "| Set up a People product team beside HR operations | Ben Okafor | 2025-06-30 | Dropped | The budget went to the new HR system |");

  assert_contains (html, "<td dir=\"auto\">Enterprise</td>");
  /* The change chart, its sides named by the workshops' dates. */
  assert_contains (html, "From 2025-03-12 to 2025-10-08, “Where do we want to be?”");

  if (pdf != NULL)
    {
      assert_no_hyphen_minus (pdf);
      assert_contains (pdf, "−30 pts");
      assert_contains (pdf, "What Moved");
      assert_contains (pdf, "Enterprise");
      assert_contains (pdf, "Dropped");
    }

  /* A comparison is no spreadsheet. */
  g_assert_null (cr_export_comparison_to_bytes (cmp, CR_EXPORT_CSV, &error));
  g_assert_error (error, CR_EXPORT_ERROR, CR_EXPORT_ERROR_FAILED);

  /* The re-run's report has the section; last time's actions are in
   * their own section already, so not twice. The first workshop's has none. */
  assert_contains (report, "## Since Last Time");
  assert_contains (report, "| Stage of the organisation | Scale-up | Enterprise |");
  g_assert_null (strstr (strstr (report, "## Since Last Time"), "Ben Okafor"));
  if (report_pdf != NULL)
    assert_contains (report_pdf, "Since Last Time");
  g_assert_null (strstr (first_report, "Since Last Time"));
}

/* A question the re-run has not voted on yet: said once, in each format,
 * instead of a table of dashes and no chart. */
static void
test_not_voted_this_time (void)
{
  g_autoptr(CrStore) store = cr_test_new_store ();
  g_autoptr(CrWorkshop) before = cr_test_import_fixture (store, "series-before.json");
  g_autoptr(GError) error = NULL;
  g_autoptr(CrWorkshop) rerun = cr_workshop_rerun (before, "Autumn", "2025-10-08", &error);
  g_autoptr(CrComparison) cmp = NULL;
  g_autoptr(CrComparison) other_way = NULL;
  g_autofree char *md = NULL;
  g_autofree char *html = NULL;
  g_autofree char *pdf = NULL;
  g_autofree char *report = NULL;
  g_autofree char *reverse = NULL;

  g_assert_no_error (error);
  cmp = cr_comparison_new (before, rerun);
  g_assert_cmpuint (cmp->questions->len, ==, 3);
  md = comparison_text (cmp, CR_EXPORT_MARKDOWN);
  html = comparison_text (cmp, CR_EXPORT_HTML);
  pdf = comparison_text (cmp, CR_EXPORT_PDF);
  report = report_text (rerun, CR_EXPORT_MARKDOWN);

  /* Once for each of the three questions and for today against the
   * target, and no row of figures. */
  g_assert_cmpuint (cr_test_count_of (md, "Not voted on this time."), ==, 4);
  g_assert_cmpuint (cr_test_count_of (html, "Not voted on this time."), ==, 4);
  g_assert_cmpuint (cr_test_count_of (report, "Not voted on this time."), ==, 4);
  g_assert_null (strstr (md, "| Productised HR as a Service | 50 %"));
  g_assert_null (strstr (md, "No revealed round"));
  g_assert_null (strstr (html, "<svg"));
  if (pdf != NULL)
    g_assert_cmpuint (cr_test_count_of (pdf, "Not voted on this time."), ==, 4);

  /* Any two workshops: the one without a vote is named. */
  other_way = cr_comparison_new (rerun, before);
  reverse = comparison_text (other_way, CR_EXPORT_MARKDOWN);
  g_assert_cmpuint (cr_test_count_of (reverse, "Not voted on in “Autumn”."), ==, 4);
}

/* The re-run's latest round of a question revealed with no vote: every
 * place says nobody voted then, as the change chart does, and none claims
 * a change from it ("58 % → — · —" or a fall to 0). */
static void
test_empty_round_this_time (void)
{
  g_autoptr(CrStore) store = cr_test_new_store ();
  g_autoptr(CrWorkshop) before = cr_test_import_fixture (store, "series-before.json");
  g_autoptr(GError) error = NULL;
  g_autoptr(CrWorkshop) rerun = cr_workshop_rerun (before, "Autumn", "2025-10-08", &error);
  g_autoptr(CrComparison) cmp = NULL;
  g_autofree char *md = NULL;
  g_autofree char *html = NULL;
  g_autofree char *pdf = NULL;
  g_autofree char *json = NULL;
  g_autofree char *line = NULL;
  const CrCompareQuestion *q;
  guint o;

  g_assert_no_error (error);
  cr_test_reveal (rerun, cr_test_open_round (rerun, "target"));
  cmp = cr_comparison_new (before, rerun);
  q = find_question (cmp, "target");
  o = find_option (q, PX) - q->options;

  /* The Since Last Time step's line, as the chart's. */
  line = cr_comparison_option_move (q, o);
  g_assert_cmpstr (line, ==, "58 % → no votes on 2025-10-08");

  md = comparison_text (cmp, CR_EXPORT_MARKDOWN);
  html = comparison_text (cmp, CR_EXPORT_HTML);
  pdf = comparison_text (cmp, CR_EXPORT_PDF);
  json = comparison_text (cmp, CR_EXPORT_JSON);
  assert_contains (md, "Nobody voted on 2025-10-08.");
  assert_contains (md, "| People Experience as a Product | 58 % | no votes on 2025-10-08 |  |");
  g_assert_null (strstr (md, "| People Experience as a Product | 58 % | — |"));
  assert_contains (html, "Nobody voted on 2025-10-08.");
  if (pdf != NULL)
    assert_contains (pdf, "Nobody voted on 2025-10-08.");
  /* The JSON has the round, and nothing where nobody voted: no share, no change. */
  {
    g_autoptr(JsonParser) parser = json_parser_new ();
    JsonObject *question, *option;

    g_assert_true (json_parser_load_from_data (parser, json, -1, NULL));
    question = json_array_get_object_element (json_object_get_array_member (json_node_get_object (json_parser_get_root (parser)),
                                                                            "questions"), 1);
    g_assert_cmpstr (json_object_get_string_member (question, "question"), ==, "target");
    g_assert_cmpint (json_object_get_int_member (question, "after_round"), ==, 1);
    option = json_array_get_object_element (json_object_get_array_member (question, "options"), o);
    g_assert_cmpfloat_with_epsilon (json_object_get_double_member (option, "share_before"), 0.5833, 1e-9);
    g_assert_true (json_object_get_null_member (option, "share_after"));
    g_assert_true (json_object_get_null_member (option, "change"));
  }
}

/* Hidden stays hidden: whatever is cast in a round still open, on either
 * side, the comparison and the re-run's report read the same to the letter. */
static void
test_no_leak (void)
{
  static const CrExportFormat formats[] = { CR_EXPORT_MARKDOWN, CR_EXPORT_HTML, CR_EXPORT_JSON, CR_EXPORT_PDF };
  g_autoptr(CrStore) store = cr_test_new_store ();
  g_autoptr(CrWorkshop) before = cr_test_import_fixture (store, "series-before.json");
  g_autoptr(CrWorkshop) after = cr_test_import_fixture (store, "series-after.json");
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) texts = g_ptr_array_new_with_free_func (g_free);
  CrRound *open_after = cr_workshop_find_latest_round (after, "target", FALSE);
  CrRound *open_before = cr_workshop_open_round (before, "current", &error);

  g_assert_no_error (error);
  g_assert_false (cr_round_get_revealed (open_after));

  for (guint pass = 0; pass < 2; pass++)
    {
      g_autoptr(CrComparison) cmp = cr_comparison_new (before, after);

      for (guint f = 0; f < G_N_ELEMENTS (formats); f++)
        {
          g_autofree char *text = without_surface_ids (comparison_text (cmp, formats[f]));
          g_autofree char *report = formats[f] == CR_EXPORT_JSON ? NULL : without_surface_ids (report_text (after, formats[f]));

          if (pass == 0)
            {
              g_ptr_array_add (texts, g_steal_pointer (&text));
              g_ptr_array_add (texts, g_steal_pointer (&report));
              continue;
            }
          g_test_message ("format %s", cr_export_format_to_string (formats[f]));

          g_assert_cmpstr (text, ==, g_ptr_array_index (texts, 2 * f));
          g_assert_cmpstr (report, ==, g_ptr_array_index (texts, 2 * f + 1));
        }

      /* Between the passes, the hidden rounds fill up: every participant of
       * the earlier workshop on PX today, and three of the re-run who had
       * not voted put their three dots on HR. */
      if (pass == 0)
        {
          GListModel *people = cr_workshop_get_participants (before);

          for (guint i = 0; i < g_list_model_get_n_items (people); i++)
            {
              g_autoptr(CrParticipant) p = g_list_model_get_item (people, i);
              CrVote vote = { cr_participant_get_id (p), PX, NULL, 1 };

              g_assert_true (cr_workshop_record_votes (before, open_before, vote.participant_id, &vote, 1, &error));
              g_assert_no_error (error);
            }
          people = cr_workshop_get_participants (after);
          for (guint i = 2; i < g_list_model_get_n_items (people); i++)
            {
              g_autoptr(CrParticipant) p = g_list_model_get_item (people, i);
              CrVote vote = { cr_participant_get_id (p), HR, NULL, 3 };

              g_assert_true (cr_workshop_record_votes (after, open_after, vote.participant_id, &vote, 1, &error));
              g_assert_no_error (error);
            }
        }
    }
}

/* The Since Last Time step is the re-run's, before its recommendation; its
 * mark travels in the re-run's bundle like any step's, and a workshop that
 * re-runs none has no such step. */
static void
test_since_step_in_bundle (void)
{
  g_autoptr(CrStore) store = cr_test_new_store ();
  g_autoptr(CrStore) other = cr_test_new_store ();
  g_autoptr(CrWorkshop) before = cr_test_import_fixture (store, "series-before.json");
  g_autoptr(CrWorkshop) after = cr_test_import_fixture (store, "series-after.json");
  g_autoptr(CrWorkshop) moved = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *json = NULL;
  g_autoptr(GBytes) bytes = NULL;
  gint64 id;
  guint n = cr_workshop_get_n_steps (after);

  g_assert_cmpuint (n, ==, cr_workshop_get_n_steps (before) + 2);
  for (guint i = 0; i < n; i++)
    if (g_str_equal (cr_workshop_get_step (after, i)->id, CR_AGENDA_SINCE))
      g_assert_cmpstr (cr_workshop_get_step (after, i + 1)->id, ==, "recommendation");
  for (guint i = 0; i < cr_workshop_get_n_steps (before); i++)
    g_assert_cmpstr (cr_workshop_get_step (before, i)->id, !=, CR_AGENDA_SINCE);

  g_assert_true (cr_workshop_set_step_marked (after, CR_AGENDA_SINCE, TRUE, &error));
  g_assert_no_error (error);
  json = cr_bundle_export_string (after);
  g_assert_nonnull (strstr (json, "\"since-last-time\""));
  bytes = g_bytes_new (json, strlen (json));
  id = cr_bundle_import (other, bytes, &error);
  g_assert_no_error (error);
  moved = cr_workshop_load (other, id, &error);
  g_assert_no_error (error);
  g_assert_true (cr_workshop_get_step_marked (moved, CR_AGENDA_SINCE));
}

/* The re-run voted on where it stands today but not on its target: today
 * against the target says the target was not voted on then, on that side,
 * in the Since Last Time step's lines and in the exports, not
 * "58 % → — · —". */
static void
test_gap_side_not_voted (void)
{
  g_autoptr(CrStore) store = cr_test_new_store ();
  g_autoptr(CrWorkshop) before = cr_test_import_fixture (store, "series-before.json");
  g_autoptr(GError) error = NULL;
  g_autoptr(CrWorkshop) rerun = cr_workshop_rerun (before, "Autumn", "2025-10-08", &error);
  g_autoptr(CrComparison) cmp = NULL;
  g_autoptr(CrComparison) other_way = NULL;
  g_autofree char *target = NULL;
  g_autofree char *today = NULL;
  g_autofree char *reverse = NULL;
  g_autofree char *md = NULL;
  g_autofree char *html = NULL;
  guint o;

  g_assert_no_error (error);
  cr_test_reveal (rerun, cr_test_open_round (rerun, "current"));
  cmp = cr_comparison_new (before, rerun);
  g_assert_null (cr_comparison_describe_gap_missing (cmp));
  g_assert_cmpuint (cmp->gap_after->target_round, ==, 0);
  o = find_option (find_question (cmp, "target"), PX) - find_question (cmp, "target")->options;

  target = cr_comparison_gap_move (cmp, o, TRUE);
  g_assert_cmpstr (target, ==, "58 % → not voted on 2025-10-08");
  today = cr_comparison_gap_move (cmp, o, FALSE);
  g_assert_cmpstr (today, ==, "0 % → no votes on 2025-10-08");

  md = comparison_text (cmp, CR_EXPORT_MARKDOWN);
  html = comparison_text (cmp, CR_EXPORT_HTML);
  assert_contains (md, "| People Experience as a Product | 0 % | 58 % | no votes on 2025-10-08 | not voted on 2025-10-08 |");
  assert_contains (html, "not voted on 2025-10-08");
  g_assert_null (strstr (md, "— · —"));

  /* The other way round: the side without a target is the earlier one. */
  other_way = cr_comparison_new (rerun, before);
  reverse = cr_comparison_gap_move (other_way, o, TRUE);
  g_assert_cmpstr (reverse, ==, "not voted on 2025-10-08 → 58 %");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/compare/series-by-hand", test_series_by_hand);
  g_test_add_func ("/compare/json", test_json);
  g_test_add_func ("/compare/open-round-before", test_open_round_before);
  g_test_add_func ("/compare/other-organisation-and-template", test_other_organisation_and_template);
  g_test_add_func ("/compare/documents", test_documents);
  g_test_add_func ("/compare/not-voted-this-time", test_not_voted_this_time);
  g_test_add_func ("/compare/empty-round-this-time", test_empty_round_this_time);
  g_test_add_func ("/compare/gap-side-not-voted", test_gap_side_not_voted);
  g_test_add_func ("/compare/no-leak", test_no_leak);
  g_test_add_func ("/compare/since-step-in-bundle", test_since_step_in_bundle);

  return g_test_run ();
}
