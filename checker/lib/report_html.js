/* report_html.js - the review report's script, embedded in the page by
 * report_html.c and allowed to run by its hash in the page's
 * Content-Security-Policy (nothing else on the page may run).
 *
 * Data, from script elements of type application/json:
 *   arc-meta  {v, rules: [{id, sev, d, b, on}], parts: [{id, name}]}
 *   arc-rows  one object per report: p path, ti title, u unit, y year,
 *             ty document type, pub publication date, ps its source,
 *             fm reader, ok checked, why reason, pt part statuses (in
 *             meta.parts order), e/w/n counts, s score, t text block (-1:
 *             none), f findings [line, column, page, severity (0 info,
 *             1 warning, 2 error), rule, part, message, evidence]
 *   arc-t<k>  a report's text {x: text, h: [[line, level, label, text,
 *             part]], pg: [[line, page]]}, parsed only when the report is
 *             opened.
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
  var collator = window.Intl && Intl.Collator ?
    new Intl.Collator('zh-CN', {numeric: true}) : null;

  function cmpText(a, b) {
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
              current: -1};
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
  cols.push(
    {h: '错误', v: function (r) { return r.e; }, num: true, sev: 'e'},
    {h: '警告', v: function (r) { return r.w; }, num: true, sev: 'w'},
    {h: '提示', v: function (r) { return r.n; }, num: true, sev: 'i'},
    {h: '得分', v: function (r) { return r.ok ? r.s : null; }, num: true,
     cls: 'score'},
    {h: '文件', v: function (r) { return r.p; }, cls: 'path'});

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
    var frag = document.createDocumentFragment();
    order.forEach(function (k) {
      frag.appendChild(trs[k] || (trs[k] = makeRow(k)));
    });
    tbody.textContent = '';
    tbody.appendChild(frag);
    view.order = order;
    count.textContent = '显示 ' + order.length + ' / ' + rows.length + ' 份';
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
      if (h) {
        var at = h[3] ? lines[i].indexOf(h[3]) : -1;
        split = at >= 0 ? at + h[3].length : lines[i].length;
      }
      if (js || split) fillLine(tx, lines[i], split, js, r.f);
      else tx.textContent = lines[i];
      frag.appendChild(ln);
      if (js) js.forEach(function (j) { frag.appendChild(note(r.f[j], j)); });
    }
    box.appendChild(frag);
  }

  function build(k) {
    var r = rows[k];
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

  function flash(e) {
    e.classList.add('flash');
    setTimeout(function () { e.classList.remove('flash'); }, 1600);
  }

  function showReport(k, j) {
    if (view.current !== k || rv.hidden) build(k);
    view.current = k;
    ov.hidden = true;
    rv.hidden = false;
    document.title = titleOf(rows[k]) + ' — 审阅报告';
    var target = j >= 0 ? document.getElementById('arc-f' + j) : null;
    if (target) {
      target.scrollIntoView({block: 'center'});
      flash(target);
    } else {
      window.scrollTo(0, 0);
    }
  }

  function showOverview() {
    rv.hidden = true;
    rv.textContent = '';
    ov.hidden = false;
    document.title = baseTitle;
    var tr = view.current >= 0 ? trs[view.current] : null;
    if (tr && tr.parentNode) {
      tr.className += tr.className.indexOf('seen') < 0 ? ' seen' : '';
      tr.scrollIntoView({block: 'center'});
    }
  }

  function route() {
    var m = /^#r(\d+)(?:\/f(\d+))?$/.exec(location.hash);
    if (m && +m[1] < rows.length) showReport(+m[1], m[2] ? +m[2] : -1);
    else showOverview();
  }

  var baseTitle = document.title;
  window.addEventListener('beforeprint', function () {
    var ds = document.getElementsByTagName('details');
    for (var i = 0; i < ds.length; i++) ds[i].open = true;
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
  if (window.performance && performance.now)
    document.documentElement.setAttribute(
      'data-arc-page-ms', String(Math.round(performance.now())));
}());
