/* test_pdf.c — printable documents (pdf.c): a PDF comes out, long tables
 * go on over pages, the page count is the document's own. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "suites.h"
#include "gf.h"

/* The page count the PDF itself declares (cairo writes the page tree's
 * /Count uncompressed). */
static int declared_pages(const char *pdf, size_t len)
{
    const char *end = pdf + len, *best = NULL;

    for (const char *p = pdf; p && p < end; p = memmem(p + 1, (size_t)(end - p - 1), "/Count ", 7))
        if (!strncmp(p, "/Count ", 7))
            best = p;
    return best ? atoi(best + 7) : -1;
}

static char *table_doc(int rows, size_t *len, int *pages)
{
    static const double widths[] = {1, 2, 6, 2};
    static const char *const header[] = {"Место", "Номер", "Проект", "Балл"};
    gf_pdf *p = gf_pdf_begin(NULL, "Протокол № 1");
    char *data = NULL;

    gf_pdf_heading(p, "Протокол заседания");
    gf_pdf_paragraph(p, "Первая строка\nвторая строка");
    gf_pdf_table(p, 4, widths, "lllr", header);
    for (int i = 0; i < rows; i++) {
        char place[16], title[200];
        const char *cells[4];
        snprintf(place, sizeof place, "%d", i + 1);
        snprintf(title, sizeof title, "Проект номер %d с довольно длинным названием, "
                 "которое переносится на вторую строку ячейки таблицы", i + 1);
        cells[0] = place, cells[1] = "Z-1", cells[2] = title, cells[3] = "87,5";
        gf_pdf_table_row(p, cells, 0);
    }
    gf_pdf_table_end(p);
    gf_pdf_paragraph(p, "Председатель ____________");
    ck_assert_ptr_null(gf_pdf_end(p, &data, len, pages));
    return data;
}

START_TEST(short_document_is_one_page)
{
    size_t len = 0;
    int pages = 0;
    char *pdf = table_doc(3, &len, &pages);

    ck_assert(len > 100);
    ck_assert(!memcmp(pdf, "%PDF-", 5));
    ck_assert_int_eq(pages, 1);
    ck_assert_int_eq(declared_pages(pdf, len), 1);
    free(pdf);
}
END_TEST

START_TEST(long_table_goes_on_over_pages)
{
    size_t len = 0;
    int pages = 0, fewer = 0;
    char *pdf = table_doc(150, &len, &pages), *half;

    ck_assert(pages > 3);
    ck_assert_int_eq(declared_pages(pdf, len), pages);
    free(pdf);
    half = table_doc(75, &len, &fewer);
    ck_assert(fewer < pages && fewer > 1);
    free(half);
}
END_TEST

START_TEST(huge_cell_and_markup_are_harmless)
{
    static const char *const header[] = {"a", "b"};
    gf_pdf *p = gf_pdf_begin("DejaVu Sans", NULL);
    char *big = malloc(60001), *data = NULL;
    const char *cells[2];
    size_t len = 0;
    int pages = 0;

    for (int i = 0; i < 60000; i++)
        big[i] = i % 7 ? 'x' : ' ';
    big[60000] = '\0';
    gf_pdf_table(p, 2, NULL, NULL, header);
    cells[0] = "<b>not markup</b> & <span", cells[1] = big;
    gf_pdf_table_row(p, cells, 1);
    gf_pdf_table_end(p);
    gf_pdf_paragraph(p, big);     /* a paragraph is not cut: it flows on */
    free(big);
    ck_assert_ptr_null(gf_pdf_end(p, &data, &len, &pages));
    ck_assert(pages >= 3);
    ck_assert_int_eq(declared_pages(data, len), pages);
    free(data);
}
END_TEST

START_TEST(free_without_layout)
{
    gf_pdf *p = gf_pdf_begin(NULL, NULL);

    gf_pdf_paragraph(p, "x");
    gf_pdf_free(p);
    gf_pdf_free(NULL);
}
END_TEST

Suite *pdf_suite(void)
{
    Suite *s = suite_create("pdf");
    TCase *tc = tcase_create("pdf");

    tcase_set_timeout(tc, 60);
    tcase_add_test(tc, short_document_is_one_page);
    tcase_add_test(tc, long_table_goes_on_over_pages);
    tcase_add_test(tc, huge_cell_and_markup_are_harmless);
    tcase_add_test(tc, free_without_layout);
    suite_add_tcase(s, tc);
    return s;
}
