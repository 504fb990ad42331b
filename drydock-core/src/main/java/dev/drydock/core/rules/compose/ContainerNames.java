package dev.drydock.core.rules.compose;

import dev.drydock.core.compose.ComposeProject;
import dev.drydock.core.compose.Located;
import dev.drydock.core.compose.Service;
import dev.drydock.core.review.ReviewContext;
import dev.drydock.core.rules.support.ComposeServices;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/** The {@code container_name} keys of the services of a project, as the container-name rules read them. */
final class ContainerNames {

    /** What the Docker Engine accepts as a container name. */
    static final Pattern VALID = Pattern.compile("/?[a-zA-Z0-9][a-zA-Z0-9_.-]+");

    private ContainerNames() {}

    /** A service's container name and the services of the same project that set it earlier. */
    record Named(ComposeServices.Ref ref, Located<String> name, List<ComposeServices.Ref> earlier) {}

    static List<Named> of(ReviewContext context) {
        List<Named> out = new ArrayList<>();
        Map<ComposeProject, Map<String, List<ComposeServices.Ref>>> byProject = new LinkedHashMap<>();
        for (ComposeServices.Ref ref : ComposeServices.services(context)) {
            Located<String> name = ref.service().containerName();
            if (name == null || name.value() == null || name.value().isEmpty()) {
                continue;
            }
            List<ComposeServices.Ref> same = byProject.computeIfAbsent(ref.compose(), c -> new LinkedHashMap<>())
                    .computeIfAbsent(name.value(), n -> new ArrayList<>());
            List<ComposeServices.Ref> earlier = new ArrayList<>();
            for (ComposeServices.Ref other : same) {
                if (ComposeProfiles.runTogether(other.service(), ref.service())) {
                    earlier.add(other);
                }
            }
            out.add(new Named(ref, name, List.copyOf(earlier)));
            same.add(ref);
        }
        return out;
    }

    static boolean valid(String name) {
        return VALID.matcher(name).matches();
    }

    static String names(List<ComposeServices.Ref> refs) {
        return String.join(", ", refs.stream().map(r -> r.name() + " (" + ComposeServices.where(
                r.service().containerName().node()) + ")").toList());
    }

    static Service service(Named named) {
        return named.ref().service();
    }
}
