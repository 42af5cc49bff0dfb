/* cr-output.c: where an export may be written, and writing it there whole
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "crossroads-output"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cr-backup.h"
#include "cr-output.h"

/* A temporary file whose lock cannot be asked about is stale after this. */
#define STALE_AGE_SECONDS (10 * 60)
/* Links followed before giving up, as the kernel does (MAXSYMLINKS). */
#define MAX_LINKS 40
/* Room left in a name for the leading dot and CR_OUTPUT_TEMP_MARK "XXXXXX". */
#define TEMP_NAME_MAX 200

G_DEFINE_QUARK (cr-output-error-quark, cr_output_error)

static void
set_write_error (GError     **error,
                 const char  *path,
                 int          saved_errno)
{
  g_autofree char *display = g_filename_display_name (path);

  g_set_error (error, CR_OUTPUT_ERROR, CR_OUTPUT_ERROR_WRITE,
               /* Translators: %s is a file path, then the system's reason */
               _("Could not write the export to “%s”: %s. Choose a folder you can write to, with free space."),
               display, g_strerror (saved_errno));
}

/* @path made absolute with every link resolved, also in its last part when
 * that part does not exist yet (a dangling link resolves to its target).
 * NULL with errno set when its folder does not exist. */
static char *
resolve (const char *path)
{
  g_autofree char *absolute = g_canonicalize_filename (path, NULL);

  for (guint links = 0; links <= MAX_LINKS; links++)
    {
      g_autofree char *dir = NULL;
      g_autofree char *name = NULL;
      g_autofree char *real_dir = NULL;
      g_autofree char *target = NULL;
      char *real;
      struct stat st;

      real = realpath (absolute, NULL);
      if (real != NULL)
        {
          char *copy = g_strdup (real);

          free (real);
          return copy;
        }
      if (errno != ENOENT)
        return NULL;

      /* A dangling link: follow it by hand, to the name it would create. */
      if (lstat (absolute, &st) == 0 && S_ISLNK (st.st_mode))
        {
          g_autofree char *link_dir = g_path_get_dirname (absolute);

          target = g_file_read_link (absolute, NULL);
          if (target == NULL)
            return NULL;
          g_free (absolute);
          absolute = g_canonicalize_filename (target, link_dir);
          continue;
        }

      /* Nothing there yet: its folder resolved, and its name. */
      dir = g_path_get_dirname (absolute);
      name = g_path_get_basename (absolute);
      real = realpath (dir, NULL);
      if (real == NULL)
        return NULL;
      real_dir = g_strdup (real);
      free (real);
      return g_build_filename (real_dir, name, NULL);
    }

  errno = ELOOP;
  return NULL;
}

/* A file as the kernel knows it: the device and inode of its folder and its
 * name there, and its own device and inode when it exists. */
typedef struct
{
  dev_t    dir_dev;
  ino_t    dir_ino;
  char    *name;
  gboolean exists;
  dev_t    dev;
  ino_t    ino;
} Place;

static void
place_clear (Place *place)
{
  g_clear_pointer (&place->name, g_free);
}
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Place, place_clear)

static gboolean
place_init (Place      *place,
            const char *resolved)
{
  g_autofree char *dir = g_path_get_dirname (resolved);
  struct stat st;

  if (stat (dir, &st) != 0)
    return FALSE;
  place->dir_dev = st.st_dev;
  place->dir_ino = st.st_ino;
  place->name = g_path_get_basename (resolved);
  place->exists = stat (resolved, &st) == 0;
  place->dev = st.st_dev;
  place->ino = st.st_ino;
  return TRUE;
}

static gboolean
place_equal (const Place *a,
             const Place *b)
{
  if (a->exists && b->exists && a->dev == b->dev && a->ino == b->ino)
    return TRUE;
  return a->dir_dev == b->dir_dev && a->dir_ino == b->dir_ino && strcmp (a->name, b->name) == 0;
}

/* The library's own files: the file and the three SQLite keeps beside it,
 * both where the path names them and where its links lead. */
static gboolean
is_library_file (const Place *output,
                 const char  *library_path)
{
  static const char * const suffixes[] = { "", "-wal", "-shm", "-journal" };
  g_autofree char *absolute = g_canonicalize_filename (library_path, NULL);
  g_autofree char *real = resolve (library_path);
  const char *bases[] = { absolute, real };

  for (guint b = 0; b < G_N_ELEMENTS (bases); b++)
    for (guint s = 0; bases[b] != NULL && s < G_N_ELEMENTS (suffixes); s++)
      {
        g_autofree char *path = g_strconcat (bases[b], suffixes[s], NULL);
        g_auto(Place) place = { 0 };

        if (place_init (&place, path) && place_equal (output, &place))
          return TRUE;
      }
  return FALSE;
}

/* Whether @output is the backups folder's own name, made or not yet: a file
 * there would leave no room for the folder, and no backup would be made. */
static gboolean
is_backups_folder (const Place *output,
                   const char  *library_path)
{
  g_autofree char *backups = cr_backup_get_dir (library_path);
  g_autofree char *resolved = resolve (backups);
  g_auto(Place) place = { 0 };

  return resolved != NULL && place_init (&place, resolved) && place_equal (output, &place);
}

/* Whether @resolved is inside the library's backups folder, at any depth. */
static gboolean
is_under_backups (const char *resolved,
                  const char *library_path)
{
  g_autofree char *backups = cr_backup_get_dir (library_path);
  g_autofree char *dir = g_path_get_dirname (resolved);
  struct stat folder, st;

  if (stat (backups, &folder) != 0 || !S_ISDIR (folder.st_mode))
    return FALSE;

  for (;;)
    {
      g_autofree char *parent = NULL;

      if (stat (dir, &st) == 0 && st.st_dev == folder.st_dev && st.st_ino == folder.st_ino)
        return TRUE;
      parent = g_path_get_dirname (dir);
      if (strcmp (parent, dir) == 0)
        return FALSE;
      g_free (dir);
      dir = g_steal_pointer (&parent);
    }
}

/* What @path is, and whether an export may go there. On success
 * @resolved_out is the file a regular write replaces (NULL for a FIFO or a
 * character device, written in place), and @st_out its status (st_mode 0
 * when it does not exist yet). */
static gboolean
check (const char   *path,
       const char   *library_path,
       char        **resolved_out,
       struct stat  *st_out,
       GError      **error)
{
  g_autofree char *display = g_filename_display_name (path);
  g_autofree char *resolved = NULL;
  g_auto(Place) output = { 0 };
  struct stat st = { 0 };

  /* stat() follows every link, also /dev/stdout's through /proc, whose
   * target ("pipe:[…]") is no path that resolve() could follow. */
  if (stat (path, &st) != 0)
    {
      if (errno != ENOENT)
        {
          set_write_error (error, path, errno);
          return FALSE;
        }
      st.st_mode = 0;
    }
  else if (S_ISFIFO (st.st_mode) || S_ISCHR (st.st_mode))
    {
      *resolved_out = NULL;
      *st_out = st;
      return TRUE;
    }
  else if (S_ISDIR (st.st_mode))
    {
      g_set_error (error, CR_OUTPUT_ERROR, CR_OUTPUT_ERROR_NOT_A_FILE,
                   /* Translators: %s is the path given for an export */
                   _("“%s” is a folder; give the export a file name inside it."), display);
      return FALSE;
    }
  else if (!S_ISREG (st.st_mode))
    {
      g_set_error (error, CR_OUTPUT_ERROR, CR_OUTPUT_ERROR_NOT_A_FILE,
                   /* Translators: %s is the path given for an export */
                   _("“%s” is a socket or a device, not a file; choose a file for the export."), display);
      return FALSE;
    }

  resolved = resolve (path);
  if (resolved == NULL || !place_init (&output, resolved))
    {
      set_write_error (error, path, errno);
      return FALSE;
    }

  if (library_path != NULL && is_library_file (&output, library_path))
    {
      g_set_error (error, CR_OUTPUT_ERROR, CR_OUTPUT_ERROR_LIBRARY,
                   /* Translators: %s is the path given for an export */
                   _("“%s” is the library or one of its own files; the export would destroy the workshops in it. Choose another file."),
                   display);
      return FALSE;
    }
  if (library_path != NULL && is_backups_folder (&output, library_path))
    {
      g_set_error (error, CR_OUTPUT_ERROR, CR_OUTPUT_ERROR_LIBRARY,
                   /* Translators: %s is the path given for an export */
                   _("“%s” is where the library keeps its backups; a file there would stop every later backup. Choose another file."),
                   display);
      return FALSE;
    }
  if (library_path != NULL && is_under_backups (resolved, library_path))
    {
      g_set_error (error, CR_OUTPUT_ERROR, CR_OUTPUT_ERROR_LIBRARY,
                   /* Translators: %s is the path given for an export */
                   _("“%s” is in the library’s backups folder; the export could replace a backup. Choose a file outside that folder."),
                   display);
      return FALSE;
    }

  /* As root access() says yes to anything: a file nobody may write is
   * read-only all the same. */
  if (S_ISREG (st.st_mode) &&
      ((st.st_mode & (S_IWUSR | S_IWGRP | S_IWOTH)) == 0 || access (resolved, W_OK) != 0))
    {
      g_set_error (error, CR_OUTPUT_ERROR, CR_OUTPUT_ERROR_READ_ONLY,
                   /* Translators: %s is the path given for an export */
                   _("“%s” is read-only, and was left as it is; choose another file, or make it writable first."),
                   display);
      return FALSE;
    }

  *resolved_out = g_steal_pointer (&resolved);
  *st_out = st;
  return TRUE;
}

gboolean
cr_output_check (const char  *path,
                 const char  *library_path,
                 GError     **error)
{
  g_autofree char *resolved = NULL;
  struct stat st;

  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return check (path, library_path, &resolved, &st, error);
}

static gboolean
write_all (int            fd,
           const guint8  *data,
           gsize          size)
{
  while (size > 0)
    {
      ssize_t n = write (fd, data, MIN (size, (gsize) G_MAXSSIZE));

      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        {
          if (n == 0)
            errno = EIO;
          return FALSE;
        }
      data += n;
      size -= (gsize) n;
    }
  return TRUE;
}

/* A pipe or a device: opened as it is, never created or replaced. */
static gboolean
write_in_place (const char  *path,
                GBytes      *bytes,
                GError     **error)
{
  gsize size;
  const guint8 *data = g_bytes_get_data (bytes, &size);
  struct stat st;
  int fd, saved_errno;

  do
    fd = open (path, O_WRONLY | O_NOCTTY | O_CLOEXEC);
  while (fd < 0 && errno == EINTR);
  if (fd < 0)
    {
      set_write_error (error, path, errno);
      return FALSE;
    }
  /* Replaced by something else since it was checked: leave it alone. */
  if (fstat (fd, &st) != 0 || !(S_ISFIFO (st.st_mode) || S_ISCHR (st.st_mode)))
    {
      close (fd);
      set_write_error (error, path, EAGAIN);
      return FALSE;
    }
  if (!write_all (fd, data, size))
    {
      saved_errno = errno;
      close (fd);
      set_write_error (error, path, saved_errno);
      return FALSE;
    }
  if (close (fd) != 0 && errno != EINTR)
    {
      set_write_error (error, path, errno);
      return FALSE;
    }
  return TRUE;
}

static gboolean
is_temp_name (const char *name)
{
  gsize len = strlen (name);
  gsize mark = strlen (CR_OUTPUT_TEMP_MARK);

  if (name[0] != '.' || len < 2 + mark + 6)
    return FALSE;
  if (strncmp (name + len - 6 - mark, CR_OUTPUT_TEMP_MARK, mark) != 0)
    return FALSE;
  for (gsize i = len - 6; i < len; i++)
    if (!g_ascii_isalnum (name[i]))
      return FALSE;
  return TRUE;
}

static gboolean
remove_if_stale (const char *path)
{
  struct stat st, now;
  gboolean stale = FALSE;
  int fd;

  /* Non-blocking: a FIFO of that name must not hang the export. */
  fd = open (path, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC);
  if (fd < 0)
    return FALSE;
  if (fstat (fd, &st) != 0 || !S_ISREG (st.st_mode))
    {
      close (fd);
      return FALSE;
    }

  /* The writer holds the lock from creating the file until it is renamed:
   * a lock we can take is a writer that is gone. */
  if (flock (fd, LOCK_EX | LOCK_NB) == 0)
    stale = TRUE;
  else if (errno != EWOULDBLOCK && errno != EINTR)
    stale = g_get_real_time () / G_USEC_PER_SEC - st.st_mtime > STALE_AGE_SECONDS;

  /* Still the same file: not renamed into place meanwhile. */
  if (stale && lstat (path, &now) == 0 && now.st_dev == st.st_dev && now.st_ino == st.st_ino)
    stale = g_unlink (path) == 0;
  else
    stale = FALSE;
  close (fd);
  return stale;
}

guint
cr_output_remove_stale (const char *folder)
{
  g_autoptr(GDir) dir = NULL;
  const char *name;
  guint removed = 0;

  g_return_val_if_fail (folder != NULL, 0);

  dir = g_dir_open (folder, 0, NULL);
  if (dir == NULL)
    return 0;
  while ((name = g_dir_read_name (dir)) != NULL)
    if (is_temp_name (name))
      {
        g_autofree char *path = g_build_filename (folder, name, NULL);

        if (remove_if_stale (path))
          {
            g_debug ("removed %s, left by an export that did not finish", path);
            removed++;
          }
      }
  return removed;
}

/* Creates and locks ".NAME.crossroads-XXXXXX" beside @resolved. */
static int
open_temp (const char  *resolved,
           char       **temp_out)
{
  g_autofree char *dir = g_path_get_dirname (resolved);
  g_autofree char *name = g_path_get_basename (resolved);

  if (strlen (name) > TEMP_NAME_MAX)
    name[TEMP_NAME_MAX] = '\0';

  for (guint attempt = 0; attempt < 8; attempt++)
    {
      g_autofree char *base = g_strconcat (".", name, CR_OUTPUT_TEMP_MARK, "XXXXXX", NULL);
      g_autofree char *temp = g_build_filename (dir, base, NULL);
      struct stat by_fd, by_name;
      int fd = g_mkstemp_full (temp, O_WRONLY | O_CLOEXEC, 0666);

      if (fd < 0)
        return -1;
      if (flock (fd, LOCK_EX) != 0 && errno != ENOLCK && errno != EOPNOTSUPP && errno != EINVAL)
        {
          int saved_errno = errno;

          g_unlink (temp);
          close (fd);
          errno = saved_errno;
          return -1;
        }
      /* Another export's clean-up may have taken it for stale between its
       * creation and the lock: then make another. */
      if (fstat (fd, &by_fd) == 0 && lstat (temp, &by_name) == 0 &&
          by_fd.st_dev == by_name.st_dev && by_fd.st_ino == by_name.st_ino)
        {
          *temp_out = g_steal_pointer (&temp);
          return fd;
        }
      close (fd);
    }
  errno = EAGAIN;
  return -1;
}

/* A regular file: written beside the target, then renamed over it, so it
 * is whole or as it was. */
static gboolean
write_replacing (const char        *path,
                 const char        *resolved,
                 const struct stat *target,
                 GBytes            *bytes,
                 GError           **error)
{
  g_autofree char *dir = g_path_get_dirname (resolved);
  g_autofree char *temp = NULL;
  gsize size;
  const guint8 *data = g_bytes_get_data (bytes, &size);
  int fd, saved_errno;

  cr_output_remove_stale (dir);

  fd = open_temp (resolved, &temp);
  if (fd < 0)
    {
      set_write_error (error, path, errno);
      return FALSE;
    }

  /* The file keeps its mode, and its owner where this process may give it. */
  if (target->st_mode != 0)
    {
      struct stat own;

      if (fstat (fd, &own) == 0 && (own.st_uid != target->st_uid || own.st_gid != target->st_gid))
        (void) !fchown (fd, target->st_uid, target->st_gid);
      if (fchmod (fd, target->st_mode & 0777) != 0)
        goto failed;
    }

  if (!write_all (fd, data, size) || fsync (fd) != 0 || rename (temp, resolved) != 0)
    goto failed;

  close (fd);
  return TRUE;

failed:
  saved_errno = errno;
  g_unlink (temp);
  close (fd);
  set_write_error (error, path, saved_errno);
  return FALSE;
}

gboolean
cr_output_write (const char  *path,
                 const char  *library_path,
                 GBytes      *bytes,
                 GError     **error)
{
  g_autofree char *resolved = NULL;
  struct stat st;

  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (bytes != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!check (path, library_path, &resolved, &st, error))
    return FALSE;
  if (resolved == NULL)
    return write_in_place (path, bytes, error);
  return write_replacing (path, resolved, &st, bytes, error);
}
