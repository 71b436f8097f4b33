/**
 * The dashboard (GET /admin): orders, their timeline and the WeChat calls, from the admin API with X-Api-Key.
 * Served as /admin/dashboard.js so that the page needs no inline script (Content-Security-Policy script-src 'self').
 * Times are Beijing time, labelled +08:00.
 */
(function () {
  'use strict';
  var PHASES = ['CREATING', 'CREATE_FAILED', 'CREATED', 'USER_CONFIRMED', 'AWAITING_PAYMENT', 'DONE', 'REVOKED', 'EXPIRED'];
  var COLORS = { CREATING: '#8c959f', CREATE_FAILED: '#cf222e', CREATED: '#bf8700', USER_CONFIRMED: '#0969da', AWAITING_PAYMENT: '#8250df', DONE: '#1a7f37', REVOKED: '#6e7781', EXPIRED: '#d4a72c' };
  var KEY_STORAGE = 'wxpayscore.adminKey';
  var selected = null;
  var timer = null;

  function $(id) { return document.getElementById(id); }
  function el(tag, text, attrs) {
    var node = document.createElement(tag);
    if (text !== undefined && text !== null) { node.textContent = String(text); }
    Object.keys(attrs || {}).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    return node;
  }
  function yuan(fen) { return fen === null || fen === undefined ? '—' : '¥' + (fen / 100).toFixed(2); }
  // One clock on the page: Beijing time (UTC+08:00, no daylight saving), the zone of the order numbers and of
  // WeChat Pay, whatever the browser's own zone; always labelled.
  var BEIJING_OFFSET_MS = 8 * 3600 * 1000;
  function beijing(date) { return new Date(date.getTime() + BEIJING_OFFSET_MS).toISOString().replace('T', ' ').slice(0, 19); }
  function when(iso) { var d = new Date(iso); return isNaN(d) ? '' : beijing(d) + ' +08:00'; }
  function dayTime(iso) { var d = new Date(iso); return isNaN(d) ? '' : beijing(d); }
  function clock(date) { return beijing(date).slice(11) + ' +08:00'; }
  function say(text, bad) { $('message').textContent = text || ''; $('message').className = bad ? 'bad' : 'muted'; }

  function api(method, path, body) {
    var init = { method: method, headers: { 'X-Api-Key': $('api-key').value } };
    if (body !== undefined) { init.headers['Content-Type'] = 'application/json'; init.body = JSON.stringify(body); }
    return fetch('/admin/api' + path, init).then(function (response) {
      return response.text().then(function (text) {
        var data = text ? JSON.parse(text) : null;
        if (!response.ok) {
          var error = new Error((data && (data.detail || data.title)) || ('HTTP ' + response.status));
          error.status = response.status;
          throw error;
        }
        return data;
      });
    });
  }

  function renderCounts(stats) {
    var counts = $('counts');
    counts.replaceChildren();
    PHASES.forEach(function (phase) {
      var n = stats.counts[phase] || 0;
      counts.appendChild(el('span', phase + ': ' + n, { 'data-phase': phase, 'data-count': String(n) }));
    });
    renderChart(stats);
  }

  function renderChart(stats) {
    var svg = $('chart');
    var ns = 'http://www.w3.org/2000/svg';
    svg.replaceChildren();
    var width = 600, height = 160, pad = 24;
    var buckets = stats.buckets.length;
    var max = 1;
    PHASES.forEach(function (p) { (stats.series[p] || []).forEach(function (v) { if (v > max) { max = v; } }); });
    var axis = document.createElementNS(ns, 'line');
    axis.setAttribute('x1', pad); axis.setAttribute('x2', width - 4); axis.setAttribute('y1', height - pad); axis.setAttribute('y2', height - pad);
    axis.setAttribute('stroke', '#d0d7de');
    svg.appendChild(axis);
    var label = document.createElementNS(ns, 'text');
    label.setAttribute('x', 2); label.setAttribute('y', 12); label.setAttribute('font-size', '10'); label.setAttribute('fill', '#656d76');
    label.textContent = String(max);
    svg.appendChild(label);
    PHASES.forEach(function (phase) {
      var values = stats.series[phase] || [];
      if (!values.some(function (v) { return v > 0; })) { return; }
      var points = values.map(function (v, i) {
        var x = pad + (buckets > 1 ? i * (width - pad - 8) / (buckets - 1) : 0);
        var y = height - pad - v * (height - pad - 8) / max;
        return x.toFixed(1) + ',' + y.toFixed(1);
      }).join(' ');
      var line = document.createElementNS(ns, 'polyline');
      line.setAttribute('points', points);
      line.setAttribute('fill', 'none');
      line.setAttribute('stroke', COLORS[phase]);
      line.setAttribute('stroke-width', '2');
      line.setAttribute('data-phase', phase);
      svg.appendChild(line);
    });
    var first = document.createElementNS(ns, 'text');
    first.setAttribute('x', pad); first.setAttribute('y', height - 6); first.setAttribute('font-size', '10'); first.setAttribute('fill', '#656d76');
    first.textContent = stats.buckets.length ? clock(new Date(stats.buckets[0])) : '';
    svg.appendChild(first);
    var last = document.createElementNS(ns, 'text');
    last.setAttribute('x', width - 4); last.setAttribute('text-anchor', 'end'); last.setAttribute('y', height - 6); last.setAttribute('font-size', '10'); last.setAttribute('fill', '#656d76');
    last.textContent = stats.buckets.length ? clock(new Date(stats.buckets[stats.buckets.length - 1])) : '';
    svg.appendChild(last);
    var legend = $('legend');
    legend.replaceChildren();
    PHASES.forEach(function (phase) {
      var item = el('span', phase);
      var swatch = el('i');
      swatch.style.background = COLORS[phase];
      item.prepend(swatch);
      legend.appendChild(item);
    });
  }

  function renderOrders(list) {
    var body = $('orders');
    body.replaceChildren();
    $('order-total').textContent = '(' + list.total + ')';
    list.items.forEach(function (o) {
      var row = el('tr', null, {
        'data-out-order-no': o.outOrderNo,
        'data-state': o.state || o.phase,
        'data-phase': o.phase
      });
      if (o.outOrderNo === selected) { row.className = 'selected'; }
      row.appendChild(el('td', o.outOrderNo));
      var phase = el('td');
      var badge = el('span', o.phase, { 'class': 'phase' });
      badge.style.background = COLORS[o.phase] || '#eaeef2';
      badge.style.color = '#fff';
      phase.appendChild(badge);
      row.appendChild(phase);
      row.appendChild(el('td', [o.state, o.stateDescription, o.collectionState].filter(Boolean).join(' / ')));
      row.appendChild(el('td', o.planId));
      row.appendChild(el('td', yuan(o.totalAmount)));
      row.appendChild(el('td', yuan(o.paidAmount)));
      row.appendChild(el('td', dayTime(o.createdAt), { title: when(o.createdAt) }));
      row.appendChild(el('td', o.subMerchant || o.subMchId, { title: o.subMchId + (o.subAppId ? ' · sub_appid ' + o.subAppId : '') }));
      row.appendChild(el('td', (o.deviceId || '') + (o.endDeviceId ? ' → ' + o.endDeviceId : '')));
      row.appendChild(el('td', o.startLocation || ''));
      row.addEventListener('click', function () { select(o.outOrderNo); });
      body.appendChild(row);
    });
  }

  function renderRejected(report) {
    var counts = $('rejected-counts');
    counts.replaceChildren();
    var reasons = Object.keys(report.counts);
    counts.appendChild(el('li', reasons.length
      ? 'since ' + when(report.since) + ': ' + reasons.map(function (r) { return r + ' × ' + report.counts[r]; }).join(', ')
      : 'none since ' + when(report.since)));
    counts.appendChild(el('li', 'kept: the latest ' + report.sampleSize + ' for ' + report.retentionDays + ' days 仅保留样本'));
    Object.keys(report.counts).forEach(function (r) { counts.lastChild.setAttribute('data-reason-' + r.toLowerCase(), String(report.counts[r])); });
    var list = $('rejected');
    var items = report.sample;
    list.replaceChildren();
    if (!items.length) { list.appendChild(el('li', 'none')); }
    items.slice(0, 20).forEach(function (n) {
      list.appendChild(el('li', when(n.receivedAt) + ' · ' + n.verification + (n.error ? ' · ' + n.error : ''), { 'data-verification': n.verification }));
    });
  }

  function renderCalls(items) {
    var list = $('calls');
    list.replaceChildren();
    if (!items.length) { list.appendChild(el('li', 'none')); }
    items.forEach(function (c) {
      var text = when(c.sentAt) + ' · ' + c.operation + ' · ' + c.outcome + (c.httpStatus ? ' ' + c.httpStatus : '') +
        (c.errorCode ? ' ' + c.errorCode : '') + (c.durationMs !== null && c.durationMs !== undefined ? ' · ' + c.durationMs + ' ms' : '') +
        (c.outOrderNo ? ' · ' + c.outOrderNo : '') + (c.target ? ' · ' + c.target : '');
      list.appendChild(el('li', text, { 'data-operation': c.operation, 'data-outcome': c.outcome }));
    });
  }

  function renderDetail(detail) {
    var o = detail.order;
    $('order-detail').hidden = false;
    $('order-detail').setAttribute('data-out-order-no', o.outOrderNo);
    $('order-detail').setAttribute('data-state', o.state || o.phase);
    $('detail-out-order-no').textContent = o.outOrderNo;
    $('detail-phase').textContent = o.phase;
    $('detail-summary').textContent = 'plan ' + o.planId + ' · risk fund ' + yuan(o.riskFundAmount) + ' · total ' + yuan(o.totalAmount) +
      ' · paid ' + yuan(o.paidAmount) + ' · owner ' + o.ownerOpenId + (o.weChatOrderId ? ' · order_id ' + o.weChatOrderId : '');
    var list = $('timeline');
    list.replaceChildren();
    detail.timeline.forEach(function (t) {
      var text = when(t.at) + ' · ' + t.type + ' · ' + t.kind;
      if (t.fromPhase || t.toPhase) { text += ' · ' + (t.fromPhase || '∅') + ' → ' + (t.toPhase || ''); }
      if (t.verification) { text += ' · verification ' + t.verification; }
      if (t.outcome) { text += ' · ' + t.outcome; }
      if (t.source && t.type === 'event') { text += ' · by ' + t.source; }
      if (t.detail) { text += ' · ' + t.detail; }
      var attrs = { 'data-type': t.type, 'data-kind': t.kind };
      if (t.verification) { attrs['data-verification'] = t.verification; }
      list.appendChild(el('li', text, attrs));
    });
    $('snapshot').textContent = detail.snapshot ? JSON.stringify(JSON.parse(detail.snapshot), null, 2) : '';
  }

  function renderRefunds(list) {
    $('refund-panel').setAttribute('data-refundable', String(list.refundableAmount));
    $('refund-totals').textContent = 'refunded 已退 ' + yuan(list.refundedAmount) + ' · in progress 退款中 ' + yuan(list.pendingAmount) +
      ' · refundable 可退 ' + yuan(list.refundableAmount);
    var rows = $('refund-details');
    rows.replaceChildren();
    list.details.forEach(function (d) {
      var row = el('tr', null, { 'data-seq': String(d.seq), 'data-refundable': String(d.refundable) });
      [String(d.seq), d.paidType || '', d.transactionId || '—', yuan(d.amount), yuan(d.refunded), yuan(d.refundable)].forEach(function (v) {
        row.appendChild(el('td', v));
      });
      rows.appendChild(row);
    });
    var items = $('refunds');
    items.replaceChildren();
    list.refunds.forEach(function (r) {
      var text = r.outRefundNo + ' · ' + r.status + ' · ' + yuan(r.amount) + ' of detail #' + r.detailSeq + ' · ' + when(r.createdAt) +
        (r.refundId ? ' · refund_id ' + r.refundId : '') + (r.userReceivedAccount ? ' · ' + r.userReceivedAccount : '') + (r.error ? ' · ' + r.error : '');
      items.appendChild(el('li', text, { 'data-status': r.status, 'data-out-refund-no': r.outRefundNo }));
    });
  }

  function select(outOrderNo) {
    if (selected !== outOrderNo) { $('refund-message').textContent = ''; }
    selected = outOrderNo;
    return api('GET', '/orders/' + encodeURIComponent(outOrderNo)).then(renderDetail).then(function () {
      return api('GET', '/orders/' + encodeURIComponent(outOrderNo) + '/refunds').then(renderRefunds);
    }).then(function () {
      Array.prototype.forEach.call($('orders').children, function (row) {
        row.className = row.getAttribute('data-out-order-no') === outOrderNo ? 'selected' : '';
      });
    }).catch(function (e) { say(e.message, true); });
  }

  function load() {
    var phase = $('filter-phase').value;
    var query = '?limit=100' + (phase ? '&phase=' + encodeURIComponent(phase) : '') +
      ($('search').value ? '&q=' + encodeURIComponent($('search').value) : '') +
      ($('filter-sub-merchant').value.trim() ? '&subMerchant=' + encodeURIComponent($('filter-sub-merchant').value.trim()) : '');
    return Promise.all([api('GET', '/stats'), api('GET', '/orders' + query), api('GET', '/notifications/rejected?limit=20'), api('GET', '/calls?limit=20')])
      .then(function (results) {
        renderCounts(results[0]);
        renderOrders(results[1]);
        renderRejected(results[2]);
        renderCalls(results[3]);
        document.body.setAttribute('data-loaded', 'true');
        say('updated 更新于 ' + clock(new Date()));
        return selected ? select(selected) : null;
      })
      .catch(function (e) {
        say(e.status === 401 ? 'wrong or missing API key / API 密钥错误' : e.message, true);
        if (e.status === 401 && timer) { clearInterval(timer); timer = null; }
      });
  }

  function act(action, body) {
    if (!selected) { return; }
    say(action + '…');
    api('POST', '/orders/' + encodeURIComponent(selected) + '/' + action, body)
      .then(function (detail) { renderDetail(detail); say(action + ' ok'); return load(); })
      .catch(function (e) { say(action + ': ' + e.message, true); });
  }

  function connect() {
    sessionStorage.setItem(KEY_STORAGE, $('api-key').value);
    if (timer) { clearInterval(timer); }
    load();
    timer = setInterval(load, 3000);
  }

  PHASES.forEach(function (p) { $('filter-phase').appendChild(el('option', p, { value: p })); });
  $('api-key').value = sessionStorage.getItem(KEY_STORAGE) || '';
  $('connect').addEventListener('click', connect);
  $('api-key').addEventListener('keydown', function (e) { if (e.key === 'Enter') { connect(); } });
  $('reload').addEventListener('click', load);
  $('filter-phase').addEventListener('change', load);
  $('filter-sub-merchant').addEventListener('change', load);
  $('action-complete').addEventListener('click', function () {
    var amount = parseInt($('complete-amount').value, 10) || 0;
    act('complete', { fees: [{ name: $('complete-fee-name').value, amount: amount, description: '3元/小时' }], totalAmount: amount });
  });
  $('action-modify').addEventListener('click', function () {
    var amount = parseInt($('modify-amount').value, 10) || 0;
    act('modify', { fees: [{ name: $('complete-fee-name').value, amount: amount, description: '3元/小时' }], totalAmount: amount, reason: '费用调整' });
  });
  $('action-cancel').addEventListener('click', function () { act('cancel', { reason: $('cancel-reason').value }); });
  $('action-pay').addEventListener('click', function () { act('pay'); });
  $('action-sync').addEventListener('click', function () { act('sync', {}); });
  $('action-refresh').addEventListener('click', function () { act('refresh'); });
  $('action-refund').addEventListener('click', function () {
    if (!selected) { return; }
    var amount = parseInt($('refund-amount').value, 10) || 0;
    var shown = function (text, bad) { $('refund-message').textContent = text; $('refund-message').className = bad ? 'bad' : 'muted'; };
    shown('refund…');
    api('POST', '/orders/' + encodeURIComponent(selected) + '/refunds', { amount: amount, reason: $('refund-reason').value })
      .then(function (list) { renderRefunds(list); shown('refund ok · 已提交退款'); return load(); })
      .catch(function (e) { shown('refund: ' + e.message, true); });
  });
  if ($('api-key').value) { connect(); }
})();
