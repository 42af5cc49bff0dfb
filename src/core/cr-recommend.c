/* cr-recommend.c: the template's rules and the room's votes weighed into
 * where to start and what to aim for, with reasons
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "crossroads-recommend"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>

#include "cr-chart.h"
#include "cr-recommend.h"

static CrReason *
cr_reason_new (CrReasonKind  kind,
               const char   *text,
               const char   *context,
               double        weight)
{
  CrReason *reason = g_new0 (CrReason, 1);

  reason->kind = kind;
  reason->text = g_strdup (text);
  reason->context = g_strdup (context);
  reason->weight = weight;
  return reason;
}

static void
cr_reason_free (CrReason *reason)
{
  if (reason == NULL)
    return;

  g_free (reason->text);
  g_free (reason->context);
  g_free (reason);
}

static void
cr_fit_free (CrFit *fit)
{
  if (fit == NULL)
    return;

  g_clear_pointer (&fit->reasons, g_ptr_array_unref);
  g_free (fit);
}

static void
room_judgment_free (CrRoomJudgment *judgment)
{
  if (judgment == NULL)
    return;

  g_free (judgment->values);
  g_free (judgment->strengths);
  g_free (judgment);
}

static void
disagreement_free (CrDisagreement *disagreement)
{
  if (disagreement == NULL)
    return;

  g_free (disagreement->text);
  g_free (disagreement);
}

static GPtrArray *
reasons_new (void)
{
  return g_ptr_array_new_with_free_func ((GDestroyNotify)cr_reason_free);
}

/* Strongest |weight| first; an insertion sort, because equal weights must
 * keep the order they were added in and the array is short. */
static void
reasons_sort (GPtrArray *reasons)
{
  for (guint i = 1; i < reasons->len; i++)
    {
      gpointer item = reasons->pdata[i];
      double w = fabs (((CrReason *)item)->weight);
      guint j = i;

      while (j > 0 && fabs (((CrReason *)reasons->pdata[j - 1])->weight) < w)
        {
          reasons->pdata[j] = reasons->pdata[j - 1];
          j--;
        }
      reasons->pdata[j] = item;
    }
}

/**
 * cr_recommend_format_weight:
 * @weight: a weight
 *
 * Returns: (transfer full): "+2", "−1", "+1.3": whole numbers as such,
 *   one decimal otherwise, a real minus sign
 */
char *
cr_recommend_format_weight (double weight)
{
  double shown = round (weight * 10.0) / 10.0;
  gboolean whole = shown == round (shown);

  if (shown < 0)
    return whole
      /* Translators: a negative weight; "−" is a minus sign */
      ? g_strdup_printf (_("−%.0f"), -shown)
      : g_strdup_printf (_("−%.1f"), -shown);
  if (shown == 0)
    return g_strdup ("0");
  return whole ? g_strdup_printf ("+%.0f", shown) : g_strdup_printf ("+%.1f", shown);
}

static const char *
meaning_name (CrRoomMeaning means)
{
  switch (means)
    {
    case CR_ROOM_TODAY:
      /* Translators: a part of the recommendation, in a list of weights */
      return _("where the room is today");
    case CR_ROOM_TARGET:
      /* Translators: a part of the recommendation, in a list of weights */
      return _("where it wants to be");
    case CR_ROOM_FIT:
    default:
      /* Translators: a part of the recommendation, in a list of weights */
      return _("the room's fit scores");
    }
}

static char *
format_plain_weight (double weight)
{
  return fabs (weight - round (weight)) < 1e-9 ? g_strdup_printf ("%.0f", weight)
                                               : g_strdup_printf ("%.1f", weight);
}

/**
 * cr_recommend_describe_weights:
 * @template: a template
 *
 * Returns: (transfer full): the weights of the fit with your context and of
 *   each of the room's votes, as the template gives them, in a sentence
 */
char *
cr_recommend_describe_weights (CrTemplate *template)
{
  g_autoptr(GString) parts = g_string_new (NULL);
  const CrAimRule *aim;
  g_autofree char *context = NULL;

  g_return_val_if_fail (CR_IS_TEMPLATE (template), NULL);

  context = format_plain_weight (cr_template_get_context_weight (template));
  /* Translators: the first part of the list of weights; %s is a number */
  g_string_append_printf (parts, _("fit with your context %s"), context);
  for (guint i = 0; i < cr_template_get_n_room_votes (template); i++)
    {
      const CrRoomVote *vote = cr_template_get_room_vote (template, i);
      g_autofree char *weight = format_plain_weight (vote->weight);

      /* Translators: the next part of a list of weights, e.g. ", where the room is today 1.5" */
      g_string_append_printf (parts, _(", %s %s"), meaning_name (vote->means), weight);
    }
  aim = cr_template_get_aim (template);
  if (cr_template_is_ordered (template) && aim != NULL && aim->question != NULL)
    {
      g_autofree char *weight = format_plain_weight (aim->vote_weight);

      /* Translators: the last part of a list of weights; %s is a number */
      g_string_append_printf (parts, _(", where it wants to be %s (on the aim)"), weight);
    }
  /* Translators: %s is a list of weights, e.g. "fit with your context 2, where the room is today 1.5" */
  return g_strdup_printf (_("Weights: %s."), parts->str);
}

/* ---- The fit with your context ------------------------------------------ */

static gboolean
rule_matches (const CrRule *rule,
              GHashTable   *context)
{
  const CrContextValue *value;

  /* "when": {} holds whatever the room answered. */
  if (rule->context == NULL)
    return TRUE;

  if (context == NULL)
    return FALSE;

  value = g_hash_table_lookup (context, rule->context);
  if (value == NULL)
    return FALSE;

  if (!value->is_number && (value->text == NULL || value->text[0] == '\0'))
    return FALSE;

  if (rule->equals != NULL &&
      (value->is_number || g_strcmp0 (rule->equals, value->text) != 0))
    return FALSE;

  if (rule->has_min || rule->has_max)
    {
      if (!value->is_number || isnan (value->number))
        return FALSE;
      if (rule->has_min && value->number < rule->min)
        return FALSE;
      if (rule->has_max && value->number > rule->max)
        return FALSE;
    }

  return TRUE;
}

static double
positive_total (const CrFit *fit)
{
  double total = 0.0;

  for (guint i = 0; i < fit->reasons->len; i++)
    {
      const CrReason *reason = g_ptr_array_index (fit->reasons, i);

      if (reason->weight > 0)
        total += reason->weight;
    }

  return total;
}

static void
apply_rules (CrRecommendation *rec,
             CrTemplate       *template,
             GHashTable       *context)
{
  double largest = 0.0;

  for (guint r = 0; r < cr_template_get_n_rules (template); r++)
    {
      const CrRule *rule = cr_template_get_rule (template, r);

      if (!rule_matches (rule, context))
        continue;
      g_ptr_array_add (rec->rules, (gpointer) rule);

      for (guint i = 0; i < rule->option_ids->len; i++)
        {
          int o = cr_template_option_index (template, g_ptr_array_index (rule->option_ids, i));
          double weight = g_array_index (rule->weights, double, i);
          CrFit *fit;

          /* The template loader refuses unknown options; this only guards. */
          if (o < 0)
            continue;

          fit = g_ptr_array_index (rec->fits, o);
          fit->fit += weight;
          g_ptr_array_add (fit->reasons, cr_reason_new (CR_REASON_RULE, rule->reason, rule->context, weight));
        }
    }

  for (guint o = 0; o < rec->fits->len; o++)
    {
      CrFit *fit = g_ptr_array_index (rec->fits, o);

      reasons_sort (fit->reasons);
      largest = MAX (largest, fabs (fit->fit));
    }

  /* Relative to the strongest, so +7 against +6 is nearly a tie and +7
   * against +2 is not, whatever the template's scale of weights. */
  for (guint o = 0; o < rec->fits->len; o++)
    {
      CrFit *fit = g_ptr_array_index (rec->fits, o);

      fit->context_strength = largest > 0 ? fit->fit / largest : 0.0;
    }
}

static gboolean
any_rule_bears (const CrRecommendation *rec)
{
  for (guint o = 0; o < rec->fits->len; o++)
    if (((const CrFit *)g_ptr_array_index (rec->fits, o))->reasons->len > 0)
      return TRUE;
  return FALSE;
}

/* The option the rules alone favour: a single best fit above zero, else -1. */
static int
context_top (const CrRecommendation *rec)
{
  int top = -1;
  double best = 0.0;
  gboolean tie = FALSE;

  for (guint o = 0; o < rec->fits->len; o++)
    {
      double fit = ((const CrFit *)g_ptr_array_index (rec->fits, o))->fit;

      if (fit > best)
        {
          best = fit;
          top = (int)o;
          tie = FALSE;
        }
      else if (fit == best && top >= 0)
        tie = TRUE;
    }
  return tie ? -1 : top;
}

/* ---- The room's judgment ---------------------------------------------------- */

/* The latest revealed tally of @question_id among @tallies, or NULL: a
 * hidden vote must never show through the recommendation. */
static const CrTally *
latest_revealed (GPtrArray  *tallies,
                 const char *question_id)
{
  const CrTally *latest = NULL;

  for (guint i = 0; tallies != NULL && i < tallies->len; i++)
    {
      const CrTally *tally = g_ptr_array_index (tallies, i);

      if (!tally->revealed || g_strcmp0 (tally->question->id, question_id) != 0)
        continue;
      if (latest == NULL || tally->round_number > latest->round_number)
        latest = tally;
    }
  return latest;
}

/* What a revealed round says per option, or NULL when nobody voted. */
static CrRoomJudgment *
judge (const CrTally *tally,
       CrRoomMeaning  means,
       double         weight,
       guint          n_options)
{
  const CrQuestion *question = tally->question;
  CrRoomJudgment *judgment;
  double span = question->scale_max - question->scale_min;
  double best = -INFINITY;
  gboolean any = FALSE, tie = FALSE;

  if (tally->n_options != n_options)
    return NULL;

  judgment = g_new0 (CrRoomJudgment, 1);
  judgment->question = question;
  judgment->means = means;
  judgment->weight = weight;
  judgment->round = tally->round_number;
  judgment->scores = question->method == CR_METHOD_SCORE;
  judgment->values = g_new0 (double, n_options);
  judgment->strengths = g_new0 (double, n_options);
  judgment->top = -1;

  for (guint o = 0; o < n_options; o++)
    {
      const CrOptionTally *option = &tally->options[o];
      double value;

      if (judgment->scores)
        {
          value = option->overall;
          judgment->strengths[o] = (isnan (value) || span <= 0)
            ? 0.0 : CLAMP ((value - question->scale_min) / span, 0.0, 1.0);
        }
      else
        {
          value = tally->total > 0 ? option->share : NAN;
          judgment->strengths[o] = isnan (value) ? 0.0 : value;
        }
      judgment->values[o] = value;

      if (isnan (value))
        continue;
      any = TRUE;
      if (value > best)
        {
          best = value;
          judgment->top = (int)o;
          tie = FALSE;
        }
      else if (value == best)
        tie = TRUE;
    }

  if (!any)
    {
      room_judgment_free (judgment);
      return NULL;
    }
  if (tie)
    judgment->top = -1;
  return judgment;
}

static int
compare_judgments (gconstpointer a,
                   gconstpointer b)
{
  const CrRoomJudgment *ja = *(const CrRoomJudgment * const *)a;
  const CrRoomJudgment *jb = *(const CrRoomJudgment * const *)b;

  return (int)ja->means - (int)jb->means;
}

/* Each room vote the template names, and, for ordered options, the aim's
 * question as the target: today, target, fit. */
static void
gather_room (CrRecommendation *rec,
             CrTemplate       *template,
             GPtrArray        *tallies)
{
  const CrAimRule *aim = cr_template_get_aim (template);
  guint n_options = rec->fits->len;

  for (guint i = 0; i < cr_template_get_n_room_votes (template); i++)
    {
      const CrRoomVote *vote = cr_template_get_room_vote (template, i);
      const CrTally *tally = latest_revealed (tallies, vote->question);
      CrRoomJudgment *judgment = tally != NULL ? judge (tally, vote->means, vote->weight, n_options) : NULL;

      if (judgment != NULL)
        g_ptr_array_add (rec->room, judgment);
    }

  if (cr_template_is_ordered (template) && aim != NULL && aim->question != NULL)
    {
      const CrTally *tally = latest_revealed (tallies, aim->question);
      CrRoomJudgment *judgment = tally != NULL ? judge (tally, CR_ROOM_TARGET, aim->vote_weight, n_options) : NULL;

      if (judgment != NULL)
        g_ptr_array_add (rec->room, judgment);
    }

  g_ptr_array_sort (rec->room, compare_judgments);
  if (rec->room->len == 0)
    rec->basis = CR_BASIS_CONTEXT;
  else
    rec->basis = rec->context_answered ? CR_BASIS_CONTEXT_AND_ROOM : CR_BASIS_ROOM;
}

/* Whether any field of @context has an answer: a number, or text that is
 * not empty. */
static gboolean
context_is_answered (GHashTable *context)
{
  GHashTableIter iter;
  const CrContextValue *value;

  if (context == NULL)
    return FALSE;

  g_hash_table_iter_init (&iter, context);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *)&value))
    {
      if (value == NULL)
        continue;
      if (value->is_number ? !isnan (value->number) : (value->text != NULL && value->text[0] != '\0'))
        return TRUE;
    }
  return FALSE;
}

const char *
cr_recommend_describe_basis (const CrRecommendation *rec)
{
  switch (rec->basis)
    {
    case CR_BASIS_CONTEXT:
      return _("Based on your context alone: no round of the room's votes has been revealed yet.");
    case CR_BASIS_ROOM:
      return _("Based on the room's revealed votes alone: the context has not been filled in.");
    case CR_BASIS_CONTEXT_AND_ROOM:
    default:
      return _("Based on your context and the room's revealed votes, each with the weight the template gives it.");
    }
}

const char *
cr_recommend_describe_no_rules (const CrRecommendation *rec)
{
  if (rec->rules->len > 0)
    return NULL;
  /* An empty context matches nothing: that is not the template's doing. */
  if (!rec->context_answered)
    return _("The context has not been filled in, so no rule of the template applies yet.");
  return _("No rule of the template matched the context.");
}

/* As the charts print it, so a reason quotes the figure the room sees. */
static char *
format_mean (double mean)
{
  return cr_chart_format_mean (mean);
}

/* "43 %", "<1 %", ">99 %": as the charts print a share, by one rule. */
static char *
format_share (double share)
{
  return cr_chart_format_share (share);
}

/* Whether a room judgment weighs on the choice: for ordered options the
 * target weighs on the aim, not on where to start. */
static gboolean
weighs_on_choice (const CrRecommendation *rec,
                  const CrRoomJudgment   *judgment)
{
  return !(cr_template_is_ordered (rec->template) && judgment->means == CR_ROOM_TARGET);
}

/* What the room said of option @o, as the reason it weighed. */
static char *
room_reason_text (const CrRoomJudgment *j,
                  guint                 o)
{
  double value = j->values[o];
  int scale_max = j->question->scale_max;
  g_autofree char *mean = NULL;
  g_autofree char *share = j->scores ? NULL : format_share (value);

  if (!j->scores)
    switch (j->means)
      {
      case CR_ROOM_TODAY:
        /* Translators: %s is a share of the room's votes, e.g. "80 %" or "<1 %" */
        return g_strdup_printf (_("%s of the room say this is how you work today"), share);
      case CR_ROOM_TARGET:
        if (j->question->method == CR_METHOD_DOTS)
          /* Translators: %s is a share of the room's dots, e.g. "60 %" or "<1 %" */
          return g_strdup_printf (_("The room put %s of its target dots here"), share);
        /* Translators: %s is a share of the room's votes, e.g. "60 %" or "<1 %" */
        return g_strdup_printf (_("The room gave it %s of the target votes"), share);
      case CR_ROOM_FIT:
      default:
        /* Translators: %s is a share of the room's votes, e.g. "60 %" or "<1 %" */
        return g_strdup_printf (_("%s of the room's fit votes went here"), share);
      }

  if (isnan (value))
    return g_strdup (_("Nobody in the room scored it"));

  mean = format_mean (value);
  switch (j->means)
    {
    case CR_ROOM_TODAY:
      /* Translators: e.g. "The room rates where you stand today at 6.5 of 10" */
      return g_strdup_printf (_("The room rates where you stand today at %s of %d"), mean, scale_max);
    case CR_ROOM_TARGET:
      /* Translators: e.g. "The room's ambition for it: 8.0 of 10" */
      return g_strdup_printf (_("The room's ambition for it: %s of %d"), mean, scale_max);
    case CR_ROOM_FIT:
    default:
      if (j->top == (int)o)
        /* Translators: e.g. "The room's fit scores put it highest: 3.6 of 5" */
        return g_strdup_printf (_("The room's fit scores put it highest: %s of %d"), mean, scale_max);
      /* Translators: e.g. "The room's fit scores give it 3.0 of 5" */
      return g_strdup_printf (_("The room's fit scores give it %s of %d"), mean, scale_max);
    }
}

/* ---- Choosing ----------------------------------------------------------------- */

static void
compute_scores (CrRecommendation *rec)
{
  double context_weight = cr_template_get_context_weight (rec->template);

  for (guint o = 0; o < rec->fits->len; o++)
    {
      CrFit *fit = g_ptr_array_index (rec->fits, o);

      fit->score = context_weight * fit->context_strength;
      for (guint i = 0; i < rec->room->len; i++)
        {
          const CrRoomJudgment *j = g_ptr_array_index (rec->room, i);

          if (weighs_on_choice (rec, j))
            fit->score += j->weight * j->strengths[o];
        }
    }
}

/* The best score; ties go to the better fit with your context, then to the
 * larger sum of favourable rules, then to the earlier option. */
static guint
best_by_score (const CrRecommendation *rec)
{
  const CrFit *best = NULL;
  guint index = 0;

  for (guint o = 0; o < rec->fits->len; o++)
    {
      const CrFit *fit = g_ptr_array_index (rec->fits, o);

      if (best == NULL ||
          fit->score > best->score ||
          (fit->score == best->score &&
           (fit->fit > best->fit ||
            (fit->fit == best->fit && positive_total (fit) > positive_total (best)))))
        {
          best = fit;
          index = o;
        }
    }
  return index;
}

/* Why @o was chosen: the fit with your context and each of the room's
 * votes, each with the weight it added. */
static void
add_choice_reasons (CrRecommendation *rec,
                    GPtrArray        *reasons,
                    guint             o)
{
  const CrFit *fit = g_ptr_array_index (rec->fits, o);
  double context_weight = cr_template_get_context_weight (rec->template);

  if (any_rule_bears (rec) && context_weight > 0)
    {
      g_autofree char *value = cr_recommend_format_weight (fit->fit);
      g_autofree char *text = NULL;
      const CrFit *best = fit;

      for (guint k = 0; k < rec->fits->len; k++)
        if (((const CrFit *)g_ptr_array_index (rec->fits, k))->fit > best->fit)
          best = g_ptr_array_index (rec->fits, k);

      if (best == fit)
        /* Translators: %s is a weight such as "+7" */
        text = g_strdup_printf (_("Best fit with your context: %s"), value);
      else
        {
          g_autofree char *best_value = cr_recommend_format_weight (best->fit);

          /* Translators: e.g. "Fit with your context: +4 (Productised HR as a Service has +7)" */
          text = g_strdup_printf (_("Fit with your context: %s (%s has %s)"),
                                  value, best->option->title, best_value);
        }
      g_ptr_array_add (reasons, cr_reason_new (CR_REASON_CONTEXT, text, NULL,
                                               context_weight * fit->context_strength));
    }

  for (guint i = 0; i < rec->room->len; i++)
    {
      const CrRoomJudgment *j = g_ptr_array_index (rec->room, i);
      g_autofree char *text = NULL;
      CrReason *reason;

      if (!weighs_on_choice (rec, j) || j->weight <= 0)
        continue;
      text = room_reason_text (j, o);
      reason = cr_reason_new (CR_REASON_ROOM, text, NULL, j->weight * j->strengths[o]);
      reason->question = j->question->id;
      g_ptr_array_add (reasons, reason);
    }

  reasons_sort (reasons);
}

static gboolean
anything_points (const CrRecommendation *rec)
{
  if (any_rule_bears (rec))
    return TRUE;
  for (guint i = 0; i < rec->room->len; i++)
    if (weighs_on_choice (rec, g_ptr_array_index (rec->room, i)))
      return TRUE;
  return FALSE;
}

static void
choose_start (CrRecommendation *rec,
              guint            *start)
{
  if (!anything_points (rec))
    {
      *start = 0;
      rec->start_with = ((const CrFit *)g_ptr_array_index (rec->fits, 0))->option->id;
      g_ptr_array_add (rec->start_reasons,
                       cr_reason_new (CR_REASON_NOTE,
                                      _("No context answer points anywhere yet, so the earliest stage comes first"),
                                      NULL, 0.0));
      return;
    }

  *start = best_by_score (rec);
  rec->start_with = ((const CrFit *)g_ptr_array_index (rec->fits, *start))->option->id;
  add_choice_reasons (rec, rec->start_reasons, *start);
}

/* Each option's share of the room's target vote, 0..1, summing to 1 when
 * anybody voted. Scores count as their place on the scale, so a room that
 * rates every option 1 out of 5 pulls nowhere. */
static void
target_shares (const CrRoomJudgment *target,
               double               *shares,
               guint                 n_options)
{
  double sum = 0.0;

  for (guint o = 0; o < n_options; o++)
    sum += target->strengths[o];
  for (guint o = 0; o < n_options; o++)
    shares[o] = sum > 0 ? target->strengths[o] / sum : 0.0;
}

static char *
aim_vote_text (const CrRoomJudgment *target,
               double                value)
{
  g_autofree char *share = format_share (value);

  if (target->scores)
    /* Translators: %s is a share of the room's target scores, e.g. "60 %" or "<1 %" */
    return g_strdup_printf (_("It drew %s of the room's target scores"), share);
  if (target->question->method == CR_METHOD_DOTS)
    return g_strdup_printf (_("The room put %s of its target dots here"), share);
  return g_strdup_printf (_("The room gave it %s of the target votes"), share);
}

static void
choose_aim (CrRecommendation *rec,
            CrTemplate       *template,
            guint             start)
{
  const CrAimRule *aim = cr_template_get_aim (template);
  const CrRoomJudgment *target = cr_recommendation_find_room (rec, CR_ROOM_TARGET);
  guint n_options = rec->fits->len;
  guint last = n_options - 1;
  double destination_weight = aim != NULL ? aim->destination_weight : 0.0;
  double vote_weight = aim != NULL ? aim->vote_weight : 0.0;
  g_autofree double *shares = g_new0 (double, n_options);
  double best_score = -INFINITY;
  guint best = start;

  if (target != NULL)
    target_shares (target, shares, n_options);

  for (guint o = start; o < n_options; o++)
    {
      double score = (o == last ? destination_weight : 0.0) + vote_weight * shares[o];

      /* >=: ties go to the later stage. */
      if (score >= best_score)
        {
          best_score = score;
          best = o;
        }
    }

  rec->aim_for = ((const CrFit *)g_ptr_array_index (rec->fits, best))->option->id;

  if (best == last && destination_weight != 0)
    g_ptr_array_add (rec->aim_reasons,
                     cr_reason_new (CR_REASON_DESTINATION, _("The long-term destination of the stages"),
                                    NULL, destination_weight));

  if (target != NULL && vote_weight != 0 && shares[best] > 0)
    {
      g_autofree char *text = aim_vote_text (target, shares[best]);
      CrReason *reason = cr_reason_new (CR_REASON_ROOM, text, NULL, vote_weight * shares[best]);

      reason->question = target->question->id;
      g_ptr_array_add (rec->aim_reasons, reason);
    }

  if (rec->aim_reasons->len == 0)
    {
      if (best == last)
        g_ptr_array_add (rec->aim_reasons,
                         cr_reason_new (CR_REASON_NOTE, _("The long-term destination of the stages"), NULL, 0.0));
      else
        g_ptr_array_add (rec->aim_reasons,
                         cr_reason_new (CR_REASON_NOTE, _("No later stage draws more than where you start"),
                                        NULL, 0.0));
    }

  reasons_sort (rec->aim_reasons);
}

static void
choose_points_to (CrRecommendation *rec)
{
  guint best;

  if (!anything_points (rec))
    return;
  best = best_by_score (rec);
  rec->points_to = ((const CrFit *)g_ptr_array_index (rec->fits, best))->option->id;
  add_choice_reasons (rec, rec->points_reasons, best);
}

/* ---- Where the context and the room disagree -------------------------------- */

static char *
disagreement_text (const CrRoomJudgment *j,
                   const CrOption       *context,
                   const CrOption       *room)
{
  double value = j->values[j->top];
  g_autofree char *mean = j->scores ? format_mean (value) : NULL;
  g_autofree char *share = j->scores ? NULL : format_share (value);
  int scale_max = j->question->scale_max;

  switch (j->means)
    {
    case CR_ROOM_TODAY:
      if (j->scores)
        /* Translators: e.g. "Your context points to A; the room rates B highest today (6.5 of 10)." */
        return g_strdup_printf (_("Your context points to %s; the room rates %s highest today (%s of %d)."),
                                context->title, room->title, mean, scale_max);
      /* Translators: e.g. "Your context points to A; 80 % of the room say you work today as B." */
      return g_strdup_printf (_("Your context points to %s; %s of the room say you work today as %s."),
                              context->title, share, room->title);
    case CR_ROOM_TARGET:
      if (j->scores)
        /* Translators: e.g. "Your context points to A; the room's ambition is highest for B (8.0 of 10)." */
        return g_strdup_printf (_("Your context points to %s; the room's ambition is highest for %s (%s of %d)."),
                                context->title, room->title, mean, scale_max);
      /* Translators: e.g. "Your context points to A; the room wants to move most towards B (60 %)." */
      return g_strdup_printf (_("Your context points to %s; the room wants to move most towards %s (%s)."),
                              context->title, room->title, share);
    case CR_ROOM_FIT:
    default:
      if (j->scores)
        /* Translators: e.g. "Your context points to A; the room scored B highest (3.6 of 5)." */
        return g_strdup_printf (_("Your context points to %s; the room scored %s highest (%s of %d)."),
                                context->title, room->title, mean, scale_max);
      /* Translators: e.g. "Your context points to A; the room's fit votes went most to B (60 %)." */
      return g_strdup_printf (_("Your context points to %s; the room's fit votes went most to %s (%s)."),
                              context->title, room->title, share);
    }
}

static void
find_disagreements (CrRecommendation *rec)
{
  int top = context_top (rec);

  if (top < 0)
    return;

  for (guint i = 0; i < rec->room->len; i++)
    {
      const CrRoomJudgment *j = g_ptr_array_index (rec->room, i);
      CrDisagreement *d;

      /* An ordered template aims past where it starts on purpose. */
      if (j->top < 0 || j->top == top || !weighs_on_choice (rec, j))
        continue;

      d = g_new0 (CrDisagreement, 1);
      d->means = j->means;
      d->context_option = ((const CrFit *)g_ptr_array_index (rec->fits, top))->option;
      d->room_option = ((const CrFit *)g_ptr_array_index (rec->fits, j->top))->option;
      d->text = disagreement_text (j, d->context_option, d->room_option);
      g_ptr_array_add (rec->disagreements, d);
    }
}

/* ---- Entry points -------------------------------------------------------------- */

/**
 * cr_recommend:
 * @template: the workshop's template
 * @context: (nullable): context field id -> #CrContextValue
 * @tallies: (nullable) (element-type CrTally): tallies of the workshop's rounds
 *
 * Applies @template's rules to @context (the fit with your context, per
 * option, with its reasons), weighs it with the room's revealed votes the
 * template names, and says where the two disagree. For ordered templates it
 * says where to start and what to aim for; for unordered ones which option
 * the context and the room point to.
 *
 * Returns: (transfer full): the recommendation
 */
CrRecommendation *
cr_recommend (CrTemplate *template,
              GHashTable *context,
              GPtrArray  *tallies)
{
  g_autoptr(CrRecommendation) rec = NULL;
  guint n_options;

  g_return_val_if_fail (CR_IS_TEMPLATE (template), NULL);

  n_options = cr_template_get_n_options (template);

  rec = g_new0 (CrRecommendation, 1);
  rec->template = g_object_ref (template);
  rec->fits = g_ptr_array_new_with_free_func ((GDestroyNotify)cr_fit_free);
  rec->rules = g_ptr_array_new ();
  rec->room = g_ptr_array_new_with_free_func ((GDestroyNotify)room_judgment_free);
  rec->start_reasons = reasons_new ();
  rec->aim_reasons = reasons_new ();
  rec->points_reasons = reasons_new ();
  rec->disagreements = g_ptr_array_new_with_free_func ((GDestroyNotify)disagreement_free);

  for (guint o = 0; o < n_options; o++)
    {
      CrFit *fit = g_new0 (CrFit, 1);

      fit->option = cr_template_get_option (template, o);
      fit->reasons = reasons_new ();
      g_ptr_array_add (rec->fits, fit);
    }

  rec->context_answered = context_is_answered (context);
  apply_rules (rec, template, context);
  gather_room (rec, template, tallies);
  compute_scores (rec);

  if (n_options > 0 && cr_template_is_ordered (template))
    {
      guint start = 0;

      choose_start (rec, &start);
      choose_aim (rec, template, start);
    }
  else if (n_options > 0)
    choose_points_to (rec);

  find_disagreements (rec);
  return g_steal_pointer (&rec);
}

static void
add_latest (GPtrArray  *tallies,
            CrWorkshop *workshop,
            const char *question_id)
{
  CrTemplate *template = cr_workshop_get_template (workshop);
  CrRound *round;

  if (question_id == NULL || cr_template_find_question (template, question_id) == NULL)
    return;
  round = cr_workshop_find_latest_round (workshop, question_id, TRUE);
  if (round != NULL)
    g_ptr_array_add (tallies, cr_tally_compute (template, round));
}

/**
 * cr_recommend_workshop:
 * @workshop: a workshop
 *
 * cr_recommend() on @workshop's template and context, with the latest
 * revealed round of each question its recommendation weighs.
 *
 * Returns: (transfer full): the recommendation
 */
CrRecommendation *
cr_recommend_workshop (CrWorkshop *workshop)
{
  g_autoptr(GPtrArray) tallies = g_ptr_array_new_with_free_func ((GDestroyNotify)cr_tally_free);
  CrTemplate *template;
  const CrAimRule *aim;

  g_return_val_if_fail (CR_IS_WORKSHOP (workshop), NULL);

  template = cr_workshop_get_template (workshop);
  aim = cr_template_get_aim (template);

  if (aim != NULL)
    add_latest (tallies, workshop, aim->question);
  for (guint i = 0; i < cr_template_get_n_room_votes (template); i++)
    add_latest (tallies, workshop, cr_template_get_room_vote (template, i)->question);

  return cr_recommend (template, cr_workshop_get_context_table (workshop), tallies);
}

void
cr_recommendation_free (CrRecommendation *rec)
{
  if (rec == NULL)
    return;

  g_clear_pointer (&rec->fits, g_ptr_array_unref);
  g_clear_pointer (&rec->rules, g_ptr_array_unref);
  g_clear_pointer (&rec->room, g_ptr_array_unref);
  g_clear_pointer (&rec->start_reasons, g_ptr_array_unref);
  g_clear_pointer (&rec->aim_reasons, g_ptr_array_unref);
  g_clear_pointer (&rec->points_reasons, g_ptr_array_unref);
  g_clear_pointer (&rec->disagreements, g_ptr_array_unref);
  g_clear_object (&rec->template);
  g_free (rec);
}

const CrFit *
cr_recommendation_find_fit (const CrRecommendation *rec,
                            const char             *option_id)
{
  g_return_val_if_fail (rec != NULL, NULL);
  g_return_val_if_fail (option_id != NULL, NULL);

  for (guint o = 0; o < rec->fits->len; o++)
    {
      const CrFit *fit = g_ptr_array_index (rec->fits, o);

      if (g_strcmp0 (fit->option->id, option_id) == 0)
        return fit;
    }

  return NULL;
}

const CrRoomJudgment *
cr_recommendation_find_room (const CrRecommendation *rec,
                             CrRoomMeaning           means)
{
  g_return_val_if_fail (rec != NULL, NULL);

  for (guint i = 0; i < rec->room->len; i++)
    {
      const CrRoomJudgment *j = g_ptr_array_index (rec->room, i);

      if (j->means == means)
        return j;
    }
  return NULL;
}

/* ---- JSON ------------------------------------------------------------------------ */

static const char *
reason_kind_name (CrReasonKind kind)
{
  static const char * const names[] = { "rule", "context", "room", "destination", "note" };

  return names[kind];
}

static void
add_nullable_string (JsonBuilder *builder,
                     const char  *name,
                     const char  *value)
{
  json_builder_set_member_name (builder, name);
  if (value != NULL)
    json_builder_add_string_value (builder, value);
  else
    json_builder_add_null_value (builder);
}

static void
add_reasons (JsonBuilder *builder,
             const char  *name,
             GPtrArray   *reasons)
{
  json_builder_set_member_name (builder, name);
  json_builder_begin_array (builder);
  for (guint i = 0; i < reasons->len; i++)
    {
      const CrReason *reason = g_ptr_array_index (reasons, i);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "text");
      json_builder_add_string_value (builder, reason->text);
      add_nullable_string (builder, "context", reason->context);
      json_builder_set_member_name (builder, "weight");
      cr_tally_json_add_number (builder, reason->weight);
      json_builder_set_member_name (builder, "kind");
      json_builder_add_string_value (builder, reason_kind_name (reason->kind));
      add_nullable_string (builder, "question", reason->question);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
}

static void
add_room (JsonBuilder            *builder,
          const CrRecommendation *rec)
{
  json_builder_set_member_name (builder, "room");
  json_builder_begin_array (builder);
  for (guint i = 0; i < rec->room->len; i++)
    {
      const CrRoomJudgment *j = g_ptr_array_index (rec->room, i);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "question");
      json_builder_add_string_value (builder, j->question->id);
      json_builder_set_member_name (builder, "means");
      json_builder_add_string_value (builder, cr_room_meaning_to_string (j->means));
      json_builder_set_member_name (builder, "round");
      json_builder_add_int_value (builder, j->round);
      json_builder_set_member_name (builder, "weight");
      cr_tally_json_add_number (builder, j->weight);
      add_nullable_string (builder, "top",
                           j->top >= 0 ? ((const CrFit *)g_ptr_array_index (rec->fits, j->top))->option->id : NULL);
      json_builder_set_member_name (builder, "options");
      json_builder_begin_array (builder);
      for (guint o = 0; o < rec->fits->len; o++)
        {
          json_builder_begin_object (builder);
          json_builder_set_member_name (builder, "option");
          json_builder_add_string_value (builder, ((const CrFit *)g_ptr_array_index (rec->fits, o))->option->id);
          json_builder_set_member_name (builder, j->scores ? "mean" : "share");
          cr_tally_json_add_number (builder, j->values[o]);
          json_builder_set_member_name (builder, "strength");
          cr_tally_json_add_number (builder, j->strengths[o]);
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
}

/**
 * cr_recommendation_to_json:
 * @rec: a recommendation
 *
 * Returns: (transfer full): the "recommendation" object of the export's results
 */
/* The bundle's name for what the recommendation rests on. */
static const char *
basis_id (CrBasis basis)
{
  switch (basis)
    {
    case CR_BASIS_CONTEXT:
      return "context";
    case CR_BASIS_ROOM:
      return "room";
    case CR_BASIS_CONTEXT_AND_ROOM:
    default:
      return "context-and-room";
    }
}

JsonNode *
cr_recommendation_to_json (const CrRecommendation *rec)
{
  g_autoptr(JsonBuilder) builder = NULL;

  g_return_val_if_fail (rec != NULL, NULL);

  builder = json_builder_new ();
  json_builder_begin_object (builder);

  json_builder_set_member_name (builder, "basis");
  json_builder_add_string_value (builder, basis_id (rec->basis));

  /* "fit" is the fit with the context, as it always was. */
  json_builder_set_member_name (builder, "fit");
  json_builder_begin_array (builder);
  for (guint o = 0; o < rec->fits->len; o++)
    {
      const CrFit *fit = g_ptr_array_index (rec->fits, o);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "option");
      json_builder_add_string_value (builder, fit->option->id);
      json_builder_set_member_name (builder, "fit");
      cr_tally_json_add_number (builder, fit->fit);
      add_reasons (builder, "reasons", fit->reasons);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);

  json_builder_set_member_name (builder, "context_weight");
  cr_tally_json_add_number (builder, cr_template_get_context_weight (rec->template));
  add_room (builder, rec);

  json_builder_set_member_name (builder, "scores");
  json_builder_begin_array (builder);
  for (guint o = 0; o < rec->fits->len; o++)
    {
      const CrFit *fit = g_ptr_array_index (rec->fits, o);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "option");
      json_builder_add_string_value (builder, fit->option->id);
      json_builder_set_member_name (builder, "context_strength");
      cr_tally_json_add_number (builder, fit->context_strength);
      json_builder_set_member_name (builder, "score");
      cr_tally_json_add_number (builder, fit->score);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);

  add_nullable_string (builder, "start_with", rec->start_with);
  add_nullable_string (builder, "aim_for", rec->aim_for);
  add_reasons (builder, "start_reasons", rec->start_reasons);
  add_reasons (builder, "aim_reasons", rec->aim_reasons);
  add_nullable_string (builder, "points_to", rec->points_to);
  add_reasons (builder, "points_reasons", rec->points_reasons);

  json_builder_set_member_name (builder, "disagreements");
  json_builder_begin_array (builder);
  for (guint i = 0; i < rec->disagreements->len; i++)
    {
      const CrDisagreement *d = g_ptr_array_index (rec->disagreements, i);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "means");
      json_builder_add_string_value (builder, cr_room_meaning_to_string (d->means));
      json_builder_set_member_name (builder, "context_option");
      json_builder_add_string_value (builder, d->context_option->id);
      json_builder_set_member_name (builder, "room_option");
      json_builder_add_string_value (builder, d->room_option->id);
      json_builder_set_member_name (builder, "text");
      json_builder_add_string_value (builder, d->text);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);

  json_builder_end_object (builder);
  return json_builder_get_root (builder);
}
