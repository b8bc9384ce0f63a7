namespace WearableFirmware.SimulatedBoard.Signals;

/// <summary>Which data set a recording comes from (they carry different references).</summary>
public enum PpgDataSet
{
    /// <summary>Welltory: phone-camera PPG with Polar H10 chest-strap RR intervals.</summary>
    Welltory,

    /// <summary>ubicomplab oximetry-phone-cam: induced desaturation with clinical oximeters' SpO2 and pulse rate.</summary>
    Oximetry,

    /// <summary>
    /// OxiWear: red, IR and ambient from a Maxim MAXM86161 on a finger during induced hypoxia, one test point of a
    /// few seconds per file with the reference SpO2 and heart rate in its name (<see cref="OxiWearFile"/>).
    /// </summary>
    OxiWear,
}
