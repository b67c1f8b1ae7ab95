using EcsOperator.Core.Jobs;

namespace EcsOperator.Tests.Jobs;

/// <summary>A Job that ECS cannot place gives up after the same number of launch retries whether its spec has no
/// <c>launchRetry</c> block, an empty one, or one that sets only an interval: the documented default limit of 3.</summary>
public sealed class LaunchRetryDefaultTests : IDisposable
{
    private readonly JobWorld world = new();

    public void Dispose() => world.Dispose();

    [Theory]
    [InlineData("{appRef: web}")]
    [InlineData("{appRef: web, launchRetry: {}}")]
    [InlineData("{appRef: web, launchRetry: {initialIntervalSeconds: 10}}")]
    public async Task The_launch_retry_limit_defaults_to_3_with_or_without_the_block(string spec)
    {
        await world.PutAppAsync(memory: 30000);
        var key = await world.PutJobAsync("big", spec);
        await world.DriveUntilFinishedAsync(key, TimeSpan.FromHours(2));

        var s = (await world.StateAsync(key))!;
        Assert.Equal(JobPhases.Failed, s.Phase);
        Assert.Equal(JobReasons.PlacementRetryLimit, s.Reason);
        Assert.Equal(4, s.PlacementRetries); // the first try and 3 retries
        Assert.Empty(s.TaskArns);
    }
}
