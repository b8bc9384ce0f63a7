namespace WearableFirmware.SimulatedBoard.Signals;

/// <summary>
/// The one place for the ratio-of-ratios calibration curve the simulation uses:
/// R = (AC_red / DC_red) / (AC_ir / DC_ir) and SpO2 = <see cref="Intercept"/> − <see cref="Slope"/> · R (%).
/// This is the widely quoted empirical linear approximation (e.g. Webster J.G. (ed.), "Design of Pulse Oximeters",
/// IOP 1997, and many pulse-oximetry application notes), roughly valid for R 0.4–1.0 (SpO2 85–100 %). It is not a
/// calibration of our MAX30102 module; that needs a desaturation study with our own sensor.
/// </summary>
public static class SpO2Calibration
{
    public const float Intercept = 110f;

    public const float Slope = 25f;

    /// <summary>SpO2 in % for a ratio of ratios.</summary>
    public static float SpO2ForRatio(float ratio) => Intercept - Slope * ratio;

    /// <summary>Ratio of ratios that the curve maps to <paramref name="spo2Percent"/>.</summary>
    public static float RatioForSpO2(float spo2Percent) => (Intercept - spo2Percent) / Slope;
}
