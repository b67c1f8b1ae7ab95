using EcsOperator.Core.State;

namespace EcsOperator.TestUtilities.Contracts;

/// <summary>A fresh state directory under the temp folder, deleted on dispose.</summary>
public sealed class TempStateDirectory : IDisposable
{
    public TempStateDirectory()
    {
        Root = Path.Combine(Path.GetTempPath(), "ecs-operator-tests", Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(Root);
        Paths = new StatePaths(Root);
    }

    public string Root { get; }

    public StatePaths Paths { get; }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // a watcher or a child process may still hold a file; the temp folder is cleaned by the OS
        }
    }
}
