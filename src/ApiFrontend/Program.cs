using GameServer.ApiFrontend.Hosting;
using GameServer.ApiFrontend.Hubs;

var builder = WebApplication.CreateBuilder(args);
builder.AddGameClusterClient();   // Orleans client of the silo cluster, profile-aware
builder.AddApiConventions();      // snake_case JSON, problem details, OpenAPI
builder.AddObservability();       // health checks
builder.AddRealtime();            // SignalR

var app = builder.Build();
app.UseApiConventions();
app.MapObservability();
app.MapApiDocuments();
app.MapHub<GameHub>("/hubs/game");
app.Run();
