package dev.drydock.core.rules.context;

import dev.drydock.core.compose.MapNode;
import dev.drydock.core.compose.ScalarNode;
import dev.drydock.core.compose.Service;
import dev.drydock.core.review.ReviewContext;
import dev.drydock.core.rules.support.ComposeServices;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The services one depends_on entry is written for: several when they merge it from an anchor. */
final class Dependants {

    private final List<ComposeServices.Ref> refs = new ArrayList<>();

    void add(ComposeServices.Ref ref) {
        refs.add(ref);
    }

    ComposeServices.Ref first() {
        return refs.get(0);
    }

    /** The services, each once (a service that two compose projects load is one service of the files). */
    List<Service> services() {
        Map<String, Service> byName = new LinkedHashMap<>();
        refs.forEach(ref -> byName.putIfAbsent(ref.name(), ref.service()));
        return List.copyOf(byName.values());
    }

    /** "web", "web and worker", "web, worker and beat". */
    String names() {
        return ComposeServices.names(refs.stream().map(ComposeServices.Ref::name).toList());
    }

    int size() {
        return (int) refs.stream().map(ComposeServices.Ref::name).distinct().count();
    }

    boolean one() {
        return refs.stream().map(ComposeServices.Ref::name).distinct().count() == 1;
    }

    /** The names with the verb to start in agreement. */
    String starts() {
        return names() + (one() ? " starts" : " start");
    }

    /**
     * Where the depends_on entry to change is written: the service, or the anchor the services merge it from (saying
     * which share it), or each of them when it is their own or they have none.
     */
    String where(ReviewContext context) {
        if (one()) {
            return first().name();
        }
        MapNode.Entry dependsOn = first().service().node().entry("depends_on");
        ScalarNode owner = dependsOn == null ? null
                : ComposeServices.writtenUnder(context, first().compose(), dependsOn.key());
        boolean shared = owner != null && refs.stream().allMatch(ref -> {
            MapNode.Entry own = ref.service().node().entry("depends_on");
            return own != null && own.value().span().equals(dependsOn.value().span())
                    && own.value().file() == dependsOn.value().file();
        });
        return shared ? owner.value() + " (which " + names() + " share)" : "each of " + names();
    }
}
