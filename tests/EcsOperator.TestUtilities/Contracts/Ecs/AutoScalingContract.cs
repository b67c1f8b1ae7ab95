using EcsOperator.Core.Aws;

namespace EcsOperator.TestUtilities.Contracts.Ecs;

/// <summary>EC2 Auto Scaling: describe, desired capacity, bounds, protection, terminate and detach with/without decrement.</summary>
public abstract class AutoScalingContract : IAsyncLifetime
{
    protected IAutoScalingApi AutoScaling { get; private set; } = null!;

    protected string Group { get; } = "contract-asg-" + Guid.NewGuid().ToString("N")[..8];

    protected abstract Task<IAutoScalingApi> CreateAutoScalingAsync();

    /// <summary>Creates the group with its initial instances InService.</summary>
    protected abstract Task CreateAutoScalingGroupAsync(string name, int minSize, int maxSize, int desiredCapacity);

    /// <summary>Lets launches and terminations progress (the simulator advances its clock).</summary>
    protected virtual Task SettleAsync() => Task.CompletedTask;

    public async Task InitializeAsync() => AutoScaling = await CreateAutoScalingAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    private async Task<AutoScalingGroup> DescribeAsync() =>
        Assert.Single(await AutoScaling.DescribeAutoScalingGroupsAsync([Group], CancellationToken.None));

    [Fact]
    public async Task A_group_is_described_with_its_bounds_and_instances()
    {
        await CreateAutoScalingGroupAsync(Group, 1, 4, 2);
        await SettleAsync();

        var g = await DescribeAsync();

        Assert.Equal((1, 4, 2), (g.MinSize, g.MaxSize, g.DesiredCapacity));
        Assert.Equal(2, g.Instances.Count(i => i.LifecycleState == "InService"));
        Assert.All(g.Instances, i => Assert.StartsWith("i-", i.InstanceId));
        Assert.Empty(await AutoScaling.DescribeAutoScalingGroupsAsync(["no-such-group-" + Group], CancellationToken.None));
    }

    [Fact]
    public async Task Desired_capacity_changes_within_bounds_and_is_rejected_outside_them()
    {
        await CreateAutoScalingGroupAsync(Group, 0, 3, 1);
        await AutoScaling.SetDesiredCapacityAsync(Group, 3, false, CancellationToken.None);
        await SettleAsync();

        Assert.Equal(3, (await DescribeAsync()).DesiredCapacity);
        var e = await Assert.ThrowsAnyAsync<AwsApiException>(() => AutoScaling.SetDesiredCapacityAsync(Group, 4, false, CancellationToken.None));
        Assert.Equal("ValidationError", e.Code);
        await AutoScaling.UpdateAutoScalingGroupAsync(Group, 0, 5, 4, CancellationToken.None);
        var g = await DescribeAsync();
        Assert.Equal((5, 4), (g.MaxSize, g.DesiredCapacity));
    }

    [Fact]
    public async Task Scale_in_protection_is_recorded_per_instance()
    {
        await CreateAutoScalingGroupAsync(Group, 0, 3, 2);
        await SettleAsync();
        var id = (await DescribeAsync()).Instances[0].InstanceId;

        await AutoScaling.SetInstanceProtectionAsync(Group, [id], true, CancellationToken.None);

        var described = Assert.Single(await AutoScaling.DescribeAutoScalingInstancesAsync([id], CancellationToken.None));
        Assert.True(described.ProtectedFromScaleIn);
        Assert.Equal(Group, described.GroupName);
    }

    [Fact]
    public async Task Terminating_with_decrement_lowers_desired_capacity()
    {
        await CreateAutoScalingGroupAsync(Group, 0, 3, 2);
        await SettleAsync();
        var id = (await DescribeAsync()).Instances[0].InstanceId;

        await AutoScaling.TerminateInstanceInAutoScalingGroupAsync(id, true, CancellationToken.None);
        await SettleAsync();

        Assert.Equal(1, (await DescribeAsync()).DesiredCapacity);
    }

    [Fact]
    public async Task Detaching_with_decrement_removes_the_instance_from_the_group()
    {
        await CreateAutoScalingGroupAsync(Group, 0, 3, 2);
        await SettleAsync();
        var id = (await DescribeAsync()).Instances[0].InstanceId;

        await AutoScaling.DetachInstancesAsync(Group, [id], true, CancellationToken.None);
        await SettleAsync();

        var g = await DescribeAsync();
        Assert.Equal(1, g.DesiredCapacity);
        Assert.DoesNotContain(g.Instances, i => i.InstanceId == id);
    }
}
