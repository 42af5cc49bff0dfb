/* fuzz-template.c: libFuzzer target for the template loader
 *
 * Every input goes through cr_template_new_from_bytes(), as a template file
 * chosen in the new-workshop dialog does, and through
 * cr_template_check_file(), which --check-template uses to list every
 * problem. The two must agree: a template loads exactly when there is no
 * problem to list.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <stdint.h>
#include <stdlib.h>
#include <unistd.h>

#include "cr-template.h"

int LLVMFuzzerInitialize (int *argc, char ***argv);
int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

static char *check_path;

static void
remove_check_file (void)
{
  g_unlink (check_path);
  g_free (check_path);
}

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  const char *dir = g_file_test ("/dev/shm", G_FILE_TEST_IS_DIR) ? "/dev/shm" : g_get_tmp_dir ();
  g_autofree char *name = g_strdup_printf ("crossroads-fuzz-template-%d.json", (int) getpid ());

  /* A critical is a broken precondition in our code: make it a crash. */
  g_log_set_always_fatal (G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING);
  check_path = g_build_filename (dir, name, NULL);
  atexit (remove_check_file);
  return 0;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GBytes) bytes = g_bytes_new (data, size);
  g_autoptr(GError) error = NULL;
  g_autoptr(CrTemplate) template = NULL;

  template = cr_template_new_from_bytes (bytes, &error);
  if (template == NULL)
    {
      g_assert (error != NULL && error->message != NULL && error->message[0] != '\0');
      g_assert (g_utf8_validate (error->message, -1, NULL));
    }
  else
    {
      g_assert_no_error (error);
      g_assert (cr_template_get_id (template) != NULL);
      g_assert (cr_template_get_n_options (template) > 0);
    }

  /* --check-template reads the file again and walks it on its own; it must
   * not crash on what the loader refused, and must find nothing in what it
   * accepted. The file is on a RAM disk when there is one. */
  if (g_file_set_contents (check_path, (const char *) data, (gssize) size, NULL))
    {
      g_autoptr(GPtrArray) problems = cr_template_check_file (check_path);

      g_assert (problems != NULL);
      g_assert ((template != NULL) == (problems->len == 0));
      for (guint i = 0; i < problems->len; i++)
        g_assert (g_utf8_validate (g_ptr_array_index (problems, i), -1, NULL));
    }
  return 0;
}
