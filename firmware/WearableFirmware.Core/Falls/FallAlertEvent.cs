namespace WearableFirmware.Falls
{
    /// <summary>
    /// One alert, as recorded and as sent to the phone. Instances are preallocated and reused by
    /// <see cref="FallAlertStateMachine"/>: a receiver that keeps one must copy it (<see cref="CopyFrom"/>).
    /// </summary>
    public sealed class FallAlertEvent
    {
        /// <summary>Increases by one per alert (1 .. 65535, then 1 again), continued across restarts; the phone acknowledges by it.</summary>
        public int Sequence { get; set; }

        public AlertKind Kind { get; set; }

        public AlertOutcome Outcome { get; set; }

        /// <summary>Monotonic time the alert was raised (suspected fall or button), microseconds since boot.</summary>
        public long RaisedAtMicroseconds { get; set; }

        /// <summary>Monotonic time of the latest outcome (cancel, confirm or acknowledge).</summary>
        public long OutcomeAtMicroseconds { get; set; }

        /// <summary>Largest impact of the fall in g (0 for a manual emergency).</summary>
        public float ImpactG { get; set; }

        /// <summary>Suspected falls merged into this alert (a second fall during the cancel window adds one).</summary>
        public int FallCount { get; set; }

        public BodyPosture Posture { get; set; }

        /// <summary>Latest vitals when the alert was confirmed (or cancelled); meaningful when <see cref="VitalsValid"/>.</summary>
        public int HeartRateBpm { get; set; }

        public int SpO2Percent { get; set; }

        public bool VitalsValid { get; set; }

        public CancelSource CancelledBy { get; set; }

        public void CopyFrom(FallAlertEvent other)
        {
            Sequence = other.Sequence;
            Kind = other.Kind;
            Outcome = other.Outcome;
            RaisedAtMicroseconds = other.RaisedAtMicroseconds;
            OutcomeAtMicroseconds = other.OutcomeAtMicroseconds;
            ImpactG = other.ImpactG;
            FallCount = other.FallCount;
            Posture = other.Posture;
            HeartRateBpm = other.HeartRateBpm;
            SpO2Percent = other.SpO2Percent;
            VitalsValid = other.VitalsValid;
            CancelledBy = other.CancelledBy;
        }
    }
}
