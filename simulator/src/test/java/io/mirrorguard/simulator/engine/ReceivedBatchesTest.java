package io.mirrorguard.simulator.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The received-batch log is a test hook: bounded, and one copy of a text an auditor sends again and again. */
class ReceivedBatchesTest {

    @TempDir
    Path files;

    @Test
    void keepsTheLatestBatchesInOrderAndForgetsTheOldest() {
        SimulatedInstance inst = EngineTestSupport.fleet(files).instance("SQLA");
        inst.clearReceivedBatches();
        int sent = SimulatedInstance.RECORDED_BATCHES + 5;
        for (int i = 0; i < sent; i++) {
            inst.record("SELECT " + i);
        }
        List<String> got = inst.receivedBatches();
        assertThat(got).hasSize(SimulatedInstance.RECORDED_BATCHES);
        assertThat(got.get(0)).isEqualTo("SELECT 5");
        assertThat(got.get(got.size() - 1)).isEqualTo("SELECT " + (sent - 1));
    }

    @Test
    void aRepeatedBatchIsRecordedEachTimeAsOneSharedCopy() {
        SimulatedInstance inst = EngineTestSupport.fleet(files).instance("SQLA");
        inst.clearReceivedBatches();
        String catalog = "SELECT name FROM sys.certificates; " + "x".repeat(20_000);
        inst.record(new String(catalog));
        inst.record("SELECT 1");
        inst.record(new String(catalog));
        List<String> got = inst.receivedBatches();
        assertThat(got).containsExactly(catalog, "SELECT 1", catalog);
        assertThat(got.get(2)).isSameAs(got.get(0));
    }
}
