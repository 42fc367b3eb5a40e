package org.automl4j.metagrad.fewshot;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.automl4j.deep.DeepEngine;
import org.automl4j.metagrad.nn.Activation;
import org.automl4j.metagrad.nn.Loss;
import org.automl4j.metagrad.nn.MlpSpec;
import org.automl4j.metagrad.nn.Weights;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MetaInitFileTest {
    private static final DeepEngine ENGINE = DeepEngine.start();

    @TempDir
    Path dir;

    @Test
    void savedInitialisationLoadsBackIdentically() throws IOException {
        MetaInit init = new MetaInit(Weights.random(new MlpSpec(64, List.of(32, 16), 5, Activation.TANH), 3),
                Loss.SOFTMAX_CROSS_ENTROPY, 0.25, 7, 1.0 / 16, Map.of("family", "digits 5-way", "seed", "3"));
        Path f = dir.resolve("sub/init.metainit");
        MetaInitFile.save(ENGINE, init, f);
        MetaInit back = MetaInitFile.load(ENGINE, f);
        assertEquals(init, back);
        MetaInit linear = new MetaInit(Weights.random(new MlpSpec(1, List.of(), 1, Activation.RELU), 1), Loss.MSE, 0.01, 1,
                1, Map.of());
        MetaInitFile.save(ENGINE, linear, f);
        assertEquals(linear, MetaInitFile.load(ENGINE, f));
    }

    @Test
    void brokenFilesAreRejectedWithWhatIsWrong() throws IOException {
        Path missing = dir.resolve("none.metainit");
        assertTrue(assertThrows(IllegalArgumentException.class, () -> MetaInitFile.load(ENGINE, missing)).getMessage()
                .contains("metalearn train"));
        Path text = dir.resolve("text.metainit");
        Files.writeString(text, "hello");
        assertThrows(IllegalArgumentException.class, () -> MetaInitFile.load(ENGINE, text));
        Path wrongShape = dir.resolve("shape.metainit");
        MetaInit init = new MetaInit(Weights.random(new MlpSpec(2, List.of(3), 1, Activation.RELU), 1), Loss.MSE, 0.01, 1, 1,
                Map.of());
        MetaInitFile.save(ENGINE, init, wrongShape);
        Path edited = dir.resolve("edited.metainit");
        rewriteManifest(wrongShape, edited, "hidden=3", "hidden=4");
        String msg = assertThrows(IllegalArgumentException.class, () -> MetaInitFile.load(ENGINE, edited)).getMessage();
        assertTrue(msg.contains("W0") && msg.contains("shape"), msg);
        Path newer = dir.resolve("newer.metainit");
        rewriteManifest(wrongShape, newer, "version=1", "version=9");
        assertTrue(assertThrows(IllegalArgumentException.class, () -> MetaInitFile.load(ENGINE, newer)).getMessage()
                .contains("upgrade"));
    }

    @Test
    void aFileCutShortIsReportedAsCutShort() throws IOException {
        MetaInit init = new MetaInit(Weights.random(new MlpSpec(64, List.of(32, 16), 5, Activation.TANH), 3),
                Loss.SOFTMAX_CROSS_ENTROPY, 0.25, 7, 1.0 / 16, Map.of());
        Path whole = dir.resolve("whole.metainit");
        MetaInitFile.save(ENGINE, init, whole);
        byte[] bytes = Files.readAllBytes(whole);
        Path cut = Files.write(dir.resolve("cut.metainit"), java.util.Arrays.copyOf(bytes, bytes.length / 2));
        String msg = assertThrows(IllegalArgumentException.class, () -> MetaInitFile.load(ENGINE, cut)).getMessage();
        assertTrue(msg.contains("cut.metainit is cut short") && msg.contains("metalearn train"), msg);
    }

    @Test
    void aNetworkWhoseWeightsExceed64MiBLoadsBack() throws IOException {
        // 1-[4500, 4500]-1: 20 million floats, about 75 MB of (compressed) weights.npz; the reader used to stop at 64 MiB
        // random weights, which compress little
        MetaInit init = new MetaInit(Weights.random(new MlpSpec(1, List.of(4500, 4500), 1, Activation.RELU), 5), Loss.MSE,
                0.01, 1, 1, Map.of());
        Path f = dir.resolve("large.metainit");
        MetaInitFile.save(ENGINE, init, f);
        MetaInit back = MetaInitFile.load(ENGINE, f);
        assertEquals(init.weights().tensor(2)[4500 * 4500 - 1], back.weights().tensor(2)[4500 * 4500 - 1]);
    }

    @Test
    void aSavedFileHasTheFolderDefaultPermissionsNotOwnerOnly() throws IOException {
        org.junit.jupiter.api.Assumptions.assumeTrue(dir.getFileSystem().supportedFileAttributeViews().contains("posix"));
        MetaInit init = new MetaInit(Weights.random(new MlpSpec(1, List.of(2), 1, Activation.RELU), 1), Loss.MSE, 0.01, 1, 1,
                Map.of());
        Path f = dir.resolve("init.metainit");
        MetaInitFile.save(ENGINE, init, f);
        Path plain = Files.write(dir.resolve("plain"), new byte[0]);
        assertEquals(Files.getPosixFilePermissions(plain), Files.getPosixFilePermissions(f));
        try (var files = Files.list(dir)) {
            assertEquals(List.of("init.metainit", "plain"), files.map(p -> p.getFileName().toString()).sorted().toList(),
                    "no temporary file left");
        }
    }

    private static void rewriteManifest(Path from, Path to, String find, String replace) throws IOException {
        try (var zin = new java.util.zip.ZipInputStream(Files.newInputStream(from));
             ZipOutputStream zout = new ZipOutputStream(Files.newOutputStream(to))) {
            for (ZipEntry e; (e = zin.getNextEntry()) != null; ) {
                byte[] b = zin.readAllBytes();
                if (e.getName().equals("manifest.properties")) {
                    b = new String(b, java.nio.charset.StandardCharsets.ISO_8859_1).replace(find, replace)
                            .getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
                }
                zout.putNextEntry(new ZipEntry(e.getName()));
                zout.write(b);
                zout.closeEntry();
            }
        }
    }
}
