/* pager.c — the page links of a listing, as templates/macros.cs's pager()
 * shows them: the first and last page, two either side of the current one,
 * a gap (0) for what lies between. */
#include <stdio.h>
#include "gf.h"

long gf_pager_page(const char *param)
{
    long long p = gf_parse_id(param);

    return p >= 1 && p <= 1000000 ? (long)p : 1;
}

long long gf_pager(HDF *hdf, const char *base, long long total, long size, long *page)
{
    long pages = size > 0 ? (long)((total + size - 1) / size) : 0;
    char key[32];
    int n = 0;

    if (*page > pages)
        *page = pages > 0 ? pages : 1;
    if (*page < 1)
        *page = 1;
    gf_set(hdf, "Pager.Base", base);
    gf_set_int(hdf, "Pager.Page", (int)*page);
    gf_set_int(hdf, "Pager.Pages", (int)pages);
    gf_setf(hdf, "Pager.Total=%lld", total);
    for (long p = 1; p <= pages; p++) {
        if (p == 1 || p == pages || (p >= *page - 2 && p <= *page + 2)) {
            snprintf(key, sizeof key, "Pager.Links.%d", n++);
            gf_set_int(hdf, key, (int)p);
        } else {
            snprintf(key, sizeof key, "Pager.Links.%d", n++);
            gf_set_int(hdf, key, 0);
            p = p < *page ? *page - 3 : pages - 1;   /* jump over the gap */
        }
    }
    return (long long)(*page - 1) * size;
}
