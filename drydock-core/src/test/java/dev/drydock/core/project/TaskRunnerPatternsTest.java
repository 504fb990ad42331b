package dev.drydock.core.project;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TaskRunnerPatternsTest {

    @Test
    void npmRunAllStarStaysWithinOnePart() {
        assertThat(TaskRunnerReader.taskMatches("watch:*", "watch:css")).isTrue();
        assertThat(TaskRunnerReader.taskMatches("watch:*", "watch:css:min")).isFalse();
        assertThat(TaskRunnerReader.taskMatches("watch:*", "watch")).isFalse();
        assertThat(TaskRunnerReader.taskMatches("build-*", "build-js")).isTrue();
    }

    @Test
    void npmRunAllDoubleStarSpansParts() {
        assertThat(TaskRunnerReader.taskMatches("watch:**", "watch:css:min")).isTrue();
        assertThat(TaskRunnerReader.taskMatches("watch:**", "watch:css")).isTrue();
        assertThat(TaskRunnerReader.taskMatches("**", "lint")).isTrue();
        assertThat(TaskRunnerReader.taskMatches("watch:**", "serve:css")).isFalse();
    }

    @Test
    void npmRunAllLiteralNamesOneScript() {
        assertThat(TaskRunnerReader.taskMatches("start:web", "start:web")).isTrue();
        assertThat(TaskRunnerReader.taskMatches("start:web", "start:web2")).isFalse();
    }

    @Test
    void concurrentlyWildcardSpansColonsAndHonoursExclusions() {
        assertThat(TaskRunnerReader.wildcardMatches("serve:*", "serve:api:v2")).isTrue();
        assertThat(TaskRunnerReader.wildcardMatches("*", "anything")).isTrue();
        assertThat(TaskRunnerReader.wildcardMatches("lint:*(!fix)", "lint:js")).isTrue();
        assertThat(TaskRunnerReader.wildcardMatches("lint:*(!fix)", "lint:fix")).isFalse();
        assertThat(TaskRunnerReader.wildcardMatches("dev", "dev")).isTrue();
        assertThat(TaskRunnerReader.wildcardMatches("dev", "dev:api")).isFalse();
    }
}
