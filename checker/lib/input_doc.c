/* input_doc.c - .doc/.wps/.dot (Word 97-2003 binary, [MS-DOC]) to text, one
 * line per paragraph or table cell, as the .docx reader gives them.
 *
 * Two layers.  The compound file ([MS-CFB]: header, DIFAT, FAT, directory,
 * mini FAT and mini stream) hands out whole streams.  The Word part reads
 * the FIB at the start of the WordDocument stream, the piece table (CLX) in
 * the table stream, and the text of the main document through it; the
 * paragraph property pages (PAPX FKPs) and the style sheet (STSH) give
 * outline levels, list numbering and table row ends, the character
 * property pages (CHPX FKPs) mark deleted revisions and hidden text, which
 * are dropped; Word's automatic list labels (not part of the text) are
 * rendered from the list tables (PlfLst, PlfLfo) as the .docx reader does.
 * Only the main document is read: footnotes, headers and text boxes come
 * after it in the text and are left out.
 *
 * The file is not trusted: every offset is checked before use, every sector
 * chain is followed with a bitmap of the sectors seen (a loop is an error,
 * not a hang), sizes are checked against the file before anything is
 * allocated, nothing recurses on the file's data, and the text extracted is
 * capped at arc_input_limits.max_uncompressed bytes. */
#include "input.h"

#include "archeck.h"
#include "text.h"
#include "util.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define BAD "不是有效的 Word 97-2003 文档："

#define ENDOFCHAIN 0xFFFFFFFEu
#define NOSTREAM 0xFFFFFFFFu
#define HEADER 512
#define DIRENT 128
#define MINI 64
#define CUTOFF 4096 /* streams below it live in the mini stream */
#define TO_END ((size_t)-1)

#define FKP 512      /* a property page of the WordDocument stream */
#define FIELDS 64    /* field nesting followed exactly; deeper stays hidden */
#define HOPS 10      /* istdBase links followed: cycles end */
#define FIB_CLX 33   /* index of fcClx/lcbClx in FibRgFcLcb97 */
#define FIB_STSHF 1
#define FIB_BTE_CHPX 12
#define FIB_BTE_PAPX 13
#define FIB_PLFLST 73
#define FIB_PLFLFO 74
#define NLVL 9       /* list levels */
#define MAX_COUNT 1000000
#define MAX_LABEL 64 /* characters of a level's number text */
#define NO_LIST ((size_t)-1)

enum {
    SPRM_C_DELETED = 0x0800, /* sprmCFRMarkDel: a deleted revision */
    SPRM_C_VANISH = 0x083C,  /* sprmCFVanish: hidden text */
    SPRM_P_TTP = 0x2417,     /* sprmPFTtp: the mark ending a table row */
    SPRM_P_INNER_TTP = 0x244C,
    SPRM_P_OUTLINE = 0x2640, /* sprmPOutLvl: 0-8 heading levels, 9 body */
    SPRM_P_ILVL = 0x260A,    /* sprmPIlvl: list level */
    SPRM_P_ILFO = 0x460B,    /* sprmPIlfo: 1-based list override */
    SPRM_P_CHGTABS = 0xC615,
    SPRM_T_DEFTABLE = 0xD608
};

static const unsigned char ole_magic[8] = {0xD0, 0xCF, 0x11, 0xE0,
                                           0xA1, 0xB1, 0x1A, 0xE1};

/* ---------------------------------------------------------------- bits */

static uint16_t rd16(const unsigned char *p)
{
    return (uint16_t)(p[0] | p[1] << 8);
}

static uint32_t rd32(const unsigned char *p)
{
    return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 |
           (uint32_t)p[3] << 24;
}

/* Sets bit i; returns whether it was set already. */
static int seen(unsigned char *bits, size_t i)
{
    unsigned char m = (unsigned char)(1u << (i & 7));
    int was = (bits[i >> 3] & m) != 0;
    bits[i >> 3] |= m;
    return was;
}

/* ------------------------------------------------------- compound file */

typedef struct {
    const unsigned char *d;
    size_t len;
    size_t ssize;      /* sector size: 512 (version 3) or 4096 */
    size_t nsect;      /* sectors after the header the file holds */
    uint32_t *fat;
    size_t nfat;
    uint32_t *mfat;    /* the mini FAT */
    size_t nmfat;
    unsigned char *dir;
    size_t ndir;       /* directory entries */
    unsigned char *mini;
    size_t nmini;      /* bytes of the mini stream */
    char *reason;
    size_t rsize;
} cfb;

static void cfb_free(cfb *c)
{
    free(c->fat);
    free(c->mfat);
    free(c->dir);
    free(c->mini);
}

static int corrupt(cfb *c, const char *what)
{
    return arc_reason(c->reason, c->rsize, ARC_EPARSE, BAD "%s", what);
}

/* Sector sid, or NULL when the file does not hold `need` bytes of it. */
static const unsigned char *sector(const cfb *c, uint32_t sid, size_t need)
{
    if (sid >= c->nsect)
        return NULL;
    size_t off = ((size_t)sid + 1) * c->ssize;
    return off <= c->len && c->len - off >= need ? c->d + off : NULL;
}

/*
 * The sectors of the chain starting at `first` in table t (n entries):
 * `want` of them, or all up to ENDOFCHAIN with TO_END.  A sector met twice
 * is a loop; without one a chain cannot be longer than the table, so the
 * walk ends either way.
 */
static int chain(cfb *c, const uint32_t *t, size_t n, uint32_t first,
                 size_t want, uint32_t **out, size_t *count)
{
    *out = NULL;
    *count = 0;
    unsigned char *bits = calloc(n / 8 + 1, 1);
    uint32_t *v = NULL;
    size_t cap = 0, k = 0;
    int rc = bits ? 0 : arc_reason_nomem(c->reason, c->rsize);
    uint32_t s = first;
    while (!rc && (want == TO_END ? s != ENDOFCHAIN : k < want)) {
        if (s >= n)
            rc = corrupt(c, s >= ENDOFCHAIN
                                ? "扇区链提前结束（文件不完整或已损坏）"
                                : "扇区编号超出文件范围（文件不完整或已损坏）");
        else if (seen(bits, s))
            rc = corrupt(c, "扇区链出现循环（文件已损坏）");
        else if (arc_grow((void **)&v, &cap, k + 1, sizeof *v))
            rc = arc_reason_nomem(c->reason, c->rsize);
        else {
            v[k++] = s;
            s = t[s];
        }
    }
    free(bits);
    if (rc) {
        free(v);
        return rc;
    }
    *out = v;
    *count = k;
    return 0;
}

/* Reads `size` bytes of the regular stream starting at sector `first`. */
static int fat_stream(cfb *c, uint32_t first, size_t size,
                      unsigned char **out)
{
    *out = NULL;
    size_t k = size / c->ssize + (size % c->ssize != 0);
    if (k > c->nsect)
        return corrupt(c, "流的长度超出文件大小（文件已损坏）");
    uint32_t *v = NULL;
    size_t n = 0;
    int rc = k ? chain(c, c->fat, c->nfat, first, k, &v, &n) : 0;
    unsigned char *buf = rc ? NULL : malloc(size ? size : 1);
    if (!rc && !buf)
        rc = arc_reason_nomem(c->reason, c->rsize);
    for (size_t i = 0; !rc && i < k; i++) {
        size_t part = size - i * c->ssize < c->ssize ? size - i * c->ssize
                                                     : c->ssize;
        const unsigned char *p = sector(c, v[i], part);
        if (!p)
            rc = corrupt(c, "文件不完整（数据在文件末尾之后）");
        else
            memcpy(buf + i * c->ssize, p, part);
    }
    free(v);
    if (rc) {
        free(buf);
        return rc;
    }
    *out = buf;
    return 0;
}

/* Reads `size` bytes of a stream held in the mini stream. */
static int mini_stream(cfb *c, uint32_t first, size_t size,
                       unsigned char **out)
{
    *out = NULL;
    size_t k = size / MINI + (size % MINI != 0);
    if (k > c->nmini / MINI + 1)
        return corrupt(c, "流的长度超出迷你流（文件已损坏）");
    uint32_t *v = NULL;
    size_t n = 0;
    int rc = k ? chain(c, c->mfat, c->nmfat, first, k, &v, &n) : 0;
    unsigned char *buf = rc ? NULL : malloc(size ? size : 1);
    if (!rc && !buf)
        rc = arc_reason_nomem(c->reason, c->rsize);
    for (size_t i = 0; !rc && i < k; i++) {
        size_t part = size - i * MINI < MINI ? size - i * MINI : MINI;
        size_t off = (size_t)v[i] * MINI;
        if (off > c->nmini || c->nmini - off < part)
            rc = corrupt(c, "迷你流扇区超出范围（文件已损坏）");
        else
            memcpy(buf + i * MINI, c->mini + off, part);
    }
    free(v);
    if (rc) {
        free(buf);
        return rc;
    }
    *out = buf;
    return 0;
}

/* The stream size of a directory entry; version 3 files may leave junk
 * in the high half. */
static uint64_t entry_size(const cfb *c, const unsigned char *e)
{
    uint64_t lo = rd32(e + 0x78), hi = rd32(e + 0x7C);
    return c->ssize == HEADER ? lo : lo | hi << 32;
}

/* Whole-sector chains of unknown length (directory, mini FAT). */
static int read_all(cfb *c, uint32_t first, unsigned char **out, size_t *len)
{
    uint32_t *v;
    size_t n;
    *out = NULL;
    *len = 0;
    int rc = chain(c, c->fat, c->nfat, first, TO_END, &v, &n);
    if (rc)
        return rc;
    unsigned char *buf = malloc(n ? n * c->ssize : 1);
    if (!buf)
        rc = arc_reason_nomem(c->reason, c->rsize);
    for (size_t i = 0; !rc && i < n; i++) {
        const unsigned char *p = sector(c, v[i], c->ssize);
        if (!p)
            rc = corrupt(c, "文件不完整（数据在文件末尾之后）");
        else
            memcpy(buf + i * c->ssize, p, c->ssize);
    }
    free(v);
    if (rc) {
        free(buf);
        return rc;
    }
    *out = buf;
    *len = n * c->ssize;
    return 0;
}

static int cfb_open(cfb *c)
{
    const unsigned char *h = c->d;
    if (c->len < HEADER)
        return corrupt(c, "文件太短（不完整）");
    unsigned shift = rd16(h + 0x1E);
    if (rd16(h + 0x1C) != 0xFFFE || (shift != 9 && shift != 12) ||
        rd16(h + 0x20) != 6)
        return corrupt(c, "复合文档文件头已损坏");
    c->ssize = (size_t)1 << shift;
    if (c->len < c->ssize)
        return corrupt(c, "文件太短（不完整）");
    c->nsect = (c->len - c->ssize + c->ssize - 1) / c->ssize;

    /* The FAT's own sectors: 109 in the header, the rest in DIFAT
     * sectors, each ending with the number of the next. */
    size_t nfs = rd32(h + 0x2C);
    if (nfs == 0 || nfs > c->nsect)
        return corrupt(c, "FAT 扇区数与文件大小不符");
    uint32_t *fs = malloc(nfs * sizeof *fs);
    unsigned char *bits = calloc(c->nsect / 8 + 1, 1);
    int rc = fs && bits ? 0 : arc_reason_nomem(c->reason, c->rsize);
    size_t k = 0, per = c->ssize / 4 - 1;
    for (size_t i = 0; !rc && i < 109 && k < nfs; i++)
        fs[k++] = rd32(h + 0x4C + 4 * i);
    uint32_t s = rd32(h + 0x44);
    while (!rc && k < nfs) {
        const unsigned char *p = sector(c, s, c->ssize);
        if (!p)
            rc = corrupt(c, "DIFAT 扇区链提前结束或超出文件");
        else if (seen(bits, s))
            rc = corrupt(c, "DIFAT 扇区链出现循环（文件已损坏）");
        else {
            for (size_t i = 0; i < per && k < nfs; i++)
                fs[k++] = rd32(p + 4 * i);
            s = rd32(p + 4 * per);
        }
    }
    free(bits);
    if (!rc) {
        c->nfat = nfs * (c->ssize / 4);
        if (!(c->fat = malloc(c->nfat * sizeof *c->fat)))
            rc = arc_reason_nomem(c->reason, c->rsize);
    }
    for (size_t i = 0; !rc && i < nfs; i++) {
        const unsigned char *p = sector(c, fs[i], c->ssize);
        if (!p)
            rc = corrupt(c, "FAT 扇区超出文件范围（文件不完整或已损坏）");
        else
            for (size_t j = 0; j < c->ssize / 4; j++)
                c->fat[i * (c->ssize / 4) + j] = rd32(p + 4 * j);
    }
    free(fs);
    if (rc)
        return rc;

    size_t dlen;
    if ((rc = read_all(c, rd32(h + 0x30), &c->dir, &dlen)))
        return rc;
    c->ndir = dlen / DIRENT;
    if (!c->ndir || c->dir[0x42] != 5)
        return corrupt(c, "缺少根目录");
    if (rd32(h + 0x3C) != ENDOFCHAIN && rd32(h + 0x40) != 0) {
        unsigned char *m;
        size_t mlen;
        if ((rc = read_all(c, rd32(h + 0x3C), &m, &mlen)))
            return rc;
        c->nmfat = mlen / 4;
        c->mfat = malloc(c->nmfat ? c->nmfat * sizeof *c->mfat : 1);
        if (!c->mfat) {
            free(m);
            return arc_reason_nomem(c->reason, c->rsize);
        }
        for (size_t i = 0; i < c->nmfat; i++)
            c->mfat[i] = rd32(m + 4 * i);
        free(m);
    }
    uint64_t msize = entry_size(c, c->dir);
    if (msize > (uint64_t)c->nsect * c->ssize)
        return corrupt(c, "迷你流的长度超出文件大小（文件已损坏）");
    if (msize) {
        if ((rc = fat_stream(c, rd32(c->dir + 0x74), (size_t)msize,
                             &c->mini)))
            return rc;
        c->nmini = (size_t)msize;
    }
    return 0;
}

/* Is directory entry e named `name` (ASCII; names compare without case)? */
static int name_is(const unsigned char *e, const char *name)
{
    size_t n = strlen(name);
    if (rd16(e + 0x40) != 2 * (n + 1))
        return 0;
    for (size_t i = 0; i < n; i++) {
        unsigned ch = rd16(e + 2 * i), a = (unsigned char)name[i];
        if (ch >= 'a' && ch <= 'z')
            ch -= 'a' - 'A';
        if (a >= 'a' && a <= 'z')
            a -= 'a' - 'A';
        if (ch != a)
            return 0;
    }
    return 1;
}

/*
 * The entry named `name` among the root storage's children (a red-black
 * tree of sibling links under the root's child link), or NOSTREAM.  The
 * tree is walked with an explicit stack and a bitmap of entries seen, so a
 * cyclic or deep tree costs at most one visit per entry.
 */
static int find_child(cfb *c, const char *name, uint32_t *id)
{
    *id = NOSTREAM;
    /* Each entry is visited once and pushes at most two links. */
    uint32_t *stack = malloc((2 * c->ndir + 1) * sizeof *stack);
    unsigned char *bits = calloc(c->ndir / 8 + 1, 1);
    if (!stack || !bits) {
        free(stack);
        free(bits);
        return arc_reason_nomem(c->reason, c->rsize);
    }
    size_t top = 0;
    uint32_t first = rd32(c->dir + 0x4C);
    if (first < c->ndir)
        stack[top++] = first;
    while (top && *id == NOSTREAM) {
        uint32_t i = stack[--top];
        if (seen(bits, i))
            continue;
        const unsigned char *e = c->dir + (size_t)i * DIRENT;
        if ((e[0x42] == 1 || e[0x42] == 2) && name_is(e, name))
            *id = i;
        uint32_t l = rd32(e + 0x44), r = rd32(e + 0x48);
        if (l < c->ndir)
            stack[top++] = l;
        if (r < c->ndir)
            stack[top++] = r;
    }
    free(stack);
    free(bits);
    return 0;
}

/* Reads stream entry id. */
static int read_stream(cfb *c, uint32_t id, unsigned char **out, size_t *len)
{
    const unsigned char *e = c->dir + (size_t)id * DIRENT;
    uint64_t size = entry_size(c, e);
    *out = NULL;
    *len = 0;
    if (e[0x42] != 2)
        return corrupt(c, "目录项不是数据流");
    if (size > (uint64_t)c->nsect * c->ssize)
        return corrupt(c, "流的长度超出文件大小（文件已损坏）");
    int rc = size < CUTOFF
                 ? mini_stream(c, rd32(e + 0x74), (size_t)size, out)
                 : fat_stream(c, rd32(e + 0x74), (size_t)size, out);
    if (!rc)
        *len = (size_t)size;
    return rc;
}

/* ----------------------------------------------------------- Word text */

typedef struct {
    int defined;
    int sti;     /* built-in style: 1-9 are heading 1-9 */
    int base;    /* istdBase, -1 for none */
    int outline; /* own sprmPOutLvl as a level (0 body, 1-9), -1 unset */
    int ilfo, ilvl; /* own list numbering, -1 unset */
} dstyle;

/* A list level (LVL): number format, start and number text, whose
 * placeholder characters stand for the numbers of levels. */
typedef struct {
    int defined;
    const char *fmt; /* Word's w:numFmt name, for arc_list_number */
    int start;
    int legal;       /* fLegal: every number in decimal */
    int restart;     /* levels below this restart it; -1: any level */
    int nosuff;      /* ixchFollow: nothing after the label */
    uint16_t text[MAX_LABEL];
    unsigned char ph[MAX_LABEL]; /* text[i] is a placeholder */
    size_t ntext;
} dlevel;

typedef struct {
    int value[NLVL];
    unsigned char used[NLVL];
} counters;

typedef struct {
    int32_t lsid;
    dlevel lv[NLVL];
    counters cnt;   /* shared by all the overrides of this list */
} dlist;

/* A list override (LFO): which list, and levels restarted (Word's
 * "restart numbering") or reformatted.  Reformatted levels are rare and
 * allocated when met, so that a table of LFO records costs little more
 * memory than its bytes in the file. */
typedef struct {
    size_t list;     /* index into word.lists, or NO_LIST */
    int start[NLVL]; /* -1 unset */
    dlevel *lv;      /* NLVL levels, NULL when none is reformatted */
    unsigned char restarted[NLVL]; /* its start has been applied */
} dlfo;

/* What the properties of a paragraph say. */
typedef struct {
    int istd;
    int outline; /* sprmPOutLvl, -1 unset */
    int ttp;     /* the mark ends a table row */
    int ilfo, ilvl; /* -1 unset */
} para;

typedef struct {
    const unsigned char *wd; /* WordDocument stream */
    size_t nwd;
    const unsigned char *tb; /* 0Table or 1Table */
    size_t ntb;
    const unsigned char *plc; /* PlcPcd: npcd + 1 CPs, then npcd Pcds */
    size_t npcd;
    const unsigned char *bte_pap, *bte_chp; /* PlcBte*: n + 1 FCs, n PNs */
    size_t nbte_pap, nbte_chp;
    dstyle *st;
    size_t nst;
    dlist *lists;
    size_t nlists, clists;
    dlfo *lfos;
    size_t nlfos;
} word;

typedef struct {
    arc_input *in;
    size_t cap, ocap;
    size_t max;                  /* bytes of text at most */
    size_t depth, hidden;        /* field nesting; levels showing code */
    unsigned char code[FIELDS];  /* per level: still in the field code */
    uint32_t hi;                 /* a high surrogate waiting for its pair */
    int ff;                      /* a page or section break waiting */
    uint32_t ff_fc;
    uint32_t run_lo, run_hi;     /* character run [lo, hi) last looked up */
    int run_skip, run_known;
    char *reason;
    size_t rsize;
} emit;

/*
 * Length of the Prl (sprm and operand) at p, n bytes left, or 0 when it
 * runs past the end.  spra (the top three bits) gives the operand size;
 * two variable-length sprms count their length differently.
 */
static size_t prl_len(const unsigned char *p, size_t n)
{
    if (n < 2)
        return 0;
    unsigned sprm = rd16(p);
    size_t op;
    switch (sprm >> 13) {
    case 0:
    case 1:
        op = 1;
        break;
    case 2:
    case 4:
    case 5:
        op = 2;
        break;
    case 3:
        op = 4;
        break;
    case 7:
        op = 3;
        break;
    default:
        if (sprm == SPRM_T_DEFTABLE) {
            /* cb counts the rest of the operand plus one. */
            if (n < 4 || rd16(p + 2) == 0)
                return 0;
            op = (size_t)rd16(p + 2) + 1;
        } else if (sprm == SPRM_P_CHGTABS && n >= 4 && p[2] == 255) {
            /* cb 255: tabs to delete (with close ranges), then to add. */
            size_t del = p[3], q = 4 + 4 * del;
            if (q >= n)
                return 0;
            op = 1 + 1 + 4 * del + 1 + 3 * (size_t)p[q];
        } else {
            if (n < 3)
                return 0;
            op = 1 + (size_t)p[2];
        }
    }
    return op <= n - 2 ? 2 + op : 0;
}

/* The operand of the last `sprm` in grpprl g (n bytes): its first byte,
 * or its first two for a two-byte operand; -1 when absent. */
static int sprm_byte(const unsigned char *g, size_t n, unsigned sprm)
{
    int v = -1;
    size_t k;
    while ((k = prl_len(g, n)) != 0) {
        if (rd16(g) == sprm)
            v = k >= 4 && ((sprm >> 13) == 2 || (sprm >> 13) == 4 ||
                           (sprm >> 13) == 5)
                    ? (int)rd16(g + 2)
                    : g[2];
        g += k;
        n -= k;
    }
    return v;
}

/*
 * The run of an FKP page (the property page of bin table bte, n entries,
 * that covers stream offset fc) holding fc: returns the page and sets *run,
 * *lo and *hi (the run's range), or returns NULL.  `entry` is the size of
 * the per-run entry after the FC array (13 for paragraphs, 1 for
 * characters).
 */
static const unsigned char *fkp_run(const word *w, const unsigned char *bte,
                                    size_t n, uint32_t fc, size_t entry,
                                    size_t *run, uint32_t *lo, uint32_t *hi)
{
    if (!n || fc < rd32(bte) || fc >= rd32(bte + 4 * n))
        return NULL;
    size_t a = 0, b = n;
    while (b - a > 1) {
        size_t mid = a + (b - a) / 2;
        if (rd32(bte + 4 * mid) <= fc)
            a = mid;
        else
            b = mid;
    }
    size_t off = (size_t)(rd32(bte + 4 * (n + 1) + 4 * a) & 0x3FFFFF) * FKP;
    if (off > w->nwd || w->nwd - off < FKP)
        return NULL;
    const unsigned char *pg = w->wd + off;
    size_t crun = pg[FKP - 1];
    if (!crun || 4 * (crun + 1) + entry * crun > FKP - 1)
        return NULL;
    if (fc < rd32(pg) || fc >= rd32(pg + 4 * crun))
        return NULL;
    a = 0;
    b = crun;
    while (b - a > 1) {
        size_t mid = a + (b - a) / 2;
        if (rd32(pg + 4 * mid) <= fc)
            a = mid;
        else
            b = mid;
    }
    *run = a;
    *lo = rd32(pg + 4 * a);
    *hi = rd32(pg + 4 * (a + 1));
    return pg;
}

/* Paragraph properties of the paragraph whose mark is at stream offset
 * fc. */
static void para_at(const word *w, uint32_t fc, para *pp)
{
    size_t run;
    uint32_t lo, hi;
    *pp = (para){0, -1, 0, -1, -1};
    const unsigned char *pg =
        fkp_run(w, w->bte_pap, w->nbte_pap, fc, 13, &run, &lo, &hi);
    if (!pg)
        return;
    size_t crun = pg[FKP - 1];
    size_t off = 2 * (size_t)pg[4 * (crun + 1) + 13 * run], start, len;
    if (!off || off + 1 >= FKP - 1)
        return;
    if (pg[off]) {
        len = 2 * (size_t)pg[off] - 1;
        start = off + 1;
    } else {
        len = 2 * (size_t)pg[off + 1];
        start = off + 2;
    }
    if (len < 2 || start + len > FKP - 1)
        return;
    const unsigned char *g = pg + start;
    pp->istd = rd16(g);
    pp->outline = sprm_byte(g + 2, len - 2, SPRM_P_OUTLINE);
    pp->ttp = sprm_byte(g + 2, len - 2, SPRM_P_TTP) > 0 ||
              sprm_byte(g + 2, len - 2, SPRM_P_INNER_TTP) > 0;
    pp->ilfo = sprm_byte(g + 2, len - 2, SPRM_P_ILFO);
    pp->ilvl = sprm_byte(g + 2, len - 2, SPRM_P_ILVL);
}

/* Is the character at stream offset fc deleted or hidden?  Looked up once
 * per character run. */
static int char_skipped(const word *w, emit *e, uint32_t fc)
{
    if (e->run_known && fc >= e->run_lo && fc < e->run_hi)
        return e->run_skip;
    size_t run;
    uint32_t lo, hi;
    const unsigned char *pg =
        fkp_run(w, w->bte_chp, w->nbte_chp, fc, 1, &run, &lo, &hi);
    e->run_known = 1;
    e->run_skip = 0;
    e->run_lo = fc;
    e->run_hi = fc + 1;
    if (!pg)
        return 0;
    e->run_lo = lo;
    e->run_hi = hi;
    size_t crun = pg[FKP - 1];
    size_t off = 2 * (size_t)pg[4 * (crun + 1) + run];
    if (!off || off >= FKP - 1 || off + 1 + pg[off] > FKP - 1)
        return 0;
    const unsigned char *g = pg + off + 1;
    size_t n = pg[off];
    int del = sprm_byte(g, n, SPRM_C_DELETED),
        van = sprm_byte(g, n, SPRM_C_VANISH);
    /* 1 is on; 0x81 is "the opposite of the style", and styles are not
     * hidden. */
    e->run_skip = del == 1 || del == 0x81 || van == 1 || van == 0x81;
    return e->run_skip;
}

/* Outline level of paragraphs in style istd: its own sprmPOutLvl, else
 * the built-in heading it is, else what it is based on. */
static int style_outline(const word *w, int istd)
{
    for (int hop = 0; hop < HOPS && istd >= 0 && (size_t)istd < w->nst;
         hop++) {
        const dstyle *d = &w->st[istd];
        if (!d->defined)
            return 0;
        if (d->outline >= 0)
            return d->outline;
        if (d->sti >= 1 && d->sti <= 9)
            return d->sti;
        istd = d->base;
    }
    return 0;
}

static int level_of(int outlvl)
{
    return outlvl >= 0 && outlvl < 9 ? outlvl + 1 : 0;
}

/* The style sheet: per style its built-in identifier, base style and own
 * outline level.  A style sheet that does not parse gives no styles; the
 * text is still read. */
static int load_styles(word *w, uint32_t fc, uint32_t lcb)
{
    if ((uint64_t)fc + lcb > w->ntb || lcb < 6)
        return 0;
    const unsigned char *s = w->tb + fc;
    size_t n = lcb, cbshi = rd16(s);
    if (cbshi < 4 || 2 + cbshi > n)
        return 0;
    size_t cstd = rd16(s + 2), base = rd16(s + 4), p = 2 + cbshi;
    if (base < 10 || !cstd)
        return 0;
    if (!(w->st = calloc(cstd, sizeof *w->st)))
        return ARC_ENOMEM;
    size_t i;
    for (i = 0; i < cstd && n - p >= 2; i++) {
        size_t cb = rd16(s + p);
        p += 2;
        if (cb > n - p)
            break;
        dstyle *d = &w->st[i];
        d->base = d->outline = d->ilfo = d->ilvl = -1;
        if (cb >= base) {
            const unsigned char *e = s + p;
            d->defined = 1;
            d->sti = rd16(e) & 0x0FFF;
            unsigned ib = rd16(e + 2) >> 4, stk = rd16(e + 2) & 0xF;
            d->base = ib == 0x0FFF ? -1 : (int)ib;
            /* After the name (a length-prefixed UTF-16 string with a
             * terminator) a paragraph style's first UPX is its PAPX:
             * istd, then sprms. */
            size_t q = base;
            if (q + 2 <= cb) {
                q += 2 + 2 * (size_t)rd16(e + q) + 2;
                size_t cbu = stk == 1 && q + 2 <= cb ? rd16(e + q) : 0;
                if (cbu >= 2 && cbu <= cb - q - 2) {
                    const unsigned char *g = e + q + 4;
                    int v = sprm_byte(g, cbu - 2, SPRM_P_OUTLINE);
                    if (v >= 0)
                        d->outline = level_of(v);
                    d->ilfo = sprm_byte(g, cbu - 2, SPRM_P_ILFO);
                    d->ilvl = sprm_byte(g, cbu - 2, SPRM_P_ILVL);
                }
            }
        }
        p += cb;
    }
    w->nst = i;
    return 0;
}

/* The (fc, lcb) pair i of FibRgFcLcb, or zeros when the FIB is shorter. */
static void fib_pair(const unsigned char *rg, size_t count, size_t i,
                     uint32_t *fc, uint32_t *lcb)
{
    *fc = *lcb = 0;
    if (i < count) {
        *fc = rd32(rg + 8 * i);
        *lcb = rd32(rg + 8 * i + 4);
    }
}

/* ---------------------------------------------------------------- lists */

/* MSONFC codes ([MS-OSHARED] 2.2.1.3) by their w:numFmt names. */
static const char *nfc_name(unsigned nfc)
{
    static const char *const t[] = {
        "decimal", "upperRoman", "lowerRoman", "upperLetter", "lowerLetter",
        "ordinal", "cardinalText", "ordinalText", "hex", "chicago",
        "ideographDigital", "japaneseCounting", "aiueo", "iroha",
        "decimalFullWidth", "decimalHalfWidth", "japaneseLegal",
        "japaneseDigitalTenThousand", "decimalEnclosedCircle",
        "decimalFullWidth2", "aiueoFullWidth", "irohaFullWidth",
        "decimalZero", "bullet", "ganada", "chosung",
        "decimalEnclosedFullstop", "decimalEnclosedParen",
        "decimalEnclosedCircleChinese", "ideographEnclosedCircle",
        "ideographTraditional", "ideographZodiac",
        "ideographZodiacTraditional", "taiwaneseCounting",
        "ideographLegalTraditional", "taiwaneseCountingThousand",
        "taiwaneseDigital", "chineseCounting", "chineseLegalSimplified",
        "chineseCountingThousand"};
    if (nfc == 0xFF)
        return "none";
    return nfc < ARC_ARRAY_LEN(t) ? t[nfc] : "decimal";
}

/* Reads an LVL (LVLF, two grpprls, the number text) at p, n bytes left;
 * returns its size, 0 when it runs past the end. */
static size_t parse_lvl(const unsigned char *p, size_t n, dlevel *lv)
{
    if (n < 28)
        return 0;
    size_t q = 28 + (size_t)p[24] + p[25];
    if (q + 2 > n)
        return 0;
    size_t cch = rd16(p + q);
    if (cch > (n - q - 2) / 2)
        return 0;
    memset(lv, 0, sizeof *lv);
    lv->defined = 1;
    int32_t start = (int32_t)rd32(p);
    lv->start = start < 0 ? 0 : start > MAX_COUNT ? MAX_COUNT : (int)start;
    lv->fmt = nfc_name(p[4]);
    lv->legal = (p[5] >> 2) & 1;
    lv->restart = (p[5] >> 3) & 1 ? p[26] : -1; /* fNoRestart */
    lv->nosuff = p[15] == 2;                     /* ixchFollow */
    lv->ntext = cch < MAX_LABEL ? cch : MAX_LABEL;
    for (size_t i = 0; i < lv->ntext; i++)
        lv->text[i] = rd16(p + q + 2 + 2 * i);
    /* rgbxchNums: 1-based positions of the placeholders, 0 ends them. */
    for (size_t k = 0; k < NLVL && p[6 + k]; k++)
        if (p[6 + k] <= lv->ntext && lv->text[p[6 + k] - 1] < NLVL)
            lv->ph[p[6 + k] - 1] = 1;
    return q + 2 + 2 * cch;
}

/* Lists by lsid, then by position: the first of equal ids is found. */
typedef struct {
    int32_t lsid;
    size_t at;
} list_key;

static int cmp_list_key(const void *a, const void *b)
{
    const list_key *x = a, *y = b;
    if (x->lsid != y->lsid)
        return x->lsid < y->lsid ? -1 : 1;
    return (x->at > y->at) - (x->at < y->at);
}

/* The list with this lsid (keys sorted, n of them), or NO_LIST. */
static size_t find_list(const list_key *keys, size_t n, int32_t lsid)
{
    size_t a = 0, b = n;
    while (a < b) {
        size_t mid = a + (b - a) / 2;
        if (keys[mid].lsid < lsid)
            a = mid + 1;
        else
            b = mid;
    }
    return a < n && keys[a].lsid == lsid ? keys[a].at : NO_LIST;
}

/*
 * PlfLst (LSTFs, then their LVLs right after it: one for a simple list,
 * nine otherwise) and PlfLfo (LFOs, then the LFOData of each: per level
 * override a start, a whole LVL or both).  What does not parse is left
 * out: its paragraphs get no label.
 */
static int load_lists(word *w, const unsigned char *rgfc, size_t nfc)
{
    uint32_t fc, lcb;
    fib_pair(rgfc, nfc, FIB_PLFLST, &fc, &lcb);
    if (lcb < 2 || (uint64_t)fc + lcb > w->ntb)
        return 0;
    const unsigned char *p = w->tb + fc;
    int clst = (int16_t)rd16(p);
    if (clst <= 0 || 2 + (size_t)clst * 28 > lcb)
        return 0;
    /* A list is kept once its levels have parsed: what is allocated
     * follows what the file holds, not what it claims. */
    size_t q = (size_t)fc + lcb;
    int ok = 1;
    for (int i = 0; i < clst && ok; i++) {
        const unsigned char *l = p + 2 + 28 * (size_t)i;
        if (arc_grow((void **)&w->lists, &w->clists, w->nlists + 1,
                     sizeof *w->lists))
            return ARC_ENOMEM;
        dlist *d = &w->lists[w->nlists];
        memset(d, 0, sizeof *d);
        d->lsid = (int32_t)rd32(l);
        for (int k = 0; k < (l[26] & 1 ? 1 : NLVL) && ok; k++) {
            size_t used = parse_lvl(w->tb + q, w->ntb - q, &d->lv[k]);
            ok = used != 0;
            q += used;
        }
        w->nlists += ok;
    }

    fib_pair(rgfc, nfc, FIB_PLFLFO, &fc, &lcb);
    if (lcb < 4 || (uint64_t)fc + lcb > w->ntb)
        return 0;
    p = w->tb + fc;
    size_t mac = rd32(p), n = lcb;
    if (!mac || mac > (n - 4) / 16)
        return 0;
    list_key *keys = malloc((w->nlists ? w->nlists : 1) * sizeof *keys);
    if (!keys || !(w->lfos = calloc(mac, sizeof *w->lfos))) {
        free(keys);
        return ARC_ENOMEM;
    }
    for (size_t j = 0; j < w->nlists; j++)
        keys[j] = (list_key){w->lists[j].lsid, j};
    qsort(keys, w->nlists, sizeof *keys, cmp_list_key);
    size_t d = 4 + 16 * mac;
    ok = 1;
    for (size_t i = 0; i < mac; i++) {
        const unsigned char *l = p + 4 + 16 * i;
        dlfo *o = &w->lfos[w->nlfos++];
        o->list = find_list(keys, w->nlists, (int32_t)rd32(l));
        for (int k = 0; k < NLVL; k++)
            o->start[k] = -1;
        /* LFOData: a CP, then clfolvl LFOLVLs (iStartAt, flags, and an
         * LVL when fFormatting is set). */
        if (!ok || n - d < 4) {
            ok = 0;
            continue;
        }
        d += 4;
        for (size_t j = 0; j < l[12] && ok; j++) {
            if (n - d < 8) {
                ok = 0;
                break;
            }
            int32_t start = (int32_t)rd32(p + d);
            uint32_t flags = rd32(p + d + 4);
            unsigned k = flags & 0xF;
            d += 8;
            if (k < NLVL && (flags & 0x10)) {
                o->start[k] = start < 0           ? 0
                              : start > MAX_COUNT ? MAX_COUNT
                                                  : (int)start;
            }
            if (flags & 0x20) {
                dlevel spare;
                if (k < NLVL && !o->lv &&
                    !(o->lv = calloc(NLVL, sizeof *o->lv))) {
                    free(keys);
                    return ARC_ENOMEM;
                }
                size_t used = parse_lvl(p + d, n - d,
                                        k < NLVL ? &o->lv[k] : &spare);
                ok = used != 0;
                d += used;
            }
        }
    }
    free(keys);
    return 0;
}

/* The list numbering paragraphs in style istd get: the first style along
 * the istdBase chain that says anything about it. */
static void style_list(const word *w, int istd, int *ilfo, int *ilvl)
{
    for (int hop = 0; hop < HOPS && istd >= 0 && (size_t)istd < w->nst;
         hop++) {
        const dstyle *d = &w->st[istd];
        if (!d->defined)
            return;
        if (d->ilfo >= 0) {
            *ilfo = d->ilfo;
            if (*ilvl < 0)
                *ilvl = d->ilvl;
            return;
        }
        istd = d->base;
    }
}

/*
 * Writes the label of a paragraph in list override ilfo (1-based) at
 * level ilvl into out (room for MAX_LABEL numbers) and advances the
 * counters, as the .docx reader does: the overrides of one list share its
 * count; one that restarts a level sets the count back once, at its first
 * paragraph on that level.
 */
static void list_label(word *w, int ilfo, int ilvl, char *out)
{
    out[0] = '\0';
    if (ilfo < 1 || (size_t)ilfo > w->nlfos ||
        w->lfos[ilfo - 1].list == NO_LIST)
        return;
    dlfo *o = &w->lfos[ilfo - 1];
    dlist *l = &w->lists[o->list];
    if (ilvl < 0 || ilvl >= NLVL)
        ilvl = 0;
    const dlevel *lv[NLVL];
    int start[NLVL];
    for (int k = 0; k < NLVL; k++) {
        lv[k] = o->lv && o->lv[k].defined ? &o->lv[k]
                : l->lv[k].defined                ? &l->lv[k]
                                                  : NULL;
        start[k] = o->start[k] >= 0 ? o->start[k] : lv[k] ? lv[k]->start : 0;
    }
    const dlevel *v = lv[ilvl];
    if (!v)
        return;
    counters *cnt = &l->cnt;
    if (!cnt->used[ilvl] || (o->start[ilvl] >= 0 && !o->restarted[ilvl])) {
        cnt->value[ilvl] = start[ilvl];
        cnt->used[ilvl] = 1;
        o->restarted[ilvl] = 1;
    } else if (cnt->value[ilvl] < MAX_COUNT) {
        cnt->value[ilvl]++;
    }
    for (int k = ilvl + 1; k < NLVL; k++) {
        int r = lv[k] ? lv[k]->restart : -1;
        if (r < 0 || ilvl < r)
            cnt->used[k] = 0;
    }
    /* Bullets are symbol-font glyphs that say nothing about structure. */
    if (strcmp(v->fmt, "bullet") == 0)
        return;
    size_t n = 0;
    for (size_t i = 0; i < v->ntext; i++) {
        unsigned c = v->text[i];
        if (v->ph[i]) {
            int val = cnt->used[c] ? cnt->value[c] : start[c];
            arc_list_number(v->legal || !lv[c] ? NULL : lv[c]->fmt, val,
                            out + n);
            n += strlen(out + n);
        } else if (c >= 0xD800 && c <= 0xDFFF) {
            continue; /* number texts are short; no pairs in them */
        } else {
            n += arc_utf8_encode(c < 0x20 ? ' ' : c, out + n);
        }
    }
    out[n] = '\0';
    /* After 、 ） . the text reads on; after a bare number a space keeps
     * the two apart. */
    char last = n ? out[n - 1] : '\0';
    if (!v->nosuff && ((last >= '0' && last <= '9') ||
                       (last >= 'A' && last <= 'Z') ||
                       (last >= 'a' && last <= 'z'))) {
        out[n++] = ' ';
        out[n] = '\0';
    }
}

static int too_big(size_t max, char *reason, size_t size)
{
    if (max >= ((size_t)1 << 20))
        return arc_reason(reason, size, ARC_EPARSE, "文字超过 %zu MiB，拒绝读取",
                          max >> 20);
    return arc_reason(reason, size, ARC_EPARSE, "文字超过 %zu 字节，拒绝读取",
                      max);
}

static int put(emit *e, uint32_t cp)
{
    char buf[4];
    size_t k = arc_utf8_encode(cp, buf);
    if (arc_input_append(e->in, &e->cap, buf, k))
        return arc_reason_nomem(e->reason, e->rsize);
    return e->in->len > e->max ? too_big(e->max, e->reason, e->rsize) : 0;
}

static int line_has_text(const emit *e)
{
    return e->in->len && e->in->text[e->in->len - 1] != '\n';
}

static int end_line(emit *e, int outline, int keep_empty)
{
    if (arc_input_end_line(e->in, &e->cap, &e->ocap, (unsigned char)outline,
                           keep_empty))
        return arc_reason_nomem(e->reason, e->rsize);
    return 0;
}

/* Puts the list label of the paragraph being ended at the start of its
 * line: only its mark says the paragraph is numbered. */
static int insert_label(word *w, emit *e, int ilfo, int ilvl)
{
    char label[MAX_LABEL * 64 + 8];
    list_label(w, ilfo, ilvl, label);
    size_t k = strlen(label);
    if (!k)
        return 0;
    arc_input *in = e->in;
    size_t start = in->len;
    while (start && in->text[start - 1] != '\n')
        start--;
    size_t tail = in->len - start;
    if (arc_input_append(in, &e->cap, label, k))
        return arc_reason_nomem(e->reason, e->rsize);
    memmove(in->text + start + k, in->text + start, tail);
    memcpy(in->text + start, label, k);
    return in->len > e->max ? too_big(e->max, e->reason, e->rsize) : 0;
}

/* A paragraph mark (0x0D) or cell mark (0x07) at stream offset fc.  A cell
 * mark that ends a table row ends no cell: rows are not lines. */
static int end_para(word *w, emit *e, uint32_t fc, int keep_empty)
{
    para pp;
    para_at(w, fc, &pp);
    if (pp.ttp)
        return line_has_text(e) ? end_line(e, 0, 0) : 0;
    int level =
        pp.outline >= 0 ? level_of(pp.outline) : style_outline(w, pp.istd);
    /* sprmPIlfo 0 switches the style's numbering off. */
    if (pp.ilfo < 0)
        style_list(w, pp.istd, &pp.ilfo, &pp.ilvl);
    int rc = pp.ilfo > 0 ? insert_label(w, e, pp.ilfo, pp.ilvl) : 0;
    return rc ? rc : end_line(e, level, keep_empty);
}

/* One character of the main document at stream offset fc. */
static int character(word *w, emit *e, unsigned c, uint32_t fc)
{
    int rc;
    if (e->hi && (c < 0xDC00 || c > 0xDFFF)) {
        e->hi = 0;
        if (!e->hidden && (rc = put(e, 0xFFFD)))
            return rc;
    }
    if (e->ff) {
        /* A break followed by a paragraph mark sits inside the paragraph;
         * otherwise (a section break) it ends one. */
        e->ff = 0;
        if (c != 0x0D && line_has_text(e) &&
            (rc = end_para(w, e, e->ff_fc, 0)))
            return rc;
    }
    switch (c) {
    case 0x0D:
        return end_para(w, e, fc, 1);
    case 0x07:
        return end_para(w, e, fc, 1);
    case 0x0C:
        e->ff = 1;
        e->ff_fc = fc;
        return 0;
    case 0x13: /* field begin: the code follows */
        if (e->depth < FIELDS)
            e->code[e->depth] = 1;
        e->depth++;
        e->hidden++;
        return 0;
    case 0x14: /* field separator: the result follows */
        if (e->depth && e->depth <= FIELDS && e->code[e->depth - 1]) {
            e->code[e->depth - 1] = 0;
            e->hidden--;
        }
        return 0;
    case 0x15: /* field end */
        if (e->depth) {
            e->depth--;
            if (e->depth >= FIELDS || e->code[e->depth])
                e->hidden--;
            if (e->depth < FIELDS)
                e->code[e->depth] = 0;
        }
        return 0;
    default:
        break;
    }
    if (e->hidden || char_skipped(w, e, fc))
        return 0;
    if (c == 0x09 || c == 0x0B) /* tab, manual line break */
        return put(e, ' ');
    if (c == 0x1E) /* non-breaking hyphen */
        return put(e, '-');
    if (c < 0x20) /* optional hyphen, object anchors, note marks */
        return 0;
    if (c >= 0xD800 && c <= 0xDBFF) {
        e->hi = c;
        return 0;
    }
    if (c >= 0xDC00 && c <= 0xDFFF) {
        if (!e->hi)
            return put(e, 0xFFFD);
        uint32_t cp = 0x10000 + ((e->hi - 0xD800) << 10) + (c - 0xDC00);
        e->hi = 0;
        return put(e, cp);
    }
    return put(e, c);
}

/* [MS-DOC] 2.4.1: compressed text is 8-bit, Latin-1 but for these. */
static unsigned from_compressed(unsigned char b)
{
    static const uint16_t hi[32] = {
        0x80,   0x81,   0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
        0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0x8D,   0x8E,   0x8F,
        0x90,   0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
        0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x9D,   0x9E,   0x0178};
    return b >= 0x80 && b < 0xA0 ? hi[b - 0x80] : b;
}

/* The main document's text, [0, ccp) in character positions, through the
 * piece table. */
static int read_text(word *w, emit *e, uint32_t ccp)
{
    size_t n = w->npcd;
    const unsigned char *cps = w->plc, *pcds = w->plc + 4 * (n + 1);
    int rc = 0;
    for (size_t i = 0; !rc && i < n; i++) {
        uint32_t a = rd32(cps + 4 * i), b = rd32(cps + 4 * (i + 1));
        if (b < a)
            return arc_reason(e->reason, e->rsize, ARC_EPARSE,
                              BAD "文本片段表已损坏（位置倒序）");
        if (a >= ccp)
            break;
        if (b > ccp)
            b = ccp;
        uint32_t raw = rd32(pcds + 8 * i + 2);
        int compressed = (raw & 0x40000000u) != 0;
        size_t fc = raw & 0x3FFFFFFFu, width = compressed ? 1 : 2,
               count = b - a;
        if (compressed)
            fc /= 2;
        if (fc > w->nwd || (w->nwd - fc) / width < count)
            return arc_reason(e->reason, e->rsize, ARC_EPARSE,
                              BAD "文本片段超出 WordDocument 流");
        const unsigned char *p = w->wd + fc;
        for (size_t k = 0; !rc && k < count; k++) {
            unsigned c = compressed ? from_compressed(p[k]) : rd16(p + 2 * k);
            rc = character(w, e, c, (uint32_t)(fc + k * width));
        }
    }
    if (rc)
        return rc;
    if (e->hi && !e->hidden && (rc = put(e, 0xFFFD)))
        return rc;
    if (line_has_text(e))
        rc = e->ff ? end_para(w, e, e->ff_fc, 0) : end_line(e, 0, 0);
    return rc;
}

/* A bin table of the table stream, or none when it is out of bounds. */
static void bin_table(word *w, uint32_t fc, uint32_t lcb,
                      const unsigned char **bte, size_t *n)
{
    *bte = NULL;
    *n = 0;
    if ((uint64_t)fc + lcb <= w->ntb && lcb >= 12 && (lcb - 4) % 8 == 0) {
        *bte = w->tb + fc;
        *n = (lcb - 4) / 8;
    }
}

/*
 * The FIB: FibBase (32 bytes), then csw 16-bit values, cslw 32-bit values
 * (ccpText, the main document's length, is the fourth) and cbRgFcLcb
 * (fc, lcb) pairs locating the structures of the table stream.
 */
typedef struct {
    unsigned flags;
    uint32_t ccp;
    const unsigned char *rgfc;
    size_t nfc;
} fib;

static int read_fib(cfb *c, const unsigned char *wd, size_t nwd, fib *f)
{
    size_t rglw, rgfc;
    if (nwd < 0x22 || rd16(wd) != 0xA5EC)
        return corrupt(c, "缺少文件信息块（FIB）");
    f->flags = rd16(wd + 0x0A);
    if (f->flags & 0x0100) /* fEncrypted, also set when only obfuscated */
        return arc_reason(c->reason, c->rsize, ARC_EPARSE, "文档已加密，无法读取");
    if (rd16(wd + 2) < 0x00C0)
        return arc_reason(c->reason, c->rsize, ARC_EPARSE,
                          "是 Word 6.0/95 或更早的格式，不支持；请用 Word 或 WPS "
                          "另存为 .docx");
    rglw = 0x22 + 2 * (size_t)rd16(wd + 0x20) + 2;
    if (nwd < rglw || rd16(wd + rglw - 2) < 4)
        return corrupt(c, "文件信息块（FIB）不完整");
    rgfc = rglw + 4 * (size_t)rd16(wd + rglw - 2) + 2;
    if (nwd < rgfc)
        return corrupt(c, "文件信息块（FIB）不完整");
    f->ccp = rd32(wd + rglw + 12);
    f->rgfc = wd + rgfc;
    f->nfc = rd16(wd + rgfc - 2);
    if (f->nfc > (nwd - rgfc) / 8)
        f->nfc = (nwd - rgfc) / 8;
    return 0;
}

/* CLX: property runs (Prc, 0x01) to skip, then the piece table (Pcdt,
 * 0x02). */
static int read_clx(cfb *c, word *w, uint32_t fc, uint32_t lcb)
{
    const unsigned char *tb = w->tb;
    if ((uint64_t)fc + lcb > w->ntb || lcb == 0)
        return corrupt(c, "缺少文本片段表（CLX）");
    size_t p = fc, end = (size_t)fc + lcb;
    while (p < end && tb[p] == 0x01) {
        if (end - p < 3 || rd16(tb + p + 1) > end - p - 3)
            break;
        p += 3 + (size_t)rd16(tb + p + 1);
    }
    uint32_t plen =
        p < end && end - p >= 5 && tb[p] == 0x02 ? rd32(tb + p + 1) : 0;
    if (plen < 16 || plen > end - p - 5 || (plen - 4) % 12)
        return corrupt(c, "文本片段表（CLX）已损坏");
    w->plc = tb + p + 5;
    w->npcd = (plen - 4) / 12;
    return 0;
}

static int read_word(cfb *c, uint32_t wid, arc_input *out,
                     const arc_input_limits *lim)
{
    word w = {0};
    fib f = {0};
    unsigned char *wd = NULL, *tb = NULL;
    uint32_t tid = NOSTREAM, fc, lcb;
    const char *tname = NULL;
    int rc = read_stream(c, wid, &wd, &w.nwd);
    if (!rc)
        rc = read_fib(c, wd, w.nwd, &f);
    if (!rc && f.ccp > lim->max_uncompressed)
        rc = too_big(lim->max_uncompressed, c->reason, c->rsize);
    if (!rc) {
        tname = f.flags & 0x0200 ? "1Table" : "0Table"; /* fWhichTblStm */
        rc = find_child(c, tname, &tid);
    }
    if (!rc && tid == NOSTREAM)
        rc = arc_reason(c->reason, c->rsize, ARC_EPARSE, BAD "缺少 %s 流", tname);
    if (!rc)
        rc = read_stream(c, tid, &tb, &w.ntb);
    w.wd = wd;
    w.tb = tb;
    if (!rc) {
        fib_pair(f.rgfc, f.nfc, FIB_CLX, &fc, &lcb);
        rc = read_clx(c, &w, fc, lcb);
    }
    if (!rc) {
        fib_pair(f.rgfc, f.nfc, FIB_BTE_PAPX, &fc, &lcb);
        bin_table(&w, fc, lcb, &w.bte_pap, &w.nbte_pap);
        fib_pair(f.rgfc, f.nfc, FIB_BTE_CHPX, &fc, &lcb);
        bin_table(&w, fc, lcb, &w.bte_chp, &w.nbte_chp);
        fib_pair(f.rgfc, f.nfc, FIB_STSHF, &fc, &lcb);
        if (load_styles(&w, fc, lcb) || load_lists(&w, f.rgfc, f.nfc))
            rc = arc_reason_nomem(c->reason, c->rsize);
    }
    if (!rc) {
        emit e = {.in = out, .max = lim->max_uncompressed,
                  .reason = c->reason, .rsize = c->rsize};
        rc = read_text(&w, &e, f.ccp);
        if (!rc && !out->text && arc_input_append(out, &e.cap, "", 0))
            rc = arc_reason_nomem(c->reason, c->rsize);
    }
    free(w.st);
    free(w.lists);
    for (size_t i = 0; i < w.nlfos; i++)
        free(w.lfos[i].lv);
    free(w.lfos);
    free(wd);
    free(tb);
    return rc;
}

/* What an OLE2 file without a WordDocument stream is, by the streams that
 * name the other formats. */
static int other_ole(cfb *c)
{
    static const struct {
        const char *stream;
        const char *what;
    } t[] = {
        {"Workbook", "是 Excel 表格，不是文字文档"},
        {"Book", "是 Excel 表格，不是文字文档"},
        {"PowerPoint Document", "是 PowerPoint 演示文稿，不是文字文档"},
        {"VisioDocument", "是 Visio 绘图，不是文字文档"},
        {"__properties_version1.0", "是 Outlook 邮件，不是文字文档"},
        {"CONTENTS", "不是 Word 文档（可能是 Microsoft Works 文档），无法读取"},
    };
    for (size_t i = 0; i < ARC_ARRAY_LEN(t); i++) {
        uint32_t id;
        int rc = find_child(c, t[i].stream, &id);
        if (rc)
            return rc;
        if (id != NOSTREAM)
            return arc_reason(c->reason, c->rsize, ARC_EPARSE, "%s", t[i].what);
    }
    return arc_reason(c->reason, c->rsize, ARC_EPARSE,
                      "是 OLE 复合文档，但不含 Word 正文（WordDocument 流）");
}

int arc_input_doc(arc_input *out, const char *data, size_t len,
                  const arc_input_limits *lim, char *reason,
                  size_t reason_size)
{
    arc_input_limits dflt = arc_input_limits_of(NULL);
    memset(out, 0, sizeof *out);
    if (reason && reason_size)
        reason[0] = '\0';
    if (!lim)
        lim = &dflt;
    out->budget = lim->budget;
    if (len == 0)
        return arc_reason(reason, reason_size, ARC_EPARSE, BAD "文件为空");
    if (len < sizeof ole_magic || memcmp(data, ole_magic, sizeof ole_magic))
        return arc_reason(reason, reason_size, ARC_EPARSE,
                          BAD "缺少 OLE2 复合文档文件头");
    cfb c = {.d = (const unsigned char *)data, .len = len, .reason = reason,
             .rsize = reason_size};
    uint32_t id = NOSTREAM;
    int rc = cfb_open(&c);
    /* A password-protected .docx is an OLE2 file holding the encrypted
     * package. */
    if (!rc && !(rc = find_child(&c, "EncryptedPackage", &id)) &&
        id != NOSTREAM)
        rc = arc_reason(reason, reason_size, ARC_EPARSE, "文档已加密，无法读取");
    if (!rc && !(rc = find_child(&c, "WordDocument", &id)))
        rc = id == NOSTREAM ? other_ole(&c) : read_word(&c, id, out, lim);
    cfb_free(&c);
    if (rc)
        arc_input_free(out);
    return rc;
}

static int sniff_doc(const char *data, size_t len)
{
    return len >= sizeof ole_magic &&
                   memcmp(data, ole_magic, sizeof ole_magic) == 0
               ? 2
               : 0;
}

/* Web systems save HTML pages as "Word" files named .doc; Word itself
 * opens them, so they are read as the pages they are. */
static int read_doc_row(arc_input *out, const char *data, size_t len,
                        const arc_load_opts *o, arc_budget *dl,
                         char *reason,
                        size_t reason_size)
{
    if (!sniff_doc(data, len) && arc_reader_html.sniff &&
        arc_reader_html.sniff(data, len))
        return arc_reader_html.read(out, data, len, o, dl, reason,
                                     reason_size);
    arc_input_limits lim = arc_input_limits_of(o);
    lim.budget = dl;
    return arc_input_doc(out, data, len, &lim, reason, reason_size);
}

static const char *const doc_ext[] = {".doc", ".wps", ".dot", NULL};

const arc_reader arc_reader_doc = {"doc", "Word 97-2003 文档（.doc/.wps）",
                                   doc_ext, sniff_doc, read_doc_row, NULL};
