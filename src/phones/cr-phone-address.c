/* cr-phone-address.c: the laptop's private IPv4 addresses that phones in the
 * room can reach
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "crossroads-phones"

#include "config.h"

#include <arpa/inet.h>
#include <errno.h>
#include <ifaddrs.h>
#include <net/if.h>
#include <netinet/in.h>

#include "cr-phone-address.h"

void
cr_phone_address_free (CrPhoneAddress *address)
{
  if (address == NULL)
    return;
  g_free (address->interface);
  g_free (address->address);
  g_free (address);
}

gboolean
cr_phone_address_loopback_allowed (void)
{
  return g_strcmp0 (g_getenv ("CROSSROADS_PHONES_TEST_LOOPBACK"), "1") == 0;
}

static gboolean
is_private (guint32 a)
{
  return (a >> 24) == 10 ||
         (a >> 20) == ((172u << 4) | 1u) ||   /* 172.16.0.0/12 */
         (a >> 16) == ((192u << 8) | 168u);
}

gboolean
cr_phone_address_is_allowed (GInetAddress *address)
{
  const guint8 *bytes;
  guint32 a;

  g_return_val_if_fail (G_IS_INET_ADDRESS (address), FALSE);

  if (g_inet_address_get_family (address) != G_SOCKET_FAMILY_IPV4)
    return FALSE;
  bytes = g_inet_address_to_bytes (address);
  a = ((guint32) bytes[0] << 24) | ((guint32) bytes[1] << 16) | ((guint32) bytes[2] << 8) | bytes[3];
  if ((a >> 24) == 127)
    return cr_phone_address_loopback_allowed ();
  return is_private (a);
}

GPtrArray *
cr_phone_address_list (void)
{
  GPtrArray *list = g_ptr_array_new_with_free_func ((GDestroyNotify) cr_phone_address_free);
  struct ifaddrs *all = NULL;

  /* A laptop on no network, for the window's tests. */
  if (g_strcmp0 (g_getenv ("CROSSROADS_PHONES_TEST_NO_NETWORK"), "1") == 0)
    return list;
  if (getifaddrs (&all) != 0)
    {
      g_debug ("getifaddrs: %s", g_strerror (errno));
      return list;
    }

  for (struct ifaddrs *i = all; i != NULL; i = i->ifa_next)
    {
      char text[INET_ADDRSTRLEN];
      const struct sockaddr_in *in;
      guint32 a;
      CrPhoneAddress *entry;

      if (i->ifa_addr == NULL || i->ifa_addr->sa_family != AF_INET)
        continue;
      if (!(i->ifa_flags & IFF_UP) || !(i->ifa_flags & IFF_RUNNING))
        continue;
      in = (const struct sockaddr_in *) i->ifa_addr;
      a = ntohl (in->sin_addr.s_addr);
      if (!is_private (a) && !((a >> 24) == 127 && cr_phone_address_loopback_allowed ()))
        continue;
      if (inet_ntop (AF_INET, &in->sin_addr, text, sizeof text) == NULL)
        continue;

      entry = g_new0 (CrPhoneAddress, 1);
      entry->interface = g_strdup (i->ifa_name);
      entry->address = g_strdup (text);
      g_ptr_array_add (list, entry);
    }

  freeifaddrs (all);
  return list;
}
