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

#endif
