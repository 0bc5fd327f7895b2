/* desk.c - what the drafter's desk needs from the command line: annotated
 * copies (--annotate DIR) and what a rule is about (--explain RULE). */
#define _XOPEN_SOURCE 700
#include "cli.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

/* ----------------------------------------------------------- annotate */

/* mkdir -p dir. */
static int make_dirs(const char *dir)
{
    char *p = strdup(dir);
    if (!p)
        return -1;
    int rc = 0;
    for (char *s = p + 1;; s++) {
        if (*s != '/' && *s != '\0')
            continue;
        char c = *s;
        *s = '\0';
        struct stat st;
        if (stat(p, &st) != 0 && mkdir(p, 0777) != 0 && errno != EEXIST)
            rc = -1;
        *s = c;
        if (!c || rc)
            break;
    }
    struct stat st;
    if (!rc && (stat(dir, &st) != 0 || !S_ISDIR(st.st_mode))) {
        errno = ENOTDIR;
        rc = -1;
    }
    free(p);
    return rc;
}

typedef struct {
    dev_t dev;
    ino_t ino;
} file_id;

/* The extension an annotated copy keeps: a macro-enabled document or a
 * template must keep its own, or Word refuses to open it. */
static const char *copy_extension(const char *format, const char *ext)
{
    static const char *const keep[] = {".docm", ".dotx", ".dotm", NULL};
    if (strcmp(format, "docx") == 0 && ext)
        for (const char *const *k = keep; *k; k++)
            if (strcasecmp(ext, *k) == 0)
                return *k;
    return ".docx";
}

/* DIR/NAME.docx for input `path`: the base name without its extension;
 * "-2", "-3" … when an earlier input of the batch took the name or the
 * file there is one of the inputs.  Returns a malloc'd path. */
static char *copy_path(const char *dir, const char *path, const char *format,
                       const strvec *taken, const file_id *inputs,
                       size_t ninputs)
{
    const char *base = strrchr(path, '/');
    base = base ? base + 1 : path;
    const char *dot = strrchr(base, '.');
    if (dot == base)
        dot = NULL;
    size_t stem = dot ? (size_t)(dot - base) : strlen(base);
    const char *ext = copy_extension(format, dot);
    size_t size = strlen(dir) + stem + strlen(ext) + 32;
    char *out = malloc(size);
    if (!out)
        return NULL;
    for (int k = 1;; k++) {
        if (k == 1)
            snprintf(out, size, "%s/%.*s%s", dir, (int)stem, base, ext);
        else
            snprintf(out, size, "%s/%.*s-%d%s", dir, (int)stem, base, k,
                     ext);
        int clash = 0;
        for (size_t i = 0; i < taken->n && !clash; i++)
            clash = strcmp(taken->v[i], out) == 0;
        struct stat st;
        if (!clash && stat(out, &st) == 0)
            for (size_t i = 0; i < ninputs && !clash; i++)
                clash = inputs[i].dev == st.st_dev &&
                        inputs[i].ino == st.st_ino;
        if (!clash)
            return out;
    }
}

int annotate_results(const char *dir, arc_result *const *results, size_t n,
                     char *const *inputs, size_t ninputs, int quiet,
                     size_t *written)
{
    *written = 0;
    if (make_dirs(dir) != 0) {
        fprintf(stderr, "%s: error: 无法创建批注副本目录：%s\n", dir,
                strerror(errno));
        return ARC_EXIT_USAGE;
    }
    file_id *ids = calloc(ninputs ? ninputs : 1, sizeof *ids);
    strvec taken = {0};
    if (!ids) {
        fputs("archeck: error: 内存不足\n", stderr);
        return ARC_EXIT_USAGE;
    }
    for (size_t i = 0; i < ninputs; i++) {
        struct stat st;
        if (stat(inputs[i], &st) == 0)
            ids[i] = (file_id){st.st_dev, st.st_ino};
    }
    int status = ARC_EXIT_OK;
    for (size_t i = 0; i < n; i++) {
        const arc_result *r = results[i];
        if (arc_result_status_of(r) != ARC_RESULT_CHECKED)
            continue; /* its unreadable finding says why */
        const char *path = arc_result_path(r);
        char *out = copy_path(dir, path, arc_result_format(r), &taken, ids,
                              ninputs);
        if (!out || strvec_push(&taken, out)) {
            free(out);
            fputs("archeck: error: 内存不足\n", stderr);
            status = ARC_EXIT_USAGE;
            break;
        }
        arc_error err = {0};
        if (arc_annotate(r, path, out, &err)) {
            fprintf(stderr, "%s: error: %s\n", err.file[0] ? err.file : path,
                    err.message);
            status = ARC_EXIT_USAGE;
        } else {
            ++*written;
            if (!quiet)
                fprintf(stderr, "批注副本：%s → %s（%zu 条批注）\n", path, out,
                        arc_findings_count(arc_result_findings(r)));
        }
        free(out);
    }
    strvec_free(&taken);
    free(ids);
    return status;
}

/* ------------------------------------------------------------ explain */

static size_t edit_distance(const char *a, const char *b)
{
    size_t la = strlen(a), lb = strlen(b);
    size_t *row = malloc((lb + 1) * sizeof *row);
    if (!row)
        return (size_t)-1;
    for (size_t j = 0; j <= lb; j++)
        row[j] = j;
    for (size_t i = 1; i <= la; i++) {
        size_t diag = row[0];
        row[0] = i;
        for (size_t j = 1; j <= lb; j++) {
            size_t up = row[j];
            size_t best = diag + (a[i - 1] != b[j - 1]);
            if (up + 1 < best)
                best = up + 1;
            if (row[j - 1] + 1 < best)
                best = row[j - 1] + 1;
            row[j] = best;
            diag = up;
        }
    }
    size_t d = row[lb];
    free(row);
    return d;
}

static const char *severity_cn(arc_severity s)
{
    return s == ARC_SEV_ERROR ? "错误" : s == ARC_SEV_WARNING ? "警告" : "提示";
}

static void print_indented(const char *s, const char *indent)
{
    while (*s) {
        const char *nl = strchr(s, '\n');
        size_t n = nl ? (size_t)(nl - s) : strlen(s);
        printf("%s%.*s\n", indent, (int)n, s);
        s += n + (nl != NULL);
    }
}

static long find_rule(const arc_ruleset *rs, const char *id)
{
    for (size_t i = 0; i < arc_ruleset_rule_count(rs); i++)
        if (strcmp(arc_ruleset_rule_id(rs, i), id) == 0)
            return (long)i;
    return -1;
}

int explain_rule(const arc_ruleset *rs, const arc_ruleset *configured,
                 const char *config_path, const char *rules_path,
                 const char *id)
{
    long i = find_rule(rs, id);
    if (i < 0) {
        fprintf(stderr, "archeck: 规则集 %s 中没有规则“%s”", rules_path, id);
        int any = 0;
        size_t n = arc_ruleset_rule_count(rs);
        for (size_t k = 0; k < n; k++) {
            const char *other = arc_ruleset_rule_id(rs, k);
            size_t d = edit_distance(id, other), l = strlen(other);
            if (d <= (l / 3 > 2 ? l / 3 : 2) || strstr(other, id) ||
                (strlen(id) >= 3 && strncmp(other, id, strlen(id)) == 0)) {
                fprintf(stderr, "%s%s", any ? "、" : "。相近的规则：", other);
                any = 1;
            }
        }
        if (!any) {
            fputs("。规则集中的规则：", stderr);
            for (size_t k = 0; k < n; k++)
                fprintf(stderr, "%s%s", k ? "、" : "",
                        arc_ruleset_rule_id(rs, k));
        }
        fputs("\n", stderr);
        return ARC_EXIT_USAGE;
    }
    size_t r = (size_t)i;
    arc_severity sev = arc_ruleset_rule_severity(rs, r);
    printf("%s\n", id);
    printf("  说明：%s\n", arc_ruleset_rule_description(rs, r));
    printf("  种类：%s\n", arc_ruleset_rule_kind(rs, r));
    printf("  级别：%s（%s）%s\n", arc_severity_name(sev), severity_cn(sev),
           arc_ruleset_rule_enabled(rs, r) ? "" : "，规则集中默认关闭");
    const char *basis = arc_ruleset_rule_basis(rs, r);
    printf("  依据：%s\n", basis[0] ? basis : "（无法定依据：数据和格式上的一致性检查）");
    printf("  提示文字：%s\n", arc_ruleset_rule_message(rs, r));
    size_t ne = arc_ruleset_rule_example_count(rs, r);
    for (int want = 1; want >= 0; want--) {
        int shown = 0;
        for (size_t k = 0; k < ne; k++) {
            int bad;
            const char *ex = arc_ruleset_rule_example(rs, r, k, &bad);
            if (!ex || bad != want)
                continue;
            if (!shown)
                printf("  %s\n", want ? "会触发本规则的写法（bad）："
                                      : "不会触发的写法（good）：");
            printf("    ——\n");
            print_indented(ex, "    ");
            shown = 1;
        }
    }
    printf("  关闭或调整（写在 .archeck.yaml 中，按需取用）：\n"
           "    # 关闭本规则\n"
           "    disable: [%s]\n"
           "    # 改变级别：error、warning 或 info\n"
           "    severity:\n"
           "      %s: %s\n"
           "    # 只对部分文件不检查\n"
           "    ignore:\n"
           "      - {path: \"草稿/*\", rule: %s}\n",
           id, id, sev == ARC_SEV_ERROR ? "warning" : "error", id);
    if (configured && config_path) {
        long c = find_rule(configured, id);
        if (c >= 0 && !arc_ruleset_rule_enabled(configured, (size_t)c))
            printf("  当前配置 %s：已关闭本规则\n", config_path);
        else if (c >= 0 &&
                 arc_ruleset_rule_severity(configured, (size_t)c) != sev)
            printf("  当前配置 %s：级别改为 %s\n", config_path,
                   arc_severity_name(
                       arc_ruleset_rule_severity(configured, (size_t)c)));
        else
            printf("  当前配置 %s：未改动本规则\n", config_path);
    }
    if (fflush(stdout) != 0 || ferror(stdout)) {
        fprintf(stderr, "archeck: error: 无法写入标准输出：%s\n",
                strerror(errno));
        return ARC_EXIT_USAGE;
    }
    return ARC_EXIT_OK;
}
