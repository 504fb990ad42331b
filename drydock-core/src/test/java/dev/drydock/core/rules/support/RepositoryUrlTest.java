package dev.drydock.core.rules.support;

import static org.assertj.core.api.Assertions.assertThat;

import dev.drydock.core.project.ProjectLoader;
import dev.drydock.core.review.Finding;
import dev.drydock.core.review.Reviewer;
import dev.drydock.core.rules.dockerfile.OciLabelsMissing;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RepositoryUrlTest {

    @Test
    void originRemotesBecomeWebAddresses() {
        assertThat(RepositoryUrl.fromGitConfig("[remote \"origin\"]\n\turl = git@github.com:acme/shop.git\n"))
                .contains("https://github.com/acme/shop");
        assertThat(RepositoryUrl.fromGitConfig("[remote \"origin\"]\n\turl = https://user:tok@gitlab.com/a/b.git\n"))
                .contains("https://gitlab.com/a/b");
        assertThat(RepositoryUrl.fromGitConfig("[remote \"origin\"]\n\turl = ssh://git@git.example.org:2222/team/app.git\n"))
                .contains("https://git.example.org/team/app");
        assertThat(RepositoryUrl.fromGitConfig("[remote \"upstream\"]\n\turl = https://github.com/x/y\n")).isEmpty();
        assertThat(RepositoryUrl.fromGitConfig("[remote \"origin\"]\n\turl = /srv/git/app.git\n")).isEmpty();
    }

    @Test
    void theOciLabelRecommendationUsesTheRepositoryAddress(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("Dockerfile"), "FROM alpine:3.20.3\nCMD [\"true\"]\n");
        Files.createDirectories(dir.resolve(".git"));
        Files.writeString(dir.resolve(".git/config"), "[core]\n\tbare = false\n[remote \"origin\"]\n"
                + "\turl = git@github.com:acme/shop.git\n\tfetch = +refs/heads/*:refs/remotes/origin/*\n");
        List<Finding> findings = new Reviewer(List.of(new OciLabelsMissing())).review(new ProjectLoader().load(dir)).findings();
        assertThat(findings).singleElement().satisfies(f -> assertThat(f.effectiveRecommendation())
                .contains("org.opencontainers.image.source=\"https://github.com/acme/shop\""));
    }
}
