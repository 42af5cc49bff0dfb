/* cr-workshop-changes.c: the facilitator's edits to a workshop: details,
 * context, participants, notes, actions and what became of them, the decision
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "crossroads-model"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>

#include "cr-workshop.h"
#include "cr-workshop-private.h"
#include "cr-limits.h"

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
  g_object_notify_by_pspec (G_OBJECT (self), _cr_workshop_properties[prop]);
}

gboolean
_cr_workshop_write_details (CrWorkshop  *self,
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

  replace_string (self, &self->title, title, CR_WORKSHOP_PROP_TITLE);
  replace_string (self, &self->organisation, organisation, CR_WORKSHOP_PROP_ORGANISATION);
  replace_string (self, &self->facilitator, facilitator, CR_WORKSHOP_PROP_FACILITATOR);
  replace_string (self, &self->date, date, CR_WORKSHOP_PROP_DATE);
  replace_string (self, &self->function_name, function_name, CR_WORKSHOP_PROP_FUNCTION_NAME);
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
  if (!_cr_workshop_check_details (title, organisation, date, error) ||
      !_cr_workshop_check_text (facilitator, _("The facilitator"), error) ||
      !_cr_workshop_check_text (function_name, _("The function name"), error))
    return FALSE;

  /* A field left without a change writes nothing and adds nothing to undo. */
  if (g_strcmp0 (title, self->title) == 0 &&
      g_strcmp0 (organisation, self->organisation) == 0 &&
      g_strcmp0 (facilitator, self->facilitator) == 0 &&
      g_strcmp0 (date, self->date) == 0 &&
      g_strcmp0 (function_name, self->function_name) == 0)
    return TRUE;

  /* Translators: an undo label: what the last change was */
  entry = _cr_workshop_undo_entry_new (UNDO_DETAILS, N_("Edit details"), NULL);
  entry->u.details.title = g_strdup (self->title);
  entry->u.details.organisation = g_strdup (self->organisation);
  entry->u.details.facilitator = g_strdup (self->facilitator);
  entry->u.details.date = g_strdup (self->date);
  entry->u.details.function_name = g_strdup (self->function_name);

  if (!_cr_workshop_write_details (self, title, organisation, facilitator, date, function_name, error))
    return FALSE;
  _cr_workshop_push_undo (self, g_steal_pointer (&entry));
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
        return cr_store_set_invalid (error,
                                     /* Translators: %s is a field label */
                                     _("%s must be a number of zero or more"), field->label);
      break;
    case CR_CONTEXT_SCALE:
      if (!value->is_number || value->number != floor (value->number) ||
          value->number < field->scale_min || value->number > field->scale_max)
        return cr_store_set_invalid (error,
                                     /* Translators: %s is a field label, %d the ends of its scale */
                                     _("%s must be a whole number from %d to %d"),
                                     field->label, field->scale_min, field->scale_max);
      break;
    case CR_CONTEXT_CHOICE:
      if (value->is_number || cr_context_field_find_choice (field, value->text) == NULL)
        return cr_store_set_invalid (error,
                                     /* Translators: first %s is a value, second a field label */
                                     _("'%s' is not one of the choices of %s"),
                                     value->is_number ? "" : value->text, field->label);
      break;
    case CR_CONTEXT_TEXT:
      if (value->is_number)
        return cr_store_set_invalid (error, _("%s must be text"), field->label);
      return _cr_workshop_check_text (value->text, field->label, error);
    default:
      g_assert_not_reached ();
    }
  return TRUE;
}

gboolean
_cr_workshop_write_context (CrWorkshop            *self,
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
  g_signal_emit (self, _cr_workshop_signals[CR_WORKSHOP_SIGNAL_CONTEXT_CHANGED], 0, field_id);
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
    return cr_store_set_invalid (error,
                                 /* Translators: first %s is a context field id, second a template id */
                                 _("'%s' is not a context field of template '%s'"),
                                 field_id, cr_template_get_id (self->template));
  if (value != NULL && !check_context_value (self, field, value, error))
    return FALSE;

  old = g_hash_table_lookup (self->context, field_id);
  if (cr_context_value_equal (old, value))
    return TRUE;

  /* Translators: an undo label: what the last change was */
  entry = _cr_workshop_undo_entry_new (UNDO_CONTEXT, N_("Change context"), NULL);
  entry->u.context.field_id = g_strdup (field_id);
  entry->u.context.value = old ? cr_context_value_copy (old) : NULL;
  /* One click on the field's clear button takes the room's answer away. */
  if (value == NULL)
    /* Translators: a toast after a context answer was cleared; %s is the field's label */
    entry->summary = g_strdup_printf (_("Answer to “%s” cleared"), field->label);

  if (!_cr_workshop_write_context (self, field_id, value, error))
    return FALSE;
  _cr_workshop_push_undo (self, g_steal_pointer (&entry));
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
  if ((name != NULL && !_cr_workshop_check_text (name, _("The name"), error)) ||
      !_cr_workshop_check_text (role ? role : "", _("The role"), error) ||
      /* Translators: %u is a number */
      (!_cr_workshop_has_room (self->participants, CR_LIMIT_PARTICIPANTS) && !cr_store_set_invalid (error, _("A workshop holds at most %u participants."), (guint) CR_LIMIT_PARTICIPANTS)))
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
  participant = _cr_participant_new (id, key, name, role, _cr_workshop_seat_number (key, seat));
  g_list_store_append (self->participants, participant);
  g_object_unref (participant);
  /* Translators: an undo label: what the last change was */
  _cr_workshop_push_undo (self, _cr_workshop_undo_entry_new (UNDO_ADD_PARTICIPANT, N_("Add participant"), participant));
  return participant;
}

gboolean
_cr_workshop_write_participant (CrWorkshop     *self,
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
  _cr_workshop_bind_text_or_null (stmt, 2, name);
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
    return cr_store_set_invalid (error, "%s", _("That participant is not part of this workshop."));
  name = empty_to_null (name);
  if ((name != NULL && !_cr_workshop_check_text (name, _("The name"), error)) ||
      !_cr_workshop_check_text (role ? role : "", _("The role"), error))
    return FALSE;

  if (g_strcmp0 (name, cr_participant_get_name (participant)) == 0 &&
      g_strcmp0 (role ? role : "", cr_participant_get_role (participant)) == 0)
    return TRUE;

  /* Translators: an undo label: what the last change was */
  entry = _cr_workshop_undo_entry_new (UNDO_UPDATE_PARTICIPANT, N_("Edit participant"), participant);
  entry->u.participant.name = g_strdup (cr_participant_get_name (participant));
  entry->u.participant.role = g_strdup (cr_participant_get_role (participant));

  if (!_cr_workshop_write_participant (self, participant, name, role, error))
    return FALSE;
  _cr_workshop_push_undo (self, g_steal_pointer (&entry));
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
      return cr_store_set_invalid (error,
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
  entry = _cr_workshop_undo_entry_new (UNDO_REMOVE_PARTICIPANT, label, participant);
  entry->position = position;
  entry->u.removal.votes = g_ptr_array_new_with_free_func ((GDestroyNotify) _cr_workshop_votes_snapshot_free);
  entry->u.removal.notes = g_ptr_array_new_with_free_func (g_object_unref);

  if (!cr_store_begin (self->store, error))
    return NULL;

  /* The delete cascades to their votes: keep them first, ids and all. */
  n = g_list_model_get_n_items (G_LIST_MODEL (self->rounds));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(CrRound) round = g_list_model_get_item (G_LIST_MODEL (self->rounds), i);
      VotesSnapshot *snapshot;

      if (!_cr_workshop_participant_has_votes (round, id))
        continue;
      snapshot = _cr_workshop_snapshot_votes (self, round, id, error);
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
  if (!_cr_workshop_stored_rounds_count_once (self, 0, &number, &question, &local_error))
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
      _cr_workshop_reread_after_refusal (self);
      return NULL;
    }
  if (!cr_store_commit (self->store, error))
    goto fail;

  /* Their agreement to the decision went by cascade too. */
  if (cr_decision_has_agreed (self->decision, id))
    {
      entry->u.removal.agreed = TRUE;
      cr_decision_set_agreed (self->decision, id, FALSE);
      g_signal_emit (self, _cr_workshop_signals[CR_WORKSHOP_SIGNAL_DECISION_CHANGED], 0);
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
    return cr_store_set_invalid (error, "%s", _("That participant is not part of this workshop."));
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
  _cr_workshop_push_undo (self, entry);
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
    return cr_store_set_invalid (error, _("'%s' is not an option of template '%s'"),
                                 option_id ? option_id : "", cr_template_get_id (self->template));
  if (kind > CR_NOTE_QUESTION)
    return cr_store_set_invalid (error, "%s", _("A note is a strength, a risk or a question."));
  return _cr_workshop_check_text (text, _("The note"), error);
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
      (!_cr_workshop_has_room (self->notes, CR_LIMIT_NOTES) && !cr_store_set_invalid (error, _("A workshop holds at most %u notes."), (guint) CR_LIMIT_NOTES)))
    return NULL;
  if (participant_id != 0 && cr_workshop_find_participant (self, participant_id) == NULL)
    {
      cr_store_set_invalid (error, "%s", _("That participant is not part of this workshop."));
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
  _cr_workshop_push_undo (self, _cr_workshop_undo_entry_new (UNDO_ADD_NOTE, N_("Add note"), note));
  return note;
}

gboolean
_cr_workshop_write_note (CrWorkshop  *self,
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
    return cr_store_set_invalid (error, "%s", _("That note is not part of this workshop."));
  if (!check_note (self, option_id, kind, text, error))
    return FALSE;

  if (g_strcmp0 (option_id, cr_note_get_option (note)) == 0 &&
      kind == cr_note_get_kind (note) &&
      g_strcmp0 (text, cr_note_get_text (note)) == 0)
    return TRUE;

  /* Dragging a note to another option or lane is a move; anything else an edit. */
  entry = _cr_workshop_undo_entry_new (UNDO_UPDATE_NOTE,
                                       g_strcmp0 (text, cr_note_get_text (note)) == 0
                                       /* Translators: an undo label: what the last change was */
                                       ? N_("Move note")
                                       /* Translators: an undo label: what the last change was */
                                       : N_("Edit note"),
                                       note);
  entry->u.note.option = cr_note_get_option (note);
  entry->u.note.kind = cr_note_get_kind (note);
  entry->u.note.text = g_strdup (cr_note_get_text (note));

  if (!_cr_workshop_write_note (self, note, option_id, kind, text, error))
    return FALSE;
  _cr_workshop_push_undo (self, g_steal_pointer (&entry));
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
UndoEntry *
_cr_workshop_delete_item (CrWorkshop  *self,
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
  entry = _cr_workshop_undo_entry_new (remove_kind, label, item);
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
    return cr_store_set_invalid (error, "%s", _("That note is not part of this workshop."));
  /* Translators: an undo label: what the last change was */
  entry = _cr_workshop_delete_item (self, UNDO_ADD_NOTE, note, N_("Delete note"), error);
  if (entry == NULL)
    return FALSE;
  /* Translators: a toast after deleting a note */
  entry->summary = g_strdup (_("Note deleted"));
  _cr_workshop_push_undo (self, entry);
  return TRUE;
}

static gboolean
check_action (const char  *text,
              const char  *owner,
              const char  *due,
              GError     **error)
{
  if (!_cr_workshop_check_text (text, _("The action"), error) ||
      !_cr_workshop_check_text (owner ? owner : "", _("The owner"), error))
    return FALSE;
  if (due != NULL && !cr_date_is_valid (due))
    return cr_store_set_invalid (error, _("'%s' is not a real date; write it as YYYY-MM-DD."), due);
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
      (!_cr_workshop_has_room (self->actions, CR_LIMIT_ACTIONS) && !cr_store_set_invalid (error, _("A workshop holds at most %u actions."), (guint) CR_LIMIT_ACTIONS)))
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
  _cr_workshop_push_undo (self, _cr_workshop_undo_entry_new (UNDO_ADD_ACTION, N_("Add action"), action));
  return action;
}

gboolean
_cr_workshop_write_action (CrWorkshop  *self,
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
  _cr_workshop_bind_text_or_null (stmt, 4, due);
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
    return cr_store_set_invalid (error, "%s", _("That action is not part of this workshop."));
  due = empty_to_null (due);
  if (!check_action (text, owner, due, error))
    return FALSE;

  if (g_strcmp0 (text, cr_action_get_text (action)) == 0 &&
      g_strcmp0 (owner ? owner : "", cr_action_get_owner (action)) == 0 &&
      g_strcmp0 (due, cr_action_get_due (action)) == 0)
    return TRUE;

  /* Translators: an undo label: what the last change was */
  entry = _cr_workshop_undo_entry_new (UNDO_UPDATE_ACTION, N_("Edit action"), action);
  entry->u.action.text = g_strdup (cr_action_get_text (action));
  entry->u.action.owner = g_strdup (cr_action_get_owner (action));
  entry->u.action.due = g_strdup (cr_action_get_due (action));

  if (!_cr_workshop_write_action (self, action, text, owner, due, error))
    return FALSE;
  _cr_workshop_push_undo (self, g_steal_pointer (&entry));
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
    return cr_store_set_invalid (error, "%s", _("That action is not part of this workshop."));
  /* Translators: an undo label: what the last change was */
  entry = _cr_workshop_delete_item (self, UNDO_ADD_ACTION, action, N_("Delete action"), error);
  if (entry == NULL)
    return FALSE;
  /* Translators: a toast after deleting an action */
  entry->summary = g_strdup (_("Action deleted"));
  _cr_workshop_push_undo (self, entry);
  return TRUE;
}

/* ---------------------------------------------------------------------- */
/* What became of an action                                                */

/* One transaction: the status and outcome of an action, or of one of last
 * time's actions in this re-run's review. */
gboolean
_cr_workshop_write_action_status (CrWorkshop      *self,
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
    _cr_workshop_refresh_work_done (self, TRUE);
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
    return cr_store_set_invalid (error, "%s", _("That action is not part of this workshop."));
  if (status > CR_ACTION_DROPPED)
    return cr_store_set_invalid (error, "%s", _("An action is open, done or dropped."));
  if (outcome == NULL)
    outcome = "";
  if (!_cr_workshop_check_text (outcome, _("The outcome"), error))
    return FALSE;
  if (!cr_action_outcome_is_one_line (outcome))
    return cr_store_set_invalid (error, "%s", _("The outcome is one line; say the rest in the notes."));

  if (status == cr_action_get_status (action) && g_strcmp0 (outcome, cr_action_get_outcome (action)) == 0)
    return TRUE;

  /* Translators: an undo label: what the last change was */
  entry = _cr_workshop_undo_entry_new (UNDO_ACTION_STATUS, N_("Mark action"), action);
  entry->u.status.status = cr_action_get_status (action);
  entry->u.status.outcome = g_strdup (cr_action_get_outcome (action));
  if (!_cr_workshop_write_action_status (self, action, status, outcome, error))
    return FALSE;
  _cr_workshop_push_undo (self, g_steal_pointer (&entry));
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
  return cr_store_set_invalid (error,
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
    return cr_store_set_invalid (error, "%s",
                                 _("This template's options are not stages, so the decision names the one option chosen, with no aim beyond it."));
  if (!_cr_workshop_check_text (decision->rationale ? decision->rationale : "", _("The reasoning"), error))
    return FALSE;
  for (guint i = 0; decision->agreed != NULL && i < decision->agreed->len; i++)
    {
      gint64 id = g_array_index (decision->agreed, gint64, i);

      if (cr_workshop_find_participant (self, id) == NULL)
        return cr_store_set_invalid (error, "%s", _("Only participants of this workshop can agree to its decision."));
      if (i > 0 && g_array_index (decision->agreed, gint64, i - 1) >= id)
        return cr_store_set_invalid (error, "%s", _("Each participant agrees to the decision once."));
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
gboolean
_cr_workshop_write_decision (CrWorkshop        *self,
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
  g_signal_emit (self, _cr_workshop_signals[CR_WORKSHOP_SIGNAL_DECISION_CHANGED], 0);
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
  entry = _cr_workshop_undo_entry_new (UNDO_DECISION, N_("Edit decision"), NULL);
  entry->u.decision = self->decision != NULL ? cr_decision_copy (self->decision) : NULL;
  if (normalised == NULL)
    /* Translators: a toast after the room's decision was cleared */
    entry->summary = g_strdup (_("Decision cleared"));

  if (!_cr_workshop_write_decision (self, normalised, error))
    return FALSE;
  _cr_workshop_push_undo (self, g_steal_pointer (&entry));
  return TRUE;
}
