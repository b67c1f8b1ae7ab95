using System.Text;
using System.Text.Json.Nodes;
using Amazon.DynamoDBv2;
using Amazon.Runtime;
using EcsOperator.Aws.DynamoDb;
using EcsOperator.TestUtilities.Moto;

namespace EcsOperator.Aws.Tests.DynamoDb;

/// <summary>The DynamoDB Streams calls are signed by AWSSDK.Core's SigV4 signer; moto with IAM authentication on
/// (<c>/moto-api/reset-auth</c>) recomputes each signature from the access key's secret, so a wrong one is refused.</summary>
public sealed class StreamsSignatureTests(MotoServer moto) : IClassFixture<MotoServer>
{
    private async Task ResetAuthAsync(string initialNoAuthActionCount)
    {
        using var http = new HttpClient();
        using var body = new StringContent(initialNoAuthActionCount, Encoding.UTF8);
        using var response = await http.PostAsync(new Uri(moto.Endpoint + "/moto-api/reset-auth"), body);
        response.EnsureSuccessStatusCode();
    }

    private DynamoDbStreamsClient Streams(string accessKey, string secret)
    {
        var config = MotoAws.Connection(moto).ApplyTo(new AmazonDynamoDBConfig { DefaultAWSCredentials = new BasicAWSCredentials(accessKey, secret) });
        return new DynamoDbStreamsClient(config, MotoAws.Connection(moto));
    }

    [SkippableFact]
    public async Task Stream_calls_pass_moto_iam_authentication_and_a_wrong_secret_is_refused()
    {
        moto.SkipIfUnavailable();
        var report = await MotoAws.InitAsync(moto, MotoAws.Name("tbl"), MotoAws.Name("q"));
        var streamArn = report.TableStreamArn!;
        var user = MotoAws.Name("watcher");
        await ResetAuthAsync("3");   // the three IAM set-up calls go unauthenticated; everything after is checked
        try
        {
            Assert.Equal(0, (await moto.AwsCliAsync("iam", "create-user", "--user-name", user)).ExitCode);
            Assert.Equal(0, (await moto.AwsCliAsync("iam", "put-user-policy", "--user-name", user, "--policy-name", "all",
                "--policy-document", """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}""")).ExitCode);
            var created = await moto.AwsCliAsync("iam", "create-access-key", "--user-name", user);
            Assert.True(created.ExitCode == 0, created.Stderr);
            var key = JsonNode.Parse(created.Stdout)!["AccessKey"]!;
            var accessKeyId = key["AccessKeyId"]!.GetValue<string>();

            using (var good = Streams(accessKeyId, key["SecretAccessKey"]!.GetValue<string>()))
            {
                var description = await good.DescribeStreamAsync(streamArn, null, default);
                var shard = description["StreamDescription"]!["Shards"]!.AsArray()[0]!["ShardId"]!.GetValue<string>();
                Assert.NotNull(await good.GetShardIteratorAsync(streamArn, shard, "LATEST", default));
            }

            using var bad = Streams(accessKeyId, "not-the-secret");
            var refused = await Assert.ThrowsAsync<StreamsException>(() => bad.DescribeStreamAsync(streamArn, null, default));
            Assert.True(refused.Message.Contains("Signature", StringComparison.Ordinal), refused.Message);
        }
        finally
        {
            await ResetAuthAsync("inf");
        }
    }
}
