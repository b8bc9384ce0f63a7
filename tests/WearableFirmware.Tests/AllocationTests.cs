using Xunit;

namespace WearableFirmware.Tests;

public class AllocationTests
{
    // Stored in a field so the JIT cannot keep the arrays on the stack.
    private static byte[]? _kept;
    private static int[]? _lazyTable;

    private sealed class Counter
    {
        public int Calls;

        public void AllocateSixteenBytes()
        {
            _kept = new byte[16];
            Calls++;
        }

        public void FillTheLazyTableOnce()
        {
            _lazyTable ??= new int[256];
            Calls++;
        }
    }

    [Fact]
    public void A_small_array_per_call_is_reported_in_full()
    {
        long bytes = Allocation.Of(() => new Counter(), c =>
        {
            for (int i = 0; i < 100; i++)
            {
                c.AllocateSixteenBytes();
            }
        }, out Counter measured);

        Assert.InRange(bytes, 100 * 16, 100 * 64); // 16 bytes of payload each, plus the array header
        Assert.Equal(100, measured.Calls);
        Assert.NotNull(_kept);
    }

    [Fact]
    public void A_one_off_first_use_cost_is_not_reported()
    {
        _lazyTable = null;
        long bytes = Allocation.Of(() => new Counter(), c => c.FillTheLazyTableOnce(), out Counter measured);

        Assert.Equal(0, bytes);
        Assert.Equal(1, measured.Calls); // the measured copy is a fresh one, and it ran
        Assert.NotNull(_lazyTable);
    }
}
