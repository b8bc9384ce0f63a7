namespace WearableFirmware.Falls
{
    /// <summary>Where the detector is in judging the current impact.</summary>
    public enum FallStage
    {
        /// <summary>No impact being judged; waiting for the magnitude to cross the trigger.</summary>
        Monitoring = 0,

        /// <summary>Inside an impact cluster: impacts keep arriving or the body is still settling.</summary>
        Impact,

        /// <summary>Quiet since the last impact: measuring posture and movement over the confirmation window.</summary>
        Confirming,
    }
}
