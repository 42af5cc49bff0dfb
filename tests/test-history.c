/* test-history.c: undo of every change, re-runs, the trash and step progress
 *
 * Each undo test compares the whole workshop before and after, three ways:
 * the live object's models, a fresh load from the store, and every row of
 * every table read through a second SQLite connection.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <sqlite3.h>
#include <string.h>

#include "cr-library.h"
#include "cr-test-util.h"
#include "cr-workshop.h"

/* ---------------------------------------------------------------------- */
/* Helpers                                                                 */

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

static void
count_notify (GObject    *object,
              GParamSpec *pspec,
              guint      *count)
{
  (*count)++;
}

static CrWorkshop *
new_workshop (CrStore    *store,
              const char *title)
{
  return cr_test_new_workshop (store, "people-product-models", title, "Acme", "Maria",
                               "2025-03-14", "People Experience");
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return g_strcmp0 (*(const char * const *) a, *(const char * const *) b);
}

/* Every row of every table, through a connection of its own, sorted so that
 * only the content counts (context answers change rowid on replace). */
static char *
dump_db (CrStore *store)
{
  static const char * const queries[] = {
    "SELECT 'workshop', * FROM workshops",
    "SELECT 'context', * FROM context_answers",
    "SELECT 'participant', * FROM participants",
    "SELECT 'note', * FROM notes",
    "SELECT 'round', * FROM rounds",
    "SELECT 'vote', * FROM votes",
    "SELECT 'action', * FROM actions",
    "SELECT 'reviewed', * FROM reviewed_actions",
    "SELECT 'step', * FROM step_states",
    "SELECT 'decision', * FROM decisions",
    "SELECT 'agreed', * FROM decision_agreed",
  };
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func (g_free);
  GString *out = g_string_new (NULL);
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open_v2 (cr_store_get_path (store), &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  for (guint q = 0; q < G_N_ELEMENTS (queries); q++)
    {
      sqlite3_stmt *stmt = NULL;

      g_assert_cmpint (sqlite3_prepare_v2 (db, queries[q], -1, &stmt, NULL), ==, SQLITE_OK);
      while (sqlite3_step (stmt) == SQLITE_ROW)
        {
          GString *row = g_string_new (NULL);

          for (int c = 0; c < sqlite3_column_count (stmt); c++)
            {
              switch (sqlite3_column_type (stmt, c))
                {
                case SQLITE_NULL:
                  g_string_append (row, "NULL|");
                  break;
                case SQLITE_TEXT:
                  g_string_append_printf (row, "'%s'|", sqlite3_column_text (stmt, c));
                  break;
                default:
                  g_string_append_printf (row, "%s|", sqlite3_column_text (stmt, c));
                }
            }
          g_ptr_array_add (rows, g_string_free (row, FALSE));
        }
      sqlite3_finalize (stmt);
    }
  sqlite3_close (db);

  g_ptr_array_sort (rows, compare_strings);
  for (guint i = 0; i < rows->len; i++)
    g_string_append_printf (out, "%s\n", (char *) g_ptr_array_index (rows, i));
  return g_string_free (out, FALSE);
}

/* Everything the object shows, in model order. */
static char *
dump_model (CrWorkshop *w)
{
  GString *out = g_string_new (NULL);
  GHashTable *context = cr_workshop_get_context_table (w);
  g_autofree gpointer *keys = NULL;
  guint n_keys, n;

  g_string_append_printf (out, "details %s|%s|%s|%s|%s|%" G_GINT64_FORMAT "\n",
                          cr_workshop_get_title (w), cr_workshop_get_organisation (w),
                          cr_workshop_get_facilitator (w), cr_workshop_get_date (w),
                          cr_workshop_get_function_name (w), cr_workshop_get_rerun_of (w));

  keys = g_hash_table_get_keys_as_array (context, &n_keys);
  qsort (keys, n_keys, sizeof (gpointer), compare_strings);
  for (guint i = 0; i < n_keys; i++)
    {
      const CrContextValue *value = g_hash_table_lookup (context, keys[i]);

      if (value->is_number)
        g_string_append_printf (out, "context %s=%g\n", (char *) keys[i], value->number);
      else
        g_string_append_printf (out, "context %s='%s'\n", (char *) keys[i], value->text);
    }

  n = g_list_model_get_n_items (cr_workshop_get_participants (w));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(CrParticipant) p = g_list_model_get_item (cr_workshop_get_participants (w), i);

      g_string_append_printf (out, "participant %" G_GINT64_FORMAT " %s %s '%s'\n",
                              cr_participant_get_id (p), cr_participant_get_key (p),
                              cr_participant_get_name (p) ? cr_participant_get_name (p) : "(seat)",
                              cr_participant_get_role (p));
    }

  n = g_list_model_get_n_items (cr_workshop_get_notes (w));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(CrNote) note = g_list_model_get_item (cr_workshop_get_notes (w), i);

      g_string_append_printf (out, "note %" G_GINT64_FORMAT " %s %s '%s' by %" G_GINT64_FORMAT "\n",
                              cr_note_get_id (note), cr_note_get_option (note),
                              cr_note_kind_to_string (cr_note_get_kind (note)),
                              cr_note_get_text (note), cr_note_get_participant_id (note));
    }

  n = g_list_model_get_n_items (cr_workshop_get_rounds (w));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(CrRound) round = g_list_model_get_item (cr_workshop_get_rounds (w), i);
      const CrVote *votes;
      guint n_votes;

      g_string_append_printf (out, "round %" G_GINT64_FORMAT " %s #%u %s:",
                              cr_round_get_id (round), cr_round_get_question (round),
                              cr_round_get_number (round),
                              cr_round_get_revealed (round) ? "revealed" : "hidden");
      votes = cr_round_get_votes (round, &n_votes);
      for (guint v = 0; v < n_votes; v++)
        g_string_append_printf (out, " %" G_GINT64_FORMAT "/%s/%s/%d", votes[v].participant_id,
                                votes[v].option, votes[v].criterion ? votes[v].criterion : "-",
                                votes[v].value);
      g_string_append_c (out, '\n');
    }

  for (guint list = 0; list < 2; list++)
    {
      GListModel *model = list == 0 ? cr_workshop_get_actions (w) : cr_workshop_get_review (w);

      n = g_list_model_get_n_items (model);
      for (guint i = 0; i < n; i++)
        {
          g_autoptr(CrAction) action = g_list_model_get_item (model, i);

          g_string_append_printf (out, "%s %" G_GINT64_FORMAT " '%s' '%s' %s %s '%s'\n",
                                  list == 0 ? "action" : "reviewed",
                                  cr_action_get_id (action), cr_action_get_text (action),
                                  cr_action_get_owner (action),
                                  cr_action_get_due (action) ? cr_action_get_due (action) : "-",
                                  cr_action_status_to_string (cr_action_get_status (action)),
                                  cr_action_get_outcome (action));
        }
    }

  return g_string_free (out, FALSE);
}

/* The whole state as the model, a fresh load and the database see it. */
typedef struct
{
  char *model;
  char *db;
} State;

static void
state_free (State *state)
{
  g_free (state->model);
  g_free (state->db);
  g_free (state);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (State, state_free)

static State *
capture (CrWorkshop *w)
{
  State *state = g_new0 (State, 1);
  g_autoptr(GError) error = NULL;
  g_autoptr(CrWorkshop) loaded = NULL;
  g_autofree char *loaded_model = NULL;

  state->model = dump_model (w);
  state->db = dump_db (cr_workshop_get_store (w));

  /* The live object and the store agree before anything is compared. */
  loaded = cr_workshop_load (cr_workshop_get_store (w), cr_workshop_get_id (w), &error);
  g_assert_no_error (error);
  loaded_model = dump_model (loaded);
  g_assert_cmpstr (loaded_model, ==, state->model);
  return state;
}

static void
assert_state (CrWorkshop  *w,
              const State *expected)
{
  g_autoptr(State) now = capture (w);

  g_assert_cmpstr (now->model, ==, expected->model);
  g_assert_cmpstr (now->db, ==, expected->db);
}

static void
undo_ok (CrWorkshop *w)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (cr_workshop_undo (w, &error));
  g_assert_no_error (error);
}

static CrVote
vote (gint64      participant_id,
      const char *option,
      const char *criterion,
      int         value)
{
  CrVote v = { participant_id, option, criterion, value };
  return v;
}

/* ---------------------------------------------------------------------- */
/* Undo, one kind of change at a time                                      */

static void
test_undo_details (void)
{
  g_autoptr(CrStore) store = cr_test_new_store ();
  g_autoptr(CrWorkshop) w = new_workshop (store, "Operating model");
  g_autoptr(State) before = capture (w);
  g_autoptr(GError) error = NULL;
  guint title_notes = 0, date_notes = 0;

  g_assert_false (cr_workshop_can_undo (w));
  g_assert_true (cr_workshop_set_details (w, "Second look", "Acme Ltd", "Jo", "2025-04-01", "HR", &error));
  g_assert_no_error (error);
  g_assert_cmpstr (cr_workshop_get_undo_label (w), ==, "Edit details");

  g_signal_connect (w, "notify::title", G_CALLBACK (count_notify), &title_notes);
  g_signal_connect (w, "notify::date", G_CALLBACK (count_notify), &date_notes);
  undo_ok (w);
  assert_state (w, before);
  g_assert_cmpuint (title_notes, ==, 1);
  g_assert_cmpuint (date_notes, ==, 1);
  g_assert_false (cr_workshop_can_undo (w));

  /* Saving the same details again is no change, and nothing to undo. */
  g_assert_true (cr_workshop_set_details (w, "Operating model", "Acme", "Maria", "2025-03-14",
                                          "People Experience", &error));
  g_assert_false (cr_workshop_can_undo (w));
}

static void
context_changed (CrWorkshop  *w,
                 const char  *field_id,
                 GPtrArray   *fields)
{
  g_ptr_array_add (fields, g_strdup (field_id));
}

static void
test_undo_context (void)
{
  g_autoptr(CrStore) store = cr_test_new_store ();
  g_autoptr(CrWorkshop) w = new_workshop (store, "Context");
  g_autoptr(GPtrArray) fields = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  g_autoptr(State) empty = NULL;
  g_autoptr(State) answered = NULL;
  g_autoptr(State) changed = NULL;
  CrContextValue headcount = { TRUE, 250, NULL };
  CrContextValue stage = { FALSE, 0, (char *) "scale-up" };
  CrContextValue later_stage = { FALSE, 0, (char *) "enterprise" };

  empty = capture (w);
  g_assert_true (cr_workshop_set_context (w, "headcount", &headcount, &error));
  g_assert_true (cr_workshop_set_context (w, "stage", &stage, &error));
  g_assert_no_error (error);
  answered = capture (w);
  g_assert_true (cr_workshop_set_context (w, "stage", &later_stage, &error));
  g_assert_true (cr_workshop_set_context (w, "headcount", NULL, &error));
  g_assert_no_error (error);
  changed = capture (w);
  g_assert_cmpstr (cr_workshop_get_undo_label (w), ==, "Change context");

  g_signal_connect (w, "context-changed", G_CALLBACK (context_changed), fields);

  /* Unset comes back as the number it was, then the earlier choice. */
  undo_ok (w);
  g_assert_cmpfloat (cr_workshop_get_context (w, "headcount")->number, ==, 250);
  undo_ok (w);
  assert_state (w, answered);
  g_assert_cmpuint (fields->len, ==, 2);
  g_assert_cmpstr (g_ptr_array_index (fields, 0), ==, "headcount");
  g_assert_cmpstr (g_ptr_array_index (fields, 1), ==, "stage");

  /* Answers that did not exist before are unset again. */
  undo_ok (w);
  undo_ok (w);
  assert_state (w, empty);
  g_assert_null (cr_workshop_get_context (w, "stage"));
  g_assert_false (cr_workshop_can_undo (w));
  g_assert_cmpstr (changed->model, !=, empty->model);
}

static void
test_undo_participants (void)
{
  g_autoptr(CrStore) store = cr_test_new_store ();
  g_autoptr(CrWorkshop) w = new_workshop (store, "Participants");
  g_autoptr(GError) error = NULL;
  g_autoptr(State) none = NULL;
  g_autoptr(State) two = NULL;
  GListModel *participants = cr_workshop_get_participants (w);
  CrParticipant *ana, *seat;
  Change change = { 0 };
  guint name_notes = 0, role_notes = 0;

  none = capture (w);
  ana = cr_workshop_add_participant (w, "Ana", "CPO", &error);
  seat = cr_workshop_add_participant (w, NULL, "", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (cr_workshop_get_undo_label (w), ==, "Add participant");
  two = capture (w);

  g_assert_true (cr_workshop_update_participant (w, ana, "Ana Lopes", "Chief People Officer", &error));
  g_assert_no_error (error);
  g_assert_cmpstr (cr_workshop_get_undo_label (w), ==, "Edit participant");

  /* The same object gets its old values back, and says so. */
  g_signal_connect (ana, "notify::name", G_CALLBACK (count_notify), &name_notes);
  g_signal_connect (ana, "notify::role", G_CALLBACK (count_notify), &role_notes);
  undo_ok (w);
  assert_state (w, two);
  g_assert_cmpstr (cr_participant_get_name (ana), ==, "Ana");
  g_assert_cmpuint (name_notes, ==, 1);
  g_assert_cmpuint (role_notes, ==, 1);

  g_signal_connect (participants, "items-changed", G_CALLBACK (record_change), &change);
  {
    g_autoptr(CrParticipant) second = g_list_model_get_item (participants, 1);
    g_assert_true (second == seat);
  }
  undo_ok (w);
  g_assert_cmpuint (change.calls, ==, 1);
  g_assert_cmpuint (change.position, ==, 1);
  g_assert_cmpuint (change.removed, ==, 1);
  g_assert_cmpuint (change.added, ==, 0);
  undo_ok (w);
  assert_state (w, none);
  g_assert_cmpint (cr_test_count_rows (cr_store_get_path (store), "participants"), ==, 0);
}

static void
test_undo_remove_participant (void)
{
  g_autoptr(CrStore) store = cr_test_new_store ();
  g_autoptr(CrWorkshop) w = new_workshop (store, "Removal");
  g_autoptr(GError) error = NULL;
  g_autoptr(State) before = NULL;
  g_autoptr(CrParticipant) kept = NULL;
  GListModel *participants = cr_workshop_get_participants (w);
  CrParticipant *ana, *ben, *cy;
  CrRound *current, *target, *fit;
  CrNote *by_ben, *by_ana;
  CrVote v[3];
  Change change = { 0 };
  guint n_votes_notes = 0;
  g_autofree char *seat_name = NULL;

  ana = cr_workshop_add_participant (w, "Ana", "CPO", &error);
  ben = cr_workshop_add_participant (w, NULL, "Finance", &error);
  cy = cr_workshop_add_participant (w, "Cy", "", &error);
  g_assert_no_error (error);

  current = cr_workshop_open_round (w, "current", &error);
  target = cr_workshop_open_round (w, "target", &error);
  fit = cr_workshop_open_round (w, "fit", &error);
  g_assert_no_error (error);

  /* Ben votes between Ana and Cy, so his votes sit in the middle of each list. */
  v[0] = vote (cr_participant_get_id (ana), "hr-as-a-service", NULL, 1);
  g_assert_true (cr_workshop_record_votes (w, current, v[0].participant_id, v, 1, &error));
  v[0] = vote (cr_participant_get_id (ben), "projects-as-products", NULL, 1);
  g_assert_true (cr_workshop_record_votes (w, current, v[0].participant_id, v, 1, &error));
  v[0] = vote (cr_participant_get_id (cy), "px-as-a-product", NULL, 1);
  g_assert_true (cr_workshop_record_votes (w, current, v[0].participant_id, v, 1, &error));
  v[0] = vote (cr_participant_get_id (ben), "px-as-a-product", NULL, 2);
  v[1] = vote (cr_participant_get_id (ben), "hr-as-a-service", NULL, 1);
  g_assert_true (cr_workshop_record_votes (w, target, v[0].participant_id, v, 2, &error));
  /* Ana and Cy, without a ballot here, raise their hands. */
  v[0] = vote (0, "px-as-a-product", NULL, 2);
  g_assert_true (cr_workshop_record_votes (w, target, 0, v, 1, &error));
  v[0] = vote (cr_participant_get_id (ben), "px-as-a-product", "speed", 4);
  v[1] = vote (cr_participant_get_id (ben), "hr-as-a-service", "speed", 2);
  g_assert_true (cr_workshop_record_votes (w, fit, v[0].participant_id, v, 2, &error));
  g_assert_no_error (error);

  by_ben = cr_workshop_add_note (w, "px-as-a-product", CR_NOTE_RISK, "Budget", cr_participant_get_id (ben), &error);
  by_ana = cr_workshop_add_note (w, "px-as-a-product", CR_NOTE_STRENGTH, "Users first", cr_participant_get_id (ana), &error);
  cr_workshop_add_note (w, "hr-as-a-service", CR_NOTE_QUESTION, "Who owns it?", cr_participant_get_id (ben), &error);
  g_assert_no_error (error);
  seat_name = cr_participant_dup_display_name (ben);

  before = capture (w);
  kept = g_object_ref (ben);
  g_assert_true (cr_workshop_remove_participant (w, ben, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (cr_workshop_get_undo_label (w), ==, "Remove participant");
  g_assert_cmpint (cr_note_get_participant_id (by_ben), ==, 0);
  g_assert_cmpint (cr_test_count_rows (cr_store_get_path (store), "votes"), ==, 3);

  g_signal_connect (participants, "items-changed", G_CALLBACK (record_change), &change);
  g_signal_connect (target, "notify::n-votes", G_CALLBACK (count_notify), &n_votes_notes);
  undo_ok (w);

  /* The same seat at the same place, with the same votes in the same order
   * (ids included, in the database dump) and their notes named again. */
  assert_state (w, before);
  g_assert_cmpuint (change.calls, ==, 1);
  g_assert_cmpuint (change.position, ==, 1);
  g_assert_cmpuint (change.removed, ==, 0);
  g_assert_cmpuint (change.added, ==, 1);
  g_assert_true (cr_workshop_find_participant (w, cr_participant_get_id (kept)) == kept);
  g_assert_cmpint (cr_note_get_participant_id (by_ben), ==, cr_participant_get_id (kept));
  g_assert_cmpint (cr_note_get_participant_id (by_ana), ==, cr_participant_get_id (ana));
  g_assert_cmpuint (n_votes_notes, ==, 1);
  g_assert_cmpint (cr_test_count_rows (cr_store_get_path (store), "votes"), ==, 8);
  {
    g_autofree char *name = cr_participant_dup_display_name (kept);
    g_assert_cmpstr (name, ==, seat_name);
  }
}

static void
test_undo_notes (void)
{
  g_autoptr(CrStore) store = cr_test_new_store ();
  g_autoptr(CrWorkshop) w = new_workshop (store, "Canvas");
  g_autoptr(GError) error = NULL;
  g_autoptr(State) three = NULL;
  g_autoptr(State) edited = NULL;
  g_autoptr(State) moved = NULL;
  g_autoptr(CrNote) kept = NULL;
  GListModel *notes = cr_workshop_get_notes (w);
  CrNote *a, *b;
  Change change = { 0 };
  guint text_notes = 0, option_notes = 0, kind_notes = 0;

  a = cr_workshop_add_note (w, "hr-as-a-service", CR_NOTE_STRENGTH, "Clear service catalogue", 0, &error);
  b = cr_workshop_add_note (w, "hr-as-a-service", CR_NOTE_RISK, "Tickets over people", 0, &error);
  cr_workshop_add_note (w, "px-as-a-product", CR_NOTE_QUESTION, "Who is the product manager?", 0, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (cr_workshop_get_undo_label (w), ==, "Add note");
  three = capture (w);

  g_assert_true (cr_workshop_update_note (w, a, "hr-as-a-service", CR_NOTE_STRENGTH, "A clear catalogue", &error));
  g_assert_cmpstr (cr_workshop_get_undo_label (w), ==, "Edit note");
  edited = capture (w);
  g_assert_true (cr_workshop_update_note (w, a, "projects-as-products", CR_NOTE_RISK, "A clear catalogue", &error));
  g_assert_no_error (error);
  g_assert_cmpstr (cr_workshop_get_undo_label (w), ==, "Move note");
  moved = capture (w);

  kept = g_object_ref (b);
  g_assert_true (cr_workshop_remove_note (w, b, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (cr_workshop_get_undo_label (w), ==, "Delete note");
  g_assert_cmpuint (g_list_model_get_n_items (notes), ==, 2);

  /* The deleted note returns to the middle, as the same object. */
  g_signal_connect (notes, "items-changed", G_CALLBACK (record_change), &change);
  undo_ok (w);
  assert_state (w, moved);
  g_assert_cmpuint (change.calls, ==, 1);
  g_assert_cmpuint (change.position, ==, 1);
  g_assert_cmpuint (change.removed, ==, 0);
  g_assert_cmpuint (change.added, ==, 1);
  {
    g_autoptr(CrNote) middle = g_list_model_get_item (notes, 1);
    g_assert_true (middle == kept);
  }

  g_signal_connect (a, "notify::text", G_CALLBACK (count_notify), &text_notes);
  g_signal_connect (a, "notify::option", G_CALLBACK (count_notify), &option_notes);
  g_signal_connect (a, "notify::kind", G_CALLBACK (count_notify), &kind_notes);
  undo_ok (w);
  assert_state (w, edited);
  g_assert_cmpuint (option_notes, ==, 1);
  g_assert_cmpuint (kind_notes, ==, 1);
  g_assert_cmpuint (text_notes, ==, 0);
  undo_ok (w);
  assert_state (w, three);
  g_assert_cmpuint (text_notes, ==, 1);
  g_assert_cmpstr (cr_note_get_text (a), ==, "Clear service catalogue");

  change.calls = 0;
  undo_ok (w);
  g_assert_cmpuint (change.calls, ==, 1);
  g_assert_cmpuint (change.position, ==, 2);
  g_assert_cmpuint (change.removed, ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (notes), ==, 2);
  g_assert_cmpint (cr_test_count_rows (cr_store_get_path (store), "notes"), ==, 2);
}

static void
test_undo_rounds (void)
{
  g_autoptr(CrStore) store = cr_test_new_store ();
  g_autoptr(CrWorkshop) w = new_workshop (store, "Voting");
  g_autoptr(GError) error = NULL;
  g_autoptr(State) no_round = NULL;
  g_autoptr(State) opened = NULL;
  g_autoptr(State) first_votes = NULL;
  g_autoptr(State) second_votes = NULL;
  GListModel *rounds = cr_workshop_get_rounds (w);
  CrParticipant *ana, *ben;
  CrRound *round;
  CrVote v[2];
  Change change = { 0 };
  guint revealed_notes = 0;

  ana = cr_workshop_add_participant (w, "Ana", NULL, &error);
  ben = cr_workshop_add_participant (w, "Ben", NULL, &error);
  g_assert_no_error (error);
  no_round = capture (w);

  round = cr_workshop_open_round (w, "target", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (cr_workshop_get_undo_label (w), ==, "Open round");
  opened = capture (w);

  v[0] = vote (cr_participant_get_id (ana), "px-as-a-product", NULL, 3);
  g_assert_true (cr_workshop_record_votes (w, round, v[0].participant_id, v, 1, &error));
  v[0] = vote (cr_participant_get_id (ben), "hr-as-a-service", NULL, 1);
  v[1] = vote (cr_participant_get_id (ben), "px-as-a-product", NULL, 2);
  g_assert_true (cr_workshop_record_votes (w, round, v[0].participant_id, v, 2, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (cr_workshop_get_undo_label (w), ==, "Record votes");
  first_votes = capture (w);

  /* Ana changes her mind: her new votes go to the end of the list. */
  v[0] = vote (cr_participant_get_id (ana), "projects-as-products", NULL, 1);
  v[1] = vote (cr_participant_get_id (ana), "px-as-a-product", NULL, 1);
  g_assert_true (cr_workshop_record_votes (w, round, v[0].participant_id, v, 2, &error));
  g_assert_no_error (error);
  second_votes = capture (w);

  g_assert_true (cr_workshop_reveal_round (w, round, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (cr_workshop_get_undo_label (w), ==, "Reveal round");

  g_signal_connect (round, "notify::revealed", G_CALLBACK (count_notify), &revealed_notes);
  undo_ok (w);
  assert_state (w, second_votes);
  g_assert_false (cr_round_get_revealed (round));
  g_assert_cmpuint (revealed_notes, ==, 1);

  /* Ana's first votes come back, first in the list, with their row ids. */
  undo_ok (w);
  assert_state (w, first_votes);
  {
    guint n_votes;
    const CrVote *votes = cr_round_get_votes (round, &n_votes);

    g_assert_cmpuint (n_votes, ==, 3);
    g_assert_cmpint (votes[0].participant_id, ==, cr_participant_get_id (ana));
    g_assert_cmpint (votes[0].value, ==, 3);
  }

  undo_ok (w);
  undo_ok (w);
  assert_state (w, opened);

  g_signal_connect (rounds, "items-changed", G_CALLBACK (record_change), &change);
  undo_ok (w);
  assert_state (w, no_round);
  g_assert_cmpuint (change.calls, ==, 1);
  g_assert_cmpuint (change.position, ==, 0);
  g_assert_cmpuint (change.removed, ==, 1);
  g_assert_cmpint (cr_test_count_rows (cr_store_get_path (store), "rounds"), ==, 0);

  /* The next round opened is number 1 again. */
  round = cr_workshop_open_round (w, "target", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (cr_round_get_number (round), ==, 1);
}

static void
test_undo_actions (void)
{
  g_autoptr(CrStore) store = cr_test_new_store ();
  g_autoptr(CrWorkshop) w = new_workshop (store, "Actions");
  g_autoptr(GError) error = NULL;
  g_autoptr(State) two = NULL;
  g_autoptr(State) edited = NULL;
  g_autoptr(CrAction) kept = NULL;
  GListModel *actions = cr_workshop_get_actions (w);
  CrAction *first;
  Change change = { 0 };
  guint due_notes = 0;

  first = cr_workshop_add_action (w, "Map the services", "Ana", "2025-04-30", &error);
  cr_workshop_add_action (w, "Name a product owner", "", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (cr_workshop_get_undo_label (w), ==, "Add action");
  two = capture (w);

  g_assert_true (cr_workshop_update_action (w, first, "Map every service", "Ben", NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (cr_workshop_get_undo_label (w), ==, "Edit action");
  edited = capture (w);

  kept = g_object_ref (first);
  g_assert_true (cr_workshop_remove_action (w, first, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (cr_workshop_get_undo_label (w), ==, "Delete action");

  g_signal_connect (actions, "items-changed", G_CALLBACK (record_change), &change);
  undo_ok (w);
  assert_state (w, edited);
  g_assert_cmpuint (change.position, ==, 0);
  g_assert_cmpuint (change.added, ==, 1);
  {
    g_autoptr(CrAction) again = g_list_model_get_item (actions, 0);
    g_assert_true (again == kept);
  }

  g_signal_connect (kept, "notify::due", G_CALLBACK (count_notify), &due_notes);
  undo_ok (w);
  assert_state (w, two);
  g_assert_cmpstr (cr_action_get_due (kept), ==, "2025-04-30");
  g_assert_cmpuint (due_notes, ==, 1);

  undo_ok (w);
  undo_ok (w);
  g_assert_cmpuint (g_list_model_get_n_items (actions), ==, 0);
  g_assert_cmpint (cr_test_count_rows (cr_store_get_path (store), "actions"), ==, 0);
  g_assert_false (cr_workshop_can_undo (w));
}

/* What became of an action: set, refused when it is not one line, undone
 * and redone; the same for last time's actions in a re-run's review, which
 * marks the review step done once each has an answer. */
static void
test_action_status (void)
{
  g_autoptr(CrStore) store = cr_test_new_store ();
  g_autoptr(CrWorkshop) w = new_workshop (store, "Spring");
  g_autoptr(CrWorkshop) rerun = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(State) open = NULL;
  g_autoptr(State) done = NULL;
  g_autoptr(CrAction) first = NULL;
  g_autoptr(CrAction) second = NULL;
  CrAction *action;
  guint notes = 0;

  action = cr_workshop_add_action (w, "Run two pilots", "Ana", "2025-06-30", &error);
  cr_workshop_add_action (w, "Hire a designer", "", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (cr_action_get_status (action), ==, CR_ACTION_OPEN);
  g_assert_cmpstr (cr_action_get_outcome (action), ==, "");
  open = capture (w);

  g_signal_connect (action, "notify::status", G_CALLBACK (count_notify), &notes);
  g_assert_true (cr_workshop_set_action_status (w, action, CR_ACTION_DONE, "Both ran; one scaled", &error));
  g_assert_no_error (error);
  g_assert_cmpuint (notes, ==, 1);
  g_assert_cmpstr (cr_workshop_get_undo_label (w), ==, "Mark action");
  done = capture (w);
  g_assert_nonnull (strstr (done->db, "'done'|'Both ran; one scaled'"));

  /* The same again changes nothing and stacks nothing. */
  g_assert_true (cr_workshop_set_action_status (w, action, CR_ACTION_DONE, "Both ran; one scaled", &error));
  assert_state (w, done);

  /* One line: refused, and nothing written. */
  g_assert_false (cr_workshop_set_action_status (w, action, CR_ACTION_DROPPED, "Dropped\nin June", &error));
  g_assert_error (error, CR_STORE_ERROR, CR_STORE_ERROR_INVALID);
  g_clear_error (&error);
  /* A line separator breaks the line on screen as surely as a line feed. */
  g_assert_false (cr_workshop_set_action_status (w, action, CR_ACTION_DROPPED, "Dropped\u2028in June", &error));
  g_assert_error (error, CR_STORE_ERROR, CR_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (cr_workshop_set_action_status (w, action, (CrActionStatus) 7, NULL, &error));
  g_assert_error (error, CR_STORE_ERROR, CR_STORE_ERROR_INVALID);
  g_clear_error (&error);
  assert_state (w, done);

  undo_ok (w);
  assert_state (w, open);
  g_assert_true (cr_workshop_redo (w, &error));
  assert_state (w, done);

  /* A re-run reviews them: its own marks; the earlier workshop keeps its own. */
  rerun = cr_workshop_rerun (w, "Autumn", "2025-10-02", &error);
  g_assert_no_error (error);
  first = g_list_model_get_item (cr_workshop_get_review (rerun), 0);
  second = g_list_model_get_item (cr_workshop_get_review (rerun), 1);
  g_assert_cmpint (cr_action_get_status (first), ==, CR_ACTION_DONE);
  g_assert_false (cr_workshop_get_step_work_done (rerun, CR_AGENDA_REVIEW));
  g_assert_true (cr_workshop_set_action_status (rerun, second, CR_ACTION_OPEN, "Budget in Q1", &error));
  g_assert_no_error (error);
  g_assert_true (cr_workshop_get_step_work_done (rerun, CR_AGENDA_REVIEW));
  g_assert_true (cr_workshop_set_action_status (rerun, first, CR_ACTION_DROPPED, "", &error));
  g_assert_cmpint (cr_test_count_rows (cr_store_get_path (store), "reviewed_actions"), ==, 2);
  {
    g_autoptr(CrWorkshop) again = cr_workshop_load (store, cr_workshop_get_id (rerun), &error);
    g_autoptr(CrAction) a = g_list_model_get_item (cr_workshop_get_review (again), 0);
    g_autoptr(CrAction) b = g_list_model_get_item (cr_workshop_get_review (again), 1);

    g_assert_cmpint (cr_action_get_status (a), ==, CR_ACTION_DROPPED);
    g_assert_cmpstr (cr_action_get_outcome (b), ==, "Budget in Q1");
  }
  {
    g_autofree char *model = dump_model (w);

    g_assert_cmpstr (model, ==, done->model);
  }
  undo_ok (rerun);
  undo_ok (rerun);
  g_assert_cmpint (cr_action_get_status (first), ==, CR_ACTION_DONE);
  g_assert_cmpstr (cr_action_get_outcome (second), ==, "");
  g_assert_false (cr_workshop_get_step_work_done (rerun, CR_AGENDA_REVIEW));

  /* Another workshop's action is refused. */
  g_assert_false (cr_workshop_set_action_status (w, first, CR_ACTION_DONE, NULL, &error));
  g_assert_error (error, CR_STORE_ERROR, CR_STORE_ERROR_INVALID);
}

/* ---------------------------------------------------------------------- */
/* The stack as a whole                                                    */

static void
test_undo_lifo (void)
{
  g_autoptr(CrStore) store = cr_test_new_store ();
  g_autoptr(CrWorkshop) w = new_workshop (store, "A whole morning");
  g_autoptr(GPtrArray) states = g_ptr_array_new_with_free_func ((GDestroyNotify) state_free);
  g_autoptr(GError) error = NULL;
  CrContextValue size = { TRUE, 1200, NULL };
  CrParticipant *ana, *ben;
  CrNote *note;
  CrRound *round;
  CrAction *action;
  CrVote v[1];

  /* After each change, the state it left; undo walks back through them. */
  g_ptr_array_add (states, capture (w));
  ana = cr_workshop_add_participant (w, "Ana", "CPO", &error);
  g_ptr_array_add (states, capture (w));
  ben = cr_workshop_add_participant (w, "Ben", "CFO", &error);
  g_ptr_array_add (states, capture (w));
  g_assert_true (cr_workshop_set_context (w, "headcount", &size, &error));
  g_ptr_array_add (states, capture (w));
  note = cr_workshop_add_note (w, "px-as-a-product", CR_NOTE_STRENGTH, "Users first", cr_participant_get_id (ana), &error);
  g_ptr_array_add (states, capture (w));
  round = cr_workshop_open_round (w, "current", &error);
  g_ptr_array_add (states, capture (w));
  v[0] = vote (cr_participant_get_id (ana), "px-as-a-product", NULL, 1);
  g_assert_true (cr_workshop_record_votes (w, round, v[0].participant_id, v, 1, &error));
  g_ptr_array_add (states, capture (w));
  v[0] = vote (cr_participant_get_id (ben), "hr-as-a-service", NULL, 1);
  g_assert_true (cr_workshop_record_votes (w, round, v[0].participant_id, v, 1, &error));
  g_ptr_array_add (states, capture (w));
  g_assert_true (cr_workshop_reveal_round (w, round, &error));
  g_ptr_array_add (states, capture (w));
  g_assert_true (cr_workshop_update_note (w, note, "hr-as-a-service", CR_NOTE_RISK, "Users first", &error));
  g_ptr_array_add (states, capture (w));
  action = cr_workshop_add_action (w, "Write the charter", "Ana", NULL, &error);
  g_ptr_array_add (states, capture (w));
  g_assert_true (cr_workshop_remove_participant (w, ana, &error));
  g_ptr_array_add (states, capture (w));
  g_assert_true (cr_workshop_remove_action (w, action, &error));
  g_ptr_array_add (states, capture (w));
  g_assert_true (cr_workshop_set_details (w, "The whole morning", "Acme", "Maria", "2025-03-15", "", &error));
  g_ptr_array_add (states, capture (w));
  g_assert_no_error (error);

  for (guint i = states->len - 1; i > 0; i--)
    {
      undo_ok (w);
      assert_state (w, g_ptr_array_index (states, i - 1));
    }
  g_assert_false (cr_workshop_can_undo (w));
  g_assert_null (cr_workshop_get_undo_label (w));
}

static void
test_undo_notifications (void)
{
  g_autoptr(CrStore) store = cr_test_new_store ();
  g_autoptr(CrWorkshop) w = new_workshop (store, "Notifications");
  g_autoptr(GError) error = NULL;
  g_autofree char *label = NULL;
  gboolean can_undo = TRUE;
  guint can_notes = 0, label_notes = 0;
  CrNote *note;

  g_object_get (w, "can-undo", &can_undo, "undo-label", &label, NULL);
  g_assert_false (can_undo);
  g_assert_null (label);
  g_signal_connect (w, "notify::can-undo", G_CALLBACK (count_notify), &can_notes);
  g_signal_connect (w, "notify::undo-label", G_CALLBACK (count_notify), &label_notes);

  note = cr_workshop_add_note (w, "px-as-a-product", CR_NOTE_STRENGTH, "One", 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (can_notes, ==, 1);
  g_assert_cmpuint (label_notes, ==, 1);
  g_object_get (w, "can-undo", &can_undo, "undo-label", &label, NULL);
  g_assert_true (can_undo);
  g_assert_cmpstr (label, ==, "Add note");
  g_clear_pointer (&label, g_free);

  /* A second change of the same kind changes neither property. */
  cr_workshop_add_note (w, "px-as-a-product", CR_NOTE_RISK, "Two", 0, &error);
  g_assert_cmpuint (can_notes, ==, 1);
  g_assert_cmpuint (label_notes, ==, 1);

  g_assert_true (cr_workshop_update_note (w, note, "px-as-a-product", CR_NOTE_STRENGTH, "One!", &error));
  g_assert_cmpuint (label_notes, ==, 2);
  g_assert_cmpstr (cr_workshop_get_undo_label (w), ==, "Edit note");

  /* A change that changes nothing is not stacked. */
  g_assert_true (cr_workshop_update_note (w, note, "px-as-a-product", CR_NOTE_STRENGTH, "One!", &error));
  g_assert_no_error (error);
  g_assert_cmpuint (label_notes, ==, 2);

  undo_ok (w);
  g_assert_cmpuint (label_notes, ==, 3);
  g_assert_cmpstr (cr_workshop_get_undo_label (w), ==, "Add note");
  undo_ok (w);
  g_assert_cmpuint (label_notes, ==, 3);
  undo_ok (w);
  g_assert_cmpuint (can_notes, ==, 2);
  g_assert_cmpuint (label_notes, ==, 4);
  g_assert_false (cr_workshop_can_undo (w));

  g_assert_false (cr_workshop_undo (w, &error));
  g_assert_error (error, CR_STORE_ERROR, CR_STORE_ERROR_INVALID);
  g_assert_cmpuint (can_notes, ==, 2);
}

/* When the database refuses the undo, the change stays on the stack and
 * nothing moves; once the obstacle is gone, the same undo works. */
static void
test_undo_failure_changes_nothing (void)
{
  g_autoptr(CrStore) store = cr_test_new_store ();
  g_autoptr(CrWorkshop) w = new_workshop (store, "Refused");
  g_autoptr(CrWorkshop) other = new_workshop (store, "Another workshop");
  g_autoptr(GError) error = NULL;
  g_autoptr(State) before = NULL;
  g_autoptr(State) after = NULL;
  g_autofree char *sql = NULL;
  CrNote *note;
  gint64 id;
  sqlite3 *db = NULL;

  cr_workshop_add_note (w, "px-as-a-product", CR_NOTE_STRENGTH, "Stays", 0, &error);
  note = cr_workshop_add_note (w, "px-as-a-product", CR_NOTE_RISK, "Goes", 0, &error);
  g_assert_no_error (error);
  id = cr_note_get_id (note);
  before = capture (w);
  g_assert_true (cr_workshop_remove_note (w, note, &error));
  g_assert_no_error (error);

  /* Another program takes the freed id for another workshop's note. */
  g_assert_cmpint (sqlite3_open (cr_store_get_path (store), &db), ==, SQLITE_OK);
  sql = g_strdup_printf ("INSERT INTO notes (id, workshop_id, option, kind, text)"
                         " VALUES (%" G_GINT64_FORMAT ", %" G_GINT64_FORMAT ", 'px-as-a-product', 'risk', 'Elsewhere')",
                         id, cr_workshop_get_id (other));
  g_assert_cmpint (sqlite3_exec (db, sql, NULL, NULL, NULL), ==, SQLITE_OK);
  after = capture (w);

  g_assert_false (cr_workshop_undo (w, &error));
  g_assert_nonnull (error);
  g_clear_error (&error);
  assert_state (w, after);
  g_assert_true (cr_workshop_can_undo (w));
  g_assert_cmpstr (cr_workshop_get_undo_label (w), ==, "Delete note");

  g_clear_pointer (&sql, g_free);
  sql = g_strdup_printf ("DELETE FROM notes WHERE id = %" G_GINT64_FORMAT, id);
  g_assert_cmpint (sqlite3_exec (db, sql, NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);

  undo_ok (w);
  assert_state (w, before);
}

/* ---------------------------------------------------------------------- */
/* Redo                                                                    */

static void
redo_ok (CrWorkshop *w)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (cr_workshop_redo (w, &error));
  g_assert_no_error (error);
}

/* Every kind of change, undone to the start and redone to the end: each
 * redo gives back the state the change left, in the models, a fresh load
 * and every row of the database (ids included); and undone again. */
static void
test_redo_every_change (void)
{
  g_autoptr(CrStore) store = cr_test_new_store ();
  g_autoptr(CrWorkshop) w = new_workshop (store, "Morning");
  g_autoptr(GPtrArray) states = g_ptr_array_new_with_free_func ((GDestroyNotify) state_free);
  g_autoptr(GPtrArray) labels = g_ptr_array_new ();
  g_autoptr(CrDecision) decision = cr_decision_new ();
  g_autoptr(GError) error = NULL;
  CrContextValue size = { TRUE, 1200, NULL };
  CrParticipant *ana, *ben;
  CrNote *note, *other;
  CrRound *round, *target;
  CrAction *action;
  CrVote v[2];

#define CHANGED(label) G_STMT_START { \
    g_assert_no_error (error); \
    g_assert_cmpstr (cr_workshop_get_undo_label (w), ==, label); \
    g_ptr_array_add (labels, (gpointer) label); \
    g_ptr_array_add (states, capture (w)); \
  } G_STMT_END

  g_ptr_array_add (states, capture (w));
  g_assert_true (cr_workshop_set_details (w, "Long morning", "Acme", "Maria", "2025-03-15", "HR", &error));
  CHANGED ("Edit details");
  ana = cr_workshop_add_participant (w, "Ana", "CPO", &error);
  CHANGED ("Add participant");
  ben = cr_workshop_add_participant (w, NULL, "CFO", &error);
  CHANGED ("Add participant");
  g_assert_true (cr_workshop_update_participant (w, ben, "Ben", "CFO", &error));
  CHANGED ("Edit participant");
  /* Cy votes by a show of hands, below. */
  cr_workshop_add_participant (w, "Cy", "COO", &error);
  CHANGED ("Add participant");
  g_assert_true (cr_workshop_set_context (w, "headcount", &size, &error));
  CHANGED ("Change context");
  note = cr_workshop_add_note (w, "px-as-a-product", CR_NOTE_STRENGTH, "Users first", cr_participant_get_id (ana), &error);
  CHANGED ("Add note");
  other = cr_workshop_add_note (w, "hr-as-a-service", CR_NOTE_RISK, "Tickets", 0, &error);
  CHANGED ("Add note");
  g_assert_true (cr_workshop_update_note (w, note, "hr-as-a-service", CR_NOTE_RISK, "Users first", &error));
  CHANGED ("Move note");
  g_assert_true (cr_workshop_remove_note (w, other, &error));
  CHANGED ("Delete note");
  round = cr_workshop_open_round (w, "current", &error);
  CHANGED ("Open round");
  v[0] = vote (cr_participant_get_id (ana), "px-as-a-product", NULL, 1);
  g_assert_true (cr_workshop_record_votes (w, round, v[0].participant_id, v, 1, &error));
  CHANGED ("Record votes");
  v[0] = vote (cr_participant_get_id (ana), "hr-as-a-service", NULL, 1);
  g_assert_true (cr_workshop_record_votes (w, round, v[0].participant_id, v, 1, &error));
  CHANGED ("Record votes");
  v[0] = vote (0, "projects-as-products", NULL, 1);
  g_assert_true (cr_workshop_record_votes (w, round, 0, v, 1, &error));
  CHANGED ("Record votes");
  g_assert_true (cr_workshop_reveal_round (w, round, &error));
  CHANGED ("Reveal round");
  target = cr_workshop_open_round (w, "target", &error);
  CHANGED ("Open round");
  v[0] = vote (cr_participant_get_id (ben), "px-as-a-product", NULL, 2);
  v[1] = vote (cr_participant_get_id (ben), "hr-as-a-service", NULL, 1);
  g_assert_true (cr_workshop_record_votes (w, target, v[0].participant_id, v, 2, &error));
  CHANGED ("Record votes");
  action = cr_workshop_add_action (w, "Write the charter", "Ana", NULL, &error);
  CHANGED ("Add action");
  g_assert_true (cr_workshop_update_action (w, action, "Write the charter", "Ben", "2025-04-01", &error));
  CHANGED ("Edit action");
  decision->start_with = g_strdup ("projects-as-products");
  cr_decision_set_agreed (decision, cr_participant_get_id (ben), TRUE);
  g_assert_true (cr_workshop_set_decision (w, decision, &error));
  CHANGED ("Edit decision");
  g_assert_true (cr_workshop_remove_participant (w, ben, &error));
  CHANGED ("Remove participant");
  g_assert_true (cr_workshop_remove_action (w, action, &error));
  CHANGED ("Delete action");
  g_assert_true (cr_workshop_set_decision (w, NULL, &error));
  CHANGED ("Edit decision");
  g_assert_true (cr_workshop_set_context (w, "headcount", NULL, &error));
  CHANGED ("Change context");
#undef CHANGED

  for (guint i = states->len - 1; i > 0; i--)
    {
      g_assert_cmpstr (cr_workshop_get_undo_label (w), ==, g_ptr_array_index (labels, i - 1));
      undo_ok (w);
      assert_state (w, g_ptr_array_index (states, i - 1));
      g_assert_cmpstr (cr_workshop_get_redo_label (w), ==, g_ptr_array_index (labels, i - 1));
    }
  g_assert_false (cr_workshop_can_undo (w));

  for (guint i = 1; i < states->len; i++)
    {
      redo_ok (w);
      assert_state (w, g_ptr_array_index (states, i));
      g_assert_cmpstr (cr_workshop_get_undo_label (w), ==, g_ptr_array_index (labels, i - 1));
    }
  g_assert_false (cr_workshop_can_redo (w));
  g_assert_null (cr_workshop_get_redo_label (w));

  /* Redone changes undo as the first time did. */
  for (guint i = states->len - 1; i > 0; i--)
    {
      undo_ok (w);
      assert_state (w, g_ptr_array_index (states, i - 1));
    }
  g_assert_false (cr_workshop_can_undo (w));
  g_assert_true (cr_workshop_can_redo (w));
}

static void
count_signal (CrWorkshop *w,
              guint      *count)
{
  (*count)++;
}

static void
count_summary (CrWorkshop *w,
               const char *summary,
               GPtrArray  *summaries)
{
  g_ptr_array_add (summaries, g_strdup (summary));
}

/* A new change ends what could be redone; the properties and signals say
 * when the stacks move, and destructive changes say what went. */
static void
test_redo_new_change (void)
{
  g_autoptr(CrStore) store = cr_test_new_store ();
  g_autoptr(CrWorkshop) w = new_workshop (store, "Branches");
  g_autoptr(GPtrArray) summaries = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  g_autoptr(State) one = NULL;
  g_autofree char *label = NULL;
  gboolean can_redo = TRUE;
  guint can_notes = 0, label_notes = 0, history = 0;
  CrParticipant *ana;
  CrRound *round;
  CrNote *note;
  CrVote v[1];

  g_object_get (w, "can-redo", &can_redo, "redo-label", &label, NULL);
  g_assert_false (can_redo);
  g_assert_null (label);
  g_signal_connect (w, "notify::can-redo", G_CALLBACK (count_notify), &can_notes);
  g_signal_connect (w, "notify::redo-label", G_CALLBACK (count_notify), &label_notes);
  g_signal_connect (w, "history-changed", G_CALLBACK (count_signal), &history);
  g_signal_connect (w, "destructive-change", G_CALLBACK (count_summary), summaries);

  cr_workshop_add_note (w, "px-as-a-product", CR_NOTE_STRENGTH, "One", 0, &error);
  one = capture (w);
  cr_workshop_add_note (w, "px-as-a-product", CR_NOTE_RISK, "Two", 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (history, ==, 2);
  g_assert_cmpuint (summaries->len, ==, 0);

  undo_ok (w);
  g_assert_cmpuint (history, ==, 3);
  g_assert_cmpuint (can_notes, ==, 1);
  g_assert_cmpuint (label_notes, ==, 1);
  g_object_get (w, "can-redo", &can_redo, "redo-label", &label, NULL);
  g_assert_true (can_redo);
  g_assert_cmpstr (label, ==, "Add note");

  /* Another change: "Two" can no longer come back. */
  note = cr_workshop_add_note (w, "hr-as-a-service", CR_NOTE_QUESTION, "Three", 0, &error);
  g_assert_no_error (error);
  g_assert_false (cr_workshop_can_redo (w));
  g_assert_cmpuint (can_notes, ==, 2);
  g_assert_cmpuint (label_notes, ==, 2);
  g_assert_false (cr_workshop_redo (w, &error));
  g_assert_error (error, CR_STORE_ERROR, CR_STORE_ERROR_INVALID);
  g_clear_error (&error);
  undo_ok (w);
  assert_state (w, one);
  g_assert_cmpint (cr_test_count_rows (cr_store_get_path (store), "notes"), ==, 1);

  /* Destructive changes name what went; undo and redo do not. */
  redo_ok (w);
  g_assert_true (cr_workshop_remove_note (w, note, &error));
  ana = cr_workshop_add_participant (w, "Ana", "CPO", &error);
  round = cr_workshop_open_round (w, "target", &error);
  v[0] = vote (cr_participant_get_id (ana), "px-as-a-product", NULL, 2);
  g_assert_true (cr_workshop_record_votes (w, round, v[0].participant_id, v, 1, &error));
  v[0] = vote (cr_participant_get_id (ana), "px-as-a-product", NULL, 3);
  g_assert_true (cr_workshop_record_votes (w, round, v[0].participant_id, v, 1, &error));
  g_assert_true (cr_workshop_remove_participant (w, ana, &error));
  g_assert_no_error (error);
  undo_ok (w);
  redo_ok (w);
  /* A context answer cleared with one click is named; a changed one is an edit. */
  {
    CrContextValue number = { TRUE, 3, NULL };

    g_assert_true (cr_workshop_set_context (w, "team_maturity", &number, &error));
    number.number = 4;
    g_assert_true (cr_workshop_set_context (w, "team_maturity", &number, &error));
    g_assert_true (cr_workshop_set_context (w, "team_maturity", NULL, &error));
    g_assert_no_error (error);
  }
  g_assert_cmpuint (summaries->len, ==, 4);
  g_assert_cmpstr (g_ptr_array_index (summaries, 0), ==, "Note deleted");
  g_assert_cmpstr (g_ptr_array_index (summaries, 1), ==, "Votes of “Ana” replaced");
  g_assert_cmpstr (g_ptr_array_index (summaries, 2), ==, "“Ana” removed, with 1 vote");
  g_assert_cmpstr (g_ptr_array_index (summaries, 3), ==, "Answer to “Maturity of the People team” cleared");
}

/* A ballot cast again before Reveal says the same whether it changed or
 * not: the toast (and Undo) that came only when it differed told whoever
 * held the laptop, and a mirrored projector's room, whether Ana changed her
 * mind. A show of hands, counted in front of the room, has no such secret. */
static void
test_recast_ballot_says_nothing (void)
{
  g_autoptr(CrStore) store = cr_test_new_store ();
  g_autoptr(CrWorkshop) w = new_workshop (store, "Secret");
  g_autoptr(GPtrArray) summaries = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  CrParticipant *ana;
  CrRound *round;
  CrVote v[1], hand[1];

  g_signal_connect (w, "destructive-change", G_CALLBACK (count_summary), summaries);
  ana = cr_workshop_add_participant (w, "Ana", "CPO", &error);
  g_assert_nonnull (cr_workshop_add_participant (w, "Ben", NULL, &error));
  round = cr_workshop_open_round (w, "current", &error);
  g_assert_no_error (error);
  v[0] = vote (cr_participant_get_id (ana), "px-as-a-product", NULL, 1);
  g_assert_true (cr_workshop_record_votes (w, round, v[0].participant_id, v, 1, &error));

  /* Cast again, the same: as for a different one. */
  g_assert_true (cr_workshop_record_votes (w, round, v[0].participant_id, v, 1, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (summaries->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (summaries, 0), ==, "Votes of “Ana” replaced");
  g_assert_cmpstr (cr_workshop_get_undo_label (w), ==, "Record votes");
  undo_ok (w);
  {
    guint n_votes;
    const CrVote *votes = cr_round_get_votes (round, &n_votes);

    /* Undone, the earlier ballot, which was the same. */
    g_assert_cmpuint (n_votes, ==, 1);
    g_assert_cmpstr (votes[0].option, ==, "px-as-a-product");
  }
  v[0] = vote (cr_participant_get_id (ana), "hr-as-a-service", NULL, 1);
  g_assert_true (cr_workshop_record_votes (w, round, v[0].participant_id, v, 1, &error));
  g_assert_cmpuint (summaries->len, ==, 2);
  g_assert_cmpstr (g_ptr_array_index (summaries, 1), ==, "Votes of “Ana” replaced");

  /* The same hands again change nothing and say nothing. */
  hand[0] = vote (0, "projects-as-products", NULL, 1);
  g_assert_true (cr_workshop_record_votes (w, round, 0, hand, 1, &error));
  g_assert_true (cr_workshop_record_votes (w, round, 0, hand, 1, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (summaries->len, ==, 2);
}

/* When the database refuses a redo, it stays on offer and nothing moves. */
static void
test_redo_failure_changes_nothing (void)
{
  g_autoptr(CrStore) store = cr_test_new_store ();
  g_autoptr(CrWorkshop) w = new_workshop (store, "Refused again");
  g_autoptr(CrWorkshop) other = new_workshop (store, "Another workshop");
  g_autoptr(GError) error = NULL;
  g_autoptr(State) undone = NULL;
  g_autoptr(State) added = NULL;
  g_autofree char *sql = NULL;
  CrNote *note;
  sqlite3 *db = NULL;

  note = cr_workshop_add_note (w, "px-as-a-product", CR_NOTE_RISK, "Comes back", 0, &error);
  g_assert_no_error (error);
  added = capture (w);
  undo_ok (w);

  /* Another program takes the freed id for another workshop's note. */
  g_assert_cmpint (sqlite3_open (cr_store_get_path (store), &db), ==, SQLITE_OK);
  sql = g_strdup_printf ("INSERT INTO notes (id, workshop_id, option, kind, text)"
                         " VALUES (%" G_GINT64_FORMAT ", %" G_GINT64_FORMAT ", 'px-as-a-product', 'risk', 'Elsewhere')",
                         cr_note_get_id (note), cr_workshop_get_id (other));
  g_assert_cmpint (sqlite3_exec (db, sql, NULL, NULL, NULL), ==, SQLITE_OK);
  undone = capture (w);

  g_assert_false (cr_workshop_redo (w, &error));
  g_assert_nonnull (error);
  g_clear_error (&error);
  assert_state (w, undone);
  g_assert_true (cr_workshop_can_redo (w));
  g_assert_false (cr_workshop_can_undo (w));

  g_clear_pointer (&sql, g_free);
  sql = g_strdup_printf ("DELETE FROM notes WHERE workshop_id = %" G_GINT64_FORMAT, cr_workshop_get_id (other));
  g_assert_cmpint (sqlite3_exec (db, sql, NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);

  redo_ok (w);
  assert_state (w, added);
}

/* A loaded workshop knows when the library no longer holds it as loaded. */
static void
test_is_current (void)
{
  g_autoptr(CrStore) store = cr_test_new_store ();
  g_autoptr(CrWorkshop) kept = new_workshop (store, "Kept");
  g_autoptr(CrWorkshop) w = new_workshop (store, "Binned");
  g_autoptr(CrWorkshop) reborn = NULL;
  g_autoptr(GError) error = NULL;
  gint64 id = cr_workshop_get_id (w);

  g_assert_true (cr_workshop_is_current (w));
  g_assert_true (cr_workshop_trash (store, id, &error));
  g_assert_false (cr_workshop_is_current (w));
  g_assert_true (cr_workshop_restore (store, id, &error));
  g_assert_true (cr_workshop_is_current (w));

  /* Purged, its id (the highest) goes to the next workshop made. */
  g_assert_true (cr_workshop_trash (store, id, &error));
  g_assert_true (cr_workshop_purge_trash (store, &error));
  g_assert_no_error (error);
  /* "created" is kept to the millisecond. */
  g_usleep (2000);
  reborn = new_workshop (store, "Reborn");
  g_assert_cmpint (cr_workshop_get_id (reborn), ==, id);
  g_assert_false (cr_workshop_is_current (w));
  g_assert_true (cr_workshop_is_current (reborn));
  g_assert_true (cr_workshop_is_current (kept));
}

/* ---------------------------------------------------------------------- */
/* Re-runs                                                                 */

static void
test_rerun (void)
{
  g_autoptr(CrStore) store = cr_test_new_store ();
  g_autoptr(CrWorkshop) source = new_workshop (store, "Spring");
  g_autoptr(CrWorkshop) rerun = NULL;
  g_autoptr(CrWorkshop) loaded = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(State) source_before = NULL;
  CrContextValue headcount = { TRUE, 480, NULL };
  CrContextValue stage = { FALSE, 0, (char *) "scale-up" };
  CrParticipant *ana;
  CrRound *round;
  CrVote v[1];
  GListModel *participants;

  g_assert_true (cr_workshop_set_context (source, "headcount", &headcount, &error));
  g_assert_true (cr_workshop_set_context (source, "stage", &stage, &error));
  ana = cr_workshop_add_participant (source, "Ana", "CPO", &error);
  cr_workshop_add_participant (source, NULL, "Finance", &error);
  cr_workshop_add_participant (source, "Cy", "", &error);
  cr_workshop_add_note (source, "px-as-a-product", CR_NOTE_RISK, "Budget", 0, &error);
  round = cr_workshop_open_round (source, "current", &error);
  v[0] = vote (cr_participant_get_id (ana), "px-as-a-product", NULL, 1);
  g_assert_true (cr_workshop_record_votes (source, round, v[0].participant_id, v, 1, &error));
  cr_workshop_add_action (source, "Follow up", "Ana", NULL, &error);
  cr_workshop_add_action (source, "Hire a designer", "", "2025-06-30", &error);
  g_assert_no_error (error);
  {
    g_autoptr(CrAction) hire = g_list_model_get_item (cr_workshop_get_actions (source), 1);

    g_assert_true (cr_workshop_set_action_status (source, hire, CR_ACTION_DONE, "Started in May", &error));
    g_assert_no_error (error);
  }
  source_before = capture (source);

  rerun = cr_workshop_rerun (source, "Autumn", "2025-10-02", &error);
  g_assert_no_error (error);
  g_assert_nonnull (rerun);
  g_assert_cmpint (cr_workshop_get_id (rerun), !=, cr_workshop_get_id (source));
  g_assert_cmpint (cr_workshop_get_rerun_of (rerun), ==, cr_workshop_get_id (source));
  g_assert_cmpstr (cr_workshop_get_title (rerun), ==, "Autumn");
  g_assert_cmpstr (cr_workshop_get_date (rerun), ==, "2025-10-02");
  g_assert_cmpstr (cr_workshop_get_organisation (rerun), ==, "Acme");
  g_assert_cmpstr (cr_workshop_get_facilitator (rerun), ==, "Maria");
  g_assert_cmpstr (cr_workshop_get_function_name (rerun), ==, "People Experience");
  g_assert_cmpstr (cr_template_get_id (cr_workshop_get_template (rerun)), ==, "people-product-models");
  g_assert_false (cr_workshop_can_undo (rerun));

  /* From the store: context and seats carried over, the rest starts empty. */
  loaded = cr_workshop_load (store, cr_workshop_get_id (rerun), &error);
  g_assert_no_error (error);
  g_assert_cmpint (cr_workshop_get_rerun_of (loaded), ==, cr_workshop_get_id (source));
  g_assert_cmpfloat (cr_workshop_get_context (loaded, "headcount")->number, ==, 480);
  g_assert_true (cr_workshop_get_context (loaded, "headcount")->is_number);
  g_assert_cmpstr (cr_workshop_get_context (loaded, "stage")->text, ==, "scale-up");
  g_assert_cmpuint (g_hash_table_size (cr_workshop_get_context_table (loaded)), ==, 2);
  participants = cr_workshop_get_participants (loaded);
  g_assert_cmpuint (g_list_model_get_n_items (participants), ==, 3);
  for (guint i = 0; i < 3; i++)
    {
      g_autoptr(CrParticipant) a = g_list_model_get_item (cr_workshop_get_participants (source), i);
      g_autoptr(CrParticipant) b = g_list_model_get_item (participants, i);
      g_autofree char *name_a = cr_participant_dup_display_name (a);
      g_autofree char *name_b = cr_participant_dup_display_name (b);

      g_assert_cmpint (cr_participant_get_id (a), !=, cr_participant_get_id (b));
      g_assert_cmpstr (cr_participant_get_key (a), ==, cr_participant_get_key (b));
      g_assert_cmpstr (cr_participant_get_name (a), ==, cr_participant_get_name (b));
      g_assert_cmpstr (cr_participant_get_role (a), ==, cr_participant_get_role (b));
      g_assert_cmpstr (name_a, ==, name_b);
    }
  g_assert_cmpuint (g_list_model_get_n_items (cr_workshop_get_notes (loaded)), ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (cr_workshop_get_rounds (loaded)), ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (cr_workshop_get_actions (loaded)), ==, 0);

  /* Last time's actions, to review, as they stood: the re-run's own copy. */
  g_assert_cmpuint (g_list_model_get_n_items (cr_workshop_get_review (loaded)), ==, 2);
  for (guint i = 0; i < 2; i++)
    {
      g_autoptr(CrAction) a = g_list_model_get_item (cr_workshop_get_actions (source), i);
      g_autoptr(CrAction) b = g_list_model_get_item (cr_workshop_get_review (loaded), i);

      g_assert_cmpstr (cr_action_get_text (a), ==, cr_action_get_text (b));
      g_assert_cmpstr (cr_action_get_owner (a), ==, cr_action_get_owner (b));
      g_assert_cmpstr (cr_action_get_due (a), ==, cr_action_get_due (b));
      g_assert_cmpint (cr_action_get_status (a), ==, cr_action_get_status (b));
      g_assert_cmpstr (cr_action_get_outcome (a), ==, cr_action_get_outcome (b));
    }
  /* ...and its agenda starts with their review, after the set-up. */
  g_assert_cmpstr (cr_workshop_get_step (loaded, 0)->id, ==, "setup");
  g_assert_cmpstr (cr_workshop_get_step (loaded, 1)->id, ==, CR_AGENDA_REVIEW);
  g_assert_cmpstr (cr_workshop_get_step (loaded, 1)->page, ==, CR_AGENDA_REVIEW);
  g_assert_cmpstr (cr_workshop_get_step (loaded, 2)->id, ==, "context");
  /* ...and what moved since, before the recommendation: two steps more. */
  g_assert_cmpuint (cr_workshop_get_n_steps (loaded), ==, cr_workshop_get_n_steps (source) + 2);
  g_assert_cmpstr (cr_workshop_get_step (loaded, cr_workshop_get_n_steps (loaded) - 4)->id, ==, CR_AGENDA_SINCE);

  /* The earlier workshop is untouched. */
  {
    g_autoptr(CrWorkshop) again = cr_workshop_load (store, cr_workshop_get_id (source), &error);
    g_autofree char *model = dump_model (again);
    g_assert_cmpstr (model, ==, source_before->model);
  }

  /* A bad date writes nothing. */
  g_clear_object (&loaded);
  loaded = cr_workshop_rerun (source, "Winter", "2025-02-30", &error);
  g_assert_null (loaded);
  g_assert_error (error, CR_STORE_ERROR, CR_STORE_ERROR_INVALID);
  g_assert_cmpint (cr_test_count_rows (cr_store_get_path (store), "workshops"), ==, 2);
}

static void
test_rerun_custom_template (void)
{
  g_autoptr(CrStore) store = cr_test_new_store ();
  g_autofree char *path = cr_test_source_path ("templates", "valid.json", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(CrTemplate) template = cr_template_new_from_file (path, &error);
  g_autoptr(CrWorkshop) source = NULL;
  g_autoptr(CrWorkshop) rerun = NULL;
  g_autoptr(CrWorkshop) loaded = NULL;
  CrContextValue maturity = { TRUE, 3, NULL };

  g_assert_no_error (error);
  source = cr_workshop_create (store, template, "Fixture", "Beta", "", "2025-01-10", "", &error);
  g_assert_no_error (error);
  g_assert_true (cr_workshop_set_context (source, "maturity", &maturity, &error));
  g_assert_no_error (error);

  rerun = cr_workshop_rerun (source, "Fixture again", "2025-06-10", &error);
  g_assert_no_error (error);

  /* The custom template travels with the re-run, so it opens anywhere. */
  loaded = cr_workshop_load (store, cr_workshop_get_id (rerun), &error);
  g_assert_no_error (error);
  g_assert_false (cr_template_is_builtin (cr_workshop_get_template (loaded)));
  g_assert_cmpstr (cr_template_get_id (cr_workshop_get_template (loaded)), ==, "fixture");
  g_assert_cmpfloat (cr_workshop_get_context (loaded, "maturity")->number, ==, 3);
  g_assert_cmpuint (cr_template_get_n_steps (cr_workshop_get_template (loaded)), ==,
                    cr_template_get_n_steps (template));
}

/* ---------------------------------------------------------------------- */
/* The trash                                                               */

static gboolean
listed (CrStore *store,
        gint64   id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) items = cr_library_list (store, &error);

  g_assert_no_error (error);
  for (guint i = 0; i < items->len; i++)
    if (cr_workshop_info_get_id (g_ptr_array_index (items, i)) == id)
      return TRUE;
  return FALSE;
}

static void
test_trash_restore_purge (void)
{
  g_autoptr(CrStore) store = cr_test_new_store ();
  g_autoptr(CrWorkshop) kept = new_workshop (store, "Kept");
  g_autoptr(CrWorkshop) binned = new_workshop (store, "Binned");
  g_autoptr(CrWorkshop) loaded = NULL;
  g_autoptr(CrLibrary) library = cr_library_new (store);
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) missing_error = NULL;
  gint64 id = cr_workshop_get_id (binned);
  const char *path = cr_store_get_path (store);
  Change change = { 0 };

  cr_workshop_add_participant (binned, "Ana", NULL, &error);
  cr_workshop_add_note (binned, "px-as-a-product", CR_NOTE_RISK, "Budget", 0, &error);
  g_assert_no_error (error);
  g_assert_true (cr_library_reload (library, &error));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (library)), ==, 2);
  g_signal_connect (library, "items-changed", G_CALLBACK (record_change), &change);

  g_assert_true (cr_workshop_trash (store, id, &error));
  g_assert_no_error (error);
  g_assert_false (listed (store, id));
  g_assert_true (listed (store, cr_workshop_get_id (kept)));
  g_assert_true (cr_library_reload (library, &error));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (library)), ==, 1);
  g_assert_cmpuint (change.removed, ==, 1);

  /* Out of reach exactly like a workshop that does not exist. */
  loaded = cr_workshop_load (store, id, &error);
  g_assert_null (loaded);
  g_assert_error (error, CR_STORE_ERROR, CR_STORE_ERROR_NOT_FOUND);
  g_assert_null (cr_workshop_load (store, 9999, &missing_error));
  {
    GString *expected = g_string_new (missing_error->message);
    g_autofree char *id_text = g_strdup_printf ("%" G_GINT64_FORMAT, id);

    g_assert_cmpuint (g_string_replace (expected, "9999", id_text, 0), ==, 1);
    g_assert_cmpstr (error->message, ==, expected->str);
    g_string_free (expected, TRUE);
  }
  g_clear_error (&error);
  g_assert_false (cr_workshop_trash (store, id, &error));
  g_assert_error (error, CR_STORE_ERROR, CR_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_cmpint (cr_test_count_rows (path, "notes"), ==, 1);

  g_assert_true (cr_workshop_restore (store, id, &error));
  g_assert_no_error (error);
  g_assert_true (listed (store, id));
  loaded = cr_workshop_load (store, id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (cr_workshop_get_notes (loaded)), ==, 1);
  g_assert_false (cr_workshop_restore (store, id, &error));
  g_assert_error (error, CR_STORE_ERROR, CR_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* Purge takes only what is in the trash, with everything of it. */
  g_assert_true (cr_workshop_trash (store, id, &error));
  g_assert_true (cr_workshop_purge_trash (store, &error));
  g_assert_no_error (error);
  g_assert_cmpint (cr_test_count_rows (path, "workshops"), ==, 1);
  g_assert_cmpint (cr_test_count_rows (path, "participants"), ==, 0);
  g_assert_cmpint (cr_test_count_rows (path, "notes"), ==, 0);
  g_assert_true (listed (store, cr_workshop_get_id (kept)));
  g_assert_false (cr_workshop_restore (store, id, &error));
  g_assert_error (error, CR_STORE_ERROR, CR_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* Purging an empty trash is no error. */
  g_assert_true (cr_workshop_purge_trash (store, &error));
  g_assert_no_error (error);
  g_assert_cmpint (cr_test_count_rows (path, "workshops"), ==, 1);
}

/* ---------------------------------------------------------------------- */
/* Step progress                                                           */

static void
step_changed (CrWorkshop *w,
              const char *step_id,
              GPtrArray  *steps)
{
  g_ptr_array_add (steps, g_strdup (step_id));
}

static void
test_step_progress (void)
{
  g_autoptr(CrStore) store = cr_test_new_store ();
  g_autoptr(CrWorkshop) w = new_workshop (store, "Agenda");
  g_autoptr(CrWorkshop) loaded = NULL;
  g_autoptr(GPtrArray) steps = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  const char *path = cr_store_get_path (store);

  g_assert_false (cr_workshop_get_step_done (w, "context"));
  g_assert_cmpint (cr_workshop_get_step_elapsed (w, "context"), ==, 0);
  g_signal_connect (w, "step-changed", G_CALLBACK (step_changed), steps);

  g_assert_true (cr_workshop_set_step_marked (w, "setup", TRUE, &error));
  g_assert_true (cr_workshop_set_step_elapsed (w, "context", 754, &error));
  g_assert_true (cr_workshop_set_step_elapsed (w, "setup", 300, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (steps->len, ==, 3);
  g_assert_cmpstr (g_ptr_array_index (steps, 0), ==, "setup");
  g_assert_cmpstr (g_ptr_array_index (steps, 1), ==, "context");
  g_assert_true (cr_workshop_get_step_done (w, "setup"));
  g_assert_cmpint (cr_workshop_get_step_elapsed (w, "setup"), ==, 300);

  /* Saving the same value again says nothing. */
  g_assert_true (cr_workshop_set_step_elapsed (w, "context", 754, &error));
  g_assert_cmpuint (steps->len, ==, 3);

  /* Progress is not a change to undo. */
  g_assert_false (cr_workshop_can_undo (w));

  loaded = cr_workshop_load (store, cr_workshop_get_id (w), &error);
  g_assert_no_error (error);
  g_assert_true (cr_workshop_get_step_done (loaded, "setup"));
  g_assert_cmpint (cr_workshop_get_step_elapsed (loaded, "setup"), ==, 300);
  g_assert_false (cr_workshop_get_step_done (loaded, "context"));
  g_assert_cmpint (cr_workshop_get_step_elapsed (loaded, "context"), ==, 754);
  g_assert_cmpint (cr_test_count_rows (path, "step_states"), ==, 2);

  g_assert_true (cr_workshop_set_step_marked (loaded, "setup", FALSE, &error));
  g_clear_object (&loaded);
  loaded = cr_workshop_load (store, cr_workshop_get_id (w), &error);
  g_assert_false (cr_workshop_get_step_done (loaded, "setup"));
  g_assert_cmpint (cr_workshop_get_step_elapsed (loaded, "setup"), ==, 300);

  /* Unknown steps and negative time are refused and write nothing. */
  g_assert_false (cr_workshop_set_step_marked (w, "coffee-break", TRUE, &error));
  g_assert_error (error, CR_STORE_ERROR, CR_STORE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "coffee-break"));
  g_clear_error (&error);
  g_assert_false (cr_workshop_set_step_elapsed (w, "coffee-break", 10, &error));
  g_assert_error (error, CR_STORE_ERROR, CR_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (cr_workshop_set_step_elapsed (w, "canvas", -5, &error));
  g_assert_error (error, CR_STORE_ERROR, CR_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpint (cr_test_count_rows (path, "step_states"), ==, 2);
  g_assert_cmpuint (steps->len, ==, 3);

  /* The step the facilitator was on comes back with the workshop; a step
   * the template does not have is refused and changes nothing. */
  g_assert_null (cr_workshop_get_current_step (w));
  g_assert_true (cr_workshop_set_current_step (w, "vote-target", &error));
  g_assert_no_error (error);
  g_assert_false (cr_workshop_set_current_step (w, "coffee-break", &error));
  g_assert_error (error, CR_STORE_ERROR, CR_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpstr (cr_workshop_get_current_step (w), ==, "vote-target");
  g_clear_object (&loaded);
  loaded = cr_workshop_load (store, cr_workshop_get_id (w), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (cr_workshop_get_current_step (loaded), ==, "vote-target");
  g_assert_false (cr_workshop_can_undo (w));

  /* Steps go with their workshop. */
  g_assert_true (cr_workshop_delete (store, cr_workshop_get_id (w), &error));
  g_assert_cmpint (cr_test_count_rows (path, "step_states"), ==, 0);
}

static gboolean
saw_step (GPtrArray  *steps,
          const char *step_id)
{
  for (guint i = 0; i < steps->len; i++)
    if (g_str_equal (g_ptr_array_index (steps, i), step_id))
      return TRUE;
  return FALSE;
}

/* Each step of the built-in agenda is done when its work is there, and
 * says so when it appears or goes (also by undo); nothing else counts. */
static void
test_step_work_done (void)
{
  g_autoptr(CrStore) store = cr_test_new_store ();
  g_autoptr(CrWorkshop) w = new_workshop (store, "Rules");
  g_autoptr(CrWorkshop) loaded = NULL;
  g_autoptr(GPtrArray) steps = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  CrTemplate *template = cr_workshop_get_template (w);
  CrContextValue number = { TRUE, 3, NULL };
  CrParticipant *ana;
  CrRound *round;
  CrVote v;

  /* A new workshop: no step is done, and visiting steps changes nothing. */
  for (guint i = 0; i < cr_template_get_n_steps (template); i++)
    {
      const char *id = cr_template_get_step (template, i)->id;

      g_assert_false (cr_workshop_get_step_work_done (w, id));
      g_assert_false (cr_workshop_get_step_done (w, id));
      g_assert_true (cr_workshop_set_current_step (w, id, &error));
    }
  g_assert_false (cr_workshop_get_step_work_done (w, "no-such-step"));
  g_signal_connect (w, "step-changed", G_CALLBACK (step_changed), steps);

  /* Set-up: someone is in the room. */
  ana = cr_workshop_add_participant (w, "Ana", "CPO", &error);
  g_assert_no_error (error);
  g_assert_true (cr_workshop_get_step_done (w, "setup"));
  g_assert_true (saw_step (steps, "setup"));
  g_assert_false (cr_workshop_get_step_marked (w, "setup"));

  /* Context: every field but free text; one answer is not enough. It
   * gives the recommendation something to show, but that step's work is
   * the room's decision, which nobody has recorded yet. */
  g_assert_true (cr_workshop_set_context (w, "team_maturity", &number, &error));
  g_assert_false (cr_workshop_get_step_done (w, "context"));
  g_assert_false (cr_workshop_get_step_done (w, "recommendation"));
  for (guint i = 0; i < cr_template_get_n_context (template); i++)
    {
      const CrContextField *field = cr_template_get_context (template, i);
      CrContextValue value = { field->kind == CR_CONTEXT_NUMBER || field->kind == CR_CONTEXT_SCALE, 3, NULL };

      if (field->kind == CR_CONTEXT_CHOICE)
        value.text = ((CrChoice *) g_ptr_array_index (field->choices, 0))->id;
      g_assert_true (cr_workshop_set_context (w, field->id, &value, &error));
      g_assert_no_error (error);
    }
  g_assert_true (cr_workshop_get_step_done (w, "context"));

  /* Canvas: a note. */
  g_ptr_array_set_size (steps, 0);
  cr_workshop_add_note (w, "px-as-a-product", CR_NOTE_RISK, "Budget", 0, &error);
  g_assert_no_error (error);
  g_assert_true (cr_workshop_get_step_done (w, "canvas"));
  g_assert_cmpuint (steps->len, ==, 1);

  /* A vote step: an open round with votes is not done; revealed it is,
   * and so is the results step. Other votes are not. */
  round = cr_workshop_open_round (w, "current", &error);
  v = (CrVote) { cr_participant_get_id (ana), "px-as-a-product", NULL, 1 };
  g_assert_true (cr_workshop_record_votes (w, round, v.participant_id, &v, 1, &error));
  g_assert_no_error (error);
  g_assert_false (cr_workshop_get_step_done (w, "vote-current"));
  g_assert_false (cr_workshop_get_step_done (w, "results"));
  g_ptr_array_set_size (steps, 0);
  g_assert_true (cr_workshop_reveal_round (w, round, &error));
  g_assert_true (cr_workshop_get_step_done (w, "vote-current"));
  g_assert_true (cr_workshop_get_step_done (w, "results"));
  g_assert_false (cr_workshop_get_step_done (w, "vote-target"));
  g_assert_false (cr_workshop_get_step_done (w, "vote-fit"));
  g_assert_cmpuint (steps->len, ==, 2);

  /* Undoing the reveal takes the vote and the results back to not done. */
  g_ptr_array_set_size (steps, 0);
  undo_ok (w);
  g_assert_false (cr_workshop_get_step_done (w, "vote-current"));
  g_assert_false (cr_workshop_get_step_done (w, "results"));
  g_assert_true (saw_step (steps, "vote-current"));
  g_assert_true (saw_step (steps, "results"));
  g_assert_true (cr_workshop_reveal_round (w, round, &error));

  /* The recommendation: there is one to show, but it is done only once
   * the room's decision is recorded, and undone with it. */
  g_assert_false (cr_workshop_get_step_done (w, "recommendation"));
  {
    g_autoptr(CrDecision) decision = cr_decision_new ();

    decision->start_with = g_strdup ("projects-as-products");
    g_ptr_array_set_size (steps, 0);
    g_assert_true (cr_workshop_set_decision (w, decision, &error));
    g_assert_no_error (error);
    g_assert_true (cr_workshop_get_step_done (w, "recommendation"));
    g_assert_true (saw_step (steps, "recommendation"));
    undo_ok (w);
    g_assert_false (cr_workshop_get_step_done (w, "recommendation"));
    g_assert_true (cr_workshop_set_decision (w, decision, &error));
  }

  /* Actions: one recorded. */
  g_assert_false (cr_workshop_get_step_done (w, "actions"));
  cr_workshop_add_action (w, "Name a product owner", "Ana", NULL, &error);
  g_assert_no_error (error);
  g_assert_true (cr_workshop_get_step_done (w, "actions"));

  /* The wrap-up has nothing to see: it is done when the facilitator says. */
  g_assert_false (cr_workshop_get_step_work_done (w, "export"));
  g_assert_true (cr_workshop_set_step_marked (w, "export", TRUE, &error));
  g_assert_true (cr_workshop_get_step_done (w, "export"));
  g_assert_false (cr_workshop_get_step_work_done (w, "export"));

  /* Loaded again, the same; a mark on a step whose work is done adds
   * nothing, and taking it off leaves it done. */
  loaded = cr_workshop_load (store, cr_workshop_get_id (w), &error);
  g_assert_no_error (error);
  for (guint i = 0; i < cr_template_get_n_steps (template); i++)
    {
      const char *id = cr_template_get_step (template, i)->id;

      g_assert_cmpint (cr_workshop_get_step_done (loaded, id), ==, cr_workshop_get_step_done (w, id));
    }
  g_assert_false (cr_workshop_get_step_done (loaded, "vote-target"));
  g_assert_true (cr_workshop_set_step_marked (loaded, "setup", TRUE, &error));
  g_assert_true (cr_workshop_set_step_marked (loaded, "setup", FALSE, &error));
  g_assert_true (cr_workshop_get_step_done (loaded, "setup"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/history/undo/details", test_undo_details);
  g_test_add_func ("/history/undo/context", test_undo_context);
  g_test_add_func ("/history/undo/participants", test_undo_participants);
  g_test_add_func ("/history/undo/remove-participant", test_undo_remove_participant);
  g_test_add_func ("/history/undo/notes", test_undo_notes);
  g_test_add_func ("/history/undo/rounds", test_undo_rounds);
  g_test_add_func ("/history/undo/actions", test_undo_actions);
  g_test_add_func ("/history/action-status", test_action_status);
  g_test_add_func ("/history/undo/lifo", test_undo_lifo);
  g_test_add_func ("/history/undo/notifications", test_undo_notifications);
  g_test_add_func ("/history/undo/failure-changes-nothing", test_undo_failure_changes_nothing);
  g_test_add_func ("/history/redo/every-change", test_redo_every_change);
  g_test_add_func ("/history/redo/new-change", test_redo_new_change);
  g_test_add_func ("/history/recast-ballot-says-nothing", test_recast_ballot_says_nothing);
  g_test_add_func ("/history/redo/failure-changes-nothing", test_redo_failure_changes_nothing);
  g_test_add_func ("/history/is-current", test_is_current);
  g_test_add_func ("/history/rerun", test_rerun);
  g_test_add_func ("/history/rerun/custom-template", test_rerun_custom_template);
  g_test_add_func ("/history/trash", test_trash_restore_purge);
  g_test_add_func ("/history/steps", test_step_progress);
  g_test_add_func ("/history/steps/work-done", test_step_work_done);

  return g_test_run ();
}
