using System.IO.Compression;
using System.Text;

namespace WearableFirmware.Simulator.Evaluation;

/// <summary>
/// Reader for MATLAB level-5 MAT files, only as far as recorded signals need: little-endian files whose variables are
/// real numeric 2-D matrices, stored plainly or zlib-compressed (miCOMPRESSED, MATLAB's default since v7). Anything
/// else (big-endian or HDF5-based v7.3 files, complex, sparse, cell, struct, char arrays) is refused with an
/// <see cref="InvalidDataException"/> naming the file and what it holds; so is a truncated or corrupt file.
/// </summary>
public static class MatFile
{
    private const int HeaderBytes = 128;
    private const int MiInt8 = 1, MiUInt8 = 2, MiInt16 = 3, MiUInt16 = 4, MiInt32 = 5, MiUInt32 = 6, MiSingle = 7, MiDouble = 9, MiInt64 = 12, MiUInt64 = 13;
    private const int MiMatrix = 14, MiCompressed = 15;
    private const int MxDouble = 6, MxUInt64 = 15;
    private const byte ComplexFlag = 0x08;

    /// <summary>Every variable of the file by name; variables of unsupported kinds are listed with the reason in <see cref="Refused"/>.</summary>
    public sealed class Contents
    {
        public Dictionary<string, MatMatrix> Matrices { get; } = new();

        public Dictionary<string, string> Refused { get; } = new();

        public string Path { get; init; } = "";

        /// <summary>The named matrix; an InvalidDataException says what the file has instead.</summary>
        public MatMatrix Matrix(string name)
        {
            if (Matrices.TryGetValue(name, out MatMatrix? m))
            {
                return m;
            }

            if (Refused.TryGetValue(name, out string? why))
            {
                throw new InvalidDataException($"{Path}: variable '{name}' cannot be read: {why}");
            }

            throw new InvalidDataException($"{Path}: no variable '{name}' (the file has: {string.Join(", ", Matrices.Keys.Concat(Refused.Keys).DefaultIfEmpty("nothing"))})");
        }
    }

    public static Contents Read(string path)
    {
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new InvalidDataException($"{path}: cannot read the file ({e.Message})", e);
        }

        return Parse(bytes, path);
    }

    public static Contents Parse(byte[] bytes, string path)
    {
        if (bytes.Length >= 8 && bytes[0] == 0x89 && bytes[1] == (byte)'H' && bytes[2] == (byte)'D' && bytes[3] == (byte)'F')
        {
            throw new InvalidDataException($"{path}: an HDF5 file, not a level-5 MAT file");
        }

        if (bytes.Length < HeaderBytes)
        {
            throw new InvalidDataException($"{path}: {bytes.Length} bytes, shorter than the 128-byte MAT header");
        }

        string text = Encoding.ASCII.GetString(bytes, 0, 116);
        if (!text.StartsWith("MATLAB", StringComparison.Ordinal))
        {
            throw new InvalidDataException($"{path}: not a MAT file (the header does not start with 'MATLAB')");
        }

        if (text.StartsWith("MATLAB 7.3", StringComparison.Ordinal))
        {
            throw new InvalidDataException($"{path}: a MAT 7.3 (HDF5) file; save it with -v7 or -v6 to read it here");
        }

        if (bytes[126] == (byte)'M' && bytes[127] == (byte)'I')
        {
            throw new InvalidDataException($"{path}: a big-endian MAT file, which this reader does not handle");
        }

        if (bytes[126] != (byte)'I' || bytes[127] != (byte)'M' || BitConverter.ToUInt16(bytes, 124) != 0x0100)
        {
            throw new InvalidDataException($"{path}: not a level-5 MAT file (version 0x{BitConverter.ToUInt16(bytes, 124):X4}, endian mark '{(char)bytes[126]}{(char)bytes[127]}')");
        }

        var contents = new Contents { Path = path };
        int position = HeaderBytes;
        while (position < bytes.Length)
        {
            if (bytes.Length - position < 8)
            {
                throw new InvalidDataException($"{path}: {bytes.Length - position} stray bytes at the end (offset {position})");
            }

            ReadTag(bytes, ref position, path, out int type, out int length, out int dataStart);
            if (length > bytes.Length - dataStart)
            {
                throw new InvalidDataException($"{path}: element at offset {dataStart - 8} claims {length} bytes, only {bytes.Length - dataStart} follow (truncated file?)");
            }

            if (type == MiCompressed)
            {
                byte[] inflated = Inflate(bytes, dataStart, length, path);
                int inner = 0;
                ReadTag(inflated, ref inner, path, out int innerType, out int innerLength, out int innerStart);
                if (innerType != MiMatrix || innerLength > inflated.Length - innerStart)
                {
                    throw new InvalidDataException($"{path}: compressed element at offset {dataStart - 8} does not hold a whole matrix (type {innerType})");
                }

                ReadMatrix(inflated, innerStart, innerLength, path, contents);
                position = dataStart + length;
            }
            else if (type == MiMatrix)
            {
                ReadMatrix(bytes, dataStart, length, path, contents);
                position = dataStart + Padded(length);
            }
            else
            {
                throw new InvalidDataException($"{path}: unexpected top-level element type {type} at offset {dataStart - 8}");
            }
        }

        return contents;
    }

    private static void ReadMatrix(byte[] b, int start, int length, string path, Contents contents)
    {
        int end = start + length;
        int p = start;
        byte[] flags = SubElement(b, ref p, end, path, "array flags", out int flagsType);
        if (flagsType != MiUInt32 || flags.Length < 8)
        {
            throw new InvalidDataException($"{path}: matrix at offset {start} has malformed array flags");
        }

        int mxClass = flags[0];
        bool complex = (flags[1] & ComplexFlag) != 0;
        byte[] dims = SubElement(b, ref p, end, path, "dimensions", out int dimsType);
        if (dimsType != MiInt32 || dims.Length < 8 || dims.Length % 4 != 0)
        {
            throw new InvalidDataException($"{path}: matrix at offset {start} has malformed dimensions");
        }

        int[] shape = new int[dims.Length / 4];
        for (int i = 0; i < shape.Length; i++)
        {
            shape[i] = BitConverter.ToInt32(dims, 4 * i);
        }

        string name = Encoding.ASCII.GetString(SubElement(b, ref p, end, path, "name", out _));
        string Describe() => $"a {string.Join("×", shape)} {ClassName(mxClass)}{(complex ? " (complex)" : "")} array";
        if (mxClass < MxDouble || mxClass > MxUInt64)
        {
            contents.Refused[name] = Describe() + "; only real numeric matrices are supported";
            return;
        }

        if (complex)
        {
            contents.Refused[name] = Describe() + "; complex values are not supported";
            return;
        }

        if (shape.Length != 2 || shape[0] < 0 || shape[1] < 0)
        {
            contents.Refused[name] = Describe() + "; only 2-D matrices are supported";
            return;
        }

        byte[] real = SubElement(b, ref p, end, path, "real part of '" + name + "'", out int dataType);
        long count = (long)shape[0] * shape[1];
        int width = Width(dataType);
        if (width == 0)
        {
            throw new InvalidDataException($"{path}: '{name}' stores its values as data type {dataType}, which is not numeric");
        }

        if (real.Length < count * width)
        {
            throw new InvalidDataException($"{path}: '{name}' is {shape[0]}×{shape[1]} but holds only {real.Length / width} values");
        }

        var values = new double[count];
        for (int i = 0; i < count; i++)
        {
            values[i] = Value(real, i * width, dataType);
        }

        contents.Matrices[name] = new MatMatrix(name, shape[0], shape[1], values);
    }

    private static byte[] SubElement(byte[] b, ref int p, int end, string path, string what, out int type)
    {
        if (end - p < 8)
        {
            throw new InvalidDataException($"{path}: matrix ends before its {what}");
        }

        ReadTag(b, ref p, path, out type, out int length, out int start);
        bool small = start == p - 4 && length <= 4;
        if (length > end - start)
        {
            throw new InvalidDataException($"{path}: the {what} runs past the end of its matrix");
        }

        var data = new byte[length];
        Array.Copy(b, start, data, 0, length);
        p = small ? start + 4 : start + Padded(length);
        return data;
    }

    /// <summary>Reads a tag at <paramref name="p"/>; a small element (data in the tag's second word) starts 4 bytes in.</summary>
    private static void ReadTag(byte[] b, ref int p, string path, out int type, out int length, out int dataStart)
    {
        if (b.Length - p < 8)
        {
            throw new InvalidDataException($"{path}: truncated element tag at offset {p}");
        }

        uint first = BitConverter.ToUInt32(b, p);
        if ((first >> 16) != 0)
        {
            type = (int)(first & 0xFFFF);
            length = (int)(first >> 16);
            dataStart = p + 4;
            p += 8;
            return;
        }

        type = (int)first;
        uint bytes = BitConverter.ToUInt32(b, p + 4);
        if (bytes > int.MaxValue)
        {
            throw new InvalidDataException($"{path}: element at offset {p} claims {bytes} bytes");
        }

        length = (int)bytes;
        dataStart = p + 8;
        p += 8;
    }

    private static byte[] Inflate(byte[] b, int start, int length, string path)
    {
        try
        {
            using var input = new MemoryStream(b, start, length, writable: false);
            using var zlib = new ZLibStream(input, CompressionMode.Decompress);
            using var output = new MemoryStream();
            zlib.CopyTo(output);
            return output.ToArray();
        }
        catch (InvalidDataException e)
        {
            throw new InvalidDataException($"{path}: the compressed element at offset {start - 8} does not inflate ({e.Message})", e);
        }
    }

    private static int Padded(int length) => (length + 7) & ~7;

    private static int Width(int type) => type switch
    {
        MiInt8 or MiUInt8 => 1,
        MiInt16 or MiUInt16 => 2,
        MiInt32 or MiUInt32 or MiSingle => 4,
        MiDouble or MiInt64 or MiUInt64 => 8,
        _ => 0,
    };

    private static double Value(byte[] b, int offset, int type) => type switch
    {
        MiInt8 => (sbyte)b[offset],
        MiUInt8 => b[offset],
        MiInt16 => BitConverter.ToInt16(b, offset),
        MiUInt16 => BitConverter.ToUInt16(b, offset),
        MiInt32 => BitConverter.ToInt32(b, offset),
        MiUInt32 => BitConverter.ToUInt32(b, offset),
        MiSingle => BitConverter.ToSingle(b, offset),
        MiDouble => BitConverter.ToDouble(b, offset),
        MiInt64 => BitConverter.ToInt64(b, offset),
        _ => BitConverter.ToUInt64(b, offset),
    };

    private static string ClassName(int mxClass) => mxClass switch
    {
        1 => "cell",
        2 => "struct",
        3 => "object",
        4 => "char",
        5 => "sparse",
        6 => "double",
        7 => "single",
        8 => "int8",
        9 => "uint8",
        10 => "int16",
        11 => "uint16",
        12 => "int32",
        13 => "uint32",
        14 => "int64",
        15 => "uint64",
        _ => "class-" + mxClass,
    };
}
