using System.Globalization;

namespace EcsOperator.Core.Jobs;

/// <summary>
/// The attempt state machine of a Job, as pure functions of its state, its policy and the time.
/// Placement failures retry the same run with the next launch try (under launchRetry, not counted as attempts);
/// a lost host re-runs without counting; a task ECS no longer knows fails the Job without a re-run (its outcome is
/// unknown); other failures count against backoffLimit.
/// </summary>
public static class JobLifecycle
{
    /// <summary>Delay between a counted failure and the next run.</summary>
    public static readonly TimeSpan FailureBackoffInitial = TimeSpan.FromSeconds(10);
    public static readonly TimeSpan FailureBackoffMax = TimeSpan.FromMinutes(6);

    /// <summary>When the Job must be finished by (timeoutSeconds from its start), or null.</summary>
    public static DateTimeOffset? Deadline(JobState s, JobPolicy p) => p.Timeout is { } t ? s.StartTime + t : null;

    public static bool IsPastDeadline(JobState s, JobPolicy p, DateTimeOffset now) => Deadline(s, p) is { } d && now >= d;

    public static JobState OnDeadline(JobState s, JobPolicy p, DateTimeOffset now) =>
        s.Finish(JobPhases.Failed, JobReasons.DeadlineExceeded,
            $"the job ran longer than timeoutSeconds={(int)(p.Timeout ?? TimeSpan.Zero).TotalSeconds}", now);

    /// <summary>RunTask started the current run's task.</summary>
    public static JobState OnLaunched(JobState s, string taskArn, string startedBy, DateTimeOffset now, string? logGroup = null, string? logStream = null) =>
        s.WithRun(new JobRun(s.Run, startedBy, taskArn, StartedAt: now, LogGroup: logGroup, LogStream: logStream)) with
        {
            Phase = JobPhases.Running, NextLaunchAt = null, Reason = JobReasons.Launched, Message = $"run {s.Run} started as {taskArn}",
        };

    /// <summary>ECS could not place the task (RunTask <c>failures[]</c>).</summary>
    public static JobState OnPlacementFailure(JobState s, JobPolicy p, string reason, DateTimeOffset now)
    {
        var failed = s with { PlacementRetries = s.PlacementRetries + 1 };
        if (s.LaunchTry > p.LaunchRetry.Limit)
        {
            return failed.Finish(JobPhases.Failed, JobReasons.PlacementRetryLimit,
                $"ECS could not place the task after {s.LaunchTry} tries: {reason}", now);
        }
        var delay = p.LaunchRetry.Delay(s.LaunchTry, s.Uid + "/" + s.Run.ToString(CultureInfo.InvariantCulture));
        return failed with
        {
            Phase = JobPhases.Pending, LaunchTry = s.LaunchTry + 1, NextLaunchAt = now + delay,
            Reason = JobReasons.Placement, Message = $"{reason}; retrying in {(int)Math.Ceiling(delay.TotalSeconds)}s (try {s.LaunchTry + 1})",
        };
    }

    /// <summary>The current run's task has stopped, or its Job container has exited (or the task vanished: <paramref name="task"/> null).</summary>
    public static JobState OnStopped(JobState s, JobPolicy p, StoppedTask? task, DateTimeOffset now)
    {
        var outcome = task?.Classify() ?? RunOutcome.Missing;
        var current = s.Current ?? new JobRun(s.Run, "");
        var run = current with
        {
            StartedAt = task?.StartedAt ?? current.StartedAt,
            StoppedAt = task?.StoppedAt ?? now,
            ExitCode = task?.ExitCode,
            StopCode = task?.StopCode,
            StoppedReason = task?.StoppedReason ?? "ECS no longer reports the task",
            Outcome = outcome.ToString(),
            Containers = task?.Containers ?? current.Containers,
        };
        var recorded = s.WithRun(run) with { ExitCode = run.ExitCode, StopCode = run.StopCode, StoppedReason = run.StoppedReason };
        switch (outcome)
        {
            case RunOutcome.Succeeded:
                return recorded.Finish(JobPhases.Succeeded, JobReasons.Completed, $"run {s.Run} exited 0", now);
            case RunOutcome.Stopped:
                return recorded.Finish(JobPhases.Failed, JobReasons.Stopped, $"run {s.Run} was stopped: {run.StoppedReason}", now);
            case RunOutcome.HostLost:
                return NextRun(recorded with { HostRetries = s.HostRetries + 1 }, null, JobReasons.HostLost,
                    $"run {s.Run} lost its host ({run.StoppedReason}); re-running, not counted against backoffLimit");
            case RunOutcome.Missing:
                // ECS forgets stopped tasks after about an hour: the run may well have finished, even successfully, while
                // the operator was away. Running it again could run the work twice, so the Job fails and says why.
                return (recorded with { Failures = s.Failures + 1 }).Finish(JobPhases.Failed, JobReasons.TaskMissing,
                    $"run {s.Run}: ECS no longer reports its task, so its outcome is unknown (a task stopped over an hour ago is forgotten); not run again to avoid running it twice — re-create the Job to run it", now);
        }
        var failures = s.Failures + 1;
        var what = outcome switch
        {
            RunOutcome.NonZeroExit => $"exited with code {run.ExitCode}",
            RunOutcome.FailedToStart => $"failed to start: {task?.ContainerReason ?? run.StoppedReason}",
            _ => "is no longer known to ECS",
        };
        var counted = recorded with { Failures = failures };
        if (failures > p.BackoffLimit)
        {
            var reason = outcome switch
            {
                _ when p.BackoffLimit > 0 => JobReasons.BackoffLimit,
                RunOutcome.NonZeroExit => JobReasons.NonZeroExit,
                RunOutcome.FailedToStart => JobReasons.FailedToStart,
                _ => JobReasons.TaskMissing,
            };
            return counted.Finish(JobPhases.Failed, reason, $"run {s.Run} {what} (failure {failures}, backoffLimit {p.BackoffLimit})", now);
        }
        var delay = Backoff.Jittered(FailureBackoffInitial, FailureBackoffMax, failures, s.Uid);
        return NextRun(counted, now + delay, JobReasons.Retrying,
            $"run {s.Run} {what} (failure {failures} of {p.BackoffLimit + 1} allowed); next run in {(int)Math.Ceiling(delay.TotalSeconds)}s");
    }

    private static JobState NextRun(JobState s, DateTimeOffset? at, string reason, string message) =>
        s with { Phase = JobPhases.Pending, Run = s.Run + 1, LaunchTry = 1, NextLaunchAt = at, Reason = reason, Message = message };
}
