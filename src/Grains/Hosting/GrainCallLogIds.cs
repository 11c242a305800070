using System.Collections.Concurrent;
using System.Reflection;
using GameServer.Games;
using GameServer.Players;
using GameServer.Referral;
using GameServer.Wallet;
using Microsoft.Extensions.Logging;

namespace GameServer.Grains.Hosting;

/// <summary>
/// Opens a logging scope of <see cref="LogIds"/> around every grain call that names a player, a bet, a
/// period or a money operation, so that each line written while the call runs (ours, Orleans', the
/// journal's) carries those ids. What a call names is read from its grain and its parameters, once
/// per method (<see cref="PlanOf"/>):
/// <list type="bullet">
/// <item>the key of a grain keyed by the player's user id (<see cref="UserKeyedGrains"/>) is the <c>UserId</c>;
/// a deposit order's key is its <c>OperationId</c>; a game's period grain's key is the <c>Game</c>, named only
/// on calls about a period or bet (not on the polls of the open period);</item>
/// <item>a <see cref="BetRequest"/> or <see cref="BetRecord"/> gives the <c>BetId</c>, <c>Game</c> and
/// <c>PeriodId</c> (a request names its period only when the client did); a list of bet records and a
/// <see cref="PeriodSettlement"/> give the <c>Game</c> and <c>PeriodId</c>;</item>
/// <item>a string parameter named <c>periodId</c> is the <c>PeriodId</c>, <c>betId</c> the <c>BetId</c>, and
/// <c>operationId</c>, <c>orderId</c> or <c>withdrawalId</c> the <c>OperationId</c>; a <c>long userId</c> is the <c>UserId</c>.</item>
/// </list>
/// Calls that name nothing run without a scope.
/// </summary>
internal sealed class GrainCallLogIds(ILoggerFactory loggers) : IIncomingGrainCallFilter
{
    /// <summary>Grains whose integer key is the user id of the player they belong to.</summary>
    internal static readonly IReadOnlySet<Type> UserKeyedGrains = new HashSet<Type>
    {
        typeof(IWalletGrain), typeof(IUserGrain), typeof(IPayoutMethodsGrain), typeof(IPlayerSessionsGrain),
        typeof(IReferralTreeGrain), typeof(IAttendanceGrain),
    };

    private static readonly ConcurrentDictionary<MethodInfo, CallPlan> Plans = new();

    private readonly ILogger logger = loggers.CreateLogger<GrainCallLogIds>();

    public Task Invoke(IIncomingGrainCallContext context)
    {
        if (context.InterfaceMethod is not { } method || Plans.GetOrAdd(method, PlanOf) is not { IsEmpty: false } plan)
        {
            return context.Invoke();
        }

        var ids = plan.IdsOf(context);
        return ids.IsEmpty ? context.Invoke() : InvokeInScope(context, ids);
    }

    private async Task InvokeInScope(IIncomingGrainCallContext context, LogIds ids)
    {
        using (logger.BeginScope(ids))
        {
            await context.Invoke();
        }
    }

    /// <summary>What calls of <paramref name="method"/> name, by the rules above.</summary>
    internal static CallPlan PlanOf(MethodInfo method)
    {
        var parameters = method.GetParameters()
            .Select(parameter => (parameter.Position, Source: SourceOf(parameter)))
            .Where(parameter => parameter.Source != IdSource.None)
            .ToArray();
        var grain = method.DeclaringType;
        var key = grain is null ? KeyId.None
            : UserKeyedGrains.Contains(grain) ? KeyId.UserId
            : grain == typeof(IDepositOrderGrain) ? KeyId.OperationId
            : grain == typeof(IGamePeriodGrain) && parameters.Length > 0 ? KeyId.Game
            : KeyId.None;
        return new CallPlan(key, parameters);
    }

    private static IdSource SourceOf(ParameterInfo parameter)
    {
        var type = parameter.ParameterType;
        if (type == typeof(BetRequest) || type == typeof(BetRecord))
        {
            return IdSource.Bet;
        }

        if (type == typeof(PeriodSettlement) || typeof(IEnumerable<BetRecord>).IsAssignableFrom(type))
        {
            return IdSource.Period;
        }

        return (type, parameter.Name) switch
        {
            (_, "periodId") when type == typeof(string) => IdSource.PeriodId,
            (_, "betId") when type == typeof(string) => IdSource.BetId,
            (_, "operationId" or "orderId" or "withdrawalId") when type == typeof(string) => IdSource.OperationId,
            (_, "userId") when type == typeof(long) => IdSource.UserId,
            _ => IdSource.None,
        };
    }

    internal enum KeyId
    {
        None,
        UserId,
        OperationId,
        Game,
    }

    internal enum IdSource
    {
        None,

        /// <summary>A bet request or record: bet id, game and period.</summary>
        Bet,

        /// <summary>A settlement or the bets of one period: game and period.</summary>
        Period,
        PeriodId,
        BetId,
        OperationId,
        UserId,
    }

    /// <summary>Where the ids of a method's calls come from: the grain's key and which of its parameters.</summary>
    internal sealed record CallPlan(KeyId Key, (int Position, IdSource Source)[] Parameters)
    {
        public bool IsEmpty => Key == KeyId.None && Parameters.Length == 0;

        public LogIds IdsOf(IIncomingGrainCallContext context)
        {
            var ids = new LogIds();
            switch (Key)
            {
                case KeyId.UserId when context.TargetId.TryGetIntegerKey(out var userId, out _):
                    ids.UserId = userId;
                    break;
                case KeyId.OperationId:
                    ids.OperationId = context.TargetId.Key.ToString();
                    break;
                case KeyId.Game:
                    ids.Game = context.TargetId.Key.ToString();
                    break;
            }

            foreach (var (position, source) in Parameters)
            {
                Add(ids, source, context.Request.GetArgument(position));
            }

            return ids;
        }

        private static void Add(LogIds ids, IdSource source, object? argument)
        {
            switch (source, argument)
            {
                case (IdSource.Bet, BetRequest request):
                    (ids.BetId, ids.Game, ids.PeriodId) = (request.BetId, request.Game.ToString(), request.PeriodId ?? ids.PeriodId);
                    break;
                case (IdSource.Bet, BetRecord bet):
                    (ids.BetId, ids.Game, ids.PeriodId) = (bet.BetId, bet.Game.ToString(), bet.PeriodId);
                    break;
                case (IdSource.Period, PeriodSettlement settlement):
                    (ids.Game, ids.PeriodId) = (settlement.Game.ToString(), settlement.PeriodId);
                    break;
                case (IdSource.Period, IEnumerable<BetRecord> bets) when bets.FirstOrDefault() is { } first:
                    // The bets a period grain refunds in one call are all of that period.
                    (ids.Game, ids.PeriodId) = (first.Game.ToString(), first.PeriodId);
                    break;
                case (IdSource.PeriodId, string periodId):
                    ids.PeriodId = periodId;
                    break;
                case (IdSource.BetId, string betId):
                    ids.BetId = betId;
                    break;
                case (IdSource.OperationId, string operationId):
                    ids.OperationId = operationId;
                    break;
                case (IdSource.UserId, long userId):
                    ids.UserId = userId;
                    break;
            }
        }
    }
}
