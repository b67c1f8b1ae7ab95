// The operator host: this entry point only dispatches to the commands.
return await EcsOperator.OperatorProgram.MainAsync(args);
