using nanoFramework.TestFramework;
using WearableFirmware.Alarms;
using WearableFirmware.Storage;

namespace WearableFirmware.DeviceTests
{
    /// <summary>
    /// The alarms' state across a restart on nanoCLR: saved by one AlarmStateStore, restored by a new one over the same
    /// flash into a fresh AlarmSystem and AlarmEvaluator, as WearableApplication.Start does. The expected payload is
    /// worked out by hand from the documented layout (AlarmStateStore): format 1, then one byte per condition 1..10,
    /// bits 0-1 the priority (0 none .. 3 high), bit 2 latched.
    /// </summary>
    [TestClass]
    public static class AlarmStateParityTests
    {
        private const long Second = 1000000;
        private const int RestoredKind = 7;

        [TestMethod]
        public static void A_latched_high_and_a_running_medium_alarm_come_back_after_a_restart()
        {
            MemoryFlash flash = new MemoryFlash(4, 128);
            byte[] limits = new byte[] { 90, 85, 10, 120, 140, 50, 40, 10 };
            Assert.IsTrue(new SettingsStore(flash, AlarmSettings.EncodedLength).Save(limits, 0, limits.Length), "limits");

            AlarmSystem before = new AlarmSystem(new AlarmEventTrace(8));
            AlarmStateStore saved = new AlarmStateStore(new SettingsStore(flash, AlarmStateStore.FirstSegment, AlarmStateStore.EncodedLength));
            before.Report(1 * Second, AlarmCondition.SpO2Low, AlarmPriority.High, 80f, 85f, 10);
            saved.Keep(before);
            before.Report(2 * Second, AlarmCondition.SpO2Low, AlarmPriority.None, 95f, 90f, 10); // ends: a high alarm latches
            saved.Keep(before);
            before.Report(3 * Second, AlarmCondition.PulseRateHigh, AlarmPriority.Medium, 130f, 120f, 10);
            saved.Keep(before);
            Assert.AreEqual(3, saved.Saves, "saves");
            Assert.AreEqual(0, saved.SaveFailures, "save failures");

            // SpO2 low (1): high 3 | latched 4 = 7; pulse rate high (2): medium 2; conditions 3..10 none.
            byte[] expected = new byte[] { 1, 7, 2, 0, 0, 0, 0, 0, 0, 0, 0 };
            Assert.AreEqual(11, AlarmStateStore.EncodedLength, "payload length");
            byte[] payload = new byte[11];
            Assert.AreEqual(11, new SettingsStore(flash, 2, 11).Load(payload, 0), "payload on flash");
            Expect.SameBytes(expected, payload, 11, "alarm state payload");
            // The third save went back to segment 2 (1st: 2, 2nd: 3): marker, length, generation 3, payload.
            for (int i = 0; i < 6 + 11; i++)
            {
                byte want = i == 0 ? (byte)0x5E : i == 1 ? (byte)11 : i == 2 ? (byte)3 : i < 6 ? (byte)0 : expected[i - 6];
                Assert.AreEqual(want, flash.Peek(2, i), Expect.Case("segment 2 byte", i));
            }

            // The restart.
            AlarmEventTrace trace = new AlarmEventTrace(8);
            AlarmSystem system = new AlarmSystem(trace);
            AlarmEvaluator evaluator = new AlarmEvaluator(system, new AlarmSettings());
            AlarmStateStore state = new AlarmStateStore(new SettingsStore(flash, AlarmStateStore.FirstSegment, AlarmStateStore.EncodedLength));
            Assert.AreEqual(2, state.Restore(10 * Second, system, evaluator), "restored");
            Assert.AreEqual(3, (int)system.PriorityOf(AlarmCondition.SpO2Low), "SpO2 priority");
            Assert.AreEqual(2, (int)system.PriorityOf(AlarmCondition.PulseRateHigh), "pulse priority");
            Assert.AreEqual(1, system.LatchedMask, "latched: SpO2 low");
            Assert.AreEqual(2, system.ActiveMask, "running: pulse rate high");
            Assert.AreEqual(0, system.PausedMask, "paused");
            Assert.AreEqual(3, (int)system.SoundingPriority, "sounding");
            Assert.AreEqual(2, trace.Count, "events");
            ExpectRestored(trace, 0, 1, 3, true);
            ExpectRestored(trace, 1, 2, 2, false);
            state.Keep(system);
            Assert.AreEqual(0, state.Saves, "what came back is on flash already");

            // The pulse episode continues: a missing reading holds it, a valid one back inside ends it (medium: no latch).
            AlarmInputs inputs = new AlarmInputs();
            evaluator.Evaluate(11 * Second, inputs);
            Assert.AreEqual(2, (int)system.PriorityOf(AlarmCondition.PulseRateHigh), "pulse held without readings");
            inputs.PulseRateValid = true;
            inputs.PulseRateBpm = 80f;
            inputs.SpO2Valid = true;
            inputs.SpO2Percent = 97f;
            evaluator.Evaluate(12 * Second, inputs);
            Assert.AreEqual(0, (int)system.PriorityOf(AlarmCondition.PulseRateHigh), "pulse ended");
            Assert.AreEqual(1, system.LatchedMask, "SpO2 still latched");
            state.Keep(system);
            Assert.AreEqual(1, state.Saves, "the end is saved");
            Assert.AreEqual(11, new SettingsStore(flash, 2, 11).Load(payload, 0), "payload after the end");
            Expect.SameBytes(new byte[] { 1, 7, 0, 0, 0, 0, 0, 0, 0, 0, 0 }, payload, 11, "alarm state payload after the end");
        }

        private static void ExpectRestored(AlarmEventTrace trace, int index, int condition, int priority, bool latched)
        {
            Assert.AreEqual(RestoredKind, trace.Kind[index], Expect.Case("kind", index));
            Assert.AreEqual(10, trace.Second[index], Expect.Case("second", index));
            Assert.AreEqual(condition, trace.Condition[index], Expect.Case("condition", index));
            Assert.AreEqual(priority, trace.Priority[index], Expect.Case("priority", index));
            Assert.AreEqual(latched, trace.Latched[index], Expect.Case("latched", index));
        }
    }
}
