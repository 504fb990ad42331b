package dev.drydock.core.manifest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.drydock.core.source.Diagnostic;
import dev.drydock.core.source.SourceFile;
import dev.drydock.core.testing.SharedData;
import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import org.junit.jupiter.api.Test;

class RequirementsTxtTest {

    private static RequirementsTxt parse(String text) {
        return RequirementsTxt.parse(SourceFile.of("requirements.txt", text));
    }

    @Test
    void readsEveryFormOfTheFullSample() {
        RequirementsTxt req = RequirementsTxt.parse(TestFiles.resource("requirements-full.txt", "requirements.txt"));
        assertThat(req.diagnostics()).isEmpty();
        assertThat(req.indexUrl()).contains("https://pypi.example.org/simple");
        assertThat(req.extraIndexUrls()).containsExactly("https://extra.example.org/simple");
        assertThat(req.findLinks()).containsExactly("./wheels");
        assertThat(req.trustedHosts()).containsExactly("pypi.example.org");
        assertThat(req.noBinary()).containsExactly(":all:");
        assertThat(req.onlyBinary()).containsExactly("numpy");
        assertThat(req.requireHashes()).isTrue();
        assertThat(req.pre()).isTrue();
        assertThat(req.includes()).extracting(RequirementsTxt.Include::kind, RequirementsTxt.Include::path)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(RequirementsTxt.IncludeKind.REQUIREMENTS, "base.txt"),
                        org.assertj.core.groups.Tuple.tuple(RequirementsTxt.IncludeKind.REQUIREMENTS, "dev.txt"),
                        org.assertj.core.groups.Tuple.tuple(RequirementsTxt.IncludeKind.CONSTRAINTS, "constraints.txt"));
        assertThat(req.includes().get(0).span().startLine()).isEqualTo(11);

        assertThat(req.requirements()).extracting(RequirementsTxt.Requirement::normalizedName).containsExactly(
                "flask", "requests", "django", "zope-interface", "numpy", "pandas", "typing-extensions", "urllib3",
                "numpy", "example-project", "", "private-lib", "gunicorn", "");

        var flask = req.requirement("flask").orElseThrow();
        assertThat(flask.isPinned()).isTrue();
        assertThat(flask.hashes()).containsExactly("sha256:aaaa", "sha256:bbbb");
        assertThat(flask.line()).isEqualTo(15);
        assertThat(flask.span().endLine()).isEqualTo(15);
        assertThat(flask.text()).isEqualTo("Flask==2.3.3");

        var requests = req.requirement("Requests").orElseThrow();
        assertThat(requests.extras()).containsExactly("security", "socks");
        assertThat(requests.specifiers()).extracting(VersionSpecifier::toString).containsExactly(">=2.8.1", "==2.8.*");
        assertThat(requests.isPinned()).isFalse();
        assertThat(requests.marker()).isEqualTo("python_version < \"2.7\"");
        assertThat(requests.lowerBound()).contains("2.8.1");
        assertThat(requests.line()).isEqualTo(18);
        assertThat(requests.span().startColumn()).isEqualTo(1);

        var django = req.requirement("django").orElseThrow();
        assertThat(django.text()).isEqualTo("Django~=4.2.0");
        assertThat(django.lowerBound()).contains("4.2.0");
        assertThat(req.requirement("zope.interface").orElseThrow().isPinned()).isTrue();
        assertThat(req.requirement("numpy").orElseThrow().lowerBound()).contains("1.24");
        assertThat(req.requirement("pandas").orElseThrow().lowerBound()).contains("1.5");

        var urllib3 = req.requirement("urllib3").orElseThrow();
        assertThat(urllib3.url()).startsWith("https://github.com/");
        assertThat(urllib3.isUrl()).isTrue();
        assertThat(urllib3.constraint()).startsWith("@ https://");

        var wheel = req.requirements().get(8);
        assertThat(wheel.isLocalPath()).isTrue();
        assertThat(wheel.name()).isEqualTo("numpy");

        var vcs = req.requirements().get(9);
        assertThat(vcs.editable()).isTrue();
        assertThat(vcs.isVcs()).isTrue();
        assertThat(vcs.name()).isEqualTo("example-project");

        var local = req.requirements().get(10);
        assertThat(local.editable()).isTrue();
        assertThat(local.url()).isEqualTo(".");
        assertThat(local.name()).isNull();

        assertThat(req.requirement("private-lib").orElseThrow().environmentVariables()).containsExactly("PRIVATE_VERSION");
        assertThat(req.requirement("gunicorn").orElseThrow().marker()).isEqualTo("sys_platform != \"win32\"");
        assertThat(req.requirements().get(13).url()).isEqualTo("https://example.org/pkgs/pkg#frag-not-comment");
    }

    @Test
    void theUnifyRequirementsHaveOnlyLowerBounds() throws IOException {
        var path = SharedData.resolve("examples/unify/requirements.txt");
        RequirementsTxt req = RequirementsTxt.parse(SourceFile.of("requirements.txt", Files.readString(path)));
        assertThat(req.diagnostics()).isEmpty();
        assertThat(req.requirements()).hasSize(17).noneMatch(RequirementsTxt.Requirement::isPinned)
                .noneMatch(RequirementsTxt.Requirement::hasHashes);
        assertThat(req.requirement("flask").orElseThrow().lowerBound()).contains("2.3.0");
        assertThat(req.requirement("Flask").orElseThrow().line()).isEqualTo(2);
        Manifest manifest = req.toManifest(List.of("requirements.txt", "app.py", "Dockerfile"));
        assertThat(manifest.ecosystem()).isEqualTo(Ecosystem.PYPI);
        assertThat(manifest.hasDependency("torch")).isTrue();
        assertThat(manifest.hasDependency("sentence_transformers")).isTrue();
        assertThat(manifest.hasDependency("gunicorn")).isFalse();
        assertThat(manifest.hasLockFile()).isFalse();
        assertThat(manifest.dependency("python-dotenv").orElseThrow().line()).isEqualTo(7);
    }

    @Test
    void aCondaSpecListIsNotReadAsPipRequirements() {
        assertThat(parse("# for mamba install --file\nxgboost=2.0.3\nseaborn\nconda-forge::lightgbm\n").diagnostics())
                .isEmpty();
        assertThat(parse("@EXPLICIT\nhttps://conda.anaconda.org/conda-forge/noarch/six-1.16.0-pyh6c4a22f_0.tar.bz2\n")
                .requirements()).isEmpty();
        assertThat(parse("numpy 1.26.*\n").diagnostics()).isEmpty();
    }

    @Test
    void aSingleEqualsBesidePipOptionsStaysAnError() {
        assertThat(parse("--index-url https://pypi.example.org/simple\nflask=3.0\n").diagnostics()).singleElement()
                .satisfies(d -> assertThat(d.line()).isEqualTo(2));
        assertThat(parse("flask==3.0\nrequests>=2 ; python_version >= '3.8'\n").diagnostics()).isEmpty();
    }

    @Test
    void aGlobalOptionAfterARequirementIsDroppedAsPipDropsIt() {
        RequirementsTxt req = parse("fastapi==0.115.0\ntorch==2.5.1 --index-url https://download.pytorch.org/whl/cpu\n");
        assertThat(req.requirements()).extracting(RequirementsTxt.Requirement::name).containsExactly("fastapi", "torch");
        assertThat(req.requirements().get(1).options()).isEmpty();
        assertThat(req.options()).isEmpty();
        assertThat(req.diagnostics()).singleElement().satisfies(d -> {
            assertThat(d.level()).isEqualTo(Diagnostic.Level.WARNING);
            assertThat(d.line()).isEqualTo(2);
            assertThat(d.message()).contains("pip ignores --index-url");
        });
    }

    @Test
    void commentsFollowPipsRule() {
        RequirementsTxt req = parse("#whole line\n  # indented\nfoo==1.0 # trailing\nbar==2#not-a-comment\n");
        assertThat(req.requirements()).extracting(RequirementsTxt.Requirement::text).containsExactly("foo==1.0");
        // "bar==2#not-a-comment" is not a valid requirement: pip refuses it, so do we
        assertThat(req.diagnostics()).singleElement().satisfies(d -> {
            assertThat(d.level()).isEqualTo(Diagnostic.Level.ERROR);
            assertThat(d.line()).isEqualTo(4);
        });
    }

    @Test
    void continuationsJoinLinesAndKeepPositions() {
        RequirementsTxt req = parse("foo\\\n==1.0\n# comment \\\nbar>=2 \\\n  --hash=sha256:abc\n\\\nbaz\n");
        assertThat(req.diagnostics()).isEmpty();
        assertThat(req.requirements()).extracting(RequirementsTxt.Requirement::text).containsExactly("foo==1.0", "bar>=2",
                "baz");
        var foo = req.requirements().get(0);
        assertThat(foo.span().startLine()).isEqualTo(1);
        assertThat(foo.span().endLine()).isEqualTo(2);
        assertThat(req.requirements().get(1).hashes()).containsExactly("sha256:abc");
        assertThat(req.requirements().get(2).line()).isEqualTo(7);
    }

    @Test
    void malformedLinesAreDiagnosedNotThrown() {
        RequirementsTxt req = parse("ok==1\nfoo==\n--bogus-option x\n-r\nbar>=1 -r other.txt\n==1.0\nbaz~=1\n-e notapath\n"
                + "good<3\n");
        // pip installs bar and drops the -r that follows it on its line
        assertThat(req.requirements()).extracting(RequirementsTxt.Requirement::text)
                .containsExactly("ok==1", "bar>=1", "good<3");
        assertThat(req.diagnostics()).extracting(Diagnostic::line).containsExactly(2, 3, 4, 5, 6, 7, 8);
        assertThat(req.diagnostics()).allMatch(d -> d.level() == (d.line() == 5 ? Diagnostic.Level.WARNING
                : Diagnostic.Level.ERROR));
    }

    @Test
    void optionAbbreviationsAndAttachedValues() {
        RequirementsTxt req = parse("--extra-index https://x/simple\n-rbase.txt\n-ihttps://y/simple\n--trusted h\n");
        assertThat(req.diagnostics()).isEmpty();
        assertThat(req.extraIndexUrls()).containsExactly("https://x/simple");
        assertThat(req.includes()).extracting(RequirementsTxt.Include::path).containsExactly("base.txt");
        assertThat(req.indexUrl()).contains("https://y/simple");
        assertThat(req.trustedHosts()).containsExactly("h");
    }

    @Test
    void pinningAndBounds() {
        RequirementsTxt req = parse("a==1.*\nb===weird-version\nc==1.0\nd>1.0,>=1.5,<2\ne\nf<=3\n");
        assertThat(req.requirements()).extracting(RequirementsTxt.Requirement::isPinned)
                .containsExactly(false, true, true, false, false, false);
        assertThat(req.requirement("d").orElseThrow().lowerBound()).contains("1.5");
        assertThat(req.requirement("e").orElseThrow().lowerBound()).isEmpty();
        assertThat(req.requirement("f").orElseThrow().lowerBound()).isEmpty();
        assertThat(req.allPinned()).isFalse();
    }

    @Test
    void fileNames() {
        assertThat(RequirementsTxt.isRequirementsFileName("requirements.txt")).isTrue();
        assertThat(RequirementsTxt.isRequirementsFileName("api/requirements-dev.txt")).isTrue();
        assertThat(RequirementsTxt.isRequirementsFileName("requirements/prod.txt")).isTrue();
        assertThat(RequirementsTxt.isRequirementsFileName("notes.txt")).isFalse();
    }

    @Test
    void pep440Ordering() {
        List<String> sorted = java.util.stream.Stream.of("1.0", "1.0.post1", "1.0rc1", "1.0a1", "1.0.dev1", "0.9", "1!0.1",
                        "1.0b2", "1.1")
                .map(v -> Pep440Version.parse(v).orElseThrow()).sorted().map(Pep440Version::text).toList();
        assertThat(sorted).containsExactly("0.9", "1.0.dev1", "1.0a1", "1.0b2", "1.0rc1", "1.0", "1.0.post1", "1.1", "1!0.1");
        assertThat(Pep440Version.parse("not a version")).isEmpty();
    }
}
