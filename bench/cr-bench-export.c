/* cr-bench-export.c: every export format of one workshop
 *
 *   cr-bench-export FILE WORKSHOP-ID N
 *
 * Times loading the workshop, then each format through cr_export_to_bytes,
 * N times each. Prints "load US" and "<format> US" lines.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "crossroads-bench"

#include "config.h"

#include <stdio.h>
#include <stdlib.h>

#include "cr-export.h"
#include "cr-store.h"
#include "cr-workshop.h"

static void
die (const char   *doing,
     const GError *error)
{
  g_printerr ("cr-bench-export: %s: %s\n", doing, error ? error->message : "failed");
  exit (1);
}

int
main (int   argc,
      char *argv[])
{
  static const CrExportFormat formats[] = {
    CR_EXPORT_MARKDOWN, CR_EXPORT_CSV, CR_EXPORT_HTML, CR_EXPORT_JSON, CR_EXPORT_PDF,
  };
  g_autoptr(CrStore) store = NULL;
  g_autoptr(CrWorkshop) workshop = NULL;
  g_autoptr(GError) error = NULL;
  guint64 id, n;

  if (argc != 4 ||
      !g_ascii_string_to_unsigned (argv[2], 10, 1, G_MAXINT64, &id, NULL) ||
      !g_ascii_string_to_unsigned (argv[3], 10, 1, 1000, &n, NULL))
    {
      g_printerr ("usage: cr-bench-export FILE WORKSHOP-ID N\n");
      return 2;
    }

  store = cr_store_open (argv[1], &error);
  if (store == NULL)
    die ("opening the library", error);

  for (guint64 i = 0; i < n; i++)
    {
      gint64 start = g_get_monotonic_time ();

      g_clear_object (&workshop);
      workshop = cr_workshop_load (store, (gint64) id, &error);
      if (workshop == NULL)
        die ("loading the workshop", error);
      printf ("load %" G_GINT64_FORMAT "\n", g_get_monotonic_time () - start);
    }

  for (guint f = 0; f < G_N_ELEMENTS (formats); f++)
    for (guint64 i = 0; i < n; i++)
      {
        g_autoptr(GBytes) bytes = NULL;
        gint64 start = g_get_monotonic_time ();

        bytes = cr_export_to_bytes (workshop, formats[f], &error);
        if (bytes == NULL)
          die ("exporting", error);
        printf ("%s %" G_GINT64_FORMAT "\n", cr_export_format_to_string (formats[f]),
                g_get_monotonic_time () - start);
      }

  return 0;
}
