/* report_github.c - GitHub Actions workflow commands:
 *   ::error file=F,line=L,col=C,title=RULE::MESSAGE
 * Escaped as the Actions toolkit does: in the message % CR LF, in
 * properties also : and ,. */
#include "report.h"

static void escape(FILE *fp, const char *s, int property)
{
    for (; *s; s++) {
        switch (*s) {
        case '%': fputs("%25", fp); break;
        case '\r': fputs("%0D", fp); break;
        case '\n': fputs("%0A", fp); break;
        case ':':
            if (property) {
                fputs("%3A", fp);
                break;
            }
            fputc(*s, fp);
            break;
        case ',':
            if (property) {
                fputs("%2C", fp);
                break;
            }
            fputc(*s, fp);
            break;
        default: fputc(*s, fp);
        }
    }
}

static int open_github(arc_writer *w)
{
    (void)w;
    return 0;
}

static int report_github(arc_writer *w, const char *path,
                         const arc_scorecard *card, const arc_findings *f)
{
    (void)path;
    (void)card;
    for (size_t i = 0; i < arc_findings_count(f); i++) {
        const arc_finding *fi = arc_findings_get(f, i);
        const char *level = fi->severity == ARC_SEV_ERROR     ? "error"
                            : fi->severity == ARC_SEV_WARNING ? "warning"
                                                              : "notice";
        fprintf(w->fp, "::%s file=", level);
        escape(w->fp, fi->path, 1);
        if (fi->line > 0)
            fprintf(w->fp, ",line=%d,col=%d", fi->line, fi->column);
        fputs(",title=", w->fp);
        escape(w->fp, fi->rule, 1);
        fputs("::", w->fp);
        escape(w->fp, fi->message, 0);
        if (fi->evidence[0]) {
            fputs(" \xE2\x80\x94 ", w->fp); /* — */
            escape(w->fp, fi->evidence, 0);
        }
        fputc('\n', w->fp);
    }
    return 0;
}

static int close_github(arc_writer *w)
{
    (void)w;
    return 0;
}

const arc_format arc_format_github = {.name = "github",
                                      .open = open_github,
                                      .report = report_github,
                                      .close = close_github};
