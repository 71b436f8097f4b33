using System.Collections.Concurrent;
using System.Diagnostics.Tracing;

namespace WxPayScore.Benchmarks;

/// <summary>
/// <c>--alloc</c>: where a whole call's bytes go. Runs the whole-call benchmarks' calls many times and prints the bytes per
/// call (exact, from <see cref="GC.GetAllocatedBytesForCurrentThread"/>) and the runtime's sampled allocation ticks by type.
/// </summary>
public static class AllocationProbe
{
    public static void Run()
    {
        using var bench = new WholeCallBenchmarks();
        bench.Setup();
        var options = BenchmarkData.CreateOptions();
        Measure("prepare create", () => { ServiceOrders.ServiceOrderService.PrepareCreate(options); return Task.CompletedTask; });
        Measure("validate create", () => { ServiceOrders.ServiceOrderValidator.ValidateCreate(options); return Task.CompletedTask; });
        Measure("serialise create", () => { Json.WxPayScoreJsonContext.SerializeBody(options, Json.WxPayScoreJsonContext.Wire.ServiceOrderCreateOptions); return Task.CompletedTask; });
        Measure("deserialise the create answer", () => { System.Text.Json.JsonSerializer.Deserialize(BenchmarkData.CreateResponse, Json.WxPayScoreJsonContext.Wire.ServiceOrder); return Task.CompletedTask; });
        var signer = new Security.RequestSigner(BenchmarkData.MchId, BenchmarkData.MerchantSerial, BenchmarkData.Merchant);
        var body = ServiceOrders.ServiceOrderService.PrepareCreate(options).Body;
        Measure("authorization header", () => { signer.CreateAuthorization("POST", BenchmarkData.CreatePath, body, 1, Security.Nonce.Create()); return Task.CompletedTask; }, 300);
        Measure("create", bench.Create);
        Measure("query", bench.Query);
        Measure("cancel (204)", bench.Cancel);
    }

    /// <summary>
    /// <c>--time</c>: a quick timing, to see a change before a BenchmarkDotNet run: batches of each call interleaved (medians
    /// of rounds), so that load from other processes and the tiered JIT fall on all of them alike. <c>PROBE_SEQUENTIAL=1</c>
    /// runs each call's batches one after the other instead, as BenchmarkDotNet does.
    /// </summary>
    public static void Time()
    {
        using var bench = new WholeCallBenchmarks();
        bench.Setup();
        // The SDK's signer alone (one RSA-2048 signature and the header): what of a call's time is the signature.
        var signer = new Security.RequestSigner(BenchmarkData.MchId, BenchmarkData.MerchantSerial, BenchmarkData.Merchant);
        var body = ServiceOrders.ServiceOrderService.PrepareCreate(BenchmarkData.CreateOptions()).Body;
        var calls = new (string Name, Func<Task> Call)[]
        {
            ("bare sign+verify", () => { bench.BareSignAndVerify(); return Task.CompletedTask; }),
            ("query", bench.Query), ("cancel", bench.Cancel), ("create", bench.Create),
            ("SDK signer alone", () => { signer.CreateAuthorization("POST", BenchmarkData.CreatePath, body, 1); return Task.CompletedTask; }),
        };
        var samples = calls.ToDictionary(c => c.Name, _ => new List<double>());
        // The process's CPU time per call beside the wall-clock time: on a machine shared with other work, time spent
        // waiting for a core falls on the wall clock but not on the CPU time (background threads — GC, JIT, timers — count).
        var cpuSamples = calls.ToDictionary(c => c.Name, _ => new List<double>());
        if (Environment.GetEnvironmentVariable("PROBE_SEQUENTIAL") == "1")
        {
            foreach (var (name, call) in calls)
            {
                for (var round = 0; round < 30; round++)
                {
                    var t0 = System.Diagnostics.Stopwatch.GetTimestamp();
                    for (var i = 0; i < 50; i++)
                    {
                        call().GetAwaiter().GetResult();
                    }

                    samples[name].Add(System.Diagnostics.Stopwatch.GetElapsedTime(t0).TotalMicroseconds / 50);
                }

            }
        }

        // Interleaved unless the sequential batches ran (the condition is taken once: inside the loop it would stop after one round).
        var interleavedRounds = samples["create"].Count > 0 ? 0 : 40;
        for (var round = 0; round < interleavedRounds; round++)
        {
            foreach (var (name, call) in calls)
            {
                var cpu = Environment.CpuUsage.TotalTime;
                var started = System.Diagnostics.Stopwatch.GetTimestamp();
                for (var i = 0; i < 50; i++)
                {
                    call().GetAwaiter().GetResult();
                }

                samples[name].Add(System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalMicroseconds / 50);
                cpuSamples[name].Add((Environment.CpuUsage.TotalTime - cpu).TotalMicroseconds / 50);
            }
        }

        var bare = Median(samples["bare sign+verify"].Skip(10));
        var bareCpu = cpuSamples["bare sign+verify"].Count > 10 ? Median(cpuSamples["bare sign+verify"].Skip(10)) : double.NaN;
        foreach (var (name, list) in samples)
        {
            var median = Median(list.Skip(10));
            var cpu = cpuSamples[name].Count > 10 ? Median(cpuSamples[name].Skip(10)) : double.NaN;
            Console.WriteLine($"{name,-18} median {median,8:F1} us  ratio {median / bare:F3}   CPU median {cpu,8:F1} us  ratio {cpu / bareCpu:F3}");
        }

        static double Median(IEnumerable<double> values)
        {
            var sorted = values.Order().ToArray();
            return sorted[sorted.Length / 2];
        }
    }

    private static void Measure(string name, Func<Task> call, int calls = 3000)
    {
        // Past tier-0: warm calls, a pause for the tiered JIT to install optimised code, and again.
        for (var round = 0; round < 3; round++)
        {
            for (var i = 0; i < 200; i++)
            {
                call().GetAwaiter().GetResult();
            }

            Thread.Sleep(300);
        }

        var Calls = calls;
        using var listener = new TickListener();
        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < Calls; i++)
        {
            call().GetAwaiter().GetResult();
        }

        var perCall = (GC.GetAllocatedBytesForCurrentThread() - before) / (double)Calls;
        Console.WriteLine($"{name}: {perCall:F0} B per call (this thread)");
        foreach (var (type, bytes) in listener.ByType.OrderByDescending(p => p.Value).Take(25))
        {
            Console.WriteLine($"    {bytes / (double)Calls,8:F0} B  {type}");
        }
    }

    private sealed class TickListener : EventListener
    {
        public ConcurrentDictionary<string, long> ByType { get; } = new();

        protected override void OnEventSourceCreated(EventSource eventSource)
        {
            if (eventSource.Name == "Microsoft-Windows-DotNETRuntime")
            {
                EnableEvents(eventSource, EventLevel.Verbose, (EventKeywords)0x1);
            }
        }

        protected override void OnEventWritten(EventWrittenEventArgs eventData)
        {
            if (eventData.EventName?.StartsWith("GCAllocationTick", StringComparison.Ordinal) == true && eventData.Payload is { } payload)
            {
                var type = payload[eventData.PayloadNames!.IndexOf("TypeName")]?.ToString() ?? "?";
                ByType.AddOrUpdate(type, 100 * 1024, (_, v) => v + 100 * 1024);
            }
        }
    }
}
