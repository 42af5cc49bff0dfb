/* test-template.c: loading and validating workshop templates
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "cr-template.h"
#include "cr-test-util.h"

static char *
fixture_path (const char *name)
{
  return cr_test_source_path ("templates", name, NULL);
}

static char *
write_tmp (const char *basename,
           const char *data,
           gssize      len)
{
  g_autoptr(GError) error = NULL;
  char *path = cr_test_tmp_path (basename);

  g_file_set_contents (path, data, len, &error);
  g_assert_no_error (error);
  return path;
}

static CrTemplate *
lookup (const char *id)
{
  g_autoptr(GError) error = NULL;
  CrTemplate *template = cr_template_lookup_builtin (id, &error);

  g_assert_no_error (error);
  g_assert_nonnull (template);
  return template;
}

/* Built-in templates */

static void
test_builtin_ids (void)
{
  const char * const *ids = cr_template_builtin_ids ();

  g_assert_cmpuint (g_strv_length ((char **) ids), ==, 2);
  g_assert_true (g_strv_contains (ids, "people-product-models"));
  g_assert_true (g_strv_contains (ids, "product-led-vocabulary"));

  for (guint i = 0; ids[i] != NULL; i++)
    {
      g_autoptr(CrTemplate) template = lookup (ids[i]);
      g_autoptr(GPtrArray) problems = cr_template_check_json (cr_template_get_json (template));

      g_assert_cmpstr (cr_template_get_id (template), ==, ids[i]);
      g_assert_true (cr_template_is_builtin (template));
      g_assert_cmpuint (problems->len, ==, 0);
    }
}

static void
test_builtin_people_product_models (void)
{
  static const char * const option_ids[] = {
    "hr-as-a-service", "projects-as-products", "px-as-a-product"
  };
  static const struct { const char *id; CrContextKind kind; const char *choices; } fields[] = {
    { "headcount", CR_CONTEXT_NUMBER, NULL },
    { "stage", CR_CONTEXT_CHOICE, "start-up scale-up smb enterprise" },
    { "positioning", CR_CONTEXT_CHOICE, "support strategic" },
    { "team_size", CR_CONTEXT_NUMBER, NULL },
    { "team_maturity", CR_CONTEXT_SCALE, NULL },
    { "team_makeup", CR_CONTEXT_CHOICE, "siloed-specialists mixed lean-generalists" },
    { "leader_mindset", CR_CONTEXT_CHOICE, "procurement product" },
  };
  static const char * const criteria[] = {
    "user-centricity", "strategic-impact", "speed", "feasibility", "cost-of-change"
  };
  g_autoptr(CrTemplate) template = lookup ("people-product-models");
  const CrQuestion *question;
  const CrContextField *field;
  const CrAimRule *aim;
  int minutes = 0;

  g_assert_true (cr_template_is_ordered (template));
  g_assert_cmpint (cr_template_get_default_budget (template), ==, 3);
  g_assert_nonnull (cr_template_get_title (template));
  g_assert_nonnull (cr_template_get_description (template));

  g_assert_cmpuint (cr_template_get_n_options (template), ==, G_N_ELEMENTS (option_ids));
  for (guint i = 0; i < G_N_ELEMENTS (option_ids); i++)
    {
      const CrOption *option = cr_template_get_option (template, i);

      g_assert_cmpstr (option->id, ==, option_ids[i]);
      g_assert_true (cr_template_find_option (template, option_ids[i]) == option);
      g_assert_cmpint (cr_template_option_index (template, option_ids[i]), ==, i);
      g_assert_nonnull (option->title);
      g_assert_nonnull (option->summary);
      g_assert_nonnull (option->product);
      g_assert_nonnull (option->found_in);
      g_assert_cmpuint (g_strv_length (option->strengths), >=, 2);
      g_assert_cmpuint (g_strv_length (option->risks), >=, 2);
    }
  g_assert_cmpint (cr_template_option_index (template, "px-as-a-service"), ==, -1);
  g_assert_null (cr_template_find_option (template, "px-as-a-service"));

  g_assert_cmpuint (cr_template_get_n_context (template), ==, G_N_ELEMENTS (fields));
  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    {
      field = cr_template_get_context (template, i);
      g_assert_cmpstr (field->id, ==, fields[i].id);
      g_assert_cmpint (field->kind, ==, fields[i].kind);
      g_assert_nonnull (field->label);
      if (fields[i].choices != NULL)
        {
          g_auto(GStrv) ids = g_strsplit (fields[i].choices, " ", -1);

          g_assert_cmpuint (field->choices->len, ==, g_strv_length (ids));
          for (guint j = 0; ids[j] != NULL; j++)
            {
              const CrChoice *choice = g_ptr_array_index (field->choices, j);

              g_assert_cmpstr (choice->id, ==, ids[j]);
              g_assert_true (cr_context_field_find_choice (field, ids[j]) == choice);
            }
        }
      else
        g_assert_cmpuint (field->choices->len, ==, 0);
    }
  field = cr_template_find_context (template, "team_maturity");
  g_assert_cmpint (field->scale_min, ==, 1);
  g_assert_cmpint (field->scale_max, ==, 5);

  g_assert_cmpuint (cr_template_get_n_questions (template), ==, 3);
  question = cr_template_get_question (template, 0);
  g_assert_cmpstr (question->id, ==, "current");
  g_assert_cmpint (question->method, ==, CR_METHOD_SINGLE);
  question = cr_template_get_question (template, 1);
  g_assert_cmpstr (question->id, ==, "target");
  g_assert_cmpint (question->method, ==, CR_METHOD_DOTS);
  g_assert_cmpint (question->budget, ==, 3);
  question = cr_template_find_question (template, "fit");
  g_assert_true (question == cr_template_get_question (template, 2));
  g_assert_cmpint (question->method, ==, CR_METHOD_SCORE);
  g_assert_cmpstr (cr_method_to_string (question->method), ==, "score");
  g_assert_cmpint (question->scale_min, ==, 1);
  g_assert_cmpint (question->scale_max, ==, 5);
  g_assert_cmpuint (question->criteria->len, ==, G_N_ELEMENTS (criteria));
  for (guint i = 0; i < G_N_ELEMENTS (criteria); i++)
    {
      const CrCriterion *criterion = g_ptr_array_index (question->criteria, i);

      g_assert_cmpstr (criterion->id, ==, criteria[i]);
      g_assert_cmpfloat (criterion->weight, >, 0);
      g_assert_true (cr_question_find_criterion (question, criteria[i]) == criterion);
    }
  g_assert_null (cr_question_find_criterion (question, "price"));

  /* A realistic half day, with a vote step for every question. */
  for (guint i = 0; i < cr_template_get_n_steps (template); i++)
    {
      const CrAgendaStep *step = cr_template_get_step (template, i);

      minutes += step->minutes;
      if (g_str_equal (step->page, "vote"))
        g_assert_nonnull (cr_template_find_question (template, step->question));
      else
        g_assert_null (step->question);
    }
  g_assert_cmpint (minutes, >=, 210);
  g_assert_cmpint (minutes, <=, 240);
  g_assert_cmpstr (cr_template_get_step (template, 0)->page, ==, "setup");

  aim = cr_template_get_aim (template);
  g_assert_nonnull (aim);
  g_assert_cmpstr (aim->question, ==, "target");
  g_assert_cmpfloat (aim->destination_weight, ==, 1.0);
  g_assert_cmpfloat (aim->vote_weight, ==, 2.0);

  /* Beside the context, where the room is today and its fit scores weigh
   * on where to start; the target weighs on the aim, above. */
  g_assert_cmpfloat (cr_template_get_context_weight (template), ==, 2.0);
  g_assert_cmpuint (cr_template_get_n_room_votes (template), ==, 2);
  g_assert_cmpstr (cr_template_get_room_vote (template, 0)->question, ==, "current");
  g_assert_cmpint (cr_template_get_room_vote (template, 0)->means, ==, CR_ROOM_TODAY);
  g_assert_cmpstr (cr_template_get_room_vote (template, 1)->question, ==, "fit");
  g_assert_cmpint (cr_template_get_room_vote (template, 1)->means, ==, CR_ROOM_FIT);

  g_assert_cmpuint (cr_template_get_n_rules (template), >=, 10);
}

static void
test_builtin_product_led_vocabulary (void)
{
  static const char * const option_ids[] = {
    "product-led-organisation", "product-operating-model", "product-led-growth"
  };
  static const char * const question_ids[] = { "today", "ambition" };
  g_autoptr(CrTemplate) template = lookup ("product-led-vocabulary");

  g_assert_false (cr_template_is_ordered (template));
  g_assert_null (cr_template_get_aim (template));
  g_assert_cmpuint (cr_template_get_n_room_votes (template), ==, 2);
  g_assert_cmpstr (cr_template_get_room_vote (template, 0)->question, ==, "today");
  g_assert_cmpint (cr_template_get_room_vote (template, 0)->means, ==, CR_ROOM_TODAY);
  g_assert_cmpstr (cr_template_get_room_vote (template, 1)->question, ==, "ambition");
  g_assert_cmpint (cr_template_get_room_vote (template, 1)->means, ==, CR_ROOM_TARGET);

  g_assert_cmpuint (cr_template_get_n_options (template), ==, G_N_ELEMENTS (option_ids));
  for (guint i = 0; i < G_N_ELEMENTS (option_ids); i++)
    g_assert_cmpstr (cr_template_get_option (template, i)->id, ==, option_ids[i]);

  g_assert_cmpuint (cr_template_get_n_questions (template), ==, G_N_ELEMENTS (question_ids));
  for (guint i = 0; i < G_N_ELEMENTS (question_ids); i++)
    {
      const CrQuestion *question = cr_template_get_question (template, i);

      g_assert_cmpstr (question->id, ==, question_ids[i]);
      g_assert_cmpint (question->method, ==, CR_METHOD_SCORE);
      g_assert_cmpint (question->scale_min, ==, 0);
      g_assert_cmpint (question->scale_max, ==, 10);
      g_assert_cmpuint (question->criteria->len, ==, 0);
    }

  /* Every term can gain and lose fit through the context. */
  for (guint i = 0; i < G_N_ELEMENTS (option_ids); i++)
    {
      gboolean up = FALSE, down = FALSE;

      for (guint r = 0; r < cr_template_get_n_rules (template); r++)
        {
          const CrRule *rule = cr_template_get_rule (template, r);

          g_assert_nonnull (rule->reason);
          g_assert_nonnull (cr_template_find_context (template, rule->context));
          for (guint k = 0; k < rule->option_ids->len; k++)
            if (g_str_equal (g_ptr_array_index (rule->option_ids, k), option_ids[i]))
              {
                double weight = g_array_index (rule->weights, double, k);

                up |= weight > 0;
                down |= weight < 0;
              }
        }
      g_assert_true (up);
      g_assert_true (down);
    }
}

static void
test_builtin_cached (void)
{
  g_autoptr(CrTemplate) first = lookup ("people-product-models");
  g_autoptr(CrTemplate) second = lookup ("people-product-models");

  g_assert_true (first == second);
}

static void
test_builtin_unknown (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CrTemplate) template = cr_template_lookup_builtin ("people-models", &error);

  g_assert_null (template);
  g_assert_error (error, CR_TEMPLATE_ERROR, CR_TEMPLATE_ERROR_UNKNOWN);
  g_assert_nonnull (strstr (error->message, "'people-models'"));
  g_assert_nonnull (strstr (error->message, "people-product-models"));
}

/* The fit of each option in a context, by the rules as the brief defines
 * them; enough to hold the built-in rules to what domain.md says. */
static void
apply_rules (CrTemplate *template,
             const char *choices,
             double      headcount,
             double      team_size,
             double     *fits)
{
  g_auto(GStrv) pairs = g_strsplit (choices, " ", -1);

  for (guint i = 0; i < cr_template_get_n_options (template); i++)
    fits[i] = 0;

  for (guint r = 0; r < cr_template_get_n_rules (template); r++)
    {
      const CrRule *rule = cr_template_get_rule (template, r);
      gboolean match = rule->context == NULL;

      if (rule->equals != NULL)
        {
          g_autofree char *pair = g_strdup_printf ("%s=%s", rule->context, rule->equals);
          match = g_strv_contains ((const char * const *) pairs, pair);
        }
      else if (rule->context != NULL)
        {
          double value = g_str_equal (rule->context, "headcount") ? headcount
                       : g_str_equal (rule->context, "team_size") ? team_size : -1;

          match = value >= 0
                  && (!rule->has_min || value >= rule->min)
                  && (!rule->has_max || value <= rule->max);
        }

      for (guint k = 0; match && k < rule->option_ids->len; k++)
        fits[cr_template_option_index (template, g_ptr_array_index (rule->option_ids, k))]
          += g_array_index (rule->weights, double, k);
    }
}

static void
test_builtin_rules_follow_domain (void)
{
  g_autoptr(CrTemplate) template = lookup ("people-product-models");
  double fit[3];
  enum { HR, PROJECTS, PX };

  apply_rules (template, "stage=start-up team_makeup=lean-generalists leader_mindset=product positioning=strategic",
               40, 2, fit);
  g_assert_cmpfloat (fit[PX], >, fit[PROJECTS]);
  g_assert_cmpfloat (fit[PX], >, fit[HR]);

  apply_rules (template, "stage=enterprise team_makeup=siloed-specialists positioning=support leader_mindset=procurement",
               20000, 120, fit);
  g_assert_cmpfloat (fit[PX], <, fit[HR] - 5);
  g_assert_cmpfloat (fit[PX], <, fit[PROJECTS] - 5);

  apply_rules (template, "stage=scale-up team_makeup=mixed leader_mindset=product", 400, 8, fit);
  g_assert_cmpfloat (fit[PROJECTS], >, fit[PX]);
  g_assert_cmpfloat (fit[PROJECTS], >, fit[HR]);

  apply_rules (template, "stage=smb positioning=support leader_mindset=procurement", -1, -1, fit);
  g_assert_cmpfloat (MAX (fit[HR], fit[PROJECTS]), >, fit[PX]);

  /* With nothing known, the widely preferred first step leads. */
  apply_rules (template, "", -1, -1, fit);
  g_assert_cmpfloat (fit[PROJECTS], >, 0);
  g_assert_cmpfloat (fit[HR], ==, 0);
  g_assert_cmpfloat (fit[PX], ==, 0);
}

/* The document */

static void
test_json_round_trip (void)
{
  g_autoptr(CrTemplate) template = lookup ("people-product-models");
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(JsonNode) copy = NULL;
  g_autoptr(CrTemplate) again = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  JsonNode *json = cr_template_get_json (template);

  /* The document is the one shipped. */
  bytes = g_resources_lookup_data ("/io/github/crossroads/Crossroads/templates/people-product-models.json",
                                   G_RESOURCE_LOOKUP_FLAGS_NONE, &error);
  g_assert_no_error (error);
  json_parser_load_from_data (parser, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), &error);
  g_assert_no_error (error);
  g_assert_true (json_node_equal (json, json_parser_get_root (parser)));

  /* Loaded again from its own document, it is the same template, but a
   * custom one. */
  copy = json_node_copy (json);
  again = cr_template_new_from_json (copy, &error);
  g_assert_no_error (error);
  g_assert_false (cr_template_is_builtin (again));
  g_assert_cmpstr (cr_template_get_id (again), ==, "people-product-models");
  g_assert_cmpuint (cr_template_get_n_options (again), ==, cr_template_get_n_options (template));
  g_assert_cmpuint (cr_template_get_n_rules (again), ==, cr_template_get_n_rules (template));
  g_assert_cmpuint (cr_template_get_n_steps (again), ==, cr_template_get_n_steps (template));

  before = json_to_string (json, FALSE);
  after = json_to_string (cr_template_get_json (again), FALSE);
  g_assert_cmpstr (before, ==, after);

  /* The template keeps its own copy. */
  json_object_set_string_member (json_node_get_object (copy), "id", "changed");
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (cr_template_get_json (again)), "id"),
                   ==, "people-product-models");
}

static void
test_valid_file (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = fixture_path ("valid.json");
  g_autoptr(CrTemplate) template = cr_template_new_from_file (path, &error);
  g_autoptr(GPtrArray) problems = cr_template_check_file (path);
  const CrContextField *field;
  const CrQuestion *question;
  const CrRule *rule;
  const CrAgendaStep *step;

  g_assert_no_error (error);
  g_assert_cmpuint (problems->len, ==, 0);
  g_assert_cmpstr (cr_template_get_id (template), ==, "fixture");
  g_assert_false (cr_template_is_builtin (template));
  g_assert_true (cr_template_is_ordered (template));

  g_assert_cmpstrv (cr_template_get_option (template, 0)->strengths, ((const char *[]) { "Quick", NULL }));
  g_assert_cmpuint (g_strv_length (cr_template_get_option (template, 1)->risks), ==, 0);
  g_assert_null (cr_template_get_option (template, 1)->product);

  field = cr_template_find_context (template, "maturity");
  g_assert_cmpstr (cr_context_kind_to_string (field->kind), ==, "scale");
  g_assert_cmpstr (field->min_label, ==, "New");
  g_assert_cmpstr (field->max_label, ==, "Seasoned");
  g_assert_cmpint (cr_template_find_context (template, "name")->kind, ==, CR_CONTEXT_TEXT);

  question = cr_template_find_question (template, "goal");
  g_assert_cmpint (question->budget, ==, 4);
  question = cr_template_find_question (template, "fit");
  g_assert_cmpfloat (cr_question_find_criterion (question, "cost")->weight, ==, 2.0);

  step = cr_template_get_step (template, 1);
  g_assert_cmpstr (step->question, ==, "now");
  g_assert_cmpstr (step->description, ==, "Silent vote.");
  g_assert_null (cr_template_get_step (template, 0)->description);

  rule = cr_template_get_rule (template, 0);
  g_assert_null (rule->context);
  g_assert_cmpstr (rule->reason, ==, "Always a good step.");
  rule = cr_template_get_rule (template, 1);
  g_assert_cmpstr (rule->context, ==, "stage");
  g_assert_cmpstr (rule->equals, ==, "young");
  g_assert_cmpuint (rule->option_ids->len, ==, 2);
  g_assert_cmpstr (g_ptr_array_index (rule->option_ids, 0), ==, "third");
  g_assert_cmpfloat (g_array_index (rule->weights, double, 1), ==, -1.0);
  rule = cr_template_get_rule (template, 2);
  g_assert_true (rule->has_min);
  g_assert_true (rule->has_max);
  g_assert_cmpfloat (rule->min, ==, 10);
  g_assert_cmpfloat (rule->max, ==, 100);
  g_assert_null (rule->equals);
}

static void
test_defaults (void)
{
  static const char doc[] =
    "\xef\xbb\xbf{ \"format\": \"crossroads-template\", \"version\": 1, \"id\": \"mini\","
    "  \"title\": \"Mini\", \"dots_budget\": 5,"
    "  \"options\": [ { \"id\": \"a\", \"title\": \"A\", \"summary\": \"First.\" },"
    "                 { \"id\": \"b\", \"title\": \"B\", \"summary\": \"Second.\" } ],"
    "  \"questions\": [ { \"id\": \"q\", \"prompt\": \"Which?\", \"method\": \"dots\" },"
    "                   { \"id\": \"s\", \"prompt\": \"How much?\", \"method\": \"score\","
    "                     \"scale\": { \"min\": 0, \"max\": 3 },"
    "                     \"criteria\": [ { \"id\": \"c\", \"label\": \"C\" } ] } ],"
    "  \"x-notes\": \"ignored by Crossroads\" }";
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = g_bytes_new_static (doc, strlen (doc));
  g_autoptr(CrTemplate) template = cr_template_new_from_bytes (bytes, &error);

  /* A byte order mark, absent optional parts and an "x-" member are fine. */
  g_assert_no_error (error);
  g_assert_false (cr_template_is_ordered (template));
  g_assert_null (cr_template_get_description (template));
  g_assert_cmpint (cr_template_get_default_budget (template), ==, 5);
  g_assert_cmpint (cr_template_get_question (template, 0)->budget, ==, 5);
  g_assert_cmpfloat (((CrCriterion *) g_ptr_array_index (cr_template_get_question (template, 1)->criteria, 0))->weight,
                     ==, 1.0);
  g_assert_cmpuint (cr_template_get_n_context (template), ==, 0);
  g_assert_cmpuint (cr_template_get_n_steps (template), ==, 0);
  g_assert_cmpuint (cr_template_get_n_rules (template), ==, 0);
  g_assert_null (cr_template_get_aim (template));
}

/* The facilitator's preferred budget fills in only what the file leaves
 * out, and is kept in the template's JSON for the workshop's snapshot. */
static void
test_fallback_budget (void)
{
  static const char without[] =
    "{ \"format\": \"crossroads-template\", \"version\": 1, \"id\": \"mini\", \"title\": \"Mini\","
    "  \"options\": [ { \"id\": \"a\", \"title\": \"A\", \"summary\": \"First.\" },"
    "                 { \"id\": \"b\", \"title\": \"B\", \"summary\": \"Second.\" } ],"
    "  \"questions\": [ { \"id\": \"q\", \"prompt\": \"Which?\", \"method\": \"dots\" },"
    "                   { \"id\": \"r\", \"prompt\": \"Really?\", \"method\": \"dots\", \"budget\": 2 } ] }";
  g_autofree char *path = write_tmp ("no-budget.json", without, -1);
  g_autofree char *with_path = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(CrTemplate) template = NULL;
  g_autoptr(CrTemplate) reloaded = NULL;
  g_autoptr(CrTemplate) fixed = NULL;
  g_autoptr(CrTemplate) plain = NULL;

  template = cr_template_new_from_file_with_budget (path, 7, &error);
  g_assert_no_error (error);
  g_assert_cmpint (cr_template_get_default_budget (template), ==, 7);
  g_assert_cmpint (cr_template_get_question (template, 0)->budget, ==, 7);
  g_assert_cmpint (cr_template_get_question (template, 1)->budget, ==, 2);

  /* The JSON carries the budget, so a reload without the preference keeps 7. */
  reloaded = cr_template_new_from_json (cr_template_get_json (template), &error);
  g_assert_no_error (error);
  g_assert_cmpint (cr_template_get_question (reloaded, 0)->budget, ==, 7);

  /* Loaded without the preference, the same file has the built-in default. */
  plain = cr_template_new_from_file (path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (cr_template_get_question (plain, 0)->budget, ==, 3);

  /* A file that sets its own budget keeps it. */
  {
    g_autofree char *own = g_strdup (without);
    g_autoptr(GString) text = g_string_new (own);

    g_string_replace (text, "\"title\": \"Mini\",", "\"title\": \"Mini\", \"dots_budget\": 5,", 1);
    with_path = write_tmp ("own-budget.json", text->str, -1);
  }
  fixed = cr_template_new_from_file_with_budget (with_path, 9, &error);
  g_assert_no_error (error);
  g_assert_cmpint (cr_template_get_default_budget (fixed), ==, 5);
  g_assert_cmpint (cr_template_get_question (fixed, 0)->budget, ==, 5);

  /* A broken file is refused as usual, with its located problem. */
  g_clear_object (&template);
  {
    g_autofree char *broken_path = fixture_path ("budget-zero.json");

    template = cr_template_new_from_file_with_budget (broken_path, 7, &error);
    g_assert_error (error, CR_TEMPLATE_ERROR, CR_TEMPLATE_ERROR_INVALID);
    g_assert_nonnull (strstr (error->message, "questions[1].budget:"));
    g_assert_null (template);
  }
}

/* Broken templates: each fixture has exactly one problem, at this place. */

static const struct
{
  const char *file;
  const char *prefix;    /* the JSON path and the colon */
  const char *message;   /* what follows */
} broken[] = {
  { "options-risks-not-list.json", "options[2].risks:", " expected a list of strings, found a string" },
  { "method-unknown.json", "questions[1].method:", " 'rank' is not one of single, dots, score" },
  { "duplicate-option-id.json", "options[3].id:", " 'second' is already used by options[1]" },
  { "missing-title.json", "options[1].title:", " required member is missing" },
  { "favours-unknown-option.json", "recommendation.rules[1].favours:",
    " 'fourth' is not an option of this template (options are first, second, third)" },
  { "when-unknown-context.json", "recommendation.rules[2].when.context:",
    " 'headcount' is not a context field of this template (fields are size, stage, maturity, name)" },
  { "when-unknown-choice.json", "recommendation.rules[1].when.equals:",
    " 'ancient' is not a choice of 'stage' (choices are young, old)" },
  { "when-equals-on-number.json", "recommendation.rules[3].when.equals:", " a rule on a number or scale field" },
  { "when-outside-scale.json", "recommendation.rules[3].when.max:", " 7 is outside the scale of 'maturity' (1 to 5)" },
  { "agenda-unknown-question.json", "agenda[1].question:",
    " 'later' is not a question of this template (questions are now, goal, fit)" },
  { "budget-zero.json", "questions[1].budget:", " 0 is out of range; expected 1 to 100" },
  { "scale-inverted.json", "questions[2].scale.max:", " the scale must go up: max 5 is not above min 5" },
  { "criterion-weight-negative.json", "questions[2].criteria[1].weight:", " -2 is not a valid weight" },
  { "favours-weight-not-number.json", "recommendation.rules[0].favours.second:", " expected a number, found a string" },
  { "unknown-format.json", "format:", " 'crossroads-workshop' is not a Crossroads template" },
  { "future-version.json", "version:", " version 2 is newer than this Crossroads understands (up to 1)" },
  { "unknown-member.json", "options[0].strenghts:", " unknown member; expected one of id, title," },
  { "aim-unordered.json", "recommendation.aim:", " only an ordered template has an aim" },
  { "context-scale-inverted.json", "context[2].max:", " the scale must go up: max 1 is not above min 5" },
  { "choice-without-choices.json", "context[1].choices:", " required member is missing" },
  { "agenda-page-unknown.json", "agenda[0].page:",
    " 'lunch' is not one of setup, context, canvas, vote, results, recommendation, actions, export" },
  { "budget-on-single.json", "questions[0].budget:", " only a question of method 'dots' has a budget" },
  { "room-unknown-question.json", "recommendation.room[1].question:",
    " 'later' is not a question of this template (questions are now, goal, fit)" },
  { "room-target-ordered.json", "recommendation.room[0].means:",
    " in an ordered template the target vote weighs on where to aim" },
  { "room-meaning-twice.json", "recommendation.room[1].means:",
    " 'fit' is already what recommendation.room[0] means; each meaning once" },
  { "room-aim-question.json", "recommendation.room[0].question:",
    " 'goal' is already the aim's question; name each question once" },
  { "context-weight-negative.json", "recommendation.context_weight:", " -1 is not a valid weight" },
  /* A chart or the projector shows it on one line. */
  { "title-too-long.json", "options[1].title:", " is longer than 200 characters; shorten it" },
};

static void
test_broken_fixtures (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (broken); i++)
    {
      g_autofree char *path = fixture_path (broken[i].file);
      g_autofree char *expected = g_strconcat (broken[i].prefix, broken[i].message, NULL);
      g_autoptr(GPtrArray) problems = cr_template_check_file (path);
      g_autoptr(GError) error = NULL;
      g_autoptr(CrTemplate) template = cr_template_new_from_file (path, &error);
      const char *message;

      g_test_message ("%s", broken[i].file);
      for (guint j = 0; j < problems->len; j++)
        g_test_message ("  %s", (const char *) g_ptr_array_index (problems, j));
      g_assert_cmpuint (problems->len, ==, 1);
      message = g_ptr_array_index (problems, 0);
      g_assert_true (g_str_has_prefix (message, broken[i].prefix));
      g_assert_true (g_str_has_prefix (message, expected));

      g_assert_null (template);
      g_assert_error (error, CR_TEMPLATE_ERROR, CR_TEMPLATE_ERROR_INVALID);
      g_assert_cmpstr (error->message, ==, message);
    }
}

static void
test_check_collects_all (void)
{
  static const char * const prefixes[] = {
    "options[2].risks: expected a list of strings",
    "questions[1].method: 'rank' is not one of",
    "agenda[1].question: 'later' is not a question",
    "recommendation.rules[1].when.equals: 'ancient' is not a choice of 'stage'",
  };
  g_autofree char *path = fixture_path ("many-problems.json");
  g_autoptr(GPtrArray) problems = cr_template_check_file (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(CrTemplate) template = NULL;

  g_assert_cmpuint (problems->len, ==, G_N_ELEMENTS (prefixes));
  for (guint i = 0; i < G_N_ELEMENTS (prefixes); i++)
    g_assert_true (g_str_has_prefix (g_ptr_array_index (problems, i), prefixes[i]));

  /* Loading stops at the first, and says how many more there are. */
  template = cr_template_new_from_file (path, &error);
  g_assert_null (template);
  g_assert_error (error, CR_TEMPLATE_ERROR, CR_TEMPLATE_ERROR_INVALID);
  g_assert_true (g_str_has_prefix (error->message, prefixes[0]));
  g_assert_true (g_str_has_suffix (error->message, "(and 3 more problems)"));
}

static void
test_check_json_shapes (void)
{
  g_autoptr(JsonNode) list = json_from_string ("[1, 2]", NULL);
  g_autoptr(JsonNode) bare = json_from_string ("{}", NULL);
  g_autoptr(JsonNode) wrong_types = json_from_string (
    "{ \"format\": \"crossroads-template\", \"version\": \"1\", \"id\": \"Not valid!\","
    "  \"title\": 3, \"ordered\": \"yes\", \"options\": {}, \"questions\": [] }", NULL);
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(CrTemplate) template = NULL;

  problems = cr_template_check_json (list);
  g_assert_cmpuint (problems->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (problems, 0), ==, "top level: expected an object, found a list");
  g_clear_pointer (&problems, g_ptr_array_unref);

  /* Every required member is named. */
  problems = cr_template_check_json (bare);
  g_assert_cmpuint (problems->len, ==, 6);
  g_assert_cmpstr (g_ptr_array_index (problems, 0), ==, "format: required member is missing");
  g_assert_cmpstr (g_ptr_array_index (problems, 1), ==, "version: required member is missing");
  g_assert_cmpstr (g_ptr_array_index (problems, 2), ==, "id: required member is missing");
  g_assert_cmpstr (g_ptr_array_index (problems, 3), ==, "title: required member is missing");
  g_assert_cmpstr (g_ptr_array_index (problems, 4), ==, "options: required member is missing");
  g_assert_cmpstr (g_ptr_array_index (problems, 5), ==, "questions: required member is missing");
  g_clear_pointer (&problems, g_ptr_array_unref);

  problems = cr_template_check_json (wrong_types);
  g_assert_cmpuint (problems->len, ==, 6);
  g_assert_cmpstr (g_ptr_array_index (problems, 0), ==, "version: expected a number, found a string");
  g_assert_true (g_str_has_prefix (g_ptr_array_index (problems, 1), "id: 'Not valid!' is not a valid id"));
  g_assert_cmpstr (g_ptr_array_index (problems, 2), ==, "title: expected a string, found a number");
  g_assert_cmpstr (g_ptr_array_index (problems, 3), ==, "ordered: expected true or false, found a string");
  g_assert_cmpstr (g_ptr_array_index (problems, 4), ==, "options: expected a list of options, found an object");
  g_assert_cmpstr (g_ptr_array_index (problems, 5), ==, "questions: a template needs at least one question for the room");

  template = cr_template_new_from_json (wrong_types, &error);
  g_assert_null (template);
  g_assert_error (error, CR_TEMPLATE_ERROR, CR_TEMPLATE_ERROR_INVALID);
}

static void
test_help_example (void)
{
  g_autoptr(GBytes) example = cr_test_help_example ();
  g_autoptr(GError) error = NULL;
  g_autoptr(CrTemplate) template = NULL;

  /* The example in the help is a template that loads. */
  template = cr_template_new_from_bytes (example, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (cr_template_get_id (template), ==, "onboarding-models");
  g_assert_cmpuint (cr_template_get_n_rules (template), ==, 3);
  g_assert_nonnull (cr_template_get_aim (template));
}

/* Files that are not templates at all */

static void
assert_parse_error (const char *path,
                    const char *prefix,
                    const char *fragment)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CrTemplate) template = cr_template_new_from_file (path, &error);
  g_autoptr(GPtrArray) problems = cr_template_check_file (path);

  g_assert_null (template);
  g_assert_error (error, CR_TEMPLATE_ERROR, CR_TEMPLATE_ERROR_PARSE);
  g_assert_true (g_str_has_prefix (error->message, prefix));
  g_assert_nonnull (strstr (error->message, fragment));

  g_assert_cmpuint (problems->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (problems, 0), ==, error->message);
}

static void
test_not_json (void)
{
  g_autofree char *path = write_tmp ("broken.json",
                                     "{\n  \"format\": \"crossroads-template\",\n  \"version\": one\n}\n", -1);

  assert_parse_error (path, "line 3, column ", "not valid JSON");
}

static void
test_empty_file (void)
{
  g_autofree char *empty = write_tmp ("empty.json", "", 0);
  g_autofree char *blank = write_tmp ("blank.json", " \n\t\n", -1);

  assert_parse_error (empty, "the file is empty", "");
  assert_parse_error (blank, "the file is empty", "");
}

static void
test_deep_nesting (void)
{
  gsize n = 200000;
  g_autofree char *data = g_malloc (n);
  g_autofree char *path = NULL;

  /* Deep enough to overflow the stack of a recursive parser. */
  memset (data, '[', n);
  path = write_tmp ("deep.json", data, n);

  assert_parse_error (path, "line 1, column 33: ", "nested more than 32 deep");
}

/* json-glib reads comments and single-quoted texts, which the depth count
 * took for the start of a string: the brackets after them reached its
 * recursive parser and overflowed the stack. */
static void
test_comment_and_quotes (void)
{
  GString *comment = g_string_new ("/*\"*/");
  GString *quote = g_string_new ("{ \"format\": 'x\"', \"version\": ");
  g_autofree char *comment_path = NULL;
  g_autofree char *quote_path = NULL;

  for (guint i = 0; i < 100000; i++)
    {
      g_string_append_c (comment, '[');
      g_string_append_c (quote, '[');
    }
  comment_path = write_tmp ("comment.json", comment->str, comment->len);
  quote_path = write_tmp ("quote.json", quote->str, quote->len);
  g_string_free (comment, TRUE);
  g_string_free (quote, TRUE);

  assert_parse_error (comment_path, "line 1, column 1: this is not valid JSON: ", "comment");
  assert_parse_error (quote_path, "line 1, column 13: this is not valid JSON: ", "single quotes");
}

/* A device that never ends is read to the limit and one byte, not until
 * the memory runs out. */
static void
test_endless_file (void)
{
  if (!g_file_test ("/dev/zero", G_FILE_TEST_EXISTS))
    {
      g_test_skip ("no /dev/zero here");
      return;
    }
  assert_parse_error ("/dev/zero", "the file is larger than 4 MB", "a few kilobytes");
}

/* valid.json with @from replaced by @to; the place of @mark in it. */
static char *
valid_edited (const char  *from,
              const char  *to,
              const char  *mark,
              char       **place)
{
  g_autofree char *valid = fixture_path ("valid.json");
  g_autoptr(GBytes) bytes = cr_test_read_file (valid);
  g_autoptr(GString) s = g_string_new_len (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
  g_autofree char *at = NULL;

  g_assert_cmpuint (g_string_replace (s, from, to, 1), ==, 1);
  at = cr_test_place (s->str, strstr (strstr (s->str, to), mark));
  *place = g_strconcat (at, ": ", NULL);
  return write_tmp ("edited.json", s->str, (gssize) s->len);
}

/* What json-glib would have read as something else: refused, with the
 * place, as in a bundle. */
static void
test_strict_json (void)
{
  g_autofree char *place = NULL;
  g_autofree char *first = NULL;
  g_autofree char *path = NULL;
  g_autofree char *expected = NULL;

  path = valid_edited ("\"title\": \"Fixture template\",", "\"title\": \"Fixture template\",", "\"", &first);
  g_clear_pointer (&path, g_free);
  path = valid_edited ("\"title\": \"Fixture template\",", "\"title\": \"Fixture template\", \"title\": \"Other\",",
                       "\"title\": \"Other", &place);
  first[strlen (first) - 2] = '\0';
  expected = g_strdup_printf ("“title” is given twice in one object (first at %s); keep one", first);
  assert_parse_error (path, place, expected);
  g_clear_pointer (&place, g_free);
  g_clear_pointer (&path, g_free);

  path = valid_edited ("A small valid template", "A small\\u0000 valid template", "\\u0000", &place);
  assert_parse_error (path, place, "description: \\u0000 (a NUL character) would cut the text short there");
  g_clear_pointer (&place, g_free);
  g_clear_pointer (&path, g_free);

  path = valid_edited ("\"version\": 1,", "\"version\": 100000000000000000000,", "1", &place);
  assert_parse_error (path, place, "version: 100000000000000000000 does not fit in a number Crossroads can keep");
  g_clear_pointer (&place, g_free);
  g_clear_pointer (&path, g_free);
}

/* An optional member that is null is as if absent. */
static void
test_null_means_none (void)
{
  g_autofree char *place = NULL;
  g_autofree char *path = valid_edited ("\"A small valid template that the broken fixtures start from.\"", "null",
                                        "null", &place);
  g_autoptr(GError) error = NULL;
  g_autoptr(CrTemplate) template = cr_template_new_from_file (path, &error);

  g_assert_no_error (error);
  g_assert_nonnull (template);
}

static void
test_deep_nesting_in_strings (void)
{
  GString *doc = g_string_new ("{ \"format\": \"");
  g_autofree char *path = NULL;
  g_autoptr(GPtrArray) problems = NULL;

  /* Brackets inside a string are text, not nesting. */
  for (guint i = 0; i < 1000; i++)
    g_string_append (doc, "[{\\\"");
  g_string_append (doc, "\" }");
  path = write_tmp ("brackets.json", doc->str, doc->len);
  g_string_free (doc, TRUE);

  problems = cr_template_check_file (path);
  g_assert_cmpuint (problems->len, >=, 1);
  g_assert_true (g_str_has_prefix (g_ptr_array_index (problems, 0), "format: '[{\"[{"));
}

static void
test_invalid_utf8 (void)
{
  static const char data[] = "{\n  \"title\": \"caf\xe9\"\n}\n";
  g_autofree char *path = write_tmp ("latin1.json", data, sizeof data - 1);
  g_autoptr(GBytes) bytes = g_bytes_new_static (data, sizeof data - 1);
  g_autoptr(GError) error = NULL;
  g_autoptr(CrTemplate) template = cr_template_new_from_bytes (bytes, &error);

  g_assert_null (template);
  g_assert_error (error, CR_TEMPLATE_ERROR, CR_TEMPLATE_ERROR_PARSE);
  g_assert_true (g_str_has_prefix (error->message, "line 2, column 16 (byte 17): "));

  assert_parse_error (path, "line 2, column 16 (byte 17): ", "not valid UTF-8");
}

static void
test_missing_file (void)
{
  g_autofree char *path = cr_test_tmp_path ("absent.json");
  g_autoptr(GError) error = NULL;
  g_autoptr(CrTemplate) template = cr_template_new_from_file (path, &error);
  g_autoptr(GPtrArray) problems = cr_template_check_file (path);

  g_assert_null (template);
  g_assert_error (error, G_FILE_ERROR, G_FILE_ERROR_NOENT);
  g_assert_cmpuint (problems->len, ==, 1);
  g_assert_nonnull (strstr (g_ptr_array_index (problems, 0), "absent.json"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/template/builtin/ids", test_builtin_ids);
  g_test_add_func ("/template/builtin/people-product-models", test_builtin_people_product_models);
  g_test_add_func ("/template/builtin/product-led-vocabulary", test_builtin_product_led_vocabulary);
  g_test_add_func ("/template/builtin/cached", test_builtin_cached);
  g_test_add_func ("/template/builtin/unknown", test_builtin_unknown);
  g_test_add_func ("/template/builtin/rules-follow-domain", test_builtin_rules_follow_domain);
  g_test_add_func ("/template/json/round-trip", test_json_round_trip);
  g_test_add_func ("/template/load/valid-file", test_valid_file);
  g_test_add_func ("/template/load/defaults", test_defaults);
  g_test_add_func ("/template/load/fallback-budget", test_fallback_budget);
  g_test_add_func ("/template/check/broken-fixtures", test_broken_fixtures);
  g_test_add_func ("/template/check/collects-all", test_check_collects_all);
  g_test_add_func ("/template/check/json-shapes", test_check_json_shapes);
  g_test_add_func ("/template/help/example", test_help_example);
  g_test_add_func ("/template/parse/not-json", test_not_json);
  g_test_add_func ("/template/parse/empty", test_empty_file);
  g_test_add_func ("/template/parse/deep-nesting", test_deep_nesting);
  g_test_add_func ("/template/parse/brackets-in-strings", test_deep_nesting_in_strings);
  g_test_add_func ("/template/parse/comment-and-quotes", test_comment_and_quotes);
  g_test_add_func ("/template/parse/endless-file", test_endless_file);
  g_test_add_func ("/template/parse/strict-json", test_strict_json);
  g_test_add_func ("/template/load/null-means-none", test_null_means_none);
  g_test_add_func ("/template/parse/invalid-utf8", test_invalid_utf8);
  g_test_add_func ("/template/parse/missing-file", test_missing_file);

  return g_test_run ();
}
