using System.Text.Json.Nodes;
using EcsOperator.Core.Diff;

namespace EcsOperator.Core.Tests.Diff;

/// <summary>ECS's task-level cpu/memory spellings: integers, vCPU and GB strings (any case, with or without a space or a
/// leading zero); no other unit.</summary>
public sealed class UnitsTests
{
    [Theory]
    [InlineData("1024", 1024L)]
    [InlineData("128", 128L)]
    [InlineData("1 vCPU", 1024L)]
    [InlineData("1 vcpu", 1024L)]
    [InlineData("2 VCPU", 2048L)]
    [InlineData("0.5 vcpu", 512L)]
    [InlineData(".25 vcpu", 256L)]
    [InlineData(".125 vCPU", 128L)]
    [InlineData("4vcpu", 4096L)]
    [InlineData(" 1 vCPU ", 1024L)]
    [InlineData("1.5 vCPU", 1536L)]
    [InlineData("192 vCPU", 196608L)]
    [InlineData("1 GB", null)]
    [InlineData("1 cpu", null)]
    [InlineData("2 vcpus", null)]
    [InlineData("1024.5", null)]
    [InlineData("-1 vcpu", null)]
    [InlineData("", null)]
    [InlineData("vcpu", null)]
    [InlineData("1e3", null)]
    public void Task_cpu(string text, long? units)
    {
        Assert.Equal(units, Units.CpuUnits(text));
        Assert.Equal(units, Units.CpuUnits(JsonValue.Create(text)));
    }

    [Theory]
    [InlineData("2048", 2048L)]
    [InlineData("0.5 GB", 512L)]
    [InlineData(".5 gb", 512L)]
    [InlineData("2 gb", 2048L)]
    [InlineData("1GB", 1024L)]
    [InlineData("30 Gb", 30720L)]
    [InlineData("512 MiB", null)]
    [InlineData("512 MB", null)]
    [InlineData("2 GiB", null)]
    [InlineData("1 vcpu", null)]
    [InlineData("0.5", null)]
    public void Task_memory(string text, long? mib)
    {
        Assert.Equal(mib, Units.MemoryMiB(text));
        Assert.Equal(mib, Units.MemoryMiB(JsonValue.Create(text)));
    }

    [Fact]
    public void Json_numbers_are_amounts_at_both_levels_and_container_strings_are_not()
    {
        Assert.Equal(256, Units.CpuUnits(JsonValue.Create(256)));
        Assert.Equal(512, Units.MemoryMiB(JsonValue.Create(512.0)));
        Assert.Equal(64, Units.ContainerAmount(JsonValue.Create(64)));
        Assert.Null(Units.ContainerAmount(JsonValue.Create(0.5)));
        Assert.Null(Units.ContainerAmount(JsonValue.Create("512")));
        Assert.Null(Units.ContainerAmount(JsonValue.Create("1 vcpu")));
    }

    [Fact]
    public void The_exec_guide_definition_normalises_to_what_ecs_stores()
    {
        var written = new JsonObject { ["cpu"] = ".25 vcpu", ["memory"] = ".5 gb" };
        var normal = TaskDefinitionNormalizer.Normalize(written);
        Assert.Equal("256", normal["cpu"]!.GetValue<string>());
        Assert.Equal("512", normal["memory"]!.GetValue<string>());
    }
}
