using System.Xml.Linq;
using EcsOperator.Aws.Resilience;
using EcsOperator.Aws.Wire;
using EcsOperator.Core.Aws;

namespace EcsOperator.Aws.AutoScaling;

/// <summary>EC2 Auto Scaling over the Query protocol (API version 2011-01-01), the calls the CapacityPool reconciler makes.</summary>
public sealed class AutoScalingClient : IAutoScalingApi
{
    internal const string ApiVersion = "2011-01-01";
    private const int NamesPerCall = 50;
    private readonly PacedProtocol<QueryParameters, XElement> _calls;

    internal AutoScalingClient(AwsWireClient wire, AwsCallRunner runner) =>
        _calls = new(new QueryProtocol(wire, ApiVersion), runner, AwsApiGroup.AutoScaling);

    public async Task<IReadOnlyList<AutoScalingGroup>> DescribeAutoScalingGroupsAsync(IReadOnlyList<string> names, CancellationToken ct) =>
        await _calls.DescribeAllAsync("DescribeAutoScalingGroups", Chunks(names),
            chunk => new QueryParameters().AddList("AutoScalingGroupNames", chunk).Add("MaxRecords", 100),
            result => result.Members("AutoScalingGroups").Select(ReadGroup), ct);

    public Task SetDesiredCapacityAsync(string groupName, int desiredCapacity, bool honorCooldown, CancellationToken ct) =>
        _calls.CallAsync("SetDesiredCapacity", new QueryParameters()
            .Add("AutoScalingGroupName", groupName).Add("DesiredCapacity", desiredCapacity).Add("HonorCooldown", honorCooldown), ct);

    public Task UpdateAutoScalingGroupAsync(string groupName, int? minSize, int? maxSize, int? desiredCapacity, CancellationToken ct)
    {
        var p = new QueryParameters().Add("AutoScalingGroupName", groupName);
        if (minSize is { } min) p.Add("MinSize", min);
        if (maxSize is { } max) p.Add("MaxSize", max);
        if (desiredCapacity is { } desired) p.Add("DesiredCapacity", desired);
        return _calls.CallAsync("UpdateAutoScalingGroup", p, ct);
    }

    public async Task DetachInstancesAsync(string groupName, IReadOnlyList<string> instanceIds, bool shouldDecrementDesiredCapacity, CancellationToken ct)
    {
        foreach (var chunk in instanceIds.Chunk(20))
        {
            await _calls.CallAsync("DetachInstances", new QueryParameters()
                .AddList("InstanceIds", chunk).Add("AutoScalingGroupName", groupName)
                .Add("ShouldDecrementDesiredCapacity", shouldDecrementDesiredCapacity), ct);
        }
    }

    public Task TerminateInstanceInAutoScalingGroupAsync(string instanceId, bool shouldDecrementDesiredCapacity, CancellationToken ct) =>
        _calls.CallAsync("TerminateInstanceInAutoScalingGroup", new QueryParameters()
            .Add("InstanceId", instanceId).Add("ShouldDecrementDesiredCapacity", shouldDecrementDesiredCapacity), ct);

    public async Task SetInstanceProtectionAsync(string groupName, IReadOnlyList<string> instanceIds, bool protectedFromScaleIn, CancellationToken ct)
    {
        foreach (var chunk in instanceIds.Chunk(50))
        {
            await _calls.CallAsync("SetInstanceProtection", new QueryParameters()
                .AddList("InstanceIds", chunk).Add("AutoScalingGroupName", groupName).Add("ProtectedFromScaleIn", protectedFromScaleIn), ct);
        }
    }

    /// <summary>As AWS: an empty list describes every instance in every group of the account and region.</summary>
    public async Task<IReadOnlyList<AutoScalingInstance>> DescribeAutoScalingInstancesAsync(IReadOnlyList<string> instanceIds, CancellationToken ct) =>
        await _calls.DescribeAllAsync("DescribeAutoScalingInstances", Chunks(instanceIds),
            chunk => new QueryParameters().AddList("InstanceIds", chunk).Add("MaxRecords", 50),
            result => result.Members("AutoScalingInstances").Select(m => ReadInstance(m, m.Str("AutoScalingGroupName") ?? "")), ct);

    /// <summary>Distinct names in calls of <see cref="NamesPerCall"/>; no names is one call for everything.</summary>
    private static IEnumerable<string[]> Chunks(IReadOnlyList<string> names) =>
        names.Count == 0 ? [[]] : names.Distinct(StringComparer.Ordinal).Chunk(NamesPerCall);

    private static AutoScalingGroup ReadGroup(XElement g)
    {
        var name = g.Str("AutoScalingGroupName") ?? "";
        return new AutoScalingGroup(
            name, g.Int("MinSize"), g.Int("MaxSize"), g.Int("DesiredCapacity"),
            g.Members("AvailabilityZones").Select(z => z.Value).ToList(),
            g.Members("Instances").Select(i => ReadInstance(i, name)).ToList());
    }

    private static AutoScalingInstance ReadInstance(XElement i, string groupName) => new(
        i.Str("InstanceId") ?? "", groupName, i.Str("AvailabilityZone") ?? "",
        i.Str("LifecycleState") ?? "", i.Str("HealthStatus") ?? "", i.Bool("ProtectedFromScaleIn"));
}
