package io.ganlab.corpus;

import io.ganlab.corpus.source.Role;
import it.unimi.dsi.fastutil.ints.IntArrayList;
import java.nio.file.Path;
import java.util.function.ObjIntConsumer;

/**
 * Lines read so far, per role, stored as provisional ids in scratch files until the vocabulary is known, with
 * which of them are kept and in what order (the reference's order: reading order, except inside an archive that
 * lists its shards out of numeric order).
 */
final class ScratchLines implements AutoCloseable {
    private static final int NARROW_IDS = 1 << 16; // ids 0..65535 fit the 16-bit scratch records

    final ProvisionalIds ids = new ProvisionalIds();
    final RoleLines train;
    final RoleLines heldout;
    private final int seqLen;
    private final int padId;
    private final int[] record;
    private boolean wide;

    ScratchLines(Path dir, int seqLen) {
        this.seqLen = seqLen;
        this.record = new int[seqLen];
        this.padId = ids.of(Vocabulary.PAD_CODE);
        this.train = new RoleLines(new RecordFile(dir.resolve("train.scratch"), seqLen));
        this.heldout = new RoleLines(new RecordFile(dir.resolve("heldout.scratch"), seqLen));
    }

    int seqLen() {
        return seqLen;
    }

    RoleLines of(Role role) {
        return role == Role.TRAIN ? train : heldout;
    }

    /**
     * Stores one line: its first {@code n} symbols (code points or byte values), padded to {@code seqLen}, and its
     * length before truncation. Training lines are counted for the vocabulary.
     */
    void add(Role role, int[] symbols, int n, long fullLength) {
        boolean training = role == Role.TRAIN;
        for (int i = 0; i < n; i++) {
            int id = ids.of(symbols[i]);
            record[i] = id;
            if (training) {
                ids.count(id, 1);
            }
        }
        for (int i = n; i < seqLen; i++) {
            record[i] = padId;
        }
        if (training) {
            ids.count(padId, seqLen - n);
        }
        if (!wide && ids.size() > NARROW_IDS) {
            train.file.widen();
            heldout.file.widen();
            wide = true;
        }
        of(role).file.append((int) Math.min(Integer.MAX_VALUE, fullLength), record);
    }

    void seal() {
        train.file.seal();
        heldout.file.seal();
    }

    @Override
    public void close() {
        train.file.close();
        heldout.file.close();
    }

    /**
     * The scratch lines of one role and which of them are kept, in reference order: {@code order} is null while
     * that is simply the reading order, else the list of kept records; {@code dropped} records are not kept.
     */
    static final class RoleLines {
        final RecordFile file;
        private IntArrayList order;
        private long dropped;
        private ShardOrder archive; // while an archive is read

        RoleLines(RecordFile file) {
            this.file = file;
        }

        /** Lines that will be kept as things stand (see {@link ShardOrder} while an archive is read). */
        long kept() {
            return archive == null ? file.size() - dropped : archive.kept(file.size());
        }

        long dropped() {
            return dropped;
        }

        /** Records appended in reading order since the last call are kept as they are. */
        void catchUp() {
            if (order != null) {
                for (long i = order.size() + dropped; i < file.size(); i++) {
                    order.add((int) i);
                }
            }
        }

        ShardOrder beginArchive(int firstShard) {
            archive = new ShardOrder(file.size(), kept(), firstShard);
            return archive;
        }

        /**
         * Puts the archive's lines of this role in shard order and drops those beyond {@code limit};
         * {@code shardKept} hears of each shard that keeps fewer lines than it gave.
         */
        void endArchive(long limit, ObjIntConsumer<Long> shardKept) {
            ShardOrder run = archive;
            archive = null;
            long start = run.startIndex;
            long total = file.size() - start;
            long room = Math.max(0, limit - run.keptBefore);
            if (run.inOrder() && total <= room && order == null) {
                return; // reading order is the reference order: nothing to remember
            }
            if (order == null) {
                order = new IntArrayList();
                for (int i = 0; i < start; i++) {
                    order.add(i);
                }
            }
            long n = 0;
            for (var shard : run.shards.entrySet()) {
                ShardOrder.Segment seg = shard.getValue();
                long before = n;
                for (long i = seg.start(); i < seg.start() + seg.count() && n < room; i++, n++) {
                    order.add((int) i);
                }
                if (n - before < seg.count()) {
                    shardKept.accept(n - before, shard.getKey());
                }
            }
            dropped += total - n;
        }

        /**
         * Scratch record of each kept line, by position in reference order, after a shuffle: {@code shuffled}
         * holds positions in reference order and becomes scratch records.
         */
        void toRecords(int[] shuffled) {
            if (order != null) {
                int[] ref = order.toIntArray();
                for (int k = 0; k < shuffled.length; k++) {
                    shuffled[k] = ref[shuffled[k]];
                }
            }
        }

        /** Whether a scratch record is kept (false for lines read past the limit of an out-of-order archive). */
        java.util.BitSet keptRecords() {
            java.util.BitSet kept = new java.util.BitSet((int) file.size());
            if (order == null) {
                kept.set(0, (int) (file.size() - dropped));
            } else {
                for (int i = 0; i < order.size(); i++) {
                    kept.set(order.getInt(i));
                }
            }
            return kept;
        }
    }
}
