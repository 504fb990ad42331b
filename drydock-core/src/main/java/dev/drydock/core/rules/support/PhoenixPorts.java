package dev.drydock.core.rules.support;

import dev.drydock.core.discovery.PathNames;
import dev.drydock.core.entrypoint.EntryPoint;
import dev.drydock.core.entrypoint.Runtime;
import dev.drydock.core.manifest.Manifest;
import dev.drydock.core.manifest.ManifestKind;
import dev.drydock.core.project.Container;
import dev.drydock.core.review.ReviewContext;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The port a Phoenix endpoint listens on in a Mix release (or `mix phx.server` with MIX_ENV=prod), as the
 * config/runtime.exs that {@code mix phx.new} generates reads it: {@code String.to_integer(System.get_env("PORT") ||
 * "4000")} given to the endpoint's {@code http: [port: port]}; the variable's value in the container when it sets
 * one, else the default written there.
 */
public final class PhoenixPorts {

    /** {@code String.to_integer(System.get_env("PORT") || "4000")} or {@code System.get_env("PORT", "4000")}. */
    private static final Pattern PORT_FROM_ENV = Pattern.compile("(\\w+)\\s*=\\s*String\\.to_integer\\(\\s*System\\.get_env\\("
            + "\\s*\"(\\w+)\"\\s*(?:\\)\\s*\\|\\|\\s*\"(\\d{1,5})\"|,\\s*\"(\\d{1,5})\"\\s*\\))\\s*\\)");
    private static final Pattern NUMBER = Pattern.compile("\\d{1,5}");

    private PhoenixPorts() {}

    /** The port and why, or empty when the container runs no Phoenix release or the configuration is not the generated shape. */
    public static Optional<ListeningPorts> of(ReviewContext context, Container c) {
        EntryPoint ep = Processes.serving(c);
        if (ep == null || ep.runtime() != Runtime.ELIXIR_RELEASE
                && !(ep.runtime() == Runtime.MIX_PHX_SERVER && "prod".equals(ep.option("environment")))) {
            return Optional.empty();
        }
        if (c.service() != null && !c.service().envFiles().isEmpty()) {
            return Optional.empty();
        }
        for (Manifest manifest : c.manifests()) {
            if (manifest.kind() != ManifestKind.MIX_EXS) {
                continue;
            }
            String runtime = PathNames.join(PathNames.parent(manifest.file()), "config/runtime.exs");
            String text = context.project().source(runtime).map(f -> f.text()).orElse(null);
            if (text == null) {
                continue;
            }
            Matcher m = PORT_FROM_ENV.matcher(text);
            if (!m.find() || !Pattern.compile("http:\\s*\\[[^\\]]*\\bport:\\s*" + Pattern.quote(m.group(1)) + "\\b")
                    .matcher(text).find()) {
                return Optional.empty();
            }
            String variable = m.group(2);
            int fallback = Integer.parseInt(m.group(3) != null ? m.group(3) : m.group(4));
            String value = ep.environment().get(variable);
            if (value != null && !NUMBER.matcher(value.strip()).matches()) {
                return Optional.empty();
            }
            int port = value == null ? fallback : Integer.parseInt(value.strip());
            String because = value == null ? runtime + " reads " + variable + ", which the container's environment does"
                    + " not set, and defaults to " + fallback : runtime + " reads " + variable + "=" + value.strip();
            return Optional.of(new ListeningPorts(List.of(port), "the Phoenix endpoint", null, because, variable));
        }
        return Optional.empty();
    }
}
