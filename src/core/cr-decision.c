/* cr-decision.c: what the room decided, as a plain value: copied, compared,
 * checked against the template and the room
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "crossroads-model"

#include "config.h"

#include "cr-decision.h"

CrDecision *
cr_decision_new (void)
{
  CrDecision *decision = g_new0 (CrDecision, 1);

  decision->rationale = g_strdup ("");
  decision->agreed = g_array_new (FALSE, FALSE, sizeof (gint64));
  return decision;
}

CrDecision *
cr_decision_copy (const CrDecision *decision)
{
  CrDecision *copy;

  g_return_val_if_fail (decision != NULL, NULL);

  copy = cr_decision_new ();
  copy->start_with = g_strdup (decision->start_with);
  copy->aim_for = g_strdup (decision->aim_for);
  g_free (copy->rationale);
  copy->rationale = g_strdup (decision->rationale ? decision->rationale : "");
  if (decision->agreed != NULL)
    g_array_append_vals (copy->agreed, decision->agreed->data, decision->agreed->len);
  return copy;
}

void
cr_decision_free (CrDecision *decision)
{
  if (decision == NULL)
    return;

  g_free (decision->start_with);
  g_free (decision->aim_for);
  g_free (decision->rationale);
  g_clear_pointer (&decision->agreed, g_array_unref);
  g_free (decision);
}

gboolean
cr_decision_is_empty (const CrDecision *decision)
{
  return decision == NULL ||
         (decision->start_with == NULL && decision->aim_for == NULL &&
          (decision->rationale == NULL || decision->rationale[0] == '\0') &&
          (decision->agreed == NULL || decision->agreed->len == 0));
}

gboolean
cr_decision_equal (const CrDecision *a,
                   const CrDecision *b)
{
  guint na, nb;

  if (cr_decision_is_empty (a) || cr_decision_is_empty (b))
    return cr_decision_is_empty (a) && cr_decision_is_empty (b);

  na = a->agreed ? a->agreed->len : 0;
  nb = b->agreed ? b->agreed->len : 0;
  if (g_strcmp0 (a->start_with, b->start_with) != 0 ||
      g_strcmp0 (a->aim_for, b->aim_for) != 0 ||
      g_strcmp0 (a->rationale ? a->rationale : "", b->rationale ? b->rationale : "") != 0 ||
      na != nb)
    return FALSE;
  for (guint i = 0; i < na; i++)
    if (g_array_index (a->agreed, gint64, i) != g_array_index (b->agreed, gint64, i))
      return FALSE;
  return TRUE;
}

gboolean
cr_decision_has_agreed (const CrDecision *decision,
                        gint64            participant_id)
{
  if (decision == NULL || decision->agreed == NULL)
    return FALSE;
  for (guint i = 0; i < decision->agreed->len; i++)
    if (g_array_index (decision->agreed, gint64, i) == participant_id)
      return TRUE;
  return FALSE;
}

void
cr_decision_set_agreed (CrDecision *decision,
                        gint64      participant_id,
                        gboolean    agreed)
{
  guint i;

  g_return_if_fail (decision != NULL && decision->agreed != NULL);

  for (i = 0; i < decision->agreed->len; i++)
    {
      gint64 id = g_array_index (decision->agreed, gint64, i);

      if (id == participant_id)
        {
          if (!agreed)
            g_array_remove_index (decision->agreed, i);
          return;
        }
      if (id > participant_id)
        break;
    }
  if (agreed)
    g_array_insert_val (decision->agreed, i, participant_id);
}
