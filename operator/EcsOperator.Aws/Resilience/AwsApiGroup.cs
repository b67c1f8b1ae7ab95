using EcsOperator.Core.Aws;

namespace EcsOperator.Aws.Resilience;

/// <summary>
/// The group a call is paced and retried in: for ECS, the throttle category of <see cref="EcsThrottleTable"/> its
/// action belongs to; for the other services, one group per service.
/// </summary>
/// <param name="Name">Ecs followed by the ECS category (EcsServiceModify), or AutoScaling, CloudWatch, Logs, Preflight.</param>
public readonly record struct AwsApiGroup(string Name)
{
    public static AwsApiGroup AutoScaling { get; } = new(nameof(AutoScaling));

    /// <summary>The preflight check's reads: ECR DescribeImages, IAM GetRole, SSM GetParameter, Secrets Manager
    /// DescribeSecret, Logs DescribeLogGroups, EC2 DescribeSubnets / DescribeSecurityGroups.</summary>
    public static AwsApiGroup Preflight { get; } = new(nameof(Preflight));

    public static AwsApiGroup CloudWatch { get; } = new(nameof(CloudWatch));

    public static AwsApiGroup Logs { get; } = new(nameof(Logs));

    /// <summary>The group of one ECS throttle category.</summary>
    public static AwsApiGroup Ecs(EcsThrottleGroup group) => new("Ecs" + group);

    /// <summary>The group an ECS action is paced in (<see cref="EcsThrottleTable.GroupOf"/>).</summary>
    public static AwsApiGroup ForEcsAction(string action) => Ecs(EcsThrottleTable.GroupOf(action));

    public override string ToString() => Name;
}
