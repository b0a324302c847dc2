package io.ganlab.common;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class UserExceptionTest {
    // a library's message is quoted by its first line only, whatever the line ends; no message reads as such
    @Test
    void firstLineOfAMessage() {
        assertEquals("Unexpected character", UserException.firstLine("Unexpected character\n at [Source: ..."));
        assertEquals("bad header", UserException.firstLine("bad header\r\nsecond"));
        assertEquals("one line", UserException.firstLine("one line"));
        assertEquals("", UserException.firstLine(""));
        assertEquals("unknown error", UserException.firstLine(null));
    }
}
