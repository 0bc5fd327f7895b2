/* report_json.c - JSON Lines: one finding per line, the CSV's fields plus
 * the byte span in the original file (null for whole-document findings)
 * and the page (null for formats without pages); findings about another
 * report (checks across reports) end with "related": its file, line and
 * column (null: the whole report) and byte span. */
#include "report.h"

static int open_json(arc_writer *w)
{
    (void)w;
    return 0;
}

static void field(FILE *fp, const char *key, const char *value, int first)
{
    fprintf(fp, "%s\"%s\":", first ? "" : ",", key);
    arc_json_str(fp, value);
}

static int report_json(arc_writer *w, const char *path,
                       const arc_scorecard *card, const arc_findings *f)
{
    (void)path;
    (void)card;
    for (size_t i = 0; i < arc_findings_count(f); i++) {
        const arc_finding *fi = arc_findings_get(f, i);
        fputc('{', w->fp);
        field(w->fp, "file", fi->path, 1);
        if (fi->line > 0)
            fprintf(w->fp, ",\"line\":%d,\"column\":%d", fi->line,
                    fi->column);
        else
            fputs(",\"line\":null,\"column\":null", w->fp);
        field(w->fp, "severity", arc_severity_name(fi->severity), 0);
        field(w->fp, "rule", fi->rule, 0);
        field(w->fp, "section", fi->section, 0);
        field(w->fp, "message", fi->message, 0);
        field(w->fp, "evidence", fi->evidence, 0);
        if (fi->line > 0)
            fprintf(w->fp, ",\"offset\":%zu,\"end_offset\":%zu",
                    fi->offset, fi->end_offset);
        else
            fputs(",\"offset\":null,\"end_offset\":null", w->fp);
        if (fi->page > 0)
            fprintf(w->fp, ",\"page\":%d", fi->page);
        else
            fputs(",\"page\":null", w->fp);
        if (fi->related_path && fi->related_path[0]) {
            fputs(",\"related\":{", w->fp);
            field(w->fp, "file", fi->related_path, 1);
            if (fi->related_line > 0)
                fprintf(w->fp, ",\"line\":%d,\"column\":%d,\"offset\":%zu,"
                        "\"end_offset\":%zu}", fi->related_line,
                        fi->related_column, fi->related_offset,
                        fi->related_end_offset);
            else
                fputs(",\"line\":null,\"column\":null,\"offset\":null,"
                      "\"end_offset\":null}", w->fp);
        }
        fputs("}\n", w->fp);
    }
    return 0;
}

static int close_json(arc_writer *w)
{
    (void)w;
    return 0;
}

const arc_format arc_format_json = {.name = "json",
                                    .open = open_json,
                                    .report = report_json,
                                    .close = close_json};
