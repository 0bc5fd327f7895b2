#define PCRE2_CODE_UNIT_WIDTH 8
#include "regex.h"

#include "archeck.h"
#include "util.h"

#include <pcre2.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* At most this many scouts (below): each one is a scan of the text of its
 * own, fast only while they are few. */
#define ARC_MAX_SCOUTS 8

struct arc_regex {
    pcre2_code *code;
    int first[2]; /* the byte every match starts with (in either case),
                     or -1 */
    pcre2_code *scout[ARC_MAX_SCOUTS]; /* see find_scouts; code then
                                          accepts an offset limit */
    int nscout;
};

/* PCRE2 reports a first code unit also where it matches caselessly ([xX]
 * becomes a caseless x) without saying so: an ASCII letter is looked for in
 * both cases (k and s, whose other cases include K and ſ, not at all).  A
 * unit >= 0x80 is the lead byte of a character, which PCRE2 sets only when
 * it is the same in every case it matches, and looks for exactly. */
static void first_unit(arc_regex *re)
{
    uint32_t type = 0, u = 0;
    re->first[0] = re->first[1] = -1;
    if (pcre2_pattern_info(re->code, PCRE2_INFO_FIRSTCODETYPE, &type) != 0 ||
        type != 1 ||
        pcre2_pattern_info(re->code, PCRE2_INFO_FIRSTCODEUNIT, &u) != 0)
        return;
    if (u < 0x80) {
        int lower = (int)(u | 0x20);
        int alpha = lower >= 'a' && lower <= 'z';
        if (alpha && (lower == 'k' || lower == 's'))
            return;
        re->first[0] = alpha ? lower : (int)u;
        re->first[1] = alpha ? lower - 0x20 : -1;
    } else if (u < 0x100) {
        re->first[0] = (int)u;
    }
}


/*
 * Scouts.  PCRE2's JIT skips fast (SIMD) to a pattern's first character or
 * pair of characters, but a pattern whose alternatives start differently
 * (XX|××, 其中…|结果…|分别…, 待补充|请填写) has no first character, and it
 * tries a match at every byte of its start bitmap: about 1-2 cycles a byte
 * against 0.05-0.2 for one literal, and several such patterns made up a
 * tenth of the time checking a report takes.  Such a pattern gets one scout
 * per alternative, compiled alone: the alternatives of the whole pattern, or
 * those of a group that starts it (after its leading assertions, which a
 * scout may leave out: it need only match wherever the pattern does).  The
 * earliest place where a scout matches is the earliest where the pattern
 * can; the pattern is tried there alone (an offset limit), and on failure
 * the scouts go on after it.  Only syntax read here with certainty is
 * split; anything else (back references, option settings, \Q, verbs,
 * recursion, conditions, comments) keeps the plain search, as does a
 * pattern with a first character or with more than ARC_MAX_SCOUTS
 * alternatives.
 */

/* The pattern alone is tried over this many bytes before the scouts set
 * out: where matches are dense (和|及|与) or the text is short, one plain
 * search costs less than a call for every scout. */
#define ARC_SCOUT_AFTER 1024

/* Constructs whose meaning a scout compiled alone could change. */
static const char *const no_scout[] = {
    "\\Q", "\\E", "\\G", "\\K", "\\k", "\\g", "\\0", "\\1", "\\2", "\\3",
    "\\4", "\\5", "\\6", "\\7", "\\8", "\\9", "(*", "(?#", "(?(", "(?R",
    "(?&", "(?P>", "(?P=", "(?|", "(?C", "(?0", "(?1", "(?2", "(?3", "(?4",
    "(?5", "(?6", "(?7", "(?8", "(?9", "(?+", "(?-", "(?^", "(?i", "(?m",
    "(?n", "(?s", "(?x", "(?J", "(?U", "(?a", "(?r", NULL};

/* Just past the character class opening at p[i] ('['), or 0. */
static size_t class_end(const char *p, size_t n, size_t i)
{
    i++;
    if (i < n && p[i] == '^')
        i++;
    if (i < n && p[i] == ']')
        i++;
    while (i < n) {
        if (p[i] == '\\') {
            i += 2;
        } else if (p[i] == '[' && i + 1 < n && p[i + 1] == ':') {
            const char *e = strstr(p + i + 2, ":]");
            if (!e || (size_t)(e - p) >= n)
                return 0;
            i = (size_t)(e - p) + 2;
        } else if (p[i] == ']') {
            return i + 1;
        } else {
            i++;
        }
    }
    return 0;
}

/* Scans p[a..b): the '|' at its top level go to bar (at most max; bar NULL:
 * only counted), and *close is the index of the ')' closing the level p[a]
 * is in (b if none).  Returns the count of bars, or -1 for unbalanced
 * syntax or too many. */
static int top_bars(const char *p, size_t a, size_t b, size_t *bar, int max,
                    size_t *close)
{
    int depth = 0, nb = 0;
    *close = b;
    for (size_t i = a; i < b;) {
        char c = p[i];
        if (c == '\\') {
            i += 2;
            continue;
        }
        if (c == '[') {
            size_t j = class_end(p, b, i);
            if (!j)
                return -1;
            i = j;
            continue;
        }
        if (c == '(') {
            depth++;
        } else if (c == ')') {
            if (depth-- == 0) {
                *close = i;
                return nb;
            }
        } else if (c == '|' && depth == 0) {
            if (bar && nb == max)
                return -1;
            if (bar)
                bar[nb] = i;
            nb++;
        }
        i++;
    }
    return depth ? -1 : nb;
}

static int is_assertion(const char *p, size_t n, size_t i)
{
    return i + 2 < n && p[i] == '(' && p[i + 1] == '?' &&
           (p[i + 2] == '=' || p[i + 2] == '!' ||
            (p[i + 2] == '<' && i + 3 < n &&
             (p[i + 3] == '=' || p[i + 3] == '!')));
}

/* Length of the opening of a group at p[i] whose alternatives a scout may
 * take apart ("(", "(?:", "(?>", "(?<name>", "(?'name'", "(?P<name>"), or
 * 0. */
static size_t group_open(const char *p, size_t n, size_t i)
{
    if (i >= n || p[i] != '(')
        return 0;
    if (i + 1 >= n || p[i + 1] != '?')
        return 1;
    if (i + 2 >= n)
        return 0;
    char c = p[i + 2];
    if (c == ':' || c == '>')
        return 3;
    size_t k = i + 2;
    if (c == 'P' && i + 3 < n && p[i + 3] == '<')
        k++;
    if (p[k] != '<' && p[k] != '\'')
        return 0;
    char end = p[k] == '<' ? '>' : '\'';
    size_t j = k + 1;
    while (j < n && p[j] != end)
        j++;
    return j < n && j > k + 1 ? j + 1 - i : 0;
}

static void free_scouts(arc_regex *re)
{
    for (int i = 0; i < re->nscout; i++)
        pcre2_code_free(re->scout[i]);
    re->nscout = 0;
}

static pcre2_code *compile_limited(const char *p, size_t n)
{
    int ec;
    PCRE2_SIZE off;
    pcre2_code *code =
        pcre2_compile((PCRE2_SPTR)p, n,
                      PCRE2_UTF | PCRE2_MULTILINE | PCRE2_USE_OFFSET_LIMIT,
                      &ec, &off, NULL);
    if (code && pcre2_jit_compile(code, PCRE2_JIT_COMPLETE) != 0) {
        pcre2_code_free(code);
        code = NULL;
    }
    return code;
}

static int first_is_fixed(const pcre2_code *code)
{
    uint32_t type = 0;
    return pcre2_pattern_info(code, PCRE2_INFO_FIRSTCODETYPE, &type) == 0 &&
           type == 1;
}

/* Gives re scouts when its pattern p[0..n) qualifies (see above), and
 * recompiles re->code to accept an offset limit; leaves re as it was when
 * the pattern does not qualify or memory runs short (the plain search is
 * as right, only slower). */
static void find_scouts(arc_regex *re, const char *p, size_t n)
{
    uint32_t type = 0;
    if (pcre2_pattern_info(re->code, PCRE2_INFO_FIRSTCODETYPE, &type) != 0 ||
        type != 0)
        return;
    for (size_t k = 0; no_scout[k]; k++) {
        size_t w = strlen(no_scout[k]);
        for (size_t i = 0; i + w <= n; i++)
            if (memcmp(p + i, no_scout[k], w) == 0)
                return;
    }
    size_t bar[ARC_MAX_SCOUTS], close;
    size_t from = 0, to = n;
    int nb = top_bars(p, 0, n, bar, ARC_MAX_SCOUTS - 1, &close);
    if (nb < 0 || close != n)
        return;
    if (nb == 0) {
        /* No top-level alternatives: those of the group that starts the
         * pattern after its assertions, if nothing may skip that group. */
        size_t i = 0;
        while (is_assertion(p, n, i)) {
            int sub = top_bars(p, i + 1, n, NULL, 0, &close);
            if (sub < 0 || close >= n)
                return;
            i = close + 1;
        }
        size_t open = group_open(p, n, i);
        if (!open)
            return;
        nb = top_bars(p, i + open, n, bar, ARC_MAX_SCOUTS - 1, &close);
        if (nb <= 0 || close >= n ||
            (close + 1 < n && strchr("?*+{", p[close + 1])))
            return;
        from = i + open;
        to = close;
    }
    for (int b = 0; b <= nb; b++) {
        size_t s = b ? bar[b - 1] + 1 : from, e = b < nb ? bar[b] : to;
        pcre2_code *sc = compile_limited(p + s, e - s);
        if (!sc || !first_is_fixed(sc)) {
            pcre2_code_free(sc);
            free_scouts(re);
            return;
        }
        re->scout[re->nscout++] = sc;
    }
    pcre2_code *full = compile_limited(p, n);
    if (!full) {
        free_scouts(re);
        return;
    }
    pcre2_code_free(re->code);
    re->code = full;
}

struct arc_matcher {
    pcre2_match_data *md;
    pcre2_match_context *mctx;
    pcre2_match_context *lctx; /* mctx's limits and an offset limit: only
                                  for codes compiled to accept one */
    pcre2_jit_stack *jstack;
    int pairs; /* ovector pairs set by the last successful match */
    int error; /* PCRE2's code for the last search that gave up */
    arc_work work;
    arc_budget *budget; /* borrowed; NULL: none */
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
    first_unit(re);
    /* Without JIT support the interpreter still matches correctly. */
    if (jit && pcre2_jit_compile(code, PCRE2_JIT_COMPLETE) == 0)
        find_scouts(re, pattern, len);
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
    free_scouts(re);
    pcre2_code_free(re->code);
    free(re);
}

int arc_regex_scouts(const arc_regex *re)
{
    return re->nscout;
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
    m->lctx = pcre2_match_context_create(NULL);
    if (!m->md || !m->mctx || !m->lctx) {
        arc_matcher_free(m);
        return ARC_ENOMEM;
    }
    pcre2_match_context *ctx[] = {m->mctx, m->lctx};
    for (int i = 0; i < 2; i++) {
        pcre2_set_match_limit(ctx[i], ARC_MATCH_LIMIT);
        pcre2_set_depth_limit(ctx[i], ARC_DEPTH_LIMIT);
        pcre2_set_heap_limit(ctx[i], ARC_HEAP_LIMIT_KIB);
    }
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
    pcre2_match_context_free(m->lctx);
    pcre2_jit_stack_free(m->jstack);
    free(m);
}

/* One pcre2_match of code with ctx, giving the matcher a larger JIT stack
 * the first time a pattern needs more than PCRE2's 32 KiB. */
static int run(arc_matcher *m, const pcre2_code *code, pcre2_match_context *ctx,
               const char *subject, size_t len, size_t start, uint32_t opts)
{
    int rc = pcre2_match(code, (PCRE2_SPTR)subject, len, start, opts, m->md,
                         ctx);
    if (rc == PCRE2_ERROR_JIT_STACKLIMIT && !m->jstack) {
        m->jstack = pcre2_jit_stack_create(64 * 1024, 1024 * 1024, NULL);
        if (!m->jstack)
            return PCRE2_ERROR_NOMEMORY;
        pcre2_jit_stack_assign(m->mctx, NULL, m->jstack);
        pcre2_jit_stack_assign(m->lctx, NULL, m->jstack);
        rc = pcre2_match(code, (PCRE2_SPTR)subject, len, start, opts, m->md,
                         ctx);
    }
    return rc;
}

/* The first offset of subject[0..len) after i that starts a character. */
static size_t next_char(const char *subject, size_t len, size_t i)
{
    i++;
    while (i < len && ((unsigned char)subject[i] & 0xC0) == 0x80)
        i++;
    return i;
}

/* The scouts' search (see find_scouts): the pattern itself over the first
 * ARC_SCOUT_AFTER bytes; then the earliest start any scout finds, looked for in windows that grow fourfold, so that a scout
 * that never matches is not run to the end for every match of another;
 * the whole pattern tried there alone.  Returns pcre2_match's code; on a
 * match, m->md holds it. */
static int search_scouted(const arc_regex *re, arc_matcher *m,
                          const char *subject, size_t len, size_t start,
                          uint32_t opts)
{
    size_t near = len - start > ARC_SCOUT_AFTER ? start + ARC_SCOUT_AFTER : len;
    pcre2_set_offset_limit(m->lctx, near);
    int rc = run(m, re->code, m->lctx, subject, len, start, opts);
    if (rc != PCRE2_ERROR_NOMATCH || near >= len)
        return rc;
    start = next_char(subject, len, near);
    while (start < len) {
        size_t best = len, from = start, w = 4096;
        for (;;) {
            size_t lim = len - from > w ? from + w : len;
            for (int i = 0; i < re->nscout; i++) {
                pcre2_set_offset_limit(m->lctx, lim < best ? lim : best);
                rc = run(m, re->scout[i], m->lctx, subject, len, from,
                             opts);
                if (rc > 0) {
                    size_t at = pcre2_get_ovector_pointer(m->md)[0];
                    if (at < best)
                        best = at;
                } else if (rc != PCRE2_ERROR_NOMATCH) {
                    return rc;
                }
            }
            if (best < len || lim >= len)
                break;
            from = next_char(subject, len, lim);
            if (from >= len)
                break;
            w *= 4;
        }
        if (best >= len)
            return PCRE2_ERROR_NOMATCH;
        pcre2_set_offset_limit(m->lctx, best);
        rc = run(m, re->code, m->lctx, subject, len, best, opts);
        if (rc != PCRE2_ERROR_NOMATCH)
            return rc;
        start = next_char(subject, len, best);
    }
    return PCRE2_ERROR_NOMATCH;
}

int arc_regex_search(const arc_regex *re, arc_matcher *m, const char *subject,
                     size_t len, size_t start, int anchored, size_t *ms,
                     size_t *me)
{
    if (arc_budget_check(m->budget, 64))
        return ARC_REGEX_ETIME;
    uint32_t opts = PCRE2_NO_UTF_CHECK | (anchored ? PCRE2_ANCHORED : 0);
    /* PCRE2's own scan for a first code unit is a byte loop; glibc's
     * memchr skips text where the unit never occurs (most patterns start
     * with a rare character) many times faster. */
    if (!anchored && re->first[0] >= 0 && start < len) {
        const char *p = memchr(subject + start, re->first[0], len - start);
        if (re->first[1] >= 0) {
            size_t to = p ? (size_t)(p - subject) : len;
            const char *q = memchr(subject + start, re->first[1], to - start);
            if (q)
                p = q;
        }
        if (!p) {
            m->pairs = 0;
            return 0;
        }
        start = (size_t)(p - subject);
    }
    /* pcre2_match runs the JIT code itself when the options allow it and
     * falls back to the interpreter for a match-time PCRE2_ANCHORED; a code
     * with scouts is compiled to accept an offset limit, so it is matched
     * with lctx (whose limit is unset) also when anchored. */
    int rc;
    if (re->nscout && !anchored) {
        rc = search_scouted(re, m, subject, len, start, opts);
    } else {
        if (re->nscout)
            pcre2_set_offset_limit(m->lctx, PCRE2_UNSET);
        rc = run(m, re->code, re->nscout ? m->lctx : m->mctx, subject, len,
                 start, opts);
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

void arc_matcher_set_budget(arc_matcher *m, arc_budget *budget)
{
    m->budget = budget;
}

arc_budget *arc_matcher_budget(const arc_matcher *m)
{
    return m->budget;
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
