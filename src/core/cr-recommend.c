/* cr-recommend.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "crossroads-recommend"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>

#include "cr-recommend.h"

static CrReason *
cr_reason_new (const char *text,
               const char *context,
               double      weight)
{
  CrReason *reason = g_new0 (CrReason, 1);

  reason->text = g_strdup (text);
  reason->context = g_strdup (context);
  reason->weight = weight;
  return reason;
}

static CrReason *
cr_reason_copy (const CrReason *reason)
{
  return cr_reason_new (reason->text, reason->context, reason->weight);
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

static GPtrArray *
reasons_new (void)
{
  return g_ptr_array_new_with_free_func ((GDestroyNotify)cr_reason_free);
}

/* Strongest |weight| first; an insertion sort, because equal weights must
 * keep the template's rule order and the array is short. */
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

/* Each option's share of the room's target vote, 0..1, summing to 1 when
 * anybody voted. Scores count as their place on the scale, so a room that
 * rates every option 1 out of 5 pulls nowhere. */
static void
target_shares (const CrTally *target,
               double        *shares,
               guint          n_options)
{
  const CrQuestion *question = target->question;
  double sum = 0.0;

  if (question->method != CR_METHOD_SCORE)
    {
      for (guint o = 0; o < n_options; o++)
        shares[o] = target->options[o].share;
      return;
    }

  for (guint o = 0; o < n_options; o++)
    {
      double overall = target->options[o].overall;
      double span = question->scale_max - question->scale_min;

      if (isnan (overall) || span <= 0)
        shares[o] = 0.0;
      else
        shares[o] = CLAMP ((overall - question->scale_min) / span, 0.0, 1.0);
      sum += shares[o];
    }

  for (guint o = 0; o < n_options; o++)
    shares[o] = sum > 0 ? shares[o] / sum : 0.0;
}

static char *
vote_reason_text (CrMethod method,
                  int      percent)
{
  switch (method)
    {
    case CR_METHOD_SINGLE:
      /* Translators: %d is a percentage of the room's votes; "%%" is the percent sign */
      return g_strdup_printf (_("The room gave it %d %% of the target votes"), percent);

    case CR_METHOD_DOTS:
      /* Translators: %d is a percentage of the room's dots; "%%" is the percent sign */
      return g_strdup_printf (_("The room put %d %% of its target dots here"), percent);

    case CR_METHOD_SCORE:
      /* Translators: %d is a percentage; "%%" is the percent sign */
      return g_strdup_printf (_("It drew %d %% of the room's target scores"), percent);

    default:
      g_assert_not_reached ();
    }
}

static void
choose_start (CrRecommendation *rec,
              guint            *start)
{
  const CrFit *best = NULL;
  gboolean any_reason = FALSE;

  for (guint o = 0; o < rec->fits->len; o++)
    {
      const CrFit *fit = g_ptr_array_index (rec->fits, o);

      any_reason |= fit->reasons->len > 0;

      /* Strictly better only: on a full tie the earlier stage stays. */
      if (best == NULL ||
          fit->fit > best->fit ||
          (fit->fit == best->fit && positive_total (fit) > positive_total (best)))
        {
          best = fit;
          *start = o;
        }
    }

  rec->start_with = best->option->id;

  if (!any_reason)
    {
      g_ptr_array_add (rec->start_reasons,
                       cr_reason_new (_("No context answer points anywhere yet, so the earliest stage comes first"),
                                      NULL, 0.0));
      return;
    }

  /* The weight carries the number; every format shows it beside the text. */
  g_ptr_array_add (rec->start_reasons,
                   cr_reason_new (_("Best fit with your context"), NULL, best->fit));

  /* Then what pushed it there, strongest first (already sorted). */
  for (guint i = 0; i < best->reasons->len; i++)
    {
      const CrReason *reason = g_ptr_array_index (best->reasons, i);

      if (reason->weight > 0)
        g_ptr_array_add (rec->start_reasons, cr_reason_copy (reason));
    }
}

static void
choose_aim (CrRecommendation *rec,
            CrTemplate       *template,
            const CrTally    *target,
            guint             start)
{
  const CrAimRule *aim = cr_template_get_aim (template);
  guint n_options = rec->fits->len;
  guint last = n_options - 1;
  double destination_weight = aim != NULL ? aim->destination_weight : 0.0;
  double vote_weight = aim != NULL ? aim->vote_weight : 0.0;
  g_autofree double *shares = g_new0 (double, n_options);
  double best_score = -INFINITY;
  guint best = start;

  /* Only a revealed round of the aim question may steer: a hidden vote must
   * not show through the recommendation. */
  if (target != NULL && target->revealed && aim != NULL && aim->question != NULL &&
      g_strcmp0 (target->question->id, aim->question) == 0 &&
      target->n_options == n_options)
    target_shares (target, shares, n_options);
  else
    target = NULL;

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
                     cr_reason_new (_("The long-term destination of the stages"),
                                    NULL, destination_weight));

  if (target != NULL && vote_weight != 0 && shares[best] > 0)
    {
      g_autofree char *text = vote_reason_text (target->question->method,
                                                (int)round (shares[best] * 100.0));

      g_ptr_array_add (rec->aim_reasons, cr_reason_new (text, NULL, vote_weight * shares[best]));
    }

  if (rec->aim_reasons->len == 0)
    {
      if (best == last)
        g_ptr_array_add (rec->aim_reasons,
                         cr_reason_new (_("The long-term destination of the stages"), NULL, 0.0));
      else
        g_ptr_array_add (rec->aim_reasons,
                         cr_reason_new (_("No later stage draws more than where you start"), NULL, 0.0));
    }

  reasons_sort (rec->aim_reasons);
}

/**
 * cr_recommend:
 * @template: the workshop's template
 * @context: (nullable): context field id -> #CrContextValue
 * @target: (nullable): the latest revealed tally of the template's aim question
 *
 * Applies @template's rules to @context: a fit per option with its reasons
 * and, for ordered templates, where to start and what to aim for.
 *
 * Returns: (transfer full): the recommendation
 */
CrRecommendation *
cr_recommend (CrTemplate    *template,
              GHashTable    *context,
              const CrTally *target)
{
  g_autoptr(CrRecommendation) rec = NULL;
  guint n_options;
  guint n_rules;

  g_return_val_if_fail (CR_IS_TEMPLATE (template), NULL);

  n_options = cr_template_get_n_options (template);
  n_rules = cr_template_get_n_rules (template);

  rec = g_new0 (CrRecommendation, 1);
  rec->template = g_object_ref (template);
  rec->fits = g_ptr_array_new_with_free_func ((GDestroyNotify)cr_fit_free);
  rec->start_reasons = reasons_new ();
  rec->aim_reasons = reasons_new ();

  for (guint o = 0; o < n_options; o++)
    {
      CrFit *fit = g_new0 (CrFit, 1);

      fit->option = cr_template_get_option (template, o);
      fit->reasons = reasons_new ();
      g_ptr_array_add (rec->fits, fit);
    }

  for (guint r = 0; r < n_rules; r++)
    {
      const CrRule *rule = cr_template_get_rule (template, r);

      if (!rule_matches (rule, context))
        continue;

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
          g_ptr_array_add (fit->reasons, cr_reason_new (rule->reason, rule->context, weight));
        }
    }

  for (guint o = 0; o < n_options; o++)
    reasons_sort (((CrFit *)g_ptr_array_index (rec->fits, o))->reasons);

  if (cr_template_is_ordered (template) && n_options > 0)
    {
      guint start = 0;

      choose_start (rec, &start);
      choose_aim (rec, template, target, start);
    }

  return g_steal_pointer (&rec);
}

/**
 * cr_recommend_workshop:
 * @workshop: a workshop
 *
 * cr_recommend() on @workshop's template and context, with the latest
 * revealed round of the template's aim question as the target.
 *
 * Returns: (transfer full): the recommendation
 */
CrRecommendation *
cr_recommend_workshop (CrWorkshop *workshop)
{
  g_autoptr(CrTally) target = NULL;
  CrTemplate *template;
  const CrAimRule *aim;

  g_return_val_if_fail (CR_IS_WORKSHOP (workshop), NULL);

  template = cr_workshop_get_template (workshop);
  aim = cr_template_get_aim (template);

  if (aim != NULL && aim->question != NULL &&
      cr_template_find_question (template, aim->question) != NULL)
    {
      CrRound *round = cr_workshop_find_latest_round (workshop, aim->question, TRUE);

      if (round != NULL)
        target = cr_tally_compute (template, round);
    }

  return cr_recommend (template, cr_workshop_get_context_table (workshop), target);
}

void
cr_recommendation_free (CrRecommendation *rec)
{
  if (rec == NULL)
    return;

  g_clear_pointer (&rec->fits, g_ptr_array_unref);
  g_clear_pointer (&rec->start_reasons, g_ptr_array_unref);
  g_clear_pointer (&rec->aim_reasons, g_ptr_array_unref);
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
      json_builder_set_member_name (builder, "context");
      if (reason->context != NULL)
        json_builder_add_string_value (builder, reason->context);
      else
        json_builder_add_null_value (builder);
      json_builder_set_member_name (builder, "weight");
      cr_tally_json_add_number (builder, reason->weight);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
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

/**
 * cr_recommendation_to_json:
 * @rec: a recommendation
 *
 * Returns: (transfer full): the "recommendation" object of the export's results
 */
JsonNode *
cr_recommendation_to_json (const CrRecommendation *rec)
{
  g_autoptr(JsonBuilder) builder = NULL;

  g_return_val_if_fail (rec != NULL, NULL);

  builder = json_builder_new ();
  json_builder_begin_object (builder);

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

  add_nullable_string (builder, "start_with", rec->start_with);
  add_nullable_string (builder, "aim_for", rec->aim_for);
  add_reasons (builder, "start_reasons", rec->start_reasons);
  add_reasons (builder, "aim_reasons", rec->aim_reasons);

  json_builder_end_object (builder);
  return json_builder_get_root (builder);
}
