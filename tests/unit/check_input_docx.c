/* check_input_docx.c - the .docx reader (input_docx.c).  The .docx files are
 * built here from XML strings by a minimal zip writer (stored entries),
 * since only input_docx.c may include libzip. */
#include "input.h"
#include "testutil.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* ---------------------------------------------------------- zip writer */

typedef struct {
    const char *name;
    const char *data;
    unsigned flags; /* general purpose bit flags (bit 0: encrypted) */
} entry;

typedef struct {
    unsigned char *p;
    size_t len, cap;
} bytes;

static void put(bytes *b, const void *s, size_t n)
{
    if (b->len + n > b->cap) {
        b->cap = (b->len + n) * 2 + 64;
        b->p = realloc(b->p, b->cap);
        ck_assert_ptr_nonnull(b->p);
    }
    memcpy(b->p + b->len, s, n);
    b->len += n;
}

static void put16(bytes *b, unsigned v)
{
    unsigned char c[2] = {(unsigned char)v, (unsigned char)(v >> 8)};
    put(b, c, 2);
}

static void put32(bytes *b, uint32_t v)
{
    unsigned char c[4] = {(unsigned char)v, (unsigned char)(v >> 8),
                          (unsigned char)(v >> 16), (unsigned char)(v >> 24)};
    put(b, c, 4);
}

static uint32_t crc32_of(const char *s, size_t n)
{
    uint32_t crc = 0xFFFFFFFFu;
    for (size_t i = 0; i < n; i++) {
        crc ^= (unsigned char)s[i];
        for (int k = 0; k < 8; k++)
            crc = crc & 1 ? (crc >> 1) ^ 0xEDB88320u : crc >> 1;
    }
    return ~crc;
}

/* A zip archive of stored (uncompressed) entries; free the result. */
static unsigned char *make_zip(const entry *e, size_t n, size_t *len)
{
    bytes b = {0};
    uint32_t *offset = calloc(n ? n : 1, sizeof *offset);
    ck_assert_ptr_nonnull(offset);
    for (size_t i = 0; i < n; i++) {
        size_t nl = strlen(e[i].name), dl = strlen(e[i].data);
        offset[i] = (uint32_t)b.len;
        put32(&b, 0x04034b50u);
        put16(&b, 20);          /* version needed */
        put16(&b, e[i].flags);
        put16(&b, 0);           /* stored */
        put16(&b, 0);           /* time */
        put16(&b, 0x21);        /* date: 1980-01-01 */
        put32(&b, crc32_of(e[i].data, dl));
        put32(&b, (uint32_t)dl);
        put32(&b, (uint32_t)dl);
        put16(&b, (unsigned)nl);
        put16(&b, 0);           /* extra */
        put(&b, e[i].name, nl);
        put(&b, e[i].data, dl);
    }
    size_t cd = b.len;
    for (size_t i = 0; i < n; i++) {
        size_t nl = strlen(e[i].name), dl = strlen(e[i].data);
        put32(&b, 0x02014b50u);
        put16(&b, 20); /* made by */
        put16(&b, 20); /* needed */
        put16(&b, e[i].flags);
        put16(&b, 0);
        put16(&b, 0);
        put16(&b, 0x21);
        put32(&b, crc32_of(e[i].data, dl));
        put32(&b, (uint32_t)dl);
        put32(&b, (uint32_t)dl);
        put16(&b, (unsigned)nl);
        put16(&b, 0); /* extra */
        put16(&b, 0); /* comment */
        put16(&b, 0); /* disk */
        put16(&b, 0); /* internal attributes */
        put32(&b, 0); /* external attributes */
        put32(&b, offset[i]);
        put(&b, e[i].name, nl);
    }
    size_t cdlen = b.len - cd;
    put32(&b, 0x06054b50u);
    put16(&b, 0);
    put16(&b, 0);
    put16(&b, (unsigned)n);
    put16(&b, (unsigned)n);
    put32(&b, (uint32_t)cdlen);
    put32(&b, (uint32_t)cd);
    put16(&b, 0);
    free(offset);
    *len = b.len;
    return b.p;
}

/* ------------------------------------------------------------- helpers */

#define W_NS                                                                 \
    "xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\""
#define XML_DECL                                                             \
    "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>"
#define DOC(body)                                                            \
    XML_DECL "<w:document " W_NS "><w:body>" body "</w:body></w:document>"
#define STYLES(s) XML_DECL "<w:styles " W_NS ">" s "</w:styles>"
#define NUMBERING(s) XML_DECL "<w:numbering " W_NS ">" s "</w:numbering>"
#define P(text) "<w:p><w:r><w:t>" text "</w:t></w:r></w:p>"
/* A paragraph with direct numbering. */
#define NP(num, lvl, text)                                                   \
    "<w:p><w:pPr><w:numPr><w:ilvl w:val=\"" #lvl "\"/><w:numId w:val=\"" #num \
    "\"/></w:numPr></w:pPr><w:r><w:t>" text "</w:t></w:r></w:p>"
/* A paragraph in style `st`. */
#define SP(st, text)                                                         \
    "<w:p><w:pPr><w:pStyle w:val=\"" st "\"/></w:pPr><w:r><w:t>" text        \
    "</w:t></w:r></w:p>"
/* A list level. */
#define LVL(i, fmt, text, start)                                             \
    "<w:lvl w:ilvl=\"" #i "\"><w:start w:val=\"" #start "\"/><w:numFmt "     \
    "w:val=\"" fmt "\"/><w:lvlText w:val=\"" text "\"/></w:lvl>"

#define CONTENT_TYPES                                                        \
    XML_DECL "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/" \
             "content-types\"/>"

static const arc_input_limits big = {(size_t)64 << 20, 100};

/* Builds a .docx from its parts (NULL: left out) and reads it. */
static int read_parts(arc_input *in, const char *document, const char *styles,
                      const char *numbering, const arc_input_limits *lim,
                      char *reason, size_t reason_size)
{
    entry e[4];
    size_t n = 0;
    e[n++] = (entry){"[Content_Types].xml", CONTENT_TYPES, 0};
    if (styles)
        e[n++] = (entry){"word/styles.xml", styles, 0};
    if (numbering)
        e[n++] = (entry){"word/numbering.xml", numbering, 0};
    if (document)
        e[n++] = (entry){"word/document.xml", document, 0};
    size_t len;
    unsigned char *zip = make_zip(e, n, &len);
    int rc = arc_input_docx(in, (const char *)zip, len, lim ? lim : &big,
                            reason, reason_size);
    free(zip);
    return rc;
}

/* Reads a .docx that must succeed. */
static void read_ok(arc_input *in, const char *document, const char *styles,
                    const char *numbering)
{
    char reason[256] = "";
    int rc = read_parts(in, document, styles, numbering, NULL, reason,
                        sizeof reason);
    ck_assert_msg(rc == 0, "rc %d: %s", rc, reason);
    ck_assert_ptr_nonnull(in->text);
    ck_assert_uint_eq(in->len, strlen(in->text));
}

/* Asserts the per-line outline levels. */
static void outline_is(const arc_input *in, const unsigned char *want,
                       size_t n)
{
    ck_assert_uint_eq(in->nlines, n);
    for (size_t i = 0; i < n; i++)
        ck_assert_msg(in->outline[i] == want[i],
                      "line %zu: outline %u, want %u", i + 1, in->outline[i],
                      want[i]);
}

/* Reads raw bytes that must be refused with a reason containing `want`. */
static void refused_bytes(const unsigned char *data, size_t len,
                          const arc_input_limits *lim, const char *want)
{
    arc_input in;
    memset(&in, 0xAB, sizeof in); /* the reader must clear it */
    char reason[256] = "";
    int rc = arc_input_docx(&in, (const char *)data, len, lim ? lim : &big,
                            reason, sizeof reason);
    ck_assert_int_eq(rc, ARC_EPARSE);
    ck_assert_msg(strstr(reason, want) != NULL, "reason \"%s\" lacks \"%s\"",
                  reason, want);
    ck_assert_ptr_null(in.text);
    ck_assert_ptr_null(in.outline);
    ck_assert_uint_eq(in.nlines, 0);
    arc_input_free(&in);
}

static void refused(const char *document, const char *styles,
                    const char *numbering, const arc_input_limits *lim,
                    const char *want)
{
    arc_input in;
    char reason[256] = "";
    int rc = read_parts(&in, document, styles, numbering, lim, reason,
                        sizeof reason);
    ck_assert_int_eq(rc, ARC_EPARSE);
    ck_assert_msg(strstr(reason, want) != NULL, "reason \"%s\" lacks \"%s\"",
                  reason, want);
    ck_assert_ptr_null(in.text);
    ck_assert_ptr_null(in.outline);
    arc_input_free(&in);
}

/* ---------------------------------------------------------------- text */

START_TEST(test_paragraphs_are_lines)
{
    arc_input in;
    read_ok(&in,
            DOC(P("第一段") "<w:p/>"
                "<w:p><w:r><w:t>第三</w:t></w:r><w:r>"
                "<w:t xml:space=\"preserve\"> 段  </w:t></w:r></w:p>"
                "<w:p><w:pPr><w:jc w:val=\"center\"/></w:pPr></w:p>"
                P("五")
                "<w:sectPr><w:p><w:r><w:t>节</w:t></w:r></w:p></w:sectPr>"),
            NULL, NULL);
    /* Line N is paragraph N: empty paragraphs stay, trailing spaces go. */
    ck_assert_str_eq(in.text, "第一段\n\n第三 段\n\n五\n");
    outline_is(&in, (const unsigned char[]){0, 0, 0, 0, 0}, 5);
    ck_assert_ptr_null(in.title);
    ck_assert_ptr_null(in.published);
    ck_assert_ptr_null(in.unit);
    arc_input_free(&in);
}
END_TEST

START_TEST(test_empty_body)
{
    arc_input in;
    read_ok(&in, DOC(""), NULL, NULL);
    ck_assert_str_eq(in.text, "");
    ck_assert_uint_eq(in.nlines, 0);
    arc_input_free(&in);
}
END_TEST

START_TEST(test_tabs_breaks_and_runs)
{
    arc_input in;
    read_ok(&in,
            DOC("<w:p><w:r><w:t>甲</w:t><w:tab/><w:t>乙</w:t><w:br/>"
                "<w:t>丙</w:t><w:cr/><w:t>丁</w:t></w:r></w:p>"
                "<w:p><w:hyperlink><w:r><w:t>链接</w:t></w:r></w:hyperlink>"
                "<w:r><w:t>A&amp;B</w:t></w:r>"
                "<w:r><w:t>x\ny</w:t></w:r>"
                "<w:r><w:noBreakHyphen/><w:t>z</w:t></w:r></w:p>"),
            NULL, NULL);
    ck_assert_str_eq(in.text, "甲 乙 丙 丁\n链接A&Bx y-z\n");
    ck_assert_uint_eq(in.nlines, 2);
    arc_input_free(&in);
}
END_TEST

START_TEST(test_deleted_fields_hidden)
{
    arc_input in;
    read_ok(&in,
            DOC("<w:p><w:r><w:t>保留</w:t></w:r>"
                "<w:del w:id=\"1\" w:author=\"a\"><w:r><w:delText>删除"
                "</w:delText></w:r></w:del>"
                "<w:ins w:id=\"2\" w:author=\"a\"><w:r><w:t>插入</w:t></w:r>"
                "</w:ins><w:del w:id=\"4\" w:author=\"a\"><w:r><w:t>旧"
                "</w:t></w:r></w:del><w:moveFrom w:id=\"5\" w:author=\"a\">"
                "<w:r><w:t>移走</w:t></w:r></w:moveFrom>"
                "<w:moveTo w:id=\"6\" w:author=\"a\"><w:r><w:t>移来</w:t>"
                "</w:r></w:moveTo></w:p>"
                "<w:p><w:r><w:t>第</w:t></w:r>"
                "<w:r><w:fldChar w:fldCharType=\"begin\"/></w:r>"
                "<w:r><w:instrText xml:space=\"preserve\"> PAGE </w:instrText>"
                "</w:r><w:r><w:fldChar w:fldCharType=\"separate\"/></w:r>"
                "<w:r><w:t>7</w:t></w:r>"
                "<w:r><w:fldChar w:fldCharType=\"end\"/></w:r>"
                "<w:r><w:t>页</w:t></w:r></w:p>"
                "<w:p><w:r><w:rPr><w:vanish/></w:rPr><w:t>隐藏</w:t></w:r>"
                "<w:r><w:rPr><w:vanish w:val=\"false\"/></w:rPr>"
                "<w:t>可见</w:t></w:r></w:p>"
                "<w:p><w:r><mc:AlternateContent xmlns:mc=\"http://schemas."
                "openxmlformats.org/markup-compatibility/2006\">"
                "<mc:Choice Requires=\"w14\"><w:t>选</w:t></mc:Choice>"
                "<mc:Fallback><w:t>备</w:t></mc:Fallback>"
                "</mc:AlternateContent></w:r></w:p>"),
            NULL, NULL);
    ck_assert_str_eq(in.text, "保留插入移来\n第7页\n可见\n选\n");
    arc_input_free(&in);
}
END_TEST

START_TEST(test_table_cells_are_lines)
{
    arc_input in;
    read_ok(&in,
            DOC(P("前") "<w:tbl><w:tblPr><w:tblW w:w=\"0\"/></w:tblPr>"
                "<w:tblGrid><w:gridCol w:w=\"100\"/></w:tblGrid>"
                "<w:tr><w:tc><w:tcPr><w:tcW w:w=\"100\"/></w:tcPr>"
                P("A1") "</w:tc><w:tc>" P("B1") "</w:tc></w:tr>"
                "<w:tr><w:trPr><w:del w:id=\"3\" w:author=\"a\"/></w:trPr>"
                "<w:tc>" P("删行") "</w:tc></w:tr>"
                "<w:tr><w:tc>" P("A2") "</w:tc><w:tc>" P("B2a") P("B2b")
                "<w:tbl><w:tr><w:tc>" P("内") "</w:tc></w:tr></w:tbl>"
                "</w:tc></w:tr></w:tbl>"
                "<w:sdt><w:sdtPr><w:alias w:val=\"目录\"/></w:sdtPr>"
                "<w:sdtContent>" P("目录项") "</w:sdtContent></w:sdt>"
                P("后")),
            NULL, NULL);
    ck_assert_str_eq(in.text, "前\nA1\nB1\nA2\nB2a\nB2b\n内\n目录项\n后\n");
    ck_assert_uint_eq(in.nlines, 9);
    arc_input_free(&in);
}
END_TEST

/* ------------------------------------------------------------ headings */

#define OP(lvl, text)                                                        \
    "<w:p><w:pPr><w:outlineLvl w:val=\"" lvl "\"/></w:pPr><w:r><w:t>" text  \
    "</w:t></w:r></w:p>"

START_TEST(test_heading_by_outline_level)
{
    arc_input in;
    read_ok(&in,
            DOC(OP("0", "一级") OP("2", "三级") OP("8", "九级")
                OP("9", "正文级") OP("x", "乱写") P("正文")),
            NULL, NULL);
    ck_assert_str_eq(in.text, "一级\n三级\n九级\n正文级\n乱写\n正文\n");
    outline_is(&in, (const unsigned char[]){1, 3, 9, 0, 0, 0}, 6);
    arc_input_free(&in);
}
END_TEST

#define STYLE(id, name, extra)                                               \
    "<w:style w:type=\"paragraph\" w:styleId=\"" id "\"><w:name w:val=\""    \
    name "\"/>" extra "</w:style>"

START_TEST(test_heading_by_style)
{
    const char *styles = STYLES(
        "<w:style w:type=\"paragraph\" w:default=\"1\" w:styleId=\"a\">"
        "<w:name w:val=\"Normal\"/></w:style>"
        STYLE("Heading1", "heading 1", "")
        STYLE("2", "标题 2", "<w:basedOn w:val=\"a\"/>")
        STYLE("MyH", "我的标题", "<w:basedOn w:val=\"2\"/>")
        STYLE("Custom", "自定义",
              "<w:pPr><w:outlineLvl w:val=\"3\"/></w:pPr>")
        STYLE("Body", "正文缩进",
              "<w:basedOn w:val=\"Heading1\"/>"
              "<w:pPr><w:outlineLvl w:val=\"9\"/></w:pPr>")
        STYLE("LoopA", "甲", "<w:basedOn w:val=\"LoopB\"/>")
        STYLE("LoopB", "乙", "<w:basedOn w:val=\"LoopA\"/>")
        STYLE("x5", "标题5", "")
        STYLE("Heading7", "h", ""));
    arc_input in;
    read_ok(&in,
            DOC(SP("Heading1", "一") SP("2", "二") SP("MyH", "继承")
                SP("Custom", "四") SP("Body", "正文") SP("LoopA", "循环")
                SP("x5", "五") SP("Heading7", "七") SP("Nope", "未知")
                P("默认")
                "<w:p><w:pPr><w:pStyle w:val=\"Heading1\"/>"
                "<w:outlineLvl w:val=\"9\"/></w:pPr><w:r><w:t>改为正文"
                "</w:t></w:r></w:p>"
                "<w:p><w:pPr><w:pStyle w:val=\"a\"/>"
                "<w:outlineLvl w:val=\"1\"/></w:pPr><w:r><w:t>直接二级"
                "</w:t></w:r></w:p>"),
            styles, NULL);
    ck_assert_str_eq(in.text, "一\n二\n继承\n四\n正文\n循环\n五\n七\n未知\n"
                              "默认\n改为正文\n直接二级\n");
    outline_is(&in,
               (const unsigned char[]){1, 2, 2, 4, 0, 0, 5, 7, 0, 0, 0, 2},
               12);
    arc_input_free(&in);
}
END_TEST

START_TEST(test_default_style_applies)
{
    /* Paragraphs without w:pStyle take the default paragraph style. */
    const char *styles = STYLES(
        "<w:style w:type=\"character\" w:default=\"1\" w:styleId=\"c\">"
        "<w:name w:val=\"heading 3\"/></w:style>"
        "<w:style w:type=\"paragraph\" w:default=\"1\" w:styleId=\"d\">"
        "<w:name w:val=\"Normal\"/><w:pPr><w:outlineLvl w:val=\"5\"/>"
        "</w:pPr></w:style>");
    arc_input in;
    read_ok(&in, DOC(P("甲") SP("missing", "乙")), styles, NULL);
    outline_is(&in, (const unsigned char[]){6, 6}, 2);
    arc_input_free(&in);
}
END_TEST

/* ----------------------------------------------------------- numbering */

START_TEST(test_numbering_chinese_levels)
{
    const char *numbering = NUMBERING(
        "<w:abstractNum w:abstractNumId=\"0\">"
        LVL(0, "chineseCounting", "%1、", 1)
        LVL(1, "chineseCountingThousand", "（%2）", 1)
        LVL(2, "decimal", "%3.", 1)
        "</w:abstractNum>"
        "<w:num w:numId=\"1\"><w:abstractNumId w:val=\"0\"/></w:num>"
        "<w:num w:numId=\"2\"><w:abstractNumId w:val=\"0\"/>"
        "<w:lvlOverride w:ilvl=\"0\"><w:startOverride w:val=\"5\"/>"
        "</w:lvlOverride></w:num>"
        "<w:num w:numId=\"10\"><w:abstractNumId w:val=\"0\"/></w:num>"
        "<w:num w:numId=\"11\"><w:abstractNumId w:val=\"0\"/>"
        "<w:lvlOverride w:ilvl=\"0\"><w:lvl w:ilvl=\"0\">"
        "<w:start w:val=\"1\"/><w:numFmt w:val=\"decimal\"/>"
        "<w:lvlText w:val=\"第%1部分\"/></w:lvl></w:lvlOverride></w:num>");
    arc_input in;
    read_ok(&in,
            DOC(NP(1, 0, "主要举措和成效") NP(1, 1, "健全制度")
                NP(1, 1, "加强监督") NP(1, 2, "细则") NP(1, 2, "办法")
                P("正文") NP(1, 0, "存在的问题") NP(1, 1, "问题一")
                NP(1, 2, "小项") NP(2, 0, "重新编号") NP(2, 1, "子项")
                NP(1, 0, "继续") NP(10, 0, "同一列表") NP(11, 0, "改写")
                NP(99, 0, "无此编号")),
            NULL, numbering);
    ck_assert_str_eq(in.text,
                     "一、主要举措和成效\n"
                     "（一）健全制度\n"
                     "（二）加强监督\n"
                     "1.细则\n"
                     "2.办法\n"
                     "正文\n"
                     "二、存在的问题\n"
                     "（一）问题一\n"
                     "1.小项\n"
                     "五、重新编号\n"
                     "（一）子项\n"
                     "六、继续\n"
                     "七、同一列表\n"
                     "第8部分改写\n"
                     "无此编号\n");
    /* Numbering alone does not make a heading. */
    for (size_t i = 0; i < in.nlines; i++)
        ck_assert_uint_eq(in.outline[i], 0);
    arc_input_free(&in);
}
END_TEST

/* Word counts per abstract numbering; w:startOverride sets the shared count
 * back once, at the instance's first paragraph on that level. */
START_TEST(test_numbering_restart_is_shared)
{
    const char *numbering = NUMBERING(
        "<w:abstractNum w:abstractNumId=\"0\">"
        LVL(0, "chineseCounting", "%1、", 1)
        LVL(1, "chineseCounting", "（%2）", 1) "</w:abstractNum>"
        "<w:num w:numId=\"6\"><w:abstractNumId w:val=\"0\"/></w:num>"
        "<w:num w:numId=\"30\"><w:abstractNumId w:val=\"0\"/>"
        "<w:lvlOverride w:ilvl=\"0\"><w:startOverride w:val=\"1\"/>"
        "</w:lvlOverride></w:num>"
        /* Overrides that restart nothing: an empty one, a format one. */
        "<w:num w:numId=\"7\"><w:abstractNumId w:val=\"0\"/>"
        "<w:lvlOverride w:ilvl=\"0\"/></w:num>"
        "<w:num w:numId=\"8\"><w:abstractNumId w:val=\"0\"/>"
        "<w:lvlOverride w:ilvl=\"0\">" LVL(0, "decimal", "%1.", 5)
        "</w:lvlOverride></w:num>"
        /* A restart of level 1 only: level 0 goes on. */
        "<w:num w:numId=\"9\"><w:abstractNumId w:val=\"0\"/>"
        "<w:lvlOverride w:ilvl=\"1\"><w:startOverride w:val=\"3\"/>"
        "</w:lvlOverride></w:num>");
    arc_input in;
    read_ok(&in,
            DOC(NP(6, 0, "甲") NP(6, 0, "乙") NP(6, 0, "丙")
                NP(30, 0, "重排") NP(6, 0, "续一") NP(30, 0, "续二")
                NP(7, 0, "空覆盖") NP(8, 0, "改格式") NP(6, 0, "再续")
                NP(9, 0, "层一") NP(9, 1, "层二") NP(9, 1, "层二续")
                NP(6, 0, "末") NP(6, 1, "末子") NP(9, 1, "不再重排")),
            NULL, numbering);
    ck_assert_str_eq(in.text,
                     "一、甲\n"
                     "二、乙\n"
                     "三、丙\n"
                     "一、重排\n"
                     "二、续一\n"
                     "三、续二\n"
                     "四、空覆盖\n"
                     "5.改格式\n"
                     "六、再续\n"
                     "七、层一\n"
                     "（三）层二\n"
                     "（四）层二续\n"
                     "八、末\n"
                     "（一）末子\n"
                     "（二）不再重排\n");
    arc_input_free(&in);
}
END_TEST

START_TEST(test_numbering_through_styles)
{
    const char *styles = STYLES(
        STYLE("H1", "heading 1",
              "<w:pPr><w:numPr><w:numId w:val=\"3\"/></w:numPr></w:pPr>")
        STYLE("H2", "heading 2",
              "<w:pPr><w:numPr><w:ilvl w:val=\"1\"/><w:numId w:val=\"3\"/>"
              "</w:numPr></w:pPr>")
        STYLE("H2b", "my heading", "<w:basedOn w:val=\"H2\"/>")
        STYLE("H3", "heading 3",
              "<w:pPr><w:numPr><w:numId w:val=\"3\"/></w:numPr></w:pPr>"));
    const char *numbering = NUMBERING(
        "<w:abstractNum w:abstractNumId=\"5\">"
        "<w:lvl w:ilvl=\"0\"><w:start w:val=\"1\"/>"
        "<w:numFmt w:val=\"chineseCounting\"/><w:pStyle w:val=\"H1\"/>"
        "<w:lvlText w:val=\"%1、\"/></w:lvl>"
        "<w:lvl w:ilvl=\"1\"><w:start w:val=\"1\"/><w:isLgl/>"
        "<w:numFmt w:val=\"chineseCounting\"/>"
        "<w:lvlText w:val=\"%1.%2\"/></w:lvl>"
        "<w:lvl w:ilvl=\"2\"><w:start w:val=\"1\"/>"
        "<w:numFmt w:val=\"decimal\"/><w:pStyle w:val=\"H3\"/>"
        "<w:lvlText w:val=\"(%3)\"/></w:lvl>"
        "</w:abstractNum>"
        "<w:abstractNum w:abstractNumId=\"6\">"
        LVL(0, "bullet", "\xEF\x82\xB7", 1) "</w:abstractNum>"
        "<w:num w:numId=\"3\"><w:abstractNumId w:val=\"5\"/></w:num>"
        "<w:num w:numId=\"4\"><w:abstractNumId w:val=\"6\"/></w:num>");
    arc_input in;
    read_ok(&in,
            DOC(SP("H1", "总体要求") SP("H2", "第一") SP("H2b", "第二")
                "<w:p><w:pPr><w:pStyle w:val=\"H1\"/><w:numPr>"
                "<w:numId w:val=\"0\"/></w:numPr></w:pPr><w:r><w:t>无编号"
                "</w:t></w:r></w:p>"
                SP("H1", "下一部分") SP("H2", "再来") SP("H3", "细项")
                NP(4, 0, "要点")),
            styles, numbering);
    ck_assert_str_eq(in.text,
                     "一、总体要求\n"
                     "1.1 第一\n"
                     "1.2 第二\n"
                     "无编号\n"
                     "二、下一部分\n"
                     "2.1 再来\n"
                     "(1)细项\n"
                     "要点\n");
    outline_is(&in, (const unsigned char[]){1, 2, 2, 1, 1, 2, 3, 0}, 8);
    arc_input_free(&in);
}
END_TEST

START_TEST(test_numbering_style_link)
{
    /* A list style: the abstractNum in use only names the numbering style,
     * whose numbering leads to the abstractNum with the levels. */
    const char *styles = STYLES(
        "<w:style w:type=\"numbering\" w:styleId=\"ListStyle\">"
        "<w:name w:val=\"列表样式\"/><w:pPr><w:numPr><w:numId w:val=\"20\"/>"
        "</w:numPr></w:pPr></w:style>");
    const char *numbering = NUMBERING(
        "<w:abstractNum w:abstractNumId=\"8\">"
        "<w:styleLink w:val=\"ListStyle\"/>"
        LVL(0, "chineseCounting", "第%1章", 1) "</w:abstractNum>"
        "<w:abstractNum w:abstractNumId=\"9\">"
        "<w:numStyleLink w:val=\"ListStyle\"/></w:abstractNum>"
        "<w:num w:numId=\"20\"><w:abstractNumId w:val=\"8\"/></w:num>"
        "<w:num w:numId=\"21\"><w:abstractNumId w:val=\"9\"/></w:num>");
    arc_input in;
    read_ok(&in, DOC(NP(21, 0, "链接") NP(20, 0, "直接") NP(21, 0, "再链接")),
            styles, numbering);
    ck_assert_str_eq(in.text, "第一章链接\n第二章直接\n第三章再链接\n");
    arc_input_free(&in);
}
END_TEST

START_TEST(test_numbering_formats)
{
    const char *numbering = NUMBERING(
        "<w:abstractNum w:abstractNumId=\"0\">"
        LVL(0, "upperRoman", "%1)", 4)
        LVL(1, "ideographTraditional", "%2、", 1)
        LVL(2, "decimalEnclosedCircle", "%3", 1)
        LVL(3, "chineseLegalSimplified", "第%4条", 12)
        LVL(4, "decimalZero", "%5", 3)
        LVL(5, "lowerLetter", "(%6)", 27)
        LVL(6, "chineseCounting", "%7、", 98)
        /* Word 2010+: a custom format in a choice, a plain one beside. */
        "<w:lvl w:ilvl=\"7\"><w:start w:val=\"1\"/><mc:AlternateContent "
        "xmlns:mc=\"http://schemas.openxmlformats.org/markup-compatibility/"
        "2006\"><mc:Choice Requires=\"w14\"><w:numFmt w:val=\"custom\" "
        "w:format=\"01, 02, 03, ...\"/></mc:Choice><mc:Fallback>"
        "<w:numFmt w:val=\"decimalZero\"/></mc:Fallback>"
        "</mc:AlternateContent><w:lvlText w:val=\"%8\"/></w:lvl>"
        /* Never restarts. */
        "<w:lvl w:ilvl=\"8\"><w:start w:val=\"1\"/><w:lvlRestart "
        "w:val=\"0\"/><w:numFmt w:val=\"decimal\"/>"
        "<w:lvlText w:val=\"%9.\"/></w:lvl>"
        "</w:abstractNum>"
        "<w:num w:numId=\"1\"><w:abstractNumId w:val=\"0\"/></w:num>");
    arc_input in;
    read_ok(&in,
            DOC(NP(1, 0, "罗马") NP(1, 1, "天干") NP(1, 1, "天干")
                NP(1, 2, "圈") NP(1, 3, "大写") NP(1, 4, "补零")
                NP(1, 5, "字母") NP(1, 6, "大数") NP(1, 6, "大数")
                NP(1, 6, "大数") NP(1, 7, "自定义") NP(1, 8, "不重启")
                NP(1, 0, "罗马") NP(1, 8, "不重启")),
            NULL, numbering);
    ck_assert_str_eq(in.text,
                     "IV)罗马\n"
                     "甲、天干\n"
                     "乙、天干\n"
                     "①圈\n"
                     "第壹拾贰条大写\n"
                     "03 补零\n"
                     "(aa)字母\n"
                     "九十八、大数\n"
                     "九十九、大数\n"
                     "100、大数\n"
                     "01 自定义\n"
                     "1.不重启\n"
                     "V)罗马\n"
                     "2.不重启\n");
    arc_input_free(&in);
}
END_TEST

/* ------------------------------------------------------------ security */

START_TEST(test_xxe_not_expanded)
{
    arc_input in;
    read_ok(&in,
            XML_DECL "<!DOCTYPE w:document [<!ENTITY xxe SYSTEM "
                     "\"file:///etc/passwd\">]>"
                     "<w:document " W_NS "><w:body><w:p><w:r><w:t>A&xxe;B"
                     "</w:t></w:r></w:p></w:body></w:document>",
            NULL, NULL);
    ck_assert_str_eq(in.text, "AB\n");
    ck_assert_ptr_null(strstr(in.text, "root:"));
    arc_input_free(&in);
}
END_TEST

START_TEST(test_entity_bomb_not_expanded)
{
    /* libxml2 may refuse the nesting outright; if it parses, nothing is
     * expanded. */
    arc_input in;
    char reason[256] = "";
    int rc = read_parts(&in,
            XML_DECL "<!DOCTYPE w:document ["
                     "<!ENTITY a \"aaaaaaaaaa\">"
                     "<!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\">"
                     "<!ENTITY c \"&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;\">"
                     "<!ENTITY d \"&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;\">"
                     "<!ENTITY e \"&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;\">]>"
                     "<w:document " W_NS "><w:body><w:p><w:r><w:t>X&e;Y"
                     "</w:t></w:r></w:p></w:body></w:document>",
            NULL, NULL, NULL, reason, sizeof reason);
    if (rc == 0) {
        ck_assert_str_eq(in.text, "XY\n");
    } else {
        ck_assert_int_eq(rc, ARC_EPARSE);
        ck_assert_msg(strstr(reason, "无法解析") != NULL, "%s", reason);
        ck_assert_ptr_null(in.text);
    }
    arc_input_free(&in);
}
END_TEST

/* -------------------------------------------------------- broken files */

START_TEST(test_not_a_zip)
{
    const char *s = "这不是压缩包，只是一段文字。";
    refused_bytes((const unsigned char *)s, strlen(s), NULL, "不是 zip");
    refused_bytes((const unsigned char *)"", 0, NULL, "为空");
}
END_TEST

START_TEST(test_truncated_zip)
{
    entry e[] = {{"word/document.xml", DOC(P("正文")), 0}};
    size_t len;
    unsigned char *zip = make_zip(e, 1, &len);
    /* The whole archive reads. */
    arc_input in;
    char reason[256];
    ck_assert_int_eq(arc_input_docx(&in, (const char *)zip, len, &big, reason,
                                    sizeof reason),
                     0);
    arc_input_free(&in);
    refused_bytes(zip, len - 10, NULL, "不完整");
    refused_bytes(zip, len / 2, NULL, "不完整");
    refused_bytes(zip, 30, NULL, "不完整");
    free(zip);
}
END_TEST

START_TEST(test_corrupt_data)
{
    entry e[] = {{"word/document.xml", DOC(P("正文内容")), 0}};
    size_t len;
    unsigned char *zip = make_zip(e, 1, &len);
    /* A byte of the stored data changed: the CRC no longer matches. */
    size_t at = 0, n = strlen("正文");
    while (at + n <= len && memcmp(zip + at, "正文", n) != 0)
        at++;
    ck_assert_uint_lt(at + n, len);
    zip[at] ^= 0x01;
    refused_bytes(zip, len, NULL, "校验和");
    free(zip);
}
END_TEST

START_TEST(test_ole_encrypted)
{
    unsigned char ole[512] = {0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1};
    refused_bytes(ole, sizeof ole, NULL, "已加密或为旧版 .doc");
}
END_TEST

START_TEST(test_encrypted_entry)
{
    entry e[] = {{"[Content_Types].xml", CONTENT_TYPES, 0},
                 {"word/document.xml", DOC(P("机密")), 1}};
    size_t len;
    unsigned char *zip = make_zip(e, 2, &len);
    refused_bytes(zip, len, NULL, "已加密");
    free(zip);
    /* Any encrypted entry, even one that is not read. */
    entry e2[] = {{"word/document.xml", DOC(P("正文")), 0},
                  {"docProps/app.xml", "<Properties/>", 1}};
    zip = make_zip(e2, 2, &len);
    refused_bytes(zip, len, NULL, "已加密");
    free(zip);
}
END_TEST

START_TEST(test_missing_document)
{
    refused(NULL, STYLES(""), NULL, NULL, "缺少 word/document.xml");
}
END_TEST

START_TEST(test_document_name_case_insensitive)
{
    entry e[] = {{"Word/Document.xml", DOC(P("大写")), 0}};
    size_t len;
    unsigned char *zip = make_zip(e, 1, &len);
    arc_input in;
    char reason[256];
    ck_assert_int_eq(arc_input_docx(&in, (const char *)zip, len, &big, reason,
                                    sizeof reason),
                     0);
    ck_assert_str_eq(in.text, "大写\n");
    arc_input_free(&in);
    free(zip);
}
END_TEST

START_TEST(test_invalid_xml)
{
    refused(XML_DECL "<w:document " W_NS "><w:body><w:p>", NULL, NULL, NULL,
            "word/document.xml 无法解析");
    refused(DOC(P("正文")), STYLES("<w:style>"), NULL, NULL,
            "word/styles.xml 无法解析");
    refused(DOC(P("正文")), NULL, "<w:numbering", NULL,
            "word/numbering.xml 无法解析");
    refused(XML_DECL "<html><body><p>x</p></body></html>", NULL, NULL, NULL,
            "没有正文");
}
END_TEST

START_TEST(test_too_many_entries)
{
    /* Content types, styles, document: three entries. */
    arc_input_limits lim = {(size_t)1 << 20, 2};
    refused(DOC(P("正文")), STYLES(""), NULL, &lim, "条目过多");
    lim.max_entries = 3;
    arc_input in;
    char reason[256] = "";
    ck_assert_int_eq(read_parts(&in, DOC(P("正文")), STYLES(""), NULL, &lim,
                                reason, sizeof reason),
                     0);
    arc_input_free(&in);
}
END_TEST

START_TEST(test_uncompressed_limit)
{
    /* A stored entry bigger than the limit takes the same path as a
     * deflate bomb: the bytes read are counted, not the sizes declared. */
    const char *doc = DOC(P("这一段文字让正文部分超过一百字节。"));
    const char *styles = STYLES("");
    size_t dl = strlen(doc), sl = strlen(styles);
    ck_assert_uint_gt(dl, 100);
    arc_input_limits lim = {100, 100};
    refused(doc, NULL, NULL, &lim, "解压后超过 100 字节");

    /* Exactly at the limit is fine, one byte less is not. */
    arc_input in;
    char reason[256] = "";
    lim.max_uncompressed = dl;
    ck_assert_int_eq(read_parts(&in, doc, NULL, NULL, &lim, reason,
                                sizeof reason),
                     0);
    arc_input_free(&in);
    lim.max_uncompressed = dl - 1;
    refused(doc, NULL, NULL, &lim, "解压后超过");

    /* The limit covers all entries together. */
    lim.max_uncompressed = dl + sl;
    ck_assert_int_eq(read_parts(&in, doc, styles, NULL, &lim, reason,
                                sizeof reason),
                     0);
    arc_input_free(&in);
    lim.max_uncompressed = dl + sl - 1;
    refused(doc, styles, NULL, &lim, "解压后超过");

    /* Large limits are given in MiB. */
    lim.max_uncompressed = (size_t)3 << 20;
    char *huge = malloc(lim.max_uncompressed + 64);
    ck_assert_ptr_nonnull(huge);
    memset(huge, 'x', lim.max_uncompressed + 63);
    huge[lim.max_uncompressed + 63] = '\0';
    refused(huge, NULL, NULL, &lim, "解压后超过 3 MiB");
    free(huge);
}
END_TEST

/* Builds a string of n copies of `unit` between head and tail. */
static char *repeat(const char *head, const char *unit, size_t n,
                    const char *tail)
{
    size_t hl = strlen(head), ul = strlen(unit), tl = strlen(tail);
    char *s = malloc(hl + ul * n + tl + 1);
    ck_assert_ptr_nonnull(s);
    memcpy(s, head, hl);
    for (size_t i = 0; i < n; i++)
        memcpy(s + hl + i * ul, unit, ul);
    memcpy(s + hl + ul * n, tail, tl + 1);
    return s;
}

/* Word's list labels are rendered for every numbered paragraph from
 * numbering.xml: a long w:lvlText multiplied a small document.xml into a
 * text far beyond the decompression limit.  The text built is bounded by
 * that limit too. */
START_TEST(test_label_text_bounded)
{
    char *lvl = repeat(XML_DECL "<w:numbering " W_NS "><w:abstractNum "
                       "w:abstractNumId=\"1\"><w:lvl w:ilvl=\"0\"><w:start "
                       "w:val=\"1\"/><w:numFmt w:val=\"decimal\"/>"
                       "<w:lvlText w:val=\"",
                       "%1", 1000,
                       "\"/></w:lvl></w:abstractNum><w:num w:numId=\"1\">"
                       "<w:abstractNumId w:val=\"1\"/></w:num></w:numbering>");
    char *doc = repeat(XML_DECL "<w:document " W_NS "><w:body>",
                       NP(1, 0, "条目"), 2000, "</w:body></w:document>");
    arc_input_limits lim = {(size_t)1 << 20, 100};
    ck_assert_uint_lt(strlen(lvl) + strlen(doc), lim.max_uncompressed);
    refused(doc, NULL, lvl, &lim, "解压后的文字超过 1 MiB");
    /* Under the limit the labels are rendered as before. */
    arc_input in;
    char reason[256] = "";
    ck_assert_int_eq(read_parts(&in, doc, NULL, lvl, &big, reason,
                                sizeof reason),
                     0);
    ck_assert_uint_gt(in.len, (size_t)2000 * 1000);
    arc_input_free(&in);
    free(lvl);
    free(doc);
}
END_TEST

/* styles.xml and numbering.xml are parsed as trees (several times their
 * size in memory): more than 16 MiB of either is refused. */
START_TEST(test_tree_parts_capped)
{
    char *styles = repeat(XML_DECL "<w:styles " W_NS ">",
                          "<w:style w:styleId=\"a\"/>", ((size_t)17 << 20) / 25,
                          "</w:styles>");
    ck_assert_uint_gt(strlen(styles), (size_t)16 << 20);
    refused(DOC(P("正文")), styles, NULL, &big,
            "word/styles.xml 解压后超过 16 MiB");
    free(styles);
}
END_TEST

#if defined(__SANITIZE_ADDRESS__)
#define UNDER_ASAN 1
#else
#define UNDER_ASAN 0
#endif

#include <sys/resource.h>

static long max_rss_kib(void)
{
    struct rusage ru;
    ck_assert_int_eq(getrusage(RUSAGE_SELF, &ru), 0);
    return ru.ru_maxrss;
}

/* document.xml is read as a stream: a 64 MiB part of markup-heavy
 * paragraphs (little text) used to be held whole and then as a libxml2
 * tree several times its size; now memory grows by the text only.  (Not
 * under ASan, whose quarantine keeps freed memory resident.) */
START_TEST(test_document_streamed)
{
    if (UNDER_ASAN)
        return;
    static const char para[] =
        "<w:p><w:pPr><w:jc w:val=\"both\"/><w:spacing w:line=\"360\" "
        "w:lineRule=\"auto\"/></w:pPr><w:r><w:rPr><w:sz w:val=\"32\"/>"
        "</w:rPr><w:t>字</w:t></w:r></w:p>";
    size_t n = ((size_t)64 << 20) / (sizeof para - 1);
    char *doc = repeat(XML_DECL "<w:document " W_NS "><w:body>", para, n,
                       "</w:body></w:document>");
    entry e[2] = {{"[Content_Types].xml", CONTENT_TYPES, 0},
                  {"word/document.xml", doc, 0}};
    size_t len;
    unsigned char *zip = make_zip(e, 2, &len);
    free(doc);
    long before = max_rss_kib();
    arc_input in;
    char reason[256] = "";
    arc_input_limits lim = {(size_t)256 << 20, 100};
    int rc = arc_input_docx(&in, (const char *)zip, len, &lim, reason,
                            sizeof reason);
    long grown = max_rss_kib() - before;
    ck_assert_msg(rc == 0, "%s", reason);
    ck_assert_uint_eq(in.nlines, n);
    /* The text is 4 bytes a paragraph (about 1.7 MiB); the XML alone is
     * 64 MiB. */
    ck_assert_msg(grown < 32 * 1024, "peak memory grew by %ld KiB", grown);
    arc_input_free(&in);
    free(zip);
}
END_TEST

static Suite *suite(void)
{
    Suite *s = suite_create("input_docx");
    TCase *tc = tcase_create("text");
    tcase_add_test(tc, test_paragraphs_are_lines);
    tcase_add_test(tc, test_empty_body);
    tcase_add_test(tc, test_tabs_breaks_and_runs);
    tcase_add_test(tc, test_deleted_fields_hidden);
    tcase_add_test(tc, test_table_cells_are_lines);
    suite_add_tcase(s, tc);

    tc = tcase_create("headings");
    tcase_add_test(tc, test_heading_by_outline_level);
    tcase_add_test(tc, test_heading_by_style);
    tcase_add_test(tc, test_default_style_applies);
    suite_add_tcase(s, tc);

    tc = tcase_create("numbering");
    tcase_add_test(tc, test_numbering_chinese_levels);
    tcase_add_test(tc, test_numbering_restart_is_shared);
    tcase_add_test(tc, test_numbering_through_styles);
    tcase_add_test(tc, test_numbering_style_link);
    tcase_add_test(tc, test_numbering_formats);
    suite_add_tcase(s, tc);

    tc = tcase_create("security");
    tcase_add_test(tc, test_xxe_not_expanded);
    tcase_add_test(tc, test_entity_bomb_not_expanded);
    suite_add_tcase(s, tc);

    tc = tcase_create("broken");
    tcase_add_test(tc, test_not_a_zip);
    tcase_add_test(tc, test_truncated_zip);
    tcase_add_test(tc, test_corrupt_data);
    tcase_add_test(tc, test_ole_encrypted);
    tcase_add_test(tc, test_encrypted_entry);
    tcase_add_test(tc, test_missing_document);
    tcase_add_test(tc, test_document_name_case_insensitive);
    tcase_add_test(tc, test_invalid_xml);
    tcase_add_test(tc, test_too_many_entries);
    tcase_add_test(tc, test_uncompressed_limit);
    tcase_add_test(tc, test_label_text_bounded);
    tcase_add_test(tc, test_tree_parts_capped);
    tcase_add_test(tc, test_document_streamed);
    tcase_set_timeout(tc, 60);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    return arc_test_run(suite());
}
