/* check_input_html.c - the .html reader: article body without site chrome,
 * metadata, encodings, hostile and broken markup (input.h). */
#include "testutil.h"
#include "input.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* ------------------------------------------------------------ helpers */

static int html_len(arc_input *in, const char *s, size_t len, char *reason)
{
    memset(in, 0x5A, sizeof *in); /* the reader must initialise *in */
    strcpy(reason, "unchanged");
    return arc_input_html(in, s, len, reason, 128);
}

static int html(arc_input *in, const char *s, char *reason)
{
    return html_len(in, s, strlen(s), reason);
}

static size_t count_lines(const char *s)
{
    size_t n = 0;
    for (; *s; s++)
        n += *s == '\n';
    return n;
}

/* Parses s, expects success and the exact text; returns with *in filled. */
static void expect_text(arc_input *in, const char *s, const char *want)
{
    char reason[128];
    ck_assert_int_eq(html(in, s, reason), 0);
    ck_assert_ptr_nonnull(in->text);
    ck_assert_str_eq(in->text, want);
    ck_assert_uint_eq(in->len, strlen(want));
    ck_assert_uint_eq(in->nlines, count_lines(want));
    ck_assert_ptr_nonnull(in->outline);
    for (size_t i = 0; i < in->nlines; i++)
        ck_assert_uint_eq(in->outline[i], 0);
}

static void expect_eparse(const char *s, size_t len)
{
    arc_input in;
    char reason[128];
    ck_assert_int_eq(html_len(&in, s, len, reason), ARC_EPARSE);
    ck_assert_str_eq(reason, "网页中没有正文");
    ck_assert_ptr_null(in.text);
    ck_assert_ptr_null(in.title);
    ck_assert_ptr_null(in.published);
    ck_assert_ptr_null(in.unit);
    ck_assert_ptr_null(in.outline);
    ck_assert_uint_eq(in.len, 0);
    ck_assert_uint_eq(in.nlines, 0);
}

/* ------------------------------------------------------------ pages */

static const char gov_page[] =
    "<!DOCTYPE html>\n"
    "<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n"
    "<title>青禾区2023年法治政府建设年度报告_青禾区人民政府</title>\n"
    "<meta name=\"ArticleTitle\" content=\" 青禾区2023年法治政府建设年度报告\n\">\n"
    "<meta name=\"PubDate\" content=\"2024-03-20 10:00\">\n"
    "<meta name=\"ContentSource\" content=\"青禾区司法局\">\n"
    "<style>p { color: #333; } .menu { display: none; }</style>\n"
    "<script>var menu = \"<p>不是正文</p>\";</script>\n"
    "</head>\n<body>\n"
    "<div class=\"top-header\"><span>青禾区人民政府门户网站</span></div>\n"
    "<nav><ul><li><a href=\"/\">首页</a></li>"
    "<li><a href=\"/zwgk/\">政务公开</a></li></ul></nav>\n"
    "<div class=\"main\">\n"
    "  <div class=\"breadcrumb\">当前位置：<a href=\"/\">首页</a> &gt; "
    "<a href=\"/zwgk/\">政务公开</a> &gt; 法治政府建设</div>\n"
    "  <table class=\"xxgk-table\">\n"
    "    <tr><td>索引号：</td><td>QH-2024-00031</td>"
    "<td>发布机构：</td><td>青禾区司法局</td></tr>\n"
    "    <tr><td>发文日期：</td><td>2024-03-18</td>"
    "<td>主题分类：</td><td>法治政府</td></tr>\n"
    "  </table>\n"
    "  <div class=\"detail\">\n"
    "    <h1 class=\"detail-title\">青禾区2023年法治政府建设年度报告</h1>\n"
    "    <div class=\"info\">发布时间：2024-03-20 来源：青禾区司法局 "
    "阅读次数：<span id=\"hits\">128</span>\n"
    "      <span class=\"font-size\">字体：【<a href=\"#\">大</a> "
    "<a href=\"#\">中</a> <a href=\"#\">小</a>】</span></div>\n"
    "    <div id=\"zoom\" class=\"TRS_Editor\">\n"
    "      <p>　　2023年，青禾区深入推进法治政府建设，现将有关情况报告如下。</p>\n"
    "      <h3>一、主要举措和成效</h3>\n"
    "      <p><strong>（一）健全依法决策机制。</strong>全年审查重大行政决策"
    "事项12件，\n        审查规范性文件8件。</p>\n"
    "      <p>&nbsp;</p>\n"
    "      <h3>二、存在的不足和原因</h3>\n"
    "      <p>（一）基层执法力量不足。</p>\n"
    "      <h3>三、2024年主要安排</h3>\n"
    "      <p>继续抓好法治政府建设各项工作。</p>\n"
    "      <div class=\"print-bar\">【打印本页】【关闭窗口】</div>\n"
    "    </div>\n"
    "    <div class=\"share\">分享到：<a href=\"#\">微信</a></div>\n"
    "  </div>\n"
    "  <div class=\"related\"><h4>相关文章</h4><ul><li>"
    "<a href=\"/a\">青禾区2022年法治政府建设年度报告</a>"
    "<span>2023-03-28</span></li></ul></div>\n"
    "  <div class=\"site-info\"><p>为获得最佳浏览效果，建议使用新版浏览器访问本站。</p></div>\n"
    "</div>\n"
    "<footer><p>主办：青禾区人民政府办公室 地址：青禾区和平路1号</p></footer>\n"
    "<script>document.write(\"<p>脚本</p>\");</script>\n"
    "</body></html>\n";

START_TEST(test_gov_page)
{
    arc_input in;
    expect_text(&in, gov_page,
                "青禾区2023年法治政府建设年度报告\n"
                "　　2023年，青禾区深入推进法治政府建设，现将有关情况报告如下。\n"
                "一、主要举措和成效\n"
                "（一）健全依法决策机制。全年审查重大行政决策事项12件， "
                "审查规范性文件8件。\n"
                "二、存在的不足和原因\n"
                "（一）基层执法力量不足。\n"
                "三、2024年主要安排\n"
                "继续抓好法治政府建设各项工作。\n");
    ck_assert_str_eq(in.title, "青禾区2023年法治政府建设年度报告");
    ck_assert_str_eq(in.published, "2024-03-20");
    ck_assert_str_eq(in.unit, "青禾区司法局");
    arc_input_free(&in);
    ck_assert_ptr_null(in.text);
}
END_TEST

/* Without class hints the walk still stops at the element holding the
 * text, and chrome named by id/class vanishes inside it too. */
START_TEST(test_plain_layout)
{
    arc_input in;
    expect_text(&in,
                "<html><body>"
                "<div id=\"MainMenu\"><a href=\"/\">首页</a> 机构概况</div>"
                "<table width=\"100%\"><tr>"
                "<td width=\"20%\"><ul><li><a href=\"/x\">通知公告</a></li></ul>"
                "</td>"
                "<td><div class=\"wrap\">"
                "<div class=\"Location\">当前位置：<a href=\"/\">首页</a> &gt; "
                "政务公开</div>"
                "<p>一、主要举措和成效</p>"
                "<p>青禾区人民政府全年办理行政复议案件36件，纠错4件。</p>"
                "<p>二、下一年度主要安排</p>"
                "<p>青禾区将持续完善行政执法监督机制。</p>"
                "<div class=\"Footer_Bar\">网站标识码 0000000001</div>"
                "<p id=\"copyright-line\">版权所有：青禾区人民政府</p>"
                "</div></td></tr></table>"
                "<div id=\"copyright\">版权所有</div>"
                "</body></html>",
                "一、主要举措和成效\n"
                "青禾区人民政府全年办理行政复议案件36件，纠错4件。\n"
                "二、下一年度主要安排\n"
                "青禾区将持续完善行政执法监督机制。\n");
    ck_assert_ptr_null(in.title);
    ck_assert_ptr_null(in.published);
    ck_assert_ptr_null(in.unit);
    arc_input_free(&in);
}
END_TEST

/* No names to go by, and more chrome than a tenth of the page: sentences
 * tell the article from 索引号 tables, dated lists and footers. */
START_TEST(test_sentences_find_article)
{
    arc_input in;
    expect_text(&in,
                "<body><div class=\"wrap\"><div class=\"left\">"
                "<div class=\"lm\">法治政府建设</div><ul>"
                "<li><a href=\"/1\">青禾区2022年法治政府建设年度报告</a> 2023-03-28</li>"
                "<li><a href=\"/2\">青禾区2021年法治政府建设年度报告</a> 2022-03-25</li>"
                "</ul></div><div class=\"right\"><table class=\"xx\">"
                "<tr><td>索引号：</td><td>QH-2024-00031</td>"
                "<td>发布机构：</td><td>青禾区司法局</td></tr>"
                "<tr><td>成文日期：</td><td>2024-03-18</td>"
                "<td>主题分类：</td><td>司法</td></tr></table>"
                "<div class=\"text\">"
                "<p>2023年，青禾区司法局认真履行职责，扎实推进法治政府建设。</p>"
                "<p>全年审查行政规范性文件15件，提出修改意见32条。</p>"
                "<p>办理行政复议案件36件，纠错4件，纠错率11.1%。</p>"
                "</div></div></div>"
                "<div class=\"bottom\"><p>主办单位：青禾区人民政府办公室</p>"
                "<p>地址：青禾区和平路1号 邮编：310000 电话：0571-00000000</p>"
                "</div></body>",
                "2023年，青禾区司法局认真履行职责，扎实推进法治政府建设。\n"
                "全年审查行政规范性文件15件，提出修改意见32条。\n"
                "办理行政复议案件36件，纠错4件，纠错率11.1%。\n");
    arc_input_free(&in);
}
END_TEST

/* A container named like the article body is entered even when its
 * siblings (title, info bar) hold a quarter of the text. */
START_TEST(test_named_container_entered)
{
    arc_input in;
    expect_text(&in,
                "<body><div class=\"article\">"
                "<h1>青禾区2023年法治政府建设年度报告</h1>"
                "<div class=\"info\">发布日期 2024-03-20 来源 青禾区司法局</div>"
                "<div class=\"article-content\">"
                "<p>2023年，青禾区司法局认真履行职责，扎实推进法治政府建设。</p>"
                "<p>全年审查行政规范性文件15件，提出修改意见32条。</p>"
                "<p>办理行政复议案件36件，纠错4件，纠错率11.1%。</p>"
                "<p>组织行政执法人员培训6期，参训人员860人次。</p>"
                "</div></div></body>",
                "2023年，青禾区司法局认真履行职责，扎实推进法治政府建设。\n"
                "全年审查行政规范性文件15件，提出修改意见32条。\n"
                "办理行政复议案件36件，纠错4件，纠错率11.1%。\n"
                "组织行政执法人员培训6期，参训人员860人次。\n");
    /* The title and the info bar stay in the page's head text. */
    ck_assert_str_eq(in.chrome, "青禾区2023年法治政府建设年度报告\n"
                                "发布日期 2024-03-20 来源 青禾区司法局\n");
    arc_input_free(&in);
}
END_TEST

/* Link text does not count: a column of long links loses to the article
 * (here in half-width punctuation, so all text is measured). */
START_TEST(test_links_do_not_count)
{
    arc_input in;
    expect_text(&in,
                "<body><div class=\"l\"><ul>"
                "<li><a href=\"/1\">青禾区人民政府关于2022年度法治政府建设情况的报告</a></li>"
                "<li><a href=\"/2\">青禾区人民政府关于2021年度法治政府建设情况的报告</a></li>"
                "<li><a href=\"/3\">青禾区人民政府关于2020年度法治政府建设情况的报告</a></li>"
                "</ul></div><div class=\"r\">"
                "<p>2023年,青禾区办理行政复议案件36件,纠错4件.</p>"
                "<p>全年审查规范性文件15件,提出修改意见32条.</p>"
                "</div></body>",
                "2023年,青禾区办理行政复议案件36件,纠错4件.\n"
                "全年审查规范性文件15件,提出修改意见32条.\n");
    arc_input_free(&in);
    /* An anchor without href is text, even around whole paragraphs. */
    expect_text(&in,
                "<body><div class=\"l\">专栏说明</div><div class=\"r\">"
                "<p><a name=\"p1\">2023年,青禾区办理行政复议案件36件,纠错4件.</a></p>"
                "<p><a name=\"p2\">全年审查规范性文件15件,提出修改意见32条.</a></p>"
                "</div></body>",
                "2023年,青禾区办理行政复议案件36件,纠错4件.\n"
                "全年审查规范性文件15件,提出修改意见32条.\n");
    arc_input_free(&in);
}
END_TEST

/* A part heading beside the block of paragraphs holds the walk there. */
START_TEST(test_heading_beside_paragraphs)
{
    arc_input in;
    expect_text(&in,
                "<body><div class=\"TRS_Editor\"><h3>一、主要举措和成效</h3>"
                "<div class=\"Section1\">"
                "<p>2023年，青禾区司法局认真履行职责，扎实推进法治政府建设。</p>"
                "<p>全年审查行政规范性文件15件，提出修改意见32条。</p>"
                "<p>办理行政复议案件36件，纠错4件，纠错率11.1%。</p>"
                "</div></div></body>",
                "一、主要举措和成效\n"
                "2023年，青禾区司法局认真履行职责，扎实推进法治政府建设。\n"
                "全年审查行政规范性文件15件，提出修改意见32条。\n"
                "办理行政复议案件36件，纠错4件，纠错率11.1%。\n");
    arc_input_free(&in);
    /* Inside the article's container all text counts, sub-headings too. */
    expect_text(&in,
                "<body><div class=\"TRS_Editor\">"
                "<p>（一）健全依法决策机制</p><p>（二）推进严格规范执法</p>"
                "<div class=\"Section1\">"
                "<p>全年审查行政规范性文件15件，提出修改意见32条。</p>"
                "<p>办理行政复议案件36件，纠错4件，纠错率11.1%。</p>"
                "</div></div></body>",
                "（一）健全依法决策机制\n"
                "（二）推进严格规范执法\n"
                "全年审查行政规范性文件15件，提出修改意见32条。\n"
                "办理行政复议案件36件，纠错4件，纠错率11.1%。\n");
    arc_input_free(&in);
}
END_TEST

/* A body split over sibling containers keeps all of its parts. */
START_TEST(test_split_body_kept_whole)
{
    arc_input in;
    expect_text(&in,
                "<body><div class=\"wrap\">"
                "<div class=\"WordSection1\"><p>一、主要举措和成效</p>"
                "<p>青禾区全年开展行政执法培训6期。</p></div>"
                "<div class=\"WordSection2\"><p>二、存在的不足和原因</p>"
                "<p>青禾区部分执法人员业务能力不足。</p></div>"
                "</div></body>",
                "一、主要举措和成效\n"
                "青禾区全年开展行政执法培训6期。\n"
                "二、存在的不足和原因\n"
                "青禾区部分执法人员业务能力不足。\n");
    arc_input_free(&in);
}
END_TEST

START_TEST(test_br_splits_lines)
{
    arc_input in;
    expect_text(&in,
                "<body><div class=\"content\">一、主要举措和成效<br>"
                "青禾区推进 <b>严格</b>规范公正文明执法。<br/><br />"
                "<span>二、</span><span>存在的不足</span><BR>"
                "执法监督仍需加强。</div></body>",
                "一、主要举措和成效\n"
                "青禾区推进 严格规范公正文明执法。\n"
                "二、存在的不足\n"
                "执法监督仍需加强。\n");
    arc_input_free(&in);
    /* One paragraph holds nearly everything: its container is the body,
     * so the short line beside it stays. */
    expect_text(&in,
                "<body><div class=\"content\"><p>"
                "2023年，青禾区全年办理行政复议案件36件，纠错4件。<br>"
                "全年审查行政规范性文件15件，提出修改意见32条。<br>"
                "组织行政执法人员培训6期，参训人员860人次。</p>"
                "<p>（完）</p></div></body>",
                "2023年，青禾区全年办理行政复议案件36件，纠错4件。\n"
                "全年审查行政规范性文件15件，提出修改意见32条。\n"
                "组织行政执法人员培训6期，参训人员860人次。\n"
                "（完）\n");
    arc_input_free(&in);
}
END_TEST

START_TEST(test_whitespace)
{
    arc_input in;
    /* ASCII runs collapse, NBSP and U+3000 stay (the normaliser folds
     * them), lines of blanks vanish. */
    expect_text(&in,
                "<body><article><p>  青禾区\n\t  司法局 </p>"
                "<p>&nbsp;&nbsp;青禾区&nbsp;报告</p>"
                "<p>&nbsp;</p><p>　</p><p> \n </p><div></div>"
                "<p>　　全年办结案件12件。</p></article></body>",
                "青禾区 司法局\n"
                "\xC2\xA0\xC2\xA0青禾区\xC2\xA0报告\n"
                "　　全年办结案件12件。\n");
    arc_input_free(&in);
}
END_TEST

START_TEST(test_table_in_article)
{
    arc_input in;
    expect_text(&in,
                "<html><head><title>青禾区2023年法治政府建设年度报告</title></head>"
                "<body><div class=\"TRS_Editor\">"
                "<p>（二）行政复议情况。</p>"
                "<table border=\"1\"><tbody>"
                "<tr><th>类别</th><th>件数</th><th>占比</th></tr>"
                "<tr><td>维持</td><td>30</td><td>83.3%</td></tr>"
                "<tr><td><p>纠错</p></td><td> 6 </td><td></td></tr>"
                "</tbody></table>"
                "<p>全年共办理36件。</p></div></body></html>",
                "青禾区2023年法治政府建设年度报告\n"
                "（二）行政复议情况。\n"
                "类别 件数 占比\n"
                "维持 30 83.3%\n"
                "纠错\n"
                "6\n"
                "全年共办理36件。\n");
    /* The title line comes from <title>, which is not ArticleTitle. */
    ck_assert_ptr_null(in.title);
    arc_input_free(&in);
}
END_TEST

/* 青禾区法治政府建设报告 and 一、主要举措 in GBK bytes. */
#define GBK_BODY                                                            \
    "<p>\xC7\xE0\xBA\xCC\xC7\xF8\xB7\xA8\xD6\xCE\xD5\xFE\xB8\xAE"           \
    "\xBD\xA8\xC9\xE8\xB1\xA8\xB8\xE6</p>"                                  \
    "<p>\xD2\xBB\xA1\xA2\xD6\xF7\xD2\xAA\xBE\xD9\xB4\xEB</p>"

START_TEST(test_gbk_meta_charset)
{
    arc_input in;
    expect_text(&in,
                "<html><head><meta charset=\"gbk\">"
                /* ArticleTitle 年度报告, in GBK like the rest */
                "<meta name=\"ArticleTitle\" content=\"\xC4\xEA\xB6\xC8"
                "\xB1\xA8\xB8\xE6\"></head><body><div class=\"content\">"
                GBK_BODY "</div></body></html>",
                "年度报告\n青禾区法治政府建设报告\n一、主要举措\n");
    ck_assert_str_eq(in.title, "年度报告");
    arc_input_free(&in);
}
END_TEST

START_TEST(test_gbk_http_equiv)
{
    arc_input in;
    expect_text(&in,
                "<html><head><meta http-equiv=\"Content-Type\" "
                "content=\"text/html; charset=gb2312\"></head><body>" GBK_BODY
                "</body></html>",
                "青禾区法治政府建设报告\n一、主要举措\n");
    arc_input_free(&in);
}
END_TEST

/* A page saved without its HTTP header: no declaration, not UTF-8. */
START_TEST(test_gbk_undeclared)
{
    arc_input in;
    expect_text(&in, "<html><body>" GBK_BODY "</body></html>",
                "青禾区法治政府建设报告\n一、主要举措\n");
    arc_input_free(&in);
}
END_TEST

/* A declared charset is trusted even when it is not GBK. */
START_TEST(test_big5_declared)
{
    arc_input in;
    /* 青禾區報告 in Big5 */
    expect_text(&in,
                "<html><head><meta charset=\"big5\"></head><body>"
                "<p>\xAB\x43\xA5\xDD\xB0\xCF\xB3\xF8\xA7\x69</p></body></html>",
                "青禾區報告\n");
    arc_input_free(&in);
}
END_TEST

START_TEST(test_utf16_bom)
{
    /* "<p>报告</p>" in UTF-16LE with a BOM. */
    static const char page[] = "\xFF\xFE<\0p\0>\0\xA5\x62\x4A\x54<\0/\0p\0>\0";
    arc_input in;
    char reason[128];
    ck_assert_int_eq(html_len(&in, page, sizeof page - 1, reason), 0);
    ck_assert_str_eq(in.text, "报告\n");
    arc_input_free(&in);
}
END_TEST

START_TEST(test_article_title_over_page_title)
{
    arc_input in;
    expect_text(&in,
                "<head><title>网页标题_青禾区人民政府</title>"
                "<meta NAME=\"articletitle\" content=\"青禾区2023年度法治政府建设报告\">"
                "</head><body><article><p>正文第一段。</p></article></body>",
                "青禾区2023年度法治政府建设报告\n正文第一段。\n");
    ck_assert_str_eq(in.title, "青禾区2023年度法治政府建设报告");
    arc_input_free(&in);
}
END_TEST

START_TEST(test_page_title_site_name)
{
    static const struct {
        const char *title, *line;
    } cases[] = {
        {"青禾区2023年法治政府建设年度报告_青禾区人民政府",
         "青禾区2023年法治政府建设年度报告"},
        {"青禾区2023年法治政府建设年度报告 - 青禾区人民政府 | 门户网站",
         "青禾区2023年法治政府建设年度报告"},
        {"青禾区法治政府建设规划（2021-2025年）",
         "青禾区法治政府建设规划（2021-2025年）"},
        {"青禾区法治政府建设规划（2021-2025年）-青禾区司法局",
         "青禾区法治政府建设规划（2021-2025年）"},
        {"报告-青禾区人民政府门户网站", "报告-青禾区人民政府门户网站"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char page[512], want[256];
        snprintf(page, sizeof page,
                 "<title>%s</title><body><div><p>正文。</p></div></body>",
                 cases[i].title);
        snprintf(want, sizeof want, "%s\n正文。\n", cases[i].line);
        arc_input in;
        expect_text(&in, page, want);
        ck_assert_ptr_null(in.title);
        arc_input_free(&in);
    }
}
END_TEST

START_TEST(test_title_not_repeated)
{
    arc_input in;
    /* The body already starts with the title, spaced differently. */
    expect_text(&in,
                "<head><meta name=\"ArticleTitle\" "
                "content=\"青禾区2023年法治政府建设年度报告\"></head>"
                "<body><div class=\"article\"><h1>青禾区 2023 年法治政府建设年度报告</h1>"
                "<p>正文。</p></div></body>",
                "青禾区 2023 年法治政府建设年度报告\n正文。\n");
    arc_input_free(&in);
    /* Split over two lines it is still there. */
    expect_text(&in,
                "<head><meta name=\"ArticleTitle\" "
                "content=\"青禾区人民政府2023年法治政府建设年度报告\"></head>"
                "<body><div class=\"article\"><h1>青禾区人民政府<br>"
                "2023年法治政府建设年度报告</h1><p>正文。</p></div></body>",
                "青禾区人民政府\n2023年法治政府建设年度报告\n正文。\n");
    arc_input_free(&in);
    /* A first paragraph that merely begins with the title is not it. */
    expect_text(&in,
                "<head><meta name=\"ArticleTitle\" content=\"青禾区报告\"></head>"
                "<body><div><p>青禾区报告期内办结案件。</p></div></body>",
                "青禾区报告\n青禾区报告期内办结案件。\n");
    arc_input_free(&in);
}
END_TEST

START_TEST(test_pubdate_formats)
{
    static const struct {
        const char *content, *want; /* want NULL: not a date */
    } cases[] = {
        {"2024-03-20 10:00", "2024-03-20"},
        {"2024-03-20", "2024-03-20"},
        {" 2024/3/5 08:00:00 ", "2024-03-05"},
        {"2024.03.31", "2024-03-31"},
        {"2024年4月1日 09:30", "2024-04-01"},
        {"2024-03-20T10:00:00+08:00", "2024-03-20"},
        {"2024-02-29", "2024-02-29"},
        {"2023-02-29", NULL},
        {"2024-02-30", NULL},
        {"2024-13-01", NULL},
        {"2024-00-10", NULL},
        {"2024-03-201", NULL},
        {"2024-03/20", NULL},
        {"20240320", NULL},
        {"", NULL},
        {"三月", NULL},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char page[512];
        snprintf(page, sizeof page,
                 "<head><meta name=\"%s\" content=\"%s\"></head>"
                 "<body><p>正文。</p></body>",
                 i % 2 ? "pubdate" : "PubDate", cases[i].content);
        arc_input in;
        expect_text(&in, page, "正文。\n");
        if (cases[i].want)
            ck_assert_str_eq(in.published, cases[i].want);
        else
            ck_assert_ptr_null(in.published);
        arc_input_free(&in);
    }
}
END_TEST

/* The page's text before the article (the info bar with its 发布时间
 * label, the h1) is kept apart for the facts, which read the date from it;
 * the reader itself knows no label words. */
START_TEST(test_page_head_kept)
{
    arc_input in;
    expect_text(&in,
                "<body><div class=\"info\">来源：青禾区司法局 发布时间："
                "<span>2024年3月28日</span></div>"
                "<div id=\"zoom\"><p>一、主要举措和成效</p>"
                "<p>青禾区全年审查行政规范性文件15件。</p></div></body>",
                "一、主要举措和成效\n青禾区全年审查行政规范性文件15件。\n");
    ck_assert_ptr_null(in.published);
    ck_assert_ptr_nonnull(in.chrome);
    ck_assert_str_eq(in.chrome, "来源：青禾区司法局 发布时间：2024年3月28日\n");
    ck_assert_ptr_null(in.unit);
    arc_input_free(&in);
    /* PubDate is the reader's; the head text is kept all the same, and
     * code (scripts) is not in it. */
    expect_text(&in,
                "<head><meta name=\"PubDate\" content=\"2024-03-29\"></head>"
                "<body><script>var d = '2024-01-01';</script>"
                "<div class=\"info\">发布日期: 2024-03-28</div>"
                "<div class=\"content\"><p>青禾区全年审查行政规范性文件15件。</p>"
                "</div></body>",
                "青禾区全年审查行政规范性文件15件。\n");
    ck_assert_str_eq(in.published, "2024-03-29");
    ck_assert_str_eq(in.chrome, "发布日期: 2024-03-28\n");
    arc_input_free(&in);
    /* Nothing before the article: no head text. */
    expect_text(&in, "<body><p>青禾区全年审查行政规范性文件15件。</p></body>",
                "青禾区全年审查行政规范性文件15件。\n");
    ck_assert_ptr_null(in.chrome);
    arc_input_free(&in);
}
END_TEST

START_TEST(test_no_body)
{
    static const char chrome_only[] =
        "<html><head><title>青禾区人民政府</title>"
        "<meta name=\"ArticleTitle\" content=\"青禾区报告\">"
        "<script>var a = 1;</script></head><body>"
        "<nav><a href=\"/\">首页</a></nav><header>青禾区人民政府</header>"
        "<form action=\"/search\"><input name=\"q\"><button>搜索</button></form>"
        "<p>&nbsp;</p>"
        "<footer>版权所有 青禾区人民政府</footer>"
        "<script>document.write('正文');</script></body></html>";
    expect_eparse(chrome_only, strlen(chrome_only));
    expect_eparse("", 0);
    expect_eparse(" \n\t ", 4);
    expect_eparse("<html><head><title>青禾区人民政府</title></head></html>",
                  strlen("<html><head><title>青禾区人民政府</title></head></html>"));
}
END_TEST

START_TEST(test_broken_markup)
{
    arc_input in;
    expect_text(&in,
                "<html><body><div class=\"content\"><p>一、主要举措和成效"
                "<p>青禾区<b>全年<i>办理</b>案件</i>36件。"
                "<li>第一项<li>第二项"
                "<table><tr><td>甲<td>乙<tr><td>丙"
                "</div></span><p>二、下一年度主要安排</p",
                "一、主要举措和成效\n"
                "青禾区全年办理案件36件。\n"
                "第一项\n"
                "第二项\n"
                "甲 乙\n"
                "丙\n"
                "二、下一年度主要安排\n");
    arc_input_free(&in);
}
END_TEST

START_TEST(test_external_entity_not_fetched)
{
    char path[] = "/tmp/arc_html_xxe_XXXXXX";
    int fd = mkstemp(path);
    ck_assert_int_ge(fd, 0);
    static const char secret[] = "ARC-XXE-SECRET-4711";
    ck_assert_int_eq(write(fd, secret, strlen(secret)), (int)strlen(secret));
    close(fd);
    char page[1024];
    snprintf(page, sizeof page,
             "<!DOCTYPE html [\n"
             "<!ENTITY xxe SYSTEM \"file://%s\">\n"
             "<!ENTITY %% pe SYSTEM \"file://%s\"> %%pe;\n"
             "]>\n<html><body><p>青禾区报告 &xxe; 结束</p>"
             "<p><img src=\"file://%s\">第二段</p></body></html>",
             path, path, path);
    arc_input in;
    char reason[128];
    int rc = html(&in, page, reason);
    unlink(path);
    ck_assert_int_eq(rc, 0);
    ck_assert_ptr_null(strstr(in.text, secret));
    ck_assert_ptr_nonnull(strstr(in.text, "青禾区报告"));
    ck_assert_ptr_nonnull(strstr(in.text, "第二段"));
    arc_input_free(&in);
}
END_TEST

/* Chrome words in a container that holds the article do not drop it. */
START_TEST(test_chrome_named_container_rescued)
{
    arc_input in;
    expect_text(&in,
                "<body><div class=\"nav\"><a href=\"/\">首页</a></div>"
                "<div id=\"fontzoom\"><p>一、主要举措和成效</p>"
                "<p>青禾区全年组织旁听庭审活动3次。</p></div>"
                "<div class=\"footer\">地址：青禾区和平路1号</div></body>",
                "一、主要举措和成效\n青禾区全年组织旁听庭审活动3次。\n");
    arc_input_free(&in);
    expect_text(&in,
                "<body><div class=\"menu\"><a href=\"/\">首页</a> 机构 概况</div>"
                "<div id=\"printArea\"><p>一、主要举措和成效</p>"
                "<p>青禾区全年组织旁听庭审活动3次。</p></div>"
                "<div class=\"share\">分享到：<a href=\"#\">微信</a></div></body>",
                "一、主要举措和成效\n青禾区全年组织旁听庭审活动3次。\n");
    arc_input_free(&in);
    /* Link text does not make a menu the page's main part. */
    expect_text(&in,
                "<body><div class=\"content\">"
                "<p>青禾区全年组织旁听庭审活动3次。</p><div class=\"menu\">"
                "<a href=\"/1\">青禾区人民政府关于2022年度法治政府建设情况的报告</a>"
                "<a href=\"/2\">青禾区人民政府关于2021年度法治政府建设情况的报告</a>"
                "</div></div></body>",
                "青禾区全年组织旁听庭审活动3次。\n");
    arc_input_free(&in);
    /* ASP.NET pages wrap everything in one form. */
    expect_text(&in,
                "<body><form id=\"form1\" method=\"post\">"
                "<div class=\"menu\"><a href=\"/\">首页</a> 政务公开</div>"
                "<div><p>一、主要举措和成效</p>"
                "<p>青禾区全年组织旁听庭审活动3次。</p></div>"
                "<input type=\"hidden\" name=\"__VIEWSTATE\" value=\"x\">"
                "</form></body>",
                "一、主要举措和成效\n青禾区全年组织旁听庭审活动3次。\n");
    arc_input_free(&in);
}
END_TEST

/* "font" in a class is the size widget, not the styles that editors and
 * pastes from PDF or Excel put on body text. */
START_TEST(test_font_styles_are_text)
{
    arc_input in;
    expect_text(&in,
                "<body><div class=\"content\">"
                "<p><span class=\"fontstyle0\">全年审查规范性文件</span>"
                "<span class=\"fontstyle2\">15</span>"
                "<font class=\"font5\">件</font>"
                "<span class=\"FontFamily_song\">，</span>"
                "<span class=\"fontWeight\">纠错2件</span>。</p>"
                "<p>字号：<span class=\"font-size\"><a href=\"#\">大</a> "
                "<a href=\"#\">小</a></span> "
                "<a class=\"print\" href=\"#\">打印</a></p>"
                "</div></body>",
                "全年审查规范性文件15件，纠错2件。\n字号：\n");
    arc_input_free(&in);
}
END_TEST

/* Pre keeps its line breaks; other tags go no deeper than they must. */
START_TEST(test_pre_and_lists)
{
    arc_input in;
    expect_text(&in,
                "<body><main><pre>一、主要举措\n  （一）学法\n\n二、安排</pre>"
                "<dl><dt>附件</dt><dd>1.青禾区清单</dd></dl>"
                "<ol><li><a href=\"/f.doc\">附件2</a></li></ol></main></body>",
                "一、主要举措\n"
                "（一）学法\n"
                "二、安排\n"
                "附件\n"
                "1.青禾区清单\n"
                "附件2\n");
    arc_input_free(&in);
}
END_TEST

/* depth nested <div>s around one text; returns arc_input_html's code. */
static int nested(arc_input *in, int depth)
{
    const char open[] = "<div>", text[] = "青禾区报告";
    size_t len = (size_t)depth * (sizeof open - 1) + sizeof text;
    char *page = malloc(len);
    ck_assert_ptr_nonnull(page);
    char *p = page;
    for (int i = 0; i < depth; i++, p += sizeof open - 1)
        memcpy(p, open, sizeof open - 1);
    memcpy(p, text, sizeof text);
    char reason[128];
    int rc = html_len(in, page, len - 1, reason);
    free(page);
    return rc;
}

START_TEST(test_deep_nesting)
{
    arc_input in;
    /* As deep as libxml2 builds trees (it stops at 256 levels). */
    ck_assert_int_eq(nested(&in, 250), 0);
    ck_assert_str_eq(in.text, "青禾区报告\n");
    arc_input_free(&in);
    /* Far deeper: whatever libxml2 keeps, a clean answer. */
    int rc = nested(&in, 50000);
    ck_assert(rc == 0 || rc == ARC_EPARSE);
    if (rc == 0)
        ck_assert_str_eq(in.text, "青禾区报告\n");
    else
        ck_assert_ptr_null(in.text);
    arc_input_free(&in);
}
END_TEST

static Suite *suite(void)
{
    Suite *s = suite_create("input_html");
    TCase *tc = tcase_create("core");
    tcase_set_timeout(tc, 30);
    tcase_add_test(tc, test_gov_page);
    tcase_add_test(tc, test_plain_layout);
    tcase_add_test(tc, test_sentences_find_article);
    tcase_add_test(tc, test_named_container_entered);
    tcase_add_test(tc, test_links_do_not_count);
    tcase_add_test(tc, test_heading_beside_paragraphs);
    tcase_add_test(tc, test_split_body_kept_whole);
    tcase_add_test(tc, test_br_splits_lines);
    tcase_add_test(tc, test_whitespace);
    tcase_add_test(tc, test_table_in_article);
    tcase_add_test(tc, test_gbk_meta_charset);
    tcase_add_test(tc, test_gbk_http_equiv);
    tcase_add_test(tc, test_gbk_undeclared);
    tcase_add_test(tc, test_big5_declared);
    tcase_add_test(tc, test_utf16_bom);
    tcase_add_test(tc, test_article_title_over_page_title);
    tcase_add_test(tc, test_page_title_site_name);
    tcase_add_test(tc, test_title_not_repeated);
    tcase_add_test(tc, test_pubdate_formats);
    tcase_add_test(tc, test_page_head_kept);
    tcase_add_test(tc, test_no_body);
    tcase_add_test(tc, test_broken_markup);
    tcase_add_test(tc, test_external_entity_not_fetched);
    tcase_add_test(tc, test_chrome_named_container_rescued);
    tcase_add_test(tc, test_font_styles_are_text);
    tcase_add_test(tc, test_pre_and_lists);
    tcase_add_test(tc, test_deep_nesting);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    return arc_test_run(suite());
}
