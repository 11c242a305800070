namespace GameServer.Grains.Journal;

/// <summary>The whole ledger, read in order for the conservation check (SPEC §1).</summary>
public interface ILedgerAudit
{
    /// <summary>Feeds every entry, ordered by account and seq, to the auditor.</summary>
    Task AuditAsync(LedgerAuditor auditor, CancellationToken cancellationToken = default);
}
