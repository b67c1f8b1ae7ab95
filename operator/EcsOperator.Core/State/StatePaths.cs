namespace EcsOperator.Core.State;

/// <summary>
/// Where local state lives: <c>--state-dir DIR</c>, else <c>ECS_OPERATOR_STATE_DIR</c>, else a per-user default
/// (<c>$XDG_STATE_HOME/ecs-operator</c> or <c>~/.local/state/ecs-operator</c>). ecsctl and ecs-operator both resolve
/// it here, so they always agree.
/// </summary>
public sealed class StatePaths(string root)
{
    public const string EnvironmentVariable = "ECS_OPERATOR_STATE_DIR";

    public string Root { get; } = Path.GetFullPath(root);

    /// <summary>The local resource store: one file per item.</summary>
    public string Store => Path.Combine(Root, "store");

    /// <summary>Events kept by the local event store.</summary>
    public string Events => Path.Combine(Root, "events");

    /// <summary>Leases for leader election.</summary>
    public string Leases => Path.Combine(Root, "leases");

    /// <summary>The local job queue (and its dead-letter queue under <c>queue/dead-letter</c>).</summary>
    public string Queue => Path.Combine(Root, "queue");

    /// <summary>The simulated cluster's persisted state and logs.</summary>
    public string Simulator => Path.Combine(Root, "simulator");

    public static StatePaths Resolve(string? stateDirOption)
    {
        if (!string.IsNullOrWhiteSpace(stateDirOption)) return new StatePaths(stateDirOption);
        var env = Environment.GetEnvironmentVariable(EnvironmentVariable);
        if (!string.IsNullOrWhiteSpace(env)) return new StatePaths(env);
        var xdg = Environment.GetEnvironmentVariable("XDG_STATE_HOME");
        var baseDir = !string.IsNullOrWhiteSpace(xdg)
            ? xdg
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".local", "state");
        return new StatePaths(Path.Combine(baseDir, "ecs-operator"));
    }
}
