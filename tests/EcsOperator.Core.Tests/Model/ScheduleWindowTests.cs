using EcsOperator.Core.Model;

namespace EcsOperator.Core.Tests.Model;

public sealed class ScheduleWindowTests
{
    [Theory]
    [InlineData("1:45", 1, 45)]
    [InlineData("04:30", 4, 30)]
    [InlineData("0:00", 0, 0)]
    [InlineData("23:59", 23, 59)]
    [InlineData("24:00", 24, 0)]
    public void Parses_h_mm(string text, int hours, int minutes)
    {
        Assert.True(ScheduleWindow.TryParse(text, out var t));
        Assert.Equal(TimeSpan.FromHours(hours) + TimeSpan.FromMinutes(minutes), t);
        Assert.Matches(ScheduleWindow.Pattern, text);
    }

    [Theory]
    [InlineData("25:00")]
    [InlineData("4:3")]
    [InlineData("24:30")]
    [InlineData("1:60")]
    [InlineData("145")]
    [InlineData("")]
    [InlineData("a:bc")]
    [InlineData("-1:00")]
    public void Rejects_what_the_schema_pattern_rejects(string text)
    {
        Assert.False(ScheduleWindow.TryParse(text, out _));
        Assert.DoesNotMatch(ScheduleWindow.Pattern, text);
    }

    [Theory]
    [InlineData("1:45", "4:30", "1:45", true)]
    [InlineData("1:45", "4:30", "4:30", false)]
    [InlineData("1:45", "4:30", "12:00", false)]
    [InlineData("22:00", "6:00", "23:30", true)]
    [InlineData("22:00", "6:00", "5:59", true)]
    [InlineData("22:00", "6:00", "6:00", false)]
    public void A_window_may_cross_midnight(string from, string to, string at, bool inside)
    {
        Assert.True(ScheduleWindow.TryParse(from, out var f));
        Assert.True(ScheduleWindow.TryParse(to, out var t));
        Assert.True(ScheduleWindow.TryParse(at, out var a));

        Assert.Equal(inside, ScheduleWindow.Contains(f, t, a));
    }
}
