/* api_test.c - a batch through the public API only (archeck.h), as a
 * program that links libarcheck would run it: a run shared by threads,
 * one checker each, results that outlive their documents, the corpus pass,
 * a writer, an annotated copy.  Built with nothing but the public include directory. */
#include "archeck.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int failures;

#define CHECK(cond)                                                          \
    do {                                                                     \
        if (!(cond)) {                                                       \
            fprintf(stderr, "%s:%d: check failed: %s\n", __FILE__, __LINE__, \
                    #cond);                                                  \
            failures++;                                                      \
        }                                                                    \
    } while (0)

static const char report[] =
    "青禾区2025年度法治政府建设情况报告\n"
    "2025年,青禾区坚持依法行政。\n"
    "一、2025年推进法治政府建设的主要举措和成效\n"
    "(一)健全制度。全年修订规范性文件12件。\n"
    "二、2025年推进法治政府建设存在的不足和原因\n"
    "一是执法队伍专业化不足。原因是培训不够。\n"
    "三、党政主要负责人履行推进法治建设第一责任人职责情况\n"
    "区长带头学法。\n"
    "四、2026年推进法治政府建设的主要安排\n"
    "2026年将继续完善制度。\n"
    "青禾区人民政府\n"
    "2026年3月20日\n";

/* The same report with a stale year in the plan heading. */
static const char stale[] =
    "云溪县2025年度法治政府建设情况报告\n"
    "2025年,云溪县坚持依法行政。\n"
    "一、2025年推进法治政府建设的主要举措和成效\n"
    "(一)健全制度。全年修订规范性文件12件。\n"
    "二、2025年推进法治政府建设存在的不足和原因\n"
    "一是执法队伍专业化不足。原因是培训不够。\n"
    "三、党政主要负责人履行推进法治建设第一责任人职责情况\n"
    "县长带头学法。\n"
    "四、2025年推进法治政府建设的主要安排\n"
    "2026年将继续完善制度。\n"
    "云溪县人民政府\n"
    "2026年3月20日\n";

typedef struct {
    const arc_run *run;
    const arc_ruleset *rs;
    const char *path;
    const char *text;
    arc_result *out;
} job;

static void *worker(void *arg)
{
    job *j = arg;
    arc_checker *c = NULL;
    if (arc_checker_new(&c, j->rs))
        return NULL;
    arc_error err = {0};
    arc_run_buffer(j->run, c, j->path, j->text, strlen(j->text), &j->out,
                   &err);
    arc_checker_free(c);
    return NULL;
}

static size_t count(const arc_result *r, const char *rule)
{
    const arc_findings *f = arc_result_findings(r);
    size_t n = 0;
    for (size_t i = 0; i < arc_findings_count(f); i++)
        n += strcmp(arc_findings_get(f, i)->rule, rule) == 0;
    return n;
}

int main(int argc, char **argv)
{
    const char *rules = argc > 1 ? argv[1] : "rules/annual-report.yaml";
    const char *out = argc > 2 ? argv[2] : "/tmp/archeck-api-test.csv";
    arc_error err = {0};
    arc_ruleset *rs = NULL;
    if (arc_ruleset_load(&rs, rules, &err)) {
        fprintf(stderr, "%s: %s\n", rules, err.message);
        return 1;
    }
    arc_run_opts o = {0};
    o.rs = rs;
    o.flags = ARC_RUN_KEEP_TEXT;
    arc_run *run = NULL;
    CHECK(arc_run_new(&run, &o, &err) == 0);

    /* Four reports on four threads: two copies of one, a stale one, and a
     * file that does not exist. */
    job jobs[3] = {{run, rs, "a/青禾区.txt", report, NULL},
                   {run, rs, "b/青禾区（定稿）.txt", report, NULL},
                   {run, rs, "c/云溪县.txt", stale, NULL}};
    pthread_t t[3];
    for (int i = 0; i < 3; i++)
        CHECK(pthread_create(&t[i], NULL, worker, &jobs[i]) == 0);
    for (int i = 0; i < 3; i++)
        pthread_join(t[i], NULL);
    arc_checker *c = NULL;
    CHECK(arc_checker_new(&c, rs) == 0);
    arc_result *missing = NULL;
    CHECK(arc_run_file(run, c, "/nonexistent/报告.docx", &missing, &err) ==
          0);
    arc_checker_free(c);

    arc_result *all[4] = {jobs[0].out, jobs[1].out, jobs[2].out, missing};
    for (int i = 0; i < 4; i++)
        CHECK(all[i] != NULL);
    if (failures)
        return 1;

    /* Per report. */
    const arc_scorecard *card = arc_result_scorecard(all[0]);
    CHECK(arc_result_status_of(all[0]) == ARC_RESULT_CHECKED);
    CHECK(card->checked == 1);
    CHECK(card->report_year == 2025);
    CHECK(card->year_source == ARC_YEAR_TITLE);
    CHECK(card->published_source == ARC_PUB_SIGNATURE);
    CHECK(card->published_y == 2026 && card->published_m == 3 &&
          card->published_d == 20);
    CHECK(strcmp(arc_result_title(all[0]),
                 "青禾区2025年度法治政府建设情况报告") == 0);
    CHECK(strcmp(arc_result_format(all[0]), "text") == 0);
    CHECK(arc_findings_count(arc_result_findings(all[0])) == 0);
    CHECK(arc_result_heading_count(all[0]) == 6); /* 一是 and (一) too */
    const arc_heading *h = arc_result_heading(all[0], 5);
    CHECK(h && h->line == 9 && h->level == 1 &&
          strcmp(h->part, "next_year") == 0 && strcmp(h->label, "四、") == 0);
    size_t len = 0;
    CHECK(arc_result_text(all[0], &len) && len > 0);
    CHECK(count(all[2], "year.mismatch") == 1);
    CHECK(arc_result_status_of(missing) == ARC_RESULT_UNREADABLE);
    CHECK(arc_result_error(missing) != NULL);
    CHECK(arc_result_scorecard(missing)->checked == 0);
    CHECK(count(missing, "input.unreadable") == 1);

    /* Across reports: the two copies are flagged, the others not. */
    CHECK(arc_run_corpus(run, all, 4, &err) == 0);
    CHECK(count(all[0], "file.duplicate") == 1);
    CHECK(count(all[1], "file.duplicate") == 1);
    CHECK(count(all[2], "file.duplicate") == 0);
    CHECK(count(missing, "file.duplicate") == 0);
    CHECK(arc_result_scorecard(all[0])->warnings == 1);

    /* A writer takes the results in order. */
    arc_writer *w = NULL;
    CHECK(arc_writer_open(&w, "csv", out, NULL, rs, &err) == 0);
    for (int i = 0; w && i < 4; i++)
        CHECK(arc_writer_result(w, all[i], &err) == 0);
    if (w)
        CHECK(arc_writer_close(w, &err) == 0);
    FILE *fp = fopen(out, "rb");
    CHECK(fp != NULL);
    size_t rows = 0;
    int ch;
    while (fp && (ch = fgetc(fp)) != EOF)
        rows += ch == '\n';
    if (fp)
        fclose(fp);
    /* Header, 2 duplicates, 1 year, 1 unreadable. */
    CHECK(rows == 5);
    remove(out);

    /* An annotated copy of the stale report (text kept): a Word document;
     * none of a file that was not read. */
    char docx[1024];
    snprintf(docx, sizeof docx, "%s.docx", out);
    CHECK(arc_annotate(all[2], arc_result_path(all[2]), docx, &err) == 0);
    fp = fopen(docx, "rb");
    char magic[4] = {0};
    CHECK(fp && fread(magic, 1, 4, fp) == 4 && memcmp(magic, "PK\3\4", 4) == 0);
    if (fp)
        fclose(fp);
    remove(docx);
    CHECK(arc_annotate(missing, arc_result_path(missing), docx, &err) ==
          ARC_EINVAL);

    for (int i = 0; i < 4; i++)
        arc_result_free(all[i]);
    arc_result_free(NULL);
    arc_run_free(run);
    arc_run_free(NULL);
    arc_ruleset_free(rs);
    if (failures)
        fprintf(stderr, "%d check(s) failed\n", failures);
    return failures != 0;
}
