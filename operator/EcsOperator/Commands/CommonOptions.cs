using EcsOperator.Cli;
using EcsOperator.Hosting;
using Microsoft.Extensions.Logging;

namespace EcsOperator.Commands;

/// <summary>Options every operator command shares: controller sizing, the HTTP endpoint, logging.</summary>
internal static class CommonOptions
{
    public const string Help = """
          --workers N             concurrent reconciles (default 4)
          --resync-seconds N      full resync period (default 300)
          --metrics-port N        /healthz, /readyz, /metrics port (default 9090 for run, a free port for local)
          --bind ADDR             address the endpoints bind to (default 127.0.0.1)
          --cluster NAME          a cluster searched for Apps deleted while the operator was down (default: default)
          --delete-orphans        delete services whose App is missing from the store (default: report and keep them)
          --log-level LEVEL       Trace|Debug|Information|Warning|Error (default Information)
          --notifications FILE    send chosen event reasons to SNS topics and webhooks, as FILE describes
                                  ($ECS_OPERATOR_NOTIFICATIONS; see README, Notifications)
        """;

    public static OperatorSettings? Settings(CommandArgs a, int defaultPort, TextWriter stderr)
    {
        var workers = a.Int("workers", out var e1) ?? Env("ECS_OPERATOR_WORKERS") ?? 4;
        var resync = a.Int("resync-seconds", out var e2) ?? Env("ECS_OPERATOR_RESYNC_SECONDS") ?? 300;
        var port = a.Int("metrics-port", out var e3) ?? Env("ECS_OPERATOR_METRICS_PORT") ?? defaultPort;
        var level = LogLevel.Information;
        var levelText = a.GetOrEnv("log-level", "ECS_OPERATOR_LOG_LEVEL");
        string? e4 = levelText is not null && !Enum.TryParse(levelText, ignoreCase: true, out level) ? $"--log-level: unknown level '{levelText}'" : null;
        var notificationErrors = new List<string>();
        var notifications = a.GetOrEnv("notifications", "ECS_OPERATOR_NOTIFICATIONS") is { } file ? ReadNotifications(file, notificationErrors) : null;
        var settings = new OperatorSettings
        {
            Notifications = notifications,
            Controller = new() { Workers = workers, ResyncPeriod = TimeSpan.FromSeconds(Math.Max(10, resync)) },
            MetricsPort = port,
            BindAddress = a.GetOrEnv("bind", "ECS_OPERATOR_BIND_ADDRESS") ?? "127.0.0.1",
            LogLevel = level,
        };
        settings.Apps.Clusters.Add(a.GetOrEnv("cluster", "ECS_OPERATOR_CLUSTER") ?? "default");
        settings.Apps.DeleteOrphans = a.Flag("delete-orphans")
            || string.Equals(Environment.GetEnvironmentVariable("ECS_OPERATOR_DELETE_ORPHANS"), "true", StringComparison.OrdinalIgnoreCase);
        var errors = new[] { e1, e2, e3, e4 }.OfType<string>().Concat(settings.Validate()).ToList();
        errors.AddRange(notificationErrors);
        foreach (var e in errors) stderr.WriteLine($"ecs-operator: {e}");
        return errors.Count == 0 ? settings : null;
    }

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
