/* cr-room-view.c: what the room sees on the projected screen
 *
 * The view follows the facilitator's current step and shows one thing at a
 * time, large: the step's title and time left, then the canvas with the
 * room's notes, the question being voted on, the result once it is
 * revealed, the recommendation or the first steps.
 *
 * The body is rebuilt from the workshop (at most once per main-loop turn)
 * whenever something it shows changes, so it never keeps a copy that could
 * go stale; a round that is not revealed contributes nothing to it but its
 * number, so a hidden vote cannot show through, not even to a screen reader.
 *
 * Text sizes follow the view's size: the body size is set on the view
 * through its own style provider and everything else is sized in em.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "crossroads-room"

#include "config.h"

#include <math.h>
#include <glib/gi18n.h>

#include "cr-canvas-state.h"
#include "cr-chart-area.h"
#include "cr-chart.h"
#include "cr-gap.h"
#include "cr-label.h"
#include "cr-note-row.h"
#include "cr-recommend.h"
#include "cr-room-view-private.h"
#include "cr-room-view.h"
#include "cr-rounds-watch.h"
#include "cr-tally.h"

#define ACCESSIBLE_TEXT_KEY "cr-room-accessible-text"
#define ACCESSIBLE_DESCRIPTION_KEY "cr-room-accessible-description"

/* Type sized for the room, not for the pixels. The last row at a
 * presentation sits about six picture heights from the screen, where the
 * picture's height subtends 2 atan (1/12) = 9.5° = 572′; the human-factors
 * guidance for reading on displays (ANSI/HFES 100) asks for characters of
 * at least 16′, preferably 20-22′. So the body's capital letters are at
 * least 3.5 % of the picture (20′), whatever its resolution: the same
 * screen shows the same physical size at 720p and at 1080p (a size that
 * grew slower than the pixels made 1080p's text physically smaller). The
 * picture is its height, or 9/16 of its width where that is smaller, so
 * 4:3 and 16:10 projectors, which fill the screen's width, follow the same
 * rule. The font size that gives those capitals is measured from the
 * typeface's own H (capitals are 0.70 of the size in Cantarell, 0.73 in
 * DejaVu Sans). Headings are larger (1.25 em and 1.45 em in style.css),
 * nothing is set under the body's size, and a step taller than the screen
 * pages as the canvas does. tests/test-room-view.c measures the capitals. */
#define CAP_SHARE     0.035
#define PICTURE_RATIO (9.0 / 16.0)
#define MIN_FONT_PX   12
/* Two charts side by side need this many body sizes of width. */
#define WIDE_EMS 45
/* The least width of the room's wrapping labels, in characters. */
#define ROOM_MIN_CHARS 10

struct _CrRoomView
{
  AdwBin          parent_instance;

  CrWorkshop     *workshop;
  CrTemplate     *template;
  char           *step_id;
  gint64          time_left;
  gboolean        blank;

  /* Followed console, if any: a weak pointer, the bindings die with it. */
  CrWorkshopPage *page;
  GBinding       *step_binding;
  GBinding       *time_binding;

  CrPhoneServer  *phone_server;
  GBinding       *phones_binding;
  GtkWidget      *menu;

  CrRoundsWatch  *rounds_watch;
  GPtrArray      *watched_items;   /* notes and actions whose notify we follow */
  guint           rebuild_source;

  int             font_px;
  int             wanted_font_px;
  double          sized_picture;   /* the picture size body_px_for last measured for */
  char           *sized_family;    /* ...in this typeface */
  int             sized_px;
  int             chart_px;        /* the charts' text size: capitals as tall as the body's */
  guint           n_columns;       /* the step's columns or cards side by side (see wrap_columns()) */
  guint           columns_per_row; /* ...as many to a row as the body had room for */
  double          column_width;    /* ...each this wide at least, with the gap to the next */
  double          column_gap;
  guint           font_source;
  GtkCssProvider *font_provider;

  GtkStack       *stack;
  GtkLabel       *title_label;
  GtkLabel       *progress_label;
  GtkLabel       *more_label;
  GtkLabel       *timer_label;
  GtkScrolledWindow *scrolled;
  GtkBox         *body;
  GtkWidget      *tail;            /* room below the body for a last screen that starts at a block */
  GtkWidget      *veil;            /* over the scroller: what of a tall block waits for the next screen */
  double          caption_value;   /* the screen that has captions, or -1 */
  double          caption_y;       /* ...and where its own blocks start, under them */
  GArray         *veils;           /* graphene_rect_t, in the veil's coordinates */
  GPtrArray      *caption_lines;   /* CaptionLine, drawn on the veil */
  double          pending_value;   /* where to go once the tail has grown, or -1 */
  int             vote_fit_width;  /* the size the options' summaries gave way at */
  int             vote_fit_height;
  int             paged_block;     /* the block the screen Page Down or Up brought starts at, or -1 */
  int             paged_width;     /* ...and the view's size then */
  int             paged_height;
  guint           more_source;
};

G_DEFINE_FINAL_TYPE (CrRoomView, cr_room_view, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_WORKSHOP,
  PROP_STEP_ID,
  PROP_TIME_LEFT,
  PROP_BLANK,
  PROP_PHONE_SERVER,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void queue_rebuild (CrRoomView *self);
static void queue_update_more (CrRoomView *self);

/* ---- Small pieces -------------------------------------------------------- */

static void
set_accessible_text (GtkWidget  *widget,
                     const char *text)
{
  g_object_set_data_full (G_OBJECT (widget), ACCESSIBLE_TEXT_KEY, g_strdup (text), g_free);
  gtk_accessible_update_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_LABEL, text, -1);
}

const char *
cr_room_view_get_accessible_text (GtkWidget *widget)
{
  g_return_val_if_fail (GTK_IS_WIDGET (widget), NULL);
  return g_object_get_data (G_OBJECT (widget), ACCESSIBLE_TEXT_KEY);
}

const char *
cr_room_view_get_accessible_description (GtkWidget *widget)
{
  g_return_val_if_fail (GTK_IS_WIDGET (widget), NULL);
  return g_object_get_data (G_OBJECT (widget), ACCESSIBLE_DESCRIPTION_KEY);
}

static GtkWidget *
add_label (GtkBox     *box,
           const char *text,
           const char *css_class)
{
  GtkWidget *label = cr_label_new_wrapping (text, css_class);

  /* Type sized for the room leaves three columns of a 4:3 picture some 16
   * characters each: narrower than the window's labels may go. */
  gtk_label_set_width_chars (GTK_LABEL (label), ROOM_MIN_CHARS);
  gtk_box_append (box, label);
  return label;
}

/* A label that never wraps: the header's time left and "Continued". */
static GtkLabel *
add_line (GtkBox     *box,
          const char *css_class)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0.0);
  gtk_widget_add_css_class (label, css_class);
  gtk_box_append (box, label);
  return GTK_LABEL (label);
}

static GtkBox *
add_box (GtkBox         *parent,
         GtkOrientation  orientation,
         const char     *css_class)
{
  GtkWidget *box = gtk_box_new (orientation, 0);

  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    gtk_box_set_homogeneous (GTK_BOX (box), TRUE);
  if (css_class != NULL)
    gtk_widget_add_css_class (box, css_class);
  gtk_box_append (parent, box);
  return GTK_BOX (box);
}

static GtkBox *
add_card (GtkBox *parent)
{
  GtkBox *card = add_box (parent, GTK_ORIENTATION_VERTICAL, "room-card");

  gtk_widget_add_css_class (GTK_WIDGET (card), "room-stack");
  return card;
}

/* How many columns of @self->column_width fit side by side in @width; one
 * before the body has a width (a view not shown yet), which asks for the
 * least and is rebuilt once it has one. */
static guint
columns_fitting (CrRoomView *self,
                 int         width)
{
  guint fit;

  if (width <= 0)
    return 1;
  fit = (guint) MAX (floor ((width + self->column_gap + 0.5) / self->column_width), 1);
  return MIN (fit, self->n_columns);
}

/* Takes @row, a row of columns (an option's notes on the canvas, its card
 * on a vote step) just built, and breaks it into rows of as many as fit the
 * body's width at the room's type size, one under another, so the body
 * asks for no more width than the picture has: templates may have twelve
 * options, and five side by side once asked 1527 px of a 1280 px picture,
 * which cropped the title, the timer and the outer columns. Each column
 * keeps the width of the others in the last row too. The rows page as the
 * rest of the body does; size_allocate rebuilds where another number of
 * columns fits (see cr_room_view_size_allocate()). */
static void
wrap_columns (CrRoomView *self,
              GtkBox     *row)
{
  g_autoptr(GPtrArray) columns = g_ptr_array_new_with_free_func (g_object_unref);
  double widest = 0;
  int all;
  guint n = 0;
  GtkWidget *child;

  /* Three always fit: the type is sized so that a picture of any shape is
   * some 34 body sizes wide, and a column needs 9 at most. (Nor is what
   * fits measured, which would lay the step out before its time.) */
  for (child = gtk_widget_get_first_child (GTK_WIDGET (row)); child != NULL; child = gtk_widget_get_next_sibling (child))
    n++;
  if (n <= 3)
    return;
  for (child = gtk_widget_get_first_child (GTK_WIDGET (row)); child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      int minimum;

      gtk_widget_measure (child, GTK_ORIENTATION_HORIZONTAL, -1, &minimum, NULL, NULL, NULL);
      widest = MAX (widest, minimum);
      g_ptr_array_add (columns, g_object_ref (child));
    }
  /* The gap between columns is the row's style: what a row of them all
   * needs beyond their widths. */
  gtk_widget_measure (GTK_WIDGET (row), GTK_ORIENTATION_HORIZONTAL, -1, &all, NULL, NULL, NULL);
  self->n_columns = columns->len;
  self->column_gap = MAX (all - widest * columns->len, 0) / (columns->len - 1);
  self->column_width = widest + self->column_gap;
  self->columns_per_row = columns_fitting (self, gtk_widget_get_width (GTK_WIDGET (self->body)));
  if (self->columns_per_row >= columns->len)
    return;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (row))) != NULL)
    gtk_box_remove (row, child);
  for (guint i = 0; i < columns->len; i++)
    {
      if (i > 0 && i % self->columns_per_row == 0)
        {
          GtkBox *next = GTK_BOX (gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0));

          gtk_box_set_homogeneous (next, TRUE);
          gtk_widget_add_css_class (GTK_WIDGET (next), "room-row");
          gtk_box_insert_child_after (GTK_BOX (gtk_widget_get_parent (GTK_WIDGET (row))), GTK_WIDGET (next),
                                      GTK_WIDGET (row));
          row = next;
        }
      gtk_box_append (row, g_ptr_array_index (columns, i));
    }
  for (guint i = columns->len % self->columns_per_row; i > 0 && i < self->columns_per_row; i++)
    gtk_box_append (row, gtk_box_new (GTK_ORIENTATION_VERTICAL, 0));
}

static char *
format_clock (gint64 seconds)
{
  gint64 s = ABS (seconds);

  if (seconds < 0)
    /* Translators: the step's time box is over by minutes:seconds, e.g. "2:05 over" */
    return g_strdup_printf (_("%lld:%02lld over"), (long long) (s / 60), (long long) (s % 60));
  /* Translators: minutes:seconds left of the step's time box, e.g. "12:05 left" */
  return g_strdup_printf (_("%lld:%02lld left"), (long long) (s / 60), (long long) (s % 60));
}

static const CrAgendaStep *
find_step (CrRoomView *self,
           int        *index)
{
  guint n = cr_workshop_get_n_steps (self->workshop);

  for (guint i = 0; i < n; i++)
    {
      const CrAgendaStep *step = cr_workshop_get_step (self->workshop, i);

      if (g_strcmp0 (step->id, self->step_id) == 0)
        {
          if (index != NULL)
            *index = (int) i;
          return step;
        }
    }
  return NULL;
}

/* ---- Set-up and context ---------------------------------------------------- */

static void
build_setup (CrRoomView         *self,
             const CrAgendaStep *step)
{
  const char *organisation = cr_workshop_get_organisation (self->workshop);
  const char *facilitator = cr_workshop_get_facilitator (self->workshop);
  g_autofree char *line = NULL;

  add_label (self->body, cr_workshop_get_title (self->workshop), "room-display");
  if (organisation != NULL && *organisation != '\0')
    /* Translators: the organisation and the workshop's date, e.g. "Acme · 2026-11-23" */
    line = g_strdup_printf (_("%s · %s"), organisation, cr_workshop_get_date (self->workshop));
  else
    line = g_strdup (cr_workshop_get_date (self->workshop));
  add_label (self->body, line, "room-secondary");
  if (facilitator != NULL && *facilitator != '\0')
    {
      /* Translators: who runs the workshop */
      g_autofree char *by = g_strdup_printf (_("Facilitated by %s"), facilitator);

      add_label (self->body, by, "room-secondary");
    }
  if (step->description != NULL)
    add_label (self->body, step->description, "room-body");
}

static char *
format_context_value (const CrContextField  *field,
                      const CrContextValue  *value)
{
  const CrChoice *choice;

  switch (field->kind)
    {
    case CR_CONTEXT_CHOICE:
      choice = cr_context_field_find_choice (field, value->text);
      return g_strdup (choice != NULL ? choice->label : value->text);

    case CR_CONTEXT_SCALE:
      /* Translators: a value on a scale, e.g. "3 of 5" */
      return g_strdup_printf (_("%g of %d"), value->number, field->scale_max);

    case CR_CONTEXT_NUMBER:
      return g_strdup_printf ("%g", value->number);

    case CR_CONTEXT_TEXT:
    default:
      return g_strdup (value->text);
    }
}

static void
build_context (CrRoomView         *self,
               const CrAgendaStep *step)
{
  guint n = cr_template_get_n_context (self->template);
  GtkBox *grid = NULL;
  guint shown = 0;

  if (step->description != NULL)
    add_label (self->body, step->description, "room-secondary");

  for (guint i = 0; i < n; i++)
    {
      const CrContextField *field = cr_template_get_context (self->template, i);
      const CrContextValue *value = cr_workshop_get_context (self->workshop, field->id);
      g_autofree char *text = NULL;
      GtkBox *card;

      if (value == NULL)
        continue;
      /* Two answers to a row: seven fields fill the screen without scrolling. */
      if (shown % 2 == 0)
        grid = add_box (self->body, GTK_ORIENTATION_HORIZONTAL, "room-row");
      card = add_card (grid);
      add_label (card, field->label, "room-secondary");
      text = format_context_value (field, value);
      add_label (card, text, "room-heading");
      shown++;
    }

  if (shown == 0)
    add_label (self->body, _("The context has not been filled in yet."), "room-body");
  else if (shown % 2 == 1)
    /* Keeps the last card half wide, like the others. */
    gtk_box_append (grid, gtk_box_new (GTK_ORIENTATION_VERTICAL, 0));
}

/* On a column of the body (an option's notes on the canvas, a round's
 * result): what a screen that goes on with it from the screen before says
 * at its top (see captions_at()). */
#define CAPTION_KEY "cr-room-caption"
/* On a column that does not name what it shows at its own top (a round's
 * result under its question's first round): what a screen that starts at
 * the column's top says above it, e.g. the question. */
#define START_CAPTION_KEY "cr-room-start-caption"

/* ---- Canvas ---------------------------------------------------------------- */

static void
build_canvas (CrRoomView *self)
{
  g_autoptr(CrCanvasState) state = cr_canvas_state_new (self->workshop);
  GtkBox *columns = add_box (self->body, GTK_ORIENTATION_HORIZONTAL, "room-row");

  for (guint o = 0; o < cr_canvas_state_get_n_columns (state); o++)
    {
      const CrCanvasColumn *column = g_ptr_array_index (state->columns, o);
      GtkBox *box = add_box (columns, GTK_ORIENTATION_VERTICAL, "room-stack");
      guint n_notes = 0;

      /* Body size, bold: three option titles side by side wrap less. */
      add_label (box, column->option->title, "room-heading");
      /* Translators: at the top of a screen that goes on with an option's
       * notes, or a round's result, from the screen before, e.g.
       * "People Experience as a Product (continued)" */
      g_object_set_data_full (G_OBJECT (box), CAPTION_KEY, g_strdup_printf (_("%s (continued)"), column->option->title),
                              g_free);

      for (guint k = 0; k < CR_N_NOTE_KINDS; k++)
        {
          GPtrArray *lane = cr_canvas_state_get_lane (state, o, (CrNoteKind) k);

          if (lane->len == 0)
            continue;
          add_label (box, cr_note_kind_get_lane_title ((CrNoteKind) k), "room-lane");
          for (guint i = 0; i < lane->len; i++)
            {
              GtkBox *card = add_card (box);

              gtk_widget_add_css_class (GTK_WIDGET (card), "room-note");
              add_label (card, cr_note_get_text (g_ptr_array_index (lane, i)), "room-body");
            }
          n_notes += lane->len;
        }

      /* Before the room has said anything, the option says what it is. */
      if (n_notes == 0 && column->option->summary != NULL)
        add_label (box, column->option->summary, "room-secondary");
    }
  wrap_columns (self, columns);
}

/* ---- Charts ---------------------------------------------------------------- */

/* The room's colours and type size: text in the chart is body text. @self
 * may be NULL (a chart not in a view yet): the smallest promised size. */
static void
chart_style_for (CrRoomView   *self,
                 GtkWidget    *area,
                 CrChartStyle *style)
{
  GdkRGBA foreground, page;
  int px = self != NULL && self->chart_px > 0 ? self->chart_px : 24;

  cr_chart_style_init (style, cr_chart_area_theme (), px / 10.0);
  /* Rows closer than on a page: the type is the back row's, and a screen
   * of 1280x720 held only three bars or one row of the score grid. */
  style->dense = TRUE;
  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  gtk_style_context_get_color (gtk_widget_get_style_context (area), &foreground);
  G_GNUC_END_IGNORE_DEPRECATIONS
  style->foreground = (CrChartColor) { foreground.red, foreground.green, foreground.blue, foreground.alpha };
  /* The page itself, so today's ring is filled with it and the line
   * between today and the target does not show through. */
  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  if (gtk_style_context_lookup_color (gtk_widget_get_style_context (area), "room_bg_color", &page))
    style->background = (CrChartColor) { page.red, page.green, page.blue, 1.0 };
  else
    /* Transparent: the room view's background shows through. */
    style->background.alpha = 0;
  G_GNUC_END_IGNORE_DEPRECATIONS
}

/* On a chart: its CrChartSpec (owned by the draw function), the bands
 * of rows not drawn because a screen's edge cuts them (a GArray of
 * CrChartRect, in the chart's coordinates), and where a chart continued
 * from the screen before repeats its header over its rows (a CrChartRect,
 * or none). */
#define CHART_SPEC_KEY   "cr-room-chart-spec"
#define CHART_HIDDEN_KEY "cr-room-chart-hidden"
#define CHART_HEADER_KEY "cr-room-chart-header"

static CrRoomView *
view_of (GtkWidget *area)
{
  return CR_ROOM_VIEW (gtk_widget_get_ancestor (area, CR_TYPE_ROOM_VIEW));
}

/* @user_data: the chart's CrChartSpec, made when the body is built; the
 * body is rebuilt on every change, so it is never older than the page. */
static void
draw_chart (GtkDrawingArea *area,
            cairo_t        *cr,
            int             width,
            int             height,
            gpointer        user_data)
{
  CrChartStyle style;
  GArray *hidden = g_object_get_data (G_OBJECT (area), CHART_HIDDEN_KEY);
  const CrChartRect *header = g_object_get_data (G_OBJECT (area), CHART_HEADER_KEY);

  chart_style_for (view_of (GTK_WIDGET (area)), GTK_WIDGET (area), &style);
  cairo_save (cr);
  /* The rows a screen's edge cuts are not drawn (see hide_cut_blocks()):
   * the chart less those bands. */
  if (hidden != NULL && hidden->len > 0)
    {
      cairo_rectangle (cr, 0, 0, width, height);
      for (guint i = 0; i < hidden->len; i++)
        {
          const CrChartRect *band = &g_array_index (hidden, CrChartRect, i);

          cairo_rectangle (cr, 0, band->y, width, band->height);
        }
      cairo_set_fill_rule (cr, CAIRO_FILL_RULE_EVEN_ODD);
      cairo_clip (cr);
    }
  cr_chart_spec_draw (cr, user_data, &style, width, height);
  cairo_restore (cr);
  /* Continued: the column headers (or legend and scale) again, over the
   * rows the screen before showed, so the room need not remember them. */
  if (header != NULL)
    {
      /* Its foot only where that is what is repeated (see
       * collect_extents()): the column headings under a long key. */
      double skip = MAX (cr_chart_spec_header_height (user_data, &style, width) - header->height, 0);

      cairo_save (cr);
      cairo_rectangle (cr, 0, header->y, width, header->height);
      cairo_clip (cr);
      cairo_translate (cr, 0, header->y - skip);
      cr_chart_spec_draw_header (cr, user_data, &style, width);
      cairo_restore (cr);
    }
}

/* The chart's height follows its width. */
static void
on_chart_resize (GtkDrawingArea *area,
                 int             width,
                 int             height,
                 gpointer        user_data)
{
  CrChartStyle style;
  int wanted;

  chart_style_for (view_of (GTK_WIDGET (area)), GTK_WIDGET (area), &style);
  wanted = (int) ceil (cr_chart_spec_height (user_data, &style, width));
  if (wanted != gtk_drawing_area_get_content_height (area))
    gtk_drawing_area_set_content_height (area, wanted);
}

/* Takes @spec. An image to assistive technologies, named by @label and
 * described by the core's plain-language summary of the same numbers. */
static void
add_chart (CrRoomView  *self,
           GtkBox      *box,
           CrChartSpec *spec,
           const char  *label)
{
  GtkWidget *area = g_object_new (GTK_TYPE_DRAWING_AREA,
                                  "accessible-role", GTK_ACCESSIBLE_ROLE_IMG,
                                  NULL);
  g_autofree char *description = cr_chart_spec_describe (spec);
  CrChartStyle style;
  int width = gtk_widget_get_width (GTK_WIDGET (self->body));

  /* The core refuses to describe a hidden round; nor is one ever drawn here. */
  g_assert (description != NULL);

  gtk_widget_add_css_class (area, "room-chart");
  gtk_widget_set_hexpand (area, TRUE);
  chart_style_for (self, area, &style);
  gtk_drawing_area_set_content_height (GTK_DRAWING_AREA (area),
                                       (int) ceil (cr_chart_spec_height (spec, &style, width > 0 ? width : 1200)));
  gtk_drawing_area_set_draw_func (GTK_DRAWING_AREA (area), draw_chart, spec,
                                  (GDestroyNotify) cr_chart_spec_free);
  g_signal_connect (area, "resize", G_CALLBACK (on_chart_resize), spec);
  g_object_set_data (G_OBJECT (area), CHART_SPEC_KEY, spec);
  set_accessible_text (area, label);
  g_object_set_data_full (G_OBJECT (area), ACCESSIBLE_DESCRIPTION_KEY, g_strdup (description), g_free);
  gtk_accessible_update_property (GTK_ACCESSIBLE (area), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, description, -1);
  gtk_box_append (box, area);
}

static void
add_tally_chart (CrRoomView *self,
                 GtkBox     *box,
                 CrRound    *round,
                 const char *label)
{
  add_chart (self, box, cr_chart_spec_new_tally (cr_tally_compute (self->template, round)), label);
}

/* ---- Rounds ---------------------------------------------------------------- */

static char *
method_line (const CrQuestion *question)
{
  g_autoptr(GString) criteria = NULL;

  switch (question->method)
    {
    case CR_METHOD_SINGLE:
      return g_strdup (_("One choice each."));

    case CR_METHOD_DOTS:
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                           "%d dot each, on one option or spread over several.",
                                           "%d dots each, on one option or spread over several.",
                                           question->budget),
                              question->budget);

    case CR_METHOD_SCORE:
      if (question->criteria->len == 0)
        /* Translators: the ends of the score scale */
        return g_strdup_printf (_("A score from %d to %d for each."), question->scale_min, question->scale_max);
      criteria = g_string_new (NULL);
      for (guint c = 0; c < question->criteria->len; c++)
        {
          const CrCriterion *criterion = g_ptr_array_index (question->criteria, c);

          if (c > 0)
            g_string_append (criteria, _(", "));
          g_string_append (criteria, criterion->label);
        }
      /* Translators: the ends of the score scale, then the criteria, e.g. "A score from 1 to 5 on speed, cost" */
      return g_strdup_printf (_("A score from %d to %d for each on: %s."),
                              question->scale_min, question->scale_max, criteria->str);

    default:
      g_assert_not_reached ();
    }
}

/* The two newest revealed rounds of a question, newest first. */
static guint
latest_revealed (CrRoomView  *self,
                 const char  *question_id,
                 CrRound    **latest,
                 CrRound    **before)
{
  GListModel *rounds = cr_workshop_get_rounds (self->workshop);
  guint found = 0;

  *latest = *before = NULL;
  for (guint i = g_list_model_get_n_items (rounds); i > 0 && found < 2; i--)
    {
      g_autoptr(CrRound) round = g_list_model_get_item (rounds, i - 1);

      if (!cr_round_get_revealed (round) || g_strcmp0 (cr_round_get_question (round), question_id) != 0)
        continue;
      if (found++ == 0)
        *latest = round;
      else
        *before = round;
    }
  return found;
}

/* An option's summary on a vote step's card: it gives way where the cards
 * would not fit on the first screen (see fit_vote()). */
#define VOTE_SUMMARY_CLASS "room-vote-summary"

static void
build_vote (CrRoomView         *self,
            const CrAgendaStep *step)
{
  const CrQuestion *question = cr_template_find_question (self->template, step->question);
  CrRound *round;
  g_autofree char *method = NULL;
  g_autofree char *status = NULL;

  if (question == NULL)
    return;

  round = cr_workshop_find_latest_round (self->workshop, question->id, FALSE);

  if (round != NULL && cr_round_get_revealed (round))
    {
      CrRound *latest, *before;
      GtkBox *box = self->body;
      gboolean again = latest_revealed (self, question->id, &latest, &before) == 2 && latest == round;
      gboolean beside = again && _cr_room_view_is_wide (self);

      /* Revealed, the question heads its result as in the results step,
       * a title rather than the display it is while the room votes, so
       * that it, the round and the chart's first row (with a score
       * grid's key and column headings) share the first screen: set for
       * display, the question once stood alone over nothing there. */
      add_label (self->body, question->prompt, "room-title");

      /* A question asked again: the result, and beside it (or under it,
       * where two charts' figures would not fit side by side) what moved
       * since the round before (the results step shows only today against
       * the target when both are known). Revealed rounds only: the newest
       * is revealed here, so no open round is among them. */
      if (beside)
        box = add_box (add_box (self->body, GTK_ORIENTATION_HORIZONTAL, "room-row"),
                       GTK_ORIENTATION_VERTICAL, "room-stack");
      else
        box = add_box (self->body, GTK_ORIENTATION_VERTICAL, "room-stack");
      /* A screen that goes on with its rows (a score grid taller than the
       * screen) says whose they are, as the results step's do. */
      {
        g_autofree char *label = g_strdup_printf (_("%s Round %u"), question->prompt, cr_round_get_number (round));

        g_object_set_data_full (G_OBJECT (box), CAPTION_KEY, g_strdup_printf (_("%s (continued)"), label), g_free);
      }

      /* Translators: above a revealed result, e.g. "Round 2: the result" */
      status = g_strdup_printf (_("Round %u: the result"), cr_round_get_number (round));
      add_label (box, status, "room-status");
      add_tally_chart (self, box, round, status);

      if (again)
        {
          /* Translators: above the change between two revealed rounds, e.g. "What moved from round 1 to round 2" */
          g_autofree char *heading = g_strdup_printf (_("What moved from round %u to round %u"),
                                                      cr_round_get_number (before), cr_round_get_number (latest));

          if (beside)
            box = add_box (GTK_BOX (gtk_widget_get_parent (GTK_WIDGET (box))), GTK_ORIENTATION_VERTICAL, "room-stack");
          add_label (box, heading, "room-status");
          add_chart (self, box, cr_chart_spec_new_change (cr_tally_compute (self->template, before),
                                                          cr_tally_compute (self->template, latest)),
                     heading);
        }
      return;
    }

  /* A title, as over a revealed result, rather than the display it once
   * was: the question, how to vote, the round's status and the options
   * share the first screen, so the room never reads the question alone
   * and the options on the next screen without it. */
  add_label (self->body, question->prompt, "room-title");
  method = method_line (question);

  /* While a round is open the room sees only that it is open: not who voted,
   * not how many, nothing that could anchor the rest of the room. */
  if (round != NULL)
    /* Translators: a hidden round is open, e.g. "Round 1: voting is open" */
    status = g_strdup_printf (_("Round %u: voting is open. The result is shown once it is revealed."),
                              cr_round_get_number (round));
  else
    status = g_strdup (_("Voting has not started yet."));

  /* Phones voting on this question: beside these, how to join and how
   * many ballots are in (a count, never whose or what). */
  if (round != NULL && self->phone_server != NULL && cr_phone_server_get_running (self->phone_server) &&
      (cr_phone_server_get_question (self->phone_server) == NULL ||
       g_strcmp0 (cr_phone_server_get_question (self->phone_server), question->id) == 0))
    _cr_room_view_add_phones (self, self->phone_server, question, round, method, status);
  else
    {
      /* How to vote, over the status: with it, and it with the options. */
      gtk_widget_add_css_class (add_label (self->body, method, "room-secondary"), "room-with-next");
      add_label (self->body, status, "room-status");
    }

  {
    GtkBox *row = add_box (self->body, GTK_ORIENTATION_HORIZONTAL, "room-row");

    for (guint o = 0; o < cr_template_get_n_options (self->template); o++)
      {
        const CrOption *option = cr_template_get_option (self->template, o);
        GtkBox *card = add_card (row);

        add_label (card, option->title, "room-heading");
        if (option->summary != NULL)
          gtk_widget_add_css_class (add_label (card, option->summary, "room-body"), VOTE_SUMMARY_CLASS);
      }
    wrap_columns (self, row);
  }
}

static void
add_open_round (GtkBox           *box,
                const CrQuestion *question,
                CrRound          *round)
{
  /* Translators: a round still hidden, e.g. "Round 2 of “Where do we want to be?”: voting is open." */
  g_autofree char *text = g_strdup_printf (_("Round %u of “%s”: voting is open."),
                                           cr_round_get_number (round), question->prompt);

  /* A line of its own, not a heading: it needs nothing after it on its
   * screen. */
  gtk_widget_add_css_class (add_label (box, text, "room-status"), "room-standalone");
}

/* What the room said: today against the target when both have a revealed
 * round, then every revealed round of every question, each with its own
 * chart, a screen at a time when they do not fit. Open rounds say only
 * that they are open. */
static void
build_results (CrRoomView *self)
{
  g_autoptr(CrGap) gap = cr_gap_compute_workshop (self->workshop);
  GListModel *rounds = cr_workshop_get_rounds (self->workshop);
  guint n = cr_template_get_n_questions (self->template);
  guint shown = 0;

  if (gap->current_question != NULL && gap->current_round > 0 && gap->target_round > 0)
    {
      const char *heading = _("Today and the target");

      add_label (self->body, heading, "room-title");
      add_chart (self, self->body, cr_chart_spec_new_gap (g_steal_pointer (&gap)), heading);
      shown++;
    }

  for (guint q = 0; q < n; q++)
    {
      const CrQuestion *question = cr_template_get_question (self->template, q);
      gboolean heading_shown = FALSE;

      /* Rounds in the order they were opened, which is their number order. */
      for (guint i = 0; i < g_list_model_get_n_items (rounds); i++)
        {
          g_autoptr(CrRound) round = g_list_model_get_item (rounds, i);
          g_autofree char *status = NULL;
          GtkBox *box;

          if (g_strcmp0 (cr_round_get_question (round), question->id) != 0)
            continue;
          shown++;
          if (!cr_round_get_revealed (round))
            {
              add_open_round (self->body, question, round);
              continue;
            }
          /* The question (before its first round), the round's number and
           * its chart: one column, kept together on a screen. */
          box = add_box (self->body, GTK_ORIENTATION_VERTICAL, "room-stack");
          if (!heading_shown)
            {
              add_label (box, question->prompt, "room-title");
              heading_shown = TRUE;
            }
          else
            /* A later round that starts a screen says of which question:
             * the step shows several, each with rounds of the same numbers. */
            g_object_set_data_full (G_OBJECT (box), START_CAPTION_KEY, g_strdup (question->prompt), g_free);
          /* Translators: above a revealed result, e.g. "Round 2: the result" */
          status = g_strdup_printf (_("Round %u: the result"), cr_round_get_number (round));
          add_label (box, status, "room-status");
          /* Translators: a chart's name: the question and the round, e.g. "Where are we today? Round 2" */
          {
            g_autofree char *label = g_strdup_printf (_("%s Round %u"), question->prompt, cr_round_get_number (round));

            /* A screen that goes on with its rows says whose they are:
             * the question too, as the step shows several, each with
             * rounds of the same numbers. */
            g_object_set_data_full (G_OBJECT (box), CAPTION_KEY, g_strdup_printf (_("%s (continued)"), label), g_free);
            add_tally_chart (self, box, round, label);
          }
        }
    }

  if (shown == 0)
    add_label (self->body, _("No votes have been taken yet."), "room-body");
}

/* ---- Recommendation and actions ---------------------------------------------- */

/* Every reason, each with the weight it added: the room sees why, not a
 * summary of it. A long list goes on to the next screen. */
static void
add_reasons (GtkBox    *box,
             GPtrArray *reasons)
{
  for (guint i = 0; i < reasons->len; i++)
    {
      const CrReason *reason = g_ptr_array_index (reasons, i);
      GtkWidget *line = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
      GtkWidget *text;
      g_autofree char *spoken = NULL;

      gtk_widget_add_css_class (line, "room-reason");
      if (reason->kind != CR_REASON_NOTE)
        {
          g_autofree char *weight = cr_recommend_format_weight (reason->weight);
          GtkWidget *number = gtk_label_new (weight);

          gtk_label_set_xalign (GTK_LABEL (number), 1.0);
          gtk_label_set_width_chars (GTK_LABEL (number), 4);
          gtk_widget_set_valign (number, GTK_ALIGN_START);
          gtk_widget_add_css_class (number, "room-heading");
          gtk_widget_add_css_class (number, "numeric");
          gtk_box_append (GTK_BOX (line), number);
          /* Translators: a reason and the weight it added, e.g. "…, +2" */
          spoken = g_strdup_printf (_("%s, %s"), reason->text, weight);
        }
      text = cr_label_new_wrapping (reason->text, "room-body");
      gtk_label_set_width_chars (GTK_LABEL (text), ROOM_MIN_CHARS);
      gtk_widget_set_hexpand (text, TRUE);
      gtk_box_append (GTK_BOX (line), text);
      set_accessible_text (line, spoken != NULL ? spoken : reason->text);
      gtk_box_append (box, line);
    }
}

/* A rule of the context, once: its reason, and under it what it gave
 * each option it bears on ("Productised HR as a Service +2 · …"). */
static void
add_rule (GtkBox       *box,
          CrTemplate   *template,
          const CrRule *rule)
{
  GtkBox *line = add_box (box, GTK_ORIENTATION_VERTICAL, "room-reason");
  g_autoptr(GString) weights = g_string_new (NULL);
  g_autofree char *spoken = NULL;

  for (guint k = 0; k < rule->option_ids->len; k++)
    {
      const CrOption *option = cr_template_find_option (template, g_ptr_array_index (rule->option_ids, k));
      g_autofree char *weight = cr_recommend_format_weight (g_array_index (rule->weights, double, k));

      if (option == NULL)
        continue;
      if (weights->len > 0)
        g_string_append (weights, " · ");
      /* Translators: what one reason gave an option, e.g. "People Experience as a Product +2" */
      g_string_append_printf (weights, _("%s %s"), option->title, weight);
    }
  /* The reason is read with what it gave: never at a screen's foot
   * with its weights on the next (see collect_extents()). */
  gtk_widget_add_css_class (add_label (line, rule->reason, "room-body"), "room-with-next");
  add_label (line, weights->str, "room-secondary");
  /* Translators: a reason and the weight it added, e.g. "…, +2" */
  spoken = g_strdup_printf (_("%s, %s"), rule->reason, weights->str);
  set_accessible_text (GTK_WIDGET (line), spoken);
}

static void
add_pick (GtkBox     *row,
          const char *heading,
          CrTemplate *template,
          const char *option_id,
          GPtrArray  *reasons)
{
  const CrOption *option = cr_template_find_option (template, option_id);
  GtkBox *card = add_card (row);

  add_label (card, heading, "room-secondary");
  add_label (card, option != NULL ? option->title : option_id, "room-title");
  if (reasons != NULL)
    add_reasons (card, reasons);
}

static const char *
title_of (CrTemplate *template,
          const char *option_id)
{
  const CrOption *option = option_id != NULL ? cr_template_find_option (template, option_id) : NULL;

  return option != NULL ? option->title : NULL;
}

/* What the room decided leads: the recommendation is beside it. */
static void
add_room_decision (CrRoomView *self,
                   gboolean    with_reasoning)
{
  const CrDecision *decision = cr_workshop_get_decision (self->workshop);
  const char *start, *aim;
  GtkBox *card;

  if (decision == NULL)
    return;

  start = title_of (self->template, decision->start_with);
  aim = title_of (self->template, decision->aim_for);
  card = add_card (self->body);
  gtk_widget_add_css_class (GTK_WIDGET (card), "room-decision");
  add_label (card, _("The room's decision"), "room-secondary");
  if (start != NULL && aim != NULL)
    {
      /* Translators: the room's decision, e.g. "Start with Projects as Products, aim for People Experience as a Product" */
      g_autofree char *text = g_strdup_printf (_("Start with %s, aim for %s"), start, aim);

      add_label (card, text, "room-title");
    }
  else if (start != NULL)
    add_label (card, start, "room-title");
  else if (aim != NULL)
    {
      /* Translators: the room decided only where to aim, e.g. "Aim for People Experience as a Product" */
      g_autofree char *text = g_strdup_printf (_("Aim for %s"), aim);

      add_label (card, text, "room-title");
    }
  if (with_reasoning && decision->rationale[0] != '\0')
    add_label (card, decision->rationale, "room-body");
  if (decision->agreed->len > 0)
    {
      guint n = g_list_model_get_n_items (cr_workshop_get_participants (self->workshop));
      /* Translators: how many participants agreed to the decision, e.g. "Agreed by 5 of 7" */
      g_autofree char *agreed = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Agreed by %u of %u",
                                                              "Agreed by %u of %u", n),
                                                 decision->agreed->len, n);

      add_label (card, agreed, "room-secondary");
    }
}

/* The decision, then the recommendation beside it: what it rests on, where
 * the context and the room disagree, where to start and what to aim for
 * (or what it points to) and the fit with your context of every option,
 * every reason with its weight. */
static void
build_recommendation (CrRoomView *self,
                      gboolean    full)
{
  g_autoptr(CrRecommendation) rec = NULL;
  GtkBox *row;

  add_room_decision (self, full);

  rec = cr_recommend_workshop (self->workshop);
  if (!rec->context_answered && rec->basis == CR_BASIS_CONTEXT)
    {
      add_label (self->body, _("The recommendation follows from the context, which has not been filled in yet."),
                 "room-body");
      return;
    }

  if (full)
    add_label (self->body, cr_recommend_describe_basis (rec), "room-secondary");
  if (full)
    {
      g_autofree char *weights = cr_recommend_describe_weights (self->template);

      add_label (self->body, weights, "room-secondary");
    }

  if (full && rec->disagreements->len > 0)
    {
      GtkBox *card = add_card (self->body);

      add_label (card, _("Where your context and the room disagree"), "room-heading");
      for (guint i = 0; i < rec->disagreements->len; i++)
        add_label (card, ((const CrDisagreement *) g_ptr_array_index (rec->disagreements, i))->text, "room-body");
    }

  row = add_box (self->body, GTK_ORIENTATION_HORIZONTAL, "room-row");
  if (rec->start_with != NULL && rec->aim_for != NULL)
    {
      add_pick (row, _("Start with"), self->template, rec->start_with, full ? rec->start_reasons : NULL);
      add_pick (row, _("Aim for"), self->template, rec->aim_for, full ? rec->aim_reasons : NULL);
    }
  else if (rec->points_to != NULL)
    add_pick (row, _("Points to"), self->template, rec->points_to, full ? rec->points_reasons : NULL);

  if (!full)
    return;

  /* The fit with your context of every option, in template order, then
   * each rule that matched once, with what it gave each option: a rule
   * that bears on three options is one reason, not three. A long list
   * pages by whole lines. */
  add_label (self->body, _("Fit with your context"), "room-title");
  {
    GtkBox *stack = add_box (self->body, GTK_ORIENTATION_VERTICAL, "room-stack");

    for (guint i = 0; i < rec->fits->len; i++)
      {
        const CrFit *fit = g_ptr_array_index (rec->fits, i);
        g_autofree char *fit_text = cr_recommend_format_weight (fit->fit);
        /* Translators: an option and its fit with the context, e.g. "Productised HR as a Service: fit +11" */
        g_autofree char *heading = g_strdup_printf (_("%s: fit %s"), fit->option->title, fit_text);

        add_label (stack, heading, "room-heading");
      }
  }
  if (rec->rules->len == 0)
    add_label (self->body, cr_recommend_describe_no_rules (rec), "room-secondary");
  for (guint r = 0; r < rec->rules->len; r++)
    add_rule (self->body, self->template, g_ptr_array_index (rec->rules, r));
}

static guint
add_actions (CrRoomView *self)
{
  GListModel *actions = cr_workshop_get_actions (self->workshop);
  guint n = g_list_model_get_n_items (actions);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(CrAction) action = g_list_model_get_item (actions, i);
      const char *owner = cr_action_get_owner (action);
      const char *due = cr_action_get_due (action);
      g_autofree char *who = NULL;
      /* Isolated, so that a name in Arabic or Hebrew keeps the line's
       * direction (and the date on its side). */
      g_autofree char *name = g_strdup_printf ("\u2068%s\u2069", owner != NULL ? owner : "");
      GtkBox *card = add_card (self->body);

      add_label (card, cr_action_get_text (action), "room-heading");
      if (owner != NULL && *owner != '\0' && due != NULL && *due != '\0')
        /* Translators: who does a first step, and by when, e.g. "Ana · by 2026-12-01" */
        who = g_strdup_printf (_("%s · by %s"), name, due);
      else if (owner != NULL && *owner != '\0')
        who = g_strdup (owner);
      else if (due != NULL && *due != '\0')
        who = g_strdup_printf (_("By %s"), due);
      if (who != NULL)
        {
          /* The line is the interface's sentence: its direction, not the
           * name's (Pango takes the first strong letter, even isolated). */
          g_autofree char *marked = g_strconcat (gtk_widget_get_default_direction () == GTK_TEXT_DIR_RTL
                                                 ? "\u200F" : "\u200E", who, NULL);

          add_label (card, marked, "room-secondary");
        }
    }
  return n;
}

static void
build_actions (CrRoomView         *self,
               const CrAgendaStep *step)
{
  if (add_actions (self) == 0)
    add_label (self->body, step->description != NULL ? step->description : _("No first steps yet."),
               "room-body");
}

/* Last time's actions, each a card that pages whole, with what became of
 * it: its title, then its status and outcome. */
void
_cr_room_view_add_reviewed_actions (GtkBox     *box,
                                    GListModel *actions)
{
  guint n = g_list_model_get_n_items (actions);

  if (n == 0)
    {
      add_label (box, _("The previous workshop agreed no actions."), "room-body");
      return;
    }
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(CrAction) action = g_list_model_get_item (actions, i);
      g_autofree char *line = cr_action_describe_outcome (action);
      GtkBox *card = add_card (box);

      add_label (card, cr_action_get_text (action), "room-heading");
      add_label (card, line, "room-secondary");
    }
}

/* Last time's actions as the room marks them. */
static void
build_review (CrRoomView         *self,
              const CrAgendaStep *step)
{
  _cr_room_view_add_reviewed_actions (self->body, cr_workshop_get_review (self->workshop));
}

static void
build_export (CrRoomView *self)
{
  add_label (self->body, cr_workshop_get_title (self->workshop), "room-title");
  build_recommendation (self, FALSE);
  add_actions (self);
}

/* ---- The whole view ---------------------------------------------------------- */

static void
update_header (CrRoomView *self)
{
  const CrAgendaStep *step;
  int index = 0;
  g_autofree char *progress = NULL;
  g_autofree char *clock = NULL;

  step = find_step (self, &index);
  if (step == NULL)
    {
      gtk_label_set_label (self->title_label, cr_workshop_get_title (self->workshop));
      gtk_label_set_label (self->progress_label, "");
      gtk_label_set_label (self->timer_label, "");
      return;
    }

  gtk_label_set_label (self->title_label, step->title);
  /* Translators: where the workshop is in its agenda, e.g. "Step 3 of 10" */
  progress = g_strdup_printf (_("Step %d of %u"), index + 1, cr_workshop_get_n_steps (self->workshop));
  gtk_label_set_label (self->progress_label, progress);
  clock = format_clock (self->time_left);
  gtk_label_set_label (self->timer_label, clock);
  if (self->time_left < 0)
    gtk_widget_add_css_class (GTK_WIDGET (self->timer_label), "room-over");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->timer_label), "room-over");
}

static void
rebuild (CrRoomView *self)
{
  const CrAgendaStep *step;
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->body))) != NULL)
    gtk_box_remove (self->body, child);

  update_header (self);
  self->n_columns = 0;
  step = find_step (self, NULL);
  if (step == NULL)
    return;

  if (g_str_equal (step->page, "setup"))
    build_setup (self, step);
  else if (g_str_equal (step->page, "context"))
    build_context (self, step);
  else if (g_str_equal (step->page, "canvas"))
    build_canvas (self);
  else if (g_str_equal (step->page, "vote"))
    build_vote (self, step);
  else if (g_str_equal (step->page, "results"))
    build_results (self);
  else if (g_str_equal (step->page, "recommendation"))
    build_recommendation (self, TRUE);
  else if (g_str_equal (step->page, "actions"))
    build_actions (self, step);
  else if (g_str_equal (step->page, "export"))
    build_export (self);
  else if (g_str_equal (step->page, CR_AGENDA_REVIEW))
    build_review (self, step);
  else if (g_str_equal (step->page, CR_AGENDA_SINCE))
    _cr_room_view_build_since (self);
  queue_update_more (self);
}

static gboolean
on_rebuild_idle (gpointer user_data)
{
  CrRoomView *self = user_data;

  self->rebuild_source = 0;
  rebuild (self);
  return G_SOURCE_REMOVE;
}

static void
queue_rebuild (CrRoomView *self)
{
  if (self->rebuild_source == 0)
    self->rebuild_source = g_idle_add_full (G_PRIORITY_HIGH_IDLE, on_rebuild_idle, self, NULL);
}

/* Notes and actions change in place too (text, option, owner...). */
static void
watch_items (CrRoomView *self)
{
  GListModel *models[] = {
    cr_workshop_get_notes (self->workshop),
    cr_workshop_get_actions (self->workshop),
    cr_workshop_get_review (self->workshop),
  };

  for (guint i = 0; i < self->watched_items->len; i++)
    g_signal_handlers_disconnect_by_data (g_ptr_array_index (self->watched_items, i), self);
  g_ptr_array_set_size (self->watched_items, 0);

  for (guint m = 0; m < G_N_ELEMENTS (models); m++)
    for (guint i = 0; i < g_list_model_get_n_items (models[m]); i++)
      {
        GObject *item = g_list_model_get_item (models[m], i);

        g_signal_connect_swapped (item, "notify", G_CALLBACK (queue_rebuild), self);
        g_ptr_array_add (self->watched_items, item);
      }
}

static void
on_items_changed (CrRoomView *self)
{
  watch_items (self);
  queue_rebuild (self);
}

/* ---- Type size ------------------------------------------------------------- */

/* The height of a capital H at @px, as drawn, in the view's body font or
 * in @family. */
static int
cap_height_at (CrRoomView *self,
               const char *family,
               int         px)
{
  PangoContext *context = gtk_widget_get_pango_context (GTK_WIDGET (self));
  g_autoptr(PangoLayout) layout = pango_layout_new (context);
  g_autoptr(PangoFontDescription) font = pango_font_description_copy (pango_context_get_font_description (context));
  PangoRectangle ink;
  cairo_surface_t *surface;
  cairo_t *cr;
  const guchar *data;
  int stride, rows = 0;

  if (family != NULL)
    pango_font_description_set_family (font, family);
  pango_font_description_set_absolute_size (font, px * PANGO_SCALE);
  pango_layout_set_font_description (layout, font);
  pango_layout_set_text (layout, "H", -1);
  pango_layout_get_pixel_extents (layout, &ink, NULL);
  /* Drawn and counted: the rows at least half covered, as the back row
   * sees the letter's edges (Pango's pixel extents round outward, a pixel
   * taller than the letter looks). */
  surface = cairo_image_surface_create (CAIRO_FORMAT_A8, ink.x + ink.width + 4, ink.y + ink.height + 4);
  cr = cairo_create (surface);
  cairo_move_to (cr, 2, 2);
  pango_cairo_show_layout (cr, layout);
  cairo_destroy (cr);
  cairo_surface_flush (surface);
  data = cairo_image_surface_get_data (surface);
  stride = cairo_image_surface_get_stride (surface);
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

/* The smallest body size whose capitals are CAP_SHARE of @picture. */
static int
body_px_for (CrRoomView *self,
             double      picture)
{
  PangoContext *context = gtk_widget_get_pango_context (GTK_WIDGET (self));
  const char *family = pango_font_description_get_family (pango_context_get_font_description (context));
  double cap = CAP_SHARE * picture;
  int px;

  if (picture == self->sized_picture && g_strcmp0 (family, self->sized_family) == 0)
    return self->sized_px;

  /* Capitals are 0.6 to 0.8 of the size in the usual typefaces: start
   * below, then grow to the first size that reaches them. */
  px = MAX ((int) floor (cap / 0.8), MIN_FONT_PX);
  while (cap_height_at (self, NULL, px) < cap && px < 4 * cap)
    px++;

  self->sized_picture = picture;
  g_free (self->sized_family);
  self->sized_family = g_strdup (family);
  self->sized_px = px;
  return px;
}

static gboolean
on_font_idle (gpointer user_data)
{
  CrRoomView *self = user_data;
  g_autofree char *css = NULL;

  self->font_source = 0;
  if (self->wanted_font_px == self->font_px)
    return G_SOURCE_REMOVE;

  self->font_px = self->wanted_font_px;
  /* The charts' typeface may set its capitals lower than the labels'
   * (Cantarell's are 0.70 of the size, DejaVu Sans' 0.73): it gets the
   * size that makes them as tall, so no chart text is under the body. */
  {
    int body_cap = cap_height_at (self, NULL, self->font_px);

    self->chart_px = self->font_px;
    while (cap_height_at (self, CR_CHART_FONT_FAMILY, self->chart_px) < body_cap &&
           self->chart_px < 2 * self->font_px)
      self->chart_px++;
  }
  css = g_strdup_printf (".room-view { font-size: %dpx; }", self->font_px);
  gtk_css_provider_load_from_data (self->font_provider, css, -1);
  /* Charts draw their text at the body size too. */
  queue_rebuild (self);
  return G_SOURCE_REMOVE;
}

/* The view lays its child out itself (no layout manager), to learn its size. */
static void
cr_room_view_measure (GtkWidget      *widget,
                      GtkOrientation  orientation,
                      int             for_size,
                      int            *minimum,
                      int            *natural,
                      int            *minimum_baseline,
                      int            *natural_baseline)
{
  gtk_widget_measure (GTK_WIDGET (CR_ROOM_VIEW (widget)->stack), orientation, for_size,
                      minimum, natural, minimum_baseline, natural_baseline);
}

static void
cr_room_view_size_allocate (GtkWidget *widget,
                            int        width,
                            int        height,
                            int        baseline)
{
  CrRoomView *self = CR_ROOM_VIEW (widget);
  int px = body_px_for (self, MIN (height, width * PICTURE_RATIO));

  /* Changing the style during allocation would relayout in the middle of
   * it; the new size takes effect on the next frame instead. */
  self->wanted_font_px = MAX (px, MIN_FONT_PX);
  if (self->wanted_font_px != self->font_px && self->font_source == 0)
    self->font_source = g_idle_add_full (G_PRIORITY_HIGH_IDLE, on_font_idle, self, NULL);

  gtk_widget_allocate (GTK_WIDGET (self->stack), width, height, baseline, NULL);
  /* Another number of columns fits side by side (see wrap_columns()). */
  if (self->n_columns > 1 &&
      columns_fitting (self, gtk_widget_get_width (GTK_WIDGET (self->body))) != self->columns_per_row)
    queue_rebuild (self);
  if (self->menu != NULL)
    gtk_popover_present (GTK_POPOVER (self->menu));
}

/* ---- Paging through a long body ------------------------------------------------ */

/* The room cannot scroll: a body taller than the screen is shown a screen
 * at a time. A new screen starts at the top of the first card (or line, or
 * chart) the screen before did not show whole, so nothing is skipped and no
 * text is cut in half at the top. */

typedef struct
{
  double     top, bottom;
  GtkWidget *block;
  /* A heading (or a reason above its weights): on the screen of the
   * block after it, never alone at the bottom of the one before. */
  gboolean   keep_with_next;
  /* The top of the block this is a part of: a chart is split into its
   * rows, so a chart taller than the room left goes on whole rows at a
   * time (and a heading above it stays with its first row). */
  double     block_top;
  /* A chart's row after the first: the height of the chart's header,
   * which a screen starting at this row repeats above it. */
  double     lead;
  /* Shown a screen at a time, whole lines each (see screens_init()). */
  gboolean   tall;
} Extent;

/* What follows block @i in its own box (a heading's chart, the first line
 * of its column, the first note of its lane), or NULL where it ends its
 * box: blocks are collected in tree order, so that is the next block the
 * heading's parent holds. */
static const Extent *
next_in_box (GArray *extents,
             guint   i)
{
  const Extent *e = &g_array_index (extents, Extent, i);
  GtkWidget *parent = gtk_widget_get_parent (e->block);

  for (guint j = i + 1; j < extents->len; j++)
    {
      const Extent *next = &g_array_index (extents, Extent, j);

      if (gtk_widget_is_ancestor (next->block, parent))
        return next;
    }
  return NULL;
}

/* Whether block @i is a heading that goes with what follows it. Headings
 * one over another (a question, its round, a chart's key and column
 * headings) go together with the start of the first block that is not a
 * heading, where all of it fits on one screen (else a heading would start
 * a screen alone, or hide with a block that never fits below it). Of a
 * block taller than the screen, which is shown a screen at a time anyway,
 * its first quarter screen is enough. Where that does not fit, the
 * headings still go together, and the block starts the next screen: the
 * last heading stays above nothing only where the headings alone fill a
 * screen. */
static gboolean
keeps_with_next (GArray *extents,
                 guint   i,
                 double  page_size)
{
  const Extent *e = &g_array_index (extents, Extent, i);
  const Extent *first = e, *last = e, *next;
  double end;

  if (!e->keep_with_next || (next = next_in_box (extents, i)) == NULL)
    return FALSE;
  /* The headings over this one, whose next block it is. */
  for (guint j = i; j > 0; j--)
    {
      const Extent *before = &g_array_index (extents, Extent, j - 1);

      if (!before->keep_with_next || next_in_box (extents, j - 1) != first)
        break;
      first = before;
    }
  /* A heading under it goes along, up to the first block that is not a
   * heading, or a heading that ends its box (a list of lines set as
   * headings, as the fit of each option is, is what follows). */
  while (next->keep_with_next)
    {
      const Extent *after = next_in_box (extents, (guint) (next - (const Extent *) extents->data));

      if (after == NULL)
        break;
      last = next;
      next = after;
    }
  end = next->tall ? next->top + page_size / 4 : next->bottom;
  if (end - first->top <= page_size + 0.5)
    return TRUE;
  /* A chart's own header (its key and column headings) over its first
   * row says nothing alone: it goes to the next screen with the row,
   * where both fit, and the headings over the chart stay together on
   * this one. (All of them on the next would not fit there either.) */
  if (last->block == next->block)
    return e == last && end - last->top <= page_size + 0.5;
  return e != last && last->bottom - first->top <= page_size + 0.5;
}

/* The blocks of the body that must not be cut: cards whole, and the labels
 * and charts outside cards. In the body's coordinates, which are the
 * scrolled content's. */
static void
collect_extents (GtkWidget *widget,
                 GtkWidget *body,
                 double     room,
                 GArray    *extents)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      graphene_rect_t bounds;

      if (!gtk_widget_get_visible (child))
        continue;
      if (!gtk_widget_has_css_class (child, "room-card") && !GTK_IS_LABEL (child) && !GTK_IS_DRAWING_AREA (child))
        {
          collect_extents (child, body, room, extents);
          continue;
        }
      if (gtk_widget_compute_bounds (child, body, &bounds) && bounds.size.height > 0
          && g_object_get_data (G_OBJECT (child), CHART_SPEC_KEY) != NULL)
        {
          CrChartStyle style;
          g_autoptr(GArray) breaks = NULL;
          double top = bounds.origin.y;

          const CrChartSpec *spec = g_object_get_data (G_OBJECT (child), CHART_SPEC_KEY);
          double header, repeated;

          chart_style_for (view_of (child), child, &style);
          breaks = cr_chart_spec_row_breaks (spec, &style, bounds.size.width);
          header = repeated = cr_chart_spec_header_height (spec, &style, bounds.size.width);
          /* The key and column headings over the first row: a heading of
           * the chart's, repeated over the rows of a screen that goes on
           * with them, so the first row can start one. */
          if (header > 0.5 && breaks->len > 0 && g_array_index (breaks, double, 0) > header + 0.5)
            {
              double columns = cr_chart_spec_columns_top (spec, &style, bounds.size.width);

              /* A score grid's numbered key so long that it, the column
               * headings and the first row do not fit on one screen under
               * a caption (@room): the key is a heading of its own, and
               * the column headings go with the first row (never ending a
               * screen without it) and are what a screen that goes on with
               * the rows repeats, under a caption that says whose. */
              if (columns > 0.5 && g_array_index (breaks, double, 0) > room + 0.5)
                {
                  g_array_append_val (extents, ((Extent) { top, top + columns, child, TRUE, bounds.origin.y, 0 }));
                  top += columns;
                  repeated = header - columns;
                }
              g_array_append_val (extents, ((Extent) { top, bounds.origin.y + header, child, TRUE,
                                                       bounds.origin.y, 0 }));
              top = bounds.origin.y + header;
            }
          for (guint b = 0; b <= breaks->len; b++)
            {
              double bottom = bounds.origin.y + (b < breaks->len ? g_array_index (breaks, double, b)
                                                                 : bounds.size.height);

              if (bottom > top)
                g_array_append_val (extents, ((Extent) { top, bottom, child, FALSE, bounds.origin.y,
                                                         top > bounds.origin.y + 0.5 ? repeated : 0 }));
              top = bottom;
            }
        }
      else if (gtk_widget_compute_bounds (child, body, &bounds) && bounds.size.height > 0)
        {
          gboolean heading = GTK_IS_LABEL (child) && !gtk_widget_has_css_class (child, "room-standalone")
                             && (gtk_widget_has_css_class (child, "room-display")
                                                      || gtk_widget_has_css_class (child, "room-lane")
                                                      || gtk_widget_has_css_class (child, "room-heading")
                                                      || gtk_widget_has_css_class (child, "room-title")
                                                      || gtk_widget_has_css_class (child, "room-status")
                                                      || gtk_widget_has_css_class (child, "room-with-next"));

          g_array_append_val (extents, ((Extent) { bounds.origin.y, bounds.origin.y + bounds.size.height,
                                                   child, heading, bounds.origin.y, 0 }));
        }
    }
}

/* The label a block's text is in: the block itself, or a card's first. */
static GtkLabel *
text_of (GtkWidget *block)
{
  if (GTK_IS_LABEL (block))
    return GTK_LABEL (block);
  for (GtkWidget *child = gtk_widget_get_first_child (block); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkLabel *label = text_of (child);

      if (label != NULL)
        return label;
    }
  return NULL;
}

/* What a screen that goes on with a column leaves of itself under the
 * column's caption is the screen less this (in em): see label_is_one_line(). */
#define CAPTION_ROOM_EM 5

/* Whether @label, in block @e shown a screen at a time (taller than the
 * screen, or than what one leaves under a caption), is shown whole or not
 * at all, as one line: where it fits on a screen that goes on with the
 * block. That screen has a caption over it, the column's name in two
 * lines and the lane it goes on in (1.2 em each, and 1 em between them
 * and under), and the card's padding: 5 em less than the screen. A label
 * taller than that goes on line by line: a pasted link wraps into a note
 * a few lines short of a screen, which as one line was never whole on
 * any (its card was taller than the screen, and every screen that went on
 * with it started inside it or veiled it). */
static gboolean
label_is_one_line (const Extent *e,
                   GtkLabel     *label,
                   double        page_size)
{
  CrRoomView *view = view_of (e->block);
  double px = view != NULL && view->font_px > 0 ? view->font_px : 24;

  return gtk_widget_get_height (GTK_WIDGET (label)) <= page_size - CAPTION_ROOM_EM * px;
}

/* The line of @label's text (in block @e) that @y falls in, from
 * @line_top to @line_bottom in the body's coordinates, and whether it is
 * its first; a label that fits a screen under a caption is one line here,
 * as it is never cut at all; FALSE where @y falls between its lines, above
 * the first or below the last. */
static gboolean
label_line_at (const Extent *e,
               GtkLabel     *label,
               double        y,
               double        page_size,
               double       *line_top,
               double       *line_bottom,
               gboolean     *first)
{
  graphene_point_t origin;
  graphene_rect_t own;
  PangoLayoutIter *iter;
  gboolean found = FALSE;
  int offset_y, n = 0;
  double label_top;

  /* A widget's own coordinates start inside its border and padding:
   * the label's top in those of the block, then in the body's. */
  if (!gtk_widget_compute_point (GTK_WIDGET (label), e->block, &GRAPHENE_POINT_INIT (0, 0), &origin)
      || !gtk_widget_compute_bounds (e->block, e->block, &own))
    return FALSE;
  label_top = e->top + origin.y - own.origin.y;
  if (label_is_one_line (e, label, page_size))
    {
      *line_top = label_top;
      *line_bottom = label_top + gtk_widget_get_height (GTK_WIDGET (label));
      *first = TRUE;
      return y > *line_top + 0.5 && y < *line_bottom - 0.5;
    }
  gtk_label_get_layout_offsets (label, NULL, &offset_y);
  iter = pango_layout_get_iter (gtk_label_get_layout (label));
  do
    {
      int y0, y1;
      double top, bottom;

      pango_layout_iter_get_line_yrange (iter, &y0, &y1);
      top = label_top + offset_y + (double) y0 / PANGO_SCALE;
      bottom = label_top + offset_y + (double) y1 / PANGO_SCALE;
      if (y > top + 0.5 && y < bottom - 0.5)
        {
          *line_top = top;
          *line_bottom = bottom;
          *first = n == 0;
          found = TRUE;
        }
      n++;
    }
  while (!found && pango_layout_iter_next_line (iter));
  pango_layout_iter_free (iter);
  return found;
}

/* The same in every label of block @e (a card holds several), @first
 * where it is the first line of the block's first label. */
static gboolean
line_in (const Extent *e,
         GtkWidget    *widget,
         double        y,
         double        page_size,
         double       *line_top,
         double       *line_bottom,
         gboolean     *first,
         gboolean     *first_label)
{
  if (!gtk_widget_get_visible (widget))
    return FALSE;
  if (GTK_IS_LABEL (widget))
    {
      gboolean found = label_line_at (e, GTK_LABEL (widget), y, page_size, line_top, line_bottom, first);

      *first = found && *first && *first_label;
      *first_label = FALSE;
      return found;
    }
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (line_in (e, child, y, page_size, line_top, line_bottom, first, first_label))
      return TRUE;
  return FALSE;
}

/* The line of a block's text that @y falls in, from @line_top to
 * @line_bottom in the body's coordinates, and whether it is the block's
 * first: a line of a label taller than a screen, or a whole label that
 * fits one (a card taller than the screen goes on label by label); FALSE
 * where @y falls between lines, or the block has no text. */
static gboolean
line_at (const Extent *e,
         double        y,
         double        page_size,
         double       *line_top,
         double       *line_bottom,
         gboolean     *first)
{
  gboolean first_label = TRUE, is_first = FALSE;
  gboolean found = line_in (e, e->block, y, page_size, line_top, line_bottom, &is_first, &first_label);

  if (first != NULL)
    *first = is_first;
  return found;
}

/* Whether a screen's edge at @y cuts block @e: anywhere inside a block a
 * screen holds whole, only through a line of text inside one taller than
 * the screen, which is shown a screen at a time anyway. */
static gboolean
cuts (const Extent *e,
      double        y,
      double        page_size)
{
  double line_top, line_bottom;

  if (y <= e->top + 0.5 || y >= e->bottom - 0.5)
    return FALSE;
  if (!e->tall)
    return TRUE;
  return text_of (e->block) == NULL || line_at (e, y, page_size, &line_top, &line_bottom, NULL);
}

static gboolean
cuts_a_block (GArray *extents,
              double  y,
              double  page_size)
{
  for (guint i = 0; i < extents->len; i++)
    if (cuts (&g_array_index (extents, Extent, i), y, page_size))
      return TRUE;
  return FALSE;
}

/* Where block @e, taller than the screen and begun on the screen at
 * @value, goes on on the next: from the top of the line the screen's foot
 * cuts (of a label that fits a screen, from the label's top), or from the
 * foot itself, between two lines; from its own top where the foot cuts its
 * first line. The screen at @value shows none of it from there down (see
 * veil_cut_lines()), so no line is cut at its foot either. */
static double
continues_from (const Extent *e,
                double        value,
                double        page_size,
                double        line)
{
  double from = value + page_size, line_top, line_bottom;
  gboolean first = FALSE;

  if (line_at (e, from, page_size, &line_top, &line_bottom, &first) && line_top > value + 0.5)
    from = first ? e->top : line_top;
  if (from < e->top + line && e->top > value + 0.5)
    from = e->top;
  return from;
}

/* Where the screen after the one at @value starts. No block the screen
 * holds whole is left out: the next screen starts at or above the top of
 * every one this one did not show whole (a heading goes with what follows
 * it), so each is whole on the one or the other. A block taller than the
 * screen goes on from the line this one's foot cuts. Best at a line that
 * cuts no block at all (blocks in columns side by side rarely end level),
 * or else a little above the highest such top (the gap between blocks),
 * so only the ends of blocks already seen are cut. The last screen may
 * reach below @bottom, the end of the body. */
static double
next_screen (GArray *extents,
             double  value,
             double  page_size,
             double  bottom,
             double  gap,
             double  line)
{
  double first_unseen = G_MAXDOUBLE;
  double best = -1;
  gboolean unseen_after = FALSE;
  gboolean continued = FALSE;

  /* Backwards: a heading goes with the block after it. */
  for (guint i = extents->len; i > 0; i--)
    {
      const Extent *e = &g_array_index (extents, Extent, i - 1);
      gboolean unseen = e->bottom > value + page_size + 0.5
                        || (keeps_with_next (extents, i - 1, page_size) && unseen_after);
      /* A chart's row the screen starts at comes under the chart's
       * header, repeated, where both fit on a screen. */
      double lead = e->bottom - e->top + e->lead <= page_size ? e->lead : 0;
      double from = e->top - lead;

      /* Taller than the screen and begun on this one: the rest, from the
       * line the screen's foot cuts (or the foot, between two lines). One
       * the foot cuts above its second line starts the next from its top. */
      if (unseen && e->tall && e->top < value + page_size - 0.5)
        {
          from = continues_from (e, value, page_size, line);
          lead = 0;
        }
      if (unseen && from <= first_unseen)
        {
          first_unseen = from;
          continued = lead > 0;
        }
      /* A heading over a block begun here stays: it is not alone. */
      unseen_after = unseen && from <= e->top + 0.5;
    }
  /* Nothing below unseen: the screen's bottom. */
  if (first_unseen == G_MAXDOUBLE)
    first_unseen = value + page_size;
  /* The header goes over the rows already seen: exactly there. */
  if (continued && first_unseen > value + line)
    return first_unseen;
  for (guint i = 0; i <= extents->len; i++)
    {
      const Extent *e = i < extents->len ? &g_array_index (extents, Extent, i) : NULL;
      double candidates[] = { e != NULL ? e->top - gap : first_unseen, e != NULL ? e->top : first_unseen };

      for (guint c = 0; c < G_N_ELEMENTS (candidates); c++)
        if (candidates[c] >= value + page_size / 2 && candidates[c] <= first_unseen + 0.5
            && candidates[c] > best && !cuts_a_block (extents, candidates[c], page_size))
          best = candidates[c];
    }
  if (best < 0)
    {
      best = cuts_a_block (extents, first_unseen - gap, page_size) || first_unseen - gap <= value + 0.5
             ? first_unseen : first_unseen - gap;
      /* Up to the top of a line it would cut of a block taller than the
       * screen: those above it were whole on this screen. */
      for (guint i = 0; i < extents->len; i++)
        {
          const Extent *e = &g_array_index (extents, Extent, i);
          double line_top, line_bottom;

          if (e->tall && line_at (e, best, page_size, &line_top, &line_bottom, NULL)
              && line_top > value + 0.5)
            best = line_top;
        }
    }
  if (best <= value + 0.5)
    best = MIN (value + MAX (page_size - 3 * line, line), MAX (bottom - page_size, value + line));
  return best;
}

typedef struct
{
  GArray *extents;
  double  value, lower, page_size;
  double  bottom;   /* the end of the body, without the tail */
  double  gap, line;
  double  cover;    /* the height captions cover at the screen's top */
} Screens;

static GtkWidget *column_of (GtkWidget *block,
                             GtkWidget *body);

static void
screens_init (CrRoomView *self,
              Screens    *screens)
{
  GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (self->scrolled);
  int px = self->font_px > 0 ? self->font_px : 24;

  screens->extents = g_array_new (FALSE, FALSE, sizeof (Extent));
  screens->value = gtk_adjustment_get_value (adjustment);
  screens->lower = gtk_adjustment_get_lower (adjustment);
  screens->page_size = gtk_adjustment_get_page_size (adjustment);
  /* Room for a chart's header and first row under a caption of two lines. */
  collect_extents (GTK_WIDGET (self->body), GTK_WIDGET (self->body), screens->page_size - 2.75 * px,
                   screens->extents);
  screens->bottom = screens->lower + gtk_widget_get_height (GTK_WIDGET (self->body));
  /* Taller than the screen: shown a screen at a time. So is a note a
   * little shorter in a column that has a caption: a screen that goes on
   * with the column says whose it is at its top, and what it leaves under
   * the caption is too short for the note, which would then be whole on
   * no screen (a pasted link wraps into a note a few lines short of one). */
  for (guint i = 0; i < screens->extents->len; i++)
    {
      Extent *e = &g_array_index (screens->extents, Extent, i);

      e->tall = e->bottom - e->top > screens->page_size
                || (!GTK_IS_DRAWING_AREA (e->block) && column_of (e->block, GTK_WIDGET (self->body)) != NULL
                    && e->bottom - e->top > screens->page_size - CAPTION_ROOM_EM * px);
    }
  /* The body's spacing between blocks is 0.35 em or more; a line is ~1.2 em. */
  screens->gap = 0.3 * px;
  screens->line = 1.2 * px;
  screens->cover = self->caption_value >= 0 && fabs (screens->value - self->caption_value) < 0.5
                   ? self->caption_y - self->caption_value : 0;
}

static void
screens_clear (Screens *screens)
{
  g_clear_pointer (&screens->extents, g_array_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Screens, screens_clear)

/* Forgets the room made for a last screen: a new step, or a new body. */
static void
reset_screens (CrRoomView *self)
{
  self->pending_value = -1;
  self->caption_value = -1;
  self->paged_block = -1;
  gtk_widget_set_size_request (self->tail, -1, 0);
}

/* ---- What a screen goes on with ------------------------------------------------ */

/* A screen that goes on with a column from the screen before (an option's
 * notes on the canvas, a round's rows in the results) says at its top
 * which: "People Experience as a Product (continued)", and the lane it
 * goes on in, or "Where are we today? Round 2 (continued)". The room
 * cannot look back at the screen before to learn whose notes or rows these
 * are. The screen starts higher, over blocks the screen before showed
 * (every block that starts above where it would have started was whole on
 * it), which the captions cover: each column only as high as its own
 * caption needs above the first block it goes on with. Columns rarely end
 * level, and a caption fits in the room a column's first new block leaves
 * below the highest one: the screen need not start the tallest caption's
 * height above that highest block, which cost a screen in every two. */

typedef struct
{
  GtkWidget *column;
  char      *text;
  GtkWidget *like;    /* the label whose type the caption takes */
  GtkWidget *lane;    /* the lane heading it goes on under, or NULL */
  double     x, width, height;
  double     start;   /* where the column's first block on the screen starts */
} Caption;

typedef struct
{
  PangoLayout *layout;
  GdkRGBA      color;
  double       x, y;
} CaptionLine;

static void
caption_clear (Caption *caption)
{
  g_free (caption->text);
}

static void
caption_line_free (CaptionLine *line)
{
  g_object_unref (line->layout);
  g_free (line);
}

static GtkWidget *
column_of (GtkWidget *block,
           GtkWidget *body)
{
  for (GtkWidget *w = block; w != NULL && w != body; w = gtk_widget_get_parent (w))
    if (g_object_get_data (G_OBJECT (w), CAPTION_KEY) != NULL)
      return w;
  return NULL;
}

/* @text in @like's type, wrapped as a label @width wide is, in two lines
 * at most: the column's first screen gives the name whole, and a long
 * one would otherwise take the top of every screen that goes on with it,
 * leaving a row or two each. The name is shortened, not "(continued)". */
static PangoLayout *
caption_layout (GtkWidget  *like,
                const char *text,
                double      width)
{
  PangoLayout *layout = gtk_widget_create_pango_layout (like, text);
  const char *format = _("%s (continued)");
  const char *name_at = strstr (format, "%s");

  pango_layout_set_width (layout, (int) (width * PANGO_SCALE));
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
  if (pango_layout_get_line_count (layout) <= 2)
    return layout;
  if (name_at != NULL)
    {
      g_autofree char *prefix = g_strndup (format, (gsize) (name_at - format));
      const char *suffix = name_at + 2;
      gsize length = strlen (text);

      if (length >= strlen (prefix) + strlen (suffix) && g_str_has_prefix (text, prefix)
          && g_str_has_suffix (text, suffix))
        {
          g_autofree char *name = g_strndup (text + strlen (prefix), length - strlen (prefix) - strlen (suffix));
          glong low = 0, high = g_utf8_strlen (name, -1);

          /* The most of the name's characters that fit, then "…". */
          while (low < high)
            {
              glong keep = (low + high + 1) / 2;
              g_autofree char *shortened = g_strdup_printf ("%s%.*s…%s", prefix,
                                                            (int) (g_utf8_offset_to_pointer (name, keep) - name),
                                                            name, suffix);

              pango_layout_set_text (layout, shortened, -1);
              if (pango_layout_get_line_count (layout) <= 2)
                low = keep;
              else
                high = keep - 1;
            }
          {
            g_autofree char *shortened = g_strdup_printf ("%s%.*s…%s", prefix,
                                                          (int) (g_utf8_offset_to_pointer (name, low) - name),
                                                          name, suffix);

            pango_layout_set_text (layout, shortened, -1);
          }
        }
    }
  /* Whatever still takes more: its end ellipsised. */
  pango_layout_set_height (layout, -2);
  pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
  return layout;
}

/* Whether @first, the first block of @column, is the first a screen
 * starting at @y shows: no block of another column starts between. */
static gboolean
starts_screen (const Screens *screens,
               double         y,
               GtkWidget     *column,
               const Extent  *first)
{
  for (guint i = 0; i < screens->extents->len; i++)
    {
      const Extent *f = &g_array_index (screens->extents, Extent, i);

      if (f->top >= y - 0.5 && f->top < first->top - 0.5 && !gtk_widget_is_ancestor (f->block, column))
        return FALSE;
    }
  return TRUE;
}

/* The captions a screen starting at @y has (into @captions, if not NULL)
 * and how far above @y the screen must start for them: each above the
 * first block its column shows, with the gap under it; 0 for none.
 * With @lead > 0, only those of columns the screen shows something of
 * under that much room for captions: never a caption over nothing. */
static double
captions_under (CrRoomView    *self,
                const Screens *screens,
                double         y,
                double         lead,
                GArray        *captions)
{
  GtkWidget *body = GTK_WIDGET (self->body);
  double px = self->font_px > 0 ? self->font_px : 24;
  double highest = 0;
  gboolean any = FALSE;
  guint i = 0;

  while (i < screens->extents->len)
    {
      const Extent *e = &g_array_index (screens->extents, Extent, i);
      GtkWidget *column = column_of (e->block, body);
      const Extent *first_below = NULL, *first_block = NULL;
      gboolean above = FALSE;
      GtkWidget *lane = NULL, *like = NULL;
      graphene_rect_t bounds;
      Caption caption = { column, NULL, NULL, NULL, 0, 0, 0, 0 };
      const Extent *first_of_column = e;
      const char *text;

      i++;
      if (column == NULL)
        continue;
      /* The column's blocks are one after another, in tree order. */
      for (const Extent *f = e; ; f = &g_array_index (screens->extents, Extent, i++))
        {
          if (like == NULL && GTK_IS_LABEL (f->block)
              && (gtk_widget_has_css_class (f->block, "room-heading") || gtk_widget_has_css_class (f->block, "room-status")))
            like = f->block;
          /* A note taller than the screen goes on from above it. */
          if (first_below == NULL && f->top < y - 0.5 && f->bottom > y + 0.5
              && f->tall)
            first_below = first_block = f;
          if (f->top < y - 0.5)
            {
              above = TRUE;
              if (gtk_widget_has_css_class (f->block, "room-lane"))
                lane = f->block;
            }
          else
            {
              if (first_below == NULL)
                first_below = f;
              /* A heading shows only with the block it heads. */
              if (first_block == NULL && !keeps_with_next (screens->extents, (guint) (f - (const Extent *) screens->extents->data),
                                                           screens->page_size))
                first_block = f;
            }
          if (i >= screens->extents->len || column_of (g_array_index (screens->extents, Extent, i).block, body) != column)
            break;
        }
      text = g_object_get_data (G_OBJECT (column), CAPTION_KEY);
      /* Nothing of it above: a caption only where the column starts the
       * screen and says at its top less than the room needs. */
      if (!above && first_below == first_of_column && starts_screen (screens, y, column, first_below))
        text = g_object_get_data (G_OBJECT (column), START_CAPTION_KEY);
      else if (!above)
        text = NULL;
      if (text == NULL || first_below == NULL || like == NULL
          || !gtk_widget_compute_bounds (column, GTK_WIDGET (self->scrolled), &bounds))
        continue;
      if (lead > 0 && first_block != NULL && !first_block->tall
          && first_block->bottom > y - lead + screens->page_size + 0.5)
        continue;
      /* Under a lane's heading the screen starts at a note: which lane too. */
      if (gtk_widget_has_css_class (first_below->block, "room-lane"))
        lane = NULL;
      caption.like = like;
      caption.lane = lane;
      caption.x = bounds.origin.x;
      caption.width = bounds.size.width;
      {
        g_autoptr(PangoLayout) layout = caption_layout (like, text, caption.width);
        int height;

        pango_layout_get_pixel_size (layout, NULL, &height);
        caption.height = height;
      }
      /* The lane's heading as the column shows it, and the space a stack
       * (0.35 em) and a lane heading (0.3 em) leave above it. */
      if (lane != NULL)
        caption.height += 0.65 * px + gtk_widget_get_height (lane);
      /* Above the first block it shows (a note taller than the screen
       * goes on from @y), with the gap under it. */
      /* (A chart's row that repeats its header over it: from the header.) */
      caption.start = MAX (first_below->top - first_below->lead, y);
      highest = MAX (highest, caption.height + 0.35 * px - (caption.start - y));
      any = TRUE;
      if (captions != NULL)
        {
          caption.text = g_strdup (text);
          g_array_append_val (captions, caption);
        }
    }
  /* At least a pixel where there are captions: the screen still starts
   * above @y, so it has them. */
  return any ? MAX (ceil (highest), 1) : 0;
}

/* The same, of the columns a screen at @y shows something of under its
 * captions. */
static double
captions_at (CrRoomView    *self,
             const Screens *screens,
             double         y,
             GArray        *captions)
{
  double all = captions_under (self, screens, y, 0, NULL);
  double fewer = all > 0 ? captions_under (self, screens, y, all, NULL) : 0;
  double lead = all;

  /* The columns a screen shows something of under room for all
   * captions may need less room: their own, where no more columns show
   * something under that; else the room for all. */
  if (fewer > 0 && fewer < all && captions_under (self, screens, y, fewer, NULL) <= fewer)
    lead = fewer;
  if (lead > 0 && captions != NULL)
    captions_under (self, screens, y, lead, captions);
  return lead;
}

/* Where the screen after the one at @value starts, with room for its
 * captions, and at @start where its own blocks start under them. */
static double
screen_after (CrRoomView    *self,
              const Screens *screens,
              double         value,
              double        *start)
{
  double y = next_screen (screens->extents, value, screens->page_size, screens->bottom, screens->gap, screens->line);
  double lead = captions_at (self, screens, y, NULL);

  if (start != NULL)
    *start = y;
  /* Not where the screen would barely move. A whole pixel, as the view
   * scrolls by whole pixels: the captions cover down to @start exactly. */
  if (lead > 0 && y - lead > value + screens->line)
    return floor (y - lead);
  return y;
}

/* The captions of the screen Page Down brought, drawn on the veil over a
 * band of the page's colour, each across its column. The veil keeps their
 * text and place for the view's tests. */
static void
show_captions (CrRoomView    *self,
               const Screens *screens,
               GArray        *captions)
{
  GPtrArray *texts = g_ptr_array_new_with_free_func (g_free);
  GArray *rects = g_array_new (FALSE, FALSE, sizeof (CrChartRect));
  double px = self->font_px > 0 ? self->font_px : 24;

  g_ptr_array_set_size (self->caption_lines, 0);
  g_array_set_size (self->veils, 0);
  for (guint i = 0; i < captions->len; i++)
    {
      const Caption *caption = &g_array_index (captions, Caption, i);
      CaptionLine *line = g_new0 (CaptionLine, 1);
      int height;

      line->layout = caption_layout (caption->like, caption->text, caption->width);
      G_GNUC_BEGIN_IGNORE_DEPRECATIONS
      gtk_style_context_get_color (gtk_widget_get_style_context (caption->like), &line->color);
      G_GNUC_END_IGNORE_DEPRECATIONS
      line->x = caption->x;
      line->y = 0;
      g_ptr_array_add (self->caption_lines, line);
      pango_layout_get_pixel_size (line->layout, NULL, &height);
      g_ptr_array_add (texts, g_strdup (caption->text));
      g_array_append_val (rects, ((CrChartRect) { caption->x, 0, caption->width, height }));
      if (caption->lane != NULL)
        {
          CaptionLine *lane = g_new0 (CaptionLine, 1);

          lane->layout = caption_layout (caption->lane, gtk_label_get_text (GTK_LABEL (caption->lane)), caption->width);
          G_GNUC_BEGIN_IGNORE_DEPRECATIONS
          gtk_style_context_get_color (gtk_widget_get_style_context (caption->lane), &lane->color);
          G_GNUC_END_IGNORE_DEPRECATIONS
          lane->x = caption->x;
          lane->y = height + 0.65 * px;
          g_ptr_array_add (self->caption_lines, lane);
          g_ptr_array_add (texts, g_strdup (gtk_label_get_text (GTK_LABEL (caption->lane))));
          g_array_append_val (rects, ((CrChartRect) { caption->x, lane->y, caption->width,
                                                      gtk_widget_get_height (caption->lane) }));
        }
      /* A pixel or two wider: a card's outline on the column's edge, drawn
       * between pixels, would show beside the band. The columns are set
       * 0.8 em apart. */
      g_array_append_val (self->veils, GRAPHENE_RECT_INIT (caption->x - 2, 0, caption->width + 4,
                                                          caption->start - screens->value));
    }
  g_object_set_data_full (G_OBJECT (self->veil), "cr-room-caption-texts", texts, (GDestroyNotify) g_ptr_array_unref);
  g_object_set_data_full (G_OBJECT (self->veil), "cr-room-caption-rects", rects, (GDestroyNotify) g_array_unref);
  g_object_set_data_full (G_OBJECT (self->veil), "cr-room-caption-cover",
                          g_memdup2 (&screens->cover, sizeof (double)), g_free);
  gtk_widget_set_visible (self->veil, self->veils->len > 0);
  gtk_widget_queue_draw (self->veil);
}

/* A screen of the step: where the view starts it, and where its own
 * blocks start under its captions (the same, without captions). */
typedef struct
{
  double value, start;
} ScreenStart;

/* The screens of the body, as Page Down goes through them from the top.
 * Worked out from the layout alone, so Page Up goes back through the very
 * screens Page Down showed, with their captions, and "n of N" counts them. */
static GArray *
screen_starts (CrRoomView    *self,
               const Screens *screens)
{
  GArray *starts = g_array_new (FALSE, FALSE, sizeof (ScreenStart));
  double y = screens->lower;

  g_array_append_val (starts, ((ScreenStart) { y, y }));
  /* Half a pixel of slack, as allocations round: the same as
   * hide_cut_blocks() allows, so a block a pixel below the foot is not
   * hidden on a screen that says nothing is below. */
  while (screens->page_size > 0 && y + screens->page_size < screens->bottom - 0.5 && starts->len < 1000)
    {
      double start;

      y = screen_after (self, screens, y, &start);
      g_array_append_val (starts, ((ScreenStart) { y, start }));
    }
  return starts;
}

/* The screen the view at @value shows: the last that starts at or above it. */
static guint
screen_at (GArray *starts,
           double  value)
{
  guint k = 0;

  for (guint i = 1; i < starts->len; i++)
    if (g_array_index (starts, ScreenStart, i).value <= value + 1)
      k = i;
  return k;
}

/* Shows screen @k of @starts, with its captions. */
static void
go_to_screen (CrRoomView    *self,
              const Screens *screens,
              GArray        *starts,
              guint          k)
{
  GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (self->scrolled);
  const ScreenStart *screen = &g_array_index (starts, ScreenStart, k);
  double upper = gtk_adjustment_get_upper (adjustment);

  /* The screen's own blocks start under its captions. */
  self->caption_value = screen->start > screen->value + 0.5 ? screen->value : -1;
  self->caption_y = screen->start;
  /* What it starts at: the highest block from its own start down, or one
   * taller than the screen that goes on there. */
  self->paged_block = -1;
  for (guint i = 0; k > 0 && i < screens->extents->len; i++)
    {
      const Extent *e = &g_array_index (screens->extents, Extent, i);
      gboolean goes_on = e->tall && e->top < screen->start
                         && e->bottom > screen->start + 0.5;

      if ((e->top >= screen->start - 0.5 || goes_on)
          && (self->paged_block < 0
              || MAX (e->top, screen->start) < g_array_index (screens->extents, Extent, self->paged_block).top))
        self->paged_block = (int) i;
    }
  self->paged_width = gtk_widget_get_width (GTK_WIDGET (self));
  self->paged_height = gtk_widget_get_height (GTK_WIDGET (self));
  /* The last screen starts at a block too: the tail below the body grows
   * to make room, and the view goes there once it has been laid out. */
  if (screen->value + screens->page_size > upper + 0.5)
    {
      int tail;

      gtk_widget_get_size_request (self->tail, NULL, &tail);
      gtk_widget_set_size_request (self->tail, -1, MAX (tail, 0) + (int) ceil (screen->value + screens->page_size - upper));
      self->pending_value = screen->value;
      queue_update_more (self);
    }
  else
    {
      self->pending_value = -1;
      gtk_adjustment_set_value (adjustment, screen->value);
    }
}

gboolean
cr_room_view_scroll_screen (CrRoomView *self,
                            int         direction)
{
  g_auto(Screens) screens = { NULL, };
  g_autoptr(GArray) starts = NULL;
  guint k;

  g_return_val_if_fail (CR_IS_ROOM_VIEW (self), FALSE);

  /* A blank screen shows nothing to move. */
  if (self->blank)
    return FALSE;
  screens_init (self, &screens);
  if (self->pending_value >= 0)
    screens.value = self->pending_value;
  starts = screen_starts (self, &screens);
  k = screen_at (starts, screens.value);
  if (direction > 0 && k + 1 < starts->len)
    k++;
  /* Back from between two screens: to the one above, which it shows. */
  else if (direction < 0 && k > 0 && screens.value < g_array_index (starts, ScreenStart, k).value + 1)
    k--;
  else if (!(direction < 0 && screens.value > screens.lower + 1))
    return FALSE;
  go_to_screen (self, &screens, starts, k);
  return TRUE;
}

/* A block the screen's edge cuts in two is not shown: the screen before
 * or after shows it whole, and a line cut in half is hard to read and
 * looks like a mistake. A block taller than the screen stays. */
static void
hide_cut_blocks (const Screens *screens,
                 GArray        *captions)
{
  double top = screens->value, bottom = screens->value + screens->page_size;
  /* Whether the block after this one is not on the screen: cut by its
   * foot, or wholly below it (a reason's weights after the gap between
   * them), either way a heading over it would end the screen. */
  gboolean unseen_after = FALSE;

  /* A chart's rows are hidden one by one: it starts whole, without a
   * header of its own over it. */
  for (guint i = 0; i < screens->extents->len; i++)
    {
      const Extent *e = &g_array_index (screens->extents, Extent, i);

      if (g_object_get_data (G_OBJECT (e->block), CHART_SPEC_KEY) != NULL)
        {
          g_object_set_data_full (G_OBJECT (e->block), CHART_HIDDEN_KEY,
                                  g_array_new (FALSE, FALSE, sizeof (CrChartRect)), (GDestroyNotify) g_array_unref);
          g_object_set_data (G_OBJECT (e->block), CHART_HEADER_KEY, NULL);
        }
    }
  /* A screen that next_screen() starts a chart's header height above a
   * row (the chart continued from the screen before) shows the header
   * there, over the rows above that row, which the screen before showed. */
  for (guint i = 0; i < screens->extents->len; i++)
    {
      const Extent *e = &g_array_index (screens->extents, Extent, i);

      /* (Not over the first row: the header is its own there, drawn.) */
      if (e->lead > 0 && fabs (e->top - e->lead - (top + screens->cover)) < 0.5
          && e->top - e->lead > e->block_top + 0.5 && e->bottom - e->top + e->lead <= screens->page_size)
        g_object_set_data_full (G_OBJECT (e->block), CHART_HEADER_KEY,
                                g_memdup2 (&(CrChartRect) { 0, e->top - e->lead - e->block_top,
                                                            gtk_widget_get_width (e->block), e->lead },
                                           sizeof (CrChartRect)),
                                g_free);
    }
  /* Backwards: a heading whose block is cut off at the bottom goes too. */
  for (guint i = screens->extents->len; i > 0; i--)
    {
      const Extent *e = &g_array_index (screens->extents, Extent, i - 1);
      gboolean fits = !e->tall;
      /* The same half pixel as next_screen()'s: a block that screen shows
       * again at its top is not also shown here with its foot cut off. */
      gboolean cut_below = fits && ((e->top < bottom - 0.5 && e->bottom > bottom + 0.5)
                                    || (keeps_with_next (screens->extents, i - 1, screens->page_size)
                                        && unseen_after && e->bottom <= bottom + 0.5));
      /* Nothing is above the body's top: a card's outline drawn a pixel
       * above it (top -1) is no cut. */
      /* Under the captions too: what they cover the screen before showed. */
      double covered_to = top + (screens->cover > 0 ? screens->cover - 0.5 : -2);
      gboolean cut_above;

      /* In a column with a caption: all the caption's band covers, down to
       * the first block the column goes on with. */
      for (guint c = 0; c < captions->len; c++)
        if (gtk_widget_is_ancestor (e->block, g_array_index (captions, Caption, c).column))
          covered_to = MAX (covered_to, g_array_index (captions, Caption, c).start - 0.5);
      cut_above = fits && top > screens->lower + 0.5 && e->top < covered_to && e->bottom > top + 0.5;

      GArray *hidden = g_object_get_data (G_OBJECT (e->block), CHART_HIDDEN_KEY);

      if (hidden != NULL)
        {
          /* Rows off the screen are left out too, so what is drawn of a
           * chart is what the room sees of it. */
          const CrChartRect *header = g_object_get_data (G_OBJECT (e->block), CHART_HEADER_KEY);
          /* Under the repeated header: hidden in one band, below. */
          gboolean covered = header != NULL && e->top < header->y + header->height + e->block_top - 0.5;

          if (!covered && (cut_below || cut_above || e->bottom <= top + 0.5 || e->top >= bottom - 0.5))
            g_array_append_val (hidden, ((CrChartRect) { 0, e->top - e->block_top, 0, e->bottom - e->top }));
          /* The chart's top, down to the row under its repeated header:
           * the last band, as the bands go from the bottom up. */
          if (header != NULL && e->top <= e->block_top + 0.5)
            g_array_append_val (hidden, ((CrChartRect) { 0, 0, 0, header->y + header->height }));
          gtk_widget_queue_draw (e->block);
        }
      else
        gtk_widget_set_opacity (e->block, cut_below || cut_above ? 0.0 : 1.0);
      unseen_after = cut_below || e->top >= bottom - 0.5;
    }
}

/* Where a block's lines are veiled on this screen: the y, in the block's
 * own bounds, from which the veil covers it (a double), or none. */
#define VEIL_KEY "cr-room-veil"

static void
draw_veil (GtkDrawingArea *area,
           cairo_t        *cr,
           int             width,
           int             height,
           gpointer        user_data)
{
  CrRoomView *self = user_data;
  GdkRGBA page = { 0, 0, 0, 1 };

  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  gtk_style_context_lookup_color (gtk_widget_get_style_context (GTK_WIDGET (area)), "room_bg_color", &page);
  G_GNUC_END_IGNORE_DEPRECATIONS
  gdk_cairo_set_source_rgba (cr, &page);
  for (guint i = 0; i < self->veils->len; i++)
    {
      const graphene_rect_t *r = &g_array_index (self->veils, graphene_rect_t, i);

      cairo_rectangle (cr, r->origin.x, r->origin.y, r->size.width, r->size.height);
    }
  cairo_fill (cr);
  for (guint i = 0; i < self->caption_lines->len; i++)
    {
      const CaptionLine *line = g_ptr_array_index (self->caption_lines, i);

      gdk_cairo_set_source_rgba (cr, &line->color);
      cairo_move_to (cr, line->x, line->y);
      pango_cairo_show_layout (cr, line->layout);
    }
}

/* A block taller than the screen goes on on the next from the top of the
 * line the screen's foot cuts (see continues_from()): this screen shows
 * it down to there only, so no line is cut in half at its foot. The rest
 * of the block is veiled in the page's colour (a card's outline too: it
 * goes on), across the block's width only, so the blocks beside it show. */
static void
veil_cut_lines (CrRoomView    *self,
                const Screens *screens)
{
  double foot = screens->value + screens->page_size;
  graphene_point_t offset;

  /* The veil covers the scroller exactly (it is the overlay's child). */
  if (!gtk_widget_compute_point (GTK_WIDGET (self->body), GTK_WIDGET (self->scrolled), &GRAPHENE_POINT_INIT (0, 0), &offset))
    offset = GRAPHENE_POINT_INIT (0, -screens->value);
  for (guint i = 0; i < screens->extents->len; i++)
    {
      const Extent *e = &g_array_index (screens->extents, Extent, i);
      graphene_rect_t bounds;
      double from;

      if (!e->tall || e->top >= foot - 0.5 || e->bottom <= foot + 0.5
          || GTK_IS_DRAWING_AREA (e->block) || !gtk_widget_compute_bounds (e->block, GTK_WIDGET (self->body), &bounds))
        {
          g_object_set_data (G_OBJECT (e->block), VEIL_KEY, NULL);
          continue;
        }
      from = MAX (continues_from (e, screens->value, screens->page_size, screens->line), screens->value);
      if (from >= foot - 0.5)
        {
          g_object_set_data (G_OBJECT (e->block), VEIL_KEY, NULL);
          continue;
        }
      g_object_set_data_full (G_OBJECT (e->block), VEIL_KEY, g_memdup2 (&(double) { from - e->top }, sizeof (double)),
                              g_free);
      g_array_append_val (self->veils, GRAPHENE_RECT_INIT (bounds.origin.x + offset.x, from + offset.y,
                                                           bounds.size.width, foot - from));
    }
  gtk_widget_set_visible (self->veil, self->veils->len > 0);
  gtk_widget_queue_draw (self->veil);
}

static void
collect_summaries (GtkWidget *widget,
                   GPtrArray *summaries)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (gtk_widget_has_css_class (child, VOTE_SUMMARY_CLASS))
      g_ptr_array_add (summaries, child);
    else
      collect_summaries (child, summaries);
}

/* The frame after: laid out by then. */
static gboolean
fit_vote_tick (GtkWidget     *body,
               GdkFrameClock *clock,
               gpointer       user_data)
{
  queue_update_more (user_data);
  return G_SOURCE_REMOVE;
}

/* A vote step before and during the vote shows the question, how to
 * vote, the round's status and the options on its first screen: the
 * room votes on what it reads together, never the question alone over
 * nothing and the options on the next screen without it. Where the
 * options' cards would go below the first screen's foot, their summaries
 * (which the canvas showed) give way, and the names stay. At another
 * size they are tried again. TRUE where the body changed: it is laid out
 * again before the screens are. */
static gboolean
fit_vote (CrRoomView *self)
{
  GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (self->scrolled);
  double page_size = gtk_adjustment_get_page_size (adjustment);
  int width = gtk_widget_get_width (GTK_WIDGET (self)), height = gtk_widget_get_height (GTK_WIDGET (self));
  g_autoptr(GPtrArray) summaries = g_ptr_array_new ();
  gboolean over = FALSE;

  collect_summaries (GTK_WIDGET (self->body), summaries);
  if (summaries->len == 0 || page_size <= 0)
    return FALSE;
  if (!gtk_widget_get_visible (g_ptr_array_index (summaries, 0)))
    {
      if (width == self->vote_fit_width && height == self->vote_fit_height)
        return FALSE;
      for (guint i = 0; i < summaries->len; i++)
        gtk_widget_set_visible (g_ptr_array_index (summaries, i), TRUE);
      queue_update_more (self);
      return TRUE;
    }
  for (guint i = 0; i < summaries->len; i++)
    {
      GtkWidget *card = gtk_widget_get_parent (g_ptr_array_index (summaries, i));
      graphene_rect_t bounds;

      /* A new body not laid out yet: once it is. */
      if (gtk_widget_get_height (g_ptr_array_index (summaries, i)) <= 0)
        {
          gtk_widget_add_tick_callback (GTK_WIDGET (self->body), fit_vote_tick, self, NULL);
          return FALSE;
        }
      if (gtk_widget_compute_bounds (card, GTK_WIDGET (self->body), &bounds)
          && bounds.origin.y + bounds.size.height > page_size + 0.5)
        over = TRUE;
    }
  if (!over)
    return FALSE;
  for (guint i = 0; i < summaries->len; i++)
    gtk_widget_set_visible (g_ptr_array_index (summaries, i), FALSE);
  self->vote_fit_width = width;
  self->vote_fit_height = height;
  queue_update_more (self);
  return TRUE;
}

/* "Continued ↓ (1 of 2)" while there is more below, nothing at the end.
 * The screens are counted as Page Down goes through them from the top. */
static void
update_more (CrRoomView *self)
{
  g_auto(Screens) screens = { NULL, };
  g_autofree char *text = NULL;
  g_autoptr(GArray) captions = g_array_new (FALSE, FALSE, sizeof (Caption));
  g_autoptr(GArray) starts = NULL;
  guint screen;

  g_array_set_clear_func (captions, (GDestroyNotify) caption_clear);
  if (fit_vote (self))
    return;
  screens_init (self, &screens);
  if (screens.cover > 0)
    captions_at (self, &screens, self->caption_y, captions);
  hide_cut_blocks (&screens, captions);
  show_captions (self, &screens, captions);
  veil_cut_lines (self, &screens);
  starts = screen_starts (self, &screens);
  screen = screen_at (starts, screens.value);
  /* Laid out anew (a resized window, a new typeface size, a note the room
   * now shows): the screens are too. The room goes on from the block it
   * was showing, on the new screen that shows it, with that screen's
   * captions, and Page Down goes on from there. */
  if (self->paged_block >= 0 && self->pending_value < 0 && screens.extents->len > 0
      && (self->paged_width != gtk_widget_get_width (GTK_WIDGET (self))
          || self->paged_height != gtk_widget_get_height (GTK_WIDGET (self))
          || fabs (g_array_index (starts, ScreenStart, screen).value - screens.value) > 1))
    {
      guint block = MIN ((guint) self->paged_block, screens.extents->len - 1);
      double top = g_array_index (screens.extents, Extent, block).top;

      screen = 0;
      for (guint i = 1; i < starts->len; i++)
        if (g_array_index (starts, ScreenStart, i).start <= top + 0.5)
          screen = i;
      go_to_screen (self, &screens, starts, screen);
      /* The same block, not the new screen's first: the layout may not be
       * the last one yet (the type is resized after the window). */
      self->paged_block = (int) block;
      /* Its blocks and captions once the view is there. */
      queue_update_more (self);
      return;
    }
  if (screen + 1 < starts->len)
    {
      /* Translators: the step goes on below the bottom of the screen; the
       * room is on screen %u of %u of it, e.g. "Continued ↓ (1 of 2)" */
      text = g_strdup_printf (_("Continued ↓ (%u of %u)"), screen + 1, starts->len);
    }

  if (text == NULL)
    gtk_widget_set_visible (GTK_WIDGET (self->more_label), FALSE);
  else
    {
      if (g_strcmp0 (gtk_label_get_label (self->more_label), text) != 0)
        gtk_label_set_label (self->more_label, text);
      gtk_widget_set_visible (GTK_WIDGET (self->more_label), TRUE);
    }
}

static gboolean
on_more_idle (gpointer user_data)
{
  CrRoomView *self = user_data;

  self->more_source = 0;
  if (self->pending_value >= 0)
    {
      GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (self->scrolled);

      /* Not laid out with the grown tail yet: the adjustment's next change
       * brings this back. */
      if (gtk_adjustment_get_upper (adjustment) - gtk_adjustment_get_page_size (adjustment)
          < self->pending_value - 0.5)
        return G_SOURCE_REMOVE;
      gtk_adjustment_set_value (adjustment, self->pending_value);
      self->pending_value = -1;
    }
  update_more (self);
  return G_SOURCE_REMOVE;
}

/* The adjustment changes during allocation, and a new body is measured
 * only when it is laid out: the label and the blocks change after that,
 * at a lower priority than the frame's layout. */
static void
queue_update_more (CrRoomView *self)
{
  if (self->more_source == 0)
    self->more_source = g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, on_more_idle, self, NULL);
}

/* ---- Actions --------------------------------------------------------------- */

static void
move_step (CrRoomView *self,
           int         delta)
{
  int index = 0;

  /* Page Down shows the rest of a long step before the next one. */
  if (cr_room_view_scroll_screen (self, delta))
    return;

  if (self->page != NULL)
    {
      /* One source of truth: the console moves, the view follows it. */
      gtk_widget_activate_action (GTK_WIDGET (self->page),
                                  delta < 0 ? "workshop.previous-step" : "workshop.next-step", NULL);
      return;
    }

  if (find_step (self, &index) == NULL)
    return;
  index += delta;
  if (index >= 0 && (guint) index < cr_workshop_get_n_steps (self->workshop))
    cr_room_view_set_step_id (self, cr_workshop_get_step (self->workshop, (guint) index)->id);
}

static void
previous_step_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  move_step (CR_ROOM_VIEW (widget), -1);
}

static void
next_step_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  move_step (CR_ROOM_VIEW (widget), 1);
}

static void
toggle_blank_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  CrRoomView *self = CR_ROOM_VIEW (widget);

  cr_room_view_set_blank (self, !self->blank);
}

/* ---- GObject --------------------------------------------------------------- */

static void
clear_binding (GBinding **binding)
{
  GBinding *b = *binding;

  if (b == NULL)
    return;
  g_object_remove_weak_pointer (G_OBJECT (b), (gpointer *) binding);
  *binding = NULL;
  g_binding_unbind (b);
}

static void
unfollow_page (CrRoomView *self)
{
  clear_binding (&self->step_binding);
  clear_binding (&self->time_binding);
  clear_binding (&self->phones_binding);
  g_clear_weak_pointer (&self->page);
}

/* ---- The view's menu ------------------------------------------------------ */

/* The facilitator's few commands in the room view, on a right click or the
 * menu key: the room sees nothing of it until it is opened. */
static void
popup_menu (CrRoomView *self,
            double      x,
            double      y)
{
  if (self->menu == NULL)
    {
      g_autoptr(GMenu) menu = g_menu_new ();

      g_menu_append (menu, _("Votes From _Phones"), "win.phones");
      self->menu = gtk_popover_menu_new_from_model (G_MENU_MODEL (menu));
      gtk_widget_set_parent (self->menu, GTK_WIDGET (self));
      gtk_popover_set_has_arrow (GTK_POPOVER (self->menu), FALSE);
    }
  if (x >= 0 && y >= 0)
    gtk_popover_set_pointing_to (GTK_POPOVER (self->menu), &(GdkRectangle) { (int) x, (int) y, 1, 1 });
  else
    gtk_popover_set_pointing_to (GTK_POPOVER (self->menu), NULL);
  gtk_popover_popup (GTK_POPOVER (self->menu));
}

static void
menu_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  popup_menu (CR_ROOM_VIEW (widget), -1, -1);
}

static void
on_secondary_click (GtkGestureClick *gesture,
                    int              n_press,
                    double           x,
                    double           y,
                    CrRoomView      *self)
{
  gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
  popup_menu (self, x, y);
}

static void
cr_room_view_dispose (GObject *object)
{
  CrRoomView *self = CR_ROOM_VIEW (object);

  if (self->page != NULL)
    unfollow_page (self);
  /* Before the sources go: letting go of the server queues a rebuild. */
  cr_room_view_set_phone_server (self, NULL);
  g_clear_handle_id (&self->rebuild_source, g_source_remove);
  g_clear_handle_id (&self->font_source, g_source_remove);
  g_clear_handle_id (&self->more_source, g_source_remove);
  if (self->watched_items != NULL)
    {
      for (guint i = 0; i < self->watched_items->len; i++)
        g_signal_handlers_disconnect_by_data (g_ptr_array_index (self->watched_items, i), self);
      g_clear_pointer (&self->watched_items, g_ptr_array_unref);
    }
  g_clear_pointer (&self->menu, gtk_widget_unparent);
  g_clear_object (&self->rounds_watch);
  g_clear_object (&self->workshop);
  g_clear_object (&self->template);

  G_OBJECT_CLASS (cr_room_view_parent_class)->dispose (object);
}

static void
cr_room_view_finalize (GObject *object)
{
  CrRoomView *self = CR_ROOM_VIEW (object);

  g_free (self->step_id);
  g_clear_pointer (&self->veils, g_array_unref);
  g_clear_pointer (&self->caption_lines, g_ptr_array_unref);
  g_clear_object (&self->font_provider);
  g_clear_pointer (&self->sized_family, g_free);

  G_OBJECT_CLASS (cr_room_view_parent_class)->finalize (object);
}

static void
cr_room_view_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  CrRoomView *self = CR_ROOM_VIEW (object);

  switch (prop_id)
    {
    case PROP_WORKSHOP:
      g_value_set_object (value, self->workshop);
      break;
    case PROP_STEP_ID:
      g_value_set_string (value, self->step_id);
      break;
    case PROP_TIME_LEFT:
      g_value_set_int64 (value, self->time_left);
      break;
    case PROP_PHONE_SERVER:
      g_value_set_object (value, self->phone_server);
      break;
    case PROP_BLANK:
      g_value_set_boolean (value, self->blank);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cr_room_view_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  CrRoomView *self = CR_ROOM_VIEW (object);

  switch (prop_id)
    {
    case PROP_WORKSHOP:
      self->workshop = g_value_dup_object (value);
      break;
    case PROP_STEP_ID:
      cr_room_view_set_step_id (self, g_value_get_string (value));
      break;
    case PROP_TIME_LEFT:
      cr_room_view_set_time_left (self, g_value_get_int64 (value));
      break;
    case PROP_BLANK:
      cr_room_view_set_blank (self, g_value_get_boolean (value));
      break;
    case PROP_PHONE_SERVER:
      cr_room_view_set_phone_server (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cr_room_view_constructed (GObject *object)
{
  CrRoomView *self = CR_ROOM_VIEW (object);

  G_OBJECT_CLASS (cr_room_view_parent_class)->constructed (object);

  g_assert (CR_IS_WORKSHOP (self->workshop));
  self->template = g_object_ref (cr_workshop_get_template (self->workshop));

  self->rounds_watch = cr_rounds_watch_new (self->workshop, TRUE);
  g_signal_connect_object (self->rounds_watch, "changed", G_CALLBACK (queue_rebuild), self, G_CONNECT_SWAPPED);
  /* Title, organisation, date...: whatever the setup page shows. */
  g_signal_connect_object (self->workshop, "notify", G_CALLBACK (queue_rebuild), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->workshop, "decision-changed", G_CALLBACK (queue_rebuild), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (cr_workshop_get_notes (self->workshop), "items-changed",
                           G_CALLBACK (on_items_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (cr_workshop_get_actions (self->workshop), "items-changed",
                           G_CALLBACK (on_items_changed), self, G_CONNECT_SWAPPED);
  watch_items (self);

  if (self->step_id == NULL && cr_workshop_get_n_steps (self->workshop) > 0)
    self->step_id = g_strdup (cr_workshop_get_step (self->workshop, 0)->id);
  rebuild (self);
}

static void
cr_room_view_class_init (CrRoomViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cr_room_view_dispose;
  object_class->finalize = cr_room_view_finalize;
  object_class->get_property = cr_room_view_get_property;
  object_class->set_property = cr_room_view_set_property;
  object_class->constructed = cr_room_view_constructed;
  widget_class->measure = cr_room_view_measure;
  widget_class->size_allocate = cr_room_view_size_allocate;

  properties[PROP_WORKSHOP] =
    g_param_spec_object ("workshop", NULL, NULL, CR_TYPE_WORKSHOP,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_STEP_ID] =
    g_param_spec_string ("step-id", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_TIME_LEFT] =
    g_param_spec_int64 ("time-left", NULL, NULL, G_MININT64, G_MAXINT64, 0,
                        G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_BLANK] =
    g_param_spec_boolean ("blank", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_PHONE_SERVER] =
    g_param_spec_object ("phone-server", NULL, NULL, CR_TYPE_PHONE_SERVER,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_install_action (widget_class, "room.previous-step", NULL, previous_step_action);
  gtk_widget_class_install_action (widget_class, "room.menu", NULL, menu_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F10, GDK_SHIFT_MASK, "room.menu", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Menu, 0, "room.menu", NULL);
  gtk_widget_class_install_action (widget_class, "room.next-step", NULL, next_step_action);
  gtk_widget_class_install_action (widget_class, "room.toggle-blank", NULL, toggle_blank_action);

  gtk_widget_class_set_css_name (widget_class, "roomview");
}

static void
add_shortcut (GtkShortcutController *controller,
              guint                  keyval,
              const char            *action)
{
  gtk_shortcut_controller_add_shortcut (controller,
                                        gtk_shortcut_new (gtk_keyval_trigger_new (keyval, 0),
                                                          gtk_named_action_new (action)));
}

static void
cr_room_view_init (CrRoomView *self)
{
  GtkWidget *room, *header, *titles, *secondary, *scrolled, *overlay, *content, *blank;
  GtkAdjustment *adjustment;
  GtkEventController *controller;

  self->watched_items = g_ptr_array_new_with_free_func (g_object_unref);
  controller = GTK_EVENT_CONTROLLER (gtk_gesture_click_new ());
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (controller), GDK_BUTTON_SECONDARY);
  g_signal_connect_object (controller, "pressed", G_CALLBACK (on_secondary_click), self, 0);
  gtk_widget_add_controller (GTK_WIDGET (self), controller);
  self->font_provider = gtk_css_provider_new ();
  gtk_style_context_add_provider (gtk_widget_get_style_context (GTK_WIDGET (self)),
                                  GTK_STYLE_PROVIDER (self->font_provider),
                                  GTK_STYLE_PROVIDER_PRIORITY_APPLICATION + 1);
  gtk_widget_add_css_class (GTK_WIDGET (self), "room-view");

  gtk_widget_set_layout_manager (GTK_WIDGET (self), NULL);
  self->stack = GTK_STACK (gtk_stack_new ());
  adw_bin_set_child (ADW_BIN (self), GTK_WIDGET (self->stack));

  room = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  gtk_widget_add_css_class (room, "room-page");

  header = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
  gtk_widget_add_css_class (header, "room-header");
  titles = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  gtk_widget_set_hexpand (titles, TRUE);
  self->title_label = GTK_LABEL (add_label (GTK_BOX (titles), "", "room-title"));
  /* Two lines at most, on every screen: a step's title as long as a
   * paragraph would leave the body a few lines a screen. The console and
   * the step's own text say it whole. */
  gtk_label_set_lines (self->title_label, 2);
  gtk_label_set_ellipsize (self->title_label, PANGO_ELLIPSIZE_END);
  /* The step's place in the agenda, and whether it goes on below. */
  secondary = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
  gtk_widget_add_css_class (secondary, "room-row");
  gtk_box_append (GTK_BOX (titles), secondary);
  self->progress_label = GTK_LABEL (add_label (GTK_BOX (secondary), "", "room-secondary"));
  /* As wide as its words, with "Continued" right after it. */
  gtk_label_set_width_chars (self->progress_label, -1);
  self->more_label = add_line (GTK_BOX (secondary), "room-status");
  gtk_widget_add_css_class (GTK_WIDGET (self->more_label), "room-more");
  gtk_widget_set_visible (GTK_WIDGET (self->more_label), FALSE);
  gtk_box_append (GTK_BOX (header), titles);
  self->timer_label = add_line (GTK_BOX (header), "room-timer");
  gtk_widget_set_valign (GTK_WIDGET (self->timer_label), GTK_ALIGN_START);
  gtk_box_append (GTK_BOX (room), header);

  /* The room cannot scroll, but a long canvas must not push the window
   * beyond the screen either: Page Down moves it a screen at a time. */
  scrolled = gtk_scrolled_window_new ();
  self->scrolled = GTK_SCROLLED_WINDOW (scrolled);
  /* No scroll bar: the header says there is more, and a bar that appears
   * after each Page Down is one more thing on the screen. */
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER, GTK_POLICY_EXTERNAL);
  gtk_widget_add_css_class (scrolled, "room-scroller");
  gtk_widget_set_vexpand (scrolled, TRUE);
  self->body = GTK_BOX (gtk_box_new (GTK_ORIENTATION_VERTICAL, 0));
  gtk_widget_add_css_class (GTK_WIDGET (self->body), "room-body-box");
  gtk_widget_add_css_class (GTK_WIDGET (self->body), "room-stack");
  content = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  gtk_box_append (GTK_BOX (content), GTK_WIDGET (self->body));
  self->tail = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  gtk_box_append (GTK_BOX (content), self->tail);
  self->pending_value = -1;
  self->paged_block = -1;
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), content);
  /* Over the body, in the page's colour: the lines of a block taller
   * than the screen that wait for the next one (see veil_cut_lines()). */
  overlay = gtk_overlay_new ();
  gtk_overlay_set_child (GTK_OVERLAY (overlay), scrolled);
  /* Nothing for assistive technologies (they read every line anyway),
   * and shown only while it veils something. */
  self->veil = g_object_new (GTK_TYPE_DRAWING_AREA, "accessible-role", GTK_ACCESSIBLE_ROLE_PRESENTATION,
                             "visible", FALSE, NULL);
  gtk_widget_set_can_target (self->veil, FALSE);
  gtk_drawing_area_set_draw_func (GTK_DRAWING_AREA (self->veil), draw_veil, self, NULL);
  gtk_overlay_add_overlay (GTK_OVERLAY (overlay), self->veil);
  self->veils = g_array_new (FALSE, FALSE, sizeof (graphene_rect_t));
  self->caption_lines = g_ptr_array_new_with_free_func ((GDestroyNotify) caption_line_free);
  self->caption_value = -1;
  gtk_widget_add_css_class (self->veil, "room-veil");
  gtk_widget_set_vexpand (overlay, TRUE);
  gtk_box_append (GTK_BOX (room), overlay);
  gtk_stack_add_named (self->stack, room, "room");
  adjustment = gtk_scrolled_window_get_vadjustment (self->scrolled);
  g_signal_connect_object (adjustment, "changed", G_CALLBACK (queue_update_more), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (adjustment, "value-changed", G_CALLBACK (queue_update_more), self, G_CONNECT_SWAPPED);

  blank = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  gtk_widget_add_css_class (blank, "room-blank");
  set_accessible_text (blank, _("Blank screen"));
  gtk_stack_add_named (self->stack, blank, "blank");
  gtk_stack_set_visible_child_name (self->stack, "room");

  /* A presentation clicker sends Page Up / Page Down and B (some send "."
   * for a black screen). Managed by the window, in the capture phase, they
   * work wherever the focus is. */
  controller = gtk_shortcut_controller_new ();
  gtk_shortcut_controller_set_scope (GTK_SHORTCUT_CONTROLLER (controller), GTK_SHORTCUT_SCOPE_MANAGED);
  gtk_event_controller_set_propagation_phase (controller, GTK_PHASE_CAPTURE);
  add_shortcut (GTK_SHORTCUT_CONTROLLER (controller), GDK_KEY_Page_Up, "room.previous-step");
  add_shortcut (GTK_SHORTCUT_CONTROLLER (controller), GDK_KEY_Page_Down, "room.next-step");
  add_shortcut (GTK_SHORTCUT_CONTROLLER (controller), GDK_KEY_b, "room.toggle-blank");
  add_shortcut (GTK_SHORTCUT_CONTROLLER (controller), GDK_KEY_period, "room.toggle-blank");
  gtk_widget_add_controller (GTK_WIDGET (self), controller);
}

GtkWidget *
cr_room_view_new (CrWorkshop *workshop)
{
  g_return_val_if_fail (CR_IS_WORKSHOP (workshop), NULL);

  return g_object_new (CR_TYPE_ROOM_VIEW, "workshop", workshop, NULL);
}

CrWorkshop *
cr_room_view_get_workshop (CrRoomView *self)
{
  g_return_val_if_fail (CR_IS_ROOM_VIEW (self), NULL);
  return self->workshop;
}

void
cr_room_view_follow_page (CrRoomView     *self,
                          CrWorkshopPage *page)
{
  g_return_if_fail (CR_IS_ROOM_VIEW (self));
  g_return_if_fail (page == NULL || CR_IS_WORKSHOP_PAGE (page));

  unfollow_page (self);
  if (page == NULL)
    return;
  g_set_weak_pointer (&self->page, page);
  self->step_binding = g_object_bind_property (page, "step-id", self, "step-id", G_BINDING_SYNC_CREATE);
  self->time_binding = g_object_bind_property (page, "time-left", self, "time-left", G_BINDING_SYNC_CREATE);
  self->phones_binding = g_object_bind_property (page, "phone-server", self, "phone-server", G_BINDING_SYNC_CREATE);
  g_object_add_weak_pointer (G_OBJECT (self->phones_binding), (gpointer *) &self->phones_binding);
  /* The bindings go when the page does; forget them then, not unbind twice. */
  g_object_add_weak_pointer (G_OBJECT (self->step_binding), (gpointer *) &self->step_binding);
  g_object_add_weak_pointer (G_OBJECT (self->time_binding), (gpointer *) &self->time_binding);
}

const char *
cr_room_view_get_step_id (CrRoomView *self)
{
  g_return_val_if_fail (CR_IS_ROOM_VIEW (self), NULL);
  return self->step_id;
}

void
cr_room_view_set_step_id (CrRoomView *self,
                          const char *step_id)
{
  g_return_if_fail (CR_IS_ROOM_VIEW (self));

  if (g_strcmp0 (self->step_id, step_id) == 0)
    return;
  g_free (self->step_id);
  self->step_id = g_strdup (step_id);
  /* Nothing of the previous step lingers for a frame. */
  if (self->template != NULL)
    {
      g_clear_handle_id (&self->rebuild_source, g_source_remove);
      rebuild (self);
    }
  /* A new step starts at its top. */
  reset_screens (self);
  gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (self->scrolled), 0);
  queue_update_more (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STEP_ID]);
}

gint64
cr_room_view_get_time_left (CrRoomView *self)
{
  g_return_val_if_fail (CR_IS_ROOM_VIEW (self), 0);
  return self->time_left;
}

void
cr_room_view_set_time_left (CrRoomView *self,
                            gint64      seconds)
{
  g_return_if_fail (CR_IS_ROOM_VIEW (self));

  if (self->time_left == seconds)
    return;
  self->time_left = seconds;
  if (self->template != NULL)
    update_header (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TIME_LEFT]);
}

gboolean
cr_room_view_get_blank (CrRoomView *self)
{
  g_return_val_if_fail (CR_IS_ROOM_VIEW (self), FALSE);
  return self->blank;
}

void
cr_room_view_set_blank (CrRoomView *self,
                        gboolean    blank)
{
  g_return_if_fail (CR_IS_ROOM_VIEW (self));

  blank = !!blank;
  if (self->blank == blank)
    return;
  self->blank = blank;
  gtk_stack_set_visible_child_name (self->stack, blank ? "blank" : "room");
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BLANK]);
}

int
cr_room_view_get_font_size (CrRoomView *self)
{
  g_return_val_if_fail (CR_IS_ROOM_VIEW (self), 0);
  return self->font_px;
}

void
cr_room_view_get_chart_style (CrRoomView   *self,
                              CrChartStyle *style)
{
  g_return_if_fail (CR_IS_ROOM_VIEW (self));
  g_return_if_fail (style != NULL);
  chart_style_for (self, GTK_WIDGET (self), style);
}

void
cr_room_view_set_phone_server (CrRoomView    *self,
                               CrPhoneServer *server)
{
  g_return_if_fail (CR_IS_ROOM_VIEW (self));
  g_return_if_fail (server == NULL || CR_IS_PHONE_SERVER (server));

  if (self->phone_server == server)
    return;
  if (self->phone_server != NULL)
    g_signal_handlers_disconnect_by_data (self->phone_server, self);
  g_set_object (&self->phone_server, server);
  if (server != NULL)
    {
      /* How to join changes with these; the count, with every ballot. */
      g_signal_connect_object (server, "notify::running", G_CALLBACK (queue_rebuild), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (server, "notify::join-url", G_CALLBACK (queue_rebuild), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (server, "notify::room-code", G_CALLBACK (queue_rebuild), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (server, "notify::joining", G_CALLBACK (queue_rebuild), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (server, "ballot-saved", G_CALLBACK (queue_rebuild), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (server, "seats-changed", G_CALLBACK (queue_rebuild), self, G_CONNECT_SWAPPED);
    }
  if (self->template != NULL)
    queue_rebuild (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PHONE_SERVER]);
}

CrPhoneServer *
cr_room_view_get_phone_server (CrRoomView *self)
{
  g_return_val_if_fail (CR_IS_ROOM_VIEW (self), NULL);
  return self->phone_server;
}

/* ---- For the files that build one kind of step (cr-room-view-private.h) ---- */

void
_cr_room_view_set_accessible_text (GtkWidget  *widget,
                                   const char *text)
{
  set_accessible_text (widget, text);
}

CrWorkshop *
_cr_room_view_get_workshop (CrRoomView *self)
{
  return self->workshop;
}

GtkBox *
_cr_room_view_get_body (CrRoomView *self)
{
  return self->body;
}

gboolean
_cr_room_view_is_wide (CrRoomView *self)
{
  int px = self->font_px > 0 ? self->font_px : 24;

  return gtk_widget_get_width (GTK_WIDGET (self->body)) >= WIDE_EMS * px;
}

GtkWidget *
_cr_room_view_add_label (GtkBox     *box,
                         const char *text,
                         const char *css_class)
{
  return add_label (box, text, css_class);
}

GtkBox *
_cr_room_view_add_box (GtkBox         *parent,
                       GtkOrientation  orientation,
                       const char     *css_class)
{
  return add_box (parent, orientation, css_class);
}

GtkBox *
_cr_room_view_add_card (GtkBox *parent)
{
  return add_card (parent);
}

void
_cr_room_view_add_chart (CrRoomView  *self,
                         GtkBox      *box,
                         CrChartSpec *spec,
                         const char  *label)
{
  add_chart (self, box, spec, label);
}
