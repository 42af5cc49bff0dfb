/* cr-phone-host.h: the HTTP server phones talk to, in the context it runs in
 *
 * CrPhoneServer (the object the window uses) runs one host either in the
 * window's main context or in a thread of its own; every function here is
 * called in the host's context only, and the host calls back in it. The
 * host has its own connection to the library (CrStore) and its own copy of
 * the workshop, which it reads again whenever another connection changed
 * the library (PRAGMA data_version).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* What a room-scale server allows. cr_phone_limits_init () gives the
 * defaults the app runs with; tests change them. */
typedef struct
{
  guint  max_sessions;        /* phones joined to one workshop */
  guint  max_connections;     /* open TCP connections */
  guint  idle_timeout_s;      /* a connection silent this long is closed */
  guint  keepalive_s;         /* an event stream's comment, so dead phones are found */
  guint  max_batch;           /* writes (ballots, joins, claims) in one commit, at least 1 */
  double join_burst;          /* joins per address, at once */
  double join_per_second;     /* and then */
  double ballot_burst;        /* ballots per address */
  double ballot_per_second;
  double code_burst;          /* wrong room codes, the whole server together */
  double code_per_second;
} CrPhoneLimits;

void cr_phone_limits_init (CrPhoneLimits *limits);

/* The host's news for its owner, made in the host's context. */
typedef struct
{
  char    *token;
  char    *room_code;
  gboolean joining;
  guint    seat_cap;         /* 0: none */
  guint    n_sessions;
  GArray  *claims;           /* gint64: participants claimed by a phone */
  GArray  *saved_rounds;     /* gint64: rounds with ballots saved since the last report */
  GArray  *saved_seats;      /* gint64: whose ballots, in the same order */
  gboolean seats_added;      /* phones added anonymous seats */
} CrPhoneReport;

void cr_phone_report_free (CrPhoneReport *report);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CrPhoneReport, cr_phone_report_free)

/* Takes ownership of @report. */
typedef void (*CrPhoneReportFunc) (CrPhoneReport *report,
                                   gpointer       user_data);

typedef struct _CrPhoneHost CrPhoneHost;

/* Opens the library at @db_path and the workshop; listens once
 * cr_phone_host_listen () is called. */
CrPhoneHost *cr_phone_host_new          (const char          *db_path,
                                         gint64               workshop_id,
                                         const CrPhoneLimits *limits,
                                         CrPhoneReportFunc    report,
                                         gpointer             report_data,
                                         GError             **error);
/* Stops listening, closes every connection and the library. */
void         cr_phone_host_free         (CrPhoneHost         *host);

/* Listens on @address at @preferred_port, or on a free port when that one
 * is taken (or 0). */
gboolean     cr_phone_host_listen       (CrPhoneHost         *host,
                                         const char          *address,
                                         guint                preferred_port,
                                         GError             **error);
guint        cr_phone_host_get_port     (CrPhoneHost         *host);

/* Another connection may have changed the library: read it again if so,
 * and tell the phones what changed for them. */
void         cr_phone_host_library_changed (CrPhoneHost      *host);
gboolean     cr_phone_host_renew        (CrPhoneHost         *host,
                                         GError             **error);
gboolean     cr_phone_host_set_joining  (CrPhoneHost         *host,
                                         gboolean             joining,
                                         GError             **error);
gboolean     cr_phone_host_set_seat_cap (CrPhoneHost         *host,
                                         guint                cap,
                                         GError             **error);
/* The phone holding @participant_id's seat loses it, and is told so. */
gboolean     cr_phone_host_release      (CrPhoneHost         *host,
                                         gint64               participant_id,
                                         GError             **error);
/* NULL: phones follow the newest round of any question. */
void         cr_phone_host_set_question (CrPhoneHost         *host,
                                         const char          *question_id);
void         cr_phone_host_set_show_results (CrPhoneHost     *host,
                                         gboolean             show);
/* For tests and the benchmark: microseconds from each ballot read (the
 * request in full, when the handler is called) to its durable commit, since
 * the last call. Nothing is kept before the first call: the app never
 * calls it, so it keeps no array that grows with every ballot. */
GArray      *cr_phone_host_take_latencies (CrPhoneHost       *host);

G_END_DECLS
