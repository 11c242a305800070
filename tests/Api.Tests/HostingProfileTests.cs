using GameServer.Silo.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

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

    [Fact]
    public async Task A_setting_out_of_its_range_stops_the_silo_at_start_and_names_the_setting()
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["GameServer:Profile"] = "Development",
            ["Orleans:SiloPort"] = Testing.TestPorts.Free().ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Orleans:GatewayPort"] = Testing.TestPorts.Free().ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Games:MaxBetsPerPlayerPerPeriod"] = "0",
        });
        builder.AddGameSilo();
        using var host = builder.Build();

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Contains("MaxBetsPerPlayerPerPeriod", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_port_out_of_its_range_is_refused_while_the_silo_is_wired()
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["Orleans:GatewayPort"] = "70000" });

        var error = Assert.Throws<OptionsValidationException>(() => builder.AddGameSilo());

        Assert.Contains("GatewayPort", error.Message, StringComparison.Ordinal);
    }
}
