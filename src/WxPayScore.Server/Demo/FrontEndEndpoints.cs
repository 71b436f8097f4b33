using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.StaticFiles;
using WxPayScore.Server.Problems;

namespace WxPayScore.Server.Demo;

/// <summary>Serves the shared front end at <c>/miniprogram/…</c> and the browser demo page at <c>/</c>.</summary>
public static class FrontEndEndpoints
{
    public static WebApplication UseFrontEnd(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var files = app.Services.GetRequiredService<FrontEndFiles>();
        var types = new FileExtensionContentTypeProvider();
        app.UseStaticFiles(new StaticFileOptions
        {
            FileProvider = files.Provider,
            RequestPath = "/miniprogram",
            ContentTypeProvider = types,
            OnPrepareResponse = context => context.Context.Response.Headers.CacheControl = "no-cache",
        });
        app.MapGet("/", (FrontEndFiles frontEnd) =>
            {
                var page = frontEnd.Provider.GetFileInfo("web/index.html");
                if (!page.Exists || page.PhysicalPath is null)
                {
                    throw new ApiProblemException(404, "Demo page not found",
                        "The front end (miniprogram/web/index.html) is not next to the server; set Server:FrontEndPath.", ProblemTypes.NotFound);
                }

                return TypedResults.PhysicalFile(page.PhysicalPath, "text/html; charset=utf-8");
            })
            .WithTags("Pages").WithName("DemoPage").WithSummary("The browser demo of the Pay Score flow.").ExcludeFromDescription();
        return app;
    }
}
