/* check_ruleset.c - rule-set loading (ruleset.c): `extends` with its
 * overrides, `severity` and `disable`, duplicate ids, missing and cyclic
 * bases, relative base paths, part replacement, and the arc_ruleset_set_*
 * adjustments. */
#include "testutil.h"
#include "rules.h"
#include "scorecard.h"

#include <dirent.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* ------------------------------------------------------------ helpers */



static arc_ruleset *load_ok(const char *path)
{
    arc_ruleset *rs = NULL;
    arc_error err = {0};
    int rc = arc_ruleset_load(&rs, path, &err);
    ck_assert_msg(rc == 0, "rule set failed: %s:%d:%d: %s", err.file, err.line,
                  err.column, err.message);
    ck_assert_ptr_nonnull(rs);
    return rs;
}

/* Loads a rule set that must fail; returns the error. */
static arc_error load_fails(const char *path)
{
    arc_ruleset *rs = (arc_ruleset *)&rs;
    arc_error err = {0};
    int rc = arc_ruleset_load(&rs, path, &err);
    ck_assert_msg(rc < 0, "%s loaded", path);
    ck_assert_int_eq(err.code, rc);
    ck_assert_ptr_null(rs);
    return err;
}

static int rule_index(const arc_ruleset *rs, const char *id)
{
    for (size_t i = 0; i < arc_ruleset_rule_count(rs); i++)
        if (strcmp(arc_ruleset_rule_id(rs, i), id) == 0)
            return (int)i;
    return -1;
}

/* The score of one finding of `rule` with severity sev. */
static int score_of(const arc_ruleset *rs, const char *rule, arc_severity sev)
{
    arc_findings *f = NULL;
    ck_assert_int_eq(arc_findings_new(&f), 0);
    arc_finding fi = {0};
    fi.path = "t.txt";
    fi.rule = rule;
    fi.severity = sev;
    fi.message = "m";
    ck_assert_int_eq(arc_findings_add(f, &fi), 0);
    arc_scorecard card;
    memset(&card, 0, sizeof card);
    arc_scorecard_score(&card, rs, f);
    arc_findings_free(f);
    return card.score;
}

#define BASE                                                                   \
    "version: 1\n"                                                             \
    "name: 基础规则\n"                                                         \
    "document:\n"                                                              \
    "  title_end: '(报告|要点)$'\n"                                            \
    "  published_label: '发布日期\\s*:?'\n"                                    \
    "  max_title_chars: 50\n"                                                  \
    "deadline:\n"                                                              \
    "  due: \"05-01\"\n"                                                       \
    "  year_offset: 2\n"                                                       \
    "scoring:\n"                                                               \
    "  base: 90\n"                                                             \
    "  error: 10\n"                                                            \
    "  warning: 3\n"                                                           \
    "  info: 1\n"                                                              \
    "  rules:\n"                                                               \
    "    r.a: 40\n"                                                            \
    "    r.b: 7\n"                                                             \
    "parts:\n"                                                                 \
    "  - id: measures\n"                                                       \
    "    name: 主要举措\n"                                                     \
    "    heading:\n"                                                           \
    "      - [举措, 成效]\n"                                                   \
    "  - id: shortcomings\n"                                                   \
    "    name: 存在的不足\n"                                                   \
    "    heading:\n"                                                           \
    "      - [不足]\n"                                                         \
    "  - id: plan\n"                                                           \
    "    name: 下一年度安排\n"                                                 \
    "    heading:\n"                                                           \
    "      - [安排, 打算]\n"                                                   \
    "rules:\n"                                                                 \
    "  - id: r.a\n"                                                            \
    "    kind: pattern\n"                                                      \
    "    severity: error\n"                                                    \
    "    message: '基础甲：{evidence}'\n"                                      \
    "    patterns: ['甲甲']\n"                                                 \
    "  - id: r.b\n"                                                            \
    "    kind: pattern\n"                                                      \
    "    severity: warning\n"                                                  \
    "    message: '基础乙：{evidence}'\n"                                      \
    "    patterns: ['乙乙']\n"                                                 \
    "  - id: r.c\n"                                                            \
    "    kind: pattern\n"                                                      \
    "    severity: warning\n"                                                  \
    "    message: '基础丙'\n"                                                  \
    "    patterns: ['丙丙']\n"                                                 \
    "  - id: t.missing\n"                                                      \
    "    kind: part_presence\n"                                                \
    "    severity: error\n"                                                    \
    "    message: '缺少“{part}”'\n"                                            \
    "    report: missing\n"                                                    \
    "    parts: [measures, shortcomings, plan]\n"                              \
    "  - id: t.order\n"                                                        \
    "    kind: part_order\n"                                                   \
    "    severity: warning\n"                                                  \
    "    message: '“{part}”在“{before}”之前'\n"                                \
    "    order: [measures, shortcomings, plan]\n"

#define DERIVED                                                                \
    "version: 1\n"                                                             \
    "extends: base.yaml\n"                                                     \
    "name: 派生规则\n"                                                         \
    "document:\n"                                                              \
    "  max_title_chars: 20\n"                                                  \
    "scoring:\n"                                                               \
    "  warning: 5\n"                                                           \
    "rules:\n"                                                                 \
    "  - id: r.a\n"                                                            \
    "    kind: pattern\n"                                                      \
    "    severity: warning\n"                                                  \
    "    message: '派生甲：{evidence}'\n"                                      \
    "    patterns: ['丁丁']\n"                                                 \
    "  - id: r.new\n"                                                          \
    "    kind: pattern\n"                                                      \
    "    severity: info\n"                                                     \
    "    message: '新规则：{evidence}'\n"                                      \
    "    patterns: ['戊戊']\n"                                                 \
    "severity:\n"                                                              \
    "  r.b: info\n"                                                            \
    "disable: [r.c]\n"

/* Every part headed, in order. */
#define HEADED                                                                 \
    "青禾区2025年度法治政府建设情况报告\n"                                     \
    "一、主要举措和成效\n"                                                     \
    "区政府完善制度。\n"                                                       \
    "二、存在的不足\n"                                                         \
    "基层力量薄弱。\n"                                                         \
    "三、2026年工作安排\n"                                                     \
    "继续完善制度。\n"

/* ------------------------------------------------------------ extends */

START_TEST(test_base_alone)
{
    arc_test_dir t;
    arc_test_dir_make(&t, "arc-ruleset");
    arc_ruleset *rs = load_ok(arc_test_put(&t, "base.yaml", BASE));
    /* Five YAML rules and the built-in input.unreadable, last. */
    ck_assert_uint_eq(arc_ruleset_rule_count(rs), 7);
    ck_assert_str_eq(arc_ruleset_rule_id(rs, 5), "input.unreadable");
    ck_assert_uint_eq(arc_ruleset_part_count(rs), 3);
    ck_assert_str_eq(rs->name, "基础规则");
    ck_assert_int_eq(rs->deadline.month, 5);
    ck_assert_int_eq(rs->deadline.day, 1);
    ck_assert_int_eq(rs->deadline.year_offset, 2);
    arc_findings *f = arc_test_check(rs, HEADED "甲甲乙乙丙丙丁丁戊戊\n");
    ck_assert_uint_eq(arc_findings_count(f), 3);
    ck_assert_str_eq(arc_findings_get(f, 0)->message, "基础甲：甲甲");
    ck_assert_str_eq(arc_findings_get(f, 1)->message, "基础乙：乙乙");
    ck_assert_str_eq(arc_findings_get(f, 2)->message, "基础丙");
    arc_findings_free(f);
    arc_ruleset_free(rs);
    arc_test_remove_tree(t.dir);
}
END_TEST

START_TEST(test_extends_overrides_rules)
{
    arc_test_dir t;
    arc_test_dir_make(&t, "arc-ruleset");
    arc_test_put(&t, "base.yaml", BASE);
    arc_ruleset *rs = load_ok(arc_test_put(&t, "derived.yaml", DERIVED));
    /* Base order kept, the replaced rule in its place, new rules last,
     * then the built-in rule (once, not once per file). */
    ck_assert_uint_eq(arc_ruleset_rule_count(rs), 8);
    ck_assert_str_eq(arc_ruleset_rule_id(rs, 0), "r.a");
    ck_assert_str_eq(arc_ruleset_rule_id(rs, 1), "r.b");
    ck_assert_str_eq(arc_ruleset_rule_id(rs, 2), "r.c");
    ck_assert_str_eq(arc_ruleset_rule_id(rs, 3), "t.missing");
    ck_assert_str_eq(arc_ruleset_rule_id(rs, 4), "t.order");
    ck_assert_str_eq(arc_ruleset_rule_id(rs, 5), "r.new");
    ck_assert_int_eq(rule_index(rs, "r.new"), 5);
    ck_assert_str_eq(arc_ruleset_rule_id(rs, 6), "input.unreadable");
    ck_assert_int_eq(rule_index(rs, "input.unreadable"), 6);
    ck_assert_int_eq(rule_index(rs, "r.d"), -1);
    ck_assert_str_eq(rs->name, "派生规则");
    /* Replaced: the derived severity; changed by severity:; disabled. */
    ck_assert_int_eq(arc_ruleset_rule_severity(rs, 0), ARC_SEV_WARNING);
    ck_assert_int_eq(arc_ruleset_rule_severity(rs, 1), ARC_SEV_INFO);
    ck_assert_int_eq(arc_ruleset_rule_enabled(rs, 1), 1);
    ck_assert_int_eq(arc_ruleset_rule_enabled(rs, 2), 0);
    ck_assert_int_eq(arc_ruleset_rule_severity(rs, 2), ARC_SEV_WARNING);
    ck_assert_int_eq(arc_ruleset_rule_enabled(rs, 5), 1);
    ck_assert_int_eq(arc_ruleset_rule_severity(rs, 5), ARC_SEV_INFO);
    /* Running it: 甲甲 no longer matches, 丁丁 does; 丙丙 is off. */
    arc_findings *f = arc_test_check(rs, HEADED "甲甲乙乙丙丙丁丁戊戊\n");
    ck_assert_uint_eq(arc_findings_count(f), 3);
    const arc_finding *fi = arc_findings_get(f, 0);
    ck_assert_str_eq(fi->rule, "r.b");
    ck_assert_int_eq(fi->severity, ARC_SEV_INFO);
    ck_assert_str_eq(fi->message, "基础乙：乙乙");
    fi = arc_findings_get(f, 1);
    ck_assert_str_eq(fi->rule, "r.a");
    ck_assert_int_eq(fi->severity, ARC_SEV_WARNING);
    ck_assert_str_eq(fi->message, "派生甲：丁丁");
    ck_assert_int_eq(fi->line, 8);
    ck_assert_int_eq(fi->column, 7);
    fi = arc_findings_get(f, 2);
    ck_assert_str_eq(fi->rule, "r.new");
    ck_assert_str_eq(fi->message, "新规则：戊戊");
    arc_findings_free(f);
    arc_ruleset_free(rs);
    arc_test_remove_tree(t.dir);
}
END_TEST

START_TEST(test_extends_overrides_document_and_scoring)
{
    arc_test_dir t;
    arc_test_dir_make(&t, "arc-ruleset");
    arc_test_put(&t, "base.yaml", BASE);
    arc_ruleset *rs = load_ok(arc_test_put(&t, "derived.yaml", DERIVED));
    /* document: one key changed, the base's patterns kept. */
    ck_assert_uint_eq(rs->doc.max_title_chars, 20);
    ck_assert_uint_eq(rs->doc.max_heading_chars, 60);
    ck_assert_ptr_nonnull(rs->doc.title_end);
    ck_assert_uint_eq(rs->doc.nlabels, 1);
    ck_assert_int_eq(rs->doc.labels[0].rank, 1);
    /* A 16-character title is still a title; the label still works. */
    arc_test_facts_doc *tf = arc_test_facts("青禾区2025年法治政府建设报告\n"
                                          "发布日期:2026-03-02\n正文。\n",
                                          rs);
    ck_assert_str_eq(tf->facts.title, "青禾区2025年法治政府建设报告");
    const arc_pub_date *p = &tf->facts.published;
    ck_assert_int_eq(p->source, ARC_PUB_LABEL);
    ck_assert_int_eq(p->y * 10000 + p->m * 100 + p->d, 20260302);
    arc_test_facts_free(tf);
    /* 23 characters: too long for a title now (the base allowed 50). */
    tf = arc_test_facts("青禾区人民政府2025年度法治政府建设情况报告\n正文。\n",
                        rs);
    ck_assert_str_eq(tf->facts.title, "");
    arc_test_facts_free(tf);
    /* scoring: warning changed, base and error kept. */
    ck_assert_int_eq(score_of(rs, "x.other", ARC_SEV_WARNING), 85);
    ck_assert_int_eq(score_of(rs, "x.other", ARC_SEV_ERROR), 80);
    ck_assert_int_eq(score_of(rs, "x.other", ARC_SEV_INFO), 89);
    /* The base's weight of a rule the derived file did not touch. */
    ck_assert_int_eq(score_of(rs, "r.b", ARC_SEV_INFO), 83);
    arc_ruleset_free(rs);
    arc_test_remove_tree(t.dir);
}
END_TEST

START_TEST(test_extends_scoring_rules_override)
{
    arc_test_dir t;
    arc_test_dir_make(&t, "arc-ruleset");
    arc_test_put(&t, "base.yaml", BASE);
    arc_ruleset *rs = load_ok(arc_test_put(&t, "derived.yaml",
                                  "version: 1\n"
                                  "extends: base.yaml\n"
                                  "scoring:\n"
                                  "  base: 100\n"
                                  "  rules: {r.b: 12, t.missing: 30}\n"));
    ck_assert_int_eq(score_of(rs, "r.b", ARC_SEV_WARNING), 88);
    ck_assert_int_eq(score_of(rs, "t.missing", ARC_SEV_ERROR), 70);
    /* Untouched: the base's weight for r.a (rule not replaced). */
    ck_assert_int_eq(score_of(rs, "r.a", ARC_SEV_ERROR), 60);
    ck_assert_int_eq(score_of(rs, "r.c", ARC_SEV_WARNING), 97);
    arc_ruleset_free(rs);
    arc_test_remove_tree(t.dir);
}
END_TEST

/* Regression (was a bug): scoring keys "override one by one" (rules/README.md), but a rule the
 * derived file replaces loses the base's scoring.rules weight: merge_rules
 * (ruleset.c) installs the new rule with weight -1.  With the
 * national rules, a province that replaces section.missing silently drops
 * its weight from 25 to 10.  Fix: keep rs->rules[k].weight when replacing
 * (r.weight = rs->rules[k].weight before rule_free). */
START_TEST(test_extends_replaced_rule_keeps_weight)
{
    arc_test_dir t;
    arc_test_dir_make(&t, "arc-ruleset");
    arc_test_put(&t, "base.yaml", BASE);
    arc_ruleset *rs = load_ok(arc_test_put(&t, "derived.yaml", DERIVED));
    int score = score_of(rs, "r.a", ARC_SEV_WARNING);
    arc_ruleset_free(rs);
    arc_test_remove_tree(t.dir);
    /* base 90, r.a weighs 40 in the base. */
    ck_assert_int_eq(score, 50);
}
END_TEST

/* Regression (was a bug): `deadline` keys should override the base one by one (rules/README.md:
 * "document, deadline and scoring keys override one by one"), but
 * load_deadline (ruleset.c) resets year_offset to 1 when only due is
 * given, and requires due even when only year_offset is given.  Fix: start
 * from rs->deadline (off = rs->deadline.year_offset, m/d from it) and make
 * due optional. */
START_TEST(test_extends_deadline_keys_one_by_one)
{
    arc_test_dir t;
    arc_test_dir_make(&t, "arc-ruleset");
    arc_test_put(&t, "base.yaml", BASE);
    arc_ruleset *rs = load_ok(arc_test_put(&t, "d1.yaml",
                                  "version: 1\n"
                                  "extends: base.yaml\n"
                                  "deadline: {due: \"03-01\"}\n"));
    arc_deadline d1 = rs->deadline;
    arc_ruleset_free(rs);
    rs = NULL;
    arc_error err = {0};
    int rc = arc_ruleset_load(&rs, arc_test_put(&t, "d2.yaml",
                                       "version: 1\n"
                                       "extends: base.yaml\n"
                                       "deadline: {year_offset: 1}\n"),
                              &err);
    arc_deadline d2 = rs ? rs->deadline : (arc_deadline){0, 0, 0};
    arc_ruleset_free(rs);
    arc_test_remove_tree(t.dir);
    /* due changed, year_offset kept from the base. */
    ck_assert_int_eq(d1.month, 3);
    ck_assert_int_eq(d1.day, 1);
    ck_assert_int_eq(d1.year_offset, 2);
    /* year_offset changed, due kept from the base. */
    ck_assert_msg(rc == 0, "%d:%d: %s", err.line, err.column, err.message);
    ck_assert_int_eq(d2.month, 5);
    ck_assert_int_eq(d2.day, 1);
    ck_assert_int_eq(d2.year_offset, 1);
}
END_TEST

START_TEST(test_extends_deadline_both_keys)
{
    arc_test_dir t;
    arc_test_dir_make(&t, "arc-ruleset");
    arc_test_put(&t, "base.yaml", BASE);
    arc_ruleset *rs = load_ok(arc_test_put(&t, "d.yaml",
                                  "version: 1\n"
                                  "extends: base.yaml\n"
                                  "deadline: {due: \"03-01\", year_offset: 1}\n"));
    ck_assert_int_eq(rs->deadline.month, 3);
    ck_assert_int_eq(rs->deadline.day, 1);
    ck_assert_int_eq(rs->deadline.year_offset, 1);
    arc_ruleset_free(rs);
    /* Without a deadline key the base's is kept. */
    rs = load_ok(arc_test_put(&t, "e.yaml", "version: 1\nextends: base.yaml\n"));
    ck_assert_int_eq(rs->deadline.month, 5);
    ck_assert_int_eq(rs->deadline.year_offset, 2);
    ck_assert_uint_eq(arc_ruleset_rule_count(rs), 7);
    arc_ruleset_free(rs);
    arc_test_remove_tree(t.dir);
}
END_TEST

START_TEST(test_rules_required_without_extends)
{
    arc_test_dir t;
    arc_test_dir_make(&t, "arc-ruleset");
    arc_error err = load_fails(arc_test_put(&t, "r.yaml", "version: 1\nname: 空\n"));
    ck_assert_int_eq(err.code, ARC_EPARSE);
    ck_assert_int_eq(err.line, 1);
    ck_assert_int_eq(err.column, 1);
    ck_assert_str_eq(err.message, "缺少必需的键“rules”");
    arc_test_remove_tree(t.dir);
}
END_TEST

START_TEST(test_duplicate_rule_id_in_one_file)
{
    arc_test_dir t;
    arc_test_dir_make(&t, "arc-ruleset");
    arc_test_put(&t, "base.yaml", BASE);
    /* In the derived file: replacing the base rule is fine, defining it
     * twice in the same file is not. */
    const char *p = arc_test_put(&t, "dup.yaml", "version: 1\n"
                                        "extends: base.yaml\n"
                                        "rules:\n"
                                        "  - id: r.b\n"
                                        "    kind: pattern\n"
                                        "    severity: warning\n"
                                        "    message: '一'\n"
                                        "    patterns: ['一一']\n"
                                        "  - id: r.b\n"
                                        "    kind: pattern\n"
                                        "    severity: warning\n"
                                        "    message: '二'\n"
                                        "    patterns: ['二二']\n");
    arc_error err = load_fails(p);
    ck_assert_int_eq(err.code, ARC_EPARSE);
    ck_assert_str_eq(err.file, p);
    ck_assert_int_eq(err.line, 9);
    ck_assert_int_eq(err.column, 9);
    ck_assert_str_eq(err.rule, "r.b");
    ck_assert_str_eq(err.message, "规则 id“r.b”重复");
    /* A new id twice. */
    p = arc_test_put(&t, "dup2.yaml", "version: 1\n"
                             "rules:\n"
                             "  - {id: x.y, kind: pattern, severity: info, "
                             "message: m, patterns: [a]}\n"
                             "  - {id: x.y, kind: pattern, severity: info, "
                             "message: m, patterns: [b]}\n");
    err = load_fails(p);
    ck_assert_int_eq(err.line, 4);
    ck_assert_int_eq(err.column, 10);
    ck_assert_str_eq(err.message, "规则 id“x.y”重复");
    arc_test_remove_tree(t.dir);
}
END_TEST

/* input.unreadable is added by the loader: a rule file may not define it
 * (neither in a buffer nor in a file nor in a base). */
START_TEST(test_builtin_id_reserved)
{
    static const char yaml[] =
        "version: 1\n"
        "rules:\n"
        "  - {id: input.unreadable, kind: pattern, severity: info, "
        "message: m, patterns: [a]}\n";
    arc_ruleset *rs = (arc_ruleset *)&rs;
    arc_error err = {0};
    ck_assert_int_eq(arc_ruleset_load_buffer(&rs, "mine.yaml", yaml,
                                             sizeof yaml - 1, &err),
                     ARC_EPARSE);
    ck_assert_ptr_null(rs);
    ck_assert_int_eq(err.code, ARC_EPARSE);
    ck_assert_ptr_nonnull(strstr(err.message, "input.unreadable"));
    ck_assert_ptr_nonnull(strstr(err.message, "内置"));
    arc_test_dir t;
    arc_test_dir_make(&t, "arc-ruleset");
    const char *base = arc_test_put(&t, "base.yaml", yaml);
    err = load_fails(base);
    ck_assert_ptr_nonnull(strstr(err.message, "内置"));
    err = load_fails(arc_test_put(&t, "d.yaml",
                                  "version: 1\nextends: base.yaml\n"));
    ck_assert_ptr_nonnull(strstr(err.message, "内置"));
    arc_test_remove_tree(t.dir);
}
END_TEST

START_TEST(test_duplicate_part_id_in_one_file)
{
    arc_test_dir t;
    arc_test_dir_make(&t, "arc-ruleset");
    arc_test_put(&t, "base.yaml", BASE);
    const char *p = arc_test_put(&t, "dup.yaml", "version: 1\n"
                                        "extends: base.yaml\n"
                                        "parts:\n"
                                        "  - {id: plan, name: 甲, heading: [[计划]]}\n"
                                        "  - {id: plan, name: 乙, heading: [[规划]]}\n");
    arc_error err = load_fails(p);
    ck_assert_str_eq(err.file, p);
    ck_assert_int_eq(err.line, 5);
    ck_assert_int_eq(err.column, 5);
    ck_assert_str_eq(err.message, "部分 id“plan”重复");
    arc_test_remove_tree(t.dir);
}
END_TEST

START_TEST(test_extends_missing_file)
{
    arc_test_dir t;
    arc_test_dir_make(&t, "arc-ruleset");
    const char *p = arc_test_put(&t, "d.yaml", "version: 1\n"
                                      "extends: nothere.yaml\n"
                                      "rules: []\n");
    char path[PATH_MAX], msg[PATH_MAX + 128];
    snprintf(path, sizeof path, "%s", p);
    snprintf(msg, sizeof msg,
             "extends 的规则集“%s/nothere.yaml”无法加载：无法读取文件：文件不存在",
             t.dir);
    arc_error err = load_fails(path);
    ck_assert_str_eq(err.file, path);
    ck_assert_int_eq(err.line, 2);
    ck_assert_int_eq(err.column, 10);
    ck_assert_str_eq(err.message, msg);
    arc_test_remove_tree(t.dir);
}
END_TEST

START_TEST(test_extends_base_error_points_into_base)
{
    arc_test_dir t;
    arc_test_dir_make(&t, "arc-ruleset");
    char base[PATH_MAX];
    snprintf(base, sizeof base, "%s",
             arc_test_put(&t, "base.yaml", "version: 1\n"
                                  "rules:\n"
                                  "  - id: bad.kind\n"
                                  "    kind: nonsense\n"
                                  "    severity: info\n"
                                  "    message: m\n"));
    arc_error err = load_fails(arc_test_put(&t, "d.yaml", "version: 1\n"
                                                 "extends: base.yaml\n"));
    ck_assert_str_eq(err.file, base);
    ck_assert_int_eq(err.line, 4);
    ck_assert_int_eq(err.column, 11);
    ck_assert_str_eq(err.rule, "bad.kind");
    ck_assert_ptr_nonnull(strstr(err.message, "未知的规则类型“nonsense”"));
    /* extends must be a path. */
    err = load_fails(arc_test_put(&t, "e.yaml", "version: 1\nextends: [a, b]\n"));
    ck_assert_int_eq(err.line, 2);
    ck_assert_int_eq(err.column, 10);
    ck_assert_str_eq(err.message, "extends 应为规则集文件的路径");
    arc_test_remove_tree(t.dir);
}
END_TEST

START_TEST(test_extends_cycle)
{
    arc_test_dir t;
    arc_test_dir_make(&t, "arc-ruleset");
    char a[PATH_MAX];
    snprintf(a, sizeof a, "%s",
             arc_test_put(&t, "a.yaml", "version: 1\nextends: b.yaml\nrules: []\n"));
    arc_test_put(&t, "b.yaml", "version: 1\nextends: a.yaml\nrules: []\n");
    arc_error err = load_fails(a);
    ck_assert_int_eq(err.code, ARC_EPARSE);
    ck_assert_str_eq(err.file, a);
    ck_assert_int_eq(err.line, 2);
    ck_assert_int_eq(err.column, 10);
    ck_assert_str_eq(err.message, "extends 嵌套过深（可能循环引用）");
    /* A file that extends itself. */
    const char *s = arc_test_put(&t, "self.yaml", "version: 1\nextends: self.yaml\n");
    err = load_fails(s);
    ck_assert_int_eq(err.line, 2);
    ck_assert_str_eq(err.message, "extends 嵌套过深（可能循环引用）");
    arc_test_remove_tree(t.dir);
}
END_TEST

START_TEST(test_extends_relative_paths)
{
    arc_test_dir t;
    arc_test_dir_make(&t, "arc-ruleset");
    /* national/base.yaml extends common.yaml beside it (not beside the
     * province file). */
    arc_test_put(&t, "national/common.yaml",
        "version: 1\n"
        "rules:\n"
        "  - {id: c.one, kind: pattern, severity: info, message: 共同, "
        "patterns: ['共共']}\n");
    arc_test_put(&t, "national/base.yaml",
        "version: 1\n"
        "extends: common.yaml\n"
        "rules:\n"
        "  - {id: n.one, kind: pattern, severity: warning, message: 全国, "
        "patterns: ['全全']}\n");
    arc_test_put(&t, "common.yaml", "version: 1\nrules: not-a-list\n");
    const char *p = arc_test_put(&t, "prov/derived.yaml",
                        "version: 1\n"
                        "extends: ../national/base.yaml\n"
                        "rules:\n"
                        "  - {id: p.one, kind: pattern, severity: error, "
                        "message: 本省, patterns: ['省省']}\n");
    arc_ruleset *rs = load_ok(p);
    ck_assert_uint_eq(arc_ruleset_rule_count(rs), 5);
    ck_assert_str_eq(arc_ruleset_rule_id(rs, 0), "c.one");
    ck_assert_str_eq(arc_ruleset_rule_id(rs, 1), "n.one");
    ck_assert_str_eq(arc_ruleset_rule_id(rs, 2), "p.one");
    ck_assert_str_eq(arc_ruleset_rule_id(rs, 3), "input.unreadable");
    arc_ruleset_free(rs);
    /* The same from a relative path, whatever the working directory. */
    char old[PATH_MAX];
    ck_assert_ptr_nonnull(getcwd(old, sizeof old));
    ck_assert_int_eq(chdir(t.dir), 0);
    rs = load_ok("prov/derived.yaml");
    ck_assert_uint_eq(arc_ruleset_rule_count(rs), 5);
    arc_ruleset_free(rs);
    ck_assert_int_eq(chdir("prov"), 0);
    rs = load_ok("derived.yaml");
    ck_assert_uint_eq(arc_ruleset_rule_count(rs), 5);
    arc_ruleset_free(rs);
    ck_assert_int_eq(chdir(old), 0);
    arc_test_remove_tree(t.dir);
}
END_TEST

START_TEST(test_extends_severity_disable_unknown_id)
{
    arc_test_dir t;
    arc_test_dir_make(&t, "arc-ruleset");
    arc_test_put(&t, "base.yaml", BASE);
    const char *p = arc_test_put(&t, "d.yaml", "version: 1\n"
                                      "extends: base.yaml\n"
                                      "severity:\n"
                                      "  r.a: info\n"
                                      "  r.zz: info\n");
    arc_error err = load_fails(p);
    ck_assert_int_eq(err.line, 5);
    ck_assert_int_eq(err.column, 3);
    ck_assert_str_eq(err.message, "没有 id 为“r.zz”的规则");
    p = arc_test_put(&t, "d.yaml", "version: 1\n"
                          "extends: base.yaml\n"
                          "disable: [r.a, r.zz]\n");
    err = load_fails(p);
    ck_assert_int_eq(err.line, 3);
    ck_assert_int_eq(err.column, 16);
    ck_assert_str_eq(err.message, "没有 id 为“r.zz”的规则");
    p = arc_test_put(&t, "d.yaml", "version: 1\n"
                          "extends: base.yaml\n"
                          "severity: {r.a: fatal}\n");
    err = load_fails(p);
    ck_assert_int_eq(err.line, 3);
    ck_assert_int_eq(err.column, 17);
    ck_assert_str_eq(err.message, "级别应为 error、warning 或 info");
    /* scoring.rules naming an unknown rule. */
    p = arc_test_put(&t, "d.yaml", "version: 1\n"
                          "extends: base.yaml\n"
                          "scoring:\n"
                          "  rules: {r.zz: 5}\n");
    err = load_fails(p);
    ck_assert_int_eq(err.line, 4);
    ck_assert_int_eq(err.column, 11);
    ck_assert_str_eq(err.message, "没有 id 为“r.zz”的规则");
    arc_test_remove_tree(t.dir);
}
END_TEST

/* severity/disable may name a rule the same file defines. */
START_TEST(test_severity_disable_own_rules)
{
    arc_ruleset *rs = arc_test_rules(
        "version: 1\n"
        "rules:\n"
        "  - {id: a.x, kind: pattern, severity: error, message: m, "
        "patterns: ['甲']}\n"
        "  - {id: a.y, kind: pattern, severity: error, message: m, "
        "patterns: ['乙']}\n"
        "severity: {a.x: warning}\n"
        "disable: a.y\n");
    ck_assert_int_eq(arc_ruleset_rule_severity(rs, 0), ARC_SEV_WARNING);
    ck_assert_int_eq(arc_ruleset_rule_enabled(rs, 0), 1);
    ck_assert_int_eq(arc_ruleset_rule_enabled(rs, 1), 0);
    arc_findings *f = arc_test_check(rs, "甲乙\n");
    ck_assert_uint_eq(arc_findings_count(f), 1);
    ck_assert_str_eq(arc_findings_get(f, 0)->rule, "a.x");
    arc_findings_free(f);
    arc_ruleset_free(rs);
}
END_TEST

/* ------------------------------------------------------------ parts */

START_TEST(test_part_replacement_keeps_rules_working)
{
    arc_test_dir t;
    arc_test_dir_make(&t, "arc-ruleset");
    arc_test_put(&t, "base.yaml", BASE);
    arc_ruleset *rs = load_ok(arc_test_put(&t, "d.yaml",
                                  "version: 1\n"
                                  "extends: base.yaml\n"
                                  "parts:\n"
                                  "  - id: plan\n"
                                  "    name: 下一年度工作计划\n"
                                  "    heading:\n"
                                  "      - [工作计划]\n"
                                  "  - id: leader\n"
                                  "    name: 第一责任人\n"
                                  "    heading:\n"
                                  "      - [第一责任人]\n"));
    /* Replaced in place, the new part appended. */
    ck_assert_uint_eq(arc_ruleset_part_count(rs), 4);
    ck_assert_str_eq(arc_ruleset_part_id(rs, 0), "measures");
    ck_assert_str_eq(arc_ruleset_part_id(rs, 1), "shortcomings");
    ck_assert_str_eq(arc_ruleset_part_id(rs, 2), "plan");
    ck_assert_str_eq(arc_ruleset_part_name(rs, 2), "下一年度工作计划");
    ck_assert_str_eq(arc_ruleset_part_id(rs, 3), "leader");
    ck_assert_ptr_null(arc_ruleset_part_id(rs, 4));

    /* The base's key words no longer find the plan. */
    arc_findings *f = arc_test_check(rs, HEADED);
    ck_assert_uint_eq(arc_findings_count(f), 1);
    const arc_finding *fi = arc_findings_get(f, 0);
    ck_assert_str_eq(fi->rule, "t.missing");
    ck_assert_str_eq(fi->section, "plan");
    ck_assert_str_eq(fi->message, "缺少“下一年度工作计划”");
    ck_assert_int_eq(fi->line, 0);
    arc_findings_free(f);

    /* The new ones do, and the base's order rule sees the part. */
    f = arc_test_check(rs, "青禾区2025年度法治政府建设情况报告\n"
                           "一、主要举措和成效\n"
                           "区政府完善制度。\n"
                           "二、2026年工作计划\n"
                           "继续完善制度。\n"
                           "三、存在的不足\n"
                           "基层力量薄弱。\n");
    ck_assert_uint_eq(arc_findings_count(f), 1);
    fi = arc_findings_get(f, 0);
    ck_assert_str_eq(fi->rule, "t.order");
    ck_assert_str_eq(fi->section, "plan");
    ck_assert_str_eq(fi->message, "“下一年度工作计划”在“存在的不足”之前");
    ck_assert_int_eq(fi->line, 4);
    arc_findings_free(f);
    arc_ruleset_free(rs);
    arc_test_remove_tree(t.dir);
}
END_TEST

START_TEST(test_new_rule_uses_new_part)
{
    arc_test_dir t;
    arc_test_dir_make(&t, "arc-ruleset");
    arc_test_put(&t, "base.yaml", BASE);
    arc_ruleset *rs = load_ok(arc_test_put(&t, "d.yaml",
                                  "version: 1\n"
                                  "extends: base.yaml\n"
                                  "parts:\n"
                                  "  - {id: leader, name: 第一责任人履职, "
                                  "heading: [[第一责任人]]}\n"
                                  "rules:\n"
                                  "  - id: t.missing\n"
                                  "    kind: part_presence\n"
                                  "    severity: warning\n"
                                  "    message: '缺{part}'\n"
                                  "    report: missing\n"
                                  "    parts: [leader, plan]\n"));
    arc_findings *f = arc_test_check(rs, HEADED);
    ck_assert_uint_eq(arc_findings_count(f), 1);
    ck_assert_str_eq(arc_findings_get(f, 0)->message, "缺第一责任人履职");
    ck_assert_str_eq(arc_findings_get(f, 0)->section, "leader");
    ck_assert_int_eq(arc_findings_get(f, 0)->severity, ARC_SEV_WARNING);
    arc_findings_free(f);
    arc_ruleset_free(rs);
    /* A rule naming a part nobody defines. */
    arc_error err = load_fails(arc_test_put(&t, "e.yaml",
                                   "version: 1\n"
                                   "extends: base.yaml\n"
                                   "rules:\n"
                                   "  - id: t.x\n"
                                   "    kind: part_presence\n"
                                   "    severity: warning\n"
                                   "    message: m\n"
                                   "    report: missing\n"
                                   "    parts: [plan, nobody]\n"));
    ck_assert_int_eq(err.line, 9);
    ck_assert_int_eq(err.column, 19);
    ck_assert_str_eq(err.rule, "t.x");
    ck_assert_str_eq(err.message, "“nobody”不是 parts 中定义的部分");
    arc_test_remove_tree(t.dir);
}
END_TEST

/* ------------------------------------------------------------ examples */

START_TEST(test_base_examples_run_with_derived_changes)
{
    arc_test_dir t;
    arc_test_dir_make(&t, "arc-ruleset");
    char base[PATH_MAX];
    snprintf(base, sizeof base, "%s",
             arc_test_put(&t, "base.yaml",
                 "version: 1\n"
                 "document:\n"
                 "  title_end: '报告$'\n"
                 "  published_label: '发布日期\\s*:?'\n"
                 "rules:\n"
                 "  - id: d.late\n"
                 "    kind: deadline\n"
                 "    check: late\n"
                 "    severity: error\n"
                 "    message: '晚于{due}'\n"
                 "    examples:\n"
                 "      bad:\n"
                 "        - |\n"
                 "          青禾区2025年度法治政府建设情况报告\n"
                 "          发布日期:2026-04-15\n"
                 "      good:\n"
                 "        - |\n"
                 "          青禾区2025年度法治政府建设情况报告\n"
                 "          发布日期:2026-03-31\n"));
    arc_ruleset *rs = load_ok(base);
    size_t total = 0, failed = 0;
    arc_error err = {0};
    ck_assert_int_eq(arc_ruleset_test(rs, NULL, NULL, &total, &failed, &err),
                     0);
    ck_assert_uint_eq(total, 2);
    ck_assert_uint_eq(failed, 0);
    arc_ruleset_free(rs);

    /* A later deadline: the base's bad example no longer triggers. */
    rs = load_ok(arc_test_put(&t, "d.yaml", "version: 1\n"
                                   "extends: base.yaml\n"
                                   "deadline: {due: \"05-01\", year_offset: 1}\n"));
    ck_assert_int_eq(arc_ruleset_test(rs, NULL, NULL, &total, &failed, &err),
                     0);
    ck_assert_uint_eq(total, 2);
    ck_assert_uint_eq(failed, 1);
    ck_assert_uint_eq(rs->rules[0].nexamples, 2);
    const arc_example *ex = &rs->rules[0].examples[0];
    ck_assert_int_eq(ex->bad, 1);
    ck_assert_str_eq(ex->file, base);
    ck_assert_int_eq(ex->line, 13);
    arc_ruleset_free(rs);
    arc_test_remove_tree(t.dir);
}
END_TEST

/* ------------------------------------------------------------ set_* */

START_TEST(test_set_severity_and_enabled)
{
    arc_ruleset *rs = arc_test_rules(
        "version: 1\n"
        "rules:\n"
        "  - {id: a.x, kind: pattern, severity: error, message: m, "
        "patterns: ['甲']}\n"
        "  - {id: a.y, kind: pattern, severity: info, message: m, "
        "patterns: ['乙']}\n");
    ck_assert_int_eq(arc_ruleset_set_severity(rs, "a.y", ARC_SEV_WARNING), 0);
    ck_assert_int_eq(arc_ruleset_rule_severity(rs, 1), ARC_SEV_WARNING);
    ck_assert_int_eq(arc_ruleset_rule_severity(rs, 0), ARC_SEV_ERROR);
    ck_assert_int_eq(arc_ruleset_set_enabled(rs, "a.x", 0), 0);
    ck_assert_int_eq(arc_ruleset_rule_enabled(rs, 0), 0);
    arc_findings *f = arc_test_check(rs, "甲乙\n");
    ck_assert_uint_eq(arc_findings_count(f), 1);
    ck_assert_str_eq(arc_findings_get(f, 0)->rule, "a.y");
    ck_assert_int_eq(arc_findings_get(f, 0)->severity, ARC_SEV_WARNING);
    arc_findings_free(f);
    ck_assert_int_eq(arc_ruleset_set_enabled(rs, "a.x", 1), 0);
    ck_assert_int_eq(arc_ruleset_rule_enabled(rs, 0), 1);
    /* Unknown ids (ids are exact: no prefix, no case folding). */
    ck_assert_int_eq(arc_ruleset_set_severity(rs, "a.z", ARC_SEV_INFO),
                     ARC_EINVAL);
    ck_assert_int_eq(arc_ruleset_set_severity(rs, "a", ARC_SEV_INFO),
                     ARC_EINVAL);
    ck_assert_int_eq(arc_ruleset_set_enabled(rs, "A.X", 0), ARC_EINVAL);
    ck_assert_int_eq(arc_ruleset_set_enabled(rs, "", 0), ARC_EINVAL);
    ck_assert_int_eq(arc_ruleset_rule_enabled(rs, 0), 1);
    ck_assert_int_eq(arc_ruleset_rule_severity(rs, 0), ARC_SEV_ERROR);
    /* The built-in rule is rule 2: always on, always an error. */
    ck_assert_uint_eq(arc_ruleset_rule_count(rs), 4);
    ck_assert_str_eq(arc_ruleset_rule_id(rs, 2), "input.unreadable");
    ck_assert_int_eq(arc_ruleset_set_enabled(rs, "input.unreadable", 0),
                     ARC_EINVAL);
    ck_assert_int_eq(arc_ruleset_set_severity(rs, "input.unreadable",
                                              ARC_SEV_INFO),
                     ARC_EINVAL);
    ck_assert_int_eq(arc_ruleset_rule_enabled(rs, 2), 1);
    ck_assert_int_eq(arc_ruleset_rule_severity(rs, 2), ARC_SEV_ERROR);
    ck_assert_ptr_nonnull(strstr(arc_ruleset_rule_description(rs, 2),
                                 "无法读取"));
    /* Out-of-range accessors. */
    ck_assert_ptr_null(arc_ruleset_rule_id(rs, 4));
    ck_assert_ptr_null(arc_ruleset_rule_description(rs, 4));
    ck_assert_str_eq(arc_ruleset_rule_description(rs, 0), "");
    ck_assert_int_eq(arc_ruleset_rule_enabled(rs, 4), 0);
    ck_assert_int_eq(arc_ruleset_rule_severity(rs, 4), ARC_SEV_INFO);
    arc_ruleset_free(rs);
    arc_ruleset_free(NULL);
}
END_TEST

START_TEST(test_set_deadline)
{
    arc_ruleset *rs = arc_test_rules(
        "version: 1\n"
        "document:\n"
        "  title_end: '报告$'\n"
        "  published_label: '发布日期\\s*:?'\n"
        "rules:\n"
        "  - {id: d.late, kind: deadline, check: late, severity: error, "
        "message: '晚于{due}'}\n");
    const char *text = "青禾区2025年度法治政府建设情况报告\n"
                       "发布日期:2026-02-10\n";
    arc_findings *f = arc_test_check(rs, text);
    ck_assert_uint_eq(arc_findings_count(f), 0);
    arc_findings_free(f);

    ck_assert_int_eq(arc_ruleset_set_deadline(rs, 2, 1, 1), 0);
    ck_assert_int_eq(rs->deadline.month, 2);
    f = arc_test_check(rs, text);
    ck_assert_uint_eq(arc_findings_count(f), 1);
    ck_assert_str_eq(arc_findings_get(f, 0)->message, "晚于2026-02-01");
    arc_findings_free(f);

    /* Same day and month of the report year itself. */
    ck_assert_int_eq(arc_ruleset_set_deadline(rs, 12, 31, 0), 0);
    f = arc_test_check(rs, text);
    ck_assert_str_eq(arc_findings_get(f, 0)->message, "晚于2025-12-31");
    arc_findings_free(f);

    /* 2月29日 exists in some years: accepted. */
    ck_assert_int_eq(arc_ruleset_set_deadline(rs, 2, 29, 1), 0);
    ck_assert_int_eq(arc_ruleset_set_deadline(rs, 4, 30, 1), 0);

    /* Impossible dates are refused and change nothing. */
    static const int bad[][3] = {{2, 30, 1}, {4, 31, 1}, {13, 1, 1},
                                 {0, 1, 1},  {4, 0, 1},  {-1, 1, 1},
                                 {4, 1, -1}, {6, 32, 0}};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        ck_assert_msg(arc_ruleset_set_deadline(rs, bad[i][0], bad[i][1],
                                               bad[i][2]) == ARC_EINVAL,
                      "%d-%d +%d accepted", bad[i][0], bad[i][1], bad[i][2]);
        ck_assert_int_eq(rs->deadline.month, 4);
        ck_assert_int_eq(rs->deadline.day, 30);
        ck_assert_int_eq(rs->deadline.year_offset, 1);
    }
    arc_ruleset_free(rs);
}
END_TEST

START_TEST(test_deadline_key_validation)
{
    static const struct {
        const char *yaml;
        int line, column;
        const char *message;
    } cases[] = {
        {"version: 1\ndeadline: {due: \"02-30\"}\nrules: []\n", 2, 17,
         "due 应为“月-日”，如 04-01"},
        {"version: 1\ndeadline: {due: \"4月1日\"}\nrules: []\n", 2, 17,
         "due 应为“月-日”，如 04-01"},
        {"version: 1\ndeadline: {due: \"04-01\", year_offset: 6}\nrules: []\n",
         2, 39, "“year_offset”应为 0 到 5 之间的整数"},
        {"version: 1\ndeadline: {due: \"04-01\", when: x}\nrules: []\n", 2,
         26, "未知的键“when”（可用：due, year_offset）"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        arc_ruleset *rs = (arc_ruleset *)&rs;
        arc_error err = {0};
        int rc = arc_ruleset_load_buffer(&rs, "p.yaml", cases[i].yaml,
                                         strlen(cases[i].yaml), &err);
        ck_assert_int_eq(rc, ARC_EPARSE);
        ck_assert_ptr_null(rs);
        ck_assert_str_eq(err.file, "p.yaml");
        ck_assert_int_eq(err.line, cases[i].line);
        ck_assert_int_eq(err.column, cases[i].column);
        ck_assert_str_eq(err.message, cases[i].message);
    }
}
END_TEST

static Suite *suite(void)
{
    Suite *s = suite_create("ruleset");
    TCase *tc = tcase_create("extends");
    tcase_add_test(tc, test_base_alone);
    tcase_add_test(tc, test_extends_overrides_rules);
    tcase_add_test(tc, test_extends_overrides_document_and_scoring);
    tcase_add_test(tc, test_extends_scoring_rules_override);
    tcase_add_test(tc, test_extends_replaced_rule_keeps_weight);
    tcase_add_test(tc, test_extends_deadline_keys_one_by_one);
    tcase_add_test(tc, test_extends_deadline_both_keys);
    tcase_add_test(tc, test_rules_required_without_extends);
    tcase_add_test(tc, test_duplicate_rule_id_in_one_file);
    tcase_add_test(tc, test_duplicate_part_id_in_one_file);
    tcase_add_test(tc, test_builtin_id_reserved);
    tcase_add_test(tc, test_extends_missing_file);
    tcase_add_test(tc, test_extends_base_error_points_into_base);
    tcase_add_test(tc, test_extends_cycle);
    tcase_add_test(tc, test_extends_relative_paths);
    tcase_add_test(tc, test_extends_severity_disable_unknown_id);
    tcase_add_test(tc, test_severity_disable_own_rules);
    suite_add_tcase(s, tc);

    tc = tcase_create("parts");
    tcase_add_test(tc, test_part_replacement_keeps_rules_working);
    tcase_add_test(tc, test_new_rule_uses_new_part);
    suite_add_tcase(s, tc);

    tc = tcase_create("examples");
    tcase_add_test(tc, test_base_examples_run_with_derived_changes);
    suite_add_tcase(s, tc);

    tc = tcase_create("set");
    tcase_add_test(tc, test_set_severity_and_enabled);
    tcase_add_test(tc, test_set_deadline);
    tcase_add_test(tc, test_deadline_key_validation);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    return arc_test_run(suite());
}
