package org.automl4j.metagrad.fewshot;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.util.List;
import org.automl4j.metagrad.nn.BatchedMlp;

/** Support and query sets of several tasks of equal sizes as {@code [T, n, ...]} arrays. */
record TaskBatch(NDArray supportX, NDArray supportY, NDArray queryX, NDArray queryY) {

    static TaskBatch upload(NDManager m, BatchedMlp net, List<FewShotTask> tasks) {
        Rows r = Rows.of(tasks);
        return new TaskBatch(net.inputs(m, r.sx), net.targets(m, r.sy), net.inputs(m, r.qx), net.targets(m, r.qy));
    }

    /** The tasks' support and query rows and labels, task by task. */
    record Rows(float[][][] sx, float[][] sy, float[][][] qx, float[][] qy) {
        static Rows of(List<FewShotTask> tasks) {
            int t = tasks.size();
            Rows r = new Rows(new float[t][][], new float[t][], new float[t][][], new float[t][]);
            for (int i = 0; i < t; i++) {
                FewShotTask task = tasks.get(i);
                r.sx[i] = task.support().x();
                r.sy[i] = task.support().y();
                r.qx[i] = task.query().x();
                r.qy[i] = task.query().y();
            }
            return r;
        }
    }
}
