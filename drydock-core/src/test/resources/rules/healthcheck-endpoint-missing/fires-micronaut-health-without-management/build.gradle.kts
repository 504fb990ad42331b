plugins {
    id("io.micronaut.application") version "4.4.4"
}
micronaut {
    runtime("netty")
}
dependencies {
    implementation("io.micronaut:micronaut-http-server-netty")
}
application { mainClass.set("shop.Application") }
