namespace GameServer.Wallet;

/// <summary>Runs the audit where the journal is. Stateless.</summary>
public interface ILedgerAuditGrain : IGrainWithIntegerKey
{
    Task<AuditReport> Audit();
}
