/**
 * What the demo pages say about an order — the mini program page and its browser twin share it, Chinese first and
 * English second. Amounts are integer fen. Before the merchant completes the order there is no total: the page
 * shows the plan's risk fund and fee rules instead, never "¥0.00" for an amount nobody knows yet.
 *
 * Classic script (exports `window.WxPayScoreText`) or CommonJS module (mini program, Node). Plain ES2017.
 */
(function (root, factory) {
  'use strict';
  if (typeof module === 'object' && module.exports) {
    module.exports = factory();
  } else {
    root.WxPayScoreText = factory();
  }
})(typeof globalThis !== 'undefined' ? globalThis : this, function () {
  'use strict';

  /**
   * @typedef {Object} OrderFacts  The fields of the server's order view used here
   * @property {string} [state]
   * @property {string} [stateDescription]
   * @property {string} [collectionState]
   * @property {number} [totalAmount]
   * @property {number} [paidAmount]
   * @property {number} [riskFundAmount]
   */

  /**
   * @typedef {Object} PlanFacts  A plan of GET /api/plans
   * @property {string} [serviceIntroduction]
   * @property {{name: string, amount: number, description?: string}} [riskFund]
   * @property {Array<{name: string, description?: string}>} [fees]
   * @property {string} [location]
   */

  /**
   * @param {number} fen
   * @returns {string} e.g. `¥3.00`
   */
  function yuan(fen) {
    return '¥' + (fen / 100).toFixed(2);
  }

  /** @param {*} amount */
  function known(amount) {
    return amount !== null && amount !== undefined;
  }

  /**
   * Whether the order has a total yet: only once the merchant completed it (MCH_COMPLETE, DONE) — before that a 0
   * means "unknown", not a zero charge.
   * @param {OrderFacts} order
   */
  function hasTotal(order) {
    return known(order.totalAmount) &&
      (order.state === 'DONE' || order.stateDescription === 'MCH_COMPLETE' || order.totalAmount > 0);
  }

  /**
   * The plan's risk fund and fee rules, one per line.
   * @param {PlanFacts} [plan]
   * @returns {string}
   */
  function planTerms(plan) {
    if (!plan) {
      return '';
    }
    const lines = [];
    if (plan.riskFund) {
      lines.push('风险金 Risk fund：' + plan.riskFund.name + ' ' + yuan(plan.riskFund.amount) +
        (plan.riskFund.description ? '（' + plan.riskFund.description + '）' : '') + '，免押 waived with Pay Score');
    }
    (plan.fees || []).forEach(function (fee) {
      lines.push('计费 Fee：' + fee.name + (fee.description ? ' ' + fee.description : ''));
    });
    if (plan.location) {
      lines.push('地点 Location：' + plan.location);
    }
    return lines.join('\n');
  }

  /**
   * The status line of a check result (payscore.js `Status`), amounts only when WeChat has them.
   * @param {{status: string, order?: OrderFacts}} result
   * @returns {string}
   */
  function statusText(result) {
    const order = result.order || {};
    switch (result.status) {
      case 'PAID': {
        const paid = known(order.paidAmount) && order.paidAmount > 0 ? order.paidAmount
          : hasTotal(order) ? order.totalAmount : null;
        return known(paid) ? '已支付 ' + yuan(paid) + ' · paid ' + yuan(paid) : '已支付 · paid';
      }
      case 'PENDING':
        return hasTotal(order)
          ? '商户已完结，扣款中 ' + yuan(order.totalAmount) + ' · completed, collecting ' + yuan(order.totalAmount)
          : '商户已完结，扣款中 · completed, collecting';
      case 'CONFIRMED':
        return '已确认，等待商户完结 · confirmed, waiting for the merchant to complete';
      case 'NOT_CONFIRMED':
        if (order.state === 'REVOKED') {
          return '已取消 · cancelled';
        }
        if (order.state === 'EXPIRED') {
          return '已失效 · expired';
        }
        return '未确认 · not confirmed';
      default:
        return '出错 · error';
    }
  }

  /**
   * WeChat's state, then the amounts once a total exists, else the plan's risk fund and fee rules.
   * @param {OrderFacts} order
   * @param {PlanFacts} [plan] the plan the order was created with, when known
   * @returns {string} lines separated by '\n'
   */
  function detailsText(order, plan) {
    const lines = ['微信状态 WeChat state：' +
      [order.state, order.stateDescription, order.collectionState].filter(Boolean).join(' / ')];
    if (hasTotal(order)) {
      lines.push('总额 Total：' + yuan(order.totalAmount) + ' · 已付 Paid：' +
        (known(order.paidAmount) ? yuan(order.paidAmount) : '—'));
    } else {
      lines.push('总额 Total：商户完结时确定 set when the merchant completes');
      const terms = planTerms(plan);
      if (terms) {
        lines.push(terms);
      } else if (known(order.riskFundAmount)) {
        lines.push('风险金 Risk fund：' + yuan(order.riskFundAmount));
      }
    }
    return lines.join('\n');
  }

  return {
    yuan: yuan,
    hasTotal: hasTotal,
    planTerms: planTerms,
    statusText: statusText,
    detailsText: detailsText,
    WATCHING_TEXT: '自动刷新中 · updating by itself'
  };
});
