/* report_junit.c - JUnit XML for CI test reports: one testsuite per report,
 * one testcase per enabled rule (passes included); the findings of a rule
 * at or above the threshold severity make its testcase fail, lower ones are
 * kept in system-out. */
#include "report.h"

#include "util.h"

#include <string.h>

static int open_junit(arc_writer *w)
{
    fputs("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
          "<testsuites name=\"archeck\">\n",
          w->fp);
    return 0;
}

static void finding_line(FILE *fp, const arc_finding *fi)
{
    if (fi->line > 0)
        fprintf(fp, "%d:%d: ", fi->line, fi->column);
    fprintf(fp, "%s: ", arc_severity_name(fi->severity));
    arc_xml_str(fp, fi->message);
    if (fi->evidence[0]) {
        fputs(" | ", fp);
        arc_xml_str(fp, fi->evidence);
    }
    fputs("&#10;", fp);
}

/* One testcase: rule `id` against findings [from, to) of one file. */
static void testcase(arc_writer *w, const char *file, const char *id,
                     const arc_findings *f, size_t from, size_t to)
{
    FILE *fp = w->fp;
    const arc_finding *worst = NULL;
    size_t n = 0;
    for (size_t i = from; i < to; i++) {
        const arc_finding *fi = arc_findings_get(f, i);
        if (strcmp(fi->rule, id) != 0)
            continue;
        n++;
        if (!worst || fi->severity > worst->severity)
            worst = fi;
    }
    fputs("    <testcase classname=\"", fp);
    arc_xml_str(fp, file);
    fputs("\" name=\"", fp);
    arc_xml_str(fp, id);
    fputs("\"", fp);
    if (!n) {
        fputs("/>\n", fp);
        return;
    }
    int fails = worst->severity >= w->threshold;
    fputs(">\n      ", fp);
    fputs(fails ? "<failure type=\"" : "<system-out>", fp);
    if (fails) {
        fputs(arc_severity_name(worst->severity), fp);
        fputs("\" message=\"", fp);
        arc_xml_str(fp, worst->message);
        fputs("\">", fp);
    }
    for (size_t i = from; i < to; i++) {
        const arc_finding *fi = arc_findings_get(f, i);
        if (strcmp(fi->rule, id) == 0)
            finding_line(fp, fi);
    }
    fputs(fails ? "</failure>\n    </testcase>\n"
                : "</system-out>\n    </testcase>\n",
          fp);
}

static int failing(const arc_writer *w, const char *id, const arc_findings *f,
                   size_t from, size_t to)
{
    for (size_t i = from; i < to; i++) {
        const arc_finding *fi = arc_findings_get(f, i);
        if (strcmp(fi->rule, id) == 0 && fi->severity >= w->threshold)
            return 1;
    }
    return 0;
}

/* Rules with findings but not in the rule set (findings of another rule
 * set passed to arc_writer_write). */
static int extra_rule(const arc_writer *w, const char *id)
{
    size_t n = w->rs ? arc_ruleset_rule_count(w->rs) : 0;
    for (size_t i = 0; i < n; i++)
        if (strcmp(arc_ruleset_rule_id(w->rs, i), id) == 0)
            return !arc_ruleset_rule_enabled(w->rs, i);
    return 1;
}

static void suite(arc_writer *w, const char *file, const arc_findings *f,
                  size_t from, size_t to)
{
    FILE *fp = w->fp;
    size_t n = w->rs ? arc_ruleset_rule_count(w->rs) : 0, tests = 0,
           failures = 0;
    for (size_t i = 0; i < n; i++)
        if (arc_ruleset_rule_enabled(w->rs, i)) {
            tests++;
            failures += failing(w, arc_ruleset_rule_id(w->rs, i), f, from, to);
        }
    for (size_t i = from; i < to; i++) {
        const char *id = arc_findings_get(f, i)->rule;
        int first = 1;
        for (size_t k = from; k < i; k++)
            first &= strcmp(arc_findings_get(f, k)->rule, id) != 0;
        if (first && extra_rule(w, id)) {
            tests++;
            failures += failing(w, id, f, from, to);
        }
    }
    fputs("  <testsuite name=\"", fp);
    arc_xml_str(fp, file);
    fprintf(fp, "\" tests=\"%zu\" failures=\"%zu\" errors=\"0\">\n", tests,
            failures);
    for (size_t i = 0; i < n; i++)
        if (arc_ruleset_rule_enabled(w->rs, i))
            testcase(w, file, arc_ruleset_rule_id(w->rs, i), f, from, to);
    for (size_t i = from; i < to; i++) {
        const char *id = arc_findings_get(f, i)->rule;
        int first = 1;
        for (size_t k = from; k < i; k++)
            first &= strcmp(arc_findings_get(f, k)->rule, id) != 0;
        if (first && extra_rule(w, id))
            testcase(w, file, id, f, from, to);
    }
    fputs("  </testsuite>\n", fp);
}

static int by_file(arc_writer *w, const arc_findings *f, size_t from,
                   size_t to)
{
    suite(w, arc_findings_get(f, from)->path, f, from, to);
    return 0;
}

static int report_junit(arc_writer *w, const char *path,
                        const arc_scorecard *card, const arc_findings *f)
{
    (void)card;
    if (path) {
        suite(w, path, f, 0, arc_findings_count(f));
        return 0;
    }
    return arc_each_file(w, f, by_file);
}

static int close_junit(arc_writer *w)
{
    fputs("</testsuites>\n", w->fp);
    return 0;
}

const arc_format arc_format_junit = {.name = "junit",
                                     .open = open_junit,
                                     .report = report_junit,
                                     .close = close_junit};
