/* cr-decision.h: what the room decided, as the facilitator recorded it
 *
 * A plain value: CrWorkshop keeps one (or none), checks it against its
 * template and participants, stores it and undoes changes to it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct
{
  char   *start_with;  /* option id, or NULL; for unordered options the one chosen */
  char   *aim_for;     /* option id, or NULL; always NULL when options are not ordered */
  char   *rationale;   /* never NULL; "" when none */
  GArray *agreed;      /* gint64 participant ids who agreed, ascending, no repeats */
} CrDecision;

CrDecision *cr_decision_new        (void);
CrDecision *cr_decision_copy       (const CrDecision *decision);
void        cr_decision_free       (CrDecision       *decision);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CrDecision, cr_decision_free)

/* Nothing chosen, no reasoning, nobody agreed: the same as no decision. */
gboolean    cr_decision_is_empty   (const CrDecision *decision);
gboolean    cr_decision_equal      (const CrDecision *a,
                                    const CrDecision *b);
gboolean    cr_decision_has_agreed (const CrDecision *decision,
                                    gint64            participant_id);
/* Adds (or removes) a participant, keeping the ids ascending. */
void        cr_decision_set_agreed (CrDecision       *decision,
                                    gint64            participant_id,
                                    gboolean          agreed);

G_END_DECLS
