namespace WearableFirmware
{
    /// <summary>
    /// Who this firmware is: the values the Device Information service and the boot log report.
    /// One place, so the GATT profile, the simulator banner and the device build agree.
    /// </summary>
    public static class FirmwareIdentity
    {
        public const string Manufacturer = "WearableFirmware";
        public const string Model = "WF-1 Wrist Oximeter";
        public const string FirmwareRevision = "0.1.0";
        public const string SoftwareRevision = "0.1.0";
        public const string HardwareRevision = "A";
    }
}
