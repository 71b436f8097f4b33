/**
 * WxPayScore front-end module: opens the WeChat Pay Score confirm page (微信支付分 需确认订单, partner mode)
 * from a merchant mini program and checks the order with the merchant backend when the user comes back.
 *
 * Plain ES2017, no build step. Works as a CommonJS module (WeChat mini program, Node) and as a classic
 * browser script (exports `window.WxPayScore`). The `wx` object is always injected, never read globally.
 *
 * Contracts: docs/contracts.md (merchant server API); shared spec miniprogram-confirm.md §2–§3.
 */
(function (root, factory) {
  'use strict';
  if (typeof module === 'object' && module.exports) {
    module.exports = factory();
  } else {
    root.WxPayScore = factory();
  }
})(typeof globalThis !== 'undefined' ? globalThis : this, function () {
  'use strict';

  /** AppID of the WeChat Pay Score mini program (the referrer on return, the target of the legacy jump). */
  const PAY_SCORE_APP_ID = 'wxd8f3793ea3b935b8';
  /** Page of the Pay Score mini program used by the legacy `wx.navigateToMiniProgram` jump. */
  const PAY_SCORE_CONFIRM_PATH = 'pages/use/use';
  /** `businessType` of the confirm page for `wx.openBusinessView`. */
  const CONFIRM_BUSINESS_TYPE = 'wxpayScoreUse';
  /** Lowest base library (SDKVersion) that has `wx.openBusinessView`. */
  const MIN_SDK_VERSION = '2.6.0';
  /** Scene value "returned from another mini program". */
  const SCENE_BACK_FROM_MINI_PROGRAM = 1038;
  /** Default storage key of the pending order (the out_order_no cached before the jump). */
  const DEFAULT_PENDING_KEY = 'payscore_pending';
  /** Default storage key of the merchant-server session. */
  const DEFAULT_SESSION_KEY = 'payscore_session';
  const UPGRADE_MESSAGE = '请升级微信到最新版本后再试';

  /** Error codes carried by {@link PayScoreError#code}. */
  const ErrorCode = Object.freeze({
    /** The client cannot open the Pay Score page (no `wx.openBusinessView` or base library < 2.6.0). */
    UPGRADE_REQUIRED: 'UPGRADE_REQUIRED',
    /** The launch parameters from the server are unusable (no outOrderNo / package / wrong businessType). */
    INVALID_PARAMETERS: 'INVALID_PARAMETERS',
    /** WeChat refused the jump (`fail` callback); `errMsg` holds WeChat's text. */
    JUMP_FAILED: 'JUMP_FAILED',
    /** `wx.login` failed; `errMsg` holds WeChat's text. */
    LOGIN_FAILED: 'LOGIN_FAILED',
    /** The merchant server answered with a non-2xx status; `status` and `detail` are set. */
    BACKEND_ERROR: 'BACKEND_ERROR',
    /** The request never got an HTTP answer (`wx.request` fail); `errMsg` is set. */
    NETWORK_ERROR: 'NETWORK_ERROR',
    /** A scan gave no device id this module recognises (see {@link deviceIdFromScan}). */
    NOT_A_DEVICE: 'NOT_A_DEVICE',
    /** `wx.scanCode` failed or the user cancelled; `errMsg` holds WeChat's text. */
    SCAN_FAILED: 'SCAN_FAILED'
  });

  /** A device id: 1 to 50 letters, digits, '-' or '_' (WeChat's limit of `device.start_device_id`). */
  const DEVICE_ID_PATTERN = /^[A-Za-z0-9_-]{1,50}$/;
  /** Path segment of the device QR link: `https://your.domain/d/{deviceId}`. */
  const DEVICE_LINK_SEGMENT = 'd';

  /** Outcome of {@link PayScore#handleShow} and {@link PayScore#checkOrder}. */
  const Status = Object.freeze({
    /** No pending order: the show has nothing to do with Pay Score. */
    IGNORED: 'IGNORED',
    /** The user confirmed (DOING / USER_CONFIRM): the service may start. */
    CONFIRMED: 'CONFIRMED',
    /** Not confirmed: still CREATED (user rejected or left), or closed (REVOKED / EXPIRED, `order.terminal`). */
    NOT_CONFIRMED: 'NOT_CONFIRMED',
    /** The merchant completed the service and Pay Score is collecting (DOING / MCH_COMPLETE, USER_PAYING). */
    PENDING: 'PENDING',
    /** Settled (DONE: collected, synced as paid, or completed with amount 0). */
    PAID: 'PAID',
    /** The backend could not be asked; `error` is a {@link PayScoreError}. */
    ERROR: 'ERROR'
  });

  /**
   * Typed error of this module. Works with `instanceof` also after an ES5 transpile (no `class extends Error`).
   * @constructor
   * @param {string} code one of {@link ErrorCode}
   * @param {string} message human-readable text (the ProblemDetails `detail` for backend errors)
   * @param {{errMsg?: string, status?: number, detail?: string, problem?: *}} [details]
   * @this {PayScoreErrorShape}
   */
  function PayScoreError(code, message, details) {
    const extra = details || {};
    this.name = 'PayScoreError';
    this.code = code;
    this.message = message;
    /** Original WeChat `errMsg` (jump, login, network failures). */
    this.errMsg = extra.errMsg;
    /** HTTP status of a backend error. */
    this.status = extra.status;
    /** ProblemDetails `detail` of a backend error. */
    this.detail = extra.detail;
    /** Parsed error body of a backend error (RFC 7807 ProblemDetails when the server sent one). */
    this.problem = extra.problem;
    this.stack = new Error(message).stack;
  }
  PayScoreError.prototype = Object.create(Error.prototype);
  PayScoreError.prototype.constructor = PayScoreError;

  /**
   * Compares dotted numeric versions: missing parts count as 0 (`2.6` equals `2.6.0`), parts compare as numbers
   * (`2.10.0` is above `2.6.0`).
   * @param {string} a
   * @param {string} b
   * @returns {number} negative when a < b, 0 when equal, positive when a > b
   */
  function compareVersions(a, b) {
    const left = String(a).split('.');
    const right = String(b).split('.');
    const length = Math.max(left.length, right.length);
    for (let i = 0; i < length; i++) {
      const difference = (parseInt(left[i], 10) || 0) - (parseInt(right[i], 10) || 0);
      if (difference !== 0) {
        return difference;
      }
    }
    return 0;
  }

  /**
   * Reads the base library version: `wx.getAppBaseInfo()` when the client has it, else `wx.getSystemInfoSync()`.
   * @param {WechatMiniprogram.Wx} wx
   * @returns {string|undefined}
   */
  function readSdkVersion(wx) {
    try {
      const info = typeof wx.getAppBaseInfo === 'function' ? wx.getAppBaseInfo() : wx.getSystemInfoSync();
      return info && info.SDKVersion ? String(info.SDKVersion) : undefined;
    } catch (error) {
      return undefined;
    }
  }

  /**
   * Maps the merchant server's order view to a {@link Status}.
   * @param {OrderView} order
   * @returns {string}
   */
  function classifyOrder(order) {
    if (order.paid || order.state === 'DONE') {
      return Status.PAID;
    }
    if (order.state === 'DOING' && order.stateDescription === 'MCH_COMPLETE') {
      return Status.PENDING;
    }
    if (order.confirmed || order.state === 'DOING') {
      return Status.CONFIRMED;
    }
    return Status.NOT_CONFIRMED;
  }

  /**
   * Wraps a callback-style `wx` API in a Promise.
   * @param {Function} api e.g. `wx.login`
   * @param {Object} options call options without callbacks
   * @returns {Promise<Object>} the `success` payload; rejects with the `fail` payload
   */
  function callWx(api, options) {
    return new Promise(function (resolve, reject) {
      api(Object.assign({}, options, { success: resolve, fail: reject }));
    });
  }

  /**
   * @typedef {Object} OrderView  Merchant server answer of GET /api/orders/{outOrderNo} (docs/contracts.md)
   * @property {string} outOrderNo
   * @property {string} state CREATED | DOING | DONE | REVOKED | EXPIRED
   * @property {string} [stateDescription] USER_CONFIRM | MCH_COMPLETE (only while DOING)
   * @property {string} [collectionState] USER_PAYING | USER_PAID
   * @property {number} [totalAmount]
   * @property {number} [paidAmount]
   * @property {number} [riskFundAmount]
   * @property {boolean} confirmed
   * @property {boolean} paid
   * @property {boolean} terminal
   */

  /**
   * An instance of {@link PayScoreError} (typed as a shape: `@constructor` functions are not classes for tsc).
   * @typedef {Error & {code: string, errMsg?: string, status?: number, detail?: string, problem?: *}} PayScoreErrorShape
   */

  /**
   * @typedef {Object} Plan  A plan of GET /api/plans (amounts in fen)
   * @property {string} id
   * @property {string} serviceIntroduction
   * @property {{name: string, amount: number, description?: string}} riskFund
   * @property {Array<{name: string, description?: string}>} fees
   * @property {string} [location]
   */

  /**
   * The options of `App.onShow` that matter here (scene 1038 = back from another mini program).
   * @typedef {{scene?: number, referrerInfo?: {appId?: string, extraData?: {query_id?: string}}}} ShowOptions
   */

  /**
   * @typedef {Object} LaunchParameters  Merchant server answer of POST /api/orders
   * @property {string} outOrderNo
   * @property {string} state
   * @property {{businessType: string, extraData: {package: string}}} openBusinessView
   */

  /**
   * @typedef {Object} ApiClient
   * @property {(code: string, appId?: string) => Promise<{token: string, expiresAt: string, appId: string}>} login POST /api/session
   * @property {() => boolean} hasSession a token is stored and not expired
   * @property {() => void} clearSession forgets the stored token
   * @property {() => Promise<Array<Plan>>} listPlans GET /api/plans
   * @property {(planId: string, where?: {deviceId?: string, subMerchant?: string}) => Promise<LaunchParameters>} createOrder POST /api/orders
   * @property {(deviceId: string) => Promise<DeviceView>} getDevice GET /api/devices/{deviceId}
   * @property {(outOrderNo: string) => Promise<OrderView>} getOrder GET /api/orders/{outOrderNo}
   * @property {(queryId: string) => Promise<OrderView>} getOrderByQueryId GET /api/orders/by-query-id/{queryId}
   */

  /**
   * Client of the merchant server API (docs/contracts.md). Every failure rejects with a {@link PayScoreError}:
   * `BACKEND_ERROR` (non-2xx, with `status`, ProblemDetails `detail` and `problem`) or `NETWORK_ERROR`.
   * A 401 answer also forgets the stored session.
   * @param {object} options
   * @param {string} [options.baseUrl] server origin, e.g. `https://api.example.com` ('' = same origin in a browser)
   * @param {(options: any) => void} options.request `wx.request`-shaped function
   * @param {Object} [options.storage] object with `getStorageSync/setStorageSync/removeStorageSync` (usually `wx`)
   *   to keep the session across restarts; without it the session lives in memory only
   * @param {string} [options.sessionKey] storage key of the session
   * @returns {ApiClient}
   */
  function createApiClient(options) {
    if (!options || typeof options.request !== 'function') {
      throw new TypeError('createApiClient: options.request (wx.request-shaped function) is required');
    }
    const baseUrl = (options.baseUrl || '').replace(/\/+$/, '');
    const request = options.request;
    const storage = options.storage;
    const sessionKey = options.sessionKey || DEFAULT_SESSION_KEY;
    let memorySession = null;

    function readSession() {
      return storage ? storage.getStorageSync(sessionKey) || null : memorySession;
    }

    function writeSession(session) {
      if (storage) {
        storage.setStorageSync(sessionKey, session);
      } else {
        memorySession = session;
      }
    }

    function clearSession() {
      if (storage) {
        storage.removeStorageSync(sessionKey);
      } else {
        memorySession = null;
      }
    }

    function hasSession() {
      const session = readSession();
      if (!session || !session.token) {
        return false;
      }
      return !session.expiresAt || Date.parse(session.expiresAt) > Date.now();
    }

    /**
     * @param {string} method
     * @param {string} path
     * @param {Object} [body]
     * @returns {Promise<*>} response body of a 2xx answer
     */
    function send(method, path, body) {
      const header = { 'content-type': 'application/json' };
      const session = readSession();
      if (session && session.token) {
        header.Authorization = 'Bearer ' + session.token;
      }
      return new Promise(function (resolve, reject) {
        request({
          url: baseUrl + path,
          method: method,
          header: header,
          data: body,
          dataType: 'json',
          success: function (response) {
            if (response.statusCode >= 200 && response.statusCode < 300) {
              resolve(response.data);
              return;
            }
            if (response.statusCode === 401) {
              clearSession();
            }
            reject(backendError(response));
          },
          fail: function (error) {
            const errMsg = error && error.errMsg ? error.errMsg : String(error);
            reject(new PayScoreError(ErrorCode.NETWORK_ERROR, errMsg, { errMsg: errMsg }));
          }
        });
      });
    }

    return {
      login: function (code, appId) {
        return send('POST', '/api/session', appId ? { code: code, appId: appId } : { code: code }).then(function (session) {
          writeSession({ token: session.token, expiresAt: session.expiresAt });
          return session;
        });
      },
      hasSession: hasSession,
      clearSession: clearSession,
      listPlans: function () {
        return send('GET', '/api/plans');
      },
      createOrder: function (planId, where) {
        const body = /** @type {{planId: string, deviceId?: string, subMerchant?: string}} */ ({ planId: planId });
        if (where && where.deviceId) {
          body.deviceId = where.deviceId;
        }
        if (where && where.subMerchant) {
          body.subMerchant = where.subMerchant;
        }
        return send('POST', '/api/orders', body);
      },
      getDevice: function (deviceId) {
        return send('GET', '/api/devices/' + encodeURIComponent(deviceId));
      },
      getOrder: function (outOrderNo) {
        return send('GET', '/api/orders/' + encodeURIComponent(outOrderNo));
      },
      getOrderByQueryId: function (queryId) {
        return send('GET', '/api/orders/by-query-id/' + encodeURIComponent(queryId));
      }
    };
  }

  /**
   * Builds the error for a non-2xx answer, keeping the ProblemDetails `detail` as the message.
   * @param {{statusCode: number, data: *}} response
   * @returns {PayScoreErrorShape}
   */
  function backendError(response) {
    const problem = response.data && typeof response.data === 'object' ? response.data : undefined;
    const detail = problem && typeof problem.detail === 'string' ? problem.detail : undefined;
    const title = problem && typeof problem.title === 'string' ? problem.title : undefined;
    return new PayScoreError(ErrorCode.BACKEND_ERROR, detail || title || 'HTTP ' + response.statusCode, {
      status: response.statusCode,
      detail: detail,
      problem: problem === undefined ? response.data : problem
    });
  }

  /**
   * The running mini program's own AppID (`wx.getAccountInfoSync().miniProgram.appId`), or undefined where that is
   * not available (old base library, browser stand-in without it): the server then needs exactly one mini program.
   * @param {WechatMiniprogram.Wx} wx
   * @returns {string|undefined}
   */
  function ownAppId(wx) {
    try {
      const info = typeof wx.getAccountInfoSync === 'function' ? wx.getAccountInfoSync() : null;
      return info && info.miniProgram && info.miniProgram.appId ? info.miniProgram.appId : undefined;
    } catch (e) {
      return undefined;
    }
  }

  /**
   * @typedef {Object} DeviceView  Merchant server answer of GET /api/devices/{deviceId}
   * @property {string} deviceId
   * @property {string} subMerchant the sub-merchant's key
   * @property {string} subMerchantName
   * @property {string} location shown on the Pay Score confirm page
   * @property {Array<Plan>} plans the plans on sale at this device
   */

  /**
   * Decodes a URI component once; text that is not valid percent-encoding is returned as it is.
   * @param {string} text
   * @returns {string}
   */
  function decodeOnce(text) {
    try {
      return decodeURIComponent(text);
    } catch (e) {
      return text;
    }
  }

  /**
   * The device id in a 小程序码 `scene` (already taken from `options.query.scene`, still URL-encoded as WeChat
   * delivers it): either the id itself (`PB-A-001`) or key=value pairs naming it (`d=PB-A-001&x=1`, also `deviceId=`).
   * A 小程序码 scene holds at most 32 characters.
   * @param {string} scene
   * @returns {string} the device id, or '' when the scene names none
   */
  function deviceIdFromScene(scene) {
    if (typeof scene !== 'string' || scene === '') {
      return '';
    }
    const text = decodeOnce(scene);
    if (text.indexOf('=') < 0) {
      return DEVICE_ID_PATTERN.test(text) ? text : '';
    }
    const pairs = text.split('&');
    for (let i = 0; i < pairs.length; i++) {
      const at = pairs[i].indexOf('=');
      const key = pairs[i].slice(0, at);
      const value = decodeOnce(pairs[i].slice(at + 1));
      if ((key === 'd' || key === 'deviceId') && DEVICE_ID_PATTERN.test(value)) {
        return value;
      }
    }
    return '';
  }

  /**
   * The device id in a device QR link (普通链接二维码): `https://your.domain/d/{deviceId}` (any host; a trailing slash,
   * a query string or a fragment are allowed), or a link with `?d=` / `?deviceId=`. WeChat hands the link to the
   * mini program URL-encoded in `options.query.q`; pass that value (encoded or not).
   * @param {string} link
   * @returns {string} the device id, or '' when the link names none
   */
  function deviceIdFromLink(link) {
    if (typeof link !== 'string' || link === '') {
      return '';
    }
    let text = link;
    if (/^https?%3A/i.test(text)) {
      text = decodeOnce(text);
    }
    const match = /^https?:\/\/[^/?#]+(\/[^?#]*)?(\?[^#]*)?/i.exec(text);
    if (!match) {
      return '';
    }
    const segments = (match[1] || '').split('/').filter(function (segment) { return segment !== ''; });
    for (let i = 0; i + 1 < segments.length; i++) {
      if (segments[i] === DEVICE_LINK_SEGMENT) {
        const id = decodeOnce(segments[i + 1]);
        return DEVICE_ID_PATTERN.test(id) && i + 2 === segments.length ? id : '';
      }
    }
    return match[2] ? deviceIdFromScene(match[2].slice(1)) : '';
  }

  /**
   * The device a launch (or `onLoad`) started from, the way WeChat delivers it: a 小程序码 (`options.query.scene`),
   * a device QR link (`options.query.q`, see {@link deviceIdFromLink}), or a plain page query `deviceId=`.
   * Accepts `App.onLaunch/onShow` options (`{query}`) and page `onLoad` options (the query itself).
   * @param {{query?: Object<string, string>} | Object<string, string> | undefined} options
   * @returns {string} the device id, or '' when the launch names none
   */
  function deviceIdFromLaunch(options) {
    if (!options || typeof options !== 'object') {
      return '';
    }
    const query = /** @type {Object<string, string>} */ (options.query && typeof options.query === 'object' ? options.query : options);
    if (typeof query.scene === 'string' && query.scene !== '') {
      const fromScene = deviceIdFromScene(query.scene);
      if (fromScene) {
        return fromScene;
      }
    }
    if (typeof query.q === 'string' && query.q !== '') {
      const fromLink = deviceIdFromLink(decodeOnce(query.q));
      if (fromLink) {
        return fromLink;
      }
    }
    return typeof query.deviceId === 'string' && DEVICE_ID_PATTERN.test(query.deviceId) ? query.deviceId : '';
  }

  /**
   * The device id in a `wx.scanCode` result: a 小程序码 of this mini program (`path` like `pages/index/index?scene=…`)
   * or a device QR link (`result`).
   * @param {{result?: string, path?: string, scanType?: string}} scan
   * @returns {string} the device id, or '' when the code names none
   */
  function deviceIdFromScan(scan) {
    if (!scan || typeof scan !== 'object') {
      return '';
    }
    if (typeof scan.path === 'string' && scan.path.indexOf('?') >= 0) {
      const query = scan.path.slice(scan.path.indexOf('?') + 1).split('&');
      for (let i = 0; i < query.length; i++) {
        if (query[i].indexOf('scene=') === 0) {
          const id = deviceIdFromScene(query[i].slice('scene='.length));
          if (id) {
            return id;
          }
        }
      }
    }
    return typeof scan.result === 'string' ? deviceIdFromLink(scan.result.trim()) : '';
  }

  /**
   * Scans a device code in the app (`wx.scanCode`, camera only) and returns its device id.
   * @param {WechatMiniprogram.Wx} wx
   * @returns {Promise<string>} rejects with `SCAN_FAILED` (cancelled, no camera) or `NOT_A_DEVICE`
   */
  function scanDevice(wx) {
    return callWx(wx.scanCode, { onlyFromCamera: true }).then(
      function (result) {
        const id = deviceIdFromScan(/** @type {{result?: string, path?: string}} */ (result));
        if (!id) {
          throw new PayScoreError(ErrorCode.NOT_A_DEVICE, '这不是设备二维码', { detail: String(result && result.result) });
        }
        return id;
      },
      function (error) {
        if (error instanceof PayScoreError) {
          throw error;
        }
        const errMsg = error && error.errMsg ? error.errMsg : String(error);
        throw new PayScoreError(ErrorCode.SCAN_FAILED, errMsg, { errMsg: errMsg });
      }
    );
  }

  /**
   * Logs in to the merchant server: `wx.login` for a code, then `api.login(code, appId)` (POST /api/session) with the
   * mini program's own AppID (`wx.getAccountInfoSync()`) when available.
   * @param {WechatMiniprogram.Wx} wx
   * @param {ApiClient} api
   * @returns {Promise<{token: string, expiresAt: string}>} rejects with `LOGIN_FAILED` or an API error
   */
  function loginWithWx(wx, api) {
    return callWx(wx.login, {}).then(
      function (result) {
        return api.login(result.code, ownAppId(wx));
      },
      function (error) {
        const errMsg = error && error.errMsg ? error.errMsg : String(error);
        throw new PayScoreError(ErrorCode.LOGIN_FAILED, errMsg, { errMsg: errMsg });
      }
    );
  }

  /**
   * @typedef {Object} SupportResult
   * @property {boolean} ok
   * @property {string} [method] 'openBusinessView' or 'navigateToMiniProgram' (when ok)
   * @property {string} [sdkVersion] base library version, when readable
   * @property {string} [reason] 'UPGRADE_REQUIRED' (when not ok)
   * @property {string} [message] text to show the user (when not ok)
   */

  /**
   * @typedef {Object} CheckResult
   * @property {string} status one of {@link Status}
   * @property {OrderView} [order] the backend's answer (not for IGNORED / ERROR)
   * @property {string} [outOrderNo] the order that was checked
   * @property {string} [queryId] `query_id` handed back by Pay Score, when there was one
   * @property {PayScoreErrorShape} [error] why the check failed (ERROR only)
   */

  /**
   * @typedef {Object} PayScore
   * @property {() => SupportResult} checkSupport
   * @property {(launchParameters: LaunchParameters) => Promise<{outOrderNo: string, method: string, errMsg: string}>} openPayScoreConfirm
   * @property {(showOptions?: ShowOptions) => Promise<CheckResult>} handleShow
   * @property {(target: {outOrderNo: string, queryId?: string}) => Promise<CheckResult>} checkOrder
   * @property {() => string} getPendingOrder
   * @property {() => void} clearPendingOrder
   */

  /**
   * Creates the Pay Score front-end helper.
   * @param {object} options
   * @param {WechatMiniprogram.Wx} options.wx the `wx` object (mini program) or the browser adapter (wx-browser.js)
   * @param {ApiClient} options.api merchant server client from {@link createApiClient}
   * @param {string} [options.storageKey] storage key of the pending order, default 'payscore_pending'
   * @param {boolean} [options.allowLegacyNavigate] fall back to `wx.navigateToMiniProgram` (closed to new
   *   integrations) when `wx.openBusinessView` is unavailable; default false
   * @param {{warn: Function}} [options.logger] receives advisory warnings; default `console`
   * @returns {PayScore}
   */
  function createPayScore(options) {
    if (!options || !options.wx) {
      throw new TypeError('createPayScore: options.wx is required');
    }
    if (!options.api) {
      throw new TypeError('createPayScore: options.api is required');
    }
    const wx = options.wx;
    const api = options.api;
    const storageKey = options.storageKey || DEFAULT_PENDING_KEY;
    const allowLegacyNavigate = options.allowLegacyNavigate === true;
    const logger = options.logger || (typeof console !== 'undefined' ? console : { warn: function () {} });
    /** Checks in flight by `outOrderNo|queryId`, so onLaunch + onShow of one cold start ask only once. */
    const checksInFlight = {};

    /** @returns {string} the pending out_order_no, or '' */
    function getPendingOrder() {
      return wx.getStorageSync(storageKey) || '';
    }

    function clearPendingOrder() {
      wx.removeStorageSync(storageKey);
    }

    /**
     * Can this client open the Pay Score confirm page?
     * @returns {SupportResult}
     */
    function checkSupport() {
      const sdkVersion = readSdkVersion(wx);
      const hasOpenBusinessView = typeof wx.openBusinessView === 'function';
      if (hasOpenBusinessView && sdkVersion && compareVersions(sdkVersion, MIN_SDK_VERSION) >= 0) {
        return { ok: true, method: 'openBusinessView', sdkVersion: sdkVersion };
      }
      if (allowLegacyNavigate && typeof wx.navigateToMiniProgram === 'function') {
        return { ok: true, method: 'navigateToMiniProgram', sdkVersion: sdkVersion };
      }
      return { ok: false, reason: ErrorCode.UPGRADE_REQUIRED, message: UPGRADE_MESSAGE, sdkVersion: sdkVersion };
    }

    /**
     * Opens the Pay Score confirm page for an order created by the merchant server. The order's outOrderNo is
     * stored BEFORE the jump; `package` is passed on untouched. Resolving only means WeChat accepted the jump —
     * the order result comes from {@link handleShow} when the user is back.
     * @param {LaunchParameters} launchParameters the server's POST /api/orders answer
     * @returns {Promise<{outOrderNo: string, method: string, errMsg: string}>} rejects with a PayScoreError
     *   (`INVALID_PARAMETERS`, `UPGRADE_REQUIRED`, `JUMP_FAILED`)
     */
    function openPayScoreConfirm(launchParameters) {
      return new Promise(function (resolve, reject) {
        const view = launchParameters && launchParameters.openBusinessView;
        const extraData = view && view.extraData;
        const outOrderNo = launchParameters && launchParameters.outOrderNo;
        if (typeof outOrderNo !== 'string' || outOrderNo === '' || !extraData ||
            typeof extraData.package !== 'string' || extraData.package === '' ||
            view.businessType !== CONFIRM_BUSINESS_TYPE) {
          throw new PayScoreError(ErrorCode.INVALID_PARAMETERS,
            'launch parameters need outOrderNo and openBusinessView { businessType: "wxpayScoreUse", extraData.package }');
        }
        const support = checkSupport();
        if (!support.ok) {
          throw new PayScoreError(ErrorCode.UPGRADE_REQUIRED, support.message);
        }

        wx.setStorageSync(storageKey, outOrderNo);
        const callbacks = {
          success: function (result) {
            resolve({ outOrderNo: outOrderNo, method: support.method, errMsg: result && result.errMsg });
          },
          fail: function (error) {
            // The confirm page never opened: forget the order so no later show reports on it.
            if (getPendingOrder() === outOrderNo) {
              clearPendingOrder();
            }
            const errMsg = error && error.errMsg ? error.errMsg : String(error);
            reject(new PayScoreError(ErrorCode.JUMP_FAILED, errMsg, { errMsg: errMsg }));
          }
        };
        if (support.method === 'openBusinessView') {
          wx.openBusinessView(Object.assign({ businessType: view.businessType, extraData: extraData }, callbacks));
        } else {
          wx.navigateToMiniProgram(Object.assign(
            { appId: PAY_SCORE_APP_ID, path: PAY_SCORE_CONFIRM_PATH, extraData: extraData }, callbacks));
        }
      });
    }

    /**
     * Asks the merchant server about an order and maps the answer to a status. Never rejects.
     * If `outOrderNo` is the pending order, the pending order is cleared once the order is confirmed or
     * terminal, or unknown to the server (404); it is kept while the order is still CREATED or the check failed.
     * @param {{outOrderNo: string, queryId?: string}} target `queryId` is a hint: a failed lookup by it (404 or
     *   any other error), or one that names another order, falls back to `outOrderNo`
     * @returns {Promise<CheckResult>}
     */
    function checkOrder(target) {
      const outOrderNo = target.outOrderNo;
      const queryId = target.queryId;
      const key = outOrderNo + '|' + (queryId || '');
      if (!checksInFlight[key]) {
        checksInFlight[key] = queryOrder(outOrderNo, queryId)
          .then(function (order) {
            const status = classifyOrder(order);
            if ((status !== Status.NOT_CONFIRMED || order.terminal) && getPendingOrder() === outOrderNo) {
              clearPendingOrder();
            }
            return { status: status, order: order, outOrderNo: outOrderNo, queryId: queryId };
          }, function (error) {
            if (error.status === 404 && getPendingOrder() === outOrderNo) {
              clearPendingOrder();
            }
            return { status: Status.ERROR, error: error, outOrderNo: outOrderNo, queryId: queryId };
          })
          .then(function (result) {
            delete checksInFlight[key];
            return result;
          });
      }
      return checksInFlight[key];
    }

    /**
     * @param {string} outOrderNo
     * @param {string} [queryId]
     * @returns {Promise<OrderView>}
     */
    function queryOrder(outOrderNo, queryId) {
      if (!queryId) {
        return api.getOrder(outOrderNo);
      }
      return api.getOrderByQueryId(queryId).then(function (order) {
        if (order.outOrderNo === outOrderNo) {
          return order;
        }
        logger.warn('[payscore] query_id names order ' + order.outOrderNo + ', pending is ' + outOrderNo +
          '; checking the pending order');
        return api.getOrder(outOrderNo);
      }, function (error) {
        logger.warn('[payscore] lookup by query_id failed (' + error.message + '); checking by out_order_no');
        return api.getOrder(outOrderNo);
      });
    }

    /**
     * Call from `App.onShow(options)` (and/or `App.onLaunch(options)`: concurrent calls for the same order share
     * one backend request). Any show with a pending order checks that order by its outOrderNo — also shows that
     * do not come from Pay Score (the back-arrow exit gives no data, and the user may return by other means).
     * `query_id` from a scene-1038 return by the Pay Score mini program is used as a lookup hint only; a referrer
     * with another AppID is logged and its data is not used. A `query_id` proves nothing: the status always comes
     * from the backend. Never rejects.
     * @param {{scene?: number, referrerInfo?: {appId?: string, extraData?: {query_id?: string}}}} [showOptions]
     * @returns {Promise<CheckResult>} `{ status: 'IGNORED' }` when no order is pending
     */
    function handleShow(showOptions) {
      const pending = getPendingOrder();
      if (!pending) {
        return Promise.resolve({ status: Status.IGNORED });
      }
      const show = showOptions || {};
      const referrer = show.referrerInfo || {};
      let queryId;
      if (Number(show.scene) === SCENE_BACK_FROM_MINI_PROGRAM) {
        if (referrer.appId === PAY_SCORE_APP_ID) {
          queryId = referrer.extraData && referrer.extraData.query_id ? String(referrer.extraData.query_id) : undefined;
        } else {
          logger.warn('[payscore] scene 1038 from appId ' + referrer.appId + ', expected ' + PAY_SCORE_APP_ID +
            '; checking pending order ' + pending + ' by out_order_no');
        }
      }
      return checkOrder({ outOrderNo: pending, queryId: queryId });
    }

    return {
      checkSupport: checkSupport,
      openPayScoreConfirm: openPayScoreConfirm,
      handleShow: handleShow,
      checkOrder: checkOrder,
      getPendingOrder: getPendingOrder,
      clearPendingOrder: clearPendingOrder
    };
  }

  /**
   * @typedef {Object} OrderWatcher
   * @property {(outOrderNo: string, latest?: CheckResult) => void} watch follow this order (replacing any other): check
   *   it now, or, given the result of a check just made, schedule the next one
   * @property {() => void} stop
   * @property {() => void} pause the page is hidden: no checks until {@link OrderWatcher#resume}
   * @property {() => void} resume the page is shown again: check at once
   * @property {() => string} watching the order followed, or ''
   */

  /**
   * Keeps an order's status current after the return leg without user action: checks it again through
   * `payscore.checkOrder` with back-off (first after `firstDelayMs`, then ×1.5 up to `maxDelayMs`; back to the first
   * delay whenever the status changes) until the order is paid or closed (terminal) or unknown (404). Call
   * `pause` when the page is hidden and `resume` when it is shown.
   * @param {object} options
   * @param {PayScore} options.payscore
   * @param {(result: CheckResult) => void} options.onResult receives every check result
   * @param {(callback: () => void, ms: number) => *} [options.setTimeout] default: the global one
   * @param {(handle: *) => void} [options.clearTimeout] default: the global one
   * @param {number} [options.firstDelayMs] default 1000
   * @param {number} [options.maxDelayMs] default 15000
   * @returns {OrderWatcher}
   */
  function createOrderWatcher(options) {
    if (!options || !options.payscore || typeof options.onResult !== 'function') {
      throw new TypeError('createOrderWatcher: options.payscore and options.onResult are required');
    }
    const payscore = options.payscore;
    const onResult = options.onResult;
    const schedule = options.setTimeout || function (callback, ms) { return setTimeout(callback, ms); };
    const cancel = options.clearTimeout || function (handle) { clearTimeout(handle); };
    const firstDelay = options.firstDelayMs || 1000;
    const maxDelay = options.maxDelayMs || 15000;
    let outOrderNo = '';
    let timer = null;
    let delay = firstDelay;
    let lastStatus = '';
    let paused = false;
    /** Bumped by watch/stop so that the answer of an abandoned check is dropped. */
    let generation = 0;

    function clearTimer() {
      if (timer !== null) {
        cancel(timer);
        timer = null;
      }
    }

    /** @param {CheckResult} result */
    function isFinal(result) {
      if (result.status === Status.PAID || (result.order && result.order.terminal)) {
        return true;
      }
      return result.status === Status.ERROR && !!result.error && result.error.status === 404;
    }

    function check() {
      timer = null;
      const current = generation;
      payscore.checkOrder({ outOrderNo: outOrderNo }).then(function (result) {
        if (current !== generation) {
          return;
        }
        next(result);
        onResult(result);
      });
    }

    /** @param {CheckResult} result */
    function next(result) {
      clearTimer();
      if (isFinal(result)) {
        stop();
        return;
      }
      delay = result.status === lastStatus ? Math.min(Math.round(delay * 1.5), maxDelay) : firstDelay;
      lastStatus = result.status;
      if (!paused) {
        timer = schedule(check, delay);
      }
    }

    function stop() {
      clearTimer();
      generation += 1;
      outOrderNo = '';
      lastStatus = '';
      delay = firstDelay;
    }

    return {
      watch: function (orderNo, latest) {
        stop();
        outOrderNo = orderNo;
        if (latest && latest.status !== Status.IGNORED) {
          next(latest);
        } else if (!paused) {
          check();
        }
      },
      stop: stop,
      pause: function () {
        paused = true;
        clearTimer();
      },
      resume: function () {
        paused = false;
        if (outOrderNo && timer === null) {
          generation += 1;
          check();
        }
      },
      watching: function () {
        return outOrderNo;
      }
    };
  }

  return {
    createPayScore: createPayScore,
    createOrderWatcher: createOrderWatcher,
    createApiClient: createApiClient,
    loginWithWx: loginWithWx,
    deviceIdFromLaunch: deviceIdFromLaunch,
    deviceIdFromScene: deviceIdFromScene,
    deviceIdFromLink: deviceIdFromLink,
    deviceIdFromScan: deviceIdFromScan,
    scanDevice: scanDevice,
    DEVICE_ID_PATTERN: DEVICE_ID_PATTERN,
    compareVersions: compareVersions,
    classifyOrder: classifyOrder,
    PayScoreError: PayScoreError,
    ErrorCode: ErrorCode,
    Status: Status,
    PAY_SCORE_APP_ID: PAY_SCORE_APP_ID,
    MIN_SDK_VERSION: MIN_SDK_VERSION
  };
});
