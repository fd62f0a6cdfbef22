using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Plimsoll.Workspace.FileSystems;

namespace Plimsoll.Tests.Workspace;

/// <summary>
/// FilePaths.Normalize and FilePaths.GetFullPath return a path that is already normal without asking Path.GetFullPath:
/// the answer must be the one Path.GetFullPath gives, for every path, normal or not.
/// </summary>
public class FilePathsTests
{
    // What Normalize did before its fast path: the reference it must still agree with.
    private static string ByGetFullPath(string path)
    {
        string full;
        try
        {
            full = Path.GetFullPath(path);
        }
        catch (Exception e) when (e is ArgumentException or NotSupportedException or PathTooLongException)
        {
            full = path;
        }
        full = full.Replace('\\', '/');
        return full.Length > 1 && full.EndsWith('/') && !full.EndsWith(":/", StringComparison.Ordinal) ? full[..^1] : full;
    }

    private static readonly string[] Pieces = { "/", "/", "/", ".", "..", "a", "bc", ".d", "e.", "\\", " ", "\0", "C:" };

    private static Arbitrary<string> Paths()
        => (from rooted in Gen.Elements(true, true, true, false)
            from parts in Gen.ArrayOf(Gen.Elements(Pieces))
            select (rooted ? "/" : "") + string.Concat(parts.Take(12))).ToArbitrary();

    [Property(MaxTest = 2000)]
    public Property Normalize_agrees_with_GetFullPath_on_any_path()
        => Prop.ForAll(Paths(), path => Assert.Equal(ByGetFullPath(path), FilePaths.Normalize(path)));

    [Property(MaxTest = 2000)]
    public Property GetFullPath_agrees_with_Path_GetFullPath_on_any_path()
        => Prop.ForAll(Paths(), path => Assert.Equal(Outcome(() => Path.GetFullPath(path)), Outcome(() => FilePaths.GetFullPath(path))));

    // The last full path is kept per thread: asked again, in turn with other paths, each answer is still its own.
    [Property(MaxTest = 1000)]
    public Property GetFullPath_asked_again_in_turn_with_other_paths_answers_as_the_first_time()
        => Prop.ForAll(Paths(), Paths(), (first, second) =>
        {
            var expected = (Outcome(() => Path.GetFullPath(first)), Outcome(() => Path.GetFullPath(second)));
            for (int i = 0; i < 3; i++)
            {
                Assert.Equal(expected.Item1, Outcome(() => FilePaths.GetFullPath(first)));
                Assert.Equal(expected.Item1, Outcome(() => FilePaths.GetFullPath(first)));
                Assert.Equal(expected.Item2, Outcome(() => FilePaths.GetFullPath(second)));
            }
        });

    // The full path, or the type of exception thrown instead.
    private static string Outcome(Func<string> getFullPath)
    {
        try
        {
            return getFullPath();
        }
        catch (Exception e)
        {
            return e.GetType().Name;
        }
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/work/a/Dockerfile")]
    [InlineData("/work/./a")]
    [InlineData("/work/../a")]
    [InlineData("/work//a")]
    [InlineData("/work/a/")]
    [InlineData("/work/a/.")]
    [InlineData("/work/a/..")]
    [InlineData("/work/.hidden/..x/x../Dockerfile")]
    [InlineData("/work/a\\b")]
    [InlineData("relative/Dockerfile")]
    public void Normalize_agrees_with_GetFullPath_on_the_edge_cases(string path)
        => Assert.Equal(ByGetFullPath(path), FilePaths.Normalize(path));

    [Fact]
    public void A_normal_path_is_returned_as_the_same_string()
    {
        string path = Path.Combine(Path.GetTempPath(), "plimsoll", "Dockerfile").Replace('\\', '/');
        if (Path.DirectorySeparatorChar == '/') Assert.Same(path, FilePaths.Normalize(path));
        else Assert.Equal(ByGetFullPath(path), FilePaths.Normalize(path)); // elsewhere the runtime decides
    }
}
