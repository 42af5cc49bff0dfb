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
/* What the sandbox lets the app do with a path. */
typedef enum
{
  CR_SANDBOX_NO_ACCESS,  /* not there inside, or lost with the sandbox */
  CR_SANDBOX_READ_ONLY,  /* a :ro grant */
  CR_SANDBOX_READ_WRITE,
} CrSandboxAccess;

/* What the sandbox described by @info_path allows at @path (absolute or
 * relative), judged where @path leads: symbolic links are followed, also
 * when their target is not there inside. Reached are the app's own folder,
 * its data, settings and cache folders, the files the document portal
 * forwards (flatpak run --file-forwarding), the process's own /dev and
 * /proc (/dev/stdout), and what the [Context] filesystems grant, in every
 * form flatpak-metadata(5) lists, with :ro, :rw and :create; the deepest
 * grant that holds @path decides, as the deepest mount does. Always
 * CR_SANDBOX_READ_WRITE outside a sandbox. @resolved_out, when not NULL,
 * gets the absolute path @path leads to. */
CrSandboxAccess cr_sandbox_access_at   (const char  *info_path,
                                        const char  *path,
                                        char       **resolved_out);
CrSandboxAccess cr_sandbox_access      (const char  *path,
                                        char       **resolved_out);
/* Whether the sandbox reaches @path at all (to read at least). */
gboolean    cr_sandbox_reaches_at      (const char *info_path,
                                        const char *path);
gboolean    cr_sandbox_reaches         (const char *path);
/* @path absolute, with every symbolic link on the way followed as far as
 * the links exist, and "." and ".." taken as the kernel takes them. */
char       *cr_sandbox_resolve         (const char *path);
/* Whether @path is a file the document portal forwarded: the file alone,
 * in a folder of its own where nothing else can be made beside it. */
gboolean    cr_sandbox_is_forwarded    (const char *path);

G_END_DECLS
