"""A compact cross-sender MinHash LSH index: one template used by many accounts.

datasketch's `MinHashLSH` keeps every band of every text as Python objects in dicts
(about 8.5 KB per text with 128 permutations, 7.9 GiB for a million texts). This index
keeps the same banding scheme over the same signatures in flat numpy arrays: per band a
sorted array of 32-bit band keys with the row of each, the signatures themselves for
verification (64 x uint32), and a 64-bit hash of each sender. That is about 400 bytes
per text (≈ 390 MB for a million) and a query costs one binary search per band.

New texts go to a small per-band dictionary first and are merged into the sorted arrays
in batches, as a log-structured store would. Production can keep the same layout in Redis
(one sorted set per band) and share it between workers; see docs/trust.md.

With 64 permutations in 16 bands of 4 rows, a pair with Jaccard similarity s becomes a
candidate with probability 1 - (1 - s^4)^16: 0.12 at s = 0.3, 0.64 at 0.5, 0.98 at 0.7,
0.9998 at 0.8. Candidates are then verified against `threshold` on the full signature.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import numpy.typing as npt

from handschlag.trust.text.minhash import DEFAULT_NUM_PERM, EMPTY, Signature

__all__ = ["CrossMatch", "IndexError_", "TemplateIndex", "sender_key"]

_FORMAT = "handschlag-trust-lsh-1"


class IndexError_(ValueError):
    """A stored index that cannot be read."""


@dataclass(frozen=True, slots=True)
class CrossMatch:
    """Near-duplicates from other accounts: how many texts, from how many senders."""

    count: int
    senders: int
    best_similarity: float
    truncated: bool


def sender_key(sender_id: str) -> int:
    """A stable 64-bit key for a sender id (the index stores no ids or texts)."""
    return int.from_bytes(hashlib.blake2b(sender_id.encode(), digest_size=8).digest(), "little")


class TemplateIndex:
    """MinHash LSH over signatures of recent texts, with the sender of each."""

    def __init__(
        self,
        num_perm: int = DEFAULT_NUM_PERM,
        bands: int = 16,
        threshold: float = 0.5,
        max_candidates: int = 64,
        merge_every: int = 65536,
    ) -> None:
        if num_perm % bands:
            raise ValueError("num_perm must be a multiple of bands")
        self.num_perm = num_perm
        self.bands = bands
        self.rows_per_band = num_perm // bands
        self.threshold = threshold
        self.max_candidates = max_candidates
        self.merge_every = merge_every
        rng = np.random.default_rng(num_perm * 1000 + bands)
        self._mult = rng.integers(1, 2**63, size=self.rows_per_band, dtype=np.uint64) | np.uint64(1)
        self._sigs = np.empty((0, num_perm), dtype=np.uint32)
        self._senders = np.empty(0, dtype=np.uint64)
        self._size = 0
        self._keys = [np.empty(0, dtype=np.uint32) for _ in range(bands)]
        self._rows = [np.empty(0, dtype=np.uint32) for _ in range(bands)]
        self._sorted = 0
        self._pending: list[dict[int, list[int]]] = [{} for _ in range(bands)]

    def __len__(self) -> int:
        return self._size

    ### Building ###

    def band_keys(self, sigs: npt.NDArray[np.uint32]) -> npt.NDArray[np.uint32]:
        """The 32-bit key of each band of each signature, shape (n, bands)."""
        parts = sigs.reshape(len(sigs), self.bands, self.rows_per_band).astype(np.uint64)
        mixed = (parts * self._mult).sum(axis=2, dtype=np.uint64)
        mixed ^= mixed >> np.uint64(29)
        keys: npt.NDArray[np.uint32] = (mixed & np.uint64(0xFFFFFFFF)).astype(np.uint32)
        return keys

    def reserve(self, capacity: int) -> None:
        """Allocate room for `capacity` texts at once (saves copies when bulk loading)."""
        if capacity > len(self._sigs):
            sigs = np.empty((capacity, self.num_perm), dtype=np.uint32)
            sigs[: self._size] = self._sigs[: self._size]
            senders = np.empty(capacity, dtype=np.uint64)
            senders[: self._size] = self._senders[: self._size]
            self._sigs, self._senders = sigs, senders

    def add(self, sender_id: str, signature: Signature) -> None:
        """Store one text's signature (empty texts are skipped)."""
        self.add_many([sender_key(sender_id)], signature[None, :])

    def add_many(
        self, senders: list[int] | npt.NDArray[np.uint64], sigs: npt.NDArray[np.uint32]
    ) -> None:
        """Store many signatures with their senders' keys (see `sender_key`)."""
        keep = ~(sigs == EMPTY).all(axis=1)
        sigs = sigs[keep]
        sender_arr = np.asarray(senders, dtype=np.uint64)[keep]
        n = len(sigs)
        if n == 0:
            return
        if self._size + n > len(self._sigs):
            self.reserve(max(self._size + n, 2 * len(self._sigs), 1024))
        start = self._size
        self._sigs[start : start + n] = sigs
        self._senders[start : start + n] = sender_arr
        self._size += n
        if n >= self.merge_every // 4:
            self._merge()
            return
        keys = self.band_keys(sigs)
        for b in range(self.bands):
            pending = self._pending[b]
            for offset, key in enumerate(keys[:, b].tolist()):
                pending.setdefault(key, []).append(start + offset)
        if self._size - self._sorted >= self.merge_every:
            self._merge()

    def _merge(self) -> None:
        """Fold every unsorted row into the sorted per-band arrays."""
        if self._sorted == self._size:
            return
        new_rows = np.arange(self._sorted, self._size, dtype=np.uint32)
        new_keys = self.band_keys(self._sigs[self._sorted : self._size])
        for b in range(self.bands):
            keys = np.concatenate((self._keys[b], new_keys[:, b]))
            rows = np.concatenate((self._rows[b], new_rows))
            order = np.argsort(keys, kind="stable")
            self._keys[b], self._rows[b] = keys[order], rows[order]
            self._pending[b].clear()
        self._sorted = self._size

    ### Querying ###

    def query(self, signature: Signature, *, exclude_sender: str | None = None) -> CrossMatch:
        """Stored texts similar to `signature` (at least `threshold`), other senders only."""
        if self._size == 0 or (signature == EMPTY).all():
            return CrossMatch(0, 0, 0.0, truncated=False)
        keys = self.band_keys(signature[None, :])[0].tolist()
        chunks = []
        truncated = False
        cap = self.max_candidates
        for b, key in enumerate(keys):
            sorted_keys = self._keys[b]
            lo = int(np.searchsorted(sorted_keys, key, side="left"))
            if lo < len(sorted_keys) and sorted_keys[lo] == key:
                hi = int(np.searchsorted(sorted_keys, key, side="right"))
                if hi - lo > cap:
                    truncated, hi = True, lo + cap
                chunks.append(self._rows[b][lo:hi])
            pending = self._pending[b].get(key)
            if pending:
                chunks.append(np.asarray(pending[:cap], dtype=np.uint32))
        if not chunks:
            return CrossMatch(0, 0, 0.0, truncated=False)
        candidates = np.unique(np.concatenate(chunks))
        if exclude_sender is not None:
            candidates = candidates[
                self._senders[candidates] != np.uint64(sender_key(exclude_sender))
            ]
        if candidates.size == 0:
            return CrossMatch(0, 0, 0.0, truncated=truncated)
        sims = (self._sigs[candidates] == signature).mean(axis=1)
        hit = sims >= self.threshold
        if not hit.any():
            return CrossMatch(0, 0, 0.0, truncated=truncated)
        senders = np.unique(self._senders[candidates[hit]])
        return CrossMatch(int(hit.sum()), int(senders.size), float(sims[hit].max()), truncated)

    ### Size and storage ###

    def memory_bytes(self) -> int:
        """Bytes held by the arrays (signatures, senders, band keys and rows)."""
        total = self._sigs.nbytes + self._senders.nbytes
        total += sum(k.nbytes + r.nbytes for k, r in zip(self._keys, self._rows, strict=True))
        # Pending rows live in Python dicts: roughly 100 bytes per band entry.
        total += 100 * self.bands * (self._size - self._sorted)
        return total

    def save(self, path: str | Path) -> None:
        """Write the index as a numpy .npz file (no pickle)."""
        self._merge()
        np.savez(
            path,
            format=np.array(_FORMAT),
            params=np.array([self.num_perm, self.bands, self.max_candidates], dtype=np.int64),
            threshold=np.array(self.threshold),
            sigs=self._sigs[: self._size],
            senders=self._senders[: self._size],
            keys=np.stack(self._keys) if self._size else np.empty((self.bands, 0), np.uint32),
            rows=np.stack(self._rows) if self._size else np.empty((self.bands, 0), np.uint32),
        )

    @classmethod
    def load(cls, path: str | Path) -> TemplateIndex:
        """Read an index written by `save` (pickled objects are refused)."""
        try:
            with np.load(path, allow_pickle=False) as data:
                if str(data["format"]) != _FORMAT:
                    raise IndexError_(f"{path}: not a trust index")
                num_perm, bands, max_candidates = (int(v) for v in data["params"])
                index = cls(num_perm, bands, float(data["threshold"]), max_candidates)
                index._sigs = data["sigs"].astype(np.uint32)
                index._senders = data["senders"].astype(np.uint64)
                index._size = index._sorted = len(index._sigs)
                index._keys = list(data["keys"].astype(np.uint32))
                index._rows = list(data["rows"].astype(np.uint32))
        except (OSError, KeyError, ValueError) as exc:
            raise IndexError_(f"{path}: {exc}") from exc
        return index
