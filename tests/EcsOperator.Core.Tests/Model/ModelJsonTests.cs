using System.ComponentModel;
using System.Reflection;
using System.Text.Json;
using EcsOperator.Core.Manifests.Schema;
using EcsOperator.Core.Model;
using EcsOperator.Core.Resources;

namespace EcsOperator.Core.Tests.Model;

public sealed class ModelJsonTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 26, 1, 2, 3, TimeSpan.Zero);

    [Fact]
    public void Status_records_round_trip_in_camel_case_with_enum_names()
    {
        var status = new JobStatus
        {
            ObservedGeneration = 2,
            Phase = JobPhase.Failed,
            Attempts = 3,
            TaskArns = ["arn:aws:ecs:ap-northeast-1:123456789012:task/default/abc"],
            ExitCode = 1,
            StopCode = "EssentialContainerExited",
            StartTime = T0,
            Conditions = [new Condition("Complete", ConditionStatus.False, "BackoffLimitExceeded", "exit 1", T0)],
        };

        var json = JsonSerializer.Serialize(status, ManifestJson.Options);
        var back = JsonSerializer.Deserialize<JobStatus>(json, ManifestJson.Options)!;

        Assert.Contains("\"phase\":\"Failed\"", json, StringComparison.Ordinal);
        Assert.Contains("\"exitCode\":1", json, StringComparison.Ordinal);
        Assert.DoesNotContain("stoppedReason", json, StringComparison.Ordinal);
        Assert.Equal((status.Phase, status.Attempts, status.ExitCode, status.StartTime), (back.Phase, back.Attempts, back.ExitCode, back.StartTime));
        Assert.Equal(status.TaskArns, back.TaskArns);
        Assert.Equal(status.Conditions, back.Conditions);
    }

    [Fact]
    public void Max_task_count_writes_a_single_ceiling_as_an_integer()
    {
        var one = new ScalePolicySpec { TargetRef = "web", MaxTaskCount = [25] };
        var staged = one with { MaxTaskCount = [10, 25] };

        Assert.Contains("\"maxTaskCount\":25", JsonSerializer.Serialize(one, ManifestJson.Options), StringComparison.Ordinal);
        Assert.Contains("\"maxTaskCount\":[10,25]", JsonSerializer.Serialize(staged, ManifestJson.Options), StringComparison.Ordinal);
        Assert.Equal([10, 25], JsonSerializer.Deserialize<ScalePolicySpec>("""{"targetRef":"web","maxTaskCount":[10,25]}""", ManifestJson.Options)!.MaxTaskCount);
    }

    public static TheoryData<Type> ModelTypes()
    {
        var data = new TheoryData<Type>();
        foreach (var t in typeof(AppSpec).Assembly.GetTypes()
                     .Where(t => t.Namespace == typeof(AppSpec).Namespace && t.IsClass && t.IsSealed && t.GetMethod("<Clone>$") is not null
                                 && t.GetConstructor(Type.EmptyTypes) is not null))
        {
            data.Add(t);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(ModelTypes))]
    public void Declared_defaults_match_the_initializers(Type type)
    {
        var instance = Activator.CreateInstance(type)!;
        foreach (var p in type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            Assert.NotNull(p.GetCustomAttribute<DescriptionAttribute>());
            var value = p.GetValue(instance);
            if (p.GetCustomAttribute<DefaultValueAttribute>() is { } d) Assert.Equal(d.Value, value);
            else if (value is not null && value is not System.Collections.IEnumerable && p.PropertyType.IsValueType)
                Assert.True(Equals(value, Activator.CreateInstance(p.PropertyType)), $"{type.Name}.{p.Name} has an initializer but no [DefaultValue]");
            else if (value is string) Assert.Fail($"{type.Name}.{p.Name} has an initializer but no [DefaultValue]");
        }
    }

    [Fact]
    public void Every_kind_has_a_shape_built_from_the_model()
    {
        foreach (var kind in ResourceKinds.All)
        {
            var shape = ResourceShapes.Document(kind);
            Assert.Equal(ResourceShapes.SpecType(kind), shape.Property("spec")!.Shape.ClrType);
            Assert.Equal(ResourceShapes.StatusType(kind), shape.Property("status")!.Shape.ClrType);
        }
    }
}
