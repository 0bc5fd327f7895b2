/* check_report_views.c - the formats for people (report_html.c,
 * report_xlsx.c) through the public writer API: the text taken before it
 * is dropped (arc_writer_prepare, arc_result_drop_text) or when the result
 * comes, escaping that no report text can break out of, files left behind
 * by neither a finished nor an aborted writer.  What a browser and a
 * spreadsheet reader make of the files: tests/views/. */
#include "testutil.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

typedef struct {
    char dir[64];
    char path[128];
} tmpdir;

static void tmpdir_make(tmpdir *t, const char *name)
{
    snprintf(t->dir, sizeof t->dir, "/tmp/arc-views-XXXXXX");
    ck_assert_ptr_nonnull(mkdtemp(t->dir));
    snprintf(t->path, sizeof t->path, "%s/%s", t->dir, name);
}

static int dir_entries(const char *dir)
{
    DIR *d = opendir(dir);
    ck_assert_ptr_nonnull(d);
    int n = 0;
    struct dirent *e;
    while ((e = readdir(d)))
        if (strcmp(e->d_name, ".") && strcmp(e->d_name, ".."))
            n++;
    closedir(d);
    return n;
}

static void tmpdir_remove(tmpdir *t)
{
    unlink(t->path);
    ck_assert_int_eq(rmdir(t->dir), 0);
}

static size_t occurrences(const char *s, const char *needle)
{
    size_t n = 0;
    for (const char *p = s; (p = strstr(p, needle)); p += strlen(needle))
        n++;
    return n;
}

/* A report whose text tries to end the script element it is kept in. */
static const char hostile[] =
    "青禾区人民政府关于2025年度法治政府建设情况的报告\n"
    "2025年,青禾区坚持依法行政。</script><!--<script>x()</script>&amp;"
    "\xE2\x80\xA8\xE2\x80\xA9\x01\n"
    "一、2025年推进法治政府建设的主要举措和成效\n"
    "区政府完善制度××项。\n";

static arc_writer *open_to(const char *format, const char *path,
                           const arc_ruleset *rs)
{
    arc_writer *w = NULL;
    arc_error err = {0};
    ck_assert_msg(arc_writer_open(&w, format, path, NULL, rs, &err) == 0,
                  "open %s: %s", format, err.message);
    return w;
}

static char *close_and_read(arc_writer *w, tmpdir *t)
{
    arc_error err = {0};
    ck_assert_msg(arc_writer_close(w, &err) == 0, "close: %s", err.message);
    /* The report only: no temporary or private file is left. */
    ck_assert_int_eq(dir_entries(t->dir), 1);
    return arc_test_slurp(t->path, NULL);
}

START_TEST(test_needs_text)
{
    tmpdir t;
    tmpdir_make(&t, "x");
    const char *formats[] = {"html", "xlsx", "csv", "summary", "sarif"};
    for (size_t i = 0; i < 5; i++) {
        arc_writer *w = open_to(formats[i], t.path, NULL);
        ck_assert_int_eq(arc_writer_needs_text(w), i == 0);
        arc_writer_abort(w);
        ck_assert_int_eq(dir_entries(t.dir), 0);
    }
    tmpdir_remove(&t);
}
END_TEST

START_TEST(test_drop_text)
{
    arc_ruleset *rs = arc_test_default_rules();
    arc_result *r = arc_test_result(rs, hostile, ARC_RUN_KEEP_TEXT);
    size_t len = 0;
    ck_assert_ptr_nonnull(arc_result_text(r, &len));
    ck_assert_uint_eq(len, strlen(hostile));
    ck_assert_uint_gt(arc_result_heading_count(r), 0);
    size_t nf = arc_findings_count(arc_result_findings(r));
    ck_assert_uint_gt(nf, 0);
    arc_result_drop_text(r);
    ck_assert_ptr_null(arc_result_text(r, &len));
    ck_assert_uint_eq(len, 0);
    ck_assert_uint_eq(arc_result_heading_count(r), 0);
    ck_assert_int_eq(arc_result_line_page(r, 1), 0);
    /* Findings, scorecard and facts stay. */
    ck_assert_uint_eq(arc_findings_count(arc_result_findings(r)), nf);
    ck_assert_str_eq(arc_result_unit(r), "青禾区人民政府");
    arc_result_drop_text(r);
    arc_result_drop_text(NULL);
    arc_result_free(r);
    arc_ruleset_free(rs);
}
END_TEST

/* The text is taken at prepare time: the result's text can go before
 * arc_writer_result, and the page still holds it, escaped. */
START_TEST(test_html_prepare_then_drop)
{
    arc_ruleset *rs = arc_test_default_rules();
    arc_result *r = arc_test_result(rs, hostile, ARC_RUN_KEEP_TEXT);
    tmpdir t;
    tmpdir_make(&t, "review.html");
    arc_writer *w = open_to("html", t.path, rs);
    arc_error err = {0};
    ck_assert_int_eq(arc_writer_prepare(w, r, &err), 0);
    ck_assert_int_eq(arc_writer_prepare(w, r, &err), 0); /* once only */
    arc_result_drop_text(r);
    ck_assert_int_eq(arc_writer_result(w, r, &err), 0);
    char *s = close_and_read(w, &t);
    ck_assert_uint_eq(occurrences(s, "id=\"arc-t"), 1);
    ck_assert_ptr_nonnull(strstr(s, "\"t\":0,"));
    ck_assert_ptr_nonnull(strstr(
        s, "\\u003c/script\\u003e\\u003c!--\\u003cscript\\u003ex()"
           "\\u003c/script\\u003e\\u0026amp;\\u2028\\u2029\\u0001\\n"));
    /* The report's own markup never appears raw; the page's elements do. */
    ck_assert_ptr_null(strstr(s, "<!--<script>"));
    ck_assert_ptr_null(strstr(s, "x()</script>"));
    ck_assert_uint_eq(occurrences(s, "</script>"), 4); /* text, meta, rows,
                                                           the script */
    ck_assert_uint_eq(occurrences(s, "\xE2\x80\xA8"), 0);
    /* Headings (line, level, where the heading ends in its line: "一、"
     * and 21 characters) and the finding travel with it. */
    ck_assert_ptr_nonnull(strstr(s, "\"h\":[[3,1,23]]"));
    ck_assert_ptr_nonnull(strstr(s, "\"placeholder.found\""));
    ck_assert_ptr_nonnull(strstr(s, "\"u\":\"青禾区人民政府\""));
    free(s);
    tmpdir_remove(&t);
    arc_result_free(r);
    arc_ruleset_free(rs);
}
END_TEST

/* A heading's end in its line is counted in UTF-16 code units, as the
 * page's script counts (a character outside the BMP is two), and ends at
 * its text's first occurrence: a heading run into its line's prose ends
 * before the prose.  Fails when bytes or characters are counted. */
START_TEST(test_html_heading_ends)
{
    static const char text[] =
        "青禾区人民政府关于2025年度法治政府建设情况的报告\n"
        "一、\xF0\xA0\x80\x80\xF0\xA0\x80\x80主要举措和成效\n"
        "（一）健全依法决策机制。区政府严格执行重大行政决策程序规定。\n"
        "区政府完善制度××项。\n";
    arc_ruleset *rs = arc_test_default_rules();
    arc_result *r = arc_test_result(rs, text, ARC_RUN_KEEP_TEXT);
    ck_assert_uint_ge(arc_result_heading_count(r), 2);
    tmpdir t;
    tmpdir_make(&t, "review.html");
    arc_writer *w = open_to("html", t.path, rs);
    arc_error err = {0};
    ck_assert_int_eq(arc_writer_result(w, r, &err), 0);
    char *s = close_and_read(w, &t);
    /* 2 + 2 * 2 + 7; 3 + 8 (the text before 。). */
    ck_assert_ptr_nonnull(strstr(s, "\"h\":[[2,1,13],[3,2,11]]"));
    free(s);
    tmpdir_remove(&t);
    arc_result_free(r);
    arc_ruleset_free(rs);
}
END_TEST

/* Without prepare the text is taken when the result comes; a result
 * without text gets none; findings without results are grouped by file. */
START_TEST(test_html_unprepared)
{
    arc_ruleset *rs = arc_test_default_rules();
    arc_result *with = arc_test_result(rs, hostile, ARC_RUN_KEEP_TEXT);
    arc_result *without = arc_test_result(rs, hostile, 0);
    tmpdir t;
    tmpdir_make(&t, "review.html");
    arc_writer *w = open_to("html", t.path, rs);
    arc_error err = {0};
    ck_assert_int_eq(arc_writer_result(w, with, &err), 0);
    ck_assert_int_eq(arc_writer_result(w, without, &err), 0);
    arc_findings *f = NULL;
    ck_assert_int_eq(arc_findings_new(&f), 0);
    arc_finding fi = {.path = "a.txt", .line = 2, .column = 1,
                      .severity = ARC_SEV_WARNING, .rule = "x", .section = "",
                      .message = "m", .evidence = ""};
    ck_assert_int_eq(arc_findings_add(f, &fi), 0);
    fi.path = "b.txt";
    ck_assert_int_eq(arc_findings_add(f, &fi), 0);
    ck_assert_int_eq(arc_findings_add(f, &fi), 0);
    ck_assert_int_eq(arc_writer_write(w, f, &err), 0);
    char *s = close_and_read(w, &t);
    ck_assert_uint_eq(occurrences(s, "id=\"arc-t"), 1);
    ck_assert_uint_eq(occurrences(s, "\"t\":0,"), 1);
    ck_assert_uint_eq(occurrences(s, "\"t\":-1,"), 3);
    ck_assert_ptr_nonnull(strstr(s, "{\"p\":\"a.txt\""));
    ck_assert_ptr_nonnull(strstr(s, "{\"p\":\"b.txt\""));
    ck_assert_ptr_nonnull(strstr(s, "\"w\":2,"));
    free(s);
    arc_findings_free(f);
    tmpdir_remove(&t);
    arc_result_free(with);
    arc_result_free(without);
    arc_ruleset_free(rs);
}
END_TEST

/* An unfinished page leaves nothing behind, its spool included. */
START_TEST(test_html_abort)
{
    arc_ruleset *rs = arc_test_default_rules();
    arc_result *r = arc_test_result(rs, hostile, ARC_RUN_KEEP_TEXT);
    tmpdir t;
    tmpdir_make(&t, "review.html");
    arc_writer *w = open_to("html", t.path, rs);
    arc_error err = {0};
    ck_assert_int_eq(arc_writer_prepare(w, r, &err), 0);
    ck_assert_int_eq(arc_writer_result(w, r, &err), 0);
    ck_assert_int_eq(dir_entries(t.dir), 1); /* the temporary file */
    arc_writer_abort(w);
    ck_assert_int_eq(dir_entries(t.dir), 0);
    tmpdir_remove(&t);
    arc_result_free(r);
    arc_ruleset_free(rs);
}
END_TEST

START_TEST(test_xlsx_file_and_abort)
{
    arc_ruleset *rs = arc_test_default_rules();
    arc_result *r = arc_test_result(rs, hostile, 0);
    tmpdir t;
    tmpdir_make(&t, "review.xlsx");
    arc_writer *w = open_to("xlsx", t.path, rs);
    arc_error err = {0};
    ck_assert_int_eq(arc_writer_prepare(w, r, &err), 0); /* a no-op */
    ck_assert_int_eq(arc_writer_result(w, r, &err), 0);
    size_t len = 0;
    ck_assert_int_eq(arc_writer_close(w, &err), 0);
    ck_assert_int_eq(dir_entries(t.dir), 1);
    char *s = arc_test_slurp(t.path, &len);
    ck_assert_uint_gt(len, 1000);
    ck_assert_int_eq(memcmp(s, "PK\x03\x04", 4), 0);
    free(s);
    /* Aborted: neither the report's temporary file nor the workbook
     * libxlsxwriter was writing stays. */
    unlink(t.path);
    w = open_to("xlsx", t.path, rs);
    ck_assert_int_eq(arc_writer_result(w, r, &err), 0);
    ck_assert_int_eq(dir_entries(t.dir), 2);
    arc_writer_abort(w);
    ck_assert_int_eq(dir_entries(t.dir), 0);
    tmpdir_remove(&t);
    arc_result_free(r);
    arc_ruleset_free(rs);
}
END_TEST

/* The page of two reports written to `path` (NULL: to a stream); its
 * bytes and length. */
static char *html_page(const arc_ruleset *rs, arc_result *const *r,
                       const char *path, size_t *len)
{
    FILE *fp = path ? NULL : tmpfile();
    arc_writer *w = NULL;
    arc_error err = {0};
    ck_assert_int_eq(arc_writer_open(&w, "html", path ? path : "-", fp, rs,
                                     &err),
                     0);
    for (int i = 0; i < 2; i++)
        ck_assert_int_eq(arc_writer_result(w, r[i], &err), 0);
    ck_assert_msg(arc_writer_close(w, &err) == 0, "close: %s", err.message);
    if (path)
        return arc_test_slurp(path, len);
    *len = (size_t)ftell(fp);
    char *s = malloc(*len + 1);
    ck_assert_ptr_nonnull(s);
    rewind(fp);
    ck_assert_uint_eq(fread(s, 1, *len, fp), *len);
    s[*len] = '\0';
    fclose(fp);
    return s;
}

/* A page written to a file has its texts written first and the part
 * before them put in front at close: by the file system (ext4, XFS), or
 * moved up within the file (tmpfs: /dev/shm where there is one).  Either
 * way it is the same bytes as the page written to a stream, the part
 * before the texts padded to a multiple of 4,096 bytes. */
START_TEST(test_html_same_bytes_every_way)
{
    arc_ruleset *rs = arc_test_default_rules();
    arc_result *r[2] = {arc_test_result(rs, hostile, ARC_RUN_KEEP_TEXT),
                        arc_test_result(rs, hostile, ARC_RUN_KEEP_TEXT)};
    size_t n = 0, m = 0;
    char *streamed = html_page(rs, r, NULL, &n);
    ck_assert_uint_gt(n, 4096);
    const char *t0 = strstr(streamed, "<script type=\"application/json\" "
                                      "id=\"arc-t0\">");
    ck_assert_ptr_nonnull(t0);
    ck_assert_uint_eq((size_t)(t0 - streamed) % 4096, 0);
    ck_assert_int_eq(t0[-1], '\n');
    ck_assert_ptr_nonnull(strstr(t0, "id=\"arc-t1\""));
    ck_assert_str_eq(streamed + n - 16, "</body>\n</html>\n");

    tmpdir t;
    tmpdir_make(&t, "review.html");
    char *filed = html_page(rs, r, t.path, &m);
    ck_assert_uint_eq(m, n);
    ck_assert_int_eq(memcmp(filed, streamed, n), 0);
    ck_assert_int_eq(dir_entries(t.dir), 1);
    free(filed);
    tmpdir_remove(&t);

    char dir[] = "/dev/shm/arc-views-XXXXXX";
    if (access("/dev/shm", W_OK) == 0 && mkdtemp(dir)) {
        char path[64];
        snprintf(path, sizeof path, "%s/review.html", dir);
        filed = html_page(rs, r, path, &m);
        ck_assert_uint_eq(m, n);
        ck_assert_int_eq(memcmp(filed, streamed, n), 0);
        free(filed);
        unlink(path);
        ck_assert_int_eq(rmdir(dir), 0);
    }
    free(streamed);
    arc_result_free(r[0]);
    arc_result_free(r[1]);
    arc_ruleset_free(rs);
}
END_TEST

/* Both formats with no rule set and no report, to a stream. */
START_TEST(test_empty_to_stream)
{
    const char *formats[] = {"html", "xlsx"};
    for (size_t i = 0; i < 2; i++) {
        FILE *fp = tmpfile();
        ck_assert_ptr_nonnull(fp);
        arc_writer *w = NULL;
        arc_error err = {0};
        ck_assert_int_eq(arc_writer_open(&w, formats[i], "-", fp, NULL, &err),
                         0);
        ck_assert_int_eq(arc_writer_close(w, &err), 0);
        long n = ftell(fp);
        ck_assert_int_gt(n, 500);
        rewind(fp);
        char head[16] = "";
        ck_assert_uint_eq(fread(head, 1, 15, fp), 15);
        ck_assert_str_eq(head, i == 0 ? "<!DOCTYPE html>" : head);
        if (i == 1)
            ck_assert_int_eq(memcmp(head, "PK\x03\x04", 4), 0);
        fclose(fp);
    }
}
END_TEST

static Suite *suite(void)
{
    Suite *s = suite_create("report_views");
    TCase *tc = tcase_create("views");
    tcase_add_test(tc, test_needs_text);
    tcase_add_test(tc, test_drop_text);
    tcase_add_test(tc, test_html_prepare_then_drop);
    tcase_add_test(tc, test_html_heading_ends);
    tcase_add_test(tc, test_html_unprepared);
    tcase_add_test(tc, test_html_abort);
    tcase_add_test(tc, test_html_same_bytes_every_way);
    tcase_add_test(tc, test_xlsx_file_and_abort);
    tcase_add_test(tc, test_empty_to_stream);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    return arc_test_run(suite());
}
