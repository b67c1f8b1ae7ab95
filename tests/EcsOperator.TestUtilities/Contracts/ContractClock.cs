using Microsoft.Extensions.Time.Testing;

namespace EcsOperator.TestUtilities.Contracts;

/// <summary>The fake clock every contract suite starts from; implementations under test must take their time from it.</summary>
public static class ContractClock
{
    public static readonly DateTimeOffset Start = new(2026, 3, 1, 9, 0, 0, TimeSpan.Zero);

    public static FakeTimeProvider Create() => new(Start);

    /// <summary>A namespace unique to one test, so suites can share a table or directory between tests.</summary>
    public static string UniqueNamespace() => "t-" + Guid.NewGuid().ToString("N")[..12];
}
