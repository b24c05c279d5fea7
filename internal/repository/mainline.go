package repository

import (
	"errors"
	"fmt"

	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/plumbing/object"
)

// ErrNoMainline means none of the references that could be the main line
// exists (Mainline); the message names the ones looked for.
var ErrNoMainline = errors.New("no main line")

// DefaultMainlines are the branch names Mainline tries, in order, when no
// branch is given: main (the forge default README "CI 与工作流" sets up),
// then master (git's and go-git's default without init.defaultBranch).
var DefaultMainlines = []string{"main", "master"}

// mainlineRefs lists the references that may be the main line branch b,
// most authoritative first: the forge's copy (refs/remotes/origin/b, what
// was reviewed and merged, as of the last fetch), then the local branch.
// With b == "" the names of DefaultMainlines are tried in turn. Pure.
func mainlineRefs(b string) []plumbing.ReferenceName {
	names := []string{b}
	if b == "" {
		names = DefaultMainlines
	}
	var out []plumbing.ReferenceName
	for _, n := range names {
		out = append(out, plumbing.NewRemoteReferenceName("origin", n), plumbing.NewBranchReferenceName(n))
	}
	return out
}

// Mainline resolves the main line that editions are published from
// (adversarial review G9; README 发布正式版本): the first of
// refs/remotes/origin/<branch>, refs/heads/<branch> that exists — branch
// "" tries main, then master (DefaultMainlines). name is its short name
// ("origin/main", "main"); tip its commit. An error wrapping ErrNoMainline
// when none exists.
func (r *Repo) Mainline(branch string) (name string, tip *object.Commit, err error) {
	g, err := r.Git()
	if err != nil {
		return "", nil, err
	}
	var tried []string
	for _, ref := range mainlineRefs(branch) {
		got, err := g.Git.Reference(ref, true)
		if errors.Is(err, plumbing.ErrReferenceNotFound) {
			tried = append(tried, ref.Short())
			continue
		}
		if err != nil {
			return "", nil, err
		}
		c, err := g.Git.CommitObject(got.Hash())
		if err != nil {
			return "", nil, fmt.Errorf("read commit %s of %s: %w", got.Hash(), ref.Short(), err)
		}
		return ref.Short(), c, nil
	}
	return "", nil, fmt.Errorf("%w (%v)", ErrNoMainline, tried)
}

// OnFirstParentChain reports whether commit c is tip or one of the commits
// reached from tip through first parents only — the commits that were
// the tip of the branch at some time, one after the other (a merged
// branch's own commits are second parents and are not on it). It reads
// the commits of the chain until it meets c.
func (r *Repo) OnFirstParentChain(tip, c *object.Commit) (bool, error) {
	g, err := r.Git()
	if err != nil {
		return false, err
	}
	for at := tip; ; {
		if at.Hash == c.Hash {
			return true, nil
		}
		if len(at.ParentHashes) == 0 {
			return false, nil
		}
		if at, err = g.Git.CommitObject(at.ParentHashes[0]); err != nil {
			return false, err
		}
	}
}

// HeadBranch is the short name of the branch HEAD is on ("pr-branch"),
// "" when HEAD is detached (a commit checked out directly).
func (r *Repo) HeadBranch() (string, error) {
	g, err := r.Git()
	if err != nil {
		return "", err
	}
	ref, err := g.Git.Storer.Reference(plumbing.HEAD)
	if err != nil {
		return "", err
	}
	if ref.Type() == plumbing.SymbolicReference && ref.Target().IsBranch() {
		return ref.Target().Short(), nil
	}
	return "", nil
}
