using GameServer.ApiFrontend.Apis;
using GameServer.ApiFrontend.Hosting;
using GameServer.Hosting;

var builder = WebApplication.CreateBuilder(args);
builder.AddGameClusterClient();   // Orleans client of the silo cluster, profile-aware
builder.AddApiConventions();      // snake_case JSON, problem details, OpenAPI
builder.AddTrustedProxies();      // X-Forwarded-For from configured proxies only
builder.AddRequestBodyLimits();   // small bodies by default, larger only where an endpoint needs them
builder.AddPlayerAuth();          // JWT bearer (HS256), player and admin policies
builder.AddClusterRateLimits();   // the old system's tiers, counted cluster-wide
builder.AddPlayersApi();          // phone numbers in E.164
builder.AddWalletApi();           // wallet limits, payment gateways and callbacks
builder.AddGameServiceDefaults("Microsoft.AspNetCore.SignalR"); // health checks, metrics for Prometheus, JSON logs, OTLP traces if configured
builder.AddRealtime();            // SignalR hub fed by the games' streams and the wallets' balance watches
builder.AddWebApp();              // the player app and the operator console (wwwroot)
builder.AddConnectionDraining();  // SIGTERM: not ready at once, hubs closed, requests drained, gone within Shutdown:Timeout
builder.AddStopDeadline();        // and gone 10 s after it at the latest, whatever a stop step waits for

var app = builder.Build();
app.UseTrustedProxies();
app.UseApiConventions();
app.UseWebApp();               // the player app at /, the operator console at /admin/
app.UsePlayerAuth();
app.UseRequestLogIds();        // the caller's user id (and the bet or operation) on every log line of the request
app.UseUtf8JsonBodies();
app.MapGameDefaultEndpoints();
app.MapApiDocuments();
app.MapPlayersApi();
app.MapWalletApi();
app.MapPayoutMethodsApi();
app.MapGamesApi();
app.MapFairnessApi();
app.MapReferralApi();
app.MapAdminApi();
app.MapPlayerManagementApi();
app.MapAnnouncementsApi();
app.MapReportsApi();
app.MapRealtime();
app.Run();
