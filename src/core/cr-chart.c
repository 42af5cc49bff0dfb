/* cr-chart.c: the results drawn with cairo, for any cairo_t
 *
 * Every chart is computed as a layout of plain rectangles first and then
 * painted from it, so the geometry that follows the numbers is tested
 * without reading pixels, and the results step, the room view, the PDF and
 * the HTML's SVG paint the very same shapes.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "crossroads-chart"

#include "config.h"

#include "cr-chart.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <pango/pangocairo.h>

#define BASE_SIZE    10.0

/* ---- Style ---------------------------------------------------------------- */

/* An opaque colour from its sRGB hex value, as style sheets write it. */
#define HEX(rgb) ((CrChartColor) { (((rgb) >> 16) & 0xff) / 255.0, (((rgb) >> 8) & 0xff) / 255.0, \
                                   ((rgb) & 0xff) / 255.0, 1.0 })

/* The projector in a lit room washes every colour out, so each mark that
 * means something (a bar, its track, an axis, a rule) keeps 3:1 or more
 * against the page (WCAG 1.4.11 for non-text contrast), and the data is
 * stronger than the track it sits on, so an empty row reads as empty. The
 * contrasts (against the room view's page) are in tests/test-chart.c. */
void
cr_chart_style_init (CrChartStyle *style,
                     CrChartTheme  theme,
                     double        font_scale)
{
  g_return_if_fail (style != NULL);

  *style = (CrChartStyle) { 0 };
  style->font_scale = font_scale > 0 ? font_scale : 1.0;
  style->font_family = NULL;

  switch (theme)
    {
    case CR_CHART_THEME_DARK:
      /* A lit room lifts a dark page to grey, and only light marks keep
       * 3:1 from it: the track is the darkest grey that does (#b4b4b4,
       * 8.0:1, 3.0:1 washed out) and the bars a paler blue than GNOME's
       * Blue 1 to stay clearly above it (10.9:1, 3.8:1 washed out). */
      style->foreground = HEX (0xffffff);
      style->background = HEX (0x1e1e1e);
      style->accent = HEX (0xa0d8ff);
      style->muted = HEX (0xb4b4b4);
      break;

    case CR_CHART_THEME_HIGH_CONTRAST:
      /* Bars 12.6:1, tracks 4.5:1 on white. */
      style->foreground = HEX (0x000000);
      style->background = HEX (0xffffff);
      style->accent = HEX (0x003380);
      style->muted = HEX (0x767676);
      break;

    case CR_CHART_THEME_HIGH_CONTRAST_DARK:
      /* Its own: the light one's dark blue would be 1.8:1 on black, under
       * a track of 7:1. As in dark, the darkest grey that keeps 3:1 washed
       * out: tracks 9.4:1 (3.0:1), bars 13.8:1 (4.1:1) on black. */
      style->foreground = HEX (0xffffff);
      style->background = HEX (0x000000);
      style->accent = HEX (0xa0d8ff);
      style->muted = HEX (0xadadad);
      break;

    case CR_CHART_THEME_LIGHT:
    default:
      /* #241f31 on white is 16:1; bars 6:1, tracks 4.9:1 on #fafafa,
       * and 3.2:1 once a lit room's 15 % ambient light is added. */
      style->foreground = HEX (0x241f31);
      style->background = HEX (0xffffff);
      style->accent = HEX (0x1a5fb4);
      style->muted = HEX (0x6f6e6b);
      break;
    }
}

CrChartColor
cr_chart_style_earlier (const CrChartStyle *style)
{
  /* Between the track's grey and the text: visible on paper and on a
   * projector, and plainly not the later round's colour. */
  return (CrChartColor) {
    style->muted.red + (style->foreground.red - style->muted.red) * 0.4,
    style->muted.green + (style->foreground.green - style->muted.green) * 0.4,
    style->muted.blue + (style->foreground.blue - style->muted.blue) * 0.4,
    MAX (style->muted.alpha, style->foreground.alpha * 0.5),
  };
}

static double
linear_channel (double c)
{
  return c <= 0.04045 ? c / 12.92 : pow ((c + 0.055) / 1.055, 2.4);
}

static double
relative_luminance (const CrChartColor *c)
{
  return 0.2126 * linear_channel (c->red) + 0.7152 * linear_channel (c->green) + 0.0722 * linear_channel (c->blue);
}

static CrChartColor
mix (const CrChartColor *from,
     const CrChartColor *to,
     double              t)
{
  return (CrChartColor) {
    from->red + (to->red - from->red) * t,
    from->green + (to->green - from->green) * t,
    from->blue + (to->blue - from->blue) * t,
    1.0,
  };
}

double
cr_chart_color_contrast (const CrChartColor *color,
                         const CrChartColor *background)
{
  CrChartColor seen;
  double a, b;

  g_return_val_if_fail (color != NULL && background != NULL, 1.0);

  seen = mix (background, color, CLAMP (color->alpha, 0.0, 1.0));
  a = relative_luminance (&seen);
  b = relative_luminance (background);
  return (MAX (a, b) + 0.05) / (MIN (a, b) + 0.05);
}

CrChartColor
cr_chart_color_toward (const CrChartColor *color,
                       const CrChartColor *background,
                       double              ratio)
{
  CrChartColor opaque;
  double lo = 0.0, hi = 1.0;

  g_return_val_if_fail (color != NULL && background != NULL, (CrChartColor) { 0 });

  opaque = mix (background, color, CLAMP (color->alpha, 0.0, 1.0));
  if (cr_chart_color_contrast (&opaque, background) <= ratio)
    return opaque;
  /* Contrast grows with the mix: the least mix that reaches @ratio. */
  for (int i = 0; i < 30; i++)
    {
      double t = (lo + hi) / 2;
      CrChartColor c = mix (background, &opaque, t);

      if (cr_chart_color_contrast (&c, background) >= ratio)
        hi = t;
      else
        lo = t;
    }
  return mix (background, &opaque, hi);
}

static double
font_size_of (const CrChartStyle *style)
{
  return BASE_SIZE * (style->font_scale > 0 ? style->font_scale : 1.0);
}

static void
set_color (cairo_t            *cr,
           const CrChartColor *color)
{
  cairo_set_source_rgba (cr, color->red, color->green, color->blue, color->alpha);
}

static gboolean
is_unknown (double value)
{
  return isnan (value) || isinf (value);
}

/* ---- Numbers in words ------------------------------------------------------ */

/* A share in whole percent or a mean in tenths, as printed: the change
 * between two is the difference of these, so the room's arithmetic holds
 * ("29 % → 57 % · +28 pts", not the +29 of 28.6 points unrounded). */
static long
printed_units (double   value,
               gboolean share)
{
  return lround (value * (share ? 100.0 : 10.0));
}

/* A share as printed, in whole percent or (@tenths) in tenths of one: the
 * rounded figure, except where rounding would say nobody or everybody and
 * that is not so. One vote of 500 is not "0 %" but "<1 %", 499 of 500 not
 * "100 %" but ">99 %": the room must see that someone chose it (or did
 * not). For a change's arithmetic, "<1 %" still counts as the 0 it
 * rounds to and ">99 %" as 100 (see format_change ()). */
static char *
format_share_in (double   share,
                 gboolean tenths)
{
  double unit = tenths ? 1000.0 : 100.0;
  long units = lround (share * unit);

  if (share > 0 && units <= 0)
    /* Translators: a share above nothing that rounds to 0 %, e.g. 1 vote of 500; written like "%.0f %%" */
    return g_strdup (tenths ? _("<0.1 %") : _("<1 %"));
  if (share < 1 && units >= lround (unit))
    /* Translators: a share short of everything that rounds to 100 %, e.g. 499 votes of 500; written like "%.0f %%" */
    return g_strdup (tenths ? _(">99.9 %") : _(">99 %"));
  if (tenths)
    /* Translators: a share of the votes in percent, e.g. "42.9 %" */
    return g_strdup_printf (_("%.1f %%"), units / 10.0);
  /* Translators: a share in whole percent, e.g. "43 %" */
  return g_strdup_printf (_("%.0f %%"), (double) units);
}

static char *
format_percent (double share)
{
  return format_share_in (share, FALSE);
}

static char *
format_mean (double mean)
{
  if (is_unknown (mean))
    return g_strdup ("—");
  return g_strdup_printf ("%.1f", printed_units (mean, FALSE) / 10.0);
}

/* A count with its base, so a share can be checked: "10 of 17 dots". */
static char *
format_count (const CrTally *tally,
              double         count)
{
  long n = lround (count);
  long total = lround (tally->total);

  if (tally->question->method == CR_METHOD_DOTS)
    /* Translators: dots placed on an option, of all the dots placed, e.g. "10 of 17 dots" */
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%ld of %ld dot", "%ld of %ld dots", total), n, total);
  /* Translators: votes for an option, of all the votes, e.g. "4 of 7 votes" */
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%ld of %ld vote", "%ld of %ld votes", total), n, total);
}

/* From @from to @to, shares (@points) or means, as the difference of the
 * two printed figures. A share printed "<1 %" counts as the 0 it rounds
 * to and ">99 %" as 100: "<1 % → 5 %" is "+5 pts", as is the true change
 * rounded; between "0 %" and "<1 %" (or "100 %" and ">99 %") it is
 * "+<1 pt", never "no change" beside two different figures. */
static char *
format_change (double   from,
               double   to,
               gboolean points)
{
  long change;

  if (is_unknown (from) || is_unknown (to))
    return g_strdup ("—");
  change = printed_units (to, points) - printed_units (from, points);
  if (change == 0 && points)
    {
      g_autofree char *before = format_percent (from);
      g_autofree char *after = format_percent (to);

      /* "0 %" → "<1 %" (or "100 %" → ">99 %"): two figures printed apart
       * that round alike moved by less than a point, not by none. */
      if (!g_str_equal (before, after))
        /* Translators: a change of share of less than one percentage point, e.g. from "0 %" to "<1 %"; − is a minus sign */
        return g_strdup (to > from ? _("+<1 pt") : _("−<1 pt"));
    }
  if (change == 0)
    /* Translators: no change of share between two rounds */
    return g_strdup (_("no change"));
  if (points)
    /* Translators: a change of share in percentage points, e.g. "+14 pts"; − is a minus sign */
    return g_strdup_printf (change > 0 ? _("+%ld pts") : _("−%ld pts"), labs (change));
  return g_strdup_printf ("%s%.1f", change > 0 ? "+" : "−", labs (change) / 10.0);
}

/* ---- Text ------------------------------------------------------------------ */

/* Absolute: the size is in the cairo_t's units, whatever its resolution. */
static PangoFontDescription *
chart_font (const CrChartStyle *style,
            double              size,
            gboolean            bold)
{
  PangoFontDescription *font = pango_font_description_from_string (style->font_family != NULL
                                                                   ? style->font_family
                                                                   : CR_CHART_FONT_FAMILY);

  pango_font_description_set_absolute_size (font, size * PANGO_SCALE);
  if (bold)
    pango_font_description_set_weight (font, PANGO_WEIGHT_BOLD);
  return font;
}

static PangoLayout *
text_layout (cairo_t            *cr,
             const CrChartStyle *style,
             const char         *text,
             double              size,
             gboolean            bold,
             double              width,
             int                 max_lines,
             PangoAlignment      alignment)
{
  PangoLayout *layout = pango_cairo_create_layout (cr);
  PangoFontDescription *font = chart_font (style, size, bold);

  /* Glyphs where the font puts them, not on whole units: a PDF's unit is
   * a point, and rounding to it shrinks spaces until words run together. */
  pango_context_set_round_glyph_positions (pango_layout_get_context (layout), FALSE);
  pango_layout_context_changed (layout);

  pango_layout_set_font_description (layout, font);
  /* Plain text, never markup: option titles come from templates anyone writes. */
  pango_layout_set_text (layout, text != NULL ? text : "", -1);
  if (width > 0)
    {
      pango_layout_set_width (layout, (int) (width * PANGO_SCALE));
      pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
      pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
      pango_layout_set_height (layout, -MAX (max_lines, 1));
    }
  pango_layout_set_alignment (layout, alignment);
  pango_font_description_free (font);
  return layout;
}

/* Text inside @rect, vertically centred, clipped to nothing: ellipsized. */
static void
draw_text (cairo_t            *cr,
           const CrChartStyle *style,
           const CrChartColor *color,
           const char         *text,
           double              size,
           gboolean            bold,
           const CrChartRect  *rect,
           int                 max_lines,
           PangoAlignment      alignment)
{
  g_autoptr(PangoLayout) layout = NULL;
  PangoRectangle logical;

  if (rect->width <= 0)
    return;
  layout = text_layout (cr, style, text, size, bold, rect->width, max_lines, alignment);
  pango_layout_get_pixel_extents (layout, NULL, &logical);
  set_color (cr, color);
  cairo_move_to (cr, rect->x, rect->y + (rect->height - logical.height) / 2.0);
  pango_cairo_show_layout (cr, layout);
}

static void
fill_rect (cairo_t            *cr,
           const CrChartColor *color,
           const CrChartRect  *rect)
{
  if (rect->width <= 0 || rect->height <= 0)
    return;
  set_color (cr, color);
  cairo_rectangle (cr, rect->x, rect->y, rect->width, rect->height);
  cairo_fill (cr);
}

/* The width of a track's outline at @font_size. */
static double
track_line (double font_size)
{
  return MAX (font_size * 0.15, 2.0);
}

/* The length of a share's bar in a track of @length: in proportion, but a
 * share that is not nothing reaches a quarter of a letter past the
 * track's outline, and one that is not everything stops as far short of
 * its end, so one vote of 500 is seen, as its "<1 %" says. */
static double
share_length (double length,
              double share,
              double font_size)
{
  double least = track_line (font_size) + MAX (font_size * 0.25, 2.0);
  double bar = length * CLAMP (share, 0.0, 1.0);

  if (share > 0 && share < 1 && length > 2 * least)
    bar = CLAMP (bar, least, length - least);
  return bar;
}

/* A track is an outline, not a tint: 100 % drawn in a colour of 3:1 or
 * more, and an empty row plainly empty rather than a full grey bar. */
static void
draw_track (cairo_t            *cr,
            const CrChartStyle *style,
            double              font_size,
            const CrChartRect  *rect)
{
  double line = MIN (track_line (font_size), MIN (rect->width, rect->height) / 2);

  if (rect->width <= 0 || rect->height <= 0)
    return;
  set_color (cr, &style->muted);
  cairo_set_line_width (cr, line);
  cairo_rectangle (cr, rect->x + line / 2, rect->y + line / 2, rect->width - line, rect->height - line);
  cairo_stroke (cr);
}

static void
paint_background (cairo_t            *cr,
                  const CrChartStyle *style,
                  double              width,
                  double              height)
{
  if (style->background.alpha <= 0)
    return;
  fill_rect (cr, &style->background, &(CrChartRect) { 0, 0, width, height });
}

void
cr_chart_draw_hidden (cairo_t            *cr,
                      const CrChartStyle *style,
                      double              width,
                      double              height)
{
  double size = font_size_of (style) * 1.2;
  CrChartRect rect = { 0, 0, width, MAX (height, size * 2) };

  g_return_if_fail (cr != NULL);
  g_return_if_fail (style != NULL);

  cairo_save (cr);
  paint_background (cr, style, width, height);
  draw_text (cr, style, &style->foreground, _("Votes are hidden until revealed"),
             size, TRUE, &rect, 2, PANGO_ALIGN_CENTER);
  cairo_restore (cr);
}

static void
draw_message (cairo_t            *cr,
              const CrChartStyle *style,
              const char         *message,
              double              width,
              double              height)
{
  CrChartRect rect = { 0, 0, width, MAX (height, font_size_of (style) * 2) };

  paint_background (cr, style, width, height);
  draw_text (cr, style, &style->foreground, message, font_size_of (style), FALSE,
             &rect, 3, PANGO_ALIGN_CENTER);
}

/* ---- Bars ------------------------------------------------------------------ */

static gboolean
is_counted (const CrTally *tally)
{
  return tally->question->method == CR_METHOD_SINGLE ||
         tally->question->method == CR_METHOD_DOTS;
}

static double text_width (PangoContext       *context,
                          const CrChartStyle *style,
                          const char         *text,
                          double              size,
                          gboolean            bold);
static guint lines_needed (PangoContext       *context,
                           const CrChartStyle *style,
                           const char         *text,
                           double              size,
                           gboolean            bold,
                           double              width);

/* An option's name over its row goes on to a second line before it is cut
 * short ("…"), so names that differ at their end ("… north", "… south")
 * are told apart: the height of its row's label, one line @line high or
 * two. */
#define NAME_LINES 2

static double
name_height (PangoContext       *context,
             const CrChartStyle *style,
             const char         *name,
             double              line,
             double              width)
{
  double fs = font_size_of (style);

  return line + (MIN (lines_needed (context, style, name, fs, FALSE, width), NAME_LINES) - 1) * fs * 1.3;
}

/* "12 of 21 dots · 57 %" */
static char *
bar_value_text (const CrTally *tally,
                guint          option)
{
  g_autofree char *count = format_count (tally, tally->options[option].count);
  g_autofree char *share = format_percent (tally->options[option].share);

  /* Translators: a bar's number, e.g. "3 votes · 43 %" */
  return g_strdup_printf (_("%s · %s"), count, share);
}

CrChartBarsLayout *
cr_chart_layout_bars (const CrTally      *tally,
                      const CrChartStyle *style,
                      double              width,
                      double              height)
{
  CrChartBarsLayout *layout;
  double fs, label_h, bar_h, gap, value_w, track_w, y = 0;
  PangoContext *context;

  g_return_val_if_fail (tally != NULL, NULL);
  g_return_val_if_fail (style != NULL, NULL);

  if (!tally->revealed || !is_counted (tally))
    return NULL;

  fs = font_size_of (style);
  label_h = fs * (style->dense ? 1.3 : 1.4);
  bar_h = fs * (style->dense ? 1.2 : 1.5);
  gap = fs * (style->dense ? 0.5 : 0.9);
  /* "12 of 21 dots · 57 %": a figure is never cut short, in any
   * language ("12 gommettes sur 21 · 57 %" once read "… · 5…"): where the
   * widest is wider than this, it has its width and the track gives way,
   * down to a quarter of the chart. */
  value_w = MIN (width * 0.4, fs * 12.0);
  context = pango_font_map_create_context (pango_cairo_font_map_get_default ());
  pango_context_set_round_glyph_positions (context, FALSE);
  for (guint i = 0; i < tally->n_options; i++)
    {
      g_autofree char *value = bar_value_text (tally, i);

      value_w = MAX (value_w, MIN (ceil (text_width (context, style, value, fs, TRUE)) + 1,
                                   width * 0.75 - fs * 0.6));
    }
  track_w = MAX (width - value_w - fs * 0.6, 0);

  layout = g_new0 (CrChartBarsLayout, 1);
  layout->width = width;
  layout->font_size = fs;
  layout->n_bars = tally->n_options;
  layout->bars = g_new0 (CrChartBar, layout->n_bars);

  for (guint i = 0; i < tally->n_options; i++)
    {
      const CrOptionTally *ot = &tally->options[i];
      CrChartBar *bar = &layout->bars[i];

      bar->option = ot->option;
      bar->count = ot->count;
      bar->share = ot->share;
      bar->label = (CrChartRect) { 0, y, width, name_height (context, style, ot->option->title, label_h, width) };
      y += bar->label.height + fs * (style->dense ? 0.1 : 0.2);
      bar->track = (CrChartRect) { 0, y, track_w, bar_h };
      /* Against 100 %: the whole track is every vote (or dot), so a bar
       * is never longer than its share, whatever the others get. */
      bar->bar = (CrChartRect) { 0, y, share_length (track_w, ot->share, fs), bar_h };
      bar->value = (CrChartRect) { track_w + fs * 0.6, y, value_w, bar_h };
      y += bar_h + gap;
    }
  /* No g_autoptr for PangoContext in Pango 1.50. */
  g_object_unref (context);

  layout->height = MAX (y - gap, 0);
  if (height > layout->height)
    layout->height = height;
  return layout;
}

void
cr_chart_bars_layout_free (CrChartBarsLayout *layout)
{
  if (layout == NULL)
    return;
  g_free (layout->bars);
  g_free (layout);
}

static void
draw_bars (cairo_t                 *cr,
           const CrTally           *tally,
           const CrChartStyle      *style,
           const CrChartBarsLayout *layout)
{
  for (guint i = 0; i < layout->n_bars; i++)
    {
      const CrChartBar *bar = &layout->bars[i];
      g_autofree char *value = bar_value_text (tally, i);

      draw_text (cr, style, &style->foreground, bar->option->title, layout->font_size, FALSE,
                 &bar->label, NAME_LINES, PANGO_ALIGN_LEFT);
      draw_track (cr, style, layout->font_size, &bar->track);
      fill_rect (cr, &style->accent, &bar->bar);
      draw_text (cr, style, &style->foreground, value, layout->font_size, TRUE,
                 &bar->value, 1, PANGO_ALIGN_LEFT);
    }
}

/* ---- Score grid ------------------------------------------------------------ */

static guint
n_criteria_of (const CrQuestion *question)
{
  return question->criteria != NULL ? question->criteria->len : 0;
}

static double
scale_position (double value,
                double min,
                double max,
                double x0,
                double x1)
{
  double t;

  if (max <= min)
    return x0;
  t = CLAMP ((value - min) / (max - min), 0.0, 1.0);
  return x0 + t * (x1 - x0);
}

/* A score grid's column header: a criterion, "Overall" after them, or
 * "Score" for a question scored without criteria. */
static const char *
score_column_label (const CrQuestion *q,
                    guint             column)
{
  guint n_criteria = n_criteria_of (q);

  if (n_criteria == 0)
    return _("Score");
  if (column == n_criteria)
    return _("Overall");
  return ((const CrCriterion *) g_ptr_array_index (q->criteria, column))->label;
}

/* The column headers' texts: the criteria (then "Overall"), or with
 * @numbered each criterion's number, "1" to "7", given whole in the
 * grid's numbered key. */
static char **
column_texts_new (const CrQuestion *q,
                  gboolean          numbered)
{
  guint n_criteria = n_criteria_of (q);
  guint n_columns = n_criteria > 0 ? n_criteria + 1 : 1;
  char **texts = g_new0 (char *, n_columns + 1);

  for (guint c = 0; c < n_columns; c++)
    texts[c] = numbered && c < n_criteria ? g_strdup_printf ("%u", c + 1) : g_strdup (score_column_label (q, c));
  return texts;
}

/* The lines @text takes at @size in @width, laid out as text_layout ()
 * does, measured in @context: the layout is computed before any surface. */
static guint
lines_needed (PangoContext       *context,
              const CrChartStyle *style,
              const char         *text,
              double              size,
              gboolean            bold,
              double              width)
{
  g_autoptr(PangoLayout) layout = NULL;
  PangoFontDescription *font;

  if (width <= 0 || text == NULL)
    return 1;
  layout = pango_layout_new (context);
  font = chart_font (style, size, bold);
  pango_layout_set_font_description (layout, font);
  pango_font_description_free (font);
  pango_layout_set_text (layout, text, -1);
  pango_layout_set_width (layout, (int) (width * PANGO_SCALE));
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
  return (guint) pango_layout_get_line_count (layout);
}

/* The width of @text on one line at @size. */
static double
text_width (PangoContext       *context,
            const CrChartStyle *style,
            const char         *text,
            double              size,
            gboolean            bold)
{
  g_autoptr(PangoLayout) layout = pango_layout_new (context);
  PangoFontDescription *font = chart_font (style, size, bold);
  PangoRectangle logical;

  pango_layout_set_font_description (layout, font);
  pango_font_description_free (font);
  pango_layout_set_text (layout, text != NULL ? text : "", -1);
  pango_layout_get_extents (layout, NULL, &logical);
  return (double) logical.width / PANGO_SCALE;
}

/* The width of the widest word of @text at @size: a column narrower than
 * that would have to break a word. */
static double
widest_word (PangoContext       *context,
             const CrChartStyle *style,
             const char         *text,
             double              size,
             gboolean            bold)
{
  g_auto(GStrv) words = g_strsplit (text != NULL ? text : "", " ", -1);
  double widest = 0;

  for (guint i = 0; words[i] != NULL; i++)
    widest = MAX (widest, text_width (context, style, words[i], size, bold));
  return widest;
}

/* The narrowest width, from @from, at which @label's column header takes
 * at most @max_lines lines. */
static double
width_for_lines (PangoContext       *context,
                 const CrChartStyle *style,
                 const char         *label,
                 double              size,
                 double              from,
                 guint               max_lines)
{
  double lo = from, hi = MAX (text_width (context, style, label, size, TRUE) + 1, from);

  if (lines_needed (context, style, label, size, TRUE, lo) <= max_lines)
    return lo;
  /* A pixel's precision is enough: the column gets the rest anyway. */
  while (hi - lo > 1)
    {
      double mid = (lo + hi) / 2;

      if (lines_needed (context, style, label, size, TRUE, mid) <= max_lines)
        hi = mid;
      else
        lo = mid;
    }
  return hi;
}

/* A column header's text, the same when measured and when drawn: bold at
 * the body's size, centred, broken between words, and a word wider than
 * its column inside the word, at a hyphen; never set smaller, as the room
 * reads it from as far as the rest. With @max_lines > 0, at most that
 * many lines, the last ending in "…". */
static void
set_up_column_header (PangoLayout        *text,
                      const CrChartStyle *style,
                      const char         *label,
                      double              size,
                      double              width,
                      int                 max_lines)
{
  PangoFontDescription *font = chart_font (style, size, TRUE);
  g_auto(GStrv) words = g_strsplit (label != NULL ? label : "", " ", -1);
  g_autoptr(GString) breakable = g_string_new (NULL);

  /* Only a word wider than the column may break inside, anywhere, with a
   * hyphen: soft hyphens between its letters. (Pango's own fallback to
   * letters, PANGO_WRAP_WORD_CHAR, also breaks words that would fit on
   * a line of their own: "Umsetzun-g".) */
  for (guint i = 0; words[i] != NULL; i++)
    {
      if (i > 0)
        g_string_append_c (breakable, ' ');
      if (text_width (pango_layout_get_context (text), style, words[i], size, TRUE) <= width)
        {
          g_string_append (breakable, words[i]);
          continue;
        }
      for (const char *p = words[i]; *p != '\0'; p = g_utf8_next_char (p))
        {
          if (p != words[i] && !g_unichar_ismark (g_utf8_get_char (p)))
            g_string_append_unichar (breakable, 0x00AD);
          g_string_append_unichar (breakable, g_utf8_get_char (p));
        }
    }
  pango_layout_set_font_description (text, font);
  pango_font_description_free (font);
  pango_layout_set_text (text, breakable->str, -1);
  pango_layout_set_width (text, MAX ((int) (width * PANGO_SCALE), 1));
  pango_layout_set_wrap (text, PANGO_WRAP_WORD);
  pango_layout_set_alignment (text, PANGO_ALIGN_CENTER);
  if (max_lines > 0)
    {
      pango_layout_set_ellipsize (text, PANGO_ELLIPSIZE_END);
      pango_layout_set_height (text, -max_lines);
    }
}

/* The key: "1 ├─●─┤ 5", "● average", "▬ spread", the sample scale as
 * long as a cell's, so the room reads every cell by it. On three lines in
 * the corner above the options' names where it fits there (it takes no
 * height then), else on one line from the top, above the column headers:
 * part of the grid's header, so it is on the screen with the first rows
 * and repeated over rows continued on another. Returns the height of that
 * line, or 0 in the corner. */
static double
layout_score_key (CrChartScoresLayout *layout,
                  PangoContext        *context,
                  const CrChartStyle  *style,
                  const CrQuestion    *q,
                  double               width,
                  double               column_w,
                  double               header_w,
                  double               header_h)
{
  double fs = layout->font_size;
  double line = fs * 1.3;
  double r = layout->dot_radius;
  double scale_w = MAX (column_w * 0.72, fs * 3.0);
  g_autofree char *min = g_strdup_printf ("%d", q->scale_min);
  g_autofree char *max = g_strdup_printf ("%d", q->scale_max);
  double min_w = text_width (context, style, min, fs, TRUE) + 1;
  double max_w = text_width (context, style, max, fs, TRUE) + 1;
  /* Translators: the score grid's key: the dot is the average score */
  double mean_w = text_width (context, style, _("average"), fs, FALSE) + 1;
  /* Translators: the score grid's key: the band is the spread of opinion */
  double spread_w = text_width (context, style, _("spread"), fs, FALSE) + 1;
  double band_w = fs * 1.4;
  double scale_line = min_w + fs * 0.3 + scale_w + fs * 0.3 + max_w;
  double mean_line = r * 2 + fs * 0.3 + mean_w;
  double spread_line = band_w + fs * 0.3 + spread_w;
  gboolean corner = header_w - fs * 0.5 >= MAX (scale_line, MAX (mean_line, spread_line)) && header_h >= 3 * line;
  double x = 0, y = corner ? (header_h - 3 * line) / 2 : 0;
  double h = line;

  layout->key = corner ? (CrChartRect) { 0, y, header_w - fs * 0.5, 3 * line } : (CrChartRect) { 0, 0, width, h };
  layout->key_y = y + h / 2;
  layout->key_scale_min = (CrChartRect) { x, y, min_w, h };
  x += min_w + fs * 0.3;
  layout->key_scale_x0 = x;
  layout->key_scale_x1 = x + scale_w;
  /* A spread of one point around the middle, as the cells draw it. */
  layout->key_mean_x = x + scale_w / 2;
  layout->key_band_x0 = x + scale_w * 0.25;
  layout->key_band_x1 = x + scale_w * 0.75;
  x += scale_w + fs * 0.3;
  layout->key_scale_max = (CrChartRect) { x, y, max_w, h };
  if (corner)
    x = 0, y += line;
  else
    x += max_w + fs * 1.2;
  /* The dot, then its word; the band, then its word. */
  x += r * 2 + fs * 0.3;
  layout->key_mean = (CrChartRect) { x, y, MIN (mean_w, MAX (width - x, 0)), h };
  if (corner)
    x = 0, y += line;
  else
    x += mean_w + fs * 1.0;
  x += band_w + fs * 0.3;
  layout->key_spread = (CrChartRect) { x, y, MIN (spread_w, MAX (width - x, 0)), h };
  return corner ? 0 : h;
}

/* Moves the key of the marks by (@dx, @dy). */
static void
shift_score_key (CrChartScoresLayout *layout,
                 double               dx,
                 double               dy)
{
  CrChartRect *rects[] = { &layout->key, &layout->key_scale_min, &layout->key_scale_max,
                           &layout->key_mean, &layout->key_spread };

  for (guint i = 0; i < G_N_ELEMENTS (rects); i++)
    {
      rects[i]->x += dx;
      rects[i]->y += dy;
    }
  layout->key_scale_x0 += dx;
  layout->key_scale_x1 += dx;
  layout->key_mean_x += dx;
  layout->key_band_x0 += dx;
  layout->key_band_x1 += dx;
  layout->key_y += dy;
}

CrChartScoresLayout *
cr_chart_layout_scores (const CrTally      *tally,
                        const CrChartStyle *style,
                        double              width,
                        double              height)
{
  CrChartScoresLayout *layout;
  const CrQuestion *q;
  guint n_criteria;
  double fs, header_w, column_w, header_h, row_h, key_h, name_h = 0, entries_w = 0, entries_h = 0;
  gboolean key_beside = FALSE;
  g_autofree double *needs = NULL;
  g_autofree double *column_ws = NULL; /* each column's width; column_w: the narrowest */
  PangoContext *context;

  g_return_val_if_fail (tally != NULL, NULL);
  g_return_val_if_fail (style != NULL, NULL);

  if (!tally->revealed || tally->question->method != CR_METHOD_SCORE)
    return NULL;

  q = tally->question;
  n_criteria = n_criteria_of (q);
  fs = font_size_of (style);

  layout = g_new0 (CrChartScoresLayout, 1);
  layout->width = width;
  layout->font_size = fs;
  layout->n_rows = tally->n_options;
  layout->n_columns = n_criteria > 0 ? n_criteria + 1 : 1;

  context = pango_font_map_create_context (pango_cairo_font_map_get_default ());
  pango_context_set_round_glyph_positions (context, FALSE);
  /* First with the criteria as the headers; where any of them would be
   * cut, again with their numbers (see below). */
  for (;;)
    {
      guint n_too_long = 0;

      g_strfreev (layout->column_texts);
      layout->column_texts = column_texts_new (q, layout->numbered);
      /* The column headers are at the body's size, never smaller (the room
       * reads them from as far as the rest), broken between words: the
       * options' names give up width where the widest words of the criteria
       * would not fit their columns, and where even six letters' width is
       * too much, each name goes on a line of its own above its row. */
      header_w = MIN (width * 0.28, fs * 14.0);
      /* Numbered columns need little width: the options' names take what
       * they need to be whole on their two lines, up to 40 % of the grid. */
      if (layout->numbered)
        for (guint r = 0; r < tally->n_options; r++)
          {
            const char *title = tally->options[r].option->title;
            double most = MIN (width * 0.4, fs * 14.0);

            while (header_w < most &&
                   lines_needed (context, style, title, fs, FALSE, header_w - fs * 0.5) > 2)
              header_w = MIN (header_w + fs * 0.5, most);
          }
      name_h = 0;
      g_free (needs);
      needs = g_new0 (double, layout->n_columns);
      {
        double room = width;

        for (guint c = 0; c < layout->n_columns; c++)
          {
            needs[c] = widest_word (context, style, layout->column_texts[c], fs, TRUE) + fs * 0.4 + 1;
            room -= needs[c];
          }
        if (room < MIN (header_w, fs * 6.0))
          {
            header_w = 0;
            name_h = fs * 1.3;
          }
        else
          header_w = MIN (header_w, room);
      }
      /* A column is as wide as its header needs to show whole in
       * CR_CHART_HEADER_MAX_LINES lines where the grid has room for it, else
       * as its widest word ("Mitarbeitende" wider than "Gesamt"),
       * the rest shared out to make them as even as they can be; where it has
       * not room even for that, the columns are even and a word too wide
       * breaks inside, at a hyphen. Every cell's scale has the narrowest
       * column's length, so a dot at the same place means the same score in
       * every column. */
      g_free (column_ws);
      column_ws = g_new0 (double, layout->n_columns);
      {
        double avail = MAX (width - header_w, 0), total = 0, level = avail / layout->n_columns;
        g_autofree double *whole = g_new0 (double, layout->n_columns);

        for (guint c = 0; c < layout->n_columns; c++)
          {
            whole[c] = MAX (needs[c], width_for_lines (context, style, layout->column_texts[c], fs,
                                                       needs[c] - fs * 0.4 - 1, CR_CHART_HEADER_MAX_LINES)
                                      + fs * 0.4 + 1);
            total += needs[c];
          }
        /* Where not every header can be whole, as many as can, those that
         * need the least more first: each one cut sends the room below. */
        for (;;)
          {
            guint least = layout->n_columns;

            for (guint c = 0; c < layout->n_columns; c++)
              if (whole[c] > needs[c] && (least == layout->n_columns || whole[c] - needs[c] < whole[least] - needs[least]))
                least = c;
            if (least == layout->n_columns || total + whole[least] - needs[least] > avail)
              break;
            total += whole[least] - needs[least];
            needs[least] = whole[least];
          }
        /* What is left goes to the headers still cut, so they show more
         * before their "…"; with none cut, to evening out the columns. */
        {
          guint n_cut = 0;

          for (guint c = 0; c < layout->n_columns; c++)
            n_cut += whole[c] > needs[c];
          if (n_cut > 0 && total <= avail)
            for (guint c = 0; c < layout->n_columns; c++)
              if (whole[c] > needs[c])
                needs[c] += (avail - total) / n_cut;
          if (n_cut > 0)
            level = 0;
        }
        if (total <= avail && level > 0)
          for (guint pass = 0; pass < layout->n_columns; pass++)
            {
              double fixed = 0;
              guint n_free = 0;

              for (guint c = 0; c < layout->n_columns; c++)
                if (needs[c] > level)
                  fixed += needs[c];
                else
                  n_free++;
              if (n_free == 0)
                break;
              level = (avail - fixed) / n_free;
            }
        column_w = G_MAXDOUBLE;
        for (guint c = 0; c < layout->n_columns; c++)
          {
            column_ws[c] = total <= avail ? MAX (needs[c], level) : avail / layout->n_columns;
            column_w = MIN (column_w, column_ws[c]);
          }
      }
      /* Criteria have long names: the header row has as many lines as the
       * longest needs (three at least, so the grids of one report line up),
       * but no more than CR_CHART_HEADER_MAX_LINES.
       *
       * Why headers over their own columns where they fit: in a room each
       * column is read by the words above it, at a glance from the back,
       * and rotated or smaller headers cannot be read on a projector. But
       * where even one would be cut (seven long criteria on the room's
       * 1280x720 leave each column six letters a line), a header ending in
       * "…" with its end beneath the last row sent the room hunting by
       * the words it could see. Then every criterion's header is its
       * number, and a numbered key above the grid gives each criterion
       * whole, at the body's size, on as many lines as it needs: one look
       * at the key, then the columns by their numbers, on every screen the
       * grid is continued on (the key is part of its header). */
      layout->header_lines = layout->numbered ? 1 : 3;
      for (guint c = 0; c < layout->n_columns; c++)
        {
          g_autoptr(PangoLayout) text = pango_layout_new (context);
          guint lines;

          set_up_column_header (text, style, layout->column_texts[c], fs, column_ws[c] - fs * 0.4, 0);
          lines = (guint) pango_layout_get_line_count (text);
          if (lines > CR_CHART_HEADER_MAX_LINES)
            n_too_long++;
          layout->header_lines = MAX (layout->header_lines, MIN (lines, CR_CHART_HEADER_MAX_LINES));
        }

      if (n_too_long == 0 || layout->numbered)
        break;
      layout->numbered = TRUE;
    }
  header_h = fs * 1.3 * layout->header_lines + fs * 0.5;
  /* Dense: the mean's line and the scale under it, with less air. */
  row_h = fs * (style->dense ? 2.4 : 3.4) + name_h;
  /* The dot is smaller than the band is long for any spread of half a
   * point or more on a five-point scale, so the spread shows beside it. */
  layout->dot_radius = fs * 0.3;
  /* Numbered: the criteria each on one line where the grid is wide enough,
   * and the key of the marks on three lines beside them where it fits
   * there, which keeps the header short enough to share a room's screen
   * with a row. */
  if (layout->numbered)
    {
      g_autofree char *widest = g_strdup_printf ("%u", n_criteria);
      double longest = 0, right;

      layout->note_indent = text_width (context, style, widest, fs, TRUE) + fs * 0.5;
      for (guint c = 0; c < n_criteria; c++)
        longest = MAX (longest, text_width (context, style, score_column_label (q, c), fs, FALSE) + 1);
      entries_w = MIN (layout->note_indent + longest, width);
      for (guint c = 0; c < n_criteria; c++)
        entries_h += fs * 1.3 * lines_needed (context, style, score_column_label (q, c), fs, FALSE,
                                              entries_w - layout->note_indent);
      right = width - entries_w - fs;
      key_beside = right > 0 &&
                   layout_score_key (layout, context, style, q, right, column_w, right, entries_h) == 0;
      if (key_beside)
        shift_score_key (layout, width - right, fs * 0.2);
    }
  key_h = key_beside ? 0 : layout_score_key (layout, context, style, q, width, column_w, header_w, header_h);

  layout->row_headers = g_new0 (CrChartRect, layout->n_rows);
  layout->column_headers = g_new0 (CrChartRect, layout->n_columns);
  layout->column_header_ink = g_new0 (CrChartRect, layout->n_columns);
  layout->cells = g_new0 (CrChartScoreCell, layout->n_rows * layout->n_columns);

  /* Out of the corner, the key's line goes above the column headers, and
   * everything else below it. The header's lines are set closer then
   * (1.2 em, still more than a line of the font, and less space under
   * them), so that with the key the header and the first row still follow
   * the question's heading on a room's screen. */
  if (key_h > 0)
    header_h = fs * 1.2 * layout->header_lines + fs * 0.3 + key_h;
  /* The numbered key under the key's line: each criterion whole, its
   * number in the margin, in two columns where the grid is wide enough
   * for them to keep a long criterion to two lines, filled down the first
   * then the second, in the order of the grid's columns. */
  if (layout->numbered)
    {
      guint n_key_columns = !key_beside && width >= fs * 36.0 ? 2 : 1;
      guint per_column = (n_criteria + n_key_columns - 1) / n_key_columns;
      double gap = fs * 1.0;
      double key_w = key_beside ? entries_w : (width - gap * (n_key_columns - 1)) / n_key_columns;
      double top = key_h + fs * 0.2, bottom = top, y = top;

      layout->n_notes = n_criteria;
      layout->note_columns = g_new0 (guint, n_criteria);
      layout->notes = g_new0 (CrChartRect, n_criteria);
      for (guint c = 0; c < n_criteria; c++)
        {
          guint k = c / per_column;
          double h = fs * 1.3 * lines_needed (context, style, score_column_label (q, c), fs, FALSE,
                                              key_w - layout->note_indent);

          if (c % per_column == 0)
            y = top;
          layout->note_columns[c] = c;
          layout->notes[c] = (CrChartRect) { k * (key_w + gap), y, key_w, h };
          y += h;
          bottom = MAX (bottom, y);
        }
      bottom += fs * 0.3;
      header_h += bottom - key_h;
      key_h = bottom;
    }
  else
    layout->notes = g_new0 (CrChartRect, 1);
  for (guint c = 0; c < layout->n_columns; c++)
    {
      g_autoptr(PangoLayout) text = pango_layout_new (context);
      CrChartRect *rect = &layout->column_headers[c];
      PangoRectangle ink, logical;

      *rect = (CrChartRect) { c > 0 ? rect[-1].x + rect[-1].width : header_w, key_h, column_ws[c], header_h - key_h };
      set_up_column_header (text, style, layout->column_texts[c], fs, column_ws[c] - fs * 0.4,
                            (int) layout->header_lines);
      pango_layout_get_extents (text, &ink, &logical);
      layout->column_header_ink[c] = (CrChartRect) {
        rect->x + fs * 0.2 + (double) ink.x / PANGO_SCALE,
        rect->y + (rect->height - (double) logical.height / PANGO_SCALE) / 2.0 + (double) ink.y / PANGO_SCALE,
        (double) ink.width / PANGO_SCALE, (double) ink.height / PANGO_SCALE,
      };
    }

  for (guint r = 0; r < layout->n_rows; r++)
    {
      const CrOptionTally *ot = &tally->options[r];
      double y = header_h + r * row_h;

      layout->row_headers[r] = name_h > 0 ? (CrChartRect) { 0, y, width, name_h }
                                          : (CrChartRect) { 0, y, header_w, row_h };

      for (guint c = 0; c < layout->n_columns; c++)
        {
          CrChartScoreCell *cell = &layout->cells[r * layout->n_columns + c];
          gboolean overall = n_criteria > 0 && c == n_criteria;
          double spread;

          cell->option = ot->option;
          cell->criterion = c;
          if (overall)
            {
              cell->mean = ot->overall;
              cell->spread = ot->overall_spread;
              cell->n = 0;
              for (guint k = 0; k < ot->n_criteria; k++)
                cell->n = MAX (cell->n, ot->criteria[k].n);
            }
          else if (c < ot->n_criteria)
            {
              cell->mean = ot->criteria[c].mean;
              cell->spread = ot->criteria[c].spread;
              cell->n = ot->criteria[c].n;
            }
          else
            {
              cell->mean = NAN;
              cell->spread = NAN;
            }

          cell->cell = (CrChartRect) { layout->column_headers[c].x, y + name_h, column_ws[c], row_h - name_h };
          cell->scale_x0 = cell->cell.x + (column_ws[c] - column_w * 0.72) / 2;
          cell->scale_x1 = cell->scale_x0 + column_w * 0.72;
          cell->scale_y = cell->cell.y + cell->cell.height * (style->dense ? 0.78 : 0.74);
          if (is_unknown (cell->mean))
            {
              cell->mean_x = NAN;
              cell->spread_x0 = cell->spread_x1 = NAN;
              cell->band_x0 = cell->band_x1 = NAN;
              continue;
            }
          spread = is_unknown (cell->spread) ? 0 : cell->spread;
          cell->mean_x = scale_position (cell->mean, q->scale_min, q->scale_max,
                                         cell->scale_x0, cell->scale_x1);
          cell->spread_x0 = scale_position (cell->mean - spread, q->scale_min, q->scale_max,
                                            cell->scale_x0, cell->scale_x1);
          cell->spread_x1 = scale_position (cell->mean + spread, q->scale_min, q->scale_max,
                                            cell->scale_x0, cell->scale_x1);
          cell->band_x0 = cell->spread_x0;
          cell->band_x1 = cell->spread_x1;
          if (spread > 0)
            {
              /* A whisker at least a visible margin beyond the dot. */
              double reach = layout->dot_radius + MAX (fs * 0.25, 3.0);

              cell->band_x0 = MIN (cell->band_x0, MAX (cell->mean_x - reach, cell->scale_x0));
              cell->band_x1 = MAX (cell->band_x1, MIN (cell->mean_x + reach, cell->scale_x1));
            }
        }
    }

  layout->height = header_h + layout->n_rows * row_h;
  /* No g_autoptr for PangoContext in Pango 1.50. */
  g_object_unref (context);
  if (height > layout->height)
    layout->height = height;
  return layout;
}

void
cr_chart_scores_layout_free (CrChartScoresLayout *layout)
{
  if (layout == NULL)
    return;
  g_free (layout->row_headers);
  g_free (layout->column_headers);
  g_free (layout->column_header_ink);
  g_free (layout->cells);
  g_free (layout->note_columns);
  g_free (layout->notes);
  g_strfreev (layout->column_texts);
  g_free (layout);
}

/* A cell's scale, its ends marked. */
static void
draw_score_scale (cairo_t            *cr,
                  const CrChartStyle *style,
                  double              fs,
                  double              x0,
                  double              x1,
                  double              y)
{
  double tick = fs * 0.35;

  set_color (cr, &style->muted);
  cairo_set_line_width (cr, MAX (fs * 0.12, 0.75));
  cairo_move_to (cr, x0, y);
  cairo_line_to (cr, x1, y);
  cairo_move_to (cr, x0, y - tick);
  cairo_line_to (cr, x0, y + tick);
  cairo_move_to (cr, x1, y - tick);
  cairo_line_to (cr, x1, y + tick);
  cairo_stroke (cr);
}

/* The spread of opinion as a thick band, the mean as a dot on it. */
static void
draw_score_marks (cairo_t            *cr,
                  const CrChartStyle *style,
                  double              fs,
                  double              radius,
                  double              y,
                  double              mean_x,
                  double              band_x0,
                  double              band_x1)
{
  set_color (cr, &style->accent);
  if (band_x1 > band_x0)
    {
      cairo_set_line_width (cr, MAX (fs * 0.3, 1.5));
      cairo_move_to (cr, band_x0, y);
      cairo_line_to (cr, band_x1, y);
      cairo_stroke (cr);
    }
  if (!is_unknown (mean_x))
    {
      cairo_new_sub_path (cr);
      cairo_arc (cr, mean_x, y, radius, 0, 2 * G_PI);
      cairo_fill (cr);
    }
}

static void
draw_score_key (cairo_t                   *cr,
                const CrTally             *tally,
                const CrChartStyle        *style,
                const CrChartScoresLayout *layout)
{
  double fs = layout->font_size;
  double y = layout->key_y;
  double x;
  g_autofree char *min = g_strdup_printf ("%d", tally->question->scale_min);
  g_autofree char *max = g_strdup_printf ("%d", tally->question->scale_max);

  draw_text (cr, style, &style->foreground, min, fs, TRUE, &layout->key_scale_min, 1, PANGO_ALIGN_RIGHT);
  draw_score_scale (cr, style, fs, layout->key_scale_x0, layout->key_scale_x1, y);
  draw_score_marks (cr, style, fs, layout->dot_radius, y, layout->key_mean_x,
                    layout->key_band_x0, layout->key_band_x1);
  draw_text (cr, style, &style->foreground, max, fs, TRUE, &layout->key_scale_max, 1, PANGO_ALIGN_LEFT);

  if (layout->key_mean.width > 0)
    {
      x = layout->key_mean.x - fs * 0.3 - layout->dot_radius;
      y = layout->key_mean.y + layout->key_mean.height / 2;
      draw_score_marks (cr, style, fs, layout->dot_radius, y, x, 0, 0);
      draw_text (cr, style, &style->foreground, _("average"), fs, FALSE, &layout->key_mean, 1, PANGO_ALIGN_LEFT);
    }
  if (layout->key_spread.width > 0)
    {
      x = layout->key_spread.x - fs * 0.3;
      y = layout->key_spread.y + layout->key_spread.height / 2;
      draw_score_marks (cr, style, fs, layout->dot_radius, y, NAN, x - fs * 1.4, x);
      draw_text (cr, style, &style->foreground, _("spread"), fs, FALSE, &layout->key_spread, 1, PANGO_ALIGN_LEFT);
    }
}

static void
draw_scores (cairo_t                   *cr,
             const CrTally             *tally,
             const CrChartStyle        *style,
             const CrChartScoresLayout *layout)
{
  const CrQuestion *q = tally->question;
  guint n_criteria = n_criteria_of (q);
  double fs = layout->font_size;

  draw_score_key (cr, tally, style, layout);
  for (guint c = 0; c < layout->n_columns; c++)
    {
      const char *label;
      CrChartRect rect = layout->column_headers[c];

      label = layout->column_texts[c];
      rect.x += fs * 0.2;
      rect.width -= fs * 0.4;
      /* As the layout measured it, on the lines it counted. */
      {
        g_autoptr(PangoLayout) text = pango_cairo_create_layout (cr);
        PangoRectangle logical;

        pango_context_set_round_glyph_positions (pango_layout_get_context (text), FALSE);
        pango_layout_context_changed (text);
        set_up_column_header (text, style, label, fs, rect.width, (int) layout->header_lines);
        pango_layout_get_extents (text, NULL, &logical);
        set_color (cr, &style->foreground);
        cairo_move_to (cr, rect.x, rect.y + (rect.height - (double) logical.height / PANGO_SCALE) / 2.0);
        pango_cairo_show_layout (cr, text);
      }
    }

  /* The numbered key: each number in bold in the margin, as over its
   * column, and the criterion whole beside it. */
  for (guint i = 0; i < layout->n_notes; i++)
    {
      const CrChartRect *note = &layout->notes[i];
      guint c = layout->note_columns[i];
      guint lines = (guint) lround (note->height / (fs * 1.3));
      CrChartRect number = { note->x, note->y, layout->note_indent, fs * 1.3 };
      CrChartRect label = { note->x + layout->note_indent, note->y,
                            MAX (note->width - layout->note_indent, 0), note->height };

      draw_text (cr, style, &style->foreground, layout->column_texts[c], fs, TRUE, &number, 1, PANGO_ALIGN_LEFT);
      draw_text (cr, style, &style->foreground, score_column_label (q, c), fs, FALSE, &label,
                 (int) MAX (lines, 1), PANGO_ALIGN_LEFT);
    }

  for (guint r = 0; r < layout->n_rows; r++)
    {
      CrChartRect header = layout->row_headers[r];

      /* A rule between options keeps the rows apart from a distance. */
      set_color (cr, &style->muted);
      cairo_set_line_width (cr, MAX (fs * 0.08, 0.5));
      cairo_move_to (cr, 0, header.y);
      cairo_line_to (cr, layout->width, header.y);
      cairo_stroke (cr);

      header.width -= fs * 0.5;
      /* A name on its own line above its row has the row's width. */
      draw_text (cr, style, &style->foreground, layout->cells[r * layout->n_columns].option->title,
                 fs, FALSE, &header, header.height < fs * 2 ? 1 : 2, PANGO_ALIGN_LEFT);

      for (guint c = 0; c < layout->n_columns; c++)
        {
          const CrChartScoreCell *cell = &layout->cells[r * layout->n_columns + c];
          gboolean overall = n_criteria > 0 && c == n_criteria;
          g_autofree char *mean = format_mean (cell->mean);
          CrChartRect text = { cell->cell.x, cell->cell.y + cell->cell.height * (style->dense ? 0.05 : 0.08),
                               cell->cell.width, cell->cell.height * (style->dense ? 0.55 : 0.5) };

          draw_text (cr, style, &style->foreground, mean, fs * (overall ? 1.15 : 1.05), overall,
                     &text, 1, PANGO_ALIGN_CENTER);
          draw_score_scale (cr, style, fs, cell->scale_x0, cell->scale_x1, cell->scale_y);

          if (is_unknown (cell->mean_x))
            continue;

          draw_score_marks (cr, style, fs, layout->dot_radius, cell->scale_y,
                            cell->mean_x, cell->band_x0, cell->band_x1);
        }
    }
}

/* ---- Tallies: bars or grid ---------------------------------------------------- */

static gboolean tally_is_empty (const CrTally *tally);

/* A round nobody voted in has no figures to draw: it is said once, on
 * one line, not as "0 of 0 votes · 0 %" beside every option (its shares
 * are not 0 % of anything) nor as a grid of "—". */
static char *
empty_round_text (const CrTally *tally)
{
  /* Translators: in place of a round's chart, when it was revealed with nobody voting, e.g. "No votes in round 2." */
  return g_strdup_printf (_("No votes in round %u."), tally->round_number);
}

double
cr_chart_tally_height (const CrTally      *tally,
                       const CrChartStyle *style,
                       double              width)
{
  g_return_val_if_fail (tally != NULL, 0);
  g_return_val_if_fail (style != NULL, 0);

  if (!tally->revealed)
    return font_size_of (style) * 3;
  if (tally_is_empty (tally))
    return font_size_of (style) * 2;

  if (is_counted (tally))
    {
      g_autoptr(CrChartBarsLayout) layout = cr_chart_layout_bars (tally, style, width, 0);

      return layout->height;
    }
  else
    {
      g_autoptr(CrChartScoresLayout) layout = cr_chart_layout_scores (tally, style, width, 0);

      return layout->height;
    }
}

gboolean
cr_chart_draw_tally (cairo_t            *cr,
                     const CrTally      *tally,
                     const CrChartStyle *style,
                     double              width,
                     double              height)
{
  g_return_val_if_fail (cr != NULL, FALSE);
  g_return_val_if_fail (tally != NULL, FALSE);
  g_return_val_if_fail (style != NULL, FALSE);

  if (!tally->revealed)
    {
      cr_chart_draw_hidden (cr, style, width, height);
      return FALSE;
    }

  if (tally_is_empty (tally))
    {
      g_autofree char *text = empty_round_text (tally);
      CrChartRect rect = { 0, 0, width, font_size_of (style) * 2 };

      cairo_save (cr);
      paint_background (cr, style, width, height);
      draw_text (cr, style, &style->foreground, text, font_size_of (style), FALSE, &rect, 2, PANGO_ALIGN_LEFT);
      cairo_restore (cr);
      return TRUE;
    }

  cairo_save (cr);
  paint_background (cr, style, width, height);
  if (is_counted (tally))
    {
      g_autoptr(CrChartBarsLayout) layout = cr_chart_layout_bars (tally, style, width, height);

      draw_bars (cr, tally, style, layout);
    }
  else
    {
      g_autoptr(CrChartScoresLayout) layout = cr_chart_layout_scores (tally, style, width, height);

      draw_scores (cr, tally, style, layout);
    }
  cairo_restore (cr);
  return TRUE;
}

/* ---- Gap ------------------------------------------------------------------- */

static void
gap_scale (const CrGap *gap,
           double      *min,
           double      *max)
{
  if (gap->scores && gap->current_question != NULL)
    {
      *min = gap->current_question->scale_min;
      *max = gap->current_question->scale_max;
    }
  else
    {
      *min = 0.0;
      *max = 1.0;
    }
}

static gboolean
gap_is_drawable (const CrGap *gap)
{
  return gap->current_question != NULL &&
         (gap->current_round > 0 || gap->target_round > 0);
}

/* What the chart's numbers are: shares of votes or of dots, or means. */
static char *
gap_subtitle (const CrGap *gap)
{
  if (gap->scores)
    /* Translators: the subtitle of the today-against-target chart of scores; %d and %d are the scale's ends */
    return g_strdup_printf (_("Average score of each option, from %d to %d"),
                            gap->current_question->scale_min, gap->current_question->scale_max);
  if (gap->current_question->method == CR_METHOD_DOTS)
    /* Translators: the subtitle of the today-against-target chart of dots */
    return g_strdup (_("Share of the room’s dots for each option"));
  /* Translators: the subtitle of the today-against-target chart of votes */
  return g_strdup (_("Share of the room’s votes for each option"));
}

CrChartGapLayout *
cr_chart_layout_gap (const CrGap        *gap,
                     const CrChartStyle *style,
                     double              width,
                     double              height)
{
  CrChartGapLayout *layout;
  double fs, label_h, axis_h, row_gap, value_w, axis_w, min, max, y;

  g_return_val_if_fail (gap != NULL, NULL);
  g_return_val_if_fail (style != NULL, NULL);

  if (!gap_is_drawable (gap))
    return NULL;

  fs = font_size_of (style);
  label_h = fs * (style->dense ? 1.3 : 1.4);
  axis_h = fs * (style->dense ? 1.5 : 1.8);
  row_gap = fs * (style->dense ? 0.4 : 0.8);
  /* "43 % → 60 % · +17 pts" */
  value_w = MIN (width * 0.42, fs * 13.0);
  axis_w = MAX (width - value_w - fs * 1.6, 0);
  gap_scale (gap, &min, &max);

  layout = g_new0 (CrChartGapLayout, 1);
  layout->width = width;
  layout->font_size = fs;
  /* Without saying what a share is of, "43 %" could be of anything: the
   * subtitle says, over the axes, and the legend beside it sits over the
   * values it explains ("43 % → 60 %"); under them, the scale's ends
   * label where 0 and 100 % are, just above the first row. */
  {
    PangoContext *context = pango_font_map_create_context (pango_cairo_font_map_get_default ());
    g_autofree char *subtitle = gap_subtitle (gap);
    double subtitle_w = fs * 1.6 + axis_w;
    guint lines;

    pango_context_set_round_glyph_positions (context, FALSE);
    lines = MIN (lines_needed (context, style, subtitle, fs, FALSE, subtitle_w), 2);
    /* No g_autoptr for PangoContext in Pango 1.50. */
    g_object_unref (context);
    layout->subtitle = (CrChartRect) { 0, 0, subtitle_w, fs * 1.3 * lines + fs * 0.2 };
    layout->legend = (CrChartRect) { fs * 2.4 + axis_w, 0, value_w, MIN (layout->subtitle.height, label_h) };
  }
  y = layout->subtitle.height + fs * 0.2;
  layout->scale_start = (CrChartRect) { 0, y, MIN (fs * 5.0, axis_w / 2), label_h };
  layout->scale_end = (CrChartRect) { fs * 1.6 + axis_w - MIN (fs * 5.0, axis_w / 2), y,
                                      MIN (fs * 5.0, axis_w / 2), label_h };
  layout->n_rows = gap->n_options;
  layout->rows = g_new0 (CrChartGapRow, layout->n_rows);
  y += label_h + fs * 0.3;

  for (guint i = 0; i < gap->n_options; i++)
    {
      const CrGapOption *go = &gap->options[i];
      CrChartGapRow *row = &layout->rows[i];
      /* Markers are circles: keep their centres a radius inside the axis. */
      double x0 = fs * 0.8, x1 = fs * 0.8 + axis_w;

      row->option = go->option;
      row->current = go->current;
      row->target = go->target;
      row->current_spread = go->current_spread;
      row->target_spread = go->target_spread;
      {
        PangoContext *context = pango_font_map_create_context (pango_cairo_font_map_get_default ());

        pango_context_set_round_glyph_positions (context, FALSE);
        row->label = (CrChartRect) { 0, y, width, name_height (context, style, go->option->title, label_h, width) };
        g_object_unref (context);
      }
      y += row->label.height;
      row->axis = (CrChartRect) { x0, y, axis_w, axis_h };
      row->value = (CrChartRect) { x1 + fs * 0.8, y, value_w, axis_h };

      row->current_x = row->current_x0 = row->current_x1 = NAN;
      row->target_x = row->target_x0 = row->target_x1 = NAN;
      if (!is_unknown (go->current))
        {
          double s = is_unknown (go->current_spread) ? 0 : go->current_spread;

          row->current_x = scale_position (go->current, min, max, x0, x1);
          row->current_x0 = scale_position (go->current - s, min, max, x0, x1);
          row->current_x1 = scale_position (go->current + s, min, max, x0, x1);
        }
      if (!is_unknown (go->target))
        {
          double s = is_unknown (go->target_spread) ? 0 : go->target_spread;

          row->target_x = scale_position (go->target, min, max, x0, x1);
          row->target_x0 = scale_position (go->target - s, min, max, x0, x1);
          row->target_x1 = scale_position (go->target + s, min, max, x0, x1);
        }
      y += axis_h + row_gap;
    }

  layout->height = MAX (y - row_gap, 0);
  if (height > layout->height)
    layout->height = height;
  return layout;
}

void
cr_chart_gap_layout_free (CrChartGapLayout *layout)
{
  if (layout == NULL)
    return;
  g_free (layout->rows);
  g_free (layout);
}

static void
draw_marker (cairo_t            *cr,
             const CrChartStyle *style,
             double              x,
             double              y,
             double              radius,
             gboolean            filled)
{
  cairo_new_sub_path (cr);
  cairo_arc (cr, x, y, radius, 0, 2 * G_PI);
  if (filled)
    {
      set_color (cr, &style->accent);
      cairo_fill (cr);
    }
  else
    {
      /* Today: a ring in the text colour, apart from the target's dot. */
      if (style->background.alpha > 0)
        {
          set_color (cr, &style->background);
          cairo_fill_preserve (cr);
        }
      set_color (cr, &style->foreground);
      cairo_set_line_width (cr, MAX (radius * 0.35, 1.0));
      cairo_stroke (cr);
    }
}

/* Whether nobody voted in @tally's round: no vote, dot or score at all
 * (a round revealed with nothing cast). Its shares are not 0 % of
 * anything: there is nothing they are shares of. */
static gboolean
tally_is_empty (const CrTally *tally)
{
  if (is_counted (tally))
    return tally->total <= 0;
  for (guint i = 0; i < tally->n_options; i++)
    for (guint c = 0; c < tally->options[i].n_criteria; c++)
      if (tally->options[i].criteria[c].n > 0)
        return FALSE;
  return TRUE;
}

/* What a change says in place of a figure of a round nobody voted in. */
static char *
no_votes_text (const CrTally *tally)
{
  if (tally->label != NULL)
    /* Translators: in place of a figure, when nobody voted in a workshop, e.g. "57 % → no votes on 3 November 2025" */
    return g_strdup_printf (_("no votes on %s"), tally->label);
  /* Translators: in place of a figure, when nobody voted in a round, e.g. "57 % → no votes in round 2" */
  return g_strdup_printf (_("no votes in round %u"), tally->round_number);
}

/* A legend's @label for a round nobody voted in: "Round 2: no votes". */
static void
legend_mark_no_votes (char **label)
{
  char *marked;

  /* Translators: a change chart's legend for a round nobody voted in, e.g. "Round 2: no votes" or "2025-10-08: no votes" */
  marked = g_strdup_printf (_("%s: no votes"), *label);
  g_free (*label);
  *label = marked;
}

/* A legend's swatch: filled, or only outlined for a round nobody voted
 * in, whose colour no bar has. */
static void
draw_swatch (cairo_t            *cr,
             const CrChartColor *color,
             const CrChartRect  *rect,
             gboolean            empty,
             double              font_size)
{
  double line = MAX (1.0, font_size / 12.0);

  if (!empty)
    {
      fill_rect (cr, color, rect);
      return;
    }
  set_color (cr, color);
  cairo_set_line_width (cr, line);
  cairo_rectangle (cr, rect->x + line / 2, rect->y + line / 2, rect->width - line, rect->height - line);
  cairo_stroke (cr);
}

/* A value before and after, and the change between them: a share's in
 * percentage points, a mean's in points of the scale. @from_empty and
 * @to_empty: what to say instead of a figure for a round nobody voted in
 * (NULL: it had votes), and then there is no change to print. */
static char *
from_to_text_with (double      from,
                   double      to,
                   gboolean    scores,
                   const char *from_empty,
                   const char *to_empty)
{
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;

  if (from_empty != NULL)
    before = g_strdup (from_empty);
  else if (scores)
    before = format_mean (from);
  else
    before = is_unknown (from) ? g_strdup ("—") : format_percent (from);
  if (to_empty != NULL)
    after = g_strdup (to_empty);
  else if (scores)
    after = format_mean (to);
  else
    after = is_unknown (to) ? g_strdup ("—") : format_percent (to);
  if (from_empty != NULL || to_empty != NULL)
    /* Translators: a value, then a later or wanted one, e.g. "43 % → 60 %" */
    return g_strdup_printf (_("%s → %s"), before, after);
  if (!is_unknown (from) && !is_unknown (to))
    {
      g_autofree char *delta = format_change (from, to, !scores);

      /* Translators: a value, a later or wanted one and the change, e.g. "43 % → 60 % · +17 pts" */
      return g_strdup_printf (_("%s → %s · %s"), before, after, delta);
    }
  /* Translators: a value, then a later or wanted one, e.g. "43 % → 60 %" */
  return g_strdup_printf (_("%s → %s"), before, after);
}

/* Option @i's line of the change from @before to @after. */
static char *
change_value_text (const CrTally *before,
                   const CrTally *after,
                   guint          i)
{
  gboolean score = after->question->method == CR_METHOD_SCORE;
  g_autofree char *before_empty = tally_is_empty (before) ? no_votes_text (before) : NULL;
  g_autofree char *after_empty = tally_is_empty (after) ? no_votes_text (after) : NULL;

  return from_to_text_with (score ? before->options[i].overall : before->options[i].share,
                            score ? after->options[i].overall : after->options[i].share,
                            score, before_empty, after_empty);
}

/* What the gap says in place of @side's figures (0: today, 1: the
 * target) where nobody voted in its round (its round is revealed but not
 * one option has a figure), or where it has no revealed round at all.
 * NULL where it has figures. */
static char *
gap_no_votes_text (const CrGap *gap,
                   guint        side)
{
  guint round = side == 0 ? gap->current_round : gap->target_round;

  if (round == 0)
    /* Translators: in place of today's or the target's figure, where the room has not voted on it, e.g. "43 % → not voted" */
    return g_strdup (_("not voted"));
  for (guint i = 0; i < gap->n_options; i++)
    if (!is_unknown (side == 0 ? gap->options[i].current : gap->options[i].target))
      return NULL;
  return g_strdup_printf (_("no votes in round %u"), round);
}

char *
cr_chart_gap_value_text (const CrGap       *gap,
                         const CrGapOption *go)
{
  g_autofree char *current_empty = NULL;
  g_autofree char *target_empty = NULL;

  g_return_val_if_fail (gap != NULL && go != NULL, NULL);

  current_empty = gap_no_votes_text (gap, 0);
  target_empty = gap_no_votes_text (gap, 1);
  return from_to_text_with (go->current, go->target, gap->scores, current_empty, target_empty);
}

static char *
gap_value_text (const CrGap       *gap,
                const CrGapOption *go)
{
  return cr_chart_gap_value_text (gap, go);
}

static void
draw_gap (cairo_t                *cr,
          const CrGap            *gap,
          const CrChartStyle     *style,
          const CrChartGapLayout *layout)
{
  double fs = layout->font_size;
  double radius = fs * 0.5;
  double min, max;
  g_autofree char *subtitle = gap_subtitle (gap);
  g_autofree char *start = NULL;
  g_autofree char *end = NULL;

  gap_scale (gap, &min, &max);
  if (gap->scores)
    {
      start = g_strdup_printf ("%d", (int) min);
      end = g_strdup_printf ("%d", (int) max);
    }
  else
    {
      start = format_percent (0);
      end = format_percent (1);
    }

  {
    g_autoptr(PangoLayout) text = text_layout (cr, style, subtitle, fs, FALSE, layout->subtitle.width, 2,
                                               PANGO_ALIGN_LEFT);

    pango_layout_set_wrap (text, PANGO_WRAP_WORD);
    set_color (cr, &style->foreground);
    cairo_move_to (cr, layout->subtitle.x, layout->subtitle.y);
    pango_cairo_show_layout (cr, text);
  }
  draw_text (cr, style, &style->foreground, start, fs, TRUE, &layout->scale_start, 1, PANGO_ALIGN_LEFT);
  draw_text (cr, style, &style->foreground, end, fs, TRUE, &layout->scale_end, 1, PANGO_ALIGN_RIGHT);

  /* Legend: a ring for today, a dot for the target, in the order the
   * values under it give them ("43 % → 60 %"). */
  {
    g_autoptr(PangoLayout) today = text_layout (cr, style, _("Today"), fs, FALSE, -1, 1, PANGO_ALIGN_LEFT);
    PangoRectangle logical;
    double x = layout->legend.x + radius + 1;
    double cy = layout->legend.y + layout->legend.height / 2;
    CrChartRect rect;

    draw_marker (cr, style, x, cy, radius, FALSE);
    x += radius + fs * 0.3;
    pango_layout_get_pixel_extents (today, NULL, &logical);
    rect = (CrChartRect) { x, layout->legend.y, MAX (layout->legend.x + layout->legend.width - x, 0), layout->legend.height };
    draw_text (cr, style, &style->foreground, _("Today"), fs, FALSE, &rect, 1, PANGO_ALIGN_LEFT);
    x += logical.width + fs * 0.5;
    rect = (CrChartRect) { x, layout->legend.y, MAX (layout->legend.x + layout->legend.width - x, 0), layout->legend.height };
    draw_text (cr, style, &style->foreground, "→", fs, FALSE, &rect, 1, PANGO_ALIGN_LEFT);
    x += fs * 1.5 + radius;
    if (x + radius <= layout->legend.x + layout->legend.width)
      draw_marker (cr, style, x, cy, radius, TRUE);
    x += radius + fs * 0.3;
    rect = (CrChartRect) { x, layout->legend.y, MAX (layout->legend.x + layout->legend.width - x, 0), layout->legend.height };
    draw_text (cr, style, &style->foreground, _("Target"), fs, FALSE, &rect, 1, PANGO_ALIGN_LEFT);
  }

  for (guint i = 0; i < layout->n_rows; i++)
    {
      const CrChartGapRow *row = &layout->rows[i];
      g_autofree char *value = gap_value_text (gap, &gap->options[i]);
      double cy = row->axis.y + row->axis.height / 2;
      double tick = fs * 0.35;

      draw_text (cr, style, &style->foreground, row->option->title, fs, FALSE, &row->label, NAME_LINES,
                 PANGO_ALIGN_LEFT);

      set_color (cr, &style->muted);
      cairo_set_line_width (cr, MAX (fs * 0.12, 0.75));
      cairo_move_to (cr, row->axis.x, cy);
      cairo_line_to (cr, row->axis.x + row->axis.width, cy);
      cairo_move_to (cr, row->axis.x, cy - tick);
      cairo_line_to (cr, row->axis.x, cy + tick);
      cairo_move_to (cr, row->axis.x + row->axis.width, cy - tick);
      cairo_line_to (cr, row->axis.x + row->axis.width, cy + tick);
      cairo_stroke (cr);

      /* Spread of opinion on each side, as a band under the marker. */
      set_color (cr, &style->muted);
      cairo_set_line_width (cr, MAX (fs * 0.45, 2.0));
      if (!is_unknown (row->current_x) && row->current_x1 > row->current_x0)
        {
          cairo_move_to (cr, row->current_x0, cy);
          cairo_line_to (cr, row->current_x1, cy);
        }
      if (!is_unknown (row->target_x) && row->target_x1 > row->target_x0)
        {
          cairo_move_to (cr, row->target_x0, cy);
          cairo_line_to (cr, row->target_x1, cy);
        }
      cairo_stroke (cr);

      if (!is_unknown (row->current_x) && !is_unknown (row->target_x))
        {
          set_color (cr, &style->accent);
          cairo_set_line_width (cr, MAX (fs * 0.15, 1.0));
          cairo_move_to (cr, row->current_x, cy);
          cairo_line_to (cr, row->target_x, cy);
          cairo_stroke (cr);
        }
      if (!is_unknown (row->current_x))
        draw_marker (cr, style, row->current_x, cy, radius, FALSE);
      if (!is_unknown (row->target_x))
        draw_marker (cr, style, row->target_x, cy, radius, TRUE);

      draw_text (cr, style, &style->foreground, value, fs, TRUE, &row->value, 1, PANGO_ALIGN_LEFT);
    }
}

double
cr_chart_gap_height (const CrGap        *gap,
                     const CrChartStyle *style,
                     double              width)
{
  g_autoptr(CrChartGapLayout) layout = NULL;

  g_return_val_if_fail (gap != NULL, 0);
  g_return_val_if_fail (style != NULL, 0);

  layout = cr_chart_layout_gap (gap, style, width, 0);
  return layout != NULL ? layout->height : font_size_of (style) * 3;
}

gboolean
cr_chart_draw_gap (cairo_t            *cr,
                   const CrGap        *gap,
                   const CrChartStyle *style,
                   double              width,
                   double              height)
{
  g_autoptr(CrChartGapLayout) layout = NULL;

  g_return_val_if_fail (cr != NULL, FALSE);
  g_return_val_if_fail (gap != NULL, FALSE);
  g_return_val_if_fail (style != NULL, FALSE);

  cairo_save (cr);
  layout = cr_chart_layout_gap (gap, style, width, height);
  if (layout == NULL)
    {
      draw_message (cr, style, _("Nothing to compare until a round of today’s and the target’s question is revealed"),
                    width, height);
      cairo_restore (cr);
      return FALSE;
    }
  paint_background (cr, style, width, height);
  draw_gap (cr, gap, style, layout);
  cairo_restore (cr);
  return TRUE;
}

/* ---- Change between two rounds ------------------------------------------------ */

/* The most lines an option's figures take beside a change chart's track. */
#define CHANGE_VALUE_LINES 3

static gboolean
change_is_drawable (const CrTally *before,
                    const CrTally *after)
{
  return before->revealed && after->revealed &&
         before->question == after->question &&
         before->template == after->template;
}

CrChartChangeLayout *
cr_chart_layout_change (const CrTally      *before,
                        const CrTally      *after,
                        const CrChartStyle *style,
                        double              width,
                        double              height)
{
  CrChartChangeLayout *layout;
  const CrQuestion *q;
  gboolean score;
  double fs, label_h, thin_h, thick_h, row_gap, value_w, track_w, min = 0, max = 0, y;
  gboolean before_empty, after_empty;
  PangoContext *context;

  g_return_val_if_fail (before != NULL, NULL);
  g_return_val_if_fail (after != NULL, NULL);
  g_return_val_if_fail (style != NULL, NULL);

  if (!change_is_drawable (before, after))
    return NULL;

  q = after->question;
  score = q->method == CR_METHOD_SCORE;
  fs = font_size_of (style);
  label_h = fs * (style->dense ? 1.3 : 1.4);
  thin_h = fs * 0.6;
  thick_h = fs * (style->dense ? 1.0 : 1.2);
  row_gap = fs * (style->dense ? 0.5 : 0.9);
  /* "57 % → 43 % · −14 pts": where it moved from and to, not only how far. */
  value_w = MIN (width * 0.42, fs * 13.0);
  track_w = MAX (width - value_w - fs * 0.6, 0);

  layout = g_new0 (CrChartChangeLayout, 1);
  layout->width = width;
  layout->font_size = fs;
  layout->before_round = before->round_number;
  layout->after_round = after->round_number;
  /* Translators: legend of a chart comparing two rounds; %u is a round number */
  layout->before_label = before->label != NULL ? g_strdup (before->label) : g_strdup_printf (_("Round %u"), before->round_number);
  layout->after_label = after->label != NULL ? g_strdup (after->label) : g_strdup_printf (_("Round %u"), after->round_number);
  layout->legend = (CrChartRect) { 0, 0, width, fs * 1.6 };
  layout->n_rows = MIN (before->n_options, after->n_options);
  layout->rows = g_new0 (CrChartChangeRow, layout->n_rows);

  if (score)
    {
      min = q->scale_min;
      max = q->scale_max;
    }
  else
    /* Shares against 100 %, as in every other chart. */
    max = 1.0;

  /* A round nobody voted in has no figures: not 0 % of nothing, and no
   * change from or to it (its rows say "no votes in round 2"). */
  before_empty = tally_is_empty (before);
  after_empty = tally_is_empty (after);
  /* The legend says it too, beside the colour no bar of that round has. */
  if (before_empty)
    legend_mark_no_votes (&layout->before_label);
  if (after_empty)
    legend_mark_no_votes (&layout->after_label);
  context = pango_font_map_create_context (pango_cairo_font_map_get_default ());
  pango_context_set_round_glyph_positions (context, FALSE);
  {
    /* A legend's words whole, on more lines where a narrow chart needs
     * them ("Round 2: no votes" beside the room's half-screen chart). */
    guint lines = MAX (lines_needed (context, style, layout->before_label, fs, FALSE, width * 0.4),
                       lines_needed (context, style, layout->after_label, fs, FALSE, width * 0.4));

    lines = MIN (lines, CHANGE_VALUE_LINES);
    if (lines > 1)
      layout->legend.height += (lines - 1) * fs * 1.3;
  }
  y = layout->legend.height + fs * 0.6;
  for (guint i = 0; i < layout->n_rows; i++)
    {
      CrChartChangeRow *row = &layout->rows[i];
      g_autofree char *value = change_value_text (before, after, i);
      double b_len, a_len, value_h;

      row->option = after->options[i].option;
      row->before = before_empty ? NAN : score ? before->options[i].overall : before->options[i].share;
      row->after = after_empty ? NAN : score ? after->options[i].overall : after->options[i].share;
      row->delta = (is_unknown (row->before) || is_unknown (row->after)) ? NAN : row->after - row->before;
      row->label = (CrChartRect) { 0, y, width, name_height (context, style, row->option->title, label_h, width) };
      y += row->label.height + fs * 0.2;
      row->track = (CrChartRect) { 0, y, track_w, thin_h + fs * 0.2 + thick_h };

      if (score)
        {
          b_len = is_unknown (row->before) || max <= min ? 0
                  : track_w * CLAMP ((row->before - min) / (max - min), 0.0, 1.0);
          a_len = is_unknown (row->after) || max <= min ? 0
                  : track_w * CLAMP ((row->after - min) / (max - min), 0.0, 1.0);
        }
      else
        {
          b_len = is_unknown (row->before) ? 0 : share_length (track_w, row->before, fs);
          a_len = is_unknown (row->after) ? 0 : share_length (track_w, row->after, fs);
        }
      row->before_bar = (CrChartRect) { 0, y, b_len, thin_h };
      row->after_bar = (CrChartRect) { 0, y + thin_h + fs * 0.2, a_len, thick_h };
      /* Whole, on more lines where a narrow chart or a language needs
       * them ("57 % → no votes in round 2" beside the room's half-screen
       * chart takes three), the row as tall as they are. */
      value_h = MIN (lines_needed (context, style, value, fs, TRUE, value_w), CHANGE_VALUE_LINES) * fs * 1.3;
      row->value = (CrChartRect) { track_w + fs * 0.6, y, value_w, MAX (row->track.height, value_h) };
      y += row->value.height + row_gap;
    }
  /* No g_autoptr for PangoContext in Pango 1.50. */
  g_object_unref (context);

  layout->height = MAX (y - row_gap, 0);
  if (height > layout->height)
    layout->height = height;
  return layout;
}

void
cr_chart_change_layout_free (CrChartChangeLayout *layout)
{
  if (layout == NULL)
    return;
  g_free (layout->rows);
  g_free (layout->before_label);
  g_free (layout->after_label);
  g_free (layout);
}

static void
draw_change (cairo_t                   *cr,
             const CrTally             *before,
             const CrTally             *after,
             const CrChartStyle        *style,
             const CrChartChangeLayout *layout)
{
  gboolean score = after->question->method == CR_METHOD_SCORE;
  double fs = layout->font_size;
  double swatch = fs * 0.9;
  const char *before_label = layout->before_label;
  const char *after_label = layout->after_label;
  CrChartColor earlier = cr_chart_style_earlier (style);
  CrChartRect rect;

  rect = (CrChartRect) { 0, layout->legend.y + (layout->legend.height - swatch * 0.5) / 2, swatch * 1.6, swatch * 0.5 };
  draw_swatch (cr, &earlier, &rect, tally_is_empty (before), fs);
  rect = (CrChartRect) { swatch * 2.2, layout->legend.y, layout->width * 0.4, layout->legend.height };
  draw_text (cr, style, &style->foreground, before_label, fs, FALSE, &rect, CHANGE_VALUE_LINES, PANGO_ALIGN_LEFT);
  rect = (CrChartRect) { layout->width * 0.5, layout->legend.y + (layout->legend.height - swatch) / 2, swatch * 1.6, swatch };
  draw_swatch (cr, &style->accent, &rect, tally_is_empty (after), fs);
  rect = (CrChartRect) { layout->width * 0.5 + swatch * 2.2, layout->legend.y, layout->width * 0.4, layout->legend.height };
  draw_text (cr, style, &style->foreground, after_label, fs, FALSE, &rect, CHANGE_VALUE_LINES, PANGO_ALIGN_LEFT);

  for (guint i = 0; i < layout->n_rows; i++)
    {
      const CrChartChangeRow *row = &layout->rows[i];
      g_autofree char *delta = change_value_text (before, after, i);

      draw_text (cr, style, &style->foreground, row->option->title, fs, FALSE, &row->label, NAME_LINES,
                 PANGO_ALIGN_LEFT);
      /* Both rounds in one track, whose whole length is 100 %: 0 % is a
       * bar's absence inside it, not a missing row. */
      if (!score)
        draw_track (cr, style, fs, &row->track);
      fill_rect (cr, &earlier, &row->before_bar);
      fill_rect (cr, &style->accent, &row->after_bar);
      draw_text (cr, style, &style->foreground, delta, fs, TRUE, &row->value, CHANGE_VALUE_LINES, PANGO_ALIGN_LEFT);
    }
}

double
cr_chart_change_height (const CrTally      *before,
                        const CrTally      *after,
                        const CrChartStyle *style,
                        double              width)
{
  g_autoptr(CrChartChangeLayout) layout = NULL;

  g_return_val_if_fail (before != NULL, 0);
  g_return_val_if_fail (after != NULL, 0);
  g_return_val_if_fail (style != NULL, 0);

  layout = cr_chart_layout_change (before, after, style, width, 0);
  return layout != NULL ? layout->height : font_size_of (style) * 3;
}

gboolean
cr_chart_draw_change (cairo_t            *cr,
                      const CrTally      *before,
                      const CrTally      *after,
                      const CrChartStyle *style,
                      double              width,
                      double              height)
{
  g_autoptr(CrChartChangeLayout) layout = NULL;

  g_return_val_if_fail (cr != NULL, FALSE);
  g_return_val_if_fail (before != NULL, FALSE);
  g_return_val_if_fail (after != NULL, FALSE);
  g_return_val_if_fail (style != NULL, FALSE);

  if (!before->revealed || !after->revealed)
    {
      cr_chart_draw_hidden (cr, style, width, height);
      return FALSE;
    }

  layout = cr_chart_layout_change (before, after, style, width, height);
  if (layout == NULL)
    return FALSE;

  cairo_save (cr);
  paint_background (cr, style, width, height);
  draw_change (cr, before, after, style, layout);
  cairo_restore (cr);
  return TRUE;
}

/* ---- Text alternatives ------------------------------------------------------ */

char *
cr_chart_describe_tally (const CrTally *tally)
{
  g_autoptr(GString) text = NULL;

  g_return_val_if_fail (tally != NULL, NULL);

  if (!tally->revealed)
    return NULL;

  text = g_string_new (NULL);
  /* Translators: the start of a chart's description: round number and question */
  g_string_append_printf (text, _("Round %u of “%s”: "), tally->round_number, tally->question->prompt);

  if (tally_is_empty (tally))
    {
      /* Translators: a chart's description of a round nobody voted in, after "Round 2 of “Question”: " */
      g_string_append (text, _("nobody voted."));
      return g_string_free (g_steal_pointer (&text), FALSE);
    }

  if (is_counted (tally))
    {
      long total = lround (tally->total);

      for (guint i = 0; i < tally->n_options; i++)
        {
          const CrOptionTally *ot = &tally->options[i];
          g_autofree char *count = format_count (tally, ot->count);
          g_autofree char *share = format_percent (ot->share);

          if (i > 0)
            g_string_append (text, "; ");
          /* Translators: an option in a chart's description: "Title, 3 votes (43 %)" */
          g_string_append_printf (text, _("%s, %s (%s)"), ot->option->title, count, share);
        }
      g_string_append (text, ". ");
      /* Everyone who placed a dot, a partial ballot's holder too. */
      if (tally->question->method == CR_METHOD_DOTS)
        g_string_append_printf (text,
                                /* Translators: the end of a chart's description */
                                g_dngettext (GETTEXT_PACKAGE,
                                             "%ld dot placed by %u participants.",
                                             "%ld dots placed by %u participants.", total),
                                total, tally->n_participants + tally->n_partial);
      else
        g_string_append_printf (text,
                                /* Translators: the end of a chart's description */
                                g_dngettext (GETTEXT_PACKAGE,
                                             "%ld vote in all.",
                                             "%ld votes in all.", total),
                                total);
      return g_string_free (g_steal_pointer (&text), FALSE);
    }

  /* Translators: how a score chart reads; %d and %d are the ends of the scale */
  g_string_append_printf (text, _("mean scores from %d to %d, with the spread of opinion. "),
                          tally->question->scale_min, tally->question->scale_max);
  for (guint i = 0; i < tally->n_options; i++)
    {
      const CrOptionTally *ot = &tally->options[i];
      guint n_criteria = n_criteria_of (tally->question);

      g_string_append_printf (text, "%s: ", ot->option->title);
      if (n_criteria == 0)
        {
          g_autofree char *mean = format_mean (ot->criteria[0].mean);
          g_autofree char *spread = format_mean (ot->criteria[0].spread);

          if (ot->criteria[0].n == 0)
            g_string_append (text, _("not scored"));
          else
            /* Translators: a mean score and its spread, e.g. "3.5, spread 0.5" */
            g_string_append_printf (text, _("%s, spread %s"), mean, spread);
        }
      else if (is_unknown (ot->overall))
        g_string_append (text, _("not scored"));
      else
        {
          g_autofree char *overall = format_mean (ot->overall);
          g_autofree char *spread = format_mean (ot->overall_spread);

          /* Translators: an option's overall score and spread, then its criteria follow */
          g_string_append_printf (text, _("overall %s, spread %s"), overall, spread);
          for (guint c = 0; c < n_criteria && c < ot->n_criteria; c++)
            {
              const CrCriterion *criterion = g_ptr_array_index (tally->question->criteria, c);
              g_autofree char *mean = format_mean (ot->criteria[c].mean);

              g_string_append_printf (text, ", %s %s", criterion->label, mean);
            }
        }
      g_string_append (text, i + 1 < tally->n_options ? "; " : ".");
    }
  return g_string_free (g_steal_pointer (&text), FALSE);
}

char *
cr_chart_describe_gap (const CrGap *gap)
{
  g_autoptr(GString) text = NULL;

  g_return_val_if_fail (gap != NULL, NULL);

  if (!gap_is_drawable (gap))
    return NULL;

  text = g_string_new (NULL);
  /* Translators: the start of the description of the today-against-target chart */
  g_string_append (text, _("Today against the target: "));
  for (guint i = 0; i < gap->n_options; i++)
    {
      g_autofree char *value = gap_value_text (gap, &gap->options[i]);

      if (i > 0)
        g_string_append (text, "; ");
      g_string_append_printf (text, "%s %s", gap->options[i].option->title, value);
      if (gap->scores && !is_unknown (gap->options[i].current_spread) &&
          !is_unknown (gap->options[i].target_spread))
        {
          g_autofree char *cs = format_mean (gap->options[i].current_spread);
          g_autofree char *ts = format_mean (gap->options[i].target_spread);

          /* Translators: the spread of opinion today and for the target */
          g_string_append_printf (text, _(" (spread %s and %s)"), cs, ts);
        }
    }
  g_string_append_c (text, '.');
  return g_string_free (g_steal_pointer (&text), FALSE);
}

char *
cr_chart_describe_change (const CrTally *before,
                          const CrTally *after)
{
  g_autoptr(GString) text = NULL;
  g_autoptr(GArray) changes = NULL;
  gboolean score;

  g_return_val_if_fail (before != NULL, NULL);
  g_return_val_if_fail (after != NULL, NULL);

  if (!change_is_drawable (before, after))
    return NULL;

  score = after->question->method == CR_METHOD_SCORE;
  text = g_string_new (NULL);
  if (before->label != NULL && after->label != NULL)
    /* Translators: the start of a description of what moved between two workshops, e.g. "From 12 March 2025 to 3 November 2025, “Where do we want to be?”: " */
    g_string_append_printf (text, _("From %s to %s, “%s”: "), before->label, after->label, after->question->prompt);
  else
    /* Translators: the start of a change chart's description */
    g_string_append_printf (text, _("From round %u to round %u of “%s”: "),
                            before->round_number, after->round_number, after->question->prompt);
  changes = cr_tally_compare (before, after);
  /* A round nobody voted in: said first, then each option's line as the
   * chart prints it. */
  if (tally_is_empty (before) || tally_is_empty (after))
    {
      const CrTally *empty = tally_is_empty (after) ? after : before;

      if (empty->label != NULL)
        /* Translators: in a change chart's description, e.g. "nobody voted on 3 November 2025; " */
        g_string_append_printf (text, _("nobody voted on %s; "), empty->label);
      else
        /* Translators: in a change chart's description, e.g. "nobody voted in round 2; " */
        g_string_append_printf (text, _("nobody voted in round %u; "), empty->round_number);
      for (guint i = 0; i < changes->len; i++)
        {
          g_autofree char *value = change_value_text (before, after, i);

          if (i > 0)
            g_string_append (text, "; ");
          g_string_append_printf (text, "%s %s", before->options[i].option->title, value);
        }
      g_string_append_c (text, '.');
      return g_string_free (g_steal_pointer (&text), FALSE);
    }
  for (guint i = 0; i < changes->len; i++)
    {
      const CrTallyChange *change = &g_array_index (changes, CrTallyChange, i);
      const CrOptionTally *b = &before->options[i];
      const CrOptionTally *a = &after->options[i];
      g_autofree char *from = score ? format_mean (b->overall) : format_percent (b->share);
      g_autofree char *to = score ? format_mean (a->overall) : format_percent (a->share);
      g_autofree char *delta = score ? format_change (b->overall, a->overall, FALSE)
                                     : format_change (b->share, a->share, TRUE);

      if (i > 0)
        g_string_append (text, "; ");
      /* Translators: "Title from 43 % to 29 % (−14 pts)" */
      g_string_append_printf (text, _("%s from %s to %s (%s)"), change->option->title, from, to, delta);
    }
  g_string_append_c (text, '.');
  return g_string_free (g_steal_pointer (&text), FALSE);
}

/* ---- One chart of any kind ------------------------------------------------- */

CrChartSpec *
cr_chart_spec_new_tally (CrTally *tally)
{
  CrChartSpec *spec;

  g_return_val_if_fail (tally != NULL, NULL);

  spec = g_new0 (CrChartSpec, 1);
  spec->kind = CR_CHART_KIND_TALLY;
  spec->tally = tally;
  return spec;
}

CrChartSpec *
cr_chart_spec_new_change (CrTally *before,
                          CrTally *after)
{
  CrChartSpec *spec;

  g_return_val_if_fail (before != NULL, NULL);
  g_return_val_if_fail (after != NULL, NULL);

  spec = g_new0 (CrChartSpec, 1);
  spec->kind = CR_CHART_KIND_CHANGE;
  spec->tally = before;
  spec->after = after;
  return spec;
}

CrChartSpec *
cr_chart_spec_new_gap (CrGap *gap)
{
  CrChartSpec *spec;

  g_return_val_if_fail (gap != NULL, NULL);

  spec = g_new0 (CrChartSpec, 1);
  spec->kind = CR_CHART_KIND_GAP;
  spec->gap = gap;
  return spec;
}

void
cr_chart_spec_free (CrChartSpec *spec)
{
  if (spec == NULL)
    return;
  g_clear_pointer (&spec->tally, cr_tally_free);
  g_clear_pointer (&spec->after, cr_tally_free);
  g_clear_pointer (&spec->gap, cr_gap_free);
  g_free (spec);
}

double
cr_chart_spec_height (const CrChartSpec  *spec,
                      const CrChartStyle *style,
                      double              width)
{
  g_return_val_if_fail (spec != NULL, 0);
  g_return_val_if_fail (style != NULL, 0);

  switch (spec->kind)
    {
    case CR_CHART_KIND_TALLY:
      return cr_chart_tally_height (spec->tally, style, width);
    case CR_CHART_KIND_CHANGE:
      return cr_chart_change_height (spec->tally, spec->after, style, width);
    case CR_CHART_KIND_GAP:
      return cr_chart_gap_height (spec->gap, style, width);
    default:
      g_return_val_if_reached (0);
    }
}

gboolean
cr_chart_spec_draw (cairo_t            *cr,
                    const CrChartSpec  *spec,
                    const CrChartStyle *style,
                    double              width,
                    double              height)
{
  g_return_val_if_fail (cr != NULL, FALSE);
  g_return_val_if_fail (spec != NULL, FALSE);
  g_return_val_if_fail (style != NULL, FALSE);

  switch (spec->kind)
    {
    case CR_CHART_KIND_TALLY:
      return cr_chart_draw_tally (cr, spec->tally, style, width, height);
    case CR_CHART_KIND_CHANGE:
      return cr_chart_draw_change (cr, spec->tally, spec->after, style, width, height);
    case CR_CHART_KIND_GAP:
      return cr_chart_draw_gap (cr, spec->gap, style, width, height);
    default:
      g_return_val_if_reached (FALSE);
    }
}

char *
cr_chart_spec_describe (const CrChartSpec *spec)
{
  g_return_val_if_fail (spec != NULL, NULL);

  switch (spec->kind)
    {
    case CR_CHART_KIND_TALLY:
      return cr_chart_describe_tally (spec->tally);
    case CR_CHART_KIND_CHANGE:
      return cr_chart_describe_change (spec->tally, spec->after);
    case CR_CHART_KIND_GAP:
      return cr_chart_describe_gap (spec->gap);
    default:
      g_return_val_if_reached (NULL);
    }
}

char *
cr_chart_format_change (double   from,
                        double   to,
                        gboolean points)
{
  return format_change (from, to, points);
}

char *
cr_chart_format_share (double share)
{
  return format_percent (share);
}

char *
cr_chart_format_mean (double mean)
{
  return format_mean (mean);
}

char *
cr_chart_format_share_tenths (double share)
{
  return format_share_in (share, TRUE);
}

char *
cr_chart_change_value_text (const CrTally *before,
                            const CrTally *after,
                            guint          option)
{
  g_return_val_if_fail (before != NULL && after != NULL, NULL);
  g_return_val_if_fail (option < MIN (before->n_options, after->n_options), NULL);

  return change_value_text (before, after, option);
}

char *
cr_chart_tally_value_text (const CrTally *tally,
                           guint          option)
{
  g_return_val_if_fail (tally != NULL, NULL);
  g_return_val_if_fail (option < tally->n_options, NULL);
  return bar_value_text (tally, option);
}

gboolean
cr_chart_tally_is_empty (const CrTally *tally)
{
  g_return_val_if_fail (tally != NULL, TRUE);

  return tally_is_empty (tally);
}

char *
cr_chart_no_votes_text (const CrTally *tally)
{
  g_return_val_if_fail (tally != NULL, NULL);

  return no_votes_text (tally);
}

char *
cr_chart_from_to_text (double      from,
                       double      to,
                       gboolean    scores,
                       const char *from_empty,
                       const char *to_empty)
{
  return from_to_text_with (from, to, scores, from_empty, to_empty);
}

double
cr_chart_spec_header_height (const CrChartSpec  *spec,
                             const CrChartStyle *style,
                             double              width)
{
  g_return_val_if_fail (spec != NULL, 0);
  g_return_val_if_fail (style != NULL, 0);

  if (spec->kind == CR_CHART_KIND_TALLY && spec->tally->revealed && !is_counted (spec->tally)
      && !tally_is_empty (spec->tally))
    {
      g_autoptr(CrChartScoresLayout) layout = cr_chart_layout_scores (spec->tally, style, width, 0);

      return layout != NULL && layout->n_rows > 0 ? layout->row_headers[0].y : 0;
    }
  if (spec->kind == CR_CHART_KIND_GAP)
    {
      g_autoptr(CrChartGapLayout) layout = cr_chart_layout_gap (spec->gap, style, width, 0);

      return layout != NULL && layout->n_rows > 0 ? layout->rows[0].label.y : 0;
    }
  if (spec->kind == CR_CHART_KIND_CHANGE)
    {
      g_autoptr(CrChartChangeLayout) layout = cr_chart_layout_change (spec->tally, spec->after, style, width, 0);

      return layout != NULL && layout->n_rows > 0 ? layout->rows[0].label.y : 0;
    }
  return 0;
}

double
cr_chart_spec_columns_top (const CrChartSpec  *spec,
                           const CrChartStyle *style,
                           double              width)
{
  g_autoptr(CrChartScoresLayout) layout = NULL;
  double top = G_MAXDOUBLE;

  g_return_val_if_fail (spec != NULL, 0);
  g_return_val_if_fail (style != NULL, 0);

  if (spec->kind != CR_CHART_KIND_TALLY || !spec->tally->revealed || is_counted (spec->tally)
      || tally_is_empty (spec->tally))
    return 0;
  layout = cr_chart_layout_scores (spec->tally, style, width, 0);
  /* Only a numbered key makes the header taller than a few lines. */
  if (layout == NULL || layout->n_rows == 0 || !layout->numbered)
    return 0;
  for (guint c = 0; c < layout->n_columns; c++)
    top = MIN (top, MIN (layout->column_headers[c].y, layout->column_header_ink[c].y));
  return top < layout->row_headers[0].y ? top : 0;
}

void
cr_chart_spec_draw_header (cairo_t            *cr,
                           const CrChartSpec  *spec,
                           const CrChartStyle *style,
                           double              width)
{
  double header = cr_chart_spec_header_height (spec, style, width);

  g_return_if_fail (cr != NULL);

  if (header <= 0)
    return;
  /* The chart's own top, cut at its first row: the very same marks. */
  cairo_save (cr);
  cairo_rectangle (cr, 0, 0, width, header);
  cairo_clip (cr);
  cr_chart_spec_draw (cr, spec, style, width, cr_chart_spec_height (spec, style, width));
  cairo_restore (cr);
}

/* The top of a row: above all its parts, as they are laid out. */
static void
add_break (GArray *breaks,
           double  top)
{
  if (top > 0.5 && (breaks->len == 0 || top > g_array_index (breaks, double, breaks->len - 1) + 0.5))
    g_array_append_val (breaks, top);
}

GArray *
cr_chart_spec_row_breaks (const CrChartSpec  *spec,
                          const CrChartStyle *style,
                          double              width)
{
  GArray *breaks = g_array_new (FALSE, FALSE, sizeof (double));

  g_return_val_if_fail (spec != NULL, breaks);
  g_return_val_if_fail (style != NULL, breaks);

  /* A round nobody voted in is one line. */
  if (spec->kind == CR_CHART_KIND_TALLY && spec->tally->revealed && tally_is_empty (spec->tally))
    return breaks;
  if (spec->kind == CR_CHART_KIND_TALLY && spec->tally->revealed && is_counted (spec->tally))
    {
      g_autoptr(CrChartBarsLayout) layout = cr_chart_layout_bars (spec->tally, style, width, 0);

      for (guint i = 1; layout != NULL && i < layout->n_bars; i++)
        add_break (breaks, MIN (MIN (layout->bars[i].label.y, layout->bars[i].track.y), layout->bars[i].value.y));
    }
  else if (spec->kind == CR_CHART_KIND_TALLY && spec->tally->revealed)
    {
      g_autoptr(CrChartScoresLayout) layout = cr_chart_layout_scores (spec->tally, style, width, 0);

      for (guint r = 1; layout != NULL && r < layout->n_rows; r++)
        {
          double top = layout->row_headers[r].y;

          for (guint c = 0; c < layout->n_columns; c++)
            top = MIN (top, layout->cells[r * layout->n_columns + c].cell.y);
          add_break (breaks, top);
        }
    }
  else if (spec->kind == CR_CHART_KIND_GAP)
    {
      g_autoptr(CrChartGapLayout) layout = cr_chart_layout_gap (spec->gap, style, width, 0);

      for (guint i = 1; layout != NULL && i < layout->n_rows; i++)
        add_break (breaks, MIN (MIN (layout->rows[i].label.y, layout->rows[i].axis.y), layout->rows[i].value.y));
    }
  else if (spec->kind == CR_CHART_KIND_CHANGE)
    {
      g_autoptr(CrChartChangeLayout) layout = cr_chart_layout_change (spec->tally, spec->after, style, width, 0);

      for (guint i = 1; layout != NULL && i < layout->n_rows; i++)
        add_break (breaks, MIN (MIN (layout->rows[i].label.y, layout->rows[i].track.y), layout->rows[i].value.y));
    }
  return breaks;
}
