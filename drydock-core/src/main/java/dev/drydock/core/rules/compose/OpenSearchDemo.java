package dev.drydock.core.rules.compose;

import dev.drydock.core.compose.Service;
import dev.drydock.core.image.ImageReference;
import java.util.List;
import java.util.OptionalLong;

/**
 * The security plugin's demo configuration, which the opensearchproject/opensearch image installs at start unless
 * DISABLE_INSTALL_DEMO_CONFIG or DISABLE_SECURITY_PLUGIN is true: before 2.12 with the admin user's password admin,
 * from 2.12 with the password OPENSEARCH_INITIAL_ADMIN_PASSWORD gives, without which the node does not start.
 */
final class OpenSearchDemo {

    static final String IMAGE = "opensearchproject/opensearch";

    static final String CONFIG = "/usr/share/opensearch/config";

    static final String PASSWORD = "OPENSEARCH_INITIAL_ADMIN_PASSWORD";

    private OpenSearchDemo() {}

    /** Whether the image's version is known and before 2.12, whose demo configuration logs admin in with admin. */
    static boolean adminIsAdmin(ImageReference image) {
        OptionalLong major = image.version() == null ? OptionalLong.empty() : image.version().major();
        if (major.isEmpty()) {
            return false;
        }
        OptionalLong minor = image.version().minor();
        return major.getAsLong() < 2 || major.getAsLong() == 2 && minor.isPresent() && minor.getAsLong() < 12;
    }

    /** Whether the service keeps the image from installing the demo configuration, or turns security off. */
    static boolean skipped(Service service) {
        for (String name : List.of("DISABLE_INSTALL_DEMO_CONFIG", "DISABLE_SECURITY_PLUGIN", "plugins.security.disabled")) {
            String value = service.env(name).map(e -> e.value() == null ? null : e.value().value()).orElse(null);
            if (value != null && value.strip().equalsIgnoreCase("true")) {
                return true;
            }
        }
        return false;
    }
}
