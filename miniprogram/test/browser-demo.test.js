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
const SCRIPTS = ['payscore/payscore.js', 'payscore/order-text.js', 'browser/wx-browser.js', 'web/demo.js'];
const PAGE = 'http://localhost:5080/';
const CONFIRM_PAGE = 'http://localhost:5080/sandbox/pages/use/use';
const IDS = ['user', 'login', 'session', 'device', 'device-info', 'plan', 'plan-terms', 'use-payscore', 'out-order-no', 'status', 'order-details',
  'refresh', 'auto-refresh', 'message'];

/**
 * The few DOM features demo.js uses: getElementById, textContent/value/disabled, attributes, click and change
 * listeners, <option>s, document.hidden and visibilitychange.
 */
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
      attributes: {},
      setAttribute(name, value) {
        this.attributes[name] = String(value);
      },
      addEventListener(type, listener) {
        assert.ok(type === 'click' || type === 'change', type);
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
  const documentListeners = [];
  return {
    elements: elements,
    hidden: false,
    addEventListener(type, listener) {
      assert.equal(type, 'visibilitychange');
      documentListeners.push(listener);
    },
    /** Hides or shows the tab. */
    setHidden(hidden) {
      this.hidden = hidden;
      documentListeners.forEach((listener) => listener());
    },
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
      body: [{
        id: 'powerbank-hourly', serviceIntroduction: '充电宝', riskFund: { name: 'DEPOSIT', amount: 9900 },
        fees: [{ name: '租借费用', description: '3元/小时' }]
      }]
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
function loadPage(server, href, browser, timers) {
  const environment = browser || createFakeBrowser(href);
  environment.location.href = href;
  environment.location.assigned.length = 0;
  const document = createFakeDocument();
  const clock = timers || createManualTimers();
  const context = {
    document: document,
    location: environment.location,
    history: environment.history,
    localStorage: environment.localStorage,
    fetch: server.fetch,
    URL: URL,
    // Timers run only when a test fires them, so no poll outlives its test.
    setTimeout: clock.setTimeout,
    clearTimeout: clock.clearTimeout,
    console: { log() {}, warn() {}, error() {} }
  };
  context.self = context;
  vm.createContext(context);
  for (const script of SCRIPTS) {
    vm.runInContext(fs.readFileSync(path.join(ROOT, script), 'utf8'), context, { filename: script });
  }
  return { browser: environment, elements: document.elements, document: document, context: context };
}

/** Timers that run only when the test says so, recording each delay asked for. */
function createManualTimers() {
  const pending = new Map();
  const delays = [];
  let next = 1;
  return {
    delays: delays,
    setTimeout(callback, ms) {
      delays.push(ms);
      pending.set(next, callback);
      return next++;
    },
    clearTimeout(handle) {
      pending.delete(handle);
    },
    count: () => pending.size,
    /** Runs the timers due now (all pending ones). */
    fire() {
      const due = Array.from(pending.entries());
      pending.clear();
      due.forEach(([, callback]) => callback());
    }
  };
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
  assert.equal(text(page, 'session'), '未登录 not logged in');
  assert.equal(text(page, 'status'), '');

  page.elements['use-payscore'].click();
  await waitFor(() => page.browser.location.assigned.length === 1, 'jump');

  const target = new URL(page.browser.location.assigned[0]);
  assert.equal(target.origin + target.pathname, CONFIRM_PAGE);
  assert.equal(target.searchParams.get('package'), 'pkg+1=');
  assert.equal(target.searchParams.get('user'), 'alice');
  assert.equal(target.searchParams.get('return_url'), PAGE);
  assert.equal(text(page, 'out-order-no'), 'ORD-1');
  assert.equal(text(page, 'session'), '已登录 logged in as alice');
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

test('back from the sandbox with query_id: "confirmed, waiting for the merchant", the plan\'s terms, never ¥0.00', async () => {
  const { demo, back } = await roundTrip('scene=1038&referrer_appid=wxd8f3793ea3b935b8&query_id=Q-1');
  const page = back('USER_CONFIRM');
  await waitFor(() => page.elements.status.attributes['data-status'] === 'CONFIRMED', 'status');

  assert.equal(text(page, 'status'), '已确认，等待商户完结 · confirmed, waiting for the merchant to complete');
  assert.equal(page.elements.status.attributes['data-state'], 'DOING');
  assert.equal(text(page, 'out-order-no'), 'ORD-1');
  assert.match(text(page, 'order-details'), /DOING \/ USER_CONFIRM/);
  assert.match(text(page, 'order-details'), /风险金 Risk fund：DEPOSIT ¥99\.00/);
  assert.match(text(page, 'order-details'), /计费 Fee：租借费用 3元\/小时/);
  assert.doesNotMatch(text(page, 'order-details'), /¥0\.00/);
  assert.deepEqual(page.browser.history.replaced, [PAGE]);
  assert.equal(demo.server.requests[demo.server.requests.length - 1].path, '/api/orders/by-query-id/Q-1');
  assert.equal(page.elements.user.value, 'alice');
});

test('back by the top-left arrow while the order is still CREATED: "not confirmed"', async () => {
  const { demo, back } = await roundTrip('scene=1038&referrer_appid=wxd8f3793ea3b935b8');
  const page = back('CREATED');
  await waitFor(() => page.elements.status.attributes['data-status'] === 'NOT_CONFIRMED', 'status');
  assert.equal(text(page, 'status'), '未确认 · not confirmed');
  assert.equal(demo.server.requests[demo.server.requests.length - 1].path, '/api/orders/ORD-1');
});

test('refresh re-checks the last order: "collecting" with the total, then "paid ¥3.00"', async () => {
  const { demo, back } = await roundTrip('scene=1038&referrer_appid=wxd8f3793ea3b935b8&query_id=Q-1');
  const page = back('USER_CONFIRM');
  await waitFor(() => page.elements.status.attributes['data-status'] === 'CONFIRMED', 'confirmed');

  demo.state.phase = 'MCH_COMPLETE';
  page.elements.refresh.click();
  await waitFor(() => page.elements.status.attributes['data-status'] === 'PENDING', 'pending');
  assert.equal(text(page, 'status'), '商户已完结，扣款中 ¥3.00 · completed, collecting ¥3.00');
  assert.match(text(page, 'order-details'), /总额 Total：¥3\.00 · 已付 Paid：¥0\.00/);

  demo.state.phase = 'PAID';
  page.elements.refresh.click();
  await waitFor(() => page.elements.status.attributes['data-status'] === 'PAID', 'paid');
  assert.equal(text(page, 'status'), '已支付 ¥3.00 · paid ¥3.00');
  assert.match(text(page, 'order-details'), /已付 Paid：¥3\.00/);
});

test('after the return leg the page follows the order by itself with back-off until paid, and not while hidden', async () => {
  const timers = createManualTimers();
  const demo = createDemoServer();
  const first = loadPage(demo.server, PAGE, undefined, timers);
  await waitFor(() => !first.elements['use-payscore'].disabled, 'plans');
  first.elements['use-payscore'].click();
  await waitFor(() => first.browser.location.assigned.length === 1, 'jump');
  demo.state.phase = 'USER_CONFIRM';
  const page = loadPage(demo.server, PAGE + '?scene=1038&referrer_appid=wxd8f3793ea3b935b8', first.browser, timers);
  await waitFor(() => page.elements.status.attributes['data-status'] === 'CONFIRMED', 'confirmed');
  await waitFor(() => timers.count() === 1, 'first poll scheduled');
  assert.equal(text(page, 'auto-refresh'), '自动刷新中 · updating by itself');

  const checks = () => demo.server.requests.filter((request) => request.path === '/api/orders/ORD-1').length;
  const before = checks();
  timers.fire();
  await waitFor(() => checks() === before + 1 && timers.count() === 1, 'second poll');
  timers.fire();
  await waitFor(() => checks() === before + 2 && timers.count() === 1, 'third poll');
  assert.deepEqual(timers.delays.slice(-3), [1000, 1500, 2250]);

  page.document.setHidden(true);
  assert.equal(timers.count(), 0);
  demo.state.phase = 'MCH_COMPLETE';
  page.document.setHidden(false);
  await waitFor(() => page.elements.status.attributes['data-status'] === 'PENDING', 'pending on show');
  await waitFor(() => timers.count() === 1, 'poll after pending');
  assert.equal(timers.delays[timers.delays.length - 1], 1000);

  demo.state.phase = 'PAID';
  timers.fire();
  await waitFor(() => page.elements.status.attributes['data-status'] === 'PAID', 'paid');
  assert.equal(text(page, 'status'), '已支付 ¥3.00 · paid ¥3.00');
  assert.equal(timers.count(), 0);
  assert.equal(text(page, 'auto-refresh'), '');
});

test('a backend failure shows "error" with the ProblemDetails detail', async () => {
  const { demo, back } = await roundTrip('scene=1038&referrer_appid=wxd8f3793ea3b935b8');
  demo.server.on('GET', '/api/orders/ORD-1', { status: 502, body: { status: 502, detail: 'WeChat Pay unreachable' } });
  const page = back('CREATED');
  await waitFor(() => page.elements.status.attributes['data-status'] === 'ERROR', 'error');
  assert.equal(text(page, 'status'), '出错 · error');
  assert.equal(text(page, 'message'), 'WeChat Pay unreachable');
});
