/* test-cli.c: the command-line contract, end to end through the real executable
 *
 * Each test runs the built `crossroads` with its own HOME and XDG_DATA_HOME in
 * a temporary directory, so the default library never touches the real one.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "crossroads-test"

#include "config.h"

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <sqlite3.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "cr-test-util.h"

/* The tables of the schema whose rows a failed import must leave alone. */
static const char * const tables[] = {
  "workshops", "context_answers", "participants", "notes", "rounds", "votes", "actions",
};

typedef struct
{
  char  *home;        /* the temporary HOME */
  char  *data_home;   /* XDG_DATA_HOME, empty at first */
  char **envp;
} CliEnv;

typedef struct
{
  int    status;      /* the exit status */
  char  *out;
  char  *err;
} CliResult;

static void
cli_env_free (CliEnv *env)
{
  g_free (env->home);
  g_free (env->data_home);
  g_strfreev (env->envp);
  g_free (env);
}

static void
cli_result_free (CliResult *result)
{
  g_free (result->out);
  g_free (result->err);
  g_free (result);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CliEnv, cli_env_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CliResult, cli_result_free)

static CliEnv *
cli_env_new (void)
{
  CliEnv *env = g_new0 (CliEnv, 1);
  g_autofree char *config = NULL;
  g_autofree char *cache = NULL;

  env->home = cr_test_make_tmpdir ();
  env->data_home = g_build_filename (env->home, "data", NULL);
  config = g_build_filename (env->home, "config", NULL);
  cache = g_build_filename (env->home, "cache", NULL);
  g_assert_cmpint (g_mkdir (env->data_home, 0700), ==, 0);

  env->envp = g_get_environ ();
  env->envp = g_environ_setenv (env->envp, "HOME", env->home, TRUE);
  env->envp = g_environ_setenv (env->envp, "XDG_DATA_HOME", env->data_home, TRUE);
  env->envp = g_environ_setenv (env->envp, "XDG_CONFIG_HOME", config, TRUE);
  env->envp = g_environ_setenv (env->envp, "XDG_CACHE_HOME", cache, TRUE);
  /* The command line must never need a display or a session bus. */
  env->envp = g_environ_unsetenv (env->envp, "DISPLAY");
  env->envp = g_environ_unsetenv (env->envp, "WAYLAND_DISPLAY");
  env->envp = g_environ_unsetenv (env->envp, "DBUS_SESSION_BUS_ADDRESS");
  return env;
}

static char *
cli_env_default_database (CliEnv *env)
{
  return g_build_filename (env->data_home, "crossroads", "crossroads.db", NULL);
}

static CliResult *
run_cliv (CliEnv            *env,
          const char * const *args)
{
  const char *exe = g_getenv ("CROSSROADS_EXE");
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  CliResult *result = g_new0 (CliResult, 1);
  int wait_status = 0;

  g_assert_nonnull (exe);
  g_ptr_array_add (argv, (char *) exe);
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (char *) args[i]);
  g_ptr_array_add (argv, NULL);

  g_spawn_sync (env->home, (char **) argv->pdata, env->envp, G_SPAWN_DEFAULT,
                NULL, NULL, &result->out, &result->err, &wait_status, &error);
  g_assert_no_error (error);

  /* A crash or an abort on a fatal warning is never an answer. */
  if (!WIFEXITED (wait_status))
    g_error ("crossroads did not exit normally (wait status %d); stderr: %s", wait_status, result->err);
  result->status = WEXITSTATUS (wait_status);
  return result;
}

static CliResult *run_cli (CliEnv     *env,
                           const char *first,
                           ...) G_GNUC_NULL_TERMINATED;

static CliResult *
run_cli (CliEnv     *env,
         const char *first,
         ...)
{
  g_autoptr(GPtrArray) args = g_ptr_array_new ();
  va_list ap;

  va_start (ap, first);
  for (const char *arg = first; arg != NULL; arg = va_arg (ap, const char *))
    g_ptr_array_add (args, (char *) arg);
  va_end (ap);
  g_ptr_array_add (args, NULL);
  return run_cliv (env, (const char * const *) args->pdata);
}

static guint
count_lines (const char *text)
{
  guint n = 0;

  for (const char *p = text; *p != '\0'; p++)
    if (*p == '\n')
      n++;
  return n;
}

/* Messages are one line each, prefixed with the program name. */
static void
assert_one_line_message (const char *err)
{
  g_assert_true (g_str_has_prefix (err, "crossroads: "));
  g_assert_true (g_str_has_suffix (err, "\n"));
  g_assert_cmpuint (count_lines (err), ==, 1);
}

static void
assert_dir_empty (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);

  g_assert_nonnull (dir);
  g_assert_null (g_dir_read_name (dir));
}

static void
write_file (const char *path,
            const char *contents)
{
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, contents, -1, &error);
  g_assert_no_error (error);
}

/* A minimal valid bundle: the built-in template, two participants, a note,
 * an action and one revealed round of the single-choice question. */
static char *
make_bundle (const char *title,
             const char *organisation,
             const char *date)
{
  return g_strdup_printf (
    "{\n"
    "  \"format\": \"crossroads-workshop\",\n"
    "  \"version\": 1,\n"
    "  \"workshop\": {\n"
    "    \"title\": \"%s\",\n"
    "    \"organisation\": \"%s\",\n"
    "    \"facilitator\": \"Sam Rivera\",\n"
    "    \"date\": \"%s\",\n"
    "    \"function_name\": \"People Experience\",\n"
    "    \"template\": \"people-product-models\",\n"
    "    \"context\": { \"stage\": \"enterprise\", \"headcount\": 4200 },\n"
    "    \"participants\": [\n"
    "      { \"key\": \"p1\", \"name\": \"Ana Sousa\", \"role\": \"Chief People Officer\" },\n"
    "      { \"key\": \"p2\", \"name\": \"Ben Okafor\", \"role\": \"HR Business Partner\" }\n"
    "    ],\n"
    "    \"notes\": [\n"
    "      { \"option\": \"px-as-a-product\", \"kind\": \"strength\",\n"
    "        \"text\": \"One view of the employee experience\", \"participant\": \"p1\" }\n"
    "    ],\n"
    "    \"rounds\": [\n"
    "      { \"question\": \"current\", \"number\": 1, \"revealed\": true,\n"
    "        \"votes\": [\n"
    "          { \"participant\": \"p1\", \"option\": \"hr-as-a-service\", \"criterion\": null, \"value\": 1 },\n"
    "          { \"participant\": \"p2\", \"option\": \"projects-as-products\", \"criterion\": null, \"value\": 1 }\n"
    "        ] }\n"
    "    ],\n"
    "    \"actions\": [\n"
    "      { \"text\": \"Map the employee journey\", \"owner\": \"Ana Sousa\", \"due\": \"2025-06-30\" }\n"
    "    ]\n"
    "  }\n"
    "}\n",
    title, organisation, date);
}

static char *
write_bundle (CliEnv     *env,
              const char *name,
              const char *title,
              const char *organisation,
              const char *date)
{
  g_autofree char *bundle = make_bundle (title, organisation, date);
  char *path = g_build_filename (env->home, name, NULL);

  write_file (path, bundle);
  return path;
}

/* Imports a bundle and returns the id printed on stdout. */
static gint64
import_ok (CliEnv     *env,
           const char *database,
           const char *bundle_path)
{
  g_autoptr(CliResult) r = run_cli (env, "--database", database, "--import", bundle_path, NULL);
  g_autofree char *line = NULL;
  guint64 id = 0;

  g_assert_cmpstr (r->err, ==, "");
  g_assert_cmpint (r->status, ==, 0);
  g_assert_true (g_str_has_suffix (r->out, "\n"));
  g_assert_cmpuint (count_lines (r->out), ==, 1);
  line = g_strchomp (g_strdup (r->out));
  g_assert_true (g_ascii_string_to_unsigned (line, 10, 1, G_MAXINT64, &id, NULL));
  return (gint64) id;
}

static char *
new_database_path (CliEnv *env)
{
  return g_build_filename (env->home, "library.db", NULL);
}

/* -------------------------------------------------------------------------
 * Usage
 * ---------------------------------------------------------------------- */

static void
test_version (void)
{
  g_autoptr(CliEnv) env = cli_env_new ();
  g_autoptr(CliResult) r = run_cli (env, "--version", NULL);
  g_autofree char *expected = g_strdup_printf ("crossroads %s\n", PACKAGE_VERSION);

  g_assert_cmpint (r->status, ==, 0);
  g_assert_cmpstr (r->out, ==, expected);
  g_assert_cmpstr (r->err, ==, "");
  /* Printing the version opens no library. */
  assert_dir_empty (env->data_home);
}

static void
test_help (void)
{
  g_autoptr(CliEnv) env = cli_env_new ();
  g_autoptr(CliResult) r = run_cli (env, "--help", NULL);
  const char *options[] = {
    "--database", "--list", "--import", "--export", "--compare", "--format", "--output",
    "--check-template", "--version",
  };

  g_assert_cmpint (r->status, ==, 0);
  g_assert_cmpstr (r->err, ==, "");
  for (guint i = 0; i < G_N_ELEMENTS (options); i++)
    g_assert_nonnull (strstr (r->out, options[i]));
  assert_dir_empty (env->data_home);
}

typedef struct
{
  const char *name;
  const char *args[8];
  const char *mentions;   /* what the message must name, or NULL */
} UsageCase;

static const UsageCase usage_cases[] = {
  { "unknown-option", { "--frobnicate", NULL }, "--frobnicate" },
  { "export-without-format", { "--export", "1", NULL }, "--format" },
  { "format-without-export", { "--format", "md", NULL }, "--export" },
  { "output-without-export", { "--output", "out.md", NULL }, "--export" },
  { "export-not-an-id", { "--export", "abc", "--format", "md", NULL }, "abc" },
  { "export-zero", { "--export", "0", "--format", "md", NULL }, "0" },
  { "unknown-format", { "--export", "1", "--format", "xls", NULL }, "xls" },
  { "two-commands", { "--list", "--version", NULL }, NULL },
  { "import-and-list", { "--import", "bundle.json", "--list", NULL }, NULL },
  { "positional", { "--list", "stray.json", NULL }, "stray.json" },
  { "missing-value", { "--import", NULL }, "--import" },
  { "replace-without-import", { "--replace", NULL }, "--import" },
  { "keep-both-without-import", { "--list", "--keep-both", NULL }, "--import" },
  { "replace-and-keep-both", { "--import", "bundle.json", "--replace", "--keep-both", NULL }, "--keep-both" },
  { "compare-one-id", { "--compare", "1", "--format", "md", NULL }, "--compare" },
  { "compare-not-an-id", { "--compare", "1", "two", "--format", "md", NULL }, "two" },
  { "compare-without-format", { "--compare", "1", "2", NULL }, "--format" },
  { "compare-csv", { "--compare", "1", "2", "--format", "csv", NULL }, "csv" },
  { "compare-three-ids", { "--compare", "1", "2", "3", "--format", "md", NULL }, "3" },
  { "compare-and-export", { "--compare", "1", "2", "--export", "1", NULL }, NULL },
  /* A workshop against itself moves nothing: a slip of the keyboard. */
  { "compare-same-id", { "--compare", "3", "3", "--format", "md", NULL }, "3" },
};

static void
test_usage (gconstpointer data)
{
  const UsageCase *c = data;
  g_autoptr(CliEnv) env = cli_env_new ();
  g_autoptr(CliResult) r = run_cliv (env, c->args);

  g_assert_cmpint (r->status, ==, 2);
  g_assert_cmpstr (r->out, ==, "");
  assert_one_line_message (r->err);
  if (c->mentions != NULL)
    g_assert_nonnull (strstr (r->err, c->mentions));
  /* Bad usage is refused before any library is opened or created. */
  assert_dir_empty (env->data_home);
}

/* -------------------------------------------------------------------------
 * Libraries
 * ---------------------------------------------------------------------- */

static void
test_list_empty (void)
{
  g_autoptr(CliEnv) env = cli_env_new ();
  g_autofree char *database = new_database_path (env);
  g_autoptr(CliResult) r = run_cli (env, "--database", database, "--list", NULL);

  g_assert_cmpint (r->status, ==, 0);
  g_assert_cmpstr (r->out, ==, "");
  g_assert_cmpstr (r->err, ==, "");
  g_assert_true (g_file_test (database, G_FILE_TEST_IS_REGULAR));
  g_assert_cmpint (cr_test_count_rows (database, "workshops"), ==, 0);
  /* --database means the default library is left alone. */
  assert_dir_empty (env->data_home);
}

static void
test_default_database (void)
{
  g_autoptr(CliEnv) env = cli_env_new ();
  g_autofree char *database = cli_env_default_database (env);
  g_autofree char *bundle = write_bundle (env, "bundle.json", "Default library", "Acme", "2025-03-14");
  g_autoptr(CliResult) r = run_cli (env, "--list", NULL);
  g_autoptr(CliResult) imported = NULL;
  g_autoptr(CliResult) listed = NULL;
  g_autofree char *expected = NULL;

  g_assert_cmpint (r->status, ==, 0);
  g_assert_cmpstr (r->out, ==, "");
  g_assert_cmpstr (r->err, ==, "");
  g_assert_true (g_file_test (database, G_FILE_TEST_IS_REGULAR));

  /* The next command without --database finds the same library. */
  imported = run_cli (env, "--import", bundle, NULL);
  g_assert_cmpint (imported->status, ==, 0);
  g_assert_cmpint (cr_test_count_rows (database, "workshops"), ==, 1);
  listed = run_cli (env, "--list", NULL);
  g_assert_cmpint (listed->status, ==, 0);
  expected = g_strdup_printf ("%s\t2025-03-14\tAcme\tDefault library\n", g_strchomp (imported->out));
  g_assert_cmpstr (listed->out, ==, expected);
}

static void
test_database_not_sqlite (void)
{
  g_autoptr(CliEnv) env = cli_env_new ();
  g_autofree char *dir = cr_test_make_tmpdir ();
  g_autofree char *database = g_build_filename (dir, "notes.txt", NULL);
  g_autoptr(GBytes) before = NULL;
  g_autoptr(GBytes) after = NULL;
  g_autoptr(CliResult) r = NULL;
  g_autoptr(GDir) listing = NULL;

  write_file (database, "hello");
  before = cr_test_read_file (database);

  r = run_cli (env, "--database", database, "--list", NULL);
  g_assert_cmpint (r->status, ==, 1);
  g_assert_cmpstr (r->out, ==, "");
  assert_one_line_message (r->err);
  g_assert_nonnull (strstr (r->err, database));

  after = cr_test_read_file (database);
  g_assert_nonnull (after);
  g_assert_true (g_bytes_equal (before, after));
  /* No journal or WAL left beside the foreign file either. */
  listing = g_dir_open (dir, 0, NULL);
  g_assert_cmpstr (g_dir_read_name (listing), ==, "notes.txt");
  g_assert_null (g_dir_read_name (listing));
}

static void
test_database_too_new (void)
{
  g_autoptr(CliEnv) env = cli_env_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *database = new_database_path (env);
  g_autoptr(CrStore) store = cr_store_open (database, &error);
  g_autoptr(GBytes) before = NULL;
  g_autoptr(GBytes) after = NULL;
  g_autofree char *bundle = write_bundle (env, "bundle.json", "Future", "Acme", "2025-03-14");
  const char *list_args[] = { "--database", database, "--list", NULL };
  const char *import_args[] = { "--database", database, "--import", bundle, NULL };
  const char *export_args[] = { "--database", database, "--export", "1", "--format", "json", NULL };
  const char * const *commands[] = { list_args, import_args, export_args };
  sqlite3 *db = NULL;

  g_assert_no_error (error);
  g_clear_object (&store);

  /* What a later Crossroads would write. */
  g_assert_cmpint (sqlite3_open_v2 (database, &db, SQLITE_OPEN_READWRITE, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "PRAGMA user_version = 99", NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_close (db), ==, SQLITE_OK);
  before = cr_test_read_file (database);

  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    {
      g_autoptr(CliResult) r = run_cliv (env, commands[i]);

      g_assert_cmpint (r->status, ==, 1);
      g_assert_cmpstr (r->out, ==, "");
      assert_one_line_message (r->err);
      g_assert_nonnull (strstr (r->err, database));
      g_assert_nonnull (strstr (r->err, "newer"));

      after = cr_test_read_file (database);
      g_assert_true (g_bytes_equal (before, after));
      g_clear_pointer (&after, g_bytes_unref);
    }
}

/* -------------------------------------------------------------------------
 * Import and list
 * ---------------------------------------------------------------------- */

static void
test_import_and_list (void)
{
  g_autoptr(CliEnv) env = cli_env_new ();
  g_autofree char *database = new_database_path (env);
  g_autofree char *newer = write_bundle (env, "newer.json", "Quarterly review", "Northwind Logistics", "2025-03-14");
  g_autofree char *older = write_bundle (env, "older.json", "Kick-off", "Contoso", "2024-11-02");
  /* A tab in typed text must not split the line that scripts read. */
  g_autofree char *tabbed = write_bundle (env, "tabbed.json", "Tabs\\tin title", "Fabrikam", "2024-01-15");
  g_autoptr(CliResult) r = NULL;
  g_autofree char *expected = NULL;
  gint64 newer_id, older_id, tabbed_id;

  /* Imported out of date order, so the listing has to sort. */
  newer_id = import_ok (env, database, newer);
  older_id = import_ok (env, database, older);
  tabbed_id = import_ok (env, database, tabbed);
  g_assert_cmpint (newer_id, !=, older_id);
  g_assert_cmpint (older_id, !=, tabbed_id);
  g_assert_cmpint (cr_test_count_rows (database, "workshops"), ==, 3);
  g_assert_cmpint (cr_test_count_rows (database, "participants"), ==, 6);
  g_assert_cmpint (cr_test_count_rows (database, "votes"), ==, 6);

  r = run_cli (env, "--database", database, "--list", NULL);
  g_assert_cmpint (r->status, ==, 0);
  g_assert_cmpstr (r->err, ==, "");
  expected = g_strdup_printf ("%" G_GINT64_FORMAT "\t2025-03-14\tNorthwind Logistics\tQuarterly review\n"
                              "%" G_GINT64_FORMAT "\t2024-11-02\tContoso\tKick-off\n"
                              "%" G_GINT64_FORMAT "\t2024-01-15\tFabrikam\tTabs in title\n",
                              newer_id, older_id, tabbed_id);
  g_assert_cmpstr (r->out, ==, expected);
}

static CliResult *export (CliEnv     *env,
                          const char *database,
                          gint64      id,
                          const char *format,
                          const char *output);

/* The same workshop imported twice: exit 1 and the library untouched,
 * unless --replace (same ID, the file's content) or --keep-both (a new ID). */
static void
test_import_existing (void)
{
  g_autoptr(CliEnv) env = cli_env_new ();
  g_autofree char *database = new_database_path (env);
  g_autofree char *path = write_bundle (env, "review.json", "Quarterly review", "Northwind Logistics", "2025-03-14");
  g_autofree char *exported = g_build_filename (env->home, "exported.json", NULL);
  g_autofree char *renamed = g_build_filename (env->home, "renamed.json", NULL);
  g_autoptr(CliResult) r = NULL;
  g_autoptr(CliResult) listed = NULL;
  g_autofree char *expected = NULL;
  g_autofree char *text = NULL;
  g_autofree char *out = NULL;
  gint64 id, again;

  id = import_ok (env, database, path);
  r = export (env, database, id, "json", NULL);
  g_assert_cmpint (r->status, ==, 0);
  write_file (exported, r->out);
  text = g_strdup (r->out);
  g_clear_pointer (&r, cli_result_free);

  r = run_cli (env, "--database", database, "--import", exported, NULL);
  g_assert_cmpint (r->status, ==, 1);
  g_assert_cmpstr (r->out, ==, "");
  assert_one_line_message (r->err);
  expected = g_strdup_printf ("crossroads: %s: workshop.id: this workshop is in the library already, as ID %"
                              G_GINT64_FORMAT ", “Quarterly review”; add --replace to replace it,"
                              " or --keep-both to import it as another workshop\n", exported, id);
  g_assert_cmpstr (r->err, ==, expected);
  g_assert_cmpint (cr_test_count_rows (database, "workshops"), ==, 1);
  g_clear_pointer (&r, cli_result_free);

  /* Another workshop (another organisation, another day) with the same
   * workshop.id: named as another workshop, with the same way out. */
  {
    g_autofree char *other = g_strdup (text);
    g_autofree char *other_path = g_build_filename (env->home, "other.json", NULL);
    GString *changed = g_string_new (other);

    g_assert_cmpuint (g_string_replace (changed, "\"Northwind Logistics\"", "\"Fabrikam\"", 0), ==, 1);
    g_assert_cmpuint (g_string_replace (changed, "\"2025-03-14\"", "\"2026-02-02\"", 0), ==, 1);
    write_file (other_path, changed->str);
    g_string_free (changed, TRUE);
    r = run_cli (env, "--database", database, "--import", other_path, NULL);
    g_assert_cmpint (r->status, ==, 1);
    g_assert_cmpstr (r->out, ==, "");
    assert_one_line_message (r->err);
    g_free (expected);
    expected = g_strdup_printf ("crossroads: %s: workshop.id: another workshop in the library has the same identifier: ID %"
                                G_GINT64_FORMAT ", “Quarterly review”; add --replace to replace it,"
                                " or --keep-both to import it as another workshop\n", other_path, id);
    g_assert_cmpstr (r->err, ==, expected);
    g_assert_cmpint (cr_test_count_rows (database, "workshops"), ==, 1);
    g_clear_pointer (&r, cli_result_free);
  }

  /* --replace: the same ID, the file's content. */
  {
    g_autofree char *changed = NULL;
    char *at = strstr (text, "\"title\": \"Quarterly review\"");

    g_assert_nonnull (at);
    changed = g_strdup_printf ("%.*s\"title\": \"Quarterly review, corrected\"%s", (int) (at - text), text,
                               at + strlen ("\"title\": \"Quarterly review\""));
    write_file (renamed, changed);
  }
  r = run_cli (env, "--database", database, "--import", renamed, "--replace", NULL);
  g_assert_cmpint (r->status, ==, 0);
  g_assert_cmpstr (r->err, ==, "");
  out = g_strdup_printf ("%" G_GINT64_FORMAT "\n", id);
  g_assert_cmpstr (r->out, ==, out);
  g_clear_pointer (&r, cli_result_free);
  listed = run_cli (env, "--database", database, "--list", NULL);
  g_free (expected);
  expected = g_strdup_printf ("%" G_GINT64_FORMAT "\t2025-03-14\tNorthwind Logistics\tQuarterly review, corrected\n", id);
  g_assert_cmpstr (listed->out, ==, expected);

  /* --keep-both: another workshop. */
  r = run_cli (env, "--database", database, "--keep-both", "--import", exported, NULL);
  g_assert_cmpint (r->status, ==, 0);
  g_assert_cmpstr (r->err, ==, "");
  again = g_ascii_strtoll (r->out, NULL, 10);
  g_assert_cmpint (again, >, id);
  g_assert_cmpint (cr_test_count_rows (database, "workshops"), ==, 2);
}

typedef struct
{
  const char *name;
  const char *contents;   /* NULL: the file does not exist */
  const char *place;      /* what stderr must point at */
} BrokenCase;

static const BrokenCase broken_cases[] = {
  { "missing", NULL, "does not exist" },
  { "empty", "", "empty" },
  { "not-json",
    "{\n  \"format\": \"crossroads-workshop\",\n  \"version\": 1,\n  \"workshop\": {\n    \"title\": \n",
    "line " },
  { "foreign-format", "{ \"format\": \"spreadsheet\", \"version\": 1, \"workshop\": {} }\n", "spreadsheet" },
  { "future-version", "{ \"format\": \"crossroads-workshop\", \"version\": 7, \"workshop\": {} }\n", "version" },
  /* Not JSON, or JSON that json-glib would read as something else. */
  { "comment", "/* exported by hand */\n{ \"format\": \"crossroads-workshop\" }\n",
    "line 1, column 1: not valid JSON: a comment" },
  { "duplicate-member", "{ \"format\": \"crossroads-workshop\", \"format\": \"x\", \"version\": 1 }\n",
    "line 1, column 36: “format” is given twice in one object (first at line 1, column 3)" },
  { "nul-escape", "{ \"format\": \"crossroads-workshop\\u0000\", \"version\": 1 }\n",
    "line 1, column 33: format: \\u0000 (a NUL character) would cut the text short there" },
  { "second-document", "{ \"format\": \"crossroads-workshop\" }\n{ \"format\": \"crossroads-workshop\" }\n",
    "line 2, column 1: not valid JSON: more text after the end of the document" },
};

static void
assert_counts (const char   *database,
               const gint64 *expected)
{
  for (guint i = 0; i < G_N_ELEMENTS (tables); i++)
    {
      if (cr_test_count_rows (database, tables[i]) != expected[i])
        g_error ("table %s: %" G_GINT64_FORMAT " rows, expected %" G_GINT64_FORMAT,
                 tables[i], cr_test_count_rows (database, tables[i]), expected[i]);
    }
}

static void
assert_import_refused (CliEnv     *env,
                       const char *database,
                       const char *path,
                       const char *place)
{
  gint64 counts[G_N_ELEMENTS (tables)];
  g_autoptr(CliResult) r = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (tables); i++)
    counts[i] = cr_test_count_rows (database, tables[i]);

  r = run_cli (env, "--database", database, "--import", path, NULL);
  g_assert_cmpint (r->status, ==, 1);
  g_assert_cmpstr (r->out, ==, "");
  assert_one_line_message (r->err);
  g_assert_nonnull (strstr (r->err, path));
  if (strstr (r->err, place) == NULL)
    g_error ("stderr does not point at “%s”: %s", place, r->err);

  assert_counts (database, counts);
}

/* A library with one workshop in it, so "unchanged" is not trivially zero. */
static char *
make_library_with_one (CliEnv *env)
{
  g_autofree char *database = new_database_path (env);
  g_autofree char *bundle = write_bundle (env, "first.json", "First", "Acme", "2025-01-10");

  import_ok (env, database, bundle);
  g_assert_cmpint (cr_test_count_rows (database, "workshops"), ==, 1);
  return g_steal_pointer (&database);
}

static void
test_import_broken_file (gconstpointer data)
{
  const BrokenCase *c = data;
  g_autoptr(CliEnv) env = cli_env_new ();
  g_autofree char *database = make_library_with_one (env);
  g_autofree char *path = g_build_filename (env->home, "broken.json", NULL);

  if (c->contents != NULL)
    write_file (path, c->contents);
  assert_import_refused (env, database, path, c->place);
}

/* A file without end: read to the limit and one byte, then refused; it
 * used to be read until an allocation of 4 GiB aborted the program. */
static void
test_import_endless (void)
{
  g_autoptr(CliEnv) env = cli_env_new ();
  g_autofree char *database = make_library_with_one (env);
  g_autoptr(CliResult) t = NULL;

  if (!g_file_test ("/dev/zero", G_FILE_TEST_EXISTS))
    {
      g_test_skip ("no /dev/zero here");
      return;
    }
  assert_import_refused (env, database, "/dev/zero", "the file is larger than 64.0");

  t = run_cli (env, "--check-template", "/dev/zero", NULL);
  g_assert_cmpint (t->status, ==, 1);
  g_assert_cmpstr (t->out, ==, "");
  g_assert_nonnull (strstr (t->err, "/dev/zero: the file is larger than 4 MB"));
}

/* Valid JSON, broken late in the document: everything before the broken
 * part would have been written by a careless importer. */
static void
test_import_broken_rules (void)
{
  g_autoptr(CliEnv) env = cli_env_new ();
  g_autofree char *database = make_library_with_one (env);
  g_autofree char *good = make_bundle ("Broken", "Acme", "2025-02-01");
  struct {
    const char *from;
    const char *to;
    const char *place;
  } edits[] = {
    { "\"option\": \"projects-as-products\"", "\"option\": \"blockchain-hr\"",
      "workshop.rounds[0].votes[1].option" },
    { "\"date\": \"2025-02-01\"", "\"date\": \"2025-02-30\"", "workshop.date" },
    { "\"participant\": \"p2\"", "\"participant\": \"p9\"", "workshop.rounds[0].votes[1].participant" },
    { "\"owner\": \"Ana Sousa\", \"due\": \"2025-06-30\"", "\"owner\": \"Ana Sousa\", \"due\": \"soon\"",
      "workshop.actions[0].due" },
    /* A second choice for p1 in a single-choice round. */
    { "\"participant\": \"p2\", \"option\": \"projects-as-products\"",
      "\"participant\": \"p1\", \"option\": \"projects-as-products\"", "workshop.rounds[0].votes[1]" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (edits); i++)
    {
      g_autofree char *name = g_strdup_printf ("broken-%u.json", i);
      g_autofree char *path = g_build_filename (env->home, name, NULL);
      g_autoptr(GString) broken = g_string_new (good);

      g_assert_cmpuint (g_string_replace (broken, edits[i].from, edits[i].to, 1), ==, 1);
      write_file (path, broken->str);
      assert_import_refused (env, database, path, edits[i].place);
    }
}

/* -------------------------------------------------------------------------
 * Export
 * ---------------------------------------------------------------------- */

static gint64
library_with_bundle (CliEnv  *env,
                     char   **database_out)
{
  g_autofree char *database = new_database_path (env);
  g_autofree char *bundle = write_bundle (env, "bundle.json", "Quarterly review", "Northwind Logistics", "2025-03-14");
  gint64 id = import_ok (env, database, bundle);

  *database_out = g_steal_pointer (&database);
  return id;
}

static CliResult *
export (CliEnv     *env,
        const char *database,
        gint64      id,
        const char *format,
        const char *output)
{
  g_autofree char *id_text = g_strdup_printf ("%" G_GINT64_FORMAT, id);

  if (output != NULL)
    return run_cli (env, "--database", database, "--export", id_text, "--format", format,
                    "--output", output, NULL);
  return run_cli (env, "--database", database, "--export", id_text, "--format", format, NULL);
}

static void
test_export_json (void)
{
  g_autoptr(CliEnv) env = cli_env_new ();
  g_autofree char *database = NULL;
  gint64 id = library_with_bundle (env, &database);
  g_autoptr(CliResult) r = export (env, database, id, "json", NULL);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  JsonObject *root, *workshop, *results;
  JsonArray *participants, *rounds, *votes;

  g_assert_cmpint (r->status, ==, 0);
  g_assert_cmpstr (r->err, ==, "");
  json_parser_load_from_data (parser, r->out, -1, &error);
  g_assert_no_error (error);

  root = json_node_get_object (json_parser_get_root (parser));
  g_assert_cmpstr (json_object_get_string_member (root, "format"), ==, "crossroads-workshop");
  g_assert_cmpint (json_object_get_int_member (root, "version"), ==, 1);
  workshop = json_object_get_object_member (root, "workshop");
  g_assert_cmpstr (json_object_get_string_member (workshop, "title"), ==, "Quarterly review");
  g_assert_cmpstr (json_object_get_string_member (workshop, "organisation"), ==, "Northwind Logistics");
  g_assert_cmpstr (json_object_get_string_member (workshop, "date"), ==, "2025-03-14");
  g_assert_cmpstr (json_object_get_string_member (workshop, "template"), ==, "people-product-models");
  participants = json_object_get_array_member (workshop, "participants");
  g_assert_cmpuint (json_array_get_length (participants), ==, 2);
  rounds = json_object_get_array_member (workshop, "rounds");
  g_assert_cmpuint (json_array_get_length (rounds), ==, 1);
  votes = json_object_get_array_member (json_array_get_object_element (rounds, 0), "votes");
  g_assert_cmpuint (json_array_get_length (votes), ==, 2);

  results = json_object_get_object_member (root, "results");
  g_assert_nonnull (results);
  g_assert_true (json_object_has_member (results, "rounds"));
  g_assert_true (json_object_has_member (results, "recommendation"));
}

/* Importing an export and exporting again gives the same document. */
static void
test_export_json_round_trip (void)
{
  g_autoptr(CliEnv) env = cli_env_new ();
  g_autofree char *database = NULL;
  gint64 id = library_with_bundle (env, &database);
  g_autoptr(CliResult) first = export (env, database, id, "json", NULL);
  g_autoptr(CliResult) second = NULL;
  g_autofree char *path = g_build_filename (env->home, "exported.json", NULL);
  gint64 again;

  g_autofree char *other = g_build_filename (env->home, "other.db", NULL);

  /* Moved to another library, as a bundle is used. */
  g_assert_cmpint (first->status, ==, 0);
  write_file (path, first->out);
  again = import_ok (env, other, path);

  second = export (env, other, again, "json", NULL);
  g_assert_cmpint (second->status, ==, 0);
  g_assert_cmpstr (second->out, ==, first->out);
}

static void
test_export_text_formats (void)
{
  g_autoptr(CliEnv) env = cli_env_new ();
  g_autofree char *database = NULL;
  gint64 id = library_with_bundle (env, &database);
  g_autoptr(CliResult) md = export (env, database, id, "md", NULL);
  g_autoptr(CliResult) csv = export (env, database, id, "csv", NULL);
  g_autoptr(CliResult) html = export (env, database, id, "html", NULL);
  g_auto(GStrv) csv_lines = NULL;
  guint n_votes = 0;

  g_assert_cmpint (md->status, ==, 0);
  g_assert_cmpstr (md->err, ==, "");
  g_assert_nonnull (strstr (md->out, "Quarterly review"));
  g_assert_nonnull (strstr (md->out, "Northwind Logistics"));
  g_assert_nonnull (strstr (md->out, "Map the employee journey"));

  /* A byte order mark, then the header scripts rely on. */
  g_assert_cmpint (csv->status, ==, 0);
  g_assert_cmpstr (csv->err, ==, "");
  g_assert_true (g_str_has_prefix (csv->out, "\xEF\xBB\xBF" "record,"));
  csv_lines = g_strsplit (csv->out, "\r\n", -1);
  for (guint i = 0; csv_lines[i] != NULL; i++)
    if (g_str_has_prefix (csv_lines[i], "vote,"))
      n_votes++;
  g_assert_cmpuint (n_votes, ==, 2);
  g_assert_nonnull (strstr (csv->out, "Map the employee journey"));

  g_assert_cmpint (html->status, ==, 0);
  g_assert_cmpstr (html->err, ==, "");
  g_assert_true (g_str_has_prefix (html->out, "<!DOCTYPE html>"));
  g_assert_nonnull (strstr (html->out, "Quarterly review"));
  g_assert_nonnull (strstr (html->out, "</html>"));
}

static void
test_export_output (void)
{
  g_autoptr(CliEnv) env = cli_env_new ();
  g_autofree char *database = NULL;
  gint64 id = library_with_bundle (env, &database);
  const char *text_formats[] = { "md", "csv", "html", "json" };
  g_autofree char *pdf = g_build_filename (env->home, "summary.pdf", NULL);
  g_autoptr(CliResult) r = NULL;
  g_autoptr(GBytes) bytes = NULL;
  const char *data;
  gsize len;

  for (guint i = 0; i < G_N_ELEMENTS (text_formats); i++)
    {
      g_autofree char *name = g_strconcat ("summary.", text_formats[i], NULL);
      g_autofree char *path = g_build_filename (env->home, name, NULL);
      g_autoptr(CliResult) to_stdout = export (env, database, id, text_formats[i], NULL);
      g_autoptr(CliResult) to_file = export (env, database, id, text_formats[i], path);
      g_autofree char *contents = NULL;

      g_assert_cmpint (to_file->status, ==, 0);
      g_assert_cmpstr (to_file->out, ==, "");
      g_assert_cmpstr (to_file->err, ==, "");
      g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
      /* The same summary, wherever it goes. */
      g_assert_cmpstr (contents, ==, to_stdout->out);
    }

  r = export (env, database, id, "pdf", pdf);
  g_assert_cmpint (r->status, ==, 0);
  g_assert_cmpstr (r->out, ==, "");
  g_assert_cmpstr (r->err, ==, "");
  bytes = cr_test_read_file (pdf);
  g_assert_nonnull (bytes);
  data = g_bytes_get_data (bytes, &len);
  g_assert_cmpuint (len, >, 1000);
  g_assert_cmpmem (data, 5, "%PDF-", 5);
  g_assert_nonnull (g_strstr_len (data + len - MIN (len, 32), MIN (len, 32), "%%EOF"));
}

/* Standard output is a pipe here, not a terminal, so a PDF may go there. */
static void
test_export_pdf_stdout (void)
{
  g_autoptr(CliEnv) env = cli_env_new ();
  g_autofree char *database = NULL;
  gint64 id = library_with_bundle (env, &database);
  g_autoptr(CliResult) r = export (env, database, id, "pdf", NULL);

  g_assert_cmpint (r->status, ==, 0);
  g_assert_cmpstr (r->err, ==, "");
  g_assert_true (g_str_has_prefix (r->out, "%PDF-"));
}

static void
test_export_failures (void)
{
  g_autoptr(CliEnv) env = cli_env_new ();
  g_autofree char *database = NULL;
  gint64 id = library_with_bundle (env, &database);
  g_autofree char *nowhere = g_build_filename (env->home, "no-such-folder", "summary.md", NULL);
  g_autofree char *pdf = g_build_filename (env->home, "unknown.pdf", NULL);
  g_autoptr(CliResult) unknown = export (env, database, id + 1000, "md", NULL);
  g_autoptr(CliResult) unknown_pdf = export (env, database, id + 1000, "pdf", pdf);
  g_autoptr(CliResult) unwritable = export (env, database, id, "md", nowhere);

  g_assert_cmpint (unknown->status, ==, 1);
  g_assert_cmpstr (unknown->out, ==, "");
  assert_one_line_message (unknown->err);

  g_assert_cmpint (unknown_pdf->status, ==, 1);
  g_assert_cmpstr (unknown_pdf->out, ==, "");
  assert_one_line_message (unknown_pdf->err);
  g_assert_false (g_file_test (pdf, G_FILE_TEST_EXISTS));

  g_assert_cmpint (unwritable->status, ==, 1);
  g_assert_cmpstr (unwritable->out, ==, "");
  assert_one_line_message (unwritable->err);
  g_assert_nonnull (strstr (unwritable->err, "no-such-folder"));
  g_assert_false (g_file_test (nowhere, G_FILE_TEST_EXISTS));
}

/* The library's own files, and what --list says of it, to see that a
 * refused export changed nothing. */
static char *
library_state (CliEnv     *env,
               const char *database)
{
  g_autoptr(GBytes) bytes = cr_test_read_file (database);
  g_autoptr(CliResult) list = run_cli (env, "--database", database, "--list", NULL);
  g_autofree char *checksum = NULL;

  g_assert_nonnull (bytes);
  g_assert_cmpint (list->status, ==, 0);
  checksum = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, bytes);
  return g_strdup_printf ("%s %s", checksum, list->out);
}

/* `--output lib.db` once replaced the library with Markdown. The library,
 * its -wal, -shm and -journal, a link to it, a relative name and a backup
 * are each refused with one line, and nothing is written. */
static void
test_export_output_is_library (void)
{
  g_autoptr(CliEnv) env = cli_env_new ();
  g_autofree char *database = NULL;
  gint64 id = library_with_bundle (env, &database);
  g_autofree char *link = g_build_filename (env->home, "summary.md", NULL);
  g_autofree char *before = NULL;
  g_autoptr(CliResult) backups = NULL;
  g_autoptr(GPtrArray) outputs = g_ptr_array_new_with_free_func (g_free);
  const char *suffixes[] = { "", "-wal", "-shm", "-journal" };
  char *tab;

  g_assert_cmpint (symlink (database, link), ==, 0);
  backups = run_cli (env, "--database", database, "--list-backups", NULL);
  g_assert_cmpint (backups->status, ==, 0);
  tab = strchr (backups->out, '\t');
  g_assert_nonnull (tab);
  g_ptr_array_add (outputs, g_strndup (tab + 1, strcspn (tab + 1, "\n")));
  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    g_ptr_array_add (outputs, g_strconcat (database, suffixes[i], NULL));
  g_ptr_array_add (outputs, g_strdup (link));
  /* The commands run in env->home, where the library is. */
  g_ptr_array_add (outputs, g_strdup ("library.db"));
  g_ptr_array_add (outputs, g_strdup ("./library.db-wal"));

  before = library_state (env, database);
  for (guint i = 0; i < outputs->len; i++)
    {
      const char *output = g_ptr_array_index (outputs, i);
      g_autoptr(CliResult) r = export (env, database, id, "md", output);
      g_autofree char *after = NULL;

      g_test_message ("--output %s: %s", output, r->err);
      g_assert_cmpint (r->status, ==, 1);
      g_assert_cmpstr (r->out, ==, "");
      assert_one_line_message (r->err);
      g_assert_nonnull (strstr (r->err, output));
      g_assert_true (strstr (r->err, "is the library or one of its own files") != NULL ||
                     strstr (r->err, "is in the library’s backups folder") != NULL);
      after = library_state (env, database);
      g_assert_cmpstr (after, ==, before);
    }
  /* The journal that was not there was not made. */
  g_assert_false (g_file_test (g_ptr_array_index (outputs, 4), G_FILE_TEST_EXISTS));
  g_assert_true (g_file_test (link, G_FILE_TEST_IS_SYMLINK));
}

/* --output to a pipe or a device writes it in place; a link to one too. A
 * folder and a read-only file are refused; a file keeps its mode. */
static void
test_export_output_kinds (void)
{
  g_autoptr(CliEnv) env = cli_env_new ();
  g_autofree char *database = NULL;
  gint64 id = library_with_bundle (env, &database);
  g_autoptr(CliResult) md = export (env, database, id, "md", NULL);
  g_autofree char *null_link = g_build_filename (env->home, "discard.md", NULL);
  g_autofree char *fifo = g_build_filename (env->home, "pipe", NULL);
  g_autofree char *fifo_link = g_build_filename (env->home, "to-pipe.md", NULL);
  g_autofree char *folder = g_build_filename (env->home, "reports", NULL);
  g_autofree char *read_only = g_build_filename (env->home, "signed-off.md", NULL);
  g_autofree char *shared = g_build_filename (env->home, "shared.md", NULL);
  const char *fifo_paths[] = { fifo, fifo_link };
  GStatBuf null_before, st;

  g_assert_cmpint (md->status, ==, 0);

  /* /dev/null through a link: the link stays, the device is not replaced. */
  g_assert_cmpint (g_stat ("/dev/null", &null_before), ==, 0);
  g_assert_cmpint (symlink ("/dev/null", null_link), ==, 0);
  {
    g_autoptr(CliResult) r = export (env, database, id, "md", null_link);

    g_assert_cmpstr (r->err, ==, "");
    g_assert_cmpint (r->status, ==, 0);
    g_assert_true (g_file_test (null_link, G_FILE_TEST_IS_SYMLINK));
    g_assert_cmpint (g_stat ("/dev/null", &st), ==, 0);
    g_assert_true (S_ISCHR (st.st_mode));
    g_assert_cmpuint (st.st_ino, ==, null_before.st_ino);
  }

  /* A FIFO, and a link to it, with a reader at the other end. */
  g_assert_cmpint (mkfifo (fifo, 0600), ==, 0);
  g_assert_cmpint (symlink ("pipe", fifo_link), ==, 0);
  for (guint i = 0; i < G_N_ELEMENTS (fifo_paths); i++)
    {
      GThread *reader = cr_test_read_fifo (fifo);
      g_autoptr(CliResult) r = export (env, database, id, "md", fifo_paths[i]);
      g_autofree char *got = g_thread_join (reader);

      g_assert_cmpstr (r->err, ==, "");
      g_assert_cmpint (r->status, ==, 0);
      g_assert_cmpstr (got, ==, md->out);
      g_assert_cmpint (g_lstat (fifo, &st), ==, 0);
      g_assert_true (S_ISFIFO (st.st_mode));
    }

  /* Standard output is a pipe here: /dev/stdout is written in place. */
  {
    g_autoptr(CliResult) r = export (env, database, id, "md", "/dev/stdout");

    g_assert_cmpstr (r->err, ==, "");
    g_assert_cmpint (r->status, ==, 0);
    g_assert_cmpstr (r->out, ==, md->out);
    g_assert_true (g_file_test ("/dev/stdout", G_FILE_TEST_IS_SYMLINK));
  }

  /* A folder is no file to write. */
  g_assert_cmpint (g_mkdir (folder, 0700), ==, 0);
  {
    g_autoptr(CliResult) r = export (env, database, id, "md", folder);

    g_assert_cmpint (r->status, ==, 1);
    assert_one_line_message (r->err);
    g_assert_nonnull (strstr (r->err, "is a folder"));
    g_assert_true (g_file_test (folder, G_FILE_TEST_IS_DIR));
    assert_dir_empty (folder);
  }

  /* A read-only file stays as it was, even where its folder is writable. */
  write_file (read_only, "Signed off by the board.\n");
  g_assert_cmpint (g_chmod (read_only, 0444), ==, 0);
  {
    g_autoptr(CliResult) r = export (env, database, id, "md", read_only);
    g_autofree char *contents = NULL;

    g_assert_cmpint (r->status, ==, 1);
    assert_one_line_message (r->err);
    g_assert_nonnull (strstr (r->err, "is read-only"));
    g_assert_true (g_file_get_contents (read_only, &contents, NULL, NULL));
    g_assert_cmpstr (contents, ==, "Signed off by the board.\n");
    g_assert_cmpint (g_stat (read_only, &st), ==, 0);
    g_assert_cmpuint (st.st_mode & 07777, ==, 0444);
  }

  /* A file shared with the group keeps its mode when it is replaced. */
  write_file (shared, "last week\n");
  g_assert_cmpint (g_chmod (shared, 0660), ==, 0);
  {
    g_autoptr(CliResult) r = export (env, database, id, "md", shared);
    g_autofree char *contents = NULL;

    g_assert_cmpstr (r->err, ==, "");
    g_assert_cmpint (r->status, ==, 0);
    g_assert_true (g_file_get_contents (shared, &contents, NULL, NULL));
    g_assert_cmpstr (contents, ==, md->out);
    g_assert_cmpint (g_stat (shared, &st), ==, 0);
    g_assert_cmpuint (st.st_mode & 07777, ==, 0660);
  }
}

/* -------------------------------------------------------------------------
 * Templates
 * ---------------------------------------------------------------------- */

static char *
builtin_template_path (const char *id)
{
  g_autofree char *name = g_strconcat (id, ".json", NULL);

  return cr_test_source_path ("..", "data", "templates", name, NULL);
}

/* -------------------------------------------------------------------------
 * Inside a Flatpak sandbox
 *
 * CROSSROADS_FLATPAK_INFO names the sandbox's description in place of
 * /.flatpak-info: the same decisions as in a real sandbox, on this
 * machine's files. The sandbox reaches the app's own folder and its data
 * folder, and what the document portal forwards (XDG_RUNTIME_DIR/doc/ID/).
 * ---------------------------------------------------------------------- */

static void
simulate_sandbox (CliEnv     *env,
                  const char *context)
{
  g_autofree char *info = g_build_filename (env->home, "flatpak-info", NULL);
  g_autofree char *contents = g_strdup_printf ("[Application]\nname=%s\n\n[Context]\n%s\n", APP_ID, context);
  g_autofree char *runtime = g_build_filename (env->home, "run", NULL);

  write_file (info, contents);
  g_assert_cmpint (g_mkdir_with_parents (runtime, 0700), ==, 0);
  env->envp = g_environ_setenv (env->envp, "CROSSROADS_FLATPAK_INFO", info, TRUE);
  env->envp = g_environ_setenv (env->envp, "XDG_RUNTIME_DIR", runtime, TRUE);
}

/* A bundle as flatpak run --file-forwarding hands it over: in a folder of
 * its own in the document portal. */
static char *
forward_file (CliEnv     *env,
              const char *source)
{
  g_autofree char *name = g_path_get_basename (source);
  g_autofree char *folder = g_build_filename (env->home, "run", "doc", "9f3a61c2", NULL);
  g_autofree char *contents = NULL;
  char *path = g_build_filename (folder, name, NULL);

  g_assert_cmpint (g_mkdir_with_parents (folder, 0700), ==, 0);
  g_assert_true (g_file_get_contents (source, &contents, NULL, NULL));
  write_file (path, contents);
  return path;
}

static void
assert_fails_with (CliResult  *r,
                   const char *message)
{
  g_autofree char *line = g_strconcat ("crossroads: ", message, "\n", NULL);

  g_assert_cmpint (r->status, ==, 1);
  g_assert_cmpstr (r->out, ==, "");
  g_assert_cmpstr (r->err, ==, line);
}

/* What the sandbox cannot reach fails before anything is opened or
 * written, and the message says why and what works instead. */
static void
test_sandbox_messages (void)
{
  g_autoptr(CliEnv) env = cli_env_new ();
  g_autofree char *app_dir = g_build_filename (env->home, ".var", "app", APP_ID, NULL);
  g_autofree char *documents = g_build_filename (env->home, "Documents", NULL);
  g_autofree char *missing = g_build_filename (documents, "bundle.json", NULL);
  g_autofree char *template = g_build_filename (documents, "template.json", NULL);
  g_autofree char *library = g_build_filename (documents, "library.db", NULL);
  g_autofree char *output = g_build_filename (documents, "summary.md", NULL);
  g_autofree char *database = NULL;
  g_autofree char *bundle = write_bundle (env, "bundle.json", "Quarterly review", "Northwind Logistics", "2025-03-14");
  g_autofree char *forwarded = forward_file (env, bundle);
  g_autofree char *forwarded_library = NULL;
  g_autofree char *message = NULL;
  gint64 id;

  g_assert_cmpint (g_mkdir_with_parents (documents, 0700), ==, 0);
  simulate_sandbox (env, "shared=network;ipc;\nsockets=wayland;fallback-x11;");
  database = cli_env_default_database (env);

  /* Files to read, outside its reach and not there. */
  for (guint i = 0; i < 2; i++)
    {
      const char *option = i == 0 ? "--import" : "--check-template";
      const char *path = i == 0 ? missing : template;
      g_autoptr(CliResult) r = run_cli (env, option, path, NULL);

      message = g_strdup_printf ("%s: the Flatpak sandbox has no access to this folder. Put the file under "
                                 "“%s”, or hand it to the app: flatpak run --file-forwarding " APP_ID
                                 " %s @@ '%s' @@", path, app_dir, option, path);
      assert_fails_with (r, message);
      g_clear_pointer (&message, g_free);
    }
  {
    g_autoptr(CliResult) r = run_cli (env, "--database", library, "--list", NULL);
    g_autofree char *folder = g_path_get_dirname (database);

    message = g_strdup_printf ("%s: the Flatpak sandbox has no access to this folder, and a library needs "
                               "its folder for its -wal and -shm files and its backups; move the library "
                               "into “%s”, or leave out --database.", library, folder);
    assert_fails_with (r, message);
    g_assert_false (g_file_test (library, G_FILE_TEST_EXISTS));
    g_clear_pointer (&message, g_free);
  }

  /* A forwarded bundle imports, into the library in the data folder. */
  {
    g_autofree char *folder = g_path_get_dirname (database);

    g_assert_cmpint (g_mkdir_with_parents (folder, 0700), ==, 0);
  }
  id = import_ok (env, database, forwarded);
  {
    g_autofree char *id_text = g_strdup_printf ("%" G_GINT64_FORMAT, id);
    g_autoptr(CliResult) r = run_cli (env, "--export", id_text, "--format", "md", "--output", output, NULL);

    message = g_strdup_printf ("Could not write the export to “%s”: the Flatpak sandbox has no access to this "
                               "folder. Write under “%s”, or leave out --output and redirect the standard "
                               "output: flatpak run " APP_ID " --export %s --format md > '%s'",
                               output, app_dir, id_text, output);
    assert_fails_with (r, message);
    g_assert_false (g_file_test (output, G_FILE_TEST_EXISTS));
    g_clear_pointer (&message, g_free);
  }
  {
    g_autoptr(CliResult) r = NULL;
    g_autofree char *inside = g_build_filename (app_dir, "summary.md", NULL);

    g_assert_cmpint (g_mkdir_with_parents (app_dir, 0700), ==, 0);
    r = export (env, database, id, "md", inside);
    g_assert_cmpint (r->status, ==, 0);
    g_assert_cmpstr (r->err, ==, "");
    g_assert_true (g_file_test (inside, G_FILE_TEST_IS_REGULAR));
  }

  /* A forwarded template is checked; a forwarded library is refused: the
   * portal hands over the file alone. */
  {
    g_autofree char *builtin = builtin_template_path ("people-product-models");
    g_autofree char *forwarded_template = forward_file (env, builtin);
    g_autoptr(CliResult) r = run_cli (env, "--check-template", forwarded_template, NULL);

    g_assert_cmpint (r->status, ==, 0);
    g_assert_cmpstr (r->err, ==, "");
  }
  {
    g_autoptr(CliResult) r = NULL;

    forwarded_library = forward_file (env, database);
    r = run_cli (env, "--database", forwarded_library, "--list", NULL);
    g_assert_cmpint (r->status, ==, 1);
    g_assert_true (g_str_has_prefix (r->err, "crossroads: "));
    g_assert_nonnull (strstr (r->err, "the Flatpak sandbox has no access to this folder"));
  }
}

/* A folder the sandbox's permissions (or the user's overrides) grant is
 * reached like the app's own; outside a sandbox every folder is. */
static void
test_sandbox_granted (void)
{
  g_autoptr(CliEnv) env = cli_env_new ();
  g_autofree char *documents = g_build_filename (env->home, "Documents", NULL);
  g_autofree char *library = g_build_filename (documents, "library.db", NULL);
  g_autofree char *output = g_build_filename (documents, "summary.md", NULL);
  g_autofree char *bundle = write_bundle (env, "bundle.json", "Quarterly review", "Northwind Logistics", "2025-03-14");
  gint64 id;

  g_assert_cmpint (g_mkdir_with_parents (documents, 0700), ==, 0);
  /* Not in a sandbox: the same commands as in the test above work. */
  id = import_ok (env, library, bundle);
  {
    g_autoptr(CliResult) r = export (env, library, id, "md", output);

    g_assert_cmpint (r->status, ==, 0);
    g_assert_true (g_file_test (output, G_FILE_TEST_IS_REGULAR));
  }
  g_assert_cmpint (g_unlink (output), ==, 0);

  simulate_sandbox (env, "filesystems=~/Documents;xdg-run/gvfsd:ro;");
  {
    g_autoptr(CliResult) r = export (env, library, id, "md", output);

    g_assert_cmpstr (r->err, ==, "");
    g_assert_cmpint (r->status, ==, 0);
    g_assert_true (g_file_test (output, G_FILE_TEST_IS_REGULAR));
  }
}

/* An --output the sandbox refuses with @reason ("has no access to", "may
 * only read"), the message naming @shown, where @output leads. */
static void
assert_output_refused (CliEnv     *env,
                       const char *database,
                       gint64      id,
                       const char *output,
                       const char *shown,
                       const char *reason)
{
  g_autofree char *app_dir = g_build_filename (env->home, ".var", "app", APP_ID, NULL);
  g_autoptr(CliResult) r = export (env, database, id, "md", output);
  g_autofree char *message = g_strdup_printf (
    "Could not write the export to “%s”: the Flatpak sandbox %s this folder. Write under “%s”, or leave "
    "out --output and redirect the standard output: flatpak run " APP_ID " --database '%s' --export %"
    G_GINT64_FORMAT " --format md > '%s'", shown, reason, app_dir, database, id, shown);

  assert_fails_with (r, message);
  g_assert_false (g_file_test (shown, G_FILE_TEST_EXISTS));
}

/* Every form of grant flatpak-metadata(5) lists, read from a real
 * /.flatpak-info: home/SUB, ~/SUB, xdg-documents/SUB (where the user's
 * user-dirs.dirs puts Documents), xdg-config/SUB and xdg-data/SUB (the
 * host's base folders), the :ro, :rw and :create modes, a negated entry
 * that hides a folder inside a grant; and what every sandbox has: its own
 * standard output, the document portal, links judged where they lead. */
static void
test_sandbox_grant_forms (void)
{
  g_autoptr(CliEnv) env = cli_env_new ();
  g_autofree char *app_dir = g_build_filename (env->home, ".var", "app", APP_ID, NULL);
  g_autofree char *bundle = write_bundle (env, "bundle.json", "Quarterly review", "Northwind Logistics", "2025-03-14");
  g_autofree char *user_dirs = g_build_filename (env->home, "config", "user-dirs.dirs", NULL);
  g_autofree char *database = NULL;
  g_autofree char *md = NULL;
  g_autofree char *link = g_build_filename (app_dir, "docs-link", NULL);
  g_autofree char *documents = g_build_filename (env->home, "Documents", NULL);
  g_autofree char *archive = g_build_filename (env->home, "Archive", NULL);
  struct
  {
    const char *folder;     /* under HOME */
    gboolean    writable;
  } outputs[] = {
    { "Clients", TRUE },                      /* home/Clients */
    { "Clients/Private", FALSE },             /* !~/Clients/Private */
    { "Papers/Reports", TRUE },               /* xdg-documents/Reports, Documents being ~/Papers */
    { "Documents/Reports", FALSE },           /* not the user's documents folder */
    { ".config/crossroads-exports", TRUE },   /* xdg-config/crossroads-exports:create */
    { ".local/share/exports", TRUE },         /* xdg-data/exports:rw */
    { "Desktop", FALSE },                     /* xdg-desktop: turned off (set to HOME) */
  };
  gint64 id;

  g_assert_cmpint (g_mkdir_with_parents (app_dir, 0700), ==, 0);
  {
    g_autofree char *config = g_path_get_dirname (user_dirs);

    g_assert_cmpint (g_mkdir_with_parents (config, 0700), ==, 0);
  }
  write_file (user_dirs, "XDG_DOCUMENTS_DIR=\"$HOME/Papers\"\nXDG_DESKTOP_DIR=\"$HOME/\"\n");
  simulate_sandbox (env, "shared=network;ipc;\nsockets=wayland;fallback-x11;\ndevices=dri;\n"
                         "filesystems=home/Clients;!~/Clients/Private;xdg-documents/Reports;"
                         "xdg-config/crossroads-exports:create;xdg-data/exports:rw;xdg-desktop;~/Archive:ro;");
  database = cli_env_default_database (env);
  {
    g_autofree char *folder = g_path_get_dirname (database);

    g_assert_cmpint (g_mkdir_with_parents (folder, 0700), ==, 0);
  }
  /* A bundle in a read-only grant is read. */
  {
    g_autofree char *contents = NULL;
    g_autofree char *in_archive = g_build_filename (archive, "bundle.json", NULL);

    g_assert_cmpint (g_mkdir_with_parents (archive, 0700), ==, 0);
    g_assert_true (g_file_get_contents (bundle, &contents, NULL, NULL));
    write_file (in_archive, contents);
    id = import_ok (env, database, in_archive);
  }
  {
    g_autoptr(CliResult) r = export (env, database, id, "md", NULL);

    g_assert_cmpint (r->status, ==, 0);
    md = g_strdup (r->out);
  }

  for (guint i = 0; i < G_N_ELEMENTS (outputs); i++)
    {
      g_autofree char *folder = g_build_filename (env->home, outputs[i].folder, NULL);
      g_autofree char *output = g_build_filename (folder, "summary.md", NULL);
      g_autoptr(CliResult) r = NULL;

      g_test_message ("--output under %s", outputs[i].folder);
      g_assert_cmpint (g_mkdir_with_parents (folder, 0700), ==, 0);
      r = export (env, database, id, "md", output);
      if (outputs[i].writable)
        {
          g_assert_cmpstr (r->err, ==, "");
          g_assert_cmpint (r->status, ==, 0);
          g_assert_true (g_file_test (output, G_FILE_TEST_IS_REGULAR));
        }
      else
        assert_output_refused (env, database, id, output, output, "has no access to");
    }

  /* A read-only grant is read, not written: the sandbox's reason. */
  {
    g_autofree char *output = g_build_filename (archive, "summary.md", NULL);

    assert_output_refused (env, database, id, output, output, "may only read");
  }

  /* The process's own standard output and error are always its own. */
  {
    g_autoptr(CliResult) r = export (env, database, id, "md", "/dev/stdout");

    g_assert_cmpstr (r->err, ==, "");
    g_assert_cmpint (r->status, ==, 0);
    g_assert_cmpstr (r->out, ==, md);
  }
  for (guint i = 0; i < 2; i++)
    {
      g_autoptr(CliResult) r = export (env, database, id, "md", i == 0 ? "/dev/stderr" : "/proc/self/fd/2");

      g_assert_cmpint (r->status, ==, 0);
      g_assert_cmpstr (r->out, ==, "");
      g_assert_cmpstr (r->err, ==, md);
    }

  /* The rest of /dev and /proc is the sandbox's own: a report written
   * there is gone when the app ends. */
  {
    g_autofree char *name = g_path_get_basename (env->home);
    g_autofree char *shm = g_strdup_printf ("/dev/shm/%s-summary.md", name);

    assert_output_refused (env, database, id, shm, shm, "has no access to");
  }
  {
    g_autofree char *outside = g_build_filename (env->home, "summary.md", NULL);
    g_autofree char *through = g_strconcat ("/proc/self/root", outside, NULL);

    assert_output_refused (env, database, id, through, outside, "has no access to");
  }

  /* A link in the app's folder counts where it leads: inside the sandbox
   * its target is not there, and the message names the folder missing. */
  g_assert_cmpint (g_mkdir_with_parents (documents, 0700), ==, 0);
  g_assert_cmpint (symlink (documents, link), ==, 0);
  {
    g_autofree char *through = g_build_filename (link, "summary.md", NULL);
    g_autofree char *target = g_build_filename (documents, "summary.md", NULL);

    assert_output_refused (env, database, id, through, target, "has no access to");
  }
  {
    g_autofree char *through = g_build_filename (link, "w.json", NULL);
    g_autofree char *target = g_build_filename (documents, "w.json", NULL);
    g_autoptr(CliResult) r = run_cli (env, "--import", through, NULL);
    g_autofree char *message = g_strdup_printf (
      "%s: the Flatpak sandbox has no access to this folder. Put the file under “%s”, or hand it to "
      "the app: flatpak run --file-forwarding " APP_ID " --import @@ '%s' @@", target, app_dir, target);

    assert_fails_with (r, message);
  }

  /* host grants the home folder too, wherever it is; host:ro reads it. */
  simulate_sandbox (env, "filesystems=host:ro;");
  {
    g_autofree char *output = g_build_filename (documents, "summary.md", NULL);

    assert_output_refused (env, database, id, output, output, "may only read");
  }

  /* The document portal's own place, /run/user/UID/doc, whatever
   * XDG_RUNTIME_DIR says: a file that is not there is just not there. */
  {
    g_autofree char *forwarded = g_strdup_printf ("/run/user/%u/doc/0d1e2f3a/w.json", (guint) getuid ());
    g_autoptr(CliResult) r = run_cli (env, "--import", forwarded, NULL);

    g_assert_cmpint (r->status, ==, 1);
    g_assert_null (strstr (r->err, "Flatpak sandbox"));
  }
}

/* Paths in the sandbox's messages: quoted for the shell in the command to
 * copy, a byte that is not UTF-8 spelt $'\xNN' there and U+FFFD in the
 * prose, under C.UTF-8; under C the prose's quotes and U+FFFD are ASCII,
 * the command the same bytes. Byte for byte. */
static void
test_sandbox_quoting (void)
{
  struct { const char *locale; const char *open; const char *close; const char *unknown; } cases[] = {
    { "C.UTF-8", "\xe2\x80\x9c", "\xe2\x80\x9d", "\xef\xbf\xbd" },
    { "C", "\"", "\"", "?" },
  };
  g_autoptr(CliEnv) env = cli_env_new ();
  g_autofree char *app_dir = g_build_filename (env->home, ".var", "app", APP_ID, NULL);
  g_autofree char *client = g_build_filename (env->home, "Client A", NULL);
  g_autofree char *output = g_build_filename (client, "report final's \xe9t\xe9.md", NULL);
  g_autofree char *bundle = g_build_filename (client, "it's \xe9t\xe9.json", NULL);

  g_assert_cmpint (g_mkdir_with_parents (client, 0700), ==, 0);
  simulate_sandbox (env, "shared=network;ipc;");
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(CliResult) out = NULL;
      g_autoptr(CliResult) in = NULL;
      g_autofree char *expected_out = NULL;
      g_autofree char *expected_in = NULL;

      g_test_message ("LC_ALL=%s", cases[i].locale);
      env->envp = g_environ_setenv (env->envp, "LC_ALL", cases[i].locale, TRUE);
      env->envp = g_environ_unsetenv (env->envp, "LANGUAGE");
      out = run_cli (env, "--export", "3", "--format", "pdf", "--output", output, NULL);
      expected_out = g_strdup_printf (
        "crossroads: Could not write the export to %s%s/report final's %st%s.md%s: the Flatpak sandbox has no "
        "access to this folder. Write under %s%s%s, or leave out --output and redirect the standard output: "
        "flatpak run " APP_ID " --export 3 --format pdf > '%s/report final'\\''s '$'\\xe9''t'$'\\xe9''.md'\n",
        cases[i].open, client, cases[i].unknown, cases[i].unknown, cases[i].close,
        cases[i].open, app_dir, cases[i].close, client);
      g_assert_cmpint (out->status, ==, 1);
      g_assert_cmpstr (out->err, ==, expected_out);
      g_assert_true (g_utf8_validate (out->err, -1, NULL));

      in = run_cli (env, "--check-template", bundle, NULL);
      expected_in = g_strdup_printf (
        "crossroads: %s/it's %st%s.json: the Flatpak sandbox has no access to this folder. Put the file under "
        "%s%s%s, or hand it to the app: flatpak run --file-forwarding " APP_ID " --check-template "
        "@@ '%s/it'\\''s '$'\\xe9''t'$'\\xe9''.json' @@\n",
        client, cases[i].unknown, cases[i].unknown, cases[i].open, app_dir, cases[i].close, client);
      g_assert_cmpint (in->status, ==, 1);
      g_assert_cmpstr (in->err, ==, expected_in);
      g_assert_true (g_utf8_validate (in->err, -1, NULL));
    }
}

static void
test_check_template_builtin (void)
{
  const char *ids[] = { "people-product-models", "product-led-vocabulary" };
  g_autoptr(CliEnv) env = cli_env_new ();

  for (guint i = 0; i < G_N_ELEMENTS (ids); i++)
    {
      g_autofree char *path = builtin_template_path (ids[i]);
      g_autoptr(CliResult) r = run_cli (env, "--check-template", path, NULL);

      g_assert_cmpint (r->status, ==, 0);
      g_assert_cmpstr (r->err, ==, "");
      g_assert_nonnull (strstr (r->out, ids[i]));
    }
  /* Checking a template opens no library. */
  assert_dir_empty (env->data_home);
}

/* Messages with curly quotes print UTF-8 under a UTF-8 locale, byte for
 * byte, and plain ASCII quotes under C: never GLib's "?" for each one. A
 * valid template says so on one line, as the help shows. */
static void
test_check_template_locale (void)
{
  struct { const char *locale; const char *open; const char *close; } cases[] = {
    { "C.UTF-8", "\xe2\x80\x9c", "\xe2\x80\x9d" },
    { "C", "\"", "\"" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(CliEnv) env = cli_env_new ();
      g_autofree char *path = builtin_template_path ("people-product-models");
      g_autofree char *valid = NULL;
      g_autofree char *unexpected = NULL;
      g_autoptr(CliResult) r = NULL;
      g_autoptr(CliResult) usage = NULL;

      env->envp = g_environ_setenv (env->envp, "LC_ALL", cases[i].locale, TRUE);
      env->envp = g_environ_unsetenv (env->envp, "LANGUAGE");
      r = run_cli (env, "--check-template", path, NULL);
      valid = g_strdup_printf ("%s: a valid template %speople-product-models%s with 3 options, "
                               "3 questions and 7 context fields\n",
                               path, cases[i].open, cases[i].close);
      g_assert_cmpint (r->status, ==, 0);
      g_assert_cmpstr (r->out, ==, valid);
      g_assert_cmpstr (r->err, ==, "");

      usage = run_cli (env, "--list", "x", NULL);
      unexpected = g_strdup_printf ("crossroads: Unexpected argument %sx%s; see crossroads --help.\n",
                                    cases[i].open, cases[i].close);
      g_assert_cmpint (usage->status, ==, 2);
      g_assert_cmpstr (usage->err, ==, unexpected);
    }
}

/* A valid template that leaves something to chance: warnings on stderr,
 * each with its place, then the line of a valid template, exit status 0.
 * The help's example leaves nothing; without its vote on "today" it warns,
 * as the help shows. */
static void
test_check_template_warnings (void)
{
  g_autoptr(CliEnv) env = cli_env_new ();
  g_autoptr(GBytes) example = cr_test_help_example ();
  g_autoptr(GString) text = g_string_new_len (g_bytes_get_data (example, NULL), g_bytes_get_size (example));
  g_autofree char *path = g_build_filename (env->home, "my-template.json", NULL);
  g_autofree char *valid = NULL;
  g_autofree char *warning = NULL;

  write_file (path, text->str);
  valid = g_strdup_printf ("%s: a valid template \u201conboarding-models\u201d with 2 options, 2 questions "
                           "and 2 context fields\n", path);
  {
    g_autoptr(CliResult) r = run_cli (env, "--check-template", path, NULL);

    g_assert_cmpint (r->status, ==, 0);
    g_assert_cmpstr (r->out, ==, valid);
    g_assert_cmpstr (r->err, ==, "");
  }

  g_assert_cmpuint (g_string_replace (text, "    { \"id\": \"vote-today\", \"title\": \"Where are we today?\", "
                                      "\"page\": \"vote\", \"question\": \"today\", \"minutes\": 10 },\n", "", 1), ==, 1);
  write_file (path, text->str);
  warning = g_strdup_printf ("%s: warning: questions[0]: no step of the agenda puts 'today' to the vote; "
                             "a workshop adds a vote step for it\n", path);
  {
    g_autoptr(CliResult) r = run_cli (env, "--check-template", path, NULL);

    g_assert_cmpint (r->status, ==, 0);
    g_assert_cmpstr (r->out, ==, valid);
    g_assert_cmpstr (r->err, ==, warning);
  }
}

static void
test_check_template_broken (void)
{
  g_autoptr(CliEnv) env = cli_env_new ();
  g_autofree char *builtin = builtin_template_path ("people-product-models");
  g_autofree char *path = g_build_filename (env->home, "broken-template.json", NULL);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(CliResult) r = NULL;
  g_autofree char *text = NULL;
  g_auto(GStrv) lines = NULL;
  JsonObject *root;
  JsonArray *options, *questions;
  const char *first_id;

  /* Two independent mistakes in an otherwise valid template: both must be
   * reported, each with its place. */
  json_parser_load_from_file (parser, builtin, &error);
  g_assert_no_error (error);
  root = json_node_get_object (json_parser_get_root (parser));
  options = json_object_get_array_member (root, "options");
  questions = json_object_get_array_member (root, "questions");
  first_id = json_object_get_string_member (json_array_get_object_element (options, 0), "id");
  json_object_set_string_member (json_array_get_object_element (options, 1), "id", first_id);
  json_object_set_string_member (json_array_get_object_element (questions, 0), "method", "shouting");
  text = json_to_string (json_parser_get_root (parser), TRUE);
  write_file (path, text);

  r = run_cli (env, "--check-template", path, NULL);
  g_assert_cmpint (r->status, ==, 1);
  g_assert_cmpstr (r->out, ==, "");
  lines = g_strsplit (r->err, "\n", -1);
  /* At least the two problems and the closing summary. */
  g_assert_cmpuint (g_strv_length (lines), >=, 4);
  g_assert_nonnull (strstr (r->err, "options[1].id"));
  g_assert_nonnull (strstr (r->err, "questions[0].method"));
  g_assert_nonnull (strstr (r->err, "shouting"));
  for (guint i = 0; lines[i] != NULL && lines[i][0] != '\0'; i++)
    g_assert_true (g_str_has_prefix (lines[i], path) || g_str_has_prefix (lines[i], "crossroads: "));
}

static void
test_check_template_not_json (void)
{
  g_autoptr(CliEnv) env = cli_env_new ();
  g_autofree char *path = cr_test_source_path ("cli", "not-a-template.json", NULL);
  g_autofree char *missing = g_build_filename (env->home, "missing.json", NULL);
  g_autoptr(CliResult) r = run_cli (env, "--check-template", path, NULL);
  g_autoptr(CliResult) m = run_cli (env, "--check-template", missing, NULL);

  g_assert_cmpint (r->status, ==, 1);
  g_assert_cmpstr (r->out, ==, "");
  g_assert_nonnull (strstr (r->err, path));
  g_assert_nonnull (strstr (r->err, "line "));

  g_assert_cmpint (m->status, ==, 1);
  g_assert_cmpstr (m->out, ==, "");
  g_assert_nonnull (strstr (m->err, missing));
}

static int
compare_names (const char * const *a,
               const char * const *b,
               gpointer            unused)
{
  return g_strcmp0 (*a, *b);
}

/* The names in a folder, sorted, one string. */
static char *
list_dir (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  g_assert_nonnull (dir);
  while ((name = g_dir_read_name (dir)) != NULL)
    g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_add (names, NULL);
  g_qsort_with_data (names->pdata, names->len - 1, sizeof (char *), (GCompareDataFunc) compare_names, NULL);
  return g_strjoinv (" ", (char **) names->pdata);
}

/* What is not an ordinary file's path is refused, and nothing is made: not
 * SQLite's ":memory:" (which took an import and kept nothing), not a
 * "file:" URI (whose backups went to a folder named after the URI), not a
 * link to /dev/null (which left /dev/null-journal behind), not a pipe. */
static void
test_database_not_a_file_path (void)
{
  g_autoptr(CliEnv) env = cli_env_new ();
  g_autofree char *bundle = write_bundle (env, "bundle.json", "Paths", "Acme", "2025-03-14");
  g_autofree char *null_link = g_build_filename (env->home, "null.db", NULL);
  g_autofree char *fifo = g_build_filename (env->home, "pipe.db", NULL);
  g_autofree char *dangling = g_build_filename (env->home, "dangling.db", NULL);
  g_autofree char *before = NULL;
  gboolean null_journal_before = g_file_test ("/dev/null-journal", G_FILE_TEST_EXISTS);
  static const struct {
    const char *database;
    const char *expected;
  } cases[] = {
    { ":memory:", "“:memory:” is not the path of a file" },
    { "file:x.db", "“file:x.db” is not the path of a file" },
    { "file:x.db?mode=memory", "is not the path of a file" },
    { "null.db", "null.db is a link to /dev/null, which is not an ordinary file" },
    { "pipe.db", "pipe.db is a named pipe, not an ordinary file" },
    { "dangling.db", "dangling.db is a link to nowhere/gone.db, which does not exist" },
  };

  g_assert_cmpint (symlink ("/dev/null", null_link), ==, 0);
  g_assert_cmpint (symlink ("nowhere/gone.db", dangling), ==, 0);
  g_assert_cmpint (mkfifo (fifo, 0600), ==, 0);
  before = list_dir (env->home);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      const char *commands[][2] = { { "--import", bundle }, { "--list", NULL }, { "--list-backups", NULL } };

      for (guint j = 0; j < G_N_ELEMENTS (commands); j++)
        {
          const char *args[] = { "--database", cases[i].database, commands[j][0], commands[j][1], NULL };
          g_autoptr(CliResult) r = run_cliv (env, args);
          g_autofree char *after = NULL;

          g_test_message ("%s %s: %s", cases[i].database, commands[j][0], r->err);
          g_assert_cmpint (r->status, ==, 1);
          g_assert_cmpstr (r->out, ==, "");
          assert_one_line_message (r->err);
          g_assert_nonnull (strstr (r->err, cases[i].expected));
          after = list_dir (env->home);
          g_assert_cmpstr (after, ==, before);
        }
    }
  g_assert_true (g_file_test (fifo, G_FILE_TEST_EXISTS) && !g_file_test (fifo, G_FILE_TEST_IS_REGULAR));
  if (!null_journal_before)
    g_assert_false (g_file_test ("/dev/null-journal", G_FILE_TEST_EXISTS));
}

/* With HOME and XDG_DATA_HOME empty the default library would have been
 * made in the current folder. */
static void
test_default_database_without_home (void)
{
  g_autoptr(CliEnv) env = cli_env_new ();
  g_autofree char *before = list_dir (env->home);
  g_autofree char *after = NULL;
  g_autoptr(CliResult) r = NULL;

  env->envp = g_environ_setenv (env->envp, "HOME", "", TRUE);
  env->envp = g_environ_setenv (env->envp, "XDG_DATA_HOME", "", TRUE);
  r = run_cli (env, "--list", NULL);
  g_test_message ("%s", r->err);
  g_assert_cmpint (r->status, ==, 1);
  g_assert_cmpstr (r->out, ==, "");
  assert_one_line_message (r->err);
  g_assert_nonnull (strstr (r->err, "HOME and XDG_DATA_HOME are empty or not absolute paths"));
  after = list_dir (env->home);
  g_assert_cmpstr (after, ==, before);
}

/* The XDG specification has a relative XDG_DATA_HOME ignored, as if it
 * were unset: the library is then under HOME, as usual, rather than refused
 * (or made in the current folder). */
static void
test_default_database_relative_xdg (void)
{
  g_autoptr(CliEnv) env = cli_env_new ();
  g_autofree char *database = g_build_filename (env->home, ".local", "share", "crossroads", "crossroads.db", NULL);
  g_autofree char *relative = g_build_filename (env->home, "elsewhere", NULL);
  g_autoptr(CliResult) r = NULL;

  env->envp = g_environ_setenv (env->envp, "XDG_DATA_HOME", "elsewhere", TRUE);
  r = run_cli (env, "--list", NULL);
  g_test_message ("%s", r->err);
  g_assert_cmpint (r->status, ==, 0);
  g_assert_cmpstr (r->err, ==, "");
  g_assert_true (g_file_test (database, G_FILE_TEST_IS_REGULAR));
  g_assert_false (g_file_test (relative, G_FILE_TEST_EXISTS));
}

/* -------------------------------------------------------------------------
 * Compare
 * ---------------------------------------------------------------------- */

/* crossroads --compare OLD_ID NEW_ID, as the contract has it: each format,
 * a file or standard output, and a workshop that is not there. */
static void
test_compare (void)
{
  g_autoptr(CliEnv) env = cli_env_new ();
  g_autofree char *database = new_database_path (env);
  g_autofree char *before_path = cr_test_source_path ("bundles", "series-before.json", NULL);
  g_autofree char *after_path = cr_test_source_path ("bundles", "series-after.json", NULL);
  g_autofree char *pdf_path = g_build_filename (env->home, "moved.pdf", NULL);
  gint64 before = import_ok (env, database, before_path);
  gint64 after = import_ok (env, database, after_path);
  g_autofree char *old_id = g_strdup_printf ("%" G_GINT64_FORMAT, before);
  g_autofree char *new_id = g_strdup_printf ("%" G_GINT64_FORMAT, after);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) pdf = NULL;
  g_autofree char *pdf_text = NULL;
  JsonObject *root;

  {
    g_autoptr(CliResult) r = run_cli (env, "--database", database, "--compare", old_id, new_id, "--format", "md", NULL);

    g_assert_cmpint (r->status, ==, 0);
    g_assert_cmpstr (r->err, ==, "");
    g_assert_true (g_str_has_prefix (r->out, "# What Moved\n"));
    g_assert_nonnull (strstr (r->out, "| Stage of the organisation | Scale-up | Enterprise |"));
    g_assert_nonnull (strstr (r->out, "Round 2 of “Where do we want to be?” is still open"));
  }
  {
    g_autoptr(CliResult) r = run_cli (env, "--database", database, "--compare", old_id, new_id, "--format", "html", NULL);

    g_assert_cmpint (r->status, ==, 0);
    g_assert_true (g_str_has_prefix (r->out, "<!DOCTYPE html>"));
  }
  {
    g_autoptr(CliResult) r = run_cli (env, "--database", database, "--compare", old_id, new_id, "--format", "json", NULL);

    g_assert_cmpint (r->status, ==, 0);
    json_parser_load_from_data (parser, r->out, -1, &error);
    g_assert_no_error (error);
    root = json_node_get_object (json_parser_get_root (parser));
    g_assert_cmpstr (json_object_get_string_member (root, "format"), ==, "crossroads-comparison");
    g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (root, "after"), "library_id"), ==, after);
  }
  {
    g_autoptr(CliResult) r = run_cli (env, "--database", database, "--compare", old_id, new_id, "--format", "pdf",
                                      "--output", pdf_path, NULL);

    g_assert_cmpint (r->status, ==, 0);
    g_assert_cmpstr (r->out, ==, "");
    pdf = cr_test_read_file (pdf_path);
    g_assert_nonnull (pdf);
    pdf_text = cr_test_pdf_text (pdf);
    if (pdf_text != NULL)
      g_assert_nonnull (strstr (pdf_text, "Enterprise"));
  }
  /* The other way round compares too: the later first. */
  {
    g_autoptr(CliResult) r = run_cli (env, "--database", database, "--compare", new_id, old_id, "--format", "md", NULL);

    g_assert_cmpint (r->status, ==, 0);
    g_assert_nonnull (strstr (r->out, "| Stage of the organisation | Enterprise | Scale-up |"));
  }
  /* A workshop that is not in the library: exit 1, one line. */
  {
    g_autoptr(CliResult) r = run_cli (env, "--database", database, "--compare", old_id, "99", "--format", "md", NULL);

    g_assert_cmpint (r->status, ==, 1);
    g_assert_cmpstr (r->out, ==, "");
    assert_one_line_message (r->err);
    g_assert_nonnull (strstr (r->err, "99"));
  }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/cli/version", test_version);
  g_test_add_func ("/cli/help", test_help);
  for (guint i = 0; i < G_N_ELEMENTS (usage_cases); i++)
    {
      g_autofree char *path = g_strconcat ("/cli/usage/", usage_cases[i].name, NULL);

      g_test_add_data_func (path, &usage_cases[i], test_usage);
    }

  g_test_add_func ("/cli/database/list-empty", test_list_empty);
  g_test_add_func ("/cli/database/default", test_default_database);
  g_test_add_func ("/cli/database/not-sqlite", test_database_not_sqlite);
  g_test_add_func ("/cli/database/too-new", test_database_too_new);
  g_test_add_func ("/cli/database/not-a-file-path", test_database_not_a_file_path);
  g_test_add_func ("/cli/database/default-without-home", test_default_database_without_home);
  g_test_add_func ("/cli/database/default-relative-xdg", test_default_database_relative_xdg);

  g_test_add_func ("/cli/import/list", test_import_and_list);
  g_test_add_func ("/cli/import/existing", test_import_existing);
  for (guint i = 0; i < G_N_ELEMENTS (broken_cases); i++)
    {
      g_autofree char *path = g_strconcat ("/cli/import/broken/", broken_cases[i].name, NULL);

      g_test_add_data_func (path, &broken_cases[i], test_import_broken_file);
    }
  g_test_add_func ("/cli/import/broken/rules", test_import_broken_rules);
  g_test_add_func ("/cli/import/endless", test_import_endless);

  g_test_add_func ("/cli/export/json", test_export_json);
  g_test_add_func ("/cli/export/json-round-trip", test_export_json_round_trip);
  g_test_add_func ("/cli/export/text", test_export_text_formats);
  g_test_add_func ("/cli/export/output", test_export_output);
  g_test_add_func ("/cli/export/pdf-stdout", test_export_pdf_stdout);
  g_test_add_func ("/cli/export/failures", test_export_failures);
  g_test_add_func ("/cli/export/output-is-library", test_export_output_is_library);
  g_test_add_func ("/cli/export/output-kinds", test_export_output_kinds);

  g_test_add_func ("/cli/compare", test_compare);

  g_test_add_func ("/cli/sandbox/messages", test_sandbox_messages);
  g_test_add_func ("/cli/sandbox/granted", test_sandbox_granted);
  g_test_add_func ("/cli/sandbox/grant-forms", test_sandbox_grant_forms);
  g_test_add_func ("/cli/sandbox/quoting", test_sandbox_quoting);
  g_test_add_func ("/cli/check-template/builtin", test_check_template_builtin);
  g_test_add_func ("/cli/check-template/locale", test_check_template_locale);
  g_test_add_func ("/cli/check-template/warnings", test_check_template_warnings);
  g_test_add_func ("/cli/check-template/broken", test_check_template_broken);
  g_test_add_func ("/cli/check-template/not-json", test_check_template_not_json);

  return g_test_run ();
}
