package org.automl4j.nas.space;

import java.util.Locale;
import java.util.Objects;

/**
 * One layer of a {@link ChainArchitecture}.
 *
 * @param kind       dense or convolution
 * @param width      units (dense) or filters (convolution), at least 1
 * @param kernel     kernel size of a convolution (odd, 1..7); 0 for dense
 * @param activation the non-linearity after the layer
 * @param batchNorm  batch normalisation after the layer
 * @param dropout    dropout rate in [0, 0.9)
 * @param skip       add the layer's input to its output (a residual connection; the shapes are matched by a
 *                   1x1 projection where they differ)
 */
public record Layer(Kind kind, int width, int kernel, Activation activation, boolean batchNorm, double dropout,
        boolean skip) {

    /** Dense or convolution. */
    public enum Kind { DENSE, CONV }

    /** The non-linearity. */
    public enum Activation { RELU, TANH, SIGMOID, NONE }

    public Layer {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(activation, "activation");
        if (width < 1) {
            throw new IllegalArgumentException("layer width must be at least 1, got " + width);
        }
        if (kind == Kind.CONV && (kernel < 1 || kernel > 7 || kernel % 2 == 0)) {
            throw new IllegalArgumentException("a convolution needs an odd kernel size from 1 to 7, got " + kernel);
        }
        if (kind == Kind.DENSE && kernel != 0) {
            throw new IllegalArgumentException("a dense layer has no kernel (use 0), got " + kernel);
        }
        if (!(dropout >= 0 && dropout < 0.9)) {
            throw new IllegalArgumentException("dropout must be in [0, 0.9), got " + dropout);
        }
    }

    /** A short form such as {@code conv32k3-relu-bn-d0.25-skip} or {@code dense128-tanh}. */
    public String encode() {
        StringBuilder sb = new StringBuilder(kind == Kind.CONV ? "conv" + width + "k" + kernel : "dense" + width);
        sb.append('-').append(activation.name().toLowerCase(Locale.ROOT));
        if (batchNorm) {
            sb.append("-bn");
        }
        if (dropout > 0) {
            sb.append("-d").append(dropout);
        }
        if (skip) {
            sb.append("-skip");
        }
        return sb.toString();
    }

    /**
     * Parses {@link #encode()}'s form.
     *
     * @throws IllegalArgumentException saying which part is wrong
     */
    public static Layer decode(String s) {
        String[] parts = s.strip().split("-");
        String head = parts[0];
        Kind kind;
        int width;
        int kernel = 0;
        try {
            if (head.startsWith("conv")) {
                kind = Kind.CONV;
                String[] wk = head.substring(4).split("k");
                width = Integer.parseInt(wk[0]);
                kernel = Integer.parseInt(wk[1]);
            } else if (head.startsWith("dense")) {
                kind = Kind.DENSE;
                width = Integer.parseInt(head.substring(5));
            } else {
                throw new IllegalArgumentException("layer '" + s + "' must start with conv<filters>k<kernel> or dense<units>");
            }
        } catch (NumberFormatException | ArrayIndexOutOfBoundsException e) {
            throw new IllegalArgumentException("cannot read the size in layer '" + s + "'");
        }
        if (parts.length < 2) {
            throw new IllegalArgumentException("layer '" + s + "' needs an activation (relu, tanh, sigmoid, none)");
        }
        Activation act = Activation.valueOf(parts[1].toUpperCase(Locale.ROOT));
        boolean bn = false;
        double dropout = 0;
        boolean skip = false;
        for (int i = 2; i < parts.length; i++) {
            String p = parts[i];
            if (p.equals("bn")) {
                bn = true;
            } else if (p.equals("skip")) {
                skip = true;
            } else if (p.startsWith("d")) {
                dropout = Double.parseDouble(p.substring(1));
            } else {
                throw new IllegalArgumentException("unknown part '" + p + "' in layer '" + s + "'");
            }
        }
        return new Layer(kind, width, kernel, act, bn, dropout, skip);
    }
}
