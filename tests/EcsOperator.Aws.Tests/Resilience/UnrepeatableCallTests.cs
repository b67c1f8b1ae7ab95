using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Amazon.Runtime;
using EcsOperator.Aws.Resilience;
using EcsOperator.Core.Aws;

namespace EcsOperator.Aws.Tests.Resilience;

/// <summary>
/// RegisterTaskDefinition has no idempotency token: every send that reaches ECS adds a revision. After a transport
/// failure that may have followed delivery (the answer was lost), the client must not send it again; after one that
/// proves nothing was sent (connection refused), it retries as for any call. Idempotent calls retry either way.
/// </summary>
public sealed class UnrepeatableCallTests
{
    /// <summary>Never forwards: fails the first <paramref name="failures"/> requests of each action with
    /// <paramref name="error"/>, then answers 200 with an empty JSON object. Counts requests per action.</summary>
    private sealed class FailingThenAnswering(HttpRequestError error, int failures) : DelegatingHandler
    {
        public Dictionary<string, int> Sends { get; } = new(StringComparer.Ordinal);

        public HttpMessageHandler Wrap(HttpMessageHandler inner)
        {
            InnerHandler = inner;
            return this;
        }

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken ct)
        {
            var target = request.Headers.TryGetValues("X-Amz-Target", out var v) ? v.Single() : "";
            var action = target[(target.LastIndexOf('.') + 1)..];
            int n;
            lock (Sends) n = Sends[action] = Sends.GetValueOrDefault(action) + 1;
            if (n <= failures) throw new HttpRequestException(error, $"injected {error}", new IOException("connection dropped"));
            return Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK)
            {
                Content = new StringContent("{}", Encoding.UTF8, "application/x-amz-json-1.1"),
            });
        }
    }

    private static AwsClientSet Clients(FailingThenAnswering handler) => AwsClients.Create(
        new AwsConnection("us-east-1", null, "http://127.0.0.1:9"),
        TimeProvider.System,
        new AwsClientOptions
        {
            MaxRetries = 3,
            BaseDelay = TimeSpan.FromMilliseconds(1),
            MaxDelay = TimeSpan.FromMilliseconds(5),
            Credentials = new BasicAWSCredentials("testing", "testing"),
            WrapHandler = handler.Wrap,
        });

    private static JsonObject Register() => new()
    {
        ["family"] = "web", ["containerDefinitions"] = new JsonArray(new JsonObject { ["name"] = "app", ["image"] = "nginx", ["memory"] = 64 }),
    };

    [Fact]
    public async Task A_registration_whose_answer_was_lost_is_sent_once_and_reported_as_a_transport_error()
    {
        var handler = new FailingThenAnswering(HttpRequestError.ResponseEnded, failures: 1);
        using var aws = Clients(handler);
        var e = await Assert.ThrowsAsync<AwsApiException>(() => aws.Ecs.SendAsync(EcsAction.RegisterTaskDefinition, Register(), default));
        Assert.Equal(AwsErrorKind.Transport, e.Kind);
        Assert.Equal(1, handler.Sends[EcsAction.RegisterTaskDefinition]);
    }

    [Fact]
    public async Task A_registration_that_could_not_connect_is_retried()
    {
        var handler = new FailingThenAnswering(HttpRequestError.ConnectionError, failures: 2);
        using var aws = Clients(handler);
        await aws.Ecs.SendAsync(EcsAction.RegisterTaskDefinition, Register(), default);
        Assert.Equal(3, handler.Sends[EcsAction.RegisterTaskDefinition]);
    }

    [Fact]
    public async Task An_idempotent_call_whose_answer_was_lost_is_retried()
    {
        var handler = new FailingThenAnswering(HttpRequestError.ResponseEnded, failures: 2);
        using var aws = Clients(handler);
        await aws.Ecs.SendAsync(EcsAction.UpdateService, new JsonObject { ["cluster"] = "c", ["service"] = "s", ["desiredCount"] = 1 }, default);
        Assert.Equal(3, handler.Sends[EcsAction.UpdateService]);
    }
}
