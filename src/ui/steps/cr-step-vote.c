/* cr-step-vote.c: a voting step for one question: rounds, votes, reveal
 *
 * While a round is hidden the step shows who has voted and nothing else: no
 * totals, no choices. A ballot is seen only in the dialog that edits it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "crossroads-vote"

#include "config.h"

#include <math.h>
#include <glib/gi18n.h>

#include "cr-ballot.h"
#include "cr-ballot-dialog.h"
#include "cr-chart.h"
#include "cr-phones-panel.h"
#include "cr-step-vote.h"
#include "cr-tally.h"
#include "cr-widget-util.h"

struct _CrStepVote
{
  CrStep               parent_instance;

  char                *question_id;
  const CrQuestion    *question;
  /* The round on screen; NULL before the first one. */
  CrRound             *selected;
  /* Rounds of this question whose notify signals we follow. */
  GPtrArray           *watched;
  gboolean             syncing_rounds;
  CrPhoneServer       *phone_server;
  GtkWidget           *phones_panel;

  /* Template widgets */
  GtkLabel            *prompt_label;
  GtkLabel            *help_label;
  GtkBox              *rounds_box;
  GtkStack            *stack;
  GtkButton           *open_button;
  AdwPreferencesGroup *participants_group;
  GtkListBox          *participants_list;
  AdwPreferencesGroup *hands_group;
  AdwActionRow        *hands_row;
  GtkLabel            *hands_status;
  GtkLabel            *voted_label;
  GtkButton           *reveal_button;
  GtkLabel            *revealed_title;
  GtkLabel            *revealed_subtitle;
  GtkButton           *another_button;
  AdwPreferencesGroup *tally_group;
  GtkListBox          *tally_list;
};

G_DEFINE_FINAL_TYPE (CrStepVote, cr_step_vote, CR_TYPE_STEP)

enum {
  PROP_0,
  PROP_PHONE_SERVER,
  PROP_QUESTION,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

#define PARTICIPANT_KEY "cr-participant"
#define STATUS_KEY      "cr-status"
#define ROUND_KEY       "cr-round"

static void refresh       (CrStepVote *self);
static void sync_rounds   (CrStepVote *self);

static gboolean
is_mine (CrStepVote *self,
         CrRound    *round)
{
  return g_strcmp0 (cr_round_get_question (round), self->question_id) == 0;
}

static gboolean
round_is_present (CrStepVote *self,
                  CrRound    *round)
{
  GListModel *rounds = cr_workshop_get_rounds (cr_step_get_workshop (CR_STEP (self)));

  for (guint i = 0; i < g_list_model_get_n_items (rounds); i++)
    {
      g_autoptr(CrRound) item = g_list_model_get_item (rounds, i);

      if (item == round)
        return TRUE;
    }
  return FALSE;
}

/* ---- Participants -------------------------------------------------------- */

static GtkWidget *
create_participant_row (gpointer item,
                        gpointer user_data)
{
  CrParticipant *participant = CR_PARTICIPANT (item);
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *status = gtk_label_new (NULL);
  /* Decoration only: the row's own label says what activating it does. */
  GtkWidget *chevron = g_object_new (GTK_TYPE_IMAGE,
                                     "icon-name", "go-next-symbolic",
                                     "accessible-role", GTK_ACCESSIBLE_ROLE_PRESENTATION,
                                     NULL);

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  g_object_bind_property (participant, "display-name", row, "title", G_BINDING_SYNC_CREATE);
  g_object_bind_property (participant, "role", row, "subtitle", G_BINDING_SYNC_CREATE);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  gtk_widget_set_valign (status, GTK_ALIGN_CENTER);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), status);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), chevron);

  g_object_set_data_full (G_OBJECT (row), PARTICIPANT_KEY, g_object_ref (participant), g_object_unref);
  g_object_set_data (G_OBJECT (row), STATUS_KEY, status);
  return row;
}

/* "Voted" only for a whole ballot; a partial one says what is missing. */
static char *
seat_status (CrStepVote         *self,
             const CrBallotSeat *seat)
{
  if (!seat->voted)
    return g_strdup (_("Not voted yet"));
  if (seat->complete)
    return g_strdup (_("Voted"));
  if (self->question->method == CR_METHOD_DOTS)
    {
      guint left = seat->expected - seat->given;

      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                           /* Translators: a ballot with dots still to place */
                                           "Partly voted (%u dot left)",
                                           "Partly voted (%u dots left)",
                                           left),
                              left);
    }
  /* Translators: a score ballot with scores missing, e.g. "Partly voted (7 of 15)" */
  return g_strdup_printf (_("Partly voted (%u of %u)"), seat->given, seat->expected);
}

static void
update_participant_rows (CrStepVote          *self,
                         const CrBallotState *state)
{
  for (guint i = 0; i < state->n_seats; i++)
    {
      GtkListBoxRow *row = gtk_list_box_get_row_at_index (self->participants_list, i);
      const CrBallotSeat *seat = &state->seats[i];
      GtkLabel *status;
      g_autofree char *name = NULL;
      g_autofree char *text = NULL;

      /* The list box rebuilds its rows from the same model; until it has,
       * there is nothing to label. */
      if (row == NULL || g_object_get_data (G_OBJECT (row), STATUS_KEY) == NULL)
        continue;
      status = g_object_get_data (G_OBJECT (row), STATUS_KEY);
      text = seat_status (self, seat);
      gtk_label_set_label (status, text);
      /* Green for a whole ballot, amber for one that is not. */
      if (seat->complete)
        gtk_widget_add_css_class (GTK_WIDGET (status), "success");
      else
        gtk_widget_remove_css_class (GTK_WIDGET (status), "success");
      if (seat->voted && !seat->complete)
        gtk_widget_add_css_class (GTK_WIDGET (status), "warning");
      else
        gtk_widget_remove_css_class (GTK_WIDGET (status), "warning");
      if (!seat->voted)
        gtk_widget_add_css_class (GTK_WIDGET (status), "dim-label");
      else
        gtk_widget_remove_css_class (GTK_WIDGET (status), "dim-label");
      name = seat->voted
        /* Translators: a row that opens a participant's ballot; the first %s is their name, the second their status, e.g. "Voted" */
        ? g_strdup_printf (_("Change the vote of %s, %s"), seat->display_name, text)
        /* Translators: a row that opens a participant's ballot; %s is their name */
        : g_strdup_printf (_("Record the vote of %s, not voted yet"), seat->display_name);
      cr_widget_set_accessible_label (GTK_WIDGET (row), name);
    }
}

/* The rule the room is counted by, where the facilitator counts hands:
 * one count per person. */
static void
update_hands_rule (CrStepVote          *self,
                   const CrBallotState *state)
{
  g_autofree char *rule = NULL;

  if (state->n_without_ballot == 0)
    rule = g_strdup (state->n_seats == 0
                     ? _("For a room without devices. Hands count only the people without a ballot: add the participants first, anonymous seats will do.")
                     : _("Everyone has a ballot, so there are no hands to count. Hands count only the people without a ballot."));
  else
    rule = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                         /* Translators: %u is a number of people */
                                         "For a room without devices. Hands count only the people without a ballot: %u person now.",
                                         "For a room without devices. Hands count only the people without a ballot: %u people now.",
                                         state->n_without_ballot),
                            state->n_without_ballot);
  adw_preferences_group_set_description (self->hands_group, rule);
  /* Nothing to count, and nothing counted to lower. */
  gtk_widget_set_sensitive (GTK_WIDGET (self->hands_row), state->n_without_ballot > 0 || state->has_hands);
}

static void open_ballot (CrStepVote *self,
                         gint64      participant_id);

/* "Save and Next" in a ballot: the next one, at once. */
static void
on_open_next (CrStepVote *self,
              gint64      participant_id)
{
  open_ballot (self, participant_id);
}

static void
open_ballot (CrStepVote *self,
             gint64      participant_id)
{
  GtkWidget *dialog;
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  if (self->selected == NULL || cr_round_get_revealed (self->selected))
    return;

  dialog = cr_ballot_dialog_new (cr_step_get_workshop (CR_STEP (self)), self->selected, participant_id);
  if (GTK_IS_WINDOW (root))
    gtk_window_set_transient_for (GTK_WINDOW (dialog), GTK_WINDOW (root));
  /* A ballot never outlives its step on screen: when the room view takes
   * this window (F5 on one screen, or a mirrored projector) it would show
   * over it. Its draft goes unsaved. */
  g_signal_connect_object (self, "unmap", G_CALLBACK (gtk_window_close), dialog, G_CONNECT_SWAPPED);
  g_signal_connect_object (dialog, "open-next", G_CALLBACK (on_open_next), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
on_participant_activated (CrStepVote    *self,
                          GtkListBoxRow *row)
{
  CrParticipant *participant = g_object_get_data (G_OBJECT (row), PARTICIPANT_KEY);

  if (participant != NULL)
    open_ballot (self, cr_participant_get_id (participant));
}

static void
on_hands_activated (CrStepVote *self)
{
  open_ballot (self, 0);
}

/* Phones cannot reach the laptop: its own ballots take over, beginning with
 * the first participant's. */
static void
on_use_laptop (CrStepVote *self)
{
  GtkListBoxRow *first = gtk_list_box_get_row_at_index (self->participants_list, 0);

  if (self->phone_server != NULL && cr_phone_server_get_running (self->phone_server))
    gtk_widget_activate_action (GTK_WIDGET (self), "win.phones", NULL);
  if (first != NULL && gtk_widget_get_mapped (GTK_WIDGET (first)))
    gtk_widget_grab_focus (GTK_WIDGET (first));
  else if (gtk_widget_get_visible (GTK_WIDGET (self->open_button)))
    gtk_widget_grab_focus (GTK_WIDGET (self->open_button));
}

/* A phone's ballot is in the window's workshop when "ballot-saved" comes:
 * its "voted" mark and the count follow at once. */
static void
on_phone_ballot_saved (CrStepVote *self)
{
  refresh (self);
}

static void
set_phone_server (CrStepVote    *self,
                  CrPhoneServer *server)
{
  if (self->phone_server == server)
    return;
  if (self->phone_server != NULL)
    g_signal_handlers_disconnect_by_data (self->phone_server, self);
  g_set_object (&self->phone_server, server);
  if (server != NULL)
    g_signal_connect_object (server, "ballot-saved", G_CALLBACK (on_phone_ballot_saved), self, G_CONNECT_SWAPPED);
  if (self->phones_panel != NULL)
    cr_phones_panel_set_server (CR_PHONES_PANEL (self->phones_panel), server);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PHONE_SERVER]);
}

/* ---- Rounds -------------------------------------------------------------- */

static void
on_round_toggled (GtkToggleButton *toggle,
                  CrStepVote      *self)
{
  CrRound *round = g_object_get_data (G_OBJECT (toggle), ROUND_KEY);

  if (self->syncing_rounds || !gtk_toggle_button_get_active (toggle) || round == self->selected)
    return;
  g_set_object (&self->selected, round);
  refresh (self);
}

static void
on_round_revealed (CrStepVote *self)
{
  sync_rounds (self);
  refresh (self);
  if (self->selected != NULL && cr_round_get_revealed (self->selected) &&
      gtk_widget_get_visible (GTK_WIDGET (self->another_button)))
    gtk_widget_grab_focus (GTK_WIDGET (self->another_button));
}

static void
unwatch_rounds (CrStepVote *self)
{
  for (guint i = 0; i < self->watched->len; i++)
    g_signal_handlers_disconnect_by_data (g_ptr_array_index (self->watched, i), self);
  g_ptr_array_set_size (self->watched, 0);
}

/* The round buttons, one per round of this question in number order, and the
 * signals of those rounds. */
static void
sync_rounds (CrStepVote *self)
{
  GListModel *rounds = cr_workshop_get_rounds (cr_step_get_workshop (CR_STEP (self)));
  GtkWidget *child;
  GtkToggleButton *first = NULL;

  unwatch_rounds (self);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->rounds_box))) != NULL)
    gtk_box_remove (self->rounds_box, child);

  for (guint i = 0; i < g_list_model_get_n_items (rounds); i++)
    {
      g_autoptr(CrRound) round = g_list_model_get_item (rounds, i);

      if (is_mine (self, round))
        g_ptr_array_add (self->watched, g_object_ref (round));
    }

  /* Rounds are numbered from 1 with no gaps, but keep the number order
   * whatever order the model holds them in. */
  for (guint number = 1, placed = 0; placed < self->watched->len; number++)
    for (guint i = 0; i < self->watched->len; i++)
      {
        CrRound *round = g_ptr_array_index (self->watched, i);
        g_autofree char *label = NULL;
        GtkWidget *toggle;

        if (cr_round_get_number (round) != number)
          continue;
        placed++;

        label = cr_round_get_revealed (round)
          /* Translators: a round button; %u is the round number */
          ? g_strdup_printf (_("Round %u · Revealed"), number)
          /* Translators: a round button; %u is the round number; votes are hidden */
          : g_strdup_printf (_("Round %u · Open"), number);
        toggle = gtk_toggle_button_new_with_label (label);
        if (first != NULL)
          gtk_toggle_button_set_group (GTK_TOGGLE_BUTTON (toggle), first);
        else
          first = GTK_TOGGLE_BUTTON (toggle);
        g_object_set_data_full (G_OBJECT (toggle), ROUND_KEY, g_object_ref (round), g_object_unref);
        g_signal_connect_object (toggle, "toggled", G_CALLBACK (on_round_toggled), self, 0);
        gtk_box_append (self->rounds_box, toggle);

        g_signal_connect_object (round, "notify::revealed", G_CALLBACK (on_round_revealed), self,
                                 G_CONNECT_SWAPPED);
        g_signal_connect_object (round, "notify::n-votes", G_CALLBACK (refresh), self,
                                 G_CONNECT_SWAPPED);
      }

  gtk_widget_set_visible (GTK_WIDGET (self->rounds_box), self->watched->len > 0);
}

static void
on_rounds_changed (CrStepVote *self,
                   guint       position,
                   guint       removed,
                   guint       added,
                   GListModel *rounds)
{
  gboolean opened = FALSE;

  for (guint i = position; i < position + added; i++)
    {
      g_autoptr(CrRound) round = g_list_model_get_item (rounds, i);

      opened |= is_mine (self, round);
    }

  /* A new round (or Undo taking the shown one away) brings the newest round
   * on screen. */
  if (opened || (self->selected != NULL && !round_is_present (self, self->selected)))
    g_set_object (&self->selected,
                  cr_workshop_find_latest_round (cr_step_get_workshop (CR_STEP (self)), self->question_id, FALSE));
  sync_rounds (self);
  refresh (self);
}

static void
on_open_clicked (CrStepVote *self)
{
  g_autoptr(GError) error = NULL;
  GtkListBoxRow *first;

  if (cr_workshop_open_round (cr_step_get_workshop (CR_STEP (self)), self->question_id, &error) == NULL)
    {
      cr_widget_show_error (GTK_WIDGET (self), error);
      return;
    }

  /* The keyboard goes on to the first ballot to fill in. */
  first = gtk_list_box_get_row_at_index (self->participants_list, 0);
  if (first != NULL)
    gtk_widget_grab_focus (GTK_WIDGET (first));
  else if (gtk_widget_get_visible (GTK_WIDGET (self->hands_group)))
    gtk_widget_grab_focus (GTK_WIDGET (self->hands_row));
}

static void
on_reveal_clicked (CrStepVote *self)
{
  g_autoptr(GError) error = NULL;

  if (self->selected == NULL)
    return;
  if (!cr_workshop_reveal_round (cr_step_get_workshop (CR_STEP (self)), self->selected, &error))
    cr_widget_show_error (GTK_WIDGET (self), error);
}

/* ---- What a revealed round adds up to ------------------------------------ */

static char *
format_tally (const CrQuestion    *question,
              const CrOptionTally *option)
{
  g_autofree char *count = NULL;
  g_autofree char *share = NULL;
  long n = lround (option->count);

  switch (question->method)
    {
    case CR_METHOD_SINGLE:
      count = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%ld vote", "%ld votes", n), n);
      /* The share as the charts print it: one vote of 500 is "<1 %". */
      share = cr_chart_format_share (option->share);
      /* Translators: a bar's number, e.g. "3 votes · 43 %" */
      return g_strdup_printf (_("%s · %s"), count, share);

    case CR_METHOD_DOTS:
      count = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%ld dot", "%ld dots", n), n);
      share = cr_chart_format_share (option->share);
      return g_strdup_printf (_("%s · %s"), count, share);

    case CR_METHOD_SCORE:
      if (isnan (option->overall))
        return g_strdup (_("Not scored"));
      /* Translators: the weighted mean score and the spread of opinion */
      return g_strdup_printf (_("Mean %.1f · spread %.1f"), option->overall, option->overall_spread);

    default:
      g_assert_not_reached ();
    }
}

static void
show_tally (CrStepVote *self)
{
  g_autoptr(CrTally) tally = cr_tally_compute (cr_workshop_get_template (cr_step_get_workshop (CR_STEP (self))), self->selected);
  g_autofree char *title = NULL;
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->tally_list))) != NULL)
    gtk_list_box_remove (self->tally_list, child);

  /* Translators: %u is a round number */
  title = g_strdup_printf (_("Tally of Round %u"), cr_round_get_number (self->selected));
  adw_preferences_group_set_title (self->tally_group, title);
  adw_preferences_group_set_description (self->tally_group,
                                         self->question->method == CR_METHOD_SCORE
                                         ? _("Weighted mean score of each option. The Results step has the details.")
                                         : NULL);

  for (guint i = 0; i < tally->n_options; i++)
    {
      const CrOptionTally *option = &tally->options[i];
      g_autofree char *text = format_tally (self->question, option);
      GtkWidget *row = cr_widget_plain_row_new (option->option->title, NULL);
      GtkWidget *value = gtk_label_new (text);

      gtk_widget_add_css_class (value, "numeric");
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), value);
      gtk_list_box_append (self->tally_list, row);
    }
}

/* ---- The whole step ------------------------------------------------------ */

/* "N of M voted" counts whole ballots only; partial ones are said apart.
 * Takes @voted. */
static char *
add_partial (char                *voted,
             const CrBallotState *state)
{
  char *both;

  if (state->n_partial == 0)
    return voted;
  both = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                       /* Translators: %s is e.g. "2 of 5 participants have voted"; %u a number of ballots */
                                       "%s; %u ballot is incomplete",
                                       "%s; %u ballots are incomplete",
                                       state->n_partial),
                          voted, state->n_partial);
  g_free (voted);
  return both;
}

static void
refresh (CrStepVote *self)
{
  g_autoptr(CrBallotState) state = NULL;
  g_autofree char *voted = NULL;

  /* Disposed: a signal may still come on the way out. */
  if (self->watched == NULL)
    return;

  state = cr_ballot_state_compute (cr_workshop_get_template (cr_step_get_workshop (CR_STEP (self))), self->question,
                                   self->selected,
                                   cr_workshop_get_participants (cr_step_get_workshop (CR_STEP (self))));

  self->syncing_rounds = TRUE;
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->rounds_box));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (child),
                                  g_object_get_data (G_OBJECT (child), ROUND_KEY) == (gpointer) self->selected);
  self->syncing_rounds = FALSE;

  if (!state->has_round)
    {
      gtk_stack_set_visible_child_name (self->stack, "empty");
      return;
    }

  if (state->editable)
    {
      update_participant_rows (self, state);
      gtk_widget_set_visible (GTK_WIDGET (self->hands_group), state->allows_hands);
      update_hands_rule (self, state);
      gtk_label_set_label (self->hands_status, state->has_hands ? _("Counted") : _("Not counted"));
      cr_widget_set_accessible_label (GTK_WIDGET (self->hands_row),
                                      state->has_hands ? _("Count hands, counted") : _("Count hands, not counted yet"));

      voted = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                            "%u of %u participant has voted",
                                            "%u of %u participants have voted",
                                            state->n_seats),
                               state->n_voted, state->n_seats);
      voted = add_partial (voted, state);
      if (state->has_hands)
        {
          g_autofree char *plain = g_steal_pointer (&voted);

          /* Translators: %s is e.g. "2 of 5 participants have voted" */
          voted = g_strdup_printf (_("%s, and hands were counted"), plain);
        }
      gtk_label_set_label (self->voted_label, voted);
      gtk_widget_set_sensitive (GTK_WIDGET (self->reveal_button), state->can_reveal);
      gtk_stack_set_visible_child_name (self->stack, "open");
      return;
    }

  {
    g_autofree char *subtitle = NULL;
    CrRound *latest = cr_workshop_find_latest_round (cr_step_get_workshop (CR_STEP (self)), self->question_id, FALSE);

    gtk_label_set_label (self->revealed_title, _("Revealed — see Results"));
    subtitle = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                             "Round %u: %u participant voted",
                                             "Round %u: %u participants voted",
                                             state->n_voted),
                                state->round_number, state->n_voted);
    subtitle = add_partial (subtitle, state);
    if (state->has_hands)
      {
        g_autofree char *plain = g_steal_pointer (&subtitle);

        /* Translators: %s is e.g. "Round 1: 4 participants voted" */
        subtitle = g_strdup_printf (_("%s, with a show of hands"), plain);
      }
    gtk_label_set_label (self->revealed_subtitle, subtitle);
    /* A re-vote follows the newest round only. */
    gtk_widget_set_visible (GTK_WIDGET (self->another_button), latest == self->selected);
    show_tally (self);
    gtk_stack_set_visible_child_name (self->stack, "revealed");
  }
}

static void
cr_step_vote_dispose (GObject *object)
{
  CrStepVote *self = (CrStepVote *)object;

  if (self->watched != NULL)
    unwatch_rounds (self);
  if (self->participants_list != NULL)
    gtk_list_box_bind_model (self->participants_list, NULL, NULL, NULL, NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), CR_TYPE_STEP_VOTE);
  g_clear_object (&self->selected);
  if (self->phone_server != NULL)
    g_signal_handlers_disconnect_by_data (self->phone_server, self);
  g_clear_object (&self->phone_server);
  g_clear_pointer (&self->watched, g_ptr_array_unref);

  G_OBJECT_CLASS (cr_step_vote_parent_class)->dispose (object);
}

static void
cr_step_vote_finalize (GObject *object)
{
  CrStepVote *self = (CrStepVote *)object;

  g_free (self->question_id);

  G_OBJECT_CLASS (cr_step_vote_parent_class)->finalize (object);
}

static void
cr_step_vote_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  CrStepVote *self = CR_STEP_VOTE (object);

  switch (prop_id)
    {
    case PROP_PHONE_SERVER:
      g_value_set_object (value, self->phone_server);
      break;
    case PROP_QUESTION:
      g_value_set_string (value, self->question_id);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cr_step_vote_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  CrStepVote *self = CR_STEP_VOTE (object);

  switch (prop_id)
    {
    case PROP_PHONE_SERVER:
      set_phone_server (self, g_value_get_object (value));
      break;
    case PROP_QUESTION:
      self->question_id = g_value_dup_string (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cr_step_vote_constructed (GObject *object)
{
  CrStepVote *self = CR_STEP_VOTE (object);
  CrWorkshop *workshop;
  GtkWidget *placeholder;

  G_OBJECT_CLASS (cr_step_vote_parent_class)->constructed (object);

  workshop = cr_step_get_workshop (CR_STEP (self));
  g_return_if_fail (self->question_id != NULL);
  self->question = cr_template_find_question (cr_workshop_get_template (workshop), self->question_id);
  g_return_if_fail (self->question != NULL);

  self->selected = cr_workshop_find_latest_round (workshop, self->question_id, FALSE);
  if (self->selected != NULL)
    g_object_ref (self->selected);

  /* Phones after the round's own work: the keyboard meets Open Round and
   * the ballots first, as without phones. */
  self->phones_panel = cr_phones_panel_new (workshop);
  g_signal_connect_object (self->phones_panel, "use-laptop", G_CALLBACK (on_use_laptop), self, G_CONNECT_SWAPPED);
  gtk_box_insert_child_after (GTK_BOX (gtk_widget_get_parent (GTK_WIDGET (self->stack))),
                              self->phones_panel, GTK_WIDGET (self->stack));

  gtk_label_set_label (self->prompt_label, self->question->prompt);
  gtk_label_set_label (self->help_label, self->question->help);
  gtk_widget_set_visible (GTK_WIDGET (self->help_label), self->question->help != NULL);

  placeholder = cr_step_new_placeholder (_("No participants yet. Add them in the set-up step."));
  gtk_list_box_set_placeholder (self->participants_list, placeholder);

  /* Bound before we listen, so the rows exist when refresh() labels them. */
  gtk_list_box_bind_model (self->participants_list, cr_workshop_get_participants (workshop),
                           create_participant_row, NULL, NULL);
  g_signal_connect_object (cr_workshop_get_participants (workshop), "items-changed",
                           G_CALLBACK (refresh), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (cr_workshop_get_rounds (workshop), "items-changed",
                           G_CALLBACK (on_rounds_changed), self, G_CONNECT_SWAPPED);

  sync_rounds (self);
  refresh (self);
}

static void
cr_step_vote_rebuild (CrStep *step)
{
  refresh (CR_STEP_VOTE (step));
}

static void
cr_step_vote_class_init (CrStepVoteClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = cr_step_vote_constructed;
  object_class->dispose = cr_step_vote_dispose;
  object_class->finalize = cr_step_vote_finalize;
  object_class->get_property = cr_step_vote_get_property;
  object_class->set_property = cr_step_vote_set_property;

  /* The window's phone server, while phones are or were on (the workshop
   * page passes it down). */
  properties[PROP_PHONE_SERVER] =
    g_param_spec_object ("phone-server", NULL, NULL, CR_TYPE_PHONE_SERVER,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* The id of the template's question this step votes on; the step is made
   * for one question and keeps it. */
  properties[PROP_QUESTION] =
    g_param_spec_string ("question", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  CR_STEP_CLASS (klass)->rebuild = cr_step_vote_rebuild;
  /* Narrower than the other steps: a ballot's list reads down, not across. */
  cr_step_class_set_page (CR_STEP_CLASS (klass), 900, 600, 18, 18);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/crossroads/Crossroads/ui/cr-step-vote.ui");
  gtk_widget_class_bind_template_child (widget_class, CrStepVote, prompt_label);
  gtk_widget_class_bind_template_child (widget_class, CrStepVote, help_label);
  gtk_widget_class_bind_template_child (widget_class, CrStepVote, rounds_box);
  gtk_widget_class_bind_template_child (widget_class, CrStepVote, stack);
  gtk_widget_class_bind_template_child (widget_class, CrStepVote, open_button);
  gtk_widget_class_bind_template_child (widget_class, CrStepVote, participants_group);
  gtk_widget_class_bind_template_child (widget_class, CrStepVote, participants_list);
  gtk_widget_class_bind_template_child (widget_class, CrStepVote, hands_group);
  gtk_widget_class_bind_template_child (widget_class, CrStepVote, hands_row);
  gtk_widget_class_bind_template_child (widget_class, CrStepVote, hands_status);
  gtk_widget_class_bind_template_child (widget_class, CrStepVote, voted_label);
  gtk_widget_class_bind_template_child (widget_class, CrStepVote, reveal_button);
  gtk_widget_class_bind_template_child (widget_class, CrStepVote, revealed_title);
  gtk_widget_class_bind_template_child (widget_class, CrStepVote, revealed_subtitle);
  gtk_widget_class_bind_template_child (widget_class, CrStepVote, another_button);
  gtk_widget_class_bind_template_child (widget_class, CrStepVote, tally_group);
  gtk_widget_class_bind_template_child (widget_class, CrStepVote, tally_list);
  gtk_widget_class_bind_template_callback (widget_class, on_open_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_reveal_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_participant_activated);
  gtk_widget_class_bind_template_callback (widget_class, on_hands_activated);
}

static void
cr_step_vote_init (CrStepVote *self)
{
  self->watched = g_ptr_array_new_with_free_func (g_object_unref);
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
cr_step_vote_new (CrWorkshop *workshop,
                  const char *question_id)
{
  g_return_val_if_fail (CR_IS_WORKSHOP (workshop), NULL);
  g_return_val_if_fail (question_id != NULL, NULL);

  return g_object_new (CR_TYPE_STEP_VOTE,
                       "workshop", workshop,
                       "question", question_id,
                       NULL);
}
