#include "testutil.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

int arc_test_run(Suite *s)
{
    SRunner *sr = srunner_create(s);
    srunner_run_all(sr, CK_ENV);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}

arc_ruleset *arc_test_rules(const char *yaml)
{
    arc_ruleset *rs = NULL;
    arc_error err = {0};
    int rc = arc_ruleset_load_buffer(&rs, "test.yaml", yaml, strlen(yaml),
                                     &err);
    ck_assert_msg(rc == 0, "rule set failed to load: %d:%d: %s", err.line,
                  err.column, err.message);
    return rs;
}

arc_ruleset *arc_test_default_rules(void)
{
    arc_ruleset *rs = NULL;
    arc_error err = {0};
    int rc = arc_ruleset_load(&rs, ARC_TEST_SOURCE_DIR
                              "/rules/annual-report.yaml", &err);
    ck_assert_msg(rc == 0, "default rules: %d:%d: %s", err.line, err.column,
                  err.message);
    return rs;
}

arc_doc *arc_test_doc(const char *text, const arc_ruleset *rs)
{
    arc_doc *doc = NULL;
    arc_error err = {0};
    int rc = arc_doc_parse(&doc, "t.txt", text, strlen(text), rs, &err);
    ck_assert_msg(rc == 0, "doc parse failed: %s", err.message);
    return doc;
}

arc_findings *arc_test_check(const arc_ruleset *rs, const char *text)
{
    arc_doc *doc = arc_test_doc(text, rs);
    arc_findings *f = NULL;
    arc_error err = {0};
    ck_assert_int_eq(arc_findings_new(&f), 0);
    ck_assert_int_eq(arc_check(rs, doc, f, &err), 0);
    arc_findings_sort(f);
    arc_doc_free(doc);
    return f;
}

size_t arc_test_count(const arc_findings *f, const char *rule)
{
    size_t c = 0;
    for (size_t i = 0; i < arc_findings_count(f); i++)
        c += strcmp(arc_findings_get(f, i)->rule, rule) == 0;
    return c;
}

const arc_finding *arc_test_find(const arc_findings *f, const char *rule)
{
    for (size_t i = 0; i < arc_findings_count(f); i++)
        if (strcmp(arc_findings_get(f, i)->rule, rule) == 0)
            return arc_findings_get(f, i);
    return NULL;
}

void arc_test_dir_make(arc_test_dir *t, const char *prefix)
{
    snprintf(t->dir, sizeof t->dir, "/tmp/%s-XXXXXX", prefix);
    ck_assert_ptr_nonnull(mkdtemp(t->dir));
}

const char *arc_test_put(arc_test_dir *t, const char *rel, const char *s)
{
    char p[4096];
    snprintf(p, sizeof p, "%s/%s", t->dir, rel);
    for (char *q = p + strlen(t->dir) + 1; (q = strchr(q, '/')); q++) {
        *q = '\0';
        mkdir(p, 0777);
        *q = '/';
    }
    FILE *fp = fopen(p, "wb");
    ck_assert_msg(fp != NULL, "cannot create %s", p);
    fputs(s, fp);
    fclose(fp);
    snprintf(t->path, sizeof t->path, "%s", p);
    return t->path;
}

void arc_test_remove_tree(const char *path)
{
    struct stat st;
    if (lstat(path, &st) != 0)
        return;
    if (S_ISDIR(st.st_mode)) {
        DIR *d = opendir(path);
        struct dirent *e;
        while (d && (e = readdir(d))) {
            if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
                continue;
            char p[4096];
            snprintf(p, sizeof p, "%s/%s", path, e->d_name);
            arc_test_remove_tree(p);
        }
        if (d)
            closedir(d);
        rmdir(path);
    } else {
        unlink(path);
    }
}
