using System.CommandLine;
using EcsOperator.Commands;

namespace EcsOperator.Tests.Hosting;

/// <summary>Services of Apps missing from the store are kept unless the operator is told otherwise, explicitly.</summary>
public sealed class DeleteOrphansOptionTests
{
    private static bool DeleteOrphans(params string[] args)
    {
        var options = new CommonOptions();
        var command = new Command("local");
        options.AddTo(command);
        var parsed = command.Parse(args);
        Assert.True(parsed.Errors.Count == 0, string.Join("; ", parsed.Errors));
        return options.Settings(parsed, 0, TextWriter.Null)!.Apps.DeleteOrphans;
    }

    [Fact]
    public void Orphans_are_kept_by_default_and_deleted_only_with_the_flag()
    {
        Assert.False(DeleteOrphans());
        Assert.True(DeleteOrphans("--delete-orphans"));
    }
}
