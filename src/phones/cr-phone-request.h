/* cr-phone-request.h: what a phone sends, decoded strictly
 *
 * Request bodies (a join, a claim, a ballot), the session cookie and the
 * room code as a phone types it. Decoding checks only the shape: a ballot's
 * options, criteria, values, budget and scale are the core's to check
 * (cr_workshop_record_votes), never a second time here. Nothing decoded is
 * logged. The fuzz target tests/fuzz/fuzz-phone-request.c feeds these.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "cr-round.h"

G_BEGIN_DECLS

#define CR_PHONE_REQUEST_ERROR (cr_phone_request_error_quark ())

typedef enum
{
  CR_PHONE_REQUEST_ERROR_NOT_JSON,   /* not UTF-8, not strict JSON, too deep or too large */
  CR_PHONE_REQUEST_ERROR_SHAPE,      /* JSON, but not the object the API asks for */
} CrPhoneRequestError;

GQuark cr_phone_request_error_quark (void);

/* The largest request body read; a longer one is answered 413 unread. */
#define CR_PHONE_MAX_BODY        8192
/* Votes in one ballot: twelve options scored on ten criteria fit. */
#define CR_PHONE_MAX_VOTES       256
/* An idempotency key: 1 to 64 of A-Z a-z 0-9 - _ */
#define CR_PHONE_MAX_KEY         64
/* Bytes of an option's or criterion's id (templates' ids are short). */
#define CR_PHONE_MAX_ID          200
/* 128 random bits, as 32 lowercase hexadecimal digits. */
#define CR_PHONE_SECRET_CHARS    32
#define CR_PHONE_CODE_CHARS      6
#define CR_PHONE_COOKIE          "crossroads_session"

typedef struct
{
  gint64        round_id;
  char         *key;
  /* CrVote with participant_id 0: the server sets the phone's seat. The
   * strings are the phone's, not interned, until the core accepted them. */
  GArray       *votes;
  GStringChunk *strings;
} CrPhoneBallot;

/* {"round": 42, "key": "k1", "votes": [{"option": "a", "criterion": "c" | null, "value": 3}]} */
CrPhoneBallot *cr_phone_ballot_decode (const char    *body,
                                       gsize          len,
                                       GError       **error);
void           cr_phone_ballot_free   (CrPhoneBallot *ballot);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CrPhoneBallot, cr_phone_ballot_free)

/* {"token": "<32 hex>"} or {"code": "ABC123"}: one of them, the other NULL.
 * A token or code of the wrong form is refused here (SHAPE). */
gboolean       cr_phone_join_decode   (const char    *body,
                                       gsize          len,
                                       char         **token,
                                       char         **code,
                                       GError       **error);

/* {"participant": 17} claims that seat; {"participant": null} asks for a
 * new anonymous seat (*participant_id 0). */
gboolean       cr_phone_claim_decode  (const char    *body,
                                       gsize          len,
                                       gint64        *participant_id,
                                       GError       **error);

/* The session secret in a Cookie header, if one is there and well formed. */
char          *cr_phone_cookie_session (const char   *cookie_header);
/* Exactly 32 lowercase hexadecimal digits. */
gboolean       cr_phone_is_secret      (const char   *text);
/* A room code as typed ("abc 123", "ABC-123") in its own form ("ABC123"), or
 * NULL when it cannot be one. */
char          *cr_phone_code_normalize (const char   *typed);
/* The letters a room code is made of: no 0/O, 1/I/L, 5/S, 2/Z to mistake. */
#define CR_PHONE_CODE_ALPHABET "ABCDEFGHJKMNPQRTUVWXY346789"

G_END_DECLS
