using System.Text.Json;
using System.Text.Json.Serialization;

namespace GameServer.ApiFrontend.Hosting;

/// <summary>
/// Reads JSON strings that are well-formed Unicode. An escaped unpaired surrogate (<c>"\ud800"</c>)
/// is valid UTF-8 on the wire but not a Unicode string (RFC 8259 §8.2): such a string could be
/// stored but never written back as JSON, so it is refused at binding (400) like invalid UTF-8.
/// </summary>
public sealed class WellFormedStringConverter : JsonConverter<string>
{
    public override bool HandleNull => false;

    public override string? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var text = reader.GetString();
        return text is null || ClientText.IsWellFormed(text)
            ? text
            : throw new JsonException("A string holds an unpaired surrogate: it is not well-formed Unicode.");
    }

    public override void Write(Utf8JsonWriter writer, string value, JsonSerializerOptions options) => writer.WriteStringValue(value);
}
