/* cr-canvas-state.c: the room's notes grouped per option and kind as the
 * canvas shows them, and where a moved note goes
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "crossroads-canvas"

#include "config.h"

#include "cr-canvas-state.h"

static void
column_free (CrCanvasColumn *column)
{
  for (guint k = 0; k < CR_N_NOTE_KINDS; k++)
    g_clear_pointer (&column->lanes[k], g_ptr_array_unref);
  g_free (column);
}

CrCanvasState *
cr_canvas_state_new (CrWorkshop *workshop)
{
  CrCanvasState *state;
  GListModel *notes;
  guint n_options, n_notes;

  g_return_val_if_fail (CR_IS_WORKSHOP (workshop), NULL);

  state = g_new0 (CrCanvasState, 1);
  state->template = g_object_ref (cr_workshop_get_template (workshop));
  state->columns = g_ptr_array_new_with_free_func ((GDestroyNotify) column_free);
  state->lane_of = g_hash_table_new (NULL, NULL);

  n_options = cr_template_get_n_options (state->template);
  for (guint i = 0; i < n_options; i++)
    {
      CrCanvasColumn *column = g_new0 (CrCanvasColumn, 1);

      column->option = cr_template_get_option (state->template, i);
      for (guint k = 0; k < CR_N_NOTE_KINDS; k++)
        column->lanes[k] = g_ptr_array_new_with_free_func (g_object_unref);
      g_ptr_array_add (state->columns, column);
    }

  notes = cr_workshop_get_notes (workshop);
  n_notes = g_list_model_get_n_items (notes);
  for (guint i = 0; i < n_notes; i++)
    {
      g_autoptr(CrNote) note = g_list_model_get_item (notes, i);
      int index = cr_template_option_index (state->template, cr_note_get_option (note));
      CrNoteKind kind = cr_note_get_kind (note);
      CrCanvasColumn *column;

      /* The core refuses such notes; a canvas cannot show them anyway. */
      if (index < 0 || kind >= CR_N_NOTE_KINDS)
        continue;
      column = g_ptr_array_index (state->columns, index);
      g_ptr_array_add (column->lanes[kind], g_object_ref (note));
      g_hash_table_insert (state->lane_of, note,
                           GUINT_TO_POINTER (1 + (guint) index * CR_N_NOTE_KINDS + kind));
    }

  return state;
}

void
cr_canvas_state_free (CrCanvasState *state)
{
  if (state == NULL)
    return;
  g_clear_pointer (&state->lane_of, g_hash_table_unref);
  g_clear_pointer (&state->columns, g_ptr_array_unref);
  g_clear_object (&state->template);
  g_free (state);
}

guint
cr_canvas_state_get_n_columns (const CrCanvasState *state)
{
  g_return_val_if_fail (state != NULL, 0);
  return state->columns->len;
}

GPtrArray *
cr_canvas_state_get_lane (const CrCanvasState *state,
                          guint                option_index,
                          CrNoteKind           kind)
{
  CrCanvasColumn *column;

  g_return_val_if_fail (state != NULL, NULL);
  g_return_val_if_fail (option_index < state->columns->len, NULL);
  g_return_val_if_fail (kind < CR_N_NOTE_KINDS, NULL);

  column = g_ptr_array_index (state->columns, option_index);
  return column->lanes[kind];
}

gboolean
cr_canvas_state_find (const CrCanvasState *state,
                      CrNote              *note,
                      guint               *option_index,
                      CrNoteKind          *kind)
{
  guint lane;

  g_return_val_if_fail (state != NULL, FALSE);
  g_return_val_if_fail (CR_IS_NOTE (note), FALSE);

  lane = GPOINTER_TO_UINT (g_hash_table_lookup (state->lane_of, note));
  if (lane == 0)
    return FALSE;
  if (option_index != NULL)
    *option_index = (lane - 1) / CR_N_NOTE_KINDS;
  if (kind != NULL)
    *kind = (CrNoteKind) ((lane - 1) % CR_N_NOTE_KINDS);
  return TRUE;
}

gboolean
cr_canvas_move_target (CrTemplate    *template,
                       const char    *option_id,
                       CrNoteKind     kind,
                       CrCanvasMove   move,
                       const char   **target_option_id,
                       CrNoteKind    *target_kind)
{
  int index, n_options;

  g_return_val_if_fail (CR_IS_TEMPLATE (template), FALSE);
  g_return_val_if_fail (target_option_id != NULL, FALSE);
  g_return_val_if_fail (target_kind != NULL, FALSE);

  index = option_id ? cr_template_option_index (template, option_id) : -1;
  n_options = (int) cr_template_get_n_options (template);
  if (index < 0 || kind >= CR_N_NOTE_KINDS)
    return FALSE;

  switch (move)
    {
    case CR_CANVAS_MOVE_LEFT:
      index--;
      break;
    case CR_CANVAS_MOVE_RIGHT:
      index++;
      break;
    case CR_CANVAS_MOVE_UP:
      if (kind == 0)
        return FALSE;
      kind--;
      break;
    case CR_CANVAS_MOVE_DOWN:
      if (kind + 1 >= CR_N_NOTE_KINDS)
        return FALSE;
      kind++;
      break;
    default:
      g_return_val_if_reached (FALSE);
    }

  if (index < 0 || index >= n_options)
    return FALSE;

  *target_option_id = cr_template_get_option (template, (guint) index)->id;
  *target_kind = kind;
  return TRUE;
}
