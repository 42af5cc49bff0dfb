/* cr-qr.c: a QR code of a text (libqrencode), with the margin a reader
 * needs, drawn with cairo on any surface
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "crossroads-qr"

#include "config.h"

#include <errno.h>
#include <glib/gi18n-lib.h>
#include <math.h>
#include <qrencode.h>

#include "cr-qr.h"

struct _CrQr
{
  char    *text;
  guint    size;
  guint8  *modules;   /* size * size, row-major: 1 dark, 0 light */
};

CrQr *
cr_qr_new (const char  *text,
           GError     **error)
{
  QRcode *code;
  CrQr *qr;

  g_return_val_if_fail (text != NULL, NULL);

  /* Eight-bit mode keeps the text byte for byte, case and all. */
  code = QRcode_encodeString8bit (text, 0, QR_ECLEVEL_M);
  if (code == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   /* Translators: %s is why the code could not be made */
                   _("This text does not fit in a QR code (%s)."), g_strerror (errno));
      return NULL;
    }

  qr = g_new0 (CrQr, 1);
  qr->text = g_strdup (text);
  qr->size = (guint) code->width;
  qr->modules = g_new (guint8, qr->size * qr->size);
  /* libqrencode keeps other flags in the upper bits; bit 0 is the colour. */
  for (guint i = 0; i < qr->size * qr->size; i++)
    qr->modules[i] = code->data[i] & 1;
  QRcode_free (code);
  return qr;
}

void
cr_qr_free (CrQr *qr)
{
  if (qr == NULL)
    return;
  g_free (qr->text);
  g_free (qr->modules);
  g_free (qr);
}

const char *
cr_qr_get_text (const CrQr *qr)
{
  g_return_val_if_fail (qr != NULL, NULL);
  return qr->text;
}

guint
cr_qr_get_size (const CrQr *qr)
{
  g_return_val_if_fail (qr != NULL, 0);
  return qr->size;
}

gboolean
cr_qr_get_module (const CrQr *qr,
                  guint       x,
                  guint       y)
{
  g_return_val_if_fail (qr != NULL, FALSE);
  g_return_val_if_fail (x < qr->size && y < qr->size, FALSE);
  return qr->modules[y * qr->size + x] != 0;
}

static void
set_color (cairo_t            *cr,
           const CrChartColor *color)
{
  cairo_set_source_rgba (cr, color->red, color->green, color->blue, color->alpha);
}

void
cr_qr_draw (const CrQr         *qr,
            cairo_t            *cr,
            double              x,
            double              y,
            double              size,
            const CrChartColor *foreground,
            const CrChartColor *background)
{
  cairo_matrix_t matrix;
  double module;
  guint n;

  g_return_if_fail (qr != NULL);
  g_return_if_fail (cr != NULL);
  g_return_if_fail (foreground != NULL && background != NULL);

  n = qr->size + 2 * CR_QR_QUIET_ZONE;
  cairo_save (cr);

  set_color (cr, background);
  cairo_rectangle (cr, x, y, size, size);
  cairo_fill (cr);

  /* Whole device pixels per module where there is room for them, with the
   * code centred in the square: blurred edges between modules make cameras
   * misread a code. Only for a plain scale, not a rotated drawing. */
  module = size / n;
  cairo_get_matrix (cr, &matrix);
  if (matrix.xy == 0 && matrix.yx == 0 && matrix.xx > 0 && matrix.xx == matrix.yy &&
      size * matrix.xx / n >= 1.0)
    {
      double device_size = size * matrix.xx;
      double whole = floor (device_size / n);
      double margin = floor ((device_size - whole * n) / 2);

      cairo_user_to_device (cr, &x, &y);
      x = round (x) + margin;
      y = round (y) + margin;
      module = whole;
      cairo_identity_matrix (cr);
      cairo_set_antialias (cr, CAIRO_ANTIALIAS_NONE);
    }

  set_color (cr, foreground);
  for (guint row = 0; row < qr->size; row++)
    for (guint col = 0; col < qr->size; col++)
      if (qr->modules[row * qr->size + col])
        cairo_rectangle (cr,
                         x + (col + CR_QR_QUIET_ZONE) * module,
                         y + (row + CR_QR_QUIET_ZONE) * module,
                         module, module);
  cairo_fill (cr);
  cairo_restore (cr);
}
