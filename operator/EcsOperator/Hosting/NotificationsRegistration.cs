using EcsOperator.Aws.Notifications;
using EcsOperator.Backends;
using EcsOperator.Core.Controller.Metrics;
using EcsOperator.Core.Notifications;
using EcsOperator.Core.Store;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace EcsOperator.Hosting;

/// <summary>The event store every component records through: the backends' own, or, with <c>--notifications</c>, the
/// same store wrapped so the chosen reasons are also sent to their targets (and a delivery loop that sends them).</summary>
internal static class NotificationsRegistration
{
    public static void Add(IServiceCollection services, OperatorBackends backends, OperatorSettings settings, TimeProvider time)
    {
        if (settings.Notifications is not { } notifications)
        {
            services.AddSingleton(backends.Events);
            return;
        }
        services.AddSingleton(sp => new Notifier(notifications, backends.NotificationSender ?? NotificationSender.CreateLocal(time),
            backends.Events, time, sp.GetRequiredService<ILogger<Notifier>>()));
        services.AddSingleton<IEventStore>(sp => new NotifyingEventStore(backends.Events, notifications, sp.GetRequiredService<Notifier>(), time));
        services.AddHostedService<NotifierService>();
    }
}

/// <summary>Runs the notifier's delivery loops for the life of the host and exports its counters.</summary>
internal sealed class NotifierService(Notifier notifier, OperatorMetrics metrics) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken)
    {
        foreach (var outcome in new[] { "sent", "failed", "dropped" })
            metrics.SetGauge($"ecs_operator_notifications_{outcome}_total", () => notifier.Counts.GetValueOrDefault(outcome));
        return notifier.RunAsync(stoppingToken);
    }

    public override void Dispose()
    {
        notifier.Dispose();
        base.Dispose();
    }
}
