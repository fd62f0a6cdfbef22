using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Plimsoll.Semantics.Compose.Interpolation;
using Plimsoll.Semantics.Compose.Projects;
using Plimsoll.Tests.Infrastructure;

namespace Plimsoll.Tests.Semantics.Compose.Projects;

/// <summary>Loading never throws and always ends: mutated corpus files, and files that extend and include each other in loops.</summary>
public class ProjectRobustnessProperties
{
    private static readonly Lazy<string[]> Corpus = new(() => Directory.EnumerateFiles(Path.Combine(TestPaths.Corpus, "compose"))
        .OrderBy(f => f, StringComparer.Ordinal).Select(File.ReadAllText).ToArray());

    private static readonly string[] Pieces =
    {
        "\n", "  ", ": ", "- ", "!reset ", "!override ", "&a ", "*a", "<<: *a\n", "${X:?boom}", "${", "$$", "extends: x\n", "extends: {file: f.yaml, service: s}\n",
        "include: [a.yaml]\n", "services:\n", "environment: [A=1]\n", "[", "{", "]", "}", "\"", "'", "#", "\t", ":", "?",
    };

    private static readonly ComposeProjectOptions Options = new() { VariableSource = ComposeVariables.FromEnvironment(new Dictionary<string, string> { ["X"] = "x" }) };

    /// <summary>A corpus file with a few pieces inserted and a few ranges deleted.</summary>
    private static Arbitrary<string> MutatedCorpusFile()
        => (from index in Gen.Choose(0, Corpus.Value.Length - 1)
            from edits in Gen.ArrayOf(Edit)
            select Mutate(Corpus.Value[index], edits.Take(8))).ToArbitrary();

    private static readonly Gen<(int, string, int)> Edit =
        from at in Gen.Choose(0, 100_000)
        from piece in Gen.Elements(Pieces)
        from delete in Gen.Choose(0, 20)
        select (at, piece, delete);

    private static readonly Gen<(int, int, int)> Link =
        from a in Gen.Choose(0, 3)
        from b in Gen.Choose(0, 3)
        from kind in Gen.Choose(0, 2)
        select (a, b, kind);

    private static string Mutate(string text, IEnumerable<(int At, string Piece, int Delete)> edits)
    {
        foreach (var (at, piece, delete) in edits)
        {
            int position = text.Length == 0 ? 0 : at % (text.Length + 1);
            int length = Math.Min(delete % 4 == 0 ? delete : 0, text.Length - position);
            text = text.Remove(position, length).Insert(position, piece);
        }
        return text;
    }

    [Property(MaxTest = 300)]
    public Property Loading_a_mutated_corpus_file_never_throws()
        => Prop.ForAll(MutatedCorpusFile(), text =>
        {
            foreach (bool stack in new[] { false, true })
            {
                var project = ComposeProjectLoader.LoadText(text, Path.Combine(Path.GetTempPath(), "plimsoll-fuzz", "compose.yaml"), stack, Options);
                foreach (var service in project.Services)
                {
                    _ = service.Image?.Text;
                    _ = service.Environment.Length + service.Networks.Length + service.Secrets.Length + service.Volumes.Length;
                }
                if (project.Diagnostics.Any(d => d.Location.SourceSpan.End > text.Length && d.Location.IsInSource)) return false;
            }
            return true;
        });

    /// <summary>Random graphs of files that extend and include each other (self-loops and cycles included) all load.</summary>
    [Property(MaxTest = 60)]
    public Property Extends_and_include_graphs_terminate()
        => Prop.ForAll(Gen.ArrayOf(Link).ToArbitrary(), links =>
        {
            // In memory: the loader reads through its file system, so nothing touches the disk.
            const string dir = "/graph";
            var files = new Plimsoll.Workspace.FileSystems.InMemoryFileSystem();
            {
                var texts = Enumerable.Range(0, 4).Select(i => new System.Text.StringBuilder()).ToArray();
                var includes = Enumerable.Range(0, 4).Select(_ => new List<string>()).ToArray();
                var services = Enumerable.Range(0, 4).Select(i => new List<string> { $"  s{i}:\n    image: i{i}\n" }).ToArray();
                foreach (var (from, to, kind) in links.Take(10))
                {
                    if (kind == 0) includes[from].Add($"f{to}.yaml");
                    else if (kind == 1) services[from].Add($"  e{from}{to}:\n    extends: {{file: f{to}.yaml, service: e{to}{from}}}\n");
                    else services[from].Add($"  e{from}{to}:\n    extends: e{to}{from}\n  e{to}{from}:\n    extends: e{from}{to}\n");
                }
                for (int i = 0; i < 4; i++)
                {
                    if (includes[i].Count > 0) texts[i].Append("include: [").Append(string.Join(", ", includes[i])).Append("]\n");
                    texts[i].Append("services:\n");
                    foreach (var s in services[i]) texts[i].Append(s);
                    files.SetFile(Path.Combine(dir, $"f{i}.yaml"), texts[i].ToString());
                }
                var options = new ComposeProjectOptions { VariableSource = Options.VariableSource, FileSystem = files };
                var project = ComposeProjectLoader.LoadFiles(new[] { Path.Combine(dir, "f0.yaml") }, options);
                return project.GetService("s0")?.Image?.Text == "i0";
            }
        });
}
