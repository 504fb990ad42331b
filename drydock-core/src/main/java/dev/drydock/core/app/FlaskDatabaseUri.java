package dev.drydock.core.app;

/**
 * Flask-SQLAlchemy's SQLALCHEMY_DATABASE_URI as the write that has the last word on it says
 * ({@link FlaskConfigWrites}): on the application object, or in the config class or file it loads. The text is
 * computed as {@link PyPaths} does ({@code "sqlite:///" + os.path.join(basedir, "app.db")}), with the folder of the
 * module that writes it as {@link AppSource.DatabaseUri#MODULE_FOLDER}. Unknown when the write is computed otherwise,
 * inside a branch, or in a load drydock cannot follow.
 */
final class FlaskDatabaseUri {

    private final FlaskConfigWrites writes;

    FlaskDatabaseUri(PythonApps py) {
        this.writes = new FlaskConfigWrites(py);
    }

    /** The write that has the last word on the application's database URI, null when unknown or not set. */
    AppSource.DatabaseUri of(AppObject app) {
        FlaskConfigWrites.Write w = writes.of(app, PyModule.DATABASE_URI_KEY);
        if (w == null || !w.known()) {
            return null;
        }
        PyPaths.Setting s = w.value() == null ? new PyPaths.Setting(null, null, null) : PyPaths.setting(w.module(),
                w.value());
        if (s == null || s.literal() == null && s.variable() == null && w.overrides().isEmpty()) {
            return null;
        }
        return new AppSource.DatabaseUri(w.module().file, w.line(), s.literal(), s.variable(), s.fallback(),
                w.overrides());
    }
}
