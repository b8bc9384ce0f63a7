namespace WearableFirmware.SimulatedBoard.Storage;

/// <summary>What a soak run did and whether every guarantee held.</summary>
public sealed class StoreSoakResult
{
    /// <summary>Every 30 simulated minutes: spot-checks waiting for the phone, drops so far, whether the phone was connected in that half hour.</summary>
    public IReadOnlyList<StoreSoakSample> Timeline { get; init; } = [];

    /// <summary>When the power was cut (days).</summary>
    public IReadOnlyList<double> PowerCutDays { get; init; } = [];

    public double SimulatedDays { get; init; }
    public int SpotChecksAcknowledged { get; init; }
    public int FallsAcknowledged { get; init; }
    public int DeviceEventsAcknowledged { get; init; }
    public int AppendsRefused { get; init; }
    public int SpotChecksReceived { get; init; }
    public int FallsReceived { get; init; }
    public int Reboots { get; init; }
    public int PowerCuts { get; init; }
    public int Retrievals { get; init; }
    public int LinkDrops { get; init; }
    public double LongestOfflineHours { get; init; }
    public int MaxUndelivered { get; init; }
    public int Capacity { get; init; }
    public int DroppedRecords { get; init; }
    public int DroppedDeviceEvents { get; init; }
    public int CorruptAtMountTotal { get; init; }
    public int WriteFailures { get; init; }
    public int Rotations { get; init; }
    public int MaxWritesPerAppend { get; init; }
    public int MaxErasesPerAppend { get; init; }
    public int MaxEraseCount { get; init; }
    public int BitFlips { get; init; }

    /// <summary>Records delivered twice or out of order (must be 0).</summary>
    public int Duplicates { get; init; }

    /// <summary>Delivered records that match nothing the store acknowledged or was writing (must be 0).</summary>
    public int CorruptDelivered { get; init; }

    /// <summary>Acknowledged spot-check and fall records the phone never got.</summary>
    public int Missing { get; init; }

    /// <summary>
    /// True when nothing was duplicated or corrupt and every missing record is covered by the drop count (plus, when
    /// bits were flipped, one record per flip: a damaged record is skipped, never delivered).
    /// </summary>
    public bool Passed => Duplicates == 0 && CorruptDelivered == 0 && Missing <= DroppedRecords + BitFlips;

    public IEnumerable<string> Lines()
    {
        yield return $"simulated days            {SimulatedDays:F1}";
        yield return $"spot-checks stored        {SpotChecksAcknowledged} (received by the phone: {SpotChecksReceived})";
        yield return $"fall events stored        {FallsAcknowledged} (received: {FallsReceived})";
        yield return $"device events stored      {DeviceEventsAcknowledged}";
        yield return $"appends refused           {AppendsRefused}";
        yield return $"power cuts / reboots      {PowerCuts} / {Reboots}";
        yield return $"RACP retrievals           {Retrievals} (link drops mid-transfer: {LinkDrops})";
        yield return $"longest phone absence     {LongestOfflineHours:F1} h";
        yield return $"most undelivered at once  {MaxUndelivered} (capacity {Capacity})";
        yield return $"dropped (counted)         {DroppedRecords} records, {DroppedDeviceEvents} device events";
        yield return $"corrupt slots at mount    {CorruptAtMountTotal} (torn or failed writes skipped, summed over {Reboots} mounts)";
        yield return $"slot write failures       {WriteFailures}";
        yield return $"segment rotations         {Rotations}, most erases of one segment {MaxEraseCount}";
        yield return $"flash work per append     at most {MaxWritesPerAppend} writes and {MaxErasesPerAppend} erase";
        yield return $"missing / duplicates / corrupt delivered   {Missing} / {Duplicates} / {CorruptDelivered}";
        if (BitFlips > 0)
        {
            yield return $"bits flipped              {BitFlips}";
        }

        yield return Passed ? "result: PASS (every missing record counted as dropped)" : "result: FAIL";
    }
}
