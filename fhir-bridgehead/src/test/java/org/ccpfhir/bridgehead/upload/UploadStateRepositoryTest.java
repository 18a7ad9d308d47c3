package org.ccpfhir.bridgehead.upload;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.util.List;
import java.util.UUID;
import org.ccpfhir.bridgehead.consent.ConsentKind;
import org.ccpfhir.bridgehead.upload.UploadStateRepository.State;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;

class UploadStateRepositoryTest {

  static UploadStateRepository repository() {
    JdbcDataSource h2 = new JdbcDataSource();
    h2.setURL("jdbc:h2:mem:upload-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
    UploadStateRepository.SCHEMA.migrate(h2);
    return new UploadStateRepository(h2, Clock.systemUTC());
  }

  @Test
  void aCommitReplacesStoredStatesAndRemovesDeletedOnes() {
    UploadStateRepository states = repository();
    states.commit(
        List.of(
            new State("1", ConsentKind.NETWORK, "BKL1", "BKG1", "h1"),
            new State("2", ConsentKind.LOCAL_UPLOAD, "BKL2", null, "h2")),
        List.of());
    states.commit(
        List.of(new State("1", ConsentKind.NETWORK, "BKL1", "BKG1", "h1b")), List.of("2"));

    assertThat(states.all()).containsOnlyKeys("1");
    assertThat(states.all().get("1").contentHash()).isEqualTo("h1b");
    assertThat(states.all().get("1").kind()).isEqualTo(ConsentKind.NETWORK);
  }

  @Test
  void runsAreRecordedNewestFirst() {
    UploadStateRepository states = repository();
    long first = states.startRun("scheduled");
    states.finishRun(first, new UploadCounts(3, 2, 1, 0, 0), "completed", null);
    long second = states.startRun("on-demand");
    states.finishRun(
        second, new UploadCounts(1, 0, 0, 0, 1), "failed", "the MDS database cannot be reached");

    List<UploadStateRepository.Run> runs = states.lastRuns(5);
    assertThat(runs).extracting(UploadStateRepository.Run::id).containsExactly(second, first);
    assertThat(runs.get(0).message()).contains("cannot be reached");
    assertThat(runs.get(1).uploaded()).isEqualTo(2);
  }

  @Test
  void aRunCutOffByAStopIsClosedAsInterrupted() {
    UploadStateRepository states = repository();
    long done = states.startRun("scheduled");
    states.finishRun(done, new UploadCounts(1, 1, 0, 0, 0), "completed", null);
    long cutOff = states.startRun("on-demand");

    assertThat(states.closeInterruptedRuns()).isEqualTo(1);

    List<UploadStateRepository.Run> runs = states.lastRuns(2);
    assertThat(runs.get(0).id()).isEqualTo(cutOff);
    assertThat(runs.get(0).status()).isEqualTo("interrupted");
    assertThat(runs.get(0).finishedMs()).isNotNull();
    assertThat(runs.get(1).status()).isEqualTo("completed");
  }
}
