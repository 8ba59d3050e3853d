// The new-model page: #/new (the form and the runs started here), #/new?job=<id> (a run's live progress, then its projects),
// #/new?run=<folder> (the generated projects of any ctk new output: browse the code, download a zip).
(function () {
  const h = (...a) => ctk.h(...a);
  const q = encodeURIComponent;

  ctk.pages['new'] = async function (view, params) {
    if (params.job) return jobPage(view, params.job);
    if (params.run) return projectsPage(view, params.run);
    return formPage(view);
  };

  async function formPage(view) {
    const [options, items] = await Promise.all([ctk.api('/api/new/options'), ctk.api('/api/items')]);
    const earlier = items.runs.filter(r => r.kind === 'new');
    const field = (id, label, input, hint) => [h('label', { for: id }, label), input, hint ? h('div', { class: 'muted hint' }, hint) : null];
    const list = (id, values) => h('datalist', { id }, values.map(v => h('option', { value: v })));
    const data = h('input', { id: 'new-data', name: 'data', list: 'new-folders', required: true, placeholder: 'e.g. photos', autocomplete: 'off' });
    const test = h('input', { id: 'new-test', name: 'testData', list: 'new-folders', placeholder: 'optional', autocomplete: 'off' });
    const time = h('input', { id: 'new-time', name: 'trainTime', list: 'new-times', value: '2m', required: true });
    const weights = h('select', { id: 'new-weights', name: 'weights' }, options.weights.map(w => h('option', { value: w }, w)));
    const name = h('input', { id: 'new-name', name: 'name', value: 'MLModel', required: true });
    const output = h('input', { id: 'new-output', name: 'output', placeholder: `${options.modelsFolder}/MLModel`, autocomplete: 'off' });
    name.addEventListener('input', () => output.placeholder = `${options.modelsFolder}/${name.value || 'MLModel'}`);
    const message = h('div', { id: 'new-message' });
    const start = h('button', { id: 'new-start', class: 'primary', type: 'submit' }, 'Start ctk new');
    const form = h('form', { id: 'new-form', class: 'stack panel', onsubmit: submit },
      list('new-folders', options.folders.map(f => f.path)), list('new-times', options.trainTimes),
      field('new-data', 'Training images', data, options.folders.length
        ? `A folder under the root with one sub-folder of images per class; found: ${options.folders.map(f => `${f.path} (${f.classes} classes)`).join(', ')}.`
        : 'A folder under the root with one sub-folder of images per class (none found within 3 levels).'),
      field('new-test', 'Test images', test, 'Held-out images with the same classes; without them the report uses the validation split.'),
      field('new-time', 'Train time', time, `The whole run's time, e.g. 30s, 2m, 1h; at least ${options.shortestSeconds}s.`),
      field('new-weights', 'Start from', weights, 'auto: the ImageNet backbone for colour or large pictures, from scratch for small grey ones.'),
      field('new-name', 'Name', name, 'The model\'s and the generated projects\' name (a C# identifier).'),
      field('new-output', 'Output folder', output, 'Under the root; a new or empty folder.'),
      h('p', {}, start), message);

    async function submit(event) {
      event.preventDefault();
      start.disabled = true;
      message.replaceChildren();
      const body = { data: data.value, testData: test.value, trainTime: time.value, weights: weights.value, name: name.value, output: output.value };
      try {
        const job = await ctk.api('/api/new', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
        location.hash = '#/new?' + new URLSearchParams({ job: job.id });
      } catch (e) {
        message.replaceChildren(ctk.errorBox(e));
        start.disabled = false;
      }
    }

    const jobs = h('div', { id: 'new-jobs' });
    view.replaceChildren(h('h1', {}, 'New model'),
      h('p', { class: 'muted' }, 'Runs ctk new in the background: checks the images, searches models within the train time, then writes the model, a report and C# projects that use it.'),
      form, h('h2', {}, 'Runs started from this page'), jobs,
      h('h2', {}, 'ctk new outputs under the root'), earlier.length ? h('table', { id: 'new-outputs' },
        h('tr', {}, h('th', {}, 'Output'), h('th', {}, 'State'), h('th', { class: 'num' }, 'Test accuracy'), h('th', {}, 'When'), h('th', {}, 'Code')),
        earlier.map(r => h('tr', {}, h('td', {}, ctk.link('run', { run: r.id }, r.id)), h('td', {}, ctk.state(r.state)), h('td', { class: 'num' }, ctk.pct(r.accuracy)),
          h('td', {}, ctk.when(r.modifiedUtc)), h('td', {}, ctk.link('new', { run: r.id }, 'projects')))))
        : h('p', { class: 'muted' }, 'None yet.'));
    ctk.live('/api/new/jobs', list => jobs.replaceChildren(list.length ? jobsTable(list) : h('p', { class: 'muted' }, 'None yet, from any browser, since ctk ui started.')), { interval: 3000 });
  }

  function jobsTable(list) {
    return h('table', { class: 'new-jobs' },
      h('tr', {}, h('th', {}, 'Run'), h('th', {}, 'Data'), h('th', {}, 'State'), h('th', {}, 'Time'), h('th', {}, 'Output')),
      list.map(j => h('tr', {},
        h('td', {}, ctk.link('new', { job: j.id }, `${j.id}: ${j.name}`)), h('td', {}, j.data), h('td', {}, ctk.state(j.state)),
        h('td', {}, `${clock(j.elapsedSeconds)} of ${j.trainTime}`),
        h('td', {}, j.run ? ctk.link('new', { run: j.run }, j.output) : j.output))));
  }

  function clock(seconds) { const s = Math.round(seconds); return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`; }

  async function jobPage(view, id) {
    const first = await ctk.api('/api/new/job?id=' + q(id));
    const title = h('h1', {}, `New model: ${first.name}`);
    const summary = h('div', { id: 'job-summary' });
    const log = h('pre', { id: 'job-log', class: 'log' });
    const after = h('div', { id: 'job-after' });
    view.replaceChildren(title, h('p', { class: 'muted' }, `ctk new on ${first.data}${first.testData ? ' (test: ' + first.testData + ')' : ''}, ${first.trainTime}, weights ${first.weights}, into ${first.output}.`),
      summary, h('h2', {}, 'Output'), log, after);
    let stop = null, shown = false;
    function draw(job) {
      const card = (label, value, attrs) => h('div', Object.assign({ class: 'card' }, attrs || {}), h('div', { class: 'value' }, value), h('div', { class: 'label' }, label));
      const share = Math.min(1, job.elapsedSeconds / job.trainSeconds);
      const running = job.state === 'running' || job.state === 'stopping';
      summary.replaceChildren(...[
        h('div', { class: 'cards' },
          card('state', ctk.state(job.state), { id: 'job-state', dataset: { state: job.state } }), card('now', running ? job.phase : job.state === 'succeeded' ? 'done' : job.state),
          card('time', `${clock(job.elapsedSeconds)} of ${job.trainTime}`), card('trials started / finished', `${job.trialsStarted} / ${job.trialsFinished}`, { id: 'job-trials' }),
          card('epochs', job.epochs), card('best val accuracy', ctk.pct(job.bestValAccuracy))),
        h('div', { class: 'progress', id: 'job-progress', title: 'time used of the train time' }, h('div', { style: `width:${(running ? share : 1) * 100}%`, class: job.state })),
        job.state === 'running' ? h('p', {}, h('button', { class: 'danger', id: 'job-cancel', onclick: cancel }, 'Cancel')) : null,
        job.error ? ctk.errorBox(new Error(job.error)) : null].filter(Boolean));
      const atBottom = log.scrollTop + log.clientHeight >= log.scrollHeight - 20;
      log.textContent = job.lines.join('\n');
      if (atBottom) log.scrollTop = log.scrollHeight;
      if (!running && stop) stop();
      if (job.state === 'succeeded' && !shown) {
        shown = true;
        after.replaceChildren(h('h2', {}, 'Result'),
          h('p', {}, h('a', { id: 'job-run', href: '#/run?' + new URLSearchParams({ run: job.run }) }, 'Open the run page'), ' (metrics, confusion matrix, try the model).'),
          h('div', { id: 'projects' }, h('p', { class: 'muted' }, 'Loading the generated projects…')));
        projects(after.querySelector('#projects'), job.run).catch(e => after.querySelector('#projects').replaceChildren(ctk.errorBox(e)));
      }
    }
    async function cancel(event) {
      event.target.disabled = true;
      try { draw(await ctk.api('/api/new/cancel?id=' + q(id), { method: 'POST' })); } catch (e) { ctk.toast(e.message); }
    }
    draw(first);
    if (first.state === 'running' || first.state === 'stopping') stop = ctk.live('/api/new/job?id=' + q(id), draw, { interval: 1000, onError: e => ctk.toast(e.message) });
  }

  async function projectsPage(view, run) {
    const box = h('div', { id: 'projects' });
    view.replaceChildren(h('h1', {}, 'Generated projects'),
      h('p', {}, h('a', { href: '#/run?' + new URLSearchParams({ run }) }, 'Open the run page'), ` of ${run}.`), box);
    await projects(box, run);
  }

  // The projects of a ctk new output: the list of files, one file's code, the zip.
  async function projects(box, run) {
    const data = await ctk.api('/api/new/project/files?run=' + q(run));
    const code = h('pre', { id: 'project-code', class: 'code' });
    const caption = h('div', { class: 'muted', id: 'project-path' });
    const items = data.files.filter(f => f.text).map(f => h('li', {}, h('a', { href: '#', dataset: { path: f.path }, onclick: e => { e.preventDefault(); open(f.path); } }, f.path)));
    const others = data.files.filter(f => !f.text);
    async function open(path) {
      for (const a of box.querySelectorAll('#project-files a')) a.classList.toggle('selected', a.dataset.path === path);
      caption.textContent = path;
      try { code.textContent = await ctk.api(`/api/new/project/file?run=${q(run)}&path=${q(path)}`); } catch (e) { code.textContent = e.message; }
    }
    box.replaceChildren(
      h('p', {}, `${data.name}: a console app (plain ML.NET) and a web API (ClassifierToolkit's serving library) in one solution. `,
        h('a', { id: 'project-zip', href: '/api/new/project/zip?run=' + q(run), download: true }, `Download ${data.name}-projects.zip`),
        ` (${ctk.bytes(data.files.reduce((n, f) => n + f.size, 0))} before compression; unzip, then dotnet run --project ${data.name}.Consumer -- <image>).`),
      h('div', { class: 'project-browser' },
        h('div', {}, h('ul', { id: 'project-files' }, items),
          others.length ? h('p', { class: 'muted' }, 'Also in the zip: ', others.map(f => `${f.path} (${ctk.bytes(f.size)})`).join(', '), '.') : null),
        h('div', {}, caption, code)));
    const first = data.files.find(f => f.path.endsWith('Consumer/Program.cs')) || data.files.find(f => f.path.endsWith('.cs'));
    if (first) await open(first.path);
  }
})();
