package history

import (
	"errors"
	"fmt"
	"sort"

	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/plumbing/object"

	"lpg/internal/layout"
)

// Added lists the paths under data/ (relative to the lpg root) that exist
// in the tree of head but not in that of base: what a push from base to
// head put on the branch. It is the input of the forge receipt rule
// (loop.ForgeReceipts), whatever the merge style (merge commit, squash,
// rebase, fast-forward). A 汇总表 counts as added when it gets its first
// filled row (rowdiff.Received: a header-only 汇总表, or a 预填汇总表 with
// 整改状态 empty, is no submission), so a placeholder and the statuses
// filled in later get the receipt of the push that brought them. Revisions are anything git accepts (a hash,
// origin/main, HEAD~1).
func (r *Repo) Added(base, head string) ([]string, error) {
	trees := make([]plumbing.Hash, 2)
	d := &differ{r: r, trees: map[plumbing.Hash]*object.Tree{}}
	for i, rev := range []string{base, head} {
		h, err := r.Git.ResolveRevision(plumbing.Revision(rev))
		if err != nil {
			return nil, fmt.Errorf("resolve %q: %w", rev, err)
		}
		c, err := r.Git.CommitObject(*h)
		if err != nil {
			return nil, fmt.Errorf("read commit %q: %w", rev, err)
		}
		if trees[i], err = d.subtree(c.TreeHash, r.prefix+layout.DataDir); err != nil {
			return nil, fmt.Errorf("commit %q: %w", rev, err)
		}
	}
	var out []string
	var blobErr error
	err := d.diff(trees[0], trees[1], layout.DataDir, func(p string, o, n plumbing.Hash) {
		if n.IsZero() {
			return
		}
		nr, err := r.received(p, n)
		if err != nil {
			blobErr = fmt.Errorf("%s: %w", p, inFile(err, p))
			return
		}
		if !nr {
			return
		}
		if !o.IsZero() {
			// a 汇总表 that was a placeholder (no filled row) is
			// received (added) when its first filled row arrives
			if or, err := r.received(p, o); err != nil || or {
				blobErr = errors.Join(blobErr, err)
				return
			}
		}
		out = append(out, p)
	})
	sort.Strings(out)
	if err == nil {
		err = blobErr
	}
	return out, err
}
