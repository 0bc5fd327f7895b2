#!/usr/bin/env python3
"""Rough prototype of the recognition rules recommended in docs/real-material.md §13.

NOT a specification and NOT part of archeck: a throwaway check that the proposed
classes (zones, letter block, weighed year evidence, ranked date labels, title-first
type with body cues, masks and spam cues) fit together. It reads tests/real/ and
prints its own mismatches and figures. Because the rules were derived from the same
material as the fixtures, its figures are an upper bound, not a measure of how well
the rules generalise. Requires the `regex` module (\\p{Han}).

Usage: python3 tests/real/prototype.py
"""
import regex as re, csv, os, sys, html as H
D = os.path.dirname(os.path.abspath(__file__))
norm_tbl = str.maketrans({'（':'(', '）':')', '：':':', '，':',', '　':' ', '\u00a0':' ', '［':'[', '］':']', '｜':'|'})
T2S = str.maketrans('報開設進區縣鎮點劃內於關這發為與會時務門項規辦導體總組織個動現問題應環護權責監執審議決層從級統計畫麵製國們經機處條實況黨團內會議屆歷學習貫徹領堅讀號屬廳鄉啟場結評綱',
                    '报开设进区县镇点划内于关这发为与会时务门项规办导体总组织个动现问题应环护权责监执审议决层从级统计画面制国们经机处条实况党团内会议届历学习贯彻领坚读号属厅乡启场结评纲')
def norm(t):
    t = t.translate(norm_tbl)
    t = ''.join(chr(ord(c) - 0xFEE0) if '０' <= c <= '９' or c == '－' else c for c in t)
    t = re.sub(r'(?<=\d)[ \t]+(?=[\p{Han}])|(?<=[\p{Han}])[ \t]+(?=\d)', '', t)
    t = t.translate(T2S)
    return t
def html_text(s):
    meta = dict(re.findall(r'<meta name="(\w+)" content="([^"]*)"', s))
    s = re.sub(r'<(script|style)[^>]*>.*?</\1>', '', s, flags=re.S)
    s = re.sub(r'<title>.*?</title>', '', s, flags=re.S)
    s = re.sub(r'</(p|div|h1|li|tr|table|ul)>|<br\s*/?>', '\n', s)
    s = re.sub(r'</td>', ' ', s)
    s = re.sub(r'<[^>]+>', '', s)
    return H.unescape(s), meta
CHROME = [r'^(?:您?(?:当前|现在)?(?:所在)?的?位置(?:是)?|当前位置)\s*:?', r'(?:^|\s)(?:首页|主页)\s*(?:>|>>|→|/|&gt;)', r'^\s*>{1,2}\S',
 r'^(?:返回顶部|返回首页|设为首页|加入收藏|无障碍|关怀版|简体|繁体|English)', r'(?:字体|字号|字號)\s*[:【\[]|【\s*打印\s*】|打印(?:整页|本页|内容)|^分享(?:到)?\s*:?\s*$|^(?:字体|字号|字號):?$',
 r'^(?:浏览|点击|阅读|访问)(?:次数|量|数|率)?\s*:', r'^[|\s]+$', r'^(?:点击下载|下载本文档|已阅读\d+页|版权说明|文档简介)', r'^(?:相关词条|热门词条|联系我们|相關詞條|熱門詞條|聯絡我們|主办|承办)', r'^#$', r'^首页$', r'^\S{0,12}(?:门户网站|政府信息公开|规章库)\s*\S{0,8}$', r'^(?:法制查询|工作报告|政府信息公开)$']
WIDGET = r'(?:今天是|今日|当前时间)|星期[一二三四五六日天]|周[一二三四五六日]\b|农历|℃'
LABELS = [(r'发布(?:日期|时间|于)|公开日期', 1), (r'(?<![成发印更生])日期|(?<![成发更生])时间', 2), (r'更新(?:日期|时间)', 3), (r'成文日期|发文日期|印发日期', 4), (r'生成日期', 5), (r'Published', 6)]
DATE = r'(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})'
DAYFIRST = r'(?<!\d)([0-2]?\d|3[01])\.(0?[1-9]|1[0-2])\.(\d{4})'
def ymd(m): return f'{int(m[0]):04d}-{int(m[1]):02d}-{int(m[2]):02d}'
METALINE = r'(?:索\s*引\s*号|发布机构|发文机构|主题分类|体裁分类|文\s*号|发文字号|有效性|信息来源|来源|主题词|名称|标\s*题|分类|公开目录|成文日期|发布日期|发布时间|生成日期|发文日期|更新时间|时间|日期|内容概述|关键词)\s*[:\]|]|^\[|\|.*\||^\s*[•·]|^\S*\d{6,}\S*/\d{4}-?\d+$|^\s*' + DATE + r'(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?\s*(?:来源.*)?$|^\s*' + DAYFIRST
LETTER_START = [r'^\S{2,30}文件$', r'^\S{1,10}〔\d{4}〕\d+号$', r'关于(?:报送|呈报|上报)[^\n]{0,40}(?:报告|情况)的(?:函|报告|请示)$']
LETTER_BODY = r'(?:现将|特将)[^。\n]{0,80}(?:呈送|报送|呈上|报上|报告如下)[^。\n]{0,20}(?:请审阅|请予审阅|请审示|请审议|请予审议|请阅)'
MEETING = r'^\s*——.{0,40}在.{0,60}会议上$'
SUBJ = r'法治政府|依法行政|法治建设|政府信息公|政府工作报告|解读|方案|法治|工作要点'
TITLE_END = r'(报告|要点|分工|分解|情况|通知|决定|意见|方案|解读|安排|计划|打算|总结|规则|指引|\(通用\d+篇\))$'

def zones(lines):
    kinds = []
    letter = False; seen_body = False
    for i, l in enumerate(lines):
        s = l.strip()
        k = 'text'
        if not s: k = 'blank'
        elif re.search(WIDGET, s): k = 'widget'
        elif any(re.search(p, s) for p in CHROME): k = 'chrome'
        elif re.search(MEETING, s): k = 'meeting'
        elif re.search(METALINE, s) and len(s) < 90 and not re.search(r'[。]', s): k = 'meta'
        kinds.append(k)
    # letter block
    for i, l in enumerate(lines[:40]):
        if any(re.search(p, l.strip()) for p in LETTER_START):
            for j in range(i, min(i + 12, len(lines))):
                if re.search(LETTER_BODY, lines[j]):
                    for k2 in range(j, min(j + 6, len(lines))):
                        if re.search(r'^\s*\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日\s*$', lines[k2]):
                            end = k2
                            while end + 1 < len(lines) and re.search(r'^\((?:此件公开发布)\)$|^附件\s*\d*:?$', lines[end + 1].strip()): end += 1
                            for x in range(i, end + 1): kinds[x] = 'letter' if kinds[x] != 'blank' else 'blank'
                            kinds.append(('letterdate', lines[k2]))
                            return kinds[:-1], ('letterdate', lines[k2])
                    break
            break
    return kinds, None

def strip_title(s):
    s = re.sub(r'^#?\S{1,8}〔\d{4}〕\d+号', '', s.strip())
    s = re.sub(r'^[\[【][^\]】]{1,8}[\]】]', '', s)
    s = re.sub(r'\s+' + DATE + r'.*$', '', s)
    return s.strip()

def find_title(lines, kinds):
    for i, (l, k) in enumerate(zip(lines, kinds)):
        if k != 'text': continue
        s = l.strip()
        if len(s) > 70 or '。' in s: return None, i
        if re.search(r'^[^,。]{2,40}:$', s): continue  # addressee
        t = strip_title(s)
        nxt = lines[i + 1].strip() if i + 1 < len(lines) else ''
        if not re.search(TITLE_END, t) and nxt.startswith('关于') and re.search(TITLE_END, nxt):
            return t + nxt, i
        if not re.search(TITLE_END, t) and re.search(TITLE_END, nxt) and len(nxt) < 40 and '。' not in nxt and re.search(SUBJ, t + nxt):
            return t + nxt, i
        if re.search(SUBJ, t) and re.search(TITLE_END, t): return t, i
        if re.search(r'(?:\(通用\d+篇\)|自查报告|述法报告|研究|故事|启示|公示)', t): return t, i
        return None, i
    return None, len(lines)

def outside_quotes(t): return re.sub(r'《[^》]*》', '', t)

def doc_type(title, text):
    head = text[:1200]
    masks = [r'(?<![A-Za-z])[xX]{1,3}(?:省|市|县|区|镇|乡|街道|局|村)', r'20[xX]{2}\s*年|[xX]\d{2,3}[xX]?\s*年|\d[xX]\d{2}年|第[xX](?![A-Za-z])',
             r'\*{1,2}(?:省|市|县|区|镇|乡|局|次|个|件|项|%)|＊|\*\*[^*\n]{1,12}\*\*', r'(?:○○|〇〇)(?:省|市|县|区|镇|乡|街道)', r'^某(?:省|市|县|区|镇|乡|街道)', r'(?:XX|××)(?:年|月|日)']
    tmpl = [r'下面是小编为大家整理|供大家参考|(?:公文)?范文|来源:\s*网友投稿|仅供参考|通用\d+篇', r'已阅读\d+页|下载本文档|本文档由用户提供并上传']
    nm = sum(1 for m in masks if re.search(m, head, re.M))
    if (title and any(re.search(m, title) for m in masks)) or nm >= 2 or sum(1 for c in tmpl if re.search(c, head)) >= 1 and nm >= 1 or sum(1 for c in tmpl if re.search(c, head)) >= 2 or re.search(r'小编', head) or re.search(r'已阅读\d+页', head):
        return 'other'
    spam = [r'一区二区|在线观看|免费观看|中文字幕|精品视频|福利视频', r'扫一扫加入微信交流群|掃一掃加入微信交流群', r'开题报告[\s\S]{0,40}社会实践报告']
    if any(re.search(p, head) for p in spam) or len(re.findall(r'[\p{Han}]\([a-zāáǎàōóǒòēéěèīíǐìūúǔùǖǘǚǜ]{1,6}\)', head)) >= 3 or re.search(r'(\S{8,})[\s\S]{10,}\1', head) and re.search(r'www\.[a-z0-9-]+\.(?:com|cn|net)', head):
        return 'other'
    order = [('other', r'解读|一图读懂|图解|问答|答记者问'), ('other', r'(?:政府)?信息公[开開](?:工作)?年度[报報]告|政务公[开開](?:工作)?(?:年度)?(?:工作)?情况|信息公开年报'),
             ('other', r'政府工作[报報]告'), ('other', r'述法报告|述职(?:述廉)?报告|第一责任人职责情况的报告'),
             ('work-plan', r'(?:法治政府建设|依法行政|法治建设)(?:(?!情况)[^《》]){0,12}(?:工作要点|要点及(?:责任|任务)分[工解]|重点工作(?:安排|任务)|工作安排|工作计划|任务分[工解])'),
             ('other', r'方案$|实施意见|工作规则|工作指引|管理办法|工作要点|白皮书|公示|通报|研究|故事|启示'),
             ('annual-report', r'(?:法治政府建设|依法行政)[^《》]{0,16}(?:报告|情况|工作打算)$')]
    if title:
        t = outside_quotes(title)
        for ty, p in order:
            if re.search(p, t): return ty
    # body cues
    cues = [('other', [r'数据统计(?:期限|时限|期)', r'主动公开政府信息情况|主动公开情况', r'依申请公开']), ('other', [r'各位代表:', r'向大会报告(?:政府)?工作', r'人民代表大会.{0,30}会议上']),
            ('other', [r'现(?:就有关内容)?解读如下', r'起草背景']), ('other', [r'制定本(?:方案|规则|指引|办法|工作指引)']), ('other', [r'^近日,', r'关键词:', r'^引言$', r'公示时间', r'通报如下'])]
    for ty, cs in cues:
        if sum(1 for c in cs if re.search(c, head, re.M)) >= 1 and any(re.search(c, head, re.M) for c in cs[:1] + cs[1:]):
            if ty == 'other' and (re.search(r'现(?:将|对)[^。\n]{0,40}报告如下', head) and not re.search(r'数据统计|各位代表', head)):
                continue
            return ty
    if len(re.findall(r'(?:责任|牵头|配合)(?:单位|科室)\s*:', text)) >= 2: return 'work-plan'
    return 'annual-report'

def report_year(title, lines, kinds):
    votes = {}
    def add(y, w):
        if 2000 <= y <= 2035: votes[y] = votes.get(y, 0) + w
    EXC = r'〔\d{4}〕|﹝\d{4}﹞|\[\d{4}\]|\d{4}\s*年?\s*[-—–~至]\s*\d{4}\s*年?|《[^》]{0,60}》|/\d{4}-\d+'
    def clean(s): return re.sub(EXC, lambda m: '#' * len(m.group(0)), s)
    if title:
        t = clean(title)
        ys = [int(y) for y in re.findall(r'(?<![\d〔\[(~至—–-])(\d{4})\s*年(?:度)?', t)]
        if len(ys) >= 2 and re.search(r'(?:打算|安排|计划)$', t): ys = ys[:1]
        for y in ys[:1]: add(y, 10)
    body = [(l, k) for l, k in zip(lines, kinds) if k == 'text']
    opening_done = 0
    for l, k in body:
        c = clean(l)
        for y in re.findall(r'现(?:将|对|就)[^。\n]{0,30}?(\d{4})\s*年(?:度)?[^。\n]{0,40}?(?:报告如下|汇报如下|总结如下)', c): add(int(y), 8)
        for y in re.findall(r'报告我(?:区|县|市|镇|乡|局)(\d{4})年', c): add(int(y), 6)
        m = re.match(r'^\s*(\d{4})\s*年(?:度)?(?:,|以来|是|在|里|全年)', c)
        if m and opening_done < 3: add(int(m.group(1)), 6)
        hm = re.match(r'^\s*[一二三四五六七八九十]+、(.*)$', c)
        if hm:
            h = hm.group(1)
            ys = re.findall(r'(\d{4})\s*年', h)
            if ys:
                y = int(ys[0])
                if re.search(r'安排|打算|计划|思路', h) and not re.search(r'不足|问题|第一责任人', h): add(y - 1, 3)
                else: add(y, 3)
        opening_done += 1
    if not votes: return 0
    y, w = max(votes.items(), key=lambda kv: (kv[1], -kv[0]))
    return y if w >= 6 else 0

def published(lines, kinds, meta, title_idx, letterdate):
    if meta.get('PubDate'):
        m = re.search(DATE, meta['PubDate']); return ymd(m.groups())
    cands = []
    n = len(lines)
    for i, (l, k) in enumerate(zip(lines, kinds)):
        if k in ('widget', 'meeting', 'letter'): continue
        if k == 'text' and i > title_idx + 2: continue
        s = l
        for lab, rank in LABELS:
            for m in re.finditer(r'(?:\[\s*)?(?:' + lab + r')\s*(?:\]\s*)?(?:[:|]\s*)?(?:\|\s*)?' + DATE, s):
                cands.append((rank, i, ymd(m.groups()[-3:])))
            # label alone, value below
            if re.search(r'^\s*[•·]?\s*(?:' + lab + r')\s*:?\s*$', s):
                for j in range(i + 1, min(i + 4, n)):
                    mm = re.search(DATE, lines[j])
                    if mm: cands.append((rank, i, ymd(mm.groups()))); break
        if k in ('meta', 'text') and not re.search(r'|'.join(l for l, _ in LABELS), s):
            mm = re.match(r'^\s*[•·]?\s*' + DATE + r'(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?\s*(?:来源.*)?$', s)
            if mm: cands.append((7, i, ymd(mm.groups())))
            mm = re.match(r'^\s*' + DAYFIRST + r'(?:\s+\d{1,2}:\d{2})?\s*$', s)
            if mm: d, mo, y = mm.groups(); cands.append((7, i, f'{int(y):04d}-{int(mo):02d}-{int(d):02d}'))
            mm = re.match(r'^\S{2,30}(?:人民政府|办公室|局)\s+' + DATE + r'\s*$', s)
            if mm: cands.append((7, i, ymd(mm.groups())))
        if i == title_idx:
            mm = re.search(r'\s' + DATE + r'\s*$', s)
            if mm: cands.append((8, i, ymd(mm.groups())))
    # signature of the report: last lines
    tail = [l.strip() for l in lines[-3:]]
    for s in tail:
        mm = re.match(r'^' + DATE + r'$', s.replace(' ', '')) or re.match(r'^(\d{4})年(\d{1,2})月(\d{1,2})日$', s)
        if mm: cands.append((9, 0, ymd(mm.groups())))
        cm = re.match(r'^([〇○零一二三四五六七八九]{4})年([一二三四五六七八九十]{1,2})月([一二三四五六七八九十]{1,3})日$', s)
        if cm:
            dig = {c: i for i, c in enumerate('〇一二三四五六七八九')}; dig['○'] = 0; dig['零'] = 0
            def cn(x):
                if x == '十': return 10
                if x.startswith('十'): return 10 + dig[x[1]]
                if x.endswith('十'): return dig[x[0]] * 10
                if '十' in x: return dig[x[0]] * 10 + dig[x[2]]
                return dig[x]
            y = int(''.join(str(dig[c]) for c in cm.group(1)))
            cands.append((9, 0, f'{y:04d}-{cn(cm.group(2)):02d}-{cn(cm.group(3)):02d}'))
    # 通知 wrapper date (own line, not last) in head
    for i, (l, k) in enumerate(zip(lines[:20], kinds[:20])):
        mm = re.match(r'^\s*(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日\s*(?:\(此件公开发布\))?(?:\s|$)', l)
        if mm and k != 'widget': cands.append((9, i, ymd(mm.groups())))
    if letterdate:
        mm = re.search(DATE, letterdate[1]); cands.append((10, 0, ymd(mm.groups())))
    if not cands: return ''
    cands.sort(key=lambda c: (c[0], c[1]))
    return cands[0][2]

exp = list(csv.DictReader(open(os.path.join(D, 'expected.tsv'), encoding='utf-8'), delimiter='\t'))
ok = {'t': 0, 'y': 0, 'd': 0}; nn = {'t': 0, 'y': 0, 'd': 0}; extra = 0
for e in exp:
    raw = open(os.path.join(D, e['file']), encoding='utf-8').read()
    meta = {}
    if e['file'].endswith('.html'):
        raw, meta = html_text(raw)
    text = norm(raw)
    lines = [l for l in text.split('\n')]
    lines = [l for l in lines if l.strip()]
    # single-line dumps: split at sentence-ish boundaries for the prototype
    if len(lines) <= 2 and len(text) > 300:
        lines = [x for x in re.split(r'(?<=。)|\s{1,}(?=[一二三四五六七八九十]+、)', text) if x and x.strip()]
    kinds, letterdate = zones(lines)
    title, ti = find_title(lines, kinds)
    if title is None and meta.get('ArticleTitle'): title = meta['ArticleTitle']
    dt = doc_type(title, '\n'.join(l for l, k in zip(lines, kinds) if k in ('text',)))
    y = report_year(title, lines, kinds)
    p = published(lines, kinds, meta, ti, letterdate)
    nn['t'] += 1; ok['t'] += dt == e['doc_type']
    if dt != e['doc_type']: print('TYPE', e['file'], e['doc_type'], dt, '|', title)
    if e['doc_type'] in ('annual-report', 'work-plan') and int(e['report_year']):
        nn['y'] += 1; ok['y'] += y == int(e['report_year'])
        if y != int(e['report_year']): print('YEAR', e['file'], e['report_year'], y, '|', title)
    if e['published']:
        nn['d'] += 1; ok['d'] += p == e['published']
        if p != e['published']: print('DATE', e['file'], e['published'], p)
    elif p: extra += 1; print('DATE+', e['file'], p)
for k in 'tyd': print(k, ok[k], nn[k], f'{100*ok[k]/nn[k]:.1f}%')
print('extra', extra)
