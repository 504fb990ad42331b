package dev.drydock.core.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class ImageReferenceTest {

    static final String SHA = "sha256:" + "f".repeat(64);

    @ParameterizedTest(name = "{0}")
    @CsvSource(nullValues = "-", textBlock = """
            # reference,                                registry,            repository,                 tag,      familiar name
            python,                                     docker.io,           library/python,             -,        python
            python:3.12-slim,                           docker.io,           library/python,             3.12-slim, python
            library/python:3,                           docker.io,           library/python,             3,        python
            docker.io/python,                           docker.io,           library/python,             -,        python
            docker.io/library/python:latest,            docker.io,           library/python,             latest,   python
            index.docker.io/python,                     docker.io,           library/python,             -,        python
            index.docker.io/library/debian,             docker.io,           library/debian,             -,        debian
            bitnami/redis:7.2,                          docker.io,           bitnami/redis,              7.2,      bitnami/redis
            docker.io/bitnami/redis,                    docker.io,           bitnami/redis,              -,        bitnami/redis
            library/foo/bar,                            docker.io,           library/foo/bar,            -,        library/foo/bar
            store/foo/bar,                              docker.io,           store/foo/bar,              -,        store/foo/bar
            ghcr.io/owner/app:v1.2.3,                   ghcr.io,             owner/app,                  v1.2.3,   ghcr.io/owner/app
            ghcr.io/app,                                ghcr.io,             app,                        -,        ghcr.io/app
            localhost/app,                              localhost,           app,                        -,        localhost/app
            localhost:5000/team/app:dev,                localhost:5000,      team/app,                   dev,      localhost:5000/team/app
            registry:5000/app,                          registry:5000,       app,                        -,        registry:5000/app
            127.0.0.1:5000/docker/docker,               127.0.0.1:5000,      docker/docker,              -,        127.0.0.1:5000/docker/docker
            192.168.0.1,                                docker.io,           library/192.168.0.1,        -,        192.168.0.1
            192.168.0.1:80,                             docker.io,           library/192.168.0.1,        80,       192.168.0.1
            [fc00::1]:5000/docker,                      [fc00::1]:5000,      docker,                     -,        [fc00::1]:5000/docker
            [2001:db8::1]/repo:tag,                     [2001:db8::1],       repo,                       tag,      [2001:db8::1]/repo
            mcr.microsoft.com/dotnet/sdk:8.0,           mcr.microsoft.com,   dotnet/sdk,                 8.0,      mcr.microsoft.com/dotnet/sdk
            123456789012.dkr.ecr.eu-west-1.amazonaws.com/app:1,123456789012.dkr.ecr.eu-west-1.amazonaws.com,app,1,123456789012.dkr.ecr.eu-west-1.amazonaws.com/app
            xn--n3h.com:18080/foo,                      xn--n3h.com:18080,   foo,                        -,        xn--n3h.com:18080/foo
            test-com:8080/foo,                          test-com:8080,       foo,                        -,        test-com:8080/foo
            test_com/foo,                               docker.io,           test_com/foo,               -,        test_com/foo
            docker---rules/docker,                      docker.io,           docker---rules/docker,      -,        docker---rules/docker
            dock__er/docker,                            docker.io,           dock__er/docker,            -,        dock__er/docker
            d/docker,                                   docker.io,           d/docker,                   -,        d/docker
            lowercase:Uppercase,                        docker.io,           library/lowercase,          Uppercase, lowercase
            b.gcr.io/test.example.com/my-app:test.example.com,b.gcr.io,    test.example.com/my-app,    test.example.com, b.gcr.io/test.example.com/my-app
            Docker/docker,                              Docker,              docker,                     -,        Docker/docker
            docker.io/1a3f5e7d9c1b3a5f7e9d1c3b5a7f9e1d3c5b7a9f1e3d5d7c9b1a3f5e7d9c1b3a,docker.io,library/1a3f5e7d9c1b3a5f7e9d1c3b5a7f9e1d3c5b7a9f1e3d5d7c9b1a3f5e7d9c1b3a,-,1a3f5e7d9c1b3a5f7e9d1c3b5a7f9e1d3c5b7a9f1e3d5d7c9b1a3f5e7d9c1b3a
            thisisthesongthatneverendsitgoesonandonandonthisisthesongthatnev,docker.io,library/thisisthesongthatneverendsitgoesonandonandonthisisthesongthatnev,-,thisisthesongthatneverendsitgoesonandonandonthisisthesongthatnev
            my_host.com/app,                            '',                  my_host.com/app,            -,        my_host.com/app
            """)
    void parsesAndNormalises(String input, String registry, String repository, String tag, String familiar) {
        ImageReference ref = ImageReference.parse(input);
        assertThat(ref.kind()).isEqualTo(ImageReference.Kind.IMAGE);
        assertThat(ref.original()).isEqualTo(input);
        assertThat(ref.registry()).isEqualTo(registry);
        assertThat(ref.repository()).isEqualTo(repository);
        assertThat(ref.tag()).isEqualTo(tag);
        assertThat(ref.digest()).isNull();
        assertThat(ref.familiarName()).isEqualTo(familiar);
    }

    static java.util.stream.Stream<String> invalid() {
        return java.util.stream.Stream.of(
        "",
        ":justtag",
        "@" + SHA,
        "https://github.com/docker/docker",
        "docker/Docker",
        "Python",
        "Python:3.12",
        "UPPER:tag",
        "-docker",
        "-docker/docker",
        "docker-/docker",
        "-docker.io/docker/docker",
        "docker///docker",
        "docker/",
        "/docker",
        "docker.io/docker/Docker",
        "[fc00::1]",
        "[fc00::1]:5000",
        "fc00::1:5000/debian",
        "[fe80::1%eth0]:5000/debian",
        "[2001:db8:3:4::192.0.2.33]:5000/debian",
        "1a3f5e7d9c1b3a5f7e9d1c3b5a7f9e1d3c5b7a9f1e3d5d7c9b1a3f5e7d9c1b3a",
        "____/____",
        "_docker/_docker",
        "dock..er/docker",
        "dock_.er/docker",
        "dock-.er/docker",
        "dock___er/docker",
        "aa/asdf$^/aa",
        "python:",
        "python:-tag",
        "python:.tag",
        "python:a/b",
        "python:tag:tag",
        "python@",
        "python@sha256:abc",
        "python@sha256:" + "f".repeat(63),
        "python@sha256:" + "F".repeat(64),
        "python@md5:" + "f".repeat(32),
        "python@sha256:" + "g".repeat(64),
        "python@@" + SHA,
        "python " ,
        " python",
        "py thon",
        "python:3.12 AS build",
        "test:5000/Uppercase/lowercase:tag",
        "ex ample.com/a",
        "exa_mple.com:5000/a");
    }

    @ParameterizedTest(name = "[{index}] \"{0}\"")
    @MethodSource("invalid")
    void rejectsWhatDockerRejects(String input) {
        assertThatThrownBy(() -> ImageReference.parse(input))
                .isInstanceOf(InvalidImageReferenceException.class)
                .isInstanceOf(IllegalArgumentException.class)
                .satisfies(e -> assertThat(((InvalidImageReferenceException) e).reason()).isNotBlank());
        assertThat(ImageReference.tryParse(input)).isEmpty();
    }

    @Test
    void tagLengthAndNameLengthLimits() {
        assertThat(ImageReference.parse("a:" + "t".repeat(128)).tag()).hasSize(128);
        assertThatThrownBy(() -> ImageReference.parse("a:" + "t".repeat(129)))
                .isInstanceOf(InvalidImageReferenceException.class);
        // the path limit counts the normalised path, library/ included
        String path = "a/".repeat(127) + "a"; // 255 characters
        assertThat(ImageReference.parse("example.com/" + path + ":tag").repository()).hasSize(255);
        assertThatThrownBy(() -> ImageReference.parse("example.com/" + path + "b"))
                .hasMessageContaining("must not be more than 255 characters");
        assertThatThrownBy(() -> ImageReference.parse("a".repeat(250)))
                .hasMessageContaining("must not be more than 255 characters");
        assertThat(ImageReference.parse("a".repeat(247)).repository()).hasSize(255);
    }

    @Test
    void reasonsAreSpecific() {
        assertThatThrownBy(() -> ImageReference.parse("Python:3.12"))
                .hasMessageContaining("repository name (library/Python) must be lowercase");
        assertThatThrownBy(() -> ImageReference.parse("python:3.12 AS build"))
                .hasMessageContaining("white space");
        assertThatThrownBy(() -> ImageReference.parse("python:-x")).hasMessageContaining("invalid tag \"-x\"");
        assertThatThrownBy(() -> ImageReference.parse("my-/app")).hasMessageContaining("component \"my-\"");
        assertThatThrownBy(() -> ImageReference.parse("python@sha256:abc")).hasMessageContaining("invalid digest");
        assertThatThrownBy(() -> ImageReference.parse("python@sha256:" + "f".repeat(63)))
                .hasMessageContaining("digest length");
        assertThatThrownBy(() -> ImageReference.parse("python@sha1:" + "f".repeat(40)))
                .hasMessageContaining("unsupported digest algorithm sha1");
        assertThatThrownBy(() -> ImageReference.parse("python@sha256:" + "F".repeat(64)))
                .hasMessageContaining("lowercase");
        assertThatThrownBy(() -> ImageReference.parse("a".repeat(64).replace('a', 'b')))
                .hasMessageContaining("cannot specify 64-byte hexadecimal strings");
        InvalidImageReferenceException e = (InvalidImageReferenceException)
                org.assertj.core.api.Assertions.catchThrowable(() -> ImageReference.parse("Python"));
        assertThat(e.reference()).isEqualTo("Python");
        assertThat(e.reason()).startsWith("invalid reference format");
    }

    @Test
    void digests() {
        ImageReference pinned = ImageReference.parse("python@" + SHA);
        assertThat(pinned.digest()).isEqualTo(SHA);
        assertThat(pinned.tag()).isNull();
        assertThat(pinned.isPinnedByDigest()).isTrue();
        assertThat(pinned.hasExplicitTag()).isFalse();
        assertThat(pinned.isLatest()).isFalse();
        assertThat(pinned.effectiveTag()).isNull();
        assertThat(pinned.canonicalString()).isEqualTo("docker.io/library/python@" + SHA);
        assertThat(pinned.familiarString()).isEqualTo("python@" + SHA);

        ImageReference both = ImageReference.parse("busybox:latest@" + SHA);
        assertThat(both.tag()).isEqualTo("latest");
        assertThat(both.isPinnedByDigest()).isTrue();
        assertThat(both.canonicalString()).isEqualTo("docker.io/library/busybox:latest@" + SHA);

        assertThat(ImageReference.parse("x@sha512:" + "0".repeat(128)).digest()).startsWith("sha512:");
        assertThat(ImageReference.parse("x@sha384:" + "0".repeat(96)).digest()).startsWith("sha384:");
        assertThat(ImageReference.parse("[::1]:5000/repo:tag@" + SHA).registry()).isEqualTo("[::1]:5000");
    }

    @Test
    void normalisedForms() {
        ImageReference python = ImageReference.parse("python");
        assertThat(python.fullName()).isEqualTo("docker.io/library/python");
        assertThat(python.familiarName()).isEqualTo("python");
        assertThat(python.canonicalString()).isEqualTo("docker.io/library/python:latest");
        assertThat(python.familiarString()).isEqualTo("python");
        assertThat(python.effectiveTag()).isEqualTo("latest");
        assertThat(python.isLatest()).isTrue();
        assertThat(python.hasExplicitTag()).isFalse();
        assertThat(python.isOfficialImage()).isTrue();
        assertThat(python.isDockerHub()).isTrue();
        assertThat(python.imageName()).isEqualTo("python");
        assertThat(python.version()).isNull();

        ImageReference slim = ImageReference.parse("docker.io/library/python:3.12-slim");
        assertThat(slim.familiarString()).isEqualTo("python:3.12-slim");
        assertThat(slim.isLatest()).isFalse();
        assertThat(slim.version().precision()).isEqualTo(TagVersion.Precision.MINOR);

        assertThat(ImageReference.parse("python:latest").isLatest()).isTrue();
        assertThat(ImageReference.parse("bitnami/redis").isOfficialImage()).isFalse();
        assertThat(ImageReference.parse("library/foo/bar").isOfficialImage()).isFalse();
        assertThat(ImageReference.parse("ghcr.io/library/x").isOfficialImage()).isFalse();
        assertThat(ImageReference.parse("ghcr.io/org/app").imageName()).isEqualTo("app");
        assertThat(ImageReference.parse("ghcr.io/org/app").canonicalString()).isEqualTo("ghcr.io/org/app:latest");
        assertThat(ImageReference.parse("index.docker.io/user/app:1").familiarString()).isEqualTo("user/app:1");
    }

    @Test
    void scratchAndUnresolvedVariables() {
        ImageReference scratch = ImageReference.parse("scratch");
        assertThat(scratch.isScratch()).isTrue();
        assertThat(scratch.isImage()).isFalse();
        assertThat(scratch.fullName()).isNull();
        assertThat(scratch.familiarString()).isEqualTo("scratch");
        assertThat(scratch.isLatest()).isFalse();
        assertThat(scratch.isOfficialImage()).isFalse();

        // BuildKit compares with "scratch" exactly; other spellings are image names
        assertThat(ImageReference.parse("docker.io/library/scratch").isImage()).isTrue();
        assertThatThrownBy(() -> ImageReference.parse("SCRATCH")).isInstanceOf(InvalidImageReferenceException.class);

        for (String unresolved : new String[] {"${BASE}:3.11", "$BASE", "python:${PY}-slim", "${REGISTRY}/app@${DIGEST}"}) {
            ImageReference ref = ImageReference.parse(unresolved);
            assertThat(ref.isUnresolved()).isTrue();
            assertThat(ref.registry()).isNull();
            assertThat(ref.repository()).isNull();
            assertThat(ref.isPinnedByDigest()).isFalse();
            assertThat(ref.toString()).isEqualTo(unresolved);
        }
    }

    @Test
    void withTagAndDigest() {
        ImageReference ref = ImageReference.parse("python:3.12");
        ImageReference retagged = ref.withTag("3.12.4-slim");
        assertThat(retagged.tag()).isEqualTo("3.12.4-slim");
        assertThat(retagged.original()).isEqualTo("python:3.12.4-slim");
        ImageReference pinned = retagged.withDigest(SHA);
        assertThat(pinned.original()).isEqualTo("python:3.12.4-slim@" + SHA);
        assertThat(pinned.withDigest(null).isPinnedByDigest()).isFalse();
        assertThatThrownBy(() -> ref.withTag("-bad")).isInstanceOf(InvalidImageReferenceException.class);
        assertThatThrownBy(() -> ref.withDigest("sha256:abc")).isInstanceOf(InvalidImageReferenceException.class);
        assertThatThrownBy(() -> ImageReference.parse("scratch").withTag("x")).isInstanceOf(IllegalStateException.class);
    }
}
