/* cr-document-build.c: the document of a workshop's summary
 *
 * One builder for Markdown, HTML and PDF, so the three show the same sections
 * and the same numbers, formatted once here. What moved since the workshop a
 * re-run re-runs is built by cr-document-compare.c.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "crossroads-export"

#include "config.h"

#include "cr-document-private.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "cr-chart.h"
#include "cr-compare.h"
#include "cr-gap.h"
#include "cr-recommend.h"
#include "cr-tally.h"

/* ------------------------------------------------------------------------
 * Numbers, formatted once for every format
 * ------------------------------------------------------------------------ */

static gboolean
is_integral (double value)
{
  return fabs (value - round (value)) < 1e-9;
}

static char *
format_number (double value)
{
  g_autofree char *text = NULL;

  if (isnan (value))
    return g_strdup ("—");
  if (is_integral (value))
    return g_strdup_printf ("%.0f", value);

  text = g_strdup_printf ("%.2f", value);
  /* 3.50 reads better as 3.5 */
  if (text[strlen (text) - 1] == '0')
    text[strlen (text) - 1] = '\0';
  return g_steal_pointer (&text);
}

static char *
format_signed (double value)
{
  g_autofree char *magnitude = format_number (fabs (value));

  if (isnan (value))
    return g_strdup ("—");
  if (fabs (value) < 0.005)
    return g_strdup ("0");
  return g_strdup_printf ("%s%s", value > 0 ? "+" : "-", magnitude);
}

/* Shares in tenths of a percent and means in tenths, rounded half away
 * from zero as the charts do, so that a change printed beside them is the
 * difference of the figures printed. */
static double
tenths (double value,
        double scale)
{
  return lround (value * scale) / 10.0;
}

/* "42.9 %", and as the charts do, "<0.1 %" for a share that is not
 * nothing but rounds to it (">99.9 %" short of everything). */
static char *
format_share (double share)
{
  return cr_chart_format_share_tenths (share);
}

/* "+28.6": from @from to @to in the tenths they are printed in. */
static char *
format_tenths_change (double from,
                      double to,
                      double scale)
{
  return g_strdup_printf ("%+.1f", (lround (to * scale) - lround (from * scale)) / 10.0);
}

/* A change of share in points, from @from to @to as printed: where they
 * print apart but round alike ("0.0 %" and "<0.1 %"), less than a tenth,
 * never "+0.0" beside two different figures. */
static char *
format_share_change (double from,
                     double to)
{
  g_autofree char *before = format_share (from);
  g_autofree char *after = format_share (to);

  if (lround (to * 1000.0) == lround (from * 1000.0) && !g_str_equal (before, after))
    return g_strdup (to > from ? "+<0.1" : "-<0.1");
  return format_tenths_change (from, to, 1000.0);
}

char *
_cr_document_format_mean_spread (double mean,
                                 double spread,
                                 guint  n)
{
  if (n == 0 || isnan (mean))
    return g_strdup ("—");
  /* Translators: a mean score and its spread, e.g. "3.5 ± 0.5" */
  return g_strdup_printf (_("%.1f ± %.1f"), tenths (mean, 10.0), isnan (spread) ? 0.0 : tenths (spread, 10.0));
}

/* ------------------------------------------------------------------------
 * Building the document from a workshop
 * ------------------------------------------------------------------------ */

const char *
cr_document_option_title (CrTemplate *template,
                          const char *option_id)
{
  const CrOption *option = cr_template_find_option (template, option_id);

  return option != NULL ? option->title : option_id;
}

char *
cr_document_participant_name (CrWorkshop *workshop,
                              gint64      participant_id)
{
  CrParticipant *participant;

  if (participant_id == 0)
    return g_strdup (_("Show of hands"));

  participant = cr_workshop_find_participant (workshop, participant_id);
  if (participant == NULL)
    return g_strdup (_("Former participant"));
  return cr_participant_dup_display_name (participant);
}

const char *
cr_document_question_prompt (const CrQuestion *question,
                             CrRound          *round)
{
  return question != NULL ? question->prompt : cr_round_get_question (round);
}

static char *
format_context_value (const CrContextField *field,
                      const CrContextValue *value,
                      gboolean             *typed)
{
  *typed = FALSE;

  if (value == NULL)
    return g_strdup (_("Not recorded"));

  if (value->is_number)
    {
      g_autofree char *number = format_number (value->number);

      if (field != NULL && field->kind == CR_CONTEXT_SCALE)
        /* Translators: a value on a scale, e.g. "2 on a scale of 1 to 5" */
        return g_strdup_printf (_("%s on a scale of %d to %d"),
                                number, field->scale_min, field->scale_max);
      return g_steal_pointer (&number);
    }

  if (field != NULL && field->kind == CR_CONTEXT_CHOICE)
    {
      const CrChoice *choice = cr_context_field_find_choice (field, value->text);

      if (choice != NULL)
        {
          /* Choice labels come from the template, which a consultant may
           * have written: escape them like typed text. */
          *typed = TRUE;
          return g_strdup (choice->label);
        }
    }

  *typed = TRUE;
  return g_strdup (value->text != NULL ? value->text : "");
}

static void
build_cover (CrDocument *doc,
             CrWorkshop *workshop)
{
  CrTemplate *template = cr_workshop_get_template (workshop);
  const char *title = cr_workshop_get_title (workshop);
  const char *facilitator = cr_workshop_get_facilitator (workshop);
  const char *function_name = cr_workshop_get_function_name (workshop);
  CrBlock *fields;

  if (title == NULL || *title == '\0')
    cr_document_heading (doc, 1, cr_rich_plain (_("Workshop summary")));
  else
    cr_document_heading (doc, 1, cr_rich_typed (title));
  ((CrBlock *) g_ptr_array_index (doc->blocks, doc->blocks->len - 1))->cover = TRUE;

  fields = cr_document_bullets (doc);
  fields->cover = TRUE;
  cr_bullets_add (fields, cr_rich_field (_("Organisation:"), cr_workshop_get_organisation (workshop), TRUE));
  /* Dates are checked to be YYYY-MM-DD when stored: not free text. */
  cr_bullets_add (fields, cr_rich_field (_("Date:"), cr_workshop_get_date (workshop), FALSE));
  if (facilitator != NULL && *facilitator != '\0')
    cr_bullets_add (fields, cr_rich_field (_("Facilitator:"), facilitator, TRUE));
  if (function_name != NULL && *function_name != '\0')
    cr_bullets_add (fields, cr_rich_field (_("Name of the function:"), function_name, TRUE));
  cr_bullets_add (fields, cr_rich_field (_("Template:"), cr_template_get_title (template), TRUE));
}

static void
build_context (CrDocument *doc,
               CrWorkshop *workshop)
{
  CrTemplate *template = cr_workshop_get_template (workshop);
  guint n = cr_template_get_n_context (template);
  CrBlock *list;

  cr_document_heading (doc, 2, cr_rich_plain (_("Context")));
  if (n == 0)
    {
      cr_document_aside (doc, cr_rich_plain (_("This template records no context.")));
      return;
    }

  list = cr_document_bullets (doc);
  for (guint i = 0; i < n; i++)
    {
      const CrContextField *field = cr_template_get_context (template, i);
      const CrContextValue *value = cr_workshop_get_context (workshop, field->id);
      gboolean typed;
      g_autofree char *text = format_context_value (field, value, &typed);
      GPtrArray *item = cr_rich_new ();

      cr_rich_add (item, CR_SPAN_BOLD | CR_SPAN_TYPED, field->label);
      cr_rich_add (item, CR_SPAN_BOLD, ":");
      cr_rich_add (item, 0, " ");
      cr_rich_add (item, typed ? CR_SPAN_TYPED : 0, text);
      cr_bullets_add (list, item);
    }
}

static void
build_participants (CrDocument *doc,
                    CrWorkshop *workshop)
{
  GListModel *participants = cr_workshop_get_participants (workshop);
  guint n = g_list_model_get_n_items (participants);
  CrBlock *list;

  cr_document_heading (doc, 2, cr_rich_plain (_("Participants")));
  if (n == 0)
    {
      cr_document_aside (doc, cr_rich_plain (_("No participants were recorded.")));
      return;
    }

  list = cr_document_bullets (doc);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(CrParticipant) participant = g_list_model_get_item (participants, i);
      const char *role = cr_participant_get_role (participant);
      GPtrArray *item = cr_rich_new ();

      cr_rich_add_take (item, CR_SPAN_TYPED, cr_participant_dup_display_name (participant));
      if (role != NULL && *role != '\0')
        {
          cr_rich_add (item, 0, " (");
          cr_rich_add (item, CR_SPAN_TYPED, role);
          cr_rich_add (item, 0, ")");
        }
      cr_bullets_add (list, item);
    }
}

static const char *
note_kind_heading (CrNoteKind kind)
{
  switch (kind)
    {
    case CR_NOTE_STRENGTH: return _("Strengths the room sees");
    case CR_NOTE_RISK: return _("Risks the room sees");
    case CR_NOTE_QUESTION: return _("Questions");
    default: g_assert_not_reached ();
    }
}

static void
build_options (CrDocument *doc,
               CrWorkshop *workshop)
{
  CrTemplate *template = cr_workshop_get_template (workshop);
  GListModel *notes = cr_workshop_get_notes (workshop);
  guint n_notes = g_list_model_get_n_items (notes);
  const CrNoteKind kinds[] = { CR_NOTE_STRENGTH, CR_NOTE_RISK, CR_NOTE_QUESTION };

  cr_document_heading (doc, 2, cr_rich_plain (_("Options and the room’s notes")));

  for (guint i = 0; i < cr_template_get_n_options (template); i++)
    {
      const CrOption *option = cr_template_get_option (template, i);
      gboolean any = FALSE;

      cr_document_heading (doc, 3, cr_rich_typed (option->title));
      if (option->summary != NULL && *option->summary != '\0')
        cr_document_paragraph (doc, cr_rich_typed (option->summary));

      for (guint k = 0; k < G_N_ELEMENTS (kinds); k++)
        {
          CrBlock *list = NULL;

          for (guint j = 0; j < n_notes; j++)
            {
              g_autoptr(CrNote) note = g_list_model_get_item (notes, j);
              GPtrArray *item;

              if (cr_note_get_kind (note) != kinds[k] ||
                  g_strcmp0 (cr_note_get_option (note), option->id) != 0)
                continue;

              if (list == NULL)
                {
                  GPtrArray *label = cr_rich_new ();

                  cr_rich_add (label, CR_SPAN_BOLD, note_kind_heading (kinds[k]));
                  cr_document_paragraph (doc, label);
                  list = cr_document_bullets (doc);
                }

              item = cr_rich_typed (cr_note_get_text (note));
              if (cr_note_get_participant_id (note) != 0)
                {
                  cr_rich_add (item, 0, " — ");
                  cr_rich_add_take (item, CR_SPAN_TYPED,
                                 cr_document_participant_name (workshop, cr_note_get_participant_id (note)));
                }
              cr_bullets_add (list, item);
              any = TRUE;
            }
        }

      if (!any)
        cr_document_aside (doc, cr_rich_plain (_("No notes from the room.")));
    }
}

static char *
describe_round (const CrTally *tally)
{
  g_autoptr(GString) text = g_string_new (NULL);

  switch (tally->question->method)
    {
    case CR_METHOD_SINGLE:
      g_string_append (text, _("One choice each."));
      break;
    case CR_METHOD_DOTS:
      g_string_append_printf (text,
                              /* Translators: how a dots question is voted */
                              g_dngettext (GETTEXT_PACKAGE,
                                           "%d dot each to spread over the options.",
                                           "%d dots each to spread over the options.",
                                           tally->question->budget),
                              tally->question->budget);
      break;
    case CR_METHOD_SCORE:
      g_string_append_printf (text,
                              /* Translators: how a score question is voted */
                              _("Scores from %d to %d; the overall is the weighted mean of the criteria."),
                              tally->question->scale_min, tally->question->scale_max);
      break;
    default:
      g_assert_not_reached ();
    }

  g_string_append_c (text, ' ');
  g_string_append_printf (text,
                          g_dngettext (GETTEXT_PACKAGE,
                                       "%u participant voted.",
                                       "%u participants voted.",
                                       tally->n_participants),
                          tally->n_participants);
  /* Only complete ballots count as voted; a partial one is said apart. */
  if (tally->n_partial > 0)
    {
      g_string_append_c (text, ' ');
      g_string_append_printf (text,
                              g_dngettext (GETTEXT_PACKAGE,
                                           "%u ballot was incomplete; its votes are counted.",
                                           "%u ballots were incomplete; their votes are counted.",
                                           tally->n_partial),
                              tally->n_partial);
    }
  if (tally->n_hands > 0)
    {
      g_autofree char *hands = format_number (tally->n_hands);

      g_string_append_c (text, ' ');
      /* Translators: %s is a number of hands counted by the facilitator */
      g_string_append_printf (text, _("Show of hands counted: %s."), hands);
    }

  return g_string_free (g_steal_pointer (&text), FALSE);
}

static void
build_tally_table (CrDocument    *doc,
                   const CrTally *tally)
{
  CrBlock *table = cr_document_table (doc);

  cr_table_column (table, _("Option"), FALSE, FALSE);

  switch (tally->question->method)
    {
    case CR_METHOD_SINGLE:
    case CR_METHOD_DOTS:
      cr_table_column (table,
                    tally->question->method == CR_METHOD_SINGLE ? _("Votes") : _("Dots"),
                    FALSE, TRUE);
      cr_table_column (table, _("Share"), FALSE, TRUE);
      for (guint i = 0; i < tally->n_options; i++)
        {
          const CrOptionTally *ot = &tally->options[i];
          GPtrArray *row = cr_table_row (table);

          g_ptr_array_add (row, cr_rich_typed (ot->option->title));
          g_ptr_array_add (row, cr_rich_plain_take (format_number (ot->count)));
          g_ptr_array_add (row, cr_rich_plain_take (format_share (ot->share)));
        }
      break;

    case CR_METHOD_SCORE:
      {
        const CrQuestion *q = tally->question;
        guint n_criteria = q->criteria != NULL ? q->criteria->len : 0;

        for (guint c = 0; c < n_criteria; c++)
          {
            const CrCriterion *criterion = g_ptr_array_index (q->criteria, c);
            g_autofree char *weight = format_number (criterion->weight);
            GPtrArray *cell = cr_rich_typed (criterion->label);

            /* Translators: the weight of a criterion, e.g. " (×2)" */
            cr_rich_add_take (cell, 0, g_strdup_printf (_(" (×%s)"), weight));
            if (table->header->len < 32)
              table->right_aligned |= 1u << table->header->len;
            g_ptr_array_add (table->header, cell);
          }
        cr_table_column (table, n_criteria > 0 ? _("Overall (weighted)") : _("Score"),
                      FALSE, TRUE);

        for (guint i = 0; i < tally->n_options; i++)
          {
            const CrOptionTally *ot = &tally->options[i];
            GPtrArray *row = cr_table_row (table);
            guint n_scored = 0;

            g_ptr_array_add (row, cr_rich_typed (ot->option->title));
            for (guint c = 0; c < n_criteria && c < ot->n_criteria; c++)
              g_ptr_array_add (row, cr_rich_plain_take (_cr_document_format_mean_spread (ot->criteria[c].mean,
                                                                                         ot->criteria[c].spread,
                                                                                         ot->criteria[c].n)));
            for (guint c = 0; c < ot->n_criteria; c++)
              n_scored += ot->criteria[c].n;
            g_ptr_array_add (row, cr_rich_plain_take (_cr_document_format_mean_spread (ot->overall,
                                                                                       ot->overall_spread,
                                                                                       n_scored)));
          }
      }
      break;

    default:
      g_assert_not_reached ();
    }
}

typedef struct
{
  CrRound          *round;
  const CrQuestion *question;
  CrTally          *tally;    /* NULL while the round is hidden */
} RoundInfo;

static void
round_info_clear (RoundInfo *info)
{
  g_clear_object (&info->round);
  g_clear_pointer (&info->tally, cr_tally_free);
}

/* Tallies are computed for revealed rounds only, so a hidden round's numbers
 * cannot reach any format by accident. */
static GArray *
collect_rounds (CrWorkshop *workshop)
{
  CrTemplate *template = cr_workshop_get_template (workshop);
  GListModel *rounds = cr_workshop_get_rounds (workshop);
  GArray *infos = g_array_new (FALSE, TRUE, sizeof (RoundInfo));

  g_array_set_clear_func (infos, (GDestroyNotify) round_info_clear);
  for (guint i = 0; i < g_list_model_get_n_items (rounds); i++)
    {
      RoundInfo info = { 0 };

      info.round = g_list_model_get_item (rounds, i);
      info.question = cr_template_find_question (template, cr_round_get_question (info.round));
      if (cr_round_get_revealed (info.round) && info.question != NULL)
        info.tally = cr_tally_compute (template, info.round);
      g_array_append_val (infos, info);
    }
  return infos;
}

char *
cr_document_open_round_message (guint number)
{
  /* Translators: %u is a round number */
  return g_strdup_printf (_("Round %u is still open; results are hidden until the facilitator reveals them."),
                          number);
}

static GPtrArray *
round_heading (guint       number,
               const char *prompt)
{
  GPtrArray *text = cr_rich_new ();

  /* Translators: the start of a round's heading, followed by its question */
  cr_rich_add_take (text, 0, g_strdup_printf (_("Round %u: "), number));
  cr_rich_add (text, CR_SPAN_TYPED, prompt);
  return text;
}

static void
build_rounds (CrDocument *doc,
              GArray     *infos)
{
  cr_document_heading (doc, 2, cr_rich_plain (_("Votes")));
  if (infos->len == 0)
    {
      cr_document_aside (doc, cr_rich_plain (_("No voting rounds were run.")));
      return;
    }

  for (guint i = 0; i < infos->len; i++)
    {
      RoundInfo *info = &g_array_index (infos, RoundInfo, i);
      guint number = cr_round_get_number (info->round);

      cr_document_heading (doc, 3, round_heading (number, cr_document_question_prompt (info->question, info->round)));
      if (info->tally == NULL)
        {
          cr_document_aside (doc, cr_rich_plain_take (cr_document_open_round_message (number)));
          continue;
        }
      cr_document_paragraph (doc, cr_rich_plain_take (describe_round (info->tally)));
      /* Nobody voted: said once, as the chart says it, not a table of
       * 0 and 0.0 % (shares of nothing). */
      if (cr_chart_tally_is_empty (info->tally))
        {
          cr_document_aside (doc, cr_rich_plain_take (g_strdup_printf (_("No votes in round %u."), number)));
          continue;
        }
      cr_document_chart (doc, CR_BLOCK_CHART_TALLY, cr_tally_compute (info->tally->template, info->round), NULL, NULL);
      build_tally_table (doc, info->tally);
    }
}

static void
build_changes (CrDocument *doc,
               GArray     *infos)
{
  gboolean any = FALSE;

  /* Each revealed round against the previous revealed round of its question;
   * without any, the section is left out. */
  for (guint i = 0; i < infos->len; i++)
    {
      RoundInfo *after = &g_array_index (infos, RoundInfo, i);
      RoundInfo *before = NULL;
      g_autoptr(GArray) changes = NULL;
      GPtrArray *heading;
      CrBlock *table;
      gboolean score;

      if (after->tally == NULL)
        continue;
      for (guint j = 0; j < infos->len; j++)
        {
          RoundInfo *other = &g_array_index (infos, RoundInfo, j);

          if (other->tally != NULL && other->question == after->question &&
              other->tally->round_number < after->tally->round_number &&
              (before == NULL || other->tally->round_number > before->tally->round_number))
            before = other;
        }
      if (before == NULL)
        continue;

      if (!any)
        cr_document_heading (doc, 2, cr_rich_plain (_("Change between rounds")));
      any = TRUE;
      score = after->question->method == CR_METHOD_SCORE;
      changes = cr_tally_compare (before->tally, after->tally);

      heading = cr_rich_new ();
      /* Translators: the start of a heading, followed by a question */
      cr_rich_add_take (heading, 0, g_strdup_printf (_("From round %u to round %u: "),
                                                  before->tally->round_number,
                                                  after->tally->round_number));
      cr_rich_add (heading, CR_SPAN_TYPED, after->question->prompt);
      cr_document_heading (doc, 3, heading);
      cr_document_chart (doc, CR_BLOCK_CHART_CHANGE,
                 cr_tally_compute (before->tally->template, before->round),
                 cr_tally_compute (after->tally->template, after->round), NULL);

      /* Nobody voted in one of the rounds: there is no change to measure,
       * only what the other round said, line by line as the chart and the
       * room print it ("57 % → no votes in round 2"), not a fall to 0 %. */
      if (cr_chart_tally_is_empty (before->tally) || cr_chart_tally_is_empty (after->tally))
        {
          const CrTally *empty = cr_chart_tally_is_empty (after->tally) ? after->tally : before->tally;

          /* Translators: under a change between two rounds, when nobody voted in one of them */
          cr_document_paragraph (doc, cr_rich_plain_take (g_strdup_printf (_("Nobody voted in round %u."),
                                                                           empty->round_number)));
          table = cr_document_table (doc);
          cr_table_column (table, _("Option"), FALSE, FALSE);
          /* Translators: a table's column: each option's figures in two rounds, e.g. "57 % → no votes in round 2" */
          cr_table_column (table, _("Round to round"), FALSE, FALSE);
          for (guint c = 0; c < changes->len; c++)
            {
              GPtrArray *row = cr_table_row (table);

              g_ptr_array_add (row, cr_rich_typed (g_array_index (changes, CrTallyChange, c).option->title));
              g_ptr_array_add (row, cr_rich_plain_take (cr_chart_change_value_text (before->tally, after->tally, c)));
            }
          continue;
        }

      table = cr_document_table (doc);
      cr_table_column (table, _("Option"), FALSE, FALSE);
      if (score)
        cr_table_column (table, _("Change of the overall score"), FALSE, TRUE);
      else
        {
          cr_table_column (table, _("Change of share (points)"), FALSE, TRUE);
          cr_table_column (table,
                        after->question->method == CR_METHOD_SINGLE ? _("Change of votes")
                                                                    : _("Change of dots"),
                        FALSE, TRUE);
        }

      for (guint c = 0; c < changes->len; c++)
        {
          const CrTallyChange *change = &g_array_index (changes, CrTallyChange, c);
          const CrOptionTally *from = &before->tally->options[c];
          const CrOptionTally *to = &after->tally->options[c];
          GPtrArray *row = cr_table_row (table);

          g_ptr_array_add (row, cr_rich_typed (change->option->title));
          if (score)
            {
              g_autofree char *delta = isnan (change->overall_delta)
                ? g_strdup ("—")
                : format_tenths_change (from->overall, to->overall, 10.0);

              g_ptr_array_add (row, cr_rich_plain (delta));
            }
          else
            {
              g_ptr_array_add (row, cr_rich_plain_take (format_share_change (from->share, to->share)));
              g_ptr_array_add (row, cr_rich_plain_take (format_signed (change->count_delta)));
            }
        }
    }
}

static char *
format_gap_side (const CrGap *gap,
                 double       value,
                 double       spread,
                 gboolean     target)
{
  guint round = target ? gap->target_round : gap->current_round;

  if (isnan (value) && round > 0)
    {
      /* A round revealed where nobody voted: said, as the chart says it. */
      for (guint i = 0; i < gap->n_options; i++)
        if (!isnan (target ? gap->options[i].target : gap->options[i].current))
          return g_strdup ("—");
      return g_strdup_printf (_("no votes in round %u"), round);
    }
  if (isnan (value))
    return g_strdup ("—");
  if (gap->scores)
    return _cr_document_format_mean_spread (value, spread, 1);
  return format_share (value);
}

/* Where the room says it is against where it wants to be: revealed rounds
 * only, as cr_gap_compute_workshop() takes them. */
static void
build_gap (CrDocument *doc,
           CrWorkshop *workshop)
{
  g_autoptr(CrGap) gap = cr_gap_compute_workshop (workshop);
  CrBlock *table;

  /* Nothing revealed of either question: the section is left out. */
  if (gap->current_question == NULL || (gap->current_round == 0 && gap->target_round == 0))
    return;

  cr_document_heading (doc, 2, cr_rich_plain (_("Today and the target")));

  {
    GPtrArray *text = cr_rich_new ();

    /* Translators: followed by a question, e.g. Today: “Which model…?” */
    cr_rich_add (text, CR_SPAN_BOLD, _("Today:"));
    cr_rich_add (text, 0, " ");
    cr_rich_add (text, CR_SPAN_TYPED, gap->current_question->prompt);
    cr_rich_add (text, CR_SPAN_BREAK, "");
    cr_rich_add (text, CR_SPAN_BOLD, _("Target:"));
    cr_rich_add (text, 0, " ");
    cr_rich_add (text, CR_SPAN_TYPED, gap->target_question->prompt);
    cr_document_paragraph (doc, text);
  }

  table = cr_document_table (doc);
  cr_table_column (table, _("Option"), FALSE, FALSE);
  cr_table_column (table, _("Today"), FALSE, TRUE);
  cr_table_column (table, _("Target"), FALSE, TRUE);
  cr_table_column (table, gap->scores ? _("Gap") : _("Gap (points)"), FALSE, TRUE);
  for (guint i = 0; i < gap->n_options; i++)
    {
      const CrGapOption *go = &gap->options[i];
      GPtrArray *row = cr_table_row (table);

      g_ptr_array_add (row, cr_rich_typed (go->option->title));
      g_ptr_array_add (row, cr_rich_plain_take (format_gap_side (gap, go->current, go->current_spread,
                                                                 FALSE)));
      g_ptr_array_add (row, cr_rich_plain_take (format_gap_side (gap, go->target, go->target_spread,
                                                                 TRUE)));
      g_ptr_array_add (row, cr_rich_plain_take (isnan (go->gap) ? g_strdup ("—")
                                                : gap->scores ? format_tenths_change (go->current, go->target, 10.0)
                                                              : format_share_change (go->current, go->target)));
    }
  /* Before the table in the PDF and HTML: move the chart up one block. */
  cr_document_chart (doc, CR_BLOCK_CHART_GAP, NULL, NULL, g_steal_pointer (&gap));
  if (((CrBlock *) g_ptr_array_index (doc->blocks, doc->blocks->len - 1))->kind == CR_BLOCK_CHART)
    {
      CrBlock *chart = g_ptr_array_steal_index (doc->blocks, doc->blocks->len - 1);

      g_ptr_array_insert (doc->blocks, (int) doc->blocks->len - 1, chart);
    }
}

/* Each reason with how much it moved the fit or the aim. */
static void
add_reasons (CrDocument *doc,
             GPtrArray  *reasons)
{
  CrBlock *list;

  if (reasons == NULL || reasons->len == 0)
    return;

  list = cr_document_bullets (doc);
  for (guint i = 0; i < reasons->len; i++)
    {
      const CrReason *reason = g_ptr_array_index (reasons, i);
      GPtrArray *item = cr_rich_typed (reason->text);

      if (reason->weight != 0 && !isnan (reason->weight))
        {
          g_autofree char *weight = cr_recommend_format_weight (reason->weight);

          cr_rich_add_take (item, 0, g_strdup_printf (" (%s)", weight));
        }
      cr_bullets_add (list, item);
    }
}

/* "Ana, Ben and Laila": who agreed, in participant order. */
static char *
agreed_names (CrWorkshop       *workshop,
              const CrDecision *decision)
{
  g_autoptr(GString) names = g_string_new (NULL);
  guint n = decision->agreed->len;

  for (guint i = 0; i < n; i++)
    {
      g_autofree char *name = cr_document_participant_name (workshop, g_array_index (decision->agreed, gint64, i));

      if (i > 0)
        /* Translators: between names in a list, and before the last one */
        g_string_append (names, i + 1 < n ? _(", ") : _(" and "));
      g_string_append (names, name);
    }
  return g_string_free (g_steal_pointer (&names), FALSE);
}

static GPtrArray *
option_cell (CrTemplate *template,
             const char *option_id)
{
  if (option_id == NULL)
    return cr_rich_plain (_("Not decided"));
  return cr_rich_typed (cr_document_option_title (template, option_id));
}

/* The room's decision leads the report, the recommendation beside it, so a
 * reader sees at once whether the room followed the advice. Left out when
 * no decision was recorded. */
static void
build_decision (CrDocument             *doc,
                CrWorkshop             *workshop,
                const CrRecommendation *rec)
{
  CrTemplate *template = cr_workshop_get_template (workshop);
  const CrDecision *decision = cr_workshop_get_decision (workshop);
  gboolean ordered = cr_template_is_ordered (template);
  const char *advice_start = ordered ? rec->start_with : rec->points_to;
  CrBlock *table;
  GPtrArray *row;

  if (decision == NULL)
    return;

  cr_document_heading (doc, 2, cr_rich_plain (_("Decision")));
  table = cr_document_table (doc);
  cr_table_column (table, "", FALSE, FALSE);
  cr_table_column (table, _("The room decided"), FALSE, FALSE);
  cr_table_column (table, _("The recommendation"), FALSE, FALSE);
  row = cr_table_row (table);
  g_ptr_array_add (row, cr_rich_plain (ordered ? _("Start with") : _("Option chosen")));
  g_ptr_array_add (row, option_cell (template, decision->start_with));
  g_ptr_array_add (row, advice_start != NULL ? cr_rich_typed (cr_document_option_title (template, advice_start)) : cr_rich_plain ("—"));
  if (ordered)
    {
      row = cr_table_row (table);
      g_ptr_array_add (row, cr_rich_plain (_("Aim for")));
      g_ptr_array_add (row, option_cell (template, decision->aim_for));
      g_ptr_array_add (row, rec->aim_for != NULL ? cr_rich_typed (cr_document_option_title (template, rec->aim_for)) : cr_rich_plain ("—"));
    }

  if ((decision->start_with != NULL && g_strcmp0 (decision->start_with, advice_start) != 0) ||
      (ordered && decision->aim_for != NULL && g_strcmp0 (decision->aim_for, rec->aim_for) != 0))
    cr_document_aside (doc, cr_rich_plain (_("The room decided otherwise than the recommendation; its reasons are below.")));

  if (decision->rationale[0] != '\0')
    cr_document_paragraph (doc, cr_rich_field (_("Why:"), decision->rationale, TRUE));
  if (decision->agreed->len > 0)
    {
      g_autofree char *names = agreed_names (workshop, decision);
      guint n = g_list_model_get_n_items (cr_workshop_get_participants (workshop));
      GPtrArray *text = cr_rich_field (_("Agreed:"), names, TRUE);

      /* Translators: after the names of those who agreed: " (3 of 5 participants)" */
      cr_rich_add_take (text, 0, g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, " (%u of %u participant)",
                                                            " (%u of %u participants)", n),
                                               decision->agreed->len, n));
      cr_document_paragraph (doc, text);
    }
}

/* The fit with your context as one table: each rule that matched, once,
 * with what it gave each option, and each option's fit below. */
static void
build_fit_table (CrDocument             *doc,
                 const CrRecommendation *rec)
{
  CrBlock *table;
  GPtrArray *row;

  cr_document_heading (doc, 3, cr_rich_plain (_("Fit with your context")));
  if (rec->rules->len == 0)
    {
      cr_document_aside (doc, cr_rich_plain (cr_recommend_describe_no_rules (rec)));
      return;
    }

  table = cr_document_table (doc);
  cr_table_column (table, _("Reason"), FALSE, FALSE);
  for (guint o = 0; o < rec->fits->len; o++)
    cr_table_column (table, ((const CrFit *) g_ptr_array_index (rec->fits, o))->option->title, TRUE, TRUE);

  for (guint r = 0; r < rec->rules->len; r++)
    {
      const CrRule *rule = g_ptr_array_index (rec->rules, r);

      row = cr_table_row (table);
      g_ptr_array_add (row, cr_rich_typed (rule->reason));
      for (guint o = 0; o < rec->fits->len; o++)
        {
          const char *option_id = ((const CrFit *) g_ptr_array_index (rec->fits, o))->option->id;
          char *weight = g_strdup ("");

          for (guint k = 0; k < rule->option_ids->len; k++)
            if (g_str_equal (g_ptr_array_index (rule->option_ids, k), option_id))
              {
                g_free (weight);
                weight = cr_recommend_format_weight (g_array_index (rule->weights, double, k));
              }
          g_ptr_array_add (row, cr_rich_plain_take (weight));
        }
    }

  row = cr_table_row (table);
  {
    GPtrArray *label = cr_rich_new ();

    cr_rich_add (label, CR_SPAN_BOLD, _("Fit"));
    g_ptr_array_add (row, label);
  }
  for (guint o = 0; o < rec->fits->len; o++)
    {
      GPtrArray *cell = cr_rich_new ();

      cr_rich_add_take (cell, CR_SPAN_BOLD, cr_recommend_format_weight (((const CrFit *) g_ptr_array_index (rec->fits, o))->fit));
      g_ptr_array_add (row, cell);
    }
}

/* The same recommendation as the JSON export's, so every format agrees. */
static void
build_recommendation (CrDocument             *doc,
                      CrWorkshop             *workshop,
                      const CrRecommendation *rec)
{
  CrTemplate *template = cr_workshop_get_template (workshop);

  cr_document_heading (doc, 2, cr_rich_plain (_("Recommendation")));
  /* What it rests on, before anything else: nobody mistakes advice from
   * the context alone, or from the votes alone, for more than it is. */
  cr_document_aside (doc, cr_rich_plain (cr_recommend_describe_basis (rec)));
  cr_document_aside (doc, cr_rich_plain_take (cr_recommend_describe_weights (template)));

  if (rec->disagreements->len > 0)
    {
      CrBlock *list;

      cr_document_heading (doc, 3, cr_rich_plain (_("Where your context and the room disagree")));
      list = cr_document_bullets (doc);
      for (guint i = 0; i < rec->disagreements->len; i++)
        cr_bullets_add (list, cr_rich_typed (((const CrDisagreement *) g_ptr_array_index (rec->disagreements, i))->text));
    }

  if (rec->start_with != NULL)
    {
      cr_document_paragraph (doc, cr_rich_field (_("Start with:"), cr_document_option_title (template, rec->start_with), TRUE));
      ((CrBlock *) g_ptr_array_index (doc->blocks, doc->blocks->len - 1))->key = TRUE;
      add_reasons (doc, rec->start_reasons);
    }
  if (rec->aim_for != NULL)
    {
      cr_document_paragraph (doc, cr_rich_field (_("Aim for:"), cr_document_option_title (template, rec->aim_for), TRUE));
      ((CrBlock *) g_ptr_array_index (doc->blocks, doc->blocks->len - 1))->key = TRUE;
      add_reasons (doc, rec->aim_reasons);
    }
  if (rec->points_to != NULL)
    {
      cr_document_paragraph (doc, cr_rich_field (_("Points to:"), cr_document_option_title (template, rec->points_to), TRUE));
      ((CrBlock *) g_ptr_array_index (doc->blocks, doc->blocks->len - 1))->key = TRUE;
      add_reasons (doc, rec->points_reasons);
    }

  build_fit_table (doc, rec);
}

/* Whether any action says what became of it; a first workshop's actions
 * are all open, and their tables need no column for it. */
static gboolean
any_status (GListModel *actions)
{
  for (guint i = 0; i < g_list_model_get_n_items (actions); i++)
    {
      g_autoptr(CrAction) action = g_list_model_get_item (actions, i);

      if (cr_action_get_status (action) != CR_ACTION_OPEN || cr_action_get_outcome (action)[0] != '\0')
        return TRUE;
    }
  return FALSE;
}

/* Actions as a table: what, who, by when, and (with @status) what became
 * of each. */
void
_cr_document_actions_table (CrDocument *doc,
                            GListModel *actions,
                            gboolean    status)
{
  CrBlock *table = cr_document_table (doc);

  cr_table_column (table, _("Action"), FALSE, FALSE);
  cr_table_column (table, _("Owner"), FALSE, FALSE);
  cr_table_column (table, _("Due"), FALSE, FALSE);
  if (status)
    {
      cr_table_column (table, _("Status"), FALSE, FALSE);
      cr_table_column (table, _("Outcome"), FALSE, FALSE);
    }
  for (guint i = 0; i < g_list_model_get_n_items (actions); i++)
    {
      g_autoptr(CrAction) action = g_list_model_get_item (actions, i);
      const char *due = cr_action_get_due (action);
      GPtrArray *row = cr_table_row (table);

      g_ptr_array_add (row, cr_rich_typed (cr_action_get_text (action)));
      g_ptr_array_add (row, cr_rich_typed (cr_action_get_owner (action)));
      /* Due dates are checked to be YYYY-MM-DD when stored. */
      g_ptr_array_add (row, cr_rich_plain (due != NULL ? due : "—"));
      if (status)
        {
          g_ptr_array_add (row, cr_rich_plain (cr_action_status_get_label (cr_action_get_status (action))));
          g_ptr_array_add (row, cr_rich_typed (cr_action_get_outcome (action)));
        }
    }
}

static void
build_actions (CrDocument *doc,
               CrWorkshop *workshop)
{
  GListModel *actions = cr_workshop_get_actions (workshop);

  cr_document_heading (doc, 2, cr_rich_plain (_("Actions")));
  if (g_list_model_get_n_items (actions) == 0)
    {
      cr_document_aside (doc, cr_rich_plain (_("No actions were agreed.")));
      return;
    }
  _cr_document_actions_table (doc, actions, any_status (actions));
}

/* A re-run's review of the actions its predecessor agreed, as the room
 * marked them: only in a re-run. */
static void
build_review (CrDocument *doc,
              CrWorkshop *workshop)
{
  GListModel *review = cr_workshop_get_review (workshop);
  guint counts[CR_ACTION_DROPPED + 1] = { 0 };
  guint n = g_list_model_get_n_items (review);

  if (cr_workshop_get_previous_uuid (workshop) == NULL)
    return;
  cr_document_heading (doc, 2, cr_rich_plain (_("Last Time’s Actions")));
  if (n == 0)
    {
      cr_document_aside (doc, cr_rich_plain (_("The previous workshop agreed no actions.")));
      return;
    }
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(CrAction) action = g_list_model_get_item (review, i);

      counts[cr_action_get_status (action)]++;
    }
  /* Translators: how last time's actions stand, e.g. "2 done, 1 dropped, 1 still open." */
  cr_document_paragraph (doc, cr_rich_plain_take (g_strdup_printf (_("%u done, %u dropped, %u still open."),
                                                        counts[CR_ACTION_DONE], counts[CR_ACTION_DROPPED],
                                                        counts[CR_ACTION_OPEN])));
  _cr_document_actions_table (doc, review, TRUE);
}

/* In a re-run's report, after the review of last time's actions: what
 * moved since the workshop it re-runs, when that one is in the library. */
static void
build_since_last_time (CrDocument *doc,
                       CrWorkshop *workshop)
{
  g_autoptr(CrWorkshop) previous = cr_comparison_find_previous (workshop);
  g_autoptr(CrComparison) cmp = NULL;

  if (previous == NULL)
    return;
  cmp = cr_comparison_new (previous, workshop);
  cr_document_heading (doc, 2, cr_rich_plain (_("Since Last Time")));
  _cr_document_add_comparison (doc, cmp, FALSE);
}

CrDocument *
cr_document_new_workshop (CrWorkshop *workshop)
{
  g_autoptr(GArray) rounds = collect_rounds (workshop);
  g_autoptr(CrRecommendation) rec = cr_recommend_workshop (workshop);
  CrDocument *doc = cr_document_new (workshop, cr_workshop_get_title (workshop));

  build_cover (doc, workshop);
  build_decision (doc, workshop, rec);
  build_context (doc, workshop);
  build_participants (doc, workshop);
  build_options (doc, workshop);
  build_rounds (doc, rounds);
  build_changes (doc, rounds);
  build_gap (doc, workshop);
  build_recommendation (doc, workshop, rec);
  build_review (doc, workshop);
  build_since_last_time (doc, workshop);
  build_actions (doc, workshop);

  return doc;
}
