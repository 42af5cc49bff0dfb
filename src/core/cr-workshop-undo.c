/* cr-workshop-undo.c: a workshop's undo and redo stacks, and putting each
 * kind of change back in one transaction
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "crossroads-model"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "cr-workshop.h"
#include "cr-workshop-private.h"

/* ---------------------------------------------------------------------- */
/* The undo stack                                                          */

void
_cr_workshop_votes_snapshot_free (VotesSnapshot *snapshot)
{
  g_clear_object (&snapshot->round);
  g_clear_pointer (&snapshot->rows, g_array_unref);
  g_clear_pointer (&snapshot->before, g_array_unref);
  g_free (snapshot);
}

void
_cr_workshop_undo_entry_free (UndoEntry *entry)
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
      g_clear_pointer (&entry->u.votes, _cr_workshop_votes_snapshot_free);
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

UndoEntry *
_cr_workshop_undo_entry_new (UndoKind    kind,
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
    g_object_notify_by_pspec (G_OBJECT (self), _cr_workshop_properties[CR_WORKSHOP_PROP_CAN_UNDO]);
  if (g_strcmp0 (old_undo, undo) != 0)
    g_object_notify_by_pspec (G_OBJECT (self), _cr_workshop_properties[CR_WORKSHOP_PROP_UNDO_LABEL]);
  if ((old_redo != NULL) != (redo != NULL))
    g_object_notify_by_pspec (G_OBJECT (self), _cr_workshop_properties[CR_WORKSHOP_PROP_CAN_REDO]);
  if (g_strcmp0 (old_redo, redo) != 0)
    g_object_notify_by_pspec (G_OBJECT (self), _cr_workshop_properties[CR_WORKSHOP_PROP_REDO_LABEL]);
  g_signal_emit (self, _cr_workshop_signals[CR_WORKSHOP_SIGNAL_HISTORY_CHANGED], 0);
  _cr_workshop_refresh_work_done (self, TRUE);
}

/* A change the user made: it goes on the undo stack, and what was undone
 * before it can no longer be redone. */
void
_cr_workshop_push_undo (CrWorkshop *self,
                        UndoEntry  *entry)
{
  const char *old_undo = top_label (self->undo);
  const char *old_redo = top_label (self->redo);
  const char *summary = entry->summary;

  g_ptr_array_set_size (self->redo, 0);
  g_ptr_array_add (self->undo, entry);
  history_changed (self, old_undo, old_redo);
  if (summary != NULL)
    g_signal_emit (self, _cr_workshop_signals[CR_WORKSHOP_SIGNAL_DESTRUCTIVE_CHANGE], 0, summary);
}

/* The participant's votes in @round as the database and the model hold them
 * now; call inside the transaction that is about to change them. */
VotesSnapshot *
_cr_workshop_snapshot_votes (CrWorkshop  *self,
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
  _cr_workshop_bind_id_or_null (stmt, 2, participant_id);

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
  _cr_workshop_bind_id_or_null (stmt, 2, snapshot->participant_id);
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
      if (!_cr_workshop_insert_vote_row (self->store, taken ? 0 : row->id, round_id, &row->vote, error))
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
  g_autoptr(UndoEntry) inverse = _cr_workshop_undo_entry_new (UNDO_DETAILS, entry->label, NULL);

  inverse->u.details.title = g_strdup (self->title);
  inverse->u.details.organisation = g_strdup (self->organisation);
  inverse->u.details.facilitator = g_strdup (self->facilitator);
  inverse->u.details.date = g_strdup (self->date);
  inverse->u.details.function_name = g_strdup (self->function_name);
  if (!_cr_workshop_write_details (self, entry->u.details.title, entry->u.details.organisation,
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
  g_autoptr(UndoEntry) inverse = _cr_workshop_undo_entry_new (UNDO_CONTEXT, entry->label, NULL);
  const CrContextValue *now = g_hash_table_lookup (self->context, entry->u.context.field_id);

  inverse->u.context.field_id = g_strdup (entry->u.context.field_id);
  inverse->u.context.value = now != NULL ? cr_context_value_copy (now) : NULL;
  if (!_cr_workshop_write_context (self, entry->u.context.field_id, entry->u.context.value, error))
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
  return _cr_workshop_delete_item (self, entry->kind, entry->item, entry->label, error);
}

static UndoEntry *
apply_update_participant (CrWorkshop  *self,
                          UndoEntry   *entry,
                          GError     **error)
{
  g_autoptr(UndoEntry) inverse = _cr_workshop_undo_entry_new (UNDO_UPDATE_PARTICIPANT, entry->label, entry->item);

  inverse->u.participant.name = g_strdup (cr_participant_get_name (entry->item));
  inverse->u.participant.role = g_strdup (cr_participant_get_role (entry->item));
  if (!_cr_workshop_write_participant (self, entry->item, entry->u.participant.name,
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
  if (_cr_workshop_insert_participant_row (self->store, id, self->id, cr_participant_get_key (participant),
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
  if (!_cr_workshop_stored_rounds_count_once (self, 0, &number, &question, error))
    {
      _cr_workshop_refuse_putting_back (error, number, question);
      cr_store_rollback (self->store);
      _cr_workshop_reread_after_refusal (self);
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
      g_signal_emit (self, _cr_workshop_signals[CR_WORKSHOP_SIGNAL_DECISION_CHANGED], 0);
    }
  return _cr_workshop_undo_entry_new (UNDO_ADD_PARTICIPANT, entry->label, participant);

fail:
  cr_store_rollback (self->store);
  return NULL;
}

static UndoEntry *
apply_update_note (CrWorkshop  *self,
                   UndoEntry   *entry,
                   GError     **error)
{
  g_autoptr(UndoEntry) inverse = _cr_workshop_undo_entry_new (UNDO_UPDATE_NOTE, entry->label, entry->item);

  inverse->u.note.option = cr_note_get_option (entry->item);
  inverse->u.note.kind = cr_note_get_kind (entry->item);
  inverse->u.note.text = g_strdup (cr_note_get_text (entry->item));
  if (!_cr_workshop_write_note (self, entry->item, entry->u.note.option, entry->u.note.kind,
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
      id = _cr_workshop_insert_note_row (self->store, cr_note_get_id (entry->item), self->id,
                                         cr_note_get_option (entry->item), cr_note_get_kind (entry->item),
                                         cr_note_get_text (entry->item),
                                         cr_note_get_participant_id (entry->item), error);
      break;
    case UNDO_REMOVE_ACTION:
      list = self->actions;
      add_kind = UNDO_ADD_ACTION;
      id = _cr_workshop_insert_action_row (self->store, FALSE, cr_action_get_id (entry->item), self->id,
                                           cr_action_get_text (entry->item), cr_action_get_owner (entry->item),
                                           cr_action_get_due (entry->item), cr_action_get_status (entry->item),
                                           cr_action_get_outcome (entry->item), error);
      break;
    case UNDO_REMOVE_ROUND:
      list = self->rounds;
      add_kind = UNDO_OPEN_ROUND;
      id = _cr_workshop_insert_round_row (self->store, cr_round_get_id (entry->item), self->id,
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
  return _cr_workshop_undo_entry_new (add_kind, entry->label, entry->item);
}

static UndoEntry *
apply_reveal_round (CrWorkshop  *self,
                    UndoEntry   *entry,
                    GError     **error)
{
  g_autoptr(UndoEntry) inverse = _cr_workshop_undo_entry_new (UNDO_REVEAL_ROUND, entry->label, entry->item);

  inverse->revealed = cr_round_get_revealed (entry->item);
  if (!_cr_workshop_write_revealed (self, entry->item, entry->revealed, error))
    return NULL;
  return g_steal_pointer (&inverse);
}

static UndoEntry *
apply_record_votes (CrWorkshop  *self,
                    UndoEntry   *entry,
                    GError     **error)
{
  g_autoptr(UndoEntry) inverse = _cr_workshop_undo_entry_new (UNDO_RECORD_VOTES, entry->label, entry->item);
  const CrQuestion *question;
  guint number;

  if (!cr_store_begin (self->store, error))
    return NULL;
  inverse->u.votes = _cr_workshop_snapshot_votes (self, entry->u.votes->round, entry->u.votes->participant_id, error);
  if (inverse->u.votes == NULL ||
      !write_votes_snapshot (self, entry->u.votes, error))
    {
      cr_store_rollback (self->store);
      return NULL;
    }
  /* Another connection may have added ballots or hands since. */
  if (!_cr_workshop_stored_rounds_count_once (self, cr_round_get_id (entry->u.votes->round), &number, &question, error))
    {
      _cr_workshop_refuse_putting_back (error, number, question);
      cr_store_rollback (self->store);
      _cr_workshop_reread_after_refusal (self);
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
  g_autoptr(UndoEntry) inverse = _cr_workshop_undo_entry_new (UNDO_UPDATE_ACTION, entry->label, entry->item);

  inverse->u.action.text = g_strdup (cr_action_get_text (entry->item));
  inverse->u.action.owner = g_strdup (cr_action_get_owner (entry->item));
  inverse->u.action.due = g_strdup (cr_action_get_due (entry->item));
  if (!_cr_workshop_write_action (self, entry->item, entry->u.action.text, entry->u.action.owner,
                                  entry->u.action.due, error))
    return NULL;
  return g_steal_pointer (&inverse);
}

static UndoEntry *
apply_action_status (CrWorkshop  *self,
                     UndoEntry   *entry,
                     GError     **error)
{
  g_autoptr(UndoEntry) inverse = _cr_workshop_undo_entry_new (UNDO_ACTION_STATUS, entry->label, entry->item);

  inverse->u.status.status = cr_action_get_status (entry->item);
  inverse->u.status.outcome = g_strdup (cr_action_get_outcome (entry->item));
  if (!_cr_workshop_write_action_status (self, entry->item, entry->u.status.status, entry->u.status.outcome, error))
    return NULL;
  return g_steal_pointer (&inverse);
}

static UndoEntry *
apply_decision (CrWorkshop  *self,
                UndoEntry   *entry,
                GError     **error)
{
  g_autoptr(UndoEntry) inverse = _cr_workshop_undo_entry_new (UNDO_DECISION, entry->label, NULL);

  inverse->u.decision = self->decision != NULL ? cr_decision_copy (self->decision) : NULL;
  if (!_cr_workshop_write_decision (self, entry->u.decision, error))
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
  _cr_workshop_undo_entry_free (entry);
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
    return cr_store_set_invalid (error, "%s", _("There is nothing to undo."));
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
    return cr_store_set_invalid (error, "%s", _("There is nothing to redo."));
  return step_history (self, self->redo, self->undo, error);
}
