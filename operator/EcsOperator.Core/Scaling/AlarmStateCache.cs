using EcsOperator.Core.Aws;

namespace EcsOperator.Core.Scaling;

/// <summary>
/// Alarm states shared by every ScalePolicy reconcile of one pass: the first reconcile of a pass describes the alarms
/// of ALL policies (DescribeAlarms, 100 names a call), the others read the snapshot until it is older than the pass
/// length. A policy asking for a name the snapshot did not include (a new policy mid-pass) describes only those names.
/// Without an alarm API (none configured) every read is empty and <see cref="Available"/> is false.
/// </summary>
public sealed class AlarmStateCache(IAlarmApi? alarms, Func<CancellationToken, Task<IReadOnlyCollection<string>>> allAlarmNames,
    TimeProvider time, TimeSpan passLength)
{
    /// <summary>False when no CloudWatch alarm API is configured.</summary>
    public bool Available => alarms is not null;

    private readonly Lock gate = new();
    private readonly Dictionary<string, Pushed> pushed = new(StringComparer.Ordinal);

    /// <summary>Stretches the snapshot's life while AWS events flow (alarm events then report every change).</summary>
    public Events.PollPacing Pacing { get; init; } = Events.PollPacing.Usual;
    private Task<Snapshot>? current;

    /// <summary>DescribeAlarms requests made (each up to 100 names).</summary>
    public long Refreshes { get; private set; }

    /// <summary>Alarm name → state for the names asked; a name absent from the result has no alarm.</summary>
    public async Task<IReadOnlyDictionary<string, string>> GetStatesAsync(IReadOnlyList<string> names, CancellationToken ct)
    {
        if (alarms is null || names.Count == 0) return new Dictionary<string, string>(StringComparer.Ordinal);
        if (FromEvents(names) is { } reported) return reported;
        var snapshot = await GetSnapshotAsync(ct);
        var missing = names.Where(n => !snapshot.Asked.Contains(n)).ToList();
        if (missing.Count > 0)
        {
            var extra = await alarms.DescribeAlarmsAsync(missing, ct);
            lock (gate)
            {
                Refreshes += (missing.Count + 99) / 100;
                foreach (var n in missing) snapshot.Asked.Add(n);
                foreach (var a in extra)
                {
                    snapshot.States[a.AlarmName] = a.StateValue;
                    snapshot.Updated[a.AlarmName] = a.StateUpdatedAt;
                }
            }
        }
        lock (gate)
        {
            var result = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var n in names)
            {
                if (snapshot.States.TryGetValue(n, out var s)) result[n] = s;
                // a state change an event reported after the snapshot's view of the alarm wins
                if (pushed.TryGetValue(n, out var p) && (!snapshot.Updated.TryGetValue(n, out var at) || p.At > at)) result[n] = p.State;
            }
            return result;
        }
    }

    /// <summary>Records a state change an alarm event reported. Reads return it until a snapshot shows the alarm updated
    /// later; an event older than one already recorded for the alarm (late, duplicate) changes nothing. Returns true
    /// when the state was newer than what was known.</summary>
    public bool Observe(string alarmName, string state, DateTimeOffset stateUpdatedAt)
    {
        lock (gate)
        {
            if (pushed.TryGetValue(alarmName, out var p) && p.At >= stateUpdatedAt) return false;
            if (current is { IsCompletedSuccessfully: true } done && done.Result.Updated.TryGetValue(alarmName, out var at) && at >= stateUpdatedAt)
                return false;
            pushed[alarmName] = new Pushed(state, stateUpdatedAt, time.GetUtcNow());
            return true;
        }
    }

    /// <summary>
    /// The states events reported, when an event reported each of <paramref name="names"/> within the last pass and after
    /// the current snapshot's view of it: then the event is the newest view there is, and the reconcile it woke need not
    /// wait for a snapshot of every policy's alarms (a refresh of hundreds of names takes seconds under throttling).
    /// Null when any name lacks such a report, or when there is no snapshot (none yet, or <see cref="Expire"/>d).
    /// </summary>
    private Dictionary<string, string>? FromEvents(IReadOnlyList<string> names)
    {
        lock (gate)
        {
            var now = time.GetUtcNow();
            // no snapshot yet, or one was asked for (Expire): take it
            if (current is not { IsCompletedSuccessfully: true } done) return null;
            var snapshot = done.Result;
            var result = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var n in names)
            {
                if (!pushed.TryGetValue(n, out var p) || now - p.ObservedAt >= passLength) return null;
                if (snapshot.Updated.TryGetValue(n, out var at) && at >= p.At) return null;
                result[n] = p.State;
            }
            return result;
        }
    }

    /// <summary>The next read takes a new snapshot (e.g. the start of a benchmark pass).</summary>
    public void Expire()
    {
        lock (gate) current = null;
    }

    private Task<Snapshot> GetSnapshotAsync(CancellationToken ct)
    {
        lock (gate)
        {
            var now = time.GetUtcNow();
            if (current is { IsCompletedSuccessfully: true } done && now - done.Result.TakenAt < Pacing.For(passLength)) return done;
            if (current is { IsCompleted: false } pending) return pending;
            current = TakeAsync(now, ct);
            return current;
        }
    }

    private async Task<Snapshot> TakeAsync(DateTimeOffset now, CancellationToken ct)
    {
        var names = (await allAlarmNames(ct)).Distinct(StringComparer.Ordinal).ToList();
        var found = names.Count == 0 || alarms is null ? [] : await alarms.DescribeAlarmsAsync(names, ct);
        lock (gate) Refreshes += (names.Count + 99) / 100;
        return new Snapshot(now, new HashSet<string>(names, StringComparer.Ordinal),
            found.DistinctBy(a => a.AlarmName).ToDictionary(a => a.AlarmName, a => a.StateValue, StringComparer.Ordinal),
            found.DistinctBy(a => a.AlarmName).ToDictionary(a => a.AlarmName, a => a.StateUpdatedAt, StringComparer.Ordinal));
    }

    /// <summary>A state an alarm event reported: the state, when CloudWatch set it, and when the event arrived.</summary>
    private sealed record Pushed(string State, DateTimeOffset At, DateTimeOffset ObservedAt);

    private sealed record Snapshot(DateTimeOffset TakenAt, HashSet<string> Asked, Dictionary<string, string> States, Dictionary<string, DateTimeOffset> Updated);
}
