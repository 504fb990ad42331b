package dev.drydock.core.rules.compose;

import dev.drydock.core.compose.Located;
import dev.drydock.core.compose.Service;
import java.util.Set;
import java.util.stream.Collectors;

/** What compose profiles say about which services run together. */
final class ComposeProfiles {

    private ComposeProfiles() {}

    /**
     * Whether two services can run in the same {@code docker compose up}: a service without profiles always
     * runs; two services that both have profiles run together only when they share one.
     */
    static boolean runTogether(Service a, Service b) {
        if (a.profiles().isEmpty() || b.profiles().isEmpty()) {
            return true;
        }
        Set<String> names = a.profiles().stream().map(Located::value).collect(Collectors.toSet());
        return b.profiles().stream().anyMatch(p -> names.contains(p.value()));
    }
}
