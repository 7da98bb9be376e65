/*
 * image.c — pictures people upload, made fit to publish with libvips: the
 * decoded pixels re-encoded as a new JPEG, turned upright by their EXIF
 * orientation and with no metadata kept (a phone's EXIF carries where the
 * photo was taken), never larger than the page needs. What the browser
 * gets was written by us, not by whoever made the upload.
 */
#include <stdio.h>
#include <string.h>
#include <vips/vips.h>
#include "gf.h"

/* libvips once per process: no operation cache (a long-running worker
 * would keep every decoded picture) and one thread (one request at a
 * time per process, and the cores are the web server's too). */
static NEOERR *vips_ready(void)
{
    static int ready;

    if (ready)
        return STATUS_OK;
    if (VIPS_INIT("grantfair"))
        return nerr_raise(NERR_SYSTEM, "libvips: %s", vips_error_buffer());
    vips_cache_set_max(0);
    vips_concurrency_set(1);
    ready = 1;
    return STATUS_OK;
}

NEOERR *gf_image_jpeg(const void *in, size_t len, long max_pixels, int side, int quality,
                      FILE *out, int *width, int *height)
{
    VipsImage *head = NULL, *img = NULL;
    void *buf = NULL;
    size_t blen = 0;
    NEOERR *err;

    if ((err = vips_ready()))
        return nerr_pass(err);
    /* the header alone first: a small file may claim a huge picture */
    if (!(head = vips_image_new_from_buffer(in, len, "", "access", VIPS_ACCESS_SEQUENTIAL, NULL))) {
        vips_error_clear();
        return nerr_raise(GF_ERR_BADREQ, "not a picture libvips reads");
    }
    if ((double)head->Xsize * head->Ysize > (double)max_pixels) {
        int w = head->Xsize, h = head->Ysize;
        g_object_unref(head);
        return nerr_raise(GF_ERR_BADREQ, "picture of %dx%d pixels", w, h);
    }
    g_object_unref(head);
    /* vips_thumbnail_buffer turns the picture upright (EXIF orientation)
     * and never enlarges it with VIPS_SIZE_DOWN */
    if (vips_thumbnail_buffer((void *)in, len, &img, side, "height", side, "size", VIPS_SIZE_DOWN,
                              NULL) ||
        vips_jpegsave_buffer(img, &buf, &blen, "Q", quality, "strip", TRUE,
                             "optimize_coding", TRUE, NULL)) {
        if (img)
            g_object_unref(img);
        vips_error_clear();
        return nerr_raise(GF_ERR_BADREQ, "libvips could not decode the picture");
    }
    *width = img->Xsize;
    *height = img->Ysize;
    g_object_unref(img);
    if (fwrite(buf, 1, blen, out) != blen || fflush(out))
        err = nerr_raise_errno(NERR_IO, "write picture");
    g_free(buf);
    return err;
}

NEOERR *gf_image_store(const void *in, size_t len, long max_pixels, int side, int quality,
                       char stored[44], int *width, int *height, long long *size)
{
    FILE *tmp = tmpfile();
    char sha[65];
    NEOERR *err;

    if (!tmp)
        return nerr_raise_errno(NERR_IO, "tmpfile");
    err = gf_image_jpeg(in, len, max_pixels, side, quality, tmp, width, height);
    if (!err)
        err = gf_file_store(tmp, stored, sha, size);
    fclose(tmp);
    return nerr_pass(err);
}
