'use strict';
/**
 * Runs the demo mini program (app.js + pages/index/index.js) with fake App/Page/getApp/wx globals: the app checks
 * the pending order on show and the page starts the flow and shows the result.
 */
const test = require('node:test');
const assert = require('node:assert/strict');
const path = require('node:path');
const { createFakeWx, createFakeServer, orderView } = require('./fake-wx.js');

const ROOT = path.join(__dirname, '..');

/** Loads app.js and the index page afresh (a "process start") against `wx`; returns the app and a page instance. */
/** Pages loaded by the tests, unloaded at the end so that no order watcher outlives the run. */
const loadedPages = [];

function startMiniProgram(wx) {
  for (const file of ['app.js', 'config.js', 'pages/index/index.js', 'payscore/payscore.js', 'payscore/order-text.js']) {
    delete require.cache[path.join(ROOT, file)];
  }
  let app;
  let pageDefinition;
  global.wx = wx;
  global.App = (definition) => { app = definition; };
  global.getApp = () => app;
  global.Page = (definition) => { pageDefinition = definition; };
  require(path.join(ROOT, 'app.js'));
  require(path.join(ROOT, 'pages/index/index.js'));

  const page = Object.assign(Object.create(pageDefinition), {
    data: JSON.parse(JSON.stringify(pageDefinition.data)),
    setData(patch) { this.data = Object.assign({}, this.data, patch); }
  });
  loadedPages.push(page);
  return { app, page };
}

function createServer() {
  const server = createFakeServer();
  const state = { phase: 'CREATED' };
  server
    .on('POST', '/api/session', (request) => ({ status: 200, body: { token: 'tok:' + request.body.code, expiresAt: '2999-01-01T00:00:00Z' } }))
    .on('GET', '/api/plans', { status: 200, body: [{ id: 'powerbank-hourly', serviceIntroduction: '充电宝' }] })
    .on('POST', '/api/orders', {
      status: 201,
      body: { outOrderNo: 'ORD-1', state: 'CREATED', openBusinessView: { businessType: 'wxpayScoreUse', extraData: { package: 'pkg' } } }
    })
    .on('GET', '/api/orders/ORD-1', () => ({ status: 200, body: orderView('ORD-1', state.phase) }))
    .on('GET', '/api/orders/by-query-id/Q-1', () => ({ status: 200, body: orderView('ORD-1', state.phase) }));
  return { server, state };
}

async function waitFor(condition, label) {
  for (let i = 0; i < 200; i++) {
    if (condition()) {
      return;
    }
    await new Promise((resolve) => setImmediate(resolve));
  }
  assert.fail('timed out waiting for ' + label);
}

test.after(() => {
  loadedPages.filter((page) => page.watcher).forEach((page) => page.onUnload());
  delete global.wx;
  delete global.App;
  delete global.getApp;
  delete global.Page;
});

test('demo mini program: tap, jump, killed while away, relaunch from Pay Score, confirmed', async () => {
  const { server, state } = createServer();
  const storage = new Map();
  const first = startMiniProgram(createFakeWx({ request: server.request, storage: storage }));
  first.app.onShow({ scene: 1001, referrerInfo: {} }); // cold start without a pending order: nothing to check
  first.page.onLoad();
  await waitFor(() => first.page.data.plans.length === 1, 'plans');

  first.page.onUsePayScore();
  await waitFor(() => !first.page.data.busy, 'jump');
  assert.equal(global.wx.calls.openBusinessView.length, 1);
  assert.equal(first.page.data.outOrderNo, 'ORD-1');
  assert.equal(first.page.data.message, '');

  // WeChat killed the app while the user was in Pay Score; the return starts it again (onLaunch, then onShow).
  state.phase = 'USER_CONFIRM';
  const second = startMiniProgram(createFakeWx({ request: server.request, storage: storage }));
  second.page.onLoad();
  second.app.onShow({ scene: 1038, referrerInfo: { appId: 'wxd8f3793ea3b935b8', extraData: { query_id: 'Q-1' } } });
  await waitFor(() => second.page.data.statusText !== '', 'result');

  assert.equal(second.page.data.statusText, '已确认，等待商户完结 · confirmed, waiting for the merchant to complete');
  assert.equal(second.page.data.status, 'CONFIRMED');
  assert.equal(second.page.data.outOrderNo, 'ORD-1');
  assert.match(second.page.data.details, /DOING \/ USER_CONFIRM/);
  assert.doesNotMatch(second.page.data.details, /¥0\.00/);
  assert.equal(second.page.data.watching, true, 'the page follows the confirmed order by itself');
  assert.equal(server.requests.filter((request) => request.path === '/api/session').length, 1, 'session reused');
  assert.equal(storage.has('payscore_pending'), false);
});

test('demo mini program: an old client gets the upgrade prompt and creates no order', async () => {
  const { server } = createServer();
  const wx = createFakeWx({ request: server.request, sdkVersion: '2.5.9' });
  const modals = [];
  wx.showModal = (options) => modals.push(options);
  const { page } = startMiniProgram(wx);
  page.onLoad();
  await waitFor(() => page.data.plans.length === 1, 'plans');

  page.onUsePayScore();

  assert.equal(modals.length, 1);
  assert.equal(modals[0].content, '请升级微信到最新版本后再试');
  assert.equal(server.requests.some((request) => request.path === '/api/orders'), false);
});

test('demo mini program: refresh shows "paid" after the merchant completed and collected', async () => {
  const { server, state } = createServer();
  const { page } = startMiniProgram(createFakeWx({ request: server.request }));
  page.onLoad();
  await waitFor(() => page.data.plans.length === 1, 'plans');
  page.onUsePayScore();
  await waitFor(() => !page.data.busy, 'jump');

  state.phase = 'PAID';
  page.onRefresh();
  await waitFor(() => page.data.status === 'PAID', 'refresh');

  assert.equal(page.data.statusText, '已支付 ¥3.00 · paid ¥3.00');
  assert.match(page.data.details, /已付 Paid：¥3\.00/);
  assert.equal(page.data.watching, false, 'nothing left to follow once paid');
});
