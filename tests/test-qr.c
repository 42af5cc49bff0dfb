/* test-qr.c: the join address's QR code reads back as the address
 *
 * The code is drawn with cairo onto image surfaces as the room view and the
 * PDF draw it; its modules are read back from the pixels and compared with
 * libqrencode's, and, where zbar-tools is installed, zbarimg decodes the
 * picture back to the text.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "cr-qr.h"
#include "cr-test-util.h"

static const CrChartColor black = { 0, 0, 0, 1 };
static const CrChartColor white = { 1, 1, 1, 1 };

/* Draws @qr into a square image of @pixels, at @scale user units a pixel,
 * and returns it. */
static cairo_surface_t *
render (const CrQr *qr,
        int         pixels,
        double      scale,
        double      offset)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, pixels, pixels);
  cairo_t *cr = cairo_create (surface);

  cairo_set_source_rgb (cr, 0.5, 0.2, 0.2);
  cairo_paint (cr);
  cairo_scale (cr, scale, scale);
  cr_qr_draw (qr, cr, offset, offset, (pixels - 2 * offset * scale) / scale, &black, &white);
  cairo_destroy (cr);
  cairo_surface_flush (surface);
  return surface;
}

static gboolean
dark_at (cairo_surface_t *surface,
         double           x,
         double           y)
{
  const guint8 *data = cairo_image_surface_get_data (surface);
  int stride = cairo_image_surface_get_stride (surface);
  guint32 pixel = *(const guint32 *) (data + (int) y * stride + (int) x * 4);

  return (pixel & 0xff) < 0x80;
}

/* Reads every module back from the centre of its place in the picture. */
static void
assert_modules (const CrQr      *qr,
                cairo_surface_t *surface,
                double           x0,
                double           side)
{
  guint n = cr_qr_get_size (qr) + 2 * CR_QR_QUIET_ZONE;
  double module = side / n;

  for (guint row = 0; row < n; row++)
    for (guint col = 0; col < n; col++)
      {
        gboolean expected = FALSE;

        if (row >= CR_QR_QUIET_ZONE && col >= CR_QR_QUIET_ZONE &&
            row < n - CR_QR_QUIET_ZONE && col < n - CR_QR_QUIET_ZONE)
          expected = cr_qr_get_module (qr, col - CR_QR_QUIET_ZONE, row - CR_QR_QUIET_ZONE);
        g_assert_cmpint (dark_at (surface, x0 + (col + 0.5) * module, x0 + (row + 0.5) * module), ==, expected);
      }
}

/* What zbarimg reads from the picture, or NULL when it is not installed. */
static char *
zbar_decode (cairo_surface_t *surface)
{
  g_autofree char *dir = cr_test_make_tmpdir ();
  g_autofree char *png = g_build_filename (dir, "qr.png", NULL);

  g_assert_cmpint (cairo_surface_write_to_png (surface, png), ==, CAIRO_STATUS_SUCCESS);
  return cr_test_zbar_decode (png);
}

static void
test_reads_back (void)
{
  const char *urls[] = {
    "http://192.168.1.23:8765/j/0f3a9c2e7b1d4e5fa0b1c2d3e4f5a6b7",
    "http://10.0.0.5:49152/j/ffffffffffffffffffffffffffffffff",
    "http://172.16.254.1:8765/",
  };

  for (guint i = 0; i < G_N_ELEMENTS (urls); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(CrQr) qr = cr_qr_new (urls[i], &error);
      cairo_surface_t *surface;
      g_autofree char *read = NULL;
      guint n;

      g_assert_no_error (error);
      g_assert_cmpstr (cr_qr_get_text (qr), ==, urls[i]);
      n = cr_qr_get_size (qr);
      /* Versions 1 to 40 are 21 to 177 modules, 4 more a version. */
      g_assert_cmpuint (n, >=, 21);
      g_assert_cmpuint ((n - 17) % 4, ==, 0);
      /* The three finder patterns' corners are dark. */
      g_assert_true (cr_qr_get_module (qr, 0, 0));
      g_assert_true (cr_qr_get_module (qr, n - 1, 0));
      g_assert_true (cr_qr_get_module (qr, 0, n - 1));

      /* Whole pixels a module: every module where it belongs. */
      surface = render (qr, (n + 2 * CR_QR_QUIET_ZONE) * 6 + 20, 1.0, 10);
      assert_modules (qr, surface, 10, (n + 2 * CR_QR_QUIET_ZONE) * 6);
      read = zbar_decode (surface);
      if (read != NULL)
        g_assert_cmpstr (read, ==, urls[i]);
      else
        g_test_message ("zbarimg is not installed: the modules were compared only");
      cairo_surface_destroy (surface);
    }
}

/* A size that is not a whole number of pixels a module (a room view of any
 * size, scaled by the display) still gives sharp modules, centred. */
static void
test_snapped_to_pixels (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CrQr) qr = cr_qr_new ("http://192.168.1.23:8765/j/0f3a9c2e7b1d4e5fa0b1c2d3e4f5a6b7", &error);
  guint n = cr_qr_get_size (qr) + 2 * CR_QR_QUIET_ZONE;
  cairo_surface_t *surface = render (qr, 401, 2.0, 0);
  g_autofree char *read = NULL;
  int whole = 401 / n, margin = (401 - whole * n) / 2;
  const guint8 *data;
  int stride;

  assert_modules (qr, surface, margin, whole * n);
  /* Every pixel is black or white: no blurred edge. */
  data = cairo_image_surface_get_data (surface);
  stride = cairo_image_surface_get_stride (surface);
  for (int y = 0; y < 401; y++)
    for (int x = 0; x < 401; x++)
      {
        guint32 pixel = *(const guint32 *) (data + y * stride + x * 4) & 0xffffff;

        g_assert_true (pixel == 0 || pixel == 0xffffff);
      }
  read = zbar_decode (surface);
  if (read != NULL)
    g_assert_cmpstr (read, ==, cr_qr_get_text (qr));
  cairo_surface_destroy (surface);
}

static void
test_too_long (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *text = g_strnfill (8000, 'x');
  CrQr *qr = cr_qr_new (text, &error);

  g_assert_null (qr);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/qr/reads-back", test_reads_back);
  g_test_add_func ("/qr/snapped-to-pixels", test_snapped_to_pixels);
  g_test_add_func ("/qr/too-long", test_too_long);
  return g_test_run ();
}
