using EcsOperator.Core.Manifests.Schema;
using EcsOperator.Core.Resources;

namespace EcsOperator.Core.Tests.Manifests;

public sealed class SchemaExplainerTests
{
    [Fact]
    public void Explains_a_scalar_field_with_type_default_and_range()
    {
        var e = SchemaExplainer.Explain("app.spec.progressDeadlineSeconds");

        Assert.Equal(ResourceKind.App, e.Kind);
        Assert.Equal("spec.progressDeadlineSeconds", e.Path);
        Assert.Equal("integer", e.Type);
        Assert.Equal(600, (int)e.Default!);
        Assert.Equal(1, e.Minimum);
        Assert.Contains("rollout", e.Description, StringComparison.Ordinal);
        Assert.Contains("FIELD:    spec.progressDeadlineSeconds <integer>", e.Render(), StringComparison.Ordinal);
    }

    [Fact]
    public void Explains_a_kind_with_its_top_level_fields()
    {
        var e = SchemaExplainer.Explain("cj");

        Assert.Equal(ResourceKind.CronJob, e.Kind);
        Assert.Equal(["apiVersion", "kind", "metadata", "spec", "status"], e.Fields.Select(f => f.Name));
    }

    [Fact]
    public void Steps_through_lists_into_their_items()
    {
        var hooks = SchemaExplainer.Explain("apps.spec.hooks.preDeploy");
        Assert.Equal("[]object", hooks.Type);
        Assert.Contains(hooks.Fields, f => f is { Name: "command", Required: true, Type: "[]string" });

        var ceilings = SchemaExplainer.Explain("scalepolicy.spec.maxTaskCount");
        Assert.Equal("integer | []integer", ceilings.Type);
        Assert.True(ceilings.Required);
    }

    [Theory]
    [InlineData("app.spec.replica", "field 'replica' does not exist in spec (did you mean 'replicas'?)")]
    [InlineData("deployment", "unknown kind 'deployment'; expected one of App, Job, CronJob, ScalePolicy, CapacityPool")]
    [InlineData("app.spec.taskDefinition.family", "spec.taskDefinition is passed through in the AWS API's own shape; its fields are documented by AWS")]
    public void Bad_paths_say_why(string path, string message)
    {
        Assert.False(SchemaExplainer.TryExplain(path, out _, out var error));
        Assert.Equal(message, error);
        Assert.Throws<ArgumentException>(() => SchemaExplainer.Explain(path));
    }
}
