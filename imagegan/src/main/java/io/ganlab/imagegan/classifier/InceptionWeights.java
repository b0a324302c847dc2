package io.ganlab.imagegan.classifier;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The community's Inception v3 weights for FID and the inception score, as far as this tool goes with them: it
 * checks the file a user names and says exactly what is wrong. It does not run the network.
 *
 * <p>The file checked is pytorch-fid's port of the 2015-12-05 TensorFlow graph,
 * {@code pt_inception-2015-12-05-6726825d.pth} (also shipped by torch-fidelity as
 * {@code weights-inception-2015-12-05-6726825d.pth}): {@value #SIZE} bytes, SHA-256 {@value #SHA256} (published by
 * projects that pin it; the name's suffix is the hash's first 8 digits, PyTorch hub's convention). It is a
 * PyTorch state dict (weights only, no network code); NVIDIA's TorchScript translation
 * ({@code inception-2015-12-05.pt}, used by clean-fid and StyleGAN) is another file whose checksum we did not find
 * published. This version has no Inception v3 network to load either into, so even the right file ends in an error
 * that says so: scores are never made up without the network.
 */
public final class InceptionWeights {
    /** SHA-256 of {@code pt_inception-2015-12-05-6726825d.pth}. */
    public static final String SHA256 = "6726825d0af5f729cebd5821db510b11b1cfad8faad88a03f1befd49fb9129b2";
    /** Its size in bytes. */
    public static final long SIZE = 95_628_359L;
    public static final String FILE_NAME = "pt_inception-2015-12-05-6726825d.pth";
    public static final String URL =
            "https://github.com/mseitzer/pytorch-fid/releases/download/fid_weights/" + FILE_NAME;

    private InceptionWeights() {}

    /**
     * Checks {@code file} and always ends in a {@link ClassifierException}: missing, different (wrong size or
     * SHA-256), or right but not runnable by this version.
     */
    public static void check(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new ClassifierException("inception weights " + file + ": no such file; Inception v3 weights cannot"
                    + " be downloaded from here: get " + FILE_NAME + " from " + URL + " (SHA-256 " + SHA256 + ")");
        }
        long size = Files.size(file);
        String sha = size == SIZE ? ClassifierFile.sha256(file) : null;
        if (!SHA256.equals(sha)) {
            throw new ClassifierException("inception weights " + file + ": not " + FILE_NAME + " ("
                    + (sha == null ? size + " bytes, expected " + SIZE : "SHA-256 " + sha + ", expected " + SHA256)
                    + "); get it from " + URL);
        }
        throw new ClassifierException("inception weights " + file + ": the expected file, but this version of gan"
                + " has no Inception v3 network to run it; use --features classifier:FILE (scores of the two are"
                + " not comparable)");
    }
}
