"""The cross-sender template index shared by every process through Redis.

``trust.index.TemplateIndex`` keeps the LSH bands of recent texts in arrays of one
process. With ``REDIS_URL`` set, every web process and worker stores and queries the same
bands in Redis instead, so a template sent through one process is seen by all:

* ``<prefix>:b:<band key>``: a sorted set per band key (the band's number and the hash
  of its rows, ``TemplateIndex.band_keys``), members are text ids, scored by the time
  they were added; each set keeps the newest ``MAX_PER_BAND`` ids and expires with
  the window;
* ``<prefix>:s:<text id>``: the sender's 64-bit key and the text's signature (64 x uint32)
  for verification, expiring after ``window_seconds``.

A text's id is a hash of its sender and signature, so adding the same note twice (a
retried job, a second process seeding the store) stores it once. Queries read at most
``max_candidates + 1`` ids per band (the newest) and verify them on the full signature,
as the local index does.

The local arrays are kept as well (this process's notes and the rebuild from the
database): when Redis cannot be reached the index answers from them, logs it once, and
tries Redis again after ``retry_after`` seconds.
"""

from __future__ import annotations

import hashlib
import logging
import threading
import time
from typing import Any

import numpy as np
import numpy.typing as npt
from redis.exceptions import RedisError

from handschlag.trust.index import CrossMatch, TemplateIndex, sender_key
from handschlag.trust.text.minhash import EMPTY, Signature

logger = logging.getLogger(__name__)

#: Texts older than this no longer count as templates (and leave Redis).
WINDOW_SECONDS = 30 * 24 * 60 * 60
#: The newest ids kept per band key: a flood of one template cannot grow a set for ever.
MAX_PER_BAND = 1000
#: Texts written to Redis per round trip while seeding.
SEED_BATCH = 2000


class SharedTemplateIndex(TemplateIndex):
    """A ``TemplateIndex`` whose texts live in Redis, with the local arrays as fallback.

    ``client`` is a ``redis.Redis`` (or anything with its ``pipeline``, ``set`` and
    ``mget``); it should have short socket timeouts, since a query waits for it.
    """

    def __init__(
        self,
        client: Any,
        *,
        prefix: str = "hs:tmpl",
        window_seconds: int = WINDOW_SECONDS,
        retry_after: float = 5.0,
        **options: Any,
    ) -> None:
        super().__init__(**options)
        self.client = client
        self.prefix = f"{prefix}:{self.num_perm}x{self.bands}"
        self.window_seconds = window_seconds
        self.retry_after = retry_after
        self._down_until = 0.0
        self._state_lock = threading.Lock()

    ### Availability ###

    @property
    def shared(self) -> bool:
        """Whether Redis is used now (False for ``retry_after`` seconds after a failure)."""
        return time.monotonic() >= self._down_until

    def _failed(self, exc: Exception) -> None:
        with self._state_lock:
            was_up = self.shared
            self._down_until = time.monotonic() + self.retry_after
        if was_up:
            logger.warning(
                "template index: Redis unreachable (%s); using this process's index", exc
            )

    ### Keys ###

    def _band(self, key: int) -> str:
        return f"{self.prefix}:b:{key:016x}"

    def _sig(self, text_id: str) -> str:
        return f"{self.prefix}:s:{text_id}"

    @staticmethod
    def _text_id(sender: int, signature: npt.NDArray[np.uint32]) -> str:
        digest = hashlib.blake2b(sender.to_bytes(8, "little"), digest_size=8)
        digest.update(signature.tobytes())
        return digest.hexdigest()

    ### Writing ###

    def _write(
        self, senders: npt.NDArray[np.uint64], sigs: npt.NDArray[np.uint32], when: float
    ) -> None:
        keys = self.band_keys(sigs).tolist()
        ttl = self.window_seconds
        oldest = when - ttl
        pipe = self.client.pipeline(transaction=False)
        for sender, sig, bands in zip(senders.tolist(), sigs, keys, strict=True):
            text_id = self._text_id(sender, sig)
            pipe.set(self._sig(text_id), sender.to_bytes(8, "little") + sig.tobytes(), ex=ttl)
            for key in bands:
                band = self._band(key)
                pipe.zadd(band, {text_id: when})
                pipe.zremrangebyscore(band, "-inf", oldest)
                pipe.zremrangebyrank(band, 0, -MAX_PER_BAND - 1)
                pipe.expire(band, ttl)
        pipe.execute()

    @staticmethod
    def _kept(
        senders: list[int] | npt.NDArray[np.uint64], sigs: npt.NDArray[np.uint32]
    ) -> tuple[npt.NDArray[np.uint64], npt.NDArray[np.uint32]]:
        keep = ~(sigs == EMPTY).all(axis=1)
        return np.asarray(senders, dtype=np.uint64)[keep], sigs[keep]

    def add_many(
        self,
        senders: list[int] | npt.NDArray[np.uint64],
        sigs: npt.NDArray[np.uint32],
        *,
        defer: bool = False,
    ) -> None:
        """Store texts here and in Redis (when it answers)."""
        super().add_many(senders, sigs, defer=defer)
        if not self.shared:
            return
        sender_arr, kept = self._kept(senders, sigs)
        if len(kept) == 0:
            return
        try:
            self._write(sender_arr, kept, time.time())
        except RedisError as exc:
            self._failed(exc)

    def add_local(
        self, senders: list[int] | npt.NDArray[np.uint64], sigs: npt.NDArray[np.uint32]
    ) -> None:
        """Store texts in this process only (the rebuild from the database)."""
        super().add_many(senders, sigs, defer=True)

    def seed(
        self, senders: list[int] | npt.NDArray[np.uint64], sigs: npt.NDArray[np.uint32]
    ) -> bool:
        """Write texts to Redis unless another process seeded it within the window.

        Returns whether this process wrote them. Texts that are already there are
        stored once (their id is their content), so a second seeding is harmless.
        """
        if not self.shared:
            return False
        try:
            if not self.client.set(f"{self.prefix}:seeded", b"1", nx=True, ex=self.window_seconds):
                return False
            sender_arr, kept = self._kept(senders, sigs)
            now = time.time()
            for start in range(0, len(kept), SEED_BATCH):
                stop = start + SEED_BATCH
                self._write(sender_arr[start:stop], kept[start:stop], now)
        except RedisError as exc:
            self._failed(exc)
            return False
        return True

    ### Querying ###

    def query(self, signature: Signature, *, exclude_sender: str | None = None) -> CrossMatch:
        """Texts similar to ``signature`` from other senders, as Redis holds them (or, while
        it cannot be reached, as this process's arrays do)."""
        if self.shared:
            try:
                return self._query_shared(signature, exclude_sender)
            except RedisError as exc:
                self._failed(exc)
        return super().query(signature, exclude_sender=exclude_sender)

    def _query_shared(self, signature: Signature, exclude_sender: str | None) -> CrossMatch:
        if signature[0] == EMPTY and (signature == EMPTY).all():
            return CrossMatch(0, 0, 0.0, truncated=False)
        cap = self.max_candidates
        pipe = self.client.pipeline(transaction=False)
        for key in self._keys_of(signature).tolist():
            pipe.zrange(self._band(key), 0, cap, desc=True)
        truncated = False
        ids: dict[bytes, None] = {}
        for members in pipe.execute():
            if len(members) > cap:
                truncated = True
            ids.update(dict.fromkeys(members[:cap]))
        if not ids:
            return CrossMatch(0, 0, 0.0, truncated=False)
        values = self.client.mget([self._sig(i.decode()) for i in ids])
        width = 8 + 4 * self.num_perm
        rows = [v for v in values if v is not None and len(v) == width]
        if not rows:
            return CrossMatch(0, 0, 0.0, truncated=truncated)
        raw = np.frombuffer(b"".join(rows), dtype=np.uint8).reshape(len(rows), width)
        senders = raw[:, :8].copy().view("<u8").ravel().astype(np.uint64)
        sigs = raw[:, 8:].copy().view("<u4").astype(np.uint32)
        if exclude_sender is not None:
            other = senders != np.uint64(sender_key(exclude_sender))
            senders, sigs = senders[other], sigs[other]
        if len(sigs) == 0:
            return CrossMatch(0, 0, 0.0, truncated=truncated)
        sims = (sigs == signature).mean(axis=1)
        hit = sims >= self.threshold
        if not hit.any():
            return CrossMatch(0, 0, 0.0, truncated=truncated)
        return CrossMatch(
            int(hit.sum()), int(np.unique(senders[hit]).size), float(sims[hit].max()), truncated
        )
