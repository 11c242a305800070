using GameServer.Silo.Hosting;

var builder = WebApplication.CreateBuilder(args);
builder.AddGameSilo();        // Orleans silo: clustering, storage, reminders, streams per profile
builder.AddSiloDashboard();   // Orleans Dashboard, admin-only outside Development

var app = builder.Build();
app.MapSiloEndpoints();       // /dashboard, /health/live, /health/ready
app.Run();
