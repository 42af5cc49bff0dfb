/* cr-phone-strings.h: the phone page's words, in the phone's language
 *
 * The page (data/phone/) has no words of its own: it asks for
 * /strings.json, and gets the app's translation in the first language of
 * the phone's Accept-Language that the app has, else in the laptop's.
 * The strings are marked for gettext here, translated in po/ with the
 * rest of the app.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct _CrPhoneStrings CrPhoneStrings;

/* Reads the catalogues from where gettext reads the app's, as bound with
 * bindtextdomain when this is called. */
CrPhoneStrings *cr_phone_strings_new     (void);
void            cr_phone_strings_free    (CrPhoneStrings *strings);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CrPhoneStrings, cr_phone_strings_free)

/* The page's strings as a JSON object for a phone that sent
 * @accept_language (the header's value, or NULL). Not thread-safe: one
 * thread uses one CrPhoneStrings (the host's). */
const char     *cr_phone_strings_json    (CrPhoneStrings *strings,
                                          const char     *accept_language);

/* The language @accept_language asks for that the app has a catalogue of
 * ("de", "pt_BR", "en" for the untranslated page), or NULL: the laptop's. */
char           *cr_phone_strings_choose  (CrPhoneStrings *strings,
                                          const char     *accept_language);

G_END_DECLS
