using System.Net;
using System.Net.Sockets;
using System.Text;

namespace EcsOperator.TestUtilities.Http;

/// <summary>A webhook receiver: an HTTP listener on a free loopback port answering every POST with one status and
/// keeping the bodies in order.</summary>
public sealed class LoopbackWebhook : IDisposable
{
    private readonly HttpListener http = new();
    private readonly System.Threading.Channels.Channel<string> bodies = System.Threading.Channels.Channel.CreateUnbounded<string>();
    private int requests;

    public LoopbackWebhook(HttpStatusCode status)
    {
        var port = FreePort();
        Url = $"http://127.0.0.1:{port}/hooks/T000/B000/secret-token";
        http.Prefixes.Add($"http://127.0.0.1:{port}/");
        http.Start();
        _ = Task.Run(async () =>
        {
            while (http.IsListening)
            {
                HttpListenerContext context;
                try
                {
                    context = await http.GetContextAsync();
                }
                catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException)
                {
                    return;
                }
                using var reader = new StreamReader(context.Request.InputStream, Encoding.UTF8);
                var body = await reader.ReadToEndAsync();
                Interlocked.Increment(ref requests);
                context.Response.StatusCode = (int)status;
                context.Response.Close();
                bodies.Writer.TryWrite(body);
            }
        });
    }

    public string Url { get; }

    public int Requests => Volatile.Read(ref requests);

    public async Task<string> NextBodyAsync(CancellationToken ct) => await bodies.Reader.ReadAsync(ct);

    private static int FreePort()
    {
        using var socket = new TcpListener(IPAddress.Loopback, 0);
        socket.Start();
        return ((IPEndPoint)socket.LocalEndpoint).Port;
    }

    public void Dispose()
    {
        http.Stop();
        http.Close();
    }
}
