"""`make bench`: the trust engine's speed with a cross-sender index of 1,000,000 texts.

Prints index build time and memory, near-duplicate recall of the LSH index by similarity,
and per-case latency (p50/p99) and throughput on one core for the evaluation corpus's cases
made unique (so no cache helps). Prints figures, asserts nothing.

    python bench/trust_bench.py [--texts 1000000] [--cases 20000]
"""

from __future__ import annotations

import argparse
import dataclasses
import gc
import json
import multiprocessing
import random
import resource
import sys
import time
import tracemalloc
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))

from handschlag.trust import Case, Engine, ModelMode, Policy, TemplateIndex, TextModel
from handschlag.trust.model import pair
from handschlag.trust.text.lexicon import default_lexicon
from handschlag.trust.text.minhash import Signer, similarity
from handschlag.trust.text.normalise import fold
from handschlag.trust.text.shingles import shingles
from trust_data import bench_texts
from trust_eval import load


def rss_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def tokens_of(text: str) -> list[str]:
    # The bench texts are plain lower-case words; the engine's full `view()` gives the same
    # tokens, this only skips its per-text objects when signing a million texts.
    spin = default_lexicon().spin
    return [spin.get(t, t) for t in (fold(w) for w in text.replace(",", " ").split()) if t]


_TEXTS: list[str] = []
_CHUNK = 5000


def _sign_chunk(i: int) -> np.ndarray:
    signer = Signer()
    return signer.sign_many([shingles(tokens_of(t)) for t in _TEXTS[i : i + _CHUNK]])


def build_index(n: int, workers: int) -> tuple[TemplateIndex, float]:
    """Sign n texts (in `workers` processes) and load them into a fresh index."""
    texts, senders = bench_texts(n)
    _TEXTS[:] = texts
    index = TemplateIndex()
    index.reserve(n)
    start = time.perf_counter()
    starts = range(0, n, _CHUNK)
    with multiprocessing.get_context("fork").Pool(workers) as pool:
        for i, sigs in zip(starts, pool.imap(_sign_chunk, starts), strict=True):
            index.add_many(np.asarray(senders[i : i + _CHUNK], dtype=np.uint64), sigs, defer=True)
    index.query(np.zeros(index.num_perm, dtype=np.uint32))  # sorts the deferred rows
    _TEXTS.clear()
    return index, time.perf_counter() - start


def recall_study(index: TemplateIndex, signer: Signer) -> None:
    """How often a near-duplicate of a stored template is found, by its similarity."""
    rng = random.Random(11)
    base_texts, _ = bench_texts(10_000)
    stored = [t for i, t in enumerate(base_texts) if i % 5 == 0][:400]
    buckets: dict[str, list[int]] = {}
    for text in stored:
        words = text.split()
        for changes in (2, 5, 8, 12, 16, 22):
            variant = list(words)
            for _ in range(changes):
                variant[rng.randrange(2, len(variant))] = f"w{rng.randrange(10**6)}"
            a = signer.sign(shingles(tokens_of(" ".join(words))))
            b = signer.sign(shingles(tokens_of(" ".join(variant))))
            s = similarity(a, b)
            found = index.query(b).count > 0
            key = f"{int(s * 10) / 10:.1f}-{int(s * 10) / 10 + 0.1:.1f}"
            buckets.setdefault(key, []).append(int(found))
    print("\nNear-duplicate recall of the LSH index (16 bands x 4 rows, verified at 0.5):")
    for key in sorted(buckets):
        values = buckets[key]
        print(f"  similarity {key}: found {sum(values) / len(values):6.1%} of {len(values)}")
    misses = 0
    for _ in range(2000):
        text = " ".join(f"x{rng.randrange(10**7)}" for _ in range(40))
        misses += index.query(signer.sign(shingles(tokens_of(text)))).count > 0
    print(f"  unrelated texts reported as matches: {misses} of 2000")


def unique_cases(rows: list[Case], n: int) -> list[Case]:
    """n cases cycled from the corpus, each text and recent text made unique by a token."""
    out = []
    for i in range(n):
        case = rows[i % len(rows)]
        sender = dataclasses.replace(
            case.sender, recent_texts=tuple(f"{t} r{i}" for t in case.sender.recent_texts)
        )
        unique = dataclasses.replace(case, id=f"{case.id}#{i}", text=f"{case.text} n{i}")
        out.append(dataclasses.replace(unique, sender=sender))
    return out


def datasketch_reference(signer: Signer, n: int = 20_000) -> float:
    """Bytes per text of datasketch's default in-memory MinHashLSH (64 perms, same bands)."""
    from datasketch import MinHashLSH

    texts, _ = bench_texts(n, seed=3)
    gc.collect()
    tracemalloc.start()
    lsh = MinHashLSH(num_perm=64, params=(16, 4))
    for i, text in enumerate(texts):
        lsh.insert(str(i), signer.minhash(shingles(tokens_of(text))))
    current, _ = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return current / n


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--texts", type=int, default=1_000_000)
    parser.add_argument("--cases", type=int, default=20_000)
    parser.add_argument("--workers", type=int, default=2, help="processes that sign texts")
    args = parser.parse_args()
    signer = Signer()

    print(f"Building the cross-sender index with {args.texts:,} texts …", flush=True)
    before = rss_mib()
    index, build_s = build_index(args.texts, args.workers)
    gc.collect()
    print(
        f"  build time {build_s:.1f} s ({args.texts / build_s:,.0f} texts/s, signing included, "
        f"{args.workers} processes)"
    )
    print(
        f"  index arrays {index.memory_bytes() / 2**20:.0f} MiB "
        f"({index.memory_bytes() / len(index):.0f} bytes per text); "
        f"peak RSS grew {rss_mib() - before:.0f} MiB while building (texts included)"
    )
    per_text = datasketch_reference(signer)
    print(
        f"  for reference, datasketch MinHashLSH (64 perms, dict storage): {per_text:,.0f} bytes "
        f"per text = {per_text * args.texts / 2**30:.1f} GiB for {args.texts:,}"
    )
    recall_study(index, signer)

    tuning, heldout = load("tuning"), load("heldout")
    rows = [c for c, _ in [*tuning, *heldout]]
    texts, labels = pair([c.text for c, _ in tuning], [lab["label"] for _, lab in tuning])
    model = TextModel().fit(texts, labels)
    engine = Engine(Policy(model_mode=ModelMode.ON), index=index, model=model, signer=signer)
    cases = unique_cases(rows, args.cases)
    for case in cases[:200]:  # warm up imports and code paths, not the data
        engine.evaluate(dataclasses.replace(case, id="warm"))
    times = np.empty(len(cases), dtype=np.int64)
    gc.collect()
    gc.disable()
    start = time.perf_counter()
    for i, case in enumerate(cases):
        t0 = time.perf_counter_ns()
        engine.evaluate(case)
        times[i] = time.perf_counter_ns() - t0
    total = time.perf_counter() - start
    gc.enable()
    ms = times / 1e6
    recent = np.array([len(c.sender.recent_texts) for c in cases])
    print(f"\nTriage of {len(cases):,} cases on one core ({len(index):,} texts indexed, model on):")
    print(f"  throughput {len(cases) / total:,.0f} cases/s")
    print(f"  per case: p50 {np.percentile(ms, 50):.3f} ms, p90 {np.percentile(ms, 90):.3f} ms, "
          f"p99 {np.percentile(ms, 99):.3f} ms, max {ms.max():.2f} ms")  # fmt: skip
    print(f"  recent texts per case: median {np.median(recent):.0f}, max {recent.max()}")
    many = ms[recent >= 10]
    if many.size:
        print(f"  cases with 10+ recent texts: p50 {np.percentile(many, 50):.3f} ms, "
              f"p99 {np.percentile(many, 99):.3f} ms")  # fmt: skip
    print(json.dumps({"texts": len(index), "index_mib": round(index.memory_bytes() / 2**20),
                      "build_s": round(build_s, 1), "cases_per_s": round(len(cases) / total),
                      "p50_ms": round(float(np.percentile(ms, 50)), 3),
                      "p99_ms": round(float(np.percentile(ms, 99)), 3)}))  # fmt: skip


if __name__ == "__main__":
    main()
