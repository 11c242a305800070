using System.Collections.Concurrent;
using Orleans.Serialization;
using Orleans.Storage;

namespace GameServer.Testing;

/// <summary>
/// Grain state shared by every silo of a cluster hosted in one process, as Production's database is shared:
/// a silo that stops takes no account, session or wallet setting with it. (Orleans' memory storage keeps state in
/// grains spread over the silos, so stopping one loses part of it; a test that stops silos would then see
/// players and staff vanish, which no Production cluster does.) Each silo gets its own copy of what it reads.
/// </summary>
public sealed class SharedGrainStorage(ConcurrentDictionary<string, object> store, DeepCopier copier) : IGrainStorage
{
    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        if (store.TryGetValue(Key(stateName, grainId), out var stored))
        {
            grainState.State = copier.Copy((T)stored);
            grainState.RecordExists = true;
            grainState.ETag = "shared";
        }

        return Task.CompletedTask;
    }

    public Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        store[Key(stateName, grainId)] = copier.Copy(grainState.State)!;
        grainState.RecordExists = true;
        grainState.ETag = "shared";
        return Task.CompletedTask;
    }

    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        store.TryRemove(Key(stateName, grainId), out _);
        grainState.RecordExists = false;
        grainState.ETag = null;
        grainState.State = Activator.CreateInstance<T>();
        return Task.CompletedTask;
    }

    private static string Key(string stateName, GrainId grainId) => $"{stateName}/{grainId}";
}
