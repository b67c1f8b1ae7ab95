using EcsOperator.Core.Jobs;
using EcsOperator.Core.Resources;

namespace EcsOperator.Core.Tests.Jobs;

public sealed class QueuedJobParserTests
{
    private const string Unnamed = """
        apiVersion: ecs.operator/v1
        kind: Job
        spec:
          appRef: web
          command: [bin/rails, runner, "puts 1"]
        """;

    [Fact]
    public void Unnamed_job_is_named_from_the_message_id_stably()
    {
        var a = QueuedJobParser.Parse(Unnamed, "6F1E1A2B-0000-4000-8000-000000000001", "default");
        var b = QueuedJobParser.Parse(Unnamed, "6F1E1A2B-0000-4000-8000-000000000001", "default");
        Assert.Null(a.Error);
        Assert.Equal(new ResourceKey(ResourceKind.Job, "default", "job-6f1e1a2b-0000-4000-8000-000000000001"), a.Job!.Key);
        Assert.Equal(a.Manifest, b.Manifest);
        Assert.Equal("6F1E1A2B-0000-4000-8000-000000000001", a.Job.Metadata.Annotations![JobAnnotations.QueueMessageId]);
    }

    [Fact]
    public void Odd_message_ids_hash_to_a_dns_label()
    {
        var name = QueuedJobParser.NameFor("Some/ODD id_with.stuff" + new string('x', 80));
        Assert.True(ResourceKey.IsDnsLabel(name));
        Assert.Equal(name, QueuedJobParser.NameFor("Some/ODD id_with.stuff" + new string('x', 80)));
    }

    [Fact]
    public void Json_bodies_work_and_keep_their_name()
    {
        var r = QueuedJobParser.Parse("""{"apiVersion":"ecs.operator/v1","kind":"Job","metadata":{"name":"m1","namespace":"ops"},"spec":{"appRef":"web"}}""", "id-1", "default");
        Assert.Equal(new ResourceKey(ResourceKind.Job, "ops", "m1"), r.Job!.Key);
    }

    [Theory]
    [InlineData("{{{ not yaml", "")]
    [InlineData("apiVersion: ecs.operator/v1\nkind: App\nmetadata: {name: x}\nspec: {}", "only Job documents")]
    [InlineData("apiVersion: ecs.operator/v1\nkind: Job\nspec:\n  backoffLimit: many", "spec.backoffLimit")]
    [InlineData("a: 1\n---\nb: 2", "exactly one")]
    [InlineData("", "exactly one")]
    public void Malformed_bodies_give_a_reason(string body, string expected)
    {
        var r = QueuedJobParser.Parse(body, "id-2", "default");
        Assert.Null(r.Job);
        Assert.False(string.IsNullOrWhiteSpace(r.Error));
        Assert.Contains(expected, r.Error, StringComparison.Ordinal);
    }
}
