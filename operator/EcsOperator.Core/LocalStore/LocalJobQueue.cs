using EcsOperator.Core.Queue;
using EcsOperator.Core.State;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace EcsOperator.Core.LocalStore;

/// <summary>
/// The job-request queue in a directory (<see cref="StatePaths.Queue"/>), with SQS semantics: at-least-once delivery,
/// a visibility timeout, a receive count, and a dead-letter directory (<c>queue/dead-letter</c>) that takes a message
/// received <c>maxReceiveCount</c> times without being deleted. One lock file (<c>queue/.lock</c>) serialises every
/// operation across processes.
/// </summary>
public sealed class LocalJobQueue : IJobQueue
{
    private readonly StatePaths _paths;
    private readonly TimeProvider _time;
    private readonly int _maxReceiveCount;
    private readonly TimeSpan _visibility;
    private readonly ILogger _logger;

    public LocalJobQueue(StatePaths paths, TimeProvider time, int maxReceiveCount = 5, TimeSpan? visibility = null, ILogger<LocalJobQueue>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(paths);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxReceiveCount, 1);
        _paths = paths;
        _time = time;
        _maxReceiveCount = maxReceiveCount;
        _visibility = visibility ?? TimeSpan.FromSeconds(30);
        _logger = logger ?? (ILogger)NullLogger.Instance;
        Directory.CreateDirectory(MessagesDirectory);
        Directory.CreateDirectory(DeadLetterDirectory);
    }

    /// <summary>How often a waiting <see cref="ReceiveAsync"/> looks again.</summary>
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromMilliseconds(100);

    public TimeSpan LockTimeout { get; init; } = FileLock.DefaultTimeout;

    public string MessagesDirectory => Path.Combine(_paths.Queue, "messages");

    public string DeadLetterDirectory => Path.Combine(_paths.Queue, "dead-letter");

    private string TempDirectory => Path.Combine(_paths.Queue, ".tmp");

    /// <summary>A message's file: its id is the file name without <c>.json</c> (ids this queue makes are GUIDs; a file
    /// dropped in by hand keeps its own name).</summary>
    private static string MessagePath(string directory, string id) =>
        id.Length > 0 && id != "." && id != ".." && id.IndexOfAny(['/', '\\', '\0']) < 0
            ? Path.Combine(directory, id + ".json")
            : throw new ArgumentException($"'{id}' is not a message id of this queue", nameof(id));

    public async Task<IReadOnlyList<QueueMessage>> ReceiveAsync(int max, TimeSpan wait, CancellationToken ct)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(max, 1);
        max = Math.Min(max, 10);
        var started = _time.GetTimestamp();
        while (true)
        {
            var batch = await TryReceiveAsync(max, ct);
            var remaining = wait - _time.GetElapsedTime(started);
            if (batch.Count > 0 || remaining <= TimeSpan.Zero) return batch;
            await Task.Delay(remaining < PollInterval ? remaining : PollInterval, _time, ct);
        }
    }

    public async Task DeleteAsync(QueueMessage message, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(message);
        using var _ = await LockAsync(ct);
        var path = MessagePath(MessagesDirectory, message.MessageId);
        if (Read(path) is { } stored && stored.ReceiptHandle == message.ReceiptHandle) AtomicFile.TryDelete(path);
    }

    public async Task ExtendVisibilityAsync(QueueMessage message, TimeSpan visibility, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(message);
        using var _ = await LockAsync(ct);
        var path = MessagePath(MessagesDirectory, message.MessageId);
        if (Read(path) is not { } stored || stored.ReceiptHandle != message.ReceiptHandle)
            throw new InvalidOperationException($"message {message.MessageId} is no longer held with this receipt handle");
        Write(path, stored with { VisibleAt = _time.GetUtcNow() + visibility });
    }

    public async Task<string> SendAsync(string body, IReadOnlyDictionary<string, string>? attributes, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(body);
        var now = _time.GetUtcNow();
        var id = Guid.CreateVersion7(now).ToString();
        var file = new MessageFile(body, attributes?.ToDictionary(), now, 0, now, null);
        using var _ = await LockAsync(ct);
        Write(MessagePath(MessagesDirectory, id), file);
        return id;
    }

    public async Task DeadLetterAsync(QueueMessage message, string reason, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(message);
        using var _ = await LockAsync(ct);
        var path = MessagePath(MessagesDirectory, message.MessageId);
        var stored = Read(path) ?? new MessageFile(message.Body, message.Attributes.ToDictionary(), _time.GetUtcNow(), message.ReceiveCount, _time.GetUtcNow(), null);
        MoveToDeadLetter(message.MessageId, stored, reason);
    }

    /// <summary>The dead-letter queue's messages, oldest first (ecsctl and tests read it; the operator never does).</summary>
    public Task<IReadOnlyList<QueueMessage>> ListDeadLettersAsync(CancellationToken ct)
    {
        var list = new List<(MessageFile File, string Id)>();
        foreach (var path in Directory.EnumerateFiles(DeadLetterDirectory, "*.json"))
        {
            ct.ThrowIfCancellationRequested();
            if (Read(path) is { } m) list.Add((m, Path.GetFileNameWithoutExtension(path)));
        }

        return Task.FromResult<IReadOnlyList<QueueMessage>>(
            list.OrderBy(x => x.File.SentAt).ThenBy(x => x.Id, StringComparer.Ordinal).Select(x => x.File.ToMessage(x.Id)).ToList());
    }

    private async Task<IReadOnlyList<QueueMessage>> TryReceiveAsync(int max, CancellationToken ct)
    {
        using var _ = await LockAsync(ct);
        var now = _time.GetUtcNow();
        var candidates = new List<(MessageFile File, string Id, string Path)>();
        foreach (var path in Directory.EnumerateFiles(MessagesDirectory, "*.json"))
        {
            var id = Path.GetFileNameWithoutExtension(path);
            var bytes = AtomicFile.TryReadAllBytes(path);
            if (bytes is null) continue;
            if (MessageFile.TryParse(bytes) is not { } file)
            {
                Log.CorruptMessage(_logger, path);
                var text = AtomicFile.Utf8.GetString(bytes);
                MoveToDeadLetter(id, new MessageFile(text, null, now, 0, now, null), "unreadable message file: not JSON with a \"body\" string");
                continue;
            }

            if (file.VisibleAt <= now) candidates.Add((file, id, path));
        }

        var received = new List<QueueMessage>();
        foreach (var (file, id, path) in candidates.OrderBy(c => c.File.SentAt).ThenBy(c => c.Id, StringComparer.Ordinal))
        {
            if (file.ReceiveCount >= _maxReceiveCount)
            {
                MoveToDeadLetter(id, file, $"received {file.ReceiveCount} times without being deleted (maxReceiveCount {_maxReceiveCount})");
                continue;
            }

            if (received.Count == max) continue;
            var next = file with { ReceiveCount = file.ReceiveCount + 1, VisibleAt = now + _visibility, ReceiptHandle = Guid.NewGuid().ToString("N") };
            Write(path, next);
            received.Add(next.ToMessage(id));
        }

        return received;
    }

    private void MoveToDeadLetter(string id, MessageFile file, string reason)
    {
        var attributes = new Dictionary<string, string>(file.Attributes ?? []) { [QueueAttributes.DeadLetterReason] = reason };
        Write(MessagePath(DeadLetterDirectory, id), file with { Attributes = attributes, ReceiptHandle = null });
        AtomicFile.TryDelete(MessagePath(MessagesDirectory, id));
    }

    private static MessageFile? Read(string path) => AtomicFile.TryReadAllBytes(path) is { } b ? MessageFile.TryParse(b) : null;

    private void Write(string path, MessageFile file) => AtomicFile.WriteAllBytes(path, file.ToBytes(), TempDirectory);

    private Task<FileLock> LockAsync(CancellationToken ct) => FileLock.AcquireAsync(Path.Combine(_paths.Queue, ".lock"), LockTimeout, ct);
}
