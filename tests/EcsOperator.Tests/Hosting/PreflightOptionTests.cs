using System.CommandLine;
using EcsOperator.Commands;
using EcsOperator.Core.Preflight;
using EcsOperator.Hosting;
using EcsOperator.TestUtilities.Contracts;
using Microsoft.Extensions.DependencyInjection;

namespace EcsOperator.Tests.Hosting;

/// <summary>The check before a rollout is on by default and off with <c>--preflight false</c> (or
/// <c>ECS_OPERATOR_PREFLIGHT=false</c>); anything else is a usage error, not a silent default.</summary>
public sealed class PreflightOptionTests
{
    private static (OperatorSettings? Settings, string Errors) Parse(params string[] args)
    {
        var options = new CommonOptions();
        var command = new Command("run");
        options.AddTo(command);
        var parsed = command.Parse(args);
        Assert.True(parsed.Errors.Count == 0, string.Join("; ", parsed.Errors));
        using var errors = new StringWriter();
        return (options.Settings(parsed, 0, errors), errors.ToString());
    }

    [Fact]
    public void Preflight_is_on_by_default_and_turned_off_explicitly()
    {
        Assert.True(Parse().Settings!.Preflight);
        Assert.False(Parse("--preflight=false").Settings!.Preflight);
        Assert.False(Parse("--preflight", "False").Settings!.Preflight);
        Assert.True(Parse("--preflight", "true").Settings!.Preflight);
        var (bad, errors) = Parse("--preflight", "off");
        Assert.Null(bad);
        Assert.Contains("--preflight: 'off' is not true or false", errors, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(true, true)]
    [InlineData(false, false)]
    public void The_host_wires_the_check_only_when_on_and_the_backends_have_a_probe(bool on, bool wired)
    {
        using var dir = new TempStateDirectory();
        using var backends = LocalCommand.Create(dir.Paths, TimeProvider.System) with { Preflight = UncheckedPreflightProbe.Local };
        var services = new ServiceCollection();
        OperatorHost.AddOperator(services, backends, new OperatorSettings { Preflight = on }, TimeProvider.System);
        Assert.Equal(wired, services.Any(s => s.ServiceType == typeof(AppPreflight)));

        using var withoutProbe = LocalCommand.Create(dir.Paths, TimeProvider.System);
        var none = new ServiceCollection();
        OperatorHost.AddOperator(none, withoutProbe, new OperatorSettings { Preflight = on }, TimeProvider.System);
        Assert.DoesNotContain(none, s => s.ServiceType == typeof(AppPreflight));
    }
}
