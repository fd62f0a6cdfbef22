namespace Plimsoll.Reporting.Sarif;

/// <summary>
/// The commit that was linted (SARIF <c>versionControlProvenance</c>), e.g. from GITHUB_SERVER_URL/GITHUB_REPOSITORY,
/// GITHUB_SHA and GITHUB_REF. When a repository root is given it is mapped to <c>%SRCROOT%</c>.
/// </summary>
/// <param name="RepositoryUri">Absolute URI of the repository, e.g. "https://github.com/owner/name".</param>
/// <param name="RevisionId">The commit id.</param>
/// <param name="Branch">The branch or ref, e.g. "refs/heads/main".</param>
public sealed record SarifVersionControl(string RepositoryUri, string? RevisionId = null, string? Branch = null);
