/* cr-phone-host-guard.c: connections, and what every request must show first
 *
 * Before a body is read: the number of open connections, the Host the
 * phone asked for, the method, and for a write its Origin, the custom
 * header a cross-site form cannot send, and a declared length of at most
 * 8 KiB. A longer (or undeclared) body is answered 413 (or 411) on a
 * connection taken from libsoup, so the body is never read whole; a
 * little of it is read and thrown away so that the phone sees the answer
 * rather than a reset connection.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "crossroads-phones"

#include "config.h"

#include <string.h>

#include "cr-phone-host-private.h"
#include "cr-phone-request.h"
#include "cr-phone-state.h"

/* What is read of a refused body at most, and for how long. */
#define DRAIN_BYTES   (64 * 1024)
#define DRAIN_SECONDS 2

typedef struct
{
  CrPhoneHost *host;
  gboolean     refused;    /* over the connection cap: answered 503 */
} Connection;

typedef struct
{
  CrPhoneHost  *host;
  GIOStream    *stream;
  GSocket      *socket;
  char         *answer;
  guint8        buffer[4096];
  gsize         drained;
  GCancellable *cancellable;
  GSource      *timeout;
  gboolean      in_flight;   /* a read or write of ours has not called back */
  gboolean      finished;    /* closed: the call back frees it */
} Refusal;

static void
forget_connection (gpointer  data,
                   GObject  *where_the_socket_was)
{
  CrPhoneHost *host = data;

  g_hash_table_remove (host->connections, where_the_socket_was);
}

void
_cr_phone_guard_init (CrPhoneHost *host)
{
  host->connections = g_hash_table_new_full (g_direct_hash, g_direct_equal, NULL, g_free);
  host->refusals = g_ptr_array_new ();
  host->join_limiter = cr_phone_limiter_new (host->limits.join_burst, host->limits.join_per_second);
  host->ballot_limiter = cr_phone_limiter_new (host->limits.ballot_burst, host->limits.ballot_per_second);
  host->code_limiter = cr_phone_limiter_new (host->limits.code_burst, host->limits.code_per_second);
}

static void refusal_finish (Refusal *refusal);

void
_cr_phone_guard_clear (CrPhoneHost *host)
{
  GHashTableIter iter;
  gpointer socket;

  if (host->connections != NULL)
    {
      g_hash_table_iter_init (&iter, host->connections);
      while (g_hash_table_iter_next (&iter, &socket, NULL))
        g_object_weak_unref (socket, forget_connection, host);
      g_clear_pointer (&host->connections, g_hash_table_unref);
    }
  while (host->refusals != NULL && host->refusals->len > 0)
    refusal_finish (g_ptr_array_index (host->refusals, 0));
  g_clear_pointer (&host->refusals, g_ptr_array_unref);
  g_clear_pointer (&host->join_limiter, cr_phone_limiter_free);
  g_clear_pointer (&host->ballot_limiter, cr_phone_limiter_free);
  g_clear_pointer (&host->code_limiter, cr_phone_limiter_free);
}

/* libsoup before 3.4 keeps a reference to every socket its listener
 * accepts (fixed upstream by "soup-listener: Plug a leak", b545d5f0): the
 * guard takes that reference over as a toggle reference, and lets it go
 * once libsoup's own are gone. */
static void
socket_toggled (gpointer  data,
                GObject  *socket,
                gboolean  is_last_ref)
{
  if (is_last_ref)
    g_object_remove_toggle_ref (socket, socket_toggled, data);
}

static void
adopt_listener_reference (GSocket *socket)
{
  if (soup_get_major_version () != 3 || soup_get_minor_version () >= 4)
    return;
  g_object_add_toggle_ref (G_OBJECT (socket), socket_toggled, NULL);
  g_object_unref (socket);
}

/* ---- The whole request in time ------------------------------------------ */

#define DEADLINE_KEY "cr-phone-deadline"

static gboolean
request_too_slow (gpointer data)
{
  SoupServerMessage *msg = data;
  GSocket *socket = soup_server_message_get_socket (msg);

  /* libsoup's read ends as at the phone's end, and drops the connection. */
  if (socket != NULL)
    g_socket_shutdown (socket, TRUE, TRUE, NULL);
  return G_SOURCE_REMOVE;
}

static void
deadline_free (gpointer data)
{
  GSource *source = data;

  g_source_destroy (source);
  g_source_unref (source);
}

static void
request_read (SoupServerMessage *msg)
{
  g_object_set_data (G_OBJECT (msg), DEADLINE_KEY, NULL);
}

/* The socket's timeout ends a wait for the next byte only: a byte each 29 s
 * would hold a connection for ever, and a thousand of them the whole room.
 * A request (its headers and body) is read within that time, or its
 * connection is closed. */
static void
set_deadline (CrPhoneHost       *host,
              SoupServerMessage *msg)
{
  GSource *source = g_timeout_source_new_seconds (host->limits.idle_timeout_s);

  g_source_set_callback (source, request_too_slow, msg, NULL);
  g_source_attach (source, host->context);
  g_object_set_data_full (G_OBJECT (msg), DEADLINE_KEY, source, deadline_free);
  g_signal_connect (msg, "got-body", G_CALLBACK (request_read), NULL);
  g_signal_connect (msg, "finished", G_CALLBACK (request_read), NULL);
}

void
_cr_phone_guard_request_started (CrPhoneHost       *host,
                                 SoupServerMessage *msg)
{
  GSocket *socket = soup_server_message_get_socket (msg);
  Connection *connection;

  set_deadline (host, msg);
  if (socket == NULL || g_hash_table_contains (host->connections, socket))
    return;

  connection = g_new0 (Connection, 1);
  connection->host = host;
  /* The cap counts connections that sent something: TCP_DEFER_ACCEPT on
   * the listening socket keeps silent ones from being accepted at all. */
  connection->refused = g_hash_table_size (host->connections) >= host->limits.max_connections;
  g_hash_table_insert (host->connections, socket, connection);
  g_object_weak_ref (G_OBJECT (socket), forget_connection, host);
  adopt_listener_reference (socket);
  /* Every wait on the socket from now on ends after this long: a request
   * that stops halfway, a keep-alive nobody uses, a phone that stopped
   * reading its events. */
  g_socket_set_timeout (socket, host->limits.idle_timeout_s);
}

guint32
_cr_phone_guard_peer (SoupServerMessage *msg)
{
  GSocketAddress *address = soup_server_message_get_remote_address (msg);
  GInetAddress *inet;
  const guint8 *bytes;

  if (address == NULL || !G_IS_INET_SOCKET_ADDRESS (address))
    return 0;
  inet = g_inet_socket_address_get_address (G_INET_SOCKET_ADDRESS (address));
  if (g_inet_address_get_family (inet) != G_SOCKET_FAMILY_IPV4)
    return 0;
  bytes = g_inet_address_to_bytes (inet);
  return ((guint32) bytes[0] << 24) | ((guint32) bytes[1] << 16) | ((guint32) bytes[2] << 8) | bytes[3];
}

void
_cr_phone_guard_add_headers (SoupServerMessage *msg)
{
  SoupMessageHeaders *headers = soup_server_message_get_response_headers (msg);

  /* The page and its files come from this server only; the join token in
   * the address is never sent on as a referrer. */
  soup_message_headers_replace (headers, "Content-Security-Policy", "default-src 'self'");
  soup_message_headers_replace (headers, "X-Content-Type-Options", "nosniff");
  soup_message_headers_replace (headers, "Referrer-Policy", "no-referrer");
  soup_message_headers_replace (headers, "X-Frame-Options", "DENY");
  soup_message_headers_replace (headers, "Cache-Control", "no-store");
  /* libsoup 3.2 does not notice a phone closing a kept-alive connection
   * while it waits for the next request: the socket would stay open (in
   * CLOSE_WAIT) and counted for good, until the cap refused everyone. A
   * connection serves one request; on the room's network a new one costs
   * next to nothing. */
  soup_message_headers_replace (headers, "Connection", "close");
}

void
_cr_phone_respond_json (SoupServerMessage *msg,
                        guint              status,
                        char              *json)
{
  gsize len = strlen (json);

  _cr_phone_guard_add_headers (msg);
  soup_server_message_set_status (msg, status, NULL);
  soup_server_message_set_response (msg, "application/json; charset=utf-8", SOUP_MEMORY_TAKE, json, len);
}

void
_cr_phone_respond_error (SoupServerMessage *msg,
                         guint              status,
                         const char        *code,
                         const char        *detail)
{
  _cr_phone_respond_json (msg, status, cr_phone_state_error_json (code, detail));
}

/* ---- Answers without libsoup: bodies that are not read ------------------ */

static void
refusal_free (Refusal *refusal)
{
  g_clear_object (&refusal->cancellable);
  g_clear_object (&refusal->stream);
  g_free (refusal->answer);
  g_free (refusal);
}

static void
refusal_finish (Refusal *refusal)
{
  if (refusal->finished)
    return;
  refusal->finished = TRUE;
  g_ptr_array_remove (refusal->host->refusals, refusal);
  if (refusal->timeout != NULL)
    {
      g_source_destroy (refusal->timeout);
      g_clear_pointer (&refusal->timeout, g_source_unref);
    }
  g_cancellable_cancel (refusal->cancellable);
  g_io_stream_close (refusal->stream, NULL, NULL);
  if (!refusal->in_flight)
    refusal_free (refusal);
}

static gboolean
refusal_timed_out (gpointer data)
{
  Refusal *refusal = data;

  g_clear_pointer (&refusal->timeout, g_source_unref);
  refusal_finish (refusal);
  return G_SOURCE_REMOVE;
}

static void refusal_drained (GObject      *source,
                             GAsyncResult *result,
                             gpointer      data);

static void
refusal_read (Refusal *refusal)
{
  refusal->in_flight = TRUE;
  g_input_stream_read_async (g_io_stream_get_input_stream (refusal->stream),
                             refusal->buffer, sizeof refusal->buffer, G_PRIORITY_DEFAULT,
                             refusal->cancellable, refusal_drained, refusal);
}

static void
refusal_drained (GObject      *source,
                 GAsyncResult *result,
                 gpointer      data)
{
  Refusal *refusal = data;
  gssize n = g_input_stream_read_finish (G_INPUT_STREAM (source), result, NULL);

  refusal->in_flight = FALSE;
  if (refusal->finished)
    {
      refusal_free (refusal);
      return;
    }
  if (n > 0)
    refusal->drained += (gsize) n;
  if (n <= 0 || refusal->drained >= DRAIN_BYTES)
    refusal_finish (refusal);
  else
    refusal_read (refusal);
}

static void
refusal_written (GObject      *source,
                 GAsyncResult *result,
                 gpointer      data)
{
  Refusal *refusal = data;
  gboolean written = g_output_stream_write_all_finish (G_OUTPUT_STREAM (source), result, NULL, NULL);

  refusal->in_flight = FALSE;
  if (refusal->finished)
    {
      refusal_free (refusal);
      return;
    }
  if (!written)
    {
      refusal_finish (refusal);
      return;
    }
  /* The answer is all there is: the phone reads it, then an end. */
  if (refusal->socket != NULL)
    g_socket_shutdown (refusal->socket, FALSE, TRUE, NULL);
  refusal_read (refusal);
}

static void
refuse_unread (CrPhoneHost       *host,
               SoupServerMessage *msg,
               guint              status,
               const char        *code)
{
  g_autofree char *body = cr_phone_state_error_json (code, NULL);
  GSocket *socket = soup_server_message_get_socket (msg);
  Refusal *refusal;

  refusal = g_new0 (Refusal, 1);
  refusal->host = host;
  refusal->cancellable = g_cancellable_new ();
  refusal->answer = g_strdup_printf ("HTTP/1.1 %u %s\r\n"
                                     "Content-Type: application/json; charset=utf-8\r\n"
                                     "Content-Length: %" G_GSIZE_FORMAT "\r\n"
                                     "Connection: close\r\n"
                                     "Content-Security-Policy: default-src 'self'\r\n"
                                     "X-Content-Type-Options: nosniff\r\n"
                                     "Referrer-Policy: no-referrer\r\n"
                                     "Cache-Control: no-store\r\n"
                                     "\r\n%s",
                                     status, soup_status_get_phrase (status), strlen (body), body);
  /* The message is gone once its connection is taken. */
  refusal->stream = soup_server_message_steal_connection (msg);
  if (refusal->stream == NULL)
    {
      g_free (refusal->answer);
      g_object_unref (refusal->cancellable);
      g_free (refusal);
      return;
    }
  refusal->socket = g_object_get_data (G_OBJECT (refusal->stream), "GSocket");
  if (refusal->socket == NULL)
    refusal->socket = socket;
  g_ptr_array_add (host->refusals, refusal);
  refusal->timeout = g_timeout_source_new_seconds (DRAIN_SECONDS);
  g_source_set_callback (refusal->timeout, refusal_timed_out, refusal, NULL);
  g_source_attach (refusal->timeout, host->context);
  refusal->in_flight = TRUE;
  g_output_stream_write_all_async (g_io_stream_get_output_stream (refusal->stream),
                                   refusal->answer, strlen (refusal->answer), G_PRIORITY_DEFAULT,
                                   refusal->cancellable, refusal_written, refusal);
}

/* ---- The checks ----------------------------------------------------------- */

gboolean
_cr_phone_guard_check (CrPhoneHost       *host,
                       SoupServerMessage *msg)
{
  SoupMessageHeaders *request = soup_server_message_get_request_headers (msg);
  const char *method = soup_server_message_get_method (msg);
  GSocket *socket = soup_server_message_get_socket (msg);
  Connection *connection = socket ? g_hash_table_lookup (host->connections, socket) : NULL;
  const char *host_header, *origin;
  SoupEncoding encoding;
  gboolean get;

  if (connection != NULL && connection->refused)
    {
      soup_message_headers_replace (soup_server_message_get_response_headers (msg), "Connection", "close");
      _cr_phone_respond_error (msg, SOUP_STATUS_SERVICE_UNAVAILABLE, "busy", NULL);
      return FALSE;
    }

  /* A page on another name that resolves to the laptop (DNS rebinding)
   * asks for that name. */
  host_header = soup_message_headers_get_one (request, "Host");
  if (host_header == NULL || g_ascii_strcasecmp (host_header, host->host_header) != 0)
    {
      _cr_phone_respond_error (msg, SOUP_STATUS_MISDIRECTED_REQUEST, "host", NULL);
      return FALSE;
    }

  get = g_strcmp0 (method, "GET") == 0;
  if (!get && g_strcmp0 (method, "POST") != 0)
    {
      soup_message_headers_replace (soup_server_message_get_response_headers (msg), "Allow", "GET, POST");
      _cr_phone_respond_error (msg, SOUP_STATUS_METHOD_NOT_ALLOWED, "method", NULL);
      return FALSE;
    }

  /* The length first: a body that is not read must not be read for an
   * answer about anything else either. libsoup reads a GET's body whole
   * too, so a GET may have none or a short one, never an undeclared one. */
  encoding = soup_message_headers_get_encoding (request);
  if (get && encoding == SOUP_ENCODING_NONE)
    return TRUE;
  if (encoding != SOUP_ENCODING_CONTENT_LENGTH)
    {
      refuse_unread (host, msg, SOUP_STATUS_LENGTH_REQUIRED, "length-required");
      return FALSE;
    }
  if (soup_message_headers_get_content_length (request) > CR_PHONE_MAX_BODY)
    {
      refuse_unread (host, msg, SOUP_STATUS_REQUEST_ENTITY_TOO_LARGE, "too-large");
      return FALSE;
    }
  if (get)
    return TRUE;

  /* Writes come from the page this server gave: a browser says where a
   * request comes from in Origin, and only a script of the same origin can
   * add a header of its own without asking first. */
  origin = soup_message_headers_get_one (request, "Origin");
  if (origin == NULL || strcmp (origin, host->origin) != 0)
    {
      _cr_phone_respond_error (msg, SOUP_STATUS_FORBIDDEN, "origin", NULL);
      return FALSE;
    }
  if (g_strcmp0 (soup_message_headers_get_one (request, "X-Crossroads"), "1") != 0)
    {
      _cr_phone_respond_error (msg, SOUP_STATUS_FORBIDDEN, "header", NULL);
      return FALSE;
    }
  return TRUE;
}
