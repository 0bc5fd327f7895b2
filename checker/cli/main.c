/* archeck - command-line front end.  Owns all printing and exit codes. */
#define _XOPEN_SOURCE 700
#include "cli.h"

#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#define DEFAULT_RULES "annual-report.yaml"
#define DEFAULT_OUTPUT "reports/audit.csv"
#define DEFAULT_SUMMARY "reports/summary.csv"
#define DEFAULT_INPUT "samples"
#define MAX_OUTPUTS 16

/* "*.txt、*.md、*.docx …": the readers table's extensions. */
static void print_extensions(FILE *fp)
{
    const char *name, *label;
    const char *const *ext;
    int first = 1;
    for (size_t i = 0; arc_reader_info(i, &name, &label, &ext) == 0; i++)
        for (; *ext; ext++, first = 0)
            fprintf(fp, "%s*%s", first ? "" : "、", *ext);
}

/* "Word 文档（.docx .docm）；网页（.html …）": one entry per reader. */
static void print_readers(FILE *fp)
{
    const char *name, *label;
    const char *const *ext;
    for (size_t i = 0; arc_reader_info(i, &name, &label, &ext) == 0; i++) {
        fprintf(fp, "%s%s（", i ? "；" : "", label);
        for (int k = 0; ext[k]; k++)
            fprintf(fp, "%s%s", k ? " " : "", ext[k]);
        fputs("）", fp);
    }
}

static void print_formats(FILE *fp, int with_summary)
{
    int first = 1;
    for (const char *const *f = arc_writer_formats(); *f; f++) {
        if (!with_summary && strcmp(*f, "summary") == 0)
            continue;
        fprintf(fp, "%s%s", first ? "" : "、", *f);
        first = 0;
    }
}

static void usage(FILE *fp)
{
    fputs("用法：archeck [选项] [路径...]\n"
          "检查法治政府建设年度报告的结构完整性和数据一致性，输出审计表。\n"
          "\n"
          "路径可以是文件，或目录（递归查找 ",
          fp);
    print_extensions(fp);
    fputs("）和没有扩展名的文件，跳过的条目逐条说明原因；\n不给路径时检查 "
          "samples/。\n读取的格式：", fp);
    print_readers(fp);
    fputs("；\n其他文件按内容识别。\n"
        "\n"
        "输入：\n"
        "      --files-from FILE  从 FILE 读取要检查的路径，每行一个（- 为标准输入）\n"
        "      --include GLOB     只检查匹配的文件（可重复；含 / 时匹配整个路径，\n"
        "                         否则匹配文件名）\n"
        "      --exclude GLOB     跳过匹配的文件（可重复）\n"
        "  -j, --jobs N           并行线程数（默认为 CPU 核数）；输出顺序不变\n"
        "      --previous PATH    上一年度的报告或本年度工作要点（文件或目录，可重复）：\n"
        "                         只用于跨报告检查（照搬上年报告、上年安排的落实），\n"
        "                         本身不检查、不列入审计表\n"
        "\n"
        "规则与配置：\n"
        "  -r, --rules FILE       规则集（默认 rules/" DEFAULT_RULES
        "，源码树或安装目录中）\n"
        "      --config FILE      配置文件（默认在当前目录及上级目录中找 "
        ".archeck.yaml）\n"
        "      --no-config        不读取配置文件\n"
        "      --profile NAME     所有文件都按这一类型的规则检查（如 work-plan），\n"
        "                         默认按识别出的文件类型\n"
        "      --published DATE   发布日期（YYYY-MM-DD），代替从文中识别的日期\n"
        "      --encoding NAME    文本文件的编码（如 GBK、UTF-16LE），默认自动识别\n"
        "                         （UTF-8、带 BOM 的 UTF-16、GB18030）\n"
        "      --max-file-size SIZE  大于 SIZE 的文件不检查（如 64M、1G；默认 "
        "256M）\n"
        "      --time-limit SECONDS  每个文件读取和检查的时间上限（CPU 秒，可带\n"
        "                         小数；默认 60，0 为不限），超时的文件不检查\n"
        "      --test-rules FILE  运行规则集中每条规则的示例（examples）后退出\n"
        "      --extract          不检查，只显示每个文件被读成的文字，以及识别出的\n"
        "                         标题、单位、年度、发布日期、文件类型和各级标题\n"
        "      --explain RULE     说明一条规则：检查什么、依据、示例、怎样关闭或\n"
        "                         改变级别，然后退出\n"
        "\n"
        "输出：\n"
        "  -o, --output FILE      审计表（默认 " DEFAULT_OUTPUT
        "；- 为标准输出，\n"
        "                         此时逐条结果改写到标准错误）\n"
        "  -f, --format FMT       -o 的格式：",
        fp);
    print_formats(fp, 0);
    fputs("（默认 csv）\n"
        "      --report FMT=FILE  另写一份指定格式的报告（可重复）\n"
        "      --summary FILE     每份报告一行的评分表（默认：审计表为默认的\n"
        "                         " DEFAULT_OUTPUT " 时写 " DEFAULT_SUMMARY "）\n"
        "      --no-summary       不写评分表\n"
        "      --annotate DIR     在 DIR 中为每个文件写一份带批注的 Word 副本\n"
        "                         （每条问题一个批注；.docx 保留原格式，其他格式\n"
        "                         按读出的文字生成）；原文件不会被修改\n"
        "      --fail-on LEVEL    哪一级问题使退出状态为 1：error（默认）、"
        "warning、info、none\n"
        "  -q, --quiet            不列出逐条结果、进度和汇总；没有用 -o 等指定的\n"
        "                         文件时也不写默认的审计表和评分表\n"
        "  -h, --help             显示本帮助\n"
        "      --version          显示版本\n"
        "\n"
        "给出的输出文件所在的目录不存在时会创建；两个输出不能是同一个文件。\n"
        "\n"
        "退出状态：0 没有达到 --fail-on 级别的问题；1 有（--test-rules：有示例"
        "未通过）；\n"
        "          2 用法错误、规则集或配置无效、输入文件无法读取（其余文件照常"
        "检查）、\n"
        "          输出无法写入（包括标准输出）。\n",
        fp);
}

static void print_error(const arc_error *e)
{
    if (e->file[0] && e->line > 0)
        fprintf(stderr, "%s:%d:%d: ", e->file, e->line, e->column);
    else if (e->file[0])
        fprintf(stderr, "%s: ", e->file);
    else
        fputs("archeck: ", stderr);
    fputs("error: ", stderr);
    if (e->rule[0])
        fprintf(stderr, "规则 %s：", e->rule);
    fprintf(stderr, "%s\n", e->message);
}

static int usage_error(const char *fmt, const char *arg)
{
    fputs("archeck: ", stderr);
    fprintf(stderr, fmt, arg);
    fputs("\n用 archeck --help 查看用法。\n", stderr);
    return ARC_EXIT_USAGE;
}

static int profile_known(const arc_ruleset *rs, const char *id)
{
    for (size_t i = 0; i < arc_ruleset_profile_count(rs); i++)
        if (strcmp(arc_ruleset_profile_id(rs, i), id) == 0)
            return 1;
    return 0;
}

static int file_exists(const char *p)
{
    struct stat st;
    return stat(p, &st) == 0 && S_ISREG(st.st_mode);
}

/* The default rule set: installed beside the binary (../share/archeck/rules),
 * else the source tree it was built from, else the configured install dir. */
static char *default_rules(void)
{
    char exe[PATH_MAX];
    char buf[PATH_MAX + 64];
    ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
    if (n > 0) {
        exe[n] = '\0';
        char *slash = strrchr(exe, '/');
        if (slash) {
            *slash = '\0';
            snprintf(buf, sizeof buf, "%s/../share/archeck/rules/%s", exe,
                     DEFAULT_RULES);
            if (file_exists(buf))
                return strdup(buf);
        }
    }
    const char *dirs[] = {ARC_SOURCE_RULES_DIR, ARC_INSTALL_RULES_DIR};
    for (size_t i = 0; i < 2; i++) {
        snprintf(buf, sizeof buf, "%s/%s", dirs[i], DEFAULT_RULES);
        if (file_exists(buf))
            return strdup(buf);
    }
    return NULL;
}

/* Parses a time limit in seconds (a decimal number, at most a day) into
 * milliseconds; 0 means none.  A positive value under 1 ms is 1 ms. */
static int parse_seconds(const char *s, unsigned long *ms)
{
    char *end;
    errno = 0;
    double v = strtod(s, &end);
    if (errno || end == s || *end || !(v >= 0) || v > 86400)
        return -1;
    if (v == 0) {
        *ms = ARC_NO_TIME_LIMIT;
        return 0;
    }
    *ms = (unsigned long)(v * 1000 + 0.5);
    if (!*ms)
        *ms = 1;
    return 0;
}

/* Parses a size: bytes, or a number with K, M or G (powers of 1024; an
 * "iB" or "B" after it is allowed): 64M, 1G, 512KiB.  0 is refused. */
static int parse_size(const char *s, size_t *out)
{
    char *end;
    errno = 0;
    unsigned long long v = strtoull(s, &end, 10);
    if (errno || end == s || *s == '-' || v == 0)
        return -1;
    unsigned shift = 0;
    switch (*end) {
    case 'k': case 'K': shift = 10; end++; break;
    case 'm': case 'M': shift = 20; end++; break;
    case 'g': case 'G': shift = 30; end++; break;
    default: break;
    }
    if (shift && *end == 'i')
        end++;
    if (shift && (*end == 'B' || *end == 'b'))
        end++;
    if (*end || v > (unsigned long long)(SIZE_MAX >> shift))
        return -1;
    *out = (size_t)(v << shift);
    return 0;
}

static void print_example_failure(const arc_example_failure *f, void *ud)
{
    (void)ud;
    const char *file = f->file;
    if (f->bad)
        fprintf(stderr,
                "%s:%d:%d: error: 规则 %s 的 bad 示例 #%zu 没有触发该规则\n",
                file, f->line, f->column, f->rule, f->index + 1);
    else
        fprintf(stderr,
                "%s:%d:%d: error: 规则 %s 的 good 示例 #%zu 触发了该规则"
                "（%zu 条）\n",
                file, f->line, f->column, f->rule, f->index + 1, f->findings);
}

/* --test-rules: loads the rule set and runs its examples. */
static int test_rules(const char *path)
{
    arc_error err = {0};
    arc_ruleset *rs = NULL;
    if (arc_ruleset_load(&rs, path, &err)) {
        print_error(&err);
        return ARC_EXIT_USAGE;
    }
    size_t total = 0, failed = 0;
    int rc = arc_ruleset_test(rs, print_example_failure, (void *)path, &total,
                              &failed, &err);
    arc_ruleset_free(rs);
    if (rc) {
        print_error(&err);
        return ARC_EXIT_USAGE;
    }
    fprintf(stderr, "%s：%zu 个示例，%zu 个未通过\n", path, total, failed);
    return failed ? ARC_EXIT_FINDINGS : ARC_EXIT_OK;
}

/* Creates the missing directories above path (mkdir -p of its dirname). */
static int ensure_parent_dir(const char *path)
{
    char *copy = strdup(path);
    if (!copy)
        return -1;
    int rc = 0;
    char *slash = strrchr(copy, '/');
    if (slash && slash != copy) {
        *slash = '\0';
        for (char *p = copy + 1; !rc; p++) {
            if (*p != '/' && *p != '\0')
                continue;
            char c = *p;
            *p = '\0';
            struct stat st;
            if (stat(copy, &st) != 0 && mkdir(copy, 0777) != 0 &&
                errno != EEXIST)
                rc = -1;
            *p = c;
            if (!c)
                break;
        }
    }
    free(copy);
    return rc;
}

/* The same file, whether it exists yet or not: same device and inode, or
 * the same path once its directory is resolved. */
static int same_output(const char *a, const char *b)
{
    if (strcmp(a, b) == 0)
        return 1;
    if (strcmp(a, "-") == 0 || strcmp(b, "-") == 0)
        return 0;
    struct stat sa, sb;
    if (stat(a, &sa) == 0 && stat(b, &sb) == 0)
        return sa.st_dev == sb.st_dev && sa.st_ino == sb.st_ino;
    char ra[PATH_MAX], rb[PATH_MAX];
    char *da = strdup(a), *db = strdup(b);
    int same = 0;
    if (da && db) {
        char *sla = strrchr(da, '/'), *slb = strrchr(db, '/');
        const char *na = sla ? sla + 1 : da, *nb = slb ? slb + 1 : db;
        if (sla)
            *sla = '\0';
        if (slb)
            *slb = '\0';
        same = strcmp(na, nb) == 0 &&
               realpath(sla ? (*da ? da : "/") : ".", ra) &&
               realpath(slb ? (*db ? db : "/") : ".", rb) &&
               strcmp(ra, rb) == 0;
    }
    free(da);
    free(db);
    return same;
}

static int known_format(const char *name)
{
    for (const char *const *f = arc_writer_formats(); *f; f++)
        if (strcmp(*f, name) == 0)
            return 1;
    return 0;
}

/* Formats that take long to finish (the page copies in every text, the
 * workbook is zipped at close): started first when files are written on
 * several threads. */
static int costly_output(const char *format)
{
    static const char *const costly[] = {"html", "xlsx"};
    for (size_t i = 0; i < sizeof costly / sizeof *costly; i++)
        if (strcmp(format, costly[i]) == 0)
            return 1;
    return 0;
}

static int parse_level(const char *s)
{
    return strcmp(s, "none") == 0 ? 3 : arc_severity_parse(s);
}

typedef struct {
    const char *format;
    const char *path;
} output;

/* The batch: results held until the corpus pass, the progress line, the
 * writers that take each text as it comes. */
typedef struct {
    arc_result **v;
    size_t n, cap;
    size_t total;
    arc_writer **text_writers; /* those that show the reports' texts */
    size_t ntext_writers;
    int write_failed;          /* one of them failed: see err */
    int keep_texts;            /* --annotate reads the texts at the end */
    arc_error err;
    int progress;        /* a progress line may be drawn on stderr */
    int progress_shown;  /* one is on screen now */
    double start, last;
} held;

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* Progress on a terminal only, for batches that take over a second. */
static void show_progress(held *h, int clear)
{
    if (!h->progress)
        return;
    if (clear) {
        if (h->progress_shown)
            fputs("\r\033[K", stderr);
        h->progress_shown = 0;
        return;
    }
    double t = now();
    if (t - h->start < 1.0 || t - h->last < 0.1)
        return;
    h->last = t;
    h->progress_shown = 1;
    fprintf(stderr, "\r已检查 %zu/%zu 个文件（%.0f 个/秒）\033[K", h->n,
            h->total, (double)h->n / (t - h->start));
}

/* Keeps each result (a compact record: the document is already freed) for
 * the corpus pass.  Writers that show the text (html) take it now, and it
 * is dropped: the batch never holds every text. */
static int hold(arc_result *r, void *ud)
{
    held *h = ud;
    if (h->n == h->cap) {
        size_t cap = h->cap ? h->cap * 2 : 64;
        arc_result **v = realloc(h->v, cap * sizeof *v);
        if (!v) {
            arc_result_free(r);
            return ARC_ENOMEM;
        }
        h->v = v;
        h->cap = cap;
    }
    h->v[h->n++] = r;
    for (size_t i = 0; i < h->ntext_writers; i++) {
        int rc = arc_writer_prepare(h->text_writers[i], r, &h->err);
        if (rc) {
            h->write_failed = 1;
            return rc;
        }
    }
    if (h->ntext_writers && !h->keep_texts)
        arc_result_drop_text(r);
    show_progress(h, 0);
    return 0;
}

typedef struct {
    dev_t dev;
    ino_t ino;
} file_id;

static int cmp_id(const void *a, const void *b)
{
    const file_id *x = a, *y = b;
    if (x->dev != y->dev)
        return x->dev < y->dev ? -1 : 1;
    return x->ino < y->ino ? -1 : x->ino > y->ino;
}

/*
 * --previous: the reference reports (last year's, work plans) are read and
 * digested with ARC_RUN_REFERENCE, then appended to the batch's results
 * (h), after the batch's own results (h->n before: the results written),
 * so that the corpus pass sees them; they get no findings and are not
 * written.  A file also checked in the batch is not read twice.  One that
 * cannot be read is reported and makes the exit status 2.
 */
static int check_previous(const arc_run_opts *ro, const arc_ruleset *rs,
                          int jobs, const strvec *files, strvec *prev_files,
                          arc_run **prev_run, held *prev, held *h,
                          int *status)
{
    arc_run_opts o = *ro;
    arc_error err = {0};
    size_t keep = 0, nid = 0;
    file_id *ids = malloc((files->n ? files->n : 1) * sizeof *ids);
    if (!ids)
        return ARC_ENOMEM;
    for (size_t i = 0; i < files->n; i++) {
        struct stat st;
        if (stat(files->v[i], &st) == 0)
            ids[nid++] = (file_id){st.st_dev, st.st_ino};
    }
    qsort(ids, nid, sizeof *ids, cmp_id);
    for (size_t i = 0; i < prev_files->n; i++) {
        struct stat st;
        file_id id;
        if (stat(prev_files->v[i], &st) == 0 &&
            (id = (file_id){st.st_dev, st.st_ino},
             bsearch(&id, ids, nid, sizeof *ids, cmp_id))) {
            free(prev_files->v[i]);
            continue;
        }
        prev_files->v[keep++] = prev_files->v[i];
    }
    prev_files->n = keep;
    free(ids);
    o.flags |= ARC_RUN_REFERENCE;
    if (arc_run_new(prev_run, &o, &err))
        return ARC_ENOMEM;
    int rc = batch_run(*prev_run, rs, jobs, prev_files->v, prev_files->n,
                       hold, prev);
    for (size_t k = 0; k < prev->n; k++) {
        arc_result *r = prev->v[k];
        if (arc_result_status_of(r) != ARC_RESULT_CHECKED) {
            print_error(arc_result_error(r));
            *status = ARC_EXIT_USAGE;
        }
    }
    /* The batch's results own them from here (freed with h). */
    for (size_t k = 0; !rc && k < prev->n; k++) {
        rc = hold(prev->v[k], h);
        prev->v[k] = NULL;
    }
    for (size_t k = 0; k < prev->n; k++)
        arc_result_free(prev->v[k]);
    prev->n = 0;
    return rc;
}

/* Where a fact came from, as --extract tells a user. */
static const char *year_from(arc_year_source s)
{
    static const char *const names[] = {"",         "标题",
                                        "开头一句", "文件元数据",
                                        "“现将…报告如下”", "各部分标题",
                                        "正文多处（与标题不一致）"};
    return (size_t)s < sizeof names / sizeof names[0] ? names[s] : "";
}

static const char *pub_from(arc_pub_source s)
{
    static const char *const names[] = {"",     "发布日期标签", "标题旁",
                                        "落款", "--published",  "网页元数据",
                                        "标题下单独一行的日期",
                                        "报送函或印发通知的日期"};
    return (size_t)s < sizeof names / sizeof names[0] ? names[s] : "";
}

/* --extract: the text as archeck reads it and what it recognised. */
static int print_extract(const arc_result *r, const arc_ruleset *rs)
{
    const arc_scorecard *c = arc_result_scorecard(r);
    printf("== %s（格式：%s）\n", arc_result_path(r), arc_result_format(r));
    if (arc_result_status_of(r) != ARC_RESULT_CHECKED) {
        const arc_error *e = arc_result_error(r);
        printf("无法读取：%s\n\n", e->message);
        return 1;
    }
    printf("标题：%s\n", arc_result_title(r));
    printf("单位：%s\n", arc_result_unit(r));
    if (c->report_year)
        printf("报告年度：%d（%s）\n", c->report_year,
               year_from(c->year_source));
    else
        puts("报告年度：未识别");
    if (c->published_source != ARC_PUB_NONE)
        printf("发布日期：%04d-%02d-%02d（%s）\n", c->published_y,
               c->published_m, c->published_d,
               pub_from(c->published_source));
    else
        puts("发布日期：未识别");
    printf("文件类型：%s\n检查规则：%s\n必备部分：", c->doc_type,
           c->profile[0] ? c->profile : "（未检查：不是规则集检查的文件类型）");
    for (size_t p = 0; p < c->nparts; p++)
        printf("%s%s=%s", p ? "，" : "", c->part_id[p],
               arc_part_status_name(c->part_status[p]));
    printf("\n标题层级（%zu 个）：\n", arc_result_heading_count(r));
    for (size_t i = 0; i < arc_result_heading_count(r); i++) {
        const arc_heading *h = arc_result_heading(r, i);
        printf("  %*s第 %d 行", (h->level - 1) * 2, "", h->line);
        if (h->page)
            printf("（第 %d 页）", h->page);
        printf(" %s%s", h->label, h->text);
        if (h->part[0])
            for (size_t p = 0; p < arc_ruleset_part_count(rs); p++)
                if (strcmp(arc_ruleset_part_id(rs, p), h->part) == 0)
                    printf("  ← %s", arc_ruleset_part_name(rs, p));
        putchar('\n');
    }
    puts("正文（规范化后，行号与审计表一致）：");
    size_t len;
    const char *t = arc_result_text(r, &len);
    int line = 1, page = -1;
    for (size_t i = 0; i < len;) {
        const char *nl = memchr(t + i, '\n', len - i);
        size_t e = nl ? (size_t)(nl - t) : len;
        int pg = arc_result_line_page(r, line);
        if (pg && pg != page)
            printf("---- 第 %d 页 ----\n", page = pg);
        printf("%6d  %.*s\n", line++, (int)(e - i), t + i);
        i = e + 1;
    }
    putchar('\n');
    return 0;
}

static int extract(const arc_run_opts *ro, char *const *paths, size_t n)
{
    arc_error err = {0};
    arc_run *run = NULL;
    arc_checker *c = NULL;
    if (arc_run_new(&run, ro, &err) || arc_checker_new(&c, ro->rs)) {
        arc_run_free(run);
        fputs("archeck: error: 内存不足\n", stderr);
        return ARC_EXIT_USAGE;
    }
    int status = ARC_EXIT_OK;
    for (size_t i = 0; i < n; i++) {
        arc_result *r = NULL;
        if (arc_run_file(run, c, paths[i], &r, &err)) {
            print_error(&err);
            status = ARC_EXIT_USAGE;
            continue;
        }
        if (print_extract(r, ro->rs))
            status = ARC_EXIT_USAGE;
        arc_result_free(r);
    }
    arc_checker_free(c);
    arc_run_free(run);
    if (fflush(stdout) != 0 || ferror(stdout)) {
        fprintf(stderr, "archeck: error: 无法写入标准输出：%s\n",
                strerror(errno));
        status = ARC_EXIT_USAGE;
    }
    return status;
}

int main(int argc, char **argv)
{
    enum {
        OPT_VERSION = 256, OPT_PUBLISHED, OPT_TEST_RULES, OPT_FILES_FROM,
        OPT_INCLUDE, OPT_EXCLUDE, OPT_REPORT, OPT_SUMMARY, OPT_NO_SUMMARY,
        OPT_FAIL_ON, OPT_CONFIG, OPT_NO_CONFIG, OPT_ENCODING, OPT_EXTRACT,
        OPT_ANNOTATE, OPT_EXPLAIN, OPT_MAX_FILE_SIZE, OPT_TIME_LIMIT,
        OPT_PREVIOUS, OPT_PROFILE
    };
    static const struct option longopts[] = {
        {"rules", required_argument, NULL, 'r'},
        {"output", required_argument, NULL, 'o'},
        {"format", required_argument, NULL, 'f'},
        {"jobs", required_argument, NULL, 'j'},
        {"quiet", no_argument, NULL, 'q'},
        {"help", no_argument, NULL, 'h'},
        {"version", no_argument, NULL, OPT_VERSION},
        {"published", required_argument, NULL, OPT_PUBLISHED},
        {"test-rules", required_argument, NULL, OPT_TEST_RULES},
        {"files-from", required_argument, NULL, OPT_FILES_FROM},
        {"include", required_argument, NULL, OPT_INCLUDE},
        {"exclude", required_argument, NULL, OPT_EXCLUDE},
        {"report", required_argument, NULL, OPT_REPORT},
        {"summary", required_argument, NULL, OPT_SUMMARY},
        {"no-summary", no_argument, NULL, OPT_NO_SUMMARY},
        {"fail-on", required_argument, NULL, OPT_FAIL_ON},
        {"config", required_argument, NULL, OPT_CONFIG},
        {"no-config", no_argument, NULL, OPT_NO_CONFIG},
        {"encoding", required_argument, NULL, OPT_ENCODING},
        {"extract", no_argument, NULL, OPT_EXTRACT},
        {"annotate", required_argument, NULL, OPT_ANNOTATE},
        {"explain", required_argument, NULL, OPT_EXPLAIN},
        {"max-file-size", required_argument, NULL, OPT_MAX_FILE_SIZE},
        {"time-limit", required_argument, NULL, OPT_TIME_LIMIT},
        {"previous", required_argument, NULL, OPT_PREVIOUS},
        {"profile", required_argument, NULL, OPT_PROFILE},
        {NULL, 0, NULL, 0},
    };
    const char *rules_path = NULL, *output_path = NULL, *format = "csv";
    const char *summary_path = NULL, *config_path = NULL;
    int quiet = 0, no_summary = 0, no_config = 0, fail_on = -1, c;
    int extract_only = 0;
    const char *annotate_dir = NULL, *explain_id = NULL;
    long jobs = sysconf(_SC_NPROCESSORS_ONLN);
    arc_run_opts ro = {0};
    input_spec in = {0};
    input_spec prev_in = {0};
    output extra[MAX_OUTPUTS];
    size_t nextra = 0;
    int status = ARC_EXIT_OK;

    opterr = 0;
    while ((c = getopt_long(argc, argv, ":r:o:f:j:qh", longopts, NULL)) !=
           -1) {
        char *end;
        switch (c) {
        case 'r': rules_path = optarg; break;
        case 'o': output_path = optarg; break;
        case 'f':
            if (!known_format(optarg) || strcmp(optarg, "summary") == 0)
                return usage_error("未知的输出格式“%s”", optarg);
            format = optarg;
            break;
        case 'j':
            errno = 0;
            jobs = strtol(optarg, &end, 10);
            if (errno || *end || jobs < 1 || jobs > 256)
                return usage_error("-j 应为 1 到 256 之间的整数，而不是“%s”",
                                   optarg);
            break;
        case 'q': quiet = 1; break;
        case 'h': usage(stdout); return ARC_EXIT_OK;
        case OPT_VERSION: printf("archeck %s\n", ARC_VERSION); return 0;
        case OPT_PUBLISHED:
            if (arc_date_parse(optarg, &ro.pub_y, &ro.pub_m, &ro.pub_d))
                return usage_error("--published 应为有效日期 YYYY-MM-DD，"
                                   "而不是“%s”", optarg);
            break;
        case OPT_TEST_RULES: return test_rules(optarg);
        case OPT_FILES_FROM: in.files_from = optarg; break;
        case OPT_INCLUDE:
            if (strvec_push(&in.include, optarg))
                return ARC_EXIT_USAGE;
            break;
        case OPT_EXCLUDE:
            if (strvec_push(&in.exclude, optarg))
                return ARC_EXIT_USAGE;
            break;
        case OPT_REPORT: {
            char *eq = strchr(optarg, '=');
            if (!eq || eq == optarg || !eq[1])
                return usage_error("--report 应写作 格式=文件，而不是“%s”",
                                   optarg);
            *eq = '\0';
            if (!known_format(optarg))
                return usage_error("未知的输出格式“%s”", optarg);
            if (nextra == MAX_OUTPUTS - 2)
                return usage_error("--report 最多 %s 个", "14");
            extra[nextra++] = (output){optarg, eq + 1};
            break;
        }
        case OPT_SUMMARY: summary_path = optarg; break;
        case OPT_NO_SUMMARY: no_summary = 1; break;
        case OPT_FAIL_ON:
            if ((fail_on = parse_level(optarg)) < 0)
                return usage_error("--fail-on 应为 error、warning、info 或 "
                                   "none，而不是“%s”", optarg);
            break;
        case OPT_CONFIG: config_path = optarg; break;
        case OPT_NO_CONFIG: no_config = 1; break;
        case OPT_ENCODING:
            if (!arc_encoding_supported(optarg))
                return usage_error("不支持的编码“%s”", optarg);
            ro.load.encoding = optarg;
            break;
        case OPT_EXTRACT: extract_only = 1; break;
        case OPT_PREVIOUS:
            if (strvec_push(&prev_in.paths, optarg))
                return ARC_EXIT_USAGE;
            break;
        case OPT_ANNOTATE: annotate_dir = optarg; break;
        case OPT_EXPLAIN: explain_id = optarg; break;
        case OPT_MAX_FILE_SIZE:
            if (parse_size(optarg, &ro.load.max_file_size))
                return usage_error("--max-file-size 应为正的大小（如 64M、"
                                   "1G），而不是“%s”", optarg);
            break;
        case OPT_TIME_LIMIT:
            if (parse_seconds(optarg, &ro.load.time_limit_ms))
                return usage_error("--time-limit 应为秒数（如 60、0.5；0 为"
                                   "不限），而不是“%s”", optarg);
            break;
        case OPT_PROFILE: ro.profile = optarg; break;
        case ':': return usage_error("选项 %s 需要一个参数", argv[optind - 1]);
        default: return usage_error("未知选项 %s", argv[optind - 1]);
        }
    }

    arc_error err = {0};
    arc_config *cfg = NULL;
    arc_ruleset *rs = NULL;
    arc_run *run = NULL;
    char *found_rules = NULL, *found_config = NULL;
    strvec files = {0}, prev_files = {0};
    held h = {0}, prev = {0};
    arc_run *prev_run = NULL;
    skipvec skipped = {0};
    arc_writer *w[MAX_OUTPUTS] = {0}, *text_w[MAX_OUTPUTS];
    size_t nw = 0;
    arc_writer *listing = NULL;

    /* Configuration: explicit, else .archeck.yaml here or above. */
    if (!no_config && !config_path)
        config_path = found_config = arc_config_find(".");
    if (!no_config && config_path && arc_config_load(&cfg, config_path, &err)) {
        print_error(&err);
        status = ARC_EXIT_USAGE;
        goto done;
    }
    if (!rules_path && cfg)
        rules_path = arc_config_rules(cfg);
    if (!rules_path && !(rules_path = found_rules = default_rules())) {
        fprintf(stderr, "archeck: 找不到默认规则集 %s；请用 -r 指定\n",
                DEFAULT_RULES);
        status = ARC_EXIT_USAGE;
        goto done;
    }
    if (arc_ruleset_load(&rs, rules_path, &err) ||
        (cfg && arc_config_apply(cfg, rs, &err))) {
        print_error(&err);
        status = ARC_EXIT_USAGE;
        goto done;
    }
    if (explain_id) {
        arc_ruleset *pristine = NULL;
        if (arc_ruleset_load(&pristine, rules_path, &err)) {
            print_error(&err);
            status = ARC_EXIT_USAGE;
            goto done;
        }
        status = explain_rule(pristine, cfg ? rs : NULL,
                              cfg ? arc_config_path(cfg) : NULL, rules_path,
                              explain_id);
        arc_ruleset_free(pristine);
        goto done;
    }
    if (fail_on < 0 && cfg)
        fail_on = arc_config_fail_on(cfg);
    if (!ro.load.time_limit_ms && cfg)
        ro.load.time_limit_ms = arc_config_time_limit_ms(cfg);
    if (fail_on < 0)
        fail_on = ARC_SEV_ERROR;

    /* Inputs. */
    for (int i = optind; i < argc; i++)
        if (strvec_push(&in.paths, argv[i]))
            goto nomem;
    if (!in.paths.n && !in.files_from && strvec_push(&in.paths, DEFAULT_INPUT))
        goto nomem;
    if (inputs_collect(&in, &files, &skipped) < 0)
        status = ARC_EXIT_USAGE;
    if (prev_in.paths.n && inputs_collect(&prev_in, &prev_files, &skipped) < 0)
        status = ARC_EXIT_USAGE;
    for (size_t i = 0; i < skipped.n; i++) {
        if (quiet && !skipped.v[i].error)
            continue;
        char *shown = arc_path_display(skipped.v[i].path);
        fprintf(stderr, "跳过 %s：%s\n", shown ? shown : skipped.v[i].path,
                skipped.v[i].reason);
        free(shown);
    }

    ro.rs = rs;
    ro.config = cfg;
    if (annotate_dir) {
        ro.flags |= ARC_RUN_KEEP_TEXT;
        h.keep_texts = 1;
    }
    const char *profile_from = ro.profile ? "--profile" : NULL;
    if (!ro.profile && cfg && (ro.profile = arc_config_profile(cfg)))
        profile_from = arc_config_path(cfg);
    if (ro.profile && !profile_known(rs, ro.profile)) {
        fprintf(stderr, "archeck: error: %s：规则集没有文件类型“%s”（可用：",
                profile_from, ro.profile);
        for (size_t i = 0; i < arc_ruleset_profile_count(rs); i++)
            fprintf(stderr, "%s%s", i ? "、" : "",
                    arc_ruleset_profile_id(rs, i));
        fputs("）\n", stderr);
        status = ARC_EXIT_USAGE;
        goto done;
    }
    if (extract_only) {
        ro.flags |= ARC_RUN_KEEP_TEXT;
        int st = extract(&ro, files.v, files.n);
        status = status ? status : st;
        goto done;
    }

    /* Outputs: the audit (-o, the config, or the default unless -q), more
     * formats (--report), the summary (--summary, the config, or beside a
     * default audit); the listing unless -q.  A user who asked for no file
     * gets none. */
    if (!output_path && cfg)
        output_path = arc_config_output(cfg);
    int default_audit = !output_path && !quiet && !annotate_dir;
    if (default_audit)
        output_path = DEFAULT_OUTPUT;
    if (!summary_path && cfg)
        summary_path = arc_config_summary(cfg);
    if (!summary_path && default_audit)
        summary_path = DEFAULT_SUMMARY;
    output outs[MAX_OUTPUTS];
    size_t nouts = 0;
    int to_stdout = 0;
    if (output_path)
        outs[nouts++] = (output){format, output_path};
    for (size_t i = 0; i < nextra; i++)
        outs[nouts++] = extra[i];
    if (!no_summary && summary_path)
        outs[nouts++] = (output){"summary", summary_path};
    for (size_t i = 0; i < nouts; i++)
        for (size_t j = 0; j < i; j++)
            if (same_output(outs[i].path, outs[j].path)) {
                fprintf(stderr, "archeck: %s 和 %s 两个输出都写到“%s”；"
                        "请为每个输出指定不同的文件\n",
                        outs[j].format, outs[i].format, outs[i].path);
                status = ARC_EXIT_USAGE;
                goto done;
            }
    for (size_t i = 0; i < nouts; i++) {
        to_stdout |= strcmp(outs[i].path, "-") == 0;
        if (strcmp(outs[i].path, "-") != 0 && ensure_parent_dir(outs[i].path)) {
            fprintf(stderr, "%s: error: 无法创建所在目录：%s\n", outs[i].path,
                    strerror(errno));
            status = ARC_EXIT_USAGE;
            goto done;
        }
        if (arc_writer_open(&w[nw], outs[i].format, outs[i].path, stdout, rs,
                            &err)) {
            print_error(&err);
            status = ARC_EXIT_USAGE;
            goto done;
        }
        arc_writer_set_threshold(w[nw], fail_on > 2 ? ARC_SEV_ERROR
                                                    : (arc_severity)fail_on);
        if (arc_writer_needs_text(w[nw])) {
            text_w[h.ntext_writers++] = w[nw];
            ro.flags |= ARC_RUN_KEEP_TEXT;
        }
        nw++;
    }
    h.text_writers = text_w;
    if (!quiet && arc_writer_open(&listing, "text", "-",
                                  to_stdout ? stderr : stdout, rs, &err)) {
        print_error(&err);
        status = ARC_EXIT_USAGE;
        goto done;
    }

    /* Check every file (threads), then across them, then write. */
    ro.jobs = (unsigned)(jobs < 1 ? 1 : jobs);
    if (arc_run_new(&run, &ro, &err))
        goto nomem;
    h.total = files.n;
    h.start = now();
    h.progress = !quiet && isatty(STDERR_FILENO) && !getenv("CI");
    int rc = batch_run(run, rs, (int)(jobs < 1 ? 1 : jobs), files.v, files.n,
                       hold, &h);
    show_progress(&h, 1);
    size_t nbatch = h.n;
    h.progress = 0;
    if (!rc && prev_files.n)
        rc = check_previous(&ro, rs, (int)(jobs < 1 ? 1 : jobs), &files,
                            &prev_files, &prev_run, &prev, &h, &status);
    if (!rc)
        rc = arc_run_corpus(run, h.v, h.n, &err);
    if (rc && h.write_failed) {
        print_error(&h.err);
        status = ARC_EXIT_USAGE;
        goto done;
    }
    if (rc) {
        fputs("archeck: error: 内存不足\n", stderr);
        status = ARC_EXIT_USAGE;
        goto done;
    }
    /* The files are written on their own threads while this one counts
     * and prints the listing; the costliest first (a page of every text,
     * a zipped workbook), so that they overlap. */
    size_t order[MAX_OUTPUTS], norder = 0;
    for (int pass = 0; pass < 2; pass++)
        for (size_t i = 0; i < nw; i++)
            if (costly_output(outs[i].format) == !pass)
                order[norder++] = i;
    arc_error werr[MAX_OUTPUTS] = {{0}};
    int wfailed[MAX_OUTPUTS] = {0};
    write_pool *pool = batch_write_start(w, order, nw, h.v, nbatch,
                                         (int)(jobs < 1 ? 1 : jobs), werr,
                                         wfailed);
    if (!pool)
        goto nomem;
    size_t errors = 0, warnings = 0, infos = 0, failing = 0, unreadable = 0;
    for (size_t k = 0; k < nbatch; k++) {
        const arc_result *r = h.v[k];
        const arc_findings *f = arc_result_findings(r);
        if (arc_result_status_of(r) != ARC_RESULT_CHECKED) {
            unreadable++;
            if (!listing) /* with the listing, its own line says it */
                print_error(arc_result_error(r));
        }
        for (size_t i = 0; i < arc_findings_count(f); i++) {
            arc_severity sv = arc_findings_get(f, i)->severity;
            errors += sv == ARC_SEV_ERROR;
            warnings += sv == ARC_SEV_WARNING;
            infos += sv == ARC_SEV_INFO;
            failing += (int)sv >= fail_on;
        }
        /* A failing listing (a full disk, a closed pipe) is reported when
         * it is closed; the files are written all the same. */
        if (listing && arc_findings_count(f))
            (void)arc_writer_result(listing, r, &err);
    }
    batch_write_finish(pool);
    for (size_t i = 0; i < nw; i++)
        if (wfailed[i]) {
            print_error(&werr[i]);
            status = ARC_EXIT_USAGE;
        }
    if (listing) {
        arc_writer *l = listing;
        listing = NULL;
        if (arc_writer_close(l, &err)) {
            fprintf(stderr, "archeck: error: 无法写出检查结果（%s）："
                    "%s\n", to_stdout ? "标准错误" : "标准输出", err.message);
            status = ARC_EXIT_USAGE;
        }
    }
    size_t annotated = 0;
    if (annotate_dir) {
        int st = annotate_results(annotate_dir, h.v, nbatch, files.v, files.n,
                                  quiet, &annotated);
        status = status ? status : st;
    }
    if (!quiet) {
        fprintf(stderr, "已检查 %zu 个文件：%zu 个错误，%zu 个警告，%zu 个提示",
                files.n - unreadable, errors - unreadable, warnings, infos);
        if (unreadable)
            fprintf(stderr, "；%zu 个文件无法读取", unreadable);
        if (skipped.n)
            fprintf(stderr, "；跳过 %zu 个文件", skipped.n);
        if (output_path && strcmp(output_path, "-") != 0)
            fprintf(stderr, "；审计表：%s", output_path);
        if (!no_summary && summary_path && strcmp(summary_path, "-") != 0)
            fprintf(stderr, "；评分表：%s", summary_path);
        if (annotate_dir)
            fprintf(stderr, "；批注副本 %zu 份：%s", annotated, annotate_dir);
        fputc('\n', stderr);
    }
    if (unreadable)
        status = ARC_EXIT_USAGE;
    if (status == ARC_EXIT_OK && failing > 0)
        status = ARC_EXIT_FINDINGS;
    goto done;

nomem:
    fputs("archeck: error: 内存不足\n", stderr);
    status = ARC_EXIT_USAGE;
done:
    for (size_t i = 0; i < nw; i++)
        arc_writer_abort(w[i]);
    arc_writer_abort(listing);
    for (size_t k = 0; k < h.n; k++)
        arc_result_free(h.v[k]);
    free(h.v);
    free(prev.v);
    arc_run_free(run);
    arc_run_free(prev_run);
    strvec_free(&files);
    strvec_free(&prev_files);
    strvec_free(&prev_in.paths);
    skipvec_free(&skipped);
    strvec_free(&in.paths);
    strvec_free(&in.include);
    strvec_free(&in.exclude);
    arc_ruleset_free(rs);
    arc_config_free(cfg);
    free(found_rules);
    free(found_config);
    return status;
}
