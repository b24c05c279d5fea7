// Package repository is the one entry to a data repository (issue 10,
// STYLE.md "One repository model"): it is opened once from the lpg root on
// disk (--root, which may lie below the top of a git work tree) and hands
// out every state of the repository the commands judge as a View — the
// working tree on disk, the tree of a commit, or either with one file laid
// over it (lpg import) — each validated into the model by the one parser
// (View.Load, validate.Run).
//
// The git side is opened at most once, when first needed (Git): the lpg
// root inside the work tree is resolved there, a shallow clone is refused
// there (ErrShallow), and every tree entry is read through history's one
// reader, which lists symbolic links and gitlinks and refuses to read them
// (validate reports them as file.symlink / file.gitlink, naming the path).
// The receipt history of HEAD (History), the edition tags (Tags), the
// receipts table on disk (Receipts) and the row comparison of two versions
// of a file (Diff, package rowdiff) are offered here once, so no command
// and no other package opens git, resolves the root or builds a data path
// by hand (package layout is the grammar of those paths).
//
// It depends on history (go-git), validate, rowdiff, csvio, form, layout
// and diag; it knows nothing of flags, exit codes, the loop or the site.
package repository
