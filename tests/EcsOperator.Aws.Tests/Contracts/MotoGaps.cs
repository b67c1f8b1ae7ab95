namespace EcsOperator.Aws.Tests.Contracts;

/// <summary>Where moto 5.2.1 departs from the AWS documentation, as the contract suites' opt-outs name it. The moto
/// contract classes skip exactly these checks, with these reasons, and keep the rest of each test.</summary>
internal static class MotoGaps
{
    public const string Paging =
        "moto 5.2.1 ignores maxResults/nextToken on ListServices and ListTaskDefinitions (returns every item in one page); ECS pages (ListServices max 100, ListTaskDefinitions max 100)";

    public const string DescribeServicesLimit =
        "moto 5.2.1 accepts DescribeServices with more than 10 services; ECS answers InvalidParameterException (services: up to 10)";

    public const string PrimaryDeployment =
        "moto 5.2.1 keeps the old task definition on the PRIMARY deployment after UpdateService; ECS starts a new PRIMARY deployment with the new task definition";

    public const string MissingTaskFailure =
        "moto 5.2.1 DescribeTasks leaves unknown task ARNs out of the answer; ECS lists each in failures[] with reason MISSING";

    public const string ContainerInstanceStatusFilter =
        "moto 5.2.1 ListContainerInstances ignores the status filter (lists every instance); ECS lists only instances in that status";

    public const string DesiredCapacityBounds =
        "moto 5.2.1 SetDesiredCapacity accepts a value above MaxSize; EC2 Auto Scaling answers ValidationError (desired capacity must be within min and max)";

    public const string StreamPrefixFilter =
        "moto 5.2.1 FilterLogEvents ignores logStreamNamePrefix (returns events of every stream); CloudWatch Logs reads only the streams with that prefix";
}
