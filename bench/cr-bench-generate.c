/* cr-bench-generate.c: realistic libraries for the benchmarks, written through the core
 *
 *   cr-bench-generate --workshops N FILE   N workshops with participants, notes, votes
 *   cr-bench-generate --large FILE         one workshop of 200 participants, every
 *                                          question, >= 20,000 votes; prints its ID
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "crossroads-bench"

#include "config.h"

#include <stdio.h>
#include <stdlib.h>

#include "cr-store.h"
#include "cr-template.h"
#include "cr-workshop.h"

static const char * const organisations[] = {
  "Contoso", "Fabrikam", "Northwind Traders", "Tailspin Toys", "Wide World Importers",
  "Adventure Works", "Litware", "Proseware", "Lucerne Publishing", "Margie's Travel",
  "Coho Winery", "Alpine Ski House", "Bellows College", "Blue Yonder Airlines",
  "City Power & Light", "Graphic Design Institute", "Humongous Insurance",
  "Trey Research", "VanArsdel", "Woodgrove Bank", "Fourth Coffee", "Relecloud",
  "Nod Publishers", "School of Fine Art", "Southridge Video", "Consolidated Messenger",
};

static const char * const first_names[] = {
  "Ana", "Ben", "Chloé", "Dev", "Eun-ji", "Farah", "Gus", "Hana", "Ivo", "Jonas",
  "Kemi", "Lars", "Maya", "Noor", "Olek", "Priya", "Quinn", "Rui", "Sofia", "Tomás",
};

static const char * const roles[] = {
  "CEO", "CFO", "Head of People", "HR Business Partner", "Product Lead",
  "Engineering Manager", "COO", "Talent Lead", "People Ops", "Finance Partner",
};

static const char * const note_texts[] = {
  "One front door for every employee question",
  "Teams already own their roadmaps",
  "Hard to fund without a business case per project",
  "Who owns the employee journey end to end?",
  "Specialists would need to learn discovery",
  "Service levels are measured today, outcomes are not",
  "Leaders ask for programmes, not products",
  "Could start with onboarding as a pilot",
};

static const char * const titles[] = {
  "Operating model offsite", "People strategy day", "HR leadership workshop",
  "Quarterly check-in", "Where do we go from here", "Product mindset kick-off",
};

static void
die (const char   *doing,
     const GError *error)
{
  g_printerr ("cr-bench-generate: %s: %s\n", doing, error ? error->message : "failed");
  exit (1);
}

static void
set_context (CrWorkshop *workshop,
             GRand      *rand)
{
  static const char * const stages[] = { "start-up", "scale-up", "smb", "enterprise" };
  static const char * const makeups[] = { "siloed-specialists", "mixed", "lean-generalists" };
  g_autoptr(GError) error = NULL;
  CrContextValue number = { TRUE, 0, NULL };
  CrContextValue choice = { FALSE, 0, NULL };

  number.number = g_rand_int_range (rand, 20, 20000);
  if (!cr_workshop_set_context (workshop, "headcount", &number, &error))
    die ("setting the headcount", error);
  choice.text = (char *) stages[g_rand_int_range (rand, 0, G_N_ELEMENTS (stages))];
  if (!cr_workshop_set_context (workshop, "stage", &choice, &error))
    die ("setting the stage", error);
  choice.text = (char *) makeups[g_rand_int_range (rand, 0, G_N_ELEMENTS (makeups))];
  if (!cr_workshop_set_context (workshop, "team_makeup", &choice, &error))
    die ("setting the team make-up", error);
}

/* Every participant's ballot for one round of @question, as a real room
 * would fill it: one choice, the whole dots budget, or every score. */
static void
vote_round (CrWorkshop       *workshop,
            CrTemplate       *template,
            const CrQuestion *question,
            GPtrArray        *participants,
            GRand            *rand)
{
  g_autoptr(GError) error = NULL;
  CrRound *round;   /* owned by the workshop */
  guint n_options = cr_template_get_n_options (template);

  round = cr_workshop_open_round (workshop, question->id, &error);
  if (round == NULL)
    die ("opening a round", error);

  for (guint p = 0; p < participants->len; p++)
    {
      gint64 pid = cr_participant_get_id (g_ptr_array_index (participants, p));
      g_autoptr(GArray) votes = g_array_new (FALSE, TRUE, sizeof (CrVote));

      if (question->method == CR_METHOD_SINGLE)
        {
          CrVote vote = { pid, cr_template_get_option (template, g_rand_int_range (rand, 0, n_options))->id, NULL, 1 };
          g_array_append_val (votes, vote);
        }
      else if (question->method == CR_METHOD_DOTS)
        {
          guint first = g_rand_int_range (rand, 0, n_options);
          int left = question->budget;

          for (guint o = 0; o < n_options && left > 0; o++)
            {
              int dots = o + 1 == n_options ? left : g_rand_int_range (rand, 0, left + 1);
              CrVote vote = { pid, cr_template_get_option (template, (first + o) % n_options)->id, NULL, dots };

              if (dots > 0)
                g_array_append_val (votes, vote);
              left -= dots;
            }
        }
      else
        {
          for (guint o = 0; o < n_options; o++)
            {
              const char *option = cr_template_get_option (template, o)->id;

              if (question->criteria->len == 0)
                {
                  CrVote vote = { pid, option, NULL, g_rand_int_range (rand, question->scale_min, question->scale_max + 1) };
                  g_array_append_val (votes, vote);
                }
              for (guint c = 0; c < question->criteria->len; c++)
                {
                  const CrCriterion *criterion = g_ptr_array_index (question->criteria, c);
                  CrVote vote = { pid, option, criterion->id,
                                  g_rand_int_range (rand, question->scale_min, question->scale_max + 1) };
                  g_array_append_val (votes, vote);
                }
            }
        }

      if (!cr_workshop_record_votes (workshop, round, pid, (CrVote *) votes->data, votes->len, &error))
        die ("recording votes", error);
    }

  if (!cr_workshop_reveal_round (workshop, round, &error))
    die ("revealing a round", error);
}

static CrWorkshop *
make_workshop (CrStore    *store,
               CrTemplate *template,
               GRand      *rand,
               guint       index,
               guint       n_organisations,
               guint       n_participants,
               guint       n_rounds,
               guint       n_notes)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) participants = g_ptr_array_new ();
  g_autofree char *title = NULL;
  g_autofree char *organisation = NULL;
  g_autofree char *facilitator = NULL;
  g_autofree char *date = NULL;
  CrWorkshop *workshop;
  guint org = g_rand_int_range (rand, 0, n_organisations);

  title = g_strdup_printf ("%s %u", titles[index % G_N_ELEMENTS (titles)], index + 1);
  if (org < G_N_ELEMENTS (organisations))
    organisation = g_strdup (organisations[org]);
  else
    organisation = g_strdup_printf ("%s %u", organisations[org % G_N_ELEMENTS (organisations)],
                                    (guint) (org / G_N_ELEMENTS (organisations)));
  facilitator = g_strdup_printf ("%s Facilitator", first_names[index % G_N_ELEMENTS (first_names)]);
  date = g_strdup_printf ("%04d-%02d-%02d", g_rand_int_range (rand, 2015, 2027),
                          g_rand_int_range (rand, 1, 13), g_rand_int_range (rand, 1, 29));

  workshop = cr_workshop_create (store, template, title, organisation, facilitator, date,
                                 "People Experience", &error);
  if (workshop == NULL)
    die ("creating a workshop", error);
  set_context (workshop, rand);

  for (guint p = 0; p < n_participants; p++)
    {
      g_autofree char *name = g_strdup_printf ("%s %u", first_names[p % G_N_ELEMENTS (first_names)], p + 1);
      CrParticipant *participant;

      participant = cr_workshop_add_participant (workshop, name, roles[p % G_N_ELEMENTS (roles)], &error);
      if (participant == NULL)
        die ("adding a participant", error);
      g_ptr_array_add (participants, participant);
    }

  for (guint n = 0; n < n_notes; n++)
    {
      const CrOption *option = cr_template_get_option (template, n % cr_template_get_n_options (template));
      gint64 pid = cr_participant_get_id (g_ptr_array_index (participants, n % participants->len));

      if (cr_workshop_add_note (workshop, option->id, (CrNoteKind) (n % 3),
                                note_texts[n % G_N_ELEMENTS (note_texts)], pid, &error) == NULL)
        die ("adding a note", error);
    }

  for (guint r = 0; r < n_rounds; r++)
    for (guint q = 0; q < cr_template_get_n_questions (template); q++)
      vote_round (workshop, template, cr_template_get_question (template, q), participants, rand);

  if (cr_workshop_add_action (workshop, "Pilot the model with onboarding", "Head of People",
                              NULL, &error) == NULL)
    die ("adding an action", error);

  return workshop;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(CrStore) store = NULL;
  g_autoptr(CrTemplate) template = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GRand) rand = g_rand_new_with_seed (20261123);
  gboolean large;

  if (argc != 3 && argc != 4)
    {
      g_printerr ("usage: cr-bench-generate --workshops N FILE | --large FILE\n");
      return 2;
    }
  large = g_strcmp0 (argv[1], "--large") == 0;

  store = cr_store_open (argv[large ? 2 : 3], &error);
  if (store == NULL)
    die ("opening the library", error);
  /* Generating is not what is measured; durability would only make it take
   * minutes. The data still goes through the same core calls. */
  sqlite3_exec (cr_store_get_db (store), "PRAGMA synchronous = OFF", NULL, NULL, NULL);

  template = cr_template_lookup_builtin ("people-product-models", &error);
  if (template == NULL)
    die ("loading the template", error);

  if (large)
    {
      g_autoptr(CrWorkshop) workshop = NULL;

      /* 200 participants x 6 rounds of each question x (1 + up to 3 + 15)
       * votes: about 22,000 votes. */
      workshop = make_workshop (store, template, rand, 0, 1, 200, 6, 300);
      g_print ("%" G_GINT64_FORMAT "\n", cr_workshop_get_id (workshop));
    }
  else
    {
      guint64 n;

      if (!g_ascii_string_to_unsigned (argv[2], 10, 1, 1000000, &n, NULL))
        {
          g_printerr ("cr-bench-generate: '%s' is not a number of workshops\n", argv[2]);
          return 2;
        }
      /* About five workshops per client, the way a consultant's library grows. */
      for (guint i = 0; i < n; i++)
        g_object_unref (make_workshop (store, template, rand, i, MAX (1, n / 5), 6, 1, 6));
    }

  sqlite3_exec (cr_store_get_db (store), "PRAGMA wal_checkpoint(TRUNCATE)", NULL, NULL, NULL);
  return 0;
}
