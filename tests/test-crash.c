/* test-crash.c: SIGKILL at random moments never loses an acknowledged write
 *
 * Two real writers run against one library and are killed with SIGKILL at
 * random moments: the executable's --import, and cr-vote-driver, which adds
 * participants, notes, rounds and votes through the core as the window does.
 * After every kill the library must pass PRAGMA integrity_check and hold
 * every write the writer acknowledged (printed after its commit returned),
 * whole; at the end every acknowledgement is checked once more.
 *
 * The executable's --export --output is killed the same way, and once the
 * moment its temporary file appears: the target is absent or whole, and
 * the next export removes the temporary file a killed one left.
 *
 * A fourth case starts several --import at once on a library that does not
 * exist yet, killing some of them at random moments: every ID printed must
 * be in the library, whole, and the library must never be gone.
 *
 * CR_CRASH_KILLS sets the number of kills per writer (default 40), and
 * CR_CRASH_FIRST_OPENS the trials of first opens (default 20);
 * build-aux/kill-harness runs thousands.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <json-glib/json-glib.h>
#include <poll.h>
#include <signal.h>
#include <string.h>
#include <sys/inotify.h>
#include <sys/wait.h>
#include <unistd.h>

#include "cr-output.h"
#include "cr-store.h"
#include "cr-test-util.h"

static guint
n_kills (void)
{
  const char *kills_env = g_getenv ("CR_CRASH_KILLS");

  return kills_env ? (guint) g_ascii_strtoull (kills_env, NULL, 10) : 40;
}

static guint
n_first_opens (void)
{
  const char *env = g_getenv ("CR_CRASH_FIRST_OPENS");

  return env ? (guint) g_ascii_strtoull (env, NULL, 10) : 20;
}

static gint64
query_int (sqlite3    *db,
           const char *sql,
           gint64      a,
           gint64      b)
{
  sqlite3_stmt *stmt = NULL;
  gint64 value;

  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  sqlite3_bind_int64 (stmt, 1, a);
  if (sqlite3_bind_parameter_count (stmt) > 1)
    sqlite3_bind_int64 (stmt, 2, b);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  value = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return value;
}

static char *
read_all (int fd)
{
  GString *out = g_string_new (NULL);
  char buf[4096];
  ssize_t n;

  while ((n = read (fd, buf, sizeof buf)) > 0)
    g_string_append_len (out, buf, n);
  return g_string_free (out, FALSE);
}

/* A writer under test: what it has acknowledged so far, as it comes. */
typedef struct
{
  GPid     pid;
  int      out_fd;
  GString *out;
  guint    n_lines;      /* complete lines read so far */
  gint64   started;      /* monotonic µs */
  gint64   first_line;   /* when the first complete line was read, or 0 */
  gint64   last_line;    /* when the last complete line was read, or 0 */
} Writer;

static void
writer_start (Writer             *writer,
              const char * const *argv)
{
  g_autoptr(GError) error = NULL;

  memset (writer, 0, sizeof *writer);
  writer->out = g_string_new (NULL);
  g_assert_true (g_spawn_async_with_pipes (NULL, (char **) argv, NULL,
                                           G_SPAWN_DO_NOT_REAP_CHILD | G_SPAWN_STDERR_TO_DEV_NULL,
                                           NULL, NULL, &writer->pid, NULL, &writer->out_fd, NULL, &error));
  g_assert_no_error (error);
  writer->started = g_get_monotonic_time ();
}

/* Reads the writer's output until it has acknowledged @n lines; FALSE when
 * it ended before that. */
static gboolean
writer_wait_lines (Writer *writer,
                   guint   n)
{
  struct pollfd watch = { writer->out_fd, POLLIN, 0 };

  while (writer->n_lines < n)
    {
      char buf[4096];
      ssize_t got;

      /* Not a measure of time: a guard against a writer that hangs. */
      g_assert_cmpint (poll (&watch, 1, 120000), ==, 1);
      got = read (writer->out_fd, buf, sizeof buf);
      g_assert_cmpint (got, >=, 0);
      if (got == 0)
        return FALSE;
      g_string_append_len (writer->out, buf, got);
      for (ssize_t i = 0; i < got; i++)
        if (buf[i] == '\n')
          {
            writer->n_lines++;
            writer->last_line = g_get_monotonic_time ();
            if (writer->first_line == 0)
              writer->first_line = writer->last_line;
          }
    }
  return TRUE;
}

/* The time between two of the writer's acknowledgements, on average over
 * those read so far; 0 while there are fewer than two. */
static gint64
writer_pace (const Writer *writer)
{
  if (writer->n_lines < 2)
    return 0;
  return (writer->last_line - writer->first_line) / (writer->n_lines - 1);
}

/* Kills the writer after @delay_us, and returns the complete lines it
 * printed (a line cut by the kill was never an acknowledgement). */
static char **
writer_kill (Writer   *writer,
             gulong    delay_us,
             gboolean *finished)
{
  g_autoptr(GString) out = g_steal_pointer (&writer->out);
  g_autofree char *rest = NULL;
  char *last_newline;
  int status;

  g_usleep (delay_us);
  kill (writer->pid, SIGKILL);
  g_assert_cmpint (waitpid (writer->pid, &status, 0), ==, writer->pid);
  g_spawn_close_pid (writer->pid);

  rest = read_all (writer->out_fd);
  close (writer->out_fd);
  g_string_append (out, rest);
  *finished = WIFEXITED (status);
  if (WIFEXITED (status))
    g_assert_cmpint (WEXITSTATUS (status), ==, 0);

  last_newline = strrchr (out->str, '\n');
  if (last_newline == NULL)
    return g_new0 (char *, 1);
  *last_newline = '\0';
  return g_strsplit (out->str, "\n", -1);
}

/* Runs argv, kills it after a random delay below max_delay_us, and returns
 * the complete lines it printed. */
static char **
run_and_kill (const char * const *argv,
              GRand              *rand,
              gulong              max_delay_us,
              gboolean           *finished)
{
  Writer writer;

  writer_start (&writer, argv);
  return writer_kill (&writer, g_rand_int_range (rand, 0, (gint32) max_delay_us), finished);
}

/* A random delay below @fraction of @pace, in µs. */
static gulong
random_part_of (GRand  *rand,
                gint64  pace,
                double  fraction)
{
  gint32 most = (gint32) MIN (pace * fraction, G_MAXINT32);

  return most > 0 ? (gulong) g_rand_int_range (rand, 0, most) : 0;
}

static sqlite3 *
open_checked (const char *db_path)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;

  /* Read-write, so the connection recovers the WAL as the app would. */
  g_assert_cmpint (sqlite3_open_v2 (db_path, &db, SQLITE_OPEN_READWRITE, NULL), ==, SQLITE_OK);
  sqlite3_busy_timeout (db, 5000);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "PRAGMA integrity_check", -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 0), ==, "ok");
  sqlite3_finalize (stmt);
  return db;
}

static void
report (const char *writer,
        guint       kills,
        guint       acknowledged,
        guint       finished,
        guint       integrity_checks)
{
  g_test_message ("%s: %u kills, %u writes acknowledged and found, %u runs finished before the kill, "
                  "%u integrity checks ok",
                  writer, kills, acknowledged, finished, integrity_checks);
}

/* ---- --import ------------------------------------------------------------ */

static void
check_import (sqlite3 *db,
              gint64   id,
              gint64  *expected_participants,
              gint64  *expected_votes)
{
  gint64 participants, votes;

  g_assert_cmpint (query_int (db, "SELECT COUNT(*) FROM workshops WHERE id = ?1", id, 0), ==, 1);
  participants = query_int (db, "SELECT COUNT(*) FROM participants WHERE workshop_id = ?1", id, 0);
  votes = query_int (db, "SELECT COUNT(*) FROM votes v JOIN rounds r ON r.id = v.round_id WHERE r.workshop_id = ?1", id, 0);
  if (*expected_participants < 0)
    {
      *expected_participants = participants;
      *expected_votes = votes;
    }
  g_assert_cmpint (participants, >, 0);
  g_assert_cmpint (participants, ==, *expected_participants);
  g_assert_cmpint (votes, ==, *expected_votes);
}

static void
test_kill_during_import (void)
{
  const char *exe = g_getenv ("CROSSROADS_EXE");
  g_autofree char *db_path = cr_test_tmp_path ("crash.db");
  g_autofree char *bundle = cr_test_source_path ("bundles", "workshop.json", NULL);
  g_autoptr(GArray) acknowledged = g_array_new (FALSE, FALSE, sizeof (gint64));
  const char *argv[] = { exe, "--database", db_path, "--import", bundle, NULL };
  guint kills = n_kills ();
  guint finished = 0;
  gint64 expected_participants = -1, expected_votes = -1;
  g_autoptr(CrStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GRand) rand = g_rand_new_with_seed (g_test_rand_int ());
  g_autofree guint *order = g_new (guint, MAX (kills, 1));
  gint64 run_time;
  sqlite3 *db;

  g_assert_nonnull (exe);

  /* The library exists before the first kill, as it would on a laptop. */
  store = cr_store_open (db_path, &error);
  g_assert_no_error (error);
  g_clear_object (&store);

  /* One import left to finish: how long it takes to its acknowledgement. */
  {
    g_auto(GStrv) lines = NULL;
    Writer writer;
    gboolean done;

    writer_start (&writer, argv);
    g_assert_true (writer_wait_lines (&writer, 1));
    run_time = writer.first_line - writer.started;
    /* No second line: it ran to its end. */
    g_assert_false (writer_wait_lines (&writer, 2));
    lines = writer_kill (&writer, 0, &done);
    g_assert_true (done);
    g_assert_cmpuint (g_strv_length (lines), ==, 1);
    db = open_checked (db_path);
    check_import (db, g_ascii_strtoll (lines[0], NULL, 10), &expected_participants, &expected_votes);
    sqlite3_close (db);
  }

  /* The kills are spread evenly, in random order, over one and a half
   * imports: the first two thirds before the acknowledgement, timed on the
   * last import that acknowledged, so that they follow the machine's load;
   * the last third after the acknowledgement itself, however long it took. */
  for (guint i = 0; i < kills; i++)
    order[i] = i;
  for (guint i = kills; i > 1; i--)
    {
      guint j = (guint) g_rand_int_range (rand, 0, (gint32) i);
      guint slot = order[i - 1];

      order[i - 1] = order[j];
      order[j] = slot;
    }

  for (guint i = 0; i < kills; i++)
    {
      guint permille = (guint) (((guint64) order[i] * 1500 + (guint64) g_rand_int_range (rand, 0, 1500)) / kills);
      g_auto(GStrv) lines = NULL;
      Writer writer;
      gulong delay;
      gboolean done;

      writer_start (&writer, argv);
      if (permille >= 1000)
        {
          g_assert_true (writer_wait_lines (&writer, 1));
          run_time = writer.first_line - writer.started;
          delay = (gulong) ((permille - 1000) * run_time / 1000);
        }
      else
        delay = (gulong) (permille * run_time / 1000);
      lines = writer_kill (&writer, delay, &done);
      finished += done;

      db = open_checked (db_path);
      for (guint j = 0; lines[j] != NULL; j++)
        {
          gint64 id = g_ascii_strtoll (lines[j], NULL, 10);

          g_assert_cmpint (id, >, 0);
          check_import (db, id, &expected_participants, &expected_votes);
          g_array_append_val (acknowledged, id);
        }
      sqlite3_close (db);
    }

  db = open_checked (db_path);
  for (guint i = 0; i < acknowledged->len; i++)
    check_import (db, g_array_index (acknowledged, gint64, i), &expected_participants, &expected_votes);

  /* No import is ever half there: every workshop has all its parts. */
  if (expected_participants > 0)
    g_assert_cmpint (query_int (db, "SELECT COUNT(*) FROM workshops w WHERE"
                                    " (SELECT COUNT(*) FROM participants p WHERE p.workshop_id = w.id) != ?1",
                                expected_participants, 0), ==, 0);
  sqlite3_close (db);

  report ("import", kills, acknowledged->len, finished, kills + 2);
  g_test_message ("import: kills spread over one and a half times an import's run, "
                  "%" G_GINT64_FORMAT " ms to its acknowledgement when last measured", run_time / 1000);
  /* The short run must have seen imports finish and imports cut. */
  if (kills >= 20)
    {
      g_assert_cmpuint (acknowledged->len, >, 0);
      g_assert_cmpuint (acknowledged->len, <, kills);
    }

  store = cr_store_open (db_path, &error);
  g_assert_no_error (error);
}

/* ---- cr-vote-driver ------------------------------------------------------ */

/* One acknowledgement line of the driver, checked against the library. */
static void
check_driver_line (sqlite3    *db,
                   const char *line)
{
  g_auto(GStrv) f = g_strsplit (line, " ", -1);
  guint n = g_strv_length (f);

  g_assert_cmpuint (n, >=, 2);
  if (g_str_equal (f[0], "workshop"))
    g_assert_cmpint (query_int (db, "SELECT COUNT(*) FROM workshops WHERE id = ?1",
                                g_ascii_strtoll (f[1], NULL, 10), 0), ==, 1);
  else if (g_str_equal (f[0], "round"))
    g_assert_cmpint (query_int (db, "SELECT COUNT(*) FROM rounds WHERE id = ?1",
                                g_ascii_strtoll (f[1], NULL, 10), 0), ==, 1);
  else if (g_str_equal (f[0], "participant"))
    g_assert_cmpint (query_int (db, "SELECT COUNT(*) FROM participants WHERE id = ?1",
                                g_ascii_strtoll (f[1], NULL, 10), 0), ==, 1);
  else if (g_str_equal (f[0], "note"))
    g_assert_cmpint (query_int (db, "SELECT COUNT(*) FROM notes WHERE id = ?1",
                                g_ascii_strtoll (f[1], NULL, 10), 0), ==, 1);
  else if (g_str_equal (f[0], "vote"))
    {
      gint64 round_id = g_ascii_strtoll (f[1], NULL, 10);
      gint64 participant_id = g_ascii_strtoll (f[2], NULL, 10);
      sqlite3_stmt *stmt = NULL;

      g_assert_cmpuint (n, ==, 5);
      /* Each participant votes once, so the one row must be exactly this. */
      g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT option, value FROM votes"
                                               " WHERE round_id = ?1 AND participant_id = ?2",
                                           -1, &stmt, NULL), ==, SQLITE_OK);
      sqlite3_bind_int64 (stmt, 1, round_id);
      sqlite3_bind_int64 (stmt, 2, participant_id);
      g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
      g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 0), ==, f[3]);
      g_assert_cmpint (sqlite3_column_int (stmt, 1), ==, atoi (f[4]));
      g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_DONE);
      sqlite3_finalize (stmt);
    }
  else
    g_error ("unexpected line from cr-vote-driver: %s", line);
}

static void
test_kill_during_votes (void)
{
  g_autofree char *driver = g_test_build_filename (G_TEST_BUILT, "cr-vote-driver", NULL);
  g_autofree char *db_path = cr_test_tmp_path ("votes.db");
  g_autoptr(GPtrArray) acknowledged = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GRand) rand = g_rand_new_with_seed (g_test_rand_int ());
  g_autofree char *workshop_id = g_strdup ("0");
  guint kills = n_kills ();
  guint finished = 0;
  gint64 startup = 0, pace = 0;
  g_autoptr(CrStore) store = NULL;
  g_autoptr(GError) error = NULL;
  sqlite3 *db;

  store = cr_store_open (db_path, &error);
  g_assert_no_error (error);
  g_clear_object (&store);

  for (guint i = 0; i < kills; i++)
    {
      const char *argv[] = { driver, db_path, workshop_id, "1000", NULL };
      /* The kill window is counted in the driver's own progress, not in
       * time, which a loaded machine stretches: after 0 to 8
       * acknowledgements, at a random moment of the write that follows
       * (its start-up when none). */
      guint target = i % 9;
      g_auto(GStrv) lines = NULL;
      Writer writer;
      gboolean done;

      writer_start (&writer, argv);
      g_assert_true (writer_wait_lines (&writer, target));
      if (writer_pace (&writer) > 0)
        pace = writer_pace (&writer);
      lines = writer_kill (&writer, random_part_of (rand, target > 0 ? pace : startup, 1.5), &done);
      if (writer.first_line > 0)
        startup = writer.first_line - writer.started;
      g_assert_cmpuint (g_strv_length (lines), >=, target);
      finished += done;

      db = open_checked (db_path);
      for (guint j = 0; lines[j] != NULL; j++)
        {
          check_driver_line (db, lines[j]);
          /* Later runs add to the same workshop, as a reopened window would. */
          if (g_str_has_prefix (lines[j], "workshop "))
            {
              g_free (workshop_id);
              workshop_id = g_strdup (lines[j] + strlen ("workshop "));
            }
          g_ptr_array_add (acknowledged, g_strdup (lines[j]));
        }
      sqlite3_close (db);
    }

  db = open_checked (db_path);
  for (guint i = 0; i < acknowledged->len; i++)
    check_driver_line (db, g_ptr_array_index (acknowledged, i));
  sqlite3_close (db);

  /* The short run must have reached the writes it is there to test. */
  if (kills >= 20)
    g_assert_cmpuint (acknowledged->len, >, kills);

  report ("votes", kills, acknowledged->len, finished, kills + 1);
  g_test_message ("votes: each kill after 0 to 8 acknowledgements, within one and a half writes; "
                  "a write took %" G_GINT64_FORMAT " ms, start-up %" G_GINT64_FORMAT " ms, when last measured",
                  pace / 1000, startup / 1000);
}

/* ---- first opens at once ------------------------------------------------ */

typedef struct
{
  GPid     pid;
  int      out_fd;
  int      err_fd;
  gboolean killed;
} Importer;

static void
test_concurrent_first_opens (void)
{
  const char *exe = g_getenv ("CROSSROADS_EXE");
  g_autofree char *bundle = cr_test_source_path ("bundles", "workshop.json", NULL);
  g_autoptr(GRand) rand = g_rand_new_with_seed (g_test_rand_int ());
  guint trials = n_first_opens ();
  guint n_started = 0, n_killed = 0, n_acknowledged = 0;
  gint64 expected_participants = -1, expected_votes = -1;

  g_assert_nonnull (exe);

  for (guint trial = 0; trial < trials; trial++)
    {
      g_autofree char *db_path = cr_test_tmp_path ("first.db");
      const char *argv[] = { exe, "--database", db_path, "--import", bundle, NULL };
      /* Two at least: the race is between the first two to arrive. */
      guint n = (guint) g_rand_int_range (rand, 2, 9);
      Importer importers[8];
      guint acknowledged_here = 0;
      sqlite3 *db;

      for (guint i = 0; i < n; i++)
        {
          g_autoptr(GError) error = NULL;

          importers[i].killed = FALSE;
          g_assert_true (g_spawn_async_with_pipes (NULL, (char **) argv, NULL, G_SPAWN_DO_NOT_REAP_CHILD,
                                                   NULL, NULL, &importers[i].pid, NULL,
                                                   &importers[i].out_fd, &importers[i].err_fd, &error));
          g_assert_no_error (error);
        }
      n_started += n;

      /* Every other trial kills one of them somewhere in its first opening. */
      if (trial % 2 == 1)
        {
          guint victim = (guint) g_rand_int_range (rand, 0, (gint32) n);

          g_usleep (g_rand_int_range (rand, 0, 150000));
          kill (importers[victim].pid, SIGKILL);
          importers[victim].killed = TRUE;
        }

      db = NULL;
      for (guint i = 0; i < n; i++)
        {
          g_autofree char *out = NULL;
          g_autofree char *err = NULL;
          char *newline;
          int status;

          g_assert_cmpint (waitpid (importers[i].pid, &status, 0), ==, importers[i].pid);
          g_spawn_close_pid (importers[i].pid);
          out = read_all (importers[i].out_fd);
          err = read_all (importers[i].err_fd);
          close (importers[i].out_fd);
          close (importers[i].err_fd);

          if (WIFSIGNALED (status))
            {
              g_assert_true (importers[i].killed);
              n_killed++;
            }
          else
            {
              /* Not one of them gives up on another, or finds half a library. */
              if (!WIFEXITED (status) || WEXITSTATUS (status) != 0)
                g_error ("trial %u: an import that was not killed failed: %s", trial, err);
            }

          /* A complete line is an acknowledged import. */
          newline = strchr (out, '\n');
          if (newline != NULL)
            {
              gint64 id = g_ascii_strtoll (out, NULL, 10);

              g_assert_cmpint (id, >, 0);
              if (db == NULL)
                db = open_checked (db_path);
              check_import (db, id, &expected_participants, &expected_votes);
              acknowledged_here++;
            }
        }

      /* The library is there, whole, with every import that said so. */
      g_assert_true (g_file_test (db_path, G_FILE_TEST_IS_REGULAR));
      if (db == NULL)
        db = open_checked (db_path);
      g_assert_cmpint (query_int (db, "SELECT COUNT(*) FROM workshops WHERE id > ?1", 0, 0), >=, acknowledged_here);
      sqlite3_close (db);
      n_acknowledged += acknowledged_here;
    }

  g_test_message ("first opens: %u trials, %u imports started, %u killed, %u IDs printed and found, "
                  "the library there after every trial",
                  trials, n_started, n_killed, n_acknowledged);
  g_assert_cmpuint (n_acknowledged, >=, n_started - n_killed);
}

/* ---- --export ------------------------------------------------------------ */

/* The test bundle with four long notes: its CSV runs to megabytes, so that
 * a kill lands while the file is written as well as before and after. */
static char *
write_large_bundle (const char *dir)
{
  g_autofree char *source = cr_test_source_path ("bundles", "workshop.json", NULL);
  char *path = g_build_filename (dir, "large.json", NULL);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(GString) text = g_string_new (NULL);
  g_autoptr(GError) error = NULL;
  JsonObject *workshop;
  JsonArray *notes;

  json_parser_load_from_file (parser, source, &error);
  g_assert_no_error (error);
  workshop = json_object_get_object_member (json_node_get_object (json_parser_get_root (parser)), "workshop");
  notes = json_object_get_array_member (workshop, "notes");
  while (text->len < 1500000)
    g_string_append (text, "Payroll queries answered within a day, and people notice it. ");
  for (guint i = 0; i < 4; i++)
    {
      JsonObject *note = json_object_new ();

      json_object_set_string_member (note, "option", "hr-as-a-service");
      json_object_set_string_member (note, "kind", "strength");
      json_object_set_string_member (note, "text", text->str);
      json_object_set_string_member (note, "participant", "p1");
      json_array_add_object_element (notes, note);
    }
  json_generator_set_root (generator, json_parser_get_root (parser));
  g_assert_true (json_generator_to_file (generator, path, &error));
  g_assert_no_error (error);
  return path;
}

/* Temporary files of exports in @dir: ".NAME.crossroads-XXXXXX". */
static guint
count_temporaries (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;
  guint n = 0;

  g_assert_nonnull (d);
  while ((name = g_dir_read_name (d)) != NULL)
    if (name[0] == '.' && strstr (name, CR_OUTPUT_TEMP_MARK) != NULL)
      n++;
  return n;
}

/* Runs the export and kills it the moment its temporary file appears in
 * @dir (inotify), so that it dies with the file half written. FALSE when
 * it was quicker and had renamed the file into place already. */
static gboolean
kill_while_writing (const char * const *argv,
                    const char         *dir)
{
  g_autoptr(GError) error = NULL;
  gboolean seen = FALSE;
  struct pollfd watch;
  GPid pid;
  int status;

  watch.fd = inotify_init1 (IN_CLOEXEC);
  watch.events = POLLIN;
  g_assert_cmpint (watch.fd, >=, 0);
  g_assert_cmpint (inotify_add_watch (watch.fd, dir, IN_CREATE), >=, 0);
  g_assert_true (g_spawn_async (NULL, (char **) argv, NULL,
                                G_SPAWN_DO_NOT_REAP_CHILD | G_SPAWN_STDOUT_TO_DEV_NULL | G_SPAWN_STDERR_TO_DEV_NULL,
                                NULL, NULL, &pid, &error));
  g_assert_no_error (error);

  /* Not a measure of time: a guard against an export that never writes. */
  while (!seen && poll (&watch, 1, 120000) > 0)
    {
      char buf[4096] __attribute__ ((aligned (__alignof__ (struct inotify_event))));
      ssize_t n = read (watch.fd, buf, sizeof buf);

      for (char *p = buf; n > 0 && p < buf + n; p += sizeof (struct inotify_event) + ((struct inotify_event *) p)->len)
        {
          const struct inotify_event *event = (const struct inotify_event *) p;

          if (event->len > 0 && strstr (event->name, CR_OUTPUT_TEMP_MARK) != NULL)
            seen = TRUE;
        }
    }
  kill (pid, SIGKILL);
  g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);
  g_spawn_close_pid (pid);
  close (watch.fd);
  g_assert_true (seen);
  return count_temporaries (dir) > 0;
}

/* The file at @path is absent, or the whole export. */
static gboolean
assert_absent_or_whole (const char *path,
                        GBytes     *expected)
{
  g_autoptr(GBytes) got = cr_test_read_file (path);

  if (got == NULL)
    return FALSE;
  g_assert_true (g_bytes_equal (got, expected));
  return TRUE;
}

static void
test_kill_during_export (void)
{
  const char *exe = g_getenv ("CROSSROADS_EXE");
  g_autofree char *lib_dir = cr_test_make_tmpdir ();
  g_autofree char *out_dir = cr_test_make_tmpdir ();
  g_autofree char *db_path = g_build_filename (lib_dir, "export.db", NULL);
  g_autofree char *bundle = write_large_bundle (lib_dir);
  g_autofree char *full = g_build_filename (lib_dir, "full.csv", NULL);
  g_autofree char *target = g_build_filename (out_dir, "out.csv", NULL);
  g_autofree char *id = NULL;
  g_autoptr(GBytes) expected = NULL;
  g_autoptr(GRand) rand = g_rand_new_with_seed (g_test_rand_int ());
  g_autoptr(GError) error = NULL;
  const char *import[] = { exe, "--database", db_path, "--import", bundle, NULL };
  const char *to_full[] = { exe, "--database", db_path, "--export", NULL, "--format", "csv", "--output", full, NULL };
  const char *argv[] = { exe, "--database", db_path, "--export", NULL, "--format", "csv", "--output", target, NULL };
  guint kills = n_kills ();
  guint finished = 0, whole = 0, left = 0;
  gboolean cut = FALSE;
  gulong max_delay;
  int status;

  g_assert_nonnull (exe);
  g_assert_true (g_spawn_sync (NULL, (char **) import, NULL, G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL,
                               &id, NULL, &status, &error));
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  g_strchomp (id);
  to_full[4] = argv[4] = id;

  /* One export left to finish: what a whole file is, and how long it takes. */
  {
    gint64 start = g_get_monotonic_time ();

    g_assert_true (g_spawn_sync (NULL, (char **) to_full, NULL, G_SPAWN_DEFAULT, NULL, NULL,
                                 NULL, NULL, &status, &error));
    g_assert_no_error (error);
    g_assert_true (g_spawn_check_wait_status (status, NULL));
    max_delay = (gulong) MAX ((g_get_monotonic_time () - start) * 3 / 2, 1000);
    expected = cr_test_read_file (full);
    g_assert_nonnull (expected);
    g_assert_cmpuint (g_bytes_get_size (expected), >, 6000000);
  }

  /* Killed with its file half written: the file left beside the target is
   * ours, and the target is not there yet. An export quicker than the kill
   * (a loaded machine lets it run on) has put the whole file in place: it
   * goes, and the next attempt is killed again. */
  for (guint attempt = 0; attempt < 50 && !cut; attempt++)
    {
      cut = kill_while_writing (argv, out_dir);
      g_assert_cmpint (assert_absent_or_whole (target, expected), ==, !cut);
      if (!cut)
        g_assert_cmpint (unlink (target), ==, 0);
    }
  g_assert_true (cut);
  g_assert_cmpuint (count_temporaries (out_dir), ==, 1);

  /* Killed at random moments: the target is absent or whole, and each
   * export clears what the one before it left, so one is left at most. */
  for (guint i = 0; i < kills; i++)
    {
      g_auto(GStrv) lines = NULL;
      gboolean done;
      guint temporaries;

      lines = run_and_kill (argv, rand, max_delay, &done);
      finished += done;
      whole += assert_absent_or_whole (target, expected);
      temporaries = count_temporaries (out_dir);
      g_assert_cmpuint (temporaries, <=, 1);
      left += temporaries;
    }

  /* The next export to the end: the whole file, and nothing of ours beside it. */
  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL,
                               NULL, NULL, &status, &error));
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  g_assert_true (assert_absent_or_whole (target, expected));
  g_assert_cmpuint (count_temporaries (out_dir), ==, 0);

  g_test_message ("export: %u kills, %u runs finished before the kill, the target whole after %u, "
                  "a temporary file left by %u and removed by the next export; kills spread over %lu ms",
                  kills, finished, whole, left, max_delay / 1000);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/crash/kill-during-import", test_kill_during_import);
  g_test_add_func ("/crash/kill-during-votes", test_kill_during_votes);
  g_test_add_func ("/crash/concurrent-first-opens", test_concurrent_first_opens);
  g_test_add_func ("/crash/kill-during-export", test_kill_during_export);

  return g_test_run ();
}
