package io.ganlab.corpus;

import io.ganlab.common.HashingInputStream;
import io.ganlab.corpus.source.Benchmark;
import io.ganlab.corpus.source.Gzip;
import io.ganlab.corpus.source.InputFiles;
import io.ganlab.corpus.source.Role;
import java.io.EOFException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

/**
 * The reading stage: every input file, plain, gzip or the benchmark's archive, in order, into the scratch lines,
 * until the example limits are reached. Training and held-out shards count in numeric shard order, also when an
 * archive lists them otherwise.
 */
final class InputReader {
    private final ScratchLines scratch;
    private final Preparer.Progress progress;
    private final ExampleReader examples;
    private final long trainLimit;
    private final long heldLimit;
    final List<Manifest.Source> sources = new ArrayList<>();
    /** Archives inside input directories without benchmark shards: skipped, counted as other files. */
    int archivesSkipped;

    InputReader(PrepareOptions options, ValidationPlan plan, ScratchLines scratch, Preparer.Progress progress) {
        this.scratch = scratch;
        this.progress = progress;
        this.trainLimit = plan.trainLimit();
        this.heldLimit = plan.heldoutLimit();
        this.examples = new ExampleReader(options, scratch, this::wants);
    }

    ExampleReader.Counts counts() {
        return examples.counts;
    }

    Normalizer normalizer() {
        return examples.normalizer();
    }

    /** Reads the files in order until the limits are reached. */
    void readAll(List<InputFiles.InputFile> files) {
        progress.start(files.stream().mapToLong(InputFiles.InputFile::bytes).sum());
        progress.phase("reading");
        for (InputFiles.InputFile f : files) {
            if (done()) {
                break;
            }
            if (!wants(f.role()) && f.kind() != InputFiles.Kind.TAR_GZ) {
                continue;
            }
            read(f);
        }
        progress.done();
    }

    boolean wants(Role role) {
        return scratch.of(role).kept() < (role == Role.TRAIN ? trainLimit : heldLimit);
    }

    private boolean done() {
        return !wants(Role.TRAIN) && !wants(Role.HELDOUT);
    }

    private void read(InputFiles.InputFile f) {
        String label = f.path().toString();
        long before = scratch.train.file.size() + scratch.heldout.file.size();
        long droppedBefore = scratch.train.dropped() + scratch.heldout.dropped();
        String sha;
        ExampleReader.Outcome outcome;
        try (HashingInputStream raw = new HashingInputStream(Files.newInputStream(f.path()), progress::advance)) {
            outcome = switch (f.kind()) {
                case PLAIN -> examples.read(raw, label, f.role(), f.benchmark());
                case GZIP -> examples.read(Gzip.members(raw), label, f.role(), f.benchmark());
                case TAR_GZ -> readArchive(raw, f);
            };
            sha = raw.finishSha256();
        } catch (EOFException e) {
            throw new CorpusException(label + ": truncated " + f.kind().id + " file (unexpected end of data)", e);
        } catch (IOException e) {
            throw new CorpusException(label + ": " + problem(e, f.kind()), e);
        }
        if (outcome == null) {
            return; // an archive without shards, skipped
        }
        if (outcome.layout() != null && !f.benchmark()) {
            progress.note(label + ": " + outcome.layout().describe());
        }
        long taken = scratch.train.file.size() + scratch.heldout.file.size() - before
                - (scratch.train.dropped() + scratch.heldout.dropped() - droppedBefore);
        boolean archive = f.kind() == InputFiles.Kind.TAR_GZ;
        if (!archive) {
            scratch.train.catchUp();
            scratch.heldout.catchUp();
        }
        TextLayout.Decision layout = outcome.layout();
        sources.add(new Manifest.Source(label, f.kind().id, archive ? "archive" : f.role().id(), f.bytes(), sha, taken,
                outcome.complete(), archive || layout == null ? null : layout.layout().id,
                archive || layout == null ? null : layout.reason()));
    }

    private static String problem(IOException e, InputFiles.Kind kind) {
        String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        if (Gzip.trailingData(e)) {
            return "data after the last gzip member is not another member (a damaged member or trailing garbage;"
                    + " gzip -t shows where)";
        }
        if (Gzip.corrupt(e)) {
            return "corrupt " + kind.id + " data (" + m + ")";
        }
        if (kind == InputFiles.Kind.TAR_GZ && m.toLowerCase(Locale.ROOT).contains("truncated")) {
            return "truncated tar.gz archive (" + m + ")";
        }
        return "cannot read (" + m + ")";
    }

    /**
     * Reads the benchmark archive in place, member by member, in archive order; null when it holds no shards and
     * was found inside a directory (then it is skipped and counted).
     */
    private ExampleReader.Outcome readArchive(InputStream raw, InputFiles.InputFile f) throws IOException {
        String label = f.path().toString();
        boolean any = false;
        boolean complete = true;
        int lastTrainShard = -1;
        int lastHeldShard = -1;
        boolean reordered = false;
        ShardOrder trainShards = scratch.train.beginArchive(Benchmark.FIRST_TRAIN_SHARD);
        ShardOrder heldShards = scratch.heldout.beginArchive(Benchmark.FIRST_HELDOUT_SHARD);
        InputStream gz = Gzip.members(unclosable(raw));
        try (TarArchiveInputStream tar = new TarArchiveInputStream(gz)) {
            TarArchiveEntry e;
            while ((e = tar.getNextEntry()) != null) {
                if (!e.isFile()) {
                    continue;
                }
                Role role = Benchmark.memberRole(e.getName());
                if (role == null) {
                    continue;
                }
                any = true;
                String member = label + "!" + e.getName();
                if (done()) {
                    complete = false;
                    break;
                }
                if (!wants(role)) {
                    complete = false;
                    continue;
                }
                boolean train = role == Role.TRAIN;
                int shard = Benchmark.shardNumber(e.getName(), role);
                int last = train ? lastTrainShard : lastHeldShard;
                if (shard < last && !reordered) {
                    reordered = true;
                    progress.note("the archive lists shards out of numeric order; they are put back in order"
                            + " (shard 1, 2, ...) as the reference reads them, which may read more of it");
                }
                if (train) {
                    lastTrainShard = shard;
                } else {
                    lastHeldShard = shard;
                }
                ShardOrder run = train ? trainShards : heldShards;
                RecordFile file = scratch.of(role).file;
                run.begin(shard, file.size());
                long before = scratch.train.file.size() + scratch.heldout.file.size();
                boolean whole = examples.read(tar, member, role, true).complete();
                run.end(file.size(), whole);
                complete &= whole;
                if (e.getSize() > 0 && tar.getCurrentEntry() == e) {
                    long taken = scratch.train.file.size() + scratch.heldout.file.size() - before;
                    sources.add(new Manifest.Source(member, "tar member", role.id(), e.getSize(), null, taken, whole,
                            null, null));
                    run.sourceIndex.put(shard, sources.size() - 1);
                }
            }
            if (e == null) {
                // the tar end comes before the gzip trailer: inflate to the end so that a cut or corrupt tail
                // (CRC, size, data after the last member) is noticed; when reading stopped early the rest is only
                // hashed, not checked
                gz.transferTo(java.io.OutputStream.nullOutputStream());
            }
        }
        scratch.train.endArchive(trainLimit, (kept, shard) -> keptOfShard(trainShards, shard, kept));
        scratch.heldout.endArchive(heldLimit, (kept, shard) -> keptOfShard(heldShards, shard, kept));
        if (!any) {
            if (f.named()) {
                throw new CorpusException(label + ": no One Billion Word shards in this archive (expected members "
                        + Benchmark.TRAIN_DIR + "/news.en-NNNNN-of-00100)");
            }
            archivesSkipped++;
            progress.note(label + ": no One Billion Word shards in this archive; skipped");
            return null;
        }
        return new ExampleReader.Outcome(null, complete);
    }

    /** Lines of a member beyond the limit in shard order are read but not kept: its source entry says so. */
    private void keptOfShard(ShardOrder run, int shard, long kept) {
        Integer at = run.sourceIndex.get(shard);
        if (at != null) {
            Manifest.Source src = sources.get(at);
            sources.set(at, new Manifest.Source(src.path(), src.kind(), src.role(), src.bytes(), src.sha256(), kept,
                    src.complete(), src.format(), src.formatReason()));
        }
    }

    /** The archive's stream must stay open: its unread rest is hashed after the tar ends. */
    private static InputStream unclosable(InputStream in) {
        return new FilterInputStream(in) {
            @Override
            public void close() {}
        };
    }
}
