/* test-limits.c: hostile sizes are refused quickly, with the limit named
 *
 * A bundle with a megabyte of text in a note imports quickly; beyond the
 * limits (more text than that, ten thousand participants), bundles and the
 * same sizes typed through the core as the window does are refused with a
 * message that says where and what the limit is, and nothing is written.
 * Bundles at the limits import.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "cr-bundle.h"
#include "cr-limits.h"
#include "cr-test-util.h"
#include "cr-workshop.h"

/* The fixture bundle, parsed, to be changed by a test. */
static JsonNode *
load_fixture (void)
{
  g_autofree char *path = cr_test_source_path ("bundles", "workshop.json", NULL);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  json_parser_load_from_file (parser, path, &error);
  g_assert_no_error (error);
  return json_node_copy (json_parser_get_root (parser));
}

static JsonObject *
workshop_of (JsonNode *root)
{
  return json_object_get_object_member (json_node_get_object (root), "workshop");
}

/* Imports @root into a fresh store; returns the id, or 0 with @error. */
static gint64
import (CrStore   *store,
        JsonNode  *root,
        gdouble   *seconds,
        GError   **error)
{
  g_autofree char *text = json_to_string (root, FALSE);
  g_autoptr(GBytes) bytes = g_bytes_new (text, strlen (text));
  gint64 start = g_get_monotonic_time ();
  gint64 id;

  id = cr_bundle_import (store, bytes, error);
  *seconds = (g_get_monotonic_time () - start) / (double) G_USEC_PER_SEC;
  return id;
}

static char *
long_text (gsize n_chars,
           const char *unit)
{
  GString *s = g_string_sized_new (n_chars * strlen (unit));

  for (gsize i = 0; i < n_chars; i++)
    g_string_append (s, unit);
  return g_string_free (s, FALSE);
}

static void
assert_refused (CrStore    *store,
                JsonNode   *root,
                const char *expected)
{
  g_autoptr(GError) error = NULL;
  double seconds;

  g_assert_cmpint (import (store, root, &seconds, &error), ==, 0);
  g_assert_error (error, CR_IMPORT_ERROR, CR_IMPORT_ERROR_INVALID);
  g_test_message ("refused in %.2f s: %s", seconds, error->message);
  g_assert_cmpstr (error->message, ==, expected);
  /* Refused early, not after minutes of work. */
  g_assert_cmpfloat (seconds, <, 10.0);
  g_assert_cmpint (cr_test_count_rows (cr_store_get_path (store), "workshops"), ==, 0);
}

static void
test_bundle_megabyte_of_text (void)
{
  g_autoptr(CrStore) store = cr_test_new_store ();
  g_autoptr(JsonNode) root = load_fixture ();
  JsonObject *note = json_array_get_object_element (json_object_get_array_member (workshop_of (root), "notes"), 2);
  g_autofree char *megabyte = long_text (1024 * 1024, "x");
  g_autofree char *too_long = long_text (CR_LIMIT_TEXT_CHARS + 1, "x");
  g_autoptr(GError) error = NULL;
  double seconds;
  gint64 id;
  g_autofree char *expected = g_strdup_printf ("workshop.notes[2].text: is longer than %u characters, the most Crossroads keeps in one text",
                                               (guint) CR_LIMIT_TEXT_CHARS);

  /* A megabyte is a lot for a note, but within the limit: it imports whole. */
  json_object_set_string_member (note, "text", megabyte);
  id = import (store, root, &seconds, &error);
  g_assert_no_error (error);
  g_test_message ("a note of 1 MiB imported in %.2f s", seconds);
  g_assert_cmpfloat (seconds, <, 10.0);
  g_assert_true (cr_workshop_delete (store, id, &error));
  g_assert_no_error (error);

  json_object_set_string_member (note, "text", too_long);
  assert_refused (store, root, expected);

  /* In the title too, and in characters rather than bytes: one 'é' too many. */
  {
    g_autoptr(JsonNode) again = load_fixture ();
    g_autofree char *accents = long_text (CR_LIMIT_TEXT_CHARS + 1, "é");
    g_autofree char *expected_title = g_strdup_printf ("workshop.title: is longer than %u characters, the most Crossroads keeps in one text",
                                                       (guint) CR_LIMIT_TEXT_CHARS);

    json_object_set_string_member (workshop_of (again), "title", accents);
    assert_refused (store, again, expected_title);
  }
}

static void
test_bundle_ten_thousand_participants (void)
{
  g_autoptr(CrStore) store = cr_test_new_store ();
  g_autoptr(JsonNode) root = load_fixture ();
  JsonArray *participants = json_array_new ();
  g_autofree char *expected = g_strdup_printf ("workshop.participants: holds 10000 items; a workshop holds at most %u",
                                               (guint) CR_LIMIT_PARTICIPANTS);

  for (guint i = 0; i < 10000; i++)
    {
      JsonObject *p = json_object_new ();
      g_autofree char *key = g_strdup_printf ("x%u", i);

      json_object_set_string_member (p, "key", key);
      json_object_set_string_member (p, "name", "Someone");
      json_object_set_string_member (p, "role", "");
      json_array_add_object_element (participants, p);
    }
  json_object_set_array_member (workshop_of (root), "participants", participants);
  assert_refused (store, root, expected);
}

static void
test_bundle_at_the_limits (void)
{
  g_autoptr(CrStore) store = cr_test_new_store ();
  g_autoptr(JsonNode) root = load_fixture ();
  g_autoptr(GError) error = NULL;
  g_autoptr(CrWorkshop) workshop = NULL;
  JsonArray *participants = json_object_get_array_member (workshop_of (root), "participants");
  JsonObject *note = json_array_get_object_element (json_object_get_array_member (workshop_of (root), "notes"), 0);
  g_autofree char *longest = long_text (CR_LIMIT_TEXT_CHARS, "é");
  double seconds;
  gint64 id;

  json_object_set_string_member (note, "text", longest);
  for (guint i = json_array_get_length (participants); i < CR_LIMIT_PARTICIPANTS; i++)
    {
      JsonObject *p = json_object_new ();
      g_autofree char *key = g_strdup_printf ("extra%u", i);

      json_object_set_string_member (p, "key", key);
      json_object_set_null_member (p, "name");
      json_object_set_string_member (p, "role", "");
      json_array_add_object_element (participants, p);
    }

  id = import (store, root, &seconds, &error);
  g_assert_no_error (error);
  g_test_message ("%u participants and a note of %u characters imported in %.2f s",
                  (guint) CR_LIMIT_PARTICIPANTS, (guint) CR_LIMIT_TEXT_CHARS, seconds);
  workshop = cr_workshop_load (store, id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (cr_workshop_get_participants (workshop)), ==, CR_LIMIT_PARTICIPANTS);

  /* The core keeps the same limit: no 501st participant by hand. */
  g_assert_null (cr_workshop_add_participant (workshop, "One too many", "", &error));
  g_assert_error (error, CR_STORE_ERROR, CR_STORE_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==, "A workshop holds at most 500 participants.");
  g_assert_cmpint (cr_test_count_rows (cr_store_get_path (store), "participants"), ==, CR_LIMIT_PARTICIPANTS);
}

/* A bundle of 500 participants, thirteen rounds of scores (7,500 votes
 * each) and five of one choice (500 each): 100,000 votes, the most a
 * workshop holds; then an open round with @extra votes. */
static GBytes *
votes_bundle (guint extra)
{
  static const char * const options[] = { "hr-as-a-service", "projects-as-products", "px-as-a-product" };
  static const char * const criteria[] = { "user-centricity", "strategic-impact", "speed",
                                           "feasibility", "cost-of-change" };
  GString *s = g_string_new ("{\"format\": \"crossroads-workshop\", \"version\": 1, \"workshop\": {"
                             "\"title\": \"Votes\", \"organisation\": \"Acme\", \"date\": \"2025-03-14\","
                             "\"template\": \"people-product-models\", \"participants\": [");

  for (guint p = 0; p < CR_LIMIT_PARTICIPANTS; p++)
    g_string_append_printf (s, "%s{\"key\": \"p%u\"}", p > 0 ? "," : "", p);
  g_string_append (s, "], \"rounds\": [");
  for (guint r = 0; r < 18; r++)
    {
      gboolean fit = r < 13;

      g_string_append_printf (s, "%s{\"question\": \"%s\", \"number\": %u, \"revealed\": true, \"votes\": [",
                              r > 0 ? "," : "", fit ? "fit" : "current", fit ? r + 1 : r - 12);
      for (guint p = 0; p < CR_LIMIT_PARTICIPANTS; p++)
        for (guint o = 0; o < (fit ? 3 : 1); o++)
          for (guint c = 0; c < (fit ? 5 : 1); c++)
            g_string_append_printf (s, "%s{\"participant\": \"p%u\", \"option\": \"%s\", \"criterion\": %s%s%s, \"value\": %u}",
                                    p + o + c > 0 ? "," : "", p, options[fit ? o : p % 3],
                                    fit ? "\"" : "", fit ? criteria[c] : "null", fit ? "\"" : "",
                                    fit ? 1 + (p + c) % 5 : 1);
      g_string_append (s, "]}");
    }
  g_string_append (s, ", {\"question\": \"current\", \"number\": 6, \"revealed\": false, \"votes\": [");
  for (guint p = 0; p < extra; p++)
    g_string_append_printf (s, "%s{\"participant\": \"p%u\", \"option\": \"%s\", \"value\": 1}",
                            p > 0 ? "," : "", p, options[0]);
  g_string_append (s, "]}]}}");
  return g_string_free_to_bytes (s);
}

/* 100,000 votes import; the window then records no more, and a bundle with
 * one more is refused as it is read. */
static void
test_votes_in_all_rounds (void)
{
  g_autoptr(CrStore) store = cr_test_new_store ();
  g_autoptr(GBytes) at_limit = votes_bundle (0);
  g_autoptr(GBytes) over = votes_bundle (1);
  g_autoptr(GError) error = NULL;
  g_autoptr(CrWorkshop) workshop = NULL;
  g_autoptr(CrRound) open = NULL;
  g_autoptr(CrParticipant) p0 = NULL;
  gint64 id;
  CrVote vote = { 0, "hr-as-a-service", NULL, 1 };

  id = cr_bundle_import (store, at_limit, &error);
  g_assert_no_error (error);
  workshop = cr_workshop_load (store, id, &error);
  g_assert_no_error (error);
  g_assert_cmpint (cr_test_count_rows (cr_store_get_path (store), "votes"), ==, CR_LIMIT_VOTES);

  open = g_list_model_get_item (cr_workshop_get_rounds (workshop), 18);
  g_assert_false (cr_round_get_revealed (open));
  p0 = g_list_model_get_item (cr_workshop_get_participants (workshop), 0);
  vote.participant_id = cr_participant_get_id (p0);
  g_assert_false (cr_workshop_record_votes (workshop, open, vote.participant_id, &vote, 1, &error));
  g_assert_error (error, CR_STORE_ERROR, CR_STORE_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==, "A workshop holds at most 100000 votes in all its rounds.");
  g_clear_error (&error);
  g_assert_cmpint (cr_test_count_rows (cr_store_get_path (store), "votes"), ==, CR_LIMIT_VOTES);

  g_assert_cmpint (cr_bundle_import (store, over, &error), ==, 0);
  g_assert_error (error, CR_IMPORT_ERROR, CR_IMPORT_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==,
                   "workshop.rounds[18].votes: the rounds hold more than 100000 votes in all, the most one workshop holds");
  g_assert_cmpint (cr_test_count_rows (cr_store_get_path (store), "workshops"), ==, 1);
}

/* What the window's fields send: the same limit, a message, nothing written. */
static void
test_typed_too_long (void)
{
  g_autoptr(CrStore) store = cr_test_new_store ();
  g_autoptr(CrTemplate) template = cr_template_lookup_builtin ("people-product-models", NULL);
  g_autoptr(CrWorkshop) workshop = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *megabyte = long_text (CR_LIMIT_TEXT_CHARS + 1, "y");
  g_autofree char *expected_note = g_strdup_printf ("The note is longer than %u characters, the most Crossroads keeps in one text; shorten it.",
                                                    (guint) CR_LIMIT_TEXT_CHARS);

  workshop = cr_workshop_create (store, template, megabyte, "Org", "", "2025-01-01", "", &error);
  g_assert_null (workshop);
  g_assert_error (error, CR_STORE_ERROR, CR_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpint (cr_test_count_rows (cr_store_get_path (store), "workshops"), ==, 0);

  workshop = cr_workshop_create (store, template, "Q1", "Org", "", "2025-01-01", "", &error);
  g_assert_no_error (error);

  g_assert_null (cr_workshop_add_note (workshop, "px-as-a-product", CR_NOTE_RISK, megabyte, 0, &error));
  g_assert_error (error, CR_STORE_ERROR, CR_STORE_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==, expected_note);
  g_clear_error (&error);

  g_assert_false (cr_workshop_set_details (workshop, "Q1", megabyte, "", "2025-01-01", "", &error));
  g_assert_error (error, CR_STORE_ERROR, CR_STORE_ERROR_INVALID);
  g_clear_error (&error);

  g_assert_null (cr_workshop_add_participant (workshop, megabyte, "", &error));
  g_assert_error (error, CR_STORE_ERROR, CR_STORE_ERROR_INVALID);
  g_clear_error (&error);

  g_assert_null (cr_workshop_add_action (workshop, megabyte, "", NULL, &error));
  g_assert_error (error, CR_STORE_ERROR, CR_STORE_ERROR_INVALID);

  g_assert_cmpint (cr_test_count_rows (cr_store_get_path (store), "notes"), ==, 0);
  g_assert_cmpint (cr_test_count_rows (cr_store_get_path (store), "participants"), ==, 0);
  g_assert_cmpint (cr_test_count_rows (cr_store_get_path (store), "actions"), ==, 0);
  g_assert_cmpstr (cr_workshop_get_organisation (workshop), ==, "Org");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/limits/bundle/megabyte-of-text", test_bundle_megabyte_of_text);
  g_test_add_func ("/limits/bundle/ten-thousand-participants", test_bundle_ten_thousand_participants);
  g_test_add_func ("/limits/bundle/at-the-limits", test_bundle_at_the_limits);
  g_test_add_func ("/limits/votes/in-all-rounds", test_votes_in_all_rounds);
  g_test_add_func ("/limits/typed/too-long", test_typed_too_long);

  return g_test_run ();
}
