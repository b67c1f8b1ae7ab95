namespace EcsOperator.Aws.Wire;

/// <summary>One AWS wire protocol bound to one service: a single unpaced, unretried call.</summary>
internal interface IAwsProtocol<TRequest, TResponse>
{
    AwsWireClient Wire { get; }

    Task<TResponse> CallAsync(string action, TRequest request, CancellationToken ct);
}
