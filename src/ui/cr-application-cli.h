/* cr-application-cli.h: the command line: --list, --import, --export,
 * --compare, --check-template, --list-backups, --restore-backup, --version
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Runs the command in @args, taking out the options it reads (GTK's are
 * left to GTK): returns its exit status, or -1 when no command was given
 * and the window is to start, with @database_path set to the library to
 * open (--database FILE, or the default one). */
int cr_application_cli_run (char ***args,
                            char  **database_path);

G_END_DECLS
