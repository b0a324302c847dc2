package io.ganlab.common;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** SHA-256, the checksum of every data file, split and dataset this tool records: a digest and its hex form. */
public final class Sha256 {
    private Sha256() {}

    /** A fresh SHA-256 digest; every Java runtime has one, so its absence is a broken JVM, not a user error. */
    public static MessageDigest newDigest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Completes {@code md} and returns the digest as lower-case hex, as manifests record it. */
    public static String hex(MessageDigest md) {
        return HexFormat.of().formatHex(md.digest());
    }
}
