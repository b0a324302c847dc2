package io.ganlab.corpus;

import java.util.Map;
import java.util.TreeMap;

/**
 * The shards of one role (training or held-out) inside the archive being read, which may list them in any order.
 * Lines count as kept only along the contiguous run of shard numbers from the first one (1 for training, 0 for
 * held-out, as in the benchmark), plus the shard being read if it continues that run: a shard not seen yet can
 * only come later in numeric order, so reading may stop once the run holds enough.
 */
final class ShardOrder {
    /** Where one shard's lines lie in the scratch file. */
    record Segment(long start, long count) {}

    final long startIndex;                 // scratch records of this role before the archive
    final long keptBefore;                 // of which kept
    final TreeMap<Integer, Segment> shards = new TreeMap<>();
    final Map<Integer, Integer> sourceIndex = new java.util.HashMap<>(); // shard -> its entry in the manifest sources
    private int runNext;                   // first shard number missing from the contiguous run
    private long runLines;                 // lines of that run
    private int currentShard = -1;
    private long currentStart;

    ShardOrder(long startIndex, long keptBefore, int firstShard) {
        this.startIndex = startIndex;
        this.keptBefore = keptBefore;
        this.runNext = firstShard;
    }

    /** Lines of this role kept as things stand, given the scratch file's current size. */
    long kept(long size) {
        long current = currentShard == runNext ? size - currentStart : 0;
        return keptBefore + runLines + current;
    }

    void begin(int shard, long size) {
        currentShard = shard;
        currentStart = size;
    }

    void end(long size, boolean whole) {
        shards.put(currentShard, new Segment(currentStart, size - currentStart));
        if (whole || currentShard == runNext) {
            // a shard cut short by the limit is only ever the last of the contiguous run
            while (shards.containsKey(runNext)) {
                runLines += shards.get(runNext).count();
                runNext++;
            }
        }
        currentShard = -1;
    }

    /** Whether the archive's lines lie in the scratch file in shard order, one shard after the other. */
    boolean inOrder() {
        long expect = startIndex;
        for (Segment seg : shards.values()) {
            if (seg.start() != expect) {
                return false;
            }
            expect = seg.start() + seg.count();
        }
        return true;
    }
}
