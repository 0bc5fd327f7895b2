/* input_ofd.c - OFD (GB/T 33190, the Chinese fixed-layout format) to text.
 * OFD.xml names the document root; Document.xml lists the pages; each
 * page's Content.xml holds text objects whose glyphs are placed one by one
 * (TextCode X, Y, DeltaX, DeltaY, under the object's Boundary and CTM).
 * The glyphs are put back into lines by position, and the lines into
 * paragraphs by layout.c.  The archive is opened through package.c under
 * the readers' limits. */
#include "input.h"

#include "archeck.h"
#include "layout.h"
#include "package.h"
#include "text.h"
#include "util.h"
#include "xml.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Limits against hostile files, besides the archive limits: a report has
 * tens of pages and some thousand glyphs a page. */
#define MAX_PAGES 3000
#define MAX_PAGE_GLYPHS ((size_t)1 << 20)
#define MAX_TEXT ((size_t)64 << 20)
#define MAX_NAME 1024 /* bytes of a part name */

#define BAD "不是有效的 OFD 文件："
#define NO_TEXT "没有可提取的文字（字形已加密或为图片），无法检查"

#ifndef M_PI
#define M_PI 3.14159265358979323846
#endif

/* ------------------------------------------------------------- package */

/* The archive and where its reasons go, handed down the walk together. */
typedef struct {
    arc_pkg *za;
    char *reason;
    size_t size;
} pkg;

/* Reads and parses part `name`; *x stays NULL when the part is absent. */
static int load_xml(pkg *p, const char *name, arc_xml **x)
{
    char *buf;
    size_t len;
    *x = NULL;
    int rc = arc_pkg_read(p->za, name, 0, &buf, &len, p->reason, p->size);
    if (rc || !buf)
        return rc;
    char why[256] = "";
    rc = arc_xml_parse(x, buf, len, ARC_XML_XML, why, sizeof why);
    free(buf);
    if (rc == ARC_ENOMEM)
        return arc_reason_nomem(p->reason, p->size);
    if (rc)
        return arc_reason(p->reason, p->size, ARC_EPARSE,
                          BAD "%s 无法解析（%s）", name, why);
    return 0;
}

/*
 * The part that `ref` names, seen from part `base`: an absolute reference
 * ("/Doc_0/Document.xml") starts at the package root, a relative one at
 * base's folder; "." and ".." are resolved (never above the root) and
 * backslashes read as slashes.  Returns 0, or -1 when too long or empty.
 */
static int resolve(const char *base, const char *ref, char *out)
{
    char tmp[MAX_NAME];
    size_t n = 0;
    while (*ref == ' ' || *ref == '\t' || *ref == '\r' || *ref == '\n')
        ref++;
    if (*ref != '/' && *ref != '\\') {
        const char *slash = strrchr(base, '/');
        size_t dl = slash ? (size_t)(slash - base) + 1 : 0;
        if (dl >= sizeof tmp)
            return -1;
        memcpy(tmp, base, dl);
        n = dl;
    }
    for (; *ref; ref++) {
        if (n + 1 >= sizeof tmp)
            return -1;
        tmp[n++] = *ref == '\\' ? '/' : *ref;
    }
    while (n && (tmp[n - 1] == ' ' || tmp[n - 1] == '\t' ||
                 tmp[n - 1] == '\r' || tmp[n - 1] == '\n'))
        n--;
    tmp[n] = '\0';
    /* Segment by segment, with the start of each output segment kept for
     * "..". */
    size_t o = 0, starts[MAX_NAME / 2], depth = 0;
    for (char *s = tmp; *s;) {
        char *e = strchr(s, '/');
        size_t k = e ? (size_t)(e - s) : strlen(s);
        if (k == 0 || (k == 1 && s[0] == '.')) {
            /* nothing */
        } else if (k == 2 && s[0] == '.' && s[1] == '.') {
            if (depth)
                o = starts[--depth];
        } else {
            starts[depth++] = o;
            if (o)
                out[o++] = '/';
            memcpy(out + o, s, k);
            o += k;
        }
        s += k + (e ? 1 : 0);
    }
    out[o] = '\0';
    return o ? 0 : -1;
}

/* --------------------------------------------------------------- XML */

static const arc_xml_node *child(const arc_xml_node *n, const char *name)
{
    for (const arc_xml_node *c = arc_xml_first_child(n); c;
         c = arc_xml_next(c))
        if (arc_xml_is_element(c) && strcmp(arc_xml_name(c), name) == 0)
            return c;
    return NULL;
}

/* The text content of element n (its text children), in buf. */
static const char *text_in(const arc_xml_node *n, char *buf, size_t size)
{
    size_t len = 0;
    buf[0] = '\0';
    for (const arc_xml_node *c = arc_xml_first_child(n); c;
         c = arc_xml_next(c)) {
        const char *s = arc_xml_text(c);
        size_t k = strlen(s);
        if (len + k >= size)
            k = size - 1 - len;
        memcpy(buf + len, s, k);
        len += k;
        buf[len] = '\0';
    }
    return buf;
}

/* A decimal number at *s (white space before it skipped), written out by
 * hand: strtod would follow the host's locale. */
static int number(const char **s, double *v)
{
    const char *p = *s;
    while (*p == ' ' || *p == '\t' || *p == '\r' || *p == '\n' || *p == ',')
        p++;
    int neg = 0, any = 0;
    if (*p == '-' || *p == '+')
        neg = *p++ == '-';
    double x = 0;
    while (*p >= '0' && *p <= '9') {
        x = x * 10 + (*p++ - '0');
        any = 1;
    }
    if (*p == '.') {
        double f = 0.1;
        for (p++; *p >= '0' && *p <= '9'; p++, f /= 10) {
            x += (*p - '0') * f;
            any = 1;
        }
    }
    if (!any)
        return 0;
    if (*p == 'e' || *p == 'E') {
        const char *q = p + 1;
        int eneg = 0, e = 0, digits = 0;
        if (*q == '-' || *q == '+')
            eneg = *q++ == '-';
        while (*q >= '0' && *q <= '9') {
            if (e < 400)
                e = e * 10 + (*q - '0');
            q++;
            digits = 1;
        }
        if (digits) {
            x *= pow(10, eneg ? -e : e);
            p = q;
        }
    }
    if (!isfinite(x))
        return 0;
    *v = neg ? -x : x;
    *s = p;
    return 1;
}

/* Up to n numbers of an attribute such as Boundary="x y w h"; returns how
 * many were read. */
static size_t numbers(const char *s, double *v, size_t n)
{
    size_t k = 0;
    while (s && k < n && number(&s, &v[k]))
        k++;
    return k;
}

/*
 * DeltaX / DeltaY: numbers, where "g N d" stands for N times d.  Read one
 * at a time, so that a hostile "g 4000000000 1" costs nothing.
 */
typedef struct {
    const char *p;
    double val;
    unsigned long rep; /* more copies of val to hand out */
} deltas;

static int delta_next(deltas *d, double *out)
{
    while (!d->rep) {
        const char *p = d->p;
        if (!p)
            return 0;
        while (*p == ' ' || *p == '\t' || *p == '\r' || *p == '\n')
            p++;
        if (*p != 'g') {
            if (!number(&p, &d->val)) {
                d->p = NULL;
                return 0;
            }
            d->p = p;
            d->rep = 1;
            break;
        }
        p++;
        double count;
        if (!number(&p, &count) || !number(&p, &d->val) || count < 0) {
            d->p = NULL;
            return 0;
        }
        d->p = p;
        d->rep = count > 4e9 ? 4000000000UL : (unsigned long)count;
    }
    d->rep--;
    *out = d->val;
    return 1;
}

/* -------------------------------------------------------------- glyphs */

typedef struct {
    uint32_t cp;
    int angle;    /* reading direction, whole degrees clockwise from → */
    double x, y;  /* the glyph's origin on the page */
    double adv;   /* its advance along the reading direction */
    double em;    /* its size across it */
    double u, v;  /* along and across the direction of its group */
} glyph;

typedef struct {
    glyph *g;
    size_t n, cap;
    size_t usable;   /* glyphs that are text */
    size_t unusable; /* glyphs with no Unicode (private use, U+FFFD) */
    int overflow;    /* more glyphs on a page than MAX_PAGE_GLYPHS */
} glyphs;

static int is_wide(uint32_t cp)
{
    return cp >= 0x1100 && arc_layout_is_cjk(cp);
}

/* Glyphs of an obfuscated font carry private-use code points (or none):
 * nothing a reader of the text could use. */
static int is_unusable(uint32_t cp)
{
    return (cp >= 0xE000 && cp <= 0xF8FF) || cp >= 0xF0000 ||
           cp == 0xFFFD || cp < 0x20;
}

static int is_blank(uint32_t cp)
{
    return cp == ' ' || cp == 0x3000 || cp == 0xA0 || cp == '\t' ||
           cp == '\r' || cp == '\n';
}

/*
 * The glyphs of one TextObject.  A glyph at (x, y) of the object's space
 * lies at Boundary.xy + CTM·(x, y) on the page.  Each TextCode starts at
 * its X, Y (or where the previous one left off) and moves by DeltaX along
 * the reading direction and DeltaY across it; without deltas by an em
 * (CJK) or half an em, as fonts are not read.
 */
static int text_object(glyphs *gs, const arc_xml *x, const arc_xml_node *obj)
{
    double b[4] = {0, 0, 0, 0}, m[6] = {1, 0, 0, 1, 0, 0}, size, v[1];
    numbers(arc_xml_attr(x, obj, "Boundary"), b, 4);
    if (numbers(arc_xml_attr(x, obj, "CTM"), m, 6) != 6) {
        m[0] = m[3] = 1;
        m[1] = m[2] = m[4] = m[5] = 0;
    }
    if (numbers(arc_xml_attr(x, obj, "Size"), v, 1) == 1 && v[0] > 0)
        size = v[0];
    else
        size = 3.5; /* 10 pt in mm, the commonest body size */
    double rd = 0;
    if (numbers(arc_xml_attr(x, obj, "ReadDirection"), v, 1) == 1)
        rd = v[0] * M_PI / 180;
    /* Object space: reading direction (ax, ay), across it (-ay, ax). */
    double ax = cos(rd), ay = sin(rd);
    double dx = m[0] * ax + m[2] * ay, dy = m[1] * ax + m[3] * ay;
    double px = -m[0] * ay + m[2] * ax, py = -m[1] * ay + m[3] * ax;
    double along = hypot(dx, dy), across = hypot(px, py);
    if (!(along > 0) || !(across > 0) || !isfinite(along) ||
        !isfinite(across))
        return 0; /* squashed to nothing: invisible */
    int angle = (int)lround(atan2(dy, dx) * 180 / M_PI);
    angle = (angle % 360 + 360) % 360;

    double cx = 0, cy = 0; /* current point, object space */
    for (const arc_xml_node *tc = arc_xml_first_child(obj); tc;
         tc = arc_xml_next(tc)) {
        if (!arc_xml_is_element(tc) || strcmp(arc_xml_name(tc), "TextCode"))
            continue;
        double t;
        if (numbers(arc_xml_attr(x, tc, "X"), &t, 1) == 1)
            cx = t;
        if (numbers(arc_xml_attr(x, tc, "Y"), &t, 1) == 1)
            cy = t;
        /* Attribute values are borrowed until the next arc_xml_attr. */
        char *dxs = arc_strdup(arc_xml_attr(x, tc, "DeltaX") ?
                               arc_xml_attr(x, tc, "DeltaX") : "");
        char *dys = arc_strdup(arc_xml_attr(x, tc, "DeltaY") ?
                               arc_xml_attr(x, tc, "DeltaY") : "");
        if (!dxs || !dys) {
            free(dxs);
            free(dys);
            return ARC_ENOMEM;
        }
        deltas ddx = {dxs, 0, 0}, ddy = {dys, 0, 0};
        int rc = 0;
        for (const arc_xml_node *c = arc_xml_first_child(tc); c && !rc;
             c = arc_xml_next(c)) {
            const char *s = arc_xml_text(c);
            size_t n = strlen(s), i = 0;
            while (i < n) {
                uint32_t cp;
                size_t k = arc_utf8_decode(s + i, n - i, &cp);
                if (!k) {
                    i++;
                    continue;
                }
                i += k;
                double gx = b[0] + m[0] * cx + m[2] * cy + m[4];
                double gy = b[1] + m[1] * cx + m[3] * cy + m[5];
                double step, rise = 0;
                if (!delta_next(&ddx, &step))
                    step = size * (is_wide(cp) ? 1 : 0.5);
                if (!delta_next(&ddy, &rise))
                    rise = 0;
                /* Hostile numbers can overflow: such a glyph is on no
                 * page. */
                int placed = isfinite(gx) && isfinite(gy);
                if (is_unusable(cp)) {
                    gs->unusable++;
                } else if (!is_blank(cp) && placed) {
                    if (gs->n >= MAX_PAGE_GLYPHS) {
                        gs->overflow = 1;
                        rc = ARC_EPARSE;
                        break;
                    }
                    if (arc_grow((void **)&gs->g, &gs->cap, gs->n + 1,
                                 sizeof *gs->g)) {
                        rc = ARC_ENOMEM;
                        break;
                    }
                    double adv = step > 0 ? step : size * (is_wide(cp) ? 1
                                                                       : 0.5);
                    gs->g[gs->n++] = (glyph){cp, angle, gx, gy,
                                             adv * along, size * across,
                                             0, 0};
                    gs->usable++;
                }
                cx += step * ax - rise * ay;
                cy += step * ay + rise * ax;
            }
        }
        free(dxs);
        free(dys);
        if (rc)
            return rc;
    }
    return 0;
}

/* Every TextObject under n, in document order (layers, page blocks). */
static int walk_objects(glyphs *gs, const arc_xml *x, const arc_xml_node *n)
{
    for (const arc_xml_node *c = arc_xml_first_child(n); c;
         c = arc_xml_next(c)) {
        if (!arc_xml_is_element(c))
            continue;
        int rc = strcmp(arc_xml_name(c), "TextObject") == 0
                     ? text_object(gs, x, c)
                     : walk_objects(gs, x, c);
        if (rc)
            return rc;
    }
    return 0;
}

/* ------------------------------------------------------- glyphs → lines */

static int cmp_angle_v(const void *a, const void *b)
{
    const glyph *x = a, *y = b;
    if (x->angle != y->angle)
        return x->angle < y->angle ? -1 : 1;
    if (x->v != y->v)
        return x->v < y->v ? -1 : 1;
    return x->u < y->u ? -1 : x->u > y->u;
}

static int cmp_u(const void *a, const void *b)
{
    const glyph *x = a, *y = b;
    return x->u < y->u ? -1 : x->u > y->u;
}

typedef struct {
    size_t start, end; /* glyphs of one reading direction */
} group;

static int cmp_group_size(const void *a, const void *b)
{
    const group *x = a, *y = b;
    size_t nx = x->end - x->start, ny = y->end - y->start;
    if (nx != ny)
        return nx > ny ? -1 : 1;
    return x->start < y->start ? -1 : 1;
}

/* Adds the glyphs g[0..n) of one line (sorted along it) as one or more
 * layout lines: a gap of several ems splits it (table cells, a date set
 * apart from a name), a smaller one is a space between words. */
static int emit_line(arc_layout *l, uint32_t page, glyph *g, size_t n,
                     double vmin, double vmax, char **buf, size_t *cap)
{
    size_t a = 0;
    while (a < n) {
        size_t len = 0, b = a;
        double em = 0;
        for (; b < n; b++) {
            if (b > a) {
                double gap = g[b].u - (g[b - 1].u + g[b - 1].adv);
                double e = g[b].em > g[b - 1].em ? g[b].em : g[b - 1].em;
                /* The same glyph twice at one place: fake bold. */
                if (g[b].cp == g[b - 1].cp &&
                    fabs(g[b].u - g[b - 1].u) < 0.15 * e &&
                    fabs(g[b].v - g[b - 1].v) < 0.15 * e)
                    continue;
                if (gap > 2.5 * e)
                    break;
                if (gap > 0.25 * e) {
                    if (arc_grow((void **)buf, cap, len + 2, 1))
                        return ARC_ENOMEM;
                    (*buf)[len++] = ' ';
                }
            }
            if (arc_grow((void **)buf, cap, len + 5, 1))
                return ARC_ENOMEM;
            len += arc_utf8_encode(g[b].cp, *buf + len);
            em = g[b].em > em ? g[b].em : em;
        }
        double base = g[a].v;
        double top = base - 0.88 * em, bottom = base + 0.12 * em;
        double rel = vmax > vmin ? ((top + bottom) / 2 - vmin) / (vmax - vmin)
                                 : -1;
        int rc = arc_layout_add(l, page, *buf, len, g[a].u,
                                g[b - 1].u + g[b - 1].adv, top, bottom, rel);
        if (rc)
            return rc;
        a = b;
    }
    return 0;
}

/*
 * The page's glyphs as lines.  Glyphs are grouped by reading direction
 * (rotated text: a stamp, a landscape table), the largest group first;
 * within a group, by baseline (glyphs less than half an em apart across
 * the direction share a line), then along it.
 */
static int page_lines(arc_layout *l, uint32_t page, glyphs *gs,
                      const double *box)
{
    glyph *g = gs->g;
    size_t n = gs->n;
    group *grp = NULL;
    size_t ng = 0, gcap = 0;
    char *buf = NULL;
    size_t bcap = 0;
    int rc = 0;
    for (size_t i = 0; i < n; i++) {
        double t = g[i].angle * M_PI / 180, c = cos(t), s = sin(t);
        g[i].u = g[i].x * c + g[i].y * s;
        g[i].v = -g[i].x * s + g[i].y * c;
    }
    if (n)
        qsort(g, n, sizeof *g, cmp_angle_v);
    for (size_t i = 0; i < n;) {
        size_t j = i;
        while (j < n && g[j].angle == g[i].angle)
            j++;
        if (arc_grow((void **)&grp, &gcap, ng + 1, sizeof *grp)) {
            rc = ARC_ENOMEM;
            goto done;
        }
        grp[ng++] = (group){i, j};
        i = j;
    }
    if (ng)
        qsort(grp, ng, sizeof *grp, cmp_group_size);
    for (size_t k = 0; k < ng && !rc; k++) {
        glyph *s = g + grp[k].start;
        size_t m = grp[k].end - grp[k].start;
        /* The page across this direction, for headers and footers. */
        double vmin = INFINITY, vmax = -INFINITY;
        if (box[2] > 0 && box[3] > 0) {
            double t = s[0].angle * M_PI / 180, c = cos(t), sn = sin(t);
            for (int corner = 0; corner < 4; corner++) {
                double cx = box[0] + (corner & 1 ? box[2] : 0);
                double cy = box[1] + (corner & 2 ? box[3] : 0);
                double v = -cx * sn + cy * c;
                vmin = v < vmin ? v : vmin;
                vmax = v > vmax ? v : vmax;
            }
        } else {
            vmin = vmax = 0;
        }
        for (size_t a = 0; a < m && !rc;) {
            size_t b = a + 1;
            double em = s[a].em;
            for (; b < m; b++) {
                em = s[b].em > em ? s[b].em : em;
                if (s[b].v - s[a].v >= 0.5 * em)
                    break;
            }
            qsort(s + a, b - a, sizeof *s, cmp_u);
            rc = emit_line(l, page, s + a, b - a, vmin, vmax, &buf, &bcap);
            a = b;
        }
    }
done:
    free(grp);
    free(buf);
    return rc;
}

/* --------------------------------------------------------------- OFD */

typedef struct {
    pkg p;
    arc_layout l;
    size_t usable, unusable;
} ctx;

static int read_page(ctx *c, const char *name, uint32_t no,
                     const double *dflt_box)
{
    arc_xml *x;
    int rc = load_xml(&c->p, name, &x);
    if (rc)
        return rc;
    if (!x)
        return arc_reason(c->p.reason, c->p.size, ARC_EPARSE,
                          BAD "缺少第 %u 页的内容 %s", (unsigned)no, name);
    const arc_xml_node *root = arc_xml_root(x);
    double box[4] = {dflt_box[0], dflt_box[1], dflt_box[2], dflt_box[3]};
    const arc_xml_node *pb = child(child(root, "Area"), "PhysicalBox");
    char tb[256];
    if (pb && numbers(text_in(pb, tb, sizeof tb), box, 4) != 4)
        memcpy(box, dflt_box, sizeof box);
    /* Only the page's own content: its template (ofd:Template) holds what
     * every page shares, the running header and footer or the printed
     * form of an invoice; annotations are stamps and signatures. */
    glyphs gs = {0};
    const arc_xml_node *content = child(root, "Content");
    rc = content ? walk_objects(&gs, x, content) : 0;
    arc_xml_free(x);
    if (rc == ARC_EPARSE && gs.overflow)
        rc = arc_reason(c->p.reason, c->p.size, ARC_EPARSE,
                        "第 %u 页的字形过多（上限 %zu 个），拒绝读取", (unsigned)no,
                        MAX_PAGE_GLYPHS);
    else if (rc == ARC_ENOMEM)
        rc = arc_reason_nomem(c->p.reason, c->p.size);
    if (!rc) {
        c->usable += gs.usable;
        c->unusable += gs.unusable;
        rc = page_lines(&c->l, no, &gs, box);
        if (rc == ARC_EPARSE)
            rc = arc_reason(c->p.reason, c->p.size, ARC_EPARSE,
                            "文字超过 %zu MiB，拒绝读取", MAX_TEXT >> 20);
        else if (rc == ARC_ENOMEM)
            rc = arc_reason_nomem(c->p.reason, c->p.size);
    }
    free(gs.g);
    return rc;
}

static int read_document(ctx *c, const char *docname, arc_input *out)
{
    char *reason = c->p.reason;
    size_t size = c->p.size;
    arc_xml *x;
    int rc = load_xml(&c->p, docname, &x);
    if (rc)
        return rc;
    if (!x)
        return arc_reason(reason, size, ARC_EPARSE,
                          BAD "缺少文档 %s（OFD.xml 的 DocRoot 所指）", docname);
    const arc_xml_node *root = arc_xml_root(x);
    double box[4] = {0, 0, 0, 0};
    char tb[MAX_NAME];
    const arc_xml_node *pb = child(child(child(root, "CommonData"),
                                         "PageArea"), "PhysicalBox");
    if (pb && numbers(text_in(pb, tb, sizeof tb), box, 4) != 4)
        memset(box, 0, sizeof box);
    const arc_xml_node *pages = child(root, "Pages");
    size_t npages = 0;
    for (const arc_xml_node *pg = arc_xml_first_child(pages); pg;
         pg = arc_xml_next(pg))
        npages += arc_xml_is_element(pg) && !strcmp(arc_xml_name(pg), "Page");
    if (!npages) {
        rc = arc_reason(reason, size, ARC_EPARSE, BAD "%s 中没有页面", docname);
        goto done;
    }
    if (npages > MAX_PAGES) {
        rc = arc_reason(reason, size, ARC_EPARSE,
                        "页数过多（%zu 页，上限 %d 页），拒绝读取", npages,
                        MAX_PAGES);
        goto done;
    }
    c->l.npages = (uint32_t)npages;
    uint32_t no = 0;
    for (const arc_xml_node *pg = arc_xml_first_child(pages); pg && !rc;
         pg = arc_xml_next(pg)) {
        if (!arc_xml_is_element(pg) || strcmp(arc_xml_name(pg), "Page"))
            continue;
        no++;
        const char *loc = arc_xml_attr(x, pg, "BaseLoc");
        char name[MAX_NAME];
        if (!loc || resolve(docname, loc, name)) {
            rc = arc_reason(reason, size, ARC_EPARSE,
                            BAD "第 %u 页没有有效的 BaseLoc", (unsigned)no);
            break;
        }
        /* Some producers write BaseLoc from the package root without the
         * leading slash. */
        if (!arc_pkg_has(c->p.za, name)) {
            char alt[MAX_NAME];
            if (!resolve("", loc, alt) && arc_pkg_has(c->p.za, alt))
                strcpy(name, alt);
        }
        rc = read_page(c, name, no, box);
    }
    if (rc)
        goto done;
    if (!c->usable) {
        rc = arc_reason(reason, size, ARC_EPARSE, NO_TEXT);
        goto done;
    }
    /* Mostly glyphs without Unicode: what text there is would mislead. */
    if (c->unusable > c->usable) {
        rc = arc_reason(reason, size, ARC_EPARSE,
                        "大部分字形没有对应的文字（字形已加密），无法检查");
        goto done;
    }
    rc = arc_layout_emit(&c->l, out);
    if (rc == ARC_ENOMEM)
        rc = arc_reason_nomem(reason, size);
done:
    arc_xml_free(x);
    return rc;
}

static int read_ofd(ctx *c, arc_input *out)
{
    char *reason = c->p.reason;
    size_t size = c->p.size;
    arc_xml *x;
    int rc = load_xml(&c->p, "OFD.xml", &x);
    if (rc)
        return rc;
    if (!x)
        return arc_reason(reason, size, ARC_EPARSE,
                          BAD "缺少 OFD.xml（可能不是 OFD 文件）");
    /* A package may hold several documents; the first is the one a
     * reader opens. */
    const arc_xml_node *root = arc_xml_root(x);
    const arc_xml_node *body = child(root, "DocBody");
    const arc_xml_node *dr = child(body, "DocRoot");
    char tb[MAX_NAME], docname[MAX_NAME];
    if (strcmp(arc_xml_name(root), "OFD") || !dr ||
        resolve("", text_in(dr, tb, sizeof tb), docname)) {
        arc_xml_free(x);
        return arc_reason(reason, size, ARC_EPARSE,
                          BAD "OFD.xml 中没有文档入口（DocBody/DocRoot）");
    }
    arc_xml_free(x);
    return read_document(c, docname, out);
}

int arc_input_ofd(arc_input *out, const char *data, size_t len,
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
    arc_pkg_limits pl = {lim->max_uncompressed, lim->max_entries, BAD};
    arc_pkg *za;
    int rc = arc_pkg_open(&za, data, len, &pl, reason, reason_size);
    if (rc)
        return rc;
    ctx c = {.p = {za, reason, reason_size}};
    arc_layout_init(&c.l, MAX_TEXT);
    rc = read_ofd(&c, out);
    arc_layout_free(&c.l);
    arc_pkg_close(za);
    if (rc)
        arc_input_free(out);
    return rc;
}

static int sniff_ofd(const char *data, size_t len)
{
    /* A zip whose directory names OFD.xml. */
    return len >= 4 && memcmp(data, "PK\x03\x04", 4) == 0 &&
                   arc_bytes_contain(data, len, "OFD.xml")
               ? 2
               : 0;
}

static int read_ofd_row(arc_input *out, const char *data, size_t len,
                        const arc_load_opts *o, arc_budget *dl,
                         char *reason,
                        size_t reason_size)
{
    arc_input_limits lim = arc_input_limits_of(o);
    lim.budget = dl;
    return arc_input_ofd(out, data, len, &lim, reason, reason_size);
}

static const char *const ofd_ext[] = {".ofd", NULL};

const arc_reader arc_reader_ofd = {"ofd", "OFD 文档", ofd_ext, sniff_ofd,
                                   read_ofd_row, NULL};
