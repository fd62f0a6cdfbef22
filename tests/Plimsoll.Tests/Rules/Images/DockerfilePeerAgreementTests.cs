using Plimsoll.Analysis;
using Plimsoll.Rules;

namespace Plimsoll.Tests.Rules.Images;

/// <summary>
/// Dockerfile behaviours settled against peers' own cases and real BuildKit behaviour: how ADD sources, FROM tags,
/// TLS switches, credentials and gosu start commands are read. Each case states the decisive input.
/// </summary>
public class DockerfilePeerAgreementTests
{
    private static readonly AnalyzerRegistry Registry = new(BuiltInRules.CreateAnalyzers());

    private static List<Finding> Lint(string dockerfile, string id)
        => RuleRunner.Run(Registry, "dockerfile", dockerfile).Where(f => f.Id == id).ToList();

    [Theory]
    [InlineData("ADD \"rootfs.tar.gz\" /\n")]                 // quotes are removed before the builder looks at the name
    [InlineData("ADD 'https://example.com/tool.txt' /opt/\n")]
    [InlineData("ARG PKG=tool.tgz\nADD ${PKG} /opt/\n")]
    [InlineData("ARG PKG\nADD ${PKG} /opt/\n")]                // unknown before the build
    [InlineData("ADD file:8b8864b3e02a33a579dc216fd51b28a6047bc8eeaa03045b258980fe0cf7fcb3 in /\n")]
    [InlineData("ADD dir:8b8864b3e02a33a579dc216fd51b28a6047bc8eeaa03045b258980fe0cf7fcb3 in /app\n")]
    [InlineData("ADD git://example.com/repo.git /src/\n")]
    public void Add_that_is_not_a_plain_local_copy_is_not_PL1006(string instructions)
        => Assert.Empty(Lint("FROM alpine:3.20\n" + instructions, "PL1006"));

    [Theory]
    [InlineData("ADD \"app.conf\" /etc/app/\n")]
    [InlineData("ARG CONF=app.conf\nADD $CONF /etc/app/\n")]
    [InlineData("ADD file:8b88 in /\n")]                      // not a content digest: two local sources
    public void Add_of_a_known_local_file_is_PL1006(string instructions)
        => Assert.Single(Lint("FROM alpine:3.20\n" + instructions, "PL1006"));

    [Fact]
    public void Image_history_copy_record_is_not_PL5007()
    {
        Assert.Empty(Lint("FROM node:22\nCOPY multi:8b8864b3e02a33a579dc216fd51b28a6047bc8eeaa03045b258980fe0cf7fcb3 in myfile\n", "PL5007"));
        Assert.Single(Lint("FROM node:22\nCOPY a.txt in myfile\n", "PL5007"));
    }

    [Theory]
    [InlineData("ARG TAG\nFROM alpine$TAG\n", true)]
    [InlineData("FROM alpine${TAG}\n", true)]                  // not declared: always empty in FROM
    [InlineData("ARG TAG\nFROM alpine:${TAG}\n", false)]       // 'alpine:' is refused by the build (PL5014)
    [InlineData("ARG IMAGE\nFROM ${IMAGE}\n", false)]
    [InlineData("ARG TAG=:3.20\nFROM alpine$TAG\n", false)]
    [InlineData("ARG REG=docker.io\nARG TAG\nFROM $REG/alpine$TAG\n", false)] // a default is the model's to resolve
    [InlineData("FROM alpine$TARGETARCH\n", false)]           // platform arguments have values
    [InlineData("FROM alpine:3.20 AS build\nFROM build$SUFFIX\n", false)]
    public void From_left_without_a_tag_by_empty_build_arguments(string dockerfile, bool fires)
        => Assert.Equal(fires, Lint(dockerfile, "PL1001").Any(f => f.Diagnostic.GetMessage().Contains("when", StringComparison.Ordinal)));

    [Theory]
    [InlineData("RUN npm config set strict-ssl false", true)]
    [InlineData("RUN npm c set strict-ssl=false -g", true)]
    [InlineData("RUN npm --global set 'strict-ssl' false", true)]
    [InlineData("RUN yarn config set strict-ssl false --global", true)]
    [InlineData("RUN npm install --no-strict-ssl", true)]
    [InlineData("RUN npm install --strict-ssl false", true)]
    [InlineData("RUN npm install strict-ssl false", false)]
    [InlineData("RUN yarn install strict-ssl false", false)]
    [InlineData("RUN npm config get strict-ssl || false", false)]
    [InlineData("RUN npm config set strict-ssl true", false)]
    [InlineData("RUN PYTHONHTTPSVERIFY=\"0\\\"\" python app.py", false)]   // the value is 0"
    [InlineData("RUN PYTHONHTTPSVERIFY='0' python app.py", true)]
    [InlineData("ENV PYTHONHTTPSVERIFY=\"0\"", true)]
    [InlineData("ARG V=0\nENV NODE_TLS_REJECT_UNAUTHORIZED=$V", true)]
    [InlineData("ENV GIT_SSL_NO_VERIFY=$UNSET", true)]                  // git only asks whether it is set
    [InlineData("ADD \"http://example.com/tool.txt\" /opt/", true)]
    [InlineData("ADD http://$MIRROR/tool.txt /opt/", true)]
    public void Tls_switches_are_read_as_the_program_receives_them(string instructions, bool fires)
        => Assert.Equal(fires, Lint("FROM node:22-slim\n" + instructions + "\n", "PL1003").Count > 0);

    [Theory]
    [InlineData("ARG AWS_ACCESS_KEY_ID", true)]
    [InlineData("ARG VITE_AWS_ACCESS_KEY_ID=REPLACE_WITH_YOUR_OWN", true)]
    [InlineData("ENV MINIO_ACCESS_KEY_ID=minioadmin", true)]
    [InlineData("ENV GITHUB_CLIENT_ID=Iv1.8a61f9b3a7aba766", false)]
    [InlineData("ENV GOOGLE_APPLICATION_CREDENTIALS=/credentials/google-storage-service.json", false)]
    [InlineData("ENV GOOGLE_APPLICATION_CREDENTIALS=./app/google-storage-service.json", false)]
    [InlineData("ENV DB_PASSWORD=\"/not a path\"", true)]
    [InlineData("RUN aws configure set aws_secret_access_key wJalrXUtnFEMIexample", true)]
    [InlineData("RUN aws configure set --profile ci profile.ci.aws_session_token FwoGZXIvYXdzEXAMPLE", true)]
    [InlineData("RUN aws configure set aws_secret_access_key \"$(cat /run/secrets/aws)\"", false)]
    [InlineData("RUN aws configure set aws_secret_access_key $AWS_SECRET", false)]
    [InlineData("RUN aws configure set region eu-west-1", false)]
    public void Credentials_in_arg_env_and_aws_configure(string instruction, bool fires)
        => Assert.Equal(fires, Lint("FROM alpine:3.20\n" + instruction + "\n", "PL4002").Count > 0);

    [Theory]
    [InlineData("COPY . .\nENV GOOGLE_APPLICATION_CREDENTIALS=\"./news-extraction.json\"", true)]
    [InlineData("COPY . .\nARG HF_TOKEN_PATH=token", true)]
    [InlineData("COPY . .\nENV GOOGLE_APPLICATION_CREDENTIALS=/secrets/sa.json", false)] // where '.' is, is not known
    [InlineData("COPY --from=build /out .\nENV GOOGLE_APPLICATION_CREDENTIALS=./sa.json", false)]
    public void A_relative_credentials_path_lies_in_what_copy_dot_writes(string instructions, bool fires)
        => Assert.Equal(fires, Lint("FROM alpine:3.20 AS build\nFROM python:3.12-slim\n" + instructions + "\n", "PL4004").Count > 0);

    [Theory]
    [InlineData("ENTRYPOINT [\"gosu\", \"app\", \"server\"]", false)]
    [InlineData("ENTRYPOINT [\"/usr/local/bin/su-exec\", \"10001:10001\", \"server\"]", false)]
    [InlineData("CMD [\"gosu\", \"me\", \"tini\", \"--\", \"/bin/sh\"]", false)]
    [InlineData("CMD [\"gosu\"]", true)]                                   // no user to switch to
    [InlineData("ENTRYPOINT [\"gosu\", \"root\", \"server\"]", true)]
    [InlineData("ENTRYPOINT [\"gosu\", \"0:0\", \"server\"]", true)]
    [InlineData("ENTRYPOINT [\"server\"]\nCMD [\"gosu\", \"app\", \"x\"]", true)] // CMD is only ENTRYPOINT's arguments
    [InlineData("ENTRYPOINT gosu app server", true)]                       // shell form: not read
    [InlineData("USER root\nENTRYPOINT [\"gosu\", \"app\", \"server\"]", false)]
    public void A_gosu_start_command_drops_root(string instructions, bool fires)
        => Assert.Equal(fires, Lint("FROM debian:12-slim\n" + instructions + "\n", "PL2001").Count > 0);

    [Fact]
    public void A_gosu_start_command_in_the_parent_stage_counts()
        => Assert.Empty(Lint("FROM debian:12-slim AS base\nENTRYPOINT [\"gosu\", \"app\", \"server\"]\nFROM base\nCOPY a /a\n", "PL2001"));
}
