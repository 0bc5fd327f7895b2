/* check_config.c - .archeck.yaml (config.c): loading, paths relative to the
 * config, fail_on, errors with file:line:col, arc_config_apply on a rule
 * set, per-file ignores and arc_config_find. */
#define _XOPEN_SOURCE 700 /* realpath */
#include "testutil.h"
#include "rules.h"

#include <dirent.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* ------------------------------------------------------------ helpers */


static void mkdirs(const arc_test_dir *t, const char *rel)
{
    char p[PATH_MAX];
    snprintf(p, sizeof p, "%s/%s/", t->dir, rel);
    for (char *q = p + strlen(t->dir) + 1; (q = strchr(q, '/')); q++) {
        *q = '\0';
        mkdir(p, 0777);
        *q = '/';
    }
}


/* Loads a config that must load. */
static arc_config *load_ok(const char *path)
{
    arc_config *c = NULL;
    arc_error err = {0};
    int rc = arc_config_load(&c, path, &err);
    ck_assert_msg(rc == 0, "config failed: %s:%d:%d: %s", err.file, err.line,
                  err.column, err.message);
    ck_assert_ptr_nonnull(c);
    return c;
}

/* Loads a config that must fail; checks the error's position. */
static void load_fails(const char *path, int line, int column,
                       const char *message)
{
    arc_config *c = (arc_config *)&c;
    arc_error err = {0};
    int rc = arc_config_load(&c, path, &err);
    if (rc == 0) {
        arc_config_free(c); /* so that a failing test leaks nothing */
        c = NULL;
    }
    ck_assert_msg(rc == ARC_EPARSE, "%s: expected EPARSE, got %d", path, rc);
    ck_assert_ptr_null(c);
    ck_assert_int_eq(err.code, ARC_EPARSE);
    ck_assert_str_eq(err.file, path);
    ck_assert_int_eq(err.line, line);
    ck_assert_int_eq(err.column, column);
    if (message)
        ck_assert_str_eq(err.message, message);
}

/* A small rule set: two patterns and the deadline rule. */
#define RULES                                                                  \
    "version: 1\n"                                                             \
    "document:\n"                                                              \
    "  title_end: '报告$'\n"                                                   \
    "  published_label: '发布日期\\s*:?'\n"                                    \
    "rules:\n"                                                                 \
    "  - id: r.placeholder\n"                                                  \
    "    kind: pattern\n"                                                      \
    "    severity: warning\n"                                                  \
    "    message: '占位{evidence}'\n"                                          \
    "    patterns: ['XX']\n"                                                   \
    "  - id: r.other\n"                                                        \
    "    kind: pattern\n"                                                      \
    "    severity: warning\n"                                                  \
    "    message: '某某'\n"                                                    \
    "    patterns: ['某某']\n"                                                 \
    "  - id: deadline.late\n"                                                  \
    "    kind: deadline\n"                                                     \
    "    check: late\n"                                                        \
    "    severity: error\n"                                                    \
    "    message: '{published}晚于{due}'\n"

/* Published 2026-03-15 for report year 2025: in time for the default
 * deadline (before 2026-04-01). */
#define REPORT                                                                 \
    "青禾区2025年度法治政府建设情况报告\n"                                     \
    "发布日期:2026-03-15\n"                                                    \
    "全区XX个部门某某。\n"

static int rule_index(const arc_ruleset *rs, const char *id)
{
    for (size_t i = 0; i < arc_ruleset_rule_count(rs); i++)
        if (strcmp(arc_ruleset_rule_id(rs, i), id) == 0)
            return (int)i;
    ck_abort_msg("no rule %s", id);
    return -1;
}

/* ------------------------------------------------------------ loading */

START_TEST(test_load_valid)
{
    arc_test_dir t;
    arc_test_dir_make(&t, "arc-config");
    const char *path = arc_test_put(&t, "proj/.archeck.yaml",
                           "# 青禾区司法局的检查配置\n"
                           "rules: rules/province.yaml\n"
                           "disable: [r.placeholder]\n"
                           "severity:\n"
                           "  r.other: error\n"
                           "ignore:\n"
                           "  - {path: \"drafts/*\", rule: r.placeholder}\n"
                           "  - path: \"old/2019*.txt\"\n"
                           "deadline: {due: \"03-01\", year_offset: 1}\n"
                           "output: out/audit.csv\n"
                           "summary: ../shared/summary.csv\n"
                           "fail_on: warning\n");
    char want[PATH_MAX];
    arc_config *c = load_ok(path);
    ck_assert_str_eq(arc_config_path(c), path);
    snprintf(want, sizeof want, "%s/proj/rules/province.yaml", t.dir);
    ck_assert_str_eq(arc_config_rules(c), want);
    snprintf(want, sizeof want, "%s/proj/out/audit.csv", t.dir);
    ck_assert_str_eq(arc_config_output(c), want);
    snprintf(want, sizeof want, "%s/proj/../shared/summary.csv", t.dir);
    ck_assert_str_eq(arc_config_summary(c), want);
    ck_assert_int_eq(arc_config_fail_on(c), ARC_SEV_WARNING);
    arc_config_free(c);
    arc_config_free(NULL);
    arc_test_remove_tree(t.dir);
}
END_TEST

START_TEST(test_load_absolute_paths_kept)
{
    arc_test_dir t;
    arc_test_dir_make(&t, "arc-config");
    const char *path = arc_test_put(&t, "a/.archeck.yaml",
                           "rules: /srv/规则/省级.yaml\n"
                           "output: /var/tmp/audit.csv\n");
    arc_config *c = load_ok(path);
    ck_assert_str_eq(arc_config_rules(c), "/srv/规则/省级.yaml");
    ck_assert_str_eq(arc_config_output(c), "/var/tmp/audit.csv");
    ck_assert_ptr_null(arc_config_summary(c));
    arc_config_free(c);
    arc_test_remove_tree(t.dir);
}
END_TEST

START_TEST(test_load_relative_config_path)
{
    arc_test_dir t;
    arc_test_dir_make(&t, "arc-config");
    arc_test_put(&t, "sub/.archeck.yaml", "rules: r/x.yaml\nsummary: s.csv\n");
    char old[PATH_MAX];
    ck_assert_ptr_nonnull(getcwd(old, sizeof old));
    ck_assert_int_eq(chdir(t.dir), 0);
    /* Named from its parent: paths are prefixed with its directory. */
    arc_config *c = load_ok("sub/.archeck.yaml");
    ck_assert_str_eq(arc_config_rules(c), "sub/r/x.yaml");
    ck_assert_str_eq(arc_config_summary(c), "sub/s.csv");
    arc_config_free(c);
    /* In the working directory: paths stay as written. */
    ck_assert_int_eq(chdir("sub"), 0);
    c = load_ok(".archeck.yaml");
    ck_assert_str_eq(arc_config_path(c), ".archeck.yaml");
    ck_assert_str_eq(arc_config_rules(c), "r/x.yaml");
    ck_assert_str_eq(arc_config_summary(c), "s.csv");
    arc_config_free(c);
    ck_assert_int_eq(chdir(old), 0);
    arc_test_remove_tree(t.dir);
}
END_TEST

START_TEST(test_load_unset_values)
{
    arc_test_dir t;
    arc_test_dir_make(&t, "arc-config");
    arc_config *c = load_ok(arc_test_put(&t, "c.yaml", "disable: [r.other]\n"));
    ck_assert_ptr_null(arc_config_rules(c));
    ck_assert_ptr_null(arc_config_output(c));
    ck_assert_ptr_null(arc_config_summary(c));
    ck_assert_int_eq(arc_config_fail_on(c), -1);
    /* No ignore entries: nothing is ignored. */
    ck_assert_int_eq(arc_config_ignored(c, "a.txt", "r.other"), 0);
    arc_config_free(c);
    arc_test_remove_tree(t.dir);
}
END_TEST

START_TEST(test_fail_on_values)
{
    static const struct {
        const char *text;
        int want;
    } cases[] = {{"fail_on: error\n", ARC_SEV_ERROR},
                 {"fail_on: warning\n", ARC_SEV_WARNING},
                 {"fail_on: info\n", ARC_SEV_INFO},
                 {"fail_on: none\n", 3},
                 {"fail_on: \"none\"\n", 3}};
    arc_test_dir t;
    arc_test_dir_make(&t, "arc-config");
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        arc_config *c = load_ok(arc_test_put(&t, "c.yaml", cases[i].text));
        ck_assert_msg(arc_config_fail_on(c) == cases[i].want, "%s -> %d",
                      cases[i].text, arc_config_fail_on(c));
        arc_config_free(c);
    }
    arc_test_remove_tree(t.dir);
}
END_TEST

START_TEST(test_bad_fail_on)
{
    arc_test_dir t;
    arc_test_dir_make(&t, "arc-config");
    static const char *const bad[] = {"fatal", "Error", "NONE", "\"\"", "3"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        char text[64];
        snprintf(text, sizeof text, "rules: a.yaml\nfail_on: %s\n", bad[i]);
        load_fails(arc_test_put(&t, "c.yaml", text), 2, 10,
                   "fail_on 应为 error、warning、info 或 none");
    }
    arc_test_remove_tree(t.dir);
}
END_TEST

START_TEST(test_unknown_key)
{
    arc_test_dir t;
    arc_test_dir_make(&t, "arc-config");
    load_fails(arc_test_put(&t, "c.yaml", "rules: a.yaml\n"
                                 "output: b.csv\n"
                                 "fial_on: error\n"),
               3, 1,
               "未知的键“fial_on”（可用：rules, disable, severity, ignore, "
               "deadline, output, summary, fail_on, time_limit, profile）");
    /* Inside an ignore entry: the entry's keys are listed. */
    load_fails(arc_test_put(&t, "c.yaml", "ignore:\n"
                                 "  - {path: \"a\", rules: r.other}\n"),
               2, 17, "未知的键“rules”（可用：path, rule）");
    load_fails(arc_test_put(&t, "c.yaml", "ignore:\n"
                                 "  - path: \"drafts/*\"\n"
                                 "    glob: x\n"),
               3, 5, "未知的键“glob”（可用：path, rule）");
    arc_test_remove_tree(t.dir);
}
END_TEST

START_TEST(test_wrong_types)
{
    arc_test_dir t;
    arc_test_dir_make(&t, "arc-config");
    load_fails(arc_test_put(&t, "c.yaml", "rules: [a.yaml, b.yaml]\n"), 1, 8,
               "“rules”应为字符串");
    load_fails(arc_test_put(&t, "c.yaml", "rules: a.yaml\noutput: {x: y}\n"), 2, 9,
               "“output”应为字符串");
    load_fails(arc_test_put(&t, "c.yaml", "summary: [s.csv]\n"), 1, 10,
               "“summary”应为字符串");
    load_fails(arc_test_put(&t, "c.yaml", "fail_on: [error]\n"), 1, 10,
               "“fail_on”应为字符串");
    load_fails(arc_test_put(&t, "c.yaml", "ignore: {path: a}\n"), 1, 9,
               "ignore 应为列表：- {path: 通配符, rule: 规则 id}");
    load_fails(arc_test_put(&t, "c.yaml", "ignore:\n  - drafts/*\n"), 2, 5,
               "应为映射（键: 值）");
    load_fails(arc_test_put(&t, "c.yaml", "ignore:\n  - {rule: r.other}\n"), 2, 5,
               "缺少必需的键“path”");
    load_fails(arc_test_put(&t, "c.yaml", "ignore:\n  - {path: [a, b]}\n"), 2, 12,
               "“path”应为字符串");
    /* The document itself must be a mapping. */
    load_fails(arc_test_put(&t, "c.yaml", "- rules\n- output\n"), 1, 1,
               "应为映射（键: 值）");
    arc_test_remove_tree(t.dir);
}
END_TEST

/* Regression (was a bug): archeck.h says arc_config_load rejects unknown keys and wrong types
 * with file:line:col, but `disable`, `severity` and `deadline` are only
 * looked at by arc_config_apply (config.c): these files load.  Fix:
 * check their shapes and keys in arc_config_load (the rule ids can only be
 * checked by apply). */
START_TEST(test_wrong_types_found_at_load)
{
    static const struct {
        const char *text;
        int column;
        const char *message;
    } cases[] = {
        {"deadline: {due: \"03-01\", offset: 1}\n", 26,
         "未知的键“offset”（可用：due, year_offset）"},
        {"severity: [r.other]\n", 11, "severity 应为映射：规则 id: 级别"},
        {"disable: {r.other: true}\n", 10, "“disable”应为字符串列表"},
    };
    enum { N = sizeof cases / sizeof cases[0] };
    int rc[N];
    arc_error err[N];
    arc_test_dir t;
    arc_test_dir_make(&t, "arc-config");
    for (size_t i = 0; i < N; i++) {
        arc_config *c = NULL;
        memset(&err[i], 0, sizeof err[i]);
        rc[i] = arc_config_load(&c, arc_test_put(&t, "c.yaml", cases[i].text), &err[i]);
        arc_config_free(c);
    }
    arc_test_remove_tree(t.dir); /* before asserting: a failure leaves nothing */
    for (size_t i = 0; i < N; i++) {
        ck_assert_msg(rc[i] == ARC_EPARSE, "%s loaded (rc %d)", cases[i].text,
                      rc[i]);
        ck_assert_int_eq(err[i].line, 1);
        ck_assert_int_eq(err[i].column, cases[i].column);
        ck_assert_str_eq(err[i].message, cases[i].message);
    }
}
END_TEST

START_TEST(test_load_io_and_syntax_errors)
{
    arc_test_dir t;
    arc_test_dir_make(&t, "arc-config");
    arc_config *c = (arc_config *)&c;
    arc_error err = {0};
    char missing[128];
    snprintf(missing, sizeof missing, "%s/none.yaml", t.dir);
    ck_assert_int_eq(arc_config_load(&c, missing, &err), ARC_EIO);
    ck_assert_ptr_null(c);
    ck_assert_str_eq(err.file, missing);
    ck_assert_str_eq(err.message, "无法读取文件：文件不存在");
    /* A directory is not a config. */
    c = (arc_config *)&c;
    ck_assert_int_eq(arc_config_load(&c, t.dir, &err), ARC_EIO);
    ck_assert_ptr_null(c);
    /* YAML syntax error: the position of the problem. */
    const char *p = arc_test_put(&t, "c.yaml", "rules: a.yaml\nfail_on: [error\n");
    c = (arc_config *)&c;
    ck_assert_int_eq(arc_config_load(&c, p, &err), ARC_EPARSE);
    ck_assert_ptr_null(c);
    ck_assert_str_eq(err.file, p);
    ck_assert_int_eq(err.line, 3);
    ck_assert_ptr_nonnull(strstr(err.message, "YAML 语法错误"));
    /* A NULL err is allowed. */
    c = (arc_config *)&c;
    ck_assert_int_eq(arc_config_load(&c, missing, NULL), ARC_EIO);
    ck_assert_ptr_null(c);
    arc_test_remove_tree(t.dir);
}
END_TEST

/* ------------------------------------------------------------ apply */

static arc_findings *check_text(const arc_ruleset *rs, const char *text)
{
    return arc_test_check(rs, text);
}

START_TEST(test_apply_disable_and_severity)
{
    arc_test_dir t;
    arc_test_dir_make(&t, "arc-config");
    arc_config *c = load_ok(arc_test_put(&t, "c.yaml", "disable: [r.placeholder]\n"
                                              "severity:\n"
                                              "  r.other: error\n"
                                              "  deadline.late: info\n"));
    arc_ruleset *rs = arc_test_rules(RULES);
    int ph = rule_index(rs, "r.placeholder"), other = rule_index(rs, "r.other"),
        late = rule_index(rs, "deadline.late");
    ck_assert_int_eq(arc_ruleset_rule_enabled(rs, (size_t)ph), 1);
    arc_error err = {0};
    ck_assert_int_eq(arc_config_apply(c, rs, &err), 0);
    ck_assert_int_eq(arc_ruleset_rule_enabled(rs, (size_t)ph), 0);
    ck_assert_int_eq(arc_ruleset_rule_enabled(rs, (size_t)other), 1);
    ck_assert_int_eq(arc_ruleset_rule_severity(rs, (size_t)other),
                     ARC_SEV_ERROR);
    ck_assert_int_eq(arc_ruleset_rule_severity(rs, (size_t)late),
                     ARC_SEV_INFO);
    /* The placeholder severity is untouched, only disabled. */
    ck_assert_int_eq(arc_ruleset_rule_severity(rs, (size_t)ph),
                     ARC_SEV_WARNING);
    /* A check sees the changes. */
    arc_findings *f = check_text(rs, REPORT);
    ck_assert_uint_eq(arc_findings_count(f), 1);
    ck_assert_str_eq(arc_findings_get(f, 0)->rule, "r.other");
    ck_assert_int_eq(arc_findings_get(f, 0)->severity, ARC_SEV_ERROR);
    arc_findings_free(f);
    arc_ruleset_free(rs);
    arc_config_free(c);
    arc_test_remove_tree(t.dir);
}
END_TEST

START_TEST(test_apply_single_scalar_disable)
{
    arc_test_dir t;
    arc_test_dir_make(&t, "arc-config");
    arc_config *c = load_ok(arc_test_put(&t, "c.yaml", "disable: r.other\n"));
    arc_ruleset *rs = arc_test_rules(RULES);
    arc_error err = {0};
    ck_assert_int_eq(arc_config_apply(c, rs, &err), 0);
    ck_assert_int_eq(
        arc_ruleset_rule_enabled(rs, (size_t)rule_index(rs, "r.other")), 0);
    ck_assert_int_eq(
        arc_ruleset_rule_enabled(rs, (size_t)rule_index(rs, "r.placeholder")),
        1);
    arc_ruleset_free(rs);
    arc_config_free(c);
    arc_test_remove_tree(t.dir);
}
END_TEST

START_TEST(test_apply_deadline_override)
{
    arc_test_dir t;
    arc_test_dir_make(&t, "arc-config");
    arc_ruleset *rs = arc_test_rules(RULES);
    /* Before: in time. */
    arc_findings *f = check_text(rs, REPORT);
    ck_assert_uint_eq(arc_test_count(f, "deadline.late"), 0);
    arc_findings_free(f);

    arc_config *c = load_ok(arc_test_put(&t, "c.yaml", "deadline: {due: \"03-01\"}\n"));
    arc_error err = {0};
    ck_assert_int_eq(arc_config_apply(c, rs, &err), 0);
    /* year_offset kept from the rule set (1). */
    ck_assert_int_eq(rs->deadline.month, 3);
    ck_assert_int_eq(rs->deadline.day, 1);
    ck_assert_int_eq(rs->deadline.year_offset, 1);
    f = check_text(rs, REPORT);
    ck_assert_uint_eq(arc_test_count(f, "deadline.late"), 1);
    ck_assert_str_eq(arc_test_find(f, "deadline.late")->message,
                     "2026-03-15晚于2026-03-01");
    arc_findings_free(f);
    arc_config_free(c);

    /* Both keys: due in the report year itself. */
    c = load_ok(arc_test_put(&t, "c.yaml",
                    "deadline:\n  due: \"12-31\"\n  year_offset: 0\n"));
    ck_assert_int_eq(arc_config_apply(c, rs, &err), 0);
    ck_assert_int_eq(rs->deadline.year_offset, 0);
    f = check_text(rs, REPORT);
    ck_assert_str_eq(arc_test_find(f, "deadline.late")->message,
                     "2026-03-15晚于2025-12-31");
    arc_findings_free(f);
    arc_config_free(c);

    /* A later deadline makes it in time again. */
    c = load_ok(arc_test_put(&t, "c.yaml",
                    "deadline: {due: \"06-30\", year_offset: 1}\n"));
    ck_assert_int_eq(arc_config_apply(c, rs, &err), 0);
    f = check_text(rs, REPORT);
    ck_assert_uint_eq(arc_test_count(f, "deadline.late"), 0);
    arc_findings_free(f);
    arc_config_free(c);
    arc_ruleset_free(rs);
    arc_test_remove_tree(t.dir);
}
END_TEST

/* Applies a config that must fail; checks the error's position. */
static void apply_fails(const char *path, int line, int column,
                        const char *message)
{
    arc_config *c = load_ok(path);
    arc_ruleset *rs = arc_test_rules(RULES);
    arc_error err = {0};
    int rc = arc_config_apply(c, rs, &err);
    ck_assert_msg(rc == ARC_EPARSE, "expected EPARSE, got %d", rc);
    ck_assert_int_eq(err.code, ARC_EPARSE);
    ck_assert_str_eq(err.file, path);
    ck_assert_int_eq(err.line, line);
    ck_assert_int_eq(err.column, column);
    ck_assert_str_eq(err.message, message);
    arc_ruleset_free(rs);
    arc_config_free(c);
}

START_TEST(test_apply_unknown_rule_ids)
{
    arc_test_dir t;
    arc_test_dir_make(&t, "arc-config");
    apply_fails(arc_test_put(&t, "c.yaml", "rules: x.yaml\n"
                                  "disable: [r.other, r.nope]\n"),
                2, 20, "规则集中没有 id 为“r.nope”的规则");
    apply_fails(arc_test_put(&t, "c.yaml", "disable:\n"
                                  "  - r.other\n"
                                  "  - 不存在的规则\n"),
                3, 5, "规则集中没有 id 为“不存在的规则”的规则");
    apply_fails(arc_test_put(&t, "c.yaml", "severity:\n"
                                  "  r.other: info\n"
                                  "  r.missing: error\n"),
                3, 3, "规则集中没有 id 为“r.missing”的规则");
    apply_fails(arc_test_put(&t, "c.yaml", "ignore:\n"
                                  "  - {path: \"a/*\"}\n"
                                  "  - {path: \"b/*\", rule: r.gone}\n"),
                3, 25, "规则集中没有 id 为“r.gone”的规则");
    arc_test_remove_tree(t.dir);
}
END_TEST

/* Bad levels and dates are found when the file is loaded, with their
 * position; only rule ids wait for a rule set (apply). */
START_TEST(test_load_bad_values)
{
    arc_test_dir t;
    arc_test_dir_make(&t, "arc-config");
    load_fails(arc_test_put(&t, "c.yaml", "severity:\n  r.other: fatal\n"), 2, 12,
                "级别应为 error、warning 或 info");
    load_fails(arc_test_put(&t, "c.yaml", "severity:\n  r.other: [error]\n"), 2, 12,
                "级别应为 error、warning 或 info");
    load_fails(arc_test_put(&t, "c.yaml", "severity: [r.other]\n"), 1, 11,
                "severity 应为映射：规则 id: 级别");
    load_fails(arc_test_put(&t, "c.yaml", "deadline: {due: \"02-30\"}\n"), 1, 17,
                "due 应为“月-日”，如 04-01");
    load_fails(arc_test_put(&t, "c.yaml", "deadline: {due: \"13-01\"}\n"), 1, 17,
                "due 应为“月-日”，如 04-01");
    load_fails(arc_test_put(&t, "c.yaml", "deadline: {due: \"03-01x\"}\n"), 1, 17,
                "due 应为“月-日”，如 04-01");
    load_fails(arc_test_put(&t, "c.yaml", "deadline: {due: \"03-01\", year_offset: 7}\n"),
                1, 39, "“year_offset”应为 0 到 5 之间的整数");
    /* Changed by the redesign (one deadline parser, arc_load_deadline, for
     * rule sets and configurations): `due` may be left out, like in an
     * extending rule set; the rule set's due is kept. */
    arc_config *c = load_ok(arc_test_put(&t, "c.yaml",
                                         "deadline: {year_offset: 2}\n"));
    arc_ruleset *rs = arc_test_rules(RULES);
    arc_error err = {0};
    ck_assert_int_eq(arc_config_apply(c, rs, &err), 0);
    ck_assert_int_eq(rs->deadline.month, 4);
    ck_assert_int_eq(rs->deadline.day, 1);
    ck_assert_int_eq(rs->deadline.year_offset, 2);
    arc_ruleset_free(rs);
    arc_config_free(c);
    arc_test_remove_tree(t.dir);
}
END_TEST

START_TEST(test_apply_unknown_rule_leaves_deadline)
{
    /* A config that fails to apply (unknown rule) still names the place. */
    arc_test_dir t;
    arc_test_dir_make(&t, "arc-config");
    arc_config *c = load_ok(arc_test_put(&t, "c.yaml", "disable: [no.such.rule]\n"));
    arc_ruleset *rs = arc_test_rules(RULES);
    arc_error err = {0};
    ck_assert_int_eq(arc_config_apply(c, rs, &err), ARC_EPARSE);
    ck_assert_int_eq(err.line, 1);
    ck_assert_int_eq(err.column, 11);
    ck_assert_int_eq(rs->deadline.month, 4);
    ck_assert_int_eq(rs->deadline.day, 1);
    arc_ruleset_free(rs);
    arc_config_free(c);
    arc_test_remove_tree(t.dir);
}
END_TEST

/* ------------------------------------------------------------ ignore */

START_TEST(test_ignored_globs)
{
    arc_test_dir t;
    arc_test_dir_make(&t, "arc-config");
    arc_config *c = load_ok(arc_test_put(&t, "c.yaml",
                                "ignore:\n"
                                "  - {path: \"drafts/*\", rule: r.placeholder}\n"
                                "  - path: \"old/2019*.txt\"\n"
                                "  - {path: \"报告/青禾区?.txt\", rule: r.other}\n"));
    /* With a rule: only that rule. */
    ck_assert_int_eq(arc_config_ignored(c, "drafts/a.txt", "r.placeholder"), 1);
    ck_assert_int_eq(arc_config_ignored(c, "drafts/a.txt", "r.other"), 0);
    ck_assert_int_eq(arc_config_ignored(c, "drafts/a.txt", "r.placeholder.x"),
                     0);
    /* The glob is anchored at both ends. */
    ck_assert_int_eq(arc_config_ignored(c, "x/drafts/a.txt", "r.placeholder"),
                     0);
    ck_assert_int_eq(arc_config_ignored(c, "drafts", "r.placeholder"), 0);
    /* Without a rule: every rule. */
    ck_assert_int_eq(arc_config_ignored(c, "old/2019青禾区.txt", "r.other"), 1);
    ck_assert_int_eq(arc_config_ignored(c, "old/2019.txt", "deadline.late"), 1);
    ck_assert_int_eq(arc_config_ignored(c, "old/2019.txt.bak", "r.other"), 0);
    ck_assert_int_eq(arc_config_ignored(c, "old/2020.txt", "r.other"), 0);
    /* ? is one character (UTF-8 aware in a UTF-8 locale, one byte in C):
     * an ASCII character always matches. */
    ck_assert_int_eq(arc_config_ignored(c, "报告/青禾区1.txt", "r.other"), 1);
    ck_assert_int_eq(arc_config_ignored(c, "报告/青禾区12.txt", "r.other"), 0);
    /* A leading ./ on the path is ignored. */
    ck_assert_int_eq(arc_config_ignored(c, "./drafts/a.txt", "r.placeholder"),
                     1);
    ck_assert_int_eq(arc_config_ignored(c, "./old/2019.txt", "r.other"), 1);
    ck_assert_int_eq(arc_config_ignored(c, "./drafts/a.txt", "r.other"), 0);
    arc_config_free(c);
    arc_test_remove_tree(t.dir);
}
END_TEST

/* Regression (was a bug): a glob written with a leading ./ never matches: arc_config_ignored
 * strips ./ from the path but not from the glob (config.c,
 * arc_config_ignored).  Fix: strip a leading ./ from ig->path in
 * load_ignores too. */
START_TEST(test_ignored_glob_with_dot_slash)
{
    arc_test_dir t;
    arc_test_dir_make(&t, "arc-config");
    arc_config *c = load_ok(arc_test_put(&t, "c.yaml",
                                "ignore:\n"
                                "  - {path: \"./drafts/*\", rule: r.other}\n"));
    int dot = arc_config_ignored(c, "./drafts/a.txt", "r.other");
    int plain = arc_config_ignored(c, "drafts/a.txt", "r.other");
    arc_config_free(c);
    arc_test_remove_tree(t.dir);
    ck_assert_int_eq(dot, 1);
    ck_assert_int_eq(plain, 1);
}
END_TEST

/* ------------------------------------------------------------ find */

START_TEST(test_find_in_parent)
{
    arc_test_dir t;
    arc_test_dir_make(&t, "arc-config");
    char real[PATH_MAX], want[PATH_MAX + 64], start[PATH_MAX];
    ck_assert_ptr_nonnull(realpath(t.dir, real));
    arc_test_put(&t, ".archeck.yaml", "fail_on: none\n");
    mkdirs(&t, "a/b/c");
    snprintf(start, sizeof start, "%s/a/b/c", t.dir);
    snprintf(want, sizeof want, "%s/.archeck.yaml", real);
    char *found = arc_config_find(start);
    ck_assert_ptr_nonnull(found);
    ck_assert_str_eq(found, want);
    free(found);
    /* The directory itself. */
    found = arc_config_find(t.dir);
    ck_assert_ptr_nonnull(found);
    ck_assert_str_eq(found, want);
    free(found);
    /* A nearer one wins. */
    arc_test_put(&t, "a/.archeck.yaml", "fail_on: error\n");
    snprintf(want, sizeof want, "%s/a/.archeck.yaml", real);
    found = arc_config_find(start);
    ck_assert_ptr_nonnull(found);
    ck_assert_str_eq(found, want);
    free(found);
    /* A directory called .archeck.yaml is not a config. */
    mkdirs(&t, "a/b/.archeck.yaml");
    found = arc_config_find(start);
    ck_assert_ptr_nonnull(found);
    ck_assert_str_eq(found, want);
    free(found);
    /* The path found loads. */
    found = arc_config_find(start);
    arc_config *c = load_ok(found);
    ck_assert_int_eq(arc_config_fail_on(c), ARC_SEV_ERROR);
    arc_config_free(c);
    free(found);
    arc_test_remove_tree(t.dir);
}
END_TEST

START_TEST(test_find_relative_dir)
{
    arc_test_dir t;
    arc_test_dir_make(&t, "arc-config");
    char real[PATH_MAX], want[PATH_MAX + 64], old[PATH_MAX];
    ck_assert_ptr_nonnull(realpath(t.dir, real));
    arc_test_put(&t, "x/.archeck.yaml", "fail_on: none\n");
    mkdirs(&t, "x/y");
    ck_assert_ptr_nonnull(getcwd(old, sizeof old));
    char y[PATH_MAX];
    snprintf(y, sizeof y, "%s/x/y", t.dir);
    ck_assert_int_eq(chdir(y), 0);
    /* An absolute path comes back for ".". */
    snprintf(want, sizeof want, "%s/x/.archeck.yaml", real);
    char *found = arc_config_find(".");
    ck_assert_ptr_nonnull(found);
    ck_assert_str_eq(found, want);
    free(found);
    ck_assert_int_eq(chdir(old), 0);
    arc_test_remove_tree(t.dir);
}
END_TEST

START_TEST(test_find_none)
{
    /* Precondition: nothing above the temporary directory. */
    ck_assert_msg(access("/tmp/.archeck.yaml", F_OK) != 0 &&
                      access("/.archeck.yaml", F_OK) != 0,
                  "a stray /tmp/.archeck.yaml or /.archeck.yaml exists");
    arc_test_dir t;
    arc_test_dir_make(&t, "arc-config");
    mkdirs(&t, "p/q");
    arc_test_put(&t, "p/archeck.yaml", "fail_on: none\n"); /* not the name */
    char start[PATH_MAX];
    snprintf(start, sizeof start, "%s/p/q", t.dir);
    ck_assert_ptr_null(arc_config_find(start));
    ck_assert_ptr_null(arc_config_find(t.dir));
    /* A directory that does not exist. */
    snprintf(start, sizeof start, "%s/no/such/dir", t.dir);
    ck_assert_ptr_null(arc_config_find(start));
    arc_test_remove_tree(t.dir);
}
END_TEST

static Suite *suite(void)
{
    Suite *s = suite_create("config");
    TCase *tc = tcase_create("load");
    tcase_add_test(tc, test_load_valid);
    tcase_add_test(tc, test_load_absolute_paths_kept);
    tcase_add_test(tc, test_load_relative_config_path);
    tcase_add_test(tc, test_load_unset_values);
    tcase_add_test(tc, test_fail_on_values);
    tcase_add_test(tc, test_bad_fail_on);
    tcase_add_test(tc, test_unknown_key);
    tcase_add_test(tc, test_wrong_types);
    tcase_add_test(tc, test_wrong_types_found_at_load);
    tcase_add_test(tc, test_load_io_and_syntax_errors);
    suite_add_tcase(s, tc);

    tc = tcase_create("apply");
    tcase_add_test(tc, test_apply_disable_and_severity);
    tcase_add_test(tc, test_apply_single_scalar_disable);
    tcase_add_test(tc, test_apply_deadline_override);
    tcase_add_test(tc, test_apply_unknown_rule_ids);
    tcase_add_test(tc, test_load_bad_values);
    tcase_add_test(tc, test_apply_unknown_rule_leaves_deadline);
    suite_add_tcase(s, tc);

    tc = tcase_create("ignore");
    tcase_add_test(tc, test_ignored_globs);
    tcase_add_test(tc, test_ignored_glob_with_dot_slash);
    suite_add_tcase(s, tc);

    tc = tcase_create("find");
    tcase_add_test(tc, test_find_in_parent);
    tcase_add_test(tc, test_find_relative_dir);
    tcase_add_test(tc, test_find_none);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    return arc_test_run(suite());
}
