namespace Kiosk.HostBridge.Printing.Ipp;

/// <summary>A named IPP attribute with one or more values (a 1setOf keeps them in order).</summary>
/// <remarks>Collections are kept flat: their begCollection/memberAttrName/endCollection values follow in order,
/// because the client only needs to step over them, never to read them.</remarks>
public sealed class IppAttribute
{
    /// <summary>An attribute with the given values.</summary>
    public IppAttribute(string name, params IppValue[] values)
    {
        Name = name;
        Values = new List<IppValue>(values);
    }

    /// <summary>The attribute's name.</summary>
    public string Name { get; }

    /// <summary>Its values, in wire order.</summary>
    public List<IppValue> Values { get; }
}

/// <summary>An attribute group (operation, job, printer, unsupported ...) in wire order.</summary>
public sealed class IppAttributeGroup
{
    /// <summary>An empty group of the given delimiter tag.</summary>
    public IppAttributeGroup(IppTag tag) => Tag = tag;

    /// <summary>The group's delimiter tag.</summary>
    public IppTag Tag { get; }

    /// <summary>Its attributes, in wire order.</summary>
    public List<IppAttribute> Attributes { get; } = new();

    /// <summary>Adds an attribute and returns the group, so requests read top to bottom.</summary>
    public IppAttributeGroup Add(string name, params IppValue[] values)
    {
        Attributes.Add(new IppAttribute(name, values));
        return this;
    }

    /// <summary>The first attribute of that name, or null.</summary>
    public IppAttribute? Find(string name)
    {
        foreach (var a in Attributes)
        {
            if (a.Name == name)
            {
                return a;
            }
        }
        return null;
    }
}
