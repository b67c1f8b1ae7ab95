using System.Net;
using System.Text;

namespace EcsOperator.Aws.Tests.Resilience;

/// <summary>
/// An HTTP fault injector in front of the real handler: on a share of requests it answers with throttling (in the
/// request's protocol: JSON 1.1 or Query XML), a 500, or a failed connection (nothing sent), without forwarding. Seeded, so a run
/// is repeatable. <see cref="Hang"/> makes requests never answer (until cancelled).
/// </summary>
internal sealed class FaultInjectingHandler(double faultShare, int seed = 7, bool throttleOnly = false) : DelegatingHandler
{
    private readonly Random _random = new(seed);
    private readonly Lock _lock = new();
    private int _throttles;
    private int _serverErrors;
    private int _transportFaults;
    private int _forwarded;
    private int _hang;

    public int Throttles => _throttles;

    public int ServerErrors => _serverErrors;

    public int TransportFaults => _transportFaults;

    public int Forwarded => _forwarded;

    /// <summary>Requests (counted from the next one) that hang until cancelled before the injector goes back to normal.</summary>
    public int Hang
    {
        get => Volatile.Read(ref _hang);
        set => Volatile.Write(ref _hang, value);
    }

    /// <summary>Puts this injector in front of <paramref name="inner"/> (the shape of <c>AwsClientOptions.WrapHandler</c>).</summary>
    public HttpMessageHandler Wrap(HttpMessageHandler inner)
    {
        InnerHandler = inner;
        return this;
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken ct)
    {
        if (Volatile.Read(ref _hang) > 0 && Interlocked.Decrement(ref _hang) >= 0)
            await Task.Delay(Timeout.Infinite, ct);
        double roll;
        lock (_lock) roll = _random.NextDouble();
        if (roll < faultShare)
        {
            var kind = throttleOnly ? 0 : (int)(roll / faultShare * 3);
            var isQuery = request.Content?.Headers.ContentType?.MediaType == "application/x-www-form-urlencoded";
            switch (kind)
            {
                case 0:
                    Interlocked.Increment(ref _throttles);
                    return Error(HttpStatusCode.BadRequest, isQuery ? "Throttling" : "ThrottlingException", "Rate exceeded", isQuery);
                case 1:
                    Interlocked.Increment(ref _serverErrors);
                    return Error(HttpStatusCode.InternalServerError, isQuery ? "InternalFailure" : "ServerException", "injected 500", isQuery);
                default:
                    Interlocked.Increment(ref _transportFaults);
                    // Nothing was forwarded, so the fault is one that proves it: the connection could not be made.
                    throw new HttpRequestException(HttpRequestError.ConnectionError, "injected connection failure", new IOException("connection refused"));
            }
        }
        Interlocked.Increment(ref _forwarded);
        return await base.SendAsync(request, ct);
    }

    private static HttpResponseMessage Error(HttpStatusCode status, string code, string message, bool query)
    {
        var body = query
            ? $"<ErrorResponse><Error><Type>Sender</Type><Code>{code}</Code><Message>{message}</Message></Error><RequestId>x</RequestId></ErrorResponse>"
            : $$"""{"__type":"{{code}}","message":"{{message}}"}""";
        return new HttpResponseMessage(status)
        {
            Content = new StringContent(body, Encoding.UTF8, query ? "text/xml" : "application/x-amz-json-1.1"),
        };
    }
}
