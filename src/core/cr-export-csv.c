/* cr-export-csv.c: a workshop's votes, notes and actions as CSV, one record a row
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "crossroads-export"

#include "config.h"

#include "cr-export-private.h"

#include "cr-export-escape.h"
#include "cr-recommend.h"

/* The column names stay English: scripts and pivot tables refer to them. */
static const char * const csv_columns[] = {
  "record", "question", "round", "revealed", "participant", "option",
  "criterion", "value", "kind", "text", "owner", "due",
};

enum {
  COL_RECORD, COL_QUESTION, COL_ROUND, COL_REVEALED, COL_PARTICIPANT, COL_OPTION,
  COL_CRITERION, COL_VALUE, COL_KIND, COL_TEXT, COL_OWNER, COL_DUE, N_COLS
};

G_STATIC_ASSERT (G_N_ELEMENTS (csv_columns) == N_COLS);

typedef struct
{
  char *fields[N_COLS];   /* already encoded */
} CsvRow;

static void
csv_set (CsvRow     *row,
         guint       column,
         const char *text)
{
  g_free (row->fields[column]);
  row->fields[column] = cr_export_csv_field (text);
}

/* Numbers we formatted ourselves are not typed text: a negative value is a
 * number, not a formula, and is written as it is. */
static void
csv_set_number (CsvRow *row,
                guint   column,
                gint64  value)
{
  g_free (row->fields[column]);
  row->fields[column] = g_strdup_printf ("%" G_GINT64_FORMAT, value);
}

static void
csv_emit (GString *out,
          CsvRow  *row)
{
  for (guint c = 0; c < N_COLS; c++)
    {
      if (c > 0)
        g_string_append_c (out, ',');
      if (row->fields[c] != NULL)
        g_string_append (out, row->fields[c]);
      g_clear_pointer (&row->fields[c], g_free);
    }
  g_string_append (out, "\r\n");
}

static void
csv_choice (GString    *out,
            CsvRow     *row,
            CrTemplate *template,
            const char *record,
            const char *kind,
            const char *option_id)
{
  if (option_id == NULL)
    return;
  csv_set (row, COL_RECORD, record);
  csv_set (row, COL_KIND, kind);
  csv_set (row, COL_OPTION, cr_document_option_title (template, option_id));
  csv_emit (out, row);
}

/* The room's decision first, then the recommendation beside it: records
 * "decision" (start_with, aim_for, rationale, agreed) and "recommendation"
 * (start_with, aim_for, or points_to). */
static void
csv_decision (GString    *out,
              CsvRow     *row,
              CrWorkshop *workshop)
{
  CrTemplate *template = cr_workshop_get_template (workshop);
  const CrDecision *decision = cr_workshop_get_decision (workshop);
  g_autoptr(CrRecommendation) rec = cr_recommend_workshop (workshop);

  if (decision != NULL)
    {
      csv_choice (out, row, template, "decision", "start_with", decision->start_with);
      csv_choice (out, row, template, "decision", "aim_for", decision->aim_for);
      if (decision->rationale[0] != '\0')
        {
          csv_set (row, COL_RECORD, "decision");
          csv_set (row, COL_KIND, "rationale");
          csv_set (row, COL_TEXT, decision->rationale);
          csv_emit (out, row);
        }
      for (guint i = 0; i < decision->agreed->len; i++)
        {
          g_autofree char *who = cr_document_participant_name (workshop, g_array_index (decision->agreed, gint64, i));

          csv_set (row, COL_RECORD, "decision");
          csv_set (row, COL_KIND, "agreed");
          csv_set (row, COL_PARTICIPANT, who);
          csv_emit (out, row);
        }
    }

  csv_choice (out, row, template, "recommendation", "start_with", rec->start_with);
  csv_choice (out, row, template, "recommendation", "aim_for", rec->aim_for);
  csv_choice (out, row, template, "recommendation", "points_to", rec->points_to);
}

GBytes *
_cr_export_render_csv (CrWorkshop *workshop)
{
  CrTemplate *template = cr_workshop_get_template (workshop);
  GListModel *rounds = cr_workshop_get_rounds (workshop);
  GListModel *notes = cr_workshop_get_notes (workshop);
  GListModel *actions = cr_workshop_get_actions (workshop);
  GListModel *review;
  GString *out = g_string_new (NULL);
  CsvRow row = { { 0 } };

  /* A byte order mark: without it, Excel reads a UTF-8 CSV as the local
   * code page and mangles every accent; LibreOffice and scripts skip it. */
  g_string_append (out, "\xEF\xBB\xBF");

  for (guint c = 0; c < N_COLS; c++)
    csv_set (&row, c, csv_columns[c]);
  csv_emit (out, &row);

  csv_decision (out, &row, workshop);

  for (guint i = 0; i < g_list_model_get_n_items (rounds); i++)
    {
      g_autoptr(CrRound) round = g_list_model_get_item (rounds, i);
      const CrQuestion *question = cr_template_find_question (template, cr_round_get_question (round));
      const char *prompt = cr_document_question_prompt (question, round);
      guint number = cr_round_get_number (round);
      const CrVote *votes;
      guint n_votes = 0;

      if (!cr_round_get_revealed (round))
        {
          g_autofree char *message = cr_document_open_round_message (number);

          /* Hidden votes stay hidden: one line says the round exists. */
          csv_set (&row, COL_RECORD, "round");
          csv_set (&row, COL_QUESTION, prompt);
          csv_set_number (&row, COL_ROUND, number);
          csv_set (&row, COL_REVEALED, "no");
          csv_set (&row, COL_TEXT, message);
          csv_emit (out, &row);
          continue;
        }

      votes = cr_round_get_votes (round, &n_votes);
      for (guint v = 0; v < n_votes; v++)
        {
          const CrVote *vote = &votes[v];
          g_autofree char *who = cr_document_participant_name (workshop, vote->participant_id);
          const CrCriterion *criterion = NULL;

          if (question != NULL && vote->criterion != NULL)
            criterion = cr_question_find_criterion (question, vote->criterion);

          csv_set (&row, COL_RECORD, "vote");
          csv_set (&row, COL_QUESTION, prompt);
          csv_set_number (&row, COL_ROUND, number);
          csv_set (&row, COL_REVEALED, "yes");
          csv_set (&row, COL_PARTICIPANT, who);
          csv_set (&row, COL_OPTION, cr_document_option_title (template, vote->option));
          if (vote->criterion != NULL)
            csv_set (&row, COL_CRITERION, criterion != NULL ? criterion->label : vote->criterion);
          csv_set_number (&row, COL_VALUE, vote->value);
          csv_emit (out, &row);
        }
    }

  for (guint i = 0; i < g_list_model_get_n_items (notes); i++)
    {
      g_autoptr(CrNote) note = g_list_model_get_item (notes, i);

      csv_set (&row, COL_RECORD, "note");
      csv_set (&row, COL_OPTION, cr_document_option_title (template, cr_note_get_option (note)));
      csv_set (&row, COL_KIND, cr_note_kind_to_string (cr_note_get_kind (note)));
      csv_set (&row, COL_TEXT, cr_note_get_text (note));
      if (cr_note_get_participant_id (note) != 0)
        {
          g_autofree char *who = cr_document_participant_name (workshop, cr_note_get_participant_id (note));

          csv_set (&row, COL_PARTICIPANT, who);
        }
      csv_emit (out, &row);
    }

  for (guint i = 0; i < g_list_model_get_n_items (actions); i++)
    {
      g_autoptr(CrAction) action = g_list_model_get_item (actions, i);

      csv_set (&row, COL_RECORD, "action");
      csv_set (&row, COL_KIND, cr_action_status_to_string (cr_action_get_status (action)));
      csv_set (&row, COL_TEXT, cr_action_get_text (action));
      csv_set (&row, COL_OWNER, cr_action_get_owner (action));
      csv_set (&row, COL_DUE, cr_action_get_due (action));
      csv_emit (out, &row);
    }

  /* A re-run's review of last time's actions, each with its status. */
  review = cr_workshop_get_review (workshop);
  for (guint i = 0; i < g_list_model_get_n_items (review); i++)
    {
      g_autoptr(CrAction) action = g_list_model_get_item (review, i);

      csv_set (&row, COL_RECORD, "reviewed-action");
      csv_set (&row, COL_KIND, cr_action_status_to_string (cr_action_get_status (action)));
      csv_set (&row, COL_TEXT, cr_action_get_text (action));
      csv_set (&row, COL_OWNER, cr_action_get_owner (action));
      csv_set (&row, COL_DUE, cr_action_get_due (action));
      csv_emit (out, &row);
    }

  return g_string_free_to_bytes (out);
}
