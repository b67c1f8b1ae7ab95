using System.Text.Json.Nodes;
using EcsOperator.Core.Json;
using EcsOperator.Simulator.Engine;
using EcsOperator.Simulator.State;

namespace EcsOperator.Simulator.Ecs;

internal sealed partial class EcsSimulator
{
    private static readonly string[] DeploymentFields =
        ["networkConfiguration", "placementConstraints", "placementStrategy", "launchType", "capacityProviderStrategy", "platformVersion"];

    private JsonObject CreateService(JsonObject r)
    {
        var c = Cluster(r);
        var name = r.Str("serviceName");
        if (string.IsNullOrWhiteSpace(name)) throw EcsErrors.InvalidParameter("serviceName can not be blank.");
        if (name.Length > 255 || !name.All(ch => char.IsAsciiLetterOrDigit(ch) || ch is '-' or '_'))
            throw EcsErrors.InvalidParameter("Service name can have up to 255 letters (uppercase and lowercase), numbers, hyphens, and underscores.");
        if (c.Services.TryGetValue(name, out var existing) && existing.Status != "INACTIVE")
        {
            if (r.Str("clientToken") is { } token && token == existing.ClientToken) return new JsonObject { ["service"] = EcsRender.Service(world, c, existing, true) };
            throw EcsErrors.InvalidParameter("Creation of service was not idempotent.");
        }
        var daemon = r.Str("schedulingStrategy") == "DAEMON";
        if (r.Str("schedulingStrategy") is { } strategy && strategy != "REPLICA" && !daemon)
            throw EcsErrors.InvalidParameter($"Invalid scheduling strategy: {strategy}.");
        var td = world.RequireTaskDef(r.Str("taskDefinition"), forLaunch: true);
        if (daemon) CheckDaemon(r, td, update: false);
        var desired = daemon ? 0 : r.Int("desiredCount") ?? throw EcsErrors.InvalidParameter("desiredCount is required for the REPLICA scheduling strategy.");
        if (desired < 0) throw EcsErrors.InvalidParameter("desiredCount must be at least 0.");
        ValidateLaunch(r, td);
        if (r.Arr("tags") is { } tagList) ValidateTags(tagList);
        var s = new ServiceRec
        {
            Name = name, Arn = world.Arns.Service(c.Name, name), Cluster = c.Name, Spec = r.CloneObject()!,
            DesiredCount = desired, TaskDefinitionArn = td.Arn, Tags = r.Arr("tags")?.DeepClone().AsArray() ?? [],
            CreatedAt = world.Now, ClientToken = r.Str("clientToken"),
        };
        s.Spec["taskDefinition"] = td.Arn;
        c.Services[name] = s;
        c.ListedServiceArns.Add(s.Arn);
        world.NewDeployment(s, td.Arn);
        world.Settle();
        return new JsonObject { ["service"] = EcsRender.Service(world, c, s, true) };
    }

    private static void ValidateLaunch(JsonObject spec, TaskDefRec td)
    {
        var launchType = SimWorld.LaunchTypeOf(spec, td);
        if (launchType is "FARGATE" or "EXTERNAL" && !td.Body.Arr("compatibilities").Strings().Contains(launchType))
            throw EcsErrors.InvalidParameter($"Task definition does not support launch_type {launchType}.");
        if ((td.Awsvpc || launchType == "FARGATE") && spec.Obj("networkConfiguration")?.Obj("awsvpcConfiguration") is null)
            throw EcsErrors.InvalidParameter("Network Configuration must be provided when networkMode 'awsvpc' is specified.");
        if (spec.Obj("deploymentConfiguration") is { } dc
            && (dc.Int("maximumPercent") is < 100 || dc.Int("minimumHealthyPercent") is < 0 or > 100))
            throw EcsErrors.InvalidParameter("maximumPercent must be at least 100 and minimumHealthyPercent between 0 and 100.");
        CheckStrategy(spec);
    }

    /// <summary>ROLLING and BLUE_GREEN are modelled; BLUE_GREEN needs bakeTimeInMinutes (the API reference says it must be
    /// given). LINEAR, CANARY, lifecycle hooks and blue/green DAEMON services are refused because the simulator does not
    /// model them, not because ECS refuses them.</summary>
    private static void CheckStrategy(JsonObject spec)
    {
        var dc = spec.Obj("deploymentConfiguration");
        var strategy = dc.Str("strategy") ?? "ROLLING";
        if (strategy is "LINEAR" or "CANARY")
            throw EcsErrors.InvalidParameter($"The simulator does not model the {strategy} deployment strategy; it models ROLLING and BLUE_GREEN.");
        if (dc.Arr("lifecycleHooks") is { Count: > 0 })
            throw EcsErrors.InvalidParameter("The simulator does not run deployment lifecycle hooks.");
        if (strategy != "BLUE_GREEN") return;
        if (spec.Str("schedulingStrategy") == "DAEMON")
            throw EcsErrors.InvalidParameter("The simulator does not model the BLUE_GREEN deployment strategy for DAEMON services.");
        if (dc.Int("bakeTimeInMinutes") is not { } bake)
            throw EcsErrors.InvalidParameter("bakeTimeInMinutes must be provided for the BLUE_GREEN deployment strategy.");
        if (bake < 0) throw EcsErrors.InvalidParameter("bakeTimeInMinutes must be at least 0.");
    }

    /// <summary>What ECS refuses for a DAEMON service: a task count, placement strategies, Fargate, other deployment controllers.</summary>
    private static void CheckDaemon(JsonObject r, TaskDefRec td, bool update)
    {
        if (r["desiredCount"] is not null)
            throw EcsErrors.InvalidParameter("The daemon scheduling strategy does not support a desired count for services.");
        if (r.Arr("placementStrategy") is { Count: > 0 })
            throw EcsErrors.InvalidParameter("The daemon scheduling strategy does not support placement strategies.");
        if (update) return;
        if (SimWorld.LaunchTypeOf(r, td) == "FARGATE")
            throw EcsErrors.InvalidParameter("The daemon scheduling strategy does not support the FARGATE launch type.");
        if (r.Obj("deploymentController").Str("type") is { } type && type != "ECS")
            throw EcsErrors.InvalidParameter($"The daemon scheduling strategy does not support the {type} deployment controller.");
    }

    private ServiceRec FindService(ClusterRec c, JsonObject r, string member = "service")
    {
        var reference = r.Str(member);
        if (string.IsNullOrWhiteSpace(reference)) throw EcsErrors.InvalidParameter("service can not be blank.");
        return c.Services.TryGetValue(Arns.LastSegment(reference), out var s) ? s : throw EcsErrors.ServiceNotFound();
    }

    private JsonObject UpdateService(JsonObject r)
    {
        var c = Cluster(r);
        var s = FindService(c, r);
        if (s.Status != "ACTIVE") throw EcsErrors.ServiceNotActive();
        var newTd = r.Str("taskDefinition") is { } tdRef ? world.RequireTaskDef(tdRef, forLaunch: true) : null;
        if (newTd is not null && s.Spec.Obj("deploymentController").Str("type") == "CODE_DEPLOY")
            throw EcsErrors.InvalidParameter("Unable to update task definition on services with a CODE_DEPLOY deployment controller. Use AWS CodeDeploy to trigger a new deployment.");
        if (SimWorld.IsDaemon(s)) CheckDaemon(r, newTd ?? world.FindTaskDef(s.TaskDefinitionArn)!, update: true);
        if (r.Int("desiredCount") is < 0) throw EcsErrors.InvalidParameter("desiredCount must be at least 0.");
        var merged = s.Spec.CloneObject()!;
        foreach (var (key, value) in r)
        {
            if (key is "cluster" or "service" or "forceNewDeployment") continue;
            merged[key] = value?.DeepClone();
        }
        var td = newTd ?? world.FindTaskDef(s.TaskDefinitionArn)!;
        ValidateLaunch(merged, td);
        var deploymentChange = (newTd is not null && newTd.Arn != s.TaskDefinitionArn)
            || r.Bool("forceNewDeployment") == true
            || DeploymentFields.Any(f => r.ContainsKey(f) && !r[f].JsonEquals(s.Spec[f]));
        merged["taskDefinition"] = td.Arn;
        s.Spec = merged;
        if (r.Int("desiredCount") is { } desired) s.DesiredCount = desired;
        s.TaskDefinitionArn = td.Arn;
        if (deploymentChange) world.NewDeployment(s, td.Arn);
        else if (s.Primary is { } p) p.DesiredCount = s.DesiredCount;
        world.MarkDirty(s);
        world.Changed();
        world.Settle();
        return new JsonObject { ["service"] = EcsRender.Service(world, c, s, true) };
    }

    private JsonObject DeleteService(JsonObject r)
    {
        var c = Cluster(r);
        var s = FindService(c, r);
        if (s.Status == "INACTIVE") throw EcsErrors.ServiceNotActive();
        if (s.Status == "ACTIVE")
        {
            if (s.DesiredCount > 0 && r.Bool("force") != true && !SimWorld.IsDaemon(s))
                throw EcsErrors.InvalidParameter("The service cannot be stopped while it is scaled above 0.");
            s.Status = "DRAINING";
            s.DesiredCount = 0;
            world.MarkDirty(s);
            world.Changed();
            world.Settle();
        }
        return new JsonObject { ["service"] = EcsRender.Service(world, c, s, true) };
    }

    private JsonObject DescribeServices(JsonObject r)
    {
        var c = Cluster(r);
        var names = r.Arr("services")?.Strings().ToList() ?? [];
        if (names.Count == 0) throw EcsErrors.InvalidParameter("Services cannot be empty.");
        return DescribeBatch(r, "services", names, 10, "services can have at most 10 items.",
            (n, tags) => c.Services.TryGetValue(Arns.LastSegment(n), out var s) ? EcsRender.Service(world, c, s, tags) : null,
            n => world.Arns.Service(c.Name, Arns.LastSegment(n)));
    }

    private JsonObject ListServices(JsonObject r)
    {
        var c = Cluster(r);
        var launchType = r.Str("launchType");
        Func<string, bool>? filter = launchType is null ? null : arn =>
            c.Services.TryGetValue(Arns.LastSegment(arn), out var s) && (s.Spec.Str("launchType") ?? "EC2") == launchType;
        return Paging.Result("serviceArns", Paging.Page(Paging.From(c.ListedServiceArns, r), r, filter));
    }
}
