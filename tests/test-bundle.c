/* test-bundle.c: the workshop bundle, imported and exported for real
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cr-bundle.h"
#include "cr-recommend.h"
#include "cr-tally.h"
#include "cr-test-util.h"

static const char * const tables[] = {
  "workshops", "context_answers", "participants", "notes", "rounds", "votes", "actions",
  "decisions", "decision_agreed",
};

/* ------------------------------------------------------------------------ */
/* Helpers                                                                   */
/* ------------------------------------------------------------------------ */

static GBytes *
fixture_bytes (const char *name)
{
  g_autofree char *path = cr_test_source_path ("bundles", name, NULL);
  GBytes *bytes = cr_test_read_file (path);

  g_assert_nonnull (bytes);
  return bytes;
}

static JsonNode *
parse_bytes (GBytes *bytes)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  gsize len;
  const char *data = g_bytes_get_data (bytes, &len);

  json_parser_load_from_data (parser, data, (gssize) len, &error);
  g_assert_no_error (error);
  return json_node_copy (json_parser_get_root (parser));
}

static JsonNode *
fixture_node (void)
{
  g_autoptr(GBytes) bytes = fixture_bytes ("workshop.json");

  return parse_bytes (bytes);
}

static GBytes *
node_to_bytes (JsonNode *node)
{
  char *text = json_to_string (node, TRUE);

  return g_bytes_new_take (text, strlen (text));
}

/* The member or element at a path such as "workshop.rounds[4].votes[3]";
 * "" is the root. */
static JsonNode *
node_at (JsonNode   *root,
         const char *path)
{
  g_auto(GStrv) parts = NULL;
  JsonNode *node = root;

  if (path[0] == '\0')
    return root;

  parts = g_strsplit (path, ".", -1);
  for (guint i = 0; parts[i] != NULL; i++)
    {
      char *bracket = strchr (parts[i], '[');
      g_autofree char *name = g_strndup (parts[i], bracket ? (gsize) (bracket - parts[i]) : strlen (parts[i]));

      g_assert_true (JSON_NODE_HOLDS_OBJECT (node));
      node = json_object_get_member (json_node_get_object (node), name);
      g_assert_nonnull (node);
      while (bracket != NULL)
        {
          guint64 index = g_ascii_strtoull (bracket + 1, NULL, 10);

          g_assert_true (JSON_NODE_HOLDS_ARRAY (node));
          node = json_array_get_element (json_node_get_array (node), (guint) index);
          g_assert_nonnull (node);
          bracket = strchr (bracket + 1, '[');
        }
    }
  return node;
}

static JsonObject *
object_at (JsonNode   *root,
           const char *path)
{
  JsonNode *node = node_at (root, path);

  g_assert_true (JSON_NODE_HOLDS_OBJECT (node));
  return json_node_get_object (node);
}

static void
set_string (JsonNode   *root,
            const char *path,
            const char *member,
            const char *value)
{
  if (value != NULL)
    json_object_set_string_member (object_at (root, path), member, value);
  else
    json_object_set_null_member (object_at (root, path), member);
}

static void
set_int (JsonNode   *root,
         const char *path,
         const char *member,
         gint64      value)
{
  json_object_set_int_member (object_at (root, path), member, value);
}

static char *
file_digest (const char *path)
{
  g_autoptr(GBytes) bytes = cr_test_read_file (path);

  if (bytes == NULL)
    return g_strdup ("absent");
  return g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, bytes);
}

/* What must not change when an import is refused: the database file, its
 * write-ahead log, and the rows of every table. */
static char *
snapshot (CrStore *store)
{
  const char *path = cr_store_get_path (store);
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autofree char *db_digest = file_digest (path);
  g_autofree char *wal_digest = file_digest (wal);
  GString *s = g_string_new (NULL);

  g_string_append_printf (s, "db=%s wal=%s", db_digest, wal_digest);
  for (guint i = 0; i < G_N_ELEMENTS (tables); i++)
    g_string_append_printf (s, " %s=%" G_GINT64_FORMAT, tables[i],
                            cr_test_count_rows (path, tables[i]));
  return g_string_free (s, FALSE);
}

static gint64
import_ok (CrStore *store,
           GBytes  *bytes)
{
  g_autoptr(GError) error = NULL;
  gint64 id = cr_bundle_import (store, bytes, &error);

  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  return id;
}

/* A store that already holds the fixture, so "unchanged" covers real rows. */
static CrStore *
seeded_store (void)
{
  g_autoptr(GBytes) bytes = fixture_bytes ("workshop.json");
  CrStore *store = cr_test_new_store ();

  import_ok (store, bytes);
  return store;
}

/* Refused with @code, a message starting with @prefix (and containing
 * @contains when given), and the database byte-for-byte as it was. */
static void
assert_refused (GBytes     *bytes,
                int         code,
                const char *prefix,
                const char *contains)
{
  g_autoptr(CrStore) store = seeded_store ();
  g_autoptr(GError) error = NULL;
  g_autofree char *before = snapshot (store);
  g_autofree char *after = NULL;
  gint64 id;

  id = cr_bundle_import (store, bytes, &error);
  g_assert_cmpint (id, ==, 0);
  g_assert_error (error, CR_IMPORT_ERROR, code);
  if (g_test_verbose ())
    g_test_message ("refused: %s", error->message);
  if (!g_str_has_prefix (error->message, prefix))
    g_error ("expected a message starting with \"%s\", got \"%s\"", prefix, error->message);
  if (contains != NULL && strstr (error->message, contains) == NULL)
    g_error ("expected a message containing \"%s\", got \"%s\"", contains, error->message);

  after = snapshot (store);
  g_assert_cmpstr (after, ==, before);
}

static CrWorkshop *
load (CrStore *store,
      gint64   id)
{
  g_autoptr(GError) error = NULL;
  CrWorkshop *workshop = cr_workshop_load (store, id, &error);

  g_assert_no_error (error);
  g_assert_nonnull (workshop);
  return workshop;
}

/* The fixture was written before workshops had identifiers: the import
 * gave the workshop one, and no predecessor. Checked, then left out of a
 * comparison with the fixture. */
static void
drop_identity (JsonNode   *exported,
               CrWorkshop *workshop)
{
  JsonObject *w = object_at (exported, "workshop");

  g_assert_true (g_uuid_string_is_valid (json_object_get_string_member (w, "id")));
  g_assert_cmpstr (json_object_get_string_member (w, "id"), ==, cr_workshop_get_uuid (workshop));
  g_assert_true (json_object_get_null_member (w, "previous"));
  json_object_remove_member (w, "id");
  json_object_remove_member (w, "previous");
}

static char *
canonical (JsonNode *node)
{
  return json_to_string (node, TRUE);
}

/* ------------------------------------------------------------------------ */
/* Import of the hand-written bundle                                        */
/* ------------------------------------------------------------------------ */

static void
test_import_fixture (void)
{
  g_autoptr(CrStore) store = cr_test_new_store ();
  g_autoptr(GBytes) bytes = fixture_bytes ("workshop.json");
  g_autoptr(CrWorkshop) workshop = NULL;
  g_autoptr(CrParticipant) seat = NULL;
  g_autoptr(CrParticipant) rtl = NULL;
  g_autoptr(CrNote) html = NULL;
  g_autoptr(CrNote) multiline = NULL;
  g_autoptr(CrRound) hands = NULL;
  g_autoptr(CrRound) hidden = NULL;
  g_autoptr(CrAction) undated = NULL;
  const CrContextValue *value;
  const CrVote *votes;
  guint n_votes;
  gint64 id;

  id = import_ok (store, bytes);
  workshop = load (store, id);

  g_assert_cmpstr (cr_workshop_get_title (workshop), ==, "People operating model — Q1 review");
  g_assert_cmpstr (cr_workshop_get_organisation (workshop), ==, "Northwind Logistics GmbH");
  g_assert_cmpstr (cr_workshop_get_facilitator (workshop), ==, "Sam Rivera");
  g_assert_cmpstr (cr_workshop_get_date (workshop), ==, "2025-03-14");
  g_assert_cmpstr (cr_workshop_get_function_name (workshop), ==, "People Experience");
  g_assert_cmpstr (cr_template_get_id (cr_workshop_get_template (workshop)), ==, "people-product-models");
  g_assert_true (cr_template_is_builtin (cr_workshop_get_template (workshop)));
  g_assert_cmpint (cr_workshop_get_rerun_of (workshop), ==, 0);

  value = cr_workshop_get_context (workshop, "headcount");
  g_assert_nonnull (value);
  g_assert_true (value->is_number);
  g_assert_cmpfloat (value->number, ==, 4200);
  value = cr_workshop_get_context (workshop, "team_maturity");
  g_assert_nonnull (value);
  g_assert_cmpfloat (value->number, ==, 2);
  value = cr_workshop_get_context (workshop, "team_makeup");
  g_assert_nonnull (value);
  g_assert_false (value->is_number);
  g_assert_cmpstr (value->text, ==, "siloed-specialists");
  g_assert_cmpuint (g_hash_table_size (cr_workshop_get_context_table (workshop)), ==, 7);

  g_assert_cmpuint (g_list_model_get_n_items (cr_workshop_get_participants (workshop)), ==, 5);
  seat = g_list_model_get_item (cr_workshop_get_participants (workshop), 2);
  g_assert_cmpstr (cr_participant_get_key (seat), ==, "p3");
  g_assert_null (cr_participant_get_name (seat));
  rtl = g_list_model_get_item (cr_workshop_get_participants (workshop), 3);
  g_assert_cmpstr (cr_participant_get_name (rtl), ==, "ليلى حداد");

  g_assert_cmpuint (g_list_model_get_n_items (cr_workshop_get_notes (workshop)), ==, 8);
  html = g_list_model_get_item (cr_workshop_get_notes (workshop), 3);
  g_assert_cmpstr (cr_note_get_text (html), ==,
                   "<script>alert('x')</script> & <b>not bold</b>: a portfolio of disconnected products");
  g_assert_cmpint (cr_note_get_kind (html), ==, CR_NOTE_RISK);
  g_assert_cmpint (cr_note_get_participant_id (html), ==, cr_participant_get_id (seat));
  multiline = g_list_model_get_item (cr_workshop_get_notes (workshop), 7);
  g_assert_cmpstr (cr_note_get_text (multiline), ==,
                   "Line one\nLine two,\ttabbed, with \"quotes\" and a backslash \\ [[x]]");
  g_assert_cmpint (cr_note_get_participant_id (multiline), ==, 0);

  g_assert_cmpuint (g_list_model_get_n_items (cr_workshop_get_rounds (workshop)), ==, 5);
  hands = g_list_model_get_item (cr_workshop_get_rounds (workshop), 1);
  g_assert_cmpstr (cr_round_get_question (hands), ==, "current");
  g_assert_cmpuint (cr_round_get_number (hands), ==, 2);
  votes = cr_round_get_votes (hands, &n_votes);
  g_assert_cmpuint (n_votes, ==, 3);
  g_assert_cmpint (votes[1].participant_id, ==, 0);
  g_assert_cmpstr (votes[1].option, ==, "projects-as-products");
  g_assert_cmpint (votes[1].value, ==, 3);
  hidden = g_list_model_get_item (cr_workshop_get_rounds (workshop), 3);
  g_assert_false (cr_round_get_revealed (hidden));

  g_assert_cmpuint (g_list_model_get_n_items (cr_workshop_get_actions (workshop)), ==, 3);
  undated = g_list_model_get_item (cr_workshop_get_actions (workshop), 1);
  g_assert_null (cr_action_get_due (undated));
  g_assert_cmpstr (cr_action_get_owner (undated), ==, "Zoë Müller");

  g_assert_cmpint (cr_test_count_rows (cr_store_get_path (store), "votes"), ==, 5 + 3 + 9 + 3 + 32);

  /* The facilitator's marks and time spent, by step. */
  g_assert_false (cr_workshop_get_step_marked (workshop, "context"));
  g_assert_cmpint (cr_workshop_get_step_elapsed (workshop, "context"), ==, 1830);
  g_assert_true (cr_workshop_get_step_marked (workshop, "canvas"));
  g_assert_cmpint (cr_workshop_get_step_elapsed (workshop, "canvas"), ==, 2400);
  g_assert_true (cr_workshop_get_step_marked (workshop, "export"));
  g_assert_false (cr_workshop_get_step_marked (workshop, "setup"));
  g_assert_cmpint (cr_workshop_get_step_elapsed (workshop, "setup"), ==, 0);
  g_assert_cmpint (cr_test_count_rows (cr_store_get_path (store), "step_states"), ==, 3);
}

static void
test_import_file (void)
{
  g_autoptr(CrStore) store = cr_test_new_store ();
  g_autofree char *path = cr_test_source_path ("bundles", "workshop.json", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(CrWorkshop) workshop = NULL;
  gint64 id;

  id = cr_bundle_import_file (store, path, &error);
  g_assert_no_error (error);
  workshop = load (store, id);
  g_assert_cmpstr (cr_workshop_get_organisation (workshop), ==, "Northwind Logistics GmbH");

  /* Each import is a new workshop, never a merge. */
  g_assert_cmpint (cr_bundle_import_file (store, path, &error), >, id);
  g_assert_no_error (error);
  g_assert_cmpint (cr_test_count_rows (cr_store_get_path (store), "workshops"), ==, 2);
}

static void
test_import_file_missing (void)
{
  g_autoptr(CrStore) store = cr_test_new_store ();
  g_autofree char *path = cr_test_tmp_path ("no-such-bundle.json");
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (cr_bundle_import_file (store, path, &error), ==, 0);
  g_assert_error (error, CR_IMPORT_ERROR, CR_IMPORT_ERROR_READ);
  /* The caller names the file; the message says what is wrong with it. */
  g_assert_cmpstr (error->message, ==, "the file does not exist; check the path");
  g_assert_cmpint (cr_test_count_rows (cr_store_get_path (store), "workshops"), ==, 0);
}

/* A minimal bundle: optional members take their defaults. */
static void
test_import_minimal (void)
{
  static const char minimal[] =
    "{ \"format\": \"crossroads-workshop\", \"version\": 1,"
    "  \"workshop\": { \"title\": \"Quick check\", \"organisation\": \"Acme\","
    "                \"date\": \"2024-02-29\", \"template\": \"product-led-vocabulary\" } }";
  g_autoptr(GBytes) bytes = g_bytes_new_static (minimal, strlen (minimal));
  g_autoptr(CrStore) store = cr_test_new_store ();
  g_autoptr(CrWorkshop) workshop = NULL;
  g_autoptr(JsonNode) exported = NULL;
  JsonObject *w;

  workshop = load (store, import_ok (store, bytes));
  g_assert_cmpstr (cr_workshop_get_date (workshop), ==, "2024-02-29");
  g_assert_cmpstr (cr_workshop_get_facilitator (workshop), ==, "");

  exported = cr_bundle_export (workshop);
  w = object_at (exported, "workshop");
  g_assert_cmpstr (json_object_get_string_member (w, "template"), ==, "product-led-vocabulary");
  g_assert_cmpstr (json_object_get_string_member (w, "function_name"), ==, "");
  g_assert_cmpuint (json_object_get_size (json_object_get_object_member (w, "context")), ==, 0);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (w, "participants")), ==, 0);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (w, "rounds")), ==, 0);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (object_at (exported, "results"), "rounds")), ==, 0);
}

/* ------------------------------------------------------------------------ */
/* Export                                                                    */
/* ------------------------------------------------------------------------ */

static void
test_export_matches_fixture (void)
{
  g_autoptr(CrStore) store = cr_test_new_store ();
  g_autoptr(GBytes) bytes = fixture_bytes ("workshop.json");
  g_autoptr(JsonNode) fixture = fixture_node ();
  g_autoptr(CrWorkshop) workshop = NULL;
  g_autoptr(JsonNode) exported = NULL;
  g_autofree char *want = NULL;
  g_autofree char *got = NULL;

  workshop = load (store, import_ok (store, bytes));
  exported = cr_bundle_export (workshop);

  drop_identity (exported, workshop);

  want = canonical (node_at (fixture, "workshop"));
  got = canonical (node_at (exported, "workshop"));
  g_assert_cmpstr (got, ==, want);
  g_assert_cmpstr (json_object_get_string_member (object_at (exported, ""), "format"), ==, "crossroads-workshop");
  g_assert_cmpint (json_object_get_int_member (object_at (exported, ""), "version"), ==, 1);
}

/* A round still open travels with its votes, marked not revealed, and
 * comes back as the same open round; "results" has no tally of it. The
 * fixture's "target" round 2 is open with its votes. */
static void
test_export_open_round (void)
{
  g_autoptr(CrStore) store = cr_test_new_store ();
  g_autoptr(CrStore) other = cr_test_new_store ();
  g_autoptr(GBytes) bytes = fixture_bytes ("workshop.json");
  g_autoptr(CrWorkshop) workshop = NULL;
  g_autoptr(CrWorkshop) again = NULL;
  g_autoptr(JsonNode) exported = NULL;
  g_autoptr(GBytes) text = NULL;
  g_autofree char *string = NULL;
  JsonArray *rounds, *tallies;
  CrRound *open = NULL;
  const CrVote *votes, *votes_again;
  guint n_votes = 0, n_again = 0, n_open = 0;

  workshop = load (store, import_ok (store, bytes));
  for (guint i = 0; i < g_list_model_get_n_items (cr_workshop_get_rounds (workshop)); i++)
    {
      g_autoptr(CrRound) r = g_list_model_get_item (cr_workshop_get_rounds (workshop), i);

      if (!cr_round_get_revealed (r))
        open = r;
    }
  g_assert_nonnull (open);
  votes = cr_round_get_votes (open, &n_votes);
  g_assert_cmpuint (n_votes, >, 0);

  exported = cr_bundle_export (workshop);
  rounds = json_node_get_array (node_at (exported, "workshop.rounds"));
  tallies = json_node_get_array (node_at (exported, "results.rounds"));
  for (guint i = 0; i < json_array_get_length (rounds); i++)
    {
      JsonObject *r = json_array_get_object_element (rounds, i);
      JsonObject *tally = json_array_get_object_element (tallies, i);

      if (json_object_get_boolean_member (r, "revealed"))
        continue;
      n_open++;
      g_assert_cmpuint (json_array_get_length (json_object_get_array_member (r, "votes")), ==, n_votes);
      /* The results name the round and say it is open, and nothing else. */
      g_assert_false (json_object_get_boolean_member (tally, "revealed"));
      g_assert_cmpuint (json_object_get_size (tally), ==, 3);
    }
  g_assert_cmpuint (n_open, ==, 1);

  string = cr_bundle_export_string (workshop);
  text = g_bytes_new (string, strlen (string));
  again = load (other, import_ok (other, text));
  for (guint i = 0; i < g_list_model_get_n_items (cr_workshop_get_rounds (again)); i++)
    {
      g_autoptr(CrRound) r = g_list_model_get_item (cr_workshop_get_rounds (again), i);

      if (cr_round_get_revealed (r))
        continue;
      g_assert_cmpstr (cr_round_get_question (r), ==, cr_round_get_question (open));
      g_assert_cmpuint (cr_round_get_number (r), ==, cr_round_get_number (open));
      votes_again = cr_round_get_votes (r, &n_again);
      g_assert_cmpuint (n_again, ==, n_votes);
      for (guint j = 0; j < n_votes; j++)
        {
          g_assert_cmpstr (votes_again[j].option, ==, votes[j].option);
          g_assert_cmpint (votes_again[j].value, ==, votes[j].value);
        }
    }
}

static void
test_export_round_trip (void)
{
  g_autoptr(CrStore) store = cr_test_new_store ();
  g_autoptr(CrStore) other = cr_test_new_store ();
  g_autoptr(GBytes) bytes = fixture_bytes ("workshop.json");
  g_autoptr(CrWorkshop) first = NULL;
  g_autoptr(CrWorkshop) second = NULL;
  g_autoptr(GBytes) exported = NULL;
  g_autofree char *text1 = NULL;
  g_autofree char *text2 = NULL;
  gint64 id1, id2;

  id1 = import_ok (store, bytes);
  first = load (store, id1);
  text1 = cr_bundle_export_string (first);

  /* On another laptop, as a bundle is used. */
  exported = g_bytes_new (text1, strlen (text1));
  id2 = import_ok (other, exported);
  second = load (other, id2);
  text2 = cr_bundle_export_string (second);

  g_assert_cmpstr (text2, ==, text1);
  g_assert_cmpstr (cr_workshop_get_uuid (second), ==, cr_workshop_get_uuid (first));
}

/* ------------------------------------------------------------------------ */
/* A series of workshops: the link between a re-run and its predecessor       */
/* ------------------------------------------------------------------------ */

static GBytes *
export_bytes (CrWorkshop *workshop)
{
  char *text = cr_bundle_export_string (workshop);

  return g_bytes_new_take (text, strlen (text));
}

/* Both workshops of a series, moved to another laptop in either order:
 * the re-run finds its predecessor there, and each exports as it came. */
static void
test_series_both_orders (void)
{
  g_autoptr(CrStore) store = cr_test_new_store ();
  g_autoptr(GError) error = NULL;
  g_autoptr(CrTemplate) template = cr_template_lookup_builtin ("people-product-models", &error);
  g_autoptr(CrWorkshop) spring = NULL;
  g_autoptr(CrWorkshop) autumn = NULL;
  g_autoptr(GBytes) spring_bytes = NULL;
  g_autoptr(GBytes) autumn_bytes = NULL;
  CrContextValue stage = { FALSE, 0, (char *) "scale-up" };

  g_assert_no_error (error);
  spring = cr_workshop_create (store, template, "Spring", "Contoso", "Sam", "2025-03-14", "People", &error);
  g_assert_no_error (error);
  g_assert_true (cr_workshop_set_context (spring, "stage", &stage, &error));
  g_assert_nonnull (cr_workshop_add_participant (spring, "Ana", "CPO", &error));
  g_assert_nonnull (cr_workshop_add_action (spring, "Run two pilots", "Ana", "2025-06-30", &error));
  autumn = cr_workshop_rerun (spring, "Autumn", "2025-10-02", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (cr_workshop_get_previous_uuid (autumn), ==, cr_workshop_get_uuid (spring));
  g_assert_cmpstr (cr_workshop_get_uuid (autumn), !=, cr_workshop_get_uuid (spring));
  g_assert_cmpint (cr_workshop_get_rerun_of (autumn), ==, cr_workshop_get_id (spring));

  spring_bytes = export_bytes (spring);
  autumn_bytes = export_bytes (autumn);

  for (guint order = 0; order < 2; order++)
    {
      g_autoptr(CrStore) other = cr_test_new_store ();
      g_autoptr(CrWorkshop) a = NULL;
      g_autoptr(CrWorkshop) s = NULL;
      g_autoptr(GBytes) again = NULL;
      gint64 spring_id, autumn_id;

      if (order == 0)
        {
          spring_id = import_ok (other, spring_bytes);
          autumn_id = import_ok (other, autumn_bytes);
        }
      else
        {
          /* The re-run first: its predecessor is not there yet... */
          autumn_id = import_ok (other, autumn_bytes);
          a = load (other, autumn_id);
          g_assert_cmpint (cr_workshop_get_rerun_of (a), ==, 0);
          g_assert_cmpstr (cr_workshop_get_previous_uuid (a), ==, cr_workshop_get_uuid (spring));
          g_clear_object (&a);
          /* ...and once it comes, the link holds. */
          spring_id = import_ok (other, spring_bytes);
        }

      a = load (other, autumn_id);
      s = load (other, spring_id);
      g_assert_cmpint (cr_workshop_get_rerun_of (a), ==, spring_id);
      g_assert_cmpint (cr_workshop_get_rerun_of (s), ==, 0);
      g_assert_cmpstr (cr_workshop_get_uuid (a), ==, cr_workshop_get_uuid (autumn));
      g_assert_cmpstr (cr_workshop_get_uuid (s), ==, cr_workshop_get_uuid (spring));

      again = export_bytes (a);
      g_assert_true (g_bytes_equal (again, autumn_bytes));
      g_clear_pointer (&again, g_bytes_unref);
      again = export_bytes (s);
      g_assert_true (g_bytes_equal (again, spring_bytes));

      /* Deleted, the predecessor is out of reach; back from the trash, in reach again. */
      g_assert_true (cr_workshop_trash (other, spring_id, &error));
      g_assert_cmpint (cr_workshop_get_rerun_of (a), ==, 0);
      g_assert_true (cr_workshop_restore (other, spring_id, &error));
      g_assert_cmpint (cr_workshop_get_rerun_of (a), ==, spring_id);
    }
}

/* What became of the actions, and a re-run's review of last time's, with
 * the review step's mark, travel with the bundle and come back the same. */
/* A series runs one way: a bundle whose predecessor (or its predecessor)
 * re-runs it is refused, whichever of the two comes first, so no workshop
 * shows "Since Last Time" against a later one. */
static void
test_series_no_circle (void)
{
  for (guint order = 0; order < 2; order++)
    {
      g_autoptr(CrStore) store = cr_test_new_store ();
      g_autoptr(GBytes) before_fixture = fixture_bytes ("series-before.json");
      g_autoptr(GBytes) after_fixture = fixture_bytes ("series-after.json");
      g_autoptr(JsonNode) before = parse_bytes (before_fixture);
      g_autoptr(JsonNode) after = parse_bytes (after_fixture);
      g_autoptr(GBytes) before_bytes = NULL;
      g_autoptr(GBytes) after_bytes = NULL;
      g_autoptr(GError) error = NULL;
      g_autofree char *unchanged = NULL;
      g_autofree char *now = NULL;
      GBytes *second;

      /* The earlier one claims to re-run its own re-run. */
      set_string (before, "workshop", "previous", json_object_get_string_member (object_at (after, "workshop"), "id"));
      before_bytes = node_to_bytes (before);
      after_bytes = node_to_bytes (after);

      import_ok (store, order == 0 ? before_bytes : after_bytes);
      second = order == 0 ? after_bytes : before_bytes;
      unchanged = snapshot (store);
      g_assert_cmpint (cr_bundle_import (store, second, &error), ==, 0);
      g_assert_error (error, CR_IMPORT_ERROR, CR_IMPORT_ERROR_INVALID);
      g_assert_true (g_str_has_prefix (error->message, "workshop.previous: "));
      g_assert_nonnull (strstr (error->message, "re-runs this one"));
      now = snapshot (store);
      g_assert_cmpstr (now, ==, unchanged);
    }
}

static void
test_series_review (void)
{
  g_autoptr(CrStore) store = cr_test_new_store ();
  g_autoptr(CrStore) other = cr_test_new_store ();
  g_autoptr(GError) error = NULL;
  g_autoptr(CrTemplate) template = cr_template_lookup_builtin ("people-product-models", &error);
  g_autoptr(CrWorkshop) spring = NULL;
  g_autoptr(CrWorkshop) autumn = NULL;
  g_autoptr(CrWorkshop) moved = NULL;
  g_autoptr(CrAction) pilots = NULL;
  g_autoptr(CrAction) hire = NULL;
  g_autoptr(JsonNode) exported = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GBytes) again = NULL;
  JsonObject *review;

  spring = cr_workshop_create (store, template, "Spring", "Contoso", "Sam", "2025-03-14", "People", &error);
  g_assert_no_error (error);
  cr_workshop_add_action (spring, "Run two pilots", "Ana", "2025-06-30", &error);
  cr_workshop_add_action (spring, "Hire a designer", "", NULL, &error);
  g_assert_no_error (error);
  autumn = cr_workshop_rerun (spring, "Autumn", "2025-10-02", &error);
  g_assert_no_error (error);
  pilots = g_list_model_get_item (cr_workshop_get_review (autumn), 0);
  hire = g_list_model_get_item (cr_workshop_get_review (autumn), 1);
  g_assert_true (cr_workshop_set_action_status (autumn, pilots, CR_ACTION_DONE, "Both ran; one scaled", &error));
  g_assert_true (cr_workshop_set_action_status (autumn, hire, CR_ACTION_DROPPED, NULL, &error));
  g_assert_true (cr_workshop_set_step_marked (autumn, CR_AGENDA_REVIEW, TRUE, &error));
  g_assert_no_error (error);

  exported = cr_bundle_export (autumn);
  review = object_at (exported, "workshop.review[0]");
  g_assert_cmpstr (json_object_get_string_member (review, "text"), ==, "Run two pilots");
  g_assert_cmpstr (json_object_get_string_member (review, "status"), ==, "done");
  g_assert_cmpstr (json_object_get_string_member (review, "outcome"), ==, "Both ran; one scaled");
  review = object_at (exported, "workshop.review[1]");
  g_assert_cmpstr (json_object_get_string_member (review, "status"), ==, "dropped");
  g_assert_true (json_object_get_null_member (review, "outcome"));
  g_assert_cmpstr (json_object_get_string_member (object_at (exported, "workshop.steps[0]"), "id"), ==, CR_AGENDA_REVIEW);
  /* A first workshop has no review to carry. */
  {
    g_autoptr(JsonNode) first = cr_bundle_export (spring);

    g_assert_false (json_object_has_member (object_at (first, "workshop"), "review"));
    g_assert_cmpstr (json_object_get_string_member (object_at (first, "workshop.actions[0]"), "status"), ==, "open");
  }

  bytes = export_bytes (autumn);
  moved = load (other, import_ok (other, bytes));
  g_assert_cmpuint (g_list_model_get_n_items (cr_workshop_get_review (moved)), ==, 2);
  g_assert_true (cr_workshop_get_step_marked (moved, CR_AGENDA_REVIEW));
  g_assert_true (cr_workshop_get_step_work_done (moved, CR_AGENDA_REVIEW));
  again = export_bytes (moved);
  g_assert_true (g_bytes_equal (again, bytes));
}

/* A bundle whose workshop.id is in the library already: refused, unless
 * the library's copy is replaced (keeping its ID) or both are kept. */
static void
test_import_existing (void)
{
  g_autoptr(CrStore) store = cr_test_new_store ();
  g_autoptr(JsonNode) root = fixture_node ();
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(JsonNode) changed = fixture_node ();
  g_autoptr(GBytes) changed_bytes = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(CrWorkshop) replaced = NULL;
  g_autoptr(CrWorkshop) both = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  gint64 id, again;

  set_string (root, "workshop", "id", "3F2B8C1E-5A47-4D9B-9E61-2C0D7A4F8B13");
  bytes = node_to_bytes (root);
  id = cr_bundle_import (store, bytes, &error);
  g_assert_no_error (error);

  /* Refused, and nothing written. */
  before = snapshot (store);
  g_assert_cmpint (cr_bundle_import (store, bytes, &error), ==, 0);
  g_assert_error (error, CR_IMPORT_ERROR, CR_IMPORT_ERROR_EXISTS);
  {
    g_autofree char *expected = g_strdup_printf ("workshop.id: this workshop is in the library already, as ID %" G_GINT64_FORMAT ", “People operating model — Q1 review”", id);

    g_assert_cmpstr (error->message, ==, expected);
  }
  g_clear_error (&error);
  after = snapshot (store);
  g_assert_cmpstr (after, ==, before);

  /* Another workshop (another organisation, another day) that carries the
   * same identifier is not called the same workshop: the library's is
   * named as the other one with that identifier. Nothing written. */
  {
    g_autoptr(JsonNode) other = fixture_node ();
    g_autoptr(GBytes) other_bytes = NULL;
    g_autofree char *expected = g_strdup_printf ("workshop.id: another workshop in the library has the same identifier: ID %" G_GINT64_FORMAT ", “People operating model — Q1 review”", id);
    g_autofree char *still = NULL;

    set_string (other, "workshop", "id", "3f2b8c1e-5a47-4d9b-9e61-2c0d7a4f8b13");
    set_string (other, "workshop", "organisation", "Fabrikam");
    set_string (other, "workshop", "date", "2026-02-02");
    other_bytes = node_to_bytes (other);
    g_assert_cmpint (cr_bundle_import (store, other_bytes, &error), ==, 0);
    g_assert_error (error, CR_IMPORT_ERROR, CR_IMPORT_ERROR_ID_TAKEN);
    g_assert_cmpstr (error->message, ==, expected);
    g_clear_error (&error);
    still = snapshot (store);
    g_assert_cmpstr (still, ==, before);
  }

  /* Replaced: the library's copy goes, the import takes its ID. The
   * identifier is compared in lower case, as Crossroads writes it. */
  set_string (changed, "workshop", "id", "3f2b8c1e-5a47-4d9b-9e61-2c0d7a4f8b13");
  set_string (changed, "workshop", "title", "Kick-off, as corrected");
  json_array_remove_element (json_object_get_array_member (object_at (changed, "workshop"), "actions"), 0);
  changed_bytes = node_to_bytes (changed);
  again = cr_bundle_import_full (store, changed_bytes, CR_IMPORT_REPLACE, &error);
  g_assert_no_error (error);
  g_assert_cmpint (again, ==, id);
  g_assert_cmpint (cr_test_count_rows (cr_store_get_path (store), "workshops"), ==, 1);
  g_assert_cmpint (cr_test_count_rows (cr_store_get_path (store), "actions"), ==, 2);
  replaced = load (store, id);
  g_assert_cmpstr (cr_workshop_get_title (replaced), ==, "Kick-off, as corrected");
  g_assert_cmpstr (cr_workshop_get_uuid (replaced), ==, "3f2b8c1e-5a47-4d9b-9e61-2c0d7a4f8b13");

  /* Both kept: the import is another workshop with an identifier of its own. */
  again = cr_bundle_import_full (store, bytes, CR_IMPORT_KEEP_BOTH, &error);
  g_assert_no_error (error);
  g_assert_cmpint (again, !=, id);
  both = load (store, again);
  g_assert_cmpstr (cr_workshop_get_title (both), ==, "People operating model — Q1 review");
  g_assert_true (g_uuid_string_is_valid (cr_workshop_get_uuid (both)));
  g_assert_cmpstr (cr_workshop_get_uuid (both), !=, cr_workshop_get_uuid (replaced));
  g_assert_cmpint (cr_test_count_rows (cr_store_get_path (store), "workshops"), ==, 2);

  /* A copy just deleted, still offering Undo, gives way to the import. */
  g_assert_true (cr_workshop_trash (store, id, &error));
  again = cr_bundle_import (store, bytes, &error);
  g_assert_no_error (error);
  g_assert_cmpint (again, >, 0);
  g_assert_false (cr_workshop_restore (store, id, &error));
  g_assert_error (error, CR_STORE_ERROR, CR_STORE_ERROR_NOT_FOUND);
}

/* Without the two members (the fixture was written before them) each
 * import is a workshop with an identifier of its own and no predecessor. */
static void
test_import_without_id (void)
{
  g_autoptr(CrStore) store = cr_test_new_store ();
  g_autoptr(JsonNode) root = fixture_node ();
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(CrWorkshop) first = NULL;
  g_autoptr(CrWorkshop) second = NULL;

  bytes = node_to_bytes (root);
  first = load (store, cr_bundle_import (store, bytes, NULL));
  second = load (store, cr_bundle_import (store, bytes, NULL));
  g_assert_true (g_uuid_string_is_valid (cr_workshop_get_uuid (first)));
  g_assert_true (g_uuid_string_is_valid (cr_workshop_get_uuid (second)));
  g_assert_cmpstr (cr_workshop_get_uuid (first), !=, cr_workshop_get_uuid (second));
  g_assert_null (cr_workshop_get_previous_uuid (first));
}

/* A workshop run through the model, not imported: its export imports back
 * to the same document. */
static void
test_export_round_trip_from_model (void)
{
  g_autoptr(CrStore) store = cr_test_new_store ();
  g_autoptr(CrStore) other = cr_test_new_store ();
  g_autoptr(GError) error = NULL;
  g_autoptr(CrTemplate) template = cr_template_lookup_builtin ("product-led-vocabulary", &error);
  g_autoptr(CrWorkshop) workshop = NULL;
  g_autoptr(CrWorkshop) again = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *text1 = NULL;
  g_autofree char *text2 = NULL;
  CrParticipant *ana, *seat;
  CrRound *today;
  CrVote votes[2] = { { 0 }, { 0 } };

  g_assert_no_error (error);
  workshop = cr_workshop_create (store, template, "Vocabulary check", "Acme",
                                 "Sam", "2024-11-05", "People", &error);
  g_assert_no_error (error);
  ana = cr_workshop_add_participant (workshop, "Ana", "CPO", &error);
  g_assert_no_error (error);
  seat = cr_workshop_add_participant (workshop, NULL, "", &error);
  g_assert_no_error (error);
  g_assert_nonnull (cr_workshop_add_note (workshop, "product-led-growth", CR_NOTE_QUESTION,
                                          "Does freemium fit B2B HR?", cr_participant_get_id (seat), &error));
  g_assert_no_error (error);

  today = cr_workshop_open_round (workshop, "today", &error);
  g_assert_no_error (error);
  votes[0] = (CrVote) { cr_participant_get_id (ana), "product-led-organisation", NULL, 7 };
  votes[1] = (CrVote) { cr_participant_get_id (ana), "product-led-growth", NULL, 2 };
  g_assert_true (cr_workshop_record_votes (workshop, today, cr_participant_get_id (ana), votes, 2, &error));
  g_assert_no_error (error);
  votes[0] = (CrVote) { cr_participant_get_id (seat), "product-operating-model", NULL, 4 };
  g_assert_true (cr_workshop_record_votes (workshop, today, cr_participant_get_id (seat), votes, 1, &error));
  g_assert_no_error (error);
  g_assert_true (cr_workshop_reveal_round (workshop, today, &error));
  g_assert_no_error (error);
  g_assert_nonnull (cr_workshop_add_action (workshop, "Agree on one definition", "Ana", NULL, &error));
  g_assert_no_error (error);

  text1 = cr_bundle_export_string (workshop);
  g_assert_nonnull (strstr (text1, "\"template\": \"product-led-vocabulary\""));
  bytes = g_bytes_new (text1, strlen (text1));
  /* On another laptop: the same workshop, identifier and all. */
  again = load (other, import_ok (other, bytes));
  text2 = cr_bundle_export_string (again);
  g_assert_cmpstr (text2, ==, text1);
}

static void
test_export_string_format (void)
{
  g_autoptr(CrStore) store = cr_test_new_store ();
  g_autoptr(GBytes) bytes = fixture_bytes ("workshop.json");
  g_autoptr(CrWorkshop) workshop = NULL;
  g_autofree char *text = NULL;
  g_autoptr(GBytes) again = NULL;
  g_autoptr(JsonNode) parsed = NULL;
  g_autoptr(JsonNode) built = NULL;
  g_autofree char *a = NULL;
  g_autofree char *b = NULL;

  workshop = load (store, import_ok (store, bytes));
  text = cr_bundle_export_string (workshop);

  g_assert_true (g_str_has_prefix (text, "{\n  \"format\": \"crossroads-workshop\",\n  \"version\": 1,\n  \"workshop\": {\n    \"title\": "));
  g_assert_true (g_str_has_suffix (text, "\n}\n"));
  /* Non-ASCII text is written as it is, escapes only where JSON needs them. */
  g_assert_nonnull (strstr (text, "\"name\": \"ليلى حداد\""));
  g_assert_nonnull (strstr (text, "\"Line one\\nLine two,\\ttabbed, with \\\"quotes\\\" and a backslash \\\\ [[x]]\""));
  g_assert_nonnull (strstr (text, "\"name\": null"));
  g_assert_nonnull (strstr (text, "\"headcount\": 4200,"));

  /* The text is the same document as the tree. */
  again = g_bytes_new (text, strlen (text));
  parsed = parse_bytes (again);
  built = cr_bundle_export (workshop);
  a = canonical (parsed);
  b = canonical (built);
  g_assert_cmpstr (a, ==, b);
}

static void
test_export_member_order (void)
{
  static const char * const top[] = { "format", "version", "workshop", "results" };
  static const char * const members[] = {
    "title", "organisation", "facilitator", "date", "function_name", "template",
    "context", "participants", "notes", "rounds", "actions", "id", "previous", "decision", "steps",
  };
  static const char * const vote[] = { "participant", "option", "criterion", "value" };
  g_autoptr(CrStore) store = cr_test_new_store ();
  g_autoptr(GBytes) bytes = fixture_bytes ("workshop.json");
  g_autoptr(CrWorkshop) workshop = NULL;
  g_autoptr(JsonNode) exported = NULL;
  const char * const *expected[] = { top, members, vote };
  const char *paths[] = { "", "workshop", "workshop.rounds[4].votes[0]" };
  guint sizes[] = { G_N_ELEMENTS (top), G_N_ELEMENTS (members), G_N_ELEMENTS (vote) };

  workshop = load (store, import_ok (store, bytes));
  exported = cr_bundle_export (workshop);

  for (guint k = 0; k < G_N_ELEMENTS (paths); k++)
    {
      JsonObjectIter iter;
      const char *name;
      JsonNode *node;
      guint i = 0;

      json_object_iter_init_ordered (&iter, object_at (exported, paths[k]));
      while (json_object_iter_next_ordered (&iter, &name, &node))
        {
          g_assert_cmpuint (i, <, sizes[k]);
          g_assert_cmpstr (name, ==, expected[k][i]);
          i++;
        }
      g_assert_cmpuint (i, ==, sizes[k]);
    }
}

/* Rounds come out in the template's question order, then by number,
 * whatever order they were recorded in. */
static void
test_export_round_order (void)
{
  g_autoptr(CrStore) store = cr_test_new_store ();
  g_autoptr(JsonNode) root = fixture_node ();
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(CrWorkshop) workshop = NULL;
  g_autoptr(JsonNode) exported = NULL;
  JsonArray *rounds = json_object_get_array_member (object_at (root, "workshop"), "rounds");
  JsonArray *reordered = json_array_new ();
  JsonArray *out;
  static const guint recorded[] = { 4, 1, 3, 2, 0 };
  static const char * const order[][2] = {
    { "current", "1" }, { "current", "2" }, { "target", "1" }, { "target", "2" }, { "fit", "1" },
  };

  /* Recorded as fit 1, current 2, target 2, target 1, current 1. */
  for (guint i = 0; i < G_N_ELEMENTS (recorded); i++)
    json_array_add_element (reordered, json_node_copy (json_array_get_element (rounds, recorded[i])));
  json_object_set_array_member (object_at (root, "workshop"), "rounds", reordered);

  bytes = node_to_bytes (root);
  workshop = load (store, import_ok (store, bytes));
  exported = cr_bundle_export (workshop);
  out = json_object_get_array_member (object_at (exported, "workshop"), "rounds");
  g_assert_cmpuint (json_array_get_length (out), ==, G_N_ELEMENTS (order));
  for (guint i = 0; i < G_N_ELEMENTS (order); i++)
    {
      JsonObject *r = json_array_get_object_element (out, i);
      char number[4];

      g_snprintf (number, sizeof number, "%" G_GINT64_FORMAT, json_object_get_int_member (r, "number"));
      g_assert_cmpstr (json_object_get_string_member (r, "question"), ==, order[i][0]);
      g_assert_cmpstr (number, ==, order[i][1]);
    }
}

static void
test_export_results (void)
{
  g_autoptr(CrStore) store = cr_test_new_store ();
  g_autoptr(GBytes) bytes = fixture_bytes ("workshop.json");
  g_autoptr(CrWorkshop) workshop = NULL;
  g_autoptr(JsonNode) exported = NULL;
  g_autofree char *text = NULL;
  JsonObject *results;
  JsonArray *rounds;
  JsonArray *changes;
  JsonObject *first, *hidden, *change, *hr;

  workshop = load (store, import_ok (store, bytes));
  exported = cr_bundle_export (workshop);
  results = object_at (exported, "results");

  /* One entry per round, in the order of the workshop's rounds. */
  rounds = json_object_get_array_member (results, "rounds");
  g_assert_cmpuint (json_array_get_length (rounds), ==, 5);
  first = json_array_get_object_element (rounds, 0);
  g_assert_cmpstr (json_object_get_string_member (first, "question"), ==, "current");
  g_assert_cmpint (json_object_get_int_member (first, "number"), ==, 1);
  g_assert_true (json_object_get_boolean_member (first, "revealed"));
  g_assert_cmpint (json_object_get_int_member (first, "participants"), ==, 5);
  g_assert_true (json_object_has_member (first, "options"));

  /* A hidden round shows no numbers. */
  hidden = json_array_get_object_element (rounds, 3);
  g_assert_cmpstr (json_object_get_string_member (hidden, "question"), ==, "target");
  g_assert_cmpint (json_object_get_int_member (hidden, "number"), ==, 2);
  g_assert_false (json_object_get_boolean_member (hidden, "revealed"));
  g_assert_false (json_object_has_member (hidden, "options"));

  /* current 1 -> 2 is the only pair of revealed rounds of one question:
   * target 2 is still hidden. */
  changes = json_object_get_array_member (results, "changes");
  g_assert_cmpuint (json_array_get_length (changes), ==, 1);
  change = json_array_get_object_element (changes, 0);
  g_assert_cmpstr (json_object_get_string_member (change, "question"), ==, "current");
  g_assert_cmpint (json_object_get_int_member (change, "from"), ==, 1);
  g_assert_cmpint (json_object_get_int_member (change, "to"), ==, 2);
  /* hr-as-a-service: 3 of 5 votes, then 1 of 5 hands. */
  hr = json_array_get_object_element (json_object_get_array_member (change, "options"), 0);
  g_assert_cmpstr (json_object_get_string_member (hr, "option"), ==, "hr-as-a-service");
  g_assert_cmpfloat_with_epsilon (json_object_get_double_member (hr, "share_delta"), -0.4, 1e-9);
  g_assert_cmpint (json_object_get_int_member (hr, "count_delta"), ==, -2);

  /* Shares print as rounded decimals, not as 17 digits. */
  text = cr_bundle_export_string (workshop);
  g_assert_nonnull (strstr (text, "\"share_delta\": -0.4,"));
  g_assert_null (strstr (text, "0000000"));
  g_assert_null (strstr (text, "9999999"));
  g_assert_null (strstr (text, "NaN"));
  g_assert_null (strstr (text, "nan"));
}

/* The recommendation is the one cr_recommend() gives for the workshop's
 * context and all of its rounds, of which the latest revealed of each
 * question the recommendation weighs counts. */
static void
test_export_recommendation (void)
{
  g_autoptr(CrStore) store = cr_test_new_store ();
  g_autoptr(GBytes) bytes = fixture_bytes ("workshop.json");
  g_autoptr(CrWorkshop) workshop = NULL;
  g_autoptr(JsonNode) exported = NULL;
  g_autoptr(CrRecommendation) rec = NULL;
  g_autoptr(GPtrArray) tallies = g_ptr_array_new_with_free_func ((GDestroyNotify) cr_tally_free);
  g_autoptr(JsonNode) want = NULL;
  g_autofree char *want_text = NULL;
  g_autofree char *got_text = NULL;
  CrTemplate *template;
  const CrAimRule *aim;
  CrRound *latest;
  JsonObject *recommendation;
  const char *start_with;

  workshop = load (store, import_ok (store, bytes));
  template = cr_workshop_get_template (workshop);
  aim = cr_template_get_aim (template);
  g_assert_nonnull (aim);
  g_assert_cmpstr (aim->question, ==, "target");
  /* target 2 is hidden: round 1 is the one that counts. */
  latest = cr_workshop_find_latest_round (workshop, aim->question, TRUE);
  g_assert_nonnull (latest);
  g_assert_cmpuint (cr_round_get_number (latest), ==, 1);

  for (guint i = 0; i < g_list_model_get_n_items (cr_workshop_get_rounds (workshop)); i++)
    {
      g_autoptr(CrRound) round = g_list_model_get_item (cr_workshop_get_rounds (workshop), i);

      g_ptr_array_add (tallies, cr_tally_compute (template, round));
    }
  rec = cr_recommend (template, cr_workshop_get_context_table (workshop), tallies);
  want = cr_recommendation_to_json (rec);
  exported = cr_bundle_export (workshop);

  want_text = canonical (want);
  got_text = canonical (node_at (exported, "results.recommendation"));
  g_assert_cmpstr (got_text, ==, want_text);

  /* An enterprise with siloed specialists, a support function and a
   * procurement-minded leader starts with model 1 or 2 and aims for 3. */
  recommendation = object_at (exported, "results.recommendation");
  start_with = json_object_get_string_member (recommendation, "start_with");
  g_assert_true (g_strcmp0 (start_with, "projects-as-products") == 0 ||
                 g_strcmp0 (start_with, "hr-as-a-service") == 0);
  g_assert_cmpstr (json_object_get_string_member (recommendation, "aim_for"), ==, "px-as-a-product");
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (recommendation, "fit")), ==, 3);

  /* The room's judgment has members of its own beside "fit": today (the
   * second round of current), the target (round 1, not the hidden round 2)
   * and the fit scores. */
  g_assert_cmpstr (json_object_get_string_member (recommendation, "basis"), ==, "context-and-room");
  {
    JsonArray *room = json_object_get_array_member (recommendation, "room");
    const char *means[] = { "today", "target", "fit" };
    const char *questions[] = { "current", "target", "fit" };
    const guint rounds[] = { 2, 1, 1 };

    g_assert_cmpuint (json_array_get_length (room), ==, 3);
    for (guint i = 0; i < 3; i++)
      {
        JsonObject *judgment = json_array_get_object_element (room, i);

        g_assert_cmpstr (json_object_get_string_member (judgment, "means"), ==, means[i]);
        g_assert_cmpstr (json_object_get_string_member (judgment, "question"), ==, questions[i]);
        g_assert_cmpint (json_object_get_int_member (judgment, "round"), ==, rounds[i]);
        g_assert_cmpuint (json_array_get_length (json_object_get_array_member (judgment, "options")), ==, 3);
      }
  }
}

/* A custom template travels whole inside the bundle. */
static JsonNode *
custom_template_bundle (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CrTemplate) builtin = cr_template_lookup_builtin ("people-product-models", &error);
  JsonNode *root = fixture_node ();
  JsonNode *template;

  g_assert_no_error (error);
  template = json_node_copy (cr_template_get_json (builtin));
  json_object_set_string_member (json_node_get_object (template), "id", "northwind-models");
  json_object_set_string_member (json_node_get_object (template), "title", "Northwind's three models");
  json_object_set_member (object_at (root, "workshop"), "template", template);
  return root;
}

static void
test_export_custom_template (void)
{
  g_autoptr(CrStore) store = cr_test_new_store ();
  g_autoptr(JsonNode) root = custom_template_bundle ();
  g_autoptr(GBytes) bytes = node_to_bytes (root);
  g_autoptr(CrWorkshop) workshop = NULL;
  g_autoptr(CrWorkshop) again = NULL;
  g_autoptr(JsonNode) exported = NULL;
  g_autoptr(GBytes) text_bytes = NULL;
  g_autofree char *want = NULL;
  g_autofree char *got = NULL;
  g_autofree char *text1 = NULL;
  g_autofree char *text2 = NULL;
  sqlite3_stmt *stmt = NULL;
  sqlite3 *db = NULL;
  gint64 id;

  id = import_ok (store, bytes);

  /* Stored as its JSON text, with its own id. */
  g_assert_cmpint (sqlite3_open_v2 (cr_store_get_path (store), &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT template_id, template_json FROM workshops WHERE id = ?1", -1, &stmt, NULL), ==, SQLITE_OK);
  sqlite3_bind_int64 (stmt, 1, id);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 0), ==, "northwind-models");
  g_assert_cmpint (sqlite3_column_type (stmt, 1), ==, SQLITE_TEXT);
  g_assert_nonnull (strstr ((const char *) sqlite3_column_text (stmt, 1), "Northwind's three models"));
  sqlite3_finalize (stmt);
  sqlite3_close (db);

  workshop = load (store, id);
  g_assert_false (cr_template_is_builtin (cr_workshop_get_template (workshop)));
  g_assert_cmpstr (cr_template_get_id (cr_workshop_get_template (workshop)), ==, "northwind-models");

  exported = cr_bundle_export (workshop);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (node_at (exported, "workshop.template")));
  drop_identity (exported, workshop);
  want = canonical (node_at (root, "workshop"));
  got = canonical (node_at (exported, "workshop"));
  g_assert_cmpstr (got, ==, want);

  text1 = cr_bundle_export_string (workshop);
  text_bytes = g_bytes_new (text1, strlen (text1));
  {
    g_autoptr(CrStore) other = cr_test_new_store ();

    again = load (other, import_ok (other, text_bytes));
    text2 = cr_bundle_export_string (again);
  }
  g_assert_cmpstr (text2, ==, text1);
}

/* ------------------------------------------------------------------------ */
/* Refusals before and while parsing                                         */
/* ------------------------------------------------------------------------ */

static void
test_refuse_too_large (void)
{
  gsize size = CR_BUNDLE_MAX_SIZE + 1;
  g_autoptr(GBytes) bytes = g_bytes_new_take (g_malloc0 (size), size);

  assert_refused (bytes, CR_IMPORT_ERROR_TOO_LARGE, "the file is larger than 64.0", NULL);
}

static void
test_refuse_too_large_file (void)
{
  g_autoptr(CrStore) store = cr_test_new_store ();
  g_autofree char *path = cr_test_tmp_path ("huge.json");
  g_autoptr(GError) error = NULL;
  FILE *f = fopen (path, "wb");

  /* A sparse file: its size is over the limit without filling the disk. */
  g_assert_nonnull (f);
  g_assert_cmpint (fseek (f, CR_BUNDLE_MAX_SIZE, SEEK_SET), ==, 0);
  g_assert_cmpint (fputc ('{', f), ==, '{');
  g_assert_cmpint (fclose (f), ==, 0);

  g_assert_cmpint (cr_bundle_import_file (store, path, &error), ==, 0);
  g_assert_error (error, CR_IMPORT_ERROR, CR_IMPORT_ERROR_TOO_LARGE);
  g_assert_cmpint (cr_test_count_rows (cr_store_get_path (store), "workshops"), ==, 0);
}

static void
test_refuse_bad_utf8 (void)
{
  g_autoptr(GBytes) bytes = fixture_bytes ("bad-utf8.json");

  assert_refused (bytes, CR_IMPORT_ERROR_PARSE, "line 7, column 28: ", "UTF-8");
}

static void
test_refuse_nul_byte (void)
{
  static const char text[] = "{\n  \"format\": \"crossroads-workshop\",\0\n}";
  g_autoptr(GBytes) bytes = g_bytes_new_static (text, sizeof text - 1);

  assert_refused (bytes, CR_IMPORT_ERROR_PARSE, "line 2, column 35: ", "NUL");
}

static void
test_refuse_not_json (void)
{
  g_autoptr(GBytes) bytes = fixture_bytes ("truncated.json");

  assert_refused (bytes, CR_IMPORT_ERROR_PARSE, "line ", "not valid JSON");
}

static void
test_refuse_empty (void)
{
  g_autoptr(GBytes) bytes = g_bytes_new_static ("", 0);

  assert_refused (bytes, CR_IMPORT_ERROR_PARSE, "the file is empty", NULL);
}

/* 200,000 levels would overflow json-glib's recursive parser: refused
 * before it runs. */
static void
test_refuse_deep_nesting (void)
{
  gsize depth = 200000;
  GString *s = g_string_sized_new (depth * 2 + 64);
  g_autoptr(GBytes) bytes = NULL;

  g_string_append (s, "{\"format\": \"crossroads-workshop\", \"version\": 1, \"x\": ");
  for (gsize i = 0; i < depth; i++)
    g_string_append_c (s, '[');
  for (gsize i = 0; i < depth; i++)
    g_string_append_c (s, ']');
  g_string_append_c (s, '}');
  bytes = g_string_free_to_bytes (s);

  assert_refused (bytes, CR_IMPORT_ERROR_PARSE, "line 1, column ", "nested more than 64 levels");
}

/* @head and then 100,000 '['. */
static GBytes *
then_brackets (const char *head)
{
  GString *s = g_string_new (head);

  for (guint i = 0; i < 100000; i++)
    g_string_append_c (s, '[');
  return g_string_free_to_bytes (s);
}

/* json-glib reads comments and single-quoted texts, which the depth count
 * took for the start of a string: the brackets after them reached the
 * recursive parser, 100,000 deep, and overflowed its stack. */
static void
test_refuse_comment (void)
{
  g_autoptr(GBytes) comment = then_brackets ("/*\"*/");
  g_autoptr(GBytes) quote = then_brackets ("['\"', ");

  assert_refused (comment, CR_IMPORT_ERROR_PARSE, "line 1, column 1: not valid JSON: ", "comment");
  assert_refused (quote, CR_IMPORT_ERROR_PARSE, "line 1, column 2: not valid JSON: ", "single quotes");
}

/* A second document after the first was read and ignored. */
static void
test_refuse_trailing (void)
{
  g_autoptr(GBytes) fixture = fixture_bytes ("workshop.json");
  g_autoptr(GString) s = g_string_new_len (g_bytes_get_data (fixture, NULL), g_bytes_get_size (fixture));
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *place = cr_test_place (s->str, s->str + s->len);
  g_autofree char *prefix = g_strconcat (place, ": not valid JSON: ", NULL);

  g_string_append (s, "{ \"format\": \"crossroads-workshop\" }\n");
  bytes = g_bytes_new (s->str, s->len);

  assert_refused (bytes, CR_IMPORT_ERROR_PARSE, prefix, "after the end of the document");
}

/* The fixture's text with @from replaced by @to (once); *place is where
 * @mark (a part of @to) then stands, as messages name places: "line L,
 * column C". */
static GBytes *
fixture_edited (const char  *from,
                const char  *to,
                const char  *mark,
                char       **place)
{
  g_autoptr(GBytes) fixture = fixture_bytes ("workshop.json");
  g_autoptr(GString) s = g_string_new_len (g_bytes_get_data (fixture, NULL), g_bytes_get_size (fixture));
  const char *at;

  g_assert_cmpuint (g_string_replace (s, from, to, 1), ==, 1);
  at = strstr (strstr (s->str, to), mark);
  g_assert_nonnull (at);
  *place = cr_test_place (s->str, at);
  return g_bytes_new (s->str, s->len);
}

/* Each of these was taken, changed, without a word: "\u0000" cut the text
 * there, a number too large became -1, of two members of the same name the
 * last won. Now each is refused with its place. */
static void
test_refuse_changed_silently (void)
{
  static const struct { const char *from, *to, *mark, *message; } edits[] = {
    { "within a day", "within a day\\u0000HIDDEN SECRET", "\\u0000",
      "workshop.notes[0].text: \\u0000 (a NUL character) would cut the text short there; remove it" },
    { "4200", "123456789012345678901234567890", "1",
      "workshop.context.headcount: 123456789012345678901234567890 does not fit in a number Crossroads can keep" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (edits); i++)
    {
      g_autofree char *place = NULL;
      g_autoptr(GBytes) bytes = fixture_edited (edits[i].from, edits[i].to, edits[i].mark, &place);
      g_autofree char *expected = g_strconcat (place, ": ", edits[i].message, NULL);

      assert_refused (bytes, CR_IMPORT_ERROR_INVALID, expected, NULL);
    }
}

static void
test_refuse_duplicate_member (void)
{
  g_autoptr(GBytes) fixture = fixture_bytes ("workshop.json");
  g_autofree char *text = g_strndup (g_bytes_get_data (fixture, NULL), g_bytes_get_size (fixture));
  g_autofree char *first = cr_test_place (text, strstr (text, "\"facilitator\""));
  g_autofree char *place = NULL;
  g_autoptr(GBytes) bytes = fixture_edited ("\"date\": \"2025-03-14\"",
                                            "\"facilitator\": \"Someone else\", \"date\": \"2025-03-14\"",
                                            "\"", &place);
  g_autofree char *expected = g_strdup_printf ("%s: workshop: “facilitator” is given twice in one object (first at %s); keep one",
                                               place, first);

  assert_refused (bytes, CR_IMPORT_ERROR_INVALID, expected, NULL);
}

/* Read through cr_bundle_import_file () in a subprocess, so that its peak
 * memory is the import's alone; refused with a message that ends with
 * @expected. */
static void
import_in_subprocess (const char *path,
                      int         code,
                      const char *expected)
{
  g_autoptr(CrStore) store = cr_test_new_store ();
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (cr_bundle_import_file (store, path, &error), ==, 0);
  g_assert_error (error, CR_IMPORT_ERROR, code);
  if (!g_str_has_suffix (error->message, expected))
    g_error ("expected a message ending with \"%s\", got \"%s\"", expected, error->message);
  g_assert_cmpint (cr_test_count_rows (cr_store_get_path (store), "workshops"), ==, 0);
  cr_test_assert_peak_below (100.0);
}

/* A million empty objects, where a workshop holds 5,000 notes, or where
 * import does not even look ("results", or a member it does not know): the
 * count is refused as the bytes are read, before json-glib builds a tree of
 * them (300 MB; 256 MiB of it are about 880,000 empty objects). */
typedef struct
{
  const char *name;
  const char *head;   /* then a million "{}" */
  const char *tail;
  int         code;
  const char *expected;  /* how the message ends */
} Million;

static const Million millions[] = {
  { "/bundle/refuse/many-notes",
    "{\"format\": \"crossroads-workshop\", \"version\": 1, \"workshop\": {\"notes\": [", "]}}",
    CR_IMPORT_ERROR_INVALID, "workshop.notes: holds 1000000 items; a workshop holds at most 5000" },
  { "/bundle/refuse/too-many-values",
    "{\"format\": \"crossroads-workshop\", \"version\": 1, \"results\": [", "]}",
    CR_IMPORT_ERROR_TOO_LARGE,
    ": the file holds more lists, objects and values than the largest workshop; this is not a Crossroads bundle" },
};

static void
test_refuse_million (gconstpointer data)
{
  const Million *m = data;
  g_autofree char *path = NULL;
  GString *s;

  if (!g_test_subprocess ())
    {
      g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_INHERIT_STDERR);
      g_test_trap_assert_passed ();
      return;
    }

  s = g_string_new (m->head);
  g_string_append (s, "{}");
  for (guint i = 1; i < 1000000; i++)
    g_string_append (s, ",{}");
  g_string_append (s, m->tail);
  path = cr_test_tmp_path ("million.json");
  g_assert_true (g_file_set_contents (path, s->str, (gssize) s->len, NULL));
  g_string_free (s, TRUE);

  import_in_subprocess (path, m->code, m->expected);
}

/* /dev/zero has no size to check: it was read until a 4 GiB allocation
 * aborted. */
static void
test_refuse_endless_device (void)
{
  g_autoptr(CrStore) store = cr_test_new_store ();
  g_autoptr(GError) error = NULL;

  if (!g_file_test ("/dev/zero", G_FILE_TEST_EXISTS))
    {
      g_test_skip ("no /dev/zero here");
      return;
    }
  g_assert_cmpint (cr_bundle_import_file (store, "/dev/zero", &error), ==, 0);
  g_assert_error (error, CR_IMPORT_ERROR, CR_IMPORT_ERROR_TOO_LARGE);
  g_assert_cmpint (cr_test_count_rows (cr_store_get_path (store), "workshops"), ==, 0);
}

typedef struct
{
  char  *path;
  gsize  written;
} FifoWriter;

/* Writes spaces into the FIFO until the reader closes it (or 256 MiB). */
static gpointer
write_fifo (gpointer data)
{
  FifoWriter *w = data;
  g_autofree char *chunk = g_malloc (64 * 1024);
  int fd = open (w->path, O_WRONLY);

  g_assert_cmpint (fd, >=, 0);
  memset (chunk, ' ', 64 * 1024);
  while (w->written < 256 * 1024 * 1024)
    {
      gssize n = write (fd, chunk, 64 * 1024);

      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        break;
      w->written += (gsize) n;
    }
  close (fd);
  return NULL;
}

/* A pipe that never ends, as standard input can be: reading stops one byte
 * past the limit, where it used to read all of it first. */
static void
test_refuse_endless_fifo (void)
{
  g_autoptr(CrStore) store = cr_test_new_store ();
  g_autoptr(GError) error = NULL;
  FifoWriter w = { cr_test_tmp_path ("endless.json"), 0 };
  GThread *writer;

  signal (SIGPIPE, SIG_IGN);
  g_assert_cmpint (mkfifo (w.path, 0600), ==, 0);
  writer = g_thread_new ("fifo-writer", write_fifo, &w);

  g_assert_cmpint (cr_bundle_import_file (store, w.path, &error), ==, 0);
  g_thread_join (writer);
  g_assert_error (error, CR_IMPORT_ERROR, CR_IMPORT_ERROR_TOO_LARGE);
  g_test_message ("the writer got %" G_GSIZE_FORMAT " bytes in", w.written);
  /* What the pipe holds on top of what was read: at most a few chunks. */
  g_assert_cmpuint (w.written, >, CR_BUNDLE_MAX_SIZE);
  g_assert_cmpuint (w.written, <, CR_BUNDLE_MAX_SIZE + 4 * 1024 * 1024);
  g_free (w.path);
}

/* An extra member nested to exactly the limit; brackets inside strings do
 * not count. */
static JsonNode *
nested_arrays (guint levels)
{
  JsonNode *node = json_node_init_int (json_node_alloc (), 1);

  for (guint i = 0; i < levels; i++)
    {
      JsonArray *array = json_array_new ();
      JsonNode *wrapper = json_node_alloc ();

      json_array_add_element (array, node);
      node = json_node_init_array (wrapper, array);
      json_array_unref (array);
    }
  return node;
}

static void
test_depth_limit (void)
{
  g_autoptr(CrStore) store = cr_test_new_store ();
  g_autoptr(JsonNode) ok_root = fixture_node ();
  g_autoptr(JsonNode) deep_root = fixture_node ();
  g_autoptr(GBytes) ok_bytes = NULL;
  g_autoptr(GBytes) deep_bytes = NULL;
  g_autoptr(CrWorkshop) workshop = NULL;
  g_autoptr(CrNote) note = NULL;
  g_autofree char *brackets = g_strnfill (1000, '[');

  /* root {1} workshop {2} extra [3] ... [64] */
  json_object_set_member (object_at (ok_root, "workshop"), "extra", nested_arrays (CR_BUNDLE_MAX_DEPTH - 2));
  json_object_set_string_member (object_at (ok_root, "workshop.notes[0]"), "text", brackets);
  ok_bytes = node_to_bytes (ok_root);
  workshop = load (store, import_ok (store, ok_bytes));
  note = g_list_model_get_item (cr_workshop_get_notes (workshop), 0);
  g_assert_cmpstr (cr_note_get_text (note), ==, brackets);

  json_object_set_member (object_at (deep_root, "workshop"), "extra", nested_arrays (CR_BUNDLE_MAX_DEPTH - 1));
  deep_bytes = node_to_bytes (deep_root);
  assert_refused (deep_bytes, CR_IMPORT_ERROR_PARSE, "line ", "nested more than 64 levels");
}

static void
test_refuse_lone_surrogate (void)
{
  static const char text[] =
    "{ \"format\": \"crossroads-workshop\", \"version\": 1,"
    "  \"workshop\": { \"title\": \"\\ud800\", \"organisation\": \"Acme\","
    "                \"date\": \"2024-02-29\", \"template\": \"people-product-models\" } }";
  g_autoptr(GBytes) bytes = g_bytes_new_static (text, strlen (text));
  g_autoptr(CrStore) store = seeded_store ();
  g_autoptr(GError) error = NULL;
  g_autofree char *before = snapshot (store);
  g_autofree char *after = NULL;

  /* json-glib may refuse it as JSON or hand over invalid text that we
   * refuse: either way nothing is written. */
  g_assert_cmpint (cr_bundle_import (store, bytes, &error), ==, 0);
  g_assert_nonnull (error);
  g_assert_true (g_error_matches (error, CR_IMPORT_ERROR, CR_IMPORT_ERROR_PARSE) ||
                 g_error_matches (error, CR_IMPORT_ERROR, CR_IMPORT_ERROR_INVALID));
  after = snapshot (store);
  g_assert_cmpstr (after, ==, before);
}

static void
test_refuse_not_an_object (void)
{
  g_autoptr(GBytes) bytes = g_bytes_new_static ("[1, 2, 3]", 9);

  assert_refused (bytes, CR_IMPORT_ERROR_FORMAT, "this is not a Crossroads workshop bundle", NULL);
}

static void
test_refuse_other_format (void)
{
  g_autoptr(GBytes) bytes = fixture_bytes ("other-format.json");

  assert_refused (bytes, CR_IMPORT_ERROR_FORMAT,
                  "format: 'crossroads-template' is not a Crossroads workshop bundle", NULL);
}

static void
test_refuse_future_version (void)
{
  g_autoptr(GBytes) bytes = fixture_bytes ("future-version.json");

  assert_refused (bytes, CR_IMPORT_ERROR_FORMAT, "version: ", "update Crossroads");
}

/* ------------------------------------------------------------------------ */
/* Refusals of a rule: the fixture with one thing broken                     */
/* ------------------------------------------------------------------------ */

typedef struct
{
  const char *name;
  void      (*breaker) (JsonNode *root);
  int         code;
  const char *prefix;
  const char *contains;
} Broken;

static void
break_missing_format (JsonNode *r)
{
  json_object_remove_member (object_at (r, ""), "format");
}

static void
break_unknown_template (JsonNode *r)
{
  set_string (r, "workshop", "template", "people-models");
}

static void
break_template_object (JsonNode *r)
{
  JsonObject *t = json_object_new ();
  JsonNode *node = json_node_alloc ();

  json_object_set_string_member (t, "format", "crossroads-template");
  json_object_set_int_member (t, "version", 1);
  json_object_set_string_member (t, "id", "broken");
  json_object_set_string_member (t, "title", "Broken");
  json_object_set_string_member (t, "options", "three of them");
  json_node_init_object (node, t);
  json_object_unref (t);
  json_object_set_member (object_at (r, "workshop"), "template", node);
}

static void
break_vote_option (JsonNode *r)
{
  set_string (r, "workshop.rounds[0].votes[1]", "option", "foo");
}

static void
break_note_option (JsonNode *r)
{
  set_string (r, "workshop.notes[2]", "option", "hr-as-a-product");
}

static void
break_question (JsonNode *r)
{
  set_string (r, "workshop.rounds[2]", "question", "vision");
}

static void
break_criterion (JsonNode *r)
{
  set_string (r, "workshop.rounds[4].votes[3]", "criterion", "joy");
}

static void
break_criterion_missing (JsonNode *r)
{
  set_string (r, "workshop.rounds[4].votes[0]", "criterion", NULL);
}

static void
break_criterion_on_single (JsonNode *r)
{
  set_string (r, "workshop.rounds[0].votes[0]", "criterion", "speed");
}

static void
break_context_unknown (JsonNode *r)
{
  set_int (r, "workshop.context", "budget", 5);
}

static void
break_context_number_as_string (JsonNode *r)
{
  set_string (r, "workshop.context", "headcount", "4200");
}

/* A 64-bit integer that a double cannot hold came back as 9.2e18. */
static void
break_context_number_inexact (JsonNode *r)
{
  set_int (r, "workshop.context", "headcount", G_GINT64_CONSTANT (9007199254740993));
}

/* The window refuses a headcount below zero; so does an import. */
static void
break_context_number_negative (JsonNode *r)
{
  json_object_set_double_member (object_at (r, "workshop.context"), "team_size", -0.5);
}

static void
break_context_string_as_number (JsonNode *r)
{
  set_int (r, "workshop.context", "stage", 3);
}

static void
break_context_choice (JsonNode *r)
{
  set_string (r, "workshop.context", "stage", "mid-size");
}

static void
break_context_scale (JsonNode *r)
{
  set_int (r, "workshop.context", "team_maturity", 7);
}

static void
break_vote_participant (JsonNode *r)
{
  set_string (r, "workshop.rounds[0].votes[2]", "participant", "p9");
}

static void
break_note_participant (JsonNode *r)
{
  set_string (r, "workshop.notes[0]", "participant", "p9");
}

static void
break_duplicate_participant (JsonNode *r)
{
  set_string (r, "workshop.participants[3]", "key", "p1");
}

static void
break_single_two_votes (JsonNode *r)
{
  /* p1 now votes for hr-as-a-service and projects-as-products in current 1. */
  set_string (r, "workshop.rounds[0].votes[2]", "participant", "p1");
}

static void
break_dots_budget (JsonNode *r)
{
  /* p1: 2 + 2 dots with a budget of 3. */
  set_int (r, "workshop.rounds[2].votes[1]", "value", 2);
}

static void
break_score_scale (JsonNode *r)
{
  set_int (r, "workshop.rounds[4].votes[5]", "value", 6);
}

static void
break_score_twice (JsonNode *r)
{
  set_string (r, "workshop.rounds[4].votes[1]", "criterion", "user-centricity");
}

static void
break_hands_on_score (JsonNode *r)
{
  set_string (r, "workshop.rounds[4].votes[30]", "participant", NULL);
}

/* One count per person: five participants, no ballots, hands 1, 3 and 1. */
static void
break_hands_over_people (JsonNode *r)
{
  set_int (r, "workshop.rounds[1].votes[1]", "value", 6);
}

static void
break_hands_in_all (JsonNode *r)
{
  /* 1 + 4 + 1 hands from five people with one vote each. */
  set_int (r, "workshop.rounds[1].votes[1]", "value", 4);
}

static void
break_hands_and_ballot (JsonNode *r)
{
  /* p1 votes by ballot, and the hands still count all five. */
  set_string (r, "workshop.rounds[1].votes[0]", "participant", "p1");
  set_int (r, "workshop.rounds[1].votes[2]", "value", 2);
}

static void
break_dots_hands_after_ballots (JsonNode *r)
{
  /* Everyone placed dots by ballot; two of p1's dots become hands. */
  set_string (r, "workshop.rounds[2].votes[0]", "participant", NULL);
}

static void
break_date_not_real (JsonNode *r)
{
  set_string (r, "workshop", "date", "2025-02-30");
}

static void
break_date_format (JsonNode *r)
{
  set_string (r, "workshop", "date", "14/03/2025");
}

static void
break_due_date (JsonNode *r)
{
  set_string (r, "workshop.actions[0]", "due", "2025-13-01");
}

static void
break_note_kind (JsonNode *r)
{
  set_string (r, "workshop.notes[1]", "kind", "opportunity");
}

static void
break_duplicate_round (JsonNode *r)
{
  set_int (r, "workshop.rounds[1]", "number", 1);
}

static void
break_round_number (JsonNode *r)
{
  set_int (r, "workshop.rounds[1]", "number", 0);
}

static void
break_missing_title (JsonNode *r)
{
  json_object_remove_member (object_at (r, "workshop"), "title");
}

static void
break_title_type (JsonNode *r)
{
  set_int (r, "workshop", "title", 42);
}

static void
break_empty_title (JsonNode *r)
{
  set_string (r, "workshop", "title", "  ");
}

static void
break_workshop_type (JsonNode *r)
{
  set_string (r, "", "workshop", "Q1 review");
}

static void
break_version_type (JsonNode *r)
{
  set_string (r, "", "version", "1");
}

static void
break_votes_type (JsonNode *r)
{
  set_string (r, "workshop.rounds[0]", "votes", "none");
}

static void
break_vote_value (JsonNode *r)
{
  json_object_set_double_member (object_at (r, "workshop.rounds[0].votes[0]"), "value", 1.5);
}

static void
break_vote_without_participant (JsonNode *r)
{
  json_object_remove_member (object_at (r, "workshop.rounds[0].votes[0]"), "participant");
}

static void
break_revealed_type (JsonNode *r)
{
  set_string (r, "workshop.rounds[0]", "revealed", "yes");
}

static void
break_participant_name (JsonNode *r)
{
  set_int (r, "workshop.participants[0]", "name", 7);
}

static void
break_participant_element (JsonNode *r)
{
  json_array_add_string_element (json_node_get_array (node_at (r, "workshop.participants")), "p6");
}

static void
break_decision_option (JsonNode *r)
{
  set_string (r, "workshop.decision", "start_with", "projects");
}

static void
break_decision_type (JsonNode *r)
{
  set_string (r, "workshop", "decision", "start small");
}

static void
break_decision_agreed_unknown (JsonNode *r)
{
  json_array_add_string_element (json_object_get_array_member (object_at (r, "workshop.decision"), "agreed"), "p9");
}

static void
break_decision_agreed_twice (JsonNode *r)
{
  json_array_add_string_element (json_object_get_array_member (object_at (r, "workshop.decision"), "agreed"), "p2");
}

static void
break_decision_agreed_type (JsonNode *r)
{
  json_array_add_int_element (json_object_get_array_member (object_at (r, "workshop.decision"), "agreed"), 3);
}

static void
break_decision_rationale_type (JsonNode *r)
{
  set_int (r, "workshop.decision", "rationale", 42);
}

static void
break_step_unknown (JsonNode *r)
{
  set_string (r, "workshop.steps[1]", "id", "coffee-break");
}

static void
break_step_twice (JsonNode *r)
{
  set_string (r, "workshop.steps[2]", "id", "context");
}

static void
break_step_elapsed (JsonNode *r)
{
  set_int (r, "workshop.steps[0]", "elapsed_s", -5);
}

static void
break_step_done (JsonNode *r)
{
  set_string (r, "workshop.steps[0]", "done", "yes");
}

static void
break_step_current (JsonNode *r)
{
  set_string (r, "workshop.steps[0]", "current", "yes");
}

static void
break_step_current_twice (JsonNode *r)
{
  json_object_set_boolean_member (object_at (r, "workshop.steps[0]"), "current", TRUE);
  json_object_set_boolean_member (object_at (r, "workshop.steps[2]"), "current", TRUE);
}

static void
break_steps_type (JsonNode *r)
{
  set_string (r, "workshop", "steps", "all of them");
}

static void
break_id (JsonNode *r)
{
  set_string (r, "workshop", "id", "workshop-3");
}

static void
break_previous_type (JsonNode *r)
{
  set_int (r, "workshop", "previous", 3);
}

static void
break_previous_self (JsonNode *r)
{
  set_string (r, "workshop", "id", "3f2b8c1e-5a47-4d9b-9e61-2c0d7a4f8b13");
  set_string (r, "workshop", "previous", "3F2B8C1E-5A47-4D9B-9E61-2C0D7A4F8B13");
}

static void
break_action_status (JsonNode *r)
{
  set_string (r, "workshop.actions[1]", "status", "finished");
}

static void
break_action_outcome (JsonNode *r)
{
  set_string (r, "workshop.actions[0]", "outcome", "Done\nand dusted");
}

/* Pango breaks the line at a line or paragraph separator too. */
static void
break_action_outcome_separator (JsonNode *r)
{
  set_string (r, "workshop.actions[0]", "outcome", "Done\u2028and dusted");
}

static void
break_review_text (JsonNode *r)
{
  g_autoptr(JsonNode) item = json_from_string ("[ { \"owner\": \"Ana\", \"status\": \"done\" } ]", NULL);

  json_object_set_member (object_at (r, "workshop"), "review", g_steal_pointer (&item));
}

static void
break_review_step_first_workshop (JsonNode *r)
{
  set_string (r, "workshop.steps[1]", "id", CR_AGENDA_REVIEW);
}

static const Broken broken[] = {
  { "/bundle/refuse/action-status", break_action_status, CR_IMPORT_ERROR_INVALID,
    "workshop.actions[1].status: 'finished' is not a status; expected \"open\", \"done\" or \"dropped\"", NULL },
  { "/bundle/refuse/action-outcome", break_action_outcome, CR_IMPORT_ERROR_INVALID,
    "workshop.actions[0].outcome: must be one line", NULL },
  { "/bundle/refuse/action-outcome-separator", break_action_outcome_separator, CR_IMPORT_ERROR_INVALID,
    "workshop.actions[0].outcome: must be one line", NULL },
  { "/bundle/refuse/review-text", break_review_text, CR_IMPORT_ERROR_INVALID,
    "workshop.review[0].text: missing", NULL },
  { "/bundle/refuse/review-step-first-workshop", break_review_step_first_workshop, CR_IMPORT_ERROR_INVALID,
    "workshop.steps[1].id: 'review-actions' is not an agenda step of template 'people-product-models'", NULL },
  { "/bundle/refuse/id", break_id, CR_IMPORT_ERROR_INVALID,
    "workshop.id: 'workshop-3' is not a workshop identifier; expected a UUID", NULL },
  { "/bundle/refuse/previous-type", break_previous_type, CR_IMPORT_ERROR_INVALID,
    "workshop.previous: expected a string or null", NULL },
  { "/bundle/refuse/previous-self", break_previous_self, CR_IMPORT_ERROR_INVALID,
    "workshop.previous: names the workshop itself", NULL },
  { "/bundle/refuse/decision-option", break_decision_option, CR_IMPORT_ERROR_INVALID,
    "workshop.decision.start_with: 'projects' is not an option of template 'people-product-models'", "projects-as-products" },
  { "/bundle/refuse/decision-type", break_decision_type, CR_IMPORT_ERROR_INVALID,
    "workshop.decision: expected an object or null", NULL },
  { "/bundle/refuse/decision-agreed-unknown", break_decision_agreed_unknown, CR_IMPORT_ERROR_INVALID,
    "workshop.decision.agreed[3]: 'p9' is not a participant of this bundle", NULL },
  { "/bundle/refuse/decision-agreed-twice", break_decision_agreed_twice, CR_IMPORT_ERROR_INVALID,
    "workshop.decision.agreed[3]: 'p2' is listed twice", NULL },
  { "/bundle/refuse/decision-agreed-type", break_decision_agreed_type, CR_IMPORT_ERROR_INVALID,
    "workshop.decision.agreed[3]: expected a participant key", NULL },
  { "/bundle/refuse/decision-rationale-type", break_decision_rationale_type, CR_IMPORT_ERROR_INVALID,
    "workshop.decision.rationale: expected a string or null", NULL },
  { "/bundle/refuse/format-missing", break_missing_format, CR_IMPORT_ERROR_FORMAT, "format: missing", NULL },
  { "/bundle/refuse/version-type", break_version_type, CR_IMPORT_ERROR_INVALID, "version: expected a whole number", NULL },
  { "/bundle/refuse/workshop-type", break_workshop_type, CR_IMPORT_ERROR_INVALID, "workshop: expected an object", NULL },
  { "/bundle/refuse/template-unknown", break_unknown_template, CR_IMPORT_ERROR_INVALID,
    "workshop.template: 'people-models' is not a built-in template", "people-product-models" },
  { "/bundle/refuse/template-invalid", break_template_object, CR_IMPORT_ERROR_INVALID, "workshop.template.", NULL },
  { "/bundle/refuse/option-of-vote", break_vote_option, CR_IMPORT_ERROR_INVALID,
    "workshop.rounds[0].votes[1].option: 'foo' is not an option of template 'people-product-models'", NULL },
  { "/bundle/refuse/option-of-note", break_note_option, CR_IMPORT_ERROR_INVALID,
    "workshop.notes[2].option: 'hr-as-a-product' is not an option of template 'people-product-models'", NULL },
  { "/bundle/refuse/question", break_question, CR_IMPORT_ERROR_INVALID,
    "workshop.rounds[2].question: 'vision' is not a question of template 'people-product-models'", NULL },
  { "/bundle/refuse/criterion", break_criterion, CR_IMPORT_ERROR_INVALID,
    "workshop.rounds[4].votes[3].criterion: 'joy' is not a criterion of question 'fit'", NULL },
  { "/bundle/refuse/criterion-missing", break_criterion_missing, CR_IMPORT_ERROR_INVALID,
    "workshop.rounds[4].votes[0].criterion: ", "user-centricity" },
  { "/bundle/refuse/criterion-without-criteria", break_criterion_on_single, CR_IMPORT_ERROR_INVALID,
    "workshop.rounds[0].votes[0].criterion: ", "has none" },
  { "/bundle/refuse/context-unknown", break_context_unknown, CR_IMPORT_ERROR_INVALID,
    "workshop.context.budget: 'budget' is not a context field of template 'people-product-models'", NULL },
  { "/bundle/refuse/context-number-as-string", break_context_number_as_string, CR_IMPORT_ERROR_INVALID,
    "workshop.context.headcount: expected a number", NULL },
  { "/bundle/refuse/context-number-inexact", break_context_number_inexact, CR_IMPORT_ERROR_INVALID,
    "workshop.context.headcount: 9007199254740993 does not fit in a number Crossroads can keep", NULL },
  { "/bundle/refuse/context-number-negative", break_context_number_negative, CR_IMPORT_ERROR_INVALID,
    "workshop.context.team_size: expected a number of zero or more", NULL },
  { "/bundle/refuse/context-string-as-number", break_context_string_as_number, CR_IMPORT_ERROR_INVALID,
    "workshop.context.stage: ", "string" },
  { "/bundle/refuse/context-choice", break_context_choice, CR_IMPORT_ERROR_INVALID,
    "workshop.context.stage: 'mid-size' is not a choice of 'stage'", "enterprise" },
  { "/bundle/refuse/context-scale", break_context_scale, CR_IMPORT_ERROR_INVALID,
    "workshop.context.team_maturity: 7 is outside the scale 1 to 5", NULL },
  { "/bundle/refuse/participant-of-vote", break_vote_participant, CR_IMPORT_ERROR_INVALID,
    "workshop.rounds[0].votes[2].participant: 'p9' is not a participant", NULL },
  { "/bundle/refuse/participant-of-note", break_note_participant, CR_IMPORT_ERROR_INVALID,
    "workshop.notes[0].participant: 'p9' is not a participant", NULL },
  { "/bundle/refuse/participant-duplicate", break_duplicate_participant, CR_IMPORT_ERROR_INVALID,
    "workshop.participants[3].key: 'p1' is already the key of workshop.participants[0]", NULL },
  { "/bundle/refuse/participant-name-type", break_participant_name, CR_IMPORT_ERROR_INVALID,
    "workshop.participants[0].name: expected a string or null", NULL },
  { "/bundle/refuse/participant-not-object", break_participant_element, CR_IMPORT_ERROR_INVALID,
    "workshop.participants[5]: expected an object", NULL },
  { "/bundle/refuse/single-two-votes", break_single_two_votes, CR_IMPORT_ERROR_INVALID,
    "workshop.rounds[0].votes[2]: ", "more than one vote" },
  { "/bundle/refuse/dots-over-budget", break_dots_budget, CR_IMPORT_ERROR_INVALID,
    "workshop.rounds[2].votes[1]: ", "budget of 3" },
  { "/bundle/refuse/score-out-of-scale", break_score_scale, CR_IMPORT_ERROR_INVALID,
    "workshop.rounds[4].votes[5]: ", "1 to 5" },
  { "/bundle/refuse/score-twice", break_score_twice, CR_IMPORT_ERROR_INVALID,
    "workshop.rounds[4].votes[1]: ", "user-centricity" },
  { "/bundle/refuse/hands-on-score", break_hands_on_score, CR_IMPORT_ERROR_INVALID,
    "workshop.rounds[4].votes[30].participant: ", "show of hands" },
  { "/bundle/refuse/hands-over-people", break_hands_over_people, CR_IMPORT_ERROR_INVALID,
    "workshop.rounds[1].votes[1]: ", "6 hands for “Projects and Programmes as Products”, but only 5 people have no ballot" },
  { "/bundle/refuse/hands-in-all", break_hands_in_all, CR_IMPORT_ERROR_INVALID,
    "workshop.rounds[1].votes[2]: ", "6 hands in all, but only 5 people have no ballot" },
  { "/bundle/refuse/hands-and-ballot", break_hands_and_ballot, CR_IMPORT_ERROR_INVALID,
    "workshop.rounds[1].votes[2]: ", "5 hands in all, but only 4 people have no ballot" },
  { "/bundle/refuse/dots-hands-after-ballots", break_dots_hands_after_ballots, CR_IMPORT_ERROR_INVALID,
    "workshop.rounds[2].votes[0]: ", "everyone has a ballot in this round" },
  { "/bundle/refuse/date-not-real", break_date_not_real, CR_IMPORT_ERROR_INVALID,
    "workshop.date: '2025-02-30' is not a real date", "YYYY-MM-DD" },
  { "/bundle/refuse/date-format", break_date_format, CR_IMPORT_ERROR_INVALID,
    "workshop.date: '14/03/2025' is not a real date", NULL },
  { "/bundle/refuse/due-date", break_due_date, CR_IMPORT_ERROR_INVALID,
    "workshop.actions[0].due: '2025-13-01' is not a real date", NULL },
  { "/bundle/refuse/note-kind", break_note_kind, CR_IMPORT_ERROR_INVALID,
    "workshop.notes[1].kind: 'opportunity' is not a kind of note", "strength, risk or question" },
  { "/bundle/refuse/round-duplicate", break_duplicate_round, CR_IMPORT_ERROR_INVALID,
    "workshop.rounds[1].number: question 'current' already has a round 1 (workshop.rounds[0])", NULL },
  { "/bundle/refuse/round-number", break_round_number, CR_IMPORT_ERROR_INVALID,
    "workshop.rounds[1].number: 0 is out of range", NULL },
  { "/bundle/refuse/title-missing", break_missing_title, CR_IMPORT_ERROR_INVALID,
    "workshop.title: missing; expected a string", NULL },
  { "/bundle/refuse/title-type", break_title_type, CR_IMPORT_ERROR_INVALID,
    "workshop.title: expected a string", NULL },
  { "/bundle/refuse/title-empty", break_empty_title, CR_IMPORT_ERROR_INVALID,
    "workshop.title: must not be empty", NULL },
  { "/bundle/refuse/votes-type", break_votes_type, CR_IMPORT_ERROR_INVALID,
    "workshop.rounds[0].votes: expected a list", NULL },
  { "/bundle/refuse/vote-value", break_vote_value, CR_IMPORT_ERROR_INVALID,
    "workshop.rounds[0].votes[0].value: expected a whole number", NULL },
  { "/bundle/refuse/vote-participant-missing", break_vote_without_participant, CR_IMPORT_ERROR_INVALID,
    "workshop.rounds[0].votes[0].participant: missing", NULL },
  { "/bundle/refuse/revealed-type", break_revealed_type, CR_IMPORT_ERROR_INVALID,
    "workshop.rounds[0].revealed: expected true or false", NULL },
  { "/bundle/refuse/step-unknown", break_step_unknown, CR_IMPORT_ERROR_INVALID,
    "workshop.steps[1].id: 'coffee-break' is not an agenda step of template 'people-product-models'", NULL },
  { "/bundle/refuse/step-twice", break_step_twice, CR_IMPORT_ERROR_INVALID,
    "workshop.steps[2].id: 'context' is listed twice", NULL },
  { "/bundle/refuse/step-elapsed", break_step_elapsed, CR_IMPORT_ERROR_INVALID,
    "workshop.steps[0].elapsed_s: -5 is out of range", NULL },
  { "/bundle/refuse/step-done", break_step_done, CR_IMPORT_ERROR_INVALID,
    "workshop.steps[0].done: expected true or false", NULL },
  { "/bundle/refuse/step-current", break_step_current, CR_IMPORT_ERROR_INVALID,
    "workshop.steps[0].current: expected true or false", NULL },
  { "/bundle/refuse/step-current-twice", break_step_current_twice, CR_IMPORT_ERROR_INVALID,
    "workshop.steps[2].current: 'context' is the current step already; only one step can be", NULL },
  { "/bundle/refuse/steps-type", break_steps_type, CR_IMPORT_ERROR_INVALID,
    "workshop.steps: expected a list", NULL },
};

static void
test_refuse_broken (gconstpointer data)
{
  const Broken *b = data;
  g_autoptr(JsonNode) root = fixture_node ();
  g_autoptr(GBytes) bytes = NULL;

  b->breaker (root);
  bytes = node_to_bytes (root);
  assert_refused (bytes, b->code, b->prefix, b->contains);
}

/* Optional members that are null mean none (shared/product.md), like
 * absent ones: an anonymous seat with no role, an action with no owner. */
static void
test_import_null_means_none (void)
{
  g_autoptr(CrStore) store = cr_test_new_store ();
  g_autoptr(JsonNode) root = fixture_node ();
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(CrWorkshop) workshop = NULL;
  g_autoptr(CrParticipant) seat = NULL;
  g_autoptr(CrAction) action = NULL;
  g_autoptr(CrNote) note = NULL;

  set_string (root, "workshop.participants[2]", "role", NULL);
  set_string (root, "workshop.actions[0]", "owner", NULL);
  set_string (root, "workshop", "facilitator", NULL);
  set_string (root, "workshop", "function_name", NULL);
  json_object_set_null_member (object_at (root, "workshop.rounds[0]"), "revealed");
  json_object_set_null_member (object_at (root, "workshop.notes[1]"), "participant");
  bytes = node_to_bytes (root);

  workshop = load (store, import_ok (store, bytes));
  seat = g_list_model_get_item (cr_workshop_get_participants (workshop), 2);
  g_assert_cmpstr (cr_participant_get_role (seat) ?: "", ==, "");
  g_assert_null (cr_participant_get_name (seat));
  action = g_list_model_get_item (cr_workshop_get_actions (workshop), 0);
  g_assert_cmpstr (cr_action_get_owner (action) ?: "", ==, "");
  g_assert_cmpstr (cr_workshop_get_facilitator (workshop), ==, "");
  g_assert_cmpstr (cr_workshop_get_function_name (workshop), ==, "");
  note = g_list_model_get_item (cr_workshop_get_notes (workshop), 1);
  g_assert_cmpint (cr_note_get_participant_id (note), ==, 0);
}

/* Things that look odd but are fine: "results" is ignored, unknown members
 * are ignored, an integral 3.0 is the integer 3. */
static void
test_import_tolerates (void)
{
  g_autoptr(CrStore) store = cr_test_new_store ();
  g_autoptr(JsonNode) root = fixture_node ();
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(CrWorkshop) workshop = NULL;
  g_autoptr(CrRound) round = NULL;
  const CrVote *votes;
  guint n_votes;

  set_string (root, "", "results", "stale numbers from another laptop");
  /* A step with only its id carries no mark and no time. */
  json_object_remove_member (object_at (root, "workshop.steps[1]"), "done");
  json_object_set_null_member (object_at (root, "workshop.steps[1]"), "elapsed_s");
  set_string (root, "workshop", "colour", "teal");
  json_object_set_double_member (object_at (root, "workshop.rounds[1].votes[1]"), "value", 3.0);
  bytes = node_to_bytes (root);

  workshop = load (store, import_ok (store, bytes));
  round = g_list_model_get_item (cr_workshop_get_rounds (workshop), 1);
  votes = cr_round_get_votes (round, &n_votes);
  g_assert_cmpuint (n_votes, ==, 3);
  g_assert_cmpint (votes[1].value, ==, 3);
  g_assert_false (cr_workshop_get_step_marked (workshop, "canvas"));
  g_assert_cmpint (cr_workshop_get_step_elapsed (workshop, "canvas"), ==, 0);
  g_clear_object (&workshop);

  /* Bundles written before step progress travelled, or with none. */
  json_object_remove_member (object_at (root, "workshop"), "steps");
  g_bytes_unref (bytes);
  bytes = node_to_bytes (root);
  workshop = load (store, import_ok (store, bytes));
  g_assert_cmpint (cr_workshop_get_step_elapsed (workshop, "context"), ==, 0);
  g_clear_object (&workshop);
  json_object_set_null_member (object_at (root, "workshop"), "steps");
  g_bytes_unref (bytes);
  bytes = node_to_bytes (root);
  workshop = load (store, import_ok (store, bytes));
  g_assert_false (cr_workshop_get_step_marked (workshop, "export"));
}

/* A step's timer that reached the most a bundle holds stops there: the
 * workshop still exports a bundle that imports, here or on another laptop. */
static void
test_longest_timer_round_trips (void)
{
  g_autoptr(CrStore) store = cr_test_new_store ();
  g_autoptr(CrStore) other = cr_test_new_store ();
  g_autoptr(JsonNode) root = fixture_node ();
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GBytes) exported = NULL;
  g_autoptr(CrWorkshop) workshop = NULL;
  g_autoptr(CrWorkshop) again = NULL;
  g_autoptr(GError) error = NULL;
  char *text;

  set_int (root, "workshop.steps[0]", "elapsed_s", G_MAXINT);
  bytes = node_to_bytes (root);
  workshop = load (store, import_ok (store, bytes));
  g_assert_cmpint (cr_workshop_get_step_elapsed (workshop, "context"), ==, G_MAXINT);

  /* The window's timer goes on from there, a few seconds more. */
  g_assert_true (cr_workshop_set_step_elapsed (workshop, "context", (gint64) G_MAXINT + 11, &error));
  g_assert_no_error (error);
  g_assert_cmpint (cr_workshop_get_step_elapsed (workshop, "context"), ==, G_MAXINT);

  text = cr_bundle_export_string (workshop);
  exported = g_bytes_new_take (text, strlen (text));
  again = load (other, import_ok (other, exported));
  g_assert_cmpint (cr_workshop_get_step_elapsed (again, "context"), ==, G_MAXINT);
}

/* The step @exported's steps mark as the current one, or NULL. */
static const char *
exported_current_step (JsonNode *exported)
{
  JsonArray *steps = json_object_get_array_member (object_at (exported, "workshop"), "steps");
  const char *current = NULL;

  for (guint i = 0; i < json_array_get_length (steps); i++)
    {
      JsonObject *step = json_array_get_object_element (steps, i);

      if (json_object_has_member (step, "current") && json_object_get_boolean_member (step, "current"))
        {
          g_assert_null (current);
          current = json_object_get_string_member (step, "id");
        }
    }
  return current;
}

/* What a facilitator saw: a workshop moved by bundle in the middle of a
 * vote opened on the other laptop at its first step. The step it was on
 * travels as "current": true, also when it has no mark and no time yet. */
static void
test_current_step (void)
{
  g_autoptr(CrStore) store = cr_test_new_store ();
  g_autoptr(CrStore) other_laptop = cr_test_new_store ();
  g_autoptr(JsonNode) root = fixture_node ();
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(CrWorkshop) workshop = NULL;
  g_autoptr(CrWorkshop) moved = NULL;
  g_autoptr(JsonNode) exported = NULL;
  g_autoptr(GError) error = NULL;

  json_object_set_boolean_member (object_at (root, "workshop.steps[1]"), "current", TRUE);
  bytes = node_to_bytes (root);
  workshop = load (store, import_ok (store, bytes));
  g_assert_cmpstr (cr_workshop_get_current_step (workshop), ==, "canvas");
  exported = cr_bundle_export (workshop);
  g_assert_cmpstr (exported_current_step (exported), ==, "canvas");

  g_assert_true (cr_workshop_set_current_step (workshop, "vote-current", &error));
  g_assert_no_error (error);
  g_clear_pointer (&exported, json_node_unref);
  exported = cr_bundle_export (workshop);
  g_assert_cmpstr (exported_current_step (exported), ==, "vote-current");
  g_clear_pointer (&bytes, g_bytes_unref);
  bytes = node_to_bytes (exported);
  moved = load (other_laptop, import_ok (other_laptop, bytes));
  g_assert_cmpstr (cr_workshop_get_current_step (moved), ==, "vote-current");
  g_assert_cmpint (cr_workshop_get_step_elapsed (moved, "vote-current"), ==, 0);
  g_assert_false (cr_workshop_get_step_marked (moved, "vote-current"));
}

/* The fixture's decision arrives whole, with the participants it names. */
static void
test_import_decision (void)
{
  g_autoptr(CrStore) store = cr_test_new_store ();
  g_autoptr(GBytes) bytes = fixture_bytes ("workshop.json");
  g_autoptr(CrWorkshop) workshop = load (store, import_ok (store, bytes));
  const CrDecision *decision = cr_workshop_get_decision (workshop);
  GListModel *participants = cr_workshop_get_participants (workshop);
  const guint agreed[] = { 0, 1, 3 };

  g_assert_nonnull (decision);
  g_assert_cmpstr (decision->start_with, ==, "projects-as-products");
  g_assert_cmpstr (decision->aim_for, ==, "px-as-a-product");
  g_assert_true (g_str_has_suffix (decision->rationale, "wants to move.\nTwo pilots before the summer."));
  g_assert_cmpuint (decision->agreed->len, ==, G_N_ELEMENTS (agreed));
  for (guint i = 0; i < G_N_ELEMENTS (agreed); i++)
    {
      g_autoptr(CrParticipant) p = g_list_model_get_item (participants, agreed[i]);

      g_assert_cmpint (g_array_index (decision->agreed, gint64, i), ==, cr_participant_get_id (p));
    }
}

/* A bundle written before the decision existed, or with null for it or for
 * each of its members, imports; null members mean none, and an export
 * writes no decision when none was taken. */
static void
test_import_decision_absent (void)
{
  g_autoptr(CrStore) store = cr_test_new_store ();

  for (guint k = 0; k < 3; k++)
    {
      g_autoptr(JsonNode) root = fixture_node ();
      g_autoptr(GBytes) bytes = NULL;
      g_autoptr(CrWorkshop) workshop = NULL;
      g_autoptr(JsonNode) exported = NULL;
      JsonObject *decision = object_at (root, "workshop.decision");

      if (k == 0)
        json_object_remove_member (object_at (root, "workshop"), "decision");
      else if (k == 1)
        json_object_set_null_member (object_at (root, "workshop"), "decision");
      else
        {
          json_object_set_null_member (decision, "start_with");
          json_object_set_null_member (decision, "aim_for");
          json_object_set_null_member (decision, "rationale");
          json_object_set_null_member (decision, "agreed");
        }
      bytes = node_to_bytes (root);
      workshop = load (store, import_ok (store, bytes));
      g_assert_null (cr_workshop_get_decision (workshop));
      exported = cr_bundle_export (workshop);
      g_assert_false (json_object_has_member (object_at (exported, "workshop"), "decision"));
    }

  /* Only some members: the rest are none, and null again on the way out. */
  {
    g_autoptr(JsonNode) root = fixture_node ();
    g_autoptr(GBytes) bytes = NULL;
    g_autoptr(CrWorkshop) workshop = NULL;
    g_autoptr(JsonNode) exported = NULL;
    JsonObject *decision = object_at (root, "workshop.decision");
    JsonObject *out;

    json_object_remove_member (decision, "aim_for");
    json_object_remove_member (decision, "rationale");
    json_object_remove_member (decision, "agreed");
    bytes = node_to_bytes (root);
    workshop = load (store, import_ok (store, bytes));
    g_assert_cmpstr (cr_workshop_get_decision (workshop)->start_with, ==, "projects-as-products");
    g_assert_null (cr_workshop_get_decision (workshop)->aim_for);
    g_assert_cmpstr (cr_workshop_get_decision (workshop)->rationale, ==, "");
    g_assert_cmpuint (cr_workshop_get_decision (workshop)->agreed->len, ==, 0);

    exported = cr_bundle_export (workshop);
    out = object_at (exported, "workshop.decision");
    g_assert_cmpstr (json_object_get_string_member (out, "start_with"), ==, "projects-as-products");
    g_assert_true (json_object_get_null_member (out, "aim_for"));
    g_assert_true (json_object_get_null_member (out, "rationale"));
    g_assert_cmpuint (json_array_get_length (json_object_get_array_member (out, "agreed")), ==, 0);
  }
}

/* Options that are not stages: the option chosen, and no aim. */
static void
test_import_decision_unordered (void)
{
  static const char bundle[] =
    "{ \"format\": \"crossroads-workshop\", \"version\": 1, \"workshop\": {"
    "  \"title\": \"Words\", \"organisation\": \"Acme\", \"date\": \"2025-01-02\","
    "  \"template\": \"product-led-vocabulary\","
    "  \"participants\": [ { \"key\": \"p1\", \"name\": \"Ana\" } ],"
    "  \"decision\": { \"start_with\": \"product-operating-model\", \"aim_for\": %s,"
    "                  \"rationale\": \"Teams first\", \"agreed\": [ \"p1\" ] } } }";
  g_autoptr(CrStore) store = cr_test_new_store ();
  g_autofree char *good = g_strdup_printf (bundle, "null");
  g_autofree char *bad = g_strdup_printf (bundle, "\"product-led-growth\"");
  g_autoptr(GBytes) good_bytes = g_bytes_new (good, strlen (good));
  g_autoptr(GBytes) bad_bytes = g_bytes_new (bad, strlen (bad));
  g_autoptr(CrWorkshop) workshop = load (store, import_ok (store, good_bytes));

  g_assert_cmpstr (cr_workshop_get_decision (workshop)->start_with, ==, "product-operating-model");
  g_assert_null (cr_workshop_get_decision (workshop)->aim_for);
  assert_refused (bad_bytes, CR_IMPORT_ERROR_INVALID,
                  "workshop.decision.aim_for: must be null: the options of template 'product-led-vocabulary' are not stages",
                  NULL);
}

/* ------------------------------------------------------------------------ */
/* One transaction                                                           */
/* ------------------------------------------------------------------------ */

/* A failure half-way through the writes (here a trigger refusing actions,
 * the last rows written) leaves no trace. */
static void
test_import_rolls_back (void)
{
  g_autoptr(CrStore) store = seeded_store ();
  g_autoptr(GBytes) bytes = fixture_bytes ("workshop.json");
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  sqlite3 *db = NULL;
  gint64 n_workshops;

  g_assert_cmpint (sqlite3_open (cr_store_get_path (store), &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db,
                                 "CREATE TRIGGER refuse_actions BEFORE INSERT ON actions"
                                 " BEGIN SELECT RAISE(ABORT, 'actions are refused today'); END;",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);

  n_workshops = cr_test_count_rows (cr_store_get_path (store), "workshops");
  before = snapshot (store);

  g_assert_cmpint (cr_bundle_import (store, bytes, &error), ==, 0);
  g_assert_nonnull (error);
  g_assert_nonnull (strstr (error->message, "actions are refused today"));

  after = snapshot (store);
  g_assert_cmpstr (after, ==, before);
  g_assert_cmpint (cr_test_count_rows (cr_store_get_path (store), "workshops"), ==, n_workshops);

  /* And the store is usable afterwards: no transaction left open. */
  g_clear_error (&error);
  g_assert_nonnull (cr_store_prepare (store, "SELECT 1", &error));
  g_assert_no_error (error);
  g_assert_true (cr_store_begin (store, &error));
  cr_store_rollback (store);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/bundle/import/fixture", test_import_fixture);
  g_test_add_func ("/bundle/import/file", test_import_file);
  g_test_add_func ("/bundle/import/file-missing", test_import_file_missing);
  g_test_add_func ("/bundle/import/minimal", test_import_minimal);
  g_test_add_func ("/bundle/import/tolerates", test_import_tolerates);
  g_test_add_func ("/bundle/steps/longest-timer-round-trips", test_longest_timer_round_trips);
  g_test_add_func ("/bundle/import/null-means-none", test_import_null_means_none);
  g_test_add_func ("/bundle/import/current-step", test_current_step);
  g_test_add_func ("/bundle/import/decision", test_import_decision);
  g_test_add_func ("/bundle/import/decision-absent-or-null", test_import_decision_absent);
  g_test_add_func ("/bundle/import/decision-unordered", test_import_decision_unordered);
  g_test_add_func ("/bundle/import/rolls-back", test_import_rolls_back);
  g_test_add_func ("/bundle/import/existing", test_import_existing);
  g_test_add_func ("/bundle/import/without-id", test_import_without_id);
  g_test_add_func ("/bundle/series/both-orders", test_series_both_orders);
  g_test_add_func ("/bundle/series/review", test_series_review);
  g_test_add_func ("/bundle/series/no-circle", test_series_no_circle);
  g_test_add_func ("/bundle/import/depth-limit", test_depth_limit);

  g_test_add_func ("/bundle/export/matches-fixture", test_export_matches_fixture);
  g_test_add_func ("/bundle/export/round-trip", test_export_round_trip);
  g_test_add_func ("/bundle/export/open-round", test_export_open_round);
  g_test_add_func ("/bundle/export/round-trip-from-model", test_export_round_trip_from_model);
  g_test_add_func ("/bundle/export/string-format", test_export_string_format);
  g_test_add_func ("/bundle/export/member-order", test_export_member_order);
  g_test_add_func ("/bundle/export/round-order", test_export_round_order);
  g_test_add_func ("/bundle/export/results", test_export_results);
  g_test_add_func ("/bundle/export/recommendation", test_export_recommendation);
  g_test_add_func ("/bundle/export/custom-template", test_export_custom_template);

  g_test_add_func ("/bundle/refuse/too-large", test_refuse_too_large);
  g_test_add_func ("/bundle/refuse/too-large-file", test_refuse_too_large_file);
  g_test_add_func ("/bundle/refuse/bad-utf8", test_refuse_bad_utf8);
  g_test_add_func ("/bundle/refuse/nul-byte", test_refuse_nul_byte);
  g_test_add_func ("/bundle/refuse/not-json", test_refuse_not_json);
  g_test_add_func ("/bundle/refuse/empty", test_refuse_empty);
  g_test_add_func ("/bundle/refuse/deep-nesting", test_refuse_deep_nesting);
  g_test_add_func ("/bundle/refuse/comment-and-quotes", test_refuse_comment);
  g_test_add_func ("/bundle/refuse/trailing", test_refuse_trailing);
  g_test_add_func ("/bundle/refuse/nul-escape-and-large-number", test_refuse_changed_silently);
  g_test_add_func ("/bundle/refuse/duplicate-member", test_refuse_duplicate_member);
  for (guint i = 0; i < G_N_ELEMENTS (millions); i++)
    g_test_add_data_func (millions[i].name, &millions[i], test_refuse_million);
  g_test_add_func ("/bundle/refuse/endless-device", test_refuse_endless_device);
  g_test_add_func ("/bundle/refuse/endless-fifo", test_refuse_endless_fifo);
  g_test_add_func ("/bundle/refuse/lone-surrogate", test_refuse_lone_surrogate);
  g_test_add_func ("/bundle/refuse/not-an-object", test_refuse_not_an_object);
  g_test_add_func ("/bundle/refuse/other-format", test_refuse_other_format);
  g_test_add_func ("/bundle/refuse/future-version", test_refuse_future_version);
  for (guint i = 0; i < G_N_ELEMENTS (broken); i++)
    g_test_add_data_func (broken[i].name, &broken[i], test_refuse_broken);

  return g_test_run ();
}
