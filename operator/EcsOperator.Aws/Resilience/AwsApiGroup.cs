namespace EcsOperator.Aws.Resilience;

/// <summary>The throttle groups calls are paced and retried in (ECS's own grouping, plus one per other service).</summary>
public enum AwsApiGroup
{
    /// <summary>ECS RegisterTaskDefinition, DeregisterTaskDefinition.</summary>
    EcsTaskDefinitionModify,
    /// <summary>ECS CreateService, UpdateService, DeleteService.</summary>
    EcsServiceModify,
    /// <summary>ECS RunTask, StopTask, UpdateContainerInstancesState, TagResource and other cluster-resource writes.</summary>
    EcsClusterResourceModify,
    /// <summary>ECS Describe* and List*.</summary>
    EcsRead,
    AutoScaling,
    CloudWatch,
    Logs,
    /// <summary>The preflight check's reads: ECR DescribeImages, IAM GetRole, SSM GetParameter, Secrets Manager
    /// DescribeSecret, Logs DescribeLogGroups, EC2 DescribeSubnets / DescribeSecurityGroups.</summary>
    Preflight,
}

internal static class AwsApiGroups
{
    public static AwsApiGroup ForEcsAction(string action) => action switch
    {
        "RegisterTaskDefinition" or "DeregisterTaskDefinition" or "DeleteTaskDefinitions" => AwsApiGroup.EcsTaskDefinitionModify,
        "CreateService" or "UpdateService" or "DeleteService" => AwsApiGroup.EcsServiceModify,
        _ when action.StartsWith("Describe", StringComparison.Ordinal) || action.StartsWith("List", StringComparison.Ordinal) => AwsApiGroup.EcsRead,
        _ => AwsApiGroup.EcsClusterResourceModify,
    };
}
