/* cr-phone-room.c: a workshop's phones: the join token, the room code and
 * every session's seat, kept in the library
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "crossroads-phones"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "cr-phone-room.h"
#include "cr-phone-secret.h"

struct _CrPhoneRoom
{
  CrStore    *store;
  gint64      workshop_id;
  char       *token;
  char       *code;
  guint       seat_cap;
  gboolean    joining;
  GHashTable *by_hash;         /* secret hash -> CrPhoneSession* (owned) */
  GHashTable *by_participant;  /* &participant_id -> CrPhoneSession* */
};

static void
session_free (CrPhoneSession *session)
{
  g_free (session->last_key);
  g_free (session);
}

void
cr_phone_room_free (CrPhoneRoom *room)
{
  if (room == NULL)
    return;
  g_clear_object (&room->store);
  g_free (room->token);
  g_free (room->code);
  g_clear_pointer (&room->by_participant, g_hash_table_unref);
  g_clear_pointer (&room->by_hash, g_hash_table_unref);
  g_free (room);
}

/* Writes the token, code, cap and joining as they are in @room. */
static gboolean
write_access (CrPhoneRoom  *room,
              GError      **error)
{
  sqlite3_stmt *stmt;

  if (!cr_store_begin (room->store, error))
    return FALSE;
  stmt = cr_store_prepare (room->store,
                           "INSERT INTO phone_access (workshop_id, token, room_code, seat_cap, joining)"
                           " VALUES (?1, ?2, ?3, ?4, ?5)"
                           " ON CONFLICT (workshop_id) DO UPDATE SET token = ?2, room_code = ?3,"
                           " seat_cap = ?4, joining = ?5", error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_int64 (stmt, 1, room->workshop_id);
  sqlite3_bind_text (stmt, 2, room->token, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, room->code, -1, SQLITE_TRANSIENT);
  if (room->seat_cap > 0)
    sqlite3_bind_int64 (stmt, 4, room->seat_cap);
  else
    sqlite3_bind_null (stmt, 4);
  sqlite3_bind_int (stmt, 5, room->joining ? 1 : 0);
  if (!cr_store_step_done (room->store, stmt, error) || !cr_store_commit (room->store, error))
    goto fail;
  return TRUE;

fail:
  cr_store_rollback (room->store);
  return FALSE;
}

static gboolean
read_all (CrPhoneRoom  *room,
          GError      **error)
{
  sqlite3_stmt *stmt;
  gboolean found = FALSE;
  int rc;

  g_clear_pointer (&room->token, g_free);
  g_clear_pointer (&room->code, g_free);
  g_hash_table_remove_all (room->by_participant);
  g_hash_table_remove_all (room->by_hash);

  stmt = cr_store_prepare (room->store,
                           "SELECT token, room_code, seat_cap, joining FROM phone_access WHERE workshop_id = ?1", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, room->workshop_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      found = TRUE;
      room->token = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
      room->code = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
      room->seat_cap = (guint) CLAMP (sqlite3_column_int64 (stmt, 2), 0, G_MAXUINT);
      room->joining = sqlite3_column_int (stmt, 3) != 0;
      rc = SQLITE_DONE;
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    goto fail;

  if (!found)
    {
      room->token = cr_phone_secret_new ();
      room->code = cr_phone_room_code_new ();
      room->seat_cap = 0;
      room->joining = TRUE;
      if (!write_access (room, error))
        return FALSE;
    }

  stmt = cr_store_prepare (room->store,
                           "SELECT id, secret_hash, participant_id, last_key, last_round"
                           " FROM phone_sessions WHERE workshop_id = ?1", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, room->workshop_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      CrPhoneSession *session = g_new0 (CrPhoneSession, 1);

      session->id = sqlite3_column_int64 (stmt, 0);
      session->participant_id = sqlite3_column_int64 (stmt, 2);
      session->last_key = g_strdup ((const char *) sqlite3_column_text (stmt, 3));
      session->last_round = sqlite3_column_int64 (stmt, 4);
      g_hash_table_insert (room->by_hash, g_strdup ((const char *) sqlite3_column_text (stmt, 1)), session);
      if (session->participant_id != 0)
        g_hash_table_insert (room->by_participant, &session->participant_id, session);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    goto fail;
  return TRUE;

fail:
  cr_store_set_error (room->store, error, _("reading the phones that joined"));
  return FALSE;
}

CrPhoneRoom *
cr_phone_room_open (CrStore  *store,
                    gint64    workshop_id,
                    GError  **error)
{
  g_autoptr(CrPhoneRoom) room = g_new0 (CrPhoneRoom, 1);

  g_return_val_if_fail (CR_IS_STORE (store), NULL);

  room->store = g_object_ref (store);
  room->workshop_id = workshop_id;
  room->by_hash = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) session_free);
  room->by_participant = g_hash_table_new (g_int64_hash, g_int64_equal);
  if (!read_all (room, error))
    return NULL;
  return g_steal_pointer (&room);
}

gboolean
cr_phone_room_reload (CrPhoneRoom  *room,
                      GError      **error)
{
  g_return_val_if_fail (room != NULL, FALSE);
  return read_all (room, error);
}

const char *
cr_phone_room_get_token (CrPhoneRoom *room)
{
  return room->token;
}

const char *
cr_phone_room_get_code (CrPhoneRoom *room)
{
  return room->code;
}

gboolean
cr_phone_room_get_joining (CrPhoneRoom *room)
{
  return room->joining;
}

guint
cr_phone_room_get_seat_cap (CrPhoneRoom *room)
{
  return room->seat_cap;
}

gboolean
cr_phone_room_renew (CrPhoneRoom  *room,
                     GError      **error)
{
  g_autofree char *old_token = g_steal_pointer (&room->token);
  g_autofree char *old_code = g_steal_pointer (&room->code);

  room->token = cr_phone_secret_new ();
  room->code = cr_phone_room_code_new ();
  if (write_access (room, error))
    return TRUE;
  g_free (room->token);
  g_free (room->code);
  room->token = g_steal_pointer (&old_token);
  room->code = g_steal_pointer (&old_code);
  return FALSE;
}

gboolean
cr_phone_room_set_joining (CrPhoneRoom  *room,
                           gboolean      joining,
                           GError      **error)
{
  gboolean before = room->joining;

  room->joining = joining;
  if (write_access (room, error))
    return TRUE;
  room->joining = before;
  return FALSE;
}

gboolean
cr_phone_room_set_seat_cap (CrPhoneRoom  *room,
                            guint         cap,
                            GError      **error)
{
  guint before = room->seat_cap;

  room->seat_cap = cap;
  if (write_access (room, error))
    return TRUE;
  room->seat_cap = before;
  return FALSE;
}

guint
cr_phone_room_get_n_sessions (CrPhoneRoom *room)
{
  return g_hash_table_size (room->by_hash);
}

CrPhoneSession *
cr_phone_room_find_session (CrPhoneRoom *room,
                            const char  *secret)
{
  g_autofree char *hash = NULL;

  if (secret == NULL)
    return NULL;
  /* The lookup is by a hash of the secret: how long it takes says nothing
   * about how close a guess came. */
  hash = cr_phone_secret_hash (secret);
  return g_hash_table_lookup (room->by_hash, hash);
}

CrPhoneSession *
cr_phone_room_find_session_by_id (CrPhoneRoom *room,
                                  gint64       session_id)
{
  GHashTableIter iter;
  gpointer value;

  /* Streams and queued ballots keep a session's id across a reload; a few
   * hundred sessions are walked in no time. */
  g_hash_table_iter_init (&iter, room->by_hash);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    if (((CrPhoneSession *) value)->id == session_id)
      return value;
  return NULL;
}

CrPhoneSession *
cr_phone_room_add_session (CrPhoneRoom  *room,
                           char        **secret,
                           GError      **error)
{
  g_autofree char *new_secret = cr_phone_secret_new ();
  g_autofree char *hash = cr_phone_secret_hash (new_secret);
  CrPhoneSession *session;
  sqlite3_stmt *stmt;

  if (!cr_store_begin (room->store, error))
    return NULL;
  stmt = cr_store_prepare (room->store,
                           "INSERT INTO phone_sessions (workshop_id, secret_hash) VALUES (?1, ?2)", error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_int64 (stmt, 1, room->workshop_id);
  sqlite3_bind_text (stmt, 2, hash, -1, SQLITE_TRANSIENT);
  if (!cr_store_step_done (room->store, stmt, error))
    goto fail;
  session = g_new0 (CrPhoneSession, 1);
  session->id = sqlite3_last_insert_rowid (cr_store_get_db (room->store));
  if (!cr_store_commit (room->store, error))
    {
      g_free (session);
      goto fail;
    }

  g_hash_table_insert (room->by_hash, g_steal_pointer (&hash), session);
  *secret = g_steal_pointer (&new_secret);
  return session;

fail:
  cr_store_rollback (room->store);
  return NULL;
}

GArray *
cr_phone_room_dup_claims (CrPhoneRoom *room)
{
  GArray *claims = g_array_new (FALSE, FALSE, sizeof (gint64));
  GHashTableIter iter;
  gpointer key;

  g_hash_table_iter_init (&iter, room->by_participant);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    g_array_append_val (claims, *(gint64 *) key);
  return claims;
}

guint
cr_phone_room_get_n_claims (CrPhoneRoom *room)
{
  return g_hash_table_size (room->by_participant);
}

CrPhoneSession *
cr_phone_room_find_claim (CrPhoneRoom *room,
                          gint64       participant_id)
{
  return g_hash_table_lookup (room->by_participant, &participant_id);
}

gboolean
cr_phone_room_claim (CrPhoneRoom     *room,
                     CrPhoneSession  *session,
                     gint64           participant_id,
                     GError         **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (session != NULL, FALSE);

  if (session->participant_id == participant_id)
    return TRUE;
  if (!cr_store_begin (room->store, error))
    return FALSE;
  stmt = cr_store_prepare (room->store, "UPDATE phone_sessions SET participant_id = ?2, last_key = NULL, last_round = NULL"
                                         " WHERE id = ?1", error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_int64 (stmt, 1, session->id);
  if (participant_id != 0)
    sqlite3_bind_int64 (stmt, 2, participant_id);
  else
    sqlite3_bind_null (stmt, 2);
  if (!cr_store_step_done (room->store, stmt, error) || !cr_store_commit (room->store, error))
    goto fail;

  if (session->participant_id != 0)
    g_hash_table_remove (room->by_participant, &session->participant_id);
  session->participant_id = participant_id;
  /* The last ballot was the old seat's: its key means nothing in the new
   * one, and the new seat's ballot is not this phone's to see. */
  g_clear_pointer (&session->last_key, g_free);
  session->last_round = 0;
  if (participant_id != 0)
    g_hash_table_insert (room->by_participant, &session->participant_id, session);
  return TRUE;

fail:
  cr_store_rollback (room->store);
  return FALSE;
}

gboolean
cr_phone_room_set_last (CrPhoneRoom     *room,
                        CrPhoneSession  *session,
                        const char      *key,
                        gint64           round_id,
                        GError         **error)
{
  sqlite3_stmt *stmt;

  if (!cr_store_begin (room->store, error))
    return FALSE;
  stmt = cr_store_prepare (room->store, "UPDATE phone_sessions SET last_key = ?2, last_round = ?3 WHERE id = ?1", error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_int64 (stmt, 1, session->id);
  sqlite3_bind_text (stmt, 2, key, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 3, round_id);
  if (!cr_store_step_done (room->store, stmt, error) || !cr_store_commit (room->store, error))
    goto fail;

  g_free (session->last_key);
  session->last_key = g_strdup (key);
  session->last_round = round_id;
  return TRUE;

fail:
  cr_store_rollback (room->store);
  return FALSE;
}
