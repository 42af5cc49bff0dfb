/* cr-chart-area.c: a chart of the core (cr-chart) drawn in a window's page, in the page's colours
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "crossroads-chart"

#include "config.h"

#include <math.h>

#include "cr-chart-area.h"

static CrChartColor
chart_color (const GdkRGBA *rgba,
             double         alpha)
{
  return (CrChartColor) { rgba->red, rgba->green, rgba->blue, rgba->alpha * alpha };
}

CrChartTheme
cr_chart_area_theme (void)
{
  AdwStyleManager *manager = adw_style_manager_get_default ();
  gboolean dark = adw_style_manager_get_dark (manager);

  if (adw_style_manager_get_high_contrast (manager))
    return dark ? CR_CHART_THEME_HIGH_CONTRAST_DARK : CR_CHART_THEME_HIGH_CONTRAST;
  return dark ? CR_CHART_THEME_DARK : CR_CHART_THEME_LIGHT;
}

/* The page's own colours, so the chart follows dark and high contrast: its
 * text and accent, and tracks and lines that keep 3:1 against the page,
 * as the room view's do. */
void
cr_chart_area_style (GtkWidget    *widget,
                     CrChartStyle *style)
{
  GtkStyleContext *context;
  GdkRGBA foreground, accent, page;

  g_return_if_fail (GTK_IS_WIDGET (widget));
  g_return_if_fail (style != NULL);

  context = gtk_widget_get_style_context (widget);
  cr_chart_style_init (style, cr_chart_area_theme (), 1.4);
  gtk_style_context_get_color (context, &foreground);
  style->foreground = chart_color (&foreground, 1.0);
  if (gtk_style_context_lookup_color (context, "window_bg_color", &page))
    {
      CrChartColor bg = chart_color (&page, 1.0);

      /* A little over 3:1, so eight bits a channel do not round it under. */
      style->muted = cr_chart_color_toward (&style->foreground, &bg, 3.2);
      if (gtk_style_context_lookup_color (context, "accent_color", &accent))
        {
          CrChartColor theirs = chart_color (&accent, 1.0);

          /* The theme's accent, unless it would not outrank the track. */
          if (cr_chart_color_contrast (&theirs, &bg) > cr_chart_color_contrast (&style->muted, &bg))
            style->accent = theirs;
        }
    }
  /* Transparent: the page's background shows through. */
  style->background.alpha = 0;
}

/* @user_data: the chart's CrChartSpec, a snapshot made with the page: the
 * page that shows it is rebuilt on every change, so it is never older. */
static void
draw_chart (GtkDrawingArea *area,
            cairo_t        *cr,
            int             width,
            int             height,
            gpointer        user_data)
{
  CrChartStyle style;

  cr_chart_area_style (GTK_WIDGET (area), &style);
  cr_chart_spec_draw (cr, user_data, &style, width, height);
}

/* The chart's height follows its width (more rows of text need no more
 * room, but a wider chart keeps the same bar thickness). */
static void
on_chart_resize (GtkDrawingArea *area,
                 int             width,
                 int             height,
                 gpointer        user_data)
{
  CrChartStyle style;
  int wanted;

  cr_chart_area_style (GTK_WIDGET (area), &style);
  wanted = (int) ceil (cr_chart_spec_height (user_data, &style, width));
  if (wanted != gtk_drawing_area_get_content_height (area))
    gtk_drawing_area_set_content_height (area, wanted);
}

/* Takes @spec. The chart is an image to assistive technologies, described
 * by the same plain-language summary the core writes for every surface. */
GtkWidget *
cr_chart_area_new (CrChartSpec *spec,
                   const char  *label)
{
  GtkWidget *area = g_object_new (GTK_TYPE_DRAWING_AREA,
                                  "accessible-role", GTK_ACCESSIBLE_ROLE_IMG,
                                  NULL);
  g_autofree char *description = cr_chart_spec_describe (spec);
  CrChartStyle style;

  gtk_widget_set_name (area, "chart");
  /* A tab stop: a page of charts has nothing else to focus, and without
   * one the keyboard could not scroll to the charts below the first. */
  gtk_widget_set_focusable (area, TRUE);
  gtk_widget_set_hexpand (area, TRUE);
  gtk_widget_set_margin_bottom (area, 6);
  cr_chart_style_init (&style, CR_CHART_THEME_LIGHT, 1.4);
  gtk_drawing_area_set_content_height (GTK_DRAWING_AREA (area),
                                       (int) ceil (cr_chart_spec_height (spec, &style, 600)));
  gtk_drawing_area_set_draw_func (GTK_DRAWING_AREA (area), draw_chart, spec,
                                  (GDestroyNotify) cr_chart_spec_free);
  g_signal_connect (area, "resize", G_CALLBACK (on_chart_resize), spec);
  gtk_accessible_update_property (GTK_ACCESSIBLE (area),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, description != NULL ? description : "",
                                  -1);
  return area;
}
