/* check_annotate.c - annotated copies (annotate.c, package.c): where the
 * comment markers land in document.xml (runs split inside text and after
 * entities, whole runs left whole, automatic numbering labels, hidden and
 * deleted text, empty paragraphs, whole-document findings), ids after the
 * comments already there, parts declared once, a new document for text
 * inputs, and what is refused. */
#include "testutil.h"

#include "package.h"
#include "result.h"
#include "util.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define W "xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\""

static const char types[] =
    "<?xml version=\"1.0\"?><Types xmlns=\"http://schemas.openxmlformats.org/"
    "package/2006/content-types\"><Default Extension=\"rels\" "
    "ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
    "<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
    "<Override PartName=\"/word/document.xml\" ContentType=\"application/"
    "vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml\"/>"
    "%s</Types>";

static const char rels[] =
    "<?xml version=\"1.0\"?><Relationships xmlns=\"http://schemas."
    "openxmlformats.org/package/2006/relationships\"><Relationship Id=\"rId1\" "
    "Type=\"http://schemas.openxmlformats.org/officeDocument/2006/"
    "relationships/officeDocument\" Target=\"word/document.xml\"/>"
    "</Relationships>";

typedef struct {
    arc_test_dir t;
    char src[4096];
    char out[4096];
} files;

/* Writes a .docx of body (the inside of w:body) with the extra parts given
 * (name, content pairs, NULL-terminated), and returns its path. */
static const char *make_docx(files *f, const char *body, const char *ct_extra,
                             const char *const *extra)
{
    arc_test_dir_make(&f->t, "annotate");
    char ct[4096], doc[8192];
    snprintf(ct, sizeof ct, types, ct_extra ? ct_extra : "");
    snprintf(doc, sizeof doc,
             "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>"
             "<w:document %s><w:body>%s</w:body></w:document>",
             W, body);
    arc_pkg_part parts[8] = {{"[Content_Types].xml", ct, strlen(ct)},
                             {"_rels/.rels", rels, sizeof rels - 1},
                             {"word/document.xml", doc, strlen(doc)}};
    size_t n = 3;
    for (size_t i = 0; extra && extra[i]; i += 2)
        parts[n++] = (arc_pkg_part){extra[i], extra[i + 1],
                                    strlen(extra[i + 1])};
    char *zip = NULL, why[256];
    size_t len = 0;
    ck_assert_int_eq(arc_pkg_create(parts, n, &zip, &len, why, sizeof why), 0);
    snprintf(f->src, sizeof f->src, "%s/in.docx", f->t.dir);
    snprintf(f->out, sizeof f->out, "%s/out.docx", f->t.dir);
    FILE *fp = fopen(f->src, "wb");
    ck_assert_ptr_nonnull(fp);
    ck_assert_uint_eq(fwrite(zip, 1, len, fp), len);
    fclose(fp);
    free(zip);
    return f->src;
}

/* A finding on line `line` from character `col` (1-based), `bytes` long,
 * quoting `evidence`. */
static arc_finding finding(int line, int col, size_t bytes,
                           const char *evidence, const char *section)
{
    arc_finding fi = {0};
    fi.path = "in.docx";
    fi.line = line;
    fi.column = col;
    fi.offset = 1000;
    fi.end_offset = 1000 + bytes;
    fi.severity = ARC_SEV_WARNING;
    fi.rule = "test.rule";
    fi.section = section ? section : "";
    fi.message = "测试<提示>&";
    fi.evidence = evidence;
    return fi;
}

/* Annotates src with the findings given; returns the part `part` of the
 * copy (malloc'd). */
static char *annotate(files *f, const arc_finding *fs, size_t n,
                      const char *format, const char *part)
{
    arc_findings *list = NULL;
    ck_assert_int_eq(arc_findings_new(&list), 0);
    for (size_t i = 0; i < n; i++)
        ck_assert_int_eq(arc_findings_add(list, &fs[i]), 0);
    arc_result *r = arc_test_given_result(f->src, NULL, list);
    r->format = format;
    arc_error err = {0};
    int rc = arc_annotate(r, f->src, f->out, &err);
    ck_assert_msg(rc == 0, "arc_annotate: %s", err.message);
    arc_result_free(r);
    arc_findings_free(list);
    char *data, *out, why[256];
    size_t len, olen;
    ck_assert_int_eq(arc_read_file(&data, &len, f->out, 0, &err), 0);
    arc_pkg *p = NULL;
    arc_pkg_limits lim = {(size_t)1 << 20, 0, NULL};
    ck_assert_int_eq(arc_pkg_open(&p, data, len, &lim, why, sizeof why),
                     0);
    ck_assert_int_eq(arc_pkg_read(p, part, 0, &out, &olen, why, sizeof why), 0);
    ck_assert_ptr_nonnull(out);
    arc_pkg_close(p);
    free(data);
    return out;
}

#define HAS(hay, needle)                                                       \
    ck_assert_msg(strstr(hay, needle) != NULL, "missing %s in %s", needle, hay)

#define START(id) "<w:commentRangeStart w:id=\"" #id "\"/>"
#define END(id)                                                                \
    "<w:commentRangeEnd w:id=\"" #id "\"/><w:r><w:commentReference "          \
    "w:id=\"" #id "\"/></w:r>"

START_TEST(split_inside_a_run)
{
    files f;
    make_docx(&f,
              "<w:p><w:r w:rsidR=\"1\"><w:rPr><w:b/></w:rPr>"
              "<w:t>共有XX&amp;件</w:t></w:r></w:p>",
              NULL, NULL);
    arc_finding fi = finding(1, 3, 2, "XX", NULL);
    char *doc = annotate(&f, &fi, 1, "docx", "word/document.xml");
    HAS(doc, "<w:r w:rsidR=\"1\"><w:rPr><w:b/></w:rPr><w:t "
             "xml:space=\"preserve\">共有</w:t></w:r>" START(0)
             "<w:r w:rsidR=\"1\"><w:rPr><w:b/></w:rPr><w:t "
             "xml:space=\"preserve\">XX</w:t></w:r>" END(0)
             "<w:r w:rsidR=\"1\"><w:rPr><w:b/></w:rPr><w:t "
             "xml:space=\"preserve\">&amp;件</w:t></w:r></w:p>");
    free(doc);
    /* The comment itself: severity, message (escaped) and rule id. */
    char *c = annotate(&f, &fi, 1, "docx", "word/comments.xml");
    HAS(c, "<w:comment w:id=\"0\" w:author=\"archeck\"");
    HAS(c, "【警告】测试&lt;提示&gt;&amp;");
    HAS(c, "规则 test.rule");
    free(c);
    arc_test_remove_tree(f.t.dir);
}
END_TEST

START_TEST(split_after_an_entity)
{
    files f;
    make_docx(&f, "<w:p><w:r><w:t>共有XX&amp;件</w:t></w:r></w:p>", NULL,
              NULL);
    arc_finding fi = finding(1, 5, 4, "&件", NULL);
    char *doc = annotate(&f, &fi, 1, "docx", "word/document.xml");
    HAS(doc, "XX</w:t></w:r>" START(0)
             "<w:r><w:t xml:space=\"preserve\">&amp;件</w:t></w:r>" END(0)
             "</w:p>");
    free(doc);
    arc_test_remove_tree(f.t.dir);
}
END_TEST

START_TEST(whole_runs_are_not_split)
{
    files f;
    make_docx(&f,
              "<w:p><w:pPr><w:jc w:val=\"left\"/></w:pPr><w:r><w:t>甲乙</w:t>"
              "</w:r><w:r><w:tab/><w:t>丙丁</w:t></w:r></w:p>",
              NULL, NULL);
    /* The tab and 丙丁: all of the second run. */
    arc_finding fi[2] = {finding(1, 3, 7, "\t丙丁", NULL),
                         finding(1, 1, 3, "甲", NULL)};
    char *doc = annotate(&f, fi, 2, "docx", "word/document.xml");
    HAS(doc, "</w:pPr>" START(1) "<w:r><w:t xml:space=\"preserve\">甲</w:t>"
             "</w:r>" END(1) "<w:r><w:t xml:space=\"preserve\">乙</w:t></w:r>"
             START(0) "<w:r><w:tab/><w:t>丙丁</w:t></w:r>" END(0) "</w:p>");
    free(doc);
    arc_test_remove_tree(f.t.dir);
}
END_TEST

START_TEST(hidden_and_deleted_text_count_for_nothing)
{
    files f;
    make_docx(&f,
              "<w:p><w:r><w:rPr><w:vanish/></w:rPr><w:t>隐藏</w:t></w:r>"
              "<w:del w:id=\"1\" w:author=\"a\"><w:r><w:delText>删</w:delText>"
              "</w:r></w:del><w:ins w:id=\"2\" w:author=\"a\"><w:r>"
              "<w:t>可见XX</w:t></w:r></w:ins></w:p>",
              NULL, NULL);
    arc_finding fi = finding(1, 3, 2, "XX", NULL);
    char *doc = annotate(&f, &fi, 1, "docx", "word/document.xml");
    /* Inside the tracked insertion, which stays one. */
    HAS(doc, "<w:ins w:id=\"2\" w:author=\"a\"><w:r><w:t "
             "xml:space=\"preserve\">可见</w:t></w:r>" START(0)
             "<w:r><w:t xml:space=\"preserve\">XX</w:t></w:r>" END(0)
             "</w:ins>");
    HAS(doc, "<w:delText>删</w:delText>");
    free(doc);
    arc_test_remove_tree(f.t.dir);
}
END_TEST

START_TEST(automatic_numbering_labels)
{
    static const char numbering[] =
        "<w:numbering " W "><w:abstractNum w:abstractNumId=\"0\"><w:lvl "
        "w:ilvl=\"0\"><w:start w:val=\"1\"/><w:numFmt "
        "w:val=\"chineseCounting\"/><w:lvlText w:val=\"%1、\"/></w:lvl>"
        "</w:abstractNum><w:num w:numId=\"1\"><w:abstractNumId w:val=\"0\"/>"
        "</w:num></w:numbering>";
    static const char doc_rels[] =
        "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/"
        "relationships\"><Relationship Id=\"rId7\" Type=\"http://schemas."
        "openxmlformats.org/officeDocument/2006/relationships/numbering\" "
        "Target=\"numbering.xml\"/></Relationships>";
    const char *extra[] = {"word/numbering.xml", numbering,
                           "word/_rels/document.xml.rels", doc_rels, NULL};
    files f;
    make_docx(&f,
              "<w:p><w:pPr><w:numPr><w:ilvl w:val=\"0\"/><w:numId w:val=\"1\"/>"
              "</w:numPr></w:pPr><w:r><w:t>主要举措</w:t></w:r></w:p>",
              NULL, extra);
    /* "一、" is the label: the whole paragraph; "主要" follows it. */
    arc_finding fi[2] = {finding(1, 1, 6, "一、", NULL),
                         finding(1, 3, 6, "主要", NULL)};
    char *doc = annotate(&f, fi, 2, "docx", "word/document.xml");
    HAS(doc, "</w:pPr>" START(0) START(1)
             "<w:r><w:t xml:space=\"preserve\">主要</w:t></w:r>" END(1)
             "<w:r><w:t xml:space=\"preserve\">举措</w:t></w:r>" END(0)
             "</w:p>");
    free(doc);
    /* The relationship joins the ones there, with a new id. */
    char *r = annotate(&f, fi, 2, "docx", "word/_rels/document.xml.rels");
    HAS(r, "<Relationship Id=\"rId8\" Type=\"http://schemas.openxmlformats."
           "org/officeDocument/2006/relationships/comments\" "
           "Target=\"comments.xml\"/></Relationships>");
    free(r);
    char *ct = annotate(&f, fi, 2, "docx", "[Content_Types].xml");
    HAS(ct, "<Override PartName=\"/word/comments.xml\"");
    free(ct);
    arc_test_remove_tree(f.t.dir);
}
END_TEST

START_TEST(existing_comments_are_kept)
{
    static const char comments[] =
        "<w:comments " W "><w:comment w:id=\"7\" w:author=\"审核人\"><w:p>"
        "<w:r><w:t>原有批注</w:t></w:r></w:p></w:comment></w:comments>";
    static const char doc_rels[] =
        "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/"
        "relationships\"><Relationship Id=\"rId3\" Type=\"http://schemas."
        "openxmlformats.org/officeDocument/2006/relationships/comments\" "
        "Target=\"comments.xml\"/></Relationships>";
    const char *extra[] = {"word/comments.xml", comments,
                           "word/_rels/document.xml.rels", doc_rels, NULL};
    files f;
    make_docx(&f,
              "<w:p>" START(7) "<w:r><w:t>标题</w:t></w:r>" END(7) "</w:p>"
              "<w:p><w:r><w:t>正文XX</w:t></w:r></w:p>",
              "<Override PartName=\"/word/comments.xml\" ContentType=\"application/"
              "vnd.openxmlformats-officedocument.wordprocessingml.comments+xml\"/>",
              extra);
    arc_finding fi = finding(2, 3, 2, "XX", NULL);
    char *c = annotate(&f, &fi, 1, "docx", "word/comments.xml");
    HAS(c, "<w:comment w:id=\"7\" w:author=\"审核人\"><w:p><w:r><w:t>原有批注"
           "</w:t></w:r></w:p></w:comment><w:comment w:id=\"8\" "
           "w:author=\"archeck\"");
    free(c);
    char *doc = annotate(&f, &fi, 1, "docx", "word/document.xml");
    HAS(doc, START(7) "<w:r><w:t>标题</w:t></w:r>" END(7));
    HAS(doc, "正文</w:t></w:r>" START(8));
    free(doc);
    char *r = annotate(&f, &fi, 1, "docx", "word/_rels/document.xml.rels");
    ck_assert_ptr_null(strstr(strstr(r, "comments.xml") + 1, "comments.xml"));
    free(r);
    char *ct = annotate(&f, &fi, 1, "docx", "[Content_Types].xml");
    ck_assert_ptr_null(strstr(strstr(ct, "comments+xml") + 1, "comments+xml"));
    free(ct);
    arc_test_remove_tree(f.t.dir);
}
END_TEST

START_TEST(whole_document_and_empty_paragraphs)
{
    files f;
    make_docx(&f,
              "<w:p/><w:p><w:r><w:t>标题</w:t></w:r></w:p><w:p "
              "w:rsidR=\"2\"/>",
              NULL, NULL);
    /* Line 0: the first paragraph with text; line 3: an empty one. */
    arc_finding fi[2] = {finding(0, 0, 0, "", NULL),
                         finding(3, 1, 0, "", "measures")};
    char *doc = annotate(&f, fi, 2, "docx", "word/document.xml");
    HAS(doc, "<w:body><w:p/><w:p>" START(0) "<w:r><w:t>标题</w:t></w:r>"
             END(0) "</w:p><w:p w:rsidR=\"2\">" START(1) END(1) "</w:p>");
    free(doc);
    arc_test_remove_tree(f.t.dir);
}
END_TEST

START_TEST(a_new_document_for_text)
{
    static const char text[] = "某区2025年度法治政府建设情况报告\n"
                               "一、主要举措\n"
                               "共有\tXX件 & 其他。\r\n";
    files f;
    arc_test_dir_make(&f.t, "annotate");
    snprintf(f.src, sizeof f.src, "%s", arc_test_put(&f.t, "in.txt", text));
    snprintf(f.out, sizeof f.out, "%s/in.docx", f.t.dir);
    arc_finding fi[2] = {finding(3, 4, 2, "XX", NULL),
                         finding(0, 0, 0, "", NULL)};
    arc_findings *list = NULL;
    ck_assert_int_eq(arc_findings_new(&list), 0);
    for (size_t i = 0; i < 2; i++)
        ck_assert_int_eq(arc_findings_add(list, &fi[i]), 0);
    arc_scorecard card = {0};
    card.checked = 1;
    snprintf(card.title, sizeof card.title, "某区2025年度法治政府建设情况报告");
    arc_result *r = arc_test_given_result(f.src, &card, list);
    arc_findings_free(list);
    r->format = "text";
    arc_error err = {0};
    /* The text must have been kept. */
    ck_assert_int_eq(arc_annotate(r, f.src, f.out, &err), ARC_EINVAL);
    r->kept.orig = strdup(text);
    r->kept.orig_len = strlen(text);
    r->kept.headings = calloc(1, sizeof *r->kept.headings);
    r->kept.headings[0] = (arc_heading){2, 0, 1, strdup("一、"),
                                        strdup("主要举措"), "measures"};
    r->kept.nheadings = 1;
    ck_assert_int_eq(arc_annotate(r, f.src, f.out, &err), 0);
    arc_result_free(r);

    char *data, *doc, *sty, why[256];
    size_t len, dl, sl;
    arc_pkg *p = NULL;
    arc_pkg_limits lim = {(size_t)1 << 20, 0, NULL};
    ck_assert_int_eq(arc_read_file(&data, &len, f.out, 0, &err), 0);
    ck_assert_int_eq(arc_pkg_open(&p, data, len, &lim, why, sizeof why),
                     0);
    ck_assert_int_eq(arc_pkg_read(p, "word/document.xml", 0, &doc, &dl, why,
                                  sizeof why),
                     0);
    ck_assert_int_eq(
        arc_pkg_read(p, "word/styles.xml", 0, &sty, &sl, why, sizeof why), 0);
    ck_assert(arc_pkg_has(p, "word/comments.xml"));
    HAS(doc, "<w:p><w:pPr><w:pStyle w:val=\"Title\"/></w:pPr>" START(1)
             "<w:r><w:t xml:space=\"preserve\">某区2025年度法治政府建设情况报告"
             "</w:t></w:r>" END(1) "</w:p>");
    HAS(doc, "<w:p><w:pPr><w:pStyle w:val=\"Heading1\"/></w:pPr><w:r><w:t "
             "xml:space=\"preserve\">一、主要举措</w:t></w:r></w:p>");
    HAS(doc, "<w:p><w:r><w:t xml:space=\"preserve\">共有</w:t></w:r>"
             "<w:r><w:tab/></w:r>" START(0)
             "<w:r><w:t xml:space=\"preserve\">XX</w:t></w:r>" END(0)
             "<w:r><w:t xml:space=\"preserve\">件 &amp; 其他。</w:t></w:r>"
             "</w:p><w:sectPr>");
    HAS(sty, "<w:style w:type=\"paragraph\" w:styleId=\"Heading1\">");
    HAS(sty, "<w:outlineLvl w:val=\"0\"/>");
    free(doc);
    free(sty);
    arc_pkg_close(p);
    free(data);
    arc_test_remove_tree(f.t.dir);
}
END_TEST

START_TEST(refusals)
{
    files f;
    make_docx(&f, "<w:p><w:r><w:t>正文</w:t></w:r></w:p>", NULL, NULL);
    arc_result *r = arc_test_given_result(f.src, NULL, NULL);
    r->format = "docx";
    arc_error err = {0};
    /* Never over the original. */
    ck_assert_int_eq(arc_annotate(r, f.src, f.src, &err), ARC_EINVAL);
    /* No finding: the copy is the original, byte for byte. */
    ck_assert_int_eq(arc_annotate(r, f.src, f.out, &err), 0);
    char *a, *b;
    size_t la, lb;
    ck_assert_int_eq(arc_read_file(&a, &la, f.src, 0, &err), 0);
    ck_assert_int_eq(arc_read_file(&b, &lb, f.out, 0, &err), 0);
    ck_assert(la == lb && memcmp(a, b, la) == 0);
    free(a);
    free(b);
    /* A file that was not checked gets no copy. */
    r->status = ARC_RESULT_UNREADABLE;
    ck_assert_int_eq(arc_annotate(r, f.src, f.out, &err), ARC_EINVAL);
    arc_result_free(r);
    arc_test_remove_tree(f.t.dir);
    /* A document.xml that is not well-formed. */
    make_docx(&f, "<w:p><w:r><w:t>正文</w:t></w:p>", NULL, NULL);
    arc_finding fi = finding(1, 1, 3, "正", NULL);
    arc_findings *list = NULL;
    ck_assert_int_eq(arc_findings_new(&list), 0);
    ck_assert_int_eq(arc_findings_add(list, &fi), 0);
    r = arc_test_given_result(f.src, NULL, list);
    r->format = "docx";
    ck_assert_int_ne(arc_annotate(r, f.src, f.out, &err), 0);
    arc_result_free(r);
    arc_findings_free(list);
    arc_test_remove_tree(f.t.dir);
}
END_TEST

static Suite *suite(void)
{
    Suite *s = suite_create("annotate");
    TCase *tc = tcase_create("core");
    tcase_add_test(tc, split_inside_a_run);
    tcase_add_test(tc, split_after_an_entity);
    tcase_add_test(tc, whole_runs_are_not_split);
    tcase_add_test(tc, hidden_and_deleted_text_count_for_nothing);
    tcase_add_test(tc, automatic_numbering_labels);
    tcase_add_test(tc, existing_comments_are_kept);
    tcase_add_test(tc, whole_document_and_empty_paragraphs);
    tcase_add_test(tc, a_new_document_for_text);
    tcase_add_test(tc, refusals);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    return arc_test_run(suite());
}
