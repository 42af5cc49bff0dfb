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
#include <unistd.h>

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

/* How many symbolic links one path may pass through, as Linux allows. */
#define MAX_LINKS 40

char *
cr_sandbox_resolve (const char *path)
{
  g_autoptr(GString) done = g_string_new ("/");
  g_autofree char *rest = NULL;
  guint links = 0;

  g_return_val_if_fail (path != NULL, NULL);

  if (g_path_is_absolute (path))
    rest = g_strdup (path);
  else
    {
      g_autofree char *cwd = g_get_current_dir ();

      rest = g_build_filename (cwd, path, NULL);
    }

  /* One component at a time: a link's target takes the link's place, so
   * that a link out of the app's folder counts where it points, even
   * inside the sandbox, where that target does not exist. */
  while (*rest != '\0')
    {
      const char *slash = strchr (rest, '/');
      g_autofree char *component = slash != NULL ? g_strndup (rest, slash - rest) : g_strdup (rest);
      g_autofree char *remaining = g_strdup (slash != NULL ? slash + 1 : "");
      g_autofree char *candidate = NULL;
      g_autofree char *target = NULL;

      g_free (rest);
      rest = g_steal_pointer (&remaining);
      if (*component == '\0' || g_str_equal (component, "."))
        continue;
      if (g_str_equal (component, ".."))
        {
          char *last = strrchr (done->str, '/');

          g_string_truncate (done, last == done->str ? 1 : (gsize) (last - done->str));
          continue;
        }
      candidate = g_build_filename (done->str, component, NULL);
      if (links < MAX_LINKS && (target = g_file_read_link (candidate, NULL)) != NULL)
        {
          links++;
          if (g_path_is_absolute (target))
            g_string_assign (done, "/");
          remaining = g_strconcat (target, "/", rest, NULL);
          g_free (rest);
          rest = g_steal_pointer (&remaining);
          continue;
        }
      g_string_assign (done, candidate);
    }
  return g_string_free (g_steal_pointer (&done), FALSE);
}

/* Whether absolute, resolved @path is @dir or inside it. */
static gboolean
is_under (const char *path,
          const char *dir)
{
  gsize length = strlen (dir);

  if (g_str_equal (dir, "/"))
    return TRUE;
  return strncmp (path, dir, length) == 0 && (path[length] == '\0' || path[length] == '/');
}

/* The folders the document portal shows its files in: where GLib says the
 * runtime folder is, where Flatpak mounts it whatever XDG_RUNTIME_DIR says,
 * and its old place. */
static char **
portal_folders (void)
{
  char **folders = g_new0 (char *, 4);

  folders[0] = g_build_filename (g_get_user_runtime_dir (), "doc", NULL);
  folders[1] = g_strdup_printf ("/run/user/%u/doc", (guint) getuid ());
  folders[2] = g_strdup ("/run/flatpak/doc");
  return folders;
}

gboolean
cr_sandbox_is_forwarded (const char *path)
{
  g_autofree char *full = cr_sandbox_resolve (path);
  g_auto(GStrv) portals = portal_folders ();

  for (guint i = 0; portals[i] != NULL; i++)
    {
      g_autofree char *portal = cr_sandbox_resolve (portals[i]);

      if (is_under (full, portal))
        return TRUE;
    }
  return FALSE;
}

/* The folders a sandbox reaches, each with what it allows there. */
typedef struct
{
  GPtrArray *folders;   /* resolved paths */
  GArray    *access;    /* CrSandboxAccess, one a folder */
} Grants;

static void
grants_add (Grants          *grants,
            const char      *folder,
            CrSandboxAccess  access)
{
  if (folder == NULL || *folder == '\0')
    return;
  g_ptr_array_add (grants->folders, cr_sandbox_resolve (folder));
  g_array_append_val (grants->access, access);
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

/* The host's base folders, which Flatpak grants as xdg-config, xdg-data and
 * xdg-cache: inside, XDG_CONFIG_HOME and the others are the app's own, and
 * HOST_XDG_CONFIG_HOME and the others carry what the host had set. */
static const struct
{
  const char *name;
  const char *host_variable;
  const char *in_home;
} base_folders[] = {
  { "xdg-config", "HOST_XDG_CONFIG_HOME", ".config" },
  { "xdg-data", "HOST_XDG_DATA_HOME", ".local/share" },
  { "xdg-cache", "HOST_XDG_CACHE_HOME", ".cache" },
};

/* The folder a named location of [Context] filesystems stands for
 * ("xdg-documents", "xdg-config"), as Flatpak finds it, or NULL. */
static char *
named_folder (const char *name)
{
  for (guint i = 0; i < G_N_ELEMENTS (xdg_folders); i++)
    if (g_str_equal (name, xdg_folders[i].name))
      {
        const char *folder = g_get_user_special_dir (xdg_folders[i].directory);

        /* Flatpak ignores a folder the user has not set, or set to the
         * home folder (how xdg-user-dirs turns one off). */
        if (folder == NULL || g_str_equal (folder, g_get_home_dir ()))
          return NULL;
        return g_strdup (folder);
      }
  for (guint i = 0; i < G_N_ELEMENTS (base_folders); i++)
    if (g_str_equal (name, base_folders[i].name))
      {
        const char *host = g_getenv (base_folders[i].host_variable);

        return host != NULL && g_path_is_absolute (host)
               ? g_strdup (host) : g_build_filename (g_get_home_dir (), base_folders[i].in_home, NULL);
      }
  if (g_str_equal (name, "xdg-run"))
    return g_strdup (g_get_user_runtime_dir ());
  return NULL;
}

/* Adds what one entry of [Context] filesystems grants ("home",
 * "home/Clients", "~/Archive:ro", "xdg-documents/Reports",
 * "xdg-config/app:create", "/srv/data", "host", "!~/Private"), read as
 * Flatpak reads it; an entry of no user files, or unknown, adds nothing. */
static void
grants_add_entry (Grants     *grants,
                  const char *entry)
{
  g_autoptr(GString) name = g_string_new (NULL);
  CrSandboxAccess access = CR_SANDBOX_READ_WRITE;
  const char *p = entry;
  g_autofree char *folder = NULL;
  char *slash;

  if (g_str_has_prefix (p, "if:"))
    return;
  /* A negated entry, in an override, hides the folder. */
  if (*p == '!')
    {
      access = CR_SANDBOX_NO_ACCESS;
      p++;
    }
  /* "\:" and "\\" stand for themselves; an unescaped ":" starts the mode. */
  for (; *p != '\0' && *p != ':'; p++)
    {
      if (*p == '\\' && p[1] != '\0')
        p++;
      g_string_append_c (name, *p);
    }
  if (*p == ':' && g_str_equal (p + 1, "ro") && access != CR_SANDBOX_NO_ACCESS)
    access = CR_SANDBOX_READ_ONLY;

  if (g_str_equal (name->str, "host"))
    {
      /* The host's folders but the ones Flatpak keeps for itself. */
      static const char * const reserved[] = {
        "/app", "/bin", "/boot", "/efi", "/etc", "/lib", "/lib32", "/lib64", "/proc",
        "/root", "/run", "/sbin", "/tmp", "/usr", "/var", "/dev", "/sys",
      };

      if (access == CR_SANDBOX_NO_ACCESS)
        return;
      grants_add (grants, "/", access);
      for (guint i = 0; i < G_N_ELEMENTS (reserved); i++)
        grants_add (grants, reserved[i], CR_SANDBOX_NO_ACCESS);
      grants_add (grants, "/run/media", access);
      /* Flatpak shares the home folder with it wherever it is, also where
       * /home leads into /var. */
      grants_add (grants, g_get_home_dir (), access);
      return;
    }
  if (g_str_equal (name->str, "home") || g_str_equal (name->str, "~"))
    {
      if (access != CR_SANDBOX_NO_ACCESS)
        grants_add (grants, g_get_home_dir (), access);
      return;
    }
  if (g_str_has_prefix (name->str, "~/") || g_str_has_prefix (name->str, "home/"))
    folder = g_build_filename (g_get_home_dir (), strchr (name->str, '/') + 1, NULL);
  else if (name->str[0] == '/')
    folder = g_strdup (name->str);
  else
    {
      const char *sub = "";
      g_autofree char *base = NULL;

      slash = strchr (name->str, '/');
      if (slash != NULL)
        {
          *slash = '\0';
          sub = slash + 1;
        }
      /* xdg-run on its own grants nothing. */
      if (g_str_equal (name->str, "xdg-run") && *sub == '\0')
        return;
      base = named_folder (name->str);
      if (base != NULL)
        folder = g_build_filename (base, sub, NULL);
    }
  grants_add (grants, folder, access);
}

/* What every sandbox reaches, and what @info_path's [Context] grants. */
static void
grants_load (Grants     *grants,
             const char *info_path)
{
  g_autoptr(GKeyFile) info = g_key_file_new ();
  g_auto(GStrv) filesystems = NULL;
  g_auto(GStrv) portals = portal_folders ();
  g_autofree char *app_dir = cr_sandbox_get_app_dir ();
  g_autofree char *apps_dir = g_path_get_dirname (app_dir);
  g_autofree char *runtime_app = g_build_filename (g_get_user_runtime_dir (), "app", APP_ID, NULL);

  /* What the app's permissions and the user's overrides grant; a
   * description that cannot be read grants nothing. */
  if (g_key_file_load_from_file (info, info_path, G_KEY_FILE_NONE, NULL))
    filesystems = g_key_file_get_string_list (info, "Context", "filesystems", NULL, NULL);
  for (guint i = 0; filesystems != NULL && filesystems[i] != NULL; i++)
    grants_add_entry (grants, filesystems[i]);

  /* Flatpak hides the other apps' folders even from a home grant. */
  grants_add (grants, apps_dir, CR_SANDBOX_NO_ACCESS);
  grants_add (grants, app_dir, CR_SANDBOX_READ_WRITE);
  /* Inside a Flatpak these are in the app's own folder; a test's are not. */
  grants_add (grants, g_get_user_data_dir (), CR_SANDBOX_READ_WRITE);
  grants_add (grants, g_get_user_config_dir (), CR_SANDBOX_READ_WRITE);
  grants_add (grants, g_get_user_cache_dir (), CR_SANDBOX_READ_WRITE);
  grants_add (grants, runtime_app, CR_SANDBOX_READ_WRITE);
  for (guint i = 0; portals[i] != NULL; i++)
    grants_add (grants, portals[i], CR_SANDBOX_READ_WRITE);
}

/* Whether @absolute (made absolute, links not followed) names one of the
 * process's open files: /dev/stdin, /dev/stdout, /dev/stderr, /dev/null,
 * /dev/fd/N or /proc/self/fd/N (also /proc/thread-self and /proc/PID). */
static gboolean
is_process_stream (const char *absolute)
{
  static const char * const streams[] = { "/dev/stdin", "/dev/stdout", "/dev/stderr", "/dev/null" };
  const char *rest = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (streams); i++)
    if (g_str_equal (absolute, streams[i]))
      return TRUE;
  if (g_str_has_prefix (absolute, "/dev/fd/"))
    rest = absolute + strlen ("/dev/fd/");
  else if (g_str_has_prefix (absolute, "/proc/"))
    {
      const char *p = absolute + strlen ("/proc/");

      if (g_str_has_prefix (p, "self/"))
        p += strlen ("self/");
      else if (g_str_has_prefix (p, "thread-self/"))
        p += strlen ("thread-self/");
      else
        {
          if (!g_ascii_isdigit (*p))
            return FALSE;
          while (g_ascii_isdigit (*p))
            p++;
          if (*p++ != '/')
            return FALSE;
        }
      if (!g_str_has_prefix (p, "fd/"))
        return FALSE;
      rest = p + strlen ("fd/");
    }
  if (rest == NULL || *rest == '\0')
    return FALSE;
  for (; *rest != '\0'; rest++)
    if (!g_ascii_isdigit (*rest))
      return FALSE;
  return TRUE;
}

CrSandboxAccess
cr_sandbox_access_at (const char  *info_path,
                      const char  *path,
                      char       **resolved_out)
{
  Grants grants = { NULL, NULL };
  g_autofree char *resolved = NULL;
  CrSandboxAccess access = CR_SANDBOX_NO_ACCESS;
  gsize deepest = 0;
  gboolean found = FALSE;

  g_return_val_if_fail (info_path != NULL, CR_SANDBOX_READ_WRITE);
  g_return_val_if_fail (path != NULL, CR_SANDBOX_READ_WRITE);

  resolved = cr_sandbox_resolve (path);
  if (resolved_out != NULL)
    *resolved_out = g_strdup (resolved);
  if (!cr_sandbox_is_flatpak_at (info_path))
    return CR_SANDBOX_READ_WRITE;

  /* The process's own streams: /dev/stdout leads to /proc/self/fd/1, and
   * that to whatever the shell outside opened, which is not a path the
   * sandbox has. The rest of /dev and /proc (/dev/shm, /proc/self/root) is
   * the sandbox's own, and a file written there is gone when it ends. */
  {
    g_autofree char *absolute = g_canonicalize_filename (path, NULL);

    if (is_under (absolute, "/dev") || is_under (absolute, "/proc"))
      return is_process_stream (absolute) ? CR_SANDBOX_READ_WRITE : CR_SANDBOX_NO_ACCESS;
  }

  grants.folders = g_ptr_array_new_with_free_func (g_free);
  grants.access = g_array_new (FALSE, FALSE, sizeof (CrSandboxAccess));
  grants_load (&grants, info_path);
  /* The deepest mount holding the path decides; of two grants of the same
   * folder, the wider. */
  for (guint i = 0; i < grants.folders->len; i++)
    {
      const char *folder = g_ptr_array_index (grants.folders, i);
      CrSandboxAccess granted = g_array_index (grants.access, CrSandboxAccess, i);
      gsize length = strlen (folder);

      if (!is_under (resolved, folder))
        continue;
      if (!found || length > deepest || (length == deepest && granted > access))
        {
          found = TRUE;
          deepest = length;
          access = granted;
        }
    }
  g_ptr_array_unref (grants.folders);
  g_array_unref (grants.access);
  return access;
}

CrSandboxAccess
cr_sandbox_access (const char  *path,
                   char       **resolved_out)
{
  return cr_sandbox_access_at (cr_sandbox_get_info_path (), path, resolved_out);
}

gboolean
cr_sandbox_reaches_at (const char *info_path,
                       const char *path)
{
  return cr_sandbox_access_at (info_path, path, NULL) != CR_SANDBOX_NO_ACCESS;
}

gboolean
cr_sandbox_reaches (const char *path)
{
  return cr_sandbox_reaches_at (cr_sandbox_get_info_path (), path);
}
