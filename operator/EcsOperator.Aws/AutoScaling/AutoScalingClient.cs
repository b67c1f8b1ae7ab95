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

    public async Task<IReadOnlyList<AutoScalingGroup>> DescribeAutoScalingGroupsAsync(IReadOnlyList<string> names, CancellationToken ct)
    {
        var groups = new List<AutoScalingGroup>();
        IEnumerable<string[]> chunks = names.Count == 0 ? [[]] : names.Distinct(StringComparer.Ordinal).Chunk(NamesPerCall);
        foreach (var chunk in chunks)
        {
            string? token = null;
            do
            {
                var p = new QueryParameters().AddList("AutoScalingGroupNames", chunk).Add("MaxRecords", 100);
                if (token is not null) p.Add("NextToken", token);
                var result = await _calls.CallAsync("DescribeAutoScalingGroups", p, ct);
                groups.AddRange(result.Members("AutoScalingGroups").Select(ReadGroup));
                token = result.NextToken();
            }
            while (token is not null);
        }
        return groups;
    }

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
    public async Task<IReadOnlyList<AutoScalingInstance>> DescribeAutoScalingInstancesAsync(IReadOnlyList<string> instanceIds, CancellationToken ct)
    {
        var found = new List<AutoScalingInstance>();
        IEnumerable<string[]> chunks = instanceIds.Count == 0 ? [[]] : instanceIds.Distinct(StringComparer.Ordinal).Chunk(NamesPerCall);
        foreach (var chunk in chunks)
        {
            string? token = null;
            do
            {
                var p = new QueryParameters().AddList("InstanceIds", chunk).Add("MaxRecords", 50);
                if (token is not null) p.Add("NextToken", token);
                var result = await _calls.CallAsync("DescribeAutoScalingInstances", p, ct);
                found.AddRange(result.Members("AutoScalingInstances").Select(m => ReadInstance(m, m.Str("AutoScalingGroupName") ?? "")));
                token = result.NextToken();
            }
            while (token is not null);
        }
        return found;
    }

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
