/* cr-participant.c: a person in the room, named or an anonymous seat, with
 * their role and their key in a bundle
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "crossroads-model"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "cr-participant.h"
#include "cr-workshop-private.h"

struct _CrParticipant
{
  GObject  parent_instance;

  gint64   id;
  char    *key;
  char    *name;
  char    *role;
  guint    seat;
};

G_DEFINE_FINAL_TYPE (CrParticipant, cr_participant, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_KEY,
  PROP_NAME,
  PROP_ROLE,
  PROP_DISPLAY_NAME,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
cr_participant_finalize (GObject *object)
{
  CrParticipant *self = (CrParticipant *)object;

  g_clear_pointer (&self->key, g_free);
  g_clear_pointer (&self->name, g_free);
  g_clear_pointer (&self->role, g_free);

  G_OBJECT_CLASS (cr_participant_parent_class)->finalize (object);
}

static void
cr_participant_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  CrParticipant *self = CR_PARTICIPANT (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_int64 (value, self->id);
      break;
    case PROP_KEY:
      g_value_set_string (value, self->key);
      break;
    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;
    case PROP_ROLE:
      g_value_set_string (value, self->role);
      break;
    case PROP_DISPLAY_NAME:
      g_value_take_string (value, cr_participant_dup_display_name (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cr_participant_class_init (CrParticipantClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = cr_participant_finalize;
  object_class->get_property = cr_participant_get_property;

  properties[PROP_ID] =
    g_param_spec_int64 ("id", NULL, NULL, 0, G_MAXINT64, 0,
                        G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_KEY] =
    g_param_spec_string ("key", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_NAME] =
    g_param_spec_string ("name", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_ROLE] =
    g_param_spec_string ("role", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_DISPLAY_NAME] =
    g_param_spec_string ("display-name", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
cr_participant_init (CrParticipant *self)
{
}

CrParticipant *
_cr_participant_new (gint64      id,
                     const char *key,
                     const char *name,
                     const char *role,
                     guint       seat)
{
  CrParticipant *self = g_object_new (CR_TYPE_PARTICIPANT, NULL);

  self->id = id;
  self->key = g_strdup (key);
  self->name = g_strdup (name);
  self->role = g_strdup (role ? role : "");
  self->seat = seat;
  return self;
}

guint
_cr_participant_get_seat (CrParticipant *self)
{
  g_return_val_if_fail (CR_IS_PARTICIPANT (self), 0);
  return self->seat;
}

void
_cr_participant_set (CrParticipant *self,
                     const char    *name,
                     const char    *role)
{
  g_return_if_fail (CR_IS_PARTICIPANT (self));

  if (g_strcmp0 (self->name, name) != 0)
    {
      g_free (self->name);
      self->name = g_strdup (name);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NAME]);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DISPLAY_NAME]);
    }
  if (g_strcmp0 (self->role, role ? role : "") != 0)
    {
      g_free (self->role);
      self->role = g_strdup (role ? role : "");
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ROLE]);
    }
}

gint64
cr_participant_get_id (CrParticipant *self)
{
  g_return_val_if_fail (CR_IS_PARTICIPANT (self), 0);
  return self->id;
}

const char *
cr_participant_get_key (CrParticipant *self)
{
  g_return_val_if_fail (CR_IS_PARTICIPANT (self), NULL);
  return self->key;
}

const char *
cr_participant_get_name (CrParticipant *self)
{
  g_return_val_if_fail (CR_IS_PARTICIPANT (self), NULL);
  return self->name;
}

const char *
cr_participant_get_role (CrParticipant *self)
{
  g_return_val_if_fail (CR_IS_PARTICIPANT (self), NULL);
  return self->role;
}

char *
cr_participant_dup_display_name (CrParticipant *self)
{
  g_return_val_if_fail (CR_IS_PARTICIPANT (self), NULL);

  if (self->name != NULL && self->name[0] != '\0')
    return g_strdup (self->name);
  /* Translators: an anonymous participant, numbered in the order of seating */
  return g_strdup_printf (_("Seat %u"), self->seat);
}
