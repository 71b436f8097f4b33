'use strict';
/** createOrderWatcher: follows an order with back-off until paid, closed or unknown; pauses while hidden. */
const test = require('node:test');
const assert = require('node:assert/strict');
const { createOrderWatcher, Status } = require('../payscore/payscore.js');

/** Timers that run only when the test fires them. */
function manualTimers() {
  const pending = new Map();
  const delays = [];
  let next = 1;
  return {
    delays,
    setTimeout(callback, ms) { delays.push(ms); pending.set(next, callback); return next++; },
    clearTimeout(handle) { pending.delete(handle); },
    count: () => pending.size,
    fire() { const due = Array.from(pending.values()); pending.clear(); due.forEach((callback) => callback()); }
  };
}

/** A payscore whose checkOrder answers the queued results in turn (the last one again when the queue is empty). */
function scriptedPayScore(results) {
  const asked = [];
  return {
    asked,
    checkOrder(target) {
      asked.push(target.outOrderNo);
      return Promise.resolve(results.length > 1 ? results.shift() : results[0]);
    }
  };
}

const flush = () => new Promise((resolve) => setImmediate(resolve));
const confirmed = { status: Status.CONFIRMED, order: { state: 'DOING', terminal: false }, outOrderNo: 'ORD-1' };
const paid = { status: Status.PAID, order: { state: 'DONE', terminal: true }, outOrderNo: 'ORD-1' };

test('checks again with growing delays while nothing changes, from the first delay again after a change, and stops when paid', async () => {
  const timers = manualTimers();
  const pending = { status: Status.PENDING, order: { state: 'DOING', terminal: false }, outOrderNo: 'ORD-1' };
  const payscore = scriptedPayScore([confirmed, confirmed, pending, paid]);
  const seen = [];
  const watcher = createOrderWatcher({ payscore, onResult: (r) => seen.push(r.status), setTimeout: timers.setTimeout, clearTimeout: timers.clearTimeout, maxDelayMs: 2000 });

  watcher.watch('ORD-1', confirmed);
  assert.equal(watcher.watching(), 'ORD-1');
  for (let i = 0; i < 3; i++) {
    timers.fire();
    await flush();
  }
  assert.deepEqual(seen, [Status.CONFIRMED, Status.CONFIRMED, Status.PENDING]);
  assert.deepEqual(timers.delays, [1000, 1500, 2000, 1000]);
  timers.fire();
  await flush();
  assert.deepEqual(seen.slice(-1), [Status.PAID]);
  assert.equal(timers.count(), 0);
  assert.equal(watcher.watching(), '');
  assert.deepEqual(payscore.asked, ['ORD-1', 'ORD-1', 'ORD-1', 'ORD-1']);
});

test('a closed order (terminal) or an unknown one (404) ends the watch', async () => {
  for (const last of [
    { status: Status.NOT_CONFIRMED, order: { state: 'REVOKED', terminal: true }, outOrderNo: 'ORD-1' },
    { status: Status.ERROR, error: { status: 404 }, outOrderNo: 'ORD-1' }
  ]) {
    const timers = manualTimers();
    const watcher = createOrderWatcher({ payscore: scriptedPayScore([last]), onResult() {}, setTimeout: timers.setTimeout, clearTimeout: timers.clearTimeout });
    watcher.watch('ORD-1');
    await flush();
    assert.equal(timers.count(), 0);
    assert.equal(watcher.watching(), '');
  }
});

test('a failed check (not 404) is tried again; a hidden page is not polled and is checked at once when shown', async () => {
  const timers = manualTimers();
  const failed = { status: Status.ERROR, error: { status: 502 }, outOrderNo: 'ORD-1' };
  const payscore = scriptedPayScore([failed, confirmed]);
  const watcher = createOrderWatcher({ payscore, onResult() {}, setTimeout: timers.setTimeout, clearTimeout: timers.clearTimeout });
  watcher.watch('ORD-1');
  await flush();
  assert.equal(timers.count(), 1);

  watcher.pause();
  assert.equal(timers.count(), 0);
  assert.equal(payscore.asked.length, 1);
  watcher.resume();
  await flush();
  assert.equal(payscore.asked.length, 2);
  assert.equal(timers.count(), 1);
  watcher.stop();
  assert.equal(timers.count(), 0);
});
