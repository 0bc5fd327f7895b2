/* load.h - the read stage of the pipeline. */
#ifndef ARC_LOAD_H
#define ARC_LOAD_H

#include "doc.h"
#include "input.h"

/*
 * Reads data[0..len) (the bytes of `path`) with its reader and parses the
 * result.  On success *doc is the structure and *in what the reader said
 * (metadata; free it with arc_input_free while data is still valid);
 * *format (may be NULL) names the reader.  On failure nothing is left to
 * free and err says why (ARC_EPARSE with the reader's reason,
 * ARC_EENCODING with a position, ARC_ENOMEM).  Once dl (may be NULL) has
 * passed, reading stops and fails with ARC_EPARSE and the time-limit
 * reason (dl->expired set).
 */
int arc_load_bytes(arc_doc **doc, arc_input *in, const char **format,
                   const char *path, const char *data, size_t len,
                   const arc_load_opts *lo, const arc_parse_opts *po,
                   arc_budget *dl, arc_error *err);

#endif
