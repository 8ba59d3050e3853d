// The study page: a search's trials, live while it runs (server-sent events, each part redrawn only when its data changed), and a
// button that stops it as Ctrl+C in its ctk automl would.
(function () {
  const h = (...a) => ctk.h(...a);
  const stateColors = { complete: '#16a34a', pruned: '#d97706', running: '#2563eb', failed: '#dc2626', cancelled: '#6b7280', lost: '#991b1b' };
  const order = ['running', 'complete', 'pruned', 'failed', 'cancelled', 'lost'];

  ctk.pages['study'] = async function (view, params) {
    const query = new URLSearchParams({ store: params.store || '', study: params.study || '' });
    const url = '/api/study?' + query;
    const first = await ctk.api(url);
    const part = id => h('div', { id: 'study-' + id });
    const panel = (title, id) => h('section', { class: 'panel' }, h('h2', {}, title), part(id));
    const parts = {};
    const layout = [part('head'), h('div', { class: 'cards', id: 'study-cards' }), part('states'),
      h('div', { class: 'grid2' }, panel('Best so far', 'best'), panel('Validation accuracy per epoch', 'epochs'), panel('Parameter importance', 'importance')),
      h('section', { class: 'panel study-wide' }, h('h2', {}, 'Parameters against the objective'), part('parameters')),
      h('h2', {}, 'Leaderboard'), part('leaderboard')];
    view.replaceChildren(...layout);
    for (const id of ['head', 'cards', 'states', 'best', 'epochs', 'importance', 'parameters', 'leaderboard']) parts[id] = view.querySelector('#study-' + id);

    // Redraws a part only when what it shows changed, so a live page does not flicker.
    const drawn = {};
    function update(id, data, draw) {
      const key = JSON.stringify(data);
      if (drawn[id] === key) return;
      drawn[id] = key;
      parts[id].replaceChildren();
      draw(parts[id], data);
    }
    function render(d) {
      const s = d.summary;
      update('head', { s, stop: d.stopRequested }, el => head(el, d, query, render));
      update('cards', { s, states: d.states, best: d.bestTrial, deadline: d.deadlineUtc, max: d.maxTrials }, el => cards(el, d));
      update('states', d.leaderboard.map(r => [r.number, r.state, r.reason]), el => states(el, d));
      update('best', d.bestSoFar, el => ctk.charts.line(el, [{ name: 'best so far', points: d.bestSoFar, step: true }],
        { xLabel: 'minutes since the study started', yLabel: 'best val accuracy', width: fit(el) }));
      update('epochs', { e: d.epochs, best: d.bestTrial }, el => epochs(el, d));
      update('importance', d.importance, el => importance(el, d));
      update('parameters', d.parameters, el => parameters(el, d));
      update('leaderboard', d.leaderboard, el => el.append(leaderboard(d)));
    }
    render(first);
    ctk.live(url, render, { events: '/api/study/events?' + query });
  };

  function head(el, d, query, render) {
    const s = d.summary;
    const live = s.state === 'running' || s.state === 'stopping';
    const stop = h('button', { class: 'danger', id: 'stop-study', disabled: s.state !== 'running', onclick: async () => {
      if (!confirm(`Stop study '${s.study}'? Its running trials are cancelled and recorded, and ctk automl ends the search with its outputs (ctk automl --resume continues it).`)) return;
      stop.disabled = true;
      try { render(await ctk.api('/api/study/stop?' + query, { method: 'POST' })); ctk.toast(`Stopping study '${s.study}'.`); }
      catch (e) { ctk.toast(e.message); stop.disabled = false; }
    } }, s.state === 'stopping' ? 'Stopping…' : 'Stop study');
    el.append(
      h('div', { class: 'study-title' }, h('h1', {}, 'Study ', s.study), h('span', { id: 'study-state' }, ctk.state(s.state)), live ? stop : null),
      h('p', { class: 'muted' }, `${s.id} · tuner ${d.tuner} · objective ${d.objective} · started ${ctk.when(d.createdUtc)}`,
        d.stopRequested ? (live ? ' · stop requested: running trials end at their next check' : ' · stopped; ctk automl --resume continues it') : ''));
  }

  function cards(el, d) {
    const s = d.summary, card = (label, value, id) => h('div', { class: 'card' }, h('div', { class: 'value', id }, value), h('div', { class: 'label' }, label));
    const seconds = Math.max(0, ((s.state === 'running' ? Date.now() : new Date(s.modifiedUtc)) - new Date(d.createdUtc)) / 1000);
    el.append(...[card('trials' + (d.maxTrials ? ` of ${d.maxTrials}` : ''), s.trials, 'trial-count'), card('running', s.running), card('complete', s.complete),
      card('best ' + d.objective + (d.bestTrial ? ` (trial ${d.bestTrial})` : ''), s.best === null ? '–' : ctk.num(bestObjective(d))),
      card(s.state === 'running' ? 'searching for' : 'searched for', seconds < 120 ? ctk.num(seconds, 0) + ' s' : ctk.num(seconds / 60, 1) + ' min'),
      d.deadlineUtc ? card('time budget ends', new Date(d.deadlineUtc).toLocaleTimeString()) : null].filter(Boolean));
  }

  // Charts as wide as their panel (within reason).
  function fit(el) { return Math.max(320, Math.min(640, el.clientWidth || 460)); }

  // The summary's best is the stored score (a loss negated); the leaderboard's objective is the real value.
  function bestObjective(d) { const row = d.leaderboard.find(r => r.number === d.bestTrial); return row ? row.objective : null; }

  function states(el, d) {
    const total = d.leaderboard.length || 1;
    el.append(h('div', { class: 'study-states' }, order.filter(s => d.states[s]).map(s =>
      h('span', { style: `flex:${d.states[s] / total};background:${stateColors[s]}`, title: `${d.states[s]} ${s}` }))),
      h('div', { class: 'study-counts' }, order.map(s => h('span', {}, ctk.state(s), ' ', d.states[s] || 0))));
  }

  function epochs(el, d) {
    // The best trial drawn last, on top; running ones in blue, the rest grey.
    const curves = d.epochs.filter(c => c.points.length).sort((a, b) => (a.trial === d.bestTrial) - (b.trial === d.bestTrial));
    ctk.charts.line(el, curves.map(c => ({ name: 'trial ' + c.trial, points: c.points,
      color: c.trial === d.bestTrial ? '#dc2626' : c.state === 'running' ? '#2563eb' : '#cbd5e1' })), { xLabel: 'epoch', yLabel: 'val accuracy', width: fit(el) });
    const legend = el.querySelector('.legend');
    if (legend) legend.remove();
    if (curves.length) el.append(h('div', { class: 'legend' }, h('span', {}, h('i', { style: 'background:#dc2626' }), d.bestTrial ? `best (trial ${d.bestTrial})` : 'best'),
      h('span', {}, h('i', { style: 'background:#2563eb' }), 'running'), h('span', {}, h('i', { style: 'background:#cbd5e1' }), 'others')));
  }

  function importance(el, d) {
    if (!d.importance.length) { el.append(h('p', { class: 'muted' }, 'Needs two scored trials.')); return; }
    ctk.charts.bars(el, d.importance.map(e => ({ label: e.path, value: e.importance })), { width: fit(el) });
    el.append(h('p', { class: 'muted' }, `The share of the ${d.objective} spread each parameter explains on its own (η²), over ${d.importance[0].trials} scored trials: a first look, it overstates with few trials.`));
  }

  function parameters(el, d) {
    if (!d.parameters.length) { el.append(h('p', { class: 'muted' }, 'No scored trial yet.')); return; }
    for (const p of d.parameters) {
      const box = h('div', { class: 'study-param', dataset: { path: p.path } }, h('h3', {}, p.path));
      el.append(box);
      const x = v => p.log ? Math.log10(v) : v;
      // Trials sharing a category are spread sideways so they do not hide each other.
      const points = p.points.map(q => ({ x: p.numeric ? x(q.x) : q.x + 0.3 * (((q.trial * 0.618) % 1) - 0.5), y: q.y,
        color: stateColors[q.state], title: `trial ${q.trial}: ${q.value} → ${ctk.num(q.y)}` }));
      const options = { width: 380, height: 200, yLabel: d.objective, xLabel: p.log ? p.path + ' (log)' : p.numeric ? p.path : null };
      if (p.log) options.xTicks = v => Number(Math.pow(10, v).toPrecision(2)).toString();
      if (!p.numeric) Object.assign(options, { xDomain: [-0.5, p.categories.length - 0.5], xTicks: () => '' });
      const svg = ctk.charts.scatter(box, points, options);
      if (svg && !p.numeric) labelCategories(svg, p.categories);
    }
  }

  // Writes each category under its column, reading where the chart put its x axis.
  function labelCategories(svg, categories) {
    const axis = svg.querySelector('line.axis'), left = +axis.getAttribute('x1'), right = +axis.getAttribute('x2'), y = +axis.getAttribute('y1') + 14;
    categories.forEach((c, i) => {
      const t = document.createElementNS('http://www.w3.org/2000/svg', 'text');
      t.setAttribute('x', left + (i + 0.5) / categories.length * (right - left));
      t.setAttribute('y', y);
      t.setAttribute('text-anchor', 'middle');
      t.textContent = c.length > 18 ? c.slice(0, 17) + '…' : c;
      svg.append(t);
    });
  }

  function leaderboard(d) {
    const paths = [...new Set(d.leaderboard.flatMap(r => Object.keys(r.parameters)))].sort();
    const value = v => typeof v === 'number' ? Number(v.toPrecision(4)).toString() : String(v);
    const seconds = r => r.seconds !== null ? ctk.num(r.seconds, 1) + ' s' : ctk.num((Date.now() - new Date(r.startedUtc)) / 1000, 0) + ' s…';
    return h('table', { id: 'leaderboard', class: 'study-board' },
      h('tr', {}, ['Rank', 'Trial', 'State', d.objective, 'Best val acc.', 'Epochs', 'Duration', 'Source'].map((t, i) => h('th', { class: i === 2 || i === 7 ? null : 'num' }, t)),
        paths.map(p => h('th', {}, p))),
      d.leaderboard.map(r => h('tr', { class: r.number === d.bestTrial ? 'best' : null, dataset: { trial: r.number, state: r.state } },
        h('td', { class: 'num' }, r.rank), h('td', { class: 'num' }, r.number),
        h('td', { title: r.reason || null }, ctk.state(r.state), r.reason && r.state !== 'pruned' ? h('div', { class: 'muted reason' }, r.reason) : null),
        h('td', { class: 'num' }, ctk.num(r.objective)), h('td', { class: 'num' }, ctk.pct(r.bestValAccuracy)), h('td', { class: 'num' }, r.epochs),
        h('td', { class: 'num' }, seconds(r)), h('td', {}, r.source),
        paths.map(p => h('td', {}, p in r.parameters ? value(r.parameters[p]) : '–')))));
  }
})();
