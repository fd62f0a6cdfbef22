using Microsoft.CodeAnalysis.Text;
using Plimsoll.Analysis;
using Plimsoll.Analysis.Fixes;
using Plimsoll.Rules;

namespace Plimsoll.Tests.Rules.RunCommands;

/// <summary>
/// Behaviour of the RUN-script, COPY, USER and registry rules (PL1020, PL2050, PL2051, PL4004, PL4005, PL7020, PL7021)
/// on inputs their pages do not show: wrappers, heredocs, continuations, variables, CRLF.
/// </summary>
public class RunCommandRuleTests
{
    private static readonly AnalyzerRegistry Registry = new(BuiltInRules.CreateAnalyzers());

    private static List<Finding> Run(string id, string dockerfile, params (string Key, string Value)[] settings)
        => RuleRunner.Run(Registry, "dockerfile", dockerfile, false, settings.Select(s => new KeyValuePair<string, string>(s.Key, s.Value)).ToList())
            .Where(f => f.Id == id).ToList();

    private static string Fix(string id, string dockerfile)
        => SourceFixer.FixUntilStable(SourceText.From(dockerfile), text => Run(id, text.ToString()), FixApplicability.Unsafe).Fixed.ToString();

    private static string Flagged(Finding finding, string text)
    {
        var span = finding.Diagnostic.Location.SourceSpan;
        return text.Substring(span.Start, span.Length);
    }

    [Theory]
    [InlineData("FROM alpine:3.20\nRUN <<EOF\nset -e\nsudo apk add git\nEOF\n")]
    [InlineData("FROM alpine:3.20\nRUN env DEBIAN_FRONTEND=noninteractive sudo apk add git\n")]
    [InlineData("FROM alpine:3.20\nRUN /usr/bin/sudo -E apk add git\n")]
    [InlineData("FROM alpine:3.20\nRUN true || doas apk add git\n")]
    [InlineData("FROM alpine:3.20\nRUN bash -c \"sudo apk add git\"\n")]
    [InlineData("FROM alpine:3.20\nRUN [\"sudo\", \"apk\", \"add\", \"git\"]\n")] // exec form: the argv is the command
    public void Sudo_is_found_behind_wrappers_paths_and_heredocs(string dockerfile)
    {
        var finding = Assert.Single(Run("PL2050", dockerfile));
        Assert.Contains(Flagged(finding, dockerfile), new[] { "sudo", "/usr/bin/sudo", "doas" });
    }

    [Theory]
    [InlineData("FROM alpine:3.20\nRUN $SUDO apk add git\n")]
    [InlineData("FROM alpine:3.20\nRUN apk add sudo && echo sudo\n")]
    [InlineData("FROM alpine:3.20\nRUN command -v sudo\n")]
    public void Sudo_as_data_or_unknown_command_is_not_flagged(string dockerfile) => Assert.Empty(Run("PL2050", dockerfile));

    [Fact]
    public void Sudo_fix_keeps_line_endings_and_continuations()
    {
        Assert.Equal("FROM alpine:3.20\r\nRUN apk add git \\\r\n && apk add curl\r\n",
            Fix("PL2050", "FROM alpine:3.20\r\nRUN sudo apk add git \\\r\n && sudo  apk add curl\r\n"));
        // The command on the next line: the continuation between sudo and the command is not deleted, so no fix.
        string split = "FROM alpine:3.20\nRUN sudo \\\n  apk add git\n";
        Assert.Single(Run("PL2050", split));
        Assert.Equal(split, Fix("PL2050", split));
    }

    [Theory]
    [InlineData("FROM debian:12\nRUN chpasswd <<EOF\nroot:x\nEOF\n", "chpasswd")]
    [InlineData("FROM debian:12\nRUN passwd root < /tmp/pw\n", "passwd")]
    [InlineData("FROM debian:12\nRUN usermod --password=\"$(openssl passwd -1 pw)\" app\n", "--password=\"$(openssl passwd -1 pw)\"")]
    [InlineData("FROM debian:12\nRUN sh -c 'echo root:pw | chpasswd -e'\n", "chpasswd")]
    public void Passwords_set_in_other_shapes_are_found(string dockerfile, string flagged)
        => Assert.Equal(flagged, Flagged(Assert.Single(Run("PL4005", dockerfile)), dockerfile));

    [Theory]
    [InlineData("FROM debian:12\nRUN passwd -l root\n")]
    [InlineData("FROM debian:12\nRUN echo x | passwd -d root\n")]
    [InlineData("FROM debian:12\nRUN useradd -p '!' -u 10001 app\n")]
    [InlineData("FROM debian:12\nRUN useradd --uid 1000 app && getent passwd app\n")]
    public void Password_locks_and_lookups_are_not_flagged(string dockerfile) => Assert.Empty(Run("PL4005", dockerfile));

    [Theory]
    [InlineData("FROM alpine:3.20 AS build\nFROM alpine:3.20\nCOPY --from=build /root/.ssh/id_ed25519 /keys/\n", "/root/.ssh/id_ed25519")]
    [InlineData("FROM alpine:3.20\nCOPY .ssh/ /root/.ssh/\n", ".ssh/")]
    [InlineData("FROM alpine:3.20\nADD home/.aws/credentials /root/.aws/\n", "home/.aws/credentials")]
    [InlineData("FROM alpine:3.20\nCOPY [\"keys/private-key.pem\", \"/etc/app/\"]\n", "\"keys/private-key.pem\"")]
    public void Credential_files_are_found_in_every_form_of_copy(string dockerfile, string flagged)
        => Assert.Equal(flagged, Flagged(Assert.Single(Run("PL4004", dockerfile)), dockerfile));

    [Theory]
    [InlineData("FROM alpine:3.20\nARG KEY=id_rsa\nCOPY $KEY /root/\n")]
    [InlineData("FROM alpine:3.20\nCOPY .env.sample .env.template /app/\n")]
    [InlineData("FROM alpine:3.20\nCOPY certs/*.key /etc/ssl/\n")]
    [InlineData("FROM alpine:3.20\nCOPY id_rsa.pub cert.pem /etc/ssl/\n")]
    [InlineData("FROM alpine:3.20\nADD https://example.com/.npmrc /root/\n")]
    [InlineData("FROM alpine:3.20\nCOPY app/ /app/\nENV GOOGLE_APPLICATION_CREDENTIALS=${CREDS}\n")]
    [InlineData("FROM alpine:3.20\nCOPY . .\nENV GOOGLE_APPLICATION_CREDENTIALS=/app/key.json\n")]
    public void Unknown_public_and_template_files_are_not_flagged(string dockerfile) => Assert.Empty(Run("PL4004", dockerfile));

    [Fact]
    public void Credential_variable_is_matched_against_copies_of_its_stage_only()
    {
        string other = "FROM alpine:3.20\nCOPY creds/ /secrets/\nFROM alpine:3.20\nENV GOOGLE_APPLICATION_CREDENTIALS=/secrets/sa.json\n";
        Assert.Empty(Run("PL4004", other));
        string same = "FROM alpine:3.20\nARG DIR=/secrets\nCOPY creds/ ${DIR}/\nARG GOOGLE_APPLICATION_CREDENTIALS=${DIR}/sa.json\n";
        Assert.Single(Run("PL4004", same));
    }

    [Theory]
    [InlineData("FROM registry.example.com/base:1\n", "registry.example.com")]
    [InlineData("FROM Registry.Example.COM/base:1\n", "registry.example.com")]
    [InlineData("FROM docker.io/library/alpine:3.20\n", "index.docker.io")]
    [InlineData("FROM alpine:3.20\n", "registry-1.docker.io")]
    [InlineData("FROM ghcr.io/acme/tools/cli:1\n", "ghcr.io/acme/")]
    [InlineData("ARG BASE\nFROM $BASE\n", "registry.example.com")]
    [InlineData("FROM registry.example.com/base:1 AS base\nFROM base\nCOPY --from=base /a /b\nCOPY --from=0 /a /c\n", "registry.example.com")]
    [InlineData("FROM scratch\nCOPY --from=${TOOLS_IMAGE} /a /b\n", "registry.example.com")]
    public void Allowed_stage_and_unresolved_images_are_not_flagged(string dockerfile, string allowed)
        => Assert.Empty(Run("PL1020", dockerfile, ("plimsoll.trusted_registries", allowed)));

    [Theory]
    [InlineData("FROM ghcr.io/acmecorp/cli:1\n", "ghcr.io/acme")]
    [InlineData("FROM localhost:5000/app:1\n", "localhost")]
    [InlineData("FROM alpine:3.20\n", "ghcr.io")]
    public void Registries_and_path_prefixes_match_whole_components(string dockerfile, string allowed)
        => Assert.Single(Run("PL1020", dockerfile, ("plimsoll.trusted_registries", allowed)));

    [Fact]
    public void Registry_rule_is_silent_until_configured() => Assert.Empty(Run("PL1020", "FROM quay.io/x/y:1\nCOPY --from=gcr.io/a/b:1 /a /b\n"));

    [Theory]
    [InlineData("FROM debian:12\nRUN ln -s -f /bin/bash /bin/sh\n")]
    [InlineData("FROM debian:12\nRUN ln --symbolic --force bash /usr/bin/sh\n")]
    [InlineData("FROM debian:12\nRUN mv -f /bin/sh /bin/sh.orig && mv /bin/bash.copy /bin/sh\n")]
    public void Replacing_the_system_shell_is_found(string dockerfile) => Assert.Single(Run("PL7020", dockerfile));

    [Theory]
    [InlineData("FROM debian:12\nRUN ln -t /usr/local/bin -s /bin/sh\n")]
    [InlineData("FROM debian:12\nRUN cp /bin/sh /tmp/sh && ln -s \"$SHELL\" /tmp/shell\n")]
    [InlineData("FROM debian:12\nRUN echo /bin/sh > /etc/shells\n")]
    public void Other_links_and_copies_are_not_flagged(string dockerfile) => Assert.Empty(Run("PL7020", dockerfile));

    [Theory]
    [InlineData("FROM debian:12\nRUN service nginx start && curl -fsS localhost\n")]
    [InlineData("FROM debian:12\nRUN service nginx start; nginx -t\n")]
    [InlineData("FROM debian:12\nRUN if true; then service nginx start; fi\n")]
    [InlineData("FROM debian:12\nRUN echo ':wq' | vim -es /etc/motd\n")]
    [InlineData("FROM debian:12\nRUN nvim --headless +PlugInstall +qa\n")]
    [InlineData("FROM debian:12\nRUN ps aux && free -m && kill -0 1 && mount\n")]
    [InlineData("FROM debian:12\nRUN apt-get install -y vim nano htop\n")]
    public void Batch_uses_and_services_used_in_the_step_are_not_flagged(string dockerfile) => Assert.Empty(Run("PL7021", dockerfile));

    [Theory]
    [InlineData("FROM debian:12\nRUN nano /etc/hosts\n")]
    [InlineData("FROM debian:12\nRUN apt-get update && systemctl restart ssh\n")]
    [InlineData("FROM debian:12\nRUN <<EOF\napt-get update\nservice cron start\nEOF\n")]
    [InlineData("FROM debian:12\nRUN sudo shutdown -h now\n")]
    public void Interactive_power_and_dangling_service_commands_are_found(string dockerfile) => Assert.Single(Run("PL7021", dockerfile));

    [Theory]
    [InlineData("FROM debian:12\nUSER app:app\n", 1)]
    [InlineData("FROM debian:12\nUSER 1000:1000\n", 0)]
    [InlineData("FROM debian:12\nUSER root\n", 0)]
    [InlineData("FROM debian:12\nARG U=10001\nUSER $U\n", 0)]
    [InlineData("FROM debian:12\nARG U=app\nUSER ${U:-1000}\n", 1)]
    [InlineData("FROM mcr.microsoft.com/windows/servercore:ltsc2022\nUSER ContainerAdministrator\n", 0)]
    [InlineData("FROM debian:12\nUSER\n", 0)]
    public void User_names_are_judged_after_resolving_variables(string dockerfile, int count)
        => Assert.Equal(count, Run("PL2051", dockerfile).Count);
}
