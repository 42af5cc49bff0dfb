/* test-phone-page.c: the phone page in a real browser
 *
 * A real library in a temporary folder, the built-in template, the phone
 * server as the window runs it on 127.0.0.1 (CROSSROADS_PHONES_TEST_LOOPBACK),
 * and tests/phone-browser.py: Debian's chromium, headless, at 390×844,
 * driven through chromium-driver. The browser opens the join address the
 * QR code encodes and votes on the page; the test opens the rounds through
 * the core when the browser asks, and checks what the library holds.
 * CROSSROADS_PHONE_SHOTS=DIR keeps screenshots of every view, light and dark.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "cr-phone-server.h"
#include "cr-test-util.h"
#include "cr-workshop.h"

typedef struct
{
  CrStore          *store;
  CrWorkshop       *workshop;     /* the window's */
  CrPhoneServer    *server;
  gint64            ana, ben, chloe;
  GHashTable       *rounds;       /* question id -> CrRound* (the workshop's) */
  GSubprocess      *browser;
  GDataInputStream *from_browser;
  GOutputStream    *to_browser;
} Fixture;

static char *
browser_python (void)
{
  /* Debian's python3, where python3-selenium is installed. */
  if (g_file_test ("/usr/bin/python3", G_FILE_TEST_IS_EXECUTABLE))
    return g_strdup ("/usr/bin/python3");
  return g_find_program_in_path ("python3");
}

/* Whether this machine has what the test drives: build-aux/install-deps
 * installs chromium, chromium-driver and python3-selenium. */
static gboolean
browser_missing (void)
{
  g_autofree char *python = browser_python ();
  g_autofree char *chromium = g_find_program_in_path ("chromium");
  g_autofree char *driver = g_find_program_in_path ("chromedriver");
  const char *argv[] = { python, "-c", "import selenium", NULL };
  int status = -1;

  if (python == NULL || chromium == NULL || driver == NULL)
    return TRUE;
  if (!g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL,
                     NULL, NULL, &status, NULL))
    return TRUE;
  return !g_spawn_check_wait_status (status, NULL);
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->store = cr_test_new_store ();
  f->workshop = cr_test_new_phone_workshop (f->store, &f->ana, &f->ben, &f->chloe);
  f->rounds = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  f->server = cr_phone_server_new (f->workshop);
  cr_phone_server_set_address (f->server, "127.0.0.1");
  cr_phone_server_set_preferred_port (f->server, 0);
  g_assert_true (cr_phone_server_start (f->server, &error));
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  if (f->browser != NULL)
    {
      g_subprocess_force_exit (f->browser);
      g_subprocess_wait (f->browser, NULL, NULL);
    }
  g_clear_object (&f->from_browser);
  g_clear_object (&f->browser);
  cr_phone_server_stop (f->server);
  g_assert_finalize_object (f->server);
  g_clear_pointer (&f->rounds, g_hash_table_unref);
  g_clear_object (&f->workshop);
  g_clear_object (&f->store);
}

static void
start_browser (Fixture    *f,
               const char *script)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *python = browser_python ();
  g_autofree char *driver = g_test_build_filename (G_TEST_DIST, "phone-browser.py", NULL);
  const char *shots = g_getenv ("CROSSROADS_PHONE_SHOTS");
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();

  g_ptr_array_add (argv, python);
  g_ptr_array_add (argv, driver);
  g_ptr_array_add (argv, (char *) cr_phone_server_get_join_url (f->server));
  g_ptr_array_add (argv, "--script");
  g_ptr_array_add (argv, (char *) script);
  if (shots != NULL && *shots != '\0')
    {
      g_ptr_array_add (argv, "--shots");
      g_ptr_array_add (argv, (char *) shots);
    }
  g_ptr_array_add (argv, NULL);

  /* The browser's stderr goes to the test's log as it comes. */
  f->browser = g_subprocess_newv ((const char * const *) argv->pdata,
                                  G_SUBPROCESS_FLAGS_STDIN_PIPE | G_SUBPROCESS_FLAGS_STDOUT_PIPE,
                                  &error);
  g_assert_no_error (error);
  f->from_browser = g_data_input_stream_new (g_subprocess_get_stdout_pipe (f->browser));
  f->to_browser = g_subprocess_get_stdin_pipe (f->browser);
}

static void
line_read (GObject      *source,
           GAsyncResult *result,
           gpointer      data)
{
  char **line = data;
  g_autoptr(GError) error = NULL;

  *line = g_data_input_stream_read_line_finish_utf8 (G_DATA_INPUT_STREAM (source), result, NULL, &error);
  g_assert_no_error (error);
  if (*line == NULL)
    *line = g_strdup ("");   /* the browser ended */
}

/* The browser's next line, while the window's main context goes on (the
 * server tells it of saved ballots). */
static char *
next_line (Fixture *f)
{
  char *line = NULL;

  g_data_input_stream_read_line_async (f->from_browser, G_PRIORITY_DEFAULT, NULL, line_read, &line);
  while (line == NULL)
    g_main_context_iteration (NULL, TRUE);
  return line;
}

static void
answer (Fixture *f)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (g_output_stream_write_all (f->to_browser, "ok\n", 3, NULL, NULL, &error));
  g_assert_true (g_output_stream_flush (f->to_browser, NULL, &error));
  g_assert_no_error (error);
}

/* Does what the browser asks until it is done. */
static void
serve_browser (Fixture *f)
{
  for (;;)
    {
      g_autofree char *line = next_line (f);
      g_autoptr(GError) error = NULL;

      if (g_str_has_prefix (line, "open "))
        {
          g_hash_table_insert (f->rounds, g_strdup (line + 5), cr_test_open_round (f->workshop, line + 5));
          answer (f);
        }
      else if (g_strcmp0 (line, "restart") == 0)
        {
          guint port = cr_phone_server_get_port (f->server);

          cr_phone_server_stop (f->server);
          cr_phone_server_set_preferred_port (f->server, port);
          g_assert_true (cr_phone_server_start (f->server, &error));
          g_assert_no_error (error);
          g_assert_cmpuint (cr_phone_server_get_port (f->server), ==, port);
          answer (f);
        }
      else if (g_str_has_prefix (line, "reveal "))
        {
          CrRound *round = g_hash_table_lookup (f->rounds, line + 7);

          g_assert_nonnull (round);
          cr_phone_server_set_show_results (f->server, TRUE);
          g_assert_true (cr_workshop_reveal_round (f->workshop, round, &error));
          g_assert_no_error (error);
          answer (f);
        }
      else
        {
          g_assert_cmpstr (line, ==, "done");
          break;
        }
    }
  g_assert_true (g_subprocess_wait_check (f->browser, NULL, NULL));
}

static char *
votes_of (Fixture    *f,
          const char *question,
          gint64      participant_id)
{
  CrRound *round = g_hash_table_lookup (f->rounds, question);

  g_assert_nonnull (round);
  return cr_test_library_votes (cr_store_get_path (f->store), cr_round_get_id (round), participant_id);
}

/* One phone joins by the QR code's address, takes Ben's seat and votes in
 * the three kinds of question, changing its first ballot. */
static void
test_vote_in_browser (Fixture       *f,
                      gconstpointer  data)
{
  g_autofree char *single = NULL, *dots = NULL, *score = NULL;

  if (browser_missing ())
    {
      g_test_skip ("chromium, chromium-driver or python3-selenium is missing (build-aux/install-deps)");
      return;
    }
  start_browser (f, "full");
  serve_browser (f);

  g_assert_true (cr_phone_server_is_claimed (f->server, f->ben));
  single = votes_of (f, "current", f->ben);
  g_assert_cmpstr (single, ==, "hr-as-a-service/-=1");
  dots = votes_of (f, "target", f->ben);
  g_assert_cmpstr (dots, ==, "projects-as-products/-=2, px-as-a-product/-=1");
  score = votes_of (f, "fit", f->ben);
  g_assert_cmpstr (score, ==,
                   "hr-as-a-service/user-centricity=4, hr-as-a-service/strategic-impact=4, "
                   "hr-as-a-service/speed=4, hr-as-a-service/feasibility=4, "
                   "hr-as-a-service/cost-of-change=4, projects-as-products/user-centricity=2");
  /* Nobody else voted. */
  g_assert_cmpint (cr_test_count_rows (cr_store_get_path (f->store), "votes"), ==, 1 + 2 + 6);
}

/* A phone whose language is German gets the page in German, with the
 * laptop in English. */
static void
test_german_phone (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *single = NULL;

  if (browser_missing ())
    {
      g_test_skip ("chromium, chromium-driver or python3-selenium is missing (build-aux/install-deps)");
      return;
    }
  start_browser (f, "german");
  serve_browser (f);
  single = votes_of (f, "current", f->ana);
  g_assert_cmpstr (single, ==, "px-as-a-product/-=1");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  cr_test_phones_setup ();

  g_test_add ("/phone-page/vote", Fixture, NULL, fixture_set_up, test_vote_in_browser, fixture_tear_down);
  g_test_add ("/phone-page/german", Fixture, NULL, fixture_set_up, test_german_phone, fixture_tear_down);
  return g_test_run ();
}
