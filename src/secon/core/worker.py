"""The worker: runs queued jobs and the upkeep of :mod:`secon.core.tasks` (leases, recurring, orphans).

``secon worker`` runs it on its own (as many processes as an installation needs); ``secon serve``
starts one beside the web server. With the database queue it runs ``concurrency`` threads of
django-tasks-db's worker loop; with Redis, RQ's worker (one per process: start more processes for
more throughput). Beside them a thread runs :func:`secon.core.tasks.maintain` every few seconds.

SIGINT/SIGTERM stop it gracefully: the jobs being run are finished first; a second signal stops at
once (the lease of an unfinished job then gives it to another worker).
"""

import logging
import os
import signal
import threading

from django_tasks import task_backends

from django.conf import settings
from django.db import close_old_connections, connection

from secon.core import tasks

logger = logging.getLogger("secon.tasks")


class Worker:
    """Run jobs until :meth:`stop` (or a signal, when run in the main thread)."""

    def __init__(
        self,
        *,
        concurrency: int = 1,
        interval: float = 1.0,
        upkeep_every: float = 5.0,
        parent_pid: int | None = None,
    ):
        self.concurrency = max(1, concurrency)
        self.interval = interval
        self.upkeep_every = upkeep_every
        self.parent_pid = parent_pid
        self.stopping = threading.Event()
        self._loops: list = []
        self._rq_in_main_thread = False

    # -- running --------------------------------------------------------------------------------------

    def run(self) -> None:
        """Run until stopped; installs signal handlers when called from the main thread."""
        if threading.current_thread() is threading.main_thread():
            for signum in (signal.SIGINT, signal.SIGTERM):
                signal.signal(signum, self._on_signal)
        upkeep = threading.Thread(target=self._upkeep_loop, name="secon-upkeep", daemon=True)
        upkeep.start()
        try:
            if settings.TASKS_BACKEND == "redis" and not _immediate():
                self._run_rq()
            else:
                self._run_database()
        finally:
            self.stopping.set()
            upkeep.join(timeout=30)
            connection.close()

    def stop(self) -> None:
        self.stopping.set()
        for loop in self._loops:
            loop.running = False

    def _on_signal(self, signum, frame) -> None:
        if self.stopping.is_set():
            logger.warning("stopping at once (%s)", signal.strsignal(signum))
            os._exit(1)
        logger.warning(
            "stopping after the jobs being run (%s); again to stop at once", signal.strsignal(signum)
        )
        self.stop()

    def _run_database(self) -> None:
        from django_tasks_db.management.commands.db_worker import Worker as DatabaseLoop

        threads = []
        for number in range(self.concurrency):
            loop = DatabaseLoop(
                queue_names=[settings.TASK_QUEUE],
                interval=self.interval,
                batch=False,
                backend_name="default",
                startup_delay=False,
                max_tasks=None,
                worker_id=f"{tasks.worker_name()}:{number}"[:64],
                excluded_queue_names=[],
            )
            self._loops.append(loop)
            thread = threading.Thread(target=self._database_loop, args=(loop,), name=f"secon-worker-{number}")
            thread.start()
            threads.append(thread)
        while not self.stopping.wait(0.5):
            if not any(thread.is_alive() for thread in threads):
                break
        self.stop()
        for thread in threads:
            thread.join()

    @staticmethod
    def _database_loop(loop) -> None:
        try:
            loop.run()
        finally:
            connection.close()

    def _run_rq(self) -> None:
        worker = rq_worker()
        if threading.current_thread() is threading.main_thread():
            # RQ handles SIGINT/SIGTERM itself (warm, then cold shutdown); ours only stop the upkeep.
            self._rq_in_main_thread = True
            worker.work(with_scheduler=False, logging_level="WARNING")
            return
        _without_signals(worker)
        while not self.stopping.is_set():
            worker.work(burst=True, with_scheduler=False, logging_level="WARNING")
            self.stopping.wait(self.interval)

    def _upkeep_loop(self) -> None:
        try:
            while not self.stopping.is_set():
                if self.parent_pid and os.getppid() != self.parent_pid:
                    logger.warning("the server that started this worker has stopped; stopping too")
                    self.stop()
                    if self._rq_in_main_thread:
                        os.kill(os.getpid(), signal.SIGTERM)  # RQ's own warm shutdown
                    break
                try:
                    close_old_connections()
                    tasks.maintain()
                    if settings.TASKS_BACKEND == "redis" and not _immediate():
                        enqueue_scheduled_rq_jobs()
                except Exception:
                    logger.exception("upkeep of the background tasks failed; trying again")
                self.stopping.wait(self.upkeep_every)
        finally:
            connection.close()


def _immediate() -> bool:
    from django_tasks.backends.immediate import ImmediateBackend

    return isinstance(task_backends["default"], ImmediateBackend)


def rq_worker():
    """Return an RQ worker for the task queue that runs jobs in its own process (no fork per job)."""
    import django_rq
    from django_tasks_rq.backend import Job as TaskJob
    from rq.worker import SimpleWorker

    class SeconRQWorker(SimpleWorker):
        def execute_job(self, job, queue):
            close_old_connections()
            try:
                return super().execute_job(job, queue)
            finally:
                close_old_connections()

    return django_rq.get_worker(settings.TASK_QUEUE, job_class=TaskJob, worker_class=SeconRQWorker)


def enqueue_scheduled_rq_jobs() -> None:
    """Move RQ's delayed jobs (retries) that are due into the queue, under RQ's scheduler lock.

    RQ's own scheduler runs in a child process of the worker, which a killed worker would leave
    behind; the upkeep thread does its work instead.
    """
    import django_rq
    from rq.scheduler import RQScheduler

    queue = django_rq.get_queue(settings.TASK_QUEUE)
    scheduler = RQScheduler([queue], connection=queue.connection)
    scheduler.acquire_locks()
    if scheduler.acquired_locks:
        try:
            scheduler.enqueue_scheduled_jobs()
        finally:
            scheduler.release_locks()


def _without_signals(worker) -> None:
    """Let an RQ worker run outside the main thread (signals only reach the main thread)."""
    from rq.timeouts import TimerDeathPenalty

    if threading.current_thread() is not threading.main_thread():
        worker._install_signal_handlers = lambda: None
        worker.death_penalty_class = TimerDeathPenalty


def run_until_idle() -> int:
    """Run every job that is due now, in this thread, then return how many ran (``--burst``)."""
    tasks.maintain()
    if settings.TASKS_BACKEND == "redis" and not _immediate():
        worker = rq_worker()
        _without_signals(worker)
        enqueue_scheduled_rq_jobs()
        worker.work(burst=True, with_scheduler=False, logging_level="WARNING")
        return worker.successful_job_count + worker.failed_job_count
    from django_tasks_db.management.commands.db_worker import Worker as DatabaseLoop

    loop = DatabaseLoop(
        queue_names=[settings.TASK_QUEUE],
        interval=0,
        batch=True,
        backend_name="default",
        startup_delay=False,
        max_tasks=None,
        worker_id=f"{tasks.worker_name()}:burst"[:64],
        excluded_queue_names=[],
    )
    loop.run()
    return loop._run_tasks
