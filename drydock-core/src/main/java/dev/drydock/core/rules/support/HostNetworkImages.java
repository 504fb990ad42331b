package dev.drydock.core.rules.support;

import dev.drydock.core.image.ImageReference;
import java.util.List;
import java.util.Optional;

/**
 * Pulled images whose own installation guides run them with {@code network_mode: host}, because they find devices
 * or are found by clients through multicast and broadcast that Docker's bridge network does not pass: a review
 * weighs that trade-off instead of telling the user to drop it as if it were an accident.
 */
public final class HostNetworkImages {

    /**
     * One such image: its names, the product, the port its web interface serves, and what host networking gives it.
     */
    public record HostNetworkImage(List<String> names, String product, int port, String discovery) {}

    private static final List<HostNetworkImage> IMAGES = List.of(
            new HostNetworkImage(List.of("ghcr.io/home-assistant/home-assistant", "homeassistant/home-assistant",
                    "lscr.io/linuxserver/homeassistant", "linuxserver/homeassistant"), "Home Assistant", 8123,
                    "integrations discover devices by mDNS/zeroconf, SSDP and UPnP, and HomeKit and Chromecast answer"
                            + " on the LAN"),
            new HostNetworkImage(List.of("jellyfin/jellyfin", "lscr.io/linuxserver/jellyfin", "linuxserver/jellyfin",
                    "ghcr.io/jellyfin/jellyfin"), "Jellyfin", 8096,
                    "clients on the LAN find the server by broadcast (7359/udp) and DLNA devices by SSDP (1900/udp)"));

    private HostNetworkImages() {}

    /** The image's entry, when its guide asks for host networking. */
    public static Optional<HostNetworkImage> of(ImageReference image) {
        String name = image.familiarName();
        return IMAGES.stream().filter(i -> i.names().contains(name)).findFirst();
    }
}
