/* check_report_csv.c - writers (report.c): the CSV audit format
 * (report_csv.c), the text format (report_text.c), atomic files, and
 * results of the pipeline through arc_writer_result. */
#include "testutil.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define HEADER "\xEF\xBB\xBF" "file,line,column,severity,rule,section,message,evidence,page\r\n"

/* ------------------------------------------------------------ helpers */

typedef struct {
    char dir[64];
    char path[128];
} tmpdir;

static void tmpdir_make(tmpdir *t, const char *name)
{
    snprintf(t->dir, sizeof t->dir, "/tmp/arc-csv-XXXXXX");
    ck_assert_ptr_nonnull(mkdtemp(t->dir));
    snprintf(t->path, sizeof t->path, "%s/%s", t->dir, name);
}

/* Number of entries in the directory other than . and .. */
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

/* Removes every file in the directory and the directory. */
static void tmpdir_remove(tmpdir *t)
{
    DIR *d = opendir(t->dir);
    if (!d)
        return;
    struct dirent *e;
    char p[512];
    while ((e = readdir(d))) {
        if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
            continue;
        snprintf(p, sizeof p, "%s/%s", t->dir, e->d_name);
        unlink(p);
    }
    closedir(d);
    rmdir(t->dir);
}

static void write_file(const char *path, const char *s)
{
    FILE *fp = fopen(path, "wb");
    ck_assert_ptr_nonnull(fp);
    fputs(s, fp);
    fclose(fp);
}

static void add(arc_findings *f, const char *path, int line, int col,
                arc_severity sev, const char *rule, const char *section,
                const char *message, const char *evidence)
{
    arc_finding fi = {0};
    fi.path = path;
    fi.line = line;
    fi.column = col;
    fi.severity = sev;
    fi.rule = rule;
    fi.section = section;
    fi.message = message;
    fi.evidence = evidence;
    ck_assert_int_eq(arc_findings_add(f, &fi), 0);
}

/* Writes f as `format` to a new file in a temp dir; returns its bytes. */
static char *write_to_file(const char *format, const arc_findings *f,
                           size_t *len)
{
    tmpdir t;
    tmpdir_make(&t, "audit.out");
    arc_writer *w = NULL;
    arc_error err = {0};
    ck_assert_int_eq(arc_writer_open(&w, format, t.path, NULL, NULL, &err), 0);
    ck_assert_int_eq(arc_writer_write(w, f, &err), 0);
    ck_assert_int_eq(arc_writer_close(w, &err), 0);
    char *s = arc_test_slurp(t.path, len);
    ck_assert_int_eq(dir_entries(t.dir), 1);
    tmpdir_remove(&t);
    return s;
}

/* Writes f as CSV to a tmpfile() stream through the path "-". */
static char *write_to_stream(const char *format, const arc_findings *f,
                             size_t *len)
{
    FILE *fp = tmpfile();
    ck_assert_ptr_nonnull(fp);
    arc_writer *w = NULL;
    arc_error err = {0};
    ck_assert_int_eq(arc_writer_open(&w, format, "-", fp, NULL, &err), 0);
    ck_assert_int_eq(arc_writer_write(w, f, &err), 0);
    ck_assert_int_eq(arc_writer_close(w, &err), 0);
    /* The caller's stream stays open. */
    ck_assert_int_ne(fputs("", fp), EOF);
    rewind(fp);
    char *buf = malloc(65536);
    ck_assert_ptr_nonnull(buf);
    size_t n = fread(buf, 1, 65535, fp);
    buf[n] = '\0';
    *len = n;
    fclose(fp);
    return buf;
}

/* ------------------------------------------------------------ csv */

START_TEST(test_csv_header_only)
{
    arc_findings *f = NULL;
    ck_assert_int_eq(arc_findings_new(&f), 0);
    size_t len;
    char *s = write_to_file("csv", f, &len);
    ck_assert_uint_eq(len, strlen(HEADER));
    ck_assert_mem_eq(s, HEADER, len);
    /* The BOM comes first. */
    ck_assert_mem_eq(s, "\xEF\xBB\xBF", 3);
    free(s);
    arc_findings_free(f);
}
END_TEST

START_TEST(test_csv_plain_row)
{
    arc_findings *f = NULL;
    ck_assert_int_eq(arc_findings_new(&f), 0);
    add(f, "reports/松川县.txt", 12, 7, ARC_SEV_WARNING, "section.order",
        "next_year", "“下一年度安排”出现在“存在的不足”之前", "四、下一年度工作安排");
    size_t len;
    char *s = write_to_file("csv", f, &len);
    ck_assert_str_eq(s, HEADER "reports/松川县.txt,12,7,warning,section.order,"
                            "next_year,“下一年度安排”出现在“存在的不足”之前,"
                            "四、下一年度工作安排,\r\n");
    free(s);
    arc_findings_free(f);
}
END_TEST

START_TEST(test_csv_quoting)
{
    arc_findings *f = NULL;
    ck_assert_int_eq(arc_findings_new(&f), 0);
    add(f, "a,b.txt", 3, 5, ARC_SEV_ERROR, "r.one", "",
        "缺少,逗号", "他说\"好\"");
    add(f, "c.txt", 4, 1, ARC_SEV_INFO, "r.two", "s",
        "第一行\n第二行", "回车\r结尾");
    size_t len;
    char *s = write_to_file("csv", f, &len);
    ck_assert_str_eq(s, HEADER
                     "\"a,b.txt\",3,5,error,r.one,,\"缺少,逗号\",\"他说\"\"好\"\"\",\r\n"
                     "c.txt,4,1,info,r.two,s,\"第一行\n第二行\",\"回车\r结尾\",\r\n");
    free(s);
    arc_findings_free(f);
}
END_TEST

START_TEST(test_csv_whole_document_has_empty_position)
{
    arc_findings *f = NULL;
    ck_assert_int_eq(arc_findings_new(&f), 0);
    add(f, "d.txt", 0, 0, ARC_SEV_ERROR, "section.missing", "next_year",
        "缺少“下一年度安排”部分", "");
    size_t len;
    char *s = write_to_file("csv", f, &len);
    ck_assert_str_eq(s, HEADER "d.txt,,,error,section.missing,next_year,"
                            "缺少“下一年度安排”部分,,\r\n");
    free(s);
    arc_findings_free(f);
}
END_TEST

START_TEST(test_csv_formula_injection)
{
    arc_findings *f = NULL;
    ck_assert_int_eq(arc_findings_new(&f), 0);
    add(f, "=cmd.txt", 1, 1, ARC_SEV_WARNING, "@rule", "+part", "-5 项",
        "=HYPERLINK(\"x\",\"y\")");
    add(f, "e.txt", 2, 1, ARC_SEV_WARNING, "r", "\tsec", "\rmsg", "a=b");
    size_t len;
    char *s = write_to_file("csv", f, &len);
    ck_assert_str_eq(s, HEADER
                     "\"'=cmd.txt\",1,1,warning,\"'@rule\",\"'+part\",\"'-5 项\","
                     "\"'=HYPERLINK(\"\"x\"\",\"\"y\"\")\",\r\n"
                     "e.txt,2,1,warning,r,\"'\tsec\",\"'\rmsg\",a=b,\r\n");
    free(s);
    arc_findings_free(f);
}
END_TEST

START_TEST(test_csv_to_stream)
{
    arc_findings *f = NULL;
    ck_assert_int_eq(arc_findings_new(&f), 0);
    add(f, "s.txt", 9, 2, ARC_SEV_INFO, "x.y", "", "消息", "证据");
    size_t len;
    char *s = write_to_stream("csv", f, &len);
    ck_assert_str_eq(s, HEADER "s.txt,9,2,info,x.y,,消息,证据,\r\n");
    free(s);
    arc_findings_free(f);
}
END_TEST

/* ------------------------------------------------------------ atomic files */

START_TEST(test_abort_leaves_target_untouched)
{
    tmpdir t;
    tmpdir_make(&t, "audit.csv");
    write_file(t.path, "old content\n");
    arc_findings *f = NULL;
    ck_assert_int_eq(arc_findings_new(&f), 0);
    add(f, "a.txt", 1, 1, ARC_SEV_ERROR, "r", "", "m", "e");
    arc_writer *w = NULL;
    arc_error err = {0};
    ck_assert_int_eq(arc_writer_open(&w, "csv", t.path, NULL, NULL, &err), 0);
    ck_assert_int_eq(arc_writer_write(w, f, &err), 0);
    /* While writing, the report goes to a temporary file beside it. */
    ck_assert_int_eq(dir_entries(t.dir), 2);
    size_t len;
    char *s = arc_test_slurp(t.path, &len);
    ck_assert_str_eq(s, "old content\n");
    free(s);
    arc_writer_abort(w);
    /* The target is untouched and the temporary file is gone. */
    s = arc_test_slurp(t.path, &len);
    ck_assert_str_eq(s, "old content\n");
    free(s);
    ck_assert_int_eq(dir_entries(t.dir), 1);
    arc_writer_abort(NULL);
    arc_findings_free(f);
    tmpdir_remove(&t);
}
END_TEST

START_TEST(test_abort_without_target)
{
    tmpdir t;
    tmpdir_make(&t, "new.csv");
    arc_writer *w = NULL;
    arc_error err = {0};
    ck_assert_int_eq(arc_writer_open(&w, "text", t.path, NULL, NULL, &err), 0);
    arc_writer_abort(w);
    ck_assert_int_eq(access(t.path, F_OK), -1);
    ck_assert_int_eq(dir_entries(t.dir), 0);
    tmpdir_remove(&t);
}
END_TEST

START_TEST(test_close_replaces_target)
{
    tmpdir t;
    tmpdir_make(&t, "audit.csv");
    write_file(t.path, "old content that is longer than the new one......"
                       "..................................................\n");
    arc_findings *f = NULL;
    ck_assert_int_eq(arc_findings_new(&f), 0);
    add(f, "a.txt", 2, 3, ARC_SEV_WARNING, "r.x", "", "短", "");
    mode_t old = umask(022);
    arc_writer *w = NULL;
    arc_error err = {0};
    ck_assert_int_eq(arc_writer_open(&w, "csv", t.path, NULL, NULL, &err), 0);
    ck_assert_int_eq(arc_writer_write(w, f, &err), 0);
    ck_assert_int_eq(arc_writer_close(w, &err), 0);
    umask(old);
    size_t len;
    char *s = arc_test_slurp(t.path, &len);
    ck_assert_str_eq(s, HEADER "a.txt,2,3,warning,r.x,,短,,\r\n");
    free(s);
    ck_assert_int_eq(dir_entries(t.dir), 1);
    /* The mode honours the umask (not mkstemp's 0600). */
    struct stat st;
    ck_assert_int_eq(stat(t.path, &st), 0);
    ck_assert_int_eq(st.st_mode & 0777, 0644);
    arc_findings_free(f);
    tmpdir_remove(&t);
}
END_TEST

START_TEST(test_open_in_missing_directory)
{
    arc_writer *w = (arc_writer *)&w;
    arc_error err = {0};
    int rc = arc_writer_open(&w, "csv", "/nonexistent-arc-dir/audit.csv", NULL,
                             NULL, &err);
    ck_assert_int_eq(rc, ARC_EIO);
    ck_assert_ptr_null(w);
    ck_assert_int_eq(err.code, ARC_EIO);
    ck_assert_str_eq(err.file, "/nonexistent-arc-dir/audit.csv");
}
END_TEST

START_TEST(test_write_to_device)
{
    /* /dev/null cannot be renamed over: written in place. */
    arc_findings *f = NULL;
    ck_assert_int_eq(arc_findings_new(&f), 0);
    add(f, "a.txt", 1, 1, ARC_SEV_ERROR, "r", "", "m", "");
    arc_writer *w = NULL;
    arc_error err = {0};
    ck_assert_int_eq(arc_writer_open(&w, "csv", "/dev/null", NULL, NULL, &err), 0);
    ck_assert_int_eq(arc_writer_write(w, f, &err), 0);
    ck_assert_int_eq(arc_writer_close(w, &err), 0);
    struct stat st;
    ck_assert_int_eq(stat("/dev/null", &st), 0);
    ck_assert(S_ISCHR(st.st_mode));
    arc_findings_free(f);
}
END_TEST

START_TEST(test_unknown_format)
{
    arc_writer *w = (arc_writer *)&w;
    arc_error err = {0};
    ck_assert_int_eq(arc_writer_open(&w, "ods", "-", stdout, NULL, &err),
                     ARC_EINVAL);
    ck_assert_ptr_null(w);
    ck_assert_int_eq(err.code, ARC_EINVAL);
    ck_assert_ptr_nonnull(strstr(err.message, "ods"));
    /* Nothing is created for an unknown format. */
    tmpdir t;
    tmpdir_make(&t, "x.out");
    ck_assert_int_eq(arc_writer_open(&w, "CSV", t.path, NULL, NULL, &err),
                     ARC_EINVAL);
    ck_assert_int_eq(dir_entries(t.dir), 0);
    tmpdir_remove(&t);
}
END_TEST

START_TEST(test_format_names)
{
    const char *const *names = arc_writer_formats();
    int csv = 0, text = 0;
    size_t n = 0;
    for (; names[n]; n++) {
        csv += strcmp(names[n], "csv") == 0;
        text += strcmp(names[n], "text") == 0;
    }
    ck_assert_int_eq(csv, 1);
    ck_assert_int_eq(text, 1);
    ck_assert_uint_ge(n, 2);
    /* Every listed name opens. */
    for (size_t i = 0; i < n; i++) {
        arc_writer *w = NULL;
        arc_error err = {0};
        FILE *fp = tmpfile();
        ck_assert_ptr_nonnull(fp);
        ck_assert_int_eq(arc_writer_open(&w, names[i], "-", fp, NULL, &err), 0);
        ck_assert_int_eq(arc_writer_close(w, &err), 0);
        fclose(fp);
    }
}
END_TEST

/* ------------------------------------------------------------ text */

START_TEST(test_text_format)
{
    arc_findings *f = NULL;
    ck_assert_int_eq(arc_findings_new(&f), 0);
    add(f, "r/松川县.txt", 14, 3, ARC_SEV_WARNING, "section.empty", "",
        "“(三)强化执法”下没有内容", "(三)强化执法");
    add(f, "r/松川县.txt", 0, 0, ARC_SEV_ERROR, "section.missing", "next_year",
        "缺少“下一年度安排”", "");
    add(f, "b,c.txt", 2, 1, ARC_SEV_INFO, "x", "", "=不转义", "");
    size_t len;
    char *s = write_to_stream("text", f, &len);
    ck_assert_str_eq(s, "r/松川县.txt:14:3: warning: “(三)强化执法”下没有内容 "
                        "[section.empty]\n"
                        "r/松川县.txt: error: 缺少“下一年度安排” "
                        "[section.missing]\n"
                        "b,c.txt:2:1: info: =不转义 [x]\n");
    free(s);
    /* The same through a file. */
    s = write_to_file("text", f, &len);
    ck_assert_str_eq(s, "r/松川县.txt:14:3: warning: “(三)强化执法”下没有内容 "
                        "[section.empty]\n"
                        "r/松川县.txt: error: 缺少“下一年度安排” "
                        "[section.missing]\n"
                        "b,c.txt:2:1: info: =不转义 [x]\n");
    free(s);
    arc_findings_free(f);
}
END_TEST

START_TEST(test_text_empty)
{
    arc_findings *f = NULL;
    ck_assert_int_eq(arc_findings_new(&f), 0);
    size_t len;
    char *s = write_to_stream("text", f, &len);
    ck_assert_uint_eq(len, 0);
    free(s);
    arc_findings_free(f);
}
END_TEST

/* ------------------------------------------------------------ results */

/* Writes results of the pipeline with arc_writer_result to a stream. */
static char *write_results(const char *format, arc_result *const *r, size_t n)
{
    FILE *fp = tmpfile();
    ck_assert_ptr_nonnull(fp);
    arc_writer *w = NULL;
    arc_error err = {0};
    ck_assert_int_eq(arc_writer_open(&w, format, "-", fp, NULL, &err), 0);
    for (size_t i = 0; i < n; i++)
        ck_assert_int_eq(arc_writer_result(w, r[i], &err), 0);
    ck_assert_int_eq(arc_writer_close(w, &err), 0);
    rewind(fp);
    char *buf = malloc(65536);
    ck_assert_ptr_nonnull(buf);
    size_t k = fread(buf, 1, 65535, fp);
    buf[k] = '\0';
    fclose(fp);
    return buf;
}

/* A checked report and a file that does not exist, as a batch writes them:
 * each result's findings in order, the unreadable one as an
 * input.unreadable row. */
START_TEST(test_results_csv_and_text)
{
    arc_ruleset *rs = arc_test_rules(
        "version: 1\n"
        "rules:\n"
        "  - {id: r.jia, kind: pattern, severity: warning, "
        "message: '发现{evidence}', patterns: ['甲+']}\n");
    arc_run_opts o = {0};
    o.rs = rs;
    arc_run *run = NULL;
    arc_checker *c = NULL;
    arc_error err = {0};
    ck_assert_int_eq(arc_run_new(&run, &o, &err), 0);
    ck_assert_int_eq(arc_checker_new(&c, rs), 0);
    arc_result *r[2] = {NULL, NULL};
    static const char text[] = "第一行\n有甲甲字,\n";
    ck_assert_int_eq(arc_run_buffer(run, c, "a,1.txt", text, strlen(text),
                                    &r[0], &err),
                     0);
    ck_assert_int_eq(arc_run_file(run, c, "/nonexistent-arc-dir/缺.txt", &r[1],
                                  &err),
                     0);
    const char *why = arc_result_error(r[1])->message;
    char want[2048];
    char *s = write_results("csv", r, 2);
    snprintf(want, sizeof want,
             HEADER "\"a,1.txt\",2,2,warning,r.jia,,发现甲甲,甲甲,\r\n"
                    "/nonexistent-arc-dir/缺.txt,,,error,input.unreadable,,%s,"
                    ",\r\n",
             why);
    ck_assert_str_eq(s, want);
    free(s);
    s = write_results("text", r, 2);
    snprintf(want, sizeof want,
             "a,1.txt:2:2: warning: 发现甲甲 [r.jia]\n"
             "/nonexistent-arc-dir/缺.txt: error: %s [input.unreadable]\n",
             why);
    ck_assert_str_eq(s, want);
    free(s);
    arc_result_free(r[0]);
    arc_result_free(r[1]);
    arc_checker_free(c);
    arc_run_free(run);
    arc_ruleset_free(rs);
}
END_TEST

/* ------------------------------------------------------------ findings */

START_TEST(test_findings_copy_and_sort)
{
    arc_findings *f = NULL;
    ck_assert_int_eq(arc_findings_new(&f), 0);
    char msg[16] = "可变";
    add(f, "b.txt", 1, 1, ARC_SEV_INFO, "z", "", msg, "");
    add(f, "a.txt", 5, 2, ARC_SEV_INFO, "b", "", "m", "");
    add(f, "a.txt", 5, 2, ARC_SEV_INFO, "a", "", "first", "");
    add(f, "a.txt", 5, 1, ARC_SEV_INFO, "c", "", "m", "");
    add(f, "a.txt", 0, 0, ARC_SEV_INFO, "d", "", "m", "");
    add(f, "a.txt", 5, 2, ARC_SEV_INFO, "a", "", "second", "");
    /* Strings are copied. */
    strcpy(msg, "changed");
    ck_assert_str_eq(arc_findings_get(f, 0)->message, "可变");
    arc_findings_sort(f);
    ck_assert_str_eq(arc_findings_get(f, 0)->rule, "d");
    ck_assert_str_eq(arc_findings_get(f, 1)->rule, "c");
    ck_assert_str_eq(arc_findings_get(f, 2)->message, "first");
    ck_assert_str_eq(arc_findings_get(f, 3)->message, "second");
    ck_assert_str_eq(arc_findings_get(f, 4)->rule, "b");
    ck_assert_str_eq(arc_findings_get(f, 5)->path, "b.txt");
    /* NULL strings become "". */
    arc_finding fi = {0};
    ck_assert_int_eq(arc_findings_add(f, &fi), 0);
    ck_assert_str_eq(arc_findings_get(f, 6)->path, "");
    ck_assert_str_eq(arc_findings_get(f, 6)->evidence, "");
    arc_findings_free(f);
    arc_findings_free(NULL);
}
END_TEST

START_TEST(test_severity_names)
{
    ck_assert_str_eq(arc_severity_name(ARC_SEV_ERROR), "error");
    ck_assert_str_eq(arc_severity_name(ARC_SEV_WARNING), "warning");
    ck_assert_str_eq(arc_severity_name(ARC_SEV_INFO), "info");
    ck_assert_int_eq(arc_severity_parse("error"), ARC_SEV_ERROR);
    ck_assert_int_eq(arc_severity_parse("warning"), ARC_SEV_WARNING);
    ck_assert_int_eq(arc_severity_parse("info"), ARC_SEV_INFO);
    ck_assert_int_eq(arc_severity_parse("Error"), -1);
    ck_assert_int_eq(arc_severity_parse(""), -1);
    ck_assert_int_eq(arc_severity_parse(NULL), -1);
}
END_TEST

static Suite *suite(void)
{
    Suite *s = suite_create("report_csv");
    TCase *tc = tcase_create("csv");
    tcase_add_test(tc, test_csv_header_only);
    tcase_add_test(tc, test_csv_plain_row);
    tcase_add_test(tc, test_csv_quoting);
    tcase_add_test(tc, test_csv_whole_document_has_empty_position);
    tcase_add_test(tc, test_csv_formula_injection);
    tcase_add_test(tc, test_csv_to_stream);
    suite_add_tcase(s, tc);

    tc = tcase_create("atomic");
    tcase_add_test(tc, test_abort_leaves_target_untouched);
    tcase_add_test(tc, test_abort_without_target);
    tcase_add_test(tc, test_close_replaces_target);
    tcase_add_test(tc, test_open_in_missing_directory);
    tcase_add_test(tc, test_write_to_device);
    tcase_add_test(tc, test_unknown_format);
    tcase_add_test(tc, test_format_names);
    suite_add_tcase(s, tc);

    tc = tcase_create("text");
    tcase_add_test(tc, test_text_format);
    tcase_add_test(tc, test_text_empty);
    suite_add_tcase(s, tc);

    tc = tcase_create("results");
    tcase_add_test(tc, test_results_csv_and_text);
    suite_add_tcase(s, tc);

    tc = tcase_create("findings");
    tcase_add_test(tc, test_findings_copy_and_sort);
    tcase_add_test(tc, test_severity_names);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    return arc_test_run(suite());
}
