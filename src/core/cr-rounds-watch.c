/* cr-rounds-watch.c: one "changed" signal, after a burst of changes, for
 * anything a round's results depend on
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "crossroads-model"

#include "config.h"

#include "cr-rounds-watch.h"

struct _CrRoundsWatch
{
  GObject     parent_instance;

  CrWorkshop *workshop;
  GPtrArray  *rounds;      /* the CrRounds whose notify handlers are ours */
  guint       idle_id;
};

G_DEFINE_FINAL_TYPE (CrRoundsWatch, cr_rounds_watch, G_TYPE_OBJECT)

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static gboolean
emit_changed (gpointer user_data)
{
  CrRoundsWatch *self = user_data;

  self->idle_id = 0;
  g_signal_emit (self, signals[CHANGED], 0);
  return G_SOURCE_REMOVE;
}

static void
queue_changed (CrRoundsWatch *self)
{
  if (self->idle_id == 0)
    self->idle_id = g_idle_add_full (G_PRIORITY_HIGH_IDLE, emit_changed, self, NULL);
}

static void
unwatch_rounds (CrRoundsWatch *self)
{
  for (guint i = 0; i < self->rounds->len; i++)
    g_signal_handlers_disconnect_by_data (g_ptr_array_index (self->rounds, i), self);
  g_ptr_array_set_size (self->rounds, 0);
}

static void
watch_rounds (CrRoundsWatch *self)
{
  GListModel *rounds = cr_workshop_get_rounds (self->workshop);

  unwatch_rounds (self);
  for (guint i = 0; i < g_list_model_get_n_items (rounds); i++)
    {
      g_autoptr(CrRound) round = g_list_model_get_item (rounds, i);

      g_signal_connect_object (round, "notify::revealed", G_CALLBACK (queue_changed), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (round, "notify::n-votes", G_CALLBACK (queue_changed), self, G_CONNECT_SWAPPED);
      g_ptr_array_add (self->rounds, g_steal_pointer (&round));
    }
}

static void
on_rounds_changed (CrRoundsWatch *self)
{
  watch_rounds (self);
  queue_changed (self);
}

static void
cr_rounds_watch_dispose (GObject *object)
{
  CrRoundsWatch *self = (CrRoundsWatch *)object;

  g_clear_handle_id (&self->idle_id, g_source_remove);
  if (self->rounds != NULL)
    unwatch_rounds (self);
  g_clear_pointer (&self->rounds, g_ptr_array_unref);
  g_clear_object (&self->workshop);

  G_OBJECT_CLASS (cr_rounds_watch_parent_class)->dispose (object);
}

static void
cr_rounds_watch_class_init (CrRoundsWatchClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = cr_rounds_watch_dispose;

  signals[CHANGED] =
    g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
cr_rounds_watch_init (CrRoundsWatch *self)
{
  self->rounds = g_ptr_array_new_with_free_func (g_object_unref);
}

CrRoundsWatch *
cr_rounds_watch_new (CrWorkshop *workshop,
                     gboolean    with_context)
{
  CrRoundsWatch *self;

  g_return_val_if_fail (CR_IS_WORKSHOP (workshop), NULL);

  self = g_object_new (CR_TYPE_ROUNDS_WATCH, NULL);
  self->workshop = g_object_ref (workshop);

  g_signal_connect_object (cr_workshop_get_rounds (workshop), "items-changed",
                           G_CALLBACK (on_rounds_changed), self, G_CONNECT_SWAPPED);
  if (with_context)
    g_signal_connect_object (workshop, "context-changed", G_CALLBACK (queue_changed), self, G_CONNECT_SWAPPED);
  watch_rounds (self);
  return self;
}
