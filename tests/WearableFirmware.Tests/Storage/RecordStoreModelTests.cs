using CsCheck;
using WearableFirmware.SimulatedBoard.Storage;
using WearableFirmware.Storage;
using Xunit;
using Xunit.Abstractions;

namespace WearableFirmware.Tests.Storage;

/// <summary>
/// The record store's promises as properties over generated sequences of appends, delivery marks, idle-time
/// preparation, reboots, power cuts at any byte of the next flash operations and writes that report failure after
/// programming any prefix (so some land whole). CsCheck shrinks a failure to the shortest sequence that breaks it.
/// </summary>
public class RecordStoreModelTests(ITestOutputHelper output)
{
    /// <summary>One step: <see cref="Kind"/> picks the operation, A and B are its arguments.</summary>
    public readonly record struct Step(int Kind, int A, int B)
    {
        public override string ToString() => Kind switch
        {
            < 50 => $"Append({(A % 10 == 0 ? "fall" : A % 10 == 1 ? "event" : "spot")}, {4 + B % 8} B)",
            < 64 => $"Deliver(#{A})",
            < 68 => "Prepare",
            < 74 => "Reboot",
            < 88 => $"CutAfter({A})",
            _ => $"FailWrites({1 + B % 4})",
        };
    }

    public sealed record Scenario(int Segments, int Slots, Step[] Steps)
    {
        public override string ToString() => $"{Segments} segments x {Slots} slots: {string.Join(", ", Steps)}";
    }

    private static readonly Gen<Scenario> Scenarios =
        from segments in Gen.Int[2, 5]
        from slots in Gen.Int[4, 12]
        from steps in Gen.Select(Gen.Int[0, 99], Gen.Int[0, 400], Gen.Int[0, 7], (k, a, b) => new Step(k, a, b)).Array[1, 160]
        select new Scenario(segments, slots, steps);

    [Fact]
    public void Every_acknowledged_record_is_kept_once_or_counted_and_nothing_refused_ever_appears()
    {
        int cuts = 0, dropped = 0, landedFailures = 0;
        SeededProperty.Check(Scenarios, s =>
        {
            var model = new StoreModel(s.Segments, s.Slots);
            model.Run(s.Steps);
            cuts += model.Cuts;
            dropped += model.Rig.Store.DroppedRecords;
            landedFailures += model.Rig.Flash.FailedWrites;
        }, cases: 400, print: s => s.ToString());
        output.WriteLine($"400 generated sequences: {cuts} power cuts, {landedFailures} failed writes, {dropped} records dropped (counted)");
        Assert.True(cuts > 400 && dropped > 0 && landedFailures > 100, "the sequences must reach power cuts, drops and failed writes");
    }

    [Fact]
    public void Power_cuts_in_a_row_during_rotations_never_lose_a_record_uncounted()
    {
        // Mostly appends and cuts at the first 40 bytes (the rotation record's and the erase's start), on a full ring.
        Gen<Scenario> rotations =
            from segments in Gen.Int[2, 4]
            from slots in Gen.Int[4, 8]
            from steps in Gen.Select(Gen.Int[0, 5], Gen.Int[0, 40], (k, a) => k < 3 ? new Step(0, 2, 3) : k < 5 ? new Step(80, a, 0) : new Step(60, a, 0)).Array[1, 120]
            select new Scenario(segments, slots, steps);
        SeededProperty.Check(rotations, s => new StoreModel(s.Segments, s.Slots).Run(s.Steps), cases: 400, print: s => s.ToString());
    }

    [Fact]
    public void The_model_catches_an_uncounted_loss()
    {
        // The checker itself: a drop hidden from the count must fail it.
        var model = new StoreModel(2, 4);
        model.Run([new Step(0, 2, 0), new Step(0, 2, 0), new Step(0, 2, 0), new Step(0, 2, 0), new Step(0, 2, 0)]);
        Assert.Equal(2, model.Rig.Store.DroppedRecords);
        model.UndercountForSelfTest = 1;
        Assert.ThrowsAny<Exception>(() => model.Verify("self-test"));
    }

    /// <summary>The store under test plus what it promised: acknowledged records, delivery marks, refused appends.</summary>
    private sealed class StoreModel(int segments, int slots)
    {
        private readonly Dictionary<int, (int Id, RecordType Type)> _acknowledged = [];
        private readonly HashSet<int> _delivered = [];
        private readonly HashSet<int> _uncertain = [];
        private readonly HashSet<int> _refused = [];
        private readonly List<(int Id, RecordType Type)> _interrupted = [];
        private int _id;
        private int _highest;

        public StoreRig Rig { get; } = new(segments, slots * RecordLayout.SlotSize, seed: segments * 31 + slots);

        public int Cuts { get; private set; }

        public int UndercountForSelfTest { get; set; }

        public void Run(Step[] steps)
        {
            for (int n = 0; n < steps.Length; n++)
            {
                try
                {
                    Apply(steps[n]);
                }
                catch (SimulatedPowerLossException)
                {
                    Cuts++;
                    Reboot();
                }

                Verify($"after step {n} ({steps[n]})");
            }

            // Faults stop: the store must take and return a new record.
            Rig.Flash.CancelPowerCut();
            Rig.Flash.FailNextWrites(0);
            Reboot();
            int id = ++_id;
            int sequence = Append(id, RecordType.SpotCheck, 6);
            Assert.True(sequence > 0, "the store refused a record after the faults ended");
            Verify("at the end");
        }

        private void Apply(Step step)
        {
            switch (step.Kind)
            {
                case < 50:
                    RecordType type = step.A % 10 == 0 ? RecordType.Fall : step.A % 10 == 1 ? RecordType.DeviceEvent : RecordType.SpotCheck;
                    Append(++_id, type, 4 + step.B % 8);
                    break;
                case < 64:
                    if (_acknowledged.Count > 0)
                    {
                        int sequence = _acknowledged.Keys.OrderBy(k => k).ElementAt(step.A % _acknowledged.Count);
                        if (Rig.Store.MarkDelivered(sequence))
                        {
                            _delivered.Add(sequence);
                        }
                        else
                        {
                            _uncertain.Add(sequence);
                        }
                    }

                    break;
                case < 68:
                    Rig.Store.PrepareNextSegment();
                    break;
                case < 74:
                    Reboot();
                    break;
                case < 88:
                    Rig.Flash.CutPowerAfter(step.A);
                    break;
                default:
                    Rig.Flash.FailNextWrites(1 + step.B % 4);
                    break;
            }
        }

        private int Append(int id, RecordType type, int length)
        {
            byte[] payload = PayloadOf(id, length);
            _interrupted.Add((id, type));
            int sequence = Rig.Store.Append(type, payload, 0, payload.Length);
            _interrupted.RemoveAt(_interrupted.Count - 1);
            if (sequence > 0)
            {
                Assert.True(sequence > _highest, $"sequence {sequence} handed out again (highest {_highest})");
                _highest = sequence;
                _acknowledged[sequence] = (id, type);
            }
            else
            {
                _refused.Add(id);
            }

            return sequence;
        }

        private void Reboot()
        {
            Rig.Reboot();
            // An append cut by the power cut either landed (it counts as stored from now on) or never will.
            foreach ((int id, RecordType type) in _interrupted)
            {
                int found = 0;
                for (int s = 1; s < Rig.Store.NextSequence; s++)
                {
                    byte[]? got = Rig.Read(s);
                    if (got != null && IdOf(got) == id)
                    {
                        found = s;
                    }
                }

                if (found > 0)
                {
                    _acknowledged[found] = (id, type);
                    _highest = Math.Max(_highest, found);
                }
                else
                {
                    _refused.Add(id);
                }
            }

            _interrupted.Clear();
        }

        public void Verify(string where)
        {
            RecordStore store = Rig.Store;
            Assert.True(store.NextSequence > _highest, $"{where}: next sequence {store.NextSequence} would reuse {_highest}");
            var seen = new HashSet<int>();
            for (int s = 1; s < store.NextSequence; s++)
            {
                byte[]? got = Rig.Read(s);
                if (got == null)
                {
                    continue;
                }

                int id = IdOf(got);
                Assert.True(_acknowledged.TryGetValue(s, out var expected), $"{where}: sequence {s} holds record {id}, which was {(_refused.Contains(id) ? "refused" : "never stored under that number")}");
                Assert.True(expected.Id == id && got.SequenceEqual(PayloadOf(id, got.Length)), $"{where}: sequence {s} came back different");
                Assert.True(seen.Add(id), $"{where}: record {id} stored twice");
            }

            // Lower bound: records the phone surely lacks; upper: also those whose delivered mark may not have landed.
            int lower = 0, upper = 0, lowerEvents = 0, upperEvents = 0;
            int recent = store.NextSequence - (segments - 1) * (slots - 2);
            foreach ((int sequence, (int _, RecordType type)) in _acknowledged)
            {
                if (_delivered.Contains(sequence) || Rig.Read(sequence) != null)
                {
                    continue;
                }

                bool sure = !_uncertain.Contains(sequence);
                if (type == RecordType.DeviceEvent)
                {
                    upperEvents++;
                    lowerEvents += sure ? 1 : 0;
                }
                else
                {
                    upper++;
                    lower += sure ? 1 : 0;
                    Assert.True(!sure || sequence < recent, $"{where}: record {sequence} missing although among the newest (>= {recent})");
                }
            }

            int counted = store.DroppedRecords - UndercountForSelfTest;
            Assert.True(lower <= counted && counted <= upper, $"{where}: {counted} records counted as dropped, {lower}..{upper} are gone");
            Assert.True(lowerEvents <= store.DroppedDeviceEvents && store.DroppedDeviceEvents <= upperEvents,
                $"{where}: {store.DroppedDeviceEvents} device events counted as dropped, {lowerEvents}..{upperEvents} are gone");
        }

        private static byte[] PayloadOf(int id, int length)
        {
            byte[] payload = new byte[length];
            for (int i = 0; i < length; i++)
            {
                payload[i] = (byte)((id >> (8 * (i % 4))) + i * 17);
            }

            return payload;
        }

        private static int IdOf(byte[] payload) =>
            payload[0] | ((byte)(payload[1] - 17) << 8) | ((byte)(payload[2] - 34) << 16) | ((byte)(payload[3] - 51) << 24);
    }
}
