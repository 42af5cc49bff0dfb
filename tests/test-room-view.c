/* test-room-view.c: what the room sees, on a real display
 *
 * Type large enough for the back of a room at 1280×720 and 1920×1080,
 * text contrast of 7:1 or more in the light, dark and high-contrast styles
 * (measured on the rendered pixels), no vote of an open round anywhere in
 * the view, its accessible texts or the window title until Reveal, and the
 * clicker's keys.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "crossroads-test"

#include "config.h"

#include <math.h>
#include <stdio.h>
#include <string.h>
#include <gtk/gtk.h>
#include <adwaita.h>

#include "cr-agenda.h"
#include "cr-ballot-dialog.h"
#include "cr-bundle.h"
#include "cr-chart.h"
#include "cr-recommend.h"
#include "cr-room-view.h"
#include "cr-room-window.h"
#include "cr-test-phone.h"
#include "cr-test-ui-util.h"
#include "cr-test-util.h"
#include "cr-window.h"
#include "cr-workshop-page.h"
#include "cr-workshop.h"

static GtkApplication *app;

/* ---- A workshop and a window for the view ------------------------------- */

static CrWorkshop *
new_workshop (CrStore *store)
{
  g_autoptr(GError) error = NULL;
  CrWorkshop *workshop = cr_test_new_workshop (store, "people-product-models", "People model review",
                                               "Northwind", "Sam Rivera", "2026-11-23", "People");
  CrContextValue stage = { FALSE, 0, (char *) "enterprise" };
  const char *names[] = { "Ana Sousa", "Ben Okafor", "Chloé Martin", "Dev Patel" };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      cr_workshop_add_participant (workshop, names[i], NULL, &error);
      g_assert_no_error (error);
    }
  g_assert_true (cr_workshop_set_context (workshop, "stage", &stage, &error));
  g_assert_no_error (error);
  cr_workshop_add_note (workshop, "projects-as-products", CR_NOTE_STRENGTH,
                        "Discovery interviews with new managers", 0, &error);
  g_assert_no_error (error);
  cr_workshop_add_note (workshop, "px-as-a-product", CR_NOTE_RISK,
                        "Day-to-day HR work swallows the team", 0, &error);
  g_assert_no_error (error);
  cr_workshop_add_action (workshop, "Pick two programmes to run as products", "Ana Sousa", "2026-12-15", &error);
  g_assert_no_error (error);
  return workshop;
}

/* The view alone in an undecorated window: what a projector shows. */
static GtkWidget *
show_view (CrWorkshop *workshop,
           int         width,
           int         height,
           CrRoomView **view)
{
  GtkWidget *window = gtk_window_new ();
  guint timeout;

  gtk_window_set_decorated (GTK_WINDOW (window), FALSE);
  gtk_window_set_default_size (GTK_WINDOW (window), width, height);
  *view = CR_ROOM_VIEW (cr_room_view_new (workshop));
  gtk_window_set_child (GTK_WINDOW (window), GTK_WIDGET (*view));
  g_object_ref (window);
  gtk_window_present (GTK_WINDOW (window));

  timeout = cr_test_ui_watchdog (20, "the room view to take its size");
  while (!gtk_widget_get_mapped (GTK_WIDGET (*view)) || cr_room_view_get_font_size (*view) == 0)
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (timeout);
  cr_test_ui_spin (200);
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (*view)), ==, width);
  g_assert_cmpint (gtk_widget_get_height (GTK_WIDGET (*view)), ==, height);
  return window;
}

static void
destroy_window (GtkWidget *window)
{
  gtk_window_destroy (GTK_WINDOW (window));
  cr_test_ui_spin (100);
  g_assert_finalize_object (window);
}

static void
show_step (CrRoomView *view,
           const char *step_id)
{
  cr_room_view_set_step_id (view, step_id);
  cr_test_ui_spin (150);
}

/* Every mapped label of the view with text, and with @charts every chart:
 * the blocks a reader meets going down a screen, in tree order. */
static void
collect_blocks (GtkWidget *widget,
                GPtrArray *blocks,
                gboolean   charts)
{
  if (!gtk_widget_get_mapped (widget))
    return;
  if ((GTK_IS_LABEL (widget) && *gtk_label_get_text (GTK_LABEL (widget)) != '\0')
      || (charts && GTK_IS_DRAWING_AREA (widget)))
    g_ptr_array_add (blocks, widget);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_blocks (child, blocks, charts);
}

static void
collect_labels (GtkWidget *widget,
                GPtrArray *labels)
{
  collect_blocks (widget, labels, FALSE);
}

/* ---- Type size ----------------------------------------------------------- */

static double
label_font_px (GtkWidget *label)
{
  const PangoFontDescription *font = pango_context_get_font_description (gtk_widget_get_pango_context (label));
  double size = pango_font_description_get_size (font) / (double) PANGO_SCALE;
  int dpi = 0;

  if (pango_font_description_get_size_is_absolute (font))
    return size;
  g_object_get (gtk_widget_get_settings (label), "gtk-xft-dpi", &dpi, NULL);
  return size * (dpi > 0 ? dpi / 1024.0 : 96.0) / 72.0;
}

/* The rows a capital H covers when @layout is drawn. */
static int
rendered_cap_height (PangoLayout *layout)
{
  PangoRectangle ink;
  cairo_surface_t *surface;
  cairo_t *cr;
  const guchar *data;
  int stride, rows = 0;

  pango_layout_get_pixel_extents (layout, &ink, NULL);
  surface = cairo_image_surface_create (CAIRO_FORMAT_A8, ink.x + ink.width + 4, ink.y + ink.height + 4);
  cr = cairo_create (surface);
  cairo_move_to (cr, 2, 2);
  pango_cairo_show_layout (cr, layout);
  cairo_destroy (cr);
  cairo_surface_flush (surface);
  data = cairo_image_surface_get_data (surface);
  stride = cairo_image_surface_get_stride (surface);
  /* A row counts where some pixel is half covered or more, as a picture's
   * edge is seen (the same threshold build-aux/simulate-room's readers use). */
  for (int y = 0; y < cairo_image_surface_get_height (surface); y++)
    for (int x = 0; x < cairo_image_surface_get_width (surface); x++)
      if (data[y * stride + x] >= 128)
        {
          rows++;
          break;
        }
  cairo_surface_destroy (surface);
  return rows;
}

/* The height of a capital H as @label draws it: its own font, size and
 * weight, in the pixel rows it covers (Pango's pixel extents round
 * outward, a pixel too generous). */
static int
cap_height (GtkWidget *label)
{
  g_autoptr(PangoLayout) layout = gtk_widget_create_pango_layout (label, "H");

  return rendered_cap_height (layout);
}

/* The height of a capital H in a chart's body text, as @widget's fonts draw it. */
static int
chart_cap_height (GtkWidget          *widget,
                  const CrChartStyle *style)
{
  g_autoptr(PangoLayout) layout = gtk_widget_create_pango_layout (widget, "H");
  g_autoptr(PangoFontDescription) font = pango_font_description_from_string (
    style->font_family != NULL ? style->font_family : CR_CHART_FONT_FAMILY);

  pango_font_description_set_absolute_size (font, style->font_scale * 10 * PANGO_SCALE);
  pango_layout_set_font_description (layout, font);
  return rendered_cap_height (layout);
}

/* The room view's rule: the body's capitals at least 3.5 % of the picture
 * (its height, or 9/16 of its width where that is smaller), headings
 * larger, nothing smaller than the body, charts' text included. A 2.5 m
 * wide screen seen from 8 m (about six picture heights) shows a pixel of a
 * 1280-wide picture at 0.84 arc-minutes. */
static void
check_type_size (int width,
                 int height)
{
  g_autoptr(CrStore) store = cr_test_new_store ();
  g_autoptr(CrWorkshop) workshop = new_workshop (store);
  CrTemplate *template = cr_workshop_get_template (workshop);
  CrRoomView *view;
  GtkWidget *window = show_view (workshop, width, height, &view);
  double picture = MIN (height, width * 9.0 / 16.0);
  double rule = 0.035 * picture;
  /* Seen from six picture heights away: one pixel of the picture is
   * atan (1 / (6 × picture)), about 0.80′ at 720 and 0.53′ at 1080. */
  double arcmin_per_px = atan (1.0 / (6.0 * picture)) * 180.0 / G_PI * 60.0;
  int body = 0, smallest = G_MAXINT, smallest_heading = G_MAXINT;
  guint n_labels = 0;
  CrChartStyle chart;
  int chart_cap;

  for (guint s = 0; s < cr_template_get_n_steps (template); s++)
    {
      g_autoptr(GPtrArray) labels = g_ptr_array_new ();

      show_step (view, cr_template_get_step (template, s)->id);
      /* The step fits the picture's width at that size: it wraps and
       * pages, never widens the window (and with it the type). */
      if (gtk_widget_get_width (GTK_WIDGET (view)) != width)
        g_error ("%dx%d, step %s: the view grew to %d px wide", width, height,
                 cr_template_get_step (template, s)->id, gtk_widget_get_width (GTK_WIDGET (view)));
      collect_labels (GTK_WIDGET (view), labels);
      /* At least the step's title, where it is, and the clock. */
      g_assert_cmpuint (labels->len, >=, 3);
      for (guint i = 0; i < labels->len; i++)
        {
          GtkWidget *label = g_ptr_array_index (labels, i);
          int cap = cap_height (label);

          if (cap < rule)
            g_error ("%dx%d, step %s: \"%s\" has capitals of %d px, under 3.5 %% of %.0f px (%.1f px)",
                     width, height, cr_template_get_step (template, s)->id,
                     gtk_label_get_text (GTK_LABEL (label)), cap, picture, rule);
          if (gtk_widget_has_css_class (label, "room-title") || gtk_widget_has_css_class (label, "room-display"))
            smallest_heading = MIN (smallest_heading, cap);
          if (gtk_widget_has_css_class (label, "room-body") && !gtk_widget_has_css_class (label, "room-heading"))
            body = MAX (body, cap);
          smallest = MIN (smallest, cap);
          n_labels++;
        }
    }

  /* Headings are larger than the body; the body is the smallest text. */
  g_assert_cmpint (body, >, 0);
  g_assert_cmpint (smallest, ==, body);
  g_assert_cmpint (smallest_heading, >, body);
  /* Charts set their text with capitals as tall as the body's or taller
   * (their smallest text is at the chart's body size, score grid headers
   * included). */
  cr_room_view_get_chart_style (view, &chart);
  chart_cap = chart_cap_height (GTK_WIDGET (view), &chart);
  g_assert_cmpint (chart_cap, >=, body);

  g_test_message ("%dx%d (picture %.0f px): body %d px, capitals %d px = %.1f arcmin at six picture heights "
                  "(rule: %.1f px); headings' capitals %d px = %.1f arcmin; smallest of %u labels %d px; "
                  "charts' text %.0f px, capitals %d px",
                  width, height, picture, cr_room_view_get_font_size (view), body, body * arcmin_per_px, rule,
                  smallest_heading, smallest_heading * arcmin_per_px, n_labels, smallest,
                  chart.font_scale * 10, chart_cap);
  destroy_window (window);
}

static void
test_type_size_720 (void)
{
  check_type_size (1280, 720);
}

static void
test_type_size_1080 (void)
{
  check_type_size (1920, 1080);
}

/* A 4:3 projector: 9/16 of its width is the picture that counts. */
static void
test_type_size_4_3 (void)
{
  check_type_size (1024, 768);
}

/* ---- Contrast -------------------------------------------------------------- */

static guint32
most_common_pixel (const guchar *pixels,
                   gsize         stride,
                   int           x0,
                   int           y0,
                   int           x1,
                   int           y1)
{
  g_autoptr(GHashTable) counts = g_hash_table_new (NULL, NULL);
  guint32 best = 0;
  guint best_count = 0;

  for (int y = y0; y < y1; y++)
    for (int x = x0; x < x1; x++)
      {
        guint32 pixel = *(const guint32 *) (pixels + y * stride + x * 4);
        guint count = GPOINTER_TO_UINT (g_hash_table_lookup (counts, GUINT_TO_POINTER (pixel))) + 1;

        g_hash_table_insert (counts, GUINT_TO_POINTER (pixel), GUINT_TO_POINTER (count));
        if (count > best_count)
          {
            best_count = count;
            best = pixel;
          }
      }
  return best;
}

/* The view as drawn: premultiplied B, G, R, A bytes, the width * 4 a row. */
static guchar *
render_view (CrRoomView *view)
{
  GtkWidget *widget = GTK_WIDGET (view);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (widget);
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  guchar *pixels;

  /* A view that changed is drawable again once the frame clock has laid
   * it out; slow builds (sanitizers) take a few frames. */
  for (guint tries = 0; node == NULL && tries < 50; tries++)
    {
      g_autoptr(GtkSnapshot) snapshot = gtk_snapshot_new ();

      gdk_paintable_snapshot (paintable, GDK_SNAPSHOT (snapshot), width, height);
      node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
      if (node == NULL)
        cr_test_ui_spin (100);
    }
  g_assert_nonnull (node);
  texture = gsk_renderer_render_texture (gtk_native_get_renderer (gtk_widget_get_native (widget)), node,
                                         &GRAPHENE_RECT_INIT (0, 0, width, height));
  pixels = g_malloc ((gsize) width * 4 * height);
  gdk_texture_download (texture, pixels, (gsize) width * 4);
  return pixels;
}

static CrChartColor
pixel_color (guint32 pixel)
{
  /* Pixels are premultiplied B, G, R, A in memory, opaque here. */
  return (CrChartColor) { ((pixel >> 16) & 0xff) / 255.0, ((pixel >> 8) & 0xff) / 255.0,
                          (pixel & 0xff) / 255.0, 1.0 };
}

/* Renders the view, then for every label: its text colour as GTK applies it
 * (with the opacity of the label and its parents) over the background
 * actually drawn behind it (the most common pixel of its area). */
static double
lowest_contrast (CrRoomView *view,
                 const char *step_id)
{
  GtkWidget *widget = GTK_WIDGET (view);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  g_autoptr(GPtrArray) labels = g_ptr_array_new ();
  g_autofree guchar *pixels = render_view (view);
  gsize stride = (gsize) width * 4;
  double lowest = G_MAXDOUBLE;

  collect_labels (widget, labels);
  for (guint i = 0; i < labels->len; i++)
    {
      GtkWidget *label = g_ptr_array_index (labels, i);
      graphene_rect_t bounds;
      GdkRGBA color;
      double alpha, ratio, r, g, b;
      guint32 bg;
      int x0, y0, x1, y1;

      g_assert_true (gtk_widget_compute_bounds (label, widget, &bounds));
      x0 = CLAMP ((int) bounds.origin.x, 0, width - 1);
      y0 = CLAMP ((int) bounds.origin.y, 0, height - 1);
      x1 = CLAMP ((int) (bounds.origin.x + bounds.size.width), x0 + 1, width);
      y1 = CLAMP ((int) (bounds.origin.y + bounds.size.height), y0 + 1, height);
      /* Scrolled out of sight: not on the screen. */
      if (bounds.origin.y >= height)
        continue;
      bg = most_common_pixel (pixels, stride, x0, y0, x1, y1);

      G_GNUC_BEGIN_IGNORE_DEPRECATIONS
      gtk_style_context_get_color (gtk_widget_get_style_context (label), &color);
      G_GNUC_END_IGNORE_DEPRECATIONS
      alpha = color.alpha;
      for (GtkWidget *w = label; w != NULL && w != widget; w = gtk_widget_get_parent (w))
        alpha *= gtk_widget_get_opacity (w);
      /* Cut by the screen's edge, and so not shown: it is on another screen. */
      if (alpha == 0)
        continue;

      /* Pixels are premultiplied B, G, R, A in memory, opaque here. */
      b = ((bg >> 0) & 0xff) / 255.0;
      g = ((bg >> 8) & 0xff) / 255.0;
      r = ((bg >> 16) & 0xff) / 255.0;
      ratio = cr_chart_color_contrast (&(CrChartColor) { color.red, color.green, color.blue, alpha },
                                       &(CrChartColor) { r, g, b, 1.0 });
      if (ratio < 7.0)
        g_error ("step %s: \"%s\" has a contrast of %.2f:1 (text %s on #%06x)", step_id,
                 gtk_label_get_text (GTK_LABEL (label)), ratio, gdk_rgba_to_string (&color), bg & 0xffffff);
      lowest = MIN (lowest, ratio);
    }
  return lowest;
}

static void
collect_cards (GtkWidget *widget,
               GPtrArray *cards)
{
  if (!gtk_widget_get_mapped (widget))
    return;
  if (gtk_widget_has_css_class (widget, "room-card"))
    g_ptr_array_add (cards, widget);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_cards (child, cards);
}

static GtkWidget *find_descendant (GtkWidget  *widget,
                                   GType       type,
                                   const char *css_class);

/* @a against @b on the picture, and in @washed as a lit room sees them. */
static double
contrast_both (const CrChartColor *a,
               const CrChartColor *b,
               double             *washed)
{
  CrChartColor wa = cr_test_washed_out (a), wb = cr_test_washed_out (b);

  *washed = cr_chart_color_contrast (&wa, &wb);
  return cr_chart_color_contrast (a, b);
}

/* The marks that carry meaning, against the page as drawn: the charts'
 * bars, dots, tracks, scales, axes and rules at 3:1 or more, the data
 * stronger than the track, and every card's outline and the header's rule
 * at 3:1 or more against the page and against the card, on the picture
 * and washed out by a lit room (the colours as the style sheets drew
 * them). Returns the lowest. */
static double
lowest_mark_contrast (CrRoomView *view,
                      const char *step_id,
                      const char *style_name,
                      guint      *n_cards)
{
  GtkWidget *widget = GTK_WIDGET (view);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  g_autofree guchar *pixels = render_view (view);
  gsize stride = (gsize) width * 4;
  g_autoptr(GPtrArray) cards = g_ptr_array_new ();
  CrChartColor page = pixel_color (most_common_pixel (pixels, stride, 0, 0, width, height));
  CrChartColor earlier;
  CrChartStyle style;
  double data, track, before, lowest;

  cr_room_view_get_chart_style (view, &style);
  /* Charts are drawn on the page's own colour: today's ring is filled with it. */
  g_assert_cmpfloat (style.background.alpha, ==, 1.0);
  g_assert_cmpfloat (fabs (style.background.red - page.red), <, 1.5 / 255);
  g_assert_cmpfloat (fabs (style.background.green - page.green), <, 1.5 / 255);
  g_assert_cmpfloat (fabs (style.background.blue - page.blue), <, 1.5 / 255);
  earlier = cr_chart_style_earlier (&style);
  data = cr_chart_color_contrast (&style.accent, &page);
  track = cr_chart_color_contrast (&style.muted, &page);
  before = cr_chart_color_contrast (&earlier, &page);
  if (data < 3.0 || track < 3.0 || before < 3.0 || data <= track)
    g_error ("%s, step %s: bars %.2f:1, tracks and lines %.2f:1, the earlier round %.2f:1 on the page",
             style_name, step_id, data, track, before);
  lowest = MIN (MIN (data, track), before);

  /* The rule under the header, a pixel above its foot, halfway across. */
  {
    GtkWidget *header = find_descendant (widget, GTK_TYPE_WIDGET, "room-header");
    graphene_rect_t bounds;
    CrChartColor rule;
    double ratio, washed;

    g_assert_nonnull (header);
    g_assert_true (gtk_widget_compute_bounds (header, widget, &bounds));
    rule = pixel_color (*(const guint32 *) (pixels + ((int) (bounds.origin.y + bounds.size.height) - 1) * stride
                                            + ((int) (bounds.origin.x + bounds.size.width / 2)) * 4));
    ratio = contrast_both (&rule, &page, &washed);
    if (ratio < 3.0 || washed < 3.0)
      g_error ("%s, step %s: the header's rule is %.2f:1 on the page (%.2f:1 washed out)", style_name, step_id,
               ratio, washed);
    lowest = MIN (lowest, washed);
  }

  collect_cards (widget, cards);
  for (guint i = 0; i < cards->len; i++)
    {
      graphene_rect_t bounds;
      CrChartColor outline, inside;
      double against_page, against_card, washed_page, washed_card;
      int x0, y0, x1, y1;

      GtkWidget *card = g_ptr_array_index (cards, i);
      double opacity = 1.0;

      for (GtkWidget *w = card; w != NULL && w != widget; w = gtk_widget_get_parent (w))
        opacity *= gtk_widget_get_opacity (w);
      /* Cut by the screen's edge, and so not shown: it is on another screen. */
      if (opacity == 0)
        continue;
      g_assert_true (gtk_widget_compute_bounds (card, widget, &bounds));
      x0 = (int) ceil (bounds.origin.x);
      y0 = (int) ceil (bounds.origin.y);
      x1 = (int) (bounds.origin.x + bounds.size.width);
      y1 = MIN ((int) (bounds.origin.y + bounds.size.height), height);
      /* Only a card on this screen, whole enough to sample its side. */
      if (y0 < 0 || y1 - y0 < 8 || x0 < 0 || x1 > width)
        continue;
      /* Its left side halfway down: the outline (a note's thicker rule
       * is outline too). */
      outline = pixel_color (*(const guint32 *) (pixels + ((y0 + y1) / 2) * stride + (x0 + 1) * 4));
      inside = pixel_color (most_common_pixel (pixels, stride, x0 + 4, y0 + 4, x1 - 4, y1 - 4));
      against_page = contrast_both (&outline, &page, &washed_page);
      against_card = contrast_both (&outline, &inside, &washed_card);
      if (against_page < 3.0 || against_card < 3.0 || washed_page < 3.0 || washed_card < 3.0)
        g_error ("%s, step %s: a card's outline is %.2f:1 on the page and %.2f:1 on the card "
                 "(%.2f:1 and %.2f:1 washed out)", style_name, step_id, against_page, against_card,
                 washed_page, washed_card);
      lowest = MIN (lowest, MIN (washed_page, washed_card));
      (*n_cards)++;
    }
  return lowest;
}

static void
record_single (CrWorkshop *workshop,
               CrRound    *round,
               guint       participant,
               const char *option)
{
  g_autoptr(CrParticipant) who = g_list_model_get_item (cr_workshop_get_participants (workshop), participant);
  g_autoptr(GError) error = NULL;
  CrVote vote = { cr_participant_get_id (who), g_intern_string (option), NULL, 1 };

  g_assert_true (cr_workshop_record_votes (workshop, round, vote.participant_id, &vote, 1, &error));
  g_assert_no_error (error);
}

static void
check_contrast (const char *style_name)
{
  g_autoptr(CrStore) store = cr_test_new_store ();
  g_autoptr(CrWorkshop) workshop = new_workshop (store);
  CrTemplate *template = cr_workshop_get_template (workshop);
  g_autoptr(GError) error = NULL;
  CrRoomView *view;
  GtkWidget *window = show_view (workshop, 1280, 720, &view);
  CrRound *round;
  double lowest = G_MAXDOUBLE;
  double lowest_marks = G_MAXDOUBLE;
  guint n_cards = 0;

  /* A revealed round, so the result's own styles are measured too. */
  round = cr_workshop_open_round (workshop, "current", &error);
  g_assert_no_error (error);
  record_single (workshop, round, 0, "projects-as-products");
  g_assert_true (cr_workshop_reveal_round (workshop, round, &error));
  g_assert_no_error (error);
  /* ...and an open one, whose status line has a colour of its own. */
  cr_workshop_open_round (workshop, "target", &error);
  g_assert_no_error (error);

  for (guint s = 0; s < cr_template_get_n_steps (template); s++)
    {
      const char *id = cr_template_get_step (template, s)->id;

      show_step (view, id);
      lowest = MIN (lowest, lowest_contrast (view, id));
      lowest_marks = MIN (lowest_marks, lowest_mark_contrast (view, id, style_name, &n_cards));
    }
  /* The clock once the time box is over has its own colour. */
  cr_room_view_set_time_left (view, -65);
  cr_test_ui_spin (100);
  lowest = MIN (lowest, lowest_contrast (view, "over time"));

  g_test_message ("%s: lowest text contrast over all steps: %.2f:1", style_name, lowest);
  g_test_message ("%s: lowest contrast of a chart mark, or washed out of the header's rule or %u card outlines, "
                  "over all steps: %.2f:1",
                  style_name, n_cards, lowest_marks);
  g_assert_cmpuint (n_cards, >, 0);
  g_assert_cmpfloat (lowest, >=, 7.0);
  g_assert_cmpfloat (lowest_marks, >=, 3.0);
  destroy_window (window);
}

static void
test_contrast_light (void)
{
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_FORCE_LIGHT);
  g_assert_false (adw_style_manager_get_dark (adw_style_manager_get_default ()));
  check_contrast ("light");
}

static void
test_contrast_dark (void)
{
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_FORCE_DARK);
  g_assert_true (adw_style_manager_get_dark (adw_style_manager_get_default ()));
  check_contrast ("dark");
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_DEFAULT);
}

/* High contrast as GNOME turns it on (or off): the desktop's a11y
 * setting, which libadwaita follows (the settings backend is the
 * in-memory one here). FALSE where the setting's schema is not installed. */
static gboolean
set_high_contrast (gboolean high)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = NULL;
  g_autoptr(GSettings) settings = NULL;
  AdwStyleManager *manager = adw_style_manager_get_default ();
  guint timeout;

  if (source != NULL)
    schema = g_settings_schema_source_lookup (source, "org.gnome.desktop.a11y.interface", TRUE);
  if (schema == NULL)
    return FALSE;
  settings = g_settings_new ("org.gnome.desktop.a11y.interface");
  g_settings_set_boolean (settings, "high-contrast", high);
  timeout = cr_test_ui_watchdog (20, "high contrast to change");
  while (adw_style_manager_get_high_contrast (manager) != high)
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (timeout);
  return TRUE;
}

static void
test_contrast_high (void)
{
  AdwStyleManager *manager = adw_style_manager_get_default ();

  if (!set_high_contrast (TRUE))
    {
      g_test_skip ("the org.gnome.desktop.a11y.interface schema is not installed");
      return;
    }
  adw_style_manager_set_color_scheme (manager, ADW_COLOR_SCHEME_FORCE_LIGHT);
  check_contrast ("high contrast");
  adw_style_manager_set_color_scheme (manager, ADW_COLOR_SCHEME_FORCE_DARK);
  check_contrast ("high contrast, dark");
  adw_style_manager_set_color_scheme (manager, ADW_COLOR_SCHEME_DEFAULT);
  set_high_contrast (FALSE);
}

/* ---- Nothing leaks ----------------------------------------------------------- */

/* Everything the view says, to eyes or to a screen reader: label texts,
 * tooltips and accessible labels, and the window's title. An accessible
 * label the view did not set on purpose fails the test. */
static void
collect_text (GtkWidget *widget,
              GString   *text)
{
  const char *said = cr_room_view_get_accessible_text (widget);
  const char *described = cr_room_view_get_accessible_description (widget);
  const char *tooltip = gtk_widget_get_tooltip_text (widget);

  /* What a stack hides is out of the accessibility tree as well. */
  if (!gtk_widget_get_visible (widget) || !gtk_widget_get_child_visible (widget))
    return;
  if (GTK_IS_LABEL (widget))
    g_string_append_printf (text, "label: %s\n", gtk_label_get_text (GTK_LABEL (widget)));
  if (tooltip != NULL)
    g_string_append_printf (text, "tooltip: %s\n", tooltip);
  if (said != NULL)
    {
      g_autofree char *mismatch = gtk_test_accessible_check_property (GTK_ACCESSIBLE (widget),
                                                                      GTK_ACCESSIBLE_PROPERTY_LABEL, said);

      g_assert_null (mismatch);
      g_string_append_printf (text, "accessible: %s\n", said);
    }
  else if (!GTK_IS_LABEL (widget))
    g_assert_false (gtk_test_accessible_has_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_LABEL));
  if (described != NULL)
    {
      g_autofree char *mismatch = gtk_test_accessible_check_property (GTK_ACCESSIBLE (widget),
                                                                      GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, described);

      g_assert_null (mismatch);
      g_string_append_printf (text, "description: %s\n", described);
    }
  else
    g_assert_false (gtk_test_accessible_has_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION));
  if (GTK_IS_DRAWING_AREA (widget))
    g_string_append (text, "chart\n");

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_text (child, text);
}

static char *
everything_said (GtkWidget  *window,
                 CrRoomView *view)
{
  GString *text = g_string_new (NULL);

  g_string_append_printf (text, "title: %s\n", gtk_window_get_title (GTK_WINDOW (window)));
  collect_text (GTK_WIDGET (view), text);
  return g_string_free (text, FALSE);
}

static void settle (CrRoomView *view);

static void
test_nothing_leaks (void)
{
  g_autoptr(CrStore) store = cr_test_new_store ();
  g_autoptr(CrWorkshop) workshop = new_workshop (store);
  g_autoptr(GError) error = NULL;
  const char *steps[] = { "vote-current", "results" };
  CrRoomView *view;
  GtkWidget *window = show_view (workshop, 1280, 720, &view);
  CrRound *round;
  char *before[G_N_ELEMENTS (steps)] = { NULL };
  g_autofree char *revealed = NULL;

  gtk_window_set_title (GTK_WINDOW (window), "Crossroads: Room View");
  round = cr_workshop_open_round (workshop, "current", &error);
  g_assert_no_error (error);
  for (guint s = 0; s < G_N_ELEMENTS (steps); s++)
    {
      show_step (view, steps[s]);
      /* A step taller than the screen says so once laid out. */
      settle (view);
      before[s] = everything_said (window, view);
      g_assert_nonnull (strstr (before[s], "voting is open"));
    }

  /* Three of four vote: 2, 1 and 0 for the three options. */
  record_single (workshop, round, 0, "projects-as-products");
  record_single (workshop, round, 1, "projects-as-products");
  record_single (workshop, round, 2, "px-as-a-product");
  cr_test_ui_spin (150);
  for (guint s = 0; s < G_N_ELEMENTS (steps); s++)
    {
      g_autofree char *after = NULL;

      show_step (view, steps[s]);
      settle (view);
      after = everything_said (window, view);
      /* Not one character moved: no count, share, voter or chart. */
      g_assert_cmpstr (after, ==, before[s]);
      g_assert_null (strstr (after, "%"));
      g_assert_null (strstr (after, "chart"));
      g_assert_null (strstr (after, "vote "));
      g_assert_null (strstr (after, "votes"));
      g_assert_null (strstr (after, "Ana Sousa"));
    }

  /* Reveal: the result appears, on the vote's step and in the results. */
  g_assert_true (cr_workshop_reveal_round (workshop, round, &error));
  g_assert_no_error (error);
  cr_test_ui_spin (150);
  for (guint s = 0; s < G_N_ELEMENTS (steps); s++)
    {
      show_step (view, steps[s]);
      g_free (revealed);
      revealed = everything_said (window, view);
      g_assert_cmpstr (revealed, !=, before[s]);
      /* A chart, described with its numbers: the vote's own chart on its
       * step, today against the target in the results. */
      g_assert_nonnull (strstr (revealed, "chart\n"));
      g_assert_nonnull (strstr (revealed, "Projects and Programmes as Products"));
      g_assert_nonnull (strstr (revealed, "67 %"));
      g_assert_nonnull (strstr (revealed, "33 %"));
      if (s == 0)
        g_assert_nonnull (strstr (revealed, "Projects and Programmes as Products, 2 of 3 votes (67 %)"));
      g_assert_null (strstr (revealed, "voting is open"));
    }
  /* The title never carries a result. */
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (window)), ==, "Crossroads: Room View");

  for (guint s = 0; s < G_N_ELEMENTS (steps); s++)
    g_free (before[s]);

  /* Undo hides the round again, and the view follows at once. */
  g_assert_true (cr_workshop_undo (workshop, &error));
  g_assert_no_error (error);
  cr_test_ui_spin (150);
  g_free (revealed);
  revealed = everything_said (window, view);
  g_assert_null (strstr (revealed, "%"));

  destroy_window (window);
}

/* ---- The view follows the workshop ------------------------------------------ */

static gboolean
says (GtkWidget  *window,
      CrRoomView *view,
      const char *needle)
{
  g_autofree char *text = everything_said (window, view);

  return strstr (text, needle) != NULL;
}

static void
test_follows_workshop (void)
{
  g_autoptr(CrStore) store = cr_test_new_store ();
  g_autoptr(CrWorkshop) workshop = new_workshop (store);
  g_autoptr(GError) error = NULL;
  CrRoomView *view;
  GtkWidget *window = show_view (workshop, 1280, 720, &view);
  CrNote *note;

  show_step (view, "canvas");
  g_assert_true (says (window, view, "Discovery interviews with new managers"));
  g_assert_false (says (window, view, "Silos remain"));

  note = cr_workshop_add_note (workshop, "hr-as-a-service", CR_NOTE_RISK, "Silos remain", 0, &error);
  g_assert_no_error (error);
  cr_test_ui_spin (100);
  g_assert_true (says (window, view, "Silos remain"));

  g_assert_true (cr_workshop_update_note (workshop, note, "hr-as-a-service", CR_NOTE_RISK,
                                          "Silos remain, renamed", &error));
  cr_test_ui_spin (100);
  g_assert_true (says (window, view, "Silos remain, renamed"));

  /* Undo twice: the edit, then the note. */
  g_assert_true (cr_workshop_undo (workshop, &error));
  g_assert_true (cr_workshop_undo (workshop, &error));
  g_assert_no_error (error);
  cr_test_ui_spin (100);
  g_assert_false (says (window, view, "Silos remain"));

  show_step (view, "actions");
  g_assert_true (says (window, view, "Pick two programmes to run as products"));
  g_assert_true (says (window, view, "Ana Sousa\u2069 · by 2026-12-15"));

  show_step (view, "setup");
  g_assert_true (says (window, view, "People model review"));
  g_assert_true (cr_workshop_set_details (workshop, "People model, second look", "Northwind", "Sam Rivera",
                                          "2026-11-23", "People", &error));
  cr_test_ui_spin (100);
  g_assert_true (says (window, view, "People model, second look"));

  /* The clock. */
  cr_room_view_set_time_left (view, 12 * 60 + 5);
  g_assert_true (says (window, view, "12:05 left"));
  cr_room_view_set_time_left (view, -125);
  g_assert_true (says (window, view, "2:05 over"));

  destroy_window (window);
}

/* A template without stages: each option's fit with its reasons, and the
 * gap between two score questions. */
static void
test_unordered_template (void)
{
  g_autoptr(CrStore) store = cr_test_new_store ();
  g_autoptr(GError) error = NULL;
  g_autoptr(CrTemplate) template = cr_template_lookup_builtin ("product-led-vocabulary", &error);
  g_autoptr(CrWorkshop) workshop = NULL;
  g_autoptr(CrParticipant) who = NULL;
  CrContextValue lead = { FALSE, 0, (char *) "sales" };
  CrRoomView *view;
  GtkWidget *window;
  const char *questions[] = { "today", "ambition" };

  g_assert_no_error (error);
  workshop = cr_workshop_create (store, template, "Words", "Northwind", "Sam", "2026-11-23", "People", &error);
  g_assert_no_error (error);
  who = cr_workshop_add_participant (workshop, "Ana Sousa", NULL, &error);
  g_assert_no_error (error);
  g_object_ref (who);
  g_assert_true (cr_workshop_set_context (workshop, "company_lead", &lead, &error));
  for (guint q = 0; q < G_N_ELEMENTS (questions); q++)
    {
      CrRound *round = cr_workshop_open_round (workshop, questions[q], &error);
      CrVote votes[3];

      g_assert_no_error (error);
      for (guint o = 0; o < 3; o++)
        votes[o] = (CrVote) { cr_participant_get_id (who),
                              g_intern_string (cr_template_get_option (template, o)->id), NULL, 3 + (int) (q * 4 + o) };
      g_assert_true (cr_workshop_record_votes (workshop, round, cr_participant_get_id (who), votes, 3, &error));
      g_assert_true (cr_workshop_reveal_round (workshop, round, &error));
      g_assert_no_error (error);
    }

  window = show_view (workshop, 1280, 720, &view);
  show_step (view, "recommendation");
  g_assert_true (says (window, view, "Fit "));
  g_assert_true (says (window, view, cr_template_get_option (template, 0)->title));
  show_step (view, "results");
  g_assert_true (says (window, view, "chart\n"));
  g_assert_true (says (window, view, "Today and the target"));
  /* Twice, so a fit freed by the first build would show in the second. */
  show_step (view, "recommendation");
  show_step (view, "results");
  show_step (view, "recommendation");
  g_assert_true (says (window, view, "Fit "));
  destroy_window (window);
}

/* ---- The recommendation and the decision -------------------------------------- */

static void
assert_says_reasons (GtkWidget  *window,
                     CrRoomView *view,
                     GPtrArray  *reasons)
{
  for (guint i = 0; i < reasons->len; i++)
    {
      const CrReason *reason = g_ptr_array_index (reasons, i);
      g_autofree char *weight = cr_recommend_format_weight (reason->weight);
      g_autofree char *said = reason->kind == CR_REASON_NOTE
        ? g_strdup_printf ("accessible: %s\n", reason->text)
        : g_strdup_printf ("accessible: %s, %s\n", reason->text, weight);

      if (!says (window, view, said))
        g_error ("the room is not told \"%s\"", said);
    }
}

/* The room's recommendation shows what it rests on, where the context and
 * the room disagree, and every reason with its weight; the decision, once
 * recorded, comes first. */
static void
test_recommendation_and_decision (void)
{
  g_autoptr(CrStore) store = cr_test_new_store ();
  g_autoptr(CrWorkshop) workshop = new_workshop (store);
  g_autoptr(CrRecommendation) rec = NULL;
  g_autoptr(CrDecision) decision = cr_decision_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  CrContextValue makeup = { FALSE, 0, (char *) "siloed-specialists" };
  GListModel *participants = cr_workshop_get_participants (workshop);
  const char *picks[] = { "hr-as-a-service", "projects-as-products", "projects-as-products", "projects-as-products" };
  CrRoomView *view;
  GtkWidget *window;
  CrRound *round;

  /* Enterprise, siloed specialists: the context favours model 1 (+4
   * against +2); three of four say they work today on projects as products. */
  g_assert_true (cr_workshop_set_context (workshop, "team_makeup", &makeup, &error));
  round = cr_workshop_open_round (workshop, "current", &error);
  g_assert_no_error (error);
  for (guint i = 0; i < 4; i++)
    {
      g_autoptr(CrParticipant) p = g_list_model_get_item (participants, i);
      CrVote v = { cr_participant_get_id (p), g_intern_string (picks[i]), NULL, 1 };

      g_assert_true (cr_workshop_record_votes (workshop, round, v.participant_id, &v, 1, &error));
    }

  window = show_view (workshop, 1280, 720, &view);
  show_step (view, "recommendation");
  g_assert_true (says (window, view, "Based on your context alone"));
  g_assert_false (says (window, view, "of the room say"));

  g_assert_true (cr_workshop_reveal_round (workshop, round, &error));
  cr_test_ui_spin (150);
  g_assert_true (says (window, view, "Based on your context and the room's revealed votes"));
  g_assert_true (says (window, view, "Where your context and the room disagree"));
  g_assert_true (says (window, view, "Your context points to Productised HR as a Service; 75 % of the room say you work today as Projects and Programmes as Products."));
  g_assert_false (says (window, view, "The room's decision"));

  /* Every reason, with its weight: the picks' and every option's rules. */
  rec = cr_recommend_workshop (workshop);
  g_assert_cmpuint (rec->start_reasons->len, >=, 2);
  assert_says_reasons (window, view, rec->start_reasons);
  assert_says_reasons (window, view, rec->aim_reasons);
  /* Each rule that matched, once, however many options it bears on (a
   * review found it repeated under every option), with what it gave each. */
  {
    g_autofree char *all = everything_said (window, view);
    gboolean shared = FALSE;

    g_assert_cmpuint (rec->rules->len, >=, 2);
    for (guint r = 0; r < rec->rules->len; r++)
      {
        const CrRule *rule = g_ptr_array_index (rec->rules, r);
        g_autofree char *line = g_strdup_printf ("label: %s\n", rule->reason);
        const char *first = strstr (all, line);

        g_assert_nonnull (first);
        g_assert_null (strstr (first + 1, line));
        shared |= rule->option_ids->len > 1;
      }
    g_assert_true (shared);
    g_assert_true (says (window, view, "Productised HR as a Service: fit +4"));
  }

  /* The room decides otherwise, and that leads the screen. */
  decision->start_with = g_strdup ("projects-as-products");
  decision->aim_for = g_strdup ("px-as-a-product");
  g_free (decision->rationale);
  decision->rationale = g_strdup ("Two pilots before the summer.");
  for (guint i = 1; i < 3; i++)
    {
      g_autoptr(CrParticipant) p = g_list_model_get_item (participants, i);

      cr_decision_set_agreed (decision, cr_participant_get_id (p), TRUE);
    }
  g_assert_true (cr_workshop_set_decision (workshop, decision, &error));
  g_assert_no_error (error);
  cr_test_ui_spin (150);
  text = everything_said (window, view);
  g_assert_nonnull (strstr (text, "The room's decision"));
  g_assert_nonnull (strstr (text, "Start with Projects and Programmes as Products, aim for People Experience as a Product"));
  g_assert_nonnull (strstr (text, "Two pilots before the summer."));
  g_assert_nonnull (strstr (text, "Agreed by 2 of 4"));
  g_assert_cmpint (strstr (text, "The room's decision") - text, <, strstr (text, "Based on your context") - text);

  /* Undo: gone from the room at once. */
  g_assert_true (cr_workshop_undo (workshop, &error));
  cr_test_ui_spin (150);
  g_assert_false (says (window, view, "The room's decision"));

  destroy_window (window);
}

/* With no context answered and a round revealed, the room is told the
 * recommendation rests on its votes alone and that the context is not
 * filled in: not that it weighs the context, nor that no rule matched. */
static void
test_recommendation_without_context (void)
{
  g_autoptr(CrStore) store = cr_test_new_store ();
  g_autoptr(GError) error = NULL;
  g_autoptr(CrTemplate) template = cr_template_lookup_builtin ("product-led-vocabulary", &error);
  g_autoptr(CrWorkshop) workshop = NULL;
  const char *options[] = { "product-led-organisation", "product-operating-model", "product-led-growth" };
  const int scores[] = { 7, 4, 2 };
  CrRoomView *view;
  GtkWidget *window;
  CrRound *round;

  g_assert_no_error (error);
  workshop = cr_workshop_create (store, template, "Vocabulary", "Northwind", "Sam Rivera",
                                 "2026-11-23", "Product", &error);
  g_assert_no_error (error);
  round = cr_workshop_open_round (workshop, "today", &error);
  g_assert_no_error (error);
  for (guint i = 0; i < 2; i++)
    {
      CrParticipant *p = cr_workshop_add_participant (workshop, i == 0 ? "Ana Sousa" : "Ben Okafor", NULL, &error);
      CrVote v[3];

      g_assert_no_error (error);
      for (guint o = 0; o < 3; o++)
        {
          CrVote one = { cr_participant_get_id (p), g_intern_string (options[o]), NULL, scores[o] };
          v[o] = one;
        }
      g_assert_true (cr_workshop_record_votes (workshop, round, v[0].participant_id, v, 3, &error));
    }
  g_assert_true (cr_workshop_reveal_round (workshop, round, &error));

  window = show_view (workshop, 1280, 720, &view);
  show_step (view, "recommendation");
  g_assert_true (says (window, view, "Based on the room's revealed votes alone: the context has not been filled in."));
  g_assert_true (says (window, view, "The context has not been filled in, so no rule of the template applies yet."));
  g_assert_false (says (window, view, "Based on your context"));
  g_assert_false (says (window, view, "No rule of the template matched"));

  destroy_window (window);
}

/* "What the room said" shows every revealed round's chart, not only today
 * against the target, each share against 100 % with its count and base. */
static void
test_results_every_round (void)
{
  g_autoptr(CrStore) store = cr_test_new_store ();
  g_autofree char *bundle = cr_test_source_path ("bundles", "report.json", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(CrWorkshop) workshop = NULL;
  g_autofree char *text = NULL;
  GListModel *rounds;
  CrRoomView *view;
  GtkWidget *window;
  guint charts = 0;
  gint64 id;

  id = cr_bundle_import_file (store, bundle, &error);
  g_assert_no_error (error);
  workshop = cr_workshop_load (store, id, &error);
  g_assert_no_error (error);
  rounds = cr_workshop_get_rounds (workshop);
  window = show_view (workshop, 1280, 720, &view);
  show_step (view, "results");
  text = everything_said (window, view);

  g_assert_nonnull (strstr (text, "Today and the target"));
  for (guint i = 0; i < g_list_model_get_n_items (rounds); i++)
    {
      g_autoptr(CrRound) round = g_list_model_get_item (rounds, i);
      g_autoptr(CrTally) tally = cr_tally_compute (cr_workshop_get_template (workshop), round);
      g_autofree char *description = cr_chart_describe_tally (tally);
      g_autofree char *said = g_strdup_printf ("description: %s\n", description);

      g_assert_true (cr_round_get_revealed (round));
      if (strstr (text, said) == NULL)
        g_error ("round %u of %s is not shown: %s", cr_round_get_number (round),
                 cr_round_get_question (round), description);
    }
  /* Both rounds of "current", with their count and base */
  g_assert_nonnull (strstr (text, "Round 1: the result"));
  g_assert_nonnull (strstr (text, "Round 2: the result"));
  g_assert_nonnull (strstr (text, " of 7 votes ("));
  for (const char *p = text; (p = strstr (p, "chart\n")) != NULL; p++)
    charts++;
  /* The gap and the four rounds */
  g_assert_cmpuint (charts, ==, 1 + g_list_model_get_n_items (rounds));

  destroy_window (window);
}

/* ---- A step longer than the screen -------------------------------------------- */

static GtkWidget *
find_descendant (GtkWidget  *widget,
                 GType       type,
                 const char *css_class)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type)
      && (css_class == NULL || gtk_widget_has_css_class (widget, css_class)))
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_descendant (child, type, css_class);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* What the room sees of "more below": the indicator's text, NULL when it is
 * not shown. */
static const char *
more_text (CrRoomView *view)
{
  GtkWidget *label = find_descendant (GTK_WIDGET (view), GTK_TYPE_LABEL, "room-more");

  g_assert_nonnull (label);
  if (!gtk_widget_get_mapped (label))
    return NULL;
  return gtk_label_get_text (GTK_LABEL (label));
}

/* Until the body, its position and the indicator have stopped moving: the
 * last screen and a new step take a layout or two, longer on a busy machine. */
static void
settle (CrRoomView *view)
{
  GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (
    find_descendant (GTK_WIDGET (view), GTK_TYPE_SCROLLED_WINDOW, NULL)));
  g_autofree char *before = NULL;
  guint stable = 0;

  cr_test_ui_spin (100);
  for (guint tries = 0; stable < 4 && tries < 200; tries++)
    {
      g_autofree char *now = g_strdup_printf ("%.1f %.1f %.1f %s", gtk_adjustment_get_value (adjustment),
                                              gtk_adjustment_get_upper (adjustment),
                                              gtk_adjustment_get_page_size (adjustment), more_text (view));

      stable = g_strcmp0 (now, before) == 0 ? stable + 1 : 0;
      g_free (before);
      before = g_steal_pointer (&now);
      cr_test_ui_spin (50);
    }
  g_assert_cmpuint (stable, >=, 4);
}

static void
activate (CrRoomView *view,
          const char *action)
{
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), action, NULL));
  settle (view);
}

static double
end_of (GtkAdjustment *adjustment)
{
  return gtk_adjustment_get_upper (adjustment) - gtk_adjustment_get_page_size (adjustment);
}

/* Where the screen shows @label down to, in @scrolled's coordinates: its
 * foot, or higher where the room view veils the rest of a block taller
 * than the screen (the lines it shows on the next). */
#define VEIL_KEY "cr-room-veil"

static double
shown_foot (GtkWidget *label,
            GtkWidget *scrolled)
{
  double foot = gtk_widget_get_height (scrolled);

  for (GtkWidget *w = label; w != scrolled; w = gtk_widget_get_parent (w))
    {
      const double *veil = g_object_get_data (G_OBJECT (w), VEIL_KEY);
      graphene_rect_t bounds;

      if (veil != NULL && gtk_widget_compute_bounds (w, scrolled, &bounds))
        foot = MIN (foot, bounds.origin.y + *veil);
    }
  return foot;
}

/* What the room view draws at the top of a screen that goes on with a
 * column from the screen before (an option's notes, a round's rows): on
 * its veil, each caption's text and place (a CrChartRect in the
 * scroller's coordinates), and the height the captions cover. */
#define CAPTION_TEXTS_KEY "cr-room-caption-texts"
#define CAPTION_RECTS_KEY "cr-room-caption-rects"
#define CAPTION_COVER_KEY "cr-room-caption-cover"

static GtkWidget *
veil_of (GtkWidget *scrolled)
{
  GtkWidget *veil = gtk_widget_get_next_sibling (scrolled);

  g_assert_true (GTK_IS_DRAWING_AREA (veil) && gtk_widget_has_css_class (veil, "room-veil"));
  return veil;
}

/* Where the screen shows @widget from, in @scrolled's coordinates: its
 * top, or lower where captions cover the top of its column. */
static double
shown_top (GtkWidget *widget,
           GtkWidget *scrolled)
{
  GtkWidget *veil = veil_of (scrolled);
  GArray *rects = g_object_get_data (G_OBJECT (veil), CAPTION_RECTS_KEY);
  const double *cover = g_object_get_data (G_OBJECT (veil), CAPTION_COVER_KEY);
  graphene_rect_t bounds;

  if (!gtk_widget_get_visible (veil) || rects == NULL || cover == NULL
      || !gtk_widget_compute_bounds (widget, scrolled, &bounds))
    return 0;
  for (guint i = 0; i < rects->len; i++)
    {
      const CrChartRect *r = &g_array_index (rects, CrChartRect, i);

      if (r->x < bounds.origin.x + bounds.size.width - 0.5 && r->x + r->width > bounds.origin.x + 0.5)
        return *cover;
    }
  return 0;
}

/* Whether @y, in @label's coordinates, falls inside one of its lines
 * rather than between them (or above or below them all). */
static gboolean
inside_a_line (GtkWidget *label,
               double     y)
{
  PangoLayoutIter *iter = pango_layout_get_iter (gtk_label_get_layout (GTK_LABEL (label)));
  gboolean inside = FALSE;
  int offset_y;

  gtk_label_get_layout_offsets (GTK_LABEL (label), NULL, &offset_y);
  do
    {
      int y0, y1;

      pango_layout_iter_get_line_yrange (iter, &y0, &y1);
      if (y > offset_y + (double) y0 / PANGO_SCALE + 0.5 && y < offset_y + (double) y1 / PANGO_SCALE - 0.5)
        inside = TRUE;
    }
  while (!inside && pango_layout_iter_next_line (iter));
  pango_layout_iter_free (iter);
  return inside;
}

/* Whether @label is shown a screen at a time, whole lines each: one
 * taller than the screen, or one taller than what a screen leaves under a
 * caption (5 em less: the column's name in two lines, the lane's, the
 * gaps) in a card taller than the screen, or than that in a column a
 * screen that goes on with says whose (an option's on the canvas); a
 * pasted link wraps into such a note. */
static gboolean
pages_by_lines (CrRoomView *view,
                GtkWidget  *label,
                int         height)
{
  double room = height - 5 * cr_room_view_get_font_size (view);
  GtkWidget *card = label, *column;
  graphene_rect_t bounds;

  if (gtk_widget_get_height (label) > height)
    return TRUE;
  while (card != NULL && !gtk_widget_has_css_class (card, "room-card"))
    card = gtk_widget_get_parent (card);
  for (column = card; column != NULL && g_object_get_data (G_OBJECT (column), "cr-room-caption") == NULL;)
    column = gtk_widget_get_parent (column);
  return card != NULL && gtk_widget_compute_bounds (card, card, &bounds)
         && (bounds.size.height > height || (column != NULL && bounds.size.height > room))
         && gtk_widget_get_height (label) > room;
}

/* Adds to @seen every label of the body the screen shows whole now, and
 * checks that the screen shows no label cut by its edges. A label taller
 * than the screen cannot be whole on one: it counts as seen on the screen
 * that shows its top, and adds the part this screen shows to @tall (if
 * not NULL), which must cover it in the end, a screen after another. */
static void
note_seen_whole (CrRoomView *view,
                 GHashTable *seen,
                 GHashTable *tall)
{
  GtkWidget *scrolled = find_descendant (GTK_WIDGET (view), GTK_TYPE_SCROLLED_WINDOW, NULL);
  g_autoptr(GPtrArray) labels = g_ptr_array_new ();
  int height = gtk_widget_get_height (scrolled);

  collect_labels (scrolled, labels);
  for (guint i = 0; i < labels->len; i++)
    {
      GtkWidget *label = g_ptr_array_index (labels, i);
      graphene_rect_t bounds;
      double opacity = 1;

      for (GtkWidget *w = label; w != scrolled; w = gtk_widget_get_parent (w))
        opacity *= gtk_widget_get_opacity (w);
      double foot, top;

      g_assert_true (gtk_widget_compute_bounds (label, scrolled, &bounds));
      foot = shown_foot (label, scrolled);
      top = shown_top (label, scrolled);
      /* Beyond the picture's side: never seen, on this screen or another. */
      if (bounds.origin.x < -0.5 || bounds.origin.x + bounds.size.width > gtk_widget_get_width (scrolled) + 0.5)
        continue;
      /* (A heading whole at the bottom waits for its first note.) */
      if (bounds.origin.y >= top - 0.5 && bounds.origin.y + bounds.size.height <= foot + 0.5)
        {
          if (opacity == 1)
            g_hash_table_add (seen, label);
        }
      else if (pages_by_lines (view, label, height) && tall != NULL)
        {
          GArray *parts = g_hash_table_lookup (tall, label);
          double from = MAX (0, top - bounds.origin.y), to = MIN (bounds.size.height, foot - bounds.origin.y);

          if (opacity == 0 || to <= from)
            continue;
          /* Shown a screen at a time, whole lines each: no line is cut in
           * half at the screen's top or at its foot. */
          if (inside_a_line (label, from) || inside_a_line (label, to))
            g_error ("\"%.40s…\", taller than the screen, is shown from %.1f to %.1f of its %.0f (the screen from "
                     "%.1f to %.1f): a line is cut in half", gtk_label_get_text (GTK_LABEL (label)), from, to,
                     bounds.size.height, top, foot);
          if (parts == NULL)
            g_hash_table_insert (tall, label, (parts = g_array_new (FALSE, FALSE, sizeof (graphene_point_t))));
          g_array_append_val (parts, ((graphene_point_t) { from, to }));
          if (from == 0)
            g_hash_table_add (seen, label);
        }
      /* Cut by an edge of the screen: not shown, no line in halves. */
      else if (bounds.origin.y + bounds.size.height > top + 0.5 && bounds.origin.y < foot - 0.5 && opacity != 0)
        g_error ("\"%s\" (%.0f–%.0f) is cut by the screen's edge (0–%.0f)", gtk_label_get_text (GTK_LABEL (label)),
                 bounds.origin.y, bounds.origin.y + bounds.size.height, foot);
    }
}

/* Twenty long notes do not fit on a 1280x720 screen: Page Down shows the
 * rest a screen at a time before it moves on, Page Up goes back up, and a
 * new step starts at its top. */
static void
test_long_step (void)
{
  g_autoptr(CrStore) store = cr_test_new_store ();
  g_autoptr(CrWorkshop) workshop = new_workshop (store);
  g_autoptr(GError) error = NULL;
  const char *options[] = { "hr-as-a-service", "projects-as-products", "px-as-a-product" };
  CrRoomView *view;
  GtkWidget *window;
  GtkAdjustment *adjustment;
  double value, page_size, previous;
  guint screens = 1;
  g_autoptr(GHashTable) seen = g_hash_table_new (NULL, NULL);
  g_autoptr(GPtrArray) all = g_ptr_array_new ();

  for (guint i = 0; i < 20; i++)
    {
      g_autofree char *text = g_strdup_printf ("Note %u: the people team spends most of its week on requests "
                                               "that nobody has asked it to prioritise", i + 1);

      cr_workshop_add_note (workshop, options[i % 3], (CrNoteKind) (i % 3), text, 0, &error);
      g_assert_no_error (error);
    }
  window = show_view (workshop, 1280, 720, &view);
  show_step (view, "canvas");
  settle (view);
  adjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (
    find_descendant (GTK_WIDGET (view), GTK_TYPE_SCROLLED_WINDOW, NULL)));
  page_size = gtk_adjustment_get_page_size (adjustment);

  /* More than a screen, at the promised size, and the room is told so. */
  g_assert_cmpint (cr_room_view_get_font_size (view), >=, 24);
  g_assert_cmpfloat (page_size, >, 0);
  g_assert_cmpfloat (gtk_adjustment_get_value (adjustment), ==, 0);
  g_assert_cmpfloat (end_of (adjustment), >, page_size / 2);
  g_assert_nonnull (more_text (view));
  g_assert_nonnull (strstr (more_text (view), "Continued ↓ (1 of "));
  /* As large and as clear as the rest of the header. */
  g_assert_cmpfloat (label_font_px (find_descendant (GTK_WIDGET (view), GTK_TYPE_LABEL, "room-more")), >=, 24);
  g_assert_cmpfloat (lowest_contrast (view, "canvas"), >=, 7.0);

  note_seen_whole (view, seen, NULL);

  /* Page Down: the body moves by about a screen, keeping a little of it:
   * the screen's own blocks start there, under the captions that say
   * which option each column goes on with. */
  activate (view, "room.next-step");
  {
    GtkWidget *veil = veil_of (find_descendant (GTK_WIDGET (view), GTK_TYPE_SCROLLED_WINDOW, NULL));
    const double *cover = g_object_get_data (G_OBJECT (veil), CAPTION_COVER_KEY);

    value = gtk_adjustment_get_value (adjustment) + (gtk_widget_get_visible (veil) && cover != NULL ? *cover : 0);
  }
  g_assert_cmpstr (cr_room_view_get_step_id (view), ==, "canvas");
  g_assert_cmpfloat (value, >, page_size / 2);
  g_assert_cmpfloat (value, <, page_size);

  /* ...until the end, where the indicator goes, and then the step moves. */
  previous = 0;
  note_seen_whole (view, seen, NULL);
  while (gtk_adjustment_get_value (adjustment) < end_of (adjustment) - 1)
    {
      note_seen_whole (view, seen, NULL);
      g_assert_cmpfloat (gtk_adjustment_get_value (adjustment), >, previous);
      g_assert_nonnull (more_text (view));
      previous = gtk_adjustment_get_value (adjustment);
      activate (view, "room.next-step");
      g_assert_cmpstr (cr_room_view_get_step_id (view), ==, "canvas");
      g_assert_cmpuint (++screens, <, 20);
    }
  g_test_message ("canvas of 20 long notes at 1280x720: %u screens of %.0f px",
                  screens + 1, page_size);
  g_assert_null (more_text (view));
  /* Nothing was skipped: every line of the canvas was seen whole on a screen. */
  note_seen_whole (view, seen, NULL);
  collect_labels (find_descendant (GTK_WIDGET (view), GTK_TYPE_SCROLLED_WINDOW, NULL), all);
  g_assert_cmpuint (all->len, >, 20);
  for (guint i = 0; i < all->len; i++)
    if (!g_hash_table_contains (seen, g_ptr_array_index (all, i)))
      g_error ("\"%s\" was never on a screen whole", gtk_label_get_text (g_ptr_array_index (all, i)));

  /* Page Up goes back up, and the indicator comes back. */
  activate (view, "room.previous-step");
  g_assert_cmpstr (cr_room_view_get_step_id (view), ==, "canvas");
  g_assert_cmpfloat (gtk_adjustment_get_value (adjustment), <, end_of (adjustment) - 1);
  g_assert_nonnull (more_text (view));
  while (gtk_adjustment_get_value (adjustment) < end_of (adjustment) - 1)
    activate (view, "room.next-step");
  g_assert_cmpstr (cr_room_view_get_step_id (view), ==, "canvas");

  /* At the end, Page Down moves the step, and the new one starts at its top. */
  activate (view, "room.next-step");
  g_assert_cmpstr (cr_room_view_get_step_id (view), ==, "vote-current");
  g_assert_cmpfloat (gtk_adjustment_get_value (adjustment), ==, 0);

  /* Back to the canvas: from its top too, with the indicator. */
  activate (view, "room.previous-step");
  g_assert_cmpstr (cr_room_view_get_step_id (view), ==, "canvas");
  g_assert_cmpfloat (gtk_adjustment_get_value (adjustment), ==, 0);
  g_assert_nonnull (more_text (view));
  activate (view, "room.next-step");
  g_assert_cmpfloat (gtk_adjustment_get_value (adjustment), >, 0);
  /* Page Up at the top of a step moves to the step before. */
  activate (view, "room.previous-step");
  g_assert_cmpfloat (gtk_adjustment_get_value (adjustment), ==, 0);
  g_assert_cmpstr (cr_room_view_get_step_id (view), ==, "canvas");
  activate (view, "room.previous-step");
  g_assert_cmpstr (cr_room_view_get_step_id (view), ==, "context");

  /* A step changed from elsewhere (the console) starts at its top too. */
  show_step (view, "canvas");
  settle (view);
  activate (view, "room.next-step");
  g_assert_cmpfloat (gtk_adjustment_get_value (adjustment), >, 0);
  show_step (view, "vote-current");
  show_step (view, "canvas");
  settle (view);
  g_assert_cmpfloat (gtk_adjustment_get_value (adjustment), ==, 0);

  destroy_window (window);
}

static gboolean
is_heading (GtkWidget *widget)
{
  /* A rule's reason goes with its weights as a heading with its block. */
  const char *classes[] = { "room-display", "room-title", "room-status", "room-heading", "room-lane",
                            "room-with-next" };

  /* (A line that says a round is open stands alone.) */
  if (!GTK_IS_LABEL (widget) || gtk_widget_has_css_class (widget, "room-standalone"))
    return FALSE;
  for (guint i = 0; i < G_N_ELEMENTS (classes); i++)
    if (gtk_widget_has_css_class (widget, classes[i]))
      return TRUE;
  return FALSE;
}

static double
shown_opacity (GtkWidget *widget,
               GtkWidget *scrolled)
{
  double opacity = 1;

  for (GtkWidget *w = widget; w != scrolled; w = gtk_widget_get_parent (w))
    opacity *= gtk_widget_get_opacity (w);
  return opacity;
}

/* The rows of a chart a screen's edge would cut are not drawn (the room
 * view keeps them, as bands of the chart, under this key), and a chart
 * continued from the screen before repeats its header (a CrChartRect in
 * the chart's coordinates, under the other key). */
#define CHART_HIDDEN_KEY "cr-room-chart-hidden"
#define CHART_HEADER_KEY "cr-room-chart-header"
#define CHART_SPEC_KEY   "cr-room-chart-spec"

/* The parts of @chart drawn whole on the screen now (between the hidden
 * bands, which come bottom first), each a graphene_point_t from x to y in
 * the chart's coordinates. */
static GArray *
drawn_parts (GtkWidget *chart,
             GtkWidget *scrolled,
             int        height)
{
  GArray *hidden = g_object_get_data (G_OBJECT (chart), CHART_HIDDEN_KEY);
  GArray *parts = g_array_new (FALSE, FALSE, sizeof (graphene_point_t));
  graphene_rect_t bounds;
  double y = 0;

  if (shown_opacity (chart, scrolled) == 0 || !gtk_widget_compute_bounds (chart, scrolled, &bounds))
    return parts;
  for (guint b = 0; b <= (hidden != NULL ? hidden->len : 0); b++)
    {
      const CrChartRect *band = hidden != NULL && b < hidden->len
                                ? &g_array_index (hidden, CrChartRect, hidden->len - 1 - b) : NULL;
      double end = band != NULL ? band->y : bounds.size.height;

      if (end > y + 0.5 && bounds.origin.y + y > -0.5 && bounds.origin.y + end < height + 0.5)
        g_array_append_val (parts, ((graphene_point_t) { y, end }));
      if (band != NULL)
        y = band->y + band->height;
    }
  return parts;
}

/* How far down from its top @chart is drawn whole on the screen now: 0
 * where its top is not. */
static double
drawn_from_top (GtkWidget *chart,
                GtkWidget *scrolled,
                int        height)
{
  g_autoptr(GArray) parts = drawn_parts (chart, scrolled, height);

  for (guint p = 0; p < parts->len; p++)
    if (g_array_index (parts, graphene_point_t, p).x <= 0.5)
      return g_array_index (parts, graphene_point_t, p).y;
  return 0;
}

/* Where @chart's first row ends (under its key and headings), in the
 * chart's coordinates: the next row's top, or the chart's foot. */
static double
first_row_end (CrRoomView *view,
               GtkWidget  *chart)
{
  const CrChartSpec *spec = g_object_get_data (G_OBJECT (chart), CHART_SPEC_KEY);
  g_autoptr(GArray) breaks = NULL;
  CrChartStyle style;

  if (spec == NULL)
    return 0;
  cr_room_view_get_chart_style (view, &style);
  breaks = cr_chart_spec_row_breaks (spec, &style, gtk_widget_get_width (chart));
  return breaks->len > 0 ? g_array_index (breaks, double, 0) : gtk_widget_get_height (chart);
}

/* No heading the screen shows is the last thing on it: what follows it in
 * its own box (a chart, a line, a column of notes) starts on the same
 * screen, so the room never reads a heading over nothing. */
static void
check_headings_kept (CrRoomView *view,
                     GPtrArray  *blocks,
                     GtkWidget  *scrolled,
                     int         height,
                     const char *what)
{
  for (guint i = 0; i < blocks->len; i++)
    {
      GtkWidget *heading = g_ptr_array_index (blocks, i);
      GtkWidget *parent = gtk_widget_get_parent (heading);
      GtkWidget *follower = NULL;
      graphene_rect_t bounds, next;

      if (!is_heading (heading) || shown_opacity (heading, scrolled) == 0)
        continue;
      g_assert_true (gtk_widget_compute_bounds (heading, scrolled, &bounds));
      if (bounds.origin.y < -0.5 || bounds.origin.y + bounds.size.height > height + 0.5)
        continue;
      for (guint j = i + 1; j < blocks->len && follower == NULL; j++)
        if (gtk_widget_is_ancestor (g_ptr_array_index (blocks, j), parent))
          follower = g_ptr_array_index (blocks, j);
      if (follower == NULL)
        continue;
      g_assert_true (gtk_widget_compute_bounds (follower, scrolled, &next));
      if (next.origin.y >= height - 0.5 || shown_opacity (follower, scrolled) == 0)
        g_error ("%s: \"%s\" (%.0f–%.0f of %d) ends a screen, what follows it (from %.0f, %.0f high) is on the next", what,
                 gtk_label_get_text (GTK_LABEL (heading)), bounds.origin.y, bounds.origin.y + bounds.size.height,
                 height, next.origin.y, next.size.height);
      /* A chart under a heading: its first row (with its key and column
       * headings) is drawn on this screen, not only the chart's top left
       * blank, the heading over nothing. */
      if (GTK_IS_DRAWING_AREA (follower) && first_row_end (view, follower) > 0
          && drawn_from_top (follower, scrolled, height) < first_row_end (view, follower) - 0.5)
        g_error ("%s: \"%s\" (%.0f–%.0f of %d) ends a screen: its chart's first row (to %.0f in the chart) "
                 "is on the next", what, gtk_label_get_text (GTK_LABEL (heading)), bounds.origin.y,
                 bounds.origin.y + bounds.size.height, height, first_row_end (view, follower));
    }
}

/* No chart shows a row cut by an edge of the screen: what is drawn of a
 * chart the screen shows lies on it whole, the rows an edge cuts are left
 * out. Adds to @seen, per chart, the parts drawn whole on this screen. */
static void
check_charts_whole (CrRoomView *view,
                    GPtrArray  *blocks,
                    GtkWidget  *scrolled,
                    int         height,
                    GHashTable *seen,
                    const char *what)
{
  for (guint i = 0; i < blocks->len; i++)
    {
      GtkWidget *chart = g_ptr_array_index (blocks, i);
      GArray *hidden = g_object_get_data (G_OBJECT (chart), CHART_HIDDEN_KEY);
      GArray *parts;
      graphene_rect_t bounds;
      double y = 0;

      if (!GTK_IS_DRAWING_AREA (chart) || shown_opacity (chart, scrolled) == 0)
        continue;
      g_assert_true (gtk_widget_compute_bounds (chart, scrolled, &bounds));
      if (!(parts = g_hash_table_lookup (seen, chart)))
        g_hash_table_insert (seen, chart, (parts = g_array_new (FALSE, FALSE, sizeof (graphene_point_t))));
      guint seen_before = parts->len;

      /* The drawn parts: between the hidden bands, which come bottom first. */
      for (guint b = 0; b <= (hidden != NULL ? hidden->len : 0); b++)
        {
          const CrChartRect *band = hidden != NULL && b < hidden->len
                                    ? &g_array_index (hidden, CrChartRect, hidden->len - 1 - b) : NULL;
          double end = band != NULL ? band->y : bounds.size.height;
          double top = bounds.origin.y + y, bottom = bounds.origin.y + end;

          if (end > y + 0.5 && bottom > 0.5 && top < height - 0.5)
            {
              if (top < -0.5 || bottom > height + 0.5)
                g_error ("%s: a chart is drawn from %.0f to %.0f on a screen of %d: a row is cut (%u bands hidden)", what,
                         top, bottom, height, hidden != NULL ? hidden->len : 0);
              g_array_append_val (parts, ((graphene_point_t) { y, end }));
            }
          if (band != NULL)
            y = band->y + band->height;
        }

      /* Continued from the screen before (its top above this one's, some
       * of it drawn here): the header again, on the screen, ending where
       * the first row drawn here starts. */
      {
        const CrChartRect *header = g_object_get_data (G_OBJECT (chart), CHART_HEADER_KEY);
        const CrChartSpec *spec = g_object_get_data (G_OBJECT (chart), CHART_SPEC_KEY);
        CrChartStyle style;
        double first = -1;

        for (guint p = seen_before; p < parts->len; p++)
          {
            const graphene_point_t *part = &g_array_index (parts, graphene_point_t, p);

            if (first < 0 || part->x < first)
              first = part->x;
          }
        /* Bars have no header: only a grid, a gap or a change. */
        cr_chart_style_init (&style, CR_CHART_THEME_LIGHT, 1.0);
        if (bounds.origin.y < -0.5 && first > 0.5 && spec != NULL
            && cr_chart_spec_header_height (spec, &style, bounds.size.width) > 0)
          {
            if (header == NULL)
              g_error ("%s: a chart continued from the screen before (its rows from %.0f on this one) "
                       "does not repeat its header", what, bounds.origin.y + first);
            g_assert_cmpfloat (bounds.origin.y + header->y, >=, -0.5);
            g_assert_cmpfloat_with_epsilon (header->y + header->height, first, 0.5);
          }

        /* Its own header (the key and the column headings) drawn here ends
         * the screen only under at least its first row: a header over
         * nothing says nothing, the next screen repeats it anyway. */
        CrChartStyle drawn;
        double header_height, reached = 0;
        gboolean header_drawn = FALSE;

        cr_room_view_get_chart_style (view, &drawn);
        header_height = spec != NULL ? cr_chart_spec_header_height (spec, &drawn, bounds.size.width) : 0;
        for (guint p = seen_before; p < parts->len; p++)
          {
            const graphene_point_t *part = &g_array_index (parts, graphene_point_t, p);

            if (part->x <= 0.5)
              header_drawn = TRUE;
            reached = MAX (reached, part->y);
          }
        if (header_height > 0.5 && header_drawn && reached <= header_height + 0.5
            && reached < bounds.size.height - 0.5)
          g_error ("%s: a chart's header (its key and column headings, %.0f high) ends a screen of %d "
                   "at %.0f without its first row", what, header_height, height, bounds.origin.y + reached);
      }
    }
}

/* Whether the room reads @label on this screen: shown, and whole on it. */
static gboolean
on_screen (GtkWidget *label,
           GtkWidget *scrolled,
           int        height)
{
  graphene_rect_t bounds;

  return shown_opacity (label, scrolled) > 0 && gtk_widget_compute_bounds (label, scrolled, &bounds)
         && bounds.origin.y > -0.5 && bounds.origin.y + bounds.size.height < height + 0.5;
}

/* A reason of the recommendation and the line under it that says what it
 * gave each option are on one screen: neither is read without the other. */
static void
check_reasons_whole (GPtrArray  *blocks,
                     GtkWidget  *scrolled,
                     int         height,
                     const char *what)
{
  for (guint i = 0; i + 1 < blocks->len; i++)
    {
      GtkWidget *reason = g_ptr_array_index (blocks, i);
      GtkWidget *weights = g_ptr_array_index (blocks, i + 1);
      GtkWidget *parent = gtk_widget_get_parent (reason);

      if (!GTK_IS_LABEL (reason) || !GTK_IS_LABEL (weights) || gtk_widget_get_parent (weights) != parent
          || !gtk_widget_has_css_class (parent, "room-reason")
          || gtk_orientable_get_orientation (GTK_ORIENTABLE (parent)) != GTK_ORIENTATION_VERTICAL)
        continue;
      if (on_screen (reason, scrolled, height) != on_screen (weights, scrolled, height)
          && (on_screen (reason, scrolled, height) || on_screen (weights, scrolled, height)))
        g_error ("%s: \"%s\" and its weights \"%s\" are on different screens", what,
                 gtk_label_get_text (GTK_LABEL (reason)), gtk_label_get_text (GTK_LABEL (weights)));
    }
}

/* The score grid's key ("1 ├─●─┤ 5", "● average", "▬ spread") is drawn on
 * every screen that shows some of the grid: the room reads the first rows
 * by it, not only the last. Drawn means whole on the screen, either in the
 * grid's own rows drawn here or in the header repeated over them. */
static void
check_score_keys (CrRoomView *view,
                  GPtrArray  *blocks,
                  GtkWidget  *scrolled,
                  int         height,
                  const char *what)
{
  CrChartStyle style;

  cr_room_view_get_chart_style (view, &style);
  for (guint i = 0; i < blocks->len; i++)
    {
      GtkWidget *chart = g_ptr_array_index (blocks, i);
      const CrChartSpec *spec = g_object_get_data (G_OBJECT (chart), CHART_SPEC_KEY);
      GArray *hidden = g_object_get_data (G_OBJECT (chart), CHART_HIDDEN_KEY);
      const CrChartRect *header = g_object_get_data (G_OBJECT (chart), CHART_HEADER_KEY);
      g_autoptr(CrChartScoresLayout) layout = NULL;
      graphene_rect_t bounds;
      gboolean shown = FALSE, key_drawn = FALSE;
      double y = 0, key_top, key_bottom;

      /* (A round nobody voted in is a line, without a grid or its key.) */
      if (!GTK_IS_DRAWING_AREA (chart) || spec == NULL || spec->kind != CR_CHART_KIND_TALLY
          || cr_chart_tally_is_empty (spec->tally) || shown_opacity (chart, scrolled) == 0)
        continue;
      g_assert_true (gtk_widget_compute_bounds (chart, scrolled, &bounds));
      layout = cr_chart_layout_scores (spec->tally, &style, bounds.size.width, 0);
      if (layout == NULL)
        continue;
      key_top = MIN (layout->key.y, layout->key_scale_min.y);
      key_bottom = MAX (layout->key.y + layout->key.height, layout->key_spread.y + layout->key_spread.height);

      /* The drawn parts (between the hidden bands, bottom first) on this
       * screen, and whether the key lies whole in one of them. */
      for (guint b = 0; b <= (hidden != NULL ? hidden->len : 0); b++)
        {
          const CrChartRect *band = hidden != NULL && b < hidden->len
                                    ? &g_array_index (hidden, CrChartRect, hidden->len - 1 - b) : NULL;
          double end = band != NULL ? band->y : bounds.size.height;

          if (end > y + 0.5 && bounds.origin.y + end > 0.5 && bounds.origin.y + y < height - 0.5)
            {
              shown = TRUE;
              if (key_top >= y - 0.5 && key_bottom <= end + 0.5 && bounds.origin.y + key_top >= -0.5
                  && bounds.origin.y + key_bottom <= height + 0.5)
                key_drawn = TRUE;
            }
          if (band != NULL)
            y = band->y + band->height;
        }
      /* Or in the header repeated over the rows continued here. */
      if (header != NULL && key_bottom <= header->height + 0.5 && bounds.origin.y + header->y + key_top >= -0.5
          && bounds.origin.y + header->y + key_bottom <= height + 0.5)
        key_drawn = TRUE;
      if (shown && !key_drawn)
        g_error ("%s: the score grid (from %.0f, %.0f high, on a screen of %d) is shown without its key "
                 "(%.0f–%.0f in the grid)", what, bounds.origin.y, bounds.size.height, height, key_top, key_bottom);
    }
}

/* A caption of the screen whose text is @text, across @column; NULL if none. */
static const CrChartRect *
find_caption (GtkWidget  *scrolled,
              GtkWidget  *column,
              const char *text)
{
  GtkWidget *veil = veil_of (scrolled);
  GPtrArray *texts = g_object_get_data (G_OBJECT (veil), CAPTION_TEXTS_KEY);
  GArray *rects = g_object_get_data (G_OBJECT (veil), CAPTION_RECTS_KEY);
  graphene_rect_t bounds;

  g_assert_true (gtk_widget_compute_bounds (column, scrolled, &bounds));
  if (!gtk_widget_get_visible (veil) || texts == NULL)
    return NULL;
  for (guint i = 0; i < texts->len; i++)
    {
      const CrChartRect *r = &g_array_index (rects, CrChartRect, i);

      if (g_str_equal (g_ptr_array_index (texts, i), text) && fabs (r->x - bounds.origin.x) < 1
          && fabs (r->width - bounds.size.width) < 1 && r->y >= 0)
        return r;
    }
  return NULL;
}

/* The first label of @column that is shown whole on the screen, or NULL. */
static GtkWidget *
first_shown (GtkWidget *column,
             GtkWidget *scrolled,
             int        height)
{
  g_autoptr(GPtrArray) labels = g_ptr_array_new ();

  collect_labels (column, labels);
  for (guint i = 0; i < labels->len; i++)
    {
      GtkWidget *label = g_ptr_array_index (labels, i);
      graphene_rect_t bounds;

      g_assert_true (gtk_widget_compute_bounds (label, scrolled, &bounds));
      if (shown_opacity (label, scrolled) > 0 && bounds.origin.y >= shown_top (label, scrolled) - 0.5
          && bounds.origin.y < height - 0.5)
        return label;
    }
  return NULL;
}

/* The highest label in @within the screen shows whole under its captions,
 * or NULL; with @text, the highest of those whose text it is. */
static GtkWidget *
highest_shown (GtkWidget  *within,
               GtkWidget  *scrolled,
               const char *text)
{
  g_autoptr(GPtrArray) labels = g_ptr_array_new ();
  int height = gtk_widget_get_height (scrolled);
  GtkWidget *first = NULL;
  double first_y = G_MAXDOUBLE;

  collect_labels (within, labels);
  for (guint i = 0; i < labels->len; i++)
    {
      GtkWidget *label = g_ptr_array_index (labels, i);
      graphene_rect_t bounds;

      if (on_screen (label, scrolled, height) && gtk_widget_compute_bounds (label, scrolled, &bounds)
          && bounds.origin.y >= shown_top (label, scrolled) - 0.5 && bounds.origin.y < first_y
          && (text == NULL || g_str_equal (gtk_label_get_text (GTK_LABEL (label)), text)))
        first = label, first_y = bounds.origin.y;
    }
  return first;
}

/* A screen that goes on with an option's notes from the screen before
 * says at its top which option, and the lane, where it starts under the
 * lane's heading: "People Experience as a Product (continued)", "Risks we
 * see". A screen that goes on with a round's rows says which question and
 * round: "Where are we today? Round 1 (continued)", as the step shows
 * several questions. The room cannot look back. */
static void
check_captions (CrRoomView *view,
                const char *step_id,
                const char *what)
{
  GtkWidget *scrolled = find_descendant (GTK_WIDGET (view), GTK_TYPE_SCROLLED_WINDOW, NULL);
  GtkWidget *body = find_descendant (scrolled, GTK_TYPE_BOX, "room-body-box");
  int height = gtk_widget_get_height (scrolled);

  if (g_str_equal (step_id, "canvas"))
    {
      GtkWidget *row = gtk_widget_get_first_child (body);

      for (GtkWidget *column = gtk_widget_get_first_child (row); column != NULL;
           column = gtk_widget_get_next_sibling (column))
        {
          GtkWidget *option = gtk_widget_get_first_child (column);
          GtkWidget *shown = first_shown (column, scrolled, height);
          GtkWidget *lane = NULL;
          graphene_rect_t bounds;
          g_autofree char *caption = g_strdup_printf ("%s (continued)", gtk_label_get_text (GTK_LABEL (option)));

          g_assert_true (gtk_widget_compute_bounds (option, scrolled, &bounds));
          if (shown == NULL || bounds.origin.y > -0.5)
            continue;
          if (find_caption (scrolled, column, caption) == NULL)
            g_error ("%s: a screen goes on with \"%s\" from the one before (from \"%s\") without saying so", what,
                     gtk_label_get_text (GTK_LABEL (option)), gtk_label_get_text (GTK_LABEL (shown)));
          /* A note first: the heading of its lane, when that is above. */
          if (gtk_widget_has_css_class (shown, "room-lane"))
            continue;
          for (GtkWidget *w = gtk_widget_get_first_child (column); w != NULL; w = gtk_widget_get_next_sibling (w))
            {
              if (gtk_widget_has_css_class (w, "room-lane"))
                lane = w;
              if (w == shown || gtk_widget_is_ancestor (shown, w))
                break;
            }
          if (lane != NULL && find_caption (scrolled, column, gtk_label_get_text (GTK_LABEL (lane))) == NULL)
            g_error ("%s: a screen goes on with \"%s\" under \"%s\" without saying which lane", what,
                     gtk_label_get_text (GTK_LABEL (option)), gtk_label_get_text (GTK_LABEL (lane)));
        }
    }
  else if (g_str_equal (step_id, "results"))
    {
      /* The question the rounds below are of: the step shows several. */
      const char *prompt = NULL;
      /* The screen's first block. */
      GtkWidget *first = highest_shown (body, scrolled, NULL);

      for (GtkWidget *box = gtk_widget_get_first_child (body); box != NULL; box = gtk_widget_get_next_sibling (box))
        {
          GtkWidget *status = find_descendant (box, GTK_TYPE_LABEL, "room-status");
          GtkWidget *chart = find_descendant (box, GTK_TYPE_DRAWING_AREA, NULL);
          GtkWidget *title = GTK_IS_LABEL (box) ? NULL : find_descendant (box, GTK_TYPE_LABEL, "room-title");
          graphene_rect_t bounds;
          g_autofree char *caption = NULL;
          guint number = 0;

          if (title != NULL)
            prompt = gtk_label_get_text (GTK_LABEL (title));
          /* A screen that starts at a round's "Round 2: the result", the
           * question's name being on a screen before: its caption names
           * the question, as every screen's first block says which
           * question and round it shows. */
          if (status != NULL && status == first && title == NULL)
            {
              GtkWidget *veil = veil_of (scrolled);
              GPtrArray *texts = g_object_get_data (G_OBJECT (veil), CAPTION_TEXTS_KEY);
              gboolean named = FALSE;

              g_assert_nonnull (prompt);
              for (guint i = 0; gtk_widget_get_visible (veil) && texts != NULL && i < texts->len; i++)
                if (strstr (g_ptr_array_index (texts, i), prompt) != NULL)
                  named = TRUE;
              if (!named)
                g_error ("%s: a screen starts at \"%s\" without saying it is of \"%s\"", what,
                         gtk_label_get_text (GTK_LABEL (status)), prompt);
            }
          if (status == NULL || chart == NULL || shown_opacity (chart, scrolled) == 0)
            continue;
          g_assert_true (gtk_widget_compute_bounds (status, scrolled, &bounds));
          if (bounds.origin.y > -0.5)
            continue;
          g_assert_true (gtk_widget_compute_bounds (chart, scrolled, &bounds));
          /* Rows of the chart below the top of the screen and its captions. */
          if (bounds.origin.y + bounds.size.height < shown_top (chart, scrolled) + 0.5
              || bounds.origin.y >= height - 0.5)
            continue;
          g_assert_nonnull (prompt);
          g_assert_cmpint (sscanf (gtk_label_get_text (GTK_LABEL (status)), "Round %u", &number), ==, 1);
          caption = g_strdup_printf ("%s Round %u (continued)", prompt, number);
          if (find_caption (scrolled, box, caption) == NULL)
            g_error ("%s: a screen goes on with the rows of \"%s\" of \"%s\" without saying so", what,
                     gtk_label_get_text (GTK_LABEL (status)), prompt);
        }
    }
}

/* What the screen shows now: headings with what follows them, a reason
 * with its weights, charts without a cut row. */
static void
check_screen (CrRoomView *view,
              GHashTable *charts,
              const char *what)
{
  GtkWidget *scrolled = find_descendant (GTK_WIDGET (view), GTK_TYPE_SCROLLED_WINDOW, NULL);
  g_autoptr(GPtrArray) blocks = g_ptr_array_new ();
  int height = gtk_widget_get_height (scrolled);

  collect_blocks (scrolled, blocks, TRUE);
  check_headings_kept (view, blocks, scrolled, height, what);
  check_reasons_whole (blocks, scrolled, height, what);
  check_charts_whole (view, blocks, scrolled, height, charts, what);
  check_score_keys (view, blocks, scrolled, height, what);
}

/* Every part of every chart (or label taller than the screen) was shown
 * whole on some screen. */
static void
check_charts_seen (GHashTable *seen,
                   const char *what)
{
  GHashTableIter iter;
  gpointer chart, value;

  g_hash_table_iter_init (&iter, seen);
  while (g_hash_table_iter_next (&iter, &chart, &value))
    {
      GArray *parts = value;
      double reached = 0;
      gboolean grew = TRUE;

      while (grew)
        {
          grew = FALSE;
          for (guint i = 0; i < parts->len; i++)
            {
              const graphene_point_t *part = &g_array_index (parts, graphene_point_t, i);

              if (part->x <= reached + 0.5 && part->y > reached + 0.5)
                reached = part->y, grew = TRUE;
            }
        }
      if (reached < gtk_widget_get_height (chart) - 0.5)
        g_error ("%s: a %s %d high was shown whole only down to %.0f", what,
                 GTK_IS_LABEL (chart) ? "label" : "chart", gtk_widget_get_height (chart), reached);
    }
}

/* How full the screen is now, and what it shows first that no screen
 * before showed. @used: the foot of the lowest thing it shows whole (a
 * label, or a chart's drawn rows). @unit: the height of its first new
 * block with the headings over it, from the highest new thing down to the
 * foot of the first that is not a heading (a chart's first new row, with
 * the header repeated over it); 0 for none. Call before the screen is
 * noted in @seen and @charts. */
static void
measure_screen (CrRoomView *view,
                GHashTable *seen,
                GHashTable *charts,
                double     *used,
                double     *unit)
{
  GtkWidget *scrolled = find_descendant (GTK_WIDGET (view), GTK_TYPE_SCROLLED_WINDOW, NULL);
  g_autoptr(GPtrArray) blocks = g_ptr_array_new ();
  g_autoptr(GArray) news = g_array_new (FALSE, FALSE, sizeof (graphene_vec3_t));
  int height = gtk_widget_get_height (scrolled);
  CrChartStyle style;
  double top = G_MAXDOUBLE, bottom = G_MAXDOUBLE;

  cr_room_view_get_chart_style (view, &style);
  *used = 0;
  collect_blocks (scrolled, blocks, TRUE);
  for (guint i = 0; i < blocks->len; i++)
    {
      GtkWidget *block = g_ptr_array_index (blocks, i);
      graphene_rect_t bounds;

      if (!gtk_widget_compute_bounds (block, scrolled, &bounds))
        continue;
      if (GTK_IS_LABEL (block))
        {
          if (!on_screen (block, scrolled, height) || bounds.origin.y < shown_top (block, scrolled) - 0.5)
            continue;
          *used = MAX (*used, bounds.origin.y + bounds.size.height);
          if (!g_hash_table_contains (seen, block))
            g_array_append_val (news, *graphene_vec3_init (&(graphene_vec3_t) { 0 }, bounds.origin.y,
                                                           bounds.origin.y + bounds.size.height,
                                                           is_heading (block)));
        }
      else
        {
          g_autoptr(GArray) parts = drawn_parts (block, scrolled, height);
          GArray *before = g_hash_table_lookup (charts, block);
          const CrChartSpec *spec = g_object_get_data (G_OBJECT (block), CHART_SPEC_KEY);
          const CrChartRect *header = g_object_get_data (G_OBJECT (block), CHART_HEADER_KEY);
          g_autoptr(GArray) breaks = spec != NULL ? cr_chart_spec_row_breaks (spec, &style, bounds.size.width) : NULL;
          double reached = 0;

          /* How far down the screens before drew it, from its top. */
          for (gboolean grew = TRUE; grew && before != NULL;)
            {
              grew = FALSE;
              for (guint p = 0; p < before->len; p++)
                {
                  const graphene_point_t *part = &g_array_index (before, graphene_point_t, p);

                  if (part->x <= reached + 0.5 && part->y > reached + 0.5)
                    reached = part->y, grew = TRUE;
                }
            }
          for (guint p = 0; p < parts->len; p++)
            {
              const graphene_point_t *part = &g_array_index (parts, graphene_point_t, p);
              double from = MAX (part->x, reached), to = part->y;

              *used = MAX (*used, bounds.origin.y + part->y);
              if (to <= from + 0.5)
                continue;
              /* Its first new row, under its header (its own, or repeated). */
              for (guint b = 0; breaks != NULL && b < breaks->len; b++)
                if (g_array_index (breaks, double, b) > from + 0.5)
                  {
                    to = MIN (to, g_array_index (breaks, double, b));
                    break;
                  }
              if (header != NULL && fabs (header->y + header->height - from) < 0.5)
                from = header->y;
              g_array_append_val (news, *graphene_vec3_init (&(graphene_vec3_t) { 0 }, bounds.origin.y + from,
                                                             bounds.origin.y + to, 0));
            }
          if (header != NULL)
            *used = MAX (*used, bounds.origin.y + header->y + header->height);
        }
    }
  for (guint i = 0; i < news->len; i++)
    top = MIN (top, graphene_vec3_get_x (&g_array_index (news, graphene_vec3_t, i)));
  /* The first thing that is not a heading, below the highest. */
  for (guint i = 0; i < news->len; i++)
    {
      const graphene_vec3_t *n = &g_array_index (news, graphene_vec3_t, i);

      if (graphene_vec3_get_z (n) == 0 && graphene_vec3_get_y (n) < bottom)
        bottom = graphene_vec3_get_y (n);
    }
  *unit = news->len > 0 && bottom < G_MAXDOUBLE ? bottom - top : 0;
}

/* The view asks for no more width than the picture has: a wider one is
 * cropped on the projector, the title, the timer and the outer columns
 * with it (five options' columns once asked for 1527 px of 1280). */
static void
check_fits_picture (CrRoomView *view,
                    int         width,
                    const char *what)
{
  int minimum;

  gtk_widget_measure (GTK_WIDGET (view), GTK_ORIENTATION_HORIZONTAL, -1, &minimum, NULL, NULL, NULL);
  if (minimum > width)
    g_error ("%s: the view needs %d px of a picture %d px wide", what, minimum, width);
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (view)), ==, width);
}

/* Every line of every step of a realistic workshop reaches the room whole,
 * on the first screen or on one Page Down brings: nothing is hidden for
 * good by the rule that hides what an edge cuts (a card drawn from a pixel
 * above the body's top once hid a whole step). With @columns_only, that
 * alone, of the steps with a column or card for each option (the canvas,
 * the vote steps), not how each screen keeps headings, charts and
 * captions. */
static void
every_step_whole (const char *previous,
                  const char *name,
                  int         width,
                  int         height,
                  gboolean    columns_only,
                  GHashTable *screens_of)
{
  g_autoptr(CrStore) store = cr_test_new_store ();
  g_autoptr(CrWorkshop) workshop = NULL;
  CrRoomView *view;
  GtkWidget *window;

  /* A re-run's predecessor first, for its steps of last time. */
  if (previous != NULL)
    g_object_unref (cr_test_import_fixture (store, previous));
  workshop = cr_test_import_fixture (store, name);
  window = show_view (workshop, width, height, &view);

  for (guint i = 0; i < cr_workshop_get_n_steps (workshop); i++)
    {
      const char *step_id = cr_workshop_get_step (workshop, i)->id;
      g_autoptr(GHashTable) seen = g_hash_table_new (NULL, NULL);
      g_autoptr(GPtrArray) all = g_ptr_array_new ();
      guint screens = 1;

      g_autofree char *what = g_strdup_printf ("%s at %dx%d, step %s", name, width, height, step_id);
      g_autoptr(GHashTable) charts = g_hash_table_new_full (NULL, NULL, NULL, (GDestroyNotify) g_array_unref);
      g_autoptr(GHashTable) tall = g_hash_table_new_full (NULL, NULL, NULL, (GDestroyNotify) g_array_unref);
      const char *kind = cr_workshop_get_step (workshop, i)->page;
      double used, unit;
      int page;

      if (columns_only && !g_str_equal (kind, "canvas") && !g_str_equal (kind, "vote"))
        continue;
      show_step (view, step_id);
      settle (view);
      check_fits_picture (view, width, what);
      page = gtk_widget_get_height (find_descendant (GTK_WIDGET (view), GTK_TYPE_SCROLLED_WINDOW, NULL));
      measure_screen (view, seen, charts, &used, &unit);
      note_seen_whole (view, seen, tall);
      if (!columns_only)
        check_screen (view, charts, what);
      while (more_text (view) != NULL)
        {
          double was_used = used;

          activate (view, "room.next-step");
          g_assert_cmpstr (cr_room_view_get_step_id (view), ==, step_id);
          check_fits_picture (view, width, what);
          measure_screen (view, seen, charts, &used, &unit);
          g_test_message ("%s, screen %u: %.0f of %d used, then a block %.0f high", what, screens, was_used, page, unit);
          /* Dense: no screen but the last is less than half full where
           * what the next one starts with would have fitted under it. */
          if (g_str_equal (step_id, "results") && was_used < page / 2.0 && unit > 0 && unit <= page - was_used)
            g_error ("%s: screen %u is %.0f of %d full, and the next starts with a block %.0f high that fits "
                     "in the %.0f left", what, screens, was_used, page, unit, page - was_used);
          note_seen_whole (view, seen, tall);
          if (!columns_only)
            {
              check_screen (view, charts, what);
              check_captions (view, step_id, what);
            }
          g_assert_cmpuint (++screens, <, 20);
        }
      check_charts_seen (charts, what);
      check_charts_seen (tall, what);
      collect_labels (find_descendant (GTK_WIDGET (view), GTK_TYPE_SCROLLED_WINDOW, NULL), all);
      g_assert_cmpuint (all->len, >, 0);
      for (guint j = 0; j < all->len; j++)
        if (!g_hash_table_contains (seen, g_ptr_array_index (all, j)))
          g_error ("%s: \"%s\" was never on a screen whole", what,
                   gtk_label_get_text (g_ptr_array_index (all, j)));
      g_test_message ("%s: %u labels on %u screens", what, all->len, screens);
      if (screens_of != NULL)
        g_hash_table_insert (screens_of, g_strdup (step_id), GUINT_TO_POINTER (screens));
    }

  destroy_window (window);
}

static void
check_every_step_whole (const char *previous,
                        const char *name,
                        int         width,
                        int         height)
{
  every_step_whole (previous, name, width, height, FALSE, NULL);
}

/* The realistic workshop and the one with a round still open. */
#define CANVAS_SCREENS_720 5
#define RESULTS_SCREENS 7

static void
test_every_step_whole_720 (void)
{
  g_autoptr(GHashTable) screens_of = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  every_step_whole (NULL, "report.json", 1280, 720, FALSE, screens_of);
  /* The captions of a screen that goes on with a column take room from
   * its notes, but each only its own column's, above the column's first
   * new note: the canvas took 4 screens before it had captions, 7 with
   * captions as high as the tallest one over every column, and takes 5,
   * one for each of the first option's five notes, which two at a time
   * under a caption do not fit on a screen. */
  g_assert_cmpuint (GPOINTER_TO_UINT (g_hash_table_lookup (screens_of, "canvas")), <=, CANVAS_SCREENS_720);
  /* The results step's rows are set closer in the room (its charts are
   * dense), so a screen holds more of them: report.json's took 8 screens
   * (workshop.json's 9, one of them its open round's line alone) with 3
   * bars, or one row of the score grid, to a screen. */
  g_assert_cmpuint (GPOINTER_TO_UINT (g_hash_table_lookup (screens_of, "results")), <=, RESULTS_SCREENS);
  g_hash_table_remove_all (screens_of);
  every_step_whole (NULL, "workshop.json", 1280, 720, FALSE, screens_of);
  g_assert_cmpuint (GPOINTER_TO_UINT (g_hash_table_lookup (screens_of, "results")), <=, RESULTS_SCREENS);
}

static void
test_every_step_whole_1080 (void)
{
  g_autoptr(GHashTable) screens_of = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  /* The same at 1080p, where the type is the same share of the picture. */
  every_step_whole (NULL, "report.json", 1920, 1080, FALSE, screens_of);
  g_assert_cmpuint (GPOINTER_TO_UINT (g_hash_table_lookup (screens_of, "results")), <=, RESULTS_SCREENS);
  g_hash_table_remove_all (screens_of);
  every_step_whole (NULL, "workshop.json", 1920, 1080, FALSE, screens_of);
  g_assert_cmpuint (GPOINTER_TO_UINT (g_hash_table_lookup (screens_of, "results")), <=, RESULTS_SCREENS);
}

/* A note longer than the others, taller than a screen in its column: it
 * goes on over two screens, and the notes beside it are each whole on one
 * of them (they were on none: hidden where the screen's foot cut them,
 * and again where the next screen, going on with the long note, cut them
 * at their top). */
static void
test_every_step_whole_long_note (void)
{
  check_every_step_whole (NULL, "report-long-note.json", 1280, 720);
}

/* A pasted link: a word of 160 characters, which wraps inside the word
 * into a note taller than a screen; its first lines once never showed
 * (each screen that went on with it started inside a line). */
static void
test_every_step_whole_url_note (void)
{
  check_every_step_whole (NULL, "report-url-note.json", 1280, 720);
  check_every_step_whole (NULL, "report-url-note.json", 1920, 1080);
}

/* Templates may have up to twelve options: their columns on the canvas
 * and their cards on a vote step go on in rows under one another, as many
 * side by side as the picture has room for at the room's type size, and
 * every line of them is whole on some screen. (Not yet every rule of
 * paging: a lane's heading under its option's three-line title may end a
 * screen.) */
static void
test_every_step_whole_many_options (void)
{
  const char *bundles[] = { "options-5.json", "options-6.json", "options-12.json" };

  for (guint i = 0; i < G_N_ELEMENTS (bundles); i++)
    {
      every_step_whole (NULL, bundles[i], 1280, 720, TRUE, NULL);
      every_step_whole (NULL, bundles[i], 1920, 1080, TRUE, NULL);
    }
}

/* In high contrast the fit step's question, its round's heading and the
 * first row of its score grid (with the grid's key and column headings)
 * do not fit on a 1280x720 screen together: the question once stood
 * alone on the first screen, over nothing. */
static void
test_every_step_whole_high_contrast (void)
{
  if (!set_high_contrast (TRUE))
    {
      g_test_skip ("the org.gnome.desktop.a11y.interface schema is not installed");
      return;
    }
  check_every_step_whole (NULL, "report.json", 1280, 720);
  set_high_contrast (FALSE);
}

/* A re-run: last time's actions, and Since Last Time with its charts and
 * then last time's actions, a card each, page like every other step. */
static void
test_every_step_whole_rerun (void)
{
  check_every_step_whole ("series-before.json", "series-after.json", 1280, 720);
  check_every_step_whole ("series-before.json", "series-after.json", 1920, 1080);
}

/* ---- A question asked again ---------------------------------------------------- */

/* A question asked again: once its second round is revealed, the vote's
 * step shows what moved since the first; while that round is open, not a
 * thing of it, not even that there will be a comparison. */
static void
test_vote_change (void)
{
  g_autoptr(CrStore) store = cr_test_new_store ();
  g_autoptr(CrWorkshop) workshop = new_workshop (store);
  g_autoptr(GError) error = NULL;
  CrRoomView *view;
  GtkWidget *window = show_view (workshop, 1280, 720, &view);
  CrRound *first, *second;
  g_autofree char *one = NULL;
  g_autofree char *open = NULL;
  g_autofree char *voted = NULL;
  g_autofree char *results_open = NULL;
  g_autofree char *results_voted = NULL;
  g_autofree char *both = NULL;
  g_autofree char *undone = NULL;

  gtk_window_set_title (GTK_WINDOW (window), "Crossroads: Room View");
  first = cr_workshop_open_round (workshop, "current", &error);
  g_assert_no_error (error);
  record_single (workshop, first, 0, "projects-as-products");
  record_single (workshop, first, 1, "projects-as-products");
  record_single (workshop, first, 2, "px-as-a-product");
  g_assert_true (cr_workshop_reveal_round (workshop, first, &error));
  g_assert_no_error (error);
  show_step (view, "vote-current");
  one = everything_said (window, view);
  g_assert_cmpuint (cr_test_count_of (one, "chart\n"), ==, 1);
  g_assert_null (strstr (one, "What moved"));

  /* Round 2 open, then three of four vote: the room sees that it is open. */
  second = cr_workshop_open_round (workshop, "current", &error);
  g_assert_no_error (error);
  settle (view);
  open = everything_said (window, view);
  g_assert_nonnull (strstr (open, "Round 2: voting is open"));
  g_assert_null (strstr (open, "chart"));
  g_assert_null (strstr (open, "%"));
  g_assert_null (strstr (open, "What moved"));
  show_step (view, "results");
  results_open = everything_said (window, view);
  show_step (view, "vote-current");
  record_single (workshop, second, 0, "px-as-a-product");
  record_single (workshop, second, 1, "px-as-a-product");
  record_single (workshop, second, 2, "px-as-a-product");
  record_single (workshop, second, 3, "hr-as-a-service");
  settle (view);
  voted = everything_said (window, view);
  g_assert_cmpstr (voted, ==, open);
  show_step (view, "results");
  results_voted = everything_said (window, view);
  g_assert_cmpstr (results_voted, ==, results_open);
  g_assert_null (strstr (results_voted, "75 %"));
  g_assert_null (strstr (results_voted, "Round 1 to 2"));

  /* Reveal: the new result and what moved, both described in words. */
  g_assert_true (cr_workshop_reveal_round (workshop, second, &error));
  g_assert_no_error (error);
  show_step (view, "vote-current");
  settle (view);
  both = everything_said (window, view);
  g_assert_nonnull (strstr (both, "Round 2: the result"));
  g_assert_nonnull (strstr (both, "label: What moved from round 1 to round 2\n"));
  g_assert_cmpuint (cr_test_count_of (both, "chart\n"), ==, 2);
  g_assert_nonnull (strstr (both, "People Experience as a Product, 3 of 4 votes (75 %)"));
  g_assert_nonnull (strstr (both, "From round 1 to round 2 of"));
  /* Side by side, as large and as clear as the rest: at the room's type
   * size a 1280x720 screen holds the first rows and says it goes on. */
  settle (view);
  g_assert_nonnull (more_text (view));
  g_assert_nonnull (strstr (more_text (view), "Continued ↓ (1 of "));
  g_assert_cmpfloat (lowest_contrast (view, "vote-current"), >=, 7.0);
  {
    g_autoptr(GPtrArray) labels = g_ptr_array_new ();

    collect_labels (GTK_WIDGET (view), labels);
    for (guint i = 0; i < labels->len; i++)
      g_assert_cmpint (cap_height (g_ptr_array_index (labels, i)), >=, 0.035 * 720);
  }

  /* Undo the reveal: the room is back to an open round, with nothing of it.
   * The rebuilt body is paged only once it has been laid out (the revealed
   * result's "Continued ↓ (1 of 3)" stays until then), so each picture is
   * taken once the view has settled, however slow the machine. */
  g_assert_true (cr_workshop_undo (workshop, &error));
  g_assert_no_error (error);
  settle (view);
  undone = everything_said (window, view);
  g_assert_cmpstr (undone, ==, open);

  destroy_window (window);
}

/* ---- Paging both ways ---------------------------------------------------------- */

/* What a screen is to the room: where it starts, the captions over it and
 * "Continued ↓ (n of N)". */
static char *
screen_summary (CrRoomView *view)
{
  GtkWidget *scrolled = find_descendant (GTK_WIDGET (view), GTK_TYPE_SCROLLED_WINDOW, NULL);
  GtkWidget *veil = veil_of (scrolled);
  GPtrArray *texts = g_object_get_data (G_OBJECT (veil), CAPTION_TEXTS_KEY);
  GString *summary = g_string_new (NULL);

  g_string_append_printf (summary, "at %.0f, \"%s\", captions:",
                          gtk_adjustment_get_value (gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scrolled))),
                          more_text (view) != NULL ? more_text (view) : "(none)");
  for (guint i = 0; gtk_widget_get_visible (veil) && texts != NULL && i < texts->len; i++)
    g_string_append_printf (summary, " \"%s\"", (const char *) g_ptr_array_index (texts, i));
  return g_string_free (summary, FALSE);
}

/* @name from tests/bundles in a new library, shown in a window of the
 * projector's size. */
static GtkWidget *
show_fixture (CrStore     *store,
              const char  *name,
              int          width,
              int          height,
              CrWorkshop **workshop,
              CrRoomView **view)
{
  *workshop = cr_test_import_fixture (store, name);
  return show_view (*workshop, width, height, view);
}

/* Page Up shows the screens Page Down showed, the same way back: the
 * same place, the same captions and the same "n of N". The room goes
 * back to a screen it has seen, never to one in between. */
static void
check_pages_back (const char *name,
                  int         width,
                  int         height)
{
  g_autoptr(CrStore) store = cr_test_new_store ();
  g_autoptr(CrWorkshop) workshop = NULL;
  CrRoomView *view;
  GtkWidget *window = show_fixture (store, name, width, height, &workshop, &view);

  for (guint i = 0; i < cr_workshop_get_n_steps (workshop); i++)
    {
      const char *step_id = cr_workshop_get_step (workshop, i)->id;
      g_autoptr(GPtrArray) forward = g_ptr_array_new_with_free_func (g_free);

      show_step (view, step_id);
      settle (view);
      g_ptr_array_add (forward, screen_summary (view));
      while (more_text (view) != NULL)
        {
          activate (view, "room.next-step");
          g_ptr_array_add (forward, screen_summary (view));
          g_assert_cmpuint (forward->len, <, 40);
        }
      for (guint s = forward->len - 1; s > 0; s--)
        {
          g_autofree char *back = NULL;

          activate (view, "room.previous-step");
          g_assert_cmpstr (cr_room_view_get_step_id (view), ==, step_id);
          back = screen_summary (view);
          if (!g_str_equal (back, g_ptr_array_index (forward, s - 1)))
            g_error ("%s at %dx%d, step %s: Page Up to screen %u shows %s; Page Down showed %s", name, width,
                     height, step_id, s, back, (const char *) g_ptr_array_index (forward, s - 1));
        }
      g_test_message ("%s at %dx%d, step %s: %u screens there and back", name, width, height, step_id,
                      forward->len);
    }
  destroy_window (window);
}

static void
test_pages_back (void)
{
  check_pages_back ("report.json", 1280, 720);
  check_pages_back ("onevote.json", 1280, 720);
}

/* The window resized, as a projector's resolution changes under a running
 * workshop. */
static void
resize_view (GtkWidget  *window,
             CrRoomView *view,
             int         width,
             int         height)
{
  guint timeout = cr_test_ui_watchdog (20, "the room view to take its new size");

  /* Asked again as the view's type takes the new size: a window narrower
   * than the text of the size before is not made at first. */
  while (gtk_widget_get_width (GTK_WIDGET (view)) != width || gtk_widget_get_height (GTK_WIDGET (view)) != height)
    {
      gtk_window_set_default_size (GTK_WINDOW (window), width, height);
      gtk_widget_queue_resize (window);
      cr_test_ui_spin (100);
    }
  g_source_remove (timeout);
  settle (view);
}

/* A window resized while it shows the second screen of a step shows, laid
 * out anew, the screen of the new size that has the block the room was
 * reading at its top: one of the screens Page Down shows from the top at
 * that size, captions and "n of N" alike, and the next Page Down goes on
 * to the one after. */
static void
test_resize_repages (void)
{
  const char *steps[] = { "canvas", "results" };
  g_autoptr(CrStore) store = cr_test_new_store ();
  g_autoptr(CrWorkshop) workshop = cr_test_import_fixture (store, "report.json");
  CrRoomView *view;
  GtkWidget *window = show_view (workshop, 1920, 1080, &view);

  for (guint i = 0; i < G_N_ELEMENTS (steps); i++)
    {
      g_autoptr(GPtrArray) forward = g_ptr_array_new_with_free_func (g_free);
      g_autofree char *resized = NULL, *after = NULL, *reading = NULL;
      GtkWidget *scrolled;
      guint k;

      resize_view (window, view, 1920, 1080);
      show_step (view, cr_workshop_get_step (workshop, 0)->id);
      show_step (view, steps[i]);
      settle (view);
      activate (view, "room.next-step");
      g_assert_cmpstr (cr_room_view_get_step_id (view), ==, steps[i]);
      scrolled = find_descendant (GTK_WIDGET (view), GTK_TYPE_SCROLLED_WINDOW, NULL);
      g_assert_nonnull (highest_shown (scrolled, scrolled, NULL));
      reading = g_strdup (gtk_label_get_text (GTK_LABEL (highest_shown (scrolled, scrolled, NULL))));
      resize_view (window, view, 1280, 720);
      resized = screen_summary (view);
      if (highest_shown (scrolled, scrolled, reading) == NULL)
        g_error ("%s resized to 1280x720 on its second screen (%s) no longer shows \"%s\"", steps[i], resized,
                 reading);
      if (more_text (view) != NULL)
        {
          activate (view, "room.next-step");
          after = screen_summary (view);
        }

      show_step (view, cr_workshop_get_step (workshop, 0)->id);
      show_step (view, steps[i]);
      settle (view);
      g_ptr_array_add (forward, screen_summary (view));
      while (more_text (view) != NULL)
        {
          activate (view, "room.next-step");
          g_ptr_array_add (forward, screen_summary (view));
          g_assert_cmpuint (forward->len, <, 40);
        }
      for (k = 0; k < forward->len && !g_str_equal (g_ptr_array_index (forward, k), resized); k++)
        ;
      if (k == forward->len)
        g_error ("%s resized to 1280x720 shows a screen Page Down never shows at that size: %s", steps[i], resized);
      if (after != NULL)
        g_assert_cmpstr (after, ==, g_ptr_array_index (forward, k + 1));
      g_test_message ("%s resized: screen %u of %u", steps[i], k + 1, forward->len);
    }
  destroy_window (window);
}

/* A vote step before and during a vote shows on its first screen what the
 * room votes on: the question, the round's status ("Round 2: voting is
 * open…") and the options' names, not the question alone over a screen
 * of nothing with the options on the next without it. */
static void
check_vote_on_one_screen (const char *name,
                          int         width,
                          int         height)
{
  g_autoptr(CrStore) store = cr_test_new_store ();
  /* A workshop of its own: no vote started yet. */
  g_autoptr(CrWorkshop) workshop = name != NULL ? cr_test_import_fixture (store, name) : new_workshop (store);
  CrTemplate *template = cr_workshop_get_template (workshop);
  CrRoomView *view;
  GtkWidget *window = show_view (workshop, width, height, &view);
  GtkWidget *scrolled = find_descendant (GTK_WIDGET (view), GTK_TYPE_SCROLLED_WINDOW, NULL);
  GtkWidget *body = find_descendant (scrolled, GTK_TYPE_BOX, "room-body-box");

  for (guint i = 0; i < cr_workshop_get_n_steps (workshop); i++)
    {
      const CrAgendaStep *step = cr_workshop_get_step (workshop, i);
      const CrQuestion *question;
      CrRound *round;
      GtkWidget *status;
      g_autofree char *what = g_strdup_printf ("%s at %dx%d, step %s", name != NULL ? name : "a new workshop",
                                               width, height, step->id);

      if (!g_str_equal (step->page, "vote"))
        continue;
      question = cr_template_find_question (template, step->question);
      round = cr_workshop_find_latest_round (workshop, question->id, FALSE);
      if (round != NULL && cr_round_get_revealed (round))
        continue;
      show_step (view, step->id);
      settle (view);
      if (highest_shown (body, scrolled, question->prompt) == NULL)
        g_error ("%s: the question is not on the first screen", what);
      status = find_descendant (body, GTK_TYPE_LABEL, "room-status");
      g_assert_nonnull (status);
      if (highest_shown (body, scrolled, gtk_label_get_text (GTK_LABEL (status))) == NULL)
        g_error ("%s: \"%s\" is not on the first screen with the question", what,
                 gtk_label_get_text (GTK_LABEL (status)));
      for (guint o = 0; o < cr_template_get_n_options (template); o++)
        if (highest_shown (body, scrolled, cr_template_get_option (template, o)->title) == NULL)
          g_error ("%s: the option \"%s\" is not on the first screen with the question", what,
                   cr_template_get_option (template, o)->title);
      g_test_message ("%s: question, status and options on the first screen", what);
    }
  destroy_window (window);
}

static void
test_vote_on_one_screen (void)
{
  check_vote_on_one_screen ("workshop.json", 1920, 1080);
  check_vote_on_one_screen ("workshop.json", 1280, 720);
  check_vote_on_one_screen ("workshop.json", 1366, 768);
  check_vote_on_one_screen (NULL, 1366, 768);
  check_vote_on_one_screen (NULL, 1920, 1080);
}

/* A score grid taller than the screen (chart-edges.json's seven criteria,
 * numbered in a long key): its column headings never end a screen
 * without its first row under them, and a screen that goes on with its
 * rows repeats the column headings over them and says whose rows they
 * are with a caption. */
static void
check_grid_continued (const char *name,
                      int         width,
                      int         height)
{
  g_autoptr(CrStore) store = cr_test_new_store ();
  g_autoptr(CrWorkshop) workshop = NULL;
  CrRoomView *view;
  GtkWidget *window = show_fixture (store, name, width, height, &workshop, &view);
  GtkWidget *scrolled = find_descendant (GTK_WIDGET (view), GTK_TYPE_SCROLLED_WINDOW, NULL);
  CrChartStyle style;
  guint continued = 0;

  cr_room_view_get_chart_style (view, &style);
  for (guint i = 0; i < cr_workshop_get_n_steps (workshop); i++)
    {
      const char *step_id = cr_workshop_get_step (workshop, i)->id;
      guint screen = 1;

      show_step (view, step_id);
      settle (view);
      for (gboolean more = TRUE; more; screen++)
        {
          g_autoptr(GPtrArray) blocks = g_ptr_array_new ();
          int page = gtk_widget_get_height (scrolled);

          collect_blocks (scrolled, blocks, TRUE);
          for (guint b = 0; b < blocks->len; b++)
            {
              GtkWidget *chart = g_ptr_array_index (blocks, b);
              const CrChartSpec *spec = g_object_get_data (G_OBJECT (chart), CHART_SPEC_KEY);
              const CrChartRect *header = g_object_get_data (G_OBJECT (chart), CHART_HEADER_KEY);
              g_autoptr(CrChartScoresLayout) layout = NULL;
              g_autoptr(GArray) parts = NULL;
              gboolean headings_drawn = FALSE, first_row_drawn = FALSE, later_row_drawn = FALSE;
              double headings_top, headings_bottom, first_bottom;

              if (!GTK_IS_DRAWING_AREA (chart) || spec == NULL || spec->kind != CR_CHART_KIND_TALLY
                  || cr_chart_tally_is_empty (spec->tally))
                continue;
              layout = cr_chart_layout_scores (spec->tally, &style, gtk_widget_get_width (chart), 0);
              if (layout == NULL || layout->n_rows < 2)
                continue;
              headings_top = layout->column_headers[0].y;
              headings_bottom = layout->column_headers[0].y + layout->column_headers[0].height;
              first_bottom = layout->row_headers[1].y;
              parts = drawn_parts (chart, scrolled, page);
              for (guint p = 0; p < parts->len; p++)
                {
                  const graphene_point_t *part = &g_array_index (parts, graphene_point_t, p);

                  if (part->x <= headings_top + 0.5 && part->y >= headings_bottom - 0.5)
                    headings_drawn = TRUE;
                  if (part->x <= layout->row_headers[0].y + 0.5 && part->y >= first_bottom - 0.5)
                    first_row_drawn = TRUE;
                  if (part->y > first_bottom + 0.5 && part->y - part->x > 0.5)
                    later_row_drawn = TRUE;
                }
              if (headings_drawn && !first_row_drawn)
                g_error ("%s at %dx%d, step %s, screen %u: the grid's column headings end the screen without "
                         "its first row", name, width, height, step_id, screen);
              if (!headings_drawn && later_row_drawn)
                {
                  GtkWidget *veil = veil_of (scrolled);
                  GPtrArray *texts = g_object_get_data (G_OBJECT (veil), CAPTION_TEXTS_KEY);
                  gboolean captioned = FALSE;

                  if (header == NULL || header->height < headings_bottom - headings_top - 0.5)
                    g_error ("%s at %dx%d, step %s, screen %u: the grid's rows go on without its column headings",
                             name, width, height, step_id, screen);
                  for (guint t = 0; gtk_widget_get_visible (veil) && texts != NULL && t < texts->len; t++)
                    if (g_str_has_suffix (g_ptr_array_index (texts, t), "(continued)"))
                      captioned = TRUE;
                  if (!captioned)
                    g_error ("%s at %dx%d, step %s, screen %u: the grid's rows go on without a caption saying so",
                             name, width, height, step_id, screen);
                  continued++;
                }
            }
          more = more_text (view) != NULL;
          if (more)
            activate (view, "room.next-step");
          g_assert_cmpuint (screen, <, 40);
        }
    }
  g_test_message ("%s at %dx%d: %u screens go on with a grid's rows", name, width, height, continued);
  destroy_window (window);
}

static void
test_grid_continued (void)
{
  check_grid_continued ("chart-edges.json", 1280, 720);
  check_grid_continued ("onevote.json", 1280, 720);
}

/* Long template texts (long-texts.json: a step title of some 200
 * characters, option names of 200): the step's title in the header and
 * the captions of a screen that goes on with a column take two lines at
 * most, shortened, so every screen keeps its room for the step. */
static void
test_long_texts_capped (void)
{
  g_autoptr(CrStore) store = cr_test_new_store ();
  g_autoptr(CrWorkshop) workshop = NULL;
  CrRoomView *view;
  GtkWidget *window = show_fixture (store, "long-texts.json", 1280, 720, &workshop, &view);
  GtkWidget *scrolled = find_descendant (GTK_WIDGET (view), GTK_TYPE_SCROLLED_WINDOW, NULL);
  GtkWidget *title = find_descendant (GTK_WIDGET (view), GTK_TYPE_LABEL, "room-title");
  double px = cr_room_view_get_font_size (view);
  guint screen = 1, captioned = 0;

  show_step (view, "canvas");
  settle (view);
  g_assert_cmpuint (strlen (gtk_label_get_text (GTK_LABEL (title))), >, 150);
  for (gboolean more = TRUE; more; screen++)
    {
      GtkWidget *veil = veil_of (scrolled);
      GArray *rects = g_object_get_data (G_OBJECT (veil), CAPTION_RECTS_KEY);
      PangoLayout *layout = gtk_label_get_layout (GTK_LABEL (title));

      if (pango_layout_get_line_count (layout) > 2 || !pango_layout_is_ellipsized (layout))
        g_error ("long-texts.json at 1280x720, screen %u: the step's title takes %d lines", screen,
                 pango_layout_get_line_count (layout));
      for (guint i = 0; gtk_widget_get_visible (veil) && rects != NULL && i < rects->len; i++)
        {
          const CrChartRect *r = &g_array_index (rects, CrChartRect, i);

          /* Two lines of the body's size are some 2.4 em; three, 3.5. */
          if (r->height > 2.9 * px)
            g_error ("long-texts.json at 1280x720, screen %u: a caption %.0f high (%d px type)", screen, r->height,
                     (int) px);
          captioned++;
        }
      more = more_text (view) != NULL;
      if (more)
        activate (view, "room.next-step");
      g_assert_cmpuint (screen, <, 40);
    }
  g_assert_cmpuint (captioned, >, 0);
  g_test_message ("long-texts.json at 1280x720, canvas: %u screens, %u captions", screen - 1, captioned);
  destroy_window (window);
}

/* ---- Clicker keys ------------------------------------------------------------ */

/* Runs the view's shortcut for a key, as a key press from a clicker would. */
static void
press (CrRoomView *view,
       const char *key)
{
  gboolean found = FALSE;

  for (GtkWidget *w = GTK_WIDGET (view); w != NULL && !found; w = NULL)
    {
      g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (w);

      for (guint i = 0; i < g_list_model_get_n_items (controllers) && !found; i++)
        {
          g_autoptr(GtkEventController) controller = g_list_model_get_item (controllers, i);

          if (!GTK_IS_SHORTCUT_CONTROLLER (controller))
            continue;
          /* Managed by the window in the capture phase: wherever the focus is. */
          g_assert_cmpint (gtk_shortcut_controller_get_scope (GTK_SHORTCUT_CONTROLLER (controller)), ==,
                           GTK_SHORTCUT_SCOPE_MANAGED);
          g_assert_cmpint (gtk_event_controller_get_propagation_phase (controller), ==, GTK_PHASE_CAPTURE);
          for (guint j = 0; j < g_list_model_get_n_items (G_LIST_MODEL (controller)) && !found; j++)
            {
              g_autoptr(GtkShortcut) shortcut = g_list_model_get_item (G_LIST_MODEL (controller), j);
              g_autofree char *trigger = gtk_shortcut_trigger_to_string (gtk_shortcut_get_trigger (shortcut));

              if (g_strcmp0 (trigger, key) != 0)
                continue;
              g_assert_true (gtk_shortcut_action_activate (gtk_shortcut_get_action (shortcut), 0, w, NULL));
              found = TRUE;
            }
        }
    }
  g_assert_true (found);
  cr_test_ui_spin (100);
}

static void
test_clicker (void)
{
  g_autoptr(CrStore) store = cr_test_new_store ();
  g_autoptr(CrWorkshop) workshop = new_workshop (store);
  CrTemplate *template = cr_workshop_get_template (workshop);
  GtkWidget *console = gtk_window_new ();
  GtkWidget *page = cr_workshop_page_new (workshop);
  CrRoomWindow *room;
  CrRoomView *view;
  const char *first = cr_template_get_step (template, 0)->id;
  const char *second = cr_template_get_step (template, 1)->id;

  gtk_window_set_child (GTK_WINDOW (console), page);
  gtk_window_present (GTK_WINDOW (console));
  room = cr_room_window_new (app, CR_WORKSHOP_PAGE (page));
  g_object_ref (room);
  view = cr_room_window_get_view (room);
  gtk_window_present (GTK_WINDOW (room));
  cr_test_ui_spin (300);

  /* The window's title says nothing of the workshop or its results. */
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (room)), ==, "Crossroads: Room View");
  g_assert_cmpstr (cr_room_view_get_step_id (view), ==, first);
  /* The same clock (the console's timer may tick between the two reads). */
  g_assert_cmpint (ABS (cr_room_view_get_time_left (view) -
                        cr_workshop_page_get_time_left (CR_WORKSHOP_PAGE (page))), <=, 1);
  g_assert_cmpint (cr_room_view_get_time_left (view), >, 0);

  /* Page Down in the room moves the facilitator's step: one source of truth. */
  press (view, "Page_Down");
  g_assert_cmpstr (cr_workshop_page_get_step_id (CR_WORKSHOP_PAGE (page)), ==, second);
  g_assert_cmpstr (cr_room_view_get_step_id (view), ==, second);
  g_assert_true (says (GTK_WIDGET (room), view, cr_template_get_step (template, 1)->title));
  press (view, "Page_Up");
  g_assert_cmpstr (cr_workshop_page_get_step_id (CR_WORKSHOP_PAGE (page)), ==, first);
  g_assert_cmpstr (cr_room_view_get_step_id (view), ==, first);

  /* ...and the facilitator's own moves reach the room. */
  g_assert_true (cr_workshop_page_set_step_id (CR_WORKSHOP_PAGE (page), "canvas"));
  cr_test_ui_spin (100);
  g_assert_cmpstr (cr_room_view_get_step_id (view), ==, "canvas");

  /* B blanks the screen and brings it back. */
  g_assert_false (cr_room_view_get_blank (view));
  press (view, "b");
  g_assert_true (cr_room_view_get_blank (view));
  g_assert_false (says (GTK_WIDGET (room), view, "Discovery interviews"));
  press (view, "b");
  g_assert_false (cr_room_view_get_blank (view));
  g_assert_true (says (GTK_WIDGET (room), view, "Discovery interviews"));

  gtk_window_destroy (GTK_WINDOW (room));
  cr_test_ui_spin (100);
  g_assert_finalize_object (room);
  gtk_window_destroy (GTK_WINDOW (console));
  cr_test_ui_spin (100);
}

/* The room window's own keys on the console's window: what Page Down in
 * the console does first, TRUE when it was taken (the room's body moved). */
static GtkEventController *
console_keys (GtkWidget *console)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (console);

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GtkEventController) controller = g_list_model_get_item (controllers, i);

      if (g_strcmp0 (gtk_event_controller_get_name (controller), "cr-room-window-console-keys") == 0)
        return controller;
    }
  return NULL;
}

static gboolean
console_press (GtkWidget  *console,
               CrRoomView *view,
               const char *key)
{
  GtkEventController *controller = console_keys (console);
  gboolean taken = FALSE;

  g_assert_nonnull (controller);
  /* On the window, in the capture phase: before the page's own keys. */
  g_assert_cmpint (gtk_event_controller_get_propagation_phase (controller), ==, GTK_PHASE_CAPTURE);
  for (guint j = 0; j < g_list_model_get_n_items (G_LIST_MODEL (controller)); j++)
    {
      g_autoptr(GtkShortcut) shortcut = g_list_model_get_item (G_LIST_MODEL (controller), j);
      g_autofree char *trigger = gtk_shortcut_trigger_to_string (gtk_shortcut_get_trigger (shortcut));

      if (g_strcmp0 (trigger, key) == 0)
        taken = gtk_shortcut_action_activate (gtk_shortcut_get_action (shortcut), 0, console, NULL);
    }
  settle (view);
  return taken;
}

/* With the room on a second screen the clicker may be talking to the
 * console: there too Page Down shows the rest of a long step first. */
static void
test_console_keys (void)
{
  g_autoptr(CrStore) store = cr_test_new_store ();
  g_autoptr(CrWorkshop) workshop = new_workshop (store);
  g_autoptr(GError) error = NULL;
  GtkWidget *console = gtk_window_new ();
  GtkWidget *page = cr_workshop_page_new (workshop);
  GtkAdjustment *adjustment;
  CrRoomWindow *room;
  CrRoomView *view;
  guint presses = 0;

  for (guint i = 0; i < 20; i++)
    {
      g_autofree char *text = g_strdup_printf ("Note %u: the people team spends most of its week on requests "
                                               "that nobody has asked it to prioritise", i + 1);

      cr_workshop_add_note (workshop, "px-as-a-product", CR_NOTE_RISK, text, 0, &error);
      g_assert_no_error (error);
    }
  gtk_window_set_child (GTK_WINDOW (console), page);
  g_object_ref (console);
  gtk_window_present (GTK_WINDOW (console));
  room = cr_room_window_new (app, CR_WORKSHOP_PAGE (page));
  g_object_ref (room);
  view = cr_room_window_get_view (room);
  gtk_window_present (GTK_WINDOW (room));
  cr_test_ui_spin (300);
  g_assert_true (cr_workshop_page_set_step_id (CR_WORKSHOP_PAGE (page), "canvas"));
  settle (view);
  adjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (
    find_descendant (GTK_WIDGET (view), GTK_TYPE_SCROLLED_WINDOW, NULL)));
  g_assert_cmpfloat (end_of (adjustment), >, 0);

  /* Page Down in the console moves the room's body, not the step... */
  while (console_press (console, view, "Page_Down"))
    {
      g_assert_cmpstr (cr_workshop_page_get_step_id (CR_WORKSHOP_PAGE (page)), ==, "canvas");
      g_assert_cmpfloat (gtk_adjustment_get_value (adjustment), >, 0);
      /* A bound, so that a Page Down that stops moving fails here rather
       * than looping: the twenty notes take about twenty screens. */
      g_assert_cmpuint (++presses, <, 40);
    }
  g_assert_cmpuint (presses, >=, 1);
  g_assert_cmpfloat (gtk_adjustment_get_value (adjustment), >=, end_of (adjustment) - 1);
  /* ...until its end, where the key is left to the console (FALSE above). */
  g_assert_cmpstr (cr_workshop_page_get_step_id (CR_WORKSHOP_PAGE (page)), ==, "canvas");
  g_assert_true (console_press (console, view, "Page_Up"));
  g_assert_cmpfloat (gtk_adjustment_get_value (adjustment), <, end_of (adjustment) - 1);

  /* Once the room window is gone, the console's keys are its own again. */
  gtk_window_destroy (GTK_WINDOW (room));
  cr_test_ui_spin (100);
  g_assert_finalize_object (room);
  g_assert_null (console_keys (console));
  gtk_window_destroy (GTK_WINDOW (console));
  cr_test_ui_spin (100);
  g_assert_finalize_object (console);
}

/* One screen: F5 turns the main window into the room's; Escape gives it back. */
static void
test_present_mode (void)
{
  g_autoptr(CrStore) store = cr_test_new_store ();
  g_autoptr(CrWorkshop) workshop = new_workshop (store);
  g_autoptr(GError) error = NULL;
  CrWindow *window;

  window = cr_window_new (app, store, NULL);
  g_object_ref (window);
  gtk_window_present (GTK_WINDOW (window));
  cr_test_ui_spin (300);
  g_assert_true (cr_window_open_workshop (window, cr_workshop_get_id (workshop), &error));
  g_assert_no_error (error);
  cr_test_ui_spin (200);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.present-room", NULL));
  cr_test_ui_spin (300);
  g_assert_cmpstr (cr_window_get_visible_page (window), ==, "room");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.leave-room", NULL));
  cr_test_ui_spin (300);
  g_assert_cmpstr (cr_window_get_visible_page (window), ==, "workshop");

  gtk_window_destroy (GTK_WINDOW (window));
  cr_test_ui_spin (200);
  g_assert_finalize_object (window);
}

/* ---- A ballot is never on the room's screen ------------------------------- */

static GtkWidget *
find_of_type (GtkWidget *widget,
              GType      type)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type))
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_of_type (child, type);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static GtkWidget *
find_row (GtkWidget  *widget,
          const char *title)
{
  if (ADW_IS_PREFERENCES_ROW (widget) &&
      g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)), title) == 0)
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_row (child, title);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* everything_said() but the running timer, which ticks meanwhile. */
static char *
said_but_the_time (CrRoomWindow *room)
{
  g_autofree char *text = everything_said (GTK_WIDGET (room), cr_room_window_get_view (room));
  g_auto(GStrv) lines = g_strsplit (text, "\n", -1);
  GString *kept = g_string_new (NULL);

  for (guint i = 0; lines[i] != NULL; i++)
    if (!g_str_has_suffix (lines[i], " left"))
      g_string_append_printf (kept, "%s\n", lines[i]);
  return g_string_free (kept, FALSE);
}

static GtkWidget *
shown_ballot (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWidget) toplevel = g_list_model_get_item (toplevels, i);

      if (CR_IS_BALLOT_DIALOG (toplevel) && gtk_widget_get_visible (toplevel))
        return toplevel;
    }
  return NULL;
}

/* What a user saw: a reopened ballot showed the earlier choice, to the room
 * too on a mirrored projector. The room window shows nothing of a ballot
 * being filled in, and on one screen the room view never shows over one: F5
 * puts the ballot away, its draft unsaved. */
static void
test_ballot_never_shown (void)
{
  g_autoptr(CrStore) store = cr_test_new_store ();
  g_autoptr(CrWorkshop) loaded = new_workshop (store);
  g_autoptr(GError) error = NULL;
  CrWindow *window;
  CrWorkshop *workshop;
  CrWorkshopPage *page;
  CrRoomWindow *room;
  CrRound *round;
  GtkWidget *dialog, *check;
  g_autofree char *before = NULL;
  g_autofree char *during = NULL;
  guint n_votes;

  window = cr_window_new (app, store, NULL);
  g_object_ref (window);
  gtk_window_present (GTK_WINDOW (window));
  cr_test_ui_spin (300);
  g_assert_true (cr_window_open_workshop (window, cr_workshop_get_id (loaded), &error));
  g_assert_no_error (error);
  workshop = cr_window_get_workshop (window);
  page = CR_WORKSHOP_PAGE (find_of_type (GTK_WIDGET (window), CR_TYPE_WORKSHOP_PAGE));
  g_assert_true (cr_workshop_page_set_step_id (page, "vote-current"));
  round = cr_workshop_open_round (workshop, "current", &error);
  g_assert_no_error (error);
  cr_test_ui_spin (400);

  /* The room window, on the projector. */
  room = cr_room_window_new (app, page);
  g_object_ref (room);
  gtk_window_present (GTK_WINDOW (room));
  /* Laid out, "Continued" shown or not: on a busy machine that takes
   * longer than any fixed wait. */
  settle (CR_ROOM_VIEW (find_of_type (GTK_WIDGET (room), CR_TYPE_ROOM_VIEW)));
  before = said_but_the_time (room);
  g_assert_nonnull (strstr (before, "voting is open"));

  /* Ana's ballot, filled in on the laptop: the room sees not one character
   * of it, nor whose it is. */
  g_assert_true (gtk_widget_activate (find_row (cr_workshop_page_get_step_widget (page, "vote-current"),
                                                "Ana Sousa")));
  cr_test_ui_spin (300);
  dialog = shown_ballot ();
  g_assert_nonnull (dialog);
  check = find_of_type (find_row (dialog, "People Experience as a Product"), GTK_TYPE_CHECK_BUTTON);
  gtk_check_button_set_active (GTK_CHECK_BUTTON (check), TRUE);
  cr_test_ui_spin (150);
  during = said_but_the_time (room);
  g_assert_cmpstr (during, ==, before);
  g_assert_null (strstr (during, "Ana Sousa"));
  gtk_window_destroy (GTK_WINDOW (room));
  cr_test_ui_spin (100);
  g_assert_finalize_object (room);

  /* One screen: F5 turns this window into the room's, and the ballot goes
   * away first, unsaved. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.present-room", NULL));
  cr_test_ui_spin (600);
  g_assert_cmpstr (cr_window_get_visible_page (window), ==, "room");
  g_assert_null (shown_ballot ());
  cr_round_get_votes (round, &n_votes);
  g_assert_cmpuint (n_votes, ==, 0);

  gtk_window_destroy (GTK_WINDOW (window));
  cr_test_ui_spin (200);
  g_assert_finalize_object (window);
}

/* A round still open in the re-run is left out of Since Last Time: a
 * ballot cast in it changes not one character the room sees or hears. */
static void
test_since_nothing_leaks (void)
{
  g_autoptr(CrStore) store = cr_test_new_store ();
  g_autoptr(CrWorkshop) after = NULL;
  g_autoptr(CrParticipant) chloe = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *now = NULL;
  CrRoomView *view;
  GtkWidget *window;
  CrRound *round;
  CrVote vote = { 0, NULL, NULL, 3 };

  /* The predecessor only has to be in the library, where the step finds it. */
  g_object_unref (cr_test_import_fixture (store, "series-before.json"));
  after = cr_test_import_fixture (store, "series-after.json");
  window = show_view (after, 1280, 720, &view);
  gtk_window_set_title (GTK_WINDOW (window), "Crossroads: Room View");
  round = cr_workshop_find_latest_round (after, "target", FALSE);
  g_assert_false (cr_round_get_revealed (round));

  show_step (view, CR_AGENDA_SINCE);
  settle (view);
  before = everything_said (window, view);
  g_assert_nonnull (strstr (before, "still open"));

  /* Chloé puts her three dots on the whole experience. */
  chloe = g_list_model_get_item (cr_workshop_get_participants (after), 2);
  vote.participant_id = cr_participant_get_id (chloe);
  vote.option = g_intern_string ("px-as-a-product");
  g_assert_true (cr_workshop_record_votes (after, round, vote.participant_id, &vote, 1, &error));
  g_assert_no_error (error);
  cr_test_ui_spin (150);
  show_step (view, CR_AGENDA_SINCE);
  settle (view);
  now = everything_said (window, view);
  g_assert_cmpstr (now, ==, before);

  destroy_window (window);
}

/* The phone path: phones in the room join and vote through the server,
 * and the room view, which then shows how to join and how many have voted,
 * says not one word more of the round: no share, no voter, no chart. Only
 * the count moves. */
static void
on_phone_ballot (CrPhoneServer *server,
                 gint64         round_id,
                 gint64         participant_id,
                 guint         *saved)
{
  (*saved)++;
}

static void
test_phones_nothing_leaks (void)
{
  g_autoptr(CrStore) store = cr_test_new_store ();
  g_autoptr(CrWorkshop) workshop = new_workshop (store);
  g_autoptr(CrPhoneServer) server = cr_phone_server_new (workshop);
  g_autoptr(GError) error = NULL;
  GListModel *participants = cr_workshop_get_participants (workshop);
  const char *options[] = { "projects-as-products", "projects-as-products", "px-as-a-product" };
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  guint saved = 0;
  CrRoomView *view;
  GtkWidget *window = show_view (workshop, 1280, 720, &view);
  CrRound *round;

  gtk_window_set_title (GTK_WINDOW (window), "Crossroads: Room View");
  cr_phone_server_set_question (server, "current");
  g_assert_true (cr_phone_server_start (server, &error));
  g_assert_no_error (error);
  g_signal_connect (server, "ballot-saved", G_CALLBACK (on_phone_ballot), &saved);
  cr_room_view_set_phone_server (view, server);
  round = cr_workshop_open_round (workshop, "current", &error);
  g_assert_no_error (error);
  show_step (view, "vote-current");
  settle (view);
  before = everything_said (window, view);
  g_assert_nonnull (strstr (before, "0 of 4 have voted"));
  g_assert_nonnull (strstr (before, cr_phone_server_get_room_code (server)));

  for (guint i = 0; i < G_N_ELEMENTS (options); i++)
    {
      g_autoptr(CrParticipant) who = g_list_model_get_item (participants, i);
      g_autofree char *address = g_strdup_printf ("127.0.0.%u", 30 + i);
      g_autoptr(CrTestPhone) phone = cr_test_phone_new_seated (cr_phone_server_get_join_url (server), address,
                                                               cr_participant_get_id (who));

      g_assert_cmpuint (cr_test_phone_vote_single (phone, cr_round_get_id (round), "k", options[i]), ==, 200);
    }
  while (saved < G_N_ELEMENTS (options))
    g_main_context_iteration (NULL, TRUE);
  cr_test_ui_spin (150);
  settle (view);
  after = everything_said (window, view);
  g_assert_nonnull (strstr (after, "3 of 4 have voted"));
  {
    g_autoptr(GString) undone = g_string_new (after);

    g_string_replace (undone, "3 of 4 have voted", "0 of 4 have voted", 1);
    g_assert_cmpstr (undone->str, ==, before);
  }
  g_assert_null (strstr (after, "%"));
  g_assert_null (strstr (after, "chart"));
  g_assert_null (strstr (after, "votes"));
  g_assert_null (strstr (after, "Ana Sousa"));

  /* Reveal: the result, and phones no longer asked for. */
  g_assert_true (cr_workshop_reveal_round (workshop, round, &error));
  g_assert_no_error (error);
  cr_test_ui_spin (150);
  settle (view);
  g_clear_pointer (&after, g_free);
  after = everything_said (window, view);
  g_assert_nonnull (strstr (after, "chart"));
  g_assert_null (strstr (after, "have voted"));

  cr_phone_server_stop (server);
  destroy_window (window);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  /* The whole suite makes more than 2048 quarks. */
  g_assert_true (cr_test_ignore_quark_array ());
  /* The test AT context keeps what a screen reader would be told, so the
   * leak test can read it; it talks to no bus. */
  g_setenv ("GTK_A11Y", "test", TRUE);
  /* No GIO modules (gvfs, dconf, proxies): the test uses none of them, and
   * one that fails to load leaves an object LeakSanitizer may report. */
  g_setenv ("GIO_MODULE_DIR", "/nonexistent/crossroads-test-gio-modules", TRUE);
  /* Phones, in /room-view/phones-nothing-leaks, from loopback addresses. */
  g_setenv ("CROSSROADS_PHONES_TEST_LOOPBACK", "1", TRUE);

  app = cr_test_ui_init (&argc, &argv);

  g_test_add_func ("/room-view/type-size/1280x720", test_type_size_720);
  g_test_add_func ("/room-view/type-size/1920x1080", test_type_size_1080);
  g_test_add_func ("/room-view/type-size/1024x768", test_type_size_4_3);
  g_test_add_func ("/room-view/contrast/light", test_contrast_light);
  g_test_add_func ("/room-view/contrast/dark", test_contrast_dark);
  g_test_add_func ("/room-view/contrast/high", test_contrast_high);
  g_test_add_func ("/room-view/nothing-leaks", test_nothing_leaks);
  g_test_add_func ("/room-view/since-nothing-leaks", test_since_nothing_leaks);
  g_test_add_func ("/room-view/phones-nothing-leaks", test_phones_nothing_leaks);
  g_test_add_func ("/room-view/recommendation-without-context", test_recommendation_without_context);
  g_test_add_func ("/room-view/vote-change", test_vote_change);
  g_test_add_func ("/room-view/follows-workshop", test_follows_workshop);
  g_test_add_func ("/room-view/unordered-template", test_unordered_template);
  g_test_add_func ("/room-view/recommendation-and-decision", test_recommendation_and_decision);
  g_test_add_func ("/room-view/results-every-round", test_results_every_round);
  g_test_add_func ("/room-view/long-step", test_long_step);
  g_test_add_func ("/room-view/every-step-whole/1280x720", test_every_step_whole_720);
  g_test_add_func ("/room-view/every-step-whole/1920x1080", test_every_step_whole_1080);
  g_test_add_func ("/room-view/every-step-whole/rerun", test_every_step_whole_rerun);
  g_test_add_func ("/room-view/every-step-whole/long-note", test_every_step_whole_long_note);
  g_test_add_func ("/room-view/every-step-whole/high-contrast", test_every_step_whole_high_contrast);
  g_test_add_func ("/room-view/every-step-whole/url-note", test_every_step_whole_url_note);
  g_test_add_func ("/room-view/every-step-whole/many-options", test_every_step_whole_many_options);
  g_test_add_func ("/room-view/pages-back", test_pages_back);
  g_test_add_func ("/room-view/resize-repages", test_resize_repages);
  g_test_add_func ("/room-view/vote-on-one-screen", test_vote_on_one_screen);
  g_test_add_func ("/room-view/grid-continued", test_grid_continued);
  g_test_add_func ("/room-view/long-texts-capped", test_long_texts_capped);
  g_test_add_func ("/room-view/clicker", test_clicker);
  g_test_add_func ("/room-view/console-keys", test_console_keys);
  g_test_add_func ("/room-view/present-mode", test_present_mode);
  g_test_add_func ("/room-view/ballot-never-shown", test_ballot_never_shown);

  status = g_test_run ();
  g_clear_object (&app);
  return status;
}
