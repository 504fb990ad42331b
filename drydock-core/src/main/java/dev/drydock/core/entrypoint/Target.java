package dev.drydock.core.entrypoint;

/**
 * What a runtime runs: a file, a Python module (and attribute), a package.json script, a Java
 * class, inline code. {@code value} is the text as written; {@code path} is an absolute container
 * path when the target is a file or folder (resolved against the working directory);
 * {@code module} is a dotted Python module; {@code attribute} the object in it ({@code app},
 * {@code create_app()}), null when the runtime finds it itself (Flask's app/application/
 * create_app, gunicorn's {@code application}).
 */
public record Target(Kind kind, String value, String path, String module, String attribute) {

    public enum Kind {
        NONE,
        /** A script, jar, binary or rackup file: {@code path}. */
        FILE,
        /** A folder: {@code go run .}, {@code node .}, PHP's document root. */
        DIRECTORY,
        /** {@code python -m pkg}, {@code celery -A proj}, a Go package path: {@code module}. */
        MODULE,
        /** A WSGI/ASGI application: {@code module} and {@code attribute}, plus {@code path} when given as a file. */
        APP,
        /** A package.json script name: {@code value}. */
        SCRIPT,
        /** A Java main class: {@code value}. */
        CLASS,
        /** Inline code ({@code python -c}, {@code node -e}): {@code value}. */
        CODE,
        /** A process manager's or web server's configuration file: {@code path}. */
        CONFIG
    }

    public static final Target NONE = new Target(Kind.NONE, null, null, null, null);

    public static Target file(String value, String path) {
        return new Target(Kind.FILE, value, path, null, null);
    }

    public static Target directory(String value, String path) {
        return new Target(Kind.DIRECTORY, value, path, null, null);
    }

    public static Target module(String module) {
        return new Target(Kind.MODULE, module, null, module, null);
    }

    public static Target app(String value, String path, String module, String attribute) {
        return new Target(Kind.APP, value, path, module, attribute);
    }

    public static Target script(String name) {
        return new Target(Kind.SCRIPT, name, null, null, null);
    }

    public static Target mainClass(String name) {
        return new Target(Kind.CLASS, name, null, null, null);
    }

    public static Target code(String code) {
        return new Target(Kind.CODE, code, null, null, null);
    }

    public static Target config(String value, String path) {
        return new Target(Kind.CONFIG, value, path, null, null);
    }
}
