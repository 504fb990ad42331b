package dev.drydock.core.rules.support;

import dev.drydock.core.compose.Located;
import dev.drydock.core.compose.Service;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * What drydock knows of Traefik's insecure API: {@code --api.insecure=true} (or {@code TRAEFIK_API_INSECURE=true})
 * serves the API and the dashboard on the entry point named {@code traefik}, port 8080 unless
 * {@code --entrypoints.traefik.address} moves it, with no authentication: anyone who reaches it reads every route,
 * service and middleware of the proxy.
 */
public final class TraefikApi {

    private static final int DEFAULT_PORT = 8080;

    private TraefikApi() {}

    /** What a published container port of a Traefik service leads to when it is the insecure API's; empty otherwise. */
    public static Optional<String> insecureBehind(Service service, int targetPort) {
        boolean traefik = ComposeServices.pulledImage(service)
                .map(ref -> ref.familiarName().toLowerCase(Locale.ROOT))
                .filter(name -> name.equals("traefik") || name.endsWith("/traefik")).isPresent();
        if (!traefik) {
            return Optional.empty();
        }
        List<String> argv = service.command() == null || service.command().shellForm() ? List.of()
                : service.command().argv();
        boolean insecure = argv.stream().anyMatch(a -> a.equalsIgnoreCase("--api.insecure")
                || a.equalsIgnoreCase("--api.insecure=true"))
                || service.env("TRAEFIK_API_INSECURE").map(Service.EnvVar::value).map(Located::value)
                        .filter("true"::equalsIgnoreCase).isPresent();
        return insecure && targetPort == apiPort(argv)
                ? Optional.of("Traefik API and dashboard, which --api.insecure serves without authentication,")
                : Optional.empty();
    }

    /** The port of the entry point named traefik: 8080 unless the command gives it another address. */
    private static int apiPort(List<String> argv) {
        for (String a : argv) {
            String lower = a.toLowerCase(Locale.ROOT);
            if (lower.startsWith("--entrypoints.traefik.address=")) {
                String address = a.substring(a.indexOf('=') + 1);
                String port = address.substring(address.lastIndexOf(':') + 1).replaceAll("/.*$", "");
                return port.matches("\\d{1,5}") ? Integer.parseInt(port) : -1;
            }
        }
        return DEFAULT_PORT;
    }
}
