using System.Text.Json.Nodes;
using EcsOperator.Core.Aws;
using EcsOperator.Core.Json;
using EcsOperator.TestUtilities.Contracts.Ecs;
using EcsOperator.TestUtilities.Simulation;
using Microsoft.Extensions.Time.Testing;

namespace EcsOperator.Simulator.Tests.Persistence;

public sealed class PersistenceTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "sim-persist-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_dir)) Directory.Delete(_dir, recursive: true);
    }

    [Fact]
    public async Task A_restarted_simulator_finds_the_same_cluster_services_tasks_and_logs()
    {
        var time = new FakeTimeProvider(SimulatedCloudBuilder.DefaultStart);
        string jobArn;
        IReadOnlyList<string> serviceTasks;
        using (var sim = new SimulatedCloudBuilder().WithTime(time).WithStateDirectory(_dir).Build())
        {
            sim.Control.EnsureDefaultCluster(instanceCount: 2);
            var td = await sim.RegisterAsync(EcsSamples.TaskDefinition("web"));
            await sim.SendAsync(EcsAction.CreateService, EcsSamples.Service("default", "web", td, 2));
            jobArn = (await sim.SendAsync(EcsAction.RunTask, new JsonObject
            {
                ["cluster"] = "default", ["taskDefinition"] = "web", ["startedBy"] = "job-1",
                ["tags"] = EcsSamples.Tags((WorkloadBehavior.LogTag, "persisted line"), (WorkloadBehavior.RunSecondsTag, "600")),
            })).Arr("tasks").Objects().Single().Str("taskArn")!;
            sim.Advance(TimeSpan.FromMinutes(1));
            serviceTasks = await sim.Ecs.ListTasksAsync("default", CancellationToken.None, serviceName: "web");
        }

        using (var again = new SimulatedCloudBuilder().WithTime(time).WithStateDirectory(_dir).Build())
        {
            again.Control.EnsureDefaultCluster(instanceCount: 2);
            var s = await again.ServiceAsync("default", "web");
            Assert.Equal(2, s.Int("runningCount"));
            Assert.Contains("(service web) has reached a steady state.", s.EventMessages());
            Assert.Equal(serviceTasks.Order(), (await again.Ecs.ListTasksAsync("default", CancellationToken.None, serviceName: "web")).Order());
            Assert.Equal(2, (await again.Ecs.ListContainerInstancesAsync("default", null, CancellationToken.None)).Count);
            Assert.Equal("RUNNING", (await again.TaskAsync("default", jobArn)).Str("lastStatus"));

            // Time keeps going after a restart: the job finishes on schedule.
            again.Advance(TimeSpan.FromMinutes(12));
            Assert.Equal("STOPPED", (await again.TaskAsync("default", jobArn)).Str("lastStatus"));
            var td2 = await again.RegisterAsync(EcsSamples.TaskDefinition("web"));
            Assert.EndsWith(":2", td2);
        }

        var reader = new SimulatedLogsReader(_dir);
        var page = await reader.GetLogEventsAsync("/ecs/web", "ecs/app/" + jobArn.Split('/')[^1], null, true, CancellationToken.None);
        Assert.Equal(["persisted line"], page.Events.Select(e => e.Message));
    }

    [Fact]
    public async Task Changes_are_saved_after_the_debounce_without_disposing()
    {
        var time = new FakeTimeProvider(SimulatedCloudBuilder.DefaultStart);
        using var sim = new SimulatedCloudBuilder().WithTime(time).WithStateDirectory(_dir).WithCluster("c").Build();
        await sim.RegisterAsync(EcsSamples.TaskDefinition("saved"));
        time.Advance(TimeSpan.FromSeconds(1));

        using var other = new SimulatedCloud(new SimulatorOptions { StateDirectory = _dir, ThrottlingEnabled = false }, time);
        var td = await other.Ecs.DescribeTaskDefinitionAsync("saved", CancellationToken.None);
        Assert.NotNull(td);
        Assert.False(File.Exists(Path.Combine(_dir, "state.json.tmp-" + Environment.ProcessId)));
    }

    [Fact]
    public async Task A_local_user_sets_alarm_states_through_the_alarm_file()
    {
        using var sim = new SimulatedCloudBuilder().WithStateDirectory(_dir).Build();
        AlarmStateFile.SetAlarmState(_dir, "queue-depth-high", "ALARM", "set by hand");

        var alarm = Assert.Single(await sim.Cloud.Alarms.DescribeAlarmsAsync(["queue-depth-high"], CancellationToken.None));
        Assert.Equal(("ALARM", "set by hand"), (alarm.StateValue, alarm.StateReason));

        AlarmStateFile.SetAlarmState(_dir, "queue-depth-high", "OK");
        File.SetLastWriteTimeUtc(Path.Combine(_dir, AlarmStateFile.FileName), DateTime.UnixEpoch.AddDays(1));
        Assert.Equal("OK", Assert.Single(await sim.Cloud.Alarms.DescribeAlarmsAsync(["queue-depth-high"], CancellationToken.None)).StateValue);
    }

    [Fact]
    public async Task Local_mode_creates_the_default_cluster_once_under_the_state_dir()
    {
        var paths = new EcsOperator.Core.State.StatePaths(_dir);
        var time = new FakeTimeProvider(SimulatedCloudBuilder.DefaultStart);
        string first;
        using (var cloud = SimulatedCloud.ForLocal(paths, time))
            first = (await cloud.Ecs.ListContainerInstancesAsync("default", null, CancellationToken.None)).Order().First();

        using var again = SimulatedCloud.ForLocal(paths, time);
        var instances = await again.Ecs.ListContainerInstancesAsync("default", null, CancellationToken.None);
        Assert.Equal(3, instances.Count);
        Assert.Contains(first, instances);
        Assert.True(File.Exists(Path.Combine(paths.Simulator, "state.json")));
    }

    [Fact]
    public void A_corrupt_state_file_is_kept_aside_and_the_simulator_starts_empty()
    {
        Directory.CreateDirectory(_dir);
        File.WriteAllText(Path.Combine(_dir, "state.json"), "{ not json");

        using var sim = new SimulatedCloud(new SimulatorOptions { StateDirectory = _dir }, new FakeTimeProvider(SimulatedCloudBuilder.DefaultStart));

        Assert.Single(Directory.GetFiles(_dir, "state.json.corrupt-*"));
    }
}
