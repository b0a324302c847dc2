package io.ganlab.imagegan.classifier;

import java.util.List;

/**
 * What a classifier file says about itself: its provenance (dataset, seed, schedule, tool version) and what it was
 * measured to do (held-out accuracy). Written as the JSON header of a {@link ClassifierFile}.
 *
 * @param format          {@link #FORMAT}; other formats are refused
 * @param toolVersion     version of the tool that trained it
 * @param createdAt       ISO-8601 instant
 * @param datasetChecksum the training dataset's checksum (its manifest's)
 * @param datasetPath     where that dataset was, for people
 * @param channels        input channels (the dataset's)
 * @param height          input rows (the dataset's)
 * @param width           input columns (the dataset's)
 * @param classNames      class names by label value (the dataset's)
 * @param architecture    the network's widths
 * @param trainImages     images of the train split it was trained on
 * @param heldOutImages   images of the valid split it was evaluated on
 * @param heldOutAccuracy share of the valid split classified correctly (argmax of the logits)
 * @param seed            seed of the initialisation and of the order of training examples
 * @param epochs          passes over the train split
 * @param batchSize       images per step
 * @param learningRate    Adam's learning rate
 * @param scaling         how pixels enter the network
 * @param trainSeconds    wall-clock training time
 */
public record ClassifierInfo(String format, String toolVersion, String createdAt, String datasetChecksum,
                             String datasetPath, int channels, int height, int width, List<String> classNames,
                             ClassifierNetwork.Architecture architecture, long trainImages, long heldOutImages,
                             double heldOutAccuracy, long seed, int epochs, int batchSize, double learningRate,
                             String scaling, double trainSeconds) {
    public static final String FORMAT = "ganlab-classifier/1";
    /** The input scaling of every classifier: the training pipeline's, {@code x / 127.5 - 1}. */
    public static final String SCALING = "x/127.5-1";

    public ClassifierInfo {
        classNames = List.copyOf(classNames);
    }
}
