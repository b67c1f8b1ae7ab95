using EcsOperator.TestUtilities.Moto;

namespace EcsOperator.Aws.Tests.Moto;

public sealed class MotoServerTests(MotoServer moto) : IClassFixture<MotoServer>
{
    [SkippableFact]
    public async Task Aws_cli_reaches_the_test_server()
    {
        moto.SkipIfUnavailable();
        var (code, stdout, stderr) = await moto.AwsCliAsync("sqs", "create-queue", "--queue-name", "probe");
        Assert.True(code == 0, stderr);
        Assert.Contains("probe", stdout, StringComparison.Ordinal);
    }
}
