using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using GameServer.Wallet;

namespace GameServer.ApiFrontend.Hosting;

/// <summary>Money on the wire is a JSON number with two decimals (<c>12.50</c>), written from the integer minor units.</summary>
public sealed class MoneyJsonConverter : JsonConverter<Money>
{
    public override Money Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var text = reader.TokenType switch
        {
            JsonTokenType.Number => Encoding.UTF8.GetString(reader.HasValueSequence ? System.Buffers.BuffersExtensions.ToArray(reader.ValueSequence) : reader.ValueSpan),
            JsonTokenType.String => reader.GetString(),
            _ => null,
        };
        return text is not null && Money.TryParse(text, out var money)
            ? money
            : throw new JsonException("An amount must be a positive number with at most two decimals.");
    }

    public override void Write(Utf8JsonWriter writer, Money value, JsonSerializerOptions options) =>
        writer.WriteRawValue(value.ToString(), skipInputValidation: true);
}
