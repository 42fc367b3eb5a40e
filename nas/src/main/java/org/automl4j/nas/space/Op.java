package org.automl4j.nas.space;

/** The operation on an edge of a {@link Cell}, with NAS-Bench-201's names. */
public enum Op {
    /** No connection. */
    NONE("none"),
    /** Identity. */
    SKIP("skip_connect"),
    /** ReLU, 1x1 convolution, batch norm. */
    CONV_1X1("nor_conv_1x1"),
    /** ReLU, 3x3 convolution, batch norm. */
    CONV_3X3("nor_conv_3x3"),
    /** 3x3 average pooling. */
    AVG_POOL_3X3("avg_pool_3x3");

    private final String id;

    Op(String id) {
        this.id = id;
    }

    /** The NAS-Bench-201 name. */
    public String id() {
        return id;
    }

    /**
     * The operation named {@code id}.
     *
     * @throws IllegalArgumentException listing the names if there is none
     */
    public static Op of(String id) {
        for (Op o : values()) {
            if (o.id.equals(id)) {
                return o;
            }
        }
        throw new IllegalArgumentException("unknown operation '" + id + "'; use one of none, skip_connect,"
                + " nor_conv_1x1, nor_conv_3x3, avg_pool_3x3");
    }
}
