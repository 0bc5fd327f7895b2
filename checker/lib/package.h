/* package.h - zip packages (Office Open XML) read from memory and written
 * back: what annotated copies need.  package.c is the one module that
 * writes zip archives; it and the Word reader (input_docx.c) are the two
 * that include libzip. */
#ifndef ARC_PACKAGE_H
#define ARC_PACKAGE_H

#include <stddef.h>

typedef struct arc_pkg arc_pkg;

/*
 * Opens the zip archive in data[0..len), which is borrowed and must outlive
 * the package.  At most `max_bytes` are decompressed over all reads (the
 * sizes an archive declares are not trusted).  Returns 0, ARC_ENOMEM, or
 * ARC_EPARSE with a Chinese reason (broken, encrypted).
 */
int arc_pkg_open(arc_pkg **out, const char *data, size_t len,
                 size_t max_bytes, char *reason, size_t reason_size);
void arc_pkg_close(arc_pkg *p);

/* Does the package hold entry `name` (case-insensitive, as OPC part names
 * are)? */
int arc_pkg_has(const arc_pkg *p, const char *name);

/* Reads entry `name`: *out malloc'd and NUL-terminated (not counted in
 * *len), NULL when the entry is absent.  Returns 0, ARC_ENOMEM or
 * ARC_EPARSE (reason). */
int arc_pkg_read(arc_pkg *p, const char *name, char **out, size_t *len,
                 char *reason, size_t reason_size);

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
