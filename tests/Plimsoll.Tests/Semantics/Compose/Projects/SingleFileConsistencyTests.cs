using Microsoft.CodeAnalysis.Text;
using Plimsoll.Semantics.Compose;
using Plimsoll.Semantics.Compose.Interpolation;
using Plimsoll.Semantics.Compose.Projects;
using Plimsoll.Syntax.Yaml;
using Plimsoll.Tests.Infrastructure;

namespace Plimsoll.Tests.Semantics.Compose.Projects;

/// <summary>A project of one file sees what <see cref="ComposeFile"/> sees in that file: same services, raw values and nodes.</summary>
public class SingleFileConsistencyTests
{
    [Fact]
    public void Every_corpus_file_as_a_project_agrees_with_its_single_file_model()
    {
        var options = new ComposeProjectOptions { VariableSource = ComposeVariables.Empty };
        var interpolator = new ComposeInterpolator(ComposeVariables.Empty);
        int files = 0, services = 0, values = 0;
        var problems = new List<string>();
        foreach (var path in Directory.EnumerateFiles(Path.Combine(TestPaths.Corpus, "compose")).OrderBy(f => f, StringComparer.Ordinal))
        {
            string name = Path.GetFileName(path);
            var file = ComposeFile.Load(YamlSyntaxTree.Parse(SourceText.From(File.ReadAllText(path)), path));
            var project = ComposeProjectLoader.LoadFiles(new[] { path }, options);
            files++;
            // extends changes a service (tested elsewhere); include adds services
            if (file.Root?.FindEntry("include") != null) continue;
            void Check(string what, string? mine, string? theirs)
            {
                values++;
                if (mine != theirs) problems.Add($"{name} {what}: ComposeFile={theirs ?? "<null>"} project={mine ?? "<null>"}");
            }
            Check("services", string.Join(",", project.Services.Select(s => s.Name)), string.Join(",", file.Services.Select(s => s.Name)));
            foreach (var single in file.Services)
            {
                var merged = project.GetService(single.Name);
                if (merged == null || single.Get("extends") != null) continue;
                services++;
                Check(single.Name + " image", merged.Image?.Raw, single.Image?.Value);
                Check(single.Name + " image span", merged.Image?.Span.ToString(), single.Image?.Span.ToString());
                Check(single.Name + " privileged", merged.Privileged?.Raw, single.Privileged?.Value);
                Check(single.Name + " user", merged.User?.Raw, single.User?.Value);
                Check(single.Name + " networks", string.Join(",", merged.Networks.Select(n => n.Name)), 
                    // list-form names are interpolated into the project's keys (docker does the same)
                    string.Join(",", single.Networks.Select(n => n.Settings == null && n.NameNode.Parent is YamlSequenceNode ? interpolator.Interpolate(n.Name).Text : n.Name).Distinct()));
                Check(single.Name + " secrets", string.Join(",", merged.Secrets.Select(s => s.Source?.Raw)), string.Join(",", single.Secrets.Select(s => s.Source?.Value)));
                // the project merges repeated names (the last wins), as compose does
                var environment = single.Environment.GroupBy(e => e.Name).Select(g => g.Last()).ToList();
                Check(single.Name + " environment", string.Join(",", merged.Environment.Select(e => e.Name + "=" + e.Value?.Raw)),
                    string.Join(",", environment.Select(e => e.Name + "=" + e.Value)));
                Check(single.Name + " cap_add", string.Join(",", merged.CapAdd.Select(c => c.Raw)), string.Join(",", single.CapAdd.Select(c => c.Value)));
            }
        }
        Assert.True(files > 150 && services > 300 && values > 2000, $"too little compared: {files} files, {services} services, {values} values");
        Assert.Empty(problems.Take(30));
    }
}
