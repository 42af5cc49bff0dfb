/* cr-chart.h: the results drawn with cairo, for any cairo_t
 *
 * The results step, the room view and the exports (PDF, print, HTML's SVG)
 * all draw through these functions, so every surface shows the same chart.
 * Each chart has a layout function that computes its geometry as plain
 * values (testable without pixels), a drawing function that paints that
 * layout, and a plain-language description for accessible names.
 *
 * A round that is not revealed is never drawn: the drawing functions paint
 * only "Votes are hidden until revealed" and return FALSE, and the layout and
 * description functions return NULL.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <cairo.h>

#include "cr-gap.h"
#include "cr-tally.h"

G_BEGIN_DECLS

typedef struct
{
  double red, green, blue, alpha;
} CrChartColor;

typedef enum
{
  CR_CHART_THEME_LIGHT,
  CR_CHART_THEME_DARK,
  CR_CHART_THEME_HIGH_CONTRAST,
  CR_CHART_THEME_HIGH_CONTRAST_DARK,
} CrChartTheme;

typedef struct
{
  CrChartColor  foreground;  /* text and axes */
  CrChartColor  background;  /* painted first unless transparent */
  CrChartColor  accent;      /* bars, markers */
  CrChartColor  muted;       /* tracks, grid lines, the earlier round */
  /* 1.0: body text of 10 units (points in a PDF); the room view draws at 3 or more. */
  double        font_scale;
  const char   *font_family; /* NULL: CR_CHART_FONT_FAMILY */
  /* Rows set closer: thinner bars and less space between rows, the text
   * no smaller. The room view's charts, whose type is sized for the back
   * row, so that a screen holds more of a chart's rows. */
  gboolean      dense;
} CrChartStyle;

/* The charts' typeface unless the style names another. */
#define CR_CHART_FONT_FAMILY "Cantarell, Sans"

/* Colours with at least 7:1 contrast for text in every theme; the data
 * marks (accent) and the marks that carry meaning (muted: tracks, scale and
 * axis lines, rules) at least 3:1 against the background, the data stronger
 * than the track. */
void      cr_chart_style_init (CrChartStyle *style,
                               CrChartTheme  theme,
                               double        font_scale);

/* The earlier of two rounds: a neutral between the track and the text. */
CrChartColor cr_chart_style_earlier (const CrChartStyle *style);

/* WCAG 2 contrast ratio of @color (composited over @background when it is
 * translucent) against the opaque @background: 1 to 21. */
double       cr_chart_color_contrast (const CrChartColor *color,
                                      const CrChartColor *background);

/* The mix of @background toward @color that just reaches @ratio against
 * @background (or @color itself, opaque, when even that falls short). */
CrChartColor cr_chart_color_toward   (const CrChartColor *color,
                                      const CrChartColor *background,
                                      double              ratio);

typedef struct
{
  double x, y, width, height;
} CrChartRect;

/* ---- Bars: single-choice votes and dots --------------------------------- */

typedef struct
{
  const CrOption *option;
  double          count;     /* votes or dots */
  double          share;
  CrChartRect     label;     /* the option's title */
  CrChartRect     track;     /* the whole length a bar may take */
  CrChartRect     bar;       /* filled: track.width * share, against 100 % */
  CrChartRect     value;     /* the number and share, right of the track */
} CrChartBar;

typedef struct
{
  double      width, height; /* height: what the bars need */
  double      font_size;
  CrChartBar *bars;          /* template option order */
  guint       n_bars;
} CrChartBarsLayout;

/* ---- Score grid: mean and spread per option and criterion --------------- */

typedef struct
{
  const CrOption *option;
  guint           criterion; /* index in the question's criteria; n_criteria: the overall */
  double          mean;      /* NAN when nobody scored */
  double          spread;
  guint           n;
  CrChartRect     cell;
  /* The cell's scale from scale_min to scale_max, the mean on it and the
   * spread around it (mean ± spread, clamped to the scale). */
  double          scale_x0, scale_x1, scale_y;
  double          mean_x;
  double          spread_x0, spread_x1;
  /* The band as drawn: the spread, or where it would hide under the dot
   * (a spread under half a point), a whisker reaching just beyond it, so
   * a spread that is not zero always shows. Equal to mean_x without one. */
  double          band_x0, band_x1;
} CrChartScoreCell;

typedef struct
{
  double            width, height;
  double            font_size;
  guint             n_rows;    /* options */
  guint             n_columns; /* criteria (or one "Score"), then "Overall" when there are criteria */
  /* Lines of the column headers, as the longest needs: three at least
   * (one when numbered), CR_CHART_HEADER_MAX_LINES at most. */
  guint             header_lines;
  /* Where a criterion would not fit whole over its column, every
   * criterion's header is its number ("1"), each given whole in the
   * numbered key (the notes) above the headers. */
  gboolean          numbered;
  char            **column_texts;   /* n_columns: each header's text as drawn */
  double            dot_radius;     /* the mean's dot */
  /* The key, on the first line: a scale like the cells', its ends
   * labelled ("1" and "5"), a band and a dot on it, then "● average" and
   * "▬ spread" drawn with the same marks. */
  CrChartRect       key;
  double            key_scale_x0, key_scale_x1, key_y;
  CrChartRect       key_scale_min, key_scale_max; /* "1", "5" */
  double            key_mean_x, key_band_x0, key_band_x1;
  CrChartRect       key_mean, key_spread;         /* "average", "spread", right of their marks */
  CrChartRect      *row_headers;    /* n_rows */
  CrChartRect      *column_headers; /* n_columns */
  /* Each header's text as it is drawn (its ink): inside its own column,
   * never over a neighbour's or out of the chart. */
  CrChartRect      *column_header_ink; /* n_columns */
  CrChartScoreCell *cells;          /* row-major, n_rows * n_columns */
  /* The numbered key, when numbered: one entry per criterion, under the
   * key's line and above the column headers (so part of the grid's header,
   * repeated where it is continued), the number in bold then the
   * criterion whole at the body's size, note_indent from the entry's left. */
  guint             n_notes;
  guint            *note_columns;   /* n_notes: the columns they name */
  CrChartRect      *notes;          /* n_notes */
  double            note_indent;
} CrChartScoresLayout;

/* The most lines a score grid's column header takes. */
#define CR_CHART_HEADER_MAX_LINES 4

/* ---- Gap: today against the target, per option -------------------------- */

typedef struct
{
  const CrOption *option;
  double          current, target;               /* NAN when unknown */
  double          current_spread, target_spread; /* NAN for shares */
  CrChartRect     label;
  CrChartRect     axis;       /* the scale: 0 to 100 % or scale_min to scale_max */
  double          current_x, target_x;           /* NAN when unknown */
  double          current_x0, current_x1;        /* spread: equal to current_x without one */
  double          target_x0, target_x1;
  CrChartRect     value;
} CrChartGapRow;

typedef struct
{
  double         width, height;
  double         font_size;
  /* What the percentages are shares of (or what the scores are), on
   * the chart's first line. */
  CrChartRect    subtitle;
  /* The scale's ends, "0 %" and "100 %" (or "1" and "5"), on the line
   * above the first row, at the ends of the axes below them; the legend
   * on the same line, over the values' column ("○ Today → ● Target"). */
  CrChartRect    scale_start, scale_end;
  CrChartRect    legend;
  CrChartGapRow *rows;
  guint          n_rows;
} CrChartGapLayout;

/* ---- Change between two rounds of one question -------------------------- */

typedef struct
{
  const CrOption *option;
  double          before, after;  /* shares, or overall means for scores (NAN when unscored) */
  double          delta;          /* after - before; NAN when either is unknown */
  CrChartRect     label;
  CrChartRect     track;
  CrChartRect     before_bar;     /* the earlier round, thin */
  CrChartRect     after_bar;      /* the later round */
  CrChartRect     value;
} CrChartChangeRow;

typedef struct
{
  double            width, height;
  double            font_size;
  guint             before_round, after_round;
  char             *before_label, *after_label;  /* the legend's words */
  CrChartRect       legend;
  CrChartChangeRow *rows;
  guint             n_rows;
} CrChartChangeLayout;

/* Layouts. NULL for a tally that is not revealed (or of the wrong method);
 * @height may be 0 to ask for the natural height, which the layout's height
 * then reports; a larger height leaves the chart at the top. */
CrChartBarsLayout   *cr_chart_layout_bars   (const CrTally      *tally,
                                             const CrChartStyle *style,
                                             double              width,
                                             double              height);
CrChartScoresLayout *cr_chart_layout_scores (const CrTally      *tally,
                                             const CrChartStyle *style,
                                             double              width,
                                             double              height);
CrChartGapLayout    *cr_chart_layout_gap    (const CrGap        *gap,
                                             const CrChartStyle *style,
                                             double              width,
                                             double              height);
/* @before and @after: two revealed rounds of one question. */
CrChartChangeLayout *cr_chart_layout_change (const CrTally      *before,
                                             const CrTally      *after,
                                             const CrChartStyle *style,
                                             double              width,
                                             double              height);

void cr_chart_bars_layout_free   (CrChartBarsLayout   *layout);
void cr_chart_scores_layout_free (CrChartScoresLayout *layout);
void cr_chart_gap_layout_free    (CrChartGapLayout    *layout);
void cr_chart_change_layout_free (CrChartChangeLayout *layout);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CrChartBarsLayout, cr_chart_bars_layout_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CrChartScoresLayout, cr_chart_scores_layout_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CrChartGapLayout, cr_chart_gap_layout_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CrChartChangeLayout, cr_chart_change_layout_free)

/* The height a chart needs at @width: for reserving room in a page or a widget. */
double    cr_chart_tally_height  (const CrTally      *tally,
                                  const CrChartStyle *style,
                                  double              width);
double    cr_chart_gap_height    (const CrGap        *gap,
                                  const CrChartStyle *style,
                                  double              width);
double    cr_chart_change_height (const CrTally      *before,
                                  const CrTally      *after,
                                  const CrChartStyle *style,
                                  double              width);

/* Drawing, from (0, 0) to (@width, @height) in @cr's user space.
 * cr_chart_draw_tally draws bars for single-choice and dots rounds and the
 * score grid for score rounds. Each returns FALSE, having drawn only the
 * hidden-votes message (or, for the gap, a "nothing revealed yet" message),
 * when there is nothing it may show. */
gboolean  cr_chart_draw_tally    (cairo_t            *cr,
                                  const CrTally      *tally,
                                  const CrChartStyle *style,
                                  double              width,
                                  double              height);
gboolean  cr_chart_draw_gap      (cairo_t            *cr,
                                  const CrGap        *gap,
                                  const CrChartStyle *style,
                                  double              width,
                                  double              height);
gboolean  cr_chart_draw_change   (cairo_t            *cr,
                                  const CrTally      *before,
                                  const CrTally      *after,
                                  const CrChartStyle *style,
                                  double              width,
                                  double              height);

/* Draws "Votes are hidden until revealed", centred. */
void      cr_chart_draw_hidden   (cairo_t            *cr,
                                  const CrChartStyle *style,
                                  double              width,
                                  double              height);

/* Plain-language text alternatives, for accessible descriptions and
 * exports; NULL when the round (either round) is not revealed. */
char     *cr_chart_describe_tally  (const CrTally *tally);
char     *cr_chart_describe_gap    (const CrGap   *gap);
char     *cr_chart_describe_change (const CrTally *before,
                                    const CrTally *after);

/* The change from @from to @to as the change chart labels it: "+14 pts"
 * for shares (@points), "−0.5" for means, "no change", or "—" when either
 * is unknown; always the difference of the two figures as printed. */
char     *cr_chart_format_change   (double         from,
                                    double         to,
                                    gboolean       points);
/* A share ("43 %", whole percent) or a mean score ("3.5", "—" unknown) as
 * the charts label them, so tables beside a chart give the same figures.
 * A share that is not nothing never prints "0 %" but "<1 %", one that is
 * not everything never "100 %" but ">99 %"; a change counts them as 0 and
 * 100, and between "0 %" and "<1 %" prints "+<1 pt". */
char     *cr_chart_format_share    (double         share);
char     *cr_chart_format_mean     (double         mean);
/* A share in tenths of a percent, for tables ("42.9 %"), by the same rule. */
char     *cr_chart_format_share_tenths (double     share);
/* Option @option's line in the change from @before to @after, as the
 * change chart prints it: "57 % → 43 % · −14 pts", or "57 % → no votes
 * in round 2" where nobody voted in a round (no change is printed then). */
char     *cr_chart_change_value_text (const CrTally *before,
                                      const CrTally *after,
                                      guint          option);
/* Option @go's line of today against the target: "43 % → 60 % ·
 * +17 pts", or "no votes in round 3 → 10 %" where nobody voted in a side's
 * round. */
char     *cr_chart_gap_value_text    (const CrGap       *gap,
                                      const CrGapOption *go);
/* Option @option's figures in a tally's bars: "12 of 21 dots · 57 %". */
char     *cr_chart_tally_value_text  (const CrTally     *tally,
                                      guint              option);
/* Whether nobody voted in @tally's round: nothing cast, nothing scored. */
gboolean  cr_chart_tally_is_empty    (const CrTally *tally);
/* What stands for the figures of @tally's round where nobody voted in
 * it: "no votes on 3 November 2025" (its label), else "no votes in round 2". */
char     *cr_chart_no_votes_text     (const CrTally *tally);
/* A value then a later or wanted one, as the charts print them: "43 % →
 * 60 % · +17 pts"; @from_empty or @to_empty (NULL: that side had votes)
 * stands for a side nobody voted on, and then no change is printed. */
char     *cr_chart_from_to_text      (double         from,
                                      double         to,
                                      gboolean       scores,
                                      const char    *from_empty,
                                      const char    *to_empty);

/* ---- One chart of any kind ----------------------------------------------- */

typedef enum
{
  CR_CHART_KIND_TALLY,   /* one round: bars, or the score grid */
  CR_CHART_KIND_CHANGE,  /* two revealed rounds of one question */
  CR_CHART_KIND_GAP,     /* today against the target */
} CrChartKind;

/* What one chart shows, kept by a widget that draws it on every frame (the
 * results step, the room view): it owns its tallies or gap. */
typedef struct
{
  CrChartKind  kind;
  CrTally     *tally;   /* the round, or the earlier round of a change */
  CrTally     *after;   /* the later round of a change */
  CrGap       *gap;
} CrChartSpec;

/* Each takes what it is given. */
CrChartSpec *cr_chart_spec_new_tally  (CrTally *tally);
CrChartSpec *cr_chart_spec_new_change (CrTally *before,
                                       CrTally *after);
CrChartSpec *cr_chart_spec_new_gap    (CrGap   *gap);
void         cr_chart_spec_free       (CrChartSpec *spec);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CrChartSpec, cr_chart_spec_free)

/* cr_chart_*_height, cr_chart_draw_* and cr_chart_describe_* for the kind
 * of @spec, with the same refusal of a round that is not revealed. */
double       cr_chart_spec_height     (const CrChartSpec  *spec,
                                       const CrChartStyle *style,
                                       double              width);
gboolean     cr_chart_spec_draw       (cairo_t            *cr,
                                       const CrChartSpec  *spec,
                                       const CrChartStyle *style,
                                       double              width,
                                       double              height);
char        *cr_chart_spec_describe   (const CrChartSpec  *spec);
/* Where the chart may be split between two screens or pages: the top of
 * each row (an option) after the first, in the chart's coordinates, top
 * to bottom, so a chart taller than the room left is shown whole rows at a
 * time. The headers and legend stay with the first row. Empty for a
 * hidden round. */
GArray      *cr_chart_spec_row_breaks (const CrChartSpec  *spec,
                                       const CrChartStyle *style,
                                       double              width);
/* What a chart shows above its first row (the score grid's key and column
 * headers, the gap's subtitle, scale and legend, the change's legend): a
 * chart continued on another screen or page repeats it over its rows.
 * The height is 0 for a chart without one (bars) or a hidden round. */
double       cr_chart_spec_header_height (const CrChartSpec  *spec,
                                          const CrChartStyle *style,
                                          double              width);
/* Where the part of that header starts that a continued chart repeats
 * over its rows when all of it would not fit over one: the score grid's
 * column headers, under its numbered key and the key of its marks, which
 * the first rows are read with. 0 for a chart whose header goes whole. */
double       cr_chart_spec_columns_top   (const CrChartSpec  *spec,
                                          const CrChartStyle *style,
                                          double              width);
/* Draws that header alone, from (0, 0), on the style's background. */
void         cr_chart_spec_draw_header   (cairo_t            *cr,
                                          const CrChartSpec  *spec,
                                          const CrChartStyle *style,
                                          double              width);

G_END_DECLS
