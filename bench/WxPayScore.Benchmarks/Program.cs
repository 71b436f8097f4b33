using BenchmarkDotNet.Running;

namespace WxPayScore.Benchmarks;

/// <summary>
/// <c>dotnet run -c Release --project bench/WxPayScore.Benchmarks -- --filter '*' --job short</c>
/// (any BenchmarkDotNet arguments). <c>--sizes</c> prints the payload sizes the tables refer to.
/// </summary>
public static class Program
{
    public static void Main(string[] args)
    {
        if (args.Contains("--time"))
        {
            AllocationProbe.Time();
            return;
        }

        if (args.Contains("--alloc"))
        {
            AllocationProbe.Run();
            return;
        }

        if (args.Contains("--sizes"))
        {
            var body = System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(BenchmarkData.CreateOptions(), Json.WxPayScoreJsonContext.Wire.ServiceOrderCreateOptions);
            Console.WriteLine($"create body: {body.Length} bytes");
            Console.WriteLine($"create response: {BenchmarkData.CreateResponse.Length} bytes");
            Console.WriteLine($"callback body: {BenchmarkData.CallbackBody(out _, out _).Length} bytes");
            return;
        }

        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
    }
}
