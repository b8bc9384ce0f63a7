using WearableFirmware.Storage;
using WearableFirmware.Vitals;

namespace WearableFirmware.Application
{
    /// <summary>
    /// Stores a spot-check from the published reading when <see cref="SpotCheckScheduler"/> says one is due (layout:
    /// <see cref="SpotCheckPayload"/>). While worn, a due spot-check waits for the next valid reading instead of
    /// being skipped; off the wrist none is stored, and the scheduler still has to be told so (it restarts its
    /// interval when the band goes on again).
    /// </summary>
    public sealed class SpotCheckRecorder
    {
        private readonly RecordStore _store;
        private readonly SpotCheckScheduler _schedule;

        public SpotCheckRecorder(RecordStore store, SpotCheckScheduler schedule)
        {
            _store = store;
            _schedule = schedule;
        }

        /// <summary>Spot-checks stored since start.</summary>
        public int Stored { get; private set; }

        /// <summary>
        /// Called with every published reading and the PLX status words sent with it. The reading is passed by
        /// reference: on nanoCLR a copy of the struct would allocate.
        /// </summary>
        public void OnReading(long nowMicroseconds, ref VitalsReading reading, int measurementStatus, int sensorStatus)
        {
            bool contact = reading.Contact == SensorContact.Contact;
            bool valid = reading.HeartRateValid && reading.SpO2Valid;
            bool due = contact ? valid && _schedule.IsDue(nowMicroseconds, true) : _schedule.IsDue(nowMicroseconds, false);
            if (!due)
            {
                return;
            }

            int pai = reading.PerfusionIndexValid ? (int)(reading.PerfusionIndexPercent * 100f + 0.5f) : SpotCheckPayload.NoPulseAmplitudeIndex;
            if (_store.AppendSpotCheck((int)(reading.SpO2Percent * 10f + 0.5f), (int)(reading.HeartRateBpm * 10f + 0.5f),
                measurementStatus, sensorStatus, pai) > 0)
            {
                Stored++;
            }
        }
    }
}
