using GameServer.Hosting;
using Orleans.Dashboard;

namespace GameServer.Silo.Hosting;

public static class DashboardExtensions
{
    public const string DashboardPath = "/dashboard";

    public static WebApplicationBuilder AddSiloDashboard(this WebApplicationBuilder builder)
    {
        builder.UseOrleans(silo => silo.AddDashboard());
        builder.Services.AddGameOptions<DashboardSignInOptions>(builder.Configuration, DashboardSignInOptions.Section);
        builder.Services.AddAuthentication().AddScheme<Microsoft.AspNetCore.Authentication.AuthenticationSchemeOptions, DashboardSignIn>(DashboardSignIn.SchemeName, null);
        builder.Services.AddAuthorizationBuilder().AddPolicy(DashboardSignIn.AdminPolicy, policy => policy
            .AddAuthenticationSchemes(DashboardSignIn.SchemeName).RequireAuthenticatedUser().RequireRole("admin"));
        return builder;
    }

    public static WebApplication MapSiloDashboard(this WebApplication app)
    {
        app.UseAuthentication();
        app.UseAuthorization();

        // The dashboard exposes grain internals: in Production every dashboard endpoint (the page, its
        // scripts, its API) requires an admin signed in by DashboardSignIn; in Development the silo
        // listens on loopback and the dashboard is open there.
        var dashboard = app.MapOrleansDashboard(routePrefix: DashboardPath);
        if (app.Configuration.GetHostingProfile() == HostingProfile.Production)
        {
            dashboard.RequireAuthorization(DashboardSignIn.AdminPolicy);
        }
        return app;
    }
}
