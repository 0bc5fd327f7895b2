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
    if (!in->borrowed)
        free(in->text);
    free(in->title);
    free(in->published);
    free(in->unit);
    free(in->chrome);
    free(in->outline);
    free(in->page);
    memset(in, 0, sizeof *in);
}

int arc_input_append(arc_input *in, size_t *cap, const char *s, size_t n)
{
    /* The clock is read each time the text crosses 64 KiB. */
    if (in->budget && ((in->len + n) >> 16) != (in->len >> 16) &&
        arc_budget_check(in->budget, 1))
        return ARC_ENOMEM;
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
    if (arc_budget_check(in->budget, 256))
        return ARC_ENOMEM;
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
    if (in->cur_page) {
        size_t had = in->page ? in->nlines : 0;
        if (arc_grow((void **)&in->page, &in->pcap, in->nlines + 1,
                     sizeof *in->page))
            return ARC_ENOMEM;
        /* Lines ended before the first page mark belong to page 1. */
        for (size_t i = had; i < in->nlines; i++)
            in->page[i] = 1;
        in->page[in->nlines] = in->cur_page;
    }
    in->outline[in->nlines++] = outline;
    return arc_input_append(in, cap, "\n", 1);
}

arc_input_limits arc_input_limits_of(const arc_load_opts *o)
{
    arc_input_limits lim = {(size_t)256 << 20, 10000, NULL};
    if (o && o->max_uncompressed)
        lim.max_uncompressed = o->max_uncompressed;
    if (o && o->max_entries)
        lim.max_entries = o->max_entries;
    return lim;
}
