/* cr-bench-sqlite-floor.c: the floor for a durable vote
 *
 *   cr-bench-sqlite-floor FILE N
 *
 * One raw INSERT and COMMIT at a time with the settings Crossroads uses
 * (journal_mode=WAL, synchronous=FULL), into a table shaped like votes.
 * Prints the time of each commit in microseconds, one per line.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "crossroads-bench"

#include "config.h"

#include <stdio.h>

#include "cr-bench-floor.h"

int
main (int   argc,
      char *argv[])
{
  CrBenchFloor *floor;
  guint64 n;

  if (argc != 3 || !g_ascii_string_to_unsigned (argv[2], 10, 1, 10000000, &n, NULL))
    {
      g_printerr ("usage: cr-bench-sqlite-floor FILE N\n");
      return 2;
    }

  floor = cr_bench_floor_open (argv[1]);
  for (guint64 i = 0; i < n; i++)
    printf ("%" G_GINT64_FORMAT "\n", cr_bench_floor_commit (floor, (guint) i));
  cr_bench_floor_close (floor);
  return 0;
}
