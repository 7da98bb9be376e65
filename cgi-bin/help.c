/*
 * help — the help pages: Markdown files in the repository, rendered like
 * news (gr_markdown).
 *
 *   /help          templates/help/index.md
 *   /help/<page>   templates/help/<page>.md (<page>: a-z, 0-9 and "-")
 *
 * A file starts with its title, "# …" (the page's <h1> and title). Its
 * headings get anchors: "## Бюджет {#budget}" is <h2 id="budget">
 * (a heading without one gets "section-N"), and the level-2 ones make the
 * table of contents. Headings are written "#"-style (ATX), as the anchors
 * are given to the rendered headings in the order the source has them.
 * Every page ends with whom to ask: the operator's contacts from the
 * configuration (Operator.*) and the resource centres.
 */
#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "grant.h"

enum { MAX_FILE = 256 * 1024, MAX_HEADINGS = 100 };

/* 1 when name may be a help page's file name. */
static int page_name_ok(const char *name)
{
    size_t n = strlen(name);

    if (n == 0 || n > 40 || !strcmp(name, "index"))
        return 0;
    return strspn(name, "abcdefghijklmnopqrstuvwxyz0123456789-") == n;
}

/* templates/help/<name>.md into *text (malloc'd, caller frees). A file
 * that is not there is a 404. */
static NEOERR *read_page(const char *name, char **text)
{
    char path[1024];
    FILE *f;
    size_t n;

    *text = NULL;
    snprintf(path, sizeof path, "%s/help/%s.md", gf_cfg("Paths.Templates", "templates"), name);
    if (!(f = fopen(path, "rb"))) {
        if (errno == ENOENT)
            return nerr_raise(GF_ERR_NOTFOUND, "no help page %s", name);
        return nerr_raise_errno(NERR_IO, "open %s", path);
    }
    if (!(*text = malloc(MAX_FILE + 1))) {
        fclose(f);
        return nerr_raise(NERR_NOMEM, "help page");
    }
    n = fread(*text, 1, MAX_FILE, f);
    fclose(f);
    (*text)[n] = '\0';
    return STATUS_OK;
}

/* Takes the title ("# …" on the first line) and the headings' anchors out
 * of the source, in place: Help.Title, Help.Anchors.<i> (the id of the
 * i-th heading), Toc.<n>.{id,title} for the level-2 ones. Lines inside
 * fenced code are not headings. */
static void take_headings(gf_req *r, char *md)
{
    int fenced = 0, count = 0, toc = 0;

    for (char *line = md; line && *line;) {
        char *end = strchr(line, '\n'), *next = end ? end + 1 : NULL;
        size_t len = end ? (size_t)(end - line) : strlen(line);
        int level = 0;

        if (len && line[len - 1] == '\r')
            len--;
        if (!strncmp(line, "```", 3) || !strncmp(line, "~~~", 3))
            fenced = !fenced;
        while (!fenced && level < (int)len && level < 7 && line[level] == '#')
            level++;
        if (!fenced && level >= 1 && level <= 6 && (size_t)level < len && line[level] == ' ') {
            char id[64] = "", title[400];
            char *open = NULL;
            for (char *p = line; p + 1 < line + len; p++)
                if (p[0] == '{' && p[1] == '#')
                    open = p;
            if (open && line[len - 1] == '}') {
                size_t n = (size_t)(line + len - 1 - open - 2);
                snprintf(id, sizeof id, "%.*s", (int)(n < sizeof id ? n : sizeof id - 1), open + 2);
                memset(open, ' ', (size_t)(line + len - open));  /* the anchor off the heading */
                len = (size_t)(open - line);
            }
            while (len > (size_t)level && isspace((unsigned char)line[len - 1]))
                len--;
            snprintf(title, sizeof title, "%.*s", (int)(len - level - 1), line + level + 1);
            if (level == 1 && !hdf_get_value(r->hdf, "Help.Title", NULL)) {
                gf_set(r->hdf, "Help.Title", title);
                memset(line, ' ', end ? (size_t)(end - line) : strlen(line));  /* the template shows it */
            } else if (count < MAX_HEADINGS) {
                if (!id[0])
                    snprintf(id, sizeof id, "section-%d", count + 1);
                gf_setf(r->hdf, "Help.Anchors.%d=%s", count++, id);
                if (level == 2) {
                    gf_setf(r->hdf, "Toc.%d.id=%s", toc, id);
                    gf_setf(r->hdf, "Toc.%d.title=%s", toc++, title);
                }
            }
        }
        line = next;
    }
}

/* The rendered HTML with the anchors given to its headings, in order:
 * "<h2>" becomes "<h2 id=\"budget\">". Raw HTML never reaches the output
 * (gr_markdown), so every "<hN>" in it is a heading of the source. */
static NEOERR *anchor_headings(gf_req *r, const char *html)
{
    STRING out;
    int i = 0;
    NEOERR *err = STATUS_OK;

    string_init(&out);
    for (const char *p = html; *p && !err;) {
        if (p[0] == '<' && p[1] == 'h' && p[2] >= '1' && p[2] <= '6' && p[3] == '>') {
            char key[40];
            const char *id;
            snprintf(key, sizeof key, "Help.Anchors.%d", i++);
            id = hdf_get_value(r->hdf, key, NULL);
            err = id ? string_appendf(&out, "<h%c id=\"%s\">", p[2], id) : string_appendn(&out, p, 4);
            p += 4;
        } else {
            size_t n = strcspn(p + 1, "<") + 1;
            err = string_appendn(&out, p, (int)n);
            p += n;
        }
    }
    if (!err)
        gf_set(r->hdf, "Help.html", out.buf ? out.buf : "");
    string_clear(&out);
    return nerr_pass(err);
}

static NEOERR *show(gf_req *r, const char *name)
{
    static const char *const contacts[] = {"Name", "Address", "Phone", "Email", "Hours", NULL};
    char *md;
    NEOERR *err;

    if ((err = read_page(name, &md)))
        return nerr_pass(err);
    take_headings(r, md);
    /* anchors are ours: Latin letters, digits, "-" and "_" only */
    for (HDF *a = hdf_get_child(r->hdf, "Help.Anchors"); a; a = hdf_obj_next(a)) {
        const char *v = hdf_obj_value(a);
        if (!*v || strspn(v, "abcdefghijklmnopqrstuvwxyz0123456789-_") != strlen(v)) {
            free(md);
            return nerr_raise(NERR_ASSERT, "help %s: bad anchor \"%s\"", name, v);
        }
    }
    err = gr_markdown(md, r->hdf, "Help.Raw");
    free(md);
    if (err || (err = anchor_headings(r, hdf_get_value(r->hdf, "Help.Raw", ""))))
        return nerr_pass(err);
    for (int i = 0; contacts[i]; i++) {
        char key[40];
        snprintf(key, sizeof key, "Operator.%s", contacts[i]);
        gf_set(r->hdf, key, gf_cfg(key, ""));
    }
    gf_set(r->hdf, "Help.Page", name);
    gf_set(r->hdf, "Page.Title", hdf_get_value(r->hdf, "Help.Title", "Помощь"));
    gf_set(r->hdf, "Page.Nav", "help");
    r->page = "help.cs";
    return STATUS_OK;
}

static NEOERR *index_page(gf_req *r)
{
    return nerr_pass(show(r, "index"));
}

static NEOERR *page(gf_req *r)
{
    const char *name = r->path + strlen("/help/");

    if (!page_name_ok(name))
        return nerr_raise(GF_ERR_NOTFOUND, "help page name");
    return nerr_pass(show(r, name));
}

int main(int argc, char **argv)
{
    static const gf_route routes[] = {
        {"/help", index_page, NULL, 0, 0},
        {"/help/*", page, NULL, 0, 0},
        {NULL, NULL, NULL, 0, 0},
    };
    static const gf_program prog = {.name = "help", .db = GF_DB_READ, GR_ROLES,
                                    .roles = GF_PUBLIC, .public_cache = 1, .routes = routes};
    return gf_run(argc, argv, &prog);
}
