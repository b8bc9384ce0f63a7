using nanoFramework.TestFramework;
using WearableFirmware.Alarms;
using WearableFirmware.Vitals;

namespace WearableFirmware.DeviceTests
{
    /// <summary>
    /// The alarm evaluator and alarm system on nanoCLR raise the host's events for the same 1 Hz vitals (a
    /// desaturation, a tachycardia with a pause and a lost phone, the band taken off): every event's second, kind,
    /// condition, priority, duration, condition mask and latch exactly, and no other event.
    /// </summary>
    [TestClass]
    public static class AlarmParityTests
    {
        [TestMethod]
        public static void Alarm_events_match_the_host()
        {
            int expected = GoldenVectors.AlarmEventSecond.Length;
            AlarmEventTrace trace = new AlarmEventTrace(expected);
            AlarmSystem system = new AlarmSystem(trace);
            AlarmEvaluator evaluator = new AlarmEvaluator(system, new AlarmSettings());
            AlarmInputs inputs = new AlarmInputs();
            int[] spo2 = GoldenVectors.AlarmSpO2Tenths;
            int[] pulse = GoldenVectors.AlarmPulseTenths;
            int[] contact = GoldenVectors.AlarmContact;
            for (int t = 0; t < spo2.Length; t++)
            {
                // As the host replayed it (AlarmMonitor's order): inputs, evaluation, the press, the tick's pause expiry.
                long now = t * 1000000L;
                inputs.SpO2Valid = spo2[t] >= 0;
                inputs.SpO2Percent = spo2[t] / 10f;
                inputs.PulseRateValid = pulse[t] >= 0;
                inputs.PulseRateBpm = pulse[t] / 10f;
                inputs.OnSkin = contact[t] == (int)SensorContact.Contact;
                inputs.OffSkin = contact[t] == (int)SensorContact.NoContact;
                inputs.PhoneConnected = GoldenVectors.AlarmPhoneConnected[t];
                inputs.PhoneSeen = inputs.PhoneSeen || inputs.PhoneConnected;
                evaluator.Evaluate(now, inputs);
                if (GoldenVectors.AlarmPress[t])
                {
                    system.OnSilencePress(now);
                }

                system.Update(now);
            }

            Assert.AreEqual(expected, trace.Count, "alarm events");
            for (int i = 0; i < expected; i++)
            {
                string at = Expect.Case("alarm event", i);
                Assert.AreEqual(GoldenVectors.AlarmEventSecond[i], trace.Second[i], string.Concat(at, ": second"));
                Assert.AreEqual(GoldenVectors.AlarmEventKind[i], trace.Kind[i], string.Concat(at, ": kind"));
                Assert.AreEqual(GoldenVectors.AlarmEventCondition[i], trace.Condition[i], string.Concat(at, ": condition"));
                Assert.AreEqual(GoldenVectors.AlarmEventPriority[i], trace.Priority[i], string.Concat(at, ": priority"));
                Assert.AreEqual(GoldenVectors.AlarmEventDuration[i], trace.Duration[i], string.Concat(at, ": duration"));
                Assert.AreEqual(GoldenVectors.AlarmEventConditions[i], trace.Conditions[i], string.Concat(at, ": conditions"));
                Assert.AreEqual(GoldenVectors.AlarmEventLatched[i], trace.Latched[i], string.Concat(at, ": latched"));
            }
        }
    }
}
