package check

import (
	"errors"
	"fmt"
	"strings"

	"github.com/go-git/go-git/v5"
	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/plumbing/object"

	"lpg/internal/history"
)

// ErrShallow means the clone lacks history needed to find the merge base
// of base and head (a shallow clone, as actions/checkout makes by default).
var ErrShallow = errors.New("shallow clone")

// ErrRepository means dir is not inside a git repository, or a revision
// cannot be resolved.
var ErrRepository = errors.New("repository")

// shallowHint is the advice printed with ErrShallow.
const shallowHint = "浅克隆缺少计算合并基点所需的历史：在 actions/checkout 中设置 fetch-depth: 0（Gitea 同样），或运行 git fetch --unshallow"

// repo is an open repository; close releases its kept file descriptors.
type repo struct {
	r     *git.Repository
	close func() error
}

// openRepo opens the repository containing dir through history.OpenGit
// (parent directories, linked work trees, pack files kept open); a shallow
// clone is accepted here, its missing history is reported where it matters.
func openRepo(dir string) (*repo, error) {
	r, closeFn, err := history.OpenGit(dir)
	if errors.Is(err, history.ErrNoRepository) {
		return nil, fmt.Errorf("%w: %q 不在 git 仓库中", ErrRepository, dir)
	}
	if err != nil {
		return nil, fmt.Errorf("%w: %v", ErrRepository, err)
	}
	return &repo{r: r, close: closeFn}, nil
}

// shallow reports whether the repository is a shallow clone.
func (rp *repo) shallow() bool {
	s, err := rp.r.Storer.Shallow()
	return err == nil && len(s) > 0
}

// commit resolves rev (a branch, remote branch, tag, hash or expression
// such as HEAD~1) to a commit.
func (rp *repo) commit(rev string) (*object.Commit, error) {
	h, err := rp.r.ResolveRevision(plumbing.Revision(rev))
	if err != nil {
		if rp.shallow() {
			return nil, fmt.Errorf("%w: 找不到修订 %q。%s", ErrShallow, rev, shallowHint)
		}
		return nil, fmt.Errorf("%w: 找不到修订 %q（%v）：检查分支名，CI 中需先 git fetch 目标分支", ErrRepository, rev, err)
	}
	c, err := rp.r.CommitObject(*h)
	if err != nil {
		return nil, fmt.Errorf("%w: 修订 %q 不是一个提交（%v）", ErrRepository, rev, err)
	}
	return c, nil
}

// mergeBase returns the best common ancestor of a and b (the first one
// when history is criss-crossed, as git merge-base does).
func (rp *repo) mergeBase(a, b *object.Commit) (*object.Commit, error) {
	bases, err := a.MergeBase(b)
	switch {
	case err != nil && rp.shallow():
		return nil, fmt.Errorf("%w: %v。%s", ErrShallow, err, shallowHint)
	case err != nil:
		return nil, fmt.Errorf("%w: merge base of %s and %s: %v", ErrRepository, short(a.Hash), short(b.Hash), err)
	case len(bases) == 0 && rp.shallow():
		return nil, fmt.Errorf("%w: %s 与 %s 没有共同祖先。%s", ErrShallow, short(a.Hash), short(b.Hash), shallowHint)
	case len(bases) == 0:
		return nil, fmt.Errorf("%w: %s and %s have no common ancestor", ErrRepository, short(a.Hash), short(b.Hash))
	}
	return bases[0], nil
}

// editionTags returns the published report editions: the tags
// report/YYYY-MM/vN, by month.
func (rp *repo) editionTags() (map[string][]string, error) {
	iter, err := rp.r.Tags()
	if err != nil {
		return nil, err
	}
	out := map[string][]string{}
	err = iter.ForEach(func(ref *plumbing.Reference) error {
		name := ref.Name().Short()
		parts := strings.Split(name, "/")
		if len(parts) == 3 && parts[0] == "report" && strings.HasPrefix(parts[2], "v") {
			out[parts[1]] = append(out[parts[1]], name)
		}
		return nil
	})
	return out, err
}

func short(h plumbing.Hash) string { return h.String()[:7] }
