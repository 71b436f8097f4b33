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

/**
 * Loads app.js, then the page through miniprogram-simulate; returns the app and the rendered page.
 * @param {Object} [launchQuery] the page's onLoad options (the launch query: `scene` of a 小程序码, `q` of a QR link)
 */
function startDemo(launchQuery) {
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
          this.onLoad(launchQuery || {});
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

// Starting from a device: the launch options of a scanned code, the scan button, and the server's 4xx answers.

const PLAN_UMBRELLA = { id: 'umbrella-daily', serviceIntroduction: '雨伞租借', riskFund: { name: 'DEPOSIT', amount: 3900 }, fees: [{ name: '租借费用', description: '2元/天' }] };
const PLAN_POWERBANK = { id: 'powerbank-hourly', serviceIntroduction: '充电宝租借', riskFund: { name: 'DEPOSIT', amount: 9900 }, fees: [{ name: '租借费用', description: '3元/小时' }] };

/** The fake server of createServer() plus devices: UM-L2-01 (metro), PB-A-001 (mall), PB-OFF (disabled, 409). */
function createDeviceServer() {
  const { server, state } = createServer();
  server
    .on('GET', '/api/devices/UM-L2-01', { status: 200, body: { deviceId: 'UM-L2-01', subMerchant: 'metro', subMerchantName: '地铁共享雨伞', location: '人民广场站B口', plans: [PLAN_UMBRELLA] } })
    .on('GET', '/api/devices/PB-A-001', { status: 200, body: { deviceId: 'PB-A-001', subMerchant: 'mall', subMerchantName: '商场充电宝', location: '一楼服务台', plans: [PLAN_POWERBANK] } })
    .on('GET', '/api/devices/PB-OFF', {
      status: 409,
      body: { type: 'https://wxpayscore.dev/problems/device-disabled', title: 'Device out of service', status: 409, detail: "Device 'PB-OFF' is disabled; try another one." }
    })
    .on('GET', '/api/devices/PB-GONE', {
      status: 404,
      body: { type: 'https://wxpayscore.dev/problems/unknown-device', title: 'Unknown device', status: 404, detail: "There is no device 'PB-GONE'." }
    });
  return { server, state };
}

/** wx.scanCode answering with the next of `outcomes` ({ result, path } or { fail: errMsg }); records its options. */
function patchScan(outcomes) {
  const scans = [];
  global.wx.scanCode = (options) => {
    scans.push(options);
    const outcome = outcomes.shift();
    setImmediate(() => (outcome.fail ? options.fail({ errMsg: outcome.fail }) : options.success(Object.assign({ errMsg: 'scanCode:ok' }, outcome))));
  };
  return scans;
}

function deviceInfo(page) {
  const node = page.querySelector('#device-info');
  return { text: node.dom.textContent.trim(), subMerchant: node.dom.getAttribute('data-sub-merchant'), deviceId: node.dom.getAttribute('data-device-id') };
}

function orderRequests(server) {
  return server.requests.filter((request) => request.method === 'POST' && request.path === '/api/orders');
}

/** Taps "免押租借" and waits for the jump; returns the body of the order request. */
async function rent(page, server, wx) {
  page.querySelector('#use-payscore').dispatchEvent('tap');
  await waitFor(() => wx.jumps.length === 1, 'openBusinessView');
  await waitFor(() => textOf(page, '#out-order-no') === 'ORD-1', 'order number rendered');
  const orders = orderRequests(server);
  assert.equal(orders.length, 1);
  return orders[0].body;
}

test('simulate: opened from a 小程序码 (scene, URL-encoded) → the device, its location and plans; the order names the device', async () => {
  const { server } = createDeviceServer();
  const wx = patchWx(server);
  const { page } = startDemo({ scene: encodeURIComponent('d=UM-L2-01') });
  try {
    await waitFor(() => deviceInfo(page).text === '地铁共享雨伞 · 人民广场站B口', 'device rendered');
    assert.equal(deviceInfo(page).subMerchant, 'metro');
    assert.equal(deviceInfo(page).deviceId, 'UM-L2-01');
    await waitFor(() => /风险金 Risk fund：DEPOSIT ¥39\.00/.test(textOf(page, '#plan-terms') || ''), 'the device\'s plan terms');
    assert.equal(server.requests.some((request) => request.path === '/api/plans'), false, 'the device\'s plans, not the general list');

    assert.deepEqual(await rent(page, server, wx), { planId: 'umbrella-daily', deviceId: 'UM-L2-01' });
    assert.deepEqual(wx.jumps[0].extraData, { package: 'pkg+/=1' });
  } finally {
    page.detach();
  }
});

test('simulate: opened from a QR link (q = the encoded https://…/d/{deviceId}) → the order names that device', async () => {
  const { server } = createDeviceServer();
  const wx = patchWx(server);
  const { page } = startDemo({ q: encodeURIComponent('https://rent.example.com/d/PB-A-001'), scancode_time: '1700000000' });
  try {
    await waitFor(() => deviceInfo(page).text === '商场充电宝 · 一楼服务台', 'device rendered');
    assert.equal(deviceInfo(page).subMerchant, 'mall');
    assert.deepEqual(await rent(page, server, wx), { planId: 'powerbank-hourly', deviceId: 'PB-A-001' });
  } finally {
    page.detach();
  }
});

test('simulate: opened without a code → the general plans, no device; the order names none', async () => {
  const { server } = createDeviceServer();
  const wx = patchWx(server);
  const { page } = startDemo({});
  try {
    await waitFor(() => /DEPOSIT ¥99\.00/.test(textOf(page, '#plan-terms') || ''), 'plans');
    assert.equal(deviceInfo(page).deviceId, '');
    assert.match(deviceInfo(page).text, /未选择设备/);
    assert.deepEqual(await rent(page, server, wx), { planId: 'powerbank-hourly' });
  } finally {
    page.detach();
  }
});

test('simulate: the scan button scans a device (wx.scanCode, camera only) and the order names it', async () => {
  const { server } = createDeviceServer();
  const wx = patchWx(server);
  const scans = patchScan([{ scanType: 'WX_CODE', result: '', path: 'pages/index/index?scene=d%3DUM-L2-01' }]);
  const { page } = startDemo({});
  try {
    await waitFor(() => /DEPOSIT ¥99\.00/.test(textOf(page, '#plan-terms') || ''), 'general plans');
    page.querySelector('#scan').dispatchEvent('tap');
    await waitFor(() => deviceInfo(page).text === '地铁共享雨伞 · 人民广场站B口', 'scanned device rendered');
    assert.equal(scans.length, 1);
    assert.equal(scans[0].onlyFromCamera, true);
    await waitFor(() => /DEPOSIT ¥39\.00/.test(textOf(page, '#plan-terms') || ''), 'the device\'s plans');
    assert.deepEqual(await rent(page, server, wx), { planId: 'umbrella-daily', deviceId: 'UM-L2-01' });
  } finally {
    page.detach();
  }
});

test('simulate: an unknown device (404) says so and allows no order', async () => {
  const { server } = createDeviceServer();
  patchWx(server);
  const { page } = startDemo({ scene: 'PB-GONE' });
  try {
    await waitFor(() => textOf(page, '#message') !== null, 'message');
    assert.equal(textOf(page, '#message'), "未知设备 PB-GONE · unknown device: There is no device 'PB-GONE'.");
    assert.equal(deviceInfo(page).deviceId, '', 'no device chosen');
    assert.equal(textOf(page, '#plan-terms'), '');
    page.querySelector('#use-payscore').dispatchEvent('tap');
    await new Promise((resolve) => setTimeout(resolve, 20));
    assert.equal(orderRequests(server).length, 0, 'the disabled button creates nothing');
  } finally {
    page.detach();
  }
});

test('simulate: a scanned disabled device (409) says so; a cancelled scan and a foreign code keep the chosen device', async () => {
  const { server } = createDeviceServer();
  const wx = patchWx(server);
  patchScan([
    { fail: 'scanCode:fail cancel' },
    { scanType: 'QR_CODE', result: 'https://other.example.com/promo' },
    { scanType: 'QR_CODE', result: 'https://rent.example.com/d/PB-OFF' }
  ]);
  const { page } = startDemo({ q: encodeURIComponent('https://rent.example.com/d/PB-A-001') });
  try {
    await waitFor(() => deviceInfo(page).deviceId === 'PB-A-001' && deviceInfo(page).subMerchant === 'mall', 'launch device');

    page.querySelector('#scan').dispatchEvent('tap');
    await waitFor(() => textOf(page, '#message') === '已取消扫码 · scan cancelled', 'cancel message');
    assert.equal(deviceInfo(page).deviceId, 'PB-A-001', 'a cancelled scan keeps the device');

    page.querySelector('#scan').dispatchEvent('tap');
    await waitFor(() => textOf(page, '#message') === '这不是设备二维码 · this code names no device', 'not-a-device message');
    assert.equal(deviceInfo(page).deviceId, 'PB-A-001');

    page.querySelector('#scan').dispatchEvent('tap');
    await waitFor(() => /^设备暂停服务 PB-OFF/.test(textOf(page, '#message') || ''), 'disabled message');
    assert.equal(textOf(page, '#message'), "设备暂停服务 PB-OFF · device out of service: Device 'PB-OFF' is disabled; try another one.");
    assert.equal(deviceInfo(page).deviceId, '', 'the disabled device is not chosen');
    page.querySelector('#use-payscore').dispatchEvent('tap');
    await new Promise((resolve) => setTimeout(resolve, 20));
    assert.equal(orderRequests(server).length, 0);
    assert.equal(wx.jumps.length, 0);
  } finally {
    page.detach();
  }
});

test('simulate: a code that names no device says so and offers the general plans', async () => {
  const { server } = createDeviceServer();
  patchWx(server);
  const { page } = startDemo({ q: encodeURIComponent('https://other.example.com/promo') });
  try {
    await waitFor(() => /DEPOSIT ¥99\.00/.test(textOf(page, '#plan-terms') || ''), 'general plans');
    assert.equal(textOf(page, '#message'), '这不是设备二维码 · this code names no device');
    assert.equal(server.requests.some((request) => request.path.indexOf('/api/devices/') === 0), false);
  } finally {
    page.detach();
  }
});
