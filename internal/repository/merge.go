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
//   - the paths the pull request touches are those where the head
//     differs from the merge base; with several merge bases (criss-cross
//     merges) from the virtual merge base that git's recursive merge
//     builds, path by path (virtualBase), so a branch that merged another
//     branch cannot slip a revert of it past lpg check, and a path where
//     the head keeps what the merged history agreed on is not its change
//     (review finding F3); where the merge bases themselves conflict, the
//     head differing from any of them touches the path;
//   - a touched path that the base's tip also changed since the merge
//     base, to something else than the head has, is Stale (git would
//     merge the two contents);
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
	// Stale lists the paths both the pull request and the base branch
	// changed since the merge base, to different contents, sorted: git
	// would merge their contents, which lpg does not judge; lpg check
	// refuses them until the pull request merges the base branch.
	Stale []string

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
	virt, conflicts, err := r.virtualBase(bases, 0)
	if err != nil {
		return nil, err
	}
	touched := map[string]bool{}
	stale := map[string]bool{}
	judge := func(p string) {
		if touched[p] {
			return
		}
		he, hok := headFiles[p]
		if conflicts[p] {
			// the merge bases themselves disagree: the old union rule
			for _, mb := range bases {
				if e, ok := r.filesOf(mb, p); ok != hok || e != he {
					touched[p] = true
					return
				}
			}
			return
		}
		ve, vok := virt[p]
		if vok == hok && ve == he {
			return // the head has the merge base's version: not its change
		}
		touched[p] = true
		if te, tok := m.BaseFiles[p]; (tok != vok || te != ve) && (tok != hok || te != he) {
			stale[p] = true // changed on both sides since the merge base
		}
	}
	for p := range virt {
		judge(p)
	}
	for p := range headFiles {
		judge(p)
	}
	for p := range conflicts {
		judge(p)
	}
	for p := range stale {
		m.Stale = append(m.Stale, p)
	}
	sort.Strings(m.Stale)
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
// FastForward reports whether the head contains the base branch's tip
// (the tip is a merge base): the forge can then merge by fast-forward,
// and the head commit becomes the tip of the base branch as it is, with
// its own committer date.
func (m *Merge) FastForward() bool { return m.mb != nil && m.mb.Hash == m.base.Hash }

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

// filesOf returns the entry of path p in commit c's tree (Repo.Files).
func (r *Repo) filesOf(c *object.Commit, p string) (history.Entry, bool) {
	f, err := r.Files(c)
	if err != nil {
		return history.Entry{}, false
	}
	e, ok := f[p]
	return e, ok
}

// maxVirtualDepth bounds the recursion of virtualBase (merge bases of
// merge bases); deeper, the first merge base stands for them all.
const maxVirtualDepth = 4

// virtualBase returns the files of the virtual merge base of bases, as
// git's recursive strategy builds it, path by path: one base is itself;
// several are merged in turn, each pair against the virtual base of their
// own merge bases, a path taking the side that changed it. conflicts are
// the paths both sides changed (git would merge the contents): for them
// the virtual base is unknown.
func (r *Repo) virtualBase(bases []*object.Commit, depth int) (history.Files, map[string]bool, error) {
	acc, err := r.Files(bases[0])
	if err != nil {
		return nil, nil, err
	}
	conflicts := map[string]bool{}
	if len(bases) == 1 || depth >= maxVirtualDepth {
		return acc, conflicts, nil
	}
	for _, b := range bases[1:] {
		other, err := r.Files(b)
		if err != nil {
			return nil, nil, err
		}
		cbs, err := bases[0].MergeBase(b)
		var oe *fault.ObjectError
		if errors.As(err, &oe) {
			return nil, nil, err
		}
		var common history.Files
		inner := map[string]bool{}
		if err == nil && len(cbs) > 0 {
			if common, inner, err = r.virtualBase(cbs, depth+1); err != nil {
				return nil, nil, err
			}
		}
		next := history.Files{}
		paths := map[string]bool{}
		for _, f := range []history.Files{acc, other, common} {
			for p := range f {
				paths[p] = true
			}
		}
		for p := range paths {
			a, aok := acc[p]
			o, ook := other[p]
			c, cok := common[p]
			switch {
			case aok == ook && a == o:
			case inner[p] || conflicts[p]:
				conflicts[p] = true
			case aok == cok && a == c:
				a, aok = o, ook // only the other side changed it
			case ook == cok && o == c:
				// only this side changed it
			default:
				conflicts[p] = true
			}
			if aok {
				next[p] = a
			}
		}
		acc = next
	}
	return acc, conflicts, nil
}
