/* cr-tally.c: what a round adds up to: counts, shares, mean scores and
 * spreads per option, and the change between rounds
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "crossroads-tally"

#include "config.h"

#include <math.h>

#include "cr-tally.h"

/* Running sums of one set of values, for a mean and a population spread. */
typedef struct
{
  double sum;
  double sum_sq;
  guint  n;
} Moments;

static void
moments_add (Moments *m,
             double   value)
{
  m->sum += value;
  m->sum_sq += value * value;
  m->n++;
}

static double
moments_mean (const Moments *m)
{
  return m->n > 0 ? m->sum / m->n : NAN;
}

static double
moments_spread (const Moments *m)
{
  double mean;
  double variance;

  if (m->n == 0)
    return NAN;

  mean = m->sum / m->n;
  /* Rounding may leave a hair below zero when all values are equal. */
  variance = MAX (0.0, m->sum_sq / m->n - mean * mean);
  return sqrt (variance);
}

/* One participant's weighted scores of one option. */
typedef struct
{
  double weighted_sum;
  double weight_total;
} VoterScore;

static guint
question_n_cells (const CrQuestion *question)
{
  /* A question without criteria has one score per option. */
  return MAX (1, question->criteria->len);
}

static int
question_criterion_index (const CrQuestion *question,
                          const char       *criterion)
{
  if (question->criteria->len == 0)
    return 0;

  if (criterion == NULL)
    return -1;

  for (guint i = 0; i < question->criteria->len; i++)
    {
      const CrCriterion *c = g_ptr_array_index (question->criteria, i);

      if (g_strcmp0 (c->id, criterion) == 0)
        return i;
    }

  return -1;
}

static double
question_criterion_weight (const CrQuestion *question,
                           guint             index)
{
  if (question->criteria->len == 0)
    return 1.0;

  return ((const CrCriterion *)g_ptr_array_index (question->criteria, index))->weight;
}

static void
compute_score (CrTally      *tally,
               const CrVote *votes,
               guint         n_votes)
{
  const CrQuestion *question = tally->question;
  guint n_cells = question_n_cells (question);
  g_autofree Moments *cells = g_new0 (Moments, tally->n_options * n_cells);
  g_autofree GHashTable **voters = g_new0 (GHashTable *, tally->n_options);

  for (guint i = 0; i < n_votes; i++)
    {
      const CrVote *vote = &votes[i];
      int o = cr_template_option_index (tally->template, vote->option);
      int c = question_criterion_index (question, vote->criterion);
      VoterScore *voter;
      double weight;

      /* A show-of-hands count is not a score; unknown ids were refused when
       * the votes were recorded, so skipping them only guards old data. */
      if (vote->participant_id == 0 || o < 0 || c < 0)
        continue;

      moments_add (&cells[o * n_cells + c], vote->value);

      if (voters[o] == NULL)
        voters[o] = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);

      voter = g_hash_table_lookup (voters[o], &vote->participant_id);
      if (voter == NULL)
        {
          voter = g_new0 (VoterScore, 1);
          g_hash_table_insert (voters[o], g_memdup2 (&vote->participant_id, sizeof (gint64)), voter);
        }

      weight = question_criterion_weight (question, c);
      voter->weighted_sum += weight * vote->value;
      voter->weight_total += weight;
    }

  for (guint o = 0; o < tally->n_options; o++)
    {
      CrOptionTally *ot = &tally->options[o];
      double weighted = 0.0;
      double weights = 0.0;
      Moments overall = { 0 };

      ot->n_criteria = n_cells;
      ot->criteria = g_new0 (CrScoreStat, n_cells);

      for (guint c = 0; c < n_cells; c++)
        {
          const Moments *m = &cells[o * n_cells + c];

          ot->criteria[c].mean = moments_mean (m);
          ot->criteria[c].spread = moments_spread (m);
          ot->criteria[c].n = m->n;

          if (m->n > 0)
            {
              double weight = question_criterion_weight (question, c);

              weighted += weight * ot->criteria[c].mean;
              weights += weight;
            }
        }

      ot->overall = weights > 0 ? weighted / weights : NAN;

      if (voters[o] != NULL)
        {
          GHashTableIter iter;
          VoterScore *voter;

          g_hash_table_iter_init (&iter, voters[o]);
          while (g_hash_table_iter_next (&iter, NULL, (gpointer *)&voter))
            moments_add (&overall, voter->weighted_sum / voter->weight_total);

          g_hash_table_unref (voters[o]);
        }

      ot->overall_spread = moments_spread (&overall);
    }
}

static void
compute_counts (CrTally      *tally,
                const CrVote *votes,
                guint         n_votes)
{
  for (guint i = 0; i < n_votes; i++)
    {
      const CrVote *vote = &votes[i];
      int o = cr_template_option_index (tally->template, vote->option);
      double weight;

      if (o < 0)
        continue;

      /* A participant's single vote counts once whatever its value; hands
       * and dots count what they say. */
      if (tally->question->method == CR_METHOD_SINGLE && vote->participant_id != 0)
        weight = 1.0;
      else
        weight = vote->value;

      tally->options[o].count += weight;
      tally->total += weight;
    }

  for (guint o = 0; o < tally->n_options; o++)
    tally->options[o].share = tally->total > 0 ? tally->options[o].count / tally->total : 0.0;
}

/**
 * cr_tally_compute:
 * @template: the workshop's template
 * @round: a round of one of @template's questions
 *
 * Adds up @round, revealed or not; only cr_tally_to_json() hides the
 * numbers of a hidden round.
 *
 * Returns: (transfer full): the tally
 */
CrTally *
cr_tally_compute (CrTemplate *template,
                  CrRound    *round)
{
  g_autoptr(CrTally) tally = NULL;
  g_autoptr(GHashTable) given = NULL;
  GHashTableIter iter;
  gpointer value;
  const CrQuestion *question;
  const CrVote *votes;
  guint n_votes = 0, n_choices;

  g_return_val_if_fail (CR_IS_TEMPLATE (template), NULL);
  g_return_val_if_fail (CR_IS_ROUND (round), NULL);

  question = cr_template_find_question (template, cr_round_get_question (round));
  g_return_val_if_fail (question != NULL, NULL);

  tally = g_new0 (CrTally, 1);
  tally->template = g_object_ref (template);
  tally->question = question;
  tally->round_number = cr_round_get_number (round);
  tally->revealed = cr_round_get_revealed (round);
  tally->n_options = cr_template_get_n_options (template);
  tally->options = g_new0 (CrOptionTally, tally->n_options);

  for (guint o = 0; o < tally->n_options; o++)
    {
      tally->options[o].option = cr_template_get_option (template, o);
      tally->options[o].overall = NAN;
      tally->options[o].overall_spread = NAN;
    }

  votes = cr_round_get_votes (round, &n_votes);
  for (guint i = 0; i < n_votes; i++)
    if (votes[i].participant_id == 0)
      tally->n_hands += votes[i].value;

  given = cr_votes_count_choices (question, votes, n_votes);
  n_choices = cr_question_get_n_choices (template, question);
  g_hash_table_iter_init (&iter, given);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      if (GPOINTER_TO_UINT (value) >= n_choices)
        tally->n_participants++;
      else
        tally->n_partial++;
    }

  if (question->method == CR_METHOD_SCORE)
    compute_score (tally, votes, n_votes);
  else
    compute_counts (tally, votes, n_votes);

  return g_steal_pointer (&tally);
}

void
cr_tally_free (CrTally *tally)
{
  if (tally == NULL)
    return;

  for (guint o = 0; o < tally->n_options; o++)
    g_free (tally->options[o].criteria);
  g_free (tally->options);
  g_free (tally->label);
  g_clear_object (&tally->template);
  g_free (tally);
}

const CrOptionTally *
cr_tally_find_option (const CrTally *tally,
                      const char    *option_id)
{
  g_return_val_if_fail (tally != NULL, NULL);
  g_return_val_if_fail (option_id != NULL, NULL);

  for (guint o = 0; o < tally->n_options; o++)
    if (g_strcmp0 (tally->options[o].option->id, option_id) == 0)
      return &tally->options[o];

  return NULL;
}

/**
 * cr_tally_json_add_number:
 * @builder: a builder expecting a value
 * @value: the number
 *
 * Adds @value the way the results write numbers: rounded to four decimals,
 * as a JSON integer when integral, and null for NaN, which JSON cannot hold.
 */
void
cr_tally_json_add_number (JsonBuilder *builder,
                          double       value)
{
  double rounded;

  g_return_if_fail (JSON_IS_BUILDER (builder));

  if (!isfinite (value))
    {
      json_builder_add_null_value (builder);
      return;
    }

  rounded = round (value * 10000.0) / 10000.0;
  /* Adding 0.0 turns a negative zero into zero. */
  rounded += 0.0;

  if (rounded == floor (rounded) && fabs (rounded) < 9007199254740992.0)
    json_builder_add_int_value (builder, (gint64)rounded);
  else
    json_builder_add_double_value (builder, rounded);
}

static void
add_member_number (JsonBuilder *builder,
                   const char  *name,
                   double       value)
{
  json_builder_set_member_name (builder, name);
  cr_tally_json_add_number (builder, value);
}

static void
add_score_option (JsonBuilder         *builder,
                  const CrQuestion    *question,
                  const CrOptionTally *ot)
{
  add_member_number (builder, "overall", ot->overall);
  add_member_number (builder, "overall_spread", ot->overall_spread);

  json_builder_set_member_name (builder, "criteria");
  json_builder_begin_array (builder);
  for (guint c = 0; c < ot->n_criteria; c++)
    {
      const CrScoreStat *stat = &ot->criteria[c];

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "criterion");
      if (question->criteria->len > 0)
        json_builder_add_string_value (builder,
                                       ((const CrCriterion *)g_ptr_array_index (question->criteria, c))->id);
      else
        json_builder_add_null_value (builder);
      add_member_number (builder, "mean", stat->mean);
      add_member_number (builder, "spread", stat->spread);
      json_builder_set_member_name (builder, "n");
      json_builder_add_int_value (builder, stat->n);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
}

/**
 * cr_tally_to_json:
 * @tally: a tally
 *
 * The entry of the round in the export's "results.rounds". A round that was
 * not revealed says so and carries no numbers, so an export cannot leak a
 * hidden vote.
 *
 * Returns: (transfer full): a JSON object
 */
JsonNode *
cr_tally_to_json (const CrTally *tally)
{
  g_autoptr(JsonBuilder) builder = NULL;
  CrMethod method;

  g_return_val_if_fail (tally != NULL, NULL);

  method = tally->question->method;
  builder = json_builder_new ();
  json_builder_begin_object (builder);

  json_builder_set_member_name (builder, "question");
  json_builder_add_string_value (builder, tally->question->id);
  json_builder_set_member_name (builder, "number");
  json_builder_add_int_value (builder, tally->round_number);

  if (!tally->revealed)
    {
      json_builder_set_member_name (builder, "revealed");
      json_builder_add_boolean_value (builder, FALSE);
      json_builder_end_object (builder);
      return json_builder_get_root (builder);
    }

  json_builder_set_member_name (builder, "method");
  json_builder_add_string_value (builder, cr_method_to_string (method));
  json_builder_set_member_name (builder, "revealed");
  json_builder_add_boolean_value (builder, TRUE);
  json_builder_set_member_name (builder, "participants");
  json_builder_add_int_value (builder, tally->n_participants);
  json_builder_set_member_name (builder, "partial");
  json_builder_add_int_value (builder, tally->n_partial);
  add_member_number (builder, "hands", tally->n_hands);
  /* A score round has no total: scores are averaged, not added up. */
  if (method != CR_METHOD_SCORE)
    add_member_number (builder, "total", tally->total);

  json_builder_set_member_name (builder, "options");
  json_builder_begin_array (builder);
  for (guint o = 0; o < tally->n_options; o++)
    {
      const CrOptionTally *ot = &tally->options[o];

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "option");
      json_builder_add_string_value (builder, ot->option->id);

      switch (method)
        {
        case CR_METHOD_SINGLE:
          add_member_number (builder, "count", ot->count);
          add_member_number (builder, "share", ot->share);
          break;

        case CR_METHOD_DOTS:
          add_member_number (builder, "dots", ot->count);
          add_member_number (builder, "share", ot->share);
          break;

        case CR_METHOD_SCORE:
          add_score_option (builder, tally->question, ot);
          break;

        default:
          g_assert_not_reached ();
        }

      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);

  json_builder_end_object (builder);
  return json_builder_get_root (builder);
}

/**
 * cr_tally_compare:
 * @before: the earlier round's tally
 * @after: a later round's tally of the same question
 *
 * Returns: (transfer full): a #GArray of #CrTallyChange, template option order
 */
GArray *
cr_tally_compare (const CrTally *before,
                  const CrTally *after)
{
  GArray *changes;

  g_return_val_if_fail (before != NULL, NULL);
  g_return_val_if_fail (after != NULL, NULL);
  g_return_val_if_fail (before->template == after->template, NULL);
  g_return_val_if_fail (before->question == after->question, NULL);

  changes = g_array_sized_new (FALSE, TRUE, sizeof (CrTallyChange), after->n_options);

  for (guint o = 0; o < after->n_options; o++)
    {
      const CrOptionTally *b = &before->options[o];
      const CrOptionTally *a = &after->options[o];
      CrTallyChange change = {
        .option = a->option,
        .share_delta = a->share - b->share,
        .count_delta = a->count - b->count,
        .overall_delta = NAN,
      };

      /* NaN propagates: no score on either side gives no change. */
      if (after->question->method == CR_METHOD_SCORE)
        change.overall_delta = a->overall - b->overall;

      /* A round nobody voted in has no shares: 0 of nothing is not 0 %, so
       * there is no change to or from it, and JSON says null, not a fall. */
      if (after->question->method != CR_METHOD_SCORE && (before->total <= 0 || after->total <= 0))
        change.share_delta = change.count_delta = NAN;

      g_array_append_val (changes, change);
    }

  return changes;
}

/**
 * cr_tally_compare_to_json:
 * @before: the earlier round's tally
 * @after: a later round's tally of the same question
 *
 * The entry of the export's "results.changes" between two rounds.
 *
 * Returns: (transfer full): a JSON object
 */
JsonNode *
cr_tally_compare_to_json (const CrTally *before,
                          const CrTally *after)
{
  g_autoptr(JsonBuilder) builder = NULL;
  g_autoptr(GArray) changes = NULL;
  gboolean score;

  g_return_val_if_fail (before != NULL, NULL);
  g_return_val_if_fail (after != NULL, NULL);

  changes = cr_tally_compare (before, after);
  g_return_val_if_fail (changes != NULL, NULL);

  score = after->question->method == CR_METHOD_SCORE;
  builder = json_builder_new ();
  json_builder_begin_object (builder);

  json_builder_set_member_name (builder, "question");
  json_builder_add_string_value (builder, after->question->id);
  json_builder_set_member_name (builder, "from");
  json_builder_add_int_value (builder, before->round_number);
  json_builder_set_member_name (builder, "to");
  json_builder_add_int_value (builder, after->round_number);

  json_builder_set_member_name (builder, "options");
  json_builder_begin_array (builder);
  for (guint i = 0; i < changes->len; i++)
    {
      const CrTallyChange *change = &g_array_index (changes, CrTallyChange, i);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "option");
      json_builder_add_string_value (builder, change->option->id);
      if (score)
        {
          add_member_number (builder, "overall_delta", change->overall_delta);
        }
      else
        {
          add_member_number (builder, "share_delta", change->share_delta);
          add_member_number (builder, "count_delta", change->count_delta);
        }
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);

  json_builder_end_object (builder);
  return json_builder_get_root (builder);
}
