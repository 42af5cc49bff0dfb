/* cr-width-bin.c: a bin whose natural width is a number we choose
 *
 * The agenda's leaflet folds when it is narrower than the natural widths of
 * its pages added up. Left to the pages, that sum would change with the
 * workshop's title and each step's text; these bins make it the width at
 * which the agenda and the canvas's columns fit side by side.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "crossroads-ui"

#include "config.h"

#include "cr-width-bin.h"

struct _CrWidthBin
{
  AdwBin  parent_instance;

  int     natural_width;   /* -1: the child's own */
};

G_DEFINE_FINAL_TYPE (CrWidthBin, cr_width_bin, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_NATURAL_WIDTH,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
cr_width_bin_measure (GtkWidget      *widget,
                      GtkOrientation  orientation,
                      int             for_size,
                      int            *minimum,
                      int            *natural,
                      int            *minimum_baseline,
                      int            *natural_baseline)
{
  CrWidthBin *self = CR_WIDTH_BIN (widget);
  GtkWidget *child = adw_bin_get_child (ADW_BIN (self));

  if (child != NULL && gtk_widget_should_layout (child))
    gtk_widget_measure (child, orientation, for_size, minimum, natural, minimum_baseline, natural_baseline);
  if (orientation == GTK_ORIENTATION_HORIZONTAL && self->natural_width >= 0)
    *natural = MAX (*minimum, self->natural_width);
}

static void
cr_width_bin_size_allocate (GtkWidget *widget,
                            int        width,
                            int        height,
                            int        baseline)
{
  GtkWidget *child = adw_bin_get_child (ADW_BIN (widget));

  if (child != NULL && gtk_widget_should_layout (child))
    gtk_widget_allocate (child, width, height, baseline, NULL);
}

static void
cr_width_bin_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  CrWidthBin *self = CR_WIDTH_BIN (object);

  switch (prop_id)
    {
    case PROP_NATURAL_WIDTH:
      g_value_set_int (value, self->natural_width);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cr_width_bin_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  CrWidthBin *self = CR_WIDTH_BIN (object);

  switch (prop_id)
    {
    case PROP_NATURAL_WIDTH:
      cr_width_bin_set_natural_width (self, g_value_get_int (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cr_width_bin_class_init (CrWidthBinClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->get_property = cr_width_bin_get_property;
  object_class->set_property = cr_width_bin_set_property;
  widget_class->measure = cr_width_bin_measure;
  widget_class->size_allocate = cr_width_bin_size_allocate;

  properties[PROP_NATURAL_WIDTH] =
    g_param_spec_int ("natural-width", NULL, NULL, -1, G_MAXINT, -1,
                      G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
cr_width_bin_init (CrWidthBin *self)
{
  /* AdwBin lays its child out with a layout manager, which would measure
   * it without asking this class. */
  gtk_widget_set_layout_manager (GTK_WIDGET (self), NULL);
  self->natural_width = -1;
}

GtkWidget *
cr_width_bin_new (void)
{
  return g_object_new (CR_TYPE_WIDTH_BIN, NULL);
}

int
cr_width_bin_get_natural_width (CrWidthBin *self)
{
  g_return_val_if_fail (CR_IS_WIDTH_BIN (self), -1);
  return self->natural_width;
}

void
cr_width_bin_set_natural_width (CrWidthBin *self,
                                int         width)
{
  g_return_if_fail (CR_IS_WIDTH_BIN (self));
  g_return_if_fail (width >= -1);

  if (self->natural_width == width)
    return;
  self->natural_width = width;
  gtk_widget_queue_resize (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NATURAL_WIDTH]);
}
