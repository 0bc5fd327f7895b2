/* archeck - command-line front end.  Owns all printing and exit codes. */
#define _POSIX_C_SOURCE 200809L
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

static void usage(FILE *fp)
{
    fputs(
        "用法：archeck [选项] [路径...]\n"
        "检查法治政府建设年度报告的结构完整性和数据一致性，输出审计表。\n"
        "\n"
        "路径可以是文件，或目录（递归查找各输入格式扩展名的文件和没有扩展名的"
        "文件，\n跳过的条目逐条说明原因）；不给路径时检查 samples/。\n"
        "\n"
        "输入：\n"
        "      --files-from FILE  从 FILE 读取要检查的路径，每行一个（- 为标准输入）\n"
        "      --include GLOB     只检查匹配的文件（可重复；含 / 时匹配整个路径，\n"
        "                         否则匹配文件名）\n"
        "      --exclude GLOB     跳过匹配的文件（可重复）\n"
        "  -j, --jobs N           并行线程数（默认为 CPU 核数）；输出顺序不变\n"
        "\n"
        "规则与配置：\n"
        "  -r, --rules FILE       规则集（默认 rules/" DEFAULT_RULES
        "，源码树或安装目录中）\n"
        "      --config FILE      配置文件（默认在当前目录及上级目录中找 "
        ".archeck.yaml）\n"
        "      --no-config        不读取配置文件\n"
        "      --published DATE   发布日期（YYYY-MM-DD），代替从文中识别的日期\n"
        "      --encoding NAME    文本文件的编码（如 GBK、UTF-16LE），默认自动识别\n"
        "                         （UTF-8、带 BOM 的 UTF-16、GB18030）\n"
        "      --max-file-size SIZE  大于 SIZE 的文件不检查（如 64M、1G；默认 "
        "256M）\n"
        "      --test-rules FILE  运行规则集中每条规则的示例（examples）后退出\n"
        "\n"
        "输出：\n"
        "  -o, --output FILE      审计表（默认 " DEFAULT_OUTPUT
        "；- 为标准输出，\n"
        "                         此时逐条结果改写到标准错误）\n"
        "  -f, --format FMT       -o 的格式：csv（默认）、text、json、sarif、"
        "junit、github\n"
        "      --report FMT=FILE  另写一份指定格式的报告（可重复）\n"
        "      --summary FILE     每份报告一行的评分表（默认 " DEFAULT_SUMMARY
        "）\n"
        "      --no-summary       不写评分表\n"
        "      --fail-on LEVEL    哪一级问题使退出状态为 1：error（默认）、"
        "warning、info、none\n"
        "  -q, --quiet            不列出逐条结果、进度和汇总\n"
        "  -h, --help             显示本帮助\n"
        "      --version          显示版本\n"
        "\n"
        "退出状态：0 没有达到 --fail-on 级别的问题；1 有（--test-rules：有示例"
        "未通过）；\n"
        "          2 用法错误、规则集或配置无效、输入文件无法读取（其余文件照常"
        "检查）、\n"
        "          输出无法写入。\n",
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

/* Parses YYYY-MM-DD into a real calendar date. */
static int parse_date(const char *s, int *y, int *m, int *d)
{
    char tail;
    if (strlen(s) != 10 || s[4] != '-' || s[7] != '-' ||
        sscanf(s, "%4d-%2d-%2d%c", y, m, d, &tail) != 3 || *m < 1 ||
        *m > 12 || *d < 1)
        return -1;
    static const int days[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    int leap = (*y % 4 == 0 && *y % 100 != 0) || *y % 400 == 0;
    if (*d > days[*m - 1] || (*m == 2 && *d == 29 && !leap))
        return -1;
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

static int ensure_parent_dir(const char *path)
{
    char *copy = strdup(path);
    if (!copy)
        return -1;
    char *slash = strrchr(copy, '/');
    int rc = 0;
    if (slash && slash != copy) {
        *slash = '\0';
        struct stat st;
        if (stat(copy, &st) != 0 && mkdir(copy, 0777) != 0 && errno != EEXIST)
            rc = -1;
    }
    free(copy);
    return rc;
}

static int known_format(const char *name)
{
    for (const char *const *f = arc_writer_formats(); *f; f++)
        if (strcmp(*f, name) == 0)
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

/* Everything the sink needs while reports stream in. */
typedef struct {
    arc_writer *w[MAX_OUTPUTS];
    size_t nw;
    arc_writer *listing;
    int fail_on;
    size_t total, done, errors, warnings, infos, failing, unreadable;
    int progress;        /* a progress line may be drawn on stderr */
    int progress_shown;  /* one is on screen now */
    int listing_tty;     /* the listing shares that terminal */
    double start, last;
    arc_error err;
} run;

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* Progress on a terminal only, for batches that take over a second. */
static void show_progress(run *r, int clear)
{
    if (!r->progress)
        return;
    if (clear) {
        if (r->progress_shown)
            fputs("\r\033[K", stderr);
        r->progress_shown = 0;
        return;
    }
    double t = now();
    if (t - r->start < 1.0 || t - r->last < 0.1)
        return;
    r->last = t;
    r->progress_shown = 1;
    fprintf(stderr, "\r已检查 %zu/%zu 个文件（%.0f 个/秒）\033[K", r->done,
            r->total, (double)r->done / (t - r->start));
}

static int sink(const report *rep, void *ud)
{
    run *r = ud;
    r->done++;
    r->unreadable += rep->unreadable;
    if (rep->unreadable && !r->listing) {
        /* With the listing on, its input.unreadable line says it. */
        print_error(&rep->err);
    }
    for (size_t i = 0; i < arc_findings_count(rep->findings); i++) {
        arc_severity s = arc_findings_get(rep->findings, i)->severity;
        r->errors += s == ARC_SEV_ERROR;
        r->warnings += s == ARC_SEV_WARNING;
        r->infos += s == ARC_SEV_INFO;
        r->failing += (int)s >= r->fail_on;
    }
    if (r->listing && arc_findings_count(rep->findings)) {
        if (r->listing_tty)
            show_progress(r, 1); /* the listing line replaces it */
        if (arc_writer_report(r->listing, rep->path, &rep->card,
                              rep->findings, &r->err))
            return ARC_EIO;
    }
    for (size_t i = 0; i < r->nw; i++)
        if (arc_writer_report(r->w[i], rep->path, &rep->card, rep->findings,
                              &r->err))
            return ARC_EIO;
    show_progress(r, 0);
    return 0;
}

int main(int argc, char **argv)
{
    enum {
        OPT_VERSION = 256, OPT_PUBLISHED, OPT_TEST_RULES, OPT_FILES_FROM,
        OPT_INCLUDE, OPT_EXCLUDE, OPT_REPORT, OPT_SUMMARY, OPT_NO_SUMMARY,
        OPT_FAIL_ON, OPT_CONFIG, OPT_NO_CONFIG, OPT_ENCODING,
        OPT_MAX_FILE_SIZE
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
        {"max-file-size", required_argument, NULL, OPT_MAX_FILE_SIZE},
        {NULL, 0, NULL, 0},
    };
    const char *rules_path = NULL, *output_path = NULL, *format = "csv";
    const char *summary_path = NULL, *config_path = NULL;
    int quiet = 0, no_summary = 0, no_config = 0, fail_on = -1, c;
    long jobs = sysconf(_SC_NPROCESSORS_ONLN);
    batch_opts bo = {0};
    input_spec in = {0};
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
            if (parse_date(optarg, &bo.pub_y, &bo.pub_m, &bo.pub_d))
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
            bo.load.encoding = optarg;
            break;
        case OPT_MAX_FILE_SIZE:
            if (parse_size(optarg, &bo.load.max_file_size))
                return usage_error("--max-file-size 应为正的大小（如 64M、"
                                   "1G），而不是“%s”", optarg);
            break;
        case ':': return usage_error("选项 %s 需要一个参数", argv[optind - 1]);
        default: return usage_error("未知选项 %s", argv[optind - 1]);
        }
    }

    arc_error err = {0};
    arc_config *cfg = NULL;
    arc_ruleset *rs = NULL;
    char *found_rules = NULL, *found_config = NULL;
    strvec files = {0};
    skipvec skipped = {0};
    run r = {0};
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
    if (fail_on < 0 && cfg)
        fail_on = arc_config_fail_on(cfg);
    if (fail_on < 0)
        fail_on = ARC_SEV_ERROR;
    if (!output_path)
        output_path = cfg && arc_config_output(cfg) ? arc_config_output(cfg)
                                                    : DEFAULT_OUTPUT;
    if (!summary_path)
        summary_path = cfg && arc_config_summary(cfg)
                           ? arc_config_summary(cfg)
                           : DEFAULT_SUMMARY;

    /* Inputs. */
    for (int i = optind; i < argc; i++)
        if (strvec_push(&in.paths, argv[i]))
            goto nomem;
    if (!in.paths.n && !in.files_from && strvec_push(&in.paths, DEFAULT_INPUT))
        goto nomem;
    if (inputs_collect(&in, &files, &skipped) < 0)
        status = ARC_EXIT_USAGE;
    for (size_t i = 0; i < skipped.n; i++)
        if (!quiet || skipped.v[i].error)
            fprintf(stderr, "跳过 %s：%s\n", skipped.v[i].path,
                    skipped.v[i].reason);

    /* Outputs: -o, --report ..., the summary; the listing unless -q. */
    output outs[MAX_OUTPUTS];
    size_t nouts = 0;
    int to_stdout = 0;
    outs[nouts++] = (output){format, output_path};
    for (size_t i = 0; i < nextra; i++)
        outs[nouts++] = extra[i];
    if (!no_summary)
        outs[nouts++] = (output){"summary", summary_path};
    for (size_t i = 0; i < nouts; i++) {
        to_stdout |= strcmp(outs[i].path, "-") == 0;
        if (strcmp(outs[i].path, DEFAULT_OUTPUT) == 0 ||
            strcmp(outs[i].path, DEFAULT_SUMMARY) == 0)
            ensure_parent_dir(outs[i].path);
        if (arc_writer_open(&r.w[r.nw], outs[i].format, outs[i].path, stdout,
                            rs, &err)) {
            print_error(&err);
            status = ARC_EXIT_USAGE;
            goto done;
        }
        arc_writer_set_threshold(r.w[r.nw], fail_on > 2 ? ARC_SEV_ERROR
                                                        : (arc_severity)fail_on);
        r.nw++;
    }
    if (!quiet && arc_writer_open(&listing, "text", "-",
                                  to_stdout ? stderr : stdout, rs, &err)) {
        print_error(&err);
        status = ARC_EXIT_USAGE;
        goto done;
    }

    r.listing = listing;
    r.fail_on = fail_on;
    r.total = files.n;
    r.start = now();
    r.progress = !quiet && isatty(STDERR_FILENO) && !getenv("CI");
    r.listing_tty = to_stdout || isatty(STDOUT_FILENO);
    bo.rs = rs;
    bo.config = cfg;
    bo.jobs = (int)(jobs < 1 ? 1 : jobs);
    int rc = batch_run(&bo, files.v, files.n, sink, &r);
    show_progress(&r, 1);
    if (rc) {
        if (rc == ARC_ENOMEM)
            fputs("archeck: error: 内存不足\n", stderr);
        else
            print_error(&r.err);
        status = ARC_EXIT_USAGE;
        goto done;
    }
    for (size_t i = 0; i < r.nw; i++) {
        arc_writer *w = r.w[i];
        r.w[i] = NULL;
        if (arc_writer_close(w, &err)) {
            print_error(&err);
            status = ARC_EXIT_USAGE;
        }
    }
    if (listing) {
        arc_writer_close(listing, &err);
        listing = NULL;
    }
    if (!quiet) {
        fprintf(stderr, "已检查 %zu 个文件：%zu 个错误，%zu 个警告，%zu 个提示",
                files.n - r.unreadable, r.errors - r.unreadable, r.warnings,
                r.infos);
        if (r.unreadable)
            fprintf(stderr, "；%zu 个文件无法读取", r.unreadable);
        if (skipped.n)
            fprintf(stderr, "；跳过 %zu 个文件", skipped.n);
        if (strcmp(output_path, "-") != 0)
            fprintf(stderr, "；审计表：%s", output_path);
        if (!no_summary && strcmp(summary_path, "-") != 0)
            fprintf(stderr, "；评分表：%s", summary_path);
        fputc('\n', stderr);
    }
    if (r.unreadable)
        status = ARC_EXIT_USAGE;
    if (status == ARC_EXIT_OK && r.failing > 0)
        status = ARC_EXIT_FINDINGS;
    goto done;

nomem:
    fputs("archeck: error: 内存不足\n", stderr);
    status = ARC_EXIT_USAGE;
done:
    for (size_t i = 0; i < r.nw; i++)
        arc_writer_abort(r.w[i]);
    arc_writer_abort(listing);
    strvec_free(&files);
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
