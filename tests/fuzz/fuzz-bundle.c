/* fuzz-bundle.c: libFuzzer target for the workshop bundle importer
 *
 * Every input goes through cr_bundle_import() as --import and the library's
 * Import button send it: size and UTF-8 checks, the JSON parser, the whole
 * validation and, for a valid bundle, the one-transaction write. A bundle
 * that imports is loaded back and exported (tallies, recommendation), its
 * export imported and exported again to the same document, and both are
 * then deleted, so the scratch library stays small. The library lives in
 * memory: no disk I/O per input.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdint.h>
#include <string.h>

#include "cr-bundle.h"
#include "cr-store.h"
#include "cr-workshop.h"

int LLVMFuzzerInitialize (int *argc, char ***argv);
int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

static CrStore *store;

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  g_autoptr(GError) error = NULL;

  /* A critical is a broken precondition in our code: make it a crash the
   * fuzzer reports, with the input that caused it. */
  g_log_set_always_fatal (G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING);

  store = cr_store_open_in_memory (&error);
  g_assert_no_error (error);
  return 0;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GBytes) bytes = g_bytes_new (data, size);
  g_autoptr(GError) error = NULL;
  g_autoptr(CrWorkshop) workshop = NULL;
  g_autofree char *exported = NULL;
  gint64 id;

  id = cr_bundle_import (store, bytes, &error);
  if (id == 0)
    {
      /* A refusal always says why. */
      g_assert (error != NULL && error->message != NULL && error->message[0] != '\0');
      g_assert (g_utf8_validate (error->message, -1, NULL));
      return 0;
    }
  g_assert_no_error (error);

  workshop = cr_workshop_load (store, id, &error);
  g_assert_no_error (error);
  exported = cr_bundle_export_string (workshop);
  g_assert (exported != NULL && g_utf8_validate (exported, -1, NULL));
  g_clear_object (&workshop);
  /* Gone first: a library holds a workshop (its workshop.id) once. */
  g_assert (cr_workshop_delete (store, id, &error));
  g_assert_no_error (error);

  /* What was imported is kept as it was read: its export imports again,
   * and exports the same document. */
  {
    g_autoptr(GBytes) again = g_bytes_new (exported, strlen (exported));
    g_autoptr(CrWorkshop) copy = NULL;
    g_autofree char *reexported = NULL;
    gint64 copy_id = cr_bundle_import (store, again, &error);

    if (copy_id == 0)
      g_error ("the export of an imported bundle is refused: %s\n%s", error->message, exported);
    copy = cr_workshop_load (store, copy_id, &error);
    g_assert_no_error (error);
    reexported = cr_bundle_export_string (copy);
    if (g_strcmp0 (exported, reexported) != 0)
      g_error ("a bundle exported, imported and exported again differs:\n%s\n----\n%s", exported, reexported);
    g_clear_object (&copy);
    g_assert (cr_workshop_delete (store, copy_id, &error));
    g_assert_no_error (error);
  }
  return 0;
}
