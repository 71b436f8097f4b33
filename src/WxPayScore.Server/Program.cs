using WxPayScore.Server;

var app = await ServerApplication.BuildAsync(args);
await ServerApplication.StartAsync(app);
await app.WaitForShutdownAsync();
