/* check_facts.c - the report facts (facts.c): the title block, the report
 * year and where it came from, the publication date (label, title,
 * signature, metadata, override), the issuing unit, and traditional
 * characters folded before they are read, as the pipeline does. */
#include "testutil.h"
#include "doc.h"
#include "input.h"
#include "rules.h"

#include <stdlib.h>
#include <string.h>

/* ------------------------------------------------------------ helpers */

/* Offset of the first occurrence of `needle` in the normalised text. */
static size_t offset_of(const arc_doc *doc, const char *needle)
{
    size_t len;
    const char *t = arc_doc_text(doc, &len);
    const char *p = strstr(t, needle);
    ck_assert_msg(p != NULL, "no \"%s\" in the text", needle);
    return (size_t)(p - t);
}

static void assert_published(const arc_pub_date *p, arc_pub_source src, int y,
                             int m, int d)
{
    ck_assert_int_eq(p->source, src);
    ck_assert_int_eq(p->y, y);
    ck_assert_int_eq(p->m, m);
    ck_assert_int_eq(p->d, d);
}

/* The four parts of a report, for texts that need a heading. */
#define HEADINGS                                                               \
    "一、主要举措和成效\n"                                                     \
    "完善制度。\n"                                                             \
    "二、存在的不足和原因\n"                                                   \
    "培训不够。\n"

/* ------------------------------------------------------------ title */

START_TEST(test_title_single_line)
{
    arc_ruleset *rs = arc_test_default_rules();
    arc_test_facts_doc *tf = arc_test_facts("松川县2023年法治政府建设情况报告\n"
                                          "全县上下共同努力。\n"
                                          "一、主要举措\n",
                                          rs);
    ck_assert_str_eq(tf->facts.title, "松川县2023年法治政府建设情况报告");
    ck_assert_uint_eq(tf->facts.title_start, 0);
    ck_assert_uint_eq(tf->facts.title_end, tf->doc->lines[0].end);
    ck_assert_uint_eq(tf->facts.body_start, tf->doc->lines[1].start);
    arc_test_facts_free(tf);
    /* Without a rule set too. */
    tf = arc_test_facts("松川县年度报告\n一、甲\n", NULL);
    ck_assert_str_eq(tf->facts.title, "松川县年度报告");
    arc_test_facts_free(tf);
    arc_ruleset_free(rs);
}
END_TEST

START_TEST(test_title_two_lines_joined)
{
    arc_ruleset *rs = arc_test_default_rules();
    arc_test_facts_doc *tf = arc_test_facts("松川县人民政府关于2023年度法治政府\n"
                                          "建设情况的报告\n"
                                          "2023年,全县扎实推进各项工作。\n"
                                          "一、主要举措和成效\n",
                                          rs);
    ck_assert_str_eq(tf->facts.title,
                     "松川县人民政府关于2023年度法治政府建设情况的报告");
    ck_assert_uint_eq(tf->facts.title_start, tf->doc->lines[0].start);
    ck_assert_uint_eq(tf->facts.title_end, tf->doc->lines[1].end);
    ck_assert_uint_eq(tf->facts.body_start, tf->doc->lines[2].start);
    arc_test_facts_free(tf);
    /* A blank line between the halves is skipped. */
    tf = arc_test_facts("松川县人民政府关于2023年度法治政府\n"
                        "\n"
                        "建设情况的报告\n"
                        "一、主要举措和成效\n",
                        rs);
    ck_assert_str_eq(tf->facts.title,
                     "松川县人民政府关于2023年度法治政府建设情况的报告");
    ck_assert_uint_eq(tf->facts.title_end, tf->doc->lines[2].end);
    arc_test_facts_free(tf);
    /* Without title_end (no rule set) nothing is joined. */
    tf = arc_test_facts("松川县人民政府关于2023年度法治政府\n"
                        "建设情况的报告\n"
                        "一、主要举措和成效\n",
                        NULL);
    ck_assert_str_eq(tf->facts.title, "松川县人民政府关于2023年度法治政府");
    ck_assert_uint_eq(tf->facts.body_start, tf->doc->lines[1].start);
    arc_test_facts_free(tf);
    arc_ruleset_free(rs);
}
END_TEST

START_TEST(test_title_not_joined_when_first_line_ends_like_title)
{
    arc_ruleset *rs = arc_test_default_rules();
    arc_test_facts_doc *tf = arc_test_facts("松川县法治政府建设情况报告\n"
                                          "工作报告\n"
                                          "一、甲\n",
                                          rs);
    ck_assert_str_eq(tf->facts.title, "松川县法治政府建设情况报告");
    ck_assert_uint_eq(tf->facts.body_start, tf->doc->lines[1].start);
    arc_test_facts_free(tf);
    /* Nor when the second line does not end like a title; a first line
     * that does not end like a title is not one (a site or unit name),
     * and neither is the second, which has no subject. */
    tf = arc_test_facts("松川县法治政府建设\n"
                        "全县共有执法人员三百名\n"
                        "一、甲\n",
                        rs);
    ck_assert_str_eq(tf->facts.title, "");
    arc_test_facts_free(tf);
    arc_ruleset_free(rs);
}
END_TEST

START_TEST(test_title_printed_twice)
{
    arc_ruleset *rs = arc_test_default_rules();
    arc_test_facts_doc *tf = arc_test_facts("松川县2023年法治政府建设情况报告\n"
                                          "\n"
                                          "松川县2023年法治政府建设情况报告\n"
                                          "今年以来,全县法治建设有序推进。\n"
                                          "一、主要举措\n",
                                          rs);
    ck_assert_str_eq(tf->facts.title, "松川县2023年法治政府建设情况报告");
    /* The body starts after the second copy. */
    ck_assert_uint_eq(tf->facts.body_start, tf->doc->lines[3].start);
    /* The title block is the first copy. */
    ck_assert_uint_eq(tf->facts.title_end, tf->doc->lines[0].end);
    arc_test_facts_free(tf);
    arc_ruleset_free(rs);
}
END_TEST

START_TEST(test_title_after_chrome_lines)
{
    arc_ruleset *rs = arc_test_default_rules();
    arc_test_facts_doc *tf = arc_test_facts("当前位置:首页 > 政务公开 > 法治政府\n"
                                          "发布时间:2024-02-01 来源:县司法局\n"
                                          "\n"
                                          "松川县2023年法治政府建设情况报告\n"
                                          "一、主要举措\n",
                                          rs);
    ck_assert_str_eq(tf->facts.title, "松川县2023年法治政府建设情况报告");
    ck_assert_uint_eq(tf->facts.title_start, tf->doc->lines[3].start);
    /* The chrome's date is a labelled publication date all the same. */
    assert_published(&tf->facts.published, ARC_PUB_LABEL, 2024, 2, 1);
    arc_test_facts_free(tf);
    /* Without a rule set there is no chrome: the first line is taken. */
    tf = arc_test_facts("当前位置:首页\n松川县报告\n一、甲\n", NULL);
    ck_assert_str_eq(tf->facts.title, "当前位置:首页");
    arc_test_facts_free(tf);
    arc_ruleset_free(rs);
}
END_TEST

START_TEST(test_title_date_stripped)
{
    arc_ruleset *rs = arc_test_default_rules();
    arc_test_facts_doc *tf = arc_test_facts(
        "松川县2023年法治政府建设情况报告  2024-03-18\n"
        "一、主要举措\n",
        rs);
    ck_assert_str_eq(tf->facts.title, "松川县2023年法治政府建设情况报告");
    /* The date beside the title is the publication date. */
    assert_published(&tf->facts.published, ARC_PUB_TITLE, 2024, 3, 18);
    ck_assert_uint_eq(tf->facts.published.at, offset_of(tf->doc, "2024-03-18"));
    arc_test_facts_free(tf);
    tf = arc_test_facts("松川县2023年法治政府建设情况报告　2024年3月18日\n"
                        "一、主要举措\n",
                        rs);
    ck_assert_str_eq(tf->facts.title, "松川县2023年法治政府建设情况报告");
    assert_published(&tf->facts.published, ARC_PUB_TITLE, 2024, 3, 18);
    arc_test_facts_free(tf);
    arc_ruleset_free(rs);
}
END_TEST

START_TEST(test_no_title_for_paragraph)
{
    arc_ruleset *rs = arc_test_default_rules();
    /* Longer than max_title_chars (60). */
    char text[1024] = "";
    for (int i = 0; i < 61; i++)
        strcat(text, "法");
    strcat(text, "\n一、主要举措\n");
    arc_test_facts_doc *tf = arc_test_facts(text, rs);
    ck_assert_str_eq(tf->facts.title, "");
    /* No title: the body starts at the text's start. */
    ck_assert_uint_eq(tf->facts.body_start, 0);
    arc_test_facts_free(tf);
    /* A sentence ending in 。 */
    tf = arc_test_facts("今年全县法治建设取得新进展。\n一、主要举措\n", rs);
    ck_assert_str_eq(tf->facts.title, "");
    arc_test_facts_free(tf);
    /* A line ending in a colon (full width folded). */
    tf = arc_test_facts("现将有关情况报告如下：\n一、主要举措\n", rs);
    ck_assert_str_eq(tf->facts.title, "");
    arc_test_facts_free(tf);
    /* A heading on the first line. */
    tf = arc_test_facts("一、主要举措\n正文。\n", rs);
    ck_assert_str_eq(tf->facts.title, "");
    arc_test_facts_free(tf);
    arc_ruleset_free(rs);
}
END_TEST

START_TEST(test_max_title_chars_from_profile)
{
    arc_ruleset *rs = arc_test_rules(
        "version: 1\n"
        "document:\n"
        "  max_title_chars: 5\n"
        "rules:\n"
        "  - {id: x.p, kind: pattern, severity: info, message: m, "
        "patterns: ['不会出现']}\n");
    arc_test_facts_doc *tf = arc_test_facts("松川县报告\n一、甲\n", rs);
    ck_assert_str_eq(tf->facts.title, "松川县报告");
    arc_test_facts_free(tf);
    /* Six characters: prose, not a title. */
    tf = arc_test_facts("松川县年度报告\n一、甲\n", rs);
    ck_assert_str_eq(tf->facts.title, "");
    arc_test_facts_free(tf);
    arc_ruleset_free(rs);
}
END_TEST

START_TEST(test_empty_and_blank)
{
    arc_ruleset *rs = arc_test_default_rules();
    static const char *const texts[] = {"", "\xEF\xBB\xBF",
                                        "\n  \n\xE3\x80\x80\n\r\n"};
    for (size_t i = 0; i < sizeof texts / sizeof texts[0]; i++) {
        arc_test_facts_doc *tf = arc_test_facts(texts[i], rs);
        ck_assert_str_eq(tf->facts.title, "");
        ck_assert_str_eq(tf->facts.unit, "");
        ck_assert_int_eq(tf->facts.year, 0);
        ck_assert_int_eq(tf->facts.year_source, ARC_YEAR_NONE);
        assert_published(&tf->facts.published, ARC_PUB_NONE, 0, 0, 0);
        assert_published(&tf->facts.signature, ARC_PUB_NONE, 0, 0, 0);
        arc_test_facts_free(tf);
    }
    arc_ruleset_free(rs);
}
END_TEST

/* ------------------------------------------------------------ year */

START_TEST(test_year_from_title)
{
    arc_ruleset *rs = arc_test_default_rules();
    arc_test_facts_doc *tf = arc_test_facts("松川县2023年法治政府建设情况报告\n"
                                          "2022年,全县扎实推进各项工作。\n"
                                          "一、主要举措\n",
                                          rs);
    ck_assert_int_eq(tf->facts.year, 2023);
    ck_assert_int_eq(tf->facts.year_source, ARC_YEAR_TITLE);
    ck_assert_str_eq(arc_year_source_name(tf->facts.year_source), "title");
    /* 松川县 is 9 bytes. */
    ck_assert_int_eq(tf->facts.title_year.year, 2023);
    ck_assert_uint_eq(tf->facts.title_year.at, 9);
    ck_assert_uint_eq(tf->facts.title_year.end, 13);
    /* The opening is read as well; the title wins. */
    ck_assert_int_eq(tf->facts.opening_year.year, 2022);
    ck_assert_uint_eq(tf->facts.opening_year.at, tf->doc->lines[1].start);
    arc_test_facts_free(tf);
    arc_ruleset_free(rs);
}
END_TEST

START_TEST(test_year_from_opening)
{
    arc_ruleset *rs = arc_test_default_rules();
    /* The first line after the title that starts with a year (leading
     * spaces trimmed), not necessarily the first line. */
    arc_test_facts_doc *tf = arc_test_facts("青禾区法治政府建设情况报告\n"
                                          "全区坚持依法行政。\n"
                                          "\xE3\x80\x80\xE3\x80\x80"
                                          "2025年,青禾区扎实推进各项工作。\n"
                                          "2024年的工作也有回顾。\n"
                                          "一、主要举措\n",
                                          rs);
    ck_assert_int_eq(tf->facts.title_year.year, 0);
    ck_assert_int_eq(tf->facts.year, 2025);
    ck_assert_int_eq(tf->facts.year_source, ARC_YEAR_OPENING);
    ck_assert_str_eq(arc_year_source_name(ARC_YEAR_OPENING), "opening");
    ck_assert_uint_eq(tf->facts.opening_year.at, offset_of(tf->doc, "2025"));
    ck_assert_uint_eq(tf->facts.opening_year.end,
                      offset_of(tf->doc, "2025") + 4);
    arc_test_facts_free(tf);
    arc_ruleset_free(rs);
}
END_TEST

START_TEST(test_year_after_first_heading)
{
    arc_ruleset *rs = arc_test_default_rules();
    /* No opening before the first heading: the first paragraph after it
     * opens the report; later paragraphs do not count. */
    arc_test_facts_doc *tf = arc_test_facts("青禾区法治政府建设情况报告\n"
                                          "一、主要举措\n"
                                          "2025年,青禾区扎实推进各项工作。\n"
                                          "2024年,全区开展培训。\n",
                                          rs);
    ck_assert_int_eq(tf->facts.year, 2025);
    ck_assert_int_eq(tf->facts.year_source, ARC_YEAR_OPENING);
    ck_assert_int_eq(tf->facts.opening_year.year, 2025);
    arc_test_facts_free(tf);
    tf = arc_test_facts("青禾区法治政府建设情况报告\n"
                        "全区坚持依法行政。\n"
                        "一、主要举措\n"
                        "2025年,青禾区扎实推进各项工作。\n",
                        rs);
    ck_assert_int_eq(tf->facts.year, 0);
    ck_assert_int_eq(tf->facts.year_source, ARC_YEAR_NONE);
    ck_assert_int_eq(tf->facts.opening_year.year, 0);
    ck_assert_str_eq(arc_year_source_name(ARC_YEAR_NONE), "");
    arc_test_facts_free(tf);
    arc_ruleset_free(rs);
}
END_TEST

START_TEST(test_implausible_years)
{
    arc_ruleset *rs = arc_test_default_rules();
    static const struct {
        const char *text;
        int year;
    } cases[] = {
        {"青禾区1989年法治政府建设情况报告\n一、甲\n", 0},
        {"青禾区1990年法治政府建设情况报告\n一、甲\n", 1990},
        {"青禾区2199年法治政府建设情况报告\n一、甲\n", 2199},
        {"青禾区2200年法治政府建设情况报告\n一、甲\n", 0},
        /* Part of a longer number. */
        {"青禾区12025年法治政府建设情况报告\n一、甲\n", 0},
        /* Not followed by 年. */
        {"青禾区2025法治政府建设情况报告\n一、甲\n", 0},
        /* A later year in the title is found. */
        {"青禾区第12025号文件2025年法治政府建设报告\n一、甲\n", 2025},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        arc_test_facts_doc *tf = arc_test_facts(cases[i].text, rs);
        ck_assert_msg(tf->facts.year == cases[i].year, "case %zu: %d", i,
                      tf->facts.year);
        ck_assert_int_eq(tf->facts.year_source,
                         cases[i].year ? ARC_YEAR_TITLE : ARC_YEAR_NONE);
        arc_test_facts_free(tf);
    }
    arc_ruleset_free(rs);
}
END_TEST

/* ------------------------------------------------------------ published */

START_TEST(test_published_label)
{
    arc_ruleset *rs = arc_test_default_rules();
    arc_test_facts_doc *tf = arc_test_facts("青禾区2025年度法治政府建设情况报告\n"
                                          "发布时间：2026年3月25日\n" HEADINGS
                                          "青禾区人民政府\n"
                                          "2026年3月20日\n",
                                          rs);
    assert_published(&tf->facts.published, ARC_PUB_LABEL, 2026, 3, 25);
    ck_assert_str_eq(arc_pub_source_name(ARC_PUB_LABEL), "label");
    ck_assert_uint_eq(tf->facts.published.at, offset_of(tf->doc, "2026年3月25日"));
    ck_assert_uint_eq(tf->facts.published.end,
                      offset_of(tf->doc, "2026年3月25日") +
                          strlen("2026年3月25日"));
    /* The signature is kept apart. */
    assert_published(&tf->facts.signature, ARC_PUB_SIGNATURE, 2026, 3, 20);
    arc_test_facts_free(tf);
    /* Without a rule set there is no label pattern: the signature. */
    tf = arc_test_facts("青禾区2025年度法治政府建设情况报告\n"
                        "发布时间:2026-03-25\n" HEADINGS "2026年3月20日\n",
                        NULL);
    assert_published(&tf->facts.published, ARC_PUB_SIGNATURE, 2026, 3, 20);
    arc_test_facts_free(tf);
    arc_ruleset_free(rs);
}
END_TEST

START_TEST(test_published_label_invalid_date)
{
    arc_ruleset *rs = arc_test_default_rules();
    /* 2026-02-30 does not exist: the next label is tried, then the
     * signature. */
    arc_test_facts_doc *tf = arc_test_facts("青禾区2025年度法治政府建设情况报告\n"
                                          "发布日期:2026-02-30\n"
                                          "成文日期:2026-03-02\n" HEADINGS,
                                          rs);
    assert_published(&tf->facts.published, ARC_PUB_LABEL, 2026, 3, 2);
    arc_test_facts_free(tf);
    tf = arc_test_facts("青禾区2025年度法治政府建设情况报告\n"
                        "发布日期:2026-02-30\n" HEADINGS
                        "2026年3月20日\n",
                        rs);
    assert_published(&tf->facts.published, ARC_PUB_SIGNATURE, 2026, 3, 20);
    arc_test_facts_free(tf);
    /* A month without a day is not a publication date. */
    tf = arc_test_facts("青禾区2025年度法治政府建设情况报告\n"
                        "发布日期:2026年3月\n" HEADINGS,
                        rs);
    assert_published(&tf->facts.published, ARC_PUB_NONE, 0, 0, 0);
    arc_test_facts_free(tf);
    arc_ruleset_free(rs);
}
END_TEST

START_TEST(test_published_order)
{
    arc_ruleset *rs = arc_test_default_rules();
    /* Label > title > signature. */
    arc_test_facts_doc *tf = arc_test_facts(
        "青禾区2025年度法治政府建设情况报告 2026-03-18\n"
        "发布日期:2026-03-25\n" HEADINGS "2026年3月20日\n",
        rs);
    assert_published(&tf->facts.published, ARC_PUB_LABEL, 2026, 3, 25);
    arc_test_facts_free(tf);
    tf = arc_test_facts("青禾区2025年度法治政府建设情况报告 2026-03-18\n" HEADINGS
                        "2026年3月20日\n",
                        rs);
    assert_published(&tf->facts.published, ARC_PUB_TITLE, 2026, 3, 18);
    ck_assert_str_eq(arc_pub_source_name(ARC_PUB_TITLE), "title");
    assert_published(&tf->facts.signature, ARC_PUB_SIGNATURE, 2026, 3, 20);
    arc_test_facts_free(tf);
    tf = arc_test_facts("青禾区2025年度法治政府建设情况报告\n" HEADINGS
                        "2026年3月20日\n",
                        rs);
    assert_published(&tf->facts.published, ARC_PUB_SIGNATURE, 2026, 3, 20);
    ck_assert_str_eq(arc_pub_source_name(ARC_PUB_SIGNATURE), "signature");
    ck_assert_uint_eq(tf->facts.published.at, offset_of(tf->doc, "2026年3月20日"));
    arc_test_facts_free(tf);
    arc_ruleset_free(rs);
}
END_TEST

START_TEST(test_signature_rules)
{
    arc_ruleset *rs = arc_test_default_rules();
    /* A date with more text on its line is not a signature. */
    arc_test_facts_doc *tf = arc_test_facts("青禾区2025年度法治政府建设情况报告\n" HEADINGS
                                          "2026年3月20日印发\n",
                                          rs);
    assert_published(&tf->facts.signature, ARC_PUB_NONE, 0, 0, 0);
    assert_published(&tf->facts.published, ARC_PUB_NONE, 0, 0, 0);
    arc_test_facts_free(tf);
    /* Trailing spaces and blank lines after it are fine. */
    tf = arc_test_facts("青禾区2025年度法治政府建设情况报告\n" HEADINGS
                        "  2026年3月20日  \n\n\n",
                        rs);
    assert_published(&tf->facts.signature, ARC_PUB_SIGNATURE, 2026, 3, 20);
    arc_test_facts_free(tf);
    /* Only the last eight non-blank lines are searched. */
    tf = arc_test_facts("青禾区2025年度法治政府建设情况报告\n" HEADINGS
                        "2026年3月20日\n"
                        "附件1\n附件2\n附件3\n附件4\n附件5\n附件6\n附件7\n",
                        rs);
    assert_published(&tf->facts.signature, ARC_PUB_SIGNATURE, 2026, 3, 20);
    arc_test_facts_free(tf);
    tf = arc_test_facts("青禾区2025年度法治政府建设情况报告\n" HEADINGS
                        "2026年3月20日\n"
                        "附件1\n附件2\n附件3\n附件4\n附件5\n附件6\n附件7\n"
                        "附件8\n",
                        rs);
    assert_published(&tf->facts.signature, ARC_PUB_NONE, 0, 0, 0);
    arc_test_facts_free(tf);
    /* The last signature-like date wins. */
    tf = arc_test_facts("青禾区2025年度法治政府建设情况报告\n" HEADINGS
                        "2026年3月2日\n"
                        "2026年3月20日\n",
                        rs);
    assert_published(&tf->facts.signature, ARC_PUB_SIGNATURE, 2026, 3, 20);
    arc_test_facts_free(tf);
    arc_ruleset_free(rs);
}
END_TEST

START_TEST(test_set_published)
{
    arc_ruleset *rs = arc_test_default_rules();
    arc_test_facts_doc *tf = arc_test_facts("青禾区2025年度法治政府建设情况报告\n"
                                          "发布日期:2026-03-25\n" HEADINGS
                                          "2026年3月20日\n",
                                          rs);
    arc_facts_set_published(&tf->facts, 2026, 4, 2);
    assert_published(&tf->facts.published, ARC_PUB_OVERRIDE, 2026, 4, 2);
    /* Not in the text. */
    ck_assert_uint_eq(tf->facts.published.at, ARC_NOWHERE);
    ck_assert_uint_eq(tf->facts.published.end, ARC_NOWHERE);
    ck_assert_str_eq(arc_pub_source_name(ARC_PUB_OVERRIDE), "override");
    /* The rest is untouched. */
    assert_published(&tf->facts.signature, ARC_PUB_SIGNATURE, 2026, 3, 20);
    ck_assert_int_eq(tf->facts.year, 2025);
    arc_test_facts_free(tf);
    arc_ruleset_free(rs);
}
END_TEST

/* ------------------------------------------------------------ unit */

START_TEST(test_unit_from_title)
{
    arc_ruleset *rs = arc_test_default_rules();
    static const struct {
        const char *title, *unit;
    } cases[] = {
        /* Before 关于. */
        {"青禾区人民政府关于2025年度法治政府建设情况的报告", "青禾区人民政府"},
        /* Before the year. */
        {"松岭县2025年法治政府建设年度报告", "松岭县"},
        /* The shortest: before the first 关于. */
        {"青禾区司法局关于转发关于2025年度法治政府建设报告的报告",
         "青禾区司法局"},
        /* The title starts with the year: what follows it, up to the
         * subject (a plan's title, as published). */
        {"2026年临江市青禾区法治政府建设工作要点与责任分工",
         "临江市青禾区"},
        {"2025年度云溪县司法局依法行政工作报告", "云溪县司法局"},
        {"2025年青禾区人民政府关于法治政府建设情况的报告",
         "青禾区人民政府"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char text[512];
        snprintf(text, sizeof text, "%s\n" HEADINGS "青禾区委\n2026年3月20日\n",
                 cases[i].title);
        arc_test_facts_doc *tf = arc_test_facts(text, rs);
        ck_assert_str_eq(tf->facts.title, cases[i].title);
        /* The title's unit wins over the line above the signature. */
        ck_assert_str_eq(tf->facts.unit, cases[i].unit);
        arc_test_facts_free(tf);
    }
    arc_ruleset_free(rs);
}
END_TEST

START_TEST(test_unit_from_signature)
{
    arc_ruleset *rs = arc_test_default_rules();
    /* Nothing before the year: the line above the date, trimmed, blank
     * lines skipped. */
    arc_test_facts_doc *tf = arc_test_facts("2025年度法治政府建设情况报告\n" HEADINGS
                                          "\n"
                                          "  青禾区司法局  \n"
                                          "\n"
                                          "2026年3月2日\n",
                                          rs);
    ck_assert_str_eq(tf->facts.unit, "青禾区司法局");
    arc_test_facts_free(tf);
    /* No rule set: no unit pattern, the signature still gives it. */
    tf = arc_test_facts("青禾区人民政府关于2025年度法治政府建设情况的报告\n" HEADINGS
                        "青禾区司法局\n"
                        "2026年3月2日\n",
                        NULL);
    ck_assert_str_eq(tf->facts.unit, "青禾区司法局");
    arc_test_facts_free(tf);
    /* More than 30 characters above the date is prose: no unit. */
    tf = arc_test_facts("2025年度法治政府建设情况报告\n" HEADINGS
                        "全区将继续坚持以习近平新时代中国特色社会主义思想为指导推进法治建设。\n"
                        "2026年3月2日\n",
                        rs);
    ck_assert_str_eq(tf->facts.unit, "");
    arc_test_facts_free(tf);
    /* Exactly 30 characters is still a unit. */
    tf = arc_test_facts("2025年度法治政府建设情况报告\n" HEADINGS
                        "一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十\n"
                        "2026年3月2日\n",
                        rs);
    ck_assert_str_eq(tf->facts.unit,
                     "一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十");
    arc_test_facts_free(tf);
    /* No signature: no unit. */
    tf = arc_test_facts("2025年度法治政府建设情况报告\n" HEADINGS, rs);
    ck_assert_str_eq(tf->facts.unit, "");
    arc_test_facts_free(tf);
    arc_ruleset_free(rs);
}
END_TEST

/* ------------------------------------------------------------ metadata */

START_TEST(test_meta_wins)
{
    arc_ruleset *rs = arc_test_default_rules();
    arc_doc *doc = arc_test_doc("青禾区法治政府建设情况报告\n"
                                "2024年,青禾区扎实推进各项工作。\n" HEADINGS
                                "青禾区人民政府\n"
                                "2026年3月20日\n");
    arc_input meta;
    memset(&meta, 0, sizeof meta);
    meta.title = (char *)"青禾区2025年度法治政府建设情况报告";
    meta.published = (char *)"2026-03-28";
    meta.unit = (char *)"青禾区司法局";
    arc_facts f;
    arc_error err = {0};
    ck_assert_int_eq(arc_facts_read(&f, doc, &rs->doc, &meta, &err), 0);
    ck_assert_str_eq(f.title, "青禾区2025年度法治政府建设情况报告");
    /* The metadata title's year beats the opening's. */
    ck_assert_int_eq(f.year, 2025);
    ck_assert_int_eq(f.year_source, ARC_YEAR_META);
    ck_assert_str_eq(arc_year_source_name(ARC_YEAR_META), "meta");
    ck_assert_int_eq(f.opening_year.year, 2024);
    assert_published(&f.published, ARC_PUB_META, 2026, 3, 28);
    ck_assert_str_eq(arc_pub_source_name(ARC_PUB_META), "meta");
    assert_published(&f.signature, ARC_PUB_SIGNATURE, 2026, 3, 20);
    ck_assert_str_eq(f.unit, "青禾区司法局");
    arc_facts_free(&f);
    /* Metadata that is empty or not a date changes nothing. */
    meta.title = (char *)"";
    meta.published = (char *)"2026-02-30";
    meta.unit = (char *)"";
    ck_assert_int_eq(arc_facts_read(&f, doc, &rs->doc, &meta, &err), 0);
    ck_assert_str_eq(f.title, "青禾区法治政府建设情况报告");
    ck_assert_int_eq(f.year, 2024);
    ck_assert_int_eq(f.year_source, ARC_YEAR_OPENING);
    assert_published(&f.published, ARC_PUB_SIGNATURE, 2026, 3, 20);
    ck_assert_str_eq(f.unit, "青禾区人民政府");
    arc_facts_free(&f);
    /* A NULL profile reads with the defaults. */
    ck_assert_int_eq(arc_facts_read(&f, doc, NULL, NULL, &err), 0);
    ck_assert_str_eq(f.title, "青禾区法治政府建设情况报告");
    arc_facts_free(&f);
    /* Freeing twice (zeroed) and NULL are no-ops. */
    arc_facts_free(&f);
    ck_assert_ptr_null(f.title);
    arc_facts_free(NULL);
    arc_doc_free(doc);
    arc_ruleset_free(rs);
}
END_TEST

START_TEST(test_meta_title_keeps_text_year)
{
    arc_ruleset *rs = arc_test_default_rules();
    arc_doc *doc = arc_test_doc("青禾区2025年度法治政府建设情况报告\n" HEADINGS);
    arc_input meta;
    memset(&meta, 0, sizeof meta);
    meta.title = (char *)"青禾区法治政府建设情况报告（网页）";
    arc_facts f;
    ck_assert_int_eq(arc_facts_read(&f, doc, &rs->doc, &meta, NULL), 0);
    ck_assert_str_eq(f.title, "青禾区法治政府建设情况报告（网页）");
    /* The year read from the text's title stays. */
    ck_assert_int_eq(f.year, 2025);
    ck_assert_int_eq(f.year_source, ARC_YEAR_TITLE);
    arc_facts_free(&f);
    arc_doc_free(doc);
    arc_ruleset_free(rs);
}
END_TEST

/* ------------------------------------------------------------ traditional */

#define TRADITIONAL                                                            \
    "青禾區人民政府關於2025年度法治政府建設情況的報告\n"                       \
    "發佈日期:2026-03-20\n"                                                    \
    "一、2025年推進法治政府建設的主要舉措和成效\n"                             \
    "受理行政複議申請200件。\n"

START_TEST(test_traditional_folded_before_facts)
{
    arc_ruleset *rs = arc_test_default_rules();
    /* The rule set's profile folds: the label and 关于 are recognised. */
    arc_test_facts_doc *tf = arc_test_facts(TRADITIONAL, rs);
    ck_assert_int_eq(tf->doc->traditional, 1);
    ck_assert_str_eq(tf->facts.title,
                     "青禾区人民政府关于2025年度法治政府建设情况的报告");
    ck_assert_str_eq(tf->facts.unit, "青禾区人民政府");
    assert_published(&tf->facts.published, ARC_PUB_LABEL, 2026, 3, 20);
    ck_assert_int_eq(tf->facts.year, 2025);
    arc_test_facts_free(tf);
    /* Without a rule set nothing is folded. */
    tf = arc_test_facts(TRADITIONAL, NULL);
    ck_assert_int_eq(tf->doc->traditional, 0);
    ck_assert_str_eq(tf->facts.title,
                     "青禾區人民政府關於2025年度法治政府建設情況的報告");
    arc_test_facts_free(tf);
    /* Fewer markers than `min` (5): not folded. */
    tf = arc_test_facts("青禾區2025年法治政府建设情况报告\n一、甲\n", rs);
    ck_assert_int_eq(tf->doc->traditional, 0);
    ck_assert_str_eq(tf->facts.title, "青禾區2025年法治政府建设情况报告");
    arc_test_facts_free(tf);
    arc_ruleset_free(rs);
}
END_TEST

/* ------------------------------------------------------------ zones */

/* Each form of the head a page prints, as the rule set's zones read it:
 * the line holding `needle` is in `zone`. */
static const struct {
    const char *text, *needle;
    arc_zone zone;
} zone_cases[] = {
    {"当前位置:首页 > 政务公开 > 法治政府建设\n"
     "青禾区2025年度法治政府建设情况报告\n" HEADINGS,
     "当前位置", ARC_ZONE_CHROME},
    {"今天是2019年10月31日 星期四\n"
     "青禾区2025年度法治政府建设情况报告\n" HEADINGS,
     "今天是", ARC_ZONE_WIDGET},
    {"农历九月初三 晴 12℃\n"
     "青禾区2025年度法治政府建设情况报告\n" HEADINGS,
     "农历", ARC_ZONE_WIDGET},
    {"青禾区2025年度法治政府建设情况报告\n"
     "[ 发布日期 ] 2026-02-10 [ 来源 ] 区司法局\n" HEADINGS,
     "发布日期", ARC_ZONE_META},
    {"索引号:11330100/2026-00012\n"
     "青禾区2025年度法治政府建设情况报告\n" HEADINGS,
     "索引号", ARC_ZONE_META},
    {"——在全区法治政府建设推进会议上\n"
     "青禾区2025年度法治政府建设情况报告\n" HEADINGS,
     "推进会议", ARC_ZONE_MEETING},
    {"青禾区人民政府\n"
     "关于报送2025年度法治政府建设情况的报告\n"
     "青政〔2026〕7号\n"
     "市人民政府:\n"
     "现将我区2025年度法治政府建设情况报告报送给你们,请审阅。\n"
     "青禾区人民政府\n"
     "2026年3月2日\n"
     "青禾区2025年度法治政府建设情况报告\n" HEADINGS,
     "现将我区", ARC_ZONE_LETTER},
    {"青禾区2025年度法治政府建设情况报告\n"
     "11330100/2026-00012\n" HEADINGS,
     "11330100", ARC_ZONE_META},
    /* The report itself is text. */
    {"当前位置:首页 > 政务公开\n"
     "青禾区2025年度法治政府建设情况报告\n" HEADINGS,
     "青禾区2025年度", ARC_ZONE_TEXT},
};

START_TEST(test_zone_forms)
{
    arc_ruleset *rs = arc_test_default_rules();
    arc_test_facts_doc *tf = arc_test_facts(zone_cases[_i].text, rs);
    size_t at = offset_of(tf->doc, zone_cases[_i].needle);
    size_t li = 0;
    while (li + 1 < tf->doc->nlines && tf->doc->lines[li + 1].start <= at)
        li++;
    ck_assert_msg(arc_facts_zone(&tf->facts, li) == zone_cases[_i].zone,
                  "case %d: line %zu is zone %d, want %d", _i, li,
                  (int)arc_facts_zone(&tf->facts, li),
                  (int)zone_cases[_i].zone);
    arc_test_facts_free(tf);
    arc_ruleset_free(rs);
}
END_TEST

/* ------------------------------------------------------------ year forms */

/* The report year by evidence: each form a page shows, the year a reviewer
 * reads and where it came from. */
static const struct {
    const char *text;
    int year;
    arc_year_source source;
} year_cases[] = {
    /* A date widget's year and day are chrome, never the year. */
    {"今天是2019年10月31日 星期四\n"
     "青禾区2025年度法治政府建设情况报告\n" HEADINGS,
     2025, ARC_YEAR_TITLE},
    /* A metadata date of N+1 is not N+1's report. */
    {"青禾区2025年度法治政府建设情况报告\n"
     "发布日期:2026-03-10 来源:区司法局\n" HEADINGS,
     2025, ARC_YEAR_TITLE},
    /* The transmittal letter's 文号 year and date are not the year. */
    {"青禾区人民政府\n"
     "关于报送2025年度法治政府建设情况的报告\n"
     "青政〔2026〕7号\n"
     "市人民政府:\n"
     "现将我区2025年度法治政府建设情况报告报送给你们,请审阅。\n"
     "青禾区人民政府\n"
     "2026年3月2日\n"
     "青禾区2025年度法治政府建设情况报告\n" HEADINGS,
     2025, ARC_YEAR_TITLE},
    /* No year in the title: 现将N年…报告如下. */
    {"青禾区法治政府建设情况报告\n"
     "现将我区2025年法治政府建设情况报告如下:\n" HEADINGS,
     2025, ARC_YEAR_REPORTED},
    /* No year in the title: the opening sentence. */
    {"青禾区法治政府建设情况报告\n"
     "2025年以来,我区坚持依法行政。\n" HEADINGS,
     2025, ARC_YEAR_OPENING},
    /* An untitled page opening with a 文号: the 文号 year is excluded. */
    {"青政办〔2019〕3号\n"
     "2025年,青禾区坚持依法行政,现将有关情况报告如下。\n" HEADINGS,
     2025, ARC_YEAR_OPENING},
    /* A plan period (2021-2025年) and a quoted title are not evidence. */
    {"青禾区法治政府建设情况报告\n"
     "按照《法治政府建设实施纲要(2021-2025年)》要求,"
     "现将2024年法治政府建设情况报告如下:\n" HEADINGS,
     2024, ARC_YEAR_REPORTED},
    /* A plan period alone gives no year. */
    {"青禾区法治政府建设情况报告\n"
     "一、2021-2025年规划执行情况\n完善制度。\n",
     0, ARC_YEAR_NONE},
    /* The title is the odd one: opening and headings agree on 2025. */
    {"青禾区2024年度法治政府建设情况报告\n"
     "现将我区2025年法治政府建设情况报告如下:\n"
     "一、2025年推进法治政府建设的主要举措和成效\n完善制度。\n"
     "二、2025年推进法治政府建设存在的不足和原因\n培训不够。\n"
     "三、2026年推进法治政府建设的主要安排\n继续完善。\n",
     2025, ARC_YEAR_EVIDENCE},
    /* …情况和N+1年工作安排: the title's first year. */
    {"青禾区2025年法治政府建设情况和2026年工作安排\n" HEADINGS, 2025,
     ARC_YEAR_TITLE},
    /* The next-year heading alone counts for the year before it. */
    {"青禾区法治政府建设情况报告\n"
     "一、主要举措\n完善制度。\n"
     "二、2026年工作打算\n继续完善。\n",
     2025, ARC_YEAR_HEADINGS},
};

START_TEST(test_year_forms)
{
    arc_ruleset *rs = arc_test_default_rules();
    arc_test_facts_doc *tf = arc_test_facts(year_cases[_i].text, rs);
    ck_assert_msg(tf->facts.year == year_cases[_i].year &&
                      tf->facts.year_source == year_cases[_i].source,
                  "case %d: year %d from %s, want %d from %s", _i,
                  tf->facts.year, arc_year_source_name(tf->facts.year_source),
                  year_cases[_i].year,
                  arc_year_source_name(year_cases[_i].source));
    arc_test_facts_free(tf);
    arc_ruleset_free(rs);
}
END_TEST

/* ------------------------------------------------------------ date forms */

/* Every label-plus-date form of the metadata blocks (the label words come
 * from the rule set), and what is never a publication date. */
static const struct {
    const char *text;
    arc_pub_source source;
    int y, m, d;
} pub_cases[] = {
    /* bracketed */
    {"青禾区2025年度法治政府建设情况报告\n"
     "[ 发布日期 ] 2026-02-10 [ 来源 ] 区司法局\n" HEADINGS,
     ARC_PUB_LABEL, 2026, 2, 10},
    /* colon, bare 日期 */
    {"青禾区2025年度法治政府建设情况报告\n"
     "日期:2026-02-26 来源:区司法局\n" HEADINGS,
     ARC_PUB_LABEL, 2026, 2, 26},
    /* bare 时间 with a clock time */
    {"青禾区2025年度法治政府建设情况报告\n"
     "来源:青禾区人民政府 时间:2026-03-05 09:30\n" HEADINGS,
     ARC_PUB_LABEL, 2026, 3, 5},
    /* table-like, pipes */
    {"青禾区2025年度法治政府建设情况报告\n"
     "发布机构 | 青禾区人民政府 | 发布日期 | 2026-01-28\n" HEADINGS,
     ARC_PUB_LABEL, 2026, 1, 28},
    /* bulleted label, value on the next line */
    {"青禾区2025年度法治政府建设情况报告\n"
     "• 发布日期:\n"
     "2026-03-12\n" HEADINGS,
     ARC_PUB_LABEL, 2026, 3, 12},
    /* 成文日期 printed first, 发布日期 preferred */
    {"青禾区2025年度法治政府建设情况报告\n"
     "成文日期:2026-02-20\n"
     "发布日期:2026-02-27\n" HEADINGS,
     ARC_PUB_LABEL, 2026, 2, 27},
    /* 生成日期 only */
    {"青禾区2025年度法治政府建设情况报告\n"
     "生成日期:2026-03-16\n" HEADINGS,
     ARC_PUB_LABEL, 2026, 3, 16},
    /* 成文日期 before 生成日期 */
    {"青禾区2025年度法治政府建设情况报告\n"
     "生成日期:2026-03-16\n"
     "成文日期:2026-03-09\n" HEADINGS,
     ARC_PUB_LABEL, 2026, 3, 9},
    /* a date alone on its line under the title */
    {"青禾区2025年度法治政府建设情况报告\n"
     "2026-03-18\n" HEADINGS,
     ARC_PUB_LINE, 2026, 3, 18},
    /* day-first, dotted */
    {"青禾区2025年度法治政府建设情况报告\n"
     "青禾区人民政府\n"
     "2026.03.18\n" HEADINGS,
     ARC_PUB_LINE, 2026, 3, 18},
    /* a date glued to the title by PDF/OFD layout */
    {"青禾区2025年度法治政府建设情况报告2026-03-18\n" HEADINGS,
     ARC_PUB_TITLE, 2026, 3, 18},
    /* a widget date is never the publication date: the signature is */
    {"今天是2026年3月30日 星期一\n"
     "青禾区2025年度法治政府建设情况报告\n" HEADINGS "2026年3月20日\n",
     ARC_PUB_SIGNATURE, 2026, 3, 20},
    /* …nor a date followed by its weekday, alone on its line */
    {"青禾区2025年度法治政府建设情况报告\n"
     "2026年3月30日 星期一\n" HEADINGS "2026年3月20日\n",
     ARC_PUB_SIGNATURE, 2026, 3, 20},
    /* nor is a meeting date */
    {"青禾区2025年度法治政府建设情况报告\n"
     "——在全区法治政府建设推进会议上\n"
     "(2026年3月6日)\n" HEADINGS,
     ARC_PUB_NONE, 0, 0, 0},
    /* the transmittal letter's date, as the last resort */
    {"关于报送2025年度法治政府建设情况的报告\n"
     "市人民政府:\n"
     "现将我区2025年度法治政府建设情况报告报送给你们,请审阅。\n"
     "青禾区人民政府\n"
     "2026年3月2日\n"
     "青禾区2025年度法治政府建设情况报告\n" HEADINGS,
     ARC_PUB_LETTER, 2026, 3, 2},
    /* …but a label wins over it */
    {"发布日期:2026-03-11\n"
     "关于报送2025年度法治政府建设情况的报告\n"
     "市人民政府:\n"
     "现将我区2025年度法治政府建设情况报告报送给你们,请审阅。\n"
     "青禾区人民政府\n"
     "2026年3月2日\n"
     "青禾区2025年度法治政府建设情况报告\n" HEADINGS,
     ARC_PUB_LABEL, 2026, 3, 11},
};

START_TEST(test_published_forms)
{
    arc_ruleset *rs = arc_test_default_rules();
    arc_test_facts_doc *tf = arc_test_facts(pub_cases[_i].text, rs);
    const arc_pub_date *p = &tf->facts.published;
    ck_assert_msg(p->source == pub_cases[_i].source &&
                      p->y == pub_cases[_i].y && p->m == pub_cases[_i].m &&
                      p->d == pub_cases[_i].d,
                  "case %d: %04d-%02d-%02d from %s, want %04d-%02d-%02d "
                  "from %s",
                  _i, p->y, p->m, p->d, arc_pub_source_name(p->source),
                  pub_cases[_i].y, pub_cases[_i].m, pub_cases[_i].d,
                  arc_pub_source_name(pub_cases[_i].source));
    arc_test_facts_free(tf);
    arc_ruleset_free(rs);
}
END_TEST

/* ------------------------------------------------------------ type forms */

static const struct {
    const char *text, *type;
} type_cases[] = {
    {"青禾区2025年度法治政府建设情况报告\n" HEADINGS, "annual-report"},
    /* a report whose title names the next year's plan stays a report */
    {"青禾区2025年法治政府建设情况和2026年工作安排\n" HEADINGS,
     "annual-report"},
    /* the work plans (issue 10 builds profiles on this type) */
    {"青禾区2026年法治政府建设工作要点\n"
     "一、完善制度\n1.健全机制。(责任单位:区司法局)\n", "work-plan"},
    {"青禾区2026年依法行政工作安排\n一、完善制度\n", "work-plan"},
    {"青禾区2026年法治政府建设重点任务分工\n一、完善制度\n", "work-plan"},
    /* the report preceded by its 报送函 is a report */
    {"关于报送2025年度法治政府建设情况的报告\n"
     "市人民政府:\n"
     "现将我区2025年度法治政府建设情况报告报送给你们,请审阅。\n"
     "青禾区人民政府\n"
     "2026年3月2日\n"
     "青禾区2025年度法治政府建设情况报告\n" HEADINGS,
     "annual-report"},
    /* a plan behind its 印发通知, spaced out with blank and no-break-space
     * lines (the windows count lines with text) */
    {"青禾区人民政府关于印发《青禾区2026年法治政府建设工作要点》的通知\n\n"
     "青政发〔2026〕3号\n\n\xC2\xA0\n\n\xC2\xA0\n\n"
     "各街道办事处,区政府各部门:\n\n"
     "现将《青禾区2026年法治政府建设工作要点》印发给你们,请认真贯彻执行。"
     "\n\n\xC2\xA0\n\n\xC2\xA0\n\n"
     "2026年2月3日\n\n"
     "青禾区2026年法治政府建设工作要点\n\n"
     "一、完善制度\n1.健全机制。\n",
     "work-plan"},
    /* look-alikes */
    {"青禾区人民政府2025年政府信息公开工作年度报告\n"
     "一、总体情况\n主动公开政府信息120条。\n", "other"},
    {"青禾區人民政府2025年政府信息公開工作年度報告\n"
     "一、總體情況\n本區主動公開政府信息120條,依申請公開辦理30件。\n",
     "other"},
    {"2026年青禾区政府工作报告\n各位代表:\n", "other"},
    {"《青禾区2025年度法治政府建设情况报告》解读\n"
     "现就有关内容解读如下。\n", "other"},
    {"青禾区法治政府建设示范创建实施方案\n为推进示范创建,制定本方案。\n",
     "other"},
    {"XX区2025年度法治政府建设情况报告\n"
     "2025年,XX区共办理复议案件**件。\n" HEADINGS, "other"},
    {"青禾区召开法治政府建设推进会\n"
     "3月6日上午,青禾区召开法治政府建设推进会。\n", "other"},
    /* a template whose opening masks the report's own year */
    {"法治政府建设情况报告\n"
     "20XX年,我局坚持依法行政,现将有关情况报告如下:\n" HEADINGS,
     "other"},
    {"法治政府建设情况报告\n按照20xx年度考评要求,现将自查情况报告如下:\n"
     HEADINGS,
     "other"},
    /* one 20XX年 in the 200 characters after the title is a template
     * (it is two masks: 20XX年 and XX年) ... */
    {"青禾区2025年度法治政府建设情况报告\n"
     "一、主要举措和成效\n(一)健全机制。20XX年制定实施办法。\n"
     "二、存在的不足和原因\n培训不够。\n",
     "other"},
    /* ... further on, a leftover in a report (placeholder.found) */
    {"青禾区2025年度法治政府建设情况报告\n"
     "一、主要举措和成效\n(一)健全决策机制。区政府全年召开常务会议研究"
     "法治政府建设三次,审议重大行政决策事项六件,完善合法性审查机制,"
     "全面推行法律顾问制度,重大行政决策事项全部经过合法性审查和集体讨论"
     "决定,决策的科学化、民主化、法治化水平进一步提高,群众满意度稳步提升,"
     "各项制度落实到位。\n(二)健全执法机制。全面落实行政执法公示制度、"
     "执法全过程记录制度和重大执法决定法制审核制度,开展执法案卷评查两次,"
     "组织执法人员培训四期,执法规范化水平进一步提升。\n"
     "(三)健全机制。20XX年制定实施办法。\n"
     "二、存在的不足和原因\n培训不够。\n",
     "annual-report"},
    /* no title, no report year, no numbered heading: no report */
    {"购买方名称:青禾区司法局\n货物或应税劳务名称:办公用品\n"
     "价税合计:壹仟贰佰元整\n",
     "other"},
    {"读书是一件快乐的事。我们从书中认识世界。\n书籍陪伴我们成长。\n",
     "other"},
    /* with any of them the fallback stays the report */
    {"2025年,青禾区坚持依法行政。\n全年办理复议案件12件。\n",
     "annual-report"},
    {"全年办理复议案件12件。\n" HEADINGS, "annual-report"},
};

START_TEST(test_type_forms)
{
    arc_ruleset *rs = arc_test_default_rules();
    arc_test_facts_doc *tf = arc_test_facts(type_cases[_i].text, rs);
    ck_assert_msg(strcmp(tf->facts.type_id, type_cases[_i].type) == 0,
                  "case %d: %s (%s, by %s), want %s", _i, tf->facts.type_id,
                  tf->facts.type_name, tf->facts.type_how,
                  type_cases[_i].type);
    arc_test_facts_free(tf);
    arc_ruleset_free(rs);
}
END_TEST

static Suite *suite(void)
{
    Suite *s = suite_create("facts");
    TCase *tc = tcase_create("title");
    tcase_add_test(tc, test_title_single_line);
    tcase_add_test(tc, test_title_two_lines_joined);
    tcase_add_test(tc, test_title_not_joined_when_first_line_ends_like_title);
    tcase_add_test(tc, test_title_printed_twice);
    tcase_add_test(tc, test_title_after_chrome_lines);
    tcase_add_test(tc, test_title_date_stripped);
    tcase_add_test(tc, test_no_title_for_paragraph);
    tcase_add_test(tc, test_max_title_chars_from_profile);
    tcase_add_test(tc, test_empty_and_blank);
    suite_add_tcase(s, tc);

    tc = tcase_create("year");
    tcase_add_test(tc, test_year_from_title);
    tcase_add_test(tc, test_year_from_opening);
    tcase_add_test(tc, test_year_after_first_heading);
    tcase_add_test(tc, test_implausible_years);
    suite_add_tcase(s, tc);

    tc = tcase_create("published");
    tcase_add_test(tc, test_published_label);
    tcase_add_test(tc, test_published_label_invalid_date);
    tcase_add_test(tc, test_published_order);
    tcase_add_test(tc, test_signature_rules);
    tcase_add_test(tc, test_set_published);
    suite_add_tcase(s, tc);

    tc = tcase_create("unit");
    tcase_add_test(tc, test_unit_from_title);
    tcase_add_test(tc, test_unit_from_signature);
    suite_add_tcase(s, tc);

    tc = tcase_create("meta");
    tcase_add_test(tc, test_meta_wins);
    tcase_add_test(tc, test_meta_title_keeps_text_year);
    suite_add_tcase(s, tc);

    tc = tcase_create("traditional");
    tcase_add_test(tc, test_traditional_folded_before_facts);
    suite_add_tcase(s, tc);

    /* One loop iteration per form, so a failure names its case. */
    tc = tcase_create("forms");
    tcase_add_loop_test(tc, test_zone_forms, 0, ARC_ARRAY_LEN(zone_cases));
    tcase_add_loop_test(tc, test_year_forms, 0, ARC_ARRAY_LEN(year_cases));
    tcase_add_loop_test(tc, test_published_forms, 0,
                        ARC_ARRAY_LEN(pub_cases));
    tcase_add_loop_test(tc, test_type_forms, 0, ARC_ARRAY_LEN(type_cases));
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    return arc_test_run(suite());
}
