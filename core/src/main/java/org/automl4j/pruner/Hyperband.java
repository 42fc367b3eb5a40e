package org.automl4j.pruner;

import java.util.ArrayList;
import java.util.List;

/**
 * The bracket table of Hyperband (Li et al., JMLR 2018, Algorithm 1): for a maximum resource {@code R}
 * (in units of the minimum resource) and reduction factor {@code eta}, the brackets {@code s = smax..0}
 * with their successive-halving rounds. A pure function; the pruner itself is {@link Pruners#hyperband}.
 */
public final class Hyperband {
    private Hyperband() {
    }

    /**
     * One round of a bracket.
     *
     * @param configs  how many configurations run in this round ({@code floor(n * eta^-i)})
     * @param resource the resource each of them gets ({@code R * eta^(i - s)})
     */
    public record Round(long configs, double resource) {
    }

    /**
     * One bracket: {@code s} is the number of halvings; {@code rounds} from the most to the least configurations.
     *
     * @param s      the bracket index, {@code smax} (most aggressive) down to 0 (plain random search)
     * @param rounds {@code s + 1} rounds
     */
    public record Bracket(int s, List<Round> rounds) {
        public Bracket {
            rounds = List.copyOf(rounds);
        }
    }

    /**
     * The classic bracket table, from {@code s = smax = floor(log_eta(R))} down to 0: bracket {@code s} starts
     * {@code n = ceil((smax + 1) / (s + 1) * eta^s)} configurations with resource {@code R * eta^-s}.
     *
     * @throws IllegalArgumentException if {@code maxResource < 1}, {@code eta < 2}, or a count overflows a long
     */
    public static List<Bracket> brackets(long maxResource, int eta) {
        PrunerSupport.requireAtLeast("maxResource", maxResource, 1,
                "pass the largest resource (e.g. epochs) a trial may use, in units of the smallest");
        PrunerSupport.requireAtLeast("eta", eta, 2, "pass e.g. 3 (the classic choice)");
        int smax = maxRungIndex(1, maxResource, eta);
        List<Bracket> out = new ArrayList<>();
        for (int s = smax; s >= 0; s--) {
            long n;
            try {
                n = ceilDiv(Math.multiplyExact(smax + 1, pow(eta, s)), s + 1);
            } catch (ArithmeticException e) {
                throw new IllegalArgumentException("the Hyperband table for maxResource=" + maxResource + " and eta="
                        + eta + " has configuration counts beyond a long; use a smaller maxResource (in units of the"
                        + " smallest resource) or a larger eta");
            }
            List<Round> rounds = new ArrayList<>();
            for (int i = 0; i <= s; i++) {
                rounds.add(new Round(n / pow(eta, i), maxResource / (double) pow(eta, s - i)));
            }
            out.add(new Bracket(s, rounds));
        }
        return List.copyOf(out);
    }

    /** The largest {@code k} with {@code minResource * eta^k <= maxResource} (exact integer arithmetic). */
    static int maxRungIndex(long minResource, long maxResource, int eta) {
        int k = 0;
        long r = minResource;
        while (r <= maxResource / eta) {
            r *= eta;
            k++;
        }
        return k;
    }

    static long pow(long base, int exp) {
        long r = 1;
        for (int i = 0; i < exp; i++) {
            r = Math.multiplyExact(r, base);
        }
        return r;
    }

    private static long ceilDiv(long a, long b) {
        return -Math.floorDiv(-a, b);
    }
}
