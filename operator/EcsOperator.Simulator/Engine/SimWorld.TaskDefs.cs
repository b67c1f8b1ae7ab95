using System.Text.Json.Nodes;
using EcsOperator.Core.Json;
using EcsOperator.Simulator.Ecs;
using EcsOperator.Simulator.State;

namespace EcsOperator.Simulator.Engine;

/// <summary>Task definition families and revisions.</summary>
internal sealed partial class SimWorld
{
    public TaskDefRec RegisterTaskDefinition(JsonObject request)
    {
        var (cpu, memory, fargate) = TaskDefinitionRules.Validate(request);
        if (request.Arr("tags") is { } tagList) TagRules.Validate(tagList);
        var family = request.Str("family")!;
        if (!State.Families.TryGetValue(family, out var revisions)) State.Families[family] = revisions = [];
        var revision = revisions.Count + 1;
        var body = request.CloneObject()!;
        body.Remove("tags");
        var networkMode = body.Str("networkMode");
        var hostPorts = new List<int>();
        foreach (var c in body.Arr("containerDefinitions").Objects())
        {
            c["cpu"] ??= 0;
            c["essential"] ??= true;
            c["portMappings"] ??= new JsonArray();
            c["environment"] ??= new JsonArray();
            c["mountPoints"] ??= new JsonArray();
            c["volumesFrom"] ??= new JsonArray();
            foreach (var pm in c.Arr("portMappings").Objects())
            {
                pm["protocol"] ??= "tcp";
                if (networkMode is "awsvpc" or "host") pm["hostPort"] ??= pm["containerPort"]?.DeepClone();
                if (networkMode is not "awsvpc" && pm.Int("hostPort") is { } hp && hp > 0) hostPorts.Add(hp);
            }
        }
        if (body["cpu"] is not null) body["cpu"] = cpu.ToString(System.Globalization.CultureInfo.InvariantCulture);
        if (body["memory"] is not null) body["memory"] = memory.ToString(System.Globalization.CultureInfo.InvariantCulture);
        body["volumes"] ??= new JsonArray();
        body["placementConstraints"] ??= new JsonArray();
        var arn = Arns.TaskDefinition(family, revision);
        body["taskDefinitionArn"] = arn;
        body["family"] = family;
        body["revision"] = revision;
        body["status"] = "ACTIVE";
        body["compatibilities"] = Compatibilities(body, fargate);
        body["registeredAt"] = Arns.Epoch(Now);
        body["registeredBy"] = $"arn:aws:iam::{Arns.Account}:root";
        var rec = new TaskDefRec
        {
            Arn = arn, Family = family, Revision = revision, Body = body,
            Tags = request.Arr("tags")?.DeepClone().AsArray() ?? [],
            Cpu = cpu, Memory = memory, Awsvpc = networkMode == "awsvpc", HostPorts = hostPorts,
        };
        revisions.Add(rec);
        Changed();
        return rec;
    }

    /// <summary>The launch types ECS validated the definition against: EC2 always; FARGATE for Fargate sizes in awsvpc
    /// mode without GPUs; EXTERNAL (ECS Anywhere) for bridge, host and none network modes.</summary>
    private static JsonArray Compatibilities(JsonObject body, bool fargateSized)
    {
        var list = new JsonArray("EC2");
        if (fargateSized && Gpus(body) == 0) list.Add("FARGATE");
        if (body.Str("networkMode") is null or "bridge" or "host" or "none") list.Add("EXTERNAL");
        return list;
    }

    /// <summary>By ARN, <c>family:revision</c>, or family (latest ACTIVE revision). Null when ECS would say it does not exist.</summary>
    public TaskDefRec? FindTaskDef(string? reference)
    {
        if (string.IsNullOrWhiteSpace(reference)) return null;
        var r = reference.StartsWith("arn:", StringComparison.Ordinal) ? Arns.Resource(reference) : reference;
        if (r.StartsWith("task-definition/", StringComparison.Ordinal)) r = r["task-definition/".Length..];
        var colon = r.LastIndexOf(':');
        if (colon > 0)
        {
            if (!int.TryParse(r[(colon + 1)..], out var rev)) return null;
            return State.Families.TryGetValue(r[..colon], out var list) && rev >= 1 && rev <= list.Count ? list[rev - 1] : null;
        }
        if (!State.Families.TryGetValue(r, out var revisions)) return null;
        for (var i = revisions.Count - 1; i >= 0; i--)
        {
            if (revisions[i].Status == "ACTIVE") return revisions[i];
        }
        return null;
    }

    public TaskDefRec RequireTaskDef(string? reference, bool forLaunch)
    {
        if (string.IsNullOrWhiteSpace(reference)) throw EcsErrors.InvalidParameter("TaskDefinition can not be blank.");
        var td = FindTaskDef(reference);
        if (td is null) throw forLaunch ? EcsErrors.InvalidParameter("TaskDefinition not found.") : EcsErrors.Client("Unable to describe task definition.");
        if (forLaunch && td.Status != "ACTIVE") throw EcsErrors.InvalidParameter($"TaskDefinition is inactive ({td.Family}:{td.Revision}).");
        return td;
    }

    public TaskDefRec DeregisterTaskDefinition(string? reference)
    {
        if (reference is null || !reference.Contains(':', StringComparison.Ordinal))
            throw EcsErrors.Client("Invalid revision number. Number: " + (reference ?? ""));
        var td = FindTaskDef(reference) ?? throw EcsErrors.Client("The specified task definition does not exist.");
        if (td.Status == "ACTIVE")
        {
            td.Status = "INACTIVE";
            td.Body["status"] = "INACTIVE";
            td.Body["deregisteredAt"] = Arns.Epoch(Now);
            Changed();
        }
        return td;
    }
}
