/* check_layout.c - positioned lines to paragraphs (layout.c), on lines
 * placed by hand: a page 600 wide and 800 high, body text from x 50 to
 * 500, lines 10 high every 20. */
#include "layout.h"
#include "testutil.h"

#include <stdlib.h>
#include <string.h>

#define H 10.0
#define PAGE_H 800.0

typedef struct {
    arc_layout l;
    double y;      /* top of the next body line */
    uint32_t page;
} sheet;

static void sheet_init(sheet *s)
{
    arc_layout_init(&s->l, (size_t)1 << 20);
    s->y = 100;
    s->page = 1;
}

static void put_at(sheet *s, const char *text, double x0, double x1,
                   double top, double h)
{
    ck_assert_int_eq(arc_layout_add(&s->l, s->page, text, strlen(text), x0,
                                    x1, top, top + h,
                                    (top + h / 2) / PAGE_H),
                     0);
    if (s->page > s->l.npages)
        s->l.npages = s->page;
}

/* A body line from x0 to x1, below the previous one. */
static void put(sheet *s, const char *text, double x0, double x1)
{
    put_at(s, text, x0, x1, s->y, H);
    s->y += 20;
}

static void full(sheet *s, const char *text)
{
    put(s, text, 50, 500);
}

static void next_page(sheet *s)
{
    s->page++;
    s->y = 100;
}

/* Emits and checks the lines, given as one string with \n after each,
 * and their pages (NULL: not checked). */
static void expect(sheet *s, const char *want, const uint32_t *pages)
{
    arc_input in;
    memset(&in, 0, sizeof in);
    ck_assert_int_eq(arc_layout_emit(&s->l, &in), 0);
    ck_assert_str_eq(in.text, want);
    size_t n = 0;
    for (const char *p = want; *p; p++)
        n += *p == '\n';
    ck_assert_uint_eq(in.nlines, n);
    for (size_t i = 0; pages && i < n; i++)
        ck_assert_msg(in.page[i] == pages[i], "line %zu: page %u, want %u",
                      i + 1, in.page[i], pages[i]);
    arc_input_free(&in);
    arc_layout_free(&s->l);
}

START_TEST(test_join_cjk_and_latin)
{
    sheet s;
    sheet_init(&s);
    full(&s, "第一行文字");
    full(&s, "接着第二行");
    put(&s, "结束。", 50, 200);
    full(&s, "Lines keep one");
    full(&s, "space between words,");
    put(&s, "after punctuation.", 50, 200);
    full(&s, "甲乙丙共计460,");
    put(&s, "2025年止。", 50, 200);
    /* A number or word set in Chinese text, split by the line break. */
    full(&s, "第1");
    full(&s, "6项共计4");
    full(&s, "60,参训采用PDF");
    put(&s, "and OFD。", 50, 200);
    expect(&s,
           "第一行文字接着第二行结束。\n"
           "Lines keep one space between words, after punctuation.\n"
           "甲乙丙共计460,2025年止。\n"
           "第16项共计460,参训采用PDF and OFD。\n",
           NULL);
}
END_TEST

START_TEST(test_paragraph_ends)
{
    sheet s;
    sheet_init(&s);
    full(&s, "句子在行尾结束。");
    full(&s, "下一段开头");
    put(&s, "短行", 50, 300); /* short: ends a paragraph */
    full(&s, "引号后也结束！”");
    full(&s, "冒号结束：");
    full(&s, "正文不停");
    full(&s, "（二）标题另起");
    full(&s, "正文");
    full(&s, "一、标题");
    full(&s, "正文");
    full(&s, "1.标题");
    full(&s, "正文");
    full(&s, "2、标题");
    full(&s, "正文");
    full(&s, "(3)标题");
    full(&s, "正文");
    full(&s, "一是要点");
    full(&s, "增长");
    full(&s, "1.5倍不是标题");
    put(&s, "末行。", 50, 200);
    expect(&s,
           "句子在行尾结束。\n下一段开头短行\n引号后也结束！”\n冒号结束：\n"
           "正文不停\n（二）标题另起正文\n一、标题正文\n1.标题正文\n"
           "2、标题正文\n(3)标题正文\n一是要点增长1.5倍不是标题末行。\n",
           NULL);
}
END_TEST

START_TEST(test_colon_in_open_bracket)
{
    /* A task's owner wrapped after its colon stays on the task's line;
     * a colon with its brackets closed still ends the paragraph. */
    sheet s;
    sheet_init(&s);
    full(&s, "1.完善机制。(责任单位:");
    put(&s, "区司法局、各街镇)", 50, 300);
    full(&s, "2.规范执法（见附件）如下：");
    full(&s, "正文");
    put(&s, "末行。", 50, 200);
    expect(&s,
           "1.完善机制。(责任单位:区司法局、各街镇)\n"
           "2.规范执法（见附件）如下：\n正文末行。\n",
           NULL);
}
END_TEST

START_TEST(test_indent_gap_size)
{
    sheet s;
    sheet_init(&s);
    /* Indented first lines: an unindented line after a full one goes on
     * with the paragraph even after 。 (two clear paragraph ends teach
     * the reader that paragraphs here start indented). */
    put(&s, "甲段第一行", 70, 500);
    put(&s, "甲段结束。", 50, 200);
    put(&s, "乙段第一行", 70, 500);
    put(&s, "乙段句末。", 50, 500);
    put(&s, "乙段续行。", 50, 200);
    put(&s, "丙段第一行", 70, 500);
    put(&s, "丙段结束。", 50, 200);
    full(&s, "丁段第一行");
    s.y += 40; /* a wider gap */
    full(&s, "隔开的一行");
    put_at(&s, "大字标题", 50, 500, s.y, 20); /* another size */
    s.y += 30;
    put(&s, "戊段。", 50, 200);
    expect(&s,
           "甲段第一行甲段结束。\n乙段第一行乙段句末。乙段续行。\n"
           "丙段第一行丙段结束。\n丁段第一行\n隔开的一行\n大字标题\n戊段。\n",
           NULL);
}
END_TEST

START_TEST(test_wrapped_title)
{
    /* A long title in a larger size, wrapped and centred, is one line; a
     * centred heading after a full body line is not part of it. */
    sheet s;
    sheet_init(&s);
    put_at(&s, "很长的标题第一行到了右边报告202", 50, 500, s.y, 20);
    put_at(&s, "6-03-28", 240, 310, s.y + 30, 20);
    s.y += 60;
    full(&s, "正文第一行");
    put(&s, "正文结束。", 50, 200);
    full(&s, "一行正文写满了没有标点");
    put(&s, "居中的小标题", 225, 325);
    expect(&s,
           "很长的标题第一行到了右边报告2026-03-28\n正文第一行正文结束。\n"
           "一行正文写满了没有标点\n居中的小标题\n",
           NULL);
}
END_TEST

START_TEST(test_furniture)
{
    static const char *const numbers[] = {"- 1 -", "—2—", "第3页 共4页",
                                          "4/4"};
    sheet s;
    sheet_init(&s);
    for (int p = 0; p < 4; p++) {
        put_at(&s, "示例单位文件", 200, 400, 30, H); /* running header */
        if (p == 1)
            put_at(&s, "只在一页上", 200, 400, 50, H);
        full(&s, p == 0 ? "首页正文" : "续页正文");
        put(&s, "完。", 50, 100);
        put_at(&s, numbers[p], 280, 320, 760, H);
        /* A lone number inside the page is text. */
        if (p == 2)
            put_at(&s, "3", 280, 290, 400, H);
        next_page(&s);
    }
    s.l.npages = 4;
    static const uint32_t pages[] = {1, 2, 2, 3, 3, 4};
    expect(&s,
           "首页正文完。\n只在一页上\n续页正文完。\n续页正文完。\n3\n"
           "续页正文完。\n",
           pages);
}
END_TEST

START_TEST(test_header_on_few_pages_kept)
{
    /* The same top line on two of five pages is not furniture. */
    sheet s;
    sheet_init(&s);
    for (int p = 0; p < 5; p++) {
        if (p < 2)
            put_at(&s, "章节标题", 200, 400, 30, H);
        full(&s, "正文");
        put(&s, "完。", 50, 100);
        next_page(&s);
    }
    expect(&s,
           "章节标题\n正文完。\n章节标题\n正文完。\n正文完。\n正文完。\n"
           "正文完。\n",
           NULL);
}
END_TEST

START_TEST(test_across_pages)
{
    sheet s;
    sheet_init(&s);
    full(&s, "第一段");
    full(&s, "在第一页末尾未完");
    next_page(&s);
    full(&s, "接到第二页");
    put(&s, "才结束。", 50, 200);
    put(&s, "第二段。", 50, 200);
    static const uint32_t pages[] = {1, 2};
    expect(&s, "第一段在第一页末尾未完接到第二页才结束。\n第二段。\n", pages);
}
END_TEST

START_TEST(test_cleaning)
{
    sheet s;
    sheet_init(&s);
    put(&s, "  2025 年 度\t共 12 件 ，  A   B\xe2\x80\x8b C\x01 。", 50, 300);
    put(&s, "\xe3\x80\x80\xe3\x80\x80", 50, 300); /* ideographic spaces */
    expect(&s, "2025年度共12件，A B C。\n", NULL);
}
END_TEST

START_TEST(test_empty_and_limit)
{
    sheet s;
    sheet_init(&s);
    expect(&s, "", NULL);
    arc_layout l;
    arc_layout_init(&l, 64);
    ck_assert_int_eq(arc_layout_add(&l, 1, "短", 3, 0, 10, 0, 10, 0.5), 0);
    char big[100];
    memset(big, 'x', sizeof big);
    ck_assert_int_eq(arc_layout_add(&l, 1, big, sizeof big, 0, 10, 0, 10, 0.5),
                     ARC_EPARSE);
    arc_layout_free(&l);
}
END_TEST

static Suite *suite(void)
{
    Suite *s = suite_create("layout");
    TCase *tc = tcase_create("core");
    tcase_add_test(tc, test_join_cjk_and_latin);
    tcase_add_test(tc, test_paragraph_ends);
    tcase_add_test(tc, test_colon_in_open_bracket);
    tcase_add_test(tc, test_indent_gap_size);
    tcase_add_test(tc, test_wrapped_title);
    tcase_add_test(tc, test_furniture);
    tcase_add_test(tc, test_header_on_few_pages_kept);
    tcase_add_test(tc, test_across_pages);
    tcase_add_test(tc, test_cleaning);
    tcase_add_test(tc, test_empty_and_limit);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    return arc_test_run(suite());
}
