/* cr-phone-host-private.h: the host's state, shared by its files
 *
 * cr-phone-host.c        life, the library, the API's routes and ballots
 * cr-phone-host-guard.c  connections, and what every request must show first
 * cr-phone-host-events.c the event streams that keep phones up to date
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <libsoup/soup.h>

#include "cr-phone-host.h"
#include "cr-phone-limiter.h"
#include "cr-phone-room.h"
#include "cr-phone-strings.h"
#include "cr-store.h"
#include "cr-workshop.h"

G_BEGIN_DECLS

struct _CrPhoneHost
{
  CrPhoneLimits      limits;
  GMainContext      *context;         /* where the host runs */
  CrPhoneReportFunc  report;
  gpointer           report_data;

  CrStore           *store;
  gint64             workshop_id;
  CrWorkshop        *workshop;
  CrPhoneRoom       *room;
  gint64             data_version;
  char              *question;        /* NULL: the newest round */
  gboolean           show_results;
  gboolean           gone;            /* the workshop is no longer in the library */
  CrPhoneStrings    *strings;         /* the page's words, per language */

  SoupServer        *server;
  GSocket           *listener;
  char              *address;
  guint              port;
  char              *origin;          /* "http://ADDRESS:PORT" */
  char              *host_header;     /* "ADDRESS:PORT" */

  /* cr-phone-host-guard.c */
  GHashTable        *connections;     /* GSocket* -> Connection* */
  GPtrArray         *refusals;        /* connections answered without libsoup */
  CrPhoneLimiter    *join_limiter;
  CrPhoneLimiter    *ballot_limiter;
  CrPhoneLimiter    *code_limiter;

  /* cr-phone-host-events.c */
  GPtrArray         *streams;         /* Stream* */
  guint64            version;         /* of what phones were last told */
  char              *told;            /* a digest of it, to tell only changes */
  GSource           *keepalive;

  /* Ballots read and waiting for the next commit. */
  GPtrArray         *pending;
  GSource           *commit_source;
  GArray            *latencies;       /* gint64 µs; NULL until the first take */

  /* For the next report. */
  GArray            *saved_rounds;
  GArray            *saved_seats;
  gboolean           seats_added;
};

/* cr-phone-host-guard.c */
void     _cr_phone_guard_init            (CrPhoneHost       *host);
void     _cr_phone_guard_clear           (CrPhoneHost       *host);
/* Counts the message's connection, and sets its idle timeout. */
void     _cr_phone_guard_request_started (CrPhoneHost       *host,
                                          SoupServerMessage *msg);
/* The checks every request passes before its body is read: returns FALSE
 * when the request was answered (or its connection taken over). */
gboolean _cr_phone_guard_check           (CrPhoneHost       *host,
                                          SoupServerMessage *msg);
/* The caller's IPv4 address in host order, the key of the limiters. */
guint32  _cr_phone_guard_peer            (SoupServerMessage *msg);
/* The headers every answer carries. */
void     _cr_phone_guard_add_headers     (SoupServerMessage *msg);
/* Answers @msg with @status and a JSON body (taken). */
void     _cr_phone_respond_json          (SoupServerMessage *msg,
                                          guint              status,
                                          char              *json);
void     _cr_phone_respond_error         (SoupServerMessage *msg,
                                          guint              status,
                                          const char        *code,
                                          const char        *detail);

/* cr-phone-host-events.c */
void     _cr_phone_events_init           (CrPhoneHost       *host);
void     _cr_phone_events_clear          (CrPhoneHost       *host);
/* Starts an event stream on @msg for @session. */
void     _cr_phone_events_open           (CrPhoneHost       *host,
                                          SoupServerMessage *msg,
                                          CrPhoneSession    *session);
/* Tells every phone its state, when it changed (@force: whatever it is). */
void     _cr_phone_events_broadcast      (CrPhoneHost       *host,
                                          gboolean           force);
/* Tells @session's streams its state. */
void     _cr_phone_events_tell_session   (CrPhoneHost       *host,
                                          gint64             session_id);
/* Closes the streams of sessions that are gone (after the room was read again). */
void     _cr_phone_events_forget_missing (CrPhoneHost       *host);

/* cr-phone-host.c */
/* The state document of @session (NULL: none), with the shared parts. */
char    *_cr_phone_host_state_json       (CrPhoneHost       *host,
                                          CrPhoneSession    *session,
                                          JsonNode          *result);
CrRound *_cr_phone_host_current_round    (CrPhoneHost       *host);

G_END_DECLS
