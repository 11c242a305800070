using GameServer.Grains.Wallet;
using GameServer.Testing;
using GameServer.Wallet;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Providers;
using Orleans.Storage;

namespace GameServer.Grains.Tests;

/// <summary>A cluster with the production cooling-off of payout methods (24 h); the other test silos have none.</summary>
public sealed class CoolingOffClusterFixture : GameClusterFixture
{
    public static readonly TimeSpan CoolingOff = TimeSpan.FromHours(24);

    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Games:AutoStart"] = "false",
        ["Wallet:PayoutMethodCoolingOff"] = CoolingOff.ToString("c", System.Globalization.CultureInfo.InvariantCulture),
    };
}

/// <summary>Saved payout methods (SPEC §5): the cooling-off, the destination copied into each withdrawal, change, removal, idempotent adds.</summary>
public sealed class PayoutMethodsTests(CoolingOffClusterFixture fixture) : IClassFixture<CoolingOffClusterFixture>
{
    private static readonly PayoutDestination Upi = PayoutDestination.Create(PayoutKind.Upi, vpa: "asha.rao@okaxis");
    private static readonly PayoutDestination Bank = PayoutDestination.Create(PayoutKind.Bank, holderName: "Asha Rao", accountNumber: "123456789012", ifsc: "HDFC0001234");
    private static readonly PayoutDestination Usdt = PayoutDestination.Create(PayoutKind.UsdtTrc20, address: "TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t");

    private static long nextPlayer = 80_000_000;

    private static string NewWithdrawalId() => $"w-{Guid.NewGuid():N}";

    private async Task<(IWalletGrain Wallet, IPayoutMethodsGrain Methods)> FundedPlayer(Money amount)
    {
        var id = Interlocked.Increment(ref nextPlayer);
        var wallet = fixture.Client.GetGrain<IWalletGrain>(id);
        await wallet.CreditDeposit($"fund-{Guid.NewGuid():N}", amount, "test");
        return (wallet, fixture.Client.GetGrain<IPayoutMethodsGrain>(id));
    }

    [Fact]
    public async Task A_new_method_receives_a_withdrawal_only_after_the_cooling_off_and_the_refusal_says_when_moving_no_money()
    {
        var (wallet, methods) = await FundedPlayer(Money.FromMajor(100));
        var addedAt = fixture.Clock.GetUtcNow();
        var method = await methods.Add(Upi);

        var early = await Assert.ThrowsAsync<GameServerException>(() => wallet.RequestWithdrawal(NewWithdrawalId(), Money.FromMajor(40), method.MethodId));

        Assert.InRange(method.UsableFrom - addedAt, CoolingOffClusterFixture.CoolingOff, CoolingOffClusterFixture.CoolingOff + TimeSpan.FromSeconds(1));
        Assert.Equal(ErrorKind.Conflict, early.Kind);
        Assert.Equal(method.UsableFrom.UtcDateTime.ToString("O", System.Globalization.CultureInfo.InvariantCulture), early.Extensions![PayoutMethodRules.UsableFromMember]);
        Assert.Contains("UTC", early.Message, StringComparison.Ordinal);
        Assert.Equal((Money.FromMajor(100), Money.Zero, 1L), Tuple(await wallet.GetBalance()));

        MoveClockTo(method.UsableFrom);
        var receipt = await wallet.RequestWithdrawal(NewWithdrawalId(), Money.FromMajor(40), method.MethodId);

        Assert.Equal((Money.FromMajor(60), Money.FromMajor(40), 2L), Tuple(await wallet.GetBalance()));
        Assert.Equal((method.MethodId, Upi), (receipt.Request.PayoutMethodId, receipt.Request.Destination));
    }

    [Fact]
    public async Task The_withdrawal_record_keeps_the_full_destination_it_was_requested_to_after_the_method_is_changed_and_the_change_restarts_the_cooling_off()
    {
        var (wallet, methods) = await FundedPlayer(Money.FromMajor(100));
        var method = await methods.Add(Bank);
        MoveClockTo(method.UsableFrom);
        var toBank = NewWithdrawalId();
        await wallet.RequestWithdrawal(toBank, Money.FromMajor(10), method.MethodId);

        var changedAt = fixture.Clock.GetUtcNow();
        var changed = await methods.Change(method.MethodId, Usdt);
        var refused = await Assert.ThrowsAsync<GameServerException>(() => wallet.RequestWithdrawal(NewWithdrawalId(), Money.FromMajor(10), method.MethodId));
        MoveClockTo(changed.UsableFrom);
        var toUsdt = NewWithdrawalId();
        await wallet.RequestWithdrawal(toUsdt, Money.FromMajor(20), method.MethodId);

        Assert.Equal((method.MethodId, method.AddedAt, Usdt), (changed.MethodId, changed.AddedAt, changed.Destination));
        Assert.True(changed.UsableFrom >= changedAt + CoolingOffClusterFixture.CoolingOff);
        Assert.Equal(ErrorKind.Conflict, refused.Kind);
        var listed = (await fixture.Client.GetGrain<IWithdrawalDeskGrain>(0).List(new WithdrawalQuery(null, wallet.GetPrimaryKeyLong(), 1, 10))).Items;
        Assert.Equal([(toUsdt, method.MethodId, Usdt), (toBank, method.MethodId, Bank)], listed.Select(w => (w.WithdrawalId, w.PayoutMethodId!, w.Destination!)));
        Assert.Equal("123456789012", listed[1].Destination!.AccountNumber);
    }

    [Fact]
    public async Task Adding_the_same_destination_again_returns_the_method_saved_first_without_restarting_its_cooling_off()
    {
        var (_, methods) = await FundedPlayer(Money.FromMajor(1));
        var first = await methods.Add(Upi);
        fixture.Clock.Advance(TimeSpan.FromHours(1));

        var again = await methods.Add(PayoutDestination.Create(PayoutKind.Upi, vpa: " Asha.Rao@OKAXIS "));
        var unchanged = await methods.Change(first.MethodId, Upi);

        Assert.Equal(first, again);
        Assert.Equal(first, unchanged);
        Assert.Equal([first], await methods.List());
    }

    [Fact]
    public async Task A_player_keeps_at_most_five_methods_and_a_change_to_the_destination_of_another_is_a_conflict()
    {
        var (_, methods) = await FundedPlayer(Money.FromMajor(1));
        var saved = new List<PayoutMethod>();
        for (var i = 0; i < PayoutMethodRules.MaxSaved; i++)
        {
            saved.Add(await methods.Add(PayoutDestination.Create(PayoutKind.Upi, vpa: $"asha{i}@okaxis")));
        }

        var sixth = await Assert.ThrowsAsync<GameServerException>(() => methods.Add(Bank));
        var clash = await Assert.ThrowsAsync<GameServerException>(() => methods.Change(saved[0].MethodId, saved[1].Destination));
        await methods.Remove(saved[4].MethodId);
        var afterRemoval = await methods.Add(Bank);

        Assert.Equal(ErrorKind.Conflict, sixth.Kind);
        Assert.Contains($"At most {PayoutMethodRules.MaxSaved}", sixth.Message, StringComparison.Ordinal);
        Assert.Equal(ErrorKind.Conflict, clash.Kind);
        Assert.Equal(PayoutMethodRules.MaxSaved, saved.Select(method => method.MethodId).Distinct().Count());
        Assert.Equal([.. saved.Take(4).Select(method => method.MethodId), afterRemoval.MethodId], (await methods.List()).Select(method => method.MethodId));
    }

    [Fact]
    public async Task A_withdrawal_to_an_unknown_or_removed_method_is_not_found_and_moves_no_money()
    {
        var (wallet, methods) = await FundedPlayer(Money.FromMajor(100));
        var (_, otherMethods) = await FundedPlayer(Money.FromMajor(1));
        var others = await otherMethods.Add(Upi);
        var method = await methods.Add(Upi);
        await methods.Remove(method.MethodId);
        MoveClockTo(method.UsableFrom);

        foreach (var methodId in new[] { method.MethodId, others.MethodId, "pm_0000000000000000", "" })
        {
            var refused = await Assert.ThrowsAsync<GameServerException>(() => wallet.RequestWithdrawal(NewWithdrawalId(), Money.FromMajor(10), methodId));
            Assert.Equal(ErrorKind.NotFound, refused.Kind);
        }

        Assert.Equal(ErrorKind.NotFound, (await Assert.ThrowsAsync<GameServerException>(() => methods.Remove(method.MethodId))).Kind);
        Assert.Equal(ErrorKind.NotFound, (await Assert.ThrowsAsync<GameServerException>(() => methods.Change(others.MethodId, Bank))).Kind);
        Assert.Equal((Money.FromMajor(100), Money.Zero, 1L), Tuple(await wallet.GetBalance()));
        Assert.Equal([others], await otherMethods.List());
    }

    [Fact]
    public async Task A_retried_withdrawal_gets_its_first_receipt_after_its_method_was_removed_and_the_same_id_to_another_method_is_a_conflict()
    {
        var (wallet, methods) = await FundedPlayer(Money.FromMajor(100));
        var method = await methods.Add(Upi);
        var other = await methods.Add(Bank);
        MoveClockTo(other.UsableFrom);
        var withdrawalId = NewWithdrawalId();
        var first = await wallet.RequestWithdrawal(withdrawalId, Money.FromMajor(30), method.MethodId);
        await methods.Remove(method.MethodId);
        await fixture.Cluster.DeactivateAsync(wallet);

        var repeat = await wallet.RequestWithdrawal(withdrawalId, Money.FromMajor(30), method.MethodId);
        var elsewhere = await Assert.ThrowsAsync<GameServerException>(() => wallet.RequestWithdrawal(withdrawalId, Money.FromMajor(30), other.MethodId));

        Assert.Equal(first, repeat);
        Assert.Equal(ErrorKind.Conflict, elsewhere.Kind);
        Assert.Equal((Money.FromMajor(70), Money.FromMajor(30), 2L), Tuple(await wallet.GetBalance()));
    }

    [Fact]
    public async Task The_grain_checks_a_destination_again_and_keeps_its_methods_across_activations()
    {
        var (_, methods) = await FundedPlayer(Money.FromMajor(1));

        var invalid = await Assert.ThrowsAsync<GameServerException>(() => methods.Add(new PayoutDestination(PayoutKind.Upi, Vpa: "not a upi id")));
        var mixed = await Assert.ThrowsAsync<GameServerException>(() => methods.Add(Upi with { AccountNumber = "123456789012" }));
        var saved = await methods.Add(Usdt);
        await fixture.Cluster.DeactivateAsync(methods);

        Assert.Equal(ErrorKind.Invalid, invalid.Kind);
        Assert.Equal(ErrorKind.Invalid, mixed.Kind);
        Assert.Equal([saved], await methods.List());
        Assert.Equal(saved, await methods.Get(saved.MethodId));
        Assert.Matches("^pm_[0-9a-f]{16}$", saved.MethodId);
    }

    [Fact]
    public async Task State_written_before_sealing_is_read_resealed_on_activation_and_still_finds_duplicates()
    {
        var (_, methods) = await FundedPlayer(Money.FromMajor(1));
        var at = fixture.Clock.GetUtcNow();
        var bank = new PayoutMethod("pm_00000000000000b1", Bank, at, at, at);
        var upi = new PayoutMethod("pm_00000000000000a1", Upi, at, at, at);
        await WriteStoredState(methods, new PayoutMethodsState { Methods = [bank, upi] });

        var listed = await methods.List();
        var stored = await ReadStoredState(methods);
        var again = await methods.Add(Bank);
        var conflict = await Assert.ThrowsAsync<GameServerException>(() => methods.Change(upi.MethodId, Bank));

        Assert.Equal([bank, upi], listed);
        Assert.Empty(stored.Methods);
        Assert.Equal([bank.MethodId, upi.MethodId], stored.Sealed.Select(method => method.MethodId));
        var raw = string.Join("|", stored.Sealed.Select(method => System.Text.Encoding.Latin1.GetString(method.SealedDestination)));
        foreach (var field in new[] { "123456789012", "Asha Rao", "HDFC0001234", "asha.rao" })
        {
            Assert.DoesNotContain(field, raw, StringComparison.Ordinal);
        }

        Assert.Equal(bank, again);
        Assert.Equal(ErrorKind.Conflict, conflict.Kind);
        await fixture.Cluster.DeactivateAsync(methods);
        Assert.Equal([bank, upi], await methods.List());
    }

    [Fact]
    public async Task A_method_that_does_not_open_is_kept_refused_as_unavailable_and_can_still_be_removed_by_its_player()
    {
        var (wallet, methods) = await FundedPlayer(Money.FromMajor(100));
        var good = await methods.Add(Upi);
        var stored = await ReadStoredState(methods);
        var tampered = (byte[])stored.Sealed[0].SealedDestination.Clone();
        tampered[^1] ^= 1;
        var moved = stored.Sealed[0] with { MethodId = "pm_00000000000000c1" };
        await fixture.Cluster.DeactivateAsync(methods);
        await WriteStoredState(methods, new PayoutMethodsState { Sealed = [stored.Sealed[0] with { SealedDestination = tampered }, moved] });
        MoveClockTo(good.UsableFrom);

        var list = await Assert.ThrowsAsync<GameServerException>(() => methods.List());
        var get = await Assert.ThrowsAsync<GameServerException>(() => methods.Get(good.MethodId));
        var add = await Assert.ThrowsAsync<GameServerException>(() => methods.Add(Bank));
        var withdraw = await Assert.ThrowsAsync<GameServerException>(() => wallet.RequestWithdrawal(NewWithdrawalId(), Money.FromMajor(10), good.MethodId));
        var kept = await ReadStoredState(methods);
        await methods.Remove(good.MethodId);
        await methods.Remove(moved.MethodId);

        Assert.All([list, get, add, withdraw], refused => Assert.Equal((ErrorKind.OutOfService, PayoutSealer.ProblemReason), (refused.Kind, refused.Extensions!["reason"])));
        Assert.Equal((Money.FromMajor(100), Money.Zero, 1L), Tuple(await wallet.GetBalance()));
        Assert.Equal(2, kept.Sealed.Count);
        Assert.Empty(await methods.List());
    }

    private IGrainStorage Storage => fixture.Cluster.Silos[0].ServiceProvider.GetRequiredKeyedService<IGrainStorage>(ProviderConstants.DEFAULT_STORAGE_PROVIDER_NAME);

    /// <summary>Writes the grain's stored state as another version of the code would have, over whatever is there.</summary>
    private async Task WriteStoredState(IPayoutMethodsGrain methods, PayoutMethodsState written)
    {
        var current = new GrainState<PayoutMethodsState>(new PayoutMethodsState());
        await Storage.ReadStateAsync("payout-methods", methods.GetGrainId(), current);
        await Storage.WriteStateAsync("payout-methods", methods.GetGrainId(), new GrainState<PayoutMethodsState>(written) { ETag = current.ETag });
    }

    private async Task<PayoutMethodsState> ReadStoredState(IPayoutMethodsGrain methods)
    {
        var read = new GrainState<PayoutMethodsState>(new PayoutMethodsState());
        await Storage.ReadStateAsync("payout-methods", methods.GetGrainId(), read);
        return read.State!;
    }

    /// <summary>The clock to <paramref name="at"/>, unless it is past it already (it moves on by itself as it is read, and the class's tests share it).</summary>
    private void MoveClockTo(DateTimeOffset at)
    {
        if (at > fixture.Clock.GetUtcNow())
        {
            fixture.Clock.SetUtcNow(at);
        }
    }

    private static (Money Available, Money Held, long Seq) Tuple(Balance balance) => (balance.Available, balance.Held, balance.LastSeq);
}
