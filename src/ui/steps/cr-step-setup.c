/* cr-step-setup.c: the workshop's details and who is in the room
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "crossroads-setup"

#include "config.h"

#include <glib/gi18n.h>

#include "cr-editable-rows.h"
#include "cr-paste.h"
#include "cr-scroll.h"
#include "cr-step-setup.h"
#include "cr-widget-util.h"

enum {
  DETAIL_TITLE,
  DETAIL_ORGANISATION,
  DETAIL_FACILITATOR,
  DETAIL_DATE,
  DETAIL_FUNCTION_NAME,
  N_DETAILS
};

/* The workshop's property for each detail, followed to refresh the rows. */
static const char * const detail_properties[N_DETAILS] = {
  "title", "organisation", "facilitator", "date", "function-name",
};

/* Participant rows built before the first frame: more than a screen, far
 * fewer than a large room (each row is two entries and an avatar). The rest
 * are built as the list is scrolled towards its end. */
#define ROWS_PER_PAGE 24

struct _CrStepSetup
{
  CrStep               parent_instance;

  GListModel          *participants;
  GtkSliceListModel   *shown;          /* the first rows of participants */
  guint                show_more_source;

  AdwEntryRow         *detail_rows[N_DETAILS];
  AdwPreferencesGroup *participants_group;
  CrEditableRows      *rows;
  GtkListBox          *list_box;       /* the rows' list */
  GtkEntry            *add_name;
  GtkEntry            *add_role;
  GtkWidget           *paste_dialog;   /* weak */
};

G_DEFINE_FINAL_TYPE (CrStepSetup, cr_step_setup, CR_TYPE_STEP)

/* ---------------------------------------------------------------------- */
/* Details                                                                 */

static const char *
get_detail (CrWorkshop *workshop,
            guint       detail)
{
  switch (detail)
    {
    case DETAIL_TITLE:         return cr_workshop_get_title (workshop);
    case DETAIL_ORGANISATION:  return cr_workshop_get_organisation (workshop);
    case DETAIL_FACILITATOR:   return cr_workshop_get_facilitator (workshop);
    case DETAIL_DATE:          return cr_workshop_get_date (workshop);
    case DETAIL_FUNCTION_NAME: return cr_workshop_get_function_name (workshop);
    default:                   g_assert_not_reached ();
    }
}

static void
refresh_detail (CrStepSetup *self,
                guint        detail)
{
  GtkEditable *row = GTK_EDITABLE (self->detail_rows[detail]);
  const char *value = get_detail (cr_step_get_workshop (CR_STEP (self)), detail);

  if (value == NULL)
    value = "";
  if (g_strcmp0 (gtk_editable_get_text (row), value) != 0)
    gtk_editable_set_text (row, value);
  gtk_widget_remove_css_class (GTK_WIDGET (row), "error");
}

static void
on_detail_notify (CrStepSetup *self,
                  GParamSpec  *pspec,
                  CrWorkshop  *workshop)
{
  for (guint i = 0; i < N_DETAILS; i++)
    if (g_strcmp0 (pspec->name, detail_properties[i]) == 0)
      refresh_detail (self, i);
}

/* Saves one detail: the other four are taken from the workshop, so an
 * unapplied edit in another row is never saved by accident. */
static void
on_detail_apply (CrStepSetup *self,
                 AdwEntryRow *row)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  const char *values[N_DETAILS];
  guint detail = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (row), "detail"));

  for (guint i = 0; i < N_DETAILS; i++)
    values[i] = get_detail (cr_step_get_workshop (CR_STEP (self)), i);

  text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (row))));
  values[detail] = text;

  if (detail == DETAIL_DATE && !cr_date_is_valid (text))
    {
      /* Not saved: the row says so, and the facilitator can correct it. */
      gtk_widget_add_css_class (GTK_WIDGET (row), "error");
      return;
    }

  if (!cr_workshop_set_details (cr_step_get_workshop (CR_STEP (self)), values[DETAIL_TITLE], values[DETAIL_ORGANISATION],
                                values[DETAIL_FACILITATOR], values[DETAIL_DATE],
                                values[DETAIL_FUNCTION_NAME], &error))
    {
      gtk_widget_add_css_class (GTK_WIDGET (row), "error");
      cr_widget_show_error (GTK_WIDGET (self), error);
      return;
    }
  refresh_detail (self, detail);
}

static GtkWidget *
create_details_group (CrStepSetup *self)
{
  const char *titles[N_DETAILS] = {
    _("Title"),
    _("Organisation"),
    _("Facilitator"),
    _("Date (YYYY-MM-DD)"),
    _("Name of the function (HR, People, People Experience…)"),
  };
  GtkWidget *group = adw_preferences_group_new ();

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), _("Workshop"));
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group),
                                         _("Press Enter or the tick to save a change."));
  for (guint i = 0; i < N_DETAILS; i++)
    {
      GtkWidget *row = adw_entry_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), titles[i]);
      adw_entry_row_set_show_apply_button (ADW_ENTRY_ROW (row), TRUE);
      if (i == DETAIL_DATE)
        adw_entry_row_set_input_purpose (ADW_ENTRY_ROW (row), GTK_INPUT_PURPOSE_DIGITS);
      gtk_widget_set_name (row, detail_properties[i]);
      g_object_set_data (G_OBJECT (row), "detail", GUINT_TO_POINTER (i));
      g_signal_connect_object (row, "apply", G_CALLBACK (on_detail_apply), self, G_CONNECT_SWAPPED);
      self->detail_rows[i] = ADW_ENTRY_ROW (row);
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
      refresh_detail (self, i);
    }
  return group;
}

/* ---------------------------------------------------------------------- */
/* Participant rows                                                        */

/* The row's widgets; the row holds the participant. */
typedef struct
{
  CrParticipant *participant;
  GtkWidget     *avatar;
  GtkWidget     *name;
  GtkWidget     *role;
} RowParts;

static void
update_count (CrStepSetup *self)
{
  guint n = g_list_model_get_n_items (self->participants);
  guint anonymous = 0;
  g_autofree char *description = NULL;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(CrParticipant) participant = g_list_model_get_item (self->participants, i);

      if (cr_participant_get_name (participant) == NULL)
        anonymous++;
    }

  if (n == 0)
    description = g_strdup (_("Named people or anonymous seats: votes can be recorded for either."));
  else if (anonymous == 0)
    description = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u participant", "%u participants", n), n);
  else
    /* Translators: the first %u counts everyone, the second those without a name */
    description = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                "%u participant, %u of them anonymous",
                                                "%u participants, %u of them anonymous", n),
                                   n, anonymous);
  adw_preferences_group_set_description (self->participants_group, description);
}

static void
refresh_row (GtkWidget *row)
{
  RowParts *parts = cr_editable_rows_get_parts (row);
  g_autofree char *display = NULL;
  g_autofree char *name_label = NULL;
  g_autofree char *role_label = NULL;
  const char *name, *role;

  if (parts == NULL)
    return;

  display = cr_participant_dup_display_name (parts->participant);
  name = cr_participant_get_name (parts->participant);
  role = cr_participant_get_role (parts->participant);

  if (g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (parts->name)), name ? name : "") != 0)
    gtk_editable_set_text (GTK_EDITABLE (parts->name), name ? name : "");
  if (g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (parts->role)), role ? role : "") != 0)
    gtk_editable_set_text (GTK_EDITABLE (parts->role), role ? role : "");

  /* An anonymous seat shows its seat name where a name would be. */
  gtk_entry_set_placeholder_text (GTK_ENTRY (parts->name), display);
  adw_avatar_set_text (ADW_AVATAR (parts->avatar), display);
  adw_avatar_set_show_initials (ADW_AVATAR (parts->avatar), name != NULL);

  /* Translators: accessible names; %s is a participant, e.g. "Ana" or "Seat 3" */
  name_label = g_strdup_printf (_("Name of %s"), display);
  role_label = g_strdup_printf (_("Role of %s"), display);
  cr_widget_set_accessible_label (parts->name, name_label);
  cr_widget_set_accessible_label (parts->role, role_label);
  cr_editable_rows_set_labels (row, display);
}

static void
on_participant_notify (GtkWidget  *row,
                       GParamSpec *pspec,
                       GObject    *participant)
{
  GtkWidget *step = gtk_widget_get_ancestor (row, CR_TYPE_STEP_SETUP);

  refresh_row (row);
  if (step != NULL)
    update_count (CR_STEP_SETUP (step));
}

/* Saves the row's name and role; the core writes nothing, and adds no
 * undo step, when they are what the participant already has. */
static void
commit_row (GtkWidget *step,
            GtkWidget *row)
{
  CrStepSetup *self = CR_STEP_SETUP (step);
  g_autoptr(GError) error = NULL;
  g_autofree char *name = NULL;
  g_autofree char *role = NULL;
  RowParts *parts = cr_editable_rows_get_parts (row);
  guint position;

  if (parts == NULL || !g_list_store_find (G_LIST_STORE (self->participants), parts->participant, &position))
    return;

  name = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (parts->name))));
  role = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (parts->role))));

  if (!cr_workshop_update_participant (cr_step_get_workshop (CR_STEP (self)), parts->participant, name, role, &error))
    {
      refresh_row (row);
      cr_widget_show_error (GTK_WIDGET (self), error);
    }
}

static void
delete_participant (CrStepSetup   *self,
                    CrParticipant *participant)
{
  g_autoptr(GError) error = NULL;
  guint position;

  if (!g_list_store_find (G_LIST_STORE (self->participants), participant, &position))
    return;
  if (!cr_workshop_remove_participant (cr_step_get_workshop (CR_STEP (self)), participant, &error))
    {
      cr_widget_show_error (GTK_WIDGET (self), error);
      return;
    }
  cr_editable_rows_focus_after_remove (self->rows, position);
}

static void
on_remove_response (AdwMessageDialog *dialog,
                    const char       *response,
                    CrStepSetup      *self)
{
  CrParticipant *participant = g_object_get_data (G_OBJECT (dialog), "participant");

  if (g_str_equal (response, "remove"))
    delete_participant (self, participant);
}

/* Someone who has voted, or who agreed to the recorded decision, takes
 * that with them: it is asked first, naming what goes. Anyone else goes at
 * once, with Undo in a toast. */
static void
remove_participant (GtkWidget *step,
                    gpointer   item)
{
  CrStepSetup *self = CR_STEP_SETUP (step);
  CrParticipant *participant = item;
  g_autofree char *name = NULL;
  g_autofree char *body = NULL;
  GtkWidget *dialog;
  GtkRoot *root;
  guint n_votes, n_rounds = 0;
  gboolean agreed;

  n_votes = cr_workshop_count_votes_of (cr_step_get_workshop (CR_STEP (self)), cr_participant_get_id (participant), &n_rounds);
  agreed = cr_decision_has_agreed (cr_workshop_get_decision (cr_step_get_workshop (CR_STEP (self))),
                                   cr_participant_get_id (participant));
  if (n_votes == 0 && !agreed)
    {
      delete_participant (self, participant);
      return;
    }

  name = cr_participant_dup_display_name (participant);
  root = gtk_widget_get_root (GTK_WIDGET (self));
  dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, NULL, NULL);
  /* Translators: %s is a participant's name, or a seat such as "Seat 3" */
  adw_message_dialog_format_heading (ADW_MESSAGE_DIALOG (dialog), _("Remove %s?"), name);
  if (n_votes == 0)
    body = g_strdup (_("They agreed to the recorded decision: their agreement goes with them. Notes they wrote stay, without their name. Undo brings it all back."));
  else if (n_rounds == 1 && agreed)
    /* Translators: %u counts a participant's votes, all in one voting round */
    body = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                         "Their %u vote in one round and their agreement to the recorded decision go with them. Notes they wrote stay, without their name. Undo brings it all back.",
                                         "Their %u votes in one round and their agreement to the recorded decision go with them. Notes they wrote stay, without their name. Undo brings it all back.",
                                         n_votes),
                            n_votes);
  else if (agreed)
    /* Translators: the first %u counts a participant's votes, the second the voting rounds they are in */
    body = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                         "Their %u vote in %u rounds and their agreement to the recorded decision go with them. Notes they wrote stay, without their name. Undo brings it all back.",
                                         "Their %u votes in %u rounds and their agreement to the recorded decision go with them. Notes they wrote stay, without their name. Undo brings it all back.",
                                         n_votes),
                            n_votes, n_rounds);
  else if (n_rounds == 1)
    /* Translators: %u counts a participant's votes, all in one voting round */
    body = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                         "Their %u vote in one round goes with them. Notes they wrote stay, without their name. Undo brings it all back.",
                                         "Their %u votes in one round go with them. Notes they wrote stay, without their name. Undo brings it all back.",
                                         n_votes),
                            n_votes);
  else
    /* Translators: the first %u counts a participant's votes, the second the voting rounds they are in */
    body = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                         "Their %u vote in %u rounds goes with them. Notes they wrote stay, without their name. Undo brings it all back.",
                                         "Their %u votes in %u rounds go with them. Notes they wrote stay, without their name. Undo brings it all back.",
                                         n_votes),
                            n_votes, n_rounds);
  adw_message_dialog_set_body (ADW_MESSAGE_DIALOG (dialog), body);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "remove", _("_Remove"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "remove", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_object_set_data_full (G_OBJECT (dialog), "participant", g_object_ref (participant), g_object_unref);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_remove_response), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static GtkWidget *
create_entry (const char *name,
              const char *placeholder,
              int         width_chars)
{
  GtkWidget *entry = cr_editable_rows_new_entry (name, placeholder, width_chars, CR_TYPE_STEP_SETUP, commit_row);

  gtk_widget_set_hexpand (entry, TRUE);
  return entry;
}

static GtkWidget *
create_row (gpointer item,
            gpointer user_data)
{
  CrParticipant *participant = CR_PARTICIPANT (item);
  RowParts *parts = g_new0 (RowParts, 1);
  GtkWidget *row, *box, *remove;

  parts->participant = participant;

  box = cr_editable_rows_new_box (GTK_ORIENTATION_HORIZONTAL, 12);
  parts->avatar = adw_avatar_new (32, NULL, FALSE);
  parts->name = create_entry ("name", NULL, 12);
  parts->role = create_entry ("role", _("Role"), 10);
  remove = cr_editable_rows_new_remove_button (CR_TYPE_STEP_SETUP, remove_participant);

  gtk_box_append (GTK_BOX (box), parts->avatar);
  gtk_box_append (GTK_BOX (box), parts->name);
  gtk_box_append (GTK_BOX (box), parts->role);
  gtk_box_append (GTK_BOX (box), remove);

  row = cr_editable_rows_new_row (box, G_OBJECT (participant), parts, remove);

  g_signal_connect_object (participant, "notify::display-name",
                           G_CALLBACK (on_participant_notify), row, G_CONNECT_SWAPPED);
  g_signal_connect_object (participant, "notify::role",
                           G_CALLBACK (on_participant_notify), row, G_CONNECT_SWAPPED);
  refresh_row (row);
  return row;
}

static void
on_participants_changed (CrStepSetup *self,
                         guint        position,
                         guint        removed,
                         guint        added,
                         GListModel  *model)
{
  /* Someone added is shown at once, even past the rows built so far. */
  if (added > 0 && position + added > gtk_slice_list_model_get_size (self->shown))
    gtk_slice_list_model_set_size (self->shown, position + added);
  update_count (self);
}

static gboolean
show_more (gpointer user_data)
{
  CrStepSetup *self = user_data;

  self->show_more_source = 0;
  gtk_slice_list_model_set_size (self->shown, gtk_slice_list_model_get_size (self->shown) + ROWS_PER_PAGE);
  return G_SOURCE_REMOVE;
}

/* Builds the next rows before the list is scrolled to its end, so scrolling
 * and Tab never meet the end of a partial list; in an idle, since this runs
 * while the page is being laid out. */
static void
maybe_show_more (CrStepSetup   *self,
                 GtkAdjustment *adjustment)
{
  double page_size = gtk_adjustment_get_page_size (adjustment);

  if (page_size <= 0 || self->show_more_source != 0)
    return;
  if (gtk_slice_list_model_get_size (self->shown) >= g_list_model_get_n_items (self->participants))
    return;
  if (gtk_adjustment_get_value (adjustment) + 1.5 * page_size >= gtk_adjustment_get_upper (adjustment))
    self->show_more_source = g_idle_add (show_more, self);
}

/* ---------------------------------------------------------------------- */
/* Adding                                                                  */

/* Each person added grows the list above the entries, which keep the
 * focus: the viewport scrolls to a focus that moves, not to one that is
 * pushed down, and after a few names the facilitator typed below the
 * window's edge. While the keyboard is in that row, it stays in sight. */
static void
keep_add_row_in_view (CrStepSetup *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *focus = root != NULL ? gtk_root_get_focus (root) : NULL;

  if (focus != NULL && gtk_widget_is_ancestor (focus, cr_editable_rows_get_add_row (self->rows)))
    cr_scroll_focus_into_view (GTK_WIDGET (self));
}

/* The rows' "add": a person from the entries, named or an anonymous seat. */
static gboolean
on_add (CrStepSetup *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *name = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->add_name))));
  g_autofree char *role = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->add_role))));

  if (cr_workshop_add_participant (cr_step_get_workshop (CR_STEP (self)), name, role, &error) == NULL)
    {
      cr_widget_show_error (GTK_WIDGET (self), error);
      return FALSE;
    }
  return TRUE;
}

static void
on_add_seat_clicked (CrStepSetup *self)
{
  g_autoptr(GError) error = NULL;

  if (cr_workshop_add_participant (cr_step_get_workshop (CR_STEP (self)), NULL, "", &error) == NULL)
    cr_widget_show_error (GTK_WIDGET (self), error);
}

static GtkWidget *
create_rows (CrStepSetup *self)
{
  GtkWidget *box = cr_editable_rows_new_box (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *icon = gtk_image_new_from_icon_name ("list-add-symbolic");

  self->rows = CR_EDITABLE_ROWS (cr_editable_rows_new ("participants", _("Participants"),
                                                       cr_step_new_placeholder (_("No participants yet. Add them by name, as anonymous seats, or paste a list.")),
                                                       "add-participant", _("Add participant")));
  self->list_box = cr_editable_rows_get_list (self->rows);
  g_signal_connect_object (self->rows, "add", G_CALLBACK (on_add), self, G_CONNECT_SWAPPED);

  gtk_widget_set_size_request (icon, 32, -1);
  self->add_name = GTK_ENTRY (cr_editable_rows_new_add_entry (self->rows, "add-name", _("Name, or empty for an anonymous seat"),
                                                              _("Name of the new participant"), 12));
  gtk_widget_set_hexpand (GTK_WIDGET (self->add_name), TRUE);
  self->add_role = GTK_ENTRY (cr_editable_rows_new_add_entry (self->rows, "add-role", _("Role"),
                                                              _("Role of the new participant"), 10));
  gtk_widget_set_hexpand (GTK_WIDGET (self->add_role), TRUE);

  gtk_box_append (GTK_BOX (box), icon);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->add_name));
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->add_role));
  gtk_box_append (GTK_BOX (box), cr_editable_rows_get_add_button (self->rows));
  cr_editable_rows_set_add_fields (self->rows, box);
  return GTK_WIDGET (self->rows);
}

/* ---------------------------------------------------------------------- */
/* Paste a list                                                            */

static GPtrArray *
parse_buffer (GtkTextBuffer *buffer)
{
  GtkTextIter start, end;
  g_autofree char *text = NULL;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  text = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
  return cr_paste_parse (text);
}

static void
on_paste_buffer_changed (GtkTextBuffer *buffer,
                         GtkWidget     *dialog)
{
  g_autoptr(GPtrArray) entries = parse_buffer (buffer);
  g_autofree char *preview = cr_paste_describe (entries);
  GtkWidget *label = g_object_get_data (G_OBJECT (dialog), "preview");
  GtkWidget *add = g_object_get_data (G_OBJECT (dialog), "add");

  gtk_label_set_text (GTK_LABEL (label), preview);
  gtk_widget_set_sensitive (add, entries->len > 0);
}

static void
on_paste_add (GtkWidget *button,
              GtkWidget *dialog)
{
  CrStepSetup *self = g_object_get_data (G_OBJECT (dialog), "step");
  GtkTextBuffer *buffer = g_object_get_data (G_OBJECT (dialog), "buffer");
  g_autoptr(GPtrArray) entries = parse_buffer (buffer);

  /* One change per person, so Undo takes them back one at a time. */
  for (guint i = 0; i < entries->len; i++)
    {
      const CrPasteEntry *entry = g_ptr_array_index (entries, i);
      g_autoptr(GError) error = NULL;

      if (cr_workshop_add_participant (cr_step_get_workshop (CR_STEP (self)), entry->name, entry->role, &error) == NULL)
        {
          cr_widget_show_error (GTK_WIDGET (self), error);
          break;
        }
    }
  gtk_window_destroy (GTK_WINDOW (dialog));
}

static gboolean
on_paste_shortcut (GtkWidget *dialog,
                   GVariant  *args,
                   gpointer   user_data)
{
  GtkWidget *add = g_object_get_data (G_OBJECT (dialog), "add");

  if (gtk_widget_get_sensitive (add))
    on_paste_add (add, dialog);
  return TRUE;
}

static void
on_paste_clicked (CrStepSetup *self)
{
  GtkWidget *dialog, *box, *header, *cancel, *add, *body, *intro, *scroller, *view, *preview;
  GtkEventController *shortcuts;
  GtkTextBuffer *buffer;
  GtkRoot *root;

  if (self->paste_dialog != NULL)
    {
      gtk_window_present (GTK_WINDOW (self->paste_dialog));
      return;
    }

  dialog = adw_window_new ();
  gtk_widget_set_name (dialog, "paste-dialog");
  gtk_window_set_title (GTK_WINDOW (dialog), _("Paste a List of Participants"));
  gtk_window_set_modal (GTK_WINDOW (dialog), TRUE);
  gtk_window_set_default_size (GTK_WINDOW (dialog), 480, 440);
  root = gtk_widget_get_root (GTK_WIDGET (self));
  if (GTK_IS_WINDOW (root))
    gtk_window_set_transient_for (GTK_WINDOW (dialog), GTK_WINDOW (root));

  header = adw_header_bar_new ();
  adw_header_bar_set_show_end_title_buttons (ADW_HEADER_BAR (header), FALSE);
  cancel = gtk_button_new_with_mnemonic (_("_Cancel"));
  g_signal_connect_swapped (cancel, "clicked", G_CALLBACK (gtk_window_destroy), dialog);
  add = gtk_button_new_with_mnemonic (_("_Add All"));
  gtk_widget_set_name (add, "paste-add");
  gtk_widget_add_css_class (add, "suggested-action");
  gtk_widget_set_sensitive (add, FALSE);
  g_signal_connect (add, "clicked", G_CALLBACK (on_paste_add), dialog);
  adw_header_bar_pack_start (ADW_HEADER_BAR (header), cancel);
  adw_header_bar_pack_end (ADW_HEADER_BAR (header), add);

  intro = gtk_label_new (_("One participant a line: “Name, Role”, “Name – Role”, or a name alone. "
                           "A line such as “3 seats” adds anonymous seats."));
  gtk_label_set_wrap (GTK_LABEL (intro), TRUE);
  gtk_label_set_xalign (GTK_LABEL (intro), 0);

  view = gtk_text_view_new ();
  gtk_widget_set_name (view, "paste-text");
  gtk_text_view_set_wrap_mode (GTK_TEXT_VIEW (view), GTK_WRAP_WORD_CHAR);
  gtk_text_view_set_top_margin (GTK_TEXT_VIEW (view), 6);
  gtk_text_view_set_bottom_margin (GTK_TEXT_VIEW (view), 6);
  gtk_text_view_set_left_margin (GTK_TEXT_VIEW (view), 6);
  gtk_text_view_set_right_margin (GTK_TEXT_VIEW (view), 6);
  gtk_accessible_update_relation (GTK_ACCESSIBLE (view),
                                  GTK_ACCESSIBLE_RELATION_DESCRIBED_BY, intro, NULL,
                                  -1);
  cr_widget_set_accessible_label (view, _("Pasted list of participants"));
  buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (view));

  scroller = gtk_scrolled_window_new ();
  gtk_widget_set_vexpand (scroller, TRUE);
  gtk_widget_add_css_class (scroller, "card");
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), view);

  preview = gtk_label_new (_("No participants"));
  gtk_widget_set_name (preview, "paste-preview");
  gtk_widget_add_css_class (preview, "heading");
  gtk_label_set_xalign (GTK_LABEL (preview), 0);
  gtk_accessible_update_property (GTK_ACCESSIBLE (preview),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, _("Participants to add"),
                                  -1);

  body = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  gtk_widget_set_margin_top (body, 12);
  gtk_widget_set_margin_bottom (body, 12);
  gtk_widget_set_margin_start (body, 12);
  gtk_widget_set_margin_end (body, 12);
  gtk_box_append (GTK_BOX (body), intro);
  gtk_box_append (GTK_BOX (body), scroller);
  gtk_box_append (GTK_BOX (body), preview);

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  gtk_box_append (GTK_BOX (box), header);
  gtk_box_append (GTK_BOX (box), body);
  adw_window_set_content (ADW_WINDOW (dialog), box);

  g_object_set_data (G_OBJECT (dialog), "step", self);
  g_object_set_data (G_OBJECT (dialog), "buffer", buffer);
  g_object_set_data (G_OBJECT (dialog), "preview", preview);
  g_object_set_data (G_OBJECT (dialog), "add", add);
  g_signal_connect (buffer, "changed", G_CALLBACK (on_paste_buffer_changed), dialog);

  /* Escape cancels; Ctrl+Enter adds without leaving the text. Caught
   * before the text view, which would take Ctrl+Enter as a new line. */
  shortcuts = gtk_shortcut_controller_new ();
  gtk_event_controller_set_propagation_phase (shortcuts, GTK_PHASE_CAPTURE);
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts),
                                        gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_Escape, 0),
                                                          gtk_named_action_new ("window.close")));
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts),
                                        gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_Return, GDK_CONTROL_MASK),
                                                          gtk_callback_action_new (on_paste_shortcut, NULL, NULL)));
  gtk_widget_add_controller (dialog, shortcuts);

  self->paste_dialog = dialog;
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &self->paste_dialog);
  gtk_window_present (GTK_WINDOW (dialog));
  gtk_widget_grab_focus (view);
}

/* ---------------------------------------------------------------------- */

static GtkWidget *
create_participants_group (CrStepSetup *self)
{
  GtkWidget *group = adw_preferences_group_new ();
  GtkWidget *buttons = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *seat = gtk_button_new_with_mnemonic (_("Add Anonymous _Seat"));
  GtkWidget *paste = gtk_button_new_with_mnemonic (_("_Paste a List…"));

  self->participants_group = ADW_PREFERENCES_GROUP (group);
  adw_preferences_group_set_title (self->participants_group, _("Participants"));

  gtk_widget_set_name (seat, "add-seat");
  gtk_widget_set_valign (seat, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (seat, _("A seat for someone who votes without a name"));
  g_signal_connect_object (seat, "clicked", G_CALLBACK (on_add_seat_clicked), self, G_CONNECT_SWAPPED);
  gtk_widget_set_name (paste, "paste");
  gtk_widget_set_valign (paste, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (paste, _("Add several participants at once from a pasted list"));
  g_signal_connect_object (paste, "clicked", G_CALLBACK (on_paste_clicked), self, G_CONNECT_SWAPPED);
  gtk_box_append (GTK_BOX (buttons), seat);
  gtk_box_append (GTK_BOX (buttons), paste);
  adw_preferences_group_set_header_suffix (self->participants_group, buttons);

  adw_preferences_group_add (self->participants_group, create_rows (self));
  gtk_list_box_bind_model (self->list_box, G_LIST_MODEL (self->shown), create_row, NULL, NULL);
  update_count (self);
  return group;
}

static void
cr_step_setup_dispose (GObject *object)
{
  CrStepSetup *self = (CrStepSetup *)object;

  if (self->paste_dialog != NULL)
    gtk_window_destroy (GTK_WINDOW (self->paste_dialog));
  if (cr_step_get_workshop (CR_STEP (self)) != NULL)
    g_signal_handlers_disconnect_by_data (cr_step_get_workshop (CR_STEP (self)), self);
  if (self->participants != NULL)
    g_signal_handlers_disconnect_by_data (self->participants, self);
  if (self->list_box != NULL)
    gtk_list_box_bind_model (self->list_box, NULL, NULL, NULL, NULL);
  g_clear_handle_id (&self->show_more_source, g_source_remove);

  G_OBJECT_CLASS (cr_step_setup_parent_class)->dispose (object);

  g_clear_object (&self->shown);
  g_clear_object (&self->participants);
}

static void
cr_step_setup_constructed (GObject *object)
{
  CrStepSetup *self = CR_STEP_SETUP (object);
  CrWorkshop *workshop;
  GtkBox *box;
  GtkAdjustment *adjustment;

  G_OBJECT_CLASS (cr_step_setup_parent_class)->constructed (object);

  workshop = cr_step_get_workshop (CR_STEP (self));
  self->participants = g_object_ref (cr_workshop_get_participants (workshop));
  self->shown = gtk_slice_list_model_new (g_object_ref (self->participants), 0, ROWS_PER_PAGE);

  box = cr_step_get_content (CR_STEP (self));
  gtk_box_append (box, create_details_group (self));
  gtk_box_append (box, create_participants_group (self));

  adjustment = gtk_scrolled_window_get_vadjustment (cr_step_get_scroller (CR_STEP (self)));
  g_signal_connect_object (adjustment, "value-changed", G_CALLBACK (maybe_show_more), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (adjustment, "changed", G_CALLBACK (maybe_show_more), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (adjustment, "changed", G_CALLBACK (keep_add_row_in_view), self, G_CONNECT_SWAPPED);

  for (guint i = 0; i < N_DETAILS; i++)
    {
      g_autofree char *signal = g_strdup_printf ("notify::%s", detail_properties[i]);

      g_signal_connect_object (workshop, signal, G_CALLBACK (on_detail_notify), self, G_CONNECT_SWAPPED);
    }
  g_signal_connect_object (self->participants, "items-changed",
                           G_CALLBACK (on_participants_changed), self, G_CONNECT_SWAPPED);
}

static void
cr_step_setup_class_init (CrStepSetupClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = cr_step_setup_constructed;
  object_class->dispose = cr_step_setup_dispose;
}

static void
cr_step_setup_init (CrStepSetup *self)
{
}

GtkWidget *
cr_step_setup_new (CrWorkshop *workshop)
{
  g_return_val_if_fail (CR_IS_WORKSHOP (workshop), NULL);

  return g_object_new (CR_TYPE_STEP_SETUP, "workshop", workshop, NULL);
}
