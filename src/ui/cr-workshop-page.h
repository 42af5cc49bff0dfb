/* cr-workshop-page.h: one open workshop: the agenda sidebar and its steps
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "cr-phone-server.h"
#include "cr-workshop.h"

G_BEGIN_DECLS

#define CR_TYPE_WORKSHOP_PAGE (cr_workshop_page_get_type ())
G_DECLARE_FINAL_TYPE (CrWorkshopPage, cr_workshop_page, CR, WORKSHOP_PAGE, AdwBin)

GtkWidget  *cr_workshop_page_new             (CrWorkshop     *workshop);
CrWorkshop *cr_workshop_page_get_workshop    (CrWorkshopPage *self);
/* Step ids are the template's agenda ids. */
const char *cr_workshop_page_get_step_id     (CrWorkshopPage *self);
gboolean    cr_workshop_page_set_step_id     (CrWorkshopPage *self,
                                              const char     *step_id);
/* Seconds left of the current step's time box; negative once it is over.
 * "time-left" is notified on every tick of the timer. */
gint64      cr_workshop_page_get_time_left   (CrWorkshopPage *self);
/* The widget of a step, built on first use. */
GtkWidget  *cr_workshop_page_get_step_widget (CrWorkshopPage *self,
                                              const char     *step_id);

void          cr_workshop_page_focus_agenda (CrWorkshopPage *self);

/* The window's phone server for this workshop, or NULL: its vote steps and
 * room views show how to join and who has. */
CrPhoneServer *cr_workshop_page_get_phone_server (CrWorkshopPage *self);
void           cr_workshop_page_set_phone_server (CrWorkshopPage *self,
                                                  CrPhoneServer  *server);

G_END_DECLS
