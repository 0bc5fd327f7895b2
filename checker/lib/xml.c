/* xml.c - libxml2 behind xml.h.  The only module that includes libxml2. */
#include "xml.h"

#include "archeck.h"

#include <libxml/HTMLparser.h>
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xmlreader.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct arc_xml {
    xmlDocPtr doc;
    xmlChar *attr; /* last attribute value handed out */
};

/* libxml2 must be initialised once before threads parse concurrently. */
static pthread_once_t once = PTHREAD_ONCE_INIT;

static void init(void)
{
    xmlInitParser();
}

/* libxml2 reports errors through a global callback; silence it so that
 * the library never prints (errors are returned instead). */
static void quiet(void *ctx, const char *msg, ...)
{
    (void)ctx;
    (void)msg;
}

/* libxml2's last error of this thread, without its trailing newline. */
static void last_error(char *reason, size_t size)
{
    const xmlError *e = xmlGetLastError();
    snprintf(reason, size, "%s", e && e->message ? e->message : "无法解析");
    size_t n = strlen(reason);
    while (n && (reason[n - 1] == '\n' || reason[n - 1] == ' '))
        reason[--n] = '\0';
}

int arc_xml_parse(arc_xml **out, const char *data, size_t len, int kind,
                  char *reason, size_t reason_size)
{
    return arc_xml_parse_enc(out, data, len, kind, NULL, reason, reason_size);
}

int arc_xml_parse_enc(arc_xml **out, const char *data, size_t len, int kind,
                      const char *encoding, char *reason, size_t reason_size)
{
    *out = NULL;
    pthread_once(&once, init);
    if (len > (size_t)0x7FFFFFFF) {
        snprintf(reason, reason_size, "文件过大");
        return ARC_EPARSE;
    }
    xmlSetGenericErrorFunc(NULL, quiet);
    xmlDocPtr doc;
    if (kind == ARC_XML_HTML)
        doc = htmlReadMemory(data, (int)len, NULL, encoding,
                             HTML_PARSE_NONET | HTML_PARSE_NOERROR |
                                 HTML_PARSE_NOWARNING | HTML_PARSE_RECOVER);
    else
        /* No XML_PARSE_NOENT (entities stay references), no DTD loading,
         * no network: XXE and entity expansion bombs have nothing to use. */
        doc = xmlReadMemory(data, (int)len, NULL, encoding,
                            XML_PARSE_NONET | XML_PARSE_NOERROR |
                                XML_PARSE_NOWARNING | XML_PARSE_NOCDATA);
    if (!doc || !xmlDocGetRootElement(doc)) {
        last_error(reason, reason_size);
        xmlFreeDoc(doc);
        return ARC_EPARSE;
    }
    arc_xml *x = calloc(1, sizeof *x);
    if (!x) {
        xmlFreeDoc(doc);
        return ARC_ENOMEM;
    }
    x->doc = doc;
    *out = x;
    return 0;
}

void arc_xml_free(arc_xml *x)
{
    if (!x)
        return;
    xmlFree(x->attr);
    xmlFreeDoc(x->doc);
    free(x);
}

const arc_xml_node *arc_xml_root(const arc_xml *x)
{
    return (const arc_xml_node *)xmlDocGetRootElement(x->doc);
}

const arc_xml_node *arc_xml_first_child(const arc_xml_node *n)
{
    return n ? (const arc_xml_node *)((const xmlNode *)n)->children : NULL;
}

const arc_xml_node *arc_xml_next(const arc_xml_node *n)
{
    return n ? (const arc_xml_node *)((const xmlNode *)n)->next : NULL;
}

const arc_xml_node *arc_xml_parent(const arc_xml_node *n)
{
    const xmlNode *p = n ? ((const xmlNode *)n)->parent : NULL;
    return p && p->type == XML_ELEMENT_NODE ? (const arc_xml_node *)p : NULL;
}

int arc_xml_is_element(const arc_xml_node *n)
{
    return n && ((const xmlNode *)n)->type == XML_ELEMENT_NODE;
}

int arc_xml_is_text(const arc_xml_node *n)
{
    return n && (((const xmlNode *)n)->type == XML_TEXT_NODE ||
                 ((const xmlNode *)n)->type == XML_CDATA_SECTION_NODE);
}

const char *arc_xml_name(const arc_xml_node *n)
{
    return arc_xml_is_element(n) ? (const char *)((const xmlNode *)n)->name
                                 : "";
}

const char *arc_xml_text(const arc_xml_node *n)
{
    const xmlNode *x = (const xmlNode *)n;
    return arc_xml_is_text(n) && x->content ? (const char *)x->content : "";
}

const char *arc_xml_attr(const arc_xml *x, const arc_xml_node *n,
                         const char *name)
{
    if (!arc_xml_is_element(n))
        return NULL;
    for (const xmlAttr *a = ((const xmlNode *)n)->properties; a; a = a->next)
        if (strcmp((const char *)a->name, name) == 0) {
            xmlFree(((arc_xml *)x)->attr);
            ((arc_xml *)x)->attr =
                xmlNodeListGetString(((arc_xml *)x)->doc, a->children, 1);
            return ((arc_xml *)x)->attr ? (const char *)((arc_xml *)x)->attr
                                        : "";
        }
    return NULL;
}

const arc_xml_node *arc_xml_find(const arc_xml_node *n, const char *name)
{
    for (const arc_xml_node *c = arc_xml_first_child(n); c;
         c = arc_xml_next(c)) {
        if (!arc_xml_is_element(c))
            continue;
        if (strcmp(arc_xml_name(c), name) == 0)
            return c;
        const arc_xml_node *d = arc_xml_find(c, name);
        if (d)
            return d;
    }
    return NULL;
}

/* ------------------------------------------------------------ streaming */

struct arc_xml_reader {
    xmlTextReaderPtr reader;
    arc_xml x; /* for arc_xml_attr on expanded nodes; its doc is the
                  reader's, never freed here */
    char error[256]; /* the first error: later ones follow from it */
};

/* Keeps the first error the reader reports (it may report several, the
 * last of which says less, e.g. "Extra content" after a cut-off tag). */
static void reader_error(void *ud, xmlErrorPtr e)
{
    arc_xml_reader *r = ud;
    if (!r->error[0] && e && e->message && e->level >= XML_ERR_ERROR) {
        snprintf(r->error, sizeof r->error, "%s", e->message);
        size_t n = strlen(r->error);
        while (n && (r->error[n - 1] == '\n' || r->error[n - 1] == ' '))
            r->error[--n] = '\0';
    }
}

int arc_xml_reader_open(arc_xml_reader **out, arc_xml_input input, void *ud)
{
    *out = NULL;
    pthread_once(&once, init);
    xmlSetGenericErrorFunc(NULL, quiet);
    arc_xml_reader *r = calloc(1, sizeof *r);
    if (!r)
        return ARC_ENOMEM;
    xmlResetLastError();
    /* As arc_xml_parse: no entity expansion, DTD loading or network. */
    r->reader = xmlReaderForIO(input, NULL, ud, NULL, NULL,
                               XML_PARSE_NONET | XML_PARSE_NOERROR |
                                   XML_PARSE_NOWARNING | XML_PARSE_NOCDATA);
    if (!r->reader) {
        free(r);
        return ARC_ENOMEM;
    }
    xmlTextReaderSetStructuredErrorHandler(r->reader, reader_error, r);
    *out = r;
    return 0;
}

void arc_xml_reader_free(arc_xml_reader *r)
{
    if (!r)
        return;
    xmlFree(r->x.attr);
    xmlFreeTextReader(r->reader);
    free(r);
}

static int moved(arc_xml_reader *r, int k, char *reason, size_t size)
{
    if (k >= 0)
        return k > 0;
    if (r->error[0])
        snprintf(reason, size, "%s", r->error);
    else
        last_error(reason, size);
    return ARC_EPARSE;
}

int arc_xml_reader_next(arc_xml_reader *r, char *reason, size_t size)
{
    return moved(r, xmlTextReaderRead(r->reader), reason, size);
}

int arc_xml_reader_skip(arc_xml_reader *r, char *reason, size_t size)
{
    return moved(r, xmlTextReaderNext(r->reader), reason, size);
}

int arc_xml_reader_is_start(arc_xml_reader *r)
{
    return xmlTextReaderNodeType(r->reader) == XML_READER_TYPE_ELEMENT;
}

const char *arc_xml_reader_name(arc_xml_reader *r)
{
    const xmlChar *n = arc_xml_reader_is_start(r)
                           ? xmlTextReaderConstLocalName(r->reader)
                           : NULL;
    return n ? (const char *)n : "";
}

int arc_xml_reader_depth(arc_xml_reader *r)
{
    return xmlTextReaderDepth(r->reader);
}

const arc_xml_node *arc_xml_reader_expand(arc_xml_reader *r, char *reason,
                                          size_t size)
{
    xmlNodePtr n = xmlTextReaderExpand(r->reader);
    if (!n) {
        moved(r, -1, reason, size);
        return NULL;
    }
    r->x.doc = n->doc;
    return (const arc_xml_node *)n;
}

const arc_xml *arc_xml_reader_doc(arc_xml_reader *r)
{
    return &r->x;
}
