using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using EcsOperator.Aws.Wire;
using EcsOperator.Core.Aws;
using EcsOperator.Core.Notifications;
using EcsOperator.Core.Store;

namespace EcsOperator.Aws.Notifications;

/// <summary>Delivers one notification to one target, once (the notifier retries).</summary>
public interface INotificationSender
{
    Task SendAsync(NotificationTarget target, ResourceEvent e, CancellationToken ct);
}

/// <summary>
/// Sends to SNS (Publish: a one-line subject and a JSON message with the event's fields and a <c>text</c> line) and to
/// webhooks (POST of Slack-compatible <c>{"text": ...}</c>). A webhook URL must be HTTPS; plain HTTP is accepted only for
/// a loopback host (a local relay or a test listener).
/// </summary>
public sealed class NotificationSender : INotificationSender
{
    private static readonly Lazy<HttpClient> SharedHttp = new(() =>
    {
        // the notifier's pipeline times each attempt out; the client itself never does
        var http = new HttpClient { Timeout = Timeout.InfiniteTimeSpan };
        http.DefaultRequestHeaders.UserAgent.ParseAdd("ecs-operator/1.0");
        return http;
    });

    private readonly SnsClient? sns;
    private readonly SecretResolver secrets;
    private readonly HttpClient http;

    internal NotificationSender(SnsClient? sns, SecretResolver secrets, HttpClient http)
    {
        this.sns = sns;
        this.secrets = secrets;
        this.http = http;
    }

    /// <summary>Webhooks with URLs from environment variables only: no AWS account to reach (local mode).</summary>
    public static NotificationSender CreateLocal(TimeProvider time) => new(null, new SecretResolver(null, null, time), SharedHttp.Value);

    /// <summary>SNS, SSM and Secrets Manager of <paramref name="connection"/>'s account and region, and webhooks.</summary>
    public static NotificationSender Create(AwsConnection connection, TimeProvider time)
    {
        var http = SharedHttp.Value;
        var region = AwsEndpointResolver.ResolveRegion(connection);
        var credentials = new AwsCredentialSource(connection);
        AwsWireClient Wire(AwsServiceDescriptor service) => new(
            http, AwsEndpointResolver.ResolveEndpoint(connection, service.EndpointPrefix, service.EnvId, region), region, service, credentials, time);
        var secrets = new SecretResolver(new JsonProtocol(Wire(AwsServiceDescriptor.Ssm), "AmazonSSM"),
            new JsonProtocol(Wire(AwsServiceDescriptor.SecretsManager), "secretsmanager"), time);
        return new NotificationSender(new SnsClient(Wire(AwsServiceDescriptor.Sns)), secrets, http);
    }

    /// <summary>The one line both kinds carry: <c>[Warning] App/default/web RolledBack: message</c>.</summary>
    public static string Text(ResourceEvent e) => $"[{e.Type}] {e.Key} {e.Reason}: {e.Message}";

    public async Task SendAsync(NotificationTarget target, ResourceEvent e, CancellationToken ct)
    {
        if (target.Kind == NotificationTargetKind.Sns) await PublishAsync(target, e, ct);
        else await PostAsync(target, e, ct);
    }

    private async Task PublishAsync(NotificationTarget target, ResourceEvent e, CancellationToken ct)
    {
        if (sns is null) throw new NotificationDeliveryException("no SNS client is configured for this operator", transient: false);
        var message = new JsonObject
        {
            ["text"] = Text(e),
            ["kind"] = e.Key.Kind.ToString(),
            ["namespace"] = e.Key.Namespace,
            ["name"] = e.Key.Name,
            ["type"] = e.Type,
            ["reason"] = e.Reason,
            ["message"] = e.Message,
            ["count"] = e.Count,
            ["firstTimestamp"] = Rfc3339(e.FirstTimestamp),
            ["lastTimestamp"] = Rfc3339(e.LastTimestamp),
        };
        try
        {
            await sns.PublishAsync(target.TopicArn!, $"ecs-operator: {e.Key} {e.Reason}", message.ToJsonString(), ct);
        }
        catch (AwsApiException x)
        {
            throw new NotificationDeliveryException($"SNS {target.TopicArn}: {x.Code}: {x.ErrorMessage}", x.IsTransient, x);
        }
        catch (HttpRequestException x)
        {
            throw new NotificationDeliveryException($"SNS {target.TopicArn}: {x.Message}", transient: true, x);
        }
    }

    private async Task PostAsync(NotificationTarget target, ResourceEvent e, CancellationToken ct)
    {
        var url = await secrets.GetAsync(target.Url!, ct);
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || !(uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp && uri.IsLoopback))
            throw new NotificationDeliveryException($"the webhook URL in {target.Url} is not an https:// URL", transient: false);
        var body = new JsonObject { ["text"] = Text(e) }.ToJsonString();
        HttpResponseMessage response;
        try
        {
            using var content = new StringContent(body, Encoding.UTF8, "application/json");
            response = await http.PostAsync(uri, content, ct);
        }
        catch (HttpRequestException x)
        {
            // the URL is a secret: name the host only
            throw new NotificationDeliveryException($"webhook at {uri.Host}: {x.Message}", transient: true, x);
        }
        using (response)
        {
            if (response.IsSuccessStatusCode) return;
            var status = (int)response.StatusCode;
            // a refused URL may have been rotated: read the secret again next time
            if (status is 401 or 403 or 404 or 410) secrets.Forget(target.Url!);
            throw new NotificationDeliveryException($"webhook at {uri.Host} answered HTTP {status}",
                transient: status >= 500 || response.StatusCode == HttpStatusCode.TooManyRequests);
        }
    }

    private static string Rfc3339(DateTimeOffset t) => Core.Model.Rfc3339.Format(t);
}
