"""`--dask ADDRESS`: the same bulk job on an existing Dask distributed cluster.

Every worker builds one pipeline when it joins (`PipelinePlugin`), then runs documents through the
same `runner.extract` as a local pool; results stream back to the parent, which writes them to the
same output files. The workers need protokol importable (installed, or the same checkout on
their path). Imported only when `--dask` is used: distributed is an optional extra.
"""
from __future__ import annotations

from distributed import Client, WorkerPlugin
from distributed import wait as dask_wait

from extractor.bulk.runner import Task, extract, init_worker


class PipelinePlugin(WorkerPlugin):
    """Build the pipeline when the worker starts, not on its first document."""

    name = "protokol-pipeline"

    def __init__(self, ner: bool = True) -> None:
        self.ner = ner

    def setup(self, worker) -> None:
        init_worker(self.ner)


class DaskBackend:
    """Submit documents to a cluster (`address` is a scheduler address or a connected Client)."""

    def __init__(self, address: str | Client, ner: bool = True) -> None:
        self.own = not isinstance(address, Client)
        self.client = Client(address) if self.own else address
        self.client.register_plugin(PipelinePlugin(ner), name=PipelinePlugin.name)
        threads = self.client.nthreads()
        self.jobs = len(threads)
        self.window = max(2, 2 * sum(threads.values()))
        self._n = 0

    def submit(self, task: Task):
        self._n += 1
        return self.client.submit(extract, task, pure=False, key=f"protokol-{self._n}-{task.sha256[:12]}")

    def wait_first(self, futures):
        return dask_wait(futures, return_when="FIRST_COMPLETED").done

    def restart(self) -> None:
        """Nothing to do: the scheduler replaces lost workers and retries their tasks."""

    def close(self) -> None:
        if self.own:
            self.client.close()
