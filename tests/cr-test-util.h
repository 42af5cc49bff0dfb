/* cr-test-util.h: shared helpers for the test programs
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "cr-chart.h"
#include "cr-store.h"
#include "cr-workshop.h"

G_BEGIN_DECLS

/* A fresh temporary directory, removed with its contents at exit. */
char    *cr_test_make_tmpdir   (void);
/* A path inside a fresh temporary directory (the file does not exist). */
char    *cr_test_tmp_path      (const char *basename);
/* As root, some cases run a program as the user nobody, who may not be able
 * to enter the checkout (a clone in a 0700 folder). This copies @path, mode
 * and all, into a temporary folder anyone can enter and returns the copy's
 * path; or NULL, with the reason in @why, when nobody could not reach it. */
char    *cr_test_copy_for_nobody (const char *path,
                                  char      **why);
/* A new store in a fresh temporary directory. */
CrStore *cr_test_new_store     (void);
/* The whole content of a file, or NULL. */
GBytes  *cr_test_read_file     (const char *path);
/* A thread that opens the FIFO at @path for reading and reads it to its
 * end; g_thread_join () returns what it read (char*, to g_free). */
GThread *cr_test_read_fifo    (const char *path);
/* A file's path under tests/ in the source tree. */
char    *cr_test_source_path   (const char *first, ...) G_GNUC_NULL_TERMINATED;
/* The example template of the help (help/C/templates.page), read from the
 * page itself, as a reader copies it. */
GBytes  *cr_test_help_example  (void);
/* Imports tests/bundles/@name into @store and loads the new workshop. */
CrWorkshop *cr_test_import_fixture (CrStore    *store,
                                    const char *name);
/* The most memory this process has held so far (its peak resident set), in
 * MiB: run the code to measure in a fresh subprocess
 * (g_test_trap_subprocess) so that nothing before it counts. */
double   cr_test_peak_mib      (void);
/* Asserts that the peak stayed below @mib; AddressSanitizer's own memory
 * makes the figure meaningless, so under it the peak is only told. */
void     cr_test_assert_peak_below (double mib);
/* Where @at (a pointer into @text) stands, as messages name places:
 * "line L, column C", the column in characters. */
char    *cr_test_place         (const char *text,
                                const char *at);
/* The text of @pdf as pdftotext -raw reads it (in drawing order, as a
 * reader copies it), or NULL when poppler-utils is not installed. */
char    *cr_test_pdf_text      (GBytes     *pdf);
/* What zbarimg reads as a QR code from the PNG file @png, or NULL when
 * zbar-tools is not installed. */
char    *cr_test_zbar_decode   (const char *png);

/* How many times @needle occurs in @haystack, overlapping ones too. */
guint    cr_test_count_of      (const char *haystack,
                                const char *needle);
/* SELECT COUNT(*) FROM table, through a separate connection. */
gint64   cr_test_count_rows    (const char *db_path,
                                const char *table);
/* A new workshop in @store of the built-in template @template_id, as the
 * set-up step makes it (asserting it worked); the caller owns it. */
CrWorkshop *cr_test_new_workshop (CrStore    *store,
                                  const char *template_id,
                                  const char *title,
                                  const char *organisation,
                                  const char *facilitator,
                                  const char *date,
                                  const char *function_name);
/* The workshop the phone tests vote in: the built-in template's, in
 * @store, with the participants Ana, Ben and Chloé (their ids). */
CrWorkshop *cr_test_new_phone_workshop (CrStore *store,
                                        gint64  *ana,
                                        gint64  *ben,
                                        gint64  *chloe);

/* The room's projector in a lit room: the ambient light added to the
 * picture (build-aux/simulate-room adds the same). */
#define CR_TEST_AMBIENT 0.15
/* @color as a lit room sees it on a projector: CR_TEST_AMBIENT of white
 * added in linear light, then scaled back to the projector's range. */
CrChartColor cr_test_washed_out (const CrChartColor *color);

/* gettext reads the app's catalogues that msgfmt built in <build>/po. */
void     cr_test_use_built_catalogues (void);
/* A test of the phone server: it may listen on loopback
 * (CROSSROADS_PHONES_TEST_LOOPBACK), and the page's words come from the
 * built catalogues while the laptop stays in English (LC_ALL=C.UTF-8). */
void     cr_test_phones_setup  (void);

/* The participant's votes in the round as the library at @db_path holds
 * them: "option/criterion=value" joined by ", ", in the order they were
 * written ("-" for no criterion). */
char    *cr_test_library_votes (const char *db_path,
                                gint64      round_id,
                                gint64      participant_id);

/* A participant added to @workshop (asserting it worked); returns its id. */
gint64   cr_test_add_participant (CrWorkshop *workshop,
                                  const char *name);
/* The next round of @question opened in @workshop (asserting it worked);
 * the workshop holds the reference. */
CrRound *cr_test_open_round    (CrWorkshop *workshop,
                                const char *question);
/* Reveals @round of @workshop (asserting it worked). */
void     cr_test_reveal        (CrWorkshop *workshop,
                                CrRound    *round);

/* A workshop to vote in, for the tests of what the core makes of votes:
 * in a new library, held by Acme with Fran on 14 May 2024 for People, with
 * the participants P1, P2, ... (no role) whose ids are p[1], p[2], ...;
 * p[0] is 0, the show of hands. */
typedef struct
{
  CrStore    *store;
  CrTemplate *template;
  CrWorkshop *workshop;
  gint64      p[8];
} CrTestVoting;

/* Fills @voting with a workshop of @template (a reference is taken) named
 * @title and @n_participants participants (fewer than G_N_ELEMENTS (p)). */
void     cr_test_voting_init_with (CrTestVoting *voting,
                                   CrTemplate   *template,
                                   const char   *title,
                                   guint         n_participants);
/* The same with the built-in template @template_id. */
void     cr_test_voting_init   (CrTestVoting *voting,
                                const char   *template_id,
                                const char   *title,
                                guint         n_participants);
void     cr_test_voting_clear  (CrTestVoting *voting);
/* Records participant p[@who]'s votes in @round (asserting it worked),
 * given as option, value pairs ended by NULL; on a question with criteria
 * a score gives every criterion that value. */
void     cr_test_vote          (CrTestVoting *voting,
                                CrRound      *round,
                                guint         who,
                                ...) G_GNUC_NULL_TERMINATED;

/* Round @number of @question in @workshop, or NULL; the workshop holds
 * the reference. */
CrRound *cr_test_find_round    (CrWorkshop *workshop,
                                const char *question,
                                guint       number);

/* A cairo_write_func_t (cairo_pdf_surface_create_for_stream()) that
 * appends to the GByteArray @closure. */
cairo_status_t cr_test_append_to_byte_array (void                *closure,
                                             const unsigned char *data,
                                             unsigned int         length);

/* The page content streams of @pdf as cairo writes them (Flate), inflated,
 * in the file's order: the streams that hold a text object (BT). */
GPtrArray *cr_test_pdf_content_streams (GBytes *pdf);

/* LeakSanitizer is not told of GLib's first quark table, which GLib drops
 * by design once a process has made 2048 quarks. Call first in main;
 * FALSE if the table was not found (GLib changed). */
gboolean cr_test_ignore_quark_array (void);

G_END_DECLS
