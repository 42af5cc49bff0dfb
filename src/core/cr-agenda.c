/* cr-agenda.c: a workshop's agenda: its template's steps, with a re-run's
 * review of last time's actions and what moved since
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "crossroads-model"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "cr-agenda.h"

struct _CrAgenda
{
  GPtrArray *steps;   /* const CrAgendaStep*: the template's, and own ones */
  GPtrArray *own;     /* CrAgendaStep*: the steps added here */
};

static void
own_step_free (CrAgendaStep *step)
{
  g_free (step->id);
  g_free (step->title);
  g_free (step->page);
  g_free (step->question);
  g_free (step->description);
  g_free (step);
}

static CrAgendaStep *
own_step_new (const char *id,
              const char *title,
              const char *description,
              int         minutes)
{
  CrAgendaStep *step = g_new0 (CrAgendaStep, 1);

  step->id = g_strdup (id);
  step->page = g_strdup (id);
  step->title = g_strdup (title);
  step->description = g_strdup (description);
  step->minutes = minutes;
  return step;
}

/* After the room has voted and seen its results, before the
 * recommendation (or the actions, or the export, or at the end): what
 * moved is worth a look once today's votes are in. */
static void
insert_since (CrAgenda *agenda)
{
  static const char * const before_pages[] = { "recommendation", "actions", "export" };
  guint at = agenda->steps->len;
  CrAgendaStep *step;

  for (guint p = 0; p < G_N_ELEMENTS (before_pages) && at == agenda->steps->len; p++)
    for (guint i = 0; i < agenda->steps->len; i++)
      if (g_str_equal (((const CrAgendaStep *) g_ptr_array_index (agenda->steps, i))->page, before_pages[p]))
        {
          at = i;
          break;
        }
  step = own_step_new (CR_AGENDA_SINCE,
                       /* Translators: a step of a re-run's agenda */
                       _("Since Last Time"),
                       _("Show the room what moved since the last workshop: the context, where it stands today, where it wants to be, and the recommendation."),
                       10);
  g_ptr_array_add (agenda->own, step);
  g_ptr_array_insert (agenda->steps, (int) at, step);
}

CrAgenda *
cr_agenda_new (CrTemplate *template,
               gboolean    rerun)
{
  CrAgenda *agenda;
  guint n, review_at = 0;

  g_return_val_if_fail (CR_IS_TEMPLATE (template), NULL);

  agenda = g_new0 (CrAgenda, 1);
  agenda->steps = g_ptr_array_new ();
  agenda->own = g_ptr_array_new_with_free_func ((GDestroyNotify) own_step_free);

  n = cr_template_get_n_steps (template);
  for (guint i = 0; i < n; i++)
    g_ptr_array_add (agenda->steps, (gpointer) cr_template_get_step (template, i));
  if (!rerun)
    return agenda;
  /* A template of one's own that has a step by that id keeps its own. */
  if (cr_agenda_find (agenda, CR_AGENDA_SINCE) < 0)
    insert_since (agenda);
  if (cr_agenda_find (agenda, CR_AGENDA_REVIEW) >= 0)
    return agenda;

  /* Before the context, where the room first looks at how things stand;
   * without a context step, after the set-up. */
  for (guint i = 0; i < agenda->steps->len; i++)
    {
      const char *page = ((const CrAgendaStep *) g_ptr_array_index (agenda->steps, i))->page;

      if (g_str_equal (page, "context"))
        {
          review_at = i;
          break;
        }
      if (g_str_equal (page, "setup"))
        review_at = i + 1;
    }
  g_ptr_array_add (agenda->own,
                   own_step_new (CR_AGENDA_REVIEW,
                                 /* Translators: a step of a re-run's agenda */
                                 _("Last Time’s Actions"),
                                 _("Go through the actions agreed last time: what was done, what was dropped, what is still open, and what came of it."),
                                 15));
  g_ptr_array_insert (agenda->steps, (int) review_at, g_ptr_array_index (agenda->own, agenda->own->len - 1));
  return agenda;
}

void
cr_agenda_free (CrAgenda *agenda)
{
  if (agenda == NULL)
    return;
  g_ptr_array_unref (agenda->steps);
  g_ptr_array_unref (agenda->own);
  g_free (agenda);
}

guint
cr_agenda_get_n_steps (CrAgenda *agenda)
{
  g_return_val_if_fail (agenda != NULL, 0);
  return agenda->steps->len;
}

const CrAgendaStep *
cr_agenda_get_step (CrAgenda *agenda,
                    guint     i)
{
  g_return_val_if_fail (agenda != NULL, NULL);
  g_return_val_if_fail (i < agenda->steps->len, NULL);
  return g_ptr_array_index (agenda->steps, i);
}

int
cr_agenda_find (CrAgenda   *agenda,
                const char *step_id)
{
  g_return_val_if_fail (agenda != NULL, -1);

  for (guint i = 0; i < agenda->steps->len; i++)
    if (g_strcmp0 (((const CrAgendaStep *) g_ptr_array_index (agenda->steps, i))->id, step_id) == 0)
      return (int) i;
  return -1;
}

gboolean
cr_agenda_is_rerun_step (const char *step_id)
{
  return g_strcmp0 (step_id, CR_AGENDA_REVIEW) == 0 || g_strcmp0 (step_id, CR_AGENDA_SINCE) == 0;
}
