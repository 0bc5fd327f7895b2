/* convert.c - OpenCC behind convert.h. */
#include "convert.h"

#include "archeck.h"

#include <opencc/opencc.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct arc_t2s {
    opencc_t cc;
};

int arc_t2s_open(arc_t2s **out, const char *config, char *reason,
                 size_t reason_size)
{
    *out = NULL;
    opencc_t cc = opencc_open(config);
    if (cc == (opencc_t)-1) {
        snprintf(reason, reason_size, "%s", opencc_error());
        return ARC_EIO;
    }
    arc_t2s *c = malloc(sizeof *c);
    if (!c) {
        opencc_close(cc);
        return ARC_ENOMEM;
    }
    c->cc = cc;
    *out = c;
    return 0;
}

void arc_t2s_close(arc_t2s *c)
{
    if (!c)
        return;
    opencc_close(c->cc);
    free(c);
}

/* Converts s[0..n) and copies the result over it when the length is
 * unchanged; returns 1 when it was, 0 when not, -1 on failure. */
static int convert_same_length(const arc_t2s *c, char *s, size_t n)
{
    char *r = opencc_convert_utf8(c->cc, s, n);
    if (!r)
        return -1;
    int same = strlen(r) == n;
    if (same)
        memcpy(s, r, n);
    opencc_convert_utf8_free(r);
    return same;
}

static size_t char_len(unsigned char b)
{
    return b < 0x80 ? 1 : b < 0xE0 ? 2 : b < 0xF0 ? 3 : 4;
}

int arc_t2s_fold(const arc_t2s *c, char *text, size_t len)
{
    size_t s = 0;
    while (s < len) {
        char *nl = memchr(text + s, '\n', len - s);
        size_t e = nl ? (size_t)(nl - text) : len;
        int rc = e > s ? convert_same_length(c, text + s, e - s) : 1;
        if (rc < 0)
            return ARC_ENOMEM;
        for (size_t i = s; !rc && i < e;) {
            /* A phrase changed the length: fold characters one by one. */
            size_t k = char_len((unsigned char)text[i]);
            if (k > 1 && convert_same_length(c, text + i, k) < 0)
                return ARC_ENOMEM;
            i += k;
        }
        s = e + 1;
    }
    return 0;
}
