// Package check is the pull-request gate of lpg (`lpg check`, issue 4):
// it asks package repository what merging the pull request's head into
// its base would change (repository.Merge: the union over every merge
// base, go-git without a git binary), validates the merged tree with every
// rule of lpg validate and keeps what the change causes
// (validate.Caused), enforces the ownership rule of
// data/reference/accounts.csv, and renders the outcome as text, JSON,
// GitHub workflow annotations and a Markdown job summary.
//
// It also derives CODEOWNERS (GitHub and Gitea forms) from the same
// accounts table, so review routing and the ownership rule come from one
// source (owners.go).
//
// It reads the repository through package repository (opened once: the
// lpg root inside the work tree, a shallow clone refused, merge bases and
// the pull request's commits, trees read by the one reader, edition tags,
// row comparison; it imports no go-git package, TestOneEntry) and depends otherwise on
// validate, csvio, form, reference, calendar and diag; it knows nothing of
// flags, exit codes or the site.
package check
