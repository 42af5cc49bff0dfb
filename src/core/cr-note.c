/* cr-note.c: one of the room's notes about an option: its text, kind, option
 * and place, as GObject properties
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "crossroads-model"

#include "config.h"

#include "cr-note.h"
#include "cr-workshop-private.h"

struct _CrNote
{
  GObject     parent_instance;

  gint64      id;
  const char *option;   /* interned */
  CrNoteKind  kind;
  char       *text;
  gint64      participant_id;
};

G_DEFINE_FINAL_TYPE (CrNote, cr_note, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_OPTION,
  PROP_KIND,
  PROP_TEXT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const char * const kind_names[] = { "strength", "risk", "question" };

static void
cr_note_finalize (GObject *object)
{
  CrNote *self = (CrNote *)object;

  g_clear_pointer (&self->text, g_free);

  G_OBJECT_CLASS (cr_note_parent_class)->finalize (object);
}

static void
cr_note_get_property (GObject    *object,
                      guint       prop_id,
                      GValue     *value,
                      GParamSpec *pspec)
{
  CrNote *self = CR_NOTE (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_int64 (value, self->id);
      break;
    case PROP_OPTION:
      g_value_set_string (value, self->option);
      break;
    case PROP_KIND:
      g_value_set_int (value, self->kind);
      break;
    case PROP_TEXT:
      g_value_set_string (value, self->text);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cr_note_class_init (CrNoteClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = cr_note_finalize;
  object_class->get_property = cr_note_get_property;

  properties[PROP_ID] =
    g_param_spec_int64 ("id", NULL, NULL, 0, G_MAXINT64, 0,
                        G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_OPTION] =
    g_param_spec_string ("option", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_KIND] =
    g_param_spec_int ("kind", NULL, NULL, CR_NOTE_STRENGTH, CR_NOTE_QUESTION, CR_NOTE_STRENGTH,
                      G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_TEXT] =
    g_param_spec_string ("text", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
cr_note_init (CrNote *self)
{
}

CrNote *
_cr_note_new (gint64      id,
              const char *option_id,
              CrNoteKind  kind,
              const char *text,
              gint64      participant_id)
{
  CrNote *self = g_object_new (CR_TYPE_NOTE, NULL);

  self->id = id;
  self->option = g_intern_string (option_id);
  self->kind = kind;
  self->text = g_strdup (text);
  self->participant_id = participant_id;
  return self;
}

void
_cr_note_set (CrNote     *self,
              const char *option_id,
              CrNoteKind  kind,
              const char *text)
{
  g_return_if_fail (CR_IS_NOTE (self));

  if (g_strcmp0 (self->option, option_id) != 0)
    {
      self->option = g_intern_string (option_id);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_OPTION]);
    }
  if (self->kind != kind)
    {
      self->kind = kind;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_KIND]);
    }
  if (g_strcmp0 (self->text, text) != 0)
    {
      g_free (self->text);
      self->text = g_strdup (text);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TEXT]);
    }
}

void
_cr_note_clear_participant (CrNote *self)
{
  g_return_if_fail (CR_IS_NOTE (self));
  self->participant_id = 0;
}

void
_cr_note_set_participant (CrNote *self,
                          gint64  participant_id)
{
  g_return_if_fail (CR_IS_NOTE (self));
  self->participant_id = participant_id;
}

gint64
cr_note_get_id (CrNote *self)
{
  g_return_val_if_fail (CR_IS_NOTE (self), 0);
  return self->id;
}

const char *
cr_note_get_option (CrNote *self)
{
  g_return_val_if_fail (CR_IS_NOTE (self), NULL);
  return self->option;
}

CrNoteKind
cr_note_get_kind (CrNote *self)
{
  g_return_val_if_fail (CR_IS_NOTE (self), CR_NOTE_STRENGTH);
  return self->kind;
}

const char *
cr_note_get_text (CrNote *self)
{
  g_return_val_if_fail (CR_IS_NOTE (self), NULL);
  return self->text;
}

gint64
cr_note_get_participant_id (CrNote *self)
{
  g_return_val_if_fail (CR_IS_NOTE (self), 0);
  return self->participant_id;
}

const char *
cr_note_kind_to_string (CrNoteKind kind)
{
  g_return_val_if_fail (kind <= CR_NOTE_QUESTION, NULL);
  return kind_names[kind];
}

gboolean
cr_note_kind_from_string (const char *str,
                          CrNoteKind *kind)
{
  for (guint i = 0; i < G_N_ELEMENTS (kind_names); i++)
    if (g_strcmp0 (str, kind_names[i]) == 0)
      {
        *kind = (CrNoteKind) i;
        return TRUE;
      }
  return FALSE;
}
