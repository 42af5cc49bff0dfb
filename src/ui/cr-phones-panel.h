/* cr-phones-panel.h: votes from phones, on a question's vote step
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "cr-phone-server.h"
#include "cr-workshop.h"

G_BEGIN_DECLS

/* Seconds after phones were turned on with nobody joined before the panel
 * names what usually keeps phones from the laptop. Tests shorten it with
 * the environment variable CROSSROADS_PHONES_TEST_HINT_SECONDS. */
#define CR_PHONES_PANEL_HINT_SECONDS 60

#define CR_TYPE_PHONES_PANEL (cr_phones_panel_get_type ())
G_DECLARE_FINAL_TYPE (CrPhonesPanel, cr_phones_panel, CR, PHONES_PANEL, AdwBin)

/* The switch (win.phones), and while phones are on: the QR code, the join
 * address and room code, who joined, and the server's controls. Emits
 * "use-laptop" when the facilitator takes the laptop's ballots instead. */
GtkWidget     *cr_phones_panel_new        (CrWorkshop    *workshop);
void           cr_phones_panel_set_server (CrPhonesPanel *self,
                                           CrPhoneServer *server);
CrPhoneServer *cr_phones_panel_get_server (CrPhonesPanel *self);

G_END_DECLS
