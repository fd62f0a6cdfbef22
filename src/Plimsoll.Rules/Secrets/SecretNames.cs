namespace Plimsoll.Rules.Secrets;

/// <summary>Which variable names hold credentials: judged on the name's words, so TOKENIZERS or GPG_KEY are not secrets.</summary>
internal static class SecretNames
{
    private static readonly HashSet<string> SecretWords = new(StringComparer.OrdinalIgnoreCase)
    {
        "PASSWORD", "PASSWD", "PASSPHRASE", "PASS", "PWD_SECRET", "SECRET", "SECRETS", "TOKEN", "APIKEY", "CREDENTIAL", "CREDENTIALS", "PRIVATEKEY",
    };

    private static readonly (string, string)[] SecretPairs =
    {
        ("API", "KEY"), ("PRIVATE", "KEY"), ("ACCESS", "KEY"), ("SECRET", "KEY"), ("CLIENT", "SECRET"), ("AUTH", "TOKEN"), ("ACCESS", "TOKEN"),
    };

    /// <summary>True for names like DB_PASSWORD, GITHUB_TOKEN, AWS_SECRET_ACCESS_KEY; false for *_FILE, *_PATH and similar pointers.</summary>
    public static bool IsSecretName(string name)
    {
        var words = name.Split(new[] { '_', '-', '.' }, StringSplitOptions.RemoveEmptyEntries);
        if (words.Length == 0) return false;
        string last = words[words.Length - 1].ToUpperInvariant();
        if (last == "FILE" || last == "PATH" || last == "DIR" || last == "URL" || last == "NAME" || last == "USER" || last == "ID" || last == "LENGTH" || last == "COMMAND" || last == "CMD") return false;
        foreach (var word in words)
            if (SecretWords.Contains(word)) return true;
        for (int i = 0; i + 1 < words.Length; i++)
            foreach (var (a, b) in SecretPairs)
                if (words[i].Equals(a, StringComparison.OrdinalIgnoreCase) && words[i + 1].Equals(b, StringComparison.OrdinalIgnoreCase)) return true;
        return false;
    }
}
