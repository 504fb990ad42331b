package dev.drydock.core.rules.support;

import dev.drydock.core.compose.MapNode;
import dev.drydock.core.review.Location;
import dev.drydock.core.review.ReviewContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * Services that lack the same setting, grouped where one edit gives it to them all: the mapping they take their
 * image or build from ({@code x-app: &app} that they merge, see {@link ComposeServices#sharedBase}), else each
 * service alone. One finding per group names them all, so ten services merging one anchor make one finding.
 *
 * @param members the services, in the order they were found
 * @param base the mapping they share, null for a service alone
 */
public record ServiceGroup(List<ComposeServices.Ref> members, MapNode.Entry base) {

    public ServiceGroup {
        members = List.copyOf(members);
    }

    /** {@code refs} grouped by the mapping they share. */
    public static List<ServiceGroup> of(ReviewContext context, List<ComposeServices.Ref> refs) {
        return of(context, refs, ref -> null);
    }

    /**
     * {@code refs} grouped by {@code written}, the location of a setting a service has that the finding points
     * at instead (its own or its anchor's {@code security_opt:}), or by the mapping they share where it is null.
     */
    public static List<ServiceGroup> of(ReviewContext context, List<ComposeServices.Ref> refs,
            Function<ComposeServices.Ref, Location> written) {
        List<ServiceGroup> groups = new ArrayList<>();
        Function<ComposeServices.Ref, Location> where = ref -> Objects.requireNonNullElseGet(written.apply(ref),
                () -> ComposeServices.whereShared(context, ref));
        for (List<ComposeServices.Ref> group : ComposeServices.byLocation(refs, where)) {
            ComposeServices.Ref first = group.get(0);
            MapNode.Entry base = group.size() > 1 && written.apply(first) == null
                    ? ComposeServices.sharedBaseEntry(context, first.compose(), first.service()) : null;
            groups.add(new ServiceGroup(group, base));
        }
        return groups;
    }

    public ComposeServices.Ref first() {
        return members.get(0);
    }

    /** Whether the services share a mapping the setting can be written into once. */
    public boolean shared() {
        return base != null;
    }

    /** Where a finding about what they lack points: the shared mapping's key, else the service's name. */
    public Location location() {
        return shared() ? ComposeServices.location(base.key()) : first().nameLocation();
    }

    /** "web and worker (compose.yaml)". */
    public String subject() {
        return names() + " (" + first().file() + ")";
    }

    public String names() {
        return ComposeServices.names(members.stream().map(ComposeServices.Ref::name).toList());
    }

    /** "has" for one service, "have" for several. */
    public String has() {
        return several() ? "have" : "has";
    }

    /** "it" for one service, "one of them" for several. */
    public String oneOfThem() {
        return several() ? "one of them" : "it";
    }

    /** Whether more than one service is in the group: a service loaded by two compose projects is one. */
    private boolean several() {
        return members.stream().map(ComposeServices.Ref::name).distinct().count() > 1;
    }

    /** Where the recommendation writes the setting: "x-app, which web and worker share", else the service. */
    public String target() {
        return shared() ? base.key().value() + ", which " + names() + " share" : names();
    }

    /** The mapping an edit adds the setting to: the shared one, else the service's own. */
    public MapNode mapping() {
        return shared() && base.value() instanceof MapNode map ? map : first().service().node();
    }
}
