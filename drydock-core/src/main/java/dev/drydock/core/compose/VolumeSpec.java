package dev.drydock.core.compose;

import java.util.ArrayList;
import java.util.List;

/**
 * A service volume's short syntax {@code [SOURCE:]TARGET[:MODE]} read as compose-go's
 * {@code format.ParseVolume} does: a source starting with {@code .}, {@code /}, {@code ~}, {@code \\} or a
 * Windows drive ({@code C:}) is a bind mount, another source a named volume, no source an anonymous
 * volume. Mode options: {@code ro}, {@code rw}, {@code nocopy}, propagation ({@code shared},
 * {@code rshared}, {@code slave}, {@code rslave}, {@code private}, {@code rprivate}) and SELinux
 * {@code z}/{@code Z}; unknown options are ignored, as in Compose.
 *
 * @param type {@code bind} or {@code volume}
 * @param source the host path or volume name, {@code null} for an anonymous volume
 * @param target the path in the container
 * @param options the mode options as written
 */
public record VolumeSpec(String type, String source, String target, boolean readOnly, List<String> options) {

    /** @throws IllegalArgumentException with Compose's message for an invalid spec */
    public static VolumeSpec parseShort(String spec) {
        if (spec.isEmpty()) {
            throw new IllegalArgumentException("invalid empty volume spec");
        }
        if (spec.length() <= 2) {
            return new VolumeSpec("volume", null, spec, false, List.of());
        }
        String source = null;
        String target = null;
        List<String> options = new ArrayList<>();
        StringBuilder buffer = new StringBuilder();
        int[] cps = spec.codePoints().toArray();
        for (int i = 0; i <= cps.length; i++) {
            boolean end = i == cps.length;
            int c = end ? 0 : cps[i];
            if (!end && c == ':' && buffer.length() == 1 && Character.isLetter(buffer.charAt(0))) {
                buffer.appendCodePoint(c); // a Windows drive letter
                continue;
            }
            if (!end && c != ':') {
                buffer.appendCodePoint(c);
                continue;
            }
            String part = buffer.toString();
            buffer.setLength(0);
            if (part.isEmpty()) {
                throw new IllegalArgumentException("invalid spec: " + spec + ": empty section between colons");
            }
            if (source == null && end && target == null) {
                target = part;
            } else if (source == null) {
                source = part;
            } else if (target == null) {
                target = part;
            } else if (!end) {
                throw new IllegalArgumentException("invalid spec: " + spec + ": too many colons");
            } else {
                for (String option : part.split(",")) {
                    options.add(option);
                }
            }
        }
        boolean readOnly = false;
        for (String o : options) {
            if (o.equals("ro")) {
                readOnly = true;
            } else if (o.equals("rw")) {
                readOnly = false;
            }
        }
        return new VolumeSpec(isFilePath(source) ? "bind" : "volume", source, target, readOnly, List.copyOf(options));
    }

    /** Compose's test for a bind-mount source. */
    public static boolean isFilePath(String source) {
        if (source == null || source.isEmpty()) {
            return false;
        }
        char c = source.charAt(0);
        if (c == '.' || c == '/' || c == '~') {
            return true;
        }
        if (source.startsWith("\\\\")) {
            return true;
        }
        return source.length() >= 2 && Character.isLetter(source.codePointAt(0))
                && source.charAt(Character.charCount(source.codePointAt(0))) == ':';
    }
}
