/* cr-phone-driver.c: the phone server in a process of its own, for test-phones
 *
 *   cr-phone-driver LIBRARY WORKSHOP-ID
 *
 * Serves the workshop's phones on 127.0.0.1 (CROSSROADS_PHONES_TEST_LOOPBACK
 * must be 1), prints "url http://127.0.0.1:PORT/j/TOKEN" once it listens,
 * and serves until it is killed: test-phones kills it with SIGKILL while
 * phones vote, and starts it again.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdio.h>

#include "cr-phone-server.h"

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CrStore) store = NULL;
  g_autoptr(CrWorkshop) workshop = NULL;
  g_autoptr(CrPhoneServer) server = NULL;
  g_autoptr(GMainLoop) loop = g_main_loop_new (NULL, FALSE);
  guint64 id;

  if (argc != 3 || !g_ascii_string_to_unsigned (argv[2], 10, 1, G_MAXINT64, &id, NULL))
    {
      g_printerr ("usage: cr-phone-driver LIBRARY WORKSHOP-ID\n");
      return 2;
    }
  store = cr_store_open (argv[1], &error);
  if (store != NULL)
    workshop = cr_workshop_load (store, (gint64) id, &error);
  if (workshop == NULL)
    {
      g_printerr ("cr-phone-driver: %s\n", error->message);
      return 1;
    }
  server = cr_phone_server_new (workshop);
  cr_phone_server_set_address (server, "127.0.0.1");
  cr_phone_server_set_preferred_port (server, 0);
  if (!cr_phone_server_start (server, &error))
    {
      g_printerr ("cr-phone-driver: %s\n", error->message);
      return 1;
    }
  printf ("url %s\n", cr_phone_server_get_join_url (server));
  fflush (stdout);
  g_main_loop_run (loop);
  return 0;
}
