using GameServer.Silo.Hosting;

var builder = WebApplication.CreateBuilder(args);
builder.AddGameSilo();        // Orleans silo: clustering, storage, reminders, streams per profile
builder.AddSiloDashboard();   // Orleans Dashboard (admins only in Production), health, /metrics

var app = builder.Build();
app.MapSiloEndpoints();       // /dashboard, /health/live, /health/ready, /metrics
app.Run();
