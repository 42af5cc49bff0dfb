/* fuzz-phone-request.c: libFuzzer target for what phones send the phone server
 *
 * The first byte picks what the rest is read as, as the server reads it: a
 * ballot's body (and, when it decodes, its votes checked by the core
 * against each question of the built-in template, as
 * cr_workshop_record_votes checks them), a join's body, a claim's body, a
 * Cookie header, a typed room code or an Accept-Language header (which
 * names the catalogue file the page's words are read from). Decoding must
 * refuse with a reason or give values within the API's bounds; nothing may
 * crash or leak.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdint.h>
#include <string.h>

#include "cr-phone-request.h"
#include "cr-phone-strings.h"
#include "cr-template.h"
#include "cr-workshop.h"

int LLVMFuzzerInitialize (int *argc, char ***argv);
int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

static CrTemplate *template;
static CrPhoneStrings *strings;

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  g_autoptr(GError) error = NULL;

  g_log_set_always_fatal (G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING);
  template = cr_template_lookup_builtin ("people-product-models", &error);
  g_assert_no_error (error);
  strings = cr_phone_strings_new ();
  return 0;
}

static void
refused (GError *error)
{
  g_assert (error != NULL && error->domain == CR_PHONE_REQUEST_ERROR);
  g_assert (error->message != NULL && g_utf8_validate (error->message, -1, NULL));
}

static void
ballot (const char *body,
        gsize       len)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CrPhoneBallot) decoded = cr_phone_ballot_decode (body, len, &error);

  if (decoded == NULL)
    {
      refused (error);
      return;
    }
  g_assert_no_error (error);
  g_assert (decoded->round_id > 0);
  g_assert (decoded->key != NULL && strlen (decoded->key) >= 1 && strlen (decoded->key) <= CR_PHONE_MAX_KEY);
  g_assert (decoded->votes->len <= CR_PHONE_MAX_VOTES);

  /* The core checks what was decoded, for every question. */
  for (guint q = 0; q < cr_template_get_n_questions (template); q++)
    {
      g_autoptr(GError) check_error = NULL;
      guint bad = 0;
      CrVote *votes = (CrVote *) decoded->votes->data;

      for (guint v = 0; v < decoded->votes->len; v++)
        {
          g_assert (votes[v].option != NULL && strlen (votes[v].option) <= CR_PHONE_MAX_ID);
          votes[v].participant_id = 1;
        }
      if (!cr_votes_check (template, cr_template_get_question (template, q), FALSE,
                           votes, decoded->votes->len, &bad, &check_error))
        {
          g_assert (check_error != NULL && g_utf8_validate (check_error->message, -1, NULL));
          g_assert (bad <= decoded->votes->len);
        }
    }
}

static void
join (const char *body,
      gsize       len)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *token = NULL, *code = NULL;

  if (!cr_phone_join_decode (body, len, &token, &code, &error))
    {
      refused (error);
      g_assert (token == NULL || code == NULL);
      return;
    }
  g_assert ((token == NULL) != (code == NULL));
  g_assert (token == NULL || cr_phone_is_secret (token));
  g_assert (code == NULL || strlen (code) == CR_PHONE_CODE_CHARS);
}

static void
claim (const char *body,
       gsize       len)
{
  g_autoptr(GError) error = NULL;
  gint64 participant = -1;

  if (!cr_phone_claim_decode (body, len, &participant, &error))
    refused (error);
  else
    g_assert (participant >= 0);
}

/* The language chosen is a catalogue's name and nothing else: it becomes
 * part of a file's path. */
static void
accept_language (const char *header)
{
  g_autofree char *chosen = cr_phone_strings_choose (strings, header);
  gsize n;

  if (chosen == NULL)
    return;
  n = strlen (chosen);
  g_assert (n == 2 || n == 3 || n == 5 || n == 6);
  for (gsize i = 0; i < n; i++)
    g_assert (g_ascii_isalpha (chosen[i]) || (chosen[i] == '_' && i == n - 3));
  g_assert (cr_phone_strings_json (strings, header) != NULL);
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autofree char *text = NULL;
  const char *body;
  gsize len;

  if (size == 0)
    return 0;
  body = (const char *) data + 1;
  len = size - 1;

  switch (data[0] % 6)
    {
    case 0:
      ballot (body, len);
      break;
    case 1:
      join (body, len);
      break;
    case 2:
      claim (body, len);
      break;
    case 3:
      {
        g_autofree char *session = NULL;

        /* A header is text up to its first NUL. */
        text = g_strndup (body, len);
        session = cr_phone_cookie_session (text);
        g_assert (session == NULL || cr_phone_is_secret (session));
      }
      break;
    case 5:
      text = g_strndup (body, len);
      accept_language (text);
      break;
    default:
      {
        g_autofree char *code = NULL;

        text = g_strndup (body, len);
        code = cr_phone_code_normalize (text);
        if (code != NULL)
          {
            g_autofree char *again = cr_phone_code_normalize (code);

            g_assert (strlen (code) == CR_PHONE_CODE_CHARS);
            g_assert (g_strcmp0 (code, again) == 0);
          }
      }
      break;
    }
  return 0;
}
