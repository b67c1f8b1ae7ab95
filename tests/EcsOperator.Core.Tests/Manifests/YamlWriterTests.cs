using System.Text.Json.Nodes;
using EcsOperator.Core.Manifests;

namespace EcsOperator.Core.Tests.Manifests;

/// <summary>The one YAML writer: block style in the tree's key order, strings quoted only when plain text would retype them.</summary>
public sealed class YamlWriterTests
{
    [Fact]
    public void Keys_keep_their_order_lists_sit_under_their_key_and_empty_collections_are_flow()
    {
        var tree = new JsonObject
        {
            ["spec"] = new JsonObject { ["z"] = 1, ["a"] = true, ["list"] = new JsonArray(new JsonObject { ["k"] = "v", ["k2"] = null }, "x") },
            ["empty"] = new JsonObject(),
            ["none"] = new JsonArray(),
        };

        Assert.Equal("spec:\n  z: 1\n  a: true\n  list:\n  - k: v\n    k2: null\n  - x\nempty: {}\nnone: []\n", YamlWriter.Write(tree));
    }

    [Fact]
    public void Strings_that_would_read_as_other_types_are_double_quoted()
    {
        var tree = new JsonObject { ["a"] = "true", ["b"] = "0600", ["c"] = "on", ["d"] = "1:45", ["e"] = "", ["f"] = "nginx:1.25", ["g"] = "日本語" };

        Assert.Equal("a: \"true\"\nb: \"0600\"\nc: \"on\"\nd: \"1:45\"\ne: \"\"\nf: nginx:1.25\ng: \"日本語\"\n", YamlWriter.Write(tree));
    }

    [Fact]
    public void Multi_line_strings_are_literal_blocks_that_read_back_exactly()
    {
        string[] values = ["#!/bin/sh\necho hi\n", "no trailing newline\nsecond", "  indented first\nline\n\n", "tab\tinside\nx"];
        foreach (var value in values)
        {
            var yaml = YamlWriter.Write(new JsonObject { ["script"] = value });
            Assert.StartsWith("script: |", yaml, StringComparison.Ordinal);
            var parsed = YamlTreeReader.ReadAll(yaml, "t", out var errors);
            Assert.Empty(errors);
            Assert.Equal(value, (string?)parsed[0].Root!["script"]);
        }

        Assert.Equal("script: |\n  #!/bin/sh\n  echo hi\n", YamlWriter.Write(new JsonObject { ["script"] = "#!/bin/sh\necho hi\n" }));
    }
}
