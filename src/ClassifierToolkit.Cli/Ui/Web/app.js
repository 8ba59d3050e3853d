// ctk ui: the router, the API helper and the list of runs and studies. Each page registers itself in ctk.pages (run.js, study.js, new.js).
window.ctk = (function () {
  const pages = {};
  let leaving = [];

  // Fetches JSON from the API; a refusal throws an Error whose message is the server's detail.
  async function api(url, options) {
    const response = await fetch(url, options);
    const type = response.headers.get('content-type') || '';
    const body = type.includes('json') ? await response.json() : await response.text();
    if (!response.ok) {
      const error = new Error((body && body.detail) || (body && body.title) || `${response.status} ${response.statusText}`);
      error.status = response.status;
      throw error;
    }
    return body;
  }

  // h('div', { class: 'x', onclick: f }, child, 'text', ...)
  function h(tag, attrs, ...children) {
    const e = document.createElement(tag);
    for (const k in attrs || {}) {
      const v = attrs[k];
      if (v === null || v === undefined || v === false) continue;
      if (k.startsWith('on')) e.addEventListener(k.slice(2), v);
      else if (k === 'dataset') Object.assign(e.dataset, v);
      else e.setAttribute(k, v === true ? '' : v);
    }
    for (const c of children.flat()) if (c !== null && c !== undefined && c !== false) e.append(c instanceof Node ? c : String(c));
    return e;
  }

  function errorBox(error) { return h('div', { class: 'error', role: 'alert' }, error.message || String(error)); }
  function toast(text) { const t = document.getElementById('toast'); t.textContent = text; t.hidden = false; clearTimeout(t.timer); t.timer = setTimeout(() => t.hidden = true, 6000); }
  function pct(v) { return v === null || v === undefined ? '–' : (100 * v).toFixed(2) + ' %'; }
  function num(v, digits) { return v === null || v === undefined ? '–' : Number(v).toFixed(digits === undefined ? 4 : digits); }
  function when(iso) { return iso ? new Date(iso).toLocaleString() : '–'; }
  function bytes(n) { return n >= 1048576 ? (n / 1048576).toFixed(1) + ' MB' : n >= 1024 ? (n / 1024).toFixed(1) + ' kB' : n + ' B'; }
  function state(s) { return h('span', { class: 'state ' + s }, s); }
  function link(page, params, text) { return h('a', { href: '#/' + page + '?' + new URLSearchParams(params) }, text); }

  // Calls onData with fresh JSON from url until the page is left: server-sent events where the URL streams them, else polling.
  function live(url, onData, options) {
    options = options || {};
    let stopped = false, source = null, timer = null;
    if (options.events) {
      source = new EventSource(options.events);
      source.onmessage = e => { if (!stopped) onData(JSON.parse(e.data)); };
      source.onerror = () => { if (source.readyState === EventSource.CLOSED && !stopped) poll(); };
    } else poll();
    async function poll() {
      if (stopped) return;
      try { onData(await api(url)); } catch (e) { if (options.onError) options.onError(e); }
      if (!stopped) timer = setTimeout(poll, options.interval || 2000);
    }
    const stop = () => { stopped = true; if (source) source.close(); clearTimeout(timer); };
    leaving.push(stop);
    return stop;
  }

  async function listPage(view) {
    const data = await api('/api/items');
    const runs = h('table', { id: 'runs' },
      h('tr', {}, h('th', {}, 'Run'), h('th', {}, 'Kind'), h('th', {}, 'State'), h('th', { class: 'num' }, 'Test accuracy'), h('th', {}, 'When'), h('th', {}, 'Model')),
      data.runs.map(r => h('tr', { dataset: { id: r.id } },
        h('td', {}, link('run', { run: r.id }, r.id || '(root)'), r.dataNote ? h('div', { class: 'muted' }, r.dataNote) : null),
        h('td', {}, r.kind, r.kind === 'new' ? [' · ', link('new', { run: r.id }, 'projects')] : null), h('td', {}, state(r.state)), h('td', { class: 'num' }, pct(r.accuracy)), h('td', {}, when(r.modifiedUtc)),
        h('td', {}, r.model ? h('a', { href: '/api/run/model?run=' + encodeURIComponent(r.id), download: true }, 'download') : '–'))));
    const studies = h('table', { id: 'studies' },
      h('tr', {}, h('th', {}, 'Study'), h('th', {}, 'Store'), h('th', {}, 'State'), h('th', { class: 'num' }, 'Trials'), h('th', { class: 'num' }, 'Complete'), h('th', { class: 'num' }, 'Best'), h('th', {}, 'Updated')),
      data.studies.map(s => h('tr', { dataset: { store: s.id, study: s.study } },
        h('td', {}, s.state === 'unreadable' ? '–' : link('study', { store: s.id, study: s.study }, s.study)), h('td', {}, s.id),
        h('td', {}, state(s.state), s.state === 'unreadable' ? h('div', { class: 'muted' }, s.metric) : null),
        h('td', { class: 'num' }, s.trials), h('td', { class: 'num' }, s.complete), h('td', { class: 'num' }, s.best === null ? '–' : num(s.best) + ' ' + s.metric), h('td', {}, when(s.modifiedUtc)))));
    view.replaceChildren(
      h('h1', {}, 'Runs and studies'),
      h('p', { class: 'muted' }, `${data.runs.length} runs and ${data.studies.length} studies under ${data.root}, newest first.`),
      h('h2', {}, 'Studies'), data.studies.length ? studies : h('p', { class: 'muted' }, 'No experiment.db under the root yet: run ctk automl, or start a new model.'),
      h('h2', {}, 'Runs'), data.runs.length ? runs : h('p', { class: 'muted' }, 'No runs under the root yet: run ctk train, or start a new model.'));
  }

  async function route() {
    leaving.forEach(stop => stop());
    leaving = [];
    const view = document.getElementById('view');
    const hash = location.hash.replace(/^#\/?/, '');
    const [name, query] = hash.split('?');
    const params = Object.fromEntries(new URLSearchParams(query || ''));
    const page = name ? pages[name] : listPage;
    view.replaceChildren(h('p', { class: 'muted' }, 'Loading…'));
    try {
      if (!page) throw new Error(`There is no page '${name}': go back to the list.`);
      await page(view, params);
    } catch (e) {
      view.replaceChildren(errorBox(e), h('p', {}, h('a', { href: '#/' }, 'Back to the list')));
    }
  }

  async function start() {
    window.addEventListener('hashchange', route);
    try { document.getElementById('root').textContent = (await api('/api/items')).root; } catch (e) { /* shown by the page */ }
    route();
  }

  return { pages, api, h, errorBox, toast, pct, num, when, bytes, state, link, live, route, start, charts: window.ctkCharts };
})();
