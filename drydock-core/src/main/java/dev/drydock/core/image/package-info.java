/**
 * Container image references: parsing and normalising them exactly as Docker and BuildKit do
 * ({@link dev.drydock.core.image.ImageReference}), and reading tags as versions and variants
 * ({@link dev.drydock.core.image.TagVersion}).
 */
package dev.drydock.core.image;
