using EcsOperator.Core.Manifests;

namespace EcsOperator.Core.Apps;

/// <summary>
/// Runs an App's pre-deploy hooks (e.g. <c>db:migrate</c>) with the new task definition before the service is updated.
/// Called on every reconcile of a pending rollout, so it must be idempotent: start the hook tasks once (per App and
/// task definition), then report their progress.
/// </summary>
public interface IPreDeployHookRunner
{
    Task<HookGateResult> EnsureHooksAsync(ResourceDocument app, string newTaskDefinitionArn, CancellationToken ct);
}

public enum HookGateState { Passed, Running, Failed }

/// <summary>Whether the rollout may proceed.</summary>
public sealed record HookGateResult(HookGateState State, string? Reason = null, int? ExitCode = null)
{
    public static HookGateResult Passed { get; } = new(HookGateState.Passed);

    public static HookGateResult Running(string reason) => new(HookGateState.Running, reason);

    public static HookGateResult Failed(string reason, int? exitCode) => new(HookGateState.Failed, reason, exitCode);
}

/// <summary>The runner used when no real one is wired: passes when the App has no hooks, and otherwise reports that
/// hooks cannot run here (so a rollout that needs a migration never proceeds without it).</summary>
public sealed class NoPreDeployHooks : IPreDeployHookRunner
{
    public Task<HookGateResult> EnsureHooksAsync(ResourceDocument app, string newTaskDefinitionArn, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(app);
        var hooks = app.Spec["hooks"]?["preDeploy"]?.AsArray();
        return Task.FromResult(hooks is null || hooks.Count == 0
            ? HookGateResult.Passed
            : HookGateResult.Failed("pre-deploy hooks are defined but no hook runner is configured in this operator", null));
    }
}
