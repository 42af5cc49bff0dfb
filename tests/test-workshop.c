/* test-workshop.c: the workshop model, its changes and its list models
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "cr-library.h"
#include "cr-rounds-watch.h"
#include "cr-test-util.h"
#include "cr-workshop.h"

typedef struct
{
  guint position, removed, added, calls;
} Change;

static void
record_change (GListModel *model,
               guint       position,
               guint       removed,
               guint       added,
               Change     *change)
{
  change->position = position;
  change->removed = removed;
  change->added = added;
  change->calls++;
}

static CrWorkshop *
new_workshop (CrStore *store)
{
  return cr_test_new_workshop (store, "people-product-models", "Operating model", "Acme", "Maria",
                               "2025-03-14", "People Experience");
}

static gint64
count_where (CrStore    *store,
             const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  gint64 n;

  g_assert_cmpint (sqlite3_prepare_v2 (cr_store_get_db (store), sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  n = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return n;
}

static void
test_create_and_load (void)
{
  g_autoptr(CrStore) store = cr_test_new_store ();
  g_autoptr(CrWorkshop) created = new_workshop (store);
  g_autoptr(CrWorkshop) loaded = NULL;
  g_autoptr(GError) error = NULL;

  loaded = cr_workshop_load (store, cr_workshop_get_id (created), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (cr_workshop_get_title (loaded), ==, "Operating model");
  g_assert_cmpstr (cr_workshop_get_organisation (loaded), ==, "Acme");
  g_assert_cmpstr (cr_workshop_get_facilitator (loaded), ==, "Maria");
  g_assert_cmpstr (cr_workshop_get_date (loaded), ==, "2025-03-14");
  g_assert_cmpstr (cr_workshop_get_function_name (loaded), ==, "People Experience");
  g_assert_cmpstr (cr_template_get_id (cr_workshop_get_template (loaded)), ==, "people-product-models");
  g_assert_cmpint (cr_workshop_get_rerun_of (loaded), ==, 0);

  g_assert_true (cr_workshop_set_details (loaded, "Second look", "Acme Ltd", "", "2025-04-01", "People", &error));
  g_assert_no_error (error);
  g_clear_object (&created);
  created = cr_workshop_load (store, cr_workshop_get_id (loaded), &error);
  g_assert_cmpstr (cr_workshop_get_title (created), ==, "Second look");
  g_assert_cmpstr (cr_workshop_get_date (created), ==, "2025-04-01");

  /* Refused details change nothing. */
  g_assert_false (cr_workshop_set_details (loaded, "", "Acme", "", "2025-04-01", "", &error));
  g_assert_error (error, CR_STORE_ERROR, CR_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (cr_workshop_set_details (loaded, "T", "Acme", "", "2025-02-30", "", &error));
  g_assert_error (error, CR_STORE_ERROR, CR_STORE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "2025-02-30"));
  g_clear_error (&error);
  g_assert_cmpstr (cr_workshop_get_title (loaded), ==, "Second look");

  g_assert_null (cr_workshop_load (store, 4242, &error));
  g_assert_error (error, CR_STORE_ERROR, CR_STORE_ERROR_NOT_FOUND);
}

static void
test_participants (void)
{
  g_autoptr(CrStore) store = cr_test_new_store ();
  g_autoptr(CrWorkshop) workshop = new_workshop (store);
  g_autoptr(GError) error = NULL;
  g_autoptr(CrWorkshop) loaded = NULL;
  GListModel *list = cr_workshop_get_participants (workshop);
  CrParticipant *ana, *seat, *ben;
  g_autofree char *display = NULL;
  Change change = { 0 };

  g_signal_connect (list, "items-changed", G_CALLBACK (record_change), &change);

  ana = cr_workshop_add_participant (workshop, "Ana", "CPO", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (change.position, ==, 0);
  g_assert_cmpuint (change.added, ==, 1);
  seat = cr_workshop_add_participant (workshop, NULL, "Finance", &error);
  ben = cr_workshop_add_participant (workshop, "Ben", NULL, &error);
  g_assert_cmpuint (change.position, ==, 2);
  g_assert_cmpuint (g_list_model_get_n_items (list), ==, 3);

  g_assert_cmpstr (cr_participant_get_key (ana), ==, "p1");
  g_assert_cmpstr (cr_participant_get_key (seat), ==, "p2");
  g_assert_null (cr_participant_get_name (seat));
  display = cr_participant_dup_display_name (seat);
  g_assert_cmpstr (display, ==, "Seat 2");

  g_assert_true (cr_workshop_update_participant (workshop, seat, "Chen", "Finance", &error));
  g_assert_cmpstr (cr_participant_get_name (seat), ==, "Chen");

  g_assert_true (cr_workshop_remove_participant (workshop, ana, &error));
  g_assert_cmpuint (change.position, ==, 0);
  g_assert_cmpuint (change.removed, ==, 1);

  /* A new key never reuses a live one. */
  ana = cr_workshop_add_participant (workshop, "Dana", "", &error);
  g_assert_cmpstr (cr_participant_get_key (ana), ==, "p4");

  loaded = cr_workshop_load (store, cr_workshop_get_id (workshop), &error);
  g_assert_no_error (error);
  list = cr_workshop_get_participants (loaded);
  g_assert_cmpuint (g_list_model_get_n_items (list), ==, 3);
  {
    g_autoptr(CrParticipant) first = g_list_model_get_item (list, 0);
    g_assert_cmpstr (cr_participant_get_name (first), ==, "Chen");
    g_assert_cmpstr (cr_participant_get_key (first), ==, "p2");
  }
  (void) ben;
}

/* The display names of a workshop's participants, in order, joined by commas. */
static char *
display_names (CrWorkshop *workshop)
{
  GListModel *list = cr_workshop_get_participants (workshop);
  g_autoptr(GString) names = g_string_new (NULL);

  for (guint i = 0; i < g_list_model_get_n_items (list); i++)
    {
      g_autoptr(CrParticipant) p = g_list_model_get_item (list, i);
      g_autofree char *name = cr_participant_dup_display_name (p);

      g_string_append_printf (names, "%s%s", i > 0 ? ", " : "", name);
    }
  return g_strdup (names->str);
}

/* What a facilitator saw: with Seat 4 removed between rounds, a new seat
 * was a second "Seat 5" in the window, while the exports (a fresh load)
 * called the two "Seat 4" and "Seat 5". A seat keeps its number. */
static void
test_seat_numbers (void)
{
  g_autoptr(CrStore) store = cr_test_new_store ();
  g_autoptr(CrWorkshop) workshop = new_workshop (store);
  g_autoptr(CrWorkshop) loaded = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *live = NULL;
  g_autofree char *reloaded = NULL;
  CrParticipant *seat4;

  g_assert_nonnull (cr_workshop_add_participant (workshop, "Ana", NULL, &error));
  g_assert_nonnull (cr_workshop_add_participant (workshop, "Ben", NULL, &error));
  g_assert_nonnull (cr_workshop_add_participant (workshop, "Cleo", NULL, &error));
  seat4 = cr_workshop_add_participant (workshop, NULL, NULL, &error);
  g_assert_nonnull (cr_workshop_add_participant (workshop, NULL, NULL, &error));
  g_assert_no_error (error);
  live = display_names (workshop);
  g_assert_cmpstr (live, ==, "Ana, Ben, Cleo, Seat 4, Seat 5");

  g_assert_true (cr_workshop_remove_participant (workshop, seat4, &error));
  g_assert_nonnull (cr_workshop_add_participant (workshop, NULL, NULL, &error));
  g_assert_no_error (error);
  g_clear_pointer (&live, g_free);
  live = display_names (workshop);
  g_assert_cmpstr (live, ==, "Ana, Ben, Cleo, Seat 5, Seat 6");

  /* A fresh load (what the exports and the next start see) agrees. */
  loaded = cr_workshop_load (store, cr_workshop_get_id (workshop), &error);
  g_assert_no_error (error);
  reloaded = display_names (loaded);
  g_assert_cmpstr (reloaded, ==, live);

  /* Undone, the removal gives Seat 4 back its number, then a new seat after
   * the newest number. */
  g_assert_true (cr_workshop_undo (workshop, &error));
  g_assert_true (cr_workshop_undo (workshop, &error));
  g_assert_no_error (error);
  g_clear_pointer (&live, g_free);
  live = display_names (workshop);
  g_assert_cmpstr (live, ==, "Ana, Ben, Cleo, Seat 4, Seat 5");
  g_assert_nonnull (cr_workshop_add_participant (workshop, NULL, NULL, &error));
  g_clear_pointer (&live, g_free);
  live = display_names (workshop);
  g_assert_cmpstr (live, ==, "Ana, Ben, Cleo, Seat 4, Seat 5, Seat 6");
  g_clear_object (&loaded);
  loaded = cr_workshop_load (store, cr_workshop_get_id (workshop), &error);
  g_clear_pointer (&reloaded, g_free);
  reloaded = display_names (loaded);
  g_assert_cmpstr (reloaded, ==, live);
}

static void
test_notes (void)
{
  g_autoptr(CrStore) store = cr_test_new_store ();
  g_autoptr(CrWorkshop) workshop = new_workshop (store);
  g_autoptr(GError) error = NULL;
  GListModel *notes = cr_workshop_get_notes (workshop);
  CrNote *note, *other;
  Change change = { 0 };

  g_signal_connect (notes, "items-changed", G_CALLBACK (record_change), &change);

  note = cr_workshop_add_note (workshop, "hr-as-a-service", CR_NOTE_STRENGTH,
                               "Faster **onboarding** <b>now</b>", 0, &error);
  g_assert_no_error (error);
  other = cr_workshop_add_note (workshop, "px-as-a-product", CR_NOTE_QUESTION, "Who owns it?", 0, &error);
  g_assert_cmpuint (change.calls, ==, 2);
  g_assert_cmpuint (change.position, ==, 1);

  /* Moving a note to another option and lane. */
  g_assert_true (cr_workshop_update_note (workshop, note, "projects-as-products", CR_NOTE_RISK,
                                          "Silos stay", &error));
  g_assert_cmpstr (cr_note_get_option (note), ==, "projects-as-products");
  g_assert_cmpint (cr_note_get_kind (note), ==, CR_NOTE_RISK);
  g_assert_cmpint (count_where (store, "SELECT COUNT(*) FROM notes WHERE option = 'projects-as-products'"
                                       " AND kind = 'risk' AND text = 'Silos stay'"), ==, 1);

  /* Unknown options are refused and nothing is written. */
  g_assert_null (cr_workshop_add_note (workshop, "no-such-model", CR_NOTE_RISK, "x", 0, &error));
  g_assert_error (error, CR_STORE_ERROR, CR_STORE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "no-such-model"));
  g_clear_error (&error);
  g_assert_false (cr_workshop_update_note (workshop, other, "nope", CR_NOTE_RISK, "x", &error));
  g_clear_error (&error);
  g_assert_null (cr_workshop_add_note (workshop, "px-as-a-product", CR_NOTE_RISK, "\xff\xfe", 0, &error));
  g_clear_error (&error);
  g_assert_cmpint (count_where (store, "SELECT COUNT(*) FROM notes"), ==, 2);

  g_assert_true (cr_workshop_remove_note (workshop, note, &error));
  g_assert_cmpuint (change.position, ==, 0);
  g_assert_cmpuint (change.removed, ==, 1);
  g_assert_cmpint (count_where (store, "SELECT COUNT(*) FROM notes"), ==, 1);
}

static void
test_context (void)
{
  g_autoptr(CrStore) store = cr_test_new_store ();
  g_autoptr(CrWorkshop) workshop = new_workshop (store);
  g_autoptr(CrWorkshop) loaded = NULL;
  g_autoptr(GError) error = NULL;
  CrContextValue headcount = { TRUE, 250, NULL };
  CrContextValue stage = { FALSE, 0, (char *) "scale-up" };
  CrContextValue bad_stage = { FALSE, 0, (char *) "unicorn" };
  CrContextValue maturity = { TRUE, 4, NULL };
  CrContextValue bad_maturity = { TRUE, 9, NULL };
  const CrContextValue *read;

  g_assert_true (cr_workshop_set_context (workshop, "headcount", &headcount, &error));
  g_assert_true (cr_workshop_set_context (workshop, "stage", &stage, &error));
  g_assert_true (cr_workshop_set_context (workshop, "team_maturity", &maturity, &error));
  g_assert_no_error (error);

  g_assert_false (cr_workshop_set_context (workshop, "stage", &bad_stage, &error));
  g_assert_error (error, CR_STORE_ERROR, CR_STORE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "unicorn"));
  g_clear_error (&error);
  g_assert_false (cr_workshop_set_context (workshop, "team_maturity", &bad_maturity, &error));
  g_clear_error (&error);
  g_assert_false (cr_workshop_set_context (workshop, "headcount", &stage, &error));
  g_clear_error (&error);
  g_assert_false (cr_workshop_set_context (workshop, "shoe_size", &headcount, &error));
  g_assert_nonnull (strstr (error->message, "shoe_size"));
  g_clear_error (&error);

  loaded = cr_workshop_load (store, cr_workshop_get_id (workshop), &error);
  read = cr_workshop_get_context (loaded, "headcount");
  g_assert_nonnull (read);
  g_assert_true (read->is_number);
  g_assert_cmpfloat (read->number, ==, 250);
  read = cr_workshop_get_context (loaded, "stage");
  g_assert_false (read->is_number);
  g_assert_cmpstr (read->text, ==, "scale-up");
  read = cr_workshop_get_context (loaded, "team_maturity");
  g_assert_cmpfloat (read->number, ==, 4);
  g_assert_cmpuint (g_hash_table_size (cr_workshop_get_context_table (loaded)), ==, 3);

  g_assert_true (cr_workshop_set_context (workshop, "stage", NULL, &error));
  g_assert_null (cr_workshop_get_context (workshop, "stage"));
  g_assert_cmpint (count_where (store, "SELECT COUNT(*) FROM context_answers"), ==, 2);
}

static void
test_rounds_and_votes (void)
{
  g_autoptr(CrStore) store = cr_test_new_store ();
  g_autoptr(CrWorkshop) workshop = new_workshop (store);
  g_autoptr(CrWorkshop) loaded = NULL;
  g_autoptr(GError) error = NULL;
  CrParticipant *ana = cr_workshop_add_participant (workshop, "Ana", "", &error);
  CrParticipant *ben = cr_workshop_add_participant (workshop, "Ben", "", &error);
  gint64 a = cr_participant_get_id (ana), b = cr_participant_get_id (ben);
  CrRound *current, *again, *target, *fit;
  const CrVote *votes;
  guint n, bad;

  current = cr_workshop_open_round (workshop, "current", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (cr_round_get_number (current), ==, 1);
  g_assert_false (cr_round_get_revealed (current));

  {
    CrVote one[] = { { a, "hr-as-a-service", NULL, 1 } };
    CrVote two[] = { { b, "hr-as-a-service", NULL, 1 }, { b, "px-as-a-product", NULL, 1 } };
    CrVote hands[] = { { 0, "projects-as-products", NULL, 5 }, { 0, "px-as-a-product", NULL, 2 } };

    g_assert_true (cr_workshop_record_votes (workshop, current, a, one, 1, &error));
    g_assert_no_error (error);
    /* One choice per participant in a single-choice round. */
    g_assert_false (cr_workshop_record_votes (workshop, current, b, two, 2, &error));
    g_assert_error (error, CR_STORE_ERROR, CR_STORE_ERROR_INVALID);
    g_clear_error (&error);
    /* Hands count only the people without a ballot: six more seats. */
    for (guint i = 0; i < 6; i++)
      g_assert_nonnull (cr_workshop_add_participant (workshop, NULL, "", &error));
    g_assert_true (cr_workshop_record_votes (workshop, current, 0, hands, 2, &error));
    g_assert_no_error (error);
  }

  /* Changing one's mind replaces the earlier vote. */
  {
    CrVote changed[] = { { a, "px-as-a-product", NULL, 1 } };
    g_assert_true (cr_workshop_record_votes (workshop, current, a, changed, 1, &error));
  }
  votes = cr_round_get_votes (current, &n);
  g_assert_cmpuint (n, ==, 3);
  g_assert_cmpint (count_where (store, "SELECT COUNT(*) FROM votes"), ==, 3);
  g_assert_cmpint (count_where (store, "SELECT COUNT(*) FROM votes WHERE participant_id IS NULL AND value = 5"), ==, 1);

  g_assert_true (cr_workshop_reveal_round (workshop, current, &error));
  g_assert_true (cr_round_get_revealed (current));
  again = cr_workshop_open_round (workshop, "current", &error);
  g_assert_cmpuint (cr_round_get_number (again), ==, 2);
  g_assert_true (cr_workshop_find_latest_round (workshop, "current", FALSE) == again);
  g_assert_true (cr_workshop_find_latest_round (workshop, "current", TRUE) == current);

  target = cr_workshop_open_round (workshop, "target", &error);
  {
    CrVote ok[] = { { a, "px-as-a-product", NULL, 2 }, { a, "projects-as-products", NULL, 1 } };
    CrVote over[] = { { b, "px-as-a-product", NULL, 3 }, { b, "hr-as-a-service", NULL, 1 } };

    g_assert_true (cr_workshop_record_votes (workshop, target, a, ok, 2, &error));
    g_assert_false (cr_workshop_record_votes (workshop, target, b, over, 2, &error));
    g_assert_error (error, CR_STORE_ERROR, CR_STORE_ERROR_INVALID);
    g_assert_nonnull (strstr (error->message, "budget"));
    g_clear_error (&error);
  }

  fit = cr_workshop_open_round (workshop, "fit", &error);
  {
    CrVote ok[] = { { a, "px-as-a-product", "speed", 5 }, { a, "px-as-a-product", "feasibility", 2 } };
    CrVote off[] = { { a, "px-as-a-product", "speed", 6 } };
    CrVote twice[] = { { a, "px-as-a-product", "speed", 3 }, { a, "px-as-a-product", "speed", 4 } };
    CrVote no_criterion[] = { { a, "px-as-a-product", NULL, 3 } };
    CrVote hands[] = { { 0, "px-as-a-product", "speed", 3 } };

    g_assert_true (cr_workshop_record_votes (workshop, fit, a, ok, 2, &error));
    g_assert_false (cr_workshop_record_votes (workshop, fit, a, off, 1, &error));
    g_clear_error (&error);
    g_assert_false (cr_workshop_record_votes (workshop, fit, a, twice, 2, &error));
    g_clear_error (&error);
    g_assert_false (cr_workshop_record_votes (workshop, fit, a, no_criterion, 1, &error));
    g_clear_error (&error);
    g_assert_false (cr_workshop_record_votes (workshop, fit, 0, hands, 1, &error));
    g_clear_error (&error);

    g_assert_false (cr_votes_check (cr_workshop_get_template (workshop),
                                    cr_template_find_question (cr_workshop_get_template (workshop), "fit"),
                                    FALSE, twice, 2, &bad, &error));
    g_assert_cmpuint (bad, ==, 1);
    g_clear_error (&error);
  }
  /* The refused attempts left the earlier scores in place. */
  votes = cr_round_get_votes (fit, &n);
  g_assert_cmpuint (n, ==, 2);
  g_assert_cmpint (votes[0].value, ==, 5);

  g_assert_null (cr_workshop_open_round (workshop, "favourite-colour", &error));
  g_assert_error (error, CR_STORE_ERROR, CR_STORE_ERROR_INVALID);
  g_clear_error (&error);

  /* Everything reads back in the same order. */
  loaded = cr_workshop_load (store, cr_workshop_get_id (workshop), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (cr_workshop_get_rounds (loaded)), ==, 4);
  {
    CrRound *r = cr_workshop_find_latest_round (loaded, "current", TRUE);

    g_assert_nonnull (r);
    g_assert_cmpuint (cr_round_get_number (r), ==, 1);
    votes = cr_round_get_votes (r, &n);
    g_assert_cmpuint (n, ==, 3);
    g_assert_cmpint (votes[0].participant_id, ==, 0);
    g_assert_cmpstr (votes[0].option, ==, "projects-as-products");
    g_assert_cmpint (votes[2].participant_id, ==, a);
    g_assert_cmpstr (votes[2].option, ==, "px-as-a-product");
  }

  /* Removing a participant takes their votes with them. */
  g_assert_true (cr_workshop_remove_participant (workshop, ana, &error));
  votes = cr_round_get_votes (current, &n);
  g_assert_cmpuint (n, ==, 2);
  g_assert_cmpint (count_where (store, "SELECT COUNT(*) FROM votes WHERE participant_id IS NOT NULL"), ==, 0);
}

static void
test_actions (void)
{
  g_autoptr(CrStore) store = cr_test_new_store ();
  g_autoptr(CrWorkshop) workshop = new_workshop (store);
  g_autoptr(GError) error = NULL;
  CrAction *action;

  action = cr_workshop_add_action (workshop, "Pilot a people product squad", "Ana", "2025-06-30", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (cr_action_get_due (action), ==, "2025-06-30");
  g_assert_true (cr_workshop_update_action (workshop, action, "Pilot two squads", "Ben", "", &error));
  g_assert_null (cr_action_get_due (action));
  g_assert_null (cr_workshop_add_action (workshop, "x", "y", "2025-13-01", &error));
  g_assert_error (error, CR_STORE_ERROR, CR_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpint (count_where (store, "SELECT COUNT(*) FROM actions WHERE due IS NULL AND owner = 'Ben'"), ==, 1);
  g_assert_true (cr_workshop_remove_action (workshop, action, &error));
  g_assert_cmpuint (g_list_model_get_n_items (cr_workshop_get_actions (workshop)), ==, 0);
  g_assert_cmpint (count_where (store, "SELECT COUNT(*) FROM actions"), ==, 0);
}

static void
test_delete_cascades (void)
{
  g_autoptr(CrStore) store = cr_test_new_store ();
  g_autoptr(CrWorkshop) workshop = new_workshop (store);
  g_autoptr(GError) error = NULL;
  CrParticipant *p = cr_workshop_add_participant (workshop, "Ana", "", &error);
  CrRound *round = cr_workshop_open_round (workshop, "current", &error);
  CrVote vote = { cr_participant_get_id (p), "px-as-a-product", NULL, 1 };

  cr_workshop_add_note (workshop, "px-as-a-product", CR_NOTE_RISK, "Hard", 0, &error);
  cr_workshop_add_action (workshop, "Do", "Me", NULL, &error);
  g_assert_true (cr_workshop_record_votes (workshop, round, vote.participant_id, &vote, 1, &error));
  g_assert_no_error (error);

  g_assert_true (cr_workshop_delete (store, cr_workshop_get_id (workshop), &error));
  g_assert_no_error (error);
  for (guint i = 0; i < 6; i++)
    {
      const char *tables[] = { "workshops", "participants", "notes", "rounds", "votes", "actions" };
      g_autofree char *sql = g_strdup_printf ("SELECT COUNT(*) FROM %s", tables[i]);
      g_assert_cmpint (count_where (store, sql), ==, 0);
    }
  g_assert_false (cr_workshop_delete (store, cr_workshop_get_id (workshop), &error));
  g_assert_error (error, CR_STORE_ERROR, CR_STORE_ERROR_NOT_FOUND);
}

static void
test_library_model (void)
{
  g_autoptr(CrStore) store = cr_test_new_store ();
  g_autoptr(CrTemplate) template = cr_template_lookup_builtin ("people-product-models", NULL);
  g_autoptr(CrLibrary) library = cr_library_new (store);
  g_autoptr(GError) error = NULL;
  g_autoptr(CrWorkshop) old = NULL, newer = NULL, middle = NULL;
  g_autoptr(CrWorkshopInfo) first = NULL;
  Change change = { 0 };

  g_signal_connect (library, "items-changed", G_CALLBACK (record_change), &change);
  g_assert_true (cr_library_reload (library, &error));
  g_assert_cmpuint (change.calls, ==, 0);

  old = cr_workshop_create (store, template, "Old", "Acme", "", "2023-01-10", "", &error);
  newer = cr_workshop_create (store, template, "New", "Beta", "", "2025-01-10", "", &error);
  g_assert_true (cr_library_reload (library, &error));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (library)), ==, 2);
  first = g_list_model_get_item (G_LIST_MODEL (library), 0);
  g_assert_cmpstr (cr_workshop_info_get_title (first), ==, "New");

  /* A workshop dated between the two lands in the middle, and only the middle is reported. */
  middle = cr_workshop_create (store, template, "Middle", "Acme", "", "2024-01-10", "", &error);
  change = (Change) { 0 };
  g_assert_true (cr_library_reload (library, &error));
  g_assert_cmpuint (change.calls, ==, 1);
  g_assert_cmpuint (change.position, ==, 1);
  g_assert_cmpuint (change.removed, ==, 0);
  g_assert_cmpuint (change.added, ==, 1);

  g_assert_true (cr_workshop_delete (store, cr_workshop_get_id (old), &error));
  g_assert_true (cr_library_reload (library, &error));
  g_assert_cmpuint (change.position, ==, 2);
  g_assert_cmpuint (change.removed, ==, 1);
  g_assert_cmpuint (change.added, ==, 0);
}

static void
test_dates (void)
{
  g_assert_true (cr_date_is_valid ("2024-02-29"));
  g_assert_true (cr_date_is_valid ("1999-12-31"));
  g_assert_false (cr_date_is_valid ("2023-02-29"));
  g_assert_false (cr_date_is_valid ("2024-04-31"));
  g_assert_false (cr_date_is_valid ("2024-13-01"));
  g_assert_false (cr_date_is_valid ("2024-1-01"));
  g_assert_false (cr_date_is_valid ("24-01-01"));
  g_assert_false (cr_date_is_valid ("2024/01/01"));
  g_assert_false (cr_date_is_valid ("0000-01-01"));
  g_assert_false (cr_date_is_valid (""));
  g_assert_false (cr_date_is_valid (NULL));
}

static void
count_emission (guint *count)
{
  (*count)++;
}

static void
drain_main_context (void)
{
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

static void
test_rounds_watch (void)
{
  g_autoptr(CrStore) store = cr_test_new_store ();
  g_autoptr(CrWorkshop) workshop = new_workshop (store);
  g_autoptr(CrRoundsWatch) watch = cr_rounds_watch_new (workshop, TRUE);
  g_autoptr(CrRoundsWatch) rounds_only = cr_rounds_watch_new (workshop, FALSE);
  g_autoptr(GError) error = NULL;
  CrParticipant *ana = cr_workshop_add_participant (workshop, "Ana", "", &error);
  CrVote vote = { cr_participant_get_id (ana), "px-as-a-product", NULL, 1 };
  CrContextValue stage = { FALSE, 0, (char *) "start-up" };
  guint count = 0, count_rounds = 0;
  CrRound *round;

  g_signal_connect_swapped (watch, "changed", G_CALLBACK (count_emission), &count);
  g_signal_connect_swapped (rounds_only, "changed", G_CALLBACK (count_emission), &count_rounds);

  /* A burst of changes is one "changed", once the main loop runs. */
  round = cr_workshop_open_round (workshop, "current", &error);
  g_assert_true (cr_workshop_record_votes (workshop, round, vote.participant_id, &vote, 1, &error));
  g_assert_true (cr_workshop_reveal_round (workshop, round, &error));
  g_assert_cmpuint (count, ==, 0);
  drain_main_context ();
  g_assert_cmpuint (count, ==, 1);
  g_assert_cmpuint (count_rounds, ==, 1);

  /* A round opened after the watch started is followed too. */
  g_assert_true (cr_workshop_undo (workshop, &error));
  drain_main_context ();
  g_assert_cmpuint (count, ==, 2);
  g_assert_false (cr_round_get_revealed (round));

  /* Context answers count only where asked for. */
  g_assert_true (cr_workshop_set_context (workshop, "stage", &stage, &error));
  drain_main_context ();
  g_assert_cmpuint (count, ==, 3);
  g_assert_cmpuint (count_rounds, ==, 2);

  /* Nothing fires after the watch is gone. */
  g_clear_object (&rounds_only);
  g_assert_true (cr_workshop_undo (workshop, &error));
  drain_main_context ();
  g_assert_cmpuint (count, ==, 4);
  g_assert_cmpuint (count_rounds, ==, 2);
}

/* Ballots and seats written through another connection (the phone
 * server's) are read back into the window's workshop, its items kept. */
static void
test_reread_from_another_connection (void)
{
  g_autoptr(CrStore) store = cr_test_new_store ();
  g_autoptr(CrWorkshop) window = new_workshop (store);
  g_autoptr(CrStore) other_store = NULL;
  g_autoptr(CrWorkshop) phones = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(CrParticipant) seat = NULL;
  g_autoptr(CrRound) first = NULL;
  CrParticipant *ana, *added;
  CrRound *round, *theirs;
  Change change = { 0 };
  const CrVote *votes;
  guint n_votes;
  gboolean can_undo;

  ana = cr_workshop_add_participant (window, "Ana", "CEO", &error);
  g_assert_no_error (error);
  round = cr_workshop_open_round (window, "current", &error);
  g_assert_no_error (error);
  can_undo = cr_workshop_can_undo (window);

  other_store = cr_store_open (cr_store_get_path (store), &error);
  g_assert_no_error (error);
  phones = cr_workshop_load (other_store, cr_workshop_get_id (window), &error);
  g_assert_no_error (error);
  added = cr_workshop_add_participant (phones, NULL, NULL, &error);
  g_assert_no_error (error);
  theirs = cr_workshop_find_latest_round (phones, "current", FALSE);
  {
    CrVote vote = { cr_participant_get_id (added), "px-as-a-product", NULL, 1 };
    CrVote hers = { cr_participant_get_id (ana), "hr-as-a-service", NULL, 1 };

    g_assert_true (cr_workshop_record_votes (phones, theirs, vote.participant_id, &vote, 1, &error));
    g_assert_true (cr_workshop_record_votes (phones, theirs, hers.participant_id, &hers, 1, &error));
    g_assert_no_error (error);
  }

  g_signal_connect (cr_workshop_get_participants (window), "items-changed", G_CALLBACK (record_change), &change);
  g_assert_true (cr_workshop_reread_participants (window, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (cr_workshop_get_participants (window)), ==, 2);
  g_assert_cmpuint (change.calls, ==, 1);
  g_assert_cmpuint (change.position, ==, 1);
  g_assert_cmpuint (change.added, ==, 1);
  seat = g_list_model_get_item (cr_workshop_get_participants (window), 1);
  g_assert_null (cr_participant_get_name (seat));
  {
    g_autofree char *label = cr_participant_dup_display_name (seat);
    g_autofree char *their_label = cr_participant_dup_display_name (added);

    /* Named as the connection that added it names it. */
    g_assert_cmpstr (label, ==, their_label);
  }
  g_assert_true (cr_workshop_find_participant (window, cr_participant_get_id (added)) == seat);
  /* Ana is the same object as before. */
  g_assert_true (cr_workshop_find_participant (window, cr_participant_get_id (ana)) == ana);

  votes = cr_round_get_votes (round, &n_votes);
  g_assert_cmpuint (n_votes, ==, 0);
  g_assert_true (cr_workshop_reread_round (window, cr_round_get_id (round), &error));
  g_assert_no_error (error);
  votes = cr_round_get_votes (round, &n_votes);
  g_assert_cmpuint (n_votes, ==, 2);
  g_assert_cmpint (votes[0].participant_id, ==, cr_participant_get_id (added));
  g_assert_cmpstr (votes[0].option, ==, "px-as-a-product");
  g_assert_cmpstr (votes[1].option, ==, "hr-as-a-service");
  first = g_list_model_get_item (cr_workshop_get_rounds (window), 0);
  g_assert_true (first == round);

  /* Nothing read back is a change of the window's own to undo. */
  g_assert_cmpint (cr_workshop_can_undo (window), ==, can_undo);
  g_assert_cmpstr (cr_workshop_get_undo_label (window), ==, "Open round");

  /* A participant removed elsewhere goes; an unknown round is refused. */
  g_assert_true (cr_workshop_remove_participant (phones, added, &error));
  g_assert_true (cr_workshop_reread_participants (window, &error));
  g_assert_cmpuint (g_list_model_get_n_items (cr_workshop_get_participants (window)), ==, 1);
  g_assert_true (cr_workshop_reread_round (window, cr_round_get_id (round), &error));
  votes = cr_round_get_votes (round, &n_votes);
  g_assert_cmpuint (n_votes, ==, 1);
  g_assert_false (cr_workshop_reread_round (window, 999999, &error));
  g_assert_error (error, CR_STORE_ERROR, CR_STORE_ERROR_INVALID);
  g_signal_handlers_disconnect_by_data (cr_workshop_get_participants (window), &change);
}

/* Two connections on one library (a second window, the phone server), each
 * with a model of its own: hands count only the people without a ballot as
 * the library holds them, so together they never count a person twice. */
typedef struct
{
  CrStore       *store, *other_store;
  CrWorkshop    *one, *two;        /* the same workshop through each */
  CrRound       *round_one, *round_two;
  gint64         ana, ben;
} TwoWindows;

static void
two_windows_set_up (TwoWindows    *f,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->store = cr_test_new_store ();
  f->one = new_workshop (f->store);
  f->ana = cr_participant_get_id (cr_workshop_add_participant (f->one, "Ana", "", &error));
  f->ben = cr_participant_get_id (cr_workshop_add_participant (f->one, "Ben", "", &error));
  f->round_one = cr_workshop_open_round (f->one, data, &error);
  g_assert_no_error (error);

  f->other_store = cr_store_open (cr_store_get_path (f->store), &error);
  g_assert_no_error (error);
  f->two = cr_workshop_load (f->other_store, cr_workshop_get_id (f->one), &error);
  g_assert_no_error (error);
  f->round_two = cr_workshop_find_latest_round (f->two, data, FALSE);
  g_assert_nonnull (f->round_two);
}

static void
two_windows_tear_down (TwoWindows    *f,
                       gconstpointer  data)
{
  g_clear_object (&f->two);
  g_clear_object (&f->other_store);
  g_clear_object (&f->one);
  g_clear_object (&f->store);
}

static gint64
stored_hands (TwoWindows *f)
{
  return count_where (f->store, "SELECT COALESCE(SUM(value), 0) FROM votes WHERE participant_id IS NULL");
}

static gint64
stored_ballots (TwoWindows *f)
{
  return count_where (f->store, "SELECT COUNT(DISTINCT participant_id) FROM votes WHERE participant_id IS NOT NULL");
}

static void
test_one_count_hands_then_ballot (TwoWindows    *f,
                                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  CrVote hands = { 0, "px-as-a-product", NULL, 2 };
  CrVote hers = { f->ana, "hr-as-a-service", NULL, 1 };
  const CrVote *votes;
  guint n_votes;

  g_assert_true (cr_workshop_record_votes (f->one, f->round_one, 0, &hands, 1, &error));
  g_assert_no_error (error);

  /* The second window has not read the hands; the library has them. */
  g_assert_false (cr_workshop_record_votes (f->two, f->round_two, f->ana, &hers, 1, &error));
  g_assert_error (error, CR_STORE_ERROR, CR_STORE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "Lower the count of hands first"));
  g_assert_cmpint (stored_hands (f), ==, 2);
  g_assert_cmpint (stored_ballots (f), ==, 0);
  g_assert_false (cr_workshop_can_undo (f->two));

  /* And it now shows the hands it was refused for. */
  votes = cr_round_get_votes (f->round_two, &n_votes);
  g_assert_cmpuint (n_votes, ==, 1);
  g_assert_cmpint (votes[0].participant_id, ==, 0);
  g_assert_cmpint (votes[0].value, ==, 2);
}

static void
test_one_count_ballots_then_hands (TwoWindows    *f,
                                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  CrVote hers[] = { { f->ana, "px-as-a-product", NULL, 2 }, { f->ana, "hr-as-a-service", NULL, 1 } };
  CrVote hands = { 0, "px-as-a-product", NULL, 4 };
  /* A hand is one dot: Ben's three dots on three options. */
  CrVote his_dots[] = { { 0, "px-as-a-product", NULL, 1 }, { 0, "hr-as-a-service", NULL, 1 },
                        { 0, "projects-as-products", NULL, 1 } };

  g_assert_true (cr_workshop_record_votes (f->two, f->round_two, f->ana, hers, G_N_ELEMENTS (hers), &error));
  g_assert_no_error (error);

  /* Only Ben has no ballot: three dots at most, not four. */
  g_assert_false (cr_workshop_record_votes (f->one, f->round_one, 0, &hands, 1, &error));
  g_assert_error (error, CR_STORE_ERROR, CR_STORE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "only 1 person has no ballot"));
  g_clear_error (&error);
  g_assert_cmpint (stored_hands (f), ==, 0);
  g_assert_cmpint (stored_ballots (f), ==, 1);

  g_assert_true (cr_workshop_record_votes (f->one, f->round_one, 0, his_dots, G_N_ELEMENTS (his_dots), &error));
  g_assert_no_error (error);
  g_assert_cmpint (stored_hands (f), ==, 3);
}

static void
test_one_count_undo_redo (TwoWindows    *f,
                          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  CrVote hands = { 0, "px-as-a-product", NULL, 2 };
  CrVote hers = { f->ana, "hr-as-a-service", NULL, 1 };

  /* Hands counted and taken back in the first window; Ana's ballot in the
   * second. Counting the hands again would count Ana twice. */
  g_assert_true (cr_workshop_record_votes (f->one, f->round_one, 0, &hands, 1, &error));
  g_assert_true (cr_workshop_undo (f->one, &error));
  g_assert_true (cr_workshop_record_votes (f->two, f->round_two, f->ana, &hers, 1, &error));
  g_assert_no_error (error);

  g_assert_false (cr_workshop_redo (f->one, &error));
  g_assert_error (error, CR_STORE_ERROR, CR_STORE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "round 1 of"));
  g_assert_nonnull (strstr (error->message, "only 1 person has no ballot"));
  g_clear_error (&error);
  g_assert_true (cr_workshop_can_redo (f->one));
  g_assert_cmpint (stored_hands (f), ==, 0);
  g_assert_cmpint (stored_ballots (f), ==, 1);

  /* Ana's ballot cleared there, the hands come back here; undoing the
   * clearing there would count her twice now. */
  g_assert_true (cr_workshop_record_votes (f->two, f->round_two, f->ana, NULL, 0, &error));
  g_assert_true (cr_workshop_redo (f->one, &error));
  g_assert_no_error (error);
  g_assert_cmpint (stored_hands (f), ==, 2);

  g_assert_false (cr_workshop_undo (f->two, &error));
  g_assert_error (error, CR_STORE_ERROR, CR_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_true (cr_workshop_can_undo (f->two));
  g_assert_cmpint (stored_hands (f), ==, 2);
  g_assert_cmpint (stored_ballots (f), ==, 0);
}

static void
test_one_count_participants (TwoWindows    *f,
                             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  CrParticipant *cid, *ben;
  CrVote hands = { 0, "px-as-a-product", NULL, 3 };

  cid = cr_workshop_add_participant (f->one, "Cid", "", &error);
  g_assert_no_error (error);
  g_assert_true (cr_workshop_reread_participants (f->two, &error));
  g_assert_true (cr_workshop_record_votes (f->two, f->round_two, 0, &hands, 1, &error));
  g_assert_no_error (error);

  /* All three raised a hand there: none of them can leave here. */
  ben = cr_workshop_find_participant (f->one, f->ben);
  g_assert_false (cr_workshop_remove_participant (f->one, ben, &error));
  g_assert_error (error, CR_STORE_ERROR, CR_STORE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "Lower the count of hands there first"));
  g_clear_error (&error);
  g_assert_cmpstr (cr_workshop_get_undo_label (f->one), ==, "Add participant");
  g_assert_false (cr_workshop_undo (f->one, &error));
  g_assert_error (error, CR_STORE_ERROR, CR_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_true (cr_workshop_find_participant (f->one, cr_participant_get_id (cid)) == cid);
  g_assert_cmpint (count_where (f->store, "SELECT COUNT(*) FROM participants"), ==, 3);
  g_assert_cmpint (stored_hands (f), ==, 3);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/workshop/create-and-load", test_create_and_load);
  g_test_add_func ("/workshop/participants", test_participants);
  g_test_add_func ("/workshop/seat-numbers", test_seat_numbers);
  g_test_add_func ("/workshop/notes", test_notes);
  g_test_add_func ("/workshop/context", test_context);
  g_test_add_func ("/workshop/rounds-and-votes", test_rounds_and_votes);
  g_test_add_func ("/workshop/actions", test_actions);
  g_test_add_func ("/workshop/delete-cascades", test_delete_cascades);
  g_test_add_func ("/workshop/library-model", test_library_model);
  g_test_add_func ("/workshop/dates", test_dates);
  g_test_add_func ("/workshop/rounds-watch", test_rounds_watch);
  g_test_add_func ("/workshop/reread", test_reread_from_another_connection);
  g_test_add ("/workshop/one-count/hands-then-ballot", TwoWindows, "current",
              two_windows_set_up, test_one_count_hands_then_ballot, two_windows_tear_down);
  g_test_add ("/workshop/one-count/ballots-then-hands", TwoWindows, "target",
              two_windows_set_up, test_one_count_ballots_then_hands, two_windows_tear_down);
  g_test_add ("/workshop/one-count/undo-redo", TwoWindows, "current",
              two_windows_set_up, test_one_count_undo_redo, two_windows_tear_down);
  g_test_add ("/workshop/one-count/participants", TwoWindows, "current",
              two_windows_set_up, test_one_count_participants, two_windows_tear_down);

  return g_test_run ();
}
