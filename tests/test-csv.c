/* test-csv.c: the strict CSV reader
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>

#include "bos-csv.h"
#include "bos-error.h"

static BosCsv *
csv_from_string (const char      *text,
                 gssize           len,
                 char             separator,
                 BosCsvEncoding   encoding,
                 GError         **error)
{
  g_autoptr(GBytes) bytes = g_bytes_new (text, len < 0 ? strlen (text) : (gsize) len);

  return bos_csv_new_from_bytes (bytes, "test.csv", separator, encoding, error);
}

static void
test_quoted_fields (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BosCsv) csv = NULL;
  const char * const header[] = { "code", "name", "note", NULL };

  csv = csv_from_string ("code,name,note\r\n"
                         "0301,Oslo,\"capital, and \"\"largest\"\"\"\r\n"
                         "\n"
                         "3905,Tønsberg,\"two\nlines\"\n"
                         "5001,Trondheim,\n",
                         -1, ',', BOS_CSV_ENCODING_UTF8, &error);
  g_assert_no_error (error);
  g_assert_true (bos_csv_read_header (csv, header, &error));

  g_assert_true (bos_csv_next_row (csv, &error));
  g_assert_cmpuint (bos_csv_get_line (csv), ==, 2);
  g_assert_cmpstr (bos_csv_get_field (csv, 2), ==, "capital, and \"largest\"");

  /* The blank line is skipped; line numbers still count it. */
  g_assert_true (bos_csv_next_row (csv, &error));
  g_assert_cmpuint (bos_csv_get_line (csv), ==, 4);
  g_assert_cmpstr (bos_csv_get_field (csv, 1), ==, "Tønsberg");
  g_assert_cmpstr (bos_csv_get_field (csv, 2), ==, "two\nlines");

  g_assert_true (bos_csv_next_row (csv, &error));
  g_assert_cmpuint (bos_csv_get_line (csv), ==, 6);
  g_assert_cmpstr (bos_csv_get_field (csv, 2), ==, "");

  g_assert_false (bos_csv_next_row (csv, &error));
  g_assert_no_error (error);
}

static void
test_wrong_header (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BosCsv) csv = NULL;
  const char * const header[] = { "code", "name", NULL };

  csv = csv_from_string ("kode,navn\n0301,Oslo\n", -1, ',', BOS_CSV_ENCODING_UTF8, &error);
  g_assert_false (bos_csv_read_header (csv, header, &error));
  g_assert_error (error, BOS_ERROR, BOS_ERROR_PARSE);
  g_assert_cmpstr (error->message, ==,
                   "test.csv, line 1: the header is “kode,navn”, expected “code,name”");
}

static void
test_column_count (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BosCsv) csv = NULL;
  const char * const header[] = { "code", "name", NULL };

  csv = csv_from_string ("code,name\n0301,Oslo\n3905,Tønsberg,39\n", -1, ',',
                         BOS_CSV_ENCODING_UTF8, &error);
  g_assert_true (bos_csv_read_header (csv, header, &error));
  g_assert_true (bos_csv_next_row (csv, &error));
  g_assert_false (bos_csv_next_row (csv, &error));
  g_assert_error (error, BOS_ERROR, BOS_ERROR_PARSE);
  g_assert_cmpstr (error->message, ==, "test.csv, line 3: 3 fields, expected 2 (separated by “,”)");
}

static void
test_numbers (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BosCsv) csv = NULL;
  const char * const header[] = { "code", "persons", "share", NULL };
  gint64 persons;
  double share;
  gboolean empty;

  csv = csv_from_string ("code,persons,share\n0301, 42 ,0.5\n0301,,\n0301,12a,1,5\n", -1, ',',
                         BOS_CSV_ENCODING_UTF8, &error);
  g_assert_true (bos_csv_read_header (csv, header, &error));

  g_assert_true (bos_csv_next_row (csv, &error));
  g_assert_true (bos_csv_get_int (csv, 1, FALSE, &empty, &persons, &error));
  g_assert_cmpint (persons, ==, 42);
  g_assert_false (empty);
  g_assert_true (bos_csv_get_double (csv, 2, FALSE, NULL, &share, &error));
  g_assert_cmpfloat (share, ==, 0.5);

  g_assert_true (bos_csv_next_row (csv, &error));
  g_assert_true (bos_csv_get_int (csv, 1, TRUE, &empty, &persons, &error));
  g_assert_true (empty);
  g_assert_false (bos_csv_get_int (csv, 1, FALSE, NULL, &persons, &error));
  g_assert_error (error, BOS_ERROR, BOS_ERROR_PARSE);
  g_assert_cmpstr (error->message, ==,
                   "test.csv, line 3, field “persons”: a whole number is required, the field is empty");
  g_clear_error (&error);

  /* A decimal comma splits the row: caught as a column count error. */
  g_assert_false (bos_csv_next_row (csv, &error));
  g_assert_error (error, BOS_ERROR, BOS_ERROR_PARSE);
  g_clear_error (&error);
}

static void
test_not_a_number (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BosCsv) csv = NULL;
  const char * const header[] = { "code", "persons", NULL };
  gint64 persons;

  csv = csv_from_string ("code,persons\n0301,12a\n", -1, ',', BOS_CSV_ENCODING_UTF8, &error);
  g_assert_true (bos_csv_read_header (csv, header, &error));
  g_assert_true (bos_csv_next_row (csv, &error));
  g_assert_false (bos_csv_get_int (csv, 1, TRUE, NULL, &persons, &error));
  g_assert_cmpstr (error->message, ==, "test.csv, line 2, field “persons”: “12a” is not a whole number");
}

static void
test_encodings (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BosCsv) latin1 = NULL;
  g_autoptr(BosCsv) bom = NULL;
  g_autoptr(BosCsv) bad = NULL;
  g_autoptr(BosCsv) strict = NULL;
  const char * const header[] = { "År", "Kommune", NULL };

  /* "År;Kommune\n2020;Bærum\n" in ISO-8859-1 */
  latin1 = csv_from_string ("\xC5r;Kommune\n2020;B\xE6rum\n", -1, ';',
                            BOS_CSV_ENCODING_UTF8_OR_LATIN1, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (bos_csv_get_encoding_name (latin1), ==, "ISO-8859-1");
  g_assert_true (bos_csv_read_header (latin1, header, &error));
  g_assert_true (bos_csv_next_row (latin1, &error));
  g_assert_cmpstr (bos_csv_get_field (latin1, 1), ==, "Bærum");

  bom = csv_from_string ("\xEF\xBB\xBF" "År;Kommune\n2020;Bærum\n", -1, ';',
                         BOS_CSV_ENCODING_UTF8_OR_LATIN1, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (bos_csv_get_encoding_name (bom), ==, "UTF-8 with BOM");
  g_assert_true (bos_csv_read_header (bom, header, &error));
  g_assert_true (bos_csv_next_row (bom, &error));
  g_assert_cmpstr (bos_csv_get_field (bom, 1), ==, "Bærum");

  /* A Windows-1252 quote (0x93) is neither UTF-8 nor ISO-8859-1 text. */
  bad = csv_from_string ("\xC5r;Kommune\n2020;\x93" "B\xE6rum\x94\n", -1, ';',
                         BOS_CSV_ENCODING_UTF8_OR_LATIN1, &error);
  g_assert_null (bad);
  g_assert_error (error, BOS_ERROR, BOS_ERROR_ENCODING);
  g_assert_nonnull (strstr (error->message, "test.csv, line 2"));
  g_clear_error (&error);

  strict = csv_from_string ("code,name\n0301,B\xE6rum\n", -1, ',', BOS_CSV_ENCODING_UTF8, &error);
  g_assert_null (strict);
  g_assert_error (error, BOS_ERROR, BOS_ERROR_ENCODING);
  g_assert_nonnull (strstr (error->message, "line 2"));
  g_assert_nonnull (strstr (error->message, "not valid UTF-8"));
  g_clear_error (&error);

  strict = csv_from_string ("code\0name\n", 10, ',', BOS_CSV_ENCODING_UTF8, &error);
  g_assert_null (strict);
  g_assert_error (error, BOS_ERROR, BOS_ERROR_ENCODING);
}

static void
test_unclosed_quote (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BosCsv) csv = NULL;
  const char * const header[] = { "code", "name", NULL };

  csv = csv_from_string ("code,name\n0301,\"Oslo\n3905,Tønsberg\n", -1, ',',
                         BOS_CSV_ENCODING_UTF8, &error);
  g_assert_true (bos_csv_read_header (csv, header, &error));
  g_assert_false (bos_csv_next_row (csv, &error));
  g_assert_error (error, BOS_ERROR, BOS_ERROR_PARSE);
  g_assert_cmpstr (error->message, ==,
                   "test.csv, line 2, field “name”: a quoted field is not closed before the end of the file");
}

static void
test_empty_file (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BosCsv) csv = NULL;
  const char * const header[] = { "code", NULL };

  csv = csv_from_string ("", -1, ',', BOS_CSV_ENCODING_UTF8, &error);
  g_assert_false (bos_csv_read_header (csv, header, &error));
  g_assert_cmpstr (error->message, ==, "test.csv: the file is empty");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/csv/quoted-fields", test_quoted_fields);
  g_test_add_func ("/csv/wrong-header", test_wrong_header);
  g_test_add_func ("/csv/column-count", test_column_count);
  g_test_add_func ("/csv/numbers", test_numbers);
  g_test_add_func ("/csv/not-a-number", test_not_a_number);
  g_test_add_func ("/csv/encodings", test_encodings);
  g_test_add_func ("/csv/unclosed-quote", test_unclosed_quote);
  g_test_add_func ("/csv/empty-file", test_empty_file);

  return g_test_run ();
}
