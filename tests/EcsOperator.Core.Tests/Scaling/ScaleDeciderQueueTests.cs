using EcsOperator.Core.Scaling;
using static EcsOperator.Core.Tests.Scaling.ScaleTestRules;

namespace EcsOperator.Core.Tests.Scaling;

public sealed class ScaleDeciderQueueTests
{
    private const string Queue = "https://sqs.us-east-1.amazonaws.com/123456789012/jobs";
    private static readonly ScaleRules Rules = Sample(queues: [new QueueRule(Queue, 10)]);

    [Theory]
    [InlineData(5, 0, 0, "", 2)]          // empty queue: down to the minimum
    [InlineData(3, 45, 0, "", 5)]         // ceil(45 / 10)
    [InlineData(3, 41, 9, "", 5)]         // visible + in flight
    [InlineData(3, 1, 0, "", 2)]          // 1 task wanted, minimum 2
    [InlineData(3, 95, 10, "", 10)]       // 11 wanted, stage ceiling 10
    [InlineData(3, 45, 0, "cpu-high", 5)] // alarms ask 4, queue asks 5: the larger
    [InlineData(5, 10, 0, "cpu-high", 6)] // alarms ask 6, queue asks 1: the larger
    [InlineData(8, 60, 0, "cpu-low", 7)]  // alarms ask 7, queue asks 6
    [InlineData(8, 90, 0, "cpu-low", 9)]  // alarms ask 7, queue asks 9
    public void Queue_depth_combines_with_alarms_by_the_larger(int current, long visible, long inFlight, string alarms, int expected)
    {
        var depths = new Dictionary<string, QueueDepth> { [Queue] = new QueueDepth(visible, inFlight) };
        var decision = ScaleDecider.Decide(Input(Rules, current, alarms, queues: depths));
        Assert.True(expected == decision.DesiredCount, $"expected {expected}, got {decision.DesiredCount} ({decision.Reason})");
        Assert.Contains(decision.FiredTriggers, f => f.Kind == "queue" && f.Source == Queue);
    }

    [Fact]
    public void Unreadable_queue_holds_the_count_and_says_why()
    {
        var decision = ScaleDecider.Decide(Input(Rules, 5, "cpu-critical"));
        Assert.Equal(5, decision.DesiredCount);
        Assert.Equal([Queue], decision.UnreadQueues);
        var active = decision.Conditions.Single(c => c.Type == ScaleConditions.ScalingActive);
        Assert.Equal(("False", ScaleConditions.QueueUnavailable), (active.Status, active.Reason));
    }

    [Fact]
    public void Missing_alarm_holds_the_count_sets_a_condition_and_names_it()
    {
        var decision = ScaleDecider.Decide(Input(Sample(), 5, "cpu-critical,errors-high=-"));
        Assert.Equal(5, decision.DesiredCount);
        Assert.Equal(["errors-high"], decision.MissingAlarms);
        var active = decision.Conditions.Single(c => c.Type == ScaleConditions.ScalingActive);
        Assert.Equal(("False", ScaleConditions.AlarmNotFound), (active.Status, active.Reason));
        Assert.Contains("errors-high", active.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Reasons_name_the_fired_triggers_the_minimum_and_the_ceiling()
    {
        var decision = ScaleDecider.Decide(Input(Sample(), 9, "cpu-critical,cpu-low"));
        Assert.Equal(10, decision.DesiredCount);
        Assert.Contains(decision.FiredTriggers, f => f is { Kind: "upscale", Source: "cpu-critical", Effect: "+3", Counted: true });
        Assert.Contains(decision.FiredTriggers, f => f is { Kind: "downscale", Source: "cpu-low", Counted: false });
        Assert.Equal(new MinimumInForce(2, "minTaskCount"), decision.Minimum);
        Assert.Equal(10, decision.Ceiling.Count);
        Assert.Equal(Noon + TimeSpan.FromSeconds(300), decision.Ceiling.UnlocksAt);
        var limited = decision.Conditions.Single(c => c.Type == ScaleConditions.ScalingLimited);
        Assert.Equal(("True", ScaleConditions.StageCeiling), (limited.Status, limited.Reason));
        Assert.Contains("capped at 10", decision.Reason, StringComparison.Ordinal);
    }
}
