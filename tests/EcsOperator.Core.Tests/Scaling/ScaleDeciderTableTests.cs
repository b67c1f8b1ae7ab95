using EcsOperator.Core.Scaling;
using static EcsOperator.Core.Tests.Scaling.ScaleTestRules;

namespace EcsOperator.Core.Tests.Scaling;

public sealed class ScaleDeciderTableTests
{
    [Theory]
    [InlineData("nothing fires", 5, "", 5)]
    [InlineData("upscale takes the policy step", 5, "cpu-high", 6)]
    [InlineData("upscale takes its own step", 5, "cpu-critical", 8)]
    [InlineData("largest upscale step wins", 5, "cpu-high,cpu-critical", 8)]
    [InlineData("downscale takes the policy step", 5, "cpu-low", 4)]
    [InlineData("largest downscale step wins", 5, "cpu-low,errors-high", 3)]
    [InlineData("downscale ignored at the minimum", 2, "cpu-low", 2)]
    [InlineData("downscale ignored below the minimum, minimum enforced", 1, "cpu-low,errors-high", 2)]
    [InlineData("downscale overshooting the minimum stops at it", 3, "errors-high", 2)]
    [InlineData("upscale beats a non-prioritized downscale", 5, "cpu-high,cpu-low", 6)]
    [InlineData("prioritized downscale beats upscale", 5, "cpu-critical,errors-high", 3)]
    [InlineData("prioritized downscale beats upscale, non-prioritized one still ignored", 6, "cpu-high,cpu-low,errors-high", 4)]
    [InlineData("minimum enforced without alarms", 0, "", 2)]
    [InlineData("minimum enforced with an upscale too small", 0, "cpu-high", 2)]
    [InlineData("stage ceiling caps a step", 9, "cpu-critical", 10)]
    [InlineData("at the stage ceiling the upscale waits for the cooldown", 10, "cpu-high", 10)]
    [InlineData("inside the second stage the upscale goes on", 12, "cpu-critical", 15)]
    [InlineData("the top ceiling caps", 24, "cpu-critical", 25)]
    [InlineData("at the top ceiling nothing more", 25, "cpu-high", 25)]
    [InlineData("above the top ceiling is pulled down without alarms", 30, "", 25)]
    [InlineData("above the top ceiling is pulled down even with an upscale", 30, "cpu-high", 25)]
    [InlineData("above the top ceiling with a downscale still ends at the top", 40, "cpu-low", 25)]
    [InlineData("alarm in OK does not fire an ALARM trigger", 5, "cpu-high=OK", 5)]
    [InlineData("INSUFFICIENT_DATA does not fire an ALARM trigger", 5, "cpu-high=INSUFFICIENT_DATA", 5)]
    [InlineData("state comparison ignores case", 5, "cpu-high=alarm", 6)]
    [InlineData("a missing alarm holds the count", 5, "cpu-critical,cpu-high=-", 5)]
    [InlineData("a missing alarm still lets the minimum in", 1, "cpu-low=-", 2)]
    [InlineData("a missing alarm still lets the top ceiling pull down", 27, "cpu-low=-", 25)]
    [InlineData("negative live count is read as zero", -3, "", 2)]
    public void Alarm_steps_minimum_and_ceilings(string because, int current, string alarms, int expected)
    {
        var rules = Sample();
        var decision = ScaleDecider.Decide(Input(rules, current, alarms));
        Assert.True(expected == decision.DesiredCount, $"{because}: expected {expected}, got {decision.DesiredCount} ({decision.Reason})");
    }

    [Theory]
    [InlineData("upscale with a step of 2 by default", 2, 5, "cpu-high", 7)]
    [InlineData("trigger's own step overrides the policy step", 2, 5, "cpu-critical", 8)]
    [InlineData("policy step 0 is read as 1", 0, 5, "cpu-high", 6)]
    [InlineData("policy downscale step 4 down to the minimum", 4, 5, "cpu-low", 2)]
    public void Trigger_step_defaults_to_the_policy_step(string because, int step, int current, string alarms, int expected)
    {
        var decision = ScaleDecider.Decide(Input(Sample(step: step), current, alarms));
        Assert.True(expected == decision.DesiredCount, $"{because}: expected {expected}, got {decision.DesiredCount} ({decision.Reason})");
    }

    [Theory]
    //            current, timer ceiling (0 = none), timer age s, alarms, expected, expected timer ceiling (0 = none), timer restarted now
    [InlineData("reaching 10 starts the timer", 8, 0, 0, "cpu-critical", 10, 10, true)]
    [InlineData("standing at 10 without a timer starts it", 10, 0, 0, "cpu-high", 10, 10, true)]
    [InlineData("299 s at 10: still held", 10, 10, 299, "cpu-high", 10, 10, false)]
    [InlineData("300 s at 10: the next stage opens", 10, 10, 300, "cpu-high", 11, 0, false)]
    [InlineData("after the cooldown a large step goes past 10", 10, 10, 600, "cpu-critical", 13, 0, false)]
    [InlineData("after the cooldown with no alarm the timer keeps running", 10, 10, 600, "", 10, 10, false)]
    [InlineData("falling below 10 resets the timer", 10, 10, 1000, "cpu-low", 9, 0, false)]
    [InlineData("a timer from before a fall does not carry over", 9, 10, 1000, "cpu-critical", 10, 10, true)]
    [InlineData("a timer for another ceiling restarts", 10, 25, 1000, "cpu-high", 10, 10, true)]
    [InlineData("a timer in the future restarts", 10, 10, -100, "cpu-high", 10, 10, true)]
    [InlineData("no timer at the top ceiling", 24, 0, 0, "cpu-high", 25, 0, false)]
    public void Staged_ceilings_with_cooldown(string because, int current, int timerCeiling, int timerAgeSeconds, string alarms,
        int expected, int expectedTimerCeiling, bool restarted)
    {
        var timer = timerCeiling == 0 ? null : new CeilingTimer(timerCeiling, Noon - TimeSpan.FromSeconds(timerAgeSeconds));
        var decision = ScaleDecider.Decide(Input(Sample(), current, alarms, timer: timer));
        Assert.True(expected == decision.DesiredCount, $"{because}: expected {expected}, got {decision.DesiredCount} ({decision.Reason})");
        Assert.Equal(expectedTimerCeiling, decision.CeilingTimer?.Ceiling ?? 0);
        if (expectedTimerCeiling != 0)
            Assert.Equal(restarted ? Noon : timer!.ReachedAt, decision.CeilingTimer!.ReachedAt);
    }

    [Theory]
    [InlineData(25, 10, 300, "cpu-critical", 25)]
    [InlineData(25, 25, 299, "cpu-critical", 25)]
    [InlineData(25, 25, 300, "cpu-critical", 28)]
    [InlineData(39, 0, 0, "cpu-critical", 40)]
    [InlineData(40, 0, 0, "cpu-high", 40)]
    public void Three_stages_open_one_at_a_time(int current, int timerCeiling, int age, string alarms, int expected)
    {
        var rules = Sample(max: [10, 25, 40]);
        var timer = timerCeiling == 0 ? null : new CeilingTimer(timerCeiling, Noon - TimeSpan.FromSeconds(age));
        var decision = ScaleDecider.Decide(Input(rules, current, alarms, timer: timer));
        Assert.True(expected == decision.DesiredCount, $"from {current}: expected {expected}, got {decision.DesiredCount} ({decision.Reason})");
    }

    [Theory]
    [InlineData(59, 5, "cpu-high", 5)]
    [InlineData(60, 5, "cpu-high", 6)]
    [InlineData(0, 5, "cpu-critical", 5)]
    [InlineData(30, 1, "", 1)]
    [InlineData(30, 40, "", 40)]
    [InlineData(61, 1, "", 2)]
    public void Idle_time_holds_every_change(int secondsSinceLastScale, int current, string alarms, int expected)
    {
        var rules = Sample(idle: 60);
        var decision = ScaleDecider.Decide(Input(rules, current, alarms, lastScale: Noon - TimeSpan.FromSeconds(secondsSinceLastScale)));
        Assert.Equal(expected, decision.DesiredCount);
        var able = decision.Conditions.Single(c => c.Type == ScaleConditions.AbleToScale);
        Assert.Equal(secondsSinceLastScale < 60 ? "False" : "True", able.Status);
    }
}
