using EcsOperator.Core.Events;

namespace EcsOperator.Aws.Tests.Init;

/// <summary>The CloudFormation template routes every event type the operator consumes to the events queue, as
/// <c>ecs-operator init</c> does, and lets the operator's role read that queue.</summary>
public sealed class EventRulesTemplateTests
{
    [Fact]
    public void The_template_routes_every_consumed_event_type_and_the_role_reads_the_events_queue()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Operator.sln"))) dir = dir.Parent;
        var text = File.ReadAllText(Path.Combine(dir!.FullName, "samples", "infra", "operator.template"));
        Assert.All(AwsEventParser.Routed, r =>
        {
            Assert.Contains($"source: [{r.Source}]", text, StringComparison.Ordinal);
            Assert.Contains(r.DetailType, text, StringComparison.Ordinal);
        });
        Assert.Contains("Service: events.amazonaws.com", text, StringComparison.Ordinal);
        Assert.Contains("deadLetterTargetArn: !GetAtt EventsDeadLetterQueue.Arn", text, StringComparison.Ordinal);
        Assert.Contains("- Sid: EventsQueue", text, StringComparison.Ordinal);
    }
}
