using EcsOperator.Core.Aws;

namespace EcsOperator.Simulator.Ecs;

/// <summary>ECS's own error codes and messages.</summary>
internal static class EcsErrors
{
    public static AwsApiException Client(string message) => new(AwsErrorKind.InvalidParameter, "ClientException", message);

    public static AwsApiException InvalidParameter(string message) => new(AwsErrorKind.InvalidParameter, "InvalidParameterException", message);

    public static AwsApiException ClusterNotFound() => new(AwsErrorKind.NotFound, "ClusterNotFoundException", "Cluster not found.");

    public static AwsApiException ServiceNotFound() => new(AwsErrorKind.NotFound, "ServiceNotFoundException", "Service not found.");

    public static AwsApiException ServiceNotActive() => new(AwsErrorKind.Conflict, "ServiceNotActiveException", "Service was not ACTIVE.");

    public static AwsApiException Conflict(string message) => new(AwsErrorKind.Conflict, "ConflictException", message);

    public static AwsApiException Throttled() => new(AwsErrorKind.Throttling, "ThrottlingException", "Rate exceeded");

    public static AwsApiException Server(string message = "Service Unavailable. Please try again later.") =>
        new(AwsErrorKind.ServiceError, "ServerException", message, 500);

    public static AwsApiException UnknownAction(string action) =>
        new(AwsErrorKind.InvalidParameter, "InvalidAction", $"The action {action} is not supported by the simulator.");
}
