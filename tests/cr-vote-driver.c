/* cr-vote-driver.c: records a workshop's votes through the core, as the window does
 *
 * Not a test by itself: test-crash and build-aux/kill-harness run it and kill
 * it with SIGKILL at random moments. It makes the same calls as the set-up,
 * canvas and vote steps (cr_workshop_add_participant, cr_workshop_add_note,
 * cr_workshop_open_round, cr_workshop_record_votes), one transaction each,
 * and after each call that returned prints one acknowledgement line:
 *
 *   workshop ID
 *   round ID
 *   participant ID
 *   note ID
 *   vote ROUND_ID PARTICIPANT_ID OPTION VALUE
 *
 * Usage: cr-vote-driver DATABASE [WORKSHOP_ID [MAX_WRITES]]
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>

#include "cr-limits.h"
#include "cr-store.h"
#include "cr-workshop.h"

/* One short line in one write(2): a pipe never shows half of it. */
static void
acknowledge (const char *format,
             ...) G_GNUC_PRINTF (1, 2);

static void
acknowledge (const char *format,
             ...)
{
  g_autofree char *line = NULL;
  va_list args;

  va_start (args, format);
  line = g_strdup_vprintf (format, args);
  va_end (args);
  fputs (line, stdout);
  fputc ('\n', stdout);
  fflush (stdout);
}

static int
fail (const GError *error)
{
  g_printerr ("cr-vote-driver: %s\n", error->message);
  return 1;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(CrStore) store = NULL;
  g_autoptr(CrWorkshop) workshop = NULL;
  g_autoptr(CrTemplate) template = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GRand) rand = g_rand_new ();
  CrRound *round = NULL;
  const CrQuestion *question;
  guint64 max_writes = 1000;
  guint64 writes = 0;

  if (argc < 2 || argc > 4)
    {
      g_printerr ("usage: cr-vote-driver DATABASE [WORKSHOP_ID [MAX_WRITES]]\n");
      return 2;
    }
  if (argc > 3)
    max_writes = g_ascii_strtoull (argv[3], NULL, 10);

  store = cr_store_open (argv[1], &error);
  if (store == NULL)
    return fail (error);

  if (argc > 2 && g_ascii_strtoll (argv[2], NULL, 10) > 0)
    {
      workshop = cr_workshop_load (store, g_ascii_strtoll (argv[2], NULL, 10), &error);
      if (workshop == NULL)
        return fail (error);
    }
  else
    {
      template = cr_template_lookup_builtin ("people-product-models", &error);
      if (template == NULL)
        return fail (error);
      workshop = cr_workshop_create (store, template, "Kill harness", "Crossroads",
                                     "Driver", "2026-11-23", "People Experience", &error);
      if (workshop == NULL)
        return fail (error);
    }
  acknowledge ("workshop %" G_GINT64_FORMAT, cr_workshop_get_id (workshop));

  question = cr_template_find_question (cr_workshop_get_template (workshop), "target");
  g_assert (question != NULL);

  while (writes < max_writes)
    {
      CrParticipant *participant;
      CrNote *note;
      CrVote vote = { 0 };
      g_autofree char *name = NULL;
      g_autofree char *text = NULL;
      guint n_options = cr_template_get_n_options (cr_workshop_get_template (workshop));

      /* A full workshop: the next one, as the facilitator's next client.
       * Long runs of short-lived drivers open a round each time, so the
       * rounds fill up before the participants do. */
      if (g_list_model_get_n_items (cr_workshop_get_participants (workshop)) >= CR_LIMIT_PARTICIPANTS ||
          g_list_model_get_n_items (cr_workshop_get_rounds (workshop)) >= CR_LIMIT_ROUNDS)
        {
          g_autoptr(CrWorkshop) next = cr_workshop_create (store, cr_workshop_get_template (workshop),
                                                           "Kill harness", "Crossroads", "Driver",
                                                           "2026-11-23", "People Experience", &error);

          if (next == NULL)
            return fail (error);
          g_set_object (&workshop, next);
          round = NULL;
          acknowledge ("workshop %" G_GINT64_FORMAT, cr_workshop_get_id (workshop));
          writes++;
        }

      /* A new round now and then, as the facilitator asks again. */
      if (round == NULL || g_rand_int_range (rand, 0, 16) == 0)
        {
          round = cr_workshop_open_round (workshop, "target", &error);
          if (round == NULL)
            return fail (error);
          acknowledge ("round %" G_GINT64_FORMAT, cr_round_get_id (round));
          writes++;
        }

      name = g_strdup_printf ("Participant %" G_GUINT64_FORMAT, writes);
      participant = cr_workshop_add_participant (workshop, name, "Lead", &error);
      if (participant == NULL)
        return fail (error);
      acknowledge ("participant %" G_GINT64_FORMAT, cr_participant_get_id (participant));
      writes++;

      text = g_strdup_printf ("Note %" G_GUINT64_FORMAT, writes);
      note = cr_workshop_add_note (workshop,
                                   cr_template_get_option (cr_workshop_get_template (workshop),
                                                           g_rand_int_range (rand, 0, (int) n_options))->id,
                                   CR_NOTE_STRENGTH, text, cr_participant_get_id (participant),
                                   &error);
      if (note == NULL)
        return fail (error);
      acknowledge ("note %" G_GINT64_FORMAT, cr_note_get_id (note));
      writes++;

      vote.participant_id = cr_participant_get_id (participant);
      vote.option = g_intern_string (cr_template_get_option (cr_workshop_get_template (workshop),
                                                             g_rand_int_range (rand, 0, (int) n_options))->id);
      vote.value = g_rand_int_range (rand, 1, question->budget + 1);
      if (!cr_workshop_record_votes (workshop, round, vote.participant_id, &vote, 1, &error))
        return fail (error);
      acknowledge ("vote %" G_GINT64_FORMAT " %" G_GINT64_FORMAT " %s %d",
                   cr_round_get_id (round), vote.participant_id, vote.option, vote.value);
      writes++;
    }

  return 0;
}
