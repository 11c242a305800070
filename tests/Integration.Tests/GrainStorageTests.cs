using GameServer.Grains.Players;
using GameServer.Silo.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Storage;

namespace GameServer.Integration.Tests;

/// <summary>The ADO.NET grain storage on our MySQL schema, exercised through the provider a silo uses.</summary>
public sealed class GrainStorageTests : IAsyncLifetime
{
    private IHost silo = null!;

    public async Task InitializeAsync()
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        var id = $"gs-{Guid.NewGuid():N}"[..20];
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["GameServer:Profile"] = "Production",
            ["ConnectionStrings:GameServer"] = MariaDb.ConnectionString,
            ["Orleans:ClusterId"] = id,
            ["Orleans:ServiceId"] = id,
            ["Orleans:SiloPort"] = FreePort(),
            ["Orleans:GatewayPort"] = FreePort(),
            ["Games:AutoStart"] = "false",
            ["Fairness:SeedSecretKey"] = Convert.ToBase64String(MariaDb.SeedSecretKey),
            ["Wallet:PayoutSealingKey"] = Convert.ToBase64String(GameServer.Testing.ProcessCluster.PayoutSealingKey),
        });
        builder.Logging.AddFilter(level => level >= LogLevel.Warning);
        builder.AddGameSilo();
        silo = builder.Build();
        await silo.StartAsync();
    }

    public async Task DisposeAsync()
    {
        await silo.StopAsync();
        silo.Dispose();
    }

    private static string FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
    }

    private IGrainStorage Storage => silo.Services.GetRequiredKeyedService<IGrainStorage>("Default");

    [Fact]
    public async Task State_written_is_read_back()
    {
        var grainId = GrainId.Create("user-id-sequence", $"test-{Guid.NewGuid():N}");
        var written = new GrainState<UserIdSequenceState>(new UserIdSequenceState { ReservedUpTo = 4242 });
        await Storage.WriteStateAsync("user-id-sequence", grainId, written);

        var read = new GrainState<UserIdSequenceState>(new UserIdSequenceState());
        await Storage.ReadStateAsync("user-id-sequence", grainId, read);

        Assert.Equal(4242, read.State!.ReservedUpTo);
        Assert.Equal(written.ETag, read.ETag);
        Assert.True(read.RecordExists);
    }

    [Fact]
    public async Task A_stale_write_raises_InconsistentStateException()
    {
        var grainId = GrainId.Create("user-id-sequence", $"test-{Guid.NewGuid():N}");
        var first = new GrainState<UserIdSequenceState>(new UserIdSequenceState { ReservedUpTo = 1 });
        await Storage.WriteStateAsync("user-id-sequence", grainId, first);
        var stale = new GrainState<UserIdSequenceState>(new UserIdSequenceState { ReservedUpTo = 2 }) { ETag = first.ETag, RecordExists = true };

        first.State!.ReservedUpTo = 3;
        await Storage.WriteStateAsync("user-id-sequence", grainId, first);

        await Assert.ThrowsAsync<InconsistentStateException>(() => Storage.WriteStateAsync("user-id-sequence", grainId, stale));
    }

    [Fact]
    public async Task State_larger_than_64_KiB_is_stored_whole()
    {
        var grainId = GrainId.Create("withdrawal-desk", $"test-{Guid.NewGuid():N}");
        var big = new GrainState<UserState>(new UserState { PasswordHash = new string('x', 200_000) });
        await Storage.WriteStateAsync("user", grainId, big);

        var read = new GrainState<UserState>(new UserState());
        await Storage.ReadStateAsync("user", grainId, read);

        Assert.Equal(200_000, read.State!.PasswordHash.Length);
    }
}
