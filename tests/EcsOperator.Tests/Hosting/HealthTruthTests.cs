using System.Net;
using EcsOperator.Backends;
using EcsOperator.Core.LocalStore;
using EcsOperator.Core.Queue;
using EcsOperator.Core.Store;
using EcsOperator.Hosting;
using EcsOperator.Tests.EndToEnd;
using Microsoft.AspNetCore.Builder;

namespace EcsOperator.Tests.Hosting;

/// <summary>/readyz tells which replica leads as the store says, and is not ready while the store or the job queue
/// cannot be reached.</summary>
public sealed class HealthTruthTests : IAsyncLifetime
{
    private readonly OperatorWorld w = new();
    private readonly List<WebApplication> hosts = [];

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var host in hosts)
        {
            await host.StopAsync();
            await host.DisposeAsync();
        }
        await w.DisposeAsync();
    }

    private async Task<(WebApplication Host, HttpClient Http)> StartAsync(string identity, ILeaseStore leases, IJobQueue? queue = null)
    {
        var backends = new OperatorBackends(w.Store, w.Store, leases, queue, w.Cloud.Ecs, w.Cloud.AutoScaling, w.Cloud.Alarms, w.Cloud.Logs);
        var settings = new OperatorSettings { Identity = identity, MetricsPort = 0 };
        settings.Apps.Clusters.Add("default");
        var host = OperatorHost.Build(backends, settings, w.Time, logging: _ => { });
        await host.StartAsync();
        hosts.Add(host);
        return (host, new HttpClient { BaseAddress = new Uri(host.Urls.Single()) });
    }

    private async Task<string> WaitForAsync(HttpClient http, string path, HttpStatusCode code, string contains)
    {
        var last = "";
        await w.WaitAsync(async () =>
        {
            using var resp = await http.GetAsync(path);
            last = await resp.Content.ReadAsStringAsync();
            return resp.StatusCode == code && last.Contains(contains, StringComparison.Ordinal);
        }, $"{path} {(int)code} containing '{contains}' (last: {last.Trim()})");
        return last;
    }

    [Fact]
    public async Task A_standby_names_the_real_leader_and_a_replica_cut_off_from_the_store_says_so_without_naming_itself()
    {
        var (_, leaderHttp) = await StartAsync("op-1", w.Store);
        await WaitForAsync(leaderHttp, "/readyz", HttpStatusCode.OK, "ready: leader (op-1)");
        var flaky = new SwitchableLeases(w.Store);
        var (_, standbyHttp) = await StartAsync("op-2", flaky);
        await WaitForAsync(standbyHttp, "/readyz", HttpStatusCode.OK, "ready: standby op-2 (leader: op-1)");

        flaky.Down = true;
        var text = await WaitForAsync(standbyHttp, "/readyz", HttpStatusCode.ServiceUnavailable, "store unreachable: connection refused");
        Assert.Contains("(leader: unknown)", text);
        Assert.Equal("ok\n", await standbyHttp.GetStringAsync("/healthz"));

        flaky.Down = false;
        await WaitForAsync(standbyHttp, "/readyz", HttpStatusCode.OK, "ready: standby op-2 (leader: op-1)");
    }

    [Fact]
    public async Task A_leader_whose_lease_store_fails_is_not_ready_and_does_not_call_itself_the_leader()
    {
        var flaky = new SwitchableLeases(w.Store);
        var (host, http) = await StartAsync("op-1", flaky);
        await WaitForAsync(http, "/readyz", HttpStatusCode.OK, "ready: leader (op-1)");

        flaky.Down = true;
        var text = await WaitForAsync(http, "/readyz", HttpStatusCode.ServiceUnavailable, "store unreachable");
        Assert.DoesNotContain("(leader: op-1)", text);
        Assert.False(OperatorWorld.IsLeader(host));
    }

    [Fact]
    public async Task A_replica_whose_job_queue_cannot_be_reached_is_not_ready()
    {
        var queue = new SwitchableQueue(new LocalJobQueue(new Core.State.StatePaths(w.StateDir), w.Time));
        var (_, http) = await StartAsync("op-1", w.Store, queue);
        await WaitForAsync(http, "/readyz", HttpStatusCode.OK, "ready: leader (op-1)");

        queue.Down = true;
        await WaitForAsync(http, "/readyz", HttpStatusCode.ServiceUnavailable, "job queue unreachable: queue endpoint refused");

        queue.Down = false;
        await WaitForAsync(http, "/readyz", HttpStatusCode.OK, "ready: leader (op-1)");
    }

    private sealed class SwitchableLeases(ILeaseStore inner) : ILeaseStore, IClaimStore
    {
        public volatile bool Down;

        public Task<string> ClaimAsync(string name, string owner, CancellationToken ct) =>
            Down ? throw new HttpRequestException("connection refused") : ((IClaimStore)inner).ClaimAsync(name, owner, ct);

        public Task<bool> ReleaseClaimAsync(string name, string owner, CancellationToken ct) =>
            Down ? throw new HttpRequestException("connection refused") : ((IClaimStore)inner).ReleaseClaimAsync(name, owner, ct);

        public Task<Lease> TryAcquireAsync(string name, string holder, TimeSpan duration, CancellationToken ct) =>
            Down ? throw new HttpRequestException("connection refused") : inner.TryAcquireAsync(name, holder, duration, ct);

        public Task ReleaseAsync(string name, string holder, CancellationToken ct) =>
            Down ? throw new HttpRequestException("connection refused") : inner.ReleaseAsync(name, holder, ct);
    }

    private sealed class SwitchableQueue(IJobQueue inner) : IJobQueue
    {
        public volatile bool Down;

        public Task<IReadOnlyList<QueueMessage>> ReceiveAsync(int max, TimeSpan wait, CancellationToken ct) =>
            Down ? throw new HttpRequestException("queue endpoint refused") : inner.ReceiveAsync(max, wait, ct);

        public Task DeleteAsync(QueueMessage message, CancellationToken ct) => inner.DeleteAsync(message, ct);

        public Task ExtendVisibilityAsync(QueueMessage message, TimeSpan visibility, CancellationToken ct) => inner.ExtendVisibilityAsync(message, visibility, ct);

        public Task<string> SendAsync(string body, IReadOnlyDictionary<string, string>? attributes, CancellationToken ct) => inner.SendAsync(body, attributes, ct);

        public Task DeadLetterAsync(QueueMessage message, string reason, CancellationToken ct) => inner.DeadLetterAsync(message, reason, ct);
    }
}
