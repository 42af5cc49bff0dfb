/* cr-application-cli.c: the command line: --list, --import, --export,
 * --compare, --check-template, --list-backups, --restore-backup, --version
 *
 * Its messages and exit statuses are a contract with scripts (tests/cli/
 * holds them byte for byte): one line on standard error, prefixed with the
 * program name; 0 done, 1 failed, 2 not understood.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "crossroads-app"

#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "cr-application-cli.h"
#include "cr-backup.h"
#include "cr-bundle.h"
#include "cr-export.h"
#include "cr-library.h"
#include "cr-sandbox.h"
#include "cr-store.h"
#include "cr-template.h"
#include "cr-template-warnings.h"

/* Exit statuses fixed by the command-line contract. */
enum {
  EXIT_OK = 0,
  EXIT_FAILED = 1,
  EXIT_USAGE = 2,
};

typedef struct
{
  char     *database;
  gboolean  list;
  char     *import;
  gboolean  replace;
  gboolean  keep_both;
  char     *export;
  char     *compare;
  char     *format;
  char     *output;
  char     *check_template;
  gboolean  list_backups;
  char     *restore_backup;
  gboolean  version;
  char    **rest;
} Options;

static void
options_clear (Options *o)
{
  g_free (o->database);
  g_free (o->import);
  g_free (o->export);
  g_free (o->compare);
  g_free (o->format);
  g_free (o->output);
  g_free (o->check_template);
  g_free (o->restore_backup);
  g_strfreev (o->rest);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Options, options_clear)

static void
complain (const char *format,
          ...) G_GNUC_PRINTF (1, 2);

/* One line on stderr, prefixed with the program name, as the contract asks. */
static void
complain (const char *format,
          ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  g_printerr ("crossroads: %s\n", message);
}

/* Another Crossroads process holding the library for a few seconds: the
 * command waits for it, and says so. */
static void
print_wait (const char *message,
            gpointer    user_data)
{
  complain ("%s", message);
}

/* Inside a Flatpak a file the sandbox cannot reach does not exist, and one
 * written there is lost with the sandbox: the command says so before it
 * starts, and what works instead (cr-sandbox.h decides).
 *
 * A path in prose is shown as GLib shows file names (a byte that is not
 * UTF-8 becomes U+FFFD); a path in a command to copy is quoted for the
 * shell, and a byte the terminal cannot show is spelt $'\xNN' (bash's and
 * zsh's quoting, POSIX sh's since 2024; Debian 12's dash lacks it), so that
 * the command names the very file and stderr carries only text of the
 * locale. */

/* @path as one word of a shell command, in printable characters of the
 * locale. */
static char *
shell_quote (const char *path)
{
  gboolean utf8 = g_get_charset (NULL);
  g_autoptr(GString) out = g_string_new (NULL);
  g_autoptr(GString) plain = g_string_new (NULL);
  const char *p = path;
  const char *end = path + strlen (path);

  while (p < end)
    {
      guchar byte = (guchar) *p;
      gunichar c = g_utf8_get_char_validated (p, end - p);
      gsize length = 1;
      gboolean shown;

      if (byte < 0x80)
        shown = g_ascii_isprint (byte);
      else if (c == (gunichar) -1 || c == (gunichar) -2)
        shown = FALSE;
      else
        {
          length = g_utf8_next_char (p) - p;
          shown = utf8 && g_unichar_isprint (c);
        }
      if (shown)
        g_string_append_len (plain, p, length);
      else
        {
          if (plain->len > 0)
            {
              g_autofree char *quoted = g_shell_quote (plain->str);

              g_string_append (out, quoted);
              g_string_truncate (plain, 0);
            }
          g_string_append (out, "$'");
          for (gsize i = 0; i < length; i++)
            g_string_append_printf (out, "\\x%02x", (guchar) p[i]);
          g_string_append_c (out, '\'');
        }
      p += length;
    }
  if (plain->len > 0 || out->len == 0)
    {
      g_autofree char *quoted = g_shell_quote (plain->str);

      g_string_append (out, quoted);
    }
  return g_string_free (g_steal_pointer (&out), FALSE);
}

/* The path a message names: where @path leads when a symbolic link took
 * it elsewhere (that is the folder the sandbox lacks), else @path. */
static const char *
named_path (const char *path,
            const char *resolved)
{
  g_autofree char *absolute = g_canonicalize_filename (path, NULL);

  return g_str_equal (absolute, resolved) ? path : resolved;
}

/* @path, given to @option to be read. */
static gboolean
sandbox_refuses_input (const char *option,
                       const char *path)
{
  g_autofree char *resolved = NULL;
  g_autofree char *display = NULL;
  g_autofree char *app_dir = NULL;
  g_autofree char *app_dir_display = NULL;
  g_autofree char *quoted = NULL;
  g_autofree char *command = NULL;
  const char *named;

  if (cr_sandbox_access (path, &resolved) != CR_SANDBOX_NO_ACCESS || g_file_test (path, G_FILE_TEST_EXISTS))
    return FALSE;
  named = named_path (path, resolved);
  display = g_filename_display_name (named);
  quoted = shell_quote (named);
  command = g_strdup_printf ("flatpak run --file-forwarding %s %s @@ %s @@", APP_ID, option, quoted);
  app_dir = cr_sandbox_get_app_dir ();
  app_dir_display = g_filename_display_name (app_dir);
  /* Translators: the first %s is a file name, the second the app's own
   * folder, the last a command to copy (keep it last: the sentence ends
   * with it) */
  complain (_("%s: the Flatpak sandbox has no access to this folder. Put the file under “%s”, "
              "or hand it to the app: %s"),
            display, app_dir_display, command);
  return TRUE;
}

/* The command that writes the same export to @path through the shell. */
static char *
redirect_command (const Options *o,
                  const char    *rest,
                  const char    *path)
{
  g_autoptr(GString) command = g_string_new ("flatpak run " APP_ID);
  g_autofree char *quoted = shell_quote (path);

  if (o->database != NULL)
    {
      g_autofree char *database = shell_quote (o->database);

      g_string_append_printf (command, " --database %s", database);
    }
  if (o->export != NULL)
    g_string_append_printf (command, " --export %s", o->export);
  else
    g_string_append_printf (command, " --compare %s %s", o->compare, rest);
  g_string_append_printf (command, " --format %s > %s", o->format, quoted);
  return g_string_free (g_steal_pointer (&command), FALSE);
}

/* The path given to --output; @rest is the second ID of --compare. */
static gboolean
sandbox_refuses_output (const Options *o,
                        const char    *rest)
{
  g_autofree char *resolved = NULL;
  g_autofree char *display = NULL;
  g_autofree char *app_dir = NULL;
  g_autofree char *app_dir_display = NULL;
  g_autofree char *command = NULL;
  CrSandboxAccess access = cr_sandbox_access (o->output, &resolved);
  const char *named;

  if (access == CR_SANDBOX_READ_WRITE)
    return FALSE;
  named = named_path (o->output, resolved);
  display = g_filename_display_name (named);
  command = redirect_command (o, rest, named);
  app_dir = cr_sandbox_get_app_dir ();
  app_dir_display = g_filename_display_name (app_dir);
  if (access == CR_SANDBOX_READ_ONLY)
    /* Translators: the first %s is the file, the second the app's own
     * folder, the last a command to copy (keep it last) */
    complain (_("Could not write the export to “%s”: the Flatpak sandbox may only read this folder. "
                "Write under “%s”, or leave out --output and redirect the standard output: %s"),
              display, app_dir_display, command);
  else
    /* Translators: the first %s is the file, the second the app's own
     * folder, the last a command to copy (keep it last) */
    complain (_("Could not write the export to “%s”: the Flatpak sandbox has no access to this folder. "
                "Write under “%s”, or leave out --output and redirect the standard output: %s"),
              display, app_dir_display, command);
  return TRUE;
}

/* @path, given to --database: SQLite writes its -wal and -shm files and
 * the backups folder beside the library, which a file forwarded alone
 * through the document portal does not allow either. */
static gboolean
sandbox_refuses_library (const char *path)
{
  g_autofree char *default_path = NULL;
  g_autofree char *folder = NULL;
  g_autofree char *display = NULL;
  g_autofree char *folder_display = NULL;

  if (!cr_sandbox_is_flatpak () || (cr_sandbox_reaches (path) && !cr_sandbox_is_forwarded (path)))
    return FALSE;
  default_path = cr_store_default_path (NULL);
  folder = default_path != NULL ? g_path_get_dirname (default_path) : cr_sandbox_get_app_dir ();
  display = g_filename_display_name (path);
  folder_display = g_filename_display_name (folder);
  /* Translators: the first %s is a file name, the second a folder; keep
   * "-wal", "-shm" and "--database" */
  complain (_("%s: the Flatpak sandbox has no access to this folder, and a library needs its folder "
              "for its -wal and -shm files and its backups; move the library into “%s”, or leave out --database."),
            display, folder_display);
  return TRUE;
}

typedef enum
{
  FOR_WRITING,
  FOR_READING,  /* a read-only library is opened read-only */
} Access;

static CrStore *
open_store (const char *path,
            Access      access)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *default_path = NULL;
  CrStore *store;

  if (path == NULL)
    {
      g_autofree char *dir = NULL;

      default_path = cr_store_default_path (&error);
      if (default_path == NULL)
        {
          complain ("%s", error->message);
          return NULL;
        }
      dir = g_path_get_dirname (default_path);
      g_mkdir_with_parents (dir, 0700);
      path = default_path;
    }

  store = access == FOR_READING ? cr_store_open_for_reading (path, &error) : cr_store_open (path, &error);
  if (store == NULL)
    complain ("%s", error->message);
  return store;
}

static int
run_list (const Options *o)
{
  g_autoptr(CrStore) store = open_store (o->database, FOR_READING);
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) out = g_string_new (NULL);

  if (store == NULL)
    return EXIT_FAILED;

  items = cr_library_list (store, &error);
  if (items == NULL)
    {
      complain ("%s", error->message);
      return EXIT_FAILED;
    }

  for (guint i = 0; i < items->len; i++)
    {
      CrWorkshopInfo *info = g_ptr_array_index (items, i);
      g_autofree char *org = g_strdelimit (g_strdup (cr_workshop_info_get_organisation (info)), "\t\r\n", ' ');
      g_autofree char *title = g_strdelimit (g_strdup (cr_workshop_info_get_title (info)), "\t\r\n", ' ');

      /* Tabs and newlines in typed text would break the one-line-per-workshop
       * format that scripts split on. */
      g_string_append_printf (out, "%" G_GINT64_FORMAT "\t%s\t%s\t%s\n",
                              cr_workshop_info_get_id (info),
                              cr_workshop_info_get_date (info), org, title);
    }
  fwrite (out->str, 1, out->len, stdout);
  return fflush (stdout) == 0 ? EXIT_OK : EXIT_FAILED;
}

static int
run_import (const Options *o)
{
  g_autoptr(CrStore) store = NULL;
  g_autoptr(GError) error = NULL;
  gint64 id;

  store = open_store (o->database, FOR_WRITING);
  if (store == NULL)
    return EXIT_FAILED;

  id = cr_bundle_import_file_full (store, o->import,
                                   o->replace ? CR_IMPORT_REPLACE
                                   : o->keep_both ? CR_IMPORT_KEEP_BOTH : CR_IMPORT_REFUSE_EXISTING,
                                   &error);
  if (id == 0)
    {
      /* A locked or full library is not the bundle's fault: its message
       * names the library, not the file being imported. */
      if (error->domain == CR_STORE_ERROR)
        complain ("%s", error->message);
      else if (g_error_matches (error, CR_IMPORT_ERROR, CR_IMPORT_ERROR_EXISTS) ||
               g_error_matches (error, CR_IMPORT_ERROR, CR_IMPORT_ERROR_ID_TAKEN))
        /* Translators: first %s is a file name, second says which workshop it is */
        complain (_("%s: %s; add --replace to replace it, or --keep-both to import it as another workshop"),
                  o->import, error->message);
      else
        /* Translators: first %s is a file name, second the problem with its place */
        complain (_("%s: %s"), o->import, error->message);
      return EXIT_FAILED;
    }

  g_print ("%" G_GINT64_FORMAT "\n", id);
  return fflush (stdout) == 0 ? EXIT_OK : EXIT_FAILED;
}

/* Writes @bytes to standard output, or says why not. */
static int
write_stdout (GBytes *bytes)
{
  gsize len;
  const char *data = g_bytes_get_data (bytes, &len);

  if (fwrite (data, 1, len, stdout) != len || fflush (stdout) != 0)
    {
      complain (_("Could not write the export to standard output."));
      return EXIT_FAILED;
    }
  return EXIT_OK;
}

/* A PDF is binary: on a terminal it would be noise, so it goes to a file. */
static gboolean
refuses_terminal (const Options  *o,
                  CrExportFormat  format)
{
  if (o->output == NULL && !cr_export_format_is_text (format) && isatty (STDOUT_FILENO))
    {
      complain (_("A PDF is not written to a terminal; add --output FILE."));
      return TRUE;
    }
  return FALSE;
}

static int
run_export (const Options *o,
            gint64         id,
            CrExportFormat format)
{
  g_autoptr(CrStore) store = NULL;
  g_autoptr(CrWorkshop) workshop = NULL;
  g_autoptr(GError) error = NULL;

  if (refuses_terminal (o, format))
    return EXIT_USAGE;

  store = open_store (o->database, FOR_READING);
  if (store == NULL)
    return EXIT_FAILED;

  workshop = cr_workshop_load (store, id, &error);
  if (workshop == NULL)
    {
      complain ("%s", error->message);
      return EXIT_FAILED;
    }

  if (o->output != NULL)
    {
      if (!cr_export_to_file (workshop, format, o->output, &error))
        {
          complain ("%s", error->message);
          return EXIT_FAILED;
        }
    }
  else
    {
      g_autoptr(GBytes) bytes = cr_export_to_bytes (workshop, format, &error);

      if (bytes == NULL)
        {
          complain ("%s", error->message);
          return EXIT_FAILED;
        }
      return write_stdout (bytes);
    }
  return EXIT_OK;
}

static int
run_compare (const Options  *o,
             gint64          old_id,
             gint64          new_id,
             CrExportFormat  format)
{
  g_autoptr(CrStore) store = NULL;
  g_autoptr(CrWorkshop) before = NULL;
  g_autoptr(CrWorkshop) after = NULL;
  g_autoptr(CrComparison) comparison = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;

  if (refuses_terminal (o, format))
    return EXIT_USAGE;

  store = open_store (o->database, FOR_READING);
  if (store == NULL)
    return EXIT_FAILED;
  before = cr_workshop_load (store, old_id, &error);
  if (before != NULL)
    after = cr_workshop_load (store, new_id, &error);
  if (after == NULL)
    {
      complain ("%s", error->message);
      return EXIT_FAILED;
    }

  comparison = cr_comparison_new (before, after);
  if (o->output != NULL)
    {
      if (!cr_export_comparison_to_file (comparison, format, o->output, &error))
        {
          complain ("%s", error->message);
          return EXIT_FAILED;
        }
      return EXIT_OK;
    }
  bytes = cr_export_comparison_to_bytes (comparison, format, &error);
  if (bytes == NULL)
    {
      complain ("%s", error->message);
      return EXIT_FAILED;
    }
  return write_stdout (bytes);
}

static int
run_check_template (const Options *o)
{
  g_autoptr(GPtrArray) problems = cr_template_check_file (o->check_template);
  g_autoptr(CrTemplate) template = NULL;
  g_autoptr(GPtrArray) warnings = NULL;
  g_autofree char *options = NULL;
  g_autofree char *questions = NULL;
  g_autofree char *context = NULL;
  guint n_options, n_questions, n_context;

  if (problems->len > 0)
    {
      for (guint i = 0; i < problems->len; i++)
        g_printerr ("%s: %s\n", o->check_template, (const char *) g_ptr_array_index (problems, i));
      complain (g_dngettext (GETTEXT_PACKAGE,
                             "%u problem found; fix it and check again.",
                             "%u problems found; fix them and check again.",
                             problems->len),
                problems->len);
      return EXIT_FAILED;
    }

  template = cr_template_new_from_file (o->check_template, NULL);
  /* A valid template works as it is; a warning says where a workshop made
   * from it does something its author may not expect. */
  warnings = template ? cr_template_warnings (template) : NULL;
  for (guint i = 0; warnings != NULL && i < warnings->len; i++)
    /* Translators: --check-template: the file, then the place in it and the warning */
    g_printerr (_("%s: warning: %s\n"), o->check_template, (const char *) g_ptr_array_index (warnings, i));
  n_options = template ? cr_template_get_n_options (template) : 0;
  n_questions = template ? cr_template_get_n_questions (template) : 0;
  n_context = template ? cr_template_get_n_context (template) : 0;
  options = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u option", "%u options", n_options), n_options);
  questions = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u question", "%u questions", n_questions), n_questions);
  context = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u context field", "%u context fields", n_context), n_context);
  /* Translators: first %s is a file, second a template id, then "3 options", "2 questions" and "7 context fields" */
  g_print (_("%s: a valid template “%s” with %s, %s and %s\n"),
           o->check_template, template ? cr_template_get_id (template) : "",
           options, questions, context);
  return EXIT_OK;
}

static int
run_list_backups (const Options *o)
{
  g_autoptr(CrStore) store = open_store (o->database, FOR_READING);
  g_autoptr(GPtrArray) backups = NULL;
  g_autoptr(GString) out = g_string_new (NULL);

  if (store == NULL)
    return EXIT_FAILED;

  backups = cr_backup_list (cr_store_get_path (store));
  for (guint i = 0; i < backups->len; i++)
    {
      const char *path = g_ptr_array_index (backups, i);
      g_autofree char *day = cr_backup_get_day (path);

      g_string_append_printf (out, "%s\t%s\n", day, path);
    }
  fwrite (out->str, 1, out->len, stdout);
  return fflush (stdout) == 0 ? EXIT_OK : EXIT_FAILED;
}

static int
run_restore_backup (const Options *o)
{
  g_autoptr(CrStore) store = open_store (o->database, FOR_WRITING);
  g_autoptr(GError) error = NULL;
  g_autofree char *safety = NULL;

  if (store == NULL)
    return EXIT_FAILED;

  if (!cr_store_restore_backup (store, o->restore_backup, &safety, &error))
    {
      complain ("%s", error->message);
      return EXIT_FAILED;
    }
  /* Translators: first %s is the backup, second the library, third a file */
  complain (_("Restored %s into %s; the library as it was before is in %s."),
            o->restore_backup, cr_store_get_path (store), safety);
  return EXIT_OK;
}

int
cr_application_cli_run (char ***args,
                        char  **database_path)
{
  g_auto(Options) o = { 0 };
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  int n_commands;
  GOptionEntry entries[] = {
    { "database", 0, 0, G_OPTION_ARG_FILENAME, &o.database, N_("Use FILE as the library instead of the default one"), N_("FILE") },
    { "list", 0, 0, G_OPTION_ARG_NONE, &o.list, N_("List the workshops, newest first: ID, date, organisation, title"), NULL },
    { "import", 0, 0, G_OPTION_ARG_FILENAME, &o.import, N_("Import a workshop bundle (JSON) and print its new ID"), N_("FILE") },
    { "replace", 0, 0, G_OPTION_ARG_NONE, &o.replace, N_("With --import: replace the library's copy of the same workshop"), NULL },
    { "keep-both", 0, 0, G_OPTION_ARG_NONE, &o.keep_both, N_("With --import: keep the library's copy of the same workshop and import another"), NULL },
    { "export", 0, 0, G_OPTION_ARG_STRING, &o.export, N_("Export the workshop with this ID"), N_("ID") },
    { "compare", 0, 0, G_OPTION_ARG_STRING, &o.compare, N_("Show what moved between two workshops: --compare OLD_ID NEW_ID --format md, html, json or pdf"), N_("OLD_ID NEW_ID") },
    { "format", 0, 0, G_OPTION_ARG_STRING, &o.format, N_("Export format: md, csv, json, html or pdf"), N_("FORMAT") },
    { "output", 0, 0, G_OPTION_ARG_FILENAME, &o.output, N_("Write the export to FILE instead of standard output"), N_("FILE") },
    { "check-template", 0, 0, G_OPTION_ARG_FILENAME, &o.check_template, N_("Validate a template file and explain each problem"), N_("FILE") },
    { "list-backups", 0, 0, G_OPTION_ARG_NONE, &o.list_backups, N_("List the library's daily backups, newest first: date, file"), NULL },
    { "restore-backup", 0, 0, G_OPTION_ARG_FILENAME, &o.restore_backup, N_("Replace the library's content with a backup (see --list-backups)"), N_("FILE") },
    { "version", 0, 0, G_OPTION_ARG_NONE, &o.version, N_("Print the version"), NULL },
    { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &o.rest, NULL, NULL },
    { NULL }
  };
  CrExportFormat format = CR_EXPORT_MARKDOWN;
  gint64 id = 0, new_id = 0;
  g_autofree char *compare_new = NULL;

  g_return_val_if_fail (args != NULL && database_path != NULL, EXIT_FAILED);

  cr_store_set_wait_func (print_wait, NULL);

  context = g_option_context_new (NULL);
  g_option_context_set_summary (context, _("Run operating-model workshops, and export their summaries."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  /* GTK's own options stay with GTK: the GUI path re-parses them. */
  g_option_context_set_ignore_unknown_options (context, FALSE);

  /* The _strv variant frees the arguments it removes; they are ours. */
  if (!g_option_context_parse_strv (context, args, &error))
    {
      complain (_("%s; see crossroads --help."), error->message);
      return EXIT_USAGE;
    }

  /* --compare takes two IDs: the second is the one argument left over. */
  if (o.compare != NULL)
    {
      if (o.rest == NULL || o.rest[0] == NULL)
        {
          complain (_("--compare needs two workshop IDs, the earlier first: --compare OLD_ID NEW_ID."));
          return EXIT_USAGE;
        }
      compare_new = o.rest[0];
      memmove (o.rest, o.rest + 1, g_strv_length (o.rest) * sizeof (char *));
    }

  if (o.rest != NULL && o.rest[0] != NULL)
    {
      complain (_("Unexpected argument “%s”; see crossroads --help."), o.rest[0]);
      return EXIT_USAGE;
    }

  n_commands = !!o.list + (o.import != NULL) + (o.export != NULL) + (o.check_template != NULL) + !!o.version +
               !!o.list_backups + (o.restore_backup != NULL) + (o.compare != NULL);
  if (n_commands > 1)
    {
      complain (_("Give one of --list, --import, --export, --compare, --check-template, --list-backups, --restore-backup or --version at a time."));
      return EXIT_USAGE;
    }
  if (o.export == NULL && o.compare == NULL && (o.format != NULL || o.output != NULL))
    {
      complain (_("--format and --output go with --export ID or --compare OLD_ID NEW_ID."));
      return EXIT_USAGE;
    }
  if (o.import == NULL && (o.replace || o.keep_both))
    {
      complain (_("--replace and --keep-both go with --import FILE."));
      return EXIT_USAGE;
    }
  if (o.replace && o.keep_both)
    {
      complain (_("Give --replace or --keep-both, not both."));
      return EXIT_USAGE;
    }

  if (o.export != NULL)
    {
      guint64 parsed;

      if (!g_ascii_string_to_unsigned (o.export, 10, 1, G_MAXINT64, &parsed, NULL))
        {
          complain (_("“%s” is not a workshop ID; crossroads --list shows them."), o.export);
          return EXIT_USAGE;
        }
      id = (gint64) parsed;
      if (o.format == NULL)
        {
          complain (_("--export needs --format md, csv, json, html or pdf."));
          return EXIT_USAGE;
        }
      if (!cr_export_format_from_string (o.format, &format))
        {
          complain (_("Unknown format “%s”; use md, csv, json, html or pdf."), o.format);
          return EXIT_USAGE;
        }
    }

  if (o.compare != NULL)
    {
      const char *ids[2] = { o.compare, compare_new };
      gint64 *parsed_ids[2] = { &id, &new_id };

      for (guint i = 0; i < 2; i++)
        {
          guint64 parsed;

          if (!g_ascii_string_to_unsigned (ids[i], 10, 1, G_MAXINT64, &parsed, NULL))
            {
              complain (_("“%s” is not a workshop ID; crossroads --list shows them."), ids[i]);
              return EXIT_USAGE;
            }
          *parsed_ids[i] = (gint64) parsed;
        }
      if (id == new_id)
        {
          /* Translators: %s is the workshop ID given twice */
          complain (_("--compare needs two different workshops; “%s” was given twice."), o.compare);
          return EXIT_USAGE;
        }
      if (o.format == NULL)
        {
          complain (_("--compare needs --format md, html, json or pdf."));
          return EXIT_USAGE;
        }
      if (!cr_export_format_from_string (o.format, &format) || format == CR_EXPORT_CSV)
        {
          complain (_("Unknown format “%s” for a comparison; use md, html, json or pdf."), o.format);
          return EXIT_USAGE;
        }
    }

  if (o.version)
    {
      g_print ("crossroads %s\n", PACKAGE_VERSION);
      return EXIT_OK;
    }
  if ((o.database != NULL && sandbox_refuses_library (o.database)) ||
      (o.import != NULL && sandbox_refuses_input ("--import", o.import)) ||
      (o.check_template != NULL && sandbox_refuses_input ("--check-template", o.check_template)) ||
      (o.restore_backup != NULL && sandbox_refuses_input ("--restore-backup", o.restore_backup)) ||
      (o.output != NULL && sandbox_refuses_output (&o, compare_new)))
    return EXIT_FAILED;
  if (o.check_template != NULL)
    return run_check_template (&o);
  if (o.list)
    return run_list (&o);
  if (o.import != NULL)
    return run_import (&o);
  if (o.export != NULL)
    return run_export (&o, id, format);
  if (o.compare != NULL)
    return run_compare (&o, id, new_id, format);
  if (o.list_backups)
    return run_list_backups (&o);
  if (o.restore_backup != NULL)
    return run_restore_backup (&o);

  /* The GUI: the library to open. */
  *database_path = o.database ? g_steal_pointer (&o.database) : cr_store_default_path (&error);
  if (*database_path == NULL)
    {
      complain ("%s", error->message);
      return EXIT_FAILED;
    }
  return -1;
}
