"""The parameter catalogue: declared fields, their groups, the `Params` record and its presets."""
