using System.Text.Json.Nodes;
using CsCheck;
using EcsOperator.Core.Diff;
using EcsOperator.Core.Json;

namespace EcsOperator.Core.Tests.Diff;

public sealed class NormalizerPropertyTests
{
    private static readonly Gen<string> Name = Gen.String[Gen.Char["ABCDEFGH_"], 1, 4];

    private static readonly Gen<(string Name, string Value)[]> Env = Gen.Select(Name, Gen.String[Gen.Char.AlphaNumeric, 0, 5]).Array[0, 8];

    private static readonly Gen<(int Port, bool Udp)[]> Ports = Gen.Select(Gen.Int[1, 9000], Gen.Bool).Array[0, 5];

    private static readonly Gen<string[]> Volumes = Name.Array[0, 4];

    private static JsonObject Build((string Name, string Value)[] env, (int Port, bool Udp)[] ports, string[] volumes, int seed, bool stringly)
    {
        var rnd = new Random(seed);
        JsonNode Num(int n) => stringly && rnd.Next(2) == 0 ? JsonValue.Create(n.ToString(System.Globalization.CultureInfo.InvariantCulture)) : JsonValue.Create(n);
        var container = new JsonObject
        {
            ["name"] = "app",
            ["image"] = "img:1",
            ["memory"] = Num(512),
            ["environment"] = new JsonArray([.. env.OrderBy(_ => rnd.Next()).Select(e => (JsonNode)new JsonObject { ["name"] = e.Name, ["value"] = e.Value })]),
            ["secrets"] = new JsonArray([.. env.OrderBy(_ => rnd.Next()).Select(e => (JsonNode)new JsonObject { ["name"] = e.Name, ["valueFrom"] = "arn:" + e.Value })]),
            ["portMappings"] = new JsonArray([.. ports.OrderBy(_ => rnd.Next()).Select(p => (JsonNode)new JsonObject
            {
                ["containerPort"] = Num(p.Port), ["protocol"] = p.Udp ? "udp" : "tcp",
            })]),
            ["mountPoints"] = new JsonArray([.. volumes.OrderBy(_ => rnd.Next()).Select(v => (JsonNode)new JsonObject { ["sourceVolume"] = v, ["containerPath"] = "/" + v })]),
        };
        return new JsonObject
        {
            ["family"] = "f",
            ["cpu"] = rnd.Next(2) == 0 ? "1 vCPU" : "1024",
            ["containerDefinitions"] = new JsonArray(container),
            ["volumes"] = new JsonArray([.. volumes.OrderBy(_ => rnd.Next()).Select(v => (JsonNode)new JsonObject { ["name"] = v })]),
        };
    }

    [Fact]
    public void Normalize_is_idempotent() =>
        Gen.Select(Env, Ports, Volumes, Gen.Int, Gen.Bool).Sample((env, ports, vols, seed, stringly) =>
        {
            var once = TaskDefinitionNormalizer.Normalize(Build(env, ports, vols, seed, stringly));
            var twice = TaskDefinitionNormalizer.Normalize(once);
            Assert.True(once.JsonEquals(twice), once.ToJsonString() + "\n" + twice.ToJsonString());
            Assert.Equal(once.ToJsonString(), twice.ToJsonString());
        }, iter: 300);

    [Fact]
    public void Normalize_ignores_list_order_and_number_spelling() =>
        Gen.Select(Env, Ports, Volumes, Gen.Int, Gen.Int).Sample((env, ports, vols, seed1, seed2) =>
        {
            var a = TaskDefinitionNormalizer.Normalize(Build(env, ports, vols, seed1, stringly: true));
            var b = TaskDefinitionNormalizer.Normalize(Build(env, ports, vols, seed2, stringly: false));
            Assert.Equal(a.ToJsonString(), b.ToJsonString());
        }, iter: 300);
}
