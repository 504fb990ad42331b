package dev.drydock.core.app;

/**
 * The SECRET_KEY of a Flask application as the write that has the last word on it says ({@link FlaskConfigWrites}):
 * a literal, or a read of the environment with a literal default; unknown when that write is computed otherwise,
 * inside a branch, in a load drydock cannot follow, or replaced by a variable of the environment.
 */
final class FlaskSecretKey {

    private final FlaskConfigWrites writes;

    FlaskSecretKey(PythonApps py) {
        this.writes = new FlaskConfigWrites(py);
    }

    /** The last write of the application's key, null when it is unknown or not set. */
    PyModule.SecretKeyWrite of(AppObject app) {
        FlaskConfigWrites.Write w = writes.of(app, "SECRET_KEY");
        if (w == null) {
            return null;
        }
        if (!w.known() || w.value() == null || !w.overrides().isEmpty()) {
            return new PyModule.SecretKeyWrite(w.module().file, w.line(), null, null, null);
        }
        PySettingValue.SecretValue v = PySettingValue.secretValue(w.value());
        return new PyModule.SecretKeyWrite(w.module().file, w.line(), v.literal(), v.variable(), v.fallback());
    }
}
