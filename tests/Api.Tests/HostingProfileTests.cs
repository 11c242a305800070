using GameServer.Silo.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;

namespace GameServer.Api.Tests;

public sealed class HostingProfileTests
{
    [Fact]
    public void Production_silo_without_a_connection_string_refuses_to_start_and_names_the_setting()
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["GameServer:Profile"] = "Production" });

        var error = Assert.Throws<InvalidOperationException>(() => builder.AddGameSilo());

        Assert.Contains("ConnectionStrings:GameServer", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Unknown_profile_is_refused()
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["GameServer:Profile"] = "Staging" });

        Assert.Throws<InvalidOperationException>(() => builder.AddGameSilo());
    }
}
