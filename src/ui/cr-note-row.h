/* cr-note-row.h: one of the room's notes on the canvas, edited, moved and deleted in place
 *
 * The row changes its note only through cr-workshop.h and shows what the
 * note says now (it follows the note's "text", "option" and "kind"), so undo
 * and changes made elsewhere show up by themselves.
 *
 * Its actions, for shortcuts, menus and tests (gtk_widget_activate_action):
 *   canvas.edit        F2 (or activate the row): edit the text in place
 *   canvas.cancel      Escape while editing: put the text back
 *   canvas.delete      Delete
 *   canvas.move-left   Alt+Left: to the previous option
 *   canvas.move-right  Alt+Right: to the next option
 *   canvas.move-up     Alt+Up: to the previous lane
 *   canvas.move-down   Alt+Down: to the next lane
 *   canvas.move-to     "(si)": to an option id and a CrNoteKind
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "cr-workshop.h"

G_BEGIN_DECLS

#define CR_TYPE_NOTE_ROW (cr_note_row_get_type ())
G_DECLARE_FINAL_TYPE (CrNoteRow, cr_note_row, CR, NOTE_ROW, GtkListBoxRow)

GtkWidget *cr_note_row_new           (CrWorkshop *workshop,
                                      CrNote     *note);
CrNote    *cr_note_row_get_note      (CrNoteRow  *self);

/* Editing in place: Enter saves through cr_workshop_update_note(), Escape
 * cancels, and leaving the entry saves too, so a click elsewhere keeps
 * what was typed. */
void       cr_note_row_start_editing (CrNoteRow  *self);
gboolean   cr_note_row_get_editing   (CrNoteRow  *self);

/* The lane titles, shared by the canvas and the row's "Move to" menu. */
const char *cr_note_kind_get_lane_title (CrNoteKind kind);

G_END_DECLS
