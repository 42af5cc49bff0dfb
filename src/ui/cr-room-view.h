/* cr-room-view.h: what the room sees on the projected screen
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "cr-chart.h"
#include "cr-phone-server.h"
#include "cr-workshop.h"
#include "cr-workshop-page.h"

G_BEGIN_DECLS

#define CR_TYPE_ROOM_VIEW (cr_room_view_get_type ())
G_DECLARE_FINAL_TYPE (CrRoomView, cr_room_view, CR, ROOM_VIEW, AdwBin)

GtkWidget  *cr_room_view_new            (CrWorkshop     *workshop);
CrWorkshop *cr_room_view_get_workshop   (CrRoomView     *self);

/* Follows the facilitator's console: its current step and its timer, and
 * Page Up / Page Down in the room view move the console's step. */
void        cr_room_view_follow_page    (CrRoomView     *self,
                                         CrWorkshopPage *page);

/* While phones are on (and the round of the step's question is open), the
 * room sees how to join and how many have voted. Following a page follows
 * its server. */
void           cr_room_view_set_phone_server (CrRoomView    *self,
                                              CrPhoneServer *server);
CrPhoneServer *cr_room_view_get_phone_server (CrRoomView    *self);

/* A step taller than the screen is shown a screen at a time: moves the body
 * one screen down (@direction > 0) or up, keeping a little of the screen
 * before. FALSE when it is already at that end (or the screen is blank), so
 * the caller moves the step instead. */
gboolean    cr_room_view_scroll_screen  (CrRoomView     *self,
                                         int             direction);

/* The agenda step shown; without a page to follow, the view keeps its own. */
const char *cr_room_view_get_step_id    (CrRoomView     *self);
void        cr_room_view_set_step_id    (CrRoomView     *self,
                                         const char     *step_id);
/* Seconds left of the step's time box, negative when it is over. */
gint64      cr_room_view_get_time_left  (CrRoomView     *self);
void        cr_room_view_set_time_left  (CrRoomView     *self,
                                         gint64          seconds);
/* A black screen, so the room looks at the people instead (B on a clicker). */
gboolean    cr_room_view_get_blank      (CrRoomView     *self);
void        cr_room_view_set_blank      (CrRoomView     *self,
                                         gboolean        blank);
/* The body text size in pixels, which follows the view's size. */
int         cr_room_view_get_font_size  (CrRoomView     *self);
/* The colours and type size the view's charts are drawn with. */
void        cr_room_view_get_chart_style (CrRoomView    *self,
                                          CrChartStyle  *style);

/* What assistive technologies are told about a widget of the view (its
 * accessible label), so tests can check that nothing hidden is said. */
const char *cr_room_view_get_accessible_text        (GtkWidget *widget);
/* ...and its accessible description (a chart's summary of its numbers). */
const char *cr_room_view_get_accessible_description (GtkWidget *widget);

G_END_DECLS
