'use strict';
/**
 * Test doubles for the Pay Score front end: a fake `wx` object, a fake merchant server reachable through a
 * `wx.request`-shaped function or a `fetch`-shaped function, and a fake browser environment (location, history,
 * localStorage). Callbacks fire asynchronously, as in WeChat, so ordering bugs show up.
 * (node --test also loads this file as a test file; it defines no tests.)
 */

/** Runs `fn` on a later turn of the event loop, like WeChat's callbacks. */
function later(fn) {
  setImmediate(fn);
}

/**
 * A fake `wx` object.
 * @param {Object} [options]
 * @param {string} [options.sdkVersion] SDKVersion from getSystemInfoSync, default '3.0.0'
 * @param {string} [options.appBaseInfoVersion] when set, the fake has getAppBaseInfo() returning this SDKVersion
 * @param {boolean} [options.openBusinessView] whether wx.openBusinessView exists, default true
 * @param {boolean} [options.navigateToMiniProgram] whether wx.navigateToMiniProgram exists, default true
 * @param {string} [options.jumpFailMessage] when set, jumps call `fail({ errMsg })` instead of `success`
 * @param {string} [options.loginCode] code returned by wx.login, default 'login-code-1'
 * @param {string} [options.loginFailMessage] when set, wx.login fails with this errMsg
 * @param {Map} [options.storage] backing store; pass the same Map to a second fake to simulate a relaunch
 * @param {function(Object): void} [options.request] wx.request implementation (e.g. a fake server's `request`)
 */
function createFakeWx(options) {
  const settings = Object.assign({
    sdkVersion: '3.0.0',
    openBusinessView: true,
    navigateToMiniProgram: true,
    loginCode: 'login-code-1',
    storage: new Map()
  }, options);
  const storage = settings.storage;
  /** Recorded calls: each jump records its options and a snapshot of storage at the moment of the call. */
  const calls = { openBusinessView: [], navigateToMiniProgram: [], login: 0 };

  function jump(list) {
    return function (jumpOptions) {
      list.push({ options: jumpOptions, storageAtCall: new Map(storage) });
      later(function () {
        if (settings.jumpFailMessage) {
          jumpOptions.fail({ errMsg: settings.jumpFailMessage });
        } else {
          jumpOptions.success({ errMsg: 'ok' });
        }
      });
    };
  }

  const wx = {
    calls: calls,
    storage: storage,
    getSystemInfoSync: function () {
      return { SDKVersion: settings.sdkVersion, platform: 'devtools' };
    },
    getStorageSync: function (key) {
      return storage.has(key) ? storage.get(key) : '';
    },
    setStorageSync: function (key, value) {
      storage.set(key, value);
    },
    removeStorageSync: function (key) {
      storage.delete(key);
    },
    login: function (loginOptions) {
      calls.login += 1;
      later(function () {
        if (settings.loginFailMessage) {
          loginOptions.fail({ errMsg: settings.loginFailMessage });
        } else {
          loginOptions.success({ code: settings.loginCode, errMsg: 'login:ok' });
        }
      });
    },
    request: settings.request
  };
  if (settings.appBaseInfoVersion) {
    wx.getAppBaseInfo = function () {
      return { SDKVersion: settings.appBaseInfoVersion };
    };
  }
  if (settings.openBusinessView) {
    wx.openBusinessView = jump(calls.openBusinessView);
  }
  if (settings.navigateToMiniProgram) {
    wx.navigateToMiniProgram = jump(calls.navigateToMiniProgram);
  }
  return wx;
}

/**
 * A fake merchant server. Routes answer `{ status, body }` (body object → JSON) or `{ networkError: errMsg }`;
 * a route may be a function of the request. Unknown routes answer 404 ProblemDetails.
 */
function createFakeServer() {
  const routes = new Map();
  /** Every request received: { method, path, url, headers, body }. */
  const requests = [];

  function handle(method, url, headers, body) {
    const path = new URL(url, 'http://fake.invalid').pathname;
    const entry = { method: method, path: path, url: url, headers: headers || {}, body: body };
    requests.push(entry);
    const route = routes.get(method + ' ' + path);
    if (!route) {
      return { status: 404, body: { type: 'about:blank', title: 'Not Found', status: 404, detail: 'no route ' + path } };
    }
    return typeof route === 'function' ? route(entry) : route;
  }

  return {
    requests: requests,
    /** Registers an answer for `METHOD /path`. */
    on: function (method, path, answer) {
      routes.set(method + ' ' + path, answer);
      return this;
    },
    /** `wx.request`-shaped entry point: JSON body in `data`, parsed JSON answer in `data`. */
    request: function (options) {
      later(function () {
        const answer = handle(options.method || 'GET', options.url, options.header, options.data);
        if (answer.networkError) {
          options.fail({ errMsg: answer.networkError });
        } else {
          options.success({ statusCode: answer.status, data: answer.body === undefined ? '' : answer.body, header: {} });
        }
      });
    },
    /** `fetch`-shaped entry point: JSON text body in, Response-like object out. */
    fetch: function (url, init) {
      const request = init || {};
      return new Promise(function (resolve, reject) {
        later(function () {
          const body = request.body === undefined ? undefined : JSON.parse(request.body);
          const answer = handle(request.method || 'GET', url, request.headers, body);
          if (answer.networkError) {
            reject(new TypeError(answer.networkError));
            return;
          }
          const text = answer.body === undefined ? '' :
            typeof answer.body === 'string' ? answer.body : JSON.stringify(answer.body);
          resolve({
            status: answer.status,
            ok: answer.status >= 200 && answer.status < 300,
            text: function () { return Promise.resolve(text); }
          });
        });
      });
    }
  };
}

/**
 * An order as GET /api/orders/{outOrderNo} describes it (docs/contracts.md), for a given state.
 * @param {string} outOrderNo
 * @param {'CREATED'|'USER_CONFIRM'|'MCH_COMPLETE'|'PAID'|'REVOKED'|'EXPIRED'} phase
 */
function orderView(outOrderNo, phase) {
  const base = {
    outOrderNo: outOrderNo, state: 'CREATED', stateDescription: null, collectionState: null,
    totalAmount: 0, paidAmount: 0, riskFundAmount: 9900, confirmed: false, paid: false, terminal: false
  };
  const phases = {
    CREATED: {},
    USER_CONFIRM: { state: 'DOING', stateDescription: 'USER_CONFIRM', confirmed: true },
    MCH_COMPLETE: { state: 'DOING', stateDescription: 'MCH_COMPLETE', collectionState: 'USER_PAYING',
      totalAmount: 300, confirmed: true },
    PAID: { state: 'DONE', collectionState: 'USER_PAID', totalAmount: 300, paidAmount: 300, confirmed: true,
      paid: true, terminal: true },
    REVOKED: { state: 'REVOKED', terminal: true },
    EXPIRED: { state: 'EXPIRED', terminal: true }
  };
  if (!phases[phase]) {
    throw new Error('unknown phase ' + phase);
  }
  return Object.assign(base, phases[phase]);
}

/** A logger that records warnings. */
function createLogger() {
  const warnings = [];
  return { warnings: warnings, warn: function (message) { warnings.push(String(message)); } };
}

/**
 * A fake browser environment for wx-browser.js: `location` (records assign), `history` (records replaceState
 * and updates location), `localStorage` (string values only, like the real one).
 * @param {string} href initial page URL
 */
function createFakeBrowser(href) {
  const items = new Map();
  const location = {
    href: href,
    assigned: [],
    assign: function (url) { this.assigned.push(url); }
  };
  const history = {
    state: null,
    replaced: [],
    replaceState: function (state, title, url) {
      this.replaced.push(url);
      location.href = new URL(url, location.href).href;
    }
  };
  const localStorage = {
    getItem: function (key) { return items.has(key) ? items.get(key) : null; },
    setItem: function (key, value) { items.set(key, String(value)); },
    removeItem: function (key) { items.delete(key); }
  };
  return { location: location, history: history, localStorage: localStorage, items: items };
}

module.exports = { createFakeWx, createFakeServer, createFakeBrowser, createLogger, orderView };
