/* test-phones.c: the phone server's API over loopback, with a real client
 *
 * A real library in a temporary folder, the built-in template, the server
 * as the window runs it (in its own thread, with its own connection to the
 * library) on 127.0.0.1, and phones that are libsoup clients sending from
 * addresses of their own in 127/8. What a phone is told is checked against
 * what the library holds, read through a connection of the test's.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <signal.h>
#include <string.h>
#include <sys/wait.h>

#include "cr-phone-request.h"
#include "cr-phone-server-private.h"
#include "cr-test-phone.h"
#include "cr-test-util.h"
#include "cr-workshop.h"

typedef struct
{
  CrStore       *store;
  CrWorkshop    *workshop;       /* the window's */
  CrPhoneServer *server;
  char          *base;
  gint64         ana, ben, chloe;
  guint          ballots_saved;
  guint          seats_changed;
  guint          next_address;
} Fixture;

static void
on_ballot_saved (CrPhoneServer *server,
                 gint64         round_id,
                 gint64         participant_id,
                 Fixture       *f)
{
  f->ballots_saved++;
}

static void
on_seats_changed (CrPhoneServer *server,
                  Fixture       *f)
{
  f->seats_changed++;
}

static void
start_server (Fixture *f)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (cr_phone_server_start (f->server, &error));
  g_assert_no_error (error);
  g_assert_true (cr_phone_server_get_running (f->server));
  g_free (f->base);
  f->base = g_strdup_printf ("http://127.0.0.1:%u", cr_phone_server_get_port (f->server));
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  const CrPhoneLimits *limits = data;

  f->store = cr_test_new_store ();
  f->workshop = cr_test_new_phone_workshop (f->store, &f->ana, &f->ben, &f->chloe);

  f->server = cr_phone_server_new (f->workshop);
  cr_phone_server_set_address (f->server, "127.0.0.1");
  cr_phone_server_set_preferred_port (f->server, 0);
  if (limits != NULL)
    _cr_phone_server_set_limits (f->server, limits);
  g_signal_connect (f->server, "ballot-saved", G_CALLBACK (on_ballot_saved), f);
  g_signal_connect (f->server, "seats-changed", G_CALLBACK (on_seats_changed), f);
  f->next_address = 10;
  start_server (f);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  cr_phone_server_stop (f->server);
  g_assert_finalize_object (f->server);
  g_clear_object (&f->workshop);
  g_clear_object (&f->store);
  g_free (f->base);
}

/* A phone of its own address, 127.0.0.N. */
static CrTestPhone *
new_phone (Fixture *f)
{
  g_autofree char *address = g_strdup_printf ("127.0.0.%u", f->next_address++);

  return cr_test_phone_new (f->base, address);
}

static const char *
token_of (Fixture *f)
{
  const char *url = cr_phone_server_get_join_url (f->server);

  g_assert_nonnull (url);
  return strstr (url, "/j/") + 3;
}

static void
join (Fixture     *f,
      CrTestPhone *phone)
{
  g_autofree char *body = g_strdup_printf ("{\"token\": \"%s\"}", token_of (f));
  g_autoptr(JsonNode) state = NULL;

  g_assert_cmpuint (cr_test_phone_request (phone, "/api/join", body, &state, NULL), ==, 201);
  g_assert_cmpstr (cr_test_json_string (state, "status"), ==, "no-seat");
  g_assert_nonnull (cr_test_phone_get_session (phone));
}

static guint
claim (CrTestPhone *phone,
       gint64       participant_id,
       JsonNode   **state)
{
  g_autofree char *body = participant_id
                          ? g_strdup_printf ("{\"participant\": %" G_GINT64_FORMAT "}", participant_id)
                          : g_strdup ("{\"participant\": null}");

  return cr_test_phone_request (phone, "/api/claim", body, state, NULL);
}

/* Iterates the window's main context until @counter reaches @value. */
static void
wait_for (guint *counter,
          guint  value)
{
  while (*counter < value)
    g_main_context_iteration (NULL, TRUE);
}

/* Iterates the window's main context until the server reports @n phones. */
static void
wait_for_phones (Fixture *f,
                 guint    n)
{
  while (cr_phone_server_get_n_phones (f->server) != n)
    g_main_context_iteration (NULL, TRUE);
}

static gint64
sessions_in_library (Fixture *f)
{
  return cr_test_count_rows (cr_store_get_path (f->store), "phone_sessions");
}

static guint
send_ballot (CrTestPhone *phone,
             CrRound     *round,
             const char  *key,
             const char  *votes,
             JsonNode   **answer)
{
  g_autofree char *body = g_strdup_printf ("{\"round\": %" G_GINT64_FORMAT ", \"key\": \"%s\", \"votes\": %s}",
                                           cr_round_get_id (round), key, votes);

  return cr_test_phone_request (phone, "/api/ballot", body, answer, NULL);
}

/* ---- Joining ------------------------------------------------------------ */

static void
test_join_and_claim (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(CrTestPhone) phone = new_phone (f);
  g_autoptr(CrTestPhone) other = new_phone (f);
  g_autoptr(JsonNode) seats = NULL, state = NULL, refused = NULL;
  g_autoptr(GBytes) page = NULL;
  g_autofree char *join_path = g_strdup_printf ("/j/%s", token_of (f));
  g_autoptr(GArray) claims = NULL;
  g_autoptr(GError) error = NULL;
  const char *set_cookie;

  /* The join page comes from the app's resources, with its policy. */
  g_assert_cmpuint (cr_test_phone_request (phone, join_path, NULL, NULL, &page), ==, 200);
  g_assert_nonnull (g_strstr_len (g_bytes_get_data (page, NULL), g_bytes_get_size (page), "<html"));
  g_assert_cmpstr (cr_test_phone_get_header (phone, "Content-Security-Policy"), ==, "default-src 'self'");
  g_assert_cmpstr (cr_test_phone_get_header (phone, "Referrer-Policy"), ==, "no-referrer");
  g_assert_cmpstr (cr_phone_server_get_room_code (f->server), !=, NULL);
  g_assert_cmpuint (strlen (cr_phone_server_get_room_code (f->server)), ==, 6);

  join (f, phone);
  set_cookie = cr_test_phone_get_set_cookie (phone);
  g_assert_nonnull (strstr (set_cookie, "; HttpOnly"));
  g_assert_nonnull (strstr (set_cookie, "; SameSite=Strict"));
  g_assert_nonnull (strstr (set_cookie, "; Path=/"));
  g_assert_cmpuint (strlen (cr_test_phone_get_session (phone)), ==, 32);

  /* Every participant is a seat to claim. */
  g_assert_cmpuint (cr_test_phone_request (phone, "/api/seats", NULL, &seats, NULL), ==, 200);
  g_assert_cmpstr (cr_test_json_string (seats, "seats.0.name"), ==, "Ana");
  g_assert_cmpstr (cr_test_json_string (seats, "seats.2.name"), ==, "Chloé");
  g_assert_false (json_node_get_boolean (cr_test_json_get (seats, "seats.0.claimed")));
  g_assert_true (json_node_get_boolean (cr_test_json_get (seats, "can_add")));

  g_assert_cmpuint (claim (phone, f->ana, &state), ==, 200);
  g_assert_cmpstr (cr_test_json_string (state, "seat.name"), ==, "Ana");
  g_assert_cmpstr (cr_test_json_string (state, "status"), ==, "waiting");
  wait_for (&f->seats_changed, 1);
  g_assert_true (cr_phone_server_is_claimed (f->server, f->ana));

  /* Ana's seat is hers alone; another phone may take a new anonymous one,
   * which the window's workshop shows. */
  join (f, other);
  g_assert_cmpuint (claim (other, f->ana, &refused), ==, 409);
  g_assert_cmpstr (cr_test_json_string (refused, "error"), ==, "taken");
  g_clear_pointer (&state, json_node_unref);
  g_assert_cmpuint (claim (other, 0, &state), ==, 200);
  g_assert_null (cr_test_json_get (state, "seat.name") ? cr_test_json_string (state, "seat.name") : NULL);
  g_assert_cmpstr (cr_test_json_string (state, "seat.label"), ==, "Seat 4");
  wait_for (&f->seats_changed, 2);
  g_assert_cmpuint (g_list_model_get_n_items (cr_workshop_get_participants (f->workshop)), ==, 4);
  wait_for_phones (f, 2);
  claims = cr_phone_server_dup_claims (f->server);
  g_assert_cmpuint (claims->len, ==, 2);

  /* The facilitator releases Ana's seat: her phone chooses again. */
  g_assert_true (cr_phone_server_release_claim (f->server, f->ana, &error));
  g_assert_no_error (error);
  g_assert_false (cr_phone_server_is_claimed (f->server, f->ana));
  g_clear_pointer (&state, json_node_unref);
  g_assert_cmpuint (cr_test_phone_request (phone, "/api/state", NULL, &state, NULL), ==, 200);
  g_assert_cmpstr (cr_test_json_string (state, "status"), ==, "no-seat");
  g_assert_cmpuint (claim (other, f->ana, NULL), ==, 200);
  g_assert_cmpuint (cr_test_phone_request (phone, "/api/release", "{}", NULL, NULL), ==, 200);
}

typedef struct
{
  CrTestPhone *phone;
  guint        status;
  guint       *answered;
} AtOnce;

static void
answered_at_once (GObject      *source,
                  GAsyncResult *result,
                  gpointer      data)
{
  AtOnce *at_once = data;

  at_once->status = cr_test_phone_request_finish (at_once->phone, result, NULL);
  (*at_once->answered)++;
}

/* Sends @bodies[i] to @path from @phones[i], all at once, and waits for every answer. */
static void
send_at_once (CrTestPhone **phones,
              guint         n,
              const char   *path,
              char        **bodies,
              guint        *statuses)
{
  g_autofree AtOnce *at_once = g_new0 (AtOnce, n);
  guint answered = 0;

  for (guint i = 0; i < n; i++)
    {
      at_once[i].phone = phones[i];
      at_once[i].answered = &answered;
      cr_test_phone_request_async (phones[i], path, bodies[i], answered_at_once, &at_once[i]);
    }
  wait_for (&answered, n);
  for (guint i = 0; i < n; i++)
    statuses[i] = at_once[i].status;
}

/* A room joins at once: more phones than the server writes in one commit
 * (its joins wait for the next), each with a session of its own in the
 * library; then two phones claim the same seat at once, and only one
 * gets it. */
static void
test_join_room_at_once (Fixture       *f,
                        gconstpointer  data)
{
  enum { N = 150 };
  CrTestPhone *phones[N];
  char *bodies[N];
  guint statuses[N];
  g_autofree char *join = g_strdup_printf ("{\"token\": \"%s\"}", token_of (f));
  g_autofree char *ana = g_strdup_printf ("{\"participant\": %" G_GINT64_FORMAT "}", f->ana);
  g_autoptr(GHashTable) sessions = g_hash_table_new (g_str_hash, g_str_equal);
  guint n_ok = 0, n_taken = 0;

  for (guint i = 0; i < N; i++)
    {
      g_autofree char *address = g_strdup_printf ("127.0.%u.%u", 1 + i / 200, 10 + i % 200);

      phones[i] = cr_test_phone_new (f->base, address);
      bodies[i] = join;
    }
  send_at_once (phones, N, "/api/join", bodies, statuses);
  for (guint i = 0; i < N; i++)
    {
      g_assert_cmpuint (statuses[i], ==, 201);
      g_assert_nonnull (cr_test_phone_get_session (phones[i]));
      g_hash_table_add (sessions, (gpointer) cr_test_phone_get_session (phones[i]));
    }
  g_assert_cmpuint (g_hash_table_size (sessions), ==, N);
  g_assert_cmpint (sessions_in_library (f), ==, N);
  wait_for_phones (f, N);

  bodies[0] = bodies[1] = ana;
  send_at_once (phones, 2, "/api/claim", bodies, statuses);
  for (guint i = 0; i < 2; i++)
    {
      n_ok += statuses[i] == 200;
      n_taken += statuses[i] == 409;
    }
  g_assert_cmpuint (n_ok, ==, 1);
  g_assert_cmpuint (n_taken, ==, 1);
  wait_for (&f->seats_changed, 1);
  g_assert_true (cr_phone_server_is_claimed (f->server, f->ana));
  for (guint i = 0; i < N; i++)
    cr_test_phone_free (phones[i]);
}

/* The room code is typed on the page at the bare address. */
static void
test_join_by_code (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(CrTestPhone) phone = new_phone (f);
  g_autoptr(JsonNode) state = NULL;
  g_autofree char *code = g_ascii_strdown (cr_phone_server_get_room_code (f->server), -1);
  g_autofree char *body = g_strdup_printf ("{\"code\": \"%.3s-%s\"}", code, code + 3);

  g_assert_cmpuint (cr_test_phone_request (phone, "/", NULL, NULL, NULL), ==, 200);
  g_assert_cmpuint (cr_test_phone_request (phone, "/api/join", body, &state, NULL), ==, 201);
  g_assert_cmpstr (cr_test_json_string (state, "status"), ==, "no-seat");
  /* Joining again with the session keeps it. */
  g_assert_cmpuint (cr_test_phone_request (phone, "/api/join", body, NULL, NULL), ==, 200);
  g_assert_cmpint (sessions_in_library (f), ==, 1);
  wait_for_phones (f, 1);
}

/* The page's words in the phone's language when the app has it, else in
 * the laptop's (English here); only for a page that may be shown. */
static void
test_strings (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(CrTestPhone) phone = new_phone (f);
  g_autoptr(CrTestPhone) stranger = new_phone (f);
  g_autoptr(GError) error = NULL;
  struct { const char *accept; const char *lang; const char *send; } cases[] = {
    { "de-CH, de;q=0.9, en;q=0.8", "de", "Stimme abgeben" },
    { "sw, fr-FR;q=0.7, de;q=0.5", "fr", "Envoyer mon vote" },
    { "fr;q=0.2, en-GB;q=0.9", "en", "Send my vote" },
    { "sw, *;q=0.1", "en", "Send my vote" },
    { ",, de;q=0.5,;", "de", "Stimme abgeben" },
    { NULL, "en", "Send my vote" },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(JsonNode) strings = NULL;

      cr_test_phone_set_language (phone, cases[i].accept);
      g_assert_cmpuint (cr_test_phone_request (phone, "/strings.json", NULL, &strings, NULL), ==, 200);
      g_assert_cmpstr (cr_test_json_string (strings, "lang"), ==, cases[i].lang);
      g_assert_cmpstr (cr_test_json_string (strings, "send"), ==, cases[i].send);
      g_assert_cmpstr (cr_test_phone_get_header (phone, "Content-Security-Policy"), ==, "default-src 'self'");
    }

  /* Joining closed: only a phone that joined gets them. */
  join (f, phone);
  g_assert_true (cr_phone_server_set_joining (f->server, FALSE, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (cr_test_phone_request (phone, "/strings.json", NULL, NULL, NULL), ==, 200);
  g_assert_cmpuint (cr_test_phone_request (stranger, "/strings.json", NULL, NULL, NULL), ==, 404);
}

/* ---- Ballots -------------------------------------------------------------- */

static void
test_vote_each_kind (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(CrTestPhone) phone = new_phone (f);
  g_autoptr(CrTestPhone) other = new_phone (f);
  g_autoptr(JsonNode) state = NULL, answer = NULL, others = NULL;
  g_autofree char *votes = NULL;
  CrRound *round;
  guint n_votes;

  join (f, phone);
  g_assert_cmpuint (claim (phone, f->ben, NULL), ==, 200);
  join (f, other);
  g_assert_cmpuint (claim (other, f->chloe, NULL), ==, 200);

  /* Single choice. */
  round = cr_test_open_round (f->workshop, "current");
  g_assert_cmpuint (cr_test_phone_request (phone, "/api/state", NULL, &state, NULL), ==, 200);
  g_assert_cmpstr (cr_test_json_string (state, "status"), ==, "voting");
  g_assert_cmpstr (cr_test_json_string (state, "round.method"), ==, "single");
  g_assert_cmpint (cr_test_json_int (state, "round.id"), ==, cr_round_get_id (round));
  g_assert_cmpstr (cr_test_json_string (state, "round.options.0.id"), ==, "hr-as-a-service");
  g_assert_true (JSON_NODE_HOLDS_NULL (cr_test_json_get (state, "round.ballot")));
  g_assert_cmpuint (send_ballot (phone, round, "k1",
                                 "[{\"option\": \"px-as-a-product\", \"criterion\": null, \"value\": 1}]",
                                 &answer), ==, 200);
  g_assert_true (json_node_get_boolean (cr_test_json_get (answer, "saved")));
  g_assert_false (json_node_get_boolean (cr_test_json_get (answer, "repeat")));
  g_assert_cmpstr (cr_test_json_string (answer, "state.round.ballot.0.option"), ==, "px-as-a-product");
  /* In the library the moment the phone is told. */
  votes = cr_test_library_votes (cr_store_get_path (f->store), cr_round_get_id (round), f->ben);
  g_assert_cmpstr (votes, ==, "px-as-a-product/-=1");
  /* The window's workshop reads it back and says who voted. */
  wait_for (&f->ballots_saved, 1);
  cr_round_get_votes (round, &n_votes);
  g_assert_cmpuint (n_votes, ==, 1);
  /* Another phone is not told anyone else's ballot. */
  g_assert_cmpuint (cr_test_phone_request (other, "/api/state", NULL, &others, NULL), ==, 200);
  g_assert_true (JSON_NODE_HOLDS_NULL (cr_test_json_get (others, "round.ballot")));
  g_assert_true (JSON_NODE_HOLDS_NULL (cr_test_json_get (others, "round.result")));

  /* Dots, with the budget told. */
  round = cr_test_open_round (f->workshop, "target");
  g_clear_pointer (&state, json_node_unref);
  g_assert_cmpuint (cr_test_phone_request (phone, "/api/state", NULL, &state, NULL), ==, 200);
  g_assert_cmpstr (cr_test_json_string (state, "round.method"), ==, "dots");
  g_assert_cmpint (cr_test_json_int (state, "round.budget"), ==, 3);
  g_assert_cmpuint (send_ballot (phone, round, "k2",
                                 "[{\"option\": \"projects-as-products\", \"value\": 2},"
                                 " {\"option\": \"px-as-a-product\", \"value\": 1}]", NULL), ==, 200);
  g_free (votes);
  votes = cr_test_library_votes (cr_store_get_path (f->store), cr_round_get_id (round), f->ben);
  g_assert_cmpstr (votes, ==, "projects-as-products/-=2, px-as-a-product/-=1");

  /* Scores per criterion, on the template's scale. */
  round = cr_test_open_round (f->workshop, "fit");
  g_clear_pointer (&state, json_node_unref);
  g_assert_cmpuint (cr_test_phone_request (phone, "/api/state", NULL, &state, NULL), ==, 200);
  g_assert_cmpstr (cr_test_json_string (state, "round.method"), ==, "score");
  g_assert_cmpint (cr_test_json_int (state, "round.scale.min"), ==, 1);
  g_assert_cmpint (cr_test_json_int (state, "round.scale.max"), ==, 5);
  g_assert_cmpstr (cr_test_json_string (state, "round.criteria.0.id"), ==, "user-centricity");
  g_assert_cmpuint (send_ballot (phone, round, "k3",
                                 "[{\"option\": \"hr-as-a-service\", \"criterion\": \"speed\", \"value\": 4},"
                                 " {\"option\": \"px-as-a-product\", \"criterion\": \"cost-of-change\", \"value\": 2}]",
                                 NULL), ==, 200);
  g_free (votes);
  votes = cr_test_library_votes (cr_store_get_path (f->store), cr_round_get_id (round), f->ben);
  g_assert_cmpstr (votes, ==, "hr-as-a-service/speed=4, px-as-a-product/cost-of-change=2");
  wait_for (&f->ballots_saved, 3);
}

/* A changed ballot replaces the saved one; the same ballot sent again
 * (a timeout, a double tap) is saved once. */
static void
test_vote_change_and_resend (Fixture       *f,
                             gconstpointer  data)
{
  g_autoptr(CrTestPhone) phone = new_phone (f);
  g_autoptr(JsonNode) answer = NULL;
  g_autofree char *votes = NULL;
  CrRound *round;
  gint64 before;

  join (f, phone);
  g_assert_cmpuint (claim (phone, f->ana, NULL), ==, 200);
  round = cr_test_open_round (f->workshop, "target");

  g_assert_cmpuint (send_ballot (phone, round, "first", "[{\"option\": \"hr-as-a-service\", \"value\": 3}]", NULL), ==, 200);
  before = cr_test_count_rows (cr_store_get_path (f->store), "votes");
  g_assert_cmpuint (send_ballot (phone, round, "first", "[{\"option\": \"hr-as-a-service\", \"value\": 3}]", &answer), ==, 200);
  g_assert_true (json_node_get_boolean (cr_test_json_get (answer, "saved")));
  g_assert_true (json_node_get_boolean (cr_test_json_get (answer, "repeat")));
  g_assert_cmpint (cr_test_count_rows (cr_store_get_path (f->store), "votes"), ==, before);

  g_assert_cmpuint (send_ballot (phone, round, "second", "[{\"option\": \"px-as-a-product\", \"value\": 1}]", NULL), ==, 200);
  votes = cr_test_library_votes (cr_store_get_path (f->store), cr_round_get_id (round), f->ana);
  g_assert_cmpstr (votes, ==, "px-as-a-product/-=1");
  /* A resend of the changed ballot does not bring the first one back. */
  g_assert_cmpuint (send_ballot (phone, round, "second", "[{\"option\": \"px-as-a-product\", \"value\": 1}]", NULL), ==, 200);
  g_free (votes);
  votes = cr_test_library_votes (cr_store_get_path (f->store), cr_round_get_id (round), f->ana);
  g_assert_cmpstr (votes, ==, "px-as-a-product/-=1");
  wait_for (&f->ballots_saved, 2);
}

/* The benchmark's timing hook: nothing is kept until it is first taken
 * (the app never takes it), then one figure per ballot written, none for a
 * resend that writes nothing. */
/* A seat's ballot is shown only to the phone that saved it in that seat:
 * whoever takes a seat over sees nothing of how its holder before voted,
 * before Reveal; and a key the phone used in its old seat is new in the
 * next one. */
static void
test_vote_seat_taken_over (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(CrTestPhone) first = new_phone (f);
  g_autoptr(CrTestPhone) second = new_phone (f);
  g_autoptr(JsonNode) state = NULL, answer = NULL;
  g_autofree char *votes = NULL;
  CrRound *round = cr_test_open_round (f->workshop, "target");
  JsonNode *ballot;

  join (f, first);
  join (f, second);
  g_assert_cmpuint (claim (first, f->ana, NULL), ==, 200);
  g_assert_cmpuint (send_ballot (first, round, "mine", "[{\"option\": \"hr-as-a-service\", \"value\": 3}]", NULL), ==, 200);
  g_assert_cmpuint (cr_test_phone_request (first, "/api/release", "{}", NULL, NULL), ==, 200);

  g_assert_cmpuint (claim (second, f->ana, &state), ==, 200);
  ballot = cr_test_json_get (state, "round.ballot");
  g_assert_nonnull (ballot);
  g_assert_true (JSON_NODE_HOLDS_NULL (ballot));

  /* The first phone, in another seat, sends its key again with a ballot of
   * that seat: it is written, not taken for the one saved before. */
  g_assert_cmpuint (claim (first, f->ben, NULL), ==, 200);
  g_assert_cmpuint (send_ballot (first, round, "mine", "[{\"option\": \"px-as-a-product\", \"value\": 1}]", &answer), ==, 200);
  g_assert_false (json_node_get_boolean (cr_test_json_get (answer, "repeat")));
  votes = cr_test_library_votes (cr_store_get_path (f->store), cr_round_get_id (round), f->ben);
  g_assert_cmpstr (votes, ==, "px-as-a-product/-=1");
}

static void
test_vote_timing (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(CrTestPhone) phone = new_phone (f);
  g_autoptr(GArray) before = NULL;
  g_autoptr(GArray) after = NULL;
  CrRound *round;

  join (f, phone);
  g_assert_cmpuint (claim (phone, f->ana, NULL), ==, 200);
  round = cr_test_open_round (f->workshop, "target");
  g_assert_cmpuint (send_ballot (phone, round, "untimed", "[{\"option\": \"hr-as-a-service\", \"value\": 3}]", NULL), ==, 200);
  before = _cr_phone_server_take_latencies (f->server);
  g_assert_cmpuint (before->len, ==, 0);

  g_assert_cmpuint (send_ballot (phone, round, "timed", "[{\"option\": \"px-as-a-product\", \"value\": 3}]", NULL), ==, 200);
  g_assert_cmpuint (send_ballot (phone, round, "timed", "[{\"option\": \"px-as-a-product\", \"value\": 3}]", NULL), ==, 200);
  after = _cr_phone_server_take_latencies (f->server);
  g_assert_cmpuint (after->len, ==, 1);
  g_assert_cmpint (g_array_index (after, gint64, 0), >=, 0);
  wait_for (&f->ballots_saved, 2);
}

/* What the ballot dialog refuses, the phone is refused with the core's
 * reason, and nothing changes; a revealed round takes no ballot. */
static void
test_vote_refused (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(CrTestPhone) phone = new_phone (f);
  g_autoptr(CrTestPhone) seatless = new_phone (f);
  g_autoptr(JsonNode) answer = NULL;
  g_autoptr(GError) error = NULL;
  CrRound *round, *older;
  gint64 before;

  join (f, phone);
  g_assert_cmpuint (claim (phone, f->ana, NULL), ==, 200);
  join (f, seatless);
  older = cr_test_open_round (f->workshop, "current");
  round = cr_test_open_round (f->workshop, "target");
  before = cr_test_count_rows (cr_store_get_path (f->store), "votes");

  g_assert_cmpuint (send_ballot (phone, round, "a", "[{\"option\": \"hr-as-a-service\", \"value\": 4}]", &answer), ==, 422);
  g_assert_cmpstr (cr_test_json_string (answer, "error"), ==, "invalid-ballot");
  g_assert_nonnull (strstr (cr_test_json_string (answer, "message"), "budget"));
  g_clear_pointer (&answer, json_node_unref);
  g_assert_cmpuint (send_ballot (phone, round, "b", "[{\"option\": \"no-such-option\", \"value\": 1}]", &answer), ==, 422);
  g_clear_pointer (&answer, json_node_unref);
  g_assert_cmpuint (send_ballot (phone, round, "c", "[{\"option\": \"hr-as-a-service\", \"value\": \"1\"}]", &answer), ==, 400);
  g_assert_cmpstr (cr_test_json_string (answer, "error"), ==, "bad-request");
  g_assert_cmpuint (cr_test_phone_request (phone, "/api/ballot", "{\"round\": 1, \"key\": \"x\", \"votes\": [], \"round\": 2}", NULL, NULL), ==, 400);
  /* Only the round phones are shown takes ballots. */
  g_clear_pointer (&answer, json_node_unref);
  g_assert_cmpuint (send_ballot (phone, older, "d", "[{\"option\": \"hr-as-a-service\", \"value\": 1}]", &answer), ==, 409);
  g_assert_cmpstr (cr_test_json_string (answer, "error"), ==, "round-closed");
  /* A phone without a seat has no ballot to cast. */
  g_assert_cmpuint (send_ballot (seatless, round, "e", "[{\"option\": \"hr-as-a-service\", \"value\": 1}]", NULL), ==, 403);

  /* Revealed: closed to phones too. */
  g_assert_true (cr_workshop_reveal_round (f->workshop, round, &error));
  g_assert_no_error (error);
  g_clear_pointer (&answer, json_node_unref);
  g_assert_cmpuint (send_ballot (phone, round, "f", "[{\"option\": \"hr-as-a-service\", \"value\": 1}]", &answer), ==, 409);
  g_assert_cmpstr (cr_test_json_string (answer, "error"), ==, "round-closed");
  g_assert_cmpint (cr_test_count_rows (cr_store_get_path (f->store), "votes"), ==, before);
}

/* One count per person, across the laptop and the phones: hands counted on
 * the laptop for everyone without a ballot leave no room for a phone's
 * ballot, and a phone's saved ballot takes its person out of the hands
 * the laptop may count. */
static void
test_vote_hands_count_once (Fixture       *f,
                            gconstpointer  data)
{
  g_autoptr(CrTestPhone) phone = new_phone (f);
  g_autoptr(CrTestPhone) second = new_phone (f);
  g_autoptr(JsonNode) answer = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *votes = NULL;
  CrVote hands = { 0, "hr-as-a-service", NULL, 3 };
  CrRound *round;
  gint64 before;

  join (f, phone);
  g_assert_cmpuint (claim (phone, f->ana, NULL), ==, 200);
  join (f, second);
  g_assert_cmpuint (claim (second, f->ben, NULL), ==, 200);
  round = cr_test_open_round (f->workshop, "current");

  /* Three hands on the laptop: Ana, Ben and Chloé, none with a ballot. */
  g_assert_true (cr_workshop_record_votes (f->workshop, round, 0, &hands, 1, &error));
  g_assert_no_error (error);
  before = cr_test_count_rows (cr_store_get_path (f->store), "votes");
  g_assert_cmpuint (send_ballot (phone, round, "a", "[{\"option\": \"px-as-a-product\", \"value\": 1}]", &answer), ==, 422);
  /* Before Reveal the phone learns nothing of the hands' total: only that
   * its ballot cannot be taken, with no reason from the room's votes. */
  g_assert_cmpstr (cr_test_json_string (answer, "error"), ==, "not-taken");
  g_assert_null (cr_test_json_string (answer, "message"));
  g_assert_cmpint (cr_test_count_rows (cr_store_get_path (f->store), "votes"), ==, before);

  /* Two hands leave room for one ballot, from a phone. */
  hands.value = 2;
  g_assert_true (cr_workshop_record_votes (f->workshop, round, 0, &hands, 1, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (send_ballot (phone, round, "b", "[{\"option\": \"px-as-a-product\", \"value\": 1}]", NULL), ==, 200);
  g_assert_cmpuint (send_ballot (second, round, "c", "[{\"option\": \"px-as-a-product\", \"value\": 1}]", NULL), ==, 422);
  wait_for (&f->ballots_saved, 1);

  /* The window read the phone's ballot back: three hands would count Ana
   * twice now. */
  before = cr_test_count_rows (cr_store_get_path (f->store), "votes");
  hands.value = 3;
  g_assert_false (cr_workshop_record_votes (f->workshop, round, 0, &hands, 1, &error));
  g_assert_nonnull (error);
  g_clear_error (&error);
  g_assert_cmpint (cr_test_count_rows (cr_store_get_path (f->store), "votes"), ==, before);
  votes = cr_test_library_votes (cr_store_get_path (f->store), cr_round_get_id (round), f->ana);
  g_assert_cmpstr (votes, ==, "px-as-a-product/-=1");
}

/* ---- Refusals -------------------------------------------------------------- */

static void
test_wrong_token (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(CrTestPhone) phone = new_phone (f);
  g_autoptr(JsonNode) answer = NULL;

  g_assert_cmpuint (cr_test_phone_request (phone, "/j/00000000000000000000000000000000", NULL, NULL, NULL), ==, 404);
  g_assert_cmpuint (cr_test_phone_request (phone, "/j/nonsense", NULL, NULL, NULL), ==, 404);
  g_assert_cmpuint (cr_test_phone_request (phone, "/api/join", "{\"token\": \"00000000000000000000000000000000\"}", NULL, NULL), ==, 404);
  g_assert_cmpuint (cr_test_phone_request (phone, "/api/join", "{\"code\": \"ZZZZZZ\"}", NULL, NULL), ==, 400);
  g_assert_null (cr_test_phone_get_session (phone));
  /* Without a session the API says nothing. */
  g_assert_cmpuint (cr_test_phone_request (phone, "/api/state", NULL, &answer, NULL), ==, 403);
  g_assert_cmpstr (cr_test_json_string (answer, "error"), ==, "no-session");
  cr_test_phone_set_session (phone, "0123456789abcdef0123456789abcdef");
  g_assert_cmpuint (cr_test_phone_request (phone, "/api/state", NULL, NULL, NULL), ==, 403);
  g_assert_cmpuint (cr_test_phone_request (phone, "/api/events", NULL, NULL, NULL), ==, 403);
  g_assert_cmpuint (cr_test_phone_request (phone, "/api/claim", "{\"participant\": null}", NULL, NULL), ==, 403);
  g_assert_cmpuint (cr_test_phone_request (phone, "/etc/passwd", NULL, NULL, NULL), ==, 404);
  g_assert_cmpint (sessions_in_library (f), ==, 0);
  g_assert_cmpint (cr_test_count_rows (cr_store_get_path (f->store), "participants"), ==, 3);
}

static void
test_wrong_origin (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(CrTestPhone) phone = new_phone (f);
  g_autofree char *body = g_strdup_printf ("{\"token\": \"%s\"}", token_of (f));
  g_autoptr(JsonNode) answer = NULL;

  cr_test_phone_set_origin (phone, "http://evil.example");
  g_assert_cmpuint (cr_test_phone_request (phone, "/api/join", body, &answer, NULL), ==, 403);
  g_assert_cmpstr (cr_test_json_string (answer, "error"), ==, "origin");
  cr_test_phone_set_origin (phone, NULL);
  g_assert_cmpuint (cr_test_phone_request (phone, "/api/join", body, NULL, NULL), ==, 403);
  cr_test_phone_set_origin (phone, f->base);
  cr_test_phone_set_csrf (phone, FALSE);
  g_clear_pointer (&answer, json_node_unref);
  g_assert_cmpuint (cr_test_phone_request (phone, "/api/join", body, &answer, NULL), ==, 403);
  g_assert_cmpstr (cr_test_json_string (answer, "error"), ==, "header");
  g_assert_null (cr_test_phone_get_session (phone));
  g_assert_cmpint (sessions_in_library (f), ==, 0);

  /* The same join, from the page. */
  cr_test_phone_set_csrf (phone, TRUE);
  g_assert_cmpuint (cr_test_phone_request (phone, "/api/join", body, NULL, NULL), ==, 201);
}

/* Sends raw bytes on a new connection and returns the whole answer. */
static char *
raw_exchange (Fixture    *f,
              const char *request,
              gsize       len)
{
  g_autoptr(GSocketClient) client = g_socket_client_new ();
  g_autoptr(GSocketConnection) connection = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *address = g_strdup_printf ("127.0.0.1:%u", cr_phone_server_get_port (f->server));
  GString *answer = g_string_new (NULL);
  char buffer[4096];
  gssize n;

  connection = g_socket_client_connect_to_host (client, address, 80, NULL, &error);
  g_assert_no_error (error);
  g_output_stream_write_all (g_io_stream_get_output_stream (G_IO_STREAM (connection)), request, len, NULL, NULL, NULL);
  while ((n = g_input_stream_read (g_io_stream_get_input_stream (G_IO_STREAM (connection)), buffer, sizeof buffer, NULL, NULL)) > 0)
    g_string_append_len (answer, buffer, n);
  return g_string_free (answer, FALSE);
}

static void
test_oversized_body (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(CrTestPhone) phone = new_phone (f);
  g_autoptr(JsonNode) answer = NULL;
  g_autofree char *padding = g_strnfill (CR_PHONE_MAX_BODY, ' ');
  g_autofree char *body = g_strdup_printf ("{\"token\": \"%s\"}%s", token_of (f), padding);
  g_autofree char *head = NULL, *reply = NULL, *chunked = NULL, *chunked_reply = NULL;

  g_assert_cmpuint (strlen (body), >, CR_PHONE_MAX_BODY);
  g_assert_cmpuint (cr_test_phone_request (phone, "/api/join", body, &answer, NULL), ==, 413);
  g_assert_cmpstr (cr_test_json_string (answer, "error"), ==, "too-large");
  g_assert_null (cr_test_phone_get_session (phone));

  /* A body declared far larger than it is sent is answered at once, not
   * waited for. */
  head = g_strdup_printf ("POST /api/join HTTP/1.1\r\nHost: 127.0.0.1:%u\r\nOrigin: %s\r\n"
                          "X-Crossroads: 1\r\nContent-Length: 1000000000\r\n\r\n{\"token\":",
                          cr_phone_server_get_port (f->server), f->base);
  reply = raw_exchange (f, head, strlen (head));
  g_assert_true (g_str_has_prefix (reply, "HTTP/1.1 413 "));
  g_assert_nonnull (strstr (reply, "Content-Security-Policy: default-src 'self'"));
  /* A body of no declared length is not read either. */
  chunked = g_strdup_printf ("POST /api/join HTTP/1.1\r\nHost: 127.0.0.1:%u\r\nOrigin: %s\r\n"
                             "X-Crossroads: 1\r\nTransfer-Encoding: chunked\r\n\r\n10\r\n{\"token\": \"abc\"}\r\n",
                             cr_phone_server_get_port (f->server), f->base);
  chunked_reply = raw_exchange (f, chunked, strlen (chunked));
  g_assert_true (g_str_has_prefix (chunked_reply, "HTTP/1.1 411 "));

  /* The server goes on. */
  join (f, phone);
}

/* A GET has no body to speak of: one declared larger than a POST may send,
 * or one of no declared length, is refused unread too, with or without a
 * session, or any phone could fill the laptop's memory. */
static void
test_oversized_get (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(CrTestPhone) phone = new_phone (f);
  g_autofree char *head = g_strdup_printf ("GET / HTTP/1.1\r\nHost: 127.0.0.1:%u\r\n"
                                           "Content-Length: 1000000000\r\n\r\nxxxx",
                                           cr_phone_server_get_port (f->server));
  g_autofree char *chunked = g_strdup_printf ("GET /api/state HTTP/1.1\r\nHost: 127.0.0.1:%u\r\n"
                                              "Transfer-Encoding: chunked\r\n\r\n4\r\nxxxx\r\n",
                                              cr_phone_server_get_port (f->server));
  g_autofree char *reply = raw_exchange (f, head, strlen (head));
  g_autofree char *chunked_reply = raw_exchange (f, chunked, strlen (chunked));

  g_assert_true (g_str_has_prefix (reply, "HTTP/1.1 413 "));
  g_assert_nonnull (strstr (reply, "Cache-Control: no-store"));
  g_assert_true (g_str_has_prefix (chunked_reply, "HTTP/1.1 411 "));

  /* The server goes on. */
  join (f, phone);
}

/* A request sent a byte at a time, each well within the idle timeout,
 * still has to arrive whole within it: else a thousand such connections
 * would hold every connection the server takes. */
static CrPhoneLimits short_timeout;

static void
test_slow_request (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(CrTestPhone) phone = new_phone (f);
  g_autoptr(GSocketClient) client = g_socket_client_new ();
  g_autoptr(GSocketConnection) connection = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *address = g_strdup_printf ("127.0.0.1:%u", cr_phone_server_get_port (f->server));
  g_autofree char *head = g_strdup_printf ("GET / HTTP/1.1\r\nHost: 127.0.0.1:%u\r\nX-Slow: ",
                                           cr_phone_server_get_port (f->server));
  GSocket *socket;
  gboolean closed = FALSE;

  connection = g_socket_client_connect_to_host (client, address, 80, NULL, &error);
  g_assert_no_error (error);
  socket = g_socket_connection_get_socket (connection);
  g_assert_cmpint (g_socket_send (socket, head, strlen (head), NULL, &error), ==, (gssize) strlen (head));
  /* A byte each quarter of a second, for up to ten times the timeout. */
  for (guint i = 0; i < 40 * short_timeout.idle_timeout_s && !closed; i++)
    {
      char byte = 'a';

      if (g_socket_send (socket, &byte, 1, NULL, NULL) != 1)
        closed = TRUE;
      else if (g_socket_condition_timed_wait (socket, G_IO_IN, G_USEC_PER_SEC / 4, NULL, NULL))
        closed = g_socket_receive (socket, &byte, 1, NULL, NULL) <= 0;
    }
  g_assert_true (closed);

  /* The server goes on. */
  join (f, phone);
}

/* A phone that closes its connection once answered gives its place back:
 * else every connection a room ever opened would count towards the cap,
 * and after a thousand the server would refuse everyone. */
static CrPhoneLimits few_connections;

static void
test_connections_given_back (Fixture       *f,
                             gconstpointer  data)
{
  g_autoptr(CrTestPhone) phone = new_phone (f);
  g_autofree char *address = g_strdup_printf ("127.0.0.1:%u", cr_phone_server_get_port (f->server));
  g_autofree char *request = g_strdup_printf ("GET /api/state HTTP/1.1\r\nHost: 127.0.0.1:%u\r\n\r\n",
                                              cr_phone_server_get_port (f->server));

  for (guint i = 0; i < 3 * few_connections.max_connections; i++)
    {
      g_autoptr(GSocketClient) client = g_socket_client_new ();
      g_autoptr(GSocketConnection) connection = NULL;
      g_autoptr(GError) error = NULL;
      GSocket *socket;
      char answer[4096];
      gssize n;

      connection = g_socket_client_connect_to_host (client, address, 80, NULL, &error);
      g_assert_no_error (error);
      socket = g_socket_connection_get_socket (connection);
      g_assert_cmpint (g_socket_send (socket, request, strlen (request), NULL, &error), ==, (gssize) strlen (request));
      n = g_socket_receive (socket, answer, sizeof answer - 1, NULL, &error);
      g_assert_no_error (error);
      g_assert_cmpint (n, >, 0);
      answer[n] = '\0';
      g_assert_true (g_str_has_prefix (answer, "HTTP/1.1 403 "));
      /* The phone goes (after the server, if it closes first). */
      if (g_socket_condition_timed_wait (socket, G_IO_IN, 5 * G_USEC_PER_SEC, NULL, NULL))
        g_socket_receive (socket, answer, sizeof answer, NULL, NULL);
      g_socket_close (socket, NULL);
    }

  /* The server goes on. */
  join (f, phone);
}

/* Joins from one address, and wrong room codes from any. The limits
 * refill at no rate here, so the count is exact. */
static CrPhoneLimits strict_limits, small_batches;

static void
test_rate_limits (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(CrTestPhone) phone = new_phone (f);
  g_autofree char *body = g_strdup_printf ("{\"token\": \"%s\"}", token_of (f));
  g_autofree char *right = g_strdup_printf ("{\"code\": \"%s\"}", cr_phone_server_get_room_code (f->server));
  const char *wrong = cr_phone_server_get_room_code (f->server)[0] == 'A'
                      ? "{\"code\": \"BBBBBB\"}" : "{\"code\": \"AAAAAA\"}";
  g_autoptr(CrTestPhone) seated = new_phone (f);
  g_autoptr(CrTestPhone) third = new_phone (f);
  g_autoptr(JsonNode) answer = NULL;
  CrRound *round;

  for (guint i = 0; i < strict_limits.join_burst; i++)
    {
      cr_test_phone_set_session (phone, NULL);
      g_assert_cmpuint (cr_test_phone_request (phone, "/api/join", body, NULL, NULL), ==, 201);
    }
  cr_test_phone_set_session (phone, NULL);
  g_assert_cmpuint (cr_test_phone_request (phone, "/api/join", body, &answer, NULL), ==, 429);
  g_assert_cmpstr (cr_test_json_string (answer, "error"), ==, "too-many");
  g_assert_nonnull (cr_test_phone_get_header (phone, "Retry-After"));

  /* Wrong codes are counted for the whole server: a phone at another
   * address is refused too, and then even the right code waits. */
  for (guint i = 0; i < strict_limits.code_burst; i++)
    {
      CrTestPhone *guesser = new_phone (f);

      g_assert_cmpuint (cr_test_phone_request (guesser, "/api/join", wrong, NULL, NULL), ==, 403);
      cr_test_phone_free (guesser);
    }
  g_assert_cmpuint (cr_test_phone_request (seated, "/api/join", wrong, NULL, NULL), ==, 429);
  g_assert_cmpuint (cr_test_phone_request (seated, "/api/join", right, NULL, NULL), ==, 429);
  /* The token still works. */
  join (f, seated);

  /* Ballots from one address. */
  g_assert_cmpuint (claim (seated, f->ana, NULL), ==, 200);
  round = cr_test_open_round (f->workshop, "current");
  for (guint i = 0; i < strict_limits.ballot_burst; i++)
    {
      g_autofree char *key = g_strdup_printf ("k%u", i);

      g_assert_cmpuint (send_ballot (seated, round, key, "[{\"option\": \"hr-as-a-service\", \"value\": 1}]", NULL), ==, 200);
    }
  g_assert_cmpuint (send_ballot (seated, round, "over", "[{\"option\": \"hr-as-a-service\", \"value\": 1}]", NULL), ==, 429);
  /* Another phone is not held up by it. */
  join (f, third);
  g_assert_cmpuint (claim (third, f->ben, NULL), ==, 200);
  g_assert_cmpuint (send_ballot (third, round, "k", "[{\"option\": \"hr-as-a-service\", \"value\": 1}]", NULL), ==, 200);
}

/* A new anonymous seat is a participant added to the workshop: one phone
 * letting go of its seat and asking for a new one, again and again, would
 * fill the workshop with empty seats. It counts as a join. */
static void
test_rate_limit_new_seats (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(CrTestPhone) phone = new_phone (f);
  gint64 n_participants = cr_test_count_rows (cr_store_get_path (f->store), "participants");

  join (f, phone);
  for (guint i = 1; i < strict_limits.join_burst; i++)
    {
      g_assert_cmpuint (claim (phone, 0, NULL), ==, 200);
      g_assert_cmpuint (cr_test_phone_request (phone, "/api/release", "{}", NULL, NULL), ==, 200);
    }
  g_assert_cmpuint (claim (phone, 0, NULL), ==, 429);
  g_assert_cmpstr (cr_test_phone_get_header (phone, "Retry-After"), !=, NULL);
  g_assert_cmpint (cr_test_count_rows (cr_store_get_path (f->store), "participants"), ==,
                   n_participants + (gint64) strict_limits.join_burst - 1);
}

static void
test_token_renewed (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(CrTestPhone) joined = new_phone (f);
  g_autoptr(CrTestPhone) late = new_phone (f);
  g_autoptr(GError) error = NULL;
  g_autofree char *old_token = NULL, *old_code = NULL, *old_body = NULL, *old_code_body = NULL, *old_page = NULL;
  g_autoptr(JsonNode) state = NULL;

  join (f, joined);
  g_assert_cmpuint (claim (joined, f->ana, NULL), ==, 200);
  old_token = g_strdup (token_of (f));
  old_code = g_strdup (cr_phone_server_get_room_code (f->server));
  old_body = g_strdup_printf ("{\"token\": \"%s\"}", old_token);
  old_code_body = g_strdup_printf ("{\"code\": \"%s\"}", old_code);
  old_page = g_strdup_printf ("/j/%s", old_token);

  g_assert_true (cr_phone_server_renew_token (f->server, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (token_of (f), !=, old_token);
  g_assert_cmpstr (cr_phone_server_get_room_code (f->server), !=, old_code);

  /* The old QR code and room code no longer work. */
  g_assert_cmpuint (cr_test_phone_request (late, old_page, NULL, NULL, NULL), ==, 404);
  g_assert_cmpuint (cr_test_phone_request (late, "/api/join", old_body, NULL, NULL), ==, 404);
  g_assert_cmpuint (cr_test_phone_request (late, "/api/join", old_code_body, NULL, NULL), ==, 403);
  join (f, late);
  /* A phone that joined keeps its seat. */
  g_assert_cmpuint (cr_test_phone_request (joined, "/api/state", NULL, &state, NULL), ==, 200);
  g_assert_cmpstr (cr_test_json_string (state, "seat.name"), ==, "Ana");
  g_assert_cmpuint (cr_test_phone_request (joined, old_page, NULL, NULL, NULL), ==, 200);
}

static void
test_joining_closed_and_cap (Fixture       *f,
                             gconstpointer  data)
{
  g_autoptr(CrTestPhone) first = new_phone (f);
  g_autoptr(CrTestPhone) second = new_phone (f);
  g_autoptr(CrTestPhone) late = new_phone (f);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) answer = NULL;
  g_autofree char *body = NULL;

  join (f, first);
  join (f, second);
  g_assert_true (cr_phone_server_set_seat_cap (f->server, 1, &error));
  g_assert_cmpuint (cr_phone_server_get_seat_cap (f->server), ==, 1);
  g_assert_cmpuint (claim (first, f->ana, NULL), ==, 200);
  g_assert_cmpuint (claim (second, f->ben, &answer), ==, 403);
  g_assert_cmpstr (cr_test_json_string (answer, "error"), ==, "seats-full");
  g_assert_cmpuint (claim (second, 0, NULL), ==, 403);
  /* The holder may move within the cap. */
  g_assert_cmpuint (claim (first, f->ben, NULL), ==, 200);

  g_assert_true (cr_phone_server_set_joining (f->server, FALSE, &error));
  g_assert_false (cr_phone_server_get_joining (f->server));
  body = g_strdup_printf ("{\"token\": \"%s\"}", token_of (f));
  g_assert_cmpuint (cr_test_phone_request (late, "/", NULL, NULL, NULL), ==, 404);
  g_assert_cmpuint (cr_test_phone_request (late, "/api/join", body, NULL, NULL), ==, 404);
  /* Phones that joined go on. */
  g_assert_cmpuint (cr_test_phone_request (first, "/", NULL, NULL, NULL), ==, 200);
  g_assert_cmpuint (cr_test_phone_request (first, "/api/state", NULL, NULL, NULL), ==, 200);
  g_assert_true (cr_phone_server_set_joining (f->server, TRUE, &error));
  join (f, late);
}

/* Turned off, the server listens no more; on again, every phone's session
 * and seat are still there (they are in the library). */
static void
test_server_off (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(CrTestPhone) phone = new_phone (f);
  g_autoptr(JsonNode) state = NULL;

  join (f, phone);
  g_assert_cmpuint (claim (phone, f->chloe, NULL), ==, 200);
  cr_phone_server_stop (f->server);
  g_assert_false (cr_phone_server_get_running (f->server));
  g_assert_null (cr_phone_server_get_join_url (f->server));
  g_assert_cmpuint (cr_test_phone_request (phone, "/api/state", NULL, NULL, NULL), ==, 0);

  start_server (f);
  cr_test_phone_set_base (phone, f->base);
  g_assert_cmpuint (cr_test_phone_request (phone, "/api/state", NULL, &state, NULL), ==, 200);
  g_assert_cmpstr (cr_test_json_string (state, "seat.name"), ==, "Chloé");
}

/* Phones are told as it happens: a round opened, Reveal, and the result
 * only when the facilitator shows it. */
static void
test_events (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(CrTestPhone) phone = new_phone (f);
  g_autoptr(GError) error = NULL;
  CrTestEvents *events;
  JsonNode *state;
  CrRound *round;

  join (f, phone);
  g_assert_cmpuint (claim (phone, f->ana, NULL), ==, 200);
  events = cr_test_events_open (phone);
  state = cr_test_events_next (events);
  g_assert_cmpstr (cr_test_json_string (state, "status"), ==, "waiting");
  json_node_unref (state);

  round = cr_test_open_round (f->workshop, "current");
  state = cr_test_events_next (events);
  g_assert_cmpstr (cr_test_json_string (state, "status"), ==, "voting");
  g_assert_cmpint (cr_test_json_int (state, "round.id"), ==, cr_round_get_id (round));
  json_node_unref (state);

  g_assert_cmpuint (send_ballot (phone, round, "k", "[{\"option\": \"hr-as-a-service\", \"value\": 1}]", NULL), ==, 200);
  state = cr_test_events_next (events);
  g_assert_cmpstr (cr_test_json_string (state, "round.ballot.0.option"), ==, "hr-as-a-service");
  json_node_unref (state);

  /* Results shown on phones show nothing of a round still open. */
  cr_phone_server_set_show_results (f->server, TRUE);
  state = cr_test_events_next (events);
  g_assert_cmpstr (cr_test_json_string (state, "status"), ==, "voting");
  g_assert_true (JSON_NODE_HOLDS_NULL (cr_test_json_get (state, "round.result")));
  json_node_unref (state);
  cr_phone_server_set_show_results (f->server, FALSE);
  json_node_unref (cr_test_events_next (events));

  g_assert_true (cr_workshop_reveal_round (f->workshop, round, &error));
  state = cr_test_events_next (events);
  g_assert_cmpstr (cr_test_json_string (state, "status"), ==, "waiting");
  g_assert_false (json_node_get_boolean (cr_test_json_get (state, "round.open")));
  g_assert_true (JSON_NODE_HOLDS_NULL (cr_test_json_get (state, "round.result")));
  json_node_unref (state);

  cr_phone_server_set_show_results (f->server, TRUE);
  state = cr_test_events_next (events);
  g_assert_nonnull (cr_test_json_get (state, "round.result"));
  g_assert_false (JSON_NODE_HOLDS_NULL (cr_test_json_get (state, "round.result")));
  json_node_unref (state);

  /* The seat released, the phone is told at once. */
  g_assert_true (cr_phone_server_release_claim (f->server, f->ana, &error));
  state = cr_test_events_next (events);
  g_assert_cmpstr (cr_test_json_string (state, "status"), ==, "no-seat");
  json_node_unref (state);
  cr_test_events_close (events);
}

/* The server set to follow one question shows that question's round only. */
static void
test_question (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(CrTestPhone) phone = new_phone (f);
  g_autoptr(JsonNode) state = NULL;

  join (f, phone);
  g_assert_cmpuint (claim (phone, f->ana, NULL), ==, 200);
  cr_test_open_round (f->workshop, "current");
  cr_test_open_round (f->workshop, "target");
  cr_phone_server_set_question (f->server, "current");
  g_assert_cmpuint (cr_test_phone_request (phone, "/api/state", NULL, &state, NULL), ==, 200);
  g_assert_cmpstr (cr_test_json_string (state, "round.question"), ==, "current");
  cr_phone_server_set_question (f->server, NULL);
  g_clear_pointer (&state, json_node_unref);
  g_assert_cmpuint (cr_test_phone_request (phone, "/api/state", NULL, &state, NULL), ==, 200);
  g_assert_cmpstr (cr_test_json_string (state, "round.question"), ==, "target");
}

/* ---- SIGKILL while a room votes ------------------------------------------- */

#define KILL_PHONES 50

typedef struct _KillRoom KillRoom;

typedef struct
{
  KillRoom    *room;
  CrTestPhone *phone;
  gint64       participant;
  guint        sent;        /* ballots sent: ballot n is sent n-th */
  guint        acked;       /* the last ballot told "saved", 0 for none */
  guint        in_flight;   /* the ballot sent and not answered, 0 for none */
  gboolean     dead;
} KillPhone;

struct _KillRoom
{
  KillPhone  phones[KILL_PHONES];
  gint64     round_id;
  guint      acks;
  guint      kill_after;
  GPid       driver;
  gboolean   killed;
};

/* Ballot @n of a phone: its three dots spread a different way each time. */
static char *
kill_ballot (guint n)
{
  static const char *spreads[] = {
    "[{\"option\": \"hr-as-a-service\", \"value\": 3}]",
    "[{\"option\": \"projects-as-products\", \"value\": 2}, {\"option\": \"px-as-a-product\", \"value\": 1}]",
    "[{\"option\": \"px-as-a-product\", \"value\": 3}]",
    "[{\"option\": \"hr-as-a-service\", \"value\": 1}, {\"option\": \"projects-as-products\", \"value\": 1}, {\"option\": \"px-as-a-product\", \"value\": 1}]",
  };

  return g_strdup (spreads[n % G_N_ELEMENTS (spreads)]);
}

/* As cr_test_library_votes () reads it. */
static const char *
kill_ballot_in_library (guint n)
{
  static const char *spreads[] = {
    "hr-as-a-service/-=3",
    "projects-as-products/-=2, px-as-a-product/-=1",
    "px-as-a-product/-=3",
    "hr-as-a-service/-=1, projects-as-products/-=1, px-as-a-product/-=1",
  };

  return spreads[n % G_N_ELEMENTS (spreads)];
}

static void kill_send (KillRoom *room, KillPhone *phone);

static void
kill_answered (GObject      *source,
               GAsyncResult *result,
               gpointer      data)
{
  KillPhone *phone = data;
  KillRoom *room = phone->room;
  g_autoptr(JsonNode) answer = NULL;
  guint status;

  status = cr_test_phone_request_finish (phone->phone, result, &answer);
  if (status == 200)
    {
      g_assert_true (json_node_get_boolean (cr_test_json_get (answer, "saved")));
      phone->acked = phone->in_flight;
      phone->in_flight = 0;
      if (++room->acks == room->kill_after && !room->killed)
        {
          kill (room->driver, SIGKILL);
          room->killed = TRUE;
        }
      if (!room->killed)
        {
          kill_send (room, phone);
          return;
        }
    }
  else
    {
      /* Only a server that is gone fails to answer. */
      g_assert_cmpuint (status, ==, 0);
      g_assert_true (room->killed);
    }
  phone->dead = TRUE;
}

static void
kill_send (KillRoom  *room,
           KillPhone *phone)
{
  g_autofree char *votes = NULL, *body = NULL;
  guint n = ++phone->sent;

  votes = kill_ballot (n + (guint) (phone - room->phones));
  body = g_strdup_printf ("{\"round\": %" G_GINT64_FORMAT ", \"key\": \"b%u\", \"votes\": %s}",
                          room->round_id, n, votes);
  phone->in_flight = n;
  cr_test_phone_request_async (phone->phone, "/api/ballot", body, kill_answered, phone);
}

/* Starts the driver on @path and returns its join URL. */
static char *
start_driver (const char *path,
              gint64      workshop_id,
              GPid       *pid)
{
  g_autofree char *driver = g_test_build_filename (G_TEST_BUILT, "cr-phone-driver", NULL);
  g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, workshop_id);
  const char *argv[] = { driver, path, id, NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(GIOChannel) channel = NULL;
  g_autofree char *line = NULL;
  int out;

  g_assert_true (g_spawn_async_with_pipes (NULL, (char **) argv, NULL, G_SPAWN_DO_NOT_REAP_CHILD,
                                           NULL, NULL, pid, NULL, &out, NULL, &error));
  g_assert_no_error (error);
  channel = g_io_channel_unix_new (out);
  g_io_channel_set_close_on_unref (channel, TRUE);
  g_assert_cmpint (g_io_channel_read_line (channel, &line, NULL, NULL, &error), ==, G_IO_STATUS_NORMAL);
  g_assert_true (g_str_has_prefix (line, "url http://127.0.0.1:"));
  g_strchomp (line);
  return g_strdup (line + 4);
}

static void
reap (GPid pid)
{
  int status = 0;

  g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);
  g_spawn_close_pid (pid);
}

/* 50 phones vote, changing their ballots, while the server is killed:
 * every ballot a phone was told is saved is in the library afterwards (or
 * the one it sent after it, if that was written before the kill), and
 * after a restart every phone finds its seat and its ballot again. */
static void
test_sigkill_while_voting (void)
{
  g_autoptr(CrStore) store = cr_test_new_store ();
  g_autoptr(CrTemplate) template = NULL;
  g_autoptr(CrWorkshop) workshop = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *url = NULL, *base = NULL;
  KillRoom *room = g_new0 (KillRoom, 1);
  CrRound *round;
  gint64 workshop_id;

  template = cr_template_lookup_builtin ("people-product-models", &error);
  workshop = cr_workshop_create (store, template, "Kill", "Acme", "Maria", "2025-03-14", "People", &error);
  g_assert_no_error (error);
  for (guint i = 0; i < KILL_PHONES; i++)
    {
      g_autofree char *name = g_strdup_printf ("Person %u", i + 1);

      room->phones[i].participant = cr_test_add_participant (workshop, name);
    }
  round = cr_workshop_open_round (workshop, "target", &error);
  g_assert_no_error (error);
  room->round_id = cr_round_get_id (round);
  workshop_id = cr_workshop_get_id (workshop);
  /* The test's own connection is closed: the driver is the only writer. */
  g_clear_object (&workshop);

  url = start_driver (cr_store_get_path (store), workshop_id, &room->driver);
  base = g_strndup (url, strstr (url, "/j/") - url);
  for (guint i = 0; i < KILL_PHONES; i++)
    {
      g_autofree char *address = g_strdup_printf ("127.0.1.%u", i + 1);
      g_autofree char *join_body = g_strdup_printf ("{\"token\": \"%s\"}", strstr (url, "/j/") + 3);
      KillPhone *phone = &room->phones[i];

      phone->room = room;
      phone->phone = cr_test_phone_new (base, address);
      g_assert_cmpuint (cr_test_phone_request (phone->phone, "/api/join", join_body, NULL, NULL), ==, 201);
      g_assert_cmpuint (claim (phone->phone, phone->participant, NULL), ==, 200);
    }

  /* Each phone sends its next ballot as soon as the last one is saved; the
   * server is killed somewhere in the second to fourth ballot of each. */
  room->kill_after = KILL_PHONES + (guint) g_test_rand_int_range (KILL_PHONES, 3 * KILL_PHONES);
  for (guint i = 0; i < KILL_PHONES; i++)
    kill_send (room, &room->phones[i]);
  for (;;)
    {
      guint dead = 0;

      for (guint i = 0; i < KILL_PHONES; i++)
        dead += room->phones[i].dead;
      if (dead == KILL_PHONES)
        break;
      g_main_context_iteration (NULL, TRUE);
    }
  reap (room->driver);
  g_test_message ("killed after %u ballots saved", room->acks);

  {
    sqlite3 *db = NULL;
    sqlite3_stmt *stmt = NULL;

    g_assert_cmpint (sqlite3_open (cr_store_get_path (store), &db), ==, SQLITE_OK);
    g_assert_cmpint (sqlite3_prepare_v2 (db, "PRAGMA integrity_check", -1, &stmt, NULL), ==, SQLITE_OK);
    g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
    g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 0), ==, "ok");
    sqlite3_finalize (stmt);
    sqlite3_close (db);

    for (guint i = 0; i < KILL_PHONES; i++)
      {
        KillPhone *phone = &room->phones[i];
        g_autofree char *votes = cr_test_library_votes (cr_store_get_path (store), room->round_id, phone->participant);
        guint offset = i;

        const char *saved = phone->acked ? kill_ballot_in_library (phone->acked + offset) : "";

        if (g_strcmp0 (votes, saved) != 0)
          {
            /* Written, and killed before the phone heard it. */
            g_assert_cmpuint (phone->in_flight, !=, 0);
            g_assert_cmpstr (votes, ==, kill_ballot_in_library (phone->in_flight + offset));
          }
      }
  }

  /* Back again, on another port: every phone resyncs to its seat and the
   * ballot the library holds. */
  g_free (url);
  g_free (base);
  url = start_driver (cr_store_get_path (store), workshop_id, &room->driver);
  base = g_strndup (url, strstr (url, "/j/") - url);
  for (guint i = 0; i < KILL_PHONES; i++)
    {
      KillPhone *phone = &room->phones[i];
      g_autoptr(JsonNode) state = NULL;
      g_autofree char *votes = cr_test_library_votes (cr_store_get_path (store), room->round_id, phone->participant);
      GString *told = g_string_new (NULL);
      JsonNode *ballot;

      cr_test_phone_set_base (phone->phone, base);
      g_assert_cmpuint (cr_test_phone_request (phone->phone, "/api/state", NULL, &state, NULL), ==, 200);
      g_assert_cmpint (cr_test_json_int (state, "seat.participant"), ==, phone->participant);
      g_assert_cmpstr (cr_test_json_string (state, "status"), ==, "voting");
      ballot = cr_test_json_get (state, "round.ballot");
      for (guint v = 0; v < json_array_get_length (json_node_get_array (ballot)); v++)
        {
          JsonObject *vote = json_array_get_object_element (json_node_get_array (ballot), v);

          g_string_append_printf (told, "%s%s/-=%" G_GINT64_FORMAT, told->len ? ", " : "",
                                  json_object_get_string_member (vote, "option"),
                                  json_object_get_int_member (vote, "value"));
        }
      g_assert_cmpstr (told->str, ==, votes);
      g_string_free (told, TRUE);
      cr_test_phone_free (phone->phone);
    }
  kill (room->driver, SIGTERM);
  reap (room->driver);
  g_free (room);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  cr_test_phones_setup ();

  cr_phone_limits_init (&strict_limits);
  strict_limits.join_burst = 3;
  strict_limits.join_per_second = 0;
  strict_limits.code_burst = 4;
  strict_limits.code_per_second = 0;
  strict_limits.ballot_burst = 5;
  strict_limits.ballot_per_second = 0;

  /* Writes left over for the next commit, whatever the timing. */
  cr_phone_limits_init (&short_timeout);
  short_timeout.idle_timeout_s = 1;
  cr_phone_limits_init (&few_connections);
  few_connections.max_connections = 3;
  cr_phone_limits_init (&small_batches);
  small_batches.max_batch = 2;

#define ADD(path, func, data) \
  g_test_add ("/phones/" path, Fixture, data, fixture_set_up, func, fixture_tear_down)
  ADD ("join/claim", test_join_and_claim, NULL);
  ADD ("join/code", test_join_by_code, NULL);
  ADD ("join/room-at-once", test_join_room_at_once, NULL);
  ADD ("join/room-at-once-small-commits", test_join_room_at_once, &small_batches);
  ADD ("strings", test_strings, NULL);
  ADD ("vote/each-kind", test_vote_each_kind, NULL);
  ADD ("vote/change-and-resend", test_vote_change_and_resend, NULL);
  ADD ("vote/refused", test_vote_refused, NULL);
  ADD ("vote/timing", test_vote_timing, NULL);
  ADD ("vote/seat-taken-over", test_vote_seat_taken_over, NULL);
  ADD ("vote/hands-count-once", test_vote_hands_count_once, NULL);
  ADD ("refused/wrong-token", test_wrong_token, NULL);
  ADD ("refused/wrong-origin", test_wrong_origin, NULL);
  ADD ("refused/oversized-body", test_oversized_body, NULL);
  ADD ("refused/oversized-get", test_oversized_get, NULL);
  ADD ("refused/slow-request", test_slow_request, &short_timeout);
  ADD ("connections-given-back", test_connections_given_back, &few_connections);
  ADD ("refused/rate-limits", test_rate_limits, &strict_limits);
  ADD ("refused/rate-limit-new-seats", test_rate_limit_new_seats, &strict_limits);
  ADD ("token-renewed", test_token_renewed, NULL);
  ADD ("joining-closed-and-cap", test_joining_closed_and_cap, NULL);
  ADD ("server-off", test_server_off, NULL);
  ADD ("events", test_events, NULL);
  ADD ("question", test_question, NULL);
#undef ADD
  g_test_add_func ("/phones/sigkill-while-voting", test_sigkill_while_voting);
  return g_test_run ();
}
