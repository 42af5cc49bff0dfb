/* cr-bench-phone-clients.c: the room's phones, for bench/cr-bench-phones
 *
 *   cr-bench-phone-clients BASE TOKEN N-PHONES N-CONNECTS SEAT,SEAT,...
 *
 * Started by cr-bench-phones once its window draws; a process of its own,
 * so the phones' work is not counted in the window's frames or memory.
 * Every phone is a real libsoup client (tests/cr-test-phone.c) sending
 * from an address of its own in 127/8, so the server's per-address limits
 * apply per phone as in a room.
 *
 * 1. All N-PHONES phones at once: join by the token, claim their seat,
 *    open their event stream and send a single-choice ballot.
 * 2. N-CONNECTS connections at once, each from an address of its own,
 *    each asking for the join page; all are held open until every one has
 *    been answered (or has failed).
 * 3. "ready" on stdout; cr-bench-phones then reveals the round, and each
 *    phone notes when its event stream tells it the round is closed.
 *
 * Prints one line per figure ("ballot US", "reveal-at MONOTONIC-US",
 * "errors N", ...); clocks are CLOCK_MONOTONIC, the same in both
 * processes. What went wrong, the first few times, goes to stderr.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "crossroads-bench"

#include "config.h"

#include <stdio.h>
#include <string.h>

#include "cr-test-phone.h"

/* Seconds to wait for the Reveal to reach every phone before counting the rest as missing. */
#define REVEAL_WAIT_S 20
/* Seconds for each phase at most: a phone that did not finish is an error. */
#define PHASE_WAIT_S 60

typedef struct _Bench Bench;

typedef struct
{
  Bench        *bench;
  guint         index;
  CrTestPhone  *phone;
  CrTestEvents *events;
  gint64        seat;
  gint64        sent;      /* monotonic µs, the request in flight */
  gint64        started;
  gboolean      done;
  gboolean      revealed;
} Phone;

typedef struct
{
  Bench             *bench;
  GSocketClient     *client;
  GSocketConnection *connection;
  char               buffer[512];
  gsize              got;
  gboolean           done;
} Connect;

struct _Bench
{
  char      *base;
  char      *token;
  char      *host;        /* "127.0.0.1:PORT" */
  guint16    port;
  Phone     *phones;
  guint      n_phones;
  Connect   *connects;
  guint      n_connects;

  guint      errors;
  guint      saved;
  guint      phones_done;
  gint64     vote_started;
  gint64     vote_ended;
  guint      connects_ok;
  guint      connects_done;
  gboolean   revealing;
  guint      revealed;
};

static void
error_note (Bench      *bench,
            const char *format,
            ...) G_GNUC_PRINTF (2, 3);

static void
error_note (Bench      *bench,
            const char *format,
            ...)
{
  va_list args;

  bench->errors++;
  if (bench->errors > 10)
    return;
  va_start (args, format);
  vfprintf (stderr, format, args);
  va_end (args);
  fputc ('\n', stderr);
}

static void
sample (const char *what,
        gint64      us)
{
  printf ("%s %" G_GINT64_FORMAT "\n", what, us);
}

/* ---- 1. Join, claim, vote --------------------------------------------------- */

static void phone_finished (Phone *phone);

static void
on_state (JsonNode *state,
          gpointer  data)
{
  Phone *phone = data;
  JsonNode *open = cr_test_json_get (state, "round.open");

  if (!phone->bench->revealing || phone->revealed)
    return;
  if (open != NULL && JSON_NODE_HOLDS_VALUE (open) && !json_node_get_boolean (open))
    {
      phone->revealed = TRUE;
      phone->bench->revealed++;
      sample ("reveal-at", g_get_monotonic_time ());
    }
}

static void
ballot_answered (GObject      *source,
                 GAsyncResult *result,
                 gpointer      data)
{
  Phone *phone = data;
  g_autoptr(JsonNode) answer = NULL;
  guint status = cr_test_phone_request_finish (phone->phone, result, &answer);
  JsonNode *saved = answer ? cr_test_json_get (answer, "saved") : NULL;

  sample ("ballot", g_get_monotonic_time () - phone->sent);
  if (status != 200 || saved == NULL || !JSON_NODE_HOLDS_VALUE (saved) || !json_node_get_boolean (saved))
    error_note (phone->bench, "phone %u: ballot answered %u", phone->index, status);
  else
    phone->bench->saved++;
  phone_finished (phone);
}

static void
claimed (GObject      *source,
         GAsyncResult *result,
         gpointer      data)
{
  Phone *phone = data;
  g_autoptr(JsonNode) state = NULL;
  guint status = cr_test_phone_request_finish (phone->phone, result, &state);
  g_autofree char *body = NULL;
  g_autofree char *path = NULL;
  JsonNode *options;
  gint64 round;

  sample ("claim", g_get_monotonic_time () - phone->sent);
  round = state ? cr_test_json_int (state, "round.id") : -1;
  options = state ? cr_test_json_get (state, "round.options") : NULL;
  if (status != 200 || round < 0 || options == NULL || !JSON_NODE_HOLDS_ARRAY (options) ||
      json_array_get_length (json_node_get_array (options)) == 0)
    {
      error_note (phone->bench, "phone %u: claim answered %u", phone->index, status);
      phone_finished (phone);
      return;
    }

  /* The phone follows the room from now on, as the page does. */
  phone->events = cr_test_events_open (phone->phone);
  cr_test_events_set_func (phone->events, on_state, phone);

  path = g_strdup_printf ("round.options.%u.id", phone->index % json_array_get_length (json_node_get_array (options)));
  body = g_strdup_printf ("{\"round\": %" G_GINT64_FORMAT ", \"key\": \"bench-%u\", \"votes\": "
                          "[{\"option\": \"%s\", \"criterion\": null, \"value\": 1}]}",
                          round, phone->index, cr_test_json_string (state, path));
  phone->sent = g_get_monotonic_time ();
  cr_test_phone_request_async (phone->phone, "/api/ballot", body, ballot_answered, phone);
}

static void
joined (GObject      *source,
        GAsyncResult *result,
        gpointer      data)
{
  Phone *phone = data;
  guint status = cr_test_phone_request_finish (phone->phone, result, NULL);
  g_autofree char *body = NULL;

  sample ("join", g_get_monotonic_time () - phone->sent);
  if (status != 201)
    {
      error_note (phone->bench, "phone %u: join answered %u", phone->index, status);
      phone_finished (phone);
      return;
    }
  body = g_strdup_printf ("{\"participant\": %" G_GINT64_FORMAT "}", phone->seat);
  phone->sent = g_get_monotonic_time ();
  cr_test_phone_request_async (phone->phone, "/api/claim", body, claimed, phone);
}

static void
phone_finished (Phone *phone)
{
  gint64 now = g_get_monotonic_time ();

  phone->done = TRUE;
  phone->bench->phones_done++;
  phone->bench->vote_ended = MAX (phone->bench->vote_ended, now);
  sample ("phone", now - phone->started);
}

static void
start_phones (Bench *bench)
{
  g_autofree char *body = g_strdup_printf ("{\"token\": \"%s\"}", bench->token);

  bench->vote_started = g_get_monotonic_time ();
  for (guint i = 0; i < bench->n_phones; i++)
    {
      Phone *phone = &bench->phones[i];

      phone->started = phone->sent = g_get_monotonic_time ();
      cr_test_phone_request_async (phone->phone, "/api/join", body, joined, phone);
    }
}

/* ---- 2. Connections at once ------------------------------------------------- */

static void
connect_done (Connect  *connect,
              gboolean  ok)
{
  connect->done = TRUE;
  connect->bench->connects_done++;
  if (ok)
    connect->bench->connects_ok++;
}

static void
connect_read (GObject      *source,
              GAsyncResult *result,
              gpointer      data)
{
  Connect *connect = data;
  g_autoptr(GError) error = NULL;
  gssize n = g_input_stream_read_finish (G_INPUT_STREAM (source), result, &error);

  if (n <= 0)
    {
      error_note (connect->bench, "connection: %s", error ? error->message : "closed before an answer");
      connect_done (connect, FALSE);
      return;
    }
  connect->got += (gsize) n;
  /* The status line is all it needs. */
  if (memchr (connect->buffer, '\n', connect->got) == NULL && connect->got < sizeof connect->buffer)
    {
      g_input_stream_read_async (G_INPUT_STREAM (source), connect->buffer + connect->got,
                                 sizeof connect->buffer - connect->got, G_PRIORITY_DEFAULT, NULL,
                                 connect_read, connect);
      return;
    }
  if (!g_str_has_prefix (connect->buffer, "HTTP/1.1 200 "))
    {
      error_note (connect->bench, "connection: answered %.12s", connect->buffer);
      connect_done (connect, FALSE);
      return;
    }
  connect_done (connect, TRUE);
}

static void
connect_written (GObject      *source,
                 GAsyncResult *result,
                 gpointer      data)
{
  Connect *connect = data;
  g_autoptr(GError) error = NULL;

  if (!g_output_stream_write_all_finish (G_OUTPUT_STREAM (source), result, NULL, &error))
    {
      error_note (connect->bench, "connection: %s", error->message);
      connect_done (connect, FALSE);
      return;
    }
  g_input_stream_read_async (g_io_stream_get_input_stream (G_IO_STREAM (connect->connection)),
                             connect->buffer, sizeof connect->buffer - 1, G_PRIORITY_DEFAULT, NULL,
                             connect_read, connect);
}

static void
connected (GObject      *source,
           GAsyncResult *result,
           gpointer      data)
{
  Connect *connect = data;
  Bench *bench = connect->bench;
  g_autoptr(GError) error = NULL;
  static char *request;

  connect->connection = g_socket_client_connect_finish (G_SOCKET_CLIENT (source), result, &error);
  if (connect->connection == NULL)
    {
      error_note (bench, "connection: %s", error->message);
      connect_done (connect, FALSE);
      return;
    }
  /* What a phone asks for first when it scans the code. */
  if (request == NULL)
    request = g_strdup_printf ("GET /j/%s HTTP/1.1\r\nHost: %s\r\n\r\n", bench->token, bench->host);
  g_output_stream_write_all_async (g_io_stream_get_output_stream (G_IO_STREAM (connect->connection)),
                                   request, strlen (request), G_PRIORITY_DEFAULT, NULL,
                                   connect_written, connect);
}

static void
start_connects (Bench *bench)
{
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) server = g_inet_socket_address_new (loopback, bench->port);

  for (guint i = 0; i < bench->n_connects; i++)
    {
      Connect *connect = &bench->connects[i];
      g_autofree char *address = g_strdup_printf ("127.3.%u.%u", i / 250, i % 250 + 1);
      g_autoptr(GSocketAddress) local = g_inet_socket_address_new_from_string (address, 0);

      connect->bench = bench;
      connect->client = g_socket_client_new ();
      g_socket_client_set_local_address (connect->client, local);
      g_socket_client_set_timeout (connect->client, PHASE_WAIT_S);
      g_socket_client_connect_async (connect->client, G_SOCKET_CONNECTABLE (server), NULL, connected, connect);
    }
}

/* ---- Waiting ---------------------------------------------------------------- */

static gboolean
time_up (gpointer data)
{
  *(gboolean *) data = TRUE;
  return G_SOURCE_REMOVE;
}

/* Iterates until *@counter reaches @value or @seconds pass; returns whether it did. */
static gboolean
wait_for (guint *counter,
          guint  value,
          guint  seconds)
{
  gboolean up = FALSE;
  guint timeout = g_timeout_add_seconds (seconds, time_up, &up);

  while (*counter < value && !up)
    g_main_context_iteration (NULL, TRUE);
  if (!up)
    g_source_remove (timeout);
  return *counter >= value;
}

int
main (int   argc,
      char *argv[])
{
  Bench bench = { 0 };
  g_auto(GStrv) seats = NULL;
  guint64 n_phones, n_connects, port;
  const char *colon;

  if (argc != 6 ||
      !g_ascii_string_to_unsigned (argv[3], 10, 1, 60000, &n_phones, NULL) ||
      !g_ascii_string_to_unsigned (argv[4], 10, 0, 60000, &n_connects, NULL) ||
      (colon = strrchr (argv[1], ':')) == NULL ||
      !g_ascii_string_to_unsigned (colon + 1, 10, 1, 65535, &port, NULL))
    {
      g_printerr ("usage: cr-bench-phone-clients http://127.0.0.1:PORT TOKEN N-PHONES N-CONNECTS SEAT,SEAT,...\n");
      return 2;
    }
  seats = g_strsplit (argv[5], ",", -1);
  if (g_strv_length (seats) < n_phones)
    {
      g_printerr ("cr-bench-phone-clients: fewer seats than phones\n");
      return 2;
    }

  bench.base = argv[1];
  bench.token = argv[2];
  bench.host = argv[1] + strlen ("http://");
  bench.port = (guint16) port;
  bench.n_phones = (guint) n_phones;
  bench.n_connects = (guint) n_connects;
  bench.phones = g_new0 (Phone, bench.n_phones);
  bench.connects = g_new0 (Connect, bench.n_connects);
  for (guint i = 0; i < bench.n_phones; i++)
    {
      g_autofree char *address = g_strdup_printf ("127.2.%u.%u", i / 250, i % 250 + 1);

      bench.phones[i].bench = &bench;
      bench.phones[i].index = i;
      bench.phones[i].seat = g_ascii_strtoll (seats[i], NULL, 10);
      bench.phones[i].phone = cr_test_phone_new (bench.base, address);
    }

  start_phones (&bench);
  wait_for (&bench.phones_done, bench.n_phones, PHASE_WAIT_S);
  sample ("vote-span", bench.vote_ended - bench.vote_started);
  if (bench.phones_done < bench.n_phones)
    error_note (&bench, "%u phones did not finish", bench.n_phones - bench.phones_done);
  printf ("saved %u\n", bench.saved);
  fflush (stdout);

  start_connects (&bench);
  if (!wait_for (&bench.connects_done, bench.n_connects, PHASE_WAIT_S + 5))
    error_note (&bench, "%u connections did not finish", bench.n_connects - bench.connects_done);
  printf ("connects-ok %u\n", bench.connects_ok);
  for (guint i = 0; i < bench.n_connects; i++)
    {
      g_clear_object (&bench.connects[i].connection);
      g_clear_object (&bench.connects[i].client);
    }

  /* cr-bench-phones reveals the round when it reads this. */
  bench.revealing = TRUE;
  printf ("ready\n");
  fflush (stdout);
  wait_for (&bench.revealed, bench.n_phones, REVEAL_WAIT_S);
  printf ("reveal-missing %u\n", bench.n_phones - bench.revealed);
  printf ("errors %u\n", bench.errors);
  fflush (stdout);

  for (guint i = 0; i < bench.n_phones; i++)
    {
      cr_test_events_close (bench.phones[i].events);
      cr_test_phone_free (bench.phones[i].phone);
    }
  g_free (bench.phones);
  g_free (bench.connects);
  return 0;
}
