/**
 * Demo page: pick a plan, open the Pay Score confirm page, show what the merchant server says about the order —
 * and keep it current after the return leg without user action (payscore.js createOrderWatcher: checks with
 * back-off until paid or closed, paused while the page is hidden).
 */
const { createOrderWatcher, Status } = require('../../payscore/payscore.js');
const text = require('../../payscore/order-text.js');

const app = getApp();

/** @param {*} error PayScoreError or anything thrown */
function describe(error) {
  return error && error.message ? error.message : String(error);
}

Page({
  data: {
    /** @type {Array<{id: string, serviceIntroduction: string}>} */
    plans: [],
    planIndex: 0,
    planTerms: '',
    busy: false,
    outOrderNo: '',
    /** A payscore.js Status ('' before the first check). */
    status: '',
    statusText: '',
    details: '',
    watching: false,
    message: ''
  },

  /** Unsubscribes from the app's check results (set in onLoad). */
  unsubscribe: null,
  /** Follows the order after the return leg (set in onLoad). */
  watcher: null,
  /** The plan the order was created with, for its fee rules. */
  orderPlan: null,

  onLoad() {
    this.watcher = createOrderWatcher({ payscore: app.payscore, onResult: (result) => this.showResult(result) });
    this.unsubscribe = app.onResult((result) => {
      this.showResult(result);
      this.watcher.watch(result.outOrderNo, result);
      this.setData({ watching: !!this.watcher.watching() });
    });
    if (app.lastResult) {
      this.showResult(app.lastResult);
    }
    app.api.listPlans().then(
      (plans) => this.setData({ plans: plans, planTerms: text.planTerms(plans[this.data.planIndex]) }),
      (error) => this.setData({ message: describe(error) }));
  },

  onShow() {
    this.watcher.resume();
  },

  onHide() {
    this.watcher.pause();
  },

  onUnload() {
    this.watcher.stop();
    this.unsubscribe();
  },

  onPlanChange(event) {
    const planIndex = Number(event.detail.value);
    this.setData({ planIndex: planIndex, planTerms: text.planTerms(this.data.plans[planIndex]) });
  },

  onUsePayScore() {
    const support = app.payscore.checkSupport();
    if (!support.ok) {
      wx.showModal({ title: '提示', content: support.message, showCancel: false });
      return;
    }
    const plan = this.data.plans[this.data.planIndex];
    this.orderPlan = plan;
    this.watcher.stop();
    this.setData({ busy: true, message: '', details: '', status: '', watching: false });
    app.ensureSession()
      .then(() => app.api.createOrder(plan.id))
      .then((launchParameters) => {
        this.setData({ outOrderNo: launchParameters.outOrderNo, statusText: '等待确认 · waiting for Pay Score' });
        return app.payscore.openPayScoreConfirm(launchParameters);
      })
      .catch((error) => this.setData({ status: Status.ERROR, statusText: text.statusText({ status: Status.ERROR }), message: describe(error) }))
      .then(() => this.setData({ busy: false }));
  },

  onRefresh() {
    const outOrderNo = this.data.outOrderNo;
    app.ensureSession()
      .then(() => app.payscore.checkOrder({ outOrderNo: outOrderNo }))
      .then((result) => {
        this.showResult(result);
        this.watcher.watch(outOrderNo, result);
        this.setData({ watching: !!this.watcher.watching() });
      }, (error) => this.setData({ status: Status.ERROR, statusText: text.statusText({ status: Status.ERROR }), message: describe(error) }));
  },

  /** @param {{status: string, order?: Object, outOrderNo?: string, error?: Object}} result */
  showResult(result) {
    if (result.status === Status.IGNORED) {
      return;
    }
    const order = result.order;
    this.setData({
      outOrderNo: result.outOrderNo || this.data.outOrderNo,
      status: result.status,
      statusText: text.statusText(result),
      message: result.error ? describe(result.error) : '',
      details: order ? text.detailsText(order, this.orderPlan || this.data.plans[this.data.planIndex]) : '',
      watching: !!(this.watcher && this.watcher.watching())
    });
  }
});
