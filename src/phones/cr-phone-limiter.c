/* cr-phone-limiter.c: a token bucket per address (or for the whole server):
 * how often a phone may try
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "crossroads-phones"

#include "config.h"

#include <math.h>

#include "cr-phone-limiter.h"

typedef struct
{
  double tokens;
  gint64 updated;
} Bucket;

struct _CrPhoneLimiter
{
  double      burst;
  double      per_second;
  GHashTable *buckets;      /* GUINT_TO_POINTER (key + 1) -> Bucket* */
};

CrPhoneLimiter *
cr_phone_limiter_new (double burst,
                      double per_second)
{
  CrPhoneLimiter *limiter = g_new0 (CrPhoneLimiter, 1);

  g_return_val_if_fail (burst >= 1 && per_second >= 0, NULL);

  limiter->burst = burst;
  limiter->per_second = per_second;
  limiter->buckets = g_hash_table_new_full (g_direct_hash, g_direct_equal, NULL, g_free);
  return limiter;
}

void
cr_phone_limiter_free (CrPhoneLimiter *limiter)
{
  if (limiter == NULL)
    return;
  g_hash_table_unref (limiter->buckets);
  g_free (limiter);
}

static void
refill (CrPhoneLimiter *limiter,
        Bucket         *bucket,
        gint64          now)
{
  if (now > bucket->updated)
    bucket->tokens = MIN (limiter->burst,
                          bucket->tokens + limiter->per_second * (now - bucket->updated) / G_USEC_PER_SEC);
  bucket->updated = MAX (bucket->updated, now);
}

/* Makes room for one more key: full buckets say nothing a new one would
 * not, and after them the one untouched the longest goes. */
static void
make_room (CrPhoneLimiter *limiter,
           gint64          now)
{
  GHashTableIter iter;
  gpointer key, value;
  gpointer oldest = NULL;
  gint64 oldest_time = G_MAXINT64;

  g_hash_table_iter_init (&iter, limiter->buckets);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      Bucket *bucket = value;

      refill (limiter, bucket, now);
      if (bucket->tokens >= limiter->burst)
        g_hash_table_iter_remove (&iter);
      else if (bucket->updated < oldest_time)
        {
          oldest = key;
          oldest_time = bucket->updated;
        }
    }
  if (g_hash_table_size (limiter->buckets) >= CR_PHONE_LIMITER_KEYS && oldest != NULL)
    g_hash_table_remove (limiter->buckets, oldest);
}

static Bucket *
lookup (CrPhoneLimiter *limiter,
        guint32         key,
        gint64          now)
{
  gpointer hash_key = GUINT_TO_POINTER ((guint) key + 1);
  Bucket *bucket = g_hash_table_lookup (limiter->buckets, hash_key);

  if (bucket == NULL)
    {
      if (g_hash_table_size (limiter->buckets) >= CR_PHONE_LIMITER_KEYS)
        make_room (limiter, now);
      bucket = g_new (Bucket, 1);
      bucket->tokens = limiter->burst;
      bucket->updated = now;
      g_hash_table_insert (limiter->buckets, hash_key, bucket);
    }
  refill (limiter, bucket, now);
  return bucket;
}

gboolean
cr_phone_limiter_take (CrPhoneLimiter *limiter,
                       guint32         key,
                       gint64          now)
{
  Bucket *bucket;

  g_return_val_if_fail (limiter != NULL, FALSE);

  bucket = lookup (limiter, key, now);
  if (bucket->tokens < 1)
    return FALSE;
  bucket->tokens -= 1;
  return TRUE;
}

gboolean
cr_phone_limiter_peek (CrPhoneLimiter *limiter,
                       guint32         key,
                       gint64          now)
{
  g_return_val_if_fail (limiter != NULL, FALSE);
  return lookup (limiter, key, now)->tokens >= 1;
}

guint
cr_phone_limiter_wait (CrPhoneLimiter *limiter,
                       guint32         key,
                       gint64          now)
{
  Bucket *bucket;

  g_return_val_if_fail (limiter != NULL, 0);

  bucket = lookup (limiter, key, now);
  if (bucket->tokens >= 1)
    return 0;
  if (limiter->per_second <= 0)
    return 3600;
  return (guint) ceil ((1 - bucket->tokens) / limiter->per_second);
}
