/* cr-ballot.c: what the voting step shows, computed from plain values
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "crossroads-ballot"

#include "config.h"

#include "cr-ballot.h"
#include "cr-participant.h"
#include "cr-workshop.h"

/* ---- The round ----------------------------------------------------------- */

CrBallotState *
cr_ballot_state_compute (CrTemplate       *template,
                         const CrQuestion *question,
                         CrRound          *round,
                         GListModel       *participants)
{
  g_autoptr(GHashTable) given = NULL;
  CrBallotState *state;
  const CrVote *votes = NULL;
  guint n_votes = 0, expected;

  g_return_val_if_fail (CR_IS_TEMPLATE (template), NULL);
  g_return_val_if_fail (question != NULL, NULL);
  g_return_val_if_fail (round == NULL || CR_IS_ROUND (round), NULL);
  g_return_val_if_fail (G_IS_LIST_MODEL (participants), NULL);

  state = g_new0 (CrBallotState, 1);
  state->question = question;
  state->allows_hands = question->method != CR_METHOD_SCORE;
  state->has_round = round != NULL;
  if (round != NULL)
    {
      state->round_number = cr_round_get_number (round);
      state->revealed = cr_round_get_revealed (round);
      state->editable = !state->revealed;
      votes = cr_round_get_votes (round, &n_votes);
    }

  given = cr_votes_count_choices (question, votes, n_votes);
  for (guint i = 0; i < n_votes && !state->has_hands; i++)
    state->has_hands = votes[i].participant_id == 0;

  expected = cr_question_get_n_choices (template, question);
  state->n_seats = g_list_model_get_n_items (participants);
  state->seats = g_new0 (CrBallotSeat, state->n_seats);
  for (guint i = 0; i < state->n_seats; i++)
    {
      g_autoptr(CrParticipant) participant = g_list_model_get_item (participants, i);
      CrBallotSeat *seat = &state->seats[i];

      seat->participant_id = cr_participant_get_id (participant);
      seat->display_name = cr_participant_dup_display_name (participant);
      seat->voted = g_hash_table_contains (given, &seat->participant_id);
      seat->given = GPOINTER_TO_UINT (g_hash_table_lookup (given, &seat->participant_id));
      seat->expected = expected;
      seat->complete = seat->voted && seat->given >= expected;
      if (seat->complete)
        state->n_voted++;
      else if (seat->voted)
        state->n_partial++;
      else
        state->n_without_ballot++;
    }

  state->can_reveal = state->editable &&
                      (state->n_voted > 0 || state->n_partial > 0 || state->has_hands);
  return state;
}

void
cr_ballot_state_free (CrBallotState *state)
{
  if (state == NULL)
    return;
  for (guint i = 0; i < state->n_seats; i++)
    g_free (state->seats[i].display_name);
  g_free (state->seats);
  g_free (state);
}

gint64
cr_ballot_state_next_without_ballot (const CrBallotState *state,
                                     gint64               participant_id)
{
  guint start = 0;

  g_return_val_if_fail (state != NULL, 0);

  for (guint i = 0; i < state->n_seats; i++)
    if (state->seats[i].participant_id == participant_id)
      start = i + 1;
  for (guint k = 0; k < state->n_seats; k++)
    {
      const CrBallotSeat *seat = &state->seats[(start + k) % state->n_seats];

      if (!seat->voted && seat->participant_id != participant_id)
        return seat->participant_id;
    }
  return 0;
}

/* ---- One ballot ---------------------------------------------------------- */

struct _CrBallotDraft
{
  CrTemplate       *template;
  const CrQuestion *question;
  CrRound          *round;          /* NULL for a draft without a round */
  guint             n_participants;
  gint64            participant_id;
  gboolean          replaces;
  guint             n_options;
  guint             n_criteria;   /* cells per option: 1 without criteria */
  int              *values;       /* n_options * n_criteria */
  gboolean         *set;          /* score: which cells hold a score */
};

static guint
n_question_criteria (const CrQuestion *question)
{
  if (question->method == CR_METHOD_SCORE && question->criteria != NULL)
    return question->criteria->len;
  return 0;
}

static int
criterion_index (const CrQuestion *question,
                 const char       *criterion)
{
  if (criterion == NULL)
    return 0;
  for (guint i = 0; i < n_question_criteria (question); i++)
    {
      const CrCriterion *c = g_ptr_array_index (question->criteria, i);

      if (g_strcmp0 (c->id, criterion) == 0)
        return i;
    }
  return -1;
}

CrBallotDraft *
cr_ballot_draft_new (CrTemplate       *template,
                     const CrQuestion *question,
                     CrRound          *round,
                     guint             n_participants,
                     gint64            participant_id)
{
  CrBallotDraft *draft;

  g_return_val_if_fail (CR_IS_TEMPLATE (template), NULL);
  g_return_val_if_fail (question != NULL, NULL);
  g_return_val_if_fail (round == NULL || CR_IS_ROUND (round), NULL);
  g_return_val_if_fail (participant_id != 0 || question->method != CR_METHOD_SCORE, NULL);

  draft = g_new0 (CrBallotDraft, 1);
  draft->template = g_object_ref (template);
  draft->question = question;
  draft->round = round != NULL ? g_object_ref (round) : NULL;
  draft->n_participants = n_participants;
  draft->participant_id = participant_id;
  draft->n_options = cr_template_get_n_options (template);
  draft->n_criteria = MAX (1, n_question_criteria (question));
  draft->values = g_new0 (int, draft->n_options * draft->n_criteria);
  draft->set = g_new0 (gboolean, draft->n_options * draft->n_criteria);

  if (round != NULL)
    {
      guint n_votes;
      const CrVote *votes = cr_round_get_votes (round, &n_votes);

      for (guint i = 0; i < n_votes; i++)
        {
          int o, c;

          if (votes[i].participant_id != participant_id)
            continue;
          draft->replaces = TRUE;
          /* Secret until Reveal: an earlier ballot is replaced, never shown. */
          if (participant_id != 0)
            continue;
          o = cr_template_option_index (template, votes[i].option);
          c = criterion_index (question, votes[i].criterion);
          if (o < 0 || c < 0)
            continue;
          draft->values[o * draft->n_criteria + c] = votes[i].value;
          draft->set[o * draft->n_criteria + c] = TRUE;
        }
    }

  return draft;
}

void
cr_ballot_draft_free (CrBallotDraft *draft)
{
  if (draft == NULL)
    return;
  g_object_unref (draft->template);
  g_clear_object (&draft->round);
  g_free (draft->values);
  g_free (draft->set);
  g_free (draft);
}

gint64
cr_ballot_draft_get_participant (const CrBallotDraft *draft)
{
  g_return_val_if_fail (draft != NULL, 0);
  return draft->participant_id;
}

gboolean
cr_ballot_draft_is_hands (const CrBallotDraft *draft)
{
  g_return_val_if_fail (draft != NULL, FALSE);
  return draft->participant_id == 0;
}

gboolean
cr_ballot_draft_replaces (const CrBallotDraft *draft)
{
  g_return_val_if_fail (draft != NULL, FALSE);
  return draft->replaces;
}

gboolean
cr_ballot_draft_is_complete (const CrBallotDraft *draft)
{
  g_return_val_if_fail (draft != NULL, FALSE);

  switch (draft->question->method)
    {
    case CR_METHOD_SINGLE:
      return cr_ballot_draft_get_choice (draft) >= 0;
    case CR_METHOD_DOTS:
      return cr_ballot_draft_get_dots_left (draft) == 0;
    case CR_METHOD_SCORE:
      return cr_ballot_draft_get_n_scored (draft) == cr_ballot_draft_get_n_cells (draft);
    default:
      g_assert_not_reached ();
    }
}

int
cr_ballot_draft_get_choice (const CrBallotDraft *draft)
{
  g_return_val_if_fail (draft != NULL, -1);

  for (guint o = 0; o < draft->n_options; o++)
    if (draft->values[o] > 0)
      return o;
  return -1;
}

void
cr_ballot_draft_set_choice (CrBallotDraft *draft,
                            int            option)
{
  g_return_if_fail (draft != NULL);
  g_return_if_fail (draft->question->method == CR_METHOD_SINGLE);
  g_return_if_fail (option < (int) draft->n_options);

  for (guint o = 0; o < draft->n_options; o++)
    draft->values[o] = (int) o == option ? 1 : 0;
}

int
cr_ballot_draft_get_dots (const CrBallotDraft *draft,
                          guint                option)
{
  g_return_val_if_fail (draft != NULL, 0);
  g_return_val_if_fail (option < draft->n_options, 0);
  return draft->values[option];
}

static int
sum_values (const CrBallotDraft *draft)
{
  int sum = 0;

  for (guint o = 0; o < draft->n_options; o++)
    sum += draft->values[o];
  return sum;
}

int
cr_ballot_draft_get_dots_left (const CrBallotDraft *draft)
{
  g_return_val_if_fail (draft != NULL, 0);
  g_return_val_if_fail (draft->question->method == CR_METHOD_DOTS, 0);

  return MAX (0, draft->question->budget - sum_values (draft));
}

gboolean
cr_ballot_draft_can_add_dot (const CrBallotDraft *draft,
                             guint                option)
{
  g_return_val_if_fail (draft != NULL, FALSE);
  g_return_val_if_fail (option < draft->n_options, FALSE);

  return draft->question->method == CR_METHOD_DOTS &&
         sum_values (draft) < draft->question->budget;
}

gboolean
cr_ballot_draft_can_remove_dot (const CrBallotDraft *draft,
                                guint                option)
{
  g_return_val_if_fail (draft != NULL, FALSE);
  g_return_val_if_fail (option < draft->n_options, FALSE);

  return draft->question->method == CR_METHOD_DOTS && draft->values[option] > 0;
}

gboolean
cr_ballot_draft_add_dot (CrBallotDraft *draft,
                         guint          option)
{
  if (!cr_ballot_draft_can_add_dot (draft, option))
    return FALSE;
  draft->values[option]++;
  return TRUE;
}

gboolean
cr_ballot_draft_remove_dot (CrBallotDraft *draft,
                            guint          option)
{
  if (!cr_ballot_draft_can_remove_dot (draft, option))
    return FALSE;
  draft->values[option]--;
  return TRUE;
}

gboolean
cr_ballot_draft_get_score (const CrBallotDraft *draft,
                           guint                option,
                           guint                criterion,
                           int                 *value)
{
  guint cell;

  g_return_val_if_fail (draft != NULL, FALSE);
  g_return_val_if_fail (option < draft->n_options, FALSE);
  g_return_val_if_fail (criterion < draft->n_criteria, FALSE);

  cell = option * draft->n_criteria + criterion;
  if (value != NULL)
    *value = draft->values[cell];
  return draft->set[cell];
}

void
cr_ballot_draft_set_score (CrBallotDraft *draft,
                           guint          option,
                           guint          criterion,
                           int            value)
{
  guint cell;

  g_return_if_fail (draft != NULL);
  g_return_if_fail (draft->question->method == CR_METHOD_SCORE);
  g_return_if_fail (option < draft->n_options);
  g_return_if_fail (criterion < draft->n_criteria);

  cell = option * draft->n_criteria + criterion;
  draft->values[cell] = value;
  draft->set[cell] = TRUE;
}

void
cr_ballot_draft_clear_score (CrBallotDraft *draft,
                             guint          option,
                             guint          criterion)
{
  guint cell;

  g_return_if_fail (draft != NULL);
  g_return_if_fail (option < draft->n_options);
  g_return_if_fail (criterion < draft->n_criteria);

  cell = option * draft->n_criteria + criterion;
  draft->values[cell] = 0;
  draft->set[cell] = FALSE;
}

guint
cr_ballot_draft_get_n_cells (const CrBallotDraft *draft)
{
  g_return_val_if_fail (draft != NULL, 0);
  return draft->n_options * draft->n_criteria;
}

guint
cr_ballot_draft_get_n_scored (const CrBallotDraft *draft)
{
  guint n = 0;

  g_return_val_if_fail (draft != NULL, 0);

  for (guint i = 0; i < draft->n_options * draft->n_criteria; i++)
    if (draft->set[i])
      n++;
  return n;
}

int
cr_ballot_draft_get_hands (const CrBallotDraft *draft,
                           guint                option)
{
  g_return_val_if_fail (draft != NULL, 0);
  g_return_val_if_fail (option < draft->n_options, 0);
  return draft->values[option];
}

void
cr_ballot_draft_set_hands (CrBallotDraft *draft,
                           guint          option,
                           int            hands)
{
  g_return_if_fail (draft != NULL);
  g_return_if_fail (draft->participant_id == 0);
  g_return_if_fail (option < draft->n_options);

  draft->values[option] = MAX (0, hands);
}

int
cr_ballot_draft_get_hands_total (const CrBallotDraft *draft)
{
  g_return_val_if_fail (draft != NULL, 0);
  return sum_values (draft);
}

guint
cr_ballot_draft_get_hands_people (const CrBallotDraft *draft)
{
  guint n_ballots = 0;

  g_return_val_if_fail (draft != NULL, 0);

  if (draft->round != NULL)
    {
      guint n_votes;
      const CrVote *votes = cr_round_get_votes (draft->round, &n_votes);

      n_ballots = cr_votes_count_ballots (votes, n_votes);
    }
  return draft->n_participants > n_ballots ? draft->n_participants - n_ballots : 0;
}

GArray *
cr_ballot_draft_to_votes (const CrBallotDraft *draft)
{
  GArray *votes;

  g_return_val_if_fail (draft != NULL, NULL);

  votes = g_array_new (FALSE, TRUE, sizeof (CrVote));
  for (guint o = 0; o < draft->n_options; o++)
    {
      const CrOption *option = cr_template_get_option (draft->template, o);

      for (guint c = 0; c < draft->n_criteria; c++)
        {
          guint cell = o * draft->n_criteria + c;
          CrVote vote = { draft->participant_id, g_intern_string (option->id), NULL, 0 };

          if (draft->question->method == CR_METHOD_SCORE)
            {
              if (!draft->set[cell])
                continue;
              if (n_question_criteria (draft->question) > 0)
                {
                  const CrCriterion *criterion = g_ptr_array_index (draft->question->criteria, c);

                  vote.criterion = g_intern_string (criterion->id);
                }
            }
          /* Nothing placed on an option is no vote for it (a count of zero
           * hands adds nothing either). */
          else if (draft->values[cell] <= 0)
            continue;

          vote.value = draft->values[cell];
          g_array_append_val (votes, vote);
        }
    }
  return votes;
}

gboolean
cr_ballot_draft_check (const CrBallotDraft  *draft,
                       GError              **error)
{
  g_autoptr(GArray) votes = NULL;

  g_return_val_if_fail (draft != NULL, FALSE);

  votes = cr_ballot_draft_to_votes (draft);
  if (!cr_votes_check (draft->template, draft->question, draft->participant_id == 0,
                       (const CrVote *) votes->data, votes->len, NULL, error))
    return FALSE;
  if (draft->round == NULL)
    return TRUE;
  /* A ballot being filled in is a ballot, empty or not: its person is no
   * longer among those whose hands may be counted. */
  if (draft->participant_id != 0 && votes->len == 0)
    return cr_round_check_replacing (draft->round, draft->template, draft->question,
                                     draft->n_participants > 0 ? draft->n_participants - 1 : 0,
                                     draft->participant_id, NULL, 0, error);
  return cr_round_check_replacing (draft->round, draft->template, draft->question, draft->n_participants,
                                   draft->participant_id, (const CrVote *) votes->data, votes->len, error);
}
