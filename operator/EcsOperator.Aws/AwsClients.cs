using EcsOperator.Aws.AutoScaling;
using EcsOperator.Aws.CloudWatch;
using EcsOperator.Aws.Ecs;
using EcsOperator.Aws.Logs;
using EcsOperator.Aws.Preflight;
using EcsOperator.Aws.Resilience;
using EcsOperator.Aws.Wire;
using EcsOperator.Core.Aws;
using EcsOperator.Core.Preflight;

namespace EcsOperator.Aws;

/// <summary>Builds the ECS, Auto Scaling, CloudWatch and Logs clients for one connection: one shared HTTP handler,
/// one credential source, and one resilience pipeline plus token bucket per API group.</summary>
public static class AwsClients
{
    public static AwsClientSet Create(AwsConnection connection, TimeProvider time, AwsClientOptions? options = null)
    {
        options ??= new AwsClientOptions();
        var region = AwsEndpointResolver.ResolveRegion(connection);
        var credentials = options.Credentials is { } explicitCredentials
            ? new AwsCredentialSource(explicitCredentials)
            : new AwsCredentialSource(connection);
        HttpMessageHandler handler = new SocketsHttpHandler
        {
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            ConnectTimeout = TimeSpan.FromSeconds(10),
            MaxConnectionsPerServer = 64,
            AutomaticDecompression = System.Net.DecompressionMethods.All,
        };
        if (options.WrapHandler is { } wrap) handler = wrap(handler);
        // The per-attempt timeout of the pipeline is the only timeout.
        var http = new HttpClient(handler) { Timeout = Timeout.InfiniteTimeSpan };
        // Added at send time, so neither header is part of the signature (proxies may rewrite them).
        http.DefaultRequestHeaders.UserAgent.ParseAdd("ecs-operator/1.0");
        http.DefaultRequestHeaders.UserAgent.ParseAdd($"aws-sdk-dotnet-core/{typeof(Amazon.Runtime.AWSCredentials).Assembly.GetName().Version}");
        var runner = new AwsCallRunner(options, time);

        AwsWireClient Wire(AwsServiceDescriptor service) => new(
            http, AwsEndpointResolver.ResolveEndpoint(connection, service.EndpointPrefix, service.EnvId, region),
            region, service, credentials, time);

        return new AwsClientSet(
            new EcsClient(Wire(AwsServiceDescriptor.Ecs), runner),
            new AutoScalingClient(Wire(AwsServiceDescriptor.AutoScaling), runner),
            new CloudWatchAlarmClient(Wire(AwsServiceDescriptor.CloudWatch), runner),
            new CloudWatchLogsClient(Wire(AwsServiceDescriptor.Logs), runner))
        {
            Region = region,
            Preflight = new AwsPreflightProbe((service, at) => new AwsWireClient(
                http, AwsEndpointResolver.ResolveEndpoint(connection, service.EndpointPrefix, service.EnvId, at), at, service, credentials, time), region, runner),
            Runner = runner,
            Http = http,
        };
    }
}

/// <summary>The four clients of one connection. Dispose when done (stops the bucket timers, closes connections).</summary>
public sealed record AwsClientSet(IEcsApi Ecs, IAutoScalingApi AutoScaling, IAlarmApi Alarms, ILogsApi Logs) : IDisposable
{
    /// <summary>The region the clients sign for.</summary>
    public string Region { get; init; } = "";

    /// <summary>Looks up what a task definition and service need (images, roles, secrets, log groups, subnets, security
    /// groups) for <c>ecsctl verify</c> and the operator's check before a rollout.</summary>
    public IPreflightProbe Preflight { get; init; } = UncheckedPreflightProbe.Local;

    internal AwsCallRunner? Runner { get; init; }

    internal HttpClient? Http { get; init; }

    public void Dispose()
    {
        Runner?.Dispose();
        Http?.Dispose();
    }
}
