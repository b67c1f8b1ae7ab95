using System.CommandLine;
using System.Reflection;
using Ecsctl.Cli;
using EcsOperator.Core.Resources;

namespace Ecsctl.Commands;

/// <summary><c>ecsctl version</c>: the tool's version and the API version it speaks.</summary>
internal sealed class VersionCommand : VerbCommand
{
    public override Command Create(CommonOptions options)
    {
        var command = Define("version", "Print the ecsctl version", "", "ecsctl version");
        Handle(command, options, (ctx, _) =>
        {
            var assembly = typeof(VersionCommand).Assembly;
            var version = assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
                ?? assembly.GetName().Version?.ToString() ?? "unknown";
            ctx.Out.WriteLine($"ecsctl {version} (api {ResourceKinds.ApiVersion})");
            return Task.FromResult(0);
        });
        return command;
    }
}
