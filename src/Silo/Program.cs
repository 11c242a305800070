using GameServer.Hosting;
using GameServer.Silo.Hosting;

var builder = WebApplication.CreateBuilder(args);
builder.AddGameSilo();        // Orleans silo: clustering, storage, reminders, streams per profile
builder.AddSiloDashboard();   // Orleans Dashboard, admins only in Production
builder.AddGameServiceDefaults(); // health checks, metrics for Prometheus, JSON logs, OTLP traces if configured
builder.AddGracefulShutdown();    // SIGTERM: not ready at once, grains deactivated, out of the membership within Shutdown:Timeout
builder.AddStopDeadline();        // and gone 10 s after it at the latest, whatever a stop step waits for

var app = builder.Build();
app.MapSiloDashboard();       // /dashboard
app.MapGameDefaultEndpoints(); // /health/live, /health/ready, /metrics
app.Run();
