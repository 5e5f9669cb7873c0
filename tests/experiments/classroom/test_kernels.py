"""The classroom page's kernel cap: past it, a clear message instead of a new kernel."""

from __future__ import annotations

import asyncio

import pytest
from tornado import web

from experiments.classroom.kernels import CappedKernelManager


def test_a_page_past_the_cap_gets_a_message_not_a_kernel(monkeypatch):
    manager = CappedKernelManager(max_kernels=2, cull_idle_timeout=120)
    monkeypatch.setattr(manager, "list_kernel_ids", lambda: ["a", "b"])
    with pytest.raises(web.HTTPError) as refused:
        asyncio.run(manager.start_kernel(kernel_name="python3"))
    assert refused.value.status_code == 503
    assert "full: 2 pages are open" in refused.value.log_message
    assert "after 2 minutes idle" in refused.value.log_message
    assert "--max-pages" in refused.value.log_message
