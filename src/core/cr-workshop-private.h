/* cr-workshop-private.h: what the files of CrWorkshop share, and the
 * row-level writes and list items the importer and the items use
 *
 * CrWorkshop is one class in several files (cr-workshop.c and
 * cr-workshop-PART.c), each including this header: the struct, its
 * properties and signals, the undo entry, and the helpers one part calls in
 * another, named _cr_workshop_*. The row-level writes (_cr_store_*, in
 * cr-workshop-rows.c) run inside the caller's transaction
 * (cr_store_begin ... commit) and touch only the database, never a loaded
 * CrWorkshop.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "cr-workshop.h"

G_BEGIN_DECLS

/* ---- The class, shared by cr-workshop.c and cr-workshop-*.c ------------- */

typedef struct _UndoEntry UndoEntry;

struct _CrWorkshop
{
  GObject     parent_instance;

  CrStore    *store;
  CrTemplate *template;
  gint64      id;
  char       *uuid;           /* the same on every laptop */
  char       *previous;       /* the UUID of the workshop this one re-runs, or NULL */
  char       *title;
  char       *organisation;
  char       *facilitator;
  char       *date;
  char       *function_name;

  GHashTable *context;        /* field id -> CrContextValue* */
  GListStore *participants;
  GListStore *notes;
  GListStore *rounds;
  GListStore *actions;
  GListStore *review;         /* CrAction: last time's actions, as this re-run reviews them */
  CrAgenda   *agenda;         /* the template's steps, and a re-run's own */
  /* participant id -> CrParticipant* in participants, built on demand and
   * dropped whenever the list changes: an export names 20,000 voters. */
  GHashTable *participants_by_id;

  CrDecision *decision;       /* NULL: none recorded */
  GHashTable *steps;          /* agenda step id -> StepState* */
  gboolean   *work_done;      /* per agenda step, as last computed */
  char       *current_step;   /* the step it was left on, or NULL */
  GPtrArray  *undo;           /* UndoEntry*, newest last */
  GPtrArray  *redo;           /* UndoEntry*: what undo took back, newest last */
  char       *created;        /* when the row was made: tells a reused id apart */
};

typedef enum {
  CR_WORKSHOP_PROP_0,
  CR_WORKSHOP_PROP_ID,
  CR_WORKSHOP_PROP_TITLE,
  CR_WORKSHOP_PROP_ORGANISATION,
  CR_WORKSHOP_PROP_FACILITATOR,
  CR_WORKSHOP_PROP_DATE,
  CR_WORKSHOP_PROP_FUNCTION_NAME,
  CR_WORKSHOP_PROP_CAN_UNDO,
  CR_WORKSHOP_PROP_UNDO_LABEL,
  CR_WORKSHOP_PROP_CAN_REDO,
  CR_WORKSHOP_PROP_REDO_LABEL,
  CR_WORKSHOP_N_PROPS
} CrWorkshopProp;

typedef enum {
  CR_WORKSHOP_SIGNAL_CONTEXT_CHANGED,
  CR_WORKSHOP_SIGNAL_STEP_CHANGED,
  CR_WORKSHOP_SIGNAL_DECISION_CHANGED,
  CR_WORKSHOP_SIGNAL_HISTORY_CHANGED,
  CR_WORKSHOP_SIGNAL_DESTRUCTIVE_CHANGE,
  CR_WORKSHOP_N_SIGNALS
} CrWorkshopSignal;

/* Defined in cr-workshop.c; every part notifies and emits through them. */
extern GParamSpec *_cr_workshop_properties[CR_WORKSHOP_N_PROPS];
extern guint _cr_workshop_signals[CR_WORKSHOP_N_SIGNALS];

/* Progress through one agenda step; a step without a row is not marked and
 * has no time on its timer. */
typedef struct
{
  gboolean marked;           /* the facilitator marked it done */
  gint64   elapsed;
} StepState;

typedef enum
{
  UNDO_DETAILS,
  UNDO_CONTEXT,
  UNDO_ADD_PARTICIPANT,
  UNDO_UPDATE_PARTICIPANT,
  UNDO_REMOVE_PARTICIPANT,
  UNDO_ADD_NOTE,
  UNDO_UPDATE_NOTE,
  UNDO_REMOVE_NOTE,
  UNDO_OPEN_ROUND,
  UNDO_REVEAL_ROUND,
  UNDO_RECORD_VOTES,
  UNDO_ADD_ACTION,
  UNDO_UPDATE_ACTION,
  UNDO_REMOVE_ACTION,
  UNDO_DECISION,
  UNDO_REMOVE_ROUND,       /* only ever on the redo stack: a round opened again */
  UNDO_ACTION_STATUS,      /* an action's status and outcome, or a reviewed one's */
} UndoKind;

/* A vote row with the id the database gave it. */
typedef struct
{
  gint64 id;
  CrVote vote;             /* strings interned */
} VoteRow;

/* One participant's votes in one round before a change: the rows the change
 * deleted, and the round's whole list as the model held it, in order. */
typedef struct
{
  CrRound *round;
  gint64   participant_id; /* 0: the show of hands */
  GArray  *rows;           /* VoteRow */
  GArray  *before;         /* CrVote */
} VotesSnapshot;

/* What it takes to put one change back (on the undo stack), or to make it
 * again (on the redo stack): applying an entry returns the one that goes
 * the other way. Entries only ever refer to items that are in their lists
 * again by the time they are applied, because each stack goes newest first;
 * so they keep the very objects and reinsert them, ids and all. */
struct _UndoEntry
{
  UndoKind    kind;
  const char *label;       /* untranslated, marked with N_(): the change the user made */
  char       *summary;     /* a destructive change: what went, for a toast; else NULL */
  gpointer    item;        /* the CrParticipant, CrNote, CrRound or CrAction concerned */
  guint       position;    /* UNDO_REMOVE_*: where the item stood in its list */
  gboolean    revealed;    /* UNDO_REVEAL_ROUND: the state to put back */
  union
  {
    struct { char *title, *organisation, *facilitator, *date, *function_name; } details;
    struct { char *field_id; CrContextValue *value; /* NULL: was unanswered */ } context;
    struct { char *name, *role; } participant;
    struct { const char *option; CrNoteKind kind; char *text; } note;
    struct { char *text, *owner, *due; } action;
    struct { CrActionStatus status; char *outcome; } status;
    VotesSnapshot *votes;
    struct { GPtrArray *votes; /* VotesSnapshot */ GPtrArray *notes; /* CrNote they wrote */
             gboolean agreed; /* to the decision */ } removal;
    CrDecision *decision;  /* NULL: there was none */
  } u;
};

/* cr-workshop.c: checks shared by every writer, and loading */
gboolean _cr_workshop_check_details (const char  *title,
                                     const char  *organisation,
                                     const char  *date,
                                     GError     **error);
gboolean _cr_workshop_check_text (const char  *text,
                                  const char  *what,
                                  GError     **error);
gboolean _cr_workshop_has_room (GListStore *store,
                                guint       limit);
guint _cr_workshop_seat_number (const char *key,
                                guint       before);

/* cr-workshop-rows.c: rows with a given id (0: SQLite chooses), for undo */
void _cr_workshop_bind_id_or_null (sqlite3_stmt *stmt,
                                   int           index,
                                   gint64        id);
void _cr_workshop_bind_text_or_null (sqlite3_stmt *stmt,
                                     int           index,
                                     const char   *text);
gint64 _cr_workshop_insert_action_row (CrStore         *store,
                                       gboolean         reviewed,
                                       gint64           id,
                                       gint64           workshop_id,
                                       const char      *text,
                                       const char      *owner,
                                       const char      *due,
                                       CrActionStatus   status,
                                       const char      *outcome,
                                       GError         **error);
gint64 _cr_workshop_insert_note_row (CrStore     *store,
                                     gint64       id,
                                     gint64       workshop_id,
                                     const char  *option_id,
                                     CrNoteKind   kind,
                                     const char  *text,
                                     gint64       participant_id,
                                     GError     **error);
gint64 _cr_workshop_insert_participant_row (CrStore     *store,
                                            gint64       id,
                                            gint64       workshop_id,
                                            const char  *key,
                                            const char  *name,
                                            const char  *role,
                                            GError     **error);
gint64 _cr_workshop_insert_round_row (CrStore     *store,
                                      gint64       id,
                                      gint64       workshop_id,
                                      const char  *question_id,
                                      guint        number,
                                      gboolean     revealed,
                                      GError     **error);
gboolean _cr_workshop_insert_vote_row (CrStore       *store,
                                       gint64         id,
                                       gint64         round_id,
                                       const CrVote  *vote,
                                       GError       **error);

/* cr-workshop-rounds.c: rounds, votes, one count per person */
gboolean _cr_workshop_participant_has_votes (CrRound *round,
                                             gint64   participant_id);
gboolean _cr_workshop_read_round_votes (CrWorkshop    *self,
                                        gint64         round_id,
                                        GArray        *votes,
                                        GStringChunk  *strings,
                                        GError       **error);
void _cr_workshop_refuse_putting_back (GError           **error,
                                       guint              number,
                                       const CrQuestion  *question);
void _cr_workshop_reread_after_refusal (CrWorkshop *self);
gboolean _cr_workshop_stored_rounds_count_once (CrWorkshop        *self,
                                                gint64             only_round_id,
                                                guint             *bad_number,
                                                const CrQuestion **bad_question,
                                                GError           **error);
gboolean _cr_workshop_write_revealed (CrWorkshop  *self,
                                      CrRound     *round,
                                      gboolean     revealed,
                                      GError     **error);

/* cr-workshop-undo.c: the undo stack */
void _cr_workshop_push_undo (CrWorkshop *self,
                             UndoEntry  *entry);
VotesSnapshot *_cr_workshop_snapshot_votes (CrWorkshop  *self,
                                            CrRound     *round,
                                            gint64       participant_id,
                                            GError     **error);
void _cr_workshop_undo_entry_free (UndoEntry *entry);
UndoEntry *_cr_workshop_undo_entry_new (UndoKind    kind,
                                        const char *label,
                                        gpointer    item);
void _cr_workshop_votes_snapshot_free (VotesSnapshot *snapshot);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (VotesSnapshot, _cr_workshop_votes_snapshot_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (UndoEntry, _cr_workshop_undo_entry_free)

/* cr-workshop-changes.c: the writes undo puts changes back with */
UndoEntry *_cr_workshop_delete_item (CrWorkshop  *self,
                                     UndoKind     kind,
                                     gpointer     item,
                                     const char  *label,
                                     GError     **error);
gboolean _cr_workshop_write_action (CrWorkshop  *self,
                                    CrAction    *action,
                                    const char  *text,
                                    const char  *owner,
                                    const char  *due,
                                    GError     **error);
gboolean _cr_workshop_write_action_status (CrWorkshop      *self,
                                           CrAction        *action,
                                           CrActionStatus   status,
                                           const char      *outcome,
                                           GError         **error);
gboolean _cr_workshop_write_context (CrWorkshop            *self,
                                     const char            *field_id,
                                     const CrContextValue  *value,
                                     GError               **error);
gboolean _cr_workshop_write_decision (CrWorkshop        *self,
                                      const CrDecision  *decision,
                                      GError           **error);
gboolean _cr_workshop_write_details (CrWorkshop  *self,
                                     const char  *title,
                                     const char  *organisation,
                                     const char  *facilitator,
                                     const char  *date,
                                     const char  *function_name,
                                     GError     **error);
gboolean _cr_workshop_write_note (CrWorkshop  *self,
                                  CrNote      *note,
                                  const char  *option_id,
                                  CrNoteKind   kind,
                                  const char  *text,
                                  GError     **error);
gboolean _cr_workshop_write_participant (CrWorkshop     *self,
                                         CrParticipant  *participant,
                                         const char     *name,
                                         const char     *role,
                                         GError        **error);

/* cr-workshop-agenda.c: which steps' work is there */
void _cr_workshop_refresh_work_done (CrWorkshop *self,
                                     gboolean    notify);

G_END_DECLS

/* ---- Row-level writes (cr-workshop-rows.c) ------------------------------ */

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
