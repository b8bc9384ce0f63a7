using System;

namespace WearableFirmware.Bench
{
    /// <summary>The stages, by name, in the order the bench reports them.</summary>
    public static class BenchStages
    {
        public static readonly string[] Names = new string[] { "ppg-driver", "motion-driver", "vitals", "fall", "cadence", "publish", "app" };

        public static readonly string[] Descriptions = new string[]
        {
            "MAX30102 driver: status, pointers, FIFO burst and unpacking, every loop tick (100 ms)",
            "ADXL345 driver: INT_SOURCE, FIFO_STATUS, one 6-byte read per entry, every loop tick (100 ms)",
            "VitalsProcessor.AddSample for every red/IR pair (100/s)",
            "the shipped fall detector (FallSensing.CreateDetector) for every accelerometer sample (50/s)",
            "CadenceEstimator.Add for every accelerometer magnitude (50/s)",
            "VitalsPublisher once a second: reading, HRM + PLX encoding, alert vitals, spot-check",
            "WearableApplication: sampling loop over both chips, every stage and publisher (10 ticks/s)",
        };

        public static BenchStage Create(string name, BenchSignals signals)
        {
            switch (name)
            {
                case "ppg-driver":
                    return new PpgDriverStage(signals);
                case "motion-driver":
                    return new MotionDriverStage(signals);
                case "vitals":
                    return new VitalsStage(signals);
                case "fall":
                    return new FallStage(signals);
                case "cadence":
                    return new CadenceStage(signals);
                case "publish":
                    return new PublishStage(signals);
                case "app":
                    return new ApplicationStage(signals);
                default:
                    throw new ArgumentException(string.Concat("no bench stage named ", name));
            }
        }
    }
}
