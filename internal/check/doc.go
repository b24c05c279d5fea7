// Package check is the pull-request gate of lpg (`lpg check`, issue 4):
// it reads two commits of the data repository through go-git (no git
// binary), finds their merge base, lists the files the pull request
// changes, validates the changed data files together with the cross-file
// rules they touch, enforces the ownership rule of
// data/reference/accounts.csv, and renders the outcome as text, JSON,
// GitHub workflow annotations and a Markdown job summary.
//
// It also derives CODEOWNERS (GitHub and Gitea forms) from the same
// accounts table, so review routing and the ownership rule come from one
// source (owners.go).
//
// It reads the repository through package repository (opened once: the
// lpg root inside the work tree, a shallow clone refused, trees read by
// the one reader, edition tags, row comparison) and depends otherwise on
// validate, csvio, form, reference, calendar and diag; it knows nothing of
// flags, exit codes or the site.
package check
