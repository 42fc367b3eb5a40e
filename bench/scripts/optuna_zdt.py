"""Optuna 3.1.0 on ZDT1-3 (30 variables), hypervolume of all complete trials w.r.t. (1.1, 1.1).

Side-by-side peer for `./automl4j benchmark mo`. Needs Debian's python3-optuna:
    apt-get install -y python3-optuna
    /usr/bin/python3 bench/scripts/optuna_zdt.py zdt1 2000 nsga2      # or random; zdt2, zdt3
"""
import math
import sys
import time

import optuna

optuna.logging.set_verbosity(optuna.logging.WARNING)

N = 30


def zdt(kind, x):
    f1 = x[0]
    g = 1 + 9 * sum(x[1:]) / (N - 1)
    r = f1 / g
    if kind == "zdt1":
        h = 1 - math.sqrt(r)
    elif kind == "zdt2":
        h = 1 - r * r
    else:
        h = 1 - math.sqrt(r) - r * math.sin(10 * math.pi * f1)
    return f1, g * h


def hypervolume_2d(points, ref):
    pts = sorted(p for p in points if p[0] < ref[0] and p[1] < ref[1])
    area, top = 0.0, ref[1]
    for f1, f2 in pts:
        if f2 < top:
            area += (ref[0] - f1) * (top - f2)
            top = f2
    return area


def run(kind, seed, trials, sampler_name):
    if sampler_name == "nsga2":
        sampler = optuna.samplers.NSGAIISampler(population_size=50, seed=seed)
    else:
        sampler = optuna.samplers.RandomSampler(seed=seed)
    study = optuna.create_study(directions=["minimize", "minimize"], sampler=sampler)

    def objective(trial):
        x = [trial.suggest_float(f"x{i}", 0.0, 1.0) for i in range(N)]
        return zdt(kind, x)

    study.optimize(objective, n_trials=trials)
    vals = [t.values for t in study.trials if t.values is not None]
    return hypervolume_2d(vals, (1.1, 1.1))


if __name__ == "__main__":
    kind, trials, sampler_name = sys.argv[1], int(sys.argv[2]), sys.argv[3]
    hvs = []
    for seed in range(5):
        t0 = time.time()
        hvs.append(run(kind, seed, trials, sampler_name))
        print(f"{kind} {sampler_name} seed {seed}: hv {hvs[-1]:.4f} ({time.time() - t0:.0f}s)", flush=True)
    s = sorted(hvs)
    print(f"{kind} {sampler_name} {trials} trials: median {s[2]:.4f} all {[round(h, 4) for h in hvs]}")
