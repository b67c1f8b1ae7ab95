using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Amazon.Runtime;
using Amazon.Runtime.Credentials;
using Amazon.Runtime.Internal;
using Amazon.Runtime.Internal.Auth;

namespace EcsOperator.Aws.DynamoDb;

/// <summary>
/// The three DynamoDB Streams calls the watch needs (DescribeStream, GetShardIterator, GetRecords) over AWS JSON 1.0.
/// AWSSDK.DynamoDBStreams is not available here; AWSSDK.Core provides credentials, region and the SigV4 signer.
/// </summary>
internal sealed class DynamoDbStreamsClient : IDisposable
{
    private const string TargetPrefix = "DynamoDBStreams_20120810.";
    private readonly IClientConfig _config;
    private readonly Uri _endpoint;
    private readonly string _region;
    private readonly AWSCredentials _credentials;
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(30) };

    public DynamoDbStreamsClient(IClientConfig dynamoDbConfig, AwsConnection connection)
    {
        _config = dynamoDbConfig;
        _region = connection.EffectiveRegion ?? dynamoDbConfig.RegionEndpoint?.SystemName ?? dynamoDbConfig.AuthenticationRegion ?? "us-east-1";
        _endpoint = connection.EffectiveEndpointUrl is { } url
            ? new Uri(url)
            : new Uri($"https://streams.dynamodb.{_region}.amazonaws.com/");
        _credentials = dynamoDbConfig.DefaultAWSCredentials ?? DefaultAWSCredentialsIdentityResolver.GetCredentials(dynamoDbConfig);
    }

    public Task<JsonObject> DescribeStreamAsync(string streamArn, string? exclusiveStartShardId, CancellationToken ct)
    {
        var body = new JsonObject { ["StreamArn"] = streamArn };
        if (exclusiveStartShardId is not null) body["ExclusiveStartShardId"] = exclusiveStartShardId;
        return CallAsync("DescribeStream", body, ct);
    }

    public async Task<string?> GetShardIteratorAsync(string streamArn, string shardId, string iteratorType, CancellationToken ct)
    {
        var body = new JsonObject { ["StreamArn"] = streamArn, ["ShardId"] = shardId, ["ShardIteratorType"] = iteratorType };
        var response = await CallAsync("GetShardIterator", body, ct);
        return response["ShardIterator"]?.GetValue<string>();
    }

    public Task<JsonObject> GetRecordsAsync(string shardIterator, CancellationToken ct) =>
        CallAsync("GetRecords", new JsonObject { ["ShardIterator"] = shardIterator, ["Limit"] = 1000 }, ct);

    private async Task<JsonObject> CallAsync(string operation, JsonObject body, CancellationToken ct)
    {
        var content = Encoding.UTF8.GetBytes(body.ToJsonString());
        var request = new DefaultRequest(new StreamsRequest(), "dynamodb")
        {
            HttpMethod = "POST",
            Endpoint = _endpoint,
            ResourcePath = "/",
            Content = content,
            AuthenticationRegion = _region,
        };
        request.Headers["Content-Type"] = "application/x-amz-json-1.0";
        request.Headers["X-Amz-Target"] = TargetPrefix + operation;
        var identity = await _credentials.GetCredentialsAsync();
        if (identity.UseToken) request.Headers["X-Amz-Security-Token"] = identity.Token;
        var signature = new AWS4Signer().SignRequest(request, _config, null, identity.AccessKey, identity.SecretKey);
        request.Headers["Authorization"] = signature.ForAuthorizationHeader;

        using var message = new HttpRequestMessage(HttpMethod.Post, new Uri(_endpoint, "/")) { Content = new ByteArrayContent(content) };
        foreach (var (name, value) in request.Headers)
        {
            if (name.Equals("Content-Type", StringComparison.OrdinalIgnoreCase))
                message.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(value);
            else if (!name.Equals("Content-Length", StringComparison.OrdinalIgnoreCase) && !name.Equals("Host", StringComparison.OrdinalIgnoreCase))
                message.Headers.TryAddWithoutValidation(name, value);
        }

        using var response = await _http.SendAsync(message, ct);
        var text = await response.Content.ReadAsStringAsync(ct);
        JsonObject? json = null;
        try
        {
            json = JsonNode.Parse(text) as JsonObject;
        }
        catch (JsonException)
        {
        }

        if (response.IsSuccessStatusCode && json is not null) return json;
        var type = json?["__type"]?.GetValue<string>() ?? response.StatusCode.ToString();
        var errorMessage = json?["message"]?.GetValue<string>() ?? json?["Message"]?.GetValue<string>() ?? text;
        throw new StreamsException(operation, type[(type.LastIndexOf('#') + 1)..], errorMessage);
    }

    public void Dispose() => _http.Dispose();

    private sealed class StreamsRequest : AmazonWebServiceRequest;
}

/// <summary>A DynamoDB Streams call failed; <see cref="ErrorCode"/> is the service's error type
/// (e.g. <c>ExpiredIteratorException</c>, <c>TrimmedDataAccessException</c>).</summary>
internal sealed class StreamsException(string operation, string errorCode, string message)
    : Exception($"DynamoDB Streams {operation}: {errorCode}: {message}")
{
    public string ErrorCode { get; } = errorCode;
}
