using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using EcsOperator.Core.Aws;

namespace EcsOperator.Aws.Wire;

/// <summary>AWS JSON 1.1: POST the request body with <c>X-Amz-Target: &lt;prefix&gt;.&lt;Action&gt;</c>.</summary>
internal sealed class JsonProtocol(AwsWireClient wire, string targetPrefix) : IAwsProtocol<JsonObject, JsonObject>
{
    private const string ContentType = "application/x-amz-json-1.1";

    public AwsWireClient Wire => wire;

    public async Task<JsonObject> CallAsync(string action, JsonObject request, CancellationToken ct)
    {
        var body = Encoding.UTF8.GetBytes(request.ToJsonString());
        var response = await wire.PostAsync(body, ContentType, targetPrefix + "." + action, ct);
        JsonObject? parsed;
        try
        {
            parsed = string.IsNullOrWhiteSpace(response.Body) ? [] : JsonNode.Parse(response.Body) as JsonObject;
        }
        catch (JsonException e)
        {
            // Some front ends (and moto's authentication layer) answer errors in the Query protocol's XML.
            throw QueryProtocol.TryXmlError(response) ?? AwsWireClient.Unparseable(response.Status, response.Body, e);
        }
        if (response.Status is >= 200 and < 300)
            return parsed ?? throw AwsWireClient.Unparseable(response.Status, response.Body, null);
        throw Error(response, parsed);
    }

    internal static AwsApiException Error(AwsWireResponse response, JsonObject? body)
    {
        var code = response.ErrorType ?? Str(body, "__type") ?? Str(body, "code") ?? (response.Status >= 500 ? "InternalFailure" : "UnknownError");
        // "aws.protocoltests#FooError:http://..." style: keep the shape name only.
        var colon = code.IndexOf(':', StringComparison.Ordinal);
        if (colon > 0) code = code[..colon];
        if (code.Contains('#', StringComparison.Ordinal)) code = code[(code.LastIndexOf('#') + 1)..];
        var message = Str(body, "message") ?? Str(body, "Message") ?? Str(body, "errorMessage") ?? $"HTTP {response.Status}";
        return AwsApiException.From(code, message, response.Status);
    }

    private static string? Str(JsonObject? o, string name) =>
        o?[name] is JsonValue v && v.TryGetValue<string>(out var s) && s.Length > 0 ? s : null;
}
