/* cr-phone-host.c: the server's life, the library, the API and its ballots
 *
 * Ballots are queued as their bodies are read and written in one change of
 * the library per turn of the host's main loop: each through
 * cr_workshop_record_votes (the ballot dialog's checks, nothing else), in a
 * savepoint of its own with its idempotency key, and one sync for all of
 * them. Only after that commit is any phone told "saved"; a ballot the
 * core refuses is answered with the core's reason and changes nothing.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "crossroads-phones"

#include "config.h"

#include <errno.h>
#include <glib/gi18n-lib.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <string.h>
#include <sys/socket.h>

#include "cr-limits.h"
#include "cr-phone-address.h"
#include "cr-phone-host-private.h"
#include "cr-phone-request.h"
#include "cr-phone-secret.h"
#include "cr-phone-state.h"

#define PAGE_RESOURCE "/io/github/crossroads/Crossroads/phone/"
/* Connections a busy moment may queue before they are accepted: libsoup's
 * own default of 10 drops phones when a whole room scans the code at once. */
#define LISTEN_BACKLOG 1024
/* Seconds the kernel holds a connection that has sent nothing. */
#define DEFER_ACCEPT_S 10
/* A write a phone waits for, answered once it is committed. */
typedef enum
{
  PENDING_BALLOT,
  PENDING_JOIN,
  PENDING_CLAIM,                  /* of a seat that is there; a new seat is written at once */
} PendingKind;

typedef struct
{
  PendingKind        kind;
  SoupServerMessage *msg;
  gint64             session_id;  /* a join's once it is written */
  CrPhoneBallot     *ballot;
  gint64             participant_id;  /* the seat claimed */
  char              *secret;      /* a join's cookie, once written */
  gint64             received;    /* monotonic µs, the body read */
  guint              status;
  char              *answer;
} Pending;

static void
pending_free (Pending *pending)
{
  /* The places commit_pending () emptied, moving their writes on to the next turn. */
  if (pending == NULL)
    return;
  g_clear_object (&pending->msg);
  g_clear_pointer (&pending->ballot, cr_phone_ballot_free);
  if (pending->secret != NULL)
    explicit_bzero (pending->secret, strlen (pending->secret));
  g_free (pending->secret);
  g_free (pending->answer);
  g_free (pending);
}

static gboolean commit_pending (gpointer data);

/* Writes read in one turn of the loop go in one commit, a disk sync for a
 * room rather than one for each phone. */
static void
schedule_commit (CrPhoneHost *host)
{
  if (host->commit_source != NULL)
    return;
  host->commit_source = g_idle_source_new ();
  g_source_set_priority (host->commit_source, G_PRIORITY_DEFAULT);
  g_source_set_callback (host->commit_source, commit_pending, host, NULL);
  g_source_attach (host->commit_source, host->context);
}

/* Waits for the next commit to answer @msg. */
static Pending *
add_pending (CrPhoneHost       *host,
             SoupServerMessage *msg,
             PendingKind        kind,
             gint64             received)
{
  Pending *pending = g_new0 (Pending, 1);

  pending->kind = kind;
  pending->msg = g_object_ref (msg);
  pending->received = received;
  soup_server_message_pause (msg);
  g_ptr_array_add (host->pending, pending);
  schedule_commit (host);
  return pending;
}

static guint
count_pending_joins (CrPhoneHost *host)
{
  guint n = 0;

  for (guint i = 0; i < host->pending->len; i++)
    n += ((Pending *) g_ptr_array_index (host->pending, i))->kind == PENDING_JOIN;
  return n;
}

void
cr_phone_limits_init (CrPhoneLimits *limits)
{
  g_return_if_fail (limits != NULL);

  limits->max_sessions = CR_LIMIT_PARTICIPANTS * 2;
  limits->max_connections = 1000;
  limits->idle_timeout_s = 30;
  limits->keepalive_s = 20;
  limits->max_batch = 128;
  /* A phone joins once; ten tries cover a page reloaded in a hurry. */
  limits->join_burst = 10;
  limits->join_per_second = 1.0 / 30;
  /* Saving, changing and saving again; a script hammering, not. */
  limits->ballot_burst = 30;
  limits->ballot_per_second = 1;
  /* With 27^6 codes, ten wrong ones a minute for the whole room leave a
   * guess no chance in the time a workshop runs. */
  limits->code_burst = 10;
  limits->code_per_second = 1.0 / 6;
}

void
cr_phone_report_free (CrPhoneReport *report)
{
  if (report == NULL)
    return;
  g_free (report->token);
  g_free (report->room_code);
  g_clear_pointer (&report->claims, g_array_unref);
  g_clear_pointer (&report->saved_rounds, g_array_unref);
  g_clear_pointer (&report->saved_seats, g_array_unref);
  g_free (report);
}

static void
send_report (CrPhoneHost *host)
{
  CrPhoneReport *report = g_new0 (CrPhoneReport, 1);

  report->token = g_strdup (cr_phone_room_get_token (host->room));
  report->room_code = g_strdup (cr_phone_room_get_code (host->room));
  report->joining = cr_phone_room_get_joining (host->room);
  report->seat_cap = cr_phone_room_get_seat_cap (host->room);
  report->n_sessions = cr_phone_room_get_n_sessions (host->room);
  report->claims = cr_phone_room_dup_claims (host->room);
  report->saved_rounds = g_steal_pointer (&host->saved_rounds);
  report->saved_seats = g_steal_pointer (&host->saved_seats);
  report->seats_added = host->seats_added;
  host->saved_rounds = g_array_new (FALSE, FALSE, sizeof (gint64));
  host->saved_seats = g_array_new (FALSE, FALSE, sizeof (gint64));
  host->seats_added = FALSE;
  host->report (report, host->report_data);
}

/* ---- The library ------------------------------------------------------------ */

static gint64
query_data_version (CrPhoneHost *host)
{
  sqlite3_stmt *stmt = cr_store_prepare (host->store, "PRAGMA data_version", NULL);
  gint64 version = -1;

  if (stmt != NULL && sqlite3_step (stmt) == SQLITE_ROW)
    version = sqlite3_column_int64 (stmt, 0);
  if (stmt != NULL)
    sqlite3_reset (stmt);
  return version;
}

/* Reads the workshop and the room again. The workshop gone from the
 * library (deleted, trashed) leaves the host answering nothing. */
static void
reload (CrPhoneHost *host)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CrWorkshop) workshop = NULL;

  workshop = cr_workshop_load (host->store, host->workshop_id, &error);
  if (workshop == NULL)
    {
      g_debug ("The workshop cannot be read for the phones: %s", error->message);
      host->gone = TRUE;
      return;
    }
  g_set_object (&host->workshop, workshop);
  if (!cr_phone_room_reload (host->room, &error))
    {
      g_debug ("The phones cannot be read: %s", error->message);
      host->gone = TRUE;
      return;
    }
  host->gone = FALSE;
}

/* Whether another connection (the window's, another process) changed the
 * library since the host last looked; if so, reads it again. */
static gboolean
sync_library (CrPhoneHost *host)
{
  gint64 version = query_data_version (host);

  if (version == host->data_version)
    return FALSE;
  host->data_version = version;
  reload (host);
  _cr_phone_events_forget_missing (host);
  return TRUE;
}

CrRound *
_cr_phone_host_current_round (CrPhoneHost *host)
{
  return cr_phone_state_find_round (host->workshop, host->question);
}

char *
_cr_phone_host_state_json (CrPhoneHost    *host,
                           CrPhoneSession *session,
                           JsonNode       *result)
{
  CrRound *round = _cr_phone_host_current_round (host);
  g_autoptr(JsonNode) own_result = NULL;

  if (result == NULL && host->show_results)
    result = own_result = cr_phone_state_result (host->workshop, round);
  /* The seat's ballot only when this phone saved one in it: a seat taken
   * over (or one whose ballot the laptop recorded) shows nobody's. */
  return cr_phone_state_to_json (host->workshop, round, host->show_results ? result : NULL,
                                 session ? session->participant_id : 0,
                                 session != NULL && round != NULL &&
                                 session->last_round == cr_round_get_id (round),
                                 cr_phone_room_get_joining (host->room), host->version);
}

/* ---- Answers ---------------------------------------------------------------- */

static void
respond_state (CrPhoneHost       *host,
               SoupServerMessage *msg,
               guint              status,
               CrPhoneSession    *session)
{
  _cr_phone_respond_json (msg, status, _cr_phone_host_state_json (host, session, NULL));
}

static void
respond_too_many (SoupServerMessage *msg,
                  guint              wait)
{
  g_autofree char *seconds = g_strdup_printf ("%u", MAX (wait, 1));

  soup_message_headers_replace (soup_server_message_get_response_headers (msg), "Retry-After", seconds);
  _cr_phone_respond_error (msg, 429 /* Too Many Requests: not named in libsoup 3.2 */, "too-many", NULL);
}

static void
respond_page (SoupServerMessage *msg,
              const char        *name)
{
  g_autofree char *path = g_strconcat (PAGE_RESOURCE, name, NULL);
  g_autoptr(GBytes) bytes = g_resources_lookup_data (path, G_RESOURCE_LOOKUP_FLAGS_NONE, NULL);
  const char *type;
  gsize len;
  const char *data;

  if (bytes == NULL)
    {
      _cr_phone_respond_error (msg, SOUP_STATUS_NOT_FOUND, "not-found", NULL);
      return;
    }
  if (g_str_has_suffix (name, ".js"))
    type = "text/javascript; charset=utf-8";
  else if (g_str_has_suffix (name, ".css"))
    type = "text/css; charset=utf-8";
  else
    type = "text/html; charset=utf-8";
  data = g_bytes_get_data (bytes, &len);
  _cr_phone_guard_add_headers (msg);
  soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
  soup_server_message_set_response (msg, type, SOUP_MEMORY_COPY, data, len);
}

/* The page's words in the phone's language, or else the laptop's. */
static void
respond_strings (CrPhoneHost       *host,
                 SoupServerMessage *msg)
{
  SoupMessageHeaders *request = soup_server_message_get_request_headers (msg);
  const char *language = soup_message_headers_get_list (request, "Accept-Language");

  _cr_phone_respond_json (msg, SOUP_STATUS_OK, g_strdup (cr_phone_strings_json (host->strings, language)));
  soup_message_headers_append (soup_server_message_get_response_headers (msg), "Vary", "Accept-Language");
}

static CrPhoneSession *
find_session (CrPhoneHost       *host,
              SoupServerMessage *msg)
{
  const char *cookie = soup_message_headers_get_one (soup_server_message_get_request_headers (msg), "Cookie");
  g_autofree char *secret = cr_phone_cookie_session (cookie);

  return secret ? cr_phone_room_find_session (host->room, secret) : NULL;
}

static void
request_body (SoupServerMessage  *msg,
              const char        **data,
              gsize              *len)
{
  SoupMessageBody *body = soup_server_message_get_request_body (msg);

  *data = body->data;
  *len = (gsize) body->length;
}

/* ---- Joining and seats ------------------------------------------------------- */

static void
handle_join (CrPhoneHost       *host,
             SoupServerMessage *msg)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *token = NULL, *code = NULL;
  guint32 peer = _cr_phone_guard_peer (msg);
  gint64 now = g_get_monotonic_time ();
  CrPhoneSession *session;
  const char *data;
  gsize len;

  if (!cr_phone_limiter_take (host->join_limiter, peer, now))
    {
      respond_too_many (msg, cr_phone_limiter_wait (host->join_limiter, peer, now));
      return;
    }
  request_body (msg, &data, &len);
  if (!cr_phone_join_decode (data, len, &token, &code, &error))
    {
      _cr_phone_respond_error (msg, SOUP_STATUS_BAD_REQUEST, "bad-request", error->message);
      return;
    }

  if (token != NULL)
    {
      if (!cr_phone_room_get_joining (host->room) ||
          !cr_phone_secret_equal (token, cr_phone_room_get_token (host->room)))
        {
          _cr_phone_respond_error (msg, SOUP_STATUS_NOT_FOUND, "not-found", NULL);
          return;
        }
    }
  else
    {
      /* Wrong codes count for the whole server, whoever sends them, and
       * once they are used up no code is tried at all. */
      if (!cr_phone_limiter_peek (host->code_limiter, 0, now))
        {
          respond_too_many (msg, cr_phone_limiter_wait (host->code_limiter, 0, now));
          return;
        }
      if (!cr_phone_room_get_joining (host->room) ||
          !cr_phone_secret_equal (code, cr_phone_room_get_code (host->room)))
        {
          cr_phone_limiter_take (host->code_limiter, 0, now);
          _cr_phone_respond_error (msg, SOUP_STATUS_FORBIDDEN, "wrong-code", NULL);
          return;
        }
    }

  /* A phone that joined before keeps its session (a reload, a second scan). */
  session = find_session (host, msg);
  if (session != NULL)
    {
      respond_state (host, msg, SOUP_STATUS_OK, session);
      return;
    }
  if (cr_phone_room_get_n_sessions (host->room) + count_pending_joins (host) >= host->limits.max_sessions)
    {
      _cr_phone_respond_error (msg, SOUP_STATUS_SERVICE_UNAVAILABLE, "full", NULL);
      return;
    }

  /* The session is written with the next commit, and the phone told of it then. */
  add_pending (host, msg, PENDING_JOIN, now);
}

/* A joined phone's cookie, on the answer that tells it so. */
static void
set_cookie (SoupServerMessage *msg,
            const char        *secret)
{
  g_autofree char *cookie = g_strdup_printf ("%s=%s; Path=/; HttpOnly; SameSite=Strict; Max-Age=86400",
                                             CR_PHONE_COOKIE, secret);

  soup_message_headers_append (soup_server_message_get_response_headers (msg), "Set-Cookie", cookie);
  explicit_bzero (cookie, strlen (cookie));
}

static gboolean
can_add_seat (CrPhoneHost    *host,
              CrPhoneSession *session)
{
  guint cap = cr_phone_room_get_seat_cap (host->room);

  if (g_list_model_get_n_items (cr_workshop_get_participants (host->workshop)) >= CR_LIMIT_PARTICIPANTS)
    return FALSE;
  return cap == 0 || session->participant_id != 0 || cr_phone_room_get_n_claims (host->room) < cap;
}

static void
handle_seats (CrPhoneHost       *host,
              SoupServerMessage *msg,
              CrPhoneSession    *session)
{
  _cr_phone_respond_json (msg, SOUP_STATUS_OK,
                          cr_phone_state_seats_json (host->workshop, host->room, session,
                                                     can_add_seat (host, session)));
}

/* A new anonymous seat and its claim, in one commit. */
static gboolean
claim_new_seat (CrPhoneHost     *host,
                CrPhoneSession  *session,
                GError         **error)
{
  CrParticipant *participant;

  if (!cr_store_begin (host->store, error))
    return FALSE;
  participant = cr_workshop_add_participant (host->workshop, NULL, NULL, error);
  if (participant == NULL ||
      !cr_phone_room_claim (host->room, session, cr_participant_get_id (participant), error) ||
      !cr_store_commit (host->store, error))
    {
      cr_store_rollback (host->store);
      /* The copies in memory may be ahead of the library now. */
      reload (host);
      return FALSE;
    }
  host->seats_added = TRUE;
  return TRUE;
}

static void
handle_claim (CrPhoneHost       *host,
              SoupServerMessage *msg,
              CrPhoneSession    *session)
{
  g_autoptr(GError) error = NULL;
  gint64 participant_id, session_id = session->id;
  guint32 peer = _cr_phone_guard_peer (msg);
  gint64 now = g_get_monotonic_time ();
  CrPhoneSession *holder;
  const char *data;
  gsize len;
  gboolean ok;

  request_body (msg, &data, &len);
  if (!cr_phone_claim_decode (data, len, &participant_id, &error))
    {
      _cr_phone_respond_error (msg, SOUP_STATUS_BAD_REQUEST, "bad-request", error->message);
      return;
    }

  if (participant_id != 0)
    {
      if (cr_workshop_find_participant (host->workshop, participant_id) == NULL)
        {
          _cr_phone_respond_error (msg, SOUP_STATUS_NOT_FOUND, "no-such-seat", NULL);
          return;
        }
      holder = cr_phone_room_find_claim (host->room, participant_id);
      if (holder == session)
        {
          respond_state (host, msg, SOUP_STATUS_OK, session);
          return;
        }
      if (holder != NULL)
        {
          _cr_phone_respond_error (msg, SOUP_STATUS_CONFLICT, "taken", NULL);
          return;
        }
    }
  if (!can_add_seat (host, session))
    {
      _cr_phone_respond_error (msg, SOUP_STATUS_FORBIDDEN, "seats-full", NULL);
      return;
    }

  if (participant_id != 0)
    {
      /* Written with the next commit; checked again then, as another
       * phone's claim in the same commit may take the seat first. */
      Pending *pending = add_pending (host, msg, PENDING_CLAIM, g_get_monotonic_time ());

      pending->session_id = session_id;
      pending->participant_id = participant_id;
      return;
    }
  /* A new seat is a participant added to the workshop: it counts as a
   * join, or one phone releasing and asking again would fill the
   * workshop with empty seats. */
  if (!cr_phone_limiter_take (host->join_limiter, peer, now))
    {
      respond_too_many (msg, cr_phone_limiter_wait (host->join_limiter, peer, now));
      return;
    }
  ok = claim_new_seat (host, session, &error);
  /* A reload may have made new session objects. */
  session = cr_phone_room_find_session_by_id (host->room, session_id);
  if (!ok || session == NULL)
    {
      g_debug ("A phone could not claim a seat: %s", error ? error->message : "session gone");
      _cr_phone_respond_error (msg, SOUP_STATUS_SERVICE_UNAVAILABLE, "not-saved", error ? error->message : NULL);
      return;
    }
  respond_state (host, msg, SOUP_STATUS_OK, session);
  _cr_phone_events_tell_session (host, session->id);
  send_report (host);
}

static void
handle_release (CrPhoneHost       *host,
                SoupServerMessage *msg,
                CrPhoneSession    *session)
{
  g_autoptr(GError) error = NULL;

  if (!cr_phone_room_claim (host->room, session, 0, &error))
    {
      _cr_phone_respond_error (msg, SOUP_STATUS_SERVICE_UNAVAILABLE, "not-saved", error->message);
      return;
    }
  respond_state (host, msg, SOUP_STATUS_OK, session);
  _cr_phone_events_tell_session (host, session->id);
  send_report (host);
}

/* ---- Ballots ---------------------------------------------------------------- */

static void
answer_pending (Pending *pending)
{
  _cr_phone_respond_json (pending->msg, pending->status, g_steal_pointer (&pending->answer));
  soup_server_message_unpause (pending->msg);
}

static void
set_answer_error (Pending    *pending,
                  guint       status,
                  const char *code,
                  const char *detail)
{
  pending->status = status;
  g_free (pending->answer);
  pending->answer = cr_phone_state_error_json (code, detail);
}

/* Whether @pending may be written, answering it when not. */
static gboolean
check_pending (CrPhoneHost     *host,
               Pending         *pending,
               CrPhoneSession **session_out,
               CrRound        **round_out)
{
  CrPhoneSession *session = cr_phone_room_find_session_by_id (host->room, pending->session_id);
  CrRound *round = _cr_phone_host_current_round (host);

  if (session == NULL)
    {
      set_answer_error (pending, SOUP_STATUS_FORBIDDEN, "no-session", NULL);
      return FALSE;
    }
  if (session->participant_id == 0 ||
      cr_workshop_find_participant (host->workshop, session->participant_id) == NULL)
    {
      set_answer_error (pending, SOUP_STATUS_FORBIDDEN, "no-seat", NULL);
      return FALSE;
    }
  /* Only the round phones are shown, and only while it is open. */
  if (round == NULL || cr_round_get_id (round) != pending->ballot->round_id || cr_round_get_revealed (round))
    {
      set_answer_error (pending, SOUP_STATUS_CONFLICT, "round-closed", NULL);
      return FALSE;
    }
  *session_out = session;
  *round_out = round;
  return TRUE;
}

static char *
saved_answer (CrPhoneHost    *host,
              CrPhoneSession *session,
              gboolean        repeat)
{
  g_autofree char *state = _cr_phone_host_state_json (host, session, NULL);

  return g_strdup_printf ("{\"saved\":true,\"repeat\":%s,\"state\":%s}", repeat ? "true" : "false", state);
}

/* A ballot in the open transaction; FALSE with @error when the library
 * failed (the whole commit is given up), else answered or written. */
static gboolean
write_ballot (CrPhoneHost  *host,
              Pending      *pending,
              gboolean     *written,
              GError      **error)
{
  g_autoptr(GError) refused = NULL;
  CrPhoneSession *session;
  CrRound *round;
  CrVote *votes = (CrVote *) pending->ballot->votes->data;
  guint n_votes = pending->ballot->votes->len;
  const CrQuestion *question;
  CrTemplate *template;

  if (!check_pending (host, pending, &session, &round))
    return TRUE;

  /* The same ballot sent again (a timeout, a double tap) is saved
   * already: it is not written twice. */
  if (session->last_round == pending->ballot->round_id &&
      g_strcmp0 (session->last_key, pending->ballot->key) == 0)
    {
      pending->status = SOUP_STATUS_OK;
      pending->answer = saved_answer (host, session, TRUE);
      return TRUE;
    }

  for (guint v = 0; v < n_votes; v++)
    votes[v].participant_id = session->participant_id;
  /* A phone is told what is wrong with its own ballot (too many dots) ... */
  template = cr_workshop_get_template (host->workshop);
  question = cr_template_find_question (template, cr_round_get_question (round));
  if (!cr_votes_check (template, question, FALSE, votes, n_votes, NULL, &refused))
    {
      set_answer_error (pending, SOUP_STATUS_UNPROCESSABLE_ENTITY, "invalid-ballot", refused->message);
      return TRUE;
    }
  /* ... but not why the room's votes leave it no place: the laptop's reason
   * (hands counted for everyone without a ballot) would tell a phone, before
   * Reveal, about the show of hands' total. */
  if (!cr_workshop_record_votes (host->workshop, round, session->participant_id,
                                 votes, n_votes, &refused))
    {
      g_debug ("A phone's ballot was not taken: %s", refused->message);
      set_answer_error (pending, SOUP_STATUS_UNPROCESSABLE_ENTITY, "not-taken", NULL);
      return TRUE;
    }
  if (!cr_phone_room_set_last (host->room, session, pending->ballot->key,
                               pending->ballot->round_id, error))
    return FALSE;
  pending->status = SOUP_STATUS_OK;
  *written = TRUE;
  return TRUE;
}

static gboolean
write_join (CrPhoneHost  *host,
            Pending      *pending,
            gboolean     *written,
            GError      **error)
{
  CrPhoneSession *session = cr_phone_room_add_session (host->room, &pending->secret, error);

  if (session == NULL)
    return FALSE;
  pending->session_id = session->id;
  pending->status = SOUP_STATUS_CREATED;
  *written = TRUE;
  return TRUE;
}

/* The checks of handle_claim () again: an earlier write of the same commit
 * (another phone's claim) or a change of the window's may have come first. */
static gboolean
write_claim (CrPhoneHost  *host,
             Pending      *pending,
             gboolean     *written,
             GError      **error)
{
  CrPhoneSession *session = cr_phone_room_find_session_by_id (host->room, pending->session_id);
  CrPhoneSession *holder;

  if (session == NULL)
    {
      set_answer_error (pending, SOUP_STATUS_FORBIDDEN, "no-session", NULL);
      return TRUE;
    }
  if (cr_workshop_find_participant (host->workshop, pending->participant_id) == NULL)
    {
      set_answer_error (pending, SOUP_STATUS_NOT_FOUND, "no-such-seat", NULL);
      return TRUE;
    }
  holder = cr_phone_room_find_claim (host->room, pending->participant_id);
  pending->status = SOUP_STATUS_OK;
  if (holder == session)
    return TRUE;
  if (holder != NULL)
    {
      set_answer_error (pending, SOUP_STATUS_CONFLICT, "taken", NULL);
      return TRUE;
    }
  if (!can_add_seat (host, session))
    {
      set_answer_error (pending, SOUP_STATUS_FORBIDDEN, "seats-full", NULL);
      return TRUE;
    }
  if (!cr_phone_room_claim (host->room, session, pending->participant_id, error))
    return FALSE;
  *written = TRUE;
  return TRUE;
}

static gboolean
commit_pending (gpointer data)
{
  CrPhoneHost *host = data;
  g_autoptr(GPtrArray) batch = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) written = g_array_new (FALSE, FALSE, sizeof (guint));
  gboolean committed = FALSE;
  gint64 done;

  g_clear_pointer (&host->commit_source, g_source_unref);
  batch = host->pending;
  host->pending = g_ptr_array_new_with_free_func ((GDestroyNotify) pending_free);
  if (batch->len > host->limits.max_batch)
    {
      /* The rest go in the next turn. */
      for (guint i = host->limits.max_batch; i < batch->len; i++)
        g_ptr_array_add (host->pending, g_steal_pointer (&batch->pdata[i]));
      g_ptr_array_set_size (batch, host->limits.max_batch);
      schedule_commit (host);
    }

  /* The write lock first, then a look at what the window may have changed
   * (a round revealed, a show of hands, a participant removed): nothing
   * changes between the look and the write. */
  if (cr_store_begin (host->store, &error))
    {
      sync_library (host);
      for (guint i = 0; i < batch->len; i++)
        {
          Pending *pending = g_ptr_array_index (batch, i);
          gboolean ok, is_written = FALSE;

          if (host->gone)
            {
              set_answer_error (pending, SOUP_STATUS_GONE, "gone", NULL);
              continue;
            }
          switch (pending->kind)
            {
            case PENDING_BALLOT:
              ok = write_ballot (host, pending, &is_written, &error);
              break;
            case PENDING_JOIN:
              ok = write_join (host, pending, &is_written, &error);
              break;
            case PENDING_CLAIM:
            default:
              ok = write_claim (host, pending, &is_written, &error);
              break;
            }
          if (!ok)
            break;
          if (is_written)
            g_array_append_val (written, i);
        }
      if (error == NULL)
        committed = cr_store_commit (host->store, &error);
      else
        cr_store_rollback (host->store);
    }

  done = g_get_monotonic_time ();
  if (!committed)
    {
      /* Nothing of this turn is in the library; the copies in memory may
       * have gone ahead of it. */
      g_debug ("Phones' writes could not be saved: %s", error ? error->message : "");
      reload (host);
      for (guint i = 0; i < written->len; i++)
        {
          Pending *pending = g_ptr_array_index (batch, g_array_index (written, guint, i));

          set_answer_error (pending, SOUP_STATUS_SERVICE_UNAVAILABLE, "not-saved", error ? error->message : NULL);
        }
      g_array_set_size (written, 0);
    }

  for (guint i = 0; i < written->len; i++)
    {
      Pending *pending = g_ptr_array_index (batch, g_array_index (written, guint, i));
      CrPhoneSession *session = cr_phone_room_find_session_by_id (host->room, pending->session_id);
      gint64 latency = done - pending->received;

      if (pending->kind != PENDING_BALLOT)
        continue;
      pending->answer = saved_answer (host, session, FALSE);
      g_array_append_val (host->saved_rounds, pending->ballot->round_id);
      g_array_append_val (host->saved_seats, session->participant_id);
      if (host->latencies != NULL)
        g_array_append_val (host->latencies, latency);
    }
  for (guint i = 0; i < batch->len; i++)
    {
      Pending *pending = g_ptr_array_index (batch, i);

      /* A join or a claim is answered with the phone's state as it is now. */
      if (pending->answer == NULL && pending->kind != PENDING_BALLOT && pending->status != 0 &&
          (pending->kind != PENDING_JOIN || committed))
        {
          CrPhoneSession *session = cr_phone_room_find_session_by_id (host->room, pending->session_id);

          if (session != NULL)
            {
              pending->answer = _cr_phone_host_state_json (host, session, NULL);
              if (pending->kind == PENDING_JOIN)
                set_cookie (pending->msg, pending->secret);
            }
        }
      if (pending->answer == NULL)
        set_answer_error (pending, SOUP_STATUS_SERVICE_UNAVAILABLE, "not-saved", error ? error->message : NULL);
      answer_pending (pending);
    }
  if (written->len > 0)
    {
      for (guint i = 0; i < written->len; i++)
        {
          Pending *pending = g_ptr_array_index (batch, g_array_index (written, guint, i));

          if (pending->kind != PENDING_JOIN)
            _cr_phone_events_tell_session (host, pending->session_id);
        }
      send_report (host);
    }
  return G_SOURCE_REMOVE;
}

/* @now: when the handler was called, the request read in full. */
static void
handle_ballot (CrPhoneHost       *host,
               SoupServerMessage *msg,
               CrPhoneSession    *session,
               gint64             now)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CrPhoneBallot) ballot = NULL;
  guint32 peer = _cr_phone_guard_peer (msg);
  Pending *pending;
  const char *data;
  gsize len;

  if (!cr_phone_limiter_take (host->ballot_limiter, peer, now))
    {
      respond_too_many (msg, cr_phone_limiter_wait (host->ballot_limiter, peer, now));
      return;
    }

  request_body (msg, &data, &len);
  ballot = cr_phone_ballot_decode (data, len, &error);
  if (ballot == NULL)
    {
      _cr_phone_respond_error (msg, SOUP_STATUS_BAD_REQUEST, "bad-request", error->message);
      return;
    }
  pending = add_pending (host, msg, PENDING_BALLOT, now);
  pending->ballot = g_steal_pointer (&ballot);
  pending->session_id = session->id;
}

/* ---- Routes ----------------------------------------------------------------- */

static void
on_request_started (SoupServer        *server,
                    SoupServerMessage *msg,
                    CrPhoneHost       *host)
{
  _cr_phone_guard_request_started (host, msg);
}

static void
early_handler (SoupServer        *server,
               SoupServerMessage *msg,
               const char        *path,
               GHashTable        *query,
               gpointer           data)
{
  _cr_phone_guard_check (data, msg);
}

static void
handler (SoupServer        *server,
         SoupServerMessage *msg,
         const char        *path,
         GHashTable        *query,
         gpointer           data)
{
  CrPhoneHost *host = data;
  gboolean post = g_strcmp0 (soup_server_message_get_method (msg), "POST") == 0;
  gint64 read = g_get_monotonic_time ();
  CrPhoneSession *session;

  sync_library (host);
  if (host->gone)
    {
      _cr_phone_respond_error (msg, SOUP_STATUS_NOT_FOUND, "not-found", NULL);
      return;
    }
  session = find_session (host, msg);

  if (!post && (g_strcmp0 (path, "/") == 0 || g_strcmp0 (path, "/phone.js") == 0 ||
                g_strcmp0 (path, "/phone.css") == 0 || g_strcmp0 (path, "/strings.json") == 0))
    {
      /* The page is there to type the room code while joining is open,
       * and for phones that joined. */
      if (session == NULL && !cr_phone_room_get_joining (host->room))
        _cr_phone_respond_error (msg, SOUP_STATUS_NOT_FOUND, "not-found", NULL);
      else if (g_strcmp0 (path, "/strings.json") == 0)
        respond_strings (host, msg);
      else
        respond_page (msg, g_strcmp0 (path, "/") == 0 ? "index.html" : path + 1);
      return;
    }
  if (!post && g_str_has_prefix (path, "/j/"))
    {
      const char *token = path + 3;

      if (session != NULL ||
          (cr_phone_room_get_joining (host->room) && cr_phone_is_secret (token) &&
           cr_phone_secret_equal (token, cr_phone_room_get_token (host->room))))
        respond_page (msg, "index.html");
      else
        _cr_phone_respond_error (msg, SOUP_STATUS_NOT_FOUND, "not-found", NULL);
      return;
    }
  if (post && g_strcmp0 (path, "/api/join") == 0)
    {
      handle_join (host, msg);
      return;
    }

  if (!g_str_has_prefix (path, "/api/"))
    {
      _cr_phone_respond_error (msg, SOUP_STATUS_NOT_FOUND, "not-found", NULL);
      return;
    }
  if (session == NULL)
    {
      _cr_phone_respond_error (msg, SOUP_STATUS_FORBIDDEN, "no-session", NULL);
      return;
    }

  if (!post && g_strcmp0 (path, "/api/state") == 0)
    respond_state (host, msg, SOUP_STATUS_OK, session);
  else if (!post && g_strcmp0 (path, "/api/seats") == 0)
    handle_seats (host, msg, session);
  else if (!post && g_strcmp0 (path, "/api/events") == 0)
    _cr_phone_events_open (host, msg, session);
  else if (post && g_strcmp0 (path, "/api/claim") == 0)
    handle_claim (host, msg, session);
  else if (post && g_strcmp0 (path, "/api/release") == 0)
    handle_release (host, msg, session);
  else if (post && g_strcmp0 (path, "/api/ballot") == 0)
    handle_ballot (host, msg, session, read);
  else
    _cr_phone_respond_error (msg, SOUP_STATUS_NOT_FOUND, "not-found", NULL);
}

/* ---- Life ------------------------------------------------------------------- */

CrPhoneHost *
cr_phone_host_new (const char          *db_path,
                   gint64               workshop_id,
                   const CrPhoneLimits *limits,
                   CrPhoneReportFunc    report,
                   gpointer             report_data,
                   GError             **error)
{
  CrPhoneHost *host;
  g_autoptr(CrStore) store = NULL;
  g_autoptr(CrWorkshop) workshop = NULL;
  g_autoptr(CrPhoneRoom) room = NULL;

  g_return_val_if_fail (db_path != NULL, NULL);
  g_return_val_if_fail (report != NULL, NULL);

  store = cr_store_open (db_path, error);
  if (store == NULL)
    return NULL;
  workshop = cr_workshop_load (store, workshop_id, error);
  if (workshop == NULL)
    return NULL;
  room = cr_phone_room_open (store, workshop_id, error);
  if (room == NULL)
    return NULL;

  host = g_new0 (CrPhoneHost, 1);
  if (limits != NULL)
    host->limits = *limits;
  else
    cr_phone_limits_init (&host->limits);
  host->context = g_main_context_ref_thread_default ();
  host->report = report;
  host->report_data = report_data;
  host->store = g_steal_pointer (&store);
  host->workshop_id = workshop_id;
  host->workshop = g_steal_pointer (&workshop);
  host->room = g_steal_pointer (&room);
  host->data_version = query_data_version (host);
  host->pending = g_ptr_array_new_with_free_func ((GDestroyNotify) pending_free);
  host->saved_rounds = g_array_new (FALSE, FALSE, sizeof (gint64));
  host->saved_seats = g_array_new (FALSE, FALSE, sizeof (gint64));
  host->strings = cr_phone_strings_new ();
  _cr_phone_guard_init (host);
  _cr_phone_events_init (host);
  return host;
}

void
cr_phone_host_free (CrPhoneHost *host)
{
  if (host == NULL)
    return;

  if (host->commit_source != NULL)
    {
      g_source_destroy (host->commit_source);
      g_clear_pointer (&host->commit_source, g_source_unref);
    }
  /* Ballots not yet written were never told "saved": their phones send
   * them again to the next server. */
  g_clear_pointer (&host->pending, g_ptr_array_unref);
  if (host->server != NULL)
    {
      soup_server_disconnect (host->server);
      g_clear_object (&host->server);
    }
  if (host->listener != NULL)
    {
      g_socket_close (host->listener, NULL);
      g_clear_object (&host->listener);
    }
  _cr_phone_events_clear (host);
  _cr_phone_guard_clear (host);
  g_clear_pointer (&host->latencies, g_array_unref);
  g_clear_pointer (&host->saved_rounds, g_array_unref);
  g_clear_pointer (&host->saved_seats, g_array_unref);
  g_clear_pointer (&host->room, cr_phone_room_free);
  g_clear_pointer (&host->strings, cr_phone_strings_free);
  g_clear_object (&host->workshop);
  g_clear_object (&host->store);
  g_free (host->question);
  g_free (host->address);
  g_free (host->origin);
  g_free (host->host_header);
  g_main_context_unref (host->context);
  g_free (host);
}

static GSocket *
bind_listener (GInetAddress  *inet,
               guint          port,
               GError       **error)
{
  g_autoptr(GSocket) socket = NULL;
  g_autoptr(GSocketAddress) address = NULL;
  int defer = DEFER_ACCEPT_S;

  socket = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_TCP, error);
  if (socket == NULL)
    return NULL;
  address = g_inet_socket_address_new (inet, port);
  if (!g_socket_bind (socket, address, TRUE, error))
    return NULL;
  g_socket_set_listen_backlog (socket, LISTEN_BACKLOG);
  /* A connection is accepted once it has sent something: one that never
   * does is dropped by the kernel and holds nothing of ours. */
  if (setsockopt (g_socket_get_fd (socket), IPPROTO_TCP, TCP_DEFER_ACCEPT, &defer, sizeof defer) != 0)
    g_debug ("TCP_DEFER_ACCEPT: %s", g_strerror (errno));
  if (!g_socket_listen (socket, error))
    return NULL;
  return g_steal_pointer (&socket);
}

gboolean
cr_phone_host_listen (CrPhoneHost  *host,
                      const char   *address,
                      guint         preferred_port,
                      GError      **error)
{
  g_autoptr(GInetAddress) inet = NULL;
  g_autoptr(GSocket) socket = NULL;
  g_autoptr(GSocketAddress) local = NULL;
  g_autoptr(GError) first_error = NULL;

  g_return_val_if_fail (host != NULL, FALSE);
  g_return_val_if_fail (host->server == NULL, FALSE);

  inet = address ? g_inet_address_new_from_string (address) : NULL;
  if (inet == NULL || !cr_phone_address_is_allowed (inet))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   /* Translators: %s is a network address such as 192.168.1.23 */
                   _("Phones cannot be served on %s: only an address of a private network (such as 192.168.1.23) is used."),
                   address ? address : "");
      return FALSE;
    }

  socket = bind_listener (inet, preferred_port, &first_error);
  if (socket == NULL && preferred_port != 0 && g_error_matches (first_error, G_IO_ERROR, G_IO_ERROR_ADDRESS_IN_USE))
    socket = bind_listener (inet, 0, error);
  else if (socket == NULL)
    g_propagate_error (error, g_steal_pointer (&first_error));
  if (socket == NULL)
    return FALSE;

  local = g_socket_get_local_address (socket, error);
  if (local == NULL)
    return FALSE;
  host->port = g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (local));
  host->address = g_strdup (address);
  host->origin = g_strdup_printf ("http://%s:%u", address, host->port);
  host->host_header = g_strdup_printf ("%s:%u", address, host->port);

  host->server = soup_server_new ("server-header", "Crossroads", NULL);
  g_signal_connect (host->server, "request-started", G_CALLBACK (on_request_started), host);
  soup_server_add_early_handler (host->server, NULL, early_handler, host, NULL);
  soup_server_add_handler (host->server, NULL, handler, host, NULL);
  /* The listening source goes to the thread's default context: the host's. */
  if (!soup_server_listen_socket (host->server, socket, 0, error))
    {
      g_clear_object (&host->server);
      return FALSE;
    }
  host->listener = g_steal_pointer (&socket);
  send_report (host);
  return TRUE;
}

guint
cr_phone_host_get_port (CrPhoneHost *host)
{
  g_return_val_if_fail (host != NULL, 0);
  return host->port;
}

void
cr_phone_host_library_changed (CrPhoneHost *host)
{
  g_return_if_fail (host != NULL);

  if (sync_library (host))
    {
      _cr_phone_events_broadcast (host, FALSE);
      send_report (host);
    }
}

static gboolean
after_room_change (CrPhoneHost *host,
                   gboolean     ok)
{
  if (ok)
    {
      _cr_phone_events_broadcast (host, FALSE);
      send_report (host);
    }
  return ok;
}

gboolean
cr_phone_host_renew (CrPhoneHost  *host,
                     GError      **error)
{
  g_return_val_if_fail (host != NULL, FALSE);
  return after_room_change (host, cr_phone_room_renew (host->room, error));
}

gboolean
cr_phone_host_set_joining (CrPhoneHost  *host,
                           gboolean      joining,
                           GError      **error)
{
  g_return_val_if_fail (host != NULL, FALSE);
  return after_room_change (host, cr_phone_room_set_joining (host->room, joining, error));
}

gboolean
cr_phone_host_set_seat_cap (CrPhoneHost  *host,
                            guint         cap,
                            GError      **error)
{
  g_return_val_if_fail (host != NULL, FALSE);
  return after_room_change (host, cr_phone_room_set_seat_cap (host->room, cap, error));
}

gboolean
cr_phone_host_release (CrPhoneHost  *host,
                       gint64        participant_id,
                       GError      **error)
{
  CrPhoneSession *session;

  g_return_val_if_fail (host != NULL, FALSE);

  sync_library (host);
  session = cr_phone_room_find_claim (host->room, participant_id);
  if (session == NULL)
    return TRUE;
  if (!cr_phone_room_claim (host->room, session, 0, error))
    return FALSE;
  _cr_phone_events_tell_session (host, session->id);
  send_report (host);
  return TRUE;
}

void
cr_phone_host_set_question (CrPhoneHost *host,
                            const char  *question_id)
{
  g_return_if_fail (host != NULL);

  if (g_strcmp0 (host->question, question_id) == 0)
    return;
  g_free (host->question);
  host->question = g_strdup (question_id);
  sync_library (host);
  _cr_phone_events_broadcast (host, TRUE);
}

void
cr_phone_host_set_show_results (CrPhoneHost *host,
                                gboolean     show)
{
  g_return_if_fail (host != NULL);

  if (host->show_results == show)
    return;
  host->show_results = show;
  _cr_phone_events_broadcast (host, FALSE);
}

GArray *
cr_phone_host_take_latencies (CrPhoneHost *host)
{
  GArray *latencies;

  g_return_val_if_fail (host != NULL, NULL);

  latencies = host->latencies ? host->latencies : g_array_new (FALSE, FALSE, sizeof (gint64));
  host->latencies = g_array_new (FALSE, FALSE, sizeof (gint64));
  return latencies;
}
