/* node.h - a parsed YAML document as a plain tree with source positions, so
 * that rule kinds can read their parameters without seeing libyaml. */
#ifndef ARC_NODE_H
#define ARC_NODE_H

#include "archeck.h"
#include "regex.h"
#include "util.h"

#include <stddef.h>

typedef enum { ARC_NODE_SCALAR, ARC_NODE_SEQ, ARC_NODE_MAP } arc_node_type;

typedef struct arc_node arc_node;
struct arc_node {
    arc_node_type type;
    int line;     /* 1-based */
    int column;   /* 1-based, in characters */
    int quoted;   /* scalar written with quotes or as a block */
    int verbatim; /* the scalar's text is exactly its source text */
    char *value;  /* scalar text */
    size_t len;
    size_t n;           /* items of a sequence or pairs of a mapping */
    arc_node **items;   /* sequence items / mapping values */
    arc_node **keys;    /* mapping keys (scalars) */
};

/* Where a node came from, for error messages. */
typedef struct {
    const char *file;
    const char *rule; /* rule id being loaded, or NULL */
    arc_error *err;
} arc_load_ctx;

/* Parses YAML text into a tree (the first document only). */
int arc_node_parse(arc_node **out, const char *yaml, size_t len,
                   const arc_load_ctx *cx);
void arc_node_free(arc_node *n);

/* Value of `key` in mapping `map`, or NULL. */
const arc_node *arc_node_get(const arc_node *map, const char *key);

/* Fails with the node's position and `what` ("应为…"). */
int arc_node_fail(const arc_load_ctx *cx, const arc_node *n, const char *fmt,
                  ...) ARC_PRINTF(3, 4);

/* Checks that `map` is a mapping whose keys all appear in one of the
 * NULL-terminated lists (either may be NULL). */
int arc_node_keys(const arc_load_ctx *cx, const arc_node *map,
                  const char *const *allowed, const char *const *allowed2);

/* Scalar accessors.  A missing optional key leaves *out untouched. */
int arc_node_str(const arc_load_ctx *cx, const arc_node *map, const char *key,
                 int required, char **out);
int arc_node_int(const arc_load_ctx *cx, const arc_node *map, const char *key,
                 int required, long min, long max, long *out);
int arc_node_bool(const arc_load_ctx *cx, const arc_node *map,
                  const char *key, int *out);
/* A number in (0, 1] (a share: 0.05, 1). */
int arc_node_fraction(const arc_load_ctx *cx, const arc_node *map,
                      const char *key, int required, double *out);

/* A list of strings (a single scalar counts as a list of one). */
int arc_node_strs(const arc_load_ctx *cx, const arc_node *map, const char *key,
                  int required, char ***out, size_t *n);
void arc_strs_free(char **v, size_t n);

/* Item i of a list node, or the node itself when it is a single scalar
 * (for pointing errors at the offending item). */
const arc_node *arc_node_item(const arc_node *list, size_t i);

/* Compiles a scalar as a PCRE2 pattern; errors point into the pattern. */
int arc_node_regex(const arc_load_ctx *cx, const arc_node *n, arc_regex **out);

/* As arc_node_regex with ARC_REGEX_* flags (regex.h). */
int arc_node_regex_ex(const arc_load_ctx *cx, const arc_node *n,
                      unsigned flags, arc_regex **out);

/* Checks a scalar compiles as a pattern (errors as arc_node_regex)
 * without keeping it. */
int arc_node_regex_check(const arc_load_ctx *cx, const arc_node *n);

/* Optional pattern under `key` (NULL when absent). */
int arc_node_regex_key(const arc_load_ctx *cx, const arc_node *map,
                       const char *key, int required, arc_regex **out);

/* A key-word group: a list of literal words compiled to one alternation. */
int arc_node_words(const arc_load_ctx *cx, const arc_node *n, arc_regex **out);

#endif
