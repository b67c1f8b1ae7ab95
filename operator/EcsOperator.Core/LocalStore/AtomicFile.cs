using System.Text;

namespace EcsOperator.Core.LocalStore;

/// <summary>Whole-file reads and crash-safe writes (temp file in the same directory tree, fsync, rename).</summary>
internal static class AtomicFile
{
    /// <summary>UTF-8 without BOM; decoding never throws (invalid bytes become U+FFFD) so a corrupt file still reads.</summary>
    public static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: false);

    public static void WriteAllText(string path, string text, string tempDirectory) =>
        WriteAllBytes(path, Utf8.GetBytes(text), tempDirectory);

    public static void WriteAllBytes(string path, byte[] bytes, string tempDirectory)
    {
        Directory.CreateDirectory(tempDirectory);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var temp = Path.Combine(tempDirectory, $"{Path.GetFileName(path)}.{Guid.NewGuid():N}.tmp");
        try
        {
            using (var fs = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 4096, FileOptions.None))
            {
                fs.Write(bytes);
                fs.Flush(flushToDisk: true);
            }

            File.Move(temp, path, overwrite: true);
        }
        finally
        {
            if (File.Exists(temp)) File.Delete(temp);
        }
    }

    /// <summary>The file's bytes, or null when it does not exist.</summary>
    public static byte[]? TryReadAllBytes(string path)
    {
        try
        {
            return File.ReadAllBytes(path);
        }
        catch (FileNotFoundException)
        {
            return null;
        }
        catch (DirectoryNotFoundException)
        {
            return null;
        }
    }

    public static string? TryReadAllText(string path) => TryReadAllBytes(path) is { } b ? Utf8.GetString(b) : null;

    /// <summary>Deletes the file; false when it was not there.</summary>
    public static bool TryDelete(string path)
    {
        if (!File.Exists(path)) return false;
        File.Delete(path);
        return true;
    }
}
