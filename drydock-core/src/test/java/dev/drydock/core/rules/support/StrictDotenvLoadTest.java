package dev.drydock.core.rules.support;

import static org.assertj.core.api.Assertions.assertThat;

import dev.drydock.core.discovery.FileType;
import dev.drydock.core.source.SourceFile;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class StrictDotenvLoadTest {

    private static Optional<StrictDotenvLoad> find(String name, FileType type, String code) {
        return StrictDotenvLoad.find(SourceFile.of(name, code), type);
    }

    @Test
    void goLoadWhoseErrorEndsTheProgram() {
        assertThat(find("main.go", FileType.GO_SOURCE, """
                package main

                func main() {
                	err := godotenv.Load()
                	if err != nil {
                		log.Fatal("no .env")
                	}
                }
                """)).hasValueSatisfying(load -> assertThat(load.line()).isEqualTo(4));
        assertThat(find("main.go", FileType.GO_SOURCE, """
                func main() {
                	if err := godotenv.Load(".env"); err != nil {
                		panic(err)
                	}
                }
                """)).isPresent();
    }

    @Test
    void goLoadWhoseErrorIsLoggedOrIgnored() {
        assertThat(find("main.go", FileType.GO_SOURCE, """
                func main() {
                	if err := godotenv.Load(); err != nil {
                		log.Println("no .env file, using the environment")
                	}
                	_ = godotenv.Load()
                }
                """)).isEmpty();
    }

    @Test
    void rustDotenvUnwrappedButNotOk() {
        assertThat(find("src/main.rs", FileType.RUST_SOURCE, "fn main() { dotenvy::dotenv().expect(\".env\"); }"))
                .isPresent();
        assertThat(find("src/main.rs", FileType.RUST_SOURCE, "fn main() -> Result<()> { dotenv()?; Ok(()) }"))
                .isPresent();
        assertThat(find("src/main.rs", FileType.RUST_SOURCE, "fn main() { dotenvy::dotenv().ok(); }")).isEmpty();
    }

    @Test
    void phpLoadButNotSafeLoad() {
        assertThat(find("index.php", FileType.PHP_SOURCE, """
                <?php
                $dotenv = Dotenv\\Dotenv::createImmutable(__DIR__);
                $dotenv->load();
                """)).isPresent();
        assertThat(find("index.php", FileType.PHP_SOURCE,
                "<?php\nDotenv\\Dotenv::createImmutable(__DIR__)->safeLoad();\n")).isEmpty();
    }

    @Test
    void javaLoadUnlessMissingIsIgnored() {
        assertThat(find("App.java", FileType.JAVA_SOURCE, "Dotenv env = Dotenv.load();")).isPresent();
        assertThat(find("App.java", FileType.JAVA_SOURCE,
                "Dotenv env = Dotenv.configure().directory(\"./\").ignoreIfMissing().load();")).isEmpty();
    }

    @Test
    void rubyBangLoadAndNodeThrownError() {
        assertThat(find("config/boot.rb", FileType.RUBY_SOURCE, "Dotenv.load!\n")).isPresent();
        assertThat(find("config/boot.rb", FileType.RUBY_SOURCE, "Dotenv.load\n")).isEmpty();
        assertThat(find("server.js", FileType.JAVASCRIPT_SOURCE, """
                const result = require('dotenv').config();
                if (result.error) {
                  throw result.error;
                }
                """)).isPresent();
        assertThat(find("server.js", FileType.JAVASCRIPT_SOURCE, "require('dotenv').config();\n")).isEmpty();
    }
}
