/* test-decision.c: the room's decision on record: stored, checked, undone
 *
 * Every assertion reads the decision back twice: from the live workshop and
 * from a fresh load of the same SQLite file.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "cr-limits.h"
#include "cr-test-util.h"
#include "cr-workshop.h"

#define HR "hr-as-a-service"
#define PP "projects-as-products"
#define PX "px-as-a-product"

typedef struct
{
  CrStore       *store;
  CrWorkshop    *workshop;
  CrParticipant *ana, *ben, *cleo;
  guint          changed;     /* "decision-changed" emissions */
} Fixture;

static void
count_changed (CrWorkshop *workshop,
               Fixture    *f)
{
  f->changed++;
}

static void
fixture_init (Fixture    *f,
              const char *template_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CrTemplate) template = cr_template_lookup_builtin (template_id, &error);

  g_assert_no_error (error);
  f->store = cr_test_new_store ();
  f->workshop = cr_workshop_create (f->store, template, "Direction", "Acme", "Maria",
                                    "2025-03-14", "People", &error);
  g_assert_no_error (error);
  f->ana = cr_workshop_add_participant (f->workshop, "Ana", "CPO", &error);
  g_assert_no_error (error);
  f->ben = cr_workshop_add_participant (f->workshop, "Ben", "", &error);
  g_assert_no_error (error);
  f->cleo = cr_workshop_add_participant (f->workshop, "Cleo", "", &error);
  g_assert_no_error (error);
  g_signal_connect (f->workshop, "decision-changed", G_CALLBACK (count_changed), f);
}

static void
fixture_clear (Fixture *f)
{
  g_assert_finalize_object (f->workshop);
  g_clear_object (&f->store);
}

static CrDecision *
decision_new (const char *start_with,
              const char *aim_for,
              const char *rationale,
              ...)
{
  CrDecision *decision = cr_decision_new ();
  CrParticipant *p;
  va_list args;

  decision->start_with = g_strdup (start_with);
  decision->aim_for = g_strdup (aim_for);
  g_free (decision->rationale);
  decision->rationale = g_strdup (rationale);
  va_start (args, rationale);
  while ((p = va_arg (args, CrParticipant *)) != NULL)
    {
      gint64 id = cr_participant_get_id (p);

      g_array_append_val (decision->agreed, id);
    }
  va_end (args);
  return decision;
}

/* "start|aim|rationale|id,id" or "none". */
static char *
describe (const CrDecision *decision)
{
  GString *out;

  if (decision == NULL)
    return g_strdup ("none");
  out = g_string_new (NULL);
  g_string_append_printf (out, "%s|%s|%s|", decision->start_with ? decision->start_with : "-",
                          decision->aim_for ? decision->aim_for : "-", decision->rationale);
  for (guint i = 0; i < decision->agreed->len; i++)
    g_string_append_printf (out, "%s%" G_GINT64_FORMAT, i > 0 ? "," : "",
                            g_array_index (decision->agreed, gint64, i));
  return g_string_free (out, FALSE);
}

/* The live object and a fresh load of the file agree, and say @expected. */
static void
assert_decision (Fixture    *f,
                 const char *expected)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CrWorkshop) loaded = cr_workshop_load (f->store, cr_workshop_get_id (f->workshop), &error);
  g_autofree char *live = describe (cr_workshop_get_decision (f->workshop));
  g_autofree char *stored = NULL;

  g_assert_no_error (error);
  stored = describe (cr_workshop_get_decision (loaded));
  g_assert_cmpstr (live, ==, expected);
  g_assert_cmpstr (stored, ==, expected);
}

static char *
expect (const char *start,
        const char *aim,
        const char *rationale,
        ...)
{
  GString *out = g_string_new (NULL);
  CrParticipant *p;
  gboolean first = TRUE;
  va_list args;

  g_string_append_printf (out, "%s|%s|%s|", start, aim, rationale);
  va_start (args, rationale);
  while ((p = va_arg (args, CrParticipant *)) != NULL)
    {
      g_string_append_printf (out, "%s%" G_GINT64_FORMAT, first ? "" : ",", cr_participant_get_id (p));
      first = FALSE;
    }
  va_end (args);
  return g_string_free (out, FALSE);
}

static void
test_record_and_reload (void)
{
  Fixture f = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(CrDecision) decision = NULL;
  g_autofree char *want = NULL;

  fixture_init (&f, "people-product-models");
  assert_decision (&f, "none");

  /* Agreement given in any order is kept in participant order. */
  decision = decision_new (HR, PX, "Our services carry the load;\nproducts come next.",
                           f.cleo, f.ana, NULL);
  g_assert_true (cr_workshop_set_decision (f.workshop, decision, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (f.changed, ==, 1);
  want = expect (HR, PX, "Our services carry the load;\nproducts come next.", f.ana, f.cleo, NULL);
  assert_decision (&f, want);
  g_assert_true (cr_workshop_can_undo (f.workshop));
  g_assert_cmpstr (cr_workshop_get_undo_label (f.workshop), ==, "Edit decision");

  /* The same again changes nothing and stacks nothing. */
  g_assert_true (cr_workshop_set_decision (f.workshop, decision, &error));
  g_assert_cmpuint (f.changed, ==, 1);

  /* An empty decision is no decision: the rows go. */
  {
    g_autoptr(CrDecision) empty = cr_decision_new ();

    g_assert_true (cr_workshop_set_decision (f.workshop, empty, &error));
    g_assert_no_error (error);
  }
  g_assert_cmpuint (f.changed, ==, 2);
  assert_decision (&f, "none");
  g_assert_cmpint (cr_test_count_rows (cr_store_get_path (f.store), "decisions"), ==, 0);
  g_assert_cmpint (cr_test_count_rows (cr_store_get_path (f.store), "decision_agreed"), ==, 0);

  /* Differing from any recommendation is the room's right: only a start. */
  g_clear_pointer (&decision, cr_decision_free);
  decision = decision_new (PX, NULL, "", NULL);
  g_assert_true (cr_workshop_set_decision (f.workshop, decision, &error));
  g_assert_no_error (error);
  assert_decision (&f, PX "|-||");

  fixture_clear (&f);
}

static void
test_undo (void)
{
  Fixture f = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(CrDecision) first = NULL;
  g_autoptr(CrDecision) second = NULL;
  g_autofree char *want_first = NULL;

  fixture_init (&f, "people-product-models");
  first = decision_new (PP, PX, "Squads first", f.ana, f.ben, NULL);
  second = decision_new (HR, PP, "On second thoughts", f.cleo, NULL);
  want_first = expect (PP, PX, "Squads first", f.ana, f.ben, NULL);

  g_assert_true (cr_workshop_set_decision (f.workshop, first, &error));
  g_assert_true (cr_workshop_set_decision (f.workshop, second, &error));
  g_assert_true (cr_workshop_set_decision (f.workshop, NULL, &error));
  g_assert_no_error (error);
  assert_decision (&f, "none");
  g_assert_cmpuint (f.changed, ==, 3);

  /* Newest first: the cleared one comes back, then the first. */
  g_assert_true (cr_workshop_undo (f.workshop, &error));
  g_assert_no_error (error);
  {
    g_autofree char *want = expect (HR, PP, "On second thoughts", f.cleo, NULL);

    assert_decision (&f, want);
  }
  g_assert_true (cr_workshop_undo (f.workshop, &error));
  assert_decision (&f, want_first);
  g_assert_true (cr_workshop_undo (f.workshop, &error));
  assert_decision (&f, "none");
  g_assert_cmpuint (f.changed, ==, 6);
  /* Below them: the three participants added. */
  g_assert_cmpstr (cr_workshop_get_undo_label (f.workshop), ==, "Add participant");

  fixture_clear (&f);
}

/* Deleting a participant who agreed takes the agreement with them; undoing
 * the deletion gives it back. */
static void
test_participant_removed (void)
{
  Fixture f = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(CrDecision) decision = NULL;
  g_autofree char *all = NULL;
  g_autofree char *without_ben = NULL;

  fixture_init (&f, "people-product-models");
  decision = decision_new (PP, PX, "", f.ana, f.ben, f.cleo, NULL);
  g_assert_true (cr_workshop_set_decision (f.workshop, decision, &error));
  g_assert_no_error (error);
  all = expect (PP, PX, "", f.ana, f.ben, f.cleo, NULL);
  without_ben = expect (PP, PX, "", f.ana, f.cleo, NULL);

  g_assert_true (cr_workshop_remove_participant (f.workshop, f.ben, &error));
  g_assert_no_error (error);
  assert_decision (&f, without_ben);
  g_assert_cmpuint (f.changed, ==, 2);

  g_assert_true (cr_workshop_undo (f.workshop, &error));
  g_assert_no_error (error);
  assert_decision (&f, all);
  g_assert_cmpuint (f.changed, ==, 3);

  fixture_clear (&f);
}

typedef struct
{
  const char *name;
  const char *template_id;
  const char *start_with;
  const char *aim_for;
  gboolean    long_rationale;
  gboolean    stranger;
  gboolean    twice;
  const char *message;
} Refusal;

static const Refusal refusals[] = {
  { "/decision/refuse/unknown-start", "people-product-models", "hr", NULL, FALSE, FALSE, FALSE,
    "'hr' is not an option of template 'people-product-models'." },
  { "/decision/refuse/unknown-aim", "people-product-models", HR, "px", FALSE, FALSE, FALSE,
    "'px' is not an option of template 'people-product-models'." },
  { "/decision/refuse/aim-unordered", "product-led-vocabulary", "product-led-growth", "product-operating-model",
    FALSE, FALSE, FALSE,
    "This template's options are not stages, so the decision names the one option chosen, with no aim beyond it." },
  { "/decision/refuse/long-rationale", "people-product-models", PP, NULL, TRUE, FALSE, FALSE,
    NULL /* made from CR_LIMIT_TEXT_CHARS */ },
  { "/decision/refuse/stranger", "people-product-models", PP, NULL, FALSE, TRUE, FALSE,
    "Only participants of this workshop can agree to its decision." },
  { "/decision/refuse/twice", "people-product-models", PP, NULL, FALSE, FALSE, TRUE,
    "Each participant agrees to the decision once." },
};

/* A bad decision is refused with a message, and the one before stays. */
static void
test_refuse (gconstpointer data)
{
  const Refusal *r = data;
  Fixture f = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(CrDecision) before = NULL;
  g_autoptr(CrDecision) bad = NULL;
  g_autofree char *want = NULL;
  const char *option;

  fixture_init (&f, r->template_id);
  option = cr_template_get_option (cr_workshop_get_template (f.workshop), 1)->id;
  before = decision_new (option, NULL, "Kept", f.ana, NULL);
  g_assert_true (cr_workshop_set_decision (f.workshop, before, &error));
  g_assert_no_error (error);
  want = expect (option, "-", "Kept", f.ana, NULL);

  bad = decision_new (r->start_with, r->aim_for, "Why", f.ben, NULL);
  if (r->long_rationale)
    {
      g_free (bad->rationale);
      bad->rationale = g_strnfill (CR_LIMIT_TEXT_CHARS + 1, 'x');
    }
  if (r->stranger)
    {
      gint64 nobody = 9999;

      g_array_append_val (bad->agreed, nobody);
    }
  if (r->twice)
    {
      gint64 ben = cr_participant_get_id (f.ben);

      g_array_append_val (bad->agreed, ben);
    }

  g_assert_false (cr_workshop_set_decision (f.workshop, bad, &error));
  g_assert_error (error, CR_STORE_ERROR, CR_STORE_ERROR_INVALID);
  if (r->message != NULL)
    g_assert_cmpstr (error->message, ==, r->message);
  else
    {
      g_autofree char *message = g_strdup_printf ("The reasoning is longer than %u characters, the most Crossroads keeps in one text; shorten it.",
                                                  (guint) CR_LIMIT_TEXT_CHARS);

      g_assert_cmpstr (error->message, ==, message);
    }
  assert_decision (&f, want);
  g_assert_cmpuint (f.changed, ==, 1);
  g_assert_cmpstr (cr_workshop_get_undo_label (f.workshop), ==, "Edit decision");

  fixture_clear (&f);
}

/* Options that are not stages: the decision is the one option chosen. */
static void
test_unordered (void)
{
  Fixture f = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(CrDecision) decision = NULL;
  g_autofree char *want = NULL;

  fixture_init (&f, "product-led-vocabulary");
  decision = decision_new ("product-operating-model", NULL, "Teams first", f.ben, NULL);
  g_assert_true (cr_workshop_set_decision (f.workshop, decision, &error));
  g_assert_no_error (error);
  want = expect ("product-operating-model", "-", "Teams first", f.ben, NULL);
  assert_decision (&f, want);

  fixture_clear (&f);
}

/* Deleting the workshop deletes its decision. */
static void
test_delete_cascades (void)
{
  Fixture f = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(CrDecision) decision = NULL;
  g_autofree char *path = NULL;

  fixture_init (&f, "people-product-models");
  path = g_strdup (cr_store_get_path (f.store));
  decision = decision_new (PP, PX, "", f.ana, NULL);
  g_assert_true (cr_workshop_set_decision (f.workshop, decision, &error));
  g_assert_cmpint (cr_test_count_rows (path, "decisions"), ==, 1);
  g_assert_cmpint (cr_test_count_rows (path, "decision_agreed"), ==, 1);

  g_assert_true (cr_workshop_delete (f.store, cr_workshop_get_id (f.workshop), &error));
  g_assert_no_error (error);
  g_assert_cmpint (cr_test_count_rows (path, "decisions"), ==, 0);
  g_assert_cmpint (cr_test_count_rows (path, "decision_agreed"), ==, 0);

  fixture_clear (&f);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/decision/record-and-reload", test_record_and_reload);
  g_test_add_func ("/decision/undo", test_undo);
  g_test_add_func ("/decision/participant-removed", test_participant_removed);
  g_test_add_func ("/decision/unordered", test_unordered);
  g_test_add_func ("/decision/delete-cascades", test_delete_cascades);
  for (guint i = 0; i < G_N_ELEMENTS (refusals); i++)
    g_test_add_data_func (refusals[i].name, &refusals[i], test_refuse);

  return g_test_run ();
}
