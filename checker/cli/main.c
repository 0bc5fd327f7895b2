/* archeck - command-line front end.  Owns all printing and exit codes. */
#define _POSIX_C_SOURCE 200809L
#include "archeck.h"

#include <dirent.h>
#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

/* Exit statuses: part of the documented interface. */
enum {
    ARC_EXIT_OK = 0,       /* no finding of severity error */
    ARC_EXIT_FINDINGS = 1, /* at least one error finding */
    ARC_EXIT_USAGE = 2     /* usage error, bad rule file, unreadable input */
};

#define DEFAULT_RULES "annual-report.yaml"
#define DEFAULT_OUTPUT "reports/audit.csv"
#define DEFAULT_INPUT "samples"

typedef struct {
    char **v;
    size_t n, cap;
} strvec;

static int strvec_push(strvec *sv, const char *s)
{
    if (sv->n == sv->cap) {
        size_t cap = sv->cap ? sv->cap * 2 : 16;
        char **v = realloc(sv->v, cap * sizeof *v);
        if (!v)
            return -1;
        sv->v = v;
        sv->cap = cap;
    }
    if (!(sv->v[sv->n] = strdup(s)))
        return -1;
    sv->n++;
    return 0;
}

static void strvec_free(strvec *sv)
{
    for (size_t i = 0; i < sv->n; i++)
        free(sv->v[i]);
    free(sv->v);
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static void usage(FILE *fp)
{
    fputs(
        "用法：archeck [选项] [路径...]\n"
        "检查法治政府建设年度报告的结构完整性，输出 CSV 审计表。\n"
        "\n"
        "路径可以是文件，或目录（递归查找 *.txt 和 *.md）；不给路径时检查 "
        "samples/。\n"
        "\n"
        "选项：\n"
        "  -r, --rules FILE    规则集（默认 rules/" DEFAULT_RULES
        "，源码树或安装目录中）\n"
        "  -o, --output FILE   CSV 审计表（默认 " DEFAULT_OUTPUT
        "；- 表示标准输出，\n"
        "                      此时逐条结果改写到标准错误）\n"
        "  -q, --quiet         不列出逐条结果和汇总\n"
        "      --published DATE  发布日期（YYYY-MM-DD），代替从文中识别的日期\n"
        "      --test-rules FILE  运行规则集中每条规则的示例（examples）后退出\n"
        "  -h, --help          显示本帮助\n"
        "      --version       显示版本\n"
        "\n"
        "退出状态：0 没有 error 级问题；1 至少一个 error 级问题"
        "（--test-rules：有示例未通过）；\n"
        "          2 用法错误、规则文件无法读取或无效、输入文件无法读取"
        "（其余文件照常检查）。\n",
        fp);
}

/* Reports are *.txt and *.md; a folder's README describes the folder and
 * is not a report. */
static int is_report_name(const char *name)
{
    const char *dot = strrchr(name, '.');
    if (!dot || (strcmp(dot, ".txt") != 0 && strcmp(dot, ".md") != 0))
        return 0;
    return strncasecmp(name, "readme.", 7) != 0;
}

/* Collects report files under dir (recursively, hidden entries skipped). */
static int walk(const char *dir, strvec *out)
{
    DIR *d = opendir(dir);
    if (!d)
        return -1;
    struct dirent *e;
    int rc = 0;
    while (!rc && (e = readdir(d))) {
        if (e->d_name[0] == '.')
            continue;
        size_t n = strlen(dir) + strlen(e->d_name) + 2;
        char *p = malloc(n);
        if (!p) {
            rc = -1;
            break;
        }
        snprintf(p, n, "%s%s%s", dir,
                 dir[strlen(dir) - 1] == '/' ? "" : "/", e->d_name);
        struct stat st;
        if (stat(p, &st) == 0) {
            if (S_ISDIR(st.st_mode))
                rc = walk(p, out) < 0 ? -1 : 0;
            else if (S_ISREG(st.st_mode) && is_report_name(e->d_name))
                rc = strvec_push(out, p);
        }
        free(p);
    }
    closedir(d);
    return rc;
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

static void print_error(const arc_error *e);

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
    const char *file = ud;
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

/* An input that cannot be read or decoded is reported as a finding too, so
 * the audit shows every file that was submitted. */
static int add_unreadable(arc_findings *f, const char *path,
                          const arc_error *e)
{
    arc_finding fi = {0};
    fi.path = path;
    fi.line = e->line;
    fi.column = e->column;
    fi.severity = ARC_SEV_ERROR;
    fi.rule = "input.unreadable";
    fi.section = "";
    fi.message = e->message;
    fi.evidence = "";
    return arc_findings_add(f, &fi);
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

int main(int argc, char **argv)
{
    static const struct option longopts[] = {
        {"rules", required_argument, NULL, 'r'},
        {"output", required_argument, NULL, 'o'},
        {"quiet", no_argument, NULL, 'q'},
        {"help", no_argument, NULL, 'h'},
        {"version", no_argument, NULL, 'V'},
        {"published", required_argument, NULL, 'P'},
        {"test-rules", required_argument, NULL, 'T'},
        {NULL, 0, NULL, 0},
    };
    const char *rules_path = NULL, *output = DEFAULT_OUTPUT;
    int quiet = 0, c, py = 0, pm = 0, pd = 0;
    opterr = 0;
    while ((c = getopt_long(argc, argv, ":r:o:qh", longopts, NULL)) != -1) {
        switch (c) {
        case 'r':
            rules_path = optarg;
            break;
        case 'o':
            output = optarg;
            break;
        case 'q':
            quiet = 1;
            break;
        case 'h':
            usage(stdout);
            return ARC_EXIT_OK;
        case 'V':
            printf("archeck %s\n", ARC_VERSION);
            return ARC_EXIT_OK;
        case 'P':
            if (parse_date(optarg, &py, &pm, &pd)) {
                fprintf(stderr, "archeck: --published 应为有效日期 "
                                "YYYY-MM-DD，而不是“%s”\n", optarg);
                return ARC_EXIT_USAGE;
            }
            break;
        case 'T':
            return test_rules(optarg);
        case ':':
            fprintf(stderr, "archeck: 选项 %s 需要一个参数\n",
                    argv[optind - 1]);
            fputs("用 archeck --help 查看用法。\n", stderr);
            return ARC_EXIT_USAGE;
        default:
            fprintf(stderr, "archeck: 未知选项 %s\n", argv[optind - 1]);
            fputs("用 archeck --help 查看用法。\n", stderr);
            return ARC_EXIT_USAGE;
        }
    }

    int status = ARC_EXIT_OK;
    arc_error err = {0};
    arc_ruleset *rs = NULL;
    arc_findings *findings = NULL;
    strvec files = {0};
    char *found_rules = NULL;

    if (!rules_path) {
        if (!(found_rules = default_rules())) {
            fprintf(stderr, "archeck: 找不到默认规则集 %s；请用 -r 指定\n",
                    DEFAULT_RULES);
            return ARC_EXIT_USAGE;
        }
        rules_path = found_rules;
    }
    if (arc_ruleset_load(&rs, rules_path, &err)) {
        print_error(&err);
        free(found_rules);
        return ARC_EXIT_USAGE;
    }
    if (arc_findings_new(&findings))
        goto nomem;

    /* Inputs: explicit paths, or the samples folder. */
    char *default_input[] = {DEFAULT_INPUT};
    char **inputs = optind < argc ? argv + optind : default_input;
    int ninputs = optind < argc ? argc - optind : 1;
    for (int i = 0; i < ninputs; i++) {
        struct stat st;
        if (stat(inputs[i], &st) == 0 && S_ISDIR(st.st_mode)) {
            if (walk(inputs[i], &files) < 0) {
                fprintf(stderr, "%s: error: 无法读取目录：%s\n", inputs[i],
                        strerror(errno));
                status = ARC_EXIT_USAGE;
            }
        } else if (strvec_push(&files, inputs[i])) {
            goto nomem;
        }
    }
    qsort(files.v, files.n, sizeof *files.v, cmp_str);

    size_t checked = 0;
    for (size_t i = 0; i < files.n; i++) {
        arc_doc *doc = NULL;
        if (arc_doc_load(&doc, files.v[i], rs, &err)) {
            print_error(&err);
            status = ARC_EXIT_USAGE;
            if (add_unreadable(findings, files.v[i], &err))
                goto nomem;
            continue;
        }
        if (py)
            arc_doc_set_published(doc, py, pm, pd);
        int rc = arc_check(rs, doc, findings, &err);
        arc_doc_free(doc);
        if (rc) {
            print_error(&err);
            goto fail;
        }
        checked++;
    }
    arc_findings_sort(findings);

    if (!quiet) {
        arc_writer *w;
        FILE *listing = strcmp(output, "-") == 0 ? stderr : stdout;
        if (arc_writer_open(&w, "text", "-", listing, &err) ||
            arc_writer_write(w, findings, &err) ||
            arc_writer_close(w, &err)) {
            print_error(&err);
            goto fail;
        }
    }

    arc_writer *csv;
    if (strcmp(output, DEFAULT_OUTPUT) == 0)
        ensure_parent_dir(output);
    if (arc_writer_open(&csv, "csv", output, stdout, &err)) {
        print_error(&err);
        goto fail;
    }
    if (arc_writer_write(csv, findings, &err)) {
        print_error(&err);
        arc_writer_abort(csv);
        goto fail;
    }
    if (arc_writer_close(csv, &err)) {
        print_error(&err);
        goto fail;
    }

    size_t ne = arc_findings_count_severity(findings, ARC_SEV_ERROR);
    size_t nw = arc_findings_count_severity(findings, ARC_SEV_WARNING);
    size_t ni = arc_findings_count_severity(findings, ARC_SEV_INFO);
    if (!quiet)
        fprintf(stderr,
                "已检查 %zu 个文件：%zu 个错误，%zu 个警告，%zu 个提示%s%s\n",
                checked, ne, nw, ni,
                strcmp(output, "-") ? "；审计表已写入 " : "",
                strcmp(output, "-") ? output : "");
    if (status == ARC_EXIT_OK && ne > 0)
        status = ARC_EXIT_FINDINGS;
    goto done;

nomem:
    fputs("archeck: error: 内存不足\n", stderr);
fail:
    status = ARC_EXIT_USAGE;
done:
    strvec_free(&files);
    arc_findings_free(findings);
    arc_ruleset_free(rs);
    free(found_rules);
    return status;
}
