using GameServer.Grains.Journal;
using GameServer.Testing;

namespace GameServer.Grains.Tests;

public sealed class InMemoryJournalStoreTests : JournalStoreContract
{
    protected override IJournalStore Store { get; } = new InMemoryJournalStore();
}
