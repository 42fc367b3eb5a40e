package org.automl4j.checkpoint;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckpointStoreTest {
    @TempDir
    Path dir;

    private static void savesAndReplacesTheLatestPerTrial(CheckpointStore store) {
        assertEquals(Optional.empty(), store.latest("s", 0));
        store.save("s", 0, 3, new byte[] {1, 2, 3});
        store.save("s", 0, 6, new byte[] {4});
        store.save("s", 1, 1, new byte[0]);
        store.save("other", 0, 9, new byte[] {9});
        assertEquals(new Checkpoint(6, new byte[] {4}), store.latest("s", 0).orElseThrow());
        assertEquals(new Checkpoint(1, new byte[0]), store.latest("s", 1).orElseThrow());
        assertEquals(new Checkpoint(9, new byte[] {9}), store.latest("other", 0).orElseThrow());
        assertEquals(Optional.empty(), store.latest("s", 2));
        assertThrows(IllegalArgumentException.class, () -> store.save("s", 0, -1, new byte[0]));
    }

    @Test
    void inMemoryStoreKeepsTheLatestCheckpointPerTrial() {
        savesAndReplacesTheLatestPerTrial(CheckpointStores.inMemory());
    }

    @Test
    void directoryStoreKeepsTheLatestCheckpointPerTrial() {
        savesAndReplacesTheLatestPerTrial(CheckpointStores.directory(dir.resolve("ckpt")));
    }

    @Test
    void directoryStoreCheckpointsSurviveANewStoreOnTheSameDirectory() {
        CheckpointStores.directory(dir).save("study", 4, 27, new byte[] {7, 8});
        Checkpoint c = CheckpointStores.directory(dir).latest("study", 4).orElseThrow();
        assertEquals(27, c.step());
        assertArrayEquals(new byte[] {7, 8}, c.state());
    }

    @Test
    void directoryStoreLeavesOneFilePerTrialAndNoTemporaryFiles() throws IOException {
        CheckpointStore store = CheckpointStores.directory(dir);
        for (int step = 0; step < 5; step++) {
            store.save("study", 0, step, new byte[] {(byte) step});
        }
        store.save("study", 1, 0, new byte[0]);
        try (Stream<Path> files = Files.walk(dir)) {
            List<String> names = files.filter(Files::isRegularFile).map(p -> p.getFileName().toString()).sorted()
                    .toList();
            assertEquals(List.of("trial-0.ckpt", "trial-1.ckpt"), names);
        }
    }

    @Test
    void directoryStoreKeepsAwkwardStudyNamesInsideItsDirectory() throws IOException {
        CheckpointStore store = CheckpointStores.directory(dir.resolve("root"));
        store.save("..", 0, 1, new byte[] {1});
        store.save("a/b", 0, 2, new byte[] {2});
        store.save("a_b", 0, 3, new byte[] {3});
        assertEquals(1, store.latest("..", 0).orElseThrow().step());
        assertEquals(2, store.latest("a/b", 0).orElseThrow().step());
        assertEquals(3, store.latest("a_b", 0).orElseThrow().step());
        try (Stream<Path> files = Files.walk(dir)) {
            assertTrue(files.filter(Files::isRegularFile).allMatch(p -> p.startsWith(dir.resolve("root"))));
        }
    }

    @Test
    void directoryStoreKeepsLongAndNonLatinStudyNamesApart() {
        CheckpointStore store = CheckpointStores.directory(dir);
        String longName = "x".repeat(300);
        String cjk = "\u5b66\u7fd2".repeat(40); // 80 characters, 240 bytes, 720 characters as %XX
        store.save(longName, 0, 1, new byte[] {1});
        store.save(longName + "y", 0, 2, new byte[] {2});
        store.save(cjk, 0, 3, new byte[] {3});
        assertEquals(1, store.latest(longName, 0).orElseThrow().step());
        assertEquals(2, store.latest(longName + "y", 0).orElseThrow().step());
        assertEquals(3, store.latest(cjk, 0).orElseThrow().step());
        assertEquals(Optional.empty(), store.latest(cjk + "z", 0));
        assertEquals("study-short", DirectoryCheckpointStore.encode("short"), "short names keep their folder");
    }

    @Test
    void directoryStoreReportsATruncatedFileInsteadOfReturningGarbage() throws IOException {
        DirectoryCheckpointStore store = new DirectoryCheckpointStore(dir);
        store.save("s", 0, 5, new byte[] {1, 2, 3, 4});
        Path f = store.file("s", 0);
        byte[] bytes = Files.readAllBytes(f);
        Files.write(f, java.util.Arrays.copyOf(bytes, bytes.length - 3));
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> store.latest("s", 0));
        assertTrue(e.getMessage().contains("delete it"), e.getMessage());
    }

    @Test
    void checkpointCopiesItsBytesInAndOut() {
        byte[] state = {1, 2};
        Checkpoint c = new Checkpoint(0, state);
        state[0] = 9;
        c.state()[1] = 9;
        assertArrayEquals(new byte[] {1, 2}, c.state());
        assertThrows(IllegalArgumentException.class, () -> new Checkpoint(-1, new byte[0]));
    }
}
