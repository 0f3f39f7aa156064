"""A compact cross-sender MinHash LSH index: one template used by many accounts.

datasketch's `MinHashLSH` keeps every band of every text as Python objects in dicts
(about 8.5 KB per text with 128 permutations, 7.9 GiB for a million texts). This index
keeps the same banding scheme over the same signatures in flat numpy arrays: one sorted
array of 64-bit keys (band number and 32-bit band hash) with the row of each, the
signatures themselves for verification (64 x uint32), and a 64-bit hash of each sender.
That is about 460 bytes per text (≈ 440 MiB for a million), and a query is a single
vectorised binary search for its 16 band keys.

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
from typing import Any

import numpy as np
import numpy.typing as npt

from handschlag.trust.text.minhash import DEFAULT_NUM_PERM, EMPTY, Signature

__all__ = ["CrossMatch", "IndexError_", "TemplateIndex", "sender_key"]

_FORMAT = "handschlag-trust-lsh-2"


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
        self._keys = np.empty(0, dtype=np.uint64)
        self._rows = np.empty(0, dtype=np.uint32)
        self._sorted = 0
        # A radix table over the sorted keys: where each bucket of keys (their top bits)
        # starts, so that a query reads a few neighbouring keys instead of binary-searching
        # 16 million (whose cache misses cost more than the rest of the query).
        self._table: npt.NDArray[np.unsignedinteger[Any]] = np.zeros(1, dtype=np.uint32)
        self._shift = np.uint64(32)
        self._pending: dict[int, list[int]] = {}
        self._deferred = False
        self._band_ids = np.arange(bands, dtype=np.uint64) << np.uint64(32)

    def __len__(self) -> int:
        return self._size

    ### Building ###

    def band_keys(self, sigs: npt.NDArray[np.uint32]) -> npt.NDArray[np.uint64]:
        """The key of each band of each signature, shape (n, bands): the band's number in
        the high 32 bits, a hash of its rows in the low 32."""
        parts = sigs.reshape(len(sigs), self.bands, self.rows_per_band).astype(np.uint64)
        mixed = (parts * self._mult).sum(axis=2, dtype=np.uint64)
        mixed ^= mixed >> np.uint64(29)
        keys: npt.NDArray[np.uint64] = (mixed & np.uint64(0xFFFFFFFF)) | self._band_ids
        return keys

    def _keys_of(self, signature: Signature) -> npt.NDArray[np.uint64]:
        """`band_keys` of one signature, in fewer steps (the same values: both wrap mod 2^64)."""
        parts = signature.reshape(self.bands, self.rows_per_band).astype(np.uint64)
        mixed: npt.NDArray[np.uint64] = parts @ self._mult
        mixed ^= mixed >> np.uint64(29)
        keys: npt.NDArray[np.uint64] = (mixed & np.uint64(0xFFFFFFFF)) | self._band_ids
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
        self,
        senders: list[int] | npt.NDArray[np.uint64],
        sigs: npt.NDArray[np.uint32],
        *,
        defer: bool = False,
    ) -> None:
        """Store many signatures with their senders' keys (see `sender_key`).

        With `defer`, rows are only appended (a bulk load); they are indexed all at once by
        the next query or save, instead of sorting the arrays after every batch.
        """
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
        if defer:
            self._deferred = True
            return
        if n >= self.merge_every // 4:
            self._merge()
            return
        keys = self.band_keys(sigs)
        for offset, row in enumerate(keys.tolist()):
            for key in row:
                self._pending.setdefault(key, []).append(start + offset)
        if self._size - self._sorted >= self.merge_every:
            self._merge()

    def _merge(self) -> None:
        """Fold every unsorted row into the sorted per-band arrays."""
        if self._sorted == self._size:
            return
        new_rows = np.repeat(np.arange(self._sorted, self._size, dtype=np.uint32), self.bands)
        new_keys = self.band_keys(self._sigs[self._sorted : self._size]).ravel()
        keys = np.concatenate((self._keys, new_keys))
        rows = np.concatenate((self._rows, new_rows))
        order = np.argsort(keys, kind="stable")
        self._keys, self._rows = keys[order], rows[order]
        self._pending.clear()
        self._sorted = self._size
        self._deferred = False
        self._build_table()

    def _build_table(self) -> None:
        """Bucket the sorted keys by band and the top bits of their hash (about 8 per bucket)."""
        bits = max(4, min(20, self._sorted.bit_length() - 3))
        self._shift = np.uint64(32 - bits)
        buckets = (self._keys >> self._shift).astype(np.intp)
        counts = np.bincount(buckets, minlength=self.bands << bits)
        table = np.zeros(len(counts) + 1, dtype=np.uint64)
        np.cumsum(counts, out=table[1:])
        # uint32 offsets halve the table (8 MiB for a million texts) while they fit.
        self._table = table.astype(np.uint32) if len(self._keys) < 2**32 else table

    ### Querying ###

    def query(self, signature: Signature, *, exclude_sender: str | None = None) -> CrossMatch:
        """Stored texts similar to `signature` (at least `threshold`), other senders only."""
        if self._deferred:
            self._merge()
        if self._size == 0 or (signature[0] == EMPTY and (signature == EMPTY).all()):
            return CrossMatch(0, 0, 0.0, truncated=False)
        keys = self._keys_of(signature)
        chunks, truncated = self._lookup(keys)
        cap = self.max_candidates
        if self._pending:
            for key in keys.tolist():
                pending = self._pending.get(key)
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

    def _lookup(self, keys: npt.NDArray[np.uint64]) -> tuple[list[npt.NDArray[np.uint32]], bool]:
        """The rows stored under each of `keys` (at most `max_candidates` per key), and
        whether any key had more."""
        if self._sorted == 0:
            return [], False
        buckets = (keys >> self._shift).astype(np.intp)
        lo = self._table[buckets].astype(np.int64)
        sizes = self._table[buckets + 1].astype(np.int64) - lo
        total = int(sizes.sum())
        if total == 0:
            return [], False
        # Every key's bucket, one after the other; keep the positions holding the key itself.
        ends = np.cumsum(sizes)
        positions = np.arange(total) + np.repeat(lo - (ends - sizes), sizes)
        found = positions[self._keys[positions] == np.repeat(keys, sizes)]
        cap = self.max_candidates
        if len(found) == 0:
            return [], False
        if len(found) <= cap:
            return [self._rows[found]], False
        # Some key may have more rows than the cap: take each key's first `cap` ones.
        los = np.searchsorted(self._keys, keys, side="left").tolist()
        his = np.searchsorted(self._keys, keys, side="right").tolist()
        chunks, truncated = [], False
        for start, stop in zip(los, his, strict=True):
            if stop > start:
                if stop - start > cap:
                    truncated, stop = True, start + cap
                chunks.append(self._rows[start:stop])
        return chunks, truncated

    ### Size and storage ###

    def memory_bytes(self) -> int:
        """Bytes held by the arrays (signatures, senders, band keys and rows)."""
        total = self._sigs.nbytes + self._senders.nbytes + self._keys.nbytes + self._rows.nbytes
        total += self._table.nbytes
        # Pending rows live in a Python dict: roughly 100 bytes per band entry.
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
            keys=self._keys,
            rows=self._rows,
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
                index._keys = data["keys"].astype(np.uint64)
                index._rows = data["rows"].astype(np.uint32)
                index._build_table()
        except (OSError, KeyError, ValueError) as exc:
            raise IndexError_(f"{path}: {exc}") from exc
        return index
