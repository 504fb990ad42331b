package dev.drydock.core.verify;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Starts a built image as planned and checks it: health, user, PID 1, files, then stop. The container
 * is removed afterwards unless asked to keep it.
 */
final class ContainerChecks {

    private final ContainerEngine engine;
    private final Duration healthCap;
    private final boolean keep;

    ContainerChecks(ContainerEngine engine, Duration healthCap, boolean keep) {
        this.engine = engine;
        this.healthCap = healthCap;
        this.keep = keep;
    }

    List<CheckResult> run(RunPlan plan, ImageInfo image) {
        List<CheckResult> results = new ArrayList<>();
        String id;
        try {
            id = engine.run(plan.spec());
        } catch (EngineException e) {
            String reason = e.getMessage();
            results.add(CheckResult.fail(HealthCheck.ID, reason));
            for (String check : List.of(UserCheck.ID, MainProcessCheck.ID, FilesCheck.ID, StopCheck.ID)) {
                results.add(CheckResult.skip(check, "the container did not start"));
            }
            return results;
        }
        try {
            results.add(health(id, plan));
            ContainerState state = engine.state(id);
            if (!state.running()) {
                results.addAll(exited(id, state, ""));
                return results;
            }
            List<CheckResult> inside = new ArrayList<>();
            CommandResult uid = engine.exec(id, null, List.of("id", "-u"));
            String configured = plan.spec().user() != null ? plan.spec().user() : image.user();
            inside.add(UserCheck.evaluate(uid.ok() ? uid.stdout() : null, configured));
            boolean hasShell = engine.exec(id, null, List.of("sh", "-c", "true")).ok();
            CommandResult cmdline = engine.exec(id, "0", List.of("cat", "/proc/1/cmdline"));
            inside.add(MainProcessCheck.evaluate(cmdline.ok() ? MainProcessCheck.parseCmdline(cmdline.stdout()) : List.of()));
            inside.add(new FilesCheck(engine, id).run(plan, hasShell));
            state = engine.state(id);
            if (!state.running()) {
                results.addAll(exited(id, state, " while it was being checked"));
                return results;
            }
            results.addAll(inside);
            results.add(stop(id, plan.grace()));
        } finally {
            if (!keep) {
                engine.removeContainer(id);
            }
        }
        return results;
    }

    /**
     * The checks made inside a container that is no longer running: what an exec would answer then
     * (a missing program, a missing folder) says nothing about the image.
     */
    private List<CheckResult> exited(String id, ContainerState state, String when) {
        List<String> logs = engine.logs(id, 20);
        String reason = "the container exited with code " + state.exitCode() + when;
        return List.of(CheckResult.skip(UserCheck.ID, reason).withLines(logs),
                CheckResult.skip(MainProcessCheck.ID, reason),
                CheckResult.skip(FilesCheck.ID, reason),
                CheckResult.fail(StopCheck.ID, reason + " before it was stopped").withLines(logs));
    }

    private CheckResult health(String id, RunPlan plan) {
        HealthSettings health = plan.health();
        if (health == null) {
            return HealthCheck.noHealthcheck();
        }
        Duration wait = health.wait(healthCap);
        long start = System.nanoTime();
        ContainerState state = engine.state(id);
        while (true) {
            Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
            if (!state.running()) {
                return HealthCheck.evaluate(health, new HealthCheck.Outcome(state.health(), elapsed, true,
                        state.exitCode(), state.lastProbeOutput())).withLines(engine.logs(id, 20));
            }
            if (state.health().equals("healthy") || state.health().equals("unhealthy") || elapsed.compareTo(wait) >= 0) {
                return HealthCheck.evaluate(health, new HealthCheck.Outcome(state.health(), elapsed, false, 0,
                        state.lastProbeOutput()));
            }
            sleep(Duration.ofSeconds(1));
            state = engine.probeHealth(id);
        }
    }

    private CheckResult stop(String id, Duration grace) {
        CommandResult stop = engine.stop(id, grace);
        ContainerState state = engine.state(id);
        return StopCheck.evaluate(state.exitCode(), stop.elapsed(), grace, !stop.ok() || state.running());
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EngineException("interrupted");
        }
    }
}
