/* report_sarif.c - SARIF 2.1.0 as GitHub code scanning accepts it: one run,
 * tool.driver with the rule set's rules (help text from their
 * descriptions), results streamed as reports come, columnKind declared. */
#include "report.h"

#include "util.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

static const char *level(arc_severity s)
{
    return s == ARC_SEV_ERROR ? "error" : s == ARC_SEV_WARNING ? "warning"
                                                               : "note";
}

static void rule(FILE *fp, const char *id, const char *desc,
                 arc_severity sev, int first)
{
    fputs(first ? "\n        " : ",\n        ", fp);
    fputs("{\"id\":", fp);
    arc_json_str(fp, id);
    fputs(",\"name\":", fp);
    arc_json_str(fp, id);
    fputs(",\"shortDescription\":{\"text\":", fp);
    arc_json_str(fp, desc[0] ? desc : id);
    fputs("},\"fullDescription\":{\"text\":", fp);
    arc_json_str(fp, desc[0] ? desc : id);
    fputs("},\"help\":{\"text\":", fp);
    arc_json_str(fp, desc[0] ? desc : id);
    fprintf(fp, "},\"defaultConfiguration\":{\"level\":\"%s\"}}", level(sev));
}

static int open_sarif(arc_writer *w)
{
    FILE *fp = w->fp;
    fputs("{\n  \"$schema\": \"https://json.schemastore.org/sarif-2.1.0.json\",\n"
          "  \"version\": \"2.1.0\",\n  \"runs\": [{\n"
          "    \"tool\": {\"driver\": {\n"
          "      \"name\": \"archeck\",\n"
          "      \"version\": \"" ARC_VERSION "\",\n"
          "      \"rules\": [",
          fp);
    size_t n = w->rs ? arc_ruleset_rule_count(w->rs) : 0;
    for (size_t i = 0; i < n; i++)
        rule(fp, arc_ruleset_rule_id(w->rs, i),
             arc_ruleset_rule_description(w->rs, i),
             arc_ruleset_rule_severity(w->rs, i), i == 0);
    fputs("]\n    }},\n    \"columnKind\": \"unicodeCodePoints\",\n"
          "    \"results\": [",
          fp);
    return 0;
}

/* Index in driver.rules, or -1 for a rule not listed there (findings of
 * another rule set): ruleIndex must never name a different rule. */
static long rule_index(const arc_writer *w, const char *id)
{
    size_t n = w->rs ? arc_ruleset_rule_count(w->rs) : 0;
    for (size_t i = 0; i < n; i++)
        if (strcmp(arc_ruleset_rule_id(w->rs, i), id) == 0)
            return (long)i;
    return -1;
}

/* A URI reference for a path: bytes outside the unreserved set are
 * percent-encoded (Chinese file names included). */
static void uri(FILE *fp, const char *path)
{
    fputc('"', fp);
    if (path[0] == '/')
        fputs("file://", fp);
    for (const unsigned char *p = (const unsigned char *)path; *p; p++) {
        if ((*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z') ||
            (*p >= '0' && *p <= '9') || strchr("-._~/", *p))
            fputc(*p, fp);
        else
            fprintf(fp, "%%%02X", *p);
    }
    fputc('"', fp);
}

/* FNV-1a over rule, evidence and message: stable while lines move. */
static uint64_t fingerprint(const arc_finding *f)
{
    uint64_t h = 1469598103934665603ULL;
    const char *parts[] = {f->path, f->rule, f->evidence, f->message};
    for (size_t i = 0; i < 4; i++) {
        for (const unsigned char *p = (const unsigned char *)parts[i]; *p; p++)
            h = (h ^ *p) * 1099511628211ULL;
        h = (h ^ 0xFF) * 1099511628211ULL;
    }
    return h;
}

static int report_sarif(arc_writer *w, const char *path,
                        const arc_scorecard *card, const arc_findings *f)
{
    (void)path;
    (void)card;
    FILE *fp = w->fp;
    size_t *written = w->state;
    if (!written) {
        if (!(written = w->state = calloc(1, sizeof *written)))
            return ARC_ENOMEM;
    }
    for (size_t i = 0; i < arc_findings_count(f); i++) {
        const arc_finding *fi = arc_findings_get(f, i);
        fputs((*written)++ ? ",\n      " : "\n      ", fp);
        fputs("{\"ruleId\":", fp);
        arc_json_str(fp, fi->rule);
        long ri = rule_index(w, fi->rule);
        if (ri >= 0)
            fprintf(fp, ",\"ruleIndex\":%ld", ri);
        fprintf(fp, ",\"level\":\"%s\",\"message\":{\"text\":",
                level(fi->severity));
        arc_json_str(fp, fi->message);
        fputs("},\"locations\":[{\"physicalLocation\":{\"artifactLocation\":"
              "{\"uri\":",
              fp);
        uri(fp, fi->path);
        /* Code scanning needs a line: whole-document findings sit on
         * line 1. */
        fprintf(fp, "},\"region\":{\"startLine\":%d,\"startColumn\":%d",
                fi->line > 0 ? fi->line : 1, fi->line > 0 ? fi->column : 1);
        if (fi->evidence[0]) {
            fputs(",\"snippet\":{\"text\":", fp);
            arc_json_str(fp, fi->evidence);
            fputc('}', fp);
        }
        fprintf(fp, "}}}],\"partialFingerprints\":{\"archeck/v1\":\"%016llx\"}",
                (unsigned long long)fingerprint(fi));
        /* SARIF regions have no pages: PDF and OFD findings carry theirs
         * as a result property. */
        if (fi->page > 0)
            fprintf(fp, ",\"properties\":{\"page\":%d}", fi->page);
        fputc('}', fp);
    }
    return 0;
}

static int close_sarif(arc_writer *w)
{
    fputs("\n    ]\n  }]\n}\n", w->fp);
    return 0;
}

const arc_format arc_format_sarif = {"sarif", open_sarif, report_sarif,
                                     close_sarif};
