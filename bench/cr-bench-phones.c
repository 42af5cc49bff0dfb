/* cr-bench-phones.c: a room votes from its phones while the window draws
 *
 *   cr-bench-phones [--phones N] [--connects N] [--floor N] [--dir DIR] [--in-main-context]
 *
 * One run, in one process: the window (a real GTK window that draws every
 * frame and shows "N of M voted", kept up to date on "ballot-saved" as the
 * vote step does) and the phone server as it ships, in its thread, on
 * 127.0.0.1 (CROSSROADS_PHONES_TEST_LOOPBACK=1). The phones are
 * bench/cr-bench-phone-clients, a process of its own (so their work is not
 * counted in this one's frames or memory): N phones (200) join, claim a
 * seat each and vote at once, then N connections (400) at once, then the
 * window reveals the round and the phones' event streams say when it
 * reached them. The SQLite floor (bench/cr-bench-floor.c: one INSERT +
 * COMMIT, WAL, synchronous=FULL) commits in the same folder --floor times
 * (200) before the load, and once every 5 ms in a thread while the phones
 * vote: the server's commits are compared with the latter, the disk as
 * they find it. --in-main-context runs the server in the window's main
 * context instead of its thread, for the comparison in src/phones/README.md.
 *
 * Prints "= NAME VALUE" lines for bench/run, then a table of the figures
 * against the targets of issue 15. Exits 1 when a count is wrong (a
 * phone's error, ballots stored in the library file, connections, phones
 * the Reveal did not reach); timings never fail it. The test suite runs a
 * short form (tests/meson.build: 50 phones, 100 connections).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "crossroads-bench"

#include "config.h"

#include <adwaita.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>

#include "cr-ballot.h"
#include "cr-bench-floor.h"
#include "cr-phone-server-private.h"
#include "cr-store.h"
#include "cr-workshop.h"

/* Frames the window draws before the load starts: it is up and steady. */
#define SETTLE_FRAMES 30

typedef struct
{
  guint          n_phones;
  guint          n_connects;
  GMainLoop     *loop;
  CrWorkshop    *workshop;
  CrRound       *round;
  CrPhoneServer *server;
  GtkWidget     *window;
  GtkWidget     *voted;          /* "N of M voted" */
  GtkWidget     *canvas;         /* drawn every frame */

  guint          frames;
  gint64         last_tick;
  gboolean       loading;
  gint64         longest_frame;  /* µs between two ticks during the load */
  guint          load_frames;

  GSubprocess      *clients;
  GDataInputStream *lines;
  GHashTable       *samples;     /* name -> GArray of gint64 */
  gint64            reveal_at;
  guint             ballots_saved;
  long              rss_before_kb;

  /* The SQLite floor during the load, in a thread of its own. */
  GThread          *floor_thread;
  char             *floor_path;
  gint              voting;      /* atomic: the phones are still voting */
  GArray           *floor_load;
} Bench;

static void
die (const char   *doing,
     const GError *error)
{
  g_printerr ("cr-bench-phones: %s: %s\n", doing, error ? error->message : "failed");
  exit (2);
}

static long
read_rss_kb (void)
{
  g_autofree char *status = NULL;
  const char *line;

  if (!g_file_get_contents ("/proc/self/status", &status, NULL, NULL) ||
      (line = strstr (status, "VmRSS:")) == NULL)
    return 0;
  return strtol (line + strlen ("VmRSS:"), NULL, 10);
}

static GArray *
samples_of (Bench      *bench,
            const char *name)
{
  GArray *samples = g_hash_table_lookup (bench->samples, name);

  if (samples == NULL)
    {
      samples = g_array_new (FALSE, FALSE, sizeof (gint64));
      g_hash_table_insert (bench->samples, g_strdup (name), samples);
    }
  return samples;
}

static int
compare_int64 (gconstpointer a,
               gconstpointer b)
{
  gint64 x = *(const gint64 *) a, y = *(const gint64 *) b;

  return (x > y) - (x < y);
}

/* The @p percentile of @samples in milliseconds (nearest rank), or -1 without any. */
static double
percentile_ms (GArray *samples,
               double  p)
{
  guint i;

  if (samples == NULL || samples->len == 0)
    return -1;
  g_array_sort (samples, compare_int64);
  i = (guint) (p / 100 * (samples->len - 1) + 0.5);
  return g_array_index (samples, gint64, MIN (i, samples->len - 1)) / 1000.0;
}

static gint64
count_of (Bench      *bench,
          const char *name)
{
  GArray *samples = g_hash_table_lookup (bench->samples, name);

  return samples && samples->len > 0 ? g_array_index (samples, gint64, samples->len - 1) : -1;
}

/* ---- The window ------------------------------------------------------------- */

static void
update_voted (Bench *bench)
{
  CrTemplate *template = cr_workshop_get_template (bench->workshop);
  const CrQuestion *question = cr_template_find_question (template, cr_round_get_question (bench->round));
  g_autoptr(CrBallotState) state = cr_ballot_state_compute (template, question, bench->round,
                                                            cr_workshop_get_participants (bench->workshop));
  g_autofree char *text = g_strdup_printf ("%u of %u voted", state->n_voted, state->n_seats);

  gtk_label_set_text (GTK_LABEL (bench->voted), text);
}

static void
on_ballot_saved (CrPhoneServer *server,
                 gint64         round_id,
                 gint64         participant_id,
                 Bench         *bench)
{
  bench->ballots_saved++;
  update_voted (bench);
}

static void
draw_canvas (GtkDrawingArea *area,
             cairo_t        *cr,
             int             width,
             int             height,
             gpointer        data)
{
  Bench *bench = data;
  double x = (bench->frames % 120) / 120.0 * width;

  cairo_set_source_rgb (cr, 0.2, 0.4, 0.8);
  cairo_rectangle (cr, x, 0, width / 10.0, height);
  cairo_fill (cr);
}

static gboolean
on_tick (GtkWidget     *widget,
         GdkFrameClock *clock,
         gpointer       data)
{
  Bench *bench = data;
  gint64 now = g_get_monotonic_time ();

  if (bench->loading && bench->last_tick > 0)
    {
      bench->longest_frame = MAX (bench->longest_frame, now - bench->last_tick);
      bench->load_frames++;
    }
  bench->last_tick = now;
  bench->frames++;
  gtk_widget_queue_draw (bench->canvas);
  if (bench->frames == SETTLE_FRAMES)
    g_main_loop_quit (bench->loop);
  return G_SOURCE_CONTINUE;
}

static void
make_window (Bench *bench)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);

  bench->window = adw_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (bench->window), 1024, 640);
  bench->voted = gtk_label_new (NULL);
  gtk_widget_add_css_class (bench->voted, "title-1");
  bench->canvas = gtk_drawing_area_new ();
  gtk_widget_set_vexpand (bench->canvas, TRUE);
  gtk_drawing_area_set_draw_func (GTK_DRAWING_AREA (bench->canvas), draw_canvas, bench, NULL);
  gtk_box_append (GTK_BOX (box), bench->voted);
  gtk_box_append (GTK_BOX (box), bench->canvas);
  adw_window_set_content (ADW_WINDOW (bench->window), box);
  update_voted (bench);
  gtk_widget_add_tick_callback (bench->canvas, on_tick, bench, NULL);
  gtk_window_present (GTK_WINDOW (bench->window));
}

/* ---- The phones ------------------------------------------------------------- */

static void read_line (Bench *bench);

static void
reveal (Bench *bench)
{
  g_autoptr(GError) error = NULL;

  bench->reveal_at = g_get_monotonic_time ();
  if (!cr_workshop_reveal_round (bench->workshop, bench->round, &error))
    die ("revealing the round", error);
}

static void
got_line (GObject      *source,
          GAsyncResult *result,
          gpointer      data)
{
  Bench *bench = data;
  g_autoptr(GError) error = NULL;
  g_autofree char *line = g_data_input_stream_read_line_finish_utf8 (G_DATA_INPUT_STREAM (source), result, NULL, &error);
  char *space;

  if (line == NULL)
    {
      g_main_loop_quit (bench->loop);
      return;
    }
  if (strcmp (line, "ready") == 0)
    reveal (bench);
  else if ((space = strchr (line, ' ')) != NULL)
    {
      gint64 value = g_ascii_strtoll (space + 1, NULL, 10);

      *space = '\0';
      if (strcmp (line, "saved") == 0)
        g_atomic_int_set (&bench->voting, FALSE);
      if (strcmp (line, "reveal-at") == 0)
        g_array_append_val (samples_of (bench, "reveal"), (gint64) { value - bench->reveal_at });
      else
        g_array_append_val (samples_of (bench, line), value);
    }
  read_line (bench);
}

static void
read_line (Bench *bench)
{
  g_data_input_stream_read_line_async (bench->lines, G_PRIORITY_DEFAULT, NULL, got_line, bench);
}

static void
start_clients (Bench      *bench,
               const char *clients_exe)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) seats = g_string_new (NULL);
  GListModel *participants = cr_workshop_get_participants (bench->workshop);
  g_autofree char *phones = g_strdup_printf ("%u", bench->n_phones);
  g_autofree char *connects = g_strdup_printf ("%u", bench->n_connects);
  g_autofree char *base = g_strdup_printf ("http://127.0.0.1:%u", cr_phone_server_get_port (bench->server));
  const char *token = strstr (cr_phone_server_get_join_url (bench->server), "/j/") + 3;

  for (guint i = 0; i < g_list_model_get_n_items (participants); i++)
    {
      g_autoptr(CrParticipant) participant = g_list_model_get_item (participants, i);

      g_string_append_printf (seats, "%s%" G_GINT64_FORMAT, i ? "," : "", cr_participant_get_id (participant));
    }
  bench->clients = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE, &error, clients_exe,
                                     base, token, phones, connects, seats->str, NULL);
  if (bench->clients == NULL)
    die ("starting the phones", error);
  bench->lines = g_data_input_stream_new (g_subprocess_get_stdout_pipe (bench->clients));
  read_line (bench);
}

/* ---- The library ------------------------------------------------------------ */

static CrWorkshop *
make_workshop (CrStore *store,
               guint    n_participants)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CrTemplate) template = cr_template_lookup_builtin ("people-product-models", &error);
  CrWorkshop *workshop;

  if (template == NULL)
    die ("the built-in template", error);
  workshop = cr_workshop_create (store, template, "Operating model", "Contoso", "Sam",
                                 "2026-12-07", "People", &error);
  if (workshop == NULL)
    die ("creating the workshop", error);
  for (guint i = 0; i < n_participants; i++)
    {
      g_autofree char *name = g_strdup_printf ("Participant %u", i + 1);
      CrParticipant *participant = cr_workshop_add_participant (workshop, name, "Team", &error);

      if (participant == NULL)
        die ("adding a participant", error);
    }
  return workshop;
}

/* Ballots of the round in the library file, read through a connection of
 * our own: what is on disk, not what any copy in memory says. */
static gint64
count_stored (const char *path,
              gint64      round_id)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  gint64 n = -1;

  if (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL) == SQLITE_OK &&
      sqlite3_prepare_v2 (db, "SELECT COUNT(DISTINCT participant_id) FROM votes WHERE round_id = ?",
                          -1, &stmt, NULL) == SQLITE_OK)
    {
      sqlite3_bind_int64 (stmt, 1, round_id);
      if (sqlite3_step (stmt) == SQLITE_ROW)
        n = sqlite3_column_int64 (stmt, 0);
    }
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return n;
}

static GArray *
measure_floor (const char *dir,
               guint       n)
{
  g_autofree char *path = g_build_filename (dir, "floor.db", NULL);
  GArray *samples = g_array_new (FALSE, FALSE, sizeof (gint64));
  CrBenchFloor *floor = cr_bench_floor_open (path);

  for (guint i = 0; i < n; i++)
    {
      gint64 us = cr_bench_floor_commit (floor, i);

      g_array_append_val (samples, us);
    }
  cr_bench_floor_close (floor);
  return samples;
}

/* The library, its journal and backups, and the floor's file. */
/* One commit of the floor every FLOOR_PACE_US while the phones vote: the
 * disk as the server's commits find it, without hogging it. */
#define FLOOR_PACE_US 5000

static gpointer
floor_during_load (gpointer data)
{
  Bench *bench = data;
  CrBenchFloor *floor = cr_bench_floor_open (bench->floor_path);

  for (guint i = 0; g_atomic_int_get (&bench->voting) && i < 10000; i++)
    {
      gint64 us = cr_bench_floor_commit (floor, i);

      g_array_append_val (bench->floor_load, us);
      if (us < FLOOR_PACE_US)
        g_usleep (FLOOR_PACE_US - us);
    }
  cr_bench_floor_close (floor);
  return NULL;
}

static void
remove_tree (GFile *file)
{
  g_autoptr(GFileEnumerator) children = g_file_enumerate_children (file, G_FILE_ATTRIBUTE_STANDARD_NAME,
                                                                   G_FILE_QUERY_INFO_NOFOLLOW_SYMLINKS, NULL, NULL);
  GFile *child;

  while (children != NULL && g_file_enumerator_iterate (children, NULL, &child, NULL, NULL) && child != NULL)
    remove_tree (child);
  g_file_delete (file, NULL, NULL);
}

/* ---- The table -------------------------------------------------------------- */

static gboolean counts_ok = TRUE;

static void
figure (const char *key,
        double      value)
{
  printf ("= %s %.3f\n", key, value);
}

static void
row (const char *what,
     double      value,
     const char *unit,
     const char *target,
     gboolean    met,
     gboolean    is_count)
{
  g_autofree char *text = g_strcmp0 (unit, "") == 0 ? g_strdup_printf ("%.0f", value)
                          : g_strdup_printf ("%.1f %s", value, unit);

  printf ("| %-58s | %12s | %-10s | %-4s |\n", what, text, target, met ? "yes" : is_count ? "FAIL" : "no");
  if (is_count && !met)
    counts_ok = FALSE;
}

int
main (int   argc,
      char *argv[])
{
  Bench bench = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(GOptionContext) options = g_option_context_new ("- a room votes from its phones while the window draws");
  int n_phones = 200, n_connects = 400, n_floor = 200;
  gboolean in_main_context = FALSE;
  g_autofree char *dir_arg = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *db_path = NULL;
  g_autofree char *exe_dir = NULL;
  g_autofree char *clients_exe = NULL;
  g_autoptr(CrStore) store = NULL;
  g_autoptr(GArray) floor_samples = NULL;
  g_autoptr(GArray) server_samples = NULL;
  GOptionEntry entries[] = {
    { "phones", 0, 0, G_OPTION_ARG_INT, &n_phones, "Phones that join and vote (200)", "N" },
    { "connects", 0, 0, G_OPTION_ARG_INT, &n_connects, "Connections at once (400)", "N" },
    { "floor", 0, 0, G_OPTION_ARG_INT, &n_floor, "Commits of the SQLite floor (200)", "N" },
    { "dir", 0, 0, G_OPTION_ARG_FILENAME, &dir_arg, "Folder for the library (default: a new one in /var/tmp)", "DIR" },
    { "in-main-context", 0, 0, G_OPTION_ARG_NONE, &in_main_context, "The server in the window's main context, not its thread", NULL },
    { NULL }
  };
  double server_p99, floor_p99, client_p99, ballot_p99, reveal_p99, span_ms, longest_ms, growth_mb;
  gint64 stored, errors, connects_ok, missing;

  g_option_context_add_main_entries (options, entries, NULL);
  if (!g_option_context_parse (options, &argc, &argv, &error) || n_phones < 1 || n_connects < 0 || n_floor < 1)
    {
      g_printerr ("cr-bench-phones: %s\n", error ? error->message : "bad numbers");
      return 2;
    }
  bench.n_phones = (guint) n_phones;
  bench.n_connects = (guint) n_connects;

  /* The loopback network is allowed only to tests and the benchmark. */
  g_setenv ("CROSSROADS_PHONES_TEST_LOOPBACK", "1", TRUE);
  exe_dir = g_path_get_dirname (argv[0]);
  clients_exe = g_build_filename (exe_dir, "cr-bench-phone-clients", NULL);
  /* On disk, not in a tmpfs: a durable commit has to reach a real disk. */
  if (dir_arg != NULL)
    dir = g_strdup (dir_arg);
  else
    {
      dir = g_build_filename (g_file_test ("/var/tmp", G_FILE_TEST_IS_DIR) ? "/var/tmp" : g_get_tmp_dir (),
                              "crossroads-phones-XXXXXX", NULL);
      if (g_mkdtemp (dir) == NULL)
        die ("making a folder", NULL);
    }
  db_path = g_build_filename (dir, "library.db", NULL);

  adw_init ();
  bench.samples = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) g_array_unref);
  bench.loop = g_main_loop_new (NULL, FALSE);

  store = cr_store_open (db_path, &error);
  if (store == NULL)
    die ("opening the library", error);
  bench.workshop = make_workshop (store, bench.n_phones);
  bench.round = cr_workshop_open_round (bench.workshop, "current", &error);
  if (bench.round == NULL)
    die ("opening a round", error);

  floor_samples = measure_floor (dir, (guint) n_floor);

  bench.server = cr_phone_server_new (bench.workshop);
  cr_phone_server_set_address (bench.server, "127.0.0.1");
  cr_phone_server_set_preferred_port (bench.server, 0);
  _cr_phone_server_set_threaded (bench.server, !in_main_context);
  g_signal_connect (bench.server, "ballot-saved", G_CALLBACK (on_ballot_saved), &bench);
  if (!cr_phone_server_start (bench.server, &error))
    die ("starting the phone server", error);

  make_window (&bench);
  g_main_loop_run (bench.loop);   /* until the window has drawn SETTLE_FRAMES */

  bench.rss_before_kb = read_rss_kb ();
  bench.loading = TRUE;
  /* The server times ballots from its first take on. */
  g_array_unref (_cr_phone_server_take_latencies (bench.server));
  bench.floor_path = g_build_filename (dir, "floor-load.db", NULL);
  bench.floor_load = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_atomic_int_set (&bench.voting, TRUE);
  bench.floor_thread = g_thread_new ("floor", floor_during_load, &bench);
  start_clients (&bench, clients_exe);
  g_main_loop_run (bench.loop);   /* until the phones are done */
  if (!g_subprocess_wait_check (bench.clients, NULL, &error))
    die ("the phones", error);
  g_atomic_int_set (&bench.voting, FALSE);
  g_thread_join (bench.floor_thread);
  /* Whatever the server still had to tell the window. */
  while (g_main_context_iteration (NULL, FALSE))
    ;
  bench.loading = FALSE;
  growth_mb = (read_rss_kb () - bench.rss_before_kb) / 1024.0;
  server_samples = _cr_phone_server_take_latencies (bench.server);

  cr_phone_server_stop (bench.server);
  g_clear_object (&bench.server);
  stored = count_stored (db_path, cr_round_get_id (bench.round));

  {
    GArray *clients = samples_of (&bench, "client");
    const char *kinds[] = { "join", "claim", "ballot" };

    for (guint k = 0; k < G_N_ELEMENTS (kinds); k++)
      {
        GArray *some = samples_of (&bench, kinds[k]);

        g_array_append_vals (clients, some->data, some->len);
      }
    client_p99 = percentile_ms (clients, 99);
  }
  server_p99 = percentile_ms (server_samples, 99);
  floor_p99 = percentile_ms (bench.floor_load, 99);
  ballot_p99 = percentile_ms (samples_of (&bench, "ballot"), 99);
  reveal_p99 = percentile_ms (samples_of (&bench, "reveal"), 99);
  span_ms = count_of (&bench, "vote-span") / 1000.0;
  longest_ms = bench.longest_frame / 1000.0;
  errors = count_of (&bench, "errors");
  connects_ok = count_of (&bench, "connects-ok");
  missing = count_of (&bench, "reveal-missing");

  figure ("errors", errors);
  figure ("stored", stored);
  figure ("vote-span-ms", span_ms);
  figure ("server-p50-ms", percentile_ms (server_samples, 50));
  figure ("server-p99-ms", server_p99);
  figure ("quiet-floor-p50-ms", percentile_ms (floor_samples, 50));
  figure ("quiet-floor-p99-ms", percentile_ms (floor_samples, 99));
  figure ("floor-p50-ms", percentile_ms (bench.floor_load, 50));
  figure ("floor-p99-ms", floor_p99);
  figure ("floor-commits", bench.floor_load->len);
  figure ("client-p50-ms", percentile_ms (samples_of (&bench, "client"), 50));
  figure ("client-p99-ms", client_p99);
  figure ("join-p99-ms", percentile_ms (samples_of (&bench, "join"), 99));
  figure ("claim-p99-ms", percentile_ms (samples_of (&bench, "claim"), 99));
  figure ("ballot-p50-ms", percentile_ms (samples_of (&bench, "ballot"), 50));
  figure ("ballot-p99-ms", ballot_p99);
  figure ("connects-ok", connects_ok);
  figure ("reveal-missing", missing);
  figure ("reveal-p50-ms", percentile_ms (samples_of (&bench, "reveal"), 50));
  figure ("reveal-p99-ms", reveal_p99);
  figure ("longest-frame-ms", longest_ms);
  figure ("frames", bench.load_frames);
  figure ("rss-growth-mb", growth_mb);
  {
    struct rusage self, children;

    /* Where the CPU went: this process (window and server) and the phones'. */
    getrusage (RUSAGE_SELF, &self);
    getrusage (RUSAGE_CHILDREN, &children);
    figure ("cpu-window-server-ms", (self.ru_utime.tv_sec + self.ru_stime.tv_sec) * 1000.0 +
                                    (self.ru_utime.tv_usec + self.ru_stime.tv_usec) / 1000.0);
    figure ("cpu-phones-ms", (children.ru_utime.tv_sec + children.ru_stime.tv_sec) * 1000.0 +
                             (children.ru_utime.tv_usec + children.ru_stime.tv_usec) / 1000.0);
  }

  printf ("\n%u phones, %u connections at once; the server in %s\n\n", bench.n_phones, bench.n_connects,
          in_main_context ? "the window's main context" : "its thread");
  printf ("| %-58s | %12s | %-10s | %-4s |\n", "measurement", "figure", "target", "met");
  printf ("|%s|%s|%s|%s|\n", "------------------------------------------------------------",
          "--------------", "------------", "------");
  row ("phones' errors (any answer but 201/200, a failed request)", errors, "", "0", errors == 0, TRUE);
  {
    g_autofree char *target = g_strdup_printf ("%u", bench.n_phones);

    row ("ballots stored, read back from the library file", stored, "", target, stored == n_phones, TRUE);
    row ("ballots the window was told of (\"ballot-saved\")", bench.ballots_saved, "", target,
         bench.ballots_saved == bench.n_phones, FALSE);
  }
  row ("all phones joined and voted within", span_ms, "ms", "<= 2 s", span_ms <= 2000, FALSE);
  row ("server: ballot read to durable commit, p99", server_p99, "ms", "<= 100 ms", server_p99 <= 100, FALSE);
  row ("SQLite floor before the load: INSERT + COMMIT, p99", percentile_ms (floor_samples, 99), "ms", "", TRUE, FALSE);
  row ("SQLite floor while the phones vote (every 5 ms), p99", floor_p99, "ms", "", TRUE, FALSE);
  {
    g_autofree char *what = g_strdup_printf ("server p99 / SQLite floor p99 (%.2fx)", server_p99 / floor_p99);

    row (what, server_p99 / floor_p99, "x", "<= 1.5x", server_p99 / floor_p99 <= 1.5, FALSE);
  }
  row ("phones: request to answer (join, claim, ballot), p99", client_p99, "ms", "<= 500 ms", client_p99 <= 500, FALSE);
  row ("phones: ballot sent to \"saved\", p99", ballot_p99, "ms", "", TRUE, FALSE);
  {
    g_autofree char *target = g_strdup_printf ("%u", bench.n_connects);

    row ("connections at once answered", connects_ok, "", target, connects_ok == n_connects, TRUE);
  }
  row ("phones the Reveal did not reach", missing, "", "0", missing == 0, TRUE);
  row ("Reveal to every phone's event stream, p99", reveal_p99, "ms", "<= 250 ms", reveal_p99 <= 250, FALSE);
  row ("window: longest frame interval during the load", longest_ms, "ms", "<= 50 ms", longest_ms <= 50, FALSE);
  row ("window: frames drawn during the load", bench.load_frames, "", "", TRUE, FALSE);
  row ("memory growth (resident, before and after the load)", growth_mb, "MB", "<= 50 MB", growth_mb <= 50, FALSE);

  gtk_window_destroy (GTK_WINDOW (bench.window));
  g_clear_object (&bench.lines);
  g_clear_object (&bench.clients);
  g_clear_object (&bench.workshop);
  g_clear_object (&store);
  g_hash_table_unref (bench.samples);
  g_array_unref (bench.floor_load);
  g_free (bench.floor_path);
  g_main_loop_unref (bench.loop);
  if (dir_arg == NULL)
    {
      g_autoptr(GFile) folder = g_file_new_for_path (dir);

      remove_tree (folder);
    }
  return counts_ok ? 0 : 1;
}
