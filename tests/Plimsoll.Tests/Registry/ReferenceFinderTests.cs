using Microsoft.CodeAnalysis.Text;
using Plimsoll.Cli.Pinning;

namespace Plimsoll.Tests.Registry;

/// <summary>Which references pin rewrites and the exact text of each span.</summary>
public sealed class ReferenceFinderTests
{
    private static List<string> Sites(ReferenceSites found, SourceText text)
        => found.Sites.Select(s => $"{s.Position.Line + 1}:{s.Position.Character + 1} {text.ToString(s.Span)} [{s.Where}]").ToList();

    [Fact]
    public void Dockerfile_sites_skip_stages_scratch_build_contexts_and_unresolvable_arguments()
    {
        var text = SourceText.From(
            "ARG BASE=\"alpine:3.20\"\nARG TAG\nFROM ${BASE} AS base\nFROM base AS build\nCOPY --from=base /a /b\nCOPY --from=context /a /b\n" +
            "COPY --from=busybox:1.36 /bin/sh /sh\nRUN --mount=type=cache,target=/c --mount=from=golang:1.22,source=/usr,target=/g true\n" +
            "FROM node:${TAG}\nFROM scratch\nFROM \"debian:12\"\nCOPY --from=0 /a /b\n");
        var found = DockerfileReferenceFinder.Find(text, "Dockerfile");
        Assert.Equal(new[]
        {
            "1:11 alpine:3.20 [ARG BASE default (FROM on line 3)]",
            "7:13 busybox:1.36 [COPY --from]",
            "8:47 golang:1.22 [RUN --mount from]",
            "11:7 debian:12 [FROM]",
        }, Sites(found, text));
        var skipped = Assert.Single(found.Skipped);
        Assert.Equal("node:${TAG}", skipped.Text);
        Assert.Equal(8, skipped.Position.Line);
    }

    [Fact]
    public void Compose_sites_are_plain_or_quoted_scalars_and_skip_interpolation()
    {
        var text = SourceText.From(
            "x-base: &base\n  image: redis:7\nservices:\n  a:\n    image: 'nginx:1.27'\n  b: *base\n  c:\n    image: ${IMAGE:-app:1}\n  d:\n    build: .\n  e:\n    image: \"ghcr.io/o/e:2\"\n");
        var found = ComposeReferenceFinder.Find(text, "compose.yaml");
        Assert.Equal(new[]
        {
            "2:10 redis:7 [service b image]",
            "5:13 nginx:1.27 [service a image]",
            "12:13 ghcr.io/o/e:2 [service e image]",
        }, Sites(found, text));
        Assert.Equal("${IMAGE:-app:1}", Assert.Single(found.Skipped).Text);
    }

    [Fact]
    public void Project_file_sites_are_literal_ContainerBaseImage_values_and_skip_properties_escapes_and_cdata()
    {
        var text = SourceText.From(
            "\uFEFF<Project Sdk=\"Microsoft.NET.Sdk.Web\">\r\n  <PropertyGroup>\r\n\t<ContainerBaseImage>mcr.microsoft.com/dotnet/aspnet:8.0</ContainerBaseImage>\r\n" +
            "    <ContainerBaseImage Condition=\"'$(Configuration)' == 'Release'\">\r\n      mcr.microsoft.com/dotnet/runtime-deps:8.0-alpine\r\n    </ContainerBaseImage>\r\n" +
            "    <!-- <ContainerBaseImage>commented:1</ContainerBaseImage> -->\r\n" +
            "    <ContainerBaseImage>$(BaseRegistry)/aspnet:8.0</ContainerBaseImage>\r\n    <ContainerBaseImage>a&amp;b:1</ContainerBaseImage>\r\n" +
            "    <ContainerBaseImage><![CDATA[debian:12]]></ContainerBaseImage>\r\n    <ContainerBaseImage />\r\n  </PropertyGroup>\r\n</Project>\r\n");
        var found = ProjectFileReferenceFinder.Find(text, "App.csproj");
        Assert.Equal(new[]
        {
            "3:22 mcr.microsoft.com/dotnet/aspnet:8.0 [ContainerBaseImage property]",
            "5:7 mcr.microsoft.com/dotnet/runtime-deps:8.0-alpine [ContainerBaseImage property]",
        }, Sites(found, text));
        Assert.Equal(new[] { "8:25 $(BaseRegistry)/aspnet:8.0", "9:25 a&b:1", "10:5 ContainerBaseImage" },
            found.Skipped.Select(k => $"{k.Position.Line + 1}:{k.Position.Character + 1} {k.Text}"));
    }

    [Fact]
    public void A_project_file_that_is_not_xml_is_reported_not_thrown()
    {
        var found = ProjectFileReferenceFinder.Find(SourceText.From("<Project>\n  <ContainerBaseImage>alpine:3</ContainerBaseImage>\n  <PropertyGroup>\n"), "Broken.csproj");
        Assert.Equal("alpine:3", Assert.Single(found.Sites).Reference);
        Assert.Contains("not well-formed XML", Assert.Single(found.Skipped).Reason);
    }

    [Fact]
    public void Unified_diff_shows_changed_lines_with_context_and_merges_near_hunks()
    {
        // As `diff -u` prints it: six unchanged lines between two changes still make one hunk (the contexts touch).
        var before = SourceText.From("a\nb\nc\nd\ne\nf\ng\nh\ni\nj\nk\nl\nm\n");
        var after = SourceText.From("a\nB\nc\nd\ne\nF\ng\nh\ni\nj\nk\nl\nM\n");
        Assert.Equal(
            "--- a/x\n+++ b/x\n@@ -1,13 +1,13 @@\n a\n-b\n+B\n c\n d\n e\n-f\n+F\n g\n h\n i\n j\n k\n l\n-m\n+M\n",
            Plimsoll.Cli.Output.UnifiedDiff.Create("x", before.ToString(), after.ToString()));
    }
}
