"""The classroom page's kernels: at most `max_kernels` at once (each open tab runs its own
market in a ~200 MB kernel), and a clear message instead of a kernel past the cap."""

from __future__ import annotations

from jupyter_server.services.kernels.kernelmanager import AsyncMappingKernelManager
from tornado import web
from traitlets import Integer


class CappedKernelManager(AsyncMappingKernelManager):
    """Voila's kernel manager with a cap on the number of kernels running at once."""

    max_kernels = Integer(8, config=True, help="kernels (open pages) allowed at once")

    async def start_kernel(self, *args, **kwargs):
        running = len(self.list_kernel_ids())
        if kwargs.get("kernel_id") is None and running >= self.max_kernels:
            raise web.HTTPError(503, full_message(self.max_kernels, self.cull_idle_timeout))
        return await super().start_kernel(*args, **kwargs)


def full_message(cap: int, cull_seconds: float) -> str:
    """What a page past the cap says."""
    wait = f"{cull_seconds / 60:g} minutes" if cull_seconds else "a while"
    return (f"The classroom app is full: {cap} pages are open, each running its own market. "
            f"Close a tab you no longer use (its market stops after {wait} idle) and reload "
            f"this page, or restart the demo with a higher --max-pages.")
