return await Ecsctl.EcsctlProgram.MainAsync(args, Console.In, Console.Out, Console.Error);
