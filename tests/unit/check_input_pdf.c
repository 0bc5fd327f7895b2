/* check_input_pdf.c - the PDF reader (input_pdf.c).  The PDFs are made by
 * LibreOffice from documents written by tests/formats/make_pdf.py (cached
 * in the build directory); broken ones are cut from them here.  Exits 77
 * (skipped) when LibreOffice is not installed. */
#include "input.h"
#include "testutil.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>

#define SKIP 77
#define FIXTURES ARC_TEST_BUILD_DIR "/pdf-fixtures"

static char *slurp(const char *name, size_t *len)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/%s", FIXTURES, name);
    return arc_test_slurp(path, len);
}

static int read_bytes(arc_input *in, const char *data, size_t len,
                      char *reason, size_t size)
{
    memset(in, 0xAB, sizeof *in); /* the reader must clear it */
    return arc_input_pdf(in, data, len, reason, size);
}

static void read_ok(arc_input *in, const char *name)
{
    size_t len;
    char *data = slurp(name, &len);
    char reason[512] = "";
    int rc = read_bytes(in, data, len, reason, sizeof reason);
    free(data);
    ck_assert_msg(rc == 0, "%s: rc %d: %s", name, rc, reason);
    ck_assert_ptr_nonnull(in->text);
    ck_assert_uint_eq(in->len, strlen(in->text));
}

/* Line i (0-based) of in, copied into buf. */
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
 * it names (0: any). */
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
        s++; /* the tab */
        ck_assert_msg(n < in->nlines, "%s: %zu lines, want more: %s", name,
                      in->nlines, s);
        line_of(in, n, got, sizeof got);
        ck_assert_msg(strcmp(got, s) == 0, "%s line %zu:\n got %s\nwant %s",
                      name, n + 1, got, s);
        ck_assert_ptr_nonnull(in->page);
        if (page)
            ck_assert_msg(in->page[n] == page, "%s line %zu: page %u, want %u",
                          name, n + 1, in->page[n], page);
        n++;
        s = nl + 1;
    }
    ck_assert_msg(in->nlines == n, "%s: %zu lines, want %zu", name,
                  in->nlines, n);
    free(exp);
}

static void refused(const char *data, size_t len, const char *want)
{
    arc_input in;
    char reason[512] = "";
    int rc = read_bytes(&in, data, len, reason, sizeof reason);
    ck_assert_msg(rc == ARC_EPARSE, "rc %d (%s), want ARC_EPARSE", rc,
                  reason);
    ck_assert_msg(strstr(reason, want) != NULL, "reason \"%s\" lacks \"%s\"",
                  reason, want);
    ck_assert_ptr_null(in.text);
    ck_assert_uint_eq(in.nlines, 0);
}

static void refused_file(const char *name, const char *want)
{
    size_t len;
    char *data = slurp(name, &len);
    refused(data, len, want);
    free(data);
}

START_TEST(test_paragraphs)
{
    /* Lines joined without a space between CJK characters and with one
     * between Latin words; every numbered heading on its own line. */
    arc_input in;
    read_ok(&in, "paragraphs.pdf");
    expect_paragraphs(&in, "paragraphs.expected");
    arc_input_free(&in);
}
END_TEST

START_TEST(test_furniture)
{
    /* Header and "- N -" gone; a paragraph longer than a page is one line,
     * on the page where it starts. */
    arc_input in;
    read_ok(&in, "furniture.pdf");
    ck_assert_ptr_null(strstr(in.text, "页眉"));
    ck_assert_ptr_null(strstr(in.text, "-1-"));
    ck_assert_ptr_null(strstr(in.text, "- 1 -"));
    expect_paragraphs(&in, "furniture.expected");
    arc_input_free(&in);
}
END_TEST

START_TEST(test_page_count_footer)
{
    arc_input in;
    read_ok(&in, "pagecount.pdf");
    ck_assert_ptr_null(strstr(in.text, "共3页"));
    ck_assert_ptr_null(strstr(in.text, "示例页眉"));
    expect_paragraphs(&in, "pagecount.expected");
    arc_input_free(&in);
}
END_TEST

START_TEST(test_scan)
{
    refused_file("scan.pdf", "扫描件，没有文字层，无法检查");
    /* Page numbers are no text layer either. */
    refused_file("scan-numbered.pdf", "扫描件，没有文字层，无法检查");
}
END_TEST

START_TEST(test_unmapped)
{
    /* A font mapping its glyphs to private-use code points: no text. */
    refused_file("unmapped.pdf", "没有对应的文字");
}
END_TEST

START_TEST(test_encrypted)
{
    size_t len;
    char *data = slurp("encrypted.pdf", &len);
    ck_assert_msg(arc_bytes_contain(data, len, "/Encrypt"),
                  "the fixture is not encrypted");
    refused(data, len, "加密");
    free(data);
}
END_TEST

START_TEST(test_broken)
{
    static const char garbage[] = "%PDF-1.7\n1 0 obj << /Type /Catalog "
                                  "/Pages 9 0 R >>\nxref\nnonsense\n";
    refused(garbage, sizeof garbage - 1, "不是有效的 PDF 文件");
    refused("", 0, "文件为空");
    refused("%PDF-", 5, "不是有效的 PDF 文件");
    size_t len;
    char *data = slurp("paragraphs.pdf", &len);
    refused(data, 200, "不是有效的 PDF 文件");
    /* Cut anywhere: read what can be read, or refuse with a reason; never
     * crash (the ASan build runs this too). */
    for (size_t cut = len / 8; cut < len; cut += len / 8) {
        arc_input in;
        char reason[512] = "";
        int rc = read_bytes(&in, data, cut, reason, sizeof reason);
        ck_assert_msg(rc == 0 || (rc == ARC_EPARSE && reason[0]),
                      "cut at %zu: rc %d", cut, rc);
        if (rc == 0)
            ck_assert_uint_eq(in.len, strlen(in.text));
        arc_input_free(&in);
    }
    free(data);
}
END_TEST

START_TEST(test_sniff)
{
    size_t len;
    char *data = slurp("paragraphs.pdf", &len);
    ck_assert_ptr_eq(arc_reader_for("x", data, len), &arc_reader_pdf);
    ck_assert_ptr_eq(arc_reader_for("x.txt", data, len), &arc_reader_pdf);
    ck_assert_ptr_eq(arc_reader_by_name("A.PDF"), &arc_reader_pdf);
    /* A header after some junk, within the first KiB, still counts. */
    char *shifted = malloc(len + 2000);
    ck_assert_ptr_nonnull(shifted);
    memset(shifted, ' ', 2000);
    memcpy(shifted + 500, data, len);
    ck_assert_ptr_eq(arc_reader_for("x", shifted, len + 500),
                     &arc_reader_pdf);
    memcpy(shifted + 2000, data, len);
    memset(shifted, ' ', 2000);
    ck_assert_ptr_ne(arc_reader_for("x", shifted, len + 2000),
                     &arc_reader_pdf);
    free(shifted);
    free(data);
}
END_TEST

/* ------------------------------------------------------------ threads */

typedef struct {
    const char *data;
    size_t len;
    const char *want;
    int bad;
} job;

static void *reader(void *arg)
{
    job *j = arg;
    for (int k = 0; k < 5; k++) {
        arc_input in;
        char reason[512];
        memset(&in, 0, sizeof in);
        if (arc_input_pdf(&in, j->data, j->len, reason, sizeof reason) ||
            strcmp(in.text, j->want))
            j->bad++;
        arc_input_free(&in);
    }
    return NULL;
}

START_TEST(test_threads)
{
    /* archeck -j reads one document per thread: poppler must give every
     * thread the text a lone reader gets. */
    static const char *const names[] = {"paragraphs.pdf", "furniture.pdf",
                                        "pagecount.pdf", "paragraphs.pdf"};
    enum { N = 4 };
    char *data[N];
    arc_input solo[N];
    job jobs[N];
    pthread_t t[N];
    for (int i = 0; i < N; i++) {
        data[i] = slurp(names[i], &jobs[i].len);
        read_ok(&solo[i], names[i]);
        jobs[i] = (job){data[i], jobs[i].len, solo[i].text, 0};
    }
    for (int i = 0; i < N; i++)
        ck_assert_int_eq(pthread_create(&t[i], NULL, reader, &jobs[i]), 0);
    for (int i = 0; i < N; i++) {
        pthread_join(t[i], NULL);
        ck_assert_msg(jobs[i].bad == 0, "%s: %d of 5 reads differ", names[i],
                      jobs[i].bad);
        arc_input_free(&solo[i]);
        free(data[i]);
    }
}
END_TEST

static Suite *suite(void)
{
    Suite *s = suite_create("input_pdf");
    TCase *tc = tcase_create("core");
    tcase_set_timeout(tc, 120);
    tcase_add_test(tc, test_paragraphs);
    tcase_add_test(tc, test_furniture);
    tcase_add_test(tc, test_page_count_footer);
    tcase_add_test(tc, test_scan);
    tcase_add_test(tc, test_unmapped);
    tcase_add_test(tc, test_encrypted);
    tcase_add_test(tc, test_broken);
    tcase_add_test(tc, test_sniff);
    tcase_add_test(tc, test_threads);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    int rc = system("python3 " ARC_TEST_SOURCE_DIR
                    "/tests/formats/make_pdf.py " FIXTURES);
    if (rc == -1 || !WIFEXITED(rc) || WEXITSTATUS(rc) == SKIP ||
        WEXITSTATUS(rc) == 127) {
        fprintf(stderr, "LibreOffice or python3 missing: PDF tests skipped\n");
        return SKIP;
    }
    if (WEXITSTATUS(rc) != 0) {
        fprintf(stderr, "make_pdf.py failed (%d)\n", WEXITSTATUS(rc));
        return EXIT_FAILURE;
    }
    return arc_test_run(suite());
}
