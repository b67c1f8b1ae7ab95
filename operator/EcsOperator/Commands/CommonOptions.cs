using System.CommandLine;
using EcsOperator.Cli;
using EcsOperator.Hosting;

namespace EcsOperator.Commands;

/// <summary>Options <c>local</c> and <c>run</c> share: controller sizing, the HTTP endpoint, logging. Each falls back
/// to an environment variable, then to its default.</summary>
internal sealed class CommonOptions
{
    public Option<int?> Workers { get; } = OptionKinds.Count("--workers", "N", "concurrent reconciles (default 4) ($ECS_OPERATOR_WORKERS)");

    public Option<int?> ResyncSeconds { get; } = OptionKinds.Count("--resync-seconds", "N", "full resync period (default 300) ($ECS_OPERATOR_RESYNC_SECONDS)");

    public Option<int?> MetricsPort { get; } = OptionKinds.Count("--metrics-port", "N",
        "/healthz, /readyz, /metrics port (default 9090 for run, a free port for local) ($ECS_OPERATOR_METRICS_PORT)");

    public Option<string> Bind { get; } = OptionKinds.Text("--bind", "ADDR", "address the endpoints bind to (default 127.0.0.1) ($ECS_OPERATOR_BIND_ADDRESS)");

    public Option<string> Cluster { get; } = OptionKinds.Text("--cluster", "NAME",
        "a cluster searched for Apps deleted while the operator was down (default: default) ($ECS_OPERATOR_CLUSTER)");

    public Option<bool> DeleteOrphans { get; } = OptionKinds.Switch("--delete-orphans",
        "delete services whose App is missing from the store (default: report and keep them) ($ECS_OPERATOR_DELETE_ORPHANS=true)");

    public Option<string> Preflight { get; } = OptionKinds.Text("--preflight", "true|false",
        "before a rollout, check that its images, roles, secrets, log groups, subnets and security groups exist; a missing one blocks it (default true; AWS ECS only) ($ECS_OPERATOR_PREFLIGHT)");

    public Option<string> LogLevel { get; } = OptionKinds.Text("--log-level", "LEVEL", "Trace|Debug|Information|Warning|Error (default Information) ($ECS_OPERATOR_LOG_LEVEL)");

    public Option<string> Notifications { get; } = OptionKinds.Text("--notifications", "FILE",
        "send chosen event reasons to SNS topics and webhooks, as FILE describes ($ECS_OPERATOR_NOTIFICATIONS; see README, Notifications)");

    public void AddTo(Command command)
    {
        foreach (var option in new Option[] { Workers, ResyncSeconds, MetricsPort, Bind, Cluster, DeleteOrphans, Preflight, LogLevel, Notifications }) command.Options.Add(option);
    }

    /// <summary>The settings of the command line (else the environment, else the defaults); null after writing each
    /// problem to <paramref name="stderr"/>.</summary>
    public OperatorSettings? Settings(ParseResult a, int defaultPort, TextWriter stderr)
    {
        var workers = a.GetValue(Workers) ?? Env("ECS_OPERATOR_WORKERS") ?? 4;
        var resync = a.GetValue(ResyncSeconds) ?? Env("ECS_OPERATOR_RESYNC_SECONDS") ?? 300;
        var port = a.GetValue(MetricsPort) ?? Env("ECS_OPERATOR_METRICS_PORT") ?? defaultPort;
        var level = Microsoft.Extensions.Logging.LogLevel.Information;
        var levelText = a.GetValue(LogLevel) ?? EnvText("ECS_OPERATOR_LOG_LEVEL");
        var preflightText = a.GetValue(Preflight) ?? EnvText("ECS_OPERATOR_PREFLIGHT") ?? "true";
        var preflight = !string.Equals(preflightText, "false", StringComparison.OrdinalIgnoreCase);
        string? preflightError = preflight && !string.Equals(preflightText, "true", StringComparison.OrdinalIgnoreCase) ? $"--preflight: '{preflightText}' is not true or false" : null;
        string? levelError = levelText is not null && !Enum.TryParse(levelText, ignoreCase: true, out level) ? $"--log-level: unknown level '{levelText}'" : null;
        var notificationErrors = new List<string>();
        var notifications = (a.GetValue(Notifications) ?? EnvText("ECS_OPERATOR_NOTIFICATIONS")) is { } file ? ReadNotifications(file, notificationErrors) : null;
        var settings = new OperatorSettings
        {
            Notifications = notifications,
            Controller = new() { Workers = workers, ResyncPeriod = TimeSpan.FromSeconds(Math.Max(10, resync)) },
            MetricsPort = port,
            BindAddress = a.GetValue(Bind) ?? EnvText("ECS_OPERATOR_BIND_ADDRESS") ?? "127.0.0.1",
            LogLevel = level,
            Preflight = preflight,
        };
        settings.Apps.Clusters.Add(a.GetValue(Cluster) ?? EnvText("ECS_OPERATOR_CLUSTER") ?? "default");
        settings.Apps.DeleteOrphans = a.GetValue(DeleteOrphans)
            || string.Equals(Environment.GetEnvironmentVariable("ECS_OPERATOR_DELETE_ORPHANS"), "true", StringComparison.OrdinalIgnoreCase);
        var errors = new[] { levelError, preflightError }.OfType<string>().Concat(settings.Validate()).ToList();
        errors.AddRange(notificationErrors);
        foreach (var e in errors) stderr.WriteLine($"ecs-operator: {e}");
        return errors.Count == 0 ? settings : null;
    }

    /// <summary>An environment variable's value, null when unset or blank.</summary>
    public static string? EnvText(string name) => Environment.GetEnvironmentVariable(name) is { } v && !string.IsNullOrWhiteSpace(v) ? v : null;

    /// <summary>The notifications file, or null with the problems added to <paramref name="errors"/>.</summary>
    private static Core.Notifications.NotificationSettings? ReadNotifications(string file, List<string> errors)
    {
        string text;
        try
        {
            text = File.ReadAllText(file);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            errors.Add($"--notifications: cannot read {file}: {e.Message}");
            return null;
        }
        var settings = Core.Notifications.NotificationSettingsReader.Read(text, file, out var problems);
        errors.AddRange(problems);
        return settings;
    }

    private static int? Env(string name) =>
        int.TryParse(Environment.GetEnvironmentVariable(name), System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var n) ? n : null;
}
