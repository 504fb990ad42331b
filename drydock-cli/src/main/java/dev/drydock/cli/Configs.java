package dev.drydock.cli;

import dev.drydock.core.config.ConfigFiles;
import dev.drydock.core.config.DrydockConfig;
import dev.drydock.core.review.Severity;
import java.nio.file.Path;
import java.util.Optional;

/** The configuration a command uses, and the failure threshold that follows from it and the options. */
final class Configs {

    private Configs() {}

    /** The file given with --config, else the one found for the project (none: the defaults). */
    static DrydockConfig load(Path config, Path project) {
        return config != null ? ConfigFiles.read(config, project) : ConfigFiles.forProject(project);
    }

    /** {@link #load(Path, Path)} for {@code invocation}, names in messages relative to its folder. */
    static DrydockConfig load(Path config, Path project, Invocation invocation) {
        Path here = invocation.shownFrom();
        return config != null ? ConfigFiles.read(config, project, here) : ConfigFiles.forProject(project, here);
    }

    /** The severity from which the command fails: --fail-on, else the configuration's, else high; empty: never. */
    static Optional<Severity> threshold(ReviewCommand.Threshold option, DrydockConfig config) {
        if (option != null) {
            return option == ReviewCommand.Threshold.none ? Optional.empty() : Optional.of(Severity.of(option.name()));
        }
        if (config.failOn() != null) {
            return Optional.ofNullable(config.failOn().severity());
        }
        return Optional.of(Severity.HIGH);
    }
}
