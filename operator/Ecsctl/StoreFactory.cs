using Ecsctl.Cli;
using EcsOperator.Aws;
using EcsOperator.Aws.DynamoDb;
using EcsOperator.Core.LocalStore;
using EcsOperator.Core.State;
using EcsOperator.Core.Store;

namespace Ecsctl;

/// <summary>The stores a command works on.</summary>
internal sealed record StoreSet(IResourceStore Resources, IEventStore Events, string Description);

/// <summary>
/// Picks the store from the command line: the DynamoDB table of <c>--table NAME</c> (else <c>ECS_OPERATOR_TABLE</c>),
/// reached with <c>--region</c>, <c>--profile</c> and <c>--endpoint-url</c> as the AWS CLI spells them (else
/// <c>AWS_REGION</c>, <c>AWS_PROFILE</c>, <c>AWS_ENDPOINT_URL</c> and the SDK's default chain); without a table, the
/// local store in the state directory (an explicit <c>--state-dir</c> wins over <c>ECS_OPERATOR_TABLE</c>) (<c>--state-dir DIR</c>, else <c>ECS_OPERATOR_STATE_DIR</c>, else the per-user
/// default of <see cref="StatePaths.Resolve"/>).
/// </summary>
internal static class StoreFactory
{
    public const string TableEnvironmentVariable = "ECS_OPERATOR_TABLE";

    public static IReadOnlyList<FlagSpec> Flags { get; } =
    [
        new("state-dir", null, "DIR",
            $"Local state directory (default: ${StatePaths.EnvironmentVariable}, else $XDG_STATE_HOME/ecs-operator or ~/.local/state/ecs-operator)."),
        new("table", null, "NAME", $"Use the DynamoDB table NAME instead of the local store (default: ${TableEnvironmentVariable})."),
        new("region", null, "REGION", "AWS region of the table (default: $AWS_REGION, else the profile's region)."),
        new("profile", null, "NAME", "AWS credentials profile (default: $AWS_PROFILE, else the SDK's default chain)."),
        new("endpoint-url", null, "URL", "AWS endpoint override, e.g. a local DynamoDB (default: $AWS_ENDPOINT_URL)."),
    ];

    public static StoreSet Create(CommandLine line, TimeProvider time)
    {
        if (line.Has("table") && line.Has("state-dir")) throw new UsageException("--table and --state-dir select different stores; give one of them");
        var table = line.Value("table") ?? (line.Has("state-dir") ? null : Environment.GetEnvironmentVariable(TableEnvironmentVariable));
        if (!string.IsNullOrWhiteSpace(table))
        {
            var connection = new AwsConnection(line.Value("region"), line.Value("profile"), line.Value("endpoint-url"));
            var dynamo = DynamoDbResourceStore.Create(connection, table.Trim(), time);
            var where = connection.EffectiveEndpointUrl ?? connection.EffectiveRegion ?? "default region";
            return new StoreSet(dynamo, dynamo, $"DynamoDB table {table.Trim()} ({where})");
        }

        foreach (var aws in new[] { "region", "profile", "endpoint-url" })
        {
            if (line.Has(aws)) throw new UsageException($"--{aws} applies to a DynamoDB table; give --table NAME (or set {TableEnvironmentVariable})");
        }

        var paths = StatePaths.Resolve(line.Value("state-dir"));
        var store = new LocalResourceStore(paths, time);
        return new StoreSet(store, store, $"local store {paths.Store}");
    }
}
