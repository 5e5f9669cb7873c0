"""Social networks for word of mouth: the graph type, its generators and edge-list files."""

from simulation.network.edge_list import from_edge_list, write_edge_list
from simulation.network.generators import (
    NETWORK_KINDS,
    build_network,
    communities,
    community_labels,
    complete,
    from_networkx,
    random_graph,
    scale_free,
    small_world,
)
from simulation.network.graph import SocialGraph

__all__ = ["NETWORK_KINDS", "SocialGraph", "build_network", "communities", "community_labels",
           "complete", "from_edge_list", "from_networkx", "random_graph", "scale_free",
           "small_world", "write_edge_list"]
