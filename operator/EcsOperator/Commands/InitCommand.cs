using System.CommandLine;
using EcsOperator.Aws;
using EcsOperator.Aws.Init;
using EcsOperator.Cli;

namespace EcsOperator.Commands;

/// <summary><c>ecs-operator init</c>: creates (idempotently) the DynamoDB table with Streams and the SQS queue with its DLQ.</summary>
internal sealed class InitCommand
{
    private readonly Option<string> _table = OptionKinds.Text("--table", "TABLE", "DynamoDB table to create (with Streams and TTL) or check ($ECS_OPERATOR_TABLE)");

    private readonly Option<string> _queueName = OptionKinds.Text("--queue-name", "NAME",
        "SQS job queue to create or check; its dead-letter queue is NAME-dlq ($ECS_OPERATOR_QUEUE_NAME)");

    private readonly Option<int?> _maxReceiveCount = OptionKinds.Count("--max-receive-count", "N",
        "receives before a message moves to the dead-letter queue (default 5)", min: 1);

    private readonly Option<string> _region = OptionKinds.Text("--region", "R", "AWS region ($AWS_REGION)");

    private readonly Option<string> _endpointUrl = OptionKinds.Text("--endpoint-url", "URL", "one endpoint for every AWS service, e.g. moto ($AWS_ENDPOINT_URL)");

    private readonly Option<string> _profile = OptionKinds.Text("--profile", "P", "AWS credentials profile");

    public Command Build()
    {
        var command = new Command("init", "create the DynamoDB table and SQS queues the operator uses; safe to run twice: prints created / found / updated for each resource")
        {
            _table, _queueName, _maxReceiveCount, _region, _endpointUrl, _profile,
        };
        command.SetAction((a, ct) => RunAsync(a, a.InvocationConfiguration.Output, a.InvocationConfiguration.Error, ct));
        return command;
    }

    private async Task<int> RunAsync(ParseResult a, TextWriter stdout, TextWriter stderr, CancellationToken ct)
    {
        var table = a.GetValue(_table) ?? CommonOptions.EnvText("ECS_OPERATOR_TABLE");
        var queue = a.GetValue(_queueName) ?? CommonOptions.EnvText("ECS_OPERATOR_QUEUE_NAME");
        if (table is null || queue is null)
        {
            await stderr.WriteLineAsync("ecs-operator init: --table and --queue-name are required");
            return 2;
        }
        var options = new InitOptions(new AwsConnection(a.GetValue(_region), a.GetValue(_profile), a.GetValue(_endpointUrl)), table, queue);
        if (a.GetValue(_maxReceiveCount) is { } n) options = options with { MaxReceiveCount = n };
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
