/* load.c - the read stage: picks the reader for a file's bytes (readers.c),
 * runs it, and parses what it produced into the document structure. */
#include "load.h"

#include "text.h"
#include "util.h"

#include <stdlib.h>
#include <string.h>

int arc_load_bytes(arc_doc **doc, arc_input *in, const char **format,
                   const char *path, const char *data, size_t len,
                   const arc_load_opts *lo, const arc_parse_opts *po,
                   arc_error *err)
{
    *doc = NULL;
    memset(in, 0, sizeof *in);
    char reason[512] = "";
    const arc_reader *rd = arc_reader_for(path, data, len);
    if (format)
        *format = rd->name;
    int rc = rd->read(in, data, len, lo, reason, sizeof reason);
    if (rc == ARC_ENOMEM)
        return arc_err_nomem(err);
    if (rc)
        return arc_err(err, rc == ARC_EENCODING ? ARC_EENCODING : ARC_EPARSE,
                       path, 0, 0, "%s", reason);
    arc_error e2;
    rc = arc_doc_parse_input(doc, path, in, po, &e2);
    if (rc != ARC_EENCODING || !in->unvalidated || !rd->fallback) {
        if (rc && err)
            *err = e2;
        if (rc)
            arc_input_free(in);
        return rc;
    }
    /* The bytes were handed over unchecked and are not UTF-8: decode. */
    arc_input_free(in);
    rc = rd->fallback(in, data, len, lo, reason, sizeof reason);
    if (!rc)
        rc = arc_doc_parse_input(doc, path, in, po, err);
    else if (rc == ARC_EENCODING)
        /* Neither UTF-8 nor the fallback: point at the first byte that is
         * not UTF-8, the likelier intent. */
        rc = arc_doc_encoding_error(path, data, len,
                                    arc_utf8_validate(data, len), reason, err);
    else if (rc == ARC_ENOMEM)
        rc = arc_err_nomem(err);
    else
        rc = arc_err(err, ARC_EPARSE, path, 0, 0, "%s", reason);
    if (rc)
        arc_input_free(in);
    return rc;
}

int arc_doc_load(arc_doc **out, const char *path, const arc_load_opts *lo,
                 arc_error *err)
{
    *out = NULL;
    char *data;
    size_t len;
    int rc = arc_read_file(&data, &len, path,
                           lo && lo->max_file_size ? lo->max_file_size
                                                   : ARC_DEFAULT_MAX_FILE_SIZE,
                           err);
    if (rc)
        return rc;
    arc_input in;
    rc = arc_load_bytes(out, &in, NULL, path, data, len, lo, NULL, err);
    if (!rc)
        arc_input_free(&in);
    free(data);
    return rc;
}
