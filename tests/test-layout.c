/* test-layout.c: the workshop window on the screens facilitators bring, from 1024x600 up
 *
 * On a small laptop the agenda folds away behind a header button, the
 * canvas's three models fit (or scroll with a scrollbar in sight), and no
 * action's text or step title is cut.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "crossroads-test"

#include "config.h"

#include <adwaita.h>
#include <locale.h>

#include "cr-bundle.h"
#include "cr-step-canvas.h"
#include "cr-test-ui-util.h"
#include "cr-test-util.h"
#include "cr-window.h"
#include "cr-workshop-page.h"
#include "cr-workshop.h"

#define LONG_ACTION "Choose two programmes to run as products, each with a product owner, a designer " \
                    "and a measure of success that the leadership team agrees on before the summer"

static GtkApplication *app;

typedef struct
{
  CrStore        *store;
  CrWindow       *window;
  CrWorkshopPage *page;
  AdwLeaflet     *leaflet;
} Fixture;

static void
open_at (Fixture *f,
         int      width,
         int      height)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CrTemplate) template = cr_template_lookup_builtin ("people-product-models", &error);
  g_autoptr(CrWorkshop) workshop = NULL;

  g_assert_no_error (error);
  f->store = cr_test_new_store ();
  workshop = cr_workshop_create (f->store, template, "Operating model review", "Northwind Logistics", "Sam",
                                 "2025-09-12", "People", &error);
  g_assert_no_error (error);
  g_assert_nonnull (cr_workshop_add_action (workshop, LONG_ACTION, "Maria Lindqvist", "2026-04-30", &error));
  g_assert_no_error (error);

  f->window = g_object_ref (cr_window_new (app, f->store, NULL));
  gtk_window_set_default_size (GTK_WINDOW (f->window), width, height);
  gtk_window_present (GTK_WINDOW (f->window));
  cr_test_ui_wait_mapped (GTK_WIDGET (f->window));
  g_assert_true (cr_window_open_workshop (f->window, cr_workshop_get_id (workshop), &error));
  g_assert_no_error (error);
  f->page = CR_WORKSHOP_PAGE (cr_test_ui_find (GTK_WIDGET (f->window), CR_TYPE_WORKSHOP_PAGE));
  f->leaflet = ADW_LEAFLET (cr_test_ui_find (GTK_WIDGET (f->page), ADW_TYPE_LEAFLET));
  /* A loaded machine takes a while to give the window its size: the
   * layout is judged once the page has it (less the window's border). */
  {
    gint64 give_up = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;

    while (gtk_widget_get_width (GTK_WIDGET (f->page)) < width - 40)
      {
        if (g_get_monotonic_time () > give_up)
          g_error ("the window never got its width of %d", width);
        g_main_context_iteration (NULL, FALSE);
      }
  }
  cr_test_ui_spin (300);
}

static void
close_window (Fixture *f)
{
  gtk_window_destroy (GTK_WINDOW (f->window));
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_assert_finalize_object (f->window);
  g_assert_finalize_object (f->store);
}

static void
show_step (Fixture    *f,
           const char *step_id)
{
  g_assert_true (cr_workshop_page_set_step_id (f->page, step_id));
  /* Past the crossfade and the text views' second layout. */
  cr_test_ui_spin (800);
}

static GtkScrolledWindow *
canvas_scroller (Fixture *f)
{
  GtkWidget *canvas = cr_workshop_page_get_step_widget (f->page, "canvas");

  g_assert_true (gtk_widget_get_mapped (canvas));
  return GTK_SCROLLED_WINDOW (cr_test_ui_find (canvas, GTK_TYPE_SCROLLED_WINDOW));
}

/* The canvas shows its columns whole, without scrolling sideways. */
static void
assert_canvas_fits (Fixture *f)
{
  GtkAdjustment *h = gtk_scrolled_window_get_hadjustment (canvas_scroller (f));

  g_assert_cmpfloat (gtk_adjustment_get_upper (h), <=, gtk_adjustment_get_page_size (h) + 0.5);
}

/* The header's title is shown whole. */
static void
assert_title_whole (Fixture *f)
{
  const char *title = cr_template_get_step (cr_workshop_get_template (cr_workshop_page_get_workshop (f->page)),
                                            2)->title;
  GtkWidget *window_title = NULL;

  for (GtkWidget *w = GTK_WIDGET (f->page); w != NULL; )
    {
      if (ADW_IS_WINDOW_TITLE (w) && g_strcmp0 (adw_window_title_get_title (ADW_WINDOW_TITLE (w)), title) == 0)
        {
          window_title = w;
          break;
        }
      if (gtk_widget_get_first_child (w) != NULL)
        w = gtk_widget_get_first_child (w);
      else
        {
          while (w != NULL && gtk_widget_get_next_sibling (w) == NULL)
            w = gtk_widget_get_parent (w);
          if (w != NULL)
            w = gtk_widget_get_next_sibling (w);
        }
    }
  g_assert_nonnull (window_title);
  for (GtkWidget *w = cr_test_ui_find (window_title, GTK_TYPE_LABEL); w != NULL; w = gtk_widget_get_next_sibling (w))
    if (GTK_IS_LABEL (w) && gtk_widget_get_mapped (w))
      g_assert_false (pango_layout_is_ellipsized (gtk_label_get_layout (GTK_LABEL (w))));
}

/* The long action is shown whole, wrapped over lines. */
static void
assert_action_whole (Fixture *f)
{
  GtkWidget *step = cr_workshop_page_get_step_widget (f->page, "actions");
  GtkWidget *text = cr_test_ui_find_named (step, "text");
  GtkWidget *shown = gtk_widget_get_parent (text);
  int minimum, natural;
  guint lines = 1;
  GtkTextIter iter;

  g_assert_true (gtk_widget_get_mapped (text));
  gtk_text_buffer_get_start_iter (gtk_text_view_get_buffer (GTK_TEXT_VIEW (text)), &iter);
  while (gtk_text_view_forward_display_line (GTK_TEXT_VIEW (text), &iter))
    lines++;
  /* Wrapped over lines, and all of them in sight once laid out (the text
   * view asks for its height after a first layout, later on a slow machine). */
  g_assert_cmpuint (lines, >, 1);
  {
    gint64 give_up = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;

    do
      {
        g_main_context_iteration (NULL, FALSE);
        gtk_widget_measure (text, GTK_ORIENTATION_VERTICAL, gtk_widget_get_width (text), &minimum, &natural, NULL, NULL);
      }
    while (gtk_widget_get_height (shown) < natural && g_get_monotonic_time () < give_up);
  }
  g_assert_cmpint (gtk_widget_get_height (shown), >=, natural);
}

static void
test_layout_1024 (void)
{
  Fixture f = { 0 };
  GtkWidget *show_agenda;
  GtkListBox *agenda;

  open_at (&f, 1024, 600);
  show_step (&f, "canvas");
  /* The agenda has folded away, the step fills the window. */
  g_assert_true (adw_leaflet_get_folded (f.leaflet));
  g_assert_cmpstr (adw_leaflet_get_visible_child_name (f.leaflet), ==, "content");
  assert_canvas_fits (&f);
  assert_title_whole (&f);

  /* A header button brings it back, and choosing a step puts it away. */
  show_agenda = cr_test_ui_find_named (GTK_WIDGET (f.page), "show-agenda");
  g_assert_true (gtk_widget_get_mapped (show_agenda));
  g_signal_emit_by_name (show_agenda, "clicked");
  cr_test_ui_spin (400);
  g_assert_cmpstr (adw_leaflet_get_visible_child_name (f.leaflet), ==, "sidebar");
  agenda = GTK_LIST_BOX (cr_test_ui_find_named (GTK_WIDGET (f.page), "agenda"));
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (agenda)));
  gtk_widget_activate (GTK_WIDGET (gtk_list_box_get_row_at_index (agenda, 8)));
  cr_test_ui_spin (800);
  g_assert_cmpstr (cr_workshop_page_get_step_id (f.page), ==, "actions");
  g_assert_cmpstr (adw_leaflet_get_visible_child_name (f.leaflet), ==, "content");
  assert_action_whole (&f);

  close_window (&f);
}

/* The window's default size: the agenda stays, and the third model is whole. */
static void
test_layout_default (void)
{
  Fixture f = { 0 };

  open_at (&f, 1100, 720);
  show_step (&f, "canvas");
  g_assert_false (adw_leaflet_get_folded (f.leaflet));
  assert_canvas_fits (&f);
  show_step (&f, "actions");
  assert_action_whole (&f);
  close_window (&f);

  open_at (&f, 1366, 768);
  show_step (&f, "canvas");
  g_assert_false (adw_leaflet_get_folded (f.leaflet));
  assert_canvas_fits (&f);
  close_window (&f);
}

/* Narrower than the three columns: they scroll, with a scrollbar in sight. */
static void
test_layout_narrow (void)
{
  Fixture f = { 0 };
  GtkScrolledWindow *scroller;
  GtkAdjustment *h;

  open_at (&f, 760, 560);
  show_step (&f, "canvas");
  g_assert_true (adw_leaflet_get_folded (f.leaflet));
  scroller = canvas_scroller (&f);
  h = gtk_scrolled_window_get_hadjustment (scroller);
  g_assert_cmpfloat (gtk_adjustment_get_upper (h), >, gtk_adjustment_get_page_size (h));
  g_assert_false (gtk_scrolled_window_get_overlay_scrolling (scroller));
  g_assert_cmpint (gtk_adjustment_get_upper (h), >=, cr_step_canvas_get_min_width (3));
  close_window (&f);
}

/* The smallest window each step of the workshop of @bundle (a path under
 * tests/) allows, opened as small as it goes and taken through every
 * step: it grows to what each needs, in width and (at that width) in
 * height. The widest and the tallest it became go to @width and @height. */
static void
smallest_window (const char *bundle,
                 int        *width,
                 int        *height)
{
  g_autofree char *path = cr_test_source_path (bundle, NULL);
  g_autoptr(CrStore) store = cr_test_new_store ();
  g_autoptr(GError) error = NULL;
  CrWindow *window;
  CrWorkshopPage *page;
  CrWorkshop *workshop;
  gint64 id;

  *width = *height = 0;
  id = cr_bundle_import_file (store, path, &error);
  g_assert_no_error (error);
  window = cr_window_new (app, store, NULL);
  gtk_window_set_default_size (GTK_WINDOW (window), 300, 1);
  gtk_window_present (GTK_WINDOW (window));
  cr_test_ui_wait_mapped (GTK_WIDGET (window));
  g_assert_true (cr_window_open_workshop (window, id, &error));
  g_assert_no_error (error);
  page = CR_WORKSHOP_PAGE (cr_test_ui_find (GTK_WIDGET (window), CR_TYPE_WORKSHOP_PAGE));
  workshop = cr_workshop_page_get_workshop (page);
  for (guint i = 0; i < cr_workshop_get_n_steps (workshop); i++)
    {
      const CrAgendaStep *step = cr_workshop_get_step (workshop, i);
      int w, h;

      g_assert_true (cr_workshop_page_set_step_id (page, step->id));
      /* Past the crossfade and the text views' second layout. */
      cr_test_ui_spin (800);
      w = gtk_widget_get_width (GTK_WIDGET (window));
      h = gtk_widget_get_height (GTK_WIDGET (window));
      g_print ("%s, %s: the window is %d pixels wide and %d high\n", bundle, step->id, w, h);
      *width = MAX (*width, w);
      *height = MAX (*height, h);
    }
  gtk_window_destroy (GTK_WINDOW (window));
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

static int
metainfo_display_length (const char *metainfo,
                         const char *side)
{
  g_autofree char *pattern = g_strdup_printf ("<display_length side_kind=\"%s\" compare=\"ge\">([0-9]+)<", side);
  g_autoptr(GRegex) regex = g_regex_new (pattern, 0, 0, NULL);
  g_autoptr(GMatchInfo) match = NULL;
  g_autofree char *figure = NULL;

  g_assert_true (g_regex_match (regex, metainfo, 0, &match));
  figure = g_match_info_fetch (match, 1);
  return atoi (figure);
}

/* The metainfo tells stores the display the window needs: its longest
 * side at least the width the widest step needs, its shortest at least
 * the height the tallest needs (<display_length side_kind="longest"> and
 * "shortest"). No step of the demo the store's screenshots show may need
 * more, in English or in a translation. Each language is measured in a
 * process of its own, started in it: GLib decides once per process
 * whether to translate at all. */
static void
test_layout_display_length (void)
{
  /* Each with its words for "Window width", to see the measure was made in it. */
  const char *languages[][2] = { { "en", "Window width" }, { "de", "Fensterbreite" },
                                 { "fr", "Largeur de la fenêtre" } };
  g_autofree char *path = NULL;
  g_autofree char *metainfo = NULL;
  int width, height;

  if (!g_test_subprocess ())
    {
      for (guint i = 0; i < G_N_ELEMENTS (languages); i++)
        {
          g_autofree char *shown = g_strdup_printf ("*LANGUAGE=%s: %s*", languages[i][0], languages[i][1]);

          g_setenv ("LANGUAGE", languages[i][0], TRUE);
          g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_INHERIT_STDERR);
          g_test_trap_assert_passed ();
          g_test_trap_assert_stdout (shown);
        }
      g_unsetenv ("LANGUAGE");
      return;
    }

  path = cr_test_source_path ("..", "data", "io.github.crossroads.Crossroads.metainfo.xml.in", NULL);
  g_assert_true (g_file_get_contents (path, &metainfo, NULL, NULL));
  /* The test process keeps the C locale, in which gettext ignores LANGUAGE. */
  setlocale (LC_ALL, "");
  cr_test_use_built_catalogues ();
  g_print ("LANGUAGE=%s: %s\n", g_getenv ("LANGUAGE"), g_dgettext (GETTEXT_PACKAGE, "Window width"));
  smallest_window ("../data/screenshots/demo.json", &width, &height);
  g_print ("the smallest window: %d x %d\n", width, height);
  g_assert_cmpint (width, <=, metainfo_display_length (metainfo, "longest"));
  g_assert_cmpint (height, <=, metainfo_display_length (metainfo, "shortest"));
}

static gboolean
leaflet_folded (gpointer leaflet)
{
  return adw_leaflet_get_folded (ADW_LEAFLET (leaflet));
}

/* What a keyboard-only walk met: with the focus on the agenda, a window
 * made narrower (a projector plugged in, a smaller screen) folded the
 * agenda away, and the step jumped from the results to the one after the
 * focused row. The step stays. */
static void
test_layout_fold_keeps_step (void)
{
  Fixture f = { 0 };

  open_at (&f, 1366, 768);
  show_step (&f, "results");
  g_assert_false (adw_leaflet_get_folded (f.leaflet));
  cr_workshop_page_focus_agenda (f.page);
  cr_test_ui_spin (300);

  gtk_window_set_default_size (GTK_WINDOW (f.window), 1024, 600);
  cr_test_ui_wait_until (leaflet_folded, f.leaflet, "the agenda to fold away");
  cr_test_ui_spin (800);
  g_assert_cmpstr (cr_workshop_page_get_step_id (f.page), ==, "results");
  g_assert_cmpstr (adw_leaflet_get_visible_child_name (f.leaflet), ==, "content");
  close_window (&f);
}

static gboolean
focus_in_setup (gpointer data)
{
  Fixture *f = data;
  GtkWidget *focus = gtk_window_get_focus (GTK_WINDOW (f->window));

  return focus != NULL && gtk_widget_is_ancestor (focus, cr_workshop_page_get_step_widget (f->page, "setup"));
}

/* What a keyboard-only walk met at 1024x600: a workshop opened with the
 * agenda folded away had the focus on its hidden agenda, and Tab went
 * first through the header's buttons. The keyboard starts in the step. */
static void
test_layout_folded_focus (void)
{
  Fixture f = { 0 };

  open_at (&f, 1024, 600);
  g_assert_true (adw_leaflet_get_folded (f.leaflet));
  cr_test_ui_wait_until (focus_in_setup, &f, "the focus to be in the step");
  g_assert_true (gtk_widget_get_mapped (gtk_window_get_focus (GTK_WINDOW (f.window))));
  close_window (&f);
}

/* No mapped label under @root is cut short with an ellipsis. */
static void
assert_none_ellipsized (GtkWidget *root)
{
  if (GTK_IS_LABEL (root) && gtk_widget_get_mapped (root))
    g_assert_false (pango_layout_is_ellipsized (gtk_label_get_layout (GTK_LABEL (root))));
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL; child = gtk_widget_get_next_sibling (child))
    assert_none_ellipsized (child);
}

/* What a keyboard-only walk met: the context's answers stopped at twenty
 * characters, "Procurement-led: buy …" beside a row of empty space. */
static void
test_layout_context_answers (void)
{
  Fixture f = { 0 };
  GtkWidget *context;

  open_at (&f, 1024, 600);
  show_step (&f, "context");
  context = cr_workshop_page_get_step_widget (f.page, "context");
  for (guint i = 0; i < 2; i++)
    {
      AdwComboRow *row = ADW_COMBO_ROW (cr_test_ui_find_named (context, i == 0 ? "leader_mindset" : "team_makeup"));

      /* The longest answers: buying in services, specialists in teams. */
      adw_combo_row_set_selected (row, 1);
      cr_test_ui_spin (300);
      g_assert_nonnull (cr_test_ui_find_label (GTK_WIDGET (row), i == 0 ? "Procurement-led: buy and administer services"
                                                                        : "Specialists in separate teams"));
      assert_none_ellipsized (GTK_WIDGET (row));
    }
  close_window (&f);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  /* libadwaita 1.2's AdwLeaflet, once folded, leaves the clip node of a
   * frame unreferenced (gtk_snapshot_pop from its snapshot), which no code
   * of ours can free. Our own objects are still checked here with
   * g_assert_finalize_object. */
  cr_test_ui_ignore_leaks ();
  app = cr_test_ui_init (&argc, &argv);

  g_test_add_func ("/layout/1024x600", test_layout_1024);
  g_test_add_func ("/layout/default", test_layout_default);
  g_test_add_func ("/layout/fold-keeps-step", test_layout_fold_keeps_step);
  g_test_add_func ("/layout/folded-focus", test_layout_folded_focus);
  g_test_add_func ("/layout/context-answers", test_layout_context_answers);
  g_test_add_func ("/layout/narrow", test_layout_narrow);
  g_test_add_func ("/layout/display-length", test_layout_display_length);

  status = g_test_run ();
  g_clear_object (&app);
  return status;
}
