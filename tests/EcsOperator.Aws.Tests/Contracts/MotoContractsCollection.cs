using EcsOperator.TestUtilities.Moto;

namespace EcsOperator.Aws.Tests.Contracts;

/// <summary>One moto_server for all the ECS / Auto Scaling / alarm / logs contract classes: their tests take tens of
/// milliseconds each, so one server run through in sequence costs less than a server start-up per class. Every test
/// names its own cluster, group, alarm or log group, so they share the server without a reset.</summary>
[CollectionDefinition(Name)]
public sealed class MotoContractsCollection : ICollectionFixture<MotoServer>
{
    public const string Name = "moto-contracts";
}
