"""The compact cross-sender LSH index: finds templates across accounts, stores compactly."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from handschlag.trust.index import IndexError_, TemplateIndex, sender_key
from handschlag.trust.text.lexicon import default_lexicon
from handschlag.trust.text.minhash import Signer
from handschlag.trust.text.normalise import view
from handschlag.trust.text.shingles import canonical_tokens, shingles

SIGNER = Signer()
TEMPLATE = (
    "Hallo {n}, wir unterstützen Unternehmen wie {f} bei der Digitalisierung ihrer Prozesse "
    "und ich würde mich über ein kurzes Gespräch dazu freuen."
)


def sig(text: str) -> np.ndarray:
    return SIGNER.sign(shingles(canonical_tokens(view(text), default_lexicon())))


def filled(i: int) -> str:
    return TEMPLATE.format(n=f"Person {i}", f=f"Firma {i}")


@pytest.mark.parametrize("merge_every", [4, 65536])
def test_finds_other_senders_not_own(merge_every: int) -> None:
    index = TemplateIndex(merge_every=merge_every)
    for i in range(6):
        index.add(f"agency-{i % 3}", sig(filled(i)))
    index.add(
        "someone", sig("Ganz andere Nachricht über Kafka und Datenpipelines bei uns im Team.")
    )
    match = index.query(sig(filled(99)), exclude_sender="agency-0")
    assert match.senders == 2
    assert match.count == 4
    assert index.query(sig(filled(99)), exclude_sender=None).senders == 3
    other = index.query(
        sig("Hallo Anna, danke für den Vortrag über Kafka gestern, sehr hilfreich.")
    )
    assert other.count == 0


def test_save_and_load(tmp_path: Path) -> None:
    index = TemplateIndex()
    index.add_many(
        [sender_key(f"s{i}") for i in range(5)], np.stack([sig(filled(i)) for i in range(5)])
    )
    index.save(tmp_path / "index.npz")
    loaded = TemplateIndex.load(tmp_path / "index.npz")
    assert len(loaded) == 5
    assert loaded.query(sig(filled(7))).count == 5
    assert loaded.memory_bytes() < 5 * 1024


def test_load_refuses_other_files(tmp_path: Path) -> None:
    np.savez(tmp_path / "x.npz", format=np.array("other"))
    with pytest.raises(IndexError_):
        TemplateIndex.load(tmp_path / "x.npz")


def test_empty_texts_are_not_stored() -> None:
    index = TemplateIndex()
    index.add("s", SIGNER.sign([]))
    assert len(index) == 0
    assert index.query(SIGNER.sign([])).count == 0


def _lookup_by_binary_search(index: TemplateIndex, keys: np.ndarray) -> tuple[set[int], bool]:
    rows: set[int] = set()
    truncated = False
    for key in keys.tolist():
        lo = int(np.searchsorted(index._keys, key, side="left"))
        hi = int(np.searchsorted(index._keys, key, side="right"))
        if hi - lo > index.max_candidates:
            truncated, hi = True, lo + index.max_candidates
        rows.update(index._rows[lo:hi].tolist())
    return rows, truncated


@pytest.mark.parametrize("n", [1, 40, 3000])
def test_radix_lookup_equals_binary_search(n: int) -> None:
    rng = np.random.default_rng(n)
    sigs = rng.integers(0, 2**32, size=(n, 64), dtype=np.uint32)
    sigs[: n // 3] = sigs[0]  # many copies of one text: more rows per key than the cap
    index = TemplateIndex(max_candidates=16)
    index.add_many(rng.integers(0, 2**63, size=n, dtype=np.uint64), sigs, defer=True)
    index.query(sigs[0])  # merges and builds the table
    probes = [sigs[0], sigs[-1], rng.integers(0, 2**32, size=64, dtype=np.uint32)]
    for probe in probes:
        keys = index.band_keys(probe[None, :])[0]
        chunks, truncated = index._lookup(keys)
        found = set(np.concatenate(chunks).tolist()) if chunks else set()
        assert (found, truncated) == _lookup_by_binary_search(index, keys)


def test_keys_of_one_signature_equal_band_keys() -> None:
    index = TemplateIndex()
    sigs = np.random.default_rng(5).integers(0, 2**32, size=(50, 64), dtype=np.uint32)
    keys = index.band_keys(sigs)
    for row, sig in zip(keys, sigs, strict=True):
        assert (index._keys_of(sig) == row).all()
