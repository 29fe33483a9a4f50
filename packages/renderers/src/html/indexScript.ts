/**
 * The index page's script (plain ES2020, inlined into report.html). It reads the JSON data block and
 * shows one page of the inputs table at a time (10,000 rows stay fast: only `pageSize` rows are in the
 * DOM), sorted by any column (click a header; again to reverse) and filtered by predicted class and by
 * a text in the input's name. Thumbnails load lazily from report/thumbs/ (local files, no network).
 */
export const INDEX_SCRIPT = String.raw`
(function () {
  'use strict';
  var D = JSON.parse(document.getElementById('visor-index').textContent);
  var body = document.querySelector('#inputs tbody');
  var head = document.querySelector('#inputs thead tr');
  var classSel = document.getElementById('class-filter');
  var search = document.getElementById('search');
  var count = document.getElementById('count');
  var pageOut = document.getElementById('page');
  var state = { key: 'order', dir: 1, cls: '', q: '', page: 0 };
  D.rows.forEach(function (r, i) { r.order = i; });

  function el(tag, attrs, text) {
    var e = document.createElement(tag);
    if (attrs) for (var k in attrs) e.setAttribute(k, attrs[k]);
    if (text != null) e.textContent = text;
    return e;
  }
  function fmt(v) { return v == null || !isFinite(v) ? '–' : Number(v.toPrecision(4)).toString(); }
  function pct(v) { return v == null ? '–' : v.toFixed(3); }

  var columns = [
    { key: 'order', label: '#', value: function (r) { return r.order; } },
    { key: 'thumb', label: '', value: null },
    { key: 'stem', label: 'input', value: function (r) { return r.s; } },
    { key: 'label', label: 'predicted', value: function (r) { return r.l; } },
    { key: 'p', label: 'p', value: function (r) { return r.k.length ? r.k[0][1] : null; } },
    { key: 'top', label: 'top classes', value: null }
  ];
  D.methods.forEach(function (m, i) {
    columns.push({ key: 'm' + i, label: m + ' max', title: 'maximum of the ' + m + ' heatmap for the first explained class (peak on hover)', value: function (r) { return r.m[i]; } });
  });
  D.metricColumns.forEach(function (c, j) {
    columns.push({ key: 'v' + j, label: c.metric + ' · ' + c.method, title: c.metric + ' ' + c.value + ' of ' + c.method + ' for the first explained class', value: function (r) { return r.v[j]; } });
  });

  columns.forEach(function (c) {
    var th = el('th', c.title ? { title: c.title } : null);
    if (c.value) {
      var b = el('button', { type: 'button', 'data-sort': c.key }, c.label);
      b.addEventListener('click', function () {
        if (state.key === c.key) state.dir = -state.dir; else { state.key = c.key; state.dir = 1; }
        state.page = 0;
        render();
      });
      th.appendChild(b);
    } else th.textContent = c.label;
    head.appendChild(th);
  });

  var classes = {};
  D.rows.forEach(function (r) { var k = String(r.c); classes[k] = classes[k] || { label: r.l, n: 0 }; classes[k].n++; });
  Object.keys(classes).sort(function (a, b) { return classes[a].label < classes[b].label ? -1 : classes[a].label > classes[b].label ? 1 : 0; }).forEach(function (k) {
    classSel.appendChild(el('option', { value: k }, classes[k].label + ' (' + classes[k].n + ')'));
  });
  classSel.addEventListener('change', function () { state.cls = classSel.value; state.page = 0; render(); });
  search.addEventListener('input', function () { state.q = search.value.toLowerCase(); state.page = 0; render(); });
  document.getElementById('prev').addEventListener('click', function () { if (state.page > 0) { state.page--; render(); } });
  document.getElementById('next').addEventListener('click', function () { state.page++; render(); });

  function compare(a, b) {
    var col = columns.filter(function (c) { return c.key === state.key; })[0];
    var va = col.value(a), vb = col.value(b);
    var na = va == null || (typeof va === 'number' && !isFinite(va)), nb = vb == null || (typeof vb === 'number' && !isFinite(vb));
    if (na || nb) return na && nb ? a.order - b.order : na ? 1 : -1; // missing values last, either direction
    if (va < vb) return -state.dir;
    if (va > vb) return state.dir;
    return a.order - b.order;
  }

  function rowElement(r) {
    var tr = el('tr', { 'data-stem': r.s, 'data-class': String(r.c) });
    tr.appendChild(el('td', { class: 'num' }, String(r.order + 1)));
    var td = el('td');
    if (r.t) td.appendChild(el('img', { src: 'report/thumbs/' + encodeURIComponent(r.s) + '.png', loading: 'lazy', alt: '', class: 'thumb' }));
    tr.appendChild(td);
    var name = el('td');
    name.appendChild(el('a', { href: 'report/' + encodeURIComponent(r.s) + '.html', title: r.p }, r.s));
    tr.appendChild(name);
    tr.appendChild(el('td', null, r.l));
    tr.appendChild(el('td', { class: 'num' }, pct(r.k.length ? r.k[0][1] : null)));
    tr.appendChild(el('td', { class: 'top' }, r.k.map(function (k) { return k[0] + ' ' + pct(k[1]); }).join(', ')));
    r.m.forEach(function (v, i) { tr.appendChild(el('td', { class: 'num', title: r.pk[i] ? 'peak at (' + r.pk[i] + ')' : '' }, fmt(v))); });
    r.v.forEach(function (v) { tr.appendChild(el('td', { class: 'num' }, fmt(v))); });
    return tr;
  }

  function render() {
    var rows = D.rows.filter(function (r) {
      return (state.cls === '' || String(r.c) === state.cls) && (state.q === '' || r.s.toLowerCase().indexOf(state.q) >= 0);
    });
    rows.sort(compare);
    var pages = Math.max(1, Math.ceil(rows.length / D.pageSize));
    state.page = Math.min(state.page, pages - 1);
    var from = state.page * D.pageSize, to = Math.min(rows.length, from + D.pageSize);
    var frag = document.createDocumentFragment();
    for (var i = from; i < to; i++) frag.appendChild(rowElement(rows[i]));
    body.textContent = '';
    body.appendChild(frag);
    count.textContent = rows.length ? 'rows ' + (from + 1) + '–' + to + ' of ' + rows.length : 'no input matches';
    count.dataset.matching = String(rows.length);
    pageOut.textContent = 'page ' + (state.page + 1) + ' of ' + pages;
    document.getElementById('prev').disabled = state.page === 0;
    document.getElementById('next').disabled = state.page >= pages - 1;
    head.querySelectorAll('button').forEach(function (b) {
      b.dataset.active = b.dataset.sort === state.key ? (state.dir > 0 ? 'asc' : 'desc') : '';
    });
  }

  render();
  document.body.dataset.ready = '1';
})();
`;
