namespace Plimsoll.Analysis.Configuration;

/// <summary>Gives the options in effect for a file. Implementations are thread-safe: files are linted in parallel.</summary>
public interface IAnalyzerOptionsProvider
{
    AnalyzerOptions GetOptions(string filePath);
}
