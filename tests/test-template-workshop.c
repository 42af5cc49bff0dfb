/* test-template-workshop.c: a template the checker accepts always gives a
 * workshop that runs to its end: the steps every workshop has are added
 * where its agenda leaves them out, the checker warns about what a
 * workshop will do differently, and every valid template runs to a PDF.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <json-glib/json-glib.h>
#include <string.h>

#include "cr-agenda.h"
#include "cr-bundle.h"
#include "cr-export.h"
#include "cr-template-warnings.h"
#include "cr-test-util.h"

/* ---- Templates ---------------------------------------------------------- */

static JsonNode *
help_example_node (void)
{
  g_autoptr(GBytes) example = cr_test_help_example ();
  g_autofree char *text = g_strndup (g_bytes_get_data (example, NULL), g_bytes_get_size (example));
  g_autoptr(GError) error = NULL;
  JsonNode *node = json_from_string (text, &error);

  g_assert_no_error (error);
  return node;
}

static CrTemplate *
template_of (JsonNode *node)
{
  g_autoptr(GError) error = NULL;
  CrTemplate *template = cr_template_new_from_json (node, &error);

  g_assert_no_error (error);
  g_assert_nonnull (template);
  return template;
}

/* The help's example with its member @name replaced by @json (NULL:
 * removed); @path, when given, is a member of an object inside
 * ("recommendation"). */
static CrTemplate *
example_with (const char *path,
              const char *name,
              const char *json)
{
  g_autoptr(JsonNode) node = help_example_node ();
  JsonObject *object = json_node_get_object (node);

  if (path != NULL)
    object = json_object_get_object_member (object, path);
  if (json == NULL)
    json_object_remove_member (object, name);
  else
    {
      g_autoptr(GError) error = NULL;
      JsonNode *value = json_from_string (json, &error);

      g_assert_no_error (error);
      json_object_set_member (object, name, value);
    }
  return template_of (node);
}

static CrTemplate *
help_example (void)
{
  g_autoptr(GBytes) example = cr_test_help_example ();
  g_autoptr(GError) error = NULL;
  CrTemplate *template = cr_template_new_from_bytes (example, &error);

  g_assert_no_error (error);
  return template;
}

/* The agenda of a workshop of @template, as "page:id" (a vote
 * "vote:id:question") joined by spaces. */
static char *
agenda_of (CrTemplate *template,
           gboolean    rerun)
{
  g_autoptr(CrAgenda) agenda = cr_agenda_new (template, rerun);
  g_autoptr(GString) out = g_string_new (NULL);

  for (guint i = 0; i < cr_agenda_get_n_steps (agenda); i++)
    {
      const CrAgendaStep *step = cr_agenda_get_step (agenda, i);

      g_assert_nonnull (step->title);
      g_assert_cmpstr (step->title, !=, "");
      g_assert_cmpint (step->minutes, >, 0);
      g_string_append_printf (out, "%s%s:%s", i > 0 ? " " : "", step->page, step->id);
      if (step->question != NULL)
        g_string_append_printf (out, ":%s", step->question);
    }
  return g_string_free (g_steal_pointer (&out), FALSE);
}

/* ---- The agenda --------------------------------------------------------- */

/* The help's example agenda as it was: four steps, no canvas, no vote on
 * "today", no recommendation, actions or export. */
#define OLD_HELP_AGENDA \
  "[ { \"id\": \"intro\", \"title\": \"Welcome\", \"page\": \"setup\", \"minutes\": 10 }," \
  "  { \"id\": \"context\", \"title\": \"Our context\", \"page\": \"context\", \"minutes\": 15 }," \
  "  { \"id\": \"vote\", \"title\": \"Vote\", \"page\": \"vote\", \"question\": \"wish\", \"minutes\": 10 }," \
  "  { \"id\": \"results\", \"title\": \"Results\", \"page\": \"results\", \"minutes\": 15 } ]"

/* The built-in templates have every step: their workshops keep their
 * agenda as it is, step for step. */
static void
test_agenda_builtin_as_written (void)
{
  const char * const *ids = cr_template_builtin_ids ();

  for (guint t = 0; ids[t] != NULL; t++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(CrTemplate) template = cr_template_lookup_builtin (ids[t], &error);
      g_autoptr(CrAgenda) agenda = NULL;

      g_assert_no_error (error);
      agenda = cr_agenda_new (template, FALSE);
      g_assert_cmpuint (cr_agenda_get_n_steps (agenda), ==, cr_template_get_n_steps (template));
      for (guint i = 0; i < cr_agenda_get_n_steps (agenda); i++)
        {
          g_assert_true (cr_agenda_get_step (agenda, i) == cr_template_get_step (template, i));
          g_assert_false (cr_agenda_is_added (agenda, cr_agenda_get_step (agenda, i)));
        }
    }
}

/* A template without an agenda, which the help calls optional, gets the
 * whole of one, in the built-in templates' order. */
static void
test_agenda_none (void)
{
  g_autoptr(CrTemplate) template = example_with (NULL, "agenda", NULL);
  g_autoptr(CrAgenda) agenda = cr_agenda_new (template, FALSE);
  g_autofree char *steps = agenda_of (template, FALSE);
  int vote;

  g_assert_cmpuint (cr_template_get_n_steps (template), ==, 0);
  g_assert_cmpstr (steps, ==,
                   "setup:setup context:context canvas:canvas vote:vote-today:today vote:vote-wish:wish "
                   "results:results recommendation:recommendation actions:actions export:export");
  /* A vote step is called what it asks the room. */
  vote = cr_agenda_find (agenda, "vote-today");
  g_assert_cmpstr (cr_agenda_get_step (agenda, (guint) vote)->title, ==, "Which is closer to what we do?");
  g_assert_cmpstr (cr_agenda_get_step (agenda, 0)->title, ==, "Welcome and Set-Up");
  g_assert_true (cr_agenda_is_added (agenda, cr_agenda_get_step (agenda, 0)));
}

/* The help's example as it was: what its agenda has stays in its order;
 * what it lacks goes where the built-in templates have it. */
static void
test_agenda_incomplete (void)
{
  g_autoptr(CrTemplate) template = example_with (NULL, "agenda", OLD_HELP_AGENDA);
  g_autofree char *steps = agenda_of (template, FALSE);
  g_autofree char *rerun = agenda_of (template, TRUE);

  g_assert_cmpstr (steps, ==,
                   "setup:intro context:context canvas:canvas vote:vote-today:today vote:vote:wish "
                   "results:results recommendation:recommendation actions:actions export:export");
  /* A re-run adds its own steps to the completed agenda. */
  g_assert_cmpstr (rerun, ==,
                   "setup:intro review-actions:review-actions context:context canvas:canvas "
                   "vote:vote-today:today vote:vote:wish results:results since-last-time:since-last-time "
                   "recommendation:recommendation actions:actions export:export");
}

/* An added step takes an id no step of the template has, and a template
 * without context fields gets no context step. */
static void
test_agenda_ids (void)
{
  g_autoptr(JsonNode) node = help_example_node ();
  JsonObject *root = json_node_get_object (node);
  g_autoptr(JsonNode) agenda = json_from_string (
    "[ { \"id\": \"canvas\", \"title\": \"Results\", \"page\": \"results\", \"minutes\": 15 },"
    "  { \"id\": \"vote-today-2\", \"title\": \"Decide\", \"page\": \"recommendation\", \"minutes\": 5 },"
    "  { \"id\": \"vote-today\", \"title\": \"Wrap-up\", \"page\": \"export\", \"minutes\": 5 } ]", NULL);
  g_autoptr(CrTemplate) template = NULL;
  g_autofree char *steps = NULL;

  json_object_set_member (root, "agenda", json_node_copy (agenda));
  /* Without context fields, the rules on them go too. */
  json_object_remove_member (root, "context");
  json_object_set_array_member (json_object_get_object_member (root, "recommendation"), "rules", json_array_new ());
  template = template_of (node);
  steps = agenda_of (template, FALSE);
  g_assert_cmpstr (steps, ==,
                   "setup:setup canvas:canvas-2 vote:vote-today-3:today vote:vote-wish:wish "
                   "results:canvas recommendation:vote-today-2 actions:actions export:vote-today");
}

/* A bundle carries the marks and time spent on added steps, and brings
 * them back: the workshop's agenda is the same on the other laptop. */
static void
test_agenda_bundle (void)
{
  g_autoptr(CrTemplate) template = example_with (NULL, "agenda", NULL);
  g_autoptr(CrStore) store = cr_test_new_store ();
  g_autoptr(CrStore) other = cr_test_new_store ();
  g_autoptr(CrWorkshop) workshop = NULL;
  g_autoptr(CrWorkshop) copy = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *json = NULL;
  g_autoptr(GBytes) bytes = NULL;
  gint64 id;

  workshop = cr_workshop_create (store, template, "Onboarding", "Acme", "Fran", "2026-12-08", "People", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (cr_workshop_get_n_steps (workshop), ==, 9);
  g_assert_true (cr_workshop_set_step_marked (workshop, "canvas", TRUE, &error));
  g_assert_true (cr_workshop_set_step_elapsed (workshop, "vote-today", 754, &error));
  g_assert_true (cr_workshop_set_current_step (workshop, "export", &error));
  g_assert_no_error (error);

  json = cr_bundle_export_string (workshop);
  bytes = g_bytes_new (json, strlen (json));
  id = cr_bundle_import (other, bytes, &error);
  g_assert_no_error (error);
  copy = cr_workshop_load (other, id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (cr_workshop_get_n_steps (copy), ==, 9);
  g_assert_true (cr_workshop_get_step_marked (copy, "canvas"));
  g_assert_cmpint (cr_workshop_get_step_elapsed (copy, "vote-today"), ==, 754);
  g_assert_cmpstr (cr_workshop_get_current_step (copy), ==, "export");
}

/* ---- Warnings ------------------------------------------------------------- */

static char *
warnings_of (CrTemplate *template)
{
  g_autoptr(GPtrArray) warnings = cr_template_warnings (template);

  g_ptr_array_add (warnings, NULL);
  return g_strjoinv ("\n", (char **) warnings->pdata);
}

static void
test_warnings_none (void)
{
  const char * const *ids = cr_template_builtin_ids ();
  g_autoptr(CrTemplate) example = help_example ();
  g_autoptr(CrTemplate) bare = example_with (NULL, "agenda", NULL);
  g_autofree char *text = NULL;

  for (guint t = 0; ids[t] != NULL; t++)
    {
      g_autoptr(CrTemplate) template = cr_template_lookup_builtin (ids[t], NULL);
      g_autofree char *builtin = warnings_of (template);

      g_assert_cmpstr (builtin, ==, "");
    }
  /* The help's example is one to start from; without an agenda, a
   * workshop makes the whole of one, as the help says. */
  text = warnings_of (example);
  g_assert_cmpstr (text, ==, "");
  g_clear_pointer (&text, g_free);
  text = warnings_of (bare);
  g_assert_cmpstr (text, ==, "");
}

static void
test_warnings_agenda (void)
{
  g_autoptr(CrTemplate) template = example_with (NULL, "agenda", OLD_HELP_AGENDA);
  g_autofree char *text = warnings_of (template);

  g_assert_cmpstr (text, ==,
                   "questions[0]: no step of the agenda puts 'today' to the vote; a workshop adds a vote step for it\n"
                   "agenda: a workshop adds the steps every workshop has that the agenda leaves out: "
                   "canvas, recommendation, actions, export");
}

static void
test_warnings_rules (void)
{
  g_autoptr(CrTemplate) none = example_with ("recommendation", "rules", "[]");
  g_autoptr(CrTemplate) always = example_with ("recommendation", "rules",
    "[ { \"when\": {}, \"favours\": { \"central\": 1 }, \"because\": \"Simplest.\" } ]");
  g_autoptr(CrTemplate) one = example_with ("recommendation", "rules",
    "[ { \"when\": { \"context\": \"growth\", \"equals\": \"fast\" }, \"favours\": { \"central\": 1 },"
    "    \"because\": \"Fast.\" } ]");
  g_autofree char *none_text = warnings_of (none);
  g_autofree char *always_text = warnings_of (always);
  g_autofree char *one_text = warnings_of (one);

  g_assert_cmpstr (none_text, ==,
                   "recommendation.rules: there are no rules, so the context moves no option's fit "
                   "and the recommendation rests on the room's votes alone");
  g_assert_cmpstr (always_text, ==,
                   "recommendation.rules: no rule names a context field (each one always applies), "
                   "so the answers in the context move no option's fit");
  g_assert_cmpstr (one_text, ==, "context[0]: no rule names 'headcount', so its answer moves no option's fit");
}

static void
test_warnings_gap (void)
{
  /* "today" is a single choice, the aim's "wish" now a score: the two the
   * template names cannot be set side by side, and no other pair can. */
  g_autoptr(CrTemplate) scored = example_with (NULL, "questions",
    "[ { \"id\": \"today\", \"prompt\": \"Which is closer to what we do?\", \"method\": \"single\" },"
    "  { \"id\": \"wish\", \"prompt\": \"Where should we go?\", \"method\": \"score\","
    "    \"scale\": { \"min\": 1, \"max\": 5 } } ]");
  /* One more single choice: today and the target fall back to it. */
  g_autoptr(CrTemplate) three = example_with (NULL, "questions",
    "[ { \"id\": \"today\", \"prompt\": \"Which is closer to what we do?\", \"method\": \"single\" },"
    "  { \"id\": \"wish\", \"prompt\": \"Where should we go?\", \"method\": \"score\","
    "    \"scale\": { \"min\": 1, \"max\": 5 } },"
    "  { \"id\": \"later\", \"prompt\": \"And in a year?\", \"method\": \"single\" } ]");
  /* No aim and no room: one question, nothing to compare. */
  g_autoptr(JsonNode) node = help_example_node ();
  JsonObject *root = json_node_get_object (node);
  g_autoptr(CrTemplate) single = NULL;
  g_autofree char *scored_text = warnings_of (scored);
  g_autofree char *three_text = warnings_of (three);
  g_autofree char *single_text = NULL;

  json_object_remove_member (root, "agenda");
  json_object_remove_member (json_object_get_object_member (root, "recommendation"), "aim");
  json_object_remove_member (json_object_get_object_member (root, "recommendation"), "room");
  json_array_remove_element (json_object_get_array_member (root, "questions"), 1);
  single = template_of (node);
  single_text = warnings_of (single);

  g_assert_cmpstr (scored_text, ==,
                   "recommendation.room[0].question: 'today' (today) and 'wish' (the target) cannot be set side "
                   "by side: shares go with shares, scores with scores on the same scale; the results cannot "
                   "show “Today and the target”");
  g_assert_cmpstr (three_text, ==,
                   "questions[2]: no step of the agenda puts 'later' to the vote; a workshop adds a vote step for it\n"
                   "recommendation.room[0].question: 'today' (today) and 'wish' (the target) cannot be set side "
                   "by side: shares go with shares, scores with scores on the same scale; “Today and the target” "
                   "shows 'today' against 'later' instead");
  g_assert_cmpstr (single_text, ==,
                   "questions: no two questions can be set side by side (shares with shares, scores with scores "
                   "on the same scale), so the results cannot show “Today and the target”");
}

/* ---- Every valid template runs to a PDF --------------------------------- */

static void
answer_context (CrWorkshop *workshop,
                CrTemplate *template)
{
  for (guint i = 0; i < cr_template_get_n_context (template); i++)
    {
      const CrContextField *field = cr_template_get_context (template, i);
      CrContextValue value = { 0 };
      g_autoptr(GError) error = NULL;

      switch (field->kind)
        {
        case CR_CONTEXT_NUMBER:
          value.is_number = TRUE;
          value.number = 600;
          break;
        case CR_CONTEXT_SCALE:
          value.is_number = TRUE;
          value.number = field->scale_max;
          break;
        case CR_CONTEXT_CHOICE:
          value.text = ((CrChoice *) g_ptr_array_index (field->choices, field->choices->len - 1))->id;
          break;
        case CR_CONTEXT_TEXT:
        default:
          value.text = (char *) "Growing fast";
          break;
        }
      g_assert_true (cr_workshop_set_context (workshop, field->id, &value, &error));
      g_assert_no_error (error);
    }
}

/* Each of three participants votes for a different option, as the
 * question's method asks; the round is revealed. */
static void
run_vote (CrTestVoting     *voting,
          const CrQuestion *question)
{
  CrRound *round = cr_test_open_round (voting->workshop, question->id);
  guint n = cr_template_get_n_options (voting->template);

  for (guint who = 1; who <= 3; who++)
    {
      const char *option = cr_template_get_option (voting->template, (who - 1) % n)->id;

      switch (question->method)
        {
        case CR_METHOD_SINGLE:
          cr_test_vote (voting, round, who, option, 1, NULL);
          break;
        case CR_METHOD_DOTS:
          cr_test_vote (voting, round, who, option, question->budget, NULL);
          break;
        case CR_METHOD_SCORE:
        default:
          {
            g_autoptr(GArray) votes = g_array_new (FALSE, TRUE, sizeof (CrVote));
            g_autoptr(GError) error = NULL;

            for (guint o = 0; o < n; o++)
              for (guint c = 0; c < MAX (1, question->criteria->len); c++)
                {
                  CrVote v = { 0 };

                  v.participant_id = voting->p[who];
                  v.option = g_intern_string (cr_template_get_option (voting->template, o)->id);
                  v.criterion = question->criteria->len > 0
                    ? g_intern_string (((CrCriterion *) g_ptr_array_index (question->criteria, c))->id)
                    : NULL;
                  v.value = g_str_equal (v.option, option) ? question->scale_max : question->scale_min;
                  g_array_append_val (votes, v);
                }
            g_assert_true (cr_workshop_record_votes (voting->workshop, round, voting->p[who],
                                                     (const CrVote *) (gpointer) votes->data, votes->len,
                                                     &error));
            g_assert_no_error (error);
          }
          break;
        }
    }
  cr_test_reveal (voting->workshop, round);
}

static void
decide (CrTestVoting *voting)
{
  CrTemplate *template = voting->template;
  g_autoptr(CrDecision) decision = cr_decision_new ();
  g_autoptr(GError) error = NULL;

  decision->start_with = g_strdup (cr_template_get_option (template, 0)->id);
  if (cr_template_is_ordered (template))
    decision->aim_for = g_strdup (cr_template_get_option (template, cr_template_get_n_options (template) - 1)->id);
  g_free (decision->rationale);
  decision->rationale = g_strdup ("Start where the room is, aim where it wants to be.");
  for (guint who = 1; who <= 3; who++)
    cr_decision_set_agreed (decision, voting->p[who], TRUE);
  g_assert_true (cr_workshop_set_decision (voting->workshop, decision, &error));
  g_assert_no_error (error);
}

/* Goes through the workshop's agenda step by step, doing each step's work
 * as the facilitator would, and at the export step writes the PDF with the
 * real export code into the library's folder. */
static void
run_to_pdf (CrTemplate *template,
            const char *what)
{
  CrTestVoting voting = { 0 };
  CrWorkshop *workshop;
  g_autofree char *folder = NULL;
  g_autofree char *pdf_path = NULL;
  g_autofree char *text = NULL;
  g_autoptr(GBytes) pdf = NULL;
  g_autoptr(GError) error = NULL;
  gboolean exported = FALSE;
  guint n_votes = 0;

  g_test_message ("%s", what);
  cr_test_voting_init_with (&voting, template, "Onboarding decision", 3);
  workshop = voting.workshop;
  folder = g_path_get_dirname (cr_store_get_path (voting.store));
  pdf_path = g_build_filename (folder, "summary.pdf", NULL);

  for (guint i = 0; i < cr_workshop_get_n_steps (workshop); i++)
    {
      const CrAgendaStep *step = cr_workshop_get_step (workshop, i);

      g_assert_true (cr_workshop_set_current_step (workshop, step->id, &error));
      g_assert_no_error (error);
      if (g_str_equal (step->page, "context"))
        answer_context (workshop, template);
      else if (g_str_equal (step->page, "canvas"))
        {
          for (guint o = 0; o < cr_template_get_n_options (template); o++)
            {
              g_assert_nonnull (cr_workshop_add_note (workshop, cr_template_get_option (template, o)->id,
                                                      CR_NOTE_STRENGTH, "Known to the team", 0, &error));
              g_assert_no_error (error);
            }
        }
      else if (g_str_equal (step->page, "vote"))
        {
          run_vote (&voting, cr_template_find_question (template, step->question));
          n_votes++;
        }
      else if (g_str_equal (step->page, "recommendation"))
        decide (&voting);
      else if (g_str_equal (step->page, "actions"))
        {
          g_assert_nonnull (cr_workshop_add_action (workshop, "Draft the first programme", "Fran",
                                                    "2027-01-15", &error));
          g_assert_no_error (error);
        }
      else if (g_str_equal (step->page, "export"))
        {
          g_assert_true (cr_export_to_file (workshop, CR_EXPORT_PDF, pdf_path, &error));
          g_assert_no_error (error);
          exported = TRUE;
        }

      if (!g_str_equal (step->page, "export"))
        g_assert_true (cr_workshop_get_step_work_done (workshop, step->id));
    }

  /* Every question was put to the vote, and the summary was written. */
  g_assert_cmpuint (n_votes, ==, cr_template_get_n_questions (template));
  g_assert_true (exported);
  pdf = cr_test_read_file (pdf_path);
  g_assert_nonnull (pdf);
  g_assert_cmpmem (g_bytes_get_data (pdf, NULL), 5, "%PDF-", 5);
  text = cr_test_pdf_text (pdf);
  if (text != NULL)
    {
      g_assert_nonnull (strstr (text, "Onboarding decision"));
      g_assert_nonnull (strstr (text, "Start where the room is"));
      g_assert_nonnull (strstr (text, "Draft the first programme"));
    }
  cr_test_voting_clear (&voting);
}

static void
test_pdf_every_valid_template (void)
{
  const char * const *ids = cr_template_builtin_ids ();
  g_autofree char *valid = cr_test_source_path ("templates", "valid.json", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(CrTemplate) fixture = cr_template_new_from_file (valid, &error);
  g_autoptr(CrTemplate) example = help_example ();
  g_autoptr(CrTemplate) bare = example_with (NULL, "agenda", NULL);
  g_autofree char *pdftotext = g_find_program_in_path ("pdftotext");

  g_assert_no_error (error);
  if (pdftotext == NULL)
    g_test_message ("pdftotext is not installed: the PDFs are written but not read back");

  for (guint t = 0; ids[t] != NULL; t++)
    {
      g_autoptr(CrTemplate) template = cr_template_lookup_builtin (ids[t], &error);

      g_assert_no_error (error);
      run_to_pdf (template, ids[t]);
    }
  run_to_pdf (fixture, "tests/templates/valid.json");
  run_to_pdf (example, "the help's example");
  run_to_pdf (bare, "the help's example without an agenda");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/template-workshop/agenda/builtin-as-written", test_agenda_builtin_as_written);
  g_test_add_func ("/template-workshop/agenda/none", test_agenda_none);
  g_test_add_func ("/template-workshop/agenda/incomplete", test_agenda_incomplete);
  g_test_add_func ("/template-workshop/agenda/ids", test_agenda_ids);
  g_test_add_func ("/template-workshop/agenda/bundle", test_agenda_bundle);
  g_test_add_func ("/template-workshop/warnings/none", test_warnings_none);
  g_test_add_func ("/template-workshop/warnings/agenda", test_warnings_agenda);
  g_test_add_func ("/template-workshop/warnings/rules", test_warnings_rules);
  g_test_add_func ("/template-workshop/warnings/gap", test_warnings_gap);
  g_test_add_func ("/template-workshop/pdf/every-valid-template", test_pdf_every_valid_template);

  return g_test_run ();
}
