using WearableFirmware.SimulatedBoard.Signals;

namespace WearableFirmware.Simulator.Evaluation.Falls;

/// <summary>One recorded trial of a fall data set: what it is, whose it is, and how to play it.</summary>
public abstract record FallTrialInfo(string Path, string Code, string Subject, string Trial)
{
    public bool IsFall => Code.StartsWith('F');

    /// <summary>Printed name, unique within the data set.</summary>
    public abstract string Name { get; }

    /// <summary>Age group the data set assigns the subject to (e.g. SA / SE, young / elderly).</summary>
    public abstract string Group { get; }

    /// <summary>Hand-set start and end of the fall (s on the motion's time axis), when the data set has them.</summary>
    public virtual (double Start, double End)? FallWindow => null;

    /// <summary>The recording as the motion the chip model feels, and its length in s.</summary>
    public abstract IMotionSource LoadMotion(ReplayOptions options, out double durationSeconds);
}
