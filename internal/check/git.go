package check

import (
	"errors"
	"fmt"

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

// merge works out what merging head into base would change
// (repository.Repo.Merge: the union over every merge base). An unknown
// revision, or two revisions without a common ancestor, is ErrRepository
// with a Chinese reason; an unreadable object a fault error.
func (rp *repo) merge(base, head string) (*repository.Merge, error) {
	m, err := rp.Merge(base, head)
	var re *repository.RevisionError
	var me *repository.MergeBaseError
	switch {
	case errors.As(err, &re) && re.Err != nil && !re.NotCommit:
		return nil, fmt.Errorf("%w: %v：检查分支名，CI 中需先 git fetch 目标分支", ErrRepository, re)
	case errors.As(err, &re):
		return nil, fmt.Errorf("%w: %v", ErrRepository, re)
	case errors.As(err, &me) && me.Err == nil:
		return nil, fmt.Errorf("%w: %s 与 %s 没有共同祖先：pull request 必须基于目标分支", ErrRepository, me.Base, me.Head)
	case errors.As(err, &me):
		return nil, fmt.Errorf("%w: %v", ErrRepository, me)
	}
	return m, err
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
