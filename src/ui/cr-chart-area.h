/* cr-chart-area.h: a chart of the core (cr-chart) drawn in a window's page, in the page's colours
 *
 * The results step and the Since Last Time step draw their charts with it;
 * the room view has its own sizes and draws its own.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "cr-chart.h"

G_BEGIN_DECLS

/* Takes @spec. The chart is an image to assistive technologies, named by
 * @label and described by the core's plain-language summary. */
GtkWidget *cr_chart_area_new (CrChartSpec *spec,
                              const char  *label);

/* The chart theme of the style the application shows: light, dark, high
 * contrast, or high contrast and dark. */
CrChartTheme cr_chart_area_theme (void);

/* The colours and sizes @widget's chart is drawn with. */
void         cr_chart_area_style (GtkWidget    *widget,
                                  CrChartStyle *style);

G_END_DECLS
