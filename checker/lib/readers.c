/* readers.c - the table of input formats and how a file finds its reader.
 * Adding a format: one input_<fmt>.c defining an arc_reader, one row here. */
#include "input.h"

#include <string.h>
#include <strings.h>

const arc_reader *const arc_readers[] = {
    &arc_reader_doc, /* OLE2 files, encrypted .docx included */
    &arc_reader_ofd, /* zip packages: before docx, whose sniff claims */
    &arc_reader_odt, /* any zip */
    &arc_reader_rtf,
    &arc_reader_docx,
    &arc_reader_html,
    &arc_reader_pdf,
    &arc_reader_text, /* last: reads whatever no other reader claims */
    NULL,
};

static const char *extension(const char *path)
{
    const char *slash = strrchr(path, '/');
    const char *base = slash ? slash + 1 : path;
    const char *dot = strrchr(base, '.');
    return dot && dot != base ? dot : NULL;
}

const arc_reader *arc_reader_by_name(const char *path)
{
    const char *ext = extension(path);
    if (!ext)
        return NULL;
    for (const arc_reader *const *r = arc_readers; *r; r++)
        for (const char *const *e = (*r)->extensions; e && *e; e++)
            if (strcasecmp(ext, *e) == 0)
                return *r;
    return NULL;
}

const arc_reader *arc_reader_for(const char *path, const char *data,
                                 size_t len)
{
    const arc_reader *likely = NULL;
    for (const arc_reader *const *r = arc_readers; *r; r++) {
        int s = (*r)->sniff ? (*r)->sniff(data, len) : 0;
        if (s >= 2)
            return *r;
        if (s == 1 && !likely)
            likely = *r;
    }
    const arc_reader *by_name = arc_reader_by_name(path);
    if (by_name)
        return by_name;
    return likely ? likely : &arc_reader_text;
}

int arc_bytes_contain(const char *data, size_t len, const char *s)
{
    size_t k = strlen(s);
    if (!k || len < k)
        return k == 0;
    const char *p = data, *end = data + len - k + 1;
    while ((p = memchr(p, s[0], (size_t)(end - p))) != NULL) {
        if (memcmp(p, s, k) == 0)
            return 1;
        p++;
    }
    return 0;
}

size_t arc_reader_count(void)
{
    return sizeof arc_readers / sizeof arc_readers[0] - 1;
}

int arc_reader_info(size_t i, const char **name, const char **label,
                    const char *const **extensions)
{
    if (i >= arc_reader_count())
        return ARC_EINVAL;
    *name = arc_readers[i]->name;
    *label = arc_readers[i]->label;
    *extensions = arc_readers[i]->extensions;
    return 0;
}
