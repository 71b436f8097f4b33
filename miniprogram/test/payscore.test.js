'use strict';
const test = require('node:test');
const assert = require('node:assert/strict');
const {
  createPayScore, createApiClient, compareVersions, PayScoreError, PAY_SCORE_APP_ID
} = require('../payscore/payscore.js');
const { createFakeWx, createFakeServer, createLogger, orderView } = require('./fake-wx.js');

const PENDING_KEY = 'payscore_pending';
/** A package as WeChat might return it: characters that URL/base64 handling would mangle. */
const PACKAGE = 'AAQTBwQAAAAAAAEBAAUMAQAAABAAAAAAKm+/v4cV8/3r%2F&x=1==';

function launchParameters(outOrderNo) {
  return {
    outOrderNo: outOrderNo,
    state: 'CREATED',
    openBusinessView: { businessType: 'wxpayScoreUse', extraData: { package: PACKAGE } },
    navigateToMiniProgram: { appId: PAY_SCORE_APP_ID, path: 'pages/use/use', extraData: { package: PACKAGE } }
  };
}

/** Builds wx + server + api + payscore; `wxOptions` go to the fake wx. */
function setup(wxOptions, payScoreOptions) {
  const server = createFakeServer();
  const wx = createFakeWx(Object.assign({ request: server.request }, wxOptions));
  const api = createApiClient({ baseUrl: 'https://merchant.example', request: wx.request, storage: wx });
  const logger = createLogger();
  const payscore = createPayScore(Object.assign({ wx: wx, api: api, logger: logger }, payScoreOptions));
  return { server, wx, api, logger, payscore };
}

function returnFromPayScore(queryId) {
  const referrerInfo = { appId: PAY_SCORE_APP_ID };
  if (queryId) {
    referrerInfo.extraData = { query_id: queryId };
  }
  return { scene: 1038, path: 'pages/index/index', query: {}, referrerInfo: referrerInfo };
}

function paths(server) {
  return server.requests.map((request) => request.method + ' ' + request.path);
}

test('compareVersions compares dotted versions numerically', () => {
  assert.ok(compareVersions('2.10.0', '2.6.0') > 0);
  assert.ok(compareVersions('2.5.9', '2.6.0') < 0);
  assert.equal(compareVersions('2.6', '2.6.0'), 0);
  assert.equal(compareVersions('2.6.0', '2.6.0'), 0);
  assert.ok(compareVersions('3.0.0', '2.6.0') > 0);
  assert.ok(compareVersions('2.6.1', '2.6') > 0);
  assert.ok(compareVersions('1.9.98', '2.6.0') < 0);
});

test('checkSupport: base library 2.5.9 needs an upgrade', () => {
  const { payscore } = setup({ sdkVersion: '2.5.9' });
  assert.deepEqual(payscore.checkSupport(), {
    ok: false, reason: 'UPGRADE_REQUIRED', message: '请升级微信到最新版本后再试', sdkVersion: '2.5.9'
  });
});

test('checkSupport: base library 2.6.0 and 2.10.0 can open the confirm page', () => {
  for (const version of ['2.6.0', '2.6', '2.10.0']) {
    const { payscore } = setup({ sdkVersion: version });
    assert.deepEqual(payscore.checkSupport(), { ok: true, method: 'openBusinessView', sdkVersion: version });
  }
});

test('checkSupport: a client without wx.openBusinessView needs an upgrade whatever its version', () => {
  const { payscore } = setup({ sdkVersion: '3.3.0', openBusinessView: false });
  const support = payscore.checkSupport();
  assert.equal(support.ok, false);
  assert.equal(support.reason, 'UPGRADE_REQUIRED');
});

test('checkSupport prefers wx.getAppBaseInfo over the deprecated getSystemInfoSync', () => {
  assert.equal(setup({ sdkVersion: '3.0.0', appBaseInfoVersion: '2.5.0' }).payscore.checkSupport().ok, false);
  assert.equal(setup({ sdkVersion: '2.0.0', appBaseInfoVersion: '2.21.0' }).payscore.checkSupport().ok, true);
});

test('checkSupport offers the legacy navigateToMiniProgram only when enabled', () => {
  assert.equal(setup({ sdkVersion: '2.5.9' }).payscore.checkSupport().ok, false);
  assert.deepEqual(setup({ sdkVersion: '2.5.9' }, { allowLegacyNavigate: true }).payscore.checkSupport(),
    { ok: true, method: 'navigateToMiniProgram', sdkVersion: '2.5.9' });
  // with openBusinessView available the legacy jump is never chosen
  assert.equal(setup({}, { allowLegacyNavigate: true }).payscore.checkSupport().method, 'openBusinessView');
});

test('openPayScoreConfirm stores the pending order before the jump and passes package untouched', async () => {
  const { wx, payscore } = setup();
  const result = await payscore.openPayScoreConfirm(launchParameters('ORD-1'));

  assert.deepEqual(result, { outOrderNo: 'ORD-1', method: 'openBusinessView', errMsg: 'ok' });
  assert.equal(wx.calls.openBusinessView.length, 1);
  const call = wx.calls.openBusinessView[0];
  assert.equal(call.storageAtCall.get(PENDING_KEY), 'ORD-1', 'pending order must be stored before the jump');
  assert.equal(call.options.businessType, 'wxpayScoreUse');
  assert.deepEqual(call.options.extraData, { package: PACKAGE });
  assert.equal(call.options.extraData.package, PACKAGE);
  assert.equal(wx.calls.navigateToMiniProgram.length, 0);
  assert.equal(payscore.getPendingOrder(), 'ORD-1');
});

test('openPayScoreConfirm rejects with JUMP_FAILED and the original errMsg when the jump fails', async () => {
  const { wx, payscore } = setup({ jumpFailMessage: 'openBusinessView:fail api scope is not declared' });
  await assert.rejects(payscore.openPayScoreConfirm(launchParameters('ORD-2')), (error) => {
    assert.ok(error instanceof PayScoreError);
    assert.ok(error instanceof Error);
    assert.equal(error.code, 'JUMP_FAILED');
    assert.equal(error.errMsg, 'openBusinessView:fail api scope is not declared');
    return true;
  });
  assert.equal(wx.calls.openBusinessView[0].storageAtCall.get(PENDING_KEY), 'ORD-2');
  assert.equal(payscore.getPendingOrder(), '', 'a page that never opened leaves no pending order');
});

test('openPayScoreConfirm on an old client rejects with UPGRADE_REQUIRED and neither stores nor jumps', async () => {
  const { wx, payscore } = setup({ sdkVersion: '2.5.9' });
  await assert.rejects(payscore.openPayScoreConfirm(launchParameters('ORD-3')),
    { name: 'PayScoreError', code: 'UPGRADE_REQUIRED', message: '请升级微信到最新版本后再试' });
  assert.equal(wx.calls.openBusinessView.length, 0);
  assert.equal(wx.calls.navigateToMiniProgram.length, 0, 'legacy jump is off by default');
  assert.equal(wx.storage.has(PENDING_KEY), false);
});

test('openPayScoreConfirm uses the legacy navigateToMiniProgram only when enabled', async () => {
  const { wx, payscore } = setup({ sdkVersion: '2.5.9' }, { allowLegacyNavigate: true });
  const result = await payscore.openPayScoreConfirm(launchParameters('ORD-4'));

  assert.equal(result.method, 'navigateToMiniProgram');
  assert.equal(wx.calls.openBusinessView.length, 0);
  const call = wx.calls.navigateToMiniProgram[0];
  assert.equal(call.options.appId, 'wxd8f3793ea3b935b8');
  assert.equal(call.options.path, 'pages/use/use');
  assert.equal(call.options.extraData.package, PACKAGE);
  assert.equal(call.storageAtCall.get(PENDING_KEY), 'ORD-4');
});

test('openPayScoreConfirm rejects unusable launch parameters with INVALID_PARAMETERS', async () => {
  const { wx, payscore } = setup();
  const broken = [
    undefined,
    { openBusinessView: launchParameters('x').openBusinessView },
    Object.assign(launchParameters('ORD-5'), { openBusinessView: { businessType: 'wxpayScoreUse', extraData: {} } }),
    Object.assign(launchParameters('ORD-5'), {
      openBusinessView: { businessType: 'wxpayScoreDetail', extraData: { package: PACKAGE } }
    })
  ];
  for (const parameters of broken) {
    await assert.rejects(payscore.openPayScoreConfirm(parameters), { code: 'INVALID_PARAMETERS' });
  }
  assert.equal(wx.calls.openBusinessView.length, 0);
  assert.equal(wx.storage.has(PENDING_KEY), false);
});

test('handleShow without a pending order is ignored and asks nothing', async () => {
  const { server, payscore } = setup();
  assert.deepEqual(await payscore.handleShow(returnFromPayScore('Q-1')), { status: 'IGNORED' });
  assert.deepEqual(await payscore.handleShow(undefined), { status: 'IGNORED' });
  assert.equal(server.requests.length, 0);
});

test('return with query_id: asks by query_id, reports CONFIRMED and clears the pending order', async () => {
  const { server, wx, payscore } = setup();
  server.on('GET', '/api/orders/by-query-id/Q-100', { status: 200, body: orderView('ORD-10', 'USER_CONFIRM') });
  wx.setStorageSync(PENDING_KEY, 'ORD-10');

  const result = await payscore.handleShow(returnFromPayScore('Q-100'));

  assert.equal(result.status, 'CONFIRMED');
  assert.equal(result.queryId, 'Q-100');
  assert.equal(result.outOrderNo, 'ORD-10');
  assert.equal(result.order.state, 'DOING');
  assert.deepEqual(paths(server), ['GET /api/orders/by-query-id/Q-100']);
  assert.equal(payscore.getPendingOrder(), '');
});

test('return without query_id (back arrow): asks by the remembered outOrderNo', async () => {
  const { server, wx, payscore } = setup();
  server.on('GET', '/api/orders/ORD-11', { status: 200, body: orderView('ORD-11', 'USER_CONFIRM') });
  wx.setStorageSync(PENDING_KEY, 'ORD-11');

  const result = await payscore.handleShow(returnFromPayScore());

  assert.equal(result.status, 'CONFIRMED');
  assert.equal(result.queryId, undefined);
  assert.deepEqual(paths(server), ['GET /api/orders/ORD-11']);
});

test('query_id unknown to the backend (404) falls back to the outOrderNo', async () => {
  const { server, wx, payscore, logger } = setup();
  server.on('GET', '/api/orders/ORD-12', { status: 200, body: orderView('ORD-12', 'USER_CONFIRM') });
  wx.setStorageSync(PENDING_KEY, 'ORD-12');

  const result = await payscore.handleShow(returnFromPayScore('Q-unknown'));

  assert.equal(result.status, 'CONFIRMED');
  assert.equal(result.order.outOrderNo, 'ORD-12');
  assert.deepEqual(paths(server), ['GET /api/orders/by-query-id/Q-unknown', 'GET /api/orders/ORD-12']);
  assert.equal(logger.warnings.length, 1);
});

test('a query_id that names another order is not trusted: the pending order is checked', async () => {
  const { server, wx, payscore } = setup();
  server.on('GET', '/api/orders/by-query-id/Q-OLD', { status: 200, body: orderView('ORD-OLD', 'PAID') });
  server.on('GET', '/api/orders/ORD-13', { status: 200, body: orderView('ORD-13', 'CREATED') });
  wx.setStorageSync(PENDING_KEY, 'ORD-13');

  const result = await payscore.handleShow(returnFromPayScore('Q-OLD'));

  assert.equal(result.status, 'NOT_CONFIRMED');
  assert.equal(result.order.outOrderNo, 'ORD-13');
  assert.deepEqual(paths(server), ['GET /api/orders/by-query-id/Q-OLD', 'GET /api/orders/ORD-13']);
});

test('scene 1038 from another AppID is logged, its query_id ignored, the pending order still checked', async () => {
  const { server, wx, payscore, logger } = setup();
  server.on('GET', '/api/orders/ORD-14', { status: 200, body: orderView('ORD-14', 'USER_CONFIRM') });
  wx.setStorageSync(PENDING_KEY, 'ORD-14');

  const result = await payscore.handleShow({
    scene: 1038, referrerInfo: { appId: 'wx0000000000000000', extraData: { query_id: 'FOREIGN' } }
  });

  assert.equal(result.status, 'CONFIRMED');
  assert.equal(result.queryId, undefined);
  assert.deepEqual(paths(server), ['GET /api/orders/ORD-14']);
  assert.equal(logger.warnings.length, 1);
  assert.match(logger.warnings[0], /wx0000000000000000/);
});

test('an unrelated show (scene 1001) with a pending order checks it by outOrderNo', async () => {
  const { server, wx, payscore } = setup();
  server.on('GET', '/api/orders/ORD-15', { status: 200, body: orderView('ORD-15', 'USER_CONFIRM') });
  wx.setStorageSync(PENDING_KEY, 'ORD-15');

  const result = await payscore.handleShow({ scene: 1001, referrerInfo: {} });

  assert.equal(result.status, 'CONFIRMED');
  assert.deepEqual(paths(server), ['GET /api/orders/ORD-15']);
});

test('relaunch: after the app was killed, onLaunch finds the pending order in storage', async () => {
  const storage = new Map();
  const before = setup({ storage: storage });
  before.server.on('POST', '/api/session', { status: 200, body: { token: 'T-16', expiresAt: '2999-01-01T00:00:00Z' } });
  await before.api.login('code-16');
  await before.payscore.openPayScoreConfirm(launchParameters('ORD-16'));

  // A fresh process: new module instances, same persistent storage.
  const after = setup({ storage: storage });
  after.server.on('GET', '/api/orders/by-query-id/Q-16', { status: 200, body: orderView('ORD-16', 'USER_CONFIRM') });
  const result = await after.payscore.handleShow(returnFromPayScore('Q-16'));

  assert.equal(result.status, 'CONFIRMED');
  assert.equal(result.outOrderNo, 'ORD-16');
  assert.equal(after.server.requests[0].headers.Authorization, 'Bearer T-16', 'the session survives too');
  assert.equal(storage.has(PENDING_KEY), false);
});

test('onLaunch and onShow of one cold start share one backend check', async () => {
  const { server, wx, payscore } = setup();
  server.on('GET', '/api/orders/ORD-17', { status: 200, body: orderView('ORD-17', 'CREATED') });
  wx.setStorageSync(PENDING_KEY, 'ORD-17');

  const options = returnFromPayScore();
  const [launch, show] = await Promise.all([payscore.handleShow(options), payscore.handleShow(options)]);

  assert.equal(launch, show);
  assert.deepEqual(paths(server), ['GET /api/orders/ORD-17']);
  await payscore.handleShow(options);
  assert.equal(server.requests.length, 2, 'a later show checks again');
});

test('order still CREATED: NOT_CONFIRMED, pending kept so the next show checks again', async () => {
  const { server, wx, payscore } = setup();
  let phase = 'CREATED';
  server.on('GET', '/api/orders/ORD-18', () => ({ status: 200, body: orderView('ORD-18', phase) }));
  wx.setStorageSync(PENDING_KEY, 'ORD-18');

  const first = await payscore.handleShow(returnFromPayScore());
  assert.equal(first.status, 'NOT_CONFIRMED');
  assert.equal(payscore.getPendingOrder(), 'ORD-18');

  phase = 'USER_CONFIRM'; // e.g. the user went back into Pay Score and confirmed
  const second = await payscore.handleShow({ scene: 1001 });
  assert.equal(second.status, 'CONFIRMED');
  assert.equal(payscore.getPendingOrder(), '');
});

test('backend states map to statuses; confirmed and terminal orders clear the pending order', async () => {
  const cases = [
    ['USER_CONFIRM', 'CONFIRMED', ''],
    ['MCH_COMPLETE', 'PENDING', ''],
    ['PAID', 'PAID', ''],
    ['REVOKED', 'NOT_CONFIRMED', ''],
    ['EXPIRED', 'NOT_CONFIRMED', ''],
    ['CREATED', 'NOT_CONFIRMED', 'ORD-19']
  ];
  for (const [phase, status, pendingAfter] of cases) {
    const { server, wx, payscore } = setup();
    server.on('GET', '/api/orders/ORD-19', { status: 200, body: orderView('ORD-19', phase) });
    wx.setStorageSync(PENDING_KEY, 'ORD-19');
    const result = await payscore.handleShow(returnFromPayScore());
    assert.equal(result.status, status, phase);
    assert.equal(payscore.getPendingOrder(), pendingAfter, phase);
  }
});

test('HTTP error from the backend: ERROR with status and ProblemDetails detail, pending kept', async () => {
  const { server, wx, payscore } = setup();
  server.on('GET', '/api/orders/ORD-20', {
    status: 502, body: { type: 'about:blank', title: 'Bad Gateway', status: 502, detail: 'WeChat Pay SYSTEM_ERROR' }
  });
  wx.setStorageSync(PENDING_KEY, 'ORD-20');

  const result = await payscore.handleShow(returnFromPayScore());

  assert.equal(result.status, 'ERROR');
  assert.ok(result.error instanceof PayScoreError);
  assert.equal(result.error.code, 'BACKEND_ERROR');
  assert.equal(result.error.status, 502);
  assert.equal(result.error.detail, 'WeChat Pay SYSTEM_ERROR');
  assert.equal(payscore.getPendingOrder(), 'ORD-20');
});

test('network error: ERROR with NETWORK_ERROR and the errMsg, pending kept', async () => {
  const { server, wx, payscore } = setup();
  server.on('GET', '/api/orders/ORD-21', { networkError: 'request:fail timeout' });
  wx.setStorageSync(PENDING_KEY, 'ORD-21');

  const result = await payscore.handleShow(returnFromPayScore());

  assert.equal(result.status, 'ERROR');
  assert.equal(result.error.code, 'NETWORK_ERROR');
  assert.equal(result.error.errMsg, 'request:fail timeout');
  assert.equal(payscore.getPendingOrder(), 'ORD-21');
});

test('query_id lookup failing with 500 also falls back; both failing gives the outOrderNo error', async () => {
  const { server, wx, payscore } = setup();
  server.on('GET', '/api/orders/by-query-id/Q-22', { status: 500, body: { status: 500, detail: 'boom' } });
  server.on('GET', '/api/orders/ORD-22', { networkError: 'request:fail' });
  wx.setStorageSync(PENDING_KEY, 'ORD-22');

  const result = await payscore.handleShow(returnFromPayScore('Q-22'));

  assert.equal(result.status, 'ERROR');
  assert.equal(result.error.code, 'NETWORK_ERROR');
  assert.deepEqual(paths(server), ['GET /api/orders/by-query-id/Q-22', 'GET /api/orders/ORD-22']);
});

test('an order the backend does not know for this user (404) is dropped from storage', async () => {
  const { wx, payscore } = setup();
  wx.setStorageSync(PENDING_KEY, 'ORD-GONE');

  const result = await payscore.handleShow(returnFromPayScore());

  assert.equal(result.status, 'ERROR');
  assert.equal(result.error.status, 404);
  assert.equal(payscore.getPendingOrder(), '');
});

test('checkOrder re-checks any order by outOrderNo without touching another pending order', async () => {
  const { server, wx, payscore } = setup();
  server.on('GET', '/api/orders/ORD-OLD', { status: 200, body: orderView('ORD-OLD', 'PAID') });
  wx.setStorageSync(PENDING_KEY, 'ORD-NEW');

  const result = await payscore.checkOrder({ outOrderNo: 'ORD-OLD' });

  assert.equal(result.status, 'PAID');
  assert.equal(result.order.paidAmount, 300);
  assert.equal(payscore.getPendingOrder(), 'ORD-NEW');
});

test('a custom storage key is honoured', async () => {
  const { wx, payscore } = setup({}, { storageKey: 'my_key' });
  await payscore.openPayScoreConfirm(launchParameters('ORD-23'));
  assert.equal(wx.storage.get('my_key'), 'ORD-23');
  assert.equal(wx.storage.has(PENDING_KEY), false);
});

test('createPayScore requires wx and api', () => {
  assert.throws(() => createPayScore({ api: {} }), TypeError);
  assert.throws(() => createPayScore({ wx: createFakeWx() }), TypeError);
});
