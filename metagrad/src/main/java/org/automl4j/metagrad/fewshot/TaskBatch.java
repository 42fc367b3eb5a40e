package org.automl4j.metagrad.fewshot;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.util.List;
import org.automl4j.metagrad.nn.BatchedMlp;

/** Support and query sets of several tasks of equal sizes as {@code [T, n, ...]} arrays. */
record TaskBatch(NDArray supportX, NDArray supportY, NDArray queryX, NDArray queryY) {

    static TaskBatch upload(NDManager m, BatchedMlp net, List<FewShotTask> tasks) {
        int t = tasks.size();
        float[][][] sx = new float[t][][];
        float[][] sy = new float[t][];
        float[][][] qx = new float[t][][];
        float[][] qy = new float[t][];
        for (int i = 0; i < t; i++) {
            FewShotTask task = tasks.get(i);
            sx[i] = task.support().x();
            sy[i] = task.support().y();
            qx[i] = task.query().x();
            qy[i] = task.query().y();
        }
        return new TaskBatch(net.inputs(m, sx), net.targets(m, sy), net.inputs(m, qx), net.targets(m, qy));
    }
}
