/* cr-note.h: one of the room's notes about an option
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

typedef enum
{
  CR_NOTE_STRENGTH,
  CR_NOTE_RISK,
  CR_NOTE_QUESTION,
} CrNoteKind;

#define CR_TYPE_NOTE (cr_note_get_type ())
G_DECLARE_FINAL_TYPE (CrNote, cr_note, CR, NOTE, GObject)

gint64      cr_note_get_id             (CrNote *self);
const char *cr_note_get_option         (CrNote *self);
CrNoteKind  cr_note_get_kind           (CrNote *self);
const char *cr_note_get_text           (CrNote *self);
/* 0 when no participant is attached. */
gint64      cr_note_get_participant_id (CrNote *self);

const char *cr_note_kind_to_string     (CrNoteKind  kind);
gboolean    cr_note_kind_from_string   (const char *str,
                                        CrNoteKind *kind);

G_END_DECLS
