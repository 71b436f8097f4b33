/** Demo settings: the merchant server (WxPayScore server) the mini program talks to. */
module.exports = {
  serverUrl: 'http://127.0.0.1:5080'
};
