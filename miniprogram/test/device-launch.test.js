'use strict';
const test = require('node:test');
const assert = require('node:assert/strict');
const {
  createApiClient, loginWithWx, deviceIdFromLaunch, deviceIdFromScene, deviceIdFromLink, deviceIdFromScan, scanDevice
} = require('../payscore/payscore.js');
const { createFakeWx, createFakeServer } = require('./fake-wx.js');

// How WeChat delivers a 小程序码 (wxacode.getUnlimited) scene: URL-encoded in options.query.scene.
test('a 小程序码 scene names the device: the id itself or d= / deviceId= pairs, URL-encoded', () => {
  assert.equal(deviceIdFromLaunch({ path: 'pages/index/index', query: { scene: 'PB-A-001' }, scene: 1047 }), 'PB-A-001');
  assert.equal(deviceIdFromLaunch({ query: { scene: encodeURIComponent('d=UM-L2-01') } }), 'UM-L2-01');
  assert.equal(deviceIdFromLaunch({ query: { scene: encodeURIComponent('src=poster&deviceId=PB_9') } }), 'PB_9');
  assert.equal(deviceIdFromScene('d%3DPB-B-002%26v%3D2'), 'PB-B-002');
  // Page onLoad receives the query itself.
  assert.equal(deviceIdFromLaunch({ scene: encodeURIComponent('d=PB-C-003') }), 'PB-C-003');
});

test('a scene that names no valid device gives ""', () => {
  assert.equal(deviceIdFromLaunch({ query: { scene: encodeURIComponent('a=b') } }), '');
  assert.equal(deviceIdFromLaunch({ query: { scene: encodeURIComponent('bad id!') } }), '');
  assert.equal(deviceIdFromLaunch({ query: { scene: 'X'.repeat(51) } }), '');
  assert.equal(deviceIdFromScene('%E0%A4%A'), '');
  assert.equal(deviceIdFromLaunch({ query: {} }), '');
  assert.equal(deviceIdFromLaunch(undefined), '');
});

// How WeChat delivers an ordinary QR code link (扫普通链接二维码打开小程序): the URL, encoded, in options.query.q.
test('a device QR link https://your.domain/d/{deviceId} in options.query.q names the device', () => {
  const q = encodeURIComponent('https://rent.example.com/d/UM-L2-02');
  assert.equal(deviceIdFromLaunch({ query: { q: q, scancode_time: '1700000000' }, scene: 1011 }), 'UM-L2-02');
  assert.equal(deviceIdFromLaunch({ query: { q: encodeURIComponent('https://rent.example.com/d/PB-A-001/?from=qr#x') } }), 'PB-A-001');
  assert.equal(deviceIdFromLaunch({ query: { q: encodeURIComponent('http://rent.example.com/app/d/PB-A-001') } }), 'PB-A-001');
  assert.equal(deviceIdFromLaunch({ query: { q: encodeURIComponent('https://rent.example.com/scan?d=PB-B-002') } }), 'PB-B-002');
  assert.equal(deviceIdFromLink('https%3A%2F%2Frent.example.com%2Fd%2FPB-C-003'), 'PB-C-003');
});

test('links that are not device links give ""', () => {
  assert.equal(deviceIdFromLink('https://rent.example.com/'), '');
  assert.equal(deviceIdFromLink('https://rent.example.com/d/'), '');
  assert.equal(deviceIdFromLink('https://rent.example.com/d/PB-A-001/extra'), '');
  assert.equal(deviceIdFromLink('https://rent.example.com/d/has%20space'), '');
  assert.equal(deviceIdFromLink('ftp://rent.example.com/d/PB-A-001'), '');
  assert.equal(deviceIdFromLink('PB-A-001'), '');
  assert.equal(deviceIdFromLaunch({ query: { q: encodeURIComponent('https://other.example.com/promo') } }), '');
});

test('a plain deviceId query (navigateTo) is read too; scene wins over q', () => {
  assert.equal(deviceIdFromLaunch({ query: { deviceId: 'PB-A-001' } }), 'PB-A-001');
  assert.equal(deviceIdFromLaunch({ query: { deviceId: 'no good' } }), '');
  assert.equal(deviceIdFromLaunch({ query: { scene: 'PB-A-001', q: encodeURIComponent('https://x.example/d/PB-B-002') } }), 'PB-A-001');
});

test('wx.scanCode results: a 小程序码 path with scene=, or a device link', () => {
  assert.equal(deviceIdFromScan({ scanType: 'WX_CODE', path: 'pages/index/index?scene=d%3DPB-A-001', result: '' }), 'PB-A-001');
  assert.equal(deviceIdFromScan({ scanType: 'QR_CODE', result: 'https://rent.example.com/d/UM-L2-01\n' }), 'UM-L2-01');
  assert.equal(deviceIdFromScan({ scanType: 'QR_CODE', result: 'hello' }), '');
  assert.equal(deviceIdFromScan(undefined), '');
});

test('scanDevice resolves the scanned device id and rejects a foreign code or a cancelled scan', async () => {
  const scanning = (outcome) => ({
    scanCode: (options) => {
      assert.equal(options.onlyFromCamera, true);
      if (outcome.fail) {
        options.fail({ errMsg: outcome.fail });
      } else {
        options.success(outcome);
      }
    }
  });
  assert.equal(await scanDevice(/** @type {any} */ (scanning({ result: 'https://rent.example.com/d/PB-C-003' }))), 'PB-C-003');
  await assert.rejects(scanDevice(/** @type {any} */ (scanning({ result: 'https://evil.example/' }))), { code: 'NOT_A_DEVICE' });
  await assert.rejects(scanDevice(/** @type {any} */ (scanning({ fail: 'scanCode:fail cancel' }))), { code: 'SCAN_FAILED', errMsg: 'scanCode:fail cancel' });
});

test('login sends the mini program\'s own AppID; orders name the device; getDevice reads it', async () => {
  const server = createFakeServer();
  const wx = createFakeWx({ request: server.request, loginCode: 'code-7' });
  wx.getAccountInfoSync = () => ({ miniProgram: { appId: 'wxb0b1b2b3b4b5b6b7', envVersion: 'release', version: '1.0.0' } });
  const api = createApiClient({ baseUrl: 'https://merchant.example', request: server.request, storage: wx });
  server.on('POST', '/api/session', { status: 200, body: { token: 't', expiresAt: '2999-01-01T00:00:00Z', appId: 'wxb0b1b2b3b4b5b6b7' } });
  server.on('GET', '/api/devices/UM-L2-01', { status: 200, body: { deviceId: 'UM-L2-01', subMerchant: 'metro', subMerchantName: '地铁共享雨伞', location: '人民广场站B口', plans: [] } });
  server.on('POST', '/api/orders', { status: 201, body: { outOrderNo: 'PS1' } });

  await loginWithWx(wx, api);
  assert.deepEqual(server.requests[0].body, { code: 'code-7', appId: 'wxb0b1b2b3b4b5b6b7' });
  const device = await api.getDevice('UM-L2-01');
  assert.equal(device.location, '人民广场站B口');
  await api.createOrder('umbrella-daily', { deviceId: 'UM-L2-01' });
  assert.deepEqual(server.requests[2].body, { planId: 'umbrella-daily', deviceId: 'UM-L2-01' });
  await api.createOrder('powerbank-hourly');
  assert.deepEqual(server.requests[3].body, { planId: 'powerbank-hourly' });
});
