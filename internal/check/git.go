package check

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/go-git/go-billy/v5"
	"github.com/go-git/go-billy/v5/osfs"
	"github.com/go-git/go-git/v5"
	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/plumbing/cache"
	"github.com/go-git/go-git/v5/plumbing/object"
	"github.com/go-git/go-git/v5/storage/filesystem"
	"github.com/go-git/go-git/v5/storage/filesystem/dotgit"
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

// openRepo opens the repository containing dir (searching parent
// directories like git does; a .git file of a linked work tree is
// followed). Pack files are opened once and kept open (KeepDescriptors),
// which matters when many objects are read from large packs.
func openRepo(dir string) (*repo, error) {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return nil, err
	}
	var top, gitdir string
	for p := abs; ; p = filepath.Dir(p) {
		fi, err := os.Stat(filepath.Join(p, ".git"))
		if err == nil {
			top, gitdir = p, filepath.Join(p, ".git")
			if !fi.IsDir() {
				b, err := os.ReadFile(gitdir)
				if err != nil {
					return nil, err
				}
				d, ok := strings.CutPrefix(strings.TrimSpace(string(b)), "gitdir:")
				if !ok {
					return nil, fmt.Errorf("%w: malformed .git file in %q", ErrRepository, p)
				}
				gitdir = strings.TrimSpace(d)
				if !filepath.IsAbs(gitdir) {
					gitdir = filepath.Join(p, gitdir)
				}
			}
			break
		}
		if filepath.Dir(p) == p {
			return nil, fmt.Errorf("%w: %q is not inside a git repository", ErrRepository, dir)
		}
	}
	var rfs billy.Filesystem = osfs.New(gitdir)
	if b, err := os.ReadFile(filepath.Join(gitdir, "commondir")); err == nil {
		common := strings.TrimSpace(string(b))
		if !filepath.IsAbs(common) {
			common = filepath.Join(gitdir, common)
		}
		rfs = dotgit.NewRepositoryFilesystem(rfs, osfs.New(common))
	}
	st := filesystem.NewStorageWithOptions(rfs, cache.NewObjectLRUDefault(), filesystem.Options{KeepDescriptors: true})
	r, err := git.Open(st, osfs.New(top))
	if err != nil {
		_ = st.Close()
		return nil, fmt.Errorf("%w: open %q: %v", ErrRepository, top, err)
	}
	return &repo{r: r, close: st.Close}, nil
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
