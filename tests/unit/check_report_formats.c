/* check_report_formats.c - the machine formats (report_json.c,
 * report_github.c, report_sarif.c, report_junit.c) and the summary
 * (report_csv.c) through arc_writer_open / arc_writer_result (results
 * made of given findings and scorecards, or checked by the pipeline) /
 * arc_writer_write / arc_writer_close. */
#include "testutil.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* ------------------------------------------------------------ helpers */

typedef struct {
    char dir[64];
    char path[128];
    arc_writer *w;
} out;

/* Opens a writer of `format` to a file in a new temporary directory. */
static arc_writer *out_open(out *o, const char *format, const arc_ruleset *rs)
{
    snprintf(o->dir, sizeof o->dir, "/tmp/arc-formats-XXXXXX");
    ck_assert_ptr_nonnull(mkdtemp(o->dir));
    snprintf(o->path, sizeof o->path, "%s/report.out", o->dir);
    arc_error err = {0};
    o->w = NULL;
    int rc = arc_writer_open(&o->w, format, o->path, NULL, rs, &err);
    ck_assert_msg(rc == 0, "open %s: %s", format, err.message);
    return o->w;
}

/* Writes a result made of path, card (NULL: zeroed) and findings f. */
static void out_report(out *o, const char *path, const arc_scorecard *card,
                       const arc_findings *f)
{
    arc_error err = {0};
    arc_result *r = arc_test_given_result(path, card, f);
    ck_assert_int_eq(arc_writer_result(o->w, r, &err), 0);
    arc_result_free(r);
}

/* Writes a result of the pipeline. */
static void out_result(out *o, const arc_result *r)
{
    arc_error err = {0};
    ck_assert_int_eq(arc_writer_result(o->w, r, &err), 0);
}

/* The result of a file that does not exist (unreadable). */
static arc_result *missing_result(const arc_ruleset *rs, const char *path)
{
    arc_run_opts ro = {0};
    ro.rs = rs;
    arc_run *run = NULL;
    arc_checker *c = NULL;
    arc_result *r = NULL;
    arc_error err = {0};
    ck_assert_int_eq(arc_run_new(&run, &ro, &err), 0);
    ck_assert_int_eq(arc_checker_new(&c, rs), 0);
    ck_assert_int_eq(arc_run_file(run, c, path, &r, &err), 0);
    ck_assert_int_eq(arc_result_status_of(r), ARC_RESULT_UNREADABLE);
    arc_checker_free(c);
    arc_run_free(run);
    return r;
}

/* Closes the writer and returns the file's bytes (NUL-terminated). */
static char *out_close(out *o, size_t *len)
{
    arc_error err = {0};
    ck_assert_int_eq(arc_writer_close(o->w, &err), 0);
    FILE *fp = fopen(o->path, "rb");
    ck_assert_ptr_nonnull(fp);
    size_t cap = 1 << 16, n = 0;
    char *buf = malloc(cap + 1);
    ck_assert_ptr_nonnull(buf);
    size_t k;
    while ((k = fread(buf + n, 1, cap - n, fp)) > 0)
        n += k;
    fclose(fp);
    buf[n] = '\0';
    unlink(o->path);
    rmdir(o->dir);
    if (len)
        *len = n;
    return buf;
}

static void add(arc_findings *f, const char *path, int line, int col,
                size_t off, size_t end, arc_severity sev, const char *rule,
                const char *section, const char *message, const char *evidence)
{
    arc_finding fi = {0};
    fi.path = path;
    fi.line = line;
    fi.column = col;
    fi.offset = off;
    fi.end_offset = end;
    fi.severity = sev;
    fi.rule = rule;
    fi.section = section;
    fi.message = message;
    fi.evidence = evidence;
    ck_assert_int_eq(arc_findings_add(f, &fi), 0);
}

/* Line i (0-based) of s without its LF, in buf. */
static const char *line_of(const char *s, size_t i, char *buf, size_t size)
{
    for (; i > 0 && s; i--) {
        s = strchr(s, '\n');
        if (s)
            s++;
    }
    ck_assert_ptr_nonnull(s);
    const char *e = strchr(s, '\n');
    size_t n = e ? (size_t)(e - s) : strlen(s);
    ck_assert_uint_lt(n, size);
    memcpy(buf, s, n);
    buf[n] = '\0';
    return buf;
}

static size_t count_lines(const char *s)
{
    size_t n = 0;
    for (; *s; s++)
        n += *s == '\n';
    return n;
}

static size_t occurrences(const char *s, const char *needle)
{
    size_t n = 0;
    for (const char *p = s; (p = strstr(p, needle)); p += strlen(needle))
        n++;
    return n;
}

/* A strict JSON validator (RFC 8259): returns the end of one value at s,
 * or NULL. */
static const char *json_value(const char *s, int depth);

static const char *json_ws(const char *s)
{
    while (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r')
        s++;
    return s;
}

static const char *json_string(const char *s)
{
    if (*s++ != '"')
        return NULL;
    for (;;) {
        unsigned char c = (unsigned char)*s++;
        if (c == '"')
            return s;
        if (c < 0x20)
            return NULL;
        if (c != '\\')
            continue;
        c = (unsigned char)*s++;
        if (c == 'u') {
            for (int i = 0; i < 4; i++, s++)
                if (!strchr("0123456789abcdefABCDEF", *s) || !*s)
                    return NULL;
        } else if (!c || !strchr("\"\\/bfnrt", c)) {
            return NULL;
        }
    }
}

static const char *json_number(const char *s)
{
    if (*s == '-')
        s++;
    if (*s == '0')
        s++;
    else if (*s >= '1' && *s <= '9')
        while (*s >= '0' && *s <= '9')
            s++;
    else
        return NULL;
    if (*s == '.') {
        s++;
        if (!(*s >= '0' && *s <= '9'))
            return NULL;
        while (*s >= '0' && *s <= '9')
            s++;
    }
    return s;
}

static const char *json_value(const char *s, int depth)
{
    s = json_ws(s);
    if (depth > 64)
        return NULL;
    if (*s == '{' || *s == '[') {
        char close = *s == '{' ? '}' : ']';
        int obj = *s == '{';
        s = json_ws(s + 1);
        if (*s == close)
            return s + 1;
        for (;;) {
            if (obj) {
                if (!(s = json_string(json_ws(s))))
                    return NULL;
                s = json_ws(s);
                if (*s++ != ':')
                    return NULL;
            }
            if (!(s = json_value(s, depth + 1)))
                return NULL;
            s = json_ws(s);
            if (*s == close)
                return s + 1;
            if (*s++ != ',')
                return NULL;
        }
    }
    if (*s == '"')
        return json_string(s);
    if (!strncmp(s, "true", 4))
        return s + 4;
    if (!strncmp(s, "false", 5))
        return s + 5;
    if (!strncmp(s, "null", 4))
        return s + 4;
    return json_number(s);
}

/* The whole of s is exactly one JSON value. */
static int json_valid(const char *s)
{
    const char *e = json_value(s, 0);
    return e && *json_ws(e) == '\0';
}

/* A small rule set: three severities, a disabled rule, two parts. */
#define RULES                                                                  \
    "version: 1\n"                                                             \
    "parts:\n"                                                                 \
    "  - {id: measures, name: 主要举措, heading: [[举措]]}\n"                  \
    "  - {id: plan, name: 下一年度安排, heading: [[安排]]}\n"                  \
    "rules:\n"                                                                 \
    "  - id: r.one\n"                                                          \
    "    kind: pattern\n"                                                      \
    "    severity: error\n"                                                    \
    "    description: 第一条 \"规则\" & <说明>\n"                              \
    "    message: m\n"                                                         \
    "    patterns: ['甲']\n"                                                   \
    "  - {id: r.two, kind: pattern, severity: warning, message: m, "           \
    "patterns: ['乙']}\n"                                                      \
    "  - {id: r.three, kind: pattern, severity: info, message: m, "            \
    "patterns: ['丙']}\n"                                                      \
    "  - {id: r.off, kind: pattern, severity: warning, enabled: false, "       \
    "message: m, patterns: ['丁']}\n"

#define CN_PATH "reports/青禾 区.txt"
#define CN_URI "reports/%E9%9D%92%E7%A6%BE%20%E5%8C%BA.txt"
#define MSG "他说\"好\"\n第二行\r 100% a:b,c\\d"

/* The findings of one report in CN_PATH: a located error with a message
 * needing escapes, a whole-document warning, an info. */
static arc_findings *sample(void)
{
    arc_findings *f = NULL;
    ck_assert_int_eq(arc_findings_new(&f), 0);
    add(f, CN_PATH, 3, 5, 120, 150, ARC_SEV_ERROR, "r.one", "measures", MSG,
        "证据\t一");
    add(f, CN_PATH, 0, 0, 0, 0, ARC_SEV_WARNING, "r.two", "plan", "缺少部分",
        "");
    add(f, CN_PATH, 7, 1, 300, 306, ARC_SEV_INFO, "r.three", "", "提示", "");
    return f;
}

/* ------------------------------------------------------------ json */

START_TEST(test_json_lines)
{
    arc_findings *f = sample();
    out o;
    out_open(&o, "json", NULL);
    out_report(&o, CN_PATH, NULL, f);
    size_t len;
    char *s = out_close(&o, &len);
    ck_assert_uint_eq(count_lines(s), 3);
    ck_assert_int_eq(s[len - 1], '\n');
    char ln[1024];
    ck_assert_str_eq(line_of(s, 0, ln, sizeof ln),
                     "{\"file\":\"reports/青禾 区.txt\",\"line\":3,\"column\":5,"
                     "\"severity\":\"error\",\"rule\":\"r.one\","
                     "\"section\":\"measures\","
                     "\"message\":\"他说\\\"好\\\"\\n第二行\\r 100% a:b,c\\\\d\","
                     "\"evidence\":\"证据\\t一\",\"offset\":120,"
                     "\"end_offset\":150,\"page\":null}");
    ck_assert_str_eq(line_of(s, 1, ln, sizeof ln),
                     "{\"file\":\"reports/青禾 区.txt\",\"line\":null,"
                     "\"column\":null,\"severity\":\"warning\","
                     "\"rule\":\"r.two\",\"section\":\"plan\","
                     "\"message\":\"缺少部分\",\"evidence\":\"\","
                     "\"offset\":null,\"end_offset\":null,\"page\":null}");
    ck_assert_str_eq(line_of(s, 2, ln, sizeof ln),
                     "{\"file\":\"reports/青禾 区.txt\",\"line\":7,\"column\":1,"
                     "\"severity\":\"info\",\"rule\":\"r.three\","
                     "\"section\":\"\",\"message\":\"提示\",\"evidence\":\"\","
                     "\"offset\":300,\"end_offset\":306,\"page\":null}");
    /* Each line is one JSON value. */
    for (size_t i = 0; i < 3; i++)
        ck_assert_msg(json_valid(line_of(s, i, ln, sizeof ln)),
                      "line %zu is not JSON", i + 1);
    free(s);
    arc_findings_free(f);
}
END_TEST

START_TEST(test_json_control_characters)
{
    arc_findings *f = NULL;
    ck_assert_int_eq(arc_findings_new(&f), 0);
    add(f, "a\"b.txt", 1, 2, 0, 3, ARC_SEV_ERROR, "r", "", "x\x01y\x1fz", "");
    out o;
    out_open(&o, "json", NULL);
    ck_assert_int_eq(arc_writer_write(o.w, f, NULL), 0);
    char *s = out_close(&o, NULL);
    ck_assert_str_eq(s, "{\"file\":\"a\\\"b.txt\",\"line\":1,\"column\":2,"
                        "\"severity\":\"error\",\"rule\":\"r\",\"section\":\"\","
                        "\"message\":\"x\\u0001y\\u001fz\",\"evidence\":\"\","
                        "\"offset\":0,\"end_offset\":3,\"page\":null}\n");
    char ln[512];
    ck_assert(json_valid(line_of(s, 0, ln, sizeof ln)));
    /* The validator itself rejects what a writer must never produce. */
    ck_assert(!json_valid("{\"a\":1,}"));
    ck_assert(!json_valid("{\"a\":\"x\ny\"}"));
    ck_assert(!json_valid("{\"a\":\"\\x\"}"));
    ck_assert(!json_valid("{\"a\":1}{"));
    ck_assert(!json_valid("[1 2]"));
    free(s);
    arc_findings_free(f);
}
END_TEST

START_TEST(test_json_empty_report)
{
    arc_findings *f = NULL;
    ck_assert_int_eq(arc_findings_new(&f), 0);
    out o;
    out_open(&o, "json", NULL);
    out_report(&o, "a.txt", NULL, f);
    size_t len;
    char *s = out_close(&o, &len);
    ck_assert_uint_eq(len, 0);
    free(s);
    arc_findings_free(f);
}
END_TEST

/* ------------------------------------------------------------ github */

START_TEST(test_github_lines)
{
    arc_findings *f = sample();
    out o;
    out_open(&o, "github", NULL);
    out_report(&o, CN_PATH, NULL, f);
    char *s = out_close(&o, NULL);
    ck_assert_str_eq(s, "::error file=reports/青禾 区.txt,line=3,col=5,"
                        "title=r.one::他说\"好\"%0A第二行%0D 100%25 a:b,c\\d"
                        " \xE2\x80\x94 证据\t一\n"
                        "::warning file=reports/青禾 区.txt,title=r.two::"
                        "缺少部分\n"
                        "::notice file=reports/青禾 区.txt,line=7,col=1,"
                        "title=r.three::提示\n");
    free(s);
    arc_findings_free(f);
}
END_TEST

START_TEST(test_github_property_escaping)
{
    arc_findings *f = NULL;
    ck_assert_int_eq(arc_findings_new(&f), 0);
    add(f, "d:/报告,2025%.txt", 2, 4, 0, 0, ARC_SEV_WARNING, "x:y,z", "",
        "50%完成:好,坏\n", "a%b\r\nc");
    out o;
    out_open(&o, "github", NULL);
    ck_assert_int_eq(arc_writer_write(o.w, f, NULL), 0);
    char *s = out_close(&o, NULL);
    ck_assert_str_eq(s, "::warning file=d%3A/报告%2C2025%25.txt,line=2,col=4,"
                        "title=x%3Ay%2Cz::50%25完成:好,坏%0A"
                        " \xE2\x80\x94 a%25b%0D%0Ac\n");
    free(s);
    arc_findings_free(f);
}
END_TEST

/* ------------------------------------------------------------ sarif */

START_TEST(test_sarif_document)
{
    arc_ruleset *rs = arc_test_rules(RULES);
    arc_findings *f = sample();
    out o;
    out_open(&o, "sarif", rs);
    out_report(&o, CN_PATH, NULL, f);
    arc_findings *g = NULL;
    ck_assert_int_eq(arc_findings_new(&g), 0);
    add(g, "/abs/报告.txt", 2, 9, 10, 16, ARC_SEV_ERROR, "input.unreadable", "",
        "无法读取", "");
    out_report(&o, "/abs/报告.txt", NULL, g);
    size_t len;
    char *s = out_close(&o, &len);
    ck_assert_msg(json_valid(s), "not JSON:\n%s", s);
    ck_assert_ptr_nonnull(strstr(s, "\"version\": \"2.1.0\""));
    ck_assert_ptr_nonnull(strstr(s, "sarif-2.1.0.json"));
    ck_assert_ptr_nonnull(strstr(s, "\"columnKind\": \"unicodeCodePoints\""));
    ck_assert_ptr_nonnull(strstr(s, "\"name\": \"archeck\""));
    ck_assert_ptr_nonnull(strstr(s, "\"version\": \"" ARC_VERSION "\""));

    /* The rules, in rule-set order (disabled ones too), the built-in
     * input.unreadable last. */
    const char *r1 = strstr(s, "{\"id\":\"r.one\"");
    const char *r2 = strstr(s, "{\"id\":\"r.two\"");
    const char *r3 = strstr(s, "{\"id\":\"r.three\"");
    const char *r4 = strstr(s, "{\"id\":\"r.off\"");
    const char *r5 = strstr(s, "{\"id\":\"input.unreadable\"");
    const char *r6 = strstr(s, "{\"id\":\"rule.error\"");
    ck_assert(r1 && r2 && r3 && r4 && r5 && r6);
    ck_assert(r1 < r2 && r2 < r3 && r3 < r4 && r4 < r5 && r5 < r6);
    ck_assert_uint_eq(occurrences(s, "{\"id\":"), 6);
    ck_assert_ptr_nonnull(strstr(
        s, "{\"id\":\"r.one\",\"name\":\"r.one\",\"shortDescription\":"
           "{\"text\":\"第一条 \\\"规则\\\" & <说明>\"},\"fullDescription\":"
           "{\"text\":\"第一条 \\\"规则\\\" & <说明>\"},\"help\":"
           "{\"text\":\"第一条 \\\"规则\\\" & <说明>\"},"
           "\"defaultConfiguration\":{\"level\":\"error\"}}"));
    /* No description: the id is the text. */
    ck_assert_ptr_nonnull(strstr(
        s, "{\"id\":\"r.three\",\"name\":\"r.three\",\"shortDescription\":"
           "{\"text\":\"r.three\"}"));
    ck_assert_ptr_nonnull(strstr(r2, "\"defaultConfiguration\":{\"level\":"
                                     "\"warning\"}"));
    ck_assert_ptr_nonnull(strstr(r3, "\"defaultConfiguration\":{\"level\":"
                                     "\"note\"}"));
    /* The built-in rule is described like any other. */
    ck_assert_ptr_nonnull(strstr(
        s, "{\"id\":\"input.unreadable\",\"name\":\"input.unreadable\","
           "\"shortDescription\":{\"text\":\"文件无法读取或无法检查（格式损坏、"
           "加密、扫描件、编码无法识别、超过上限等），原因见消息。\"}"));
    ck_assert_ptr_nonnull(strstr(r5, "\"defaultConfiguration\":{\"level\":"
                                     "\"error\"}"));

    /* Results: ruleIndex matches the position in the rule list. */
    const char *res = strstr(s, "\"results\"");
    ck_assert_ptr_nonnull(res);
    ck_assert_ptr_nonnull(strstr(
        res, "{\"ruleId\":\"r.one\",\"ruleIndex\":0,\"level\":\"error\","
             "\"message\":{\"text\":\"他说\\\"好\\\"\\n第二行\\r 100% "
             "a:b,c\\\\d\"},\"locations\":[{\"physicalLocation\":"
             "{\"artifactLocation\":{\"uri\":\"" CN_URI "\"},"
             "\"region\":{\"startLine\":3,\"startColumn\":5,"
             "\"snippet\":{\"text\":\"证据\\t一\"}}}}],"
             "\"partialFingerprints\":{\"archeck/v1\":\""));
    /* Whole-document: line 1, column 1, no snippet. */
    ck_assert_ptr_nonnull(strstr(
        res, "{\"ruleId\":\"r.two\",\"ruleIndex\":1,\"level\":\"warning\","
             "\"message\":{\"text\":\"缺少部分\"},\"locations\":"
             "[{\"physicalLocation\":{\"artifactLocation\":{\"uri\":\"" CN_URI
             "\"},\"region\":{\"startLine\":1,\"startColumn\":1}}}],"));
    ck_assert_ptr_nonnull(strstr(
        res, "{\"ruleId\":\"r.three\",\"ruleIndex\":2,\"level\":\"note\","));
    /* input.unreadable is the last rule; an absolute path is a file URI. */
    ck_assert_ptr_nonnull(strstr(
        res, "{\"ruleId\":\"input.unreadable\",\"ruleIndex\":4,"
             "\"level\":\"error\",\"message\":{\"text\":\"无法读取\"},"
             "\"locations\":[{\"physicalLocation\":{\"artifactLocation\":"
             "{\"uri\":\"file:///abs/%E6%8A%A5%E5%91%8A.txt\"},"
             "\"region\":{\"startLine\":2,\"startColumn\":9}}}],"));
    ck_assert_uint_eq(occurrences(res, "\"ruleId\""), 4);
    free(s);
    arc_findings_free(f);
    arc_findings_free(g);
    arc_ruleset_free(rs);
}
END_TEST

/* The 16 hex digits after "archeck/v1":" of the n-th result. */
static void fingerprint(const char *s, size_t n, char out16[17])
{
    const char *p = s;
    for (size_t i = 0; i <= n; i++) {
        p = strstr(p, "\"archeck/v1\":\"");
        ck_assert_ptr_nonnull(p);
        p += strlen("\"archeck/v1\":\"");
    }
    for (int i = 0; i < 16; i++)
        ck_assert_msg(strchr("0123456789abcdef", p[i]) && p[i],
                      "not hex: %.16s", p);
    ck_assert_int_eq(p[16], '"');
    memcpy(out16, p, 16);
    out16[16] = '\0';
}

START_TEST(test_sarif_fingerprints)
{
    arc_findings *f = NULL;
    ck_assert_int_eq(arc_findings_new(&f), 0);
    /* Same text on another line: same fingerprint. */
    add(f, "a.txt", 3, 1, 0, 0, ARC_SEV_ERROR, "r.one", "", "消息", "甲");
    add(f, "a.txt", 9, 4, 0, 0, ARC_SEV_ERROR, "r.one", "", "消息", "甲");
    add(f, "a.txt", 3, 1, 0, 0, ARC_SEV_ERROR, "r.one", "", "消息", "乙");
    add(f, "b.txt", 3, 1, 0, 0, ARC_SEV_ERROR, "r.one", "", "消息", "甲");
    out o;
    out_open(&o, "sarif", NULL);
    ck_assert_int_eq(arc_writer_write(o.w, f, NULL), 0);
    char *s = out_close(&o, NULL);
    ck_assert(json_valid(s));
    char a[17], b[17], c[17], d[17];
    fingerprint(s, 0, a);
    fingerprint(s, 1, b);
    fingerprint(s, 2, c);
    fingerprint(s, 3, d);
    ck_assert_str_eq(a, b);
    ck_assert_str_ne(a, c);
    ck_assert_str_ne(a, d);
    /* Without a rule set no rule is listed (input.unreadable belongs to
     * rule sets now). */
    ck_assert_uint_eq(occurrences(s, "{\"id\":"), 0);
    ck_assert_ptr_null(strstr(s, "{\"id\":\"input.unreadable\""));
    free(s);
    arc_findings_free(f);
}
END_TEST

/* Regression (was a bug): a result whose rule is not in tool.driver.rules
 * (writer opened with rs NULL, or findings of another rule set) got
 * ruleIndex n, the index of input.unreadable (report_sarif.c,
 * rule_index): ruleId and ruleIndex named different rules, which SARIF
 * 2.1.0 (3.27.7) forbids.  Since input.unreadable is a rule of every rule
 * set, a ruleIndex is given exactly when the rule is in the list. */
START_TEST(test_sarif_rule_index_consistent)
{
    arc_findings *f = NULL;
    ck_assert_int_eq(arc_findings_new(&f), 0);
    add(f, "a.txt", 3, 1, 0, 0, ARC_SEV_ERROR, "x.foreign", "", "消息", "");
    add(f, "a.txt", 0, 0, 0, 0, ARC_SEV_ERROR, "input.unreadable", "",
        "无法读取", "");
    /* No rule set: no rule list, no ruleIndex at all. */
    out o;
    out_open(&o, "sarif", NULL);
    ck_assert_int_eq(arc_writer_write(o.w, f, NULL), 0);
    char *s = out_close(&o, NULL);
    ck_assert(json_valid(s));
    ck_assert_ptr_nonnull(strstr(s, "{\"ruleId\":\"x.foreign\",\"level\":"));
    ck_assert_ptr_nonnull(
        strstr(s, "{\"ruleId\":\"input.unreadable\",\"level\":"));
    ck_assert_uint_eq(occurrences(s, "\"ruleIndex\""), 0);
    free(s);
    /* With a rule set: input.unreadable is its rule 4 and says so; the
     * foreign rule claims no index. */
    arc_ruleset *rs = arc_test_rules(RULES);
    out_open(&o, "sarif", rs);
    ck_assert_int_eq(arc_writer_write(o.w, f, NULL), 0);
    s = out_close(&o, NULL);
    ck_assert(json_valid(s));
    ck_assert_ptr_nonnull(strstr(
        s, "{\"ruleId\":\"input.unreadable\",\"ruleIndex\":4,\"level\":"));
    ck_assert_ptr_nonnull(strstr(s, "{\"ruleId\":\"x.foreign\",\"level\":"));
    ck_assert_uint_eq(occurrences(s, "\"ruleIndex\""), 1);
    free(s);
    arc_ruleset_free(rs);
    arc_findings_free(f);
}
END_TEST

/* A result of the pipeline: a file that could not be read is one
 * input.unreadable result at the top of the file, its reason the message. */
START_TEST(test_sarif_unreadable_result)
{
    arc_ruleset *rs = arc_test_rules(RULES);
    arc_result *r = missing_result(rs, "/nonexistent-arc-dir/报告.docx");
    const char *reason = arc_result_error(r)->message;
    ck_assert_uint_gt(strlen(reason), 0);
    out o;
    out_open(&o, "sarif", rs);
    out_result(&o, r);
    char *s = out_close(&o, NULL);
    ck_assert_msg(json_valid(s), "not JSON:\n%s", s);
    const char *res = strstr(s, "\"results\"");
    ck_assert_ptr_nonnull(res);
    ck_assert_uint_eq(occurrences(res, "\"ruleId\""), 1);
    char want[2048];
    snprintf(want, sizeof want,
             "{\"ruleId\":\"input.unreadable\",\"ruleIndex\":4,"
             "\"level\":\"error\",\"message\":{\"text\":\"%s\"},"
             "\"locations\":[{\"physicalLocation\":{\"artifactLocation\":"
             "{\"uri\":\"file:///nonexistent-arc-dir/%%E6%%8A%%A5%%E5%%91%%8A.docx\"},"
             "\"region\":{\"startLine\":1,\"startColumn\":1}}}],",
             reason);
    ck_assert_msg(strstr(res, want) != NULL, "no\n%s\nin\n%s", want, res);
    free(s);
    arc_result_free(r);
    arc_ruleset_free(rs);
}
END_TEST

START_TEST(test_sarif_empty)
{
    arc_ruleset *rs = arc_test_rules(RULES);
    arc_findings *f = NULL;
    ck_assert_int_eq(arc_findings_new(&f), 0);
    out o;
    out_open(&o, "sarif", rs);
    out_report(&o, "a.txt", NULL, f);
    out_report(&o, "b.txt", NULL, f);
    char *s = out_close(&o, NULL);
    ck_assert_msg(json_valid(s), "not JSON:\n%s", s);
    ck_assert_ptr_nonnull(strstr(s, "\"results\": [\n    ]"));
    ck_assert_uint_eq(occurrences(s, "\"ruleId\""), 0);
    /* The rule set's four rules and two built-in ones, each once. */
    ck_assert_uint_eq(occurrences(s, "{\"id\":"), 6);
    ck_assert_uint_eq(occurrences(s, "{\"id\":\"input.unreadable\""), 1);
    free(s);
    /* No rule set, no reports: an empty rule list. */
    out_open(&o, "sarif", NULL);
    s = out_close(&o, NULL);
    ck_assert_msg(json_valid(s), "not JSON:\n%s", s);
    ck_assert_uint_eq(occurrences(s, "{\"id\":"), 0);
    free(s);
    arc_findings_free(f);
    arc_ruleset_free(rs);
}
END_TEST

/* ------------------------------------------------------------ junit */

#define JUNIT_HEAD                                                             \
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"                             \
    "<testsuites name=\"archeck\">\n"

#define JP "青禾区/报告&amp;1.txt"

/* Report 1: r.one error (escapes), r.two whole-document warning, r.three
 * info; report 2: no findings. */
static char *junit_two_reports(arc_severity threshold, int set)
{
    arc_ruleset *rs = arc_test_rules(RULES);
    arc_findings *f = NULL, *empty = NULL;
    ck_assert_int_eq(arc_findings_new(&f), 0);
    ck_assert_int_eq(arc_findings_new(&empty), 0);
    add(f, "青禾区/报告&1.txt", 3, 5, 0, 0, ARC_SEV_ERROR, "r.one", "",
        "A & B <c> \"d\"", "证据'x'");
    add(f, "青禾区/报告&1.txt", 0, 0, 0, 0, ARC_SEV_WARNING, "r.two", "plan",
        "缺少部分", "");
    add(f, "青禾区/报告&1.txt", 7, 1, 0, 0, ARC_SEV_INFO, "r.three", "",
        "提示\n下一行", "");
    out o;
    out_open(&o, "junit", rs);
    if (set)
        arc_writer_set_threshold(o.w, threshold);
    out_report(&o, "青禾区/报告&1.txt", NULL, f);
    out_report(&o, "b.txt", NULL, empty);
    char *s = out_close(&o, NULL);
    arc_findings_free(f);
    arc_findings_free(empty);
    arc_ruleset_free(rs);
    return s;
}

#define JUNIT_R1_FAIL                                                          \
    "    <testcase classname=\"" JP "\" name=\"r.one\">\n"                     \
    "      <failure type=\"error\" message=\"A &amp; B &lt;c&gt; "             \
    "&quot;d&quot;\">3:5: error: A &amp; B &lt;c&gt; &quot;d&quot; | "        \
    "证据&apos;x&apos;&#10;</failure>\n"                                       \
    "    </testcase>\n"

/* Every report has a testcase for each built-in rule (input.unreadable,
 * rule.error). */
#define JUNIT_REPORT2                                                          \
    "  <testsuite name=\"b.txt\" tests=\"5\" failures=\"0\" errors=\"0\">\n"   \
    "    <testcase classname=\"b.txt\" name=\"r.one\"/>\n"                     \
    "    <testcase classname=\"b.txt\" name=\"r.two\"/>\n"                     \
    "    <testcase classname=\"b.txt\" name=\"r.three\"/>\n"                   \
    "    <testcase classname=\"b.txt\" name=\"input.unreadable\"/>\n"          \
    "    <testcase classname=\"b.txt\" name=\"rule.error\"/>\n"                \
    "  </testsuite>\n"

#define JUNIT_R1_UNREADABLE                                                    \
    "    <testcase classname=\"" JP "\" name=\"input.unreadable\"/>\n"          \
    "    <testcase classname=\"" JP "\" name=\"rule.error\"/>\n"

START_TEST(test_junit_default_threshold)
{
    char *s = junit_two_reports(ARC_SEV_ERROR, 0);
    ck_assert_str_eq(
        s, JUNIT_HEAD
        "  <testsuite name=\"" JP "\" tests=\"5\" failures=\"1\" errors=\"0\">\n"
        JUNIT_R1_FAIL
        "    <testcase classname=\"" JP "\" name=\"r.two\">\n"
        "      <system-out>warning: 缺少部分&#10;</system-out>\n"
        "    </testcase>\n"
        "    <testcase classname=\"" JP "\" name=\"r.three\">\n"
        "      <system-out>7:1: info: 提示&#10;下一行&#10;</system-out>\n"
        "    </testcase>\n"
        JUNIT_R1_UNREADABLE
        "  </testsuite>\n" JUNIT_REPORT2 "</testsuites>\n");
    free(s);
}
END_TEST

START_TEST(test_junit_warning_threshold)
{
    char *s = junit_two_reports(ARC_SEV_WARNING, 1);
    ck_assert_str_eq(
        s, JUNIT_HEAD
        "  <testsuite name=\"" JP "\" tests=\"5\" failures=\"2\" errors=\"0\">\n"
        JUNIT_R1_FAIL
        "    <testcase classname=\"" JP "\" name=\"r.two\">\n"
        "      <failure type=\"warning\" message=\"缺少部分\">warning: "
        "缺少部分&#10;</failure>\n"
        "    </testcase>\n"
        "    <testcase classname=\"" JP "\" name=\"r.three\">\n"
        "      <system-out>7:1: info: 提示&#10;下一行&#10;</system-out>\n"
        "    </testcase>\n"
        JUNIT_R1_UNREADABLE
        "  </testsuite>\n" JUNIT_REPORT2 "</testsuites>\n");
    free(s);
}
END_TEST

START_TEST(test_junit_info_threshold)
{
    char *s = junit_two_reports(ARC_SEV_INFO, 1);
    ck_assert_ptr_nonnull(strstr(s, "tests=\"5\" failures=\"3\""));
    ck_assert_ptr_nonnull(
        strstr(s, "<failure type=\"info\" message=\"提示&#10;下一行\">7:1: "
                  "info: 提示&#10;下一行&#10;</failure>"));
    ck_assert_uint_eq(occurrences(s, "<system-out>"), 0);
    ck_assert_uint_eq(occurrences(s, "<testsuite "), 2);
    free(s);
    /* Back to error. */
    s = junit_two_reports(ARC_SEV_ERROR, 1);
    ck_assert_ptr_nonnull(strstr(s, "tests=\"5\" failures=\"1\""));
    ck_assert_uint_eq(occurrences(s, "<failure "), 1);
    free(s);
}
END_TEST

START_TEST(test_junit_worst_severity_and_extra_rule)
{
    arc_ruleset *rs = arc_test_rules(RULES);
    arc_findings *f = NULL;
    ck_assert_int_eq(arc_findings_new(&f), 0);
    /* One rule, two severities: the failure is typed by the worst. */
    add(f, "a.txt", 2, 1, 0, 0, ARC_SEV_WARNING, "r.two", "", "轻", "");
    add(f, "a.txt", 4, 1, 0, 0, ARC_SEV_ERROR, "r.two", "", "重", "");
    /* The built-in rule is in the rule set: its testcase in rule-set order. */
    add(f, "a.txt", 0, 0, 0, 0, ARC_SEV_ERROR, "input.unreadable", "",
        "无法读取", "");
    /* A rule outside the rule set gets its own testcase, after them. */
    add(f, "a.txt", 5, 2, 0, 0, ARC_SEV_WARNING, "x.foreign", "", "外来", "");
    out o;
    out_open(&o, "junit", rs);
    out_report(&o, "a.txt", NULL, f);
    char *s = out_close(&o, NULL);
    ck_assert_str_eq(
        s, JUNIT_HEAD
        "  <testsuite name=\"a.txt\" tests=\"6\" failures=\"2\" errors=\"0\">\n"
        "    <testcase classname=\"a.txt\" name=\"r.one\"/>\n"
        "    <testcase classname=\"a.txt\" name=\"r.two\">\n"
        "      <failure type=\"error\" message=\"重\">2:1: warning: "
        "轻&#10;4:1: error: 重&#10;</failure>\n"
        "    </testcase>\n"
        "    <testcase classname=\"a.txt\" name=\"r.three\"/>\n"
        "    <testcase classname=\"a.txt\" name=\"input.unreadable\">\n"
        "      <failure type=\"error\" message=\"无法读取\">error: "
        "无法读取&#10;</failure>\n"
        "    </testcase>\n"
        "    <testcase classname=\"a.txt\" name=\"rule.error\"/>\n"
        "    <testcase classname=\"a.txt\" name=\"x.foreign\">\n"
        "      <system-out>5:2: warning: 外来&#10;</system-out>\n"
        "    </testcase>\n"
        "  </testsuite>\n"
        "</testsuites>\n");
    free(s);
    arc_findings_free(f);
    arc_ruleset_free(rs);
}
END_TEST

START_TEST(test_junit_write_groups_by_file)
{
    arc_ruleset *rs = arc_test_rules(RULES);
    arc_findings *f = NULL;
    ck_assert_int_eq(arc_findings_new(&f), 0);
    add(f, "a.txt", 2, 1, 0, 0, ARC_SEV_ERROR, "r.one", "", "甲", "");
    add(f, "a.txt", 3, 1, 0, 0, ARC_SEV_ERROR, "r.one", "", "甲", "");
    add(f, "b.txt", 1, 1, 0, 0, ARC_SEV_INFO, "r.three", "", "丙", "");
    out o;
    out_open(&o, "junit", rs);
    ck_assert_int_eq(arc_writer_write(o.w, f, NULL), 0);
    char *s = out_close(&o, NULL);
    ck_assert_uint_eq(occurrences(s, "<testsuite "), 2);
    ck_assert_ptr_nonnull(strstr(s, "<testsuite name=\"a.txt\" tests=\"5\" "
                                    "failures=\"1\" errors=\"0\">"));
    ck_assert_ptr_nonnull(strstr(s, "<testsuite name=\"b.txt\" tests=\"5\" "
                                    "failures=\"0\" errors=\"0\">"));
    /* Disabled rules have no testcase. */
    ck_assert_ptr_null(strstr(s, "r.off"));
    free(s);
    arc_findings_free(f);
    arc_ruleset_free(rs);
}
END_TEST

/* ------------------------------------------------------------ summary */

#define SUMMARY_HEAD                                                           \
    "\xEF\xBB\xBF"                                                             \
    "file,title,unit,report_year,published,doc_type,measures,plan,errors,"     \
    "warnings,infos,score,status,year_source,published_source,shared_max,"   \
    "plan_not_followed,profile\r\n"

static void card_init(arc_scorecard *c, const char *title, const char *unit,
                      int year, const char *doc_type)
{
    memset(c, 0, sizeof *c);
    snprintf(c->title, sizeof c->title, "%s", title);
    snprintf(c->unit, sizeof c->unit, "%s", unit);
    c->report_year = year;
    snprintf(c->doc_type, sizeof c->doc_type, "%s", doc_type);
    /* As the pipeline does: the profile of the type, none for others. */
    snprintf(c->profile, sizeof c->profile, "%s",
             strcmp(doc_type, "other") ? doc_type : "");
    c->checked = 1; /* scored cards; the unreadable one comes from the pipeline */
}

START_TEST(test_summary_rows)
{
    arc_ruleset *rs = arc_test_rules(RULES);
    arc_findings *f = NULL;
    ck_assert_int_eq(arc_findings_new(&f), 0);
    out o;
    out_open(&o, "summary", rs);

    arc_scorecard a;
    card_init(&a, "青禾区2025年度法治政府建设情况报告", "青禾区", 2025,
              "annual-report");
    a.published_source = ARC_PUB_LABEL;
    a.year_source = ARC_YEAR_TITLE;
    a.published_y = 2026, a.published_m = 3, a.published_d = 5;
    /* Parts given in another order than the rule set's: matched by id. */
    a.nparts = 2;
    snprintf(a.part_id[0], sizeof a.part_id[0], "plan");
    a.part_status[0] = ARC_PART_PROSE;
    snprintf(a.part_id[1], sizeof a.part_id[1], "measures");
    a.part_status[1] = ARC_PART_HEADING;
    a.errors = 1, a.warnings = 2, a.infos = 3, a.score = 84;
    /* Compared across reports: the largest share, items not followed. */
    a.compared = ARC_CARD_SHARED | ARC_CARD_PLAN;
    a.shared_max = 0.876;
    a.plan_items = 5, a.plan_not_followed = 2;
    out_report(&o, CN_PATH, &a, f);

    /* Another document type: the part columns stay empty. */
    arc_scorecard b;
    card_init(&b, "松岭县2026年法治政府建设工作要点", "松岭县", 2026,
              "work-plan");
    b.published_source = ARC_PUB_SIGNATURE;
    b.year_source = ARC_YEAR_EVIDENCE;
    b.published_y = 2026, b.published_m = 1, b.published_d = 20;
    b.nparts = 2;
    snprintf(b.part_id[0], sizeof b.part_id[0], "measures");
    snprintf(b.part_id[1], sizeof b.part_id[1], "plan");
    b.errors = 1, b.score = 0;
    out_report(&o, "b.txt", &b, f);

    /* Unknown year and date, a title needing quotes, a part the card
     * lacks, missing parts. */
    arc_scorecard c;
    card_init(&c, "关于\"法治\",报告", "", 0, "annual-report");
    c.nparts = 1;
    snprintf(c.part_id[0], sizeof c.part_id[0], "measures");
    c.part_status[0] = ARC_PART_MISSING;
    c.score = 100;
    out_report(&o, "c.txt", &c, f);

    /* Other: empty parts too; a formula-like unit is neutralised. */
    arc_scorecard d;
    card_init(&d, "", "=青禾", 2024, "other");
    d.published_source = ARC_PUB_OVERRIDE;
    d.published_y = 2025, d.published_m = 12, d.published_d = 31;
    d.nparts = 2;
    snprintf(d.part_id[0], sizeof d.part_id[0], "measures");
    d.part_status[0] = ARC_PART_HEADING;
    snprintf(d.part_id[1], sizeof d.part_id[1], "plan");
    d.part_status[1] = ARC_PART_HEADING;
    d.infos = 1, d.score = 100;
    d.compared = ARC_CARD_SHARED; /* compared, nothing shared */
    out_report(&o, "d.txt", &d, f);

    /* A file that could not be read (through the pipeline): other, its
     * one input.unreadable error. */
    arc_result *e = missing_result(rs, "/nonexistent-arc-dir/e.txt");
    out_result(&o, e);
    arc_result_free(e);

    char *s = out_close(&o, NULL);
    ck_assert_str_eq(
        s, SUMMARY_HEAD
        "reports/青禾 区.txt,青禾区2025年度法治政府建设情况报告,青禾区,2025,"
        "2026-03-05,annual-report,heading,prose,1,2,3,84,checked,title,label,"
        "0.88,2,annual-report\r\n"
        "b.txt,松岭县2026年法治政府建设工作要点,松岭县,2026,2026-01-20,"
        "work-plan,,,1,0,0,0,checked,evidence,signature,,,work-plan\r\n"
        "c.txt,\"关于\"\"法治\"\",报告\",,,,annual-report,missing,,0,0,0,100,"
        "checked,,,,,annual-report\r\n"
        "d.txt,,\"'=青禾\",2024,2025-12-31,other,,,0,0,1,100,checked,,"
        "override,0.00,,\r\n"
        "/nonexistent-arc-dir/e.txt,,,,,other,,,1,0,0,,unchecked,,,,,\r\n");
    free(s);
    arc_findings_free(f);
    arc_ruleset_free(rs);
}
END_TEST

START_TEST(test_summary_header_only)
{
    /* With the rule set: its part ids as columns. */
    arc_ruleset *rs = arc_test_rules(RULES);
    out o;
    out_open(&o, "summary", rs);
    size_t len;
    char *s = out_close(&o, &len);
    ck_assert_uint_eq(len, strlen(SUMMARY_HEAD));
    ck_assert_str_eq(s, SUMMARY_HEAD);
    free(s);
    arc_ruleset_free(rs);
    /* The default rule set's four parts. */
    rs = arc_test_default_rules();
    out_open(&o, "summary", rs);
    s = out_close(&o, NULL);
    ck_assert_str_eq(s, "\xEF\xBB\xBF"
                        "file,title,unit,report_year,published,doc_type,"
                        "measures,shortcomings,first_responsible,next_year,"
                        "errors,warnings,infos,score,status,year_source,"
                        "published_source,shared_max,plan_not_followed,profile\r\n");
    free(s);
    arc_ruleset_free(rs);
    /* No rule set: no part columns. */
    out_open(&o, "summary", NULL);
    s = out_close(&o, NULL);
    ck_assert_str_eq(s, "\xEF\xBB\xBF"
                        "file,title,unit,report_year,published,doc_type,"
                        "errors,warnings,infos,score,status,year_source,"
                        "published_source,shared_max,plan_not_followed,profile\r\n");
    free(s);
}
END_TEST

START_TEST(test_summary_ignores_write)
{
    /* arc_writer_write has no scorecards: nothing but the header. */
    arc_ruleset *rs = arc_test_rules(RULES);
    arc_findings *f = sample();
    out o;
    out_open(&o, "summary", rs);
    ck_assert_int_eq(arc_writer_write(o.w, f, NULL), 0);
    char *s = out_close(&o, NULL);
    ck_assert_str_eq(s, SUMMARY_HEAD);
    free(s);
    arc_findings_free(f);
    arc_ruleset_free(rs);
}
END_TEST

static Suite *suite(void)
{
    Suite *s = suite_create("report_formats");
    TCase *tc = tcase_create("json");
    tcase_add_test(tc, test_json_lines);
    tcase_add_test(tc, test_json_control_characters);
    tcase_add_test(tc, test_json_empty_report);
    suite_add_tcase(s, tc);

    tc = tcase_create("github");
    tcase_add_test(tc, test_github_lines);
    tcase_add_test(tc, test_github_property_escaping);
    suite_add_tcase(s, tc);

    tc = tcase_create("sarif");
    tcase_add_test(tc, test_sarif_document);
    tcase_add_test(tc, test_sarif_fingerprints);
    tcase_add_test(tc, test_sarif_rule_index_consistent);
    tcase_add_test(tc, test_sarif_unreadable_result);
    tcase_add_test(tc, test_sarif_empty);
    suite_add_tcase(s, tc);

    tc = tcase_create("junit");
    tcase_add_test(tc, test_junit_default_threshold);
    tcase_add_test(tc, test_junit_warning_threshold);
    tcase_add_test(tc, test_junit_info_threshold);
    tcase_add_test(tc, test_junit_worst_severity_and_extra_rule);
    tcase_add_test(tc, test_junit_write_groups_by_file);
    suite_add_tcase(s, tc);

    tc = tcase_create("summary");
    tcase_add_test(tc, test_summary_rows);
    tcase_add_test(tc, test_summary_header_only);
    tcase_add_test(tc, test_summary_ignores_write);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    return arc_test_run(suite());
}
