using GameServer.Grains.Journal;
using GameServer.Testing;

namespace GameServer.Integration.Tests;

public sealed class MySqlJournalStoreTests : JournalStoreContract
{
    protected override IJournalStore Store { get; } = new MySqlJournalStore(MariaDb.DataSource());
}
