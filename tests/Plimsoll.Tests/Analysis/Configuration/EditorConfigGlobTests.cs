using System.Diagnostics;
using Plimsoll.Analysis.Configuration;

namespace Plimsoll.Tests.Analysis.Configuration;

/// <summary>Section-name matching, case by case from the EditorConfig specification's glob table and the behaviour its core tests pin down.</summary>
public class EditorConfigGlobTests
{
    [Theory]
    // '*': any run of characters except '/'
    [InlineData("a*e.c", "ace.c", true)]
    [InlineData("a*e.c", "ae.c", true)]
    [InlineData("a*e.c", "abcde.c", true)]
    [InlineData("a*e.c", "a/e.c", false)]
    [InlineData("*", ".editorconfig", true)]
    [InlineData("Bar/*", "Bar/foo.txt", true)]
    // '?': exactly one character except '/'
    [InlineData("som?.c", "some.c", true)]
    [InlineData("som?.c", "som.c", false)]
    [InlineData("som?.c", "someth.c", false)]
    [InlineData("som?.c", "som/.c", false)]
    // brackets
    [InlineData("[ab].a", "a.a", true)]
    [InlineData("[ab].a", "c.a", false)]
    [InlineData("[!ab].b", "c.b", true)]
    [InlineData("[!ab].b", "a.b", false)]
    [InlineData("[d-g].c", "f.c", true)]
    [InlineData("[d-g].c", "h.c", false)]
    [InlineData("[!d-g].d", "h.d", true)]
    [InlineData("[!d-g].d", "f.d", false)]
    [InlineData("[abd-g].e", "e.e", true)]
    [InlineData("[-]].f", "-.f", false)]
    [InlineData("[-].f", "-.f", true)]
    [InlineData("[]].g", "].g", true)]
    [InlineData("[!]].g", "c.g", true)]
    [InlineData("[!]].g", "].g", false)]
    [InlineData("[ab*c].x", "*.x", true)]
    [InlineData("[ab*c].x", "z.x", false)]
    [InlineData("ab[e/]cd.i", "ab[e/]cd.i", true)] // a '/' inside brackets makes them literal text
    [InlineData("ab[e/]cd.i", "abecd.i", false)]
    [InlineData("ab[/c", "ab[/c", true)]
    [InlineData("[abc", "[abc", true)] // unclosed bracket is literal
    // braces
    [InlineData("*.{py,js,html}", "test.py", true)]
    [InlineData("*.{py,js,html}", "test.html", true)]
    [InlineData("*.{py,js,html}", "test.pyc", false)]
    [InlineData("{single}.b", "{single}.b", true)]
    [InlineData("{single}.b", "single.b", false)]
    [InlineData("{}.c", "{}.c", true)]
    [InlineData("a{b,c,}.d", "a.d", true)]
    [InlineData("a{b,c,}.d", "ab.d", true)]
    [InlineData("a{b,c,}.d", "a,.d", false)]
    [InlineData("a{,b,,c,}.e", "ac.e", true)]
    [InlineData("{.f", "{.f", true)]
    [InlineData("{.f", ".f", false)]
    [InlineData("{word,{also},this}.g", "word.g", true)]
    [InlineData("{word,{also},this}.g", "{also}.g", true)]
    [InlineData("{word,{also},this}.g", "this.g", true)]
    [InlineData("{word,{also},this}.g", "also.g", false)]
    [InlineData("{{a,b},c}.k", "b.k", true)]
    [InlineData("{{a,b},c}.k", "{a,b}.k", false)]
    [InlineData("{a,{b,c}}.l", "c.l", true)]
    [InlineData("{},b}.h", "{},b}.h", true)]
    [InlineData("{{,b,c{d}.i", "{{,b,c{d}.i", true)]
    [InlineData("{{,b,c{d}.i", "b.i", false)]
    [InlineData("{a\\,b,cd}.txt", "a,b.txt", true)]
    [InlineData("{a\\,b,cd}.txt", "cd.txt", true)]
    [InlineData("{a\\,b,cd}.txt", "a.txt", false)]
    [InlineData("{e,\\},f}.txt", "}.txt", true)]
    [InlineData("{some,a{*c,b}[ef]}.j", "some.j", true)]
    [InlineData("{some,a{*c,b}[ef]}.j", "abce.j", true)]
    [InlineData("{some,a{*c,b}[ef]}.j", "abg.j", false)]
    [InlineData("{some,a{*c,b}[ef]}.j", "ae.j", false)]
    // numeric ranges
    [InlineData("{3..120}", "3", true)]
    [InlineData("{3..120}", "15", true)]
    [InlineData("{3..120}", "120", true)]
    [InlineData("{3..120}", "1", false)]
    [InlineData("{3..120}", "121", false)]
    [InlineData("{3..120}", "5a", false)]
    [InlineData("{3..120}", "060", false)]
    [InlineData("{-1..4}", "-1", true)]
    [InlineData("{-1..4}", "0", true)]
    [InlineData("{-1..4}", "-2", false)]
    [InlineData("{3..1}", "{3..1}", true)] // an inverted range is plain text
    [InlineData("{aardvark..antelope}", "{aardvark..antelope}", true)]
    [InlineData("{aardvark..antelope}", "agreement", false)]
    [InlineData("file{1..3}*", "file12", true)] // 1 for the range, "2" for the star
    [InlineData("file{1..3}*", "file42", false)]
    // '**': any run of characters, '/' included; "/**/" also matches a single '/'
    [InlineData("a**z.c", "a/z.c", true)]
    [InlineData("a**z.c", "amnz.c", true)]
    [InlineData("a**z.c", "a/mn/z.c", true)]
    [InlineData("b/**z.c", "b/z.c", true)]
    [InlineData("b/**z.c", "b/mn/z.c", true)]
    [InlineData("b/**z.c", "bmnz.c", false)]
    [InlineData("c**/z.c", "c/z.c", true)]
    [InlineData("c**/z.c", "cmn/z.c", true)]
    [InlineData("c**/z.c", "c/mnz.c", false)]
    [InlineData("d/**/z.c", "d/z.c", true)]
    [InlineData("d/**/z.c", "d/mn/z.c", true)]
    [InlineData("d/**/z.c", "d/mnz.c", false)]
    [InlineData("d/**/z.c", "dmn/z.c", false)]
    // without '/': any depth; with '/': relative to the .editorconfig folder
    [InlineData("*.yaml", "deploy/prod/stack.yaml", true)]
    [InlineData("Dockerfile", "services/api/Dockerfile", true)]
    [InlineData("Dockerfile", "services/api/Dockerfile.dev", false)]
    [InlineData("{Dockerfile,Containerfile}", "x/Containerfile", true)]
    [InlineData("*.{yml,yaml}", "compose.yml", true)]
    [InlineData("docker/**", "docker/a/b/Dockerfile", true)]
    [InlineData("docker/**", "src/docker/Dockerfile", false)]
    [InlineData("/docker/*", "docker/Dockerfile", true)]
    [InlineData("docker/*", "docker/a/Dockerfile", false)]
    [InlineData("**/compose*.yaml", "compose.yaml", true)]
    [InlineData("**/compose*.yaml", "a/b/compose.prod.yaml", true)]
    [InlineData("**/compose*.yaml", "a/b/docker-compose.yaml", false)]
    [InlineData("docker/", "docker/x", false)] // ending in '/' matches no file
    [InlineData("\\*.c", "*.c", true)]
    [InlineData("\\*.c", "a.c", false)]
    [InlineData("中文.txt", "中文.txt", true)]
    public void Matches_like_the_specification(string sectionName, string relativePath, bool expected)
    {
        Assert.Equal(expected, EditorConfigGlob.Compile(sectionName).IsMatch(relativePath));
    }

    [Theory]
    [InlineData("*.c", false)]
    [InlineData("{a,b}.c", false)]
    [InlineData("a/*.c", true)]
    [InlineData("/x", true)]
    [InlineData("{a/b,c}", true)]
    [InlineData("[a/]", true)] // the bracket is literal text then, so the '/' is a separator
    public void Knows_whether_a_name_is_anchored(string sectionName, bool hasSlash)
    {
        Assert.Equal(hasSlash, EditorConfigGlob.Compile(sectionName).HasSlash);
    }

    [Fact]
    public void Pathological_patterns_finish_quickly()
    {
        var watch = Stopwatch.StartNew();
        var glob = EditorConfigGlob.Compile("**a**a**a**a**a**a**a**a**a**a**b");
        Assert.False(glob.IsMatch(new string('a', 2000)));
        var nested = EditorConfigGlob.Compile(new string('{', 200) + "a" + new string('}', 200));
        Assert.False(nested.IsMatch("b"));
        var ranges = EditorConfigGlob.Compile("{0..99999}{0..99999}{0..99999}*x");
        Assert.False(ranges.IsMatch(new string('1', 1000)));
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(10), watch.Elapsed.ToString());
    }
}
