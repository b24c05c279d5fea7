package repository

import (
	"errors"
	"fmt"
	"sort"
	"time"

	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/plumbing/object"

	"lpg/internal/fault"
	"lpg/internal/history"
)

// Merge is what merging a pull request's head into its base branch would
// change on the base branch (README "设计卡未规定之处的决定", pull request
// 检查的范围):
//
//   - the paths the pull request touches are those where the head differs
//     from any merge base — the union over all of them (several after
//     criss-cross merges), so a branch that merged another branch cannot
//     slip a revert of it past lpg check;
//   - the merged tree is the base's tip with the head's side of every
//     touched path;
//   - the changes are the touched paths where the merged tree differs
//     from the base's tip.
//
// Paths are named as Repo.Files names them (root-relative; "/p" outside
// the lpg root).
type Merge struct {
	Base, Head string   // commit hashes (40 hex digits) of the two revisions
	Bases      []string // every merge base, hex, in go-git's order; Bases[0] is the one shown
	// BaseFiles and Merged are the base's tip and the merged tree.
	BaseFiles, Merged history.Files
	Changes           []Change // sorted by path

	r          *Repo
	base, head *object.Commit
	mb         *object.Commit // Bases[0]
}

// Change is one path a merge would change on the base branch. From or To
// is the zero entry when the path is absent on that side (added or
// deleted).
type Change struct {
	Path     string
	From, To history.Entry
}

// MergeBaseError means the merge bases of Base and Head (short hashes)
// cannot be found: Err is nil when the two have no common ancestor, or
// go-git's reason.
type MergeBaseError struct {
	Base, Head string
	Err        error
}

func (e *MergeBaseError) Error() string {
	if e.Err == nil {
		return e.Base + " 与 " + e.Head + " 没有共同祖先"
	}
	return "merge base of " + e.Base + " and " + e.Head + ": " + e.Err.Error()
}

func (e *MergeBaseError) Unwrap() error { return e.Err }

// Merge resolves the revisions base and head (Commit: a *RevisionError when
// one names no commit) and works out what merging head into base would
// change (type Merge). No common ancestor, or a failure to walk to one, is
// a *MergeBaseError; an unreadable object a fault error (package fault).
func (r *Repo) Merge(base, head string) (*Merge, error) {
	b, err := r.Commit(base)
	if err != nil {
		return nil, err
	}
	h, err := r.Commit(head)
	if err != nil {
		return nil, err
	}
	bases, err := b.MergeBase(h)
	var oe *fault.ObjectError
	switch {
	case errors.As(err, &oe):
		return nil, err
	case err != nil || len(bases) == 0:
		return nil, &MergeBaseError{Base: short(b.Hash), Head: short(h.Hash), Err: err}
	}
	m := &Merge{Base: b.Hash.String(), Head: h.Hash.String(), r: r, base: b, head: h, mb: bases[0]}
	for _, mb := range bases {
		m.Bases = append(m.Bases, mb.Hash.String())
	}
	if m.BaseFiles, err = r.Files(b); err != nil {
		return nil, err
	}
	headFiles, err := r.Files(h)
	if err != nil {
		return nil, err
	}
	touched := map[string]bool{}
	for _, mb := range bases {
		mbFiles, err := r.Files(mb)
		if err != nil {
			return nil, err
		}
		for p, e := range mbFiles {
			if headFiles[p] != e {
				touched[p] = true
			}
		}
		for p := range headFiles {
			if _, ok := mbFiles[p]; !ok {
				touched[p] = true
			}
		}
	}
	m.Merged = make(history.Files, len(m.BaseFiles))
	for p, e := range m.BaseFiles {
		m.Merged[p] = e
	}
	for p := range touched {
		if e, ok := headFiles[p]; ok {
			m.Merged[p] = e
		} else {
			delete(m.Merged, p)
		}
	}
	for p := range touched {
		if from, to := m.BaseFiles[p], m.Merged[p]; from != to {
			m.Changes = append(m.Changes, Change{Path: p, From: from, To: to})
		}
	}
	sort.Slice(m.Changes, func(i, j int) bool { return m.Changes[i].Path < m.Changes[j].Path })
	return m, nil
}

// BaseHistory is what the base tip's first-parent chain says about the
// files under data/ (Repo.Scan of the base).
func (m *Merge) BaseHistory() (*history.Index, error) { return m.r.Scan(m.base) }

// CommitTimes are a commit's hash (hex) and its committer and author
// dates as recorded.
type CommitTimes struct {
	Hash              string
	Committer, Author time.Time
}

// Commits returns the commits of the pull request, at most max: those
// reachable from the head but not from the base (git log base..head),
// breadth first from the head. A linear branch is walked down to the
// first merge base; a branch with merges excludes everything reachable
// from the base.
func (m *Merge) Commits(max int) ([]CommitTimes, error) {
	var excluded map[plumbing.Hash]bool
	exclude := func() error {
		excluded = map[plumbing.Hash]bool{}
		it := object.NewCommitPreorderIter(m.base, nil, nil)
		defer it.Close()
		return it.ForEach(func(c *object.Commit) error {
			excluded[c.Hash] = true
			return nil
		})
	}
	var out []CommitTimes
	seen := map[plumbing.Hash]bool{}
	queue := []plumbing.Hash{m.head.Hash}
	for len(queue) > 0 && len(out) < max {
		h := queue[0]
		queue = queue[1:]
		if seen[h] || h == m.mb.Hash || excluded[h] {
			continue
		}
		seen[h] = true
		c, err := m.r.CommitOf(h)
		if err != nil {
			return nil, fmt.Errorf("read commit %s: %w", h, err)
		}
		if len(c.ParentHashes) > 1 && excluded == nil {
			if err := exclude(); err != nil {
				return nil, err
			}
			if excluded[h] {
				continue
			}
		}
		out = append(out, CommitTimes{Hash: c.Hash.String(), Committer: c.Committer.When, Author: c.Author.When})
		queue = append(queue, c.ParentHashes...)
	}
	return out, nil
}

func short(h plumbing.Hash) string { return h.String()[:7] }
