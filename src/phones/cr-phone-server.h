/* cr-phone-server.h: votes from phones, served from the laptop
 *
 * A CrPhoneServer serves one workshop's phones while it runs: a join page,
 * the open round of the current question, and ballots that go through the
 * core like the ballot dialog's. Make it with the window's workshop, pick
 * an address (cr_phone_server_list_addresses ()), start it; it stops when
 * told, or when it is disposed (the workshop closed, the app quit).
 *
 * It runs in a thread of its own, with its own main context and its own
 * connection to the library, so a room voting at once never holds up the
 * window's frames (see src/phones/README.md for the measurement). Every
 * function, property and signal here belongs to the context the server was
 * made in (the window's); ballots saved by phones are read back into the
 * window's workshop before "ballot-saved" is emitted, so its voting step
 * and room view see who voted from its own CrWorkshop, never what.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "cr-workshop.h"

G_BEGIN_DECLS

#define CR_PHONE_SERVER_ERROR (cr_phone_server_error_quark ())

typedef enum
{
  CR_PHONE_SERVER_ERROR_NO_NETWORK,   /* no private address to serve on */
  CR_PHONE_SERVER_ERROR_FAILED,
} CrPhoneServerError;

GQuark cr_phone_server_error_quark (void);

/* The port the server asks for first; a taken one gives way to a free one. */
#define CR_PHONE_SERVER_PORT 8765

#define CR_TYPE_PHONE_SERVER (cr_phone_server_get_type ())
G_DECLARE_FINAL_TYPE (CrPhoneServer, cr_phone_server, CR, PHONE_SERVER, GObject)

/* Serves @workshop (the window's), which is kept up to date with what phones save. */
CrPhoneServer *cr_phone_server_new            (CrWorkshop     *workshop);

/* The laptop's private IPv4 addresses (CrPhoneAddress*, see
 * cr-phone-address.h); several when it is also on a VPN, none when it is
 * on no network phones could reach. */
GPtrArray     *cr_phone_server_list_addresses (void);

/* Where to listen; NULL (the default) takes the first private address. */
void           cr_phone_server_set_address    (CrPhoneServer  *self,
                                               const char     *address);
const char    *cr_phone_server_get_address    (CrPhoneServer  *self);

/* The port asked for first (CR_PHONE_SERVER_PORT by default, any free one
 * under CROSSROADS_PHONES_TEST_LOOPBACK=1; 0: any free one). */
void           cr_phone_server_set_preferred_port (CrPhoneServer *self,
                                                   guint          port);

/* Starts listening. Fails with CR_PHONE_SERVER_ERROR_NO_NETWORK when the
 * laptop has no private address: offer the laptop's own ballots then. */
gboolean       cr_phone_server_start          (CrPhoneServer  *self,
                                               GError        **error);
/* Stops listening and closes every phone's connection; nothing a phone was
 * told is saved is lost. Stopping a stopped server does nothing. */
void           cr_phone_server_stop           (CrPhoneServer  *self);
gboolean       cr_phone_server_get_running    (CrPhoneServer  *self);
guint          cr_phone_server_get_port       (CrPhoneServer  *self);

/* What the QR code, and the URL in large type, carry: http://ADDRESS:PORT/j/TOKEN */
const char    *cr_phone_server_get_join_url   (CrPhoneServer  *self);
/* The six characters to type on the join page (http://ADDRESS:PORT/). */
const char    *cr_phone_server_get_room_code  (CrPhoneServer  *self);
/* A new token and room code: the old QR code and code stop working at once;
 * phones that joined keep their seats. */
gboolean       cr_phone_server_renew_token    (CrPhoneServer  *self,
                                               GError        **error);

/* Whether new phones may join (the token and code work only while it is on). */
gboolean       cr_phone_server_get_joining    (CrPhoneServer  *self);
gboolean       cr_phone_server_set_joining    (CrPhoneServer  *self,
                                               gboolean        joining,
                                               GError        **error);
/* The most seats phones may hold; 0 for no cap. */
guint          cr_phone_server_get_seat_cap   (CrPhoneServer  *self);
gboolean       cr_phone_server_set_seat_cap   (CrPhoneServer  *self,
                                               guint           cap,
                                               GError        **error);

/* Phones joined, with or without a seat. */
guint          cr_phone_server_get_n_phones   (CrPhoneServer  *self);
/* Participant ids whose seat a phone holds (gint64), in no order. */
GArray        *cr_phone_server_dup_claims     (CrPhoneServer  *self);
gboolean       cr_phone_server_is_claimed     (CrPhoneServer  *self,
                                               gint64          participant_id);
/* The phone holding @participant_id's seat loses it (and goes back to
 * choosing one); its saved ballots stay. */
gboolean       cr_phone_server_release_claim  (CrPhoneServer  *self,
                                               gint64          participant_id,
                                               GError        **error);

/* The question whose newest round phones see; NULL (the default): the
 * newest round of any question. */
void           cr_phone_server_set_question   (CrPhoneServer  *self,
                                               const char     *question_id);
const char    *cr_phone_server_get_question   (CrPhoneServer  *self);
/* After Reveal, phones also show the round's result as the room sees it. */
void           cr_phone_server_set_show_results (CrPhoneServer *self,
                                                 gboolean       show);
gboolean       cr_phone_server_get_show_results (CrPhoneServer *self);

G_END_DECLS
