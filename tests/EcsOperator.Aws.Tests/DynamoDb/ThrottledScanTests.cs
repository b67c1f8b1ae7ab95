using System.Net;
using System.Text;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Amazon.Runtime;
using EcsOperator.Aws.DynamoDb;
using EcsOperator.Core.Resources;
using EcsOperator.TestUtilities.Moto;

namespace EcsOperator.Aws.Tests.DynamoDb;

/// <summary>A listing is complete or throws: throttled Scan pages (injected in front of moto, below the real SDK) are
/// retried by the SDK, and a page that stays throttled fails the whole listing instead of returning part of it.</summary>
public sealed class ThrottledScanTests(MotoServer moto) : IClassFixture<MotoServer>
{
    private const int Items = 23;

    private async Task<(string Table, ThrottlingHandler Faults, DynamoDbResourceStore Store)> ArrangeAsync()
    {
        var table = await MotoAws.TableAsync(moto);
        using (var writer = DynamoDbResourceStore.Create(MotoAws.Connection(moto), table, TimeProvider.System))
        {
            for (var i = 0; i < Items; i++)
            {
                var key = new ResourceKey(ResourceKind.App, "default", $"app-{i:D2}");
                await writer.PutAsync(key, $"kind: App\nmetadata: {{name: app-{i:D2}}}\n", null, default);
            }
        }

        var faults = new ThrottlingHandler();
        var config = MotoAws.Connection(moto).ApplyTo(new AmazonDynamoDBConfig { MaxErrorRetry = 2, HttpClientFactory = new Factory(faults) });
        var store = new DynamoDbResourceStore(new AmazonDynamoDBClient(config), null, table, TimeProvider.System,
            new DynamoDbStoreOptions { ScanPageLimit = 5 }, ownsClients: true);
        return (table, faults, store);
    }

    [SkippableFact]
    public async Task Throttled_pages_are_retried_and_the_listing_is_whole()
    {
        moto.SkipIfUnavailable();
        var (_, faults, store) = await ArrangeAsync();
        using var _s = store;
        faults.ThrottleNext(2);
        var all = await store.ListAsync(ResourceKind.App, null, default);
        Assert.Equal(Items, all.Count);
        Assert.Equal(2, faults.Throttled);
    }

    [SkippableFact]
    public async Task A_page_that_stays_throttled_fails_the_whole_listing()
    {
        moto.SkipIfUnavailable();
        var (_, faults, store) = await ArrangeAsync();
        using var _s = store;
        faults.ThrottleNext(int.MaxValue);
        await Assert.ThrowsAsync<ProvisionedThroughputExceededException>(() => store.ListAsync(null, null, default));
        Assert.Equal(3, faults.Throttled);   // the first attempt and the SDK's two retries of the second page
    }

    internal sealed class ThrottlingHandler() : DelegatingHandler(new HttpClientHandler())
    {
        private int _left;
        private int _throttled;

        public int Throttled => _throttled;

        public void ThrottleNext(int count) => _left = count;

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken ct)
        {
            if (request.Headers.TryGetValues("X-Amz-Target", out var target) && target.First().EndsWith(".Scan", StringComparison.Ordinal)
                && request.Content is { } content)
            {
                await content.LoadIntoBufferAsync(ct);
                var body = await content.ReadAsStringAsync(ct);
                if (body.Contains("ExclusiveStartKey", StringComparison.Ordinal) && Interlocked.Decrement(ref _left) >= 0)
                {
                    Interlocked.Increment(ref _throttled);
                    return new HttpResponseMessage(HttpStatusCode.BadRequest)
                    {
                        Content = new StringContent(
                            """{"__type":"com.amazonaws.dynamodb.v20120810#ProvisionedThroughputExceededException","message":"injected throttle"}""",
                            Encoding.UTF8, "application/x-amz-json-1.0"),
                    };
                }
            }

            return await base.SendAsync(request, ct);
        }
    }

    private sealed class Factory(ThrottlingHandler handler) : HttpClientFactory
    {
        public override HttpClient CreateHttpClient(IClientConfig clientConfig) => new(handler, disposeHandler: false);

        public override bool UseSDKHttpClientCaching(IClientConfig clientConfig) => false;

        public override bool DisposeHttpClientsAfterUse(IClientConfig clientConfig) => false;
    }
}
