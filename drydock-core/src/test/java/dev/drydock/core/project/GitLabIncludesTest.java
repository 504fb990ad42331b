package dev.drydock.core.project;

import static org.assertj.core.api.Assertions.assertThat;

import dev.drydock.core.source.SourceFile;
import org.junit.jupiter.api.Test;

class GitLabIncludesTest {

    @Test
    void localEntriesAndPlainPathsAreFilesOfTheProject() {
        assertThat(GitLabIncludes.local(SourceFile.of(".gitlab-ci.yml", """
                include:
                  - local: /ci/build.yml
                  - 'ci/test.gitlab-ci.yml'
                  - template: Jobs/Container-Scanning.gitlab-ci.yml
                  - project: acme/pipelines
                    ref: main
                    file: /templates/release.yml
                  - remote: https://example.com/ci.yml
                  - local: ci/jobs/*.yml
                  - local: $CI_DIR/x.yml
                  - component: $CI_SERVER_FQDN/acme/scan@1.0
                build:
                  script: docker build .
                """))).containsExactly("ci/build.yml", "ci/test.gitlab-ci.yml");
        assertThat(GitLabIncludes.local(SourceFile.of(".gitlab-ci.yml", "include: '/ci/all.yml'\n")))
                .containsExactly("ci/all.yml");
        assertThat(GitLabIncludes.local(SourceFile.of(".gitlab-ci.yml", "include:\n  local: ci/one.yml\n")))
                .containsExactly("ci/one.yml");
    }
}
