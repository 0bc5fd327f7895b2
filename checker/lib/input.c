/* input.c - shared helpers of the format readers. */
#include "input.h"

#include "archeck.h"
#include "util.h"

#include <stdlib.h>
#include <string.h>

void arc_input_free(arc_input *in)
{
    if (!in)
        return;
    free(in->text);
    free(in->title);
    free(in->published);
    free(in->unit);
    free(in->outline);
    memset(in, 0, sizeof *in);
}

int arc_input_append(arc_input *in, size_t *cap, const char *s, size_t n)
{
    if (arc_grow((void **)&in->text, cap, in->len + n + 1, 1))
        return ARC_ENOMEM;
    memcpy(in->text + in->len, s, n);
    in->len += n;
    in->text[in->len] = '\0';
    return 0;
}

int arc_input_end_line(arc_input *in, size_t *cap, size_t *ocap,
                       unsigned char outline, int keep_empty)
{
    size_t start = in->len;
    while (start > 0 && in->text[start - 1] != '\n')
        start--;
    size_t end = in->len;
    while (end > start && (in->text[end - 1] == ' ' ||
                           in->text[end - 1] == '\t' ||
                           in->text[end - 1] == '\r'))
        end--;
    in->len = end;
    if (in->text)
        in->text[end] = '\0';
    if (end == start && !keep_empty)
        return 0;
    if (arc_grow((void **)&in->outline, ocap, in->nlines + 1, 1))
        return ARC_ENOMEM;
    in->outline[in->nlines++] = outline;
    return arc_input_append(in, cap, "\n", 1);
}
