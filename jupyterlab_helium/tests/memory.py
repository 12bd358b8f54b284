"""Peak RSS growth of this process, sampled in a background thread (the Jupyter server under
pytest-jupyter runs in-process, so this bounds what the proxy buffers)."""

from __future__ import annotations

import gc
import threading

import psutil


class PeakRss:
    """Context manager: ``growth`` is the peak RSS minus the RSS at entry, in bytes."""

    def __init__(self, interval: float = 0.005):
        self._interval = interval
        self._process = psutil.Process()
        self._stop = threading.Event()
        self.baseline = 0
        self.peak = 0

    def _sample(self) -> None:
        while not self._stop.is_set():
            self.peak = max(self.peak, self._process.memory_info().rss)
            self._stop.wait(self._interval)

    def __enter__(self) -> "PeakRss":
        gc.collect()
        self.baseline = self.peak = self._process.memory_info().rss
        self._thread = threading.Thread(target=self._sample, daemon=True)
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._stop.set()
        self._thread.join()
        self.peak = max(self.peak, self._process.memory_info().rss)

    @property
    def growth(self) -> int:
        return self.peak - self.baseline
