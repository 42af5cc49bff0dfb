/* cr-bench-floor.h: the floor for a durable vote, shared by the floor and vote drivers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

typedef struct _CrBenchFloor CrBenchFloor;

/* A raw SQLite file with the settings Crossroads uses (journal_mode=WAL,
 * synchronous=FULL) and a table shaped like votes. Exits on failure. */
CrBenchFloor *cr_bench_floor_open   (const char   *path);
/* One INSERT and COMMIT; returns its time in microseconds. */
gint64        cr_bench_floor_commit (CrBenchFloor *floor,
                                     guint         i);
void          cr_bench_floor_close  (CrBenchFloor *floor);
