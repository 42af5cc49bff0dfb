/* cr-bench-vote.c: durable votes through the core
 *
 *   cr-bench-vote FILE WORKSHOP-ID N FLOOR-FILE
 *
 * Loads the workshop, opens a round of the single-choice question and
 * records N ballots (one participant's vote each, as the vote step does),
 * each one transaction with the store's WAL + synchronous=FULL settings.
 * Each ballot alternates with one commit of the SQLite floor in FLOOR-FILE,
 * so a disk that a neighbour makes slow for a moment slows both alike.
 * Prints "vote US" and "floor US" lines.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "crossroads-bench"

#include "config.h"

#include <stdio.h>
#include <stdlib.h>

#include "cr-bench-floor.h"
#include "cr-store.h"
#include "cr-workshop.h"

static void
die (const char   *doing,
     const GError *error)
{
  g_printerr ("cr-bench-vote: %s: %s\n", doing, error ? error->message : "failed");
  exit (1);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(CrStore) store = NULL;
  g_autoptr(CrWorkshop) workshop = NULL;
  g_autoptr(GError) error = NULL;
  GListModel *participants;
  CrTemplate *template;
  CrRound *round;
  guint64 id, n;
  guint n_participants;
  CrBenchFloor *floor;

  if (argc != 5 ||
      !g_ascii_string_to_unsigned (argv[2], 10, 1, G_MAXINT64, &id, NULL) ||
      !g_ascii_string_to_unsigned (argv[3], 10, 1, 1000000, &n, NULL))
    {
      g_printerr ("usage: cr-bench-vote FILE WORKSHOP-ID N FLOOR-FILE\n");
      return 2;
    }

  store = cr_store_open (argv[1], &error);
  if (store == NULL)
    die ("opening the library", error);
  workshop = cr_workshop_load (store, (gint64) id, &error);
  if (workshop == NULL)
    die ("loading the workshop", error);
  template = cr_workshop_get_template (workshop);

  round = cr_workshop_open_round (workshop, "current", &error);
  if (round == NULL)
    die ("opening a round", error);

  floor = cr_bench_floor_open (argv[4]);
  participants = cr_workshop_get_participants (workshop);
  n_participants = g_list_model_get_n_items (participants);
  for (guint64 i = 0; i < n; i++)
    {
      g_autoptr(CrParticipant) participant = g_list_model_get_item (participants, i % n_participants);
      CrVote vote = { cr_participant_get_id (participant),
                      cr_template_get_option (template, i % cr_template_get_n_options (template))->id,
                      NULL, 1 };
      gint64 start = g_get_monotonic_time ();

      if (!cr_workshop_record_votes (workshop, round, vote.participant_id, &vote, 1, &error))
        die ("recording a vote", error);
      printf ("vote %" G_GINT64_FORMAT "\n", g_get_monotonic_time () - start);
      printf ("floor %" G_GINT64_FORMAT "\n", cr_bench_floor_commit (floor, (guint) i));
    }

  cr_bench_floor_close (floor);
  return 0;
}
