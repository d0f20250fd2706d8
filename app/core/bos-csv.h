/* bos-csv.h: a strict CSV reader that knows where it is
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

typedef enum
{
  /* UTF-8 only (a byte order mark is skipped); anything else is an error. */
  BOS_CSV_ENCODING_UTF8,
  /* UTF-8 (with or without BOM) when the bytes are valid UTF-8, otherwise
   * ISO-8859-1; bytes that are control characters in ISO-8859-1 are errors. */
  BOS_CSV_ENCODING_UTF8_OR_LATIN1,
} BosCsvEncoding;

typedef struct _BosCsv BosCsv;

BosCsv     *bos_csv_new_from_bytes   (GBytes          *bytes,
                                      const char      *source_name,
                                      char             separator,
                                      BosCsvEncoding   encoding,
                                      GError         **error);
BosCsv     *bos_csv_new_from_file    (const char      *path,
                                      char             separator,
                                      BosCsvEncoding   encoding,
                                      GError         **error);
BosCsv     *bos_csv_new_from_resource (const char     *resource_path,
                                      const char      *source_name,
                                      GError         **error);
void        bos_csv_free             (BosCsv          *csv);

const char *bos_csv_get_source_name  (BosCsv          *csv);
const char *bos_csv_get_encoding_name (BosCsv         *csv);
gboolean    bos_csv_read_header      (BosCsv          *csv,
                                      const char * const *expected,
                                      GError         **error);
const char * const *bos_csv_read_any_header (BosCsv *csv,
                                      GError         **error);
const char * const *bos_csv_get_header (BosCsv        *csv);
gboolean    bos_csv_next_row         (BosCsv          *csv,
                                      GError         **error);
guint       bos_csv_get_line         (BosCsv          *csv);
guint       bos_csv_get_n_fields     (BosCsv          *csv);
const char *bos_csv_get_field        (BosCsv          *csv,
                                      guint            column);
gboolean    bos_csv_get_int          (BosCsv          *csv,
                                      guint            column,
                                      gboolean         allow_empty,
                                      gboolean        *is_empty,
                                      gint64          *value,
                                      GError         **error);
gboolean    bos_csv_get_double       (BosCsv          *csv,
                                      guint            column,
                                      gboolean         allow_empty,
                                      gboolean        *is_empty,
                                      double          *value,
                                      GError         **error);
gboolean    bos_csv_set_error        (BosCsv          *csv,
                                      GError         **error,
                                      int              column,
                                      const char      *format,
                                      ...) G_GNUC_PRINTF (4, 5);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (BosCsv, bos_csv_free)

G_END_DECLS
