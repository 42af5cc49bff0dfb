/* cr-phone-secret.c: join tokens, room codes and session secrets from the
 * system's cryptographic source
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "crossroads-phones"

#include "config.h"

#include <errno.h>
#include <string.h>
#include <sys/random.h>

#include "cr-phone-request.h"
#include "cr-phone-secret.h"

static void
fill_random (guint8 *buffer,
             gsize   len)
{
  gsize done = 0;

  while (done < len)
    {
      ssize_t n = getrandom (buffer + done, len - done, 0);

      if (n < 0 && errno == EINTR)
        continue;
      /* Without randomness there is no safe secret to hand out. */
      if (n < 0)
        g_error ("getrandom failed: %s", g_strerror (errno));
      done += (gsize) n;
    }
}

char *
cr_phone_secret_new (void)
{
  guint8 bytes[CR_PHONE_SECRET_CHARS / 2];
  char *hex = g_malloc (CR_PHONE_SECRET_CHARS + 1);

  fill_random (bytes, sizeof bytes);
  for (gsize i = 0; i < sizeof bytes; i++)
    {
      hex[2 * i] = "0123456789abcdef"[bytes[i] >> 4];
      hex[2 * i + 1] = "0123456789abcdef"[bytes[i] & 0xf];
    }
  hex[CR_PHONE_SECRET_CHARS] = '\0';
  explicit_bzero (bytes, sizeof bytes);
  return hex;
}

char *
cr_phone_room_code_new (void)
{
  const gsize n = strlen (CR_PHONE_CODE_ALPHABET);
  /* Bytes at or above the largest multiple of n are drawn again, so that
   * every character is equally likely. */
  const guint limit = 256 - 256 % n;
  char *code = g_malloc (CR_PHONE_CODE_CHARS + 1);
  guint i = 0;

  while (i < CR_PHONE_CODE_CHARS)
    {
      guint8 byte;

      fill_random (&byte, 1);
      if (byte < limit)
        code[i++] = CR_PHONE_CODE_ALPHABET[byte % n];
    }
  code[CR_PHONE_CODE_CHARS] = '\0';
  return code;
}

char *
cr_phone_secret_hash (const char *secret)
{
  g_return_val_if_fail (secret != NULL, NULL);
  return g_compute_checksum_for_string (G_CHECKSUM_SHA256, secret, -1);
}

gboolean
cr_phone_secret_equal (const char *a,
                       const char *b)
{
  gsize la, lb;
  guint8 diff = 0;

  if (a == NULL || b == NULL)
    return FALSE;
  la = strlen (a);
  lb = strlen (b);
  if (la != lb)
    return FALSE;
  for (gsize i = 0; i < la; i++)
    diff |= (guint8) (a[i] ^ b[i]);
  return diff == 0;
}
