/* cr-canvas-state.h: the room's notes grouped the way the canvas shows them
 *
 * The canvas shows one column per option of the template, in template
 * order, and under each option one lane per kind of note. This is that
 * grouping as a plain value, plus where a note goes when the facilitator
 * moves it one step left, right, up or down, so the widget only draws it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "cr-note.h"
#include "cr-template.h"
#include "cr-workshop.h"

G_BEGIN_DECLS

/* Strength, risk, question: the lanes under each option, top to bottom. */
#define CR_N_NOTE_KINDS 3

typedef enum
{
  CR_CANVAS_MOVE_LEFT,   /* to the previous option, same lane */
  CR_CANVAS_MOVE_RIGHT,  /* to the next option, same lane */
  CR_CANVAS_MOVE_UP,     /* to the previous lane, same option */
  CR_CANVAS_MOVE_DOWN,   /* to the next lane, same option */
} CrCanvasMove;

typedef struct
{
  const CrOption *option;                   /* owned by the template */
  GPtrArray      *lanes[CR_N_NOTE_KINDS];   /* CrNote*, in the workshop's order */
} CrCanvasColumn;

typedef struct
{
  CrTemplate *template;
  GPtrArray  *columns;                      /* CrCanvasColumn*, in template order */
  /* CrNote* -> 1 + option index * CR_N_NOTE_KINDS + kind; use cr_canvas_state_find() */
  GHashTable *lane_of;
} CrCanvasState;

CrCanvasState *cr_canvas_state_new      (CrWorkshop    *workshop);
void           cr_canvas_state_free     (CrCanvasState *state);

guint          cr_canvas_state_get_n_columns (const CrCanvasState *state);
/* The notes of one option's lane; never NULL for a valid index. */
GPtrArray     *cr_canvas_state_get_lane (const CrCanvasState *state,
                                         guint                option_index,
                                         CrNoteKind           kind);
/* Where a note sits: its option's index and its kind. FALSE when the note
 * is not on the canvas. */
gboolean       cr_canvas_state_find     (const CrCanvasState *state,
                                         CrNote              *note,
                                         guint               *option_index,
                                         CrNoteKind          *kind);

/* Where a note at (@option_id, @kind) lands when moved one step. FALSE at
 * the canvas's edge (or for an option the template does not have): the
 * move has nowhere to go. */
gboolean       cr_canvas_move_target    (CrTemplate    *template,
                                         const char    *option_id,
                                         CrNoteKind     kind,
                                         CrCanvasMove   move,
                                         const char   **target_option_id,
                                         CrNoteKind    *target_kind);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CrCanvasState, cr_canvas_state_free)

G_END_DECLS
