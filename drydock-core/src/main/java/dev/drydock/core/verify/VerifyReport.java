package dev.drydock.core.verify;

import java.util.List;

/**
 * What {@code drydock verify} found.
 *
 * @param project the project folder as given
 * @param engine the engine used ({@code docker} or {@code podman})
 * @param fixesApplied how many fixes the fixed copy has
 * @param changedFiles the files the fixes changed, relative to the project root
 * @param containers each container built, before and after
 * @param problems what kept verification from running fully (no Dockerfile to build, a context outside the project)
 */
public record VerifyReport(String project, String engine, int fixesApplied, List<String> changedFiles,
        List<ContainerVerification> containers, List<String> problems) {

    public VerifyReport {
        changedFiles = List.copyOf(changedFiles);
        containers = List.copyOf(containers);
        problems = List.copyOf(problems);
    }

    /** Whether every image after the fixes passes every check (and there was something to verify). */
    public boolean passed() {
        return !containers.isEmpty() && containers.stream().allMatch(c -> c.after() != null && c.after().passed());
    }
}
