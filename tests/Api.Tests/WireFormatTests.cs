using System.Text.Json;
using GameServer.ApiFrontend.Hosting;
using GameServer.ApiFrontend.Payments;
using GameServer.Wallet;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace GameServer.Api.Tests;

public sealed class WireFormatTests
{
    [Fact]
    public void The_twelve_ledger_entry_types_have_the_contracts_names_on_the_wire()
    {
        var json = new JsonSerializerOptions();
        ApiConventionsExtensions.ConfigureJson(json);

        var names = Enum.GetValues<LedgerEntryType>().Select(type => JsonSerializer.Serialize(type, json).Trim('"'));

        Assert.Equal(
            ["deposit", "withdrawal_hold", "withdrawal_release", "withdrawal_paid", "bet_stake", "bet_payout", "bet_refund",
             "admin_credit", "admin_debit", "attendance_bonus", "referral_commission", "rebate"],
            names);
    }

    [Fact]
    public void The_test_gateway_exists_in_development_only_even_when_someone_configures_it_in_production()
    {
        using var production = Gateways("Production");
        using var development = Gateways("Development");

        Assert.DoesNotContain(production.GetServices<IPaymentGateway>(), gateway => gateway.Name == GatewaySecrets.TestGateway);
        Assert.Null(production.GetRequiredService<GatewaySecrets>().For(GatewaySecrets.TestGateway));
        Assert.Contains(production.GetServices<IPaymentGateway>(), gateway => gateway.Name == "acme");
        Assert.Contains(development.GetServices<IPaymentGateway>(), gateway => gateway.Name == GatewaySecrets.TestGateway);
        Assert.NotNull(development.GetRequiredService<GatewaySecrets>().For(GatewaySecrets.TestGateway));
    }

    private static ServiceProvider Gateways(string profile)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Configuration["GameServer:Profile"] = profile;
        builder.Configuration["Payments:Gateways:test:Secret"] = "configured-by-mistake";
        builder.Configuration["Payments:Gateways:test:CheckoutUrl"] = "https://test.invalid/pay";
        builder.Configuration["Payments:Gateways:acme:Secret"] = "acme-secret";
        builder.Configuration["Payments:Gateways:acme:CheckoutUrl"] = "https://acme.invalid/pay";
        builder.Services.AddSingleton<IGrainFactory>(_ => null!); // nothing here calls the cluster
        builder.AddPayments();
        return builder.Services.BuildServiceProvider();
    }
}
