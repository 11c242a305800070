using GameServer.ApiFrontend.Apis;
using GameServer.ApiFrontend.Hosting;

var builder = WebApplication.CreateBuilder(args);
builder.AddGameClusterClient();   // Orleans client of the silo cluster, profile-aware
builder.AddApiConventions();      // snake_case JSON, problem details, OpenAPI
builder.AddPlayerAuth();          // JWT bearer (HS256), player and admin policies
builder.AddClusterRateLimits();   // the old system's tiers, counted cluster-wide
builder.AddWalletApi();           // wallet limits, payment gateways and callbacks
builder.AddObservability();       // health checks, OpenTelemetry metrics at /metrics
builder.AddRealtime();            // SignalR hub fed by the cluster's game and player streams

var app = builder.Build();
app.UseApiConventions();
app.UsePlayerAuth();
app.MapObservability();
app.MapApiDocuments();
app.MapPlayersApi();
app.MapWalletApi();
app.MapGamesApi();
app.MapReferralApi();
app.MapAdminApi();
app.MapRealtime();
app.Run();
