namespace EcsOperator.Core.Aws;

/// <summary>What a caller can do about an AWS error.</summary>
public enum AwsErrorKind
{
    /// <summary>Throttling / rate exceeded / request limit: retry later, slower.</summary>
    Throttling,
    /// <summary>The thing asked about does not exist (ServiceNotFoundException, ClusterNotFoundException, ...).</summary>
    NotFound,
    /// <summary>The request is invalid (InvalidParameterException, ValidationError, ...): terminal until the input changes.</summary>
    InvalidParameter,
    /// <summary>Conflicts with the current state or an idempotency token (ConflictException, ResourceInUse, ...).</summary>
    Conflict,
    /// <summary>AccessDenied / UnauthorizedOperation / missing credentials: terminal until permissions change.</summary>
    AccessDenied,
    /// <summary>A 5xx or ServerException: transient, retry.</summary>
    ServiceError,
    /// <summary>The request never got an answer (connection reset, timeout): transient, retry.</summary>
    Transport,
    /// <summary>Any other client error.</summary>
    Other,
}

/// <summary>An error returned by an AWS API (or the simulator speaking for it), with the API's own code.</summary>
public class AwsApiException(AwsErrorKind kind, string code, string message, int statusCode = 400, Exception? inner = null)
    : Exception($"{code}: {message}", inner)
{
    public AwsErrorKind Kind { get; } = kind;

    /// <summary>The API's error code as sent on the wire, e.g. <c>ThrottlingException</c>, <c>ServiceNotFoundException</c>.</summary>
    public string Code { get; } = code;

    public string ErrorMessage { get; } = message;

    public int StatusCode { get; } = statusCode;

    /// <summary>Retrying the same call may succeed.</summary>
    public bool IsTransient => Kind is AwsErrorKind.Throttling or AwsErrorKind.ServiceError or AwsErrorKind.Transport;

    /// <summary>Retrying the same input will not help (fix the spec or permissions first). An error that names a missing
    /// external resource (<see cref="Missing"/>) is not terminal: other tooling may create it.</summary>
    public bool IsTerminal => Kind is (AwsErrorKind.InvalidParameter or AwsErrorKind.AccessDenied) && Missing is null;

    /// <summary>The external resource the error says does not exist (cluster, subnet, role, ...), or null.</summary>
    public MissingResource? Missing => MissingResource.Detect(Code, ErrorMessage);

    /// <summary>Maps an AWS error code (any service) to its kind.</summary>
    public static AwsErrorKind Classify(string code, int statusCode)
    {
        var c = code.Contains('#') ? code[(code.LastIndexOf('#') + 1)..] : code;
        if (c is "ThrottlingException" or "Throttling" or "ThrottledException" or "RequestLimitExceeded"
            or "TooManyRequestsException" or "ProvisionedThroughputExceededException" or "RequestThrottled"
            or "RequestThrottledException" or "SlowDown" or "LimitExceededException" && statusCode != 404)
        {
            return AwsErrorKind.Throttling;
        }
        if (c.EndsWith("NotFoundException", StringComparison.Ordinal) || c is "ResourceNotFoundException" or "ResourceNotFound"
            or "AWS.SimpleQueueService.NonExistentQueue" or "QueueDoesNotExist" or "NoSuchEntity")
            return AwsErrorKind.NotFound;
        if (c is "InvalidParameterException" or "InvalidParameterValue" or "InvalidParameterCombination" or "ValidationError"
            or "ValidationException" or "ClientException" or "MissingParameter" or "InvalidAction" or "SerializationException"
            or "PlatformUnknownException" or "PlatformTaskDefinitionIncompatibilityException")
            return AwsErrorKind.InvalidParameter;
        if (c is "ConflictException" or "ResourceInUse" or "ResourceInUseException" or "ConditionalCheckFailedException"
            or "TransactionConflictException" or "ScalingActivityInProgress" or "ResourceContention" or "ServiceNotActiveException"
            or "ClusterContainsServicesException" or "ClusterContainsTasksException")
            return AwsErrorKind.Conflict;
        if (c is "AccessDeniedException" or "AccessDenied" or "UnauthorizedOperation" or "UnrecognizedClientException"
            or "InvalidClientTokenId" or "ExpiredTokenException" or "ExpiredToken" or "InvalidSignatureException"
            or "IncompleteSignature" or "MissingAuthenticationToken" || statusCode == 403)
            return AwsErrorKind.AccessDenied;
        if (statusCode >= 500 || c is "ServerException" or "InternalFailure" or "InternalError" or "ServiceUnavailable"
            or "ServiceUnavailableException" or "InternalServerError")
            return AwsErrorKind.ServiceError;
        return AwsErrorKind.Other;
    }

    public static AwsApiException From(string code, string message, int statusCode = 400, Exception? inner = null) =>
        new(Classify(code, statusCode), code, message, statusCode, inner);
}
