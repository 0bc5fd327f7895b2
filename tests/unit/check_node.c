/* check_node.c - loading rule sets: the YAML tree (rules_yaml.c, node.c)
 * and the schema checks (ruleset.c, eval_*.c parse functions).  Every error
 * must name the file, line, column and (inside a rule) the rule id. */
#include "testutil.h"
#include "node.h"
#include "rules.h"

#include <string.h>

/* Loads yaml, expects failure and returns the error. */
static arc_error load_fail(const char *yaml)
{
    arc_ruleset *rs = (arc_ruleset *)&rs;
    arc_error err;
    memset(&err, 0x55, sizeof err); /* every field must be filled */
    int rc = arc_ruleset_load_buffer(&rs, "t.yaml", yaml, strlen(yaml), &err);
    ck_assert_msg(rc == ARC_EPARSE, "expected ARC_EPARSE, got %d (%s)", rc,
                  rc ? err.message : "loaded");
    ck_assert_ptr_null(rs);
    ck_assert_int_eq(err.code, ARC_EPARSE);
    ck_assert_str_eq(err.file, "t.yaml");
    return err;
}

static void assert_contains(const char *hay, const char *needle)
{
    ck_assert_msg(strstr(hay, needle) != NULL, "“%s” not in “%s”", needle, hay);
}

/* A valid rule preceded by `version: 1` and a part `p`, for rule-level
 * tests: the rule under test starts on line 12. */
#define HEAD                                                                   \
    "version: 1\n"        /* 1 */                                              \
    "parts:\n"            /* 2 */                                              \
    "  - id: p\n"         /* 3 */                                              \
    "    name: 部分\n"    /* 4 */                                              \
    "    heading: [[甲]]\n" /* 5 */                                            \
    "rules:\n"            /* 6 */                                              \
    "  - id: ok.rule\n"   /* 7 */                                              \
    "    kind: numbering\n"                                                    \
    "    severity: info\n"                                                     \
    "    message: m\n"                                                         \
    "    check: gap\n"    /* 11 */

/* ------------------------------------------------------------ valid */

START_TEST(test_minimal_valid)
{
    const char *yaml = "version: 1\n"
                       "name: 测试规则\n"
                       "rules:\n"
                       "  - id: num.gap\n"
                       "    kind: numbering\n"
                       "    severity: warning\n"
                       "    message: '序号应为{expected}'\n"
                       "    description: 序号连续\n"
                       "    check: gap\n"
                       "  - id: num.dup\n"
                       "    kind: numbering\n"
                       "    severity: error\n"
                       "    message: 重复\n"
                       "    enabled: false\n"
                       "    check: duplicate\n";
    arc_ruleset *rs = NULL;
    arc_error err = {0};
    ck_assert_int_eq(
        arc_ruleset_load_buffer(&rs, "t.yaml", yaml, strlen(yaml), &err), 0);
    ck_assert_ptr_nonnull(rs);
    /* The two YAML rules and the two built-in ones. */
    ck_assert_uint_eq(arc_ruleset_rule_count(rs), 4);
    ck_assert_str_eq(arc_ruleset_rule_id(rs, 0), "num.gap");
    ck_assert_str_eq(arc_ruleset_rule_id(rs, 1), "num.dup");
    ck_assert_str_eq(arc_ruleset_rule_id(rs, 2), "input.unreadable");
    ck_assert_str_eq(arc_ruleset_rule_id(rs, 3), "rule.error");
    ck_assert_ptr_null(arc_ruleset_rule_id(rs, 4));
    ck_assert_int_eq(arc_ruleset_rule_severity(rs, 0), ARC_SEV_WARNING);
    ck_assert_int_eq(arc_ruleset_rule_severity(rs, 1), ARC_SEV_ERROR);
    ck_assert_int_eq(arc_ruleset_rule_severity(rs, 7), ARC_SEV_INFO);
    ck_assert_str_eq(arc_ruleset_rule_description(rs, 0), "序号连续");
    ck_assert_str_eq(arc_ruleset_rule_description(rs, 1), "");
    ck_assert_ptr_nonnull(strstr(arc_ruleset_rule_description(rs, 2),
                                 "原因见消息"));
    ck_assert_ptr_nonnull(strstr(arc_ruleset_rule_description(rs, 3),
                                 "PCRE2"));
    ck_assert_ptr_null(arc_ruleset_rule_description(rs, 4));
    ck_assert_int_eq(rs->rules[0].enabled, 1);
    ck_assert_int_eq(rs->rules[1].enabled, 0);
    ck_assert_str_eq(rs->rules[0].message, "序号应为{expected}");
    ck_assert_str_eq(rs->name, "测试规则");
    /* Document defaults. */
    ck_assert_uint_eq(rs->doc.max_title_chars, 60);
    ck_assert_uint_eq(rs->doc.max_heading_chars, 60);
    ck_assert_uint_eq(rs->doc.chrome.n, 0);
    ck_assert_uint_eq(rs->doc.ntypes, 0);
    ck_assert_str_eq(rs->profile, "annual-report");
    arc_ruleset_free(rs);
    arc_ruleset_free(NULL);
}
END_TEST

START_TEST(test_empty_rules_list_and_no_rules)
{
    /* No YAML rules: only the two built-in ones. */
    arc_ruleset *rs = arc_test_rules("version: 1\nrules: []\n");
    ck_assert_uint_eq(arc_ruleset_rule_count(rs), 2);
    ck_assert_str_eq(arc_ruleset_rule_id(rs, 0), "input.unreadable");
    ck_assert_int_eq(arc_ruleset_rule_enabled(rs, 0), 1);
    ck_assert_int_eq(arc_ruleset_rule_severity(rs, 0), ARC_SEV_ERROR);
    arc_ruleset_free(rs);
}
END_TEST

START_TEST(test_default_rules_load)
{
    arc_ruleset *rs = arc_test_default_rules();
    /* doc_type must come first: it stops the rules after it. */
    ck_assert_uint_ge(arc_ruleset_rule_count(rs), 8);
    ck_assert_str_eq(arc_ruleset_rule_id(rs, 0), "doc.type");
    static const char *const ids[] = {
        "section.missing",        "section.prose-only", "section.order",
        "section.empty",          "shortcomings.no-causes",
        "numbering.gap",          "numbering.duplicate"};
    for (size_t k = 0; k < sizeof ids / sizeof ids[0]; k++) {
        size_t i = 0;
        while (i < arc_ruleset_rule_count(rs) &&
               strcmp(arc_ruleset_rule_id(rs, i), ids[k]) != 0)
            i++;
        ck_assert_msg(i < arc_ruleset_rule_count(rs), "no rule %s", ids[k]);
        ck_assert_str_ne(arc_ruleset_rule_description(rs, i), "");
    }
    ck_assert_int_eq(arc_ruleset_rule_severity(rs, 0), ARC_SEV_ERROR);
    /* The last YAML rules compare reports (file.duplicate, copy.*,
     * plan.not-followed), then the built-ins. */
    /* The set's own rules (the public accessors list its profiles' rules
     * after them). */
    size_t n = rs->nrules;
    ck_assert_str_eq(rs->rules[n - 6].id, "file.duplicate");
    ck_assert_str_eq(rs->rules[n - 6].kind->name, "duplicate");
    ck_assert(rs->rules[n - 6].kind->corpus != NULL);
    ck_assert_int_eq(rs->rules[n - 6].severity, ARC_SEV_WARNING);
    const char *across[] = {"copy.between-units", "copy.previous-year",
                            "plan.not-followed"};
    for (size_t k = 0; k < 3; k++) {
        ck_assert_str_eq(rs->rules[n - 5 + k].id, across[k]);
        ck_assert(rs->rules[n - 5 + k].kind->corpus != NULL);
    }
    ck_assert_str_eq(rs->rules[n - 2].id, "input.unreadable");
    ck_assert_int_eq(rs->rules[n - 2].builtin, 1);
    ck_assert_str_eq(rs->rules[n - 1].id, "rule.error");
    ck_assert_int_eq(rs->rules[n - 1].builtin, 1);
    ck_assert_uint_eq(rs->nparts, 4);
    ck_assert_int_eq(arc_ruleset_part(rs, "next_year"), 3);
    ck_assert_int_eq(arc_ruleset_part(rs, "nothing"), -1);
    /* The chrome list is matched as one union. */
    ck_assert_uint_eq(rs->doc.chrome.n, 1);
    ck_assert_ptr_nonnull(rs->doc.title_end);
    ck_assert_ptr_nonnull(rs->doc.title_strip);
    ck_assert_uint_gt(rs->doc.nlabels, 1);
    ck_assert_uint_gt(rs->doc.nyear_rules, 1);
    /* The type the rules check is among the types, as the fallback. */
    size_t fb = 0;
    for (size_t i = 0; i < rs->doc.ntypes; i++)
        if (rs->doc.types[i].fallback) {
            fb++;
            ck_assert_str_eq(rs->doc.types[i].id, rs->profile);
        }
    ck_assert_uint_eq(fb, 1);
    arc_ruleset_free(rs);
}
END_TEST

START_TEST(test_load_file_missing)
{
    arc_ruleset *rs = (arc_ruleset *)&rs;
    arc_error err = {0};
    ck_assert_int_eq(arc_ruleset_load(&rs, "/nonexistent/dir/r.yaml", &err),
                     ARC_EIO);
    ck_assert_ptr_null(rs);
    ck_assert_str_eq(err.file, "/nonexistent/dir/r.yaml");
    ck_assert_int_eq(err.line, 0);
}
END_TEST

START_TEST(test_document_settings)
{
    arc_ruleset *rs = arc_test_rules("version: 1\n"
                                     "document:\n"
                                     "  max_title_chars: 30\n"
                                     "  max_heading_chars: 45\n"
                                     "  chrome: '^来源'\n"
                                     "rules: []\n");
    ck_assert_uint_eq(rs->doc.max_title_chars, 30);
    ck_assert_uint_eq(rs->doc.max_heading_chars, 45);
    ck_assert_uint_eq(rs->doc.chrome.n, 1);
    ck_assert_ptr_null(rs->doc.title_end);
    arc_ruleset_free(rs);
}
END_TEST

/* ------------------------------------------------------------ YAML level */

START_TEST(test_yaml_syntax_error)
{
    /* A key indented under a scalar value: libyaml points at the ':'. */
    arc_error err = load_fail("version: 1\n"
                              "name: x\n"
                              "  bad: y\n"
                              "rules: []\n");
    ck_assert_int_eq(err.line, 3);
    ck_assert_int_eq(err.column, 6);
    ck_assert_str_eq(err.message,
                     "YAML 语法错误：mapping values are not allowed in this "
                     "context");
    ck_assert_str_eq(err.rule, "");

    /* A tab where indentation is expected (libyaml's wording varies by
     * version, the position does not). */
    err = load_fail("version: 1\n"
                    "\trules: []\n");
    ck_assert_int_eq(err.line, 2);
    ck_assert_int_eq(err.column, 1);
    assert_contains(err.message, "YAML 语法错误：");
}
END_TEST

START_TEST(test_yaml_syntax_error_unclosed_flow)
{
    arc_error err = load_fail("version: 1\n"
                              "rules: [a, b\n"
                              "name: x\n");
    assert_contains(err.message, "YAML 语法错误");
    assert_contains(err.message, "did not find expected ',' or ']'");
    ck_assert_int_eq(err.line, 3);
    ck_assert_int_eq(err.column, 5);
}
END_TEST

START_TEST(test_duplicate_mapping_key)
{
    arc_error err = load_fail("version: 1\n"
                              "rules: []\n"
                              "version: 1\n");
    ck_assert_int_eq(err.line, 3);
    ck_assert_int_eq(err.column, 1);
    ck_assert_str_eq(err.message, "重复的键“version”");

    /* Inside a rule, with the rule id. */
    err = load_fail("version: 1\n"
                    "rules:\n"
                    "  - id: dup.key\n"
                    "    kind: numbering\n"
                    "    severity: info\n"
                    "    message: a\n"
                    "    check: gap\n"
                    "    message: b\n");
    ck_assert_int_eq(err.line, 8);
    ck_assert_int_eq(err.column, 5);
    ck_assert_str_eq(err.message, "重复的键“message”");
}
END_TEST

START_TEST(test_alias_rejected)
{
    arc_error err = load_fail("version: 1\n"
                              "name: &n 别名\n"
                              "description: *n\n"
                              "rules: []\n");
    ck_assert_int_eq(err.line, 3);
    ck_assert_int_eq(err.column, 14);
    ck_assert_str_eq(err.message, "规则文件不支持 YAML 别名（*）");
}
END_TEST

START_TEST(test_empty_file)
{
    arc_error err = load_fail("");
    ck_assert_int_eq(err.line, 1);
    ck_assert_int_eq(err.column, 1);
    ck_assert_str_eq(err.message, "规则文件为空");
    ck_assert_str_eq(err.rule, "");
    /* Comments only. */
    err = load_fail("# 只有注释\n\n");
    ck_assert_str_eq(err.message, "规则文件为空");
}
END_TEST

START_TEST(test_nesting_too_deep)
{
    /* 65 nested flow sequences: the 65th '[' (column 65) is refused. */
    char yaml[256];
    size_t n = 0;
    for (int i = 0; i < 65; i++)
        yaml[n++] = '[';
    for (int i = 0; i < 65; i++)
        yaml[n++] = ']';
    yaml[n++] = '\n';
    yaml[n] = '\0';
    arc_error err = load_fail(yaml);
    ck_assert_int_eq(err.line, 1);
    ck_assert_int_eq(err.column, 65);
    ck_assert_str_eq(err.message, "嵌套过深（超过 64 层）");
}
END_TEST

START_TEST(test_root_not_mapping)
{
    arc_error err = load_fail("- version: 1\n");
    ck_assert_int_eq(err.line, 1);
    ck_assert_int_eq(err.column, 1);
    ck_assert_str_eq(err.message, "应为映射（键: 值）");
}
END_TEST

/* ------------------------------------------------------------ top level */

START_TEST(test_unknown_top_level_key)
{
    arc_error err = load_fail("version: 1\n"
                              "rulez: []\n"
                              "rules: []\n");
    ck_assert_int_eq(err.line, 2);
    ck_assert_int_eq(err.column, 1);
    assert_contains(err.message, "未知的键“rulez”（可用：version, ");
    static const char *const keys[] = {", name", ", description",
                                       ", document", ", parts", ", rules"};
    for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++)
        assert_contains(err.message, keys[i]);
    ck_assert_str_eq(err.rule, "");
}
END_TEST

START_TEST(test_version_required_and_only_1)
{
    arc_error err = load_fail("version: 2\n"
                              "rules: []\n");
    ck_assert_int_eq(err.line, 1);
    ck_assert_int_eq(err.column, 10);
    ck_assert_str_eq(err.message, "“version”应为 1 到 1 之间的整数");

    err = load_fail("name: x\n"
                    "version: '1'\n"
                    "rules: []\n");
    ck_assert_int_eq(err.line, 2);
    ck_assert_int_eq(err.column, 10);

    err = load_fail("name: x\n"
                    "rules: []\n");
    ck_assert_int_eq(err.line, 1);
    ck_assert_int_eq(err.column, 1);
    ck_assert_str_eq(err.message, "缺少必需的键“version”");
}
END_TEST

START_TEST(test_missing_rules)
{
    arc_error err = load_fail("version: 1\n"
                              "name: 没有规则\n");
    ck_assert_int_eq(err.line, 1);
    ck_assert_int_eq(err.column, 1);
    ck_assert_str_eq(err.message, "缺少必需的键“rules”");
}
END_TEST

START_TEST(test_wrong_type_string_for_list)
{
    arc_error err = load_fail("version: 1\n"
                              "rules: 全部\n");
    ck_assert_int_eq(err.line, 2);
    ck_assert_int_eq(err.column, 8);
    ck_assert_str_eq(err.message, "rules 应为列表");

    err = load_fail("version: 1\n"
                    "parts: measures\n"
                    "rules: []\n");
    ck_assert_int_eq(err.line, 2);
    ck_assert_int_eq(err.column, 8);
    ck_assert_str_eq(err.message, "parts 应为列表");

    /* heading must be a list of key-word groups. */
    err = load_fail("version: 1\n"
                    "parts:\n"
                    "  - id: p\n"
                    "    name: 部分\n"
                    "    heading: 举措\n"
                    "rules: []\n");
    ck_assert_int_eq(err.line, 5);
    ck_assert_int_eq(err.column, 14);
    ck_assert_str_eq(err.message, "应为关键词组的列表");

    /* A mapping where a string is expected. */
    err = load_fail("version: 1\n"
                    "name: {a: b}\n"
                    "rules: []\n");
    ck_assert_int_eq(err.line, 2);
    ck_assert_int_eq(err.column, 7);
    ck_assert_str_eq(err.message, "“name”应为字符串");
}
END_TEST

START_TEST(test_wrong_type_in_rule_list_key)
{
    /* part_presence parts: a mapping is not a list of strings. */
    arc_error err = load_fail(HEAD "  - id: pp\n"
                                   "    kind: part_presence\n"
                                   "    severity: error\n"
                                   "    message: m\n"
                                   "    report: missing\n"
                                   "    parts: {p: 1}\n");
    ck_assert_int_eq(err.line, 17);
    ck_assert_int_eq(err.column, 12);
    ck_assert_str_eq(err.message, "“parts”应为字符串列表");
    ck_assert_str_eq(err.rule, "pp");
}
END_TEST

START_TEST(test_document_errors)
{
    arc_error err = load_fail("version: 1\n"
                              "document:\n"
                              "  max_title_chars: 0\n"
                              "rules: []\n");
    ck_assert_int_eq(err.line, 3);
    ck_assert_int_eq(err.column, 20);
    ck_assert_str_eq(err.message, "“max_title_chars”应为 1 到 1000 之间的整数");

    err = load_fail("version: 1\n"
                    "document:\n"
                    "  title_ends: '报告$'\n"
                    "rules: []\n");
    ck_assert_int_eq(err.line, 3);
    ck_assert_int_eq(err.column, 3);
    assert_contains(err.message, "未知的键“title_ends”");
}
END_TEST

/* ------------------------------------------------------------ rules */

START_TEST(test_unknown_key_in_rule_lists_allowed)
{
    arc_error err = load_fail(HEAD "  - id: r1\n"
                                   "    kind: numbering\n"
                                   "    severity: warning\n"
                                   "    message: m\n"
                                   "    check: gap\n"
                                   "    colour: red\n");
    ck_assert_int_eq(err.line, 17);
    ck_assert_int_eq(err.column, 5);
    /* The list names the common keys and the kind's own keys. */
    assert_contains(err.message, "未知的键“colour”（可用：");
    assert_contains(err.message, "id, kind, severity, message, description, "
                                 "basis, enabled");
    assert_contains(err.message, "check）");
    ck_assert_str_eq(err.rule, "r1");
}
END_TEST

START_TEST(test_missing_rule_id)
{
    arc_error err = load_fail(HEAD "  - kind: numbering\n"
                                   "    severity: warning\n"
                                   "    message: m\n"
                                   "    check: gap\n");
    ck_assert_int_eq(err.line, 12);
    ck_assert_int_eq(err.column, 5);
    ck_assert_str_eq(err.message, "缺少必需的键“id”");
    ck_assert_str_eq(err.rule, "");
}
END_TEST

START_TEST(test_missing_rule_kind)
{
    arc_error err = load_fail(HEAD "  - id: no.kind\n"
                                   "    severity: warning\n"
                                   "    message: m\n");
    ck_assert_int_eq(err.line, 12);
    ck_assert_int_eq(err.column, 5);
    ck_assert_str_eq(err.message, "缺少必需的键“kind”");
    ck_assert_str_eq(err.rule, "no.kind");
}
END_TEST

START_TEST(test_missing_rule_severity)
{
    arc_error err = load_fail(HEAD "  - id: no.sev\n"
                                   "    kind: numbering\n"
                                   "    message: m\n"
                                   "    check: gap\n");
    ck_assert_int_eq(err.line, 12);
    ck_assert_int_eq(err.column, 5);
    ck_assert_str_eq(err.message, "缺少必需的键“severity”");
    ck_assert_str_eq(err.rule, "no.sev");
}
END_TEST

START_TEST(test_missing_rule_message)
{
    arc_error err = load_fail(HEAD "  - id: no.msg\n"
                                   "    kind: numbering\n"
                                   "    severity: info\n"
                                   "    check: gap\n");
    ck_assert_int_eq(err.line, 12);
    ck_assert_int_eq(err.column, 5);
    ck_assert_str_eq(err.message, "缺少必需的键“message”");
    ck_assert_str_eq(err.rule, "no.msg");
}
END_TEST

START_TEST(test_missing_kind_key)
{
    /* A key the kind requires (numbering: check). */
    arc_error err = load_fail(HEAD "  - id: no.check\n"
                                   "    kind: numbering\n"
                                   "    severity: info\n"
                                   "    message: m\n");
    ck_assert_int_eq(err.line, 12);
    ck_assert_int_eq(err.column, 5);
    ck_assert_str_eq(err.message, "缺少必需的键“check”");
    ck_assert_str_eq(err.rule, "no.check");

    err = load_fail(HEAD "  - id: bad.check\n"
                         "    kind: numbering\n"
                         "    severity: info\n"
                         "    message: m\n"
                         "    check: gaps\n");
    ck_assert_int_eq(err.line, 16);
    ck_assert_int_eq(err.column, 12);
    ck_assert_str_eq(err.message, "check 应为 gap 或 duplicate");
}
END_TEST

START_TEST(test_unknown_kind)
{
    arc_error err = load_fail(HEAD "  - id: k\n"
                                   "    kind: numberng\n"
                                   "    severity: info\n"
                                   "    message: m\n");
    ck_assert_int_eq(err.line, 13);
    ck_assert_int_eq(err.column, 11);
    assert_contains(err.message, "未知的规则类型“numberng”（可用：");
    assert_contains(err.message, "doc_type, part_presence, part_order, "
                                 "part_requires, empty_heading, numbering");
    ck_assert_str_eq(err.rule, "k");
}
END_TEST

START_TEST(test_bad_severity)
{
    arc_error err = load_fail(HEAD "  - id: s\n"
                                   "    kind: numbering\n"
                                   "    severity: fatal\n"
                                   "    message: m\n"
                                   "    check: gap\n");
    ck_assert_int_eq(err.line, 14);
    ck_assert_int_eq(err.column, 15);
    ck_assert_str_eq(err.message, "severity 应为 error、warning 或 info");
    ck_assert_str_eq(err.rule, "s");
}
END_TEST

START_TEST(test_bad_enabled)
{
    arc_error err = load_fail(HEAD "  - id: e\n"
                                   "    kind: numbering\n"
                                   "    severity: info\n"
                                   "    message: m\n"
                                   "    enabled: 'true'\n"
                                   "    check: gap\n");
    ck_assert_int_eq(err.line, 16);
    ck_assert_int_eq(err.column, 14);
    ck_assert_str_eq(err.message, "“enabled”应为 true 或 false");
}
END_TEST

START_TEST(test_duplicate_rule_id)
{
    arc_error err = load_fail(HEAD "  - id: ok.rule\n"
                                   "    kind: numbering\n"
                                   "    severity: info\n"
                                   "    message: m\n"
                                   "    check: duplicate\n");
    ck_assert_int_eq(err.line, 12);
    ck_assert_int_eq(err.column, 9);
    ck_assert_str_eq(err.message, "规则 id“ok.rule”重复");
    ck_assert_str_eq(err.rule, "ok.rule");
}
END_TEST

START_TEST(test_duplicate_part_id)
{
    arc_error err = load_fail("version: 1\n"
                              "parts:\n"
                              "  - id: p\n"
                              "    name: 甲\n"
                              "    heading: [[甲]]\n"
                              "  - id: p\n"
                              "    name: 乙\n"
                              "    heading: [[乙]]\n"
                              "rules: []\n");
    ck_assert_int_eq(err.line, 6);
    ck_assert_int_eq(err.column, 5);
    ck_assert_str_eq(err.message, "部分 id“p”重复");
}
END_TEST

START_TEST(test_rule_not_mapping)
{
    arc_error err = load_fail("version: 1\n"
                              "rules:\n"
                              "  - just-a-string\n");
    ck_assert_int_eq(err.line, 3);
    ck_assert_int_eq(err.column, 5);
    ck_assert_str_eq(err.message, "规则应为映射（键: 值）");
}
END_TEST

/* ------------------------------------------------------------ patterns */

START_TEST(test_invalid_pattern_in_rule)
{
    /*        1234567890123 */
    /* line 9 "      - '要点|*无效'" : ' at 9, * at 13 */
    arc_error err = load_fail("version: 1\n"
                              "rules:\n"
                              "  - id: t.pat\n"
                              "    kind: pattern\n"
                              "    severity: error\n"
                              "    message: m\n"
                              "    patterns:\n"
                              "      - '要点'\n"
                              "      - '要点|*无效'\n");
    ck_assert_str_eq(err.rule, "t.pat");
    ck_assert_int_eq(err.line, 9);
    ck_assert_int_eq(err.column, 13);
    assert_contains(err.message, "无效的正则表达式");
    assert_contains(err.message, "quantifier does not follow a repeatable item");
}
END_TEST

START_TEST(test_invalid_pattern_plain_scalar)
{
    /* line 5 "    labels: 附件(" : value at col 13, error at the end of
     * the pattern (col 16) */
    arc_error err = load_fail("version: 1\n"
                              "rules:\n"
                              "  - id: e.h\n"
                              "    kind: empty_heading\n"
                              "    labels: 附件(\n"
                              "    severity: info\n"
                              "    message: m\n");
    ck_assert_str_eq(err.rule, "e.h");
    ck_assert_int_eq(err.line, 5);
    ck_assert_int_eq(err.column, 16);
    assert_contains(err.message, "missing closing parenthesis");
}
END_TEST

START_TEST(test_invalid_pattern_in_document)
{
    /* line 3 "  chrome: '^(当前位置'" : ' at 11, end of pattern at col 18 */
    arc_error err = load_fail("version: 1\n"
                              "document:\n"
                              "  chrome: '^(当前位置'\n"
                              "rules: []\n");
    ck_assert_int_eq(err.line, 3);
    ck_assert_int_eq(err.column, 18);
    assert_contains(err.message, "missing closing parenthesis");
    ck_assert_str_eq(err.rule, "");
}
END_TEST

START_TEST(test_invalid_pattern_in_part_prose)
{
    /* line 6 "      - '[不足'" : ' at 9, end at col 13 */
    arc_error err = load_fail("version: 1\n"
                              "parts:\n"
                              "  - id: p\n"
                              "    name: 部分\n"
                              "    prose:\n"
                              "      - '[不足'\n"
                              "    thematic: true\n"
                              "rules: []\n");
    ck_assert_int_eq(err.line, 6);
    ck_assert_int_eq(err.column, 13);
    assert_contains(err.message, "missing terminating ] for character class");
}
END_TEST

/*
 * Regression: in a double-quoted scalar with escapes the decoded value is
 * shorter than its source ("\\d" is 3 source characters for 2 value
 * characters), so an offset inside the value cannot be mapped to a source
 * column; the error points at the scalar's opening quote instead of a wrong
 * character.
 */
START_TEST(test_invalid_pattern_double_quoted_escape)
{
    arc_error err = load_fail("version: 1\n"
                              "rules:\n"
                              "  - id: e.h\n"
                              "    kind: empty_heading\n"
                              "    labels: \"\\\\d|*\"\n"
                              "    severity: info\n"
                              "    message: m\n");
    /* Source line: `    labels: "\\d|*"`: the opening '"' is column 13. */
    ck_assert_int_eq(err.line, 5);
    ck_assert_int_eq(err.column, 13);
}
END_TEST

START_TEST(test_empty_keyword_group)
{
    arc_error err = load_fail("version: 1\n"
                              "parts:\n"
                              "  - id: p\n"
                              "    name: 部分\n"
                              "    heading: [[甲, '']]\n"
                              "rules: []\n");
    ck_assert_int_eq(err.line, 5);
    ck_assert_int_eq(err.column, 19);
    ck_assert_str_eq(err.message, "关键词应为非空字符串");

    err = load_fail("version: 1\n"
                    "parts:\n"
                    "  - id: p\n"
                    "    name: 部分\n"
                    "    heading: [[]]\n"
                    "rules: []\n");
    ck_assert_int_eq(err.line, 5);
    ck_assert_int_eq(err.column, 15);
    ck_assert_str_eq(err.message, "关键词组不能为空");
}
END_TEST

/* ------------------------------------------------------------ part ids */

START_TEST(test_unknown_part_in_part_requires)
{
    arc_error err = load_fail(HEAD "  - id: req\n"
                                   "    kind: part_requires\n"
                                   "    severity: warning\n"
                                   "    message: m\n"
                                   "    part: nothing\n"
                                   "    any: [原因]\n");
    ck_assert_int_eq(err.line, 16);
    ck_assert_int_eq(err.column, 11);
    ck_assert_str_eq(err.message, "“nothing”不是 parts 中定义的部分");
    ck_assert_str_eq(err.rule, "req");
}
END_TEST

START_TEST(test_unknown_part_in_flow_list)
{
    /* line 16 "    order: [p, zz]" : '[' at 12, zz at 16 */
    arc_error err = load_fail(HEAD "  - id: ord\n"
                                   "    kind: part_order\n"
                                   "    severity: warning\n"
                                   "    message: m\n"
                                   "    order: [p, zz]\n");
    ck_assert_int_eq(err.line, 16);
    ck_assert_str_eq(err.message, "“zz”不是 parts 中定义的部分");
    ck_assert_str_eq(err.rule, "ord");
}
END_TEST

/*
 * Regression (eval_part_presence.c:56, eval_part_order.c:44, also eval_year.c:63):
 * an unknown part id in a block list is reported at the position of the
 * whole list (its first item), not at the unknown item, so the line is wrong
 * when the list spans several lines.  Here "zz" is at 19:9 but the error
 * says 18:7.  Fix: when the value is a sequence, fail at
 * arc_node_get(node, "parts")->items[i] (e.g. a helper
 * arc_node_item(map, key, i) returning the item node, or the scalar itself).
 */
START_TEST(test_unknown_part_in_block_list_points_at_item)
{
    arc_error err = load_fail(HEAD "  - id: pres\n"
                                   "    kind: part_presence\n"
                                   "    severity: error\n"
                                   "    message: m\n"
                                   "    report: missing\n"
                                   "    parts:\n"
                                   "      - p\n"
                                   "      - zz\n");
    ck_assert_str_eq(err.message, "“zz”不是 parts 中定义的部分");
    ck_assert_str_eq(err.rule, "pres");
    ck_assert_int_eq(err.line, 19);
    ck_assert_int_eq(err.column, 9);
}
END_TEST

START_TEST(test_part_order_needs_two)
{
    arc_error err = load_fail(HEAD "  - id: ord\n"
                                   "    kind: part_order\n"
                                   "    severity: warning\n"
                                   "    message: m\n"
                                   "    order: p\n");
    ck_assert_int_eq(err.line, 16);
    ck_assert_int_eq(err.column, 12);
    ck_assert_str_eq(err.message, "order 至少需要两个部分");
}
END_TEST

START_TEST(test_part_presence_report_value)
{
    arc_error err = load_fail(HEAD "  - id: pres\n"
                                   "    kind: part_presence\n"
                                   "    severity: error\n"
                                   "    message: m\n"
                                   "    report: absent\n"
                                   "    parts: [p]\n");
    ck_assert_int_eq(err.line, 16);
    ck_assert_int_eq(err.column, 13);
    ck_assert_str_eq(err.message, "report 应为 missing 或 prose");
}
END_TEST

START_TEST(test_doc_type_types_required)
{
    /* Types are a fact now (document: types): a doc_type rule that still
     * lists them says where they went. */
    arc_error err = load_fail(HEAD "  - id: dt\n"
                                   "    kind: doc_type\n"
                                   "    severity: error\n"
                                   "    message: m\n"
                                   "    types: []\n");
    ck_assert_int_eq(err.line, 16);
    ck_assert_int_eq(err.column, 12);
    assert_contains(err.message, "document: types");
    ck_assert_str_eq(err.rule, "dt");
}
END_TEST

START_TEST(test_part_needs_heading_or_thematic)
{
    arc_error err = load_fail("version: 1\n"
                              "parts:\n"
                              "  - id: lonely\n"
                              "    name: 孤立\n"
                              "rules: []\n");
    ck_assert_int_eq(err.line, 3);
    ck_assert_int_eq(err.column, 5);
    ck_assert_str_eq(err.message,
                     "部分“lonely”需要 heading 关键词组或 thematic: true");
}
END_TEST

/* ------------------------------------------------------------ node API */

START_TEST(test_node_tree_positions)
{
    arc_error err = {0};
    arc_load_ctx cx = {"n.yaml", NULL, &err};
    arc_node *root = NULL;
    const char *yaml = "a: 1\n"
                       "b:\n"
                       "  - 青禾\n"
                       "  - \"x\"\n"
                       "c: {d: 甲乙, e: f}\n";
    ck_assert_int_eq(arc_node_parse(&root, yaml, strlen(yaml), &cx), 0);
    ck_assert_int_eq(root->type, ARC_NODE_MAP);
    ck_assert_uint_eq(root->n, 3);
    const arc_node *b = arc_node_get(root, "b");
    ck_assert_ptr_nonnull(b);
    ck_assert_int_eq(b->type, ARC_NODE_SEQ);
    ck_assert_uint_eq(b->n, 2);
    ck_assert_str_eq(b->items[0]->value, "青禾");
    ck_assert_uint_eq(b->items[0]->len, 6);
    ck_assert_int_eq(b->items[0]->line, 3);
    ck_assert_int_eq(b->items[0]->column, 5);
    ck_assert_int_eq(b->items[0]->quoted, 0);
    ck_assert_int_eq(b->items[1]->quoted, 1);
    /* Columns count characters: "c: {d: 甲乙, e: f}" -> e at 12. */
    const arc_node *c = arc_node_get(root, "c");
    ck_assert_int_eq(c->keys[1]->line, 5);
    ck_assert_int_eq(c->keys[1]->column, 12);
    ck_assert_ptr_null(arc_node_get(root, "zzz"));
    ck_assert_ptr_null(arc_node_get(b, "a"));
    long v = 0;
    ck_assert_int_eq(arc_node_int(&cx, root, "a", 1, 0, 5, &v), 0);
    ck_assert_int_eq(v, 1);
    char **strs = NULL;
    size_t n = 0;
    ck_assert_int_eq(arc_node_strs(&cx, root, "b", 1, &strs, &n), 0);
    ck_assert_uint_eq(n, 2);
    ck_assert_str_eq(strs[1], "x");
    arc_strs_free(strs, n);
    /* A single scalar is a list of one. */
    ck_assert_int_eq(arc_node_strs(&cx, root, "a", 1, &strs, &n), 0);
    ck_assert_uint_eq(n, 1);
    ck_assert_str_eq(strs[0], "1");
    arc_strs_free(strs, n);
    /* Mapping items are refused with the item's position. */
    ck_assert_int_eq(arc_node_strs(&cx, root, "c", 1, &strs, &n), ARC_EPARSE);
    ck_assert_int_eq(err.line, 5);
    ck_assert_int_eq(err.column, 4);
    ck_assert_str_eq(err.file, "n.yaml");
    arc_node_free(root);
    arc_node_free(NULL);
}
END_TEST

START_TEST(test_node_int_range)
{
    arc_error err = {0};
    arc_load_ctx cx = {"n.yaml", "r.id", &err};
    arc_node *root = NULL;
    const char *yaml = "a: 12x\nb: 1001\nc: -3\nd: 7\n";
    ck_assert_int_eq(arc_node_parse(&root, yaml, strlen(yaml), &cx), 0);
    long v = 42;
    ck_assert_int_eq(arc_node_int(&cx, root, "a", 0, 1, 1000, &v), ARC_EPARSE);
    ck_assert_int_eq(err.line, 1);
    ck_assert_int_eq(err.column, 4);
    ck_assert_str_eq(err.rule, "r.id");
    ck_assert_int_eq(arc_node_int(&cx, root, "b", 0, 1, 1000, &v), ARC_EPARSE);
    ck_assert_int_eq(err.line, 2);
    ck_assert_int_eq(arc_node_int(&cx, root, "c", 0, 1, 1000, &v), ARC_EPARSE);
    ck_assert_int_eq(v, 42);
    ck_assert_int_eq(arc_node_int(&cx, root, "d", 0, 1, 1000, &v), 0);
    ck_assert_int_eq(v, 7);
    /* Missing optional key leaves the value. */
    ck_assert_int_eq(arc_node_int(&cx, root, "zz", 0, 1, 1000, &v), 0);
    ck_assert_int_eq(v, 7);
    arc_node_free(root);
}
END_TEST

static Suite *suite(void)
{
    Suite *s = suite_create("node");
    TCase *tc = tcase_create("valid");
    tcase_add_test(tc, test_minimal_valid);
    tcase_add_test(tc, test_empty_rules_list_and_no_rules);
    tcase_add_test(tc, test_default_rules_load);
    tcase_add_test(tc, test_load_file_missing);
    tcase_add_test(tc, test_document_settings);
    suite_add_tcase(s, tc);

    tc = tcase_create("yaml");
    tcase_add_test(tc, test_yaml_syntax_error);
    tcase_add_test(tc, test_yaml_syntax_error_unclosed_flow);
    tcase_add_test(tc, test_duplicate_mapping_key);
    tcase_add_test(tc, test_alias_rejected);
    tcase_add_test(tc, test_empty_file);
    tcase_add_test(tc, test_nesting_too_deep);
    tcase_add_test(tc, test_root_not_mapping);
    suite_add_tcase(s, tc);

    tc = tcase_create("schema");
    tcase_add_test(tc, test_unknown_top_level_key);
    tcase_add_test(tc, test_version_required_and_only_1);
    tcase_add_test(tc, test_missing_rules);
    tcase_add_test(tc, test_wrong_type_string_for_list);
    tcase_add_test(tc, test_wrong_type_in_rule_list_key);
    tcase_add_test(tc, test_document_errors);
    tcase_add_test(tc, test_unknown_key_in_rule_lists_allowed);
    tcase_add_test(tc, test_missing_rule_id);
    tcase_add_test(tc, test_missing_rule_kind);
    tcase_add_test(tc, test_missing_rule_severity);
    tcase_add_test(tc, test_missing_rule_message);
    tcase_add_test(tc, test_missing_kind_key);
    tcase_add_test(tc, test_unknown_kind);
    tcase_add_test(tc, test_bad_severity);
    tcase_add_test(tc, test_bad_enabled);
    tcase_add_test(tc, test_duplicate_rule_id);
    tcase_add_test(tc, test_duplicate_part_id);
    tcase_add_test(tc, test_rule_not_mapping);
    suite_add_tcase(s, tc);

    tc = tcase_create("patterns");
    tcase_add_test(tc, test_invalid_pattern_in_rule);
    tcase_add_test(tc, test_invalid_pattern_plain_scalar);
    tcase_add_test(tc, test_invalid_pattern_in_document);
    tcase_add_test(tc, test_invalid_pattern_in_part_prose);
    tcase_add_test(tc, test_invalid_pattern_double_quoted_escape);
    tcase_add_test(tc, test_empty_keyword_group);
    suite_add_tcase(s, tc);

    tc = tcase_create("parts");
    tcase_add_test(tc, test_unknown_part_in_part_requires);
    tcase_add_test(tc, test_unknown_part_in_flow_list);
    tcase_add_test(tc, test_unknown_part_in_block_list_points_at_item);
    tcase_add_test(tc, test_part_order_needs_two);
    tcase_add_test(tc, test_part_presence_report_value);
    tcase_add_test(tc, test_doc_type_types_required);
    tcase_add_test(tc, test_part_needs_heading_or_thematic);
    suite_add_tcase(s, tc);

    tc = tcase_create("node");
    tcase_add_test(tc, test_node_tree_positions);
    tcase_add_test(tc, test_node_int_range);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    return arc_test_run(suite());
}
