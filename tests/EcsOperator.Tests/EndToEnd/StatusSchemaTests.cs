using System.Diagnostics;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using EcsOperator.Core.Jobs;
using EcsOperator.Core.LocalStore;
using EcsOperator.Core.Manifests;
using EcsOperator.Core.Manifests.Schema;
using EcsOperator.Core.Resources;
using EcsOperator.Core.State;
using EcsOperator.TestUtilities.Contracts;
using Json.Schema;
using static EcsOperator.Tests.EndToEnd.DotnetProcess;

namespace EcsOperator.Tests.EndToEnd;

/// <summary>
/// What the operator writes is what the published schemas describe: every sample (one or more of every kind) is applied
/// in local mode (the simulator), read back with <c>ecsctl get KIND NAME -o json</c>, and the whole object, status
/// included, is validated against its schema in crds-schema/ with JsonSchema.Net.
/// </summary>
public sealed class StatusSchemaTests(StatusSchemaTests.LocalSamples samples) : IClassFixture<StatusSchemaTests.LocalSamples>
{
    [Fact]
    public async Task Every_sample_of_the_kinds_other_than_App_validates_against_its_schema_with_its_status()
    {
        var keys = samples.Keys.Where(k => k.Kind != ResourceKind.App).ToList();
        Assert.Equal([ResourceKind.Job, ResourceKind.CronJob, ResourceKind.ScalePolicy, ResourceKind.CapacityPool],
            keys.Select(k => k.Kind).Distinct().Order());
        await samples.WaitForStatusAsync(keys);
        await samples.WaitForAsync(ResourceKey.Parse("Job/default/rake-cache-clear"),
            s => JobState.FromJson(s)?.IsFinished == true, "the sample Job to finish (so its runs and containers are in status)");
        Assert.Empty(await ProblemsAsync(keys));
    }

    [Fact]
    public async Task Every_sample_App_validates_against_its_schema_with_its_status()
    {
        var keys = samples.Keys.Where(k => k.Kind == ResourceKind.App).ToList();
        await samples.WaitForStatusAsync(keys);
        Assert.Empty(await ProblemsAsync(keys));
    }

    /// <summary>Each key read back through ecsctl and validated; one line per problem, naming the object and the location.</summary>
    private async Task<List<string>> ProblemsAsync(IEnumerable<ResourceKey> keys)
    {
        var problems = new List<string>();
        foreach (var key in keys)
        {
            var (exit, output, error) = await samples.EcsctlAsync("get", key.Kind.ToString().ToLowerInvariant(), key.Name, "-n", key.Namespace, "-o", "json");
            Assert.True(exit == 0, $"ecsctl get {key}: {error}");
            var json = JsonNode.Parse(output)!.AsObject();
            Assert.True(json["status"] is JsonObject, $"{key}: ecsctl printed no status");
            // The schema is strict about status: a field it does not name is refused (so a pass below means something).
            json["status"]!["notInTheSchema"] = 1;
            Assert.False(Evaluate(key.Kind, json.ToJsonString()).IsValid, $"{key}: the schema accepted an unknown status field");
            var result = Evaluate(key.Kind, output);
            if (result.IsValid) continue;
            foreach (var detail in result.Details ?? [])
            {
                foreach (var (_, message) in detail.Errors ?? new Dictionary<string, string>())
                    problems.Add($"{key}: {detail.InstanceLocation}: {message}");
            }
            if (problems.Count == 0) problems.Add($"{key}: invalid: {output}");
        }
        return problems;
    }

    private static EvaluationResults Evaluate(ResourceKind kind, string json) =>
        Schema(kind).Evaluate(JsonDocument.Parse(json).RootElement, new EvaluationOptions { OutputFormat = OutputFormat.List, RequireFormatValidation = true });

    /// <summary>Each schema is built once: JsonSchema.Net registers a schema by its <c>$id</c> for the whole process.</summary>
    private static JsonSchema Schema(ResourceKind kind) => Schemas.GetOrAdd(kind, k =>
        JsonSchema.FromText(File.ReadAllText(Path.Combine(RepoRoot(), "crds-schema", JsonSchemaGenerator.FileName(k)))));

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<ResourceKind, JsonSchema> Schemas = new();

    /// <summary><c>ecs-operator local --apply samples/</c>, started once for the class and stopped after it.</summary>
    public sealed class LocalSamples : IAsyncLifetime
    {
        private readonly TempStateDirectory state = new();
        private readonly StringBuilder output = new();
        private readonly Lock gate = new();
        private Process? op;

        /// <summary>Every document in samples/, by key.</summary>
        public IReadOnlyList<ResourceKey> Keys { get; } = Directory.EnumerateFiles(Path.Combine(RepoRoot(), "samples"), "*.yaml", SearchOption.AllDirectories)
            .SelectMany(f => ManifestParser.Parse(File.ReadAllText(f), f).Documents).Select(d => d.Key).ToList();

        public Task InitializeAsync()
        {
            op = Process.Start(Dotnet("ecs-operator.dll", "local", "--state-dir", state.Root, "--apply", Path.Combine(RepoRoot(), "samples")))!;
            op.OutputDataReceived += (_, e) => { lock (gate) output.AppendLine(e.Data); };
            op.ErrorDataReceived += (_, e) => { lock (gate) output.AppendLine(e.Data); };
            op.BeginOutputReadLine();
            op.BeginErrorReadLine();
            return Task.CompletedTask;
        }

        public async Task DisposeAsync()
        {
            if (op is { HasExited: false }) op.Kill(entireProcessTree: true);
            if (op is not null) await op.WaitForExitAsync();
            op?.Dispose();
            state.Dispose();
        }

        private string Text()
        {
            lock (gate) return output.ToString();
        }

        /// <summary>Waits until every key has a status for its current manifest.</summary>
        public async Task WaitForStatusAsync(IReadOnlyList<ResourceKey> keys)
        {
            foreach (var key in keys) await WaitForAsync(key, _ => true, "a status for its manifest");
        }

        public async Task WaitForAsync(ResourceKey key, Func<JsonObject, bool> condition, string what)
        {
            var store = new LocalResourceStore(new StatePaths(state.Root), TimeProvider.System);
            var deadline = DateTime.UtcNow.AddSeconds(90);
            while (true)
            {
                var item = await store.GetAsync(key, default);
                if (item?.Status is { } s && s["observedGeneration"]?.GetValue<long>() == item.Generation && condition(s)) return;
                Assert.False(op!.HasExited, "ecs-operator exited early:\n" + Text());
                Assert.True(DateTime.UtcNow < deadline, $"{key}: no {what} within 90 s; status: {item?.Status?.ToJsonString()}\n{Text()}");
                await Task.Delay(200);
            }
        }

        /// <summary>ecsctl's entry point, in-process, on the same state directory.</summary>
        public async Task<(int Exit, string Out, string Err)> EcsctlAsync(params string[] args)
        {
            using var o = new StringWriter();
            using var e = new StringWriter();
            var code = await Ecsctl.EcsctlProgram.MainAsync([.. args, "--state-dir", state.Root], TextReader.Null, o, e, TimeProvider.System, CancellationToken.None);
            return (code, o.ToString(), e.ToString());
        }
    }
}
