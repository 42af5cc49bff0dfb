/* cr-template-warnings.c: what a valid template leaves to chance
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "crossroads-template"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <stdarg.h>

#include "cr-template-warnings.h"
#include "cr-template-private.h"

#include "cr-agenda.h"
#include "cr-gap.h"
#include "cr-json-input.h"

static void warn (GPtrArray  *warnings,
                  const char *path,
                  const char *format,
                  ...) G_GNUC_PRINTF (3, 4);

static void
warn (GPtrArray  *warnings,
      const char *path,
      const char *format,
      ...)
{
  va_list args;

  va_start (args, format);
  _cr_template_note (warnings, path, format, args);
  va_end (args);
}

/* A template without an agenda is complete by design (the help says a
 * workshop makes one); one that has an agenda hears what its workshops
 * add to it: a vote on each question it leaves out, at the question, and
 * the other steps every workshop has, at the agenda. */
static void
warn_agenda (GPtrArray  *warnings,
             CrTemplate *template)
{
  g_autoptr(CrAgenda) agenda = NULL;
  g_autoptr(GString) pages = g_string_new (NULL);

  if (cr_template_get_n_steps (template) == 0)
    return;

  agenda = cr_agenda_new (template, FALSE);
  for (guint q = 0; q < cr_template_get_n_questions (template); q++)
    {
      const CrQuestion *question = cr_template_get_question (template, q);

      for (guint i = 0; i < cr_agenda_get_n_steps (agenda); i++)
        {
          const CrAgendaStep *step = cr_agenda_get_step (agenda, i);

          if (cr_agenda_is_added (agenda, step) && g_strcmp0 (step->question, question->id) == 0)
            {
              g_autofree char *path = cr_json_path_index ("questions", q);

              /* Translators: %s is a question id */
              warn (warnings, path, _("no step of the agenda puts '%s' to the vote; a workshop adds a vote step for it"),
                    question->id);
            }
        }
    }

  for (guint i = 0; i < cr_agenda_get_n_steps (agenda); i++)
    {
      const CrAgendaStep *step = cr_agenda_get_step (agenda, i);

      if (cr_agenda_is_added (agenda, step) && step->question == NULL)
        g_string_append_printf (pages, "%s%s", pages->len > 0 ? ", " : "", step->page);
    }
  if (pages->len > 0)
    /* Translators: %s is a list of page names, such as "canvas, recommendation, export" */
    warn (warnings, "agenda", _("a workshop adds the steps every workshop has that the agenda leaves out: %s"),
          pages->str);
}

static gboolean
field_is_named (CrTemplate *template,
                const char *field_id)
{
  for (guint r = 0; r < cr_template_get_n_rules (template); r++)
    if (g_strcmp0 (cr_template_get_rule (template, r)->context, field_id) == 0)
      return TRUE;
  return FALSE;
}

/* Rules that name nothing: none at all, none that names a context field,
 * or a field no rule names. Free text is a remark for the report, which no
 * rule is expected to read. */
static void
warn_rules (GPtrArray  *warnings,
            CrTemplate *template)
{
  guint n_fields = 0;
  gboolean any_named = FALSE;

  for (guint i = 0; i < cr_template_get_n_context (template); i++)
    if (cr_template_get_context (template, i)->kind != CR_CONTEXT_TEXT)
      n_fields++;
  for (guint r = 0; r < cr_template_get_n_rules (template); r++)
    any_named |= cr_template_get_rule (template, r)->context != NULL;

  if (cr_template_get_n_rules (template) == 0)
    {
      warn (warnings, "recommendation.rules",
            _("there are no rules, so the context moves no option's fit and the recommendation rests on the room's votes alone"));
      return;
    }
  if (n_fields == 0)
    return;
  if (!any_named)
    {
      warn (warnings, "recommendation.rules",
            _("no rule names a context field (each one always applies), so the answers in the context move no option's fit"));
      return;
    }

  for (guint i = 0; i < cr_template_get_n_context (template); i++)
    {
      const CrContextField *field = cr_template_get_context (template, i);

      if (field->kind != CR_CONTEXT_TEXT && !field_is_named (template, field->id))
        {
          g_autofree char *path = cr_json_path_index ("context", i);

          /* Translators: %s is a context field id */
          warn (warnings, path, _("no rule names '%s', so its answer moves no option's fit"), field->id);
        }
    }
}

/* The question the recommendation says is where the room is today, and
 * where it wants to be (its target vote, or the aim's question). */
static int
declared_today (CrTemplate *template)
{
  for (guint i = 0; i < cr_template_get_n_room_votes (template); i++)
    if (cr_template_get_room_vote (template, i)->means == CR_ROOM_TODAY)
      return (int) i;
  return -1;
}

static const CrQuestion *
declared_target (CrTemplate *template)
{
  const CrAimRule *aim = cr_template_get_aim (template);

  for (guint i = 0; i < cr_template_get_n_room_votes (template); i++)
    {
      const CrRoomVote *vote = cr_template_get_room_vote (template, i);

      if (vote->means == CR_ROOM_TARGET)
        return cr_template_find_question (template, vote->question);
    }
  if (aim != NULL && aim->question != NULL)
    return cr_template_find_question (template, aim->question);
  return NULL;
}

/* "Today and the target" sets two questions side by side
 * (cr_gap_find_questions()): say when the two the template names cannot
 * be, and when no two can. */
static void
warn_gap (GPtrArray  *warnings,
          CrTemplate *template)
{
  const CrQuestion *current = NULL, *target = NULL;
  gboolean found = cr_gap_find_questions (template, &current, &target, NULL);
  int today_index = declared_today (template);
  const CrQuestion *today = NULL, *wanted = declared_target (template);

  if (today_index >= 0)
    today = cr_template_find_question (template, cr_template_get_room_vote (template, (guint) today_index)->question);

  if (today != NULL && wanted != NULL && !cr_gap_questions_comparable (today, wanted))
    {
      g_autofree char *room = cr_json_path_index ("recommendation.room", (guint) today_index);
      g_autofree char *path = cr_json_path_member (room, "question");

      if (found)
        /* Translators: each %s is a question id */
        warn (warnings, path, _("'%s' (today) and '%s' (the target) cannot be set side by side: shares go with shares, scores with scores on the same scale; “Today and the target” shows '%s' against '%s' instead"),
              today->id, wanted->id, current->id, target->id);
      else
        /* Translators: each %s is a question id */
        warn (warnings, path, _("'%s' (today) and '%s' (the target) cannot be set side by side: shares go with shares, scores with scores on the same scale; the results cannot show “Today and the target”"),
              today->id, wanted->id);
      return;
    }

  if (!found)
    warn (warnings, "questions",
          _("no two questions can be set side by side (shares with shares, scores with scores on the same scale), so the results cannot show “Today and the target”"));
}

GPtrArray *
cr_template_warnings (CrTemplate *template)
{
  g_autoptr(GPtrArray) warnings = g_ptr_array_new_with_free_func (g_free);

  g_return_val_if_fail (CR_IS_TEMPLATE (template), NULL);

  warn_agenda (warnings, template);
  warn_rules (warnings, template);
  warn_gap (warnings, template);
  return g_steal_pointer (&warnings);
}
