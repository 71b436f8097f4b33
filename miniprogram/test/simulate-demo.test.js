'use strict';
/**
 * Renders the demo page (pages/index: its WXML, WXSS and JS) with WeChat's miniprogram-simulate (j-component on a
 * jsdom DOM) and drives it as a user would: tap "免押租借" → wx.openBusinessView is called with
 * businessType 'wxpayScoreUse' and the server's package; the app's onShow with scene 1038 → the page shows the status.
 * miniprogram-simulate renders custom components, so the page is registered as a component whose attached
 * lifetime runs onLoad (the page's own methods and data unchanged). The merchant server is the fake of fake-wx.js.
 */
const test = require('node:test');
const assert = require('node:assert/strict');
const path = require('node:path');
require('global-jsdom/register');
// Node has its own Event and CustomEvent; j-component dispatches on jsdom elements, which accept only jsdom's.
global.Event = window.Event;
global.CustomEvent = window.CustomEvent;
const simulate = require('miniprogram-simulate');
const { createFakeServer, orderView } = require('./fake-wx.js');

const ROOT = path.join(__dirname, '..');

/** The parts of `wx` the app needs that miniprogram-simulate's mock lacks or only stubs: storage, request, the jump. */
function patchWx(server) {
  const storage = new Map();
  const jumps = [];
  Object.assign(global.wx, {
    getStorageSync: (key) => (storage.has(key) ? storage.get(key) : ''),
    setStorageSync: (key, value) => storage.set(key, value),
    removeStorageSync: (key) => storage.delete(key),
    request: server.request,
    login: (options) => setImmediate(() => options.success({ code: 'code-1', errMsg: 'login:ok' })),
    openBusinessView: (options) => {
      jumps.push(options);
      setImmediate(() => options.success({ errMsg: 'openBusinessView:ok' }));
    }
  });
  return { storage, jumps };
}

function createServer() {
  const server = createFakeServer();
  const state = { phase: 'CREATED' };
  server
    .on('POST', '/api/session', { status: 200, body: { token: 'tok', expiresAt: '2999-01-01T00:00:00Z' } })
    .on('GET', '/api/plans', {
      status: 200,
      body: [{ id: 'powerbank-hourly', serviceIntroduction: '充电宝租借', riskFund: { name: 'DEPOSIT', amount: 9900 }, fees: [{ name: '租借费用', description: '3元/小时' }] }]
    })
    .on('POST', '/api/orders', {
      status: 201,
      body: { outOrderNo: 'ORD-1', state: 'CREATED', openBusinessView: { businessType: 'wxpayScoreUse', extraData: { package: 'pkg+/=1' } } }
    })
    .on('GET', '/api/orders/ORD-1', () => ({ status: 200, body: orderView('ORD-1', state.phase) }))
    .on('GET', '/api/orders/by-query-id/Q-1', () => ({ status: 200, body: orderView('ORD-1', state.phase) }));
  return { server, state };
}

/** Loads app.js, then the page through miniprogram-simulate; returns the app and the rendered page. */
function startDemo() {
  let app;
  global.App = (definition) => { app = definition; };
  global.getApp = () => app;
  global.Page = (definition) => {
    const methods = {};
    const fields = {};
    Object.keys(definition).forEach((key) => {
      if (typeof definition[key] === 'function') {
        methods[key] = definition[key];
      } else if (key !== 'data') {
        fields[key] = definition[key];
      }
    });
    global.Component({
      data: definition.data,
      methods: methods,
      lifetimes: {
        attached() {
          Object.assign(this, fields);
          this.onLoad({});
        },
        detached() {
          this.onUnload();
        }
      }
    });
  };
  for (const file of ['app.js', 'config.js', 'pages/index/index.js', 'payscore/payscore.js', 'payscore/order-text.js']) {
    delete require.cache[path.join(ROOT, file)];
  }
  require(path.join(ROOT, 'app.js'));
  const id = simulate.load(path.join(ROOT, 'pages/index/index'), { compiler: 'simulate', rootPath: ROOT });
  const page = simulate.render(id);
  page.attach(document.createElement('parent-wrapper'));
  return { app, page };
}

async function waitFor(condition, label) {
  for (let i = 0; i < 500; i++) {
    if (condition()) {
      return;
    }
    await new Promise((resolve) => setTimeout(resolve, 2));
  }
  assert.fail('timed out waiting for ' + label);
}

function textOf(page, selector) {
  const node = page.querySelector(selector);
  return node ? node.dom.textContent.trim() : null;
}

test('simulate: tap → wx.openBusinessView(wxpayScoreUse, package); onShow scene 1038 → the status is shown', async () => {
  const { server, state } = createServer();
  const wx = patchWx(server);
  const { app, page } = startDemo();
  try {
    await waitFor(() => /风险金 Risk fund：DEPOSIT ¥99\.00/.test(textOf(page, '#plan-terms') || ''), 'plan terms rendered');
    assert.equal(page.querySelector('#status'), undefined, 'no order card before an order exists');

    page.querySelector('#use-payscore').dispatchEvent('tap');
    await waitFor(() => wx.jumps.length === 1, 'openBusinessView');
    assert.equal(wx.jumps[0].businessType, 'wxpayScoreUse');
    assert.deepEqual(wx.jumps[0].extraData, { package: 'pkg+/=1' });
    assert.equal(wx.storage.get('payscore_pending'), 'ORD-1', 'the order is cached before the jump');
    await waitFor(() => textOf(page, '#out-order-no') === 'ORD-1', 'order number rendered');

    state.phase = 'USER_CONFIRM';
    app.onShow({ scene: 1038, referrerInfo: { appId: 'wxd8f3793ea3b935b8', extraData: { query_id: 'Q-1' } } });
    await waitFor(() => textOf(page, '#status') === '已确认，等待商户完结 · confirmed, waiting for the merchant to complete', 'status rendered');
    assert.equal(page.querySelector('#status').dom.getAttribute('data-status'), 'CONFIRMED');
    assert.match(textOf(page, '#order-details'), /DOING \/ USER_CONFIRM/);
    assert.doesNotMatch(textOf(page, '#order-details'), /¥0\.00/);
    assert.equal(textOf(page, '#auto-refresh'), '自动刷新中 · updating by itself');
    assert.ok(server.requests.some((request) => request.path === '/api/orders/by-query-id/Q-1'), 'query_id used as the lookup hint');
  } finally {
    page.detach();
  }
});
