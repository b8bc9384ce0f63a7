namespace WearableFirmware.Drivers.Adxl345
{
    /// <summary>DATA_FORMAT range bits D1:D0.</summary>
    public enum GravityRange : byte
    {
        PlusMinus2G = 0,
        PlusMinus4G = 1,
        PlusMinus8G = 2,
        PlusMinus16G = 3,
    }
}
