using Microsoft.AspNetCore.SignalR;

namespace GameServer.ApiFrontend.Hubs;

/// <summary>Live game events: clients join a game's group and receive its periods and results.</summary>
public sealed class GameHub : Hub;
