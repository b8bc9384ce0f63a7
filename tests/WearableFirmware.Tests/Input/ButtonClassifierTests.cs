using WearableFirmware.Application;
using WearableFirmware.Input;
using Xunit;

namespace WearableFirmware.Tests.Input;

public class ButtonClassifierTests
{
    private const long Ms = 1000;

    [Fact]
    public void A_press_released_before_3_s_is_short()
    {
        var button = new ButtonClassifier(false, 0);
        button.OnLevel(true, 1000 * Ms);
        Assert.Equal(ButtonPress.None, button.Take(1500 * Ms));
        button.OnLevel(false, 1200 * Ms);

        Assert.Equal(ButtonPress.Short, button.Take(1300 * Ms));
        Assert.Equal(ButtonPress.None, button.Take(1400 * Ms));
    }

    [Fact]
    public void A_hold_becomes_long_at_3_s_while_still_held_and_its_release_adds_nothing()
    {
        var button = new ButtonClassifier(false, 0);
        button.OnLevel(true, 1000 * Ms);
        Assert.Equal(ButtonPress.None, button.Take(3999 * Ms));
        Assert.Equal(ButtonPress.Long, button.Take(4000 * Ms));
        button.OnLevel(false, 6000 * Ms);

        Assert.Equal(ButtonPress.None, button.Take(6100 * Ms));
    }

    [Fact]
    public void A_long_hold_nobody_looked_at_still_counts_as_long_on_release()
    {
        var button = new ButtonClassifier(false, 0);
        button.OnLevel(true, 0);
        button.OnLevel(false, 3500 * Ms);

        Assert.Equal(ButtonPress.Long, button.Take(9000 * Ms));
        Assert.Equal(ButtonPress.None, button.Take(9001 * Ms));
    }

    [Fact]
    public void Glitches_and_repeated_levels_are_not_presses()
    {
        var button = new ButtonClassifier(false, 0);
        button.OnLevel(false, 10 * Ms);  // repeat of the current level
        button.OnLevel(true, 100 * Ms);
        button.OnLevel(true, 110 * Ms);  // repeat
        button.OnLevel(false, 149 * Ms); // 49 ms: a glitch

        Assert.Equal(ButtonPress.None, button.Take(200 * Ms));
        Assert.Equal(1, button.Glitches);

        button.OnLevel(true, 300 * Ms);
        button.OnLevel(false, 350 * Ms); // exactly 50 ms: a press
        Assert.Equal(ButtonPress.Short, button.Take(400 * Ms));
    }

    [Fact]
    public void A_hold_begun_before_start_is_the_pairing_gesture_and_never_a_press()
    {
        var button = new ButtonClassifier(true, 500 * Ms);
        Assert.True(button.HeldAtStart);
        Assert.Equal(ButtonPress.None, button.Take(10000 * Ms)); // held 9.5 s: still not an emergency
        button.OnLevel(false, 11000 * Ms);
        Assert.Equal(ButtonPress.None, button.Take(11100 * Ms));

        button.OnLevel(true, 12000 * Ms);                         // the next press counts again
        button.OnLevel(false, 12200 * Ms);
        Assert.Equal(ButtonPress.Short, button.Take(12300 * Ms));
    }

    [Fact]
    public void The_power_up_hold_is_timed_until_released_for_the_factory_reset_gesture()
    {
        var held = new ButtonClassifier(true, 500 * Ms);
        Assert.Equal(9500 * Ms, held.StartHoldMicroseconds(10000 * Ms));
        Assert.True(held.StartHoldMicroseconds(10500 * Ms) >= WearableFirmware.Ble.BlePairingPolicy.FactoryResetHoldSeconds * 1_000_000L);
        var released = new ButtonClassifier(true, 500 * Ms);
        released.OnLevel(false, 3000 * Ms);                      // released at 3 s: only the pairing gesture
        released.OnLevel(true, 3100 * Ms);                       // a new press is not the power-up hold
        Assert.Equal(-1, released.StartHoldMicroseconds(20000 * Ms));
        Assert.Equal(-1, new ButtonClassifier(false, 0).StartHoldMicroseconds(20000 * Ms));
    }

    [Fact]
    public void A_full_queue_drops_the_oldest_and_counts_it()
    {
        var button = new ButtonClassifier(false, 0);
        long t = 0;
        for (int i = 0; i < ButtonClassifier.QueueCapacity; i++)
        {
            button.OnLevel(true, t += 100 * Ms);
            button.OnLevel(false, t += 100 * Ms);
        }

        button.OnLevel(true, t += 100 * Ms);
        button.OnLevel(false, t += 4000 * Ms); // the ninth: a long press

        Assert.Equal(1, button.Overflows);
        for (int i = 0; i < ButtonClassifier.QueueCapacity - 1; i++)
        {
            Assert.Equal(ButtonPress.Short, button.Take(t));
        }

        Assert.Equal(ButtonPress.Long, button.Take(t));
        Assert.Equal(ButtonPress.None, button.Take(t));
    }

    [Fact]
    public void Taking_presses_allocates_nothing()
    {
        static (ButtonClassifier Button, long Now) Build()
        {
            var button = new ButtonClassifier(false, 0);
            long t = 0;
            button.OnLevel(true, t += 100 * Ms);
            button.OnLevel(false, t += 100 * Ms);
            button.Take(t);
            return (button, t);
        }

        long allocated = Allocation.Of(Build, s =>
        {
            long t = s.Now;
            for (int i = 0; i < 5000; i++)
            {
                s.Button.OnLevel(true, t += 100 * Ms);
                s.Button.OnLevel(false, t += 100 * Ms);
                s.Button.Take(t);
            }
        });

        Assert.Equal(0, allocated);
    }
}
