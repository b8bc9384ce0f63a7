namespace WearableFirmware.SimulatedBoard.Ble;

internal enum ResponderStage
{
    PublicKey,
    Confirm,
    Random,
    DhKeyCheck,
    Encryption,
}
