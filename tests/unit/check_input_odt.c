/* check_input_odt.c - the .odt reader (input_odt.c).  Packages are built
 * here from XML strings (arc_test_zip, stored entries); with --office DIR
 * the suite reads LibreOffice's conversions of our files instead. */
#include "input.h"
#include "testutil.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define NS                                                                   \
    "xmlns:office=\"urn:oasis:names:tc:opendocument:xmlns:office:1.0\" "     \
    "xmlns:text=\"urn:oasis:names:tc:opendocument:xmlns:text:1.0\" "         \
    "xmlns:style=\"urn:oasis:names:tc:opendocument:xmlns:style:1.0\" "       \
    "xmlns:table=\"urn:oasis:names:tc:opendocument:xmlns:table:1.0\" "       \
    "xmlns:draw=\"urn:oasis:names:tc:opendocument:xmlns:drawing:1.0\" "      \
    "xmlns:fo=\"urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:"    \
    "1.0\" xmlns:xlink=\"http://www.w3.org/1999/xlink\" "                    \
    "xmlns:dc=\"http://purl.org/dc/elements/1.1/\" "                         \
    "xmlns:xml=\"http://www.w3.org/XML/1998/namespace\""
#define DECL "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
#define CONTENT(autos, body)                                                 \
    DECL "<office:document-content " NS "><office:automatic-styles>" autos   \
         "</office:automatic-styles><office:body><office:text>" body         \
         "</office:text></office:body></office:document-content>"
#define BODY(body) CONTENT("", body)
#define STYLES(s)                                                            \
    DECL "<office:document-styles " NS "><office:styles>" s                  \
         "</office:styles></office:document-styles>"
#define MIMETYPE "application/vnd.oasis.opendocument.text"
#define MANIFEST(extra)                                                      \
    DECL "<manifest:manifest xmlns:manifest=\"urn:oasis:names:tc:"           \
         "opendocument:xmlns:manifest:1.0\"><manifest:file-entry "           \
         "manifest:full-path=\"content.xml\" manifest:media-type=\"text/xml\">" \
         extra "</manifest:file-entry></manifest:manifest>"
#define P(t) "<text:p>" t "</text:p>"
#define H(l, t) "<text:h text:outline-level=\"" #l "\">" t "</text:h>"

static const arc_input_limits big = {(size_t)64 << 20, 100, NULL};

/* content.xml with automatic styles held in a variable; free it. */
static char *content_with(const char *autos, const char *body)
{
    static const char head[] = DECL "<office:document-content " NS
                                    "><office:automatic-styles>",
                      mid[] = "</office:automatic-styles><office:body>"
                              "<office:text>",
                      tail[] = "</office:text></office:body>"
                               "</office:document-content>";
    size_t n = strlen(head) + strlen(autos) + strlen(mid) + strlen(body) +
               strlen(tail) + 1;
    char *c = malloc(n);
    ck_assert_ptr_nonnull(c);
    snprintf(c, n, "%s%s%s%s%s", head, autos, mid, body, tail);
    return c;
}

/* An .odt of the given parts (NULL: left out), mimetype first. */
static unsigned char *make_odt(const char *mimetype, const char *content,
                               const char *styles, const char *manifest,
                               size_t *len)
{
    arc_test_entry e[4];
    size_t n = 0;
    if (mimetype)
        e[n++] = (arc_test_entry){"mimetype", mimetype, 0};
    if (manifest)
        e[n++] = (arc_test_entry){"META-INF/manifest.xml", manifest, 0};
    if (styles)
        e[n++] = (arc_test_entry){"styles.xml", styles, 0};
    if (content)
        e[n++] = (arc_test_entry){"content.xml", content, 0};
    return arc_test_zip(e, n, len);
}

static void read_ok(arc_input *in, const char *content, const char *styles,
                    const char *want)
{
    size_t len;
    unsigned char *z = make_odt(MIMETYPE, content, styles, MANIFEST(""), &len);
    char reason[256] = "";
    int rc = arc_input_odt(in, (const char *)z, len, &big, reason,
                           sizeof reason);
    free(z);
    ck_assert_msg(rc == 0, "rc %d: %s", rc, reason);
    ck_assert_uint_eq(in->len, strlen(in->text));
    if (want)
        ck_assert_str_eq(in->text, want);
}

static void refused_bytes(const unsigned char *data, size_t len,
                          const arc_input_limits *lim, const char *want)
{
    arc_input in;
    memset(&in, 0xAB, sizeof in);
    char reason[256] = "";
    int rc = arc_input_odt(&in, (const char *)data, len, lim ? lim : &big,
                           reason, sizeof reason);
    ck_assert_msg(rc == ARC_EPARSE, "rc %d (%s), want refusal: %s", rc,
                  reason, want);
    ck_assert_msg(strstr(reason, want) != NULL, "reason \"%s\" lacks \"%s\"",
                  reason, want);
    ck_assert_ptr_null(in.text);
    ck_assert_ptr_null(in.outline);
    arc_input_free(&in);
}

static void outline_is(const arc_input *in, const unsigned char *want,
                       size_t n)
{
    ck_assert_uint_eq(in->nlines, n);
    for (size_t i = 0; i < n; i++)
        ck_assert_msg(in->outline[i] == want[i],
                      "line %zu: outline %u, want %u", i + 1, in->outline[i],
                      want[i]);
}

/* ---------------------------------------------------------------- text */

START_TEST(test_paragraphs_and_headings)
{
    arc_input in;
    read_ok(&in,
            BODY(H(1, "一级") P("正文") "<text:p/>" H(3, "三级")
                 "<text:h>无级别</text:h>"
                 "<text:h text:outline-level=\"12\">过深</text:h>"
                 P("末")),
            NULL, "一级\n正文\n\n三级\n无级别\n过深\n末\n");
    outline_is(&in, (const unsigned char[]){1, 0, 0, 3, 1, 9, 0}, 7);
    ck_assert_ptr_null(in.title);
    arc_input_free(&in);
    read_ok(&in, BODY(""), NULL, "");
    ck_assert_uint_eq(in.nlines, 0);
    arc_input_free(&in);
}
END_TEST

START_TEST(test_inline_content)
{
    arc_input in;
    read_ok(&in,
            BODY(P("甲<text:s text:c=\"3\"/>乙<text:tab/>丙<text:line-break/>"
                   "丁<text:s/>戊")
                 P("<text:span>链</text:span><text:a xlink:href=\"x\">接"
                   "</text:a><text:soft-page-break/>续<text:bookmark "
                   "text:name=\"b\"/>完")
                 /* Layout white space collapses; none at the start. */
                 "<text:p>\n   a  \n\t b   </text:p>"
                 P("<text:number>9.</text:number>编号缓存不读")
                 P("A&amp;B<text:page-number>3</text:page-number>页")),
            NULL,
            "甲   乙 丙 丁 戊\n链接续完\na b\n编号缓存不读\nA&B3页\n");
    arc_input_free(&in);
}
END_TEST

START_TEST(test_tables)
{
    arc_input in;
    read_ok(&in,
            BODY(P("前")
                 "<table:table><table:table-column/>"
                 "<table:table-header-rows><table:table-row><table:table-cell>"
                 P("项目") "</table:table-cell><table:table-cell>" P("数量")
                 "</table:table-cell></table:table-row>"
                 "</table:table-header-rows>"
                 "<table:table-row><table:table-cell table:number-columns-"
                 "spanned=\"2\">" P("合并") "</table:table-cell>"
                 "<table:covered-table-cell>" P("被覆盖")
                 "</table:covered-table-cell></table:table-row>"
                 "<table:table-row><table:table-cell>" P("甲") P("乙")
                 "<table:table><table:table-row><table:table-cell>" P("内")
                 "</table:table-cell></table:table-row></table:table>"
                 "</table:table-cell><table:table-cell><text:p/>"
                 "</table:table-cell></table:table-row></table:table>"
                 P("后")),
            NULL, "前\n项目\n数量\n合并\n甲\n乙\n内\n\n后\n");
    arc_input_free(&in);
}
END_TEST

START_TEST(test_not_body_text)
{
    arc_input in;
    read_ok(&in,
            CONTENT("<style:style style:name=\"T9\" style:family=\"text\">"
                    "<style:text-properties text:display=\"none\"/>"
                    "</style:style>"
                    "<style:style style:name=\"T10\" style:family=\"text\" "
                    "style:parent-style-name=\"T9\"/>",
                    "<text:tracked-changes><text:changed-region "
                    "text:id=\"c1\"><text:deletion>" P("删除的")
                    "</text:deletion></text:changed-region>"
                    "</text:tracked-changes>"
                    "<text:sequence-decls><text:sequence-decl "
                    "text:name=\"Table\"/></text:sequence-decls>"
                    P("正<text:note text:note-class=\"footnote\">"
                      "<text:note-citation>1</text:note-citation>"
                      "<text:note-body>" P("脚注") "</text:note-body>"
                      "</text:note>文<office:annotation><dc:creator>审"
                      "</dc:creator>" P("批注") "</office:annotation>。")
                    P("改<text:change text:change-id=\"c1\"/>后")
                    P("<draw:frame><draw:text-box>" P("文本框")
                      "</draw:text-box></draw:frame>框外")
                    P("<text:span text:style-name=\"T9\">隐</text:span>显"
                      "<text:span text:style-name=\"T10\">藏</text:span>")
                    "<text:section text:name=\"s\" text:display=\"none\">"
                    P("隐藏节") "</text:section>"
                    "<text:section text:name=\"t\">" P("可见节")
                    "</text:section>"
                    "<text:table-of-content><text:table-of-content-source>"
                    "<text:index-title-template>目录</text:index-title-"
                    "template></text:table-of-content-source>"
                    "<text:index-body>" P("一、目录项")
                    "</text:index-body></text:table-of-content>"),
            NULL, "正文。\n改后\n框外\n显\n可见节\n一、目录项\n");
    arc_input_free(&in);
}
END_TEST

/* ---------------------------------------------------------------- lists */

#define NUMLVL(l, fmt, pre, suf, extra)                                      \
    "<text:list-level-style-number text:level=\"" #l "\" style:num-format=\"" \
    fmt "\" style:num-prefix=\"" pre "\" style:num-suffix=\"" suf "\" "      \
    extra "><style:list-level-properties><style:list-level-label-alignment " \
    "text:label-followed-by=\"nothing\"/></style:list-level-properties>"     \
    "</text:list-level-style-number>"
#define ITEM(x) "<text:list-item>" x "</text:list-item>"

START_TEST(test_list_labels)
{
    const char *autos =
        "<text:list-style style:name=\"L1\">"
        NUMLVL(1, "一, 二, 三, ...", "", "、", "")
        NUMLVL(2, "一, 二, 三, ...", "（", "）", "")
        NUMLVL(3, "1", "", ".", "text:display-levels=\"2\"")
        "<text:list-level-style-bullet text:level=\"4\" "
        "text:bullet-char=\"•\"/>"
        "</text:list-style>"
        "<text:list-style style:name=\"L2\">"
        "<text:list-level-style-number text:level=\"1\" style:num-format=\"1\" "
        "text:start-value=\"3\"/>"
        "</text:list-style>"
        "<style:style style:name=\"P9\" style:family=\"paragraph\" "
        "style:list-style-name=\"L3\"/>";
    const char *styles =
        STYLES("<text:list-style style:name=\"L3\">"
               NUMLVL(1, "A", "(", ")", "")
               "</text:list-style>");
    arc_input in;
    char *content = content_with(autos,
                    "<text:list xml:id=\"a\" text:style-name=\"L1\">"
                    ITEM(P("甲")
                         "<text:list>" ITEM(P("子") "<text:list>" ITEM(P("细"))
                                            ITEM(P("细") P("同项第二段"))
                                            "</text:list>")
                         ITEM("<text:list>" ITEM(P("深")) "</text:list>")
                         "</text:list>")
                    "<text:list-header>" P("表头无号") "</text:list-header>"
                    ITEM(P("乙")
                         "<text:list><text:list-item><text:list>"
                         ITEM("<text:list>" ITEM(P("点")) "</text:list>")
                         "</text:list></text:list-item></text:list>")
                    "</text:list>"
                    P("插入段")
                    "<text:list text:style-name=\"L1\" "
                    "text:continue-numbering=\"true\">" ITEM(P("丙"))
                    "</text:list>"
                    "<text:list text:style-name=\"L1\">" ITEM(P("新表"))
                    "</text:list>"
                    "<text:list text:continue-list=\"a\" "
                    "text:style-name=\"L1\">" ITEM(P("接甲表"))
                    "<text:list-item text:start-value=\"9\">" P("九")
                    "</text:list-item>"
                    "<text:list-item text:style-override=\"L2\">" P("覆盖")
                    "</text:list-item></text:list>"
                    "<text:list text:style-name=\"L2\">" ITEM(P("三起"))
                    ITEM(P("再")) "</text:list>"
                    "<text:list>" ITEM("<text:p text:style-name=\"P9\">"
                                       "段落样式</text:p>")
                    "</text:list>"
                    "<text:list text:style-name=\"无此样式\">" ITEM(P("无号"))
                    "</text:list>");
    read_ok(&in, content, styles,
            "一、甲\n"
            "（一）子\n"
            /* display-levels: each level's number in its own format */
            "一.1.细\n"
            "一.2.细\n"
            "同项第二段\n"
            /* an item whose first child is a sublist has no label */
            "一.3.深\n"
            "表头无号\n"
            "二、乙\n"
            "点\n"
            "插入段\n"
            "三、丙\n"
            "一、新表\n"
            "四、接甲表\n"
            "九、九\n"
            "10 覆盖\n"
            "3 三起\n"
            "4 再\n"
            "(A)段落样式\n"
            "无号\n");
    arc_input_free(&in);
    free(content);
}
END_TEST

START_TEST(test_outline_numbering)
{
    const char *styles = STYLES(
        "<text:outline-style style:name=\"Outline\">"
        "<text:outline-level-style text:level=\"1\" style:num-format=\"一, 二,"
        " 三, ...\" style:num-prefix=\"第\" style:num-suffix=\"章\"/>"
        "<text:outline-level-style text:level=\"2\" style:num-format=\"1\" "
        "text:display-levels=\"2\"/>"
        "<text:outline-level-style text:level=\"3\" style:num-format=\"\"/>"
        "</text:outline-style>");
    arc_input in;
    read_ok(&in,
            BODY(H(1, "总则") H(2, "目的") H(2, "范围") H(3, "无号")
                 "<text:h text:outline-level=\"1\" text:is-list-header="
                 "\"true\">不编号</text:h>"
                 H(1, "分则") H(2, "细则")
                 "<text:h text:outline-level=\"1\" text:restart-numbering="
                 "\"true\" text:start-value=\"5\">重排</text:h>"),
            styles,
            "第一章总则\n"
            "一.1 目的\n"
            "一.2 范围\n"
            "无号\n"
            "不编号\n"
            "第二章分则\n"
            "二.1 细则\n"
            "第五章重排\n");
    outline_is(&in, (const unsigned char[]){1, 2, 2, 3, 1, 1, 2, 1}, 8);
    arc_input_free(&in);
}
END_TEST

/* ------------------------------------------------------------ refusals */

START_TEST(test_not_a_package)
{
    const char *s = "这不是压缩包。";
    refused_bytes((const unsigned char *)s, strlen(s), NULL, "不是 zip");
    refused_bytes((const unsigned char *)"", 0, NULL, "为空");
    size_t len;
    unsigned char *z = make_odt(MIMETYPE, BODY(P("正文内容")), NULL, NULL,
                                &len);
    refused_bytes(z, len - 10, NULL, "不完整");
    refused_bytes(z, len / 2, NULL, "不完整");
    free(z);
    z = make_odt(MIMETYPE, NULL, NULL, NULL, &len);
    refused_bytes(z, len, NULL, "缺少 content.xml");
    free(z);
    z = make_odt(MIMETYPE, "<office:document-content><oops", NULL, NULL,
                 &len);
    refused_bytes(z, len, NULL, "content.xml 无法解析");
    free(z);
    z = make_odt(MIMETYPE, DECL "<x/>", NULL, NULL, &len);
    refused_bytes(z, len, NULL, "没有正文");
    free(z);
}
END_TEST

START_TEST(test_other_kinds)
{
    size_t len;
    unsigned char *z =
        make_odt("application/vnd.oasis.opendocument.spreadsheet",
                 BODY(""), NULL, NULL, &len);
    refused_bytes(z, len, NULL, "是 OpenDocument 表格，不是文字文档");
    free(z);
    z = make_odt("application/vnd.oasis.opendocument.presentation",
                 BODY(""), NULL, NULL, &len);
    refused_bytes(z, len, NULL, "演示文稿");
    free(z);
    z = make_odt("application/vnd.oasis.opendocument.formula", BODY(""),
                 NULL, NULL, &len);
    refused_bytes(z, len, NULL, "不是文字文档");
    free(z);
    /* A template is text. */
    z = make_odt(MIMETYPE "-template", BODY(P("模板")), NULL, NULL, &len);
    arc_input in;
    char reason[256];
    ck_assert_int_eq(arc_input_odt(&in, (const char *)z, len, &big, reason,
                                   sizeof reason),
                     0);
    ck_assert_str_eq(in.text, "模板\n");
    arc_input_free(&in);
    free(z);
}
END_TEST

START_TEST(test_encrypted)
{
    size_t len;
    unsigned char *z = make_odt(
        MIMETYPE, "\x01\x02 not xml", NULL,
        MANIFEST("<manifest:encryption-data manifest:checksum-type=\"SHA1\"/>"),
        &len);
    refused_bytes(z, len, NULL, "文档已加密，无法读取");
    free(z);
    arc_test_entry e[] = {{"mimetype", MIMETYPE, 0},
                          {"content.xml", BODY(P("机密")), 1}};
    z = arc_test_zip(e, 2, &len);
    refused_bytes(z, len, NULL, "已加密");
    free(z);
}
END_TEST

START_TEST(test_limits)
{
    size_t len;
    unsigned char *z = make_odt(MIMETYPE, BODY(P("一段足够长的正文内容")),
                                NULL, NULL, &len);
    arc_input_limits small = {100, 100, NULL}, few = {(size_t)1 << 20, 1, NULL};
    refused_bytes(z, len, &small, "解压后超过 100 字节");
    refused_bytes(z, len, &few, "条目过多");
    free(z);
}
END_TEST

START_TEST(test_xxe_not_expanded)
{
    arc_input in;
    read_ok(&in,
            DECL "<!DOCTYPE office:document-content [<!ENTITY x SYSTEM "
                 "\"file:///etc/passwd\">]><office:document-content " NS
                 "><office:body><office:text><text:p>A&x;B</text:p>"
                 "</office:text></office:body></office:document-content>",
            NULL, "AB\n");
    arc_input_free(&in);
}
END_TEST

/* ------------------------------------------------------------- readers */

START_TEST(test_reader_table)
{
    size_t len;
    unsigned char *z = make_odt(MIMETYPE, BODY(P("甲")), NULL, NULL, &len);
    const char *d = (const char *)z;
    /* The mimetype entry is certain: it beats the name, before the Word
     * reader's claim on any zip. */
    ck_assert_str_eq(arc_reader_for("a.odt", d, len)->name, "odt");
    ck_assert_str_eq(arc_reader_for("a.docx", d, len)->name, "odt");
    ck_assert_str_eq(arc_reader_for("noext", d, len)->name, "odt");
    ck_assert_str_eq(arc_reader_by_name("b.OTT")->name, "odt");
    arc_input in;
    char reason[256];
    const arc_reader *r = arc_reader_for("a.docx", d, len);
    ck_assert_int_eq(r->read(&in, d, len, NULL, NULL, reason, sizeof reason), 0);
    ck_assert_str_eq(in.text, "甲\n");
    arc_input_free(&in);
    free(z);
    /* A spreadsheet is claimed, then refused with what it is. */
    z = make_odt("application/vnd.oasis.opendocument.spreadsheet", BODY(""),
                 NULL, NULL, &len);
    r = arc_reader_for("a.ods", (const char *)z, len);
    ck_assert_str_eq(r->name, "odt");
    ck_assert_int_eq(r->read(&in, (const char *)z, len, NULL, NULL, reason,
                             sizeof reason),
                     ARC_EPARSE);
    ck_assert_ptr_nonnull(strstr(reason, "表格"));
    free(z);
    /* A zip without the mimetype entry is left to the Word reader. */
    z = make_odt(NULL, BODY(""), NULL, NULL, &len);
    ck_assert_str_eq(arc_reader_for("a.odt", (const char *)z, len)->name,
                     "docx");
    free(z);
}
END_TEST

/* ------------------------------------------------ LibreOffice's output */

static const char *office_dir;

START_TEST(test_office_samples)
{
    static const char *const names[] = {
        "compliant", "compliant-2", "date-malformed", "deadline-borderline",
        "missing-next-year", "numbering-duplicate", "placeholder",
        "ratio-out-of-range", "work-plan", "wrong-order"};
    arc_test_office_same_text(arc_input_odt, office_dir, "odt", names,
                              sizeof names / sizeof names[0]);
}
END_TEST

START_TEST(test_office_rich)
{
    char path[4096];
    size_t el, ol;
    snprintf(path, sizeof path, "%s/rich/rich.expected", office_dir);
    char *want = arc_test_slurp(path, &el);
    snprintf(path, sizeof path, "%s/rich/rich.odt", office_dir);
    char *odt = arc_test_slurp(path, &ol);
    arc_input in;
    char reason[256];
    ck_assert_int_eq(arc_input_odt(&in, odt, ol, NULL, reason, sizeof reason),
                     0);
    char *got = malloc(in.len + 4 * in.nlines + 1), *g = got;
    const char *p = in.text;
    for (size_t i = 0; i < in.nlines; i++) {
        const char *nl = strchr(p, '\n');
        g += sprintf(g, "%u\t%.*s\n", in.outline[i], (int)(nl - p), p);
        p = nl + 1;
    }
    ck_assert_str_eq(got, want);
    free(got);
    arc_input_free(&in);
    free(want);
    free(odt);
}
END_TEST

static Suite *suite(void)
{
    Suite *s = suite_create("input_odt");
    TCase *tc = tcase_create("text");
    tcase_add_test(tc, test_paragraphs_and_headings);
    tcase_add_test(tc, test_inline_content);
    tcase_add_test(tc, test_tables);
    tcase_add_test(tc, test_not_body_text);
    suite_add_tcase(s, tc);
    tc = tcase_create("numbering");
    tcase_add_test(tc, test_list_labels);
    tcase_add_test(tc, test_outline_numbering);
    suite_add_tcase(s, tc);
    tc = tcase_create("refusals");
    tcase_add_test(tc, test_not_a_package);
    tcase_add_test(tc, test_other_kinds);
    tcase_add_test(tc, test_encrypted);
    tcase_add_test(tc, test_limits);
    tcase_add_test(tc, test_xxe_not_expanded);
    suite_add_tcase(s, tc);
    tc = tcase_create("readers");
    tcase_add_test(tc, test_reader_table);
    suite_add_tcase(s, tc);
    return s;
}

static Suite *office_suite(void)
{
    Suite *s = suite_create("input_odt.libreoffice");
    TCase *tc = tcase_create("libreoffice");
    tcase_add_test(tc, test_office_samples);
    tcase_add_test(tc, test_office_rich);
    suite_add_tcase(s, tc);
    return s;
}

int main(int argc, char **argv)
{
    return arc_test_reader_main(argc, argv, suite, office_suite, &office_dir);
}
