/* cr-compare.c: what moved between two workshops, computed once for every place that shows it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "crossroads-compare"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>

#include "cr-chart.h"
#include "cr-compare.h"
#include "cr-library.h"

/* ---- Freeing ------------------------------------------------------------- */

static void
compare_context_free (CrCompareContext *item)
{
  g_free (item->field_id);
  g_free (item->label);
  g_free (item->before_text);
  g_free (item->after_text);
  g_free (item->not_asked);
  g_free (item);
}

static void
compare_question_free (CrCompareQuestion *item)
{
  for (guint o = 0; o < item->n_options; o++)
    {
      g_free (item->options[o].criteria_before);
      g_free (item->options[o].criteria_after);
    }
  g_free (item->options);
  g_clear_pointer (&item->before, cr_tally_free);
  g_clear_pointer (&item->after, cr_tally_free);
  g_clear_object (&item->before_round);
  g_clear_object (&item->after_round);
  g_free (item);
}

void
cr_comparison_free (CrComparison *comparison)
{
  if (comparison == NULL)
    return;
  g_clear_pointer (&comparison->notes, g_ptr_array_unref);
  g_clear_pointer (&comparison->left_out, g_ptr_array_unref);
  g_clear_pointer (&comparison->context, g_ptr_array_unref);
  g_clear_pointer (&comparison->questions, g_ptr_array_unref);
  g_clear_pointer (&comparison->gap_before, cr_gap_free);
  g_clear_pointer (&comparison->gap_after, cr_gap_free);
  g_clear_pointer (&comparison->rec_before, cr_recommendation_free);
  g_clear_pointer (&comparison->rec_after, cr_recommendation_free);
  g_clear_pointer (&comparison->reasons_gone, g_ptr_array_unref);
  g_clear_pointer (&comparison->reasons_new, g_ptr_array_unref);
  g_clear_object (&comparison->actions);
  g_clear_object (&comparison->before);
  g_clear_object (&comparison->after);
  g_free (comparison->label_before);
  g_free (comparison->label_after);
  g_free (comparison);
}

/* ---- Which parts compare ------------------------------------------------- */

/* Votes compare only when both workshops ask the same questions about the
 * same options: a template's id alone could name two versions of it. */
static gboolean
templates_match (CrTemplate *a,
                 CrTemplate *b)
{
  if (a == b)
    return TRUE;
  if (g_strcmp0 (cr_template_get_id (a), cr_template_get_id (b)) != 0 ||
      cr_template_get_n_options (a) != cr_template_get_n_options (b) ||
      cr_template_get_n_questions (a) != cr_template_get_n_questions (b))
    return FALSE;
  for (guint i = 0; i < cr_template_get_n_options (a); i++)
    if (g_strcmp0 (cr_template_get_option (a, i)->id, cr_template_get_option (b, i)->id) != 0)
      return FALSE;
  for (guint i = 0; i < cr_template_get_n_questions (a); i++)
    {
      const CrQuestion *qa = cr_template_get_question (a, i);
      const CrQuestion *qb = cr_template_find_question (b, qa->id);

      if (qb == NULL || qa->method != qb->method || qa->criteria->len != qb->criteria->len)
        return FALSE;
      for (guint c = 0; c < qa->criteria->len; c++)
        if (cr_question_find_criterion (qb, ((const CrCriterion *) g_ptr_array_index (qa->criteria, c))->id) == NULL)
          return FALSE;
    }
  return TRUE;
}

static gboolean
same_organisation (CrWorkshop *a,
                   CrWorkshop *b)
{
  g_autofree char *key_a = cr_library_organisation_key (cr_workshop_get_organisation (a));
  g_autofree char *key_b = cr_library_organisation_key (cr_workshop_get_organisation (b));

  return g_str_equal (key_a, key_b);
}

/* ---- Context ------------------------------------------------------------- */

/* As the room reads it: a choice by its label, a number as written. */
static char *
value_text (const CrContextField *field,
            const CrContextValue *value)
{
  if (value == NULL)
    return NULL;
  if (value->is_number)
    {
      char buffer[G_ASCII_DTOSTR_BUF_SIZE];

      if (value->number == floor (value->number) && fabs (value->number) < 1e15)
        return g_strdup_printf ("%.0f", value->number);
      return g_strdup (g_ascii_formatd (buffer, sizeof buffer, "%.2f", value->number));
    }
  if (field != NULL && field->kind == CR_CONTEXT_CHOICE)
    {
      const CrChoice *choice = cr_context_field_find_choice (field, value->text);

      if (choice != NULL)
        return g_strdup (choice->label);
    }
  return g_strdup (value->text != NULL ? value->text : "");
}

static void
add_context_change (CrComparison         *cmp,
                    const char           *field_id,
                    const CrContextField *field_before,
                    const CrContextField *field_after)
{
  const CrContextValue *before = cr_workshop_get_context (cmp->before, field_id);
  const CrContextValue *after = cr_workshop_get_context (cmp->after, field_id);
  CrCompareContext *item;

  if (cr_context_value_equal (before, after))
    return;
  item = g_new0 (CrCompareContext, 1);
  item->field_id = g_strdup (field_id);
  item->label = g_strdup (field_after != NULL ? field_after->label : field_before->label);
  item->before = before;
  item->after = after;
  item->before_text = value_text (field_before, before);
  item->after_text = value_text (field_after, after);
  item->asked_before = field_before != NULL;
  item->asked_after = field_after != NULL;
  /* A field one template does not ask did not change there: it was never
   * asked, which says more than "not answered". */
  if (field_before == NULL)
    item->not_asked = cmp->rerun ? g_strdup (_("Not asked last time"))
                      /* Translators: %s is a workshop's title: its template does not ask this context field */
                      : g_strdup_printf (_("Not asked in “%s”"), cr_workshop_get_title (cmp->before));
  else if (field_after == NULL)
    item->not_asked = cmp->rerun ? g_strdup (_("Not asked this time"))
                      : g_strdup_printf (_("Not asked in “%s”"), cr_workshop_get_title (cmp->after));
  g_ptr_array_add (cmp->context, item);
}

/* In the later template's order, then the fields only the earlier had. */
static void
compare_context (CrComparison *cmp)
{
  CrTemplate *tb = cr_workshop_get_template (cmp->before);
  CrTemplate *ta = cr_workshop_get_template (cmp->after);

  for (guint i = 0; i < cr_template_get_n_context (ta); i++)
    {
      const CrContextField *field = cr_template_get_context (ta, i);

      add_context_change (cmp, field->id, cr_template_find_context (tb, field->id), field);
    }
  for (guint i = 0; i < cr_template_get_n_context (tb); i++)
    {
      const CrContextField *field = cr_template_get_context (tb, i);

      if (cr_template_find_context (ta, field->id) == NULL)
        add_context_change (cmp, field->id, field, NULL);
    }
}

/* ---- Votes --------------------------------------------------------------- */

static void
note_open_rounds (CrComparison *cmp,
                  CrWorkshop   *workshop)
{
  GListModel *rounds = cr_workshop_get_rounds (workshop);
  CrTemplate *template = cr_workshop_get_template (workshop);

  for (guint i = 0; i < g_list_model_get_n_items (rounds); i++)
    {
      g_autoptr(CrRound) round = g_list_model_get_item (rounds, i);
      const CrQuestion *question = cr_template_find_question (template, cr_round_get_question (round));

      if (cr_round_get_revealed (round))
        continue;
      g_ptr_array_add (cmp->left_out, g_object_ref (round));
      g_ptr_array_add (cmp->notes,
                       /* Translators: round number, the question asked, the workshop's title */
                       g_strdup_printf (_("Round %u of “%s” is still open in “%s”, so it is left out."),
                                        cr_round_get_number (round),
                                        question != NULL ? question->prompt : cr_round_get_question (round),
                                        cr_workshop_get_title (workshop)));
    }
}

/* The mean of criterion @c (or the single score) of an option's tally. */
static double
criterion_mean (const CrOptionTally *option,
                guint                c)
{
  return c < option->n_criteria ? option->criteria[c].mean : NAN;
}

static void
compare_question (CrComparison     *cmp,
                  const CrQuestion *question)
{
  CrTemplate *template = cr_workshop_get_template (cmp->after);
  CrRound *before = cr_workshop_find_latest_round (cmp->before, question->id, TRUE);
  CrRound *after = cr_workshop_find_latest_round (cmp->after, question->id, TRUE);
  CrCompareQuestion *item;

  if (before == NULL && after == NULL)
    return;

  item = g_new0 (CrCompareQuestion, 1);
  item->question = question;
  item->scores = question->method == CR_METHOD_SCORE;
  item->before_round = before != NULL ? g_object_ref (before) : NULL;
  item->after_round = after != NULL ? g_object_ref (after) : NULL;
  item->before = cr_comparison_new_tally (cmp, item, FALSE);
  item->after = cr_comparison_new_tally (cmp, item, TRUE);
  item->n_options = cr_template_get_n_options (template);
  item->options = g_new0 (CrCompareOption, item->n_options);

  for (guint o = 0; o < item->n_options; o++)
    {
      CrCompareOption *option = &item->options[o];
      const CrOptionTally *b = item->before != NULL ? &item->before->options[o] : NULL;
      const CrOptionTally *a = item->after != NULL ? &item->after->options[o] : NULL;

      option->option = cr_template_get_option (template, o);
      if (item->scores)
        {
          option->before = b != NULL ? b->overall : NAN;
          option->after = a != NULL ? a->overall : NAN;
          option->n_criteria = MAX (question->criteria->len, 1);
          option->criteria_before = g_new0 (double, option->n_criteria);
          option->criteria_after = g_new0 (double, option->n_criteria);
          for (guint c = 0; c < option->n_criteria; c++)
            {
              option->criteria_before[c] = b != NULL ? criterion_mean (b, c) : NAN;
              option->criteria_after[c] = a != NULL ? criterion_mean (a, c) : NAN;
            }
        }
      else
        {
          /* A round where nothing was cast has no shares to compare. */
          option->before = b != NULL && item->before->total > 0 ? b->share : NAN;
          option->after = a != NULL && item->after->total > 0 ? a->share : NAN;
        }
      option->delta = isnan (option->before) || isnan (option->after) ? NAN : option->after - option->before;
    }
  g_ptr_array_add (cmp->questions, item);
}

/* ---- Recommendation ------------------------------------------------------ */

static gboolean
has_rule_reason (const CrRecommendation *rec,
                 const char             *reason)
{
  for (guint i = 0; i < rec->rules->len; i++)
    if (g_strcmp0 (((const CrRule *) g_ptr_array_index (rec->rules, i))->reason, reason) == 0)
      return TRUE;
  return FALSE;
}

/* The context rules that matched on one side only, by the reason they
 * give: what appeared, and what went away. */
static void
compare_reasons (CrComparison *cmp)
{
  for (guint i = 0; i < cmp->rec_before->rules->len; i++)
    {
      const CrRule *rule = g_ptr_array_index (cmp->rec_before->rules, i);

      if (!has_rule_reason (cmp->rec_after, rule->reason))
        g_ptr_array_add (cmp->reasons_gone, (gpointer) rule);
    }
  for (guint i = 0; i < cmp->rec_after->rules->len; i++)
    {
      const CrRule *rule = g_ptr_array_index (cmp->rec_after->rules, i);

      if (!has_rule_reason (cmp->rec_before, rule->reason))
        g_ptr_array_add (cmp->reasons_new, (gpointer) rule);
    }
}

/* ---- The whole ------------------------------------------------------------ */

CrComparison *
cr_comparison_new (CrWorkshop *before,
                   CrWorkshop *after)
{
  CrComparison *cmp;
  CrTemplate *ta;

  g_return_val_if_fail (CR_IS_WORKSHOP (before), NULL);
  g_return_val_if_fail (CR_IS_WORKSHOP (after), NULL);

  cmp = g_new0 (CrComparison, 1);
  cmp->before = g_object_ref (before);
  cmp->after = g_object_ref (after);
  cmp->notes = g_ptr_array_new_with_free_func (g_free);
  cmp->left_out = g_ptr_array_new_with_free_func (g_object_unref);
  cmp->context = g_ptr_array_new_with_free_func ((GDestroyNotify) compare_context_free);
  cmp->questions = g_ptr_array_new_with_free_func ((GDestroyNotify) compare_question_free);
  cmp->reasons_gone = g_ptr_array_new ();
  cmp->reasons_new = g_ptr_array_new ();

  ta = cr_workshop_get_template (after);
  cmp->same_organisation = same_organisation (before, after);
  cmp->same_template = templates_match (cr_workshop_get_template (before), ta);
  cmp->rerun = cr_workshop_get_previous_uuid (after) != NULL &&
               g_strcmp0 (cr_workshop_get_previous_uuid (after), cr_workshop_get_uuid (before)) == 0;

  if (!cmp->same_organisation)
    g_ptr_array_add (cmp->notes,
                     /* Translators: the two organisations' names */
                     g_strdup_printf (_("These workshops are of two organisations: %s and %s."),
                                      cr_workshop_get_organisation (before),
                                      cr_workshop_get_organisation (after)));
  if (!cmp->same_template)
    g_ptr_array_add (cmp->notes,
                     /* Translators: the two templates' titles */
                     g_strdup_printf (_("The workshops use different templates (%s and %s): only their context and recommendation are compared."),
                                      cr_template_get_title (cr_workshop_get_template (before)),
                                      cr_template_get_title (ta)));
  note_open_rounds (cmp, before);
  note_open_rounds (cmp, after);

  if (g_strcmp0 (cr_workshop_get_date (before), cr_workshop_get_date (after)) != 0)
    {
      cmp->label_before = g_strdup (cr_workshop_get_date (before));
      cmp->label_after = g_strdup (cr_workshop_get_date (after));
    }
  else
    {
      cmp->label_before = g_strdup (cr_workshop_get_title (before));
      cmp->label_after = g_strdup (cr_workshop_get_title (after));
    }

  compare_context (cmp);
  if (cmp->same_template)
    {
      for (guint i = 0; i < cr_template_get_n_questions (ta); i++)
        compare_question (cmp, cr_template_get_question (ta, i));
      cmp->gap_before = cr_gap_compute_workshop (before);
      cmp->gap_after = cr_gap_compute_workshop (after);
    }
  cmp->rec_before = cr_recommend_workshop (before);
  cmp->rec_after = cr_recommend_workshop (after);
  compare_reasons (cmp);

  cmp->actions_reviewed = cmp->rerun;
  cmp->actions = g_object_ref (cmp->rerun ? cr_workshop_get_review (after) : cr_workshop_get_actions (before));
  return cmp;
}

CrTally *
cr_comparison_new_tally (const CrComparison      *cmp,
                         const CrCompareQuestion *question,
                         gboolean                 after)
{
  CrRound *round;
  CrTally *tally;

  g_return_val_if_fail (cmp != NULL, NULL);
  g_return_val_if_fail (question != NULL, NULL);

  round = after ? question->after_round : question->before_round;
  if (round == NULL)
    return NULL;
  /* Both sides counted with the later template: the options are the same. */
  tally = cr_tally_compute (cr_workshop_get_template (cmp->after), round);
  tally->label = g_strdup (cr_comparison_side_label (cmp, after));
  return tally;
}

const char *
cr_comparison_side_label (const CrComparison *cmp,
                          gboolean            after)
{
  g_return_val_if_fail (cmp != NULL, NULL);
  return after ? cmp->label_after : cmp->label_before;
}

CrWorkshop *
cr_comparison_find_previous (CrWorkshop *workshop)
{
  gint64 id;

  g_return_val_if_fail (CR_IS_WORKSHOP (workshop), NULL);

  id = cr_workshop_get_rerun_of (workshop);
  if (id == 0)
    return NULL;
  return cr_workshop_load (cr_workshop_get_store (workshop), id, NULL);
}

const char *
cr_comparison_question_means (const CrComparison *cmp,
                              const CrQuestion   *question)
{
  CrTemplate *template;
  const CrAimRule *aim;

  g_return_val_if_fail (cmp != NULL, NULL);
  g_return_val_if_fail (question != NULL, NULL);

  template = cr_workshop_get_template (cmp->after);
  aim = cr_template_get_aim (template);
  if (aim != NULL && g_strcmp0 (aim->question, question->id) == 0)
    return cr_room_meaning_to_string (CR_ROOM_TARGET);
  for (guint i = 0; i < cr_template_get_n_room_votes (template); i++)
    {
      const CrRoomVote *vote = cr_template_get_room_vote (template, i);

      if (g_strcmp0 (vote->question, question->id) == 0)
        return cr_room_meaning_to_string (vote->means);
    }
  return NULL;
}

/* ---- One line ------------------------------------------------------------- */

static const char *
means_word (const CrComparison *cmp,
            const CrQuestion   *question)
{
  const char *means = cr_comparison_question_means (cmp, question);

  if (g_strcmp0 (means, "today") == 0)
    /* Translators: what a vote measured, in "Option, today: +10 pts" */
    return C_("vote", "today");
  if (g_strcmp0 (means, "target") == 0)
    return C_("vote", "target");
  if (g_strcmp0 (means, "fit") == 0)
    return C_("vote", "fit");
  return question->id;
}

/* Whether a round of @question_id is still open in @workshop, and so left out. */
static gboolean
left_out_in (const CrComparison *cmp,
             CrWorkshop         *workshop,
             const char         *question_id)
{
  GListModel *rounds = cr_workshop_get_rounds (workshop);

  for (guint r = 0; r < g_list_model_get_n_items (rounds); r++)
    {
      g_autoptr(CrRound) round = g_list_model_get_item (rounds, r);

      if (g_strcmp0 (cr_round_get_question (round), question_id) == 0 &&
          g_ptr_array_find (cmp->left_out, round, NULL))
        return TRUE;
    }
  return FALSE;
}

/* The line that stands for one side's figures when it has no revealed
 * round of @question_id (or @other_id): a round still open is said to be
 * left out; else nobody voted there. */
static char *
describe_unvoted (const CrComparison *cmp,
                  gboolean            after,
                  const char         *question_id,
                  const char         *other_id)
{
  CrWorkshop *workshop = after ? cmp->after : cmp->before;

  if (left_out_in (cmp, workshop, question_id) || (other_id != NULL && left_out_in (cmp, workshop, other_id)))
    /* Translators: %s is a workshop's title; its round of this question is not revealed yet */
    return g_strdup_printf (_("Still open in “%s”, so left out."), cr_workshop_get_title (workshop));
  if (cmp->rerun)
    return g_strdup (after ? _("Not voted on this time.") : _("Not voted on last time."));
  /* Translators: %s is a workshop's title: the question was not voted on there */
  return g_strdup_printf (_("Not voted on in “%s”."), cr_workshop_get_title (workshop));
}

char *
cr_comparison_describe_missing (const CrComparison      *cmp,
                                const CrCompareQuestion *q)
{
  g_return_val_if_fail (cmp != NULL && q != NULL, NULL);

  if (q->before != NULL && q->after != NULL)
    return NULL;
  return describe_unvoted (cmp, q->after == NULL, q->question->id, NULL);
}

char *
cr_comparison_describe_gap_missing (const CrComparison *cmp)
{
  g_return_val_if_fail (cmp != NULL, NULL);

  if (cmp->gap_before == NULL || cmp->gap_after == NULL || cmp->gap_after->current_question == NULL)
    return NULL;
  for (guint side = 0; side < 2; side++)
    {
      const CrGap *gap = side == 0 ? cmp->gap_after : cmp->gap_before;

      if (gap->current_round == 0 && gap->target_round == 0)
        return describe_unvoted (cmp, side == 0, gap->current_question->id, gap->target_question->id);
    }
  return NULL;
}

const char *
cr_comparison_context_text (const CrCompareContext *context,
                            gboolean                after,
                            const char             *unanswered)
{
  const char *text;

  g_return_val_if_fail (context != NULL, NULL);

  if (!(after ? context->asked_after : context->asked_before))
    return context->not_asked;
  text = after ? context->after_text : context->before_text;
  return text != NULL ? text : unanswered;
}

char *
cr_comparison_format_value (double   value,
                            gboolean scores)
{
  if (isnan (value))
    return g_strdup ("—");
  return scores ? cr_chart_format_mean (value) : cr_chart_format_share (value);
}

char *
cr_comparison_format_change (double   before,
                             double   after,
                             gboolean scores)
{
  return cr_chart_format_change (before, after, !scores);
}

char *
cr_comparison_no_votes (const CrCompareQuestion *q,
                        gboolean                 after)
{
  const CrTally *tally;

  g_return_val_if_fail (q != NULL, NULL);

  tally = after ? q->after : q->before;
  if (tally == NULL || !cr_chart_tally_is_empty (tally))
    return NULL;
  return cr_chart_no_votes_text (tally);
}

char *
cr_comparison_gap_no_votes (const CrComparison *cmp,
                            gboolean            after,
                            gboolean            target)
{
  const CrGap *gap;

  g_return_val_if_fail (cmp != NULL, NULL);

  gap = after ? cmp->gap_after : cmp->gap_before;
  if (gap == NULL)
    return NULL;
  /* No revealed round on that side: not "—" as if a figure were unknown,
   * but that the room did not vote on it then (or that its round is still
   * open, so left out). */
  if ((target ? gap->target_round : gap->current_round) == 0)
    {
      const CrQuestion *question = target ? gap->target_question : gap->current_question;

      if (question == NULL)
        return NULL;
      if (left_out_in (cmp, after ? cmp->after : cmp->before, question->id))
        /* Translators: in place of a figure, where that workshop's round is not revealed yet, e.g. "58 % → still open on 2025-10-08" */
        return g_strdup_printf (_("still open on %s"), cr_comparison_side_label (cmp, after));
      /* Translators: in place of a figure, where that workshop did not vote on it at all, e.g. "58 % → not voted on 2025-10-08" */
      return g_strdup_printf (_("not voted on %s"), cr_comparison_side_label (cmp, after));
    }
  /* A round revealed where not one option has a figure. */
  for (guint o = 0; o < gap->n_options; o++)
    if (!isnan (target ? gap->options[o].target : gap->options[o].current))
      return NULL;
  /* Translators: in place of a figure, when nobody voted in a workshop, e.g. "57 % → no votes on 3 November 2025" */
  return g_strdup_printf (_("no votes on %s"), cr_comparison_side_label (cmp, after));
}

/* Then, now and the change; where nobody voted on a side, the change
 * chart's line, which says so and prints no change. */
static char *
format_move (double      before,
             double      after,
             gboolean    scores,
             const char *before_empty,
             const char *after_empty)
{
  g_autofree char *then = NULL;
  g_autofree char *now = NULL;
  g_autofree char *delta = NULL;

  if (before_empty != NULL || after_empty != NULL)
    return cr_chart_from_to_text (before, after, scores, before_empty, after_empty);
  then = cr_comparison_format_value (before, scores);
  now = cr_comparison_format_value (after, scores);
  delta = cr_comparison_format_change (before, after, scores);
  /* Translators: then, now and the change, e.g. "50 % → 20 % · −30 pts" */
  return g_strdup_printf (_("%s → %s · %s"), then, now, delta);
}

char *
cr_comparison_option_move (const CrCompareQuestion *q,
                           guint                    o)
{
  g_autofree char *before_empty = NULL;
  g_autofree char *after_empty = NULL;

  g_return_val_if_fail (q != NULL && o < q->n_options, NULL);

  before_empty = cr_comparison_no_votes (q, FALSE);
  after_empty = cr_comparison_no_votes (q, TRUE);
  return format_move (q->options[o].before, q->options[o].after, q->scores, before_empty, after_empty);
}

char *
cr_comparison_gap_move (const CrComparison *cmp,
                        guint               o,
                        gboolean            target)
{
  const CrGap *before, *after;
  g_autofree char *before_empty = NULL;
  g_autofree char *after_empty = NULL;

  g_return_val_if_fail (cmp != NULL && cmp->gap_before != NULL && cmp->gap_after != NULL, NULL);

  before = cmp->gap_before;
  after = cmp->gap_after;
  g_return_val_if_fail (o < before->n_options && o < after->n_options, NULL);
  before_empty = cr_comparison_gap_no_votes (cmp, FALSE, target);
  after_empty = cr_comparison_gap_no_votes (cmp, TRUE, target);
  return format_move (target ? before->options[o].target : before->options[o].current,
                      target ? after->options[o].target : after->options[o].current,
                      after->scores, before_empty, after_empty);
}

gboolean
cr_comparison_has_start_and_aim (const CrComparison *cmp)
{
  g_return_val_if_fail (cmp != NULL, FALSE);
  return cr_template_is_ordered (cr_workshop_get_template (cmp->before)) ||
         cr_template_is_ordered (cr_workshop_get_template (cmp->after));
}

gboolean
cr_comparison_has_points_to (const CrComparison *cmp)
{
  g_return_val_if_fail (cmp != NULL, FALSE);
  return !cr_template_is_ordered (cr_workshop_get_template (cmp->before)) ||
         !cr_template_is_ordered (cr_workshop_get_template (cmp->after));
}

const char *
cr_comparison_option_title (CrWorkshop *workshop,
                            const char *option_id)
{
  const CrOption *option = option_id != NULL
    ? cr_template_find_option (cr_workshop_get_template (workshop), option_id) : NULL;

  return option != NULL ? option->title : "—";
}

/* A change of where to start or what to aim for (or what the
 * recommendation points to), as one line; NULL when there is none. */
static char *
recommendation_change (const CrComparison *cmp)
{
  const CrRecommendation *b = cmp->rec_before, *a = cmp->rec_after;

  if (g_strcmp0 (b->start_with, a->start_with) != 0)
    /* Translators: the recommendation's start changed, e.g. "Start with: A → B" */
    return g_strdup_printf (_("Start with: %s → %s"), cr_comparison_option_title (cmp->before, b->start_with),
                            cr_comparison_option_title (cmp->after, a->start_with));
  if (g_strcmp0 (b->aim_for, a->aim_for) != 0)
    /* Translators: the recommendation's aim changed, e.g. "Aim for: A → B" */
    return g_strdup_printf (_("Aim for: %s → %s"), cr_comparison_option_title (cmp->before, b->aim_for),
                            cr_comparison_option_title (cmp->after, a->aim_for));
  if (g_strcmp0 (b->points_to, a->points_to) != 0)
    /* Translators: what the recommendation points to changed, e.g. "Points to: A → B" */
    return g_strdup_printf (_("Points to: %s → %s"), cr_comparison_option_title (cmp->before, b->points_to),
                            cr_comparison_option_title (cmp->after, a->points_to));
  return NULL;
}

char *
cr_comparison_summary (const CrComparison *cmp)
{
  const CrCompareQuestion *best_question = NULL;
  const CrCompareOption *best = NULL;
  char *line;

  g_return_val_if_fail (cmp != NULL, NULL);

  /* The largest move of a share, where the room's votes are counted. */
  for (guint i = 0; i < cmp->questions->len; i++)
    {
      const CrCompareQuestion *q = g_ptr_array_index (cmp->questions, i);

      if (q->scores)
        continue;
      for (guint o = 0; o < q->n_options; o++)
        if (!isnan (q->options[o].delta) &&
            (best == NULL || fabs (q->options[o].delta) > fabs (best->delta)))
          {
            best = &q->options[o];
            best_question = q;
          }
    }
  if (best != NULL && lround (best->after * 100.0) != lround (best->before * 100.0))
    {
      g_autofree char *delta = cr_chart_format_change (best->before, best->after, TRUE);

      /* Translators: the largest move, e.g. "People Experience as a Product, target: +22 pts" */
      return g_strdup_printf (_("%s, %s: %s"), best->option->title, means_word (cmp, best_question->question), delta);
    }

  line = recommendation_change (cmp);
  if (line != NULL)
    return line;

  /* A field one side was never asked did not move. */
  for (guint i = 0; i < cmp->context->len; i++)
    {
      const CrCompareContext *c = g_ptr_array_index (cmp->context, i);

      if (c->not_asked != NULL)
        continue;
      /* Translators: a context answer that changed, e.g. "Stage: Scale-up → Enterprise"; — is "not answered" */
      return g_strdup_printf (_("%s: %s → %s"), c->label,
                              c->before_text != NULL ? c->before_text : "—",
                              c->after_text != NULL ? c->after_text : "—");
    }
  if (cmp->questions->len == 0 && cmp->same_template)
    return g_strdup (_("No revealed votes to compare yet"));
  return g_strdup (_("Nothing moved in what the two compare"));
}

char *
cr_comparison_describe_rerun (CrWorkshop *workshop)
{
  g_autoptr(CrWorkshop) previous = NULL;
  g_autoptr(CrComparison) cmp = NULL;

  g_return_val_if_fail (CR_IS_WORKSHOP (workshop), NULL);

  previous = cr_comparison_find_previous (workshop);
  if (previous == NULL)
    return NULL;
  cmp = cr_comparison_new (previous, workshop);
  return cr_comparison_summary (cmp);
}

/* ---- JSON ------------------------------------------------------------------ */

static void
add_workshop (JsonBuilder *b,
              const char  *member,
              CrWorkshop  *workshop)
{
  json_builder_set_member_name (b, member);
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "id");
  json_builder_add_string_value (b, cr_workshop_get_uuid (workshop));
  json_builder_set_member_name (b, "library_id");
  json_builder_add_int_value (b, cr_workshop_get_id (workshop));
  json_builder_set_member_name (b, "title");
  json_builder_add_string_value (b, cr_workshop_get_title (workshop));
  json_builder_set_member_name (b, "organisation");
  json_builder_add_string_value (b, cr_workshop_get_organisation (workshop));
  json_builder_set_member_name (b, "date");
  json_builder_add_string_value (b, cr_workshop_get_date (workshop));
  json_builder_set_member_name (b, "template");
  json_builder_add_string_value (b, cr_template_get_id (cr_workshop_get_template (workshop)));
  json_builder_end_object (b);
}

static void
add_value (JsonBuilder          *b,
           const char           *member,
           const CrContextValue *value)
{
  json_builder_set_member_name (b, member);
  if (value == NULL)
    json_builder_add_null_value (b);
  else if (value->is_number)
    cr_tally_json_add_number (b, value->number);
  else
    json_builder_add_string_value (b, value->text);
}

static void
add_string_or_null (JsonBuilder *b,
                    const char  *member,
                    const char  *text)
{
  json_builder_set_member_name (b, member);
  if (text == NULL)
    json_builder_add_null_value (b);
  else
    json_builder_add_string_value (b, text);
}

static void
add_number (JsonBuilder *b,
            const char  *member,
            double       value)
{
  json_builder_set_member_name (b, member);
  cr_tally_json_add_number (b, value);
}

static void
add_question (JsonBuilder             *b,
              const CrCompareQuestion *q)
{
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "question");
  json_builder_add_string_value (b, q->question->id);
  json_builder_set_member_name (b, "method");
  json_builder_add_string_value (b, cr_method_to_string (q->question->method));
  json_builder_set_member_name (b, "before_round");
  if (q->before != NULL)
    json_builder_add_int_value (b, q->before->round_number);
  else
    json_builder_add_null_value (b);
  json_builder_set_member_name (b, "after_round");
  if (q->after != NULL)
    json_builder_add_int_value (b, q->after->round_number);
  else
    json_builder_add_null_value (b);
  json_builder_set_member_name (b, "options");
  json_builder_begin_array (b);
  for (guint o = 0; o < q->n_options; o++)
    {
      const CrCompareOption *option = &q->options[o];

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "option");
      json_builder_add_string_value (b, option->option->id);
      add_number (b, q->scores ? "mean_before" : "share_before", option->before);
      add_number (b, q->scores ? "mean_after" : "share_after", option->after);
      add_number (b, "change", option->delta);
      if (q->scores && q->question->criteria->len > 0)
        {
          json_builder_set_member_name (b, "criteria");
          json_builder_begin_array (b);
          for (guint c = 0; c < option->n_criteria; c++)
            {
              json_builder_begin_object (b);
              json_builder_set_member_name (b, "criterion");
              json_builder_add_string_value (b, ((const CrCriterion *) g_ptr_array_index (q->question->criteria, c))->id);
              add_number (b, "mean_before", option->criteria_before[c]);
              add_number (b, "mean_after", option->criteria_after[c]);
              add_number (b, "change", isnan (option->criteria_before[c]) || isnan (option->criteria_after[c])
                                       ? NAN : option->criteria_after[c] - option->criteria_before[c]);
              json_builder_end_object (b);
            }
          json_builder_end_array (b);
        }
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  json_builder_end_object (b);
}

static void
add_gap (JsonBuilder *b,
         const char  *member,
         const CrGap *gap)
{
  json_builder_set_member_name (b, member);
  if (gap == NULL || gap->current_question == NULL)
    {
      json_builder_add_null_value (b);
      return;
    }
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "today_question");
  json_builder_add_string_value (b, gap->current_question->id);
  json_builder_set_member_name (b, "target_question");
  json_builder_add_string_value (b, gap->target_question->id);
  json_builder_set_member_name (b, "options");
  json_builder_begin_array (b);
  for (guint o = 0; o < gap->n_options; o++)
    {
      json_builder_begin_object (b);
      json_builder_set_member_name (b, "option");
      json_builder_add_string_value (b, gap->options[o].option->id);
      add_number (b, "today", gap->options[o].current);
      add_number (b, "target", gap->options[o].target);
      add_number (b, "gap", gap->options[o].gap);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  json_builder_end_object (b);
}

static void
add_recommendation (JsonBuilder            *b,
                    const char             *member,
                    const CrRecommendation *rec)
{
  json_builder_set_member_name (b, member);
  json_builder_begin_object (b);
  add_string_or_null (b, "start_with", rec->start_with);
  add_string_or_null (b, "aim_for", rec->aim_for);
  add_string_or_null (b, "points_to", rec->points_to);
  json_builder_set_member_name (b, "fit");
  json_builder_begin_object (b);
  for (guint o = 0; o < rec->fits->len; o++)
    {
      const CrFit *fit = g_ptr_array_index (rec->fits, o);

      add_number (b, fit->option->id, fit->fit);
    }
  json_builder_end_object (b);
  json_builder_end_object (b);
}

static void
add_rules (JsonBuilder *b,
           const char  *member,
           GPtrArray   *rules)
{
  json_builder_set_member_name (b, member);
  json_builder_begin_array (b);
  for (guint i = 0; i < rules->len; i++)
    {
      const CrRule *rule = g_ptr_array_index (rules, i);

      json_builder_begin_object (b);
      add_string_or_null (b, "text", rule->reason);
      add_string_or_null (b, "context", rule->context);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
}

static void
add_decision (JsonBuilder      *b,
              const char       *member,
              const CrDecision *decision)
{
  json_builder_set_member_name (b, member);
  if (decision == NULL)
    {
      json_builder_add_null_value (b);
      return;
    }
  json_builder_begin_object (b);
  add_string_or_null (b, "start_with", decision->start_with);
  add_string_or_null (b, "aim_for", decision->aim_for);
  add_string_or_null (b, "rationale", decision->rationale != NULL && decision->rationale[0] != '\0'
                                      ? decision->rationale : NULL);
  json_builder_end_object (b);
}

JsonNode *
cr_comparison_to_json (const CrComparison *cmp)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();

  g_return_val_if_fail (cmp != NULL, NULL);

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "format");
  json_builder_add_string_value (b, "crossroads-comparison");
  json_builder_set_member_name (b, "version");
  json_builder_add_int_value (b, 1);
  add_workshop (b, "before", cmp->before);
  add_workshop (b, "after", cmp->after);
  json_builder_set_member_name (b, "same_organisation");
  json_builder_add_boolean_value (b, cmp->same_organisation);
  json_builder_set_member_name (b, "same_template");
  json_builder_add_boolean_value (b, cmp->same_template);
  json_builder_set_member_name (b, "rerun");
  json_builder_add_boolean_value (b, cmp->rerun);

  json_builder_set_member_name (b, "notes");
  json_builder_begin_array (b);
  for (guint i = 0; i < cmp->notes->len; i++)
    json_builder_add_string_value (b, g_ptr_array_index (cmp->notes, i));
  json_builder_end_array (b);

  json_builder_set_member_name (b, "left_out");
  json_builder_begin_array (b);
  for (guint i = 0; i < cmp->left_out->len; i++)
    {
      CrRound *round = g_ptr_array_index (cmp->left_out, i);
      gboolean in_before = FALSE;
      GListModel *rounds = cr_workshop_get_rounds (cmp->before);

      for (guint r = 0; r < g_list_model_get_n_items (rounds); r++)
        {
          g_autoptr(CrRound) other = g_list_model_get_item (rounds, r);

          in_before |= other == round;
        }
      json_builder_begin_object (b);
      json_builder_set_member_name (b, "workshop");
      json_builder_add_string_value (b, in_before ? "before" : "after");
      json_builder_set_member_name (b, "question");
      json_builder_add_string_value (b, cr_round_get_question (round));
      json_builder_set_member_name (b, "round");
      json_builder_add_int_value (b, cr_round_get_number (round));
      json_builder_end_object (b);
    }
  json_builder_end_array (b);

  json_builder_set_member_name (b, "context");
  json_builder_begin_array (b);
  for (guint i = 0; i < cmp->context->len; i++)
    {
      const CrCompareContext *c = g_ptr_array_index (cmp->context, i);

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "field");
      json_builder_add_string_value (b, c->field_id);
      json_builder_set_member_name (b, "label");
      json_builder_add_string_value (b, c->label);
      add_value (b, "before", c->before);
      add_value (b, "after", c->after);
      add_string_or_null (b, "before_text", c->before_text);
      add_string_or_null (b, "after_text", c->after_text);
      /* Added in the same version: a null side may be one never asked. */
      json_builder_set_member_name (b, "asked_before");
      json_builder_add_boolean_value (b, c->asked_before);
      json_builder_set_member_name (b, "asked_after");
      json_builder_add_boolean_value (b, c->asked_after);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);

  json_builder_set_member_name (b, "questions");
  json_builder_begin_array (b);
  for (guint i = 0; i < cmp->questions->len; i++)
    add_question (b, g_ptr_array_index (cmp->questions, i));
  json_builder_end_array (b);

  json_builder_set_member_name (b, "gap");
  json_builder_begin_object (b);
  add_gap (b, "before", cmp->gap_before);
  add_gap (b, "after", cmp->gap_after);
  json_builder_end_object (b);

  json_builder_set_member_name (b, "recommendation");
  json_builder_begin_object (b);
  add_recommendation (b, "before", cmp->rec_before);
  add_recommendation (b, "after", cmp->rec_after);
  add_rules (b, "reasons_gone", cmp->reasons_gone);
  add_rules (b, "reasons_new", cmp->reasons_new);
  json_builder_end_object (b);

  json_builder_set_member_name (b, "decision");
  json_builder_begin_object (b);
  add_decision (b, "before", cr_workshop_get_decision (cmp->before));
  add_decision (b, "after", cr_workshop_get_decision (cmp->after));
  json_builder_end_object (b);

  json_builder_set_member_name (b, "actions");
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "reviewed");
  json_builder_add_boolean_value (b, cmp->actions_reviewed);
  json_builder_set_member_name (b, "items");
  json_builder_begin_array (b);
  for (guint i = 0; i < g_list_model_get_n_items (cmp->actions); i++)
    {
      g_autoptr(CrAction) action = g_list_model_get_item (cmp->actions, i);

      json_builder_begin_object (b);
      add_string_or_null (b, "text", cr_action_get_text (action));
      add_string_or_null (b, "owner", cr_action_get_owner (action));
      add_string_or_null (b, "due", cr_action_get_due (action));
      add_string_or_null (b, "status", cr_action_status_to_string (cr_action_get_status (action)));
      add_string_or_null (b, "outcome", cr_action_get_outcome (action)[0] != '\0' ? cr_action_get_outcome (action) : NULL);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  json_builder_end_object (b);

  json_builder_end_object (b);
  return json_builder_get_root (b);
}
