package org.memberbus.certification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ResultFileReaderTest {

    static final String FILE = ResultFileReader.HEADER + "\n"
            + "RF-1,M000001,003DM0000000001AAA,CAP-101,2026-12-04,88,70,PASS\n"
            + "RF-2,M000002,003DM0000000002AAA,CAP-101,2026-12-04,eighty-two,70,PASS\n"
            + "RF-3,M000003,003DM0000000003AAA,CAP-101,,70,PASS\n"
            + "RF-4,M000004,003DM0000000004AAA,CEM-301,2026-12-03,,68,NO_SHOW\n"
            + "RF-5,M000005,003DM0000000005AAA,CEM-301,2026-12-03,50,68,FAIL\n"
            + "RF-6,M000006,003DM0000000006AAA,CEM-301,2026-12-03,90,68,FAIL\n"
            + "RF-1,M000001,003DM0000000001AAA,CAP-101,2026-12-04,88,70,PASS\n";

    @Test
    void wellFormedRowsProceedAndEachMalformedOneIsSetAsideWithItsLineAndReason() {
        var parsed = ResultFileReader.read(FILE);
        assertThat(parsed.results()).extracting(ExamResult::resultId).containsExactly("RF-1", "RF-4", "RF-5");
        assertThat(parsed.results().get(1).outcome()).isEqualTo(ExamResult.Outcome.NO_SHOW);
        assertThat(parsed.results().get(1).score()).isNull();
        assertThat(parsed.malformed()).extracting(ResultFileReader.Malformed::line).containsExactly(3, 4, 7, 8);
        assertThat(parsed.malformed().get(0).reason()).contains("score");
        assertThat(parsed.malformed().get(1).reason()).contains("8 columns");
        assertThat(parsed.malformed().get(2).reason()).contains("does not agree");
        assertThat(parsed.malformed().get(3).reason()).contains("earlier in the file");
        assertThat(parsed.malformed().get(0).text()).contains("eighty-two");
    }

    @Test
    void aFileWithoutTheHeaderCannotBeRead() {
        assertThatThrownBy(() -> ResultFileReader.read("hello,world\n1,2\n"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("first line");
    }
}
