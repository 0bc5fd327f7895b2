/* convert.h - traditional to simplified folding for matching (OpenCC). The
 * only interface to OpenCC: convert.c is the one module including it. */
#ifndef ARC_CONVERT_H
#define ARC_CONVERT_H

#include <stddef.h>

typedef struct arc_t2s arc_t2s;

/* Opens OpenCC with `config` (e.g. "t2s.json").  Returns 0, ARC_ENOMEM or
 * ARC_EIO with OpenCC's message in `reason`. */
int arc_t2s_open(arc_t2s **out, const char *config, char *reason,
                 size_t reason_size);
void arc_t2s_close(arc_t2s *c);

/*
 * Folds text[0..len) to simplified characters in place, line by line.  A
 * line whose conversion changes its byte length (a phrase mapping) is
 * converted character by character instead, so that every byte keeps its
 * offset: findings still point at, and quote, the original text.
 * Returns 0 or ARC_ENOMEM.  Thread-safe for one arc_t2s.
 */
int arc_t2s_fold(const arc_t2s *c, char *text, size_t len);

#endif
