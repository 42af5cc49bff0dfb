/* test-help.c: F1, as a real key, opens the help from every step of the window and from its dialogs
 *
 * A facilitator pressed F1 in the New Workshop dialog on a machine without
 * Yelp and nothing happened: the application's F1 reached only its own
 * windows. Without a help viewer every F1 must leave the message that
 * offers the help in the browser, over the window it was pressed in.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "crossroads-test"

#include "config.h"

#include <adwaita.h>

#include "cr-application.h"
#include "cr-ballot-dialog.h"
#include "cr-new-workshop-dialog.h"
#include "cr-preferences-window.h"
#include "cr-room-window.h"
#include "cr-test-input.h"
#include "cr-test-ui-util.h"
#include "cr-test-util.h"
#include "cr-window.h"
#include "cr-workshop-page.h"
#include "cr-workshop.h"

static CrApplication *app;

/* F1 in @window leaves the no-viewer message over it. */
static void
assert_f1_offers_help (GtkWindow  *window,
                       const char *where)
{
  g_autofree char *waiting_for = g_strdup_printf ("the help message after F1 in %s", where);
  guint timeout;
  AdwMessageDialog *dialog;

  g_test_message ("F1 in %s", where);
  g_assert_null (cr_test_ui_find_message_dialog ());
  cr_test_input_focus_window (window);
  cr_test_input_press_key (window, "F1");
  timeout = cr_test_ui_watchdog (20, waiting_for);
  while ((dialog = cr_test_ui_find_message_dialog ()) == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (timeout);

  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "The Help Could Not Be Opened");
  g_assert_true (adw_message_dialog_has_response (dialog, "browser"));
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (dialog)) == window);
  gtk_window_destroy (GTK_WINDOW (dialog));
  cr_test_ui_spin (100);
}

/* The toplevel of @type, waiting until it is mapped. */
static GtkWindow *
wait_toplevel (GType type)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint tries = 0; tries < 200; tries++)
    {
      for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
        {
          g_autoptr(GObject) toplevel = g_list_model_get_item (toplevels, i);

          if (G_TYPE_CHECK_INSTANCE_TYPE (toplevel, type))
            {
              cr_test_ui_wait_mapped (GTK_WIDGET (toplevel));
              return GTK_WINDOW (toplevel);
            }
        }
      cr_test_ui_spin (100);
    }
  g_error ("no %s was shown", g_type_name (type));
  return NULL;
}

static void
close_and_wait (GtkWindow *window)
{
  g_object_ref (window);
  gtk_window_destroy (window);
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_assert_finalize_object (window);
}

static void
test_help_f1_everywhere (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CrTemplate) template = cr_template_lookup_builtin ("people-product-models", &error);
  g_autoptr(CrStore) store = cr_test_new_store ();
  g_autoptr(CrWorkshop) created = NULL;
  CrWindow *window;
  CrWorkshopPage *page;
  CrWorkshop *workshop;
  gboolean saw_ballot = FALSE;

  g_assert_no_error (error);
  created = cr_workshop_create (store, template, "Q3 review", "Northwind", "Sam",
                                "2025-09-12", "People", &error);
  g_assert_no_error (error);
  g_assert_nonnull (cr_workshop_add_participant (created, "Noor", "CFO", &error));
  g_assert_no_error (error);

  window = g_object_ref (cr_window_new (GTK_APPLICATION (app), store, NULL));
  gtk_window_present (GTK_WINDOW (window));
  cr_test_ui_wait_mapped (GTK_WIDGET (window));
  assert_f1_offers_help (GTK_WINDOW (window), "the library");

  {
    CrNewWorkshopDialog *dialog = cr_new_workshop_dialog_new (GTK_WINDOW (window), store);

    gtk_window_present (GTK_WINDOW (dialog));
    cr_test_ui_wait_mapped (GTK_WIDGET (dialog));
    assert_f1_offers_help (GTK_WINDOW (dialog), "the New Workshop dialog");
    close_and_wait (GTK_WINDOW (dialog));
  }
  {
    GtkWindow *preferences;

    g_action_group_activate_action (G_ACTION_GROUP (app), "preferences", NULL);
    preferences = wait_toplevel (CR_TYPE_PREFERENCES_WINDOW);
    assert_f1_offers_help (preferences, "the preferences");
    close_and_wait (preferences);
  }

  g_assert_true (cr_window_open_workshop (window, cr_workshop_get_id (created), &error));
  g_assert_no_error (error);
  cr_test_ui_spin (100);
  page = CR_WORKSHOP_PAGE (cr_test_ui_find (GTK_WIDGET (window), CR_TYPE_WORKSHOP_PAGE));
  g_assert_nonnull (page);
  workshop = cr_window_get_workshop (window);

  {
    CrNewWorkshopDialog *dialog = cr_new_workshop_dialog_new_rerun (GTK_WINDOW (window), workshop);

    gtk_window_present (GTK_WINDOW (dialog));
    cr_test_ui_wait_mapped (GTK_WIDGET (dialog));
    assert_f1_offers_help (GTK_WINDOW (dialog), "the Re-run Workshop dialog");
    close_and_wait (GTK_WINDOW (dialog));
  }

  for (guint i = 0; i < cr_template_get_n_steps (template); i++)
    {
      const CrAgendaStep *step = cr_template_get_step (template, i);
      g_autofree char *where = g_strdup_printf ("the step %s", step->id);

      g_assert_true (cr_workshop_page_set_step_id (page, step->id));
      cr_test_ui_spin (100);
      assert_f1_offers_help (GTK_WINDOW (window), where);

      if (!saw_ballot && g_strcmp0 (step->page, "vote") == 0)
        {
          g_autoptr(CrParticipant) participant =
            g_list_model_get_item (cr_workshop_get_participants (workshop), 0);
          CrRound *round = cr_workshop_open_round (workshop, step->question, &error);
          GtkWidget *ballot;

          g_assert_no_error (error);
          ballot = cr_ballot_dialog_new (workshop, round, cr_participant_get_id (participant));
          gtk_window_set_transient_for (GTK_WINDOW (ballot), GTK_WINDOW (window));
          gtk_window_present (GTK_WINDOW (ballot));
          cr_test_ui_wait_mapped (ballot);
          assert_f1_offers_help (GTK_WINDOW (ballot), "a ballot");
          close_and_wait (GTK_WINDOW (ballot));
          saw_ballot = TRUE;
        }
    }
  g_assert_true (saw_ballot);

  {
    CrRoomWindow *room = cr_room_window_new (GTK_APPLICATION (app), page);

    gtk_window_present (GTK_WINDOW (room));
    cr_test_ui_wait_mapped (GTK_WIDGET (room));
    assert_f1_offers_help (GTK_WINDOW (room), "the room window");
    close_and_wait (GTK_WINDOW (room));
  }

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-help-overlay", NULL));
  {
    GtkWindow *shortcuts = wait_toplevel (GTK_TYPE_SHORTCUTS_WINDOW);

    assert_f1_offers_help (shortcuts, "the shortcuts window");
    gtk_window_destroy (shortcuts);
  }

  gtk_window_destroy (GTK_WINDOW (window));
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_assert_finalize_object (window);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  int status;

  g_setenv ("DBUS_SESSION_BUS_ADDRESS", "unix:path=/nonexistent/crossroads-test-bus", TRUE);
  cr_test_ui_hide_help_viewer ();
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  /* The real application: its F1 and its help action. */
  app = cr_application_new ();
  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE);
  g_application_register (G_APPLICATION (app), NULL, &error);
  g_assert_no_error (error);

  g_test_add_func ("/help/f1-everywhere", test_help_f1_everywhere);

  status = g_test_run ();
  g_clear_object (&app);
  return status;
}
