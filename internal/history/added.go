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

// Update is a submission file (layout.ParseSubmission) that a commit of
// the main line's first-parent chain changed after the file was received:
// the file existed, received (a 汇总表 with a filled row: rowdiff.Received),
// in the commit's first parent and still exists in the commit. Commit is
// the full hash.
type Update struct{ Path, Commit string }

// Updated lists the updates a push from base to head put on the main line
// (review round 3, G16: rows added to a file already received, 逾期补报):
// for every commit of head's first-parent chain after base, oldest first,
// the submission files it changed that its first parent already held as
// received, sorted by path within a commit. A merge commit or a squash is
// one commit; a rebase or fast-forward merge puts each of the pull
// request's commits on the chain, and each is listed with the files it
// changed (the build receives a row by the first-parent commit that added
// it: history.Index.RowVersions). When base is not on head's first-parent
// chain (a forced push), head alone is compared with base.
func (r *Repo) Updated(base, head string) ([]Update, error) {
	var ends [2]*object.Commit
	for i, rev := range []string{base, head} {
		h, err := r.Git.ResolveRevision(plumbing.Revision(rev))
		if err != nil {
			return nil, fmt.Errorf("resolve %q: %w", rev, err)
		}
		if ends[i], err = r.Git.CommitObject(*h); err != nil {
			return nil, fmt.Errorf("read commit %q: %w", rev, err)
		}
	}
	type step struct{ parent, commit *object.Commit }
	var chain []step
	for c := ends[1]; c.Hash != ends[0].Hash; {
		if len(c.ParentHashes) == 0 {
			chain = []step{{ends[0], ends[1]}}
			break
		}
		p, err := r.Git.CommitObject(c.ParentHashes[0])
		if err != nil {
			return nil, fmt.Errorf("read commit %s: %w", c.ParentHashes[0], err)
		}
		chain = append(chain, step{p, c})
		c = p
	}
	d := &differ{r: r, trees: map[plumbing.Hash]*object.Tree{}}
	var out []Update
	for i := len(chain) - 1; i >= 0; i-- {
		s := chain[i]
		a, err := d.subtree(s.parent.TreeHash, r.prefix+layout.DataDir)
		if err != nil {
			return nil, fmt.Errorf("commit %s: %w", s.parent.Hash, err)
		}
		b, err := d.subtree(s.commit.TreeHash, r.prefix+layout.DataDir)
		if err != nil {
			return nil, fmt.Errorf("commit %s: %w", s.commit.Hash, err)
		}
		var paths []string
		var blobErr error
		err = d.diff(a, b, layout.DataDir, func(p string, o, n plumbing.Hash) {
			if o.IsZero() || n.IsZero() {
				return
			}
			if _, err := layout.ParseSubmission(p); err != nil {
				return
			}
			ok, err := r.received(p, o)
			if err != nil {
				blobErr = errors.Join(blobErr, fmt.Errorf("%s: %w", p, inFile(err, p)))
				return
			}
			if ok {
				paths = append(paths, p)
			}
		})
		if err == nil {
			err = blobErr
		}
		if err != nil {
			return nil, err
		}
		sort.Strings(paths)
		for _, p := range paths {
			out = append(out, Update{Path: p, Commit: s.commit.Hash.String()})
		}
	}
	return out, nil
}
