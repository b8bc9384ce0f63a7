using WearableFirmware.Falls;
using Xunit;

namespace WearableFirmware.Tests.Falls;

public class Vector3MathTests
{
    [Theory]
    [InlineData(3f, 4f, 0f, 5f)]
    [InlineData(0f, -1f, 0f, 1f)]
    [InlineData(1f, 2f, 2f, 3f)]
    [InlineData(0f, 0f, 0f, 0f)]
    public void Magnitude_is_the_euclidean_length(float x, float y, float z, float expected)
    {
        Assert.Equal(expected, Vector3Math.Magnitude(x, y, z), 5);
    }

    [Theory]
    [InlineData(0f, -1f, 0f, 0f, -1f, 0f, 0f)]      // same posture
    [InlineData(0f, -1f, 0f, 0f, 0f, 1f, 90f)]      // upright -> lying face down
    [InlineData(0f, -1f, 0f, 0f, 1f, 0f, 180f)]     // upside down
    [InlineData(1f, 1f, 0f, 1f, 0f, 0f, 45f)]
    [InlineData(0f, -2f, 0f, 0f, -0.5f, 0.5f, 45f)] // lengths do not matter
    [InlineData(0.5f, -0.8660254f, 0f, 0f, -1f, 0f, 30f)]
    public void Angle_between_gravity_vectors(float ax, float ay, float az, float bx, float by, float bz, float expected)
    {
        Assert.Equal(expected, Vector3Math.AngleDegrees(ax, ay, az, bx, by, bz), 1);
    }

    [Fact]
    public void Angle_with_a_zero_vector_is_zero()
    {
        Assert.Equal(0f, Vector3Math.AngleDegrees(0, 0, 0, 0, -1, 0));
    }

    [Theory]
    [InlineData(0f, BodyPosture.Upright)]
    [InlineData(29f, BodyPosture.Upright)]
    [InlineData(30f, BodyPosture.Inclined)]
    [InlineData(59.9f, BodyPosture.Inclined)]
    [InlineData(60f, BodyPosture.Lying)]
    [InlineData(180f, BodyPosture.Lying)]
    [InlineData(-1f, BodyPosture.Unknown)]
    public void Posture_classes_from_tilt(float tilt, BodyPosture expected)
    {
        Assert.Equal(expected, BodyPostures.FromTilt(tilt));
    }
}
