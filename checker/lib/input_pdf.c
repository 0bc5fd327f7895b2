/* input_pdf.c - PDF to text with poppler's GLib API: the text layer of each
 * page in poppler's reading order, line by line with the boxes of the
 * characters, made into paragraphs by layout.c.  The only module that
 * includes poppler. */
#include "input.h"

#include "archeck.h"
#include "layout.h"
#include "text.h"
#include "util.h"

#include <math.h>
#include <poppler.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

/* Limits against hostile files.  A report has tens of pages and a few
 * hundred KiB of text; a page tree can claim millions of pages, and every
 * page costs poppler a text layout.  (arc_load_opts may grow fields for
 * these later.) */
#define MAX_PAGES 3000
#define MAX_TEXT ((size_t)64 << 20)

#define BAD "不是有效的 PDF 文件："

/* poppler reports syntax errors in a broken file through GLib's log, which
 * prints them; the library never prints (the reason says what is wrong). */
static void quiet(const gchar *domain, GLogLevelFlags level,
                  const gchar *message, gpointer data)
{
    (void)domain;
    (void)level;
    (void)message;
    (void)data;
}

static pthread_once_t once = PTHREAD_ONCE_INIT;

/*
 * A one-page PDF with an empty page, for warming poppler up.  poppler is
 * safe with one document per thread except for state it creates lazily on
 * first use without a lock: the sRGB and XYZ colour profiles that the
 * first GfxState makes (GfxState.cc, "if (!sRGBProfile) sRGBProfile =
 * …"), which two threads reading their first pages at once both assign
 * (ThreadSanitizer shows the lcms2 objects of one thread freed by another).
 * Reading one page here, once, before any document of the caller, creates
 * it; after that poppler only reads it, and every document can go on in
 * its own thread, unserialised.
 */
static void warm_up(void)
{
    static const char *const obj[] = {
        "<</Type/Catalog/Pages 2 0 R>>",
        "<</Type/Pages/Kids[3 0 R]/Count 1>>",
        "<</Type/Page/Parent 2 0 R/MediaBox[0 0 10 10]/Contents 4 0 R>>",
        "<</Length 0>>stream\nendstream",
    };
    char pdf[1024];
    int n = snprintf(pdf, sizeof pdf, "%%PDF-1.4\n"), off[4];
    for (int i = 0; i < 4; i++) {
        off[i] = n;
        n += snprintf(pdf + n, sizeof pdf - (size_t)n,
                      "%d 0 obj\n%s\nendobj\n", i + 1, obj[i]);
    }
    int xref = n;
    n += snprintf(pdf + n, sizeof pdf - (size_t)n,
                  "xref\n0 5\n0000000000 65535 f \n");
    for (int i = 0; i < 4; i++)
        n += snprintf(pdf + n, sizeof pdf - (size_t)n, "%010d 00000 n \n",
                      off[i]);
    n += snprintf(pdf + n, sizeof pdf - (size_t)n,
                  "trailer\n<</Size 5/Root 1 0 R>>\nstartxref\n%d\n%%%%EOF\n",
                  xref);
    GBytes *bytes = g_bytes_new_static(pdf, (gsize)n);
    PopplerDocument *doc = poppler_document_new_from_bytes(bytes, NULL, NULL);
    g_bytes_unref(bytes);
    PopplerPage *page = doc ? poppler_document_get_page(doc, 0) : NULL;
    if (page) {
        g_free(poppler_page_get_text(page));
        g_object_unref(page);
    }
    if (doc)
        g_object_unref(doc);
}

static void init(void)
{
    g_log_set_handler("Poppler",
                      (GLogLevelFlags)(G_LOG_LEVEL_MASK | G_LOG_FLAG_FATAL |
                                       G_LOG_FLAG_RECURSION),
                      quiet, NULL);
    warm_up();
}

/* Characters that are no text: private use (a font without a Unicode map
 * gives its glyph numbers there, or U+FFFD). */
static int is_unusable(uint32_t cp)
{
    return (cp >= 0xE000 && cp <= 0xF8FF) || cp >= 0xF0000 || cp == 0xFFFD;
}

typedef struct {
    size_t usable, unusable;
} tally;

static void count(tally *t, const char *s, size_t n)
{
    for (size_t i = 0; i < n;) {
        uint32_t cp;
        size_t k = arc_utf8_decode(s + i, n - i, &cp);
        if (!k) {
            i++;
            continue;
        }
        if (is_unusable(cp))
            t->unusable++;
        else if (cp > ' ')
            t->usable++;
        i += k;
    }
}

/*
 * Adds the lines of one page.  poppler_page_get_text gives the page's text
 * in reading order with a newline after each line, and
 * poppler_page_get_text_layout one box per character of that text
 * (newlines included).
 */
static int read_page(arc_layout *l, tally *t, PopplerPage *page,
                     uint32_t no)
{
    double w = 0, h = 0;
    poppler_page_get_size(page, &w, &h);
    char *text = poppler_page_get_text(page);
    PopplerRectangle *box = NULL;
    guint nbox = 0;
    if (!text)
        return 0;
    if (!poppler_page_get_text_layout(page, &box, &nbox)) {
        box = NULL;
        nbox = 0;
    }
    int rc = 0;
    size_t k = 0; /* index of the box of the line's first character */
    for (const char *s = text; *s && !rc;) {
        const char *nl = strchr(s, '\n');
        size_t n = nl ? (size_t)(nl - s) : strlen(s);
        size_t chars = arc_utf8_count(s, n);
        double x0 = INFINITY, x1 = -INFINITY, top = INFINITY,
               bottom = -INFINITY;
        for (size_t i = k; i < k + chars && i < nbox; i++) {
            const PopplerRectangle *r = &box[i];
            /* Spaces poppler inserts between words have boxes too, but
             * may sit anywhere: only real glyphs count. */
            if (r->x2 <= r->x1 && r->y2 <= r->y1)
                continue;
            x0 = r->x1 < x0 ? r->x1 : x0;
            x1 = r->x2 > x1 ? r->x2 : x1;
            top = r->y1 < top ? r->y1 : top;
            bottom = r->y2 > bottom ? r->y2 : bottom;
        }
        double rel = -1;
        if (x0 > x1) { /* no boxes: no geometry, a line of its own */
            x0 = x1 = top = bottom = 0;
        } else if (h > 0) {
            rel = (top + bottom) / 2 / h;
        }
        count(t, s, n);
        rc = arc_layout_add(l, no, s, n, x0, x1, top, bottom, rel);
        k += chars + (nl ? 1 : 0);
        s += n + (nl ? 1 : 0);
    }
    g_free(box);
    g_free(text);
    return rc;
}

/* Does the text hold anything but white space? */
static int has_text(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (s[i] != ' ' && s[i] != '\n')
            return 1;
    return 0;
}

int arc_input_pdf(arc_input *out, const char *data, size_t len,
                  char *reason, size_t reason_size)
{
    return arc_input_pdf_dl(out, data, len, NULL, reason, reason_size);
}

int arc_input_pdf_dl(arc_input *out, const char *data, size_t len,
                     arc_budget *dl, char *reason, size_t reason_size)
{
    memset(out, 0, sizeof *out);
    out->budget = dl;
    if (reason && reason_size)
        reason[0] = '\0';
    if (len == 0)
        return arc_reason(reason, reason_size, ARC_EPARSE, BAD "文件为空");
    pthread_once(&once, init);

    /* The bytes are not copied: data outlives the document. */
    GBytes *bytes = g_bytes_new_static(data, len);
    GError *err = NULL;
    PopplerDocument *doc = poppler_document_new_from_bytes(bytes, NULL, &err);
    g_bytes_unref(bytes);
    if (!doc) {
        int rc;
        if (err && err->domain == POPPLER_ERROR &&
            err->code == POPPLER_ERROR_ENCRYPTED)
            rc = arc_reason(reason, reason_size, ARC_EPARSE,
                            "文档已加密（需要密码才能打开），无法读取");
        else
            rc = arc_reason(reason, reason_size, ARC_EPARSE,
                            BAD "文件已损坏或不完整，无法打开");
        g_clear_error(&err);
        return rc;
    }
    int pages = poppler_document_get_n_pages(doc);
    int rc = 0;
    arc_layout l;
    arc_layout_init(&l, MAX_TEXT);
    if (pages <= 0) {
        rc = arc_reason(reason, reason_size, ARC_EPARSE, BAD "没有页面");
        goto done;
    }
    if (pages > MAX_PAGES) {
        rc = arc_reason(reason, reason_size, ARC_EPARSE,
                        "页数过多（%d 页，上限 %d 页），拒绝读取", pages,
                        MAX_PAGES);
        goto done;
    }
    l.npages = (uint32_t)pages;
    tally t = {0, 0};
    for (int i = 0; i < pages && !rc; i++) {
        /* poppler reads a page in one call: the budget is asked between
         * pages. */
        if (arc_budget_check(dl, 1)) {
            rc = arc_reason(reason, reason_size, ARC_ENOMEM, "超过时间上限");
            goto done;
        }
        PopplerPage *page = poppler_document_get_page(doc, i);
        if (!page)
            continue; /* a broken page object: its text is lost */
        rc = read_page(&l, &t, page, (uint32_t)i + 1);
        g_object_unref(page);
    }
    if (rc == ARC_EPARSE) {
        rc = arc_reason(reason, reason_size, ARC_EPARSE,
                        "文字超过 %zu MiB，拒绝读取", MAX_TEXT >> 20);
        goto done;
    }
    /* Mostly glyph numbers: what text there is would mislead. */
    if (!rc && t.unusable > t.usable) {
        rc = arc_reason(reason, reason_size, ARC_EPARSE,
                        "大部分字符没有对应的文字（字体缺少编码映射或已加密），"
                        "无法检查");
        goto done;
    }
    if (!rc)
        rc = arc_layout_emit(&l, out);
    if (rc == ARC_ENOMEM) {
        rc = arc_reason(reason, reason_size, ARC_ENOMEM, "内存不足");
    } else if (!rc && !has_text(out->text, out->len)) {
        /* Pages of images only, or nothing but page numbers on them. */
        rc = arc_reason(reason, reason_size, ARC_EPARSE,
                        "扫描件，没有文字层，无法检查");
    }
done:
    arc_layout_free(&l);
    g_object_unref(doc);
    if (rc)
        arc_input_free(out);
    return rc;
}

static int sniff_pdf(const char *data, size_t len)
{
    /* The header may follow some junk, within the first KiB. */
    return arc_bytes_contain(data, len < 1024 ? len : 1024, "%PDF-") ? 2 : 0;
}

static int read_pdf_row(arc_input *out, const char *data, size_t len,
                        const arc_load_opts *o, arc_budget *dl,
                        char *reason, size_t reason_size)
{
    (void)o;
    return arc_input_pdf_dl(out, data, len, dl, reason, reason_size);
}

static const char *const pdf_ext[] = {".pdf", NULL};

const arc_reader arc_reader_pdf = {"pdf", "PDF 文档", pdf_ext, sniff_pdf,
                                   read_pdf_row, NULL};
