using System.Net;

namespace GameServer.ApiFrontend.Hosting;

/// <summary>
/// The address a client's limits are counted under: its IPv4 address, or the /64 network of its IPv6
/// address, since one IPv6 subscriber is usually given a whole /64 and could otherwise take a fresh
/// address per request (RFC 6177). Behind a trusted proxy this is the forwarded client address.
/// </summary>
public static class ClientAddresses
{
    private const int SubscriberPrefixBytes = 8;

    public static string PartitionOf(IPAddress? address)
    {
        if (address is null)
        {
            return "unknown";
        }

        if (address.IsIPv4MappedToIPv6)
        {
            return address.MapToIPv4().ToString();
        }

        if (address.AddressFamily != System.Net.Sockets.AddressFamily.InterNetworkV6 || IPAddress.IsLoopback(address))
        {
            return address.ToString();
        }

        var bytes = address.GetAddressBytes();
        Array.Clear(bytes, SubscriberPrefixBytes, bytes.Length - SubscriberPrefixBytes);
        return $"{new IPAddress(bytes)}/64";
    }
}
