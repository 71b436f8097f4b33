/** Demo page: pick a plan, open the Pay Score confirm page, show what the merchant server says about the order. */
const app = getApp();

const STATUS_TEXT = {
  CONFIRMED: '已确认 · confirmed',
  NOT_CONFIRMED: '未确认 · not confirmed',
  PENDING: '扣款中 · pending',
  PAID: '已支付 · paid',
  ERROR: '出错 · error'
};

/** @param {number} fen amount in fen */
function yuan(fen) {
  return '¥' + ((fen || 0) / 100).toFixed(2);
}

/** @param {*} error PayScoreError or anything thrown */
function describe(error) {
  return error && error.message ? error.message : String(error);
}

Page({
  data: {
    plans: [],
    planIndex: 0,
    busy: false,
    outOrderNo: '',
    statusText: '',
    order: null,
    message: ''
  },

  onLoad() {
    this.unsubscribe = app.onResult((result) => this.showResult(result));
    if (app.lastResult) {
      this.showResult(app.lastResult);
    }
    app.api.listPlans().then(
      (plans) => this.setData({ plans: plans }),
      (error) => this.setData({ message: describe(error) }));
  },

  onUnload() {
    this.unsubscribe();
  },

  onPlanChange(event) {
    this.setData({ planIndex: Number(event.detail.value) });
  },

  onUsePayScore() {
    const support = app.payscore.checkSupport();
    if (!support.ok) {
      wx.showModal({ title: '提示', content: support.message, showCancel: false });
      return;
    }
    const plan = this.data.plans[this.data.planIndex];
    this.setData({ busy: true, message: '', order: null });
    app.ensureSession()
      .then(() => app.api.createOrder(plan.id))
      .then((launchParameters) => {
        this.setData({ outOrderNo: launchParameters.outOrderNo, statusText: '等待确认 · waiting for Pay Score' });
        return app.payscore.openPayScoreConfirm(launchParameters);
      })
      .catch((error) => this.setData({ statusText: STATUS_TEXT.ERROR, message: describe(error) }))
      .then(() => this.setData({ busy: false }));
  },

  onRefresh() {
    app.ensureSession()
      .then(() => app.payscore.checkOrder({ outOrderNo: this.data.outOrderNo }))
      .then((result) => this.showResult(result),
        (error) => this.setData({ statusText: STATUS_TEXT.ERROR, message: describe(error) }));
  },

  /** @param {{status: string, order?: Object, outOrderNo?: string, error?: Object}} result */
  showResult(result) {
    const order = result.order;
    this.setData({
      outOrderNo: result.outOrderNo || this.data.outOrderNo,
      statusText: STATUS_TEXT[result.status],
      message: result.error ? describe(result.error) : '',
      order: order ? {
        state: [order.state, order.stateDescription].filter(Boolean).join(' / '),
        collectionState: order.collectionState || '—',
        totalAmount: yuan(order.totalAmount),
        paidAmount: yuan(order.paidAmount)
      } : null
    });
  }
});
