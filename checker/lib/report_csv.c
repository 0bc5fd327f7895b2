/* report_csv.c - the CSV audit: UTF-8 with BOM (Excel and WPS need it),
 * RFC 4180 quoting by libcsv, CRLF line ends, formula cells neutralised.
 * The only module that includes csv.h. */
#include "report.h"

#include "util.h"

#include <csv.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* `page` was added at the end (0.2.0): columns are only ever appended, so
 * spreadsheets and scripts that read the earlier ones keep working. */
static const char *const header[] = {"file",     "line",    "column",
                                     "severity", "rule",    "section",
                                     "message",  "evidence", "page"};

/* A cell starting with = + - @ (or a tab / CR, which some spreadsheets
 * skip before looking) would run as a formula: prefix a quote mark. */
static int cell(FILE *fp, const char *s, int first)
{
    if (!first && fputc(',', fp) == EOF)
        return ARC_EIO;
    size_t n = strlen(s);
    int neutralise = n && strchr("=+-@\t\r", s[0]);
    int quote = neutralise || strpbrk(s, ",\"\r\n") != NULL;
    if (!quote)
        return fwrite(s, 1, n, fp) == n ? 0 : ARC_EIO;
    if (!neutralise)
        return csv_fwrite(fp, s, n) == 0 ? 0 : ARC_EIO;
    char *v = malloc(n + 2);
    if (!v)
        return ARC_ENOMEM;
    v[0] = '\'';
    memcpy(v + 1, s, n + 1);
    int rc = csv_fwrite(fp, v, n + 1) == 0 ? 0 : ARC_EIO;
    free(v);
    return rc;
}

static int open_csv(arc_writer *w)
{
    fputs("\xEF\xBB\xBF", w->fp);
    for (size_t i = 0; i < ARC_ARRAY_LEN(header); i++)
        if (cell(w->fp, header[i], i == 0))
            return ARC_EIO;
    return fputs("\r\n", w->fp) == EOF ? ARC_EIO : 0;
}

static int write_row(arc_writer *w, const arc_finding *f)
{
    char line[24] = "", col[24] = "", page[24] = "";
    if (f->line > 0) {
        snprintf(line, sizeof line, "%d", f->line);
        snprintf(col, sizeof col, "%d", f->column);
    }
    if (f->page > 0)
        snprintf(page, sizeof page, "%d", f->page);
    const char *cells[] = {f->path,    line,       col,
                           arc_severity_name(f->severity),
                           f->rule,    f->section, f->message,
                           f->evidence, page};
    for (size_t i = 0; i < ARC_ARRAY_LEN(cells); i++) {
        int rc = cell(w->fp, cells[i], i == 0);
        if (rc)
            return rc;
    }
    return fputs("\r\n", w->fp) == EOF ? ARC_EIO : 0;
}

static int report_csv(arc_writer *w, const char *path,
                      const arc_scorecard *card, const arc_findings *f)
{
    (void)path;
    (void)card;
    for (size_t i = 0; i < arc_findings_count(f); i++) {
        int rc = write_row(w, arc_findings_get(f, i));
        if (rc)
            return rc;
    }
    return 0;
}

static int close_csv(arc_writer *w)
{
    (void)w;
    return 0;
}

const arc_format arc_format_csv = {.name = "csv",
                                   .open = open_csv,
                                   .report = report_csv,
                                   .close = close_csv};

/* ------------------------------------------------------------ summary */

static const char *const summary_head[] = {"file", "title", "unit",
                                           "report_year", "published",
                                           "doc_type"};
/* Columns are only ever added at the end (spreadsheets read them by
 * position).  `status` (0.2.0): "checked", or "unchecked" for a file that
 * could not be read, whose score is left empty (it was not scored; 90 would
 * rank it above checked reports with real defects).  `year_source` and
 * `published_source`: where the two facts came from.  `shared_max` and
 * `plan_not_followed`: the checks across reports. */
static const char *const summary_tail[] = {
    "errors",      "warnings",         "infos",      "score",
    "status",      "year_source",      "published_source",
    "shared_max",  "plan_not_followed", "profile"};

static size_t summary_parts(const arc_writer *w)
{
    if (!w->rs)
        return 0;
    size_t n = arc_ruleset_part_count(w->rs);
    return n < ARC_MAX_PARTS ? n : ARC_MAX_PARTS;
}

static int open_summary(arc_writer *w)
{
    fputs("\xEF\xBB\xBF", w->fp);
    int rc = 0;
    for (size_t i = 0; !rc && i < ARC_ARRAY_LEN(summary_head); i++)
        rc = cell(w->fp, summary_head[i], i == 0);
    for (size_t i = 0; !rc && i < summary_parts(w); i++)
        rc = cell(w->fp, arc_ruleset_part_id(w->rs, i), 0);
    for (size_t i = 0; !rc && i < ARC_ARRAY_LEN(summary_tail); i++)
        rc = cell(w->fp, summary_tail[i], 0);
    return rc ? rc : fputs("\r\n", w->fp) == EOF ? ARC_EIO : 0;
}

static int report_summary(arc_writer *w, const char *path,
                          const arc_scorecard *card, const arc_findings *f)
{
    (void)f;
    if (!card || !path)
        return 0;
    char year[16] = "", pub[16] = "", nums[4][24];
    if (card->report_year)
        snprintf(year, sizeof year, "%d", card->report_year);
    if (card->published_source != ARC_PUB_NONE)
        snprintf(pub, sizeof pub, "%04d-%02d-%02d", card->published_y,
                 card->published_m, card->published_d);
    snprintf(nums[0], sizeof nums[0], "%zu", card->errors);
    snprintf(nums[1], sizeof nums[1], "%zu", card->warnings);
    snprintf(nums[2], sizeof nums[2], "%zu", card->infos);
    if (card->checked)
        snprintf(nums[3], sizeof nums[3], "%d", card->score);
    else
        nums[3][0] = '\0';
    const char *head[] = {path, card->title, card->unit, year, pub,
                          card->doc_type};
    /* The part columns are the main set's parts. */
    int annual = w->rs && strcmp(card->profile,
                                 arc_ruleset_profile_id(w->rs, 0)) == 0;
    int rc = 0;
    for (size_t i = 0; !rc && i < ARC_ARRAY_LEN(head); i++)
        rc = cell(w->fp, head[i], i == 0);
    for (size_t i = 0; !rc && i < summary_parts(w); i++) {
        /* A part's status means nothing for another document type. */
        const char *v = "";
        for (size_t k = 0; annual && k < card->nparts; k++)
            if (strcmp(card->part_id[k], arc_ruleset_part_id(w->rs, i)) == 0)
                v = arc_part_status_name(card->part_status[k]);
        rc = cell(w->fp, v, 0);
    }
    for (size_t i = 0; !rc && i < 4; i++)
        rc = cell(w->fp, nums[i], 0);
    if (!rc)
        rc = cell(w->fp, card->checked ? "checked" : "unchecked", 0);
    if (!rc)
        rc = cell(w->fp, arc_year_source_name(card->year_source), 0);
    if (!rc)
        rc = cell(w->fp, arc_pub_source_name(card->published_source), 0);
    /* Checks across reports (appended with them): empty where they did
     * not run, so that 0 means "compared, nothing shared / all followed". */
    char shared[16] = "", missed[16] = "";
    if (card->compared & ARC_CARD_SHARED)
        snprintf(shared, sizeof shared, "%.2f", card->shared_max);
    if (card->compared & ARC_CARD_PLAN)
        snprintf(missed, sizeof missed, "%d", card->plan_not_followed);
    if (!rc)
        rc = cell(w->fp, shared, 0);
    if (!rc)
        rc = cell(w->fp, missed, 0);
    if (!rc)
        rc = cell(w->fp, card->profile, 0);
    return rc ? rc : fputs("\r\n", w->fp) == EOF ? ARC_EIO : 0;
}

const arc_format arc_format_summary = {.name = "summary",
                                       .open = open_summary,
                                       .report = report_summary,
                                       .close = close_csv};
