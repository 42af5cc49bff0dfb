/* cr-workshop-rounds.c: a workshop's voting rounds: opening, revealing and
 * recording votes, and the one-count-per-person checks against the library
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "crossroads-model"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "cr-workshop.h"
#include "cr-workshop-private.h"
#include "cr-limits.h"

/* ---------------------------------------------------------------------- */
/* Checks on votes                                                         */

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
    return cr_store_set_invalid (error, _("A voting round holds at most %u votes."), (guint) CR_LIMIT_VOTES_PER_ROUND);
  if (in_all - replaced + n_votes > CR_LIMIT_VOTES)
    /* Translators: %u is a number of votes */
    return cr_store_set_invalid (error, _("A workshop holds at most %u votes in all its rounds."), (guint) CR_LIMIT_VOTES);
  return TRUE;
}

/* ---------------------------------------------------------------------- */
/* One count per person, against the library                               */

/* A round's votes as the library holds them, in the order they were
 * recorded, their strings kept in @strings. */
gboolean
_cr_workshop_read_round_votes (CrWorkshop    *self,
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
gboolean
_cr_workshop_stored_rounds_count_once (CrWorkshop        *self,
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
      if (!_cr_workshop_read_round_votes (self, g_array_index (rounds, gint64, i), votes, strings, error))
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
void
_cr_workshop_reread_after_refusal (CrWorkshop *self)
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
void
_cr_workshop_refuse_putting_back (GError           **error,
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

gboolean
_cr_workshop_participant_has_votes (CrRound *round,
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
/* Opening, revealing and voting                                           */

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
  if ((!_cr_workshop_has_room (self->rounds, CR_LIMIT_ROUNDS) && !cr_store_set_invalid (error, _("A workshop holds at most %u voting rounds."), (guint) CR_LIMIT_ROUNDS)))
    return NULL;

  question = question_id ? cr_template_find_question (self->template, question_id) : NULL;
  if (question == NULL)
    {
      cr_store_set_invalid (error,
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
  _cr_workshop_push_undo (self, _cr_workshop_undo_entry_new (UNDO_OPEN_ROUND, N_("Open round"), round));
  return round;
}

gboolean
_cr_workshop_write_revealed (CrWorkshop  *self,
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
    return cr_store_set_invalid (error, "%s", _("That round is not part of this workshop."));
  if (cr_round_get_revealed (round))
    return TRUE;

  if (!_cr_workshop_write_revealed (self, round, TRUE, error))
    return FALSE;
  /* Translators: an undo label: what the last change was; undoing hides the round again */
  _cr_workshop_push_undo (self, _cr_workshop_undo_entry_new (UNDO_REVEAL_ROUND, N_("Reveal round"), round));
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
    return cr_store_set_invalid (error, "%s", _("That round is not part of this workshop."));
  if (participant_id != 0 && cr_workshop_find_participant (self, participant_id) == NULL)
    return cr_store_set_invalid (error, "%s", _("That participant is not part of this workshop."));

  question = cr_template_find_question (self->template, cr_round_get_question (round));
  g_assert (question != NULL);

  for (guint i = 0; i < n_votes; i++)
    if (votes[i].participant_id != participant_id)
      return cr_store_set_invalid (error, "%s", _("Every vote recorded together must come from the same participant."));

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
  snapshot = _cr_workshop_snapshot_votes (self, round, participant_id, error);
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
      _cr_workshop_bind_id_or_null (stmt, 2, participant_id);
      if (!cr_store_step_done (self->store, stmt, error))
        goto fail;
    }
  for (guint i = 0; i < n_votes; i++)
    if (!_cr_store_insert_vote (self->store, cr_round_get_id (round), &votes[i], error))
      goto fail;
  /* One count per person, against every ballot and hand the library holds,
   * not only those this model has read. */
  if (!_cr_workshop_stored_rounds_count_once (self, cr_round_get_id (round), &number, &bad_question, &local_error))
    {
      if (participant_id != 0 && g_error_matches (local_error, CR_STORE_ERROR, CR_STORE_ERROR_INVALID))
        {
          g_clear_error (&local_error);
          g_set_error_literal (&local_error, CR_STORE_ERROR, CR_STORE_ERROR_INVALID,
                               _("Hands were counted for everyone without a ballot, so this ballot would count a person twice. Lower the count of hands first, then record this ballot."));
        }
      g_propagate_error (error, g_steal_pointer (&local_error));
      cr_store_rollback (self->store);
      _cr_workshop_reread_after_refusal (self);
      return FALSE;
    }
  if (!cr_store_commit (self->store, error))
    goto fail;

  _cr_round_remove_votes (round, participant_id);
  for (guint i = 0; i < n_votes; i++)
    _cr_round_add_vote (round, &votes[i]);

  /* Translators: an undo label: what the last change was */
  entry = _cr_workshop_undo_entry_new (UNDO_RECORD_VOTES, N_("Record votes"), round);
  entry->summary = votes_replaced_summary (self, participant_id, snapshot->rows->len, n_votes);
  entry->u.votes = g_steal_pointer (&snapshot);
  _cr_workshop_push_undo (self, entry);
  return TRUE;

fail:
  cr_store_rollback (self->store);
  return FALSE;
}
