plugins {
    alias(libs.plugins.kotlin.jvm)
    alias(libs.plugins.spring.boot) apply false
}

dependencies {
    implementation(libs.kotlinx.coroutines)
}
