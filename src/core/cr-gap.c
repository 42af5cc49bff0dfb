/* cr-gap.c: where the room says it is against where it wants to be, per
 * option, from the latest revealed rounds
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "crossroads-gap"

#include "config.h"

#include <math.h>

#include "cr-gap.h"

/* Shares compare with shares, and scores with scores on the same scale:
 * anything else would subtract numbers that mean different things. */
gboolean
cr_gap_questions_comparable (const CrQuestion *a,
                             const CrQuestion *b)
{
  gboolean a_scores = a->method == CR_METHOD_SCORE;
  gboolean b_scores = b->method == CR_METHOD_SCORE;

  if (a_scores != b_scores)
    return FALSE;
  if (a_scores)
    return a->scale_min == b->scale_min && a->scale_max == b->scale_max;
  return TRUE;
}

/* The question the template's recommendation says means @means, if any. */
static const CrQuestion *
declared_question (CrTemplate    *template,
                   CrRoomMeaning  means)
{
  for (guint i = 0; i < cr_template_get_n_room_votes (template); i++)
    {
      const CrRoomVote *vote = cr_template_get_room_vote (template, i);

      if (vote->means == means)
        return cr_template_find_question (template, vote->question);
    }
  return NULL;
}

/**
 * cr_gap_find_questions:
 * @template: a template
 * @current: (out) (optional): the question of where the room is today
 * @target: (out) (optional): the question of where it wants to be
 * @fit: (out) (optional): a further score question, or %NULL
 *
 * Returns: %TRUE when @template has two questions to compare
 */
gboolean
cr_gap_find_questions (CrTemplate        *template,
                       const CrQuestion **current,
                       const CrQuestion **target,
                       const CrQuestion **fit)
{
  const CrAimRule *aim;
  const CrQuestion *found_current = NULL;
  const CrQuestion *found_target = NULL;
  const CrQuestion *found_fit = NULL;
  guint n;

  g_return_val_if_fail (CR_IS_TEMPLATE (template), FALSE);

  n = cr_template_get_n_questions (template);
  aim = cr_template_get_aim (template);

  /* What the template says its questions mean comes first: its room votes
   * name where the room is today, where it wants to be (or its aim does)
   * and how it scored the fit. The guesses below, from the kind and the
   * order of the questions, are for a template that does not say. */
  {
    const CrQuestion *today = declared_question (template, CR_ROOM_TODAY);
    const CrQuestion *wanted = declared_question (template, CR_ROOM_TARGET);
    const CrQuestion *scored = declared_question (template, CR_ROOM_FIT);

    if (wanted == NULL && aim != NULL && aim->question != NULL)
      wanted = cr_template_find_question (template, aim->question);
    if (today != NULL && wanted != NULL && today != wanted && cr_gap_questions_comparable (today, wanted))
      {
        found_current = today;
        found_target = wanted;
      }
    if (scored != NULL && scored->method == CR_METHOD_SCORE && scored != found_current && scored != found_target)
      found_fit = scored;
  }

  /* The aim question is where the room wants to go; today is best told by
   * a single choice ("closest to how we work today"). */
  if (found_target == NULL && aim != NULL && aim->question != NULL)
    {
      const CrQuestion *aim_question = cr_template_find_question (template, aim->question);

      for (guint pass = 0; aim_question != NULL && pass < 2 && found_current == NULL; pass++)
        for (guint i = 0; i < n && found_current == NULL; i++)
          {
            const CrQuestion *q = cr_template_get_question (template, i);

            if (q == aim_question || !cr_gap_questions_comparable (q, aim_question))
              continue;
            if (pass == 0 && q->method != CR_METHOD_SINGLE)
              continue;
            found_current = q;
          }

      if (found_current != NULL)
        found_target = aim_question;
    }

  /* Without an aim, the first two questions of one kind in template order:
   * templates ask "today" before "ambition". */
  for (guint i = 0; i < n && found_target == NULL; i++)
    for (guint j = i + 1; j < n && found_target == NULL; j++)
      {
        const CrQuestion *a = cr_template_get_question (template, i);
        const CrQuestion *b = cr_template_get_question (template, j);

        if (cr_gap_questions_comparable (a, b))
          {
            found_current = a;
            found_target = b;
          }
      }

  for (guint i = 0; i < n && found_fit == NULL; i++)
    {
      const CrQuestion *q = cr_template_get_question (template, i);

      if (q->method == CR_METHOD_SCORE && q != found_current && q != found_target)
        found_fit = q;
    }

  if (current != NULL)
    *current = found_current;
  if (target != NULL)
    *target = found_target;
  if (fit != NULL)
    *fit = found_fit;

  return found_target != NULL;
}

static gboolean
tally_counts (const CrTally    *tally,
              const CrQuestion *question)
{
  return tally != NULL && question != NULL && tally->revealed;
}

static void
option_value (const CrTally *tally,
              guint          o,
              double        *value,
              double        *spread)
{
  const CrOptionTally *ot = &tally->options[o];

  if (tally->question->method == CR_METHOD_SCORE)
    {
      *value = ot->overall;
      *spread = ot->overall_spread;
      return;
    }

  /* A revealed round in which nothing was cast says nothing about shares. */
  *value = tally->total > 0 ? ot->share : NAN;
  *spread = NAN;
}

static gboolean
tally_is_of (const CrTally    *tally,
             const CrQuestion *question)
{
  return tally == NULL ||
         (question != NULL && g_strcmp0 (tally->question->id, question->id) == 0);
}

/**
 * cr_gap_compute:
 * @template: the workshop's template
 * @current: (nullable): a tally of the current question
 * @target: (nullable): a tally of the target question
 * @fit: (nullable): a tally of the fit question
 *
 * Returns: (transfer full): the gap per option
 */
CrGap *
cr_gap_compute (CrTemplate    *template,
                const CrTally *current,
                const CrTally *target,
                const CrTally *fit)
{
  g_autoptr(CrGap) gap = NULL;

  g_return_val_if_fail (CR_IS_TEMPLATE (template), NULL);

  gap = g_new0 (CrGap, 1);
  gap->template = g_object_ref (template);
  cr_gap_find_questions (template, &gap->current_question, &gap->target_question,
                         &gap->fit_question);

  g_return_val_if_fail (tally_is_of (current, gap->current_question), NULL);
  g_return_val_if_fail (tally_is_of (target, gap->target_question), NULL);
  g_return_val_if_fail (tally_is_of (fit, gap->fit_question), NULL);

  gap->scores = gap->current_question != NULL &&
                gap->current_question->method == CR_METHOD_SCORE;
  gap->n_options = cr_template_get_n_options (template);
  gap->options = g_new0 (CrGapOption, gap->n_options);

  if (!tally_counts (current, gap->current_question))
    current = NULL;
  if (!tally_counts (target, gap->target_question))
    target = NULL;
  if (!tally_counts (fit, gap->fit_question))
    fit = NULL;

  gap->current_round = current != NULL ? current->round_number : 0;
  gap->target_round = target != NULL ? target->round_number : 0;
  gap->fit_round = fit != NULL ? fit->round_number : 0;

  for (guint o = 0; o < gap->n_options; o++)
    {
      CrGapOption *go = &gap->options[o];

      go->option = cr_template_get_option (template, o);
      go->current = go->target = go->fit = NAN;
      go->current_spread = go->target_spread = go->fit_spread = NAN;

      /* Tallies list options in template order, like the gap. */
      if (current != NULL && o < current->n_options)
        option_value (current, o, &go->current, &go->current_spread);
      if (target != NULL && o < target->n_options)
        option_value (target, o, &go->target, &go->target_spread);
      if (fit != NULL && o < fit->n_options)
        {
          go->fit = fit->options[o].overall;
          go->fit_spread = fit->options[o].overall_spread;
        }

      go->gap = go->target - go->current;
    }

  return g_steal_pointer (&gap);
}

static CrTally *
latest_tally (CrWorkshop       *workshop,
              const CrQuestion *question)
{
  CrRound *round;

  if (question == NULL)
    return NULL;

  round = cr_workshop_find_latest_round (workshop, question->id, TRUE);
  if (round == NULL)
    return NULL;

  return cr_tally_compute (cr_workshop_get_template (workshop), round);
}

/**
 * cr_gap_compute_workshop:
 * @workshop: a workshop
 *
 * cr_gap_compute() on the latest revealed round of each question.
 *
 * Returns: (transfer full): the gap per option
 */
CrGap *
cr_gap_compute_workshop (CrWorkshop *workshop)
{
  g_autoptr(CrTally) current = NULL;
  g_autoptr(CrTally) target = NULL;
  g_autoptr(CrTally) fit = NULL;
  const CrQuestion *current_question = NULL;
  const CrQuestion *target_question = NULL;
  const CrQuestion *fit_question = NULL;
  CrTemplate *template;

  g_return_val_if_fail (CR_IS_WORKSHOP (workshop), NULL);

  template = cr_workshop_get_template (workshop);
  cr_gap_find_questions (template, &current_question, &target_question, &fit_question);

  current = latest_tally (workshop, current_question);
  target = latest_tally (workshop, target_question);
  fit = latest_tally (workshop, fit_question);

  return cr_gap_compute (template, current, target, fit);
}

void
cr_gap_free (CrGap *gap)
{
  if (gap == NULL)
    return;

  g_clear_object (&gap->template);
  g_free (gap->options);
  g_free (gap);
}

gboolean
cr_gap_has_data (const CrGap *gap)
{
  g_return_val_if_fail (gap != NULL, FALSE);

  return gap->current_round > 0 || gap->target_round > 0 || gap->fit_round > 0;
}
