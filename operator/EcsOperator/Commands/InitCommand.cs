using EcsOperator.Aws;
using EcsOperator.Aws.Init;
using EcsOperator.Cli;

namespace EcsOperator.Commands;

/// <summary><c>ecs-operator init</c>: creates (idempotently) the DynamoDB table with Streams and the SQS queue with its DLQ.</summary>
internal static class InitCommand
{
    public const string Usage = """
        usage: ecs-operator init --table TABLE --queue-name NAME [--max-receive-count N] [--region R] [--endpoint-url URL] [--profile P]
          --table TABLE            DynamoDB table to create (with Streams and TTL) or check ($ECS_OPERATOR_TABLE)
          --queue-name NAME        SQS job queue to create or check; its dead-letter queue is NAME-dlq ($ECS_OPERATOR_QUEUE_NAME)
          --max-receive-count N    receives before a message moves to the dead-letter queue (default 5)
          --region R               AWS region ($AWS_REGION)
          --endpoint-url URL       one endpoint for every AWS service, e.g. moto ($AWS_ENDPOINT_URL)
          --profile P              AWS credentials profile
        Safe to run twice: prints created / found / updated for each resource.
        """;

    public static async Task<int> RunAsync(CommandArgs a, TextWriter stdout, TextWriter stderr, CancellationToken ct)
    {
        var table = a.GetOrEnv("table", "ECS_OPERATOR_TABLE");
        var queue = a.GetOrEnv("queue-name", "ECS_OPERATOR_QUEUE_NAME");
        if (table is null || queue is null)
        {
            await stderr.WriteLineAsync("ecs-operator init: --table and --queue-name are required");
            return 2;
        }
        var options = new InitOptions(new AwsConnection(a.Get("region"), a.Get("profile"), a.Get("endpoint-url")), table, queue);
        if (a.Get("max-receive-count") is { } mrc)
        {
            if (!int.TryParse(mrc, System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var n) || n < 1)
            {
                await stderr.WriteLineAsync($"ecs-operator init: --max-receive-count: '{mrc}' is not a whole number of at least 1");
                return 2;
            }
            options = options with { MaxReceiveCount = n };
        }
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
