namespace WearableFirmware.Drivers
{
    /// <summary>The one wording of a <see cref="BusStatus"/> in drivers' error messages.</summary>
    public static class BusStatusText
    {
        /// <summary>Lower-case words for <paramref name="status"/>, e.g. "address not acknowledged".</summary>
        public static string Describe(BusStatus status)
        {
            switch (status)
            {
                case BusStatus.AddressNotAcknowledged:
                    return "address not acknowledged";
                case BusStatus.PartialTransfer:
                    return "partial transfer";
                case BusStatus.ClockStretchTimeout:
                    return "clock stretch timeout";
                case BusStatus.UnknownError:
                    return "unknown bus error";
                default:
                    return "ok";
            }
        }
    }
}
