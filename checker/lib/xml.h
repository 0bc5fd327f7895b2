/* xml.h - XML and HTML documents as a read-only tree, parsed safely (no
 * network, no external entities or DTDs, entity references not expanded).
 * The only interface to libxml2: xml.c is the one module including it. */
#ifndef ARC_XML_H
#define ARC_XML_H

#include <stddef.h>

typedef struct arc_xml arc_xml;
typedef struct arc_xml_node arc_xml_node; /* borrowed from its arc_xml */

enum { ARC_XML_XML = 0, ARC_XML_HTML = 1 };

/*
 * Parses data as XML (kind ARC_XML_XML) or HTML (ARC_XML_HTML: recovers
 * from broken markup; the encoding comes from a BOM or <meta charset>).
 * Returns 0, ARC_ENOMEM, or ARC_EPARSE with a short reason in `reason`.
 */
int arc_xml_parse(arc_xml **out, const char *data, size_t len, int kind,
                  char *reason, size_t reason_size);
/* The same with the encoding given (an iconv name such as "GB18030"),
 * for bytes that neither a BOM nor a declaration describe; NULL = detect. */
int arc_xml_parse_enc(arc_xml **out, const char *data, size_t len, int kind,
                      const char *encoding, char *reason, size_t reason_size);
void arc_xml_free(arc_xml *x);

const arc_xml_node *arc_xml_root(const arc_xml *x);
const arc_xml_node *arc_xml_first_child(const arc_xml_node *n);
const arc_xml_node *arc_xml_next(const arc_xml_node *n);
const arc_xml_node *arc_xml_parent(const arc_xml_node *n);

int arc_xml_is_element(const arc_xml_node *n);
int arc_xml_is_text(const arc_xml_node *n); /* text or CDATA */

/* Local name of an element (lower case as written; HTML names are lower
 * case), or "" for other nodes. */
const char *arc_xml_name(const arc_xml_node *n);

/* Content of a text node (UTF-8), or "" for other nodes. */
const char *arc_xml_text(const arc_xml_node *n);

/* Value of the attribute with this local name (any namespace), or NULL.
 * Borrowed: valid until the next arc_xml_attr call on the same arc_xml. */
const char *arc_xml_attr(const arc_xml *x, const arc_xml_node *n,
                         const char *name);

/* First descendant element (depth first, n excluded) with this local name,
 * or NULL. */
const arc_xml_node *arc_xml_find(const arc_xml_node *n, const char *name);

/* ------------------------------------------------------------ streaming */

/*
 * A document read as a stream of nodes (libxml2's xmlReader) instead of a
 * tree: only the element being looked at is kept, so memory does not grow
 * with the document.  Parsed with the same safe options as arc_xml_parse.
 */
typedef struct arc_xml_reader arc_xml_reader;

/* Supplies input: up to n bytes into buf; returns the count, 0 at the end
 * of the input, -1 to stop with an error. */
typedef int (*arc_xml_input)(void *ud, char *buf, int n);

/* Returns 0 or ARC_ENOMEM. */
int arc_xml_reader_open(arc_xml_reader **out, arc_xml_input input,
                        void *ud);
void arc_xml_reader_free(arc_xml_reader *r);

/* Moves to the next node in document order (arc_xml_reader_next) or past
 * the current node and all it contains (arc_xml_reader_skip).  Returns 1,
 * 0 at the end of the document, or ARC_EPARSE with libxml2's reason. */
int arc_xml_reader_next(arc_xml_reader *r, char *reason, size_t size);
int arc_xml_reader_skip(arc_xml_reader *r, char *reason, size_t size);

/* Is the current node the start of an element?  Its local name ("" for
 * other nodes) and depth (0: the root element). */
int arc_xml_reader_is_start(arc_xml_reader *r);
const char *arc_xml_reader_name(arc_xml_reader *r);
int arc_xml_reader_depth(arc_xml_reader *r);

/* Reads the whole current element and returns it as a subtree for the tree
 * functions above (arc_xml_attr with arc_xml_reader_doc(r)); valid until
 * the reader moves.  NULL with ARC_EPARSE's reason when it is broken. */
const arc_xml_node *arc_xml_reader_expand(arc_xml_reader *r, char *reason,
                                          size_t size);

/* The handle to pass to arc_xml_attr for expanded nodes (owned by r). */
const arc_xml *arc_xml_reader_doc(arc_xml_reader *r);

#endif
