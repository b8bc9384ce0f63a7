namespace WearableFirmware.Application
{
    /// <summary>The battery's terminal voltage and charger state, read by the platform (ADC on the device).</summary>
    public interface IBatterySensor
    {
        /// <summary>Battery voltage in millivolts (after the divider).</summary>
        int ReadMillivolts();

        /// <summary>True while a charger supplies the cell.</summary>
        bool Charging { get; }
    }
}
