using EcsOperator.TestUtilities.Moto;

namespace EcsOperator.Tests.Scaling;

/// <summary>One moto_server for every scaling test class that needs one (names are unique per test).</summary>
[CollectionDefinition(Name)]
public sealed class ScalingMotoCollection : ICollectionFixture<MotoServer>
{
    public const string Name = "scaling-moto";
}
