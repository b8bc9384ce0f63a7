namespace WearableFirmware.Drivers.Max3010x
{
    /// <summary>
    /// A register that read back differently from what was written: filled by start-up's read-back and by a runtime
    /// LED change, so <see cref="Max30102"/> reports one mismatch whichever found it. Reused, never reallocated.
    /// </summary>
    internal sealed class RegisterMismatch
    {
        /// <summary>The register that read back wrongly.</summary>
        public Register Register;

        /// <summary>Value written to it.</summary>
        public byte Expected;

        /// <summary>Value read back.</summary>
        public byte Read;

        /// <summary>Records a mismatch, replacing the previous one.</summary>
        public void Set(Register register, byte expected, byte read)
        {
            Register = register;
            Expected = expected;
            Read = read;
        }
    }
}
