using Plimsoll.Syntax.Shell;

namespace Plimsoll.Tests.Syntax.Shell;

public class ShellUrlScannerTests
{
    [Fact]
    public void FindsUrlsWithSpansAndSchemes()
    {
        const string text = "Invoke-WebRequest -Uri 'http://example.com/a.zip' -OutFile a.zip; curl.exe -o b https://x.org/b?c=1&d=2";
        var urls = ShellUrlScanner.FindUrls(text);
        Assert.Equal(2, urls.Count);
        Assert.Equal("http://example.com/a.zip", urls[0].Value);
        Assert.Equal(text.IndexOf("http://"), urls[0].Start);
        Assert.Equal("http", urls[0].Scheme);
        Assert.False(urls[0].IsEncrypted);
        Assert.Equal("https://x.org/b?c=1&d=2", urls[1].Value);
        Assert.True(urls[1].IsEncrypted);
    }

    [Theory]
    [InlineData("see (https://x.org/a).", "https://x.org/a")]
    [InlineData("\"ftp://mirror/x.tgz\"", "ftp://mirror/x.tgz")]
    [InlineData("HTTPS://UPPER.example/", "HTTPS://UPPER.example/")]
    [InlineData("https://x/${VERSION}/y.tgz|sh", "https://x/${VERSION}/y.tgz")]
    [InlineData("https://en.wikipedia.org/wiki/Foo_(bar)", "https://en.wikipedia.org/wiki/Foo_(bar)")]
    [InlineData("`https://x/a`", "https://x/a")]
    public void Boundaries(string text, string expected)
    {
        Assert.Equal(expected, Assert.Single(ShellUrlScanner.FindUrls(text)).Value);
    }

    [Theory]
    [InlineData("git+ssh://host/x")]
    [InlineData("xhttp://host")]
    [InlineData("http://")]
    [InlineData("file:///etc/passwd")]
    [InlineData("")]
    public void NoUrl(string text)
    {
        Assert.Empty(ShellUrlScanner.FindUrls(text));
    }
}

public class ShellDownloadScannerTests
{
    [Fact]
    public void PowerShellDownloads()
    {
        const string text = "$ErrorActionPreference = 'Stop'; Invoke-WebRequest -Uri http://x/a.msi -OutFile a.msi; " +
                            "(New-Object Net.WebClient).DownloadFile('https://y/b.zip', 'b.zip'); iwr https://z -UseBasicParsing | iex";
        var d = ShellDownloadScanner.FindDownloads(text);
        Assert.Equal(new[] { "Invoke-WebRequest", "WebClient.DownloadFile", "Invoke-WebRequest" }, d.Select(x => x.Tool));
        Assert.Equal(text.IndexOf("Invoke-WebRequest"), d[0].Start);
        Assert.Equal("Invoke-WebRequest".Length, d[0].Length);
        Assert.Equal("http://x/a.msi", Assert.Single(d[0].Urls).Value);
        Assert.Equal("Invoke-WebRequest -Uri http://x/a.msi -OutFile a.msi", text.Substring(d[0].StatementStart, d[0].StatementLength));
        Assert.Equal("https://y/b.zip", Assert.Single(d[1].Urls).Value);
        Assert.Equal(text.IndexOf("DownloadFile"), d[1].Start);
        Assert.Equal("https://z", Assert.Single(d[2].Urls).Value);
    }

    [Fact]
    public void CmdAndExeTools()
    {
        const string text = "certutil -urlcache -split -f http://a/x.exe x.exe && curl.exe -k -L -o y https://b/y && bitsadmin /transfer j http://c/z z";
        var d = ShellDownloadScanner.FindDownloads(text);
        Assert.Equal(new[] { "certutil", "curl", "bitsadmin" }, d.Select(x => x.Tool));
        Assert.Equal("curl.exe".Length, d[1].Length);
        Assert.Equal("http://c/z", Assert.Single(d[2].Urls).Value);
    }

    [Fact]
    public void StatementContinuesAcrossBacktickNewline()
    {
        const string text = "Start-BitsTransfer `\n  -Source http://x/a `\n  -Destination a\nWrite-Host done http://not/this";
        var d = Assert.Single(ShellDownloadScanner.FindDownloads(text));
        Assert.Equal("Start-BitsTransfer", d.Tool);
        Assert.Equal("http://x/a", Assert.Single(d.Urls).Value);
    }

    [Theory]
    [InlineData("certutil -hashfile x SHA256")]
    [InlineData("Write-Host curling")]
    [InlineData("$curl = 1")]
    [InlineData("C:\\tools\\wgetx.exe")]
    public void NotDownloads(string text)
    {
        Assert.Empty(ShellDownloadScanner.FindDownloads(text));
    }
}
