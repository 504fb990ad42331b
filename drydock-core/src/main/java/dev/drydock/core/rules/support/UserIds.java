package dev.drydock.core.rules.support;

import java.util.List;
import java.util.Optional;

/**
 * The numeric ids of a user and group that the image's own RUNs create (useradd, adduser, groupadd,
 * addgroup, in their Debian and BusyBox spellings): what {@code chown} needs when it runs before the
 * user exists.
 */
public final class UserIds {

    /** The options of useradd and adduser that take a value. */
    private static final String[] USER_OPTIONS = {"-u", "--uid", "-g", "--gid", "-G", "--groups", "--ingroup", "-d",
        "--home", "--home-dir", "-s", "--shell", "-c", "--comment", "-h", "-k", "--gecos", "-K", "-e", "-f", "-p", "-b", "--base-dir"};

    private UserIds() {}

    /** Whether {@code user[:group]} as USER, compose {@code user:} or runAsUser write it names root. */
    public static boolean isRoot(String user) {
        String name = user.contains(":") ? user.substring(0, user.indexOf(':')) : user;
        name = name.strip();
        return name.equals("root") || name.equals("0");
    }

    /**
     * The owner to give files for {@code USER user[:group]}: {@code uid:gid} where the Dockerfile fixes
     * them, the names as written otherwise ({@code app:app}, or {@code app} alone when no group is known).
     */
    public static String owner(BuiltImage image, String user) {
        String name = user.contains(":") ? user.substring(0, user.indexOf(':')) : user;
        String group = user.contains(":") ? user.substring(user.indexOf(':') + 1) : null;
        List<RunStep> runs = image.imageRuns();
        String uid = numeric(name) ? name : userOption(runs, name, "-u", "--uid").orElse(name);
        if (group == null && !numeric(name)) {
            group = userOption(runs, name, "-g", "--gid", "--ingroup", "-G").orElse(null);
        }
        if (group != null && !numeric(group)) {
            group = groupId(runs, group).orElse(group);
        }
        return group == null ? uid : uid + ":" + group;
    }

    /** An owner as a shell word for chown: a variable ($APP_UID) in double quotes, which keep it one word. */
    public static String shellWord(String owner) {
        return owner.contains("$") ? "\"" + owner + "\"" : owner;
    }

    /** Whether a RUN of the image creates the user {@code name} (useradd or adduser). */
    public static boolean createdInImage(BuiltImage image, String name) {
        for (RunStep run : image.imageRuns()) {
            for (Call call : run.calls("useradd", "adduser")) {
                List<Call.Arg> operands = call.options(USER_OPTIONS).operands();
                if (!operands.isEmpty() && operands.get(operands.size() - 1).value().equals(name)) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * The home folder a RUN creates for the user ({@code name}, {@code uid} or {@code name:group}) and gives it:
     * useradd's with -m (-d, else -b or /home, and the login), BusyBox adduser's -h unless -H, Debian adduser's --home
     * unless --no-create-home; empty when none is known to be created.
     */
    public static Optional<String> createdHome(List<RunStep> runs, String user) {
        String name = user.contains(":") ? user.substring(0, user.indexOf(':')).strip() : user.strip();
        for (RunStep run : runs) {
            for (Call call : run.calls("useradd", "adduser")) {
                Call.Options parsed = call.options(USER_OPTIONS);
                List<Call.Arg> operands = parsed.operands();
                if (operands.isEmpty()) {
                    continue;
                }
                String login = operands.get(operands.size() - 1).value();
                if (!login.equals(name) && !parsed.values("-u", "--uid").contains(name)) {
                    continue;
                }
                Optional<String> home = call.is("useradd") ? useraddHome(parsed, login) : adduserHome(parsed);
                if (home.isPresent()) {
                    return home;
                }
            }
        }
        return Optional.empty();
    }

    private static Optional<String> useraddHome(Call.Options parsed, String login) {
        if (!parsed.has("-m", "--create-home") || parsed.has("-M", "--no-create-home")) {
            return Optional.empty();
        }
        List<String> home = parsed.values("-d", "--home-dir");
        List<String> base = parsed.values("-b", "--base-dir");
        return Optional.of(!home.isEmpty() ? home.get(home.size() - 1)
                : (base.isEmpty() ? "/home" : base.get(base.size() - 1)) + "/" + login);
    }

    private static Optional<String> adduserHome(Call.Options parsed) {
        List<String> debian = parsed.values("--home");
        if (!debian.isEmpty()) {
            return parsed.has("--no-create-home") ? Optional.empty() : Optional.of(debian.get(debian.size() - 1));
        }
        List<String> busybox = parsed.values("-h");
        return busybox.isEmpty() || parsed.has("-H") ? Optional.empty() : Optional.of(busybox.get(busybox.size() - 1));
    }

    private static Optional<String> userOption(List<RunStep> runs, String name, String... options) {
        for (RunStep run : runs) {
            for (Call call : run.calls("useradd", "adduser")) {
                Call.Options parsed = call.options(USER_OPTIONS);
                List<Call.Arg> operands = parsed.operands();
                if (operands.isEmpty() || !operands.get(operands.size() - 1).value().equals(name)) {
                    continue;
                }
                boolean adduser = call.is("adduser");
                for (String option : options) {
                    if (option.equals("-G") && !adduser || option.equals("-g") && adduser) {
                        // -G is useradd's supplementary groups but BusyBox adduser's primary group (Debian's
                        // adduser has neither); -g is BusyBox adduser's GECOS
                        continue;
                    }
                    List<String> values = parsed.values(option);
                    if (!values.isEmpty()) {
                        return Optional.of(values.get(0));
                    }
                }
            }
        }
        return Optional.empty();
    }

    private static Optional<String> groupId(List<RunStep> runs, String group) {
        for (RunStep run : runs) {
            for (Call call : run.calls("groupadd", "addgroup")) {
                Call.Options parsed = call.options("-g", "--gid", "-K", "-p");
                List<Call.Arg> operands = parsed.operands();
                if (operands.isEmpty() || !operands.get(operands.size() - 1).value().equals(group)) {
                    continue;
                }
                List<String> values = parsed.values("-g", "--gid");
                if (!values.isEmpty() && numeric(values.get(0))) {
                    return Optional.of(values.get(0));
                }
            }
        }
        return Optional.empty();
    }

    private static boolean numeric(String value) {
        return !value.isEmpty() && value.chars().allMatch(Character::isDigit);
    }
}
