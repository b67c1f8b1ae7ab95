using EcsOperator.Core.Aws;
using EcsOperator.TestUtilities.Contracts.Ecs;
using EcsOperator.TestUtilities.Moto;

namespace EcsOperator.Aws.Tests.Contracts;

/// <summary>The ECS contract suites against the wire clients on moto: one moto per class, a cluster per test (made
/// through the port), container instances registered with moto EC2 instances. Each class opts out only of what
/// moto 5.2.1 does not implement, with the reason (<see cref="MotoGaps"/>); those checks are skipped visibly.</summary>
[Collection(MotoContractsCollection.Name)]
public sealed class MotoTaskDefinitionContract(MotoServer moto) : EcsTaskDefinitionContract, IDisposable
{
    private AwsClientSet? _aws;
    protected override string? PagingUnsupportedReason => MotoGaps.Paging;
    protected override Task<IEcsApi> CreateEcsAsync() => Task.FromResult((_aws = MotoContractSetup.Clients(moto)).Ecs);
    protected override Task CreateClusterAsync(string name) => MotoContractSetup.CreateClusterAsync(Ecs, name);
    protected override Task<string> RegisterContainerInstanceAsync(string cluster) => MotoContractSetup.RegisterContainerInstanceAsync(moto, Ecs, cluster);
    public void Dispose() => _aws?.Dispose();
}

[Collection(MotoContractsCollection.Name)]
public sealed class MotoServiceContract(MotoServer moto) : EcsServiceContract, IDisposable
{
    private AwsClientSet? _aws;
    protected override string? PagingUnsupportedReason => MotoGaps.Paging;
    protected override string? DescribeServicesLimitUnsupportedReason => MotoGaps.DescribeServicesLimit;
    protected override string? PrimaryDeploymentUpdateUnsupportedReason => MotoGaps.PrimaryDeployment;
    protected override Task<IEcsApi> CreateEcsAsync() => Task.FromResult((_aws = MotoContractSetup.Clients(moto)).Ecs);
    protected override Task CreateClusterAsync(string name) => MotoContractSetup.CreateClusterAsync(Ecs, name);
    protected override Task<string> RegisterContainerInstanceAsync(string cluster) => MotoContractSetup.RegisterContainerInstanceAsync(moto, Ecs, cluster);
    public void Dispose() => _aws?.Dispose();
}

[Collection(MotoContractsCollection.Name)]
public sealed class MotoTaskContract(MotoServer moto) : EcsTaskContract, IDisposable
{
    private AwsClientSet? _aws;
    protected override string? MissingTaskFailureUnsupportedReason => MotoGaps.MissingTaskFailure;
    protected override Task<IEcsApi> CreateEcsAsync() => Task.FromResult((_aws = MotoContractSetup.Clients(moto)).Ecs);
    protected override Task CreateClusterAsync(string name) => MotoContractSetup.CreateClusterAsync(Ecs, name);
    protected override Task<string> RegisterContainerInstanceAsync(string cluster) => MotoContractSetup.RegisterContainerInstanceAsync(moto, Ecs, cluster);
    public void Dispose() => _aws?.Dispose();
}

[Collection(MotoContractsCollection.Name)]
public sealed class MotoContainerInstanceContract(MotoServer moto) : ContainerInstanceContract, IDisposable
{
    private AwsClientSet? _aws;
    protected override string? StatusFilterUnsupportedReason => MotoGaps.ContainerInstanceStatusFilter;
    protected override Task<IEcsApi> CreateEcsAsync() => Task.FromResult((_aws = MotoContractSetup.Clients(moto)).Ecs);
    protected override Task CreateClusterAsync(string name) => MotoContractSetup.CreateClusterAsync(Ecs, name);
    protected override Task<string> RegisterContainerInstanceAsync(string cluster) => MotoContractSetup.RegisterContainerInstanceAsync(moto, Ecs, cluster);
    public void Dispose() => _aws?.Dispose();
}

[Collection(MotoContractsCollection.Name)]
public sealed class MotoClusterContract(MotoServer moto) : EcsClusterContract, IDisposable
{
    private AwsClientSet? _aws;
    protected override Task<IEcsApi> CreateEcsAsync() => Task.FromResult((_aws = MotoContractSetup.Clients(moto)).Ecs);
    protected override Task CreateClusterAsync(string name) => MotoContractSetup.CreateClusterAsync(Ecs, name);
    protected override Task<string> RegisterContainerInstanceAsync(string cluster) => MotoContractSetup.RegisterContainerInstanceAsync(moto, Ecs, cluster);
    public void Dispose() => _aws?.Dispose();
}
