/* cr-agenda.h: a workshop's agenda: its template's steps, and the steps a re-run adds
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

/* Whether @step_id names a step only a re-run has. */
gboolean            cr_agenda_is_rerun_step (const char *step_id);

G_END_DECLS
