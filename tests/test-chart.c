/* test-chart.c: charts whose geometry follows the numbers
 *
 * Tallies come from real rounds of the built-in template in a real store;
 * the charts are laid out as plain rectangles and painted onto image
 * surfaces, whose pixels are sampled where the layout says a bar ends.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <cairo-pdf.h>
#include <glib/gi18n-lib.h>
#include <locale.h>
#include <pango/pangocairo.h>
#include <math.h>
#include <string.h>

#include "cr-chart.h"
#include "cr-gap.h"
#include "cr-tally.h"
#include "cr-test-util.h"
#include "cr-workshop.h"

#define EPS 1e-6

/* Current: hr 4 votes, projects 2, px 1. */
static CrRound *
current_round (CrTestVoting *f,
               gboolean      revealed)
{
  CrRound *round = cr_test_open_round (f->workshop, "current");

  for (guint i = 1; i <= 4; i++)
    cr_test_vote (f, round, i, "hr-as-a-service", 1, NULL);
  cr_test_vote (f, round, 5, "projects-as-products", 1, NULL);
  cr_test_vote (f, round, 6, "projects-as-products", 1, NULL);
  cr_test_vote (f, round, 7, "px-as-a-product", 1, NULL);
  if (revealed)
    cr_test_reveal (f->workshop, round);
  return round;
}

/* ---- Pixels ---------------------------------------------------------------- */

static cairo_surface_t *
paint (double width,
       double height)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32,
                                                         (int) ceil (width), (int) ceil (height));

  g_assert_cmpint (cairo_surface_status (surface), ==, CAIRO_STATUS_SUCCESS);
  return surface;
}

static void
assert_pixel (cairo_surface_t    *surface,
              double              x,
              double              y,
              const CrChartColor *color)
{
  int stride = cairo_image_surface_get_stride (surface);
  const guint8 *data;
  guint32 pixel;
  int r, g, b;

  cairo_surface_flush (surface);
  data = cairo_image_surface_get_data (surface);
  g_assert_cmpint ((int) x, >=, 0);
  g_assert_cmpint ((int) y, >=, 0);
  g_assert_cmpint ((int) x, <, cairo_image_surface_get_width (surface));
  g_assert_cmpint ((int) y, <, cairo_image_surface_get_height (surface));
  pixel = *(const guint32 *) (gconstpointer) (data + (int) y * stride + (int) x * 4);
  r = (pixel >> 16) & 0xff;
  g = (pixel >> 8) & 0xff;
  b = pixel & 0xff;
  g_assert_cmpint (ABS (r - (int) lround (color->red * 255)), <=, 2);
  g_assert_cmpint (ABS (g - (int) lround (color->green * 255)), <=, 2);
  g_assert_cmpint (ABS (b - (int) lround (color->blue * 255)), <=, 2);
}

static void
assert_not_pixel (cairo_surface_t    *surface,
                  double              x,
                  double              y,
                  const CrChartColor *color)
{
  int stride = cairo_image_surface_get_stride (surface);
  const guint8 *data;
  guint32 pixel;

  cairo_surface_flush (surface);
  data = cairo_image_surface_get_data (surface);
  pixel = *(const guint32 *) (gconstpointer) (data + (int) y * stride + (int) x * 4);
  g_assert_false (ABS ((int) ((pixel >> 16) & 0xff) - (int) lround (color->red * 255)) <= 2 &&
                  ABS ((int) ((pixel >> 8) & 0xff) - (int) lround (color->green * 255)) <= 2 &&
                  ABS ((int) (pixel & 0xff) - (int) lround (color->blue * 255)) <= 2);
}

static guint
count_pixels (cairo_surface_t    *surface,
              const CrChartColor *color)
{
  int stride = cairo_image_surface_get_stride (surface);
  int width = cairo_image_surface_get_width (surface);
  int height = cairo_image_surface_get_height (surface);
  const guint8 *data;
  guint n = 0;

  cairo_surface_flush (surface);
  data = cairo_image_surface_get_data (surface);
  for (int y = 0; y < height; y++)
    for (int x = 0; x < width; x++)
      {
        guint32 pixel = *(const guint32 *) (gconstpointer) (data + y * stride + x * 4);

        if (ABS ((int) ((pixel >> 16) & 0xff) - (int) lround (color->red * 255)) <= 2 &&
            ABS ((int) ((pixel >> 8) & 0xff) - (int) lround (color->green * 255)) <= 2 &&
            ABS ((int) (pixel & 0xff) - (int) lround (color->blue * 255)) <= 2)
          n++;
      }
  return n;
}

/* ---- Bars ------------------------------------------------------------------ */

static void
test_bars_single (void)
{
  CrTestVoting f = { 0 };
  CrRound *round = NULL;
  g_autoptr(CrTally) tally = NULL;
  g_autoptr(CrChartBarsLayout) layout = NULL;
  cairo_surface_t *surface;
  cairo_t *cr;
  CrChartStyle style;
  double track;

  cr_test_voting_init (&f, "people-product-models", "Chart test", 7);
  round = current_round (&f, TRUE);
  tally = cr_tally_compute (f.template, round);
  cr_chart_style_init (&style, CR_CHART_THEME_LIGHT, 1.0);

  layout = cr_chart_layout_bars (tally, &style, 600, 0);
  g_assert_nonnull (layout);
  g_assert_cmpuint (layout->n_bars, ==, 3);

  /* Template order, whatever the counts */
  g_assert_cmpstr (layout->bars[0].option->id, ==, "hr-as-a-service");
  g_assert_cmpstr (layout->bars[1].option->id, ==, "projects-as-products");
  g_assert_cmpstr (layout->bars[2].option->id, ==, "px-as-a-product");
  g_assert_cmpfloat (layout->bars[0].bar.y, <, layout->bars[1].bar.y);
  g_assert_cmpfloat (layout->bars[1].bar.y, <, layout->bars[2].bar.y);

  /* 4, 2, 1 of 7 votes: against 100 %, the largest (57 %) does not fill
   * the track; the whole track is every vote. */
  track = layout->bars[0].track.width;
  g_assert_cmpfloat (track, >, 300);
  g_assert_cmpfloat_with_epsilon (layout->bars[0].bar.width, track * 4 / 7, EPS);
  g_assert_cmpfloat_with_epsilon (layout->bars[1].bar.width, track * 2 / 7, EPS);
  g_assert_cmpfloat_with_epsilon (layout->bars[2].bar.width, track * 1 / 7, EPS);
  g_assert_cmpfloat_with_epsilon (layout->bars[0].count, 4, EPS);
  g_assert_cmpfloat_with_epsilon (layout->bars[2].share, 1.0 / 7.0, EPS);
  /* The number sits right of the track, inside the chart */
  g_assert_cmpfloat (layout->bars[0].value.x, >=, track);
  g_assert_cmpfloat (layout->bars[0].value.x + layout->bars[0].value.width, <=, 600 + EPS);
  g_assert_cmpfloat (layout->height, ==, cr_chart_tally_height (tally, &style, 600));

  /* Pixels: accent just inside each bar's end, track colour just past it */
  surface = paint (600, layout->height);
  cr = cairo_create (surface);
  g_assert_true (cr_chart_draw_tally (cr, tally, &style, 600, layout->height));
  cairo_destroy (cr);
  for (guint i = 0; i < layout->n_bars; i++)
    {
      const CrChartBar *bar = &layout->bars[i];
      double y = bar->bar.y + bar->bar.height / 2;

      assert_pixel (surface, bar->bar.x + 2, y, &style.accent);
      assert_pixel (surface, bar->bar.x + bar->bar.width - 2, y, &style.accent);
      /* The rest of the 100 % empty inside the track's outline, then the
       * background */
      assert_pixel (surface, bar->bar.x + bar->bar.width + 4, y, &style.background);
      assert_pixel (surface, bar->bar.x + bar->bar.width + 4, bar->track.y + 1, &style.muted);
      assert_pixel (surface, bar->track.x + bar->track.width - 1, y, &style.muted);
      assert_pixel (surface, bar->track.x + bar->track.width + 2, y, &style.background);
    }
  cairo_surface_destroy (surface);

  cr_test_voting_clear (&f);
}

static void
test_bars_dots (void)
{
  CrTestVoting f = { 0 };
  CrRound *round = NULL;
  g_autoptr(CrTally) tally = NULL;
  g_autoptr(CrChartBarsLayout) layout = NULL;
  g_autofree char *text = NULL;
  CrChartStyle style;
  double track;

  cr_test_voting_init (&f, "people-product-models", "Chart test", 7);
  round = cr_test_open_round (f.workshop, "target");
  /* px 3 + 2 + 1 = 6 dots, projects 1 + 1 = 2, hr 0 */
  cr_test_vote (&f, round, 1, "px-as-a-product", 3, NULL);
  cr_test_vote (&f, round, 2, "px-as-a-product", 2, "projects-as-products", 1, NULL);
  cr_test_vote (&f, round, 3, "px-as-a-product", 1, "projects-as-products", 1, NULL);
  cr_test_reveal (f.workshop, round);
  tally = cr_tally_compute (f.template, round);
  cr_chart_style_init (&style, CR_CHART_THEME_DARK, 1.0);

  layout = cr_chart_layout_bars (tally, &style, 480, 0);
  g_assert_nonnull (layout);
  track = layout->bars[0].track.width;
  /* 0, 2 and 6 of 8 dots */
  g_assert_cmpfloat_with_epsilon (layout->bars[0].bar.width, 0, EPS);
  g_assert_cmpfloat_with_epsilon (layout->bars[1].bar.width, track * 2 / 8, EPS);
  g_assert_cmpfloat_with_epsilon (layout->bars[2].bar.width, track * 6 / 8, EPS);

  /* Each count with its base */
  text = cr_chart_describe_tally (tally);
  g_assert_nonnull (strstr (text, "Productised HR as a Service, 0 of 8 dots (0 %)"));
  g_assert_nonnull (strstr (text, "2 of 8 dots (25 %)"));
  g_assert_nonnull (strstr (text, "6 of 8 dots (75 %)"));
  g_assert_nonnull (strstr (text, "8 dots placed by 3 participants."));

  cr_test_voting_clear (&f);
}

/* The room view draws the same chart larger: every length scales with the font. */
static void
test_bars_scale (void)
{
  CrTestVoting f = { 0 };
  CrRound *round = NULL;
  g_autoptr(CrTally) tally = NULL;
  g_autoptr(CrChartBarsLayout) small = NULL;
  g_autoptr(CrChartBarsLayout) large = NULL;
  CrChartStyle style;

  cr_test_voting_init (&f, "people-product-models", "Chart test", 7);
  round = current_round (&f, TRUE);
  tally = cr_tally_compute (f.template, round);

  cr_chart_style_init (&style, CR_CHART_THEME_HIGH_CONTRAST, 1.0);
  small = cr_chart_layout_bars (tally, &style, 1800, 0);
  cr_chart_style_init (&style, CR_CHART_THEME_HIGH_CONTRAST, 3.0);
  large = cr_chart_layout_bars (tally, &style, 1800, 0);

  g_assert_cmpfloat_with_epsilon (large->font_size, 3 * small->font_size, EPS);
  g_assert_cmpfloat_with_epsilon (large->bars[0].bar.height, 3 * small->bars[0].bar.height, EPS);
  g_assert_cmpfloat_with_epsilon (large->height, 3 * small->height, EPS);
  /* Still proportional at any size */
  g_assert_cmpfloat_with_epsilon (large->bars[1].bar.width / large->bars[0].bar.width, 0.5, EPS);

  cr_test_voting_clear (&f);
}

/* ---- Palettes ---------------------------------------------------------------- */

static const char *theme_names[] = { "light", "dark", "high contrast", "high contrast dark" };

/* A projector in a lit room: every mark that carries meaning at 3:1 or more
 * against the page, and the data stronger than the track, so an empty row
 * never looks fuller than a full one. */
static void
test_palette_contrast (void)
{
  for (CrChartTheme theme = CR_CHART_THEME_LIGHT; theme <= CR_CHART_THEME_HIGH_CONTRAST_DARK; theme++)
    {
      CrChartStyle style;
      CrChartColor earlier;
      double text, data, track, before, on_track;

      cr_chart_style_init (&style, theme, 1.0);
      earlier = cr_chart_style_earlier (&style);
      text = cr_chart_color_contrast (&style.foreground, &style.background);
      data = cr_chart_color_contrast (&style.accent, &style.background);
      track = cr_chart_color_contrast (&style.muted, &style.background);
      before = cr_chart_color_contrast (&earlier, &style.background);
      on_track = cr_chart_color_contrast (&style.accent, &style.muted);
      g_test_message ("%s: text %.2f:1, bars and dots %.2f:1, tracks, scales, axes and rules %.2f:1, "
                      "the earlier round %.2f:1, a bar against its track %.2f:1",
                      theme_names[theme], text, data, track, before, on_track);
      g_assert_cmpfloat (text, >=, 7.0);
      g_assert_cmpfloat (data, >=, 3.0);
      g_assert_cmpfloat (track, >=, 3.0);
      g_assert_cmpfloat (before, >=, 3.0);
      g_assert_cmpfloat (data, >, track);
    }
}

/* ---- Colour-blind and washed out ---- */

/* CIEDE2000 below which two colours are "close" (see build-aux/simulate-room
 * for why 10: several just-noticeable differences for half-degree marks). */
#define APART_DE00 10.0

typedef enum { VISION_NORMAL, VISION_PROTAN, VISION_DEUTAN, VISION_TRITAN, N_VISIONS } Vision;

static const char *vision_names[] = { "normal vision", "protanopia", "deuteranopia", "tritanopia" };

/* Machado, Oliveira and Fernandes 2009, severity 1.0, on linear RGB. */
static const double machado[N_VISIONS][3][3] = {
  { { 1, 0, 0 }, { 0, 1, 0 }, { 0, 0, 1 } },
  { { 0.152286, 1.052583, -0.204868 }, { 0.114503, 0.786281, 0.099216 }, { -0.003882, -0.048116, 1.051998 } },
  { { 0.367322, 0.860646, -0.227968 }, { 0.280085, 0.672501, 0.047413 }, { -0.011820, 0.042940, 0.968881 } },
  { { 1.255528, -0.076749, -0.178779 }, { -0.078411, 0.930809, 0.147602 }, { 0.004733, 0.691367, 0.303900 } },
};

static double
to_linear (double c)
{
  return c <= 0.04045 ? c / 12.92 : pow ((c + 0.055) / 1.055, 2.4);
}

/* Washed out, the data marks and the tracks and scales keep 3:1 against
 * the page in every style, the data above the track: what the room sees
 * of the charts in a lit room. */
static void
test_palette_washout (void)
{
  for (CrChartTheme theme = CR_CHART_THEME_LIGHT; theme <= CR_CHART_THEME_HIGH_CONTRAST_DARK; theme++)
    {
      CrChartStyle style;
      CrChartColor page, data, track;
      double data_ratio, track_ratio;

      cr_chart_style_init (&style, theme, 1.0);
      page = cr_test_washed_out (&style.background);
      data = cr_test_washed_out (&style.accent);
      track = cr_test_washed_out (&style.muted);
      data_ratio = cr_chart_color_contrast (&data, &page);
      track_ratio = cr_chart_color_contrast (&track, &page);
      g_test_message ("%s, washed out: bars and dots %.2f:1, tracks and scales %.2f:1",
                      theme_names[theme], data_ratio, track_ratio);
      g_assert_cmpfloat (data_ratio, >=, 3.0);
      g_assert_cmpfloat (data_ratio, >, track_ratio);
      g_assert_cmpfloat (track_ratio, >=, 3.0);
    }
}

static double
lab_f (double t)
{
  return t > 216.0 / 24389.0 ? cbrt (t) : (24389.0 / 27.0 * t + 16.0) / 116.0;
}

/* CIELAB (D65) of @color washed out and seen with @vision. */
static void
seen_lab (const CrChartColor *color,
          Vision              vision,
          double              lab[3])
{
  CrChartColor washed = cr_test_washed_out (color);
  double in[3] = { to_linear (washed.red), to_linear (washed.green), to_linear (washed.blue) };
  double lin[3];
  double fx, fy, fz;

  for (int i = 0; i < 3; i++)
    lin[i] = CLAMP (machado[vision][i][0] * in[0] + machado[vision][i][1] * in[1] + machado[vision][i][2] * in[2],
                    0.0, 1.0);
  fx = lab_f ((0.4124 * lin[0] + 0.3576 * lin[1] + 0.1805 * lin[2]) / 0.95047);
  fy = lab_f (0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]);
  fz = lab_f ((0.0193 * lin[0] + 0.1192 * lin[1] + 0.9505 * lin[2]) / 1.08883);
  lab[0] = 116 * fy - 16;
  lab[1] = 500 * (fx - fy);
  lab[2] = 200 * (fy - fz);
}

static double
radians (double degrees)
{
  return degrees * G_PI / 180.0;
}

/* CIEDE2000 (Sharma, Wu and Dalal 2005), kL = kC = kH = 1. */
static double
ciede2000 (const double lab1[3],
           const double lab2[3])
{
  double c1 = hypot (lab1[1], lab1[2]), c2 = hypot (lab2[1], lab2[2]);
  double cm = (c1 + c2) / 2;
  double g = 0.5 * (1 - sqrt (pow (cm, 7) / (pow (cm, 7) + pow (25, 7))));
  double a1 = (1 + g) * lab1[1], a2 = (1 + g) * lab2[1];
  double c1p = hypot (a1, lab1[2]), c2p = hypot (a2, lab2[2]);
  double h1 = c1p > 0 ? fmod (atan2 (lab1[2], a1) * 180 / G_PI + 360, 360) : 0;
  double h2 = c2p > 0 ? fmod (atan2 (lab2[2], a2) * 180 / G_PI + 360, 360) : 0;
  double dl = lab2[0] - lab1[0], dc = c2p - c1p, dh, dhh, lm, cpm, hm, t, rt, sl, sc, sh;

  if (c1p * c2p == 0)
    dh = 0;
  else if (fabs (h2 - h1) <= 180)
    dh = h2 - h1;
  else
    dh = h2 - h1 > 180 ? h2 - h1 - 360 : h2 - h1 + 360;
  dhh = 2 * sqrt (c1p * c2p) * sin (radians (dh / 2));
  lm = (lab1[0] + lab2[0]) / 2;
  cpm = (c1p + c2p) / 2;
  if (c1p * c2p == 0)
    hm = h1 + h2;
  else if (fabs (h1 - h2) <= 180)
    hm = (h1 + h2) / 2;
  else
    hm = h1 + h2 < 360 ? (h1 + h2 + 360) / 2 : (h1 + h2 - 360) / 2;
  t = 1 - 0.17 * cos (radians (hm - 30)) + 0.24 * cos (radians (2 * hm)) + 0.32 * cos (radians (3 * hm + 6))
      - 0.20 * cos (radians (4 * hm - 63));
  rt = -sin (radians (60 * exp (-pow ((hm - 275) / 25, 2)))) * 2 * sqrt (pow (cpm, 7) / (pow (cpm, 7) + pow (25, 7)));
  sl = 1 + 0.015 * pow (lm - 50, 2) / sqrt (20 + pow (lm - 50, 2));
  sc = 1 + 0.045 * cpm;
  sh = 1 + 0.015 * cpm * t;
  return sqrt (pow (dl / sl, 2) + pow (dc / sc, 2) + pow (dhh / sh, 2) + rt * (dc / sc) * (dhh / sh));
}

/* The least difference between @a and @b over the four visions, washed out. */
static double
least_apart (const CrChartColor *a,
             const CrChartColor *b,
             Vision             *worst)
{
  double least = G_MAXDOUBLE;

  for (Vision v = VISION_NORMAL; v < N_VISIONS; v++)
    {
      double la[3], lb[3], d;

      seen_lab (a, v, la);
      seen_lab (b, v, lb);
      d = ciede2000 (la, lb);
      if (d < least)
        {
          least = d;
          *worst = v;
        }
    }
  return least;
}

/* What the room must tell apart stays apart on a washed-out projector and
 * with protanopia, deuteranopia or tritanopia, in every theme: round 1 from
 * round 2, today from the target, a bar from its track, and every mark
 * from the page. (Each series has a second cue too: the earlier round's bar
 * is thinner, today is a ring and the target a dot.) */
static void
test_palette_colour_blind (void)
{
  const double sharma1[3] = { 50, 2.6772, -79.7751 }, sharma2[3] = { 50, 0, -82.7485 };

  /* The formula is the published one: Sharma's first test pair. */
  g_assert_cmpfloat_with_epsilon (ciede2000 (sharma1, sharma2), 2.0425, 1e-4);

  for (CrChartTheme theme = CR_CHART_THEME_LIGHT; theme <= CR_CHART_THEME_HIGH_CONTRAST_DARK; theme++)
    {
      CrChartStyle style;
      CrChartColor earlier;
      struct { const char *what; const CrChartColor *a, *b; } pairs[] = {
        { "round 1 and round 2", &earlier, &style.accent },
        { "today and the target", &style.foreground, &style.accent },
        { "a bar and its track", &style.accent, &style.muted },
        { "a bar and the page", &style.accent, &style.background },
        { "a track or line and the page", &style.muted, &style.background },
        { "round 1 and the page", &earlier, &style.background },
      };

      cr_chart_style_init (&style, theme, 1.0);
      earlier = cr_chart_style_earlier (&style);
      for (guint i = 0; i < G_N_ELEMENTS (pairs); i++)
        {
          Vision worst = VISION_NORMAL;
          double d = least_apart (pairs[i].a, pairs[i].b, &worst);

          g_test_message ("%s: %s: CIEDE2000 %.1f at least, washed out (%s)", theme_names[theme], pairs[i].what, d,
                          vision_names[worst]);
          if (d < APART_DE00)
            g_error ("%s: %s are %.1f CIEDE2000 apart with %s, under %.0f", theme_names[theme], pairs[i].what, d,
                     vision_names[worst], APART_DE00);
        }
    }
}

/* A neutral mixed toward the text stops where it reaches the contrast. */
static void
test_color_toward (void)
{
  CrChartColor white = { 1, 1, 1, 1 }, black = { 0, 0, 0, 1 }, grey = { 0.5, 0.5, 0.5, 0.5 };
  CrChartColor c;

  g_assert_cmpfloat_with_epsilon (cr_chart_color_contrast (&black, &white), 21.0, 1e-9);
  /* Translucent: seen over the page. */
  g_assert_cmpfloat (cr_chart_color_contrast (&grey, &white), <, cr_chart_color_contrast (&(CrChartColor) { 0.5, 0.5, 0.5, 1 }, &white));
  c = cr_chart_color_toward (&black, &white, 3.0);
  g_assert_cmpfloat (cr_chart_color_contrast (&c, &white), >=, 3.0);
  g_assert_cmpfloat (cr_chart_color_contrast (&c, &white), <, 3.01);
  /* Out of reach: the colour itself. */
  c = cr_chart_color_toward (&grey, &white, 10.0);
  g_assert_cmpfloat_with_epsilon (c.red, 0.75, 1e-9);
  g_assert_cmpfloat_with_epsilon (c.alpha, 1.0, 1e-9);
}

/* ---- Score grid ------------------------------------------------------------ */

static void
test_scores_grid (void)
{
  CrTestVoting f = { 0 };
  CrRound *round = NULL;
  g_autoptr(CrTally) tally = NULL;
  g_autoptr(CrChartScoresLayout) layout = NULL;
  g_autofree char *text = NULL;
  cairo_surface_t *surface;
  cairo_t *cr;
  CrChartStyle style;

  cr_test_voting_init (&f, "people-product-models", "Chart test", 7);
  round = cr_test_open_round (f.workshop, "fit");
  /* hr: 4 and 2 on every criterion: mean 3, spread 1. px: 5 and 5. projects unscored. */
  cr_test_vote (&f, round, 1, "hr-as-a-service", 4, "px-as-a-product", 5, NULL);
  cr_test_vote (&f, round, 2, "hr-as-a-service", 2, "px-as-a-product", 5, NULL);
  cr_test_reveal (f.workshop, round);
  tally = cr_tally_compute (f.template, round);
  cr_chart_style_init (&style, CR_CHART_THEME_LIGHT, 1.0);

  layout = cr_chart_layout_scores (tally, &style, 700, 0);
  g_assert_nonnull (layout);
  g_assert_null (cr_chart_layout_bars (tally, &style, 700, 0));
  g_assert_cmpuint (layout->n_rows, ==, 3);
  /* five criteria and the overall */
  g_assert_cmpuint (layout->n_columns, ==, 6);

  for (guint r = 0; r < layout->n_rows; r++)
    for (guint c = 0; c < layout->n_columns; c++)
      {
        const CrChartScoreCell *cell = &layout->cells[r * layout->n_columns + c];

        g_assert_true (cell->option == cr_template_get_option (f.template, r));
        g_assert_cmpuint (cell->criterion, ==, c);
        /* Cells tile left to right, top to bottom, inside the chart */
        g_assert_cmpfloat_with_epsilon (cell->cell.x, layout->column_headers[c].x, EPS);
        g_assert_cmpfloat_with_epsilon (cell->cell.y, layout->row_headers[r].y, EPS);
        g_assert_cmpfloat (cell->cell.x + cell->cell.width, <=, 700 + EPS);
        if (c > 0)
          g_assert_cmpfloat (cell->cell.x, >, layout->cells[r * layout->n_columns + c - 1].cell.x);

        if (r == 0)
          {
            double span = cell->scale_x1 - cell->scale_x0;

            /* Mean 3 on 1..5: half-way; spread 1: from 2 (a quarter) to 4 (three quarters) */
            g_assert_cmpfloat_with_epsilon (cell->mean, 3, EPS);
            g_assert_cmpfloat_with_epsilon (cell->spread, 1, EPS);
            g_assert_cmpfloat_with_epsilon (cell->mean_x, cell->scale_x0 + span / 2, EPS);
            g_assert_cmpfloat_with_epsilon (cell->spread_x0, cell->scale_x0 + span / 4, EPS);
            g_assert_cmpfloat_with_epsilon (cell->spread_x1, cell->scale_x0 + span * 3 / 4, EPS);
          }
        else if (r == 1)
          {
            g_assert_true (isnan (cell->mean));
            g_assert_true (isnan (cell->mean_x));
          }
        else
          {
            /* Mean 5, no spread: at the top of the scale */
            g_assert_cmpfloat_with_epsilon (cell->mean_x, cell->scale_x1, EPS);
            g_assert_cmpfloat_with_epsilon (cell->spread_x0, cell->spread_x1, EPS);
          }
      }

  surface = paint (700, layout->height);
  cr = cairo_create (surface);
  g_assert_true (cr_chart_draw_tally (cr, tally, &style, 700, layout->height));
  cairo_destroy (cr);
  /* The mean's dot, in the accent colour, where the layout puts it */
  assert_pixel (surface, layout->cells[0].mean_x, layout->cells[0].scale_y, &style.accent);
  assert_pixel (surface, layout->cells[2 * layout->n_columns].mean_x - 1,
                layout->cells[2 * layout->n_columns].scale_y, &style.accent);
  /* Nothing drawn on the scale of the unscored option but the scale itself */
  assert_pixel (surface, layout->cells[layout->n_columns].scale_x0 + (layout->cells[layout->n_columns].scale_x1 - layout->cells[layout->n_columns].scale_x0) / 2,
                layout->cells[layout->n_columns].scale_y - layout->font_size * 0.3, &style.background);
  cairo_surface_destroy (surface);

  /* A narrow grid (the room's at 1280x720) gives "Affordable change (5:
   * cheap to change)" the lines it needs at the headers' size, rather than
   * smaller type; a wide one keeps three. */
  {
    g_autoptr(CrChartScoresLayout) narrow = NULL;
    CrChartStyle room;

    /* 2.4 times the base size: 24 px, the room's body text at 1280x720. */
    cr_chart_style_init (&room, CR_CHART_THEME_LIGHT, 2.4);
    narrow = cr_chart_layout_scores (tally, &room, 1216, 0);
    g_assert_cmpuint (layout->header_lines, ==, 3);
    g_assert_cmpuint (narrow->header_lines, >, 3);
    g_assert_cmpfloat (narrow->column_headers[0].height, >, 24 * 0.9 * 1.3 * 3 + 24 * 0.5 + EPS);
  }
  /* At the room's sizes (1280x720 and 1920x1080) every header is set at
   * the body's size on the lines the layout gives it, broken only between
   * words: no word is wider than its column. */
  {
    const double scales[] = { 3.6, 5.3 }, widths[] = { 1192, 1788 };

    for (guint i = 0; i < G_N_ELEMENTS (scales); i++)
      {
        g_autoptr(CrChartScoresLayout) room_layout = NULL;
        CrChartStyle room;
        PangoFontMap *map = pango_cairo_font_map_get_default ();
        /* No g_autoptr for PangoContext in Pango 1.50. */
        PangoContext *context = pango_font_map_create_context (map);
        g_autoptr(PangoLayout) words_layout = pango_layout_new (context);
        PangoFontDescription *font = pango_font_description_from_string (CR_CHART_FONT_FAMILY);

        cr_chart_style_init (&room, CR_CHART_THEME_LIGHT, scales[i]);
        room_layout = cr_chart_layout_scores (tally, &room, widths[i], 0);
        pango_font_description_set_weight (font, PANGO_WEIGHT_BOLD);
        pango_font_description_set_absolute_size (font, room_layout->font_size * PANGO_SCALE);
        pango_layout_set_font_description (words_layout, font);
        pango_font_description_free (font);
        for (guint c = 0; c < room_layout->n_columns; c++)
          {
            const char *label = c < room_layout->n_columns - 1
                                ? ((const CrCriterion *) g_ptr_array_index (tally->question->criteria, c))->label
                                : "Overall";
            double column = room_layout->column_headers[c].width - room_layout->font_size * 0.4;
            g_auto(GStrv) words = g_strsplit (label, " ", -1);

            for (guint w = 0; words[w] != NULL; w++)
              {
                PangoRectangle logical;

                pango_layout_set_text (words_layout, words[w], -1);
                pango_layout_get_extents (words_layout, NULL, &logical);
                if ((double) logical.width / PANGO_SCALE > column + EPS)
                  g_error ("scale %.2f: \"%s\" is %.0f px wide, its column %.0f px", scales[i], words[w],
                           (double) logical.width / PANGO_SCALE, column);
              }
            pango_layout_set_text (words_layout, label, -1);
            pango_layout_set_width (words_layout, (int) (column * PANGO_SCALE));
            pango_layout_set_wrap (words_layout, PANGO_WRAP_WORD);
            g_assert_cmpint (pango_layout_get_line_count (words_layout), <=, (int) room_layout->header_lines);
            pango_layout_set_width (words_layout, -1);
          }
        g_object_unref (context);
      }
  }

  text = cr_chart_describe_tally (tally);
  g_assert_nonnull (strstr (text, "Productised HR as a Service: overall 3.0, spread 1.0"));
  g_assert_nonnull (strstr (text, "Projects and Programmes as Products: not scored;"));
  g_assert_nonnull (strstr (text, "People Experience as a Product: overall 5.0, spread 0.0, Centred on employees 5.0"));

  cr_test_voting_clear (&f);
}

/* ---- Printed text ---------------------------------------------------------- */

/* What a reader copies out of @spec's chart printed @width wide, each
 * line break read as the space it replaced; NULL without pdftotext. As
 * in the report, the chart is recorded first, then replayed into the PDF. */
static char *
print_and_read_spec (const CrChartSpec  *spec,
                     const CrChartStyle *style,
                     double              width)
{
  g_autoptr(GByteArray) pdf = g_byte_array_new ();
  g_autoptr(GBytes) bytes = NULL;
  double height = cr_chart_spec_height (spec, style, width);
  cairo_rectangle_t extents = { 0, 0, width, height };
  cairo_surface_t *page = cairo_recording_surface_create (CAIRO_CONTENT_COLOR_ALPHA, &extents);
  cairo_surface_t *surface = cairo_pdf_surface_create_for_stream (cr_test_append_to_byte_array, pdf, width, height);
  cairo_t *cr = cairo_create (page);
  char *text;

  g_assert_true (cr_chart_spec_draw (cr, spec, style, width, height));
  cairo_destroy (cr);
  cr = cairo_create (surface);
  cairo_set_source_surface (cr, page, 0, 0);
  cairo_paint (cr);
  cairo_destroy (cr);
  cairo_surface_destroy (page);
  cairo_surface_finish (surface);
  g_assert_cmpint (cairo_surface_status (surface), ==, CAIRO_STATUS_SUCCESS);
  cairo_surface_destroy (surface);

  bytes = g_byte_array_free_to_bytes (g_steal_pointer (&pdf));
  text = cr_test_pdf_text (bytes);
  return text != NULL ? g_strdelimit (text, "\n", ' ') : NULL;
}

static char *
print_and_read (const CrTally      *tally,
                const CrChartStyle *style,
                double              width)
{
  /* Not freed: the tally is the caller's. */
  CrChartSpec spec = { CR_CHART_KIND_TALLY, (CrTally *) tally, NULL, NULL };

  return print_and_read_spec (&spec, style, width);
}

static void
assert_reads (const char *text,
              const char *words,
              double      width)
{
  if (strstr (text, words) == NULL)
    g_error ("“%s” does not read back from the chart %g pt wide: “%s”", words, width, text);
}

/* ---- Gap ------------------------------------------------------------------- */

static void
test_gap (void)
{
  CrTestVoting f = { 0 };
  CrRound *target = NULL;
  g_autoptr(CrGap) gap = NULL;
  g_autoptr(CrChartGapLayout) layout = NULL;
  g_autofree char *text = NULL;
  CrChartStyle style;

  cr_test_voting_init (&f, "people-product-models", "Chart test", 7);
  current_round (&f, TRUE);
  target = cr_test_open_round (f.workshop, "target");
  /* px 3 + 3 = 6 dots of 8, projects 2 */
  cr_test_vote (&f, target, 1, "px-as-a-product", 3, NULL);
  cr_test_vote (&f, target, 2, "px-as-a-product", 3, NULL);
  cr_test_vote (&f, target, 3, "projects-as-products", 2, NULL);
  cr_test_reveal (f.workshop, target);

  gap = cr_gap_compute_workshop (f.workshop);
  cr_chart_style_init (&style, CR_CHART_THEME_LIGHT, 1.0);
  layout = cr_chart_layout_gap (gap, &style, 600, 0);
  g_assert_nonnull (layout);
  g_assert_cmpuint (layout->n_rows, ==, 3);

  for (guint i = 0; i < layout->n_rows; i++)
    {
      const CrChartGapRow *row = &layout->rows[i];
      double x0 = row->axis.x, w = row->axis.width;

      g_assert_true (row->option == cr_template_get_option (f.template, i));
      /* Shares on a 0 to 100 % axis */
      g_assert_cmpfloat_with_epsilon (row->current_x, x0 + w * row->current, EPS);
      g_assert_cmpfloat_with_epsilon (row->target_x, x0 + w * row->target, EPS);
      if (i > 0)
        g_assert_cmpfloat (row->axis.y, >, layout->rows[i - 1].axis.y);
    }
  /* hr: 4/7 today, nothing in the target; px: 1/7 today, 6/8 target */
  g_assert_cmpfloat_with_epsilon (layout->rows[0].current, 4.0 / 7.0, EPS);
  g_assert_cmpfloat_with_epsilon (layout->rows[0].target_x, layout->rows[0].axis.x, EPS);
  g_assert_cmpfloat_with_epsilon (layout->rows[2].target, 0.75, EPS);
  g_assert_cmpfloat (layout->rows[2].target_x, >, layout->rows[2].current_x);

  /* The chart says what the shares are of, where 0 and 100 % are (at
   * the ends of the axes, on the line above the first row), and what the
   * markers mean, over the values they explain. */
  g_assert_cmpfloat (layout->subtitle.width, >, 0);
  g_assert_cmpfloat (layout->subtitle.y + layout->subtitle.height, <=, layout->scale_start.y + EPS);
  g_assert_cmpfloat_with_epsilon (layout->scale_start.x, 0, EPS);
  g_assert_cmpfloat (layout->scale_start.x + layout->scale_start.width, <, layout->rows[0].axis.x + layout->rows[0].axis.width / 2);
  g_assert_cmpfloat_with_epsilon (layout->scale_end.x + layout->scale_end.width,
                                  layout->rows[0].axis.x + layout->rows[0].axis.width + layout->font_size * 0.8, EPS);
  g_assert_cmpfloat (layout->scale_start.y + layout->scale_start.height, <=, layout->rows[0].label.y + EPS);
  g_assert_cmpfloat (layout->rows[0].label.y - (layout->scale_start.y + layout->scale_start.height), <,
                     layout->font_size * 0.5);
  /* The legend beside the subtitle, over the values' column. */
  g_assert_cmpfloat_with_epsilon (layout->legend.y, layout->subtitle.y, EPS);
  g_assert_cmpfloat (layout->legend.x, >=, layout->subtitle.x + layout->subtitle.width);
  g_assert_cmpfloat (layout->legend.x, >=, layout->rows[0].axis.x + layout->rows[0].axis.width);
  g_assert_cmpfloat_with_epsilon (layout->legend.x, layout->rows[0].value.x, layout->font_size);
  {
    CrChartSpec spec = { CR_CHART_KIND_GAP, NULL, NULL, gap };
    g_autofree char *printed = print_and_read_spec (&spec, &style, 600);

    if (printed != NULL)
      {
        assert_reads (printed, "Share of the room’s votes for each option", 600);
        assert_reads (printed, "0 %", 600);
        assert_reads (printed, "100 %", 600);
        assert_reads (printed, "Today", 600);
        assert_reads (printed, "Target", 600);
      }
  }

  text = cr_chart_describe_gap (gap);
  g_assert_nonnull (strstr (text, "People Experience as a Product 14 % → 75 %"));

  cr_test_voting_clear (&f);
}

/* ---- Change ---------------------------------------------------------------- */

static void
test_change (void)
{
  CrTestVoting f = { 0 };
  CrRound *first = NULL;
  CrRound *second = NULL;
  g_autoptr(CrTally) before = NULL;
  g_autoptr(CrTally) after = NULL;
  g_autoptr(CrChartChangeLayout) layout = NULL;
  g_autofree char *text = NULL;
  cairo_surface_t *surface;
  cairo_t *cr;
  CrChartStyle style;
  double track;

  cr_test_voting_init (&f, "people-product-models", "Chart test", 7);
  first = current_round (&f, TRUE);
  second = cr_test_open_round (f.workshop, "current");
  /* Round 2: hr 2, projects 4, px 1 */
  for (guint i = 1; i <= 2; i++)
    cr_test_vote (&f, second, i, "hr-as-a-service", 1, NULL);
  for (guint i = 3; i <= 6; i++)
    cr_test_vote (&f, second, i, "projects-as-products", 1, NULL);
  cr_test_vote (&f, second, 7, "px-as-a-product", 1, NULL);
  cr_test_reveal (f.workshop, second);

  before = cr_tally_compute (f.template, first);
  after = cr_tally_compute (f.template, second);
  cr_chart_style_init (&style, CR_CHART_THEME_LIGHT, 1.0);
  layout = cr_chart_layout_change (before, after, &style, 500, 0);
  g_assert_nonnull (layout);
  g_assert_cmpuint (layout->before_round, ==, 1);
  g_assert_cmpuint (layout->after_round, ==, 2);

  /* Shares against 100 %: 4/7 and 2/7 of the track, in both rounds */
  track = layout->rows[0].track.width;
  g_assert_cmpfloat_with_epsilon (layout->rows[0].before_bar.width, track * 4 / 7, EPS);
  g_assert_cmpfloat_with_epsilon (layout->rows[0].after_bar.width, track * 2 / 7, EPS);
  g_assert_cmpfloat_with_epsilon (layout->rows[1].before_bar.width, track * 2 / 7, EPS);
  g_assert_cmpfloat_with_epsilon (layout->rows[1].after_bar.width, track * 4 / 7, EPS);
  g_assert_cmpfloat_with_epsilon (layout->rows[2].before_bar.width, layout->rows[2].after_bar.width, EPS);
  g_assert_cmpfloat_with_epsilon (layout->rows[0].delta, -2.0 / 7.0, EPS);
  g_assert_cmpfloat_with_epsilon (layout->rows[2].delta, 0, EPS);

  surface = paint (500, layout->height);
  cr = cairo_create (surface);
  g_assert_true (cr_chart_draw_change (cr, before, after, &style, 500, layout->height));
  cairo_destroy (cr);
  assert_pixel (surface, layout->rows[1].after_bar.width - 2,
                layout->rows[1].after_bar.y + layout->rows[1].after_bar.height / 2, &style.accent);
  /* The rest of its 100 % track: empty inside the track's outline */
  assert_pixel (surface, layout->rows[1].after_bar.width + 4,
                layout->rows[1].after_bar.y + layout->rows[1].after_bar.height / 2, &style.background);
  /* ...one outline around both rounds' bars */
  assert_pixel (surface, layout->rows[1].after_bar.width + 4, layout->rows[1].track.y + 1, &style.muted);
  assert_pixel (surface, layout->rows[1].after_bar.width + 4,
                layout->rows[1].track.y + layout->rows[1].track.height - 1, &style.muted);
  assert_pixel (surface, layout->rows[1].track.width - 1,
                layout->rows[1].after_bar.y + layout->rows[1].after_bar.height / 2, &style.muted);
  /* The earlier round: drawn, in neither the background's nor the later round's colour */
  assert_not_pixel (surface, layout->rows[1].before_bar.width - 2,
                    layout->rows[1].before_bar.y + layout->rows[1].before_bar.height / 2, &style.background);
  assert_not_pixel (surface, layout->rows[1].before_bar.width - 2,
                    layout->rows[1].before_bar.y + layout->rows[1].before_bar.height / 2, &style.accent);
  assert_pixel (surface, layout->rows[1].before_bar.width + 2,
                layout->rows[1].before_bar.y + layout->rows[1].before_bar.height / 2, &style.background);
  cairo_surface_destroy (surface);

  text = cr_chart_describe_change (before, after);
  g_assert_nonnull (strstr (text, "From round 1 to round 2 of "));
  g_assert_nonnull (strstr (text, "Productised HR as a Service from 57 % to 29 % (−28 pts)"));
  g_assert_nonnull (strstr (text, "People Experience as a Product from 14 % to 14 % (no change)"));

  cr_test_voting_clear (&f);
}

/* The room checks the arithmetic: the change printed is the difference of
 * the two figures printed, for every share of up to 20 voters (2/7 → 4/7
 * is "29 % → 57 %", so +28 points, not the +29 of 28.6 unrounded) and
 * every mean of up to 20 scores (9/4 = 2.25 is exactly halfway). */
static void
test_change_adds_up (void)
{
  g_autofree char *halfway = NULL;

  for (int n = 1; n <= 20; n++)
    for (int a = 0; a <= n; a++)
      for (int b = 0; b <= n; b++)
        {
          g_autofree char *from = cr_chart_format_share ((double) a / n);
          g_autofree char *to = cr_chart_format_share ((double) b / n);
          g_autofree char *change = cr_chart_format_change ((double) a / n, (double) b / n, TRUE);
          long difference = strtol (to, NULL, 10) - strtol (from, NULL, 10);
          g_autofree char *expected = difference == 0 ? g_strdup ("no change")
            : g_strdup_printf ("%s%ld pts", difference > 0 ? "+" : "−", labs (difference));

          g_assert_cmpstr (change, ==, expected);
        }

  for (int n = 1; n <= 20; n++)
    for (int a = n; a <= 5 * n; a++)
      for (int b = n; b <= 5 * n; b += 3)
        {
          g_autofree char *from = cr_chart_format_mean ((double) a / n);
          g_autofree char *to = cr_chart_format_mean ((double) b / n);
          g_autofree char *change = cr_chart_format_change ((double) a / n, (double) b / n, FALSE);
          long difference = lround (g_ascii_strtod (to, NULL) * 10) - lround (g_ascii_strtod (from, NULL) * 10);
          g_autofree char *expected = difference == 0 ? g_strdup ("no change")
            : g_strdup_printf ("%s%.1f", difference > 0 ? "+" : "−", labs (difference) / 10.0);

          g_assert_cmpstr (change, ==, expected);
        }

  halfway = cr_chart_format_mean (2.25);
  g_assert_cmpstr (halfway, ==, "2.3");
}

/* ---- Unrevealed rounds are refused ------------------------------------------ */

static void
test_hidden (void)
{
  CrTestVoting f = { 0 };
  CrRound *revealed = NULL;
  CrRound *open = NULL;
  CrRound *open_fit = NULL;
  g_autoptr(CrTally) shown = NULL;
  g_autoptr(CrTally) hidden = NULL;
  g_autoptr(CrTally) hidden_fit = NULL;
  g_autoptr(CrGap) gap = NULL;
  cairo_surface_t *surface;
  cairo_t *cr;
  CrChartStyle style;

  cr_test_voting_init (&f, "people-product-models", "Chart test", 7);
  revealed = current_round (&f, TRUE);
  open = current_round (&f, FALSE);
  open_fit = cr_test_open_round (f.workshop, "fit");
  cr_test_vote (&f, open_fit, 1, "hr-as-a-service", 5, NULL);
  shown = cr_tally_compute (f.template, revealed);
  hidden = cr_tally_compute (f.template, open);
  hidden_fit = cr_tally_compute (f.template, open_fit);
  g_assert_false (hidden->revealed);
  cr_chart_style_init (&style, CR_CHART_THEME_LIGHT, 1.0);

  g_assert_null (cr_chart_layout_bars (hidden, &style, 400, 0));
  g_assert_null (cr_chart_layout_scores (hidden_fit, &style, 400, 0));
  g_assert_null (cr_chart_layout_change (shown, hidden, &style, 400, 0));
  g_assert_null (cr_chart_layout_change (hidden, shown, &style, 400, 0));
  g_assert_null (cr_chart_describe_tally (hidden));
  g_assert_null (cr_chart_describe_tally (hidden_fit));
  g_assert_null (cr_chart_describe_change (shown, hidden));

  /* Drawn: the message only, no bar, no dot */
  surface = paint (400, 200);
  cr = cairo_create (surface);
  g_assert_false (cr_chart_draw_tally (cr, hidden, &style, 400, 200));
  cairo_destroy (cr);
  g_assert_cmpuint (count_pixels (surface, &style.accent), ==, 0);
  g_assert_cmpuint (count_pixels (surface, &style.muted), ==, 0);
  /* ...but the message is there */
  g_assert_cmpuint (count_pixels (surface, &style.foreground), >, 100);
  cairo_surface_destroy (surface);

  surface = paint (400, 200);
  cr = cairo_create (surface);
  g_assert_false (cr_chart_draw_tally (cr, hidden_fit, &style, 400, 200));
  g_assert_false (cr_chart_draw_change (cr, shown, hidden, &style, 400, 200));
  cairo_destroy (cr);
  g_assert_cmpuint (count_pixels (surface, &style.accent), ==, 0);
  cairo_surface_destroy (surface);

  /* The gap takes only revealed rounds: the open target and fit rounds are
   * not in it, and with no target revealed the target side stays unknown. */
  gap = cr_gap_compute_workshop (f.workshop);
  g_assert_cmpuint (gap->fit_round, ==, 0);
  {
    g_autoptr(CrChartGapLayout) layout = cr_chart_layout_gap (gap, &style, 400, 0);

    g_assert_nonnull (layout);
    for (guint i = 0; i < layout->n_rows; i++)
      g_assert_true (isnan (layout->rows[i].target_x));
  }

  cr_test_voting_clear (&f);
}

/* ---- One chart of any kind ---------------------------------------------------- */

static gboolean
same_pixels (cairo_surface_t *a,
             cairo_surface_t *b)
{
  int stride = cairo_image_surface_get_stride (a);
  int height = cairo_image_surface_get_height (a);

  cairo_surface_flush (a);
  cairo_surface_flush (b);
  return stride == cairo_image_surface_get_stride (b) && height == cairo_image_surface_get_height (b)
         && memcmp (cairo_image_surface_get_data (a), cairo_image_surface_get_data (b), (gsize) stride * height) == 0;
}

typedef gboolean (*DrawDirect) (cairo_t *cr, const CrChartSpec *spec, const CrChartStyle *style, double w, double h);

static gboolean
draw_tally_direct (cairo_t *cr, const CrChartSpec *spec, const CrChartStyle *style, double w, double h)
{
  return cr_chart_draw_tally (cr, spec->tally, style, w, h);
}

static gboolean
draw_change_direct (cairo_t *cr, const CrChartSpec *spec, const CrChartStyle *style, double w, double h)
{
  return cr_chart_draw_change (cr, spec->tally, spec->after, style, w, h);
}

static gboolean
draw_gap_direct (cairo_t *cr, const CrChartSpec *spec, const CrChartStyle *style, double w, double h)
{
  return cr_chart_draw_gap (cr, spec->gap, style, w, h);
}

/* The spec draws, measures and describes exactly what the function for its
 * kind does: the same height, the same pixels, the same words. */
static void
check_spec (const CrChartSpec *spec,
            double             height,
            const char        *description,
            DrawDirect         direct,
            gboolean           drawn)
{
  CrChartStyle style;
  cairo_surface_t *by_spec, *by_kind;
  cairo_t *cr;
  g_autofree char *text = cr_chart_spec_describe (spec);

  cr_chart_style_init (&style, CR_CHART_THEME_DARK, 2.0);
  g_assert_cmpfloat (height, >, 0);
  g_assert_cmpfloat_with_epsilon (cr_chart_spec_height (spec, &style, 640), height, EPS);
  g_assert_cmpstr (text, ==, description);

  by_spec = paint (640, height);
  cr = cairo_create (by_spec);
  g_assert_cmpint (cr_chart_spec_draw (cr, spec, &style, 640, height), ==, drawn);
  cairo_destroy (cr);
  by_kind = paint (640, height);
  cr = cairo_create (by_kind);
  g_assert_cmpint (direct (cr, spec, &style, 640, height), ==, drawn);
  cairo_destroy (cr);
  g_assert_true (same_pixels (by_spec, by_kind));
  /* Something was drawn: text at least. */
  g_assert_cmpuint (count_pixels (by_spec, &style.foreground), >, 100);
  if (drawn)
    g_assert_cmpuint (count_pixels (by_spec, &style.accent), >, 0);
  else
    g_assert_cmpuint (count_pixels (by_spec, &style.accent), ==, 0);
  cairo_surface_destroy (by_spec);
  cairo_surface_destroy (by_kind);
}

static void
test_spec (void)
{
  CrTestVoting f = { 0 };
  CrRound *first, *second, *open, *fit;
  CrChartStyle style;
  g_autoptr(CrChartSpec) bars = NULL;
  g_autoptr(CrChartSpec) scores = NULL;
  g_autoptr(CrChartSpec) change = NULL;
  g_autoptr(CrChartSpec) gap = NULL;
  g_autoptr(CrChartSpec) hidden = NULL;
  g_autoptr(CrChartSpec) hidden_change = NULL;

  cr_test_voting_init (&f, "people-product-models", "Chart test", 7);
  cr_chart_style_init (&style, CR_CHART_THEME_DARK, 2.0);
  first = current_round (&f, TRUE);
  second = current_round (&f, TRUE);
  fit = cr_test_open_round (f.workshop, "fit");
  cr_test_vote (&f, fit, 1, "hr-as-a-service", 4, "px-as-a-product", 2, NULL);
  cr_test_reveal (f.workshop, fit);
  open = current_round (&f, FALSE);

  bars = cr_chart_spec_new_tally (cr_tally_compute (f.template, first));
  g_assert_cmpint (bars->kind, ==, CR_CHART_KIND_TALLY);
  {
    g_autofree char *words = cr_chart_describe_tally (bars->tally);

    check_spec (bars, cr_chart_tally_height (bars->tally, &style, 640), words, draw_tally_direct, TRUE);
  }

  scores = cr_chart_spec_new_tally (cr_tally_compute (f.template, fit));
  {
    g_autofree char *words = cr_chart_describe_tally (scores->tally);

    check_spec (scores, cr_chart_tally_height (scores->tally, &style, 640), words, draw_tally_direct, TRUE);
  }

  change = cr_chart_spec_new_change (cr_tally_compute (f.template, first), cr_tally_compute (f.template, second));
  g_assert_cmpint (change->kind, ==, CR_CHART_KIND_CHANGE);
  {
    g_autofree char *words = cr_chart_describe_change (change->tally, change->after);

    g_assert_nonnull (strstr (words, "From round 1 to round 2"));
    check_spec (change, cr_chart_change_height (change->tally, change->after, &style, 640), words,
                draw_change_direct, TRUE);
  }

  gap = cr_chart_spec_new_gap (cr_gap_compute_workshop (f.workshop));
  g_assert_cmpint (gap->kind, ==, CR_CHART_KIND_GAP);
  {
    g_autofree char *words = cr_chart_describe_gap (gap->gap);

    check_spec (gap, cr_chart_gap_height (gap->gap, &style, 640), words, draw_gap_direct, TRUE);
  }

  /* An open round: no words, and only the hidden-votes message drawn. */
  hidden = cr_chart_spec_new_tally (cr_tally_compute (f.template, open));
  check_spec (hidden, cr_chart_tally_height (hidden->tally, &style, 640), NULL, draw_tally_direct, FALSE);
  hidden_change = cr_chart_spec_new_change (cr_tally_compute (f.template, second), cr_tally_compute (f.template, open));
  check_spec (hidden_change, cr_chart_change_height (hidden_change->tally, hidden_change->after, &style, 640),
              NULL, draw_change_direct, FALSE);

  cr_test_voting_clear (&f);
}

/* ---- Text a reader copies ---------------------------------------------------- */

/* The built-in template with a criterion as long as a template's author
 * may write one: the grid sets it smaller, on more lines. */
#define LONG_CRITERION "Affordable change for our budget, our managers and the works council " \
                       "this year and next (5: cheap, quick and welcomed by everyone)"

static CrTemplate *
template_with_long_criterion (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CrTemplate) builtin = cr_template_lookup_builtin ("people-product-models", &error);
  g_autofree char *json = NULL;
  g_autoptr(GBytes) bytes = NULL;
  GString *text;
  CrTemplate *template;

  g_assert_no_error (error);
  json = json_to_string (cr_template_get_json (builtin), FALSE);
  text = g_string_new (json);
  g_assert_cmpuint (g_string_replace (text, "Affordable change (5: cheap to change)", LONG_CRITERION, 1), ==, 1);
  bytes = g_string_free_to_bytes (text);
  template = cr_template_new_from_bytes (bytes, &error);
  g_assert_no_error (error);
  return template;
}

/* Charts in a report are printed at a point a unit, where glyphs snapped to
 * whole units can eat most of a small space: a reader copying the long
 * criterion out of the PDF, or searching it, got "for ourbudget,our
 * managers". Every title, criterion and count reads back word for word. */
static void
test_print_text (void)
{
  g_autoptr(CrTemplate) template = template_with_long_criterion ();
  CrTestVoting f = { 0 };
  CrRound *fit;
  g_autoptr(CrTally) bars = NULL;
  g_autoptr(CrTally) scores = NULL;
  /* A4's and US Letter's width inside the report's margins */
  const double widths[] = { 483, 500 };
  const CrQuestion *question;
  CrChartStyle style;

  cr_test_voting_init_with (&f, template, "Chart test", 7);
  bars = cr_tally_compute (f.template, current_round (&f, TRUE));
  fit = cr_test_open_round (f.workshop, "fit");
  cr_test_vote (&f, fit, 1, "hr-as-a-service", 4, "px-as-a-product", 5, NULL);
  cr_test_vote (&f, fit, 2, "hr-as-a-service", 2, "projects-as-products", 3, NULL);
  cr_test_reveal (f.workshop, fit);
  scores = cr_tally_compute (f.template, fit);
  question = cr_template_find_question (f.template, "fit");

  /* The report's size */
  cr_chart_style_init (&style, CR_CHART_THEME_LIGHT, 0.9);

  for (guint i = 0; i < G_N_ELEMENTS (widths); i++)
    {
      g_autofree char *bars_text = print_and_read (bars, &style, widths[i]);
      g_autofree char *scores_text = print_and_read (scores, &style, widths[i]);

      if (bars_text == NULL)
        {
          g_test_skip ("pdftotext is not installed");
          break;
        }

      assert_reads (bars_text, "4 of 7 votes · 57 %", widths[i]);
      assert_reads (bars_text, "1 of 7 votes · 14 %", widths[i]);
      for (guint o = 0; o < cr_template_get_n_options (f.template); o++)
        {
          const char *title = cr_template_get_option (f.template, o)->title;

          assert_reads (bars_text, title, widths[i]);
          assert_reads (scores_text, title, widths[i]);
        }
      for (guint c = 0; c < question->criteria->len; c++)
        assert_reads (scores_text, ((const CrCriterion *) g_ptr_array_index (question->criteria, c))->label,
                      widths[i]);
    }

  cr_test_voting_clear (&f);
}

/* ---- The report's charts at the room's sizes ------------------------------ */

/* The rounds of tests/bundles/report.json, a realistic workshop. */
static CrRound *
report_round (CrWorkshop *workshop,
              const char *question,
              guint       number)
{
  CrRound *round = cr_test_find_round (workshop, question, number);

  g_assert_nonnull (round);
  return round;
}

/* The room's chart sizes at 1280x720 and 1920x1080, and the report's. */
static const double room_scales[] = { 3.6, 5.3, 0.9 };
static const double room_widths[] = { 1192, 1788, 483 };

/* In every cell of the report's score grid whose spread is not zero, the
 * band (or a whisker) shows beyond the mean's dot, on the scale, in the
 * accent; the key explains the dot and the band with the same marks and
 * the scale's ends are labelled. */
static void
test_scores_spread_and_key (void)
{
  g_autoptr(CrStore) store = cr_test_new_store ();
  g_autoptr(CrWorkshop) workshop = cr_test_import_fixture (store, "report.json");
  CrTemplate *template = cr_workshop_get_template (workshop);
  g_autoptr(CrTally) tally = cr_tally_compute (template, report_round (workshop, "fit", 1));
  guint with_spread = 0;

  for (guint s = 0; s < G_N_ELEMENTS (room_scales); s++)
    {
      g_autoptr(CrChartScoresLayout) layout = NULL;
      g_autofree char *printed = NULL;
      CrChartStyle style;
      cairo_surface_t *surface;
      cairo_t *cr;
      double margin;

      cr_chart_style_init (&style, CR_CHART_THEME_LIGHT, room_scales[s]);
      layout = cr_chart_layout_scores (tally, &style, room_widths[s], 0);
      margin = MAX (layout->font_size * 0.2, 2.0);
      surface = paint (room_widths[s], layout->height);
      cr = cairo_create (surface);
      g_assert_true (cr_chart_draw_tally (cr, tally, &style, room_widths[s], layout->height));
      cairo_destroy (cr);

      with_spread = 0;
      for (guint i = 0; i < layout->n_rows * layout->n_columns; i++)
        {
          const CrChartScoreCell *cell = &layout->cells[i];
          double left, right, x;

          if (isnan (cell->mean) || !(cell->spread > 0.005))
            continue;
          with_spread++;
          left = cell->mean_x - cell->band_x0;
          right = cell->band_x1 - cell->mean_x;
          if (MAX (left, right) < layout->dot_radius + margin)
            g_error ("scale %.1f: %s, column %u: mean %.2f, spread %.2f: the band reaches %.1f px, the dot %.1f px",
                     room_scales[s], cell->option->title, cell->criterion, cell->mean, cell->spread,
                     MAX (left, right), layout->dot_radius);
          /* The band never under-tells the spread. */
          g_assert_cmpfloat (cell->band_x0, <=, cell->spread_x0 + EPS);
          g_assert_cmpfloat (cell->band_x1, >=, cell->spread_x1 - EPS);
          /* Drawn: the accent a margin beyond the dot. */
          x = right >= left ? cell->mean_x + layout->dot_radius + margin - 1
                            : cell->mean_x - layout->dot_radius - margin + 1;
          assert_pixel (surface, x, cell->scale_y, &style.accent);
        }
      cairo_surface_destroy (surface);

      /* The key: the sample scale as long as a cell's, "1" before it and
       * "5" after it, the dot and the band of the cells, each with its
       * word; in the grid's header, above its first row (so a chart
       * continued on another screen repeats it with the header): in the
       * corner beside the column headers, or on a line above them. */
      g_assert_cmpfloat (layout->key.y, >=, -EPS);
      g_assert_cmpfloat (layout->key.y + layout->key.height, <=, layout->row_headers[0].y + EPS);
      g_assert_true (layout->key.x + layout->key.width <= layout->column_headers[0].x + EPS
                     || layout->key.y + layout->key.height <= layout->column_headers[0].y + EPS);
      g_assert_cmpfloat (layout->key.y + layout->key.height, <=, layout->height + EPS);
      g_assert_cmpfloat_with_epsilon (layout->key_scale_x1 - layout->key_scale_x0,
                                      MAX (layout->cells[0].scale_x1 - layout->cells[0].scale_x0,
                                           layout->font_size * 3.0), 1.0);
      g_assert_cmpfloat (layout->key_scale_min.x + layout->key_scale_min.width, <=, layout->key_scale_x0 + EPS);
      g_assert_cmpfloat (layout->key_scale_max.x, >=, layout->key_scale_x1 - EPS);
      {
        const CrChartRect *parts[] = { &layout->key_scale_min, &layout->key_scale_max, &layout->key_mean,
                                       &layout->key_spread };

        for (guint a = 0; a < G_N_ELEMENTS (parts); a++)
          {
            g_assert_cmpfloat (parts[a]->width, >, 0);
            g_assert_cmpfloat (parts[a]->x + parts[a]->width, <=, layout->key.x + layout->key.width + EPS);
            for (guint b = a + 1; b < G_N_ELEMENTS (parts); b++)
              g_assert_false (parts[a]->x < parts[b]->x + parts[b]->width - EPS
                              && parts[b]->x < parts[a]->x + parts[a]->width - EPS
                              && parts[a]->y < parts[b]->y + parts[b]->height - EPS
                              && parts[b]->y < parts[a]->y + parts[a]->height - EPS);
          }
      }
      g_assert_cmpfloat (layout->key_band_x1 - layout->key_mean_x, >, layout->dot_radius + margin);

      printed = print_and_read (tally, &style, room_widths[s]);
      if (printed != NULL)
        {
          assert_reads (printed, "average", room_widths[s]);
          assert_reads (printed, "spread", room_widths[s]);
        }
    }
  /* The cells the old dot hid are among them. */
  g_assert_cmpuint (with_spread, >=, 12);
}

/* A chart continued on another screen repeats what it shows above its
 * first row: the header is that part of the chart, pixel for pixel, and
 * ends where the first row starts. */
static void
test_header (void)
{
  g_autoptr(CrStore) store = cr_test_new_store ();
  g_autoptr(CrWorkshop) workshop = cr_test_import_fixture (store, "report.json");
  CrTemplate *template = cr_workshop_get_template (workshop);
  g_autoptr(CrChartSpec) scores = cr_chart_spec_new_tally (cr_tally_compute (template, report_round (workshop, "fit", 1)));
  g_autoptr(CrChartSpec) bars = cr_chart_spec_new_tally (cr_tally_compute (template, report_round (workshop, "current", 1)));
  g_autoptr(CrChartSpec) change = cr_chart_spec_new_change (cr_tally_compute (template, report_round (workshop, "current", 1)),
                                                            cr_tally_compute (template, report_round (workshop, "current", 2)));
  g_autoptr(CrChartSpec) gap = cr_chart_spec_new_gap (cr_gap_compute_workshop (workshop));
  const CrChartSpec *with_header[] = { scores, change, gap };
  CrChartStyle style;

  cr_chart_style_init (&style, CR_CHART_THEME_DARK, 3.6);
  g_assert_cmpfloat (cr_chart_spec_header_height (bars, &style, 1192), ==, 0);
  for (guint i = 0; i < G_N_ELEMENTS (with_header); i++)
    {
      double header = cr_chart_spec_header_height (with_header[i], &style, 1192);
      double height = cr_chart_spec_height (with_header[i], &style, 1192);
      g_autoptr(GArray) breaks = cr_chart_spec_row_breaks (with_header[i], &style, 1192);
      /* Whole pixels: the clip's last row is partly covered. */
      cairo_surface_t *whole = paint (1192, floor (header));
      cairo_surface_t *alone = paint (1192, floor (header));
      cairo_t *cr;

      g_assert_cmpfloat (header, >, style.font_scale * 10);
      g_assert_cmpuint (breaks->len, >, 0);
      g_assert_cmpfloat (header, <, g_array_index (breaks, double, 0));
      cr = cairo_create (whole);
      cr_chart_spec_draw (cr, with_header[i], &style, 1192, height);
      cairo_destroy (cr);
      cr = cairo_create (alone);
      cr_chart_spec_draw_header (cr, with_header[i], &style, 1192);
      cairo_destroy (cr);
      g_assert_true (same_pixels (whole, alone));
      g_assert_cmpuint (count_pixels (alone, &style.foreground), >, 100);
      cairo_surface_destroy (whole);
      cairo_surface_destroy (alone);
    }
}

/* ---- Column headers of the score grid ---------------------------------------- */

/* From here on the catalogue msgfmt built for @language, or English
 * (NULL), in which the process stays for the other tests. */
static void
speak (const char *language)
{
  if (language != NULL)
    g_setenv ("LANGUAGE", language, TRUE);
  else
    g_unsetenv ("LANGUAGE");
  setlocale (LC_ALL, "");
}

/* @text as the built-in template reads in @language. */
static char *
builtin_text_in (const char *language,
                 const char *text)
{
  char *translated;

  speak (language);
  translated = g_strdup (g_dpgettext2 (GETTEXT_PACKAGE, "people-product-models", text));
  speak (NULL);
  return translated;
}

/* The built-in template whose fit question has the criteria @labels (NULL
 * ended; more than the template's five are added). */
static CrTemplate *
template_with_criteria (const char * const *labels)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CrTemplate) builtin = cr_template_lookup_builtin ("people-product-models", &error);
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *json = NULL;
  g_autoptr(GBytes) bytes = NULL;
  JsonArray *questions;
  JsonArray *criteria = NULL;
  CrTemplate *template;
  guint n = g_strv_length ((char **) labels);

  g_assert_no_error (error);
  /* A deep copy: json_node_copy () would share the cached template's objects. */
  json = json_to_string (cr_template_get_json (builtin), FALSE);
  root = json_from_string (json, &error);
  g_assert_no_error (error);
  g_clear_pointer (&json, g_free);
  questions = json_object_get_array_member (json_node_get_object (root), "questions");
  for (guint i = 0; i < json_array_get_length (questions); i++)
    if (g_strcmp0 (json_object_get_string_member (json_array_get_object_element (questions, i), "id"), "fit") == 0)
      criteria = json_object_get_array_member (json_array_get_object_element (questions, i), "criteria");
  g_assert_nonnull (criteria);
  for (guint c = 0; c < n; c++)
    {
      JsonObject *criterion;

      if (c >= json_array_get_length (criteria))
        {
          g_autofree char *id = g_strdup_printf ("extra-%u", c);

          criterion = json_object_new ();
          json_object_set_string_member (criterion, "id", id);
          json_object_set_double_member (criterion, "weight", 1.0);
          json_array_add_object_element (criteria, criterion);
        }
      criterion = json_array_get_object_element (criteria, c);
      json_object_set_string_member (criterion, "label", labels[c]);
    }
  g_assert_cmpuint (json_array_get_length (criteria), ==, MAX (n, 5));
  json = json_to_string (root, FALSE);
  bytes = g_bytes_new (json, strlen (json));
  template = cr_template_new_from_bytes (bytes, &error);
  g_assert_no_error (error);
  return template;
}

/* No ink of the grid's header on the line @x, from @y0 to @y1. */
static void
assert_column_clear (cairo_surface_t    *surface,
                     const CrChartStyle *style,
                     double              x,
                     double              y0,
                     double              y1)
{
  for (double y = ceil (y0); y < y1; y++)
    assert_pixel (surface, x, y, &style->background);
}

/* @text at @size fits whole in @width by @height, broken between words
 * as the charts break it. */
static void
assert_text_whole (const char *text,
                   double      size,
                   gboolean    bold,
                   double      width,
                   double      height)
{
  PangoContext *context = pango_font_map_create_context (pango_cairo_font_map_get_default ());
  g_autoptr(PangoLayout) measure = pango_layout_new (context);
  PangoFontDescription *font = pango_font_description_from_string (CR_CHART_FONT_FAMILY);
  PangoRectangle logical;

  pango_context_set_round_glyph_positions (context, FALSE);
  pango_layout_context_changed (measure);
  pango_font_description_set_absolute_size (font, size * PANGO_SCALE);
  if (bold)
    pango_font_description_set_weight (font, PANGO_WEIGHT_BOLD);
  pango_layout_set_font_description (measure, font);
  pango_font_description_free (font);
  pango_layout_set_text (measure, text, -1);
  pango_layout_set_width (measure, (int) (width * PANGO_SCALE));
  pango_layout_set_wrap (measure, PANGO_WRAP_WORD_CHAR);
  pango_layout_get_extents (measure, NULL, &logical);
  if (logical.width / (double) PANGO_SCALE > width + 1 || logical.height / (double) PANGO_SCALE > height + 1)
    g_error ("“%s” at %.1f takes %.1f by %.1f, more than %.1f by %.1f", text, size,
             logical.width / (double) PANGO_SCALE, logical.height / (double) PANGO_SCALE, width, height);
  g_object_unref (context);
}

/* A figure is never cut short, in any language: the French
 * "12 gommettes sur 21 · 57 %" is wider than the 12 letters a bar's
 * figures had, and the room read "12 gommettes sur 21 · 5…". The track
 * gives way instead. At the room's sizes, from 800x600 to 1920x1080, and
 * the report's. */
static void
test_bars_value_whole (void)
{
  CrTestVoting f = { 0 };
  CrRound *round;
  g_autoptr(CrTally) tally = NULL;
  const struct { double width, scale; } sizes[] = {
    { 736, 2.3 }, { 950, 2.9 }, { 1190, 3.6 }, { 1780, 5.3 }, { 480, 1.0 },
  };
  const char *languages[] = { "fr", "de", NULL };

  cr_test_voting_init (&f, "people-product-models", "Chart test", 7);
  round = cr_test_open_round (f.workshop, "target");
  /* 12 of 21 dots, and 9 */
  for (guint p = 1; p <= 7; p++)
    cr_test_vote (&f, round, p, p <= 4 ? "px-as-a-product" : "hr-as-a-service", 3, NULL);
  cr_test_reveal (f.workshop, round);
  tally = cr_tally_compute (f.template, round);

  for (guint l = 0; l < G_N_ELEMENTS (languages); l++)
    {
      speak (languages[l]);
      for (guint s = 0; s < G_N_ELEMENTS (sizes); s++)
        {
          g_autoptr(CrChartBarsLayout) layout = NULL;
          CrChartStyle style;

          cr_chart_style_init (&style, CR_CHART_THEME_LIGHT, sizes[s].scale);
          layout = cr_chart_layout_bars (tally, &style, sizes[s].width, 0);
          for (guint i = 0; i < layout->n_bars; i++)
            {
              g_autofree char *value = cr_chart_tally_value_text (tally, i);

              assert_text_whole (value, layout->font_size, TRUE, layout->bars[i].value.width,
                                 layout->bars[i].value.height);
              /* The track still there, the value after it, inside the chart. */
              g_assert_cmpfloat (layout->bars[i].track.width, >, 2 * layout->font_size);
              g_assert_cmpfloat (layout->bars[i].value.x + layout->bars[i].value.width, <=, sizes[s].width + 0.5);
            }
        }
    }
  speak (NULL);
  cr_test_voting_clear (&f);
}

/* An option's name longer than its chart is wide goes on to a second
 * line before it is cut short: "Projects and Programmes as …" and
 * "Projects and Programmes as …" told nothing apart. */
static void
test_bars_names_whole (void)
{
  CrTestVoting f = { 0 };
  CrRound *round;
  g_autoptr(CrTally) tally = NULL;
  g_autoptr(CrChartBarsLayout) layout = NULL;
  CrChartStyle style;

  cr_test_voting_init (&f, "people-product-models", "Chart test", 3);
  round = cr_test_open_round (f.workshop, "current");
  cr_test_vote (&f, round, 1, "px-as-a-product", 1, NULL);
  cr_test_reveal (f.workshop, round);
  tally = cr_tally_compute (f.template, round);
  cr_chart_style_init (&style, CR_CHART_THEME_LIGHT, 1.0);
  /* Some 25 letters to a line: "Projects and Programmes as Products" takes two */
  layout = cr_chart_layout_bars (tally, &style, 150, 0);
  for (guint i = 0; i < layout->n_bars; i++)
    assert_text_whole (layout->bars[i].option->title, layout->font_size, FALSE, layout->bars[i].label.width,
                       layout->bars[i].label.height);
  cr_test_voting_clear (&f);
}

/* The score grid of a round of @template at the room's sizes (1280x720,
 * 1024x768, 1920x1080, a window's 24 px) and a PDF page's: every column
 * header's ink inside its own column, so never over a neighbour's nor out
 * of the chart, on the pixels as painted too; at most four lines, none
 * cut: where one would be, every criterion is numbered over its column
 * and whole in the numbered key above the headers. Returns the criteria
 * in the key of the widest room's grid (0: the criteria are the headers). */
static guint
assert_headers_in_columns (CrTemplate *template)
{
  const struct { double width, scale; } sizes[] = {
    { 1192, 3.6 }, { 936, 3.6 }, { 1788, 5.3 }, { 1216, 2.4 }, { 480, 1.0 },
  };
  CrTestVoting f = { 0 };
  CrRound *round;
  g_autoptr(CrTally) tally = NULL;
  guint notes = 0;

  cr_test_voting_init_with (&f, template, "Chart test", 7);
  g_object_unref (template);  /* taken; the fixture holds its own */
  round = cr_test_open_round (f.workshop, "fit");
  cr_test_vote (&f, round, 1, "hr-as-a-service", 4, "px-as-a-product", 5, NULL);
  cr_test_vote (&f, round, 2, "hr-as-a-service", 2, "px-as-a-product", 3, NULL);
  cr_test_reveal (f.workshop, round);
  tally = cr_tally_compute (f.template, round);

  for (guint i = 0; i < G_N_ELEMENTS (sizes); i++)
    {
      g_autoptr(CrChartScoresLayout) layout = NULL;
      g_autofree char *description = NULL;
      CrChartStyle style;
      cairo_surface_t *surface;
      cairo_t *cr;
      guint n_criteria = tally->question->criteria->len;
      double rule;

      cr_chart_style_init (&style, CR_CHART_THEME_LIGHT, sizes[i].scale);
      layout = cr_chart_layout_scores (tally, &style, sizes[i].width, 0);
      g_assert_cmpuint (layout->header_lines, <=, CR_CHART_HEADER_MAX_LINES);
      for (guint c = 0; c < layout->n_columns; c++)
        {
          const CrChartRect *column = &layout->column_headers[c];
          const CrChartRect *ink = &layout->column_header_ink[c];

          if (ink->x < column->x - 0.5 || ink->x + ink->width > column->x + column->width + 0.5
              || ink->x < -0.5 || ink->x + ink->width > layout->width + 0.5
              || ink->y < column->y - 0.5 || ink->y + ink->height > column->y + column->height + 0.5)
            g_error ("%.0f wide at %.1f: header %u's ink %.1f+%.1f, %.1f+%.1f is out of its column %.1f+%.1f, %.1f+%.1f",
                     sizes[i].width, sizes[i].scale, c, ink->x, ink->width, ink->y, ink->height,
                     column->x, column->width, column->y, column->height);
          if (c > 0)
            g_assert_cmpfloat (layout->column_header_ink[c - 1].x + layout->column_header_ink[c - 1].width, <, ink->x);
        }

      rule = layout->font_size * 0.1 + 2;
      /* Every criterion whole: over its column, or where one would not
       * fit, each as its number over the column and whole in the
       * numbered key above the headers (and in the description). */
      description = cr_chart_describe_tally (tally);
      g_assert_cmpuint (layout->n_notes, ==, layout->numbered ? n_criteria : 0);
      for (guint c = 0; c < layout->n_columns; c++)
        {
          const char *label = c < n_criteria ? ((const CrCriterion *) g_ptr_array_index (tally->question->criteria, c))->label
                                             : "Overall";
          g_autofree char *number = g_strdup_printf ("%u", c + 1);

          g_assert_cmpstr (layout->column_texts[c], ==, layout->numbered && c < n_criteria ? number : label);
          g_assert_null (strstr (layout->column_texts[c], "…"));
        }
      for (guint n = 0; n < layout->n_notes; n++)
        {
          const CrChartRect *note = &layout->notes[n];
          guint c = layout->note_columns[n];
          const char *label = ((const CrCriterion *) g_ptr_array_index (tally->question->criteria, c))->label;

          g_assert_cmpuint (c, ==, n);
          g_assert_cmpfloat (note->x, >=, 0);
          g_assert_cmpfloat (note->x + note->width, <=, layout->width + EPS);
          g_assert_cmpfloat (note->y, >=, 0);
          g_assert_cmpfloat (note->y + note->height, <=, layout->column_headers[0].y + EPS);
          /* No entry over another */
          for (guint m = 0; m < n; m++)
            g_assert_true (layout->notes[m].x + layout->notes[m].width <= note->x + EPS ||
                           layout->notes[m].y + layout->notes[m].height <= note->y + EPS);
          assert_text_whole (label, layout->font_size, FALSE, note->width - layout->note_indent, note->height);
          g_assert_nonnull (strstr (description, label));
        }
      if (i == 0)
        notes = layout->n_notes;

      /* As painted: no ink on the columns' edges in the header's band
       * (above the rule under it). */
      surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, (int) ceil (layout->width), (int) ceil (layout->height));
      cr = cairo_create (surface);
      g_assert_true (cr_chart_draw_tally (cr, tally, &style, layout->width, layout->height));
      cairo_destroy (cr);
      for (guint c = 0; c < layout->n_columns; c++)
        {
          const CrChartRect *column = &layout->column_headers[c];

          assert_column_clear (surface, &style, column->x, column->y + 1, column->y + column->height - rule);
        }
      assert_column_clear (surface, &style, layout->width - 1, layout->column_headers[0].y + 1,
                           layout->column_headers[0].y + layout->column_headers[0].height - rule);
      cairo_surface_destroy (surface);
    }
  cr_test_voting_clear (&f);
  return notes;
}

static void
test_scores_headers (void)
{
  const char *const english[] = { "Centred on employees", "Impact on business strategy", "Speed of delivery",
                                  "Feasible for our team", "Affordable change (5: cheap to change)", NULL };
  const char *const german_words[] = { "Mitarbeiterorientierung", "Strategiewirksamkeit", "Umsetzungsgeschwindigkeit",
                                       "Veränderungsbereitschaft", "Wirtschaftlichkeit", NULL };
  const char *const realistic[] = { "Centred on employees and their managers", "Impact on the business strategy for 2027",
                                    "Speed of delivery of the first useful change",
                                    "Feasible for our team with its current skills",
                                    "Affordable change (5: cheap to change, 1: costly)",
                                    "Fits the works council agreement", NULL };
  /* Seven long English criteria, as a real team writes them. */
  const char *const seven[] = { "Centred on employees and their managers", "Impact on the business strategy for 2027",
                                "Speed of delivery of the first useful change",
                                "Feasible for our team with its current skills",
                                "Affordable change (5: cheap to change, 1: costly)",
                                "Fits the works council agreement",
                                "Supported by the leadership team and the board", NULL };
  g_autofree char *word = NULL;
  const char *long_labels[6];
  GString *one_word = g_string_new (NULL);
  const char *languages[] = { "de", "fr" };
  g_autoptr(GError) error = NULL;
  g_autoptr(CrTemplate) builtin = cr_template_lookup_builtin ("people-product-models", &error);
  const CrQuestion *fit = cr_template_find_question (builtin, "fit");

  g_assert_no_error (error);
  for (guint c = 0; c < 5; c++)
    g_assert_cmpstr (((const CrCriterion *) g_ptr_array_index (fit->criteria, c))->label, ==, english[c]);
  g_assert_cmpuint (assert_headers_in_columns (template_with_criteria (english)), ==, 0);

  /* The built-in template in German and French: "Auf Mitarbeitende
   * ausgerichtet", "Faisable pour notre équipe". */
  for (guint l = 0; l < G_N_ELEMENTS (languages); l++)
    {
      g_auto(GStrv) translated = g_new0 (char *, 6);

      for (guint c = 0; c < 5; c++)
        translated[c] = builtin_text_in (languages[l], english[c]);
      g_assert_cmpstr (translated[0], !=, english[0]);
      g_assert_cmpuint (assert_headers_in_columns (template_with_criteria ((const char * const *) translated)), ==, 0);
    }

  /* Long compound words get columns as wide as they are. */
  g_assert_cmpuint (assert_headers_in_columns (template_with_criteria (german_words)), ==, 0);
  /* Six or seven long labels on the room's 1280x720: a column has six
   * letters a line, so they are numbered, each whole in the key (four
   * were cut, "Feasibl-e for our team …", completed beneath the grid). */
  g_assert_cmpuint (assert_headers_in_columns (template_with_criteria (realistic)), ==, 6);
  g_assert_cmpuint (assert_headers_in_columns (template_with_criteria (seven)), ==, 7);

  /* A word of 200 letters and a label of 110 characters: numbered, and
   * each whole in the key, the word broken inside where it must be. */
  while (one_word->len < 200)
    g_string_append (one_word, "Donaudampfschifffahrtsgesellschaftskapitänsmützenabzeichenherstellungsbetrieb");
  word = g_string_free (one_word, FALSE);
  word[g_utf8_offset_to_pointer (word, 200) - word] = '\0';
  long_labels[0] = word;
  long_labels[1] = "Impact on business strategy and on the long-term operating model of the whole organisation across all regions";
  long_labels[2] = "Speed of delivery";
  long_labels[3] = "Feasible for our team";
  long_labels[4] = "Affordable change (5: cheap to change)";
  long_labels[5] = NULL;
  g_assert_cmpuint (assert_headers_in_columns (template_with_criteria (long_labels)), ==, 5);
}

/* ---- Shares too small (or too large) to round ----------------------------- */

/* The figure a share prints as, for the arithmetic of a change: "<1 %"
 * counts as the 0 it rounds to, ">99 %" as 100. */
static long
printed_percent (const char *share)
{
  if (g_str_has_prefix (share, "<"))
    return 0;
  if (g_str_has_prefix (share, ">"))
    return 100;
  return strtol (share, NULL, 10);
}

/* One vote of 500 is not nobody, and 499 of 500 not everybody: "<1 %" and
 * ">99 %", never "0 %" or "100 %"; the bar of one vote is seen, and that of
 * 499 stops short of its track's end. */
static void
test_share_small (void)
{
  CrTestVoting f = { 0 };
  CrRound *round = NULL;
  g_autoptr(CrTally) tally = NULL;
  g_autoptr(CrChartBarsLayout) layout = NULL;
  g_autofree char *text = NULL;
  CrChartStyle style;
  cairo_surface_t *surface;
  cairo_t *cr;
  const struct { double share; const char *text; const char *tenths; } shares[] = {
    { 0.0, "0 %", "0.0 %" },
    { 1.0 / 500, "<1 %", "0.2 %" },
    { 1.0 / 5000, "<1 %", "<0.1 %" },
    { 0.00499, "<1 %", "0.5 %" },
    { 0.005, "1 %", "0.5 %" },
    { 0.995, ">99 %", "99.5 %" },
    { 0.99501, ">99 %", "99.5 %" },
    { 499.0 / 500, ">99 %", "99.8 %" },
    { 4999.0 / 5000, ">99 %", ">99.9 %" },
    { 1.0, "100 %", "100.0 %" },
  };
  const struct { double from, to; const char *change; } changes[] = {
    { 0.0, 1.0 / 500, "+<1 pt" },
    { 1.0 / 500, 0.0, "−<1 pt" },
    { 1.0 / 500, 2.0 / 500, "no change" },
    { 1.0 / 500, 0.05, "+5 pts" },
    { 0.05, 1.0 / 500, "−5 pts" },
    { 499.0 / 500, 1.0, "+<1 pt" },
    { 1.0, 499.0 / 500, "−<1 pt" },
    { 0.95, 499.0 / 500, "+5 pts" },
    { 1.0 / 500, 499.0 / 500, "+100 pts" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (shares); i++)
    {
      g_autofree char *whole = cr_chart_format_share (shares[i].share);
      g_autofree char *tenths = cr_chart_format_share_tenths (shares[i].share);

      g_assert_cmpstr (whole, ==, shares[i].text);
      g_assert_cmpstr (tenths, ==, shares[i].tenths);
    }
  for (guint i = 0; i < G_N_ELEMENTS (changes); i++)
    {
      g_autofree char *change = cr_chart_format_change (changes[i].from, changes[i].to, TRUE);

      g_assert_cmpstr (change, ==, changes[i].change);
    }
  /* The change is still the difference of the figures printed, "<1 %"
   * counting as 0 and ">99 %" as 100, and less than a point between two
   * figures printed apart that round alike. */
  for (int n = 100; n <= 1000; n += 150)
    for (int a = 0; a <= n; a += (a < 12 || a > n - 12) ? 1 : 7)
      for (int b = 0; b <= n; b += (b < 12 || b > n - 12) ? 1 : 11)
        {
          g_autofree char *from = cr_chart_format_share ((double) a / n);
          g_autofree char *to = cr_chart_format_share ((double) b / n);
          g_autofree char *change = cr_chart_format_change ((double) a / n, (double) b / n, TRUE);
          long difference = printed_percent (to) - printed_percent (from);
          g_autofree char *expected = NULL;

          if (difference != 0)
            expected = g_strdup_printf ("%s%ld pts", difference > 0 ? "+" : "−", labs (difference));
          else if (g_str_equal (from, to))
            expected = g_strdup ("no change");
          else
            expected = g_strdup (b > a ? "+<1 pt" : "−<1 pt");
          g_assert_cmpstr (change, ==, expected);
        }

  /* The bars of 1 and 499 of 500 votes, and of none. */
  cr_test_voting_init (&f, "people-product-models", "Chart test", 7);
  round = current_round (&f, TRUE);
  tally = cr_tally_compute (f.template, round);
  tally->total = 500;
  tally->options[0].count = 1;
  tally->options[1].count = 499;
  tally->options[2].count = 0;
  for (guint i = 0; i < 3; i++)
    tally->options[i].share = tally->options[i].count / tally->total;
  text = cr_chart_describe_tally (tally);
  g_assert_nonnull (strstr (text, "Productised HR as a Service, 1 of 500 votes (<1 %)"));
  g_assert_nonnull (strstr (text, "Projects and Programmes as Products, 499 of 500 votes (>99 %)"));
  g_assert_nonnull (strstr (text, "People Experience as a Product, 0 of 500 votes (0 %)"));

  for (guint s = 0; s < G_N_ELEMENTS (room_scales); s++)
    {
      g_clear_pointer (&layout, cr_chart_bars_layout_free);
      cr_chart_style_init (&style, CR_CHART_THEME_LIGHT, room_scales[s]);
      layout = cr_chart_layout_bars (tally, &style, room_widths[s], 0);
      surface = paint (room_widths[s], layout->height);
      cr = cairo_create (surface);
      g_assert_true (cr_chart_draw_tally (cr, tally, &style, room_widths[s], layout->height));
      cairo_destroy (cr);
      {
        const CrChartBar *one = &layout->bars[0], *most = &layout->bars[1], *none = &layout->bars[2];
        double line = MAX (layout->font_size * 0.15, 2.0);
        double y = one->bar.y + one->bar.height / 2;

        /* One vote: a bar reaching past the track's outline by a quarter
         * of a letter or more, in the data's colour. */
        g_assert_cmpfloat (one->bar.width, >=, line + MAX (layout->font_size * 0.25, 2.0) - EPS);
        assert_pixel (surface, one->bar.x + one->bar.width - 1, y, &style.accent);
        assert_pixel (surface, one->bar.x + one->bar.width + line + 2, y, &style.background);
        /* 499: empty inside the outline before the track's end. */
        y = most->bar.y + most->bar.height / 2;
        g_assert_cmpfloat (most->track.width - most->bar.width, >=, line + MAX (layout->font_size * 0.25, 2.0) - EPS);
        assert_pixel (surface, most->bar.x + most->bar.width + 1, y, &style.background);
        /* None: nothing inside the outline. */
        g_assert_cmpfloat (none->bar.width, ==, 0);
        assert_pixel (surface, none->track.x + line + 1, none->track.y + none->track.height / 2, &style.background);
      }
      cairo_surface_destroy (surface);
    }
  cr_test_voting_clear (&f);
}

/* ---- A round nobody voted in ------------------------------------------------ */

/* Round 1 voted, round 2 revealed with no vote: what moved says so, in
 * the chart, its description and its height, not "57 % → —" nor a fall
 * to 0 %. */
static void
test_change_empty_round (void)
{
  CrTestVoting f = { 0 };
  CrRound *first = NULL;
  CrRound *second = NULL;
  g_autoptr(CrTally) before = NULL;
  g_autoptr(CrTally) after = NULL;
  g_autoptr(CrChartChangeLayout) layout = NULL;
  g_autoptr(CrChartChangeLayout) backwards = NULL;
  g_autofree char *text = NULL;
  g_autofree char *reverse = NULL;
  CrChartStyle style;

  cr_test_voting_init (&f, "people-product-models", "Chart test", 7);
  first = current_round (&f, TRUE);
  second = cr_test_open_round (f.workshop, "current");
  cr_test_reveal (f.workshop, second);
  before = cr_tally_compute (f.template, first);
  after = cr_tally_compute (f.template, second);

  cr_chart_style_init (&style, CR_CHART_THEME_LIGHT, 1.0);
  layout = cr_chart_layout_change (before, after, &style, 500, 0);
  g_assert_nonnull (layout);
  for (guint i = 0; i < layout->n_rows; i++)
    {
      g_autofree char *value = cr_chart_change_value_text (before, after, i);

      g_assert_true (isnan (layout->rows[i].after));
      g_assert_true (isnan (layout->rows[i].delta));
      g_assert_cmpfloat (layout->rows[i].after_bar.width, ==, 0);
      g_assert_cmpfloat (layout->rows[i].before_bar.width, >, 0);
      g_assert_true (g_str_has_suffix (value, " → no votes in round 2"));
      g_assert_null (strstr (value, "—"));
      g_assert_null (strstr (value, "pts"));
    }
  {
    g_autofree char *value = cr_chart_change_value_text (before, after, 0);

    g_assert_cmpstr (value, ==, "57 % → no votes in round 2");
  }
  text = cr_chart_describe_change (before, after);
  g_assert_nonnull (strstr (text, "nobody voted in round 2"));
  g_assert_nonnull (strstr (text, "Productised HR as a Service 57 % → no votes in round 2"));
  g_assert_null (strstr (text, "—"));
  g_assert_null (strstr (text, "0 %"));

  /* Today against the target, today's round being the empty one. */
  {
    g_autoptr(CrGap) gap = cr_gap_compute_workshop (f.workshop);
    g_autofree char *value = NULL;
    g_autofree char *gap_text = NULL;

    g_assert_cmpuint (gap->current_round, ==, 2);
    value = cr_chart_gap_value_text (gap, &gap->options[0]);
    /* The target has no round at all: not voted, not "—". */
    g_assert_cmpuint (gap->target_round, ==, 0);
    g_assert_cmpstr (value, ==, "no votes in round 2 → not voted");
    gap_text = cr_chart_describe_gap (gap);
    g_assert_nonnull (strstr (gap_text, "Productised HR as a Service no votes in round 2 → not voted"));
  }

  /* The other way round (a first round left empty): said the same way. */
  backwards = cr_chart_layout_change (after, before, &style, 500, 0);
  g_assert_true (isnan (backwards->rows[0].before));
  g_assert_cmpfloat (backwards->rows[0].before_bar.width, ==, 0);
  reverse = cr_chart_change_value_text (after, before, 0);
  g_assert_cmpstr (reverse, ==, "no votes in round 2 → 57 %");

  /* The legend marks the round nobody voted in, whichever side it is. */
  g_assert_cmpstr (layout->before_label, ==, "Round 1");
  g_assert_cmpstr (layout->after_label, ==, "Round 2: no votes");
  g_assert_cmpstr (backwards->before_label, ==, "Round 2: no votes");
  g_assert_cmpstr (backwards->after_label, ==, "Round 1");

  /* The room's narrow half screen: each value whole, on two lines if it
   * must, the row as tall as they are. */
  cr_chart_style_init (&style, CR_CHART_THEME_LIGHT, room_scales[0]);
  g_clear_pointer (&layout, cr_chart_change_layout_free);
  layout = cr_chart_layout_change (before, after, &style, room_widths[0] / 2, 0);
  assert_text_whole (layout->after_label, layout->font_size, FALSE, layout->width * 0.4, layout->legend.height);
  g_assert_cmpfloat (layout->rows[0].label.y, >=, layout->legend.y + layout->legend.height);
  for (guint i = 0; i < layout->n_rows; i++)
    {
      g_autofree char *value = cr_chart_change_value_text (before, after, i);

      assert_text_whole (value, layout->font_size, TRUE, layout->rows[i].value.width, layout->rows[i].value.height);
      if (i + 1 < layout->n_rows)
        g_assert_cmpfloat (layout->rows[i].value.y + layout->rows[i].value.height, <=, layout->rows[i + 1].label.y);
    }
  cr_test_voting_clear (&f);
}

/* Round 2 revealed with no vote, of a question voted by choice and of one
 * scored: the chart says "No votes in round 2." once, not "0 of 0 votes ·
 * 0 %" beside every option (nor a grid of "—"), in what it prints, its
 * description, its height and where it may be split. */
static void
test_tally_empty_round (void)
{
  CrTestVoting f = { 0 };
  const char *questions[] = { "current", "fit" };
  CrChartStyle style;

  cr_test_voting_init (&f, "people-product-models", "Chart test", 7);
  current_round (&f, TRUE);
  {
    CrRound *fit = cr_test_open_round (f.workshop, "fit");

    cr_test_vote (&f, fit, 1, "hr-as-a-service", 3, NULL);
    cr_test_reveal (f.workshop, fit);
  }
  cr_chart_style_init (&style, CR_CHART_THEME_LIGHT, 1.0);
  for (guint q = 0; q < G_N_ELEMENTS (questions); q++)
    {
      CrRound *voted = cr_test_find_round (f.workshop, questions[q], 1);
      CrRound *empty = cr_test_open_round (f.workshop, questions[q]);
      g_autoptr(CrChartSpec) spec = NULL;
      g_autoptr(CrChartSpec) full = NULL;
      g_autoptr(GArray) breaks = NULL;
      g_autofree char *printed = NULL;
      g_autofree char *description = NULL;

      cr_test_reveal (f.workshop, empty);
      spec = cr_chart_spec_new_tally (cr_tally_compute (f.template, empty));
      full = cr_chart_spec_new_tally (cr_tally_compute (f.template, voted));
      g_assert_true (cr_chart_tally_is_empty (spec->tally));

      printed = print_and_read_spec (spec, &style, 500);
      if (printed != NULL)
        {
          g_test_message ("%s, round 2 printed: %s", questions[q], printed);
          g_assert_cmpuint (cr_test_count_of (printed, "No votes in round 2."), ==, 1);
          g_assert_null (strstr (printed, "0 of 0"));
          g_assert_null (strstr (printed, "0 %"));
          g_assert_null (strstr (printed, "—"));
        }
      description = cr_chart_spec_describe (spec);
      g_assert_nonnull (strstr (description, "nobody voted"));
      g_assert_null (strstr (description, "0 %"));
      g_assert_null (strstr (description, "0 of 0"));
      /* One line, not a row per option. */
      g_assert_cmpfloat (cr_chart_spec_height (spec, &style, 500), <, cr_chart_spec_height (full, &style, 500) / 2);
      breaks = cr_chart_spec_row_breaks (spec, &style, 500);
      g_assert_cmpuint (breaks->len, ==, 0);
      g_assert_cmpfloat (cr_chart_spec_header_height (spec, &style, 500), ==, 0);
    }
  cr_test_voting_clear (&f);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  /* German and French criteria from the catalogue msgfmt built. */
  cr_test_use_built_catalogues ();

  g_test_add_func ("/chart/bars/single", test_bars_single);
  g_test_add_func ("/chart/bars/dots", test_bars_dots);
  g_test_add_func ("/chart/bars/scale", test_bars_scale);
  g_test_add_func ("/chart/scores/grid", test_scores_grid);
  g_test_add_func ("/chart/scores/headers", test_scores_headers);
  g_test_add_func ("/chart/palette/contrast", test_palette_contrast);
  g_test_add_func ("/chart/change/adds-up", test_change_adds_up);
  g_test_add_func ("/chart/palette/toward", test_color_toward);
  g_test_add_func ("/chart/palette/colour-blind", test_palette_colour_blind);
  g_test_add_func ("/chart/palette/washout", test_palette_washout);
  g_test_add_func ("/chart/gap", test_gap);
  g_test_add_func ("/chart/change", test_change);
  g_test_add_func ("/chart/hidden", test_hidden);
  g_test_add_func ("/chart/spec", test_spec);
  g_test_add_func ("/chart/print-text", test_print_text);
  g_test_add_func ("/chart/scores/spread-and-key", test_scores_spread_and_key);
  g_test_add_func ("/chart/header", test_header);
  g_test_add_func ("/chart/share/small", test_share_small);
  g_test_add_func ("/chart/bars/value-whole", test_bars_value_whole);
  g_test_add_func ("/chart/bars/names-whole", test_bars_names_whole);
  g_test_add_func ("/chart/change/empty-round", test_change_empty_round);
  g_test_add_func ("/chart/tally/empty-round", test_tally_empty_round);

  return g_test_run ();
}
