package io.ganlab.eval;

import io.ganlab.common.Json;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.util.SortedMap;

/**
 * The scores of one set of samples. Maps are keyed by n (as a string, for JSON); values are in bits
 * (JSD) or shares in [0, 1].
 *
 * @param samples      number of samples scored: JSD values are comparable only at the same size
 * @param jsd          n → JSD of the samples against the true model
 * @param floor        n → JSD of as many held-out validation lines against the true model (the value real
 *                     text gets at this sample size); empty when the validation split is too small
 * @param floorStd     n → standard deviation of the floor over {@code floorRepeats} random subsets; null
 *                     with one repeat
 * @param floorRepeats number of real subsets the floor is the mean of
 * @param distinct     n → distinct n-grams of the samples over their windows (diversity)
 * @param copied       share of the samples that occur verbatim among the training lines
 * @param dataset      checksum of the dataset the true models come from
 */
@JsonPropertyOrder({"samples", "jsd", "floor", "floor_std", "floor_repeats", "distinct", "copied", "dataset"})
@JsonInclude(JsonInclude.Include.NON_NULL)
public record JsdReport(
        int samples,
        SortedMap<String, Double> jsd,
        SortedMap<String, Double> floor,
        @JsonProperty("floor_std") SortedMap<String, Double> floorStd,
        @JsonProperty("floor_repeats") int floorRepeats,
        SortedMap<String, Double> distinct,
        double copied,
        String dataset) {


    public String toJson() {
        try {
            return Json.PRETTY.writeValueAsString(this) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    public static JsdReport fromJson(String json) {
        try {
            return Json.PRETTY.readValue(json, JsdReport.class);
        } catch (JsonProcessingException e) {
            throw new EvalException("not a JSD report: " + e.getOriginalMessage(), e);
        }
    }
}
