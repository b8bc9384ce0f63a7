namespace WearableFirmware.Simulator.Evaluation;

/// <summary>A real numeric matrix read from a MAT file, as doubles in MATLAB's column-major order.</summary>
public sealed class MatMatrix(string name, int rows, int columns, double[] values)
{
    public string Name { get; } = name;

    public int Rows { get; } = rows;

    public int Columns { get; } = columns;

    /// <summary>Column-major: element (r, c) is at r + c · Rows.</summary>
    public double[] Values { get; } = values;

    public double this[int row, int column] => Values[row + column * Rows];

    /// <summary>One row as floats.</summary>
    public float[] Row(int row)
    {
        var r = new float[Columns];
        for (int c = 0; c < Columns; c++)
        {
            r[c] = (float)this[row, c];
        }

        return r;
    }
}
