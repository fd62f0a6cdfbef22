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

    // The last word of a name says what the value is (SECRET_LOCAL_HOSTNAME is a host name, DB_PASSWORD_FILE a path):
    // these heads name something that is not itself a credential.
    private static readonly HashSet<string> NonSecretHeads = new(StringComparer.OrdinalIgnoreCase)
    {
        "FILE", "PATH", "DIR", "URL", "URI", "NAME", "USER", "USERNAME", "ID", "LENGTH", "COMMAND", "CMD", "HOST", "HOSTNAME",
        "PORT", "ADDR", "ADDRESS", "ENDPOINT", "SERVER", "MODE", "TYPE", "ENABLED", "DISABLED", "TTL", "TIMEOUT", "EXPIRY",
        "EXPIRES", "EXPIRATION", "LIFETIME", "ALGORITHM", "ALG", "POLICY", "PROVIDER", "METHOD", "REGION", "FORMAT", "VERSION",
        "HEADER", "PREFIX", "SUFFIX", "LOCATION", "BACKEND", "STORE", "KEYRING", "DRIVER", "SOURCE",
    };

    /// <summary>True for names like DB_PASSWORD, GITHUB_TOKEN, AWS_SECRET_ACCESS_KEY; false for *_FILE, *_PATH, *_HOSTNAME and similar.</summary>
    public static bool IsSecretName(string name)
    {
        var words = name.Split(new[] { '_', '-', '.' }, StringSplitOptions.RemoveEmptyEntries);
        if (words.Length == 0) return false;
        if (NonSecretHeads.Contains(words[words.Length - 1])) return false;
        foreach (var word in words)
            if (SecretWords.Contains(word)) return true;
        for (int i = 0; i + 1 < words.Length; i++)
            foreach (var (a, b) in SecretPairs)
                if (words[i].Equals(a, StringComparison.OrdinalIgnoreCase) && words[i + 1].Equals(b, StringComparison.OrdinalIgnoreCase)) return true;
        return false;
    }
}
