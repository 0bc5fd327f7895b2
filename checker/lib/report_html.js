/* report_html.js - the review report's script, embedded in the page by
 * report_html.c and allowed to run by its hash in the page's
 * Content-Security-Policy (nothing else on the page may run).
 *
 * Data, from script elements of type application/json:
 *   arc-meta  {v, rules: [{id, sev, d, b, on}], parts: [{id, name}],
 *             refs: [[path, text block]] (reports read with --previous:
 *             no row, only their text)}
 *   arc-rows  one object per report: p path, ti title, u unit, y year,
 *             ty document type, pub publication date, ps its source,
 *             fm reader, ok checked, why reason, pt part statuses (in
 *             meta.parts order), e/w/n counts, s score, t text block (-1:
 *             none), f findings [line, column, page, severity (0 info,
 *             1 warning, 2 error), rule, part, message, evidence(, other
 *             report's path, its line)]; from the checks across reports
 *             (when they ran): sm largest shared share, pi/pn plan items /
 *             not followed, sh shared passages [other path, line, column,
 *             other line, other column, characters, rule], pl plan items
 *             [plan path, its line, item, followed, line here, score]
 *   arc-t<k>  a report's text {x: text, h: [[line, level, label, text,
 *             part]], pg: [[line, page]]}, parsed only when the report is
 *             opened.
 * The texts come after this script in the file: the overview shows while
 * the browser still reads them.
 * Everything from a report reaches the page through textContent and text
 * nodes, never as markup.  ES5, for the older browsers of 信创 desktops. */
(function () {
  'use strict';
  var started = Date.now();

  var SEV = ['info', 'warning', 'error'];
  var SEV_ZH = {error: '错误', warning: '警告', info: '提示'};
  var PART_ZH = {heading: '有标题', prose: '仅正文', missing: '缺失'};
  var TYPE_ZH = {'annual-report': '年度报告', 'work-plan': '工作要点',
                 other: '其他文件'};
  var PUB_ZH = {label: '发布日期标签', title: '标题旁', signature: '落款',
                override: '命令行指定', meta: '网页元数据'};

  function data(id) {
    var e = document.getElementById(id);
    return e ? JSON.parse(e.textContent) : null;
  }
  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined && text !== null) e.textContent = String(text);
    return e;
  }
  function add(parent, child) {
    parent.appendChild(child);
    return child;
  }
  function link(text, href, cls) {
    var a = el('a', cls, text);
    a.href = href;
    return a;
  }

  var meta = data('arc-meta') || {rules: [], parts: []};
  var rows = data('arc-rows') || [];
  var app = document.getElementById('arc-app');
  var rules = {};
  meta.rules.forEach(function (r) { rules[r.id] = r; });
  /* Reports by path (the other side of a shared passage, a plan); a path
   * may be any string, "hasOwnProperty" or "__proto__" too. */
  function has(o, k) { return Object.prototype.hasOwnProperty.call(o, k); }
  var byPath = Object.create ? Object.create(null) : {};
  var refs = Object.create ? Object.create(null) : {};
  rows.forEach(function (r, k) { byPath[r.p] = k; });
  (meta.refs || []).forEach(function (x, j) { refs[x[0]] = j; });
  var RULE_ZH = {'copy.between-units': '与其他单位的报告雷同',
                 'copy.previous-year': '与上年报告雷同'};
  /* The report pairs (crossPairs) and the overview's sections about them
   * (built when opened or printed). */
  var pairs = null, crossBuilt = [];
  /* Made at the first sort by text: loading the collation data is not
   * free, and the overview does not need it to show. */
  var collator;

  function cmpText(a, b) {
    if (collator === undefined)
      collator = window.Intl && Intl.Collator ?
        new Intl.Collator('zh-CN', {numeric: true}) : null;
    if (collator) return collator.compare(a, b);
    return a < b ? -1 : a > b ? 1 : 0;
  }
  function baseName(p) {
    var i = p.lastIndexOf('/');
    return i >= 0 ? p.slice(i + 1) : p;
  }
  function titleOf(r) { return r.ti || baseName(r.p); }
  function where(f) {
    if (!f[0]) return '全文';
    return '第 ' + f[0] + ' 行' + (f[2] ? '（第 ' + f[2] + ' 页）' : '');
  }

  /* ------------------------------------------------------------ overview */

  var view = {sort: -1, dir: 1, sev: '', rule: '', text: '', order: [],
              current: -1, pair: null};
  var ov = add(app, el('main', 'overview'));
  var rv = add(app, el('main', 'report'));
  rv.hidden = true;

  var cols = [
    {h: '单位', v: function (r) { return r.u; }, cls: 'unit'},
    {h: '标题', v: titleOf, link: true, cls: 'title'},
    {h: '年度', v: function (r) { return r.y || null; }, num: true},
    {h: '类型', v: function (r) { return TYPE_ZH[r.ty] || r.ty; }, cls: 'nw'},
    {h: '发布日期', v: function (r) { return r.pub; }, cls: 'nw'}
  ];
  meta.parts.forEach(function (p, i) {
    cols.push({h: p.name, part: i, v: function (r) {
      return r.pt[i] ? PART_ZH[r.pt[i]] || r.pt[i] : '';
    }});
  });
  var anyShared = false, anyPlan = false;
  rows.forEach(function (r) {
    if (r.sm !== undefined) anyShared = true;
    if (r.pi !== undefined) anyPlan = true;
  });
  cols.push(
    {h: '错误', v: function (r) { return r.e; }, num: true, sev: 'e'},
    {h: '警告', v: function (r) { return r.w; }, num: true, sev: 'w'},
    {h: '提示', v: function (r) { return r.n; }, num: true, sev: 'i'},
    {h: '得分', v: function (r) { return r.ok ? r.s : null; }, num: true,
     cls: 'score'});
  /* The checks across reports, when they compared anything. */
  if (anyShared)
    cols.push({h: '最大雷同', v: function (r) {
      return r.sm === undefined ? null : Math.round(r.sm * 100);
    }, num: true, pct: true, cls: 'shared'});
  if (anyPlan)
    cols.push({h: '计划未落实', v: function (r) {
      return r.pi === undefined ? null : r.pn;
    }, num: true, cls: 'plan'});
  cols.push({h: '文件', v: function (r) { return r.p; }, cls: 'path'});
  /* Fixed widths (rem) for a fixed table layout: the browser lays out
   * the rows without measuring every cell first; the title takes the
   * rest. */
  var WIDTH = {unit: 8.2, title: 0, nw: 5.8, num: 3.2, part: 4.4, score: 3.4,
               shared: 4, plan: 4.4, path: 10};

  function totals() {
    var checked = 0, unchecked = [], by = {}, e = 0, w = 0, n = 0;
    var scores = 0, clean = 0;
    rows.forEach(function (r, k) {
      if (r.ok) {
        checked++;
        if (r.s !== null && r.s !== undefined) scores += r.s;
        if (!r.f.length) clean++;
      } else {
        unchecked.push(k);
      }
      e += r.e; w += r.w; n += r.n;
      r.f.forEach(function (f) { by[f[4]] = (by[f[4]] || 0) + 1; });
    });
    var box = add(ov, el('section', 'totals'));
    var cards = add(box, el('div', 'cards'));
    function card(cls, num, label) {
      var c = add(cards, el('div', 'card ' + cls));
      add(c, el('b', null, num));
      add(c, el('span', null, label));
    }
    card('', checked, '份报告已检查');
    card(unchecked.length ? 'e' : '', unchecked.length, '个文件无法检查');
    card('e', e, '个错误');
    card('w', w, '个警告');
    card('i', n, '个提示');
    card('', clean, '份报告没有问题');
    if (checked) card('', (scores / checked).toFixed(1), '平均得分');

    if (unchecked.length) {
      var d = add(box, el('details'));
      d.open = unchecked.length <= 10;
      add(d, el('summary', null, '无法检查的文件（' + unchecked.length +
                                 ' 个）及原因'));
      var ul = add(d, el('ul', 'unchecked'));
      unchecked.forEach(function (k) {
        var li = add(ul, el('li'));
        add(li, link(rows[k].p, '#r' + k));
        add(li, el('span', 'why', '：' + rows[k].why));
      });
    }

    var ids = [];
    meta.rules.forEach(function (r) { if (r.on || by[r.id]) ids.push(r.id); });
    Object.keys(by).forEach(function (id) {
      if (!rules[id]) ids.push(id);
    });
    /* Findings by rule at a glance: one button per rule that found
     * something (it filters the table); the rules' full text below. */
    var chips = add(box, el('div', 'chips'));
    add(chips, el('span', 'label', '问题按规则：'));
    ids.forEach(function (id) {
      if (!by[id]) return;
      var r = rules[id] || {sev: '', d: ''};
      var b = add(chips, el('button', 'chip sev-' + r.sev));
      b.type = 'button';
      add(b, el('span', null, id));
      add(b, el('b', null, by[id]));
      b.title = (r.d ? r.d + '\n' : '') + '点击只看有这条规则问题的报告';
      b.onclick = function () { setRule(id); };
    });
    if (!Object.keys(by).length) add(chips, el('span', null, '没有'));
    var dr = add(box, el('details'));
    add(dr, el('summary', null, '规则说明（' + ids.length + ' 条）'));
    var t = add(dr, el('table', 'rules'));
    var hr = add(add(t, el('thead')), el('tr'));
    ['规则', '级别', '说明', '依据', '问题数'].forEach(function (h) {
      add(hr, el('th', null, h));
    });
    var tb = add(t, el('tbody'));
    ids.forEach(function (id) {
      var r = rules[id] || {id: id, sev: '', d: '', b: ''};
      var tr = add(tb, el('tr'));
      add(tr, el('td', null, id));
      add(tr, el('td', null, SEV_ZH[r.sev] || r.sev));
      add(tr, el('td', null, r.d));
      add(tr, el('td', null, r.b));
      add(tr, el('td', 'n', by[id] || 0));
    });
    crossSections(box);
    return by;
  }

  var byRule = totals();
  var bar = add(ov, el('div', 'filters'));
  function control(label, tag) {
    var l = add(bar, el('label', null, label));
    return add(l, el(tag));
  }
  var sevSel = control('级别', 'select');
  [['', '全部报告'], ['error', '有错误'], ['warning', '有警告'],
   ['info', '有提示'], ['clean', '没有问题'], ['unchecked', '无法检查']]
    .forEach(function (o) {
      var opt = add(sevSel, el('option', null, o[1]));
      opt.value = o[0];
    });
  var ruleSel = control('规则', 'select');
  add(ruleSel, el('option', null, '全部规则')).value = '';
  Object.keys(byRule).sort().forEach(function (id) {
    var d = rules[id] ? rules[id].d : '';
    if (d.length > 24) d = d.slice(0, 24) + '…';
    add(ruleSel, el('option', null, id + '（' + byRule[id] + '）' +
                    (d ? ' ' + d : ''))).value = id;
  });
  var textIn = control('查找', 'input');
  textIn.type = 'search';
  textIn.placeholder = '单位、标题、文件名或问题说明';
  var count = add(bar, el('span', 'count'));
  var clear = add(bar, el('button', 'linkish', '清除筛选'));
  clear.type = 'button';

  var table = add(ov, el('table', 'ov'));
  var colgroup = add(table, el('colgroup'));
  cols.forEach(function (c) {
    var w = c.part !== undefined ? WIDTH.part : c.cls in WIDTH ? WIDTH[c.cls] :
            c.num ? WIDTH.num : WIDTH.nw;
    var ce = add(colgroup, el('col'));
    if (w) ce.style.width = w + 'rem';
  });
  var headRow = add(add(table, el('thead')), el('tr'));
  var ths = cols.map(function (c, i) {
    var th = add(headRow, el('th', c.part !== undefined ? 'part' :
                             c.cls === 'title' ? 'title' : ''));
    var b = add(th, el('button', null, c.h));
    b.type = 'button';
    b.title = '按“' + c.h + '”排序';
    b.onclick = function () {
      view.dir = view.sort === i ? -view.dir : (c.num ? -1 : 1);
      view.sort = i;
      render();
    };
    return th;
  });
  var tbody = add(table, el('tbody'));
  var trs = [];
  /* Rows are put in the table in chunks: FIRST at once (a few screens),
   * CHUNK more when the end of the table comes near the screen (or on
   * 显示更多), all of them before printing.  Sorting and filtering work on
   * the data of every row; only the DOM is partial. */
  var FIRST = 100, CHUNK = 200, shown = 0;
  var more = add(ov, el('div', 'more'));
  var moreBtn = add(more, el('button', 'linkish'));
  moreBtn.type = 'button';
  moreBtn.onclick = function () { showRows(shown + CHUNK); };

  function makeRow(k) {
    var r = rows[k], tr = el('tr', r.ok ? '' : 'unchecked');
    tr.id = 'arc-row-' + k;
    cols.forEach(function (c) {
      var v = c.v(r), td = add(tr, el('td', c.cls || ''));
      var s = v === null || v === undefined ? '' : String(v);
      if (c.link) {
        add(td, link(s, '#r' + k));
      } else {
        td.textContent = s;
      }
      if (c.pct && s) td.textContent = s + '%';
      if (c.num) td.className += ' num';
      if (c.sev) td.className += ' ' + (v ? c.sev : 'zero');
      if (c.part !== undefined) td.className += ' part ' + (r.pt[c.part] || '');
      if (c.cls === 'score' && v !== null && v < 60) td.className += ' low';
    });
    return tr;
  }

  function haystack(r) {
    if (r.hay === undefined) {
      var parts = [r.u, r.ti, r.p];
      r.f.forEach(function (f) { parts.push(f[4], f[6], f[7]); });
      r.hay = parts.join('\n').toLowerCase();
    }
    return r.hay;
  }

  function matches(r) {
    switch (view.sev) {
    case 'error': if (!r.e) return false; break;
    case 'warning': if (!r.w) return false; break;
    case 'info': if (!r.n) return false; break;
    case 'clean': if (!r.ok || r.f.length) return false; break;
    case 'unchecked': if (r.ok) return false; break;
    }
    if (view.rule) {
      var found = false;
      for (var i = 0; i < r.f.length && !found; i++)
        found = r.f[i][4] === view.rule;
      if (!found) return false;
    }
    return !view.text || haystack(r).indexOf(view.text) >= 0;
  }

  function render() {
    var order = [];
    for (var k = 0; k < rows.length; k++)
      if (matches(rows[k])) order.push(k);
    if (view.sort >= 0) {
      var c = cols[view.sort], dir = view.dir;
      var keys = rows.map(function (r) { return c.v(r); });
      order.sort(function (a, b) {
        var x = keys[a], y = keys[b];
        var ex = x === null || x === undefined || x === '';
        var ey = y === null || y === undefined || y === '';
        if (ex || ey) return ex && ey ? a - b : ex ? 1 : -1;
        var d = c.num ? x - y : cmpText(String(x), String(y));
        return d ? d * dir : a - b;
      });
    }
    ths.forEach(function (th, i) {
      if (i === view.sort)
        th.setAttribute('aria-sort', view.dir > 0 ? 'ascending' : 'descending');
      else
        th.removeAttribute('aria-sort');
    });
    tbody.textContent = '';
    shown = 0;
    view.order = order;
    count.textContent = '显示 ' + order.length + ' / ' + rows.length + ' 份';
    showRows(FIRST);
  }

  /* Puts the rows of view.order up to n in the table. */
  function showRows(n) {
    var order = view.order, end = Math.min(n, order.length);
    if (end > shown) {
      var frag = document.createDocumentFragment();
      for (var i = shown; i < end; i++)
        frag.appendChild(trs[order[i]] || (trs[order[i]] = makeRow(order[i])));
      tbody.appendChild(frag);
      shown = end;
    }
    more.hidden = shown >= order.length;
    moreBtn.textContent = '显示更多（还有 ' + (order.length - shown) + ' 份）';
  }
  if (window.IntersectionObserver) {
    new IntersectionObserver(function (es) {
      if (es[0].isIntersecting && !ov.hidden) showRows(shown + CHUNK);
    }, {rootMargin: '800px'}).observe(more);
  }

  function setRule(id) {
    view.rule = id;
    ruleSel.value = id;
    render();
    bar.scrollIntoView();
  }
  sevSel.onchange = function () { view.sev = sevSel.value; render(); };
  ruleSel.onchange = function () { view.rule = ruleSel.value; render(); };
  var typing = null;
  textIn.oninput = function () {
    clearTimeout(typing);
    typing = setTimeout(function () {
      view.text = textIn.value.trim().toLowerCase();
      render();
    }, 150);
  };
  clear.onclick = function () {
    view.sev = view.rule = view.text = '';
    sevSel.value = ruleSel.value = textIn.value = '';
    render();
  };

  /* ---------------------------------------------------------- one report */

  /* The text is normalised (full-width forms folded, as archeck reads it);
   * evidence quotes the original: fold it the same way before looking. */
  function fold(s) {
    return s.replace(/[\uFF01-\uFF5E]/g, function (c) {
      return String.fromCharCode(c.charCodeAt(0) - 0xFEE0);
    }).replace(/[\u3000\u00A0\u2002-\u200A\u202F\u205F]/g, ' ')
      .replace(/[\u200B-\u200D\u2060\uFEFF]/g, '');
  }

  /* UTF-16 index of code point n of s (columns count characters). */
  function cpIndex(s, n) {
    var i = 0;
    while (n > 0 && i < s.length) {
      var c = s.charCodeAt(i);
      i += c >= 0xD800 && c <= 0xDBFF && i + 1 < s.length ? 2 : 1;
      n--;
    }
    return i;
  }

  /* Where finding f sits in line s: its evidence nearest to its column,
   * else from its column (to the end of the line without evidence). */
  function locate(s, f) {
    var a = cpIndex(s, Math.max(0, f[1] - 1)), ev = fold(f[7] || '');
    var nl = ev.indexOf('\n');
    if (nl >= 0) ev = ev.slice(0, nl);
    var b = s.length;
    if (ev) {
      var best = -1, i = s.indexOf(ev);
      while (i >= 0) {
        if (best < 0 || Math.abs(i - a) < Math.abs(best - a)) best = i;
        i = s.indexOf(ev, i + 1);
      }
      if (best >= 0) return [best, best + ev.length];
      b = Math.min(s.length, a + ev.length);
    }
    if (a >= s.length) a = Math.max(0, s.length - 1);
    return [a, Math.max(a, b)];
  }

  /* Fills a line's text: the heading's own words (before `split`) in
   * bold, each finding's span marked in its severity's colour (the worst
   * where findings overlap, all their messages in the tooltip). */
  function fillLine(tx, s, split, js, fs) {
    var spans = (js || []).map(function (j) {
      var r = locate(s, fs[j]);
      return {a: r[0], b: r[1], j: j, sev: fs[j][3]};
    });
    var cuts = [0, s.length, split];
    spans.forEach(function (sp) { cuts.push(sp.a, sp.b); });
    cuts.sort(function (x, y) { return x - y; });
    var head = null;
    for (var i = 0; i + 1 < cuts.length; i++) {
      var a = cuts[i], b = cuts[i + 1];
      if (a === b) continue;
      var sev = -1, titles = [], ids = [];
      spans.forEach(function (sp) {
        if (sp.a <= a && sp.b >= b) {
          sev = Math.max(sev, sp.sev);
          titles.push(SEV_ZH[SEV[sp.sev]] + '：' + fs[sp.j][6]);
          ids.push(sp.j);
        }
      });
      var into = tx;
      if (a < split) into = head || (head = add(tx, el('strong', 'ht')));
      if (sev < 0) {
        into.appendChild(document.createTextNode(s.slice(a, b)));
      } else {
        var m = add(into, el('mark', 'sev-' + SEV[sev], s.slice(a, b)));
        m.title = titles.join('\n');
        m.setAttribute('data-f', ids.join(' '));
      }
    }
  }

  function note(f, j) {
    var d = el('div', 'note sev-' + SEV[f[3]]);
    d.id = 'arc-f' + j;
    add(d, el('span', 'badge', SEV_ZH[SEV[f[3]]]));
    add(d, el('span', 'msg', f[6]));
    add(d, el('code', 'rule', f[4]));
    var r = rules[f[4]];
    if (r && r.d) add(d, el('span', 'desc', r.d));
    if (r && r.b) add(d, el('span', 'basis', '依据：' + r.b));
    if (f[8]) {
      /* The other report of a check across reports. */
      var o = otherRef(f[8]), at = otherName(f[8]) + (f[9] ? ' 第 ' + f[9] + ' 行' : '');
      var rel = add(d, el('span', 'related', '另一份报告：'));
      if (o && o.charAt(0) === 'r') add(rel, link(at, '#' + o + (f[9] ? '/l' + f[9] : '')));
      else rel.appendChild(document.createTextNode(at));
      var h = RULE_ZH[f[4]] && view.current >= 0 ? pairHref(view.current, f[8]) : null;
      if (h) {
        rel.appendChild(document.createTextNode(' '));
        add(rel, link('并排对照', h));
      }
    }
    return d;
  }

  function facts(box, r) {
    var dl = add(box, el('dl', 'facts'));
    function fact(k, v, cls) {
      if (v === null || v === undefined || v === '') return;
      var d = add(dl, el('div', cls));
      add(d, el('dt', null, k));
      add(d, el('dd', null, v));
    }
    fact('单位', r.u);
    fact('报告年度', r.y || '');
    fact('文件类型', TYPE_ZH[r.ty] || r.ty);
    fact('发布日期', r.pub ? r.pub + (PUB_ZH[r.ps] ? '（' + PUB_ZH[r.ps] + '）' : '')
                           : r.ok ? '未识别' : '');
    meta.parts.forEach(function (p, i) {
      if (r.pt[i]) fact(p.name, PART_ZH[r.pt[i]] || r.pt[i], 'part ' + r.pt[i]);
    });
    fact('问题', r.e + ' 个错误，' + r.w + ' 个警告，' + r.n + ' 个提示');
    fact('得分', r.ok ? r.s : '未评分（无法检查）');
    fact('文件', r.p);
    fact('读取格式', r.fm);
  }

  function splitLines(x) {
    var lines = x.split('\n');
    if (lines.length > 1 && lines[lines.length - 1] === '') lines.pop();
    return lines;
  }

  function renderText(box, blk, lines, r) {
    var heads = {}, pages = {}, byLine = {};
    (blk.h || []).forEach(function (h) { heads[h[0]] = h; });
    (blk.pg || []).forEach(function (p) { pages[p[0]] = p[1]; });
    r.f.forEach(function (f, j) {
      if (f[0] > 0 && f[0] <= lines.length)
        (byLine[f[0]] = byLine[f[0]] || []).push(j);
    });
    var frag = document.createDocumentFragment();
    for (var i = 0; i < lines.length; i++) {
      var n = i + 1, h = heads[n], js = byLine[n];
      if (pages[n]) frag.appendChild(el('div', 'page', '第 ' + pages[n] + ' 页'));
      var ln = el(h ? 'h' + Math.min(h[1] + 1, 6) : 'div',
                  'ln' + (lines[i] ? '' : ' empty'));
      ln.id = 'arc-l' + n;
      add(ln, el('span', 'no', n));
      var tx = add(ln, el('span', 'tx')), split = 0;
      if (h) split = Math.min(h[2], lines[i].length);
      if (js || split) fillLine(tx, lines[i], split, js, r.f);
      else tx.textContent = lines[i];
      frag.appendChild(ln);
      if (js) js.forEach(function (j) { frag.appendChild(note(r.f[j], j)); });
    }
    box.appendChild(frag);
  }

  function build(k) {
    var r = rows[k];
    view.current = k;
    rv.textContent = '';
    var nav = add(rv, el('nav', 'rnav'));
    add(nav, link('← 返回总览', '#'));
    var pos = view.order.indexOf(k), order = view.order;
    if (pos < 0) {
      order = rows.map(function (x, i) { return i; });
      pos = k;
    }
    if (pos > 0) add(nav, link('上一份', '#r' + order[pos - 1]));
    if (pos + 1 < order.length) add(nav, link('下一份', '#r' + order[pos + 1]));
    add(nav, el('span', null, '第 ' + (pos + 1) + ' / ' + order.length + ' 份'));
    add(rv, el('h1', null, titleOf(r)));
    facts(rv, r);
    if (!r.ok) add(rv, el('p', 'unreadable', '无法检查：' + r.why));
    crossOfReport(k);

    var blk = r.t >= 0 ? data('arc-t' + r.t) : null;
    var lines = blk ? splitLines(blk.x) : [];
    var whole = [];
    r.f.forEach(function (f, j) {
      if (!f[0] || f[0] > lines.length) whole.push(j);
    });
    if (whole.length && blk) {
      var dn = add(rv, el('section', 'docnotes'));
      add(dn, el('h2', null, '全文问题'));
      whole.forEach(function (j) { dn.appendChild(note(r.f[j], j)); });
    }
    if (r.f.length) {
      add(rv, el('h2', null, '问题列表（' + r.f.length + ' 个）'));
      var ol = add(rv, el('ol', 'flist'));
      r.f.forEach(function (f, j) {
        var li = add(ol, el('li', 'sev-' + SEV[f[3]]));
        add(li, el('span', 'pos', where(f)));
        add(li, el('span', 'badge', SEV_ZH[SEV[f[3]]]));
        add(li, link(f[6], '#r' + k + '/f' + j));
        add(li, el('code', 'rule', f[4]));
      });
    } else if (r.ok) {
      add(rv, el('p', null, '没有发现问题。'));
    }
    if (blk) {
      add(rv, el('h2', null, '正文（archeck 读到的文字，行号与审计表一致）'));
      renderText(add(rv, el('section', 'doc')), blk, lines, r);
    } else if (r.ok) {
      add(rv, el('p', 'empty-text', '本报告未附正文。'));
    }
  }

  /* ------------------------------------------------ checks across reports */

  /* The other report named by path: a row ('r' + k), a reference text
   * ('x' + j) or nothing in this page (null). */
  function otherRef(path) {
    if (has(byPath, path)) return 'r' + byPath[path];
    if (has(refs, path)) return 'x' + refs[path];
    return null;
  }
  function otherName(path) {
    var k = has(byPath, path) ? byPath[path] : -1;
    return k >= 0 ? (rows[k].u ? rows[k].u + '：' : '') + titleOf(rows[k])
                  : baseName(path);
  }

  /* The report pairs that share passages: one entry per rule and pair of
   * reports (a copy between units is found in both; it is listed once),
   * seen from the report whose passages are counted. */
  function crossPairs() {
    if (pairs) return pairs;
    pairs = [];
    var seen = {};
    rows.forEach(function (r, k) {
      (r.sh || []).forEach(function (s) {
        var key = s[6] + '\n' + (r.p < s[0] ? r.p + '\n' + s[0] : s[0] + '\n' + r.p);
        var p = seen[key];
        if (p === undefined) {
          p = seen[key] = pairs.length;
          pairs.push({k: k, other: s[0], rule: s[6], n: 0});
        }
        if (pairs[p].k === k) pairs[p].n++;
      });
    });
    return pairs;
  }
  function pairHref(k, other) {
    var o = otherRef(other);
    return o ? '#c' + k + '-' + o : null;
  }

  function crossSections(box) {
    var np = 0, nu = 0;
    rows.forEach(function (r) {
      if (r.sh && r.sh.length) np++;
      if (r.pl && r.pl.length) nu++;
    });
    /* Built when opened: a batch of thousands may list many. */
    function lazy(title, fill) {
      var d = add(box, el('details', 'cross'));
      add(d, el('summary', null, title));
      var body = add(d, el('div'));
      var done = false;
      function build() {
        if (!done) fill(body);
        done = true;
      }
      d.addEventListener('toggle', function () { if (d.open) build(); });
      crossBuilt.push(build);
      return d;
    }
    if (np) {
      lazy('报告之间的相同段落（' + np + ' 份报告）', function (body) {
        var t = add(body, el('table', 'rules pairs'));
        var hr = add(add(t, el('thead')), el('tr'));
        ['情形', '报告', '另一份报告', '相同段落', ''].forEach(
          function (h) { add(hr, el('th', null, h)); });
        var tb = add(t, el('tbody'));
        crossPairs().forEach(function (p) {
          var tr = add(tb, el('tr'));
          add(tr, el('td', null, RULE_ZH[p.rule] || p.rule));
          add(add(tr, el('td')), link(otherName(rows[p.k].p), '#r' + p.k));
          var o = otherRef(p.other), td = add(tr, el('td'));
          if (o && o.charAt(0) === 'r') add(td, link(otherName(p.other), '#' + o));
          else td.textContent = p.other;
          add(tr, el('td', 'n', p.n + ' 处'));
          var h = pairHref(p.k, p.other);
          td = add(tr, el('td'));
          if (h) add(td, link('并排对照', h));
        });
      });
    }
    if (nu) {
      lazy('上年计划的落实情况（' + nu + ' 个单位）', function (body) {
        rows.forEach(function (r, k) {
          if (!r.pl || !r.pl.length) return;
          var h = add(body, el('h3', 'plan-unit'));
          add(h, link((r.u || '') + ' ' + titleOf(r), '#r' + k));
          h.appendChild(document.createTextNode(
            '：' + r.pl.length + ' 项，未落实 ' + notFollowed(r) + ' 项'));
          planTable(body, r, k);
        });
      });
    }
  }
  function buildCross() { crossBuilt.forEach(function (f) { f(); }); }
  function notFollowed(r) {
    var n = 0;
    r.pl.forEach(function (p) { if (!p[3]) n++; });
    return n;
  }

  /* The plan follow-up of report k: each item of the earlier plan, where
   * it was planned, whether a measure here addresses it and which. */
  function planTable(box, r, k) {
    var t = add(box, el('table', 'rules plan'));
    var hr = add(add(t, el('thead')), el('tr'));
    ['序号', '计划事项', '出处', '落实情况', '本报告中对应的段落'].forEach(
      function (h) { add(hr, el('th', null, h)); });
    var tb = add(t, el('tbody'));
    r.pl.forEach(function (p, i) {
      var tr = add(tb, el('tr', p[3] ? 'followed' : 'not-followed'));
      add(tr, el('td', 'n', i + 1));
      add(tr, el('td', null, p[2]));
      var o = otherRef(p[0]), td = add(tr, el('td'));
      var at = otherName(p[0]) + (p[1] ? ' 第 ' + p[1] + ' 行' : '');
      if (o && o.charAt(0) === 'r') add(td, link(at, '#' + o + (p[1] ? '/l' + p[1] : '')));
      else td.textContent = at;
      add(tr, el('td', 'status', p[3] ? '已落实' : '未落实'));
      td = add(tr, el('td'));
      if (p[4]) {
        if (!p[3]) td.appendChild(document.createTextNode('最接近：'));
        add(td, link('第 ' + p[4] + ' 行', '#r' + k + '/l' + p[4]));
        td.appendChild(document.createTextNode(
          '（相关度 ' + Math.round(p[5] * 100) + '%）'));
      } else {
        td.textContent = '没有';
      }
    });
  }

  /* In report k's view: the reports it shares passages with and its plan
   * follow-up. */
  function crossOfReport(k) {
    var r = rows[k];
    var mine = crossPairs().filter(function (p) {
      return p.k === k || p.other === r.p;
    });
    if (mine.length) {
      var sec = add(rv, el('section', 'pairs'));
      add(sec, el('h2', null, '与其他报告相同的段落'));
      var ul = add(sec, el('ul'));
      mine.forEach(function (p) {
        var other = p.k === k ? p.other : rows[p.k].p;
        var li = add(ul, el('li'));
        li.appendChild(document.createTextNode(
          (RULE_ZH[p.rule] || p.rule) + '：' + otherName(other) + '，' + p.n +
          ' 处相同段落 '));
        var h = p.k === k ? pairHref(k, p.other) : '#c' + p.k + '-r' + k;
        if (h) add(li, link('并排对照', h));
      });
    }
    if (r.pl && r.pl.length) {
      var ps = add(rv, el('section', 'plan'));
      ps.id = 'arc-plan';
      add(ps, el('h2', null, '上年计划的落实情况（' + r.pl.length +
                              ' 项，未落实 ' + notFollowed(r) + ' 项）'));
      planTable(ps, r, k);
    }
  }

  /* Kept characters, as the copy checks compare texts: CJK ideographs,
   * 〇 and digits (punctuation, spaces, Latin and line breaks skipped). */
  function kept(c) {
    return (c >= 0x4E00 && c <= 0x9FFF) || (c >= 48 && c <= 57) ||
      c === 0x3007 || (c >= 0x3400 && c <= 0x4DBF) ||
      (c >= 0xF900 && c <= 0xFAFF) || (c >= 0xD840 && c <= 0xD8BF);
  }

  /* Up to max kept characters of lines from (line, column), 1-based,
   * column in characters, forward (back = 0) or backward from just before
   * it (back = 1, the nearest first): their code units and places. */
  function keptFrom(lines, line, col, max, back) {
    var out = {c: [], ln: [], at: [], len: []};
    var l = line - 1, s = lines[l] || '';
    var i = cpIndex(s, Math.max(0, col - 1)) - back;
    while (l >= 0 && l < lines.length && out.c.length < max) {
      if (i < 0 || i >= s.length) {
        l += back ? -1 : 1;
        s = lines[l] || '';
        i = back ? s.length - 1 : 0;
        continue;
      }
      var c = s.charCodeAt(i), w = 1;
      if (c >= 0xDC00 && c <= 0xDFFF && back && i > 0) {
        i--;
        c = s.charCodeAt(i);
        w = 2;
      } else if (c >= 0xD800 && c <= 0xDBFF) {
        w = 2;
      }
      if (kept(c)) {
        out.c.push(s.substr(i, w));
        out.ln.push(l + 1);
        out.at.push(i);
        out.len.push(w);
      }
      i += back ? -1 : w;
    }
    return out;
  }

  /* Marks the characters a passage of n kept characters shares on both
   * sides.  The checks give where its first fingerprint starts (the
   * shared text may begin up to a window earlier) and how many kept
   * characters it covers: walked back from the two starts while they
   * agree, then forward, re-synchronised past what differs (a unit's
   * name, a changed number) while the passage lasts, and on past its
   * length while they still agree.  Adds the spans to ma / mb: line ->
   * [[from, to, passage]].  Returns how many kept characters it marked on
   * each side. */
  function alignPassage(la, lb, s, j, ma, mb) {
    var PA = keptFrom(la, s[1], s[2], 40, 1), PB = keptFrom(lb, s[3], s[4], 40, 1);
    var nb = 0, ia = [], ib = [];
    while (nb < PA.c.length && nb < PB.c.length && PA.c[nb] === PB.c[nb]) nb++;
    /* The last few characters of an earlier line agreeing is chance. */
    var m = 0;
    while (nb && PA.ln[nb - 1] !== s[1] && m < nb && PA.ln[nb - 1 - m] === PA.ln[nb - 1]) m++;
    if (m && m < 6) nb -= m;
    for (var t = nb - 1; t >= 0; t--) {
      ia.push(t);
      ib.push(t);
    }
    spans(PA, ia, ma, j, -1);
    spans(PB, ib, mb, j, -1);
    var A = keptFrom(la, s[1], s[2], s[5] + 80, 0);
    var B = keptFrom(lb, s[3], s[4], s[5] + 80, 0);
    var i = 0, q = 0, got = nb, run = 0, kept0 = 0;
    ia = [];
    ib = [];
    function same(x, y, n) {
      for (var u = 0; u < n; u++)
        if (x + u >= A.c.length || y + u >= B.c.length || A.c[x + u] !== B.c[y + u])
          return false;
      return true;
    }
    while (i < A.c.length && q < B.c.length) {
      if (A.c[i] === B.c[q]) {
        ia.push(i++);
        ib.push(q++);
        got++;
        run++;
        continue;
      }
      if (got >= s[5]) break;
      var found = false;
      for (var d = 1; d <= 40 && !found; d++)
        for (var di = 0; di <= d && !found; di++)
          if (same(i + di, q + d - di, 6)) {
            i += di;
            q += d - di;
            found = true;
          }
      if (!found) break;
      got++; /* a name counts one character in the checks */
      kept0 = ia.length;
      run = 0;
    }
    /* A last stretch of a few agreeing characters after a difference is
     * chance, not the passage. */
    if (run < 6 && kept0) {
      ia.length = kept0;
      ib.length = kept0;
    }
    /* So are the first few of a later line. */
    var last = ia.length ? A.ln[ia[ia.length - 1]] : 0;
    m = 0;
    while (m < ia.length && A.ln[ia[ia.length - 1 - m]] === last) m++;
    if (m < 6 && m < ia.length) {
      ia.length -= m;
      ib.length -= m;
    }
    spans(A, ia, ma, j, 1);
    spans(B, ib, mb, j, 1);
    return nb + ia.length;
  }

  /* Runs of consecutive kept characters on one line, as spans of that
   * line (what lies between two of them, punctuation included, too). */
  function spans(K, idx, into, j, dir) {
    for (var t = 0; t < idx.length;) {
      var u = t;
      while (u + 1 < idx.length && idx[u + 1] === idx[u] + dir &&
             K.ln[idx[u + 1]] === K.ln[idx[t]])
        u++;
      var line = K.ln[idx[t]], x = K.at[idx[t]], y = K.at[idx[u]];
      (into[line] = into[line] || []).push(
        [Math.min(x, y), Math.max(x + K.len[idx[t]], y + K.len[idx[u]]), j]);
      t = u + 1;
    }
  }

  function textOf(ref) {
    var blk = null;
    if (ref.charAt(0) === 'r') {
      var r = rows[+ref.slice(1)];
      blk = r && r.t >= 0 ? data('arc-t' + r.t) : null;
    } else if (meta.refs && meta.refs[+ref.slice(1)]) {
      blk = data('arc-t' + meta.refs[+ref.slice(1)][1]);
    }
    return blk ? splitLines(blk.x) : null;
  }

  /* One side of the pair view: the text, shared spans marked. */
  function pane(box, lines, marks, side) {
    var frag = document.createDocumentFragment();
    for (var i = 0; i < lines.length; i++) {
      var n = i + 1, s = lines[i], ms = marks[n];
      var ln = el('div', 'ln' + (s ? '' : ' empty'));
      ln.id = 'arc-' + side + '-l' + n;
      add(ln, el('span', 'no', n));
      var tx = add(ln, el('span', 'tx'));
      if (!ms) {
        tx.textContent = s;
      } else {
        ms.sort(function (x, y) { return x[0] - y[0]; });
        var at = 0, mk = null;
        ms.forEach(function (m) {
          var a = Math.max(m[0], at);
          if (a >= m[1]) return;
          if (a > at) {
            tx.appendChild(document.createTextNode(s.slice(at, a)));
            mk = null;
          }
          if (mk && mk.getAttribute('data-p') === String(m[2])) {
            mk.textContent += s.slice(a, m[1]);
          } else {
            mk = add(tx, el('mark', 'shared', s.slice(a, m[1])));
            mk.setAttribute('data-p', String(m[2]));
          }
          at = m[1];
        });
        if (at < s.length) tx.appendChild(document.createTextNode(s.slice(at)));
      }
      frag.appendChild(ln);
    }
    box.appendChild(frag);
  }

  /* #cK-rM / #cK-xJ: report k and the other report side by side, each
   * passage they share marked on both sides. */
  function buildPair(k, ref) {
    var r = rows[k], other = ref.charAt(0) === 'r' ? rows[+ref.slice(1)].p :
      meta.refs[+ref.slice(1)][0];
    rv.textContent = '';
    var nav = add(rv, el('nav', 'rnav'));
    add(nav, link('← 返回总览', '#'));
    add(nav, link('返回本报告', '#r' + k));
    if (ref.charAt(0) === 'r') add(nav, link('打开另一份报告', '#' + ref));
    add(rv, el('h1', null, '相同段落对照'));
    var ss = (r.sh || []).filter(function (s) { return s[0] === other; });
    var la = textOf('r' + k) || [], lb = textOf(ref) || [];
    var ma = {}, mb = {};
    var got = ss.map(function (s, j) { return alignPassage(la, lb, s, j, ma, mb); });
    var ol = add(rv, el('ol', 'plist'));
    ss.forEach(function (s, j) {
      var li = add(ol, el('li'));
      var b = add(li, el('button', 'linkish',
        (RULE_ZH[s[6]] || s[6]) + '：本报告第 ' + s[1] + ' 行 ↔ 另一份第 ' +
        s[3] + ' 行，标出相同的 ' + got[j] + ' 字'));
      b.type = 'button';
      b.onclick = function () {
        ['a', 'b'].forEach(function (side) {
          var m = rv.querySelector('.pane-' + side + ' mark[data-p="' + j + '"]');
          if (m) {
            m.scrollIntoView({block: 'center'});
            flash(m);
          }
        });
      };
    });
    var grid = add(rv, el('div', 'pair'));
    [[r.p, la, ma, 'a', otherName(r.p)], [other, lb, mb, 'b', otherName(other)]]
      .forEach(function (x) {
        var col = add(grid, el('section', 'pane pane-' + x[3]));
        add(col, el('h2', null, x[4]));
        add(col, el('div', 'ppath', x[0]));
        var box = add(col, el('div', 'doc'));
        if (x[1].length) pane(box, x[1], x[2], x[3]);
        else add(box, el('p', 'empty-text', '本页没有这份报告的正文。'));
      });
    document.title = '相同段落对照 — 审阅报告';
    view.current = k;
    view.pair = ref;
  }

  function flash(e) {
    e.classList.add('flash');
    setTimeout(function () { e.classList.remove('flash'); }, 1600);
  }

  /* Report k, scrolled to finding j ('f') or line j ('l'), or to the top
   * (j < 0). */
  function showReport(k, what, j) {
    if (view.current !== k || rv.hidden || view.pair) build(k);
    view.current = k;
    view.pair = null;
    ov.hidden = true;
    rv.hidden = false;
    document.title = titleOf(rows[k]) + ' — 审阅报告';
    var target = j >= 0 ? document.getElementById(
      (what === 'l' ? 'arc-l' : 'arc-f') + j) : null;
    if (target) {
      target.scrollIntoView({block: 'center'});
      flash(target);
    } else {
      window.scrollTo(0, 0);
    }
  }

  function showOverview() {
    view.pair = null;
    rv.hidden = true;
    rv.textContent = '';
    ov.hidden = false;
    document.title = baseTitle;
    var pos = view.current >= 0 ? view.order.indexOf(view.current) : -1;
    if (pos >= shown) showRows(pos + 1);
    var tr = view.current >= 0 ? trs[view.current] : null;
    if (tr && tr.parentNode) {
      tr.className += tr.className.indexOf('seen') < 0 ? ' seen' : '';
      tr.scrollIntoView({block: 'center'});
    }
  }

  function showPair(k, ref) {
    if (view.current !== k || view.pair !== ref || rv.hidden) buildPair(k, ref);
    ov.hidden = true;
    rv.hidden = false;
    window.scrollTo(0, 0);
  }

  /* The texts follow this script in the file: a report opened (from the
   * address or a click) before the browser has read them waits for it. */
  var waiting = false;
  function route() {
    var m = /^#r(\d+)(?:\/([fl])(\d+))?$/.exec(location.hash);
    var c = /^#c(\d+)-([rx])(\d+)$/.exec(location.hash);
    if ((m || c) && document.readyState === 'loading') {
      if (!waiting) document.addEventListener('DOMContentLoaded', route);
      waiting = true;
      return;
    }
    if (m && +m[1] < rows.length)
      showReport(+m[1], m[2], m[3] ? +m[3] : -1);
    else if (c && +c[1] < rows.length &&
             +c[3] < (c[2] === 'r' ? rows.length : (meta.refs || []).length))
      showPair(+c[1], c[2] + c[3]);
    else showOverview();
  }

  var baseTitle = document.title;
  window.addEventListener('beforeprint', function () {
    var ds = document.getElementsByTagName('details');
    for (var i = 0; i < ds.length; i++) ds[i].open = true;
    showRows(view.order.length);
    buildCross();
  });
  render();
  window.addEventListener('hashchange', route);
  route();
  /* For tests and the benchmark (bench/views.sh): the overview is built,
   * in how long.  Its layout is asked for here (it comes before the first
   * paint anyway) so that the time includes it. */
  if (!ov.hidden) void ov.offsetHeight;
  document.documentElement.setAttribute('data-arc-ready', String(rows.length));
  document.documentElement.setAttribute('data-arc-ms',
                                        String(Date.now() - started));
  function since(name) {
    if (window.performance && performance.now)
      document.documentElement.setAttribute(
        name, String(Math.round(performance.now())));
  }
  since('data-arc-page-ms');
  /* And when the whole file (every text) has been read. */
  document.addEventListener('DOMContentLoaded', function () {
    since('data-arc-loaded-ms');
  });
}());
