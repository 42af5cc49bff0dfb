/* cr-phone-address.h: the laptop's addresses phones in the room can reach
 *
 * Only private IPv4 addresses (10/8, 172.16/12, 192.168/16) of interfaces
 * that are up: the server never listens on a public address or on every
 * interface. Tests and the benchmark may use the loopback network
 * (127/8) when the environment variable CROSSROADS_PHONES_TEST_LOOPBACK is
 * 1, a setting for them only; with CROSSROADS_PHONES_TEST_NO_NETWORK=1 the
 * list is empty, as on a laptop on no network.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

typedef struct
{
  char *interface;   /* "wlan0" */
  char *address;     /* "192.168.1.23" */
} CrPhoneAddress;

void       cr_phone_address_free         (CrPhoneAddress *address);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CrPhoneAddress, cr_phone_address_free)

/* CrPhoneAddress*, in the order the system lists its interfaces; empty
 * when the laptop is on no private network. */
GPtrArray *cr_phone_address_list         (void);
/* 10/8, 172.16/12 or 192.168/16; 127/8 too when tests allow loopback. */
gboolean   cr_phone_address_is_allowed   (GInetAddress *address);
gboolean   cr_phone_address_loopback_allowed (void);

G_END_DECLS
