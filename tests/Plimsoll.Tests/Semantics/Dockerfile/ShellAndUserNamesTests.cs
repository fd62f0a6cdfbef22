using Plimsoll.Semantics.Dockerfile;
using Plimsoll.Syntax.Shell;

namespace Plimsoll.Tests.Semantics.Dockerfile;

/// <summary>The one list of POSIX shells (SHELL, heredoc programs, exec-form `sh -c`) and the one root-user test (USER, compose, SDK).</summary>
public class ShellAndUserNamesTests
{
    [Theory]
    [InlineData("sh", true)]
    [InlineData("/bin/bash", true)]
    [InlineData("/usr/bin/mksh", true)]
    [InlineData("busybox", true)]
    [InlineData("pwsh", false)]
    [InlineData("cmd", false)]
    [InlineData("/bin/shx", false)]
    public void Posix_shells_are_known_by_name_or_path(string program, bool posix) => Assert.Equal(posix, ShellDialects.IsPosixShell(program));

    [Theory]
    [InlineData("/bin/sh", "sh")]
    [InlineData("/usr/bin/bash", "bash")]
    [InlineData("sh", "sh")]
    [InlineData("/bin/busybox", "busybox")]
    [InlineData("/opt/tools/pwsh", "pwsh")]
    [InlineData("/bin/", "")]
    [InlineData("", "")]
    public void A_shell_program_is_named_by_its_file_name(string program, string name)
        => Assert.Equal(name, ShellDialects.ProgramName(program));

    [Theory]
    [InlineData("root", true)]
    [InlineData("root:staff", true)]
    [InlineData("0", true)]
    [InlineData("000:1000", true)]
    [InlineData(" root ", true)]
    [InlineData("app", false)]
    [InlineData("1000:0", false)] // group 0 is not user root
    [InlineData("", false)]
    [InlineData(":0", false)]
    public void Root_is_the_name_root_or_uid_zero_before_any_group(string spec, bool root) => Assert.Equal(root, UserSetting.IsRootUser(spec));
}
