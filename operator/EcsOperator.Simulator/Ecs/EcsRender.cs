using System.Text.Json.Nodes;
using EcsOperator.Core.Json;
using EcsOperator.Simulator.Engine;
using EcsOperator.Simulator.State;

namespace EcsOperator.Simulator.Ecs;

/// <summary>State records → ECS response shapes (botocore ecs/2014-11-13, timestamps as epoch seconds).</summary>
internal static class EcsRender
{
    private static JsonNode? Time(DateTimeOffset? t) => t is { } v ? Arns.Epoch(v) : null;

    private static void Put(JsonObject o, string key, JsonNode? value)
    {
        if (value is not null) o[key] = value;
    }

    public static JsonObject Task(SimWorld w, TaskRec t, bool tags)
    {
        var clusterArn = w.Arns.Cluster(t.Cluster);
        var o = new JsonObject
        {
            ["taskArn"] = t.Arn,
            ["clusterArn"] = clusterArn,
            ["taskDefinitionArn"] = t.TaskDefinitionArn,
            ["overrides"] = Overrides(t.Overrides),
            ["lastStatus"] = t.LastStatus,
            ["desiredStatus"] = t.DesiredStatus,
            ["cpu"] = t.Cpu.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["memory"] = t.Memory.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["containers"] = new JsonArray(t.Containers.Select(c => (JsonNode)Container(w, t, c)).ToArray()),
            ["version"] = t.Version,
            ["createdAt"] = Arns.Epoch(t.CreatedAt),
            ["group"] = t.Group,
            ["launchType"] = t.LaunchType,
            ["availabilityZone"] = t.AvailabilityZone,
            ["attachments"] = Attachments(t),
            ["attributes"] = new JsonArray(new JsonObject { ["name"] = "ecs.cpu-architecture", ["value"] = "x86_64" }),
            ["enableExecuteCommand"] = false,
            ["healthStatus"] = t.HealthStatus ?? "UNKNOWN",
            ["tags"] = tags ? t.Tags.DeepClone() : new JsonArray(),
        };
        if (t.InstanceId is { } iid) o["containerInstanceArn"] = w.Arns.ContainerInstance(t.Cluster, iid);
        Put(o, "startedBy", t.StartedBy);
        Put(o, "capacityProviderName", t.CapacityProviderName);
        Put(o, "platformVersion", t.PlatformVersion);
        if (t.LaunchType == "FARGATE") o["platformFamily"] = "Linux";
        Put(o, "stopCode", t.StopCode);
        Put(o, "stoppedReason", t.StoppedReason);
        Put(o, "connectivity", t.ConnectivityAt is null ? null : "CONNECTED");
        Put(o, "connectivityAt", Time(t.ConnectivityAt));
        Put(o, "pullStartedAt", Time(t.PullStartedAt));
        Put(o, "pullStoppedAt", Time(t.PullStoppedAt));
        Put(o, "startedAt", Time(t.StartedAt));
        Put(o, "stoppingAt", Time(t.StoppingAt));
        Put(o, "executionStoppedAt", Time(t.ExecutionStoppedAt));
        Put(o, "stoppedAt", Time(t.StoppedAt));
        return o;
    }

    private static JsonObject Overrides(JsonObject o)
    {
        var copy = o.CloneObject()!;
        copy["containerOverrides"] ??= new JsonArray();
        copy["inferenceAcceleratorOverrides"] ??= new JsonArray();
        return copy;
    }

    private static JsonArray Attachments(TaskRec t)
    {
        if (!t.Awsvpc) return [];
        var status = t.LastStatus switch
        {
            "PROVISIONING" => "PRECREATED",
            "DEPROVISIONING" => "DELETED",
            "STOPPED" => "DELETED",
            _ => "ATTACHED",
        };
        return new JsonArray(new JsonObject
        {
            ["id"] = t.Id[..8] + "-0000-4000-8000-" + t.Id[^12..],
            ["type"] = "ElasticNetworkInterface",
            ["status"] = status,
            ["details"] = new JsonArray(
                new JsonObject { ["name"] = "privateIPv4Address", ["value"] = t.PrivateIp }),
        });
    }

    private static JsonObject Container(SimWorld w, TaskRec t, ContainerRec c)
    {
        var o = new JsonObject
        {
            ["containerArn"] = w.Arns.Container(t.Cluster, t.Id, c.RuntimeId[..8]),
            ["taskArn"] = t.Arn,
            ["name"] = c.Name,
            ["image"] = c.Image,
            ["runtimeId"] = c.RuntimeId,
            ["lastStatus"] = c.LastStatus,
            ["networkBindings"] = t.Awsvpc ? new JsonArray() : c.NetworkBindings.DeepClone(),
            ["networkInterfaces"] = t.Awsvpc
                ? new JsonArray(new JsonObject { ["attachmentId"] = t.Id[..8] + "-0000-4000-8000-" + t.Id[^12..], ["privateIpv4Address"] = t.PrivateIp })
                : new JsonArray(),
            ["healthStatus"] = c.HealthStatus ?? "UNKNOWN",
            ["cpu"] = c.Cpu ?? "0",
        };
        Put(o, "exitCode", c.ExitCode);
        Put(o, "reason", c.Reason);
        if (c.Memory is { } m) o["memory"] = m.ToString(System.Globalization.CultureInfo.InvariantCulture);
        if (c.MemoryReservation is { } r) o["memoryReservation"] = r.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return o;
    }

    public static JsonObject Service(SimWorld w, ClusterRec c, ServiceRec s, bool tags)
    {
        var o = s.Spec.CloneObject()!;
        foreach (var k in new[] { "cluster", "service", "serviceName", "clientToken", "tags", "desiredCount", "taskDefinition", "forceNewDeployment" })
            o.Remove(k);
        var running = 0;
        var pending = 0;
        foreach (var t in s.LiveTasks)
        {
            if (t.LastStatus == "RUNNING") running++;
            else pending++;
        }
        o["serviceArn"] = s.Arn;
        o["serviceName"] = s.Name;
        o["clusterArn"] = c.Arn;
        o["status"] = s.Status;
        o["desiredCount"] = s.DesiredCount;
        o["runningCount"] = running;
        o["pendingCount"] = pending;
        o["taskDefinition"] = s.TaskDefinitionArn;
        o["loadBalancers"] ??= new JsonArray();
        o["serviceRegistries"] ??= new JsonArray();
        o["placementConstraints"] ??= new JsonArray();
        o["placementStrategy"] ??= new JsonArray();
        o["schedulingStrategy"] ??= "REPLICA";
        o["deploymentController"] ??= new JsonObject { ["type"] = "ECS" };
        o["propagateTags"] ??= "NONE";
        o["enableECSManagedTags"] ??= false;
        o["enableExecuteCommand"] ??= false;
        if (o.Str("launchType") is null && o["capacityProviderStrategy"] is null) o["launchType"] = "EC2";
        if (o.Str("launchType") == "FARGATE") o["platformVersion"] ??= "LATEST";
        o["deploymentConfiguration"] = DeploymentConfiguration(s.Spec.Obj("deploymentConfiguration"), SimWorld.IsDaemon(s));
        o["deployments"] = new JsonArray(s.Deployments.Select(d => (JsonNode)Deployment(s, d)).ToArray());
        o["events"] = new JsonArray(s.Events.Select(e => (JsonNode)new JsonObject
        {
            ["id"] = e.Id, ["createdAt"] = Arns.Epoch(e.CreatedAt), ["message"] = e.Message,
        }).ToArray());
        o["createdAt"] = Arns.Epoch(s.CreatedAt);
        o["createdBy"] = $"arn:aws:iam::{w.Arns.Account}:root";
        o["tags"] = tags ? s.Tags.DeepClone() : new JsonArray();
        return o;
    }

    /// <summary>ECS's defaults: 200/100 for REPLICA, 100/0 for DAEMON services.</summary>
    public static JsonObject DeploymentConfiguration(JsonObject? given, bool daemon = false)
    {
        var o = given.CloneObject() ?? [];
        o["maximumPercent"] ??= daemon ? 100 : 200;
        o["minimumHealthyPercent"] ??= daemon ? 0 : 100;
        var cb = o.Obj("deploymentCircuitBreaker").CloneObject() ?? [];
        cb["enable"] ??= false;
        cb["rollback"] ??= false;
        o["deploymentCircuitBreaker"] = cb;
        return o;
    }

    private static JsonObject Deployment(ServiceRec s, DeploymentRec d)
    {
        var running = 0;
        var pending = 0;
        foreach (var t in s.LiveTasks)
        {
            if (t.DeploymentId != d.Id) continue;
            if (t.LastStatus == "RUNNING") running++;
            else pending++;
        }
        var o = new JsonObject
        {
            ["id"] = d.Id,
            ["status"] = d.Status,
            ["taskDefinition"] = d.TaskDefinitionArn,
            ["desiredCount"] = d.Status == "PRIMARY" ? d.DesiredCount : 0,
            ["pendingCount"] = pending,
            ["runningCount"] = running,
            ["failedTasks"] = d.FailedTasks,
            ["createdAt"] = Arns.Epoch(d.CreatedAt),
            ["updatedAt"] = Arns.Epoch(d.UpdatedAt),
            ["rolloutState"] = d.RolloutState,
            ["rolloutStateReason"] = d.RolloutStateReason,
        };
        foreach (var (k, v) in d.Spec)
        {
            if (k is "launchType" or "capacityProviderStrategy" or "platformVersion" or "networkConfiguration" && v is not null) o[k] = v.DeepClone();
        }
        if (o["launchType"] is null && o["capacityProviderStrategy"] is null) o["launchType"] = "EC2";
        return o;
    }

    public static JsonObject Instance(SimWorld w, InstanceRec i, bool tags)
    {
        var running = 0;
        var pending = 0;
        foreach (var t in i.Tasks)
        {
            if (t.LastStatus == "RUNNING") running++;
            else if (t.LastStatus is "PROVISIONING" or "PENDING" or "ACTIVATING") pending++;
        }
        var usedPorts = i.UsedPorts.Concat(SimWorld.ReservedPorts).Distinct().OrderBy(p => p)
            .Select(p => p.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToJsonArray();
        return new JsonObject
        {
            ["containerInstanceArn"] = i.Arn,
            ["ec2InstanceId"] = i.Ec2InstanceId,
            ["version"] = i.Version,
            ["versionInfo"] = new JsonObject { ["agentVersion"] = "1.89.0", ["agentHash"] = "2f2e7c1c", ["dockerVersion"] = "DockerVersion: 25.0.6" },
            ["remainingResources"] = Resources(i.Cpu - i.UsedCpu, i.Memory - i.UsedMemory, usedPorts),
            ["registeredResources"] = Resources(i.Cpu, i.Memory,
                SimWorld.ReservedPorts.OrderBy(p => p).Select(p => p.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToJsonArray()),
            ["status"] = i.Status,
            ["agentConnected"] = i.Status != "INACTIVE",
            ["runningTasksCount"] = running,
            ["pendingTasksCount"] = pending,
            ["attributes"] = new JsonArray(
                new JsonObject { ["name"] = "ecs.availability-zone", ["value"] = i.AvailabilityZone },
                new JsonObject { ["name"] = "ecs.instance-type", ["value"] = i.InstanceType },
                new JsonObject { ["name"] = "ecs.os-type", ["value"] = SimWorld.OsType(i) },
                new JsonObject { ["name"] = "ecs.os-family", ["value"] = i.OsFamily },
                new JsonObject { ["name"] = "ecs.cpu-architecture", ["value"] = i.Architecture }),
            ["registeredAt"] = Arns.Epoch(i.RegisteredAt),
            ["attachments"] = new JsonArray(),
            ["tags"] = tags ? i.Tags.DeepClone() : new JsonArray(),
        };
    }

    private static JsonArray Resources(int cpu, int memory, JsonArray ports) => new(
        new JsonObject { ["name"] = "CPU", ["type"] = "INTEGER", ["doubleValue"] = 0.0, ["longValue"] = 0, ["integerValue"] = cpu },
        new JsonObject { ["name"] = "MEMORY", ["type"] = "INTEGER", ["doubleValue"] = 0.0, ["longValue"] = 0, ["integerValue"] = memory },
        new JsonObject { ["name"] = "PORTS", ["type"] = "STRINGSET", ["doubleValue"] = 0.0, ["longValue"] = 0, ["integerValue"] = 0, ["stringSetValue"] = ports },
        new JsonObject { ["name"] = "PORTS_UDP", ["type"] = "STRINGSET", ["doubleValue"] = 0.0, ["longValue"] = 0, ["integerValue"] = 0, ["stringSetValue"] = new JsonArray() });

    public static JsonObject Cluster(ClusterRec c, bool tags)
    {
        var running = 0;
        var pending = 0;
        foreach (var t in c.Tasks.Values)
        {
            if (t.LastStatus == "RUNNING") running++;
            else if (t.LastStatus is "PROVISIONING" or "PENDING" or "ACTIVATING") pending++;
        }
        return new JsonObject
        {
            ["clusterArn"] = c.Arn,
            ["clusterName"] = c.Name,
            ["status"] = c.Status,
            ["registeredContainerInstancesCount"] = c.Instances.Values.Count(i => i.Status != "INACTIVE"),
            ["runningTasksCount"] = running,
            ["pendingTasksCount"] = pending,
            ["activeServicesCount"] = c.Services.Values.Count(s => s.Status == "ACTIVE"),
            ["statistics"] = new JsonArray(),
            ["tags"] = tags ? c.Tags.DeepClone() : new JsonArray(),
            ["settings"] = c.Request.Arr("settings")?.DeepClone() ?? new JsonArray(new JsonObject { ["name"] = "containerInsights", ["value"] = "disabled" }),
            ["capacityProviders"] = c.Request.Arr("capacityProviders")?.DeepClone() ?? new JsonArray("FARGATE", "FARGATE_SPOT"),
            ["defaultCapacityProviderStrategy"] = c.Request.Arr("defaultCapacityProviderStrategy")?.DeepClone() ?? new JsonArray(),
        };
    }
}
