/* config.c - .archeck.yaml: the project's choice of rule set, rules
 * disabled, severities changed, per-file ignores, deadline and outputs. */
#include "rules.h"

#include "extract.h"
#include "util.h"

#include <fnmatch.h>
#include <limits.h>
#include <unistd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#define CONFIG_NAME ".archeck.yaml"

static const char *const keys[] = {"rules",    "disable", "severity",
                                   "ignore",   "deadline", "output",
                                   "summary",  "fail_on", "time_limit",
                                   "profile",  NULL};
static const char *const ignore_keys[] = {"path", "rule", NULL};

typedef struct {
    char *path; /* glob */
    char *rule; /* rule id, or NULL for every rule */
} ignore;

struct arc_config {
    char *path;
    char *dir;  /* the config's directory, resolved: ignores are relative
                   to it */
    arc_node *root;
    char *rules, *output, *summary;
    char *profile; /* check every document with this profile */
    int fail_on;
    unsigned long time_limit_ms; /* 0: unset */
    ignore *ignores;
    size_t nignores;
};

char *arc_config_find(const char *dir)
{
    char cur[4096];
    if (!realpath(dir, cur))
        return NULL;
    for (;;) {
        char cand[4096 + sizeof CONFIG_NAME + 1];
        struct stat st;
        snprintf(cand, sizeof cand, "%s/%s", strcmp(cur, "/") ? cur : "",
                 CONFIG_NAME);
        if (stat(cand, &st) == 0 && S_ISREG(st.st_mode))
            return arc_strdup(cand);
        char *slash = strrchr(cur, '/');
        if (!slash || cur[1] == '\0')
            return NULL;
        if (slash == cur)
            slash[1] = '\0';
        else
            *slash = '\0';
    }
}

static int path_key(const arc_load_ctx *cx, const arc_node *root,
                    const char *key, char **out)
{
    char *v = NULL;
    int rc = arc_node_str(cx, root, key, 0, &v);
    if (rc || !v)
        return rc;
    /* A path named in the config is relative to the config's directory. */
    *out = arc_path_beside(cx->file, v);
    free(v);
    return *out ? 0 : arc_err_nomem(cx->err);
}

static int load_ignores(arc_config *c, const arc_load_ctx *cx)
{
    const arc_node *n = arc_node_get(c->root, "ignore");
    if (!n)
        return 0;
    if (n->type != ARC_NODE_SEQ)
        return arc_node_fail(cx, n, "ignore 应为列表：- {path: 通配符, rule: 规则 id}");
    if (!(c->ignores = calloc(n->n ? n->n : 1, sizeof *c->ignores)))
        return arc_err_nomem(cx->err);
    for (size_t i = 0; i < n->n; i++) {
        const arc_node *it = n->items[i];
        ignore *ig = &c->ignores[i];
        c->nignores = i + 1;
        int rc = arc_node_keys(cx, it, ignore_keys, NULL);
        if (!rc)
            rc = arc_node_str(cx, it, "path", 1, &ig->path);
        if (!rc && strncmp(ig->path, "./", 2) == 0) /* paths match without */
            memmove(ig->path, ig->path + 2, strlen(ig->path + 2) + 1);
        if (!rc)
            rc = arc_node_str(cx, it, "rule", 0, &ig->rule);
        if (rc)
            return rc;
    }
    return 0;
}

/* Types and keys of disable, severity and deadline, checked at load; the
 * rule ids they name can only be checked against a rule set (apply). */
static int check_shapes(const arc_config *c, const arc_load_ctx *cx)
{
    char **ids;
    size_t n;
    int rc = arc_node_strs(cx, c->root, "disable", 0, &ids, &n);
    arc_strs_free(ids, n);
    const arc_node *sev = arc_node_get(c->root, "severity");
    if (!rc && sev && sev->type != ARC_NODE_MAP)
        rc = arc_node_fail(cx, sev, "severity 应为映射：规则 id: 级别");
    for (size_t i = 0; !rc && sev && i < sev->n; i++) {
        const arc_node *v = sev->items[i];
        if (v->type != ARC_NODE_SCALAR || arc_severity_parse(v->value) < 0)
            rc = arc_node_fail(cx, v, "级别应为 error、warning 或 info");
    }
    const arc_node *dl = arc_node_get(c->root, "deadline");
    if (!rc && dl) {
        arc_deadline scratch = {1, 4, 1};
        rc = arc_load_deadline(cx, dl, &scratch);
    }
    return rc;
}

int arc_config_load(arc_config **out, const char *path, arc_error *err)
{
    *out = NULL;
    char *data;
    size_t len;
    int rc = arc_read_file(&data, &len, path, ARC_MAX_RULES_FILE, err);
    if (rc)
        return rc;
    arc_config *c = calloc(1, sizeof *c);
    if (!c || !(c->path = arc_strdup(path))) {
        free(c);
        free(data);
        return arc_err_nomem(err);
    }
    c->fail_on = -1;
    arc_load_ctx cx = {c->path, NULL, err};
    rc = arc_node_parse(&c->root, data, len, &cx);
    free(data);
    char *fail_on = NULL;
    if (!rc)
        rc = arc_node_keys(&cx, c->root, keys, NULL);
    if (!rc)
        rc = path_key(&cx, c->root, "rules", &c->rules);
    if (!rc)
        rc = path_key(&cx, c->root, "output", &c->output);
    if (!rc)
        rc = path_key(&cx, c->root, "summary", &c->summary);
    if (!rc)
        rc = arc_node_str(&cx, c->root, "profile", 0, &c->profile);
    if (!rc)
        rc = arc_node_str(&cx, c->root, "fail_on", 0, &fail_on);
    if (!rc && fail_on) {
        c->fail_on = strcmp(fail_on, "none") == 0 ? 3
                                                  : arc_severity_parse(fail_on);
        if (c->fail_on < 0)
            rc = arc_node_fail(&cx, arc_node_get(c->root, "fail_on"),
                               "fail_on 应为 error、warning、info 或 none");
    }
    free(fail_on);
    long seconds = -1;
    if (!rc)
        rc = arc_node_int(&cx, c->root, "time_limit", 0, 0, 86400, &seconds);
    if (!rc && seconds >= 0)
        c->time_limit_ms = seconds ? (unsigned long)seconds * 1000UL
                                   : ARC_NO_TIME_LIMIT;
    if (!rc)
        rc = load_ignores(c, &cx);
    if (!rc)
        rc = check_shapes(c, &cx);
    if (!rc) {
        char *d = arc_path_beside(path, "."), buf[PATH_MAX];
        if (!d || !realpath(d, buf) || !(c->dir = arc_strdup(buf)))
            rc = arc_err(err, ARC_EIO, path, 0, 0,
                         "无法确定配置文件所在的目录");
        free(d);
    }
    if (rc) {
        arc_config_free(c);
        return rc;
    }
    *out = c;
    return 0;
}

void arc_config_free(arc_config *c)
{
    if (!c)
        return;
    free(c->dir);
    for (size_t i = 0; i < c->nignores; i++) {
        free(c->ignores[i].path);
        free(c->ignores[i].rule);
    }
    free(c->ignores);
    arc_node_free(c->root);
    free(c->path);
    free(c->rules);
    free(c->output);
    free(c->summary);
    free(c->profile);
    free(c);
}

const char *arc_config_path(const arc_config *c)
{
    return c->path;
}

const char *arc_config_rules(const arc_config *c)
{
    return c->rules;
}

const char *arc_config_output(const arc_config *c)
{
    return c->output;
}

const char *arc_config_summary(const arc_config *c)
{
    return c->summary;
}

const char *arc_config_profile(const arc_config *c)
{
    return c->profile;
}

int arc_config_fail_on(const arc_config *c)
{
    return c->fail_on;
}

unsigned long arc_config_time_limit_ms(const arc_config *c)
{
    return c->time_limit_ms;
}

/* Fails at node n naming a rule id the rule set does not have, or the
 * built-in rule, which a configuration cannot switch off, re-grade or
 * ignore (a file that cannot be checked is never hidden). */
static int no_rule(const arc_load_ctx *cx, const arc_node *n, const char *id)
{
    if (strcmp(id, ARC_RULE_UNREADABLE) == 0 ||
        strcmp(id, ARC_RULE_PATTERN_ERROR) == 0)
        return arc_node_fail(cx, n, "%s 是内置规则，不能停用、改级别或忽略",
                             id);
    return arc_node_fail(cx, n, "规则集中没有 id 为“%s”的规则", id);
}

int arc_config_apply(const arc_config *c, arc_ruleset *rs, arc_error *err)
{
    arc_load_ctx cx = {c->path, NULL, err};
    const arc_node *root = c->root;
    char **ids;
    size_t n;
    int rc = arc_node_strs(&cx, root, "disable", 0, &ids, &n);
    for (size_t i = 0; !rc && i < n; i++)
        if (arc_ruleset_set_enabled(rs, ids[i], 0))
            rc = no_rule(&cx, arc_node_item(arc_node_get(root, "disable"), i),
                         ids[i]);
    arc_strs_free(ids, n);
    const arc_node *sev = arc_node_get(root, "severity");
    if (!rc && sev && sev->type != ARC_NODE_MAP)
        rc = arc_node_fail(&cx, sev, "severity 应为映射：规则 id: 级别");
    for (size_t i = 0; !rc && sev && i < sev->n; i++) {
        const arc_node *v = sev->items[i];
        int s = v->type == ARC_NODE_SCALAR ? arc_severity_parse(v->value) : -1;
        if (s < 0)
            rc = arc_node_fail(&cx, v, "级别应为 error、warning 或 info");
        else if (arc_ruleset_set_severity(rs, sev->keys[i]->value,
                                          (arc_severity)s))
            rc = no_rule(&cx, sev->keys[i], sev->keys[i]->value);
    }
    for (size_t i = 0; !rc && i < c->nignores; i++) {
        const ignore *ig = &c->ignores[i];
        if (ig->rule && (arc_ruleset_rule_index(rs, ig->rule) < 0 ||
                         rs->rules[arc_ruleset_rule_index(rs, ig->rule)]
                             .builtin))
            rc = no_rule(&cx, arc_node_get(arc_node_get(root, "ignore")
                                               ->items[i],
                                           "rule"),
                         ig->rule);
    }
    const arc_node *dl = arc_node_get(root, "deadline");
    if (!rc && dl) {
        arc_deadline d = rs->deadline;
        rc = arc_load_deadline(&cx, dl, &d);
        if (!rc)
            rs->deadline = d;
    }
    return rc;
}

const char *arc_config_relative(const arc_config *c, const char *path,
                                char *buf, size_t size)
{
    char abs[PATH_MAX], cwd[PATH_MAX];
    const char *p = NULL;
    if (realpath(path, abs))
        p = abs;
    else if (path[0] == '/')
        p = path;
    else if (getcwd(cwd, sizeof cwd) &&
             (size_t)snprintf(abs, sizeof abs, "%s/%s", cwd, path) <
                 sizeof abs)
        p = abs;
    size_t n = c->dir ? strlen(c->dir) : 0;
    if (p && n && strncmp(p, c->dir, n) == 0 &&
        (p[n] == '/' || (n == 1 && c->dir[0] == '/'))) {
        snprintf(buf, size, "%s", p + (n == 1 ? 1 : n + 1));
        return buf;
    }
    /* Outside the config's tree: the path as printed. */
    return strncmp(path, "./", 2) == 0 ? path + 2 : path;
}

int arc_config_ignored_rel(const arc_config *c, const char *rel,
                           const char *rule)
{
    for (size_t i = 0; i < c->nignores; i++) {
        const ignore *ig = &c->ignores[i];
        if ((!ig->rule || strcmp(ig->rule, rule) == 0) &&
            fnmatch(ig->path, rel, 0) == 0)
            return 1;
    }
    return 0;
}

int arc_config_ignored(const arc_config *c, const char *path,
                       const char *rule)
{
    char buf[PATH_MAX];
    return arc_config_ignored_rel(c, arc_config_relative(c, path, buf,
                                                         sizeof buf),
                                  rule);
}
