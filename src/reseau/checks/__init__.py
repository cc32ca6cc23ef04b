"""Cross-file rules: each module has an ID and a `check(network, where)` yielding problems;
`rules` runs them all. The package itself imports nothing, so that `git` (asked on every
`check`, remembered or not) loads without the models."""
