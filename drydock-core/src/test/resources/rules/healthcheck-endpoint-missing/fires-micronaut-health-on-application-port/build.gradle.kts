plugins {
    id("com.gradleup.shadow") version "8.3.5"
    id("io.micronaut.application") version "4.4.4"
}
micronaut {
    runtime("netty")
}
dependencies {
    implementation("io.micronaut:micronaut-management")
}
application { mainClass.set("stock.Application") }
