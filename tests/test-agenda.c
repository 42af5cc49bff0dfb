/* test-agenda.c: what the agenda tells the facilitator: the step's note, and time over
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "crossroads-test"

#include "config.h"

#include <adwaita.h>

#include "cr-room-view.h"
#include "cr-test-ui-util.h"
#include "cr-test-util.h"
#include "cr-window.h"
#include "cr-workshop-page.h"
#include "cr-workshop.h"

static GtkApplication *app;

static gboolean
has_label_containing (GtkWidget  *root,
                      const char *text)
{
  if (GTK_IS_LABEL (root) && strstr (gtk_label_get_text (GTK_LABEL (root)), text) != NULL)
    return TRUE;
  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (has_label_containing (child, text))
      return TRUE;
  return FALSE;
}

static CrWindow *
open_window (CrStore    *store,
             CrWorkshop *workshop)
{
  g_autoptr(GError) error = NULL;
  CrWindow *window = g_object_ref (cr_window_new (app, store, NULL));

  gtk_window_present (GTK_WINDOW (window));
  cr_test_ui_wait_mapped (GTK_WIDGET (window));
  g_assert_true (cr_window_open_workshop (window, cr_workshop_get_id (workshop), &error));
  g_assert_no_error (error);
  cr_test_ui_spin (200);
  return window;
}

static CrWorkshop *
new_workshop (CrStore *store)
{
  return cr_test_new_workshop (store, "people-product-models", "Q3 review", "Northwind", "Sam",
                               "2025-09-12", "People");
}

/* The agenda's notes ("Take a ten-minute break after this vote") show on
 * the laptop under the step's title, and never to the room. */
static void
test_facilitator_note (void)
{
  g_autoptr(CrStore) store = cr_test_new_store ();
  g_autoptr(CrWorkshop) workshop = new_workshop (store);
  CrWindow *window = open_window (store, workshop);
  CrWorkshopPage *page = CR_WORKSHOP_PAGE (cr_test_ui_find (GTK_WIDGET (window), CR_TYPE_WORKSHOP_PAGE));
  GtkWidget *note = cr_test_ui_find_named (GTK_WIDGET (page), "facilitator-note");
  GtkWidget *view;

  g_assert_nonnull (note);
  g_assert_true (cr_workshop_page_set_step_id (page, "vote-target"));
  cr_test_ui_spin (200);
  g_assert_true (gtk_widget_get_mapped (note));
  g_assert_true (has_label_containing (note, "Take a ten-minute break after this vote."));
  g_assert_true (cr_workshop_page_set_step_id (page, "setup"));
  cr_test_ui_spin (200);
  g_assert_false (has_label_containing (note, "ten-minute break"));
  g_assert_true (has_label_containing (note, "how the votes will work"));

  /* The room's screen, on the same step, has none of it. */
  g_assert_true (cr_workshop_page_set_step_id (page, "vote-target"));
  view = cr_room_view_new (cr_window_get_workshop (window));
  g_object_ref_sink (view);
  cr_room_view_follow_page (CR_ROOM_VIEW (view), page);
  cr_test_ui_spin (200);
  g_assert_false (has_label_containing (view, "ten-minute break"));
  cr_room_view_follow_page (CR_ROOM_VIEW (view), NULL);
  g_object_unref (view);

  cr_test_ui_close_window (GTK_WINDOW (window));
  g_clear_object (&workshop);
  g_assert_finalize_object (g_steal_pointer (&store));
}

/* A set-up that took 30 minutes of its 15 puts the workshop 15 minutes
 * behind; a step left early gives its time back. */
static void
test_running_late (void)
{
  g_autoptr(CrStore) store = cr_test_new_store ();
  g_autoptr(CrWorkshop) workshop = new_workshop (store);
  g_autoptr(GError) error = NULL;
  CrWindow *window;
  CrWorkshopPage *page;
  GtkWidget *late;

  window = open_window (store, workshop);
  page = CR_WORKSHOP_PAGE (cr_test_ui_find (GTK_WIDGET (window), CR_TYPE_WORKSHOP_PAGE));
  late = cr_test_ui_find_named (GTK_WIDGET (page), "agenda-late");
  g_assert_nonnull (late);
  /* On time: nothing said. */
  g_assert_false (gtk_widget_get_visible (late));
  cr_test_ui_close_window (GTK_WINDOW (window));

  g_assert_true (cr_workshop_set_step_elapsed (workshop, "setup", 30 * 60, &error));
  g_assert_no_error (error);
  window = open_window (store, workshop);
  page = CR_WORKSHOP_PAGE (cr_test_ui_find (GTK_WIDGET (window), CR_TYPE_WORKSHOP_PAGE));
  late = cr_test_ui_find_named (GTK_WIDGET (page), "agenda-late");
  g_assert_true (cr_workshop_page_set_step_id (page, "context"));
  cr_test_ui_spin (100);
  g_assert_true (gtk_widget_get_visible (late));
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (late)), ==, "Running 15 min behind the agenda");
  cr_test_ui_close_window (GTK_WINDOW (window));

  /* The context took 5 of its 25 minutes: 20 of the 15 come back. */
  g_assert_true (cr_workshop_set_step_elapsed (workshop, "context", 5 * 60, &error));
  g_assert_no_error (error);
  window = open_window (store, workshop);
  page = CR_WORKSHOP_PAGE (cr_test_ui_find (GTK_WIDGET (window), CR_TYPE_WORKSHOP_PAGE));
  late = cr_test_ui_find_named (GTK_WIDGET (page), "agenda-late");
  g_assert_true (cr_workshop_page_set_step_id (page, "canvas"));
  cr_test_ui_spin (100);
  g_assert_false (gtk_widget_get_visible (late));
  cr_test_ui_close_window (GTK_WINDOW (window));

  g_clear_object (&workshop);
  g_assert_finalize_object (g_steal_pointer (&store));
}

int
main (int   argc,
      char *argv[])
{
  int status;

  app = cr_test_ui_init (&argc, &argv);

  g_test_add_func ("/agenda/facilitator-note", test_facilitator_note);
  g_test_add_func ("/agenda/running-late", test_running_late);

  status = g_test_run ();
  g_clear_object (&app);
  return status;
}
