"""Speed and memory measurements of Ripple against a peer measured in the same run."""
