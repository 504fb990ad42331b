package dev.drydock.core.app;

import static dev.drydock.core.app.AppTesting.files;
import static dev.drydock.core.app.AppTesting.read;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class FlaskConfigWritesTest {

    private static final String CONFIG = """
            import os

            basedir = os.path.abspath(os.path.dirname(__file__))


            class Config:
                SECRET_KEY = os.environ.get("SECRET_KEY") or "you-will-never-guess"
                SQLALCHEMY_DATABASE_URI = os.environ.get("DATABASE_URL") or \\
                    "sqlite:///" + os.path.join(basedir, "app.db")


            class ProductionConfig(Config):
                DEBUG = False
            """;

    @Test
    void theConfigClassAnImportStringNamesAndItsBases() {
        AppSource app = read(files("config.py", CONFIG, "app.py", """
                from flask import Flask

                app = Flask(__name__)
                app.config.from_object("config.ProductionConfig")
                """), "app.py", "python", "app.py");
        assertThat(app.flaskDatabaseUri()).hasValueSatisfying(u -> {
            assertThat(u.file()).isEqualTo("config.py");
            assertThat(u.line()).isEqualTo(8);
            assertThat(u.variable()).isEqualTo("DATABASE_URL");
            assertThat(AppSource.DatabaseUri.resolve(u.fallback(), "/srv")).isEqualTo("sqlite:////srv/app.db");
        });
        assertThat(app.flaskSecretKey()).hasValueSatisfying(k -> assertThat(k.value()).isEqualTo("you-will-never-guess"));
    }

    @Test
    void theDefaultConfigClassOfTheApplicationFactory() {
        AppSource app = read(files("config.py", CONFIG, "app/__init__.py", """
                from flask import Flask
                from config import Config


                def create_app(config_class=Config):
                    app = Flask(__name__)
                    app.config.from_object(config_class)
                    return app
                """, "microblog.py", """
                from app import create_app

                app = create_app()
                """), "microblog.py", "python", "microblog.py");
        assertThat(app.flaskDatabaseUri()).hasValueSatisfying(u -> assertThat(u.file()).isEqualTo("config.py"));
        AppSource other = read(files("config.py", CONFIG, "app/__init__.py", """
                from flask import Flask
                from config import Config


                def create_app(config_class=Config):
                    app = Flask(__name__)
                    app.config.from_object(config_class)
                    return app
                """, "microblog.py", """
                from app import create_app
                from config import ProductionConfig

                app = create_app(ProductionConfig)
                """), "microblog.py", "python", "microblog.py");
        assertThat(other.flaskDatabaseUri()).isEmpty();
    }

    @Test
    void prefixedEnvironmentVariablesReplaceTheKey() {
        AppSource app = read(files("app.py", """
                from flask import Flask

                app = Flask(__name__)
                app.config["SQLALCHEMY_DATABASE_URI"] = "sqlite:///notes.db"
                app.config.from_prefixed_env()
                """), "app.py", "python", "app.py");
        assertThat(app.flaskDatabaseUri()).hasValueSatisfying(u -> {
            assertThat(u.literal()).isEqualTo("sqlite:///notes.db");
            assertThat(u.overrides()).isEqualTo(List.of("FLASK_SQLALCHEMY_DATABASE_URI"));
        });
        assertThat(app.flaskSecretKey()).isEmpty();
    }

    @Test
    void aWriteInABranchOrALoadDrydockCannotFollowIsUnknown() {
        AppSource branch = read(files("app.py", """
                import os
                from flask import Flask

                app = Flask(__name__)
                app.config["SQLALCHEMY_DATABASE_URI"] = "sqlite:///notes.db"
                if os.environ.get("TESTING"):
                    app.config["SQLALCHEMY_DATABASE_URI"] = "sqlite://"
                """), "app.py", "python", "app.py");
        assertThat(branch.flaskDatabaseUri()).isEmpty();
        AppSource envvar = read(files("app.py", """
                from flask import Flask

                app = Flask(__name__)
                app.config["SQLALCHEMY_DATABASE_URI"] = "sqlite:///notes.db"
                app.config.from_envvar("NOTES_SETTINGS")
                """), "app.py", "python", "app.py");
        assertThat(envvar.flaskDatabaseUri()).isEmpty();
    }
}
