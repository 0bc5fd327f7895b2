/* report_json.c - JSON Lines: one finding per line, the CSV's fields plus
 * the byte span in the original file (null for whole-document findings)
 * and the page (null for formats without pages). */
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
            fprintf(w->fp, ",\"page\":%d}\n", fi->page);
        else
            fputs(",\"page\":null}\n", w->fp);
    }
    return 0;
}

static int close_json(arc_writer *w)
{
    (void)w;
    return 0;
}

const arc_format arc_format_json = {"json", open_json, report_json,
                                    close_json};
