/* cr-agenda.c: a workshop's agenda: its template's steps, the steps every
 * workshop has where the template leaves them out, and a re-run's review of
 * last time's actions and what moved since
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

/* The pages in the order the built-in templates run them; a step the
 * template leaves out goes where this order puts it. */
static const char * const page_order[] = {
  "setup", "context", "canvas", "vote", "results", "recommendation", "actions", "export"
};

static guint
page_rank (const char *page)
{
  for (guint i = 0; i < G_N_ELEMENTS (page_order); i++)
    if (g_strcmp0 (page, page_order[i]) == 0)
      return i;
  return G_N_ELEMENTS (page_order);
}

static const CrAgendaStep *
step_at (CrAgenda *agenda,
         guint     i)
{
  return g_ptr_array_index (agenda->steps, i);
}

static gboolean
has_page (CrAgenda   *agenda,
          const char *page)
{
  for (guint i = 0; i < agenda->steps->len; i++)
    if (g_str_equal (step_at (agenda, i)->page, page))
      return TRUE;
  return FALSE;
}

/* @base, or @base-2, -3...: the first that no step has taken. The id
 * follows from the template alone, so a workshop's marks on the step,
 * stored and carried in bundles by id, find it again. */
static char *
free_step_id (CrAgenda   *agenda,
              const char *base)
{
  char *id = g_strdup (base);

  for (guint n = 2; cr_agenda_find (agenda, id) >= 0; n++)
    {
      g_free (id);
      id = g_strdup_printf ("%s-%u", base, n);
    }
  return id;
}

static void
add_derived (CrAgenda     *agenda,
             CrAgendaStep *step,
             guint         at)
{
  g_ptr_array_add (agenda->own, step);
  g_ptr_array_insert (agenda->steps, (int) at, step);
}

/* Before the first step of a later page, so that a step left out lands
 * where the built-in templates have it. */
static guint
place_of_page (CrAgenda *agenda,
               guint     rank)
{
  for (guint i = 0; i < agenda->steps->len; i++)
    if (page_rank (step_at (agenda, i)->page) > rank)
      return i;
  return agenda->steps->len;
}

/* A vote the template leaves out goes among the other votes in the order of
 * the questions ("today" before "ambition"), or where votes go. */
static guint
place_of_vote (CrAgenda   *agenda,
               CrTemplate *template,
               int         question_index)
{
  guint after_last_vote = 0;
  gboolean any_vote = FALSE;

  for (guint i = 0; i < agenda->steps->len; i++)
    {
      const CrAgendaStep *step = step_at (agenda, i);
      int other;

      if (!g_str_equal (step->page, "vote"))
        continue;
      other = -1;
      for (guint q = 0; q < cr_template_get_n_questions (template); q++)
        if (g_strcmp0 (cr_template_get_question (template, q)->id, step->question) == 0)
          other = (int) q;
      if (other > question_index)
        return i;
      after_last_vote = i + 1;
      any_vote = TRUE;
    }
  return any_vote ? after_last_vote : place_of_page (agenda, page_rank ("vote"));
}

static gboolean
question_has_vote (CrAgenda   *agenda,
                   const char *question)
{
  for (guint i = 0; i < agenda->steps->len; i++)
    if (g_str_equal (step_at (agenda, i)->page, "vote")
        && g_strcmp0 (step_at (agenda, i)->question, question) == 0)
      return TRUE;
  return FALSE;
}

static void
derive_page (CrAgenda   *agenda,
             const char *page,
             const char *title,
             const char *description,
             int         minutes)
{
  g_autofree char *id = NULL;
  CrAgendaStep *step;

  if (has_page (agenda, page))
    return;
  id = free_step_id (agenda, page);
  step = own_step_new (id, title, description, minutes);
  g_free (step->page);
  step->page = g_strdup (page);
  add_derived (agenda, step, place_of_page (agenda, page_rank (page)));
}

/* A workshop can always be run to its end, whatever its template's agenda
 * leaves out (a template without one, or one written before the room
 * voted on every question): the set-up names the room, every question is
 * put to the vote, and the canvas, the results, the recommendation with
 * the decision, the actions and the export are there. A template that has
 * them all, as the built-in ones do, keeps its agenda as it is. */
static void
complete_agenda (CrAgenda   *agenda,
                 CrTemplate *template)
{
  derive_page (agenda, "setup",
               /* Translators: a step every workshop has, added when its template leaves it out */
               _("Welcome and Set-Up"),
               _("Introduce the aim of the session and name the people in the room."),
               10);
  if (cr_template_get_n_context (template) > 0)
    derive_page (agenda, "context",
                 /* Translators: a step every workshop has, added when its template leaves it out */
                 _("Our Context"),
                 _("Record the facts about the organisation that the recommendation weighs."),
                 15);
  derive_page (agenda, "canvas",
               /* Translators: a step every workshop has, added when its template leaves it out */
               _("The Options Side by Side"),
               _("Walk through each option and collect the strengths, risks and questions the room sees."),
               30);

  for (guint q = 0; q < cr_template_get_n_questions (template); q++)
    {
      const CrQuestion *question = cr_template_get_question (template, q);
      g_autofree char *base = NULL;
      g_autofree char *id = NULL;
      CrAgendaStep *step;

      if (question_has_vote (agenda, question->id))
        continue;
      base = g_strconcat ("vote-", question->id, NULL);
      id = free_step_id (agenda, base);
      /* The prompt is what the room is asked, and what the built-in
       * templates' vote steps are called. */
      step = own_step_new (id, question->prompt, NULL, 10);
      g_free (step->page);
      step->page = g_strdup ("vote");
      step->question = g_strdup (question->id);
      add_derived (agenda, step, place_of_vote (agenda, template, (int) q));
    }

  derive_page (agenda, "results",
               /* Translators: a step every workshop has, added when its template leaves it out */
               _("What the Room Said"),
               _("Reveal and discuss the results. Re-vote if the discussion changed minds."),
               15);
  derive_page (agenda, "recommendation",
               /* Translators: a step every workshop has, added when its template leaves it out */
               _("Recommendation and Decision"),
               _("Hold the votes up against the context and record what the room decides."),
               15);
  derive_page (agenda, "actions",
               /* Translators: a step every workshop has, added when its template leaves it out */
               _("First Steps"),
               _("Agree the first steps, each with an owner and a date."),
               15);
  derive_page (agenda, "export",
               /* Translators: a step every workshop has, added when its template leaves it out */
               _("Summary"),
               _("Recap the decision and send everyone the summary."),
               5);
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
  complete_agenda (agenda, template);
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
cr_agenda_is_added (CrAgenda           *agenda,
                    const CrAgendaStep *step)
{
  g_return_val_if_fail (agenda != NULL, FALSE);

  for (guint i = 0; i < agenda->own->len; i++)
    if (g_ptr_array_index (agenda->own, i) == step)
      return TRUE;
  return FALSE;
}
