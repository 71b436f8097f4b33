/**
 * A tiny browser implementation of the `wx` calls payscore.js needs, for the browser demo served by the merchant
 * server (docs/contracts.md, "Browser demo only"). `openBusinessView` goes to the sandbox confirm page, which
 * plays the Pay Score mini program and sends the user back to this page with scene-1038 URL parameters;
 * `readReturnOptions` turns those into the options `App.onShow` would receive in a mini program.
 *
 * Classic script (exports `window.WxBrowser`) or CommonJS module (tests). Plain ES2017.
 */
(function (root, factory) {
  'use strict';
  if (typeof module === 'object' && module.exports) {
    module.exports = factory(root);
  } else {
    root.WxBrowser = factory(root);
  }
})(typeof self !== 'undefined' ? self : this, function (root) {
  'use strict';

  /** URL parameters the sandbox appends to `return_url`. */
  const RETURN_PARAMS = ['scene', 'referrer_appid', 'query_id'];
  /** localStorage key of the simulated user who logged in last (the user the sandbox confirms as). */
  const USER_KEY = 'wxbrowser.user';
  const SDK_VERSION = '3.0.0';

  /**
   * @param {string} href
   * @returns {string} `href` without the sandbox return parameters and without a fragment
   */
  function stripReturnParams(href) {
    const url = new URL(href);
    RETURN_PARAMS.forEach(function (name) {
      url.searchParams.delete(name);
    });
    url.hash = '';
    return url.href;
  }

  /**
   * Reads the sandbox return parameters (`scene=1038&referrer_appid=…[&query_id=…]`) from the page URL as the
   * options of `App.onShow`, and removes them from the address bar so a reload does not replay them.
   * @param {{href: string}} location
   * @param {{state: *, replaceState: Function}} [history] default: the global `history`
   * @returns {{scene?: number, referrerInfo?: {appId: string, extraData?: {query_id: string}}}} `{}` for an
   *   ordinary page load
   */
  function readReturnOptions(location, history) {
    const params = new URL(location.href).searchParams;
    if (!params.has('scene')) {
      return {};
    }
    const referrerInfo = { appId: params.get('referrer_appid') || '' };
    if (params.get('query_id')) {
      referrerInfo.extraData = { query_id: params.get('query_id') };
    }
    const addressBar = history || root.history;
    addressBar.replaceState(addressBar.state, '', stripReturnParams(location.href));
    return { scene: Number(params.get('scene')), referrerInfo: referrerInfo };
  }

  /**
   * @param {*} error
   * @returns {string}
   */
  function describe(error) {
    return error && error.message ? error.message : String(error);
  }

  /**
   * Creates the browser `wx` object.
   * @param {Object} [options] every dependency defaults to the browser global of the same name
   * @param {Function} [options.fetch]
   * @param {{href: string, assign: Function}} [options.location]
   * @param {{getItem: Function, setItem: Function, removeItem: Function}} [options.localStorage]
   * @param {function(): string} [options.getUser] simulated user for `wx.login`; when it gives '' the server's
   *   default user (`GET /api/demo/config` → `user`) is used
   * @param {function(): string} [options.getAppId] the mini program the page plays (its AppID, for `wx.login` and
   *   `wx.getAccountInfoSync`); '' = the server's default (the provider's mini program)
   * @returns {Object} `login`, `request`, `getStorageSync`, `setStorageSync`, `removeStorageSync`,
   *   `getSystemInfoSync`, `getAccountInfoSync`, `openBusinessView`, plus `getSimulatedUser()` (the user of the last login)
   */
  function createBrowserWx(options) {
    const settings = options || {};
    const fetchFn = settings.fetch || root.fetch.bind(root);
    const location = settings.location || root.location;
    const localStorage = settings.localStorage || root.localStorage;
    const getUser = settings.getUser || function () { return ''; };
    const getAppId = settings.getAppId || function () { return ''; };
    let configPromise = null;

    /** GET /api/demo/config once; a failed load is retried on the next call. */
    function loadConfig() {
      if (!configPromise) {
        configPromise = fetchJson('GET', '/api/demo/config').catch(function (error) {
          configPromise = null;
          throw error;
        });
      }
      return configPromise;
    }

    /**
     * @returns {Promise<{status: number, data: *}>} `data` is parsed JSON, or the raw text when not JSON
     */
    function send(method, url, headers, body) {
      const init = { method: method, headers: headers || {} };
      if (body !== undefined && method !== 'GET') {
        init.body = JSON.stringify(body);
      }
      return fetchFn(url, init).then(function (response) {
        return response.text().then(function (text) {
          let data = text;
          try {
            data = JSON.parse(text);
          } catch (notJson) {
            // keep the raw text, as wx.request does for a body that is not JSON
          }
          return { status: response.status, data: data };
        });
      });
    }

    function fetchJson(method, url, body) {
      return send(method, url, { 'content-type': 'application/json' }, body).then(function (response) {
        if (response.status < 200 || response.status >= 300) {
          const detail = response.data && response.data.detail ? ': ' + response.data.detail : '';
          throw new Error(method + ' ' + url + ' answered ' + response.status + detail);
        }
        return response.data;
      });
    }

    function getStorageSync(key) {
      const text = localStorage.getItem(key);
      return text === null ? '' : JSON.parse(text);
    }

    function setStorageSync(key, value) {
      localStorage.setItem(key, JSON.stringify(value));
    }

    function getSimulatedUser() {
      return getStorageSync(USER_KEY);
    }

    return {
      /** `wx.request` over fetch: `success({ statusCode, data, header })` for any HTTP answer, `fail` otherwise. */
      request: function (requestOptions) {
        send(requestOptions.method || 'GET', requestOptions.url, requestOptions.header, requestOptions.data)
          .then(function (response) {
            requestOptions.success({ statusCode: response.status, data: response.data, header: {} });
          }, function (error) {
            requestOptions.fail({ errMsg: 'request:fail ' + describe(error) });
          });
      },

      /** `wx.login`: a sandbox code for the simulated user (POST /api/demo/login-code). */
      login: function (loginOptions) {
        Promise.resolve(getUser())
          .then(function (user) {
            return user || loadConfig().then(function (config) { return config.user; });
          })
          .then(function (user) {
            const appId = getAppId();
            return fetchJson('POST', '/api/demo/login-code', appId ? { user: user, appId: appId } : { user: user }).then(function (answer) {
              setStorageSync(USER_KEY, user);
              loginOptions.success({ code: answer.code, errMsg: 'login:ok' });
            });
          })
          .catch(function (error) {
            loginOptions.fail({ errMsg: 'login:fail ' + describe(error) });
          });
      },

      /** `wx.getAccountInfoSync`: the mini program the page plays (no AppID until the page chose one). */
      getAccountInfoSync: function () {
        return { miniProgram: { appId: getAppId(), envVersion: 'develop', version: '' } };
      },

      getStorageSync: getStorageSync,
      setStorageSync: setStorageSync,
      removeStorageSync: function (key) {
        localStorage.removeItem(key);
      },

      getSystemInfoSync: function () {
        return { SDKVersion: SDK_VERSION, platform: 'browser' };
      },

      /**
       * `wx.openBusinessView` for `wxpayScoreUse`: navigates to the sandbox confirm page with the package, the
       * simulated user and this page's URL (without old return parameters) as `return_url`.
       */
      openBusinessView: function (viewOptions) {
        if (viewOptions.businessType !== 'wxpayScoreUse') {
          viewOptions.fail({ errMsg: 'openBusinessView:fail unsupported businessType ' + viewOptions.businessType });
          return;
        }
        loadConfig().then(function (config) {
          const query = 'package=' + encodeURIComponent(viewOptions.extraData.package) +
            '&user=' + encodeURIComponent(getSimulatedUser() || config.user) +
            '&return_url=' + encodeURIComponent(stripReturnParams(location.href));
          const separator = config.confirmPageUrl.indexOf('?') === -1 ? '?' : '&';
          location.assign(config.confirmPageUrl + separator + query);
          viewOptions.success({ errMsg: 'openBusinessView:ok' });
        }, function (error) {
          viewOptions.fail({ errMsg: 'openBusinessView:fail ' + describe(error) });
        });
      },

      getSimulatedUser: getSimulatedUser
    };
  }

  return {
    createBrowserWx: createBrowserWx,
    readReturnOptions: readReturnOptions,
    RETURN_PARAMS: RETURN_PARAMS
  };
});
