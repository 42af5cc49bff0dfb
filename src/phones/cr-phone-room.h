/* cr-phone-room.h: a workshop's phones, as the library keeps them
 *
 * The join token and room code, whether joining is open, the cap on seats,
 * and every phone's session with the seat (participant) it claimed and the
 * idempotency key of the last ballot it saved. Held in memory for the
 * requests and written through to the library (schema version 7), so a
 * restart, even after SIGKILL, keeps every phone in its seat. Sessions are
 * kept by the SHA-256 of their secret, never the secret itself.
 *
 * Each write is one change of the store: alone it commits; inside a change
 * the caller began, it is a nested one, and the caller reloads the room
 * with cr_phone_room_reload () if its own commit fails.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "cr-store.h"

G_BEGIN_DECLS

typedef struct
{
  gint64  id;
  gint64  participant_id;   /* the seat claimed, or 0 */
  char   *last_key;         /* the last ballot's idempotency key, or NULL */
  gint64  last_round;
} CrPhoneSession;

typedef struct _CrPhoneRoom CrPhoneRoom;

/* Reads the workshop's phones, making its token and room code on first use. */
CrPhoneRoom    *cr_phone_room_open         (CrStore      *store,
                                            gint64        workshop_id,
                                            GError      **error);
void            cr_phone_room_free         (CrPhoneRoom  *room);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CrPhoneRoom, cr_phone_room_free)
/* Reads everything again, after another connection's change or a failed
 * commit of the caller's. */
gboolean        cr_phone_room_reload       (CrPhoneRoom  *room,
                                            GError      **error);

const char     *cr_phone_room_get_token    (CrPhoneRoom  *room);
const char     *cr_phone_room_get_code     (CrPhoneRoom  *room);
gboolean        cr_phone_room_get_joining  (CrPhoneRoom  *room);
/* 0: no cap. */
guint           cr_phone_room_get_seat_cap (CrPhoneRoom  *room);

/* A new token and room code; the old ones stop working at once. */
gboolean        cr_phone_room_renew        (CrPhoneRoom  *room,
                                            GError      **error);
gboolean        cr_phone_room_set_joining  (CrPhoneRoom  *room,
                                            gboolean      joining,
                                            GError      **error);
gboolean        cr_phone_room_set_seat_cap (CrPhoneRoom  *room,
                                            guint         cap,
                                            GError      **error);

guint           cr_phone_room_get_n_sessions (CrPhoneRoom *room);
/* The session whose secret this is, or NULL. */
CrPhoneSession *cr_phone_room_find_session (CrPhoneRoom  *room,
                                            const char   *secret);
CrPhoneSession *cr_phone_room_find_session_by_id (CrPhoneRoom *room,
                                                  gint64       session_id);
/* A new session; *secret is what the phone's cookie carries. */
CrPhoneSession *cr_phone_room_add_session  (CrPhoneRoom  *room,
                                            char        **secret,
                                            GError      **error);

/* Participant ids claimed by phones, in no order. */
GArray         *cr_phone_room_dup_claims   (CrPhoneRoom  *room);
guint           cr_phone_room_get_n_claims (CrPhoneRoom  *room);
/* The session that claimed @participant_id, or NULL. */
CrPhoneSession *cr_phone_room_find_claim   (CrPhoneRoom  *room,
                                            gint64        participant_id);
/* Gives @session the seat (0: none), releasing the one it held. */
gboolean        cr_phone_room_claim        (CrPhoneRoom    *room,
                                            CrPhoneSession *session,
                                            gint64          participant_id,
                                            GError        **error);
/* The last ballot @session saved, written in the ballot's own commit. */
gboolean        cr_phone_room_set_last     (CrPhoneRoom    *room,
                                            CrPhoneSession *session,
                                            const char     *key,
                                            gint64          round_id,
                                            GError        **error);

G_END_DECLS
