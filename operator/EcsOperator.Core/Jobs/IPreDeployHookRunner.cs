using EcsOperator.Core.Manifests;

namespace EcsOperator.Core.Jobs;

/// <summary>
/// Gate of an App rollout: runs the App's <c>hooks.preDeploy</c> with the new task definition revision. The App
/// reconciler updates the service only on <see cref="HookGateState.Passed"/>; on Failed it sets
/// <c>Progressing=False</c> reason <c>HookFailed</c> and keeps the old revision serving. Idempotent: call it every pass.
/// </summary>
public interface IPreDeployHookRunner
{
    Task<HookGateResult> EnsureHooksAsync(ResourceDocument app, string newTaskDefinitionArn, CancellationToken ct);
}

public enum HookGateState { Passed, Running, Failed }

/// <param name="Reason">CamelCase reason (<c>HookFailed</c> when a hook failed).</param>
/// <param name="ExitCode">The failed hook's exit code, when it exited.</param>
/// <param name="Message">What to tell the user (which hook, which Job, how to see its logs).</param>
public sealed record HookGateResult(HookGateState State, string? Reason = null, int? ExitCode = null, string? Message = null)
{
    public const string HookFailed = nameof(HookFailed);
    public const string HookRunning = nameof(HookRunning);

    public static HookGateResult Passed { get; } = new(HookGateState.Passed);

    public static HookGateResult Running(string message) => new(HookGateState.Running, HookRunning, null, message);

    public static HookGateResult Failed(string reason, int? exitCode, string message) => new(HookGateState.Failed, reason, exitCode, message);
}
