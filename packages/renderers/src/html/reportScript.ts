/**
 * The report page's script (plain ES2020, inlined into report.html). It reads the JSON data
 * block, builds each input's predictions table and classes × methods grid on <canvas>, and redraws
 * every overlay when the opacity slider or the colormap switch changes. Hovering a heatmap shows
 * the raw heatmap value at that model-input pixel (data-value holds it exactly, as a JS number).
 * Nothing is resampled or normalised here: the picture comes at the canvas size and each heatmap
 * as the colormap table entry of every canvas pixel (`reportData`); the page looks them up in the
 * chosen colormap and blends.
 */
export const REPORT_SCRIPT = String.raw`
(function () {
  'use strict';
  var D = JSON.parse(document.getElementById('visor-data').textContent);
  var opacity = document.getElementById('opacity');
  var opacityOut = document.getElementById('opacity-value');
  var cmapSel = document.getElementById('colormap');
  var main = document.getElementById('inputs');
  var cells = [];

  function el(tag, attrs, text) {
    var e = document.createElement(tag);
    if (attrs) for (var k in attrs) e.setAttribute(k, attrs[k]);
    if (text != null) e.textContent = text;
    return e;
  }
  function f32(b64) {
    var s = atob(b64), n = s.length >> 2, dv = new DataView(new ArrayBuffer(s.length)), out = new Float32Array(n), i;
    for (i = 0; i < s.length; i++) dv.setUint8(i, s.charCodeAt(i));
    for (i = 0; i < n; i++) out[i] = dv.getFloat32(i * 4, true);
    return out;
  }
  function bytes(b64) {
    var s = atob(b64), out = new Uint8Array(s.length);
    for (var i = 0; i < s.length; i++) out[i] = s.charCodeAt(i);
    return out;
  }
  function lutFor(ex) {
    var name = cmapSel.value === 'auto' ? (ex.signed ? 'rdbu' : 'jet') : cmapSel.value;
    return D.colormaps[name];
  }
  function fmt(v) { return v == null || !isFinite(v) ? String(v) : Number(v.toPrecision(6)).toString(); }
  function score(v, kind) {
    if (kind !== 'probability') return 'logit=' + fmt(v);
    return v !== 0 && Math.abs(v) < 0.001 ? 'p=' + v.toExponential(1) : 'p=' + v.toFixed(3);
  }
  function loadImage(src) {
    return new Promise(function (resolve, reject) {
      var img = new Image();
      img.onload = function () { resolve(img); };
      img.onerror = function () { reject(new Error('cannot decode embedded image')); };
      img.src = src;
    });
  }
  function pixelsOf(img, w, h) {
    var c = document.createElement('canvas');
    c.width = w; c.height = h;
    var g = c.getContext('2d');
    g.drawImage(img, 0, 0, w, h);
    return g.getImageData(0, 0, w, h).data;
  }

  function draw(cell) {
    var a = Number(opacity.value), lut = lutFor(cell.ex);
    var w = cell.canvas.width, h = cell.canvas.height, img = cell.g.createImageData(w, h), d = img.data, b = cell.base;
    for (var i = 0; i < w * h; i++) {
      var k = cell.entries[i] * 3, o = i * 4;
      d[o] = Math.round((1 - a) * (b ? b[o] : 128) + a * lut[k]);
      d[o + 1] = Math.round((1 - a) * (b ? b[o + 1] : 128) + a * lut[k + 1]);
      d[o + 2] = Math.round((1 - a) * (b ? b[o + 2] : 128) + a * lut[k + 2]);
      d[o + 3] = 255;
    }
    cell.g.putImageData(img, 0, 0);
  }
  function redraw() {
    opacityOut.textContent = Number(opacity.value).toFixed(2);
    cells.forEach(draw);
  }

  function hover(cell, readout) {
    cell.canvas.addEventListener('mousemove', function (ev) {
      // The model-input pixel under the cursor (the canvas may be larger than the heatmap).
      var r = cell.canvas.getBoundingClientRect(), w = cell.ex.width, h = cell.ex.height;
      var x = Math.min(w - 1, Math.max(0, Math.floor(((ev.clientX - r.left) * w) / r.width)));
      var y = Math.min(h - 1, Math.max(0, Math.floor(((ev.clientY - r.top) * h) / r.height)));
      var v = cell.values[y * w + x];
      readout.textContent = cell.ex.method + ' · ' + cell.ex.label + ' · (' + x + ', ' + y + ') = ' + fmt(v) + ' — ' + cell.ex.meaning;
      readout.dataset.value = String(v);
      readout.dataset.x = String(x);
      readout.dataset.y = String(y);
      readout.dataset.id = cell.ex.id;
    });
  }

  function predictionsTable(input) {
    var t = el('table', { class: 'predictions' });
    var head = el('tr');
    ['#', 'class', 'label', 'probability', 'logit'].forEach(function (s) { head.appendChild(el('th', null, s)); });
    t.appendChild(head);
    input.predictions.forEach(function (p, i) {
      var tr = el('tr');
      [String(i + 1), String(p.classIndex), p.label, p.probability.toFixed(4), fmt(p.logit)].forEach(function (s) { tr.appendChild(el('td', null, s)); });
      t.appendChild(tr);
    });
    return t;
  }

  function buildInput(input, baseImg) {
    var sec = el('section', { class: 'input', id: 'input-' + input.stem });
    sec.appendChild(el('h2', null, input.stem));
    sec.appendChild(el('p', { class: 'path' }, input.path));
    sec.appendChild(predictionsTable(input));
    var readout = el('p', { class: 'readout', id: 'readout-' + input.stem }, 'Hover a heatmap to read its value.');
    var grid = el('table', { class: 'grid' });
    var head = el('tr');
    head.appendChild(el('th', null, 'input'));
    input.methods.forEach(function (m) { head.appendChild(el('th', null, m)); });
    grid.appendChild(head);
    input.classes.forEach(function (ci) {
      var tr = el('tr');
      var pred = input.predictions.filter(function (p) { return p.classIndex === ci; })[0];
      var first = input.explanations.filter(function (e) { return e.classIndex === ci; })[0];
      var label = pred ? pred.label : first && first.label != null ? first.label : String(ci);
      var td0 = el('td');
      var c0 = el('canvas', { class: 'base', 'data-stem': input.stem, 'data-class': String(ci) });
      c0.width = input.width; c0.height = input.height;
      var g0 = c0.getContext('2d');
      if (baseImg) g0.drawImage(baseImg, 0, 0, input.width, input.height);
      else { g0.fillStyle = '#808080'; g0.fillRect(0, 0, input.width, input.height); }
      td0.appendChild(c0);
      td0.appendChild(el('div', { class: 'caption' }, label + (pred ? ' · p=' + pred.probability.toFixed(3) : '')));
      tr.appendChild(td0);
      input.methods.forEach(function (m) {
        var td = el('td');
        var ex = input.explanations.filter(function (e) { return e.method === m && e.classIndex === ci; })[0];
        if (!ex) { td.appendChild(el('div', { class: 'na' }, 'n/a')); tr.appendChild(td); return; }
        var c = el('canvas', { class: 'overlay', 'data-stem': input.stem, 'data-id': ex.id, title: ex.meaning });
        c.width = input.width; c.height = input.height;
        var values = f32(ex.values);
        var cell = {
          canvas: c, g: c.getContext('2d'), ex: ex, values: values, entries: bytes(ex.entries),
          base: baseImg ? pixelsOf(baseImg, input.width, input.height) : null
        };
        cells.push(cell);
        hover(cell, readout);
        td.appendChild(c);
        td.appendChild(el('div', { class: 'caption' }, ex.label + ' · ' + score(ex.score, ex.scoreKind) + (ex.layer ? ' · ' + ex.layer : '')));
        tr.appendChild(td);
      });
      grid.appendChild(tr);
    });
    sec.appendChild(readout);
    sec.appendChild(grid);
    return sec;
  }

  Promise.all(D.inputs.map(function (input) { return input.base ? loadImage(input.base) : Promise.resolve(null); }))
    .then(function (imgs) {
      D.inputs.forEach(function (input, i) { main.appendChild(buildInput(input, imgs[i])); });
      if (D.failures.length) {
        var f = el('section', { class: 'failures' });
        f.appendChild(el('h2', null, 'Inputs that could not be used'));
        var ul = el('ul');
        D.failures.forEach(function (x) { ul.appendChild(el('li', null, x.path + ': ' + x.message)); });
        f.appendChild(ul);
        main.appendChild(f);
      }
      opacity.addEventListener('input', redraw);
      cmapSel.addEventListener('change', redraw);
      redraw();
      document.body.dataset.ready = '1';
    })
    .catch(function (e) { console.error(e); document.body.dataset.ready = 'error'; });
})();
`;
