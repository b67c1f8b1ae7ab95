using System.Text.Json.Nodes;
using EcsOperator.Core.Resources;
using EcsOperator.Core.Store;

namespace EcsOperator.TestUtilities.Contracts;

public abstract partial class ResourceStoreContract
{
    /// <summary>Steps of <see cref="A_random_sequence_of_writes_matches_a_simple_model"/>; a slow backend may lower it.</summary>
    protected virtual int ModelSteps => 120;

    private sealed record ModelItem(string Manifest, long Generation, string Version, bool HasStatus);

    /// <summary>
    /// Model-based check (seeded, so reproducible): puts with every kind of precondition, deletes and status writes on
    /// a few keys, compared after every step with a dictionary. Also: every write yields a version never seen before.
    /// </summary>
    [Fact]
    public async Task A_random_sequence_of_writes_matches_a_simple_model()
    {
        var store = await CreateStoreAsync();
        var random = new Random(20260301);
        ResourceKey[] keys = [Key(ResourceKind.App, "m0"), Key(ResourceKind.Job, "m1"), Key(ResourceKind.App, "m2")];
        var model = new Dictionary<ResourceKey, ModelItem>();
        var versions = new HashSet<string>(StringComparer.Ordinal);
        for (var step = 0; step < ModelSteps; step++)
        {
            var key = keys[random.Next(keys.Length)];
            model.TryGetValue(key, out var m);
            var mode = random.Next(4);
            switch (random.Next(3))
            {
                case 0:
                    var text = Manifest(key, $"replicas: {random.Next(3)}");
                    var expected = mode switch { 0 => null, 1 => m?.Version ?? Versions.MustNotExist, 2 => $"stale-{step}", _ => Versions.MustNotExist };
                    if (mode == 2 || (mode == 3 && m is not null))
                    {
                        await Assert.ThrowsAsync<ConcurrencyException>(() => store.PutAsync(key, text, expected, Ct));
                        break;
                    }

                    var put = await store.PutAsync(key, text, expected, Ct);
                    var outcome = m is null ? PutOutcome.Created : m.Manifest == text ? PutOutcome.Unchanged : PutOutcome.Configured;
                    Assert.Equal(outcome, put.Outcome);
                    if (outcome == PutOutcome.Unchanged) Assert.Equal(m!.Version, put.Resource.Version);
                    else Assert.True(versions.Add(put.Resource.Version), $"step {step}: version {put.Resource.Version} was used before");
                    var generation = m is null ? 1 : outcome == PutOutcome.Unchanged ? m.Generation : m.Generation + 1;
                    Assert.Equal(generation, put.Resource.Generation);
                    model[key] = new ModelItem(text, generation, put.Resource.Version, m?.HasStatus ?? false);
                    break;
                case 1:
                    var version = mode switch { 0 => null, 1 => m?.Version, _ => $"stale-{step}" };
                    if (m is not null && version is not null && version != m.Version)
                    {
                        await Assert.ThrowsAsync<ConcurrencyException>(() => store.DeleteAsync(key, version, Ct));
                        break;
                    }

                    Assert.Equal(m is not null, await store.DeleteAsync(key, version, Ct));
                    model.Remove(key);
                    break;
                default:
                    var hash = mode == 0 && m is not null ? StoredResource.HashManifest(m.Manifest) : StoredResource.HashManifest($"other {step}");
                    var written = await store.UpdateStatusAsync(key, hash, new JsonObject { ["step"] = step }, Ct);
                    Assert.Equal(mode == 0 && m is not null, written);
                    if (written)
                    {
                        var after = (await store.GetAsync(key, Ct))!;
                        Assert.True(versions.Add(after.Version), $"step {step}: status write reused version {after.Version}");
                        model[key] = m! with { Version = after.Version, HasStatus = true };
                    }

                    break;
            }

            var got = await store.GetAsync(key, Ct);
            if (!model.TryGetValue(key, out var now))
            {
                Assert.Null(got);
                continue;
            }

            Assert.NotNull(got);
            Assert.Equal(now.Manifest, got.Manifest);
            Assert.Equal(now.Generation, got.Generation);
            Assert.Equal(now.Version, got.Version);
            Assert.Equal(now.HasStatus, got.Status is not null);
        }

        var listed = await store.ListAsync(null, Ns, Ct);
        Assert.Equal(model.Keys.Order(ResourceKey.Comparer), listed.Select(r => r.Key));
    }
}
