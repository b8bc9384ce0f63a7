namespace WearableFirmware.Drivers.Max3010x
{
    /// <summary>Outcome of the red/IR plausibility check (IR returns more light per mA than red on skin).</summary>
    public enum ChannelOrder
    {
        /// <summary>Not enough on-skin samples yet.</summary>
        Unknown = 0,

        /// <summary>Red first, then IR, as the datasheet specifies for SpO2 mode.</summary>
        Datasheet,

        /// <summary>IR first, then red (seen on clone modules).</summary>
        Swapped,
    }
}
