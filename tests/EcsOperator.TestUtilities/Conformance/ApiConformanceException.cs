using EcsOperator.Core.Aws.ApiModel;

namespace EcsOperator.TestUtilities.Conformance;

/// <summary>A request the operator sent does not fit its action's input shape in the AWS API model: the test fails.</summary>
public sealed class ApiConformanceException(string service, string action, IReadOnlyList<ApiProblem> problems)
    : Xunit.Sdk.XunitException($"{service} {action} request does not fit the AWS API model:\n  " + string.Join("\n  ", problems.Select(p => p.Message)))
{
    public string Service { get; } = service;
    public string Action { get; } = action;
    public IReadOnlyList<ApiProblem> Problems { get; } = problems;
}
