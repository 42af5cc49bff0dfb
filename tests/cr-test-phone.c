/* cr-test-phone.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <libsoup/soup.h>
#include <string.h>

#include "cr-test-phone.h"

struct _CrTestPhone
{
  SoupSession *session;
  char        *base;
  char        *origin;
  gboolean     no_origin;
  gboolean     csrf;
  char        *cookie;        /* the session's value */
  char        *set_cookie;
  char        *language;      /* Accept-Language, or NULL */
  SoupMessageHeaders *last_headers;
};

CrTestPhone *
cr_test_phone_new (const char *base,
                   const char *local_address)
{
  CrTestPhone *phone = g_new0 (CrTestPhone, 1);
  g_autoptr(GInetSocketAddress) local = NULL;

  if (local_address != NULL)
    local = G_INET_SOCKET_ADDRESS (g_inet_socket_address_new_from_string (local_address, 0));
  phone->session = soup_session_new_with_options ("local-address", local,
                                                  "timeout", 60,
                                                  "max-conns-per-host", 2,
                                                  NULL);
  /* Straight to the laptop, as a phone on the room's network: no proxy
   * (the machine's proxy module is a cost of its own, and not thread-safe
   * under the sanitizers). */
  soup_session_set_proxy_resolver (phone->session, NULL);
  phone->base = g_strdup (base);
  phone->csrf = TRUE;
  return phone;
}

void
cr_test_phone_free (CrTestPhone *phone)
{
  if (phone == NULL)
    return;
  soup_session_abort (phone->session);
  g_object_unref (phone->session);
  g_clear_pointer (&phone->last_headers, soup_message_headers_unref);
  g_free (phone->base);
  g_free (phone->origin);
  g_free (phone->cookie);
  g_free (phone->set_cookie);
  g_free (phone->language);
  g_free (phone);
}

void
cr_test_phone_set_base (CrTestPhone *phone,
                        const char  *base)
{
  g_free (phone->base);
  phone->base = g_strdup (base);
  soup_session_abort (phone->session);
}

void
cr_test_phone_set_origin (CrTestPhone *phone,
                          const char  *origin)
{
  g_free (phone->origin);
  phone->origin = g_strdup (origin);
  phone->no_origin = origin == NULL;
}

void
cr_test_phone_set_csrf (CrTestPhone *phone,
                        gboolean     send)
{
  phone->csrf = send;
}

void
cr_test_phone_set_language (CrTestPhone *phone,
                            const char  *accept_language)
{
  g_free (phone->language);
  phone->language = g_strdup (accept_language);
}

const char *
cr_test_phone_get_session (CrTestPhone *phone)
{
  return phone->cookie;
}

void
cr_test_phone_set_session (CrTestPhone *phone,
                           const char  *session)
{
  g_free (phone->cookie);
  phone->cookie = g_strdup (session);
}

const char *
cr_test_phone_get_set_cookie (CrTestPhone *phone)
{
  return phone->set_cookie;
}

const char *
cr_test_phone_get_header (CrTestPhone *phone,
                          const char  *name)
{
  return phone->last_headers ? soup_message_headers_get_one (phone->last_headers, name) : NULL;
}

static SoupMessage *
make_message (CrTestPhone *phone,
              const char  *path,
              const char  *body)
{
  g_autofree char *url = g_strconcat (phone->base, path, NULL);
  SoupMessage *msg = soup_message_new (body ? "POST" : "GET", url);
  SoupMessageHeaders *headers = soup_message_get_request_headers (msg);

  if (phone->cookie != NULL)
    {
      g_autofree char *cookie = g_strdup_printf ("crossroads_session=%s", phone->cookie);

      soup_message_headers_replace (headers, "Cookie", cookie);
    }
  if (phone->language != NULL)
    soup_message_headers_replace (headers, "Accept-Language", phone->language);
  if (body != NULL)
    {
      g_autoptr(GBytes) bytes = g_bytes_new (body, strlen (body));

      soup_message_set_request_body_from_bytes (msg, "application/json", bytes);
      if (!phone->no_origin)
        soup_message_headers_replace (headers, "Origin", phone->origin ? phone->origin : phone->base);
      if (phone->csrf)
        soup_message_headers_replace (headers, "X-Crossroads", "1");
    }
  return msg;
}

/* Keeps the session cookie the server set, as a browser would. */
static void
take_cookie (CrTestPhone *phone,
             SoupMessage *msg)
{
  SoupMessageHeaders *headers = soup_message_get_response_headers (msg);
  const char *set_cookie = soup_message_headers_get_one (headers, "Set-Cookie");

  g_clear_pointer (&phone->last_headers, soup_message_headers_unref);
  phone->last_headers = soup_message_headers_ref (headers);
  if (set_cookie != NULL && g_str_has_prefix (set_cookie, "crossroads_session="))
    {
      const char *value = set_cookie + strlen ("crossroads_session=");
      const char *end = strchr (value, ';');

      g_free (phone->set_cookie);
      phone->set_cookie = g_strdup (set_cookie);
      g_free (phone->cookie);
      phone->cookie = end ? g_strndup (value, end - value) : g_strdup (value);
    }
}

typedef struct
{
  CrTestPhone  *phone;
  SoupMessage  *msg;
  GBytes       *bytes;
  GError       *error;
  GAsyncReadyCallback callback;
  gpointer      user_data;
} Request;

static void
request_done (GObject      *source,
              GAsyncResult *result,
              gpointer      data)
{
  GTask *task = data;
  Request *request = g_task_get_task_data (task);

  request->bytes = soup_session_send_and_read_finish (SOUP_SESSION (source), result, &request->error);
  if (request->bytes != NULL)
    take_cookie (request->phone, request->msg);
  g_task_return_boolean (task, TRUE);
  g_object_unref (task);
}

static void
request_free (Request *request)
{
  g_clear_object (&request->msg);
  g_clear_pointer (&request->bytes, g_bytes_unref);
  g_clear_error (&request->error);
  g_free (request);
}

void
cr_test_phone_request_async (CrTestPhone        *phone,
                             const char         *path,
                             const char         *body,
                             GAsyncReadyCallback callback,
                             gpointer            user_data)
{
  GTask *task = g_task_new (NULL, NULL, callback, user_data);
  Request *request = g_new0 (Request, 1);

  request->phone = phone;
  request->msg = make_message (phone, path, body);
  g_task_set_task_data (task, request, (GDestroyNotify) request_free);
  soup_session_send_and_read_async (phone->session, request->msg, G_PRIORITY_DEFAULT, NULL,
                                    request_done, task);
}

guint
cr_test_phone_request_finish (CrTestPhone   *phone,
                              GAsyncResult  *result,
                              JsonNode     **json)
{
  Request *request = g_task_get_task_data (G_TASK (result));
  g_autoptr(JsonParser) parser = json_parser_new ();
  gconstpointer data;
  gsize len;

  g_task_propagate_boolean (G_TASK (result), NULL);
  if (json != NULL)
    *json = NULL;
  if (request->bytes == NULL)
    return 0;
  data = g_bytes_get_data (request->bytes, &len);
  if (json != NULL && len > 0 && json_parser_load_from_data (parser, data, (gssize) len, NULL))
    *json = json_node_copy (json_parser_get_root (parser));
  return soup_message_get_status (request->msg);
}

typedef struct
{
  gboolean      done;
  GAsyncResult *result;
} Wait;

static void
waited (GObject      *source,
        GAsyncResult *result,
        gpointer      data)
{
  Wait *wait = data;

  wait->result = g_object_ref (result);
  wait->done = TRUE;
}

guint
cr_test_phone_request (CrTestPhone  *phone,
                       const char   *path,
                       const char   *body,
                       JsonNode    **json,
                       GBytes      **raw)
{
  Wait wait = { FALSE, NULL };
  Request *request;
  guint status;

  cr_test_phone_request_async (phone, path, body, waited, &wait);
  while (!wait.done)
    g_main_context_iteration (NULL, TRUE);
  request = g_task_get_task_data (G_TASK (wait.result));
  if (raw != NULL)
    *raw = request->bytes ? g_bytes_ref (request->bytes) : NULL;
  status = cr_test_phone_request_finish (phone, wait.result, json);
  g_object_unref (wait.result);
  return status;
}

/* ---- Events ---------------------------------------------------------------- */

struct _CrTestEvents
{
  CrTestPhone      *phone;
  SoupMessage      *msg;
  GCancellable     *cancellable;
  GDataInputStream *lines;
  GString          *data;     /* the current event's data */
  GQueue            states;   /* JsonNode* not yet taken */
  gboolean          ended;
  gboolean          reading;
  CrTestEventFunc   func;
  gpointer          func_data;
};

static void read_next_line (CrTestEvents *events);

static void
got_line (GObject      *source,
          GAsyncResult *result,
          gpointer      data)
{
  CrTestEvents *events = data;
  g_autoptr(GError) error = NULL;
  g_autofree char *line = g_data_input_stream_read_line_finish_utf8 (G_DATA_INPUT_STREAM (source), result, NULL, &error);

  events->reading = FALSE;
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (line == NULL)
    {
      events->ended = TRUE;
      return;
    }
  if (g_str_has_prefix (line, "data: "))
    g_string_append (events->data, line + 6);
  else if (line[0] == '\0' && events->data->len > 0)
    {
      g_autoptr(JsonParser) parser = json_parser_new ();

      if (json_parser_load_from_data (parser, events->data->str, -1, NULL))
        {
          JsonNode *state = json_node_copy (json_parser_get_root (parser));

          if (events->func != NULL)
            {
              events->func (state, events->func_data);
              json_node_unref (state);
            }
          else
            g_queue_push_tail (&events->states, state);
        }
      g_string_truncate (events->data, 0);
    }
  read_next_line (events);
}

static void
read_next_line (CrTestEvents *events)
{
  events->reading = TRUE;
  g_data_input_stream_read_line_async (events->lines, G_PRIORITY_DEFAULT, events->cancellable, got_line, events);
}

static void
stream_opened (GObject      *source,
               GAsyncResult *result,
               gpointer      data)
{
  CrTestEvents *events = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GInputStream) stream = soup_session_send_finish (SOUP_SESSION (source), result, &error);

  events->reading = FALSE;
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (stream == NULL || soup_message_get_status (events->msg) != SOUP_STATUS_OK)
    {
      events->ended = TRUE;
      return;
    }
  events->lines = g_data_input_stream_new (stream);
  read_next_line (events);
}

CrTestEvents *
cr_test_events_open (CrTestPhone *phone)
{
  CrTestEvents *events = g_new0 (CrTestEvents, 1);

  events->phone = phone;
  events->msg = make_message (phone, "/api/events", NULL);
  events->cancellable = g_cancellable_new ();
  events->data = g_string_new (NULL);
  g_queue_init (&events->states);
  events->reading = TRUE;
  soup_session_send_async (phone->session, events->msg, G_PRIORITY_DEFAULT, events->cancellable,
                           stream_opened, events);
  return events;
}

void
cr_test_events_set_func (CrTestEvents    *events,
                         CrTestEventFunc  func,
                         gpointer         user_data)
{
  events->func = func;
  events->func_data = user_data;
}

JsonNode *
cr_test_events_next (CrTestEvents *events)
{
  while (g_queue_is_empty (&events->states) && !events->ended)
    g_main_context_iteration (NULL, TRUE);
  return g_queue_pop_head (&events->states);
}

void
cr_test_events_close (CrTestEvents *events)
{
  if (events == NULL)
    return;
  g_cancellable_cancel (events->cancellable);
  /* The cancelled read calls back once more. */
  while (events->reading)
    g_main_context_iteration (NULL, TRUE);
  g_clear_object (&events->lines);
  g_clear_object (&events->msg);
  g_clear_object (&events->cancellable);
  g_queue_clear_full (&events->states, (GDestroyNotify) json_node_unref);
  g_string_free (events->data, TRUE);
  g_free (events);
}

/* ---- JSON ------------------------------------------------------------------- */

JsonNode *
cr_test_json_get (JsonNode   *root,
                  const char *path)
{
  g_auto(GStrv) parts = g_strsplit (path, ".", -1);
  JsonNode *node = root;

  for (guint i = 0; node != NULL && parts[i] != NULL; i++)
    {
      guint64 index;

      if (JSON_NODE_HOLDS_OBJECT (node))
        node = json_object_get_member (json_node_get_object (node), parts[i]);
      else if (JSON_NODE_HOLDS_ARRAY (node) && g_ascii_string_to_unsigned (parts[i], 10, 0, G_MAXUINT, &index, NULL))
        node = index < json_array_get_length (json_node_get_array (node))
               ? json_array_get_element (json_node_get_array (node), (guint) index) : NULL;
      else
        node = NULL;
    }
  return node;
}

const char *
cr_test_json_string (JsonNode   *root,
                     const char *path)
{
  JsonNode *node = cr_test_json_get (root, path);

  return node && JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING
         ? json_node_get_string (node) : NULL;
}

gint64
cr_test_json_int (JsonNode   *root,
                  const char *path)
{
  JsonNode *node = cr_test_json_get (root, path);

  return node && JSON_NODE_HOLDS_VALUE (node) ? json_node_get_int (node) : -1;
}

CrTestPhone *
cr_test_phone_new_seated (const char *join_url,
                          const char *local_address,
                          gint64      participant_id)
{
  const char *token = strstr (join_url, "/j/");
  g_autofree char *base = NULL;
  g_autofree char *join = NULL;
  g_autofree char *claim = NULL;
  CrTestPhone *phone;

  g_assert_nonnull (token);
  base = g_strndup (join_url, token - join_url);
  join = g_strdup_printf ("{\"token\": \"%s\"}", token + 3);
  claim = g_strdup_printf ("{\"participant\": %" G_GINT64_FORMAT "}", participant_id);
  phone = cr_test_phone_new (base, local_address);
  g_assert_cmpuint (cr_test_phone_request (phone, "/api/join", join, NULL, NULL), ==, 201);
  g_assert_cmpuint (cr_test_phone_request (phone, "/api/claim", claim, NULL, NULL), ==, 200);
  return phone;
}

guint
cr_test_phone_vote_single (CrTestPhone *phone,
                           gint64       round_id,
                           const char  *key,
                           const char  *option)
{
  g_autofree char *body = g_strdup_printf ("{\"round\": %" G_GINT64_FORMAT ", \"key\": \"%s\", \"votes\": "
                                           "[{\"option\": \"%s\", \"criterion\": null, \"value\": 1}]}",
                                           round_id, key, option);

  return cr_test_phone_request (phone, "/api/ballot", body, NULL, NULL);
}
