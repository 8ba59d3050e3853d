// The run page: ctk.pages['run'](view, params) draws one run from GET /api/run: headline metrics, curves, the confusion
// matrix whose cells open their images, top losses, per-class results, the model card, skipped files and "try it".
(function () {
  const { h, api, pct, num, bytes } = ctk;
  const q = (run, more) => '?' + new URLSearchParams(Object.assign({ run }, more || {}));
  const imageUrl = (run, row) => '/api/run/image' + q(run, { row });
  const p4 = v => v === null || v === undefined ? '–' : Number(v).toFixed(4);

  function card(label, value) { return h('div', { class: 'card' }, h('div', { class: 'value' }, value), h('div', { class: 'label' }, label)); }
  function section(title, ...body) { return h('section', { class: 'panel run-section' }, h('h2', {}, title), ...body); }

  function headline(m) {
    return h('div', { class: 'cards' },
      card('test accuracy', pct(m.microAccuracy)), card('macro accuracy', pct(m.macroAccuracy)), card('log-loss', num(m.logLoss)),
      card('test images', m.testImages.toLocaleString()),
      m.trainImages ? card('training images', m.trainImages.toLocaleString()) : null,
      m.trainingSeconds !== null && m.trainingSeconds !== undefined ? card('training time', m.trainingSeconds.toFixed(1) + ' s') : null,
      card('ms / image (bulk)', num(m.inferenceMsPerSample, 3)), card('ms / file (one at a time)', num(m.singleImageMs, 3)),
      m.parameters ? card('parameters', m.parameters.toLocaleString()) : null, card('model size', bytes(m.modelSizeBytes)));
  }

  function curves(m) {
    if (!m.epochs.length) return null;
    const loss = h('div'), accuracy = h('div');
    const series = (name, pick) => ({ name, points: m.epochs.filter(e => pick(e) !== null && pick(e) !== undefined).map(e => [e.epoch, pick(e)]) });
    ctk.charts.line(loss, [series('train loss', e => e.trainLoss), series('validation loss', e => e.valLoss)], { xLabel: 'epoch', yLabel: 'loss', legend: true });
    ctk.charts.line(accuracy, [series('validation accuracy', e => e.valAccuracy)], { xLabel: 'epoch', yLabel: 'accuracy', legend: true });
    return section('Training', h('div', { class: 'grid2' }, loss, accuracy));
  }

  // The matrix; each non-empty cell opens its images below it when the run kept its predictions.
  function matrix(run, data, cellView) {
    const m = data.metrics, max = Math.max(1, ...m.confusionMatrix.flat());
    const rows = m.confusionMatrix.map((row, t) => h('tr', {}, h('th', { class: 'true-class' }, m.classes[t]), row.map((count, p) => {
      const shade = count === 0 ? 0 : 0.12 + 0.78 * count / max;
      const style = `background: ${t === p ? `rgba(21,128,61,${shade})` : `rgba(185,28,28,${shade})`}; color: ${shade > 0.55 ? '#fff' : 'inherit'}`;
      const open = data.cellsProblem || count === 0 ? null : () => showCell(run, t, p, cellView);
      return h('td', { class: 'num cell' + (open ? ' link' : ''), style, title: `${m.classes[t]} predicted as ${m.classes[p]}: ${count}`,
        dataset: { true: t, predicted: p, count }, onclick: open }, count);
    })));
    return section('Confusion matrix',
      h('p', { class: 'muted' }, 'Rows: true class; columns: predicted class.', data.cellsProblem ? null : ' Click a cell to see its images.'),
      data.cellsProblem ? h('p', { class: 'notice' }, data.cellsProblem) : null,
      h('table', { class: 'confusion', id: 'confusion' },
        h('tr', {}, h('th', {}, 'true \\ predicted'), m.classes.map(c => h('th', { class: 'predicted-class' }, c))), rows),
      cellView);
  }

  async function showCell(run, t, p, cellView) {
    cellView.replaceChildren(h('p', { class: 'muted' }, 'Loading…'));
    try {
      const cell = await api('/api/run/cell' + q(run, { true: t, predicted: p }));
      cellView.replaceChildren(
        h('h3', {}, `${cell.trueClass} predicted as ${cell.predictedClass}: ${cell.count} image${cell.count === 1 ? '' : 's'}`,
          cell.images.length < cell.count ? ` (the ${cell.images.length} least sure shown)` : ''),
        h('div', { class: 'thumbs', id: 'cell-images' }, cell.images.map(i => thumb(run, i.row, i.name,
          t === p ? `P = ${p4(i.predictedProbability)}` : `P(${cell.predictedClass}) = ${p4(i.predictedProbability)}`,
          t === p ? null : `P(${cell.trueClass}) = ${p4(i.trueProbability)}`))));
    } catch (e) { cellView.replaceChildren(ctk.errorBox(e)); }
  }

  function thumb(run, row, name, ...lines) {
    const img = h('img', { src: imageUrl(run, row), alt: name, loading: 'lazy' });
    img.onerror = () => img.replaceWith(h('div', { class: 'no-image' }, 'cannot show this image'));
    return h('figure', { dataset: { row } }, img, h('figcaption', {}, h('div', { class: 'name', title: name }, name), lines.filter(Boolean).map(l => h('div', {}, l))));
  }

  function topLosses(run, m, misclassified) {
    if (!m.topLosses.length) return null;
    return section(`Top losses (${m.topLosses.length} of ${misclassified.toLocaleString()} misclassified)`,
      h('p', { class: 'muted' }, 'The misclassified test images with the lowest probability on their true class, worst first: look here for mislabelled or odd pictures.'),
      h('div', { class: 'thumbs' }, m.topLosses.map(l => thumb(run, l.index, l.imagePath ? l.imagePath.split(/[\\/]/).pop() : `test image #${l.index}`,
        h('span', {}, 'true: ' + l.trueLabel + ` (${p4(l.trueProbability)})`), h('span', { class: 'bad' }, 'predicted: ' + l.predictedLabel + ` (${p4(l.predictedProbability)})`)))));
  }

  function perClass(rows) {
    return section('Per class', h('table', { id: 'per-class' },
      h('tr', {}, h('th', {}, 'class'), h('th', { class: 'num' }, 'images'), h('th', { class: 'num' }, 'recall'), h('th', { class: 'num' }, 'precision'), h('th', { class: 'num' }, 'log-loss')),
      rows.map(r => h('tr', {}, h('td', {}, r.className), h('td', { class: 'num' }, r.images), h('td', { class: 'num' }, pct(r.recall)), h('td', { class: 'num' }, pct(r.precision)), h('td', { class: 'num' }, p4(r.logLoss))))));
  }

  function modelCard(run, data) {
    const c = data.model;
    if (!c) return section('Model', h('p', { class: 'muted' }, data.modelProblem));
    const input = `${c.width}×${c.height} ${c.channels === 1 ? 'grey' : c.channels === 3 ? 'RGB' : c.channels + '-channel'}`;
    const row = (k, v) => v === null || v === undefined ? null : h('tr', {}, h('th', {}, k), h('td', {}, v));
    return section('Model',
      h('table', { class: 'model-card' },
        row('file', c.file), row('network', c.network), row('input', input + (c.resize ? `, ${c.resize}` : '')),
        row('normalization', c.mean ? `mean ${c.mean.join(', ')} · std ${c.std.join(', ')}` : 'not recorded (the run has no pipeline.json)'),
        row('classes', `${c.classes.length}: ${c.classes.join(', ')}`), row('parameters', data.metrics && data.metrics.parameters ? data.metrics.parameters.toLocaleString() : null),
        row('size', bytes(c.sizeBytes)), row('SHA-256', h('code', {}, c.sha256)), row('data', data.metrics && data.metrics.dataNote)),
      h('p', {}, h('a', { class: 'button', href: '/api/run/model' + q(run), download: true }, 'Download ' + c.file.split('/').pop())));
  }

  function files(m) {
    if (!m.skippedFiles.length && !m.reducedFiles.length) return null;
    return section('Files',
      m.skippedFiles.length ? [h('h3', {}, `Skipped (${m.skippedFiles.length})`), h('p', { class: 'muted' }, 'Left out as unusable: fix or remove them, or use --strict to refuse such data.'),
        h('table', {}, h('tr', {}, h('th', {}, 'file'), h('th', {}, 'reason')), m.skippedFiles.map(s => h('tr', {}, h('td', {}, h('code', {}, s.path)), h('td', {}, s.reason))))] : null,
      m.reducedFiles.length ? [h('h3', {}, `Read at reduced size (${m.reducedFiles.length})`),
        h('table', {}, h('tr', {}, h('th', {}, 'file'), h('th', {}, 'size')), m.reducedFiles.map(r => h('tr', {}, h('td', {}, h('code', {}, r.path)), h('td', {}, `${r.width}×${r.height}`))))] : null);
  }

  // "Try it": images dropped or chosen go to POST /api/run/predict (ctk serve's handler), three classes each.
  function tryIt(run) {
    const results = h('div', { class: 'thumbs', id: 'try-results' });
    const input = h('input', { type: 'file', accept: 'image/*', multiple: true, onchange: () => send(input.files) });
    const drop = h('div', { class: 'drop' }, 'Drop images here, or ', input);
    drop.addEventListener('dragover', e => { e.preventDefault(); drop.classList.add('over'); });
    drop.addEventListener('dragleave', () => drop.classList.remove('over'));
    drop.addEventListener('drop', e => { e.preventDefault(); drop.classList.remove('over'); send(e.dataTransfer.files); });
    async function send(list) {
      const chosen = [...list];
      if (!chosen.length) return;
      const form = new FormData();
      chosen.forEach(f => form.append('images', f, f.name));
      results.replaceChildren(h('p', { class: 'muted' }, 'Predicting…'));
      try {
        const answer = await api('/api/run/predict' + q(run, { top: 3 }), { method: 'POST', body: form });
        results.replaceChildren(...answer.predictions.map((p, i) => h('figure', {}, h('img', { src: URL.createObjectURL(chosen[i]), alt: p.name }),
          h('figcaption', {}, h('div', { class: 'name' }, p.name), p.top.map((t, k) => h('div', { class: k === 0 ? 'top' : '' }, `${t.className} ${pct(t.probability)}`))))));
      } catch (e) { results.replaceChildren(ctk.errorBox(e)); }
    }
    return section('Try it', drop, results);
  }

  ctk.pages['run'] = async function (view, params) {
    const run = params.run || '';
    const data = await api('/api/run' + q(run));
    const m = data.metrics;
    const title = [h('p', {}, h('a', { href: '#/' }, '← runs and studies')), h('h1', {}, data.run.id || '(root)', ' ', ctk.state(data.run.state)),
      h('p', { class: 'muted' }, `${data.run.kind} · ${ctk.when(data.run.modifiedUtc)}`,
        data.run.kind === 'new' ? [' · ', ctk.link('new', { run: data.run.id }, 'the generated projects')] : null)];
    if (!m) { view.replaceChildren(...title, h('p', {}, 'No test results yet: the run is still training, or stopped before its test.'), modelCard(run, data)); return; }
    view.replaceChildren(...title, m.dataNote ? h('p', { class: 'notice' }, m.dataNote) : null, headline(m), curves(m),
      matrix(run, data, h('div', { id: 'cell-view' })), topLosses(run, m, data.misclassified), perClass(data.perClass),
      modelCard(run, data), data.model ? tryIt(run) : null, files(m));
  };
})();
