using EcsOperator.Core.Scaling;
using static EcsOperator.Core.Tests.Scaling.ScaleTestRules;

namespace EcsOperator.Core.Tests.Scaling;

public sealed class ScaleDeciderScheduleTests
{
    // Tokyo is UTC+9 all year; London is UTC+0 in November and UTC+1 in July.
    private static readonly ScaleRules Rules = Sample(windows:
    [
        Window("22:00", "06:00", 6, "Asia/Tokyo", 0),
        Window("08:00", "10:00", 8, "Europe/London", 1),
        Window("09:00", "11:00", 4, "UTC", 2),
    ]);

    [Theory]
    [InlineData("2026-11-26T12:59:00Z", 1, "", 2, "minTaskCount")]
    [InlineData("2026-11-26T13:00:00Z", 1, "", 6, "[0]")]              // 22:00 Tokyo: the window opens
    [InlineData("2026-11-26T15:00:00Z", 1, "", 6, "[0]")]              // midnight Tokyo: still inside
    [InlineData("2026-11-26T20:59:00Z", 1, "", 6, "[0]")]              // 05:59 Tokyo
    [InlineData("2026-11-26T21:00:00Z", 1, "", 2, "minTaskCount")]     // 06:00 Tokyo: closed (to is exclusive)
    [InlineData("2026-11-26T08:30:00Z", 1, "", 8, "[1]")]              // 08:30 London (GMT)
    [InlineData("2026-11-26T09:30:00Z", 1, "", 8, "[1]")]              // London and UTC windows overlap: the first wins
    [InlineData("2026-11-26T10:30:00Z", 1, "", 4, "[2]")]
    [InlineData("2026-07-01T07:30:00Z", 1, "", 8, "[1]")]              // 08:30 London (BST)
    [InlineData("2026-07-01T09:30:00Z", 1, "", 4, "[2]")]              // 10:30 London (BST): London closed, UTC open
    [InlineData("2026-11-26T13:00:00Z", 7, "", 7, "[0]")]              // above the minimum: nothing to do
    [InlineData("2026-11-26T13:00:00Z", 7, "cpu-low", 6, "[0]")]
    [InlineData("2026-11-26T13:00:00Z", 6, "cpu-low", 6, "[0]")]       // at the window's minimum: downscale ignored
    [InlineData("2026-11-26T13:00:00Z", 8, "errors-high", 6, "[0]")]   // downscale stops at the window's minimum
    [InlineData("2026-11-26T21:00:00Z", 6, "cpu-low", 5, "minTaskCount")]
    public void First_window_covering_now_replaces_the_minimum(string nowUtc, int current, string alarms, int expected, string source)
    {
        var decision = ScaleDecider.Decide(Input(Rules, current, alarms, now: Utc(nowUtc)));
        Assert.Equal(expected, decision.DesiredCount);
        Assert.Contains(source, decision.Minimum.Source, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("00:00", "00:00", "2026-11-26T03:00:00Z", true)]
    [InlineData("10:00", "10:00", "2026-11-26T09:59:00Z", true)]
    [InlineData("23:30", "00:30", "2026-11-26T23:45:00Z", true)]
    [InlineData("23:30", "00:30", "2026-11-27T00:15:00Z", true)]
    [InlineData("23:30", "00:30", "2026-11-27T00:30:00Z", false)]
    [InlineData("23:30", "00:30", "2026-11-26T23:29:59Z", false)]
    [InlineData("1:45", "4:30", "2026-11-26T01:45:00Z", true)]
    [InlineData("1:45", "4:30", "2026-11-26T04:30:00Z", false)]
    [InlineData("00:00", "24:00", "2026-11-26T23:59:00Z", true)]
    public void Windows_cover_their_span_and_may_cross_midnight(string from, string to, string nowUtc, bool covers) =>
        Assert.Equal(covers, Window(from, to, 3, "UTC").Covers(Utc(nowUtc)));

    [Theory]
    [InlineData("25:00", "06:00", "UTC", "spec.scheduledMinTaskCount[0].from")]
    [InlineData("22:00", "", "UTC", "spec.scheduledMinTaskCount[0].to")]
    [InlineData("22:00", "06:00", "Mars/Olympus", "spec.scheduledMinTaskCount[0].timeZone")]
    public void Bad_window_text_is_an_error_naming_the_field(string from, string to, string zone, string field)
    {
        Assert.False(MinimumWindowParser.TryParse(from, to, 3, zone, "spec.scheduledMinTaskCount[0]", out var window, out var error));
        Assert.Null(window);
        Assert.StartsWith(field, error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_window_above_the_top_ceiling_is_limited_to_it()
    {
        var rules = Sample(max: [10, 25], windows: [Window("00:00", "00:00", 40, "UTC")]);
        var decision = ScaleDecider.Decide(Input(rules, 3, ""));
        Assert.Equal(25, decision.DesiredCount);
        Assert.Contains("limited to the top ceiling", decision.Minimum.Source, StringComparison.Ordinal);
    }

    [Fact]
    public void A_window_minimum_above_a_stage_ceiling_wins_over_the_stage()
    {
        var rules = Sample(max: [10, 25], windows: [Window("00:00", "00:00", 14, "UTC")]);
        var decision = ScaleDecider.Decide(Input(rules, 5, ""));
        Assert.Equal(14, decision.DesiredCount);
        var limited = decision.Conditions.Single(c => c.Type == ScaleConditions.ScalingLimited);
        Assert.Equal(ScaleConditions.BelowMinimum, limited.Reason);
    }
}
