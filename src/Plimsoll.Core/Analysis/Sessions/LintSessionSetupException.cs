namespace Plimsoll.Analysis.Sessions;

/// <summary>A session cannot be made from its options (a configuration, schema or baseline file that cannot be used): a usage error.</summary>
public sealed class LintSessionSetupException : Exception
{
    public LintSessionSetupException(string message)
        : base(message)
    {
    }
}
