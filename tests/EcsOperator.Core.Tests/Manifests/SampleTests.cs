using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using EcsOperator.Core.Manifests;
using EcsOperator.Core.Model;
using EcsOperator.Core.Resources;

namespace EcsOperator.Core.Tests.Manifests;

public sealed class SampleTests
{
    private static readonly string[] ManifestFolders = ["apps", "jobs", "cronjobs", "scaling", "capacity"];

    /// <summary>Every manifest anywhere under samples/: YAML files with a top-level ecs.operator/v1 apiVersion line, and JSON
    /// files whose root object has that apiVersion (scripts, IAM policies and infrastructure templates are not manifests).</summary>
    public static TheoryData<string> SampleFiles()
    {
        var data = new TheoryData<string>();
        foreach (var f in Directory.EnumerateFiles(RepoRoot.Combine("samples"), "*.*", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            if (IsManifest(f)) data.Add(System.IO.Path.GetRelativePath(RepoRoot.Path, f));
        }
        return data;
    }

    private static bool IsManifest(string file)
    {
        var text = File.ReadAllText(file);
        if (file.EndsWith(".yaml", StringComparison.Ordinal) || file.EndsWith(".yml", StringComparison.Ordinal))
            return Regex.IsMatch(text, @"^apiVersion:\s*ecs\.operator/v1\s*$", RegexOptions.Multiline);
        if (!file.EndsWith(".json", StringComparison.Ordinal)) return false;
        try
        {
            return JsonNode.Parse(text) is JsonObject o && o["apiVersion"]?.GetValueKind() == JsonValueKind.String && (string?)o["apiVersion"] == ResourceKinds.ApiVersion;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    [Theory]
    [MemberData(nameof(SampleFiles))]
    public void Every_sample_validates(string relativePath)
    {
        var result = ManifestParser.Parse(File.ReadAllText(RepoRoot.Combine(relativePath)), relativePath);

        Assert.True(result.Ok, string.Join('\n', result.Errors));
        Assert.NotEmpty(result.Documents);
    }

    [Fact]
    public void Every_manifest_folder_has_samples_and_every_kind_is_covered()
    {
        var kinds = new HashSet<ResourceKind>();
        foreach (var folder in ManifestFolders)
        {
            var files = Directory.GetFiles(RepoRoot.Combine("samples", folder), "*.yaml");
            Assert.NotEmpty(files);
            foreach (var f in files) kinds.UnionWith(ManifestParser.Parse(File.ReadAllText(f), f).Documents.Select(d => d.Key.Kind));
        }
        Assert.Equal(ResourceKinds.All.ToHashSet(), kinds);
    }

    [Fact]
    public void Web_sample_keeps_the_seed_settings()
    {
        var doc = Single("samples/apps/web.yaml");
        var spec = doc.GetSpec<AppSpec>();
        var container = spec.TaskDefinition["containerDefinitions"]![0]!;

        Assert.Equal("app", spec.Cluster);
        Assert.Equal("ap-northeast-1", spec.Region);
        Assert.Equal(704, (int)container["cpu"]!);
        Assert.Equal(1408, (int)container["memory"]!);
        Assert.Equal(["prehook", "ruby /app/docker/setup.rb", "--"], container["entryPoint"]!.AsArray().Select(n => (string)n!));
        Assert.Contains(container["secrets"]!.AsArray(), s => ((string)s!["valueFrom"]!).StartsWith("arn:aws:ssm:", StringComparison.Ordinal));
        Assert.NotNull(spec.Service!["loadBalancers"]![0]!["targetGroupArn"]);
        // The seed's migration: ridgepole in the non-essential rake container of the same task definition.
        var hook = spec.Hooks!.PreDeploy.Single();
        Assert.Equal(["bundle", "exec", "rake", "db:ridgepole:apply", "before_release:validate"], hook.Command);
        Assert.Equal("rake", hook.Container);
        var rake = spec.TaskDefinition["containerDefinitions"]!.AsArray().Single(c => (string)c!["name"]! == "rake")!;
        Assert.False((bool)rake["essential"]!);
    }

    [Fact]
    public void Scale_policy_sample_keeps_the_seed_settings()
    {
        var spec = Single("samples/scaling/web.yaml").GetSpec<ScalePolicySpec>();

        Assert.Equal([10, 25], spec.MaxTaskCount);
        Assert.Equal(600, spec.CooldownTimeForReachMaxSeconds);
        Assert.Equal(240, spec.IdleTimeSeconds);
        var window = Assert.Single(spec.ScheduledMinTaskCount);
        Assert.Equal(("1:45", "4:30", 8), (window.From, window.To, window.Count));
        Assert.Equal("ALARM", Assert.Single(spec.UpscaleTriggers).State);
        Assert.Equal("OK", Assert.Single(spec.DownscaleTriggers).State);
        Assert.Equal(1, Single("samples/capacity/ecs-cluster-nodes.yaml").GetSpec<CapacityPoolSpec>().Buffer);
        Assert.Equal("web", Single("samples/jobs/rake.yaml").GetSpec<JobSpec>().AppRef);
    }

    private static ResourceDocument Single(string path)
    {
        var result = ManifestParser.ParseSingle(File.ReadAllText(RepoRoot.Combine(path)), path);
        Assert.True(result.Ok, string.Join('\n', result.Errors));
        return Assert.Single(result.Documents);
    }
}
