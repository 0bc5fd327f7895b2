#define PCRE2_CODE_UNIT_WIDTH 8
#include "regex.h"

#include "archeck.h"
#include "util.h"

#include <pcre2.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct arc_regex {
    pcre2_code *code;
};

struct arc_matcher {
    pcre2_match_data *md;
    pcre2_match_context *mctx;
    pcre2_jit_stack *jstack;
    int pairs; /* ovector pairs set by the last successful match */
    int error; /* PCRE2's code for the last search that gave up */
    arc_work work;
};

/* Match data sized for the widest pattern we accept. */
#define ARC_MAX_GROUPS 64

static int compile(arc_regex **out, const char *pattern, size_t len,
                   int jit, char *msg, size_t msgsize, size_t *erroff);

/*
 * Limits on one search, so that a pattern that backtracks catastrophically
 * on some text ((a+)+$, nested quantifiers over a long run) fails in a
 * bounded time and memory instead of running for hours or taking the
 * machine's memory; the failure is reported, never taken for "no match".
 *  - match limit: backtracking steps per start position.  The rule sets'
 *    patterns (bounded repeats, literal alternatives) need at most a few
 *    thousand; 1,000,000 leaves a wide margin and still stops a runaway
 *    pattern within milliseconds with JIT (tenths of a second without).
 *  - depth limit: nested backtracking frames of the interpreter (used for
 *    anchored searches): a group repeated once per character of a long line
 *    keeps one frame per repetition; 250,000 covers any line a report has.
 *  - heap limit (KiB): the interpreter's frames live on the heap; 64 MiB per
 *    matcher bounds what a batch of threads can take for them.
 * The JIT stack grows to at most 1 MiB (see arc_regex_search).
 */
#define ARC_MATCH_LIMIT 1000000u
#define ARC_DEPTH_LIMIT 250000u
#define ARC_HEAP_LIMIT_KIB 65536u

int arc_regex_compile(arc_regex **out, const char *pattern, size_t len,
                      char *msg, size_t msgsize, size_t *erroff)
{
    return compile(out, pattern, len, 1, msg, msgsize, erroff);
}

int arc_regex_compile_ex(arc_regex **out, const char *pattern, size_t len,
                         unsigned flags, char *msg, size_t msgsize,
                         size_t *erroff)
{
    return compile(out, pattern, len, !(flags & ARC_REGEX_NOJIT), msg,
                   msgsize, erroff);
}

int arc_regex_check(const char *pattern, size_t len, char *msg,
                    size_t msgsize, size_t *erroff)
{
    arc_regex *re = NULL;
    int rc = compile(&re, pattern, len, 0, msg, msgsize, erroff);
    arc_regex_free(re);
    return rc;
}

static int compile(arc_regex **out, const char *pattern, size_t len,
                   int jit, char *msg, size_t msgsize, size_t *erroff)
{
    *out = NULL;
    int ec;
    PCRE2_SIZE off;
    pcre2_code *code = pcre2_compile((PCRE2_SPTR)pattern, len,
                                     PCRE2_UTF | PCRE2_MULTILINE,
                                     &ec, &off, NULL);
    if (!code) {
        if (msg && msgsize) {
            PCRE2_UCHAR buf[256];
            pcre2_get_error_message(ec, buf, sizeof buf);
            snprintf(msg, msgsize, "%s", (const char *)buf);
        }
        if (erroff) {
            /* PCRE2 counts code units (bytes); callers want characters. */
            size_t chars = 0;
            for (size_t i = 0; i < off && i < len; i++)
                chars += ((unsigned char)pattern[i] & 0xC0) != 0x80;
            *erroff = chars;
        }
        return ARC_EPARSE;
    }
    uint32_t cap = 0;
    pcre2_pattern_info(code, PCRE2_INFO_CAPTURECOUNT, &cap);
    if (cap + 1 > ARC_MAX_GROUPS) {
        pcre2_code_free(code);
        if (msg && msgsize)
            snprintf(msg, msgsize, "too many capture groups (max %d)",
                     ARC_MAX_GROUPS - 1);
        if (erroff)
            *erroff = 0;
        return ARC_EPARSE;
    }
    arc_regex *re = calloc(1, sizeof *re);
    if (!re) {
        pcre2_code_free(code);
        return ARC_ENOMEM;
    }
    re->code = code;
    /* Without JIT support the interpreter still matches correctly. */
    if (jit)
        (void)pcre2_jit_compile(code, PCRE2_JIT_COMPLETE);
    *out = re;
    return 0;
}

int arc_regex_compile_words(arc_regex **out, const char *const *words,
                            size_t n, char *msg, size_t msgsize)
{
    arc_buf b = {0};
    int rc = arc_buf_puts(&b, "(?:");
    for (size_t i = 0; i < n && !rc; i++) {
        if (i)
            rc = arc_buf_puts(&b, "|");
        for (const char *w = words[i]; *w && !rc; w++) {
            if (strchr("\\^$.|?*+()[]{}", *w))
                rc = arc_buf_append(&b, "\\", 1);
            if (!rc)
                rc = arc_buf_append(&b, w, 1);
        }
    }
    if (!rc)
        rc = arc_buf_puts(&b, ")");
    if (rc) {
        arc_buf_free(&b);
        return ARC_ENOMEM;
    }
    rc = arc_regex_compile(out, b.data, b.len, msg, msgsize, NULL);
    arc_buf_free(&b);
    return rc;
}

void arc_regex_free(arc_regex *re)
{
    if (!re)
        return;
    pcre2_code_free(re->code);
    free(re);
}

int arc_regex_group(const arc_regex *re, const char *name)
{
    int n = pcre2_substring_number_from_name(re->code, (PCRE2_SPTR)name);
    return n < 0 ? -1 : n;
}

int arc_matcher_new(arc_matcher **out)
{
    arc_matcher *m = calloc(1, sizeof *m);
    if (!m)
        return ARC_ENOMEM;
    m->md = pcre2_match_data_create(ARC_MAX_GROUPS, NULL);
    m->mctx = pcre2_match_context_create(NULL);
    if (!m->md || !m->mctx) {
        arc_matcher_free(m);
        return ARC_ENOMEM;
    }
    pcre2_set_match_limit(m->mctx, ARC_MATCH_LIMIT);
    pcre2_set_depth_limit(m->mctx, ARC_DEPTH_LIMIT);
    pcre2_set_heap_limit(m->mctx, ARC_HEAP_LIMIT_KIB);
    /* No JIT stack yet: PCRE2's 32 KiB on the machine stack serves the
     * usual patterns, and a mmap'd one per matcher would cost a mmap and
     * munmap (a TLB shootdown with threads) per document. */
    *out = m;
    return 0;
}

void arc_matcher_free(arc_matcher *m)
{
    if (!m)
        return;
    pcre2_match_data_free(m->md);
    pcre2_match_context_free(m->mctx);
    pcre2_jit_stack_free(m->jstack);
    free(m);
}

int arc_regex_search(const arc_regex *re, arc_matcher *m, const char *subject,
                     size_t len, size_t start, int anchored, size_t *ms,
                     size_t *me)
{
    uint32_t opts = PCRE2_NO_UTF_CHECK | (anchored ? PCRE2_ANCHORED : 0);
    /* pcre2_match runs the JIT code itself when the options allow it and
     * falls back to the interpreter for a match-time PCRE2_ANCHORED. */
    int rc = pcre2_match(re->code, (PCRE2_SPTR)subject, len, start, opts,
                         m->md, m->mctx);
    if (rc == PCRE2_ERROR_JIT_STACKLIMIT && !m->jstack) {
        /* A pattern that needs more: give this matcher a larger stack. */
        m->jstack = pcre2_jit_stack_create(64 * 1024, 1024 * 1024, NULL);
        if (!m->jstack)
            return ARC_ENOMEM;
        pcre2_jit_stack_assign(m->mctx, NULL, m->jstack);
        rc = pcre2_match(re->code, (PCRE2_SPTR)subject, len, start, opts,
                         m->md, m->mctx);
    }
    m->pairs = rc > 0 ? rc : 0;
    m->work.searches++;
    if (rc == PCRE2_ERROR_NOMATCH) {
        m->work.searched += len > start ? len - start : 0;
        return 0;
    }
    if (rc == PCRE2_ERROR_NOMEMORY)
        return ARC_ENOMEM;
    if (rc < 0) {
        m->error = rc;
        return rc == PCRE2_ERROR_MATCHLIMIT || rc == PCRE2_ERROR_DEPTHLIMIT ||
                       rc == PCRE2_ERROR_HEAPLIMIT ||
                       rc == PCRE2_ERROR_JIT_STACKLIMIT
                   ? ARC_REGEX_ELIMIT
                   : ARC_REGEX_EMATCH;
    }
    PCRE2_SIZE *ov = pcre2_get_ovector_pointer(m->md);
    m->work.searched += ov[1] > start ? ov[1] - start : 0;
    if (ms)
        *ms = ov[0];
    if (me)
        *me = ov[1];
    return 1;
}

int arc_matcher_group(const arc_matcher *m, int g, size_t *s, size_t *e)
{
    if (g < 0 || g >= m->pairs)
        return 0;
    PCRE2_SIZE *ov = pcre2_get_ovector_pointer(m->md);
    if (ov[2 * g] == PCRE2_UNSET)
        return 0;
    *s = ov[2 * g];
    *e = ov[2 * g + 1];
    return 1;
}


const char *arc_matcher_error(const arc_matcher *m, char *buf, size_t size)
{
    PCRE2_UCHAR msg[256];
    if (pcre2_get_error_message(m->error, msg, sizeof msg) < 0)
        snprintf((char *)msg, sizeof msg, "PCRE2 error %d", m->error);
    snprintf(buf, size, "%s", (const char *)msg);
    return buf;
}

arc_work *arc_matcher_work(arc_matcher *m)
{
    return &m->work;
}
