namespace Plimsoll.Rules.Secrets;

/// <summary>Which variable names hold credentials: judged on the name's words, so TOKENIZERS or GPG_KEY are not secrets.</summary>
internal static class SecretNames
{
    private static readonly HashSet<string> SecretWords = new(StringComparer.OrdinalIgnoreCase)
    {
        "PASSWORD", "PASSWORDS", "PASSWD", "PASSPHRASE", "PASS", "PWD_SECRET", "SECRET", "SECRETS", "TOKEN", "TOKENS", "APIKEY",
        "CREDENTIAL", "CREDENTIALS", "PRIVATEKEY",
    };

    // Words run together (DBPASSWORD, MYAPIKEY, clientSecret): a word ending in one of these names a credential.
    private static readonly string[] SecretWordEndings = { "PASSWORD", "PASSWD", "APIKEY", "SECRET", "TOKEN" };

    // Only as the last word of a longer name: PWD alone is the shell's working directory, SALT_ROUNDS a count.
    private static readonly HashSet<string> SecretHeadsOnly = new(StringComparer.OrdinalIgnoreCase) { "PWD", "SALT" };

    private static readonly (string, string)[] SecretPairs =
    {
        ("API", "KEY"), ("PRIVATE", "KEY"), ("ACCESS", "KEY"), ("SECRET", "KEY"), ("CLIENT", "SECRET"), ("AUTH", "TOKEN"), ("ACCESS", "TOKEN"),
        ("ENCRYPTION", "KEY"), ("SIGNING", "KEY"),
    };

    // The last word of a name says what the value is (SECRET_LOCAL_HOSTNAME is a host name, DB_PASSWORD_FILE a path):
    // these heads name something that is not itself a credential.
    private static readonly HashSet<string> NonSecretHeads = new(StringComparer.OrdinalIgnoreCase)
    {
        "FILE", "PATH", "DIR", "URL", "URI", "NAME", "USER", "USERNAME", "ID", "COMMAND", "CMD", "HOST", "HOSTNAME",
        "PORT", "ADDR", "ADDRESS", "ENDPOINT", "SERVER", "MODE", "TYPE", "ENABLED", "DISABLED", "ALGORITHM", "ALG", "POLICY",
        "PROVIDER", "METHOD", "REGION", "FORMAT", "VERSION", "HEADER", "PREFIX", "SUFFIX", "LOCATION", "BACKEND", "STORE",
        "KEYRING", "DRIVER", "SOURCE",
    };

    // Heads that name a quantity (TOKEN_TTL, PASSWORD_LENGTH): not a credential when the value is one, or when there is
    // no value to judge; TOKEN_TTL=hunter2 still is.
    private static readonly HashSet<string> QuantityHeads = new(StringComparer.OrdinalIgnoreCase)
    {
        "TTL", "TIMEOUT", "EXPIRY", "EXPIRES", "EXPIRATION", "LIFETIME", "LENGTH",
    };

    // Heads that are the credential itself: DB_PASSWORD=1234 is a (weak) password, not a quantity.
    private static readonly HashSet<string> CredentialHeads = new(StringComparer.OrdinalIgnoreCase)
    {
        "PASSWORD", "PASSWD", "PASSPHRASE", "PASS", "PWD", "SECRET", "TOKEN", "APIKEY", "KEY", "CREDENTIAL", "PRIVATEKEY", "SALT",
    };

    /// <summary>True for names like DB_PASSWORD, GITHUB_TOKEN, AWS_SECRET_ACCESS_KEY; false for *_FILE, *_PATH, *_HOSTNAME, *_TTL and similar.</summary>
    public static bool IsSecretName(string name)
    {
        var words = Words(name);
        return words.Length > 0 && !QuantityHeads.Contains(words[words.Length - 1]) && HasSecretWords(words);
    }

    /// <summary>
    /// True when <paramref name="name"/> set to the literal <paramref name="value"/> is a credential: a secret name, except
    /// that a quantity (<c>30</c>, <c>24h</c>) given to a name that counts or times something (<c>JWT_ACCESS_TOKEN_EXPIRE_MINUTES</c>,
    /// <c>OPENAI_MAX_TOKENS</c>, <c>TOKEN_TTL</c>) is not one.
    /// </summary>
    public static bool IsSecretSetting(string name, string value)
    {
        var words = Words(name);
        if (words.Length == 0 || !HasSecretWords(words)) return false;
        string head = words[words.Length - 1];
        if (IsNamedByFingerprint(words, value)) return false;
        return !(CredentialValues.IsQuantity(value) && !CredentialHeads.Contains(head));
    }

    // A signing key given by its OpenPGP fingerprint or key id (SWIFT_SIGNING_KEY=A62AE125…, 40 or 16 hex digits) names
    // the public key a download is verified with, which the project publishes; a private or HMAC key is not written so.
    private static bool IsNamedByFingerprint(string[] words, string value)
    {
        if (words.Length < 2 || !words[words.Length - 1].Equals("KEY", StringComparison.OrdinalIgnoreCase)
            || !words[words.Length - 2].Equals("SIGNING", StringComparison.OrdinalIgnoreCase)) return false;
        string hex = value.Trim().Trim('"', '\'').Replace(" ", "");
        if (hex.StartsWith("0x", StringComparison.OrdinalIgnoreCase)) hex = hex.Substring(2);
        return hex.Length is 16 or 40 && hex.All(c => (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'));
    }

    private static bool IsAccessKeyId(string[] words)
    {
        int n = words.Length;
        return n >= 3 && words[n - 3].Equals("ACCESS", StringComparison.OrdinalIgnoreCase)
            && words[n - 2].Equals("KEY", StringComparison.OrdinalIgnoreCase) && words[n - 1].Equals("ID", StringComparison.OrdinalIgnoreCase);
    }

    private static readonly char[] WordSeparators = { '_', '-', '.' };

    private static string[] Words(string name) => name.Split(WordSeparators, StringSplitOptions.RemoveEmptyEntries);

    private static bool HasSecretWords(string[] words)
    {
        string head = words[words.Length - 1];
        // An access key id (AWS_ACCESS_KEY_ID, VITE_AWS_ACCESS_KEY_ID) is the public half of a key pair, but it is
        // passed and leaked together with the secret half, and names the account: the pair is the credential.
        if (IsAccessKeyId(words)) return true;
        if (NonSecretHeads.Contains(head)) return false;
        if (words.Length > 1 && SecretHeadsOnly.Contains(head)) return true;
        foreach (var word in words)
        {
            if (SecretWords.Contains(word)) return true;
            foreach (var ending in SecretWordEndings)
                if (word.Length > ending.Length && word.EndsWith(ending, StringComparison.OrdinalIgnoreCase)) return true;
        }
        for (int i = 0; i + 1 < words.Length; i++)
            foreach (var (a, b) in SecretPairs)
                if (words[i].Equals(a, StringComparison.OrdinalIgnoreCase) && words[i + 1].Equals(b, StringComparison.OrdinalIgnoreCase)) return true;
        return false;
    }
}
