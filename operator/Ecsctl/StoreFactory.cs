using Ecsctl.Cli;
using EcsOperator.Core.LocalStore;
using EcsOperator.Core.State;
using EcsOperator.Core.Store;

namespace Ecsctl;

/// <summary>The stores a command works on.</summary>
internal sealed record StoreSet(IResourceStore Resources, IEventStore Events, string Description);

/// <summary>
/// Picks the store from the command line. Today: the local store in the state directory
/// (<c>--state-dir DIR</c>, else <c>ECS_OPERATOR_STATE_DIR</c>, else the per-user default of <see cref="StatePaths.Resolve"/>).
/// Store-selecting flags live here, so another backend adds its flags and its branch in this one file.
/// </summary>
internal static class StoreFactory
{
    public static IReadOnlyList<FlagSpec> Flags { get; } =
    [
        new("state-dir", null, "DIR",
            $"Local state directory (default: ${StatePaths.EnvironmentVariable}, else $XDG_STATE_HOME/ecs-operator or ~/.local/state/ecs-operator)."),
    ];

    public static StoreSet Create(CommandLine line, TimeProvider time)
    {
        var paths = StatePaths.Resolve(line.Value("state-dir"));
        var store = new LocalResourceStore(paths, time);
        return new StoreSet(store, store, $"local store {paths.Store}");
    }
}
