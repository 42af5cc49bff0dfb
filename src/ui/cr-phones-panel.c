/* cr-phones-panel.c: votes from phones, on a question's vote step
 *
 * The facilitator's side of the phone server: the switch, how the room
 * joins (a QR code, the address in large type, the room code), who joined,
 * and the server's few controls. It shows who holds a seat, never what
 * anyone voted: the step's own rows say who has voted.
 *
 * When nobody has joined a while after phones were turned on, the usual
 * cause is a network that keeps devices apart (a guest Wi-Fi), a firewall
 * or a VPN address; the panel says so and offers the laptop's ballots.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "crossroads-phones-panel"

#include "config.h"

#include <glib/gi18n.h>

#include "cr-phone-address.h"
#include "cr-phones-panel.h"
#include "cr-qr-area.h"
#include "cr-widget-util.h"

#define QR_SIZE 168
#define PARTICIPANT_ID_KEY "cr-participant-id"

struct _CrPhonesPanel
{
  AdwBin          parent_instance;

  CrWorkshop     *workshop;
  CrPhoneServer  *server;
  GPtrArray      *addresses;      /* CrPhoneAddress*, when phones were last turned on */
  guint           hint_source;
  gboolean        syncing;

  GtkWidget      *phones_switch;
  GtkWidget      *no_network_row;
  AdwComboRow    *address_row;
  GtkWidget      *join_box;
  GtkWidget      *qr;
  GtkLabel       *url_label;
  GtkLabel       *code_label;
  GtkLabel       *closed_label;
  GtkWidget      *stuck_box;
  GtkWidget      *seats_group;
  AdwExpanderRow *seats_row;
  GPtrArray      *seat_rows;      /* the rows of seats in seats_row */
  GtkSpinButton  *cap_spin;
  GtkButton      *joining_button;
  GSimpleAction  *show_results;   /* phones.show-results */
};

G_DEFINE_FINAL_TYPE (CrPhonesPanel, cr_phones_panel, ADW_TYPE_BIN)

enum {
  USE_LAPTOP,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static guint
hint_seconds (void)
{
  const char *test = g_getenv ("CROSSROADS_PHONES_TEST_HINT_SECONDS");

  if (test != NULL && test[0] != '\0')
    return (guint) g_ascii_strtoull (test, NULL, 10);
  return CR_PHONES_PANEL_HINT_SECONDS;
}

static gboolean
is_running (CrPhonesPanel *self)
{
  return self->server != NULL && cr_phone_server_get_running (self->server);
}

static void
report (CrPhonesPanel *self,
        const GError  *error)
{
  if (error != NULL)
    cr_widget_show_error (GTK_WIDGET (self), error);
}

/* ---- Who joined ---------------------------------------------------------- */

static CrParticipant *
find_participant (CrPhonesPanel *self,
                  gint64         id)
{
  GListModel *participants = cr_workshop_get_participants (self->workshop);

  for (guint i = 0; i < g_list_model_get_n_items (participants); i++)
    {
      g_autoptr(CrParticipant) participant = g_list_model_get_item (participants, i);

      if (cr_participant_get_id (participant) == id)
        return participant;
    }
  return NULL;
}

static void
on_release_clicked (GtkButton     *button,
                    CrPhonesPanel *self)
{
  gint64 *id = g_object_get_data (G_OBJECT (button), PARTICIPANT_ID_KEY);
  g_autoptr(GError) error = NULL;

  if (self->server != NULL && !cr_phone_server_release_claim (self->server, *id, &error))
    report (self, error);
}

static void
update_seats (CrPhonesPanel *self)
{
  g_autoptr(GArray) claims = NULL;
  g_autofree char *description = NULL;
  guint n_phones;

  for (guint i = 0; i < self->seat_rows->len; i++)
    adw_expander_row_remove (self->seats_row, g_ptr_array_index (self->seat_rows, i));
  g_ptr_array_set_size (self->seat_rows, 0);
  if (self->server == NULL)
    return;

  /* Phones holding a seat, not phones that ever joined: a phone that went
   * away keeps its session for good (the laptop cannot tell it left), so
   * after its seat was released it would be counted for the rest of the
   * workshop. One seat is held by one phone. */
  claims = cr_phone_server_dup_claims (self->server);
  n_phones = claims->len;
  description = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                              /* Translators: how many phones hold a participant's seat */
                                              "%u phone has a seat",
                                              "%u phones have a seat",
                                              n_phones),
                                 n_phones);
  adw_expander_row_set_subtitle (self->seats_row, description);

  for (guint i = 0; i < claims->len; i++)
    {
      gint64 id = g_array_index (claims, gint64, i);
      CrParticipant *participant = find_participant (self, id);
      g_autofree char *name = participant != NULL ? cr_participant_dup_display_name (participant) : NULL;
      g_autofree char *release_name = NULL;
      GtkWidget *row = cr_widget_plain_row_new (name != NULL ? name : "", NULL);
      GtkWidget *release = gtk_button_new_with_label (_("Release"));

      gtk_widget_set_valign (release, GTK_ALIGN_CENTER);
      gtk_widget_set_tooltip_text (release, _("The phone goes back to choosing a seat; its ballots stay"));
      /* Translators: a button that frees a seat a phone holds; %s is the participant */
      release_name = g_strdup_printf (_("Release the seat of %s"), name != NULL ? name : "");
      gtk_accessible_update_property (GTK_ACCESSIBLE (release), GTK_ACCESSIBLE_PROPERTY_LABEL, release_name, -1);
      g_object_set_data_full (G_OBJECT (release), PARTICIPANT_ID_KEY, g_memdup2 (&id, sizeof id), g_free);
      g_signal_connect_object (release, "clicked", G_CALLBACK (on_release_clicked), self, 0);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), release);
      adw_expander_row_add_row (self->seats_row, row);
      g_ptr_array_add (self->seat_rows, row);
    }
}

/* ---- Nobody joined ------------------------------------------------------- */

static void
update_stuck (CrPhonesPanel *self)
{
  gboolean stuck = is_running (self) && self->hint_source == 0 &&
                   cr_phone_server_get_n_phones (self->server) == 0;

  gtk_widget_set_visible (self->stuck_box, stuck);
}

static gboolean
on_hint_due (gpointer data)
{
  CrPhonesPanel *self = data;

  self->hint_source = 0;
  update_stuck (self);
  return G_SOURCE_REMOVE;
}

static void
start_hint_clock (CrPhonesPanel *self)
{
  g_clear_handle_id (&self->hint_source, g_source_remove);
  self->hint_source = g_timeout_add_seconds (hint_seconds (), on_hint_due, self);
}

static void
on_use_laptop_clicked (CrPhonesPanel *self)
{
  g_signal_emit (self, signals[USE_LAPTOP], 0);
}

/* ---- The whole panel ----------------------------------------------------- */

static void
update_addresses (CrPhonesPanel *self)
{
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  const char *current = self->server != NULL ? cr_phone_server_get_address (self->server) : NULL;
  guint selected = 0;

  g_clear_pointer (&self->addresses, g_ptr_array_unref);
  self->addresses = cr_phone_server_list_addresses ();
  for (guint i = 0; i < self->addresses->len; i++)
    {
      const CrPhoneAddress *address = g_ptr_array_index (self->addresses, i);
      /* Translators: a network address and the interface it is on, e.g. "192.168.1.23 (wlan0)" */
      g_autofree char *name = g_strdup_printf (_("%s (%s)"), address->address, address->interface);

      gtk_string_list_append (names, name);
      if (g_strcmp0 (current, address->address) == 0)
        selected = i;
    }
  self->syncing = TRUE;
  adw_combo_row_set_model (self->address_row, G_LIST_MODEL (names));
  adw_combo_row_set_selected (self->address_row, selected);
  self->syncing = FALSE;
}

static void
update (CrPhonesPanel *self)
{
  gboolean running = is_running (self);
  gboolean joining = running && cr_phone_server_get_joining (self->server);
  gboolean offline = self->addresses != NULL && self->addresses->len == 0 && !running;

  /* The switch shows whether phones are on, also after a refused start. */
  self->syncing = TRUE;
  gtk_switch_set_active (GTK_SWITCH (self->phones_switch), running);
  self->syncing = FALSE;
  gtk_widget_set_visible (self->no_network_row, offline);
  gtk_widget_set_visible (GTK_WIDGET (self->address_row),
                          running && self->addresses != NULL && self->addresses->len > 1);
  gtk_widget_set_visible (self->join_box, running);
  gtk_widget_set_visible (self->seats_group, running);

  if (running)
    {
      const char *url = cr_phone_server_get_join_url (self->server);
      const char *code = cr_phone_server_get_room_code (self->server);
      /* Translators: the code typed on the join page instead of scanning, e.g. "Room code: ABC346" */
      g_autofree char *code_line = g_strdup_printf (_("Room code: %s"), code != NULL ? code : "");

      /* The old code must not stay readable once joining is closed. */
      cr_qr_area_set_text (CR_QR_AREA (self->qr), joining ? url : NULL);
      gtk_widget_set_visible (self->qr, joining);
      gtk_label_set_label (self->url_label, url);
      gtk_widget_set_visible (GTK_WIDGET (self->url_label), joining);
      gtk_label_set_label (self->code_label, code_line);
      gtk_widget_set_visible (GTK_WIDGET (self->code_label), joining);
      gtk_widget_set_visible (GTK_WIDGET (self->closed_label), !joining);
      gtk_button_set_label (self->joining_button, joining ? _("_Stop Joining") : _("_Open Joining"));
      self->syncing = TRUE;
      gtk_spin_button_set_value (self->cap_spin, cr_phone_server_get_seat_cap (self->server));
      self->syncing = FALSE;
    }
  update_stuck (self);
  update_seats (self);
}

/* The laptop may have joined a network since the step was last shown. */
static void
on_map (CrPhonesPanel *self)
{
  if (!is_running (self))
    {
      update_addresses (self);
      update (self);
    }
}

static void
on_running_changed (CrPhonesPanel *self)
{
  /* Listed again either way: a start refused for want of a network says
   * so at once. */
  update_addresses (self);
  if (is_running (self))
    start_hint_clock (self);
  else
    g_clear_handle_id (&self->hint_source, g_source_remove);
  update (self);
}

/* Not bound to win.phones as an actionable: a start the window refuses (no
 * network) leaves the action's state as it was, and the switch would stay
 * on. It asks the window, then shows what came of it. */
static void
on_switch_active (CrPhonesPanel *self)
{
  if (self->syncing)
    return;
  if (gtk_switch_get_active (GTK_SWITCH (self->phones_switch)) != is_running (self))
    gtk_widget_activate_action (GTK_WIDGET (self), "win.phones", NULL);
  update (self);
}

static void
on_address_selected (CrPhonesPanel *self)
{
  guint selected = adw_combo_row_get_selected (self->address_row);
  const CrPhoneAddress *address;
  g_autoptr(GError) error = NULL;

  if (self->syncing || self->server == NULL || self->addresses == NULL || selected >= self->addresses->len)
    return;
  address = g_ptr_array_index (self->addresses, selected);
  if (g_strcmp0 (address->address, cr_phone_server_get_address (self->server)) == 0)
    return;
  /* Another network is another join address: serve there instead. */
  cr_phone_server_stop (self->server);
  cr_phone_server_set_address (self->server, address->address);
  if (!cr_phone_server_start (self->server, &error))
    report (self, error);
}

static void
on_new_code_clicked (CrPhonesPanel *self)
{
  g_autoptr(GError) error = NULL;

  if (self->server != NULL && !cr_phone_server_renew_token (self->server, &error))
    report (self, error);
}

/* The revealed result on the phones is the facilitator's choice: in some
 * rooms people should talk before they see their own numbers. */
static void
on_show_results_change_state (GSimpleAction *action,
                              GVariant      *state,
                              CrPhonesPanel *self)
{
  if (self->server == NULL)
    return;
  cr_phone_server_set_show_results (self->server, g_variant_get_boolean (state));
  g_simple_action_set_state (action, state);
}

static void
sync_show_results (CrPhonesPanel *self)
{
  gboolean show = self->server != NULL && cr_phone_server_get_show_results (self->server);

  g_simple_action_set_enabled (self->show_results, self->server != NULL);
  g_simple_action_set_state (self->show_results, g_variant_new_boolean (show));
}

static void
on_joining_clicked (CrPhonesPanel *self)
{
  g_autoptr(GError) error = NULL;

  if (self->server != NULL &&
      !cr_phone_server_set_joining (self->server, !cr_phone_server_get_joining (self->server), &error))
    report (self, error);
}

static void
on_cap_changed (CrPhonesPanel *self)
{
  g_autoptr(GError) error = NULL;

  if (self->syncing || self->server == NULL)
    return;
  if (!cr_phone_server_set_seat_cap (self->server, (guint) gtk_spin_button_get_value_as_int (self->cap_spin), &error))
    report (self, error);
}

static void
on_n_phones_changed (CrPhonesPanel *self)
{
  update_stuck (self);
  update_seats (self);
}

/* ---- Building ------------------------------------------------------------ */

static GtkWidget *
wrapping_label (const char *text,
                const char *css_class)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_xalign (GTK_LABEL (label), 0.0);
  if (css_class != NULL)
    gtk_widget_add_css_class (label, css_class);
  return label;
}

static GtkWidget *
build_stuck_box (CrPhonesPanel *self)
{
  GtkWidget *card = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *button = gtk_button_new_with_mnemonic (_("Use the _Laptop’s Ballots"));

  gtk_widget_add_css_class (card, "card");
  gtk_widget_set_margin_top (card, 6);
  gtk_widget_set_margin_top (box, 12);
  gtk_widget_set_margin_bottom (box, 12);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  gtk_box_append (GTK_BOX (card), box);
  gtk_box_append (GTK_BOX (box), wrapping_label (_("Nobody has joined yet"), "heading"));
  gtk_box_append (GTK_BOX (box),
                  wrapping_label (_("Phones usually cannot reach the laptop for one of these reasons: a guest Wi-Fi that keeps devices apart, a firewall on the laptop, or an address of a VPN rather than of the room’s network. Try another network or a hotspot from this laptop, or record the ballots here."), NULL));
  gtk_widget_set_halign (button, GTK_ALIGN_START);
  g_signal_connect_object (button, "clicked", G_CALLBACK (on_use_laptop_clicked), self, G_CONNECT_SWAPPED);
  gtk_box_append (GTK_BOX (box), button);
  return card;
}

static GtkWidget *
build_join_box (CrPhonesPanel *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 18);
  GtkWidget *text = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *buttons = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *new_code = gtk_button_new_with_mnemonic (_("_New Code"));
  GtkWidget *qr_box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);

  self->qr = cr_qr_area_new (NULL, QR_SIZE);
  gtk_widget_set_name (self->qr, "phones-qr");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->qr), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("QR code of the join address"), -1);
  gtk_widget_set_valign (self->qr, GTK_ALIGN_START);
  gtk_box_append (GTK_BOX (qr_box), self->qr);
  gtk_box_append (GTK_BOX (box), qr_box);

  gtk_widget_set_hexpand (text, TRUE);
  self->url_label = GTK_LABEL (wrapping_label (NULL, "title-3"));
  gtk_widget_set_name (GTK_WIDGET (self->url_label), "phones-url");
  gtk_label_set_selectable (self->url_label, TRUE);
  gtk_box_append (GTK_BOX (text), GTK_WIDGET (self->url_label));
  self->code_label = GTK_LABEL (wrapping_label (NULL, "title-2"));
  gtk_widget_set_name (GTK_WIDGET (self->code_label), "phones-code");
  gtk_box_append (GTK_BOX (text), GTK_WIDGET (self->code_label));
  self->closed_label = GTK_LABEL (wrapping_label (_("Joining is closed: phones that joined go on voting, no new phone can join."), "dim-label"));
  gtk_box_append (GTK_BOX (text), GTK_WIDGET (self->closed_label));
  gtk_box_append (GTK_BOX (text),
                  wrapping_label (_("Scan it with your own phone first: if your phone opens the page, the room’s phones will too."), "dim-label"));

  gtk_widget_set_tooltip_text (new_code, _("A new address and room code: the old QR code stops working, phones that joined keep their seats"));
  g_signal_connect_object (new_code, "clicked", G_CALLBACK (on_new_code_clicked), self, G_CONNECT_SWAPPED);
  gtk_box_append (GTK_BOX (buttons), new_code);
  self->joining_button = GTK_BUTTON (gtk_button_new_with_mnemonic (_("_Stop Joining")));
  g_signal_connect_object (self->joining_button, "clicked", G_CALLBACK (on_joining_clicked), self, G_CONNECT_SWAPPED);
  gtk_box_append (GTK_BOX (buttons), GTK_WIDGET (self->joining_button));
  gtk_widget_set_margin_top (buttons, 6);
  gtk_box_append (GTK_BOX (text), buttons);

  self->stuck_box = build_stuck_box (self);
  gtk_box_append (GTK_BOX (text), self->stuck_box);

  gtk_box_append (GTK_BOX (box), text);
  return box;
}

static void
cr_phones_panel_dispose (GObject *object)
{
  CrPhonesPanel *self = CR_PHONES_PANEL (object);

  cr_phones_panel_set_server (self, NULL);
  g_clear_handle_id (&self->hint_source, g_source_remove);
  g_clear_pointer (&self->addresses, g_ptr_array_unref);
  g_clear_object (&self->workshop);
  g_clear_object (&self->show_results);

  G_OBJECT_CLASS (cr_phones_panel_parent_class)->dispose (object);
}

static void
cr_phones_panel_finalize (GObject *object)
{
  CrPhonesPanel *self = CR_PHONES_PANEL (object);

  g_clear_pointer (&self->seat_rows, g_ptr_array_unref);

  G_OBJECT_CLASS (cr_phones_panel_parent_class)->finalize (object);
}

static void
cr_phones_panel_class_init (CrPhonesPanelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = cr_phones_panel_dispose;
  object_class->finalize = cr_phones_panel_finalize;

  /* The facilitator takes the ballots on the laptop instead of phones. */
  signals[USE_LAPTOP] = g_signal_new ("use-laptop", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                      0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
cr_phones_panel_init (CrPhonesPanel *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  GtkWidget *group = adw_preferences_group_new ();
  GtkWidget *switch_row = adw_action_row_new ();
  GtkWidget *cap_row = adw_action_row_new ();
  GtkWidget *results_row = adw_action_row_new ();
  GtkWidget *results_switch = gtk_switch_new ();
  g_autoptr(GSimpleActionGroup) actions = g_simple_action_group_new ();
  GtkWidget *use_laptop = gtk_button_new_with_mnemonic (_("Use the _Laptop’s Ballots"));

  self->seat_rows = g_ptr_array_new ();
  self->show_results = g_simple_action_new_stateful ("show-results", NULL, g_variant_new_boolean (FALSE));
  g_simple_action_set_enabled (self->show_results, FALSE);
  g_signal_connect_object (self->show_results, "change-state", G_CALLBACK (on_show_results_change_state), self, 0);
  g_action_map_add_action (G_ACTION_MAP (actions), G_ACTION (self->show_results));
  gtk_widget_insert_action_group (GTK_WIDGET (self), "phones", G_ACTION_GROUP (actions));
  g_signal_connect (self, "map", G_CALLBACK (on_map), NULL);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (switch_row), _("_Votes From Phones"));
  adw_preferences_row_set_use_underline (ADW_PREFERENCES_ROW (switch_row), TRUE);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (switch_row),
                               _("The room votes on its own phones over this laptop’s network; nobody sees a vote before Reveal"));
  self->phones_switch = gtk_switch_new ();
  gtk_widget_set_name (self->phones_switch, "phones-switch");
  gtk_widget_set_valign (self->phones_switch, GTK_ALIGN_CENTER);
  g_signal_connect_object (self->phones_switch, "notify::active", G_CALLBACK (on_switch_active), self,
                           G_CONNECT_SWAPPED);
  adw_action_row_add_suffix (ADW_ACTION_ROW (switch_row), self->phones_switch);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (switch_row), self->phones_switch);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), switch_row);

  self->no_network_row = adw_action_row_new ();
  gtk_widget_set_name (self->no_network_row, "phones-no-network");
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->no_network_row), _("No Network for Phones"));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (self->no_network_row),
                               _("This laptop is on no local network the room’s phones could reach. Record the ballots on this laptop, or count hands."));
  adw_action_row_set_icon_name (ADW_ACTION_ROW (self->no_network_row), "network-offline-symbolic");
  gtk_widget_set_valign (use_laptop, GTK_ALIGN_CENTER);
  g_signal_connect_object (use_laptop, "clicked", G_CALLBACK (on_use_laptop_clicked), self, G_CONNECT_SWAPPED);
  adw_action_row_add_suffix (ADW_ACTION_ROW (self->no_network_row), use_laptop);
  gtk_widget_set_visible (self->no_network_row, FALSE);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), self->no_network_row);

  self->address_row = ADW_COMBO_ROW (adw_combo_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->address_row), _("Network"));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (self->address_row), _("The one the room’s phones are on, not a VPN"));
  g_signal_connect_object (self->address_row, "notify::selected", G_CALLBACK (on_address_selected), self, G_CONNECT_SWAPPED);
  gtk_widget_set_visible (GTK_WIDGET (self->address_row), FALSE);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), GTK_WIDGET (self->address_row));
  gtk_box_append (GTK_BOX (box), group);

  self->join_box = build_join_box (self);
  gtk_widget_set_visible (self->join_box, FALSE);
  gtk_box_append (GTK_BOX (box), self->join_box);

  /* Who joined, one row until opened: the step's own rows come first. */
  self->seats_group = adw_preferences_group_new ();
  self->seats_row = ADW_EXPANDER_ROW (adw_expander_row_new ());
  gtk_widget_set_name (GTK_WIDGET (self->seats_row), "phones-seats");
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->seats_row), _("Seats Taken by Phones"));
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (cap_row), _("Most Seats"));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (cap_row), _("How many phones may take a seat; 0 for no limit"));
  self->cap_spin = GTK_SPIN_BUTTON (gtk_spin_button_new_with_range (0, 999, 1));
  gtk_widget_set_valign (GTK_WIDGET (self->cap_spin), GTK_ALIGN_CENTER);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->cap_spin), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Most seats"), -1);
  g_signal_connect_object (self->cap_spin, "value-changed", G_CALLBACK (on_cap_changed), self, G_CONNECT_SWAPPED);
  adw_action_row_add_suffix (ADW_ACTION_ROW (cap_row), GTK_WIDGET (self->cap_spin));
  adw_expander_row_add_row (self->seats_row, cap_row);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (self->seats_group), GTK_WIDGET (self->seats_row));

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (results_row), _("Show _Results on Phones"));
  adw_preferences_row_set_use_underline (ADW_PREFERENCES_ROW (results_row), TRUE);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (results_row),
                               _("After Reveal, phones show what the room sees; never before"));
  gtk_widget_set_name (results_switch, "phones-show-results");
  gtk_widget_set_valign (results_switch, GTK_ALIGN_CENTER);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (results_switch), "phones.show-results");
  adw_action_row_add_suffix (ADW_ACTION_ROW (results_row), results_switch);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (results_row), results_switch);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (self->seats_group), results_row);
  gtk_widget_set_visible (self->seats_group, FALSE);
  gtk_box_append (GTK_BOX (box), self->seats_group);

  adw_bin_set_child (ADW_BIN (self), box);
}

GtkWidget *
cr_phones_panel_new (CrWorkshop *workshop)
{
  CrPhonesPanel *self;

  g_return_val_if_fail (CR_IS_WORKSHOP (workshop), NULL);

  self = g_object_new (CR_TYPE_PHONES_PANEL, NULL);
  self->workshop = g_object_ref (workshop);
  /* Said before the switch is tried: a laptop on no network cannot serve. */
  self->addresses = cr_phone_server_list_addresses ();
  g_signal_connect_object (cr_workshop_get_participants (workshop), "items-changed",
                           G_CALLBACK (update_seats), self, G_CONNECT_SWAPPED);
  update (self);
  return GTK_WIDGET (self);
}

CrPhoneServer *
cr_phones_panel_get_server (CrPhonesPanel *self)
{
  g_return_val_if_fail (CR_IS_PHONES_PANEL (self), NULL);
  return self->server;
}

void
cr_phones_panel_set_server (CrPhonesPanel *self,
                            CrPhoneServer *server)
{
  g_return_if_fail (CR_IS_PHONES_PANEL (self));
  g_return_if_fail (server == NULL || CR_IS_PHONE_SERVER (server));

  if (self->server == server)
    return;
  if (self->server != NULL)
    g_signal_handlers_disconnect_by_data (self->server, self);
  g_set_object (&self->server, server);
  if (server != NULL)
    {
      g_signal_connect_object (server, "notify::running", G_CALLBACK (on_running_changed), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (server, "notify::join-url", G_CALLBACK (update), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (server, "notify::room-code", G_CALLBACK (update), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (server, "notify::joining", G_CALLBACK (update), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (server, "notify::seat-cap", G_CALLBACK (update), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (server, "notify::n-phones", G_CALLBACK (on_n_phones_changed), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (server, "seats-changed", G_CALLBACK (update_seats), self, G_CONNECT_SWAPPED);
    }
  sync_show_results (self);
  if (self->workshop != NULL)
    on_running_changed (self);
}
