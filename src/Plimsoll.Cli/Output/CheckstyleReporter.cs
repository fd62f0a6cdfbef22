using System.Xml;
using Microsoft.CodeAnalysis;
using Plimsoll.Cli.Linting;

namespace Plimsoll.Cli.Output;

/// <summary>Checkstyle XML (version 4.3), which Jenkins, reviewdog and many CI dashboards read. Suppressed findings are left out.</summary>
internal static class CheckstyleReporter
{
    public static void Write(LintRun run, Stream output)
    {
        var settings = new XmlWriterSettings { Indent = true, Encoding = new System.Text.UTF8Encoding(false) };
        using var xml = XmlWriter.Create(output, settings);
        xml.WriteStartDocument();
        xml.WriteStartElement("checkstyle");
        xml.WriteAttributeString("version", "4.3");
        foreach (var file in ReportedFinding.From(run, includeSuppressed: false).GroupBy(r => r.File.Path, StringComparer.Ordinal))
        {
            xml.WriteStartElement("file");
            xml.WriteAttributeString("name", DisplayPaths.For(file.Key));
            foreach (var reported in file)
            {
                xml.WriteStartElement("error");
                xml.WriteAttributeString("line", reported.StartLine.ToString(System.Globalization.CultureInfo.InvariantCulture));
                xml.WriteAttributeString("column", reported.StartColumn.ToString(System.Globalization.CultureInfo.InvariantCulture));
                xml.WriteAttributeString("severity", Severity(reported.Finding.Severity));
                xml.WriteAttributeString("message", XmlSafe(reported.Message));
                xml.WriteAttributeString("source", "plimsoll." + reported.Finding.Id);
                xml.WriteEndElement();
            }
            xml.WriteEndElement();
        }
        xml.WriteEndElement();
        xml.WriteEndDocument();
    }

    internal static string Severity(DiagnosticSeverity severity) => severity switch
    {
        DiagnosticSeverity.Error => "error",
        DiagnosticSeverity.Warning => "warning",
        _ => "info",
    };

    // Messages quote file content; XML 1.0 cannot carry most control characters, so they become U+FFFD.
    private static string XmlSafe(string value)
    {
        var chars = value.ToCharArray();
        for (int i = 0; i < chars.Length; i++)
        {
            char c = chars[i];
            if (char.IsSurrogate(c))
            {
                if (char.IsHighSurrogate(c) && i + 1 < chars.Length && char.IsLowSurrogate(chars[i + 1])) { i++; continue; }
                chars[i] = '\uFFFD';
            }
            else if (!XmlConvert.IsXmlChar(c)) chars[i] = '\uFFFD';
        }
        return new string(chars);
    }
}
