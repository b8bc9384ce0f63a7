using WearableFirmware.Vitals;
using Xunit;

namespace WearableFirmware.Tests.Vitals;

/// <summary>
/// <see cref="ComplexFft"/> runs its stages fused (the first two with the load, the others two at a time): its results
/// must be bit for bit those of the plain radix-2 transform, stage by stage, with the same twiddle table.
/// </summary>
public class ComplexFftStagesTests
{
    /// <summary>The textbook decimation-in-time radix-2 transform, one stage at a time, the twiddles as ComplexFft tabulates them.</summary>
    private static void StageByStage(float[] xr, float[] xi, float[] re, float[] im)
    {
        int n = xr.Length;
        int bits = 0;
        while ((1 << bits) < n)
        {
            bits++;
        }

        var cos = new float[n / 2];
        var sin = new float[n / 2];
        for (int k = 0; k < n / 2; k++)
        {
            double angle = 2 * Math.PI * k / n;
            cos[k] = (float)Math.Cos(angle);
            sin[k] = (float)Math.Cos(angle + Math.PI / 2);
        }

        for (int i = 0; i < n; i++)
        {
            int r = 0;
            for (int b = 0; b < bits; b++)
            {
                r |= ((i >> b) & 1) << (bits - 1 - b);
            }

            re[i] = xr[r];
            im[i] = xi[r];
        }

        for (int span = 1; span < n; span <<= 1)
        {
            int stride = n / (2 * span);
            for (int m = 0; m < span; m++)
            {
                for (int i = m; i < n; i += 2 * span)
                {
                    int j = i + span;
                    float tr, ti;
                    if (span == 1)
                    {
                        // Twiddle 1: no multiplication, as in the fused first stage.
                        tr = re[j];
                        ti = im[j];
                    }
                    else if (span == 2 && m == 1)
                    {
                        // Twiddle −i.
                        tr = im[j];
                        ti = -re[j];
                    }
                    else if (span == 2)
                    {
                        tr = re[j];
                        ti = im[j];
                    }
                    else
                    {
                        float wr = cos[m * stride], wi = sin[m * stride];
                        tr = wr * re[j] - wi * im[j];
                        ti = wr * im[j] + wi * re[j];
                    }

                    float ur = re[i], ui = im[i];
                    re[j] = ur - tr;
                    im[j] = ui - ti;
                    re[i] = ur + tr;
                    im[i] = ui + ti;
                }
            }
        }
    }

    [Theory]
    [InlineData(4)]
    [InlineData(8)]
    [InlineData(16)]
    [InlineData(32)]
    [InlineData(64)]
    [InlineData(128)]
    [InlineData(256)]
    [InlineData(512)]
    public void FusedStagesGiveTheStageByStageResultsBitForBit(int n)
    {
        var random = new Random(n);
        var fft = new ComplexFft(n);
        var re = new float[n];
        var im = new float[n];
        for (int trial = 0; trial < 20; trial++)
        {
            for (int i = 0; i < n; i++)
            {
                fft.InputReal[i] = (float)(random.NextDouble() * 2000 - 1000);
                fft.InputImaginary[i] = trial % 2 == 0 ? 0 : (float)(random.NextDouble() * 2 - 1);
            }

            fft.Transform();
            StageByStage(fft.InputReal, fft.InputImaginary, re, im);
            for (int k = 0; k < n; k++)
            {
                Assert.Equal(BitConverter.SingleToInt32Bits(re[k]), BitConverter.SingleToInt32Bits(fft.Real[k]));
                Assert.Equal(BitConverter.SingleToInt32Bits(im[k]), BitConverter.SingleToInt32Bits(fft.Imaginary[k]));
            }
        }
    }
}
