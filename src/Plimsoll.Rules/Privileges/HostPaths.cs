using Plimsoll.Semantics.Compose.Projects;

namespace Plimsoll.Rules.Privileges;

/// <summary>What a host path bind-mounted into a container hands over, for PL2006 and PL2007.</summary>
internal static class HostPaths
{
    /// <summary>A sensitive host area: what mounting it exposes, and whether writing there is root on the host.</summary>
    internal sealed class Area
    {
        public Area(string prefix, string exposes, bool rootWhenWritable)
        {
            Prefix = prefix;
            Exposes = exposes;
            RootWhenWritable = rootWhenWritable;
        }

        public string Prefix { get; }
        public string Exposes { get; }
        public bool RootWhenWritable { get; }
    }

    // Where writing a file is root on the host: the path itself, or any path below it.
    private static readonly (string Path, string Exposes)[] RootEquivalent =
    {
        ("/etc/crontab", "the host's crontab"), ("/etc/cron.d", "the host's cron jobs"), ("/etc/cron.hourly", "the host's cron jobs"),
        ("/etc/cron.daily", "the host's cron jobs"), ("/etc/cron.weekly", "the host's cron jobs"), ("/etc/cron.monthly", "the host's cron jobs"),
        ("/var/spool/cron", "the host's crontabs"),
        ("/etc/sudoers", "the host's sudo rules"), ("/etc/sudoers.d", "the host's sudo rules"),
        ("/etc/passwd", "the host's user accounts"), ("/etc/shadow", "the host's passwords"), ("/etc/group", "the host's groups"), ("/etc/gshadow", "the host's groups"),
        ("/etc/ld.so.preload", "the host's dynamic loader settings"), ("/etc/ld.so.conf", "the host's dynamic loader settings"), ("/etc/ld.so.conf.d", "the host's dynamic loader settings"),
        ("/etc/profile", "the host's login scripts"), ("/etc/profile.d", "the host's login scripts"), ("/etc/bash.bashrc", "the host's login scripts"), ("/etc/environment", "the host's login environment"),
        ("/etc/systemd", "the host's systemd units"), ("/etc/init.d", "the host's init scripts"), ("/etc/rc.local", "the host's init scripts"),
        ("/etc/ssh", "the host's SSH server settings"), ("/etc/pam.d", "the host's login rules (PAM)"), ("/etc/security", "the host's login rules (PAM)"),
        ("/etc/modprobe.d", "the host's kernel module settings"), ("/etc/modules-load.d", "the host's kernel module settings"), ("/etc/udev", "the host's device rules"),
        ("/etc/docker", "the Docker daemon's settings"),
        ("/root/.ssh", "root's SSH keys"), ("/root/.bashrc", "root's shell start-up files"), ("/root/.profile", "root's shell start-up files"), ("/root/.bash_profile", "root's shell start-up files"),
        ("/boot", "the host's kernel and boot loader"),
        ("/proc", "the host's kernel settings (such as core_pattern)"),
        ("/var/lib/docker", "Docker's state (every container's filesystem and image layers)"),
        ("/var/lib/containerd", "containerd's state (every container's filesystem and image layers)"),
        ("/usr/bin", "the host's programs"), ("/usr/sbin", "the host's programs"), ("/usr/local/bin", "the host's programs"), ("/usr/local/sbin", "the host's programs"),
        ("/usr/lib", "the host's libraries"), ("/usr/lib64", "the host's libraries"), ("/usr/libexec", "the host's programs"), ("/usr/local/lib", "the host's libraries"),
        ("/bin", "the host's programs"), ("/sbin", "the host's programs"), ("/lib", "the host's libraries and kernel modules"), ("/lib64", "the host's libraries"),
    };

    // Root-equivalent only as a whole: a folder of their own below them (/etc/pihole, /root/data) is not.
    private static readonly (string Path, string Exposes)[] RootEquivalentExactly =
    {
        ("/etc", "the host's system configuration (cron, sudoers, shadow, ssh)"),
        ("/root", "root's home directory (SSH keys, shell start-up files)"),
        ("/usr", "the host's programs and libraries"),
        // Folders that hold Docker's and containerd's state (and the crontabs): writing them writes those.
        ("/var", "the host's state, Docker's, containerd's and the crontabs included"),
        ("/var/lib", "the host's service state, Docker's and containerd's included"),
    };

    // What a mount exposes even read-only (most specific first).
    private static readonly (string Prefix, string Exposes)[] Sensitive =
    {
        ("/var/lib/docker", "Docker's state (every container's filesystem and image layers)"),
        ("/var/lib/containerd", "containerd's state (every container's filesystem and image layers)"),
        ("/var/spool/cron", "the host's crontabs"),
        ("/etc", "the host's system configuration"),
        ("/root", "root's home directory (SSH keys, shell history, credentials)"),
        ("/boot", "the host's kernel and boot loader"),
        ("/proc", "the host's kernel settings and every process's environment"),
        ("/sys", "the host's kernel and device interfaces"),
        ("/dev", "the host's devices"),
        ("/var/run", "the host's runtime sockets and state"),
        ("/run", "the host's runtime sockets and state"),
    };

    // Files under /etc that carry nothing secret: read-only they are ordinary (name resolution, identity, CA
    // certificates, user names).
    private static readonly string[] ReadOnlyHarmless =
    {
        "/etc/hosts", "/etc/hostname", "/etc/resolv.conf", "/etc/os-release", "/etc/machine-id", "/etc/passwd", "/etc/group",
        "/etc/ssl/certs", "/etc/ca-certificates", "/etc/pki/ca-trust", "/etc/pki/tls/certs", "/etc/ca-certificates.conf",
    };

    // Of those, the ones whose writing misleads the host without making the writer root (unlike /etc/passwd).
    private static readonly (string Path, string Exposes)[] WritableNotRoot =
    {
        ("/etc/hosts", "the host's name resolution"), ("/etc/hostname", "the host's name"), ("/etc/resolv.conf", "the host's name resolution"),
        ("/etc/os-release", "the host's identity"), ("/etc/machine-id", "the host's identity"),
        ("/etc/ssl/certs", "the certificate authorities the host trusts"), ("/etc/ca-certificates", "the certificate authorities the host trusts"),
        ("/etc/pki/ca-trust", "the certificate authorities the host trusts"), ("/etc/pki/tls/certs", "the certificate authorities the host trusts"),
        ("/etc/localtime", "the host's time zone"), ("/etc/timezone", "the host's time zone"),
    };

    // The time-zone files tell only the host's UTC offset: harmless read-only. Writable, the container sets the host's
    // time zone (the bind mount follows the symlink to the zoneinfo file itself).
    private static readonly string[] HarmlessReadOnly = { "/etc/localtime", "/etc/timezone" };

    // Credential directories in a home directory.
    private static readonly string[] HomeSecrets = { ".ssh", ".aws", ".kube", ".docker", ".gnupg", ".azure", ".config/gcloud", ".netrc", ".git-credentials" };

    /// <summary>The host path a volume entry binds, normalized (<c>~</c> kept as written); null for named volumes, relative paths and unknown values.</summary>
    public static string? BoundHostPath(ProjectServiceVolume volume)
    {
        if (volume.Source?.KnownText is not { Length: > 0 } source) return null;
        bool bind = volume.IsBind || (!volume.IsShortSyntax && volume.Type == null && source.StartsWith("/", StringComparison.Ordinal));
        if (!bind) return null;
        if (!source.StartsWith("/", StringComparison.Ordinal) && source != "~" && !source.StartsWith("~/", StringComparison.Ordinal)) return null;
        return Normalize(source);
    }

    /// <summary>Collapses <c>//</c>, <c>/./</c> and <c>/../</c> and drops a trailing slash.</summary>
    internal static string Normalize(string path)
    {
        bool home = path.StartsWith("~", StringComparison.Ordinal);
        var parts = new List<string>();
        foreach (var part in (home ? path.Substring(1) : path).Split('/'))
        {
            if (part.Length == 0 || part == ".") continue;
            if (part == "..")
            {
                if (parts.Count > 0) parts.RemoveAt(parts.Count - 1);
                continue;
            }
            parts.Add(part);
        }
        string joined = "/" + string.Join("/", parts);
        return home ? (parts.Count == 0 ? "~" : "~" + joined) : joined;
    }

    /// <summary>The area of the host a path belongs to, or null when mounting it is ordinary.</summary>
    public static Area? Classify(string path, bool readOnly)
    {
        if (path == "/") return new Area("/", "the whole host filesystem", true);
        if (readOnly && HarmlessReadOnly.Any(h => IsAtOrUnder(path, h))) return null;
        if (!readOnly)
        {
            foreach (var (root, exposes) in RootEquivalent)
            {
                if (IsAtOrUnder(path, root)) return new Area(root, exposes, true);
            }
            foreach (var (root, exposes) in RootEquivalentExactly)
            {
                if (path == root) return new Area(root, exposes, true);
            }
            // Writing /etc/hosts or /etc/resolv.conf misdirects the host's name lookups but is not root.
            foreach (var (file, exposes) in WritableNotRoot)
            {
                if (IsAtOrUnder(path, file)) return new Area(file, exposes, false);
            }
        }
        else if (ReadOnlyHarmless.Any(h => IsAtOrUnder(path, h)))
        {
            return null;
        }
        if (HomeArea(path) is { } home) return home;
        foreach (var (prefix, exposes) in Sensitive)
        {
            if (IsAtOrUnder(path, prefix)) return new Area(prefix, exposes, false);
        }
        return null;
    }

    // ~, /home, /home/<user>, /Users/<user> and their credential directories; not project folders deeper down.
    private static Area? HomeArea(string path)
    {
        string? rest = null;
        if (path == "~" || path.StartsWith("~/", StringComparison.Ordinal)) rest = path.Substring(1).TrimStart('/');
        else if (path == "/home" || path == "/Users") return new Area(path, "every user's home directory (SSH keys, credentials)", false);
        else
        {
            foreach (var homes in new[] { "/home/", "/Users/" })
            {
                if (!path.StartsWith(homes, StringComparison.Ordinal)) continue;
                int slash = path.IndexOf('/', homes.Length);
                rest = slash < 0 ? "" : path.Substring(slash + 1);
            }
        }
        if (rest == null) return null;
        if (rest.Length == 0) return new Area(path, "a user's home directory (SSH keys, credentials)", false);
        foreach (var secret in HomeSecrets)
        {
            if (rest == secret || rest.StartsWith(secret + "/", StringComparison.Ordinal))
                return new Area(path, "a user's credentials (" + secret + ")", false);
        }
        return null;
    }

    private static bool IsAtOrUnder(string path, string prefix)
        => path == prefix || path.StartsWith(prefix + "/", StringComparison.Ordinal);
}
