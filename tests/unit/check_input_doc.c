/* check_input_doc.c - the .doc/.wps reader (input_doc.c).
 *
 * Files are built here: a compound file writer ([MS-CFB] version 3: FAT,
 * DIFAT sectors when asked, directory, mini FAT and mini stream) and a
 * Word 97 builder (FIB, piece table, paragraph and character property
 * pages, style sheet, lists).  With --office DIR the suite reads
 * LibreOffice's conversions of our samples instead (office_fixtures.sh). */
#include "input.h"
#include "testutil.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ------------------------------------------------------------- bytes */

typedef struct {
    unsigned char *p;
    size_t len, cap;
} bytes;

static void put(bytes *b, const void *s, size_t n)
{
    if (b->len + n > b->cap) {
        b->cap = (b->len + n) * 2 + 64;
        b->p = realloc(b->p, b->cap);
        ck_assert_ptr_nonnull(b->p);
    }
    if (n)
        memcpy(b->p + b->len, s, n);
    b->len += n;
}

static void put8(bytes *b, unsigned v)
{
    unsigned char c = (unsigned char)v;
    put(b, &c, 1);
}

static void put16(bytes *b, unsigned v)
{
    unsigned char c[2] = {(unsigned char)v, (unsigned char)(v >> 8)};
    put(b, c, 2);
}

static void put32(bytes *b, uint32_t v)
{
    unsigned char c[4] = {(unsigned char)v, (unsigned char)(v >> 8),
                          (unsigned char)(v >> 16), (unsigned char)(v >> 24)};
    put(b, c, 4);
}

static void zeros(bytes *b, size_t n)
{
    while (n--)
        put8(b, 0);
}

static void set16(unsigned char *p, unsigned v)
{
    p[0] = (unsigned char)v;
    p[1] = (unsigned char)(v >> 8);
}

static void set32(unsigned char *p, uint32_t v)
{
    for (int i = 0; i < 4; i++)
        p[i] = (unsigned char)(v >> (8 * i));
}

static uint32_t get32(const unsigned char *p)
{
    return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 |
           (uint32_t)p[3] << 24;
}

/* UTF-8 to UTF-16LE code units (control characters pass through). */
static void put_utf16(bytes *b, const char *s, size_t *units)
{
    const unsigned char *u = (const unsigned char *)s;
    size_t n = 0;
    while (*u) {
        uint32_t cp;
        if (*u < 0x80) {
            cp = *u++;
        } else if ((*u & 0xE0) == 0xC0) {
            cp = (uint32_t)(u[0] & 0x1F) << 6 | (u[1] & 0x3F);
            u += 2;
        } else if ((*u & 0xF0) == 0xE0) {
            cp = (uint32_t)(u[0] & 0x0F) << 12 | (uint32_t)(u[1] & 0x3F) << 6 |
                 (u[2] & 0x3F);
            u += 3;
        } else {
            cp = (uint32_t)(u[0] & 0x07) << 18 |
                 (uint32_t)(u[1] & 0x3F) << 12 | (uint32_t)(u[2] & 0x3F) << 6 |
                 (u[3] & 0x3F);
            u += 4;
        }
        if (cp >= 0x10000) {
            cp -= 0x10000;
            put16(b, 0xD800 + (cp >> 10));
            put16(b, 0xDC00 + (cp & 0x3FF));
            n += 2;
        } else {
            put16(b, cp);
            n++;
        }
    }
    *units = n;
}

/* ------------------------------------------------------- compound file */

#define SECT 512
#define FREESECT 0xFFFFFFFFu
#define ENDOFCHAIN 0xFFFFFFFEu
#define FATSECT 0xFFFFFFFDu
#define DIFSECT 0xFFFFFFFCu
#define NOSTREAM 0xFFFFFFFFu

typedef struct {
    const char *name;
    const unsigned char *data;
    size_t len;
} stream;

/* Where things went, for tests that break them. */
typedef struct {
    uint32_t start[16];  /* first sector (or mini sector) per stream */
    int mini[16];        /* stored in the mini stream */
    uint32_t dir;        /* first directory sector */
    uint32_t fat0;       /* first FAT sector */
    size_t nfat;
    uint32_t difat0;     /* first DIFAT sector, or ENDOFCHAIN */
    uint32_t minifat;    /* first mini FAT sector, or ENDOFCHAIN */
    uint32_t ministream; /* first sector of the mini stream */
} layout;

static size_t sectors(size_t len)
{
    return (len + SECT - 1) / SECT;
}

/* A version 3 compound file holding streams s[0..n) in the root storage
 * (streams below 4096 bytes in the mini stream); at least min_fat FAT
 * sectors, so that more than 109 need DIFAT sectors.  Free the result. */
static unsigned char *make_cfb(const stream *s, size_t n, size_t min_fat,
                               layout *lay, size_t *len)
{
    layout dummy;
    if (!lay)
        lay = &dummy;
    memset(lay, 0, sizeof *lay);
    ck_assert_uint_le(n, 15);
    /* The mini stream and its FAT. */
    bytes mini = {0};
    uint32_t *mfat = NULL;
    size_t nmini = 0;
    for (size_t i = 0; i < n; i++) {
        if (s[i].len >= 4096)
            continue;
        size_t k = (s[i].len + 63) / 64;
        lay->mini[i] = 1;
        lay->start[i] = k ? (uint32_t)nmini : ENDOFCHAIN;
        mfat = realloc(mfat, (nmini + k + 1) * sizeof *mfat);
        for (size_t j = 0; j < k; j++)
            mfat[nmini + j] = j + 1 < k ? (uint32_t)(nmini + j + 1) : ENDOFCHAIN;
        nmini += k;
        put(&mini, s[i].data, s[i].len);
        zeros(&mini, k * 64 - s[i].len);
    }
    /* Sector plan: regular streams, mini stream, directory, mini FAT, FAT,
     * DIFAT. */
    size_t next = 0;
    size_t first[16];
    for (size_t i = 0; i < n; i++) {
        first[i] = next;
        if (!lay->mini[i]) {
            lay->start[i] = (uint32_t)next;
            next += sectors(s[i].len);
        }
    }
    size_t mini_at = next, mini_n = sectors(mini.len);
    next += mini_n;
    size_t dir_at = next, dir_n = sectors((n + 1) * 128);
    next += dir_n;
    size_t mfat_at = next, mfat_n = sectors(nmini * 4);
    next += mfat_n;
    size_t nfat = min_fat ? min_fat : 1, ndif = 0;
    for (;;) {
        ndif = nfat > 109 ? (nfat - 109 + 126) / 127 : 0;
        if (nfat * 128 >= next + nfat + ndif)
            break;
        nfat++;
    }
    size_t fat_at = next, dif_at = next + nfat, total = next + nfat + ndif;
    uint32_t *fat = malloc(nfat * 128 * sizeof *fat);
    ck_assert_ptr_nonnull(fat);
    for (size_t i = 0; i < nfat * 128; i++)
        fat[i] = FREESECT;
    for (size_t i = 0; i < n; i++)
        if (!lay->mini[i])
            for (size_t j = 0; j < sectors(s[i].len); j++)
                fat[first[i] + j] = j + 1 < sectors(s[i].len)
                                        ? (uint32_t)(first[i] + j + 1)
                                        : ENDOFCHAIN;
    size_t runs[3][2] = {{mini_at, mini_n}, {dir_at, dir_n}, {mfat_at, mfat_n}};
    for (size_t r = 0; r < 3; r++)
        for (size_t j = 0; j < runs[r][1]; j++)
            fat[runs[r][0] + j] = j + 1 < runs[r][1]
                                      ? (uint32_t)(runs[r][0] + j + 1)
                                      : ENDOFCHAIN;
    for (size_t j = 0; j < nfat; j++)
        fat[fat_at + j] = FATSECT;
    for (size_t j = 0; j < ndif; j++)
        fat[dif_at + j] = DIFSECT;

    bytes b = {0};
    static const unsigned char sig[8] = {0xD0, 0xCF, 0x11, 0xE0,
                                         0xA1, 0xB1, 0x1A, 0xE1};
    put(&b, sig, 8);
    zeros(&b, 16);
    put16(&b, 0x3E);
    put16(&b, 3);
    put16(&b, 0xFFFE);
    put16(&b, 9);
    put16(&b, 6);
    zeros(&b, 6);
    put32(&b, 0);
    put32(&b, (uint32_t)nfat);
    put32(&b, (uint32_t)dir_at);
    put32(&b, 0);
    put32(&b, 4096);
    put32(&b, mfat_n ? (uint32_t)mfat_at : ENDOFCHAIN);
    put32(&b, (uint32_t)mfat_n);
    put32(&b, ndif ? (uint32_t)dif_at : ENDOFCHAIN);
    put32(&b, (uint32_t)ndif);
    for (size_t i = 0; i < 109; i++)
        put32(&b, i < nfat ? (uint32_t)(fat_at + i) : FREESECT);
    /* Sectors. */
    for (size_t i = 0; i < n; i++)
        if (!lay->mini[i]) {
            put(&b, s[i].data, s[i].len);
            zeros(&b, sectors(s[i].len) * SECT - s[i].len);
        }
    put(&b, mini.p, mini.len);
    zeros(&b, mini_n * SECT - mini.len);
    for (size_t i = 0; i < dir_n * 4; i++) {
        unsigned char e[128];
        memset(e, 0, sizeof e);
        set32(e + 0x44, NOSTREAM);
        set32(e + 0x48, NOSTREAM);
        set32(e + 0x4C, NOSTREAM);
        if (i == 0) {
            const char *root = "Root Entry";
            for (size_t k = 0; root[k]; k++)
                set16(e + 2 * k, (unsigned char)root[k]);
            set16(e + 0x40, 2 * (strlen(root) + 1));
            e[0x42] = 5;
            set32(e + 0x4C, n ? 1 : NOSTREAM);
            set32(e + 0x74, mini_n ? (uint32_t)mini_at : ENDOFCHAIN);
            set32(e + 0x78, (uint32_t)(nmini * 64));
        } else if (i <= n) {
            const stream *t = &s[i - 1];
            for (size_t k = 0; t->name[k]; k++)
                set16(e + 2 * k, (unsigned char)t->name[k]);
            set16(e + 0x40, 2 * (strlen(t->name) + 1));
            e[0x42] = 2;
            e[0x43] = 1;
            set32(e + 0x48, i < n ? (uint32_t)(i + 1) : NOSTREAM);
            set32(e + 0x74, t->len ? lay->start[i - 1] : ENDOFCHAIN);
            set32(e + 0x78, (uint32_t)t->len);
        }
        put(&b, e, sizeof e);
    }
    for (size_t i = 0; i < mfat_n * 128; i++)
        put32(&b, i < nmini ? mfat[i] : FREESECT);
    for (size_t i = 0; i < nfat * 128; i++)
        put32(&b, fat[i]);
    for (size_t d = 0; d < ndif; d++) {
        for (size_t i = 0; i < 127; i++) {
            size_t k = 109 + d * 127 + i;
            put32(&b, k < nfat ? (uint32_t)(fat_at + k) : FREESECT);
        }
        put32(&b, d + 1 < ndif ? (uint32_t)(dif_at + d + 1) : ENDOFCHAIN);
    }
    ck_assert_uint_eq(b.len, SECT * (total + 1));
    lay->dir = (uint32_t)dir_at;
    lay->fat0 = (uint32_t)fat_at;
    lay->nfat = nfat;
    lay->difat0 = ndif ? (uint32_t)dif_at : ENDOFCHAIN;
    lay->minifat = mfat_n ? (uint32_t)mfat_at : ENDOFCHAIN;
    lay->ministream = (uint32_t)mini_at;
    free(fat);
    free(mfat);
    free(mini.p);
    *len = b.len;
    return b.p;
}

/* Byte offset of sector sid, and of FAT entry sid. */
static size_t sector_at(uint32_t sid)
{
    return ((size_t)sid + 1) * SECT;
}

static size_t fat_entry(const layout *lay, uint32_t sid)
{
    return sector_at(lay->fat0 + sid / 128) + 4 * (sid % 128);
}

/* ------------------------------------------------------------ Word 97 */

#define TEXT_AT 1024 /* the text starts here in the WordDocument stream */

typedef struct {
    uint32_t cp_start, cp_end; /* the run [start, end) */
    const char *grpprl;        /* bytes (sprms; for paragraphs istd first) */
    size_t len;
} run;

typedef struct {
    unsigned sti;
    int base; /* istdBase, -1 none */
    const char *grpprl; /* the UPX PAPX's sprms */
    size_t len;
} wstyle;

typedef struct {
    const char *text;    /* UTF-8; \r paragraph, \a cell, \x13 … fields */
    const char *text2;   /* a second piece, or NULL */
    int compressed2;     /* the second piece is 8-bit (bytes as given) */
    unsigned flags;      /* FibBase flags over fWhichTblStm */
    unsigned nfib;
    const run *paras;    /* paragraph properties, single unicode piece */
    size_t nparas;
    const run *chars;    /* character properties, likewise */
    size_t nchars;
    const wstyle *styles;
    size_t nstyles;
    const unsigned char *lst; /* PlfLst + LVLs */
    size_t lst_len, lcb_plflst;
    const unsigned char *lfo; /* PlfLfo */
    size_t lfo_len;
    uint32_t ccp_extra; /* added to ccpText (hostile) */
    const char *table_name;
} wdoc;

/* An FKP page: runs with their property blocks, from the end down.
 * `entry` is 13 for paragraphs (BxPap), 1 for characters. */
static void fkp(bytes *wd, const run *r, size_t n, size_t entry, int para)
{
    unsigned char pg[512];
    memset(pg, 0, sizeof pg);
    size_t top = 511;
    for (size_t i = 0; i < n; i++) {
        set32(pg + 4 * i, TEXT_AT + 2 * r[i].cp_start);
        size_t need;
        if (para) {
            /* cb: 2*cb-1 bytes follow (odd lengths), else 0 and cb'. */
            size_t len = r[i].len + (r[i].len % 2 == 0 ? 1 : 0);
            need = 1 + len;
            top = (top - need) & ~(size_t)1;
            pg[top] = (unsigned char)((len + 1) / 2);
            memcpy(pg + top + 1, r[i].grpprl, r[i].len);
        } else {
            need = 1 + r[i].len;
            top = (top - need) & ~(size_t)1;
            pg[top] = (unsigned char)r[i].len;
            memcpy(pg + top + 1, r[i].grpprl, r[i].len);
        }
        pg[4 * (n + 1) + entry * i] = (unsigned char)(top / 2);
    }
    set32(pg + 4 * n, TEXT_AT + 2 * r[n - 1].cp_end);
    pg[511] = (unsigned char)n;
    ck_assert_uint_gt(top, 4 * (n + 1) + entry * n);
    put(wd, pg, sizeof pg);
}

/* The STSH: Stshi (cstd, cbSTDBaseInFile 10 …), then one LPStd per style
 * (StdfBase, name, a PAPX UPX and an empty CHPX UPX). */
static void stsh(bytes *tb, const wstyle *st, size_t n)
{
    put16(tb, 18);
    put16(tb, (unsigned)n);
    put16(tb, 10);
    put16(tb, 1);
    put16(tb, 0x5B);
    put16(tb, 15);
    put16(tb, 0);
    zeros(tb, 6);
    for (size_t i = 0; i < n; i++) {
        bytes s = {0};
        put16(&s, st[i].sti);
        put16(&s, 1u | (unsigned)((st[i].base < 0 ? 0x0FFF : st[i].base) << 4));
        put16(&s, 2u | (unsigned)(i << 4));
        put16(&s, 0);
        put16(&s, 0);
        size_t units;
        char name[32];
        snprintf(name, sizeof name, "s%zu", i);
        bytes nm = {0};
        put_utf16(&nm, name, &units);
        put16(&s, (unsigned)units);
        put(&s, nm.p, nm.len);
        put16(&s, 0);
        free(nm.p);
        put16(&s, (unsigned)(2 + st[i].len));
        put16(&s, (unsigned)i);
        put(&s, st[i].grpprl, st[i].len);
        if (st[i].len % 2)
            put8(&s, 0);
        put16(&s, 0);
        put16(tb, (unsigned)s.len);
        put(tb, s.p, s.len);
        free(s.p);
    }
}

/* The WordDocument and table streams of d; free both. */
static void make_word(const wdoc *d, bytes *wd, bytes *tb)
{
    memset(wd, 0, sizeof *wd);
    memset(tb, 0, sizeof *tb);
    zeros(wd, TEXT_AT);
    size_t n1, n2 = 0;
    put_utf16(wd, d->text, &n1);
    size_t fc2 = wd->len;
    if (d->text2) {
        if (d->compressed2) {
            n2 = strlen(d->text2);
            put(wd, d->text2, n2);
        } else {
            put_utf16(wd, d->text2, &n2);
        }
    }
    while (wd->len % 512)
        put8(wd, 0);
    uint32_t pap_pn = 0, chp_pn = 0;
    if (d->nparas) {
        pap_pn = (uint32_t)(wd->len / 512);
        fkp(wd, d->paras, d->nparas, 13, 1);
    }
    if (d->nchars) {
        chp_pn = (uint32_t)(wd->len / 512);
        fkp(wd, d->chars, d->nchars, 1, 0);
    }
    /* Table stream: CLX with one Prc, then the piece table. */
    size_t fc_clx = tb->len;
    put8(tb, 0x01);
    put16(tb, 2);
    put16(tb, 0x0000);
    put8(tb, 0x02);
    size_t npcd = d->text2 ? 2 : 1;
    put32(tb, (uint32_t)(4 * (npcd + 1) + 8 * npcd));
    put32(tb, 0);
    put32(tb, (uint32_t)n1);
    if (d->text2)
        put32(tb, (uint32_t)(n1 + n2));
    put16(tb, 0);
    put32(tb, TEXT_AT);
    put16(tb, 0);
    if (d->text2) {
        put16(tb, 0);
        put32(tb, d->compressed2 ? (uint32_t)(fc2 * 2) | 0x40000000u
                                 : (uint32_t)fc2);
        put16(tb, 0);
    }
    size_t lcb_clx = tb->len - fc_clx;
    size_t fc_pap = tb->len, fc_chp, fc_st, fc_lst, fc_lfo;
    if (d->nparas) {
        put32(tb, TEXT_AT + 2 * d->paras[0].cp_start);
        put32(tb, TEXT_AT + 2 * d->paras[d->nparas - 1].cp_end);
        put32(tb, pap_pn);
    }
    fc_chp = tb->len;
    if (d->nchars) {
        put32(tb, TEXT_AT + 2 * d->chars[0].cp_start);
        put32(tb, TEXT_AT + 2 * d->chars[d->nchars - 1].cp_end);
        put32(tb, chp_pn);
    }
    fc_st = tb->len;
    if (d->nstyles)
        stsh(tb, d->styles, d->nstyles);
    fc_lst = tb->len;
    put(tb, d->lst, d->lst_len);
    fc_lfo = tb->len;
    put(tb, d->lfo, d->lfo_len);

    /* The FIB, over the zeros at the start of the stream. */
    bytes f = {0};
    put16(&f, 0xA5EC);
    put16(&f, d->nfib ? d->nfib : 0xC1);
    put16(&f, 0);
    put16(&f, 0x0804);
    put16(&f, 0);
    put16(&f, d->flags | 0x0200);
    zeros(&f, 32 - f.len);
    put16(&f, 14);
    zeros(&f, 28);
    put16(&f, 22);
    uint32_t lw[22] = {0};
    lw[0] = (uint32_t)wd->len;
    lw[3] = (uint32_t)(n1 + n2) + d->ccp_extra;
    for (int i = 0; i < 22; i++)
        put32(&f, lw[i]);
    put16(&f, 93);
    uint32_t pairs[93][2];
    memset(pairs, 0, sizeof pairs);
    pairs[33][0] = (uint32_t)fc_clx;
    pairs[33][1] = (uint32_t)lcb_clx;
    if (d->nparas) {
        pairs[13][0] = (uint32_t)fc_pap;
        pairs[13][1] = 12;
    }
    if (d->nchars) {
        pairs[12][0] = (uint32_t)fc_chp;
        pairs[12][1] = 12;
    }
    if (d->nstyles) {
        pairs[1][0] = (uint32_t)fc_st;
        pairs[1][1] = (uint32_t)(fc_lst - fc_st);
    }
    if (d->lst_len) {
        pairs[73][0] = (uint32_t)fc_lst;
        pairs[73][1] = (uint32_t)d->lcb_plflst;
    }
    if (d->lfo_len) {
        pairs[74][0] = (uint32_t)fc_lfo;
        pairs[74][1] = (uint32_t)d->lfo_len;
    }
    for (int i = 0; i < 93; i++) {
        put32(&f, pairs[i][0]);
        put32(&f, pairs[i][1]);
    }
    put16(&f, 0);
    ck_assert_uint_le(f.len, TEXT_AT);
    memcpy(wd->p, f.p, f.len);
    free(f.p);
}

/* A whole .doc of d; free the result. */
static unsigned char *make_doc(const wdoc *d, layout *lay, size_t *len)
{
    bytes wd, tb;
    make_word(d, &wd, &tb);
    stream s[] = {{"WordDocument", wd.p, wd.len},
                  {d->table_name ? d->table_name : "1Table", tb.p, tb.len}};
    unsigned char *doc = make_cfb(s, 2, 0, lay, len);
    free(wd.p);
    free(tb.p);
    return doc;
}

static const arc_input_limits big = {(size_t)64 << 20, 100, NULL};

static int read_bytes(arc_input *in, const unsigned char *data, size_t len,
                      const arc_input_limits *lim, char *reason,
                      size_t reason_size)
{
    return arc_input_doc(in, (const char *)data, len, lim ? lim : &big,
                         reason, reason_size);
}

/* Builds and reads d, which must succeed; the text is compared. */
static void read_ok(arc_input *in, const wdoc *d, const char *want)
{
    size_t len;
    unsigned char *doc = make_doc(d, NULL, &len);
    char reason[256] = "";
    int rc = read_bytes(in, doc, len, NULL, reason, sizeof reason);
    free(doc);
    ck_assert_msg(rc == 0, "rc %d: %s", rc, reason);
    ck_assert_uint_eq(in->len, strlen(in->text));
    if (want)
        ck_assert_str_eq(in->text, want);
}

static void refused_bytes(const unsigned char *data, size_t len,
                          const arc_input_limits *lim, const char *want)
{
    arc_input in;
    memset(&in, 0xAB, sizeof in); /* the reader must clear it */
    char reason[256] = "";
    int rc = read_bytes(&in, data, len, lim, reason, sizeof reason);
    ck_assert_msg(rc == ARC_EPARSE, "rc %d (%s), want refusal: %s", rc,
                  reason, want);
    ck_assert_msg(strstr(reason, want) != NULL, "reason \"%s\" lacks \"%s\"",
                  reason, want);
    ck_assert_ptr_null(in.text);
    ck_assert_ptr_null(in.outline);
    ck_assert_uint_eq(in.nlines, 0);
    arc_input_free(&in);
}

static void refused(const wdoc *d, const char *want)
{
    size_t len;
    unsigned char *doc = make_doc(d, NULL, &len);
    refused_bytes(doc, len, NULL, want);
    free(doc);
}

static void outline_is(const arc_input *in, const unsigned char *want,
                       size_t n)
{
    ck_assert_uint_eq(in->nlines, n);
    for (size_t i = 0; i < n; i++)
        ck_assert_msg(in->outline[i] == want[i],
                      "line %zu: outline %u, want %u", i + 1, in->outline[i],
                      want[i]);
}

/* ---------------------------------------------------------------- text */

START_TEST(test_paragraphs_are_lines)
{
    arc_input in;
    wdoc d = {.text = "第一段\r第二 段  \r\r末段\r"};
    read_ok(&in, &d, "第一段\n第二 段\n\n末段\n");
    outline_is(&in, (const unsigned char[]){0, 0, 0, 0}, 4);
    ck_assert_ptr_null(in.title);
    arc_input_free(&in);
    /* Text after the last mark is still a line; no text is a string. */
    wdoc d2 = {.text = "无结尾标记"};
    read_ok(&in, &d2, "无结尾标记\n");
    arc_input_free(&in);
    wdoc d3 = {.text = ""};
    read_ok(&in, &d3, "");
    ck_assert_uint_eq(in.nlines, 0);
    arc_input_free(&in);
}
END_TEST

START_TEST(test_compressed_piece)
{
    /* 8-bit pieces are Latin-1 but for the spec's table: 0x93 0x94 are
     * quotes, 0x85 an ellipsis, 0x80 stays U+0080. */
    arc_input in;
    wdoc d = {.text = "中文",
              .text2 = "AB \x93q\x94\x85\xE9\r",
              .compressed2 = 1};
    read_ok(&in, &d, "中文AB “q”…é\n");
    arc_input_free(&in);
}
END_TEST

START_TEST(test_fields_keep_results)
{
    arc_input in;
    wdoc d = {.text = "见\x13 HYPERLINK \"http://x\" \x14附表\x15。\r"
                      /* nested: the inner field's result is in the outer
                       * result; codes vanish */
                      "\x13 IF \x13 PAGE \x14" "3\x15 \x14外\x13 REF a \x14内"
                      "\x15果\x15\r"
                      /* a field with no result, an end without a begin */
                      "甲\x13 TOC \\o \x15乙\x15丙\r"};
    read_ok(&in, &d, "见附表。\n外内果\n甲乙丙\n");
    arc_input_free(&in);
}
END_TEST

START_TEST(test_deep_fields)
{
    /* Nesting deeper than the reader follows: results of the innermost
     * fields stay hidden, the rest reads, nothing breaks. */
    char text[1024] = "前";
    for (int i = 0; i < 70; i++)
        strcat(text, "\x13" "c\x14");
    strcat(text, "深");
    for (int i = 0; i < 70; i++)
        strcat(text, "\x15");
    strcat(text, "后\r");
    arc_input in;
    wdoc d = {.text = text};
    read_ok(&in, &d, "前后\n");
    arc_input_free(&in);
}
END_TEST

START_TEST(test_control_characters)
{
    arc_input in;
    wdoc d = {.text = "甲\t乙\x0B丙\x1E丁\x1F戊\x01己\x08庚\r"
                      /* a page break inside a paragraph, then a section
                       * break ending one */
                      "分页\x0C\r节末\x0C新节\r"
                      /* a pair, a lone high and a lone low surrogate */
                      "\xF0\x9F\x98\x80"};
    read_ok(&in, &d, "甲 乙 丙-丁戊己庚\n分页\n节末\n新节\n😀\n");
    arc_input_free(&in);
}
END_TEST

START_TEST(test_lone_surrogates)
{
    /* Written as raw UTF-16: a high surrogate before text, a low one
     * alone. */
    bytes wd, tb;
    wdoc d = {.text = "ab\rcd\r"};
    make_word(&d, &wd, &tb);
    set16(wd.p + TEXT_AT, 0xD800);
    set16(wd.p + TEXT_AT + 6, 0xDC00);
    stream s[] = {{"WordDocument", wd.p, wd.len}, {"1Table", tb.p, tb.len}};
    size_t len;
    unsigned char *doc = make_cfb(s, 2, 0, NULL, &len);
    arc_input in;
    char reason[256];
    ck_assert_int_eq(read_bytes(&in, doc, len, NULL, reason, sizeof reason), 0);
    ck_assert_str_eq(in.text, "\xEF\xBF\xBD" "b\n\xEF\xBF\xBD" "d\n");
    arc_input_free(&in);
    free(doc);
    free(wd.p);
    free(tb.p);
}
END_TEST

/* ------------------------------------------------- paragraph properties */

#define ISTD(n) (char)(n), 0
#define S_OUTLVL(v) 0x40, 0x26, (char)(v)
#define S_TTP 0x17, 0x24, 1
#define S_INTABLE 0x16, 0x24, 1
#define S_ILFO(v) 0x0B, 0x46, (char)(v), 0
#define S_ILVL(v) 0x0A, 0x26, (char)(v)

START_TEST(test_table_cells_are_lines)
{
    /* A row of three cells (the middle one empty) ends with its row mark,
     * which is no line; then a paragraph after the table. */
    static const char cell[] = {ISTD(0), S_INTABLE},
                      row[] = {ISTD(0), S_INTABLE, S_TTP},
                      body[] = {ISTD(0)};
    const char *text = "前\rA1\a\aC1\a\a后\r";
    run paras[] = {{0, 2, body, sizeof body},   {2, 5, cell, sizeof cell},
                   {5, 6, cell, sizeof cell},   {6, 9, cell, sizeof cell},
                   {9, 10, row, sizeof row},    {10, 12, body, sizeof body}};
    arc_input in;
    wdoc d = {.text = text, .paras = paras, .nparas = 6};
    read_ok(&in, &d, "前\nA1\n\nC1\n后\n");
    arc_input_free(&in);
}
END_TEST

START_TEST(test_outline_levels)
{
    /* Styles: 0 Normal, 1 heading 1 (built in), 2 heading 2 with its own
     * sprmPOutLvl 1, 3 based on 1, 4 body text by sprmPOutLvl 9 though
     * based on a heading, 5 a cycle with 6. */
    static const char lvl1[] = {S_OUTLVL(1)}, body9[] = {S_OUTLVL(9)};
    wstyle st[] = {{0, -1, NULL, 0},          {1, 0, NULL, 0},
                   {2, 0, lvl1, sizeof lvl1}, {0x0FFE, 1, NULL, 0},
                   {0x0FFE, 1, body9, sizeof body9},
                   {0x0FFE, 6, NULL, 0},      {0x0FFE, 5, NULL, 0}};
    static const char p0[] = {ISTD(0)}, p1[] = {ISTD(1)}, p2[] = {ISTD(2)},
                      p3[] = {ISTD(3)}, p4[] = {ISTD(4)}, p5[] = {ISTD(5)},
                      p99[] = {ISTD(99)},
                      direct[] = {ISTD(0), S_OUTLVL(2)},
                      demoted[] = {ISTD(1), S_OUTLVL(9)};
    const char *text = "正文\r一级\r二级\r继承\r正文级\r循环\r未知\r直接三级\r"
                       "改为正文\r";
    run paras[] = {{0, 3, p0, 2},     {3, 6, p1, 2},  {6, 9, p2, 2},
                   {9, 12, p3, 2},    {12, 16, p4, 2}, {16, 19, p5, 2},
                   {19, 22, p99, 2},  {22, 27, direct, sizeof direct},
                   {27, 32, demoted, sizeof demoted}};
    arc_input in;
    wdoc d = {.text = text, .paras = paras, .nparas = 9, .styles = st,
              .nstyles = 7};
    read_ok(&in, &d, "正文\n一级\n二级\n继承\n正文级\n循环\n未知\n直接三级\n"
                     "改为正文\n");
    outline_is(&in, (const unsigned char[]){0, 1, 2, 1, 0, 0, 0, 3, 0}, 9);
    arc_input_free(&in);
}
END_TEST

/* ------------------------------------------------- character properties */

START_TEST(test_deleted_and_hidden_runs)
{
    static const char del[] = {0x00, 0x08, 1}, hid[] = {0x3C, 0x08, 1},
                      shown[] = {0x3C, 0x08, 0}, ins[] = {0x01, 0x08, 1},
                      opp[] = {0x3C, 0x08, (char)0x81};
    const char *text = "保留删除插入隐藏显示反转末\r";
    run chars[] = {{0, 2, shown, 3}, {2, 4, del, 3}, {4, 6, ins, 3},
                   {6, 8, hid, 3},   {8, 10, shown, 3}, {10, 12, opp, 3}};
    arc_input in;
    wdoc d = {.text = text, .chars = chars, .nchars = 6};
    read_ok(&in, &d, "保留插入显示末\n");
    arc_input_free(&in);
}
END_TEST

/* ---------------------------------------------------------------- lists */

/* An LVL: LVLF (28 bytes), no grpprls, the number text (UTF-16, with
 * placeholders at the 1-based positions given). */
static void lvl(bytes *b, int start, unsigned nfc, unsigned follow,
                const uint16_t *text, size_t n, const unsigned char *ph,
                int legal)
{
    put32(b, (uint32_t)start);
    put8(b, nfc);
    put8(b, legal ? 0x04 : 0);
    unsigned char nums[9] = {0};
    for (size_t i = 0; i < 9 && ph[i]; i++)
        nums[i] = ph[i];
    put(b, nums, 9);
    put8(b, follow);
    put32(b, 0);
    put32(b, 0);
    put8(b, 0);
    put8(b, 0);
    put8(b, 0);
    put8(b, 0);
    put16(b, (unsigned)n);
    for (size_t i = 0; i < n; i++)
        put16(b, text[i]);
}

/* Two lists: lsid 10 (三 levels: 一、 / （一） / 1.) and lsid 20 (simple,
 * decimal "N." with a legal flag test in level text "%1)"); LFOs 1, 2
 * (both lsid 10; 2 restarts level 0 at 1 once), 3 (lsid 20), 4 (bullet
 * list lsid 30). */
static void lists(bytes *lst, size_t *lcb, bytes *lfo)
{
    memset(lst, 0, sizeof *lst);
    memset(lfo, 0, sizeof *lfo);
    put16(lst, 3);
    uint32_t ids[3] = {10, 20, 30};
    for (int i = 0; i < 3; i++) {
        put32(lst, ids[i]);
        put32(lst, 0);
        for (int k = 0; k < 9; k++)
            put16(lst, 0x0FFF);
        put8(lst, i ? 1 : 0); /* fSimpleList */
        put8(lst, 0);
    }
    *lcb = lst->len;
    static const uint16_t t0[] = {0, 0x3001}, t1[] = {0xFF08, 1, 0xFF09},
                          t2[] = {2, '.'}, t3[] = {0, ')'};
    static const uint16_t tb[] = {0xF0B7};
    static const unsigned char p1[] = {1, 0}, p2[] = {2, 0}, none[] = {0};
    lvl(lst, 1, 37, 2, t0, 2, p1, 0);  /* chineseCounting "一、" */
    lvl(lst, 1, 37, 2, t1, 3, p2, 0);  /* "（一）" */
    lvl(lst, 1, 0, 0, t2, 2, p1, 0);   /* "%3." */
    for (int k = 3; k < 9; k++)
        lvl(lst, 1, 0, 0, t2, 2, p1, 0);
    lvl(lst, 3, 37, 0, t3, 2, p1, 1);  /* legal: decimal "3)" */
    lvl(lst, 1, 23, 0, tb, 1, none, 0); /* bullet */
    put32(lfo, 4);
    uint32_t lsids[4] = {10, 10, 20, 30};
    unsigned clfolvl[4] = {0, 1, 0, 0};
    for (int i = 0; i < 4; i++) {
        put32(lfo, lsids[i]);
        put32(lfo, 0);
        put32(lfo, 0);
        put8(lfo, clfolvl[i]);
        put8(lfo, 0);
        put8(lfo, 0);
        put8(lfo, 0);
    }
    for (int i = 0; i < 4; i++) {
        put32(lfo, 0xFFFFFFFFu);
        if (clfolvl[i]) {
            put32(lfo, 1);    /* iStartAt */
            put32(lfo, 0x10); /* level 0, fStartAt */
        }
    }
}

START_TEST(test_list_labels)
{
    bytes lst, lfo;
    size_t lcb;
    lists(&lst, &lcb, &lfo);
    static const char a0[] = {ISTD(0), S_ILFO(1), S_ILVL(0)},
                      a1[] = {ISTD(0), S_ILFO(1), S_ILVL(1)},
                      a2[] = {ISTD(0), S_ILFO(1), S_ILVL(2)},
                      r0[] = {ISTD(0), S_ILFO(2), S_ILVL(0)},
                      l0[] = {ISTD(0), S_ILFO(3), S_ILVL(0)},
                      bu[] = {ISTD(0), S_ILFO(4), S_ILVL(0)},
                      off[] = {ISTD(1), S_ILFO(0)},
                      bad[] = {ISTD(0), S_ILFO(99), S_ILVL(0)},
                      sty[] = {ISTD(1)};
    static const char s1[] = {S_ILFO(1), S_ILVL(0)};
    wstyle st[] = {{0, -1, NULL, 0}, {1, 0, s1, sizeof s1}};
    const char *text = "甲\r子\r细\r细\r乙\r重\r续\r法\r点\r样\r关\r坏\r";
    run paras[12];
    const char *g[12] = {a0, a1, a2, a2, a0, r0, a0, l0, bu, sty, off, bad};
    size_t gl[12] = {sizeof a0, sizeof a1, sizeof a2, sizeof a2, sizeof a0,
                     sizeof r0, sizeof a0, sizeof l0, sizeof bu, sizeof sty,
                     sizeof off, sizeof bad};
    for (uint32_t i = 0; i < 12; i++)
        paras[i] = (run){2 * i, 2 * i + 2, g[i], gl[i]};
    arc_input in;
    wdoc d = {.text = text, .paras = paras, .nparas = 12, .styles = st,
              .nstyles = 2, .lst = lst.p, .lst_len = lst.len,
              .lcb_plflst = lcb, .lfo = lfo.p, .lfo_len = lfo.len};
    read_ok(&in, &d,
            "一、甲\n"
            "（一）子\n"
            "1.细\n"
            "2.细\n"
            "二、乙\n"
            /* LFO 2 restarts the shared count once; LFO 1 goes on */
            "一、重\n"
            "二、续\n"
            "3)法\n"
            "点\n"
            /* numbered through its style, then switched off */
            "三、样\n"
            "关\n"
            "坏\n");
    /* Numbering makes no heading. */
    for (size_t i = 0; i < in.nlines; i++)
        ck_assert_uint_eq(in.outline[i], i == 9 || i == 10 ? 1 : 0);
    arc_input_free(&in);
    free(lst.p);
    free(lfo.p);
}
END_TEST

START_TEST(test_lists_truncated)
{
    /* LVLs cut short: no labels, the text still reads. */
    bytes lst, lfo;
    size_t lcb;
    lists(&lst, &lcb, &lfo);
    static const char a0[] = {ISTD(0), S_ILFO(1), S_ILVL(0)};
    run paras[] = {{0, 2, a0, sizeof a0}};
    arc_input in;
    wdoc d = {.text = "甲\r", .paras = paras, .nparas = 1, .lst = lst.p,
              .lst_len = lcb + 20, .lcb_plflst = lcb, .lfo = lfo.p,
              .lfo_len = 10};
    read_ok(&in, &d, "甲\n");
    arc_input_free(&in);
    free(lst.p);
    free(lfo.p);
}
END_TEST

/* ------------------------------------------------------ compound files */

START_TEST(test_large_streams_and_difat)
{
    /* A WordDocument above the mini stream cutoff, and a FAT of 120
     * sectors: 11 of them listed in a DIFAT sector. */
    char *text = malloc(4 * 2000 + 8);
    text[0] = '\0';
    for (int i = 0; i < 2000; i++)
        strcat(text, i % 200 == 199 ? "段\r" : "字");
    bytes wd, tb;
    wdoc d = {.text = text};
    make_word(&d, &wd, &tb);
    ck_assert_uint_ge(wd.len, 4096);
    stream s[] = {{"WordDocument", wd.p, wd.len}, {"1Table", tb.p, tb.len}};
    layout lay;
    size_t len;
    unsigned char *doc = make_cfb(s, 2, 120, &lay, &len);
    ck_assert_uint_ne(lay.difat0, ENDOFCHAIN);
    ck_assert_int_eq(lay.mini[0], 0);
    ck_assert_int_eq(lay.mini[1], 1);
    arc_input in;
    char reason[256];
    ck_assert_int_eq(read_bytes(&in, doc, len, NULL, reason, sizeof reason), 0);
    ck_assert_uint_eq(in.nlines, 10);
    arc_input_free(&in);
    free(doc);
    /* 240 FAT sectors take two DIFAT sectors; the first pointing at itself
     * while more FAT sectors are due is a loop. */
    doc = make_cfb(s, 2, 240, &lay, &len);
    ck_assert_int_eq(read_bytes(&in, doc, len, NULL, reason, sizeof reason), 0);
    ck_assert_uint_eq(in.nlines, 10);
    arc_input_free(&in);
    set32(doc + sector_at(lay.difat0) + 4 * 127, lay.difat0);
    refused_bytes(doc, len, NULL, "DIFAT 扇区链出现循环");
    free(doc);
    free(wd.p);
    free(tb.p);
    free(text);
}
END_TEST

/* A .doc whose WordDocument is in regular sectors and whose table stream
 * (with a style sheet) takes several mini sectors, for chain tests. */
static unsigned char *big_doc(layout *lay, size_t *len)
{
    static char text[3 * 2100 + 8];
    text[0] = '\0';
    for (int i = 0; i < 2100; i++)
        strcat(text, "字");
    static const wstyle st[] = {{0, -1, NULL, 0}, {1, 0, NULL, 0},
                                {2, 0, NULL, 0}, {3, 0, NULL, 0}};
    wdoc d = {.text = text, .styles = st, .nstyles = 4};
    return make_doc(&d, lay, len);
}

START_TEST(test_fat_loop)
{
    layout lay;
    size_t len;
    unsigned char *doc = big_doc(&lay, &len);
    /* The second sector of WordDocument leads back to the first. */
    set32(doc + fat_entry(&lay, lay.start[0] + 1), lay.start[0]);
    refused_bytes(doc, len, NULL, "循环");
    free(doc);
}
END_TEST

START_TEST(test_directory_loop)
{
    layout lay;
    size_t len;
    unsigned char *doc = big_doc(&lay, &len);
    set32(doc + fat_entry(&lay, lay.dir), lay.dir);
    refused_bytes(doc, len, NULL, "循环");
    free(doc);
}
END_TEST

START_TEST(test_mini_chain_loop)
{
    /* The table stream is in the mini stream; its mini FAT chain loops. */
    layout lay;
    size_t len;
    unsigned char *doc = big_doc(&lay, &len);
    ck_assert_int_eq(lay.mini[1], 1);
    size_t at = sector_at(lay.minifat) + 4 * lay.start[1];
    ck_assert_uint_ne(get32(doc + at), ENDOFCHAIN); /* more than 64 bytes */
    set32(doc + at, lay.start[1]);
    refused_bytes(doc, len, NULL, "循环");
    free(doc);
}
END_TEST

START_TEST(test_sibling_cycle)
{
    /* Directory siblings that point at each other: the walk ends. */
    static const unsigned char x[] = "data";
    stream s[] = {{"Alpha", x, 4}, {"Beta", x, 4}, {"Gamma", x, 4}};
    layout lay;
    size_t len;
    unsigned char *doc = make_cfb(s, 3, 0, &lay, &len);
    size_t dir = sector_at(lay.dir);
    set32(doc + dir + 3 * 128 + 0x48, 1); /* Gamma -> Alpha */
    set32(doc + dir + 2 * 128 + 0x44, 3); /* Beta <- Gamma */
    refused_bytes(doc, len, NULL, "不含 Word 正文");
    free(doc);
}
END_TEST

START_TEST(test_huge_sizes)
{
    layout lay;
    size_t len;
    unsigned char *doc = big_doc(&lay, &len);
    size_t e = sector_at(lay.dir) + 128 + 0x78; /* WordDocument's size */
    uint32_t was = get32(doc + e);
    set32(doc + e, 0xFFFFFFF0u);
    refused_bytes(doc, len, NULL, "超出文件大小");
    set32(doc + e, was);
    /* A start sector far past the end. */
    set32(doc + sector_at(lay.dir) + 128 + 0x74, 0x7FFFFF00u);
    refused_bytes(doc, len, NULL, "超出文件范围");
    free(doc);
    /* A FAT sector count beyond the file. */
    doc = big_doc(&lay, &len);
    set32(doc + 0x2C, 0x10000000u);
    refused_bytes(doc, len, NULL, "FAT");
    free(doc);
    /* A mini stream claimed larger than the file. */
    doc = big_doc(&lay, &len);
    set32(doc + sector_at(lay.dir) + 0x78, 0x7FFFFFF0u);
    refused_bytes(doc, len, NULL, "超出文件大小");
    free(doc);
}
END_TEST

START_TEST(test_truncated)
{
    layout lay;
    size_t len;
    unsigned char *doc = big_doc(&lay, &len);
    arc_input in;
    char reason[256];
    ck_assert_int_eq(read_bytes(&in, doc, len, NULL, reason, sizeof reason), 0);
    arc_input_free(&in);
    /* Every cut: refused with a reason, or (past what is read) read. */
    for (size_t cut = 0; cut < len; cut += 37) {
        memset(&in, 0, sizeof in);
        reason[0] = '\0';
        int rc = read_bytes(&in, doc, cut, NULL, reason, sizeof reason);
        ck_assert_msg(rc == 0 || rc == ARC_EPARSE, "cut %zu: rc %d", cut, rc);
        if (rc) {
            ck_assert_msg(reason[0], "cut %zu: no reason", cut);
            ck_assert_ptr_null(in.text);
        }
        arc_input_free(&in);
    }
    refused_bytes(doc, 300, NULL, "太短");
    refused_bytes(doc, sector_at(lay.fat0) - 100, NULL, "文件");
    free(doc);
}
END_TEST

START_TEST(test_bad_header)
{
    layout lay;
    size_t len;
    unsigned char *doc = big_doc(&lay, &len);
    doc[0x1E] = 7; /* sector shift */
    refused_bytes(doc, len, NULL, "文件头");
    free(doc);
    refused_bytes((const unsigned char *)"", 0, NULL, "为空");
    const char *txt = "这是一段文字，不是 Word 文档。";
    refused_bytes((const unsigned char *)txt, strlen(txt), NULL, "OLE2");
}
END_TEST

/* ------------------------------------------------------------ refusals */

START_TEST(test_encrypted)
{
    wdoc d = {.text = "机密\r", .flags = 0x0100};
    refused(&d, "文档已加密，无法读取");
    /* An encrypted .docx: OLE2 with an EncryptedPackage stream. */
    static const unsigned char x[] = "xxxxxxxx";
    stream s[] = {{"EncryptionInfo", x, 8}, {"EncryptedPackage", x, 8}};
    size_t len;
    unsigned char *doc = make_cfb(s, 2, 0, NULL, &len);
    refused_bytes(doc, len, NULL, "文档已加密，无法读取");
    free(doc);
}
END_TEST

START_TEST(test_other_ole_files)
{
    static const unsigned char x[] = "\x09\x08\x10\x00";
    static const struct {
        const char *stream, *want;
    } t[] = {{"Workbook", "是 Excel 表格，不是文字文档"},
             {"Book", "Excel"},
             {"PowerPoint Document", "PowerPoint"},
             {"VisioDocument", "Visio"},
             {"Something", "不含 Word 正文"}};
    for (size_t i = 0; i < sizeof t / sizeof t[0]; i++) {
        stream s[] = {{"\x05SummaryInformation", x, 4}, {t[i].stream, x, 4}};
        size_t len;
        unsigned char *doc = make_cfb(s, 2, 0, NULL, &len);
        refused_bytes(doc, len, NULL, t[i].want);
        free(doc);
    }
}
END_TEST

START_TEST(test_bad_word_streams)
{
    wdoc old = {.text = "旧\r", .nfib = 0x65};
    refused(&old, "Word 6.0/95");
    wdoc notable = {.text = "甲\r", .table_name = "0Table"};
    refused(&notable, "缺少 1Table");
    /* A WordDocument too short for a FIB. */
    static const unsigned char shortw[20] = {0xEC, 0xA5};
    static const unsigned char t[] = "t";
    stream s[] = {{"WordDocument", shortw, sizeof shortw}, {"1Table", t, 1}};
    size_t len;
    unsigned char *doc = make_cfb(s, 2, 0, NULL, &len);
    refused_bytes(doc, len, NULL, "FIB");
    free(doc);
}
END_TEST

START_TEST(test_bad_piece_table)
{
    bytes wd, tb;
    wdoc d = {.text = "正文\r"};
    /* Clx missing. */
    make_word(&d, &wd, &tb);
    set32(wd.p + 0x9A + 33 * 8 + 4, 0);
    stream s[] = {{"WordDocument", wd.p, wd.len}, {"1Table", tb.p, tb.len}};
    size_t len;
    unsigned char *doc = make_cfb(s, 2, 0, NULL, &len);
    refused_bytes(doc, len, NULL, "CLX");
    free(doc);
    /* The Pcdt tag broken. */
    tb.p[5] = 0x07;
    set32(wd.p + 0x9A + 33 * 8 + 4, (uint32_t)tb.len);
    doc = make_cfb(s, 2, 0, NULL, &len);
    refused_bytes(doc, len, NULL, "CLX");
    free(doc);
    tb.p[5] = 0x02;
    /* A piece beyond the stream. */
    set32(tb.p + 6 + 4 + 8 + 2, 0x00FFFFF0u);
    doc = make_cfb(s, 2, 0, NULL, &len);
    refused_bytes(doc, len, NULL, "超出 WordDocument");
    free(doc);
    set32(tb.p + 6 + 4 + 8 + 2, TEXT_AT);
    /* Positions going backwards. */
    set32(tb.p + 6 + 4, 5);
    set32(tb.p + 6 + 4 + 4, 2);
    doc = make_cfb(s, 2, 0, NULL, &len);
    refused_bytes(doc, len, NULL, "倒序");
    free(doc);
    free(wd.p);
    free(tb.p);
}
END_TEST

START_TEST(test_text_limit)
{
    arc_input_limits small = {12, 100, NULL};
    wdoc d = {.text = "一二三四五六七八九十\r"};
    size_t len;
    unsigned char *doc = make_doc(&d, NULL, &len);
    refused_bytes(doc, len, &small, "文字超过 12 字节");
    free(doc);
    /* A ccpText claiming more than the limit is refused before reading. */
    wdoc d2 = {.text = "短\r", .ccp_extra = 0x7FFFFFF0u};
    doc = make_doc(&d2, NULL, &len);
    refused_bytes(doc, len, NULL, "文字超过");
    free(doc);
}
END_TEST

/* Deterministic noise over a document with every structure: whatever the
 * bytes, the reader returns text or a reason, and never reads out of
 * bounds (the suite also runs under ASan). */
START_TEST(test_mutations)
{
    bytes lst, lfo;
    size_t lcb;
    lists(&lst, &lcb, &lfo);
    static const char a0[] = {ISTD(1), S_ILFO(1), S_ILVL(0), S_OUTLVL(0)},
                      del[] = {0x00, 0x08, 1};
    static const char s1[] = {S_ILFO(2), S_ILVL(1)};
    wstyle st[] = {{0, -1, NULL, 0}, {1, 0, s1, sizeof s1}};
    run paras[] = {{0, 4, a0, sizeof a0}, {4, 8, a0, sizeof a0}};
    run chars[] = {{0, 2, del, 3}, {2, 8, del, 3}};
    wdoc d = {.text = "一二\x13x\x14三\x15\r四\a\a\r", .paras = paras,
              .nparas = 2, .chars = chars, .nchars = 2, .styles = st,
              .nstyles = 2, .lst = lst.p, .lst_len = lst.len,
              .lcb_plflst = lcb, .lfo = lfo.p, .lfo_len = lfo.len};
    size_t len;
    unsigned char *doc = make_doc(&d, NULL, &len);
    unsigned char *m = malloc(len);
    uint32_t seed = 12345;
    int read = 0;
    for (int round = 0; round < 3000; round++) {
        memcpy(m, doc, len);
        int flips = 1 + round % 8;
        for (int f = 0; f < flips; f++) {
            seed = seed * 1103515245u + 12345u;
            size_t at = (seed >> 8) % len;
            seed = seed * 1103515245u + 12345u;
            m[at] = round % 3 ? (unsigned char)(seed >> 16) : 0xFF;
        }
        arc_input in;
        char reason[256] = "";
        int rc = read_bytes(&in, m, len, NULL, reason, sizeof reason);
        ck_assert_msg(rc == 0 || rc == ARC_EPARSE, "round %d: rc %d", round,
                      rc);
        if (rc == 0) {
            ck_assert_uint_eq(in.len, strlen(in.text));
            read++;
        } else {
            ck_assert_msg(reason[0], "round %d: no reason", round);
        }
        arc_input_free(&in);
    }
    ck_assert_int_gt(read, 0);
    free(m);
    free(doc);
    free(lst.p);
    free(lfo.p);
}
END_TEST

/* ------------------------------------------------------------- readers */

START_TEST(test_reader_table)
{
    wdoc d = {.text = "甲\r"};
    size_t len;
    unsigned char *doc = make_doc(&d, NULL, &len);
    const char *data = (const char *)doc;
    /* The OLE2 header is certain: it beats any name. */
    ck_assert_str_eq(arc_reader_for("a.doc", data, len)->name, "doc");
    ck_assert_str_eq(arc_reader_for("a.wps", data, len)->name, "doc");
    ck_assert_str_eq(arc_reader_for("a.docx", data, len)->name, "doc");
    ck_assert_str_eq(arc_reader_for("noext", data, len)->name, "doc");
    ck_assert_str_eq(arc_reader_by_name("X.DOT")->name, "doc");
    /* Through the table row: options give the limits. */
    const arc_reader *r = arc_reader_for("a.wps", data, len);
    arc_input in;
    char reason[256];
    arc_load_opts o = {0};
    ck_assert_int_eq(r->read(&in, data, len, &o, NULL, reason, sizeof reason), 0);
    ck_assert_str_eq(in.text, "甲\n");
    arc_input_free(&in);
    o.max_uncompressed = 2;
    ck_assert_int_eq(r->read(&in, data, len, &o, NULL, reason, sizeof reason),
                     ARC_EPARSE);
    free(doc);
    /* A web page saved as .doc reads as the page it is. */
    const char *page = "<html><body><p>网页保存的 Word 文档。</p></body></html>";
    r = arc_reader_for("a.doc", page, strlen(page));
    ck_assert_str_eq(r->name, "doc");
    ck_assert_int_eq(r->read(&in, page, strlen(page), NULL, NULL, reason,
                             sizeof reason),
                     0);
    ck_assert_ptr_nonnull(strstr(in.text, "网页保存的 Word 文档。"));
    arc_input_free(&in);
    /* Other bytes named .doc are refused. */
    ck_assert_int_eq(r->read(&in, "plain", 5, NULL, NULL, reason, sizeof reason),
                     ARC_EPARSE);
    ck_assert_ptr_nonnull(strstr(reason, "OLE2"));
}
END_TEST

/* ------------------------------------------------ LibreOffice's output */

static const char *office_dir;

/* Every sample as LibreOffice writes it in .doc reads as the .txt: one
 * paragraph per line. */
START_TEST(test_office_samples)
{
    static const char *const names[] = {
        "compliant", "compliant-2", "date-invalid", "deadline-late",
        "empty-section", "numbering-gap", "ratio-mismatch", "sum-mismatch",
        "work-plan", "year-mismatch"};
    arc_test_office_same_text(arc_input_doc, office_dir, "doc", names,
                              sizeof names / sizeof names[0]);
}
END_TEST

/* What LibreOffice writes when asked for .wps is Word 97: read as such. */
START_TEST(test_office_wps)
{
    char path[4096];
    size_t tl, wl;
    char *txt = arc_test_slurp(ARC_TEST_SOURCE_DIR "/samples/compliant.txt", &tl);
    snprintf(path, sizeof path, "%s/samples/wps/compliant.wps", office_dir);
    char *wps = arc_test_slurp(path, &wl);
    const arc_reader *r = arc_reader_for(path, wps, wl);
    ck_assert_str_eq(r->name, "doc");
    arc_input in;
    char reason[256];
    ck_assert_int_eq(r->read(&in, wps, wl, NULL, NULL, reason, sizeof reason), 0);
    ck_assert_str_eq(in.text, txt);
    arc_input_free(&in);
    free(txt);
    free(wps);
}
END_TEST

/* The rich document (make_office.py) as .doc: headings from styles,
 * automatic numbering, a table with an empty cell, a field, tracked
 * changes, hidden text, a footnote: the lines in rich.expected. */
START_TEST(test_office_rich)
{
    char path[4096];
    size_t el, dl;
    snprintf(path, sizeof path, "%s/rich/rich.expected", office_dir);
    char *want = arc_test_slurp(path, &el);
    snprintf(path, sizeof path, "%s/rich/rich.doc", office_dir);
    char *doc = arc_test_slurp(path, &dl);
    arc_input in;
    char reason[256];
    ck_assert_int_eq(arc_input_doc(&in, doc, dl, NULL, reason, sizeof reason),
                     0);
    bytes got = {0};
    const char *p = in.text;
    for (size_t i = 0; i < in.nlines; i++) {
        const char *nl = strchr(p, '\n');
        char head[8];
        snprintf(head, sizeof head, "%u\t", in.outline[i]);
        put(&got, head, strlen(head));
        put(&got, p, (size_t)(nl - p) + 1);
        p = nl + 1;
    }
    put8(&got, 0);
    ck_assert_str_eq((const char *)got.p, want);
    free(got.p);
    arc_input_free(&in);
    free(want);
    free(doc);
}
END_TEST

static Suite *suite(void)
{
    Suite *s = suite_create("input_doc");
    TCase *tc = tcase_create("text");
    tcase_add_test(tc, test_paragraphs_are_lines);
    tcase_add_test(tc, test_compressed_piece);
    tcase_add_test(tc, test_fields_keep_results);
    tcase_add_test(tc, test_deep_fields);
    tcase_add_test(tc, test_control_characters);
    tcase_add_test(tc, test_lone_surrogates);
    suite_add_tcase(s, tc);
    tc = tcase_create("properties");
    tcase_add_test(tc, test_table_cells_are_lines);
    tcase_add_test(tc, test_outline_levels);
    tcase_add_test(tc, test_deleted_and_hidden_runs);
    tcase_add_test(tc, test_list_labels);
    tcase_add_test(tc, test_lists_truncated);
    suite_add_tcase(s, tc);
    tc = tcase_create("compound_file");
    tcase_add_test(tc, test_large_streams_and_difat);
    tcase_add_test(tc, test_fat_loop);
    tcase_add_test(tc, test_directory_loop);
    tcase_add_test(tc, test_mini_chain_loop);
    tcase_add_test(tc, test_sibling_cycle);
    tcase_add_test(tc, test_huge_sizes);
    tcase_add_test(tc, test_truncated);
    tcase_add_test(tc, test_bad_header);
    suite_add_tcase(s, tc);
    tc = tcase_create("refusals");
    tcase_add_test(tc, test_encrypted);
    tcase_add_test(tc, test_other_ole_files);
    tcase_add_test(tc, test_bad_word_streams);
    tcase_add_test(tc, test_bad_piece_table);
    tcase_add_test(tc, test_text_limit);
    tcase_set_timeout(tc, 60);
    tcase_add_test(tc, test_mutations);
    suite_add_tcase(s, tc);
    tc = tcase_create("readers");
    tcase_add_test(tc, test_reader_table);
    suite_add_tcase(s, tc);
    return s;
}

static Suite *office_suite(void)
{
    Suite *s = suite_create("input_doc.libreoffice");
    TCase *tc = tcase_create("libreoffice");
    tcase_add_test(tc, test_office_samples);
    tcase_add_test(tc, test_office_wps);
    tcase_add_test(tc, test_office_rich);
    suite_add_tcase(s, tc);
    return s;
}

int main(int argc, char **argv)
{
    return arc_test_reader_main(argc, argv, suite, office_suite, &office_dir);
}
