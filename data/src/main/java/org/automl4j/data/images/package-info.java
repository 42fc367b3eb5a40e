/**
 * Image-classification data: {@link org.automl4j.data.images.ImageSet} (pixels in [0, 1], shape, class
 * labels; seeded stratified splits) read from IDX files (MNIST), from pixel-per-column tables (the bundled
 * 8x8 digits) or built from arrays.
 */
package org.automl4j.data.images;
