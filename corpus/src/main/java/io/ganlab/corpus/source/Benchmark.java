package io.ganlab.corpus.source;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The layout of the One Billion Word benchmark (Chelba et al. 2013): training shards
 * {@code training-monolingual.tokenized.shuffled/news.en-000NN-of-00100} and held-out shards
 * {@code heldout-monolingual.tokenized.shuffled/news.en.heldout-000NN-of-00050}, one sentence per line, read in
 * numeric shard order as the reference loader does.
 */
public final class Benchmark {
    public static final String TRAIN_DIR = "training-monolingual.tokenized.shuffled";
    public static final String HELDOUT_DIR = "heldout-monolingual.tokenized.shuffled";
    public static final Pattern TRAIN_SHARD = Pattern.compile("news\\.en-(\\d{5})-of-(\\d{5})");
    public static final Pattern HELDOUT_SHARD = Pattern.compile("news\\.en\\.heldout-(\\d{5})-of-(\\d{5})");
    /** The first shard number of each role: the reference starts training at shard 1, held-out at shard 0. */
    public static final int FIRST_TRAIN_SHARD = 1;
    public static final int FIRST_HELDOUT_SHARD = 0;

    private Benchmark() {}

    /** The shard number in a file name, or -1 if the name does not match {@code pattern}. */
    public static int shardNumber(String name, Pattern pattern) {
        Matcher m = pattern.matcher(name);
        return m.matches() ? Integer.parseInt(m.group(1)) : -1;
    }

    /** Shard number of an archive member of the given role. */
    public static int shardNumber(String member, Role role) {
        String name = member.substring(member.lastIndexOf('/') + 1);
        return shardNumber(name, role == Role.TRAIN ? TRAIN_SHARD : HELDOUT_SHARD);
    }

    /** Role of an archive member by its path, or null when the member is not a benchmark shard. */
    public static Role memberRole(String member) {
        String[] parts = member.split("/");
        if (parts.length < 2) {
            return null;
        }
        String dir = parts[parts.length - 2];
        String name = parts[parts.length - 1];
        if (dir.equals(TRAIN_DIR) && TRAIN_SHARD.matcher(name).matches()) {
            return Role.TRAIN;
        }
        if (dir.equals(HELDOUT_DIR) && HELDOUT_SHARD.matcher(name).matches()) {
            return Role.HELDOUT;
        }
        return null;
    }
}
