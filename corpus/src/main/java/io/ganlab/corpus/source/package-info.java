/**
 * Where text comes from: the files behind the user's input paths ({@link io.ganlab.corpus.source.InputFiles}),
 * the One Billion Word benchmark's layout ({@link io.ganlab.corpus.source.Benchmark}), gzip data
 * ({@link io.ganlab.corpus.source.Gzip}), and the built-in demo corpus ({@link io.ganlab.corpus.source.DemoCorpus}).
 * It reads no lines: cutting text into examples is {@link io.ganlab.corpus.Preparer}'s.
 */
package io.ganlab.corpus.source;
