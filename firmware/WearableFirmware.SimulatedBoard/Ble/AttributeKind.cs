namespace WearableFirmware.SimulatedBoard.Ble;

/// <summary>What an attribute of the simulated server's table is.</summary>
public enum AttributeKind
{
    PrimaryService,
    CharacteristicDeclaration,
    Value,
    Cccd,
    UserDescription,
}
