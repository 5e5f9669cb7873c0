"""Parameter groups, one frozen dataclass per mechanism, every default with its source
(the firm's spending and accounts are in `firm_groups`; GROUPS lists them all).

Sources: F1..F12 are the figures in docs/figures.md; "calibrated" means the value was
chosen so that default output reproduces the named figure (the tests check it);
"assumption" marks a modelling choice no published figure pins down.
"""

from __future__ import annotations

from dataclasses import dataclass

from simulation.network_kinds import NETWORK_KINDS
from simulation.parameters.attitude import AttitudeParams
from simulation.parameters.competition import CompetitionParams
from simulation.parameters.fields import ParameterGroup, param
from simulation.parameters.firm_groups import (
    RATER_DIMENSIONS,
    AcquisitionParams,
    EconomicsParams,
    PolicyParams,
)
from simulation.parameters.levers import CostParams
from simulation.parameters.save_desk import SaveDeskParams
from simulation.parameters.segments import SegmentParams
from simulation.parameters.tenure import TenureParams
from simulation.parameters.traits import TraitParams

# the firm's groups and the RATER names are re-exported: importers find every group here
__all__ = ["GROUPS", "RATER_DIMENSIONS", "AcquisitionParams", "EconomicsParams",
           "PolicyParams", "MarketParams", "NetworkParams", "ServiceParams", "ComplaintParams",
           "WomParams", "ChurnParams"]


@dataclass(frozen=True)
class MarketParams(ParameterGroup):
    """Who is in the market and how time is cut into steps."""

    GROUP = "market"
    population: int = param(10_000, low=10, high=50_000_000, source="setting",
                            doc="people in the market (prospects + customers)", label="people in the market",
                            unit="people")
    initial_customer_share: float = param(0.2, low=0.0, high=1.0, plausible=(0.05, 0.5), source="assumption",
                                          doc="share of people who are customers at month 0", unit="share")
    step_months: float = param(1.0, low=1 / 31, high=12.0, source="DESIGN.md",
                               doc="length of one step in months (1/30 = daily)", unit="months")
    entry_month: float = param(0.0, low=0.0, high=1200.0, source="setting",
                               doc="month the firm enters the market: before it the firm "
                                   "wins no customers (a later entrant starts with none; "
                                   "read only in a market of several firms)",
                               label="month the firm enters", unit="months")


@dataclass(frozen=True)
class NetworkParams(ParameterGroup):
    """The social network word of mouth travels on."""

    GROUP = "network"
    kind: str = param("small_world", choices=NETWORK_KINDS, source="assumption",
                      doc="graph family", unit="choice")
    mean_degree: float = param(10.0, low=1.0, high=1000.0, plausible=(4, 30), source="assumption",
                               doc="mean number of ties per person", label="ties per person", unit="ties")
    rewire_prob: float = param(0.1, low=0.0, high=1.0, source="Watts & Strogatz 1998",
                               doc="small-world rewiring probability", label="share of long-range ties",
                               unit="chance")
    triangle_prob: float = param(0.0, low=0.0, high=1.0, source="Holme & Kim 2002",
                                 doc="scale-free triad formation (clustering)", unit="chance")
    community_size: int = param(50, low=2, high=1_000_000, source="Goldenberg et al. 2001",
                                doc="people per strong-tie community", unit="people")
    weak_tie_share: float = param(0.2, low=0.0, high=1.0, source="Goldenberg et al. 2001",
                                  doc="share of a person's ties that are weak", label="share of weak ties",
                                  unit="share")
    strong_tie_influence: float = param(1.0, low=0.0, high=10.0, source="Goldenberg et al. 2001",
                                        doc="WOM effect multiplier over strong ties", unit="multiplier")
    weak_tie_influence: float = param(1.0, low=0.0, high=10.0, source="Goldenberg et al. 2001",
                                      doc="WOM effect multiplier over weak ties", unit="multiplier")
    edge_list_path: str = param("", source="user data", doc="edge-list file when kind = edge_list",
                                unit="text")


@dataclass(frozen=True)
class ServiceParams(ParameterGroup):
    """Service encounters: RATER quality, failures, disconfirmation."""

    GROUP = "service"
    service_enabled: bool = param(True, source="DESIGN.md",
                                  doc="off = no encounters (Bass special case)", unit="on/off")
    encounter_rate: float = param(1.0, low=0.0, high=60.0, plausible=(0.5, 4), source="assumption",
                                  doc="service encounters per customer per month",
                                  label="service encounters a month", unit="per customer-month")
    reliability: float = param(0.8, low=0.0, high=1.0,
                               plausible=(0.6, 0.95), source="assumption", doc="RATER quality",
                               unit="quality (0-1)")
    assurance: float = param(0.8, low=0.0, high=1.0,
                             plausible=(0.6, 0.95), source="assumption", doc="RATER quality",
                             unit="quality (0-1)")
    tangibles: float = param(0.8, low=0.0, high=1.0,
                             plausible=(0.6, 0.95), source="assumption", doc="RATER quality",
                             unit="quality (0-1)")
    empathy: float = param(0.8, low=0.0, high=1.0,
                           plausible=(0.6, 0.95), source="assumption", doc="RATER quality",
                           unit="quality (0-1)")
    responsiveness: float = param(0.8, low=0.0, high=1.0, plausible=(0.6, 0.95), source="assumption",
                                  doc="RATER quality", unit="quality (0-1)")
    weight_reliability: float = param(0.32, low=0.0, high=1.0,
                                      source="Zeithaml, Parasuraman & Berry 1990",
                                      doc="customers' importance weight (points/100)",
                                      unit="importance weight")
    weight_responsiveness: float = param(0.22, low=0.0, high=1.0,
                                         source="Zeithaml, Parasuraman & Berry 1990", doc="",
                                         unit="importance weight")
    weight_assurance: float = param(0.19, low=0.0, high=1.0,
                                    source="Zeithaml, Parasuraman & Berry 1990", doc="",
                                    unit="importance weight")
    weight_empathy: float = param(0.16, low=0.0, high=1.0,
                                  source="Zeithaml, Parasuraman & Berry 1990", doc="",
                                  unit="importance weight")
    weight_tangibles: float = param(0.11, low=0.0, high=1.0,
                                    source="Zeithaml, Parasuraman & Berry 1990", doc="",
                                    unit="importance weight")
    max_failure_prob: float = param(0.13, low=0.0, high=1.0, source="calibrated to F11",
                                    doc="failure chance per encounter at reliability 0", unit="chance")
    serious_failure_share: float = param(0.25, low=0.0, high=1.0, source="F7",
                                         doc="share of failures that are serious problems", unit="share")
    product_failure_share: float = param(10 / 78, low=0.0, high=1.0, source="F11",
                                         doc="share of failures from the product, not staff", unit="share")
    perception_noise: float = param(0.05, low=0.0, high=1.0, plausible=(0.02, 0.1), source="assumption",
                                    doc="sd of perceived quality around the RATER score", unit="share")
    failure_penalty: float = param(0.3, low=0.0, high=1.0, plausible=(0.15, 0.45), source="assumption",
                                   doc="perceived-quality drop of a minor failure", unit="share")
    serious_failure_penalty: float = param(0.5, low=0.0, high=1.0, plausible=(0.3, 0.7), source="assumption",
                                           doc="perceived-quality drop of a serious failure", unit="share")
    disconfirmation_scale: float = param(0.1, low=1e-3, high=1.0, plausible=(0.05, 0.2), source="assumption",
                                         doc="quality gap worth one satisfaction point",
                                         unit="quality points (0-1)")
    satisfaction_learning: float = param(0.6, low=0.0, high=1.0, plausible=(0.3, 0.8), source="assumption",
                                         doc="weight of the latest encounter in satisfaction",
                                         label="how fast satisfaction follows experience", unit="share")
    expectation_learning: float = param(0.2, low=0.0, high=1.0, plausible=(0.05, 0.4), source="assumption",
                                        doc="weight of the latest encounter in expectation", unit="share")
    market_norm: float = param(0.8, low=0.0, high=1.0, plausible=(0.6, 0.9),
                               source="assumption: the category's RATER level; the firm's default "
                                      "profile sits at it",
                               doc="quality customers expect before they know the firm "
                                   "(what the category delivers, 0-1)",
                               label="the category's quality (market norm)", unit="quality (0-1)")
    norm_pull: float = param(0.05, low=0.0, high=1.0, plausible=(0.0, 0.2),
                             source="assumption: 0 = expectations forget the "
                                    "category once they know the firm",
                             doc="share of the gap to the market norm a customer's "
                                 "expectation closes each month", unit="share a month")
    initial_satisfaction: float = param(4.0, low=1.0, high=5.0, plausible=(3.5, 4.5), source="assumption",
                                        doc="satisfaction (1-5) of new customers",
                                        label="satisfaction at the start", unit="1-5 scale")


@dataclass(frozen=True)
class ComplaintParams(ParameterGroup):
    """Who complains, how the queue is served, who stays after each outcome."""

    GROUP = "complaints"
    complaints_enabled: bool = param(True, source="DESIGN.md", doc="off = nobody complains", unit="on/off")
    complaint_prob: float = param(1 / 25, low=0.0, high=1.0, source="F6",
                                  doc="chance an unhappy customer complains (to the front "
                                      "line; those it does not settle escalate)",
                                  label="share of unhappy customers who complain", unit="chance")
    frontline_resolution_share: float = param(0.0, low=0.0, high=1.0,
                                              source="Goodman 2005 (tiers); 0 = no front "
                                                     "line (F6)",
                                              doc="share of complaints the front line "
                                                  "resolves on the spot", unit="share")
    escalation_share: float = param(1.0, low=0.0, high=1.0, source="Goodman 2005 (1-5% "
                                    "reach management); 1 = all (F6)",
                                    doc="share of complaints left unresolved at the front "
                                        "line that escalate to the management queue", unit="share")
    capacity_per_1000: float = param(5.0, low=0.0, high=1000.0, plausible=(2, 20), source="assumption",
                                     doc="complaints today's handlers close a month per 1000 customers",
                                     label="complaints handled a month per 1,000 customers",
                                     unit="complaints a month per 1,000")
    resolution_days: float = param(10.0, low=0.1, high=365.0, plausible=(3, 21), source="assumption",
                                   doc="mean days to close a complaint once a handler takes it up "
                                       "(waiting in the queue comes on top)",
                                   label="days to resolve a complaint", unit="days")
    fast_within_days: float = param(7.0, low=0.0, high=365.0, source="F9",
                                    doc="handled within this many days counts as quick", unit="days")
    resolution_success: float = param(0.8, low=0.0, high=1.0, plausible=(0.6, 0.95), source="assumption",
                                      doc="share of handled complaints resolved to satisfaction",
                                      unit="share")
    give_up_months: float = param(3.0, low=0.0, high=60.0, plausible=(1, 6), source="assumption",
                                  doc="a complaint waiting this long is abandoned unresolved", unit="months")
    stay_silent: float = param(0.37, low=0.0, high=1.0, source="TARP 1986 (F8)",
                               doc="stay chance, unhappy and silent", unit="chance")
    stay_unresolved: float = param(0.46, low=0.0, high=1.0, source="TARP 1986 (F8)",
                                   doc="stay chance, complained but unresolved", unit="chance")
    stay_resolved: float = param(0.60, low=0.0, high=1.0, source="F9",
                                 doc="stay chance, complaint resolved slowly", unit="chance")
    stay_resolved_fast: float = param(0.925, low=0.0, high=1.0, source="F9",
                                      doc="stay chance, complaint resolved quickly (90-95%)", unit="chance")
    stay_silent_serious: float = param(0.37, low=0.0, high=1.0, source="F9 (no split)",
                                       doc="stay chance, serious problem, silent", unit="chance")
    stay_unresolved_serious: float = param(0.46, low=0.0, high=1.0, source="F9 (no split)",
                                           doc="stay chance, serious problem, unresolved", unit="chance")
    stay_resolved_serious: float = param(0.60, low=0.0, high=1.0, source="F9 (no split)",
                                         doc="stay chance, serious problem, resolved slowly", unit="chance")
    stay_resolved_fast_serious: float = param(0.925, low=0.0, high=1.0, source="F9 (no split)",
                                              doc="stay chance, serious problem, resolved "
                                                  "quickly", unit="chance")
    recovery_paradox_bonus: float = param(0.5, low=0.0, high=4.0, source="F12",
                                          doc="satisfaction points above pre-failure level "
                                              "after a quick recovery", unit="satisfaction points")
    escalation_months: float = param(1.0, low=0.05, high=60.0, plausible=(0.5, 3), source="assumption (003)",
                                     doc="months of waiting per escalation level", unit="months")


@dataclass(frozen=True)
class WomParams(ParameterGroup):
    """Word of mouth: who tells, how many, and what hearing it does."""

    GROUP = "wom"
    positive_reach_min: int = param(1, low=0, high=1000, source="F1", doc="people told",
                                    label="fewest people a satisfied customer tells", unit="people")
    positive_reach_max: int = param(5, low=0, high=1000, source="F1", doc="people told",
                                    label="most people a satisfied customer tells", unit="people")
    negative_reach_min: int = param(10, low=0, high=1000, source="F4", doc="people told",
                                    label="fewest people an unhappy customer tells", unit="people")
    negative_reach_max: int = param(20, low=0, high=1000, source="F4", doc="people told",
                                    label="most people an unhappy customer tells", unit="people")
    amplified: bool = param(False, source="F5", doc="unhappy tellers reach amplified_reach", unit="on/off")
    amplified_reach: int = param(250, low=1, high=100_000, source="F5 (Girard)",
                                 doc="people an amplified unhappy customer reaches", unit="people")
    amplified_tie_share: float = param(0.5, low=0.0, high=1.0, plausible=(0.2, 0.8), source="assumption",
                                       doc="beyond own ties: share via ties of ties, "
                                           "rest random members of the market", unit="share")
    positive_tell_rate: float = param(0.25, low=0.0, high=30.0, plausible=(0.1, 0.5), source="assumption; "
                                      "evidence: calibrated to the 3:1 balance",
                                      doc="telling events per satisfied customer per month",
                                      label="how often satisfied customers praise", unit="per customer-month")
    enemy_tell_rate: float = param(1.0, low=0.0, high=30.0, source="003",
                                   doc="negative telling events per enemy per month",
                                   label="how often an enemy campaigns", unit="per enemy-month")
    enemy_calm_months: float = param(12.0, low=0.1, high=600.0, plausible=(3, 36), source="assumption",
                                     doc="mean months before an enemy stops campaigning", unit="months")
    critic_tell_ratio: float = param(0.0, low=0.0, high=10.0, source="F4 (one telling); "
                                     "evidence: East, Hammond & Wright 2007 (1: no more, "
                                     "no less)",
                                     doc="telling rate of a customer who stays unhappy or "
                                         "left over a bad experience / the praise rate",
                                     label="how often unhappy and departed customers complain "
                                           "to friends, per praise told",
                                     unit="x praise rate")
    critic_talk_months: float = param(12.0, low=0.0, high=600.0, plausible=(3, 36), source="assumption",
                                      doc="months after leaving over a bad experience "
                                          "during which a former customer still tells",
                                      label="months a customer who left over a bad experience keeps talking",
                                      unit="months")
    referral_conversion: float = param(0.091, low=0.0, high=1.0, source="calibrated to F2",
                                       doc="chance one positive message wins a prospect", unit="chance")
    follow_friend_prob: float = param(0.003, low=0.0, high=1.0, source="calibrated to F11",
                                      doc="chance a customer leaves per negative message heard",
                                      label="chance a bad word sends a customer to a rival", unit="chance")
    expectation_shift: float = param(0.005, low=0.0, high=1.0, source="001",
                                     doc="expectation change per message heard",
                                     label="how far one message moves expectations", unit="quality points")


@dataclass(frozen=True)
class ChurnParams(ParameterGroup):
    """Causes of leaving that no service episode explains (yearly hazards)."""

    GROUP = "churn"
    churn_enabled: bool = param(True, source="DESIGN.md", doc="off = nobody leaves", unit="on/off")
    death_rate: float = param(0.0025, low=0.0, high=1.0, source="calibrated to F11",
                              doc="deaths per customer-year", unit="per customer-year")
    moving_rate: float = param(0.0075, low=0.0, high=1.0, source="calibrated to F11",
                               doc="moves away per customer-year", unit="per customer-year")
    taste_change_rate: float = param(0.01, low=0.0, high=1.0, source="calibrated to F11",
                                     doc="taste changes per customer-year", unit="per customer-year")
    better_deal_rate: float = param(0.027, low=0.0, high=1.0, source="calibrated to F11",
                                    doc="defections to a better deal per customer-year",
                                    unit="per customer-year")


GROUPS = {cls.GROUP: cls for cls in (MarketParams, NetworkParams, ServiceParams,
                                     ComplaintParams, WomParams, ChurnParams,
                                     AcquisitionParams, EconomicsParams, PolicyParams,
                                     CostParams, AttitudeParams, TraitParams,
                                     SegmentParams, TenureParams, CompetitionParams,
                                     SaveDeskParams)}
