package io.ganlab.core;

import com.fasterxml.jackson.databind.JsonNode;

/** What the training core needs of a modality's run config; the whole config is saved as the run's config.json. */
public interface RunConfig {
    ObjectiveConfig objective();

    Schedule schedule();

    /** The config as saved in {@code config.json} and in every checkpoint. */
    JsonNode toTree();
}
