/**
 * GoReleaser configurations ({@code .goreleaser.yaml}): the images its {@code dockers} and {@code dockers_v2} entries
 * build from a Dockerfile, with the binaries its {@code builds} put into their build context.
 */
package dev.drydock.core.goreleaser;
