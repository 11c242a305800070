using GameServer.Players;
using Microsoft.Extensions.Options;

namespace GameServer.ApiFrontend.Hosting;

/// <summary>Reads phone numbers the way the cluster stores them: E.164, in the configured default region (SPEC §4).</summary>
public sealed class PlayerPhoneNumbers(IOptions<PhoneNumberOptions> options)
{
    /// <summary>The E.164 form of <paramref name="text"/>, or the problem to answer with 400.</summary>
    public bool TryCanonicalize(string? text, out string e164, out string? problem) =>
        PhoneNumberRules.TryCanonicalize(text, options.Value.DefaultRegion, out e164, out problem);
}
