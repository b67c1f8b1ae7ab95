using System.Text.Json.Nodes;
using EcsOperator.Core.Aws;
using EcsOperator.Core.Json;

namespace EcsOperator.TestUtilities.Contracts.Ecs;

/// <summary>
/// Base of the ECS port contract suites. A subclass supplies the API under test and the setup steps the port cannot
/// do itself (the simulator through its control API, moto through the aws CLI). Each test uses its own cluster.
/// </summary>
public abstract class EcsContractBase : IAsyncLifetime
{
    protected IEcsApi Ecs { get; private set; } = null!;

    /// <summary>A cluster created for this test instance.</summary>
    protected string Cluster { get; } = "contract-" + Guid.NewGuid().ToString("N")[..10];

    protected abstract Task<IEcsApi> CreateEcsAsync();

    protected abstract Task CreateClusterAsync(string name);

    /// <summary>Registers an EC2 container instance (e.g. m5.large) in the cluster; returns its ARN.</summary>
    protected abstract Task<string> RegisterContainerInstanceAsync(string cluster);

    /// <summary>Why the backend ignores maxResults / nextToken (moto does for some List calls), or null when it pages
    /// as ECS does. When set, the page-size checks are left out and only the complete listings are compared.</summary>
    protected virtual string? PagingUnsupportedReason => null;

    /// <summary>Lets the backend progress (the simulator advances its clock; moto needs nothing).</summary>
    protected virtual Task SettleAsync() => Task.CompletedTask;

    public virtual async Task InitializeAsync()
    {
        Ecs = await CreateEcsAsync();
        await CreateClusterAsync(Cluster);
    }

    public virtual Task DisposeAsync() => Task.CompletedTask;

    protected Task<JsonObject> Send(string action, JsonObject request) => Ecs.SendAsync(action, request, CancellationToken.None);

    protected async Task<JsonObject> RegisterAsync(JsonObject taskDefinition) =>
        (await Send(EcsAction.RegisterTaskDefinition, taskDefinition)).Obj("taskDefinition")!;

    protected static async Task<AwsApiException> ThrowsAws(Func<Task> call)
    {
        var e = await Assert.ThrowsAnyAsync<AwsApiException>(call);
        return e;
    }

    protected static string Unique(string prefix) => prefix + "-" + Guid.NewGuid().ToString("N")[..8];
}
