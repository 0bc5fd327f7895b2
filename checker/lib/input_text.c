/* input_text.c - plain text in UTF-8 (with or without BOM), UTF-16LE/BE
 * with BOM, GB18030/GBK when the bytes are not valid UTF-8, or a forced
 * encoding; the result is UTF-8. */
#include "input.h"

#include "archeck.h"
#include "text.h"
#include "util.h"

#include <errno.h>
#include <iconv.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Converts with iconv; returns 0, ARC_ENOMEM, or ARC_EPARSE. */
static int convert(arc_input *out, const char *data, size_t len,
                   const char *from, char *reason, size_t reason_size)
{
    iconv_t cd = iconv_open("UTF-8", from);
    if (cd == (iconv_t)-1) {
        snprintf(reason, reason_size, "不支持的编码“%s”", from);
        return ARC_EPARSE;
    }
    size_t cap = len * 2 + 16, o = 0;
    char *buf = malloc(cap + 1);
    int rc = buf ? 0 : ARC_ENOMEM;
    char *in = (char *)data;
    size_t left = len;
    while (!rc && left > 0) {
        char *dst = buf + o;
        size_t room = cap - o;
        size_t r = iconv(cd, &in, &left, &dst, &room);
        o = (size_t)(dst - buf);
        if (r != (size_t)-1)
            break;
        if (errno == E2BIG) {
            char *nb = realloc(buf, cap * 2 + 1);
            if (!nb) {
                rc = ARC_ENOMEM;
                break;
            }
            buf = nb;
            cap *= 2;
        } else {
            snprintf(reason, reason_size,
                     "不是有效的 %s 文本（第 %zu 字节）", from,
                     (size_t)(in - data));
            rc = ARC_EPARSE;
        }
    }
    iconv_close(cd);
    if (rc) {
        free(buf);
        return rc;
    }
    buf[o] = '\0';
    out->text = buf;
    out->len = o;
    return 0;
}

static int copy(arc_input *out, const char *data, size_t len)
{
    if (!(out->text = arc_strndup(data, len)))
        return ARC_ENOMEM;
    out->len = len;
    return 0;
}

int arc_input_text(arc_input *out, const char *data, size_t len,
                   const char *encoding, char *reason, size_t reason_size)
{
    memset(out, 0, sizeof *out);
    const unsigned char *u = (const unsigned char *)data;
    if (encoding && *encoding)
        return convert(out, data, len, encoding, reason, reason_size);
    if (len >= 2 && u[0] == 0xFF && u[1] == 0xFE)
        return convert(out, data + 2, len - 2, "UTF-16LE", reason,
                       reason_size);
    if (len >= 2 && u[0] == 0xFE && u[1] == 0xFF)
        return convert(out, data + 2, len - 2, "UTF-16BE", reason,
                       reason_size);
    if (arc_utf8_validate(data, len) == len)
        return copy(out, data, len);
    /* Not UTF-8: the other encoding Chinese offices save text in. */
    int rc = convert(out, data, len, "GB18030", reason, reason_size);
    if (rc == ARC_EPARSE)
        snprintf(reason, reason_size,
                 "既不是 UTF-8 也不是 GB18030/GBK 文本，可用 --encoding "
                 "指定编码");
    return rc;
}

int arc_encoding_supported(const char *name)
{
    iconv_t cd = iconv_open("UTF-8", name);
    if (cd == (iconv_t)-1)
        return 0;
    iconv_close(cd);
    return 1;
}

struct arc_decoder {
    iconv_t cd;
};

int arc_decoder_open(arc_decoder **out, const char *encoding)
{
    *out = NULL;
    arc_decoder *d = malloc(sizeof *d);
    if (!d)
        return ARC_ENOMEM;
    d->cd = iconv_open("UTF-8", encoding);
    if (d->cd == (iconv_t)-1) {
        free(d);
        return ARC_EINVAL;
    }
    *out = d;
    return 0;
}

int arc_decoder_append(arc_decoder *d, arc_input *in, size_t *cap,
                       const char *s, size_t n)
{
    char *src = (char *)s;
    size_t left = n;
    iconv(d->cd, NULL, NULL, NULL, NULL); /* a fresh shift state */
    while (left > 0) {
        char buf[512], *dst = buf;
        size_t room = sizeof buf;
        size_t r = iconv(d->cd, &src, &left, &dst, &room);
        if (arc_input_append(in, cap, buf, (size_t)(dst - buf)))
            return ARC_ENOMEM;
        if (r != (size_t)-1 || errno == E2BIG)
            continue;
        /* An invalid or cut-off sequence: one replacement character for
         * its first byte, then on with the next. */
        if (arc_input_append(in, cap, "\xEF\xBF\xBD", 3))
            return ARC_ENOMEM;
        src++;
        left--;
        iconv(d->cd, NULL, NULL, NULL, NULL);
    }
    return 0;
}

void arc_decoder_free(arc_decoder *d)
{
    if (!d)
        return;
    iconv_close(d->cd);
    free(d);
}

/* The bytes are handed over as they are; doc_parse validates them while
 * normalising, so UTF-8 text (the common case) is not read twice. */
static int read_text(arc_input *out, const char *data, size_t len,
                     const arc_load_opts *o, char *reason, size_t reason_size)
{
    const unsigned char *u = (const unsigned char *)data;
    if ((o && o->encoding) ||
        (len >= 2 && ((u[0] == 0xFF && u[1] == 0xFE) ||
                      (u[0] == 0xFE && u[1] == 0xFF))))
        return arc_input_text(out, data, len, o ? o->encoding : NULL, reason,
                              reason_size);
    memset(out, 0, sizeof *out);
    out->text = (char *)data;
    out->len = len;
    out->borrowed = 1;
    out->unvalidated = 1;
    return 0;
}

/* Not UTF-8: the other encoding Chinese offices save text in. */
static int decode_text(arc_input *out, const char *data, size_t len,
                       const arc_load_opts *o, char *reason,
                       size_t reason_size)
{
    (void)o;
    int rc = arc_input_text(out, data, len, "GB18030", reason, reason_size);
    if (rc == ARC_EPARSE)
        snprintf(reason, reason_size,
                 "，也不是 GB18030/GBK 文本；可用 --encoding 指定编码");
    return rc == ARC_EPARSE ? ARC_EENCODING : rc;
}

static const char *const text_ext[] = {".txt", ".md", ".text", NULL};

const arc_reader arc_reader_text = {"text", "文本（UTF-8、UTF-16、GB18030）",
                                    text_ext, NULL, read_text, decode_text};
