using GameServer.Silo.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
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

    private static HostApplicationBuilder SiloBuilder(Dictionary<string, string?> settings)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(settings);
        return builder;
    }

    [Fact]
    public async Task A_production_silo_without_the_day_secret_key_refuses_to_start_and_says_how_to_make_one()
    {
        var builder = SiloBuilder(new()
        {
            ["GameServer:Profile"] = "Production",
            ["ConnectionStrings:GameServer"] = "Server=127.0.0.1;Port=1;Database=none;User ID=none",
            ["Wallet:PayoutSealingKey"] = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32)),
        });
        builder.AddGameSilo();
        using var host = builder.Build();

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Contains("Fairness:SeedSecretKey", error.Message, StringComparison.Ordinal);
        Assert.Contains("openssl rand -base64 32", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("c2hvcnQ=")]
    [InlineData("development")]
    public async Task A_production_silo_without_a_usable_payout_sealing_key_refuses_to_start_and_names_the_setting(string? key)
    {
        // The public development key would seal real account numbers under a key anyone can read in this repository.
        var developmentKey = Convert.ToBase64String(System.Security.Cryptography.SHA256.HashData("gameserver development payout sealing key, never for real money"u8));
        var builder = SiloBuilder(new()
        {
            ["GameServer:Profile"] = "Production",
            ["ConnectionStrings:GameServer"] = "Server=127.0.0.1;Port=1;Database=none;User ID=none",
            ["Fairness:SeedSecretKey"] = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32)),
            ["Wallet:PayoutSealingKey"] = key == "development" ? developmentKey : key,
        });
        builder.AddGameSilo();
        using var host = builder.Build();

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Contains("Wallet:PayoutSealingKey", error.Message, StringComparison.Ordinal);
        Assert.Contains("openssl rand -base64 32", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Configured_commission_rates_replace_the_defaults_and_without_them_the_spec_rates_apply()
    {
        var configured = SiloBuilder(new() { ["Referral:CommissionPartsPerMillion:0"] = "7000", ["Referral:CommissionPartsPerMillion:1"] = "2000",
            ["Referral:CommissionPartsPerMillion:2"] = "500", ["Referral:CommissionPartsPerMillion:3"] = "100", ["Referral:CommissionPartsPerMillion:4"] = "50",
            ["Referral:CommissionPartsPerMillion:5"] = "10" });
        configured.AddGameSilo();
        using var withRates = configured.Build();
        var defaulted = SiloBuilder([]);
        defaulted.AddGameSilo();
        using var withoutRates = defaulted.Build();

        Assert.Equal([7000L, 2000, 500, 100, 50, 10], withRates.Services.GetRequiredService<IOptions<Grains.Referral.ReferralOptions>>().Value.CommissionPartsPerMillion);
        var spec = withoutRates.Services.GetRequiredService<IOptions<Grains.Referral.ReferralOptions>>().Value;
        Assert.Equal([6000L, 1800, 540, 160, 48, 14], spec.CommissionPartsPerMillion);
        Assert.Equal(7, spec.AttendanceDays.Count);
    }

    [Fact]
    public void Five_commission_rates_for_six_levels_are_refused_naming_the_setting()
    {
        var builder = SiloBuilder(Enumerable.Range(0, 5).ToDictionary(level => $"Referral:CommissionPartsPerMillion:{level}", _ => (string?)"100"));
        builder.AddGameSilo();
        using var host = builder.Build();

        var error = Assert.Throws<OptionsValidationException>(() => host.Services.GetRequiredService<IOptions<Grains.Referral.ReferralOptions>>().Value);

        Assert.Contains("CommissionPartsPerMillion", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_minimum_stake_above_the_maximum_is_refused()
    {
        var builder = SiloBuilder(new() { ["Games:MinStakeMinorUnits"] = "500", ["Games:MaxStakeMinorUnits"] = "100" });
        builder.AddGameSilo();
        using var host = builder.Build();

        var error = Assert.Throws<OptionsValidationException>(() => host.Services.GetRequiredService<IOptions<Grains.Games.GameOptions>>().Value);

        Assert.Contains("MinStakeMinorUnits", error.Message, StringComparison.Ordinal);
    }
}
