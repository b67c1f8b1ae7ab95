using System.Text.Json.Nodes;
using EcsOperator.Core.Aws;
using EcsOperator.Core.Json;

namespace EcsOperator.Core.Tests.Apps;

/// <summary>
/// A RegisterTaskDefinition whose answer is lost after ECS registered the revision (a dropped connection): the
/// reconciler must find and use the revision it made, not register the same definition again.
/// </summary>
public sealed class AppLostAnswerTests
{
    /// <summary>Lets the first <paramref name="lose"/> RegisterTaskDefinition calls take effect, then throws the
    /// transport error a dropped connection gives the caller.</summary>
    private sealed class LosingRegisterAnswers(IEcsApi inner, int lose) : IEcsApi
    {
        public int Lost { get; private set; }

        public async Task<JsonObject> SendAsync(string action, JsonObject request, CancellationToken ct)
        {
            var resp = await inner.SendAsync(action, request, ct);
            if (action != EcsAction.RegisterTaskDefinition || Lost >= lose) return resp;
            Lost++;
            throw new AwsApiException(AwsErrorKind.Transport, "Transport", "the AWS call failed in transport: the response ended prematurely", 0);
        }
    }

    [Fact]
    public async Task A_registration_whose_answer_was_lost_is_found_and_used_not_made_twice()
    {
        LosingRegisterAnswers? faults = null;
        using var h = new AppHarness(wrapEcs: inner => faults = new LosingRegisterAnswers(inner, lose: 2));
        await h.ApplyAsync("web", AppHarness.App("web", image: "nginx:1"));
        await h.ConvergeAsync("web");
        await h.ApplyAsync("web", AppHarness.App("web", image: "nginx:2"));
        await h.ConvergeAsync("web");

        Assert.Equal(2, faults!.Lost);
        var revisions = await h.RevisionsAsync("web");
        Assert.Equal(2, revisions.Count);
        var svc = (await h.ServiceAsync("web"))!;
        Assert.Equal(revisions[^1], svc.Str("taskDefinition"));
        var status = await h.StatusAsync("web");
        Assert.Equal("True", AppHarness.Condition(status, "Available"));
    }
}
