package dev.drydock.core.review;

import dev.drydock.core.compose.ComposeProject;
import dev.drydock.core.compose.Service;
import dev.drydock.core.project.ComposeVariant;
import dev.drydock.core.project.Project;
import dev.drydock.core.rules.support.ComposeServices;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A service that a base file and a variant file over it both define ({@code web} in {@code compose.yaml} and in
 * {@code compose.prod.yaml}) is reviewed in the base's project and in the variant's: what it lacks in both is said
 * once, at the service in the variant, where the setting is meant to go for that deployment; but for a variant for
 * development ({@code docker-compose.dev.yml} over a production base), at the service in the base. What the base
 * lacks and a variant for deployment supplies ({@code restart}, a healthcheck, limits in {@code compose.prod.yaml})
 * is not said at all: the base file read alone, or with its override, is the development stack, and the deployment
 * runs the files together.
 */
final class VariantFindings {

    private VariantFindings() {}

    /**
     * The findings without those at a base file's service that the same rule also reports at a variant's (without
     * those at a development variant's service that the same rule also reports at the base's).
     */
    static List<Finding> once(Project project, List<Finding> findings) {
        if (project.composeVariants().isEmpty()) {
            return findings;
        }
        Map<Location, Location> baseKeyOfVariantKey = new HashMap<>();
        Map<Location, Location> variantKeyOfBaseKey = new HashMap<>();
        for (ComposeVariant variant : project.composeVariants()) {
            for (Service service : variant.project().services().values()) {
                if (variant.defines(service) && service.node().file().path().equals(variant.baseFile())) {
                    Location baseKey = baseKey(project, variant, service.name());
                    if (baseKey != null && ComposeServices.isDevelopmentFile(variant.variantFile())) {
                        variantKeyOfBaseKey.put(baseKey, location(service));
                    } else if (baseKey != null) {
                        baseKeyOfVariantKey.put(location(service), baseKey);
                    }
                }
            }
        }
        Set<String> covered = new HashSet<>();
        Set<String> reported = new HashSet<>();
        findings.forEach(f -> reported.add(f.rule().id() + "@" + f.location()));
        for (Finding f : findings) {
            baseKeyOfVariantKey.forEach((variantKey, baseKey) -> {
                if (f.implicit() && f.location().equals(baseKey) && !reported.contains(f.rule().id() + "@" + variantKey)) {
                    covered.add(f.rule().id() + "@" + baseKey);
                }
            });
            for (Location other : List.of(baseKeyOfVariantKey, variantKeyOfBaseKey).stream()
                    .map(m -> m.get(f.location())).filter(java.util.Objects::nonNull).toList()) {
                covered.add(f.rule().id() + "@" + other);
            }
        }
        if (covered.isEmpty()) {
            return findings;
        }
        return findings.stream().filter(f -> !covered.contains(f.rule().id() + "@" + f.location())).toList();
    }

    /** The service's name key in the base file, as another project that reads the base file alone has it. */
    private static Location baseKey(Project project, ComposeVariant variant, String name) {
        for (ComposeProject compose : project.composeProjects()) {
            Service s = compose == variant.project() ? null : compose.services().get(name);
            if (s != null && s.nameKey().file().path().equals(variant.baseFile())) {
                return location(s);
            }
        }
        return null;
    }

    private static Location location(Service service) {
        return new Location(service.nameKey().file().path(), service.nameKey().span());
    }
}
