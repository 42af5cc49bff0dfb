/* cr-room-view-since.c: the room view of a re-run's step "Since Last Time": then and now, side by side
 *
 * Each part is one block that pages whole: the context answers that
 * changed, each question's change chart (then thin, now thick), today
 * against the target as two charts side by side, and the recommendation
 * then and now side by side, then last time's actions, a card each. Only
 * revealed rounds count (cr-compare).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "crossroads-room"

#include "config.h"

#include <glib/gi18n.h>

#include "cr-compare.h"
#include "cr-room-view-private.h"

static void
add_context (GtkBox             *body,
             const CrComparison *cmp)
{
  GtkBox *stack = _cr_room_view_add_box (body, GTK_ORIENTATION_VERTICAL, "room-stack");

  _cr_room_view_add_label (stack, _("Context"), "room-title");
  if (cmp->context->len == 0)
    {
      _cr_room_view_add_label (stack, _("The context did not change."), "room-body");
      return;
    }
  for (guint i = 0; i < cmp->context->len; i++)
    {
      const CrCompareContext *c = g_ptr_array_index (cmp->context, i);
      GtkBox *row = _cr_room_view_add_box (stack, GTK_ORIENTATION_HORIZONTAL, "room-row");
      g_autofree char *move = g_strdup_printf (_("%s → %s"), cr_comparison_context_text (c, FALSE, "—"),
                                               cr_comparison_context_text (c, TRUE, "—"));

      _cr_room_view_add_label (row, c->label, "room-heading");
      _cr_room_view_add_label (row, move, "room-body");
    }
}

static void
add_question (CrRoomView              *self,
              GtkBox                  *body,
              const CrComparison      *cmp,
              const CrCompareQuestion *q)
{
  GtkBox *stack = _cr_room_view_add_box (body, GTK_ORIENTATION_VERTICAL, "room-stack");
  g_autofree char *missing = cr_comparison_describe_missing (cmp, q);

  _cr_room_view_add_label (stack, q->question->prompt, "room-title");
  if (missing != NULL)
    {
      _cr_room_view_add_label (stack, missing, "room-body");
      return;
    }
  _cr_room_view_add_chart (self, stack,
                           cr_chart_spec_new_change (cr_comparison_new_tally (cmp, q, FALSE),
                                                     cr_comparison_new_tally (cmp, q, TRUE)),
                           q->question->prompt);
}

/* Then and now beside each other, each headed by its workshop's date; on
 * a screen too narrow for two charts' figures, one under the other. Each
 * column pages as a whole, so each carries the section's name. */
static void
add_gaps (CrRoomView         *self,
          GtkBox             *body,
          const CrComparison *cmp)
{
  gboolean wide = _cr_room_view_is_wide (self);
  g_autofree char *missing = cr_comparison_describe_gap_missing (cmp);
  GtkBox *row;

  if (cmp->gap_before == NULL || cmp->gap_after == NULL || cmp->gap_after->current_question == NULL)
    return;
  /* One side voted on neither: said once, as the questions above say it. */
  if (missing != NULL)
    {
      GtkBox *stack = _cr_room_view_add_box (body, GTK_ORIENTATION_VERTICAL, "room-stack");

      _cr_room_view_add_label (stack, _("Today and the target"), "room-title");
      _cr_room_view_add_label (stack, missing, "room-body");
      return;
    }
  if (cmp->gap_before->current_round == 0 || cmp->gap_after->current_round == 0)
    return;
  row = wide ? _cr_room_view_add_box (body, GTK_ORIENTATION_HORIZONTAL, "room-row") : body;
  for (guint side = 0; side < 2; side++)
    {
      GtkBox *column = _cr_room_view_add_box (row, GTK_ORIENTATION_VERTICAL, "room-stack");
      /* Translators: above a chart of where the room stood, e.g. "Today and the target, 2025-03-12" */
      g_autofree char *label = g_strdup_printf (_("Today and the target, %s"), cr_comparison_side_label (cmp, side == 1));
      CrGap *gap = cr_gap_compute_workshop (side == 0 ? cmp->before : cmp->after);

      _cr_room_view_add_label (column, label, "room-title");
      _cr_room_view_add_chart (self, column, cr_chart_spec_new_gap (gap), label);
    }
}

static void
add_recommendations (GtkBox             *body,
                     const CrComparison *cmp)
{
  GtkBox *stack = _cr_room_view_add_box (body, GTK_ORIENTATION_VERTICAL, "room-stack");
  GtkBox *row;

  row = _cr_room_view_add_box (stack, GTK_ORIENTATION_HORIZONTAL, "room-row");
  for (guint side = 0; side < 2; side++)
    {
      CrWorkshop *workshop = side == 0 ? cmp->before : cmp->after;
      const CrRecommendation *rec = side == 0 ? cmp->rec_before : cmp->rec_after;
      GtkBox *card = _cr_room_view_add_card (row);
      /* Each side in its own template's terms. */
      gboolean ordered = cr_template_is_ordered (cr_workshop_get_template (workshop));

      g_autofree char *heading = g_strdup_printf (_("Recommendation, %s"), cr_comparison_side_label (cmp, side == 1));

      _cr_room_view_add_label (card, heading, "room-status");
      if (ordered)
        {
          g_autofree char *start = g_strdup_printf (_("Start with %s"), cr_comparison_option_title (workshop, rec->start_with));
          g_autofree char *aim = g_strdup_printf (_("Aim for %s"), cr_comparison_option_title (workshop, rec->aim_for));

          _cr_room_view_add_label (card, start, "room-heading");
          _cr_room_view_add_label (card, aim, "room-heading");
        }
      else
        _cr_room_view_add_label (card, cr_comparison_option_title (workshop, rec->points_to), "room-heading");
    }
  for (guint i = 0; i < cmp->reasons_new->len; i++)
    {
      /* Translators: a reason of the recommendation that applies now and did not before */
      g_autofree char *text = g_strdup_printf (_("New: %s"), ((const CrRule *) g_ptr_array_index (cmp->reasons_new, i))->reason);

      _cr_room_view_add_label (stack, text, "room-body");
    }
  for (guint i = 0; i < cmp->reasons_gone->len; i++)
    {
      /* Translators: a reason of the recommendation that applied before and no longer does */
      g_autofree char *text = g_strdup_printf (_("Gone: %s"), ((const CrRule *) g_ptr_array_index (cmp->reasons_gone, i))->reason);

      _cr_room_view_add_label (stack, text, "room-secondary");
    }
}

void
_cr_room_view_build_since (CrRoomView *self)
{
  CrWorkshop *workshop = _cr_room_view_get_workshop (self);
  GtkBox *body = _cr_room_view_get_body (self);
  g_autoptr(CrWorkshop) previous = cr_comparison_find_previous (workshop);
  g_autoptr(CrComparison) cmp = NULL;
  g_autofree char *compared = NULL;

  if (previous == NULL)
    {
      _cr_room_view_add_label (body, _("The earlier workshop is not in this library."), "room-body");
      return;
    }
  cmp = cr_comparison_new (previous, workshop);
  compared = g_strdup_printf (_("%s (%s) → %s (%s)"), cr_workshop_get_title (previous), cr_workshop_get_date (previous),
                              cr_workshop_get_title (workshop), cr_workshop_get_date (workshop));
  _cr_room_view_add_label (body, compared, "room-secondary");
  for (guint i = 0; i < cmp->notes->len; i++)
    _cr_room_view_add_label (body, g_ptr_array_index (cmp->notes, i), "room-status");

  add_context (body, cmp);
  for (guint i = 0; i < cmp->questions->len; i++)
    add_question (self, body, cmp, g_ptr_array_index (cmp->questions, i));
  add_gaps (self, body, cmp);
  add_recommendations (body, cmp);
  /* What became of last time's actions, as the re-run's review has them:
   * each card pages whole, like every block before it. */
  _cr_room_view_add_label (body, cmp->actions_reviewed ? _("Last Time’s Actions") : _("Actions of the earlier workshop"),
                           "room-title");
  _cr_room_view_add_reviewed_actions (body, cmp->actions);
}
