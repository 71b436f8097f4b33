// wx.openBusinessView is missing from miniprogram-api-typings; declared here as documented for Pay Score
// (base library >= 2.6.0; /work/shared/spec/miniprogram-confirm.md §2): businessType 'wxpayScoreUse' opens the confirm page.
declare namespace WechatMiniprogram {
  interface OpenBusinessViewOption {
    /** 'wxpayScoreUse' (confirm page), 'wxpayScoreDetail' (order detail), 'wxpayScoreEnable' (authorisation). */
    businessType: string;
    /** For 'wxpayScoreUse': { package } exactly as the create call returned it. */
    extraData: { package: string } & IAnyObject;
    /** Only means the jump was accepted; carries no order result. */
    success?: (result: GeneralCallbackResult) => void;
    fail?: (error: GeneralCallbackResult) => void;
    complete?: (result: GeneralCallbackResult) => void;
  }

  interface Wx {
    /** Undefined on base libraries below 2.6.0: check before calling. */
    openBusinessView?(option: OpenBusinessViewOption): void;
  }
}
