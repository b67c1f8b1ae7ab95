using System.Text.Json.Nodes;
using EcsOperator.Core.Aws;
using EcsOperator.Simulator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace EcsOperator.Chaos;

/// <summary>
/// Serves one simulated cloud's ECS API over AWS JSON 1.1 on loopback, so operator processes share it as they would
/// share a real region. A mutating call can be made to lose its answer after it took effect (the connection is
/// dropped, as after a network failure): the caller cannot know, and must find out without doing it twice. And the
/// caller can be killed between a call taking effect and its answer (<paramref name="crashCaller"/>), the worst moment
/// for it: between RunTask and the Job's status write, between RegisterTaskDefinition and UpdateService.
/// </summary>
internal sealed class EcsEndpoint(SimulatedCloud cloud, ChaosFaults faults, Func<string, bool> crashCaller) : IAsyncDisposable
{
    private const string TargetPrefix = "AmazonEC2ContainerServiceV20141113.";
    private WebApplication? app;

    public string Url { get; private set; } = "";

    public async Task StartAsync(CancellationToken ct)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ApplicationName = "ecs-operator-chaos", Args = [] });
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        app = builder.Build();
        app.MapPost("/", HandleAsync);
        await app.StartAsync(ct);
        Url = app.Urls.Single();
    }

    private async Task HandleAsync(HttpContext http)
    {
        var target = http.Request.Headers["X-Amz-Target"].ToString();
        if (!target.StartsWith(TargetPrefix, StringComparison.Ordinal))
        {
            await ErrorAsync(http, 400, "UnknownOperationException", $"'{target}' is not served here (ECS only)");
            return;
        }
        var action = target[TargetPrefix.Length..];
        JsonObject request;
        try
        {
            request = await System.Text.Json.JsonSerializer.DeserializeAsync<JsonObject>(http.Request.Body, cancellationToken: http.RequestAborted) ?? [];
        }
        catch (System.Text.Json.JsonException e)
        {
            await ErrorAsync(http, 400, "SerializationException", e.Message);
            return;
        }
        JsonObject response;
        try
        {
            response = await cloud.Ecs.SendAsync(action, request, CancellationToken.None);
        }
        catch (AwsApiException e)
        {
            faults.Seen(e.Kind == AwsErrorKind.Throttling ? "throttled" : "error");
            await ErrorAsync(http, e.StatusCode is >= 400 ? e.StatusCode : 400, e.Code, e.Message);
            return;
        }
        if (EcsAction.IsMutating(action)) faults.Seen("mutating calls");
        if (EcsAction.IsMutating(action) && crashCaller(action))
        {
            http.Abort();
            return;
        }
        if (EcsAction.IsMutating(action) && faults.LoseResponse())
        {
            http.Abort();
            return;
        }
        http.Response.ContentType = "application/x-amz-json-1.1";
        await http.Response.WriteAsync(response.ToJsonString(), http.RequestAborted);
    }

    private static async Task ErrorAsync(HttpContext http, int status, string code, string message)
    {
        http.Response.StatusCode = status;
        http.Response.ContentType = "application/x-amz-json-1.1";
        http.Response.Headers["x-amzn-ErrorType"] = code;
        await http.Response.WriteAsync(new JsonObject { ["__type"] = code, ["message"] = message }.ToJsonString(), http.RequestAborted);
    }

    public async ValueTask DisposeAsync()
    {
        if (app is null) return;
        await app.StopAsync();
        await app.DisposeAsync();
    }
}
