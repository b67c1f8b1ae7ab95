using System.Text.Json.Nodes;
using EcsOperator.Core.Controller;
using EcsOperator.Core.Json;
using EcsOperator.Core.LocalStore;
using EcsOperator.Core.Model;
using EcsOperator.Core.Resources;
using EcsOperator.Core.Store;
using EcsOperator.TestUtilities.Contracts;
using Microsoft.Extensions.Time.Testing;

using static EcsOperator.Core.Tests.Controller.TestApps;

namespace EcsOperator.Core.Tests.Controller;

/// <summary>The shared status plumbing: status records in JSON, the status writer, the manifest loader, the event recorder.</summary>
public sealed class StatusInfrastructureTests : IDisposable
{
    private static readonly ResourceKey Web = ResourceKey.Parse("App/default/web");
    private readonly TempStateDirectory dir = new();
    private readonly FakeTimeProvider time = new(DateTimeOffset.Parse("2026-01-01T00:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
    private readonly LocalResourceStore store;

    public StatusInfrastructureTests() => store = new LocalResourceStore(dir.Paths, time);

    public void Dispose() => dir.Dispose();

    [Fact]
    public void Times_are_written_as_rfc3339_utc_with_milliseconds_and_older_formats_still_read()
    {
        var t = new DateTimeOffset(2026, 3, 1, 13, 4, 5, 678, TimeSpan.FromHours(1)).AddTicks(9);
        Assert.Equal("2026-03-01T12:04:05.678Z", Rfc3339.Format(t));
        Assert.Equal(Rfc3339.Truncate(t), Rfc3339.Parse(Rfc3339.Format(t)));
        Assert.Equal(t, Rfc3339.Parse(t.ToString("O", System.Globalization.CultureInfo.InvariantCulture)));
        Assert.Equal(new DateTimeOffset(2026, 3, 1, 12, 4, 5, TimeSpan.Zero), Rfc3339.Parse("2026-03-01T12:04:05Z"));
        Assert.Equal(new DateTimeOffset(2026, 3, 1, 12, 4, 5, TimeSpan.Zero), Rfc3339.Parse("2026-03-01T12:04:05"));
        Assert.Null(Rfc3339.Parse("yesterday"));
        Assert.Null(Rfc3339.Parse(null));
    }

    [Fact]
    public void A_status_record_round_trips_with_nulls_left_out_and_unknown_fields_carried_by_the_common_view()
    {
        var status = new CronJobStatus
        {
            ObservedGeneration = 2, LastScheduleTime = time.GetUtcNow(), Active = ["nightly-1"],
            Conditions = Array.Empty<Condition>().Set(ConditionTypes.Ready, true, "Scheduled", "ok", time.GetUtcNow()),
        };
        var json = StatusJson.Write(status);
        Assert.Equal("2026-01-01T00:00:00.000Z", json.Str("lastScheduleTime"));
        Assert.False(json.ContainsKey("lastSuccessfulTime"));
        Assert.Equal("True", json.Arr("conditions").Objects().Single().Str("status"));
        Assert.Equal(StatusJson.Text(status), StatusJson.Write(StatusJson.Read<CronJobStatus>(json)!).ToJsonString());

        var common = StatusJson.Read<ResourceStatus>(json)!;
        Assert.Equal(2, common.ObservedGeneration);
        var changed = StatusJson.Write(common with { Conditions = common.Conditions.Set(ConditionTypes.Degraded, true, "InvalidSpec", "bad", time.GetUtcNow()) });
        Assert.Equal(["nightly-1"], StatusJson.Read<CronJobStatus>(changed)!.Active);
        Assert.Equal(2, StatusJson.Read<CronJobStatus>(changed)!.Conditions.Count);
    }

    [Fact]
    public void A_status_that_is_not_of_the_record_reads_as_none()
    {
        Assert.Null(StatusJson.Read<CronJobStatus>(new JsonObject { ["lastScheduleTime"] = "not a time" }));
        Assert.Null(StatusJson.Read<CronJobStatus>(null));
    }

    [Fact]
    public async Task The_writer_skips_an_unchanged_status_and_never_lands_on_a_newer_manifest()
    {
        var writer = new StatusWriter(store);
        var put = await store.PutAsync(Web, Manifest("web"), null, default);
        var status = new ResourceStatus { ObservedGeneration = 1 };
        var after = await writer.WriteAsync(put.Resource, status, default);
        Assert.Equal(1, StatusWriter.Read<ResourceStatus>(after!)!.ObservedGeneration);
        var written = (await store.GetAsync(Web, default))!;

        Assert.Same(written, await writer.WriteAsync(written, status, default));
        Assert.Equal(written.Version, (await store.GetAsync(Web, default))!.Version); // unchanged: no write

        await store.PutAsync(Web, Manifest("web", "nginx:2"), null, default);
        Assert.Null(await writer.WriteAsync(written, status with { ObservedGeneration = 5 }, default));
        Assert.Equal(1, StatusWriter.Read<ResourceStatus>((await store.GetAsync(Web, default))!)!.ObservedGeneration);
    }

    [Fact]
    public async Task Update_reads_again_when_the_manifest_changed_between_read_and_write()
    {
        var writer = new StatusWriter(store);
        await store.PutAsync(Web, Manifest("web"), null, default);
        var calls = 0;
        var result = await writer.UpdateAsync<ResourceStatus>(Web, (item, status) =>
        {
            if (++calls == 1) store.PutAsync(Web, Manifest("web", "nginx:2"), null, default).GetAwaiter().GetResult();
            return (status ?? new ResourceStatus()) with { ObservedGeneration = item.Generation };
        }, default);

        Assert.Equal(2, calls);
        Assert.Equal(2, result!.ObservedGeneration);
        Assert.Equal(2, StatusWriter.Read<ResourceStatus>((await store.GetAsync(Web, default))!)!.ObservedGeneration);
        Assert.Null(await writer.UpdateAsync<ResourceStatus>(ResourceKey.Parse("App/default/absent"), (_, s) => s, default));
    }

    [Fact]
    public void Every_loading_failure_is_terminal_with_a_reason()
    {
        var job = new StoredResource(ResourceKey.Parse("Job/default/once"),
            "apiVersion: ecs.operator/v1\nkind: Job\nmetadata: {name: once}\nspec: {appRef: web}\n", 1, null, "v1");
        Assert.Equal("web", ManifestLoader.Load<JobSpec>(job).Spec.AppRef);

        // A document whose spec does not read as the reconciler's type fails terminally, not with a JsonException that is retried forever.
        var wrongType = Assert.Throws<TerminalReconcileException>(() => ManifestLoader.Load<CronJobSpec>(job, ConditionTypes.Failed));
        Assert.Equal((ManifestLoader.InvalidSpec, ConditionTypes.Failed), (wrongType.Reason, wrongType.ConditionType));
        Assert.Contains("Job/default/once: spec:", wrongType.Message, StringComparison.Ordinal);

        var mismatch = Assert.Throws<TerminalReconcileException>(() => ManifestLoader.Load<JobSpec>(job with { Key = ResourceKey.Parse("Job/default/other") }));
        Assert.Equal(ManifestLoader.KeyMismatch, mismatch.Reason);

        var invalid = Assert.Throws<TerminalReconcileException>(() => ManifestLoader.Load<JobSpec>(job with { Manifest = "kind: Job\nspec: [" }));
        Assert.Equal(ManifestLoader.InvalidSpec, invalid.Reason);
        Assert.Contains("Job/default/once:", invalid.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_same_event_within_the_window_is_counted_even_when_others_came_between()
    {
        var recorder = new EventRecorder(store, time);
        await recorder.WarningAsync(Web, "Throttled", "slow down", default);
        time.Advance(TimeSpan.FromMinutes(1));
        await recorder.NormalAsync(Web, "Scaled", "2 -> 3", default);
        time.Advance(TimeSpan.FromMinutes(1));
        await recorder.WarningAsync(Web, "Throttled", "slow down", default);

        var events = await store.ListAsync(Web, default);
        var throttled = Assert.Single(events, e => e.Reason == "Throttled");
        Assert.Equal(2, throttled.Count);
        Assert.Equal(time.GetUtcNow(), throttled.LastTimestamp);
        Assert.Equal(time.GetUtcNow().AddMinutes(-2), throttled.FirstTimestamp);

        time.Advance(EventAggregation.Window);
        await recorder.WarningAsync(Web, "Throttled", "slow down", default);
        Assert.Equal(2, (await store.ListAsync(Web, default)).Count(e => e.Reason == "Throttled"));
    }

    [Fact]
    public void Aggregation_keeps_the_newest_rows_and_drops_expired_ones()
    {
        var now = time.GetUtcNow();
        var rows = Enumerable.Range(0, 5).Select(i => EventRecorder.Create(Web, ResourceEvent.Normal, "R" + i, "m", now.AddHours(-2 + i * 0.1))).ToList();
        var merged = EventAggregation.Merge(rows, EventRecorder.Create(Web, ResourceEvent.Normal, "New", "m", now), now, TimeSpan.FromHours(1), max: 2);
        Assert.Equal(["New"], merged.Select(e => e.Reason)); // all five were last seen over an hour ago

        rows = Enumerable.Range(0, 5).Select(i => EventRecorder.Create(Web, ResourceEvent.Normal, "R" + i, "m", now.AddMinutes(-30 + i))).ToList();
        merged = EventAggregation.Merge(rows, EventRecorder.Create(Web, ResourceEvent.Normal, "New", "m", now), now, TimeSpan.FromHours(1), max: 3);
        Assert.Equal(["R3", "R4", "New"], merged.Select(e => e.Reason));
    }
}
