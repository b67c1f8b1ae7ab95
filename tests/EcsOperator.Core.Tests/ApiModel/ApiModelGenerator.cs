using System.Diagnostics;
using System.IO.Compression;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace EcsOperator.Core.Tests.ApiModel;

/// <summary>
/// Turns the botocore service models installed with the aws CLI into the compact shape table committed as
/// <c>operator/EcsOperator.Core/Aws/ApiModel/aws-api-model.json</c>: for every action the operator, the simulator or
/// the typed clients use, the input shape and every shape it reaches, with documentation and other presentation
/// keys stripped. For RegisterTaskDefinition and CreateService it also lists the members of the objects
/// DescribeTaskDefinition and DescribeServices return, so that describe-only members can be told from unknown ones.
/// </summary>
internal static class ApiModelGenerator
{
    /// <summary>(table name, botocore directory, version, actions).</summary>
    private static readonly (string Name, string Dir, string Version, string[] Actions)[] Services =
    [
        ("ecs", "ecs", "2014-11-13",
        [
            "RegisterTaskDefinition", "DescribeTaskDefinition", "DeregisterTaskDefinition", "ListTaskDefinitions",
            "CreateService", "UpdateService", "DeleteService", "DescribeServices", "ListServices",
            "RunTask", "DescribeTasks", "ListTasks", "StopTask",
            "ListContainerInstances", "DescribeContainerInstances", "UpdateContainerInstancesState",
            "TagResource", "UntagResource", "ListTagsForResource", "CreateCluster", "DescribeClusters",
        ]),
        ("autoscaling", "autoscaling", "2011-01-01",
        [
            "DescribeAutoScalingGroups", "SetDesiredCapacity", "UpdateAutoScalingGroup", "DetachInstances",
            "TerminateInstanceInAutoScalingGroup", "SetInstanceProtection", "DescribeAutoScalingInstances",
        ]),
        ("cloudwatch", "cloudwatch", "2010-08-01", ["DescribeAlarms"]),
        ("logs", "logs", "2014-03-28", ["GetLogEvents", "FilterLogEvents", "DescribeLogGroups"]),
        // The preflight check's lookups (EC2's are left out: its Query flavour names list members by queryName, which
        // the request reader of the conformance check does not model).
        ("ecr", "ecr", "2015-09-21", ["DescribeImages"]),
        ("iam", "iam", "2010-05-08", ["GetRole"]),
        ("ssm", "ssm", "2014-11-06", ["GetParameter"]),
        ("secretsmanager", "secretsmanager", "2017-10-17", ["DescribeSecret"]),
    ];

    /// <summary>Action → (describe action, path to the described object: response member, then "[]" for a list).</summary>
    private static readonly Dictionary<string, (string Action, string Member)> Described = new(StringComparer.Ordinal)
    {
        ["RegisterTaskDefinition"] = ("DescribeTaskDefinition", "taskDefinition"),
        ["CreateService"] = ("DescribeServices", "services"),
    };

    private static readonly string[] KeptKeys = ["type", "required", "enum", "min", "max", "document"];

    /// <summary>The botocore data directory of the python3 on PATH, or null when there is none.</summary>
    public static string? BotocoreData()
    {
        if (Environment.GetEnvironmentVariable("BOTOCORE_DATA") is { Length: > 0 } env) return env;
        try
        {
            var psi = new ProcessStartInfo("python3", ["-c", "import botocore,os;print(os.path.dirname(botocore.__file__))"])
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            };
            using var p = Process.Start(psi)!;
            var dir = p.StandardOutput.ReadToEnd().Trim();
            p.WaitForExit();
            return p.ExitCode == 0 && dir.Length > 0 ? Path.Combine(dir, "data") : null;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return null;
        }
    }

    /// <summary>The version of the botocore package that holds <paramref name="botocoreData"/> ("unknown" if unreadable).</summary>
    public static string BotocoreVersion(string botocoreData)
    {
        var init = Path.Combine(botocoreData, "..", "__init__.py");
        var text = File.Exists(init) ? File.ReadAllText(init) : "";
        var m = System.Text.RegularExpressions.Regex.Match(text, @"__version__\s*=\s*['""]([^'""]+)['""]");
        return m.Success ? m.Groups[1].Value : "unknown";
    }

    /// <summary>The table text: one line per shape, so a model update shows as a readable diff.</summary>
    public static string Generate(string botocoreData)
    {
        var sb = new StringBuilder("{\n");
        var botocore = BotocoreVersion(botocoreData);
        for (var i = 0; i < Services.Length; i++)
        {
            var (name, dir, version, actions) = Services[i];
            var model = Load(Path.Combine(botocoreData, dir, version));
            sb.Append($"  {Q(name)}: {{\n    \"botocore\": {Q(botocore)},\n    \"apiVersion\": {Q(version)},\n");
            sb.Append($"    \"protocol\": {Q((string)model["metadata"]!["protocol"]!)},\n");
            WriteService(sb, model, actions);
            sb.Append(i == Services.Length - 1 ? "  }\n" : "  },\n");
        }
        return sb.Append("}\n").ToString();
    }

    private static void WriteService(StringBuilder sb, JsonObject model, string[] actions)
    {
        var shapes = model["shapes"]!.AsObject();
        var operations = model["operations"]!.AsObject();
        var inputs = new SortedDictionary<string, string>(StringComparer.Ordinal);
        var reached = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var action in actions)
        {
            var input = (string)operations[action]!["input"]!["shape"]!;
            inputs[action] = input;
            Reach(shapes, input, reached);
        }
        sb.Append("    \"operations\": {\n");
        sb.AppendJoin(",\n", inputs.Select(p => $"      {Q(p.Key)}: {Q(p.Value)}")).Append("\n    },\n");
        var described = Described.Where(d => inputs.ContainsKey(d.Key)).ToList();
        if (described.Count > 0)
        {
            sb.Append("    \"describedMembers\": {\n");
            sb.AppendJoin(",\n", described.Select(d => $"      {Q(d.Key)}: {DescribedMembers(shapes, operations, d.Value).ToJsonString()}"));
            sb.Append("\n    },\n");
        }
        sb.Append("    \"shapes\": {\n");
        sb.AppendJoin(",\n", reached.Select(n => $"      {Q(n)}: {Compact(shapes[n]!.AsObject()).ToJsonString()}"));
        sb.Append("\n    }\n");
    }

    private static JsonArray DescribedMembers(JsonObject shapes, JsonObject operations, (string Action, string Member) d)
    {
        var output = shapes[(string)operations[d.Action]!["output"]!["shape"]!]!;
        var target = shapes[(string)output["members"]![d.Member]!["shape"]!]!;
        if ((string?)target["type"] == "list") target = shapes[(string)target["member"]!["shape"]!]!;
        return new JsonArray(target["members"]!.AsObject().Select(m => m.Key).Order(StringComparer.Ordinal).Select(k => (JsonNode?)k).ToArray());
    }

    private static void Reach(JsonObject shapes, string name, SortedSet<string> reached)
    {
        if (!reached.Add(name)) return;
        var shape = shapes[name]!.AsObject();
        foreach (var target in Targets(shape)) Reach(shapes, target, reached);
    }

    private static IEnumerable<string> Targets(JsonObject shape)
    {
        if (shape["members"] is JsonObject members) foreach (var (_, m) in members) yield return (string)m!["shape"]!;
        foreach (var key in new[] { "member", "key", "value" })
        {
            if (shape[key] is JsonObject t) yield return (string)t["shape"]!;
        }
    }

    /// <summary>type, required, enum, min, max, document; members/member/key/value as the target shape's name.</summary>
    private static JsonObject Compact(JsonObject shape)
    {
        var o = new JsonObject();
        foreach (var key in KeptKeys)
        {
            if (shape[key] is { } v) o[key] = v.DeepClone();
        }
        if (shape["members"] is JsonObject members)
            o["members"] = new JsonObject(members.Select(m => KeyValuePair.Create(m.Key, (JsonNode?)(string)m.Value!["shape"]!)));
        foreach (var key in new[] { "member", "key", "value" })
        {
            if (shape[key] is JsonObject t) o[key] = (string)t["shape"]!;
        }
        return o;
    }

    private static JsonObject Load(string versionDir)
    {
        var plain = Path.Combine(versionDir, "service-2.json");
        if (File.Exists(plain)) return JsonNode.Parse(File.ReadAllText(plain))!.AsObject();
        using var gz = new GZipStream(File.OpenRead(plain + ".gz"), CompressionMode.Decompress);
        return JsonNode.Parse(gz)!.AsObject();
    }

    private static string Q(string s) => JsonSerializer.Serialize(s);
}
