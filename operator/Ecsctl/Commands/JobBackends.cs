using Ecsctl.Cli;
using EcsOperator.Aws;
using EcsOperator.Aws.Sqs;
using EcsOperator.Core.Aws;
using EcsOperator.Core.LocalStore;
using EcsOperator.Core.Queue;
using EcsOperator.Core.State;
using EcsOperator.Simulator;

namespace Ecsctl.Commands;

/// <summary>
/// Where <c>run</c> and <c>logs</c> read logs and send queued Jobs: next to the local store, the simulator's persisted
/// logs and the local job queue in the same state directory; next to a DynamoDB table, CloudWatch Logs and the SQS
/// queue of <c>--queue</c> (else <c>ECS_OPERATOR_QUEUE</c>).
/// </summary>
internal static class JobBackends
{
    public const string QueueEnvironmentVariable = CommonOptions.QueueEnvironmentVariable;

    private static bool IsLocal(CommandContext ctx) => ctx.Stores.Resources is LocalResourceStore;

    private static StatePaths Paths(CommandContext ctx) => StatePaths.Resolve(ctx.StoreFlags.StateDir);

    public static ILogsApi Logs(CommandContext ctx) =>
        IsLocal(ctx) ? new SimulatedLogsReader(Paths(ctx).Simulator) : AwsClients.Create(ctx.Connection, ctx.Time).Logs;

    public static async Task<IJobQueue> QueueAsync(CommandContext ctx, CancellationToken ct)
    {
        if (IsLocal(ctx)) return new LocalJobQueue(Paths(ctx), ctx.Time);
        var queue = ctx.Value(ctx.Options.Queue) ?? Environment.GetEnvironmentVariable(QueueEnvironmentVariable)
            ?? throw new UsageException($"--via-queue with a DynamoDB table needs --queue URL (or {QueueEnvironmentVariable})", ctx.CommandName);
        return await SqsJobQueue.CreateAsync(ctx.Connection, queue, ctx.Time, ct);
    }
}
