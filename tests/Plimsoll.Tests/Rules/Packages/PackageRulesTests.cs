using Microsoft.CodeAnalysis.Text;
using Plimsoll.Analysis;
using Plimsoll.Analysis.Configuration;
using Plimsoll.Analysis.Fixes;
using Plimsoll.Rules;

namespace Plimsoll.Tests.Rules.Packages;

/// <summary>Behaviour of the package rules beyond their page examples: wrappers, variables, stages, mounts and fixes that keep every other byte.</summary>
public class PackageRulesTests
{
    private static readonly AnalyzerRegistry Registry = new(BuiltInRules.CreateAnalyzers());

    private static IReadOnlyList<Finding> Lint(string code, string id) =>
        RuleRunner.Run(Registry, "dockerfile", code).Where(f => f.Id == id && !f.IsSuppressed).ToList();

    [Theory]
    // PL1007: signature checks off, wrappers and inline scripts looked through; local repositories and sed that turns checks on are fine.
    [InlineData("PL1007", "FROM debian:12\nRUN sudo -E apt-get -o APT::Get::AllowUnauthenticated=true install -y curl\n", 1)]
    [InlineData("PL1007", "FROM rockylinux:9\nRUN sh -c 'yum --nogpgcheck localinstall -y /tmp/x.rpm'\n", 1)]
    [InlineData("PL1007", "FROM opensuse/leap:15.6\nRUN zypper --no-gpg-checks -n in vim\n", 1)]
    [InlineData("PL1007", "FROM rockylinux:9\nRUN sed -i 's/gpgcheck=1/gpgcheck=0/' /etc/yum.repos.d/x.repo\n", 1)]
    [InlineData("PL1007", "FROM rockylinux:9\nRUN sed -i 's/gpgcheck=0/gpgcheck=1/' /etc/yum.repos.d/x.repo\n", 0)]
    [InlineData("PL1007", "FROM debian:12\nRUN echo \"deb [trusted=yes] file:///tmp/repo ./\" > /etc/apt/sources.list.d/local.list\n", 0)]
    [InlineData("PL1007", "FROM debian:12\nRUN echo apt-get --allow-unauthenticated is dangerous\n", 0)]
    [InlineData("PL1007", "FROM alpine:3.20\nRUN apk add --allow-untrusted /tmp/x.apk\n", 0)] // PL1004's
    // PL1004: a checksum check names the downloaded file where a separator comes before it and one after; a name with
    // a space in it is searched for; a checksum list checked covers every download of the script.
    [InlineData("PL1004", "FROM alpine:3.20\nRUN curl -fsSLo a.tgz https://x/a.tgz && echo \"h  a.tgz\" | sha256sum -c -\n", 0)]
    [InlineData("PL1004", "FROM alpine:3.20\nRUN curl -fsSLo a.tgz https://x/a.tgz && echo \"h;a.tgz\" | sha256sum -c -\n", 1)]
    [InlineData("PL1004", "FROM alpine:3.20\nRUN curl -fsSLo a.tgz https://x/a.tgz && echo \"h  xa.tgz\" | sha256sum -c -\n", 1)]
    [InlineData("PL1004", "FROM alpine:3.20\nRUN curl -fsSLo 'my a.tgz' https://x/a.tgz && echo \"h  my a.tgz\" | sha256sum -c -\n", 0)]
    [InlineData("PL1004", "FROM alpine:3.20\nRUN curl -fsSLo a.tgz https://x/a.tgz && curl -fsSLo b.tgz https://x/b.tgz && sha256sum -c SHA256SUMS\n", 0)]
    [InlineData("PL1004", "FROM alpine:3.20\nRUN curl -fsSLo a.tgz https://x/a.tgz && curl -fsSLo b.tgz https://x/b.tgz && sha256sum -c b.sum < b.tgz\n", 1)]
    // PL6003: an apt.conf setting anywhere in the stage or a stage it builds on (however far back) decides.
    [InlineData("PL6003", "FROM debian:12 AS a\nRUN echo 'APT::Install-Recommends \"false\";' > /etc/apt/apt.conf.d/x\nFROM a AS b\nFROM b\nRUN apt-get install -y curl\n", 0)]
    [InlineData("PL6003", "FROM debian:12 AS a\nRUN true\nFROM a AS b\nRUN apt-get install -y curl\nRUN echo 'APT::Install-Recommends \"false\";' > /etc/apt/apt.conf.d/x\n", 0)]
    [InlineData("PL6003", "FROM debian:12 AS a\nRUN echo 'APT::Install-Recommends \"false\";' > /etc/apt/apt.conf.d/x\nFROM debian:12\nRUN apt-get install -y curl\n", 1)]
    // PL1008: ENV, ARG, RUN prefix, export and env; an ARG without a default or a variable value is not known.
    [InlineData("PL1008", "FROM python:3.12\nARG PIP_TRUSTED_HOST\n", 0)]
    [InlineData("PL1008", "FROM python:3.12\nENV PIP_TRUSTED_HOST=$HOST\n", 0)]
    [InlineData("PL1008", "FROM python:3.12\nRUN PIP_TRUSTED_HOST=pypi.example.com pip install -r r.txt\n", 1)]
    [InlineData("PL1008", "FROM node:20\nRUN export npm_config_strict_ssl=false && npm ci\n", 1)]
    [InlineData("PL1008", "FROM node:20\nRUN env NPM_CONFIG_STRICT_SSL=0 npm ci\n", 1)]
    [InlineData("PL1008", "FROM node:20\nENV NPM_CONFIG_STRICT_SSL=\"true\"\n", 0)]
    [InlineData("PL1008", "FROM centos:7\nRUN yum-config-manager --save --setopt=epel.sslverify=false\n", 1)]
    // PL6001: constraint files pin; variables are not judged; requirement files are fine.
    [InlineData("PL6001", "FROM python:3.12\nRUN pip install -c constraints.txt flask\n", 0)]
    [InlineData("PL6001", "FROM python:3.12\nENV PIP_CONSTRAINT=/c.txt\nRUN pip install flask\n", 0)]
    [InlineData("PL6001", "FROM python:3.12\nRUN pip install \"flask==${FLASK_VERSION}\" $EXTRA\n", 0)]
    [InlineData("PL6001", "FROM python:3.12\nRUN pip install --requirement r.txt\n", 0)]
    [InlineData("PL6001", "FROM node:20\nRUN npm install && npm ci && yarn install --frozen-lockfile\n", 0)]
    [InlineData("PL6001", "FROM node:20\nRUN npm install express@^4 git+https://github.com/a/b.git#v1.0.0\n", 0)]
    [InlineData("PL6001", "FROM ruby:3.3\nRUN gem install --version '~> 7.1' rails\n", 0)]
    // PL6002: per command, not per package; module installs and variables are not judged.
    [InlineData("PL6002", "FROM debian:12\nRUN apt-get install -y a b c && apt-get install -y d\n", 2)]
    [InlineData("PL6002", "FROM debian:12\nRUN apt-get install -y \"${PACKAGES[@]}\" $MORE\n", 0)]
    [InlineData("PL6002", "FROM fedora:40\nRUN dnf module install -y nodejs:20\n", 0)]
    [InlineData("PL6002", "FROM fedora:40\nRUN dnf module install -y nodejs tomcat:9\n", 1)]
    [InlineData("PL6002", "FROM debian:12\nRUN apt-get install -y -t bookworm-backports curl=8.5.0-2~bpo12+1\n", 0)]
    // PL6003: stage-wide apt configuration, -o setting.
    [InlineData("PL6003", "FROM debian:12 AS base\nRUN echo 'APT::Install-Recommends \"0\";' > /etc/apt/apt.conf.d/norec\nFROM base\nRUN apt-get install -y curl\n", 0)]
    [InlineData("PL6003", "FROM debian:12\nRUN apt-get -o APT::Install-Recommends=false install -y curl\n", 0)]
    [InlineData("PL6003", "FROM debian:12\nRUN apt-get install -y --no-install-recommends a\nRUN apt-get install -y b\n", 1)]
    // PL6004: -qq implies yes, a single -q does not; yes | feeds the prompt; microdnf never asks.
    [InlineData("PL6004", "FROM debian:12\nRUN apt-get -qq install curl\n", 0)]
    [InlineData("PL6004", "FROM debian:12\nRUN apt-get -q install curl\n", 1)]
    [InlineData("PL6004", "FROM debian:12\nRUN yes | apt-get install curl\n", 0)]
    [InlineData("PL6004", "FROM registry.access.redhat.com/ubi9/ubi-minimal\nRUN microdnf install git\n", 0)]
    [InlineData("PL6004", "FROM debian:12\nRUN apt-get update && apt-get clean\n", 0)]
    [InlineData("PL6004", "FROM debian:12\nRUN echo 'APT::Get::Assume-Yes \"true\";' > /etc/apt/apt.conf.d/90yes\nRUN apt-get install curl\n", 0)]
    [InlineData("PL6004", "FROM debian:12\nRUN apt-get install curl\nRUN echo 'APT::Get::Assume-Yes \"true\";' > /etc/apt/apt.conf.d/90yes\n", 1)]
    [InlineData("PL6004", "FROM centos:7\nRUN echo assumeyes=1 >> /etc/yum.conf\nRUN yum install git\n", 0)]
    [InlineData("PL6004", "FROM debian:12\nRUN apt-get install $APT_OPTS curl\n", 0)]
    [InlineData("PL6004", "FROM debian:12\nARG APT_OPTS=\"--no-install-recommends\"\nRUN apt-get install $APT_OPTS curl\n", 1)]
    [InlineData("PL6004", "FROM debian:12\nARG APT_OPTS=\"-qy\"\nRUN apt-get install $APT_OPTS curl\n", 0)]
    [InlineData("PL6003", "FROM debian:12\nRUN apt-get install -y $PACKAGES\n", 1)]
    [InlineData("PL6003", "FROM debian:12\nRUN apt-get install -y $INSTALL_FLAGS curl\n", 0)]
    // PL6005: builder stages, cache mounts, cleanup after the install, PIP_NO_CACHE_DIR.
    [InlineData("PL6005", "FROM alpine:3.20 AS build\nRUN apk add gcc\nFROM alpine:3.20\nCOPY --from=build /x /x\n", 0)]
    [InlineData("PL6005", "FROM alpine:3.20 AS base\nRUN apk add curl\nFROM base\n", 1)]
    [InlineData("PL6005", "FROM alpine:3.20\nRUN --mount=type=cache,target=/var/cache/apk apk add curl\n", 0)]
    [InlineData("PL6005", "FROM python:3.12\nRUN --mount=type=cache,target=/root/.cache/pip pip install flask==3\n", 0)]
    [InlineData("PL6005", "FROM python:3.12\nRUN PIP_NO_CACHE_DIR=1 pip install flask==3\n", 0)]
    [InlineData("PL6005", "FROM rockylinux:9\nRUN yum clean all && yum install -y git\n", 1)]
    [InlineData("PL6005", "FROM rockylinux:9\nRUN yum install -y git && rm -rf /var/cache/yum\n", 0)]
    [InlineData("PL6005", "FROM debian:trixie\nRUN apt-get update && apt-get install -y --no-install-recommends curl && apt-get dist-clean\n", 0)]
    // PL6006: a script or rosdep may install; yum/dnf/zypper update is an upgrade whose metadata expires by age, not an index update.
    [InlineData("PL6006", "FROM debian:12\nRUN apt-get update && ./install.sh\n", 0)]
    [InlineData("PL6006", "FROM ros:humble\nRUN apt-get update && rosdep install -y --from-paths src\n", 0)]
    [InlineData("PL6006", "FROM rockylinux:9\nRUN yum update -y\n", 0)]
    [InlineData("PL6006", "FROM opensuse/leap:15.6\nRUN zypper -n up\n", 0)]
    [InlineData("PL6006", "FROM debian:12\nRUN [\"apt-get\", \"update\"]\n", 1)]
    [InlineData("PL6006", "FROM debian:12\nRUN [\"sh\", \"-c\", \"apt-get update && apt-get install -y git\"]\n", 0)]
    // PL6004: every spelling of quiet level 2 answers yes; -o's value is not read for q.
    [InlineData("PL6004", "FROM debian:12\nRUN apt-get -q -q install curl\n", 0)]
    [InlineData("PL6004", "FROM debian:12\nRUN apt-get --quiet=2 install curl\n", 0)]
    [InlineData("PL6004", "FROM debian:12\nRUN apt-get -oAPT::quiet=1 install curl\n", 1)]
    // PL6005: clean all by the same cache's program; ONBUILD is judged where it runs.
    [InlineData("PL6005", "FROM rockylinux:9\nRUN yum install -y git && dnf clean all\n", 0)]
    [InlineData("PL6005", "FROM rockylinux:9\nRUN dnf install -y git && dnf clean packages\n", 1)]
    [InlineData("PL6005", "FROM photon:5.0\nRUN tdnf install -y git && tdnf clean all\n", 0)]
    [InlineData("PL6005", "FROM photon:5.0\nRUN tdnf install -y git && rm -rf /var/cache/tdnf\n", 0)]
    [InlineData("PL6005", "FROM node:20 AS base\nONBUILD RUN yarn install\nFROM scratch\n", 1)]
    // PL1008: a setting only printed configures nothing; one written or teed does.
    [InlineData("PL1008", "FROM fedora:40\nRUN echo sslverify=0\n", 0)]
    [InlineData("PL1008", "FROM fedora:40\nRUN echo sslverify=0 > /dev/null\n", 0)]
    [InlineData("PL1008", "FROM fedora:40\nRUN echo sslverify=0 | sudo tee -a /etc/dnf/dnf.conf\n", 1)]
    [InlineData("PL1008", "FROM fedora:40\nRUN printf 'sslverify=0\\n' >> /etc/yum.conf\n", 1)]
    // PL6001: pip rejects a lone `=`, so nothing unpinned is installed.
    [InlineData("PL6001", "FROM python:3.12\nRUN pip install connexion=2.7.0\n", 0)]
    [InlineData("PL6006", "FROM debian:12\nRUN apt-get install -y curl && apt-get update\n", 1)]
    // PL6007 and PL6008.
    [InlineData("PL6007", "FROM ubuntu:24.04\nRUN apt-get install -y apt-utils && echo apt\n", 0)]
    [InlineData("PL6008", "FROM debian:12\nRUN apt-get upgrade -y\n", 0)]
    [InlineData("PL6008", "FROM debian:12\nRUN apt full-upgrade -y\n", 1)]
    public void Reports_as_expected(string id, string code, int expected) => Assert.Equal(expected, Lint(code, id).Count);

    [Fact]
    public void Fixes_keep_every_other_byte_with_crlf_and_continuations()
    {
        const string code = "FROM alpine:3.20\r\n# tools\r\nRUN apk add \\\r\n      curl \\\r\n  # comment inside\r\n      git\r\n";
        var fixedText = FixAll(code, "PL6005");
        Assert.Equal("FROM alpine:3.20\r\n# tools\r\nRUN apk add --no-cache \\\r\n      curl \\\r\n  # comment inside\r\n      git\r\n", fixedText);
    }

    [Fact]
    public void The_non_interactive_fix_lands_after_the_subcommand_in_an_inline_script()
    {
        const string code = "FROM debian:12\nRUN sh -c 'apt-get update && apt-get install --no-install-recommends curl'\n";
        Assert.Equal("FROM debian:12\nRUN sh -c 'apt-get update && apt-get install -y --no-install-recommends curl'\n", FixAll(code, "PL6004"));
    }

    [Fact]
    public void No_fix_is_offered_where_the_subcommand_is_quoted()
    {
        var finding = Assert.Single(Lint("FROM debian:12\nRUN apt-get \"install\" curl\n", "PL6004"));
        Assert.Null(finding.Fix);
    }

    [Fact]
    public void Apt_fix_renames_only_the_program()
    {
        Assert.Equal("FROM ubuntu:24.04\nRUN sudo /usr/bin/apt-get install -y curl\n", FixAll("FROM ubuntu:24.04\nRUN sudo /usr/bin/apt install -y curl\n", "PL6007"));
    }

    [Theory]
    [InlineData("FROM debian:12\nRUN apt-get install -y $(cat packages.txt) && pip install `cat r` && npm i -g \"$(x)\"\n")]
    [InlineData("FROM debian:12\nRUN <<EOF\napt-get update\napt-get install curl\nEOF\n")]
    [InlineData("FROM debian:12\nRUN [\"apt-get\", \"install\", \"curl\"]\n")]
    [InlineData("FROM debian:12\nRUN apt-get install -y \\\n")]
    [InlineData("FROM debian:12\nRUN pip install 'unterminated\n")]
    [InlineData("FROM debian:12\nRUN apt-get -o\n")]
    [InlineData("FROM debian:12\nENV PIP_TRUSTED_HOST=\nARG NPM_CONFIG_STRICT_SSL=\n")]
    [InlineData("FROM debian:12\nRUN --mount=type=cache apt-get update\n")]
    [InlineData("RUN apk add curl\n")]
    public void Hostile_input_does_not_make_a_rule_fail(string code)
    {
        var driver = new AnalyzerDriver(Registry, new FixedOptions(AnalyzerOptions.Create(Registry.Rules.Where(r => !r.IsEnabledByDefault)
            .Select(r => new KeyValuePair<string, string>($"dotnet_diagnostic.{r.Id}.severity", "warning")))));
        var result = driver.AnalyzeDockerfile(SourceText.From(code), "Dockerfile");
        Assert.DoesNotContain(result.Notifications, n => n.Message.Contains("A rule failed", StringComparison.Ordinal));
    }

    [Fact]
    public void The_heredoc_script_is_read()
    {
        var findings = Lint("FROM debian:12\nRUN <<EOF\napt-get update\napt-get install curl\nEOF\n", "PL6004");
        Assert.Single(findings);
    }

    private sealed class FixedOptions(AnalyzerOptions options) : IAnalyzerOptionsProvider
    {
        public AnalyzerOptions GetOptions(string filePath) => options;
    }

    private static string FixAll(string code, string id) =>
        SourceFixer.FixUntilStable(SourceText.From(code), text => Lint(text.ToString(), id), FixApplicability.Unsafe).Fixed.ToString();
}
