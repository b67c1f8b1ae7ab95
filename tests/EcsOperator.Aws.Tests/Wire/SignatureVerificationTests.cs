using System.Text;
using System.Text.Json.Nodes;
using Amazon.Runtime;
using EcsOperator.Aws.Resilience;
using EcsOperator.Aws.Wire;
using EcsOperator.Core.Aws;
using EcsOperator.TestUtilities.Moto;

namespace EcsOperator.Aws.Tests.Wire;

/// <summary>moto with IAM authentication switched on (<c>/moto-api/reset-auth</c>) recomputes every request's SigV4
/// signature with botocore and checks it against the access key's secret: our signatures must pass on both protocols.</summary>
[Collection(AwsClientsMotoCollection.Name)]
public sealed class SignatureVerificationTests(MotoServer moto)
{
    private static readonly AwsServiceDescriptor Iam = new("iam", "iam", "IAM");

    private async Task ResetAuthAsync(string initialNoAuthActionCount)
    {
        using var http = new HttpClient();
        using var body = new StringContent(initialNoAuthActionCount, Encoding.UTF8);
        using var response = await http.PostAsync(new Uri(moto.Endpoint + "/moto-api/reset-auth"), body);
        response.EnsureSuccessStatusCode();
    }

    private AwsClientSet Clients(string accessKey, string secret) => AwsClients.Create(
        new AwsConnection(moto.Region, null, moto.Endpoint), TimeProvider.System,
        new AwsClientOptions { Credentials = new BasicAWSCredentials(accessKey, secret), MaxRetries = 0 });

    [SkippableFact]
    public async Task Signed_requests_pass_moto_iam_authentication_and_a_wrong_secret_is_refused()
    {
        moto.SkipIfUnavailable();
        var user = AwsClientsMoto.Unique("signer");
        await ResetAuthAsync("3"); // the three IAM set-up calls below go unauthenticated, everything after is checked
        try
        {
            await MotoWire.QueryAsync(moto, Iam, "2010-05-08", "CreateUser", new QueryParameters().Add("UserName", user));
            await MotoWire.QueryAsync(moto, Iam, "2010-05-08", "PutUserPolicy", new QueryParameters().Add("UserName", user)
                .Add("PolicyName", "all").Add("PolicyDocument", """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}"""));
            var key = (await MotoWire.QueryAsync(moto, Iam, "2010-05-08", "CreateAccessKey", new QueryParameters().Add("UserName", user)))
                .Element("AccessKey")!;
            var accessKeyId = key.Str("AccessKeyId")!;

            using (var good = Clients(accessKeyId, key.Str("SecretAccessKey")!))
            {
                await good.Ecs.SendAsync("ListClusters", new JsonObject(), default);          // JSON 1.1
                await good.Alarms.DescribeAlarmsAsync(["any"], default);                     // Query
                await good.AutoScaling.DescribeAutoScalingGroupsAsync(["any"], default);     // Query
            }

            using var bad = Clients(accessKeyId, "not-the-secret");
            var json = await Assert.ThrowsAsync<AwsApiException>(() => bad.Ecs.SendAsync("ListClusters", new JsonObject(), default));
            var query = await Assert.ThrowsAsync<AwsApiException>(() => bad.Alarms.DescribeAlarmsAsync(["any"], default));
            Assert.All(new[] { json, query }, e => Assert.Equal((AwsErrorKind.AccessDenied, 403), (e.Kind, e.StatusCode)));
            // moto rejects an unknown key (InvalidClientTokenId) or a wrong signature (SignatureDoesNotMatch), in XML even for JSON 1.1.
            Assert.All(new[] { json, query }, e => Assert.Contains(e.Code, new[] { "SignatureDoesNotMatch", "InvalidClientTokenId" }));
        }
        finally
        {
            await ResetAuthAsync("inf");
        }
    }
}
