package dev.drydock.core.rules.support;

import dev.drydock.core.entrypoint.EntryPoint;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The addresses ASP.NET Core's Kestrel is given through its {@code urls} host setting, which replaces
 * {@code HTTP_PORTS}: the {@code --urls} argument of the command, the DOTNET_URLS or the ASPNETCORE_URLS variable.
 * The command line wins over DOTNET_URLS under every host. Where ASPNETCORE_URLS stands depends on the host:
 * lowest under WebApplicationBuilder from .NET 7 on, highest under the generic host and .NET 6, so when it
 * disagrees with another setting the addresses are not told.
 */
public final class KestrelUrls {

    /**
     * One setting of the addresses.
     *
     * @param name {@code --urls}, {@code DOTNET_URLS} or {@code ASPNETCORE_URLS}
     * @param value the addresses, separated by semicolons
     */
    public record Setting(String name, String value) {

        public boolean commandLine() {
            return name.equals(COMMAND_LINE);
        }

        /** The setting as written: {@code --urls http://localhost:5000}, {@code DOTNET_URLS=http://+:8080}. */
        public String written() {
            return commandLine() ? name + " " + value.strip() : name + "=" + value.strip();
        }
    }

    private static final String COMMAND_LINE = "--urls";

    private KestrelUrls() {}

    /** Every setting the container gives, highest precedence first where the host does not matter. */
    public static List<Setting> all(EntryPoint ep) {
        List<Setting> out = new ArrayList<>();
        if (ep == null) {
            return out;
        }
        // .NET's command-line configuration provider keeps the last of a repeated key
        add(out, COMMAND_LINE, CommandLineOptions.last(ep.args(), COMMAND_LINE));
        add(out, "DOTNET_URLS", ep.environment().get("DOTNET_URLS"));
        add(out, "ASPNETCORE_URLS", ep.environment().get("ASPNETCORE_URLS"));
        return out;
    }

    /**
     * The setting Kestrel takes its addresses from; empty when none is given, or when ASPNETCORE_URLS and another
     * one give different addresses (see {@link #undecided}).
     */
    public static Optional<Setting> effective(EntryPoint ep) {
        List<Setting> all = all(ep);
        return all.isEmpty() || undecided(all) ? Optional.empty() : Optional.of(all.get(0));
    }

    /** Whether the addresses depend on the host: ASPNETCORE_URLS and another setting disagree. */
    public static boolean undecided(EntryPoint ep) {
        return undecided(all(ep));
    }

    private static boolean undecided(List<Setting> all) {
        return all.size() > 1 && all.stream().map(s -> s.value().strip()).distinct().count() > 1
                && all.get(all.size() - 1).name().equals("ASPNETCORE_URLS");
    }

    private static void add(List<Setting> out, String name, String value) {
        if (value != null && !value.isBlank()) {
            out.add(new Setting(name, value));
        }
    }
}
