/* test-step-export.c: the export step's PDF report with its progress, and printing
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "crossroads-test"

#include "config.h"

#include <adwaita.h>
#include <gtk/gtk.h>
#include <string.h>

#include "cr-backup.h"
#include "cr-bundle.h"
#include "cr-step-export.h"
#include "cr-test-ui-util.h"
#include "cr-test-util.h"

/* What a reader copies out of the PDF at @path, or NULL without pdftotext. */
static char *
pdf_text (const char *path)
{
  g_autoptr(GBytes) pdf = cr_test_read_file (path);

  g_assert_nonnull (pdf);
  return cr_test_pdf_text (pdf);
}

static void
on_fraction (GtkProgressBar *bar,
             GParamSpec     *pspec,
             GArray         *seen)
{
  double fraction = gtk_progress_bar_get_fraction (bar);

  g_array_append_val (seen, fraction);
}

static void
test_pdf_progress (void)
{
  g_autoptr(CrStore) store = cr_test_new_store ();
  g_autoptr(CrWorkshop) workshop = cr_test_import_fixture (store, "report.json");
  g_autofree char *path = cr_test_tmp_path ("report.pdf");
  g_autofree char *text = NULL;
  g_autoptr(GArray) seen = g_array_new (FALSE, FALSE, sizeof (double));
  GtkWidget *step = cr_step_export_new (workshop);
  GtkWindow *window = cr_test_ui_show_in_window (step);
  GtkWidget *bar = cr_test_ui_find_named (step, "pdf-progress");
  guint timeout;
  double top = 0;

  g_assert_nonnull (bar);
  g_assert_false (gtk_widget_get_visible (bar));
  g_signal_connect (bar, "notify::fraction", G_CALLBACK (on_fraction), seen);

  cr_step_export_export_to_path (CR_STEP_EXPORT (step), CR_EXPORT_PDF, path);
  /* The window keeps answering: the call returns with the bar showing */
  g_assert_true (cr_step_export_get_busy (CR_STEP_EXPORT (step)));
  g_assert_true (gtk_widget_get_visible (bar));

  timeout = cr_test_ui_watchdog (60, "the PDF export");
  while (cr_step_export_get_busy (CR_STEP_EXPORT (step)))
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (timeout);

  /* The bar moved forward while the worker drew the pages */
  for (guint i = 0; i < seen->len; i++)
    top = MAX (top, g_array_index (seen, double, i));
  g_assert_cmpuint (seen->len, >=, 2);
  g_assert_cmpfloat (top, >, 0.5);
  g_assert_false (gtk_widget_get_visible (bar));
  g_assert_cmpfloat (cr_step_export_get_pdf_progress (CR_STEP_EXPORT (step)), ==, 0.0);

  text = pdf_text (path);
  if (text != NULL)
    {
      g_assert_nonnull (strstr (text, "Workshop report"));
      g_assert_nonnull (strstr (text, "Halden Maritime Group"));
    }

  gtk_window_destroy (window);
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

/* Print… draws the report's own pages: printed to a file, they read as the PDF does. */
static void
test_print (void)
{
  g_autoptr(CrStore) store = cr_test_new_store ();
  g_autoptr(CrWorkshop) workshop = cr_test_import_fixture (store, "report.json");
  g_autoptr(CrReport) report = cr_report_new (workshop);
  g_autoptr(GtkPrintOperation) operation = NULL;
  g_autoptr(GtkPageSetup) setup = gtk_page_setup_new ();
  g_autoptr(GtkPaperSize) a4 = gtk_paper_size_new (GTK_PAPER_NAME_A4);
  g_autoptr(GError) error = NULL;
  g_autofree char *path = cr_test_tmp_path ("printed.pdf");
  g_autofree char *text = NULL;
  g_autofree char *last = NULL;
  GtkWidget *step = cr_step_export_new (workshop);
  GtkWindow *window = cr_test_ui_show_in_window (step);
  GtkPrintOperationResult result;
  guint n_pages;

  g_assert_nonnull (cr_test_ui_find_named (step, "print"));

  n_pages = cr_report_paginate (report, 595.276, 841.89, NULL, NULL, NULL);
  operation = cr_step_export_create_print_operation (CR_STEP_EXPORT (step));
  gtk_page_setup_set_paper_size_and_default_margins (setup, a4);
  gtk_print_operation_set_default_page_setup (operation, setup);
  gtk_print_operation_set_export_filename (operation, path);
  result = gtk_print_operation_run (operation, GTK_PRINT_OPERATION_ACTION_EXPORT, window, &error);
  g_assert_no_error (error);
  g_assert_cmpint (result, ==, GTK_PRINT_OPERATION_RESULT_APPLY);
  while (g_main_context_iteration (NULL, FALSE))
    ;

  text = pdf_text (path);
  if (text == NULL)
    {
      g_test_skip ("pdftotext is not installed");
    }
  else
    {
      /* As many pages as the report laid out on A4, with its cover and numbers */
      last = g_strdup_printf ("Page %u of %u", n_pages, n_pages);
      g_assert_nonnull (strstr (text, "Workshop report"));
      g_assert_nonnull (strstr (text, "4 of 7 votes · 57 %"));
      g_assert_nonnull (strstr (text, last));
    }

  gtk_window_destroy (window);
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

/* The message dialog the step showed over @window, or NULL. */
static AdwMessageDialog *
find_message (GtkWindow *window)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) toplevel = g_list_model_get_item (toplevels, i);

      if (ADW_IS_MESSAGE_DIALOG (toplevel) && gtk_window_get_transient_for (toplevel) == window)
        return ADW_MESSAGE_DIALOG (toplevel);
    }
  return NULL;
}

/* What the file chooser's answer runs refuses the library, its journal and
 * its backups with a message in the window, and writes nothing. */
static void
test_output_is_library (void)
{
  g_autoptr(CrStore) store = cr_test_new_store ();
  g_autoptr(CrWorkshop) workshop = cr_test_import_fixture (store, "report.json");
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) backups = NULL;
  const char *library = cr_store_get_path (store);
  g_autofree char *journal = g_strconcat (library, "-journal", NULL);
  g_autoptr(GBytes) library_before = NULL;
  g_autoptr(GBytes) backup_before = NULL;
  GtkWidget *step = cr_step_export_new (workshop);
  GtkWindow *window = cr_test_ui_show_in_window (step);
  const char *outputs[3];

  /* The import made the day's backup. */
  backups = cr_backup_list (library);
  g_assert_cmpuint (backups->len, >=, 1);
  outputs[0] = library;
  outputs[1] = journal;
  outputs[2] = g_ptr_array_index (backups, 0);
  library_before = cr_test_read_file (library);
  backup_before = cr_test_read_file (outputs[2]);

  for (guint i = 0; i < G_N_ELEMENTS (outputs); i++)
    {
      g_autoptr(GBytes) library_after = NULL;
      g_autoptr(GBytes) backup_after = NULL;
      AdwMessageDialog *message;

      cr_step_export_export_to_path (CR_STEP_EXPORT (step), CR_EXPORT_MARKDOWN, outputs[i]);
      while (g_main_context_iteration (NULL, FALSE))
        ;
      g_assert_false (cr_step_export_get_busy (CR_STEP_EXPORT (step)));

      message = find_message (window);
      g_assert_nonnull (message);
      g_assert_cmpstr (adw_message_dialog_get_heading (message), ==, "The Workshop Was Not Exported");
      g_assert_nonnull (strstr (adw_message_dialog_get_body (message), outputs[i]));
      g_assert_true (strstr (adw_message_dialog_get_body (message), "is the library or one of its own files") != NULL ||
                     strstr (adw_message_dialog_get_body (message), "is in the library’s backups folder") != NULL);
      gtk_window_destroy (GTK_WINDOW (message));

      library_after = cr_test_read_file (library);
      backup_after = cr_test_read_file (outputs[2]);
      g_assert_true (g_bytes_equal (library_before, library_after));
      g_assert_true (g_bytes_equal (backup_before, backup_after));
    }
  g_assert_false (g_file_test (journal, G_FILE_TEST_EXISTS));
  /* The library still reads. */
  g_clear_object (&workshop);
  workshop = cr_workshop_load (store, 1, &error);
  g_assert_no_error (error);

  gtk_window_destroy (window);
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add_func ("/step-export/pdf-progress", test_pdf_progress);
  g_test_add_func ("/step-export/print", test_print);
  g_test_add_func ("/step-export/output-is-library", test_output_is_library);

  return g_test_run ();
}
