using System.Text.Json.Nodes;
using EcsOperator.Core.Manifests;
using EcsOperator.Core.Model;
using EcsOperator.Core.Resources;

namespace EcsOperator.Core.Tests.Manifests;

public sealed class ManifestParserTests
{
    private const string App = """
        apiVersion: ecs.operator/v1
        kind: App
        metadata:
          name: web
        spec:
          cluster: default
          region:
          taskDefinition:
            cpu: "1024"
            containerDefinitions:
              - name: app
                image: nginx
                essential: true
                memoryReservation: 512
                dockerLabels: {"com.example.mode": "0600"}
                linuxParameters: {capabilities: {add: [SYS_PTRACE]}, initProcessEnabled: true, sharedMemorySize: 64}
        """;

    [Fact]
    public void Parses_an_app_with_defaults_and_a_default_namespace()
    {
        var doc = Assert.Single(Ok(ManifestParser.Parse(App, "web.yaml")).Documents);
        var spec = doc.GetSpec<AppSpec>();

        Assert.Equal(new ResourceKey(ResourceKind.App, "default", "web"), doc.Key);
        Assert.Equal(("ecs.operator/v1", "App", "web.yaml", 1), (doc.ApiVersion, doc.Kind, doc.File, doc.Line));
        Assert.Equal("default", doc.Metadata.Namespace);
        Assert.Null(spec.Region);
        Assert.Null(spec.Replicas);
        Assert.Equal((600, 10, DeletionPolicy.Delete), (spec.ProgressDeadlineSeconds, spec.RevisionHistoryLimit, spec.DeletionPolicy));
    }

    [Fact]
    public void Pass_through_objects_keep_every_field_and_their_yaml_types()
    {
        var doc = Ok(ManifestParser.Parse(App, "web.yaml")).Documents[0];
        var td = doc.GetSpec<AppSpec>().TaskDefinition;
        var container = td["containerDefinitions"]![0]!;

        Assert.Equal("1024", (string?)td["cpu"]);
        Assert.True((bool)container["essential"]!);
        Assert.Equal(512, (int)container["memoryReservation"]!);
        Assert.Equal("0600", (string?)container["dockerLabels"]!["com.example.mode"]);
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""{"capabilities":{"add":["SYS_PTRACE"]},"initProcessEnabled":true,"sharedMemorySize":64}"""),
            container["linuxParameters"]));
    }

    [Fact]
    public void Json_input_is_yaml_too()
    {
        var yaml = Ok(ManifestParser.Parse(App, "web.yaml")).Documents[0];
        var json = Ok(ManifestParser.ParseSingle(yaml.ToJson(), "App/default/web")).Documents[0];

        Assert.Equal(yaml.Key, json.Key);
        Assert.True(JsonNode.DeepEquals(yaml.Root, json.Root));
        Assert.Equal("App/default/web", json.File);
    }

    [Fact]
    public void Canonical_yaml_reads_back_to_the_same_document()
    {
        foreach (var file in Directory.GetFiles(RepoRoot.Combine("samples"), "*.yaml", SearchOption.AllDirectories)
                     .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}infra{Path.DirectorySeparatorChar}", StringComparison.Ordinal)))
        {
            foreach (var doc in Ok(ManifestParser.Parse(File.ReadAllText(file), file)).Documents)
            {
                var again = Ok(ManifestParser.ParseSingle(doc.ToYaml(), "again")).Documents[0];
                Assert.True(JsonNode.DeepEquals(doc.Root, again.Root), $"{file}:\n{doc.ToYaml()}");
            }
        }
    }

    [Theory]
    [InlineData("0600")]
    [InlineData("true")]
    [InlineData("null")]
    [InlineData("1:45")]
    [InlineData("on")]
    [InlineData("- a")]
    [InlineData("a: b")]
    [InlineData("x #y")]
    [InlineData("")]
    [InlineData(" lead")]
    [InlineData("line1\nline2")]
    [InlineData("ECS [app-production] CPUUtilization")]
    [InlineData("日本語")]
    [InlineData("1e3")]
    public void Yaml_writer_keeps_strings_strings(string value)
    {
        var yaml = YamlWriter.Write(new JsonObject { ["v"] = value });
        var parsed = YamlTreeReader.ReadAll(yaml, "t", out var errors);

        Assert.Empty(errors);
        Assert.Equal(value, (string?)parsed[0].Root!["v"]);
    }

    [Fact]
    public void Status_in_an_applied_document_is_removed_not_an_error()
    {
        var text = App + "\nstatus:\n  observedGeneration: 3\n  whatever: [1]\n";
        var doc = Ok(ManifestParser.Parse(text, "f")).Documents[0];

        Assert.False(doc.Root.ContainsKey("status"));
        Assert.DoesNotContain("status", doc.ToYaml(), StringComparison.Ordinal);
    }

    [Fact]
    public void With_status_appends_a_copy_and_leaves_the_document_alone()
    {
        var doc = Ok(ManifestParser.Parse(App, "f")).Documents[0];
        var status = new JsonObject { ["observedGeneration"] = 1 };

        var shown = doc.WithStatus(status);
        var again = Ok(ManifestParser.ParseSingle(YamlWriter.Write(shown), "f")).Documents[0];

        Assert.Equal(1, (int)shown["status"]!["observedGeneration"]!);
        Assert.False(doc.Root.ContainsKey("status"));
        Assert.True(JsonNode.DeepEquals(doc.Root, again.Root));
    }

    [Fact]
    public void Multi_document_streams_skip_empty_documents_and_keep_valid_ones_beside_invalid_ones()
    {
        var text = "---\n# only a comment\n---\n" + App + "\n---\n" + App.Replace("name: web", "name: Bad_Name") + "\n---\n";
        var result = ManifestParser.Parse(text, "f");

        Assert.Single(result.Documents);
        var error = Assert.Single(result.Errors);
        Assert.Equal(("metadata.name", 24, 9), (error.Path, error.Line, error.Column));
    }

    [Fact]
    public void Parse_single_wants_exactly_one_document()
    {
        Assert.Equal("f:1:1: no document found", Assert.Single(ManifestParser.ParseSingle("# nothing\n", "f").Errors).ToString());
        var two = ManifestParser.ParseSingle(App + "\n---\n" + App, "f");
        Assert.Empty(two.Documents);
        Assert.Equal("expected exactly one document, found 2", Assert.Single(two.Errors).Message);
    }

    [Fact]
    public void Max_task_count_integer_becomes_a_one_element_list()
    {
        const string text = """
            apiVersion: ecs.operator/v1
            kind: ScalePolicy
            metadata: {name: web, namespace: team-a}
            spec: {targetRef: web, maxTaskCount: 25}
            """;
        var doc = Ok(ManifestParser.Parse(text, "f")).Documents[0];

        Assert.Equal(new ResourceKey(ResourceKind.ScalePolicy, "team-a", "web"), doc.Key);
        Assert.Equal([25], doc.GetSpec<ScalePolicySpec>().MaxTaskCount);
        Assert.Equal((0, 1, 300), (doc.GetSpec<ScalePolicySpec>().MinTaskCount, doc.GetSpec<ScalePolicySpec>().Step, doc.GetSpec<ScalePolicySpec>().CooldownTimeForReachMaxSeconds));
    }

    [Fact]
    public void Job_and_cron_job_specs_read_typed()
    {
        const string text = """
            apiVersion: ecs.operator/v1
            kind: CronJob
            metadata: {name: nightly}
            spec:
              schedule: "@daily"
              timeZone: Asia/Tokyo
              concurrencyPolicy: Replace
              jobTemplate:
                spec:
                  cluster: default
                  taskDefinition: {containerDefinitions: [{name: app, image: busybox}]}
                  command: [echo, hi]
                  environment: {A: "1"}
                  launchType: FARGATE
                  launchRetry: {limit: 2}
            """;
        var spec = Ok(ManifestParser.Parse(text, "f")).Documents[0].GetSpec<CronJobSpec>();

        Assert.Equal((ConcurrencyPolicy.Replace, 3, 1, false), (spec.ConcurrencyPolicy, spec.SuccessfulJobsHistoryLimit, spec.FailedJobsHistoryLimit, spec.Suspend));
        var job = spec.JobTemplate.Spec;
        Assert.Equal(["echo", "hi"], job.Command);
        Assert.Equal("1", job.Environment!["A"]);
        Assert.Equal((2, 10, 300), (job.LaunchRetry!.Limit, job.LaunchRetry.InitialIntervalSeconds, job.LaunchRetry.MaxIntervalSeconds));
    }

    [Fact]
    public void Error_strings_name_file_line_column_and_path()
    {
        var errors = ManifestParser.Parse(App.Replace("cluster: default", "clustr: default"), "apps/web.yaml").Errors;

        Assert.Equal(
            ["apps/web.yaml:6:3: spec.clustr: unknown field 'clustr' (did you mean 'cluster'?)", "apps/web.yaml:6:3: spec.cluster: required field is missing"],
            errors.Select(e => e.ToString()));
    }

    [Fact]
    public void Plain_yaml_core_types_resolve_as_yaml_1_2()
    {
        var root = YamlTreeReader.ReadAll("a: 0o17\nb: 0x1F\nc: -3\nd: 1.5e2\ne: ~\nf: yes\ng: '12'\nh: !!str 12\ni: !!int '7'\n", "t", out var errors)[0].Root!;

        Assert.Empty(errors);
        Assert.Equal((15L, 31L, -3L), ((long)root["a"]!, (long)root["b"]!, (long)root["c"]!));
        Assert.Equal(150.0, (double)root["d"]!);
        Assert.Null(root["e"]);
        Assert.Equal(("yes", "12", "12"), ((string?)root["f"], (string?)root["g"], (string?)root["h"]));
        Assert.Equal(7L, (long)root["i"]!);
    }

    [Fact]
    public void Numbers_read_as_any_numeric_type_like_parsed_json()
    {
        var root = YamlTreeReader.ReadAll("cpu: 704\nbig: 5000000000\nratio: 0.5\n", "t", out _)[0].Root!;

        Assert.Equal((704, 704L, 704.0), ((int)root["cpu"]!, (long)root["cpu"]!, (double)root["cpu"]!));
        Assert.Equal(5_000_000_000L, root["big"]!.GetValue<long>());
        Assert.Equal(0.5, root["ratio"]!.GetValue<double>());
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""{"cpu":704,"big":5000000000,"ratio":0.5}"""), root));
    }

    [Fact]
    public void Windows_line_endings_and_a_byte_order_mark_are_fine()
    {
        var text = "\uFEFF" + App.ReplaceLineEndings("\r\n").Replace("cluster: default", "clustr: default");

        var error = ManifestParser.Parse(text, "f").Errors[0];

        Assert.Equal("f:6:3: spec.clustr: unknown field 'clustr' (did you mean 'cluster'?)", error.ToString());
        Assert.True(ManifestParser.Parse("\uFEFF" + App.ReplaceLineEndings("\r\n"), "f").Ok);
    }

    [Fact]
    public void Merge_keys_share_settings_and_written_keys_win()
    {
        const string text = """
            base: &base {image: nginx, essential: true, cpu: 256}
            logs: &logs {logConfiguration: {logDriver: awslogs}}
            web: {<<: [*base, *logs], name: web, cpu: 704}
            worker:
              <<: *base
              name: worker
            """;
        var root = YamlTreeReader.ReadAll(text, "t", out var errors)[0].Root!;

        Assert.Empty(errors);
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""
            {"name":"web","cpu":704,"image":"nginx","essential":true,"logConfiguration":{"logDriver":"awslogs"}}
            """), root["web"]));
        Assert.Equal(("worker", 256), ((string?)root["worker"]!["name"], (int)root["worker"]!["cpu"]!));
        Assert.Equal("t:1:1: a merge key (<<) needs a mapping or a list of mappings",
            Assert.Single(ManifestParser.Parse("<<: 3\n", "t").Errors).ToString());
    }

    [Theory]
    [InlineData("a: !Ref foo\n", "t:1:4: a: unsupported tag '!Ref'")]
    [InlineData("a: .inf\n", "t:1:4: a: '.inf': infinity and NaN cannot be represented in JSON")]
    [InlineData("a: 99999999999999999999\n", "t:1:4: a: integer '99999999999999999999' is out of range")]
    [InlineData("a: *nope\n", "t:1:4: a: unknown alias '*nope'")]
    public void Unsupported_yaml_is_an_error(string text, string expected)
    {
        var result = ManifestParser.Parse(text, "t");

        Assert.Equal(expected, Assert.Single(result.Errors).ToString());
    }

    private static ManifestParseResult Ok(ManifestParseResult result)
    {
        Assert.True(result.Ok, string.Join('\n', result.Errors));
        return result;
    }
}
