/* cr-phone-limiter.h: how often an address (or the whole server) may try
 *
 * A token bucket per key: @burst tries at once, then @per_second more each
 * second. Keys are IPv4 addresses in host order, or 0 for one bucket the
 * whole server shares (wrong room codes). The caller passes the time, so
 * the clock is the server's monotonic one. At most CR_PHONE_LIMITER_KEYS
 * keys are remembered: a full bucket is forgotten first, then the longest
 * untouched.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define CR_PHONE_LIMITER_KEYS 4096

typedef struct _CrPhoneLimiter CrPhoneLimiter;

CrPhoneLimiter *cr_phone_limiter_new   (double          burst,
                                        double          per_second);
void            cr_phone_limiter_free  (CrPhoneLimiter *limiter);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CrPhoneLimiter, cr_phone_limiter_free)

/* Takes one try for @key at @now (microseconds); FALSE when none is left. */
gboolean        cr_phone_limiter_take  (CrPhoneLimiter *limiter,
                                        guint32         key,
                                        gint64          now);
/* Whether a try is left, without taking it. */
gboolean        cr_phone_limiter_peek  (CrPhoneLimiter *limiter,
                                        guint32         key,
                                        gint64          now);
/* Seconds until @key has a try again (for Retry-After); 0 when it has one. */
guint           cr_phone_limiter_wait  (CrPhoneLimiter *limiter,
                                        guint32         key,
                                        gint64          now);

G_END_DECLS
