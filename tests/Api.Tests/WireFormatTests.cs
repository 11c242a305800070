using System.Text.Json;
using GameServer.ApiFrontend.Apis;
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

    [Fact]
    public void A_deposit_on_a_server_without_gateways_says_none_is_configured_not_must_be_one_of_nothing()
    {
        using var unconfigured = Gateways("Production", configure: false);
        using var production = Gateways("Production");

        var none = Assert.Throws<GameServerException>(() => WalletApi.PaymentGateway(unconfigured.GetServices<IPaymentGateway>(), "test"));
        var unknown = Assert.Throws<GameServerException>(() => WalletApi.PaymentGateway(production.GetServices<IPaymentGateway>(), "paypal"));

        Assert.Equal(ErrorKind.Conflict, none.Kind);
        Assert.StartsWith("No payment gateway is configured on this server", none.Message, StringComparison.Ordinal);
        Assert.Equal(ErrorKind.Invalid, unknown.Kind);
        Assert.Equal("gateway must be one of: acme.", unknown.Message);
        Assert.Equal("acme", WalletApi.PaymentGateway(production.GetServices<IPaymentGateway>(), "ACME").Name);
    }

    private static ServiceProvider Gateways(string profile, bool configure = true)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Configuration["GameServer:Profile"] = profile;
        if (configure)
        {
            builder.Configuration["Payments:Gateways:test:Secret"] = "configured-by-mistake";
            builder.Configuration["Payments:Gateways:test:CheckoutUrl"] = "https://test.invalid/pay";
            builder.Configuration["Payments:Gateways:acme:Secret"] = "acme-secret";
            builder.Configuration["Payments:Gateways:acme:CheckoutUrl"] = "https://acme.invalid/pay";
        }

        builder.Services.AddSingleton<IGrainFactory>(_ => null!); // nothing here calls the cluster
        builder.AddPayments();
        return builder.Services.BuildServiceProvider();
    }
}
