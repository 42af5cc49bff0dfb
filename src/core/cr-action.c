/* cr-action.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "crossroads-model"

#include "config.h"

#include "cr-action.h"
#include "cr-workshop-private.h"

struct _CrAction
{
  GObject  parent_instance;

  gint64   id;
  char    *text;
  char    *owner;
  char    *due;
};

G_DEFINE_FINAL_TYPE (CrAction, cr_action, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_TEXT,
  PROP_OWNER,
  PROP_DUE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
cr_action_finalize (GObject *object)
{
  CrAction *self = (CrAction *)object;

  g_clear_pointer (&self->text, g_free);
  g_clear_pointer (&self->owner, g_free);
  g_clear_pointer (&self->due, g_free);

  G_OBJECT_CLASS (cr_action_parent_class)->finalize (object);
}

static void
cr_action_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  CrAction *self = CR_ACTION (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_int64 (value, self->id);
      break;
    case PROP_TEXT:
      g_value_set_string (value, self->text);
      break;
    case PROP_OWNER:
      g_value_set_string (value, self->owner);
      break;
    case PROP_DUE:
      g_value_set_string (value, self->due);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cr_action_class_init (CrActionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = cr_action_finalize;
  object_class->get_property = cr_action_get_property;

  properties[PROP_ID] =
    g_param_spec_int64 ("id", NULL, NULL, 0, G_MAXINT64, 0,
                        G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_TEXT] =
    g_param_spec_string ("text", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_OWNER] =
    g_param_spec_string ("owner", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_DUE] =
    g_param_spec_string ("due", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
cr_action_init (CrAction *self)
{
}

CrAction *
_cr_action_new (gint64      id,
                const char *text,
                const char *owner,
                const char *due)
{
  CrAction *self = g_object_new (CR_TYPE_ACTION, NULL);

  self->id = id;
  self->text = g_strdup (text);
  self->owner = g_strdup (owner ? owner : "");
  self->due = g_strdup (due);
  return self;
}

static void
replace (CrAction    *self,
         char       **field,
         const char  *value,
         guint        prop)
{
  if (g_strcmp0 (*field, value) == 0)
    return;
  g_free (*field);
  *field = g_strdup (value);
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop]);
}

void
_cr_action_set (CrAction   *self,
                const char *text,
                const char *owner,
                const char *due)
{
  g_return_if_fail (CR_IS_ACTION (self));

  replace (self, &self->text, text, PROP_TEXT);
  replace (self, &self->owner, owner ? owner : "", PROP_OWNER);
  replace (self, &self->due, due, PROP_DUE);
}

gint64
cr_action_get_id (CrAction *self)
{
  g_return_val_if_fail (CR_IS_ACTION (self), 0);
  return self->id;
}

const char *
cr_action_get_text (CrAction *self)
{
  g_return_val_if_fail (CR_IS_ACTION (self), NULL);
  return self->text;
}

const char *
cr_action_get_owner (CrAction *self)
{
  g_return_val_if_fail (CR_IS_ACTION (self), NULL);
  return self->owner;
}

const char *
cr_action_get_due (CrAction *self)
{
  g_return_val_if_fail (CR_IS_ACTION (self), NULL);
  return self->due;
}
