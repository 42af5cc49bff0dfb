/* cr-phone-server-private.h: what tests and the benchmark set on a server
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "cr-phone-host.h"
#include "cr-phone-server.h"

G_BEGIN_DECLS

/* Before start: the limits (rates, caps, timeouts) instead of the app's. */
void    _cr_phone_server_set_limits      (CrPhoneServer       *self,
                                          const CrPhoneLimits *limits);
/* Before start: TRUE (the default) runs the host in a thread of its own,
 * FALSE in the server's own main context; the benchmark measures both. */
void    _cr_phone_server_set_threaded    (CrPhoneServer       *self,
                                          gboolean             threaded);
/* Microseconds from each ballot read to its durable commit, since the last
 * call; the first call starts the count (the app never makes one). */
GArray *_cr_phone_server_take_latencies  (CrPhoneServer       *self);

G_END_DECLS
