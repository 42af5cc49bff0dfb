/* cr-sandbox.c: whether the app runs inside a Flatpak, and which files the sandbox lets it reach
 *
 * Without filesystem permissions a Flatpak sees, of the user's files, only
 * its own folder (~/.var/app/APP_ID) and the files forwarded to it through
 * the document portal; a path anywhere else does not exist inside, and a
 * file written there is lost with the sandbox. The command line and F1 ask
 * here, so that they can say so, or choose what works.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "crossroads-app"

#include "config.h"

#include <gio/gio.h>
#include <string.h>

#include "cr-sandbox.h"

const char *
cr_sandbox_get_info_path (void)
{
  const char *simulated = g_getenv ("CROSSROADS_FLATPAK_INFO");

  return simulated != NULL && *simulated != '\0' ? simulated : CR_SANDBOX_FLATPAK_INFO;
}

gboolean
cr_sandbox_is_flatpak_at (const char *info_path)
{
  g_return_val_if_fail (info_path != NULL, FALSE);

  return g_file_test (info_path, G_FILE_TEST_EXISTS);
}

gboolean
cr_sandbox_is_flatpak (void)
{
  return cr_sandbox_is_flatpak_at (cr_sandbox_get_info_path ());
}

char *
cr_sandbox_get_app_dir (void)
{
  return g_build_filename (g_get_home_dir (), ".var", "app", APP_ID, NULL);
}

/* @path absolute, without "." or "..", as the sandbox resolves it. */
static char *
absolute_path (const char *path)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);

  return g_file_get_path (file);
}

/* Whether absolute @path is @dir or inside it. */
static gboolean
is_under (const char *path,
          const char *dir)
{
  g_autofree char *full = absolute_path (dir);
  gsize length = strlen (full);

  if (g_str_equal (full, "/"))
    return TRUE;
  return strncmp (path, full, length) == 0 && (path[length] == '\0' || path[length] == '/');
}

gboolean
cr_sandbox_is_forwarded (const char *path)
{
  g_autofree char *full = absolute_path (path);
  g_autofree char *portal = g_build_filename (g_get_user_runtime_dir (), "doc", NULL);

  return is_under (full, portal) || is_under (full, "/run/flatpak/doc");
}

static const struct
{
  const char     *name;
  GUserDirectory  directory;
} xdg_folders[] = {
  { "xdg-desktop", G_USER_DIRECTORY_DESKTOP },
  { "xdg-documents", G_USER_DIRECTORY_DOCUMENTS },
  { "xdg-download", G_USER_DIRECTORY_DOWNLOAD },
  { "xdg-music", G_USER_DIRECTORY_MUSIC },
  { "xdg-pictures", G_USER_DIRECTORY_PICTURES },
  { "xdg-public-share", G_USER_DIRECTORY_PUBLIC_SHARE },
  { "xdg-templates", G_USER_DIRECTORY_TEMPLATES },
  { "xdg-videos", G_USER_DIRECTORY_VIDEOS },
};

/* The folder an entry of [Context] filesystems grants ("home",
 * "~/Documents:ro", "xdg-download/reports", "/srv/data", "host"), or NULL
 * for one that grants nothing of the user's files or that this does not know. */
static char *
granted_folder (const char *entry)
{
  g_autofree char *name = g_strdup (entry);
  char *mode = strrchr (name, ':');
  char *sub;

  if (mode != NULL)
    *mode = '\0';
  if (name[0] == '!' || name[0] == '\0')
    return NULL;
  if (g_str_equal (name, "host"))
    return g_strdup ("/");
  if (g_str_equal (name, "home") || g_str_equal (name, "~"))
    return g_strdup (g_get_home_dir ());
  if (g_str_has_prefix (name, "~/"))
    return g_build_filename (g_get_home_dir (), name + 2, NULL);
  if (name[0] == '/')
    return g_strdup (name);

  sub = strchr (name, '/');
  if (sub != NULL)
    *sub++ = '\0';
  for (guint i = 0; i < G_N_ELEMENTS (xdg_folders); i++)
    if (g_str_equal (name, xdg_folders[i].name))
      {
        const char *folder = g_get_user_special_dir (xdg_folders[i].directory);

        return folder != NULL ? g_build_filename (folder, sub, NULL) : NULL;
      }
  return NULL;
}

gboolean
cr_sandbox_reaches_at (const char *info_path,
                       const char *path)
{
  g_autoptr(GKeyFile) info = g_key_file_new ();
  g_auto(GStrv) filesystems = NULL;
  g_autofree char *full = NULL;
  g_autofree char *app_dir = NULL;
  const char *own[4];

  g_return_val_if_fail (info_path != NULL, TRUE);
  g_return_val_if_fail (path != NULL, TRUE);

  if (!cr_sandbox_is_flatpak_at (info_path))
    return TRUE;

  full = absolute_path (path);
  app_dir = cr_sandbox_get_app_dir ();
  /* Inside a Flatpak these are in the app's own folder; a test's are not. */
  own[0] = app_dir;
  own[1] = g_get_user_data_dir ();
  own[2] = g_get_user_config_dir ();
  own[3] = g_get_user_cache_dir ();
  for (guint i = 0; i < G_N_ELEMENTS (own); i++)
    if (is_under (full, own[i]))
      return TRUE;
  if (cr_sandbox_is_forwarded (full))
    return TRUE;

  /* What the app's permissions and the user's overrides grant besides; a
   * description that cannot be read grants nothing. */
  if (g_key_file_load_from_file (info, info_path, G_KEY_FILE_NONE, NULL))
    filesystems = g_key_file_get_string_list (info, "Context", "filesystems", NULL, NULL);
  for (guint i = 0; filesystems != NULL && filesystems[i] != NULL; i++)
    {
      g_autofree char *granted = granted_folder (filesystems[i]);

      if (granted != NULL && is_under (full, granted))
        return TRUE;
    }
  return FALSE;
}

gboolean
cr_sandbox_reaches (const char *path)
{
  return cr_sandbox_reaches_at (cr_sandbox_get_info_path (), path);
}
