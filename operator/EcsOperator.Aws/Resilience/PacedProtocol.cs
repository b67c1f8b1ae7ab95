using EcsOperator.Aws.Wire;

namespace EcsOperator.Aws.Resilience;

/// <summary>
/// A service client's calls: each runs through <see cref="AwsCallRunner"/>, named for the wire's signing service and
/// paced and retried by the pipeline of the group its action belongs to.
/// </summary>
/// <paramref name="unrepeatable"/> names the actions that must not be sent twice after a transport failure (see
/// <see cref="AwsCallRunner.RunAsync{T}"/>).
internal sealed class PacedProtocol<TRequest, TResponse>(
    IAwsProtocol<TRequest, TResponse> protocol, AwsCallRunner runner, Func<string, AwsApiGroup> groupOf, Func<string, bool>? unrepeatable = null)
{
    /// <summary>Every action of the service in one group.</summary>
    public PacedProtocol(IAwsProtocol<TRequest, TResponse> protocol, AwsCallRunner runner, AwsApiGroup group)
        : this(protocol, runner, _ => group)
    {
    }

    public Task<TResponse> CallAsync(string action, TRequest request, CancellationToken ct) =>
        runner.RunAsync(protocol.Wire.Service.SigningName, action, groupOf(action), t => protocol.CallAsync(action, request, t), ct,
            repeatable: unrepeatable is null || !unrepeatable(action));
}
