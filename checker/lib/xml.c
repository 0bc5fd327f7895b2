/* xml.c - libxml2 behind xml.h.  The only module that includes libxml2. */
#include "xml.h"

#include "archeck.h"

#include <libxml/HTMLparser.h>
#include <libxml/parser.h>
#include <libxml/tree.h>
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
        const xmlError *e = xmlGetLastError();
        snprintf(reason, reason_size, "%s",
                 e && e->message ? e->message : "无法解析");
        size_t n = strlen(reason);
        while (n && (reason[n - 1] == '\n' || reason[n - 1] == ' '))
            reason[--n] = '\0';
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
