/* cr-workshop-agenda.c: a workshop's progress through its agenda: which
 * steps' work is there, the facilitator's marks, time spent, the current step
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "crossroads-model"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "cr-workshop.h"
#include "cr-workshop-private.h"

/* ---------------------------------------------------------------------- */
/* Progress through the agenda                                             */

static int
step_position (CrWorkshop *self,
               const char *step_id)
{
  return cr_agenda_find (self->agenda, step_id);
}

guint
cr_workshop_get_n_steps (CrWorkshop *self)
{
  g_return_val_if_fail (CR_IS_WORKSHOP (self), 0);
  return cr_agenda_get_n_steps (self->agenda);
}

const CrAgendaStep *
cr_workshop_get_step (CrWorkshop *self,
                      guint       i)
{
  g_return_val_if_fail (CR_IS_WORKSHOP (self), NULL);
  return cr_agenda_get_step (self->agenda, i);
}

int
cr_workshop_find_step (CrWorkshop *self,
                       const char *step_id)
{
  g_return_val_if_fail (CR_IS_WORKSHOP (self), -1);
  return cr_agenda_find (self->agenda, step_id);
}

static gboolean
check_step (CrWorkshop  *self,
            const char  *step_id,
            GError     **error)
{
  if (step_position (self, step_id) >= 0)
    return TRUE;
  return cr_store_set_invalid (error,
                               /* Translators: first %s is an agenda step id, second a template id */
                               _("'%s' is not an agenda step of template '%s'"),
                               step_id ? step_id : "", cr_template_get_id (self->template));
}

static gboolean
any_round_revealed (CrWorkshop *self,
                    const char *question_id)  /* NULL: of any question */
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->rounds));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(CrRound) round = g_list_model_get_item (G_LIST_MODEL (self->rounds), i);

      if (cr_round_get_revealed (round) &&
          (question_id == NULL || g_strcmp0 (cr_round_get_question (round), question_id) == 0))
        return TRUE;
    }
  return FALSE;
}

/* The context is filled when every field but free text is answered (a
 * text field is a remark, not a fact the recommendation needs). */
static gboolean
context_filled (CrWorkshop *self)
{
  guint n = cr_template_get_n_context (self->template);

  if (g_hash_table_size (self->context) == 0)
    return FALSE;
  for (guint i = 0; i < n; i++)
    {
      const CrContextField *field = cr_template_get_context (self->template, i);

      if (field->kind != CR_CONTEXT_TEXT && !g_hash_table_contains (self->context, field->id))
        return FALSE;
    }
  return TRUE;
}

/* Every one of last time's actions has an answer: done, dropped, or an
 * outcome said for one still open. */
static gboolean
review_answered (CrWorkshop *self)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->review));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(CrAction) action = g_list_model_get_item (G_LIST_MODEL (self->review), i);

      if (cr_action_get_status (action) == CR_ACTION_OPEN && cr_action_get_outcome (action)[0] == '\0')
        return FALSE;
    }
  return n > 0;
}

/* The rules of cr_workshop_get_step_work_done(), by the kind of page. */
static gboolean
step_work_done (CrWorkshop         *self,
                const CrAgendaStep *step)
{
  const char *page = step->page;

  if (g_str_equal (page, "setup"))
    return g_list_model_get_n_items (G_LIST_MODEL (self->participants)) > 0;
  if (g_str_equal (page, "context"))
    return context_filled (self);
  if (g_str_equal (page, "canvas"))
    return g_list_model_get_n_items (G_LIST_MODEL (self->notes)) > 0;
  if (g_str_equal (page, "vote"))
    return any_round_revealed (self, step->question);
  if (g_str_equal (page, "results"))
    return any_round_revealed (self, NULL);
  /* A recommendation to show is not the work: the room deciding is. */
  if (g_str_equal (page, "recommendation"))
    return self->decision != NULL && !cr_decision_is_empty (self->decision);
  if (g_str_equal (page, "actions"))
    return g_list_model_get_n_items (G_LIST_MODEL (self->actions)) > 0;
  if (g_str_equal (page, CR_AGENDA_REVIEW))
    return review_answered (self);
  /* "export": sending the summary leaves nothing in the workshop to see. */
  return FALSE;
}

static StepState *
lookup_step (CrWorkshop *self,
             const char *step_id)
{
  return g_hash_table_lookup (self->steps, step_id);
}

/* After any change (and its undo or redo): the steps whose work appeared
 * or went say so, and the agenda follows. */
void
_cr_workshop_refresh_work_done (CrWorkshop *self,
                                gboolean    notify)
{
  guint n = cr_agenda_get_n_steps (self->agenda);

  if (self->work_done == NULL)
    self->work_done = g_new0 (gboolean, MAX (n, 1));
  for (guint i = 0; i < n; i++)
    {
      const CrAgendaStep *step = cr_agenda_get_step (self->agenda, i);
      gboolean done = step_work_done (self, step);

      if (done == self->work_done[i])
        continue;
      self->work_done[i] = done;
      if (notify)
        g_signal_emit (self, _cr_workshop_signals[CR_WORKSHOP_SIGNAL_STEP_CHANGED], 0, step->id);
    }
}

static gboolean
write_step (CrWorkshop  *self,
            const char  *step_id,
            gboolean     marked,
            gint64       elapsed,
            GError     **error)
{
  StepState *state = lookup_step (self, step_id);

  if (state != NULL ? (state->marked == marked && state->elapsed == elapsed)
                    : (!marked && elapsed == 0))
    return TRUE;

  if (!cr_store_begin (self->store, error))
    return FALSE;
  if (!_cr_store_insert_step_state (self->store, self->id, step_id, marked, elapsed, error) ||
      !cr_store_commit (self->store, error))
    goto fail;

  if (state == NULL)
    {
      state = g_new0 (StepState, 1);
      g_hash_table_insert (self->steps, g_strdup (step_id), state);
    }
  state->marked = marked;
  state->elapsed = elapsed;
  g_signal_emit (self, _cr_workshop_signals[CR_WORKSHOP_SIGNAL_STEP_CHANGED], 0, step_id);
  return TRUE;

fail:
  cr_store_rollback (self->store);
  return FALSE;
}

gboolean
cr_workshop_get_step_work_done (CrWorkshop *self,
                                const char *step_id)
{
  int i;

  g_return_val_if_fail (CR_IS_WORKSHOP (self), FALSE);
  g_return_val_if_fail (step_id != NULL, FALSE);

  i = step_position (self, step_id);
  return i >= 0 && step_work_done (self, cr_agenda_get_step (self->agenda, (guint) i));
}

gboolean
cr_workshop_get_step_marked (CrWorkshop *self,
                             const char *step_id)
{
  StepState *state;

  g_return_val_if_fail (CR_IS_WORKSHOP (self), FALSE);
  g_return_val_if_fail (step_id != NULL, FALSE);

  state = lookup_step (self, step_id);
  return state != NULL && state->marked;
}

gboolean
cr_workshop_get_step_done (CrWorkshop *self,
                           const char *step_id)
{
  g_return_val_if_fail (CR_IS_WORKSHOP (self), FALSE);
  g_return_val_if_fail (step_id != NULL, FALSE);

  return cr_workshop_get_step_marked (self, step_id) ||
         cr_workshop_get_step_work_done (self, step_id);
}

gint64
cr_workshop_get_step_elapsed (CrWorkshop *self,
                              const char *step_id)
{
  StepState *state;

  g_return_val_if_fail (CR_IS_WORKSHOP (self), 0);
  g_return_val_if_fail (step_id != NULL, 0);

  state = lookup_step (self, step_id);
  return state != NULL ? state->elapsed : 0;
}

gboolean
cr_workshop_set_step_marked (CrWorkshop  *self,
                             const char  *step_id,
                             gboolean     marked,
                             GError     **error)
{
  g_return_val_if_fail (CR_IS_WORKSHOP (self), FALSE);

  if (!check_step (self, step_id, error))
    return FALSE;
  return write_step (self, step_id, !!marked, cr_workshop_get_step_elapsed (self, step_id), error);
}

gboolean
cr_workshop_set_step_elapsed (CrWorkshop  *self,
                              const char  *step_id,
                              gint64       seconds,
                              GError     **error)
{
  g_return_val_if_fail (CR_IS_WORKSHOP (self), FALSE);

  if (!check_step (self, step_id, error))
    return FALSE;
  if (seconds < 0)
    return cr_store_set_invalid (error,
                                 /* Translators: %lld is a number of seconds */
                                 _("A step's timer cannot run backwards (%lld seconds)."),
                                 (long long) seconds);
  /* A timer stops at the most a bundle holds (68 years), so the workshop
   * always exports a bundle that imports again. */
  seconds = MIN (seconds, G_MAXINT);
  return write_step (self, step_id, cr_workshop_get_step_marked (self, step_id), seconds, error);
}

const char *
cr_workshop_get_current_step (CrWorkshop *self)
{
  g_return_val_if_fail (CR_IS_WORKSHOP (self), NULL);

  /* A step the template no longer has (a custom one, edited) is forgotten. */
  if (self->current_step != NULL && !check_step (self, self->current_step, NULL))
    return NULL;
  return self->current_step;
}

gboolean
cr_workshop_set_current_step (CrWorkshop  *self,
                              const char  *step_id,
                              GError     **error)
{
  g_return_val_if_fail (CR_IS_WORKSHOP (self), FALSE);

  if (!check_step (self, step_id, error))
    return FALSE;
  if (g_strcmp0 (step_id, self->current_step) == 0)
    return TRUE;

  if (!cr_store_begin (self->store, error))
    return FALSE;
  if (!_cr_store_set_current_step (self->store, self->id, step_id, error) ||
      !cr_store_commit (self->store, error))
    goto fail;

  g_clear_pointer (&self->current_step, g_free);
  self->current_step = g_strdup (step_id);
  return TRUE;

fail:
  cr_store_rollback (self->store);
  return FALSE;
}
