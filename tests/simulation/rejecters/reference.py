"""Rejecters' passes written out plainly in numpy: the oracle the compiled kernels of
`simulation.rejecters.kernels` are compared with, exactly (months in float32, as stored)."""

import numpy as np

from simulation.state import PROSPECT


def forgive(rejecter, rejected_at, month, memory):
    rejecter[rejecter & (month - rejected_at >= memory)] = False


def reject(status, rejecter, rejected_at, attitude, threshold, month):
    turned = np.flatnonzero((status == PROSPECT) & ~rejecter & (attitude < threshold))
    rejecter[turned], rejected_at[turned] = True, month
    return turned


def talking(status, rejecter, rejected_at, month, talk_months):
    return np.flatnonzero(rejecter & (status == PROSPECT) & (month - rejected_at < talk_months))
