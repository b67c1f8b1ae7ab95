using EcsOperator.Cli;
using EcsOperator.Commands;

namespace EcsOperator.Tests.Hosting;

/// <summary>Services of Apps missing from the store are kept unless the operator is told otherwise, explicitly.</summary>
public sealed class DeleteOrphansOptionTests
{
    private static bool DeleteOrphans(params string[] args)
    {
        var parsed = CommandArgs.Parse(["local", .. args], new HashSet<string> { "help", "delete-orphans" }, out var error);
        Assert.True(parsed is not null, error);
        return CommonOptions.Settings(parsed, 0, TextWriter.Null)!.Apps.DeleteOrphans;
    }

    [Fact]
    public void Orphans_are_kept_by_default_and_deleted_only_with_the_flag()
    {
        Assert.False(DeleteOrphans());
        Assert.True(DeleteOrphans("--delete-orphans"));
    }
}
