using EcsOperator.Simulator;
using Microsoft.Extensions.Hosting;

namespace EcsOperator.Hosting;

/// <summary>Moves the simulated cloud along between API calls (tasks start, crash, drain on their own schedule).</summary>
internal sealed class SimulatorTicker(SimulatedCloud cloud, TimeProvider time) : BackgroundService
{
    public static TimeSpan Interval { get; } = TimeSpan.FromMilliseconds(250);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval, time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken)) cloud.Advance();
        }
        catch (OperationCanceledException)
        {
        }
    }
}
