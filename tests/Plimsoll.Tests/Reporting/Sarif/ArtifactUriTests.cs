using FsCheck.Xunit;
using Plimsoll.Reporting.Sarif;

namespace Plimsoll.Tests.Reporting.Sarif;

public sealed class ArtifactUriTests
{
    [Fact]
    public void Escapes_everything_but_unreserved_characters_and_slashes()
    {
        Assert.Equal("a%20b/c%2Bd%23e%25f%3Fg/%C3%BC/%F0%9F%90%B3/x-y_z.~1", ArtifactUri.EscapePath("a b/c+d#e%f?g/ü/🐳/x-y_z.~1"));
        Assert.Equal("/C:/dir", ArtifactUri.EscapePath("/C:/dir"));
        Assert.Equal("dir/a%3Ab", ArtifactUri.EscapePath("dir/a:b"));
        Assert.Equal("%EF%BF%BD", ArtifactUri.EscapePath("\ud800")); // a lone surrogate has no UTF-8 form
    }

    [Property(MaxTest = 300)]
    public bool Escaping_round_trips_through_System_Uri(string path)
    {
        if (path is null || path.Any(char.IsSurrogate)) return true;
        string escaped = ArtifactUri.EscapePath(path);
        return escaped.All(c => c < 128 && (char.IsLetterOrDigit(c) || "-._~/%:".Contains(c))) && Uri.UnescapeDataString(escaped) == path;
    }

    [Fact]
    public void Maps_inside_the_root_relative_and_elsewhere_absolute()
    {
        string root = Path.Combine(Path.GetTempPath(), "repo");
        var mapper = new ArtifactUri.Mapper(root);
        Assert.Equal(new Uri(root + Path.DirectorySeparatorChar).AbsoluteUri, mapper.RootUri);

        var inside = mapper.Map(Path.Combine(root, "src", "Dockerfile"));
        Assert.Equal(("src/Dockerfile", "%SRCROOT%"), (inside.Uri, inside.UriBaseId));
        // A relative path is taken relative to the root.
        Assert.Equal(inside, mapper.Map(Path.Combine("src", "Dockerfile")));

        // A sibling whose name starts like the root, a path that climbs out, and the root itself stay absolute.
        foreach (var outside in new[] { root + "sitory" + Path.DirectorySeparatorChar + "Dockerfile", Path.Combine(root, "..", "other", "Dockerfile"), root })
        {
            var mapped = mapper.Map(outside);
            Assert.Null(mapped.UriBaseId);
            Assert.Equal(Path.GetFullPath(outside), new Uri(mapped.Uri).LocalPath);
        }

        var noRoot = new ArtifactUri.Mapper(null);
        Assert.Null(noRoot.RootUri);
        Assert.Null(noRoot.Map(Path.Combine(root, "Dockerfile")).UriBaseId);
    }
}
