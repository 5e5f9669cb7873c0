"""Experiments on the model: scenarios, paired strategy comparison, sweeps, lost-customer
value, execution backends, Parquet results and reports; the `ripple` command line."""
