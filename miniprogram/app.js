/**
 * Demo app: wires the Pay Score module to the merchant server and checks the pending order on every show.
 * App.onShow also runs right after App.onLaunch at a cold start (including a return from Pay Score after the
 * app was killed), so this one hook covers both cases.
 * Device codes need nothing here: a scanned 小程序码 or QR link opens pages/index with the code in its query, also when
 * the app is already open in the background (a hot start with a path clears the page stack and opens that page, like
 * wx.reLaunch), so the page's onLoad reads the device (deviceIdFromLaunch).
 */
const { createApiClient, createPayScore, loginWithWx } = require('./payscore/payscore.js');
const config = require('./config.js');

const api = createApiClient({
  baseUrl: config.serverUrl,
  request: (options) => wx.request(options),
  storage: wx
});
const payscore = createPayScore({ wx: wx, api: api });

App({
  api: api,
  payscore: payscore,
  /** Last check result other than IGNORED, for a page that subscribes late. */
  lastResult: null,
  resultListeners: [],

  onShow(options) {
    if (!payscore.getPendingOrder()) {
      return;
    }
    this.ensureSession()
      .then(() => payscore.handleShow(options))
      .then((result) => this.publishResult(result),
        (error) => this.publishResult({ status: 'ERROR', error: error, outOrderNo: payscore.getPendingOrder() }));
  },

  /** Logs in with wx.login unless a valid merchant-server session is stored. */
  ensureSession() {
    return api.hasSession() ? Promise.resolve() : loginWithWx(wx, api);
  },

  /**
   * @param {(result: Object) => void} listener receives check results
   * @returns {() => void} unsubscribes
   */
  onResult(listener) {
    this.resultListeners.push(listener);
    return () => {
      this.resultListeners = this.resultListeners.filter((other) => other !== listener);
    };
  },

  publishResult(result) {
    if (result.status === 'IGNORED') {
      return;
    }
    this.lastResult = result;
    this.resultListeners.forEach((listener) => listener(result));
  }
});
