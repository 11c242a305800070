using GameServer.LoadTest;

return await LoadTestCommand.RunAsync(args);
