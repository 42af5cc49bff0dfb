/* cr-test-ui.h: what the UI tests share: the application, waiting, finding widgets
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

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

/* Runs the main loop for @ms milliseconds, however little it has to do,
 * then whatever fell due in that time. */
void            cr_test_ui_spin        (guint       ms);

/* Runs the main loop until @widget is mapped (20 s at most, then fails). */
void            cr_test_ui_wait_mapped (GtkWidget  *widget);

typedef gboolean (*CrTestUiCondition) (gpointer data);

/* Runs the main loop until @condition holds of @data (20 s at most, then
 * fails, saying it was waiting for @what). */
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

G_END_DECLS
