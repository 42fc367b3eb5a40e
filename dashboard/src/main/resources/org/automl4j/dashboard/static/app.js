/*
 * automl4j dashboard page. Everything it shows comes from the JSON API (docs/dashboard-api.md), or, in a
 * report, from the answers embedded in the page. Text from studies (names, parameters, messages) is only
 * ever put in the page as text (textContent) or escaped with esc() for chart tooltips.
 */
(function () {
  'use strict';

  var embedded = document.getElementById('automl4j-report-data');
  var REPORT = embedded ? JSON.parse(embedded.textContent) : null;
  var POLL_MS = 2000;
  var state = { study: null, version: null, query: { offset: 0, limit: 25, sort: 'number', order: 'asc' },
                summary: null, poll: null, trial: null, renderToken: 0 };
  var charts = {};
  window.automl4j = { charts: charts, ready: false, readyAt: null, report: !!REPORT, errors: [] };

  // ------------------------------------------------------------------ helpers

  function esc(s) {
    return String(s).replace(/[&<>"']/g, function (c) {
      return { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c];
    });
  }

  /** An element; string and number children become text nodes, never markup. */
  function el(tag, attrs) {
    var e = document.createElement(tag);
    if (attrs) {
      Object.keys(attrs).forEach(function (k) {
        var v = attrs[k];
        if (v === null || v === undefined || v === false) return;
        if (k === 'text') e.textContent = String(v);
        else if (k.indexOf('on') === 0 && typeof v === 'function') e.addEventListener(k.substring(2), v);
        else e.setAttribute(k, String(v));
      });
    }
    for (var i = 2; i < arguments.length; i++) add(e, arguments[i]);
    return e;
  }

  function add(parent, c) {
    if (c === null || c === undefined || c === false) return;
    if (Array.isArray(c)) { c.forEach(function (x) { add(parent, x); }); return; }
    parent.appendChild(typeof c === 'object' ? c : document.createTextNode(String(c)));
  }

  function fmt(v) {
    if (v === null || v === undefined) return '–';
    if (typeof v === 'number') {
      if (Number.isInteger(v)) return String(v);
      var a = Math.abs(v);
      return a !== 0 && (a < 1e-3 || a >= 1e6) ? v.toExponential(4) : String(Number(v.toPrecision(6)));
    }
    return String(v);
  }

  function fmtTime(iso) {
    if (!iso) return '–';
    var d = new Date(iso);
    return isNaN(d) ? String(iso) : d.toLocaleString();
  }

  function studyHash(name) { return '#/study/' + encodeURIComponent(name); }

  function queryKey(route, params) {
    var keys = Object.keys(params).filter(function (k) {
      return params[k] !== null && params[k] !== undefined && params[k] !== '';
    }).sort();
    return route + '?' + keys.map(function (k) { return k + '=' + params[k]; }).join('&');
  }

  /** GET route?params from the server, or from the report's embedded answers. */
  function api(route, params) {
    params = params || {};
    if (REPORT) {
      if (route === '/api/study/trials') return Promise.resolve(reportTrials(params));
      var key = queryKey(route, params);
      if (Object.prototype.hasOwnProperty.call(REPORT.answers, key)) return Promise.resolve(REPORT.answers[key]);
      return Promise.reject(new Error('not included in this report'));
    }
    var qs = new URLSearchParams();
    Object.keys(params).forEach(function (k) {
      if (params[k] !== null && params[k] !== undefined && params[k] !== '') qs.set(k, params[k]);
    });
    return fetch(route + '?' + qs.toString(), { credentials: 'same-origin', headers: { Accept: 'application/json' } })
      .then(function (r) {
        return r.json().then(function (body) {
          if (!r.ok) throw new Error(body && body.error ? body.error : 'HTTP ' + r.status);
          return body;
        });
      });
  }

  /** The trial table in a report: the same filters, order and paging as the server, over embedded rows. */
  function reportTrials(p) {
    var rows = REPORT.trials.rows.slice();
    var states = p.state ? p.state.split(',') : [];
    var q = p.q ? String(p.q).toLowerCase() : null;
    var min = p.min !== undefined && p.min !== '' ? Number(p.min) : null;
    var max = p.max !== undefined && p.max !== '' ? Number(p.max) : null;
    rows = rows.filter(function (r) {
      if (states.length && states.indexOf(r.state) < 0) return false;
      if (min !== null || max !== null) {
        if (!r.values.length) return false;
        if (min !== null && r.values[0] < min) return false;
        if (max !== null && r.values[0] > max) return false;
      }
      if (q) {
        var text = '#' + r.number + ' ' + r.state + ' ' + Object.keys(r.params).map(function (k) {
          return k + '=' + r.params[k];
        }).join(' ') + ' ' + (r.failure || '');
        if (text.toLowerCase().indexOf(q) < 0) return false;
      }
      return true;
    });
    var sort = p.sort || 'number';
    var key = function (r) {
      if (sort === 'number') return r.number;
      if (sort === 'state') return r.state;
      if (sort === 'duration') return r.duration_ms;
      if (sort.indexOf('value') === 0) { var k = sort.length === 5 ? 0 : Number(sort.substring(5)); return r.values.length > k ? r.values[k] : null; }
      if (sort.indexOf('param:') === 0) { var v = r.params[sort.substring(6)]; return v === undefined ? null : v; }
      return r.number;
    };
    var desc = p.order === 'desc';
    rows.sort(function (a, b) {
      var x = key(a), y = key(b);
      if (x === null || y === null) return x === null ? (y === null ? a.number - b.number : 1) : -1;
      // as the server: numbers in numeric order before text (a categorical may have choices of both kinds)
      var nx = typeof x === 'number', ny = typeof y === 'number';
      var c = nx && ny ? x - y : nx !== ny ? (nx ? -1 : 1) : String(x) < String(y) ? -1 : String(x) > String(y) ? 1 : 0;
      if (desc) c = -c;
      return c !== 0 ? c : a.number - b.number;
    });
    var offset = Number(p.offset || 0), limit = Number(p.limit || 50);
    return { total: rows.length, study_trials: REPORT.trials.rows.length, offset: offset, limit: limit,
             columns: REPORT.trials.columns, rows: rows.slice(offset, offset + limit) };
  }

  // ------------------------------------------------------------------ charts

  var readyWaits = [];

  function disposeCharts() {
    Object.keys(charts).forEach(function (k) { charts[k].dispose(); delete charts[k]; });
  }

  /** Draws option into the chart with id; resolves when ECharts has finished rendering it. */
  function draw(id, option) {
    var dom = document.getElementById(id);
    if (!dom) return Promise.resolve();
    var chart = charts[id] || echarts.init(dom, null, { renderer: 'canvas' });
    charts[id] = chart;
    option.animation = false;
    option.toolbox = option.toolbox || { right: 10, feature: { saveAsImage: { title: 'PNG', name: 'automl4j-' + id, pixelRatio: 2 } } };
    var done = new Promise(function (resolve) {
      var fired = false;
      chart.off('finished');
      chart.on('finished', function () { if (!fired) { fired = true; resolve(); } });
      setTimeout(function () { if (!fired) { fired = true; resolve(); } }, 15000);
    });
    chart.setOption(option, true);
    readyWaits.push(done);
    return done;
  }

  window.addEventListener('resize', function () {
    Object.keys(charts).forEach(function (k) { charts[k].resize(); });
  });

  function tooltipRows(title, rows) {
    return '<b>' + esc(title) + '</b><br>' + rows.map(function (r) {
      return esc(r[0]) + ': ' + esc(fmt(r[1]));
    }).join('<br>');
  }

  function axisType(p) {
    if (p.kind === 'categorical') return 'category';
    return p.log ? 'log' : 'value';
  }

  function objectiveName(dirs, k) {
    return dirs.length === 1 ? 'objective (' + dirs[0] + ')' : 'objective ' + k + ' (' + dirs[k] + ')';
  }

  // ------------------------------------------------------------------ studies list

  function studiesView() {
    setCrumb(null);
    var main = document.getElementById('main');
    return api('/api/studies').then(function (data) {
      main.textContent = '';
      var card = el('section', { 'class': 'card' }, el('h1', { text: 'Studies' }));
      if (!data.studies.length) {
        card.appendChild(el('p', { 'class': 'muted', text: 'No studies in this storage yet.' }));
      } else {
        var tbody = el('tbody');
        data.studies.forEach(function (s) {
          var c = s.counts;
          tbody.appendChild(el('tr', { 'class': 'clickable', 'data-study': s.name, onclick: function () { location.hash = studyHash(s.name); } },
            el('td', null, el('a', { href: studyHash(s.name), text: s.name })),
            el('td', { text: s.kind }),
            el('td', null, el('span', { 'class': 'badge ' + s.state, text: s.state })),
            el('td', { text: s.directions.join(', ') }),
            el('td', { 'class': 'num', text: s.trials }),
            el('td', { 'class': 'num', text: c.COMPLETE + ' / ' + c.PRUNED + ' / ' + c.FAIL + ' / ' + (c.RUNNING + c.WAITING) }),
            el('td', { 'class': 'num', text: s.best_value === null ? (s.directions.length > 1 ? 'Pareto' : '–') : fmt(s.best_value) + '  (#' + s.best_trial + ')' }),
            el('td', { text: fmtTime(s.last_update) })));
        });
        card.appendChild(el('div', { 'class': 'scroll' }, el('table', { id: 'studies' },
          el('thead', null, el('tr', null, ['study', 'kind', 'state', 'direction', 'trials', 'complete / pruned / fail / running', 'best', 'last update']
            .map(function (h) { return el('th', { text: h }); }))), tbody)));
      }
      main.appendChild(card);
      markReady();
    });
  }

  // ------------------------------------------------------------------ one study

  function setCrumb(name) {
    var c = document.getElementById('crumb');
    c.textContent = name ? '/ ' + name : '';
    document.title = (name ? name + ' – ' : '') + 'automl4j dashboard';
  }

  function section(id, title, body) {
    return el('section', { 'class': 'card', id: 'sec-' + id }, el('h2', { text: title }), body);
  }

  function studyLayout(s) {
    var main = document.getElementById('main');
    main.textContent = '';
    var single = s.directions.length === 1;
    main.appendChild(el('section', { 'class': 'card', id: 'sec-summary' }, el('h1', { text: s.name }), summaryBody(s)));
    if (s.kind === 'automl') {
      main.appendChild(section('automl', 'AutoML: leaderboard and ensemble', el('div', { id: 'automl' })));
    }
    if (s.kind === 'nas') {
      main.appendChild(section('nas', 'Best architectures', el('div', { id: 'architectures', 'class': 'archs' })));
    }
    var g = el('div', { 'class': 'grid2' });
    g.appendChild(section('history', 'Optimisation history', el('div', { 'class': 'chart', id: 'chart-history' })));
    if (!single) g.appendChild(section('pareto', 'Pareto front', [el('div', { 'class': 'filters', id: 'pareto-axes' }), el('div', { 'class': 'chart', id: 'chart-pareto' })]));
    if (single) g.appendChild(section('importance', 'Hyperparameter importance (fANOVA)', [el('div', { 'class': 'chart', id: 'chart-importance' }), el('p', { 'class': 'note', id: 'importance-note' })]));
    main.appendChild(g);
    main.appendChild(section('parallel', 'Parallel coordinates', el('div', { 'class': 'chart', id: 'chart-parallel' })));
    main.appendChild(section('slice', 'Slice plots', el('div', { 'class': 'chart', id: 'chart-slice' })));
    var g2 = el('div', { 'class': 'grid2' });
    g2.appendChild(section('contour', 'Contour (objective over two parameters)', [el('div', { 'class': 'filters', id: 'contour-axes' }), el('div', { 'class': 'chart', id: 'chart-contour' })]));
    g2.appendChild(section('intermediate', 'Intermediate values (learning curves)', [el('div', { 'class': 'chart', id: 'chart-intermediate' }), el('p', { 'class': 'note', id: 'intermediate-note' })]));
    main.appendChild(g2);
    main.appendChild(section('trials', 'Trials', el('div', { id: 'trials' })));
    main.appendChild(el('section', { 'class': 'card', id: 'trial-detail', hidden: 'hidden' }));
  }

  function summaryBody(s) {
    var c = s.counts;
    var stats = el('div', { 'class': 'stats' },
      stat('kind', s.kind), stat('direction', s.directions.join(', ')),
      el('div', null, el('span', { 'class': 'muted', text: 'state' }), el('b', null, el('span', { 'class': 'badge ' + s.state, id: 'study-state', text: s.state }))),
      stat('trials', s.trials), stat('complete', c.COMPLETE), stat('pruned', c.PRUNED), stat('failed', c.FAIL),
      stat('running', c.RUNNING + c.WAITING),
      s.best ? stat('best', fmt(s.best.values[0]) + ' (#' + s.best.number + ')') : null,
      s.pareto_size !== undefined ? stat('Pareto front', s.pareto_size + ' trials') : null,
      stat('last update', fmtTime(s.last_update)));
    var parts = [stats];
    if (s.best) {
      parts.push(el('p', { 'class': 'note' }, 'best parameters: ',
        Object.keys(s.best.params).map(function (k) { return k + ' = ' + fmt(s.best.params[k]); }).join(', ')));
    }
    var attrs = Object.keys(s.user_attrs || {});
    if (attrs.length) {
      parts.push(el('details', null, el('summary', { text: 'study attributes (' + attrs.length + ')' }),
        el('pre', { text: JSON.stringify(s.user_attrs, null, 2) })));
    }
    return parts;
  }

  function stat(label, value) {
    return el('div', null, el('span', { 'class': 'muted', text: label }), el('b', { text: value }));
  }

  function historyChart(h) {
    var single = h.directions.length === 1;
    var series = [];
    if (single) {
      var feasible = [], infeasible = [];
      h.number.forEach(function (n, i) { (h.feasible[i] ? feasible : infeasible).push([n, h.values[0][i]]); });
      series.push({ type: 'scatter', name: 'trial', data: feasible, symbolSize: 5, large: feasible.length > 2000 });
      if (infeasible.length) series.push({ type: 'scatter', name: 'infeasible', data: infeasible, symbolSize: 5, itemStyle: { color: '#9ca3af' } });
      series.push({ type: 'line', name: 'best so far', step: 'end', showSymbol: false, data: h.number.map(function (n, i) { return [n, h.best[i]]; }),
        lineStyle: { color: '#c62828', width: 2 }, itemStyle: { color: '#c62828' } });
    } else {
      h.directions.forEach(function (d, k) {
        series.push({ type: 'scatter', name: objectiveName(h.directions, k), data: h.number.map(function (n, i) { return [n, h.values[k][i]]; }), symbolSize: 5, large: h.number.length > 2000 });
      });
    }
    return draw('chart-history', {
      legend: { top: 0 }, grid: { left: 60, right: 30, top: 40, bottom: 40 },
      tooltip: { trigger: 'item', formatter: function (p) { return tooltipRows('trial #' + p.value[0], [[p.seriesName, p.value[1]]]); } },
      xAxis: { type: 'value', name: 'trial', nameLocation: 'middle', nameGap: 25, minInterval: 1 },
      yAxis: { type: 'value', name: single ? objectiveName(h.directions, 0) : 'objective', scale: true },
      dataZoom: [{ type: 'inside' }], series: series
    }).then(function () {
      charts['chart-history'].off('click');
      charts['chart-history'].on('click', function (p) { if (p.value) openTrial(p.value[0]); });
    });
  }

  function importanceChart(imp) {
    var note = document.getElementById('importance-note');
    if (imp.error) {
      note.textContent = imp.error;
      note.className = 'note error';
    } else {
      note.textContent = 'On ' + imp.trials_used + ' completed trials' + (imp.sampled ? ' (a seeded sample of them)' : '') + '; sums to 1.';
    }
    var items = imp.importance.slice().reverse();
    return draw('chart-importance', {
      grid: { left: 140, right: 40, top: 30, bottom: 30 },
      tooltip: { trigger: 'item', formatter: function (p) { return tooltipRows(p.name, [['importance', p.value]]); } },
      xAxis: { type: 'value', max: 1 },
      yAxis: { type: 'category', data: items.map(function (e) { return e.name; }), axisLabel: { width: 130, overflow: 'truncate' } },
      series: [{ type: 'bar', name: 'importance', data: items.map(function (e) { return e.importance; }), itemStyle: { color: '#2f6fdb' } }]
    });
  }

  function valueRange(values) {
    var min = Infinity, max = -Infinity;
    values.forEach(function (v) { if (v !== null && v < min) min = v; if (v !== null && v > max) max = v; });
    if (min === Infinity) { min = 0; max = 1; }
    if (min === max) { max = min + 1; }
    return [min, max];
  }

  function colorsFor(direction) {
    var c = ['#1a5fb4', '#62a0ea', '#f6d32d', '#e66100', '#a51d2d'];
    return direction === 'maximize' ? c.slice().reverse() : c;
  }

  function parallelChart(p) {
    var dims = p.params.length;
    var axes = p.params.map(function (q, i) {
      var a = { dim: i, name: q.name, type: axisType(q), nameTextStyle: { width: 110, overflow: 'truncate' } };
      if (q.kind === 'categorical') a.data = q.choices;
      return a;
    });
    axes.push({ dim: dims, name: objectiveName(p.directions, 0), type: 'value', scale: true });
    var data = p.number.map(function (n, i) {
      var row = p.params.map(function (q) { var v = q.values[i]; return v === null ? '-' : v; });
      row.push(p.objective[i]);
      return row;
    });
    var r = valueRange(p.objective);
    return draw('chart-parallel', {
      parallelAxis: axes, parallel: { left: 60, right: 90, top: 50, bottom: 30 },
      visualMap: { type: 'continuous', dimension: dims, min: r[0], max: r[1], right: 0, top: 'middle', itemHeight: 160, calculable: true,
        inRange: { color: colorsFor(p.directions[0]) }, formatter: fmt },
      tooltip: { show: false },
      series: [{ type: 'parallel', name: 'trials', data: data, lineStyle: { width: 1, opacity: 0.45 }, progressive: 2000, smooth: false }]
    });
  }

  function sliceChart(p) {
    var n = p.params.length;
    var dom = document.getElementById('chart-slice');
    if (!n) { dom.style.height = '40px'; dom.textContent = 'No parameters in the completed trials.'; return Promise.resolve(); }
    var cols = Math.min(3, n), rows = Math.ceil(n / cols), h = 230;
    dom.style.height = (rows * h + 20) + 'px';
    if (charts['chart-slice']) charts['chart-slice'].resize();
    var grids = [], xs = [], ys = [], series = [];
    var r = valueRange(p.objective);
    p.params.forEach(function (q, i) {
      var col = i % cols, row = Math.floor(i / cols);
      grids.push({ left: (col * 100 / cols + 5) + '%', width: (100 / cols - 8) + '%', top: row * h + 30, height: h - 75 });
      var x = { gridIndex: i, type: axisType(q), name: q.name, nameLocation: 'middle', nameGap: 25, scale: true, axisLine: { onZero: false },
        nameTextStyle: { width: 200, overflow: 'truncate' } };
      if (q.kind === 'categorical') x.data = q.choices;
      xs.push(x);
      ys.push({ gridIndex: i, type: 'value', scale: true, axisLine: { onZero: false }, name: col === 0 ? 'objective' : '' });
      var data = [];
      q.values.forEach(function (v, j) { if (v !== null) data.push([v, p.objective[j], p.number[j]]); });
      series.push({ type: 'scatter', name: q.name, xAxisIndex: i, yAxisIndex: i, data: data, symbolSize: 5, large: data.length > 2000 });
    });
    return draw('chart-slice', {
      grid: grids, xAxis: xs, yAxis: ys, series: series,
      visualMap: { show: false, dimension: 1, min: r[0], max: r[1], inRange: { color: colorsFor(p.directions[0]) }, seriesIndex: series.map(function (s, i) { return i; }) },
      tooltip: { trigger: 'item', formatter: function (e) { return tooltipRows('trial #' + e.value[2], [[e.seriesName, e.value[0]], ['objective', e.value[1]]]); } }
    }).then(function () {
      charts['chart-slice'].off('click');
      charts['chart-slice'].on('click', function (e) { if (e.value) openTrial(e.value[2]); });
    });
  }

  /** Axis choosers over names (the parameters of the completed trials); the first two, or null when fewer. */
  function contourControls(studyName, names) {
    var box = document.getElementById('contour-axes');
    box.textContent = '';
    if (names.length < 2) return null;
    var sx = el('select', { id: 'contour-x' }), sy = el('select', { id: 'contour-y' });
    names.forEach(function (n, i) {
      sx.appendChild(el('option', { value: n, text: n, selected: i === 0 ? 'selected' : null }));
      sy.appendChild(el('option', { value: n, text: n, selected: i === 1 ? 'selected' : null }));
    });
    var redraw = function () { loadContour(studyName, sx.value, sy.value); };
    sx.addEventListener('change', redraw);
    sy.addEventListener('change', redraw);
    add(box, ['x ', sx, ' y ', sy]);
    return [names[0], names[1]];
  }

  function loadContour(name, x, y) {
    return api('/api/study/contour', { study: name, x: x, y: y }).then(contourChart, function (e) { return chartMessage('chart-contour', e.message); });
  }

  function contourChart(c) {
    var vals = c.cells.map(function (cell) { return cell[2]; });
    var r = valueRange(vals);
    return draw('chart-contour', {
      grid: { left: 80, right: 90, top: 30, bottom: 60 },
      tooltip: { trigger: 'item', formatter: function (p) {
        var cell = c.cells[p.dataIndex];
        return tooltipRows(c.x.name + ' ≈ ' + c.x.labels[cell[0]] + ', ' + c.y.name + ' ≈ ' + c.y.labels[cell[1]],
          [['best', cell[2]], ['mean', cell[4]], ['trials', cell[3]]]);
      } },
      xAxis: { type: 'category', data: c.x.labels, name: c.x.name, nameLocation: 'middle', nameGap: 35 },
      yAxis: { type: 'category', data: c.y.labels, name: c.y.name },
      visualMap: { min: r[0], max: r[1], calculable: true, right: 0, top: 'middle', dimension: 2, inRange: { color: colorsFor(c.direction) }, formatter: fmt },
      series: [{ type: 'heatmap', name: 'best objective', data: c.cells.map(function (cell) { return [cell[0], cell[1], cell[2]]; }) }]
    });
  }

  function chartMessage(id, text) {
    var dom = document.getElementById(id);
    if (!dom) return Promise.resolve();
    if (charts[id]) { charts[id].dispose(); delete charts[id]; }
    dom.style.height = 'auto';
    dom.textContent = '';
    dom.appendChild(el('p', { 'class': 'muted', text: text }));
    return Promise.resolve();
  }

  function intermediateChart(iv) {
    var note = document.getElementById('intermediate-note');
    if (!iv.total) {
      note.textContent = '';
      return chartMessage('chart-intermediate', 'No trial reported intermediate values.');
    }
    note.textContent = iv.total > iv.curves.length ? 'The latest ' + iv.curves.length + ' of ' + iv.total + ' curves.' : iv.total + ' curves; pruned trials in red, ended by a dot.';
    var color = { COMPLETE: '#2f6fdb', PRUNED: '#c62828', RUNNING: '#1a7f37', FAIL: '#6b7280', WAITING: '#6b7280' };
    var series = iv.curves.map(function (c) {
      var data = c.steps.map(function (s, i) { return [s, c.values[i]]; });
      var s = { type: 'line', name: '#' + c.number, data: data, showSymbol: data.length === 1, lineStyle: { width: 1, opacity: 0.7, color: color[c.state] },
        itemStyle: { color: color[c.state] }, emphasis: { focus: 'series' }, trialNumber: c.number, trialState: c.state };
      if (c.state === 'PRUNED' && data.length) {
        s.markPoint = { symbol: 'circle', symbolSize: 7, label: { show: false }, data: [{ name: 'pruned', coord: data[data.length - 1] }] };
      }
      return s;
    });
    return draw('chart-intermediate', {
      grid: { left: 60, right: 20, top: 20, bottom: 40 },
      tooltip: { trigger: 'item', formatter: function (p) {
        return tooltipRows(p.seriesName + ' (' + (iv.curves[p.seriesIndex] || {}).state + ')', [['step', p.value ? p.value[0] : p.data.coord[0]], ['value', p.value ? p.value[1] : p.data.coord[1]]]);
      } },
      xAxis: { type: 'value', name: 'step', nameLocation: 'middle', nameGap: 25 },
      yAxis: { type: 'value', scale: true },
      series: series
    }).then(function () {
      charts['chart-intermediate'].off('click');
      charts['chart-intermediate'].on('click', function (p) { var c = iv.curves[p.seriesIndex]; if (c) openTrial(c.number); });
    });
  }

  function paretoChart(p) {
    var box = document.getElementById('pareto-axes');
    var k = p.directions.length;
    var ax = box.dataset.x ? Number(box.dataset.x) : 0, ay = box.dataset.y ? Number(box.dataset.y) : 1;
    if (k > 2 && !box.firstChild) {
      var sx = el('select'), sy = el('select');
      p.directions.forEach(function (d, i) {
        sx.appendChild(el('option', { value: i, text: objectiveName(p.directions, i), selected: i === ax ? 'selected' : null }));
        sy.appendChild(el('option', { value: i, text: objectiveName(p.directions, i), selected: i === ay ? 'selected' : null }));
      });
      var redraw = function () { box.dataset.x = sx.value; box.dataset.y = sy.value; paretoChart(p); };
      sx.addEventListener('change', redraw);
      sy.addEventListener('change', redraw);
      add(box, ['x ', sx, ' y ', sy]);
    }
    var front = [], rest = [], infeasible = [];
    p.number.forEach(function (n, i) {
      (p.front[i] ? front : p.feasible && !p.feasible[i] ? infeasible : rest).push([p.values[i][ax], p.values[i][ay], n]);
    });
    return draw('chart-pareto', {
      legend: { top: 0 }, grid: { left: 70, right: 30, top: 40, bottom: 50 },
      tooltip: { trigger: 'item', formatter: function (e) { return tooltipRows('trial #' + e.value[2], [[objectiveName(p.directions, ax), e.value[0]], [objectiveName(p.directions, ay), e.value[1]]]); } },
      xAxis: { type: 'value', scale: true, name: objectiveName(p.directions, ax), nameLocation: 'middle', nameGap: 30 },
      yAxis: { type: 'value', scale: true, name: objectiveName(p.directions, ay) },
      series: [{ type: 'scatter', name: 'dominated', data: rest, symbolSize: 5, itemStyle: { color: '#9ca3af' }, large: rest.length > 2000 },
               { type: 'scatter', name: 'infeasible', data: infeasible, symbol: 'triangle', symbolSize: 6, itemStyle: { color: '#e0b25a' }, large: infeasible.length > 2000 },
               { type: 'scatter', name: 'Pareto front', data: front, symbolSize: 8, itemStyle: { color: '#c62828' } }]
    }).then(function () {
      charts['chart-pareto'].off('click');
      charts['chart-pareto'].on('click', function (e) { if (e.value) openTrial(e.value[2]); });
    });
  }

  // ------------------------------------------------------------------ AutoML and NAS

  /** Any JSON value as page elements: arrays of objects as tables, objects as key/value lists. */
  function jsonView(v) {
    if (v === null || v === undefined) return el('span', { 'class': 'muted', text: '–' });
    if (Array.isArray(v)) {
      if (v.length && v.every(function (x) { return x && typeof x === 'object' && !Array.isArray(x); })) {
        var cols = [];
        v.forEach(function (x) { Object.keys(x).forEach(function (k) { if (cols.indexOf(k) < 0) cols.push(k); }); });
        return el('div', { 'class': 'scroll' }, el('table', null,
          el('thead', null, el('tr', null, cols.map(function (c) { return el('th', { text: c }); }))),
          el('tbody', null, v.map(function (x) {
            return el('tr', null, cols.map(function (c) {
              var cell = x[c];
              return el('td', { 'class': typeof cell === 'number' ? 'num' : null },
                cell !== null && typeof cell === 'object' ? JSON.stringify(cell) : fmt(cell));
            }));
          }))));
      }
      return el('span', { text: v.map(function (x) { return typeof x === 'object' ? JSON.stringify(x) : fmt(x); }).join(', ') });
    }
    if (typeof v === 'object') {
      var dl = el('dl', { 'class': 'kv' });
      Object.keys(v).forEach(function (k) { dl.appendChild(el('dt', { text: k })); dl.appendChild(el('dd', null, jsonView(v[k]))); });
      return dl;
    }
    return el('span', { text: fmt(v) });
  }

  function automlView(a) {
    var box = document.getElementById('automl');
    box.textContent = '';
    box.appendChild(el('h3', { text: 'Leaderboard' }));
    box.appendChild(el('div', { id: 'leaderboard' }, a.leaderboard === null ? el('p', { 'class': 'muted', text: 'No leaderboard yet.' }) : jsonView(a.leaderboard)));
    box.appendChild(el('h3', { text: 'Chosen ensemble' }));
    box.appendChild(el('div', { id: 'ensemble' }, a.ensemble === null ? el('p', { 'class': 'muted', text: 'No ensemble yet.' }) : jsonView(a.ensemble)));
  }

  var vizLoading = null;

  function loadViz() {
    if (window.Viz && window.Viz.render) return Promise.resolve();
    if (REPORT) return Promise.reject(new Error('graph renderer not included in this report'));
    if (!vizLoading) {
      vizLoading = ['static/vendor/viz.js', 'static/vendor/full.render.js'].reduce(function (p, src) {
        return p.then(function () {
          return new Promise(function (resolve, reject) {
            var s = document.createElement('script');
            s.src = src;
            s.onload = resolve;
            s.onerror = function () { reject(new Error('cannot load ' + src)); };
            document.head.appendChild(s);
          });
        });
      }, Promise.resolve());
    }
    return vizLoading;
  }

  /** Removes from Graphviz's SVG whatever could run script or leave the page (links, handlers, foreign content). */
  function sanitizeSvg(svg) {
    Array.prototype.slice.call(svg.querySelectorAll('script, foreignObject, iframe, object, embed')).forEach(function (n) { n.remove(); });
    Array.prototype.slice.call(svg.querySelectorAll('*')).concat([svg]).forEach(function (n) {
      Array.prototype.slice.call(n.attributes).forEach(function (a) {
        var name = a.name.toLowerCase();
        if (name.indexOf('on') === 0 || ((name === 'href' || name === 'xlink:href') && a.value.charAt(0) !== '#')) n.removeAttribute(a.name);
      });
    });
    return svg;
  }

  function renderDot(dot, target) {
    return loadViz().then(function () {
      var viz = new window.Viz({ Module: window.Viz.Module, render: window.Viz.render });
      return viz.renderSVGElement(dot);
    }).then(function (svg) {
      target.textContent = '';
      target.appendChild(sanitizeSvg(svg));
    }, function (e) {
      target.textContent = '';
      target.appendChild(el('p', { 'class': 'error', text: 'cannot draw this architecture: ' + e.message }));
      target.appendChild(el('pre', { text: dot }));
    });
  }

  function architecturesView(a) {
    var box = document.getElementById('architectures');
    box.textContent = '';
    if (!a.architectures.length) {
      box.appendChild(el('p', { 'class': 'muted', text: 'No completed trial carries an architecture (user attribute architecture_dot) yet.' }));
      return Promise.resolve();
    }
    return Promise.all(a.architectures.map(function (t, i) {
      var g = el('div', { 'class': 'graph' });
      box.appendChild(el('div', { 'class': 'arch', 'data-trial': t.number },
        el('b', { text: (i + 1) + '. trial #' + t.number + ': ' + t.values.map(fmt).join(', ') }), g));
      return renderDot(t.dot, g);
    }));
  }

  // ------------------------------------------------------------------ trial table and trial view

  function trialsTable(s) {
    var box = document.getElementById('trials');
    box.textContent = '';
    var q = state.query;
    var stateSel = el('select', { id: 'filter-state' }, el('option', { value: '', text: 'all states' }),
      ['COMPLETE', 'PRUNED', 'FAIL', 'RUNNING', 'WAITING'].map(function (x) { return el('option', { value: x, text: x, selected: q.state === x ? 'selected' : null }); }));
    var text = el('input', { type: 'text', id: 'filter-q', placeholder: 'find (params, messages)', value: q.q || '' });
    var min = el('input', { type: 'number', id: 'filter-min', placeholder: 'min value', step: 'any', value: q.min !== undefined ? q.min : '' });
    var max = el('input', { type: 'number', id: 'filter-max', placeholder: 'max value', step: 'any', value: q.max !== undefined ? q.max : '' });
    var apply = function () {
      q.state = stateSel.value || undefined; q.q = text.value || undefined;
      q.min = min.value === '' ? undefined : min.value; q.max = max.value === '' ? undefined : max.value;
      q.offset = 0;
      loadTrials(s);
    };
    stateSel.addEventListener('change', apply);
    [text, min, max].forEach(function (i) { i.addEventListener('change', apply); });
    box.appendChild(el('div', { 'class': 'filters' }, stateSel, text, min, max, el('button', { id: 'filter-apply', onclick: apply, text: 'Filter' })));
    box.appendChild(el('div', { 'class': 'scroll' }, el('table', { id: 'trial-table' }, el('thead'), el('tbody'))));
    box.appendChild(el('div', { 'class': 'pager', id: 'pager' }));
    return loadTrials(s);
  }

  function loadTrials(s) {
    var q = state.query;
    var params = Object.assign({ study: s.name }, q);
    return api('/api/study/trials', params).then(function (page) { renderTrials(s, page); }, function (e) {
      var tb = document.querySelector('#trial-table tbody');
      tb.textContent = '';
      tb.appendChild(el('tr', null, el('td', { 'class': 'error', text: e.message })));
    });
  }

  function renderTrials(s, page) {
    var q = state.query;
    var table = document.getElementById('trial-table');
    var thead = table.querySelector('thead'), tbody = table.querySelector('tbody');
    thead.textContent = '';
    tbody.textContent = '';
    var objectives = s.directions.length;
    var cols = [{ key: 'number', label: '#', num: true }, { key: 'state', label: 'state' }];
    for (var k = 0; k < objectives; k++) cols.push({ key: k === 0 ? 'value' : 'value' + k, label: objectives === 1 ? 'value' : 'value ' + k, num: true });
    page.columns.forEach(function (c) { cols.push({ key: 'param:' + c, label: c, num: true }); });
    cols.push({ key: 'duration', label: 'duration', num: true });
    cols.push({ key: null, label: 'failure' });
    thead.appendChild(el('tr', null, cols.map(function (c) {
      var arrow = c.key && q.sort === c.key ? (q.order === 'desc' ? ' ▼' : ' ▲') : '';
      return el('th', { 'class': (c.key ? 'sortable ' : '') + (c.num ? 'num' : ''), 'data-sort': c.key,
        onclick: c.key ? function () {
          if (q.sort === c.key) q.order = q.order === 'asc' ? 'desc' : 'asc'; else { q.sort = c.key; q.order = 'asc'; }
          q.offset = 0;
          loadTrials(s);
        } : null }, c.label + arrow);
    })));
    page.rows.forEach(function (r) {
      var cells = [el('td', { 'class': 'num', text: r.number }), el('td', null, el('span', { 'class': 'badge ' + r.state, text: r.state }))];
      for (var k = 0; k < objectives; k++) cells.push(el('td', { 'class': 'num', text: r.values.length > k ? fmt(r.values[k]) : '–' }));
      page.columns.forEach(function (c) { cells.push(el('td', { 'class': 'num', text: r.params[c] === undefined ? '–' : fmt(r.params[c]) })); });
      cells.push(el('td', { 'class': 'num', text: r.duration_ms === null ? '–' : (r.duration_ms / 1000).toFixed(2) + ' s' }));
      cells.push(el('td', { 'class': 'failure', text: r.failure || '' }));
      tbody.appendChild(el('tr', { 'class': 'clickable' + (state.trial === r.number ? ' selected' : ''), 'data-number': r.number,
        onclick: function () { openTrial(r.number); } }, cells));
    });
    if (!page.rows.length) tbody.appendChild(el('tr', null, el('td', { colspan: cols.length, 'class': 'muted', text: 'No trial matches.' })));
    var pager = document.getElementById('pager');
    pager.textContent = '';
    var from = page.total ? page.offset + 1 : 0, to = page.offset + page.rows.length;
    var sizeSel = el('select', { id: 'page-size' }, [10, 25, 50, 100, 500].map(function (n) { return el('option', { value: n, text: n + ' per page', selected: n === q.limit ? 'selected' : null }); }));
    sizeSel.addEventListener('change', function () { q.limit = Number(sizeSel.value); q.offset = 0; loadTrials(s); });
    add(pager, [
      el('button', { id: 'page-prev', disabled: page.offset === 0 ? 'disabled' : null, onclick: function () { q.offset = Math.max(0, q.offset - q.limit); loadTrials(s); }, text: '‹ previous' }),
      el('span', { id: 'page-info', text: from + '–' + to + ' of ' + page.total + (page.total !== page.study_trials ? ' (of ' + page.study_trials + ' trials)' : '') }),
      el('button', { id: 'page-next', disabled: to >= page.total ? 'disabled' : null, onclick: function () { q.offset += q.limit; loadTrials(s); }, text: 'next ›' }),
      sizeSel]);
  }

  function openTrial(number) {
    if (!state.study) return;
    location.hash = studyHash(state.study) + '/trial/' + number;
  }

  function showTrial(name, number) {
    state.trial = number;
    Array.prototype.slice.call(document.querySelectorAll('#trial-table tr.selected')).forEach(function (r) { r.classList.remove('selected'); });
    var row = document.querySelector('#trial-table tr[data-number="' + number + '"]');
    if (row) row.classList.add('selected');
    var box = document.getElementById('trial-detail');
    box.hidden = false;
    box.textContent = '';
    return api('/api/study/trial', { study: name, number: number }).then(function (t) {
      var dl = el('dl', { 'class': 'kv' });
      var pair = function (k, v) { dl.appendChild(el('dt', { text: k })); dl.appendChild(el('dd', null, v)); };
      pair('state', el('span', { 'class': 'badge ' + t.state, text: t.state }));
      pair('values', t.values.length ? t.values.map(fmt).join(', ') : '–');
      pair('started', fmtTime(t.start));
      pair('finished', fmtTime(t.complete));
      pair('duration', t.duration_ms === null ? '–' : (t.duration_ms / 1000).toFixed(3) + ' s');
      var ptable = el('table', { id: 'trial-params' }, el('thead', null, el('tr', null, el('th', { text: 'parameter' }), el('th', { text: 'value' }), el('th', { text: 'distribution' }))),
        el('tbody', null, t.distributions.map(function (d) {
          var desc = d.kind === 'categorical' ? 'one of ' + d.choices.join(', ') : d.kind + ' [' + d.low + ', ' + d.high + ']' + (d.log ? ' log' : '');
          return el('tr', null, el('td', { text: d.name }), el('td', { text: fmt(t.params[d.name]) }), el('td', { 'class': 'muted', text: desc }));
        })));
      add(box, [el('h2', { id: 'trial-title', text: 'Trial #' + t.number }), dl, el('h3', { text: 'Parameters' }), ptable]);
      if (t.failure) {
        add(box, [el('h3', { text: 'Failure' }), el('p', { 'class': 'failure', id: 'trial-failure', text: t.failure.type + ': ' + t.failure.message })]);
        if (t.failure.stack_trace) add(box, el('details', null, el('summary', { text: 'stack trace' }), el('pre', { text: t.failure.stack_trace })));
      }
      var extra = [];
      if (t.intermediate.steps.length) {
        add(box, [el('h3', { text: 'Intermediate values' }), el('div', { 'class': 'chart', id: 'chart-trial', style: null })]);
        extra.push(draw('chart-trial', {
          grid: { left: 60, right: 20, top: 20, bottom: 40 }, xAxis: { type: 'value', name: 'step' }, yAxis: { type: 'value', scale: true },
          tooltip: { trigger: 'item', formatter: function (p) { return tooltipRows('step ' + p.value[0], [['value', p.value[1]]]); } },
          series: [{ type: 'line', name: 'trial #' + t.number, data: t.intermediate.steps.map(function (s, i) { return [s, t.intermediate.values[i]]; }) }]
        }));
      }
      if (typeof t.user_attrs.architecture_dot === 'string') {
        var g = el('div', { 'class': 'graph', id: 'trial-architecture' });
        add(box, [el('h3', { text: 'Architecture' }), g]);
        extra.push(renderDot(t.user_attrs.architecture_dot, g));
      }
      if (Object.keys(t.user_attrs).length) add(box, el('details', null, el('summary', { text: 'user attributes' }), el('pre', { text: JSON.stringify(t.user_attrs, null, 2) })));
      if (Object.keys(t.system_attrs).length) add(box, el('details', null, el('summary', { text: 'system attributes' }), el('pre', { text: JSON.stringify(t.system_attrs, null, 2) })));
      add(box, el('p', null, el('button', { id: 'trial-close', text: 'Close', onclick: function () { location.hash = studyHash(name); } })));
      box.scrollIntoView({ block: 'nearest' });
      return Promise.all(extra);
    }, function (e) {
      box.appendChild(el('p', { 'class': 'error', text: e.message }));
    });
  }

  // ------------------------------------------------------------------ loading a study

  function guard(promise, id) {
    return promise.catch(function (e) {
      window.automl4j.errors.push(id + ': ' + e.message);
      return chartMessage(id, e.message);
    });
  }

  function loadStudy(name, summary) {
    var token = ++state.renderToken;
    readyWaits = [];
    window.automl4j.ready = false;
    document.body.removeAttribute('data-ready');
    var s = summary;
    var single = s.directions.length === 1;
    var jobs = [];
    jobs.push(guard(api('/api/study/history', { study: name }).then(historyChart), 'chart-history'));
    var params = api('/api/study/params', { study: name });
    jobs.push(guard(params.then(function (p) {
      if (!p.number.length) {
        chartMessage('chart-parallel', 'No completed trial yet.');
        return chartMessage('chart-slice', 'No completed trial yet.');
      }
      return Promise.all([parallelChart(p), sliceChart(p)]);
    }), 'chart-parallel'));
    // the contour's axes are parameters of completed trials: one seen only in failed, pruned or running
    // trials has nothing to plot
    jobs.push(guard(params.then(function (p) {
      var axes = contourControls(name, p.params.map(function (q) { return q.name; }));
      return axes && p.number.length ? loadContour(name, axes[0], axes[1])
        : chartMessage('chart-contour', 'A contour plot needs two parameters in the completed trials.');
    }), 'chart-contour'));
    if (single) jobs.push(guard(api('/api/study/importance', { study: name }).then(importanceChart), 'chart-importance'));
    else jobs.push(guard(api('/api/study/pareto', { study: name }).then(paretoChart), 'chart-pareto'));
    jobs.push(guard(api('/api/study/intermediate', { study: name }).then(intermediateChart), 'chart-intermediate'));
    if (s.kind === 'automl') jobs.push(api('/api/study/automl', { study: name }).then(automlView));
    if (s.kind === 'nas') jobs.push(api('/api/study/architectures', { study: name }).then(architecturesView));
    jobs.push(trialsTable(s));
    return Promise.all(jobs).then(function () { return Promise.all(readyWaits); }).then(function () {
      if (token === state.renderToken) markReady();
    });
  }

  function markReady() {
    window.automl4j.ready = true;
    window.automl4j.readyAt = performance.now();
    document.body.setAttribute('data-ready', '1');
  }

  function studyView(name, trial) {
    setCrumb(name);
    var fresh = state.study !== name || !document.getElementById('sec-summary');
    if (!fresh) {
      return trial !== null ? showTrial(name, trial) : hideTrial();
    }
    disposeCharts();
    state.study = name;
    state.version = null;
    state.trial = null;
    state.query = { offset: 0, limit: 25, sort: 'number', order: 'asc' };
    return api('/api/study', { study: name }).then(function (s) {
      state.summary = s;
      state.version = s.version;
      studyLayout(s);
      var loading = loadStudy(name, s);
      return trial !== null ? Promise.all([loading, showTrial(name, trial)]) : loading;
    }, function (e) {
      var main = document.getElementById('main');
      main.textContent = '';
      main.appendChild(el('section', { 'class': 'card' }, el('h1', { text: name }), el('p', { 'class': 'error', text: e.message }),
        el('p', null, el('a', { href: '#/', text: 'all studies' }))));
    });
  }

  function hideTrial() {
    state.trial = null;
    var box = document.getElementById('trial-detail');
    if (box) { box.hidden = true; box.textContent = ''; }
    if (charts['chart-trial']) { charts['chart-trial'].dispose(); delete charts['chart-trial']; }
    return Promise.resolve();
  }

  /** While the page shows a study, asks for its summary every POLL_MS and redraws when it changed. */
  function poll() {
    if (REPORT || !state.study || document.hidden) return;
    var name = state.study;
    api('/api/study', { study: name }).then(function (s) {
      document.getElementById('live').textContent = 'live · ' + new Date().toLocaleTimeString();
      if (name !== state.study || s.version === state.version) return;
      state.version = s.version;
      state.summary = s;
      var sum = document.getElementById('sec-summary');
      if (sum) {
        sum.textContent = '';
        add(sum, [el('h1', { text: s.name }), summaryBody(s)]);
      }
      loadStudy(name, s);
    }, function () {
      document.getElementById('live').textContent = 'server unreachable';
    });
  }

  // ------------------------------------------------------------------ routing

  function route() {
    var h = location.hash || '';
    var png = /^#\/study\/([^/]+)\/png\/([a-z-]+)$/.exec(h);
    if (REPORT && png) {
      pngView(decodeURIComponent(png[1]), png[2]);
      return;
    }
    var m = /^#\/study\/([^/]+)(?:\/trial\/(\d+))?$/.exec(h);
    if (REPORT && !m) {
      location.replace(studyHash(REPORT.study));
      return;
    }
    if (m) {
      studyView(decodeURIComponent(m[1]), m[2] !== undefined ? Number(m[2]) : null);
    } else {
      state.study = null;
      disposeCharts();
      studiesView().catch(function (e) {
        var main = document.getElementById('main');
        main.textContent = '';
        main.appendChild(el('p', { 'class': 'error', text: e.message }));
      });
    }
  }

  /** One chart alone on the page, for a PNG taken by headless Chromium (automl4j report --png). */
  function pngView(name, chartId) {
    studyView(name, null).then(function () {
      var dom = document.getElementById(chartId);
      var main = document.getElementById('main');
      if (!dom) { main.textContent = 'no chart ' + chartId + ' for this study'; markReady(); return; }
      var sec = dom.closest('section');
      Array.prototype.slice.call(document.querySelectorAll('header.top')).forEach(function (e) { e.remove(); });
      main.textContent = '';
      main.appendChild(sec);
      Object.keys(charts).forEach(function (k) { if (k !== chartId) { charts[k].dispose(); delete charts[k]; } });
      if (charts[chartId]) charts[chartId].resize();
      document.body.setAttribute('data-png', chartId);
      markReady();
    });
  }

  window.addEventListener('hashchange', route);
  if (REPORT) {
    document.getElementById('home').removeAttribute('href');
    document.getElementById('live').textContent = 'report written ' + fmtTime(REPORT.written);
  } else {
    state.poll = setInterval(function () {
      if (state.study) poll();
      else if (document.getElementById('studies')) studiesView();
    }, POLL_MS);
  }
  route();
})();
