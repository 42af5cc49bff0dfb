/* cr-phone-secret.h: join tokens, room codes and session secrets
 *
 * Every secret comes from the system's cryptographic source (getrandom),
 * never from g_random: a guessed token or session is a vote cast in
 * someone else's name.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* 128 random bits as 32 lowercase hexadecimal digits. */
char     *cr_phone_secret_new       (void);
/* Six characters of CR_PHONE_CODE_ALPHABET, uniformly drawn. */
char     *cr_phone_room_code_new    (void);
/* What the library keeps of a session secret: its SHA-256, in hex. */
char     *cr_phone_secret_hash      (const char *secret);
/* Compares two strings in a time that does not depend on where they differ. */
gboolean  cr_phone_secret_equal     (const char *a,
                                     const char *b);

G_END_DECLS
