/* cr-phone-host-events.c: the event streams that keep phones up to date
 *
 * GET /api/events answers with server-sent events (text/event-stream): at
 * once the phone's state, then its state again whenever it changed (a round
 * opened or revealed, its seat released, its ballot saved from another
 * tab), and a comment every keepalive_s so that a phone that went away is
 * found by the failed write. The browser's EventSource reconnects by
 * itself ("retry: 1000"), and the page polls GET /api/state when it cannot.
 * A phone holds at most MAX_STREAMS_PER_SESSION streams; a new one closes
 * its oldest.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "crossroads-phones"

#include "config.h"

#include <string.h>

#include "cr-phone-host-private.h"
#include "cr-phone-state.h"

#define MAX_STREAMS_PER_SESSION 3

typedef struct
{
  CrPhoneHost       *host;
  SoupServerMessage *msg;
  gint64             session_id;
  gulong             finished_id;
} Stream;

static void
stream_free (Stream *stream)
{
  if (stream->finished_id != 0)
    g_signal_handler_disconnect (stream->msg, stream->finished_id);
  g_object_unref (stream->msg);
  g_free (stream);
}

static void
stream_send (Stream     *stream,
             const char *text)
{
  SoupMessageBody *body = soup_server_message_get_response_body (stream->msg);

  soup_message_body_append (body, SOUP_MEMORY_COPY, text, strlen (text));
  soup_server_message_unpause (stream->msg);
}

static void
stream_send_state (Stream     *stream,
                   const char *state)
{
  g_autofree char *event = g_strdup_printf ("event: state\ndata: %s\n\n", state);

  stream_send (stream, event);
}

/* Ends a stream from our side: the phone's EventSource comes back. */
static void
stream_close (Stream *stream)
{
  SoupMessageBody *body = soup_server_message_get_response_body (stream->msg);

  soup_message_body_complete (body);
  soup_server_message_unpause (stream->msg);
}

static void
on_finished (SoupServerMessage *msg,
             Stream            *stream)
{
  stream->finished_id = 0;
  g_ptr_array_remove (stream->host->streams, stream);
}

static gboolean
keepalive (gpointer data)
{
  CrPhoneHost *host = data;

  for (guint i = 0; i < host->streams->len; i++)
    stream_send (g_ptr_array_index (host->streams, i), ": keep-alive\n\n");
  return G_SOURCE_CONTINUE;
}

void
_cr_phone_events_init (CrPhoneHost *host)
{
  host->streams = g_ptr_array_new_with_free_func ((GDestroyNotify) stream_free);
  host->keepalive = g_timeout_source_new_seconds (host->limits.keepalive_s);
  g_source_set_callback (host->keepalive, keepalive, host, NULL);
  g_source_attach (host->keepalive, host->context);
}

void
_cr_phone_events_clear (CrPhoneHost *host)
{
  if (host->keepalive != NULL)
    {
      g_source_destroy (host->keepalive);
      g_clear_pointer (&host->keepalive, g_source_unref);
    }
  g_clear_pointer (&host->streams, g_ptr_array_unref);
  g_clear_pointer (&host->told, g_free);
}

void
_cr_phone_events_open (CrPhoneHost       *host,
                       SoupServerMessage *msg,
                       CrPhoneSession    *session)
{
  SoupMessageHeaders *headers = soup_server_message_get_response_headers (msg);
  g_autofree char *state = NULL;
  Stream *stream, *oldest = NULL;
  guint n = 0;

  for (guint i = 0; i < host->streams->len; i++)
    {
      Stream *other = g_ptr_array_index (host->streams, i);

      if (other->session_id == session->id && n++ == 0)
        oldest = other;
    }
  if (n >= MAX_STREAMS_PER_SESSION)
    {
      guint index;

      if (g_ptr_array_find (host->streams, oldest, &index))
        g_ptr_array_steal_index (host->streams, index);
      stream_close (oldest);
      stream_free (oldest);
    }

  _cr_phone_guard_add_headers (msg);
  soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
  soup_message_headers_set_content_type (headers, "text/event-stream", NULL);
  soup_message_headers_set_encoding (headers, SOUP_ENCODING_CHUNKED);
  /* Sent events are let go, or a long stream would keep them all. */
  soup_message_body_set_accumulate (soup_server_message_get_response_body (msg), FALSE);

  stream = g_new0 (Stream, 1);
  stream->host = host;
  stream->msg = g_object_ref (msg);
  stream->session_id = session->id;
  stream->finished_id = g_signal_connect (msg, "finished", G_CALLBACK (on_finished), stream);
  g_ptr_array_add (host->streams, stream);

  state = _cr_phone_host_state_json (host, session, NULL);
  stream_send (stream, "retry: 1000\n\n");
  stream_send_state (stream, state);
}

void
_cr_phone_events_broadcast (CrPhoneHost *host,
                            gboolean     force)
{
  g_autoptr(JsonNode) result = NULL;
  g_autofree char *told = NULL;
  CrRound *round;

  round = _cr_phone_host_current_round (host);
  /* What every phone's state depends on besides its own seat and ballot. */
  told = g_strdup_printf ("%" G_GINT64_FORMAT "/%d/%d/%d/%s",
                          round ? cr_round_get_id (round) : 0,
                          round ? cr_round_get_revealed (round) : 0,
                          host->show_results, cr_phone_room_get_joining (host->room),
                          cr_workshop_get_title (host->workshop));
  if (!force && g_strcmp0 (told, host->told) == 0)
    return;
  g_free (host->told);
  host->told = g_steal_pointer (&told);
  host->version++;

  /* The revealed result is the same for everyone: worked out once. */
  if (host->show_results)
    result = cr_phone_state_result (host->workshop, round);
  for (guint i = 0; i < host->streams->len; i++)
    {
      Stream *stream = g_ptr_array_index (host->streams, i);
      CrPhoneSession *session = cr_phone_room_find_session_by_id (host->room, stream->session_id);
      g_autofree char *state = _cr_phone_host_state_json (host, session, result);

      stream_send_state (stream, state);
    }
}

void
_cr_phone_events_tell_session (CrPhoneHost *host,
                               gint64       session_id)
{
  CrPhoneSession *session = cr_phone_room_find_session_by_id (host->room, session_id);
  g_autofree char *state = NULL;

  host->version++;
  for (guint i = 0; i < host->streams->len; i++)
    {
      Stream *stream = g_ptr_array_index (host->streams, i);

      if (stream->session_id != session_id)
        continue;
      if (state == NULL)
        state = _cr_phone_host_state_json (host, session, NULL);
      stream_send_state (stream, state);
    }
}

void
_cr_phone_events_forget_missing (CrPhoneHost *host)
{
  for (guint i = host->streams->len; i > 0; i--)
    {
      Stream *stream = g_ptr_array_index (host->streams, i - 1);

      if (cr_phone_room_find_session_by_id (host->room, stream->session_id) == NULL)
        {
          g_ptr_array_steal_index (host->streams, i - 1);
          stream_close (stream);
          stream_free (stream);
        }
    }
}
