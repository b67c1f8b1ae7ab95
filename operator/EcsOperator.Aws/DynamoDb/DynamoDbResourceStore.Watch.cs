using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using EcsOperator.Core.Resources;

namespace EcsOperator.Aws.DynamoDb;

public sealed partial class DynamoDbResourceStore
{
    /// <summary>Describes the stream again (for shards that opened since) after this many polls.</summary>
    private const int RediscoverEveryPolls = 40;

    /// <summary>
    /// Keys changed since the watch started, read from the table's DynamoDB Stream (every open shard, then the
    /// children of shards that close). A table without a stream yields nothing until cancelled: callers see changes
    /// through their periodic <see cref="ListAsync"/> resync. Failed polls are logged and retried; ends on cancellation.
    /// </summary>
    public IAsyncEnumerable<ResourceKey> WatchAsync(CancellationToken ct) => WatchAsync(null, ct);

    /// <summary>As <see cref="WatchAsync(CancellationToken)"/>; <paramref name="established"/> is called once every
    /// open shard has an iterator at its end (LATEST), so a scan started afterwards and this watch miss nothing. When
    /// positioning fails, the shards are read later from TRIM_HORIZON instead (duplicates, never a gap).</summary>
    public async IAsyncEnumerable<ResourceKey> WatchAsync(Action? established, [EnumeratorCancellation] CancellationToken ct)
    {
        var streamArn = await TryGetStreamArnAsync(ct);
        if (streamArn is null || _streams is null)
        {
            Log.NoStream(_log, _table);
            established?.Invoke();
            await WaitAsync(Timeout.InfiniteTimeSpan, ct);
            yield break;
        }

        var reader = new StreamReaderState(streamArn);
        if (!await TryAsync(() => DiscoverShardsAsync(reader, "LATEST", ct), streamArn, ct)) reader.NeedsDiscovery = true;
        established?.Invoke();
        var polls = 0;
        while (!ct.IsCancellationRequested)
        {
            if (reader.NeedsDiscovery || ++polls % RediscoverEveryPolls == 0)
            {
                if (await TryAsync(() => DiscoverShardsAsync(reader, "TRIM_HORIZON", ct), streamArn, ct)) reader.NeedsDiscovery = false;
            }

            var keys = new List<ResourceKey>();
            await TryAsync(() => PollShardsAsync(reader, keys, ct), streamArn, ct);
            foreach (var key in keys) yield return key;
            if (keys.Count == 0 && !await WaitAsync(_options.StreamPollInterval, ct)) yield break;
        }
    }

    private sealed class StreamReaderState(string streamArn)
    {
        public string StreamArn { get; } = streamArn;
        public Dictionary<string, string> Iterators { get; } = [];
        public HashSet<string> Finished { get; } = [];
        public bool NeedsDiscovery { get; set; }
    }

    private async Task<string?> TryGetStreamArnAsync(CancellationToken ct)
    {
        try
        {
            var table = (await _db.DescribeTableAsync(new DescribeTableRequest { TableName = _table }, ct)).Table;
            return table.StreamSpecification?.StreamEnabled == true ? table.LatestStreamArn : null;
        }
        catch (ResourceNotFoundException e)
        {
            throw new TableNotFoundException(_table, e);
        }
        catch (AmazonDynamoDBException e)
        {
            Log.StreamFailed(_log, e, _table, "(describe table)");
            return null;
        }
    }

    /// <summary>Starts reading every shard not yet known: at <paramref name="iteratorType"/> (LATEST when the watch
    /// starts, TRIM_HORIZON for shards that appear later, so nothing written to them is missed).</summary>
    private async Task DiscoverShardsAsync(StreamReaderState reader, string iteratorType, CancellationToken ct)
    {
        string? start = null;
        do
        {
            var description = (await _streams!.DescribeStreamAsync(reader.StreamArn, start, ct))["StreamDescription"];
            foreach (var shard in description?["Shards"]?.AsArray() ?? [])
            {
                var shardId = shard?["ShardId"]?.GetValue<string>();
                if (shardId is null || reader.Iterators.ContainsKey(shardId) || reader.Finished.Contains(shardId)) continue;
                var closed = shard!["SequenceNumberRange"]?["EndingSequenceNumber"] is not null;
                if (closed && iteratorType == "LATEST")
                {
                    reader.Finished.Add(shardId);
                    continue;
                }

                if (await _streams.GetShardIteratorAsync(reader.StreamArn, shardId, iteratorType, ct) is { } iterator)
                    reader.Iterators[shardId] = iterator;
            }

            start = description?["LastEvaluatedShardId"]?.GetValue<string>();
        }
        while (start is not null);
    }

    private async Task PollShardsAsync(StreamReaderState reader, List<ResourceKey> keys, CancellationToken ct)
    {
        foreach (var (shardId, iterator) in reader.Iterators.ToList())
        {
            JsonObject page;
            try
            {
                page = await _streams!.GetRecordsAsync(iterator, ct);
            }
            catch (StreamsException e) when (e.ErrorCode is "ExpiredIteratorException" or "TrimmedDataAccessException")
            {
                reader.Iterators.Remove(shardId);
                reader.NeedsDiscovery = true;
                continue;
            }

            foreach (var record in page["Records"]?.AsArray() ?? [])
            {
                var pk = record?["dynamodb"]?["Keys"]?[StoreItem.Pk]?["S"]?.GetValue<string>();
                if (pk is null || StoreItem.IsOperatorKey(pk)) continue;
                if (ResourceKey.TryParse(pk, out var key)) keys.Add(key);
                else Log.InvalidKey(_log, _table, pk);
            }

            if (page["NextShardIterator"]?.GetValue<string>() is { } next)
            {
                reader.Iterators[shardId] = next;
            }
            else
            {
                reader.Iterators.Remove(shardId);
                reader.Finished.Add(shardId);
                reader.NeedsDiscovery = true;
            }
        }
    }

    private async Task<bool> TryAsync(Func<Task> action, string streamArn, CancellationToken ct)
    {
        try
        {
            await action();
            return true;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            Log.StreamFailed(_log, e, _table, streamArn);
            await WaitAsync(_options.StreamPollInterval, ct);
            return false;
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            return false;
        }
    }

    /// <summary>Waits; false when cancelled.</summary>
    private async Task<bool> WaitAsync(TimeSpan delay, CancellationToken ct)
    {
        try
        {
            await Task.Delay(delay, _time, ct);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }
}
