package io.ganlab.eval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Codes go to the most frequent symbols (ties: the smaller id) and are numbered in id order. */
class SymbolCodesTest {

    private static SymbolCodes of(int... ids) {
        return SymbolCodes.of(Samples.of(ids, 1, 100).source(), 100, 1);
    }

    // counts 5:3, 9:3, 2:1, 7:2; two codes go to 5 and 9, four to all, in id order
    @Test
    void mostFrequentInIdOrder() {
        SymbolCodes c = of(9, 5, 2, 7, 9, 5, 7, 5, 9);
        assertEquals(4, c.used());
        assertEquals(2, c.bits());
        SymbolCodes.Table two = c.table(1);
        assertArrayEquals(new int[] {5, 9}, two.idOf());
        assertEquals(0, two.codeOf()[5]);
        assertEquals(1, two.codeOf()[9]);
        assertEquals(2, two.codeOf()[7]); // no code: the mark of a wide symbol
        assertEquals(2, two.none());
        SymbolCodes.Table all = c.table(2);
        assertArrayEquals(new int[] {2, 5, 7, 9}, all.idOf());
        assertEquals(2, all.codeOf()[7]);
        assertEquals(4, all.codeOf()[0]); // absent
    }

    // equal counts: the smaller ids get the codes
    @Test
    void tiesGoToSmallerIds() {
        SymbolCodes c = of(9, 7, 5, 9, 7, 5, 1);
        assertArrayEquals(new int[] {5, 7}, c.table(1).idOf());
        assertEquals(1, of(3, 3, 3).bits());
    }
}
