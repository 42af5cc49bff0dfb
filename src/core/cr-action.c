/* cr-action.c: an agreed next step: its owner, due date, status and outcome,
 * as GObject properties the views follow
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "crossroads-model"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "cr-action.h"
#include "cr-workshop-private.h"

struct _CrAction
{
  GObject  parent_instance;

  gint64   id;
  char    *text;
  char    *owner;
  char    *due;
  CrActionStatus status;
  char    *outcome;
};

G_DEFINE_FINAL_TYPE (CrAction, cr_action, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_TEXT,
  PROP_OWNER,
  PROP_DUE,
  PROP_STATUS,
  PROP_OUTCOME,
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
  g_clear_pointer (&self->outcome, g_free);

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
    case PROP_STATUS:
      g_value_set_int (value, self->status);
      break;
    case PROP_OUTCOME:
      g_value_set_string (value, self->outcome);
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
  properties[PROP_STATUS] =
    g_param_spec_int ("status", NULL, NULL, CR_ACTION_OPEN, CR_ACTION_DROPPED, CR_ACTION_OPEN,
                      G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_OUTCOME] =
    g_param_spec_string ("outcome", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
cr_action_init (CrAction *self)
{
}

static const char * const status_names[] = { "open", "done", "dropped" };

const char *
cr_action_status_to_string (CrActionStatus status)
{
  g_return_val_if_fail (status <= CR_ACTION_DROPPED, NULL);
  return status_names[status];
}

gboolean
cr_action_status_from_string (const char     *text,
                              CrActionStatus *status)
{
  for (guint i = 0; i < G_N_ELEMENTS (status_names); i++)
    if (g_strcmp0 (text, status_names[i]) == 0)
      {
        *status = (CrActionStatus) i;
        return TRUE;
      }
  return FALSE;
}

const char *
cr_action_status_get_label (CrActionStatus status)
{
  switch (status)
    {
    case CR_ACTION_OPEN:
      /* Translators: an action that is still to be done */
      return C_("action", "Open");
    case CR_ACTION_DONE:
      /* Translators: an action that was carried out */
      return C_("action", "Done");
    case CR_ACTION_DROPPED:
      /* Translators: an action the team decided not to do after all */
      return C_("action", "Dropped");
    default:
      g_return_val_if_reached (NULL);
    }
}

gboolean
cr_action_outcome_is_one_line (const char *outcome)
{
  g_return_val_if_fail (outcome != NULL, FALSE);

  for (const char *p = outcome; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c == '\n' || c == '\r' || c == 0x85 || c == 0x2028 || c == 0x2029)
        return FALSE;
    }
  return TRUE;
}

CrAction *
_cr_action_new (gint64          id,
                const char     *text,
                const char     *owner,
                const char     *due,
                CrActionStatus  status,
                const char     *outcome)
{
  CrAction *self = g_object_new (CR_TYPE_ACTION, NULL);

  self->id = id;
  self->text = g_strdup (text);
  self->owner = g_strdup (owner ? owner : "");
  self->due = g_strdup (due);
  self->status = status;
  self->outcome = g_strdup (outcome ? outcome : "");
  return self;
}

void
_cr_action_set_status (CrAction       *self,
                       CrActionStatus  status,
                       const char     *outcome)
{
  g_return_if_fail (CR_IS_ACTION (self));

  if (self->status != status)
    {
      self->status = status;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATUS]);
    }
  if (g_strcmp0 (self->outcome, outcome ? outcome : "") != 0)
    {
      g_free (self->outcome);
      self->outcome = g_strdup (outcome ? outcome : "");
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_OUTCOME]);
    }
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

CrActionStatus
cr_action_get_status (CrAction *self)
{
  g_return_val_if_fail (CR_IS_ACTION (self), CR_ACTION_OPEN);
  return self->status;
}

const char *
cr_action_get_outcome (CrAction *self)
{
  g_return_val_if_fail (CR_IS_ACTION (self), NULL);
  return self->outcome;
}

char *
cr_action_describe_outcome (CrAction *self)
{
  const char *status;

  g_return_val_if_fail (CR_IS_ACTION (self), NULL);

  status = cr_action_status_get_label (cr_action_get_status (self));
  if (cr_action_get_outcome (self)[0] == '\0')
    return g_strdup (status);
  /* Translators: an action's status and what came of it, e.g. "Done · Two pilots ran" */
  return g_strdup_printf (_("%s · %s"), status, cr_action_get_outcome (self));
}
