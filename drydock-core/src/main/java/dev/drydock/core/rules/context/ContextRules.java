package dev.drydock.core.rules.context;

import dev.drydock.core.review.Rule;
import java.util.List;

/** Rules about the build context, compose files, secrets, dependencies and CI. */
public final class ContextRules {

    private ContextRules() {}

    public static List<Rule> all() {
        return List.of(
                new DockerignoreMissing(),
                new DockerignoreIncomplete(),
                new SecretsInBuildContext(),
                new DefaultSecret(),
                new HardcodedSecret(),
                new ComposeVersionObsolete(),
                new RequirementsUnpinned(),
                new SecurityScanMissing(),
                new CiSecretInBuildArg(),
                new ComposeHealthcheck(),
                new ResourceLimits(),
                new LogRotation(),
                new NamedVolumes(),
                new RestartPolicy());
    }
}
