package dev.drydock.core.verify;

/** The user the container runs as must not be root. */
final class UserCheck {

    static final String ID = "user";

    private UserCheck() {}

    /**
     * @param idOutput what {@code id -u} printed in the container, or null when it could not run
     * @param configured the user the container was started with (compose {@code user}, else the image's
     *     {@code User}; "" for the default, root)
     */
    static CheckResult evaluate(String idOutput, String configured) {
        if (idOutput != null && idOutput.strip().matches("\\d+")) {
            String uid = idOutput.strip();
            return (uid.equals("0") ? CheckResult.fail(ID, "runs as root (uid 0)")
                    : CheckResult.pass(ID, "runs as uid " + uid)).with("uid", Long.parseLong(uid));
        }
        String user = configured == null ? "" : configured.strip();
        String name = user.contains(":") ? user.substring(0, user.indexOf(':')) : user;
        if (name.isEmpty() || name.equals("root") || name.equals("0")) {
            return CheckResult.fail(ID, "runs as root (" + (name.isEmpty() ? "no user configured" : "user " + user)
                    + "; id -u could not run in the container)");
        }
        return CheckResult.pass(ID, "runs as " + user + " (configured; id -u could not run in the container)");
    }
}
