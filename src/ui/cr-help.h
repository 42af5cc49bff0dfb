/* cr-help.h: the user help, in the help viewer or, where there is none, as
 * one HTML page in the web browser
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* What F1 opens in the help viewer (Yelp finds <data dir>/help/LANG/crossroads/). */
#define CR_HELP_URI "help:crossroads"

/* The installed one-page help in the user's language (or English), or NULL
 * when it is not installed. */
char *cr_help_find_page (void);
/* What F1 asks the help viewer for: CR_HELP_URI where the help is in the
 * system's data folders, else the installed index page in the user's
 * language, as a file: URI. */
char *cr_help_get_viewer_uri (void);
typedef enum
{
  CR_HELP_VIEWER,   /* the help viewer (Yelp), with a help: or file: URI */
  CR_HELP_BROWSER,  /* the web browser, with the one-page help's file: URI */
} CrHelpWay;

/* What F1 opens, and with what: inside a Flatpak (@flatpak_info, usually
 * CR_SANDBOX_FLATPAK_INFO, exists) the one-page help in the browser, else
 * cr_help_get_viewer_uri() in the help viewer. Sets @uri. */
CrHelpWay cr_help_choose_at (const char  *flatpak_info,
                             char       **uri);
/* Opens the help for @parent; says so in a message in @parent when it cannot. */
void  cr_help_show      (GtkWindow *parent);
/* F1 in @window opens the help over it. The application's F1 reaches only
 * the windows it holds, not a dialog that is merely transient for one. */
void  cr_help_add_shortcut (GtkWindow *window);

G_END_DECLS
