/**
 * Demo page: start from a device (a scanned 小程序码 or QR link opens this page with it; the "scan" button scans one in
 * the app), show its sub-merchant, location and plans, open the Pay Score confirm page for an order at that device,
 * and show what the merchant server says about the order — kept current after the return leg without user action
 * (payscore.js createOrderWatcher: checks with back-off until paid or closed, paused while the page is hidden).
 *
 * A scan while the app is already open in the background is a hot start with a path: WeChat clears the page stack and
 * opens this page again (like wx.reLaunch), so onLoad receives that code's query too.
 */
const { createOrderWatcher, deviceIdFromLaunch, scanDevice, ErrorCode, Status } = require('../../payscore/payscore.js');
const text = require('../../payscore/order-text.js');

const app = getApp();

/** @param {*} error PayScoreError or anything thrown */
function describe(error) {
  return error && error.message ? error.message : String(error);
}

/**
 * What to say when a device cannot be used (GET /api/devices/{deviceId} failed).
 * @param {string} deviceId
 * @param {*} error PayScoreError
 */
function deviceProblem(deviceId, error) {
  if (error && error.status === 404) {
    return '未知设备 ' + deviceId + ' · unknown device: ' + describe(error);
  }
  if (error && error.status === 409) {
    return '设备暂停服务 ' + deviceId + ' · device out of service: ' + describe(error);
  }
  return '设备信息加载失败 · could not load the device: ' + describe(error);
}

/**
 * Did the launch carry a code (小程序码 scene or QR link) at all? Then a code that names no device is worth saying so.
 * @param {Object} [options] page onLoad options (the query)
 */
function launchedFromCode(options) {
  return !!options && ((typeof options.scene === 'string' && options.scene !== '') || (typeof options.q === 'string' && options.q !== ''));
}

Page({
  data: {
    /** The device the order is for ('' = none): from the launch options or a scan. */
    deviceId: '',
    /** @type {{deviceId: string, subMerchant: string, subMerchantName: string, location: string}|null} the device's details */
    device: null,
    scanning: false,
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

  /** @param {Object<string, string>} [options] the page query: `scene` of a 小程序码, `q` of a QR link, or `deviceId` */
  onLoad(options) {
    this.watcher = createOrderWatcher({ payscore: app.payscore, onResult: (result) => this.showResult(result) });
    this.unsubscribe = app.onResult((result) => {
      this.showResult(result);
      this.watcher.watch(result.outOrderNo, result);
      this.setData({ watching: !!this.watcher.watching() });
    });
    if (app.lastResult) {
      this.showResult(app.lastResult);
    }
    const deviceId = deviceIdFromLaunch(options);
    if (deviceId) {
      this.chooseDevice(deviceId);
      return;
    }
    if (launchedFromCode(options)) {
      this.setData({ message: '这不是设备二维码 · this code names no device' });
    }
    app.api.listPlans().then(
      (plans) => this.setData({ plans: plans, planIndex: 0, planTerms: text.planTerms(plans[0]) }),
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

  /**
   * Shows a device (GET /api/devices/{deviceId}): its sub-merchant, location and plans. An unknown or disabled device
   * leaves no device and no plans, so no order can be created for it.
   * @param {string} deviceId
   * @returns {Promise<void>}
   */
  chooseDevice(deviceId) {
    this.setData({ deviceId: deviceId, device: null, plans: [], planIndex: 0, planTerms: '', message: '' });
    return app.api.getDevice(deviceId).then(
      (device) => {
        if (this.data.deviceId !== deviceId) {
          return; // another scan came first
        }
        const plans = device.plans || [];
        this.setData({
          device: { deviceId: device.deviceId, subMerchant: device.subMerchant, subMerchantName: device.subMerchantName, location: device.location },
          plans: plans,
          planIndex: 0,
          planTerms: text.planTerms(plans[0])
        });
      },
      (error) => {
        if (this.data.deviceId === deviceId) {
          this.setData({ deviceId: '', message: deviceProblem(deviceId, error) });
        }
      });
  },

  /** The "scan" button: wx.scanCode, then the scanned device. A cancelled scan keeps the current device. */
  onScan() {
    this.setData({ scanning: true, message: '' });
    return scanDevice(wx).then(
      (deviceId) => {
        this.setData({ scanning: false });
        return this.chooseDevice(deviceId);
      },
      (error) => {
        let message = describe(error);
        if (error && error.code === ErrorCode.NOT_A_DEVICE) {
          message = '这不是设备二维码 · this code names no device';
        } else if (error && error.code === ErrorCode.SCAN_FAILED && /cancel/.test(error.errMsg || '')) {
          message = '已取消扫码 · scan cancelled';
        } else if (error && error.code === ErrorCode.SCAN_FAILED) {
          message = '扫码失败 · scan failed: ' + describe(error);
        }
        this.setData({ scanning: false, message: message });
      });
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
    const deviceId = this.data.deviceId;
    this.orderPlan = plan;
    this.watcher.stop();
    this.setData({ busy: true, message: '', details: '', status: '', watching: false });
    app.ensureSession()
      .then(() => app.api.createOrder(plan.id, { deviceId: deviceId }))
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
