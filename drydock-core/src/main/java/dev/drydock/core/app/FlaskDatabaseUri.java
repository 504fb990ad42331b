package dev.drydock.core.app;

import java.util.Objects;

/**
 * Flask-SQLAlchemy's SQLALCHEMY_DATABASE_URI as the statements that configure the application object write it where it
 * is created: {@code app.config["SQLALCHEMY_DATABASE_URI"] = ...} or {@code app.config.update(SQLALCHEMY_DATABASE_URI=...)}
 * (also from_mapping). Unknown when the last such write is inside a branch, or when a load drydock does not follow
 * (from_object, from_pyfile, from_envvar, a mapping) comes after it and may change it.
 */
final class FlaskDatabaseUri {

    private final PythonApps py;

    FlaskDatabaseUri(PythonApps py) {
        this.py = py;
    }

    /** The write that has the last word on the application's database URI, null when unknown or not set. */
    AppSource.DatabaseUri of(AppObject app) {
        PyModule m = py.module(app.file());
        PyModule.Obj obj = m == null ? null : m.objects.get(app.name());
        if (obj == null || !obj.kind().equals("Flask")) {
            return null;
        }
        int indent = m.statements.stream().filter(s -> s.line() == obj.line()).mapToInt(PyLexer.Statement::indent)
                .findFirst().orElse(-1);
        AppSource.DatabaseUri last = null;
        for (PyModule.FlaskConfigStep step : m.flaskConfig) {
            if (!step.owner().equals(obj.name()) || !Objects.equals(step.enclosing(), obj.factory())
                    || step.line() <= obj.line() || step.kind() == PyModule.FlaskConfigKind.KEY) {
                continue;
            }
            if (step.kind() != PyModule.FlaskConfigKind.DATABASE_URI || step.indent() != indent) {
                last = null;
                continue;
            }
            PySettingValue.SecretValue v = PySettingValue.secretValue(step.value());
            last = v.literal() == null && v.fallback() == null ? null
                    : new AppSource.DatabaseUri(m.file, step.line(), v.literal(), v.variable(), v.fallback());
        }
        return last;
    }
}
