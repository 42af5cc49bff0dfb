/* cr-workshop.c: one workshop: loading it, its getters, re-runs and the trash
 *
 * CrWorkshop is spread over files that share cr-workshop-private.h: the rows
 * it is stored in (cr-workshop-rows.c), the facilitator's edits
 * (cr-workshop-changes.c), rounds and votes (cr-workshop-rounds.c), progress
 * through the agenda (cr-workshop-agenda.c) and undo (cr-workshop-undo.c).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "crossroads-model"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "cr-workshop.h"
#include "cr-workshop-private.h"
#include "cr-limits.h"

G_DEFINE_FINAL_TYPE (CrWorkshop, cr_workshop, G_TYPE_OBJECT)

GParamSpec *_cr_workshop_properties[CR_WORKSHOP_N_PROPS];
guint _cr_workshop_signals[CR_WORKSHOP_N_SIGNALS];

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
    case CR_WORKSHOP_PROP_ID:
      g_value_set_int64 (value, self->id);
      break;
    case CR_WORKSHOP_PROP_TITLE:
      g_value_set_string (value, self->title);
      break;
    case CR_WORKSHOP_PROP_ORGANISATION:
      g_value_set_string (value, self->organisation);
      break;
    case CR_WORKSHOP_PROP_FACILITATOR:
      g_value_set_string (value, self->facilitator);
      break;
    case CR_WORKSHOP_PROP_DATE:
      g_value_set_string (value, self->date);
      break;
    case CR_WORKSHOP_PROP_FUNCTION_NAME:
      g_value_set_string (value, self->function_name);
      break;
    case CR_WORKSHOP_PROP_CAN_UNDO:
      g_value_set_boolean (value, cr_workshop_can_undo (self));
      break;
    case CR_WORKSHOP_PROP_UNDO_LABEL:
      g_value_set_string (value, cr_workshop_get_undo_label (self));
      break;
    case CR_WORKSHOP_PROP_CAN_REDO:
      g_value_set_boolean (value, cr_workshop_can_redo (self));
      break;
    case CR_WORKSHOP_PROP_REDO_LABEL:
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

  _cr_workshop_properties[CR_WORKSHOP_PROP_ID] =
    g_param_spec_int64 ("id", NULL, NULL, 0, G_MAXINT64, 0,
                        G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  _cr_workshop_properties[CR_WORKSHOP_PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  _cr_workshop_properties[CR_WORKSHOP_PROP_ORGANISATION] =
    g_param_spec_string ("organisation", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  _cr_workshop_properties[CR_WORKSHOP_PROP_FACILITATOR] =
    g_param_spec_string ("facilitator", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  _cr_workshop_properties[CR_WORKSHOP_PROP_DATE] =
    g_param_spec_string ("date", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  _cr_workshop_properties[CR_WORKSHOP_PROP_FUNCTION_NAME] =
    g_param_spec_string ("function-name", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  _cr_workshop_properties[CR_WORKSHOP_PROP_CAN_UNDO] =
    g_param_spec_boolean ("can-undo", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  _cr_workshop_properties[CR_WORKSHOP_PROP_UNDO_LABEL] =
    g_param_spec_string ("undo-label", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  _cr_workshop_properties[CR_WORKSHOP_PROP_CAN_REDO] =
    g_param_spec_boolean ("can-redo", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  _cr_workshop_properties[CR_WORKSHOP_PROP_REDO_LABEL] =
    g_param_spec_string ("redo-label", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, CR_WORKSHOP_N_PROPS, _cr_workshop_properties);

  /**
   * CrWorkshop::context-changed:
   * @field_id: the context field whose answer changed
   */
  _cr_workshop_signals[CR_WORKSHOP_SIGNAL_CONTEXT_CHANGED] =
    g_signal_new ("context-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  /**
   * CrWorkshop::step-changed:
   * @step_id: the agenda step whose progress (its work, the facilitator's
   *   mark, the time spent) changed
   */
  _cr_workshop_signals[CR_WORKSHOP_SIGNAL_STEP_CHANGED] =
    g_signal_new ("step-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  /**
   * CrWorkshop::decision-changed:
   *
   * The room's decision was recorded, changed, cleared or put back by undo.
   */
  _cr_workshop_signals[CR_WORKSHOP_SIGNAL_DECISION_CHANGED] =
    g_signal_new ("decision-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  /**
   * CrWorkshop::history-changed:
   *
   * A change was made, undone or redone: whatever the undo and redo stacks
   * offered before may no longer be on top.
   */
  _cr_workshop_signals[CR_WORKSHOP_SIGNAL_HISTORY_CHANGED] =
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
  _cr_workshop_signals[CR_WORKSHOP_SIGNAL_DESTRUCTIVE_CHANGE] =
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
  self->undo = g_ptr_array_new_with_free_func ((GDestroyNotify) _cr_workshop_undo_entry_free);
  self->redo = g_ptr_array_new_with_free_func ((GDestroyNotify) _cr_workshop_undo_entry_free);
}

/* ---------------------------------------------------------------------- */
/* Checks shared by every writer                                           */

gboolean
_cr_workshop_check_details (const char  *title,
                            const char  *organisation,
                            const char  *date,
                            GError     **error)
{
  if (title == NULL || !g_utf8_validate (title, -1, NULL) || title[strspn (title, " \t\r\n")] == '\0')
    return cr_store_set_invalid (error, "%s", _("A workshop needs a title."));
  if (organisation == NULL || !g_utf8_validate (organisation, -1, NULL))
    return cr_store_set_invalid (error, "%s", _("The organisation must be text."));
  if (!_cr_workshop_check_text (title, _("The title"), error) ||
      !_cr_workshop_check_text (organisation, _("The organisation"), error))
    return FALSE;
  if (!cr_date_is_valid (date))
    return cr_store_set_invalid (error,
                                 /* Translators: %s is what the user typed */
                                 _("'%s' is not a real date; write it as YYYY-MM-DD."),
                                 date ? date : "");
  return TRUE;
}

gboolean
_cr_workshop_check_text (const char  *text,
                         const char  *what,
                         GError     **error)
{
  if (text == NULL || !g_utf8_validate (text, -1, NULL))
    return cr_store_set_invalid (error,
                                 /* Translators: %s is a field, e.g. "the note" */
                                 _("%s must be valid UTF-8 text."), what);
  if (g_utf8_strlen (text, -1) > CR_LIMIT_TEXT_CHARS)
    return cr_store_set_invalid (error,
                                 /* Translators: %s is a field, e.g. "The note"; %u a number of characters */
                                 _("%s is longer than %u characters, the most Crossroads keeps in one text; shorten it."),
                                 what, (guint) CR_LIMIT_TEXT_CHARS);
  return TRUE;
}

/* Whether a workshop may hold one more item of a list. */
gboolean
_cr_workshop_has_room (GListStore *store,
                       guint       limit)
{
  return g_list_model_get_n_items (G_LIST_MODEL (store)) < limit;
}

/* ---------------------------------------------------------------------- */
/* Loading                                                                 */

/* An anonymous seat's number, after the seat before it numbered @before:
 * the number of its key (p3: Seat 3) where that comes later, else the next
 * one. Keys never repeat, so removing a seat renumbers nobody, a new seat
 * repeats no number, and a fresh load names everyone as before. */
guint
_cr_workshop_seat_number (const char *key,
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

      seat = _cr_workshop_seat_number ((const char *) sqlite3_column_text (stmt, 1), seat);
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
  _cr_workshop_refresh_work_done (self, FALSE);

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

  if (!_cr_workshop_check_details (title, organisation, date, error) ||
      !_cr_workshop_check_text (facilitator ? facilitator : "", _("The facilitator"), error) ||
      !_cr_workshop_check_text (function_name ? function_name : "", _("The function name"), error))
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

  if (!_cr_workshop_check_details (title, source->organisation, date, error))
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
          p = _cr_participant_new (id, key, name, role, _cr_workshop_seat_number (key, seat));
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
    _cr_workshop_refresh_work_done (self, TRUE);
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
    return cr_store_set_invalid (error, "%s", _("That round is not part of this workshop."));

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

  if (!_cr_workshop_read_round_votes (self, round_id, votes, strings, error))
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
    _cr_workshop_refresh_work_done (self, TRUE);
  return TRUE;
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
