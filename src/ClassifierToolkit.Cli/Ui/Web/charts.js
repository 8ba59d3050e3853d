// Small SVG charts drawn here (no chart library, no network): lines, scatter, bars.
(function () {
  const NS = 'http://www.w3.org/2000/svg';
  const palette = ['#2563eb', '#dc2626', '#16a34a', '#9333ea', '#ea580c', '#0891b2', '#4b5563', '#db2777'];
  function el(name, attrs, parent) {
    const e = document.createElementNS(NS, name);
    for (const k in attrs) e.setAttribute(k, attrs[k]);
    if (parent) parent.appendChild(e);
    return e;
  }
  function extent(values, pad) {
    let lo = Math.min(...values), hi = Math.max(...values);
    if (!isFinite(lo)) { lo = 0; hi = 1; }
    if (lo === hi) { lo -= 0.5; hi += 0.5; }
    const p = (hi - lo) * (pad || 0.05);
    return [lo - p, hi + p];
  }
  function fmt(v) { return Math.abs(v) >= 1000 ? v.toFixed(0) : Math.abs(v) >= 10 ? v.toFixed(1) : v.toPrecision(3); }
  // A frame with axes; returns { svg, x(v), y(v) }.
  function frame(container, xs, ys, o) {
    const w = o.width || 460, h = o.height || 260, m = { l: 52, r: 12, t: 14, b: 36 };
    const [x0, x1] = o.xDomain || extent(xs, 0.02), [y0, y1] = o.yDomain || extent(ys, 0.05);
    const x = v => m.l + (v - x0) / (x1 - x0) * (w - m.l - m.r);
    const y = v => h - m.b - (v - y0) / (y1 - y0) * (h - m.t - m.b);
    const svg = el('svg', { class: 'chart', width: w, height: h, viewBox: `0 0 ${w} ${h}` });
    for (let i = 0; i <= 4; i++) {
      const yv = y0 + (y1 - y0) * i / 4, xv = x0 + (x1 - x0) * i / 4;
      el('line', { class: 'gridline', x1: m.l, x2: w - m.r, y1: y(yv), y2: y(yv) }, svg);
      el('text', { x: m.l - 4, y: y(yv) + 4, 'text-anchor': 'end' }, svg).textContent = fmt(yv);
      el('text', { x: x(xv), y: h - m.b + 14, 'text-anchor': 'middle' }, svg).textContent = o.xTicks ? o.xTicks(xv) : fmt(xv);
    }
    el('line', { class: 'axis', x1: m.l, x2: w - m.r, y1: h - m.b, y2: h - m.b }, svg);
    el('line', { class: 'axis', x1: m.l, x2: m.l, y1: m.t, y2: h - m.b }, svg);
    if (o.xLabel) el('text', { x: (m.l + w - m.r) / 2, y: h - 4, 'text-anchor': 'middle' }, svg).textContent = o.xLabel;
    if (o.yLabel) el('text', { x: 12, y: (m.t + h - m.b) / 2, 'text-anchor': 'middle', transform: `rotate(-90 12 ${(m.t + h - m.b) / 2})` }, svg).textContent = o.yLabel;
    container.appendChild(svg);
    return { svg, x, y };
  }
  function legend(container, series) {
    const div = document.createElement('div');
    div.className = 'legend';
    series.forEach((s, i) => { const span = document.createElement('span'); span.innerHTML = `<i style="background:${s.color || palette[i % palette.length]}"></i>`; span.append(s.name); div.appendChild(span); });
    container.appendChild(div);
  }
  // series: [{ name, points: [[x, y], ...], color?, step? }]
  function line(container, series, o) {
    o = o || {};
    const all = series.flatMap(s => s.points);
    if (all.length === 0) { container.append('No data yet.'); return null; }
    const f = frame(container, all.map(p => p[0]), all.map(p => p[1]), o);
    series.forEach((s, i) => {
      const color = s.color || palette[i % palette.length];
      const pts = s.points.map(p => `${f.x(p[0])},${f.y(p[1])}`);
      const d = s.step ? s.points.map((p, j) => j === 0 ? `M${f.x(p[0])},${f.y(p[1])}` : `H${f.x(p[0])}V${f.y(p[1])}`).join('') : 'M' + pts.join('L');
      el('path', { d, fill: 'none', stroke: color, 'stroke-width': 2 }, f.svg);
      if (s.points.length < 60) s.points.forEach(p => el('circle', { cx: f.x(p[0]), cy: f.y(p[1]), r: 2.5, fill: color }, f.svg));
    });
    if (series.length > 1 || o.legend) legend(container, series);
    return f.svg;
  }
  // points: [{ x, y, color?, title? }]
  function scatter(container, points, o) {
    o = o || {};
    if (points.length === 0) { container.append('No data yet.'); return null; }
    const f = frame(container, points.map(p => p.x), points.map(p => p.y), o);
    points.forEach(p => { const c = el('circle', { cx: f.x(p.x), cy: f.y(p.y), r: 4, fill: p.color || palette[0], 'fill-opacity': 0.75 }, f.svg); if (p.title) el('title', {}, c).textContent = p.title; });
    return f.svg;
  }
  // bars: [{ label, value }], horizontal.
  function bars(container, items, o) {
    o = o || {};
    const w = o.width || 460, row = 20, h = items.length * row + 10, left = 150;
    const max = Math.max(1e-9, ...items.map(b => b.value));
    const svg = el('svg', { class: 'chart', width: w, height: h });
    items.forEach((b, i) => {
      el('text', { x: left - 6, y: i * row + 18, 'text-anchor': 'end' }, svg).textContent = b.label;
      el('rect', { x: left, y: i * row + 6, width: Math.max(1, (w - left - 50) * b.value / max), height: row - 6, fill: palette[0] }, svg);
      el('text', { x: left + (w - left - 50) * b.value / max + 4, y: i * row + 18 }, svg).textContent = fmt(b.value);
    });
    container.appendChild(svg);
    return svg;
  }
  window.ctkCharts = { line, scatter, bars, palette };
})();
