/* check_input_ofd.c - the OFD reader (input_ofd.c).  The OFD files are
 * written by tests/formats/make_ofd.py (cached in the build directory).
 *
 *   check_input_ofd                 the fixtures
 *   check_input_ofd --corpus DIR    real OFD files from several producers
 *                                   (not kept in this repository); exits 77
 *                                   (skipped) when DIR does not exist
 *
 * The corpus test asserts only the order of short tokens, never the files'
 * sentences. */
#include "input.h"
#include "testutil.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>

#define SKIP 77
#define FIXTURES ARC_TEST_BUILD_DIR "/ofd-fixtures"

static const char *corpus_dir; /* set by main for the corpus suite */

static char *slurp(const char *name, size_t *len)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/%s", FIXTURES, name);
    return arc_test_slurp(path, len);
}

static const arc_input_limits big = {(size_t)64 << 20, 1000, NULL};

static int read_bytes(arc_input *in, const char *data, size_t len,
                      const arc_input_limits *lim, char *reason, size_t size)
{
    memset(in, 0xAB, sizeof *in); /* the reader must clear it */
    return arc_input_ofd(in, data, len, lim ? lim : &big, reason, size);
}

static void read_ok(arc_input *in, const char *name)
{
    size_t len;
    char *data = slurp(name, &len);
    char reason[512] = "";
    int rc = read_bytes(in, data, len, NULL, reason, sizeof reason);
    free(data);
    ck_assert_msg(rc == 0, "%s: rc %d: %s", name, rc, reason);
    ck_assert_ptr_nonnull(in->text);
    ck_assert_uint_eq(in->len, strlen(in->text));
}

static const char *line_of(const arc_input *in, size_t i, char *buf,
                           size_t size)
{
    const char *s = in->text;
    for (size_t k = 0; k < i; k++)
        s = strchr(s, '\n') + 1;
    size_t n = strcspn(s, "\n");
    ck_assert_uint_lt(n, size);
    memcpy(buf, s, n);
    buf[n] = '\0';
    return buf;
}

/* The reader gives exactly the paragraphs of NAME.expected, on the pages
 * it names. */
static void expect_paragraphs(const arc_input *in, const char *name)
{
    size_t len;
    char *exp = slurp(name, &len);
    size_t n = 0;
    char got[16384];
    for (char *s = exp; *s;) {
        char *nl = strchr(s, '\n');
        *nl = '\0';
        unsigned page = (unsigned)strtoul(s, &s, 10);
        s++;
        ck_assert_msg(n < in->nlines, "%s: %zu lines, want more: %s", name,
                      in->nlines, s);
        line_of(in, n, got, sizeof got);
        ck_assert_msg(strcmp(got, s) == 0, "%s line %zu:\n got %s\nwant %s",
                      name, n + 1, got, s);
        ck_assert_ptr_nonnull(in->page);
        ck_assert_msg(in->page[n] == page, "%s line %zu: page %u, want %u",
                      name, n + 1, in->page[n], page);
        n++;
        s = nl + 1;
    }
    ck_assert_msg(in->nlines == n, "%s: %zu lines, want %zu", name,
                  in->nlines, n);
    free(exp);
}

static void refused_bytes(const char *data, size_t len,
                          const arc_input_limits *lim, const char *want)
{
    arc_input in;
    char reason[512] = "";
    int rc = read_bytes(&in, data, len, lim, reason, sizeof reason);
    ck_assert_msg(rc == ARC_EPARSE, "rc %d (%s), want ARC_EPARSE", rc,
                  reason);
    ck_assert_msg(strstr(reason, want) != NULL, "reason \"%s\" lacks \"%s\"",
                  reason, want);
    ck_assert_ptr_null(in.text);
    ck_assert_uint_eq(in.nlines, 0);
}

static void refused(const char *name, const arc_input_limits *lim,
                    const char *want)
{
    size_t len;
    char *data = slurp(name, &len);
    refused_bytes(data, len, lim, want);
    free(data);
}

/* ------------------------------------------------------------ fixtures */

START_TEST(test_report)
{
    /* Five ways of writing a line's glyphs, a paragraph across two pages
     * (on the page where it starts), header and "— N —" dropped. */
    arc_input in;
    read_ok(&in, "report.ofd");
    ck_assert_ptr_null(strstr(in.text, "页眉"));
    ck_assert_ptr_null(strstr(in.text, "— 1 —"));
    ck_assert_ptr_null(strstr(in.text, "—1—"));
    expect_paragraphs(&in, "report.expected");
    arc_input_free(&in);
}
END_TEST

START_TEST(test_shuffled)
{
    /* Objects in any order, absolute and relative part names: the same. */
    arc_input in;
    read_ok(&in, "shuffled.ofd");
    expect_paragraphs(&in, "shuffled.expected");
    arc_input_free(&in);
}
END_TEST

START_TEST(test_stamp)
{
    /* Rotated text does not cut into the body: it comes after it. */
    arc_input in;
    read_ok(&in, "stamp.ofd");
    expect_paragraphs(&in, "stamp.expected");
    arc_input_free(&in);
}
END_TEST

START_TEST(test_deltas)
{
    arc_input in;
    read_ok(&in, "deltas.ofd");
    expect_paragraphs(&in, "deltas.expected");
    arc_input_free(&in);
}
END_TEST

START_TEST(test_refused)
{
    static const arc_input_limits small = {(size_t)1 << 20, 100, NULL};
    refused("bomb.ofd", &small, "压缩炸弹");
    refused("many.ofd", &small, "条目过多");
    refused("nodoc.ofd", NULL, "缺少文档 Doc_0/Document.xml");
    refused("noroot.ofd", NULL, "DocRoot");
    refused("no-ofd-xml.ofd", NULL, "缺少 OFD.xml");
    refused("nopage.ofd", NULL, "缺少第 2 页");
    refused("badxml.ofd", NULL, "无法解析");
    refused("encrypted.ofd", NULL, "加密");
    refused("glyphs.ofd", NULL, "没有可提取的文字");
    refused("image.ofd", NULL, "没有可提取的文字");
    refused("pua.ofd", NULL, "字形已加密");
    refused_bytes("", 0, NULL, "文件为空");
    refused_bytes("OFD.xml but no zip", 18, NULL, "不是 zip");
    size_t len;
    char *data = slurp("report.ofd", &len);
    refused_bytes(data, len / 2, NULL, "压缩包");
    free(data);
}
END_TEST

START_TEST(test_limits_from_options)
{
    /* The table's row takes the archive limits from arc_load_opts. */
    size_t len;
    char *data = slurp("many.ofd", &len);
    arc_load_opts o = {.max_entries = 100};
    arc_input in;
    char reason[512] = "";
    ck_assert_int_eq(arc_reader_ofd.read(&in, data, len, &o, NULL, reason,
                                         sizeof reason),
                     ARC_EPARSE);
    ck_assert_ptr_nonnull(strstr(reason, "条目过多"));
    o.max_entries = 0;
    ck_assert_int_eq(arc_reader_ofd.read(&in, data, len, &o, NULL, reason,
                                         sizeof reason),
                     0);
    arc_input_free(&in);
    free(data);
}
END_TEST

START_TEST(test_sniff)
{
    size_t len;
    char *data = slurp("report.ofd", &len);
    /* Before the Word reader, which claims any zip. */
    ck_assert_ptr_eq(arc_reader_for("a.docx", data, len), &arc_reader_ofd);
    ck_assert_ptr_eq(arc_reader_for("a", data, len), &arc_reader_ofd);
    ck_assert_ptr_eq(arc_reader_by_name("报告.OFD"), &arc_reader_ofd);
    free(data);
    data = slurp("no-ofd-xml.ofd", &len);
    ck_assert_ptr_ne(arc_reader_for("a", data, len), &arc_reader_ofd);
    free(data);
}
END_TEST

/* -------------------------------------------------------------- corpus */

/* Reads a corpus file as the command line does (reader by content, then
 * name); returns the status, with in filled on success. */
static int read_corpus(const char *name, arc_input *in, char *reason,
                       size_t size)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/%s", corpus_dir, name);
    size_t len;
    char *data = arc_test_slurp(path, &len);
    const arc_reader *r = arc_reader_for(path, data, len);
    memset(in, 0, sizeof *in);
    reason[0] = '\0';
    int rc = r->read(in, data, len, NULL, NULL, reason, size);
    free(data);
    return rc;
}

/* The 0-based line holding token, or -1. */
static long line_with(const arc_input *in, const char *token)
{
    const char *p = strstr(in->text, token);
    if (!p)
        return -1;
    long n = 0;
    for (const char *s = in->text; s < p; s++)
        n += *s == '\n';
    return n;
}

/* The tokens come in this order, each found. */
static void in_order(const arc_input *in, const char *const *tokens)
{
    const char *at = in->text;
    for (const char *const *t = tokens; *t; t++) {
        const char *p = strstr(at, *t);
        ck_assert_msg(p != NULL, "\"%s\" missing or out of order", *t);
        at = p + strlen(*t);
    }
}

START_TEST(test_corpus_every_file)
{
    /* Read or refused with a reason; lines carry nondecreasing pages. */
    DIR *d = opendir(corpus_dir);
    ck_assert_ptr_nonnull(d);
    struct dirent *e;
    int files = 0;
    while ((e = readdir(d))) {
        size_t n = strlen(e->d_name);
        if (n < 4 || strcmp(e->d_name + n - 4, ".ofd"))
            continue;
        files++;
        arc_input in;
        char reason[512];
        int rc = read_corpus(e->d_name, &in, reason, sizeof reason);
        ck_assert_msg(rc == 0 || (rc == ARC_EPARSE && reason[0]),
                      "%s: rc %d", e->d_name, rc);
        if (rc == 0) {
            ck_assert_uint_eq(in.len, strlen(in.text));
            ck_assert_msg(in.nlines > 0, "%s: no lines", e->d_name);
            ck_assert_ptr_nonnull(in.page);
            for (size_t i = 0; i < in.nlines; i++)
                ck_assert(in.page[i] >= 1 &&
                          (i == 0 || in.page[i] >= in.page[i - 1]));
        }
        arc_input_free(&in);
    }
    closedir(d);
    ck_assert_int_gt(files, 0);
}
END_TEST

START_TEST(test_corpus_reply)
{
    /* The government reply (批复): heading, body, signature in order, the
     * "— 1 —" page number gone, the signature on page 2. */
    static const char *const order[] = {"文件", "批复", "收悉", "经研究",
                                        "印发", NULL};
    arc_input in;
    char reason[512];
    ck_assert_int_eq(read_corpus("n.ofd", &in, reason, sizeof reason), 0);
    in_order(&in, order);
    ck_assert_ptr_null(strstr(in.text, "— 1 —"));
    long l = line_with(&in, "印发");
    ck_assert_uint_eq(in.page[l], 2);
    ck_assert_uint_eq(in.page[line_with(&in, "批复")], 1);
    arc_input_free(&in);
}
END_TEST

START_TEST(test_corpus_essay)
{
    /* The literary text: title, author, paragraphs in order; the paragraph
     * running from page 1 onto page 2 is one line, on page 1. */
    static const char *const order[] = {"闭关主义", "尼采", "鸦片",
                                        "三七二十一", "孱头", "新文艺", NULL};
    arc_input in;
    char reason[512], buf[16384];
    ck_assert_int_eq(
        read_corpus("拿来主义_page6.ofd", &in, reason, sizeof reason), 0);
    in_order(&in, order);
    ck_assert_str_eq(line_of(&in, 0, buf, sizeof buf), "拿来主义");
    ck_assert_str_eq(line_of(&in, 1, buf, sizeof buf), "鲁迅");
    long across = line_with(&in, "三七二十一");
    ck_assert_int_eq(line_with(&in, "孱头"), across);
    ck_assert_uint_eq(in.page[across], 1);
    ck_assert_uint_eq(in.page[line_with(&in, "新文艺")], 2);
    arc_input_free(&in);
}
END_TEST

START_TEST(test_corpus_paths_only)
{
    /* Text drawn as outlines: nothing to read, and said so. */
    arc_input in;
    char reason[512];
    ck_assert_int_eq(read_corpus("h.ofd", &in, reason, sizeof reason),
                     ARC_EPARSE);
    ck_assert_ptr_nonnull(strstr(reason, "没有可提取的文字"));
}
END_TEST

static Suite *fixture_suite(void)
{
    Suite *s = suite_create("input_ofd");
    TCase *tc = tcase_create("core");
    tcase_add_test(tc, test_report);
    tcase_add_test(tc, test_shuffled);
    tcase_add_test(tc, test_stamp);
    tcase_add_test(tc, test_deltas);
    tcase_add_test(tc, test_refused);
    tcase_add_test(tc, test_limits_from_options);
    tcase_add_test(tc, test_sniff);
    suite_add_tcase(s, tc);
    return s;
}

static Suite *corpus_suite(void)
{
    Suite *s = suite_create("input_ofd_corpus");
    TCase *tc = tcase_create("corpus");
    tcase_add_test(tc, test_corpus_every_file);
    tcase_add_test(tc, test_corpus_reply);
    tcase_add_test(tc, test_corpus_essay);
    tcase_add_test(tc, test_corpus_paths_only);
    suite_add_tcase(s, tc);
    return s;
}

int main(int argc, char **argv)
{
    if (argc == 3 && strcmp(argv[1], "--corpus") == 0) {
        struct stat st;
        if (stat(argv[2], &st) != 0 || !S_ISDIR(st.st_mode)) {
            fprintf(stderr, "%s: no corpus, skipped\n", argv[2]);
            return SKIP;
        }
        corpus_dir = argv[2];
        return arc_test_run(corpus_suite());
    }
    int rc = system("python3 " ARC_TEST_SOURCE_DIR
                    "/tests/formats/make_ofd.py " FIXTURES);
    if (rc == -1 || !WIFEXITED(rc) || WEXITSTATUS(rc) == 127) {
        fprintf(stderr, "python3 missing: OFD tests skipped\n");
        return SKIP;
    }
    if (WEXITSTATUS(rc) != 0) {
        fprintf(stderr, "make_ofd.py failed (%d)\n", WEXITSTATUS(rc));
        return EXIT_FAILURE;
    }
    return arc_test_run(fixture_suite());
}
