/* test-bundle-round-trip.c: a bundle is a faithful copy of any workshop
 *
 * Workshops made at random through the core, as the window makes them:
 * named participants and anonymous seats, context answers, notes, rounds of
 * every question revealed or still open, ballots and shows of hands,
 * actions with and without owners and dates, a decision, the agenda's marks
 * and time, with both built-in templates and a custom one. Each is exported
 * and imported into another library, as on another laptop: the copy holds
 * what the workshop holds (read through the core, ids aside), and exports
 * to the same document. Run with --seed to repeat a failure.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "cr-bundle.h"
#include "cr-decision.h"
#include "cr-test-util.h"
#include "cr-workshop.h"

#define N_WORKSHOPS 40

/* Text of every kind a facilitator types or pastes. */
static const char * const pieces[] = {
  "Ana", "Zoë Müller", "ليلى حداد", "李雷", "🌱", "👍🏽", " ", "  ", "\t", "\n", "\r\n",
  "\"quoted\"", "back\\slash", "a/b", "<b>bold</b>", "&amp;", "=cmd|' /C calc'!A0",
  "\u202ereversed", "\x01", "\x7f", "100 %", "0.5", "null", "true", "{}", "[1]",
};

static char *
random_text (gboolean may_be_empty)
{
  GString *s = g_string_new (NULL);
  int n = g_test_rand_int_range (may_be_empty ? 0 : 1, 6);

  for (int i = 0; i < n; i++)
    g_string_append (s, pieces[g_test_rand_int_range (0, G_N_ELEMENTS (pieces))]);
  /* Nothing but spaces is a blank title, which the core refuses. */
  if (!may_be_empty)
    g_string_append (s, " X");
  return g_string_free (s, FALSE);
}

static char *
random_date (void)
{
  return g_strdup_printf ("20%02d-%02d-%02d", g_test_rand_int_range (20, 30),
                          g_test_rand_int_range (1, 13), g_test_rand_int_range (1, 29));
}

static gboolean
chance (double p)
{
  return g_test_rand_double () < p;
}

static CrTemplate *
random_template (void)
{
  g_autoptr(GError) error = NULL;
  CrTemplate *template;

  switch (g_test_rand_int_range (0, 3))
    {
    case 0:
      template = cr_template_lookup_builtin ("people-product-models", &error);
      break;
    case 1:
      template = cr_template_lookup_builtin ("product-led-vocabulary", &error);
      break;
    default:
      {
        g_autofree char *path = cr_test_source_path ("templates", "valid.json", NULL);

        template = cr_template_new_from_file (path, &error);
      }
      break;
    }
  g_assert_no_error (error);
  return template;
}

static const char *
random_option (CrTemplate *template)
{
  guint n = cr_template_get_n_options (template);

  return cr_template_get_option (template, g_test_rand_int_range (0, n))->id;
}

static void
answer_context (CrWorkshop *workshop,
                CrTemplate *template)
{
  for (guint i = 0; i < cr_template_get_n_context (template); i++)
    {
      const CrContextField *field = cr_template_get_context (template, i);
      g_autoptr(GError) error = NULL;
      g_autofree char *text = NULL;
      CrContextValue value = { 0 };

      if (!chance (0.7))
        continue;
      switch (field->kind)
        {
        case CR_CONTEXT_NUMBER:
          value.is_number = TRUE;
          value.number = chance (0.5) ? g_test_rand_int_range (0, 100000)
                                      : g_test_rand_double_range (0, 1000);
          break;
        case CR_CONTEXT_SCALE:
          value.is_number = TRUE;
          value.number = g_test_rand_int_range (field->scale_min, field->scale_max + 1);
          break;
        case CR_CONTEXT_CHOICE:
          value.text = ((CrChoice *) g_ptr_array_index (field->choices,
                                                        g_test_rand_int_range (0, field->choices->len)))->id;
          break;
        case CR_CONTEXT_TEXT:
        default:
          text = random_text (FALSE);
          value.text = text;
          break;
        }
      g_assert_true (cr_workshop_set_context (workshop, field->id, &value, &error));
      g_assert_no_error (error);
    }
}

/* A ballot that keeps the question's rules: one choice, dots within the
 * budget, scores on the scale. */
static GArray *
random_ballot (CrTemplate       *template,
               const CrQuestion *question,
               gint64            participant_id)
{
  GArray *votes = g_array_new (FALSE, TRUE, sizeof (CrVote));
  guint n_options = cr_template_get_n_options (template);

  switch (question->method)
    {
    case CR_METHOD_SINGLE:
      {
        CrVote v = { participant_id, g_intern_string (random_option (template)), NULL, 1 };

        g_array_append_val (votes, v);
      }
      break;
    case CR_METHOD_DOTS:
      {
        int left = g_test_rand_int_range (1, question->budget + 1);

        for (guint o = 0; o < n_options && left > 0; o++)
          {
            int dots = o + 1 == n_options ? left : g_test_rand_int_range (0, left + 1);
            CrVote v = { participant_id, g_intern_string (cr_template_get_option (template, o)->id), NULL, dots };

            if (dots == 0)
              continue;
            g_array_append_val (votes, v);
            left -= dots;
          }
      }
      break;
    case CR_METHOD_SCORE:
    default:
      for (guint o = 0; o < n_options; o++)
        {
          guint n_criteria = question->criteria != NULL ? question->criteria->len : 0;

          for (guint c = 0; c < MAX (n_criteria, 1); c++)
            {
              CrVote v = { participant_id, g_intern_string (cr_template_get_option (template, o)->id),
                           n_criteria > 0 ? g_intern_string (((CrCriterion *) g_ptr_array_index (question->criteria, c))->id) : NULL,
                           g_test_rand_int_range (question->scale_min, question->scale_max + 1) };

              /* Some ballots are left partly filled. */
              if (chance (0.9))
                g_array_append_val (votes, v);
            }
        }
      break;
    }
  return votes;
}

static void
record (CrWorkshop *workshop,
        CrRound    *round,
        gint64      participant_id,
        GArray     *votes)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (cr_workshop_record_votes (workshop, round, participant_id,
                                           (const CrVote *) (gpointer) votes->data, votes->len, &error));
  g_assert_no_error (error);
}

/* Ballots from some participants; a show of hands from some of the others
 * (never more hands on an option than people without a ballot). */
static void
vote_in (CrWorkshop *workshop,
         CrTemplate *template,
         CrRound    *round)
{
  const CrQuestion *question = cr_template_find_question (template, cr_round_get_question (round));
  GListModel *participants = cr_workshop_get_participants (workshop);
  guint n = g_list_model_get_n_items (participants);
  guint without_ballot = 0;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(CrParticipant) p = g_list_model_get_item (participants, i);
      g_autoptr(GArray) votes = NULL;

      if (!chance (0.6))
        {
          without_ballot++;
          continue;
        }
      votes = random_ballot (template, question, cr_participant_get_id (p));
      if (votes->len > 0)
        record (workshop, round, cr_participant_get_id (p), votes);
      else
        without_ballot++;
    }

  if (question->method != CR_METHOD_SCORE && without_ballot > 0 && chance (0.5))
    {
      g_autoptr(GArray) hands = g_array_new (FALSE, TRUE, sizeof (CrVote));
      int left = g_test_rand_int_range (0, without_ballot + 1);

      for (guint o = 0; o < cr_template_get_n_options (template) && left > 0; o++)
        {
          int count = g_test_rand_int_range (0, left + 1);
          CrVote v = { 0, g_intern_string (cr_template_get_option (template, o)->id), NULL, count };

          g_array_append_val (hands, v);
          /* One hand is one vote, or one dot. */
          if (question->method == CR_METHOD_SINGLE)
            left -= count;
        }
      if (hands->len > 0)
        record (workshop, round, 0, hands);
    }
}

static void
hold_rounds (CrWorkshop *workshop,
             CrTemplate *template)
{
  for (guint q = 0; q < cr_template_get_n_questions (template); q++)
    {
      const CrQuestion *question = cr_template_get_question (template, q);
      int n_rounds = g_test_rand_int_range (0, 4);

      for (int r = 0; r < n_rounds; r++)
        {
          g_autoptr(GError) error = NULL;
          CrRound *round = cr_workshop_open_round (workshop, question->id, &error);

          g_assert_no_error (error);
          g_assert_nonnull (round);
          if (chance (0.85))
            vote_in (workshop, template, round);
          /* The last round of a question may still be open, votes and all. */
          if (r + 1 < n_rounds || chance (0.5))
            {
              g_assert_true (cr_workshop_reveal_round (workshop, round, &error));
              g_assert_no_error (error);
            }
        }
    }
}

static void
decide (CrWorkshop *workshop,
        CrTemplate *template)
{
  g_autoptr(CrDecision) decision = cr_decision_new ();
  GListModel *participants = cr_workshop_get_participants (workshop);
  g_autoptr(GError) error = NULL;

  if (chance (0.7))
    decision->start_with = g_strdup (random_option (template));
  if (cr_template_is_ordered (template) && chance (0.7))
    decision->aim_for = g_strdup (random_option (template));
  if (chance (0.7))
    {
      g_free (decision->rationale);
      decision->rationale = random_text (FALSE);
    }
  for (guint i = 0; i < g_list_model_get_n_items (participants); i++)
    {
      g_autoptr(CrParticipant) p = g_list_model_get_item (participants, i);

      if (chance (0.5))
        cr_decision_set_agreed (decision, cr_participant_get_id (p), TRUE);
    }
  g_assert_true (cr_workshop_set_decision (workshop, decision, &error));
  g_assert_no_error (error);
}

static void
mark_agenda (CrWorkshop *workshop,
             CrTemplate *template)
{
  for (guint i = 0; i < cr_template_get_n_steps (template); i++)
    {
      const CrAgendaStep *step = cr_template_get_step (template, i);
      g_autoptr(GError) error = NULL;

      if (chance (0.3))
        g_assert_true (cr_workshop_set_step_marked (workshop, step->id, TRUE, &error));
      g_assert_no_error (error);
      if (chance (0.4))
        g_assert_true (cr_workshop_set_step_elapsed (workshop, step->id, g_test_rand_int_range (0, 7200), &error));
      g_assert_no_error (error);
    }
}

static CrWorkshop *
random_workshop (CrStore *store)
{
  g_autoptr(CrTemplate) template = random_template ();
  g_autoptr(GError) error = NULL;
  g_autofree char *title = random_text (FALSE);
  g_autofree char *organisation = random_text (FALSE);
  g_autofree char *facilitator = random_text (TRUE);
  g_autofree char *function_name = random_text (TRUE);
  g_autofree char *date = random_date ();
  CrWorkshop *workshop;
  int n;

  workshop = cr_workshop_create (store, template, title, organisation, facilitator, date,
                                 function_name, &error);
  g_assert_no_error (error);
  g_assert_nonnull (workshop);

  answer_context (workshop, template);

  n = g_test_rand_int_range (0, 10);
  for (int i = 0; i < n; i++)
    {
      /* An anonymous seat has no name, and often no role either. */
      g_autofree char *name = chance (0.2) ? NULL : random_text (FALSE);
      g_autofree char *role = random_text (TRUE);

      g_assert_nonnull (cr_workshop_add_participant (workshop, name, role, &error));
      g_assert_no_error (error);
    }

  n = g_test_rand_int_range (0, 12);
  for (int i = 0; i < n; i++)
    {
      GListModel *participants = cr_workshop_get_participants (workshop);
      guint n_participants = g_list_model_get_n_items (participants);
      g_autoptr(CrParticipant) who = n_participants > 0 && chance (0.6)
        ? g_list_model_get_item (participants, g_test_rand_int_range (0, n_participants)) : NULL;
      g_autofree char *text = random_text (FALSE);

      g_assert_nonnull (cr_workshop_add_note (workshop, random_option (template),
                                              (CrNoteKind) g_test_rand_int_range (0, 3), text,
                                              who != NULL ? cr_participant_get_id (who) : 0, &error));
      g_assert_no_error (error);
    }

  hold_rounds (workshop, template);

  n = g_test_rand_int_range (0, 6);
  for (int i = 0; i < n; i++)
    {
      g_autofree char *text = random_text (FALSE);
      g_autofree char *owner = chance (0.3) ? NULL : random_text (FALSE);
      g_autofree char *due = chance (0.5) ? NULL : random_date ();

      g_assert_nonnull (cr_workshop_add_action (workshop, text, owner, due, &error));
      g_assert_no_error (error);
    }

  if (chance (0.6))
    decide (workshop, template);
  mark_agenda (workshop, template);
  return workshop;
}

/* A participant by place in the list, ids aside: "p3", or "-". */
static char *
who (CrWorkshop *workshop,
     gint64      participant_id)
{
  GListModel *participants = cr_workshop_get_participants (workshop);

  for (guint i = 0; i < g_list_model_get_n_items (participants); i++)
    {
      g_autoptr(CrParticipant) p = g_list_model_get_item (participants, i);

      if (cr_participant_get_id (p) == participant_id)
        return g_strdup_printf ("p%u", i);
    }
  return g_strdup ("-");
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return strcmp (*(char * const *) a, *(char * const *) b);
}

/* The workshop as the model holds it, read through the core and not
 * through a bundle, with ids left out: what the copy must equal. */
static char *
describe (CrWorkshop *workshop)
{
  CrTemplate *template = cr_workshop_get_template (workshop);
  GString *s = g_string_new (NULL);
  g_autoptr(GPtrArray) rounds = g_ptr_array_new_with_free_func (g_free);
  const CrDecision *decision = cr_workshop_get_decision (workshop);
  GListModel *model;

  g_string_append_printf (s, "%s|%s|%s|%s|%s|%s\n", cr_workshop_get_title (workshop),
                          cr_workshop_get_organisation (workshop), cr_workshop_get_facilitator (workshop),
                          cr_workshop_get_date (workshop), cr_workshop_get_function_name (workshop),
                          cr_template_get_id (template));
  for (guint i = 0; i < cr_template_get_n_context (template); i++)
    {
      const CrContextField *field = cr_template_get_context (template, i);
      const CrContextValue *value = cr_workshop_get_context (workshop, field->id);

      if (value != NULL)
        g_string_append_printf (s, "context %s=%.17g|%s\n", field->id, value->number,
                                value->is_number ? "" : value->text);
    }

  model = cr_workshop_get_participants (workshop);
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(CrParticipant) p = g_list_model_get_item (model, i);

      g_string_append_printf (s, "participant %s|%s\n", cr_participant_get_name (p) ?: "(anonymous)",
                              cr_participant_get_role (p) ?: "");
    }

  model = cr_workshop_get_notes (workshop);
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(CrNote) n = g_list_model_get_item (model, i);
      g_autofree char *by = who (workshop, cr_note_get_participant_id (n));

      g_string_append_printf (s, "note %s|%d|%s|%s\n", cr_note_get_option (n), cr_note_get_kind (n),
                              cr_note_get_text (n), by);
    }

  /* Rounds in any order: the bundle writes them by question. */
  model = cr_workshop_get_rounds (workshop);
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(CrRound) r = g_list_model_get_item (model, i);
      g_autoptr(GPtrArray) votes = g_ptr_array_new_with_free_func (g_free);
      GString *line = g_string_new (NULL);
      const CrVote *v;
      guint n_votes = 0;

      v = cr_round_get_votes (r, &n_votes);
      for (guint j = 0; j < n_votes; j++)
        {
          g_autofree char *by = who (workshop, v[j].participant_id);

          g_ptr_array_add (votes, g_strdup_printf ("%s:%s:%s:%d", by, v[j].option,
                                                   v[j].criterion ?: "", v[j].value));
        }
      g_ptr_array_sort (votes, compare_strings);
      g_string_append_printf (line, "round %s %u %s:", cr_round_get_question (r), cr_round_get_number (r),
                              cr_round_get_revealed (r) ? "revealed" : "open");
      for (guint j = 0; j < votes->len; j++)
        g_string_append_printf (line, " %s", (char *) g_ptr_array_index (votes, j));
      g_ptr_array_add (rounds, g_string_free (line, FALSE));
    }
  g_ptr_array_sort (rounds, compare_strings);
  for (guint i = 0; i < rounds->len; i++)
    g_string_append_printf (s, "%s\n", (char *) g_ptr_array_index (rounds, i));

  model = cr_workshop_get_actions (workshop);
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(CrAction) a = g_list_model_get_item (model, i);

      g_string_append_printf (s, "action %s|%s|%s\n", cr_action_get_text (a),
                              cr_action_get_owner (a) ?: "", cr_action_get_due (a) ?: "");
    }

  if (decision != NULL)
    {
      g_string_append_printf (s, "decision %s|%s|%s|", decision->start_with ?: "", decision->aim_for ?: "",
                              decision->rationale);
      for (guint i = 0; i < decision->agreed->len; i++)
        {
          g_autofree char *by = who (workshop, g_array_index (decision->agreed, gint64, i));

          g_string_append_printf (s, " %s", by);
        }
      g_string_append_c (s, '\n');
    }

  for (guint i = 0; i < cr_template_get_n_steps (template); i++)
    {
      const char *step = cr_template_get_step (template, i)->id;

      g_string_append_printf (s, "step %s %d %" G_GINT64_FORMAT "\n", step,
                              cr_workshop_get_step_marked (workshop, step),
                              cr_workshop_get_step_elapsed (workshop, step));
    }
  return g_string_free (s, FALSE);
}

static guint
n_open_rounds_with_votes (CrWorkshop *workshop)
{
  GListModel *rounds = cr_workshop_get_rounds (workshop);
  guint n = 0;

  for (guint i = 0; i < g_list_model_get_n_items (rounds); i++)
    {
      g_autoptr(CrRound) round = g_list_model_get_item (rounds, i);
      guint n_votes = 0;

      cr_round_get_votes (round, &n_votes);
      n += !cr_round_get_revealed (round) && n_votes > 0;
    }
  return n;
}

static void
test_round_trip (void)
{
  g_autoptr(CrStore) here = cr_test_new_store ();
  g_autoptr(CrStore) there = cr_test_new_store ();
  guint open_with_votes = 0, custom = 0;

  for (guint i = 0; i < N_WORKSHOPS; i++)
    {
      g_autoptr(CrWorkshop) workshop = random_workshop (here);
      g_autoptr(CrWorkshop) copy = NULL;
      g_autoptr(GBytes) bytes = NULL;
      g_autoptr(GError) error = NULL;
      g_autofree char *first = cr_bundle_export_string (workshop);
      g_autofree char *second = NULL;
      g_autofree char *original = NULL;
      g_autofree char *copied = NULL;
      gint64 id;

      bytes = g_bytes_new (first, strlen (first));
      id = cr_bundle_import (there, bytes, &error);
      if (error != NULL)
        g_error ("workshop %u does not import: %s\n%s", i, error->message, first);
      copy = cr_workshop_load (there, id, &error);
      g_assert_no_error (error);
      /* The copy is the workshop, as the core reads both... */
      original = describe (workshop);
      copied = describe (copy);
      g_assert_cmpstr (copied, ==, original);
      /* ...and exports to the same document. */
      second = cr_bundle_export_string (copy);
      g_assert_cmpstr (second, ==, first);

      open_with_votes += n_open_rounds_with_votes (workshop);
      custom += !cr_template_is_builtin (cr_workshop_get_template (workshop));
    }

  /* The draw covered what it is about. */
  g_test_message ("%u open rounds with votes, %u workshops on a custom template", open_with_votes, custom);
  g_assert_cmpuint (open_with_votes, >, 0);
  g_assert_cmpuint (custom, >, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/bundle/round-trip/random-workshops", test_round_trip);

  return g_test_run ();
}
