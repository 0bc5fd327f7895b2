/* report_csv.c - the CSV audit: UTF-8 with BOM (Excel and WPS need it),
 * RFC 4180 quoting by libcsv, CRLF line ends, formula cells neutralised.
 * The only module that includes csv.h. */
#include "report.h"

#include "util.h"

#include <csv.h>
#include <stdlib.h>
#include <string.h>

static const char *const header[] = {"file",     "line",    "column",
                                     "severity", "rule",    "section",
                                     "message",  "evidence"};

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

static int write_csv(arc_writer *w, const arc_finding *f)
{
    char line[24] = "", col[24] = "";
    if (f->line > 0) {
        snprintf(line, sizeof line, "%d", f->line);
        snprintf(col, sizeof col, "%d", f->column);
    }
    const char *cells[] = {f->path,    line,       col,
                           arc_severity_name(f->severity),
                           f->rule,    f->section, f->message,
                           f->evidence};
    for (size_t i = 0; i < ARC_ARRAY_LEN(cells); i++) {
        int rc = cell(w->fp, cells[i], i == 0);
        if (rc)
            return rc;
    }
    return fputs("\r\n", w->fp) == EOF ? ARC_EIO : 0;
}

static int close_csv(arc_writer *w)
{
    (void)w;
    return 0;
}

const arc_format arc_format_csv = {"csv", open_csv, write_csv, close_csv};
