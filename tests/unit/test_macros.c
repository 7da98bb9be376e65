/*
 * test_macros.c — golden-output tests for templates/macros.cs.
 *
 * Every def: in macros.cs is called with representative arguments (and with
 * hostile text, to prove escaping) through gf_render, and the output is
 * compared byte for byte with tests/unit/golden/<macro>.gold. A golden file
 * holds one block per case: "== <case>: <call>\n<output>\n".
 *
 * Paths are relative to the checkout root (make and tests/run.sh run the
 * tests from there). To regenerate the golden files after an intended change
 * of markup, run
 *     GF_GOLDEN_UPDATE=1 build/unit-tests
 * then read the diff (git diff tests/unit/golden) before committing.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "suites.h"
#include "gf.h"

#define MACROS_CS "templates/macros.cs"
#define GOLDEN_DIR "tests/unit/golden"
#define HOSTILE "<script>\"'&"

struct mcase {
    const char *macro;  /* the def: called */
    const char *label;  /* what the case shows */
    const char *hdf;    /* request data, HDF syntax */
    const char *call;   /* the ClearSilver call, as templates write it */
};

static const struct mcase cases[] = {
    { "csrf_field", "token", "CSRF = 4f2c9a0b1d", "csrf_field()" },
    { "csrf_field", "hostile token", "CSRF = " HOSTILE, "csrf_field()" },

    { "field_error", "no error", "", "field_error(\"email\")" },
    { "field_error", "error", "Form.Error.email = Укажите адрес электронной почты.",
      "field_error(\"email\")" },
    { "field_error", "hostile error", "Form.Error.email = " HOSTILE, "field_error(\"email\")" },

    { "error_attrs", "no error", "", "error_attrs(\"password\")" },
    { "error_attrs", "error", "Form.Error.password = Не короче 10 символов.",
      "error_attrs(\"password\")" },

    { "exhibit_badge", "winner", "P.exhibit = winner", "exhibit_badge(P.exhibit)" },
    { "exhibit_badge", "completed", "P.exhibit = completed", "exhibit_badge(P.exhibit)" },
    { "exhibit_badge", "applicant", "P.exhibit = applicant", "exhibit_badge(P.exhibit)" },
    { "exhibit_badge", "hostile status", "P.exhibit = " HOSTILE, "exhibit_badge(P.exhibit)" },

    { "stage_name", "announced", "C.stage = announced", "stage_name(C.stage)" },
    { "stage_name", "intake", "C.stage = intake", "stage_name(C.stage)" },
    { "stage_name", "review", "C.stage = review", "stage_name(C.stage)" },
    { "stage_name", "commission", "C.stage = commission", "stage_name(C.stage)" },
    { "stage_name", "results", "C.stage = results", "stage_name(C.stage)" },
    { "stage_name", "reporting", "C.stage = reporting", "stage_name(C.stage)" },
    { "stage_name", "closed", "C.stage = closed", "stage_name(C.stage)" },
    { "stage_name", "draft", "C.stage = draft", "stage_name(C.stage)" },
    { "stage_name", "hostile stage", "C.stage = " HOSTILE, "stage_name(C.stage)" },

    { "app_status", "draft", "App.status = draft", "app_status(App.status)" },
    { "app_status", "submitted", "App.status = submitted", "app_status(App.status)" },
    { "app_status", "returned", "App.status = returned", "app_status(App.status)" },
    { "app_status", "admitted", "App.status = admitted", "app_status(App.status)" },
    { "app_status", "rejected", "App.status = rejected", "app_status(App.status)" },
    { "app_status", "scored", "App.status = scored", "app_status(App.status)" },
    { "app_status", "winner", "App.status = winner", "app_status(App.status)" },
    { "app_status", "not_winner", "App.status = not_winner", "app_status(App.status)" },
    { "app_status", "in_progress", "App.status = in_progress", "app_status(App.status)" },
    { "app_status", "completed", "App.status = completed", "app_status(App.status)" },
    { "app_status", "withdrawn", "App.status = withdrawn", "app_status(App.status)" },
    { "app_status", "unknown status shown escaped", "App.status = " HOSTILE,
      "app_status(App.status)" },

    { "pager", "one page: nothing", "Pager.Page = 1\nPager.Pages = 1\nPager.Base = /projects?\n"
      "Pager.Links.0 = 1", "pager()" },
    { "pager", "first of many, with a gap",
      "Pager.Page = 1\nPager.Pages = 40\nPager.Base = /projects?municipality=5&\n"
      "Pager.Links.0 = 1\nPager.Links.1 = 2\nPager.Links.2 = 3\nPager.Links.3 = 0\n"
      "Pager.Links.4 = 40", "pager()" },
    { "pager", "middle",
      "Pager.Page = 3\nPager.Pages = 5\nPager.Base = /projects?\n"
      "Pager.Links.0 = 1\nPager.Links.1 = 2\nPager.Links.2 = 3\nPager.Links.3 = 4\n"
      "Pager.Links.4 = 5", "pager()" },
    { "pager", "last",
      "Pager.Page = 5\nPager.Pages = 5\nPager.Base = /projects?\n"
      "Pager.Links.0 = 1\nPager.Links.1 = 0\nPager.Links.2 = 4\nPager.Links.3 = 5", "pager()" },
    { "pager", "hostile base",
      "Pager.Page = 2\nPager.Pages = 3\nPager.Base = /projects?q=\"><script>'&\n"
      "Pager.Links.0 = 1\nPager.Links.1 = 2\nPager.Links.2 = 3", "pager()" },

    { "text_field", "optional, empty, no hint", "",
      "text_field(\"phone\", \"Телефон\", \"tel\", 40, 0, \"\")" },
    { "text_field", "required, with hint and value", "Query.inn = 2310000000",
      "text_field(\"inn\", \"ИНН\", \"text\", 10, 1, \"10 цифр\")" },
    { "text_field", "error and hint", "Query.inn = 123\nForm.Error.inn = ИНН — 10 цифр.",
      "text_field(\"inn\", \"ИНН\", \"text\", 10, 1, \"10 цифр\")" },
    { "text_field", "error without hint", "Form.Error.email = Заполните это поле.",
      "text_field(\"email\", \"Электронная почта\", \"email\", 254, 1, \"\")" },
    { "text_field", "hostile value, label, hint and error",
      "Query.name = " HOSTILE "\nForm.Error.name = " HOSTILE "\nT.label = " HOSTILE
      "\nT.hint = " HOSTILE, "text_field(\"name\", T.label, \"text\", 200, 1, T.hint)" },

    { "text_field", "a form that counts: data-max, never maxlength",
      "Form.Counters = 1\nQuery.title = Школа юных экологов",
      "text_field(\"title\", \"Название проекта\", \"text\", 300, 1, \"\")" },
    { "text_field", "a date that is not one comes back in a text input",
      "Form.Counters = 1\nQuery.starts_on = 31.02.2027\nForm.Error.starts_on = Дата в формате дд.мм.гггг.",
      "text_field(\"starts_on\", \"Дата начала\", \"date\", 10, 1, \"\")" },
    { "text_field", "read-only: the value as text, a date as people read it",
      "Form.ReadOnly = 1\nQuery.starts_on = 2027-02-01",
      "text_field(\"starts_on\", \"Дата начала\", \"date\", 10, 1, \"Подсказка\")" },
    { "text_field", "read-only, empty, hostile label", "Form.ReadOnly = 1\nT.label = " HOSTILE,
      "text_field(\"title\", T.label, \"text\", 300, 1, \"\")" },

    { "input_type", "a date", "V = 2027-02-01", "input_type(\"date\", V)" },
    { "input_type", "an empty date", "V = ", "input_type(\"date\", V)" },
    { "input_type", "a date typed that is not one", "V = 1.2.2027x", "input_type(\"date\", V)" },
    { "input_type", "text stays text", "V = 31.02.2027", "input_type(\"text\", V)" },
    { "input_type", "hostile type", "V = x\nT = " HOSTILE, "input_type(T, V)" },

    { "length_attr", "plain form: maxlength", "", "length_attr(\"text\", 200)" },
    { "length_attr", "plain form, a date: maxlength", "", "length_attr(\"date\", 10)" },
    { "length_attr", "counting form: data-max", "Form.Counters = 1", "length_attr(\"text\", 200)" },
    { "length_attr", "counting form, a date: nothing", "Form.Counters = 1", "length_attr(\"date\", 10)" },
    { "length_attr", "no limit: nothing", "Form.Counters = 1", "length_attr(\"text\", \"\")" },

    { "value_text", "text", "V = Бухгалтер", "value_text(\"text\", V)" },
    { "value_text", "a date", "V = 2027-12-31", "value_text(\"date\", V)" },
    { "value_text", "not a date, hostile", "V = " HOSTILE, "value_text(\"date\", V)" },
    { "value_text", "nothing", "V = ", "value_text(\"text\", V)" },

    { "row_input", "editable, with value",
      "Form.Counters = 1\nQuery.m.0.name = Иванова Ольга Петровна\nN = 0",
      "row_input(\"m\", N, \"name\", \"ФИО\", \"text\", 200)" },
    { "row_input", "editable, with error",
      "Form.Counters = 1\nQuery.e.1.ends_on = 2099-01-01\nForm.Error.e.1.ends_on = Мероприятие — в сроки проекта.\nN = 1",
      "row_input(\"e\", N, \"ends_on\", \"Окончание\", \"date\", \"\")" },
    { "row_input", "a date that is not one, kept as typed",
      "Form.Counters = 1\nQuery.e.0.starts_on = 32.01.2027\nForm.Error.e.0.starts_on = Дата в формате дд.мм.гггг.\nN = 0",
      "row_input(\"e\", N, \"starts_on\", \"Начало\", \"date\", \"\")" },
    { "row_input", "read-only", "Form.ReadOnly = 1\nQuery.m.2.role = Бухгалтер\nN = 2",
      "row_input(\"m\", N, \"role\", \"Роль в проекте\", \"text\", 200)" },
    { "row_input", "read-only date", "Form.ReadOnly = 1\nQuery.e.0.ends_on = 2027-05-31\nN = 0",
      "row_input(\"e\", N, \"ends_on\", \"Окончание\", \"date\", \"\")" },
    { "row_input", "hostile value, label and error",
      "Form.Counters = 1\nQuery.m.0.name = " HOSTILE "\nForm.Error.m.0.name = " HOSTILE
      "\nT.label = " HOSTILE "\nN = 0", "row_input(\"m\", N, \"name\", T.label, \"text\", 200)" },
    { "row_input", "read-only hostile value", "Form.ReadOnly = 1\nQuery.m.0.name = " HOSTILE "\nN = 0",
      "row_input(\"m\", N, \"name\", \"ФИО\", \"text\", 200)" },

    { "row_delete", "a stored row", "Form.Rows = 3\nN = 1", "row_delete(\"b\", N)" },
    { "row_delete", "a new blank row: nothing to delete", "Form.Rows = 3\nN = 3", "row_delete(\"b\", N)" },
    { "row_delete", "read-only: nothing", "Form.Rows = 3\nForm.ReadOnly = 1\nN = 0", "row_delete(\"b\", N)" },

    { "rows_full", "room left: nothing", "Form.Rows = 3\nForm.NewRows = 2", "rows_full()" },
    { "rows_full", "at the cap", "Form.Rows = 100\nForm.NewRows = 0", "rows_full()" },
    { "rows_full", "read-only: nothing", "Form.Rows = 100\nForm.NewRows = 0\nForm.ReadOnly = 1", "rows_full()" },

    { "area_field", "editable, required, with hint and value",
      "Form.Counters = 1\nQuery.problem << EOM\nВ сельских школах нет кружков.\nДети мало знают о крае.\nEOM\n",
      "area_field(\"problem\", \"Проблема\", 6, 5000, 1, \"Не длиннее 5000 символов\")" },
    { "area_field", "editable, optional, with error",
      "Form.Counters = 1\nForm.Error.geography = Не длиннее 1000 символов (сейчас 1200).",
      "area_field(\"geography\", \"География\", 3, 1000, 0, \"\")" },
    { "area_field", "read-only", "Form.ReadOnly = 1\nQuery.goal = Создать кружок.",
      "area_field(\"goal\", \"Цель\", 3, 1000, 1, \"\")" },
    { "area_field", "hostile value, label, hint and error",
      "Form.Counters = 1\nQuery.goal = </textarea>" HOSTILE "\nForm.Error.goal = " HOSTILE
      "\nT.label = " HOSTILE "\nT.hint = " HOSTILE,
      "area_field(\"goal\", T.label, 3, 1000, 1, T.hint)" },
    { "area_field", "read-only hostile value", "Form.ReadOnly = 1\nQuery.goal = </div>" HOSTILE,
      "area_field(\"goal\", \"Цель\", 3, 1000, 1, \"\")" },

    { "select_field", "required, one selected",
      "Query.municipality = 5\nL.0.id = 1\nL.0.name = Армавир\nL.1.id = 5\nL.1.name = Краснодар\n"
      "L.2.id = 7\nL.2.name = Сочи", "select_field(\"municipality\", \"Муниципальное образование\", L, 1, \"Выберите\")" },
    { "select_field", "optional, nothing selected",
      "L.0.id = 1\nL.0.name = Армавир\nL.1.id = 5\nL.1.name = Краснодар",
      "select_field(\"municipality\", \"Муниципальное образование\", L, 0, \"Не указано\")" },
    { "select_field", "with error",
      "Query.direction = 999\nForm.Error.direction = Выберите направление из списка конкурса.\n"
      "L.0.id = 3\nL.0.name = Экология", "select_field(\"direction\", \"Направление\", L, 1, \"Выберите\")" },
    { "select_field", "hostile option, label and empty text",
      "Query.direction = 1\nL.0.id = " HOSTILE "\nL.0.name = " HOSTILE "\nL.1.id = 1\nL.1.name = " HOSTILE
      "\nT.label = " HOSTILE "\nT.empty = " HOSTILE,
      "select_field(\"direction\", T.label, L, 1, T.empty)" },
    { "select_field", "read-only: the chosen name",
      "Form.ReadOnly = 1\nQuery.municipality = 5\nL.0.id = 1\nL.0.name = Армавир\nL.1.id = 5\nL.1.name = Краснодар",
      "select_field(\"municipality\", \"Муниципальное образование\", L, 1, \"Выберите\")" },
    { "select_field", "read-only, nothing chosen",
      "Form.ReadOnly = 1\nL.0.id = 1\nL.0.name = Армавир", "select_field(\"municipality\", \"МО\", L, 1, \"\")" },

    { "section_form", "editable, with autosave",
      "App.id = 42\nCSRF = 4f2c9a0b1d\nSection.card.version = 3", "section_form(\"card\", 1)" },
    { "section_form", "editable, no autosave, first save",
      "App.id = 42\nCSRF = 4f2c9a0b1d", "section_form(\"consent\", 0)" },
    { "section_form", "read-only", "App.id = 42\nForm.ReadOnly = 1", "section_form(\"card\", 1)" },
    { "section_form_end", "editable", "", "section_form_end(\"Сохранить\")" },
    { "section_form_end", "read-only", "Form.ReadOnly = 1", "section_form_end(\"Сохранить\")" },

    { "readonly_notice", "editable: nothing", "App.mine = 1\nApp.status = draft", "readonly_notice()" },
    { "readonly_notice", "submitted while intake is open",
      "Form.ReadOnly = 1\nApp.mine = 1\nApp.id = 42\nApp.status = submitted\nApp.intake_open = 1\n"
      "App.closes_ts = 1795897800", "readonly_notice()" },
    { "readonly_notice", "submitted, intake closed",
      "Form.ReadOnly = 1\nApp.mine = 1\nApp.status = submitted\nApp.intake_open = 0", "readonly_notice()" },
    { "readonly_notice", "returned, overdue",
      "Form.ReadOnly = 1\nApp.mine = 1\nApp.status = returned\nApp.return_due_ts = 1795897800",
      "readonly_notice()" },
    { "readonly_notice", "a draft after intake",
      "Form.ReadOnly = 1\nApp.mine = 1\nApp.status = draft", "readonly_notice()" },
    { "readonly_notice", "admitted", "Form.ReadOnly = 1\nApp.mine = 1\nApp.status = admitted",
      "readonly_notice()" },
    { "readonly_notice", "staff reading", "Form.ReadOnly = 1\nApp.mine = 0\nApp.status = submitted",
      "readonly_notice()" },
};
#define NCASES (int)(sizeof cases / sizeof cases[0])

/* The distinct macro names of cases[], in order of first appearance. */
static const char *macro_names[NCASES];
static int nmacros;

static void collect_macros(void)
{
    if (nmacros)
        return;
    for (int i = 0; i < NCASES; i++) {
        int seen = 0;
        for (int j = 0; j < nmacros; j++)
            seen |= !strcmp(macro_names[j], cases[i].macro);
        if (!seen)
            macro_names[nmacros++] = cases[i].macro;
    }
}

static char *load(const char *path)
{
    char *s = NULL;
    NEOERR *err = ne_load_file(path, &s);

    if (err) {
        nerr_ignore(&err);
        return NULL;
    }
    return s;
}

/* One template for every case: macros.cs, then "if:Case == i" blocks, so the
 * renderer's per-name template cache holds a single entry. */
static char *dispatch_template(void)
{
    char *macros = load(MACROS_CS);
    STRING t;
    char *res;

    ck_assert_msg(macros != NULL, "cannot read %s (run from the checkout root)", MACROS_CS);
    string_init(&t);
    string_append(&t, macros);
    for (int i = 0; i < NCASES; i++)
        string_appendf(&t, "<?cs if:Case == %d ?>@@BEGIN@@<?cs call:%s ?>@@END@@<?cs /if ?>",
                       i, cases[i].call);
    free(macros);
    res = strdup(t.buf);
    string_clear(&t);
    return res;
}

/* Renders case i through gf_render; returns the macro's output (caller frees). */
static char *render_case(int i)
{
    static const char name[] = "golden-macros.cs";
    char dir[] = "/tmp/gf-golden-XXXXXX", path[128];
    char *text, *res, *b, *e;
    FILE *f;
    HDF *h;
    STRING out;
    NEOERR *err;

    ck_assert_ptr_nonnull(mkdtemp(dir));
    snprintf(path, sizeof path, "%s/%s", dir, name);
    text = dispatch_template();
    ck_assert_ptr_nonnull(f = fopen(path, "w"));
    fputs(text, f);
    fclose(f);
    free(text);
    if (!gf_conf)
        ck_assert_ptr_null(hdf_init(&gf_conf));
    hdf_set_value(gf_conf, "Paths.Templates", dir);
    ck_assert_ptr_null(hdf_init(&h));
    err = hdf_read_string(h, cases[i].hdf);
    ck_assert_msg(err == STATUS_OK, "case %s/%s: bad HDF", cases[i].macro, cases[i].label);
    hdf_set_int_value(h, "Case", i);
    string_init(&out);
    err = gf_render(h, name, &out);
    if (err) {
        STRING tb;
        string_init(&tb);
        nerr_error_traceback(err, &tb);
        fprintf(stderr, "%s\n", tb.buf);
        string_clear(&tb);
        nerr_ignore(&err);
        ck_abort_msg("case %s/%s: render failed", cases[i].macro, cases[i].label);
    }
    b = strstr(out.buf, "@@BEGIN@@");
    e = strstr(out.buf, "@@END@@");
    ck_assert_msg(b && e && e >= b, "case %s/%s: markers missing", cases[i].macro, cases[i].label);
    b += strlen("@@BEGIN@@");
    res = strndup(b, (size_t)(e - b));
    string_clear(&out);
    hdf_destroy(&h);
    unlink(path);
    rmdir(dir);
    return res;
}

/* The whole golden text for one macro (caller frees). */
static char *render_macro(const char *macro)
{
    STRING g;
    char *res;

    string_init(&g);
    for (int i = 0; i < NCASES; i++) {
        char *o;
        if (strcmp(cases[i].macro, macro))
            continue;
        o = render_case(i);
        string_appendf(&g, "== %s: call:%s\n", cases[i].label, cases[i].call);
        string_append(&g, o);
        string_append(&g, "\n");
        free(o);
    }
    res = strdup(g.buf ? g.buf : "");
    string_clear(&g);
    return res;
}

/* Prints where two texts differ, line by line, like a short diff. */
static void print_diff(const char *golden_path, const char *want, const char *got)
{
    int line = 1, shown = 0;
    const char *w = want, *g = got;

    fprintf(stderr, "--- %s (golden)\n+++ rendered now\n", golden_path);
    while ((*w || *g) && shown < 12) {
        size_t wl = strcspn(w, "\n"), gl = strcspn(g, "\n");
        int wend = !*w, gend = !*g;
        if (wend || gend || wl != gl || memcmp(w, g, wl)) {
            if (!wend)
                fprintf(stderr, "@@ line %d\n-%.*s\n", line, (int)wl, w);
            else
                fprintf(stderr, "@@ line %d\n-(end of file)\n", line);
            fprintf(stderr, gend ? "+(end of output)\n" : "+%.*s\n", (int)gl, g);
            shown++;
        }
        w += wl + (w[wl] == '\n');
        g += gl + (g[gl] == '\n');
        line++;
    }
    fprintf(stderr, "(regenerate after an intended change: GF_GOLDEN_UPDATE=1 build/unit-tests)\n");
}

START_TEST(macro_output_matches_its_golden_file)
{
    const char *macro;
    char path[256], *got, *want;
    const char *update = getenv("GF_GOLDEN_UPDATE");

    collect_macros();
    macro = macro_names[_i];
    snprintf(path, sizeof path, "%s/%s.gold", GOLDEN_DIR, macro);
    got = render_macro(macro);
    if (update && *update && strcmp(update, "0")) {
        FILE *f = fopen(path, "w");
        ck_assert_msg(f != NULL, "cannot write %s", path);
        fputs(got, f);
        fclose(f);
        fprintf(stderr, "golden: wrote %s\n", path);
        free(got);
        return;
    }
    want = load(path);
    if (!want) {
        free(got);
        ck_abort_msg("%s: golden file missing (GF_GOLDEN_UPDATE=1 build/unit-tests writes it)", path);
    }
    if (strcmp(want, got)) {
        print_diff(path, want, got);
        free(want);
        free(got);
        ck_abort_msg("macro %s: output differs from %s", macro, path);
    }
    free(want);
    free(got);
}
END_TEST

/* A def: added to macros.cs without a case here fails, and so does a case
 * for a macro that no longer exists. */
START_TEST(every_macro_in_macros_cs_has_golden_cases)
{
    char *text = load(MACROS_CS), *p;
    int defined = 0;

    ck_assert_msg(text != NULL, "cannot read %s", MACROS_CS);
    collect_macros();
    for (p = text; (p = strstr(p, "<?cs def:")); ) {
        char name[64];
        size_t n;
        int found = 0;
        p += strlen("<?cs def:");
        n = strcspn(p, "( ");
        ck_assert_uint_lt(n, sizeof name);
        memcpy(name, p, n);
        name[n] = '\0';
        for (int j = 0; j < nmacros; j++)
            found |= !strcmp(macro_names[j], name);
        ck_assert_msg(found, "macro %s in %s has no golden case in test_macros.c", name, MACROS_CS);
        defined++;
    }
    free(text);
    ck_assert_int_eq(defined, nmacros);
}
END_TEST

Suite *macros_suite(void)
{
    Suite *s = suite_create("macros");
    TCase *tc = tcase_create("golden");

    collect_macros();
    tcase_add_test(tc, every_macro_in_macros_cs_has_golden_cases);
    tcase_add_loop_test(tc, macro_output_matches_its_golden_file, 0, nmacros);
    suite_add_tcase(s, tc);
    return s;
}
