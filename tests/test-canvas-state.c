/* test-canvas-state.c: the canvas's grouping of notes and where moves land
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "crossroads-test"

#include "config.h"

#include "cr-canvas-state.h"
#include "cr-test-util.h"
#include "cr-workshop.h"

static CrWorkshop *
new_workshop (CrStore    *store,
              const char *template_id)
{
  return cr_test_new_workshop (store, template_id, "Operating model", "Acme", "Maria",
                               "2025-03-14", "People Experience");
}

static CrNote *
add (CrWorkshop *workshop,
     const char *option,
     CrNoteKind  kind,
     const char *text)
{
  g_autoptr(GError) error = NULL;
  CrNote *note = cr_workshop_add_note (workshop, option, kind, text, 0, &error);

  g_assert_no_error (error);
  g_assert_nonnull (note);
  return note;
}

static void
assert_lane (CrCanvasState *state,
             guint          option_index,
             CrNoteKind     kind,
             ...)
{
  GPtrArray *lane = cr_canvas_state_get_lane (state, option_index, kind);
  const char *text;
  guint i = 0;
  va_list args;

  va_start (args, kind);
  while ((text = va_arg (args, const char *)) != NULL)
    {
      g_assert_cmpuint (i, <, lane->len);
      g_assert_cmpstr (cr_note_get_text (g_ptr_array_index (lane, i)), ==, text);
      i++;
    }
  va_end (args);
  g_assert_cmpuint (lane->len, ==, i);
}

static void
test_empty (void)
{
  g_autoptr(CrStore) store = cr_test_new_store ();
  g_autoptr(CrWorkshop) workshop = new_workshop (store, "people-product-models");
  g_autoptr(CrCanvasState) state = cr_canvas_state_new (workshop);
  CrCanvasColumn *column;

  g_assert_cmpuint (cr_canvas_state_get_n_columns (state), ==, 3);
  column = g_ptr_array_index (state->columns, 0);
  g_assert_cmpstr (column->option->id, ==, "hr-as-a-service");
  column = g_ptr_array_index (state->columns, 2);
  g_assert_cmpstr (column->option->id, ==, "px-as-a-product");
  g_assert_cmpstr (column->option->title, ==, "People Experience as a Product");
  for (guint i = 0; i < 3; i++)
    for (guint k = 0; k < CR_N_NOTE_KINDS; k++)
      g_assert_cmpuint (cr_canvas_state_get_lane (state, i, k)->len, ==, 0);
}

static void
test_grouping (void)
{
  g_autoptr(CrStore) store = cr_test_new_store ();
  g_autoptr(CrWorkshop) workshop = new_workshop (store, "people-product-models");
  g_autoptr(CrCanvasState) state = NULL;
  g_autoptr(GError) error = NULL;
  CrNote *moved;
  guint option_index = 99;
  CrNoteKind kind = CR_NOTE_QUESTION;

  add (workshop, "px-as-a-product", CR_NOTE_STRENGTH, "Lean team already");
  add (workshop, "hr-as-a-service", CR_NOTE_RISK, "Agile theatre");
  moved = add (workshop, "hr-as-a-service", CR_NOTE_RISK, "Silos stay");
  add (workshop, "px-as-a-product", CR_NOTE_STRENGTH, "Growth mode");
  add (workshop, "projects-as-products", CR_NOTE_QUESTION, "Who owns prioritisation?");

  state = cr_canvas_state_new (workshop);
  assert_lane (state, 0, CR_NOTE_STRENGTH, NULL);
  assert_lane (state, 0, CR_NOTE_RISK, "Agile theatre", "Silos stay", NULL);
  assert_lane (state, 1, CR_NOTE_QUESTION, "Who owns prioritisation?", NULL);
  assert_lane (state, 2, CR_NOTE_STRENGTH, "Lean team already", "Growth mode", NULL);
  g_assert_true (cr_canvas_state_find (state, moved, &option_index, &kind));
  g_assert_cmpuint (option_index, ==, 0);
  g_assert_cmpint (kind, ==, CR_NOTE_RISK);

  /* A moved note leaves its lane and joins the other in the workshop's order. */
  g_assert_true (cr_workshop_update_note (workshop, moved, "px-as-a-product", CR_NOTE_STRENGTH,
                                          "Silos stay", &error));
  g_assert_no_error (error);
  g_clear_pointer (&state, cr_canvas_state_free);
  state = cr_canvas_state_new (workshop);
  assert_lane (state, 0, CR_NOTE_RISK, "Agile theatre", NULL);
  assert_lane (state, 2, CR_NOTE_STRENGTH, "Lean team already", "Silos stay", "Growth mode", NULL);
  g_assert_true (cr_canvas_state_find (state, moved, &option_index, &kind));
  g_assert_cmpuint (option_index, ==, 2);
  g_assert_cmpint (kind, ==, CR_NOTE_STRENGTH);

  /* A removed note is no longer on the canvas. */
  g_object_ref (moved);
  g_assert_true (cr_workshop_remove_note (workshop, moved, &error));
  g_assert_no_error (error);
  g_clear_pointer (&state, cr_canvas_state_free);
  state = cr_canvas_state_new (workshop);
  assert_lane (state, 2, CR_NOTE_STRENGTH, "Lean team already", "Growth mode", NULL);
  g_assert_false (cr_canvas_state_find (state, moved, NULL, NULL));
  g_object_unref (moved);
}

static void
test_foreign_option_refused (void)
{
  g_autoptr(CrStore) store = cr_test_new_store ();
  g_autoptr(CrWorkshop) workshop = new_workshop (store, "people-product-models");
  g_autoptr(CrCanvasState) state = NULL;
  g_autoptr(GError) error = NULL;
  CrNote *note;

  note = cr_workshop_add_note (workshop, "product-led-growth", CR_NOTE_RISK, "Wrong canvas", 0, &error);
  g_assert_null (note);
  g_assert_nonnull (error);
  state = cr_canvas_state_new (workshop);
  for (guint i = 0; i < cr_canvas_state_get_n_columns (state); i++)
    for (guint k = 0; k < CR_N_NOTE_KINDS; k++)
      g_assert_cmpuint (cr_canvas_state_get_lane (state, i, k)->len, ==, 0);
}

static void
test_move_target (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CrTemplate) template = cr_template_lookup_builtin ("people-product-models", &error);
  const char *option = NULL;
  CrNoteKind kind = CR_NOTE_STRENGTH;

  g_assert_no_error (error);

  g_assert_true (cr_canvas_move_target (template, "hr-as-a-service", CR_NOTE_RISK,
                                        CR_CANVAS_MOVE_RIGHT, &option, &kind));
  g_assert_cmpstr (option, ==, "projects-as-products");
  g_assert_cmpint (kind, ==, CR_NOTE_RISK);

  g_assert_true (cr_canvas_move_target (template, "px-as-a-product", CR_NOTE_QUESTION,
                                        CR_CANVAS_MOVE_LEFT, &option, &kind));
  g_assert_cmpstr (option, ==, "projects-as-products");
  g_assert_cmpint (kind, ==, CR_NOTE_QUESTION);

  g_assert_true (cr_canvas_move_target (template, "projects-as-products", CR_NOTE_RISK,
                                        CR_CANVAS_MOVE_UP, &option, &kind));
  g_assert_cmpstr (option, ==, "projects-as-products");
  g_assert_cmpint (kind, ==, CR_NOTE_STRENGTH);

  g_assert_true (cr_canvas_move_target (template, "projects-as-products", CR_NOTE_RISK,
                                        CR_CANVAS_MOVE_DOWN, &option, &kind));
  g_assert_cmpint (kind, ==, CR_NOTE_QUESTION);

  /* The edges: nowhere to go, and the outputs are left alone. */
  option = "untouched";
  kind = CR_NOTE_RISK;
  g_assert_false (cr_canvas_move_target (template, "hr-as-a-service", CR_NOTE_STRENGTH,
                                         CR_CANVAS_MOVE_LEFT, &option, &kind));
  g_assert_false (cr_canvas_move_target (template, "px-as-a-product", CR_NOTE_STRENGTH,
                                         CR_CANVAS_MOVE_RIGHT, &option, &kind));
  g_assert_false (cr_canvas_move_target (template, "hr-as-a-service", CR_NOTE_STRENGTH,
                                         CR_CANVAS_MOVE_UP, &option, &kind));
  g_assert_false (cr_canvas_move_target (template, "hr-as-a-service", CR_NOTE_QUESTION,
                                         CR_CANVAS_MOVE_DOWN, &option, &kind));
  g_assert_false (cr_canvas_move_target (template, "product-led-growth", CR_NOTE_RISK,
                                         CR_CANVAS_MOVE_RIGHT, &option, &kind));
  g_assert_cmpstr (option, ==, "untouched");
  g_assert_cmpint (kind, ==, CR_NOTE_RISK);
}

static void
test_other_template (void)
{
  g_autoptr(CrStore) store = cr_test_new_store ();
  g_autoptr(CrWorkshop) workshop = new_workshop (store, "product-led-vocabulary");
  g_autoptr(CrCanvasState) state = NULL;
  CrCanvasColumn *column;

  add (workshop, "product-led-growth", CR_NOTE_QUESTION, "Is freemium for us?");
  state = cr_canvas_state_new (workshop);
  g_assert_cmpuint (cr_canvas_state_get_n_columns (state), ==, 3);
  column = g_ptr_array_index (state->columns, 0);
  g_assert_cmpstr (column->option->id, ==, "product-led-organisation");
  assert_lane (state, 2, CR_NOTE_QUESTION, "Is freemium for us?", NULL);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/canvas-state/empty", test_empty);
  g_test_add_func ("/canvas-state/grouping", test_grouping);
  g_test_add_func ("/canvas-state/foreign-option-refused", test_foreign_option_refused);
  g_test_add_func ("/canvas-state/move-target", test_move_target);
  g_test_add_func ("/canvas-state/other-template", test_other_template);

  return g_test_run ();
}
