package dev.drydock.core.dockerfile.model;

import java.util.List;
import java.util.Map;

/** Changes one or more fields of an {@link ImageConfig}, which is immutable. */
final class ConfigBuilder {

    private Setting<String> user;
    private Setting<String> workdir;
    private Setting<List<String>> shell;
    private CommandSpec entrypoint;
    private CommandSpec cmd;
    private HealthcheckSpec healthcheck;
    private Setting<String> stopSignal;
    private List<Setting<String>> exposedPorts;
    private List<Setting<String>> volumes;
    private Map<String, Setting<String>> labels;

    ConfigBuilder(ImageConfig from) {
        user = from.user();
        workdir = from.workdir();
        shell = from.shell();
        entrypoint = from.entrypoint();
        cmd = from.cmd();
        healthcheck = from.healthcheck();
        stopSignal = from.stopSignal();
        exposedPorts = from.exposedPorts();
        volumes = from.volumes();
        labels = from.labels();
    }

    ConfigBuilder user(Setting<String> value) {
        user = value;
        return this;
    }

    ConfigBuilder workdir(Setting<String> value) {
        workdir = value;
        return this;
    }

    ConfigBuilder shell(Setting<List<String>> value) {
        shell = value;
        return this;
    }

    ConfigBuilder entrypoint(CommandSpec value) {
        entrypoint = value;
        return this;
    }

    ConfigBuilder cmd(CommandSpec value) {
        cmd = value;
        return this;
    }

    ConfigBuilder healthcheck(HealthcheckSpec value) {
        healthcheck = value;
        return this;
    }

    ConfigBuilder stopSignal(Setting<String> value) {
        stopSignal = value;
        return this;
    }

    ConfigBuilder exposedPorts(List<Setting<String>> value) {
        exposedPorts = value;
        return this;
    }

    ConfigBuilder volumes(List<Setting<String>> value) {
        volumes = value;
        return this;
    }

    ConfigBuilder labels(Map<String, Setting<String>> value) {
        labels = value;
        return this;
    }

    ImageConfig build() {
        return new ImageConfig(user, workdir, shell, entrypoint, cmd, healthcheck, stopSignal, exposedPorts, volumes,
                labels);
    }
}
