/* cr-qr-area.c: a QR code of a text, drawn on screen with cr_qr_draw
 *
 * The same drawing as the PDF handout's: dark modules on white, whatever
 * the theme, since a camera reads dark on light best.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "crossroads-qr"

#include "config.h"

#include <string.h>

#include "cr-qr.h"
#include "cr-qr-area.h"

struct _CrQrArea
{
  GtkWidget  parent_instance;

  CrQr      *qr;     /* NULL without a text, or one too long to encode */
  int        size;
};

G_DEFINE_FINAL_TYPE (CrQrArea, cr_qr_area, GTK_TYPE_WIDGET)

static const CrChartColor dark = { 0, 0, 0, 1 };
static const CrChartColor light = { 1, 1, 1, 1 };

static void
cr_qr_area_measure (GtkWidget      *widget,
                    GtkOrientation  orientation,
                    int             for_size,
                    int            *minimum,
                    int            *natural,
                    int            *minimum_baseline,
                    int            *natural_baseline)
{
  CrQrArea *self = CR_QR_AREA (widget);

  *minimum = *natural = self->size;
}

static void
cr_qr_area_snapshot (GtkWidget   *widget,
                     GtkSnapshot *snapshot)
{
  CrQrArea *self = CR_QR_AREA (widget);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  double side = MIN (width, height);
  cairo_t *cr;

  if (self->qr == NULL || side <= 0)
    return;
  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));
  cr_qr_draw (self->qr, cr, (width - side) / 2, (height - side) / 2, side, &dark, &light);
  cairo_destroy (cr);
}

static void
cr_qr_area_finalize (GObject *object)
{
  CrQrArea *self = CR_QR_AREA (object);

  g_clear_pointer (&self->qr, cr_qr_free);

  G_OBJECT_CLASS (cr_qr_area_parent_class)->finalize (object);
}

static void
cr_qr_area_class_init (CrQrAreaClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = cr_qr_area_finalize;
  widget_class->measure = cr_qr_area_measure;
  widget_class->snapshot = cr_qr_area_snapshot;
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
  gtk_widget_class_set_css_name (widget_class, "qrcode");
}

static void
cr_qr_area_init (CrQrArea *self)
{
  self->size = 200;
}

GtkWidget *
cr_qr_area_new (const char *text,
                int         size)
{
  CrQrArea *self = g_object_new (CR_TYPE_QR_AREA, NULL);

  cr_qr_area_set_size (self, size);
  cr_qr_area_set_text (self, text);
  return GTK_WIDGET (self);
}

const char *
cr_qr_area_get_text (CrQrArea *self)
{
  g_return_val_if_fail (CR_IS_QR_AREA (self), NULL);
  return self->qr != NULL ? cr_qr_get_text (self->qr) : NULL;
}

void
cr_qr_area_set_text (CrQrArea   *self,
                     const char *text)
{
  g_autoptr(GError) error = NULL;

  g_return_if_fail (CR_IS_QR_AREA (self));

  if (g_strcmp0 (text, cr_qr_area_get_text (self)) == 0)
    return;
  g_clear_pointer (&self->qr, cr_qr_free);
  if (text != NULL && text[0] != '\0')
    {
      self->qr = cr_qr_new (text, &error);
      /* A join URL always fits; anything else is a programming error. */
      if (self->qr == NULL)
        g_warning ("No QR code for a text of %zu bytes: %s", strlen (text), error->message);
    }
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
cr_qr_area_set_size (CrQrArea *self,
                     int       size)
{
  g_return_if_fail (CR_IS_QR_AREA (self));

  if (self->size == size)
    return;
  self->size = MAX (size, 0);
  gtk_widget_queue_resize (GTK_WIDGET (self));
}
