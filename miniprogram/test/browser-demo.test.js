'use strict';
/**
 * Runs the browser demo page the way a browser does: payscore.js, wx-browser.js and web/demo.js as classic
 * scripts in one global scope (a vm context without `module`), with a minimal fake DOM and the fake server.
 */
const test = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const vm = require('node:vm');
const { createFakeServer, createFakeBrowser, orderView } = require('./fake-wx.js');

const ROOT = path.join(__dirname, '..');
const SCRIPTS = ['payscore/payscore.js', 'browser/wx-browser.js', 'web/demo.js'];
const PAGE = 'http://localhost:5080/';
const CONFIRM_PAGE = 'http://localhost:5080/sandbox/pages/use/use';
const IDS = ['user', 'login', 'session', 'plan', 'use-payscore', 'out-order-no', 'status', 'order-details', 'refresh',
  'message'];

/** The few DOM features demo.js uses: getElementById, textContent/value/disabled, click listeners, <option>s. */
function createFakeDocument() {
  const elements = {};
  for (const id of IDS) {
    elements[id] = {
      id: id,
      textContent: '',
      value: '',
      disabled: false,
      options: [],
      listeners: [],
      addEventListener(type, listener) {
        assert.equal(type, 'click');
        this.listeners.push(listener);
      },
      click() {
        this.listeners.forEach((listener) => listener());
      },
      appendChild(option) {
        this.options.push(option);
        if (this.value === '') {
          this.value = option.value;
        }
      }
    };
  }
  elements.user.value = 'alice'; // the value attribute in index.html
  elements.plan.disabled = true;
  elements['use-payscore'].disabled = true;
  return {
    elements: elements,
    getElementById: (id) => elements[id] || null,
    createElement: (tag) => ({ tagName: tag.toUpperCase(), value: '', textContent: '' })
  };
}

/** A merchant server with the demo routes and one order whose phase the test controls. */
function createDemoServer() {
  const server = createFakeServer();
  const state = { phase: 'CREATED' };
  server
    .on('GET', '/api/demo/config', { status: 200, body: { appId: 'wxdemo', confirmPageUrl: CONFIRM_PAGE, user: 'demo' } })
    .on('POST', '/api/demo/login-code', (request) => ({ status: 200, body: { code: 'code:' + request.body.user } }))
    .on('POST', '/api/session', (request) => ({ status: 200, body: { token: 'tok:' + request.body.code, expiresAt: '2999-01-01T00:00:00Z' } }))
    .on('GET', '/api/plans', {
      status: 200,
      body: [{ id: 'powerbank-hourly', serviceIntroduction: '充电宝', riskFund: { name: 'DEPOSIT', amount: 9900 } }]
    })
    .on('POST', '/api/orders', {
      status: 201,
      body: { outOrderNo: 'ORD-1', state: 'CREATED', openBusinessView: { businessType: 'wxpayScoreUse', extraData: { package: 'pkg+1=' } } }
    })
    .on('GET', '/api/orders/ORD-1', () => ({ status: 200, body: orderView('ORD-1', state.phase) }))
    .on('GET', '/api/orders/by-query-id/Q-1', () => ({ status: 200, body: orderView('ORD-1', state.phase) }));
  return { server, state };
}

/** Loads the page (all three scripts) at `href`; `browser` carries localStorage over from a previous load. */
function loadPage(server, href, browser) {
  const environment = browser || createFakeBrowser(href);
  environment.location.href = href;
  environment.location.assigned.length = 0;
  const document = createFakeDocument();
  const context = {
    document: document,
    location: environment.location,
    history: environment.history,
    localStorage: environment.localStorage,
    fetch: server.fetch,
    URL: URL,
    console: { log() {}, warn() {}, error() {} }
  };
  context.self = context;
  vm.createContext(context);
  for (const script of SCRIPTS) {
    vm.runInContext(fs.readFileSync(path.join(ROOT, script), 'utf8'), context, { filename: script });
  }
  return { browser: environment, elements: document.elements, context: context };
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

function text(page, id) {
  return page.elements[id].textContent;
}

test('the scripts define WxPayScore and WxBrowser as browser globals', () => {
  const { server } = createDemoServer();
  const page = loadPage(server, PAGE);
  assert.equal(typeof page.context.WxPayScore.createPayScore, 'function');
  assert.equal(typeof page.context.WxBrowser.readReturnOptions, 'function');
});

test('the page loads the plans and sends the user to the sandbox confirm page', async () => {
  const { server } = createDemoServer();
  const page = loadPage(server, PAGE);
  await waitFor(() => !page.elements['use-payscore'].disabled, 'plans');
  assert.equal(page.elements.plan.options[0].value, 'powerbank-hourly');
  assert.equal(text(page, 'session'), 'not logged in');
  assert.equal(text(page, 'status'), '');

  page.elements['use-payscore'].click();
  await waitFor(() => page.browser.location.assigned.length === 1, 'jump');

  const target = new URL(page.browser.location.assigned[0]);
  assert.equal(target.origin + target.pathname, CONFIRM_PAGE);
  assert.equal(target.searchParams.get('package'), 'pkg+1=');
  assert.equal(target.searchParams.get('user'), 'alice');
  assert.equal(target.searchParams.get('return_url'), PAGE);
  assert.equal(text(page, 'out-order-no'), 'ORD-1');
  assert.equal(text(page, 'session'), 'logged in as alice');
  const order = server.requests.find((request) => request.path === '/api/orders');
  assert.deepEqual(order.body, { planId: 'powerbank-hourly' });
  assert.equal(order.headers.Authorization, 'Bearer tok:code:alice');
});

/** Creates the order on a first load and comes back to the page with `returnQuery`. */
async function roundTrip(returnQuery) {
  const demo = createDemoServer();
  const first = loadPage(demo.server, PAGE);
  await waitFor(() => !first.elements['use-payscore'].disabled, 'plans');
  first.elements['use-payscore'].click();
  await waitFor(() => first.browser.location.assigned.length === 1, 'jump');
  return { demo: demo, back: (phase) => {
    demo.state.phase = phase;
    return loadPage(demo.server, PAGE + '?' + returnQuery, first.browser);
  } };
}

test('back from the sandbox with query_id: the page shows "confirmed" and cleans the address bar', async () => {
  const { demo, back } = await roundTrip('scene=1038&referrer_appid=wxd8f3793ea3b935b8&query_id=Q-1');
  const page = back('USER_CONFIRM');
  await waitFor(() => /confirmed/.test(text(page, 'status')), 'status');

  assert.equal(text(page, 'status'), 'confirmed · 已确认');
  assert.equal(text(page, 'out-order-no'), 'ORD-1');
  assert.match(text(page, 'order-details'), /DOING \/ USER_CONFIRM/);
  assert.deepEqual(page.browser.history.replaced, [PAGE]);
  assert.equal(demo.server.requests[demo.server.requests.length - 1].path, '/api/orders/by-query-id/Q-1');
  assert.equal(page.elements.user.value, 'alice');
});

test('back by the top-left arrow while the order is still CREATED: "not confirmed"', async () => {
  const { demo, back } = await roundTrip('scene=1038&referrer_appid=wxd8f3793ea3b935b8');
  const page = back('CREATED');
  await waitFor(() => /confirmed/.test(text(page, 'status')), 'status');
  assert.equal(text(page, 'status'), 'not confirmed · 未确认');
  assert.equal(demo.server.requests[demo.server.requests.length - 1].path, '/api/orders/ORD-1');
});

test('refresh re-checks the last order: "pending" while collecting, then "paid"', async () => {
  const { demo, back } = await roundTrip('scene=1038&referrer_appid=wxd8f3793ea3b935b8&query_id=Q-1');
  const page = back('USER_CONFIRM');
  await waitFor(() => /confirmed/.test(text(page, 'status')), 'confirmed');

  demo.state.phase = 'MCH_COMPLETE';
  page.elements.refresh.click();
  await waitFor(() => /pending/.test(text(page, 'status')), 'pending');
  assert.equal(text(page, 'status'), 'pending · 扣款中');

  demo.state.phase = 'PAID';
  page.elements.refresh.click();
  await waitFor(() => /paid/.test(text(page, 'status')), 'paid');
  assert.equal(text(page, 'status'), 'paid · 已支付');
  assert.match(text(page, 'order-details'), /paid ¥3\.00/);
});

test('a backend failure shows "error" with the ProblemDetails detail', async () => {
  const { demo, back } = await roundTrip('scene=1038&referrer_appid=wxd8f3793ea3b935b8');
  demo.server.on('GET', '/api/orders/ORD-1', { status: 502, body: { status: 502, detail: 'WeChat Pay unreachable' } });
  const page = back('CREATED');
  await waitFor(() => /error/.test(text(page, 'status')), 'error');
  assert.equal(text(page, 'status'), 'error · 出错');
  assert.equal(text(page, 'message'), 'WeChat Pay unreachable');
});
