/* cr-ballot-dialog.c: one participant's ballot (or the show of hands) in a round
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "crossroads-vote"

#include "config.h"

#include <glib/gi18n.h>

#include "cr-ballot.h"
#include "cr-ballot-dialog.h"
#include "cr-help.h"
#include "cr-limits.h"
#include "cr-widget-util.h"

/* Up to this many points on a scale are shown as a row of toggles; a longer
 * scale gets a spin button. 0 to 10 is eleven points. */
#define MAX_TOGGLE_POINTS 11

struct _CrBallotDialog
{
  AdwWindow         parent_instance;

  CrWorkshop       *workshop;
  CrRound          *round;
  gint64            participant_id;
  const CrQuestion *question;
  CrBallotDraft    *draft;
  /* Hands were counted before: saving no hands at all takes them back. */
  gboolean          had_hands;

  AdwWindowTitle   *window_title;
  GtkWidget        *save_button;
  GtkLabel         *status_label;
  /* Why the ballot cannot be saved as it is, when it cannot. */
  GtkLabel         *problem_label;
  /* "Save a Partial Ballot?", while it asks. */
  GtkWidget        *question_dialog;
  /* score: the rows of the grid in order, option by option, each one tab
   * stop that the number keys and arrows work on */
  GPtrArray        *score_rows;
  /* score: a row whose digits typed so far may begin a longer score ("1"
   * of 10 or 12), waiting for the next key, and the number they make */
  GtkWidget        *typing_row;
  int               typed;
  /* "Save and Next", and whether it was the one pressed */
  GtkWidget        *next_button;
  gboolean          then_next;
  /* single and dots: the option rows in order, where the number keys
   * work (a choice's number; a count of dots) */
  GPtrArray        *option_rows;
  /* dots: per option */
  GPtrArray        *add_buttons;
  GPtrArray        *remove_buttons;
  GPtrArray        *count_labels;
};

G_DEFINE_FINAL_TYPE (CrBallotDialog, cr_ballot_dialog, ADW_TYPE_WINDOW)

enum {
  OPEN_NEXT,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

#define OPTION_KEY    "cr-option"
#define CRITERION_KEY "cr-criterion"
#define VALUE_KEY     "cr-value"
#define TOGGLES_KEY   "cr-toggles"

static void
set_cell_data (GObject *object,
               guint    option,
               guint    criterion,
               int      value)
{
  g_object_set_data (object, OPTION_KEY, GUINT_TO_POINTER (option));
  g_object_set_data (object, CRITERION_KEY, GUINT_TO_POINTER (criterion));
  g_object_set_data (object, VALUE_KEY, GINT_TO_POINTER (value));
}

static guint
cell_option (gpointer object)
{
  return GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (object), OPTION_KEY));
}

static guint
cell_criterion (gpointer object)
{
  return GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (object), CRITERION_KEY));
}

static int
cell_value (gpointer object)
{
  return GPOINTER_TO_INT (g_object_get_data (G_OBJECT (object), VALUE_KEY));
}

static guint
n_criteria (const CrQuestion *question)
{
  return question->criteria != NULL ? question->criteria->len : 0;
}

/* What the draft allows now: the status line, the dots buttons and Save. */
static void
update (CrBallotDialog *self)
{
  g_autofree char *status = NULL;
  guint n_options = cr_template_get_n_options (cr_workshop_get_template (self->workshop));

  if (cr_ballot_draft_is_hands (self->draft))
    {
      int total = cr_ballot_draft_get_hands_total (self->draft);

      status = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d hand in all", "%d hands in all", total),
                                total);
    }
  else if (self->question->method == CR_METHOD_DOTS)
    {
      int left = cr_ballot_draft_get_dots_left (self->draft);

      /* Translators: dots left of the participant's budget, e.g. "2 of 3 dots left" */
      status = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d of %d dot left", "%d of %d dots left",
                                             self->question->budget),
                                left, self->question->budget);
      for (guint o = 0; o < n_options; o++)
        {
          g_autofree char *count = g_strdup_printf ("%d", cr_ballot_draft_get_dots (self->draft, o));

          gtk_widget_set_sensitive (g_ptr_array_index (self->add_buttons, o),
                                    cr_ballot_draft_can_add_dot (self->draft, o));
          gtk_widget_set_sensitive (g_ptr_array_index (self->remove_buttons, o),
                                    cr_ballot_draft_can_remove_dot (self->draft, o));
          gtk_label_set_label (g_ptr_array_index (self->count_labels, o), count);
        }
    }
  else if (self->question->method == CR_METHOD_SCORE)
    {
      guint n = cr_ballot_draft_get_n_cells (self->draft);

      /* Translators: how many of the ballot's cells have a score, e.g. "4 of 15 scores given" */
      status = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u of %u score given", "%u of %u scores given", n),
                                cr_ballot_draft_get_n_scored (self->draft), n);
    }
  else
    {
      status = g_strdup (cr_ballot_draft_get_choice (self->draft) >= 0
                         ? _("One choice made")
                         : _("No choice made yet"));
    }

  gtk_label_set_label (self->status_label, status);
  {
    g_autoptr(GArray) votes = cr_ballot_draft_to_votes (self->draft);
    g_autoptr(GError) error = NULL;
    gboolean valid = cr_ballot_draft_check (self->draft, &error);

    /* Said before anything is filled in: a ballot the hands leave no room
     * for is refused whatever it holds. */
    gtk_label_set_label (self->problem_label, valid ? "" : error->message);
    gtk_widget_set_visible (GTK_WIDGET (self->problem_label), !valid);
    gtk_widget_set_sensitive (self->save_button, (votes->len > 0 || self->had_hands) && valid);
    if (self->next_button != NULL)
      gtk_widget_set_sensitive (self->next_button, votes->len > 0 && valid);
  }
}

static void
on_choice_toggled (GtkCheckButton *check,
                   CrBallotDialog *self)
{
  if (!gtk_check_button_get_active (check))
    return;
  cr_ballot_draft_set_choice (self->draft, cell_option (check));
  update (self);
}

static void
on_add_dot (GtkButton      *button,
            CrBallotDialog *self)
{
  guint option = cell_option (button);
  gboolean had_focus = gtk_widget_has_focus (GTK_WIDGET (button));

  cr_ballot_draft_add_dot (self->draft, option);
  update (self);
  /* The focused "+" goes insensitive once the budget is spent, and the
   * focus went nowhere: keep the keyboard on the row, where Enter saves. */
  if (had_focus && !gtk_widget_get_sensitive (GTK_WIDGET (button)))
    gtk_widget_grab_focus (g_ptr_array_index (self->option_rows, option));
}

static void
on_remove_dot (GtkButton      *button,
               CrBallotDialog *self)
{
  guint option = cell_option (button);

  cr_ballot_draft_remove_dot (self->draft, option);
  /* The focused "-" goes insensitive at zero: keep the keyboard on the row. */
  if (!cr_ballot_draft_can_remove_dot (self->draft, option) && gtk_widget_has_focus (GTK_WIDGET (button)))
    gtk_widget_grab_focus (g_ptr_array_index (self->add_buttons, option));
  update (self);
}

static void
on_score_toggled (GtkToggleButton *toggle,
                  CrBallotDialog  *self)
{
  if (!gtk_toggle_button_get_active (toggle))
    return;
  /* A score given otherwise ends a number being typed. */
  self->typing_row = NULL;
  cr_ballot_draft_set_score (self->draft, cell_option (toggle), cell_criterion (toggle), cell_value (toggle));
  update (self);
}

/* A long scale's spin button goes one below the scale for "not scored". */
static void
on_score_spin_changed (GtkSpinButton  *spin,
                       CrBallotDialog *self)
{
  int value = gtk_spin_button_get_value_as_int (spin);

  self->typing_row = NULL;
  if (value < self->question->scale_min)
    cr_ballot_draft_clear_score (self->draft, cell_option (spin), cell_criterion (spin));
  else
    cr_ballot_draft_set_score (self->draft, cell_option (spin), cell_criterion (spin), value);
  update (self);
}

static gboolean
on_score_spin_output (GtkSpinButton  *spin,
                      CrBallotDialog *self)
{
  if (gtk_spin_button_get_value_as_int (spin) >= self->question->scale_min)
    return FALSE;
  /* Translators: shown in a score box that has no score yet */
  gtk_editable_set_text (GTK_EDITABLE (spin), C_("score", "–"));
  return TRUE;
}

static int
on_score_spin_input (GtkSpinButton  *spin,
                     double         *new_value,
                     CrBallotDialog *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (spin));

  if (*text == '\0' || g_strcmp0 (text, C_("score", "–")) == 0)
    {
      *new_value = self->question->scale_min - 1;
      return TRUE;
    }
  return FALSE;
}

static void
on_hands_changed (GtkSpinButton  *spin,
                  CrBallotDialog *self)
{
  cr_ballot_draft_set_hands (self->draft, cell_option (spin), gtk_spin_button_get_value_as_int (spin));
  update (self);
}

/* A count as it is typed: the spin button takes it as its value only on
 * Enter or when the focus leaves, and until then "N hands in all" and Save
 * said what was there before. The text is left as typed. */
static void
on_hands_text_changed (GtkEditable    *spin,
                       CrBallotDialog *self)
{
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (spin)));
  guint64 count = 0;

  if (text[0] != '\0' &&
      !g_ascii_string_to_unsigned (text, 10, 0, CR_LIMIT_PARTICIPANTS, &count, NULL))
    return;
  if ((int) count == cr_ballot_draft_get_hands (self->draft, cell_option (spin)))
    return;
  cr_ballot_draft_set_hands (self->draft, cell_option (spin), (int) count);
  update (self);
}

static GtkWidget *
new_group (const char *title)
{
  GtkWidget *group = adw_preferences_group_new ();

  if (title != NULL)
    adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), title);
  return group;
}

static GtkWidget *
build_single (CrBallotDialog *self)
{
  CrTemplate *template = cr_workshop_get_template (self->workshop);
  GtkWidget *group = new_group (_("Choose One"));
  GtkCheckButton *first = NULL;
  int choice = cr_ballot_draft_get_choice (self->draft);

  for (guint o = 0; o < cr_template_get_n_options (template); o++)
    {
      const CrOption *option = cr_template_get_option (template, o);
      GtkWidget *row = cr_widget_plain_row_new (option->title, option->summary);
      GtkWidget *check = gtk_check_button_new ();

      gtk_widget_set_valign (check, GTK_ALIGN_CENTER);
      if (first != NULL)
        gtk_check_button_set_group (GTK_CHECK_BUTTON (check), first);
      else
        first = GTK_CHECK_BUTTON (check);
      gtk_check_button_set_active (GTK_CHECK_BUTTON (check), (int) o == choice);
      set_cell_data (G_OBJECT (check), o, 0, 1);
      cr_widget_set_accessible_label (check, option->title);
      g_signal_connect_object (check, "toggled", G_CALLBACK (on_choice_toggled), self, 0);
      /* The row is the tab stop, Space and Enter on it choose: on a
       * focused radio of its own, Enter did nothing at all. */
      gtk_widget_set_focusable (check, FALSE);
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), check);
      adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), check);
      set_cell_data (G_OBJECT (row), o, 0, 0);
      g_object_set_data (G_OBJECT (row), TOGGLES_KEY, check);
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
      g_ptr_array_add (self->option_rows, row);
    }
  return group;
}

static GtkWidget *
build_dots (CrBallotDialog *self)
{
  CrTemplate *template = cr_workshop_get_template (self->workshop);
  GtkWidget *group = new_group (_("Place the Dots"));

  for (guint o = 0; o < cr_template_get_n_options (template); o++)
    {
      const CrOption *option = cr_template_get_option (template, o);
      GtkWidget *row = cr_widget_plain_row_new (option->title, option->summary);
      GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
      GtkWidget *remove = gtk_button_new_from_icon_name ("list-remove-symbolic");
      GtkWidget *add = gtk_button_new_from_icon_name ("list-add-symbolic");
      GtkWidget *count = gtk_label_new (NULL);
      /* Translators: %s is an option's title */
      g_autofree char *add_label = g_strdup_printf (_("Add a dot to %s"), option->title);
      /* Translators: %s is an option's title */
      g_autofree char *remove_label = g_strdup_printf (_("Take a dot from %s"), option->title);
      /* Translators: %s is an option's title */
      g_autofree char *count_label = g_strdup_printf (_("Dots on %s"), option->title);

      gtk_widget_set_valign (box, GTK_ALIGN_CENTER);
      gtk_widget_add_css_class (remove, "circular");
      gtk_widget_add_css_class (add, "circular");
      gtk_widget_set_tooltip_text (remove, remove_label);
      gtk_widget_set_tooltip_text (add, add_label);
      cr_widget_set_accessible_label (remove, remove_label);
      cr_widget_set_accessible_label (add, add_label);
      cr_widget_set_accessible_label (count, count_label);
      gtk_label_set_width_chars (GTK_LABEL (count), 2);
      gtk_widget_add_css_class (count, "title-4");
      gtk_widget_add_css_class (count, "numeric");
      set_cell_data (G_OBJECT (remove), o, 0, -1);
      set_cell_data (G_OBJECT (add), o, 0, 1);
      g_signal_connect_object (remove, "clicked", G_CALLBACK (on_remove_dot), self, 0);
      g_signal_connect_object (add, "clicked", G_CALLBACK (on_add_dot), self, 0);
      gtk_box_append (GTK_BOX (box), remove);
      gtk_box_append (GTK_BOX (box), count);
      gtk_box_append (GTK_BOX (box), add);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), box);
      set_cell_data (G_OBJECT (row), o, 0, 0);
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);

      g_ptr_array_add (self->option_rows, row);
      g_ptr_array_add (self->remove_buttons, remove);
      g_ptr_array_add (self->add_buttons, add);
      g_ptr_array_add (self->count_labels, count);
    }
  return group;
}

/* One cell of the score grid: a row of toggles on a short scale, a spin
 * button on a long one. @name says which cell it is, for screen readers. */
static GtkWidget *
build_score_cell (CrBallotDialog *self,
                  guint           option,
                  guint           criterion,
                  const char     *name)
{
  int min = self->question->scale_min, max = self->question->scale_max;
  int value = 0;
  gboolean scored = cr_ballot_draft_get_score (self->draft, option, criterion, &value);

  if (max - min + 1 <= MAX_TOGGLE_POINTS)
    {
      GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
      GtkToggleButton *first = NULL;

      gtk_widget_add_css_class (box, "linked");
      gtk_widget_set_valign (box, GTK_ALIGN_CENTER);
      gtk_accessible_update_property (GTK_ACCESSIBLE (box), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
      for (int v = min; v <= max; v++)
        {
          g_autofree char *text = g_strdup_printf ("%d", v);
          /* Translators: a score button: the score, then which option and criterion */
          g_autofree char *label = g_strdup_printf (_("%d, %s"), v, name);
          GtkWidget *toggle = gtk_toggle_button_new_with_label (text);

          if (first != NULL)
            gtk_toggle_button_set_group (GTK_TOGGLE_BUTTON (toggle), first);
          else
            first = GTK_TOGGLE_BUTTON (toggle);
          gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (toggle), scored && v == value);
          /* One tab stop a row, not one a toggle: the row takes the keys. */
          gtk_widget_set_focusable (toggle, FALSE);
          gtk_widget_set_focus_on_click (toggle, FALSE);
          gtk_widget_add_css_class (toggle, "numeric");
          cr_widget_set_accessible_label (toggle, label);
          set_cell_data (G_OBJECT (toggle), option, criterion, v);
          g_signal_connect_object (toggle, "toggled", G_CALLBACK (on_score_toggled), self, 0);
          gtk_box_append (GTK_BOX (box), toggle);
        }
      return box;
    }
  else
    {
      GtkWidget *spin = gtk_spin_button_new_with_range (min - 1, max, 1);

      gtk_widget_set_valign (spin, GTK_ALIGN_CENTER);
      gtk_spin_button_set_numeric (GTK_SPIN_BUTTON (spin), FALSE);
      gtk_spin_button_set_value (GTK_SPIN_BUTTON (spin), scored ? value : min - 1);
      cr_widget_set_accessible_label (spin, name);
      set_cell_data (G_OBJECT (spin), option, criterion, 0);
      g_signal_connect_object (spin, "output", G_CALLBACK (on_score_spin_output), self, 0);
      g_signal_connect_object (spin, "input", G_CALLBACK (on_score_spin_input), self, 0);
      g_signal_connect_object (spin, "value-changed", G_CALLBACK (on_score_spin_changed), self, 0);
      gtk_spin_button_update (GTK_SPIN_BUTTON (spin));
      return spin;
    }
}

/* ---- The score grid by keyboard ------------------------------------------ */

static void
focus_save (CrBallotDialog *self)
{
  gtk_widget_grab_focus (self->next_button != NULL ? self->next_button : self->save_button);
}

/* Focuses the row at @index of @rows (score rows, option rows); past the
 * last one, the button that saves, so Enter finishes the ballot. */
static void
focus_row_or_save (CrBallotDialog *self,
                   GPtrArray      *rows,
                   guint           index)
{
  if (index < rows->len)
    gtk_widget_grab_focus (g_ptr_array_index (rows, index));
  else
    focus_save (self);
}

static void
focus_score_row (CrBallotDialog *self,
                 guint           index)
{
  focus_row_or_save (self, self->score_rows, index);
}

static void
set_row_score (GtkWidget *row,
               int        value)
{
  GtkWidget *toggles = g_object_get_data (G_OBJECT (row), TOGGLES_KEY);

  if (GTK_IS_SPIN_BUTTON (toggles))
    {
      gtk_spin_button_set_value (GTK_SPIN_BUTTON (toggles), value);
      return;
    }
  for (GtkWidget *toggle = gtk_widget_get_first_child (toggles);
       toggle != NULL;
       toggle = gtk_widget_get_next_sibling (toggle))
    if (cell_value (toggle) == value)
      gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (toggle), TRUE);
}

/* Tab leaves the grid of an option (its criteria; the whole list when
 * there are none) for the next one, or for what follows the last: one tab
 * stop a grid, where a list box would stop on each of its rows. */
static void
tab_out_of_grid (CrBallotDialog *self,
                 guint           index,
                 gboolean        backward)
{
  guint size = n_criteria (self->question) > 0 ? n_criteria (self->question) : self->score_rows->len;
  guint grid = index / size, n_grids = (self->score_rows->len + size - 1) / size;

  if (!backward && grid + 1 < n_grids)
    {
      focus_score_row (self, (grid + 1) * size);
      return;
    }
  if (backward && grid > 0)
    {
      focus_score_row (self, (grid - 1) * size);
      return;
    }
  /* Past the first or last grid: from its edge row, where the list box
   * lets the focus go on to the rest of the window. */
  focus_score_row (self, backward ? grid * size : MIN ((grid + 1) * size, self->score_rows->len) - 1);
  gtk_widget_child_focus (GTK_WIDGET (self), backward ? GTK_DIR_TAB_BACKWARD : GTK_DIR_TAB_FORWARD);
}

static gboolean
is_enter (guint keyval)
{
  return keyval == GDK_KEY_Return || keyval == GDK_KEY_KP_Enter || keyval == GDK_KEY_ISO_Enter;
}

/* Enter on a row of the ballot: the row itself does nothing, the ballot's
 * default does. */
static gboolean
activate_default (CrBallotDialog *self)
{
  return gtk_widget_activate (gtk_window_get_default_widget (GTK_WINDOW (self)));
}

/* The score a number key stands for, or -1. */
static int
digit_of (guint keyval)
{
  if (keyval >= GDK_KEY_0 && keyval <= GDK_KEY_9)
    return keyval - GDK_KEY_0;
  if (keyval >= GDK_KEY_KP_0 && keyval <= GDK_KEY_KP_9)
    return keyval - GDK_KEY_KP_0;
  return -1;
}

/* Whether a score of the scale is @number followed by more digits: then
 * the row waits for them ("1" of 0 to 10 may become 10; "1" of 1 to 12
 * may become 10, 11 or 12). */
static gboolean
begins_longer (int number,
               int min,
               int max)
{
  if (number <= 0)
    return FALSE;
  for (gint64 low = (gint64) number * 10, width = 10; low <= max; low *= 10, width *= 10)
    if (low + width - 1 >= min)
      return TRUE;
  return FALSE;
}

/* A digit typed on the score row at @index gives its score and moves on;
 * on a scale past 9, digits that may begin a longer score wait on their
 * row for the next key: on 0 to 10, "1" then "0" is 10, "1" then "5" is 1,
 * then 5 on the next row; on 1 to 12, "1" then "2" is 12. Any other key
 * (an arrow, Tab) ends the number as it is. */
static void
type_digit (CrBallotDialog *self,
            guint           index,
            int             digit)
{
  GtkWidget *row = g_ptr_array_index (self->score_rows, index);
  int min = self->question->scale_min, max = self->question->scale_max;
  int number = digit;

  if (self->typing_row == row)
    {
      number = self->typed * 10 + digit;
      self->typing_row = NULL;
      if ((number < min || number > max) && !begins_longer (number, min, max))
        {
          /* The row keeps what was typed; the digit starts the next one. */
          focus_score_row (self, index + 1);
          if (index + 1 < self->score_rows->len)
            type_digit (self, index + 1, digit);
          return;
        }
    }
  else if ((digit < min || digit > max) && !begins_longer (digit, min, max))
    {
      gtk_widget_error_bell (row);
      return;
    }

  if (number >= min && number <= max)
    set_row_score (row, number);
  if (begins_longer (number, min, max))
    {
      self->typing_row = row;
      self->typed = number;
      return;
    }
  focus_score_row (self, index + 1);
}

/* On a score row: a number key gives the score and moves on, Up and Down
 * go from criterion to criterion, Left and Right to the same criterion of
 * the option before or after, + and - change the score by one. */
static gboolean
on_score_row_key (GtkEventControllerKey *controller,
                  guint                  keyval,
                  guint                  keycode,
                  GdkModifierType        state,
                  CrBallotDialog        *self)
{
  GtkWidget *row = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (controller));
  guint across = MAX (1, n_criteria (self->question));
  int min = self->question->scale_min, max = self->question->scale_max;
  int digit = digit_of (keyval), value = 0;
  guint index;

  if ((state & (GDK_CONTROL_MASK | GDK_ALT_MASK)) != 0 ||
      !g_ptr_array_find (self->score_rows, row, &index))
    return FALSE;

  if (digit >= 0)
    {
      type_digit (self, index, digit);
      return TRUE;
    }
  /* Any other key ends a number being typed. */
  self->typing_row = NULL;
  if (is_enter (keyval))
    return activate_default (self);

  switch (keyval)
    {
    case GDK_KEY_Up:
    case GDK_KEY_KP_Up:
      if (index > 0)
        focus_score_row (self, index - 1);
      return TRUE;
    case GDK_KEY_Down:
    case GDK_KEY_KP_Down:
      if (index + 1 < self->score_rows->len)
        focus_score_row (self, index + 1);
      return TRUE;
    case GDK_KEY_Left:
    case GDK_KEY_KP_Left:
      if (index >= across)
        focus_score_row (self, index - across);
      return TRUE;
    case GDK_KEY_Right:
    case GDK_KEY_KP_Right:
      if (index + across < self->score_rows->len)
        focus_score_row (self, index + across);
      return TRUE;
    case GDK_KEY_plus:
    case GDK_KEY_equal:  /* + unshifted on many keyboards */
    case GDK_KEY_KP_Add:
    case GDK_KEY_minus:
    case GDK_KEY_KP_Subtract:
      /* A first step from no score lands on the low end of the scale. */
      if (!cr_ballot_draft_get_score (self->draft, cell_option (row), cell_criterion (row), &value))
        value = min;
      else
        value += keyval == GDK_KEY_minus || keyval == GDK_KEY_KP_Subtract ? -1 : 1;
      set_row_score (row, CLAMP (value, min, max));
      return TRUE;
    case GDK_KEY_Tab:
    case GDK_KEY_KP_Tab:
    case GDK_KEY_ISO_Left_Tab:
      tab_out_of_grid (self, index, keyval == GDK_KEY_ISO_Left_Tab || (state & GDK_SHIFT_MASK) != 0);
      return TRUE;
    default:
      return FALSE;
    }
}

/* ---- Choices and dots by keyboard ---------------------------------------- */

/* Puts @count dots on @option, if the budget has them. */
static gboolean
set_dots (CrBallotDialog *self,
          guint           option,
          int             count)
{
  int have = cr_ballot_draft_get_dots (self->draft, option);

  if (count > have + cr_ballot_draft_get_dots_left (self->draft))
    return FALSE;
  while (have < count && cr_ballot_draft_add_dot (self->draft, option))
    have++;
  while (have > count && cr_ballot_draft_remove_dot (self->draft, option))
    have--;
  update (self);
  return have == count;
}

/* On a choice, the number of an option chooses it, and Enter saves.
 * On a row of dots, a number is that option's dots and moves on (to the
 * button that saves once the budget is spent), + and - add or take one. */
static gboolean
on_option_row_key (GtkEventControllerKey *controller,
                   guint                  keyval,
                   guint                  keycode,
                   GdkModifierType        state,
                   CrBallotDialog        *self)
{
  GtkWidget *row = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (controller));
  int digit = digit_of (keyval);
  guint index;

  if ((state & (GDK_CONTROL_MASK | GDK_ALT_MASK)) != 0 ||
      !g_ptr_array_find (self->option_rows, row, &index))
    return FALSE;

  if (self->question->method == CR_METHOD_SINGLE)
    {
      GtkWidget *chosen;

      if (is_enter (keyval))
        {
          /* Enter saves what is chosen; with nothing chosen yet, the
           * focused option is the one meant. */
          if (cr_ballot_draft_get_choice (self->draft) < 0)
            gtk_check_button_set_active (g_object_get_data (G_OBJECT (row), TOGGLES_KEY), TRUE);
          return activate_default (self);
        }
      if (digit < 0)
        return FALSE;
      if (digit < 1 || (guint) digit > self->option_rows->len)
        {
          gtk_widget_error_bell (row);
          return TRUE;
        }
      chosen = g_ptr_array_index (self->option_rows, digit - 1);
      gtk_check_button_set_active (g_object_get_data (G_OBJECT (chosen), TOGGLES_KEY), TRUE);
      focus_save (self);
      return TRUE;
    }

  if (digit >= 0)
    {
      if (!set_dots (self, index, digit))
        gtk_widget_error_bell (row);
      else if (cr_ballot_draft_get_dots_left (self->draft) == 0)
        focus_save (self);
      else
        focus_row_or_save (self, self->option_rows, index + 1);
      return TRUE;
    }
  if (is_enter (keyval))
    return activate_default (self);
  switch (keyval)
    {
    case GDK_KEY_plus:
    case GDK_KEY_equal:  /* + unshifted on many keyboards */
    case GDK_KEY_KP_Add:
      if (!set_dots (self, index, cr_ballot_draft_get_dots (self->draft, index) + 1))
        gtk_widget_error_bell (row);
      return TRUE;
    case GDK_KEY_minus:
    case GDK_KEY_KP_Subtract:
      if (cr_ballot_draft_get_dots (self->draft, index) == 0)
        gtk_widget_error_bell (row);
      else
        set_dots (self, index, cr_ballot_draft_get_dots (self->draft, index) - 1);
      return TRUE;
    default:
      return FALSE;
    }
}

static void
watch_option_rows (CrBallotDialog *self)
{
  for (guint i = 0; i < self->option_rows->len; i++)
    {
      GtkEventController *keys = gtk_event_controller_key_new ();

      g_signal_connect_object (keys, "key-pressed", G_CALLBACK (on_option_row_key), self, 0);
      gtk_widget_add_controller (g_ptr_array_index (self->option_rows, i), keys);
    }
}

/* A score row is the grid's unit for the keyboard, whatever the length of
 * its scale: a long scale's spin button is for the pointer, and the row
 * takes its keys, so number keys and arrows work the same on 1 to 12 as
 * on 1 to 5. */
static void
watch_score_row (CrBallotDialog *self,
                 GtkWidget      *row,
                 GtkWidget      *cell,
                 guint           option,
                 guint           criterion,
                 const char     *name)
{
  GtkEventController *keys;

  if (GTK_IS_SPIN_BUTTON (cell))
    gtk_widget_set_can_focus (cell, FALSE);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  gtk_widget_set_focusable (row, TRUE);
  cr_widget_set_accessible_label (row, name);
  set_cell_data (G_OBJECT (row), option, criterion, 0);
  g_object_set_data (G_OBJECT (row), TOGGLES_KEY, cell);
  keys = gtk_event_controller_key_new ();
  g_signal_connect_object (keys, "key-pressed", G_CALLBACK (on_score_row_key), self, 0);
  gtk_widget_add_controller (row, keys);
  g_ptr_array_add (self->score_rows, row);
}

/* A short scale sits beside its title; a long one goes under it, so the
 * title keeps its width on a narrow window. */
static GtkWidget *
new_score_row (CrBallotDialog *self,
               const char     *title,
               guint           option,
               guint           criterion,
               const char     *name)
{
  GtkWidget *cell = build_score_cell (self, option, criterion, name);
  GtkWidget *row, *box, *label;

  if (self->question->scale_max - self->question->scale_min + 1 <= 6)
    {
      row = cr_widget_plain_row_new (title, NULL);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), cell);
      watch_score_row (self, row, cell, option, criterion, name);
      return row;
    }

  row = adw_preferences_row_new ();
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 8);
  gtk_widget_set_margin_top (box, 10);
  gtk_widget_set_margin_bottom (box, 12);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  label = gtk_label_new (title);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_box_append (GTK_BOX (box), label);
  gtk_widget_set_hexpand (cell, TRUE);
  if (GTK_IS_BOX (cell))
    gtk_box_set_homogeneous (GTK_BOX (cell), TRUE);
  else
    gtk_widget_set_halign (cell, GTK_ALIGN_START);
  gtk_box_append (GTK_BOX (box), cell);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  watch_score_row (self, row, cell, option, criterion, name);
  return row;
}

static void
build_score (CrBallotDialog *self,
             GtkBox         *content)
{
  CrTemplate *template = cr_workshop_get_template (self->workshop);
  GtkWidget *plain = NULL;

  for (guint o = 0; o < cr_template_get_n_options (template); o++)
    {
      const CrOption *option = cr_template_get_option (template, o);

      if (n_criteria (self->question) == 0)
        {
          /* Translators: %s is an option's title */
          g_autofree char *name = g_strdup_printf (_("Score for %s"), option->title);
          GtkWidget *row = new_score_row (self, option->title, o, 0, name);

          if (plain == NULL)
            {
              plain = new_group (_("Scores"));
              gtk_box_append (content, plain);
            }
          adw_preferences_group_add (ADW_PREFERENCES_GROUP (plain), row);
          continue;
        }

      {
        GtkWidget *group = new_group (option->title);

        for (guint c = 0; c < n_criteria (self->question); c++)
          {
            const CrCriterion *criterion = g_ptr_array_index (self->question->criteria, c);
            /* Translators: first %s is a criterion, second an option's title */
            g_autofree char *name = g_strdup_printf (_("Score for %s, %s"), criterion->label, option->title);
            GtkWidget *row = new_score_row (self, criterion->label, o, c, name);

            adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
          }
        gtk_box_append (content, group);
      }
    }
}

/* The rule the counts follow, in the facilitator's words. */
static char *
hands_rule (CrBallotDialog *self)
{
  guint people = cr_ballot_draft_get_hands_people (self->draft);

  if (people == 0)
    return g_strdup (_("Everyone has a ballot in this round, so there are no hands to count. Hands count only the people without a ballot."));
  if (self->question->method == CR_METHOD_DOTS)
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                         /* Translators: %u is a number of people */
                                         "Hands count only the people without a ballot: %u person in this round, who may raise a hand for each option (a hand is one dot).",
                                         "Hands count only the people without a ballot: %u people in this round, each of whom may raise a hand for each option (a hand is one dot).",
                                         people),
                            people);
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                       /* Translators: %u is a number of people */
                                       "Hands count only the people without a ballot: %u person in this round, with one hand.",
                                       "Hands count only the people without a ballot: %u people in this round, with one hand each.",
                                       people),
                          people);
}

static GtkWidget *
build_hands (CrBallotDialog *self)
{
  CrTemplate *template = cr_workshop_get_template (self->workshop);
  GtkWidget *group = new_group (_("Hands Raised"));
  g_autofree char *rule = hands_rule (self);

  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group), rule);

  for (guint o = 0; o < cr_template_get_n_options (template); o++)
    {
      const CrOption *option = cr_template_get_option (template, o);
      GtkWidget *row = cr_widget_plain_row_new (option->title, option->summary);
      /* Up to what no workshop holds, not to the people without a ballot:
       * a spin button would make a count typed past them smaller without a
       * word, where the draft's check refuses it and says why. */
      GtkWidget *spin = gtk_spin_button_new_with_range (0, CR_LIMIT_PARTICIPANTS, 1);
      /* Translators: %s is an option's title */
      g_autofree char *name = g_strdup_printf (_("Hands for %s"), option->title);

      gtk_widget_set_valign (spin, GTK_ALIGN_CENTER);
      gtk_spin_button_set_numeric (GTK_SPIN_BUTTON (spin), TRUE);
      gtk_spin_button_set_value (GTK_SPIN_BUTTON (spin), cr_ballot_draft_get_hands (self->draft, o));
      cr_widget_set_accessible_label (spin, name);
      set_cell_data (G_OBJECT (spin), o, 0, 0);
      /* Enter in a count saves, like the Save button. */
      gtk_text_set_activates_default (GTK_TEXT (gtk_editable_get_delegate (GTK_EDITABLE (spin))), TRUE);
      g_signal_connect_object (spin, "value-changed", G_CALLBACK (on_hands_changed), self, 0);
      g_signal_connect_object (spin, "changed", G_CALLBACK (on_hands_text_changed), self, 0);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), spin);
      adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), spin);
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
    }
  return group;
}

static void
save (CrBallotDialog *self)
{
  g_autoptr(GArray) votes = NULL;
  g_autoptr(GError) error = NULL;
  GtkWindow *parent = gtk_window_get_transient_for (GTK_WINDOW (self));

  votes = cr_ballot_draft_to_votes (self->draft);
  if (!cr_workshop_record_votes (self->workshop, self->round, self->participant_id,
                                 (const CrVote *) votes->data, votes->len, &error))
    {
      cr_widget_show_error (parent != NULL ? GTK_WIDGET (parent) : GTK_WIDGET (self), error);
      return;
    }

  /* "Save and Next": whoever comes next without a ballot, after this one. */
  if (self->then_next)
    {
      g_autoptr(CrBallotState) state =
        cr_ballot_state_compute (cr_workshop_get_template (self->workshop), self->question, self->round,
                                 cr_workshop_get_participants (self->workshop));
      gint64 next = cr_ballot_state_next_without_ballot (state, self->participant_id);

      if (next != 0)
        g_signal_emit (self, signals[OPEN_NEXT], 0, next);
    }
  gtk_window_close (GTK_WINDOW (self));
}

/* The participant takes their ballot back: no vote at all, so their hand
 * may be counted instead. Undo brings it back. */
static void
on_withdraw_clicked (CrBallotDialog *self)
{
  g_autoptr(GError) error = NULL;
  GtkWindow *parent = gtk_window_get_transient_for (GTK_WINDOW (self));

  if (!cr_workshop_record_votes (self->workshop, self->round, self->participant_id, NULL, 0, &error))
    {
      cr_widget_show_error (parent != NULL ? GTK_WIDGET (parent) : GTK_WIDGET (self), error);
      return;
    }
  gtk_window_close (GTK_WINDOW (self));
}

/* Reopened before Reveal, a ballot starts empty: the earlier one stays
 * secret, from whoever holds the laptop and from a mirrored projector. */
static GtkWidget *
build_replace_notice (CrBallotDialog *self,
                      const char     *name)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *label, *withdraw;
  /* Translators: %s is a participant's name */
  g_autofree char *text = g_strdup_printf (_("%s has voted in this round already. Their ballot stays hidden: this one starts empty and replaces it when you save."),
                                           name);

  label = gtk_label_new (text);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_add_css_class (label, "accent");
  gtk_box_append (GTK_BOX (box), label);

  withdraw = gtk_button_new_with_mnemonic (_("_Withdraw the Earlier Ballot"));
  gtk_widget_set_halign (withdraw, GTK_ALIGN_START);
  gtk_widget_add_css_class (withdraw, "destructive-action");
  g_signal_connect_object (withdraw, "clicked", G_CALLBACK (on_withdraw_clicked), self, G_CONNECT_SWAPPED);
  gtk_box_append (GTK_BOX (box), withdraw);
  return box;
}

static gboolean
save_after_question (gpointer user_data)
{
  /* Unless the ballot closed meanwhile (the round was revealed, say). */
  if (gtk_widget_get_visible (GTK_WIDGET (user_data)))
    save (CR_BALLOT_DIALOG (user_data));
  return G_SOURCE_REMOVE;
}

static void
on_partial_response (AdwMessageDialog *dialog,
                     const char       *response,
                     CrBallotDialog   *self)
{
  /* Once the question has closed: it is transient for this window. */
  if (g_str_equal (response, "save"))
    g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, save_after_question, g_object_ref (self), g_object_unref);
}

/* What a partial ballot leaves out, said before it is saved. */
static char *
partial_body (CrBallotDialog *self)
{
  if (self->question->method == CR_METHOD_DOTS)
    {
      int left = cr_ballot_draft_get_dots_left (self->draft);

      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                           /* Translators: %d is a number of dots */
                                           "%d dot is still to place. A dot not placed counts for no option.",
                                           "%d dots are still to place. Dots not placed count for no option.",
                                           left),
                              left);
    }
  /* Translators: %u are numbers of scores, e.g. "7 of 15" */
  return g_strdup_printf (_("Only %u of %u scores are given. The means leave out the scores not given."),
                          cr_ballot_draft_get_n_scored (self->draft), cr_ballot_draft_get_n_cells (self->draft));
}

static void
request_save (CrBallotDialog *self,
              gboolean        then_next)
{
  g_autoptr(GArray) votes = cr_ballot_draft_to_votes (self->draft);
  g_autofree char *body = NULL;
  AdwMessageDialog *dialog;

  self->then_next = then_next;
  /* No hands at all takes the count back; a whole ballot needs no word. */
  if (cr_ballot_draft_is_hands (self->draft) || votes->len == 0 || cr_ballot_draft_is_complete (self->draft))
    {
      save (self);
      return;
    }

  body = partial_body (self);
  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self), _("Save a Partial Ballot?"), body));
  adw_message_dialog_add_responses (dialog,
                                    "cancel", _("_Keep Voting"),
                                    "save", _("_Save Partial Ballot"),
                                    NULL);
  adw_message_dialog_set_response_appearance (dialog, "save", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (dialog, "cancel");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_partial_response), self, 0);
  g_set_weak_pointer (&self->question_dialog, GTK_WIDGET (dialog));
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
on_save_clicked (CrBallotDialog *self)
{
  request_save (self, FALSE);
}

static void
on_next_clicked (CrBallotDialog *self)
{
  request_save (self, TRUE);
}

/* The round was revealed or removed (by Undo, say), or the participant went
 * away: the ballot no longer has anything to edit. */
static void
check_still_editable (CrBallotDialog *self)
{
  GListModel *rounds = cr_workshop_get_rounds (self->workshop);
  gboolean found = FALSE;

  for (guint i = 0; i < g_list_model_get_n_items (rounds) && !found; i++)
    {
      g_autoptr(CrRound) round = g_list_model_get_item (rounds, i);

      found = round == self->round;
    }

  if (!found || cr_round_get_revealed (self->round) ||
      (self->participant_id != 0 &&
       cr_workshop_find_participant (self->workshop, self->participant_id) == NULL))
    {
      /* Its question about a partial ballot goes too. */
      if (self->question_dialog != NULL)
        gtk_window_close (GTK_WINDOW (self->question_dialog));
      gtk_window_close (GTK_WINDOW (self));
    }
}

/* "Save and Next", when a participant after this one has no ballot yet. */
static GtkWidget *
build_next_button (CrBallotDialog *self)
{
  g_autoptr(CrBallotState) state = NULL;
  g_autofree char *name = NULL;
  g_autofree char *tooltip = NULL;
  CrParticipant *next;
  GtkWidget *button;

  if (self->participant_id == 0)
    return NULL;
  state = cr_ballot_state_compute (cr_workshop_get_template (self->workshop), self->question, self->round,
                                   cr_workshop_get_participants (self->workshop));
  next = cr_workshop_find_participant (self->workshop,
                                       cr_ballot_state_next_without_ballot (state, self->participant_id));
  if (next == NULL)
    return NULL;

  name = cr_participant_dup_display_name (next);
  /* Translators: a tooltip; %s is the next participant's name */
  tooltip = g_strdup_printf (_("Save, then record the vote of %s"), name);
  button = gtk_button_new_with_mnemonic (_("Save and _Next"));
  gtk_widget_set_tooltip_text (button, tooltip);
  gtk_widget_add_css_class (button, "suggested-action");
  g_signal_connect_object (button, "clicked", G_CALLBACK (on_next_clicked), self, G_CONNECT_SWAPPED);
  return button;
}

static void
cr_ballot_dialog_dispose (GObject *object)
{
  CrBallotDialog *self = (CrBallotDialog *)object;

  g_clear_weak_pointer (&self->question_dialog);
  g_clear_object (&self->round);
  g_clear_object (&self->workshop);
  g_clear_pointer (&self->draft, cr_ballot_draft_free);
  g_clear_pointer (&self->score_rows, g_ptr_array_unref);
  g_clear_pointer (&self->option_rows, g_ptr_array_unref);
  g_clear_pointer (&self->add_buttons, g_ptr_array_unref);
  g_clear_pointer (&self->remove_buttons, g_ptr_array_unref);
  g_clear_pointer (&self->count_labels, g_ptr_array_unref);

  G_OBJECT_CLASS (cr_ballot_dialog_parent_class)->dispose (object);
}

/* No taller than the window it belongs to: a 600-pixel laptop screen
 * would cut a score grid's dialog off at the bottom. */
static void
cr_ballot_dialog_realize (GtkWidget *widget)
{
  GtkWindow *parent = gtk_window_get_transient_for (GTK_WINDOW (widget));
  int width, height;

  gtk_window_get_default_size (GTK_WINDOW (widget), &width, &height);
  if (parent != NULL && gtk_widget_get_height (GTK_WIDGET (parent)) > 0)
    gtk_window_set_default_size (GTK_WINDOW (widget), width,
                                 MIN (height, gtk_widget_get_height (GTK_WIDGET (parent)) - 40));

  GTK_WIDGET_CLASS (cr_ballot_dialog_parent_class)->realize (widget);
}

static void
cr_ballot_dialog_class_init (CrBallotDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cr_ballot_dialog_dispose;
  widget_class->realize = cr_ballot_dialog_realize;

  /**
   * CrBallotDialog::open-next:
   * @participant_id: the next participant without a ballot
   *
   * "Save and Next" saved this ballot: the one of @participant_id is next.
   */
  signals[OPEN_NEXT] = g_signal_new ("open-next", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                     0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT64);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
cr_ballot_dialog_init (CrBallotDialog *self)
{
  cr_help_add_shortcut (GTK_WINDOW (self));
  self->score_rows = g_ptr_array_new ();
  self->option_rows = g_ptr_array_new ();
  self->add_buttons = g_ptr_array_new ();
  self->remove_buttons = g_ptr_array_new ();
  self->count_labels = g_ptr_array_new ();
}

GtkWidget *
cr_ballot_dialog_new (CrWorkshop *workshop,
                      CrRound    *round,
                      gint64      participant_id)
{
  CrBallotDialog *self;
  CrTemplate *template;
  GtkWidget *toolbar, *header, *cancel, *scrolled, *clamp, *content, *prompt;
  g_autofree char *title = NULL;
  g_autofree char *subtitle = NULL;

  g_return_val_if_fail (CR_IS_WORKSHOP (workshop), NULL);
  g_return_val_if_fail (CR_IS_ROUND (round), NULL);

  template = cr_workshop_get_template (workshop);
  self = g_object_new (CR_TYPE_BALLOT_DIALOG,
                       "modal", TRUE,
                       NULL);
  self->workshop = g_object_ref (workshop);
  self->round = g_object_ref (round);
  self->participant_id = participant_id;
  self->question = cr_template_find_question (template, cr_round_get_question (round));
  g_return_val_if_fail (self->question != NULL, NULL);
  /* A score grid is long; a choice or a few dots fit a shorter window. */
  gtk_window_set_default_size (GTK_WINDOW (self), 680,
                               self->question->method == CR_METHOD_SCORE && participant_id != 0 ? 640 : 520);
  self->draft = cr_ballot_draft_new (template, self->question, round,
                                     g_list_model_get_n_items (cr_workshop_get_participants (workshop)),
                                     participant_id);
  {
    g_autoptr(GArray) votes = cr_ballot_draft_to_votes (self->draft);

    self->had_hands = participant_id == 0 && votes->len > 0;
  }

  if (participant_id != 0)
    {
      CrParticipant *participant = cr_workshop_find_participant (workshop, participant_id);

      g_return_val_if_fail (participant != NULL, NULL);
      title = cr_participant_dup_display_name (participant);
    }
  else
    title = g_strdup (_("Show of Hands"));
  /* Translators: under a ballot's title; %u is the round number */
  subtitle = g_strdup_printf (_("Round %u, hidden until revealed"), cr_round_get_number (round));
  gtk_window_set_title (GTK_WINDOW (self), title);

  toolbar = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  header = adw_header_bar_new ();
  adw_header_bar_set_show_end_title_buttons (ADW_HEADER_BAR (header), FALSE);
  adw_header_bar_set_show_start_title_buttons (ADW_HEADER_BAR (header), FALSE);
  self->window_title = ADW_WINDOW_TITLE (adw_window_title_new (title, subtitle));
  adw_header_bar_set_title_widget (ADW_HEADER_BAR (header), GTK_WIDGET (self->window_title));

  cancel = gtk_button_new_with_mnemonic (_("_Cancel"));
  gtk_actionable_set_action_name (GTK_ACTIONABLE (cancel), "window.close");
  adw_header_bar_pack_start (ADW_HEADER_BAR (header), cancel);

  self->save_button = gtk_button_new_with_mnemonic (_("_Save"));
  g_signal_connect_object (self->save_button, "clicked", G_CALLBACK (on_save_clicked), self,
                           G_CONNECT_SWAPPED);
  self->next_button = build_next_button (self);
  if (self->next_button != NULL)
    adw_header_bar_pack_end (ADW_HEADER_BAR (header), self->next_button);
  adw_header_bar_pack_end (ADW_HEADER_BAR (header), self->save_button);
  /* Enter saves, and goes on to the next ballot when there is one. */
  if (self->next_button == NULL)
    gtk_widget_add_css_class (self->save_button, "suggested-action");
  gtk_window_set_default_widget (GTK_WINDOW (self),
                                 self->next_button != NULL ? self->next_button : self->save_button);
  gtk_box_append (GTK_BOX (toolbar), header);

  scrolled = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_widget_set_vexpand (scrolled, TRUE);
  clamp = adw_clamp_new ();
  adw_clamp_set_maximum_size (ADW_CLAMP (clamp), 720);
  content = gtk_box_new (GTK_ORIENTATION_VERTICAL, 18);
  gtk_widget_set_margin_top (content, 18);
  gtk_widget_set_margin_bottom (content, 24);
  gtk_widget_set_margin_start (content, 18);
  gtk_widget_set_margin_end (content, 18);

  prompt = gtk_label_new (self->question->prompt);
  gtk_label_set_wrap (GTK_LABEL (prompt), TRUE);
  gtk_label_set_xalign (GTK_LABEL (prompt), 0);
  gtk_widget_add_css_class (prompt, "title-4");
  gtk_box_append (GTK_BOX (content), prompt);

  self->status_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_xalign (self->status_label, 0);
  gtk_label_set_wrap (self->status_label, TRUE);
  gtk_widget_add_css_class (GTK_WIDGET (self->status_label), "dim-label");
  gtk_box_append (GTK_BOX (content), GTK_WIDGET (self->status_label));

  self->problem_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_xalign (self->problem_label, 0);
  gtk_label_set_wrap (self->problem_label, TRUE);
  gtk_widget_add_css_class (GTK_WIDGET (self->problem_label), "error");
  gtk_box_append (GTK_BOX (content), GTK_WIDGET (self->problem_label));

  if (participant_id != 0 && cr_ballot_draft_replaces (self->draft))
    gtk_box_append (GTK_BOX (content), build_replace_notice (self, title));

  if (participant_id == 0)
    gtk_box_append (GTK_BOX (content), build_hands (self));
  else if (self->question->method == CR_METHOD_SINGLE)
    gtk_box_append (GTK_BOX (content), build_single (self));
  else if (self->question->method == CR_METHOD_DOTS)
    gtk_box_append (GTK_BOX (content), build_dots (self));
  else
    build_score (self, GTK_BOX (content));

  adw_clamp_set_child (ADW_CLAMP (clamp), content);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), clamp);
  gtk_box_append (GTK_BOX (toolbar), scrolled);
  adw_window_set_content (ADW_WINDOW (self), toolbar);

  g_signal_connect_object (round, "notify::revealed", G_CALLBACK (check_still_editable), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (cr_workshop_get_rounds (workshop), "items-changed",
                           G_CALLBACK (check_still_editable), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (cr_workshop_get_participants (workshop), "items-changed",
                           G_CALLBACK (check_still_editable), self, G_CONNECT_SWAPPED);

  watch_option_rows (self);

  update (self);
  /* The keyboard starts on the first score, choice or row of dots, where
   * the number keys work, rather than on Cancel. */
  if (self->score_rows->len > 0)
    gtk_window_set_focus (GTK_WINDOW (self), g_ptr_array_index (self->score_rows, 0));
  else if (self->option_rows->len > 0)
    gtk_window_set_focus (GTK_WINDOW (self), g_ptr_array_index (self->option_rows, 0));
  return GTK_WIDGET (self);
}
