using Ecsctl.Cli;

namespace Ecsctl;

/// <summary>What a command runs with: its streams, the clock, and the stores (opened on first use, so
/// <c>validate</c>, <c>explain</c> and <c>version</c> never touch the state directory).</summary>
internal sealed class CommandContext(CommandLine line, TextReader stdin, TextWriter stdout, TextWriter stderr, TimeProvider time)
{
    private StoreSet? _stores;

    public CommandLine Line { get; } = line;

    public TextReader Stdin { get; } = stdin;

    public TextWriter Out { get; } = stdout;

    public TextWriter Err { get; } = stderr;

    public TimeProvider Time { get; } = time;

    public StoreSet Stores => _stores ??= StoreFactory.Create(Line, Time, Err);

    /// <summary>The namespace of <c>-n</c>, else <c>default</c>.</summary>
    public string Namespace => Line.Value("namespace") ?? EcsOperator.Core.Resources.ResourceKey.DefaultNamespace;

    public bool AllNamespaces => Line.Has("all-namespaces");

    public OutputFormat Output => Line.Value("output") switch
    {
        null or "table" => OutputFormat.Table,
        "wide" => OutputFormat.Wide,
        "yaml" => OutputFormat.Yaml,
        "json" => OutputFormat.Json,
        "name" => OutputFormat.Name,
        var t when t.StartsWith("jsonpath=", StringComparison.Ordinal) => OutputFormat.JsonPath,
        var other => throw new UsageException($"unknown output format \"{other}\"; use table, wide, yaml, json, name or jsonpath=TEMPLATE", Line.Command?.Name),
    };
}

internal enum OutputFormat { Table, Wide, Yaml, Json, Name, JsonPath }
