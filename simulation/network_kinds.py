"""The kinds of social network a market can have: a plain list, so parameters can name
them without importing the graph code (networkx, scipy) that builds them."""

NETWORK_KINDS = ("small_world", "scale_free", "random", "complete", "communities", "edge_list")
