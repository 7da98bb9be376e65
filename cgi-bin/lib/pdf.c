/*
 * pdf.c — printable documents as PDF, made in memory with cairo and pango.
 *
 * A document is a list of blocks (headings, paragraphs, tables) recorded
 * by the gf_pdf_* calls, laid out on A4 pages only at gf_pdf_end: twice,
 * because a page's foot says "page / pages" and a PDF page cannot be
 * changed once it is shown. The first pass draws nothing and counts the
 * pages; the second draws them into the caller's buffer.
 *
 * Pango lays the text out with a fontconfig font (any script the font
 * has); text is set as plain text, never as Pango markup, so whatever a
 * user typed is printed as typed. Fontconfig and pango keep process-wide
 * caches of fonts (intended: the next document is faster), released when
 * the process exits (release_fonts) so that leak checkers see a clean
 * exit; everything made for one document is freed by gf_pdf_end or
 * gf_pdf_free.
 */
#include <stdlib.h>
#include <string.h>
#include <cairo.h>
#include <cairo-pdf.h>
#include <pango/pangocairo.h>
#include <fontconfig/fontconfig.h>
#include "gf.h"

/* A4 in points, the margins, the foot and the type sizes. */
#define PAGE_W 595.28
#define PAGE_H 841.89
#define MARGIN_X 50.0
#define MARGIN_TOP 50.0
#define BODY_BOTTOM (PAGE_H - 62.0)
#define FOOT_Y (PAGE_H - 40.0)
#define BODY_W (PAGE_W - 2 * MARGIN_X)
#define CELL_PAD 3.0
#define SIZE_HEADING 14
#define SIZE_SUBHEADING 11.5
#define SIZE_TEXT 10
#define SIZE_TABLE 8.5
#define SIZE_FOOT 8
/* A heading closer than this to the foot starts the next page: it stays
 * with what follows it. */
#define KEEP_WITH_NEXT 70.0

enum op_kind { OP_HEADING, OP_SUBHEADING, OP_PARAGRAPH, OP_SPACE, OP_TABLE, OP_ROW, OP_TABLE_END };

typedef struct op {
    enum op_kind kind;
    int ncols;                       /* OP_TABLE, OP_ROW */
    int bold;                        /* OP_ROW: a total */
    double points;                   /* OP_SPACE */
    double widths[GF_PDF_MAX_COLS];  /* OP_TABLE: points */
    char align[GF_PDF_MAX_COLS];     /* OP_TABLE: 'l', 'r', 'c' */
    char *text[GF_PDF_MAX_COLS];     /* text (text[0]) or cells, malloc'd */
} op;

struct gf_pdf {
    char *font;                      /* fontconfig family */
    char *footer;                    /* left foot of every page, or NULL */
    op *ops;
    int n, cap;
    int table;                       /* while recording: the open table's index, or -1 */
};

/* Out of memory follows gf_must's policy (gf.h). */
static void *must_alloc(void *p)
{
    if (!p)
        gf_must(nerr_raise(NERR_NOMEM, "pdf document"));
    return p;
}

static char *copy(const char *s)
{
    return must_alloc(strdup(s ? s : ""));
}

static op *add(gf_pdf *p, enum op_kind kind)
{
    op *o;

    if (p->n == p->cap) {
        int cap = p->cap ? 2 * p->cap : 32;
        p->ops = must_alloc(realloc(p->ops, (size_t)cap * sizeof *p->ops));
        p->cap = cap;
    }
    o = &p->ops[p->n++];
    memset(o, 0, sizeof *o);
    o->kind = kind;
    return o;
}

gf_pdf *gf_pdf_begin(const char *font, const char *footer)
{
    gf_pdf *p = must_alloc(calloc(1, sizeof *p));

    p->table = -1;
    p->font = copy(font && *font ? font : "DejaVu Sans");
    p->footer = footer ? copy(footer) : NULL;
    return p;
}

void gf_pdf_heading(gf_pdf *p, const char *text)
{
    add(p, OP_HEADING)->text[0] = copy(text);
}

void gf_pdf_subheading(gf_pdf *p, const char *text)
{
    add(p, OP_SUBHEADING)->text[0] = copy(text);
}

void gf_pdf_paragraph(gf_pdf *p, const char *text)
{
    add(p, OP_PARAGRAPH)->text[0] = copy(text);
}

void gf_pdf_space(gf_pdf *p, double points)
{
    add(p, OP_SPACE)->points = points > 0 ? points : 0;
}

void gf_pdf_table(gf_pdf *p, int ncols, const double *widths, const char *align,
                  const char *const *header)
{
    double sum = 0;
    op *o;

    if (ncols < 1)
        ncols = 1;
    if (ncols > GF_PDF_MAX_COLS)
        ncols = GF_PDF_MAX_COLS;
    o = add(p, OP_TABLE);
    o->ncols = ncols;
    for (int i = 0; i < ncols; i++)
        sum += widths && widths[i] > 0 ? widths[i] : 1;
    for (int i = 0; i < ncols; i++) {
        o->widths[i] = BODY_W * (widths && widths[i] > 0 ? widths[i] : 1) / sum;
        o->align[i] = align && (align[i] == 'r' || align[i] == 'c') ? align[i] : 'l';
        o->text[i] = header ? copy(header[i]) : NULL;
    }
    p->table = p->n - 1;    /* an index: the array moves as it grows */
}

void gf_pdf_table_row(gf_pdf *p, const char *const *cells, int bold)
{
    int ncols = p->table >= 0 ? p->ops[p->table].ncols : 1;
    op *o = add(p, OP_ROW);

    o->ncols = ncols;
    o->bold = bold;
    for (int i = 0; i < ncols; i++)
        o->text[i] = copy(cells ? cells[i] : "");
}

void gf_pdf_table_end(gf_pdf *p)
{
    add(p, OP_TABLE_END);
    p->table = -1;
}

void gf_pdf_free(gf_pdf *p)
{
    if (!p)
        return;
    for (int i = 0; i < p->n; i++)
        for (int c = 0; c < GF_PDF_MAX_COLS; c++)
            free(p->ops[i].text[c]);
    free(p->ops);
    free(p->font);
    free(p->footer);
    free(p);
}

/* ---- layout -------------------------------------------------------------- */

/* One pass over the blocks. */
typedef struct {
    const gf_pdf *p;
    cairo_t *cr;
    PangoContext *pc;
    int draw;            /* 0: only count the pages */
    int page, pages;     /* the current page (1-based); the total (pass 2) */
    double y;            /* where the next block goes */
    const op *table;     /* the table being laid out: its header repeats */
    int table_rows;      /* rows of it on the current page */
} pass;

static PangoLayout *layout(pass *ps, const char *text, double size, int bold, double width,
                           PangoAlignment align, double max_height)
{
    PangoLayout *l = pango_layout_new(ps->pc);
    PangoFontDescription *fd = pango_font_description_from_string(ps->p->font);

    pango_font_description_set_size(fd, (gint)(size * PANGO_SCALE));
    pango_font_description_set_weight(fd, bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
    pango_layout_set_font_description(l, fd);
    pango_font_description_free(fd);
    pango_layout_set_width(l, (int)(width * PANGO_SCALE));
    pango_layout_set_wrap(l, PANGO_WRAP_WORD_CHAR);
    pango_layout_set_alignment(l, align);
    if (max_height > 0) {
        /* a cell taller than a page is cut short with "…", never split */
        pango_layout_set_height(l, (int)(max_height * PANGO_SCALE));
        pango_layout_set_ellipsize(l, PANGO_ELLIPSIZE_END);
    }
    pango_layout_set_text(l, text, -1);
    return l;
}

static void foot(pass *ps)
{
    char num[64];
    PangoLayout *l;

    if (!ps->draw)
        return;
    cairo_set_source_rgb(ps->cr, 0.3, 0.3, 0.3);
    if (ps->p->footer) {
        l = layout(ps, ps->p->footer, SIZE_FOOT, 0, BODY_W * 0.75, PANGO_ALIGN_LEFT, 0);
        cairo_move_to(ps->cr, MARGIN_X, FOOT_Y);
        pango_cairo_show_layout(ps->cr, l);
        g_object_unref(l);
    }
    snprintf(num, sizeof num, "%d / %d", ps->page, ps->pages);
    l = layout(ps, num, SIZE_FOOT, 0, BODY_W, PANGO_ALIGN_RIGHT, 0);
    cairo_move_to(ps->cr, MARGIN_X, FOOT_Y);
    pango_cairo_show_layout(ps->cr, l);
    g_object_unref(l);
    cairo_set_source_rgb(ps->cr, 0, 0, 0);
}

static void row(pass *ps, const op *t, char *const *cells, int bold, int header);

/* Ends the page and starts the next, under the open table's header. */
static void new_page(pass *ps)
{
    foot(ps);
    cairo_show_page(ps->cr);
    ps->page++;
    ps->y = MARGIN_TOP;
    if (ps->table) {
        row(ps, ps->table, ps->table->text, 1, 1);
        ps->table_rows = 0;
    }
}

/* A block of text, line by line: a long one goes on over the next pages. */
static void text_block(pass *ps, const char *text, double size, int bold, PangoAlignment align)
{
    PangoLayout *l = layout(ps, text, size, bold, BODY_W, align, 0);
    PangoLayoutIter *it = pango_layout_get_iter(l);

    do {
        PangoRectangle logical;
        double h, base;
        pango_layout_iter_get_line_extents(it, NULL, &logical);
        h = (double)logical.height / PANGO_SCALE;
        if (ps->y + h > BODY_BOTTOM && ps->y > MARGIN_TOP)
            new_page(ps);
        base = (double)(pango_layout_iter_get_baseline(it) - logical.y) / PANGO_SCALE;
        if (ps->draw) {
            cairo_move_to(ps->cr, MARGIN_X + (double)logical.x / PANGO_SCALE, ps->y + base);
            pango_cairo_show_layout_line(ps->cr, pango_layout_iter_get_line_readonly(it));
        }
        ps->y += h;
    } while (pango_layout_iter_next_line(it));
    pango_layout_iter_free(it);
    g_object_unref(l);
}

/* One row of table t: measured, moved to the next page when it does not
 * fit (the header row goes along with the first row under it), drawn. */
static void row(pass *ps, const op *t, char *const *cells, int bold, int header)
{
    PangoLayout *l[GF_PDF_MAX_COLS] = {0};
    /* the tallest a row may be: a page under the header row */
    double max_h = (BODY_BOTTOM - MARGIN_TOP) / 2, h = 0, x = MARGIN_X;

    for (int i = 0; i < t->ncols; i++) {
        int w, hh;
        PangoAlignment a = t->align[i] == 'r' ? PANGO_ALIGN_RIGHT
                           : t->align[i] == 'c' ? PANGO_ALIGN_CENTER : PANGO_ALIGN_LEFT;
        l[i] = layout(ps, cells[i] ? cells[i] : "", SIZE_TABLE, bold, t->widths[i] - 2 * CELL_PAD,
                      a, max_h - 2 * CELL_PAD);
        pango_layout_get_size(l[i], &w, &hh);
        if ((double)hh / PANGO_SCALE > h)
            h = (double)hh / PANGO_SCALE;
    }
    h += 2 * CELL_PAD;
    if (!header && ps->y + h > BODY_BOTTOM && (ps->table_rows > 0 || ps->y > MARGIN_TOP))
        new_page(ps);
    if (ps->draw) {
        for (int i = 0; i < t->ncols; i++) {
            cairo_rectangle(ps->cr, x, ps->y, t->widths[i], h);
            if (header) {
                cairo_set_source_rgb(ps->cr, 0.9, 0.9, 0.9);
                cairo_fill_preserve(ps->cr);
                cairo_set_source_rgb(ps->cr, 0, 0, 0);
            }
            cairo_set_line_width(ps->cr, 0.5);
            cairo_stroke(ps->cr);
            cairo_move_to(ps->cr, x + CELL_PAD, ps->y + CELL_PAD);
            pango_cairo_show_layout(ps->cr, l[i]);
            x += t->widths[i];
        }
    }
    for (int i = 0; i < t->ncols; i++)
        g_object_unref(l[i]);
    ps->y += h;
    if (!header)
        ps->table_rows++;
}

/* Room for the header row and one row of a new table, else the next page. */
static void table_start(pass *ps, const op *t)
{
    if (ps->y + 2 * (SIZE_TABLE * 1.6 + 2 * CELL_PAD) > BODY_BOTTOM && ps->y > MARGIN_TOP)
        new_page(ps);
    ps->table = t;
    ps->table_rows = 0;
    row(ps, t, t->text, 1, 1);
}

static void run(pass *ps)
{
    for (int i = 0; i < ps->p->n; i++) {
        const op *o = &ps->p->ops[i];
        switch (o->kind) {
        case OP_HEADING:
        case OP_SUBHEADING:
            if (ps->y + KEEP_WITH_NEXT > BODY_BOTTOM && ps->y > MARGIN_TOP)
                new_page(ps);
            if (ps->y > MARGIN_TOP)
                ps->y += o->kind == OP_HEADING ? 10 : 8;
            text_block(ps, o->text[0], o->kind == OP_HEADING ? SIZE_HEADING : SIZE_SUBHEADING, 1,
                       o->kind == OP_HEADING ? PANGO_ALIGN_CENTER : PANGO_ALIGN_LEFT);
            ps->y += 6;
            break;
        case OP_PARAGRAPH:
            text_block(ps, o->text[0], SIZE_TEXT, 0, PANGO_ALIGN_LEFT);
            ps->y += 4;
            break;
        case OP_SPACE:
            ps->y += o->points;
            if (ps->y > BODY_BOTTOM)
                new_page(ps);
            break;
        case OP_TABLE:
            table_start(ps, o);
            break;
        case OP_ROW:
            if (ps->table)
                row(ps, ps->table, o->text, o->bold, 0);
            break;
        case OP_TABLE_END:
            ps->table = NULL;
            ps->y += 8;
            break;
        }
    }
    foot(ps);
}

/* The PDF's bytes as cairo writes them. */
typedef struct { char *data; size_t len, cap; } sink;

static cairo_status_t sink_write(void *closure, const unsigned char *data, unsigned int len)
{
    sink *s = closure;

    if (s->len + len + 1 > s->cap) {
        size_t cap = s->cap ? s->cap : 65536;
        char *d;
        while (s->len + len + 1 > cap)
            cap *= 2;
        if (!(d = realloc(s->data, cap)))
            return CAIRO_STATUS_WRITE_ERROR;
        s->data = d;
        s->cap = cap;
    }
    memcpy(s->data + s->len, data, len);
    s->len += len;
    return CAIRO_STATUS_SUCCESS;
}

/* One pass: into out (NULL: nowhere, only counting); *pages gets the count. */
static NEOERR *lay_out(const gf_pdf *p, sink *out, int total, int *pages)
{
    cairo_surface_t *surface;
    cairo_font_options_t *fo;
    cairo_status_t st;
    pass ps = {.p = p, .draw = out != NULL, .page = 1, .pages = total, .y = MARGIN_TOP};

    surface = cairo_pdf_surface_create_for_stream(out ? sink_write : NULL, out, PAGE_W, PAGE_H);
    ps.cr = cairo_create(surface);
    ps.pc = pango_cairo_create_context(ps.cr);
    /* sizes in points (the PDF's unit), and metrics that do not depend on
     * a device: both passes measure alike */
    pango_cairo_context_set_resolution(ps.pc, 72);
    fo = cairo_font_options_create();
    cairo_font_options_set_hint_metrics(fo, CAIRO_HINT_METRICS_OFF);
    cairo_font_options_set_hint_style(fo, CAIRO_HINT_STYLE_NONE);
    pango_cairo_context_set_font_options(ps.pc, fo);
    cairo_font_options_destroy(fo);
    cairo_set_source_rgb(ps.cr, 0, 0, 0);

    run(&ps);

    st = cairo_status(ps.cr);
    g_object_unref(ps.pc);
    cairo_destroy(ps.cr);
    cairo_surface_finish(surface);
    if (st == CAIRO_STATUS_SUCCESS)
        st = cairo_surface_status(surface);
    cairo_surface_destroy(surface);
    *pages = ps.page;
    if (st != CAIRO_STATUS_SUCCESS)
        return nerr_raise(NERR_SYSTEM, "pdf: %s", cairo_status_to_string(st));
    return STATUS_OK;
}

/* At exit: the font caches of pango, cairo and fontconfig, which hold
 * what they found for the process's documents. */
static void release_fonts(void)
{
    pango_cairo_font_map_set_default(NULL);
    cairo_debug_reset_static_data();
    FcFini();
}

NEOERR *gf_pdf_end(gf_pdf *p, char **data, size_t *len, int *pages)
{
    static int registered;
    sink out = {0};
    int counted = 0, drawn = 0;
    NEOERR *err;

    if (!registered)
        registered = atexit(release_fonts) == 0;
    *data = NULL;
    *len = 0;
    if (!(err = lay_out(p, NULL, 0, &counted)) && !(err = lay_out(p, &out, counted, &drawn)) &&
        (drawn != counted || !out.data))
        err = nerr_raise(NERR_ASSERT, "pdf: %d pages counted, %d drawn", counted, drawn);
    gf_pdf_free(p);
    if (err) {
        free(out.data);
        return nerr_pass(err);
    }
    out.data[out.len] = '\0';
    *data = out.data;
    *len = out.len;
    if (pages)
        *pages = drawn;
    return STATUS_OK;
}
