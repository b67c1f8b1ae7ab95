namespace EcsOperator.Core.Tests.Controller;

/// <summary>The smallest valid App manifest, for the controller tests that only need documents to exist and change.</summary>
internal static class TestApps
{
    public static string Manifest(string name, string image = "nginx") => $"""
        apiVersion: ecs.operator/v1
        kind: App
        metadata:
          name: {name}
        spec:
          cluster: default
          taskDefinition:
            containerDefinitions:
              - name: web
                image: {image}
        """;
}
