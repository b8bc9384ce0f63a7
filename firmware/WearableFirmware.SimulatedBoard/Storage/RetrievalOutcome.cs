namespace WearableFirmware.SimulatedBoard.Storage;

/// <summary>How a retrieval ended.</summary>
public enum RetrievalOutcome
{
    /// <summary>The RACP response arrived (its value is the collector's last response).</summary>
    Completed,

    /// <summary>The write was refused with an ATT error (see <see cref="RacpCollector.LastAttStatus"/>).</summary>
    Refused,

    /// <summary>The link dropped before the procedure finished.</summary>
    Disconnected,
}
