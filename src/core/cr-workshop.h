/* cr-workshop.h: one workshop, loaded from the store, and every change to it
 *
 * Each mutating call is one transaction: it either writes all of its change
 * and updates the object and its list models, or writes nothing and leaves
 * them as they were.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "cr-action.h"
#include "cr-agenda.h"
#include "cr-decision.h"
#include "cr-note.h"
#include "cr-participant.h"
#include "cr-round.h"
#include "cr-store.h"
#include "cr-template.h"
#include "cr-vote.h"

G_BEGIN_DECLS

/* A context answer: a number or a string. */
typedef struct
{
  gboolean  is_number;
  double    number;
  char     *text;
} CrContextValue;

void            cr_context_value_free (CrContextValue *value);
CrContextValue *cr_context_value_copy (const CrContextValue *value);
/* Whether two answers are the same; NULL is "not answered". */
gboolean        cr_context_value_equal (const CrContextValue *a,
                                        const CrContextValue *b);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CrContextValue, cr_context_value_free)

#define CR_TYPE_WORKSHOP (cr_workshop_get_type ())
G_DECLARE_FINAL_TYPE (CrWorkshop, cr_workshop, CR, WORKSHOP, GObject)

CrWorkshop  *cr_workshop_create       (CrStore     *store,
                                       CrTemplate  *template,
                                       const char  *title,
                                       const char  *organisation,
                                       const char  *facilitator,
                                       const char  *date,
                                       const char  *function_name,
                                       GError     **error);
CrWorkshop  *cr_workshop_load         (CrStore     *store,
                                       gint64       id,
                                       GError     **error);
gboolean     cr_workshop_delete       (CrStore     *store,
                                       gint64       id,
                                       GError     **error);

CrStore     *cr_workshop_get_store         (CrWorkshop *self);
CrTemplate  *cr_workshop_get_template      (CrWorkshop *self);
gint64       cr_workshop_get_id            (CrWorkshop *self);
const char  *cr_workshop_get_title         (CrWorkshop *self);
const char  *cr_workshop_get_organisation  (CrWorkshop *self);
const char  *cr_workshop_get_facilitator   (CrWorkshop *self);
const char  *cr_workshop_get_date          (CrWorkshop *self);
const char  *cr_workshop_get_function_name (CrWorkshop *self);
/* The workshop's identifier, a UUID that stays the same in every library
 * and bundle it travels through. */
const char  *cr_workshop_get_uuid          (CrWorkshop *self);
/* The UUID of the workshop this one re-runs, or NULL; that workshop may
 * not be in this library. */
const char  *cr_workshop_get_previous_uuid (CrWorkshop *self);
/* The row id of the workshop this one re-runs, when this library has it
 * (and it is not in the trash), or 0. */
gint64       cr_workshop_get_rerun_of      (CrWorkshop *self);

gboolean     cr_workshop_set_details  (CrWorkshop  *self,
                                       const char  *title,
                                       const char  *organisation,
                                       const char  *facilitator,
                                       const char  *date,
                                       const char  *function_name,
                                       GError     **error);

/* Context answers, keyed by context field id. NULL value unsets. */
const CrContextValue *cr_workshop_get_context (CrWorkshop           *self,
                                               const char           *field_id);
gboolean     cr_workshop_set_context  (CrWorkshop           *self,
                                       const char           *field_id,
                                       const CrContextValue *value,
                                       GError              **error);
/* field id -> CrContextValue*, owned by the workshop. */
GHashTable  *cr_workshop_get_context_table (CrWorkshop *self);

/* List models, kept in step with every change made through this object. */
GListModel  *cr_workshop_get_participants (CrWorkshop *self);  /* CrParticipant */
GListModel  *cr_workshop_get_notes        (CrWorkshop *self);  /* CrNote */
GListModel  *cr_workshop_get_rounds       (CrWorkshop *self);  /* CrRound */
GListModel  *cr_workshop_get_actions      (CrWorkshop *self);  /* CrAction */

CrParticipant *cr_workshop_find_participant (CrWorkshop *self,
                                             gint64      participant_id);

CrParticipant *cr_workshop_add_participant    (CrWorkshop     *self,
                                               const char     *name,
                                               const char     *role,
                                               GError        **error);
gboolean       cr_workshop_update_participant (CrWorkshop     *self,
                                               CrParticipant  *participant,
                                               const char     *name,
                                               const char     *role,
                                               GError        **error);
gboolean       cr_workshop_remove_participant (CrWorkshop     *self,
                                               CrParticipant  *participant,
                                               GError        **error);
/* How many votes a participant has cast (each score of a score ballot
 * counts), and in how many rounds: what removing them takes with them. */
guint          cr_workshop_count_votes_of     (CrWorkshop     *self,
                                               gint64          participant_id,
                                               guint          *n_rounds);

CrNote      *cr_workshop_add_note     (CrWorkshop  *self,
                                       const char  *option_id,
                                       CrNoteKind   kind,
                                       const char  *text,
                                       gint64       participant_id,
                                       GError     **error);
/* Edits or moves a note to another option or lane. */
gboolean     cr_workshop_update_note  (CrWorkshop  *self,
                                       CrNote      *note,
                                       const char  *option_id,
                                       CrNoteKind   kind,
                                       const char  *text,
                                       GError     **error);
gboolean     cr_workshop_remove_note  (CrWorkshop  *self,
                                       CrNote      *note,
                                       GError     **error);

/* Opens the next numbered round of a question, hidden until revealed. */
CrRound     *cr_workshop_open_round   (CrWorkshop  *self,
                                       const char  *question_id,
                                       GError     **error);
gboolean     cr_workshop_reveal_round (CrWorkshop  *self,
                                       CrRound     *round,
                                       GError     **error);
/* The newest round of a question (revealed only, if asked), or NULL. */
CrRound     *cr_workshop_find_latest_round (CrWorkshop *self,
                                            const char *question_id,
                                            gboolean    revealed_only);

/* Replaces one participant's votes in a round (participant_id 0: replaces the
 * show-of-hands counts). The votes are checked against the question first. */
gboolean     cr_workshop_record_votes (CrWorkshop   *self,
                                       CrRound      *round,
                                       gint64        participant_id,
                                       const CrVote *votes,
                                       guint         n_votes,
                                       GError      **error);

/* Sets what became of an action: one of this workshop's, or one of last
 * time's in its review (cr_workshop_get_review). @outcome is one line, ""
 * or NULL for none. Undoable. */
gboolean     cr_workshop_set_action_status (CrWorkshop      *self,
                                            CrAction        *action,
                                            CrActionStatus   status,
                                            const char      *outcome,
                                            GError         **error);
/* Last time's actions as this re-run reviews them (CrAction), copied from
 * the predecessor when the re-run was made; empty for a first workshop. */
GListModel  *cr_workshop_get_review     (CrWorkshop  *self);

CrAction    *cr_workshop_add_action    (CrWorkshop  *self,
                                        const char  *text,
                                        const char  *owner,
                                        const char  *due,
                                        GError     **error);
gboolean     cr_workshop_update_action (CrWorkshop  *self,
                                        CrAction    *action,
                                        const char  *text,
                                        const char  *owner,
                                        const char  *due,
                                        GError     **error);
gboolean     cr_workshop_remove_action (CrWorkshop  *self,
                                        CrAction    *action,
                                        GError     **error);

/* A real calendar date in YYYY-MM-DD form. */
gboolean     cr_date_is_valid (const char *date);

/* ---- The room's decision ---------------------------------------------- */

/* What the room decided (start with, aim for, why, who agreed), or NULL;
 * it may differ from the recommendation. Setting NULL or an empty decision
 * clears it. Undoable; "decision-changed" follows every change. */
const CrDecision *cr_workshop_get_decision (CrWorkshop        *self);
gboolean          cr_workshop_set_decision (CrWorkshop        *self,
                                            const CrDecision  *decision,
                                            GError           **error);

/* ---- Re-runs and deletion ------------------------------------------------ */

/* A new workshop for the same client, carrying the context and participants
 * of @source and linked to it (its previous UUID is @source's); notes,
 * rounds and actions start empty. Returns the new workshop. */
CrWorkshop  *cr_workshop_rerun        (CrWorkshop  *source,
                                       const char  *title,
                                       const char  *date,
                                       GError     **error);

/* Deletion in two steps, so the library can offer Undo: a trashed workshop
 * is hidden from listings and exports until it is restored or purged. */
gboolean     cr_workshop_trash        (CrStore     *store,
                                       gint64       id,
                                       GError     **error);
gboolean     cr_workshop_restore      (CrStore     *store,
                                       gint64       id,
                                       GError     **error);
/* Deletes every trashed workshop for good (at start-up, or when the Undo
 * toast goes away). */
gboolean     cr_workshop_purge_trash  (CrStore     *store,
                                       GError     **error);

/* ---- Progress through the agenda ---------------------------------------- */

/* The workshop's agenda: its template's steps, the steps every workshop
 * has where the template leaves them out, and, for a re-run, the review of
 * last time's actions and what moved since (cr-agenda.h). */
guint               cr_workshop_get_n_steps (CrWorkshop *self);
const CrAgendaStep *cr_workshop_get_step    (CrWorkshop *self,
                                             guint       i);
/* The step's place in the agenda, or -1. */
int                 cr_workshop_find_step   (CrWorkshop *self,
                                             const char *step_id);

/* Whether a step's work is there, by the kind of its page:
 *   setup           someone is in the room (a participant or a seat);
 *   context         every field but free text is answered;
 *   canvas          the room has written a note;
 *   vote            a round of the step's question is revealed;
 *   results         a round of any question is revealed;
 *   recommendation  the room's decision is recorded (a recommendation to
 *                   show is not enough: deciding is the step's work);
 *   actions         an action is recorded;
 *   review-actions  each of last time's actions is done, dropped, or has
 *                   an outcome;
 *   export          never: sending the summary leaves nothing to see.
 * Moving past a step proves nothing, so it does not count. */
gboolean     cr_workshop_get_step_work_done (CrWorkshop *self,
                                             const char *step_id);
/* The facilitator's own mark, for work the rules cannot see. */
gboolean     cr_workshop_get_step_marked  (CrWorkshop  *self,
                                           const char  *step_id);
gboolean     cr_workshop_set_step_marked  (CrWorkshop  *self,
                                           const char  *step_id,
                                           gboolean     marked,
                                           GError     **error);
/* Done: its work is there, or the facilitator marked it. "step-changed"
 * says when this, the mark or the time spent changes. */
gboolean     cr_workshop_get_step_done    (CrWorkshop  *self,
                                           const char  *step_id);
/* Time spent on a step's timer, in seconds, saved when the timer pauses or
 * the step changes. */
gint64       cr_workshop_get_step_elapsed (CrWorkshop  *self,
                                           const char  *step_id);
gboolean     cr_workshop_set_step_elapsed (CrWorkshop  *self,
                                           const char  *step_id,
                                           gint64       seconds,
                                           GError     **error);

/* The agenda step the facilitator was on when they left the workshop, so it
 * reopens there; NULL before any (then the first step). */
const char  *cr_workshop_get_current_step (CrWorkshop  *self);
gboolean     cr_workshop_set_current_step (CrWorkshop  *self,
                                           const char  *step_id,
                                           GError     **error);

/* ---- Changes another connection made ---------------------------------- */

/* The phone server (src/phones/) saves ballots and new seats through a
 * connection of its own. These read them back into this object, keeping its
 * items, and any view bound to them: participants new in the library are
 * appended and those gone removed; a round's votes are replaced when they
 * differ. Neither is a change of this object's own, so neither can be
 * undone here. */
gboolean     cr_workshop_reread_participants (CrWorkshop  *self,
                                              GError     **error);
gboolean     cr_workshop_reread_round        (CrWorkshop  *self,
                                              gint64       round_id,
                                              GError     **error);

/* ---- Undo ---------------------------------------------------------------- */

/* Every change made through this object (details, context, participants,
 * notes, rounds, votes, actions, the decision; not step progress) can be
 * undone, newest first, for as long as the object lives, and what was undone
 * redone until a new change is made. Undo and redo are each one
 * transaction, and give back the same rows, ids included. The "can-undo",
 * "undo-label", "can-redo" and "redo-label" properties follow the stacks;
 * "history-changed" says that either moved, and "destructive-change" that
 * a change took something away (for an Undo toast). */
gboolean     cr_workshop_can_undo     (CrWorkshop  *self);
/* A short label for the menu and the toast, e.g. "Add note"; NULL if none. */
const char  *cr_workshop_get_undo_label (CrWorkshop *self);
gboolean     cr_workshop_undo         (CrWorkshop  *self,
                                       GError     **error);
gboolean     cr_workshop_can_redo     (CrWorkshop  *self);
/* The label of the change that redo makes again, e.g. "Add note". */
const char  *cr_workshop_get_redo_label (CrWorkshop *self);
gboolean     cr_workshop_redo         (CrWorkshop  *self,
                                       GError     **error);

/* Whether the library still holds this very workshop as it was loaded (not
 * trashed, deleted or replaced since), so a view can keep using it and its
 * history instead of loading it again. */
gboolean     cr_workshop_is_current   (CrWorkshop  *self);

G_END_DECLS
