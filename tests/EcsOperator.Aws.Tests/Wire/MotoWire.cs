using System.Text.Json.Nodes;
using System.Xml.Linq;
using Amazon.Runtime;
using EcsOperator.Aws.Wire;
using EcsOperator.TestUtilities.Moto;

namespace EcsOperator.Aws.Tests.Wire;

/// <summary>Raw protocol calls for test set-up the clients do not offer (bulk alarms, extra log streams): faster than
/// one aws CLI process per item.</summary>
internal static class MotoWire
{
    private static readonly HttpClient Http = new();

    private static AwsWireClient Wire(MotoServer moto, AwsServiceDescriptor service) => new(
        Http, new Uri(moto.Endpoint), moto.Region, service, new AwsCredentialSource(new BasicAWSCredentials("testing", "testing")), TimeProvider.System);

    public static Task<XElement> QueryAsync(MotoServer moto, AwsServiceDescriptor service, string version, string action, QueryParameters p) =>
        new QueryProtocol(Wire(moto, service), version).CallAsync(action, p, default);

    public static Task<JsonObject> JsonAsync(MotoServer moto, AwsServiceDescriptor service, string targetPrefix, string action, JsonObject body) =>
        new JsonProtocol(Wire(moto, service), targetPrefix).CallAsync(action, body, default);
}
