/* cr-workshop.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "crossroads-model"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "cr-workshop.h"
#include "cr-workshop-private.h"
#include "cr-limits.h"

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

G_DEFINE_FINAL_TYPE (CrWorkshop, cr_workshop, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_TITLE,
  PROP_ORGANISATION,
  PROP_FACILITATOR,
  PROP_DATE,
  PROP_FUNCTION_NAME,
  PROP_CAN_UNDO,
  PROP_UNDO_LABEL,
  PROP_CAN_REDO,
  PROP_REDO_LABEL,
  N_PROPS
};

enum {
  CONTEXT_CHANGED,
  STEP_CHANGED,
  DECISION_CHANGED,
  HISTORY_CHANGED,
  DESTRUCTIVE_CHANGE,
  N_SIGNALS
};

/* Progress through one agenda step; a step without a row is not marked and
 * has no time on its timer. */
typedef struct
{
  gboolean marked;           /* the facilitator marked it done */
  gint64   elapsed;
} StepState;

typedef struct _UndoEntry UndoEntry;
static void undo_entry_free (UndoEntry *entry);
static void refresh_work_done (CrWorkshop *self,
                               gboolean    notify);

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

/* ---------------------------------------------------------------------- */
/* Context values                                                          */

void
cr_context_value_free (CrContextValue *value)
{
  if (value == NULL)
    return;
  g_free (value->text);
  g_free (value);
}

CrContextValue *
cr_context_value_copy (const CrContextValue *value)
{
  CrContextValue *copy;

  g_return_val_if_fail (value != NULL, NULL);

  copy = g_new0 (CrContextValue, 1);
  copy->is_number = value->is_number;
  copy->number = value->number;
  copy->text = g_strdup (value->text);
  return copy;
}

gboolean
cr_context_value_equal (const CrContextValue *a,
                        const CrContextValue *b)
{
  if (a == NULL || b == NULL)
    return a == b;
  if (a->is_number != b->is_number)
    return FALSE;
  return a->is_number ? a->number == b->number : g_strcmp0 (a->text, b->text) == 0;
}

/* ---------------------------------------------------------------------- */
/* Dates                                                                   */

gboolean
cr_date_is_valid (const char *date)
{
  guint y, m, d;

  if (date == NULL || strlen (date) != 10 || date[4] != '-' || date[7] != '-')
    return FALSE;
  for (guint i = 0; i < 10; i++)
    if (i != 4 && i != 7 && !g_ascii_isdigit (date[i]))
      return FALSE;

  y = (guint) g_ascii_strtoull (date, NULL, 10);
  m = (guint) g_ascii_strtoull (date + 5, NULL, 10);
  d = (guint) g_ascii_strtoull (date + 8, NULL, 10);
  return y >= 1 && g_date_valid_dmy ((GDateDay) d, (GDateMonth) m, (GDateYear) y);
}

/* ---------------------------------------------------------------------- */
/* Row-level writes                                                        */

static void
bind_text_or_null (sqlite3_stmt *stmt,
                   int           index,
                   const char   *text)
{
  if (text == NULL)
    sqlite3_bind_null (stmt, index);
  else
    sqlite3_bind_text (stmt, index, text, -1, SQLITE_TRANSIENT);
}

static void
bind_id_or_null (sqlite3_stmt *stmt,
                 int           index,
                 gint64        id)
{
  if (id == 0)
    sqlite3_bind_null (stmt, index);
  else
    sqlite3_bind_int64 (stmt, index, id);
}

static gint64
insert_returning_id (CrStore       *store,
                     sqlite3_stmt  *stmt,
                     const char    *doing,
                     GError       **error)
{
  if (!cr_store_step_done (store, stmt, error))
    return 0;
  return sqlite3_last_insert_rowid (cr_store_get_db (store));
}

gint64
_cr_store_insert_workshop (CrStore     *store,
                           gint64       id,
                           const char  *title,
                           const char  *organisation,
                           const char  *facilitator,
                           const char  *date,
                           const char  *function_name,
                           const char  *template_id,
                           const char  *template_json,
                           const char  *uuid,
                           const char  *previous,
                           GError     **error)
{
  g_autofree char *fresh = NULL;
  sqlite3_stmt *stmt;

  if (uuid == NULL)
    uuid = fresh = g_uuid_string_random ();

  stmt = cr_store_prepare (store,
                           "INSERT INTO workshops (id, title, organisation, facilitator, date,"
                           " function_name, template_id, template_json, uuid, previous)"
                           " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)", error);
  if (stmt == NULL)
    return 0;
  bind_id_or_null (stmt, 1, id);
  sqlite3_bind_text (stmt, 2, title, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, organisation, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 4, facilitator ? facilitator : "", -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 5, date, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 6, function_name ? function_name : "", -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 7, template_id, -1, SQLITE_TRANSIENT);
  bind_text_or_null (stmt, 8, template_json);
  sqlite3_bind_text (stmt, 9, uuid, -1, SQLITE_TRANSIENT);
  bind_text_or_null (stmt, 10, previous);
  return insert_returning_id (store, stmt, _("saving the workshop"), error);
}

gint64
_cr_store_find_workshop_by_uuid (CrStore     *store,
                                 const char  *uuid,
                                 gboolean    *trashed,
                                 GError     **error)
{
  sqlite3_stmt *stmt;
  gint64 id = 0;
  int rc;

  stmt = cr_store_prepare (store, "SELECT id, trashed FROM workshops WHERE uuid = ?1", error);
  if (stmt == NULL)
    return -1;
  sqlite3_bind_text (stmt, 1, uuid, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      id = sqlite3_column_int64 (stmt, 0);
      if (trashed != NULL)
        *trashed = sqlite3_column_int (stmt, 1) != 0;
    }
  else if (rc != SQLITE_DONE)
    {
      cr_store_set_error (store, error, _("reading the workshop"));
      id = -1;
    }
  sqlite3_reset (stmt);
  return id;
}

static void
bind_context_value (sqlite3_stmt         *stmt,
                    int                   index,
                    const CrContextValue *value)
{
  /* The column has no type affinity: numbers stay numbers, text stays text. */
  if (!value->is_number)
    sqlite3_bind_text (stmt, index, value->text ? value->text : "", -1, SQLITE_TRANSIENT);
  else if (value->number == floor (value->number) && fabs (value->number) < 9.0e15)
    sqlite3_bind_int64 (stmt, index, (gint64) value->number);
  else
    sqlite3_bind_double (stmt, index, value->number);
}

gboolean
_cr_store_insert_context (CrStore               *store,
                          gint64                 workshop_id,
                          const char            *field_id,
                          const CrContextValue  *value,
                          GError               **error)
{
  sqlite3_stmt *stmt;

  stmt = cr_store_prepare (store,
                           "INSERT OR REPLACE INTO context_answers (workshop_id, field, value)"
                           " VALUES (?1, ?2, ?3)", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, workshop_id);
  sqlite3_bind_text (stmt, 2, field_id, -1, SQLITE_TRANSIENT);
  bind_context_value (stmt, 3, value);
  return cr_store_step_done (store, stmt, error);
}

/* The rows below take an id: 0 lets SQLite choose one; undo passes the id a
 * deleted row had, so everything that referred to it finds it again. */
static gint64
insert_participant_row (CrStore     *store,
                        gint64       id,
                        gint64       workshop_id,
                        const char  *key,
                        const char  *name,
                        const char  *role,
                        GError     **error)
{
  sqlite3_stmt *stmt;

  stmt = cr_store_prepare (store,
                           "INSERT INTO participants (id, workshop_id, key, name, role)"
                           " VALUES (?1, ?2, ?3, ?4, ?5)", error);
  if (stmt == NULL)
    return 0;
  bind_id_or_null (stmt, 1, id);
  sqlite3_bind_int64 (stmt, 2, workshop_id);
  sqlite3_bind_text (stmt, 3, key, -1, SQLITE_TRANSIENT);
  bind_text_or_null (stmt, 4, name);
  sqlite3_bind_text (stmt, 5, role ? role : "", -1, SQLITE_TRANSIENT);
  return insert_returning_id (store, stmt, _("saving a participant"), error);
}

gint64
_cr_store_insert_participant (CrStore     *store,
                              gint64       workshop_id,
                              const char  *key,
                              const char  *name,
                              const char  *role,
                              GError     **error)
{
  return insert_participant_row (store, 0, workshop_id, key, name, role, error);
}

static gint64
insert_note_row (CrStore     *store,
                 gint64       id,
                 gint64       workshop_id,
                 const char  *option_id,
                 CrNoteKind   kind,
                 const char  *text,
                 gint64       participant_id,
                 GError     **error)
{
  sqlite3_stmt *stmt;

  stmt = cr_store_prepare (store,
                           "INSERT INTO notes (id, workshop_id, option, kind, text, participant_id)"
                           " VALUES (?1, ?2, ?3, ?4, ?5, ?6)", error);
  if (stmt == NULL)
    return 0;
  bind_id_or_null (stmt, 1, id);
  sqlite3_bind_int64 (stmt, 2, workshop_id);
  sqlite3_bind_text (stmt, 3, option_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 4, cr_note_kind_to_string (kind), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 5, text, -1, SQLITE_TRANSIENT);
  bind_id_or_null (stmt, 6, participant_id);
  return insert_returning_id (store, stmt, _("saving a note"), error);
}

gint64
_cr_store_insert_note (CrStore     *store,
                       gint64       workshop_id,
                       const char  *option_id,
                       CrNoteKind   kind,
                       const char  *text,
                       gint64       participant_id,
                       GError     **error)
{
  return insert_note_row (store, 0, workshop_id, option_id, kind, text, participant_id, error);
}

static gint64
insert_round_row (CrStore     *store,
                  gint64       id,
                  gint64       workshop_id,
                  const char  *question_id,
                  guint        number,
                  gboolean     revealed,
                  GError     **error)
{
  sqlite3_stmt *stmt;

  stmt = cr_store_prepare (store,
                           "INSERT INTO rounds (id, workshop_id, question, number, revealed)"
                           " VALUES (?1, ?2, ?3, ?4, ?5)", error);
  if (stmt == NULL)
    return 0;
  bind_id_or_null (stmt, 1, id);
  sqlite3_bind_int64 (stmt, 2, workshop_id);
  sqlite3_bind_text (stmt, 3, question_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 4, number);
  sqlite3_bind_int (stmt, 5, revealed ? 1 : 0);
  return insert_returning_id (store, stmt, _("opening a round"), error);
}

gint64
_cr_store_insert_round (CrStore     *store,
                        gint64       workshop_id,
                        const char  *question_id,
                        guint        number,
                        gboolean     revealed,
                        GError     **error)
{
  return insert_round_row (store, 0, workshop_id, question_id, number, revealed, error);
}

static gboolean
insert_vote_row (CrStore       *store,
                 gint64         id,
                 gint64         round_id,
                 const CrVote  *vote,
                 GError       **error)
{
  sqlite3_stmt *stmt;

  stmt = cr_store_prepare (store,
                           "INSERT INTO votes (id, round_id, participant_id, option, criterion, value)"
                           " VALUES (?1, ?2, ?3, ?4, ?5, ?6)", error);
  if (stmt == NULL)
    return FALSE;
  bind_id_or_null (stmt, 1, id);
  sqlite3_bind_int64 (stmt, 2, round_id);
  bind_id_or_null (stmt, 3, vote->participant_id);
  sqlite3_bind_text (stmt, 4, vote->option, -1, SQLITE_TRANSIENT);
  bind_text_or_null (stmt, 5, vote->criterion);
  sqlite3_bind_int (stmt, 6, vote->value);
  return cr_store_step_done (store, stmt, error);
}

gboolean
_cr_store_insert_vote (CrStore       *store,
                       gint64         round_id,
                       const CrVote  *vote,
                       GError       **error)
{
  return insert_vote_row (store, 0, round_id, vote, error);
}

/* An action, or with @reviewed one of last time's actions in a re-run's review. */
static gint64
insert_action_row (CrStore         *store,
                   gboolean         reviewed,
                   gint64           id,
                   gint64           workshop_id,
                   const char      *text,
                   const char      *owner,
                   const char      *due,
                   CrActionStatus   status,
                   const char      *outcome,
                   GError         **error)
{
  sqlite3_stmt *stmt;

  stmt = cr_store_prepare (store,
                           reviewed
                           ? "INSERT INTO reviewed_actions (id, workshop_id, text, owner, due, status, outcome)"
                             " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)"
                           : "INSERT INTO actions (id, workshop_id, text, owner, due, status, outcome)"
                             " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)", error);
  if (stmt == NULL)
    return 0;
  bind_id_or_null (stmt, 1, id);
  sqlite3_bind_int64 (stmt, 2, workshop_id);
  sqlite3_bind_text (stmt, 3, text, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 4, owner ? owner : "", -1, SQLITE_TRANSIENT);
  bind_text_or_null (stmt, 5, due);
  sqlite3_bind_text (stmt, 6, cr_action_status_to_string (status), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 7, outcome ? outcome : "", -1, SQLITE_TRANSIENT);
  return insert_returning_id (store, stmt, _("saving an action"), error);
}

gint64
_cr_store_insert_action (CrStore         *store,
                         gboolean         reviewed,
                         gint64           workshop_id,
                         const char      *text,
                         const char      *owner,
                         const char      *due,
                         CrActionStatus   status,
                         const char      *outcome,
                         GError         **error)
{
  return insert_action_row (store, reviewed, 0, workshop_id, text, owner, due, status, outcome, error);
}

gboolean
_cr_store_insert_decision (CrStore           *store,
                           gint64             workshop_id,
                           const CrDecision  *decision,
                           GError           **error)
{
  sqlite3_stmt *stmt;

  stmt = cr_store_prepare (store,
                           "INSERT INTO decisions (workshop_id, start_with, aim_for, rationale)"
                           " VALUES (?1, ?2, ?3, ?4)", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, workshop_id);
  bind_text_or_null (stmt, 2, decision->start_with);
  bind_text_or_null (stmt, 3, decision->aim_for);
  sqlite3_bind_text (stmt, 4, decision->rationale ? decision->rationale : "", -1, SQLITE_TRANSIENT);
  if (!cr_store_step_done (store, stmt, error))
    return FALSE;

  for (guint i = 0; i < decision->agreed->len; i++)
    {
      stmt = cr_store_prepare (store,
                               "INSERT INTO decision_agreed (workshop_id, participant_id)"
                               " VALUES (?1, ?2)", error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, workshop_id);
      sqlite3_bind_int64 (stmt, 2, g_array_index (decision->agreed, gint64, i));
      if (!cr_store_step_done (store, stmt, error))
        return FALSE;
    }
  return TRUE;
}

gboolean
_cr_store_insert_step_state (CrStore     *store,
                             gint64       workshop_id,
                             const char  *step_id,
                             gboolean     marked,
                             gint64       elapsed,
                             GError     **error)
{
  sqlite3_stmt *stmt;

  stmt = cr_store_prepare (store,
                           "INSERT INTO step_states (workshop_id, step, done, elapsed)"
                           " VALUES (?1, ?2, ?3, ?4)"
                           " ON CONFLICT (workshop_id, step)"
                           " DO UPDATE SET done = excluded.done, elapsed = excluded.elapsed", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, workshop_id);
  sqlite3_bind_text (stmt, 2, step_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int (stmt, 3, marked ? 1 : 0);
  sqlite3_bind_int64 (stmt, 4, elapsed);
  return cr_store_step_done (store, stmt, error);
}

gboolean
_cr_store_set_current_step (CrStore     *store,
                            gint64       workshop_id,
                            const char  *step_id,
                            GError     **error)
{
  sqlite3_stmt *stmt;

  stmt = cr_store_prepare (store, "UPDATE workshops SET current_step = ?2 WHERE id = ?1", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, workshop_id);
  sqlite3_bind_text (stmt, 2, step_id, -1, SQLITE_TRANSIENT);
  return cr_store_step_done (store, stmt, error);
}

/* ---------------------------------------------------------------------- */
/* GObject                                                                 */

static void
cr_workshop_finalize (GObject *object)
{
  CrWorkshop *self = (CrWorkshop *)object;

  g_clear_object (&self->store);
  g_clear_object (&self->template);
  g_clear_pointer (&self->uuid, g_free);
  g_clear_pointer (&self->previous, g_free);
  g_clear_pointer (&self->title, g_free);
  g_clear_pointer (&self->organisation, g_free);
  g_clear_pointer (&self->facilitator, g_free);
  g_clear_pointer (&self->date, g_free);
  g_clear_pointer (&self->function_name, g_free);
  g_clear_pointer (&self->context, g_hash_table_unref);
  g_clear_object (&self->participants);
  g_clear_pointer (&self->participants_by_id, g_hash_table_unref);
  g_clear_object (&self->notes);
  g_clear_object (&self->rounds);
  g_clear_object (&self->actions);
  g_clear_object (&self->review);
  g_clear_pointer (&self->agenda, cr_agenda_free);
  g_clear_pointer (&self->decision, cr_decision_free);
  g_clear_pointer (&self->steps, g_hash_table_unref);
  g_clear_pointer (&self->work_done, g_free);
  g_clear_pointer (&self->current_step, g_free);
  g_clear_pointer (&self->undo, g_ptr_array_unref);
  g_clear_pointer (&self->redo, g_ptr_array_unref);
  g_clear_pointer (&self->created, g_free);

  G_OBJECT_CLASS (cr_workshop_parent_class)->finalize (object);
}

static void
cr_workshop_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  CrWorkshop *self = CR_WORKSHOP (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_int64 (value, self->id);
      break;
    case PROP_TITLE:
      g_value_set_string (value, self->title);
      break;
    case PROP_ORGANISATION:
      g_value_set_string (value, self->organisation);
      break;
    case PROP_FACILITATOR:
      g_value_set_string (value, self->facilitator);
      break;
    case PROP_DATE:
      g_value_set_string (value, self->date);
      break;
    case PROP_FUNCTION_NAME:
      g_value_set_string (value, self->function_name);
      break;
    case PROP_CAN_UNDO:
      g_value_set_boolean (value, cr_workshop_can_undo (self));
      break;
    case PROP_UNDO_LABEL:
      g_value_set_string (value, cr_workshop_get_undo_label (self));
      break;
    case PROP_CAN_REDO:
      g_value_set_boolean (value, cr_workshop_can_redo (self));
      break;
    case PROP_REDO_LABEL:
      g_value_set_string (value, cr_workshop_get_redo_label (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cr_workshop_class_init (CrWorkshopClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = cr_workshop_finalize;
  object_class->get_property = cr_workshop_get_property;

  properties[PROP_ID] =
    g_param_spec_int64 ("id", NULL, NULL, 0, G_MAXINT64, 0,
                        G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_ORGANISATION] =
    g_param_spec_string ("organisation", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_FACILITATOR] =
    g_param_spec_string ("facilitator", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_DATE] =
    g_param_spec_string ("date", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_FUNCTION_NAME] =
    g_param_spec_string ("function-name", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CAN_UNDO] =
    g_param_spec_boolean ("can-undo", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_UNDO_LABEL] =
    g_param_spec_string ("undo-label", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CAN_REDO] =
    g_param_spec_boolean ("can-redo", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_REDO_LABEL] =
    g_param_spec_string ("redo-label", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * CrWorkshop::context-changed:
   * @field_id: the context field whose answer changed
   */
  signals[CONTEXT_CHANGED] =
    g_signal_new ("context-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  /**
   * CrWorkshop::step-changed:
   * @step_id: the agenda step whose progress (its work, the facilitator's
   *   mark, the time spent) changed
   */
  signals[STEP_CHANGED] =
    g_signal_new ("step-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  /**
   * CrWorkshop::decision-changed:
   *
   * The room's decision was recorded, changed, cleared or put back by undo.
   */
  signals[DECISION_CHANGED] =
    g_signal_new ("decision-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  /**
   * CrWorkshop::history-changed:
   *
   * A change was made, undone or redone: whatever the undo and redo stacks
   * offered before may no longer be on top.
   */
  signals[HISTORY_CHANGED] =
    g_signal_new ("history-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  /**
   * CrWorkshop::destructive-change:
   * @summary: what went, for a toast, e.g. "“Ana” removed, with 19 votes"
   *
   * A change that took something away (a participant, a note, an action,
   * votes replaced, the decision cleared) was made; undo brings it back.
   * Emitted after #CrWorkshop::history-changed.
   */
  signals[DESTRUCTIVE_CHANGE] =
    g_signal_new ("destructive-change", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
}

static void
forget_participants_by_id (CrWorkshop *self)
{
  g_clear_pointer (&self->participants_by_id, g_hash_table_unref);
}

static void
cr_workshop_init (CrWorkshop *self)
{
  self->context = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                         (GDestroyNotify) cr_context_value_free);
  self->participants = g_list_store_new (CR_TYPE_PARTICIPANT);
  g_signal_connect_object (self->participants, "items-changed",
                           G_CALLBACK (forget_participants_by_id), self, G_CONNECT_SWAPPED);
  self->notes = g_list_store_new (CR_TYPE_NOTE);
  self->rounds = g_list_store_new (CR_TYPE_ROUND);
  self->actions = g_list_store_new (CR_TYPE_ACTION);
  self->review = g_list_store_new (CR_TYPE_ACTION);
  self->steps = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->undo = g_ptr_array_new_with_free_func ((GDestroyNotify) undo_entry_free);
  self->redo = g_ptr_array_new_with_free_func ((GDestroyNotify) undo_entry_free);
}

/* ---------------------------------------------------------------------- */
/* Checks shared by every writer                                           */

static gboolean
invalid (GError     **error,
         const char  *format,
         ...) G_GNUC_PRINTF (2, 3);

static gboolean
invalid (GError     **error,
         const char  *format,
         ...)
{
  va_list args;

  va_start (args, format);
  if (error != NULL)
    *error = g_error_new_valist (CR_STORE_ERROR, CR_STORE_ERROR_INVALID, format, args);
  va_end (args);
  return FALSE;
}

static gboolean check_text (const char  *text,
                            const char  *what,
                            GError     **error);

static gboolean
check_details (const char  *title,
               const char  *organisation,
               const char  *date,
               GError     **error)
{
  if (title == NULL || !g_utf8_validate (title, -1, NULL) || title[strspn (title, " \t\r\n")] == '\0')
    return invalid (error, "%s", _("A workshop needs a title."));
  if (organisation == NULL || !g_utf8_validate (organisation, -1, NULL))
    return invalid (error, "%s", _("The organisation must be text."));
  if (!check_text (title, _("The title"), error) ||
      !check_text (organisation, _("The organisation"), error))
    return FALSE;
  if (!cr_date_is_valid (date))
    return invalid (error,
                    /* Translators: %s is what the user typed */
                    _("'%s' is not a real date; write it as YYYY-MM-DD."),
                    date ? date : "");
  return TRUE;
}

static gboolean
check_text (const char  *text,
            const char  *what,
            GError     **error)
{
  if (text == NULL || !g_utf8_validate (text, -1, NULL))
    return invalid (error,
                    /* Translators: %s is a field, e.g. "the note" */
                    _("%s must be valid UTF-8 text."), what);
  if (g_utf8_strlen (text, -1) > CR_LIMIT_TEXT_CHARS)
    return invalid (error,
                    /* Translators: %s is a field, e.g. "The note"; %u a number of characters */
                    _("%s is longer than %u characters, the most Crossroads keeps in one text; shorten it."),
                    what, (guint) CR_LIMIT_TEXT_CHARS);
  return TRUE;
}

/* Whether a workshop may hold one more item of a list. */
static gboolean
has_room (GListStore *store,
          guint       limit)
{
  return g_list_model_get_n_items (G_LIST_MODEL (store)) < limit;
}

/* The limits a bundle is read with (cr-limits.h), for the votes a round and
 * the whole workshop hold once @participant_id's in @round are replaced:
 * what the window records, a bundle must be able to carry. */
static gboolean
votes_fit (CrWorkshop *self,
           CrRound    *round,
           gint64      participant_id,
           guint       n_votes,
           GError    **error)
{
  guint n_items = g_list_model_get_n_items (G_LIST_MODEL (self->rounds));
  guint in_round = 0, in_all = 0, replaced = 0;

  for (guint i = 0; i < n_items; i++)
    {
      g_autoptr(CrRound) r = g_list_model_get_item (G_LIST_MODEL (self->rounds), i);
      const CrVote *votes;
      guint n = 0;

      votes = cr_round_get_votes (r, &n);
      in_all += n;
      if (r != round)
        continue;
      in_round = n;
      for (guint j = 0; j < n; j++)
        replaced += votes[j].participant_id == participant_id;
    }

  if (in_round - replaced + n_votes > CR_LIMIT_VOTES_PER_ROUND)
    /* Translators: %u is a number of votes */
    return invalid (error, _("A voting round holds at most %u votes."), (guint) CR_LIMIT_VOTES_PER_ROUND);
  if (in_all - replaced + n_votes > CR_LIMIT_VOTES)
    /* Translators: %u is a number of votes */
    return invalid (error, _("A workshop holds at most %u votes in all its rounds."), (guint) CR_LIMIT_VOTES);
  return TRUE;
}

gboolean
cr_votes_check (CrTemplate        *template,
                const CrQuestion  *question,
                gboolean           show_of_hands,
                const CrVote      *votes,
                guint              n_votes,
                guint             *bad_index,
                GError           **error)
{
  gboolean has_criteria;
  gint64 dots = 0;
  guint dummy;

  g_return_val_if_fail (CR_IS_TEMPLATE (template), FALSE);
  g_return_val_if_fail (question != NULL, FALSE);
  g_return_val_if_fail (votes != NULL || n_votes == 0, FALSE);

  if (bad_index == NULL)
    bad_index = &dummy;
  *bad_index = n_votes;

  has_criteria = question->method == CR_METHOD_SCORE &&
                 question->criteria != NULL && question->criteria->len > 0;

  if (show_of_hands && question->method == CR_METHOD_SCORE)
    return invalid (error,
                    /* Translators: %s is a question id */
                    _("question '%s' is scored per participant; a show of hands cannot record scores"),
                    question->id);

  for (guint i = 0; i < n_votes; i++)
    {
      const CrVote *vote = &votes[i];

      *bad_index = i;

      if (vote->option == NULL || cr_template_find_option (template, vote->option) == NULL)
        return invalid (error,
                        /* Translators: first %s is an option id, second a template id */
                        _("'%s' is not an option of template '%s'"),
                        vote->option ? vote->option : "", cr_template_get_id (template));

      if (has_criteria)
        {
          if (vote->criterion == NULL)
            return invalid (error,
                            /* Translators: %s is a question id */
                            _("question '%s' is scored per criterion; the vote names none"),
                            question->id);
          if (cr_question_find_criterion (question, vote->criterion) == NULL)
            return invalid (error,
                            /* Translators: first %s is a criterion id, second a question id */
                            _("'%s' is not a criterion of question '%s'"),
                            vote->criterion, question->id);
        }
      else if (vote->criterion != NULL)
        return invalid (error,
                        /* Translators: %s is a question id */
                        _("question '%s' has no criteria; the vote must not name one"),
                        question->id);

      switch (question->method)
        {
        case CR_METHOD_SINGLE:
          if (show_of_hands ? vote->value < 0 : vote->value != 1)
            return invalid (error, "%s", show_of_hands
                            ? _("a count of hands cannot be negative")
                            : _("a single-choice vote has the value 1"));
          break;

        case CR_METHOD_DOTS:
          if (vote->value < (show_of_hands ? 0 : 1))
            return invalid (error, "%s", show_of_hands
                            ? _("a count of hands cannot be negative")
                            : _("a participant places at least one dot on an option"));
          dots += vote->value;
          break;

        case CR_METHOD_SCORE:
          if (vote->value < question->scale_min || vote->value > question->scale_max)
            return invalid (error,
                            /* Translators: %d are numbers: the score given and the scale */
                            _("the score %d is outside the scale %d to %d"),
                            vote->value, question->scale_min, question->scale_max);
          break;

        default:
          g_assert_not_reached ();
        }

      /* Nobody chooses the same thing twice: one entry per option (and criterion). */
      if (question->method != CR_METHOD_DOTS || show_of_hands)
        for (guint j = 0; j < i; j++)
          if (votes[j].option == vote->option || g_strcmp0 (votes[j].option, vote->option) == 0)
            if (g_strcmp0 (votes[j].criterion, vote->criterion) == 0)
              {
                if (question->method == CR_METHOD_SCORE)
                  return invalid (error,
                                  /* Translators: first %s an option id, second a criterion id or "-" */
                                  _("a second score for option '%s' and criterion '%s' from the same participant"),
                                  vote->option, vote->criterion ? vote->criterion : "-");
                return invalid (error,
                                /* Translators: %s is an option id */
                                _("option '%s' appears twice"), vote->option);
              }

      if (question->method == CR_METHOD_SINGLE && !show_of_hands && i > 0)
        return invalid (error, "%s",
                        _("more than one vote from the same participant in a single-choice round"));
    }

  if (question->method == CR_METHOD_DOTS && !show_of_hands && dots > question->budget)
    {
      *bad_index = n_votes;
      return invalid (error,
                      /* Translators: %d are numbers of dots */
                      _("the participant's dots add up to %d, over the budget of %d"),
                      (int) dots, question->budget);
    }

  return TRUE;
}

/* ---------------------------------------------------------------------- */
/* Loading                                                                 */

/* An anonymous seat's number, after the seat before it numbered @before:
 * the number of its key (p3: Seat 3) where that comes later, else the next
 * one. Keys never repeat, so removing a seat renumbers nobody, a new seat
 * repeats no number, and a fresh load names everyone as before. */
static guint
seat_number (const char *key,
             guint       before)
{
  guint64 number;

  if (key[0] == 'p' &&
      g_ascii_string_to_unsigned (key + 1, 10, (guint64) before + 1, G_MAXUINT32, &number, NULL))
    return (guint) number;
  return before + 1;
}

static gboolean
load_rows (CrWorkshop  *self,
           GError     **error)
{
  CrStore *store = self->store;
  sqlite3_stmt *stmt;
  int rc;
  guint seat = 0;

  stmt = cr_store_prepare (store, "SELECT field, value FROM context_answers WHERE workshop_id = ?1", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, self->id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      CrContextValue *value = g_new0 (CrContextValue, 1);

      if (sqlite3_column_type (stmt, 1) == SQLITE_TEXT)
        value->text = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
      else
        {
          value->is_number = TRUE;
          value->number = sqlite3_column_double (stmt, 1);
        }
      g_hash_table_insert (self->context, g_strdup ((const char *) sqlite3_column_text (stmt, 0)), value);
    }
  if (rc != SQLITE_DONE)
    goto fail;

  stmt = cr_store_prepare (store, "SELECT id, key, name, role FROM participants WHERE workshop_id = ?1 ORDER BY id", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, self->id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_autoptr(CrParticipant) p = NULL;

      seat = seat_number ((const char *) sqlite3_column_text (stmt, 1), seat);
      p = _cr_participant_new (sqlite3_column_int64 (stmt, 0),
                               (const char *) sqlite3_column_text (stmt, 1),
                               (const char *) sqlite3_column_text (stmt, 2),
                               (const char *) sqlite3_column_text (stmt, 3),
                               seat);
      g_list_store_append (self->participants, p);
    }
  if (rc != SQLITE_DONE)
    goto fail;

  stmt = cr_store_prepare (store, "SELECT id, option, kind, text, participant_id FROM notes WHERE workshop_id = ?1 ORDER BY id", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, self->id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      CrNoteKind kind = CR_NOTE_STRENGTH;
      g_autoptr(CrNote) note = NULL;

      cr_note_kind_from_string ((const char *) sqlite3_column_text (stmt, 2), &kind);
      note = _cr_note_new (sqlite3_column_int64 (stmt, 0),
                           (const char *) sqlite3_column_text (stmt, 1),
                           kind,
                           (const char *) sqlite3_column_text (stmt, 3),
                           sqlite3_column_int64 (stmt, 4));
      g_list_store_append (self->notes, note);
    }
  if (rc != SQLITE_DONE)
    goto fail;

  stmt = cr_store_prepare (store, "SELECT id, question, number, revealed FROM rounds WHERE workshop_id = ?1 ORDER BY id", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, self->id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_autoptr(CrRound) round = _cr_round_new (sqlite3_column_int64 (stmt, 0),
                                                (const char *) sqlite3_column_text (stmt, 1),
                                                (guint) sqlite3_column_int64 (stmt, 2),
                                                sqlite3_column_int (stmt, 3) != 0);
      g_list_store_append (self->rounds, round);
    }
  if (rc != SQLITE_DONE)
    goto fail;

  stmt = cr_store_prepare (store,
                           "SELECT v.round_id, v.participant_id, v.option, v.criterion, v.value"
                           " FROM votes v JOIN rounds r ON r.id = v.round_id"
                           " WHERE r.workshop_id = ?1 ORDER BY v.round_id, v.id", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, self->id);
  {
    CrRound *current = NULL;
    guint next = 0, n_rounds = g_list_model_get_n_items (G_LIST_MODEL (self->rounds));

    while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
      {
        gint64 round_id = sqlite3_column_int64 (stmt, 0);
        CrVote vote;

        /* Rounds and votes both come in id order, so one pass pairs them. */
        while (current == NULL || cr_round_get_id (current) != round_id)
          {
            g_clear_object (&current);
            if (next >= n_rounds)
              break;
            current = g_list_model_get_item (G_LIST_MODEL (self->rounds), next++);
          }
        if (current == NULL)
          break;

        vote.participant_id = sqlite3_column_int64 (stmt, 1);
        vote.option = (const char *) sqlite3_column_text (stmt, 2);
        vote.criterion = (const char *) sqlite3_column_text (stmt, 3);
        vote.value = sqlite3_column_int (stmt, 4);
        _cr_round_add_vote (current, &vote);
      }
    g_clear_object (&current);
  }
  if (rc != SQLITE_DONE && rc != SQLITE_ROW)
    goto fail;
  sqlite3_reset (stmt);

  for (guint reviewed = 0; reviewed < 2; reviewed++)
    {
      stmt = cr_store_prepare (store,
                               reviewed
                               ? "SELECT id, text, owner, due, status, outcome FROM reviewed_actions"
                                 " WHERE workshop_id = ?1 ORDER BY id"
                               : "SELECT id, text, owner, due, status, outcome FROM actions"
                                 " WHERE workshop_id = ?1 ORDER BY id", error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, self->id);
      while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
        {
          CrActionStatus status = CR_ACTION_OPEN;
          g_autoptr(CrAction) action = NULL;

          cr_action_status_from_string ((const char *) sqlite3_column_text (stmt, 4), &status);
          action = _cr_action_new (sqlite3_column_int64 (stmt, 0),
                                   (const char *) sqlite3_column_text (stmt, 1),
                                   (const char *) sqlite3_column_text (stmt, 2),
                                   (const char *) sqlite3_column_text (stmt, 3),
                                   status,
                                   (const char *) sqlite3_column_text (stmt, 5));
          g_list_store_append (reviewed ? self->review : self->actions, action);
        }
      if (rc != SQLITE_DONE)
        goto fail;
    }

  stmt = cr_store_prepare (store, "SELECT start_with, aim_for, rationale FROM decisions WHERE workshop_id = ?1", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, self->id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      self->decision = cr_decision_new ();
      self->decision->start_with = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
      self->decision->aim_for = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
      g_free (self->decision->rationale);
      self->decision->rationale = g_strdup ((const char *) sqlite3_column_text (stmt, 2));
      rc = SQLITE_DONE;
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    goto fail;

  if (self->decision != NULL)
    {
      stmt = cr_store_prepare (store, "SELECT participant_id FROM decision_agreed"
                                      " WHERE workshop_id = ?1 ORDER BY participant_id", error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, self->id);
      while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
        {
          gint64 participant_id = sqlite3_column_int64 (stmt, 0);

          g_array_append_val (self->decision->agreed, participant_id);
        }
      if (rc != SQLITE_DONE)
        goto fail;
    }

  stmt = cr_store_prepare (store, "SELECT step, done, elapsed FROM step_states WHERE workshop_id = ?1", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, self->id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      StepState *state = g_new0 (StepState, 1);

      state->marked = sqlite3_column_int (stmt, 1) != 0;
      state->elapsed = sqlite3_column_int64 (stmt, 2);
      g_hash_table_insert (self->steps, g_strdup ((const char *) sqlite3_column_text (stmt, 0)), state);
    }
  if (rc != SQLITE_DONE)
    goto fail;

  return TRUE;

fail:
  cr_store_set_error (store, error, _("reading the workshop"));
  sqlite3_reset (stmt);
  return FALSE;
}

CrWorkshop *
cr_workshop_load (CrStore     *store,
                  gint64       id,
                  GError     **error)
{
  g_autoptr(CrWorkshop) self = NULL;
  g_autoptr(GError) template_error = NULL;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (CR_IS_STORE (store), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  stmt = cr_store_prepare (store,
                           "SELECT title, organisation, facilitator, date, function_name,"
                           " template_id, template_json, uuid, previous, current_step, created FROM workshops"
                           " WHERE id = ?1 AND trashed = 0", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, id);
  rc = sqlite3_step (stmt);
  /* A trashed workshop is out of reach, as if it were gone, until restored. */
  if (rc == SQLITE_DONE)
    {
      sqlite3_reset (stmt);
      g_set_error (error, CR_STORE_ERROR, CR_STORE_ERROR_NOT_FOUND,
                   /* Translators: %lld is a workshop id */
                   _("There is no workshop with ID %lld; run crossroads --list to see them."),
                   (long long) id);
      return NULL;
    }
  if (rc != SQLITE_ROW)
    {
      cr_store_set_error (store, error, _("reading the workshop"));
      sqlite3_reset (stmt);
      return NULL;
    }

  self = g_object_new (CR_TYPE_WORKSHOP, NULL);
  self->store = g_object_ref (store);
  self->id = id;
  self->title = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  self->organisation = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
  self->facilitator = g_strdup ((const char *) sqlite3_column_text (stmt, 2));
  self->date = g_strdup ((const char *) sqlite3_column_text (stmt, 3));
  self->function_name = g_strdup ((const char *) sqlite3_column_text (stmt, 4));
  self->uuid = g_strdup ((const char *) sqlite3_column_text (stmt, 7));
  self->previous = g_strdup ((const char *) sqlite3_column_text (stmt, 8));
  self->current_step = g_strdup ((const char *) sqlite3_column_text (stmt, 9));
  self->created = g_strdup ((const char *) sqlite3_column_text (stmt, 10));

  if (sqlite3_column_type (stmt, 6) == SQLITE_TEXT)
    {
      g_autoptr(GBytes) bytes = g_bytes_new (sqlite3_column_text (stmt, 6),
                                             sqlite3_column_bytes (stmt, 6));
      self->template = cr_template_new_from_bytes (bytes, &template_error);
    }
  else
    self->template = cr_template_lookup_builtin ((const char *) sqlite3_column_text (stmt, 5),
                                                 &template_error);
  sqlite3_reset (stmt);

  if (self->template == NULL)
    {
      g_set_error (error, CR_STORE_ERROR, CR_STORE_ERROR_FAILED,
                   /* Translators: %s is the reason the template could not be read */
                   _("The workshop's template cannot be read: %s"),
                   template_error->message);
      return NULL;
    }

  self->agenda = cr_agenda_new (self->template, self->previous != NULL);
  if (!load_rows (self, error))
    return NULL;
  refresh_work_done (self, FALSE);

  return g_steal_pointer (&self);
}

CrWorkshop *
cr_workshop_create (CrStore     *store,
                    CrTemplate  *template,
                    const char  *title,
                    const char  *organisation,
                    const char  *facilitator,
                    const char  *date,
                    const char  *function_name,
                    GError     **error)
{
  g_autofree char *template_json = NULL;
  gint64 id;

  g_return_val_if_fail (CR_IS_STORE (store), NULL);
  g_return_val_if_fail (CR_IS_TEMPLATE (template), NULL);

  if (!check_details (title, organisation, date, error) ||
      !check_text (facilitator ? facilitator : "", _("The facilitator"), error) ||
      !check_text (function_name ? function_name : "", _("The function name"), error))
    return NULL;

  /* A custom template travels with the workshop, so it opens on any laptop. */
  if (!cr_template_is_builtin (template))
    template_json = json_to_string (cr_template_get_json (template), FALSE);

  if (!cr_store_begin (store, error))
    return NULL;
  id = _cr_store_insert_workshop (store, 0, title, organisation, facilitator, date, function_name,
                                  cr_template_get_id (template), template_json, NULL, NULL, error);
  if (id == 0 || !cr_store_commit (store, error))
    {
      cr_store_rollback (store);
      return NULL;
    }

  return cr_workshop_load (store, id, error);
}

gboolean
cr_workshop_delete (CrStore     *store,
                    gint64       id,
                    GError     **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (CR_IS_STORE (store), FALSE);

  if (!cr_store_begin (store, error))
    return FALSE;
  stmt = cr_store_prepare (store, "DELETE FROM workshops WHERE id = ?1", error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_int64 (stmt, 1, id);
  if (!cr_store_step_done (store, stmt, error))
    goto fail;
  if (sqlite3_changes (cr_store_get_db (store)) == 0)
    {
      g_set_error (error, CR_STORE_ERROR, CR_STORE_ERROR_NOT_FOUND,
                   _("There is no workshop with ID %lld; run crossroads --list to see them."),
                   (long long) id);
      goto fail;
    }
  return cr_store_commit (store, error);

fail:
  cr_store_rollback (store);
  return FALSE;
}

/* ---------------------------------------------------------------------- */
/* Getters                                                                 */

CrStore *
cr_workshop_get_store (CrWorkshop *self)
{
  g_return_val_if_fail (CR_IS_WORKSHOP (self), NULL);
  return self->store;
}

CrTemplate *
cr_workshop_get_template (CrWorkshop *self)
{
  g_return_val_if_fail (CR_IS_WORKSHOP (self), NULL);
  return self->template;
}

gint64
cr_workshop_get_id (CrWorkshop *self)
{
  g_return_val_if_fail (CR_IS_WORKSHOP (self), 0);
  return self->id;
}

const char *
cr_workshop_get_title (CrWorkshop *self)
{
  g_return_val_if_fail (CR_IS_WORKSHOP (self), NULL);
  return self->title;
}

const char *
cr_workshop_get_organisation (CrWorkshop *self)
{
  g_return_val_if_fail (CR_IS_WORKSHOP (self), NULL);
  return self->organisation;
}

const char *
cr_workshop_get_facilitator (CrWorkshop *self)
{
  g_return_val_if_fail (CR_IS_WORKSHOP (self), NULL);
  return self->facilitator;
}

const char *
cr_workshop_get_date (CrWorkshop *self)
{
  g_return_val_if_fail (CR_IS_WORKSHOP (self), NULL);
  return self->date;
}

const char *
cr_workshop_get_function_name (CrWorkshop *self)
{
  g_return_val_if_fail (CR_IS_WORKSHOP (self), NULL);
  return self->function_name;
}

const char *
cr_workshop_get_uuid (CrWorkshop *self)
{
  g_return_val_if_fail (CR_IS_WORKSHOP (self), NULL);
  return self->uuid;
}

const char *
cr_workshop_get_previous_uuid (CrWorkshop *self)
{
  g_return_val_if_fail (CR_IS_WORKSHOP (self), NULL);
  return self->previous;
}

/* Looked up each time: the predecessor may be imported, trashed or
 * replaced after this workshop was loaded. */
gint64
cr_workshop_get_rerun_of (CrWorkshop *self)
{
  gboolean trashed = FALSE;
  gint64 id;

  g_return_val_if_fail (CR_IS_WORKSHOP (self), 0);

  if (self->previous == NULL)
    return 0;
  id = _cr_store_find_workshop_by_uuid (self->store, self->previous, &trashed, NULL);
  return id > 0 && !trashed ? id : 0;
}

GListModel *
cr_workshop_get_participants (CrWorkshop *self)
{
  g_return_val_if_fail (CR_IS_WORKSHOP (self), NULL);
  return G_LIST_MODEL (self->participants);
}

GListModel *
cr_workshop_get_notes (CrWorkshop *self)
{
  g_return_val_if_fail (CR_IS_WORKSHOP (self), NULL);
  return G_LIST_MODEL (self->notes);
}

GListModel *
cr_workshop_get_rounds (CrWorkshop *self)
{
  g_return_val_if_fail (CR_IS_WORKSHOP (self), NULL);
  return G_LIST_MODEL (self->rounds);
}

GListModel *
cr_workshop_get_actions (CrWorkshop *self)
{
  g_return_val_if_fail (CR_IS_WORKSHOP (self), NULL);
  return G_LIST_MODEL (self->actions);
}

GHashTable *
cr_workshop_get_context_table (CrWorkshop *self)
{
  g_return_val_if_fail (CR_IS_WORKSHOP (self), NULL);
  return self->context;
}

const CrContextValue *
cr_workshop_get_context (CrWorkshop *self,
                         const char *field_id)
{
  g_return_val_if_fail (CR_IS_WORKSHOP (self), NULL);
  return g_hash_table_lookup (self->context, field_id);
}

CrParticipant *
cr_workshop_find_participant (CrWorkshop *self,
                              gint64      participant_id)
{
  g_return_val_if_fail (CR_IS_WORKSHOP (self), NULL);

  if (self->participants_by_id == NULL)
    {
      guint n = g_list_model_get_n_items (G_LIST_MODEL (self->participants));

      self->participants_by_id = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
      for (guint i = 0; i < n; i++)
        {
          g_autoptr(CrParticipant) p = g_list_model_get_item (G_LIST_MODEL (self->participants), i);
          gint64 *id = g_new (gint64, 1);

          *id = cr_participant_get_id (p);
          /* The list store holds the reference. */
          g_hash_table_insert (self->participants_by_id, id, p);
        }
    }
  return g_hash_table_lookup (self->participants_by_id, &participant_id);
}

CrRound *
cr_workshop_find_latest_round (CrWorkshop *self,
                               const char *question_id,
                               gboolean    revealed_only)
{
  CrRound *best = NULL;
  guint n;

  g_return_val_if_fail (CR_IS_WORKSHOP (self), NULL);
  g_return_val_if_fail (question_id != NULL, NULL);

  n = g_list_model_get_n_items (G_LIST_MODEL (self->rounds));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(CrRound) round = g_list_model_get_item (G_LIST_MODEL (self->rounds), i);

      if (g_strcmp0 (cr_round_get_question (round), question_id) != 0)
        continue;
      if (revealed_only && !cr_round_get_revealed (round))
        continue;
      if (best == NULL || cr_round_get_number (round) > cr_round_get_number (best))
        best = round;
    }
  return best;
}

/* ---------------------------------------------------------------------- */
/* The undo stack                                                          */

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

static void
votes_snapshot_free (VotesSnapshot *snapshot)
{
  g_clear_object (&snapshot->round);
  g_clear_pointer (&snapshot->rows, g_array_unref);
  g_clear_pointer (&snapshot->before, g_array_unref);
  g_free (snapshot);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (VotesSnapshot, votes_snapshot_free)

static void
undo_entry_free (UndoEntry *entry)
{
  switch (entry->kind)
    {
    case UNDO_DETAILS:
      g_free (entry->u.details.title);
      g_free (entry->u.details.organisation);
      g_free (entry->u.details.facilitator);
      g_free (entry->u.details.date);
      g_free (entry->u.details.function_name);
      break;
    case UNDO_CONTEXT:
      g_free (entry->u.context.field_id);
      cr_context_value_free (entry->u.context.value);
      break;
    case UNDO_UPDATE_PARTICIPANT:
      g_free (entry->u.participant.name);
      g_free (entry->u.participant.role);
      break;
    case UNDO_REMOVE_PARTICIPANT:
      g_clear_pointer (&entry->u.removal.votes, g_ptr_array_unref);
      g_clear_pointer (&entry->u.removal.notes, g_ptr_array_unref);
      break;
    case UNDO_UPDATE_NOTE:
      g_free (entry->u.note.text);
      break;
    case UNDO_RECORD_VOTES:
      g_clear_pointer (&entry->u.votes, votes_snapshot_free);
      break;
    case UNDO_UPDATE_ACTION:
      g_free (entry->u.action.text);
      g_free (entry->u.action.owner);
      g_free (entry->u.action.due);
      break;
    case UNDO_DECISION:
      cr_decision_free (entry->u.decision);
      break;
    case UNDO_ACTION_STATUS:
      g_free (entry->u.status.outcome);
      break;
    case UNDO_ADD_PARTICIPANT:
    case UNDO_ADD_NOTE:
    case UNDO_REMOVE_NOTE:
    case UNDO_OPEN_ROUND:
    case UNDO_REMOVE_ROUND:
    case UNDO_REVEAL_ROUND:
    case UNDO_ADD_ACTION:
    case UNDO_REMOVE_ACTION:
    default:
      break;
    }
  g_clear_object (&entry->item);
  g_free (entry->summary);
  g_free (entry);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (UndoEntry, undo_entry_free)

static UndoEntry *
undo_entry_new (UndoKind    kind,
                const char *label,
                gpointer    item)
{
  UndoEntry *entry = g_new0 (UndoEntry, 1);

  entry->kind = kind;
  entry->label = label;
  entry->item = item ? g_object_ref (item) : NULL;
  return entry;
}

static const char *
top_label (GPtrArray *stack)
{
  if (stack->len == 0)
    return NULL;
  return ((UndoEntry *) g_ptr_array_index (stack, stack->len - 1))->label;
}

/* Says what changed since the stacks' tops were @old_undo and @old_redo
 * (NULL: empty): the properties that changed, then the history as a whole,
 * then the steps whose work came or went. */
static void
history_changed (CrWorkshop *self,
                 const char *old_undo,
                 const char *old_redo)
{
  const char *undo = top_label (self->undo);
  const char *redo = top_label (self->redo);

  if ((old_undo != NULL) != (undo != NULL))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAN_UNDO]);
  if (g_strcmp0 (old_undo, undo) != 0)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_UNDO_LABEL]);
  if ((old_redo != NULL) != (redo != NULL))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAN_REDO]);
  if (g_strcmp0 (old_redo, redo) != 0)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REDO_LABEL]);
  g_signal_emit (self, signals[HISTORY_CHANGED], 0);
  refresh_work_done (self, TRUE);
}

/* A change the user made: it goes on the undo stack, and what was undone
 * before it can no longer be redone. */
static void
push_undo (CrWorkshop *self,
           UndoEntry  *entry)
{
  const char *old_undo = top_label (self->undo);
  const char *old_redo = top_label (self->redo);
  const char *summary = entry->summary;

  g_ptr_array_set_size (self->redo, 0);
  g_ptr_array_add (self->undo, entry);
  history_changed (self, old_undo, old_redo);
  if (summary != NULL)
    g_signal_emit (self, signals[DESTRUCTIVE_CHANGE], 0, summary);
}

/* The participant's votes in @round as the database and the model hold them
 * now; call inside the transaction that is about to change them. */
static VotesSnapshot *
snapshot_votes (CrWorkshop  *self,
                CrRound     *round,
                gint64       participant_id,
                GError     **error)
{
  g_autoptr(VotesSnapshot) snapshot = NULL;
  const CrVote *votes;
  sqlite3_stmt *stmt;
  guint n_votes;
  int rc;

  stmt = cr_store_prepare (self->store,
                           "SELECT id, option, criterion, value FROM votes"
                           " WHERE round_id = ?1 AND participant_id IS ?2 ORDER BY id", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, cr_round_get_id (round));
  bind_id_or_null (stmt, 2, participant_id);

  snapshot = g_new0 (VotesSnapshot, 1);
  snapshot->round = g_object_ref (round);
  snapshot->participant_id = participant_id;
  snapshot->rows = g_array_new (FALSE, FALSE, sizeof (VoteRow));
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      VoteRow row;

      row.id = sqlite3_column_int64 (stmt, 0);
      row.vote.participant_id = participant_id;
      row.vote.option = g_intern_string ((const char *) sqlite3_column_text (stmt, 1));
      row.vote.criterion = g_intern_string ((const char *) sqlite3_column_text (stmt, 2));
      row.vote.value = sqlite3_column_int (stmt, 3);
      g_array_append_val (snapshot->rows, row);
    }
  if (rc != SQLITE_DONE)
    {
      cr_store_set_error (self->store, error, _("reading the votes"));
      sqlite3_reset (stmt);
      return NULL;
    }

  votes = cr_round_get_votes (round, &n_votes);
  snapshot->before = g_array_sized_new (FALSE, FALSE, sizeof (CrVote), n_votes);
  g_array_append_vals (snapshot->before, votes, n_votes);
  return g_steal_pointer (&snapshot);
}

/* Inside a transaction: the snapshot's rows replace the participant's votes. */
static gboolean
write_votes_snapshot (CrWorkshop     *self,
                      VotesSnapshot  *snapshot,
                      GError        **error)
{
  gint64 round_id = cr_round_get_id (snapshot->round);
  sqlite3_stmt *stmt;

  stmt = cr_store_prepare (self->store,
                           "DELETE FROM votes WHERE round_id = ?1 AND participant_id IS ?2", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, round_id);
  bind_id_or_null (stmt, 2, snapshot->participant_id);
  if (!cr_store_step_done (self->store, stmt, error))
    return FALSE;

  for (guint i = 0; i < snapshot->rows->len; i++)
    {
      const VoteRow *row = &g_array_index (snapshot->rows, VoteRow, i);
      gboolean taken;
      int rc;

      /* Another connection may have given the id to a vote of its own since;
       * this vote then comes back as a new one. */
      stmt = cr_store_prepare (self->store, "SELECT 1 FROM votes WHERE id = ?1", error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, row->id);
      rc = sqlite3_step (stmt);
      taken = rc == SQLITE_ROW;
      sqlite3_reset (stmt);
      if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        {
          cr_store_set_error (self->store, error, _("reading the votes"));
          return FALSE;
        }
      if (!insert_vote_row (self->store, taken ? 0 : row->id, round_id, &row->vote, error))
        return FALSE;
    }
  return TRUE;
}

static void
reflect_votes_snapshot (VotesSnapshot *snapshot)
{
  _cr_round_set_votes (snapshot->round,
                       (const CrVote *) snapshot->before->data, snapshot->before->len);
}

/* A round's votes as the library holds them, in the order they were
 * recorded, their strings kept in @strings. */
static gboolean
read_round_votes (CrWorkshop    *self,
                  gint64         round_id,
                  GArray        *votes,
                  GStringChunk  *strings,
                  GError       **error)
{
  sqlite3_stmt *stmt;
  int rc;

  stmt = cr_store_prepare (self->store,
                           "SELECT participant_id, option, criterion, value FROM votes"
                           " WHERE round_id = ?1 ORDER BY id", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, round_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *criterion = (const char *) sqlite3_column_text (stmt, 2);
      CrVote vote;

      vote.participant_id = sqlite3_column_int64 (stmt, 0);
      vote.option = g_string_chunk_insert_const (strings, (const char *) sqlite3_column_text (stmt, 1));
      vote.criterion = criterion ? g_string_chunk_insert_const (strings, criterion) : NULL;
      vote.value = sqlite3_column_int (stmt, 3);
      g_array_append_val (votes, vote);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      cr_store_set_error (self->store, error, _("reading the workshop"));
      return FALSE;
    }
  return TRUE;
}

/* One count per person, checked against the library rather than this
 * model: another connection (a second window, the phone server) may have
 * added ballots, hands or people that it has not read. Checks the round
 * @only_round_id, or every round of the workshop when it is 0; call inside
 * the transaction that made the change, before its commit. On failure the
 * error is cr_votes_check_hands()'s and *@bad_number, *@bad_question name
 * the round that counts someone twice. */
static gboolean
stored_rounds_count_once (CrWorkshop        *self,
                          gint64             only_round_id,
                          guint             *bad_number,
                          const CrQuestion **bad_question,
                          GError           **error)
{
  g_autoptr(GArray) rounds = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GArray) numbers = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr(GPtrArray) questions = g_ptr_array_new_with_free_func (g_free);
  sqlite3_stmt *stmt;
  guint n_participants = 0;
  int rc;

  stmt = cr_store_prepare (self->store, "SELECT COUNT(*) FROM participants WHERE workshop_id = ?1", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, self->id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    n_participants = (guint) sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW)
    {
      cr_store_set_error (self->store, error, _("reading the workshop"));
      return FALSE;
    }

  stmt = cr_store_prepare (self->store,
                           "SELECT id, question, number FROM rounds WHERE workshop_id = ?1"
                           " AND (?2 = 0 OR id = ?2) ORDER BY id", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, self->id);
  sqlite3_bind_int64 (stmt, 2, only_round_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      guint number = (guint) sqlite3_column_int (stmt, 2);

      g_array_append_val (rounds, id);
      g_array_append_val (numbers, number);
      g_ptr_array_add (questions, g_strdup ((const char *) sqlite3_column_text (stmt, 1)));
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      cr_store_set_error (self->store, error, _("reading the workshop"));
      return FALSE;
    }

  for (guint i = 0; i < rounds->len; i++)
    {
      const CrQuestion *question = cr_template_find_question (self->template, g_ptr_array_index (questions, i));
      g_autoptr(GArray) votes = g_array_new (FALSE, FALSE, sizeof (CrVote));
      g_autoptr(GStringChunk) strings = g_string_chunk_new (256);

      if (question == NULL)
        continue;
      if (!read_round_votes (self, g_array_index (rounds, gint64, i), votes, strings, error))
        return FALSE;
      if (!cr_votes_check_hands (self->template, question, n_participants,
                                 (const CrVote *) (gpointer) votes->data, votes->len, NULL, error))
        {
          *bad_number = g_array_index (numbers, guint, i);
          *bad_question = question;
          return FALSE;
        }
    }
  return TRUE;
}

/* After a change the library refused: the model reads what made it refuse,
 * so the window shows the ballots and hands it was refused for. */
static void
reread_after_refusal (CrWorkshop *self)
{
  cr_workshop_reread_participants (self, NULL);
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (self->rounds)); i++)
    {
      g_autoptr(CrRound) round = g_list_model_get_item (G_LIST_MODEL (self->rounds), i);

      cr_workshop_reread_round (self, cr_round_get_id (round), NULL);
    }
}

/* An undo or redo that the library, changed since by another connection,
 * refuses: says which round, and why, in @error. */
static void
refuse_putting_back (GError           **error,
                     guint              number,
                     const CrQuestion  *question)
{
  g_autofree char *why = NULL;

  if (error == NULL || !g_error_matches (*error, CR_STORE_ERROR, CR_STORE_ERROR_INVALID))
    return;
  why = g_strdup ((*error)->message);
  g_clear_error (error);
  g_set_error (error, CR_STORE_ERROR, CR_STORE_ERROR_INVALID,
               /* Translators: %u is a round number, the first %s a question, the second why */
               _("This cannot be put back: round %u of “%s” has changed since, and it would count someone twice. %s"),
               number, question->prompt, why);
}

static gboolean
participant_has_votes (CrRound *round,
                       gint64   participant_id)
{
  const CrVote *votes;
  guint n_votes;

  votes = cr_round_get_votes (round, &n_votes);
  for (guint i = 0; i < n_votes; i++)
    if (votes[i].participant_id == participant_id)
      return TRUE;
  return FALSE;
}

/* ---------------------------------------------------------------------- */
/* Changes                                                                 */

static void
replace_string (CrWorkshop  *self,
                char       **field,
                const char  *value,
                guint        prop)
{
  if (g_strcmp0 (*field, value) == 0)
    return;
  g_free (*field);
  *field = g_strdup (value);
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop]);
}

static gboolean
write_details (CrWorkshop  *self,
               const char  *title,
               const char  *organisation,
               const char  *facilitator,
               const char  *date,
               const char  *function_name,
               GError     **error)
{
  sqlite3_stmt *stmt;

  if (!cr_store_begin (self->store, error))
    return FALSE;
  stmt = cr_store_prepare (self->store,
                           "UPDATE workshops SET title = ?2, organisation = ?3, facilitator = ?4,"
                           " date = ?5, function_name = ?6 WHERE id = ?1", error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_int64 (stmt, 1, self->id);
  sqlite3_bind_text (stmt, 2, title, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, organisation, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 4, facilitator, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 5, date, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 6, function_name, -1, SQLITE_TRANSIENT);
  if (!cr_store_step_done (self->store, stmt, error) ||
      !cr_store_commit (self->store, error))
    goto fail;

  replace_string (self, &self->title, title, PROP_TITLE);
  replace_string (self, &self->organisation, organisation, PROP_ORGANISATION);
  replace_string (self, &self->facilitator, facilitator, PROP_FACILITATOR);
  replace_string (self, &self->date, date, PROP_DATE);
  replace_string (self, &self->function_name, function_name, PROP_FUNCTION_NAME);
  return TRUE;

fail:
  cr_store_rollback (self->store);
  return FALSE;
}

gboolean
cr_workshop_set_details (CrWorkshop  *self,
                         const char  *title,
                         const char  *organisation,
                         const char  *facilitator,
                         const char  *date,
                         const char  *function_name,
                         GError     **error)
{
  g_autoptr(UndoEntry) entry = NULL;

  g_return_val_if_fail (CR_IS_WORKSHOP (self), FALSE);

  facilitator = facilitator ? facilitator : "";
  function_name = function_name ? function_name : "";
  if (!check_details (title, organisation, date, error) ||
      !check_text (facilitator, _("The facilitator"), error) ||
      !check_text (function_name, _("The function name"), error))
    return FALSE;

  /* A field left without a change writes nothing and adds nothing to undo. */
  if (g_strcmp0 (title, self->title) == 0 &&
      g_strcmp0 (organisation, self->organisation) == 0 &&
      g_strcmp0 (facilitator, self->facilitator) == 0 &&
      g_strcmp0 (date, self->date) == 0 &&
      g_strcmp0 (function_name, self->function_name) == 0)
    return TRUE;

  /* Translators: an undo label: what the last change was */
  entry = undo_entry_new (UNDO_DETAILS, N_("Edit details"), NULL);
  entry->u.details.title = g_strdup (self->title);
  entry->u.details.organisation = g_strdup (self->organisation);
  entry->u.details.facilitator = g_strdup (self->facilitator);
  entry->u.details.date = g_strdup (self->date);
  entry->u.details.function_name = g_strdup (self->function_name);

  if (!write_details (self, title, organisation, facilitator, date, function_name, error))
    return FALSE;
  push_undo (self, g_steal_pointer (&entry));
  return TRUE;
}

static gboolean
check_context_value (CrWorkshop            *self,
                     const CrContextField  *field,
                     const CrContextValue  *value,
                     GError               **error)
{
  switch (field->kind)
    {
    case CR_CONTEXT_NUMBER:
      if (!value->is_number || !isfinite (value->number) || value->number < 0)
        return invalid (error,
                        /* Translators: %s is a field label */
                        _("%s must be a number of zero or more"), field->label);
      break;
    case CR_CONTEXT_SCALE:
      if (!value->is_number || value->number != floor (value->number) ||
          value->number < field->scale_min || value->number > field->scale_max)
        return invalid (error,
                        /* Translators: %s is a field label, %d the ends of its scale */
                        _("%s must be a whole number from %d to %d"),
                        field->label, field->scale_min, field->scale_max);
      break;
    case CR_CONTEXT_CHOICE:
      if (value->is_number || cr_context_field_find_choice (field, value->text) == NULL)
        return invalid (error,
                        /* Translators: first %s is a value, second a field label */
                        _("'%s' is not one of the choices of %s"),
                        value->is_number ? "" : value->text, field->label);
      break;
    case CR_CONTEXT_TEXT:
      if (value->is_number)
        return invalid (error, _("%s must be text"), field->label);
      return check_text (value->text, field->label, error);
    default:
      g_assert_not_reached ();
    }
  return TRUE;
}

static gboolean
write_context (CrWorkshop            *self,
               const char            *field_id,
               const CrContextValue  *value,
               GError               **error)
{
  sqlite3_stmt *stmt;

  if (!cr_store_begin (self->store, error))
    return FALSE;
  if (value != NULL)
    {
      if (!_cr_store_insert_context (self->store, self->id, field_id, value, error))
        goto fail;
    }
  else
    {
      stmt = cr_store_prepare (self->store,
                               "DELETE FROM context_answers WHERE workshop_id = ?1 AND field = ?2", error);
      if (stmt == NULL)
        goto fail;
      sqlite3_bind_int64 (stmt, 1, self->id);
      sqlite3_bind_text (stmt, 2, field_id, -1, SQLITE_TRANSIENT);
      if (!cr_store_step_done (self->store, stmt, error))
        goto fail;
    }
  if (!cr_store_commit (self->store, error))
    goto fail;

  if (value != NULL)
    g_hash_table_replace (self->context, g_strdup (field_id), cr_context_value_copy (value));
  else
    g_hash_table_remove (self->context, field_id);
  g_signal_emit (self, signals[CONTEXT_CHANGED], 0, field_id);
  return TRUE;

fail:
  cr_store_rollback (self->store);
  return FALSE;
}

gboolean
cr_workshop_set_context (CrWorkshop            *self,
                         const char            *field_id,
                         const CrContextValue  *value,
                         GError               **error)
{
  g_autoptr(UndoEntry) entry = NULL;
  const CrContextField *field;
  const CrContextValue *old;

  g_return_val_if_fail (CR_IS_WORKSHOP (self), FALSE);
  g_return_val_if_fail (field_id != NULL, FALSE);

  field = cr_template_find_context (self->template, field_id);
  if (field == NULL)
    return invalid (error,
                    /* Translators: first %s is a context field id, second a template id */
                    _("'%s' is not a context field of template '%s'"),
                    field_id, cr_template_get_id (self->template));
  if (value != NULL && !check_context_value (self, field, value, error))
    return FALSE;

  old = g_hash_table_lookup (self->context, field_id);
  if (cr_context_value_equal (old, value))
    return TRUE;

  /* Translators: an undo label: what the last change was */
  entry = undo_entry_new (UNDO_CONTEXT, N_("Change context"), NULL);
  entry->u.context.field_id = g_strdup (field_id);
  entry->u.context.value = old ? cr_context_value_copy (old) : NULL;
  /* One click on the field's clear button takes the room's answer away. */
  if (value == NULL)
    /* Translators: a toast after a context answer was cleared; %s is the field's label */
    entry->summary = g_strdup_printf (_("Answer to “%s” cleared"), field->label);

  if (!write_context (self, field_id, value, error))
    return FALSE;
  push_undo (self, g_steal_pointer (&entry));
  return TRUE;
}

/* Keys are stable handles in bundles: "p1", "p2"... never reused in a workshop. */
static char *
next_participant_key (CrWorkshop *self)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->participants));
  guint64 highest = 0;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(CrParticipant) p = g_list_model_get_item (G_LIST_MODEL (self->participants), i);
      const char *key = cr_participant_get_key (p);
      guint64 number;

      if (key[0] == 'p' && g_ascii_string_to_unsigned (key + 1, 10, 0, G_MAXUINT32, &number, NULL))
        highest = MAX (highest, number);
    }
  return g_strdup_printf ("p%" G_GUINT64_FORMAT, highest + 1);
}

static const char *
empty_to_null (const char *name)
{
  return (name != NULL && name[0] != '\0') ? name : NULL;
}

CrParticipant *
cr_workshop_add_participant (CrWorkshop  *self,
                             const char  *name,
                             const char  *role,
                             GError     **error)
{
  g_autofree char *key = NULL;
  CrParticipant *participant;
  guint n, seat = 0;
  gint64 id;

  g_return_val_if_fail (CR_IS_WORKSHOP (self), NULL);

  name = empty_to_null (name);
  if ((name != NULL && !check_text (name, _("The name"), error)) ||
      !check_text (role ? role : "", _("The role"), error) ||
      /* Translators: %u is a number */
      (!has_room (self->participants, CR_LIMIT_PARTICIPANTS) && !invalid (error, _("A workshop holds at most %u participants."), (guint) CR_LIMIT_PARTICIPANTS)))
    return NULL;

  key = next_participant_key (self);
  if (!cr_store_begin (self->store, error))
    return NULL;
  id = _cr_store_insert_participant (self->store, self->id, key, name, role, error);
  if (id == 0 || !cr_store_commit (self->store, error))
    {
      cr_store_rollback (self->store);
      return NULL;
    }

  n = g_list_model_get_n_items (G_LIST_MODEL (self->participants));
  if (n > 0)
    {
      g_autoptr(CrParticipant) last = g_list_model_get_item (G_LIST_MODEL (self->participants), n - 1);

      seat = _cr_participant_get_seat (last);
    }
  participant = _cr_participant_new (id, key, name, role, seat_number (key, seat));
  g_list_store_append (self->participants, participant);
  g_object_unref (participant);
  /* Translators: an undo label: what the last change was */
  push_undo (self, undo_entry_new (UNDO_ADD_PARTICIPANT, N_("Add participant"), participant));
  return participant;
}

static gboolean
write_participant (CrWorkshop     *self,
                   CrParticipant  *participant,
                   const char     *name,
                   const char     *role,
                   GError        **error)
{
  sqlite3_stmt *stmt;

  if (!cr_store_begin (self->store, error))
    return FALSE;
  stmt = cr_store_prepare (self->store,
                           "UPDATE participants SET name = ?2, role = ?3 WHERE id = ?1", error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_int64 (stmt, 1, cr_participant_get_id (participant));
  bind_text_or_null (stmt, 2, name);
  sqlite3_bind_text (stmt, 3, role ? role : "", -1, SQLITE_TRANSIENT);
  if (!cr_store_step_done (self->store, stmt, error) ||
      !cr_store_commit (self->store, error))
    goto fail;

  _cr_participant_set (participant, name, role);
  return TRUE;

fail:
  cr_store_rollback (self->store);
  return FALSE;
}

gboolean
cr_workshop_update_participant (CrWorkshop     *self,
                                CrParticipant  *participant,
                                const char     *name,
                                const char     *role,
                                GError        **error)
{
  g_autoptr(UndoEntry) entry = NULL;
  guint position;

  g_return_val_if_fail (CR_IS_WORKSHOP (self), FALSE);
  g_return_val_if_fail (CR_IS_PARTICIPANT (participant), FALSE);

  if (!g_list_store_find (self->participants, participant, &position))
    return invalid (error, "%s", _("That participant is not part of this workshop."));
  name = empty_to_null (name);
  if ((name != NULL && !check_text (name, _("The name"), error)) ||
      !check_text (role ? role : "", _("The role"), error))
    return FALSE;

  if (g_strcmp0 (name, cr_participant_get_name (participant)) == 0 &&
      g_strcmp0 (role ? role : "", cr_participant_get_role (participant)) == 0)
    return TRUE;

  /* Translators: an undo label: what the last change was */
  entry = undo_entry_new (UNDO_UPDATE_PARTICIPANT, N_("Edit participant"), participant);
  entry->u.participant.name = g_strdup (cr_participant_get_name (participant));
  entry->u.participant.role = g_strdup (cr_participant_get_role (participant));

  if (!write_participant (self, participant, name, role, error))
    return FALSE;
  push_undo (self, g_steal_pointer (&entry));
  return TRUE;
}

/* One count per person: a participant without a ballot may be one of the
 * hands counted in a round, and cannot leave it while they are. */
static gboolean
check_counts_without (CrWorkshop     *self,
                      CrParticipant  *participant,
                      GError        **error)
{
  GListModel *rounds = G_LIST_MODEL (self->rounds);
  guint n_participants = g_list_model_get_n_items (G_LIST_MODEL (self->participants));

  for (guint i = 0; i < g_list_model_get_n_items (rounds); i++)
    {
      g_autoptr(CrRound) round = g_list_model_get_item (rounds, i);
      const CrQuestion *question = cr_template_find_question (self->template, cr_round_get_question (round));
      g_autofree char *name = NULL;

      if (cr_round_check_replacing (round, self->template, question, n_participants - 1,
                                    cr_participant_get_id (participant), NULL, 0, NULL))
        continue;
      name = cr_participant_dup_display_name (participant);
      return invalid (error,
                      /* Translators: %s is a participant's name, %u a round number, the second %s a question */
                      _("%s cannot be removed while round %u of “%s” counts a hand from everyone without a ballot. Lower the count of hands there first."),
                      name, cr_round_get_number (round), question->prompt);
    }
  return TRUE;
}

guint
cr_workshop_count_votes_of (CrWorkshop *self,
                            gint64      participant_id,
                            guint      *n_rounds)
{
  guint votes = 0, rounds = 0;
  guint n;

  g_return_val_if_fail (CR_IS_WORKSHOP (self), 0);

  n = g_list_model_get_n_items (G_LIST_MODEL (self->rounds));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(CrRound) round = g_list_model_get_item (G_LIST_MODEL (self->rounds), i);
      const CrVote *v;
      guint n_votes, mine = 0;

      v = cr_round_get_votes (round, &n_votes);
      for (guint j = 0; j < n_votes; j++)
        mine += v[j].participant_id == participant_id;
      votes += mine;
      rounds += mine > 0;
    }
  if (n_rounds != NULL)
    *n_rounds = rounds;
  return votes;
}

/* Deletes a participant with everything that refers to them (their votes,
 * the notes they wrote lose their name, their agreement to the decision)
 * and returns what puts it all back, labelled @label. */
static UndoEntry *
delete_participant (CrWorkshop     *self,
                    CrParticipant  *participant,
                    const char     *label,
                    GError        **error)
{
  g_autoptr(UndoEntry) entry = NULL;
  g_autoptr(GError) local_error = NULL;
  const CrQuestion *question;
  sqlite3_stmt *stmt;
  gint64 id;
  guint position, n, number;
  gboolean found;

  found = g_list_store_find (self->participants, participant, &position);
  g_assert (found);

  id = cr_participant_get_id (participant);
  entry = undo_entry_new (UNDO_REMOVE_PARTICIPANT, label, participant);
  entry->position = position;
  entry->u.removal.votes = g_ptr_array_new_with_free_func ((GDestroyNotify) votes_snapshot_free);
  entry->u.removal.notes = g_ptr_array_new_with_free_func (g_object_unref);

  if (!cr_store_begin (self->store, error))
    return NULL;

  /* The delete cascades to their votes: keep them first, ids and all. */
  n = g_list_model_get_n_items (G_LIST_MODEL (self->rounds));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(CrRound) round = g_list_model_get_item (G_LIST_MODEL (self->rounds), i);
      VotesSnapshot *snapshot;

      if (!participant_has_votes (round, id))
        continue;
      snapshot = snapshot_votes (self, round, id, error);
      if (snapshot == NULL)
        goto fail;
      g_ptr_array_add (entry->u.removal.votes, snapshot);
    }

  stmt = cr_store_prepare (self->store, "DELETE FROM participants WHERE id = ?1", error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_int64 (stmt, 1, id);
  if (!cr_store_step_done (self->store, stmt, error))
    goto fail;
  /* Hands counted by another connection may include this person. */
  if (!stored_rounds_count_once (self, 0, &number, &question, &local_error))
    {
      if (g_error_matches (local_error, CR_STORE_ERROR, CR_STORE_ERROR_INVALID))
        {
          g_autofree char *name = cr_participant_dup_display_name (participant);

          g_clear_error (&local_error);
          g_set_error (&local_error, CR_STORE_ERROR, CR_STORE_ERROR_INVALID,
                       _("%s cannot be removed while round %u of “%s” counts a hand from everyone without a ballot. Lower the count of hands there first."),
                       name, number, question->prompt);
        }
      g_propagate_error (error, g_steal_pointer (&local_error));
      cr_store_rollback (self->store);
      reread_after_refusal (self);
      return NULL;
    }
  if (!cr_store_commit (self->store, error))
    goto fail;

  /* Their agreement to the decision went by cascade too. */
  if (cr_decision_has_agreed (self->decision, id))
    {
      entry->u.removal.agreed = TRUE;
      cr_decision_set_agreed (self->decision, id, FALSE);
      g_signal_emit (self, signals[DECISION_CHANGED], 0);
    }

  /* The database cascaded: their votes are gone, their notes stay unattributed. */
  n = g_list_model_get_n_items (G_LIST_MODEL (self->rounds));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(CrRound) round = g_list_model_get_item (G_LIST_MODEL (self->rounds), i);
      _cr_round_remove_votes (round, id);
    }
  n = g_list_model_get_n_items (G_LIST_MODEL (self->notes));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(CrNote) note = g_list_model_get_item (G_LIST_MODEL (self->notes), i);
      if (cr_note_get_participant_id (note) == id)
        {
          _cr_note_clear_participant (note);
          g_ptr_array_add (entry->u.removal.notes, g_object_ref (note));
        }
    }
  g_list_store_remove (self->participants, position);
  return g_steal_pointer (&entry);

fail:
  cr_store_rollback (self->store);
  return NULL;
}

gboolean
cr_workshop_remove_participant (CrWorkshop     *self,
                                CrParticipant  *participant,
                                GError        **error)
{
  g_autofree char *name = NULL;
  UndoEntry *entry;
  guint n_votes;

  g_return_val_if_fail (CR_IS_WORKSHOP (self), FALSE);
  g_return_val_if_fail (CR_IS_PARTICIPANT (participant), FALSE);

  if (!g_list_store_find (self->participants, participant, NULL))
    return invalid (error, "%s", _("That participant is not part of this workshop."));
  if (!check_counts_without (self, participant, error))
    return FALSE;

  n_votes = cr_workshop_count_votes_of (self, cr_participant_get_id (participant), NULL);
  name = cr_participant_dup_display_name (participant);
  /* Translators: an undo label: what the last change was */
  entry = delete_participant (self, participant, N_("Remove participant"), error);
  if (entry == NULL)
    return FALSE;
  /* The toast names all that went, their agreement to the decision too,
   * so nothing leaves the record unsaid. */
  if (n_votes > 0 && entry->u.removal.agreed)
    /* Translators: a toast after removing a participant; %s is their name */
    entry->summary = g_strdup_printf (ngettext ("“%s” removed, with %u vote and their agreement to the decision",
                                                "“%s” removed, with %u votes and their agreement to the decision",
                                                n_votes),
                                      name, n_votes);
  else if (n_votes > 0)
    /* Translators: a toast after removing a participant; %s is their name */
    entry->summary = g_strdup_printf (ngettext ("“%s” removed, with %u vote", "“%s” removed, with %u votes", n_votes),
                                      name, n_votes);
  else if (entry->u.removal.agreed)
    /* Translators: a toast after removing a participant; %s is their name */
    entry->summary = g_strdup_printf (_("“%s” removed, with their agreement to the decision"), name);
  else
    /* Translators: a toast after removing a participant; %s is their name */
    entry->summary = g_strdup_printf (_("“%s” removed"), name);
  push_undo (self, entry);
  return TRUE;
}

static gboolean
check_note (CrWorkshop  *self,
            const char  *option_id,
            CrNoteKind   kind,
            const char  *text,
            GError     **error)
{
  if (option_id == NULL || cr_template_find_option (self->template, option_id) == NULL)
    return invalid (error, _("'%s' is not an option of template '%s'"),
                    option_id ? option_id : "", cr_template_get_id (self->template));
  if (kind > CR_NOTE_QUESTION)
    return invalid (error, "%s", _("A note is a strength, a risk or a question."));
  return check_text (text, _("The note"), error);
}

CrNote *
cr_workshop_add_note (CrWorkshop  *self,
                      const char  *option_id,
                      CrNoteKind   kind,
                      const char  *text,
                      gint64       participant_id,
                      GError     **error)
{
  CrNote *note;
  gint64 id;

  g_return_val_if_fail (CR_IS_WORKSHOP (self), NULL);

  if (!check_note (self, option_id, kind, text, error) ||
      /* Translators: %u is a number */
      (!has_room (self->notes, CR_LIMIT_NOTES) && !invalid (error, _("A workshop holds at most %u notes."), (guint) CR_LIMIT_NOTES)))
    return NULL;
  if (participant_id != 0 && cr_workshop_find_participant (self, participant_id) == NULL)
    {
      invalid (error, "%s", _("That participant is not part of this workshop."));
      return NULL;
    }

  if (!cr_store_begin (self->store, error))
    return NULL;
  id = _cr_store_insert_note (self->store, self->id, option_id, kind, text, participant_id, error);
  if (id == 0 || !cr_store_commit (self->store, error))
    {
      cr_store_rollback (self->store);
      return NULL;
    }

  note = _cr_note_new (id, option_id, kind, text, participant_id);
  g_list_store_append (self->notes, note);
  g_object_unref (note);
  /* Translators: an undo label: what the last change was */
  push_undo (self, undo_entry_new (UNDO_ADD_NOTE, N_("Add note"), note));
  return note;
}

static gboolean
write_note (CrWorkshop  *self,
            CrNote      *note,
            const char  *option_id,
            CrNoteKind   kind,
            const char  *text,
            GError     **error)
{
  sqlite3_stmt *stmt;

  if (!cr_store_begin (self->store, error))
    return FALSE;
  stmt = cr_store_prepare (self->store,
                           "UPDATE notes SET option = ?2, kind = ?3, text = ?4 WHERE id = ?1", error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_int64 (stmt, 1, cr_note_get_id (note));
  sqlite3_bind_text (stmt, 2, option_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, cr_note_kind_to_string (kind), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 4, text, -1, SQLITE_TRANSIENT);
  if (!cr_store_step_done (self->store, stmt, error) ||
      !cr_store_commit (self->store, error))
    goto fail;

  _cr_note_set (note, option_id, kind, text);
  return TRUE;

fail:
  cr_store_rollback (self->store);
  return FALSE;
}

gboolean
cr_workshop_update_note (CrWorkshop  *self,
                         CrNote      *note,
                         const char  *option_id,
                         CrNoteKind   kind,
                         const char  *text,
                         GError     **error)
{
  g_autoptr(UndoEntry) entry = NULL;
  guint position;

  g_return_val_if_fail (CR_IS_WORKSHOP (self), FALSE);
  g_return_val_if_fail (CR_IS_NOTE (note), FALSE);

  if (!g_list_store_find (self->notes, note, &position))
    return invalid (error, "%s", _("That note is not part of this workshop."));
  if (!check_note (self, option_id, kind, text, error))
    return FALSE;

  if (g_strcmp0 (option_id, cr_note_get_option (note)) == 0 &&
      kind == cr_note_get_kind (note) &&
      g_strcmp0 (text, cr_note_get_text (note)) == 0)
    return TRUE;

  /* Dragging a note to another option or lane is a move; anything else an edit. */
  entry = undo_entry_new (UNDO_UPDATE_NOTE,
                          g_strcmp0 (text, cr_note_get_text (note)) == 0
                          /* Translators: an undo label: what the last change was */
                          ? N_("Move note")
                          /* Translators: an undo label: what the last change was */
                          : N_("Edit note"),
                          note);
  entry->u.note.option = cr_note_get_option (note);
  entry->u.note.kind = cr_note_get_kind (note);
  entry->u.note.text = g_strdup (cr_note_get_text (note));

  if (!write_note (self, note, option_id, kind, text, error))
    return FALSE;
  push_undo (self, g_steal_pointer (&entry));
  return TRUE;
}

static gboolean
delete_row (CrWorkshop  *self,
            const char  *sql,
            gint64       id,
            GError     **error)
{
  sqlite3_stmt *stmt;

  if (!cr_store_begin (self->store, error))
    return FALSE;
  stmt = cr_store_prepare (self->store, sql, error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_int64 (stmt, 1, id);
  sqlite3_bind_int64 (stmt, 2, self->id);
  if (!cr_store_step_done (self->store, stmt, error) ||
      !cr_store_commit (self->store, error))
    goto fail;
  return TRUE;

fail:
  cr_store_rollback (self->store);
  return FALSE;
}

/* Deletes a participant, note, round or action (the @kind that added it)
 * and returns what puts it back, labelled @label. A round goes only empty
 * and hidden, as it was opened: its votes and reveal were undone first. */
static UndoEntry *
delete_item (CrWorkshop  *self,
             UndoKind     kind,
             gpointer     item,
             const char  *label,
             GError     **error)
{
  UndoEntry *entry;
  GListStore *list;
  const char *sql;
  UndoKind remove_kind;
  gint64 id;
  guint position = 0;
  gboolean found;

  switch (kind)
    {
    case UNDO_ADD_PARTICIPANT:
      return delete_participant (self, item, label, error);
    case UNDO_ADD_NOTE:
      list = self->notes;
      sql = "DELETE FROM notes WHERE id = ?1 AND workshop_id = ?2";
      id = cr_note_get_id (item);
      remove_kind = UNDO_REMOVE_NOTE;
      break;
    case UNDO_OPEN_ROUND:
      {
        guint n_votes;

        cr_round_get_votes (item, &n_votes);
        g_assert (n_votes == 0 && !cr_round_get_revealed (item));
      }
      list = self->rounds;
      sql = "DELETE FROM rounds WHERE id = ?1 AND workshop_id = ?2";
      id = cr_round_get_id (item);
      remove_kind = UNDO_REMOVE_ROUND;
      break;
    case UNDO_ADD_ACTION:
      list = self->actions;
      sql = "DELETE FROM actions WHERE id = ?1 AND workshop_id = ?2";
      id = cr_action_get_id (item);
      remove_kind = UNDO_REMOVE_ACTION;
      break;
    default:
      g_assert_not_reached ();
    }

  found = g_list_store_find (list, item, &position);
  g_assert (found);
  if (!delete_row (self, sql, id, error))
    return NULL;
  entry = undo_entry_new (remove_kind, label, item);
  entry->position = position;
  g_list_store_remove (list, position);
  return entry;
}

gboolean
cr_workshop_remove_note (CrWorkshop  *self,
                         CrNote      *note,
                         GError     **error)
{
  UndoEntry *entry;
  guint position;

  g_return_val_if_fail (CR_IS_WORKSHOP (self), FALSE);
  g_return_val_if_fail (CR_IS_NOTE (note), FALSE);

  if (!g_list_store_find (self->notes, note, &position))
    return invalid (error, "%s", _("That note is not part of this workshop."));
  /* Translators: an undo label: what the last change was */
  entry = delete_item (self, UNDO_ADD_NOTE, note, N_("Delete note"), error);
  if (entry == NULL)
    return FALSE;
  /* Translators: a toast after deleting a note */
  entry->summary = g_strdup (_("Note deleted"));
  push_undo (self, entry);
  return TRUE;
}

CrRound *
cr_workshop_open_round (CrWorkshop  *self,
                        const char  *question_id,
                        GError     **error)
{
  const CrQuestion *question;
  CrRound *latest, *round;
  guint number;
  gint64 id;

  g_return_val_if_fail (CR_IS_WORKSHOP (self), NULL);

  /* Translators: %u is a number */
  if ((!has_room (self->rounds, CR_LIMIT_ROUNDS) && !invalid (error, _("A workshop holds at most %u voting rounds."), (guint) CR_LIMIT_ROUNDS)))
    return NULL;

  question = question_id ? cr_template_find_question (self->template, question_id) : NULL;
  if (question == NULL)
    {
      invalid (error,
               /* Translators: first %s is a question id, second a template id */
               _("'%s' is not a question of template '%s'"),
               question_id ? question_id : "", cr_template_get_id (self->template));
      return NULL;
    }

  latest = cr_workshop_find_latest_round (self, question_id, FALSE);
  number = latest ? cr_round_get_number (latest) + 1 : 1;

  if (!cr_store_begin (self->store, error))
    return NULL;
  id = _cr_store_insert_round (self->store, self->id, question_id, number, FALSE, error);
  if (id == 0 || !cr_store_commit (self->store, error))
    {
      cr_store_rollback (self->store);
      return NULL;
    }

  round = _cr_round_new (id, question_id, number, FALSE);
  g_list_store_append (self->rounds, round);
  g_object_unref (round);
  /* Translators: an undo label: what the last change was */
  push_undo (self, undo_entry_new (UNDO_OPEN_ROUND, N_("Open round"), round));
  return round;
}

static gboolean
write_revealed (CrWorkshop  *self,
                CrRound     *round,
                gboolean     revealed,
                GError     **error)
{
  sqlite3_stmt *stmt;

  if (!cr_store_begin (self->store, error))
    return FALSE;
  stmt = cr_store_prepare (self->store, "UPDATE rounds SET revealed = ?2 WHERE id = ?1", error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_int64 (stmt, 1, cr_round_get_id (round));
  sqlite3_bind_int (stmt, 2, revealed ? 1 : 0);
  if (!cr_store_step_done (self->store, stmt, error) ||
      !cr_store_commit (self->store, error))
    goto fail;

  _cr_round_set_revealed (round, revealed);
  return TRUE;

fail:
  cr_store_rollback (self->store);
  return FALSE;
}

gboolean
cr_workshop_reveal_round (CrWorkshop  *self,
                          CrRound     *round,
                          GError     **error)
{
  guint position;

  g_return_val_if_fail (CR_IS_WORKSHOP (self), FALSE);
  g_return_val_if_fail (CR_IS_ROUND (round), FALSE);

  if (!g_list_store_find (self->rounds, round, &position))
    return invalid (error, "%s", _("That round is not part of this workshop."));
  if (cr_round_get_revealed (round))
    return TRUE;

  if (!write_revealed (self, round, TRUE, error))
    return FALSE;
  /* Translators: an undo label: what the last change was; undoing hides the round again */
  push_undo (self, undo_entry_new (UNDO_REVEAL_ROUND, N_("Reveal round"), round));
  return TRUE;
}

/* Whether @votes are exactly the participant's votes in @round already. */
static gboolean
same_votes (CrRound      *round,
            gint64        participant_id,
            const CrVote *votes,
            guint         n_votes)
{
  const CrVote *current;
  guint n_current, matched = 0;

  current = cr_round_get_votes (round, &n_current);
  for (guint i = 0; i < n_current; i++)
    {
      const CrVote *a = &current[i];
      const CrVote *b;

      if (a->participant_id != participant_id)
        continue;
      if (matched >= n_votes)
        return FALSE;
      b = &votes[matched++];
      if (g_strcmp0 (a->option, b->option) != 0 ||
          g_strcmp0 (a->criterion, b->criterion) != 0 ||
          a->value != b->value)
        return FALSE;
    }
  return matched == n_votes;
}

/* Votes replaced or cleared are a destructive change; first votes are not. */
static char *
votes_replaced_summary (CrWorkshop *self,
                        gint64      participant_id,
                        guint       n_before,
                        guint       n_after)
{
  CrParticipant *participant;
  g_autofree char *name = NULL;

  if (n_before == 0)
    return NULL;
  if (participant_id == 0)
    return g_strdup (n_after > 0
                     /* Translators: a toast after a show of hands was counted again */
                     ? _("Show of hands replaced")
                     /* Translators: a toast after a show of hands was cleared */
                     : _("Show of hands cleared"));
  participant = cr_workshop_find_participant (self, participant_id);
  name = participant != NULL ? cr_participant_dup_display_name (participant) : g_strdup ("");
  return n_after > 0
    /* Translators: a toast after a ballot was cast again; %s is the participant */
    ? g_strdup_printf (_("Votes of “%s” replaced"), name)
    /* Translators: a toast after a ballot was emptied; %s is the participant */
    : g_strdup_printf (_("Votes of “%s” cleared"), name);
}

gboolean
cr_workshop_record_votes (CrWorkshop    *self,
                          CrRound       *round,
                          gint64         participant_id,
                          const CrVote  *votes,
                          guint          n_votes,
                          GError       **error)
{
  g_autoptr(VotesSnapshot) snapshot = NULL;
  g_autoptr(GError) local_error = NULL;
  const CrQuestion *question, *bad_question;
  UndoEntry *entry;
  sqlite3_stmt *stmt;
  guint position, number;

  g_return_val_if_fail (CR_IS_WORKSHOP (self), FALSE);
  g_return_val_if_fail (CR_IS_ROUND (round), FALSE);
  g_return_val_if_fail (votes != NULL || n_votes == 0, FALSE);

  if (!g_list_store_find (self->rounds, round, &position))
    return invalid (error, "%s", _("That round is not part of this workshop."));
  if (participant_id != 0 && cr_workshop_find_participant (self, participant_id) == NULL)
    return invalid (error, "%s", _("That participant is not part of this workshop."));

  question = cr_template_find_question (self->template, cr_round_get_question (round));
  g_assert (question != NULL);

  for (guint i = 0; i < n_votes; i++)
    if (votes[i].participant_id != participant_id)
      return invalid (error, "%s", _("Every vote recorded together must come from the same participant."));

  if (!cr_votes_check (self->template, question, participant_id == 0, votes, n_votes, NULL, error))
    return FALSE;
  if (!votes_fit (self, round, participant_id, n_votes, error))
    return FALSE;

  /* The same votes again change nothing, except a ballot cast again: it is
   * recorded (and offers Undo) as a different one would be, or whoever holds
   * the laptop would learn that it did not change. */
  if (same_votes (round, participant_id, votes, n_votes) && (participant_id == 0 || n_votes == 0))
    return TRUE;

  if (!cr_store_begin (self->store, error))
    return FALSE;
  snapshot = snapshot_votes (self, round, participant_id, error);
  if (snapshot == NULL)
    goto fail;
  /* The snapshot read exactly what this would delete: a first vote has
   * nothing to replace. */
  if (snapshot->rows->len > 0)
    {
      stmt = cr_store_prepare (self->store,
                               "DELETE FROM votes WHERE round_id = ?1 AND participant_id IS ?2", error);
      if (stmt == NULL)
        goto fail;
      sqlite3_bind_int64 (stmt, 1, cr_round_get_id (round));
      bind_id_or_null (stmt, 2, participant_id);
      if (!cr_store_step_done (self->store, stmt, error))
        goto fail;
    }
  for (guint i = 0; i < n_votes; i++)
    if (!_cr_store_insert_vote (self->store, cr_round_get_id (round), &votes[i], error))
      goto fail;
  /* One count per person, against every ballot and hand the library holds,
   * not only those this model has read. */
  if (!stored_rounds_count_once (self, cr_round_get_id (round), &number, &bad_question, &local_error))
    {
      if (participant_id != 0 && g_error_matches (local_error, CR_STORE_ERROR, CR_STORE_ERROR_INVALID))
        {
          g_clear_error (&local_error);
          g_set_error_literal (&local_error, CR_STORE_ERROR, CR_STORE_ERROR_INVALID,
                               _("Hands were counted for everyone without a ballot, so this ballot would count a person twice. Lower the count of hands first, then record this ballot."));
        }
      g_propagate_error (error, g_steal_pointer (&local_error));
      cr_store_rollback (self->store);
      reread_after_refusal (self);
      return FALSE;
    }
  if (!cr_store_commit (self->store, error))
    goto fail;

  _cr_round_remove_votes (round, participant_id);
  for (guint i = 0; i < n_votes; i++)
    _cr_round_add_vote (round, &votes[i]);

  /* Translators: an undo label: what the last change was */
  entry = undo_entry_new (UNDO_RECORD_VOTES, N_("Record votes"), round);
  entry->summary = votes_replaced_summary (self, participant_id, snapshot->rows->len, n_votes);
  entry->u.votes = g_steal_pointer (&snapshot);
  push_undo (self, entry);
  return TRUE;

fail:
  cr_store_rollback (self->store);
  return FALSE;
}

static gboolean
check_action (const char  *text,
              const char  *owner,
              const char  *due,
              GError     **error)
{
  if (!check_text (text, _("The action"), error) ||
      !check_text (owner ? owner : "", _("The owner"), error))
    return FALSE;
  if (due != NULL && !cr_date_is_valid (due))
    return invalid (error, _("'%s' is not a real date; write it as YYYY-MM-DD."), due);
  return TRUE;
}

CrAction *
cr_workshop_add_action (CrWorkshop  *self,
                        const char  *text,
                        const char  *owner,
                        const char  *due,
                        GError     **error)
{
  CrAction *action;
  gint64 id;

  g_return_val_if_fail (CR_IS_WORKSHOP (self), NULL);

  due = empty_to_null (due);
  if (!check_action (text, owner, due, error) ||
      /* Translators: %u is a number */
      (!has_room (self->actions, CR_LIMIT_ACTIONS) && !invalid (error, _("A workshop holds at most %u actions."), (guint) CR_LIMIT_ACTIONS)))
    return NULL;

  if (!cr_store_begin (self->store, error))
    return NULL;
  id = _cr_store_insert_action (self->store, FALSE, self->id, text, owner, due, CR_ACTION_OPEN, NULL, error);
  if (id == 0 || !cr_store_commit (self->store, error))
    {
      cr_store_rollback (self->store);
      return NULL;
    }

  action = _cr_action_new (id, text, owner, due, CR_ACTION_OPEN, NULL);
  g_list_store_append (self->actions, action);
  g_object_unref (action);
  /* Translators: an undo label: what the last change was */
  push_undo (self, undo_entry_new (UNDO_ADD_ACTION, N_("Add action"), action));
  return action;
}

static gboolean
write_action (CrWorkshop  *self,
              CrAction    *action,
              const char  *text,
              const char  *owner,
              const char  *due,
              GError     **error)
{
  sqlite3_stmt *stmt;

  if (!cr_store_begin (self->store, error))
    return FALSE;
  stmt = cr_store_prepare (self->store,
                           "UPDATE actions SET text = ?2, owner = ?3, due = ?4 WHERE id = ?1", error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_int64 (stmt, 1, cr_action_get_id (action));
  sqlite3_bind_text (stmt, 2, text, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, owner ? owner : "", -1, SQLITE_TRANSIENT);
  bind_text_or_null (stmt, 4, due);
  if (!cr_store_step_done (self->store, stmt, error) ||
      !cr_store_commit (self->store, error))
    goto fail;

  _cr_action_set (action, text, owner, due);
  return TRUE;

fail:
  cr_store_rollback (self->store);
  return FALSE;
}

gboolean
cr_workshop_update_action (CrWorkshop  *self,
                           CrAction    *action,
                           const char  *text,
                           const char  *owner,
                           const char  *due,
                           GError     **error)
{
  g_autoptr(UndoEntry) entry = NULL;
  guint position;

  g_return_val_if_fail (CR_IS_WORKSHOP (self), FALSE);
  g_return_val_if_fail (CR_IS_ACTION (action), FALSE);

  if (!g_list_store_find (self->actions, action, &position))
    return invalid (error, "%s", _("That action is not part of this workshop."));
  due = empty_to_null (due);
  if (!check_action (text, owner, due, error))
    return FALSE;

  if (g_strcmp0 (text, cr_action_get_text (action)) == 0 &&
      g_strcmp0 (owner ? owner : "", cr_action_get_owner (action)) == 0 &&
      g_strcmp0 (due, cr_action_get_due (action)) == 0)
    return TRUE;

  /* Translators: an undo label: what the last change was */
  entry = undo_entry_new (UNDO_UPDATE_ACTION, N_("Edit action"), action);
  entry->u.action.text = g_strdup (cr_action_get_text (action));
  entry->u.action.owner = g_strdup (cr_action_get_owner (action));
  entry->u.action.due = g_strdup (cr_action_get_due (action));

  if (!write_action (self, action, text, owner, due, error))
    return FALSE;
  push_undo (self, g_steal_pointer (&entry));
  return TRUE;
}

gboolean
cr_workshop_remove_action (CrWorkshop  *self,
                           CrAction    *action,
                           GError     **error)
{
  UndoEntry *entry;
  guint position;

  g_return_val_if_fail (CR_IS_WORKSHOP (self), FALSE);
  g_return_val_if_fail (CR_IS_ACTION (action), FALSE);

  if (!g_list_store_find (self->actions, action, &position))
    return invalid (error, "%s", _("That action is not part of this workshop."));
  /* Translators: an undo label: what the last change was */
  entry = delete_item (self, UNDO_ADD_ACTION, action, N_("Delete action"), error);
  if (entry == NULL)
    return FALSE;
  /* Translators: a toast after deleting an action */
  entry->summary = g_strdup (_("Action deleted"));
  push_undo (self, entry);
  return TRUE;
}

/* ---------------------------------------------------------------------- */
/* What became of an action                                                */

/* One transaction: the status and outcome of an action, or of one of last
 * time's actions in this re-run's review. */
static gboolean
write_action_status (CrWorkshop      *self,
                     CrAction        *action,
                     CrActionStatus   status,
                     const char      *outcome,
                     GError         **error)
{
  guint position;
  gboolean reviewed = g_list_store_find (self->review, action, &position);
  sqlite3_stmt *stmt;

  if (!cr_store_begin (self->store, error))
    return FALSE;
  stmt = cr_store_prepare (self->store,
                           reviewed
                           ? "UPDATE reviewed_actions SET status = ?2, outcome = ?3 WHERE id = ?1"
                           : "UPDATE actions SET status = ?2, outcome = ?3 WHERE id = ?1", error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_int64 (stmt, 1, cr_action_get_id (action));
  sqlite3_bind_text (stmt, 2, cr_action_status_to_string (status), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, outcome ? outcome : "", -1, SQLITE_TRANSIENT);
  if (!cr_store_step_done (self->store, stmt, error) ||
      !cr_store_commit (self->store, error))
    goto fail;

  _cr_action_set_status (action, status, outcome);
  /* The review step is done once every one of last time's actions has an answer. */
  if (reviewed)
    refresh_work_done (self, TRUE);
  return TRUE;

fail:
  cr_store_rollback (self->store);
  return FALSE;
}

gboolean
cr_workshop_set_action_status (CrWorkshop      *self,
                               CrAction        *action,
                               CrActionStatus   status,
                               const char      *outcome,
                               GError         **error)
{
  g_autoptr(UndoEntry) entry = NULL;
  guint position;

  g_return_val_if_fail (CR_IS_WORKSHOP (self), FALSE);
  g_return_val_if_fail (CR_IS_ACTION (action), FALSE);

  if (!g_list_store_find (self->actions, action, &position) &&
      !g_list_store_find (self->review, action, &position))
    return invalid (error, "%s", _("That action is not part of this workshop."));
  if (status > CR_ACTION_DROPPED)
    return invalid (error, "%s", _("An action is open, done or dropped."));
  if (outcome == NULL)
    outcome = "";
  if (!check_text (outcome, _("The outcome"), error))
    return FALSE;
  if (!cr_action_outcome_is_one_line (outcome))
    return invalid (error, "%s", _("The outcome is one line; say the rest in the notes."));

  if (status == cr_action_get_status (action) && g_strcmp0 (outcome, cr_action_get_outcome (action)) == 0)
    return TRUE;

  /* Translators: an undo label: what the last change was */
  entry = undo_entry_new (UNDO_ACTION_STATUS, N_("Mark action"), action);
  entry->u.status.status = cr_action_get_status (action);
  entry->u.status.outcome = g_strdup (cr_action_get_outcome (action));
  if (!write_action_status (self, action, status, outcome, error))
    return FALSE;
  push_undo (self, g_steal_pointer (&entry));
  return TRUE;
}

/**
 * cr_workshop_get_review:
 * @self: a workshop
 *
 * Returns: (transfer none): the actions the previous workshop agreed, as
 * this re-run reviews them (CrAction); empty for a workshop that re-runs
 * none, or whose predecessor agreed none
 */
GListModel *
cr_workshop_get_review (CrWorkshop *self)
{
  g_return_val_if_fail (CR_IS_WORKSHOP (self), NULL);
  return G_LIST_MODEL (self->review);
}

/* ---------------------------------------------------------------------- */
/* The room's decision                                                     */

static gboolean
check_decision_option (CrWorkshop  *self,
                       const char  *option_id,
                       GError     **error)
{
  if (option_id == NULL || cr_template_find_option (self->template, option_id) != NULL)
    return TRUE;
  return invalid (error,
                  /* Translators: the first %s is an option id, the second a template id */
                  _("'%s' is not an option of template '%s'."),
                  option_id, cr_template_get_id (self->template));
}

static gboolean
check_decision (CrWorkshop        *self,
                const CrDecision  *decision,
                GError           **error)
{
  if (!check_decision_option (self, decision->start_with, error) ||
      !check_decision_option (self, decision->aim_for, error))
    return FALSE;
  if (decision->aim_for != NULL && !cr_template_is_ordered (self->template))
    return invalid (error, "%s",
                    _("This template's options are not stages, so the decision names the one option chosen, with no aim beyond it."));
  if (!check_text (decision->rationale ? decision->rationale : "", _("The reasoning"), error))
    return FALSE;
  for (guint i = 0; decision->agreed != NULL && i < decision->agreed->len; i++)
    {
      gint64 id = g_array_index (decision->agreed, gint64, i);

      if (cr_workshop_find_participant (self, id) == NULL)
        return invalid (error, "%s", _("Only participants of this workshop can agree to its decision."));
      if (i > 0 && g_array_index (decision->agreed, gint64, i - 1) >= id)
        return invalid (error, "%s", _("Each participant agrees to the decision once."));
    }
  return TRUE;
}

static int
compare_ids (gconstpointer a,
             gconstpointer b)
{
  gint64 x = *(const gint64 *) a, y = *(const gint64 *) b;

  return (x > y) - (x < y);
}

/* One transaction: the decision replaces the one stored (NULL: none). */
static gboolean
write_decision (CrWorkshop        *self,
                const CrDecision  *decision,
                GError           **error)
{
  sqlite3_stmt *stmt;

  if (!cr_store_begin (self->store, error))
    return FALSE;
  /* Who agreed goes with it, by cascade. */
  stmt = cr_store_prepare (self->store, "DELETE FROM decisions WHERE workshop_id = ?1", error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_int64 (stmt, 1, self->id);
  if (!cr_store_step_done (self->store, stmt, error) ||
      (decision != NULL && !_cr_store_insert_decision (self->store, self->id, decision, error)) ||
      !cr_store_commit (self->store, error))
    goto fail;

  g_clear_pointer (&self->decision, cr_decision_free);
  if (decision != NULL)
    self->decision = cr_decision_copy (decision);
  g_signal_emit (self, signals[DECISION_CHANGED], 0);
  return TRUE;

fail:
  cr_store_rollback (self->store);
  return FALSE;
}

/**
 * cr_workshop_get_decision:
 * @self: a workshop
 *
 * Returns: (nullable) (transfer none): the room's decision, or %NULL when
 * none is recorded
 */
const CrDecision *
cr_workshop_get_decision (CrWorkshop *self)
{
  g_return_val_if_fail (CR_IS_WORKSHOP (self), NULL);
  return self->decision;
}

/**
 * cr_workshop_set_decision:
 * @self: a workshop
 * @decision: (nullable): what the room decided; %NULL or an empty decision
 *   clears it
 * @error: return location for a #GError
 *
 * Records the room's decision, checked against the template (known options;
 * no aim for options that are not stages) and the participants. Undoable.
 */
gboolean
cr_workshop_set_decision (CrWorkshop        *self,
                          const CrDecision  *decision,
                          GError           **error)
{
  g_autoptr(UndoEntry) entry = NULL;
  g_autoptr(CrDecision) normalised = NULL;

  g_return_val_if_fail (CR_IS_WORKSHOP (self), FALSE);

  if (!cr_decision_is_empty (decision))
    {
      normalised = cr_decision_copy (decision);
      g_array_sort (normalised->agreed, compare_ids);
      if (!check_decision (self, normalised, error))
        return FALSE;
    }

  if (cr_decision_equal (normalised, self->decision))
    return TRUE;

  /* Translators: an undo label: what the last change was */
  entry = undo_entry_new (UNDO_DECISION, N_("Edit decision"), NULL);
  entry->u.decision = self->decision != NULL ? cr_decision_copy (self->decision) : NULL;
  if (normalised == NULL)
    /* Translators: a toast after the room's decision was cleared */
    entry->summary = g_strdup (_("Decision cleared"));

  if (!write_decision (self, normalised, error))
    return FALSE;
  push_undo (self, g_steal_pointer (&entry));
  return TRUE;
}

/* ---------------------------------------------------------------------- */
/* Re-runs and the trash                                                   */

CrWorkshop *
cr_workshop_rerun (CrWorkshop  *source,
                   const char  *title,
                   const char  *date,
                   GError     **error)
{
  g_autofree char *template_json = NULL;
  GHashTableIter iter;
  gpointer field_id, value;
  gint64 id;
  guint n;

  g_return_val_if_fail (CR_IS_WORKSHOP (source), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!check_details (title, source->organisation, date, error))
    return NULL;

  if (!cr_template_is_builtin (source->template))
    template_json = json_to_string (cr_template_get_json (source->template), FALSE);

  if (!cr_store_begin (source->store, error))
    return NULL;
  id = _cr_store_insert_workshop (source->store, 0, title, source->organisation, source->facilitator,
                                  date, source->function_name,
                                  cr_template_get_id (source->template), template_json,
                                  NULL, source->uuid, error);
  if (id == 0)
    goto fail;

  g_hash_table_iter_init (&iter, source->context);
  while (g_hash_table_iter_next (&iter, &field_id, &value))
    if (!_cr_store_insert_context (source->store, id, field_id, value, error))
      goto fail;

  /* In seating order, so anonymous seats keep their numbers. */
  n = g_list_model_get_n_items (G_LIST_MODEL (source->participants));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(CrParticipant) p = g_list_model_get_item (G_LIST_MODEL (source->participants), i);

      if (_cr_store_insert_participant (source->store, id, cr_participant_get_key (p),
                                        cr_participant_get_name (p),
                                        cr_participant_get_role (p), error) == 0)
        goto fail;
    }

  /* Last time's actions, for the room to review: as they stood then. */
  n = g_list_model_get_n_items (G_LIST_MODEL (source->actions));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(CrAction) a = g_list_model_get_item (G_LIST_MODEL (source->actions), i);

      if (_cr_store_insert_action (source->store, TRUE, id, cr_action_get_text (a),
                                            cr_action_get_owner (a), cr_action_get_due (a),
                                            cr_action_get_status (a), cr_action_get_outcome (a),
                                            error) == 0)
        goto fail;
    }

  if (!cr_store_commit (source->store, error))
    goto fail;
  return cr_workshop_load (source->store, id, error);

fail:
  cr_store_rollback (source->store);
  return NULL;
}

static gboolean
set_trashed (CrStore     *store,
             gint64       id,
             gboolean     trashed,
             GError     **error)
{
  sqlite3_stmt *stmt;

  if (!cr_store_begin (store, error))
    return FALSE;
  stmt = cr_store_prepare (store,
                           "UPDATE workshops SET trashed = ?2 WHERE id = ?1 AND trashed = ?3", error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_int64 (stmt, 1, id);
  sqlite3_bind_int (stmt, 2, trashed ? 1 : 0);
  sqlite3_bind_int (stmt, 3, trashed ? 0 : 1);
  if (!cr_store_step_done (store, stmt, error))
    goto fail;
  if (sqlite3_changes (cr_store_get_db (store)) == 0)
    {
      if (trashed)
        g_set_error (error, CR_STORE_ERROR, CR_STORE_ERROR_NOT_FOUND,
                     /* Translators: %lld is a workshop id */
                     _("There is no workshop with ID %lld; run crossroads --list to see them."),
                     (long long) id);
      else
        g_set_error (error, CR_STORE_ERROR, CR_STORE_ERROR_NOT_FOUND,
                     /* Translators: %lld is a workshop id */
                     _("There is no workshop with ID %lld in the trash; it may have been emptied."),
                     (long long) id);
      goto fail;
    }
  return cr_store_commit (store, error);

fail:
  cr_store_rollback (store);
  return FALSE;
}

gboolean
cr_workshop_trash (CrStore     *store,
                   gint64       id,
                   GError     **error)
{
  g_return_val_if_fail (CR_IS_STORE (store), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return set_trashed (store, id, TRUE, error);
}

gboolean
cr_workshop_restore (CrStore     *store,
                     gint64       id,
                     GError     **error)
{
  g_return_val_if_fail (CR_IS_STORE (store), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return set_trashed (store, id, FALSE, error);
}

gboolean
cr_workshop_purge_trash (CrStore     *store,
                         GError     **error)
{
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (CR_IS_STORE (store), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  /* Most starts find no trash: a read is enough then, and no write
   * transaction (with the day's first backup) holds up the first frame. */
  stmt = cr_store_prepare (store, "SELECT 1 FROM workshops WHERE trashed = 1 LIMIT 1", error);
  if (stmt == NULL)
    return FALSE;
  rc = sqlite3_step (stmt);
  sqlite3_reset (stmt);
  if (rc == SQLITE_DONE)
    return TRUE;
  if (rc != SQLITE_ROW)
    {
      cr_store_set_error (store, error, _("emptying the trash"));
      return FALSE;
    }

  if (!cr_store_begin (store, error))
    return FALSE;
  /* Everything of theirs goes with them by cascade. */
  stmt = cr_store_prepare (store, "DELETE FROM workshops WHERE trashed = 1", error);
  if (stmt == NULL ||
      !cr_store_step_done (store, stmt, error) ||
      !cr_store_commit (store, error))
    {
      cr_store_rollback (store);
      return FALSE;
    }
  return TRUE;
}

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
  return invalid (error,
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
static void
refresh_work_done (CrWorkshop *self,
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
        g_signal_emit (self, signals[STEP_CHANGED], 0, step->id);
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
  g_signal_emit (self, signals[STEP_CHANGED], 0, step_id);
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
    return invalid (error,
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

/* ---------------------------------------------------------------------- */
/* Changes another connection made                                         */

gboolean
cr_workshop_reread_participants (CrWorkshop  *self,
                                 GError     **error)
{
  g_autoptr(GHashTable) in_store = g_hash_table_new (g_int64_hash, g_int64_equal);
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  sqlite3_stmt *stmt;
  gboolean changed = FALSE;
  int rc;

  g_return_val_if_fail (CR_IS_WORKSHOP (self), FALSE);

  stmt = cr_store_prepare (self->store, "SELECT id, key, name, role FROM participants WHERE workshop_id = ?1 ORDER BY id", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, self->id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      const char *name = (const char *) sqlite3_column_text (stmt, 2);
      const char *role = (const char *) sqlite3_column_text (stmt, 3);
      CrParticipant *known = cr_workshop_find_participant (self, id);

      g_array_append_val (ids, id);
      if (known == NULL)
        {
          const char *key = (const char *) sqlite3_column_text (stmt, 1);
          guint n = g_list_model_get_n_items (G_LIST_MODEL (self->participants)), seat = 0;
          g_autoptr(CrParticipant) p = NULL;

          /* Numbered as cr_workshop_add_participant () numbers a seat. */
          if (n > 0)
            {
              g_autoptr(CrParticipant) last = g_list_model_get_item (G_LIST_MODEL (self->participants), n - 1);

              seat = _cr_participant_get_seat (last);
            }
          p = _cr_participant_new (id, key, name, role, seat_number (key, seat));
          g_list_store_append (self->participants, p);
          changed = TRUE;
        }
      else if (g_strcmp0 (cr_participant_get_name (known), name) != 0 ||
               g_strcmp0 (cr_participant_get_role (known), role) != 0)
        {
          _cr_participant_set (known, name, role);
          changed = TRUE;
        }
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      cr_store_set_error (self->store, error, _("reading the workshop"));
      return FALSE;
    }

  for (guint i = 0; i < ids->len; i++)
    g_hash_table_add (in_store, &g_array_index (ids, gint64, i));
  for (guint i = g_list_model_get_n_items (G_LIST_MODEL (self->participants)); i > 0; i--)
    {
      g_autoptr(CrParticipant) p = g_list_model_get_item (G_LIST_MODEL (self->participants), i - 1);
      gint64 id = cr_participant_get_id (p);

      if (!g_hash_table_contains (in_store, &id))
        {
          g_list_store_remove (self->participants, i - 1);
          changed = TRUE;
        }
    }

  if (changed)
    refresh_work_done (self, TRUE);
  return TRUE;
}

gboolean
cr_workshop_reread_round (CrWorkshop  *self,
                          gint64       round_id,
                          GError     **error)
{
  g_autoptr(GArray) votes = g_array_new (FALSE, FALSE, sizeof (CrVote));
  g_autoptr(GStringChunk) strings = g_string_chunk_new (256);
  CrRound *round = NULL;
  const CrVote *current;
  guint n_current;
  gboolean revealed = FALSE, same, revealed_changed;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (CR_IS_WORKSHOP (self), FALSE);

  for (guint i = 0; round == NULL && i < g_list_model_get_n_items (G_LIST_MODEL (self->rounds)); i++)
    {
      g_autoptr(CrRound) r = g_list_model_get_item (G_LIST_MODEL (self->rounds), i);

      if (cr_round_get_id (r) == round_id)
        round = r;
    }
  if (round == NULL)
    return invalid (error, "%s", _("That round is not part of this workshop."));

  stmt = cr_store_prepare (self->store, "SELECT revealed FROM rounds WHERE id = ?1", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, round_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    revealed = sqlite3_column_int (stmt, 0) != 0;
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW)
    {
      cr_store_set_error (self->store, error, _("reading the workshop"));
      return FALSE;
    }

  if (!read_round_votes (self, round_id, votes, strings, error))
    return FALSE;

  current = cr_round_get_votes (round, &n_current);
  same = n_current == votes->len;
  for (guint i = 0; same && i < n_current; i++)
    {
      const CrVote *a = &current[i], *b = &g_array_index (votes, CrVote, i);

      same = a->participant_id == b->participant_id && a->value == b->value &&
             g_strcmp0 (a->option, b->option) == 0 && g_strcmp0 (a->criterion, b->criterion) == 0;
    }
  revealed_changed = revealed != cr_round_get_revealed (round);
  if (!same)
    _cr_round_set_votes (round, (const CrVote *) votes->data, votes->len);
  if (revealed_changed)
    _cr_round_set_revealed (round, revealed);
  if (!same || revealed_changed)
    refresh_work_done (self, TRUE);
  return TRUE;
}

/* ---------------------------------------------------------------------- */
/* Undo and redo: applying an entry, each one transaction                  */
/*                                                                         */
/* Each apply_* function puts back what its entry recorded and returns the */
/* entry that puts back what was there instead (for the other stack), with */
/* the same label; on failure it writes nothing and returns NULL.          */

static void
insert_item (GListStore *list,
             guint       position,
             gpointer    item)
{
  g_list_store_insert (list, MIN (position, g_list_model_get_n_items (G_LIST_MODEL (list))), item);
}

static UndoEntry *
apply_details (CrWorkshop  *self,
               UndoEntry   *entry,
               GError     **error)
{
  g_autoptr(UndoEntry) inverse = undo_entry_new (UNDO_DETAILS, entry->label, NULL);

  inverse->u.details.title = g_strdup (self->title);
  inverse->u.details.organisation = g_strdup (self->organisation);
  inverse->u.details.facilitator = g_strdup (self->facilitator);
  inverse->u.details.date = g_strdup (self->date);
  inverse->u.details.function_name = g_strdup (self->function_name);
  if (!write_details (self, entry->u.details.title, entry->u.details.organisation,
                      entry->u.details.facilitator, entry->u.details.date,
                      entry->u.details.function_name, error))
    return NULL;
  return g_steal_pointer (&inverse);
}

static UndoEntry *
apply_context (CrWorkshop  *self,
               UndoEntry   *entry,
               GError     **error)
{
  g_autoptr(UndoEntry) inverse = undo_entry_new (UNDO_CONTEXT, entry->label, NULL);
  const CrContextValue *now = g_hash_table_lookup (self->context, entry->u.context.field_id);

  inverse->u.context.field_id = g_strdup (entry->u.context.field_id);
  inverse->u.context.value = now != NULL ? cr_context_value_copy (now) : NULL;
  if (!write_context (self, entry->u.context.field_id, entry->u.context.value, error))
    return NULL;
  return g_steal_pointer (&inverse);
}

/* An added item goes again; anything added to it since (votes in a round)
 * was applied before, newest first. */
static UndoEntry *
apply_addition (CrWorkshop  *self,
                UndoEntry   *entry,
                GError     **error)
{
  return delete_item (self, entry->kind, entry->item, entry->label, error);
}

static UndoEntry *
apply_update_participant (CrWorkshop  *self,
                          UndoEntry   *entry,
                          GError     **error)
{
  g_autoptr(UndoEntry) inverse = undo_entry_new (UNDO_UPDATE_PARTICIPANT, entry->label, entry->item);

  inverse->u.participant.name = g_strdup (cr_participant_get_name (entry->item));
  inverse->u.participant.role = g_strdup (cr_participant_get_role (entry->item));
  if (!write_participant (self, entry->item, entry->u.participant.name,
                          entry->u.participant.role, error))
    return NULL;
  return g_steal_pointer (&inverse);
}

/* The participant comes back with their id, their votes (with their ids, in
 * the order the rounds listed them), the notes that named them and their
 * agreement to the decision. */
static UndoEntry *
apply_remove_participant (CrWorkshop  *self,
                          UndoEntry   *entry,
                          GError     **error)
{
  CrParticipant *participant = entry->item;
  gint64 id = cr_participant_get_id (participant);
  GPtrArray *votes = entry->u.removal.votes;
  GPtrArray *notes = entry->u.removal.notes;
  const CrQuestion *question;
  sqlite3_stmt *stmt;
  guint number;

  if (!cr_store_begin (self->store, error))
    return NULL;
  if (insert_participant_row (self->store, id, self->id, cr_participant_get_key (participant),
                              cr_participant_get_name (participant),
                              cr_participant_get_role (participant), error) == 0)
    goto fail;
  for (guint i = 0; i < votes->len; i++)
    if (!write_votes_snapshot (self, g_ptr_array_index (votes, i), error))
      goto fail;
  for (guint i = 0; i < notes->len; i++)
    {
      stmt = cr_store_prepare (self->store,
                               "UPDATE notes SET participant_id = ?2 WHERE id = ?1", error);
      if (stmt == NULL)
        goto fail;
      sqlite3_bind_int64 (stmt, 1, cr_note_get_id (g_ptr_array_index (notes, i)));
      sqlite3_bind_int64 (stmt, 2, id);
      if (!cr_store_step_done (self->store, stmt, error))
        goto fail;
    }
  if (entry->u.removal.agreed)
    {
      stmt = cr_store_prepare (self->store,
                               "INSERT INTO decision_agreed (workshop_id, participant_id)"
                               " VALUES (?1, ?2)", error);
      if (stmt == NULL)
        goto fail;
      sqlite3_bind_int64 (stmt, 1, self->id);
      sqlite3_bind_int64 (stmt, 2, id);
      if (!cr_store_step_done (self->store, stmt, error))
        goto fail;
    }
  /* Their ballots come back: another connection may have counted hands since. */
  if (!stored_rounds_count_once (self, 0, &number, &question, error))
    {
      refuse_putting_back (error, number, question);
      cr_store_rollback (self->store);
      reread_after_refusal (self);
      return NULL;
    }
  if (!cr_store_commit (self->store, error))
    goto fail;

  insert_item (self->participants, entry->position, participant);
  for (guint i = 0; i < votes->len; i++)
    reflect_votes_snapshot (g_ptr_array_index (votes, i));
  for (guint i = 0; i < notes->len; i++)
    _cr_note_set_participant (g_ptr_array_index (notes, i), id);
  if (entry->u.removal.agreed)
    {
      cr_decision_set_agreed (self->decision, id, TRUE);
      g_signal_emit (self, signals[DECISION_CHANGED], 0);
    }
  return undo_entry_new (UNDO_ADD_PARTICIPANT, entry->label, participant);

fail:
  cr_store_rollback (self->store);
  return NULL;
}

static UndoEntry *
apply_update_note (CrWorkshop  *self,
                   UndoEntry   *entry,
                   GError     **error)
{
  g_autoptr(UndoEntry) inverse = undo_entry_new (UNDO_UPDATE_NOTE, entry->label, entry->item);

  inverse->u.note.option = cr_note_get_option (entry->item);
  inverse->u.note.kind = cr_note_get_kind (entry->item);
  inverse->u.note.text = g_strdup (cr_note_get_text (entry->item));
  if (!write_note (self, entry->item, entry->u.note.option, entry->u.note.kind,
                   entry->u.note.text, error))
    return NULL;
  return g_steal_pointer (&inverse);
}

/* A deleted note, action or round comes back with its id, where it stood. */
static UndoEntry *
apply_removal (CrWorkshop  *self,
               UndoEntry   *entry,
               GError     **error)
{
  GListStore *list;
  UndoKind add_kind;
  gint64 id;

  if (!cr_store_begin (self->store, error))
    return NULL;
  switch (entry->kind)
    {
    case UNDO_REMOVE_NOTE:
      list = self->notes;
      add_kind = UNDO_ADD_NOTE;
      id = insert_note_row (self->store, cr_note_get_id (entry->item), self->id,
                            cr_note_get_option (entry->item), cr_note_get_kind (entry->item),
                            cr_note_get_text (entry->item),
                            cr_note_get_participant_id (entry->item), error);
      break;
    case UNDO_REMOVE_ACTION:
      list = self->actions;
      add_kind = UNDO_ADD_ACTION;
      id = insert_action_row (self->store, FALSE, cr_action_get_id (entry->item), self->id,
                              cr_action_get_text (entry->item), cr_action_get_owner (entry->item),
                              cr_action_get_due (entry->item), cr_action_get_status (entry->item),
                              cr_action_get_outcome (entry->item), error);
      break;
    case UNDO_REMOVE_ROUND:
      list = self->rounds;
      add_kind = UNDO_OPEN_ROUND;
      id = insert_round_row (self->store, cr_round_get_id (entry->item), self->id,
                             cr_round_get_question (entry->item), cr_round_get_number (entry->item),
                             FALSE, error);
      break;
    default:
      g_assert_not_reached ();
    }
  if (id == 0 || !cr_store_commit (self->store, error))
    {
      cr_store_rollback (self->store);
      return NULL;
    }

  insert_item (list, entry->position, entry->item);
  return undo_entry_new (add_kind, entry->label, entry->item);
}

static UndoEntry *
apply_reveal_round (CrWorkshop  *self,
                    UndoEntry   *entry,
                    GError     **error)
{
  g_autoptr(UndoEntry) inverse = undo_entry_new (UNDO_REVEAL_ROUND, entry->label, entry->item);

  inverse->revealed = cr_round_get_revealed (entry->item);
  if (!write_revealed (self, entry->item, entry->revealed, error))
    return NULL;
  return g_steal_pointer (&inverse);
}

static UndoEntry *
apply_record_votes (CrWorkshop  *self,
                    UndoEntry   *entry,
                    GError     **error)
{
  g_autoptr(UndoEntry) inverse = undo_entry_new (UNDO_RECORD_VOTES, entry->label, entry->item);
  const CrQuestion *question;
  guint number;

  if (!cr_store_begin (self->store, error))
    return NULL;
  inverse->u.votes = snapshot_votes (self, entry->u.votes->round, entry->u.votes->participant_id, error);
  if (inverse->u.votes == NULL ||
      !write_votes_snapshot (self, entry->u.votes, error))
    {
      cr_store_rollback (self->store);
      return NULL;
    }
  /* Another connection may have added ballots or hands since. */
  if (!stored_rounds_count_once (self, cr_round_get_id (entry->u.votes->round), &number, &question, error))
    {
      refuse_putting_back (error, number, question);
      cr_store_rollback (self->store);
      reread_after_refusal (self);
      return NULL;
    }
  if (!cr_store_commit (self->store, error))
    {
      cr_store_rollback (self->store);
      return NULL;
    }

  reflect_votes_snapshot (entry->u.votes);
  return g_steal_pointer (&inverse);
}

static UndoEntry *
apply_update_action (CrWorkshop  *self,
                     UndoEntry   *entry,
                     GError     **error)
{
  g_autoptr(UndoEntry) inverse = undo_entry_new (UNDO_UPDATE_ACTION, entry->label, entry->item);

  inverse->u.action.text = g_strdup (cr_action_get_text (entry->item));
  inverse->u.action.owner = g_strdup (cr_action_get_owner (entry->item));
  inverse->u.action.due = g_strdup (cr_action_get_due (entry->item));
  if (!write_action (self, entry->item, entry->u.action.text, entry->u.action.owner,
                     entry->u.action.due, error))
    return NULL;
  return g_steal_pointer (&inverse);
}

static UndoEntry *
apply_action_status (CrWorkshop  *self,
                     UndoEntry   *entry,
                     GError     **error)
{
  g_autoptr(UndoEntry) inverse = undo_entry_new (UNDO_ACTION_STATUS, entry->label, entry->item);

  inverse->u.status.status = cr_action_get_status (entry->item);
  inverse->u.status.outcome = g_strdup (cr_action_get_outcome (entry->item));
  if (!write_action_status (self, entry->item, entry->u.status.status, entry->u.status.outcome, error))
    return NULL;
  return g_steal_pointer (&inverse);
}

static UndoEntry *
apply_decision (CrWorkshop  *self,
                UndoEntry   *entry,
                GError     **error)
{
  g_autoptr(UndoEntry) inverse = undo_entry_new (UNDO_DECISION, entry->label, NULL);

  inverse->u.decision = self->decision != NULL ? cr_decision_copy (self->decision) : NULL;
  if (!write_decision (self, entry->u.decision, error))
    return NULL;
  return g_steal_pointer (&inverse);
}

static UndoEntry *
apply_entry (CrWorkshop  *self,
             UndoEntry   *entry,
             GError     **error)
{
  switch (entry->kind)
    {
    case UNDO_DETAILS:
      return apply_details (self, entry, error);
    case UNDO_CONTEXT:
      return apply_context (self, entry, error);
    case UNDO_ADD_PARTICIPANT:
    case UNDO_ADD_NOTE:
    case UNDO_OPEN_ROUND:
    case UNDO_ADD_ACTION:
      return apply_addition (self, entry, error);
    case UNDO_UPDATE_PARTICIPANT:
      return apply_update_participant (self, entry, error);
    case UNDO_REMOVE_PARTICIPANT:
      return apply_remove_participant (self, entry, error);
    case UNDO_UPDATE_NOTE:
      return apply_update_note (self, entry, error);
    case UNDO_REMOVE_NOTE:
    case UNDO_REMOVE_ACTION:
    case UNDO_REMOVE_ROUND:
      return apply_removal (self, entry, error);
    case UNDO_REVEAL_ROUND:
      return apply_reveal_round (self, entry, error);
    case UNDO_RECORD_VOTES:
      return apply_record_votes (self, entry, error);
    case UNDO_UPDATE_ACTION:
      return apply_update_action (self, entry, error);
    case UNDO_DECISION:
      return apply_decision (self, entry, error);
    case UNDO_ACTION_STATUS:
      return apply_action_status (self, entry, error);
    default:
      g_assert_not_reached ();
    }
}

/* Takes the newest entry off @from, applies it and puts the entry that goes
 * the other way on @to. */
static gboolean
step_history (CrWorkshop  *self,
              GPtrArray   *from,
              GPtrArray   *to,
              GError     **error)
{
  const char *old_undo = top_label (self->undo);
  const char *old_redo = top_label (self->redo);
  UndoEntry *entry, *inverse;

  /* Off the stack while it is applied: a view that changes the workshop
   * from a signal handler then stacks its change above, not under, this. */
  entry = g_ptr_array_steal_index (from, from->len - 1);
  inverse = apply_entry (self, entry, error);
  if (inverse == NULL)
    {
      /* Nothing was written and nothing moved: the entry stays on offer. */
      g_ptr_array_add (from, entry);
      return FALSE;
    }

  g_ptr_array_add (to, inverse);
  /* The labels are static strings, so the old tops can still be compared. */
  undo_entry_free (entry);
  history_changed (self, old_undo, old_redo);
  return TRUE;
}

gboolean
cr_workshop_can_undo (CrWorkshop *self)
{
  g_return_val_if_fail (CR_IS_WORKSHOP (self), FALSE);
  return self->undo->len > 0;
}

const char *
cr_workshop_get_undo_label (CrWorkshop *self)
{
  const char *label;

  g_return_val_if_fail (CR_IS_WORKSHOP (self), NULL);

  label = top_label (self->undo);
  return label != NULL ? _(label) : NULL;
}

gboolean
cr_workshop_undo (CrWorkshop  *self,
                  GError     **error)
{
  g_return_val_if_fail (CR_IS_WORKSHOP (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (self->undo->len == 0)
    return invalid (error, "%s", _("There is nothing to undo."));
  return step_history (self, self->undo, self->redo, error);
}

gboolean
cr_workshop_can_redo (CrWorkshop *self)
{
  g_return_val_if_fail (CR_IS_WORKSHOP (self), FALSE);
  return self->redo->len > 0;
}

const char *
cr_workshop_get_redo_label (CrWorkshop *self)
{
  const char *label;

  g_return_val_if_fail (CR_IS_WORKSHOP (self), NULL);

  label = top_label (self->redo);
  return label != NULL ? _(label) : NULL;
}

gboolean
cr_workshop_redo (CrWorkshop  *self,
                  GError     **error)
{
  g_return_val_if_fail (CR_IS_WORKSHOP (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (self->redo->len == 0)
    return invalid (error, "%s", _("There is nothing to redo."));
  return step_history (self, self->redo, self->undo, error);
}

/* Whether the library still holds this workshop as it was loaded: not
 * trashed, deleted or replaced (an id SQLite gave again to a newer one). */
gboolean
cr_workshop_is_current (CrWorkshop *self)
{
  sqlite3_stmt *stmt;
  gboolean current;

  g_return_val_if_fail (CR_IS_WORKSHOP (self), FALSE);

  stmt = cr_store_prepare (self->store,
                           "SELECT created FROM workshops WHERE id = ?1 AND trashed = 0", NULL);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, self->id);
  current = sqlite3_step (stmt) == SQLITE_ROW &&
            g_strcmp0 ((const char *) sqlite3_column_text (stmt, 0), self->created) == 0;
  sqlite3_reset (stmt);
  return current;
}
