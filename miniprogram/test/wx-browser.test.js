'use strict';
const test = require('node:test');
const assert = require('node:assert/strict');
const { createBrowserWx, readReturnOptions } = require('../browser/wx-browser.js');
const { createPayScore, createApiClient, loginWithWx } = require('../payscore/payscore.js');
const { createFakeServer, createFakeBrowser, orderView } = require('./fake-wx.js');

const PAGE = 'http://localhost:5080/';
const CONFIG = { appId: 'wx1234567890abcdef', confirmPageUrl: 'http://localhost:5080/sandbox/pages/use/use', user: 'demo' };
const PACKAGE = 'AAQTBw+/x=%2F&y==';

/** Browser fakes + a fake server answering the demo routes; `user` is what the #user box holds. */
function setup(href, user) {
  const browser = createFakeBrowser(href || PAGE);
  const server = createFakeServer()
    .on('GET', '/api/demo/config', { status: 200, body: CONFIG })
    .on('POST', '/api/demo/login-code', (request) => ({ status: 200, body: { code: 'code-for-' + request.body.user } }));
  const wx = createBrowserWx({
    fetch: server.fetch,
    location: browser.location,
    localStorage: browser.localStorage,
    getUser: () => (user === undefined ? 'alice' : user)
  });
  return { browser, server, wx };
}

/** Calls a callback-style wx API and resolves with `{ ok, result }`. */
function call(api, options) {
  return new Promise((resolve) => {
    api(Object.assign({}, options, {
      success: (result) => resolve({ ok: true, result }),
      fail: (result) => resolve({ ok: false, result })
    }));
  });
}

test('wx.login asks the server for a sandbox code for the simulated user', async () => {
  const { server, wx } = setup();
  const { ok, result } = await call(wx.login, {});
  assert.equal(ok, true);
  assert.equal(result.code, 'code-for-alice');
  const request = server.requests[0];
  assert.equal(request.method, 'POST');
  assert.equal(request.path, '/api/demo/login-code');
  assert.deepEqual(request.body, { user: 'alice' });
  assert.equal(wx.getSimulatedUser(), 'alice');
});

test('wx.login with an empty user box uses the server default user', async () => {
  const { server, wx } = setup(PAGE, '');
  const { result } = await call(wx.login, {});
  assert.equal(result.code, 'code-for-demo');
  assert.deepEqual(server.requests.map((r) => r.path), ['/api/demo/config', '/api/demo/login-code']);
});

test('wx.login fails when the server refuses', async () => {
  const { server, wx } = setup();
  server.on('POST', '/api/demo/login-code', { status: 400, body: { status: 400, detail: 'unknown user' } });
  const { ok, result } = await call(wx.login, {});
  assert.equal(ok, false);
  assert.match(result.errMsg, /^login:fail .*400: unknown user/);
  assert.equal(wx.getSimulatedUser(), '');
});

test('wx.request goes through fetch with method, headers and JSON body', async () => {
  const { server, wx } = setup();
  server.on('POST', '/api/orders', { status: 201, body: { outOrderNo: 'ORD-1' } });
  const { ok, result } = await call(wx.request, {
    url: '/api/orders', method: 'POST', header: { Authorization: 'Bearer t' }, data: { planId: 'p' }
  });
  assert.equal(ok, true);
  assert.equal(result.statusCode, 201);
  assert.deepEqual(result.data, { outOrderNo: 'ORD-1' });
  assert.deepEqual(server.requests[0].body, { planId: 'p' });
  assert.equal(server.requests[0].headers.Authorization, 'Bearer t');
});

test('wx.request reports HTTP errors as success with the status, a text body as text, no body on GET', async () => {
  const { server, wx } = setup();
  server.on('GET', '/api/plans', { status: 500, body: 'oops' });
  const { ok, result } = await call(wx.request, { url: '/api/plans', method: 'GET', data: { ignored: true } });
  assert.equal(ok, true);
  assert.equal(result.statusCode, 500);
  assert.equal(result.data, 'oops');
  assert.equal(server.requests[0].body, undefined);
});

test('wx.request fails with request:fail when fetch rejects', async () => {
  const { server, wx } = setup();
  server.on('GET', '/api/plans', { networkError: 'Failed to fetch' });
  const { ok, result } = await call(wx.request, { url: '/api/plans' });
  assert.equal(ok, false);
  assert.equal(result.errMsg, 'request:fail Failed to fetch');
});

test('storage keeps JSON values in localStorage and answers "" for a missing key, like wx', () => {
  const { browser, wx } = setup();
  wx.setStorageSync('session', { token: 't', expiresAt: 'x' });
  wx.setStorageSync('pending', 'ORD-1');
  assert.deepEqual(wx.getStorageSync('session'), { token: 't', expiresAt: 'x' });
  assert.equal(wx.getStorageSync('pending'), 'ORD-1');
  assert.equal(browser.items.get('pending'), '"ORD-1"');
  wx.removeStorageSync('pending');
  assert.equal(wx.getStorageSync('pending'), '');
});

test('the browser wx reports base library 3.0.0, enough for the module', () => {
  const { wx } = setup();
  assert.equal(wx.getSystemInfoSync().SDKVersion, '3.0.0');
  const payscore = createPayScore({ wx, api: createApiClient({ request: wx.request }) });
  assert.equal(payscore.checkSupport().ok, true);
});

test('openBusinessView navigates to the sandbox confirm page with package, user and a clean return_url', async () => {
  const { browser, wx } = setup('http://localhost:5080/?lang=zh&scene=1038&referrer_appid=wxd8f3793ea3b935b8&query_id=OLD#top');
  await call(wx.login, {});

  const { ok, result } = await call(wx.openBusinessView, { businessType: 'wxpayScoreUse', extraData: { package: PACKAGE } });

  assert.equal(ok, true);
  assert.equal(result.errMsg, 'openBusinessView:ok');
  assert.equal(browser.location.assigned.length, 1);
  const target = new URL(browser.location.assigned[0]);
  assert.equal(target.origin + target.pathname, CONFIG.confirmPageUrl);
  assert.equal(target.searchParams.get('package'), PACKAGE);
  assert.equal(target.searchParams.get('user'), 'alice');
  assert.equal(target.searchParams.get('return_url'), 'http://localhost:5080/?lang=zh');
});

test('openBusinessView appends with & when the confirm page URL already has a query', async () => {
  const { browser, server, wx } = setup();
  server.on('GET', '/api/demo/config', { status: 200, body: Object.assign({}, CONFIG, { confirmPageUrl: '/sandbox/use?v=2' }) });
  await call(wx.openBusinessView, { businessType: 'wxpayScoreUse', extraData: { package: 'P' } });
  assert.match(browser.location.assigned[0], /^\/sandbox\/use\?v=2&package=P&user=demo&return_url=/);
});

test('openBusinessView refuses other business types and fails when the config cannot be loaded', async () => {
  const { browser, server, wx } = setup();
  const detail = await call(wx.openBusinessView, { businessType: 'wxpayScoreDetail', extraData: {} });
  assert.equal(detail.ok, false);
  assert.match(detail.result.errMsg, /^openBusinessView:fail unsupported businessType/);

  server.on('GET', '/api/demo/config', { networkError: 'offline' });
  const offline = await call(wx.openBusinessView, { businessType: 'wxpayScoreUse', extraData: { package: 'P' } });
  assert.equal(offline.ok, false);
  assert.equal(offline.result.errMsg, 'openBusinessView:fail offline');

  server.on('GET', '/api/demo/config', { status: 200, body: CONFIG }); // a later try loads it again
  assert.equal((await call(wx.openBusinessView, { businessType: 'wxpayScoreUse', extraData: { package: 'P' } })).ok, true);
  assert.equal(browser.location.assigned.length, 1);
});

test('readReturnOptions: in-page return button gives scene 1038 with query_id, then cleans the address bar', () => {
  const { browser } = setup('http://localhost:5080/?lang=zh&scene=1038&referrer_appid=wxd8f3793ea3b935b8&query_id=Q%2B1');
  const options = readReturnOptions(browser.location, browser.history);
  assert.deepEqual(options, {
    scene: 1038, referrerInfo: { appId: 'wxd8f3793ea3b935b8', extraData: { query_id: 'Q+1' } }
  });
  assert.deepEqual(browser.history.replaced, ['http://localhost:5080/?lang=zh']);
});

test('readReturnOptions: back-arrow return has no extraData', () => {
  const { browser } = setup('http://localhost:5080/?scene=1038&referrer_appid=wxd8f3793ea3b935b8');
  assert.deepEqual(readReturnOptions(browser.location, browser.history),
    { scene: 1038, referrerInfo: { appId: 'wxd8f3793ea3b935b8' } });
  assert.deepEqual(browser.history.replaced, ['http://localhost:5080/']);
});

test('readReturnOptions: an ordinary load gives {} and leaves the address bar alone', () => {
  const { browser } = setup('http://localhost:5080/?lang=zh');
  assert.deepEqual(readReturnOptions(browser.location, browser.history), {});
  assert.deepEqual(browser.history.replaced, []);
});

test('round trip in the browser: order, sandbox page, return with query_id, confirmed', async () => {
  const { browser, server, wx } = setup('http://localhost:5080/');
  server
    .on('POST', '/api/session', (request) => ({ status: 200, body: { token: 'tok-' + request.body.code, expiresAt: '2999-01-01T00:00:00Z' } }))
    .on('POST', '/api/orders', {
      status: 201,
      body: { outOrderNo: 'ORD-9', state: 'CREATED', openBusinessView: { businessType: 'wxpayScoreUse', extraData: { package: PACKAGE } } }
    })
    .on('GET', '/api/orders/by-query-id/Q-9', { status: 200, body: orderView('ORD-9', 'USER_CONFIRM') });
  const api = createApiClient({ request: wx.request, storage: wx });
  await loginWithWx(wx, api);
  await createPayScore({ wx, api }).openPayScoreConfirm(await api.createOrder('powerbank-hourly'));
  assert.equal(new URL(browser.location.assigned[0]).searchParams.get('package'), PACKAGE);

  // The sandbox sends the browser back; the page loads again with fresh scripts but the same localStorage.
  browser.location.href = 'http://localhost:5080/?scene=1038&referrer_appid=wxd8f3793ea3b935b8&query_id=Q-9';
  const reloadedWx = createBrowserWx({ fetch: server.fetch, location: browser.location, localStorage: browser.localStorage });
  const reloadedApi = createApiClient({ request: reloadedWx.request, storage: reloadedWx });
  const result = await createPayScore({ wx: reloadedWx, api: reloadedApi })
    .handleShow(readReturnOptions(browser.location, browser.history));

  assert.equal(result.status, 'CONFIRMED');
  assert.equal(result.outOrderNo, 'ORD-9');
  const lookup = server.requests[server.requests.length - 1];
  assert.equal(lookup.path, '/api/orders/by-query-id/Q-9');
  assert.equal(lookup.headers.Authorization, 'Bearer tok-code-for-alice');
});
