'use strict';
const test = require('node:test');
const assert = require('node:assert/strict');
const { createApiClient, loginWithWx, PayScoreError } = require('../payscore/payscore.js');
const { createFakeWx, createFakeServer, orderView } = require('./fake-wx.js');

const BASE_URL = 'https://merchant.example/';
const FUTURE = '2999-01-01T00:00:00Z';

function setup() {
  const server = createFakeServer();
  const wx = createFakeWx({ request: server.request, loginCode: 'wx-code-42' });
  const api = createApiClient({ baseUrl: BASE_URL, request: server.request, storage: wx });
  server.on('POST', '/api/session', { status: 200, body: { token: 'token-abc', expiresAt: FUTURE } });
  return { server, wx, api };
}

test('login posts the code to /api/session and stores the session', async () => {
  const { server, wx, api } = setup();
  assert.equal(api.hasSession(), false);

  const session = await api.login('code-1');

  assert.deepEqual(session, { token: 'token-abc', expiresAt: FUTURE });
  const request = server.requests[0];
  assert.equal(request.method, 'POST');
  assert.equal(request.url, 'https://merchant.example/api/session');
  assert.deepEqual(request.body, { code: 'code-1' });
  assert.equal(request.headers.Authorization, undefined);
  assert.equal(api.hasSession(), true);
  assert.deepEqual(wx.getStorageSync('payscore_session'), { token: 'token-abc', expiresAt: FUTURE });
});

test('the bearer token is sent on later calls, also by a new client sharing the storage', async () => {
  const { server, wx, api } = setup();
  server.on('POST', '/api/orders', {
    status: 201,
    body: { outOrderNo: 'ORD-1', state: 'CREATED', openBusinessView: { businessType: 'wxpayScoreUse', extraData: { package: 'P' } } }
  });
  server.on('GET', '/api/orders/ORD-1', { status: 200, body: orderView('ORD-1', 'CREATED') });
  await api.login('code-1');

  const created = await api.createOrder('powerbank-hourly');
  assert.equal(created.outOrderNo, 'ORD-1');
  const create = server.requests[1];
  assert.equal(create.method, 'POST');
  assert.equal(create.path, '/api/orders');
  assert.deepEqual(create.body, { planId: 'powerbank-hourly' });
  assert.equal(create.headers.Authorization, 'Bearer token-abc');
  assert.equal(create.headers['content-type'], 'application/json');

  const restarted = createApiClient({ baseUrl: BASE_URL, request: server.request, storage: wx });
  await restarted.getOrder('ORD-1');
  assert.equal(server.requests[2].headers.Authorization, 'Bearer token-abc');
});

test('without storage the session lives in the client only', async () => {
  const server = createFakeServer();
  server.on('POST', '/api/session', { status: 200, body: { token: 'mem', expiresAt: FUTURE } });
  server.on('GET', '/api/plans', { status: 200, body: [] });
  const api = createApiClient({ request: server.request });
  await api.login('c');
  await api.listPlans();
  assert.equal(server.requests[1].url, '/api/plans');
  assert.equal(server.requests[1].headers.Authorization, 'Bearer mem');
  api.clearSession();
  assert.equal(api.hasSession(), false);
});

test('an expired session does not count', async () => {
  const { server, api } = setup();
  server.on('POST', '/api/session', { status: 200, body: { token: 'old', expiresAt: '2000-01-01T00:00:00Z' } });
  await api.login('code-1');
  assert.equal(api.hasSession(), false);
});

test('getOrder and getOrderByQueryId hit the documented paths with encoded segments', async () => {
  const { server, api } = setup();
  server.on('GET', '/api/orders/A%2FB%20C', { status: 200, body: orderView('A/B C', 'CREATED') });
  server.on('GET', '/api/orders/by-query-id/q%2B1%3D', { status: 200, body: orderView('X', 'USER_CONFIRM') });

  assert.equal((await api.getOrder('A/B C')).outOrderNo, 'A/B C');
  assert.equal((await api.getOrderByQueryId('q+1=')).state, 'DOING');
});

test('listPlans returns the plans', async () => {
  const { server, api } = setup();
  const plans = [{ id: 'powerbank-hourly', serviceIntroduction: '充电宝', riskFund: { name: 'DEPOSIT', amount: 9900 } }];
  server.on('GET', '/api/plans', { status: 200, body: plans });
  assert.deepEqual(await api.listPlans(), plans);
});

test('ProblemDetails of an error answer are surfaced as a BACKEND_ERROR', async () => {
  const { server, api } = setup();
  const problem = { type: 'https://example/plan', title: 'Bad Request', status: 400, detail: 'unknown plan "nope"' };
  server.on('POST', '/api/orders', { status: 400, body: problem });

  await assert.rejects(api.createOrder('nope'), (error) => {
    assert.ok(error instanceof PayScoreError);
    assert.equal(error.code, 'BACKEND_ERROR');
    assert.equal(error.status, 400);
    assert.equal(error.detail, 'unknown plan "nope"');
    assert.equal(error.message, 'unknown plan "nope"');
    assert.deepEqual(error.problem, problem);
    return true;
  });
});

test('an error answer without ProblemDetails still rejects, with the HTTP status', async () => {
  const { server, api } = setup();
  server.on('GET', '/api/plans', { status: 503, body: '<html>Service Unavailable</html>' });
  await assert.rejects(api.listPlans(), {
    code: 'BACKEND_ERROR', status: 503, message: 'HTTP 503', detail: undefined, problem: '<html>Service Unavailable</html>'
  });
});

test('a 401 answer rejects and forgets the stored session', async () => {
  const { server, api } = setup();
  server.on('GET', '/api/orders/ORD-1', { status: 401, body: { status: 401, title: 'Unauthorized' } });
  await api.login('code-1');

  await assert.rejects(api.getOrder('ORD-1'), { code: 'BACKEND_ERROR', status: 401, message: 'Unauthorized' });
  assert.equal(api.hasSession(), false);
});

test('a request that gets no answer rejects with NETWORK_ERROR and the errMsg', async () => {
  const { server, api } = setup();
  server.on('GET', '/api/plans', { networkError: 'request:fail ssl hand shake error' });
  await assert.rejects(api.listPlans(), {
    name: 'PayScoreError', code: 'NETWORK_ERROR', errMsg: 'request:fail ssl hand shake error'
  });
});

test('loginWithWx exchanges the wx.login code for a session', async () => {
  const { server, wx, api } = setup();
  const session = await loginWithWx(wx, api);
  assert.equal(session.token, 'token-abc');
  assert.equal(wx.calls.login, 1);
  assert.deepEqual(server.requests[0].body, { code: 'wx-code-42' });
  assert.equal(api.hasSession(), true);
});

test('loginWithWx surfaces a wx.login failure as LOGIN_FAILED and a server refusal as BACKEND_ERROR', async () => {
  const failing = createFakeWx({ loginFailMessage: 'login:fail timeout' });
  const { server, api } = setup();
  await assert.rejects(loginWithWx(failing, api), { code: 'LOGIN_FAILED', errMsg: 'login:fail timeout' });
  assert.equal(server.requests.length, 0);

  server.on('POST', '/api/session', { status: 400, body: { status: 400, detail: 'code2Session 40029 invalid code' } });
  await assert.rejects(loginWithWx(createFakeWx(), api),
    { code: 'BACKEND_ERROR', status: 400, detail: 'code2Session 40029 invalid code' });
  assert.equal(api.hasSession(), false);
});

test('createApiClient requires a request function', () => {
  assert.throws(() => createApiClient({ baseUrl: BASE_URL }), TypeError);
});
