/* cr-agenda.h: a workshop's agenda: its template's steps, the steps every
 * workshop has, and the steps a re-run adds
 *
 * Every workshop has a set-up, a context step when its template records
 * context, the canvas, a vote on each question, the results, the
 * recommendation with the decision, the actions and the export: a step
 * the template leaves out is added where the built-in templates have it,
 * with an id made from its page ("canvas", "vote-QUESTION").
 *
 * A re-run starts by reviewing last time's actions, before the context,
 * and shows what moved since last time once the room has voted, before
 * the recommendation; the steps of the template stay as they are.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "cr-template.h"

G_BEGIN_DECLS

/* The ids of the steps a re-run adds; their pages are named the same. */
#define CR_AGENDA_REVIEW "review-actions"
#define CR_AGENDA_SINCE  "since-last-time"

typedef struct _CrAgenda CrAgenda;

CrAgenda           *cr_agenda_new         (CrTemplate *template,
                                           gboolean    rerun);
void                cr_agenda_free        (CrAgenda   *agenda);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CrAgenda, cr_agenda_free)

guint               cr_agenda_get_n_steps (CrAgenda   *agenda);
const CrAgendaStep *cr_agenda_get_step    (CrAgenda   *agenda,
                                           guint       i);
/* The step's place in the agenda, or -1. */
int                 cr_agenda_find        (CrAgenda   *agenda,
                                           const char *step_id);
/* Whether @step is one the template does not have: a step every workshop
 * has that it left out, or a re-run's. */
gboolean            cr_agenda_is_added    (CrAgenda           *agenda,
                                           const CrAgendaStep *step);

G_END_DECLS
