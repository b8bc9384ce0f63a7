using WearableFirmware.Ble;

namespace WearableFirmware.SimulatedBoard.Ble;

/// <summary>
/// Lays the profile's services out as an ATT attribute table (Core Vol 3 Part G 3): a Generic Access service
/// (Device Name, Appearance) first, then for each service its declaration, and per characteristic its
/// declaration, value, CCCD (when it notifies or indicates) and user description. Handles start at 1.
/// </summary>
public sealed class AttributeDatabase
{
    private readonly List<Attribute> _attributes = [];
    private readonly Dictionary<GattCharacteristic, Attribute> _valueOf = [];
    private readonly Dictionary<GattCharacteristic, Attribute> _cccdOf = [];

    public AttributeDatabase(string deviceName, ushort appearance, IReadOnlyList<GattService> services)
    {
        var gap = AddService(BleUuid.FromShortCode(GattUuids.GenericAccessService));
        AddFixedCharacteristic(BleUuid.FromShortCode(GattUuids.DeviceName), System.Text.Encoding.UTF8.GetBytes(deviceName));
        AddFixedCharacteristic(BleUuid.FromShortCode(GattUuids.Appearance), [(byte)appearance, (byte)(appearance >> 8)]);
        gap.GroupEnd = LastHandle;

        foreach (GattService service in services)
        {
            var declaration = AddService(service.Uuid);
            foreach (GattCharacteristic c in service.Characteristics)
            {
                AddCharacteristic(c);
            }

            declaration.GroupEnd = LastHandle;
        }
    }

    public IReadOnlyList<Attribute> Attributes => _attributes;

    public ushort LastHandle => (ushort)_attributes.Count;

    public Attribute? this[int handle] => handle >= 1 && handle <= _attributes.Count ? _attributes[handle - 1] : null;

    public ushort ValueHandle(GattCharacteristic c) => _valueOf[c].Handle;

    public ushort CccdHandle(GattCharacteristic c) => _cccdOf.TryGetValue(c, out var a) ? a.Handle : (ushort)0;

    private Attribute AddService(BleUuid uuid)
    {
        var value = new byte[uuid.Length];
        uuid.WriteTo(value, 0);
        return Add(BleUuid.FromShortCode(GattUuids.PrimaryService), AttributeKind.PrimaryService, value, null);
    }

    private void AddFixedCharacteristic(BleUuid uuid, byte[] value)
    {
        Add(BleUuid.FromShortCode(GattUuids.CharacteristicDeclaration), AttributeKind.CharacteristicDeclaration,
            Declaration(GattProperties.Read, (ushort)(LastHandle + 2), uuid), null);
        Add(uuid, AttributeKind.Value, value, null);
    }

    private void AddCharacteristic(GattCharacteristic c)
    {
        Add(BleUuid.FromShortCode(GattUuids.CharacteristicDeclaration), AttributeKind.CharacteristicDeclaration,
            Declaration(c.Properties, (ushort)(LastHandle + 2), c.Uuid), c);
        _valueOf[c] = Add(c.Uuid, AttributeKind.Value, null, c);
        if (c.HasCccd)
        {
            _cccdOf[c] = Add(BleUuid.FromShortCode(GattUuids.ClientCharacteristicConfiguration), AttributeKind.Cccd, null, c);
        }

        if (c.UserDescription != null)
        {
            Add(BleUuid.FromShortCode(GattUuids.CharacteristicUserDescription), AttributeKind.UserDescription,
                System.Text.Encoding.UTF8.GetBytes(c.UserDescription), c);
        }
    }

    private static byte[] Declaration(byte properties, ushort valueHandle, BleUuid uuid)
    {
        var value = new byte[3 + uuid.Length];
        value[0] = properties;
        value[1] = (byte)valueHandle;
        value[2] = (byte)(valueHandle >> 8);
        uuid.WriteTo(value, 3);
        return value;
    }

    private Attribute Add(BleUuid type, AttributeKind kind, byte[]? value, GattCharacteristic? c)
    {
        var attribute = new Attribute { Handle = (ushort)(_attributes.Count + 1), Type = type, Kind = kind, StaticValue = value, Characteristic = c };
        _attributes.Add(attribute);
        return attribute;
    }
}
