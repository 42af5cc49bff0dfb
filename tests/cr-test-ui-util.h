/* cr-test-ui-util.h: what the UI tests and the screenshot tools share: the
 * application, waiting, finding widgets, saving what a widget draws
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "cr-store.h"
#include "cr-window.h"

G_BEGIN_DECLS

/* Initialises GTK and libadwaita for a test under Xvfb and returns a
 * registered application with the real resource base path (so the
 * application's style sheet loads), on no session bus. */
GtkApplication *cr_test_ui_init        (int        *argc,
                                        char     ***argv);

/* Under AddressSanitizer, stops LeakSanitizer from counting what is
 * allocated from now on, for a test that meets a leak in GTK or
 * libadwaita it cannot avoid; say which at the call. Elsewhere nothing. */
void            cr_test_ui_ignore_leaks (void);
/* For the current test only (GLib resets it at each test's start): GTK
 * 4.8's tooltip timeout asks a window closed meanwhile where the pointer
 * is (gtk_tooltip_show_tooltip() does not check that the native still has
 * a surface), a critical from GTK after our window is gone that
 * G_DEBUG=fatal-warnings turns into a failure now and then. Only that one
 * message is let through; every other critical stays fatal. */
void            cr_test_ui_ignore_tooltip_critical (void);

/* Runs the main loop for @ms milliseconds, however little it has to do,
 * then whatever fell due in that time. */
void            cr_test_ui_spin        (guint       ms);

/* Fails the test, saying it was waiting for @what, unless the source it
 * returns is removed (g_source_remove) within @seconds: every wait on the
 * display keeps one, so that a display that never answers fails the test
 * instead of hanging the run. */
guint           cr_test_ui_watchdog    (guint       seconds,
                                        const char *what);

/* Runs whatever the main loop has ready now, without waiting for more. */
void            cr_test_ui_settle      (void);

/* A new window of @app on @store, shown, with the workshop @workshop_id
 * opened as the library opens it (the action win.open-workshop) and the
 * page given time to build; the caller holds a reference. */
CrWindow       *cr_test_ui_open_window (GtkApplication *app,
                                        CrStore        *store,
                                        gint64          workshop_id);

/* Destroys @window and asserts that the caller's reference was the last:
 * GTK and the application have let go of it. */
void            cr_test_ui_close_window (GtkWindow *window);

/* A new 1024x700 window showing @child, returned once it is mapped (20 s
 * at most, then fails). */
GtkWindow      *cr_test_ui_show_in_window (GtkWidget *child);

/* Destroys @window, shown by cr_test_ui_show_in_window, and asserts that
 * @child, its child, is finalized: it let go of everything it connected to. */
void            cr_test_ui_destroy_window (GtkWindow *window,
                                           GtkWidget *child);

/* Runs the main loop until @widget is mapped (20 s at most, then fails). */
void            cr_test_ui_wait_mapped (GtkWidget  *widget);

typedef gboolean (*CrTestUiCondition) (gpointer data);

/* Runs the main loop until @condition holds of @data (20 s at most, then
 * fails, saying it was waiting for @what). The loop turns at least every
 * 50 ms, for conditions that only the database can answer. */
void            cr_test_ui_wait_until  (CrTestUiCondition  condition,
                                        gpointer           data,
                                        const char        *what);

/* The first widget of @type in @root's tree, @root included, or NULL. */
GtkWidget      *cr_test_ui_find        (GtkWidget  *root,
                                        GType       type);

/* The first widget in @root's tree whose name (gtk_widget_set_name) is
 * @name, or NULL. */
GtkWidget      *cr_test_ui_find_named  (GtkWidget  *root,
                                        const char *name);

typedef gboolean (*CrTestUiMatch) (GtkWidget *widget, gconstpointer data);

/* The first widget in @root's tree, @root included, that @match accepts
 * with @data, or NULL. */
GtkWidget      *cr_test_ui_find_match  (GtkWidget     *root,
                                        CrTestUiMatch  match,
                                        gconstpointer  data);
/* The same, failing the test when there is none (@data, a string, names
 * what was looked for). */
GtkWidget      *cr_test_ui_need        (GtkWidget     *root,
                                        CrTestUiMatch  match,
                                        gconstpointer  data);
/* Matches for them: a widget of that name (gtk_widget_set_name), a
 * preferences row or group of that title, a button of that label, a widget
 * of that tooltip, a label of that text, a widget of that type
 * (GSIZE_TO_POINTER). */
gboolean        cr_test_ui_match_name         (GtkWidget     *widget,
                                               gconstpointer  name);
gboolean        cr_test_ui_match_row_title    (GtkWidget     *widget,
                                               gconstpointer  title);
gboolean        cr_test_ui_match_group_title  (GtkWidget     *widget,
                                               gconstpointer  title);
gboolean        cr_test_ui_match_button_label (GtkWidget     *widget,
                                               gconstpointer  label);
gboolean        cr_test_ui_match_tooltip      (GtkWidget     *widget,
                                               gconstpointer  tooltip);
gboolean        cr_test_ui_match_label_text   (GtkWidget     *widget,
                                               gconstpointer  text);
gboolean        cr_test_ui_match_type         (GtkWidget     *widget,
                                               gconstpointer  type);

/* The first mapped widget of @type in @root's tree, @root included, or NULL. */
GtkWidget      *cr_test_ui_find_mapped (GtkWidget  *root,
                                        GType       type);

/* The same as cr_test_ui_find_named, failing the test when there is none. */
GtkWidget      *cr_test_ui_get_named   (GtkWidget  *root,
                                        const char *name);

/* The first label in @root's tree, @root included, that shows @text, or NULL. */
GtkLabel       *cr_test_ui_find_label  (GtkWidget  *root,
                                        const char *text);

/* Every label in @root's tree, one per line, hidden ones included (an
 * expander's rows are one click away): what a step says, for comparing. */
char           *cr_test_ui_text_of     (GtkWidget  *root);

/* The first mapped button in @root's tree that activates @action, or
 * whose label is @label; waits for it to be shown (20 s at most). */
GtkWidget      *cr_test_ui_wait_button (GtkWidget  *root,
                                        const char *action,
                                        const char *label);

/* Activates @button as Enter or Space on it does, and returns once it has
 * been clicked: it shows itself pressed for a moment first, then emits
 * "clicked" (20 s at most, then fails). */
void            cr_test_ui_activate_button (GtkWidget *button);

/* Makes F1 take the path of a desktop without a help viewer, whatever the
 * machine has installed: no app opens help: links, and the one-page help
 * this build made is where an installed one is looked for. Call before
 * the application starts. */
void              cr_test_ui_hide_help_viewer    (void);

/* The first message dialog among the toplevels, or NULL. */
AdwMessageDialog *cr_test_ui_find_message_dialog (void);

/* Renders @widget as it is drawn now into the PNG file @path; FALSE, with
 * a message on stderr, when nothing is drawn. */
gboolean          cr_test_ui_save_png            (GtkWidget  *widget,
                                                  const char *path);

G_END_DECLS
