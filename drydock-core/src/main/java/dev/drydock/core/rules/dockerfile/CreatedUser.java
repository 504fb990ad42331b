package dev.drydock.core.rules.dockerfile;

import dev.drydock.core.project.Container;
import dev.drydock.core.rules.support.Call;
import dev.drydock.core.rules.support.InferredImageTools;
import dev.drydock.core.rules.support.RunStep;
import dev.drydock.core.rules.support.Stages;
import dev.drydock.core.rules.support.UserCreation;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A user a {@code useradd} or {@code adduser} of the image creates, and the group that {@code COPY --chown}
 * can name with it: the one given with -g/--gid/-G/--ingroup, else the group of the same name these tools
 * create, except for useradd -N and Debian's {@code adduser --system} without --group, which make none
 * (null: chown to the user alone, whose UID then serves as GID).
 *
 * @param run the RUN step that creates the user
 */
record CreatedUser(String name, String group, RunStep run) {

    private static final Pattern USER_NAME = Pattern.compile("[a-z_][a-z0-9_-]*");

    private static final String[] USERADD_VALUES = {"-b", "-c", "-d", "-e", "-f", "-g", "-G", "-k", "-K", "-p", "-s",
        "-u", "-R", "-P", "-Z", "--base-dir", "--comment", "--home-dir", "--expiredate", "--inactive", "--gid",
        "--groups", "--skel", "--key", "--password", "--shell", "--uid", "--root", "--prefix", "--selinux-user"};

    /** BusyBox's adduser (-h -g GECOS -s -G -k -u) and Debian's (long options only). */
    private static final String[] ADDUSER_VALUES = {"-h", "-g", "-s", "-G", "-k", "-u", "--home", "--gecos", "--shell",
        "--ingroup", "--skel", "--uid", "--gid", "--comment", "--firstuid", "--lastuid", "--firstgid", "--lastgid",
        "--conf"};

    /** The first user the RUN steps of the container's image create (adduser, useradd), or null. */
    static CreatedUser of(Container container) {
        var model = container.build().model();
        var stage = container.build().stage();
        boolean busybox = UserCreation.busybox(InferredImageTools.of(model, stage).orElse(null));
        return first(RunStep.of(model, Stages.inImage(model, stage)), busybox);
    }

    /** The first user the RUN steps create, read with BusyBox's adduser when {@code busybox}, else Debian's. */
    static CreatedUser first(List<RunStep> runs, boolean busybox) {
        return find(runs, busybox, null);
    }

    /** The first creation of the user of this name by the RUN steps, or null when none creates it. */
    static CreatedUser named(List<RunStep> runs, String name) {
        return find(runs, false, name);
    }

    private static CreatedUser find(List<RunStep> runs, boolean busybox, String name) {
        for (RunStep run : runs) {
            for (Call call : run.calls()) {
                CreatedUser user = call.is("useradd") ? useradd(call, run)
                        : call.is("adduser") ? adduser(call, run, busybox) : null;
                if (user != null && (name == null || user.name().equals(name))) {
                    return user;
                }
            }
        }
        return null;
    }

    private static CreatedUser useradd(Call call, RunStep run) {
        Call.Options options = call.options(USERADD_VALUES);
        String name = onlyOperand(options);
        if (name == null) {
            return null;
        }
        List<String> gid = options.values("-g", "--gid");
        String group = !gid.isEmpty() ? gid.get(gid.size() - 1) : options.has("-N", "--no-user-group") ? null : name;
        return new CreatedUser(name, group, run);
    }

    private static CreatedUser adduser(Call call, RunStep run, boolean busybox) {
        Call.Options options = call.options(ADDUSER_VALUES);
        String name = onlyOperand(options); // two operands add an existing user to a group
        if (name == null) {
            return null;
        }
        List<String> given = options.values("-G", "--ingroup", "--gid");
        String group = !given.isEmpty() ? given.get(given.size() - 1)
                : !busybox && options.has("--system") && !options.has("--group") ? null : name;
        return new CreatedUser(name, group, run);
    }

    private static String onlyOperand(Call.Options options) {
        List<Call.Arg> operands = options.operands();
        if (operands.size() != 1 || !USER_NAME.matcher(operands.get(0).value()).matches()) {
            return null;
        }
        return operands.get(0).value();
    }

    /** The owner for {@code COPY --chown}: user:group, or the user alone when its group is not known. */
    String chown() {
        return group == null ? name : name + ":" + group;
    }
}
