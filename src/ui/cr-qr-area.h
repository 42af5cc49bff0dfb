/* cr-qr-area.h: a QR code of a text, drawn on screen with cr_qr_draw
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define CR_TYPE_QR_AREA (cr_qr_area_get_type ())
G_DECLARE_FINAL_TYPE (CrQrArea, cr_qr_area, CR, QR_AREA, GtkWidget)

/* A square of @size pixels (quiet zone included) showing @text as a QR code. */
GtkWidget  *cr_qr_area_new      (const char *text,
                                 int         size);
const char *cr_qr_area_get_text (CrQrArea   *self);
void        cr_qr_area_set_text (CrQrArea   *self,
                                 const char *text);
void        cr_qr_area_set_size (CrQrArea   *self,
                                 int         size);

G_END_DECLS
