/* cr-phone-server.c
 *
 * Why a thread: bench/cr-bench-phones runs 200 phones joining and voting,
 * 400 connections at once and a Reveal against a window that draws every
 * frame, with the host in a thread of its own or (--in-main-context) in
 * the window's main context. In the main context, every request is
 * parsed, checked and committed between two frames, and a burst keeps the
 * frame clock (at a lower priority than the sockets) from drawing; in a
 * thread, the window only reads back what was saved, once per batch.
 * The figures are in
 * src/phones/README.md. The thread has its own GMainContext and its own
 * connection to the library (CrStore): SQLite's WAL lets the window read
 * while the host writes, and PRAGMA data_version tells the host when the
 * window wrote.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "crossroads-phones"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <sys/resource.h>

#include "cr-phone-address.h"
#include "cr-phone-host.h"
#include "cr-phone-server-private.h"
#include "cr-rounds-watch.h"

struct _CrPhoneServer
{
  GObject        parent_instance;

  CrWorkshop    *workshop;          /* the window's */
  CrRoundsWatch *watch;
  GMainContext  *owner;             /* where the server was made */
  char          *address;
  guint          preferred_port;
  CrPhoneLimits  limits;
  gboolean       threaded;
  char          *question;
  gboolean       show_results;

  /* While running. */
  GMainContext  *host_context;
  GMainLoop     *host_loop;
  GThread       *thread;
  CrPhoneHost   *host;              /* used in host_context only */
  guint          port;
  char          *join_url;

  /* What the host last reported, in the owner's hands. */
  char          *room_code;
  char          *token;
  gboolean       joining;
  guint          seat_cap;
  guint          n_phones;
  GArray        *claims;

  /* Reports from the host's context, waiting for the owner's. */
  GMutex         lock;
  GPtrArray     *reports;           /* CrPhoneReport* */
  GSource       *report_source;
};

G_DEFINE_FINAL_TYPE (CrPhoneServer, cr_phone_server, G_TYPE_OBJECT)

G_DEFINE_QUARK (cr-phone-server-error-quark, cr_phone_server_error)

enum {
  PROP_0,
  PROP_WORKSHOP,
  PROP_RUNNING,
  PROP_PORT,
  PROP_JOIN_URL,
  PROP_ROOM_CODE,
  PROP_JOINING,
  PROP_SEAT_CAP,
  PROP_N_PHONES,
  N_PROPS
};

enum {
  BALLOT_SAVED,
  SEATS_CHANGED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

/* ---- Reports, from the host's context to the owner's ---------------------- */

static void
apply_reports (CrPhoneServer *self)
{
  g_autoptr(GPtrArray) reports = NULL;
  g_autoptr(GHashTable) rounds = g_hash_table_new (g_int64_hash, g_int64_equal);
  g_autoptr(GError) error = NULL;
  gboolean seats_added = FALSE, claims_changed = FALSE;
  CrPhoneReport *last;
  g_autofree char *old_url = NULL;

  g_mutex_lock (&self->lock);
  reports = g_steal_pointer (&self->reports);
  self->reports = g_ptr_array_new_with_free_func ((GDestroyNotify) cr_phone_report_free);
  if (self->report_source != NULL)
    {
      g_source_destroy (self->report_source);
      g_clear_pointer (&self->report_source, g_source_unref);
    }
  g_mutex_unlock (&self->lock);

  if (reports->len == 0)
    return;

  g_object_freeze_notify (G_OBJECT (self));
  last = g_ptr_array_index (reports, reports->len - 1);
  for (guint i = 0; i < reports->len; i++)
    seats_added |= ((CrPhoneReport *) g_ptr_array_index (reports, i))->seats_added;

  if (g_strcmp0 (self->token, last->token) != 0 || g_strcmp0 (self->room_code, last->room_code) != 0)
    {
      g_free (self->token);
      self->token = g_strdup (last->token);
      g_free (self->room_code);
      self->room_code = g_strdup (last->room_code);
      old_url = g_steal_pointer (&self->join_url);
      if (self->port != 0)
        self->join_url = g_strdup_printf ("http://%s:%u/j/%s", self->address, self->port, self->token);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ROOM_CODE]);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_JOIN_URL]);
    }
  if (self->joining != last->joining)
    {
      self->joining = last->joining;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_JOINING]);
    }
  if (self->seat_cap != last->seat_cap)
    {
      self->seat_cap = last->seat_cap;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SEAT_CAP]);
    }
  if (self->n_phones != last->n_sessions)
    {
      self->n_phones = last->n_sessions;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_PHONES]);
    }
  claims_changed = self->claims->len != last->claims->len;
  for (guint i = 0; !claims_changed && i < last->claims->len; i++)
    claims_changed = !cr_phone_server_is_claimed (self, g_array_index (last->claims, gint64, i));
  if (claims_changed)
    {
      g_array_set_size (self->claims, 0);
      g_array_append_vals (self->claims, last->claims->data, last->claims->len);
    }

  /* The window's workshop reads back what phones saved before anyone is
   * told: the voting step counts from it. */
  if (seats_added && !cr_workshop_reread_participants (self->workshop, &error))
    {
      g_warning ("Seats taken by phones could not be read back: %s", error->message);
      g_clear_error (&error);
    }
  for (guint i = 0; i < reports->len; i++)
    {
      CrPhoneReport *report = g_ptr_array_index (reports, i);

      for (guint j = 0; j < report->saved_rounds->len; j++)
        {
          gint64 *round_id = &g_array_index (report->saved_rounds, gint64, j);

          if (g_hash_table_contains (rounds, round_id))
            continue;
          g_hash_table_add (rounds, round_id);
          if (!cr_workshop_reread_round (self->workshop, *round_id, &error))
            {
              g_debug ("A round phones voted in could not be read back: %s", error->message);
              g_clear_error (&error);
            }
        }
    }
  g_object_thaw_notify (G_OBJECT (self));

  /* A handler may drop the last reference to the server. */
  g_object_ref (self);
  if (claims_changed || seats_added)
    g_signal_emit (self, signals[SEATS_CHANGED], 0);
  for (guint i = 0; i < reports->len; i++)
    {
      CrPhoneReport *report = g_ptr_array_index (reports, i);

      for (guint j = 0; j < report->saved_rounds->len; j++)
        g_signal_emit (self, signals[BALLOT_SAVED], 0,
                       g_array_index (report->saved_rounds, gint64, j),
                       g_array_index (report->saved_seats, gint64, j));
    }
  g_object_unref (self);
}

static gboolean
apply_reports_idle (gpointer data)
{
  apply_reports (data);
  return G_SOURCE_REMOVE;
}

/* In the host's context. */
static void
on_report (CrPhoneReport *report,
           gpointer       data)
{
  CrPhoneServer *self = data;

  g_mutex_lock (&self->lock);
  g_ptr_array_add (self->reports, report);
  if (self->report_source == NULL)
    {
      /* A burst of ballots is read back once, not once each. */
      self->report_source = g_idle_source_new ();
      g_source_set_priority (self->report_source, G_PRIORITY_DEFAULT_IDLE);
      g_source_set_callback (self->report_source, apply_reports_idle, self, NULL);
      g_source_attach (self->report_source, self->owner);
    }
  g_mutex_unlock (&self->lock);
}

/* ---- Calls into the host's context ------------------------------------------ */

typedef gboolean (*HostFunc) (CrPhoneHost  *host,
                              gpointer      data,
                              GError      **error);

typedef struct
{
  CrPhoneServer *self;
  HostFunc       func;
  gpointer       data;
  GError        *error;
  gboolean       result;
  gboolean       done;
  GMutex         mutex;
  GCond          cond;
} Call;

static gboolean
call_in_host (gpointer user_data)
{
  Call *call = user_data;
  gboolean result;
  GError *error = NULL;

  result = call->self->host ? call->func (call->self->host, call->data, &error) : TRUE;
  g_mutex_lock (&call->mutex);
  call->result = result;
  call->error = error;
  call->done = TRUE;
  g_cond_signal (&call->cond);
  g_mutex_unlock (&call->mutex);
  return G_SOURCE_REMOVE;
}

/* Runs @func in the host's context and waits for it; the host only takes
 * the time of one batch of ballots at most, and the window's own changes
 * are rare. Reports it made on the way are applied before returning. */
static gboolean
run_in_host (CrPhoneServer  *self,
             HostFunc        func,
             gpointer        data,
             GError        **error)
{
  Call call = { self, func, data, NULL, FALSE, FALSE };

  if (self->host_context == NULL)
    return TRUE;
  if (!self->threaded)
    {
      if (!func (self->host, data, error))
        return FALSE;
      apply_reports (self);
      return TRUE;
    }

  g_mutex_init (&call.mutex);
  g_cond_init (&call.cond);
  g_main_context_invoke (self->host_context, call_in_host, &call);
  g_mutex_lock (&call.mutex);
  while (!call.done)
    g_cond_wait (&call.cond, &call.mutex);
  g_mutex_unlock (&call.mutex);
  g_mutex_clear (&call.mutex);
  g_cond_clear (&call.cond);
  if (call.error != NULL)
    g_propagate_error (error, call.error);
  apply_reports (self);
  return call.result;
}

static gboolean
host_library_changed (CrPhoneHost  *host,
                      gpointer      data,
                      GError      **error)
{
  cr_phone_host_library_changed (host);
  return TRUE;
}

static gboolean
post_library_changed_cb (gpointer data)
{
  CrPhoneServer *self = data;

  if (self->host != NULL)
    cr_phone_host_library_changed (self->host);
  return G_SOURCE_REMOVE;
}

/* The window changed the workshop: the host looks, without the window
 * waiting for it. */
static void
on_workshop_changed (CrPhoneServer *self)
{
  if (self->host_context == NULL)
    return;
  if (!self->threaded)
    {
      host_library_changed (self->host, NULL, NULL);
      apply_reports (self);
      return;
    }
  g_main_context_invoke_full (self->host_context, G_PRIORITY_DEFAULT, post_library_changed_cb,
                              g_object_ref (self), g_object_unref);
}

/* ---- Start and stop ---------------------------------------------------------- */

typedef struct
{
  CrPhoneServer *self;
  char          *db_path;
  gint64         workshop_id;
  char          *address;
  gboolean       started;
  gboolean       done;
  GError        *error;
  GMutex         mutex;
  GCond          cond;
} Start;

static gboolean
start_host (CrPhoneServer  *self,
            Start          *start,
            GError        **error)
{
  self->host = cr_phone_host_new (start->db_path, start->workshop_id, &self->limits,
                                  on_report, self, error);
  if (self->host == NULL)
    return FALSE;
  if (!cr_phone_host_listen (self->host, start->address, self->preferred_port, error))
    {
      g_clear_pointer (&self->host, cr_phone_host_free);
      return FALSE;
    }
  self->port = cr_phone_host_get_port (self->host);
  return TRUE;
}

static gpointer
host_thread (gpointer data)
{
  Start *start = data;
  CrPhoneServer *self = start->self;
  GMainContext *context = self->host_context;
  GError *error = NULL;
  gboolean started;

  g_main_context_push_thread_default (context);
  started = start_host (self, start, &error);

  g_mutex_lock (&start->mutex);
  start->started = started;
  start->error = error;
  start->done = TRUE;
  g_cond_signal (&start->cond);
  g_mutex_unlock (&start->mutex);

  if (started)
    {
      g_main_loop_run (self->host_loop);
      g_clear_pointer (&self->host, cr_phone_host_free);
    }
  /* What the host left behind (closed connections calling back) ends here. */
  while (g_main_context_iteration (context, FALSE))
    ;
  g_main_context_pop_thread_default (context);
  return NULL;
}

/* Phones' connections and the connections of a room joining at once need
 * more file descriptors than a desktop session's default soft limit. */
static void
raise_file_limit (void)
{
  struct rlimit limit;

  if (getrlimit (RLIMIT_NOFILE, &limit) == 0 && limit.rlim_cur < 4096 && limit.rlim_cur < limit.rlim_max)
    {
      limit.rlim_cur = MIN (limit.rlim_max, 4096);
      setrlimit (RLIMIT_NOFILE, &limit);
    }
}

gboolean
cr_phone_server_start (CrPhoneServer  *self,
                       GError        **error)
{
  g_autofree char *address = NULL;
  Start start = { 0 };

  g_return_val_if_fail (CR_IS_PHONE_SERVER (self), FALSE);

  if (self->host_context != NULL)
    return TRUE;

  if (self->address != NULL)
    address = g_strdup (self->address);
  else
    {
      g_autoptr(GPtrArray) addresses = cr_phone_address_list ();

      if (addresses->len == 0)
        {
          g_set_error_literal (error, CR_PHONE_SERVER_ERROR, CR_PHONE_SERVER_ERROR_NO_NETWORK,
                               _("This laptop is on no private network the phones could reach. Join the room’s Wi-Fi or start a hotspot, or record the ballots on the laptop."));
          return FALSE;
        }
      address = g_strdup (((CrPhoneAddress *) g_ptr_array_index (addresses, 0))->address);
    }

  raise_file_limit ();
  start.self = self;
  start.db_path = (char *) cr_store_get_path (cr_workshop_get_store (self->workshop));
  start.workshop_id = cr_workshop_get_id (self->workshop);
  start.address = address;

  if (!self->threaded)
    {
      self->host_context = g_main_context_ref (self->owner);
      if (!start_host (self, &start, error))
        {
          g_clear_pointer (&self->host_context, g_main_context_unref);
          return FALSE;
        }
    }
  else
    {
      self->host_context = g_main_context_new ();
      self->host_loop = g_main_loop_new (self->host_context, FALSE);
      g_mutex_init (&start.mutex);
      g_cond_init (&start.cond);
      /* Linux keeps 15 characters of a thread's name, and none of a longer one. */
      self->thread = g_thread_new ("cr-phones", host_thread, &start);
      g_mutex_lock (&start.mutex);
      while (!start.done)
        g_cond_wait (&start.cond, &start.mutex);
      g_mutex_unlock (&start.mutex);
      g_mutex_clear (&start.mutex);
      g_cond_clear (&start.cond);
      if (!start.started)
        {
          g_thread_join (g_steal_pointer (&self->thread));
          g_clear_pointer (&self->host_loop, g_main_loop_unref);
          g_clear_pointer (&self->host_context, g_main_context_unref);
          g_propagate_error (error, start.error);
          return FALSE;
        }
    }

  g_free (self->address);
  self->address = g_steal_pointer (&address);
  if (self->question != NULL || self->show_results)
    {
      cr_phone_server_set_question (self, self->question);
      cr_phone_server_set_show_results (self, self->show_results);
    }
  apply_reports (self);
  /* Started again with the same token (stop cleared the URL, and reports
   * only rebuild it for a new token): the URL of this address and port. */
  if (self->join_url == NULL && self->token != NULL && self->port != 0)
    {
      self->join_url = g_strdup_printf ("http://%s:%u/j/%s", self->address, self->port, self->token);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_JOIN_URL]);
    }
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RUNNING]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PORT]);
  return TRUE;
}

static gboolean
quit_host_loop (gpointer data)
{
  g_main_loop_quit (data);
  return G_SOURCE_REMOVE;
}

void
cr_phone_server_stop (CrPhoneServer *self)
{
  g_return_if_fail (CR_IS_PHONE_SERVER (self));

  if (self->host_context == NULL)
    return;

  if (self->threaded)
    {
      g_main_context_invoke (self->host_context, quit_host_loop, self->host_loop);
      g_thread_join (g_steal_pointer (&self->thread));
      g_clear_pointer (&self->host_loop, g_main_loop_unref);
    }
  else
    g_clear_pointer (&self->host, cr_phone_host_free);
  g_clear_pointer (&self->host_context, g_main_context_unref);

  /* Ballots saved up to the last moment are read back. */
  apply_reports (self);
  self->port = 0;
  g_clear_pointer (&self->join_url, g_free);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RUNNING]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PORT]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_JOIN_URL]);
}

/* ---- GObject -------------------------------------------------------------------- */

static void
cr_phone_server_dispose (GObject *object)
{
  CrPhoneServer *self = (CrPhoneServer *)object;

  if (self->workshop != NULL)
    cr_phone_server_stop (self);
  if (self->watch != NULL)
    g_signal_handlers_disconnect_by_data (self->watch, self);
  g_clear_object (&self->watch);
  if (self->workshop != NULL)
    g_signal_handlers_disconnect_by_data (cr_workshop_get_participants (self->workshop), self);
  g_clear_object (&self->workshop);

  G_OBJECT_CLASS (cr_phone_server_parent_class)->dispose (object);
}

static void
cr_phone_server_finalize (GObject *object)
{
  CrPhoneServer *self = (CrPhoneServer *)object;

  g_clear_pointer (&self->reports, g_ptr_array_unref);
  g_mutex_clear (&self->lock);
  g_clear_pointer (&self->claims, g_array_unref);
  g_main_context_unref (self->owner);
  g_free (self->address);
  g_free (self->question);
  g_free (self->join_url);
  g_free (self->room_code);
  g_free (self->token);

  G_OBJECT_CLASS (cr_phone_server_parent_class)->finalize (object);
}

static void
cr_phone_server_constructed (GObject *object)
{
  CrPhoneServer *self = (CrPhoneServer *)object;

  G_OBJECT_CLASS (cr_phone_server_parent_class)->constructed (object);

  g_assert (CR_IS_WORKSHOP (self->workshop));
  self->watch = cr_rounds_watch_new (self->workshop, FALSE);
  g_signal_connect_swapped (self->watch, "changed", G_CALLBACK (on_workshop_changed), self);
  g_signal_connect_swapped (cr_workshop_get_participants (self->workshop), "items-changed",
                            G_CALLBACK (on_workshop_changed), self);
}

static void
cr_phone_server_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  CrPhoneServer *self = CR_PHONE_SERVER (object);

  switch (prop_id)
    {
    case PROP_WORKSHOP:
      g_value_set_object (value, self->workshop);
      break;
    case PROP_RUNNING:
      g_value_set_boolean (value, cr_phone_server_get_running (self));
      break;
    case PROP_PORT:
      g_value_set_uint (value, self->port);
      break;
    case PROP_JOIN_URL:
      g_value_set_string (value, self->join_url);
      break;
    case PROP_ROOM_CODE:
      g_value_set_string (value, self->room_code);
      break;
    case PROP_JOINING:
      g_value_set_boolean (value, self->joining);
      break;
    case PROP_SEAT_CAP:
      g_value_set_uint (value, self->seat_cap);
      break;
    case PROP_N_PHONES:
      g_value_set_uint (value, self->n_phones);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cr_phone_server_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  CrPhoneServer *self = CR_PHONE_SERVER (object);

  switch (prop_id)
    {
    case PROP_WORKSHOP:
      self->workshop = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cr_phone_server_class_init (CrPhoneServerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = cr_phone_server_constructed;
  object_class->dispose = cr_phone_server_dispose;
  object_class->finalize = cr_phone_server_finalize;
  object_class->get_property = cr_phone_server_get_property;
  object_class->set_property = cr_phone_server_set_property;

  properties[PROP_WORKSHOP] =
    g_param_spec_object ("workshop", NULL, NULL, CR_TYPE_WORKSHOP,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_RUNNING] =
    g_param_spec_boolean ("running", NULL, NULL, FALSE, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_PORT] =
    g_param_spec_uint ("port", NULL, NULL, 0, G_MAXUINT16, 0, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_JOIN_URL] =
    g_param_spec_string ("join-url", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_ROOM_CODE] =
    g_param_spec_string ("room-code", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_JOINING] =
    g_param_spec_boolean ("joining", NULL, NULL, FALSE, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_SEAT_CAP] =
    g_param_spec_uint ("seat-cap", NULL, NULL, 0, G_MAXUINT, 0, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_N_PHONES] =
    g_param_spec_uint ("n-phones", NULL, NULL, 0, G_MAXUINT, 0, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * CrPhoneServer::ballot-saved:
   * @round_id: the round
   * @participant_id: whose ballot
   *
   * A phone's ballot is in the library, and the window's workshop has read
   * it back. Says who voted, never what.
   */
  signals[BALLOT_SAVED] =
    g_signal_new ("ballot-saved", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_INT64, G_TYPE_INT64);
  /**
   * CrPhoneServer::seats-changed:
   *
   * A phone claimed or released a seat, or added an anonymous one (which
   * the window's workshop has read back).
   */
  signals[SEATS_CHANGED] =
    g_signal_new ("seats-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
cr_phone_server_init (CrPhoneServer *self)
{
  self->owner = g_main_context_ref_thread_default ();
  /* On loopback (tests, run in parallel processes) any free port: with the
   * fixed one, another process's server could take it the moment this one
   * stops and answer a check that nothing listens here any more. */
  self->preferred_port = cr_phone_address_loopback_allowed () ? 0 : CR_PHONE_SERVER_PORT;
  self->threaded = TRUE;
  self->joining = TRUE;
  self->claims = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_mutex_init (&self->lock);
  self->reports = g_ptr_array_new_with_free_func ((GDestroyNotify) cr_phone_report_free);
  cr_phone_limits_init (&self->limits);
}

/* ---- The API ------------------------------------------------------------------ */

CrPhoneServer *
cr_phone_server_new (CrWorkshop *workshop)
{
  g_return_val_if_fail (CR_IS_WORKSHOP (workshop), NULL);
  return g_object_new (CR_TYPE_PHONE_SERVER, "workshop", workshop, NULL);
}

GPtrArray *
cr_phone_server_list_addresses (void)
{
  return cr_phone_address_list ();
}

void
cr_phone_server_set_address (CrPhoneServer *self,
                             const char    *address)
{
  g_return_if_fail (CR_IS_PHONE_SERVER (self));
  g_return_if_fail (self->host_context == NULL);

  g_free (self->address);
  self->address = g_strdup (address);
}

const char *
cr_phone_server_get_address (CrPhoneServer *self)
{
  g_return_val_if_fail (CR_IS_PHONE_SERVER (self), NULL);
  return self->address;
}

void
cr_phone_server_set_preferred_port (CrPhoneServer *self,
                                    guint          port)
{
  g_return_if_fail (CR_IS_PHONE_SERVER (self));
  g_return_if_fail (port <= G_MAXUINT16);
  self->preferred_port = port;
}

gboolean
cr_phone_server_get_running (CrPhoneServer *self)
{
  g_return_val_if_fail (CR_IS_PHONE_SERVER (self), FALSE);
  return self->host_context != NULL;
}

guint
cr_phone_server_get_port (CrPhoneServer *self)
{
  g_return_val_if_fail (CR_IS_PHONE_SERVER (self), 0);
  return self->port;
}

const char *
cr_phone_server_get_join_url (CrPhoneServer *self)
{
  g_return_val_if_fail (CR_IS_PHONE_SERVER (self), NULL);
  return self->join_url;
}

const char *
cr_phone_server_get_room_code (CrPhoneServer *self)
{
  g_return_val_if_fail (CR_IS_PHONE_SERVER (self), NULL);
  return self->room_code;
}

static gboolean
host_renew (CrPhoneHost  *host,
            gpointer      data,
            GError      **error)
{
  return cr_phone_host_renew (host, error);
}

gboolean
cr_phone_server_renew_token (CrPhoneServer  *self,
                             GError        **error)
{
  g_return_val_if_fail (CR_IS_PHONE_SERVER (self), FALSE);
  return run_in_host (self, host_renew, NULL, error);
}

gboolean
cr_phone_server_get_joining (CrPhoneServer *self)
{
  g_return_val_if_fail (CR_IS_PHONE_SERVER (self), FALSE);
  return self->joining;
}

static gboolean
host_set_joining (CrPhoneHost  *host,
                  gpointer      data,
                  GError      **error)
{
  return cr_phone_host_set_joining (host, GPOINTER_TO_INT (data), error);
}

gboolean
cr_phone_server_set_joining (CrPhoneServer  *self,
                             gboolean        joining,
                             GError        **error)
{
  g_return_val_if_fail (CR_IS_PHONE_SERVER (self), FALSE);
  return run_in_host (self, host_set_joining, GINT_TO_POINTER (!!joining), error);
}

guint
cr_phone_server_get_seat_cap (CrPhoneServer *self)
{
  g_return_val_if_fail (CR_IS_PHONE_SERVER (self), 0);
  return self->seat_cap;
}

static gboolean
host_set_seat_cap (CrPhoneHost  *host,
                   gpointer      data,
                   GError      **error)
{
  return cr_phone_host_set_seat_cap (host, GPOINTER_TO_UINT (data), error);
}

gboolean
cr_phone_server_set_seat_cap (CrPhoneServer  *self,
                              guint           cap,
                              GError        **error)
{
  g_return_val_if_fail (CR_IS_PHONE_SERVER (self), FALSE);
  return run_in_host (self, host_set_seat_cap, GUINT_TO_POINTER (cap), error);
}

guint
cr_phone_server_get_n_phones (CrPhoneServer *self)
{
  g_return_val_if_fail (CR_IS_PHONE_SERVER (self), 0);
  return self->n_phones;
}

GArray *
cr_phone_server_dup_claims (CrPhoneServer *self)
{
  GArray *claims;

  g_return_val_if_fail (CR_IS_PHONE_SERVER (self), NULL);

  claims = g_array_sized_new (FALSE, FALSE, sizeof (gint64), self->claims->len);
  g_array_append_vals (claims, self->claims->data, self->claims->len);
  return claims;
}

gboolean
cr_phone_server_is_claimed (CrPhoneServer *self,
                            gint64         participant_id)
{
  g_return_val_if_fail (CR_IS_PHONE_SERVER (self), FALSE);

  for (guint i = 0; i < self->claims->len; i++)
    if (g_array_index (self->claims, gint64, i) == participant_id)
      return TRUE;
  return FALSE;
}

static gboolean
host_release (CrPhoneHost  *host,
              gpointer      data,
              GError      **error)
{
  return cr_phone_host_release (host, *(gint64 *) data, error);
}

gboolean
cr_phone_server_release_claim (CrPhoneServer  *self,
                               gint64          participant_id,
                               GError        **error)
{
  g_return_val_if_fail (CR_IS_PHONE_SERVER (self), FALSE);
  return run_in_host (self, host_release, &participant_id, error);
}

static gboolean
host_set_question (CrPhoneHost  *host,
                   gpointer      data,
                   GError      **error)
{
  cr_phone_host_set_question (host, data);
  return TRUE;
}

void
cr_phone_server_set_question (CrPhoneServer *self,
                              const char    *question_id)
{
  g_return_if_fail (CR_IS_PHONE_SERVER (self));

  if (question_id != self->question)
    {
      g_free (self->question);
      self->question = g_strdup (question_id);
    }
  run_in_host (self, host_set_question, self->question, NULL);
}

const char *
cr_phone_server_get_question (CrPhoneServer *self)
{
  g_return_val_if_fail (CR_IS_PHONE_SERVER (self), NULL);
  return self->question;
}

static gboolean
host_set_show_results (CrPhoneHost  *host,
                       gpointer      data,
                       GError      **error)
{
  cr_phone_host_set_show_results (host, GPOINTER_TO_INT (data));
  return TRUE;
}

void
cr_phone_server_set_show_results (CrPhoneServer *self,
                                  gboolean       show)
{
  g_return_if_fail (CR_IS_PHONE_SERVER (self));

  self->show_results = !!show;
  run_in_host (self, host_set_show_results, GINT_TO_POINTER (self->show_results), NULL);
}

gboolean
cr_phone_server_get_show_results (CrPhoneServer *self)
{
  g_return_val_if_fail (CR_IS_PHONE_SERVER (self), FALSE);
  return self->show_results;
}

/* ---- For tests and the benchmark ---------------------------------------------- */

void
_cr_phone_server_set_limits (CrPhoneServer       *self,
                             const CrPhoneLimits *limits)
{
  g_return_if_fail (CR_IS_PHONE_SERVER (self));
  g_return_if_fail (self->host_context == NULL);
  self->limits = *limits;
}

void
_cr_phone_server_set_threaded (CrPhoneServer *self,
                               gboolean       threaded)
{
  g_return_if_fail (CR_IS_PHONE_SERVER (self));
  g_return_if_fail (self->host_context == NULL);
  self->threaded = threaded;
}

static gboolean
host_take_latencies (CrPhoneHost  *host,
                     gpointer      data,
                     GError      **error)
{
  *(GArray **) data = cr_phone_host_take_latencies (host);
  return TRUE;
}

GArray *
_cr_phone_server_take_latencies (CrPhoneServer *self)
{
  GArray *latencies = NULL;

  g_return_val_if_fail (CR_IS_PHONE_SERVER (self), NULL);

  run_in_host (self, host_take_latencies, &latencies, NULL);
  return latencies ? latencies : g_array_new (FALSE, FALSE, sizeof (gint64));
}
