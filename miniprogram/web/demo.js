/**
 * Browser demo of the Pay Score flow against the merchant server's sandbox: log in as a simulated user,
 * create an order, open the sandbox confirm page, and on the way back check the order like App.onShow would.
 * Classic script; needs payscore.js (window.WxPayScore) and wx-browser.js (window.WxBrowser) loaded first.
 */
(function () {
  'use strict';

  /** localStorage (via the browser wx) key of the last order created on this page, for the refresh button. */
  const LAST_ORDER_KEY = 'demo.lastOutOrderNo';
  const DEFAULT_USER = 'alice';
  /** #status texts: each contains exactly one of the words automation looks for. */
  const STATUS_TEXT = {
    CONFIRMED: 'confirmed · 已确认',
    NOT_CONFIRMED: 'not confirmed · 未确认',
    PENDING: 'pending · 扣款中',
    PAID: 'paid · 已支付',
    ERROR: 'error · 出错'
  };

  function byId(id) {
    return document.getElementById(id);
  }

  const wx = WxBrowser.createBrowserWx({ getUser: () => byId('user').value.trim() });
  const api = WxPayScore.createApiClient({ baseUrl: '', request: wx.request, storage: wx });
  const payscore = WxPayScore.createPayScore({ wx: wx, api: api });

  function describe(error) {
    return error && error.message ? error.message : String(error);
  }

  function yuan(fen) {
    return '¥' + ((fen || 0) / 100).toFixed(2);
  }

  function showProgress(text) {
    byId('status').textContent = text;
    byId('message').textContent = '';
  }

  function showError(error) {
    byId('status').textContent = STATUS_TEXT.ERROR;
    byId('message').textContent = describe(error);
  }

  function showSession() {
    byId('session').textContent = api.hasSession() ? 'logged in as ' + wx.getSimulatedUser() : 'not logged in';
  }

  function showOrderNo(outOrderNo) {
    byId('out-order-no').textContent = outOrderNo || '';
  }

  /** @param {{status: string, order?: Object, outOrderNo?: string, error?: Object}} result */
  function showResult(result) {
    if (result.status === WxPayScore.Status.IGNORED) {
      return;
    }
    showOrderNo(result.outOrderNo);
    byId('status').textContent = STATUS_TEXT[result.status];
    byId('message').textContent = result.error ? describe(result.error) : '';
    const order = result.order;
    byId('order-details').textContent = order
      ? 'state ' + [order.state, order.stateDescription].filter(Boolean).join(' / ') +
        ' · collection ' + (order.collectionState || '—') +
        ' · total ' + yuan(order.totalAmount) + ' · paid ' + yuan(order.paidAmount)
      : '';
  }

  async function login() {
    await WxPayScore.loginWithWx(wx, api);
    showSession();
  }

  async function loadPlans() {
    const plans = await api.listPlans();
    const select = byId('plan');
    plans.forEach((plan) => {
      const option = document.createElement('option');
      option.value = plan.id;
      option.textContent = plan.serviceIntroduction +
        (plan.riskFund ? ' — ' + plan.riskFund.name + ' ' + yuan(plan.riskFund.amount) : '');
      select.appendChild(option);
    });
    select.disabled = false;
    byId('use-payscore').disabled = plans.length === 0;
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
      if (!api.hasSession()) {
        await login();
      }
      showProgress('creating order… / 正在创建订单');
      const launchParameters = await api.createOrder(byId('plan').value);
      wx.setStorageSync(LAST_ORDER_KEY, launchParameters.outOrderNo);
      showOrderNo(launchParameters.outOrderNo);
      byId('order-details').textContent = '';
      showProgress('opening the sandbox confirm page… / 正在打开确认页');
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
      byId('message').textContent = 'no order yet / 还没有订单';
      return;
    }
    showProgress('checking… / 查询中');
    showResult(await payscore.checkOrder({ outOrderNo: outOrderNo }));
  }

  /** Like App.onShow: check the pending order, using the sandbox's return parameters when there are any. */
  async function checkOnLoad() {
    const returnOptions = WxBrowser.readReturnOptions(location);
    if (!payscore.getPendingOrder()) {
      return;
    }
    if (!api.hasSession()) {
      await login();
    }
    showProgress('checking… / 查询中');
    showResult(await payscore.handleShow(returnOptions));
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
  showSession();
  showOrderNo(wx.getStorageSync(LAST_ORDER_KEY));
  run(loadPlans)();
  run(checkOnLoad)();
})();
