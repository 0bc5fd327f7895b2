/* load.c - reads a report file in whatever format it comes and parses it:
 * the format readers (input_*.c) produce UTF-8 text, doc_parse the rest. */
#include "rules.h"

#include "doc.h"
#include "input.h"
#include "text.h"
#include "util.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

enum { TEXT, DOCX, HTML };

static int ends_with(const char *path, const char *ext)
{
    size_t n = strlen(path), k = strlen(ext);
    return n >= k && strcasecmp(path + n - k, ext) == 0;
}

/* The name decides; an unknown name is sniffed (a zip is a Word file, a
 * document opening with <html or <!doctype html is a web page). */
static int format_of(const char *path, const char *data, size_t len)
{
    if (ends_with(path, ".docx"))
        return DOCX;
    if (ends_with(path, ".html") || ends_with(path, ".htm"))
        return HTML;
    if (ends_with(path, ".txt") || ends_with(path, ".md"))
        return TEXT;
    if (len >= 4 && memcmp(data, "PK\x03\x04", 4) == 0)
        return DOCX;
    size_t i = 0;
    if (len >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0)
        i = 3;
    while (i < len && (data[i] == ' ' || data[i] == '\n' || data[i] == '\r' ||
                       data[i] == '\t'))
        i++;
    if (len - i >= 5 && (strncasecmp(data + i, "<html", 5) == 0 ||
                         (len - i >= 14 &&
                          strncasecmp(data + i, "<!doctype html", 14) == 0)))
        return HTML;
    return TEXT;
}

int arc_doc_load_with(arc_doc **out, const char *path, const arc_ruleset *rs,
                      const arc_load_opts *lo, arc_error *err)
{
    static const arc_load_opts defaults = {NULL, 0, 0};
    if (!lo)
        lo = &defaults;
    *out = NULL;
    char *data;
    size_t len;
    int rc = arc_read_file(&data, &len, path, err);
    if (rc)
        return rc;
    arc_input in;
    memset(&in, 0, sizeof in);
    char reason[512] = "";
    int fmt = format_of(path, data, len);
    if (fmt == DOCX) {
        arc_input_limits lim = {
            lo->max_uncompressed ? lo->max_uncompressed : (size_t)256 << 20,
            lo->max_entries ? lo->max_entries : 10000};
        rc = arc_input_docx(&in, data, len, &lim, reason, sizeof reason);
    } else if (fmt == HTML) {
        rc = arc_input_html(&in, data, len, reason, sizeof reason);
    } else if (lo->encoding || (len >= 2 && (((unsigned char)data[0] == 0xFF &&
                                              (unsigned char)data[1] == 0xFE) ||
                                             ((unsigned char)data[0] == 0xFE &&
                                              (unsigned char)data[1] == 0xFF)))) {
        rc = arc_input_text(&in, data, len, lo->encoding, reason,
                            sizeof reason);
    } else {
        /* UTF-8 text, the common case: parsed as read (validated in the
         * same pass); only if it is not UTF-8 is it decoded. */
        arc_error e2;
        rc = arc_doc_parse_opts(out, path, data, len, rs ? &rs->doc : NULL,
                                NULL, &e2);
        if (rc != ARC_EENCODING) {
            if (rc && err)
                *err = e2;
            free(data);
            return rc;
        }
        rc = arc_input_text(&in, data, len, NULL, reason, sizeof reason);
    }
    if (rc == ARC_EPARSE && fmt == TEXT && !lo->encoding) {
        /* Neither UTF-8 nor GB18030: point at the first byte that is not
         * UTF-8, the likelier intent. */
        rc = arc_doc_encoding_error(path, data, len,
                                    arc_utf8_validate(data, len),
                                    "，也不是 GB18030/GBK 文本；可用 --encoding "
                                    "指定编码",
                                    err);
        free(data);
        return rc;
    }
    free(data);
    if (rc == ARC_ENOMEM)
        return arc_err_nomem(err);
    if (rc)
        return arc_err(err, rc == ARC_EIO ? ARC_EIO : ARC_EPARSE, path, 0, 0,
                       "%s", reason);
    rc = arc_doc_parse_opts(out, path, in.text, in.len, rs ? &rs->doc : NULL,
                            &in, err);
    arc_input_free(&in);
    return rc;
}

int arc_doc_load(arc_doc **out, const char *path, const arc_ruleset *rs,
                 arc_error *err)
{
    return arc_doc_load_with(out, path, rs, NULL, err);
}
