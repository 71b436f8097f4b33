/**
 * Browser demo of the Pay Score flow against the merchant server's sandbox (the browser twin of the demo mini
 * program): pick a device (or open the page from a device link, `/?scene={deviceId}` like a 小程序码 or
 * `/?q={encoded https://…/d/{deviceId}}` like a QR link), log in as a simulated user of the mini program that serves
 * it, create an order at that device, open the sandbox confirm page, and on the way back check
 * the order like App.onShow would — then keep its status current by itself (payscore.js createOrderWatcher: checks
 * with back-off until paid or closed, paused while the tab is hidden).
 * Classic script; needs payscore.js (window.WxPayScore), order-text.js (window.WxPayScoreText) and wx-browser.js
 * (window.WxBrowser) loaded first.
 *
 * Element ids (kept stable for tests and docs): user, login, session, device (value = device id, '' = none),
 * device-info (data-sub-merchant = the device's sub-merchant key), plan, plan-terms, use-payscore, out-order-no,
 * status (with data-status = a WxPayScore.Status and data-state = WeChat's state), order-details, refresh,
 * auto-refresh, message.
 */
(function () {
  'use strict';

  /** localStorage (via the browser wx) keys of the last order created on this page and of its plan. */
  const LAST_ORDER_KEY = 'demo.lastOutOrderNo';
  const LAST_PLAN_KEY = 'demo.lastPlanId';
  /** The AppID the stored session was made for (sessions are per mini program). */
  const SESSION_APP_KEY = 'demo.sessionAppId';
  const LAST_DEVICE_KEY = 'demo.lastDeviceId';
  const DEFAULT_USER = 'alice';
  const Status = WxPayScore.Status;

  function byId(id) {
    return document.getElementById(id);
  }

  /** The embedded devices (GET /api/demo/config), the provider's AppID, and the mini program the page plays now. */
  let devices = [];
  let providerAppId = '';
  let currentAppId = '';
  const wx = WxBrowser.createBrowserWx({ getUser: () => byId('user').value.trim(), getAppId: () => currentAppId });
  const api = WxPayScore.createApiClient({ baseUrl: '', request: wx.request, storage: wx });
  const payscore = WxPayScore.createPayScore({ wx: wx, api: api });
  const watcher = WxPayScore.createOrderWatcher({ payscore: payscore, onResult: showResult });
  /** Plans of GET /api/plans, for the fee rules of the order's plan. */
  let plans = [];
  /** Last result shown, re-rendered once the plans are there. */
  let lastResult = null;

  function describe(error) {
    return error && error.message ? error.message : String(error);
  }

  const yuan = WxPayScoreText.yuan;

  function findPlan(id) {
    return plans.filter((plan) => plan.id === id)[0];
  }

  function setStatus(status, text, state) {
    const element = byId('status');
    element.textContent = text;
    element.setAttribute('data-status', status);
    element.setAttribute('data-state', state || '');
  }

  /** A progress text: no status yet (data-status ''). */
  function showProgress(text) {
    setStatus('', text, '');
    byId('message').textContent = '';
  }

  function showError(error) {
    setStatus(Status.ERROR, WxPayScoreText.statusText({ status: Status.ERROR }));
    byId('message').textContent = describe(error);
  }

  function showSession() {
    byId('session').textContent = api.hasSession()
      ? '已登录 logged in as ' + wx.getSimulatedUser()
      : '未登录 not logged in';
  }

  function showOrderNo(outOrderNo) {
    byId('out-order-no').textContent = outOrderNo || '';
  }

  function showWatching() {
    byId('auto-refresh').textContent = watcher.watching() ? WxPayScoreText.WATCHING_TEXT : '';
  }

  /** @param {{status: string, order?: Object, outOrderNo?: string, error?: Object}} result */
  function showResult(result) {
    if (result.status === Status.IGNORED) {
      return;
    }
    lastResult = result;
    showOrderNo(result.outOrderNo);
    setStatus(result.status, WxPayScoreText.statusText(result), result.order && result.order.state);
    byId('message').textContent = result.error ? describe(result.error) : '';
    byId('order-details').textContent = result.order
      ? WxPayScoreText.detailsText(result.order, findPlan(wx.getStorageSync(LAST_PLAN_KEY)))
      : '';
    showWatching();
  }

  function follow(outOrderNo, result) {
    watcher.watch(outOrderNo, result);
    showWatching();
  }

  async function login() {
    await WxPayScore.loginWithWx(wx, api);
    wx.setStorageSync(SESSION_APP_KEY, currentAppId);
    showSession();
  }

  /** A session of the mini program that serves the chosen device (log in again after switching mini program). */
  async function ensureSession() {
    if (!api.hasSession() || wx.getStorageSync(SESSION_APP_KEY) !== currentAppId) {
      await login();
    }
  }

  function fillPlans(list) {
    plans = list;
    const select = byId('plan');
    select.options.length = 0;
    plans.forEach((plan) => {
      const option = document.createElement('option');
      option.value = plan.id;
      option.textContent = plan.serviceIntroduction + (plan.riskFund ? ' · 免押 ' + yuan(plan.riskFund.amount) : '');
      select.appendChild(option);
    });
    select.disabled = plans.length === 0;
    byId('use-payscore').disabled = plans.length === 0;
    showPlanTerms();
  }

  /** The chosen device: its sub-merchant, location and plans (GET /api/devices/{id}); none: GET /api/plans. */
  async function chooseDevice() {
    const deviceId = byId('device').value;
    const info = byId('device-info');
    const known = devices.filter((d) => d.deviceId === deviceId)[0];
    currentAppId = known ? known.appId : providerAppId;
    if (!deviceId) {
      info.textContent = '';
      info.setAttribute('data-sub-merchant', '');
      fillPlans(await api.listPlans());
      return;
    }
    const device = await api.getDevice(deviceId);
    info.textContent = device.subMerchantName + ' · ' + device.location;
    info.setAttribute('data-sub-merchant', device.subMerchant);
    fillPlans(device.plans);
  }

  function showPlanTerms() {
    byId('plan-terms').textContent = WxPayScoreText.planTerms(findPlan(byId('plan').value));
  }

  /** The devices of the demo config, and the device of a device link (`?scene=` / `?q=`) chosen. */
  async function loadDevices() {
    const response = await fetch('/api/demo/config');
    const config = response.ok ? JSON.parse(await response.text()) : { devices: [], appId: '' };
    devices = config.devices || [];
    providerAppId = config.appId || '';
    currentAppId = providerAppId;
    const select = byId('device');
    devices.forEach((device) => {
      const option = document.createElement('option');
      option.value = device.deviceId;
      option.textContent = device.deviceId + ' · ' + device.location + ' (' + device.subMerchantName + ')';
      select.appendChild(option);
    });
    const query = {};
    new URL(location.href).searchParams.forEach((value, key) => { query[key] = value; });
    // The sandbox's return leg also carries scene=1038 (the launch scene, not a 小程序码 scene): no device there.
    // Back from the sandbox: the device of the last order again.
    const linked = query.referrer_appid === undefined ? WxPayScore.deviceIdFromLaunch({ query: query }) : wx.getStorageSync(LAST_DEVICE_KEY) || '';
    if (linked) {
      if (!devices.some((d) => d.deviceId === linked)) {
        const option = document.createElement('option');
        option.value = linked;
        option.textContent = linked;
        select.appendChild(option);
      }
    }
    select.value = linked || '';
    select.disabled = false;
    await chooseDevice();
    if (lastResult) {
      showResult(lastResult);
    }
  }

  async function usePayScore() {
    const support = payscore.checkSupport();
    if (!support.ok) {
      showError(support.message);
      return;
    }
    const button = byId('use-payscore');
    button.disabled = true;
    try {
      await ensureSession();
      watcher.stop();
      showWatching();
      showProgress('正在创建订单 · creating the order…');
      const planId = byId('plan').value;
      const deviceId = byId('device').value;
      const launchParameters = await api.createOrder(planId, { deviceId: deviceId });
      wx.setStorageSync(LAST_ORDER_KEY, launchParameters.outOrderNo);
      wx.setStorageSync(LAST_PLAN_KEY, planId);
      wx.setStorageSync(LAST_DEVICE_KEY, deviceId);
      showOrderNo(launchParameters.outOrderNo);
      byId('order-details').textContent = '';
      showProgress('正在打开确认页 · opening the sandbox confirm page…');
      await payscore.openPayScoreConfirm(launchParameters);
    } catch (error) {
      showError(error);
    } finally {
      button.disabled = false;
    }
  }

  async function refresh() {
    const outOrderNo = wx.getStorageSync(LAST_ORDER_KEY);
    if (!outOrderNo) {
      byId('message').textContent = '还没有订单 · no order yet';
      return;
    }
    showProgress('查询中 · checking…');
    const result = await payscore.checkOrder({ outOrderNo: outOrderNo });
    showResult(result);
    follow(outOrderNo, result);
  }

  /**
   * Like App.onShow: check the pending order, using the sandbox's return parameters when there are any, then keep
   * following it; a plain reload follows the last order of this page.
   */
  async function checkOnLoad() {
    const returnOptions = WxBrowser.readReturnOptions(location);
    const pending = payscore.getPendingOrder();
    const last = wx.getStorageSync(LAST_ORDER_KEY);
    if (!pending && !last) {
      return;
    }
    if (!api.hasSession()) {
      await login();
    }
    showProgress('查询中 · checking…');
    if (pending) {
      const result = await payscore.handleShow(returnOptions);
      showResult(result);
      follow(pending, result);
    } else {
      follow(last);
    }
  }

  function run(task) {
    return function () {
      task().catch(showError);
    };
  }

  byId('user').value = wx.getSimulatedUser() || DEFAULT_USER;
  byId('login').addEventListener('click', run(login));
  byId('use-payscore').addEventListener('click', run(usePayScore));
  byId('refresh').addEventListener('click', run(refresh));
  byId('plan').addEventListener('change', showPlanTerms);
  byId('device').addEventListener('change', run(chooseDevice));
  document.addEventListener('visibilitychange', () => {
    if (document.hidden) {
      watcher.pause();
    } else {
      watcher.resume();
    }
  });
  showSession();
  showOrderNo(wx.getStorageSync(LAST_ORDER_KEY));
  // The device list first: the return leg's check logs in as the mini program of the page's device.
  loadDevices().catch(showError).then(() => run(checkOnLoad)());
})();
