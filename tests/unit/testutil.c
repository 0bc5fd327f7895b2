#include "testutil.h"

#include "input.h"
#include "result.h"
#include "rules.h"

#include <dirent.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
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

arc_doc *arc_test_doc(const char *text)
{
    arc_doc *doc = NULL;
    arc_error err = {0};
    int rc = arc_doc_parse(&doc, "t.txt", text, strlen(text), &err);
    ck_assert_msg(rc == 0, "doc parse failed: %s", err.message);
    return doc;
}

arc_test_facts_doc *arc_test_facts(const char *text, const arc_ruleset *rs)
{
    arc_test_facts_doc *tf = calloc(1, sizeof *tf);
    ck_assert_ptr_nonnull(tf);
    const arc_doc_profile *p = rs ? &rs->doc : NULL;
    /* Parsed with the rule set's heading length, as arc_run_new sets it. */
    arc_parse_opts po = arc_parse_opts_default;
    if (p)
        po.max_heading_chars = p->max_heading_chars;
    arc_input in;
    memset(&in, 0, sizeof in);
    in.text = (char *)text;
    in.len = strlen(text);
    in.borrowed = 1;
    arc_error perr = {0};
    int prc = arc_doc_parse_input(&tf->doc, "t.txt", &in, &po, &perr);
    ck_assert_msg(prc == 0, "doc parse failed: %s", perr.message);
    if (p)
        ck_assert_int_eq(arc_doc_fold_traditional(tf->doc, p->t2s,
                                                  p->trad_bits, p->trad_min),
                         0);
    arc_error err = {0};
    int rc = arc_facts_read(&tf->facts, tf->doc, p, NULL, &err);
    ck_assert_msg(rc == 0, "facts: %s", err.message);
    return tf;
}

void arc_test_facts_free(arc_test_facts_doc *tf)
{
    if (!tf)
        return;
    arc_facts_free(&tf->facts);
    arc_doc_free(tf->doc);
    free(tf);
}

arc_result *arc_test_result_opts(const arc_run_opts *o, const char *path,
                                 const char *data, size_t len)
{
    arc_run *run = NULL;
    arc_checker *c = NULL;
    arc_result *r = NULL;
    arc_error err = {0};
    ck_assert_int_eq(arc_run_new(&run, o, &err), 0);
    ck_assert_int_eq(arc_checker_new(&c, o->rs), 0);
    int rc = arc_run_buffer(run, c, path, data, len, &r, &err);
    ck_assert_msg(rc == 0, "arc_run_buffer: %d %s", rc, err.message);
    ck_assert_ptr_nonnull(r);
    arc_checker_free(c);
    arc_run_free(run);
    return r;
}

arc_result *arc_test_result(const arc_ruleset *rs, const char *text,
                            unsigned flags)
{
    arc_run_opts o = {0};
    o.rs = rs;
    o.flags = flags;
    return arc_test_result_opts(&o, "t.txt", text, strlen(text));
}

arc_findings *arc_test_check(const arc_ruleset *rs, const char *text)
{
    arc_result *r = arc_test_result(rs, text, 0);
    const arc_findings *rf = arc_result_findings(r);
    arc_findings *f = NULL;
    ck_assert_int_eq(arc_findings_new(&f), 0);
    for (size_t i = 0; i < arc_findings_count(rf); i++)
        ck_assert_int_eq(arc_findings_add(f, arc_findings_get(rf, i)), 0);
    arc_result_free(r);
    return f;
}

arc_result *arc_test_given_result(const char *path, const arc_scorecard *card,
                                  const arc_findings *f)
{
    arc_result *r = calloc(1, sizeof *r);
    ck_assert_ptr_nonnull(r);
    r->status = ARC_RESULT_CHECKED;
    r->format = "";
    if (card) {
        r->card = *card;
    } else {
        memset(&r->card, 0, sizeof r->card);
        r->card.checked = 1;
    }
    r->path = strdup(path);
    r->title = strdup(r->card.title);
    r->unit = strdup(r->card.unit);
    ck_assert(r->path && r->title && r->unit);
    ck_assert_int_eq(arc_findings_new(&r->findings), 0);
    for (size_t i = 0; f && i < arc_findings_count(f); i++)
        ck_assert_int_eq(arc_findings_add(r->findings, arc_findings_get(f, i)),
                         0);
    return r;
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

int arc_test_office_fixtures(const char *dir)
{
    char cmd[8192];
    snprintf(cmd, sizeof cmd,
             "cd '%s' && sh tests/formats/office_fixtures.sh '%s'",
             ARC_TEST_SOURCE_DIR, dir);
    int status = system(cmd);
    if (status == -1 || !WIFEXITED(status))
        return 1;
    return WEXITSTATUS(status) == 77 ? 77 : WEXITSTATUS(status) ? 1 : 0;
}

char *arc_test_slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    ck_assert_msg(f != NULL, "cannot open %s", path);
    ck_assert_int_eq(fseek(f, 0, SEEK_END), 0);
    long n = ftell(f);
    ck_assert_msg(n >= 0, "cannot size %s", path);
    rewind(f);
    char *d = malloc((size_t)n + 1);
    ck_assert_ptr_nonnull(d);
    ck_assert_uint_eq(fread(d, 1, (size_t)n, f), (size_t)n);
    fclose(f);
    d[n] = '\0';
    if (len)
        *len = (size_t)n;
    return d;
}

void arc_test_office_same_text(arc_test_reader read, const char *office_dir,
                               const char *ext, const char *const *names,
                               size_t n)
{
    for (size_t i = 0; i < n; i++) {
        char path[4096];
        size_t tl, fl;
        snprintf(path, sizeof path, "%s/samples/%s.txt", ARC_TEST_SOURCE_DIR,
                 names[i]);
        char *txt = arc_test_slurp(path, &tl);
        snprintf(path, sizeof path, "%s/samples/%s/%s.%s", office_dir, ext,
                 names[i], ext);
        char *data = arc_test_slurp(path, &fl);
        arc_input in;
        char reason[256];
        int rc = read(&in, data, fl, NULL, reason, sizeof reason);
        ck_assert_msg(rc == 0, "%s: %s", path, reason);
        ck_assert_msg(strcmp(in.text, txt) == 0, "%s differs from the .txt",
                      path);
        arc_input_free(&in);
        free(txt);
        free(data);
    }
}

int arc_test_reader_main(int argc, char **argv, Suite *(*plain)(void),
                         Suite *(*office)(void), const char **office_dir)
{
    if (argc == 3 && strcmp(argv[1], "--office") == 0) {
        int status = arc_test_office_fixtures(argv[2]);
        if (status)
            return status;
        *office_dir = argv[2];
        return arc_test_run(office());
    }
    return arc_test_run(plain());
}

/* Appends n bytes to a growing buffer. */
static void zput(unsigned char **p, size_t *len, size_t *cap, const void *s,
                 size_t n)
{
    if (*len + n > *cap) {
        *cap = (*len + n) * 2 + 64;
        *p = realloc(*p, *cap);
        ck_assert_ptr_nonnull(*p);
    }
    memcpy(*p + *len, s, n);
    *len += n;
}

static void zput16(unsigned char **p, size_t *len, size_t *cap, unsigned v)
{
    unsigned char c[2] = {(unsigned char)v, (unsigned char)(v >> 8)};
    zput(p, len, cap, c, 2);
}

static void zput32(unsigned char **p, size_t *len, size_t *cap, uint32_t v)
{
    unsigned char c[4] = {(unsigned char)v, (unsigned char)(v >> 8),
                          (unsigned char)(v >> 16), (unsigned char)(v >> 24)};
    zput(p, len, cap, c, 4);
}

static uint32_t zcrc32(const char *s, size_t n)
{
    uint32_t crc = 0xFFFFFFFFu;
    for (size_t i = 0; i < n; i++) {
        crc ^= (unsigned char)s[i];
        for (int k = 0; k < 8; k++)
            crc = crc & 1 ? (crc >> 1) ^ 0xEDB88320u : crc >> 1;
    }
    return ~crc;
}

unsigned char *arc_test_zip(const arc_test_entry *e, size_t n, size_t *len)
{
    unsigned char *p = NULL;
    size_t l = 0, cap = 0;
    uint32_t *offset = calloc(n ? n : 1, sizeof *offset);
    ck_assert_ptr_nonnull(offset);
    for (int pass = 0; pass < 2; pass++) {
        size_t cd = l;
        for (size_t i = 0; i < n; i++) {
            size_t nl = strlen(e[i].name), dl = strlen(e[i].data);
            if (!pass)
                offset[i] = (uint32_t)l;
            zput32(&p, &l, &cap, pass ? 0x02014b50u : 0x04034b50u);
            if (pass)
                zput16(&p, &l, &cap, 20); /* made by */
            zput16(&p, &l, &cap, 20);     /* needed */
            zput16(&p, &l, &cap, e[i].flags);
            zput16(&p, &l, &cap, 0); /* stored */
            zput16(&p, &l, &cap, 0);
            zput16(&p, &l, &cap, 0x21);
            zput32(&p, &l, &cap, zcrc32(e[i].data, dl));
            zput32(&p, &l, &cap, (uint32_t)dl);
            zput32(&p, &l, &cap, (uint32_t)dl);
            zput16(&p, &l, &cap, (unsigned)nl);
            zput16(&p, &l, &cap, 0);
            if (pass) {
                zput16(&p, &l, &cap, 0); /* comment */
                zput16(&p, &l, &cap, 0); /* disk */
                zput16(&p, &l, &cap, 0);
                zput32(&p, &l, &cap, 0);
                zput32(&p, &l, &cap, offset[i]);
            }
            zput(&p, &l, &cap, e[i].name, nl);
            if (!pass)
                zput(&p, &l, &cap, e[i].data, dl);
        }
        if (pass) {
            size_t cdlen = l - cd;
            zput32(&p, &l, &cap, 0x06054b50u);
            zput16(&p, &l, &cap, 0);
            zput16(&p, &l, &cap, 0);
            zput16(&p, &l, &cap, (unsigned)n);
            zput16(&p, &l, &cap, (unsigned)n);
            zput32(&p, &l, &cap, (uint32_t)cdlen);
            zput32(&p, &l, &cap, (uint32_t)cd);
            zput16(&p, &l, &cap, 0);
        }
    }
    free(offset);
    *len = l;
    return p;
}
