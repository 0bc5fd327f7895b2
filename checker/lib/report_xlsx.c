/* report_xlsx.c - the workbook a reviewing office files (Excel, WPS,
 * LibreOffice): 汇总 (one row per report: the scorecard), 明细 (one row per
 * finding) and 规则 (each rule and how many findings it made).  Header rows
 * frozen, autofilters on, column widths from the content (a Chinese
 * character counts two), severities coloured, numbers stored as numbers,
 * publication dates as dates, every text as a text cell (never a
 * formula), each 汇总 row linked to its first row in 明细.
 *
 * Written with libxlsxwriter (the only module that includes xlsxwriter.h)
 * in constant-memory mode: rows go to its temporary files as results
 * arrive, so a batch holds only the per-rule counts and the column widths.
 * libxlsxwriter writes a file by name; it writes a private file, which
 * close copies into the writer's stream, so the workbook is committed
 * atomically (or streamed) like every other output. */
#include "report.h"

#include "text.h"
#include "util.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <xlsxwriter.h>

/* Sheet names; links into 明细 name it. */
#define SHEET_SUMMARY "汇总"
#define SHEET_DETAIL "明细"
#define SHEET_RULES "规则"

/* Excel: at most 32,767 characters in a cell, 65,530 links a sheet. */
#define MAX_CELL_CHARS 32000
#define MAX_LINKS 65530
#define MAX_COLS 32
#define MAX_WIDTH 60.0

typedef struct {
    const char *id; /* borrowed from the rule set, else owned (own = 1) */
    int own;
    arc_severity sev;
    const char *desc, *basis;
    size_t findings, reports;
    size_t last_report; /* 1-based report that counted last */
} rule_count;

typedef struct {
    lxw_workbook *wb;
    lxw_worksheet *sheet[3]; /* 汇总, 明细, 规则 */
    double width[3][MAX_COLS];
    lxw_row_t rows[3];       /* rows written, header included */
    lxw_format *head, *date, *link, *sev[3];
    char *file;              /* the workbook libxlsxwriter writes */
    size_t nparts;
    size_t nlinks;
    size_t nreports;
    rule_count *rules;
    size_t nrules, rules_cap;
    int failed;              /* a libxlsxwriter call failed */
} xlsx_state;

enum { SUMMARY, DETAIL, RULES };

/* Columns of 汇总 before and after the parts, of 明细 and of 规则. */
static const char *const summary_head[] = {"文件", "标题", "单位",
                                           "报告年度", "发布日期",
                                           "文件类型"};
static const char *const summary_tail[] = {"错误", "警告", "提示", "得分",
                                           "状态", "原因", "明细"};
/* A line and a page tell people where; the column in characters stays in
 * the CSV audit. */
static const char *const detail_head[] = {"文件", "单位", "行", "页",
                                          "级别", "规则", "部分", "说明",
                                          "原文"};
static const char *const rules_head[] = {"规则", "级别", "说明", "依据",
                                         "问题数", "涉及报告数"};

static const char *sev_label(arc_severity s)
{
    return s == ARC_SEV_ERROR ? "错误" : s == ARC_SEV_WARNING ? "警告"
                                                              : "提示";
}

static const char *type_label(const char *t)
{
    if (strcmp(t, "annual-report") == 0)
        return "年度报告";
    if (strcmp(t, "work-plan") == 0)
        return "工作要点";
    return strcmp(t, "other") == 0 ? "其他文件" : t;
}

static const char *part_label(arc_part_status st)
{
    return st == ARC_PART_HEADING ? "有标题" : st == ARC_PART_PROSE ? "仅正文"
                                                                     : "缺失";
}

/* Display width, up to MAX_WIDTH: a character of three or four bytes
 * (CJK and the full-width forms among them) takes two columns, others
 * one.  Counted on lead bytes: no decoding per cell. */
static double display_width(const char *str, size_t n)
{
    const unsigned char *s = (const unsigned char *)str;
    size_t w = 0;
    for (size_t i = 0; i < n && w < MAX_WIDTH; i++)
        if (s[i] < 0x80 || (s[i] >= 0xC0 && s[i] < 0xE0))
            w++;
        else if (s[i] >= 0xE0)
            w += 2;
    return (double)w;
}

static void widen(xlsx_state *st, int sheet, lxw_col_t col, double w)
{
    if (col < MAX_COLS && w > st->width[sheet][col])
        st->width[sheet][col] = w;
}

static void check(xlsx_state *st, lxw_error e)
{
    if (e != LXW_NO_ERROR)
        st->failed = 1;
}

/* A text cell: always a string (never a formula, whatever it starts with),
 * at most MAX_CELL_CHARS characters, valid UTF-8: a file name may not be,
 * and messages quote file names (file.duplicate, input.unreadable).
 * libxlsxwriter escapes control characters. */
static void text(xlsx_state *st, int sheet, lxw_row_t row, lxw_col_t col,
                 const char *s, lxw_format *fmt)
{
    if (!s || !*s) {
        if (fmt)
            check(st, worksheet_write_blank(st->sheet[sheet], row, col, fmt));
        return;
    }
    size_t n = strlen(s);
    char *fixed = NULL;
    if (arc_utf8_validate(s, n) != n) {
        arc_buf b = {0};
        for (size_t i = 0; i < n;) {
            uint32_t cp;
            size_t k = arc_utf8_decode(s + i, n - i, &cp);
            if (k ? arc_buf_append(&b, s + i, k)
                  : arc_buf_puts(&b, "\xEF\xBF\xBD")) {
                arc_buf_free(&b);
                st->failed = 1;
                return;
            }
            i += k ? k : 1;
        }
        fixed = b.data;
        s = fixed;
        n = b.len;
    }
    /* Bytes bound characters: only a long text needs counting. */
    size_t cut = n > MAX_CELL_CHARS ? arc_utf8_prefix(s, n, MAX_CELL_CHARS) : n;
    char *copy = NULL;
    if (cut < n) {
        if (!(copy = arc_strndup(s, cut))) {
            free(fixed);
            st->failed = 1;
            return;
        }
        s = copy;
        n = cut;
    }
    /* A column already at the widest allowed needs no more counting
     * (messages and evidence reach it in the first rows). */
    if (col >= MAX_COLS || st->width[sheet][col] < MAX_WIDTH)
        widen(st, sheet, col, display_width(s, n));
    check(st, worksheet_write_string(st->sheet[sheet], row, col, s, fmt));
    free(copy);
    free(fixed);
}

static void number(xlsx_state *st, int sheet, lxw_row_t row, lxw_col_t col,
                   double v, lxw_format *fmt)
{
    double digits = 1;
    for (double x = v < 0 ? -v : v; x >= 10; x /= 10)
        digits++;
    widen(st, sheet, col, digits);
    check(st, worksheet_write_number(st->sheet[sheet], row, col, v, fmt));
}

static void header(xlsx_state *st, int sheet, lxw_col_t col, const char *s)
{
    text(st, sheet, 0, col, s, st->head);
    /* Room for the autofilter's button. */
    widen(st, sheet, col, display_width(s, strlen(s)) + 3);
}

static rule_count *rule_for(xlsx_state *st, const arc_finding *fi)
{
    for (size_t i = 0; i < st->nrules; i++)
        if (strcmp(st->rules[i].id, fi->rule) == 0)
            return &st->rules[i];
    /* A rule the rule set does not list (findings of another run). */
    if (arc_grow((void **)&st->rules, &st->rules_cap, st->nrules + 1,
                 sizeof *st->rules))
        return NULL;
    rule_count *r = &st->rules[st->nrules];
    memset(r, 0, sizeof *r);
    if (!(r->id = arc_strdup(fi->rule)))
        return NULL;
    r->own = 1;
    r->sev = fi->severity;
    r->desc = r->basis = "";
    st->nrules++;
    return r;
}

/* The display name of a part id (the id itself when unknown). */
static const char *part_name(const arc_writer *w, const char *id)
{
    size_t n = w->rs ? arc_ruleset_part_count(w->rs) : 0;
    for (size_t i = 0; i < n; i++)
        if (strcmp(arc_ruleset_part_id(w->rs, i), id) == 0)
            return arc_ruleset_part_name(w->rs, i);
    return id;
}

static void detail_row(arc_writer *w, const arc_finding *fi, const char *unit)
{
    xlsx_state *st = w->state;
    lxw_row_t row = st->rows[DETAIL]++;
    text(st, DETAIL, row, 0, fi->path, NULL);
    text(st, DETAIL, row, 1, unit, NULL);
    if (fi->line > 0)
        number(st, DETAIL, row, 2, fi->line, NULL);
    if (fi->page > 0)
        number(st, DETAIL, row, 3, fi->page, NULL);
    text(st, DETAIL, row, 4, sev_label(fi->severity),
         st->sev[(unsigned)fi->severity < 3 ? fi->severity : 0]);
    text(st, DETAIL, row, 5, fi->rule, NULL);
    text(st, DETAIL, row, 6, part_name(w, fi->section), NULL);
    text(st, DETAIL, row, 7, fi->message, NULL);
    text(st, DETAIL, row, 8, fi->evidence, NULL);
    rule_count *r = rule_for(st, fi);
    if (!r) {
        st->failed = 1;
        return;
    }
    r->findings++;
    if (r->last_report != st->nreports) {
        r->reports++;
        r->last_report = st->nreports;
    }
}

static void summary_row(arc_writer *w, const arc_result *r,
                        const arc_scorecard *card, const arc_findings *f,
                        lxw_row_t first_detail)
{
    xlsx_state *st = w->state;
    lxw_row_t row = st->rows[SUMMARY]++;
    lxw_col_t c = 0;
    text(st, SUMMARY, row, c++, arc_result_path(r), NULL);
    text(st, SUMMARY, row, c++, arc_result_title(r), NULL);
    text(st, SUMMARY, row, c++, arc_result_unit(r), NULL);
    if (card->report_year)
        number(st, SUMMARY, row, c, card->report_year, NULL);
    c++;
    if (card->published_source != ARC_PUB_NONE) {
        lxw_datetime d = {card->published_y, card->published_m,
                          card->published_d, 0, 0, 0};
        widen(st, SUMMARY, c, 10);
        check(st, worksheet_write_datetime(st->sheet[SUMMARY], row, c, &d,
                                           st->date));
    }
    c++;
    text(st, SUMMARY, row, c++, card->checked ? type_label(card->doc_type) : "",
         NULL);
    int annual = strcmp(card->doc_type, "annual-report") == 0;
    for (size_t i = 0; i < st->nparts; i++, c++)
        for (size_t k = 0; annual && k < card->nparts; k++)
            if (strcmp(card->part_id[k], arc_ruleset_part_id(w->rs, i)) == 0)
                text(st, SUMMARY, row, c, part_label(card->part_status[k]),
                     card->part_status[k] == ARC_PART_MISSING
                         ? st->sev[ARC_SEV_ERROR]
                         : card->part_status[k] == ARC_PART_PROSE
                               ? st->sev[ARC_SEV_WARNING]
                               : NULL);
    size_t n = arc_findings_count(f);
    size_t counts[3] = {0, 0, 0};
    for (size_t i = 0; i < n; i++) {
        arc_severity s = arc_findings_get(f, i)->severity;
        if ((unsigned)s < 3)
            counts[s]++;
    }
    for (int s = ARC_SEV_ERROR; s >= ARC_SEV_INFO; s--, c++)
        number(st, SUMMARY, row, c, (double)counts[s],
               counts[s] ? st->sev[s] : NULL);
    if (card->checked)
        number(st, SUMMARY, row, c, card->score, NULL);
    c++;
    text(st, SUMMARY, row, c++, card->checked ? "已检查" : "无法检查",
         card->checked ? NULL : st->sev[ARC_SEV_ERROR]);
    const arc_error *why = arc_result_error(r);
    text(st, SUMMARY, row, c++, why ? why->message : "", NULL);
    if (n && st->nlinks < MAX_LINKS) {
        char url[64], label[64];
        snprintf(url, sizeof url, "internal:'" SHEET_DETAIL "'!A%lu",
                 (unsigned long)first_detail + 1);
        snprintf(label, sizeof label, "查看 %zu 条", n);
        widen(st, SUMMARY, c, display_width(label, strlen(label)));
        check(st, worksheet_write_url_opt(st->sheet[SUMMARY], row, c, url,
                                          st->link, label, NULL));
        st->nlinks++;
    }
}

static int report_xlsx(arc_writer *w, const char *path,
                       const arc_scorecard *card, const arc_findings *f)
{
    (void)path;
    xlsx_state *st = w->state;
    const arc_result *r = w->result;
    st->nreports++;
    lxw_row_t first = st->rows[DETAIL];
    for (size_t i = 0; i < arc_findings_count(f); i++)
        detail_row(w, arc_findings_get(f, i), r ? arc_result_unit(r) : "");
    if (r && card)
        summary_row(w, r, card, f, first);
    return st->failed ? ARC_EIO : 0;
}

/* A private file for libxlsxwriter: beside the report's temporary file,
 * else in TMPDIR. */
static char *private_file(const arc_writer *w)
{
    const char *dir = getenv("TMPDIR");
    arc_buf b = {0};
    if (w->tmp ? arc_buf_puts(&b, w->tmp) || arc_buf_puts(&b, ".XXXXXX")
               : arc_buf_puts(&b, dir && *dir ? dir : "/tmp") ||
                     arc_buf_puts(&b, "/archeck-xlsx.XXXXXX")) {
        arc_buf_free(&b);
        return NULL;
    }
    int fd = mkstemp(b.data);
    if (fd < 0) {
        arc_buf_free(&b);
        return NULL;
    }
    close(fd);
    return b.data;
}

static lxw_format *sev_format(lxw_workbook *wb, lxw_color_t fg,
                              lxw_color_t bg)
{
    lxw_format *f = workbook_add_format(wb);
    if (f) {
        format_set_font_color(f, fg);
        format_set_bg_color(f, bg);
        format_set_pattern(f, LXW_PATTERN_SOLID);
    }
    return f;
}

static int open_xlsx(arc_writer *w)
{
    xlsx_state *st = calloc(1, sizeof *st);
    if (!st)
        return ARC_ENOMEM;
    w->state = st;
    if (!(st->file = private_file(w)))
        return ARC_EIO;
    lxw_workbook_options opt = {.constant_memory = LXW_TRUE};
    if (!(st->wb = workbook_new_opt(st->file, &opt)))
        return ARC_ENOMEM;
    static const char *const names[3] = {SHEET_SUMMARY, SHEET_DETAIL,
                                         SHEET_RULES};
    for (int i = 0; i < 3; i++)
        if (!(st->sheet[i] = workbook_add_worksheet(st->wb, names[i])))
            return ARC_ENOMEM;
    if (!(st->head = workbook_add_format(st->wb)) ||
        !(st->date = workbook_add_format(st->wb)) ||
        !(st->link = workbook_add_format(st->wb)) ||
        !(st->sev[ARC_SEV_ERROR] = sev_format(st->wb, 0xB3261E, 0xFDE3E0)) ||
        !(st->sev[ARC_SEV_WARNING] = sev_format(st->wb, 0x8A5300, 0xFFEAB0)) ||
        !(st->sev[ARC_SEV_INFO] = sev_format(st->wb, 0x1D5AA6, 0xE2EDFA)))
        return ARC_ENOMEM;
    format_set_bold(st->head);
    format_set_bg_color(st->head, 0xE8ECF2);
    format_set_pattern(st->head, LXW_PATTERN_SOLID);
    format_set_bottom(st->head, LXW_BORDER_THIN);
    format_set_num_format(st->date, "yyyy-mm-dd");
    format_set_font_color(st->link, LXW_COLOR_BLUE);
    format_set_underline(st->link, LXW_UNDERLINE_SINGLE);

    st->nparts = w->rs ? arc_ruleset_part_count(w->rs) : 0;
    if (st->nparts > MAX_COLS - 16)
        st->nparts = MAX_COLS - 16;
    lxw_col_t c = 0;
    for (size_t i = 0; i < ARC_ARRAY_LEN(summary_head); i++)
        header(st, SUMMARY, c++, summary_head[i]);
    for (size_t i = 0; i < st->nparts; i++)
        header(st, SUMMARY, c++, arc_ruleset_part_name(w->rs, i));
    for (size_t i = 0; i < ARC_ARRAY_LEN(summary_tail); i++)
        header(st, SUMMARY, c++, summary_tail[i]);
    for (size_t i = 0; i < ARC_ARRAY_LEN(detail_head); i++)
        header(st, DETAIL, (lxw_col_t)i, detail_head[i]);
    for (size_t i = 0; i < ARC_ARRAY_LEN(rules_head); i++)
        header(st, RULES, (lxw_col_t)i, rules_head[i]);
    for (int i = 0; i < 3; i++) {
        st->rows[i] = 1;
        worksheet_freeze_panes(st->sheet[i], 1, 0);
    }

    size_t n = w->rs ? arc_ruleset_rule_count(w->rs) : 0;
    if (n && !(st->rules = calloc(n, sizeof *st->rules)))
        return ARC_ENOMEM;
    st->rules_cap = n;
    for (size_t i = 0; i < n; i++) {
        rule_count *r = &st->rules[st->nrules++];
        r->id = arc_ruleset_rule_id(w->rs, i);
        r->sev = arc_ruleset_rule_severity(w->rs, i);
        r->desc = arc_ruleset_rule_description(w->rs, i);
        r->basis = arc_ruleset_rule_basis(w->rs, i);
    }
    return st->failed ? ARC_EIO : 0;
}

static void discard_xlsx(arc_writer *w)
{
    xlsx_state *st = w->state;
    if (!st)
        return;
    if (st->wb)
        lxw_workbook_free(st->wb);
    if (st->file) {
        unlink(st->file);
        free(st->file);
    }
    for (size_t i = 0; i < st->nrules; i++)
        if (st->rules[i].own)
            free((char *)st->rules[i].id);
    free(st->rules);
    free(st);
    w->state = NULL;
}

static int close_xlsx(arc_writer *w)
{
    xlsx_state *st = w->state;
    for (size_t i = 0; i < st->nrules; i++) {
        const rule_count *r = &st->rules[i];
        if (w->rs && !r->findings && !r->own) {
            /* Disabled rules have nothing to say. */
            size_t k = 0, n = arc_ruleset_rule_count(w->rs);
            while (k < n && strcmp(arc_ruleset_rule_id(w->rs, k), r->id))
                k++;
            if (k < n && !arc_ruleset_rule_enabled(w->rs, k))
                continue;
        }
        lxw_row_t row = st->rows[RULES]++;
        text(st, RULES, row, 0, r->id, NULL);
        text(st, RULES, row, 1, sev_label(r->sev), st->sev[r->sev]);
        text(st, RULES, row, 2, r->desc, NULL);
        text(st, RULES, row, 3, r->basis, NULL);
        number(st, RULES, row, 4, (double)r->findings, NULL);
        number(st, RULES, row, 5, (double)r->reports, NULL);
    }
    lxw_col_t ncols[3] = {
        (lxw_col_t)(ARC_ARRAY_LEN(summary_head) + st->nparts +
                    ARC_ARRAY_LEN(summary_tail)),
        (lxw_col_t)ARC_ARRAY_LEN(detail_head),
        (lxw_col_t)ARC_ARRAY_LEN(rules_head)};
    for (int s = 0; s < 3; s++) {
        for (lxw_col_t c = 0; c < ncols[s]; c++) {
            double wd = st->width[s][c] + 2;
            check(st, worksheet_set_column(st->sheet[s], c, c,
                                           wd > MAX_WIDTH ? MAX_WIDTH : wd,
                                           NULL));
        }
        check(st, worksheet_autofilter(st->sheet[s], 0, 0, st->rows[s] - 1,
                                       ncols[s] - 1));
    }
    lxw_error e = workbook_close(st->wb);
    st->wb = NULL;
    int rc = st->failed || e != LXW_NO_ERROR ? ARC_EIO : 0;
    FILE *in = rc ? NULL : fopen(st->file, "rb");
    if (!rc && !in)
        rc = ARC_EIO;
    char buf[1 << 16];
    for (size_t k; in && (k = fread(buf, 1, sizeof buf, in)) > 0;)
        fwrite(buf, 1, k, w->fp);
    if (in && ferror(in))
        rc = ARC_EIO;
    if (in)
        fclose(in);
    discard_xlsx(w);
    return rc;
}

const arc_format arc_format_xlsx = {.name = "xlsx",
                                    .open = open_xlsx,
                                    .report = report_xlsx,
                                    .close = close_xlsx,
                                    .discard = discard_xlsx};
