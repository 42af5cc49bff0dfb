/* cr-test-phone.h: a simulated phone, a real libsoup client of the phone server
 *
 * Used by tests/test-phones.c and bench/cr-bench-phone-clients.c. Each
 * phone has its own SoupSession, may send from its own loopback address
 * (127.x.y.z, so per-address limits apply per phone as in a room), keeps
 * its session cookie itself, and sends what the phone page sends: JSON
 * bodies with Origin and X-Crossroads. The waiting calls iterate the
 * calling thread's default main context, so the server may run in the same
 * thread (in its main context) or elsewhere.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

typedef struct _CrTestPhone CrTestPhone;

/* @base: "http://127.0.0.1:PORT"; @local_address: where the phone sends
 * from ("127.0.0.7"), or NULL. */
CrTestPhone *cr_test_phone_new          (const char  *base,
                                         const char  *local_address);
void         cr_test_phone_free         (CrTestPhone *phone);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CrTestPhone, cr_test_phone_free)

/* Another server (after a restart on another port); the session stays. */
void         cr_test_phone_set_base     (CrTestPhone *phone,
                                         const char  *base);
/* The Origin writes carry (default: @base); NULL sends none. */
void         cr_test_phone_set_origin   (CrTestPhone *phone,
                                         const char  *origin);
/* Whether writes carry X-Crossroads: 1 (default TRUE). */
void         cr_test_phone_set_csrf     (CrTestPhone *phone,
                                         gboolean     send);
/* The Accept-Language every request carries (default: none). */
void         cr_test_phone_set_language (CrTestPhone *phone,
                                         const char  *accept_language);
/* The session cookie's value, as the server set it, or NULL. */
const char  *cr_test_phone_get_session  (CrTestPhone *phone);
void         cr_test_phone_set_session  (CrTestPhone *phone,
                                         const char  *session);
/* The last Set-Cookie header the server sent, or NULL. */
const char  *cr_test_phone_get_set_cookie (CrTestPhone *phone);

/* A request; returns the HTTP status, 0 when the connection failed. With
 * @body, a POST; without, a GET. *json (if given) is the answer parsed, or
 * NULL when it was not JSON; *raw (if given) the body as it came. */
guint        cr_test_phone_request      (CrTestPhone   *phone,
                                         const char    *path,
                                         const char    *body,
                                         JsonNode     **json,
                                         GBytes       **raw);
/* The same, started: finish in @callback with cr_test_phone_request_finish. */
void         cr_test_phone_request_async  (CrTestPhone        *phone,
                                           const char         *path,
                                           const char         *body,
                                           GAsyncReadyCallback callback,
                                           gpointer            user_data);
guint        cr_test_phone_request_finish (CrTestPhone   *phone,
                                           GAsyncResult  *result,
                                           JsonNode     **json);
/* A phone sending from @local_address that joined with the token of
 * @join_url ("http://ADDRESS:PORT/j/TOKEN") and holds @participant_id's
 * seat; asserts that both worked. */
CrTestPhone *cr_test_phone_new_seated   (const char  *join_url,
                                         const char  *local_address,
                                         gint64       participant_id);
/* A single-choice ballot for @option in round @round_id, sent with
 * @key; returns the HTTP status. */
guint        cr_test_phone_vote_single  (CrTestPhone *phone,
                                         gint64       round_id,
                                         const char  *key,
                                         const char  *option);
/* A header of the last response, or NULL. */
const char  *cr_test_phone_get_header   (CrTestPhone *phone,
                                         const char  *name);

/* An event stream (GET /api/events): its "state" events one by one. */
typedef struct _CrTestEvents CrTestEvents;

CrTestEvents *cr_test_events_open       (CrTestPhone  *phone);
/* The next state event (waiting for it), or NULL when the stream ended. */
JsonNode     *cr_test_events_next       (CrTestEvents *events);
void          cr_test_events_close      (CrTestEvents *events);
/* Called with each state event as it comes, instead of waiting. */
typedef void (*CrTestEventFunc) (JsonNode *state,
                                 gpointer  user_data);
void          cr_test_events_set_func   (CrTestEvents   *events,
                                         CrTestEventFunc func,
                                         gpointer        user_data);

/* A value in a JSON document by a path of member names and indexes,
 * "state.round.ballot.0.option"; NULL when it is not there. */
JsonNode    *cr_test_json_get           (JsonNode    *root,
                                         const char  *path);
const char  *cr_test_json_string        (JsonNode    *root,
                                         const char  *path);
gint64       cr_test_json_int           (JsonNode    *root,
                                         const char  *path);

G_END_DECLS
