/* cr-workshop-private.h: row-level writes shared by CrWorkshop and the importer
 *
 * These run inside the caller's transaction (cr_store_begin ... commit) and
 * touch only the database, never a loaded CrWorkshop.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "cr-workshop.h"

G_BEGIN_DECLS

/* @id: 0 for a new row id; @uuid: NULL for a new one; @previous: NULL
 * for none. */
gint64   _cr_store_insert_workshop    (CrStore              *store,
                                       gint64                id,
                                       const char           *title,
                                       const char           *organisation,
                                       const char           *facilitator,
                                       const char           *date,
                                       const char           *function_name,
                                       const char           *template_id,
                                       const char           *template_json, /* NULL for a built-in */
                                       const char           *uuid,
                                       const char           *previous,
                                       GError              **error);
/* The row id of the workshop with @uuid, trashed or not (*trashed says
 * which); 0 when none, -1 with @error set when the library cannot be read. */
gint64   _cr_store_find_workshop_by_uuid (CrStore           *store,
                                          const char        *uuid,
                                          gboolean          *trashed,
                                          GError           **error);
gboolean _cr_store_insert_context     (CrStore              *store,
                                       gint64                workshop_id,
                                       const char           *field_id,
                                       const CrContextValue *value,
                                       GError              **error);
gint64   _cr_store_insert_participant (CrStore              *store,
                                       gint64                workshop_id,
                                       const char           *key,
                                       const char           *name,          /* NULL: anonymous seat */
                                       const char           *role,
                                       GError              **error);
gint64   _cr_store_insert_note        (CrStore              *store,
                                       gint64                workshop_id,
                                       const char           *option_id,
                                       CrNoteKind            kind,
                                       const char           *text,
                                       gint64                participant_id, /* 0 for none */
                                       GError              **error);
gint64   _cr_store_insert_round       (CrStore              *store,
                                       gint64                workshop_id,
                                       const char           *question_id,
                                       guint                 number,
                                       gboolean              revealed,
                                       GError              **error);
gboolean _cr_store_insert_vote        (CrStore              *store,
                                       gint64                round_id,
                                       const CrVote         *vote,
                                       GError              **error);
/* An action, or with @reviewed one of last time's actions as a re-run
 * reviews them. */
gint64   _cr_store_insert_action      (CrStore              *store,
                                       gboolean              reviewed,
                                       gint64                workshop_id,
                                       const char           *text,
                                       const char           *owner,
                                       const char           *due,           /* NULL for none */
                                       CrActionStatus        status,
                                       const char           *outcome,
                                       GError              **error);
/* @decision's agreed holds the participants' database ids. */
gboolean _cr_store_insert_decision    (CrStore              *store,
                                       gint64                workshop_id,
                                       const CrDecision     *decision,
                                       GError              **error);
/* A step's mark and time spent; replaces what the step had. */
gboolean _cr_store_insert_step_state  (CrStore              *store,
                                       gint64                workshop_id,
                                       const char           *step_id,
                                       gboolean              marked,
                                       gint64                elapsed,
                                       GError              **error);
/* The agenda step the workshop reopens on. */
gboolean _cr_store_set_current_step   (CrStore              *store,
                                       gint64                workshop_id,
                                       const char           *step_id,
                                       GError              **error);

G_END_DECLS

G_BEGIN_DECLS

/* Constructors and setters of the list items; only CrWorkshop changes them,
 * after the database has taken the change. */
CrParticipant *_cr_participant_new (gint64      id,
                                    const char *key,
                                    const char *name,
                                    const char *role,
                                    guint       seat);
/* The number an anonymous seat shows ("Seat 3"). */
guint          _cr_participant_get_seat (CrParticipant *self);
void           _cr_participant_set (CrParticipant *self,
                                    const char    *name,
                                    const char    *role);

CrNote        *_cr_note_new (gint64      id,
                             const char *option_id,
                             CrNoteKind  kind,
                             const char *text,
                             gint64      participant_id);
void           _cr_note_set (CrNote     *self,
                             const char *option_id,
                             CrNoteKind  kind,
                             const char *text);
void           _cr_note_clear_participant (CrNote *self);
/* Gives a note back the participant it named, when a removal is undone. */
void           _cr_note_set_participant   (CrNote *self,
                                           gint64  participant_id);

CrAction      *_cr_action_new (gint64          id,
                               const char     *text,
                               const char     *owner,
                               const char     *due,
                               CrActionStatus  status,
                               const char     *outcome);
void           _cr_action_set_status (CrAction       *self,
                                      CrActionStatus  status,
                                      const char     *outcome);
void           _cr_action_set (CrAction   *self,
                               const char *text,
                               const char *owner,
                               const char *due);

CrRound       *_cr_round_new          (gint64      id,
                                       const char *question_id,
                                       guint       number,
                                       gboolean    revealed);
void           _cr_round_set_revealed (CrRound    *self,
                                       gboolean    revealed);
void           _cr_round_add_vote     (CrRound      *self,
                                       const CrVote *vote);
/* Drops the votes of one participant (0: the show of hands). */
void           _cr_round_remove_votes (CrRound    *self,
                                       gint64      participant_id);
/* Replaces every vote, in order; undo puts a round back exactly as it was. */
void           _cr_round_set_votes    (CrRound      *self,
                                       const CrVote *votes,
                                       guint         n_votes);

G_END_DECLS
