using EcsOperator.Aws;
using EcsOperator.Aws.Init;
using EcsOperator.Cli;

namespace EcsOperator.Commands;

/// <summary><c>ecs-operator init</c>: creates (idempotently) the DynamoDB table with Streams and the SQS queue with its DLQ.</summary>
internal static class InitCommand
{
    public const string Usage = """
        usage: ecs-operator init --table TABLE --queue NAME [--region R] [--endpoint-url URL] [--profile P]
        """;

    public static async Task<int> RunAsync(CommandArgs a, TextWriter stdout, TextWriter stderr, CancellationToken ct)
    {
        var table = a.GetOrEnv("table", "ECS_OPERATOR_TABLE");
        var queue = a.Get("queue") ?? a.GetOrEnv("queue-name", "ECS_OPERATOR_QUEUE_NAME");
        if (table is null || queue is null)
        {
            await stderr.WriteLineAsync("ecs-operator init: --table and --queue are required");
            return 2;
        }
        var options = new InitOptions(new AwsConnection(a.Get("region"), a.Get("profile"), a.Get("endpoint-url")), table, queue);
        var problems = options.Validate();
        foreach (var p in problems) await stderr.WriteLineAsync($"ecs-operator init: {p}");
        if (problems.Count > 0) return 2;
        try
        {
            var report = await new InfrastructureInitializer(TimeProvider.System).InitAsync(options, ct);
            await stdout.WriteLineAsync(report.ToString());
            return 0;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            await stderr.WriteLineAsync($"ecs-operator init: {e.Message}");
            return 1;
        }
    }
}
