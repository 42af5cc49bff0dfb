/* cr-test-util.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
/* dl_iterate_phdr, for cr_test_ignore_quark_array. */
#define _GNU_SOURCE
#include "config.h"

#include "cr-test-util.h"

#include "cr-bundle.h"

#ifdef __has_feature
#  if __has_feature (address_sanitizer)
#    define CR_TEST_UTIL_ASAN 1
#  endif
#endif
#ifdef __SANITIZE_ADDRESS__
#  define CR_TEST_UTIL_ASAN 1
#endif
#ifdef CR_TEST_UTIL_ASAN
#  include <sanitizer/allocator_interface.h>
#  include <sanitizer/lsan_interface.h>
#endif

#include <fcntl.h>
#include <link.h>
#include <math.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <unistd.h>
#include <stdarg.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>

static GPtrArray *tmpdirs;

static void
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  if (dir != NULL)
    while ((name = g_dir_read_name (dir)) != NULL)
      {
        g_autofree char *child = g_build_filename (path, name, NULL);

        if (g_file_test (child, G_FILE_TEST_IS_DIR) && !g_file_test (child, G_FILE_TEST_IS_SYMLINK))
          remove_tree (child);
        else
          g_unlink (child);
      }
  g_rmdir (path);
}

static void
cleanup_tmpdirs (void)
{
  for (guint i = 0; tmpdirs != NULL && i < tmpdirs->len; i++)
    {
      const char *dir = g_ptr_array_index (tmpdirs, i);

      /* Keep them for a post-mortem when asked. */
      if (g_getenv ("CR_TEST_KEEP_TMP") == NULL)
        remove_tree (dir);
    }
  g_clear_pointer (&tmpdirs, g_ptr_array_unref);
}

char *
cr_test_make_tmpdir (void)
{
  g_autoptr(GError) error = NULL;
  char *dir = g_dir_make_tmp ("crossroads-test-XXXXXX", &error);

  g_assert_no_error (error);
  if (tmpdirs == NULL)
    {
      tmpdirs = g_ptr_array_new_with_free_func (g_free);
      atexit (cleanup_tmpdirs);
    }
  g_ptr_array_add (tmpdirs, g_strdup (dir));
  return dir;
}

char *
cr_test_tmp_path (const char *basename)
{
  g_autofree char *dir = cr_test_make_tmpdir ();

  return g_build_filename (dir, basename, NULL);
}

/* Whether a user who is neither the owner nor in the group can walk down to
 * @dir: every folder on the way must let others search it. */
static gboolean
others_can_enter (const char *dir,
                  char      **why)
{
  g_autofree char *path = g_canonicalize_filename (dir, NULL);

  for (;;)
    {
      GStatBuf st;
      g_autofree char *parent = NULL;

      if (g_stat (path, &st) != 0 || (st.st_mode & S_IXOTH) == 0)
        {
          *why = g_strdup_printf ("other users cannot enter %s, which holds the temporary "
                                  "folders (set TMPDIR to a folder they can enter)", path);
          return FALSE;
        }
      parent = g_path_get_dirname (path);
      if (g_str_equal (parent, path))
        return TRUE;
      g_free (path);
      path = g_steal_pointer (&parent);
    }
}

char *
cr_test_copy_for_nobody (const char *path,
                         char      **why)
{
  static char *shared_dir;
  g_autofree char *basename = g_path_get_basename (path);
  g_autofree char *copy = NULL;
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  GStatBuf st;
  gsize len;

  g_return_val_if_fail (why != NULL, NULL);

  if (shared_dir == NULL)
    {
      shared_dir = cr_test_make_tmpdir ();
      g_assert_cmpint (g_chmod (shared_dir, 0755), ==, 0);
    }
  if (!others_can_enter (shared_dir, why))
    return NULL;

  copy = g_build_filename (shared_dir, basename, NULL);
  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_file_get_contents (path, &contents, &len, &error);
  g_assert_no_error (error);
  g_file_set_contents (copy, contents, len, &error);
  g_assert_no_error (error);
  /* Readable by all, and executable by all if it was by its owner. */
  g_assert_cmpint (g_chmod (copy, (st.st_mode & S_IXUSR) ? 0755 : 0644), ==, 0);
  return g_steal_pointer (&copy);
}

CrStore *
cr_test_new_store (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = cr_test_tmp_path ("crossroads.db");
  CrStore *store = cr_store_open (path, &error);

  g_assert_no_error (error);
  g_assert_nonnull (store);
  return store;
}

GBytes *
cr_test_read_file (const char *path)
{
  char *contents = NULL;
  gsize len = 0;

  if (!g_file_get_contents (path, &contents, &len, NULL))
    return NULL;
  return g_bytes_new_take (contents, len);
}

static gpointer
read_fifo_thread (gpointer data)
{
  g_autofree char *path = data;
  GString *got = g_string_new (NULL);
  char buf[4096];
  ssize_t n;
  int fd = open (path, O_RDONLY | O_CLOEXEC);

  g_assert_cmpint (fd, >=, 0);
  while ((n = read (fd, buf, sizeof buf)) > 0)
    g_string_append_len (got, buf, n);
  close (fd);
  return g_string_free (got, FALSE);
}

GThread *
cr_test_read_fifo (const char *path)
{
  return g_thread_new ("fifo-reader", read_fifo_thread, g_strdup (path));
}

char *
cr_test_source_path (const char *first, ...)
{
  const char *srcdir = g_getenv ("G_TEST_SRCDIR");
  g_autoptr(GPtrArray) parts = g_ptr_array_new ();
  va_list args;

  g_assert_nonnull (srcdir);
  g_ptr_array_add (parts, (char *) srcdir);
  va_start (args, first);
  for (const char *p = first; p != NULL; p = va_arg (args, const char *))
    g_ptr_array_add (parts, (char *) p);
  va_end (args);
  g_ptr_array_add (parts, NULL);
  return g_build_filenamev ((char **) parts->pdata);
}

GBytes *
cr_test_help_example (void)
{
  static const char open_tag[] = "<code mime=\"application/json\">";
  g_autofree char *page = cr_test_source_path ("..", "help", "C", "templates.page", NULL);
  g_autoptr(GBytes) bytes = cr_test_read_file (page);
  const char *text, *start, *end;

  g_assert_nonnull (bytes);
  text = g_bytes_get_data (bytes, NULL);
  start = strstr (text, open_tag);
  g_assert_nonnull (start);
  start += strlen (open_tag);
  end = strstr (start, "</code>");
  g_assert_nonnull (end);
  /* Taken as it stands: an entity would need the reader to decode it. */
  g_assert_null (memchr (start, '&', end - start));
  return g_bytes_new (start, end - start);
}

CrWorkshop *
cr_test_import_fixture (CrStore    *store,
                        const char *name)
{
  g_autofree char *path = cr_test_source_path ("bundles", name, NULL);
  g_autoptr(GError) error = NULL;
  CrWorkshop *workshop;
  gint64 id;

  id = cr_bundle_import_file (store, path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  workshop = cr_workshop_load (store, id, &error);
  g_assert_no_error (error);
  return workshop;
}

char *
cr_test_place (const char *text,
               const char *at)
{
  const char *line_start = text;
  guint line = 1;

  g_assert_true (at >= text);
  for (const char *p = text; p < at; p++)
    if (*p == '\n')
      {
        line++;
        line_start = p + 1;
      }
  return g_strdup_printf ("line %u, column %ld", line, g_utf8_strlen (line_start, at - line_start) + 1);
}

double
cr_test_peak_mib (void)
{
  struct rusage usage;

  g_assert_cmpint (getrusage (RUSAGE_SELF, &usage), ==, 0);
  /* Linux counts it in KiB. */
  return usage.ru_maxrss / 1024.0;
}

#if defined(__SANITIZE_ADDRESS__)
#define UNDER_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define UNDER_ASAN 1
#endif
#endif

void
cr_test_assert_peak_below (double mib)
{
  g_test_message ("peak memory %.0f MiB", cr_test_peak_mib ());
#ifndef UNDER_ASAN
  g_assert_cmpfloat (cr_test_peak_mib (), <, mib);
#endif
}

guint
cr_test_count_of (const char *haystack,
                  const char *needle)
{
  guint n = 0;

  for (const char *p = strstr (haystack, needle); p != NULL; p = strstr (p + 1, needle))
    n++;
  return n;
}

gint64
cr_test_count_rows (const char *db_path,
                    const char *table)
{
  g_autofree char *sql = NULL;
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  gint64 n;

  g_assert_cmpint (sqlite3_open_v2 (db_path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  /* Table names come from the tests themselves, never from input. */
  sql = g_strdup_printf ("SELECT COUNT(*) FROM \"%s\"", table);
  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  n = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return n;
}

CrWorkshop *
cr_test_new_workshop (CrStore    *store,
                      const char *template_id,
                      const char *title,
                      const char *organisation,
                      const char *facilitator,
                      const char *date,
                      const char *function_name)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CrTemplate) template = cr_template_lookup_builtin (template_id, &error);
  CrWorkshop *workshop;

  g_assert_no_error (error);
  workshop = cr_workshop_create (store, template, title, organisation, facilitator,
                                 date, function_name, &error);
  g_assert_no_error (error);
  g_assert_nonnull (workshop);
  return workshop;
}

CrWorkshop *
cr_test_new_phone_workshop (CrStore *store,
                            gint64  *ana,
                            gint64  *ben,
                            gint64  *chloe)
{
  CrWorkshop *workshop = cr_test_new_workshop (store, "people-product-models", "Operating model",
                                               "Acme", "Maria", "2025-03-14", "People");

  *ana = cr_test_add_participant (workshop, "Ana");
  *ben = cr_test_add_participant (workshop, "Ben");
  *chloe = cr_test_add_participant (workshop, "Chloé");
  return workshop;
}

void
cr_test_use_built_catalogues (void)
{
  g_autofree char *localedir = g_test_build_filename (G_TEST_BUILT, "..", "po", NULL);

  bindtextdomain (GETTEXT_PACKAGE, localedir);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
}

void
cr_test_phones_setup (void)
{
  g_setenv ("CROSSROADS_PHONES_TEST_LOOPBACK", "1", TRUE);
  cr_test_use_built_catalogues ();
}

char *
cr_test_library_votes (const char *db_path,
                       gint64      round_id,
                       gint64      participant_id)
{
  GString *out = g_string_new (NULL);
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;

  g_assert_cmpint (sqlite3_open_v2 (db_path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT option, criterion, value FROM votes"
                                           " WHERE round_id = ?1 AND participant_id = ?2 ORDER BY id",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  sqlite3_bind_int64 (stmt, 1, round_id);
  sqlite3_bind_int64 (stmt, 2, participant_id);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_string_append_printf (out, "%s%s/%s=%d", out->len ? ", " : "",
                            sqlite3_column_text (stmt, 0),
                            sqlite3_column_text (stmt, 1) ? (const char *) sqlite3_column_text (stmt, 1) : "-",
                            sqlite3_column_int (stmt, 2));
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return g_string_free (out, FALSE);
}

char *
cr_test_pdf_text (GBytes *pdf)
{
  g_autofree char *program = g_find_program_in_path ("pdftotext");
  g_autofree char *path = cr_test_tmp_path ("read-back.pdf");
  g_autoptr(GError) error = NULL;
  char *text = NULL;
  int status = 0;
  const char *argv[] = { NULL, "-raw", "-enc", "UTF-8", NULL, "-", NULL };

  if (program == NULL)
    return NULL;
  g_assert_true (g_file_set_contents (path, g_bytes_get_data (pdf, NULL), g_bytes_get_size (pdf), &error));
  g_assert_no_error (error);
  argv[0] = program;
  argv[4] = path;
  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDERR_TO_DEV_NULL,
                               NULL, NULL, &text, NULL, &status, &error));
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  return text;
}

gint64
cr_test_add_participant (CrWorkshop *workshop,
                         const char *name)
{
  g_autoptr(GError) error = NULL;
  CrParticipant *participant = cr_workshop_add_participant (workshop, name, "Director", &error);

  g_assert_no_error (error);
  g_assert_nonnull (participant);
  return cr_participant_get_id (participant);
}

CrRound *
cr_test_open_round (CrWorkshop *workshop,
                    const char *question)
{
  g_autoptr(GError) error = NULL;
  CrRound *round = cr_workshop_open_round (workshop, question, &error);

  g_assert_no_error (error);
  g_assert_nonnull (round);
  return round;
}

void
cr_test_reveal (CrWorkshop *workshop,
                CrRound    *round)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (cr_workshop_reveal_round (workshop, round, &error));
  g_assert_no_error (error);
}

void
cr_test_voting_init_with (CrTestVoting *voting,
                          CrTemplate   *template,
                          const char   *title,
                          guint         n_participants)
{
  g_autoptr(GError) error = NULL;

  g_assert_cmpuint (n_participants, <, G_N_ELEMENTS (voting->p));

  voting->store = cr_test_new_store ();
  voting->template = g_object_ref (template);
  voting->workshop = cr_workshop_create (voting->store, voting->template, title, "Acme",
                                         "Fran", "2024-05-14", "People", &error);
  g_assert_no_error (error);

  voting->p[0] = 0;
  for (guint i = 1; i <= n_participants; i++)
    {
      g_autofree char *name = g_strdup_printf ("P%u", i);
      CrParticipant *p = cr_workshop_add_participant (voting->workshop, name, "", &error);

      g_assert_no_error (error);
      voting->p[i] = cr_participant_get_id (p);
      g_assert_cmpint (voting->p[i], >, 0);
    }
}

void
cr_test_voting_init (CrTestVoting *voting,
                     const char   *template_id,
                     const char   *title,
                     guint         n_participants)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CrTemplate) template = cr_template_lookup_builtin (template_id, &error);

  g_assert_no_error (error);
  cr_test_voting_init_with (voting, template, title, n_participants);
}

void
cr_test_voting_clear (CrTestVoting *voting)
{
  g_clear_object (&voting->workshop);
  g_clear_object (&voting->template);
  g_clear_object (&voting->store);
}

void
cr_test_vote (CrTestVoting *voting,
              CrRound      *round,
              guint         who,
              ...)
{
  const CrQuestion *question = cr_template_find_question (voting->template, cr_round_get_question (round));
  g_autoptr(GArray) votes = g_array_new (FALSE, TRUE, sizeof (CrVote));
  g_autoptr(GError) error = NULL;
  const char *option;
  va_list args;

  va_start (args, who);
  while ((option = va_arg (args, const char *)) != NULL)
    {
      int value = va_arg (args, int);
      guint n_criteria = question->criteria->len;

      for (guint c = 0; c < MAX (1, n_criteria); c++)
        {
          CrVote v = { 0 };

          v.participant_id = voting->p[who];
          v.option = g_intern_string (option);
          v.criterion = n_criteria > 0
            ? g_intern_string (((CrCriterion *) g_ptr_array_index (question->criteria, c))->id)
            : NULL;
          v.value = value;
          g_array_append_val (votes, v);
        }
    }
  va_end (args);

  g_assert_true (cr_workshop_record_votes (voting->workshop, round, voting->p[who],
                                           (const CrVote *) (gpointer) votes->data, votes->len,
                                           &error));
  g_assert_no_error (error);
}

char *
cr_test_zbar_decode (const char *png)
{
  g_autofree char *zbarimg = g_find_program_in_path ("zbarimg");
  g_autofree char *out = NULL;
  g_autoptr(GError) error = NULL;
  int status = 0;

  if (zbarimg == NULL)
    return NULL;
  {
    const char *argv[] = { zbarimg, "--raw", "--quiet", "-Sdisable", "-Sqrcode.enable", png, NULL };

    g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL,
                                 &out, NULL, &status, &error));
  }
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  g_strchomp (out);
  return g_steal_pointer (&out);
}

CrRound *
cr_test_find_round (CrWorkshop *workshop,
                    const char *question,
                    guint       number)
{
  GListModel *rounds = cr_workshop_get_rounds (workshop);

  for (guint i = 0; i < g_list_model_get_n_items (rounds); i++)
    {
      g_autoptr(CrRound) round = g_list_model_get_item (rounds, i);

      if (g_strcmp0 (cr_round_get_question (round), question) == 0 &&
          cr_round_get_number (round) == number)
        return round;  /* the workshop's list holds it */
    }
  return NULL;
}

static double
to_linear (double c)
{
  return c <= 0.04045 ? c / 12.92 : pow ((c + 0.055) / 1.055, 2.4);
}

CrChartColor
cr_test_washed_out (const CrChartColor *color)
{
  double c[3] = { color->red, color->green, color->blue };

  for (int i = 0; i < 3; i++)
    {
      double lin = (to_linear (c[i]) + CR_TEST_AMBIENT) / (1 + CR_TEST_AMBIENT);

      c[i] = lin <= 0.0031308 ? lin * 12.92 : 1.055 * pow (lin, 1 / 2.4) - 0.055;
    }
  return (CrChartColor) { c[0], c[1], c[2], 1.0 };
}

#ifdef CR_TEST_UTIL_ASAN
/* GLib's quark table: an array of 2048 string pointers (16384 bytes) made
 * when GLib loads, which GLib replaces by a larger copy once a process has
 * made 2048 quarks and never frees, on purpose, since lookups read it
 * without a lock (gquark.c, quark_new: "This leaks the old quarks
 * array"). Found among GLib's own variables as the heap block whose
 * entries are the first quarks' strings. */
#define QUARK_BLOCK_BYTES (2048 * sizeof (char *))

static int
find_quark_array (struct dl_phdr_info *info,
                  size_t               size,
                  void                *data)
{
  void **found = data;

  if (strstr (info->dlpi_name, "libglib-2.0.so") == NULL)
    return 0;
  for (int i = 0; i < info->dlpi_phnum; i++)
    {
      const ElfW(Phdr) *ph = &info->dlpi_phdr[i];
      char **const *word, **const *end;

      if (ph->p_type != PT_LOAD || (ph->p_flags & PF_W) == 0)
        continue;
      word = (char **const *) (info->dlpi_addr + ph->p_vaddr);
      end = (char **const *) (info->dlpi_addr + ph->p_vaddr + ph->p_memsz);
      for (; word < end; word++)
        {
          char **array = *word;

          if (array == NULL || !__sanitizer_get_ownership (array)
              || __sanitizer_get_allocated_size (array) != QUARK_BLOCK_BYTES)
            continue;
          if (array[0] == NULL && array[1] == g_quark_to_string (1) && array[2] == g_quark_to_string (2)
              && array[3] == g_quark_to_string (3))
            {
              *found = array;
              return 1;
            }
        }
    }
  return 0;
}
#endif

gboolean
cr_test_ignore_quark_array (void)
{
#ifdef CR_TEST_UTIL_ASAN
  void *array = NULL;

  dl_iterate_phdr (find_quark_array, &array);
  if (array == NULL)
    return FALSE;
  __lsan_ignore_object (array);
#endif
  return TRUE;
}

cairo_status_t
cr_test_append_to_byte_array (void                *closure,
                              const unsigned char *data,
                              unsigned int         length)
{
  g_byte_array_append (closure, data, length);
  return CAIRO_STATUS_SUCCESS;
}

/* @needle in the bytes from @from to @end (which may hold NULs), or NULL. */
static const char *
find_bytes (const char *from,
            const char *end,
            const char *needle)
{
  gsize length = strlen (needle);

  for (const char *at = from; at + length <= end; at++)
    if (memcmp (at, needle, length) == 0)
      return at;
  return NULL;
}

GPtrArray *
cr_test_pdf_content_streams (GBytes *pdf)
{
  GPtrArray *streams = g_ptr_array_new_with_free_func (g_free);
  gsize size;
  const char *data = g_bytes_get_data (pdf, &size);
  const char *end = data + size;
  const char *at = data;

  while ((at = find_bytes (at, end, "stream\n")) != NULL)
    {
      /* "endstream" ends with "stream\n" too. */
      gboolean ends = at > data && at[-1] == 'd';
      const char *start = at + strlen ("stream\n");
      const char *stop = find_bytes (start, end, "endstream");
      g_autoptr(GConverter) inflate = NULL;
      g_autoptr(GInputStream) raw = NULL;
      g_autoptr(GInputStream) in = NULL;
      g_autoptr(GOutputStream) out = NULL;
      char *text;

      if (ends)
        {
          at = start;
          continue;
        }
      if (stop == NULL)
        break;
      at = stop;
      inflate = G_CONVERTER (g_zlib_decompressor_new (G_ZLIB_COMPRESSOR_FORMAT_ZLIB));
      raw = g_memory_input_stream_new_from_data (start, stop - start, NULL);
      in = g_converter_input_stream_new (raw, inflate);
      out = g_memory_output_stream_new_resizable ();
      /* Not Flate: no page of cairo's. */
      if (g_output_stream_splice (out, in, G_OUTPUT_STREAM_SPLICE_NONE, NULL, NULL) < 0 ||
          !g_output_stream_write_all (out, "", 1, NULL, NULL, NULL) ||
          !g_output_stream_close (out, NULL, NULL))
        continue;
      text = g_memory_output_stream_steal_data (G_MEMORY_OUTPUT_STREAM (out));
      if (strstr (text, "BT\n") != NULL)
        g_ptr_array_add (streams, text);
      else
        g_free (text);
    }
  return streams;
}
