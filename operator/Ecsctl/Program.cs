using System.Text;

Console.OutputEncoding = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false);
using var cts = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    cts.Cancel();
};
return await Ecsctl.EcsctlProgram.MainAsync(args, Console.In, Console.Out, Console.Error, TimeProvider.System, cts.Token);
