/* cr-room-view-phones.c: the room view's "vote on your phone" block
 *
 * While phones are on and a round of the question is open, the room sees
 * how to join (the QR code, the address to type and the room code, sized
 * to be read from the back row) and how many have voted: who, never what,
 * and not even who, since the projector is no place to single anyone out.
 * It is one block beside the code, so that a 720p screen shows all of it
 * on the first screen with the question above.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "crossroads-room"

#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "cr-ballot.h"
#include "cr-qr-area.h"
#include "cr-room-view-private.h"

/* The code's side in body sizes: a join URL's code (41 modules a side with
 * the quiet zone, at level M) gets some 7 px a module at 720p, which a
 * phone reads from the back of a meeting room... */
#define QR_EMS 8
/* ...but never more than this share of the picture's height, so the code
 * and the question above it fit on the first screen. */
#define QR_HEIGHT_SHARE 0.45

/* http://ADDRESS:PORT, where the room code is typed, kept on one line: a
 * word joiner (U+2060) after each ':', '/' and '.', where lines would
 * otherwise break ("http://" at the end of one line, the address on the
 * next). */
static char *
base_of (const char *join_url)
{
  const char *path = strstr (join_url, "/j/");
  const char *end = path != NULL ? path : join_url + strlen (join_url);
  GString *base = g_string_new (NULL);

  for (const char *c = join_url; c < end; c++)
    {
      g_string_append_c (base, *c);
      if (*c == ':' || *c == '/' || *c == '.')
        g_string_append (base, "\xe2\x81\xa0");   /* U+2060 */
    }
  return g_string_free (base, FALSE);
}

void
_cr_room_view_add_phones (CrRoomView       *self,
                          CrPhoneServer    *server,
                          const CrQuestion *question,
                          CrRound          *round,
                          const char       *method,
                          const char       *status)
{
  CrWorkshop *workshop = _cr_room_view_get_workshop (self);
  GtkBox *body = _cr_room_view_get_body (self);
  g_autoptr(CrBallotState) state = NULL;
  g_autofree char *voted = NULL;
  const char *url = cr_phone_server_get_join_url (server);
  gboolean joining = cr_phone_server_get_joining (server) && url != NULL;
  int px = MAX (cr_room_view_get_font_size (self), 12);
  int height = gtk_widget_get_height (GTK_WIDGET (self));
  int side = QR_EMS * px;
  GtkWidget *row;
  GtkBox *text;

  row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
  gtk_widget_add_css_class (row, "room-row");
  gtk_box_append (body, row);
  text = GTK_BOX (gtk_box_new (GTK_ORIENTATION_VERTICAL, 0));
  gtk_widget_add_css_class (GTK_WIDGET (text), "room-stack");
  gtk_widget_set_hexpand (GTK_WIDGET (text), TRUE);
  gtk_box_append (GTK_BOX (row), GTK_WIDGET (text));

  _cr_room_view_add_label (text, method, "room-secondary");
  _cr_room_view_add_label (text, status, "room-status");
  /* Whole ballots only, as the vote step counts them. */
  state = cr_ballot_state_compute (cr_workshop_get_template (workshop), question, round,
                                   cr_workshop_get_participants (workshop));
  voted = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                        /* Translators: the room view while phones vote, e.g. "3 of 12 have voted" */
                                        "%u of %u has voted",
                                        "%u of %u have voted",
                                        state->n_seats),
                           state->n_voted, state->n_seats);
  gtk_widget_set_name (_cr_room_view_add_label (text, voted, "room-status"), "room-phones-voted");

  if (joining)
    {
      g_autofree char *base = base_of (url);
      /* Translators: beside the QR code in the room view; %s is e.g. "http://192.168.1.23:8765" */
      g_autofree char *how = g_strdup_printf (_("Vote on your phone: scan the code, or open %s and type the room code"),
                                              base);
      GtkWidget *qr;

      _cr_room_view_add_label (text, how, "room-body");
      gtk_widget_set_name (_cr_room_view_add_label (text, cr_phone_server_get_room_code (server), "room-display"),
                           "room-phones-code");

      if (height > 0)
        side = MIN (side, (int) (height * QR_HEIGHT_SHARE));
      qr = cr_qr_area_new (url, side);
      gtk_widget_set_name (qr, "room-phones-qr");
      gtk_widget_set_valign (qr, GTK_ALIGN_START);
      _cr_room_view_set_accessible_text (qr, _("QR code of the join address"));
      gtk_box_append (GTK_BOX (row), qr);
    }
}
