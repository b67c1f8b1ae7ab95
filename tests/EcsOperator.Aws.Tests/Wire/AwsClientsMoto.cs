using Amazon.Runtime;
using EcsOperator.Aws.Resilience;
using EcsOperator.TestUtilities.Conformance;
using EcsOperator.TestUtilities.Moto;

namespace EcsOperator.Aws.Tests.Wire;

/// <summary>One moto_server shared by the wire-client test classes (they run one after another; names are unique per test).</summary>
[CollectionDefinition(Name)]
public sealed class AwsClientsMotoCollection : ICollectionFixture<MotoServer>
{
    public const string Name = "aws-clients-moto";
}

internal static class AwsClientsMoto
{
    /// <summary>
    /// All four clients pointed at <paramref name="moto"/>, with moto's test credentials. What they put on the wire is
    /// checked against the AWS API model (<see cref="WireConformanceHandler"/>) in front of any handler the test adds;
    /// only a test that sends a bad request on purpose, to see AWS's own answer, turns that off.
    /// </summary>
    public static AwsClientSet Create(MotoServer moto, AwsClientOptions? options = null, TimeProvider? time = null, bool checkConformance = true)
    {
        options ??= new AwsClientOptions();
        var wrap = options.WrapHandler;
        return AwsClients.Create(
            new AwsConnection(moto.Region, null, moto.Endpoint),
            time ?? TimeProvider.System,
            options with
            {
                Credentials = new BasicAWSCredentials("testing", "testing"),
                WrapHandler = inner =>
                {
                    var wrapped = wrap is null ? inner : wrap(inner);
                    return checkConformance ? new WireConformanceHandler(wrapped) : wrapped;
                },
            });
    }

    /// <summary>A name no other test uses.</summary>
    public static string Unique(string prefix) => $"{prefix}-{Guid.NewGuid():N}"[..(prefix.Length + 13)];

    /// <summary>Runs the aws CLI and fails the test with its stderr when it fails.</summary>
    public static async Task<string> CliAsync(this MotoServer moto, params string[] args)
    {
        var (exit, stdout, stderr) = await moto.AwsCliAsync(args);
        Assert.True(exit == 0, $"aws {string.Join(' ', args)} failed ({exit}): {stderr}");
        return stdout;
    }
}
