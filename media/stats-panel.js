// The live stats panel's drawing: one SVG chart per measure (CPU %, memory, network, block I/O, PIDs) with a line
// per container over the last few minutes, and a table of the latest values. Data comes from the extension host by
// postMessage; the host keeps the history, so this page holds no state worth keeping when it is thrown away.
// Plain DOM and SVG: no library, nothing remote, colours from the theme's CSS variables.
/* global acquireVsCodeApi, requestAnimationFrame -- the webview provides both */
(function () {
  'use strict';
  const vscode = acquireVsCodeApi();
  const PALETTE = ['blue', 'orange', 'green', 'purple', 'red', 'yellow'].map((c) => `var(--vscode-charts-${c})`);
  const W = 600;
  const H = 120;
  const SVG = 'http://www.w3.org/2000/svg';
  let state = { historyPoints: 300, containers: [], labels: {} };
  let drawPending = false;

  const decimal = (n, unit) => {
    const steps = ['', 'k', 'M', 'G', 'T'];
    let i = 0;
    while (Math.abs(n) >= 1000 && i < steps.length - 1) {
      n /= 1000;
      i++;
    }
    return `${n >= 100 || i === 0 ? n.toFixed(0) : n.toFixed(1)} ${steps[i]}${unit}`;
  };
  const CHARTS = [
    { key: 'cpu', lines: [['cpu', false]], fmt: (v) => `${v.toFixed(1)} %` },
    { key: 'mem', lines: [['mem', false]], fmt: (v) => decimal(v, 'B') },
    {
      key: 'net',
      lines: [
        ['rx', false],
        ['tx', true],
      ],
      fmt: (v) => `${decimal(v, 'B')}/s`,
    },
    {
      key: 'block',
      lines: [
        ['read', false],
        ['write', true],
      ],
      fmt: (v) => `${decimal(v, 'B')}/s`,
    },
    { key: 'pids', lines: [['pids', false]], fmt: (v) => v.toFixed(0) },
  ];

  /** A round upper bound for the y axis (1, 2 or 5 times a power of ten). */
  function niceMax(v) {
    if (!(v > 0)) return 1;
    const p = Math.pow(10, Math.floor(Math.log10(v)));
    for (const m of [1, 2, 5, 10]) if (v <= m * p) return m * p;
    return 10 * p;
  }

  function el(name, attrs, parent) {
    const e = document.createElementNS(SVG, name);
    for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, String(v));
    if (parent) parent.appendChild(e);
    return e;
  }

  function draw() {
    drawPending = false;
    const charts = document.getElementById('charts');
    const labels = state.labels;
    const all = state.containers.flatMap((c) => c.points);
    const end = all.reduce((m, p) => Math.max(m, p.t), 0);
    const start = all.reduce((m, p) => Math.min(m, p.t), end);
    // The time axis grows with the history, from half a minute up to the whole window.
    const span = Math.min(state.historyPoints * 1000, Math.max(30_000, end - start));
    const x = (t) => W - ((end - t) / span) * W;
    charts.textContent = '';
    if (!all.length) {
      const p = document.createElement('p');
      p.className = 'waiting';
      p.textContent = labels.waiting || '';
      charts.appendChild(p);
    }
    for (const chart of CHARTS) {
      const max = niceMax(
        state.containers.reduce(
          (m, c) => Math.max(m, ...c.points.map((p) => Math.max(...chart.lines.map(([f]) => p[f])))),
          0,
        ),
      );
      const figure = document.createElement('figure');
      figure.className = 'chart';
      figure.dataset.chart = chart.key;
      const caption = document.createElement('figcaption');
      caption.textContent = labels[chart.key] || chart.key;
      const scale = document.createElement('span');
      scale.className = 'scale';
      scale.textContent = chart.fmt(max);
      caption.appendChild(scale);
      figure.appendChild(caption);
      const svg = el('svg', { viewBox: `0 0 ${W} ${H}`, preserveAspectRatio: 'none', role: 'img' }, figure);
      for (const f of [0.25, 0.5, 0.75]) el('line', { x1: 0, x2: W, y1: H * f, y2: H * f, class: 'grid' }, svg);
      state.containers.forEach((c, i) => {
        for (const [field, dashed] of chart.lines) {
          const pts = c.points
            .filter((p) => end - p.t <= span)
            .map((p) => `${x(p.t).toFixed(1)},${(H - (p[field] / max) * H).toFixed(1)}`);
          if (pts.length < 1) continue;
          const line = el(
            'polyline',
            { points: pts.join(' '), class: dashed ? 'series dashed' : 'series', 'vector-effect': 'non-scaling-stroke' },
            svg,
          );
          // Through CSSOM: the CSP allows no inline style attribute.
          line.style.stroke = PALETTE[i % PALETTE.length];
        }
      });
      charts.appendChild(figure);
    }
    table();
  }

  function table() {
    const t = document.getElementById('now');
    const labels = state.labels;
    t.textContent = '';
    const head = t.insertRow();
    for (const h of [labels.container, labels.cpu, labels.mem, labels.net, labels.block, labels.pids]) {
      const th = document.createElement('th');
      th.textContent = (h || '').replace(/\s*\(.*\)$/, '');
      head.appendChild(th);
    }
    state.containers.forEach((c, i) => {
      const p = c.points[c.points.length - 1];
      const row = t.insertRow();
      row.dataset.id = c.id;
      const name = row.insertCell();
      const swatch = document.createElement('span');
      swatch.className = 'swatch';
      swatch.style.background = PALETTE[i % PALETTE.length];
      name.appendChild(swatch);
      name.appendChild(document.createTextNode(c.ended ? `${c.name} (${labels.stopped})` : c.name));
      const cells = p
        ? [
            `${p.cpu.toFixed(2)} %`,
            `${decimal(p.mem, 'B')} / ${p.limit ? decimal(p.limit, 'B') : '—'}`,
            `${decimal(p.rx, 'B')}/s / ${decimal(p.tx, 'B')}/s`,
            `${decimal(p.read, 'B')}/s / ${decimal(p.write, 'B')}/s`,
            String(p.pids),
          ]
        : ['…', '…', '…', '…', '…'];
      for (const text of cells) row.insertCell().textContent = text;
    });
  }

  function schedule() {
    if (!drawPending) {
      drawPending = true;
      requestAnimationFrame(draw);
    }
  }

  window.addEventListener('message', (event) => {
    const m = event.data;
    if (m.type === 'init') {
      state = { historyPoints: m.historyPoints, containers: m.containers, labels: m.labels };
      document.getElementById('error').hidden = true;
      schedule();
    } else if (m.type === 'sample') {
      const c = state.containers.find((x) => x.id === m.id);
      if (!c) return;
      c.points.push(m.point);
      if (c.points.length > state.historyPoints) c.points.shift();
      schedule();
    } else if (m.type === 'ended') {
      const c = state.containers.find((x) => x.id === m.id);
      if (c) c.ended = true;
      schedule();
    } else if (m.type === 'error') {
      const e = document.getElementById('error');
      e.textContent = m.message;
      e.hidden = false;
    }
  });
  vscode.postMessage({ type: 'ready' });
})();
