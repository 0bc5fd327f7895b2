/* check_doc_parse.c - the document's structure (doc_parse.c): headings,
 * the section tree, lines, positions and input errors.  What a report says
 * about itself (title, year, dates, unit) is in check_facts.c. */
#include "testutil.h"
#include "doc.h"

#include <stdlib.h>
#include <string.h>

/* ------------------------------------------------------------ helpers */

/* Copies the normalised span [s, e) into a static buffer. */
static const char *span(const arc_doc *doc, size_t s, size_t e)
{
    static char buf[4][512];
    static int k;
    size_t len;
    const char *t = arc_doc_text(doc, &len);
    ck_assert_uint_le(s, e);
    ck_assert_uint_le(e, len);
    ck_assert_uint_lt(e - s, sizeof buf[0]);
    char *b = buf[k++ % 4];
    memcpy(b, t + s, e - s);
    b[e - s] = '\0';
    return b;
}

static const char *sec_title(const arc_doc *doc, size_t i)
{
    const arc_section *s = arc_doc_section(doc, i);
    ck_assert_ptr_nonnull(s);
    return span(doc, s->title_start, s->title_end);
}

static const char *sec_label(const arc_doc *doc, size_t i)
{
    const arc_section *s = arc_doc_section(doc, i);
    ck_assert_ptr_nonnull(s);
    return span(doc, s->label_start, s->label_end);
}

/* Parses a one-line heading and checks its style, number, label and
 * title. */
static void check_heading(const char *line, arc_numbering style, int number,
                          const char *label, const char *title)
{
    arc_doc *doc = arc_test_doc(line);
    ck_assert_msg(arc_doc_section_count(doc) == 1, "%s: %zu sections", line,
                  arc_doc_section_count(doc));
    const arc_section *s = arc_doc_section(doc, 0);
    ck_assert_int_eq(s->style, style);
    ck_assert_int_eq(s->number, number);
    ck_assert_int_eq(s->level, 1);
    ck_assert_int_eq(s->parent, -1);
    ck_assert_str_eq(sec_label(doc, 0), label);
    ck_assert_str_eq(sec_title(doc, 0), title);
    ck_assert_int_eq(s->inline_body, 0);
    arc_doc_free(doc);
}

static size_t nsections(const char *text)
{
    arc_doc *doc = arc_test_doc(text);
    size_t n = arc_doc_section_count(doc);
    arc_doc_free(doc);
    return n;
}

/* ------------------------------------------------------------ numbering */

START_TEST(test_heading_cn_dun)
{
    check_heading("一、加强组织领导", ARC_NUM_CN_DUN, 1, "一、", "加强组织领导");
    check_heading("十二、其他事项", ARC_NUM_CN_DUN, 12, "十二、", "其他事项");
    check_heading("二十、附则", ARC_NUM_CN_DUN, 20, "二十、", "附则");
}
END_TEST

START_TEST(test_heading_cn_paren)
{
    check_heading("(一)健全决策机制", ARC_NUM_CN_PAREN, 1, "(一)",
                  "健全决策机制");
    /* Full-width brackets are folded. */
    check_heading("（三）强化执法监督", ARC_NUM_CN_PAREN, 3, "(三)",
                  "强化执法监督");
    check_heading("（十一）其他", ARC_NUM_CN_PAREN, 11, "(十一)", "其他");
}
END_TEST

START_TEST(test_heading_arabic)
{
    check_heading("1.完成清理工作", ARC_NUM_ARABIC, 1, "1.", "完成清理工作");
    check_heading("2、规范执法行为", ARC_NUM_ARABIC, 2, "2、", "规范执法行为");
    /* Full-width digit and full-width full stop. */
    check_heading("１．推进政务公开", ARC_NUM_ARABIC, 1, "1.", "推进政务公开");
    check_heading("１２、其他", ARC_NUM_ARABIC, 12, "12、", "其他");
    check_heading("3. 空格后的标题", ARC_NUM_ARABIC, 3, "3.", "空格后的标题");
}
END_TEST

/* Word's automatic "1." before a heading that starts with a year reads
 * "1.2023年…": item 1, not the number 1.2023. */
START_TEST(test_heading_arabic_before_year)
{
    check_heading("1.2023年推进法治政府建设的主要举措", ARC_NUM_ARABIC, 1,
                  "1.", "2023年推进法治政府建设的主要举措");
    check_heading("１２．２０２４年工作安排", ARC_NUM_ARABIC, 12, "12.",
                  "2024年工作安排");
    /* Not a year: still numbers. */
    ck_assert_uint_eq(nsections("1.2023亿元用于执法装备更新。"), 0);
    ck_assert_uint_eq(nsections("1.20231年"), 0);
    ck_assert_uint_eq(nsections("1.202年"), 0);
}
END_TEST

START_TEST(test_heading_arabic_paren)
{
    check_heading("(1)加强培训", ARC_NUM_ARABIC_PAREN, 1, "(1)", "加强培训");
    check_heading("（2）完善机制", ARC_NUM_ARABIC_PAREN, 2, "(2)", "完善机制");
    check_heading("（１０）其他", ARC_NUM_ARABIC_PAREN, 10, "(10)", "其他");
}
END_TEST

START_TEST(test_heading_cn_shi)
{
    check_heading("一是制度建设不够完善", ARC_NUM_CN_SHI, 1, "一是",
                  "制度建设不够完善");
    check_heading("三是执法队伍力量薄弱", ARC_NUM_CN_SHI, 3, "三是",
                  "执法队伍力量薄弱");
}
END_TEST

START_TEST(test_heading_label_only)
{
    /* A bare label is still a heading, with an empty title. */
    arc_doc *doc = arc_test_doc("二、\n正文内容");
    ck_assert_uint_eq(arc_doc_section_count(doc), 1);
    ck_assert_str_eq(sec_title(doc, 0), "");
    ck_assert_int_eq(arc_doc_section(doc, 0)->number, 2);
    arc_doc_free(doc);
}
END_TEST

START_TEST(test_non_headings)
{
    ck_assert_uint_eq(nsections("2023年,全区法治建设稳步推进。"), 0);
    ck_assert_uint_eq(nsections("2023年，全区法治建设稳步推进。"), 0);
    ck_assert_uint_eq(nsections("1.5亿元用于执法装备更新。"), 0);
    ck_assert_uint_eq(nsections("１．５亿元用于执法装备更新。"), 0);
    ck_assert_uint_eq(nsections("12.3%的案件通过调解结案。"), 0);
    ck_assert_uint_eq(nsections("全区一是加强学习，二是强化监督。"), 0);
    ck_assert_uint_eq(nsections("一些单位重视不够。"), 0);
    ck_assert_uint_eq(nsections("十分重视法治建设。"), 0);
    ck_assert_uint_eq(nsections("〇、无效序号"), 0);
    ck_assert_uint_eq(nsections("(甲)不是序号"), 0);
    ck_assert_uint_eq(nsections("(123)三位数字"), 0);
    ck_assert_uint_eq(nsections("(一不完整"), 0);
    ck_assert_uint_eq(nsections("100.三位数字"), 0);
    ck_assert_uint_eq(nsections("1)半个括号"), 0);
    ck_assert_uint_eq(nsections("第一、不是序号"), 0);
}
END_TEST

/* ------------------------------------------------------------ tree */

START_TEST(test_levels_and_parents)
{
    const char *text = "一、甲部分\n"
                       "(一)甲一\n"
                       "1.甲一1\n"
                       "(1)甲一1a\n"
                       "正文\n"
                       "(2)甲一1b\n"
                       "2.甲一2\n"
                       "(二)甲二\n"
                       "二、乙部分\n"
                       "(一)乙一\n";
    arc_doc *doc = arc_test_doc(text);
    ck_assert_uint_eq(arc_doc_section_count(doc), 9);
    static const int level[] = {1, 2, 3, 4, 4, 3, 2, 1, 2};
    static const int parent[] = {-1, 0, 1, 2, 2, 1, 0, -1, 7};
    static const int number[] = {1, 1, 1, 1, 2, 2, 2, 2, 1};
    static const arc_numbering style[] = {
        ARC_NUM_CN_DUN,       ARC_NUM_CN_PAREN,     ARC_NUM_ARABIC,
        ARC_NUM_ARABIC_PAREN, ARC_NUM_ARABIC_PAREN, ARC_NUM_ARABIC,
        ARC_NUM_CN_PAREN,     ARC_NUM_CN_DUN,       ARC_NUM_CN_PAREN};
    for (size_t i = 0; i < 9; i++) {
        const arc_section *s = arc_doc_section(doc, i);
        ck_assert_msg(s->level == level[i], "section %zu level %d", i,
                      s->level);
        ck_assert_msg(s->parent == parent[i], "section %zu parent %d", i,
                      s->parent);
        ck_assert_int_eq(s->number, number[i]);
        ck_assert_int_eq(s->style, style[i]);
    }
    ck_assert_str_eq(sec_title(doc, 8), "乙一");
    ck_assert_ptr_null(arc_doc_section(doc, 9));
    arc_doc_free(doc);
}
END_TEST

START_TEST(test_new_top_heading_closes_deeper_levels)
{
    const char *text = "一、甲\n"
                       "(一)甲一\n"
                       "1.细项\n"
                       "二、乙\n"
                       "1.乙的细项\n";
    arc_doc *doc = arc_test_doc(text);
    ck_assert_uint_eq(arc_doc_section_count(doc), 5);
    const arc_section *two = arc_doc_section(doc, 3);
    ck_assert_int_eq(two->level, 1);
    ck_assert_int_eq(two->parent, -1);
    /* 1. under 二、 nests directly under it (level 2), not at level 3. */
    const arc_section *s = arc_doc_section(doc, 4);
    ck_assert_int_eq(s->level, 2);
    ck_assert_int_eq(s->parent, 3);
    /* Ends: 一、 ends where 二、 starts; (一) too; 二、 at the end. */
    const arc_section *one = arc_doc_section(doc, 0);
    ck_assert_uint_eq(one->end, two->line_start);
    ck_assert_uint_eq(arc_doc_section(doc, 1)->end, two->line_start);
    size_t len;
    arc_doc_text(doc, &len);
    ck_assert_uint_eq(two->end, len);
    /* Own body of 一、 stops at its first child. */
    ck_assert_uint_eq(one->body_end, arc_doc_section(doc, 1)->line_start);
    arc_doc_free(doc);
}
END_TEST

START_TEST(test_shi_items_nest_under_paren)
{
    const char *text = "二、存在的不足\n"
                       "（一）主要问题\n"
                       "一是学法不够深入。\n"
                       "二是执法不够规范。\n"
                       "（二）原因分析\n"
                       "一是认识不足。\n";
    arc_doc *doc = arc_test_doc(text);
    ck_assert_uint_eq(arc_doc_section_count(doc), 6);
    ck_assert_int_eq(arc_doc_section(doc, 2)->style, ARC_NUM_CN_SHI);
    ck_assert_int_eq(arc_doc_section(doc, 2)->level, 3);
    ck_assert_int_eq(arc_doc_section(doc, 2)->parent, 1);
    ck_assert_int_eq(arc_doc_section(doc, 3)->parent, 1);
    ck_assert_int_eq(arc_doc_section(doc, 4)->level, 2);
    ck_assert_int_eq(arc_doc_section(doc, 4)->parent, 0);
    ck_assert_int_eq(arc_doc_section(doc, 5)->parent, 4);
    ck_assert_int_eq(arc_doc_section(doc, 5)->number, 1);
    arc_doc_free(doc);
}
END_TEST

START_TEST(test_inline_body_after_ju)
{
    const char *text = "(一)坚持带头学法。区政府全年组织会前学法12次。\n"
                       "下一段。\n";
    arc_doc *doc = arc_test_doc(text);
    ck_assert_uint_eq(arc_doc_section_count(doc), 1);
    const arc_section *s = arc_doc_section(doc, 0);
    ck_assert_str_eq(sec_title(doc, 0), "坚持带头学法");
    ck_assert_int_eq(s->inline_body, 1);
    /* "(一)" 5 bytes + 6 characters * 3 + "。" 3 = 26 */
    ck_assert_uint_eq(s->title_end, 23);
    ck_assert_uint_eq(s->body_start, 26);
    ck_assert_str_eq(span(doc, s->body_start, s->body_start + 9), "区政府");
    size_t len;
    arc_doc_text(doc, &len);
    ck_assert_uint_eq(s->body_end, len);
    arc_doc_free(doc);
}
END_TEST

START_TEST(test_inline_body_spaces_after_ju)
{
    arc_doc *doc = arc_test_doc("1.完善制度。　　全年修订制度5项。");
    const arc_section *s = arc_doc_section(doc, 0);
    ck_assert_int_eq(s->inline_body, 1);
    ck_assert_str_eq(span(doc, s->body_start, s->body_start + 6), "全年");
    arc_doc_free(doc);
}
END_TEST

START_TEST(test_heading_ending_in_ju)
{
    const char *text = "1.按期完成年度立法计划。\n2.下一项\n";
    arc_doc *doc = arc_test_doc(text);
    ck_assert_uint_eq(arc_doc_section_count(doc), 2);
    const arc_section *s = arc_doc_section(doc, 0);
    ck_assert_str_eq(sec_title(doc, 0), "按期完成年度立法计划");
    ck_assert_int_eq(s->inline_body, 1);
    /* The sentence is its own body. */
    ck_assert_uint_eq(s->body_start, s->title_start);
    ck_assert_uint_eq(s->body_end, arc_doc_section(doc, 1)->line_start);
    /* A heading without 。 has its body after the line. */
    const arc_section *s2 = arc_doc_section(doc, 1);
    ck_assert_int_eq(s2->inline_body, 0);
    ck_assert_uint_eq(s2->body_start, s2->title_end);
    arc_doc_free(doc);
}
END_TEST

START_TEST(test_long_heading_is_paragraph)
{
    /* 61 characters of heading text without 。: a numbered paragraph. */
    char text[512] = "3.";
    for (int i = 0; i < 61; i++)
        strcat(text, "治");
    arc_doc *doc = arc_test_doc(text);
    const arc_section *s = arc_doc_section(doc, 0);
    ck_assert_int_eq(s->inline_body, 1);
    ck_assert_uint_eq(s->body_start, s->title_start);
    arc_doc_free(doc);
    /* 60 characters is still a heading. */
    text[strlen(text) - 3] = '\0';
    doc = arc_test_doc(text);
    ck_assert_int_eq(arc_doc_section(doc, 0)->inline_body, 0);
    arc_doc_free(doc);
}
END_TEST

START_TEST(test_leading_spaces_before_label)
{
    const char *text = "  二、组织保障\n"
                       "\xC2\xA0\xC2\xA0(三)健全机制\n"
                       "\xE3\x80\x80\xE3\x80\x80" "一是加强学习\n"
                       "\t4.落实责任\n";
    arc_doc *doc = arc_test_doc(text);
    ck_assert_uint_eq(arc_doc_section_count(doc), 4);
    ck_assert_str_eq(sec_label(doc, 0), "二、");
    ck_assert_str_eq(sec_title(doc, 0), "组织保障");
    ck_assert_uint_eq(arc_doc_section(doc, 0)->label_start, 2);
    ck_assert_uint_eq(arc_doc_section(doc, 0)->line_start, 0);
    ck_assert_str_eq(sec_label(doc, 1), "(三)");
    ck_assert_str_eq(sec_title(doc, 1), "健全机制");
    ck_assert_str_eq(sec_label(doc, 2), "一是");
    ck_assert_str_eq(sec_title(doc, 2), "加强学习");
    ck_assert_str_eq(sec_label(doc, 3), "4.");
    /* The label column counts the two no-break spaces as characters. */
    int line, col;
    arc_doc_position(doc, arc_doc_section(doc, 1)->label_start, &line, &col,
                     NULL);
    ck_assert_int_eq(line, 2);
    ck_assert_int_eq(col, 3);
    arc_doc_position(doc, arc_doc_section(doc, 2)->label_start, &line, &col,
                     NULL);
    ck_assert_int_eq(line, 3);
    ck_assert_int_eq(col, 3);
    arc_doc_free(doc);
}
END_TEST

START_TEST(test_trailing_spaces_trimmed_from_title)
{
    arc_doc *doc = arc_test_doc("(二)规范执法  \n");
    ck_assert_str_eq(sec_title(doc, 0), "规范执法");
    arc_doc_free(doc);
}
END_TEST

/* ------------------------------------------------------------ errors */

START_TEST(test_invalid_utf8)
{
    arc_doc *doc = (arc_doc *)&doc;
    arc_error err = {0};
    const char data[] = "第一行\n青禾\xFF区";
    int rc = arc_doc_parse(&doc, "bad.txt", data, sizeof data - 1, &err);
    ck_assert_int_eq(rc, ARC_EENCODING);
    ck_assert_ptr_null(doc);
    ck_assert_int_eq(err.code, ARC_EENCODING);
    ck_assert_str_eq(err.file, "bad.txt");
    ck_assert_int_eq(err.line, 2);
    ck_assert_int_eq(err.column, 3);
    ck_assert_ptr_nonnull(strstr(err.message, "UTF-8"));
    ck_assert_ptr_nonnull(strstr(err.message, "0xFF"));
}
END_TEST

START_TEST(test_invalid_utf8_forms)
{
    static const struct {
        const char *data;
        int line, col;
    } cases[] = {
        {"ab\xC0\x80", 1, 3},              /* overlong */
        {"甲\n乙\n\xED\xA0\x80", 3, 1},   /* surrogate */
        {"甲乙丙\xE9\x9D", 1, 4},          /* truncated at end */
        {"x\r\ny\xF4\x90\x80\x80", 2, 2},  /* above U+10FFFF */
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        arc_doc *doc = NULL;
        arc_error err = {0};
        int rc = arc_doc_parse(&doc, "x.txt", cases[i].data,
                               strlen(cases[i].data), &err);
        ck_assert_int_eq(rc, ARC_EENCODING);
        ck_assert_ptr_null(doc);
        ck_assert_msg(err.line == cases[i].line && err.column == cases[i].col,
                      "case %zu: %d:%d", i, err.line, err.column);
    }
}
END_TEST

/*
 * Regression (bug found by this suite, since fixed in doc_parse.c): the
 * position of a bad byte counted a UTF-8 BOM as a column, while every other
 * position (arc_text_position) skips the BOM: "\xEF\xBB\xBF" "ab\xFF" gave
 * column 4 instead of 3.
 */
START_TEST(test_invalid_utf8_after_bom)
{
    arc_doc *doc = NULL;
    arc_error err = {0};
    const char data[] = "\xEF\xBB\xBF" "ab\xFF";
    ck_assert_int_eq(
        arc_doc_parse(&doc, "b.txt", data, sizeof data - 1, &err),
        ARC_EENCODING);
    ck_assert_int_eq(err.line, 1);
    ck_assert_int_eq(err.column, 3);
}
END_TEST

/*
 * Regression (bug found by this suite, since fixed in doc_parse.c): a lone
 * CR ends a line for the text model (text.c folds CR to LF), but the
 * bad-byte locator only counted LF, so "甲\r乙\xFF" gave 1:4 instead of 2:2.
 */
START_TEST(test_invalid_utf8_after_lone_cr)
{
    arc_doc *doc = NULL;
    arc_error err = {0};
    const char data[] = "甲\r乙\xFF";
    ck_assert_int_eq(
        arc_doc_parse(&doc, "c.txt", data, sizeof data - 1, &err),
        ARC_EENCODING);
    ck_assert_int_eq(err.line, 2);
    ck_assert_int_eq(err.column, 2);
}
END_TEST

START_TEST(test_empty_input)
{
    arc_doc *doc = NULL;
    arc_error err = {0};
    ck_assert_int_eq(arc_doc_parse(&doc, "e.txt", "", 0, &err), 0);
    ck_assert_ptr_nonnull(doc);
    ck_assert_str_eq(arc_doc_path(doc), "e.txt");
    ck_assert_uint_eq(doc->nlines, 1);
    ck_assert_uint_eq(arc_doc_section_count(doc), 0);
    ck_assert_ptr_null(arc_doc_section(doc, 0));
    size_t len = 99;
    ck_assert_str_eq(arc_doc_text(doc, &len), "");
    ck_assert_uint_eq(len, 0);
    arc_doc_free(doc);
    /* A BOM alone is empty as well. */
    ck_assert_int_eq(arc_doc_parse(&doc, "e.txt", "\xEF\xBB\xBF", 3, &err),
                     0);
    arc_doc_text(doc, &len);
    ck_assert_uint_eq(len, 0);
    ck_assert_uint_eq(arc_doc_section_count(doc), 0);
    arc_doc_free(doc);
    arc_doc_free(NULL);
}
END_TEST

START_TEST(test_only_blank_lines)
{
    arc_doc *doc = arc_test_doc("\n  \n\xE3\x80\x80\n\r\n");
    ck_assert_uint_eq(arc_doc_section_count(doc), 0);
    size_t len;
    ck_assert_str_eq(arc_doc_text(doc, &len), "\n  \n \n\n");
    ck_assert_uint_eq(doc->nlines, 5);
    for (size_t i = 0; i < doc->nlines; i++)
        ck_assert_int_eq(doc->lines[i].heading, -1);
    arc_doc_free(doc);
}
END_TEST

START_TEST(test_doc_position)
{
    const char *text = "\xEF\xBB\xBF" "松川县报告\r\n"
                       "（一）完善：制度\r\n";
    arc_doc *doc = arc_test_doc(text);
    ck_assert_uint_eq(arc_doc_section_count(doc), 1);
    const arc_section *s = arc_doc_section(doc, 0);
    int line, col;
    size_t orig;
    arc_doc_position(doc, s->label_start, &line, &col, &orig);
    ck_assert_int_eq(line, 2);
    ck_assert_int_eq(col, 1);
    /* BOM 3 + 松川县报告 15 + CRLF 2 */
    ck_assert_uint_eq(orig, 20);
    /* 制 is character 7 of line 2: （ 一 ） 完 善 ： 制 */
    size_t len;
    const char *t = arc_doc_text(doc, &len);
    const char *zhi = strstr(t, "制度");
    ck_assert_ptr_nonnull(zhi);
    arc_doc_position(doc, (size_t)(zhi - t), &line, &col, &orig);
    ck_assert_int_eq(line, 2);
    ck_assert_int_eq(col, 7);
    ck_assert_uint_eq(orig, 20 + 18);
    arc_doc_free(doc);
}
END_TEST

START_TEST(test_line_table)
{
    arc_doc *doc = arc_test_doc("甲\n(一)乙\n丙");
    ck_assert_uint_eq(doc->nlines, 3);
    ck_assert_int_eq(doc->lines[0].heading, -1);
    ck_assert_int_eq(doc->lines[1].heading, 0);
    ck_assert_int_eq(doc->lines[2].heading, -1);
    ck_assert_uint_eq(arc_doc_line_at(doc, 0), 0);
    ck_assert_uint_eq(arc_doc_line_at(doc, 3), 0); /* the LF */
    ck_assert_uint_eq(arc_doc_line_at(doc, 4), 1);
    ck_assert_uint_eq(arc_doc_line_at(doc, 13), 2);
    arc_doc_free(doc);
}
END_TEST

/* arc_doc_load: any format from a path, structure only (no rule set). */
START_TEST(test_doc_load)
{
    arc_test_dir t;
    arc_test_dir_make(&t, "arc-doc");
    const char *p = arc_test_put(&t, "报告.txt",
                                 "\xEF\xBB\xBF松川县报告\r\n一、甲\r\n(一)乙\r\n");
    arc_doc *doc = NULL;
    arc_error err = {0};
    ck_assert_int_eq(arc_doc_load(&doc, p, NULL, &err), 0);
    ck_assert_str_eq(arc_doc_path(doc), p);
    ck_assert_uint_eq(arc_doc_section_count(doc), 2);
    ck_assert_int_eq(arc_doc_section(doc, 1)->level, 2);
    size_t len;
    ck_assert_str_eq(arc_doc_text(doc, &len), "松川县报告\n一、甲\n(一)乙\n");
    arc_doc_free(doc);
    /* A forced encoding. */
    arc_load_opts lo = {0};
    lo.encoding = "GBK";
    p = arc_test_put(&t, "gbk.txt", "\xD2\xBB\xA1\xA2\xBC\xD7\n"); /* 一、甲 */
    ck_assert_int_eq(arc_doc_load(&doc, p, &lo, &err), 0);
    ck_assert_str_eq(arc_doc_text(doc, &len), "一、甲\n");
    ck_assert_uint_eq(arc_doc_section_count(doc), 1);
    arc_doc_free(doc);
    /* A broken Word document: the reader's reason. */
    p = arc_test_put(&t, "坏.docx", "PK\x03\x04 broken");
    doc = (arc_doc *)&doc;
    ck_assert_int_eq(arc_doc_load(&doc, p, NULL, &err), ARC_EPARSE);
    ck_assert_ptr_null(doc);
    ck_assert_str_eq(err.file, p);
    ck_assert_ptr_nonnull(strstr(err.message, "Word"));
    /* A file that does not exist. */
    char missing[4200];
    snprintf(missing, sizeof missing, "%s/没有.txt", t.dir);
    doc = (arc_doc *)&doc;
    ck_assert_int_eq(arc_doc_load(&doc, missing, NULL, &err), ARC_EIO);
    ck_assert_ptr_null(doc);
    ck_assert_str_eq(err.file, missing);
    arc_test_remove_tree(t.dir);
}
END_TEST

static Suite *suite(void)
{
    Suite *s = suite_create("doc_parse");
    TCase *tc = tcase_create("headings");
    tcase_add_test(tc, test_heading_cn_dun);
    tcase_add_test(tc, test_heading_cn_paren);
    tcase_add_test(tc, test_heading_arabic);
    tcase_add_test(tc, test_heading_arabic_before_year);
    tcase_add_test(tc, test_heading_arabic_paren);
    tcase_add_test(tc, test_heading_cn_shi);
    tcase_add_test(tc, test_heading_label_only);
    tcase_add_test(tc, test_non_headings);
    suite_add_tcase(s, tc);

    tc = tcase_create("tree");
    tcase_add_test(tc, test_levels_and_parents);
    tcase_add_test(tc, test_new_top_heading_closes_deeper_levels);
    tcase_add_test(tc, test_shi_items_nest_under_paren);
    tcase_add_test(tc, test_inline_body_after_ju);
    tcase_add_test(tc, test_inline_body_spaces_after_ju);
    tcase_add_test(tc, test_heading_ending_in_ju);
    tcase_add_test(tc, test_long_heading_is_paragraph);
    tcase_add_test(tc, test_leading_spaces_before_label);
    tcase_add_test(tc, test_trailing_spaces_trimmed_from_title);
    suite_add_tcase(s, tc);

    tc = tcase_create("input");
    tcase_add_test(tc, test_invalid_utf8);
    tcase_add_test(tc, test_invalid_utf8_forms);
    tcase_add_test(tc, test_invalid_utf8_after_bom);
    tcase_add_test(tc, test_invalid_utf8_after_lone_cr);
    tcase_add_test(tc, test_empty_input);
    tcase_add_test(tc, test_only_blank_lines);
    tcase_add_test(tc, test_doc_position);
    tcase_add_test(tc, test_line_table);
    tcase_add_test(tc, test_doc_load);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    return arc_test_run(suite());
}
