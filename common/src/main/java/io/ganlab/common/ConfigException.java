package io.ganlab.common;

/** A config that cannot be bound: an unknown key, a value of the wrong type or out of range. */
public class ConfigException extends UserException {
    public ConfigException(String message) {
        super(message);
    }
}
