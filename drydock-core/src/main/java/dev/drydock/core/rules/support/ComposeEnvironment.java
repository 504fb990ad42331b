package dev.drydock.core.rules.support;

import dev.drydock.core.compose.Located;
import dev.drydock.core.compose.Service;
import dev.drydock.core.project.Container;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The values that the compose services running a built image give one of its environment variables. */
public final class ComposeEnvironment {

    /** One service's value of the variable: the container it runs and the value where it is written. */
    public record Setting(Container container, Located<String> value) {}

    private ComposeEnvironment() {}

    /** In the order of the image's containers; services that do not set the variable, or set no value, are left out. */
    public static List<Setting> of(BuiltImage image, String name) {
        List<Setting> out = new ArrayList<>();
        for (Container c : image.containers()) {
            if (c.service() == null) {
                continue;
            }
            Optional<Service.EnvVar> var = c.service().env(name);
            if (var.isPresent() && var.get().value() != null) {
                out.add(new Setting(c, var.get().value()));
            }
        }
        return out;
    }
}
