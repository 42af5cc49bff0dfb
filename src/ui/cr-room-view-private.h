/* cr-room-view-private.h: the room view's building blocks, for the files that build one kind of step
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "cr-chart.h"
#include "cr-phone-server.h"
#include "cr-room-view.h"

G_BEGIN_DECLS

CrWorkshop *_cr_room_view_get_workshop (CrRoomView     *self);
/* The box the step's blocks go in; emptied before each build. */
GtkBox     *_cr_room_view_get_body     (CrRoomView     *self);

GtkWidget  *_cr_room_view_add_label    (GtkBox         *box,
                                        const char     *text,
                                        const char     *css_class);
/* A horizontal box's children share its width equally. */
GtkBox     *_cr_room_view_add_box      (GtkBox         *parent,
                                        GtkOrientation  orientation,
                                        const char     *css_class);
GtkBox     *_cr_room_view_add_card     (GtkBox         *parent);
/* Takes @spec: a chart in the room's type size and colours. */
void        _cr_room_view_add_chart    (CrRoomView     *self,
                                        GtkBox         *box,
                                        CrChartSpec    *spec,
                                        const char     *label);

/* Whether the body holds two charts side by side with their figures whole:
 * 45 body-text sizes wide. The type follows the picture's size, so this is
 * the same on every projector of a shape (16:9 ones: no, they stack). */
gboolean    _cr_room_view_is_wide      (CrRoomView     *self);

/* What a screen reader says of @widget, as the view's tests read it back. */
void        _cr_room_view_set_accessible_text (GtkWidget  *widget,
                                               const char *text);

/* cr-room-view-phones.c: while phones are on and @round of @question is
 * open, the vote's @method and @status lines beside the QR code, with how
 * to join and how many have voted. */
void        _cr_room_view_add_phones   (CrRoomView       *self,
                                        CrPhoneServer    *server,
                                        const CrQuestion *question,
                                        CrRound          *round,
                                        const char       *method,
                                        const char       *status);

/* Last time's actions, a card each: title, status and outcome. */
void        _cr_room_view_add_reviewed_actions (GtkBox     *box,
                                                GListModel *actions);

/* cr-room-view-since.c: the Since Last Time step of a re-run. */
void        _cr_room_view_build_since  (CrRoomView     *self);

G_END_DECLS
