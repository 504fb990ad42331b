package dev.drydock.core.rules.compose;

import dev.drydock.core.compose.Located;
import dev.drydock.core.compose.Service;
import java.util.Locale;

/**
 * A {@code security_opt} entry as the engine reads it: {@code key=value}, or the older {@code key:value}
 * (split at the first {@code =}, else at the first {@code :}); {@code no-new-privileges} alone means true.
 */
public record SecurityOption(Located<String> entry, String key, String value) {

    /** Whether the service's last no-new-privileges entry turns it on. */
    public static boolean noNewPrivileges(Service service) {
        Boolean set = null;
        for (Located<String> entry : service.securityOpt()) {
            Boolean nnp = of(entry).noNewPrivileges();
            set = nnp == null ? set : nnp;
        }
        return Boolean.TRUE.equals(set);
    }

    static SecurityOption of(Located<String> entry) {
        String text = entry.value().trim();
        int eq = text.indexOf('=');
        int split = eq >= 0 ? eq : text.indexOf(':');
        if (split < 0) {
            return new SecurityOption(entry, text, text.equals("no-new-privileges") ? "true" : "");
        }
        return new SecurityOption(entry, text.substring(0, split), text.substring(split + 1));
    }

    /** {@code no-new-privileges} turned on or off; null when this entry is about something else. */
    Boolean noNewPrivileges() {
        if (!key.equals("no-new-privileges")) {
            return null;
        }
        return switch (value) {
            case "1", "t", "T", "true", "TRUE", "True" -> true;
            default -> false;
        };
    }

    /** What the entry switches off (seccomp, AppArmor, SELinux labels, masked /proc paths), or null. */
    String disabledProtection() {
        String v = value.toLowerCase(Locale.ROOT);
        return switch (key) {
            case "seccomp" -> v.equals("unconfined") ? "the seccomp filter that blocks dangerous system calls" : null;
            case "apparmor" -> v.equals("unconfined") ? "the AppArmor profile that confines the container" : null;
            case "label" -> v.equals("disable") ? "SELinux separation of the container" : null;
            case "systempaths" -> v.equals("unconfined")
                    ? "the masking of sensitive /proc and /sys paths (/proc/kcore, /proc/sysrq-trigger...)" : null;
            default -> null;
        };
    }
}
