using System.CommandLine;
using Ecsctl.Cli;
using EcsOperator.Aws;

namespace Ecsctl;

/// <summary>What a command runs with: the parsed command line, its streams, the clock, and the stores (opened on
/// first use, so <c>validate</c>, <c>explain</c> and <c>version</c> never touch the state directory).</summary>
internal sealed class CommandContext
{
    private readonly EcsctlInvocation _invocation;
    private StoreSet? _stores;

    public CommandContext(ParseResult parse, CommonOptions options)
    {
        Parse = parse;
        Options = options;
        _invocation = parse.InvocationConfiguration as EcsctlInvocation
            ?? throw new InvalidOperationException("ecsctl commands run through EcsctlProgram.MainAsync");
    }

    public ParseResult Parse { get; }

    public CommonOptions Options { get; }

    /// <summary>The verb's name, for messages.</summary>
    public string CommandName => Parse.CommandResult.Command.Name;

    public TextReader Stdin => _invocation.Stdin;

    public TextWriter Out => _invocation.Output;

    public TextWriter Err => _invocation.Error;

    public TimeProvider Time => _invocation.Time;

    public T? Value<T>(Option<T> option) => Parse.GetValue(option);

    public T? Value<T>(Argument<T> argument) => Parse.GetValue(argument);

    /// <summary>Whether the option was given on the command line.</summary>
    public bool Has(Option option) => Parse.GetResult(option) is { Implicit: false };

    public IReadOnlyList<string> Values(Option<string[]> option) => Parse.GetValue(option) ?? [];

    public StoreSet Stores => _stores ??= StoreFactory.Create(StoreFlags, Time, Err);

    public StoreFlags StoreFlags => new(Value(Options.StateDir), Value(Options.Table), Value(Options.Region), Value(Options.Profile), Value(Options.EndpointUrl));

    /// <summary>The AWS connection of <c>--region</c>, <c>--profile</c> and <c>--endpoint-url</c>.</summary>
    public AwsConnection Connection => new(Value(Options.Region), Value(Options.Profile), Value(Options.EndpointUrl));

    /// <summary>The namespace of <c>-n</c>, else <c>default</c>.</summary>
    public string Namespace => Value(Options.Namespace) ?? EcsOperator.Core.Resources.ResourceKey.DefaultNamespace;

    /// <summary>The namespace of <c>-n</c> when given, else null (the documents' own namespaces).</summary>
    public string? ExplicitNamespace => Value(Options.Namespace);

    public bool AllNamespaces => Value(Options.AllNamespaces);

    public bool DryRun => Value(Options.DryRun);

    /// <summary>The <c>-o</c> format (checked while parsing, so never unknown here).</summary>
    public OutputFormat Output => OutputFormats.Parse(Value(Options.Output)) ?? OutputFormat.Table;

    /// <summary>The template of <c>-o jsonpath=TEMPLATE</c>.</summary>
    public string JsonPathTemplate => Value(Options.Output)!["jsonpath=".Length..].Trim('\'', '"');

    /// <summary>The <c>-l</c> selector, or null.</summary>
    public Commands.LabelSelector? Selector => Value(Options.Selector) is { } text ? Commands.LabelSelector.Parse(text, CommandName) : null;

    /// <summary>The files of <c>-f</c>; a usage error when there is none.</summary>
    public IReadOnlyList<string> RequireFiles()
    {
        var files = Values(Options.Filename);
        return files.Count > 0 ? files : throw new UsageException("-f FILE|DIR|- is required", CommandName);
    }
}

internal enum OutputFormat { Table, Wide, Yaml, Json, Name, JsonPath }

internal static class OutputFormats
{
    /// <summary>The format of an <c>-o</c> value (none: table), or null for an unknown one.</summary>
    public static OutputFormat? Parse(string? text) => text switch
    {
        null or "table" => OutputFormat.Table,
        "wide" => OutputFormat.Wide,
        "yaml" => OutputFormat.Yaml,
        "json" => OutputFormat.Json,
        "name" => OutputFormat.Name,
        _ when text.StartsWith("jsonpath=", StringComparison.Ordinal) => OutputFormat.JsonPath,
        _ => null,
    };
}
