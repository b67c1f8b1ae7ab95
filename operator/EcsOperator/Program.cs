// The operator host. Commands are wired in by the controller work (issue 5); this entry point only dispatches.
return await EcsOperator.OperatorProgram.MainAsync(args);
