/**
 * Corpus: text in, encoded dataset out.
 *
 * <p>A dataset is a directory holding fixed-length lines of symbol ids ({@link EncodedLines}, memory-mapped
 * little-endian {@code uint16}), their {@link Vocabulary} and a {@link Manifest}. {@link Dataset#open} reads
 * one; {@link Preparer} writes one from raw text; {@link SampleFiles} saves generated lines as their ids beside their
 * text. This package knows nothing of models or training.
 */
package io.ganlab.corpus;
