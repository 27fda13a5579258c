namespace Kiosk.HostBridge.Printing.Ipp;

/// <summary>An IPP request or response: version, operation or status code, request id and attribute groups.</summary>
public sealed class IppMessage
{
    /// <summary>A message with no groups yet.</summary>
    public IppMessage(short code, int requestId, byte versionMajor = 1, byte versionMinor = 1)
    {
        Code = code;
        RequestId = requestId;
        VersionMajor = versionMajor;
        VersionMinor = versionMinor;
    }

    /// <summary>IPP major version (1 for IPP/1.1).</summary>
    public byte VersionMajor { get; }

    /// <summary>IPP minor version.</summary>
    public byte VersionMinor { get; }

    /// <summary>Operation id in a request, status code in a response.</summary>
    public short Code { get; }

    /// <summary>The request id a response echoes.</summary>
    public int RequestId { get; }

    /// <summary>Attribute groups in wire order.</summary>
    public List<IppAttributeGroup> Groups { get; } = new();

    /// <summary>Adds a group and returns it for filling.</summary>
    public IppAttributeGroup AddGroup(IppTag tag)
    {
        var g = new IppAttributeGroup(tag);
        Groups.Add(g);
        return g;
    }

    /// <summary>The first attribute of that name in the first group of that tag, or null.</summary>
    public IppAttribute? Find(IppTag group, string name)
    {
        foreach (var g in Groups)
        {
            if (g.Tag == group)
            {
                var a = g.Find(name);
                if (a is not null)
                {
                    return a;
                }
            }
        }
        return null;
    }
}
