/* cr-document-compare.c: the document of what moved between two workshops
 *
 * The whole of crossroads --compare, and the "Since Last Time" section of a
 * re-run's summary (cr-document-build.c), from one CrComparison.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "crossroads-export"

#include "config.h"

#include "cr-document-private.h"

#include <glib/gi18n-lib.h>
#include <math.h>

#include "cr-compare.h"
#include "cr-recommend.h"

static GPtrArray *
compare_value (const CrCompareContext *c,
               gboolean                after)
{
  const char *text = cr_comparison_context_text (c, after, NULL);

  /* Not asked, or not answered: in our words. Context answers are typed,
   * or a template's choice labels. */
  if (!(after ? c->asked_after : c->asked_before))
    return cr_rich_plain (text);
  return text != NULL ? cr_rich_typed (text) : cr_rich_plain (_("Not answered"));
}

/* A column for each workshop, headed by its date; figures right-aligned. */
static void
compare_side_columns (CrBlock            *table,
                      const CrComparison *cmp,
                      gboolean            figures)
{
  cr_table_column (table, cr_comparison_side_label (cmp, FALSE), TRUE, figures);
  cr_table_column (table, cr_comparison_side_label (cmp, TRUE), TRUE, figures);
}

static void
build_compare_context (CrDocument         *doc,
                       const CrComparison *cmp)
{
  CrBlock *table;

  cr_document_heading (doc, 3, cr_rich_plain (_("Context")));
  if (cmp->context->len == 0)
    {
      cr_document_aside (doc, cr_rich_plain (_("The context did not change.")));
      return;
    }
  table = cr_document_table (doc);
  cr_table_column (table, _("Context"), FALSE, FALSE);
  compare_side_columns (table, cmp, FALSE);
  for (guint i = 0; i < cmp->context->len; i++)
    {
      const CrCompareContext *c = g_ptr_array_index (cmp->context, i);
      GPtrArray *row = cr_table_row (table);

      g_ptr_array_add (row, cr_rich_typed (c->label));
      g_ptr_array_add (row, compare_value (c, FALSE));
      g_ptr_array_add (row, compare_value (c, TRUE));
    }
}

/* A side's figure, or what stands for it where nobody voted there
 * (@empty, "no votes on 2025-10-08"). */
static GPtrArray *
compare_figure (double      value,
                gboolean    scores,
                const char *empty)
{
  return cr_rich_plain_take (empty != NULL ? g_strdup (empty) : cr_comparison_format_value (value, scores));
}

/* @before_empty, @after_empty: see compare_figure(); with either there is
 * no change to print, not even "—". */
static void
compare_row (CrBlock    *table,
             const char *option,
             const char *criterion,
             double      before,
             double      after,
             gboolean    scores,
             const char *before_empty,
             const char *after_empty)
{
  GPtrArray *row = cr_table_row (table);

  g_ptr_array_add (row, cr_rich_typed (option));
  if (criterion != NULL)
    g_ptr_array_add (row, cr_rich_typed (criterion));
  g_ptr_array_add (row, compare_figure (before, scores, before_empty));
  g_ptr_array_add (row, compare_figure (after, scores, after_empty));
  g_ptr_array_add (row, cr_rich_plain_take (before_empty != NULL || after_empty != NULL
                                            ? g_strdup ("")
                                            : cr_comparison_format_change (before, after, scores)));
}

/* Said in words under the chart, as the reports say it of a round. */
static void
compare_say_nobody_voted (CrDocument         *doc,
                          const CrComparison *cmp,
                          gboolean            after)
{
  /* Translators: under a change between two workshops, when nobody voted in one of them, e.g. "Nobody voted on 2025-10-08." */
  cr_document_paragraph (doc, cr_rich_plain_take (g_strdup_printf (_("Nobody voted on %s."),
                                                                   cr_comparison_side_label (cmp, after))));
}

static void
build_compare_question (CrDocument              *doc,
                        const CrComparison      *cmp,
                        const CrCompareQuestion *q)
{
  gboolean criteria = q->scores && q->question->criteria->len > 0;
  g_autofree char *missing = cr_comparison_describe_missing (cmp, q);
  g_autofree char *before_empty = NULL;
  g_autofree char *after_empty = NULL;
  CrBlock *table;

  cr_document_heading (doc, 3, cr_rich_typed (q->question->prompt));
  /* Voted on one side only: nothing to set side by side. */
  if (missing != NULL)
    {
      cr_document_aside (doc, cr_rich_plain_take (g_steal_pointer (&missing)));
      return;
    }
  cr_document_chart (doc, CR_BLOCK_CHART_CHANGE, cr_comparison_new_tally (cmp, q, FALSE),
             cr_comparison_new_tally (cmp, q, TRUE), NULL);
  before_empty = cr_comparison_no_votes (q, FALSE);
  after_empty = cr_comparison_no_votes (q, TRUE);
  if (before_empty != NULL || after_empty != NULL)
    compare_say_nobody_voted (doc, cmp, after_empty != NULL);

  table = cr_document_table (doc);
  cr_table_column (table, _("Option"), FALSE, FALSE);
  if (criteria)
    cr_table_column (table, _("Criterion"), FALSE, FALSE);
  compare_side_columns (table, cmp, TRUE);
  /* The change says its unit ("+22 pts"), as the chart does. */
  cr_table_column (table, _("Change"), FALSE, TRUE);
  for (guint o = 0; o < q->n_options; o++)
    {
      const CrCompareOption *option = &q->options[o];

      compare_row (table, option->option->title, criteria ? _("Overall") : NULL,
                   option->before, option->after, q->scores, before_empty, after_empty);
      if (!criteria)
        continue;
      for (guint c = 0; c < option->n_criteria; c++)
        compare_row (table, option->option->title,
                     ((const CrCriterion *) g_ptr_array_index (q->question->criteria, c))->label,
                     option->criteria_before[c], option->criteria_after[c], TRUE, before_empty, after_empty);
    }
}

/* Where the room stood, in the gap chart's own figures. */
static char *
compare_gap_side (const CrGap *gap,
                  double       value,
                  double       spread,
                  const char  *empty)
{
  if (empty != NULL)
    return g_strdup (empty);
  if (gap->scores && !isnan (value))
    return _cr_document_format_mean_spread (value, spread, 1);
  return cr_comparison_format_value (value, gap->scores);
}

static void
build_compare_gap (CrDocument         *doc,
                   const CrComparison *cmp)
{
  const CrGap *before = cmp->gap_before, *after = cmp->gap_after;
  g_autofree char *missing = cr_comparison_describe_gap_missing (cmp);
  char *empty[2][2];
  CrBlock *table;

  if (before == NULL || after == NULL || after->current_question == NULL)
    return;
  cr_document_heading (doc, 3, cr_rich_plain (_("Today and the target")));
  if (missing != NULL)
    {
      cr_document_aside (doc, cr_rich_plain_take (g_steal_pointer (&missing)));
      return;
    }
  table = cr_document_table (doc);
  cr_table_column (table, _("Option"), FALSE, FALSE);
  /* Translators: a column, e.g. "Today, 2025-03-12"; %s names a workshop by its date */
  cr_table_column_take (table, g_strdup_printf (_("Today, %s"), cmp->label_before));
  /* Translators: a column, e.g. "Target, 2025-03-12"; %s names a workshop by its date */
  cr_table_column_take (table, g_strdup_printf (_("Target, %s"), cmp->label_before));
  cr_table_column_take (table, g_strdup_printf (_("Today, %s"), cmp->label_after));
  cr_table_column_take (table, g_strdup_printf (_("Target, %s"), cmp->label_after));
  /* [side][today, target]: what stands for a side nobody voted on. */
  for (guint side = 0; side < 2; side++)
    for (guint t = 0; t < 2; t++)
      empty[side][t] = cr_comparison_gap_no_votes (cmp, side == 1, t == 1);
  for (guint o = 0; o < after->n_options && o < before->n_options; o++)
    {
      GPtrArray *row = cr_table_row (table);

      g_ptr_array_add (row, cr_rich_typed (after->options[o].option->title));
      g_ptr_array_add (row, cr_rich_plain_take (compare_gap_side (before, before->options[o].current, before->options[o].current_spread,
                                                                  empty[0][0])));
      g_ptr_array_add (row, cr_rich_plain_take (compare_gap_side (before, before->options[o].target, before->options[o].target_spread,
                                                                  empty[0][1])));
      g_ptr_array_add (row, cr_rich_plain_take (compare_gap_side (after, after->options[o].current, after->options[o].current_spread,
                                                                  empty[1][0])));
      g_ptr_array_add (row, cr_rich_plain_take (compare_gap_side (after, after->options[o].target, after->options[o].target_spread,
                                                                  empty[1][1])));
    }
  for (guint side = 0; side < 2; side++)
    for (guint t = 0; t < 2; t++)
      g_free (empty[side][t]);
}

static void
add_rule_bullets (CrBlock    *list,
                  const char *what,
                  GPtrArray  *rules)
{
  for (guint i = 0; i < rules->len; i++)
    {
      const CrRule *rule = g_ptr_array_index (rules, i);
      GPtrArray *item = cr_rich_new ();

      cr_rich_add (item, CR_SPAN_BOLD, what);
      cr_rich_add (item, 0, " ");
      cr_rich_add (item, CR_SPAN_TYPED, rule->reason);
      cr_bullets_add (list, item);
    }
}

static GPtrArray *
compare_option_cell (CrWorkshop *workshop,
                     const char *option_id)
{
  if (option_id == NULL)
    return cr_rich_plain ("—");
  return cr_rich_typed (cr_document_option_title (cr_workshop_get_template (workshop), option_id));
}

static void
compare_choice_row (CrBlock    *table,
                    const char *label,
                    CrWorkshop *before,
                    const char *before_id,
                    CrWorkshop *after,
                    const char *after_id)
{
  GPtrArray *row = cr_table_row (table);

  g_ptr_array_add (row, cr_rich_plain (label));
  g_ptr_array_add (row, compare_option_cell (before, before_id));
  g_ptr_array_add (row, compare_option_cell (after, after_id));
}

static void
build_compare_recommendation (CrDocument         *doc,
                              const CrComparison *cmp)
{
  const CrRecommendation *b = cmp->rec_before, *a = cmp->rec_after;
  const CrDecision *db = cr_workshop_get_decision (cmp->before);
  const CrDecision *da = cr_workshop_get_decision (cmp->after);
  gboolean ordered = cr_comparison_has_start_and_aim (cmp);
  CrBlock *table, *list;

  cr_document_heading (doc, 3, cr_rich_plain (_("Recommendation")));
  table = cr_document_table (doc);
  cr_table_column (table, "", FALSE, FALSE);
  compare_side_columns (table, cmp, FALSE);
  if (ordered)
    {
      compare_choice_row (table, _("Start with"), cmp->before, b->start_with, cmp->after, a->start_with);
      compare_choice_row (table, _("Aim for"), cmp->before, b->aim_for, cmp->after, a->aim_for);
    }
  if (cr_comparison_has_points_to (cmp))
    /* Translators: a row of the comparison: the option the recommendation points to */
    compare_choice_row (table, _("Points to"), cmp->before, b->points_to, cmp->after, a->points_to);
  if (db != NULL || da != NULL)
    {
      /* Translators: a row of the comparison: what the room decided to start with */
      compare_choice_row (table, _("Decided: start with"), cmp->before, db != NULL ? db->start_with : NULL,
                          cmp->after, da != NULL ? da->start_with : NULL);
      if (ordered)
        /* Translators: a row of the comparison: what the room decided to aim for */
        compare_choice_row (table, _("Decided: aim for"), cmp->before, db != NULL ? db->aim_for : NULL,
                            cmp->after, da != NULL ? da->aim_for : NULL);
    }

  /* The later template's options, then those only the earlier one has. */
  table = cr_document_table (doc);
  cr_table_column (table, _("Option"), FALSE, FALSE);
  /* Translators: a column, e.g. "Fit, 2025-03-12"; %s names a workshop by its date */
  cr_table_column_take (table, g_strdup_printf (_("Fit, %s"), cmp->label_before));
  cr_table_column_take (table, g_strdup_printf (_("Fit, %s"), cmp->label_after));
  for (guint side = 0; side < 2; side++)
    for (guint o = 0; o < (side == 0 ? a : b)->fits->len; o++)
      {
        const CrFit *fit = g_ptr_array_index ((side == 0 ? a : b)->fits, o);
        const CrFit *then = side == 0 ? cr_recommendation_find_fit (b, fit->option->id) : fit;
        const CrFit *now = side == 0 ? fit : cr_recommendation_find_fit (a, fit->option->id);
        GPtrArray *row;

        if (side == 1 && now != NULL)
          continue;
        row = cr_table_row (table);
        g_ptr_array_add (row, cr_rich_typed (fit->option->title));
        g_ptr_array_add (row, cr_rich_plain_take (then != NULL ? cr_recommend_format_weight (then->fit) : g_strdup ("—")));
        g_ptr_array_add (row, cr_rich_plain_take (now != NULL ? cr_recommend_format_weight (now->fit) : g_strdup ("—")));
      }

  if (cmp->reasons_new->len == 0 && cmp->reasons_gone->len == 0)
    {
      cr_document_aside (doc, cr_rich_plain (_("The same reasons apply as last time.")));
      return;
    }
  list = cr_document_bullets (doc);
  /* Translators: before a reason of the recommendation that applies now and did not before */
  add_rule_bullets (list, _("New:"), cmp->reasons_new);
  /* Translators: before a reason of the recommendation that applied before and no longer does */
  add_rule_bullets (list, _("Gone:"), cmp->reasons_gone);
}

/* Every part of the comparison, under a heading of @level. */
void
_cr_document_add_comparison (CrDocument         *doc,
                             const CrComparison *cmp,
                             gboolean            with_actions)
{
  GPtrArray *text;

  /* What a reader must know first: two organisations, two templates,
   * rounds left out because they are still open. */
  for (guint i = 0; i < cmp->notes->len; i++)
    cr_document_paragraph (doc, cr_rich_plain (g_ptr_array_index (cmp->notes, i)));

  text = cr_rich_new ();
  cr_rich_add (text, CR_SPAN_BOLD, _("Compared:"));
  cr_rich_add (text, 0, " ");
  cr_rich_add (text, CR_SPAN_TYPED, cr_workshop_get_title (cmp->before));
  cr_rich_add_take (text, 0, g_strdup_printf (" (%s) → ", cr_workshop_get_date (cmp->before)));
  cr_rich_add (text, CR_SPAN_TYPED, cr_workshop_get_title (cmp->after));
  cr_rich_add_take (text, 0, g_strdup_printf (" (%s)", cr_workshop_get_date (cmp->after)));
  cr_document_paragraph (doc, text);

  build_compare_context (doc, cmp);
  for (guint i = 0; i < cmp->questions->len; i++)
    build_compare_question (doc, cmp, g_ptr_array_index (cmp->questions, i));
  build_compare_gap (doc, cmp);
  build_compare_recommendation (doc, cmp);

  if (!with_actions)
    return;
  cr_document_heading (doc, 3, cmp->actions_reviewed ? cr_rich_plain (_("Last Time’s Actions"))
                                             : cr_rich_plain (_("Actions of the earlier workshop")));
  if (g_list_model_get_n_items (cmp->actions) == 0)
    cr_document_aside (doc, cr_rich_plain (_("The earlier workshop agreed no actions.")));
  else
    _cr_document_actions_table (doc, cmp->actions, TRUE);
}

CrDocument *
cr_document_new_comparison (const CrComparison *cmp)
{
  CrWorkshop *after = cmp->after;
  /* Translators: the title of a comparison of two workshops */
  CrDocument *doc = cr_document_new (after, _("What Moved"));
  CrBlock *fields;

  cr_document_heading (doc, 1, cr_rich_plain (doc->title));
  ((CrBlock *) g_ptr_array_index (doc->blocks, 0))->cover = TRUE;
  fields = cr_document_bullets (doc);
  fields->cover = TRUE;
  cr_bullets_add (fields, cr_rich_field (_("Earlier:"), cr_workshop_get_title (cmp->before), TRUE));
  cr_bullets_add (fields, cr_rich_field (_("Later:"), cr_workshop_get_title (after), TRUE));
  cr_bullets_add (fields, cr_rich_field (_("Organisation:"), cr_workshop_get_organisation (after), TRUE));

  _cr_document_add_comparison (doc, cmp, TRUE);
  return doc;
}
