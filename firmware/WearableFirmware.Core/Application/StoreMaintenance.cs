using WearableFirmware.Sampling;
using WearableFirmware.Storage;

namespace WearableFirmware.Application
{
    /// <summary>
    /// Once a second, in the deferrable publish phase: lets the record store erase the next flash segment ahead of
    /// need, so an append inside the process phase rarely has to wait for an erase.
    /// </summary>
    public sealed class StoreMaintenance : ILoopTask
    {
        private readonly RecordStore _store;

        public StoreMaintenance(RecordStore store)
        {
            _store = store;
        }

        public void Run(long nowMicroseconds)
        {
            _store.PrepareNextSegment();
        }
    }
}
