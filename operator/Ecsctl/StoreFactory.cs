using Ecsctl.Cli;
using EcsOperator.Aws;
using EcsOperator.Aws.DynamoDb;
using EcsOperator.Core.LocalStore;
using EcsOperator.Core.State;
using EcsOperator.Core.Store;
using Microsoft.Extensions.Logging;

namespace Ecsctl;

/// <summary>The stores a command works on.</summary>
internal sealed record StoreSet(IResourceStore Resources, IEventStore Events, string Description);

/// <summary>The store flags of the command line (null: not given).</summary>
internal sealed record StoreFlags(string? StateDir, string? Table, string? Region, string? Profile, string? EndpointUrl);

/// <summary>
/// Picks the store from the command line: the DynamoDB table of <c>--table NAME</c> (else <c>ECS_OPERATOR_TABLE</c>),
/// reached with <c>--region</c>, <c>--profile</c> and <c>--endpoint-url</c> as the AWS CLI spells them (else
/// <c>AWS_REGION</c>, <c>AWS_PROFILE</c>, <c>AWS_ENDPOINT_URL</c> and the SDK's default chain); without a table, the
/// local store in the state directory (an explicit <c>--state-dir</c> wins over <c>ECS_OPERATOR_TABLE</c>) (<c>--state-dir DIR</c>, else <c>ECS_OPERATOR_STATE_DIR</c>, else the per-user
/// default of <see cref="StatePaths.Resolve"/>).
/// </summary>
internal static class StoreFactory
{
    public const string TableEnvironmentVariable = CommonOptions.TableEnvironmentVariable;

    /// <param name="warnings">Where store warnings go (e.g. a table item whose pk is not a resource key); null drops them.</param>
    public static StoreSet Create(StoreFlags flags, TimeProvider time, TextWriter? warnings = null)
    {
        if (flags.Table is not null && flags.StateDir is not null) throw new UsageException("--table and --state-dir select different stores; give one of them");
        var table = flags.Table ?? (flags.StateDir is not null ? null : Environment.GetEnvironmentVariable(TableEnvironmentVariable));
        if (!string.IsNullOrWhiteSpace(table))
        {
            var connection = new AwsConnection(flags.Region, flags.Profile, flags.EndpointUrl);
            var logger = warnings is null ? null : new WarningWriter(warnings);
            var dynamo = DynamoDbResourceStore.Create(connection, table.Trim(), time, null, logger);
            var where = connection.EffectiveEndpointUrl ?? connection.EffectiveRegion ?? "default region";
            return new StoreSet(dynamo, dynamo, $"DynamoDB table {table.Trim()} ({where})");
        }

        foreach (var (aws, given) in new[] { ("region", flags.Region), ("profile", flags.Profile), ("endpoint-url", flags.EndpointUrl) })
        {
            if (given is not null) throw new UsageException($"--{aws} applies to a DynamoDB table; give --table NAME (or set {TableEnvironmentVariable})");
        }

        var paths = StatePaths.Resolve(flags.StateDir);
        var store = new LocalResourceStore(paths, time);
        return new StoreSet(store, store, $"local store {paths.Store}");
    }
}

/// <summary>Writes a store's warnings as <c>warning: ...</c> lines (ecsctl has no logging pipeline).</summary>
internal sealed class WarningWriter(TextWriter writer) : ILogger
{
    public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Warning;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        if (IsEnabled(logLevel)) writer.WriteLine("warning: " + formatter(state, exception));
    }
}
