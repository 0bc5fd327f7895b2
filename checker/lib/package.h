/* package.h - zip packages read from memory under limits (the .docx, .odt
 * and .ofd readers, annotated copies) and written back (annotated copies).
 * package.c is the one module that includes libzip. */
#ifndef ARC_PACKAGE_H
#define ARC_PACKAGE_H

#include <stddef.h>

typedef struct arc_pkg arc_pkg;
typedef struct arc_pkg_stream arc_pkg_stream;

/* What opening a package allows: archives are not trusted, neither the
 * number of entries nor the sizes they declare. */
typedef struct {
    size_t max_bytes;   /* decompressed over all reads of the package */
    size_t max_entries; /* entries in its directory; 0: any number */
    const char *label;  /* begins the reasons that say the file is broken
                           ("不是有效的 Word 文档："); NULL: none */
} arc_pkg_limits;

/*
 * Opens the zip archive in data[0..len), which is borrowed and must outlive
 * the package; `lim` is read during the call (its label is kept borrowed).
 * Refuses an empty file, more entries than allowed and any encrypted
 * entry.  Returns 0, ARC_ENOMEM, or ARC_EPARSE with a Chinese reason
 * (empty, cut short, not a zip, broken, encrypted, too many entries).
 */
int arc_pkg_open(arc_pkg **out, const char *data, size_t len,
                 const arc_pkg_limits *lim, char *reason, size_t reason_size);
void arc_pkg_close(arc_pkg *p);

/* Does the package hold entry `name` (exactly, else in any case: OPC names
 * are case-insensitive, and ODF/OFD producers are not always consistent)? */
int arc_pkg_has(const arc_pkg *p, const char *name);

/* Reads entry `name`: *out malloc'd and NUL-terminated (not counted in
 * *len), NULL when the entry is absent.  The bytes decompressed count
 * against the package's limit; max_part (0: none) also caps this entry.
 * Returns 0, ARC_ENOMEM or ARC_EPARSE (reason). */
int arc_pkg_read(arc_pkg *p, const char *name, size_t max_part, char **out,
                 size_t *len, char *reason, size_t reason_size);

/* Opens entry `name` to be read in pieces (a part too large to hold as a
 * tree); *out stays NULL when the entry is absent.  Returns 0, ARC_ENOMEM
 * or ARC_EPARSE (reason). */
int arc_pkg_stream_open(arc_pkg_stream **out, arc_pkg *p, const char *name,
                        char *reason, size_t reason_size);

/* Reads up to n bytes of the stream into buf, with the signature of
 * arc_xml_reader's input: the count, 0 at the end, -1 on a broken entry or
 * past the package's limit (the cause is kept for arc_pkg_stream_close). */
int arc_pkg_stream_read(void *stream, char *buf, int n);

/* Closes the stream (NULL: no-op).  With `drain`, reads on to the end
 * first, so that an entry over the limit is refused as such even when its
 * consumer stopped early.  Returns 0, or ARC_ENOMEM/ARC_EPARSE with the
 * reason reading stopped (over the limit, broken entry). */
int arc_pkg_stream_close(arc_pkg_stream *s, int drain, char *reason,
                         size_t reason_size);

/* A part to write: its name in the package and its bytes (borrowed). */
typedef struct {
    const char *name;
    const char *data;
    size_t len;
} arc_pkg_part;

/*
 * The package with `parts` written into it: a part whose name the package
 * holds replaces that entry in place (same position, same time stamp), the
 * others are added at the end.  Every other entry is copied as stored, its
 * compressed bytes unchanged.  *out is malloc'd.
 */
int arc_pkg_rewrite(arc_pkg *p, const arc_pkg_part *parts, size_t n,
                    char **out, size_t *outlen, char *reason,
                    size_t reason_size);

/* A new package holding `parts` in this order (deflated, fixed time
 * stamps, so that equal parts give equal bytes).  *out is malloc'd. */
int arc_pkg_create(const arc_pkg_part *parts, size_t n, char **out,
                   size_t *outlen, char *reason, size_t reason_size);

#endif
