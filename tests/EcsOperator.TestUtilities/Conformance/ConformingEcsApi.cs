using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using EcsOperator.Core.Aws;
using EcsOperator.Core.Aws.ApiModel;

namespace EcsOperator.TestUtilities.Conformance;

/// <summary>
/// Checks every ECS request against its action's input shape in the AWS API model before passing it on. A request
/// with an unknown member, a wrong type or a missing required member is recorded and refused with an
/// <see cref="ApiConformanceException"/>; the harness that owns the wrapper calls <see cref="AssertConforming"/> at
/// the end, so a refusal the operator swallowed and retried still fails the test. Actions outside the model table
/// (test set-up such as RegisterContainerInstance on moto) pass unchecked.
/// </summary>
public sealed class ConformingEcsApi(IEcsApi inner) : IEcsApi
{
    private readonly ConcurrentQueue<ApiConformanceException> _violations = new();

    public IEcsApi Inner => inner;

    public IReadOnlyCollection<ApiConformanceException> Violations => _violations;

    public Task<JsonObject> SendAsync(string action, JsonObject request, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(action);
        ArgumentNullException.ThrowIfNull(request);
        if (AwsApiModel.Ecs.Input(action) is not null)
        {
            var problems = ApiShapeChecker.CheckRequest(AwsApiModel.Ecs, action, request);
            if (problems.Count > 0)
            {
                var violation = new ApiConformanceException("ecs", action, problems);
                _violations.Enqueue(violation);
                throw violation;
            }
        }
        return inner.SendAsync(action, request, ct);
    }

    /// <summary>Fails with the first non-conforming request, if any was sent.</summary>
    public void AssertConforming()
    {
        if (_violations.TryPeek(out var first)) throw first;
    }
}
