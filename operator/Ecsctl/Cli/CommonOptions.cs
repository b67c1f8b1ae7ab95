using System.CommandLine;
using EcsOperator.Core.State;

namespace Ecsctl.Cli;

/// <summary>
/// Every option more than one verb takes, defined once: the global ones (accepted before or after the verb), the
/// shared verb options (<c>-f</c>, <c>--dry-run</c>, <c>-l</c>) and <c>--queue</c>, which the shared <c>JobBackends</c>
/// reads. A verb's own options live in its command file and are made with the same three helpers, so every option
/// parses alike: a value option given twice keeps the last value (as kubectl does), a switch takes no value, a
/// repeatable option collects one value per occurrence.
/// </summary>
internal sealed class CommonOptions
{
    public const string TableEnvironmentVariable = "ECS_OPERATOR_TABLE";

    public const string QueueEnvironmentVariable = "ECS_OPERATOR_QUEUE";

    public Option<string> StateDir { get; } = Global(Value("--state-dir", null, "DIR",
        $"Local state directory (default: ${StatePaths.EnvironmentVariable}, else $XDG_STATE_HOME/ecs-operator or ~/.local/state/ecs-operator)."));

    public Option<string> Table { get; } = Global(Value("--table", null, "NAME",
        $"Use the DynamoDB table NAME instead of the local store (default: ${TableEnvironmentVariable})."));

    public Option<string> Region { get; } = Global(Value("--region", null, "REGION", "AWS region of the table (default: $AWS_REGION, else the profile's region)."));

    public Option<string> Profile { get; } = Global(Value("--profile", null, "NAME", "AWS credentials profile (default: $AWS_PROFILE, else the SDK's default chain)."));

    public Option<string> EndpointUrl { get; } = Global(Value("--endpoint-url", null, "URL", "AWS endpoint override, e.g. a local DynamoDB (default: $AWS_ENDPOINT_URL)."));

    public Option<string> Namespace { get; } = Global(Value("--namespace", "-n", "NS", "Namespace to work in (default: default)."));

    public Option<bool> AllNamespaces { get; } = Global(Switch("--all-namespaces", "-A", "List across all namespaces (get)."));

    public Option<string> Output { get; } = Global(Value("--output", "-o", "FORMAT", "Output format: table (default), wide, yaml, json, name or jsonpath=TEMPLATE."));

    public Option<string[]> Filename { get; } = Repeatable("--filename", "-f", "FILE",
        "Manifest file, directory (searched recursively for *.yaml, *.yml, *.json) or - for stdin; repeatable.");

    public Option<bool> DryRun { get; } = Switch("--dry-run", null, "Show what would happen; write nothing.");

    public Option<string> Selector { get; } = Value("--selector", "-l", "SELECTOR",
        "Only resources whose labels match: key=value, key!=value, key in (a,b), key notin (a,b), key, !key; comma-separated, all must hold.");

    public Option<string> Queue { get; } = Value("--queue", null, "URL", $"SQS queue URL or name for --via-queue with a DynamoDB table (default: ${QueueEnvironmentVariable}).");

    public CommonOptions() => Output.Validators.Add(r =>
    {
        if (r.Tokens.Count > 0 && OutputFormats.Parse(r.Tokens[^1].Value) is null)
            r.AddError($"unknown output format \"{r.Tokens[^1].Value}\"; use table, wide, yaml, json, name or jsonpath=TEMPLATE");
    });

    /// <summary>The options every verb accepts, in the order help and completion list them.</summary>
    public IReadOnlyList<Option> Globals => [StateDir, Table, Region, Profile, EndpointUrl, Namespace, AllNamespaces, Output];

    /// <summary>An option with one value (<c>--name V</c>, <c>--name=V</c>, <c>-sV</c>); given twice, the last value counts.</summary>
    public static Option<string> Value(string name, string? alias, string valueName, string description) =>
        new(name, Aliases(alias))
        {
            HelpName = valueName,
            Description = description,
            Arity = ArgumentArity.OneOrMore,
            CustomParser = r => r.Tokens[^1].Value,
        };

    /// <summary>An option without a value: present or not.</summary>
    public static Option<bool> Switch(string name, string? alias, string description) =>
        new(name, Aliases(alias)) { Description = description, Arity = ArgumentArity.Zero };

    /// <summary>An option that may be given several times, one value each time.</summary>
    public static Option<string[]> Repeatable(string name, string? alias, string valueName, string description) =>
        new(name, Aliases(alias)) { HelpName = valueName, Description = description, Arity = ArgumentArity.OneOrMore };

    private static T Global<T>(T option) where T : Option
    {
        option.Recursive = true;
        return option;
    }

    private static string[] Aliases(string? alias) => alias is null ? [] : [alias];
}
