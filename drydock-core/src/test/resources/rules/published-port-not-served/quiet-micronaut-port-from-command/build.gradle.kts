plugins {
    id("com.github.johnrengelman.shadow") version "8.1.1"
    id("io.micronaut.application") version "4.4.4"
}
micronaut {
    runtime("netty")
}
dependencies {
    implementation("io.micronaut:micronaut-runtime")
}
application { mainClass.set("example.Application") }
