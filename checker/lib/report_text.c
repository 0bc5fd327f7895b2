/* report_text.c - compiler-style listing: file:line:col: severity: message
 * [rule], one finding per line. */
#include "report.h"

static int open_text(arc_writer *w)
{
    (void)w;
    return 0;
}

static int write_line(arc_writer *w, const arc_finding *f)
{
    int n;
    if (f->line > 0)
        n = f->page > 0
                ? fprintf(w->fp, "%s:%d:%d: %s: （第 %d 页）%s [%s]\n",
                          f->path, f->line, f->column,
                          arc_severity_name(f->severity), f->page,
                          f->message, f->rule)
                : fprintf(w->fp, "%s:%d:%d: %s: %s [%s]\n", f->path, f->line,
                          f->column, arc_severity_name(f->severity),
                          f->message, f->rule);
    else
        n = fprintf(w->fp, "%s: %s: %s [%s]\n", f->path,
                    arc_severity_name(f->severity), f->message, f->rule);
    return n < 0 ? ARC_EIO : 0;
}

static int report_text(arc_writer *w, const char *path,
                       const arc_scorecard *card, const arc_findings *f)
{
    (void)path;
    (void)card;
    for (size_t i = 0; i < arc_findings_count(f); i++) {
        int rc = write_line(w, arc_findings_get(f, i));
        if (rc)
            return rc;
    }
    return 0;
}

static int close_text(arc_writer *w)
{
    (void)w;
    return 0;
}

const arc_format arc_format_text = {"text", open_text, report_text,
                                    close_text};
