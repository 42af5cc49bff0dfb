/* cr-qr.h: a QR code of a text (libqrencode), drawn with cairo
 *
 * The phone server's join address is shown as a QR code in the room view,
 * the facilitator's window and the PDF handout; all of them draw it with
 * cr_qr_draw (), beside the charts, so every surface shows the same code.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <cairo.h>
#include <gio/gio.h>

#include "cr-chart.h"

G_BEGIN_DECLS

/* The light margin a reader needs around the code, in modules. */
#define CR_QR_QUIET_ZONE 4

typedef struct _CrQr CrQr;

/* Encodes @text (UTF-8, as bytes) with error correction level M (15 %):
 * enough for a projector seen at an angle, small enough for a long URL.
 * NULL with G_IO_ERROR_INVALID_DATA when @text does not fit in a QR code. */
CrQr     *cr_qr_new        (const char  *text,
                            GError     **error);
void      cr_qr_free       (CrQr        *qr);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CrQr, cr_qr_free)

const char *cr_qr_get_text (const CrQr  *qr);
/* Modules along a side, without the quiet zone. */
guint     cr_qr_get_size   (const CrQr  *qr);
/* Whether the module at column @x, row @y is dark. */
gboolean  cr_qr_get_module (const CrQr  *qr,
                            guint        x,
                            guint        y);

/* Paints the code with its quiet zone as a square of @size units at @x, @y:
 * @background over the whole square, then the dark modules in @foreground.
 * Modules are snapped to whole device pixels when the square is at least
 * one pixel a module, so a camera sees sharp edges. Dark on light reads
 * everywhere; pass light-theme colours even on a dark screen. */
void      cr_qr_draw       (const CrQr         *qr,
                            cairo_t            *cr,
                            double              x,
                            double              y,
                            double              size,
                            const CrChartColor *foreground,
                            const CrChartColor *background);

G_END_DECLS
