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

int arc_doc_load_with(arc_doc **out, const char *path, const arc_ruleset *rs,
                      const arc_load_opts *lo, arc_error *err)
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
    memset(&in, 0, sizeof in);
    char reason[512] = "";
    const arc_reader *rd = arc_reader_for(path, data, len);
    rc = rd->read(&in, data, len, lo, reason, sizeof reason);
    const arc_doc_opts *dopts = rs ? &rs->doc : NULL;
    if (!rc) {
        arc_error e2;
        rc = arc_doc_parse_opts(out, path, in.text, in.len, dopts, &in, &e2);
        if (rc == ARC_EENCODING && in.unvalidated && rd->fallback) {
            arc_input_free(&in);
            rc = rd->fallback(&in, data, len, lo, reason, sizeof reason);
            if (!rc)
                rc = arc_doc_parse_opts(out, path, in.text, in.len, dopts,
                                        &in, err);
            else if (rc == ARC_EENCODING)
                /* Neither UTF-8 nor the fallback: point at the first byte
                 * that is not UTF-8, the likelier intent. */
                rc = arc_doc_encoding_error(path, data, len,
                                            arc_utf8_validate(data, len),
                                            reason, err);
        } else if (rc && err) {
            *err = e2;
        }
        arc_input_free(&in);
        free(data);
        return rc;
    }
    free(data);
    if (rc == ARC_ENOMEM)
        return arc_err_nomem(err);
    return arc_err(err, rc == ARC_EIO ? ARC_EIO : ARC_EPARSE, path, 0, 0,
                   "%s", reason);
}

int arc_doc_load(arc_doc **out, const char *path, const arc_ruleset *rs,
                 arc_error *err)
{
    return arc_doc_load_with(out, path, rs, NULL, err);
}
