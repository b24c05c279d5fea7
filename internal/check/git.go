package check

import (
	"errors"
	"fmt"

	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/plumbing/object"

	"lpg/internal/fault"
	"lpg/internal/repository"
)

// ErrShallow means the clone lacks history (a shallow clone, as
// actions/checkout makes by default). It is repository.ErrShallow: lpg has
// one repository model and one answer to a shallow clone.
var ErrShallow = repository.ErrShallow

// ErrRepository means dir is not inside a git repository, or a revision
// cannot be resolved.
var ErrRepository = errors.New("repository")

// repo is the repository opened through repository.Open: the lpg root
// inside the work tree is known (Files names paths from it), a shallow
// clone is refused, and every tree is read through history's one reader.
type repo struct {
	*repository.Repo
}

func openRepo(dir string) (*repo, error) {
	r, err := repository.Open(dir)
	if err != nil {
		return nil, fmt.Errorf("%w: %w", ErrRepository, err)
	}
	_, err = r.Git()
	switch {
	case errors.Is(err, repository.ErrShallow):
		return nil, err
	case errors.Is(err, repository.ErrNoRepository):
		return nil, fmt.Errorf("%w: %q 不在 git 仓库中", ErrRepository, dir)
	case err != nil:
		return nil, fmt.Errorf("%w: %w", ErrRepository, err)
	}
	return &repo{Repo: r}, nil
}

// commit resolves rev (a branch, remote branch, tag, hash or expression
// such as HEAD~1) to a commit.
func (rp *repo) commit(rev string) (*object.Commit, error) {
	c, err := rp.Commit(rev)
	var re *repository.RevisionError
	switch {
	case errors.As(err, &re) && !re.NotCommit:
		return nil, fmt.Errorf("%w: %v：检查分支名，CI 中需先 git fetch 目标分支", ErrRepository, re)
	case errors.As(err, &re):
		return nil, fmt.Errorf("%w: %v", ErrRepository, re)
	}
	return c, err
}

// mergeBases returns every best common ancestor of a and b: one in a
// plain history, several after criss-cross merges.
func (rp *repo) mergeBases(a, b *object.Commit) ([]*object.Commit, error) {
	bases, err := a.MergeBase(b)
	var oe *fault.ObjectError
	switch {
	case errors.As(err, &oe):
		return nil, err
	case err != nil:
		return nil, fmt.Errorf("%w: merge base of %s and %s: %v", ErrRepository, short(a.Hash), short(b.Hash), err)
	case len(bases) == 0:
		return nil, fmt.Errorf("%w: %s 与 %s 没有共同祖先：pull request 必须基于目标分支", ErrRepository, short(a.Hash), short(b.Hash))
	}
	return bases, nil
}

// editionTags returns the published report editions by month
// (repository.Repo.Tags, the one reading of report/YYYY-MM/vN tags).
func (rp *repo) editionTags() (map[string][]string, error) {
	eds, _, err := rp.Tags()
	if err != nil {
		return nil, err
	}
	out := map[string][]string{}
	for _, e := range eds {
		out[e.Month.String()] = append(out[e.Month.String()], e.Tag)
	}
	return out, nil
}

func short(h plumbing.Hash) string { return h.String()[:7] }
