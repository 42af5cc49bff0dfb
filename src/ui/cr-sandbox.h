/* cr-sandbox.h: whether the app runs inside a Flatpak, and which files the sandbox lets it reach
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The file Flatpak puts at the root of every sandbox. */
#define CR_SANDBOX_FLATPAK_INFO "/.flatpak-info"

/* Where to look for the sandbox's description: CR_SANDBOX_FLATPAK_INFO, or
 * the file CROSSROADS_FLATPAK_INFO names (the tests simulate a sandbox so,
 * through the same decisions as a real one). */
const char *cr_sandbox_get_info_path   (void);
/* Whether the app runs inside a Flatpak: @info_path exists. */
gboolean    cr_sandbox_is_flatpak_at   (const char *info_path);
gboolean    cr_sandbox_is_flatpak      (void);

/* The app's own folder, the one place of the home folder a sandbox without
 * filesystem permissions may write to: ~/.var/app/APP_ID. */
char       *cr_sandbox_get_app_dir     (void);
/* Whether @path (absolute or relative) is in a folder the sandbox described
 * by @info_path reaches: the app's own folder, its data, settings and cache
 * folders, a file forwarded through the document portal (flatpak run
 * --file-forwarding), or a folder its [Context] filesystems grant. Always
 * TRUE outside a sandbox. */
gboolean    cr_sandbox_reaches_at      (const char *info_path,
                                        const char *path);
gboolean    cr_sandbox_reaches         (const char *path);
/* Whether @path is a file the document portal forwarded: the file alone,
 * in a folder of its own where nothing else can be made beside it. */
gboolean    cr_sandbox_is_forwarded    (const char *path);

G_END_DECLS
