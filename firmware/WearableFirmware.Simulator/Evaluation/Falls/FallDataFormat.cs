namespace WearableFirmware.Simulator.Evaluation.Falls;

/// <summary>The recorded fall data set layouts the evaluation commands read, told apart from the folder when not given.</summary>
public enum FallDataFormat
{
    SisFall,
    Weda,
}
